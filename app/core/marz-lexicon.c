/* marz-lexicon.c
 *
 * Phrases are keyed by their normalized words joined with one space.  Every
 * article passes through a dozen lexicons on import, so a phrase is found
 * without building its key: marz_token_hash() is a polynomial in the bytes,
 * which gives the hash of a word less a suffix, and of a phrase from its
 * words' hashes, by arithmetic on the hashes the tokenizer made (with those
 * of each word less its proclitics).
 * A bit filter of first words rejects nearly every word with one read; the
 * bytes are compared only when a phrase's hash is in the table.
 */
#define G_LOG_DOMAIN "marz-lexicon"

#include "marz-lexicon.h"
#include "marz-normalize.h"

#include <string.h>

#define MAX_KEY 256
#define MAX_AFFIX 8                                /* bytes of the longest clitic or suffix */
#define MAX_WORD (MAX_KEY + 2 * MAX_AFFIX)         /* longer words are in no key, however cut */
#define FILTER_BITS 13
#define P MARZ_TOKEN_HASH_FACTOR

typedef struct
{
  char      *key;
  guint      len;
  guint      n_words;
  guint32    hash;     /* marz_token_hash() of the key */
  GPtrArray *values;   /* every value added under this phrase */
} Entry;

typedef struct
{
  guint32 hash;        /* marz_token_hash() of a first word */
  guint64 lengths;     /* bit n: a phrase of n words starts with it (bit 63: 63 or more);
                        * 0: a free slot */
} First;

struct _MarzLexicon
{
  gatomicrefcount  ref_count;
  MarzLexiconFlags flags;
  GHashTable      *phrases;      /* key → Entry, owned */
  Entry          **entries;      /* open addressing by Entry.hash */
  guint            n_entries;
  guint            entries_size; /* a power of two, or 0 */
  First           *firsts;       /* open addressing by First.hash */
  guint            n_firsts;
  guint            firsts_size;
  guint64          filter[(1 << FILTER_BITS) / 64];  /* bit set for each first word */
  guint            max_words;
  guint            size;
};

/* P^k, and the inverse of P^k modulo 2^32 for an affix (P is odd). */
static guint32 powers[MAX_WORD + 1];
static guint32 inverse_powers[MAX_AFFIX + 1];

static void
init_powers (void)
{
  static gsize done = 0;
  guint32 inverse = P;

  if (!g_once_init_enter (&done))
    return;
  /* Newton's iteration: each step doubles the correct low bits. */
  for (int i = 0; i < 5; i++)
    inverse *= 2 - P * inverse;
  powers[0] = inverse_powers[0] = 1;
  for (guint k = 1; k <= MAX_WORD; k++)
    powers[k] = powers[k - 1] * P;
  for (guint k = 1; k <= MAX_AFFIX; k++)
    inverse_powers[k] = inverse_powers[k - 1] * inverse;
  g_once_init_leave (&done, 1);
}

/* Spreads a polynomial hash's low-entropy low bits over the high ones, which
 * index the tables and the filter. */
static inline guint32
mix (guint32 hash)
{
  return hash * 0x9E3779B1u;
}

static inline guint32
hash_affix (const char *bytes,
            gsize       len)
{
  guint32 h = 0;

  for (gsize i = 0; i < len; i++)
    h = h * P + (guchar) bytes[i];
  return h;
}

/* The hash of a word less its last @k bytes, which end at @end. */
static inline guint32
drop_suffix (guint32     hash,
             const char *end,
             gsize       k)
{
  return (hash - hash_affix (end - k, k)) * inverse_powers[k];
}

/* The hash of a phrase followed by a space and a word. */
static inline guint32
append_word (guint32 phrase,
             guint32 word,
             gsize   word_len)
{
  return (phrase * P + ' ') * powers[word_len] + word;
}

static inline guint64
length_bit (guint n)
{
  return G_GUINT64_CONSTANT (1) << MIN (n, 63);
}

/* Persian plural and ezafe endings, longest first. */
typedef struct
{
  const char *text;
  gsize       len;
} Affix;

#define AFFIX(s) { s, sizeof s - 1 }

static const Affix suffixes[] = {
  AFFIX ("هایی"), AFFIX ("های"), AFFIX ("ها"), AFFIX ("ای"), AFFIX ("ی"), { NULL, 0 }
};

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_ptr_array_unref (e->values);
  g_free (e->key);
  g_free (e);
}

static guint
shift_for (guint size)
{
  return 32 - (g_bit_storage (size) - 1);
}

static void
place_entry (Entry **entries,
             guint   size,
             Entry  *e)
{
  guint i = mix (e->hash) >> shift_for (size);

  while (entries[i] != NULL)
    i = (i + 1) & (size - 1);
  entries[i] = e;
}

static void
insert_entry (MarzLexicon *self,
              Entry       *e)
{
  if (2 * (self->n_entries + 1) > self->entries_size)
    {
      guint size = MAX (16, 2 * self->entries_size);
      Entry **entries = g_new0 (Entry *, size);

      for (guint i = 0; i < self->entries_size; i++)
        if (self->entries[i] != NULL)
          place_entry (entries, size, self->entries[i]);
      g_free (self->entries);
      self->entries = entries;
      self->entries_size = size;
    }
  place_entry (self->entries, self->entries_size, e);
  self->n_entries++;
}

/* Returns whether @hash is new. */
static gboolean
place_first (First   *firsts,
             guint    size,
             guint32  hash,
             guint64  lengths)
{
  guint i = mix (hash) >> shift_for (size);

  for (; firsts[i].lengths != 0; i = (i + 1) & (size - 1))
    if (firsts[i].hash == hash)
      {
        firsts[i].lengths |= lengths;
        return FALSE;
      }
  firsts[i] = (First) { hash, lengths };
  return TRUE;
}

static void
insert_first (MarzLexicon *self,
              guint32      hash,
              guint        n_words)
{
  guint bit = mix (hash) >> (32 - FILTER_BITS);

  if (2 * (self->n_firsts + 1) > self->firsts_size)
    {
      guint size = MAX (16, 2 * self->firsts_size);
      First *firsts = g_new0 (First, size);

      for (guint i = 0; i < self->firsts_size; i++)
        if (self->firsts[i].lengths != 0)
          place_first (firsts, size, self->firsts[i].hash, self->firsts[i].lengths);
      g_free (self->firsts);
      self->firsts = firsts;
      self->firsts_size = size;
    }
  if (place_first (self->firsts, self->firsts_size, hash, length_bit (n_words)))
    self->n_firsts++;
  self->filter[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
}

static void
add_key (MarzLexicon *self,
         const char  *key,
         gpointer     value)
{
  Entry *e = g_hash_table_lookup (self->phrases, key);

  if (e == NULL)
    {
      const char *space = strchr (key, ' ');

      e = g_new0 (Entry, 1);
      e->key = g_strdup (key);
      e->len = strlen (key);
      e->n_words = 1;
      for (const char *p = key; (p = strchr (p, ' ')); p++)
        e->n_words++;
      e->hash = marz_token_hash (key, e->len);
      e->values = g_ptr_array_new ();
      g_hash_table_insert (self->phrases, e->key, e);
      insert_entry (self, e);
      insert_first (self, marz_token_hash (key, space ? (gsize) (space - key) : e->len), e->n_words);
      self->max_words = MAX (self->max_words, e->n_words);
    }
  if (!g_ptr_array_find (e->values, value, NULL))
    g_ptr_array_add (e->values, value);
}

MarzLexicon *
marz_lexicon_new (MarzLexiconFlags flags)
{
  MarzLexicon *self = g_new0 (MarzLexicon, 1);

  init_powers ();
  g_atomic_ref_count_init (&self->ref_count);
  self->flags = flags;
  self->phrases = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
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
  g_free (self->entries);
  g_free (self->firsts);
  g_free (self);
}

/**
 * marz_lexicon_add:
 * @phrase: a word or phrase in any spelling
 * @value: what a match of @phrase stands for (borrowed, must outlive @self)
 *
 * A phrase of several words also matches with its words written together, as
 * happens when a ZWNJ or a space is lost («سپینبولدک»).  Not thread-safe:
 * fill a lexicon before matching with it.
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

static inline gboolean
passes_filter (MarzLexicon *self,
               guint32      hash)
{
  guint bit = mix (hash) >> (32 - FILTER_BITS);

  return (self->filter[bit / 64] & (G_GUINT64_CONSTANT (1) << (bit % 64))) != 0;
}

/* The lengths (bit n: n words) of the phrases whose first word has @hash. */
static inline guint64
first_lengths (MarzLexicon *self,
               guint32      hash)
{
  guint32 m = mix (hash);

  if (!passes_filter (self, hash))
    return 0;
  for (guint i = m >> shift_for (self->firsts_size); self->firsts[i].lengths != 0;
       i = (i + 1) & (self->firsts_size - 1))
    if (self->firsts[i].hash == hash)
      return self->firsts[i].lengths;
  return 0;
}

/* Whether @e's key is tokens @t[0, n) less @skip bytes at the start and
 * @cut at the end (their lengths are known to agree). */
static gboolean
same_words (const Entry     *e,
            const char      *text,
            const MarzToken *t,
            guint            n,
            gsize            skip,
            gsize            cut)
{
  const char *k = e->key;

  for (guint i = 0; i < n; i++)
    {
      gsize start = t[i].start + (i == 0 ? skip : 0);
      gsize end = t[i].end - (i == n - 1 ? cut : 0);

      if (i > 0 && *k++ != ' ')
        return FALSE;
      if (memcmp (k, text + start, end - start) != 0)
        return FALSE;
      k += end - start;
    }
  return TRUE;
}

/* The values of the phrase of tokens @t[0, n) less @skip bytes at the start
 * and @cut at the end; @hash is that of its first word so cut.  A key as
 * long as MAX_KEY less two, with its NUL, is not looked up. */
static GPtrArray *
lookup (MarzLexicon     *self,
        const char      *text,
        const MarzToken *t,
        guint            n,
        gsize            skip,
        gsize            cut,
        guint32          hash)
{
  gsize len = t[0].end - t[0].start - skip - (n == 1 ? cut : 0);
  Entry *e;

  for (guint i = 1; i < n; i++)
    {
      gsize word = t[i].end - t[i].start - (i == n - 1 ? cut : 0);

      if (t[i].kind != MARZ_TOKEN_WORD || t[i].end <= t[i].start || len + 1 + word >= MAX_KEY - 1)
        return NULL;
      hash = append_word (hash, i == n - 1 && cut > 0 ? drop_suffix (t[i].hash, text + t[i].end, cut)
                                                      : t[i].hash, word);
      len += 1 + word;
    }
  if (len + (n == 1 ? 2 : 1) >= MAX_KEY)
    return NULL;
  for (guint i = mix (hash) >> shift_for (self->entries_size); (e = self->entries[i]) != NULL;
       i = (i + 1) & (self->entries_size - 1))
    if (e->hash == hash && e->len == len && same_words (e, text, t, n, skip, cut))
      return e->values;
  return NULL;
}

/* Affixes are short: a loop beats a call to memcmp (). */
static inline gboolean
same_bytes (const char *a,
            const char *b,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (a[i] != b[i])
      return FALSE;
  return TRUE;
}

static inline gboolean
has_suffix (const char  *word_end,
            gsize        len,
            const Affix *suffix)
{
  /* Leave at least two letters' worth before it. */
  return len > suffix->len + 2 && same_bytes (word_end - suffix->len, suffix->text, suffix->len);
}

/* Every suffix ends in ی (U+06CC) or ا (U+0627): most words can have none. */
static inline gboolean
may_have_suffix (const char *word_end,
                 gsize       len)
{
  guint last = len < 4 ? 0 : ((guchar) word_end[-2] << 8) | (guchar) word_end[-1];

  return last == 0xDB8C || last == 0xD8A7;
}

/* match_with_skip () once a phrase may start at @t: out of line, so that
 * the common case, a word that starts nothing, stays short. */
static G_GNUC_NO_INLINE GPtrArray *
match_candidate (MarzLexicon     *self,
                 const char      *text,
                 const MarzToken *t,
                 guint            max_n,
                 gsize            skip,
                 guint32          hash,
                 guint64          lengths,
                 guint           *n_words)
{
  gsize len = t->end - t->start - skip;
  gboolean suffixed = (self->flags & MARZ_LEXICON_SUFFIXES) != 0;
  GPtrArray *values = NULL;

  for (guint n = max_n; n >= 2 && (lengths >> 2) != 0; n--)
    {
      const MarzToken *last = &t[n - 1];

      if ((lengths & length_bit (n)) == 0)
        continue;
      values = lookup (self, text, t, n, skip, 0, hash);
      for (guint s = 0; suffixed && suffixes[s].text && values == NULL; s++)
        if (has_suffix (text + last->end, last->end - last->start, &suffixes[s]))
          values = lookup (self, text, t, n, skip, suffixes[s].len, hash);
      if (values != NULL)
        return *n_words = n, values;
    }
  if ((lengths & 2) != 0 && (values = lookup (self, text, t, 1, skip, 0, hash)) != NULL)
    return *n_words = 1, values;
  for (guint s = 0; suffixed && suffixes[s].text; s++)
    {
      guint32 stem;

      if (!has_suffix (text + t->end, len, &suffixes[s]))
        continue;
      stem = drop_suffix (hash, text + t->end, suffixes[s].len);
      if ((first_lengths (self, stem) & 2) != 0
          && (values = lookup (self, text, t, 1, skip, suffixes[s].len, stem)) != NULL)
        return *n_words = 1, values;
    }
  return NULL;
}

/* The longest phrase at @t less @skip bytes, trying a Persian suffix on its
 * last word after the word as it is. */
static inline GPtrArray *
match_with_skip (MarzLexicon     *self,
                 const char      *text,
                 const MarzToken *t,
                 guint            max_n,
                 gsize            skip,
                 guint32          hash,
                 guint           *n_words)
{
  gsize len = t->end - t->start;
  guint64 lengths = first_lengths (self, hash);

  if (lengths == 0 && ((self->flags & MARZ_LEXICON_SUFFIXES) == 0
                       || !may_have_suffix (text + t->end, len - skip)))
    return NULL;
  return match_candidate (self, text, t, max_n, skip, hash, lengths, n_words);
}

/* Whether one of @t's forms less a Persian suffix passes the filter, as
 * a one-word phrase must: a call only for words that end like a suffix
 * (most Persian words end in «ی»), cheaper than looking for the phrase. */
static G_GNUC_NO_INLINE gboolean
may_match_suffixed (MarzLexicon     *self,
                    const char      *text,
                    const MarzToken *t)
{
  const char *end = text + t->end;
  gsize len = t->end - t->start;

  for (guint c = 0; c <= t->n_stems; c++)
    {
      gsize skip = c == 0 ? 0 : t->stem_skip[c - 1];
      guint32 hash = c == 0 ? t->hash : t->stem_hash[c - 1];

      if (c > 0 && (self->flags & MARZ_LEXICON_CLITICS) == 0)
        break;
      for (guint s = 0; suffixes[s].text; s++)
        if (has_suffix (end, len - skip, &suffixes[s])
            && passes_filter (self, drop_suffix (hash, end, suffixes[s].len)))
          return TRUE;
    }
  return FALSE;
}

/* Whether a phrase may start at @t, from reads of the filter: nearly every
 * word ends here, before any call. */
static inline gboolean
may_match (MarzLexicon     *self,
           const char      *text,
           const MarzToken *t)
{
  if (t->kind != MARZ_TOKEN_WORD || t->end - t->start > MAX_WORD || self->entries == NULL)
    return FALSE;
  if (passes_filter (self, t->hash))
    return TRUE;
  for (guint c = 0; (self->flags & MARZ_LEXICON_CLITICS) != 0 && c < t->n_stems; c++)
    if (passes_filter (self, t->stem_hash[c]))
      return TRUE;
  return (self->flags & MARZ_LEXICON_SUFFIXES) != 0 && may_have_suffix (text + t->end, t->end - t->start)
      && may_match_suffixed (self, text, t);
}

/* The longest phrase at @index: the word as it is, then less each proclitic. */
static G_GNUC_NO_INLINE gboolean
match_word (MarzLexicon      *self,
            const char       *text,
            const MarzToken  *tokens,
            guint             n_tokens,
            guint             index,
            MarzLexiconMatch *match)
{
  const MarzToken *t = &tokens[index];
  guint max_n = MIN (self->max_words, n_tokens - index);
  GPtrArray *values;
  gsize skip = 0;
  guint n = 0;

  values = match_with_skip (self, text, t, max_n, 0, t->hash, &n);
  for (guint c = 0; (self->flags & MARZ_LEXICON_CLITICS) != 0 && c < t->n_stems && values == NULL; c++)
    values = match_with_skip (self, text, t, max_n, skip = t->stem_skip[c], t->stem_hash[c], &n);
  if (values == NULL)
    return FALSE;
  *match = (MarzLexiconMatch) {
    .start = t->start,
    .end = tokens[index + n - 1].end,
    .key_start = t->start + skip,
    .token = index,
    .n_tokens = n,
    .values = values,
  };
  return TRUE;
}

static inline gboolean
match_tokens (MarzLexicon      *self,
              const char       *text,
              const MarzToken  *tokens,
              guint             n_tokens,
              guint             index,
              MarzLexiconMatch *match)
{
  return may_match (self, text, &tokens[index])
      && match_word (self, text, tokens, n_tokens, index, match);
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
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < tokens->len, FALSE);

  return match_tokens (self, text, (const MarzToken *) tokens->data, tokens->len, index, match);
}

/* «أفغانستانوباكستان»: a word that is two entries joined by و. */
static gboolean
match_glued (MarzLexicon      *self,
             const char       *text,
             const MarzToken  *t,
             guint             index,
             GArray           *matches)
{
  static const char waw[] = "و";

  for (guint32 k = t->start + 4; k + 4 < t->end; k = g_utf8_next_char (text + k) - text)
    {
      MarzToken parts[2] = { { .start = t->start, .end = k, .kind = MARZ_TOKEN_WORD },
                             { .start = k + sizeof waw - 1, .end = t->end, .kind = MARZ_TOKEN_WORD } };
      MarzLexiconMatch left, right;

      if (memcmp (text + k, waw, sizeof waw - 1) != 0)
        continue;
      marz_token_fill (&parts[0], text);
      marz_token_fill (&parts[1], text);
      if (match_tokens (self, text, parts, 2, 0, &left) && left.n_tokens == 1
          && match_tokens (self, text, parts, 2, 1, &right) && right.n_tokens == 1)
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
  const MarzToken *t = (const MarzToken *) tokens->data;

  g_return_val_if_fail (self != NULL, matches);

  for (guint i = 0; i < tokens->len;)
    {
      MarzLexiconMatch match;

      if (match_tokens (self, text, t, tokens->len, i, &match))
        {
          g_array_append_val (matches, match);
          i += match.n_tokens;
          continue;
        }
      if ((self->flags & MARZ_LEXICON_GLUED) != 0 && t[i].kind == MARZ_TOKEN_WORD)
        match_glued (self, text, &t[i], i, matches);
      i++;
    }
  return matches;
}
