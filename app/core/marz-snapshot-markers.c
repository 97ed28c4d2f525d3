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

static void
mark_clear (MarzSnapshotMark *mark)
{
  g_clear_pointer (&mark->numbers, g_array_unref);
  g_clear_pointer (&mark->places, g_ptr_array_unref);
  g_clear_pointer (&mark->name, g_free);
  g_clear_pointer (&mark->tag, g_free);
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
  g_ptr_array_add (mark->places, place->place_id);
  /* A marker in the margin around the map shows a part, not its type. */
  if (frame_contains (frame, mark->x, mark->y))
    frame->types_shown |= 1u << mark->type;
}

static void
add_place_id (GPtrArray  *places,
              const char *place_id)
{
  if (!g_ptr_array_find_with_equal_func (places, place_id, g_str_equal, NULL))
    g_ptr_array_add (places, (gpointer) place_id);
}

/* A cluster's places in the order of their first incident in the list. */
static void
add_cluster_mark (MarzSnapshot      *self,
                  MarzSnapshotFrame *frame,
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
  for (guint i = 0; i < mark->numbers->len; i++)
    {
      const MarzIncident *incident = g_ptr_array_index (frame->shown, g_array_index (mark->numbers, guint, i) - 1);
      add_place_id (mark->places, incident->place_id);
    }
  for (guint i = 0; leaves && i < leaves->len; i++)
    add_place_id (mark->places, marz_marker_set_get_place (self->markers, (guint) g_array_index (leaves, MarzClusterPoint, i).id)->place_id);
}

/* Whether any of the outline falls in the map (by its bounding box). */
static gboolean
outline_in_frame (const MarzSnapshotFrame *frame,
                  GPtrArray               *rings)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint r = 0; r < rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (rings, r);
      for (guint i = 0; i < ring->len; i++)
        {
          const MarzLatLon *ll = &g_array_index (ring, MarzLatLon, i);
          double x, y;
          _marz_snapshot_frame_project (frame, ll->lat, ll->lon, &x, &y);
          x0 = MIN (x0, x), x1 = MAX (x1, x), y0 = MIN (y0, y), y1 = MAX (y1, y);
        }
    }
  return x1 >= frame->map_x && x0 <= frame->map_x + frame->map_width
      && y1 >= frame->map_y && y0 <= frame->map_y + frame->map_height;
}

/* Provinces with incidents of their own, in view, are outlined in their
 * type's colour. */
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
      if (!outline_in_frame (frame, rings))
        {
          g_ptr_array_unref (rings);
          continue;
        }
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
      mark.places = g_ptr_array_new ();
      if (cluster->is_cluster)
        add_cluster_mark (self, frame, &mark, cluster, numbers);
      else
        add_place_mark (self, frame, &mark, (guint) cluster->id, numbers);
      g_array_append_val (frame->marks, mark);
    }
}

/* Drawing ----------------------------------------------------------------- */

/* The basemap draws in device pixels: undo the caller's scale for it.
 * Its labels keep clear of the markers, their names and tags. */
static void
draw_basemap (MarzSnapshot      *self,
              MarzSnapshotFrame *frame,
              cairo_t           *cr)
{
  double sx = 1, sy = 0, scale;

  cairo_user_to_device_distance (cr, &sx, &sy);
  scale = hypot (sx, sy);
  cairo_set_user_data (cr, &_marz_label_reserve_key, _marz_snapshot_label_reserve_new (frame),
                       (cairo_destroy_func_t) _marz_snapshot_label_reserve_free);
  cairo_save (cr);
  cairo_translate (cr, frame->map_x, frame->map_y);
  cairo_scale (cr, 1 / scale, 1 / scale);
  marz_basemap_render (self->basemap, cr, frame->zoom, frame->origin_x, frame->origin_y,
                       frame->map_width, frame->map_height, scale);
  cairo_restore (cr);
  cairo_set_user_data (cr, &_marz_label_reserve_key, NULL, NULL);
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
  _marz_snapshot_draw_labels (self, frame, cr);
  cairo_restore (cr);
}
