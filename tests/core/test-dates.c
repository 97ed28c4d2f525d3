#undef G_DISABLE_ASSERT

#include <glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "marz-dates.h"
#include "marz-normalize.h"
#include "marz-tokenizer.h"

#define DAY MARZ_DATE_PRECISION_DAY
#define MONTH MARZ_DATE_PRECISION_MONTH
#define YEAR MARZ_DATE_PRECISION_YEAR
#define UNKNOWN MARZ_DATE_PRECISION_UNKNOWN
#define ABSOLUTE MARZ_DATE_MENTION_ABSOLUTE
#define WEEKDAY MARZ_DATE_MENTION_WEEKDAY
#define RELATIVE MARZ_DATE_MENTION_RELATIVE
#define KYEAR MARZ_DATE_MENTION_YEAR

static MarzDateFinder *finder;

typedef struct
{
  MarzNormalized *n;
  GArray         *tokens;
  GArray         *mentions;
} Found;

static void
found_clear (Found *f)
{
  g_clear_pointer (&f->n, marz_normalized_free);
  g_clear_pointer (&f->tokens, g_array_unref);
  g_clear_pointer (&f->mentions, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Found, found_clear)

/* @reference: "YYYY-MM-DD" or NULL */
static void
scan (const char *text,
      const char *reference,
      Found      *f)
{
  GDate date;

  g_date_clear (&date, 1);
  if (reference != NULL)
    {
      int y, m, d;
      g_assert_cmpint (sscanf (reference, "%d-%d-%d", &y, &m, &d), ==, 3);
      g_date_set_dmy (&date, d, m, y);
    }
  f->n = marz_normalized_new (text, -1);
  f->tokens = marz_tokenize (f->n->text, f->n->len);
  f->mentions = marz_date_finder_scan (finder, f->n->text, f->tokens,
                                       reference != NULL ? &date : NULL);
}

static const MarzDateMention *
mention (Found *f,
         guint  i)
{
  g_assert_cmpuint (i, <, f->mentions->len);
  return &g_array_index (f->mentions, MarzDateMention, i);
}

/* The mention covers exactly @span, as normalized. */
static void
assert_span (Found                 *f,
             const MarzDateMention *m,
             const char            *span)
{
  g_autofree char *key = marz_normalize_key (span);
  g_autofree char *got = g_strndup (f->n->text + m->start, m->end - m->start);

  g_assert_cmpuint (m->start, <=, m->end);
  g_assert_cmpuint (m->end, <=, f->n->len);
  g_assert_cmpstr (got, ==, key);
}

static void
assert_date (const MarzDateMention *m,
             MarzDatePrecision      precision,
             int                    year,
             int                    month,
             int                    day)
{
  g_assert_cmpint (m->precision, ==, precision);
  g_assert_cmpint (m->year, ==, year);
  g_assert_cmpint (m->month, ==, month);
  g_assert_cmpint (m->day, ==, day);
}

typedef struct
{
  const char          *text;
  const char          *reference;
  const char          *span;
  MarzDateMentionKind  kind;
  MarzDatePrecision    precision;
  int                  year, month, day;
} Case;

static const Case cases[] = {
  /* Arabic, Egypt and the Gulf */
  { "غارات جوية باكستانية على كابول وأماكن أخرى في 9 أكتوبر استهدفت", "2025-10-30",
    "9 أكتوبر", ABSOLUTE, DAY, 2025, 10, 9 },
  { "وقع الهجوم في ٩ أكتوبر ٢٠٢٥ صباحاً", NULL, "٩ أكتوبر ٢٠٢٥", ABSOLUTE, DAY, 2025, 10, 9 },
  { "انتهت يوم 29 أكتوبر 2025 بالفشل", NULL, "يوم 29 أكتوبر 2025", ABSOLUTE, DAY, 2025, 10, 29 },
  { "الاشتباكات التي اندلعت في أكتوبر، وأدت", "2025-11-08", "أكتوبر",
    ABSOLUTE, MONTH, 2025, 10, 0 },
  { "خلال أكتوبر 2025", NULL, "أكتوبر 2025", ABSOLUTE, MONTH, 2025, 10, 0 },
  { "وفي اكتوبر الماضي قتل", "2025-11-08", "اكتوبر الماضي", ABSOLUTE, MONTH, 2025, 10, 0 },
  { "في أكتوبر الماضي", "2025-10-20", "أكتوبر الماضي", ABSOLUTE, MONTH, 2024, 10, 0 },
  { "أوائل نوفمبر المقبل", "2025-11-08", "نوفمبر المقبل", ABSOLUTE, MONTH, 2026, 11, 0 },
  { "في ديسمبر المقبل", "2025-11-08", "ديسمبر المقبل", ABSOLUTE, MONTH, 2025, 12, 0 },
  { "آبان گذشته", "2025-11-08", "آبان گذشته", ABSOLUTE, MONTH, 2024, 11, 0 },
  { "مهرماه آینده", "2025-11-08", "مهرماه آینده", ABSOLUTE, MONTH, 2026, 10, 0 },
  { "الجولة الثانية يوم الأربعاء 29 أكتوبر", "2025-11-08", "يوم الأربعاء 29 أكتوبر",
    ABSOLUTE, DAY, 2025, 10, 29 },
  { "قال الأربعاء، 29 أكتوبر، إن", "2025-11-08", "الأربعاء، 29 أكتوبر",
    ABSOLUTE, DAY, 2025, 10, 29 },
  { "الأربعاء الموافق 29 أكتوبر", "2025-11-08", "الأربعاء الموافق 29 أكتوبر",
    ABSOLUTE, DAY, 2025, 10, 29 },
  { "تستأنف المحادثات في 5 نوفمبر", "2025-10-30", "5 نوفمبر", ABSOLUTE, DAY, 2025, 11, 5 },
  { "في 15 ديسمبر", "2025-10-30", "15 ديسمبر", ABSOLUTE, DAY, 2024, 12, 15 },
  { "اتفقا على اللقاء في 3 يناير", "2025-12-20", "3 يناير", ABSOLUTE, DAY, 2026, 1, 3 },
  { "في 3 يوليه 2025", NULL, "3 يوليه 2025", ABSOLUTE, DAY, 2025, 7, 3 },
  { "منذ 12 يونيه", "2025-11-08", "12 يونيه", ABSOLUTE, DAY, 2025, 6, 12 },
  { "5 مارس 2025م", NULL, "5 مارس 2025م", ABSOLUTE, DAY, 2025, 3, 5 },
  { "في التاسع من أكتوبر", "2025-10-30", "التاسع من أكتوبر", ABSOLUTE, DAY, 2025, 10, 9 },
  { "من 15 إلى 16 أكتوبر", "2025-10-30", "15 إلى 16 أكتوبر", ABSOLUTE, DAY, 2025, 10, 15 },
  { "يومي 15 و16 أكتوبر", "2025-10-30", "15 و16 أكتوبر", ABSOLUTE, DAY, 2025, 10, 15 },
  /* Levant and Iraq */
  { "في 9 تشرين الأول", "2025-10-30", "9 تشرين الأول", ABSOLUTE, DAY, 2025, 10, 9 },
  { "خلال تشرين الأول/أكتوبر 2025", NULL, "تشرين الأول/أكتوبر 2025", ABSOLUTE, MONTH, 2025, 10, 0 },
  { "في 9 تشرين الأول (أكتوبر) الجاري", "2025-10-30", "9 تشرين الأول (أكتوبر",
    ABSOLUTE, DAY, 2025, 10, 9 },
  { "خلال مارس/آذار", "2025-11-08", "مارس/آذار", ABSOLUTE, MONTH, 2025, 3, 0 },
  { "في 12 آب 2025", NULL, "12 آب 2025", ABSOLUTE, DAY, 2025, 8, 12 },
  { "خلال شهر آب", "2025-11-08", "شهر آب", ABSOLUTE, MONTH, 2025, 8, 0 },
  { "في 2 كانون الثاني", "2025-11-08", "2 كانون الثاني", ABSOLUTE, DAY, 2025, 1, 2 },
  { "في 2 شباط 2025", NULL, "2 شباط 2025", ABSOLUTE, DAY, 2025, 2, 2 },
  /* Maghreb */
  { "في 9 نونبر 2025", NULL, "9 نونبر 2025", ABSOLUTE, DAY, 2025, 11, 9 },
  { "يوم 9 جويلية 2025", NULL, "يوم 9 جويلية 2025", ABSOLUTE, DAY, 2025, 7, 9 },
  { "في 2 غشت", "2025-10-01", "2 غشت", ABSOLUTE, DAY, 2025, 8, 2 },
  { "في جانفي 2024", NULL, "جانفي 2024", ABSOLUTE, MONTH, 2024, 1, 0 },
  { "في 20 دجنبر 2024", NULL, "20 دجنبر 2024", ABSOLUTE, DAY, 2024, 12, 20 },
  /* Persian, Iranian and Dari spellings */
  { "حملات هوایی که بتاریخ ۲۴ نوامبر انجام شد", "2025-11-27", "بتاریخ ۲۴ نوامبر",
    ABSOLUTE, DAY, 2025, 11, 24 },
  { "رئیس جمهور ۲۴ نوامبر گفت", "2025-11-27", "۲۴ نوامبر", ABSOLUTE, DAY, 2025, 11, 24 },
  { "آگاه امور سیاسی، چهارشنبه ۲۶ نوامبر به رادیو آزادی گفت", "2025-11-27",
    "چهارشنبه ۲۶ نوامبر", ABSOLUTE, DAY, 2025, 11, 26 },
  { "آتش‌بس در ۱۹ اکتوبر توافق شده بود", "2025-11-27", "۱۹ اکتوبر", ABSOLUTE, DAY, 2025, 10, 19 },
  { "آتشبسی که در ۱۹ اکتبر در قطر", "2025-11-27", "۱۹ اکتبر", ABSOLUTE, DAY, 2025, 10, 19 },
  { "در اکتبر ۲۰۲۵", NULL, "اکتبر ۲۰۲۵", ABSOLUTE, MONTH, 2025, 10, 0 },
  { "در نوامبر", "2025-11-27", "نوامبر", ABSOLUTE, MONTH, 2025, 11, 0 },
  { "در ماه مه", "2025-11-27", "ماه مه", ABSOLUTE, MONTH, 2025, 5, 0 },
  { "روز ۱۰ می ۲۰۲۵", NULL, "روز ۱۰ می ۲۰۲۵", ABSOLUTE, DAY, 2025, 5, 10 },
  { "روز ۱۰ می در کابل", "2025-06-01", "روز ۱۰ می", ABSOLUTE, DAY, 2025, 5, 10 },
  { "۵ جنوری ۲۰۲۵", NULL, "۵ جنوری ۲۰۲۵", ABSOLUTE, DAY, 2025, 1, 5 },
  { "۲۶ نوامبر ۲۰۲۵ میلادی", NULL, "۲۶ نوامبر ۲۰۲۵ میلادی", ABSOLUTE, DAY, 2025, 11, 26 },
  { "۲۱ ژوئن ۲۰۲۵", NULL, "۲۱ ژوئن ۲۰۲۵", ABSOLUTE, DAY, 2025, 6, 21 },
  { "از ۱ ژوئیه", "2025-11-08", "۱ ژوئیه", ABSOLUTE, DAY, 2025, 7, 1 },
  { "در آوریل ۲۰۲۴", NULL, "آوریل ۲۰۲۴", ABSOLUTE, MONTH, 2024, 4, 0 },
  { "۱۵ اگست", "2025-11-08", "۱۵ اگست", ABSOLUTE, DAY, 2025, 8, 15 },
  { "29 فبراير", "2025-11-08", "29 فبراير", ABSOLUTE, DAY, 2024, 2, 29 },
  { "في 1 أيلول", "2025-11-08", "1 أيلول", ABSOLUTE, DAY, 2025, 9, 1 },
  { "في 2 أفريل 2025", NULL, "2 أفريل 2025", ABSOLUTE, DAY, 2025, 4, 2 },
  /* Solar Hijri */
  { "ذبیحالله مجاهد، سخنگوی اصلی طالبان، روز شنبه ۱۷ آبان شکست", "2025-11-08",
    "روز شنبه ۱۷ آبان", ABSOLUTE, DAY, 2025, 11, 8 },
  { "۱۷ آبان ۱۴۰۴", NULL, "۱۷ آبان ۱۴۰۴", ABSOLUTE, DAY, 2025, 11, 8 },
  { "۱۷ آبان‌ماه ۱۴۰۴ هجری شمسی", NULL, "۱۷ آبان‌ماه ۱۴۰۴ هجری شمسی", ABSOLUTE, DAY, 2025, 11, 8 },
  { "هفدهم آبان ماه", "2025-11-08", "هفدهم آبان ماه", ABSOLUTE, DAY, 2025, 11, 8 },
  { "پس از درگیریهای خونین مهرماه میان پاکستان", "2025-11-08", "مهرماه",
    ABSOLUTE, MONTH, 2025, 10, 0 },
  { "درگیری‌های مهر ماه", "2025-11-08", "مهر ماه", ABSOLUTE, MONTH, 2025, 10, 0 },
  { "در ماه مهر", "2025-11-08", "ماه مهر", ABSOLUTE, MONTH, 2025, 10, 0 },
  { "در آبان", "2025-11-08", "آبان", ABSOLUTE, MONTH, 2025, 11, 0 },
  { "دی ماه", "2025-11-08", "دی ماه", ABSOLUTE, MONTH, 2025, 1, 0 },
  { "اسفند ۱۴۰۳", NULL, "اسفند ۱۴۰۳", ABSOLUTE, MONTH, 2025, 3, 0 },
  { "آخرین دور مذاکرات در روزهای ۱۵ و ۱۶ آبان برگزار شد", "2025-11-08",
    "روزهای ۱۵ و ۱۶ آبان", ABSOLUTE, DAY, 2025, 11, 6 },
  { "روزهای ۱۵ و ۱۶ آبان ۱۴۰۴", NULL, "روزهای ۱۵ و ۱۶ آبان ۱۴۰۴", ABSOLUTE, DAY, 2025, 11, 6 },
  { "۱۵ تا ۱۷ آبان", "2025-11-08", "۱۵ تا ۱۷ آبان", ABSOLUTE, DAY, 2025, 11, 6 },
  { "۳۰ اسفند ۱۴۰۳", NULL, "۳۰ اسفند ۱۴۰۳", ABSOLUTE, DAY, 2025, 3, 20 },
  { "۱۰ دی", "2025-12-25", "۱۰ دی", ABSOLUTE, DAY, 2025, 12, 31 },
  { "۱۰ دی", "2025-11-08", "۱۰ دی", ABSOLUTE, DAY, 2024, 12, 30 },
  { "۳۰ اسفند", "2025-11-08", "۳۰ اسفند", ABSOLUTE, DAY, 2025, 3, 20 },
  { "۵ چنگاښ ۱۴۰۴", NULL, "۵ چنگاښ ۱۴۰۴", ABSOLUTE, DAY, 2025, 6, 26 },
  { "۱ لیندۍ ۱۴۰۴", NULL, "۱ لیندۍ ۱۴۰۴", ABSOLUTE, DAY, 2025, 11, 22 },
  { "اول مهر", "2025-11-08", "اول مهر", ABSOLUTE, DAY, 2025, 9, 23 },
  { "۱۵ میزان", "2025-11-08", "۱۵ میزان", ABSOLUTE, DAY, 2025, 10, 7 },
  { "۲۵ عقرب ۱۴۰۴", NULL, "۲۵ عقرب ۱۴۰۴", ABSOLUTE, DAY, 2025, 11, 16 },
  { "در ماه حمل", "2025-11-08", "ماه حمل", ABSOLUTE, MONTH, 2025, 4, 0 },
  { "۱۰ لړم ۱۴۰۴", NULL, "۱۰ لړم ۱۴۰۴", ABSOLUTE, DAY, 2025, 11, 1 },
  { "روز ۱۰ تیر", "2025-11-08", "روز ۱۰ تیر", ABSOLUTE, DAY, 2025, 7, 1 },
  /* Numeric */
  { "در تاریخ ۱۴۰۴/۰۸/۱۷ اعلام شد", NULL, "تاریخ ۱۴۰۴/۰۸/۱۷", ABSOLUTE, DAY, 2025, 11, 8 },
  { "۱۴۰۴/۰۸/۱۷", NULL, "۱۴۰۴/۰۸/۱۷", ABSOLUTE, DAY, 2025, 11, 8 },
  { "1404-08-17", NULL, "1404-08-17", ABSOLUTE, DAY, 2025, 11, 8 },
  { "17/8/1404", NULL, "17/8/1404", ABSOLUTE, DAY, 2025, 11, 8 },
  { "۱۴۰۴/۰۸/۱۷ هـ.ش", NULL, "۱۴۰۴/۰۸/۱۷ هـ.ش", ABSOLUTE, DAY, 2025, 11, 8 },
  { "2025/11/08", NULL, "2025/11/08", ABSOLUTE, DAY, 2025, 11, 8 },
  { "بتاريخ 2025-11-08", NULL, "بتاريخ 2025-11-08", ABSOLUTE, DAY, 2025, 11, 8 },
  { "08/11/2025", NULL, "08/11/2025", ABSOLUTE, DAY, 2025, 11, 8 },
  /* Weekdays alone */
  { "درگیری مسلحانهٔ روز جمعه میان نیروهای طالبان", "2025-11-08", "روز جمعه",
    WEEKDAY, DAY, 2025, 11, 7 },
  { "طرفین روز پنجشنبه گذشته در استانبول دیدار کردند", "2025-11-09", "روز پنجشنبه گذشته",
    WEEKDAY, DAY, 2025, 11, 6 },
  { "روز شنبه اعلام کرد", "2025-11-08", "روز شنبه", WEEKDAY, DAY, 2025, 11, 8 },
  { "شنبه گذشته", "2025-11-08", "شنبه گذشته", WEEKDAY, DAY, 2025, 11, 1 },
  { "سه‌شنبه", "2025-11-08", "سه‌شنبه", WEEKDAY, DAY, 2025, 11, 4 },
  { "روز سه شنبه", "2025-11-08", "روز سه شنبه", WEEKDAY, DAY, 2025, 11, 4 },
  { "سهشنبه", "2025-11-08", "سهشنبه", WEEKDAY, DAY, 2025, 11, 4 },
  { "یکشنبه", "2025-11-08", "یکشنبه", WEEKDAY, DAY, 2025, 11, 2 },
  { "پنج‌شنبه", "2025-11-08", "پنج‌شنبه", WEEKDAY, DAY, 2025, 11, 6 },
  { "وزير الإعلام عطا الله ترار الأربعاء، في ما", "2025-10-30", "الأربعاء",
    WEEKDAY, DAY, 2025, 10, 29 },
  { "وقال الخميس إن", "2025-11-09", "الخميس", WEEKDAY, DAY, 2025, 11, 6 },
  { "الخميس الماضي", "2025-11-06", "الخميس الماضي", WEEKDAY, DAY, 2025, 10, 30 },
  { "الخميس المقبل", "2025-11-06", "الخميس المقبل", WEEKDAY, DAY, 2025, 11, 13 },
  { "السبت القادم", "2025-11-06", "السبت القادم", WEEKDAY, DAY, 2025, 11, 8 },
  { "يوم الأحد", "2025-11-09", "يوم الأحد", WEEKDAY, DAY, 2025, 11, 9 },
  { "والاثنين", "2025-11-09", "والاثنين", WEEKDAY, DAY, 2025, 11, 3 },
  { "ليلة الأربعاء", "2025-11-08", "ليلة الأربعاء", WEEKDAY, DAY, 2025, 11, 5 },
  { "شب چهارشنبه", "2025-11-08", "شب چهارشنبه", WEEKDAY, DAY, 2025, 11, 5 },
  { "صباح يوم الثلاثاء", "2025-11-08", "صباح يوم الثلاثاء", WEEKDAY, DAY, 2025, 11, 4 },
  { "الأربعاء 31 نوفمبر", "2025-11-08", "الأربعاء", WEEKDAY, DAY, 2025, 11, 5 },
  /* Relative */
  { "قال أمس إن", "2025-11-08", "أمس", RELATIVE, DAY, 2025, 11, 7 },
  { "بالأمس", "2025-11-08", "بالأمس", RELATIVE, DAY, 2025, 11, 7 },
  { "يوم أمس", "2025-11-08", "يوم أمس", RELATIVE, DAY, 2025, 11, 7 },
  { "البارحة", "2025-11-08", "البارحة", RELATIVE, DAY, 2025, 11, 7 },
  { "أول أمس", "2025-11-08", "أول أمس", RELATIVE, DAY, 2025, 11, 6 },
  { "أول من أمس", "2025-11-08", "أول من أمس", RELATIVE, DAY, 2025, 11, 6 },
  { "اليوم", "2025-11-08", "اليوم", RELATIVE, DAY, 2025, 11, 8 },
  { "ليلة أمس", "2025-11-08", "ليلة أمس", RELATIVE, DAY, 2025, 11, 7 },
  { "الليلة الماضية", "2025-11-08", "الليلة الماضية", RELATIVE, DAY, 2025, 11, 7 },
  { "دیروز", "2025-11-08", "دیروز", RELATIVE, DAY, 2025, 11, 7 },
  { "مجاهد روز گذشته اعلام کرد", "2025-11-09", "روز گذشته", RELATIVE, DAY, 2025, 11, 8 },
  { "پریروز", "2025-11-08", "پریروز", RELATIVE, DAY, 2025, 11, 6 },
  { "امروز", "2025-11-08", "امروز", RELATIVE, DAY, 2025, 11, 8 },
  { "دیشب", "2025-11-08", "دیشب", RELATIVE, DAY, 2025, 11, 7 },
  { "شب گذشته", "2025-11-08", "شب گذشته", RELATIVE, DAY, 2025, 11, 7 },
  { "وقع في التاسع من الشهر الجاري", "2025-11-27", "التاسع من الشهر الجاري",
    RELATIVE, DAY, 2025, 11, 9 },
  { "الحادي والعشرين من الشهر الحالي", "2025-11-27", "الحادي والعشرين من الشهر الحالي",
    RELATIVE, DAY, 2025, 11, 21 },
  { "نهم این ماه", "2025-11-27", "نهم این ماه", RELATIVE, DAY, 2025, 11, 9 },
  { "نهم ماه جاری", "2025-11-27", "نهم ماه جاری", RELATIVE, DAY, 2025, 11, 9 },
  { "بیست و یکم ماه جاری", "2025-11-27", "بیست و یکم ماه جاری", RELATIVE, DAY, 2025, 11, 21 },
  { "۹ ماه روان", "2025-11-27", "۹ ماه روان", RELATIVE, DAY, 2025, 11, 9 },
  /* Years */
  { "منذ عودة طالبان للسلطة في 2021.", NULL, "2021", KYEAR, YEAR, 2021, 0, 0 },
  { "على كابول عام 2021، وأعادت", NULL, "عام 2021", KYEAR, YEAR, 2021, 0, 0 },
  { "في العام 2021", NULL, "العام 2021", KYEAR, YEAR, 2021, 0, 0 },
  { "سال ۲۰۲۱", NULL, "سال ۲۰۲۱", KYEAR, YEAR, 2021, 0, 0 },
  { "بازگشت طالبان به قدرت در کابل در تابستان ۲۰۲۱ بود", NULL, "۲۰۲۱",
    KYEAR, YEAR, 2021, 0, 0 },
  { "در سال ۱۴۰۰ خورشیدی", NULL, "سال ۱۴۰۰ خورشیدی", KYEAR, YEAR, 2021, 0, 0 },
  { "عام 2021م", NULL, "عام 2021م", KYEAR, YEAR, 2021, 0, 0 },
};

static void
test_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_auto(Found) f = { 0 };
      const MarzDateMention *m;

      g_test_message ("%s [%s]", c->text, c->reference ? c->reference : "no reference");
      scan (c->text, c->reference, &f);
      g_assert_cmpuint (f.mentions->len, ==, 1);
      m = mention (&f, 0);
      assert_span (&f, m, c->span);
      g_assert_cmpint (m->kind, ==, c->kind);
      assert_date (m, c->precision, c->year, c->month, c->day);
    }
}

/* Text where no date must be found. */
static const char * const not_dates[] = {
  "مرزی به طول ۲۶۰۰ کیلومتر",
  "على طول الحدود الممتدة لمسافة 2600 كيلومتر",
  "مقتل 50 مدنياً أفغانياً على الأقل و447 جريحاً",
  "قتل 2000 شخصاً",
  "اعزام ۱۹۵۰ نفر",
  "اعزام ۱۴۰۴ نفر",
  "سال ۱۴۰۰ نفر",
  "بلغ 1,950 دولار و3.2021",
  "آب",
  "آب آشامیدنی",
  "به میزان زیادی",
  "با مهر و امضا",
  "سرطان ریه",
  "شیر و اسد",
  "تیر خورد",
  "۱۰ تیر شلیک شد",
  "مه غلیظ",
  "پیش می برد",
  "تعداد به ۳۰ می رسد",
  "مارس الضغط",
  "ارتفع إلى 20 لدى الجانب",
  "اشتباكات أكتوبر",
  "في آب",
  "در میزان",
  "اليوم التالي",
  "بعد يوم واحد",
  "روزهای گذشته",
  "31 نوفمبر",
  "۳۱ اسفند ۱۴۰۳",
  "۳۰ اسفند ۱۴۰۴",
  "29 فبراير 2025",
  "2025/13/01",
  "1404/08/32",
  "1447/05/07 هـ",
  "في شهر مهر",
  "مهر آینده",
  "",
};

static void
test_not_dates (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (not_dates); i++)
    {
      g_auto(Found) f = { 0 };

      g_test_message ("%s", not_dates[i]);
      scan (not_dates[i], "2025-11-08", &f);
      g_assert_cmpuint (f.mentions->len, ==, 0);
    }
}

/* The corpus sentence without a publication date: the caller resolves the
 * year from the weekday. */
static void
test_no_reference (void)
{
  g_auto(Found) f = { 0 };
  const MarzDateMention *m;

  scan ("وانتهت جولة المحادثات الثانية يوم الأربعاء 29 أكتوبر بالفشل", NULL, &f);
  g_assert_cmpuint (f.mentions->len, ==, 1);
  m = mention (&f, 0);
  assert_span (&f, m, "يوم الأربعاء 29 أكتوبر");
  g_assert_cmpint (m->kind, ==, ABSOLUTE);
  assert_date (m, UNKNOWN, 0, 0, 0);
  g_assert_cmpint (m->written_year, ==, 0);
  g_assert_cmpint (m->written_month, ==, 10);
  g_assert_cmpint (m->written_day, ==, 29);
  g_assert_cmpint (m->weekday, ==, G_DATE_WEDNESDAY);
  g_assert_false (m->solar_hijri);
  g_assert_cmpint (marz_date_resolve_year (10, 29, 3, 2021, 2026), ==, 2025);
  g_assert_cmpint (marz_date_resolve_year (10, 29, 3, 1900, 2100), ==, 0);
  g_assert_cmpint (marz_date_resolve_year (2, 30, 3, 2000, 2030), ==, 0);
  g_assert_cmpint (marz_date_resolve_year (10, 29, 0, 2021, 2026), ==, 0);
}

static void
test_no_reference_jalali (void)
{
  g_auto(Found) f = { 0 };
  const MarzDateMention *m;

  scan ("روز شنبه ۱۷ آبان", NULL, &f);
  g_assert_cmpuint (f.mentions->len, ==, 1);
  m = mention (&f, 0);
  assert_date (m, UNKNOWN, 0, 0, 0);
  g_assert_true (m->solar_hijri);
  g_assert_cmpint (m->weekday, ==, G_DATE_SATURDAY);
  g_assert_cmpint (m->jalali_year, ==, 0);
  g_assert_cmpint (m->jalali_month, ==, 8);
  g_assert_cmpint (m->jalali_day, ==, 17);
  g_assert_cmpint (m->written_month, ==, 0);
  g_assert_cmpint (marz_date_resolve_jalali_year (8, 17, 6, 1400, 1405), ==, 1404);
}

static void
test_written_jalali (void)
{
  g_auto(Found) f = { 0 };
  const MarzDateMention *m;

  /* With its year, a Solar Hijri date converts as written. */
  scan ("۱۷ آبان ۱۴۰۴ و سال ۱۴۰۰ و مهرماه", NULL, &f);
  g_assert_cmpuint (f.mentions->len, ==, 3);
  m = mention (&f, 0);
  g_assert_true (m->solar_hijri);
  g_assert_cmpint (m->written_year, ==, 2025);
  g_assert_cmpint (m->written_month, ==, 11);
  g_assert_cmpint (m->written_day, ==, 8);
  g_assert_cmpint (m->jalali_year, ==, 1404);

  m = mention (&f, 1);
  g_assert_cmpint (m->kind, ==, KYEAR);
  g_assert_true (m->solar_hijri);
  g_assert_cmpint (m->written_year, ==, 2021);
  g_assert_cmpint (m->jalali_year, ==, 1400);

  /* A month alone: its Gregorian month is known, its year is not. */
  m = mention (&f, 2);
  assert_date (m, UNKNOWN, 0, 0, 0);
  g_assert_cmpint (m->written_month, ==, 10);
  g_assert_cmpint (m->jalali_month, ==, 7);
}

/* Without a reference there is nothing to resolve against. */
static void
test_written_unresolved (void)
{
  g_auto(Found) f = { 0 };
  g_autoptr(GArray) cleared = NULL;
  const MarzDateMention *m;
  GDate invalid;

  scan ("في أكتوبر و چهارشنبه و أمس و نهم این ماه", NULL, &f);
  g_assert_cmpuint (f.mentions->len, ==, 4);
  m = mention (&f, 0);
  assert_date (m, UNKNOWN, 0, 0, 0);
  g_assert_cmpint (m->written_month, ==, 10);
  m = mention (&f, 1);
  g_assert_cmpint (m->kind, ==, WEEKDAY);
  g_assert_cmpint (m->weekday, ==, G_DATE_WEDNESDAY);
  assert_date (m, UNKNOWN, 0, 0, 0);
  m = mention (&f, 2);
  g_assert_cmpint (m->kind, ==, RELATIVE);
  assert_date (m, UNKNOWN, 0, 0, 0);
  m = mention (&f, 3);
  g_assert_cmpint (m->kind, ==, RELATIVE);
  g_assert_cmpint (m->written_day, ==, 9);
  assert_date (m, UNKNOWN, 0, 0, 0);

  /* An invalid reference counts as none. */
  g_date_clear (&invalid, 1);
  cleared = marz_date_finder_scan (finder, f.n->text, f.tokens, &invalid);
  g_assert_cmpuint (cleared->len, ==, 4);
  g_assert_cmpint (g_array_index (cleared, MarzDateMention, 2).precision, ==, UNKNOWN);
}

/* A corpus paragraph end to end: order, spans, no overlaps. */
static void
test_corpus_paragraph (void)
{
  const char *text =
    "ذبیحالله مجاهد، سخنگوی اصلی طالبان، روز شنبه ۱۷ آبان شکست این مذاکرات را نسبت داد.\n"
    "پس از درگیریهای خونین مهرماه میان پاکستان و طالبان، که در آن دستکم ۵۰ غیرنظامی "
    "افغان کشته و حدود ۴۵۰ نفر زخمی شدند.\n"
    "آخرین دور مذاکرات در روزهای ۱۵ و ۱۶ آبان برگزار شد.\n"
    "خشونتها پس از انفجارهای ۹ اکتبر در کابل آغاز شد؛\n"
    "دو طرف که کشورهایشان مرزی به طول ۲۶۰۰ کیلومتر دارند.";
  static const char * const spans[] = {
    "روز شنبه ۱۷ آبان", "مهرماه", "روزهای ۱۵ و ۱۶ آبان", "۹ اکتبر"
  };
  g_auto(Found) f = { 0 };

  scan (text, "2025-11-08", &f);
  g_assert_cmpuint (f.mentions->len, ==, G_N_ELEMENTS (spans));
  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    assert_span (&f, mention (&f, i), spans[i]);
  assert_date (mention (&f, 0), DAY, 2025, 11, 8);
  assert_date (mention (&f, 1), MONTH, 2025, 10, 0);
  assert_date (mention (&f, 2), DAY, 2025, 11, 6);
  assert_date (mention (&f, 3), DAY, 2025, 10, 9);
}

static void
assert_well_formed (Found *f)
{
  guint32 last_end = 0;

  for (guint i = 0; i < f->mentions->len; i++)
    {
      const MarzDateMention *m = mention (f, i);

      g_assert_cmpuint (m->start, >=, last_end);
      g_assert_cmpuint (m->start, <, m->end);
      g_assert_cmpuint (m->end, <=, f->n->len);
      g_assert_cmpint (m->month, >=, 0);
      g_assert_cmpint (m->month, <=, 12);
      g_assert_cmpint (m->day, >=, 0);
      g_assert_cmpint (m->day, <=, 31);
      if (m->precision == DAY)
        g_assert_true (g_date_valid_dmy (m->day, m->month, m->year));
      last_end = m->end;
    }
}

static void
scan_garbage (const char *text)
{
  g_auto(Found) with = { 0 };
  g_auto(Found) without = { 0 };

  scan (text, "2025-11-08", &with);
  assert_well_formed (&with);
  scan (text, NULL, &without);
  assert_well_formed (&without);
}

static char *
random_text (GRand *rand,
             guint  length)
{
  g_autofree char *bytes = g_malloc (length + 1);

  for (guint i = 0; i < length; i++)
    bytes[i] = g_rand_int_range (rand, 1, 256);
  bytes[length] = '\0';
  return g_utf8_make_valid (bytes, length);
}

/* Pieces of dates in random order, to walk every branch of the grammar. */
static char *
random_pieces (GRand *rand,
               guint  count)
{
  static const char * const pieces[] = {
    "۱۷", "29", "1404", "2025", "۲۰۲۱", "31", "0", "99999", "/", "-", ".", "،", "(", ")",
    " ", " ", " ", "\n", "آبان", "أكتوبر", "تشرين الأول", "مهر", "ماه", "شهر", "می",
    "روز", "يوم", "شنبه", "الأربعاء", "گذشته", "الماضي", "و", "تا", "من", "التاسع",
    "نهم", "این ماه", "الشهر الجاري", "سال", "عام", "هـ.ش", "م", "هـ", "کیلومتر",
    "في", "در", "أمس", "ليلة", "الموافق", "بیست و", "اسفند", "30", "12",
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < count; i++)
    g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  return g_string_free (text, FALSE);
}

static void
test_garbage (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20251108);
  g_autoptr(GString) digits = g_string_new (NULL);

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *bytes = random_text (rand, g_rand_int_range (rand, 0, 400));
      g_autofree char *pieces = random_pieces (rand, g_rand_int_range (rand, 0, 60));

      scan_garbage (bytes);
      scan_garbage (pieces);
    }

  for (guint i = 0; i < 5000; i++)
    g_string_append_c (digits, '0' + i % 10);
  scan_garbage (digits->str);
  g_string_truncate (digits, 0);
  for (guint i = 0; i < 2000; i++)
    g_string_append (digits, i % 2 ? "/" : "۱۴۰۴");
  scan_garbage (digits->str);
  scan_garbage ("۱۷ ۱۷ ۱۷ ۱۷ و و و آبان آبان ۱۴۰۴ ۱۴۰۴ هـ هـ");
  scan_garbage ("99999999999999999999999 أكتوبر 99999999999999999999");
}

static gpointer
scan_in_thread (gpointer data)
{
  for (guint i = 0; i < 50; i++)
    {
      g_auto(Found) f = { 0 };

      scan ("روز شنبه ۱۷ آبان و يوم الأربعاء 29 أكتوبر", "2025-11-08", &f);
      g_assert_cmpuint (f.mentions->len, ==, 2);
    }
  return NULL;
}

static void
test_threads (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("scan", scan_in_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  finder = marz_date_finder_new ();

  g_test_add_func ("/dates/cases", test_cases);
  g_test_add_func ("/dates/not-dates", test_not_dates);
  g_test_add_func ("/dates/no-reference", test_no_reference);
  g_test_add_func ("/dates/no-reference-jalali", test_no_reference_jalali);
  g_test_add_func ("/dates/written-jalali", test_written_jalali);
  g_test_add_func ("/dates/written-unresolved", test_written_unresolved);
  g_test_add_func ("/dates/corpus-paragraph", test_corpus_paragraph);
  g_test_add_func ("/dates/garbage", test_garbage);
  g_test_add_func ("/dates/threads", test_threads);

  status = g_test_run ();
  g_clear_pointer (&finder, marz_date_finder_unref);
  return status;
}
