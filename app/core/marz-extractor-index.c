/* marz-extractor-index.c: which items of a scan belong to which sentence
 *
 * Part of MarzExtractor.  Every scan lists its findings in text order, so
 * one pass finds where each sentence's items start; the extractor's loops
 * then visit a sentence's own items instead of the whole article, which
 * kept long articles from taking quadratic time.
 */
#define G_LOG_DOMAIN "marz-extractor"

#include "marz-extractor-private.h"
#include "marz-numbers.h"

/* Where each sentence's items start, for items at @tokens in text order.
 * Items outside any sentence (the header line) fall before sentence 0. */
static guint *
index_tokens (MarzAnalysis *a,
              const guint  *tokens,
              guint         n)
{
  guint n_sentences = a->article->sentences->len;
  guint *at = g_new (guint, n_sentences + 1);
  guint i = 0;

  for (guint sentence = 0; sentence < n_sentences; sentence++)
    {
      while (i < n && (a->sentence_of[tokens[i]] == G_MAXUINT || a->sentence_of[tokens[i]] < sentence))
        i++;
      at[sentence] = i;
    }
  at[n_sentences] = n;
  return at;
}

/* The same for an array of structs with a guint `token` at @offset. */
static guint *
index_items (MarzAnalysis *a,
             const GArray *items,
             gsize         offset)
{
  guint size = g_array_get_element_size ((GArray *) items);
  g_autofree guint *tokens = g_new (guint, items->len + 1);

  for (guint i = 0; i < items->len; i++)
    tokens[i] = *(const guint *) (items->data + (gsize) i * size + offset);
  return index_tokens (a, tokens, items->len);
}

/**
 * _marz_scans_index:
 *
 * Fills @s's per-sentence index (see Scans).
 */
void
_marz_scans_index (MarzAnalysis *a,
                   Scans        *s)
{
  s->date_token = g_new (guint, s->dates->len + 1);
  for (guint i = 0; i < s->dates->len; i++)
    s->date_token[i] = MIN (_marz_analysis_token_at (a, g_array_index (s->dates, MarzDateMention, i).start),
                            a->tokens->len - 1);
  s->dates_at = index_tokens (a, s->date_token, s->dates->len);
  s->places_at = index_items (a, s->places, G_STRUCT_OFFSET (MarzPlaceMention, token));
  s->numbers_at = index_items (a, s->numbers, G_STRUCT_OFFSET (MarzNumber, token));
  s->triggers_at = index_items (a, s->triggers, G_STRUCT_OFFSET (MarzLexiconMatch, token));
  s->after_at = index_items (a, s->after, G_STRUCT_OFFSET (MarzLexiconMatch, token));
  s->before_at = index_items (a, s->before, G_STRUCT_OFFSET (MarzLexiconMatch, token));
  s->cues_at = index_items (a, s->cues, G_STRUCT_OFFSET (MarzLexiconMatch, token));
  s->blame_at = index_items (a, s->blame, G_STRUCT_OFFSET (MarzLexiconMatch, token));
}

