/* marz-article-facts.c: an article's title, source and publication date
 *
 * Part of MarzExtractor.  The date of an article without a header comes from
 * the dates its text gives: a day and month with a weekday («الأربعاء 29
 * أكتوبر») fix the year between the latest year the text mentions and today.
 * The article was written on or after the latest such date, so we record it
 * with month precision only and use the day as the reference for the rest.
 */
#define G_LOG_DOMAIN "marz-extractor"

#include "marz-extractor-private.h"
#include "marz-sentences.h"

#include <string.h>

#define TITLE_MAX_CHARS 140

void
_marz_analysis_init (MarzAnalysis *a,
                     MarzArticle  *article)
{
  GArray *sentences;
  guint s = 0;

  a->article = article;
  if (article->sentences == NULL)
    article->sentences = marz_sentences_split (article->text, article->len, article->body_start);
  sentences = article->sentences;
  a->norm = marz_normalized_new (article->text, article->len);
  a->tokens = marz_tokenize (a->norm->text, a->norm->len);
  a->sentence_of = g_new (guint, a->tokens->len + 1);

  for (guint i = 0; i < a->tokens->len; i++)
    {
      guint32 orig = a->norm->map[g_array_index (a->tokens, MarzToken, i).start];

      while (s < sentences->len && g_array_index (sentences, MarzTextSpan, s).end <= orig)
        s++;
      a->sentence_of[i] = (s < sentences->len && g_array_index (sentences, MarzTextSpan, s).start <= orig)
                        ? s : G_MAXUINT;
    }
}

void
_marz_analysis_clear (MarzAnalysis *a)
{
  g_clear_pointer (&a->norm, marz_normalized_free);
  g_clear_pointer (&a->tokens, g_array_unref);
  g_clear_pointer (&a->sentence_of, g_free);
}

/* The first token starting at or after @offset. */
guint
_marz_analysis_token_at (MarzAnalysis *a,
                         guint32       offset)
{
  guint lo = 0, hi = a->tokens->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (a->tokens, MarzToken, mid).start < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static char *
shorten (const char *text,
         gsize       len)
{
  g_autofree char *s = g_strndup (text, len);
  glong chars = g_utf8_strlen (s, -1);
  const char *cut;

  g_strstrip (s);
  if (chars <= TITLE_MAX_CHARS)
    return g_steal_pointer (&s);
  /* Cut at the last space before the limit, and say so. */
  cut = g_utf8_offset_to_pointer (s, TITLE_MAX_CHARS);
  while (cut > s && *cut != ' ')
    cut--;
  if (cut == s)
    cut = g_utf8_offset_to_pointer (s, TITLE_MAX_CHARS);
  return g_strdup_printf ("%.*s…", (int) (cut - s), s);
}

/* The first line if it is a headline (short, no full stop inside), else the
 * first sentence, shortened. */
void
_marz_extract_title (MarzAnalysis *a)
{
  MarzArticle *article = a->article;
  const char *body = article->text + article->body_start;
  const char *eol = memchr (body, '\n', article->len - article->body_start);
  gsize line_len = eol ? (gsize) (eol - body) : article->len - article->body_start;
  MarzTextSpan *first;

  if (article->sentences->len == 0)
    return;
  first = &g_array_index (article->sentences, MarzTextSpan, 0);
  if (first->end - article->body_start >= line_len)
    article->title = shorten (body, line_len);
  else
    article->title = shorten (article->text + first->start, first->end - first->start);
}

static const char * const outlets[] = {
  "رادیو آزادی", "رادیو اروپای آزاد", "بی‌بی‌سی", "بی بی سی", "بي بي سي", "رويترز", "رویترز",
  "فرانس برس", "فرانس پرس", "أسوشيتد برس", "آسوشیتدپرس", "الجزيرة", "العربية", "الأناضول",
  "طلوع نیوز", "طلوعنیوز", "آریانا نیوز", "پژواک", "خبرگزاری باختر", "باختر", "ایرنا", "ایسنا",
  "تسنیم", "خبرگزاری فارس", "ابنا", "اندیپندنت فارسی", "افغانستان اینترنشنال", "صدای آمریکا",
  "دويتشه فيله", "دویچه وله", "سكاي نيوز عربية", "الشرق الأوسط", "Reuters", "AFP", "BBC",
  "Associated Press", "Al Jazeera", "TOLOnews", "Pajhwok", "Dawn", NULL
};

MarzLexicon *
_marz_outlets_new (void)
{
  MarzLexicon *lex = marz_lexicon_new (MARZ_LEXICON_CLITICS);

  for (guint i = 0; outlets[i]; i++)
    marz_lexicon_add (lex, outlets[i], (gpointer) outlets[i]);
  return lex;
}

/* «به گزارش خبرگزاری … ـ ابنا ـ»: the outlet named after «به گزارش», up to
 * the first comma or the end of the ـ…ـ acronym block. */
static char *
source_after_bgozaresh (MarzAnalysis *a,
                        const MarzTextSpan *first)
{
  const char *text = a->article->text;
  g_autofree char *sentence = g_strndup (text + first->start, first->end - first->start);
  const char *p = strstr (sentence, "به گزارش ");
  const char *end;
  g_autofree char *source = NULL;

  if (p == NULL || p - sentence > 40)
    return NULL;
  p += strlen ("به گزارش ");
  end = p + strcspn (p, "،,:؛\n");
  source = g_strndup (p, end - p);
  /* Keep «… ـ ابنا» but drop the dash that closes it. */
  g_strstrip (source);
  while (g_str_has_suffix (source, "ـ") || g_str_has_suffix (source, "-"))
    {
      source[strlen (source) - (g_str_has_suffix (source, "ـ") ? strlen ("ـ") : 1)] = '\0';
      g_strstrip (source);
    }
  if (*source == '\0' || g_utf8_strlen (source, -1) > 80)
    return NULL;
  return g_steal_pointer (&source);
}

/* A known outlet among the first lines, or the «به گزارش X» formula. */
void
_marz_extract_source (MarzAnalysis *a,
                      MarzLexicon  *lexicon)
{
  GArray *sentences = a->article->sentences;
  guint limit_sentence = MIN (sentences->len, 3);

  if (sentences->len == 0)
    return;
  a->article->source = source_after_bgozaresh (a, &g_array_index (sentences, MarzTextSpan, 0));
  if (a->article->source != NULL)
    return;

  for (guint i = 0; i < a->tokens->len; i++)
    {
      MarzLexiconMatch m;

      if (a->sentence_of[i] == G_MAXUINT)
        continue;            /* the header line */
      if (a->sentence_of[i] >= limit_sentence)
        break;
      if (marz_lexicon_match_at (lexicon, a->norm->text, a->tokens, i, &m))
        {
          a->article->source = g_strdup (g_ptr_array_index (m.values, 0));
          return;
        }
    }
}

static gboolean
is_full_date (const MarzDateMention *m)
{
  return m->precision == MARZ_DATE_PRECISION_DAY && m->year > 0;
}

/* The date of the latest full date the text gives, resolving a year only a
 * weekday can fix («الأربعاء 29 أكتوبر»). */
static GDate *
latest_full_date (GArray      *mentions,
                  const GDate *today)
{
  GDate *latest = NULL;
  int min_year = 1900;

  for (guint i = 0; i < mentions->len; i++)
    {
      MarzDateMention *m = &g_array_index (mentions, MarzDateMention, i);
      if (m->written_year > 0 && m->written_year <= g_date_get_year (today))
        min_year = MAX (min_year, m->written_year);
    }

  for (guint i = 0; i < mentions->len; i++)
    {
      MarzDateMention *m = &g_array_index (mentions, MarzDateMention, i);
      int year = m->year, month = m->written_month ? m->written_month : m->month;
      int day = m->written_day ? m->written_day : m->day;
      g_autoptr(GDate) d = NULL;

      if (!is_full_date (m) && m->weekday > 0 && month > 0 && day > 0)
        year = marz_date_resolve_year (month, day, m->weekday, min_year, g_date_get_year (today));
      else if (!is_full_date (m))
        continue;
      if (year <= 0 || !g_date_valid_dmy (day, month, year))
        continue;
      d = g_date_new_dmy (day, month, year);
      if (g_date_compare (d, today) <= 0 && (latest == NULL || g_date_compare (d, latest) > 0))
        {
          g_clear_pointer (&latest, g_date_free);
          latest = g_steal_pointer (&d);
        }
    }
  return latest;
}

/**
 * _marz_extract_reference:
 *
 * Sets the article's publication date if the text can give one, and returns
 * the date that relative expressions in the text are resolved against.
 *
 * Returns: (transfer full) (nullable): the reference date
 */
GDate *
_marz_extract_reference (MarzAnalysis   *a,
                         MarzDateFinder *dates,
                         const GDate    *today)
{
  MarzArticle *article = a->article;
  g_autoptr(GArray) mentions = NULL;
  GDate *latest;

  if (article->origin == MARZ_DATE_ORIGIN_HEADER)
    return g_date_new_dmy (article->day, article->month, article->year);

  mentions = marz_date_finder_scan (dates, a->norm->text, a->tokens, NULL);
  latest = latest_full_date (mentions, today);
  if (latest == NULL)
    return NULL;
  article->year = g_date_get_year (latest);
  article->month = g_date_get_month (latest);
  article->day = 0;
  article->precision = MARZ_DATE_PRECISION_MONTH;
  article->origin = MARZ_DATE_ORIGIN_TEXT;
  return latest;
}
