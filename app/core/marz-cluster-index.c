/* marz-cluster-index.c: the index's life and its queries
 *
 * The layout the queries read is described in marz-cluster-index-private.h;
 * how it is made, in marz-cluster-index-build.c.
 */
#define G_LOG_DOMAIN "marz-cluster-index"

#include "marz-cluster-index-private.h"

#include <math.h>

static void
append_node (MarzClusterIndex *self,
             GArray           *result,
             guint32           node)
{
  MarzCluster item = { 0 };

  if (node < self->n_points)
    {
      const MarzClusterPoint *point = &self->points[node];

      item.lat = point->lat;
      item.lon = point->lon;
      item.count = point->weight;
      item.n_points = 1;
      item.id = point->id;
    }
  else
    {
      guint c = node - self->n_points;

      item.lat = y_to_lat (self->y[node]);
      item.lon = x_to_lon (self->x[node]);
      item.count = self->cluster_count[c];
      item.n_points = self->cluster_size[c];
      item.is_cluster = TRUE;
      item.cluster_id = cluster_id_encode (c, self->cluster_zoom[c]);
    }
  g_array_append_val (result, item);
}

/* First row of @level at or below cell row @cy. */
static guint
level_find_row (const Level *level,
                guint32      cy)
{
  guint lo = 0, hi = level->n_rows;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (level->rows[mid].cy < cy)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* First node in [@lo, @hi) of @level whose cell column is @cx or more. */
static guint
level_find_column (MarzClusterIndex *self,
                   const Level      *level,
                   guint             lo,
                   guint             hi,
                   guint32           cx)
{
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (cell_of (self->x[level->nodes[mid]], level->scale) < cx)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Appends the nodes of @level inside the fixed-point box, bounds included. */
static void
query_box (MarzClusterIndex *self,
           const Level      *level,
           guint32           x0,
           guint32           y0,
           guint32           x1,
           guint32           y1,
           GArray           *result)
{
  double s = level->scale;

  for (guint r = level_find_row (level, cell_of (y0, s));
       r < level->n_rows && level->rows[r].cy <= cell_of (y1, s);
       r++)
    {
      guint end = r + 1 < level->n_rows ? level->rows[r + 1].start : level->n_nodes;
      guint j = level_find_column (self, level, level->rows[r].start, end, cell_of (x0, s));

      for (; j < end; j++)
        {
          guint32 node = level->nodes[j];

          if (cell_of (self->x[node], s) > cell_of (x1, s))
            break;
          if (self->x[node] >= x0 && self->x[node] <= x1
              && self->y[node] >= y0 && self->y[node] <= y1)
            append_node (self, result, node);
        }
    }
}

/**
 * marz_cluster_index_new:
 * @points: (array length=n_points): copied
 * @radius_px: how close two markers may come, in pixels, before they merge
 * @tile_size: the map's tile size in pixels (libshumate: 256)
 * @min_zoom: the lowest zoom level to cluster for, 0 or more
 * @max_zoom: the highest, up to %MARZ_CLUSTER_INDEX_MAX_ZOOM; queries at a
 *   higher zoom get its clusters, so points within the radius of each other
 *   at @max_zoom (and points at the same place at any zoom) stay clustered
 *
 * Builds the clusters of every zoom from @max_zoom down to @min_zoom.  A
 * point of weight 0 counts for nothing and weighs nothing in a centroid.
 *
 * Returns: (transfer full): the index
 */
MarzClusterIndex *
marz_cluster_index_new (const MarzClusterPoint *points,
                        gsize                   n_points,
                        double                  radius_px,
                        guint                   tile_size,
                        int                     min_zoom,
                        int                     max_zoom)
{
  MarzClusterIndex *self;

  g_return_val_if_fail (points != NULL || n_points == 0, NULL);
  g_return_val_if_fail (n_points < G_MAXUINT32 / 2, NULL);
  g_return_val_if_fail (radius_px > 0 && tile_size > 0, NULL);
  g_return_val_if_fail (0 <= min_zoom && min_zoom <= max_zoom, NULL);
  g_return_val_if_fail (max_zoom <= MARZ_CLUSTER_INDEX_MAX_ZOOM, NULL);

  self = g_new0 (MarzClusterIndex, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->min_zoom = min_zoom;
  self->max_zoom = max_zoom;
  self->n_points = n_points;
  self->points = g_new (MarzClusterPoint, MAX (n_points, 1));
  self->levels = g_new0 (Level, max_zoom - min_zoom + 1);
  _marz_cluster_index_build (self, points, radius_px, tile_size);
  return self;
}

MarzClusterIndex *
marz_cluster_index_ref (MarzClusterIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
marz_cluster_index_unref (MarzClusterIndex *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (int z = self->min_zoom; z <= self->max_zoom; z++)
    _marz_cluster_index_level_clear (&self->levels[z - self->min_zoom]);
  g_free (self->levels);
  g_free (self->points);
  g_free (self->x);
  g_free (self->y);
  g_free (self->cluster_count);
  g_free (self->cluster_size);
  g_free (self->cluster_first);
  g_free (self->cluster_zoom);
  g_free (self->leaf_order);
  g_free (self);
}

/**
 * marz_cluster_index_query:
 * @min_lon: the west edge; greater than @max_lon when the box crosses the
 *   antimeridian
 * @zoom: clamped to the index's zoom range; between two levels (libshumate
 *   zooms smoothly) pass the lower one, whose clusters stay apart at the
 *   higher
 *
 * Finds the clusters and the lone points whose position (a cluster's
 * centroid) lies in the box, bounds included.  A marker near the edge can
 * overlap the view with its centre outside: pad the box by the marker's size.
 * Safe to call from any thread.
 *
 * Returns: (transfer full) (element-type MarzCluster): what to show
 */
GArray *
marz_cluster_index_query (MarzClusterIndex *self,
                          double            min_lon,
                          double            min_lat,
                          double            max_lon,
                          double            max_lat,
                          int               zoom)
{
  guint32 y0 = lat_to_y (max_lat), y1 = lat_to_y (min_lat);  /* y grows southwards */
  const Level *level;
  GArray *result;

  g_return_val_if_fail (self != NULL, NULL);

  result = g_array_new (FALSE, FALSE, sizeof (MarzCluster));
  level = &self->levels[CLAMP (zoom, self->min_zoom, self->max_zoom) - self->min_zoom];
  if (max_lon - min_lon >= 360.0)
    min_lon = -180.0, max_lon = 180.0;
  else
    {
      min_lon = fmod (fmod (min_lon + 180.0, 360.0) + 360.0, 360.0) - 180.0;
      max_lon = fmod (fmod (max_lon + 180.0, 360.0) + 360.0, 360.0) - 180.0;
      if (max_lon == -180.0)
        max_lon = 180.0;  /* the east edge of the world, not its west edge */
    }
  if (min_lon > max_lon)
    {
      query_box (self, level, lon_to_x (min_lon), y0, G_MAXUINT32, y1, result);
      query_box (self, level, 0, y0, lon_to_x (max_lon), y1, result);
    }
  else
    query_box (self, level, lon_to_x (min_lon), y0, lon_to_x (max_lon), y1, result);
  return result;
}

/**
 * marz_cluster_index_get_leaves:
 * @cluster_id: from a #MarzCluster of this index
 * @offset: how many of its points to skip
 * @limit: how many to return at most (%G_MAXUINT: all)
 *
 * The points of a cluster, as given to marz_cluster_index_new(), in an order
 * that stays the same between calls: page through a big cluster with @offset.
 *
 * Returns: (transfer full) (element-type MarzClusterPoint): its points
 */
GArray *
marz_cluster_index_get_leaves (MarzClusterIndex *self,
                               guint64           cluster_id,
                               guint             offset,
                               guint             limit)
{
  GArray *leaves;
  guint c, n;

  g_return_val_if_fail (self != NULL, NULL);
  c = cluster_id_decode (self, cluster_id);
  g_return_val_if_fail (c != G_MAXUINT, NULL);

  leaves = g_array_new (FALSE, FALSE, sizeof (MarzClusterPoint));
  n = self->cluster_size[c] > offset ? MIN (self->cluster_size[c] - offset, limit) : 0;
  g_array_set_size (leaves, n);
  for (guint k = 0; k < n; k++)
    g_array_index (leaves, MarzClusterPoint, k) =
      self->points[self->leaf_order[self->cluster_first[c] + offset + k]];
  return leaves;
}

/**
 * marz_cluster_index_get_expansion_zoom:
 * @cluster_id: from a #MarzCluster of this index
 *
 * Where to zoom when the user clicks a cluster: the first zoom at which it
 * no longer exists, split into smaller clusters or points.  More than the
 * index's maximum zoom when it never splits (its points are at one place, or
 * within the radius at the maximum zoom): list its leaves instead.
 *
 * Returns: the zoom, or -1 for an unknown cluster
 */
int
marz_cluster_index_get_expansion_zoom (MarzClusterIndex *self,
                                       guint64           cluster_id)
{
  guint c;

  g_return_val_if_fail (self != NULL, -1);
  c = cluster_id_decode (self, cluster_id);
  g_return_val_if_fail (c != G_MAXUINT, -1);

  return self->cluster_zoom[c] + 1;
}
