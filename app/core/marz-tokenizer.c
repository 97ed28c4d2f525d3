/* marz-tokenizer.c
 *
 * A token is a run of letters or a run of digits.  Letters and digits glued
 * together («در9» or «۲۴نوامبر» in careless copy) are split, as are words
 * glued to Arabic punctuation («خوست،کنر»).
 */
#define G_LOG_DOMAIN "marz-tokenizer"

#include "marz-tokenizer.h"

enum { NOT_TOKEN, WORD, NUMBER };

/* g_unichar_isalnum () and friends, looked up once per character of the
 * Basic Multilingual Plane: tokenizing runs over every article imported. */
static gpointer
build_classes (gpointer data)
{
  guint8 *classes = g_new (guint8, 0x10000);

  for (gunichar c = 0; c < 0x10000; c++)
    {
      gboolean token = c < 0x80 ? g_ascii_isalnum (c)
                                : (g_unichar_isalnum (c) || g_unichar_ismark (c));
      gboolean digit = c < 0x80 ? g_ascii_isdigit (c) : g_unichar_isdigit (c);
      classes[c] = !token ? NOT_TOKEN : digit ? NUMBER : WORD;
    }
  return classes;
}

static MarzTokenKind
kind_of (const guint8 *classes,
         gunichar      c,
         gboolean     *is_token)
{
  int class;

  if (c < 0x10000)
    class = classes[c];
  else
    class = !(g_unichar_isalnum (c) || g_unichar_ismark (c)) ? NOT_TOKEN
          : g_unichar_isdigit (c) ? NUMBER : WORD;
  *is_token = class != NOT_TOKEN;
  return class == NUMBER ? MARZ_TOKEN_NUMBER : MARZ_TOKEN_WORD;
}

/* The character at @p and its length, decoding one- and two-byte UTF-8
 * (ASCII and the Arabic block) inline. */
static inline gunichar
next_char (const char *p,
           guint      *len)
{
  guchar b = p[0];

  if (b < 0x80)
    return *len = 1, b;
  if ((b & 0xE0) == 0xC0)
    return *len = 2, ((b & 0x1F) << 6) | ((guchar) p[1] & 0x3F);
  *len = g_utf8_next_char (p) - p;
  return g_utf8_get_char (p);
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
  static GOnce once = G_ONCE_INIT;
  const guint8 *classes = g_once (&once, build_classes, NULL);
  GArray *tokens = g_array_sized_new (FALSE, FALSE, sizeof (MarzToken), len / 6 + 1);
  const char *p = normalized;
  const char *end = normalized + len;
  MarzToken current = { 0, 0, MARZ_TOKEN_WORD, 0 };
  gboolean in_token = FALSE;

  while (p < end)
    {
      guint n;
      gunichar c = next_char (p, &n);
      gboolean is_token;
      MarzTokenKind kind = kind_of (classes, c, &is_token);
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
      p += n;
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
 * The bytes as the digits of a number in base %MARZ_TOKEN_HASH_FACTOR,
 * modulo 2^32.  Every lexicon an article passes through checks its words
 * against a set of these, so the words are hashed once, not once per lexicon;
 * being a polynomial, the hash of a word less a clitic or a suffix, or of a
 * phrase, follows from the word's hash by arithmetic (see marz-lexicon.c).
 */
guint32
marz_token_hash (const char *bytes,
                 gsize       len)
{
  guint32 h = 0;

  for (gsize i = 0; i < len; i++)
    h = h * MARZ_TOKEN_HASH_FACTOR + (guchar) bytes[i];
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
