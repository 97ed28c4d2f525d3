/* marz-online-source.c
 *
 * A ShumateMapSource fetching raster tiles over HTTP with its own
 * SoupSession: the body arrives on the main thread, is decoded into a
 * GdkTexture in a GTask worker thread, and handed to the tile back on the
 * main thread (the same shape as MarzTileSource).
 *
 * The OpenStreetMap tile usage policy asks for an identifying User-Agent,
 * at most two connections, and honouring the HTTP expiry headers: hence the
 * session settings and the SoupCache under $XDG_CACHE_HOME/marz/tiles/,
 * one session per URL template for the whole process.
 *
 * libshumate before 1.4 drops tile errors silently, so the source tells its
 * owner itself: "failed" once per run of failed tiles, and "available".
 */
#define G_LOG_DOMAIN "marz-online-source"

#include "marz-online-source.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#define TILE_SIZE           256
#define MIN_ZOOM            0
#define MAX_ZOOM            19   /* the deepest zoom tile.openstreetmap.org serves */
#define MAX_CONNS_PER_HOST  2    /* the tile usage policy's limit */
#define IO_TIMEOUT_SECONDS  30
#define CACHE_MAX_SIZE      (64 * 1024 * 1024)
#define USER_AGENT          "Marz/" MARZ_VERSION " (+https://github.com/marzatlas/marz)"

struct _MarzOnlineSource
{
  ShumateMapSource parent_instance;

  /* owned */
  char        *url_template;
  SoupSession *session;        /* shared by the sources of one template */

  gboolean     available;
  guint        n_loaded;
  guint        n_failed;
};

G_DEFINE_FINAL_TYPE (MarzOnlineSource, marz_online_source, SHUMATE_TYPE_MAP_SOURCE)
G_DEFINE_QUARK (marz-online-source-error-quark, marz_online_source_error)

enum {
  PROP_0,
  PROP_URL_TEMPLATE,
  PROP_AVAILABLE,
  N_PROPS
};

enum {
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* url template → SoupSession (weak); main thread only */
static GHashTable *shared_sessions;

/* One fill in flight: the task data of the fill_tile_async task. */
typedef struct
{
  ShumateTile *tile;
  SoupMessage *message;
  char        *host;
} TileFetch;

static void
tile_fetch_free (TileFetch *fetch)
{
  g_clear_object (&fetch->tile);
  g_clear_object (&fetch->message);
  g_free (fetch->host);
  g_free (fetch);
}

static char *
expand_template (const char  *url_template,
                 ShumateTile *tile)
{
  GString *url = g_string_new (url_template);
  g_autofree char *z = g_strdup_printf ("%u", shumate_tile_get_zoom_level (tile));
  g_autofree char *x = g_strdup_printf ("%u", shumate_tile_get_x (tile));
  g_autofree char *y = g_strdup_printf ("%u", shumate_tile_get_y (tile));

  g_string_replace (url, "{z}", z, 0);
  g_string_replace (url, "{x}", x, 0);
  g_string_replace (url, "{y}", y, 0);
  return g_string_free (url, FALSE);
}

/* soup_message_new_from_uri takes nothing else (and soup_message_new
 * does not check that in libsoup 3.2). */
static GUri *
http_uri_parse (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  const char *scheme;

  if (uri == NULL)
    return NULL;
  scheme = g_uri_get_scheme (uri);
  if (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
    return NULL;
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;
  return g_steal_pointer (&uri);
}

/* Two templates in one map must not share the map layer's tile cache. */
static char *
id_for_template (const char *url_template)
{
  g_autofree char *checksum = NULL;

  if (g_str_equal (url_template, MARZ_ONLINE_SOURCE_DEFAULT_URL_TEMPLATE))
    return g_strdup ("marz-osm");
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, url_template, -1);
  return g_strdup_printf ("marz-online-%.12s", checksum);
}

static GError *
http_error (TileFetch *fetch)
{
  guint status = soup_message_get_status (fetch->message);
  const char *reason = soup_message_get_reason_phrase (fetch->message);

  if (reason == NULL || *reason == '\0')
    reason = soup_status_get_phrase (status);
  return g_error_new (MARZ_ONLINE_SOURCE_ERROR, MARZ_ONLINE_SOURCE_ERROR_HTTP,
                      /* Translators: a host name, then an HTTP status code and its reason phrase */
                      _("The tile server %s answered “%u %s”"), fetch->host, status,
                      reason != NULL ? reason : "");
}

static SoupCache *
open_cache (const char *url_template)
{
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, url_template, -1);
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "marz", "tiles", checksum, NULL);
  SoupCache *cache = soup_cache_new (dir, SOUP_CACHE_SINGLE_USER);

  soup_cache_set_max_size (cache, CACHE_MAX_SIZE);
  soup_cache_load (cache);
  return cache;
}

static void
dump_and_unref_cache (SoupCache *cache)
{
  soup_cache_dump (cache);
  g_object_unref (cache);
}

static void
on_shared_session_finalized_cb (gpointer  data,
                                GObject  *where_the_object_was)
{
  g_hash_table_remove (shared_sessions, data);
}

/* A SoupCache must be alone on its directory, and the connection limit is
 * per client: so all sources of one template (a window retrying makes a new
 * one) share a session, and its cache is saved when the last one goes. */
static SoupSession *
ref_shared_session (const char *url_template)
{
  SoupSession *session;
  SoupCache *cache;
  char *key;

  if (shared_sessions == NULL)
    shared_sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  session = g_hash_table_lookup (shared_sessions, url_template);
  if (session != NULL)
    return g_object_ref (session);

  session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                           "max-conns-per-host", MAX_CONNS_PER_HOST,
                                           "timeout", IO_TIMEOUT_SECONDS,
                                           NULL);
  cache = open_cache (url_template);
  soup_session_add_feature (session, SOUP_SESSION_FEATURE (cache));
  g_object_set_data_full (G_OBJECT (session), "marz-cache", cache, (GDestroyNotify) dump_and_unref_cache);
  key = g_strdup (url_template);
  g_hash_table_insert (shared_sessions, key, session);
  g_object_weak_ref (G_OBJECT (session), on_shared_session_finalized_cb, key);
  return session;
}

static void
set_available (MarzOnlineSource *self,
               gboolean          available)
{
  if (self->available == available)
    return;
  self->available = available;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
}

/* Takes @error.  A cancelled tile left the view: that says nothing about the server. */
static void
fail_tile (GTask  *task,
           GError *error)
{
  MarzOnlineSource *self = g_task_get_source_object (task);
  TileFetch *fetch = g_task_get_task_data (task);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->n_failed++;
      g_debug ("Tile %u/%u/%u failed: %s", shumate_tile_get_zoom_level (fetch->tile),
               shumate_tile_get_x (fetch->tile), shumate_tile_get_y (fetch->tile), error->message);
      if (self->available)
        {
          set_available (self, FALSE);
          g_signal_emit (self, signals[FAILED], 0, error->message);
        }
    }
  g_task_return_error (task, error);
}

static void
decode_tile_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GBytes *body = task_data;
  GError *error = NULL;
  GdkTexture *texture;

  if (g_task_return_error_if_cancelled (task))
    return;
  texture = gdk_texture_new_from_bytes (body, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

/* Back on the main thread: @user_data is the fill_tile_async task. */
static void
on_decode_tile_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MarzOnlineSource *self = g_task_get_source_object (task);
  TileFetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GError *invalid = g_error_new (MARZ_ONLINE_SOURCE_ERROR, MARZ_ONLINE_SOURCE_ERROR_INVALID_TILE,
                                         _("The tile server %s sent a tile that is not an image: %s"),
                                         fetch->host, error->message);

          g_clear_error (&error);
          error = invalid;
        }
      fail_tile (task, g_steal_pointer (&error));
      return;
    }

  shumate_tile_set_paintable (fetch->tile, GDK_PAINTABLE (texture));
  shumate_tile_set_state (fetch->tile, SHUMATE_STATE_DONE);
  self->n_loaded++;
  set_available (self, TRUE);
  g_task_return_boolean (task, TRUE);
}

static void
on_send_and_read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TileFetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GTask) decode = NULL;
  GCancellable *cancellable;
  gpointer source;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GError *network = g_error_new (MARZ_ONLINE_SOURCE_ERROR, MARZ_ONLINE_SOURCE_ERROR_NETWORK,
                                     _("Cannot reach the tile server %s: %s"), fetch->host,
                                     error->message);

      g_clear_error (&error);
      error = network;
    }
  else if (body != NULL && !SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (fetch->message)))
    error = http_error (fetch);
  if (error != NULL)
    {
      fail_tile (task, g_steal_pointer (&error));
      return;
    }

  source = g_task_get_source_object (task);
  cancellable = g_task_get_cancellable (task);
  decode = g_task_new (source, cancellable, on_decode_tile_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (decode, decode_tile_thread);
  g_task_set_task_data (decode, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (decode, decode_tile_thread);
}

static void
marz_online_source_fill_tile_async (ShumateMapSource    *source,
                                    ShumateTile         *tile,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  MarzOnlineSource *self = MARZ_ONLINE_SOURCE (source);
  g_autofree char *url = expand_template (self->url_template, tile);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  TileFetch *fetch;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, marz_online_source_fill_tile_async);
  fetch = g_new0 (TileFetch, 1);
  fetch->tile = g_object_ref (tile);
  g_task_set_task_data (task, fetch, (GDestroyNotify) tile_fetch_free);

  uri = http_uri_parse (url);
  if (uri == NULL)
    {
      fail_tile (task, g_error_new (MARZ_ONLINE_SOURCE_ERROR, MARZ_ONLINE_SOURCE_ERROR_INVALID_URL,
                                    _("“%s” is not a web address of a tile"), url));
      return;
    }
  fetch->host = g_strdup (g_uri_get_host (uri));
  fetch->message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);

  soup_session_send_and_read_async (self->session, fetch->message, G_PRIORITY_DEFAULT, cancellable,
                                    on_send_and_read_cb, g_steal_pointer (&task));
}

static gboolean
marz_online_source_fill_tile_finish (ShumateMapSource  *source,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == marz_online_source_fill_tile_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
marz_online_source_constructed (GObject *object)
{
  MarzOnlineSource *self = MARZ_ONLINE_SOURCE (object);
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (object);
  g_autofree char *id = NULL;

  G_OBJECT_CLASS (marz_online_source_parent_class)->constructed (object);

  if (self->url_template == NULL)
    self->url_template = g_strdup (MARZ_ONLINE_SOURCE_DEFAULT_URL_TEMPLATE);
  id = id_for_template (self->url_template);

  /* Not in init: ShumateMapSource's construct properties would reset these. */
  shumate_map_source_set_id (source, id);
  shumate_map_source_set_name (source, _("OpenStreetMap"));
  shumate_map_source_set_license (source, _("© OpenStreetMap contributors"));
  shumate_map_source_set_license_uri (source, "https://www.openstreetmap.org/copyright");
  shumate_map_source_set_min_zoom_level (source, MIN_ZOOM);
  shumate_map_source_set_max_zoom_level (source, MAX_ZOOM);
  shumate_map_source_set_tile_size (source, TILE_SIZE);
  shumate_map_source_set_projection (source, SHUMATE_MAP_PROJECTION_MERCATOR);

  self->session = ref_shared_session (self->url_template);
}

static void
marz_online_source_dispose (GObject *object)
{
  MarzOnlineSource *self = MARZ_ONLINE_SOURCE (object);

  /* Fills in flight hold a reference, so nothing is left to abort. */
  g_clear_object (&self->session);

  G_OBJECT_CLASS (marz_online_source_parent_class)->dispose (object);
}

static void
marz_online_source_finalize (GObject *object)
{
  MarzOnlineSource *self = MARZ_ONLINE_SOURCE (object);

  g_free (self->url_template);

  G_OBJECT_CLASS (marz_online_source_parent_class)->finalize (object);
}

static void
marz_online_source_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MarzOnlineSource *self = MARZ_ONLINE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_URL_TEMPLATE:
      g_value_set_string (value, marz_online_source_get_url_template (self));
      break;
    case PROP_AVAILABLE:
      g_value_set_boolean (value, marz_online_source_get_available (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
marz_online_source_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MarzOnlineSource *self = MARZ_ONLINE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_URL_TEMPLATE:
      self->url_template = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
marz_online_source_class_init (MarzOnlineSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->constructed = marz_online_source_constructed;
  object_class->dispose = marz_online_source_dispose;
  object_class->finalize = marz_online_source_finalize;
  object_class->get_property = marz_online_source_get_property;
  object_class->set_property = marz_online_source_set_property;

  source_class->fill_tile_async = marz_online_source_fill_tile_async;
  source_class->fill_tile_finish = marz_online_source_fill_tile_finish;

  /**
   * MarzOnlineSource:url-template:
   *
   * Where tiles come from, with `{z}`, `{x}` and `{y}` standing for the
   * tile's zoom level and column and row.  %NULL means
   * %MARZ_ONLINE_SOURCE_DEFAULT_URL_TEMPLATE.
   */
  properties[PROP_URL_TEMPLATE] =
    g_param_spec_string ("url-template", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MarzOnlineSource:available:
   *
   * %FALSE from the first tile that failed for a reason other than
   * cancellation until the next tile that loaded.
   */
  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MarzOnlineSource::failed:
   * @self: the source
   * @message: why the tile failed, translated, for the user
   *
   * A tile failed (an HTTP error status, no connection, not an image) while
   * the source was #MarzOnlineSource:available: once per run of failures,
   * not once per tile.  Cancelled tiles never count.
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
marz_online_source_init (MarzOnlineSource *self)
{
  self->available = TRUE;
}

/**
 * marz_online_source_new:
 * @url_template: (nullable): see #MarzOnlineSource:url-template
 *
 * Sources of one template share a session and a disk cache.  Main thread
 * only.
 *
 * Returns: (transfer full): a source with id "marz-osm" for the default
 *   template, "marz-online-<hash>" for any other
 */
MarzOnlineSource *
marz_online_source_new (const char *url_template)
{
  return g_object_new (MARZ_TYPE_ONLINE_SOURCE, "url-template", url_template, NULL);
}

const char *
marz_online_source_get_url_template (MarzOnlineSource *self)
{
  g_return_val_if_fail (MARZ_IS_ONLINE_SOURCE (self), NULL);
  return self->url_template;
}

gboolean
marz_online_source_get_available (MarzOnlineSource *self)
{
  g_return_val_if_fail (MARZ_IS_ONLINE_SOURCE (self), FALSE);
  return self->available;
}

/**
 * marz_online_source_get_n_loaded:
 *
 * How many tiles this source has filled so far (from the network or its
 * disk cache).
 */
guint
marz_online_source_get_n_loaded (MarzOnlineSource *self)
{
  g_return_val_if_fail (MARZ_IS_ONLINE_SOURCE (self), 0);
  return self->n_loaded;
}

/**
 * marz_online_source_get_n_failed:
 *
 * How many tiles failed for a reason other than cancellation.
 */
guint
marz_online_source_get_n_failed (MarzOnlineSource *self)
{
  g_return_val_if_fail (MARZ_IS_ONLINE_SOURCE (self), 0);
  return self->n_failed;
}

/**
 * marz_online_source_save_cache:
 *
 * Waits for tiles still being written to the disk cache (iterating the
 * thread-default main context, for at most 10 s), then saves the cache's
 * index.  Call it on shutdown: when the last source of a template goes,
 * the index is saved too, but writes in flight are not waited for.
 */
void
marz_online_source_save_cache (MarzOnlineSource *self)
{
  SoupCache *cache;

  g_return_if_fail (MARZ_IS_ONLINE_SOURCE (self));

  cache = SOUP_CACHE (soup_session_get_feature (self->session, SOUP_TYPE_CACHE));
  soup_cache_flush (cache);
  soup_cache_dump (cache);
}
