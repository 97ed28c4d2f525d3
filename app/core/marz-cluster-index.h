/* marz-cluster-index.h: markers that overlap at a zoom level, merged into clusters
 *
 * A map cannot show a million incidents as widgets.  The index merges the
 * points that would overlap on screen into clusters, one clustering per zoom
 * level, so that a viewport holds a few hundred markers at any zoom and a
 * cluster splits as the user zooms in (the idea of Mapbox's supercluster).
 *
 * Built once from an array of points, then immutable: queries may run on any
 * thread at once.  Coordinates are WGS 84 degrees; distances are measured in
 * Web Mercator pixels of the given tile size, as libshumate draws them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MARZ_CLUSTER_INDEX_MAX_ZOOM 30

typedef struct
{
  double  lat;
  double  lon;
  guint64 id;       /* the caller's: a place's index, a row id */
  guint   weight;   /* what a cluster sums: the incidents at that place */
} MarzClusterPoint;

typedef struct
{
  double   lat;         /* a cluster's centroid, weighted by weight; or the point */
  double   lon;
  guint64  count;       /* summed weight */
  guint    n_points;    /* points under it: 1 for a point */
  gboolean is_cluster;
  guint64  id;          /* the point's id; 0 for a cluster */
  guint64  cluster_id;  /* 0 for a point; never 0 for a cluster */
} MarzCluster;

typedef struct _MarzClusterIndex MarzClusterIndex;

MarzClusterIndex *marz_cluster_index_new                (const MarzClusterPoint *points,
                                                         gsize                   n_points,
                                                         double                  radius_px,
                                                         guint                   tile_size,
                                                         int                     min_zoom,
                                                         int                     max_zoom);
MarzClusterIndex *marz_cluster_index_ref                (MarzClusterIndex       *self);
void              marz_cluster_index_unref              (MarzClusterIndex       *self);
GArray           *marz_cluster_index_query              (MarzClusterIndex       *self,
                                                         double                  min_lon,
                                                         double                  min_lat,
                                                         double                  max_lon,
                                                         double                  max_lat,
                                                         int                     zoom);
GArray           *marz_cluster_index_get_leaves         (MarzClusterIndex       *self,
                                                         guint64                 cluster_id,
                                                         guint                   offset,
                                                         guint                   limit);
int               marz_cluster_index_get_expansion_zoom (MarzClusterIndex       *self,
                                                         guint64                 cluster_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzClusterIndex, marz_cluster_index_unref)

G_END_DECLS
