/* marz-tile-source.h: the offline basemap as a libshumate map source */
#pragma once

#include <shumate/shumate.h>

#include "marz-basemap.h"

G_BEGIN_DECLS

#define MARZ_TYPE_TILE_SOURCE (marz_tile_source_get_type ())
G_DECLARE_FINAL_TYPE (MarzTileSource, marz_tile_source, MARZ, TILE_SOURCE, ShumateMapSource)

MarzTileSource *marz_tile_source_new              (MarzBasemap    *basemap);
MarzBasemap    *marz_tile_source_get_basemap      (MarzTileSource *self);
int             marz_tile_source_get_scale_factor (MarzTileSource *self);
void            marz_tile_source_set_scale_factor (MarzTileSource *self,
                                                   int             scale_factor);
guint           marz_tile_source_get_n_filled     (MarzTileSource *self);

G_END_DECLS
