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
#define MIN_PARALLEL_BYTES (128 * 1024)   /* both sides longer: B is read in a thread of its own */

struct _MarzAligner
{
  gatomicrefcount   ref_count;
  MarzAnchorFinder *finder;      /* owned */
  double            threshold;
};

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

typedef struct
{
  MarzAlignment *alignment;
  AlignIndex          index;
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
        take_pair (m, a, b, _marz_align_score_pair (&m->index, a, b, NULL),
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
      pair->score = _marz_align_score_pair (&m->index, pair->a, pair->b, pair->links);
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
  candidates = _marz_align_score_candidates (m->alignment, &m->index, self->threshold, rejected);
  for (guint i = 0; i < candidates->len; i++)
    {
      const AlignCandidate *c = &g_array_index (candidates, AlignCandidate, i);
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
  _marz_align_index_init (&m.index, alignment);
  m.pair_of_a = g_new (int, alignment->sentences_a->len + 1);
  m.pair_of_b = g_new (int, alignment->sentences_b->len + 1);
  memset (m.pair_of_a, 0xff, sizeof (int) * (alignment->sentences_a->len + 1));
  memset (m.pair_of_b, 0xff, sizeof (int) * (alignment->sentences_b->len + 1));
  m.chosen = g_array_new (FALSE, FALSE, sizeof (MarzAlignPair));

  match (self, &m, decisions);
  fill_pairs (&m);
  index_pairs (real);
  _marz_alignment_find_discrepancies (alignment);

  _marz_align_index_clear (&m.index);
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
