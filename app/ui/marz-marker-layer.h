/* marz-marker-layer.h: the incidents' markers over the map, clustered */
#pragma once

#include <shumate/shumate.h>

#include "marz-marker.h"
#include "marz-marker-set.h"

G_BEGIN_DECLS

#define MARZ_TYPE_MARKER_LAYER (marz_marker_layer_get_type ())
G_DECLARE_FINAL_TYPE (MarzMarkerLayer, marz_marker_layer, MARZ, MARKER_LAYER, ShumateLayer)

MarzMarkerLayer *marz_marker_layer_new            (ShumateViewport *viewport);
MarzMarkerSet   *marz_marker_layer_get_marker_set (MarzMarkerLayer *self);
void             marz_marker_layer_set_marker_set (MarzMarkerLayer *self,
                                                   MarzMarkerSet   *marker_set);
guint            marz_marker_layer_get_n_markers  (MarzMarkerLayer *self);
MarzMarker      *marz_marker_layer_find_place     (MarzMarkerLayer *self,
                                                   const char      *place_id);
GList           *marz_marker_layer_get_markers    (MarzMarkerLayer *self);

G_END_DECLS
