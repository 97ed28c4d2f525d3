/* marz-dates.h: dates in Arabic and Persian news text
 *
 * Finds the date expressions of a normalized text (see marz-normalize.h) and
 * resolves them to Gregorian dates against the article's publication date:
 * month names of every regional calendar, Solar Hijri dates, weekdays,
 * «yesterday», «the ninth of this month» and bare years.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MARZ_DATE_PRECISION_UNKNOWN,
  MARZ_DATE_PRECISION_YEAR,
  MARZ_DATE_PRECISION_MONTH,
  MARZ_DATE_PRECISION_DAY,
} MarzDatePrecision;

typedef enum
{
  MARZ_DATE_MENTION_ABSOLUTE,   /* a month name or a numeric date */
  MARZ_DATE_MENTION_WEEKDAY,    /* a weekday alone: «روز جمعه» */
  MARZ_DATE_MENTION_RELATIVE,   /* «أمس», «نهم این ماه» */
  MARZ_DATE_MENTION_YEAR,       /* «عام 2021», «سال ۱۴۰۰» */
} MarzDateMentionKind;

typedef struct
{
  guint32             start, end;     /* byte offsets in the normalized text of the whole
                                       * expression, without a leading «في» or «در» */
  MarzDateMentionKind kind;
  MarzDatePrecision   precision;      /* of the resolved date below; UNKNOWN if it
                                       * could not be resolved */
  int                 year, month, day;   /* resolved Gregorian date, 0 for parts not known */

  /* As written, in the Gregorian calendar (converted when Solar Hijri);
   * 0 for parts not written, or that cannot be converted without a year. */
  int                 written_year, written_month, written_day;
  int                 weekday;        /* written weekday, 1 = Monday … 7 = Sunday
                                       * (GDateWeekday), 0 if none */
  gboolean            solar_hijri;    /* written in the Solar Hijri calendar */
  int                 jalali_year, jalali_month, jalali_day;  /* the Solar Hijri date
                                                               * as written, 0 if not */
} MarzDateMention;

typedef struct _MarzDateFinder MarzDateFinder;

MarzDateFinder *marz_date_finder_new          (void);
MarzDateFinder *marz_date_finder_ref          (MarzDateFinder *self);
void            marz_date_finder_unref        (MarzDateFinder *self);
GArray         *marz_date_finder_scan         (MarzDateFinder *self,
                                               const char     *normalized,
                                               const GArray   *tokens,
                                               const GDate    *reference);

int             marz_date_resolve_year        (int             month,
                                               int             day,
                                               int             weekday,
                                               int             min_year,
                                               int             max_year);
int             marz_date_resolve_jalali_year (int             jalali_month,
                                               int             jalali_day,
                                               int             weekday,
                                               int             min_jalali_year,
                                               int             max_jalali_year);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzDateFinder, marz_date_finder_unref)

G_END_DECLS
