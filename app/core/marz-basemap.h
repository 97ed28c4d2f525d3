/* marz-basemap.h: the offline basemap, drawn by Marz itself with cairo */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "marz-gazetteer.h"

G_BEGIN_DECLS

#define MARZ_BASEMAP_ERROR (marz_basemap_error_quark ())

typedef enum
{
  MARZ_BASEMAP_ERROR_NOT_FOUND,
  MARZ_BASEMAP_ERROR_INVALID,
} MarzBasemapError;

typedef struct
{
  double lat;
  double lon;
} MarzLatLon;

#define MARZ_TYPE_BASEMAP (marz_basemap_get_type ())
G_DECLARE_FINAL_TYPE (MarzBasemap, marz_basemap, MARZ, BASEMAP, GObject)

GQuark           marz_basemap_error_quark  (void);
MarzBasemap     *marz_basemap_new_from_dir (const char    *dir,
                                            MarzGazetteer *gazetteer,
                                            GError       **error);
MarzBasemap     *marz_basemap_new_default  (MarzGazetteer *gazetteer,
                                            GError       **error);
const char      *marz_basemap_get_language (MarzBasemap   *self);
void             marz_basemap_set_language (MarzBasemap   *self,
                                            const char    *language);
void             marz_basemap_render       (MarzBasemap   *self,
                                            cairo_t       *cr,
                                            double         zoom,
                                            double         origin_x,
                                            double         origin_y,
                                            double         width,
                                            double         height,
                                            double         scale);
cairo_surface_t *marz_basemap_render_tile  (MarzBasemap   *self,
                                            int            zoom,
                                            int            x,
                                            int            y,
                                            guint          tile_size,
                                            double         scale,
                                            GCancellable  *cancellable);
GPtrArray       *marz_basemap_get_outline  (MarzBasemap   *self,
                                            const char    *gazetteer_id);

G_END_DECLS
