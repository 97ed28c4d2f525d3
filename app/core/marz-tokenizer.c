/* marz-tokenizer.c
 *
 * A token is a run of letters or a run of digits.  Letters and digits glued
 * together («در9» or «۲۴نوامبر» in careless copy) are split, as are words
 * glued to Arabic punctuation («خوست،کنر»).
 */
#define G_LOG_DOMAIN "marz-tokenizer"

#include "marz-tokenizer.h"

#include <string.h>

enum { NOT_TOKEN, WORD, NUMBER };

/* Arabic proclitics in their normalized forms, by first letter, longest
 * first so «وال» is tried before «و».  Only words starting with one of
 * these letters can carry one. */
typedef struct
{
  const char *text;
  gsize       len;
} Affix;

#define AFFIX(s) { s, sizeof s - 1 }

static const Affix clitics_waw[] = { AFFIX ("وبال"), AFFIX ("وال"), AFFIX ("ولل"), AFFIX ("وب"), AFFIX ("ول"),
                                     AFFIX ("و"), { NULL, 0 } };
static const Affix clitics_feh[] = { AFFIX ("فال"), AFFIX ("فلل"), AFFIX ("فب"), AFFIX ("فل"), AFFIX ("ف"),
                                     { NULL, 0 } };
static const Affix clitics_beh[] = { AFFIX ("بال"), AFFIX ("ب"), { NULL, 0 } };
static const Affix clitics_lam[] = { AFFIX ("لل"), AFFIX ("ل"), { NULL, 0 } };
static const Affix clitics_alef[] = { AFFIX ("ال"), { NULL, 0 } };

static const Affix *
clitics_for (const char *word)
{
  /* All five letters are two bytes in UTF-8: U+0648 و, U+0641 ف, U+0628 ب,
   * U+0644 ل, U+0627 ا. */
  switch (((guchar) word[0] << 8) | (guchar) word[1])
    {
    case 0xD988: return clitics_waw;
    case 0xD981: return clitics_feh;
    case 0xD8A8: return clitics_beh;
    case 0xD984: return clitics_lam;
    case 0xD8A7: return clitics_alef;
    default:     return NULL;
    }
}

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

static inline int
class_of (const guint8 *classes,
          gunichar      c)
{
  if (c < 0x10000)
    return classes[c];
  return !(g_unichar_isalnum (c) || g_unichar_ismark (c)) ? NOT_TOKEN
       : g_unichar_isdigit (c) ? NUMBER : WORD;
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

/* marz_token_hash () of some bytes, from that of those before them. */
static inline guint32
hash_more (guint32       h,
           const guchar *bytes,
           gsize         len)
{
  for (gsize i = 0; i < len; i++)
    h = h * MARZ_TOKEN_HASH_FACTOR + bytes[i];
  return h;
}

static inline guint32
hash_bytes (const char *bytes,
            gsize       len)
{
  return hash_more (0, (const guchar *) bytes, len);
}

/* Sets @token's stems, its hash being set. */
static inline void
fill_stems (MarzToken  *token,
            const char *normalized)
{
  const char *word = normalized + token->start;
  gsize len = token->end - token->start;
  const Affix *clitics = token->kind == MARZ_TOKEN_WORD && len >= 6 ? clitics_for (word) : NULL;

  token->n_stems = 0;
  for (guint c = 0; clitics && clitics[c].text; c++)
    if (len >= clitics[c].len + 4 && memcmp (word, clitics[c].text, clitics[c].len) == 0)
      {
        g_assert (token->n_stems < MARZ_TOKEN_MAX_STEMS);
        token->stem_skip[token->n_stems] = clitics[c].len;
        token->stem_hash[token->n_stems++] = hash_bytes (word + clitics[c].len, len - clitics[c].len);
      }
}

/* Sets token @n of @tokens, whose length grows by doubling: an append is a
 * call per token. */
static inline guint
add_token (GArray     *tokens,
           guint       n,
           const char *normalized,
           guint32     start,
           guint32     end,
           int         class,
           guint32     hash)
{
  MarzToken *t;

  if (n == tokens->len)
    g_array_set_size (tokens, 2 * tokens->len);
  t = &g_array_index (tokens, MarzToken, n);
  t->start = start;
  t->end = end;
  t->kind = class == NUMBER ? MARZ_TOKEN_NUMBER : MARZ_TOKEN_WORD;
  t->hash = hash;
  fill_stems (t, normalized);
  return n + 1;
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
  const guchar *bytes = (const guchar *) normalized;
  guint n_tokens = 0;
  int current = NOT_TOKEN;
  guint32 start = 0, hash = 0;

  g_array_set_size (tokens, len / 6 + 1);
  for (gsize i = 0; i < len;)
    {
      guint n;
      int class = class_of (classes, next_char (normalized + i, &n));

      /* A token ends where letters give way to digits, or to neither. */
      if (class != current)
        {
          if (current != NOT_TOKEN)
            n_tokens = add_token (tokens, n_tokens, normalized, start, i, current, hash);
          start = i;
          current = class;
          hash = 0;
        }
      if (class != NOT_TOKEN)
        hash = hash_more (hash, bytes + i, n);
      i += n;
      /* The rest of a word in the Arabic block, without the general case. */
      while (class == WORD && i + 1 < len && (bytes[i] & 0xE0) == 0xC0
             && classes[((bytes[i] & 0x1F) << 6) | (bytes[i + 1] & 0x3F)] == WORD)
        {
          hash = hash_more (hash, bytes + i, 2);
          i += 2;
        }
    }
  if (current != NOT_TOKEN)
    n_tokens = add_token (tokens, n_tokens, normalized, start, len, current, hash);
  g_array_set_size (tokens, n_tokens);
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
  return hash_bytes (bytes, len);
}

/**
 * marz_token_fill:
 * @token: a token whose start, end and kind are set
 * @normalized: the text it is in
 *
 * Sets @token's hash and, for a word, its stems: the word less each
 * proclitic it starts with that leaves at least two letters (four bytes of
 * Arabic script).
 */
void
marz_token_fill (MarzToken  *token,
                 const char *normalized)
{
  token->hash = hash_bytes (normalized + token->start, token->end - token->start);
  fill_stems (token, normalized);
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
  const MarzToken *t = (const MarzToken *) tokens->data;
  gsize size = 1;
  char *out, *p;

  for (guint i = 0; i < tokens->len; i++)
    if (t[i].start >= from)
      size += t[i].end - t[i].start + 1;
  p = out = g_malloc (size);
  for (guint i = 0; i < tokens->len; i++)
    if (t[i].start >= from)
      {
        memcpy (p, normalized + t[i].start, t[i].end - t[i].start);
        p += t[i].end - t[i].start;
        *p++ = ' ';
      }
  *p = '\0';
  return out;
}
