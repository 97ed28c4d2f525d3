/* marz-date-resolve.c: from a date as written to a Gregorian date
 *
 * Which written dates exist at all, and what they stand for: dates without a
 * year, weekdays and relative words are resolved against the article's
 * publication date (the reference).
 */
#define G_LOG_DOMAIN "marz-dates"

#include "marz-dates-private.h"
#include "marz-calendar.h"

#include <string.h>

/* News announces what is coming (talks, deadlines) but rarely more than a
 * month ahead: a date without a year is the latest one no later than this
 * many days after publication. */
#define DAYS_AHEAD 30

/* The years a date may be written with: a wider range finds more counts
 * than years. */
gboolean
_marz_date_year_fits (DateCalendar calendar,
                      int          year)
{
  if (calendar == DATE_CALENDAR_JALALI)
    return year >= 1300 && year <= 1499;
  return year >= 1900 && year <= 2100;
}

/* An era marker after a year must agree with its calendar. */
gboolean
_marz_date_era_fits (DateCalendar calendar,
                     DateEra      era)
{
  if (era == DATE_ERA_ANY)
    return TRUE;
  if (calendar == DATE_CALENDAR_JALALI)
    return era == DATE_ERA_SOLAR;
  return era == DATE_ERA_GREGORIAN;
}

/* Only the largest month length is known without a year. */
gboolean
_marz_date_exists (const DateExpr *e)
{
  static const int longest[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (e->day == 0)
    return TRUE;
  if (e->calendar == DATE_CALENDAR_JALALI)
    return e->year != 0 ? marz_jalali_is_valid (e->year, e->month, e->day)
                        : e->day <= (e->month <= 6 ? 31 : 30);
  if (e->year != 0)
    return g_date_valid_dmy (e->day, e->month, e->year);
  return e->day <= longest[e->month - 1];
}

/**
 * _marz_date_reference_init:
 *
 * Returns: FALSE if there is no valid reference date
 */
gboolean
_marz_date_reference_init (DateReference *ref,
                           const GDate   *date)
{
  int jd;

  if (date == NULL || !g_date_valid (date))
    return FALSE;
  ref->year = g_date_get_year (date);
  ref->month = g_date_get_month (date);
  ref->day = g_date_get_day (date);
  ref->julian = g_date_get_julian (date);
  ref->weekday = g_date_get_weekday (date);
  if (!marz_gregorian_to_jalali (ref->year, ref->month, ref->day, &ref->jy, &ref->jm, &jd))
    ref->jy = ref->jm = 0;
  return TRUE;
}

/* The Julian day of a Gregorian date, 0 if there is no such date. */
static guint32
julian_of (int year,
           int month,
           int day)
{
  GDate date;

  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31
      || !g_date_valid_dmy (day, month, year))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

static void
set_day (MarzDateMention *out,
         int              year,
         int              month,
         int              day)
{
  out->precision = MARZ_DATE_PRECISION_DAY;
  out->year = year;
  out->month = month;
  out->day = day;
}

static void
set_julian (MarzDateMention *out,
            gint64           julian)
{
  GDate date;

  if (julian < 1 || julian > G_MAXUINT32 || !g_date_valid_julian (julian))
    return;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  set_day (out, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

static void
set_month_precision (MarzDateMention *out,
                     int              year,
                     int              month)
{
  out->precision = MARZ_DATE_PRECISION_MONTH;
  out->year = year;
  out->month = month;
}

static gboolean
not_too_late (const DateReference *ref,
              guint32              julian)
{
  return julian != 0 && julian <= ref->julian + DAYS_AHEAD;
}

/* The latest year in which @month/@day is not too late (four years back
 * reach a 29 February). */
static int
latest_gregorian_year (const DateReference *ref,
                       int                  month,
                       int                  day)
{
  for (int y = ref->year + 1; y >= ref->year - 4; y--)
    if (not_too_late (ref, julian_of (y, month, day)))
      return y;
  return 0;
}

static int
latest_jalali_year (const DateReference *ref,
                    int                  jm,
                    int                  jd)
{
  int gy, gm, gd;

  for (int jy = ref->jy + 1; ref->jy != 0 && jy >= ref->jy - 4; jy--)
    if (marz_jalali_to_gregorian (jy, jm, jd, &gy, &gm, &gd)
        && not_too_late (ref, julian_of (gy, gm, gd)))
      return jy;
  return 0;
}

/* «أكتوبر الماضي»: the latest October before the reference's month;
 * «أكتوبر المقبل»: the first after it. */
static int
year_by_direction (int year,
                   int month,
                   int named_month,
                   int direction)
{
  if (direction < 0)
    return named_month < month ? year : year - 1;
  return named_month > month ? year : year + 1;
}

/* «أكتوبر»: the latest October begun by the reference (or soon after). */
static int
latest_gregorian_month_year (const DateReference *ref,
                             int                  month,
                             int                  direction)
{
  if (direction != 0)
    return year_by_direction (ref->year, ref->month, month, direction);
  for (int y = ref->year + 1; y >= ref->year - 1; y--)
    if (not_too_late (ref, julian_of (y, month, 1)))
      return y;
  return 0;
}

static int
latest_jalali_month_year (const DateReference *ref,
                          int                  jm,
                          int                  direction)
{
  int gy, gm, gd;

  if (ref->jy == 0)
    return 0;
  if (direction != 0)
    return year_by_direction (ref->jy, ref->jm, jm, direction);
  for (int jy = ref->jy + 1; jy >= ref->jy - 1; jy--)
    if (marz_jalali_to_gregorian (jy, jm, 1, &gy, &gm, &gd)
        && not_too_late (ref, julian_of (gy, gm, gd)))
      return jy;
  return 0;
}

/* A Solar Hijri month straddles two Gregorian ones: Mehr runs from 23
 * September to 22 October.  An event «in Mehr» is as likely on any of its
 * days, so the one Gregorian month that best stands for it is the one
 * holding most of them, that of its middle day: Mehr → October.  Months
 * start between the 19th and the 23rd, so the answer does not depend on the
 * year. */
static gboolean
jalali_month_to_gregorian (int  jy,
                           int  jm,
                           int *gy,
                           int *gm)
{
  int middle = (marz_jalali_month_length (jy, jm) + 1) / 2;

  return marz_jalali_to_gregorian (jy, jm, middle, gy, gm, NULL);
}

static void
resolve_gregorian (const DateExpr      *e,
                   const DateReference *ref,
                   MarzDateMention     *out)
{
  int year = e->year;

  out->written_year = e->year;
  out->written_month = e->month;
  out->written_day = e->day;
  if (year == 0 && ref != NULL)
    year = e->day != 0 ? latest_gregorian_year (ref, e->month, e->day)
                       : latest_gregorian_month_year (ref, e->month, e->direction);
  if (year == 0)
    return;
  if (e->day != 0)
    set_day (out, year, e->month, e->day);
  else
    set_month_precision (out, year, e->month);
}

static void
resolve_jalali_month (const DateExpr  *e,
                      int              jy,
                      MarzDateMention *out)
{
  /* Any year gives the same month (see above). */
  int gy, gm;

  if (!jalali_month_to_gregorian (jy != 0 ? jy : 1400, e->month, &gy, &gm))
    return;
  out->written_month = gm;
  if (e->year != 0)
    out->written_year = gy;
  if (jy != 0)
    set_month_precision (out, gy, gm);
}

/* Without a year or a reference, the Gregorian month and day of a Solar
 * Hijri date are unknown: they shift by a day with leap years.  The caller
 * has jalali_month/jalali_day and marz_date_resolve_jalali_year(). */
static void
resolve_jalali (const DateExpr      *e,
                const DateReference *ref,
                MarzDateMention     *out)
{
  int jy = e->year, gy, gm, gd;

  out->jalali_year = e->year;
  out->jalali_month = e->month;
  out->jalali_day = e->day;
  if (jy == 0 && ref != NULL)
    jy = e->day != 0 ? latest_jalali_year (ref, e->month, e->day)
                     : latest_jalali_month_year (ref, e->month, e->direction);
  if (e->day == 0)
    {
      resolve_jalali_month (e, jy, out);
      return;
    }
  if (jy == 0 || !marz_jalali_to_gregorian (jy, e->month, e->day, &gy, &gm, &gd))
    return;
  out->written_year = e->year != 0 ? gy : 0;
  out->written_month = gm;
  out->written_day = gd;
  set_day (out, gy, gm, gd);
}

/* The most recent such weekday on or before the reference: «روز شنبه» in a
 * Saturday article is that very day; «الخميس الماضي» is strictly before,
 * «الخميس المقبل» strictly after.
 *
 * «ليلة الأربعاء» and «شب چهارشنبه» resolve to Wednesday itself.  In both
 * languages the night of a weekday is often the night BEFORE it (Tuesday
 * evening), but not always, and such events run past midnight into the
 * named day: the named day is what the text commits to. */
static void
resolve_weekday (const DateExpr      *e,
                 const DateReference *ref,
                 MarzDateMention     *out)
{
  int back;

  if (ref == NULL)
    return;
  if (e->direction > 0)
    {
      int ahead = (e->weekday - ref->weekday + 7) % 7;
      set_julian (out, (gint64) ref->julian + (ahead == 0 ? 7 : ahead));
      return;
    }
  back = (ref->weekday - e->weekday + 7) % 7;
  if (back == 0 && e->direction < 0)
    back = 7;
  set_julian (out, (gint64) ref->julian - back);
}

static void
resolve_relative (const DateExpr      *e,
                  const DateReference *ref,
                  MarzDateMention     *out)
{
  if (e->this_month)
    {
      out->written_day = e->day;
      if (ref != NULL && julian_of (ref->year, ref->month, e->day) != 0)
        set_day (out, ref->year, ref->month, e->day);
      return;
    }
  if (ref != NULL)
    set_julian (out, (gint64) ref->julian + e->offset);
}

/* A Solar Hijri year starts on 20 or 21 March: nine and a half of its
 * months fall in the Gregorian year 621 later. */
static void
resolve_year (const DateExpr  *e,
              MarzDateMention *out)
{
  int year = e->calendar == DATE_CALENDAR_JALALI ? e->year + 621 : e->year;

  if (e->calendar == DATE_CALENDAR_JALALI)
    out->jalali_year = e->year;
  out->written_year = year;
  out->precision = MARZ_DATE_PRECISION_YEAR;
  out->year = year;
}

void
_marz_date_resolve (const DateExpr      *e,
                    const DateReference *ref,
                    MarzDateMention     *out)
{
  memset (out, 0, sizeof *out);
  out->start = e->start;
  out->end = e->end;
  out->kind = e->kind;
  out->weekday = e->weekday;
  out->solar_hijri = e->calendar == DATE_CALENDAR_JALALI;

  switch (e->kind)
    {
    case MARZ_DATE_MENTION_ABSOLUTE:
      if (e->calendar == DATE_CALENDAR_JALALI)
        resolve_jalali (e, ref, out);
      else
        resolve_gregorian (e, ref, out);
      break;
    case MARZ_DATE_MENTION_WEEKDAY:
      resolve_weekday (e, ref, out);
      break;
    case MARZ_DATE_MENTION_RELATIVE:
      resolve_relative (e, ref, out);
      break;
    case MARZ_DATE_MENTION_YEAR:
    default:
      resolve_year (e, out);
      break;
    }
}

static guint32
weekday_of (int year,
            int month,
            int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian_of (year, month, day));
  return g_date_get_weekday (&date);
}

/**
 * marz_date_resolve_year:
 * @weekday: 1 = Monday … 7 = Sunday
 *
 * For a date written with its weekday but no year: «الأربعاء 29 أكتوبر».
 *
 * Returns: the only year in [@min_year, @max_year] in which @month/@day falls
 *   on @weekday, or 0 if there is none or more than one
 */
int
marz_date_resolve_year (int month,
                        int day,
                        int weekday,
                        int min_year,
                        int max_year)
{
  int found = 0;

  if (weekday < 1 || weekday > 7)
    return 0;
  for (int y = MAX (min_year, 1); y <= MIN (max_year, 9999); y++)
    {
      if (julian_of (y, month, day) == 0 || weekday_of (y, month, day) != (guint32) weekday)
        continue;
      if (found != 0)
        return 0;
      found = y;
    }
  return found;
}

/**
 * marz_date_resolve_jalali_year:
 * @weekday: 1 = Monday … 7 = Sunday
 *
 * The same for a Solar Hijri date: «شنبه ۱۷ آبان».
 *
 * Returns: the only Solar Hijri year in the range, or 0
 */
int
marz_date_resolve_jalali_year (int jalali_month,
                               int jalali_day,
                               int weekday,
                               int min_jalali_year,
                               int max_jalali_year)
{
  int found = 0;

  if (weekday < 1 || weekday > 7)
    return 0;
  for (int jy = MAX (min_jalali_year, MARZ_JALALI_MIN_YEAR);
       jy <= MIN (max_jalali_year, MARZ_JALALI_MAX_YEAR); jy++)
    {
      int gy, gm, gd;

      if (!marz_jalali_to_gregorian (jy, jalali_month, jalali_day, &gy, &gm, &gd)
          || weekday_of (gy, gm, gd) != (guint32) weekday)
        continue;
      if (found != 0)
        return 0;
      found = jy;
    }
  return found;
}
