#undef G_DISABLE_ASSERT

#include <glib.h>
#include <string.h>

#include "marz-normalize.h"

static void
test_key_folds_spellings (void)
{
  /* Arabic and Persian spellings of Kabul, with a damma and a tatweel. */
  const char *spellings[] = { "كابل", "کابل", "كابُل", "كـابل", "ﻛﺎﺑﻞ" };
  g_autofree char *reference = marz_normalize_key ("کابل");

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autofree char *key = marz_normalize_key (spellings[i]);
      g_assert_cmpstr (key, ==, reference);
    }
}

static void
test_key_letters_and_digits (void)
{
  struct { const char *in, *out; } cases[] = {
    { "إسلام آباد", "اسلام اباد" },
    { "آتش‌بس", "اتشبس" },                  /* ZWNJ dropped */
    { "آتشبس", "اتشبس" },
    { "مدرسة", "مدرسه" },
    { "۲۴ نوامبر", "24 نوامبر" },           /* Persian digits */
    { "٢٠٢٥", "2025" },                     /* Arabic-Indic digits */
    { "شبکۀ", "شبکه" },
    { "Spin BOLDAK", "spin boldak" },
    { "گفت‌وگو", "گفتوگو" },               /* Persian letters stay Persian */
    { "\u200f\u2067كنر\u2069", "کنر" },    /* bidi controls */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = marz_normalize_key (cases[i].in);
      g_assert_cmpstr (key, ==, cases[i].out);
    }
}

static void
test_map_points_into_original (void)
{
  const char *original = "في كابُل، يوم ٩ أكتوبر";
  g_autoptr(MarzNormalized) n = marz_normalized_new (original, -1);
  const char *hit = strstr (n->text, "کابل");
  gsize start, end;

  g_assert_nonnull (hit);
  start = marz_normalized_to_original (n, hit - n->text);
  end = marz_normalized_to_original (n, hit - n->text + strlen ("کابل"));
  /* The span in the original keeps its damma. */
  g_assert_cmpint (end - start, ==, strlen ("كابُل"));
  g_assert_cmpint (strncmp (original + start, "كابُل", end - start), ==, 0);

  hit = strstr (n->text, "9");
  g_assert_nonnull (hit);
  start = marz_normalized_to_original (n, hit - n->text);
  g_assert_cmpint (strncmp (original + start, "٩", strlen ("٩")), ==, 0);

  g_assert_cmpint (marz_normalized_to_original (n, n->len), ==, strlen (original));
}

static void
test_empty (void)
{
  g_autoptr(MarzNormalized) n = marz_normalized_new ("", 0);

  g_assert_cmpint (n->len, ==, 0);
  g_assert_cmpstr (n->text, ==, "");
  g_assert_cmpint (marz_normalized_to_original (n, 0), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/normalize/key/spellings", test_key_folds_spellings);
  g_test_add_func ("/normalize/key/letters-digits", test_key_letters_and_digits);
  g_test_add_func ("/normalize/map", test_map_points_into_original);
  g_test_add_func ("/normalize/empty", test_empty);

  return g_test_run ();
}
