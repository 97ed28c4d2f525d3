#undef G_DISABLE_ASSERT

#include <glib.h>

#include "marz-calendar.h"

typedef struct
{
  int gy, gm, gd;
  int jy, jm, jd;
} Vector;

/* The jalaali-js test vectors, as listed in TEXT-NOTES.md. */
static const Vector vectors[] = {
  { 1925, 3, 22, 1304, 1, 2 },
  { 1981, 8, 17, 1360, 5, 26 },
  { 2000, 1, 1, 1378, 10, 11 },
  { 2013, 1, 10, 1391, 10, 21 },
  { 2014, 8, 4, 1393, 5, 13 },
  { 2016, 4, 11, 1395, 1, 23 },
  { 2021, 3, 21, 1400, 1, 1 },
  { 2024, 3, 20, 1403, 1, 1 },
  { 2025, 3, 21, 1404, 1, 1 },
  { 2024, 3, 19, 1402, 12, 29 },
  { 2025, 3, 20, 1403, 12, 30 },
  /* The corpus period. */
  { 2025, 9, 23, 1404, 7, 1 },
  { 2025, 10, 23, 1404, 8, 1 },
  { 2025, 11, 22, 1404, 9, 1 },
  { 2025, 11, 8, 1404, 8, 17 },
};

static void
test_vectors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      const Vector *v = &vectors[i];
      int y = 0, m = 0, d = 0;

      g_test_message ("%d-%02d-%02d = %d/%d/%d", v->gy, v->gm, v->gd, v->jy, v->jm, v->jd);
      g_assert_true (marz_gregorian_to_jalali (v->gy, v->gm, v->gd, &y, &m, &d));
      g_assert_cmpint (y, ==, v->jy);
      g_assert_cmpint (m, ==, v->jm);
      g_assert_cmpint (d, ==, v->jd);

      g_assert_true (marz_jalali_to_gregorian (v->jy, v->jm, v->jd, &y, &m, &d));
      g_assert_cmpint (y, ==, v->gy);
      g_assert_cmpint (m, ==, v->gm);
      g_assert_cmpint (d, ==, v->gd);
    }
}

static void
test_leap (void)
{
  int y = 0;

  g_assert_true (marz_jalali_is_leap (1403));
  g_assert_false (marz_jalali_is_leap (1404));
  g_assert_true (marz_jalali_is_leap (1399));
  g_assert_true (marz_jalali_is_leap (1408));
  g_assert_false (marz_jalali_is_leap (1407));
  g_assert_false (marz_jalali_is_valid (1393, 12, 30));
  g_assert_true (marz_jalali_is_valid (1395, 12, 30));
  g_assert_true (marz_jalali_is_valid (1403, 12, 30));
  g_assert_false (marz_jalali_is_valid (1404, 12, 30));
  g_assert_false (marz_jalali_is_valid (1404, 7, 31));
  g_assert_true (marz_jalali_is_valid (1404, 6, 31));
  g_assert_false (marz_jalali_is_valid (1404, 0, 1));
  g_assert_false (marz_jalali_is_valid (1404, 13, 1));
  g_assert_false (marz_jalali_is_valid (1404, 1, 0));

  g_assert_cmpint (marz_jalali_month_length (1404, 1), ==, 31);
  g_assert_cmpint (marz_jalali_month_length (1404, 7), ==, 30);
  g_assert_cmpint (marz_jalali_month_length (1404, 12), ==, 29);
  g_assert_cmpint (marz_jalali_month_length (1403, 12), ==, 30);
  g_assert_cmpint (marz_jalali_month_length (1404, 13), ==, 0);

  g_assert_false (marz_jalali_to_gregorian (1393, 12, 30, &y, NULL, NULL));
  g_assert_cmpint (y, ==, 0);
}

static void
test_range (void)
{
  int y, m, d;

  g_assert_true (marz_jalali_to_gregorian (MARZ_JALALI_MIN_YEAR, 1, 1, &y, &m, &d));
  g_assert_true (marz_jalali_to_gregorian (MARZ_JALALI_MAX_YEAR, 12, 29, &y, &m, &d));
  g_assert_false (marz_jalali_to_gregorian (MARZ_JALALI_MIN_YEAR - 1, 1, 1, &y, &m, &d));
  g_assert_false (marz_jalali_to_gregorian (MARZ_JALALI_MAX_YEAR + 1, 1, 1, &y, &m, &d));
  g_assert_false (marz_jalali_is_leap (G_MAXINT));
  g_assert_false (marz_jalali_is_valid (G_MININT, 1, 1));

  g_assert_false (marz_gregorian_to_jalali (2025, 2, 29, &y, &m, &d));
  g_assert_true (marz_gregorian_to_jalali (2024, 2, 29, &y, &m, &d));
  g_assert_false (marz_gregorian_to_jalali (2025, 13, 1, &y, &m, &d));
  g_assert_false (marz_gregorian_to_jalali (G_MAXINT, 1, 1, &y, &m, &d));
  g_assert_false (marz_gregorian_to_jalali (G_MININT, 1, 1, &y, &m, &d));
  g_assert_true (marz_gregorian_to_jalali (1900, 2, 28, NULL, NULL, NULL));
}

/* Every day from 1900 to 2100, both ways, checked against GDate: each day
 * maps to the next Jalali day and back to itself. */
static void
test_round_trip (void)
{
  g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_JANUARY, 1900);
  int prev_y = 0, prev_m = 0, prev_d = 0;
  guint days = 0;

  while (g_date_get_year (date) <= 2100)
    {
      int gy = g_date_get_year (date), gm = g_date_get_month (date), gd = g_date_get_day (date);
      int jy, jm, jd, y, m, d;

      g_assert_true (marz_gregorian_to_jalali (gy, gm, gd, &jy, &jm, &jd));
      g_assert_true (marz_jalali_is_valid (jy, jm, jd));
      g_assert_true (marz_jalali_to_gregorian (jy, jm, jd, &y, &m, &d));
      if (y != gy || m != gm || d != gd)
        g_error ("%d-%d-%d → %d/%d/%d → %d-%d-%d", gy, gm, gd, jy, jm, jd, y, m, d);

      if (prev_y != 0)
        {
          gboolean next_day = (jy == prev_y && jm == prev_m && jd == prev_d + 1);
          gboolean next_month = (jy == prev_y && jm == prev_m + 1 && jd == 1
                                 && prev_d == marz_jalali_month_length (prev_y, prev_m));
          gboolean next_year = (jy == prev_y + 1 && jm == 1 && jd == 1
                                && prev_m == 12 && prev_d == marz_jalali_month_length (prev_y, 12));
          g_assert_true (next_day || next_month || next_year);
        }
      prev_y = jy;
      prev_m = jm;
      prev_d = jd;
      g_date_add_days (date, 1);
      days++;
    }
  g_assert_cmpuint (days, ==, 73414);
}

/* Every Jalali day of the supported range maps to a Gregorian day and back. */
static void
test_jalali_round_trip (void)
{
  for (int jy = MARZ_JALALI_MIN_YEAR; jy <= MARZ_JALALI_MAX_YEAR; jy++)
    for (int jm = 1; jm <= 12; jm++)
      for (int jd = 1; jd <= marz_jalali_month_length (jy, jm); jd++)
        {
          int gy, gm, gd, y, m, d;

          g_assert_true (marz_jalali_to_gregorian (jy, jm, jd, &gy, &gm, &gd));
          g_assert_true (marz_gregorian_to_jalali (gy, gm, gd, &y, &m, &d));
          if (y != jy || m != jm || d != jd)
            g_error ("%d/%d/%d → %d-%d-%d → %d/%d/%d", jy, jm, jd, gy, gm, gd, y, m, d);
        }
}

/* Nowruz never strays far from the equinox over the supported range. */
static void
test_nowruz (void)
{
  for (int jy = MARZ_JALALI_MIN_YEAR; jy <= MARZ_JALALI_MAX_YEAR; jy++)
    {
      int gy, gm, gd;

      g_assert_true (marz_jalali_to_gregorian (jy, 1, 1, &gy, &gm, &gd));
      g_assert_cmpint (gy, ==, jy + 621);
      g_assert_cmpint (gm, ==, 3);
      g_assert_cmpint (gd, >=, 19);
      g_assert_cmpint (gd, <=, 22);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/calendar/vectors", test_vectors);
  g_test_add_func ("/calendar/leap", test_leap);
  g_test_add_func ("/calendar/range", test_range);
  g_test_add_func ("/calendar/round-trip", test_round_trip);
  g_test_add_func ("/calendar/jalali-round-trip", test_jalali_round_trip);
  g_test_add_func ("/calendar/nowruz", test_nowruz);

  return g_test_run ();
}
