/* The basemap renderer, on the synthetic fixtures in tests/data/basemap/
 * (rough outlines of Afghanistan, Pakistan and Iran, three provinces, the
 * Durand Line, two rivers and a ten-place gazetteer), and once on the real
 * data/basemap/ when it is there. */
#undef G_DISABLE_ASSERT

#include <cairo-pdf.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "marz-basemap-private.h"
#include "marz-basemap.h"
#include "marz-mercator.h"

typedef struct
{
  int    zoom, x, y;                /* the tile */
  double px, py;                    /* the point within it, logical px */
} TilePoint;

static MarzGazetteer *
fixture_gazetteer (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "basemap", "gazetteer.json", NULL);
  MarzGazetteer *gazetteer = marz_gazetteer_new_from_file (path, &error);

  g_assert_no_error (error);
  return gazetteer;
}

static MarzBasemap *
fixture_basemap (gboolean with_gazetteer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = with_gazetteer ? fixture_gazetteer () : NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "basemap", NULL);
  MarzBasemap *basemap = marz_basemap_new_from_dir (dir, gazetteer, &error);

  g_assert_no_error (error);
  g_assert_nonnull (basemap);
  return basemap;
}

static TilePoint
tile_at (double lat,
         double lon,
         int    zoom)
{
  double x, y;

  marz_mercator_project (lat, lon, zoom, 256, &x, &y);
  return (TilePoint) { zoom, (int) (x / 256), (int) (y / 256), fmod (x, 256), fmod (y, 256) };
}

static cairo_surface_t *
render (MarzBasemap     *basemap,
        const TilePoint *tile,
        double           scale)
{
  cairo_surface_t *surface = marz_basemap_render_tile (basemap, tile->zoom, tile->x, tile->y, 256, scale, NULL);

  g_assert_nonnull (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, (int) (256 * scale));
  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  g_assert_true (x >= 0 && y >= 0 && x < cairo_image_surface_get_width (surface)
                 && y < cairo_image_surface_get_height (surface));
  return *(const guint32 *) (data + y * stride + x * 4) & 0xffffff;
}

static int
channel (guint32 rgb,
         int     i)
{
  return (rgb >> (16 - 8 * i)) & 0xff;
}

static gboolean
near_color (guint32 a,
            guint32 b,
            int     tolerance)
{
  for (int i = 0; i < 3; i++)
    if (ABS (channel (a, i) - channel (b, i)) > tolerance)
      return FALSE;
  return TRUE;
}

static gboolean
is_dark (guint32 rgb)
{
  return channel (rgb, 0) < 0x70 && channel (rgb, 1) < 0x70 && channel (rgb, 2) < 0x70;
}

static guint
count_other_than (cairo_surface_t *surface,
                  guint32          rgb)
{
  int size = cairo_image_surface_get_width (surface);
  guint n = 0;

  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      n += pixel (surface, x, y) != rgb;
  return n;
}

/* Whether some pixel within @radius of (x, y) passes @test or equals @rgb. */
static gboolean
any_near (cairo_surface_t *surface,
          double           x,
          double           y,
          int              radius,
          gboolean       (*test) (guint32),
          guint32          rgb)
{
  int size = cairo_image_surface_get_width (surface);

  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      {
        int px = (int) floor (x) + dx, py = (int) floor (y) + dy;
        if (px < 0 || py < 0 || px >= size || py >= size)
          continue;
        if (test ? test (pixel (surface, px, py)) : pixel (surface, px, py) == rgb)
          return TRUE;
      }
  return FALSE;
}

static void
test_load_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *broken = g_test_build_filename (G_TEST_DIST, "data", "basemap", "broken", NULL);
  g_autofree char *empty = g_dir_make_tmp ("basemap-XXXXXX", NULL);
  MarzBasemap *basemap;

  basemap = marz_basemap_new_from_dir ("/nonexistent/basemap", NULL, &error);
  g_assert_null (basemap);
  g_assert_error (error, MARZ_BASEMAP_ERROR, MARZ_BASEMAP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  basemap = marz_basemap_new_from_dir (empty, NULL, &error);
  g_assert_null (basemap);
  g_assert_error (error, MARZ_BASEMAP_ERROR, MARZ_BASEMAP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_rmdir (empty);

  /* A longitude of 200° is refused with the file and feature named. */
  basemap = marz_basemap_new_from_dir (broken, NULL, &error);
  g_assert_null (basemap);
  g_assert_error (error, MARZ_BASEMAP_ERROR, MARZ_BASEMAP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "countries.geojson: feature 0"));
}

static void
test_zooms_not_empty (void)
{
  g_autoptr(MarzBasemap) basemap = fixture_basemap (TRUE);
  const int zooms[] = { 2, 6, 10 };

  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    {
      TilePoint kabul = tile_at (34.5281, 69.1717, zooms[i]);
      cairo_surface_t *surface = render (basemap, &kabul, 1);

      g_assert_cmpuint (count_other_than (surface, MARZ_BASEMAP_COLOR_SEA), >, 256 * 256 / 10);
      cairo_surface_destroy (surface);
    }
}

static void
test_sea_is_uniform (void)
{
  g_autoptr(MarzBasemap) basemap = fixture_basemap (TRUE);
  TilePoint sea = tile_at (15, 63, 6);          /* the Arabian Sea */
  cairo_surface_t *surface = render (basemap, &sea, 1);

  g_assert_cmpuint (count_other_than (surface, MARZ_BASEMAP_COLOR_SEA), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_land_colours (void)
{
  g_autoptr(MarzBasemap) basemap = fixture_basemap (TRUE);
  /* Inside the fixture's Afghanistan, Pakistan and Iran, away from lines and labels. */
  struct { double lat, lon; guint32 rgb; } points[] = {
    { 33.0, 65.0, MARZ_BASEMAP_COLOR_LAND },
    { 26.5, 65.0, MARZ_BASEMAP_COLOR_LAND },
    { 34.0, 57.0, MARZ_BASEMAP_COLOR_NEIGHBOUR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      TilePoint t = tile_at (points[i].lat, points[i].lon, 6);
      cairo_surface_t *surface = render (basemap, &t, 1);

      g_assert_cmphex (pixel (surface, t.px, t.py), ==, points[i].rgb);
      cairo_surface_destroy (surface);
    }
}

static void
test_durand_line (void)
{
  g_autoptr(MarzBasemap) basemap = fixture_basemap (FALSE);
  /* Two of the fixture line's segments, sampled every 0.02°. */
  const double segments[][4] = { { 33.3, 70.3, 33.0, 69.5 }, { 31.6, 69.5, 31.5, 68.5 } };
  guint hits = 0, samples = 0;

  for (guint s = 0; s < G_N_ELEMENTS (segments); s++)
    for (double t = 0.05; t < 0.95; t += 0.02)
      {
        double lat = segments[s][0] + t * (segments[s][2] - segments[s][0]);
        double lon = segments[s][1] + t * (segments[s][3] - segments[s][1]);
        TilePoint tp = tile_at (lat, lon, 7);
        cairo_surface_t *surface = render (basemap, &tp, 1);

        /* The dashes cover about two thirds of the line. */
        hits += any_near (surface, tp.px, tp.py, 1, is_dark, 0);
        samples++;
        cairo_surface_destroy (surface);
      }
  g_assert_cmpuint (hits, >, samples / 2);
  g_assert_cmpuint (hits, <, samples);
}

/* Each pixel of the 1x tile has a pixel of the same colour near its twin in
 * the 2x tile; only antialiased edges may miss. */
static void
test_hidpi (void)
{
  g_autoptr(MarzBasemap) basemap = fixture_basemap (TRUE);
  TilePoint kabul = tile_at (34.5281, 69.1717, 7);
  cairo_surface_t *lo = render (basemap, &kabul, 1);
  cairo_surface_t *hi = render (basemap, &kabul, 2);
  guint matched = 0;

  g_assert_cmpint (cairo_image_surface_get_width (hi), ==, 512);
  g_assert_cmpint (cairo_image_surface_get_height (hi), ==, 512);
  for (int y = 0; y < 256; y++)
    for (int x = 0; x < 256; x++)
      {
        guint32 want = pixel (lo, x, y);
        gboolean found = FALSE;

        for (int dy = -1; dy <= 2 && !found; dy++)
          for (int dx = -1; dx <= 2 && !found; dx++)
            if (2 * x + dx >= 0 && 2 * y + dy >= 0 && 2 * x + dx < 512 && 2 * y + dy < 512)
              found = near_color (pixel (hi, 2 * x + dx, 2 * y + dy), want, 24);
        matched += found;
      }
  g_assert_cmpfloat (matched / 65536.0, >, 0.985);
  cairo_surface_destroy (lo);
  cairo_surface_destroy (hi);
}

/* Sixteen tiles drawn alone agree with one view drawn across all of them:
 * the dashes of the Durand Line and the labels that cross tile edges
 * included (Mehtarlam's, in the fixture, runs across one). */
static void
test_tile_seams (void)
{
  g_autoptr(MarzBasemap) basemap = fixture_basemap (TRUE);
  TilePoint kabul = tile_at (34.5281, 69.1717, 8);
  cairo_surface_t *view = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1024, 1024);
  cairo_t *cr = cairo_create (view);
  int x0 = kabul.x - 1, y0 = kabul.y - 1;
  guint differ = 0;

  marz_basemap_render (basemap, cr, 8, x0 * 256.0, y0 * 256.0, 1024, 1024, 1);
  cairo_destroy (cr);
  cairo_surface_flush (view);
  for (int j = 0; j < 4; j++)
    for (int i = 0; i < 4; i++)
      {
        TilePoint t = { 8, x0 + i, y0 + j, 0, 0 };
        cairo_surface_t *tile = render (basemap, &t, 1);

        for (int y = 0; y < 256; y++)
          for (int x = 0; x < 256; x++)
            differ += !near_color (pixel (tile, x, y), pixel (view, 256 * i + x, 256 * j + y), 8);
        cairo_surface_destroy (tile);
      }
  g_test_message ("%u of 1024 x 1024 pixels differ", differ);
  g_assert_cmpuint (differ, <, 20);
  cairo_surface_destroy (view);
}

/* A pyramid of 512 px tiles at zoom 7 is the 256 px one at zoom 8, two by two. */
static void
test_tile_size_512 (void)
{
  g_autoptr(MarzBasemap) basemap = fixture_basemap (TRUE);
  TilePoint kabul = tile_at (34.5281, 69.1717, 7);
  cairo_surface_t *big = marz_basemap_render_tile (basemap, 7, kabul.x, kabul.y, 512, 1, NULL);
  cairo_surface_t *view = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 512, 512);
  cairo_t *cr = cairo_create (view);

  marz_basemap_render (basemap, cr, 8, kabul.x * 512.0, kabul.y * 512.0, 512, 512, 1);
  cairo_destroy (cr);
  cairo_surface_flush (view);
  g_assert_cmpint (cairo_image_surface_get_width (big), ==, 512);
  g_assert_cmpint (memcmp (cairo_image_surface_get_data (big), cairo_image_surface_get_data (view),
                           cairo_image_surface_get_stride (view) * 512), ==, 0);
  cairo_surface_destroy (big);
  cairo_surface_destroy (view);
}

static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* A whole view exported as vectors, as a report would. */
static void
test_export_pdf (void)
{
  g_autoptr(MarzBasemap) basemap = fixture_basemap (TRUE);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "basemap-export.pdf", NULL);
  cairo_surface_t *pdf = cairo_pdf_surface_create (path, 600, 400);
  cairo_t *cr = cairo_create (pdf);
  double x, y;
  gsize length;
  g_autofree char *contents = NULL;

  marz_mercator_project (33.5, 67.5, 6, 256, &x, &y);
  marz_basemap_set_language (basemap, "fa");
  marz_basemap_render (basemap, cr, 6, x - 300, y - 200, 600, 400, 1);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  g_assert_cmpint (cairo_surface_status (pdf), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (pdf);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  /* The Arabic-script font is embedded: the labels are text, not pixels. */
  g_assert_true (contains_bytes (contents, length, "NotoSansArabic"));
  g_unlink (path);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_language_property (void)
{
  g_autoptr(MarzBasemap) basemap = fixture_basemap (FALSE);
  g_autofree char *language = NULL;
  guint notified = 0;

  g_signal_connect (basemap, "notify::language", G_CALLBACK (on_notify_cb), &notified);
  g_object_set (basemap, "language", "ar", NULL);
  marz_basemap_set_language (basemap, "ar");
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (basemap, "language", &language, NULL);
  g_assert_cmpstr (language, ==, "ar");
  marz_basemap_set_language (basemap, NULL);
  g_assert_cmpstr (marz_basemap_get_language (basemap), ==, "en");
  g_assert_cmpuint (notified, ==, 2);
}

static gboolean
is_halo (guint32 rgb)
{
  return channel (rgb, 0) >= 0xfd && channel (rgb, 1) >= 0xfd && channel (rgb, 2) >= 0xfc;
}

/* Text (dark) and its halo (white) appear beside Kabul's dot, in English and in Arabic. */
static void
test_labels (void)
{
  g_autoptr(MarzBasemap) labelled = fixture_basemap (TRUE);
  g_autoptr(MarzBasemap) bare = fixture_basemap (FALSE);
  TilePoint kabul = tile_at (34.5281, 69.1717, 8);
  cairo_surface_t *without = render (bare, &kabul, 1);
  cairo_surface_t *english, *arabic;
  guint dark = 0, halo = 0, changed = 0;

  g_assert_cmpstr (marz_basemap_get_language (labelled), ==, "en");
  english = render (labelled, &kabul, 1);
  marz_basemap_set_language (labelled, "ar");
  g_assert_cmpstr (marz_basemap_get_language (labelled), ==, "ar");
  arabic = render (labelled, &kabul, 1);

  g_assert_true (any_near (english, kabul.px, kabul.py, 1, is_dark, 0));
  g_assert_false (any_near (without, kabul.px, kabul.py, 3, is_dark, 0));
  for (int y = MAX (0, (int) kabul.py - 12); y < MIN (256, (int) kabul.py + 12); y++)
    for (int x = MAX (0, (int) kabul.px - 60); x < MIN (256, (int) kabul.px + 60); x++)
      {
        dark += is_dark (pixel (english, x, y)) && !is_dark (pixel (without, x, y));
        halo += is_halo (pixel (english, x, y)) && !is_halo (pixel (without, x, y));
        changed += pixel (arabic, x, y) != pixel (english, x, y);
      }
  g_assert_cmpuint (dark, >, 30);
  g_assert_cmpuint (halo, >, 30);
  g_assert_cmpuint (changed, >, 30);
  g_assert_true (any_near (arabic, kabul.px, kabul.py, 1, is_dark, 0));

  /* An unknown language means English. */
  marz_basemap_set_language (labelled, "de");
  g_assert_cmpstr (marz_basemap_get_language (labelled), ==, "en");
  cairo_surface_destroy (without);
  cairo_surface_destroy (english);
  cairo_surface_destroy (arabic);
}

static void
test_cancel (void)
{
  g_autoptr(MarzBasemap) basemap = fixture_basemap (TRUE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  g_assert_null (marz_basemap_render_tile (basemap, 6, 44, 25, 256, 1, cancellable));
}

static const TilePoint thread_tiles[] = {
  { 6, 44, 25, 0, 0 }, { 7, 88, 50, 0, 0 }, { 8, 177, 103, 0, 0 }, { 5, 22, 12, 0, 0 },
};

typedef struct
{
  MarzBasemap     *basemap;
  guint            first;
  cairo_surface_t *out[G_N_ELEMENTS (thread_tiles)];
} ThreadWork;

static gpointer
render_tiles_thread (gpointer data)
{
  ThreadWork *work = data;

  /* Each thread starts at a different tile, so the same tiles render at once. */
  for (guint k = 0; k < G_N_ELEMENTS (thread_tiles); k++)
    {
      guint i = (work->first + k) % G_N_ELEMENTS (thread_tiles);
      work->out[i] = marz_basemap_render_tile (work->basemap, thread_tiles[i].zoom, thread_tiles[i].x,
                                               thread_tiles[i].y, 256, 2, NULL);
    }
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(MarzBasemap) basemap = fixture_basemap (TRUE);
  cairo_surface_t *serial[G_N_ELEMENTS (thread_tiles)];
  ThreadWork work[4];
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (thread_tiles); i++)
    serial[i] = render (basemap, &thread_tiles[i], 2);
  for (guint t = 0; t < 4; t++)
    {
      work[t] = (ThreadWork) { basemap, t, { NULL } };
      threads[t] = g_thread_new ("render", render_tiles_thread, &work[t]);
    }
  for (guint t = 0; t < 4; t++)
    {
      g_thread_join (threads[t]);
      for (guint i = 0; i < G_N_ELEMENTS (thread_tiles); i++)
        {
          cairo_surface_t *s = work[t].out[i];
          gsize bytes = cairo_image_surface_get_stride (s) * cairo_image_surface_get_height (s);

          g_assert_cmpint (memcmp (cairo_image_surface_get_data (s), cairo_image_surface_get_data (serial[i]), bytes),
                           ==, 0);
          cairo_surface_destroy (s);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (thread_tiles); i++)
    cairo_surface_destroy (serial[i]);
}

static gboolean
is_land (guint32 rgb)
{
  return rgb == MARZ_BASEMAP_COLOR_LAND;
}

static gboolean
is_sea (guint32 rgb)
{
  return rgb == MARZ_BASEMAP_COLOR_SEA;
}

static void
test_real_data (void)
{
  g_autofree char *path = marz_find_data_file ("basemap/countries.geojson");
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = NULL;
  g_autoptr(MarzBasemap) labelled = NULL, bare = NULL;
  TilePoint kabul = tile_at (34.5281, 69.1717, 7);
  cairo_surface_t *surface;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/basemap/ is not there yet");
      return;
    }
  gazetteer = marz_gazetteer_new_default (&error);
  g_assert_no_error (error);
  labelled = marz_basemap_new_default (gazetteer, &error);
  g_assert_no_error (error);
  bare = marz_basemap_new_default (NULL, &error);
  g_assert_no_error (error);

  /* Without city labels Kabul sits on Afghan land (a province label may
   * cover the very pixel, so look a few pixels around); with them, on its dot. */
  surface = render (bare, &kabul, 1);
  g_assert_true (any_near (surface, kabul.px, kabul.py, 4, is_land, 0));
  g_assert_false (any_near (surface, kabul.px, kabul.py, 8, is_sea, 0));
  cairo_surface_destroy (surface);
  surface = render (labelled, &kabul, 1);
  g_assert_true (any_near (surface, kabul.px, kabul.py, 1, is_dark, 0));
  cairo_surface_destroy (surface);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/basemap/load-errors", test_load_errors);
  g_test_add_func ("/basemap/zooms", test_zooms_not_empty);
  g_test_add_func ("/basemap/sea", test_sea_is_uniform);
  g_test_add_func ("/basemap/land", test_land_colours);
  g_test_add_func ("/basemap/durand-line", test_durand_line);
  g_test_add_func ("/basemap/hidpi", test_hidpi);
  g_test_add_func ("/basemap/seams", test_tile_seams);
  g_test_add_func ("/basemap/tile-size-512", test_tile_size_512);
  g_test_add_func ("/basemap/export-pdf", test_export_pdf);
  g_test_add_func ("/basemap/language", test_language_property);
  g_test_add_func ("/basemap/labels", test_labels);
  g_test_add_func ("/basemap/cancel", test_cancel);
  g_test_add_func ("/basemap/threads", test_threads);
  g_test_add_func ("/basemap/real-data", test_real_data);

  return g_test_run ();
}
