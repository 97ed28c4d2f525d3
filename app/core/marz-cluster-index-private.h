/* marz-cluster-index-private.h: what the cluster index's files share
 *
 * Points are projected once to Web Mercator in 32-bit fixed point (the unit
 * square times 2^32: a 256th of a pixel at zoom 16).  Every point and every
 * cluster is a node of one flat table: nodes 0 … n−1 are the points, the
 * clusters follow in the order they were made.  A level is the array of the
 * nodes visible at its zoom.
 *
 * Level z + 1, as sorted to make level z, is also its own query index: rows
 * of cells, in each row the cells in order.  A cluster that no node within
 * the radius joins goes down unchanged and keeps its id, so a cluster id
 * stands for one set of points: made at zoom z, it splits at z + 1.  Each
 * cluster keeps its points as a linked list while levels are built;
 * concatenated in the order of the top level, those lists give an order of
 * the points in which every cluster is one run, and get_leaves() is a slice
 * of it.
 *
 * The levels are made in marz-cluster-index-build.c, read in
 * marz-cluster-index.c.
 */
#pragma once

#include <math.h>

#include "marz-cluster-index.h"

G_BEGIN_DECLS

#define FIXED_ONE   4294967296.0  /* the unit square's side, 2^32 */
#define ZOOM_BITS   5             /* a cluster id is (cluster + 1) << 5 | zoom */

typedef struct
{
  guint32 cy;     /* a non-empty row of cells */
  guint32 start;  /* its first node in the level */
} Row;

typedef struct
{
  double   scale;    /* cells are 1 / scale fixed units wide */
  guint32 *nodes;    /* row by row, cell by cell */
  guint    n_nodes;
  Row     *rows;
  guint    n_rows;
} Level;

struct _MarzClusterIndex
{
  gatomicrefcount   ref_count;
  int               min_zoom;
  int               max_zoom;

  /* owned */
  MarzClusterPoint *points;
  guint             n_points;
  guint32          *x;               /* per node: fixed-point Mercator */
  guint32          *y;
  guint64          *cluster_count;   /* per cluster: summed weight */
  guint32          *cluster_size;    /* points under it */
  guint32          *cluster_first;   /* its run in leaf_order */
  guint8           *cluster_zoom;    /* where it was made */
  guint             n_clusters;
  guint32          *leaf_order;      /* point indices, every cluster a run */
  Level            *levels;          /* [zoom - min_zoom] */
};

static inline guint32
to_fixed (double unit)
{
  if (!(unit > 0.0))  /* NaN too */
    return 0;
  if (unit >= 1.0)
    return G_MAXUINT32;
  return (guint32) (unit * FIXED_ONE);
}

static inline guint32
lon_to_x (double lon)
{
  return to_fixed ((lon + 180.0) / 360.0);
}

/* The projection of marz-mercator.c, written with one sine and one log
 * (twice as fast as asinh (tan φ)); beyond ±85.0511° it clamps. */
static inline guint32
lat_to_y (double lat)
{
  double s = sin (CLAMP (lat, -89.9, 89.9) * G_PI / 180.0);

  return to_fixed (0.5 - log ((1.0 + s) / (1.0 - s)) / (4.0 * G_PI));
}

static inline double
x_to_lon (guint32 x)
{
  return x / FIXED_ONE * 360.0 - 180.0;
}

static inline double
y_to_lat (guint32 y)
{
  return atan (sinh (G_PI * (1.0 - 2.0 * (y / FIXED_ONE)))) * 180.0 / G_PI;
}

/* The column or row of the cells of @scale that @v falls in: monotonic in @v. */
static inline guint32
cell_of (guint32 v,
         double  scale)
{
  return (guint32) (v * scale);
}

static inline guint64
cluster_id_encode (guint cluster,
                   guint zoom)
{
  return ((guint64) cluster + 1) << ZOOM_BITS | zoom;
}

/* Returns the cluster, or G_MAXUINT for an id this index never gave out. */
static inline guint
cluster_id_decode (MarzClusterIndex *self,
                   guint64           cluster_id)
{
  guint64 cluster = (cluster_id >> ZOOM_BITS) - 1;

  if (cluster_id >> ZOOM_BITS == 0 || cluster >= self->n_clusters
      || self->cluster_zoom[cluster] != (cluster_id & ((1 << ZOOM_BITS) - 1)))
    return G_MAXUINT;
  return cluster;
}

/* marz-cluster-index-build.c */
void _marz_cluster_index_build       (MarzClusterIndex       *self,
                                      const MarzClusterPoint *points,
                                      double                  radius_px,
                                      guint                   tile_size);
void _marz_cluster_index_level_clear (Level                  *level);

G_END_DECLS
