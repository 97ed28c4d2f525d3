/* marz-lexicon.c
 *
 * Phrases are keyed by their normalized words joined with one space.  A set of
 * first words lets the scan reject most tokens with a single lookup, which
 * matters: every article passes through several lexicons on import.
 */
#define G_LOG_DOMAIN "marz-lexicon"

#include "marz-lexicon.h"
#include "marz-normalize.h"

#include <string.h>

#define MAX_KEY 256

struct _MarzLexicon
{
  gatomicrefcount  ref_count;
  MarzLexiconFlags flags;
  GHashTable      *phrases;      /* key → GPtrArray of values */
  GHashTable      *first_words;  /* set of the first word of every key */
  GHashTable      *first_hashes; /* marz_token_hash() of those words, to reject
                                  * most words without copying them */
  guint64          filter[128];  /* bit (hash % 8192) set for each first word:
                                  * rejects nearly every word with one read */
  guint            max_words;
  guint            size;
};

/* Normalized forms by first letter, longest first so «وال» wins over «و».
 * Only words starting with one of these letters can carry a clitic, which
 * saves trying them all on every word of every article.  Lengths are fixed
 * at compile time: these are tried on every word of every article. */
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
  if ((guchar) word[0] != 0xD9 && (guchar) word[0] != 0xD8)
    return NULL;
  switch (g_utf8_get_char (word))
    {
    case 0x0648: return clitics_waw;
    case 0x0641: return clitics_feh;
    case 0x0628: return clitics_beh;
    case 0x0644: return clitics_lam;
    case 0x0627: return clitics_alef;
    default:     return NULL;
    }
}

static const Affix suffixes[] = {
  AFFIX ("هایی"), AFFIX ("های"), AFFIX ("ها"), AFFIX ("ای"), AFFIX ("ی"), { NULL, 0 }
};

static void
add_key (MarzLexicon *self,
         const char  *key,
         gpointer     value)
{
  GPtrArray *values = g_hash_table_lookup (self->phrases, key);
  const char *space = strchr (key, ' ');
  guint words = 1;
  guint32 hash;

  if (values == NULL)
    {
      values = g_ptr_array_new ();
      g_hash_table_insert (self->phrases, g_strdup (key), values);
    }
  if (!g_ptr_array_find (values, value, NULL))
    g_ptr_array_add (values, value);

  g_hash_table_add (self->first_words,
                    space ? g_strndup (key, space - key) : g_strdup (key));
  hash = marz_token_hash (key, space ? (gsize) (space - key) : strlen (key));
  g_hash_table_add (self->first_hashes, GUINT_TO_POINTER (hash));
  self->filter[(hash >> 6) & 127] |= G_GUINT64_CONSTANT (1) << (hash & 63);
  for (const char *p = key; (p = strchr (p, ' ')); p++)
    words++;
  self->max_words = MAX (self->max_words, words);
}

MarzLexicon *
marz_lexicon_new (MarzLexiconFlags flags)
{
  MarzLexicon *self = g_new0 (MarzLexicon, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->flags = flags;
  self->phrases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  self->first_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->first_hashes = g_hash_table_new (NULL, NULL);
  return self;
}

MarzLexicon *
marz_lexicon_ref (MarzLexicon *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
marz_lexicon_unref (MarzLexicon *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->phrases);
  g_hash_table_unref (self->first_words);
  g_hash_table_unref (self->first_hashes);
  g_free (self);
}

/**
 * marz_lexicon_add:
 * @phrase: a word or phrase in any spelling
 * @value: what a match of @phrase stands for (borrowed, must outlive @self)
 *
 * A phrase of several words also matches with its words written together, as
 * happens when a ZWNJ or a space is lost («سپینبولدک»).
 */
void
marz_lexicon_add (MarzLexicon *self,
                  const char  *phrase,
                  gpointer     value)
{
  g_autofree char *key = NULL;
  g_autoptr(GString) spaced = g_string_new (NULL);
  g_autoptr(GString) glued = g_string_new (NULL);
  g_autoptr(GArray) tokens = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (phrase != NULL);

  /* A ZWNJ marks a word boundary: the news may write a space there instead. */
  if (strstr (phrase, "\u200c") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (phrase, "\u200c", -1);
      g_autofree char *spaced_phrase = g_strjoinv (" ", parts);
      marz_lexicon_add (self, spaced_phrase, value);
      self->size--;
    }

  key = marz_normalize_key (phrase);
  tokens = marz_tokenize (key, strlen (key));
  if (tokens->len == 0)
    return;

  for (guint i = 0; i < tokens->len; i++)
    {
      const MarzToken *t = &g_array_index (tokens, MarzToken, i);
      if (i > 0)
        g_string_append_c (spaced, ' ');
      g_string_append_len (spaced, key + t->start, t->end - t->start);
      g_string_append_len (glued, key + t->start, t->end - t->start);
    }
  if (spaced->len >= MAX_KEY)
    return;

  add_key (self, spaced->str, value);
  if (tokens->len > 1)
    add_key (self, glued->str, value);
  self->size++;
}

guint
marz_lexicon_get_size (MarzLexicon *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->size;
}

static gboolean
has_prefix_len (const char  *word,
                gsize        len,
                const Affix *prefix)
{
  /* Leave at least two letters (four bytes of Arabic script) after a clitic. */
  return len >= prefix->len + 4 && memcmp (word, prefix->text, prefix->len) == 0;
}

/* Builds the key of tokens [index, index + n) into buf, dropping @skip bytes
 * at the start and @cut bytes at the end. */
static gboolean
build_key (const char   *text,
           const GArray *tokens,
           guint         index,
           guint         n,
           gsize         skip,
           gsize         cut,
           char          buf[MAX_KEY])
{
  gsize pos = 0;

  for (guint i = 0; i < n; i++)
    {
      const MarzToken *t = &g_array_index (tokens, MarzToken, index + i);
      gsize start = t->start + (i == 0 ? skip : 0);
      gsize end = t->end - (i == n - 1 ? cut : 0);

      if (t->kind != MARZ_TOKEN_WORD || end <= start || pos + (end - start) + 2 >= MAX_KEY)
        return FALSE;
      if (i > 0)
        buf[pos++] = ' ';
      memcpy (buf + pos, text + start, end - start);
      pos += end - start;
    }
  buf[pos] = '\0';
  return TRUE;
}

static GPtrArray *
lookup (MarzLexicon  *self,
        const char   *text,
        const GArray *tokens,
        guint         index,
        guint         n,
        gsize         skip,
        gsize         cut)
{
  char buf[MAX_KEY];

  if (!build_key (text, tokens, index, n, skip, cut, buf))
    return NULL;
  return g_hash_table_lookup (self->phrases, buf);
}

/* Whether @word starts a phrase: the filter and the hash set answer for
 * nearly every word; only a likely hit is copied and compared. */
static gboolean
has_first (MarzLexicon *self,
           const char  *word,
           gsize        len,
           guint32      hash)
{
  char buf[MAX_KEY];

  if ((self->filter[(hash >> 6) & 127] & (G_GUINT64_CONSTANT (1) << (hash & 63))) == 0
      || len >= MAX_KEY || !g_hash_table_contains (self->first_hashes, GUINT_TO_POINTER (hash)))
    return FALSE;
  memcpy (buf, word, len);
  buf[len] = '\0';
  return g_hash_table_contains (self->first_words, buf);
}

static gboolean
is_first_word (MarzLexicon     *self,
               const char      *text,
               const MarzToken *t,
               gsize            skip)
{
  const char *word = text + t->start + skip;
  gsize len = t->end - t->start - skip;

  if (has_first (self, word, len, skip == 0 ? t->hash : marz_token_hash (word, len)))
    return TRUE;
  if ((self->flags & MARZ_LEXICON_SUFFIXES) == 0)
    return FALSE;
  /* A one-word phrase with a suffix is not in the set under its full form. */
  for (guint s = 0; suffixes[s].text; s++)
    {
      gsize n = suffixes[s].len;
      if (len > n + 2 && memcmp (word + len - n, suffixes[s].text, n) == 0
          && has_first (self, word, len - n, marz_token_hash (word, len - n)))
        return TRUE;
    }
  return FALSE;
}

static GPtrArray *
lookup_with_suffixes (MarzLexicon  *self,
                      const char   *text,
                      const GArray *tokens,
                      guint         index,
                      guint         n,
                      gsize         skip)
{
  GPtrArray *values = lookup (self, text, tokens, index, n, skip, 0);
  const MarzToken *last = &g_array_index (tokens, MarzToken, index + n - 1);

  if (values != NULL || (self->flags & MARZ_LEXICON_SUFFIXES) == 0)
    return values;

  for (guint s = 0; suffixes[s].text && values == NULL; s++)
    {
      gsize len = suffixes[s].len;
      gsize word = last->end - last->start - (n == 1 ? skip : 0);

      if (word > len + 2 && memcmp (text + last->end - len, suffixes[s].text, len) == 0)
        values = lookup (self, text, tokens, index, n, skip, len);
    }
  return values;
}

static gboolean
match_with_skip (MarzLexicon      *self,
                 const char       *text,
                 const GArray     *tokens,
                 guint             index,
                 gsize             skip,
                 MarzLexiconMatch *match)
{
  const MarzToken *first = &g_array_index (tokens, MarzToken, index);
  guint max_n = MIN (self->max_words, tokens->len - index);

  if (!is_first_word (self, text, first, skip))
    return FALSE;

  for (guint n = max_n; n >= 1; n--)
    {
      GPtrArray *values = lookup_with_suffixes (self, text, tokens, index, n, skip);

      if (values != NULL)
        {
          match->start = first->start;
          match->key_start = first->start + skip;
          match->end = g_array_index (tokens, MarzToken, index + n - 1).end;
          match->token = index;
          match->n_tokens = n;
          match->values = values;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * marz_lexicon_match_at:
 * @text: the normalized text
 * @tokens: (element-type MarzToken): its tokens
 * @index: the token where the phrase must start
 * @match: (out): the longest phrase starting at @index
 *
 * Returns: whether a phrase starts at @index
 */
gboolean
marz_lexicon_match_at (MarzLexicon      *self,
                       const char       *text,
                       const GArray     *tokens,
                       guint             index,
                       MarzLexiconMatch *match)
{
  const MarzToken *first;
  const Affix *clitics;
  gsize len;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < tokens->len, FALSE);

  first = &g_array_index (tokens, MarzToken, index);
  if (first->kind != MARZ_TOKEN_WORD)
    return FALSE;
  if (match_with_skip (self, text, tokens, index, 0, match))
    return TRUE;
  if ((self->flags & MARZ_LEXICON_CLITICS) == 0)
    return FALSE;

  len = first->end - first->start;
  clitics = clitics_for (text + first->start);
  for (guint c = 0; clitics && clitics[c].text; c++)
    if (has_prefix_len (text + first->start, len, &clitics[c])
        && match_with_skip (self, text, tokens, index, clitics[c].len, match))
      return TRUE;
  return FALSE;
}

/* «أفغانستانوباكستان»: a word that is two entries joined by و. */
static gboolean
match_glued (MarzLexicon      *self,
             const char       *text,
             const GArray     *tokens,
             guint             index,
             GArray           *matches)
{
  const MarzToken *t = &g_array_index (tokens, MarzToken, index);
  static const char waw[] = "و";

  for (guint32 k = t->start + 4; k + 4 < t->end; k = g_utf8_next_char (text + k) - text)
    {
      MarzToken parts[2] = { { t->start, k, MARZ_TOKEN_WORD, 0 },
                             { k + sizeof waw - 1, t->end, MARZ_TOKEN_WORD, 0 } };
      g_autoptr(GArray) sub = NULL;
      MarzLexiconMatch left, right;

      if (memcmp (text + k, waw, sizeof waw - 1) != 0)
        continue;
      parts[0].hash = marz_token_hash (text + parts[0].start, parts[0].end - parts[0].start);
      parts[1].hash = marz_token_hash (text + parts[1].start, parts[1].end - parts[1].start);
      sub = g_array_new (FALSE, FALSE, sizeof (MarzToken));
      g_array_append_vals (sub, parts, 2);
      if (marz_lexicon_match_at (self, text, sub, 0, &left) && left.n_tokens == 1
          && marz_lexicon_match_at (self, text, sub, 1, &right) && right.n_tokens == 1)
        {
          left.token = right.token = index;
          g_array_append_val (matches, left);
          g_array_append_val (matches, right);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * marz_lexicon_scan:
 * @text: the normalized text
 * @tokens: (element-type MarzToken): its tokens
 *
 * Returns: (transfer full) (element-type MarzLexiconMatch): the phrases found,
 *   left to right, longest first, not overlapping
 */
GArray *
marz_lexicon_scan (MarzLexicon  *self,
                   const char   *text,
                   const GArray *tokens)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (MarzLexiconMatch));

  g_return_val_if_fail (self != NULL, matches);

  for (guint i = 0; i < tokens->len;)
    {
      MarzLexiconMatch match;

      if (marz_lexicon_match_at (self, text, tokens, i, &match))
        {
          g_array_append_val (matches, match);
          i += match.n_tokens;
          continue;
        }
      if ((self->flags & MARZ_LEXICON_GLUED) != 0
          && g_array_index (tokens, MarzToken, i).kind == MARZ_TOKEN_WORD)
        match_glued (self, text, tokens, i, matches);
      i++;
    }
  return matches;
}
