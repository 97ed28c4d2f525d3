#undef G_DISABLE_ASSERT

#include <glib.h>
#include <locale.h>
#include <string.h>

#include "marz-normalize.h"
#include "marz-numbers.h"
#include "marz-tokenizer.h"

#define AT_LEAST MARZ_NUMBER_AT_LEAST
#define ABOUT    MARZ_NUMBER_ABOUT
#define EXACT    MARZ_NUMBER_EXACT
#define VAGUE    MARZ_NUMBER_VAGUE

typedef struct
{
  gint64              value;
  MarzNumberQualifier qualifier;
  const char         *text;   /* the number as written, compared once normalized */
} Expected;

static MarzNumberFinder *finder;

static GArray *
scan_text (const char      *text,
           MarzNormalized **normalized)
{
  g_autoptr(GArray) tokens = NULL;

  *normalized = marz_normalized_new (text, -1);
  tokens = marz_tokenize ((*normalized)->text, (*normalized)->len);
  return marz_number_finder_scan (finder, (*normalized)->text, tokens);
}

static void
assert_number (const MarzNormalized *n,
               const MarzNumber     *number,
               const Expected       *expected,
               const char           *input)
{
  g_autofree char *span = g_strndup (n->text + number->start, number->end - number->start);
  g_autofree char *want = marz_normalize_key (expected->text);

  if (number->value != expected->value || number->qualifier != expected->qualifier
      || g_strcmp0 (span, want) != 0)
    g_error ("«%s»: got %" G_GINT64_FORMAT "/%d «%s», want %" G_GINT64_FORMAT "/%d «%s»",
             input, number->value, number->qualifier, span,
             expected->value, expected->qualifier, want);
}

/* Checks every number found in @input, in order; a NULL text ends @expected. */
static void
check (const char     *input,
       const Expected *expected)
{
  g_autoptr(MarzNormalized) n = NULL;
  g_autoptr(GArray) numbers = scan_text (input, &n);
  guint count = 0;

  while (expected[count].text != NULL)
    count++;
  if (numbers->len != count)
    g_error ("«%s»: %u numbers found, %u expected", input, numbers->len, count);
  for (guint i = 0; i < count; i++)
    assert_number (n, &g_array_index (numbers, MarzNumber, i), &expected[i], input);
}

#define CHECK(input, ...) check ((input), (const Expected[]) { __VA_ARGS__ { 0, 0, NULL } })

static void
test_corpus_sentences (void)
{
  CHECK ("وأعلنت بعثة الأمم المتحدة مقتل 50 مدنياً أفغانياً على الأقل و447 جريحاً في أسبوع واحد",
         { 50, AT_LEAST, "50" }, { 447, EXACT, "447" },);
  CHECK ("مقتل 23 جندياً باكستانياً على الأقل.", { 23, AT_LEAST, "23" },);
  CHECK ("وقتل أكثر من 70 شخصاً على الحدود", { 70, AT_LEAST, "70" },);
  CHECK ("قتل العشرات على طول الحدود الممتدة لمسافة 2600 كيلومتر",
         { 0, VAGUE, "عشرات" }, { 2600, EXACT, "2600" },);
  CHECK ("دستکم ۵۰ غیرنظامی افغان کشته و حدود ۴۵۰ نفر زخمی",
         { 50, AT_LEAST, "۵۰" }, { 450, ABOUT, "۴۵۰" },);
  CHECK ("کشته شدن دستکم ۲۳ سرباز و زخمی شدن ۲۹ نفر دیگر",
         { 23, AT_LEAST, "۲۳" }, { 29, EXACT, "۲۹" },);
  CHECK ("در آن ده فرد ملکی کشته و ۸ غیر نظامی زخمی شدند",
         { 10, EXACT, "ده" }, { 8, EXACT, "۸" },);
  CHECK ("در آن ده غیر نظامی کشته شدند", { 10, EXACT, "ده" },);
  CHECK ("مرزی به طول ۲۶۰۰ کیلومتر", { 2600, EXACT, "۲۶۰۰" },);
}

static void
test_qualifiers (void)
{
  CHECK ("بیش از ۱۰۰ نفر", { 100, AT_LEAST, "۱۰۰" },);
  CHECK ("حداقل ۱۲ نفر", { 12, AT_LEAST, "۱۲" },);
  CHECK ("نحو 30 قتيلاً", { 30, ABOUT, "30" },);
  CHECK ("قُدّر بنحو 30 قتيلاً", { 30, ABOUT, "30" },);
  CHECK ("حوالي عشرين شخصاً", { 20, ABOUT, "عشرين" },);
  CHECK ("قرابة 40 شخصاً", { 40, ABOUT, "40" },);
  CHECK ("تقریباً ۶۰ نفر", { 60, ABOUT, "۶۰" },);
  CHECK ("قتل 15 شخصاً تقريباً", { 15, ABOUT, "15" },);
  CHECK ("killed over 40 and around 12", { 40, AT_LEAST, "40" }, { 12, ABOUT, "12" },);
  /* The qualifier after belongs to the nearest number before it. */
  CHECK ("خمسة جنود وعشرة مدنيين على الأقل", { 5, EXACT, "خمسة" }, { 10, AT_LEAST, "عشرة" },);
  /* Not across a sentence, not from «the borders». */
  CHECK ("قتل 12 شخصاً. على الأقل", { 12, EXACT, "12" },);
  CHECK ("على الحدود 30 كيلومتراً", { 30, EXACT, "30" },);
  CHECK ("أكثر من، 70", { 70, EXACT, "70" },);
}

static void
test_digits (void)
{
  CHECK ("2,600 كيلومتر", { 2600, EXACT, "2,600" },);
  CHECK ("۲٬۶۰۰ کیلومتر", { 2600, EXACT, "۲٬۶۰۰" },);
  CHECK ("١٬٢٣٤٬٥٦٧ دولار", { 1234567, EXACT, "١٬٢٣٤٬٥٦٧" },);
  CHECK ("نزوح 10.000 شخص", { 10000, EXACT, "10.000" },);
  CHECK ("و447 جريحاً", { 447, EXACT, "447" },);
  CHECK ("۲۴نوامبر", { 24, EXACT, "۲۴" },);
  /* Decimals, dates, times, ranges, percentages, model names: no counts. */
  CHECK ("نسبة 2.5 و٣٫٧",);
  CHECK ("1404/08/17 و19.10.2025 الساعة 10:30 بين 10-15",);
  CHECK ("50% و٢٠٪ و F16 و3D",);
  CHECK ("12,34",);
  /* Overflow is skipped, never wrapped; the scale goes with it. */
  CHECK ("99999999999999999999 شخص", );
  CHECK ("99999999999999999999 مليار", );
  CHECK ("9999999999999 مليار و 5", { 5, EXACT, "5" },);
  CHECK ("9223372036854775807", { G_MAXINT64, EXACT, "9223372036854775807" },);
  CHECK ("9223372036854775808",);
  /* A decimal before a scale is whole. */
  CHECK ("2.5 مليون نازح", { 2500000, EXACT, "2.5 مليون" },);
  CHECK ("۱۰ هزار نفر", { 10000, EXACT, "۱۰ هزار" },);
}

static void
test_homographs (void)
{
  CHECK ("ده فرد ملکی کشته", { 10, EXACT, "ده" },);
  CHECK ("در این ده", );
  CHECK ("در این ده زندگی می‌کنند", );
  CHECK ("نه تنها", );
  CHECK ("نه می‌خواهد و نه می‌تواند", );
  CHECK ("نه نفر کشته شدند", { 9, EXACT, "نه" },);
  CHECK ("یک حمله", );
  CHECK ("یک نفر کشته شد", { 1, EXACT, "یک" },);
  CHECK ("ده هزار نفر", { 10000, EXACT, "ده هزار" },);
  CHECK ("بیست و یک", { 21, EXACT, "بیست و یک" },);
  CHECK ("ست نساء", { 6, EXACT, "ست" },);
  CHECK ("ست البيت", );
  CHECK ("تم صد هجوم", );
  CHECK ("نود أن نؤكد", );
  CHECK ("في أسبوع واحد", );
  CHECK ("یک ستون نظامی", );
  CHECK ("قتل ستون شخصاً", { 60, EXACT, "ستون" },);
  CHECK ("واحد نظامی", );
  CHECK ("بند الف", );
  CHECK ("ألف شخص", { 1000, EXACT, "ألف" },);
  CHECK ("در بده و بستان", );
  /* Weekdays written apart, Monday and Sunday with the article. */
  CHECK ("پنج شنبه و سه شنبه", );
  CHECK ("يوم الاثنين والأحد", );
}

static void
test_not_counts (void)
{
  CHECK ("الجولة الثانية والأول والثالث", );
  CHECK ("دور دوم و سوم و پنجم و بیستم", );
  CHECK ("سه‌شنبه و یکشنبه", );
}

static void
test_vague (void)
{
  /* Like every clitic, the article is left out of the number's span. */
  CHECK ("العشرات", { 0, VAGUE, "عشرات" },);
  CHECK ("عشرات القتلى", { 0, VAGUE, "عشرات" },);
  CHECK ("ده‌ها نفر", { 0, VAGUE, "ده‌ها" },);
  CHECK ("دهها نفر", { 0, VAGUE, "دهها" },);
  CHECK ("ده ها نفر", { 0, VAGUE, "ده ها" },);
  CHECK ("صدها نفر", { 0, VAGUE, "صدها" },);
  CHECK ("المئات ومئات", { 0, VAGUE, "مئات" }, { 0, VAGUE, "مئات" },);
  CHECK ("هزاران نفر", { 0, VAGUE, "هزاران" },);
  CHECK ("آلاف المدنيين", { 0, VAGUE, "آلاف" },);
  CHECK ("عشرات الآلاف", { 0, VAGUE, "عشرات الآلاف" },);
  CHECK ("عدة أشخاص", { 0, VAGUE, "عدة" },);
}

static void
test_compounds (void)
{
  CHECK ("قتل خمسة وعشرون شخصاً", { 25, EXACT, "خمسة وعشرون" },);
  CHECK ("ثلاثة آلاف ومئتان", { 3200, EXACT, "ثلاثة آلاف ومئتان" },);
  CHECK ("10 آلاف لاجئ", { 10000, EXACT, "10 آلاف" },);
  CHECK ("سه هزار و دویست نفر", { 3200, EXACT, "سه هزار و دویست" },);
  CHECK ("۳ هزار و ۲۰۰ نفر", { 3200, EXACT, "۳ هزار و ۲۰۰" },);
  /* Two numbers side by side stay two. */
  CHECK ("50 و447", { 50, EXACT, "50" }, { 447, EXACT, "447" },);
  CHECK ("بیست بیست", { 20, EXACT, "بیست" }, { 20, EXACT, "بیست" },);
  CHECK ("خمسة، وعشرون", { 5, EXACT, "خمسة" }, { 20, EXACT, "عشرون" },);
  CHECK ("سه و چهار", { 3, EXACT, "سه" }, { 4, EXACT, "چهار" },);
  /* A trailing «و» is not part of the number. */
  CHECK ("بیست و", { 20, EXACT, "بیست" },);
}

static void
test_offsets_and_tokens (void)
{
  const char *input = "قتل وخمسة وعشرون جنديا";
  g_autoptr(MarzNormalized) n = NULL;
  g_autoptr(GArray) numbers = scan_text (input, &n);
  const MarzNumber *number;
  g_autofree char *original = NULL;
  gsize start, end;

  g_assert_cmpuint (numbers->len, ==, 1);
  number = &g_array_index (numbers, MarzNumber, 0);
  g_assert_cmpint (number->value, ==, 25);
  g_assert_true (number->is_word);
  g_assert_cmpuint (number->token, ==, 1);
  g_assert_cmpuint (number->n_tokens, ==, 2);
  /* The leading «و» is a clitic; the one inside the compound is the number's. */
  start = marz_normalized_to_original (n, number->start);
  end = marz_normalized_to_original (n, number->end);
  original = g_strndup (input + start, end - start);
  g_assert_cmpstr (original, ==, "خمسة وعشرون");
}

static void
test_is_word (void)
{
  g_autoptr(MarzNormalized) n = NULL;
  g_autoptr(GArray) numbers = scan_text ("۳ هزار، سه هزار، ۴۵", &n);

  g_assert_cmpuint (numbers->len, ==, 3);
  g_assert_false (g_array_index (numbers, MarzNumber, 0).is_word);
  g_assert_true (g_array_index (numbers, MarzNumber, 1).is_word);
  g_assert_false (g_array_index (numbers, MarzNumber, 2).is_word);
}

typedef struct
{
  const char *text;
  gint64      value;
} Parsed;

static const Parsed parsed[] = {
  { "٢٣", 23 }, { "۴۵۰", 450 }, { "۲٬۶۰۰", 2600 }, { "2,600", 2600 },
  { "خمسة وعشرون", 25 }, { "خمسة و عشرون", 25 }, { "بیست و سه", 23 }, { "ده", 10 },
  { "نه", 9 }, { "یک", 1 }, { "واحد", 1 }, { "ست", 6 }, { "صد", 100 },
  { "ثلاثة", 3 }, { "أربع", 4 }, { "ثماني", 8 }, { "عشرة", 10 }, { "أحد عشر", 11 },
  { "إحدى عشرة", 11 }, { "اثنا عشر", 12 }, { "اثنتي عشرة", 12 }, { "ثلاثة عشر", 13 },
  { "خمس عشرة", 15 }, { "تسعة عشر", 19 }, { "عشرون", 20 }, { "عشرين", 20 },
  { "ثلاث وأربعون", 43 }, { "تسعة وتسعون", 99 }, { "مئة", 100 }, { "مائة", 100 },
  { "مئتان", 200 }, { "مائتين", 200 }, { "ثلاثمائة", 300 }, { "ثلاث مئة", 300 },
  { "مئة وخمسون", 150 }, { "ثلاثمئة وخمسة وعشرون", 325 }, { "ألف", 1000 },
  { "ألفان", 2000 }, { "ألفين", 2000 }, { "ثلاثة آلاف", 3000 }, { "10 آلاف", 10000 },
  { "عشرة آلاف", 10000 }, { "مئة ألف", 100000 }, { "ألف ومئتان", 1200 },
  { "مليون", 1000000 }, { "مليونين", 2000000 }, { "ثلاثة ملايين", 3000000 },
  { "2.5 مليون", 2500000 }, { "مليون وخمسمائة ألف", 1500000 },
  { "یک", 1 }, { "دو", 2 }, { "یازده", 11 }, { "هجده", 18 }, { "هیجده", 18 },
  { "نوزده", 19 }, { "بیست", 20 }, { "سی و پنج", 35 }, { "یکصد", 100 },
  { "صد و پنجاه", 150 }, { "دویست", 200 }, { "دو صد", 200 }, { "سیصد و بیست و پنج", 325 },
  { "هزار", 1000 }, { "سه هزار", 3000 }, { "سه هزار و دویست", 3200 }, { "۳ هزار", 3000 },
  { "۳ هزار و ۲۰۰", 3200 }, { "ده هزار", 10000 }, { "یک میلیون", 1000000 },
  { "دو میلیارد", 2000000000 }, { "10.000", 10000 },
};

static const char * const unparsed[] = {
  "", "العشرات", "ده‌ها", "الثانية", "الأول", "دوم", "سوم", "بیست بیست", "پنج و بیست",
  "عشرون وخمسة", "ألف ألف", "2.5", "حدود ۴۵۰", "50 شخصا", "99999999999999999999",
  "الاثنين", "نه تنها",
};

static void
test_parse_number (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (parsed); i++)
    {
      gint64 value = -1;

      if (!marz_parse_number (parsed[i].text, &value) || value != parsed[i].value)
        g_error ("«%s»: got %" G_GINT64_FORMAT ", want %" G_GINT64_FORMAT,
                 parsed[i].text, value, parsed[i].value);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (unparsed); i++)
    if (marz_parse_number (unparsed[i], NULL))
      g_error ("«%s» parsed as a number", unparsed[i]);
}

static void
assert_sane (const char *text)
{
  g_autoptr(MarzNormalized) n = NULL;
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GArray) numbers = NULL;
  guint32 last_end = 0;

  n = marz_normalized_new (text, -1);
  tokens = marz_tokenize (n->text, n->len);
  numbers = marz_number_finder_scan (finder, n->text, tokens);
  for (guint i = 0; i < numbers->len; i++)
    {
      const MarzNumber *number = &g_array_index (numbers, MarzNumber, i);

      g_assert_cmpuint (number->start, <, number->end);
      g_assert_cmpuint (number->start, >=, last_end);
      g_assert_cmpuint (number->end, <=, n->len);
      g_assert_cmpuint (number->token + number->n_tokens, <=, tokens->len);
      g_assert_cmpint (number->value, >=, 0);
      g_assert_true (number->qualifier != VAGUE || number->value == 0);
      last_end = number->end;
    }
  marz_parse_number (text, NULL);
}

static void
test_fuzz (void)
{
  static const char * const pieces[] = {
    "و", "ده", "نه", "یک", "50", "2", ",", ".", "/", "600", "هزار", "آلاف", "الآلاف", "عشرات",
    "الف", "ألف", "بیست", "خمسة", "وعشرون", "مئة", "صد", "على", "الأقل", "دستکم", "حدود",
    "مليون", "مليار", "99999999999999999999", "نفر", "شنبه", "ال", "%", "٪", "\n", "،",
    "F", "٢٣", "۲٬۶۰۰", "ثلاث", "عشر", "مئتان", "ألفان", "ده‌ها", "\u200c", "x",
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint round = 0; round < 3000; round++)
    {
      g_string_truncate (text, 0);
      for (guint k = g_test_rand_int_range (0, 16); k > 0; k--)
        {
          g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
          if (g_test_rand_bit ())
            g_string_append_c (text, ' ');
        }
      assert_sane (text->str);
    }

  g_string_truncate (text, 0);
  for (guint k = 0; k < 20000; k++)
    g_string_append_c (text, '0' + k % 10);
  assert_sane (text->str);
  g_string_truncate (text, 0);
  for (guint k = 0; k < 5000; k++)
    g_string_append (text, k % 2 ? "999," : "9.");
  assert_sane (text->str);
  g_string_truncate (text, 0);
  for (guint k = 0; k < 3000; k++)
    g_string_append (text, "مليون و ");
  assert_sane (text->str);
}

static gpointer
scan_in_thread (gpointer data)
{
  for (guint i = 0; i < 200; i++)
    test_corpus_sentences ();
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
main (int argc, char *argv[])
{
  int status;

  setlocale (LC_ALL, "");  /* failure messages quote Arabic and Persian */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  finder = marz_number_finder_new ();

  g_test_add_func ("/numbers/corpus-sentences", test_corpus_sentences);
  g_test_add_func ("/numbers/qualifiers", test_qualifiers);
  g_test_add_func ("/numbers/digits", test_digits);
  g_test_add_func ("/numbers/homographs", test_homographs);
  g_test_add_func ("/numbers/not-counts", test_not_counts);
  g_test_add_func ("/numbers/vague", test_vague);
  g_test_add_func ("/numbers/compounds", test_compounds);
  g_test_add_func ("/numbers/offsets-tokens", test_offsets_and_tokens);
  g_test_add_func ("/numbers/is-word", test_is_word);
  g_test_add_func ("/numbers/parse", test_parse_number);
  g_test_add_func ("/numbers/fuzz", test_fuzz);
  g_test_add_func ("/numbers/threads", test_threads);

  status = g_test_run ();
  marz_number_finder_unref (finder);
  return status;
}
