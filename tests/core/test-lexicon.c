#undef G_DISABLE_ASSERT

#include <glib.h>
#include <string.h>

#include "marz-lexicon.h"
#include "marz-normalize.h"

typedef struct
{
  MarzNormalized *n;
  GArray         *tokens;
  GArray         *matches;
} Scan;

static void
scan_clear (Scan *s)
{
  g_clear_pointer (&s->n, marz_normalized_free);
  g_clear_pointer (&s->tokens, g_array_unref);
  g_clear_pointer (&s->matches, g_array_unref);
}

static void
scan (MarzLexicon *lex,
      const char  *text,
      Scan        *s)
{
  s->n = marz_normalized_new (text, -1);
  s->tokens = marz_tokenize (s->n->text, s->n->len);
  s->matches = marz_lexicon_scan (lex, s->n->text, s->tokens);
}

static const char *
value_at (Scan *s, guint i)
{
  MarzLexiconMatch *m = &g_array_index (s->matches, MarzLexiconMatch, i);
  return g_ptr_array_index (m->values, 0);
}

static char *
original_at (Scan *s, const char *text, guint i)
{
  MarzLexiconMatch *m = &g_array_index (s->matches, MarzLexiconMatch, i);
  gsize start = marz_normalized_to_original (s->n, m->start);
  gsize end = marz_normalized_to_original (s->n, m->end);
  return g_strndup (text + start, end - start);
}

static MarzLexicon *
places (void)
{
  MarzLexicon *lex = marz_lexicon_new (MARZ_LEXICON_CLITICS | MARZ_LEXICON_GLUED);

  marz_lexicon_add (lex, "كابل", "kabul");
  marz_lexicon_add (lex, "أفغانستان", "afghanistan");
  marz_lexicon_add (lex, "باكستان", "pakistan");
  marz_lexicon_add (lex, "إسلام آباد", "islamabad");
  marz_lexicon_add (lex, "سپین‌بولدک", "spin-boldak");
  marz_lexicon_add (lex, "الدوحة", "doha");
  return lex;
}

static void
test_clitics (void)
{
  g_autoptr(MarzLexicon) lex = places ();
  const char *text = "غارات على كابول وبكابل ولإسلام آباد وبالدوحة";
  Scan s = { 0 };
  g_autofree char *second = NULL;

  scan (lex, text, &s);
  /* «كابول» is not in this lexicon: only entries added are found. */
  g_assert_cmpuint (s.matches->len, ==, 3);
  g_assert_cmpstr (value_at (&s, 0), ==, "kabul");
  g_assert_cmpstr (value_at (&s, 1), ==, "islamabad");
  g_assert_cmpstr (value_at (&s, 2), ==, "doha");
  second = original_at (&s, text, 1);
  g_assert_cmpstr (second, ==, "ولإسلام آباد");
  scan_clear (&s);
}

static void
test_glued_and_zwnj (void)
{
  g_autoptr(MarzLexicon) lex = places ();
  const char *text = "بين أفغانستانوباكستان قرب سپینبولدک و سپین بولدک";
  Scan s = { 0 };

  scan (lex, text, &s);
  g_assert_cmpuint (s.matches->len, ==, 4);
  g_assert_cmpstr (value_at (&s, 0), ==, "afghanistan");
  g_assert_cmpstr (value_at (&s, 1), ==, "pakistan");
  g_assert_cmpstr (value_at (&s, 2), ==, "spin-boldak");
  g_assert_cmpstr (value_at (&s, 3), ==, "spin-boldak");
  scan_clear (&s);
}

static void
test_suffixes (void)
{
  g_autoptr(MarzLexicon) lex = marz_lexicon_new (MARZ_LEXICON_SUFFIXES);
  Scan s = { 0 };

  marz_lexicon_add (lex, "درگیری", "clash");
  marz_lexicon_add (lex, "حمله هوایی", "airstrike");
  scan (lex, "درگیریهای خونین و حملات هوایی و حمله هوایی", &s);
  g_assert_cmpuint (s.matches->len, ==, 2);
  g_assert_cmpstr (value_at (&s, 0), ==, "clash");
  g_assert_cmpstr (value_at (&s, 1), ==, "airstrike");
  scan_clear (&s);
}

static void
test_no_partial_words (void)
{
  g_autoptr(MarzLexicon) lex = places ();
  Scan s = { 0 };

  /* An adjective is not the place, and a clitic needs a word after it. */
  scan (lex, "الباكستانية والأفغاني كابلستان", &s);
  g_assert_cmpuint (s.matches->len, ==, 0);
  scan_clear (&s);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lexicon/clitics", test_clitics);
  g_test_add_func ("/lexicon/glued-zwnj", test_glued_and_zwnj);
  g_test_add_func ("/lexicon/suffixes", test_suffixes);
  g_test_add_func ("/lexicon/no-partial-words", test_no_partial_words);

  return g_test_run ();
}
