/* Sentences, tokens and languages of real-looking text. */
#undef G_DISABLE_ASSERT

#include <glib.h>
#include <string.h>

#include "marz-language.h"
#include "marz-sentences.h"
#include "marz-tokenizer.h"

static char *
span_text (const char *text, GArray *spans, guint i)
{
  MarzTextSpan *s = &g_array_index (spans, MarzTextSpan, i);
  return g_strndup (text + s->start, s->end - s->start);
}

static void
test_sentences_split (void)
{
  const char *text = " date 2025-11-08 گفتوگوها پایان یافت. او افزود: «نقض نشده است.»\n"
                     "مرزی به طول 2.5 کیلومتر؟ بله! آخر";
  g_autoptr(GArray) spans = marz_sentences_split (text, strlen (text), strlen (" date 2025-11-08 "));
  const char *want[] = { "گفتوگوها پایان یافت.", "او افزود: «نقض نشده است.»", "مرزی به طول 2.5 کیلومتر؟",
                         "بله!", "آخر" };

  g_assert_cmpuint (spans->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < spans->len; i++)
    {
      g_autofree char *s = span_text (text, spans, i);
      MarzTextSpan *span = &g_array_index (spans, MarzTextSpan, i);
      g_autofree char *by_chars = g_utf8_substring (text, span->char_start, span->char_end);

      g_assert_cmpstr (s, ==, want[i]);
      g_assert_cmpstr (by_chars, ==, want[i]);   /* character offsets agree with bytes */
    }
}

static void
test_sentences_semicolon_and_blank (void)
{
  const char *text = "خشونتها در کابل آغاز شد؛ انفجارهایی که نسبت دادند.\n\n\n   \n";
  g_autoptr(GArray) spans = marz_sentences_split (text, strlen (text), 0);

  /* The Arabic semicolon joins clauses of one sentence; blank lines are nothing. */
  g_assert_cmpuint (spans->len, ==, 1);
}

static void
test_tokens (void)
{
  const char *text = "خوست،کنر و۸ غیر-نظامی 24نوامبر";
  g_autoptr(GArray) tokens = marz_tokenize (text, strlen (text));
  const char *want[] = { "خوست", "کنر", "و", "۸", "غیر", "نظامی", "24", "نوامبر" };

  g_assert_cmpuint (tokens->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < tokens->len; i++)
    {
      MarzToken *t = &g_array_index (tokens, MarzToken, i);
      g_autofree char *s = g_strndup (text + t->start, t->end - t->start);
      g_assert_cmpstr (s, ==, want[i]);
      g_assert_cmpint (t->kind, ==, g_ascii_isdigit (want[i][0]) || g_str_equal (want[i], "۸")
                       ? MARZ_TOKEN_NUMBER : MARZ_TOKEN_WORD);
    }
}

typedef struct { const char *text, *language, *variety; } Sample;

static const Sample samples[] = {
  { "وبدأت الاشتباكات بعد غارات جوية باكستانية على كابول وأماكن أخرى في 9 أكتوبر استهدفت زعيم طالبان الباكستانية.",
    "ar", NULL },
  { "خشونتها پس از انفجارهای ۹ اکتبر در کابل آغاز شد؛ انفجارهایی که مقامهای طالبان مسئولیت آن را به پاکستان نسبت دادند و استان",
    "fa", "fa-IR" },
  { "حکومت طالبان حملات هوایی انجام شده در ولایت های خوست،کنر و پکتیکا را که بتاریخ ۲۴ نوامبر انجام شد به اردوی پاکستان نسبت داد",
    "fa", "fa-AF" },
  { "د طالبانو حکومت وايي چې د پاکستان پوځ د خوست، کونړ او پکتيکا ولايتونو کې هوايي بريدونه کړي دي او ښځې ماشومان وژل شوي",
    "ps", NULL },
  { "پاکستان کی فوج نے کہا ہے کہ افغانستان کے ساتھ سرحد پر جھڑپوں میں کئی فوجی ہلاک ہو گئے ہیں اور حالات کشیدہ ہیں",
    "ur", NULL },
  { "Pakistani airstrikes on Kabul and other places on 9 October targeted the leader of the Pakistani Taliban.",
    "en", NULL },
  { "12345 ... !!!", "und", NULL },
};

static void
test_language (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      MarzLanguage lang = marz_language_identify (samples[i].text, strlen (samples[i].text));
      g_assert_cmpstr (lang.language, ==, samples[i].language);
      g_assert_cmpstr (lang.variety, ==, samples[i].variety);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/text/sentences/split", test_sentences_split);
  g_test_add_func ("/text/sentences/semicolon-blank", test_sentences_semicolon_and_blank);
  g_test_add_func ("/text/tokens", test_tokens);
  g_test_add_func ("/text/language", test_language);

  return g_test_run ();
}
