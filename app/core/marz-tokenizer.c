/* marz-tokenizer.c
 *
 * A token is a run of letters or a run of digits.  Letters and digits glued
 * together («در9» or «۲۴نوامبر» in careless copy) are split, as are words
 * glued to Arabic punctuation («خوست،کنر»).
 */
#define G_LOG_DOMAIN "marz-tokenizer"

#include "marz-tokenizer.h"

static MarzTokenKind
kind_of (gunichar c,
         gboolean *is_token)
{
  if (c < 0x80)
    {
      *is_token = g_ascii_isalnum (c);
      return g_ascii_isdigit (c) ? MARZ_TOKEN_NUMBER : MARZ_TOKEN_WORD;
    }
  *is_token = g_unichar_isalnum (c) || g_unichar_ismark (c);
  return g_unichar_isdigit (c) ? MARZ_TOKEN_NUMBER : MARZ_TOKEN_WORD;
}

/**
 * marz_tokenize:
 * @normalized: a normalized text (see marz_normalized_new())
 * @len: its length in bytes
 *
 * Returns: (transfer full) (element-type MarzToken): the tokens, in order
 */
GArray *
marz_tokenize (const char *normalized,
               gsize       len)
{
  GArray *tokens = g_array_sized_new (FALSE, FALSE, sizeof (MarzToken), len / 6 + 1);
  const char *p = normalized;
  const char *end = normalized + len;
  MarzToken current = { 0, 0, MARZ_TOKEN_WORD, 0 };
  gboolean in_token = FALSE;

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);
      gboolean is_token;
      MarzTokenKind kind = kind_of (c, &is_token);
      guint32 offset = p - normalized;

      if (in_token && (!is_token || kind != current.kind))
        {
          current.end = offset;
          g_array_append_val (tokens, current);
          in_token = FALSE;
        }
      if (is_token && !in_token)
        {
          current.start = offset;
          current.kind = kind;
          in_token = TRUE;
        }
      p = g_utf8_next_char (p);
    }

  if (in_token)
    {
      current.end = len;
      g_array_append_val (tokens, current);
    }
  for (guint i = 0; i < tokens->len; i++)
    {
      MarzToken *t = &g_array_index (tokens, MarzToken, i);
      t->hash = marz_token_hash (normalized + t->start, t->end - t->start);
    }
  return tokens;
}

/**
 * marz_token_hash:
 *
 * The same hash as g_str_hash() (djb2), on bytes that need not end in NUL:
 * every lexicon an article passes through checks its words against a set of
 * these, so the words are hashed once, not once per lexicon.
 */
guint32
marz_token_hash (const char *bytes,
                 gsize       len)
{
  guint32 h = 5381;

  for (gsize i = 0; i < len; i++)
    h = (h << 5) + h + (guchar) bytes[i];
  return h;
}

/**
 * marz_tokens_join:
 * @tokens: (element-type MarzToken): the tokens of @normalized
 * @from: the first byte of @normalized to take
 *
 * Returns: (transfer full): the words from @from on, each followed by a space
 *   (what the search index holds)
 */
char *
marz_tokens_join (const char   *normalized,
                  const GArray *tokens,
                  gsize         from)
{
  GString *out = g_string_sized_new (tokens->len * 8);

  for (guint i = 0; i < tokens->len; i++)
    {
      MarzToken *t = &g_array_index (tokens, MarzToken, i);
      if (t->start < from)
        continue;
      g_string_append_len (out, normalized + t->start, t->end - t->start);
      g_string_append_c (out, ' ');
    }
  return g_string_free (out, FALSE);
}
