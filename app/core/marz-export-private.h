/* marz-export-private.h: what the marz-export*.c files share */
#pragma once

#include "marz-export.h"

G_BEGIN_DECLS

/* Text gathered in a buffer and written to the stream in large pieces. */
typedef struct
{
  GOutputStream *stream;       /* borrowed */
  GCancellable  *cancellable;  /* borrowed */
  GString       *buf;
} MarzExportWriter;

gboolean _marz_export_writer_flush  (MarzExportWriter  *w,
                                     gboolean           force,
                                     GError           **error);
/* A coordinate with at most six decimals (about 0.1 m), without trailing
 * zeros, in the C locale. */
void     _marz_export_append_coord  (GString           *buf,
                                     double             value);
double   _marz_export_round_coord   (double             value);
/* The gazetteer's kind of place ("province", "city", …), or NULL. */
const char *_marz_export_place_kind (MarzGazetteer     *gazetteer,
                                     const char        *place_id);

gboolean _marz_export_write_geojson (MarzExportWriter  *w,
                                     GPtrArray         *incidents,
                                     MarzGazetteer     *gazetteer,
                                     MarzBasemap       *basemap,
                                     GError           **error);
gboolean _marz_export_write_csv     (MarzExportWriter  *w,
                                     GPtrArray         *incidents,
                                     MarzGazetteer     *gazetteer,
                                     GError           **error);

G_END_DECLS
