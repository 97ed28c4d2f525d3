/* marz-online-source.h: opt-in online raster tiles (OpenStreetMap) as a libshumate map source */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define MARZ_ONLINE_SOURCE_DEFAULT_URL_TEMPLATE "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

#define MARZ_ONLINE_SOURCE_ERROR (marz_online_source_error_quark ())

typedef enum
{
  MARZ_ONLINE_SOURCE_ERROR_INVALID_URL,   /* the template does not make an http(s) URL */
  MARZ_ONLINE_SOURCE_ERROR_NETWORK,       /* no answer: refused, unreachable, TLS, timeout */
  MARZ_ONLINE_SOURCE_ERROR_HTTP,          /* the server answered with an error status */
  MARZ_ONLINE_SOURCE_ERROR_INVALID_TILE,  /* the body is not an image */
} MarzOnlineSourceError;

#define MARZ_TYPE_ONLINE_SOURCE (marz_online_source_get_type ())
G_DECLARE_FINAL_TYPE (MarzOnlineSource, marz_online_source, MARZ, ONLINE_SOURCE, ShumateMapSource)

GQuark            marz_online_source_error_quark      (void);
MarzOnlineSource *marz_online_source_new              (const char       *url_template);
const char       *marz_online_source_get_url_template (MarzOnlineSource *self);
gboolean          marz_online_source_get_available    (MarzOnlineSource *self);
guint             marz_online_source_get_n_loaded     (MarzOnlineSource *self);
guint             marz_online_source_get_n_failed     (MarzOnlineSource *self);
void              marz_online_source_save_cache       (MarzOnlineSource *self);

G_END_DECLS
