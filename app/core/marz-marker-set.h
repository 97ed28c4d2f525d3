/* marz-marker-set.h: the places a map marks, clustered
 *
 * The summaries of the places with incidents shown (all of them, or only
 * those with violence) and the cluster index over them.  Built in a worker thread, then
 * immutable: the map reads it on the main thread while a newer one is being
 * built.
 */
#pragma once

#include "marz-cluster-index.h"
#include "marz-store.h"

G_BEGIN_DECLS

#define MARZ_MARKER_SET_RADIUS   40.0   /* px: markers closer than this merge */
#define MARZ_MARKER_SET_MAX_ZOOM 16     /* from here on nothing merges */

typedef struct _MarzMarkerSet MarzMarkerSet;

MarzMarkerSet          *marz_marker_set_new            (GPtrArray            *summaries,
                                                        gboolean              with_diplomacy);
MarzMarkerSet          *marz_marker_set_ref            (MarzMarkerSet        *self);
void                    marz_marker_set_unref          (MarzMarkerSet        *self);
MarzClusterIndex       *marz_marker_set_get_index      (MarzMarkerSet        *self);
guint                   marz_marker_set_get_n_places   (MarzMarkerSet        *self);
const MarzPlaceSummary *marz_marker_set_get_place      (MarzMarkerSet        *self,
                                                        guint                 index);
guint                   marz_marker_set_get_count      (MarzMarkerSet        *self,
                                                        guint                 index);
MarzIncidentType        marz_marker_set_get_type       (MarzMarkerSet        *self,
                                                        guint                 index);
gboolean                marz_marker_set_lookup         (MarzMarkerSet        *self,
                                                        const char           *place_id,
                                                        guint                *index);
gboolean                marz_marker_set_get_with_diplomacy (MarzMarkerSet    *self);
guint64                 marz_marker_set_get_n_incidents (MarzMarkerSet       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzMarkerSet, marz_marker_set_unref)

G_END_DECLS
