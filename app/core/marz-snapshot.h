/* marz-snapshot.h: a finished map figure, drawn by the core for reports
 *
 * A snapshot is the map as the window shows it (the same basemap renderer,
 * Web Mercator projection, clustering and marker style) plus the furniture a
 * figure in a report needs.  It is drawn with cairo and pango only, so
 * marz-cli exports on a machine without a display and the window previews
 * and exports exactly what it shows.
 *
 * Threads: marz_snapshot_load() queries the store (call it where you may
 * block); afterwards a snapshot holds its own copy of what it draws, and
 * render/write may run in any one thread at a time.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "marz-basemap.h"
#include "marz-incident.h"
#include "marz-store.h"

G_BEGIN_DECLS

#define MARZ_SNAPSHOT_ERROR (marz_snapshot_error_quark ())

/* The window's zoom range (its tile source's): a snapshot shows any view it can. */
#define MARZ_SNAPSHOT_MAX_ZOOM 20.0

typedef enum
{
  MARZ_SNAPSHOT_ERROR_INVALID,   /* a size, box or zoom that cannot be drawn */
  MARZ_SNAPSHOT_ERROR_FAILED,    /* cairo could not draw or write */
} MarzSnapshotError;

typedef enum
{
  MARZ_SNAPSHOT_PNG,
  MARZ_SNAPSHOT_SVG,
  MARZ_SNAPSHOT_PDF,
} MarzSnapshotFormat;

/* What is drawn besides the map; each can be switched off. */
typedef enum
{
  MARZ_SNAPSHOT_TITLE       = 1 << 0,   /* title and subtitle, when set */
  MARZ_SNAPSHOT_FILTERS     = 1 << 1,   /* the date range and active filters */
  MARZ_SNAPSHOT_LEGEND      = 1 << 2,   /* the incident types shown */
  MARZ_SNAPSHOT_SCALE_BAR   = 1 << 3,
  MARZ_SNAPSHOT_NORTH_ARROW = 1 << 4,
  MARZ_SNAPSHOT_ATTRIBUTION = 1 << 5,   /* every data source used */
  MARZ_SNAPSHOT_LIST        = 1 << 6,   /* numbered incidents; numbers on the map */
} MarzSnapshotFurniture;

#define MARZ_SNAPSHOT_FURNITURE_DEFAULT \
  (MARZ_SNAPSHOT_TITLE | MARZ_SNAPSHOT_FILTERS | MARZ_SNAPSHOT_LEGEND | MARZ_SNAPSHOT_SCALE_BAR | \
   MARZ_SNAPSHOT_NORTH_ARROW | MARZ_SNAPSHOT_ATTRIBUTION)

#define MARZ_TYPE_SNAPSHOT (marz_snapshot_get_type ())
G_DECLARE_FINAL_TYPE (MarzSnapshot, marz_snapshot, MARZ, SNAPSHOT, GObject)

GQuark        marz_snapshot_error_quark     (void);

/* @filter is copied.  @basemap is shared (its renderer is thread-safe). */
MarzSnapshot *marz_snapshot_new             (MarzBasemap              *basemap,
                                             const MarzIncidentFilter *filter);
/* Reads the incidents that pass the filter, with their reports. */
gboolean      marz_snapshot_load            (MarzSnapshot             *self,
                                             MarzStore                *store,
                                             GError                  **error);

/* The view: the size of the figure in pixels at 96 dpi… */
void          marz_snapshot_set_size        (MarzSnapshot             *self,
                                             guint                     width,
                                             guint                     height);
void          marz_snapshot_get_size        (MarzSnapshot             *self,
                                             guint                    *width,
                                             guint                    *height);
/* The exact size of a PNG (0 × 0: width × dpi / 96), e.g. a paper's at its dpi. */
void          marz_snapshot_set_png_size    (MarzSnapshot             *self,
                                             guint                     width,
                                             guint                     height);
guint         marz_snapshot_mm_to_px        (double                    mm,
                                             double                    dpi);
/* …and what it shows: a centre and a (fractional) zoom as in the window, or
 * a box that fills the map exactly (the zoom follows from it, up to
 * MARZ_SNAPSHOT_MAX_ZOOM; @zoom is 0 … MARZ_SNAPSHOT_MAX_ZOOM).  Without
 * either, the view frames every incident loaded. */
void          marz_snapshot_set_center_zoom (MarzSnapshot             *self,
                                             double                    lat,
                                             double                    lon,
                                             double                    zoom);
void          marz_snapshot_set_bbox        (MarzSnapshot             *self,
                                             double                    min_lon,
                                             double                    min_lat,
                                             double                    max_lon,
                                             double                    max_lat);

void          marz_snapshot_set_title       (MarzSnapshot             *self,
                                             const char               *title,
                                             const char               *subtitle);
void          marz_snapshot_set_furniture   (MarzSnapshot             *self,
                                             MarzSnapshotFurniture     furniture);
MarzSnapshotFurniture marz_snapshot_get_furniture (MarzSnapshot       *self);
/* The language of labels and furniture text (as marz_basemap_set_language). */
void          marz_snapshot_set_language    (MarzSnapshot             *self,
                                             const char               *language);

/* Where the map is in the figure, in pixels at 96 dpi.  Without
 * MARZ_SNAPSHOT_LIST the map fills the figure and the furniture is drawn
 * over it in boxes.  With it, the list takes a panel of floor(width / 3)
 * on the right of a landscape figure (width >= height), or of
 * floor(height / 3) at the bottom of a portrait one, and the map fills the
 * rest.  A box given to marz_snapshot_set_bbox() fills this frame: exactly
 * along its tighter dimension, centred along the other, so that when the
 * box has the frame's aspect in Web Mercator its corners are the frame's
 * corners and a place at (lat, lon) lands at
 *   x = frame_x + frame_width  * (X(lon) - X(min_lon)) / (X(max_lon) - X(min_lon))
 *   y = frame_y + frame_height * (Y(lat) - Y(max_lat)) / (Y(min_lat) - Y(max_lat))
 * with X, Y the Web Mercator projection. */
void          marz_snapshot_get_map_frame   (MarzSnapshot             *self,
                                             double                   *x,
                                             double                   *y,
                                             double                   *width,
                                             double                   *height);

/* Where an incident's place lands, in pixels of the figure at 96 dpi. */
void          marz_snapshot_project         (MarzSnapshot             *self,
                                             double                    lat,
                                             double                    lon,
                                             double                   *x,
                                             double                   *y);

/* Draws the whole figure into @cr, whose user space is the figure's pixels
 * at 96 dpi (scale @cr for a preview or a higher resolution). */
void          marz_snapshot_render          (MarzSnapshot             *self,
                                             cairo_t                  *cr);
/* Writes the figure to @path through MarzOutput (whole or nothing).  For PNG,
 * @dpi sets the resolution: the image is width×height×dpi/96 pixels.  SVG and
 * PDF are vector, with text as text, sized width×height at 96 dpi. */
gboolean      marz_snapshot_write           (MarzSnapshot             *self,
                                             const char               *path,
                                             MarzSnapshotFormat        format,
                                             double                    dpi,
                                             GError                  **error);

/* As marz_snapshot_write(); a write cancelled before it ends leaves no file. */
gboolean      marz_snapshot_write_full      (MarzSnapshot             *self,
                                             const char               *path,
                                             MarzSnapshotFormat        format,
                                             double                    dpi,
                                             GCancellable             *cancellable,
                                             GError                  **error);

gboolean      marz_snapshot_format_from_string (const char            *name,
                                                MarzSnapshotFormat    *format);
const char   *marz_snapshot_format_to_string   (MarzSnapshotFormat     format);

G_END_DECLS
