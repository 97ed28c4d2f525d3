/* marz-snapshot-markers.c: the map of a snapshot, as the window draws it
 *
 * The basemap, the outlines of provinces with incidents, and the markers:
 * one per place with incidents, merged into clusters where they overlap at
 * the zoom, from the same MarzMarkerSet and cluster index as the window
 * (queried at the whole zoom level below, as the window's marker layer
 * does).  With the list, each marker carries the list's numbers of its
 * incidents.
 */
#define G_LOG_DOMAIN "marz-snapshot"

#include "marz-snapshot-private.h"

#include <math.h>

#include "marz-basemap-private.h"
#include "marz-marker-style.h"
#include "marz-mercator.h"

#define NUMBER_FONT     MARZ_SNAPSHOT_FONT " Bold 10px"
#define NUMBER_MAX_RUNS 4     /* «1–3, 7, 9, 12–14, …» */

static void
mark_clear (MarzSnapshotMark *mark)
{
  g_clear_pointer (&mark->numbers, g_array_unref);
}

static void
outline_free (MarzSnapshotOutline *outline)
{
  g_ptr_array_unref (outline->rings);
  g_free (outline);
}

static gboolean
frame_contains (const MarzSnapshotFrame *frame,
                double                   x,
                double                   y)
{
  return x >= frame->map_x && x <= frame->map_x + frame->map_width
      && y >= frame->map_y && y <= frame->map_y + frame->map_height;
}

/* The incidents in view, numbered from 1 in date order; and under each
 * place id, the numbers of its incidents. */
static GHashTable *
number_incidents (MarzSnapshot      *self,
                  MarzSnapshotFrame *frame)
{
  GHashTable *numbers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);

  frame->shown = g_ptr_array_new ();
  for (guint i = 0; self->incidents && i < self->incidents->len; i++)
    {
      MarzIncident *incident = g_ptr_array_index (self->incidents, i);
      GArray *list;
      double x, y;
      guint n;

      _marz_snapshot_frame_project (frame, incident->lat, incident->lon, &x, &y);
      if (!frame_contains (frame, x, y) || incident->place_id == NULL)
        continue;
      g_ptr_array_add (frame->shown, incident);
      n = frame->shown->len;
      if (!(list = g_hash_table_lookup (numbers, incident->place_id)))
        g_hash_table_insert (numbers, incident->place_id, (list = g_array_new (FALSE, FALSE, sizeof (guint))));
      g_array_append_val (list, n);
    }
  return numbers;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

static void
add_numbers (GArray     *into,
             GHashTable *numbers,
             const char *place_id)
{
  GArray *list = g_hash_table_lookup (numbers, place_id);

  if (list != NULL)
    g_array_append_vals (into, list->data, list->len);
}

static void
add_place_mark (MarzSnapshot      *self,
                MarzSnapshotFrame *frame,
                MarzSnapshotMark  *mark,
                guint              index,
                GHashTable        *numbers)
{
  const MarzPlaceSummary *place = marz_marker_set_get_place (self->markers, index);
  gint64 casualties = place->killed < 0 && place->injured < 0 ? -1 : MAX (place->killed, 0) + MAX (place->injured, 0);

  mark->count = marz_marker_set_get_count (self->markers, index);
  mark->type = marz_marker_set_get_type (self->markers, index);
  mark->radius = marz_marker_style_place_radius (mark->count, casualties);
  add_numbers (mark->numbers, numbers, place->place_id);
  frame->types_shown |= 1u << mark->type;
}

static void
add_cluster_mark (MarzSnapshot      *self,
                  MarzSnapshotMark  *mark,
                  const MarzCluster *cluster,
                  GHashTable        *numbers)
{
  g_autoptr(GArray) leaves = marz_cluster_index_get_leaves (marz_marker_set_get_index (self->markers),
                                                            cluster->cluster_id, 0, G_MAXUINT);

  mark->is_cluster = TRUE;
  mark->count = cluster->count;
  mark->type = MARZ_N_INCIDENT_TYPES;
  mark->radius = marz_marker_style_cluster_radius (cluster->count);
  for (guint i = 0; leaves && i < leaves->len; i++)
    {
      const MarzClusterPoint *leaf = &g_array_index (leaves, MarzClusterPoint, i);
      add_numbers (mark->numbers, numbers, marz_marker_set_get_place (self->markers, (guint) leaf->id)->place_id);
    }
  g_array_sort (mark->numbers, compare_uint);
}

/* Provinces with incidents of their own are outlined in their type's colour. */
static void
collect_outlines (MarzSnapshot      *self,
                  MarzSnapshotFrame *frame)
{
  frame->outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) outline_free);
  for (guint i = 0; i < marz_marker_set_get_n_places (self->markers); i++)
    {
      const MarzPlaceSummary *place = marz_marker_set_get_place (self->markers, i);
      MarzSnapshotOutline *outline;
      GPtrArray *rings;

      if (g_strcmp0 (place->kind, "province") != 0 ||
          !(rings = marz_basemap_get_outline (self->basemap, place->place_id)))
        continue;
      outline = g_new0 (MarzSnapshotOutline, 1);
      outline->rings = rings;
      outline->type = marz_marker_set_get_type (self->markers, i);
      frame->types_shown |= 1u << outline->type;
      g_ptr_array_add (frame->outlines, outline);
    }
}

/* The view in degrees, grown so that markers just outside still show their
 * part inside. */
static void
view_bounds (const MarzSnapshotFrame *frame,
             double                  *bounds)
{
  double margin = 32;

  marz_mercator_unproject (frame->origin_x - margin, frame->origin_y + frame->map_height + margin, frame->zoom,
                           MARZ_SNAPSHOT_TILE_SIZE, &bounds[1], &bounds[0]);
  marz_mercator_unproject (frame->origin_x + frame->map_width + margin, frame->origin_y - margin, frame->zoom,
                           MARZ_SNAPSHOT_TILE_SIZE, &bounds[3], &bounds[2]);
}

void
_marz_snapshot_collect_marks (MarzSnapshot      *self,
                              MarzSnapshotFrame *frame)
{
  g_autoptr(GHashTable) numbers = number_incidents (self, frame);
  g_autoptr(GArray) clusters = NULL;
  double bounds[4];

  frame->marks = g_array_new (FALSE, TRUE, sizeof (MarzSnapshotMark));
  g_array_set_clear_func (frame->marks, (GDestroyNotify) mark_clear);
  if (self->markers == NULL)
    return;
  collect_outlines (self, frame);
  view_bounds (frame, bounds);
  clusters = marz_cluster_index_query (marz_marker_set_get_index (self->markers), bounds[0], bounds[1],
                                       bounds[2], bounds[3], (int) floor (frame->zoom));
  for (guint i = 0; clusters && i < clusters->len; i++)
    {
      const MarzCluster *cluster = &g_array_index (clusters, MarzCluster, i);
      MarzSnapshotMark mark = { 0 };

      _marz_snapshot_frame_project (frame, cluster->lat, cluster->lon, &mark.x, &mark.y);
      mark.numbers = g_array_new (FALSE, FALSE, sizeof (guint));
      if (cluster->is_cluster)
        add_cluster_mark (self, &mark, cluster, numbers);
      else
        add_place_mark (self, frame, &mark, (guint) cluster->id, numbers);
      g_array_append_val (frame->marks, mark);
    }
}

/* Drawing ----------------------------------------------------------------- */

/* The basemap draws in device pixels: undo the caller's scale for it. */
static void
draw_basemap (MarzSnapshot      *self,
              MarzSnapshotFrame *frame,
              cairo_t           *cr)
{
  double sx = 1, sy = 0, scale;

  cairo_user_to_device_distance (cr, &sx, &sy);
  scale = hypot (sx, sy);
  cairo_save (cr);
  cairo_translate (cr, frame->map_x, frame->map_y);
  cairo_scale (cr, 1 / scale, 1 / scale);
  marz_basemap_render (self->basemap, cr, frame->zoom, frame->origin_x, frame->origin_y,
                       frame->map_width, frame->map_height, scale);
  cairo_restore (cr);
}

static void
draw_outline (MarzSnapshotFrame         *frame,
              const MarzSnapshotOutline *outline,
              cairo_t                   *cr)
{
  MarzRgb rgb = marz_marker_style_type_color (outline->type);

  cairo_new_path (cr);
  for (guint r = 0; r < outline->rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (outline->rings, r);
      for (guint i = 0; i < ring->len; i++)
        {
          const MarzLatLon *ll = &g_array_index (ring, MarzLatLon, i);
          double x, y;
          _marz_snapshot_frame_project (frame, ll->lat, ll->lon, &x, &y);
          cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_source_rgba (cr, rgb.red, rgb.green, rgb.blue, 0.10);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, rgb.red, rgb.green, rgb.blue, 0.9);
  cairo_set_line_width (cr, 2.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
}

/* The list's numbers beside a marker, on a white tag so they read over
 * any part of the map. */
static void
draw_numbers (const MarzSnapshotMark *mark,
              cairo_t                *cr)
{
  g_autofree char *text = _marz_snapshot_format_numbers (mark->numbers, NUMBER_MAX_RUNS);
  g_autoptr(PangoLayout) layout = NULL;
  double x, y;
  int w, h;

  if (text == NULL)
    return;
  layout = _marz_snapshot_layout_new (cr, NUMBER_FONT, text);
  pango_layout_get_pixel_size (layout, &w, &h);
  x = mark->x + mark->radius + 2;
  y = mark->y - h / 2.0 - 1;
  cairo_rectangle (cr, x, y, w + 6, h + 2);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_set_line_width (cr, 0.75);
  cairo_stroke (cr);
  cairo_move_to (cr, x + 3, y + 1);
  _marz_show_layout (cr, layout, 0);
}

void
_marz_snapshot_draw_map (MarzSnapshot      *self,
                         MarzSnapshotFrame *frame,
                         cairo_t           *cr)
{
  cairo_save (cr);
  cairo_rectangle (cr, frame->map_x, frame->map_y, frame->map_width, frame->map_height);
  cairo_clip (cr);
  draw_basemap (self, frame, cr);
  for (guint i = 0; frame->outlines && i < frame->outlines->len; i++)
    draw_outline (frame, g_ptr_array_index (frame->outlines, i), cr);
  for (guint i = 0; i < frame->marks->len; i++)
    {
      const MarzSnapshotMark *mark = &g_array_index (frame->marks, MarzSnapshotMark, i);
      if (mark->is_cluster)
        marz_marker_style_draw_cluster (cr, mark->x, mark->y, mark->radius, mark->count);
      else
        marz_marker_style_draw_place (cr, mark->x, mark->y, mark->radius, mark->type, mark->count);
    }
  for (guint i = 0; (self->furniture & MARZ_SNAPSHOT_LIST) && i < frame->marks->len; i++)
    draw_numbers (&g_array_index (frame->marks, MarzSnapshotMark, i), cr);
  cairo_restore (cr);
}
