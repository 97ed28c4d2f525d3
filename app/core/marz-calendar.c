/* marz-calendar.c
 *
 * A port of the jalaali-js arithmetic (Borkowski 1996).  The Jalali calendar
 * is astronomical; Borkowski's break years mark where its 33-year leap cycle
 * shifts, which is what keeps the arithmetic exact over the supported range.
 * Day numbers are Julian Day Numbers.  Integer division truncates toward zero
 * in C exactly as `~~(a / b)` does in the JavaScript original, so the
 * formulas are carried over unchanged.
 */
#define G_LOG_DOMAIN "marz-calendar"

#include "marz-calendar.h"

static const int breaks[] = {
  -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097,
  2192, 2262, 2324, 2394, 2456, 3178
};

typedef struct
{
  int leap;   /* years since the last leap year: 0 means @jy itself is leap */
  int gy;     /* the Gregorian year in which @jy begins */
  int march;  /* the day of March on which 1 Farvardin @jy falls */
} JalCal;

static gboolean
year_in_range (int jy)
{
  return jy >= MARZ_JALALI_MIN_YEAR && jy <= MARZ_JALALI_MAX_YEAR;
}

/* Years since the last leap year, given the cycle segment [jp, jp + jump). */
static int
leap_position (int n,
               int jump)
{
  int leap;

  if (jump - n < 6)
    n = n - jump + (jump + 4) / 33 * 33;
  leap = ((n + 1) % 33 - 1) % 4;
  return leap == -1 ? 4 : leap;
}

static JalCal
jal_cal (int jy)
{
  const guint n_breaks = G_N_ELEMENTS (breaks);
  int gy = jy + 621, leap_j = -14, jp = breaks[0], jump = 0, n, leap_g;
  JalCal r;

  g_assert (year_in_range (jy));

  for (guint i = 1; i < n_breaks; i++)
    {
      int jm = breaks[i];

      jump = jm - jp;
      if (jy < jm)
        break;
      leap_j = leap_j + jump / 33 * 8 + jump % 33 / 4;
      jp = jm;
    }
  n = jy - jp;

  /* Leap years from AD 621 to the start of @jy, in each calendar. */
  leap_j = leap_j + n / 33 * 8 + (n % 33 + 3) / 4;
  if (jump % 33 == 4 && jump - n == 4)
    leap_j++;
  leap_g = gy / 4 - (gy / 100 + 1) * 3 / 4 - 150;

  r.gy = gy;
  r.march = 20 + leap_j - leap_g;
  r.leap = leap_position (n, jump);
  return r;
}

static int
gregorian_to_jdn (int gy,
                  int gm,
                  int gd)
{
  int d = (gy + (gm - 8) / 6 + 100100) * 1461 / 4
          + (153 * ((gm + 9) % 12) + 2) / 5
          + gd - 34840408;

  return d - (gy + 100100 + (gm - 8) / 6) / 100 * 3 / 4 + 752;
}

static void
jdn_to_gregorian (int  jdn,
                  int *gy,
                  int *gm,
                  int *gd)
{
  int j = 4 * jdn + 139361631;
  int i;

  j = j + (4 * jdn + 183187720) / 146097 * 3 / 4 * 4 - 3908;
  i = j % 1461 / 4 * 5 + 308;
  *gd = i % 153 / 5 + 1;
  *gm = i / 153 % 12 + 1;
  *gy = j / 1461 - 100100 + (8 - *gm) / 6;
}

static int
jalali_to_jdn (int jy,
               int jm,
               int jd)
{
  JalCal r = jal_cal (jy);

  return gregorian_to_jdn (r.gy, 3, r.march)
         + (jm - 1) * 31 - jm / 7 * (jm - 7) + jd - 1;
}

/* The first six months have 31 days, the rest 30 (Esfand 29 or 30): day @k
 * of the year (0-based) falls in month 1 + k / 31 or 7 + (k − 186) / 30. */
static void
day_of_year_to_jalali (int  k,
                       int *jm,
                       int *jd)
{
  if (k <= 185)
    {
      *jm = 1 + k / 31;
      *jd = k % 31 + 1;
      return;
    }
  k -= 186;
  *jm = 7 + k / 30;
  *jd = k % 30 + 1;
}

static gboolean
jdn_to_jalali (int  jdn,
               int *jy,
               int *jm,
               int *jd)
{
  int gy, gm, gd, k;

  /* The Jalali year that begins in Gregorian year gy, or the one before it
   * for days before Nowruz; the last supported year ends in the next
   * Gregorian year, which has no Jalali year of its own to begin. */
  jdn_to_gregorian (jdn, &gy, &gm, &gd);
  *jy = MIN (gy - 621, MARZ_JALALI_MAX_YEAR);
  if (*jy < MARZ_JALALI_MIN_YEAR)
    return FALSE;
  k = jdn - jalali_to_jdn (*jy, 1, 1);
  if (k < 0)
    {
      if (--(*jy) < MARZ_JALALI_MIN_YEAR)
        return FALSE;
      k = jdn - jalali_to_jdn (*jy, 1, 1);
    }
  if (k >= 365 + (marz_jalali_is_leap (*jy) ? 1 : 0))
    return FALSE;
  day_of_year_to_jalali (k, jm, jd);
  return TRUE;
}

static gboolean
gregorian_is_valid (int gy,
                    int gm,
                    int gd)
{
  static const int lengths[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (gy % 4 == 0 && gy % 100 != 0) || gy % 400 == 0;

  if (gm < 1 || gm > 12 || gd < 1)
    return FALSE;
  return gd <= lengths[gm - 1] + (gm == 2 && leap ? 1 : 0);
}

/**
 * marz_jalali_is_leap:
 *
 * Returns: whether Esfand of @jy has 30 days (FALSE outside the range)
 */
gboolean
marz_jalali_is_leap (int jy)
{
  if (!year_in_range (jy))
    return FALSE;
  return jal_cal (jy).leap == 0;
}

/**
 * marz_jalali_month_length:
 *
 * Returns: the days in month @jm of @jy, or 0 if either is out of range
 */
int
marz_jalali_month_length (int jy,
                          int jm)
{
  if (!year_in_range (jy) || jm < 1 || jm > 12)
    return 0;
  if (jm <= 6)
    return 31;
  if (jm <= 11)
    return 30;
  return marz_jalali_is_leap (jy) ? 30 : 29;
}

gboolean
marz_jalali_is_valid (int jy,
                      int jm,
                      int jd)
{
  return jd >= 1 && jd <= marz_jalali_month_length (jy, jm);
}

/**
 * marz_jalali_to_gregorian:
 * @gy: (out) (optional):
 * @gm: (out) (optional):
 * @gd: (out) (optional):
 *
 * Returns: FALSE, leaving the outputs untouched, if @jy/@jm/@jd is not a date
 */
gboolean
marz_jalali_to_gregorian (int  jy,
                          int  jm,
                          int  jd,
                          int *gy,
                          int *gm,
                          int *gd)
{
  int y, m, d;

  if (!marz_jalali_is_valid (jy, jm, jd))
    return FALSE;

  jdn_to_gregorian (jalali_to_jdn (jy, jm, jd), &y, &m, &d);
  if (gy)
    *gy = y;
  if (gm)
    *gm = m;
  if (gd)
    *gd = d;
  return TRUE;
}

/**
 * marz_gregorian_to_jalali:
 * @jy: (out) (optional):
 * @jm: (out) (optional):
 * @jd: (out) (optional):
 *
 * Returns: FALSE, leaving the outputs untouched, if the Gregorian date is not
 *   valid or falls outside the supported range
 */
gboolean
marz_gregorian_to_jalali (int  gy,
                          int  gm,
                          int  gd,
                          int *jy,
                          int *jm,
                          int *jd)
{
  int y, m, d;

  /* Checked before any arithmetic so that huge years cannot overflow. */
  if (gy < 560 || gy > 3799 || !gregorian_is_valid (gy, gm, gd))
    return FALSE;
  if (!jdn_to_jalali (gregorian_to_jdn (gy, gm, gd), &y, &m, &d))
    return FALSE;

  if (jy)
    *jy = y;
  if (jm)
    *jm = m;
  if (jd)
    *jd = d;
  return TRUE;
}
