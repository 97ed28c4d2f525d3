/* marz-align.c
 *
 * Two sentences are candidates only when they share an anchor that is rare
 * enough: an inverted index from anchor key to the sentences of each side
 * gives them without looking at all pairs, and a key most sentences carry
 * («طالبان», «پاکستان») makes none, though it still adds to the score of
 * candidates found otherwise.  A candidate's score sums the IDF-like
 * weights of the keys both sentences carry; pairs are then chosen greedily
 * by score, heaviest first, each sentence in one pair at most, whatever
 * their order in the two texts.
 *
 * Aligning B with A gives the pairs of A with B, mirrored: every weight
 * depends on both sides alike, and a score sums the same weights in the
 * same order (keys sorted by pointer).  What greedy matching takes depends
 * only on the order of candidates that share a sentence, and two of those
 * that tie in score and position differ on the other side only, where the
 * sentence index decides the same way round in both directions.
 *
 * Threads: a MarzAligner is immutable once its threshold is set, so any
 * number of threads may align with it at once; each alignment's state
 * lives on its own stack and heap.
 */
#define G_LOG_DOMAIN "marz-align"

#include "marz-align-private.h"

#include <math.h>
#include <string.h>

#define DEFAULT_THRESHOLD 3.5
#define MIN_POSTINGS_CAP 64     /* a key joins candidates when df_a × df_b is below the cap */
#define MIN_FACTS 2             /* shared anchors, countries aside, a proposed pair needs */
#define MIN_PARALLEL_BYTES (128 * 1024)   /* both sides longer: B is read in a thread of its own */

struct _MarzAligner
{
  gatomicrefcount   ref_count;
  MarzAnchorFinder *finder;      /* owned */
  double            threshold;
};

/* An anchor's key and where it is, sortable by key, with what the index
 * knows of the key once both sides are read. */
typedef struct
{
  const char       *key;
  const MarzAnchor *anchor;
  guint             index;    /* in its sentence's anchors */
  double            weight;   /* key_weight() */
  const GArray     *other;    /* the other side's postings when the key is rare
                               * enough to make candidates, else NULL */
} KeyRef;

typedef struct
{
  GArray **keys_a;       /* per sentence: KeyRef sorted by key pointer */
  GArray **keys_b;
  GHashTable *post_a;    /* key → GArray of sentence indices */
  GHashTable *post_b;
  double n_sentences;
} Index;

typedef struct
{
  guint  a, b;
  double score;
  double tie;            /* distance of relative positions: the smaller wins a tie */
} Candidate;

/* The alignment with what only this file sees: which pair each sentence is in. */
typedef struct
{
  MarzAlignment  public;
  int           *pair_of_a;   /* sentence → index in public.pairs, or -1 */
  int           *pair_of_b;
} RealAlignment;

G_DEFINE_QUARK (marz-align-error-quark, marz_align_error)

MarzAligner *
marz_aligner_new (MarzAnchorFinder *finder)
{
  MarzAligner *self;

  g_return_val_if_fail (finder != NULL, NULL);

  self = g_new0 (MarzAligner, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->finder = marz_anchor_finder_ref (finder);
  self->threshold = DEFAULT_THRESHOLD;
  return self;
}

MarzAligner *
marz_aligner_ref (MarzAligner *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
marz_aligner_unref (MarzAligner *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->finder, marz_anchor_finder_unref);
  g_free (self);
}

MarzAnchorFinder *
marz_aligner_get_finder (MarzAligner *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->finder;
}

void
marz_aligner_set_threshold (MarzAligner *self,
                            double       threshold)
{
  g_return_if_fail (self != NULL);
  self->threshold = threshold;
}

double
marz_aligner_get_threshold (MarzAligner *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->threshold;
}

/* ------------------------------------------------------------------------ */

static gint
compare_keyrefs (gconstpointer a,
                 gconstpointer b)
{
  const KeyRef *x = a, *y = b;
  return (x->key > y->key) - (x->key < y->key);
}

static GArray **
index_side (GPtrArray  *sentences,
            GHashTable *postings)
{
  GArray **keys = g_new0 (GArray *, sentences->len + 1);

  for (guint i = 0; i < sentences->len; i++)
    {
      const MarzAnchoredSentence *s = g_ptr_array_index (sentences, i);
      keys[i] = g_array_sized_new (FALSE, FALSE, sizeof (KeyRef), s->anchors->len);
      for (guint j = 0; j < s->anchors->len; j++)
        {
          const MarzAnchor *anchor = &g_array_index (s->anchors, MarzAnchor, j);
          KeyRef ref = { anchor->key, anchor, j, 0, NULL };
          GArray *post = g_hash_table_lookup (postings, anchor->key);

          g_array_append_val (keys[i], ref);
          if (post == NULL)
            {
              post = g_array_new (FALSE, FALSE, sizeof (guint));
              g_hash_table_insert (postings, (gpointer) anchor->key, post);
            }
          g_array_append_val (post, i);
        }
      g_array_sort (keys[i], compare_keyrefs);
    }
  return keys;
}

static void
free_keys (GArray **keys)
{
  for (GArray **k = keys; k && *k; k++)
    g_array_unref (*k);
  g_free (keys);
}

/* Rarer keys weigh more: log(1 + N / df) over the sentences of both texts. */
static double
key_weight (const Index *index,
            guint        df)
{
  return log1p (index->n_sentences / MAX ((double) df, 1.0));
}

/* Each key's weight and, where it makes candidates, the other side's
 * postings: looked up once per anchor rather than once per candidate. */
static void
index_finish_side (Index       *index,
                   GArray     **keys,
                   GHashTable  *own,
                   GHashTable  *other,
                   guint64      cap)
{
  for (GArray **k = keys; *k; k++)
    for (guint j = 0; j < (*k)->len; j++)
      {
        KeyRef *ref = &g_array_index (*k, KeyRef, j);
        GArray *mine = g_hash_table_lookup (own, ref->key);
        GArray *theirs = g_hash_table_lookup (other, ref->key);

        ref->weight = key_weight (index, mine->len + (theirs ? theirs->len : 0));
        if (theirs != NULL && (guint64) mine->len * theirs->len <= cap)
          ref->other = theirs;
      }
}

static void
index_init (Index         *index,
            MarzAlignment *alignment)
{
  guint n_a = alignment->sentences_a->len, n_b = alignment->sentences_b->len;
  guint64 cap = MAX (MIN_POSTINGS_CAP, (guint64) (n_a + n_b));

  index->post_a = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  index->post_b = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  index->keys_a = index_side (alignment->sentences_a, index->post_a);
  index->keys_b = index_side (alignment->sentences_b, index->post_b);
  index->n_sentences = n_a + n_b;
  index_finish_side (index, index->keys_a, index->post_a, index->post_b, cap);
  index_finish_side (index, index->keys_b, index->post_b, index->post_a, cap);
}

static void
index_clear (Index *index)
{
  g_clear_pointer (&index->post_a, g_hash_table_unref);
  g_clear_pointer (&index->post_b, g_hash_table_unref);
  g_clear_pointer (&index->keys_a, free_keys);
  g_clear_pointer (&index->keys_b, free_keys);
}

static double
kind_weight (const MarzAnchor *a,
             const MarzAnchor *b)
{
  switch (a->kind)
    {
    case MARZ_ANCHOR_NUMBER:
      return a->role != MARZ_FIGURE_NONE && a->role == b->role ? 2.5 : 2.0;
    case MARZ_ANCHOR_DATE:
      return a->precision == MARZ_DATE_PRECISION_DAY ? 2.0 : 1.0;
    case MARZ_ANCHOR_PLACE:
      /* Countries name the two sides of the conflict in nearly every
       * sentence: they say who, not where. */
      if (a->place->kind == MARZ_PLACE_COUNTRY)
        return 0.2;
      /* Both only containing what they name: the named places decide. */
      if (a->contained && b->contained)
        return 0.25;
      return a->contained || b->contained ? 0.5 : 1.0;
    case MARZ_ANCHOR_CONCEPT:
    default:
      /* The Taliban government, Pakistan's army: like the countries, a
       * side of the conflict says who, not what happened. */
      if (a->concept->side)
        return 0.4;
      return a->concept->kind == MARZ_CONCEPT_ACTOR ? 2.0 : 0.6;
    }
}


/* Walks the keys both sentences carry; @links may be NULL.  The keys are
 * visited in the same order whichever side is A, so the sum is the same to
 * the last bit. */
static double
score_pair (const Index *index,
            guint        a,
            guint        b,
            GArray      *links)
{
  const GArray *ka = index->keys_a[a], *kb = index->keys_b[b];
  double score = 0;
  guint i = 0, j = 0;

  while (i < ka->len && j < kb->len)
    {
      const KeyRef *x = &g_array_index (ka, KeyRef, i), *y = &g_array_index (kb, KeyRef, j);
      double weight;

      if (x->key != y->key)
        {
          x->key < y->key ? i++ : j++;
          continue;
        }
      weight = kind_weight (x->anchor, y->anchor) * x->weight;
      score += weight;
      if (links != NULL)
        {
          MarzAlignLink link = { x->anchor->kind, x->key, x->anchor->label, weight,
                                 x->index, y->index, 0 };
          g_array_append_val (links, link);
        }
      i++, j++;
    }
  return score;
}

/* Every B sentence sharing a rare key with @a, each once: @mark[b] holds
 * the last A sentence that took b. */
static void
collect_for (const Index         *index,
             guint                a,
             guint               *mark,
             GArray              *out)
{
  const GArray *keys = index->keys_a[a];

  for (guint k = 0; k < keys->len; k++)
    {
      const GArray *pb = g_array_index (keys, KeyRef, k).other;

      for (guint j = 0; pb != NULL && j < pb->len; j++)
        {
          guint b = g_array_index (pb, guint, j);
          Candidate c = { a, b, 0, 0 };

          if (mark[b] == a + 1)
            continue;
          mark[b] = a + 1;
          g_array_append_val (out, c);
        }
    }
}

static inline gint
compare_uints (guint x,
               guint y)
{
  return (x > y) - (x < y);
}

/* Shared keys other than countries and places both only contain: one
 * alone, however rare, names a topic («TTP», «Kabul»); a reported fact
 * takes two. */
static guint
count_facts (const Index *index,
             guint        a,
             guint        b)
{
  const GArray *ka = index->keys_a[a], *kb = index->keys_b[b];
  guint i = 0, j = 0, n = 0;

  while (i < ka->len && j < kb->len)
    {
      const KeyRef *x = &g_array_index (ka, KeyRef, i), *y = &g_array_index (kb, KeyRef, j);

      if (x->key != y->key)
        {
          x->key < y->key ? i++ : j++;
          continue;
        }
      n += !(x->anchor->kind == MARZ_ANCHOR_PLACE
             && (x->anchor->place->kind == MARZ_PLACE_COUNTRY || (x->anchor->contained && y->anchor->contained)));
      i++, j++;
    }
  return n;
}

/* Heaviest first, then the closest in relative position, then by index
 * (see the top of the file for why that is order-independent). */
static gint
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  if (x->tie != y->tie)
    return x->tie > y->tie ? 1 : -1;
  return x->a != y->a ? compare_uints (x->a, y->a) : compare_uints (x->b, y->b);
}

static GArray *
score_candidates (const MarzAlignment *self,
                  const Index         *index,
                  double               threshold,
                  GHashTable          *rejected)
{
  guint n_a = self->sentences_a->len, n_b = self->sentences_b->len;
  g_autofree guint *mark = g_new0 (guint, n_b + 1);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Candidate));
  gboolean any_rejected = g_hash_table_size (rejected) > 0;
  guint kept = 0;

  for (guint a = 0; a < n_a; a++)
    collect_for (index, a, mark, out);
  for (guint i = 0; i < out->len; i++)
    {
      Candidate c = g_array_index (out, Candidate, i);
      gint64 id = ((gint64) c.a << 32) | c.b;

      if (any_rejected && g_hash_table_contains (rejected, &id))
        continue;
      c.score = score_pair (index, c.a, c.b, NULL);
      if (c.score < threshold || count_facts (index, c.a, c.b) < MIN_FACTS)
        continue;
      c.tie = fabs ((c.a + 0.5) / n_a - (c.b + 0.5) / n_b);
      g_array_index (out, Candidate, kept++) = c;
    }
  g_array_set_size (out, kept);
  g_array_sort (out, compare_candidates);
  return out;
}

/* ------------------------------------------------------------------------ */

typedef struct
{
  MarzAlignment *alignment;
  Index          index;
  int           *pair_of_a;   /* sentence → index in chosen, or -1 */
  int           *pair_of_b;
  GArray        *chosen;      /* MarzAlignPair without links */
} Matching;

static gboolean
take_pair (Matching        *m,
           guint            a,
           guint            b,
           double           score,
           MarzAlignStatus  status)
{
  MarzAlignPair pair = { a, b, score, status, NULL };

  if (m->pair_of_a[a] >= 0 || m->pair_of_b[b] >= 0)
    return FALSE;
  m->pair_of_a[a] = m->pair_of_b[b] = m->chosen->len;
  g_array_append_val (m->chosen, pair);
  return TRUE;
}

/* A decision's sentence: the one starting exactly at @start, or -1.  A
 * sentence merely holding @start is another sentence after a change to the
 * text (or to the splitting): the decision was not made about it. */
static int
sentence_at (const MarzAlignment *self,
             gboolean             side_b,
             guint                start)
{
  int i = marz_alignment_find_sentence (self, side_b, start);
  GPtrArray *sentences = side_b ? self->sentences_b : self->sentences_a;

  if (i < 0 || ((MarzAnchoredSentence *) g_ptr_array_index (sentences, i))->span.char_start != start)
    return -1;
  return i;
}

static void
apply_forced (Matching     *m,
              const GArray *decisions,
              GHashTable   *rejected)
{
  for (guint i = 0; decisions && i < decisions->len; i++)
    {
      const MarzAlignDecision *d = &g_array_index (decisions, MarzAlignDecision, i);
      int a = sentence_at (m->alignment, FALSE, d->a_start);
      int b = sentence_at (m->alignment, TRUE, d->b_start);

      if (a < 0 || b < 0)
        continue;   /* the text changed since: the decision no longer applies */
      if (d->kind == MARZ_ALIGN_DECISION_REJECT)
        {
          gint64 *id = g_new (gint64, 1);
          *id = ((gint64) a << 32) | b;
          g_hash_table_add (rejected, id);
        }
      else if (d->kind == MARZ_ALIGN_DECISION_CONFIRM || d->kind == MARZ_ALIGN_DECISION_PAIR)
        take_pair (m, a, b, score_pair (&m->index, a, b, NULL),
                   d->kind == MARZ_ALIGN_DECISION_PAIR ? MARZ_ALIGN_PAIRED : MARZ_ALIGN_CONFIRMED);
    }
}

static gint
compare_links (gconstpointer a,
               gconstpointer b)
{
  const MarzAlignLink *x = a, *y = b;

  if (x->weight != y->weight)
    return x->weight < y->weight ? 1 : -1;
  return g_strcmp0 (x->key, y->key);
}

static gint
compare_pairs_by_a (gconstpointer a,
                    gconstpointer b)
{
  const MarzAlignPair *x = *(MarzAlignPair **) a, *y = *(MarzAlignPair **) b;
  return (x->a > y->a) - (x->a < y->a);
}

static void
free_pair (MarzAlignPair *pair)
{
  g_clear_pointer (&pair->links, g_array_unref);
  g_free (pair);
}

static void
free_discrepancy (MarzDiscrepancy *d)
{
  g_free (d->detail);
  g_free (d);
}

/* The chosen pairs with their links, in A's order, coloured by key. */
static void
fill_pairs (Matching *m)
{
  MarzAlignment *self = m->alignment;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < m->chosen->len; i++)
    {
      MarzAlignPair *pair = g_memdup2 (&g_array_index (m->chosen, MarzAlignPair, i),
                                       sizeof (MarzAlignPair));
      pair->links = g_array_new (FALSE, FALSE, sizeof (MarzAlignLink));
      pair->score = score_pair (&m->index, pair->a, pair->b, pair->links);
      g_array_sort (pair->links, compare_links);
      g_ptr_array_add (self->pairs, pair);
    }
  g_ptr_array_sort (self->pairs, compare_pairs_by_a);
  for (guint i = 0; i < self->pairs->len; i++)
    {
      MarzAlignPair *pair = g_ptr_array_index (self->pairs, i);
      for (guint j = 0; j < pair->links->len; j++)
        {
          MarzAlignLink *link = &g_array_index (pair->links, MarzAlignLink, j);
          gpointer colour;

          if (!g_hash_table_lookup_extended (colours, link->key, NULL, &colour))
            {
              colour = GUINT_TO_POINTER (g_hash_table_size (colours));
              g_hash_table_insert (colours, (gpointer) link->key, colour);
            }
          link->colour = GPOINTER_TO_UINT (colour);
        }
    }
}

/* Each sentence's pair, for marz_alignment_get_pair_for_a() and _b(). */
static void
index_pairs (RealAlignment *real)
{
  MarzAlignment *self = &real->public;

  real->pair_of_a = g_new (int, self->sentences_a->len + 1);
  real->pair_of_b = g_new (int, self->sentences_b->len + 1);
  memset (real->pair_of_a, 0xff, sizeof (int) * (self->sentences_a->len + 1));
  memset (real->pair_of_b, 0xff, sizeof (int) * (self->sentences_b->len + 1));
  for (guint i = 0; i < self->pairs->len; i++)
    {
      const MarzAlignPair *pair = g_ptr_array_index (self->pairs, i);
      real->pair_of_a[pair->a] = real->pair_of_b[pair->b] = i;
    }
}

static void
match (MarzAligner  *self,
       Matching     *m,
       const GArray *decisions)
{
  g_autoptr(GHashTable) rejected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) candidates = NULL;

  apply_forced (m, decisions, rejected);
  candidates = score_candidates (m->alignment, &m->index, self->threshold, rejected);
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);
      take_pair (m, c->a, c->b, c->score, MARZ_ALIGN_PROPOSED);
    }
}

static GDate *
source_date (const MarzAlignSource *source)
{
  if (source->year == 0 || !g_date_valid_dmy (MAX (source->day, 1), MAX (source->month, 1),
                                              source->year))
    return NULL;
  /* A month-precise date stands for its last day: «يوم الأربعاء» then
   * resolves within the month, not before it. */
  if (source->day == 0)
    {
      int month = MAX (source->month, 1);
      return g_date_new_dmy (g_date_get_days_in_month (month, source->year), month, source->year);
    }
  return g_date_new_dmy (source->day, source->month, source->year);
}

static GPtrArray *
read_side (MarzAligner           *self,
           const MarzAlignSource *source,
           gsize                  len)
{
  g_autoptr(GDate) reference = source_date (source);
  return marz_anchor_finder_scan (self->finder, source->text, len,
                                  MIN (source->body_start, len), reference);
}

typedef struct
{
  MarzAligner           *aligner;
  const MarzAlignSource *source;
  gsize                  len;
} SideReading;

static gpointer
read_side_thread (gpointer data)
{
  SideReading *reading = data;
  return read_side (reading->aligner, reading->source, reading->len);
}

/* Reading the anchors is most of the work, and the finder is read-only:
 * two long texts are read at once. */
static void
read_sides (MarzAligner           *self,
            MarzAlignment         *alignment,
            const MarzAlignSource *a,
            const MarzAlignSource *b,
            gsize                  len_a,
            gsize                  len_b)
{
  SideReading reading = { self, b, len_b };
  g_autoptr(GThread) thread = NULL;

  if (len_a >= MIN_PARALLEL_BYTES && len_b >= MIN_PARALLEL_BYTES && g_get_num_processors () > 1)
    thread = g_thread_try_new ("marz-align-side", read_side_thread, &reading, NULL);
  alignment->sentences_a = read_side (self, a, len_a);
  alignment->sentences_b = thread ? g_thread_join (thread) : read_side (self, b, len_b);
}

char *
_marz_align_language_code (const char *language,
                           const char *variety)
{
  if (g_strcmp0 (variety, "fa-AF") == 0)
    return g_strdup (variety);
  return g_strdup (language && *language && !g_str_equal (language, "und") ? language : "und");
}

/**
 * marz_aligner_align:
 * @decisions: (nullable) (element-type MarzAlignDecision): a translator's,
 *   as marz_store_get_align_decisions() gives them
 *
 * Returns: (transfer full): the alignment of @a with @b
 */
MarzAlignment *
marz_aligner_align (MarzAligner           *self,
                    const MarzAlignSource *a,
                    const MarzAlignSource *b,
                    const GArray          *decisions)
{
  RealAlignment *real;
  MarzAlignment *alignment;
  Matching m = { 0 };
  gsize len_a, len_b;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (a != NULL && a->text != NULL && b != NULL && b->text != NULL, NULL);

  len_a = a->len < 0 ? strlen (a->text) : (gsize) a->len;
  len_b = b->len < 0 ? strlen (b->text) : (gsize) b->len;
  real = g_new0 (RealAlignment, 1);
  alignment = &real->public;
  alignment->name_a = g_strdup (a->name);
  alignment->name_b = g_strdup (b->name);
  alignment->language_a = _marz_align_language_code (a->language, a->variety);
  alignment->language_b = _marz_align_language_code (b->language, b->variety);
  alignment->text_a = g_strndup (a->text, len_a);
  alignment->text_b = g_strndup (b->text, len_b);
  read_sides (self, alignment, a, b, len_a, len_b);
  alignment->pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) free_pair);
  alignment->discrepancies = g_ptr_array_new_with_free_func ((GDestroyNotify) free_discrepancy);

  m.alignment = alignment;
  index_init (&m.index, alignment);
  m.pair_of_a = g_new (int, alignment->sentences_a->len + 1);
  m.pair_of_b = g_new (int, alignment->sentences_b->len + 1);
  memset (m.pair_of_a, 0xff, sizeof (int) * (alignment->sentences_a->len + 1));
  memset (m.pair_of_b, 0xff, sizeof (int) * (alignment->sentences_b->len + 1));
  m.chosen = g_array_new (FALSE, FALSE, sizeof (MarzAlignPair));

  match (self, &m, decisions);
  fill_pairs (&m);
  index_pairs (real);
  _marz_alignment_find_discrepancies (alignment);

  index_clear (&m.index);
  g_free (m.pair_of_a);
  g_free (m.pair_of_b);
  g_array_unref (m.chosen);
  return alignment;
}

void
marz_alignment_free (MarzAlignment *self)
{
  RealAlignment *real = (RealAlignment *) self;

  if (self == NULL)
    return;
  g_free (real->pair_of_a);
  g_free (real->pair_of_b);
  g_free (self->name_a);
  g_free (self->name_b);
  g_free (self->language_a);
  g_free (self->language_b);
  g_free (self->text_a);
  g_free (self->text_b);
  g_clear_pointer (&self->sentences_a, g_ptr_array_unref);
  g_clear_pointer (&self->sentences_b, g_ptr_array_unref);
  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  g_clear_pointer (&self->discrepancies, g_ptr_array_unref);
  g_free (self);
}

int
_marz_alignment_get_pair_index (const MarzAlignment *self,
                                gboolean             side_b,
                                guint                index)
{
  const RealAlignment *real = (const RealAlignment *) self;

  if (index >= (side_b ? self->sentences_b : self->sentences_a)->len)
    return -1;
  return side_b ? real->pair_of_b[index] : real->pair_of_a[index];
}

static const MarzAlignPair *
pair_for (const MarzAlignment *self,
          gboolean             side_b,
          guint                index)
{
  int i = _marz_alignment_get_pair_index (self, side_b, index);
  return i >= 0 ? g_ptr_array_index (self->pairs, i) : NULL;
}

const MarzAlignPair *
marz_alignment_get_pair_for_a (const MarzAlignment *self,
                               guint                a)
{
  g_return_val_if_fail (self != NULL, NULL);
  return pair_for (self, FALSE, a);
}

const MarzAlignPair *
marz_alignment_get_pair_for_b (const MarzAlignment *self,
                               guint                b)
{
  g_return_val_if_fail (self != NULL, NULL);
  return pair_for (self, TRUE, b);
}

int
marz_alignment_find_sentence (const MarzAlignment *self,
                              gboolean             side_b,
                              guint                char_offset)
{
  GPtrArray *sentences;
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL, -1);

  sentences = side_b ? self->sentences_b : self->sentences_a;
  hi = sentences->len;
  /* The last sentence starting at or before the offset. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const MarzAnchoredSentence *s = g_ptr_array_index (sentences, mid);
      if (s->span.char_start <= char_offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return -1;
  {
    const MarzAnchoredSentence *s = g_ptr_array_index (sentences, lo - 1);
    return char_offset < s->span.char_end ? (int) lo - 1 : -1;
  }
}

guint
marz_alignment_count_confirmed (const MarzAlignment *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);
  for (guint i = 0; i < self->pairs->len; i++)
    n += ((MarzAlignPair *) g_ptr_array_index (self->pairs, i))->status != MARZ_ALIGN_PROPOSED;
  return n;
}

const char *
marz_align_status_to_string (MarzAlignStatus status)
{
  static const char * const names[] = { "proposed", "confirmed", "paired" };
  g_return_val_if_fail (status <= MARZ_ALIGN_PAIRED, NULL);
  return names[status];
}

const char *
marz_discrepancy_kind_to_string (MarzDiscrepancyKind kind)
{
  static const char * const names[] = { "figure", "date" };
  g_return_val_if_fail (kind <= MARZ_DISCREPANCY_DATE, NULL);
  return names[kind];
}
