/* marz-cluster-index-build.c: making the levels, from max_zoom down
 *
 * Levels are built from max_zoom down: the nodes of level z + 1 are sorted
 * (LSD radix) row by row into a grid of square cells a little wider than the
 * merge radius at zoom z, so that whatever lies within the radius of a node
 * lies in its own cell or the eight around it.  They are then taken greedily
 * in that order: an unvisited node takes every unvisited node within the
 * radius into a new cluster at their weighted centroid, or goes down to level
 * z unchanged.  Since the cells before the current one are done, only the
 * rest of its cell, the next cell and the three cells of the row below need
 * looking at, through two cursors that only move forward; a skip list of
 * unvisited nodes keeps the scans from seeing a node twice.  Each level costs
 * a radix sort and a linear pass: no tree, no per-point malloc.  The points
 * are renumbered in the order of the first sort, so that node numbers, and
 * every level's reads, follow the map.
 */
#define G_LOG_DOMAIN "marz-cluster-index"

#include "marz-cluster-index-private.h"

#include <math.h>
#include <string.h>

#define RADIX_BITS  14  /* 11 made three passes of most levels, this two */
#define NO_LEAF     G_MAXUINT32

typedef struct
{
  guint64 key;
  guint32 item;
} SortEntry;

/* What building needs and the index does not keep. */
typedef struct
{
  MarzClusterIndex *index;
  guint32          *head;         /* per cluster: its points as a list */
  guint32          *tail;
  guint32          *next_leaf;    /* per point */
  guint32          *leaf_weight;  /* per point: the weights, packed for the cache */
  guint64          *buffers[2];   /* for sorting; then one holds the keys */
  guint64          *keys;         /* of the level being clustered, sorted */
  guint32          *items;        /* where each sorted key came from */
  guint32          *sx;           /* positions of the sorted nodes */
  guint32          *sy;
  guint32          *skip;         /* first unvisited entry at or after each */
  guint32          *members;      /* of the cluster being made */
  guint32          *tx;           /* positions to sort, in their order: while */
  guint32          *ty;           /* sorting, in skip's and members' memory */
  guint64           row_width;    /* keys per row of cells, in the current grid */
} Builder;

/* The merge radius at @zoom, in fixed units. */
static double
radius_fixed (double radius_px,
              guint  tile_size,
              int    zoom)
{
  return ldexp (radius_px / tile_size, 32 - zoom);
}

/* Cells a little wider than @radius, so that rounding can never put two
 * points within the radius of each other two cells apart.  Any wider and the
 * scans would compare more points for nothing. */
static double
cell_scale (double radius)
{
  return 1.0 / MAX (radius * (1.0 + 1.0 / 65536) + 1.0, 2.0);  /* keys fit 63 bits */
}

static guint
bit_length (guint64 v)
{
  guint bits = 0;

  for (; v != 0; v >>= 1)
    bits++;
  return bits;
}

/* Stable LSD radix sort of the @n words of @a on bits @lo … @lo + @passes ×
 * @digit − 1, whose digits were counted into @counts (@passes tables of
 * 2^@digit); returns whichever buffer ends up holding the result. */
static guint64 *
radix_sort (guint64 *a,
            guint64 *tmp,
            gsize    n,
            guint    lo,
            guint    passes,
            guint    digit,
            gsize   *counts)
{
  gsize n_buckets = (gsize) 1 << digit, mask = n_buckets - 1;

  for (guint p = 0; p < passes; p++)
    {
      gsize *count = counts + p * n_buckets, sum = 0;
      guint shift = lo + p * digit;
      guint64 *t;

      if (count[(a[0] >> shift) & mask] == n)
        continue;  /* one digit for all: nothing to move */
      for (gsize k = 0; k < n_buckets; k++)
        {
          gsize c = count[k];

          count[k] = sum;
          sum += c;
        }
      for (gsize i = 0; i < n; i++)
        tmp[count[(a[i] >> shift) & mask]++] = a[i];
      t = a, a = tmp, tmp = t;
    }
  return a;
}

static int
compare_entries (const void *a,
                 const void *b)
{
  const SortEntry *p = a, *q = b;

  if (p->key != q->key)
    return p->key < q->key ? -1 : 1;
  return (p->item > q->item) - (p->item < q->item);
}

/* The key of cell (@cx, @cy) in a grid whose first cell is (@min_cx,
 * @min_cy): row by row, with a column of empty cells either side, so that
 * the cells left and right of a node are always key − 1 and key + 1, never
 * the end of another row. */
static inline guint64
cell_key (guint32 cx,
          guint32 cy,
          guint32 min_cx,
          guint32 min_cy,
          guint64 row_width)
{
  return (guint64) (cy - min_cy) * row_width + (cx - min_cx) + 1;
}

/* Leaves the keys of the sorted @words in place and where each came from in
 * b->items. */
static guint64 *
unpack_words (Builder *b,
              guint64 *words,
              guint    m,
              guint    item_bits)
{
  guint64 item_mask = ((guint64) 1 << item_bits) - 1;

  for (guint j = 0; j < m; j++)
    {
      b->items[j] = words[j] & item_mask;
      words[j] >>= item_bits;
    }
  return words;
}

/* Sorts (key, item) pairs packed in one word each, the common case, from
 * the cells in b->sx, b->sy: the digits are counted while packing, and the
 * keys are left in place of the words.  Returns the sorted keys. */
static guint64 *
sort_packed (Builder *b,
             guint    m,
             guint32  min_cx,
             guint32  min_cy,
             guint    key_bits,
             guint    item_bits)
{
  guint passes = (key_bits + RADIX_BITS - 1) / RADIX_BITS;
  guint digit = passes ? (key_bits + passes - 1) / passes : 0;
  gsize mask = ((gsize) 1 << digit) - 1;
  g_autofree gsize *counts = g_new0 (gsize, MAX (passes, 1) << digit);
  guint64 *words = b->buffers[0];

  for (guint i = 0; i < m; i++)
    {
      guint64 key = cell_key (b->sx[i], b->sy[i], min_cx, min_cy, b->row_width);

      words[i] = key << item_bits | i;
      for (guint p = 0; p < passes; p++)
        counts[(p << digit) + ((key >> (p * digit)) & mask)]++;
    }
  if (m > 0)
    words = radix_sort (words, words == b->buffers[0] ? b->buffers[1] : b->buffers[0], m,
                        item_bits, passes, digit, counts);
  return unpack_words (b, words, m, item_bits);
}

/* Merges the sorted @na words of @a and @nb of @c into @out. */
static void
merge_words (const guint64 *a,
             gsize          na,
             const guint64 *c,
             gsize          nb,
             guint64       *out)
{
  gsize i = 0, j = 0;

  while (i < na && j < nb)
    {
      guint64 x = a[i], y = c[j];
      gboolean second = y < x;

      *out++ = second ? y : x;
      i += !second;
      j += second;
    }
  memcpy (out, a + i, (na - i) * sizeof (guint64));
  memcpy (out + (na - i), c + j, (nb - j) * sizeof (guint64));
}

/* Sorts the @n words of @a, which come in a few ascending runs, by merging
 * the runs pairwise; @tmp holds as many, @runs as many run starts. */
static void
merge_runs (guint64 *a,
            guint64 *tmp,
            guint32 *runs,
            gsize    n)
{
  guint64 *src = a, *dst = tmp, *t;
  gsize n_runs = 1;

  runs[0] = 0;
  for (gsize i = 1; i < n; i++)
    if (a[i] < a[i - 1])
      runs[n_runs++] = i;
  while (n_runs > 1)
    {
      gsize k = 0;

      for (gsize r = 0; r < n_runs; r += 2)
        {
          gsize lo = runs[r];
          gsize mid = r + 1 < n_runs ? runs[r + 1] : n;
          gsize hi = r + 2 < n_runs ? runs[r + 2] : n;

          merge_words (src + lo, mid - lo, src + mid, hi - mid, dst + lo);
          runs[k++] = lo;
        }
      n_runs = k;
      t = src, src = dst, dst = t;
    }
  if (src != a)
    memcpy (a, src, n * sizeof (guint64));
}

/* Sorts as sort_packed() does, for a level's nodes, which come in the order
 * of the cells of the level below them, about half as wide: a row of cells
 * here gets the nodes of two or three rows there, each nearly in order.  A
 * counting sort by row (writing two or three places at a time) and a merge
 * of each row's runs read and write in order, where the radix sort scattered
 * every word at random twice.  Words are unique (key, item), so any correct
 * sort of them gives what the radix sort gave. */
static guint64 *
sort_rows (Builder *b,
           guint    m,
           guint32  min_cx,
           guint32  min_cy,
           guint32  n_rows,
           guint    item_bits)
{
  g_autofree guint32 *end = g_new0 (guint32, n_rows + 1);
  guint64 *words = b->buffers[1];

  for (guint i = 0; i < m; i++)
    end[b->sy[i] - min_cy + 1]++;
  for (guint32 r = 0; r < n_rows; r++)
    end[r + 1] += end[r];
  for (guint i = 0; i < m; i++)  /* then end[r] is where row r ends */
    words[end[b->sy[i] - min_cy]++] =
      cell_key (b->sx[i], b->sy[i], min_cx, min_cy, b->row_width) << item_bits | i;
  for (guint32 r = 0, lo = 0; r < n_rows; lo = end[r++])
    if (end[r] - lo > 1)
      merge_runs (words + lo, b->buffers[0] + lo, b->items + lo, end[r] - lo);
  return unpack_words (b, words, m, item_bits);
}

/* Keys too wide to share a word with an index: points spread over the whole
 * world at a high zoom. */
static guint64 *
sort_wide (Builder *b,
           guint    m,
           guint32  min_cx,
           guint32  min_cy)
{
  g_autofree SortEntry *entries = g_new (SortEntry, MAX (m, 1));
  guint64 *keys = b->buffers[0];

  for (guint i = 0; i < m; i++)
    entries[i] = (SortEntry) { cell_key (b->sx[i], b->sy[i], min_cx, min_cy, b->row_width), i };
  qsort (entries, m, sizeof (SortEntry), compare_entries);
  for (guint j = 0; j < m; j++)
    {
      keys[j] = entries[j].key;
      b->items[j] = entries[j].item;
    }
  return keys;
}

/* Sorts the m positions in b->tx, b->ty row by row of the cells of @scale:
 * the sorted keys into b->keys, where each came from into b->items, the
 * positions in that order into b->sx, b->sy, and the rows into @level.
 * @nearly_sorted: they come in the order of a finer grid's cells. */
static void
sort_cells (Builder  *b,
            guint     m,
            double    scale,
            gboolean  nearly_sorted,
            Level    *level)
{
  guint32 min_cx = G_MAXUINT32, min_cy = G_MAXUINT32, max_cx = 0, max_cy = 0;
  guint key_bits, item_bits = bit_length (m > 0 ? m - 1 : 0);
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));
  guint64 row_end = 0;

  for (guint i = 0; i < m; i++)  /* the cells, in sx and sy until sorted */
    {
      guint32 cx = cell_of (b->tx[i], scale), cy = cell_of (b->ty[i], scale);

      b->sx[i] = cx;
      b->sy[i] = cy;
      min_cx = MIN (min_cx, cx);
      max_cx = MAX (max_cx, cx);
      min_cy = MIN (min_cy, cy);
      max_cy = MAX (max_cy, cy);
    }
  b->row_width = m ? (guint64) max_cx - min_cx + 3 : 3;
  key_bits = m ? bit_length (cell_key (max_cx, max_cy, min_cx, min_cy, b->row_width)) : 0;
  if (key_bits + item_bits > 64)
    b->keys = sort_wide (b, m, min_cx, min_cy);
  else if (nearly_sorted && m > 0 && (guint64) max_cy - min_cy < 2 * (guint64) m)
    b->keys = sort_rows (b, m, min_cx, min_cy, max_cy - min_cy + 1, item_bits);
  else
    b->keys = sort_packed (b, m, min_cx, min_cy, key_bits, item_bits);

  for (guint j = 0; j < m; j++)
    {
      guint32 i = b->items[j];

      b->sx[j] = b->tx[i];
      b->sy[j] = b->ty[i];
      if (b->keys[j] >= row_end)
        {
          guint64 r = b->keys[j] / b->row_width;
          Row row = { min_cy + r, j };

          row_end = (r + 1) * b->row_width;
          g_array_append_val (rows, row);
        }
    }
  level->scale = scale;
  level->n_nodes = m;
  level->n_rows = rows->len;
  level->rows = (Row *) g_array_free (rows, FALSE);
}

/* Sorts @nodes into @level, row by row of the cells of @scale; leaves the
 * sorted keys in b->keys and the positions in b->sx, b->sy. */
static void
sort_level (Builder       *b,
            const guint32 *nodes,
            guint          m,
            double         scale,
            Level         *level)
{
  const MarzClusterIndex *index = b->index;

  for (guint i = 0; i < m; i++)
    {
      b->tx[i] = index->x[nodes[i]];
      b->ty[i] = index->y[nodes[i]];
    }
  sort_cells (b, m, scale, TRUE, level);
  level->nodes = g_new (guint32, MAX (m, 1));
  for (guint j = 0; j < m; j++)
    level->nodes[j] = nodes[b->items[j]];
}

/* Projects @points and sorts them as sort_level() does, into the index's own
 * copy: the points' node numbers follow the map, and so, later, do the
 * clusters' (made in that order), which keeps every level's reads local. */
static void
sort_points (Builder                *b,
             const MarzClusterPoint *points,
             double                  scale,
             Level                  *level)
{
  MarzClusterIndex *self = b->index;
  guint n = self->n_points;

  for (guint i = 0; i < n; i++)
    {
      b->tx[i] = lon_to_x (points[i].lon);
      b->ty[i] = lat_to_y (points[i].lat);
    }
  sort_cells (b, n, scale, FALSE, level);
  level->nodes = g_new (guint32, MAX (n, 1));
  memcpy (self->x, b->sx, n * sizeof (guint32));
  memcpy (self->y, b->sy, n * sizeof (guint32));
  for (guint j = 0; j < n; j++)
    {
      const MarzClusterPoint *point = &points[b->items[j]];

      self->points[j] = *point;
      b->leaf_weight[j] = point->weight;
      level->nodes[j] = j;
    }
}

void
_marz_cluster_index_level_clear (Level *level)
{
  g_clear_pointer (&level->nodes, g_free);
  g_clear_pointer (&level->rows, g_free);
  level->n_nodes = level->n_rows = 0;
}

static inline guint32
find_unvisited (guint32 *skip,
                guint32  i)
{
  while (skip[i] != i)
    {
      skip[i] = skip[skip[i]];  /* path halving */
      i = skip[i];
    }
  return i;
}

/* Takes into b->members every unvisited entry from @from up to key @last
 * that lies within the radius of entry @seed. */
G_ALWAYS_INLINE static inline guint
take_neighbours (Builder *b,
                 guint32  seed,
                 guint32  from,
                 guint64  last,
                 guint    m,
                 double   r2,
                 guint    n_members)
{
  for (guint32 j = find_unvisited (b->skip, from);
       j < m && b->keys[j] <= last;
       j = find_unvisited (b->skip, j + 1))
    {
      double dx = (double) b->sx[j] - b->sx[seed];
      double dy = (double) b->sy[j] - b->sy[seed];

      if (dx * dx + dy * dy <= r2)
        {
          b->skip[j] = j + 1;
          b->members[n_members++] = j;
        }
    }
  return n_members;
}

static guint32
node_head (const Builder *b,
           guint32        node)
{
  return node < b->index->n_points ? node : b->head[node - b->index->n_points];
}

static guint32
node_tail (const Builder *b,
           guint32        node)
{
  return node < b->index->n_points ? node : b->tail[node - b->index->n_points];
}

static guint64
node_count (const Builder *b,
            guint32        node)
{
  return node < b->index->n_points ? b->leaf_weight[node]
                                   : b->index->cluster_count[node - b->index->n_points];
}

static guint32
node_size (const MarzClusterIndex *self,
           guint32                 node)
{
  return node < self->n_points ? 1 : self->cluster_size[node - self->n_points];
}

static guint32
round_fixed (double v)
{
  return (guint32) CLAMP (floor (v + 0.5), 0.0, (double) G_MAXUINT32);
}

/* Makes a cluster of the first @n_members of b->members (entries of
 * @level), at their centroid weighted by count, or by size if all weigh 0. */
static guint32
make_cluster (Builder     *b,
              const Level *level,
              guint        n_members,
              int          zoom)
{
  MarzClusterIndex *self = b->index;
  guint c = self->n_clusters++;
  guint32 node = self->n_points + c;
  double wx = 0, wy = 0, sx = 0, sy = 0;
  guint64 count = 0;
  guint32 size = 0;

  for (guint k = 0; k < n_members; k++)
    {
      guint32 j = b->members[k], member = level->nodes[j];
      guint64 w = node_count (b, member);
      guint32 s = node_size (self, member);

      count += w, size += s;
      wx += (double) w * b->sx[j], wy += (double) w * b->sy[j];
      sx += (double) s * b->sx[j], sy += (double) s * b->sy[j];
      if (k == 0)
        b->head[c] = node_head (b, member);
      else
        b->next_leaf[b->tail[c]] = node_head (b, member);
      b->tail[c] = node_tail (b, member);
    }
  self->x[node] = round_fixed (count ? wx / count : sx / size);
  self->y[node] = round_fixed (count ? wy / count : sy / size);
  self->cluster_count[c] = count;
  self->cluster_size[c] = size;
  self->cluster_zoom[c] = zoom;
  return node;
}

/* Clusters @level (zoom + 1, as sorted by sort_level()) into @out, the nodes
 * of @zoom; returns how many. */
static guint
cluster_level (Builder     *b,
               const Level *level,
               double       radius,
               int          zoom,
               guint32     *out)
{
  guint m = level->n_nodes, n_out = 0;
  guint64 width = b->row_width;
  double r2 = radius * radius;
  guint32 below = 0;  /* no entry before it lies in the row below the seed's */

  for (guint32 j = 0; j <= m; j++)
    b->skip[j] = j;
  for (guint32 i = find_unvisited (b->skip, 0); i < m; i = find_unvisited (b->skip, i + 1))
    {
      guint64 key = b->keys[i];
      guint n_members = 1;

      b->skip[i] = i + 1;
      b->members[0] = i;
      n_members = take_neighbours (b, i, i + 1, key + 1, m, r2, n_members);
      while (below < m && b->keys[below] < key + width - 1)
        below++;
      n_members = take_neighbours (b, i, below, key + width + 1, m, r2, n_members);
      out[n_out++] = n_members == 1 ? level->nodes[i] : make_cluster (b, level, n_members, zoom);
    }
  return n_out;
}

/* Concatenates the lists of the top level's nodes into leaf_order, then
 * finds where each cluster's run starts. */
static void
order_leaves (Builder *b)
{
  MarzClusterIndex *self = b->index;
  const Level *top = &self->levels[0];
  g_autofree guint32 *rank = g_new (guint32, MAX (self->n_points, 1));
  guint pos = 0;

  for (guint j = 0; j < top->n_nodes; j++)
    for (guint32 leaf = node_head (b, top->nodes[j]); leaf != NO_LEAF; leaf = b->next_leaf[leaf])
      {
        rank[leaf] = pos;
        self->leaf_order[pos++] = leaf;
      }
  g_assert (pos == self->n_points);
  for (guint c = 0; c < self->n_clusters; c++)
    self->cluster_first[c] = rank[b->head[c]];
}

static void
builder_init (Builder          *b,
              MarzClusterIndex *self)
{
  gsize n = MAX (self->n_points, 1);

  b->index = self;
  b->head = g_new (guint32, n);
  b->tail = g_new (guint32, n);
  b->next_leaf = g_new (guint32, n);
  b->leaf_weight = g_new (guint32, n);
  memset (b->next_leaf, 0xff, n * sizeof (guint32));
  b->buffers[0] = g_new (guint64, n);
  b->buffers[1] = g_new (guint64, n);
  b->items = g_new (guint32, n);
  b->sx = g_new (guint32, n);
  b->sy = g_new (guint32, n);
  b->skip = g_new (guint32, n + 1);
  b->members = g_new (guint32, n);
  b->tx = b->skip;
  b->ty = b->members;
}

static void
builder_clear (Builder *b)
{
  g_free (b->head);
  g_free (b->tail);
  g_free (b->next_leaf);
  g_free (b->leaf_weight);
  g_free (b->buffers[0]);
  g_free (b->buffers[1]);
  g_free (b->items);
  g_free (b->sx);
  g_free (b->sy);
  g_free (b->skip);
  g_free (b->members);
}

/* At most n − 1 clusters: each merges at least two nodes into one.  The
 * arrays are allocated for that and shrunk once the count is known. */
static void
alloc_nodes (MarzClusterIndex *self)
{
  gsize n = MAX (self->n_points, 1);

  self->x = g_new (guint32, 2 * n);
  self->y = g_new (guint32, 2 * n);
  self->cluster_count = g_new (guint64, n);
  self->cluster_size = g_new (guint32, n);
  self->cluster_first = g_new (guint32, n);
  self->cluster_zoom = g_new (guint8, n);
  self->leaf_order = g_new (guint32, n);
}

static void
shrink_nodes (MarzClusterIndex *self)
{
  gsize k = MAX (self->n_clusters, 1);

  self->x = g_renew (guint32, self->x, self->n_points + k);
  self->y = g_renew (guint32, self->y, self->n_points + k);
  self->cluster_count = g_renew (guint64, self->cluster_count, k);
  self->cluster_size = g_renew (guint32, self->cluster_size, k);
  self->cluster_first = g_renew (guint32, self->cluster_first, k);
  self->cluster_zoom = g_renew (guint8, self->cluster_zoom, k);
}

static void
build (MarzClusterIndex       *self,
       const MarzClusterPoint *points,
       double                  radius_px,
       guint                   tile_size)
{
  Builder b = { 0 };
  g_autofree guint32 *cur = g_new (guint32, MAX (self->n_points, 1));
  g_autofree guint32 *out = g_new (guint32, MAX (self->n_points, 1));
  guint m = self->n_points;
  Level level = { 0 };

  builder_init (&b, self);
  sort_points (&b, points, cell_scale (radius_fixed (radius_px, tile_size, self->max_zoom)),
               &level);
  for (int z = self->max_zoom; z >= self->min_zoom; z--)
    {
      double radius = radius_fixed (radius_px, tile_size, z);
      guint32 *t;

      if (z < self->max_zoom)
        sort_level (&b, cur, m, cell_scale (radius), &level);
      m = cluster_level (&b, &level, radius, z, out);
      if (z < self->max_zoom)
        self->levels[z + 1 - self->min_zoom] = level;
      else  /* the points themselves: zoom max + 1 is never shown */
        _marz_cluster_index_level_clear (&level);
      level = (Level) { 0 };
      t = cur, cur = out, out = t;
    }
  sort_level (&b, cur, m, cell_scale (radius_fixed (radius_px, tile_size, self->min_zoom - 1)),
              &self->levels[0]);
  order_leaves (&b);
  builder_clear (&b);
  shrink_nodes (self);
}

/* Fills @self, whose points and levels marz_cluster_index_new() allocated. */
void
_marz_cluster_index_build (MarzClusterIndex       *self,
                           const MarzClusterPoint *points,
                           double                  radius_px,
                           guint                   tile_size)
{
  alloc_nodes (self);
  build (self, points, radius_px, tile_size);
}
