/* Web Mercator: the values every slippy map agrees on. */
#undef G_DISABLE_ASSERT

#include <glib.h>

#include "marz-mercator.h"

static void
test_known_values (void)
{
  double x, y, lat, lon;

  /* Zoom 0 is one tile: the world is tile_size px square, (0, 0) its centre. */
  g_assert_cmpfloat (marz_mercator_world_size (0, 256), ==, 256);
  g_assert_cmpfloat (marz_mercator_world_size (3, 512), ==, 4096);
  marz_mercator_project (0, 0, 0, 256, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 128, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 128, 1e-9);
  marz_mercator_project (0, 0, 1, 512, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 512, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 512, 1e-9);

  /* The corners: 180° W at x = 0, ±85.0511° at the top and bottom edges. */
  marz_mercator_project (MARZ_MERCATOR_MAX_LATITUDE, -180, 2, 256, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-6);
  marz_mercator_project (-MARZ_MERCATOR_MAX_LATITUDE, 180, 2, 256, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 1024, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 1024, 1e-6);
  /* Beyond the limit the map is clamped, not undefined. */
  marz_mercator_project (90, 0, 0, 256, &x, &y);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-6);

  marz_mercator_unproject (128, 128, 0, 256, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (lon, 0, 1e-12);
}

static void
test_round_trip (void)
{
  const double points[][2] = { { 34.5281, 69.1717 }, { -33.86, 151.21 }, { 0, -179.9 }, { 84.9, 12 }, { 31.006, 66.4 } };
  const double zooms[] = { 0, 3.5, 6, 10, 17, 20 };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    for (guint k = 0; k < G_N_ELEMENTS (zooms); k++)
      {
        double x, y, lat, lon;

        marz_mercator_project (points[i][0], points[i][1], zooms[k], 256, &x, &y);
        marz_mercator_unproject (x, y, zooms[k], 256, &lat, &lon);
        g_assert_cmpfloat_with_epsilon (lat, points[i][0], 1e-9);
        g_assert_cmpfloat_with_epsilon (lon, points[i][1], 1e-9);
      }
}

static void
test_kabul_tile (void)
{
  double x, y;

  /* Kabul, 34.5281° N 69.1717° E, at zoom 6 (64 × 64 tiles):
   *   x = (69.1717 + 180) / 360 × 64 = 0.692144 × 64 = 44.297
   *   y = (1 − asinh (tan 34.5281°) / π) / 2 × 64
   *     = (1 − asinh (0.688003) / π) / 2 × 64
   *     = (1 − 0.642811 / π) / 2 × 64 = 0.397687 × 64 = 25.452
   * so tile (44, 25), 76 px from its left edge and 116 px from its top. */
  marz_mercator_project (34.5281, 69.1717, 6, 256, &x, &y);
  g_assert_cmpint ((int) (x / 256), ==, 44);
  g_assert_cmpint ((int) (y / 256), ==, 25);
  g_assert_cmpfloat_with_epsilon (x, 44.2972 * 256, 0.05);
  g_assert_cmpfloat_with_epsilon (y, 25.4524 * 256, 0.05);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mercator/known-values", test_known_values);
  g_test_add_func ("/mercator/round-trip", test_round_trip);
  g_test_add_func ("/mercator/kabul-tile", test_kabul_tile);

  return g_test_run ();
}
