/* test-marker-painter.c: many markers painted into one image, as the style draws them */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <string.h>

#include "marz-marker-painter.h"
#include "marz-marker-style.h"

/* A pixel of an ARGB32 image, un-premultiplied, 0 … 255 per channel. */
static void
pixel (cairo_surface_t *image,
       int              x,
       int              y,
       int             *rgba)
{
  guint32 p;

  cairo_surface_flush (image);
  p = ((guint32 *) (void *) (cairo_image_surface_get_data (image)
                             + (gsize) y * cairo_image_surface_get_stride (image)))[x];
  rgba[3] = p >> 24;
  for (int i = 0; i < 3; i++)
    {
      int c = (p >> (16 - 8 * i)) & 0xff;

      rgba[i] = rgba[3] ? MIN (255, c * 255 / rgba[3]) : 0;
    }
}

static void
assert_color (cairo_surface_t *image,
              int              x,
              int              y,
              MarzRgb          want)
{
  int rgba[4];

  pixel (image, x, y, rgba);
  g_assert_cmpint (rgba[3], >, 200);
  g_assert_cmpint (abs (rgba[0] - (int) round (want.red * 255)), <=, 3);
  g_assert_cmpint (abs (rgba[1] - (int) round (want.green * 255)), <=, 3);
  g_assert_cmpint (abs (rgba[2] - (int) round (want.blue * 255)), <=, 3);
}

static guint
alpha_at (cairo_surface_t *image,
          int              x,
          int              y)
{
  int rgba[4];

  pixel (image, x, y, rgba);
  return rgba[3];
}

/* Mean difference per channel between two images of one size, 0 … 255,
 * in the square of @half px around (@cx, @cy), or everywhere if @half is 0. */
static double
mean_difference_near (cairo_surface_t *a,
                      cairo_surface_t *b,
                      int              cx,
                      int              cy,
                      int              half)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int x0 = half ? MAX (cx - half, 0) : 0, x1 = half ? MIN (cx + half, w) : w;
  int y0 = half ? MAX (cy - half, 0) : 0, y1 = half ? MIN (cy + half, h) : h;
  double sum = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, h);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int y = y0; y < y1; y++)
    {
      const guint8 *pa = cairo_image_surface_get_data (a) + (gsize) y * cairo_image_surface_get_stride (a);
      const guint8 *pb = cairo_image_surface_get_data (b) + (gsize) y * cairo_image_surface_get_stride (b);

      for (int x = 4 * x0; x < 4 * x1; x++)
        sum += abs (pa[x] - pb[x]);
    }
  return sum / (4.0 * (x1 - x0) * (y1 - y0));
}

static double
mean_difference (cairo_surface_t *a,
                 cairo_surface_t *b)
{
  return mean_difference_near (a, b, 0, 0, 0);
}

static const MarzMarkerSprite sprites[] = {
  { .x = 40, .y = 40, .radius = 12, .n_incidents = 1, .type = MARZ_INCIDENT_AIRSTRIKE },
  { .x = 120.5, .y = 40.25, .radius = 16.3, .n_incidents = 7, .type = MARZ_INCIDENT_CLASH },
  { .x = 40, .y = 120, .radius = 11, .n_incidents = 1, .type = MARZ_INCIDENT_TALKS },
  { .x = 120, .y = 120, .radius = 25.7, .n_incidents = 31415, .is_cluster = TRUE },
};

/* What the painter copies is what the style draws, where the sprites say. */
static void
test_painter_draws_the_style (void)
{
  g_autoptr(MarzMarkerPainter) painter = marz_marker_painter_new ();
  cairo_surface_t *image = marz_marker_painter_paint (painter, sprites, G_N_ELEMENTS (sprites), 160, 160, 1);
  cairo_surface_t *drawn = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 160, 160);
  cairo_t *cr = cairo_create (drawn);

  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 160);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 160);
  for (guint i = 0; i < G_N_ELEMENTS (sprites); i++)
    if (sprites[i].is_cluster)
      marz_marker_style_draw_cluster (cr, sprites[i].x, sprites[i].y, sprites[i].radius, sprites[i].n_incidents);
    else
      marz_marker_style_draw_place (cr, sprites[i].x, sprites[i].y, sprites[i].radius, sprites[i].type,
                                    sprites[i].n_incidents);
  cairo_destroy (cr);

  /* Each in its colour, at its place; nothing between them. */
  assert_color (image, 40, 40 + 6, marz_marker_style_type_color (MARZ_INCIDENT_AIRSTRIKE));
  assert_color (image, 40 + 6, 120, marz_marker_style_type_color (MARZ_INCIDENT_TALKS));
  assert_color (image, 120, 120 + 18, marz_marker_style_cluster_color ());
  g_assert_cmpuint (alpha_at (image, 80, 80), ==, 0);
  g_assert_cmpuint (alpha_at (image, 2, 2), ==, 0);
  /* Diplomacy is a rounded square: its corner is filled, a disc's is not. */
  g_assert_cmpuint (alpha_at (image, 40 + 9, 120 + 9), >, 200);
  g_assert_cmpuint (alpha_at (image, 40 + 10, 40 + 10), ==, 0);
  /* The white count sits on the cluster. */
  {
    gboolean white = FALSE;

    for (int x = 105; x < 135 && !white; x++)
      {
        int rgba[4];

        pixel (image, x, 120, rgba);
        white = rgba[3] > 200 && rgba[0] > 230 && rgba[1] > 230 && rgba[2] > 230;
      }
    g_assert_true (white);
  }
  /* And each is the style's own drawing, but for radii to an eighth of a
   * pixel and centres to a quarter. */
  for (guint i = 0; i < G_N_ELEMENTS (sprites); i++)
    {
      double d = mean_difference_near (image, drawn, sprites[i].x, sprites[i].y, sprites[i].radius + 2);

      g_test_message ("sprite %u: mean difference %.2f", i, d);
      g_assert_cmpfloat (d, <, 2.0);
    }
  cairo_surface_destroy (image);
  cairo_surface_destroy (drawn);
}

/* A look is drawn once; a new count is one new look on a disc drawn before. */
static void
test_painter_keeps_looks (void)
{
  g_autoptr(MarzMarkerPainter) painter = marz_marker_painter_new ();
  MarzMarkerSprite again[G_N_ELEMENTS (sprites)];
  guint drawn;

  cairo_surface_destroy (marz_marker_painter_paint (painter, sprites, G_N_ELEMENTS (sprites), 160, 160, 1));
  drawn = marz_marker_painter_get_n_drawn (painter);
  /* Four discs, and two of them with a count. */
  g_assert_cmpuint (drawn, ==, 6);

  cairo_surface_destroy (marz_marker_painter_paint (painter, sprites, G_N_ELEMENTS (sprites), 160, 160, 1));
  g_assert_cmpuint (marz_marker_painter_get_n_drawn (painter), ==, drawn);

  memcpy (again, sprites, sizeof sprites);
  again[3].n_incidents++;
  cairo_surface_destroy (marz_marker_painter_paint (painter, again, G_N_ELEMENTS (again), 160, 160, 1));
  g_assert_cmpuint (marz_marker_painter_get_n_drawn (painter), ==, drawn + 1);

  /* Moved by a whole pixel: the same look. */
  for (guint i = 0; i < G_N_ELEMENTS (again); i++)
    again[i].x += 1;
  cairo_surface_destroy (marz_marker_painter_paint (painter, again, G_N_ELEMENTS (again), 160, 160, 1));
  g_assert_cmpuint (marz_marker_painter_get_n_drawn (painter), ==, drawn + 1);
}

/* At scale 2 the image has twice the pixels and says so. */
static void
test_painter_hidpi (void)
{
  g_autoptr(MarzMarkerPainter) painter = marz_marker_painter_new ();
  cairo_surface_t *image = marz_marker_painter_paint (painter, sprites, G_N_ELEMENTS (sprites), 160, 160, 2);
  double sx, sy;

  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 320);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 320);
  cairo_surface_get_device_scale (image, &sx, &sy);
  g_assert_cmpfloat (sx, ==, 2);
  g_assert_cmpfloat (sy, ==, 2);
  assert_color (image, 80, 80 + 12, marz_marker_style_type_color (MARZ_INCIDENT_AIRSTRIKE));
  g_assert_cmpuint (alpha_at (image, 160, 160), ==, 0);
  cairo_surface_destroy (image);
}

/* Markers across the edge are cut, those beyond it left out. */
static void
test_painter_edges (void)
{
  g_autoptr(MarzMarkerPainter) painter = marz_marker_painter_new ();
  const MarzMarkerSprite edge[] = {
    { .x = -5, .y = 20, .radius = 12, .n_incidents = 1, .type = MARZ_INCIDENT_AIRSTRIKE },
    { .x = 20, .y = 39.5, .radius = 12, .n_incidents = 3, .type = MARZ_INCIDENT_SHELLING },
    { .x = -500, .y = -500, .radius = 30, .n_incidents = 9, .is_cluster = TRUE },
    { .x = 5000, .y = 20, .radius = 30, .n_incidents = 9, .is_cluster = TRUE },
  };
  cairo_surface_t *image = marz_marker_painter_paint (painter, edge, G_N_ELEMENTS (edge), 40, 40, 1);

  assert_color (image, 2, 20, marz_marker_style_type_color (MARZ_INCIDENT_AIRSTRIKE));
  assert_color (image, 20 + 6, 39, marz_marker_style_type_color (MARZ_INCIDENT_SHELLING));
  g_assert_cmpuint (alpha_at (image, 39, 0), ==, 0);
  cairo_surface_destroy (image);
  cairo_surface_destroy (marz_marker_painter_paint (painter, NULL, 0, 1, 1, 1));
}

/* The width of the white (a count's glyphs) across row @y, between @x0
 * and @x1 (inside the ring). */
static int
white_extent (cairo_surface_t *image,
              int              y,
              int              x0,
              int              x1)
{
  int first = -1, last = -1;

  for (int x = x0; x < x1; x++)
    {
      int rgba[4];

      pixel (image, x, y, rgba);
      if (rgba[3] > 200 && rgba[0] > 230 && rgba[1] > 230 && rgba[2] > 230)
        {
          if (first < 0)
            first = x;
          last = x;
        }
    }
  return first < 0 ? 0 : last - first + 1;
}

/* Large Text: the counts grow with the desktop's text scaling, the discs
 * stay as they are. */
static void
test_painter_text_scale (void)
{
  g_autoptr(MarzMarkerPainter) painter = marz_marker_painter_new ();
  const MarzMarkerSprite cluster = { .x = 40, .y = 40, .radius = 30, .n_incidents = 31415, .is_cluster = TRUE };
  cairo_surface_t *normal, *large;
  int w_normal = 0, w_large = 0;
  guint drawn;

  normal = marz_marker_painter_paint (painter, &cluster, 1, 80, 80, 1);
  drawn = marz_marker_painter_get_n_drawn (painter);
  marz_marker_painter_set_text_scale (painter, 1.5);
  large = marz_marker_painter_paint (painter, &cluster, 1, 80, 80, 1);
  /* The count drawn again, on the disc it had. */
  g_assert_cmpuint (marz_marker_painter_get_n_drawn (painter), ==, drawn + 1);
  for (int y = 34; y <= 46; y++)
    {
      w_normal = MAX (w_normal, white_extent (normal, y, 40 - 26, 40 + 26));
      w_large = MAX (w_large, white_extent (large, y, 40 - 26, 40 + 26));
    }
  g_test_message ("count's width: %d px, at 1.5: %d px", w_normal, w_large);
  g_assert_cmpint (w_normal, >, 20);
  g_assert_cmpint (w_large, >=, w_normal * 13 / 10);
  /* The ring, 29 px out, where it was. */
  g_assert_cmpuint (alpha_at (normal, 40 + 29, 40), >, 200);
  g_assert_cmpuint (alpha_at (large, 40 + 29, 40), >, 200);
  g_assert_cmpuint (alpha_at (large, 40 + 32, 40), ==, 0);
  /* As the style draws it at that scale (the window's hovered marker). */
  {
    cairo_surface_t *styled = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 80, 80);
    cairo_t *cr = cairo_create (styled);

    marz_marker_style_draw (cr, 40, 40, 30, TRUE, 0, 31415, 1.5);
    cairo_destroy (cr);
    g_assert_cmpfloat (mean_difference (large, styled), <, 1.0);
    cairo_surface_destroy (styled);
  }
  cairo_surface_destroy (normal);
  cairo_surface_destroy (large);
}

static MarzMarkerSprite thread_sprites[G_N_ELEMENTS (sprites)];

static gpointer
paint_in_thread (gpointer data)
{
  return marz_marker_painter_paint (data, thread_sprites, G_N_ELEMENTS (thread_sprites), 160, 160, 1);
}

/* The window paints in workers, one after another: the painter's fonts
 * and layout are its own, whichever thread made them. */
static void
test_painter_in_a_thread (void)
{
  g_autoptr(MarzMarkerPainter) painter = marz_marker_painter_new ();
  cairo_surface_t *here = marz_marker_painter_paint (painter, sprites, G_N_ELEMENTS (sprites), 160, 160, 1);
  MarzMarkerSprite other[G_N_ELEMENTS (sprites)];
  cairo_surface_t *there;

  g_assert_nonnull (here);
  /* New counts, so the worker lays text out with the layout made here. */
  memcpy (other, sprites, sizeof sprites);
  for (guint i = 0; i < G_N_ELEMENTS (other); i++)
    other[i].n_incidents += 10;
  memcpy ((gpointer) thread_sprites, other, sizeof other);
  there = g_thread_join (g_thread_new ("paint", paint_in_thread, painter));
  g_assert_cmpfloat (mean_difference (here, there), >, 0);
  cairo_surface_destroy (there);
  /* And back here, what the worker drew is what a fresh painter draws. */
  {
    g_autoptr(MarzMarkerPainter) fresh = marz_marker_painter_new ();
    cairo_surface_t *again = marz_marker_painter_paint (painter, other, G_N_ELEMENTS (other), 160, 160, 1);
    cairo_surface_t *fresh_image = marz_marker_painter_paint (fresh, other, G_N_ELEMENTS (other), 160, 160, 1);

    g_assert_cmpfloat (mean_difference (again, fresh_image), ==, 0);
    cairo_surface_destroy (again);
    cairo_surface_destroy (fresh_image);
  }
  cairo_surface_destroy (here);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/marker-painter/draws-the-style", test_painter_draws_the_style);
  g_test_add_func ("/marker-painter/keeps-looks", test_painter_keeps_looks);
  g_test_add_func ("/marker-painter/hidpi", test_painter_hidpi);
  g_test_add_func ("/marker-painter/edges", test_painter_edges);
  g_test_add_func ("/marker-painter/in-a-thread", test_painter_in_a_thread);
  g_test_add_func ("/marker-painter/text-scale", test_painter_text_scale);
  return g_test_run ();
}
