/* test-cluster-index.c: per-zoom clusters of map markers */
#undef G_DISABLE_ASSERT

#include <glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "marz-cluster-index.h"

#define RADIUS 40.0
#define TILE   256
#define MAX_Z  16

typedef struct
{
  const char *name;
  double      lat;
  double      lon;
  guint       weight;
} Place;

/* The places of this project's corpus. */
static const Place places[] = {
  { "Kabul", 34.528, 69.172, 12 },
  { "Khost", 33.340, 69.920, 5 },
  { "Kunar", 34.876, 70.994, 3 },
  { "Paktika", 32.428, 68.685, 7 },
  { "Spin Boldak", 31.006, 66.400, 2 },
};

static GArray *
query_world (MarzClusterIndex *index,
             int               zoom)
{
  return marz_cluster_index_query (index, -180, -90, 180, 90, zoom);
}

static MarzClusterIndex *
index_new (const MarzClusterPoint *points,
           gsize                   n)
{
  return marz_cluster_index_new (points, n, RADIUS, TILE, 0, MAX_Z);
}

/* Pixels at @zoom, as libshumate draws them. */
static void
project (double  lat,
         double  lon,
         int     zoom,
         double *x,
         double *y)
{
  double size = ldexp (TILE, zoom), phi = lat * G_PI / 180.0;

  *x = (lon + 180.0) / 360.0 * size;
  *y = (1.0 - asinh (tan (phi)) / G_PI) / 2.0 * size;
}

static double
distance_px (double lat1, double lon1, double lat2, double lon2, int zoom)
{
  double x1, y1, x2, y2;

  project (lat1, lon1, zoom, &x1, &y1);
  project (lat2, lon2, zoom, &x2, &y2);
  return hypot (x2 - x1, y2 - y1);
}

/* Around the region: a uniform spread, tight clumps, places repeated exactly,
 * and a few points that weigh nothing.  Ids are the indices. */
static MarzClusterPoint *
random_points (guint32 seed,
               gsize   n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  MarzClusterPoint *points = g_new (MarzClusterPoint, n);

  for (gsize i = 0; i < n; i++)
    {
      MarzClusterPoint *p = &points[i];
      guint kind = g_rand_int_range (rand, 0, 10);

      if (kind < 6)
        *p = (MarzClusterPoint) { g_rand_double_range (rand, 29, 38),
                                  g_rand_double_range (rand, 60, 75), i, 1 };
      else if (kind < 9)
        {
          const Place *c = &places[g_rand_int_range (rand, 0, G_N_ELEMENTS (places))];

          *p = (MarzClusterPoint) { c->lat + g_rand_double_range (rand, -0.05, 0.05),
                                    c->lon + g_rand_double_range (rand, -0.05, 0.05), i, 1 };
        }
      else
        {
          const Place *c = &places[g_rand_int_range (rand, 0, G_N_ELEMENTS (places))];

          *p = (MarzClusterPoint) { c->lat, c->lon, i, c->weight };
        }
      if (g_rand_int_range (rand, 0, 50) == 0)
        p->weight = 0;
      else if (g_rand_int_range (rand, 0, 10) == 0)
        p->weight = g_rand_int_range (rand, 2, 100);
    }
  return points;
}

static const MarzCluster *
find_point (GArray  *items,
            guint64  id)
{
  for (guint i = 0; i < items->len; i++)
    {
      const MarzCluster *c = &g_array_index (items, MarzCluster, i);

      if (!c->is_cluster && c->id == id)
        return c;
    }
  return NULL;
}

static guint
count_clusters (GArray *items)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    n += g_array_index (items, MarzCluster, i).is_cluster;
  return n;
}

static void
test_empty (void)
{
  g_autoptr(MarzClusterIndex) index = index_new (NULL, 0);

  for (int z = -1; z <= MAX_Z + 2; z++)
    {
      g_autoptr(GArray) items = query_world (index, z);

      g_assert_cmpuint (items->len, ==, 0);
    }
}

static void
test_one_point (void)
{
  MarzClusterPoint point = { 34.528, 69.172, 42, 7 };
  g_autoptr(MarzClusterIndex) index = index_new (&point, 1);
  g_autoptr(GArray) outside = marz_cluster_index_query (index, 70, 30, 75, 40, 5);

  for (int z = 0; z <= MAX_Z; z++)
    {
      g_autoptr(GArray) items = query_world (index, z);
      const MarzCluster *c = &g_array_index (items, MarzCluster, 0);

      g_assert_cmpuint (items->len, ==, 1);
      g_assert_false (c->is_cluster);
      g_assert_cmpuint (c->id, ==, 42);
      g_assert_cmpuint (c->cluster_id, ==, 0);
      g_assert_cmpuint (c->count, ==, 7);
      g_assert_cmpuint (c->n_points, ==, 1);
      g_assert_cmpfloat (c->lat, ==, point.lat);
      g_assert_cmpfloat (c->lon, ==, point.lon);
    }
  g_assert_cmpuint (outside->len, ==, 0);
}

/* Half a world apart: 128 px even at zoom 0. */
static void
test_far_points (void)
{
  MarzClusterPoint points[] = { { 0, -90, 1, 1 }, { 0, 90, 2, 1 } };
  g_autoptr(MarzClusterIndex) index = index_new (points, 2);

  for (int z = 0; z <= MAX_Z; z++)
    {
      g_autoptr(GArray) items = query_world (index, z);

      g_assert_cmpuint (items->len, ==, 2);
      g_assert_cmpuint (count_clusters (items), ==, 0);
    }
}

/* 0.01° apart on the equator: 0.01 / 360 × 256 × 2^z px, within 40 px up to
 * zoom 12 (29 px), beyond it from zoom 13 (58 px). */
static void
test_split_zoom (void)
{
  const double d = 0.01;
  MarzClusterPoint points[] = { { 0, 10, 1, 2 }, { 0, 10 + d, 2, 3 } };
  g_autoptr(MarzClusterIndex) index = index_new (points, 2);
  int predicted = (int) floor (log2 (RADIUS * 360.0 / (d * TILE))) + 1;

  g_assert_cmpint (predicted, ==, 13);
  for (int z = 0; z <= MAX_Z; z++)
    {
      g_autoptr(GArray) items = query_world (index, z);
      const MarzCluster *c = &g_array_index (items, MarzCluster, 0);

      if (z < predicted)
        {
          g_autoptr(GArray) leaves = NULL;

          g_assert_cmpuint (items->len, ==, 1);
          g_assert_true (c->is_cluster);
          g_assert_cmpuint (c->count, ==, 5);
          g_assert_cmpuint (c->n_points, ==, 2);
          g_assert_cmpfloat_with_epsilon (c->lon, 10 + d * 3 / 5, 1e-7);  /* weighted */
          g_assert_cmpfloat_with_epsilon (c->lat, 0, 1e-7);
          g_assert_cmpint (marz_cluster_index_get_expansion_zoom (index, c->cluster_id), ==,
                           predicted);
          leaves = marz_cluster_index_get_leaves (index, c->cluster_id, 0, G_MAXUINT);
          g_assert_cmpuint (leaves->len, ==, 2);
          g_assert_cmpuint (g_array_index (leaves, MarzClusterPoint, 0).id
                            + g_array_index (leaves, MarzClusterPoint, 1).id, ==, 3);
        }
      else
        {
          g_assert_cmpuint (items->len, ==, 2);
          g_assert_cmpuint (count_clusters (items), ==, 0);
        }
    }
}

/* Many incidents at one place: one marker at every zoom, and beyond. */
static void
test_coincident (void)
{
  g_autofree MarzClusterPoint *points = g_new (MarzClusterPoint, 1001);
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (MarzClusterPoint));
  g_autoptr(GArray) all = NULL;
  g_autoptr(MarzClusterIndex) index = NULL;
  guint64 cluster_id = 0, id_sum = 0;

  for (guint i = 0; i < 1000; i++)
    points[i] = (MarzClusterPoint) { 31.006, 66.400, 1000 + i, 3 };
  points[1000] = (MarzClusterPoint) { 34.528, 69.172, 7, 1 };
  index = index_new (points, 1001);

  for (int z = 0; z <= MAX_Z + 4; z++)
    {
      g_autoptr(GArray) items = marz_cluster_index_query (index, 60, 29, 75, 38, z);
      const MarzCluster *c = &g_array_index (items, MarzCluster, 0);

      if (z >= 4)  /* Kabul and Spin Boldak are 57 px apart at zoom 4 */
        g_assert_cmpuint (items->len, ==, 2);
      if (!c->is_cluster)
        c++;
      g_assert_true (c->is_cluster);
      g_assert_cmpuint (c->count, >=, 3000);
      if (z >= 4)
        {
          g_assert_cmpfloat_with_epsilon (c->lat, 31.006, 1e-7);
          g_assert_cmpfloat_with_epsilon (c->lon, 66.400, 1e-7);
          g_assert_cmpuint (c->n_points, ==, 1000);
          g_assert_cmpuint (c->count, ==, 3000);
          g_assert_cmpint (marz_cluster_index_get_expansion_zoom (index, c->cluster_id), >, MAX_Z);
          cluster_id = c->cluster_id;
        }
    }

  /* Paging through the leaves gives them all, once, in the same order. */
  all = marz_cluster_index_get_leaves (index, cluster_id, 0, G_MAXUINT);
  g_assert_cmpuint (all->len, ==, 1000);
  for (guint offset = 0; offset < 1100; offset += 64)
    {
      g_autoptr(GArray) page = marz_cluster_index_get_leaves (index, cluster_id, offset, 64);

      g_assert_cmpuint (page->len, ==, offset < 1000 ? MIN (64, 1000 - offset) : 0);
      g_array_append_vals (pages, page->data, page->len);
    }
  g_assert_cmpuint (pages->len, ==, 1000);
  for (guint i = 0; i < 1000; i++)
    {
      g_assert_cmpuint (g_array_index (pages, MarzClusterPoint, i).id, ==,
                        g_array_index (all, MarzClusterPoint, i).id);
      g_assert_cmpuint (g_array_index (all, MarzClusterPoint, i).id, >=, 1000);
      id_sum += g_array_index (all, MarzClusterPoint, i).id;
    }
  g_assert_cmpuint (id_sum, ==, (1000 + 1999) * 1000 / 2);  /* each once */
}

static void
test_afghanistan (void)
{
  MarzClusterPoint points[G_N_ELEMENTS (places)];
  g_autoptr(GArray) z4 = NULL;
  g_autoptr(GArray) z9 = NULL;
  g_autoptr(GArray) leaves = NULL;
  g_autoptr(MarzClusterIndex) index = NULL;
  const MarzCluster *east = NULL;
  guint64 ids = 0;

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    points[i] = (MarzClusterPoint) { places[i].lat, places[i].lon, i, places[i].weight };
  index = index_new (points, G_N_ELEMENTS (points));

  /* Zoom 4: Kabul, Khost, Kunar and Paktika lie within 30 px of one another;
   * Spin Boldak is 57 px from Kabul and stays apart. */
  z4 = query_world (index, 4);
  g_assert_cmpuint (z4->len, ==, 2);
  g_assert_nonnull (find_point (z4, 4));
  east = &g_array_index (z4, MarzCluster, g_array_index (z4, MarzCluster, 0).is_cluster ? 0 : 1);
  g_assert_true (east->is_cluster);
  g_assert_cmpuint (east->n_points, ==, 4);
  g_assert_cmpuint (east->count, ==, 12 + 5 + 3 + 7);
  leaves = marz_cluster_index_get_leaves (index, east->cluster_id, 0, G_MAXUINT);
  g_assert_cmpuint (leaves->len, ==, 4);
  for (guint i = 0; i < leaves->len; i++)
    ids |= 1 << g_array_index (leaves, MarzClusterPoint, i).id;
  g_assert_cmpuint (ids, ==, 0xf);

  /* Zoom 9: the closest two, Kabul and Khost, are 588 px apart. */
  z9 = query_world (index, 9);
  g_assert_cmpuint (z9->len, ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      const MarzCluster *c = find_point (z9, i);

      g_assert_nonnull (c);
      g_assert_cmpuint (c->count, ==, places[i].weight);
      g_assert_cmpfloat (c->lat, ==, places[i].lat);
    }
}

/* At every zoom the leaves of what the world query shows partition the
 * points, and each item's count and size are its leaves'. */
static void
check_partition (MarzClusterIndex       *index,
                 const MarzClusterPoint *points,
                 gsize                   n,
                 int                     zoom,
                 guint                  *owner)
{
  g_autoptr(GArray) items = query_world (index, zoom);
  guint64 total = 0, total_weight = 0;

  for (gsize i = 0; i < n; i++)
    owner[i] = G_MAXUINT;
  for (gsize i = 0; i < n; i++)
    total_weight += points[i].weight;
  for (guint k = 0; k < items->len; k++)
    {
      const MarzCluster *c = &g_array_index (items, MarzCluster, k);
      g_autoptr(GArray) leaves = NULL;
      guint64 weight = 0;

      total += c->count;
      if (!c->is_cluster)
        {
          g_assert_cmpuint (owner[c->id], ==, G_MAXUINT);
          owner[c->id] = k;
          continue;
        }
      leaves = marz_cluster_index_get_leaves (index, c->cluster_id, 0, G_MAXUINT);
      g_assert_cmpuint (leaves->len, ==, c->n_points);
      for (guint j = 0; j < leaves->len; j++)
        {
          const MarzClusterPoint *leaf = &g_array_index (leaves, MarzClusterPoint, j);

          g_assert_cmpuint (owner[leaf->id], ==, G_MAXUINT);
          g_assert_cmpfloat (leaf->lat, ==, points[leaf->id].lat);
          owner[leaf->id] = k;
          weight += leaf->weight;
        }
      g_assert_cmpuint (weight, ==, c->count);
    }
  for (gsize i = 0; i < n; i++)
    g_assert_cmpuint (owner[i], !=, G_MAXUINT);
  g_assert_cmpuint (total, ==, total_weight);
}

/* A cluster made at @zoom merged @children, items of zoom + 1, one of which
 * (the seed) lies within the radius of all the others. */
static void
check_merge (GPtrArray *children,
             int        zoom)
{
  g_assert_cmpuint (children->len, >=, 2);
  for (guint s = 0; s < children->len; s++)
    {
      const MarzCluster *seed = children->pdata[s];
      gboolean is_seed = TRUE;

      for (guint j = 0; j < children->len && is_seed; j++)
        {
          const MarzCluster *c = children->pdata[j];

          is_seed = distance_px (seed->lat, seed->lon, c->lat, c->lon, zoom) <= RADIUS + 0.05;
        }
      if (is_seed)
        return;
    }
  g_assert_not_reached ();
}

/* Checks zoom @z against zoom z + 1, given which item of each zoom every
 * point belongs to. */
static void
check_refines (MarzClusterIndex *index,
               GArray           *items,
               GArray           *below,
               const guint      *owner,
               const guint      *owner_below,
               gsize             n,
               int               z)
{
  g_autofree guint *parent = g_new (guint, below->len);
  g_autoptr(GHashTable) ids_below = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) children = NULL;

  children = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  /* everything in one item of zoom z + 1 is in one item of zoom z */
  for (guint j = 0; j < below->len; j++)
    parent[j] = G_MAXUINT;
  for (gsize i = 0; i < n; i++)
    {
      if (parent[owner_below[i]] == G_MAXUINT)
        parent[owner_below[i]] = owner[i];
      g_assert_cmpuint (parent[owner_below[i]], ==, owner[i]);
    }
  for (guint k = 0; k < items->len; k++)
    g_ptr_array_add (children, g_ptr_array_new ());
  for (guint j = 0; j < below->len; j++)
    {
      g_ptr_array_add (children->pdata[parent[j]], &g_array_index (below, MarzCluster, j));
      if (g_array_index (below, MarzCluster, j).is_cluster)
        g_hash_table_add (ids_below, &g_array_index (below, MarzCluster, j).cluster_id);
    }

  for (guint k = 0; k < items->len; k++)
    {
      const MarzCluster *c = &g_array_index (items, MarzCluster, k);
      int expansion;

      if (!c->is_cluster)
        {
          g_assert_nonnull (find_point (below, c->id));
          continue;
        }
      expansion = marz_cluster_index_get_expansion_zoom (index, c->cluster_id);
      g_assert_cmpint (expansion, >, z);
      /* unchanged, it keeps its id; made here, it merged what lay close */
      g_assert_cmpint (g_hash_table_contains (ids_below, &c->cluster_id), ==, expansion > z + 1);
      if (expansion == z + 1)
        check_merge (children->pdata[k], z);
      else
        g_assert_cmpuint (((GPtrArray *) children->pdata[k])->len, ==, 1);
    }
}

/* Each zoom refines the one below; a cluster that does not split keeps its
 * id; a cluster made at a zoom merged items that close. */
static void
test_hierarchy (void)
{
  const gsize n = 4000;
  g_autofree MarzClusterPoint *points = random_points (7, n);
  g_autoptr(MarzClusterIndex) index = index_new (points, n);
  g_autofree guint *owner = g_new (guint, n);
  g_autofree guint *owner_below = g_new (guint, n);
  guint merges = 0;

  check_partition (index, points, n, MAX_Z, owner_below);
  for (int z = MAX_Z - 1; z >= 0; z--)
    {
      g_autoptr(GArray) items = query_world (index, z);
      g_autoptr(GArray) below = query_world (index, z + 1);

      check_partition (index, points, n, z, owner);
      check_refines (index, items, below, owner, owner_below, n, z);
      merges += below->len - items->len;
      memcpy (owner_below, owner, n * sizeof (guint));
    }
  g_assert_cmpuint (merges, >, 100);
}

/* The expansion zoom is the first zoom at which the cluster is gone. */
static void
test_expansion_zoom (void)
{
  const gsize n = 3000;
  g_autofree MarzClusterPoint *points = random_points (11, n);
  g_autoptr(MarzClusterIndex) index = index_new (points, n);
  g_autoptr(GPtrArray) levels = g_ptr_array_new_with_free_func (
    (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) arrays = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  guint checked = 0;

  for (int z = 0; z <= MAX_Z; z++)
    {
      GArray *items = query_world (index, z);
      GHashTable *ids = g_hash_table_new (g_int64_hash, g_int64_equal);

      for (guint k = 0; k < items->len; k++)
        if (g_array_index (items, MarzCluster, k).is_cluster)
          g_hash_table_add (ids, &g_array_index (items, MarzCluster, k).cluster_id);
      g_ptr_array_add (arrays, items);
      g_ptr_array_add (levels, ids);
    }
  for (int z = 0; z <= MAX_Z; z++)
    {
      GArray *items = arrays->pdata[z];

      for (guint k = 0; k < items->len; k++)
        {
          const MarzCluster *c = &g_array_index (items, MarzCluster, k);
          int expansion;

          if (!c->is_cluster)
            continue;
          expansion = marz_cluster_index_get_expansion_zoom (index, c->cluster_id);
          for (int y = z; y < MIN (expansion, MAX_Z + 1); y++)
            g_assert_true (g_hash_table_contains (levels->pdata[y], &c->cluster_id));
          if (expansion <= MAX_Z)
            g_assert_false (g_hash_table_contains (levels->pdata[expansion], &c->cluster_id));
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 1000);
}

static gboolean
item_in_box (const MarzCluster *c,
             double             min_lon,
             double             min_lat,
             double             max_lon,
             double             max_lat,
             double             margin)
{
  gboolean lon_ok = min_lon <= max_lon
                    ? c->lon >= min_lon + margin && c->lon <= max_lon - margin
                    : c->lon >= min_lon + margin || c->lon <= max_lon - margin;

  return lon_ok && c->lat >= min_lat + margin && c->lat <= max_lat - margin;
}

static gboolean
same_item (const MarzCluster *a,
           const MarzCluster *b)
{
  return a->is_cluster == b->is_cluster && a->id == b->id && a->cluster_id == b->cluster_id
         && a->count == b->count && a->n_points == b->n_points
         && a->lat == b->lat && a->lon == b->lon;
}

static gboolean
contains_item (GArray            *items,
               const MarzCluster *c)
{
  for (guint i = 0; i < items->len; i++)
    if (same_item (&g_array_index (items, MarzCluster, i), c))
      return TRUE;
  return FALSE;
}

/* A box returns exactly what the world query shows inside it. */
static void
check_box (MarzClusterIndex *index,
           double            min_lon,
           double            min_lat,
           double            max_lon,
           double            max_lat,
           int               zoom)
{
  g_autoptr(GArray) world = query_world (index, zoom);
  g_autoptr(GArray) box = marz_cluster_index_query (index, min_lon, min_lat, max_lon, max_lat,
                                                    zoom);

  for (guint i = 0; i < box->len; i++)
    {
      const MarzCluster *c = &g_array_index (box, MarzCluster, i);

      g_assert_true (item_in_box (c, min_lon, min_lat, max_lon, max_lat, -1e-7));
      g_assert_true (contains_item (world, c));
    }
  for (guint i = 0; i < world->len; i++)
    {
      const MarzCluster *c = &g_array_index (world, MarzCluster, i);

      if (item_in_box (c, min_lon, min_lat, max_lon, max_lat, 1e-7))
        g_assert_true (contains_item (box, c));
    }
}

static void
test_bbox (void)
{
  const gsize n = 5000;
  g_autofree MarzClusterPoint *points = random_points (3, n);
  g_autoptr(MarzClusterIndex) index = index_new (points, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GArray) none = marz_cluster_index_query (index, 60, 38, 75, 29, 5);

  for (guint i = 0; i < 300; i++)
    {
      double lat = g_rand_double_range (rand, 28, 39), lon = g_rand_double_range (rand, 59, 76);
      double h = g_rand_double_range (rand, 0, 4), w = g_rand_double_range (rand, 0, 6);

      check_box (index, lon, lat, lon + w, lat + h, g_rand_int_range (rand, 0, MAX_Z + 1));
    }
  /* boxes on the points themselves: the bounds are part of the box */
  for (gsize i = 0; i < 50; i++)
    {
      g_autoptr(GArray) items = marz_cluster_index_query (index, points[i].lon, points[i].lat,
                                                          points[i].lon, points[i].lat, MAX_Z);

      g_assert_true (find_point (items, i) != NULL || items->len == 1);
    }
  g_assert_cmpuint (none->len, ==, 0);  /* latitudes the wrong way round */
}

static void
test_antimeridian (void)
{
  MarzClusterPoint points[] = {
    { 0, 179.5, 0, 1 }, { 0, -179.5, 1, 1 }, { 0, 0, 2, 1 },
    { 10, 175, 3, 1 }, { -5, -170.5, 4, 1 }, { 0, 180, 5, 1 },
  };
  g_autoptr(MarzClusterIndex) index = index_new (points, G_N_ELEMENTS (points));
  g_autoptr(GArray) across = marz_cluster_index_query (index, 179, -1, -179, 1, 10);
  g_autoptr(GArray) wide = marz_cluster_index_query (index, 170, -10, -170, 20, 10);
  g_autoptr(GArray) wrapped = marz_cluster_index_query (index, 530, -10, 190, 20, 10);
  g_autoptr(GArray) whole = marz_cluster_index_query (index, -200, -90, 200, 90, 10);
  g_autoptr(GArray) east_edge = marz_cluster_index_query (index, 179, -1, 180, 1, 10);

  g_assert_cmpuint (across->len, ==, 3);
  g_assert_nonnull (find_point (across, 0));
  g_assert_nonnull (find_point (across, 1));
  g_assert_nonnull (find_point (across, 5));
  g_assert_cmpuint (wide->len, ==, 5);
  g_assert_null (find_point (wide, 2));
  g_assert_cmpuint (wrapped->len, ==, 5);  /* 170°…190° written another way */
  g_assert_cmpuint (whole->len, ==, G_N_ELEMENTS (points));
  g_assert_cmpuint (east_edge->len, ==, 2);  /* 180° is the east edge, not the west */
  g_assert_nonnull (find_point (east_edge, 0));
  g_assert_nonnull (find_point (east_edge, 5));

  check_box (index, 179, -1, -179, 1, 3);
  check_box (index, 150, -30, -150, 30, 0);
}

/* The reference: the same greedy clustering in the same order (rows of
 * cells a radius wide, then the order of the zoom above), each seed compared
 * with every unvisited item.  What the index finds through its grid must be
 * exactly what this finds by brute force. */
typedef struct
{
  guint32 x, y;    /* the index's fixed point: the unit square × 2^32 */
  guint64 count;
  guint   size;
  double  lat, lon;
  guint   order;
  double  scale;
} RefItem;

static guint32
ref_fixed (double unit)
{
  return unit <= 0 ? 0 : unit >= 1 ? G_MAXUINT32 : (guint32) (unit * 4294967296.0);
}

static int
ref_compare (gconstpointer a,
             gconstpointer b)
{
  const RefItem *p = a, *q = b;
  guint32 py = p->y * p->scale, qy = q->y * q->scale;
  guint32 px = p->x * p->scale, qx = q->x * q->scale;

  if (py != qy)
    return py < qy ? -1 : 1;
  if (px != qx)
    return px < qx ? -1 : 1;
  return p->order < q->order ? -1 : p->order > q->order;
}

static RefItem
ref_merge (GArray      *level,
           const guint *members,
           guint        n_members)
{
  double wx = 0, wy = 0, sx = 0, sy = 0;
  RefItem c = { 0 };

  for (guint k = 0; k < n_members; k++)
    {
      const RefItem *m = &g_array_index (level, RefItem, members[k]);

      c.count += m->count, c.size += m->size;
      wx += (double) m->count * m->x, wy += (double) m->count * m->y;
      sx += (double) m->size * m->x, sy += (double) m->size * m->y;
    }
  c.x = (guint32) CLAMP (floor ((c.count ? wx / c.count : sx / c.size) + 0.5), 0, G_MAXUINT32);
  c.y = (guint32) CLAMP (floor ((c.count ? wy / c.count : sy / c.size) + 0.5), 0, G_MAXUINT32);
  c.lon = c.x / 4294967296.0 * 360.0 - 180.0;
  c.lat = atan (sinh (G_PI * (1.0 - 2.0 * (c.y / 4294967296.0)))) * 180.0 / G_PI;
  return c;
}

static GArray *
ref_cluster (GArray *level,
             double  radius)
{
  GArray *next = g_array_new (FALSE, FALSE, sizeof (RefItem));
  g_autofree gboolean *visited = g_new0 (gboolean, level->len + 1);
  g_autofree guint *members = g_new (guint, level->len + 1);
  double scale = 1.0 / MAX (radius * (1.0 + 1.0 / 65536) + 1.0, 2.0);

  for (guint i = 0; i < level->len; i++)
    g_array_index (level, RefItem, i).scale = scale;
  g_array_sort (level, ref_compare);
  for (guint i = 0; i < level->len; i++)
    {
      const RefItem *seed = &g_array_index (level, RefItem, i);
      guint n_members = 1;
      RefItem item;

      if (visited[i])
        continue;
      visited[i] = TRUE;
      members[0] = i;
      for (guint j = i + 1; j < level->len; j++)
        {
          const RefItem *o = &g_array_index (level, RefItem, j);
          double dx = (double) o->x - seed->x, dy = (double) o->y - seed->y;

          if (!visited[j] && dx * dx + dy * dy <= radius * radius)
            visited[j] = TRUE, members[n_members++] = j;
        }
      item = n_members == 1 ? *seed : ref_merge (level, members, n_members);
      item.order = next->len;
      g_array_append_val (next, item);
    }
  return next;
}

static int
cluster_compare (gconstpointer a,
                 gconstpointer b)
{
  const MarzCluster *p = a, *q = b;

  if (p->lat != q->lat)
    return p->lat < q->lat ? -1 : 1;
  if (p->lon != q->lon)
    return p->lon < q->lon ? -1 : 1;
  if (p->count != q->count)
    return p->count < q->count ? -1 : 1;
  return (p->n_points > q->n_points) - (p->n_points < q->n_points);
}

/* The reference's items as the index shows them, sorted. */
static GArray *
ref_items (GArray *level)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (MarzCluster));

  for (guint i = 0; i < level->len; i++)
    {
      const RefItem *r = &g_array_index (level, RefItem, i);
      MarzCluster c = { r->lat, r->lon, r->count, r->size };

      g_array_append_val (items, c);
    }
  g_array_sort (items, cluster_compare);
  return items;
}

static void
check_reference (const MarzClusterPoint *points,
                 gsize                   n,
                 double                  radius_px,
                 guint                   tile,
                 int                     min_zoom,
                 int                     max_zoom)
{
  g_autoptr(MarzClusterIndex) index = marz_cluster_index_new (points, n, radius_px, tile,
                                                              min_zoom, max_zoom);
  g_autoptr(GArray) level = g_array_new (FALSE, FALSE, sizeof (RefItem));

  for (gsize i = 0; i < n; i++)
    {
      double sine = sin (CLAMP (points[i].lat, -89.9, 89.9) * G_PI / 180.0);
      RefItem item = { ref_fixed ((points[i].lon + 180.0) / 360.0),
                       ref_fixed (0.5 - log ((1.0 + sine) / (1.0 - sine)) / (4.0 * G_PI)),
                       points[i].weight, 1, points[i].lat, points[i].lon, i, 0 };

      g_array_append_val (level, item);
    }
  for (int z = max_zoom; z >= min_zoom; z--)
    {
      g_autoptr(GArray) got = marz_cluster_index_query (index, -180, -90, 180, 90, z);
      g_autoptr(GArray) want = NULL;
      GArray *next = ref_cluster (level, ldexp (radius_px / tile, 32 - z));

      g_array_unref (level);
      level = next;
      want = ref_items (level);
      g_array_sort (got, cluster_compare);
      g_assert_cmpuint (got->len, ==, want->len);
      for (guint i = 0; i < want->len; i++)
        g_assert_cmpint (cluster_compare (&g_array_index (want, MarzCluster, i),
                                          &g_array_index (got, MarzCluster, i)), ==, 0);
    }
}

static void
test_reference (void)
{
  const gsize n = 2500;
  g_autofree MarzClusterPoint *points = random_points (17, n);
  g_autofree MarzClusterPoint *world = g_new (MarzClusterPoint, 600);
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);

  check_reference (points, n, RADIUS, TILE, 0, MAX_Z);
  check_reference (points, n, 60, 512, 3, 18);
  check_reference (points, n, 300, 256, 0, 12);   /* one cell for the world at zoom 0 */
  check_reference (points, n, 1.5, 256, 10, 24);  /* the smallest cells */
  for (guint i = 0; i < 600; i++)
    world[i] = (MarzClusterPoint) { g_rand_double_range (rand, -88, 88),
                                    g_rand_double_range (rand, -180, 180), i, 1 };
  check_reference (world, 600, RADIUS, TILE, 0, 20);
  check_reference (world, 600, 2, TILE, 20, 28);  /* keys too wide to share a word */
}

/* Ids the index never gave out are a bug in the caller; the index outlives
 * its creator's reference as long as someone holds one. */
static void
test_ids_and_refs (void)
{
  MarzClusterPoint points[] = { { 0, 10, 1, 1 }, { 0, 10.001, 2, 1 } };
  MarzClusterIndex *index = index_new (points, 2);
  MarzClusterIndex *held = marz_cluster_index_ref (index);
  g_autoptr(GArray) items = NULL;
  guint64 id;

  marz_cluster_index_unref (index);
  items = query_world (held, 0);
  g_assert_cmpuint (items->len, ==, 1);
  id = g_array_index (items, MarzCluster, 0).cluster_id;
  g_assert_cmpuint (id, !=, 0);

  g_test_expect_message ("marz-cluster-index", G_LOG_LEVEL_CRITICAL, "*assertion*");
  g_assert_null (marz_cluster_index_get_leaves (held, 0, 0, 10));
  g_test_assert_expected_messages ();
  g_test_expect_message ("marz-cluster-index", G_LOG_LEVEL_CRITICAL, "*assertion*");
  g_assert_cmpint (marz_cluster_index_get_expansion_zoom (held, id + 1), ==, -1);  /* zoom */
  g_test_assert_expected_messages ();
  g_test_expect_message ("marz-cluster-index", G_LOG_LEVEL_CRITICAL, "*assertion*");
  g_assert_cmpint (marz_cluster_index_get_expansion_zoom (held, id + 64), ==, -1);  /* cluster */
  g_test_assert_expected_messages ();
  marz_cluster_index_unref (held);
}

/* The same input gives the same clusters, ids and leaves. */
static void
test_deterministic (void)
{
  const gsize n = 100000;
  g_autofree MarzClusterPoint *points = random_points (2024, n);
  g_autoptr(MarzClusterIndex) a = index_new (points, n);
  g_autoptr(MarzClusterIndex) b = index_new (points, n);
  guint64 total = 0;

  for (gsize i = 0; i < n; i++)
    total += points[i].weight;
  for (int z = 0; z <= MAX_Z; z++)
    {
      g_autoptr(GArray) ia = query_world (a, z);
      g_autoptr(GArray) ib = query_world (b, z);
      guint64 sum = 0, size = 0;

      g_assert_cmpuint (ia->len, ==, ib->len);
      for (guint k = 0; k < ia->len; k++)
        {
          const MarzCluster *ca = &g_array_index (ia, MarzCluster, k);
          const MarzCluster *cb = &g_array_index (ib, MarzCluster, k);

          g_assert_true (same_item (ca, cb));
          sum += ca->count;
          size += ca->n_points;
          if (ca->is_cluster && k % 97 == 0)
            {
              g_autoptr(GArray) la = NULL;
              g_autoptr(GArray) lb = NULL;

              la = marz_cluster_index_get_leaves (a, ca->cluster_id, 0, G_MAXUINT);
              lb = marz_cluster_index_get_leaves (b, cb->cluster_id, 0, G_MAXUINT);

              g_assert_cmpmem (la->data, la->len * sizeof (MarzClusterPoint),
                               lb->data, lb->len * sizeof (MarzClusterPoint));
            }
        }
      g_assert_cmpuint (sum, ==, total);
      g_assert_cmpuint (size, ==, n);
    }
}

/* Everything the index answers, in the order it answers, digested: every
 * zoom's items with their ids, every cluster's leaves and expansion zoom. */
static char *
index_digest (MarzClusterIndex *index,
              int               min_zoom,
              int               max_zoom)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (int z = min_zoom; z <= max_zoom; z++)
    {
      g_autoptr(GArray) items = query_world (index, z);

      for (guint k = 0; k < items->len; k++)
        {
          const MarzCluster *c = &g_array_index (items, MarzCluster, k);
          g_autofree char *line = g_strdup_printf ("%d %.17g %.17g %" G_GUINT64_FORMAT " %u %d %"
                                                   G_GUINT64_FORMAT " %" G_GUINT64_FORMAT "\n",
                                                   z, c->lat, c->lon, c->count, c->n_points,
                                                   c->is_cluster, c->id, c->cluster_id);

          g_checksum_update (sum, (const guchar *) line, -1);
          if (c->is_cluster)
            {
              g_autoptr(GArray) leaves = marz_cluster_index_get_leaves (index, c->cluster_id,
                                                                        0, G_MAXUINT);
              int expansion = marz_cluster_index_get_expansion_zoom (index, c->cluster_id);

              for (guint l = 0; l < leaves->len; l++)
                g_checksum_update (sum, (const guchar *) &g_array_index (leaves, MarzClusterPoint,
                                                                         l).id, sizeof (guint64));
              g_checksum_update (sum, (const guchar *) &expansion, sizeof expansion);
            }
        }
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* The build was made faster more than once; each time, the index had to
 * answer exactly as the one before (clusters, their order, ids and leaves),
 * and these digests were taken from the first version (18787f1). */
static void
test_unchanged (void)
{
  g_autofree MarzClusterPoint *points = random_points (31, 20000);
  g_autofree MarzClusterPoint *world = g_new (MarzClusterPoint, 3000);
  g_autoptr(GRand) rand = g_rand_new_with_seed (37);
  g_autoptr(MarzClusterIndex) a = index_new (points, 20000);
  g_autoptr(MarzClusterIndex) b = NULL;
  g_autofree char *digest_a = index_digest (a, 0, MAX_Z);
  g_autofree char *digest_b = NULL;

  for (guint i = 0; i < 3000; i++)
    world[i] = (MarzClusterPoint) { g_rand_double_range (rand, -85, 85),
                                    g_rand_double_range (rand, -180, 180), 2 * i, i % 7 };
  b = marz_cluster_index_new (world, 3000, 2, TILE, 14, 28);  /* keys too wide for a word */
  digest_b = index_digest (b, 14, 28);
  g_test_message ("digests: %s %s", digest_a, digest_b);
  g_assert_cmpstr (digest_a, ==, "e7bf11de2fc111ccf3ef2e6e464378fdebc7b7573d3a8bba37976e71daa78d34");
  g_assert_cmpstr (digest_b, ==, "f21629898d38bbea3e9813a151d8d692ea80fee5e6d7665d7088b054c572e565");
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cluster-index/empty", test_empty);
  g_test_add_func ("/cluster-index/one-point", test_one_point);
  g_test_add_func ("/cluster-index/far-points", test_far_points);
  g_test_add_func ("/cluster-index/split-zoom", test_split_zoom);
  g_test_add_func ("/cluster-index/coincident", test_coincident);
  g_test_add_func ("/cluster-index/afghanistan", test_afghanistan);
  g_test_add_func ("/cluster-index/hierarchy", test_hierarchy);
  g_test_add_func ("/cluster-index/expansion-zoom", test_expansion_zoom);
  g_test_add_func ("/cluster-index/bbox", test_bbox);
  g_test_add_func ("/cluster-index/antimeridian", test_antimeridian);
  g_test_add_func ("/cluster-index/reference", test_reference);
  g_test_add_func ("/cluster-index/ids-and-refs", test_ids_and_refs);
  g_test_add_func ("/cluster-index/deterministic", test_deterministic);
  g_test_add_func ("/cluster-index/unchanged", test_unchanged);

  return g_test_run ();
}
