/* MarzOnlineSource against a real SoupServer on 127.0.0.1 serving PNG tiles:
 * filling tiles, HTTP errors and recovery, a stopped server, bad image data,
 * cancellation, the HTTP cache, and a ShumateMap drawing it in a window.
 * No other network.  Needs a display (Xvfb); without one every test skips. */
#undef G_DISABLE_ASSERT

#include <cairo.h>
#include <gtk/gtk.h>
#include <libsoup/soup.h>

#include "marz-online-source.h"

#define TILE_RGB       0x2a7fd4
#define WAIT_SECONDS   20

static gboolean have_display;

typedef struct
{
  SoupServer        *server;
  char              *url_template;
  GBytes            *body;            /* what a tile answers with */
  guint              status;
  const char        *cache_control;
  gboolean           hold;            /* keep requests waiting for a reply */
  gboolean           holding;         /* one is waiting */
  GPtrArray         *paths;           /* of every request */
  char              *user_agent;      /* of the last request */
} TileServer;

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} FillResult;

static gboolean
needs_display (void)
{
  if (!have_display)
    g_test_skip ("no display");
  return have_display;
}

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
solid_png (guint32 rgb)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, (rgb >> 16) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_to_byte_array, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static void
on_tile_request_cb (SoupServer        *server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  TileServer *tiles = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  g_ptr_array_add (tiles->paths, g_strdup (path));
  g_free (tiles->user_agent);
  tiles->user_agent = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                              "User-Agent"));
  if (tiles->hold)
    {
      g_assert_false (tiles->holding);
      tiles->holding = TRUE;
      soup_server_message_pause (message);
      return;
    }
  if (tiles->cache_control != NULL)
    soup_message_headers_replace (headers, "Cache-Control", tiles->cache_control);
  if (tiles->status != SOUP_STATUS_OK)
    {
      soup_server_message_set_status (message, tiles->status, NULL);
      soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, "no tile", 7);
      return;
    }
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (tiles->body, NULL), g_bytes_get_size (tiles->body));
}

static TileServer *
tile_server_new (void)
{
  TileServer *tiles = g_new0 (TileServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  tiles->server = soup_server_new (NULL, NULL);
  tiles->body = solid_png (TILE_RGB);
  tiles->status = SOUP_STATUS_OK;
  tiles->paths = g_ptr_array_new_with_free_func (g_free);
  soup_server_add_handler (tiles->server, NULL, on_tile_request_cb, tiles, NULL);
  soup_server_listen_local (tiles->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (tiles->server);
  g_assert_nonnull (uris);
  g_assert_cmpstr (g_uri_get_host (uris->data), ==, "127.0.0.1");
  tiles->url_template = g_strdup_printf ("http://127.0.0.1:%d/{z}/{x}/{y}.png", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return tiles;
}

static void
tile_server_stop (TileServer *tiles)
{
  soup_server_disconnect (tiles->server);
  g_clear_object (&tiles->server);
}

static void
tile_server_free (TileServer *tiles)
{
  if (tiles->server != NULL)
    tile_server_stop (tiles);
  g_free (tiles->url_template);
  g_bytes_unref (tiles->body);
  g_ptr_array_unref (tiles->paths);
  g_free (tiles->user_agent);
  g_free (tiles);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TileServer, tile_server_free)

static gboolean
on_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *@flag, failing the test after WAIT_SECONDS. */
static void
wait_for (const gboolean *flag)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (WAIT_SECONDS, on_timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
}

static void
on_fill_tile_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FillResult *fill = user_data;

  fill->ok = shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, &fill->error);
  fill->done = TRUE;
}

static FillResult
fill (MarzOnlineSource *source,
      ShumateTile      *tile)
{
  FillResult result = { FALSE, FALSE, NULL };

  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, on_fill_tile_cb, &result);
  wait_for (&result.done);
  return result;
}

static void
fill_ok (MarzOnlineSource *source,
         ShumateTile      *tile)
{
  FillResult result = fill (source, tile);

  g_assert_no_error (result.error);
  g_assert_true (result.ok);
  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
}

/* Fills a fresh tile that must fail; returns the error. */
static GError *
fill_failing (MarzOnlineSource *source,
              guint             x)
{
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (x, 1, 256, 2);
  FillResult result = fill (source, tile);

  g_assert_false (result.ok);
  g_assert_nonnull (result.error);
  g_assert_cmpint (shumate_tile_get_state (tile), !=, SHUMATE_STATE_DONE);
  g_assert_null (shumate_tile_get_paintable (tile));
  return result.error;
}

static void
on_failed_cb (MarzOnlineSource *source,
              const char       *message,
              gpointer          user_data)
{
  GPtrArray *messages = user_data;

  g_ptr_array_add (messages, g_strdup (message));
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  guint *n_notified = user_data;

  (*n_notified)++;
}

static void
unref_messages (gpointer  data,
                GClosure *closure)
{
  g_ptr_array_unref (data);
}

/* Connects "failed" to a new array of its messages and counts "notify::available". */
static GPtrArray *
watch (MarzOnlineSource *source,
       guint            *n_notified)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect_data (source, "failed", G_CALLBACK (on_failed_cb), g_ptr_array_ref (messages),
                         unref_messages, 0);
  g_signal_connect (source, "notify::available", G_CALLBACK (on_notify_cb), n_notified);
  return messages;
}

static void
test_properties (void)
{
  g_autoptr(MarzOnlineSource) osm = NULL;
  g_autoptr(MarzOnlineSource) other = NULL;
  ShumateMapSource *map_source;

  if (!needs_display ())
    return;
  osm = marz_online_source_new (NULL);
  map_source = SHUMATE_MAP_SOURCE (osm);
  g_assert_cmpstr (marz_online_source_get_url_template (osm), ==, MARZ_ONLINE_SOURCE_DEFAULT_URL_TEMPLATE);
  g_assert_cmpstr (MARZ_ONLINE_SOURCE_DEFAULT_URL_TEMPLATE, ==, "https://tile.openstreetmap.org/{z}/{x}/{y}.png");
  g_assert_cmpstr (shumate_map_source_get_id (map_source), ==, "marz-osm");
  g_assert_cmpstr (shumate_map_source_get_license (map_source), ==, "© OpenStreetMap contributors");
  g_assert_cmpstr (shumate_map_source_get_license_uri (map_source), ==, "https://www.openstreetmap.org/copyright");
  g_assert_cmpuint (shumate_map_source_get_tile_size (map_source), ==, 256);
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (map_source), ==, 0);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (map_source), ==, 19);
  g_assert_cmpint (shumate_map_source_get_projection (map_source), ==, SHUMATE_MAP_PROJECTION_MERCATOR);
  g_assert_true (marz_online_source_get_available (osm));
  g_assert_cmpuint (marz_online_source_get_n_loaded (osm), ==, 0);
  g_assert_cmpuint (marz_online_source_get_n_failed (osm), ==, 0);

  /* Another server must not share the map layer's tiles. */
  other = marz_online_source_new ("https://tiles.example.org/{z}/{x}/{y}.png");
  g_assert_cmpstr (marz_online_source_get_url_template (other), ==,
                   "https://tiles.example.org/{z}/{x}/{y}.png");
  g_assert_true (g_str_has_prefix (shumate_map_source_get_id (SHUMATE_MAP_SOURCE (other)), "marz-online-"));
}

static void
test_fill (void)
{
  g_autoptr(TileServer) tiles = tile_server_new ();
  g_autoptr(MarzOnlineSource) source = NULL;
  g_autoptr(ShumateTile) tile = NULL;
  g_autofree guchar *pixels = NULL;
  GdkPaintable *paintable;
  guint32 argb;

  if (!needs_display ())
    return;
  source = marz_online_source_new (tiles->url_template);
  tile = shumate_tile_new_full (5, 3, 256, 4);
  fill_ok (source, tile);

  g_assert_cmpuint (tiles->paths->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (tiles->paths, 0), ==, "/4/5/3.png");
  g_assert_cmpstr (tiles->user_agent, ==, "Marz/" MARZ_VERSION " (+https://github.com/marzatlas/marz)");

  paintable = shumate_tile_get_paintable (tile);
  g_assert_true (GDK_IS_TEXTURE (paintable));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), ==, 256);
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (paintable)), ==, 256);
  pixels = g_malloc (256 * 256 * 4);
  gdk_texture_download (GDK_TEXTURE (paintable), pixels, 256 * 4);
  /* cairo's ARGB32, native-endian: the served colour, opaque, everywhere. */
  for (guint i = 0; i < 256 * 256; i += 257)
    {
      argb = ((guint32 *) pixels)[i];
      g_assert_cmphex (argb, ==, 0xff000000 | TILE_RGB);
    }
  g_assert_cmpuint (marz_online_source_get_n_loaded (source), ==, 1);
  g_assert_cmpuint (marz_online_source_get_n_failed (source), ==, 0);
  g_assert_true (marz_online_source_get_available (source));
}

static void
test_http_error (void)
{
  g_autoptr(TileServer) tiles = tile_server_new ();
  g_autoptr(MarzOnlineSource) source = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(ShumateTile) tile = NULL;
  g_autoptr(GError) error = NULL;
  guint n_notified = 0;

  if (!needs_display ())
    return;
  source = marz_online_source_new (tiles->url_template);
  messages = watch (source, &n_notified);
  tiles->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;

  error = fill_failing (source, 0);
  g_assert_error (error, MARZ_ONLINE_SOURCE_ERROR, MARZ_ONLINE_SOURCE_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "500"));
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (messages, 0), ==, error->message);
  g_assert_false (marz_online_source_get_available (source));
  g_assert_cmpuint (n_notified, ==, 1);

  /* A run of failures is one failure to the user. */
  g_clear_error (&error);
  error = fill_failing (source, 1);
  g_assert_error (error, MARZ_ONLINE_SOURCE_ERROR, MARZ_ONLINE_SOURCE_ERROR_HTTP);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_cmpuint (marz_online_source_get_n_failed (source), ==, 2);
  g_assert_cmpuint (tiles->paths->len, ==, 2);

  /* The server recovers. */
  tiles->status = SOUP_STATUS_OK;
  tile = shumate_tile_new_full (0, 1, 256, 2);
  fill_ok (source, tile);
  g_assert_true (marz_online_source_get_available (source));
  g_assert_cmpuint (n_notified, ==, 2);
  g_assert_cmpuint (marz_online_source_get_n_loaded (source), ==, 1);

  /* And fails again: a new run, a new "failed". */
  tiles->status = SOUP_STATUS_SERVICE_UNAVAILABLE;
  g_clear_error (&error);
  error = fill_failing (source, 2);
  g_assert_error (error, MARZ_ONLINE_SOURCE_ERROR, MARZ_ONLINE_SOURCE_ERROR_HTTP);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_false (marz_online_source_get_available (source));
  g_assert_cmpuint (n_notified, ==, 3);
}

static void
test_server_stopped (void)
{
  g_autoptr(TileServer) tiles = tile_server_new ();
  g_autoptr(MarzOnlineSource) source = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  guint n_notified = 0;

  if (!needs_display ())
    return;
  source = marz_online_source_new (tiles->url_template);
  messages = watch (source, &n_notified);
  tile_server_stop (tiles);

  error = fill_failing (source, 0);
  g_assert_error (error, MARZ_ONLINE_SOURCE_ERROR, MARZ_ONLINE_SOURCE_ERROR_NETWORK);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_false (marz_online_source_get_available (source));
  g_assert_cmpuint (marz_online_source_get_n_failed (source), ==, 1);
}

static void
test_not_an_image (void)
{
  g_autoptr(TileServer) tiles = tile_server_new ();
  g_autoptr(MarzOnlineSource) source = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  guint n_notified = 0;

  if (!needs_display ())
    return;
  source = marz_online_source_new (tiles->url_template);
  messages = watch (source, &n_notified);
  g_bytes_unref (tiles->body);
  tiles->body = g_bytes_new_static ("<html>Over quota</html>", 23);

  error = fill_failing (source, 0);
  g_assert_error (error, MARZ_ONLINE_SOURCE_ERROR, MARZ_ONLINE_SOURCE_ERROR_INVALID_TILE);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_false (marz_online_source_get_available (source));
}

static void
test_invalid_url (void)
{
  g_autoptr(MarzOnlineSource) source = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  guint n_notified = 0;

  if (!needs_display ())
    return;
  source = marz_online_source_new ("file:///tmp/{z}/{x}/{y}.png");
  messages = watch (source, &n_notified);
  error = fill_failing (source, 0);
  g_assert_error (error, MARZ_ONLINE_SOURCE_ERROR, MARZ_ONLINE_SOURCE_ERROR_INVALID_URL);
  g_assert_cmpuint (messages->len, ==, 1);
}

static void
test_cancel (void)
{
  g_autoptr(TileServer) tiles = tile_server_new ();
  g_autoptr(MarzOnlineSource) source = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (1, 1, 256, 1);
  FillResult result = { FALSE, FALSE, NULL };
  guint n_notified = 0;

  if (!needs_display ())
    return;
  source = marz_online_source_new (tiles->url_template);
  messages = watch (source, &n_notified);
  tiles->hold = TRUE;

  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, cancellable, on_fill_tile_cb,
                                      &result);
  /* The request reached the server, which holds back the reply. */
  wait_for (&tiles->holding);
  g_cancellable_cancel (cancellable);
  wait_for (&result.done);

  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (result.ok);
  g_assert_cmpuint (messages->len, ==, 0);
  g_assert_cmpuint (n_notified, ==, 0);
  g_assert_true (marz_online_source_get_available (source));
  g_assert_cmpuint (marz_online_source_get_n_failed (source), ==, 0);
  g_assert_cmpuint (marz_online_source_get_n_loaded (source), ==, 0);
  g_assert_null (shumate_tile_get_paintable (tile));
  g_clear_error (&result.error);
}

static void
fill_cached_tile (MarzOnlineSource *source)
{
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (2, 1, 256, 3);

  fill_ok (source, tile);
  g_assert_true (GDK_IS_TEXTURE (shumate_tile_get_paintable (tile)));
  /* The body reaches the disk after the fill. */
  marz_online_source_save_cache (source);
}

/* The tile usage policy: tiles the server says are fresh are not fetched
 * again, not by a second source of the same server (a window retrying),
 * not by the next run of the app. */
static void
test_cache (void)
{
  g_autoptr(TileServer) tiles = tile_server_new ();
  g_autoptr(MarzOnlineSource) source = NULL;
  g_autoptr(MarzOnlineSource) retry = NULL;

  if (!needs_display ())
    return;
  tiles->cache_control = "max-age=604800";
  source = marz_online_source_new (tiles->url_template);
  fill_cached_tile (source);
  fill_cached_tile (source);
  g_assert_cmpuint (marz_online_source_get_n_loaded (source), ==, 2);
  g_assert_cmpuint (tiles->paths->len, ==, 1);

  retry = marz_online_source_new (tiles->url_template);
  fill_cached_tile (retry);
  g_assert_cmpuint (marz_online_source_get_n_loaded (retry), ==, 1);
  g_assert_cmpuint (tiles->paths->len, ==, 1);

  g_clear_object (&source);
  g_clear_object (&retry);
  source = marz_online_source_new (tiles->url_template);
  fill_cached_tile (source);
  g_assert_cmpuint (tiles->paths->len, ==, 1);
}

/* Until no tile has loaded for half a second, or WAIT_SECONDS pass. */
static void
wait_for_tiles (MarzOnlineSource *source)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (WAIT_SECONDS, on_timeout_cb, &timed_out);
  guint n = 0;
  gint64 last_change = g_get_monotonic_time ();

  while (!timed_out)
    {
      g_main_context_iteration (NULL, FALSE);
      if (marz_online_source_get_n_loaded (source) != n)
        {
          n = marz_online_source_get_n_loaded (source);
          last_change = g_get_monotonic_time ();
        }
      else if (n > 0 && g_get_monotonic_time () - last_change > G_USEC_PER_SEC / 2)
        break;
      g_usleep (1000);
    }
  if (!timed_out)
    g_source_remove (timeout);
}

static void
test_map (void)
{
  g_autoptr(TileServer) tiles = tile_server_new ();
  g_autoptr(MarzOnlineSource) source = NULL;
  g_autoptr(GRegex) tile_path = g_regex_new ("^/3/[0-7]/[0-7]\\.png$", 0, 0, NULL);
  GtkWidget *window, *map;
  ShumateViewport *viewport;
  ShumateMapLayer *layer;

  if (!needs_display ())
    return;
  source = marz_online_source_new (tiles->url_template);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  map = GTK_WIDGET (shumate_map_new ());
  gtk_window_set_child (GTK_WINDOW (window), map);

  viewport = shumate_map_get_viewport (SHUMATE_MAP (map));
  shumate_map_set_map_source (SHUMATE_MAP (map), SHUMATE_MAP_SOURCE (source));
  layer = shumate_map_layer_new (SHUMATE_MAP_SOURCE (source), viewport);
  shumate_map_add_layer (SHUMATE_MAP (map), SHUMATE_LAYER (layer));
  shumate_viewport_set_zoom_level (viewport, 3);
  shumate_map_center_on (SHUMATE_MAP (map), 34.5, 69.2);
  gtk_window_present (GTK_WINDOW (window));

  wait_for_tiles (source);
  g_test_message ("%u tiles loaded", marz_online_source_get_n_loaded (source));
  g_assert_cmpuint (marz_online_source_get_n_loaded (source), >, 0);
  g_assert_cmpuint (marz_online_source_get_n_failed (source), ==, 0);
  /* Every request went to the local server, for a tile at the map's zoom. */
  g_assert_cmpuint (tiles->paths->len, >=, marz_online_source_get_n_loaded (source));
  for (guint i = 0; i < tiles->paths->len; i++)
    g_assert_true (g_regex_match (tile_path, g_ptr_array_index (tiles->paths, i), 0, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  /* Connect directly, whatever the proxy settings; with isolated dirs the
   * GNOME proxy resolver would not find its schema anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  have_display = gtk_init_check ();

  g_test_add_func ("/online-source/properties", test_properties);
  g_test_add_func ("/online-source/fill", test_fill);
  g_test_add_func ("/online-source/http-error", test_http_error);
  g_test_add_func ("/online-source/server-stopped", test_server_stopped);
  g_test_add_func ("/online-source/not-an-image", test_not_an_image);
  g_test_add_func ("/online-source/invalid-url", test_invalid_url);
  g_test_add_func ("/online-source/cancel", test_cancel);
  g_test_add_func ("/online-source/cache", test_cache);
  g_test_add_func ("/online-source/map", test_map);

  return g_test_run ();
}
