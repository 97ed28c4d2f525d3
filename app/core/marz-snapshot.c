/* marz-snapshot.c
 *
 * The snapshot object: what a figure shows (view, filter, furniture), the
 * incidents it read, and how it is laid out and written.  Markers are in
 * marz-snapshot-markers.c, the furniture in marz-snapshot-furniture.c and
 * the numbered list in marz-snapshot-list.c.
 */
#define G_LOG_DOMAIN "marz-snapshot"

#include "marz-snapshot-private.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <math.h>
#include <string.h>

#include "marz-mercator.h"
#include "marz-output.h"

G_DEFINE_FINAL_TYPE (MarzSnapshot, marz_snapshot, G_TYPE_OBJECT)
G_DEFINE_QUARK (marz-snapshot-error-quark, marz_snapshot_error)

#define DEFAULT_WIDTH  1200
#define DEFAULT_HEIGHT 800
/* Around the incidents when the view frames them all: a fraction of the
 * box on each side, and at least this many degrees across. */
#define FRAME_MARGIN   0.12
#define FRAME_MIN_SPAN 1.0

/* Afghanistan and Pakistan, when there is nothing to frame. */
static const double border_region[4] = { 60.5, 23.6, 77.8, 38.5 };

/* By date, undated last; then in the store's order. */
static int
compare_incidents (gconstpointer a,
                   gconstpointer b)
{
  const MarzIncident *x = *(MarzIncident **) a, *y = *(MarzIncident **) b;
  int c;

  if ((x->date == NULL) != (y->date == NULL))
    return x->date == NULL ? 1 : -1;
  if (x->date && (c = strcmp (x->date, y->date)) != 0)
    return c;
  return x->id < y->id ? -1 : x->id > y->id;
}

static GHashTable *
load_sources (MarzStore  *store,
              GError    **error)
{
  g_autoptr(GPtrArray) articles = marz_store_list_articles (store, error);
  GHashTable *sources;

  if (articles == NULL)
    return NULL;
  sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < articles->len; i++)
    {
      MarzArticleInfo *info = g_ptr_array_index (articles, i);
      g_hash_table_insert (sources, g_strdup (info->name), g_strdup (info->source ? info->source : info->name));
    }
  return sources;
}

/* The box the view frames without a centre or a box: every place marked. */
static void
incidents_box (MarzSnapshot *self,
               double       *box)
{
  guint n = self->markers ? marz_marker_set_get_n_places (self->markers) : 0;
  double span;

  if (n == 0)
    {
      memcpy (box, border_region, sizeof border_region);
      return;
    }
  box[0] = box[1] = G_MAXDOUBLE;
  box[2] = box[3] = -G_MAXDOUBLE;
  for (guint i = 0; i < n; i++)
    {
      const MarzPlaceSummary *place = marz_marker_set_get_place (self->markers, i);
      box[0] = MIN (box[0], place->lon), box[2] = MAX (box[2], place->lon);
      box[1] = MIN (box[1], place->lat), box[3] = MAX (box[3], place->lat);
    }
  span = MAX (MAX (box[2] - box[0], box[3] - box[1]) * FRAME_MARGIN, FRAME_MIN_SPAN / 2);
  box[0] -= span, box[2] += span;
  box[1] = MAX (box[1] - span, -80.0), box[3] = MIN (box[3] + span, 80.0);
}

/* The zoom and centre at which @box fills the map: exactly along the
 * tighter dimension, centred along the other. */
static void
fit_box (MarzSnapshotFrame *frame,
         const double      *box,
         double            *cx,
         double            *cy)
{
  double x0, y0, x1, y1, scale;

  marz_mercator_project_unit (box[3], box[0], &x0, &y0);
  marz_mercator_project_unit (box[1], box[2], &x1, &y1);
  scale = MIN (frame->map_width / MAX (x1 - x0, 1e-9), frame->map_height / MAX (y1 - y0, 1e-9));
  frame->zoom = CLAMP (log2 (scale / MARZ_SNAPSHOT_TILE_SIZE), 0.0, MARZ_SNAPSHOT_MAX_ZOOM);
  *cx = (x0 + x1) / 2;
  *cy = (y0 + y1) / 2;
}

/* The map's frame: the whole figure, or all but the list's panel (on the
 * right of a landscape figure, at the bottom of a portrait one). */
static void
frame_layout (MarzSnapshot      *self,
              MarzSnapshotFrame *frame)
{
  double w = self->width, h = self->height;

  frame->map_x = frame->map_y = 0;
  frame->map_width = w, frame->map_height = h;
  if (!(self->furniture & MARZ_SNAPSHOT_LIST))
    return;
  if (w >= h)
    {
      frame->list_width = floor (w / 3);
      frame->map_width = w - frame->list_width;
      frame->list_x = frame->map_width, frame->list_height = h;
    }
  else
    {
      frame->list_height = floor (h / 3);
      frame->map_height = h - frame->list_height;
      frame->list_y = frame->map_height, frame->list_width = w;
    }
}

void
_marz_snapshot_frame_init (MarzSnapshot      *self,
                           MarzSnapshotFrame *frame)
{
  double box[4], cx, cy, world;

  memset (frame, 0, sizeof *frame);
  frame_layout (self, frame);
  switch (self->view)
    {
    case MARZ_SNAPSHOT_VIEW_CENTER:
      frame->zoom = self->zoom;
      marz_mercator_project_unit (self->lat, self->lon, &cx, &cy);
      break;
    case MARZ_SNAPSHOT_VIEW_BBOX:
      fit_box (frame, self->bbox, &cx, &cy);
      break;
    case MARZ_SNAPSHOT_VIEW_ALL:
    default:
      incidents_box (self, box);
      fit_box (frame, box, &cx, &cy);
      break;
    }
  world = marz_mercator_world_size (frame->zoom, MARZ_SNAPSHOT_TILE_SIZE);
  frame->origin_x = cx * world - frame->map_width / 2;
  frame->origin_y = cy * world - frame->map_height / 2;
}

void
_marz_snapshot_frame_clear (MarzSnapshotFrame *frame)
{
  g_clear_pointer (&frame->marks, g_array_unref);
  g_clear_pointer (&frame->shown, g_ptr_array_unref);
  g_clear_pointer (&frame->outlines, g_ptr_array_unref);
  g_clear_pointer (&frame->furniture_boxes, g_array_unref);
}

void
_marz_snapshot_frame_project (const MarzSnapshotFrame *frame,
                              double                   lat,
                              double                   lon,
                              double                  *x,
                              double                  *y)
{
  marz_mercator_project (lat, lon, frame->zoom, MARZ_SNAPSHOT_TILE_SIZE, x, y);
  *x += frame->map_x - frame->origin_x;
  *y += frame->map_y - frame->origin_y;
}

static void
marz_snapshot_finalize (GObject *object)
{
  MarzSnapshot *self = MARZ_SNAPSHOT (object);

  g_clear_object (&self->basemap);
  marz_incident_filter_clear (&self->filter);
  g_clear_pointer (&self->incidents, g_ptr_array_unref);
  g_clear_pointer (&self->markers, marz_marker_set_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->language);
  G_OBJECT_CLASS (marz_snapshot_parent_class)->finalize (object);
}

static void
marz_snapshot_class_init (MarzSnapshotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = marz_snapshot_finalize;
}

static void
marz_snapshot_init (MarzSnapshot *self)
{
  self->width = DEFAULT_WIDTH;
  self->height = DEFAULT_HEIGHT;
  self->furniture = MARZ_SNAPSHOT_FURNITURE_DEFAULT;
  self->filter.type = -1;
}

/* Public API ------------------------------------------------------------- */

MarzSnapshot *
marz_snapshot_new (MarzBasemap              *basemap,
                   const MarzIncidentFilter *filter)
{
  MarzSnapshot *self;

  g_return_val_if_fail (MARZ_IS_BASEMAP (basemap), NULL);

  self = g_object_new (MARZ_TYPE_SNAPSHOT, NULL);
  self->basemap = g_object_ref (basemap);
  if (filter != NULL)
    marz_incident_filter_copy (&self->filter, filter);
  return self;
}

/**
 * marz_snapshot_load:
 *
 * Reads the incidents that pass the filter (by date), the places the map
 * marks (names in the snapshot's language: set it before) and the sources
 * of the articles, for the list and the attribution.
 */
gboolean
marz_snapshot_load (MarzSnapshot  *self,
                    MarzStore     *store,
                    GError       **error)
{
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GHashTable) sources = NULL;
  GPtrArray *summaries;

  g_return_val_if_fail (MARZ_IS_SNAPSHOT (self), FALSE);
  g_return_val_if_fail (MARZ_IS_STORE (store), FALSE);

  if (!(incidents = marz_store_query_incidents (store, &self->filter, error)) ||
      !(sources = load_sources (store, error)) ||
      !(summaries = marz_store_summarize_places (store, &self->filter, self->language, error)))
    return FALSE;
  g_ptr_array_sort (incidents, compare_incidents);
  g_clear_pointer (&self->incidents, g_ptr_array_unref);
  g_clear_pointer (&self->markers, marz_marker_set_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  self->incidents = g_steal_pointer (&incidents);
  self->sources = g_steal_pointer (&sources);
  self->markers = marz_marker_set_new (summaries, !self->filter.hide_diplomacy);
  return TRUE;
}

void
marz_snapshot_set_size (MarzSnapshot *self,
                        guint         width,
                        guint         height)
{
  g_return_if_fail (MARZ_IS_SNAPSHOT (self));
  g_return_if_fail (width > 0 && height > 0);

  self->width = width;
  self->height = height;
}

/**
 * marz_snapshot_set_png_size:
 *
 * The exact size of a PNG in pixels, e.g. a paper's at its dpi, when
 * width × dpi / 96 would round it off by a pixel; 0 × 0 goes back to that.
 */
void
marz_snapshot_set_png_size (MarzSnapshot *self,
                            guint         width,
                            guint         height)
{
  g_return_if_fail (MARZ_IS_SNAPSHOT (self));
  g_return_if_fail ((width == 0) == (height == 0) && width <= 32767 && height <= 32767);

  self->png_width = width;
  self->png_height = height;
}

/* Pixels for @mm millimetres at @dpi. */
guint
marz_snapshot_mm_to_px (double mm,
                        double dpi)
{
  return (guint) MAX (1, round (mm / 25.4 * dpi));
}

void
marz_snapshot_get_size (MarzSnapshot *self,
                        guint        *width,
                        guint        *height)
{
  g_return_if_fail (MARZ_IS_SNAPSHOT (self));

  if (width)
    *width = self->width;
  if (height)
    *height = self->height;
}

void
marz_snapshot_set_center_zoom (MarzSnapshot *self,
                               double        lat,
                               double        lon,
                               double        zoom)
{
  g_return_if_fail (MARZ_IS_SNAPSHOT (self));
  g_return_if_fail (zoom >= 0 && zoom <= MARZ_SNAPSHOT_MAX_ZOOM);

  self->view = MARZ_SNAPSHOT_VIEW_CENTER;
  self->lat = CLAMP (lat, -MARZ_MERCATOR_MAX_LATITUDE, MARZ_MERCATOR_MAX_LATITUDE);
  self->lon = lon;
  self->zoom = zoom;
}

/**
 * marz_snapshot_set_bbox:
 *
 * The box fills the map frame (see marz_snapshot_get_map_frame()) exactly
 * along one dimension and is centred along the other; when the box and the
 * frame have the same aspect in Web Mercator, its corners are the frame's.
 */
void
marz_snapshot_set_bbox (MarzSnapshot *self,
                        double        min_lon,
                        double        min_lat,
                        double        max_lon,
                        double        max_lat)
{
  g_return_if_fail (MARZ_IS_SNAPSHOT (self));
  g_return_if_fail (min_lon < max_lon && min_lat < max_lat);

  self->view = MARZ_SNAPSHOT_VIEW_BBOX;
  self->bbox[0] = min_lon, self->bbox[1] = min_lat;
  self->bbox[2] = max_lon, self->bbox[3] = max_lat;
}

void
marz_snapshot_set_title (MarzSnapshot *self,
                         const char   *title,
                         const char   *subtitle)
{
  g_return_if_fail (MARZ_IS_SNAPSHOT (self));

  g_free (self->title);
  g_free (self->subtitle);
  self->title = title && *title ? g_strdup (title) : NULL;
  self->subtitle = subtitle && *subtitle ? g_strdup (subtitle) : NULL;
}

void
marz_snapshot_set_furniture (MarzSnapshot          *self,
                             MarzSnapshotFurniture  furniture)
{
  g_return_if_fail (MARZ_IS_SNAPSHOT (self));
  self->furniture = furniture;
}

MarzSnapshotFurniture
marz_snapshot_get_furniture (MarzSnapshot *self)
{
  g_return_val_if_fail (MARZ_IS_SNAPSHOT (self), 0);
  return self->furniture;
}

void
marz_snapshot_set_language (MarzSnapshot *self,
                            const char   *language)
{
  g_return_if_fail (MARZ_IS_SNAPSHOT (self));

  g_free (self->language);
  self->language = g_strdup (language);
}

void
marz_snapshot_get_map_frame (MarzSnapshot *self,
                             double       *x,
                             double       *y,
                             double       *width,
                             double       *height)
{
  MarzSnapshotFrame frame;

  g_return_if_fail (MARZ_IS_SNAPSHOT (self));

  frame_layout (self, (memset (&frame, 0, sizeof frame), &frame));
  *x = frame.map_x, *y = frame.map_y;
  *width = frame.map_width, *height = frame.map_height;
}

void
marz_snapshot_project (MarzSnapshot *self,
                       double        lat,
                       double        lon,
                       double       *x,
                       double       *y)
{
  MarzSnapshotFrame frame;

  g_return_if_fail (MARZ_IS_SNAPSHOT (self));
  g_return_if_fail (x != NULL && y != NULL);

  _marz_snapshot_frame_init (self, &frame);
  _marz_snapshot_frame_project (&frame, lat, lon, x, y);
}

void
marz_snapshot_render (MarzSnapshot *self,
                      cairo_t      *cr)
{
  MarzSnapshotFrame frame;

  g_return_if_fail (MARZ_IS_SNAPSHOT (self));
  g_return_if_fail (cr != NULL);

  _marz_snapshot_frame_init (self, &frame);
  _marz_snapshot_collect_marks (self, &frame);
  _marz_snapshot_place_labels (self, &frame, cr);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, self->width, self->height);
  cairo_fill (cr);
  _marz_snapshot_draw_map (self, &frame, cr);
  if (self->furniture & MARZ_SNAPSHOT_LIST)
    _marz_snapshot_draw_list (self, &frame, cr);
  _marz_snapshot_draw_furniture (self, &frame, cr);
  cairo_restore (cr);
  _marz_snapshot_frame_clear (&frame);
}

/* Writing ---------------------------------------------------------------- */

static cairo_surface_t *
create_surface (MarzSnapshot       *self,
                MarzSnapshotFormat  format,
                double              dpi,
                MarzOutput         *output,
                MarzSnapshotSvg    *svg,
                double             *scale)
{
  cairo_surface_t *surface;

  switch (format)
    {
    case MARZ_SNAPSHOT_PNG:
      *scale = dpi / 96.0;
      return cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                         self->png_width ? (int) self->png_width : (int) round (self->width * *scale),
                                         self->png_height ? (int) self->png_height : (int) round (self->height * *scale));
    case MARZ_SNAPSHOT_SVG:
      *scale = 1;
      return _marz_snapshot_svg_create_surface (svg, self->width, self->height);
    case MARZ_SNAPSHOT_PDF:
    default:
      /* In points: 96 px to the inch, 72 points. */
      *scale = 72.0 / 96.0;
      surface = cairo_pdf_surface_create_for_stream (marz_output_cairo_write, output,
                                                     self->width * *scale, self->height * *scale);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Marz");
      if (self->title)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
      return surface;
    }
}

/* Reports the write that failed, if one did, else what cairo said. */
static gboolean
check_status (MarzOutput      *output,
              cairo_status_t   status,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  if (!marz_output_write (output, "", 0, error))
    return FALSE;
  g_set_error (error, MARZ_SNAPSHOT_ERROR, MARZ_SNAPSHOT_ERROR_FAILED, _("Cannot write “%s”: %s"),
               marz_output_get_path (output), cairo_status_to_string (status));
  return FALSE;
}

/* With @svg, the text goes to it and it writes the finished document. */
static gboolean
draw_surface (MarzSnapshot     *self,
              cairo_surface_t  *surface,
              double            scale,
              MarzOutput       *output,
              MarzSnapshotSvg  *svg,
              GError          **error)
{
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  if (svg != NULL)
    _marz_snapshot_svg_attach (svg, cr);
  /* A PNG fills its pixels exactly (a paper's size at its dpi, say). */
  if (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE)
    cairo_scale (cr, (double) cairo_image_surface_get_width (surface) / self->width,
                 (double) cairo_image_surface_get_height (surface) / self->height);
  else
    cairo_scale (cr, scale, scale);
  marz_snapshot_render (self, cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE)
    return _marz_snapshot_write_png (surface, scale * 96, output, error);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  return check_status (output, status, error) && (svg == NULL || _marz_snapshot_svg_write (svg, output, error));
}

gboolean
marz_snapshot_write (MarzSnapshot        *self,
                     const char          *path,
                     MarzSnapshotFormat   format,
                     double               dpi,
                     GError             **error)
{
  return marz_snapshot_write_full (self, path, format, dpi, NULL, error);
}

/**
 * marz_snapshot_write_full:
 * @cancellable: (nullable): checked after drawing, before the file is made
 *   visible: a cancelled write leaves nothing
 *
 * As marz_snapshot_write().
 */
gboolean
marz_snapshot_write_full (MarzSnapshot        *self,
                          const char          *path,
                          MarzSnapshotFormat   format,
                          double               dpi,
                          GCancellable        *cancellable,
                          GError             **error)
{
  g_autoptr(MarzOutput) output = NULL;
  g_autoptr(MarzSnapshotSvg) svg = NULL;
  cairo_surface_t *surface;
  double scale = 1;
  gboolean ok;

  g_return_val_if_fail (MARZ_IS_SNAPSHOT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (format == MARZ_SNAPSHOT_PNG && (!(dpi >= 10 && dpi <= 1200) || self->width * dpi / 96 > 32767 ||
                                      self->height * dpi / 96 > 32767))
    {
      g_set_error (error, MARZ_SNAPSHOT_ERROR, MARZ_SNAPSHOT_ERROR_INVALID,
                   _("Cannot write “%s”: %u×%u px at %g dpi is too large or too small an image"),
                   path, self->width, self->height, dpi);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error) || !(output = marz_output_open (path, error)))
    return FALSE;
  if (format == MARZ_SNAPSHOT_SVG)
    svg = _marz_snapshot_svg_new (self->language);
  surface = create_surface (self, format, dpi, output, svg, &scale);
  ok = check_status (output, cairo_surface_status (surface), error)
       && draw_surface (self, surface, scale, output, svg, error)
       && !g_cancellable_set_error_if_cancelled (cancellable, error)
       && marz_output_commit (output, error);
  cairo_surface_destroy (surface);
  return ok;
}

static const char * const format_names[] = { "png", "svg", "pdf" };

gboolean
marz_snapshot_format_from_string (const char         *name,
                                  MarzSnapshotFormat *format)
{
  for (guint i = 0; name && i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (name, format_names[i]) == 0)
      {
        if (format)
          *format = i;
        return TRUE;
      }
  return FALSE;
}

const char *
marz_snapshot_format_to_string (MarzSnapshotFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (format_names), NULL);
  return format_names[format];
}
