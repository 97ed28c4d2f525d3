/* marz-align-index.c: the inverted index of two texts' anchors, and the pairs it scores
 *
 * Two sentences are candidates only when they share an anchor rare enough
 * to make candidates (see marz-align.c); a candidate's score sums the
 * weights of the keys both sentences carry.
 */
#define G_LOG_DOMAIN "marz-align"

#include "marz-align-private.h"

#include <math.h>
#include <string.h>

#define MIN_POSTINGS_CAP 64     /* a key joins candidates when df_a × df_b is below the cap */
#define MIN_FACTS 2             /* shared anchors, countries aside, a proposed pair needs */

static gint
compare_keyrefs (gconstpointer a,
                 gconstpointer b)
{
  const AlignKeyRef *x = a, *y = b;
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
      keys[i] = g_array_sized_new (FALSE, FALSE, sizeof (AlignKeyRef), s->anchors->len);
      for (guint j = 0; j < s->anchors->len; j++)
        {
          const MarzAnchor *anchor = &g_array_index (s->anchors, MarzAnchor, j);
          AlignKeyRef ref = { anchor->key, anchor, j, 0, NULL };
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
key_weight (const AlignIndex *index,
            guint             df)
{
  return log1p (index->n_sentences / MAX ((double) df, 1.0));
}

/* Each key's weight and, where it makes candidates, the other side's
 * postings: looked up once per anchor rather than once per candidate. */
static void
index_finish_side (AlignIndex  *index,
                   GArray     **keys,
                   GHashTable  *own,
                   GHashTable  *other,
                   guint64      cap)
{
  for (GArray **k = keys; *k; k++)
    for (guint j = 0; j < (*k)->len; j++)
      {
        AlignKeyRef *ref = &g_array_index (*k, AlignKeyRef, j);
        GArray *mine = g_hash_table_lookup (own, ref->key);
        GArray *theirs = g_hash_table_lookup (other, ref->key);

        ref->weight = key_weight (index, mine->len + (theirs ? theirs->len : 0));
        if (theirs != NULL && (guint64) mine->len * theirs->len <= cap)
          ref->other = theirs;
      }
}

void
_marz_align_index_init (AlignIndex    *index,
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

void
_marz_align_index_clear (AlignIndex *index)
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
double
_marz_align_score_pair (const AlignIndex *index,
                        guint             a,
                        guint             b,
                        GArray           *links)
{
  const GArray *ka = index->keys_a[a], *kb = index->keys_b[b];
  double score = 0;
  guint i = 0, j = 0;

  while (i < ka->len && j < kb->len)
    {
      const AlignKeyRef *x = &g_array_index (ka, AlignKeyRef, i), *y = &g_array_index (kb, AlignKeyRef, j);
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
collect_for (const AlignIndex *index,
             guint             a,
             guint            *mark,
             GArray           *out)
{
  const GArray *keys = index->keys_a[a];

  for (guint k = 0; k < keys->len; k++)
    {
      const GArray *pb = g_array_index (keys, AlignKeyRef, k).other;

      for (guint j = 0; pb != NULL && j < pb->len; j++)
        {
          guint b = g_array_index (pb, guint, j);
          AlignCandidate c = { a, b, 0, 0 };

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
count_facts (const AlignIndex *index,
             guint             a,
             guint             b)
{
  const GArray *ka = index->keys_a[a], *kb = index->keys_b[b];
  guint i = 0, j = 0, n = 0;

  while (i < ka->len && j < kb->len)
    {
      const AlignKeyRef *x = &g_array_index (ka, AlignKeyRef, i), *y = &g_array_index (kb, AlignKeyRef, j);

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
  const AlignCandidate *x = a, *y = b;

  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  if (x->tie != y->tie)
    return x->tie > y->tie ? 1 : -1;
  return x->a != y->a ? compare_uints (x->a, y->a) : compare_uints (x->b, y->b);
}

GArray *
_marz_align_score_candidates (const MarzAlignment *self,
                              const AlignIndex    *index,
                              double               threshold,
                              GHashTable          *rejected)
{
  guint n_a = self->sentences_a->len, n_b = self->sentences_b->len;
  g_autofree guint *mark = g_new0 (guint, n_b + 1);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (AlignCandidate));
  gboolean any_rejected = g_hash_table_size (rejected) > 0;
  guint kept = 0;

  for (guint a = 0; a < n_a; a++)
    collect_for (index, a, mark, out);
  for (guint i = 0; i < out->len; i++)
    {
      AlignCandidate c = g_array_index (out, AlignCandidate, i);
      gint64 id = ((gint64) c.a << 32) | c.b;

      if (any_rejected && g_hash_table_contains (rejected, &id))
        continue;
      c.score = _marz_align_score_pair (index, c.a, c.b, NULL);
      if (c.score < threshold || count_facts (index, c.a, c.b) < MIN_FACTS)
        continue;
      c.tie = fabs ((c.a + 0.5) / n_a - (c.b + 0.5) / n_b);
      g_array_index (out, AlignCandidate, kept++) = c;
    }
  g_array_set_size (out, kept);
  g_array_sort (out, compare_candidates);
  return out;
}
