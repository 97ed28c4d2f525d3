/* MarzTileSource on the real data/basemap/: filling tiles by hand, cancelling
 * a fill, and a ShumateMap drawing it in a window.  Needs a display (Xvfb);
 * without one every test skips. */
#undef G_DISABLE_ASSERT

#include <gtk/gtk.h>
#include <math.h>

#include "marz-basemap-private.h"
#include "marz-gazetteer.h"
#include "marz-mercator.h"
#include "marz-tile-source.h"

#define KABUL_LAT 34.5281
#define KABUL_LON 69.1717

static gboolean have_display;

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} FillResult;

typedef struct
{
  guchar *data;
  int     size;
  gsize   stride;
} Pixels;

static gboolean
needs_display (void)
{
  if (!have_display)
    g_test_skip ("no display");
  return have_display;
}

static MarzTileSource *
make_source (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (&error);
  g_autoptr(MarzBasemap) basemap = NULL;

  g_assert_no_error (error);
  basemap = marz_basemap_new_default (gazetteer, &error);
  g_assert_no_error (error);
  return marz_tile_source_new (basemap);
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
fill (MarzTileSource *source,
      ShumateTile    *tile,
      GCancellable   *cancellable)
{
  FillResult result = { FALSE, FALSE, NULL };

  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, cancellable, on_fill_tile_cb, &result);
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  return result;
}

static Pixels
download (ShumateTile *tile)
{
  GdkPaintable *paintable = shumate_tile_get_paintable (tile);
  Pixels pixels;

  g_assert_true (GDK_IS_TEXTURE (paintable));
  pixels.size = gdk_texture_get_width (GDK_TEXTURE (paintable));
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (paintable)), ==, pixels.size);
  pixels.stride = pixels.size * 4;
  pixels.data = g_malloc (pixels.stride * pixels.size);
  gdk_texture_download (GDK_TEXTURE (paintable), pixels.data, pixels.stride);
  return pixels;
}

/* gdk_texture_download gives cairo's ARGB32, so the core's palette applies. */
static guint32
pixel (const Pixels *pixels,
       int           x,
       int           y)
{
  return *(const guint32 *) (pixels->data + y * pixels->stride + x * 4) & 0xffffff;
}

static guint
count_other_than (const Pixels *pixels,
                  guint32       rgb)
{
  guint n = 0;

  for (int y = 0; y < pixels->size; y++)
    for (int x = 0; x < pixels->size; x++)
      n += pixel (pixels, x, y) != rgb;
  return n;
}

static gboolean
any_near (const Pixels *pixels,
          double        x,
          double        y,
          int           radius,
          guint32       rgb)
{
  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      {
        int px = (int) floor (x) + dx, py = (int) floor (y) + dy;

        if (px >= 0 && py >= 0 && px < pixels->size && py < pixels->size && pixel (pixels, px, py) == rgb)
          return TRUE;
      }
  return FALSE;
}

/* The tile holding (lat, lon) at @zoom, filled; where the point is in it, in texture px. */
static ShumateTile *
fill_tile_at (MarzTileSource *source,
              double          lat,
              double          lon,
              int             zoom,
              double         *px,
              double         *py)
{
  ShumateTile *tile;
  FillResult result;
  double x, y;
  int scale = marz_tile_source_get_scale_factor (source);

  marz_mercator_project (lat, lon, zoom, 256, &x, &y);
  tile = shumate_tile_new_full ((guint) (x / 256), (guint) (y / 256), 256, zoom);
  result = fill (source, tile, NULL);
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  *px = fmod (x, 256) * scale;
  *py = fmod (y, 256) * scale;
  return tile;
}

static void
test_properties (void)
{
  g_autoptr(MarzTileSource) source = NULL;
  ShumateMapSource *map_source;

  if (!needs_display ())
    return;
  source = make_source ();
  map_source = SHUMATE_MAP_SOURCE (source);
  g_assert_cmpstr (shumate_map_source_get_id (map_source), ==, "marz-basemap-en");
  g_assert_cmpstr (shumate_map_source_get_name (map_source), ==, "Marz offline basemap");
  g_assert_cmpstr (shumate_map_source_get_license (map_source), ==,
                   "Natural Earth (public domain); GeoNames (CC BY 4.0)");
  g_assert_cmpuint (shumate_map_source_get_tile_size (map_source), ==, 256);
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (map_source), ==, 0);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (map_source), ==, 20);
  g_assert_cmpint (shumate_map_source_get_projection (map_source), ==, SHUMATE_MAP_PROJECTION_MERCATOR);

  /* Each label language caches apart. */
  marz_basemap_set_language (marz_tile_source_get_basemap (source), "fa");
  g_assert_cmpstr (shumate_map_source_get_id (map_source), ==, "marz-basemap-fa");
}

static void
check_kabul (MarzTileSource *source,
             int             zoom)
{
  int size = 256 * marz_tile_source_get_scale_factor (source);
  g_autoptr(ShumateTile) tile = NULL;
  Pixels pixels;
  double px, py;

  tile = fill_tile_at (source, KABUL_LAT, KABUL_LON, zoom, &px, &py);
  pixels = download (tile);
  g_assert_cmpint (pixels.size, ==, size);
  g_assert_cmpuint (count_other_than (&pixels, MARZ_BASEMAP_COLOR_LAND), >, 0);
  /* The city dot and its label cover the very pixel: look around it. */
  g_assert_true (any_near (&pixels, px, py, 6 * size / 256, MARZ_BASEMAP_COLOR_LAND));
  g_assert_false (any_near (&pixels, px, py, 8 * size / 256, MARZ_BASEMAP_COLOR_SEA));
  g_free (pixels.data);
}

static void
test_fill (void)
{
  g_autoptr(MarzTileSource) source = NULL;
  g_autoptr(ShumateTile) sea = NULL;
  Pixels pixels;
  double px, py;

  if (!needs_display ())
    return;
  source = make_source ();
  for (int scale = 1; scale <= 2; scale++)
    {
      marz_tile_source_set_scale_factor (source, scale);
      for (int zoom = 3; zoom <= 12; zoom += 3)
        check_kabul (source, zoom);
    }

  marz_tile_source_set_scale_factor (source, 1);
  sea = fill_tile_at (source, 15, 63, 6, &px, &py);
  pixels = download (sea);
  g_assert_cmpint (pixels.size, ==, 256);
  g_assert_cmpuint (count_other_than (&pixels, MARZ_BASEMAP_COLOR_SEA), ==, 0);
  g_free (pixels.data);
  g_assert_cmpuint (marz_tile_source_get_n_filled (source), ==, 9);
}

static void
test_cancel (void)
{
  g_autoptr(MarzTileSource) source = NULL;
  g_autoptr(ShumateTile) tile = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  FillResult result;

  if (!needs_display ())
    return;
  source = make_source ();
  tile = shumate_tile_new_full (44, 25, 256, 6);
  result = fill (source, tile, cancellable);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (result.ok);
  g_assert_cmpint (shumate_tile_get_state (tile), !=, SHUMATE_STATE_DONE);
  g_assert_null (shumate_tile_get_paintable (tile));
  g_assert_cmpuint (marz_tile_source_get_n_filled (source), ==, 0);
  g_clear_error (&result.error);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Until no tile has been filled for half a second, or @seconds pass. */
static void
wait_for_tiles (MarzTileSource *source,
                guint           seconds)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (seconds, on_timeout_cb, &timed_out);
  guint n = 0;
  gint64 last_change = g_get_monotonic_time ();

  while (!timed_out)
    {
      g_main_context_iteration (NULL, FALSE);
      if (marz_tile_source_get_n_filled (source) != n)
        {
          n = marz_tile_source_get_n_filled (source);
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
save_snapshot (GtkWidget  *window,
               GtkWidget  *map,
               const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (map);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (map),
                          gtk_widget_get_height (map));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
  if (!gdk_texture_save_to_png (texture, path))
    g_test_message ("could not save %s", path);
  else
    g_test_message ("snapshot in %s", path);
}

static void
test_map (void)
{
  g_autoptr(MarzTileSource) source = NULL;
  GtkWidget *window, *map;
  ShumateViewport *viewport;
  ShumateMapLayer *layer;

  if (!needs_display ())
    return;
  source = make_source ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  map = GTK_WIDGET (shumate_map_new ());
  gtk_window_set_child (GTK_WINDOW (window), map);
  g_object_bind_property (map, "scale-factor", source, "scale-factor", G_BINDING_SYNC_CREATE);

  viewport = shumate_map_get_viewport (SHUMATE_MAP (map));
  shumate_map_set_map_source (SHUMATE_MAP (map), SHUMATE_MAP_SOURCE (source));
  layer = shumate_map_layer_new (SHUMATE_MAP_SOURCE (source), viewport);
  shumate_map_add_layer (SHUMATE_MAP (map), SHUMATE_LAYER (layer));
  shumate_viewport_set_zoom_level (viewport, 6);
  shumate_map_center_on (SHUMATE_MAP (map), KABUL_LAT, KABUL_LON);
  gtk_window_present (GTK_WINDOW (window));

  wait_for_tiles (source, 20);
  g_assert_cmpuint (marz_tile_source_get_n_filled (source), >, 0);
  g_test_message ("%u tiles filled", marz_tile_source_get_n_filled (source));

  save_snapshot (window, map, "/tmp/marz-tile-source.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  have_display = gtk_init_check ();

  g_test_add_func ("/tile-source/properties", test_properties);
  g_test_add_func ("/tile-source/fill", test_fill);
  g_test_add_func ("/tile-source/cancel", test_cancel);
  g_test_add_func ("/tile-source/map", test_map);

  return g_test_run ();
}
