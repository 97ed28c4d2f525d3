/* marz-export.h: incidents as GeoJSON or CSV, for GIS and spreadsheets
 *
 * GeoJSON follows RFC 7946: a FeatureCollection with one Feature per
 * incident, WGS84 positions [lon, lat] with at most six decimals, no "crs".
 * Incidents placed in a whole province get the province's outline from the
 * basemap as their geometry, the others a Point (see marz-export-geojson.c).
 *
 * CSV follows RFC 4180: UTF-8 with a BOM (so spreadsheet programs read the
 * Arabic and Persian as UTF-8), CRLF line ends, a header row and one row per
 * report with its incident's fields repeated.  Unknown figures are empty.
 *
 * Both are the same bytes whatever they are written to.
 */
#pragma once

#include <gio/gio.h>

#include "marz-basemap.h"
#include "marz-gazetteer.h"
#include "marz-incident.h"
#include "marz-store.h"

G_BEGIN_DECLS

typedef enum
{
  MARZ_EXPORT_GEOJSON,
  MARZ_EXPORT_CSV,
} MarzExportFormat;

typedef struct
{
  guint n_incidents;
  guint n_reports;
} MarzExportSummary;

gboolean    marz_export_format_from_string      (const char        *name,
                                                 MarzExportFormat  *format);
const char *marz_export_format_to_string        (MarzExportFormat   format);
/* By the file name's extension: .geojson or .json, .csv. */
gboolean    marz_export_format_from_path        (const char        *path,
                                                 MarzExportFormat  *format);
const char *marz_export_format_get_content_type (MarzExportFormat   format);

/* @gazetteer (nullable) gives each place's kind; @basemap (nullable) the
 * outlines of provinces; without it every incident is a Point. */
gboolean    marz_export_write_incidents   (GPtrArray          *incidents,
                                           MarzExportFormat    format,
                                           MarzGazetteer      *gazetteer,
                                           MarzBasemap        *basemap,
                                           GOutputStream      *stream,
                                           GCancellable       *cancellable,
                                           MarzExportSummary  *summary,
                                           GError            **error);
/* The incidents passing @filter, written whole to @path or not at all (an
 * earlier file there is kept on failure).  Errors name @path. */
gboolean    marz_export_incidents         (MarzStore                *store,
                                           const MarzIncidentFilter *filter,
                                           MarzExportFormat          format,
                                           MarzGazetteer            *gazetteer,
                                           MarzBasemap              *basemap,
                                           const char               *path,
                                           GCancellable             *cancellable,
                                           MarzExportSummary        *summary,
                                           GError                  **error);
/* The same in a worker thread with its own read-only connection to the
 * database at @database_path; @filter is copied. */
void        marz_export_incidents_async   (const char               *database_path,
                                           const MarzIncidentFilter *filter,
                                           MarzExportFormat          format,
                                           MarzGazetteer            *gazetteer,
                                           MarzBasemap              *basemap,
                                           const char               *path,
                                           GCancellable             *cancellable,
                                           GAsyncReadyCallback       callback,
                                           gpointer                  user_data);
gboolean    marz_export_incidents_finish  (GAsyncResult             *result,
                                           MarzExportSummary        *summary,
                                           GError                  **error);

G_END_DECLS
