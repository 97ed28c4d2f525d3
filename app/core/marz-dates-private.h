/* marz-dates-private.h: internals shared by the date finder's files
 *
 * The words live in marz-date-names.c, the grammar in marz-dates.c, the
 * resolution to Gregorian dates in marz-date-resolve.c.
 */
#pragma once

#include <glib.h>

#include "marz-dates.h"
#include "marz-lexicon.h"

G_BEGIN_DECLS

typedef enum
{
  DATE_WORD_MONTH,        /* value: 1–12 */
  DATE_WORD_WEEKDAY,      /* value: 1 = Monday … 7 = Sunday */
  DATE_WORD_RELATIVE,     /* value: days from the reference: «أمس» −1 */
  DATE_WORD_ORDINAL,      /* value: 1–31: «التاسع», «نهم» */
  DATE_WORD_DAY,          /* «يوم», «روز», «تاريخ»: may open a date */
  DATE_WORD_PART_OF_DAY,  /* «ليلة», «صباح», «شب»: may open a date */
  DATE_WORD_DIRECTION,    /* after a weekday or month: −1 «الماضي», +1 «المقبل» */
  DATE_WORD_MONTH_NOUN,   /* «ماه» (any month), «شهر» (Gregorian months) */
  DATE_WORD_THIS_MONTH,   /* «الشهر الجاري», «این ماه» */
  DATE_WORD_YEAR_NOUN,    /* «عام», «سال» (value 1: Jalali years allowed) */
  DATE_WORD_ERA,          /* «هـ.ش», «م»: value is a DateEra */
  DATE_WORD_CUE,          /* «في», «در», «خلال»: a month alone may follow */
  DATE_WORD_RANGE,        /* «و», «تا», «إلى» between two day numbers */
  DATE_WORD_OF,           /* «من» in «التاسع من أكتوبر» */
  DATE_WORD_AGREE,        /* «الموافق» between a weekday and its date */
  DATE_WORD_UNIT,         /* «کیلومتر», «جريح»: the number before is a quantity */
  DATE_WORD_NOT_DATE,     /* phrases that contain a date word but are none */
} DateWordKind;

typedef enum
{
  DATE_CALENDAR_GREGORIAN,
  DATE_CALENDAR_JALALI,
} DateCalendar;

typedef enum
{
  DATE_ERA_ANY,
  DATE_ERA_GREGORIAN,
  DATE_ERA_SOLAR,
  DATE_ERA_LUNAR,         /* Lunar Hijri: not a calendar Marz converts */
} DateEra;

/* How much context a month name needs before it counts as one. */
typedef enum
{
  DATE_NAME_STRONG,       /* also alone after a cue: «في أكتوبر» */
  DATE_NAME_WEAK,         /* a common word too: needs a day, a year or «ماه» */
  DATE_NAME_VERY_WEAK,    /* a frequent word: a bare day number is not enough */
} DateNameStrength;

typedef struct
{
  const char *phrase;     /* natural spelling; NULL for generated phrases */
  guint8      kind;       /* DateWordKind */
  gint8       value;
  guint8      calendar;   /* DateCalendar, for months */
  guint8      strength;   /* DateNameStrength, for months */
} DateWord;

/* A date expression as written, before it is resolved. */
typedef struct
{
  guint               next;             /* the first token after it */
  guint32             start, end;
  MarzDateMentionKind kind;
  DateCalendar        calendar;
  int                 year, month, day; /* in @calendar; 0 if not written */
  int                 weekday;
  int                 offset;           /* RELATIVE: days from the reference */
  int                 direction;        /* −1 «الماضي», +1 «المقبل»: strictly before or
                                         * after the reference, 0 if not written */
  gboolean            this_month;       /* RELATIVE: @day of the reference's month */
  gboolean            invalid;          /* «31 نوفمبر»: skipped, not reported */
} DateExpr;

/* The publication date, in both calendars. */
typedef struct
{
  int     year, month, day;
  guint32 julian;
  int     weekday;
  int     jy, jm;                       /* Solar Hijri year and month, 0 if out of range */
} DateReference;

void     _marz_date_names_add      (MarzLexicon         *arabic,
                                    MarzLexicon         *persian);
gboolean _marz_date_year_fits      (DateCalendar         calendar,
                                    int                  year);
gboolean _marz_date_era_fits       (DateCalendar         calendar,
                                    DateEra              era);
gboolean _marz_date_exists         (const DateExpr      *e);
gboolean _marz_date_reference_init (DateReference       *ref,
                                    const GDate         *date);
void     _marz_date_resolve        (const DateExpr      *e,
                                    const DateReference *ref,
                                    MarzDateMention     *out);

G_END_DECLS
