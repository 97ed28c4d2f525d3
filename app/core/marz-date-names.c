/* marz-date-names.c: month names, weekdays and the small words around dates
 *
 * Everything is written in its natural spelling; the lexicon normalizes it.
 * Arabic words go to a lexicon that strips Arabic proclitics («بالأمس»),
 * Persian, Dari and Pashto words to one that strips Persian suffixes
 * («روزهای»).  Keeping them apart matters: with Arabic clitics, the Arabic
 * «لدى» would read as «ل» + the Persian month «دی».
 *
 * Month strength (see DateNameStrength) was decided name by name:
 * - weak, needing a day, a year or «ماه»: مهر (seal, love), دی, آذر and
 *   بهمن (given names; بهمن is also an avalanche), مه (fog), مارس (Arabic
 *   «he practised»), آب (Persian «water»), ماي, جوان (a name), أوت/اوت
 *   (Persian «out»), جون, مارچ («لانگ مارچ», a protest march), every Dari
 *   zodiac name (میزان amount, سرطان cancer, حمل carrying, اسد lion, جدی
 *   serious, دلو bucket, قوس arc, عقرب scorpion, ثور bull, جوزا, سنبله ear of
 *   wheat, حوت whale) and the Pashto zodiac animals (وری lamb, غویی ox, زمری
 *   lion, وږی hungry, تله scales and Persian «trap», لړم scorpion, کب fish);
 * - very weak, where a bare number before is not enough either: می (the
 *   Persian verb prefix, written apart: «به ۳۰ می رسد») and تیر (shots:
 *   «۱۰ تیر شلیک شد»);
 * - strong, which may also stand alone after «في», «در», «خلال»: the rest,
 *   including آبان, اسفند, نيسان and تموز, which news text hardly uses
 *   otherwise.  «كانون» alone is a hearth: only the two-word names count.
 */
#define G_LOG_DOMAIN "marz-dates"

#include "marz-dates-private.h"

#define GREG DATE_CALENDAR_GREGORIAN
#define JAL DATE_CALENDAR_JALALI
#define STRONG DATE_NAME_STRONG
#define WEAK DATE_NAME_WEAK
#define VERY_WEAK DATE_NAME_VERY_WEAK
#define MONTH(p, m, cal, strength) { p, DATE_WORD_MONTH, m, cal, strength }
#define WORD(p, kind, value) { p, DATE_WORD_ ## kind, value, 0, 0 }

static const DateWord arabic_months[] = {
  /* Egypt and the Gulf */
  MONTH ("يناير", 1, GREG, STRONG), MONTH ("فبراير", 2, GREG, STRONG),
  MONTH ("مارس", 3, GREG, WEAK), MONTH ("أبريل", 4, GREG, STRONG),
  MONTH ("إبريل", 4, GREG, STRONG), MONTH ("مايو", 5, GREG, STRONG),
  MONTH ("يونيو", 6, GREG, STRONG), MONTH ("يونيه", 6, GREG, STRONG),
  MONTH ("يوليو", 7, GREG, STRONG), MONTH ("يوليه", 7, GREG, STRONG),
  MONTH ("أغسطس", 8, GREG, STRONG), MONTH ("سبتمبر", 9, GREG, STRONG),
  MONTH ("أكتوبر", 10, GREG, STRONG), MONTH ("نوفمبر", 11, GREG, STRONG),
  MONTH ("ديسمبر", 12, GREG, STRONG),
  /* The Levant and Iraq */
  MONTH ("كانون الثاني", 1, GREG, STRONG), MONTH ("شباط", 2, GREG, STRONG),
  MONTH ("آذار", 3, GREG, STRONG), MONTH ("نيسان", 4, GREG, STRONG),
  MONTH ("أيار", 5, GREG, STRONG), MONTH ("حزيران", 6, GREG, STRONG),
  MONTH ("تموز", 7, GREG, STRONG), MONTH ("آب", 8, GREG, WEAK),
  MONTH ("أيلول", 9, GREG, STRONG), MONTH ("تشرين الأول", 10, GREG, STRONG),
  MONTH ("تشرين الثاني", 11, GREG, STRONG), MONTH ("كانون الأول", 12, GREG, STRONG),
  /* The Maghreb */
  MONTH ("ماي", 5, GREG, WEAK), MONTH ("يوليوز", 7, GREG, STRONG),
  MONTH ("غشت", 8, GREG, STRONG), MONTH ("شتنبر", 9, GREG, STRONG),
  MONTH ("نونبر", 11, GREG, STRONG), MONTH ("دجنبر", 12, GREG, STRONG),
  MONTH ("جانفي", 1, GREG, STRONG), MONTH ("فيفري", 2, GREG, STRONG),
  MONTH ("أفريل", 4, GREG, STRONG), MONTH ("جوان", 6, GREG, WEAK),
  MONTH ("جويلية", 7, GREG, STRONG), MONTH ("أوت", 8, GREG, WEAK),
};

static const DateWord persian_months[] = {
  /* Gregorian, Iranian spelling */
  MONTH ("ژانویه", 1, GREG, STRONG), MONTH ("فوریه", 2, GREG, STRONG),
  MONTH ("مارس", 3, GREG, WEAK), MONTH ("آوریل", 4, GREG, STRONG),
  MONTH ("مه", 5, GREG, WEAK), MONTH ("ژوئن", 6, GREG, STRONG),
  MONTH ("ژوئیه", 7, GREG, STRONG), MONTH ("اوت", 8, GREG, WEAK),
  MONTH ("آگوست", 8, GREG, STRONG), MONTH ("سپتامبر", 9, GREG, STRONG),
  MONTH ("اکتبر", 10, GREG, STRONG), MONTH ("نوامبر", 11, GREG, STRONG),
  MONTH ("دسامبر", 12, GREG, STRONG),
  /* Gregorian, Dari and Pashto spelling */
  MONTH ("جنوری", 1, GREG, STRONG), MONTH ("فبروری", 2, GREG, STRONG),
  MONTH ("فیبروری", 2, GREG, STRONG), MONTH ("مارچ", 3, GREG, WEAK),
  MONTH ("اپریل", 4, GREG, STRONG), MONTH ("می", 5, GREG, VERY_WEAK),
  MONTH ("جون", 6, GREG, WEAK), MONTH ("جولای", 7, GREG, STRONG),
  MONTH ("اگست", 8, GREG, STRONG), MONTH ("سپتمبر", 9, GREG, STRONG),
  MONTH ("اکتوبر", 10, GREG, STRONG), MONTH ("نومبر", 11, GREG, STRONG),
  MONTH ("دسمبر", 12, GREG, STRONG),
};

/* Solar Hijri: Iranian, Dari, Pashto; each also with «ماه» after it. */
static const DateWord jalali_months[] = {
  MONTH ("فروردین", 1, JAL, STRONG), MONTH ("اردیبهشت", 2, JAL, STRONG),
  MONTH ("خرداد", 3, JAL, STRONG), MONTH ("تیر", 4, JAL, VERY_WEAK),
  MONTH ("مرداد", 5, JAL, STRONG), MONTH ("امرداد", 5, JAL, STRONG),
  MONTH ("شهریور", 6, JAL, STRONG), MONTH ("مهر", 7, JAL, WEAK),
  MONTH ("آبان", 8, JAL, STRONG), MONTH ("آذر", 9, JAL, WEAK),
  MONTH ("دی", 10, JAL, WEAK), MONTH ("بهمن", 11, JAL, WEAK),
  MONTH ("اسفند", 12, JAL, STRONG),

  MONTH ("حمل", 1, JAL, WEAK), MONTH ("ثور", 2, JAL, WEAK),
  MONTH ("جوزا", 3, JAL, WEAK), MONTH ("جوزاء", 3, JAL, WEAK),
  MONTH ("سرطان", 4, JAL, WEAK), MONTH ("اسد", 5, JAL, WEAK),
  MONTH ("سنبله", 6, JAL, WEAK), MONTH ("میزان", 7, JAL, WEAK),
  MONTH ("عقرب", 8, JAL, WEAK), MONTH ("قوس", 9, JAL, WEAK),
  MONTH ("جدی", 10, JAL, WEAK), MONTH ("دلو", 11, JAL, WEAK),
  MONTH ("حوت", 12, JAL, WEAK),

  MONTH ("وری", 1, JAL, WEAK), MONTH ("غویی", 2, JAL, WEAK),
  MONTH ("غبرگولی", 3, JAL, STRONG), MONTH ("چنگاښ", 4, JAL, STRONG),
  MONTH ("زمری", 5, JAL, WEAK), MONTH ("وږی", 6, JAL, WEAK),
  MONTH ("تله", 7, JAL, WEAK), MONTH ("لړم", 8, JAL, WEAK),
  MONTH ("لیندۍ", 9, JAL, STRONG), MONTH ("مرغومی", 10, JAL, STRONG),
  MONTH ("سلواغه", 11, JAL, STRONG), MONTH ("کب", 12, JAL, WEAK),
};

static const DateWord arabic_words[] = {
  WORD ("الاثنين", WEEKDAY, 1), WORD ("الإثنين", WEEKDAY, 1),
  WORD ("الثلاثاء", WEEKDAY, 2), WORD ("الثلاثا", WEEKDAY, 2),
  WORD ("الأربعاء", WEEKDAY, 3), WORD ("الأربعا", WEEKDAY, 3),
  WORD ("الخميس", WEEKDAY, 4), WORD ("الجمعة", WEEKDAY, 5),
  WORD ("السبت", WEEKDAY, 6), WORD ("الأحد", WEEKDAY, 7),

  WORD ("أمس", RELATIVE, -1), WORD ("البارحة", RELATIVE, -1),
  WORD ("الليلة الماضية", RELATIVE, -1), WORD ("أول أمس", RELATIVE, -2),
  WORD ("أول من أمس", RELATIVE, -2), WORD ("أمس الأول", RELATIVE, -2),
  WORD ("اليوم", RELATIVE, 0), WORD ("غدا", RELATIVE, 1),
  WORD ("اليوم التالي", NOT_DATE, 0), WORD ("اليوم السابق", NOT_DATE, 0),

  WORD ("يوم", DAY, 0), WORD ("تاريخ", DAY, 0),
  WORD ("ليلة", PART_OF_DAY, 0), WORD ("مساء", PART_OF_DAY, 0),
  WORD ("صباح", PART_OF_DAY, 0), WORD ("فجر", PART_OF_DAY, 0),
  WORD ("ظهر", PART_OF_DAY, 0), WORD ("عصر", PART_OF_DAY, 0),
  WORD ("الماضي", DIRECTION, -1), WORD ("الماضية", DIRECTION, -1),
  WORD ("الفائت", DIRECTION, -1), WORD ("المنصرم", DIRECTION, -1),
  WORD ("المقبل", DIRECTION, 1), WORD ("المقبلة", DIRECTION, 1),
  WORD ("القادم", DIRECTION, 1), WORD ("القادمة", DIRECTION, 1),
  WORD ("شهر", MONTH_NOUN, 1),
  WORD ("الشهر الجاري", THIS_MONTH, 0), WORD ("الشهر الحالي", THIS_MONTH, 0),
  WORD ("هذا الشهر", THIS_MONTH, 0),
  WORD ("عام", YEAR_NOUN, 0), WORD ("سنة", YEAR_NOUN, 0),

  WORD ("م", ERA, DATE_ERA_GREGORIAN), WORD ("ميلادي", ERA, DATE_ERA_GREGORIAN),
  WORD ("ميلادية", ERA, DATE_ERA_GREGORIAN), WORD ("ميلاد", ERA, DATE_ERA_GREGORIAN),
  WORD ("هـ", ERA, DATE_ERA_LUNAR), WORD ("هجرية", ERA, DATE_ERA_LUNAR),
  WORD ("هجري", ERA, DATE_ERA_ANY),

  WORD ("في", CUE, 0), WORD ("خلال", CUE, 0), WORD ("منذ", CUE, 0),
  WORD ("حتى", CUE, 0), WORD ("أوائل", CUE, 0), WORD ("أواخر", CUE, 0),
  WORD ("أواسط", CUE, 0), WORD ("منتصف", CUE, 0), WORD ("مطلع", CUE, 0),
  WORD ("بداية", CUE, 0), WORD ("نهاية", CUE, 0),
  WORD ("و", RANGE, 0), WORD ("إلى", RANGE, 0), WORD ("حتى", RANGE, 0),
  WORD ("من", OF, 0), WORD ("الموافق", AGREE, 0),
};

static const DateWord persian_words[] = {
  WORD ("دوشنبه", WEEKDAY, 1), WORD ("سه‌شنبه", WEEKDAY, 2),
  WORD ("چهارشنبه", WEEKDAY, 3), WORD ("پنجشنبه", WEEKDAY, 4),
  WORD ("پنج‌شنبه", WEEKDAY, 4), WORD ("جمعه", WEEKDAY, 5),
  WORD ("شنبه", WEEKDAY, 6), WORD ("یکشنبه", WEEKDAY, 7),
  WORD ("یک‌شنبه", WEEKDAY, 7),

  WORD ("دیروز", RELATIVE, -1), WORD ("روز گذشته", RELATIVE, -1),
  WORD ("دیشب", RELATIVE, -1), WORD ("شب گذشته", RELATIVE, -1),
  WORD ("پریروز", RELATIVE, -2), WORD ("امروز", RELATIVE, 0),
  WORD ("امشب", RELATIVE, 0),

  WORD ("روز", DAY, 0), WORD ("تاریخ", DAY, 0), WORD ("بتاریخ", DAY, 0),
  WORD ("شب", PART_OF_DAY, 0), WORD ("صبح", PART_OF_DAY, 0),
  WORD ("بامداد", PART_OF_DAY, 0), WORD ("ظهر", PART_OF_DAY, 0),
  WORD ("عصر", PART_OF_DAY, 0), WORD ("سحرگاه", PART_OF_DAY, 0),
  WORD ("گذشته", DIRECTION, -1), WORD ("پیش", DIRECTION, -1),
  WORD ("آینده", DIRECTION, 1), WORD ("آتی", DIRECTION, 1),
  WORD ("ماه", MONTH_NOUN, 0),
  WORD ("این ماه", THIS_MONTH, 0), WORD ("ماه جاری", THIS_MONTH, 0),
  WORD ("همین ماه", THIS_MONTH, 0), WORD ("ماه روان", THIS_MONTH, 0),
  WORD ("سال", YEAR_NOUN, 1),

  WORD ("ه ش", ERA, DATE_ERA_SOLAR), WORD ("هجری شمسی", ERA, DATE_ERA_SOLAR),
  WORD ("هجری خورشیدی", ERA, DATE_ERA_SOLAR), WORD ("شمسی", ERA, DATE_ERA_SOLAR),
  WORD ("خورشیدی", ERA, DATE_ERA_SOLAR), WORD ("میلادی", ERA, DATE_ERA_GREGORIAN),
  WORD ("ه ق", ERA, DATE_ERA_LUNAR), WORD ("هجری قمری", ERA, DATE_ERA_LUNAR),
  WORD ("قمری", ERA, DATE_ERA_LUNAR), WORD ("هجری", ERA, DATE_ERA_ANY),

  WORD ("در", CUE, 0), WORD ("طی", CUE, 0), WORD ("از", CUE, 0),
  WORD ("تا", CUE, 0), WORD ("اوایل", CUE, 0), WORD ("اوائل", CUE, 0),
  WORD ("اواخر", CUE, 0), WORD ("اواسط", CUE, 0), WORD ("ابتدای", CUE, 0),
  WORD ("نیمه", CUE, 0), WORD ("پایان", CUE, 0), WORD ("آغاز", CUE, 0),
  WORD ("و", RANGE, 0), WORD ("تا", RANGE, 0),
};

/* What a number can count.  A number 1900–2100 before one of these is a
 * quantity, not a year: «۲۰۰۰ کیلومتر», «2000 جريح». */
static const char * const arabic_units[] = {
  "كيلومتر", "كلم", "كم", "متر", "ميل", "شخص", "أشخاص", "قتيل", "قتلى", "جريح",
  "جرحى", "جندي", "جنود", "مدني", "مدنيين", "عنصر", "مسلح", "مقاتل", "لاجئ",
  "لاجئين", "عائلة", "أسرة", "منزل", "دولار", "روبية", "طن", "فرد", "نسمة",
  "عسكري", "مهاجر", "مليون", "مليار", "ألف", "كيلوغرام", "صاروخ", "قذيفة", NULL
};

static const char * const persian_units[] = {
  "کیلومتر", "متر", "مایل", "نفر", "تن", "کشته", "زخمی", "سرباز", "سربازان",
  "نیرو", "غیرنظامی", "غیر نظامی", "خانواده", "خانوار", "دلار", "افغانی",
  "روپیه", "ریال", "تومان", "میلیون", "میلیارد", "هزار", "مهاجر", "مهاجرین",
  "پناهجو", "عضو", "جنگجو", "فرد", "خانه", "کیلوگرام", "واحد", "راکت", "موشک",
  "خمپاره", NULL
};

static const DateWord unit_word = WORD (NULL, UNIT, 0);

/* Day ordinals, masculine in Arabic as days are: «التاسع من الشهر». */
static const char * const arabic_ordinals[] = {
  NULL, "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع",
  "الثامن", "التاسع", "العاشر"
};

static const char * const persian_ordinals[] = {
  NULL, "یکم", "دوم", "سوم", "چهارم", "پنجم", "ششم", "هفتم", "هشتم", "نهم",
  "دهم", "یازدهم", "دوازدهم", "سیزدهم", "چهاردهم", "پانزدهم", "شانزدهم",
  "هفدهم", "هجدهم", "نوزدهم", "بیستم"
};

#define ORD(n) { NULL, DATE_WORD_ORDINAL, n, 0, 0 }
static const DateWord ordinal_words[] = {
  ORD (0), ORD (1), ORD (2), ORD (3), ORD (4), ORD (5), ORD (6), ORD (7), ORD (8),
  ORD (9), ORD (10), ORD (11), ORD (12), ORD (13), ORD (14), ORD (15), ORD (16),
  ORD (17), ORD (18), ORD (19), ORD (20), ORD (21), ORD (22), ORD (23), ORD (24),
  ORD (25), ORD (26), ORD (27), ORD (28), ORD (29), ORD (30), ORD (31),
};

static void
add_words (MarzLexicon    *lexicon,
           const DateWord *words,
           guint           n)
{
  for (guint i = 0; i < n; i++)
    marz_lexicon_add (lexicon, words[i].phrase, (gpointer) &words[i]);
}

static void
add_jalali_months (MarzLexicon *persian)
{
  for (guint i = 0; i < G_N_ELEMENTS (jalali_months); i++)
    {
      const DateWord *w = &jalali_months[i];
      g_autofree char *with_noun = g_strconcat (w->phrase, " ماه", NULL);

      marz_lexicon_add (persian, w->phrase, (gpointer) w);
      /* Also matches glued: «مهرماه». */
      marz_lexicon_add (persian, with_noun, (gpointer) w);
    }
}

static void
add_units (MarzLexicon        *lexicon,
           const char * const  units[],
           gboolean            tanween)
{
  for (guint i = 0; units[i]; i++)
    {
      g_autofree char *accusative = g_strconcat (units[i], "ا", NULL);

      marz_lexicon_add (lexicon, units[i], (gpointer) &unit_word);
      /* «جريحاً»: the accusative alef stays after normalization. */
      if (tanween)
        marz_lexicon_add (lexicon, accusative, (gpointer) &unit_word);
    }
}

static void
add_ordinal (MarzLexicon *lexicon,
             const char  *phrase,
             guint        day)
{
  g_assert (day >= 1 && day <= 31);
  marz_lexicon_add (lexicon, phrase, (gpointer) &ordinal_words[day]);
}

static void
add_arabic_ordinals (MarzLexicon *arabic)
{
  for (guint d = 1; d <= 10; d++)
    add_ordinal (arabic, arabic_ordinals[d], d);

  for (guint d = 1; d <= 9; d++)
    {
      /* «الحادي عشر» but «الأول»: 11, 21 and 31 use «الحادي». */
      const char *unit = d == 1 ? "الحادي" : arabic_ordinals[d];
      g_autofree char *teen = g_strconcat (unit, " عشر", NULL);
      g_autofree char *twenty = g_strconcat (unit, " والعشرين", NULL);
      g_autofree char *twenty_apart = g_strconcat (unit, " و العشرين", NULL);

      add_ordinal (arabic, teen, 10 + d);
      add_ordinal (arabic, twenty, 20 + d);
      add_ordinal (arabic, twenty_apart, 20 + d);
    }
  add_ordinal (arabic, "العشرين", 20);
  add_ordinal (arabic, "الثلاثين", 30);
  add_ordinal (arabic, "الحادي والثلاثين", 31);
  add_ordinal (arabic, "الحادي و الثلاثين", 31);
}

static void
add_persian_ordinals (MarzLexicon *persian)
{
  for (guint d = 1; d <= 20; d++)
    add_ordinal (persian, persian_ordinals[d], d);
  add_ordinal (persian, "اول", 1);
  add_ordinal (persian, "هیجدهم", 18);

  for (guint d = 1; d <= 9; d++)
    {
      const char *unit = d == 1 ? "یکم" : persian_ordinals[d];
      g_autofree char *twenty = g_strconcat ("بیست و ", unit, NULL);

      add_ordinal (persian, twenty, 20 + d);
    }
  add_ordinal (persian, "سی‌ام", 30);
  add_ordinal (persian, "سیام", 30);
  add_ordinal (persian, "سی و یکم", 31);
}

void
_marz_date_names_add (MarzLexicon *arabic,
                      MarzLexicon *persian)
{
  add_words (arabic, arabic_months, G_N_ELEMENTS (arabic_months));
  add_words (arabic, arabic_words, G_N_ELEMENTS (arabic_words));
  add_units (arabic, arabic_units, TRUE);
  add_arabic_ordinals (arabic);

  add_words (persian, persian_months, G_N_ELEMENTS (persian_months));
  add_jalali_months (persian);
  add_words (persian, persian_words, G_N_ELEMENTS (persian_words));
  add_units (persian, persian_units, FALSE);
  add_persian_ordinals (persian);
}
