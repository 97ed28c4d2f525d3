/* marz-align-discrepancies.c: the same fact with different figures or dates
 *
 * Only within an aligned pair, which already shares anchors.  A figure
 * differs when both sentences give the same role (killed, injured) and the
 * other side has no equal figure for it; figures more than twice apart are
 * taken for different facts (50 killed civilians and 23 killed soldiers),
 * not for a discrepancy.  Such figures are paired one to one, the closest
 * first (each side's figure in one discrepancy at most), so B with A flags
 * the same differences as A with B.  A date differs when both sentences name the
 * same kind of event (an airstrike, talks) and no day in common.
 */
#define G_LOG_DOMAIN "marz-align"

#include "marz-align-private.h"

#define MAX_FIGURE_RATIO 2.0

static const char * const event_concepts[] = {
  "concept:airstrike", "concept:explosion", "concept:clashes", "concept:talks",
  "concept:ceasefire", NULL
};

static const GArray *
anchors_of (const MarzAlignment *self,
            gboolean             side_b,
            guint                index)
{
  const MarzAnchoredSentence *s = g_ptr_array_index (side_b ? self->sentences_b : self->sentences_a,
                                                     index);
  return s->anchors;
}

static gboolean
has_figure (const GArray *anchors,
            MarzFigureRole role,
            gint64         value)
{
  for (guint i = 0; i < anchors->len; i++)
    {
      const MarzAnchor *x = &g_array_index (anchors, MarzAnchor, i);
      if (x->kind == MARZ_ANCHOR_NUMBER && x->role == role && x->value == value)
        return TRUE;
    }
  return FALSE;
}

static char *
format_figure (const MarzAnchor *figure)
{
  switch (figure->qualifier)
    {
    case MARZ_NUMBER_ABOUT:
      return g_strdup_printf ("about %" G_GINT64_FORMAT, figure->value);
    case MARZ_NUMBER_AT_LEAST:
      return g_strdup_printf ("at least %" G_GINT64_FORMAT, figure->value);
    case MARZ_NUMBER_EXACT:
    case MARZ_NUMBER_VAGUE:
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT, figure->value);
    }
}

static void
add (MarzAlignment       *self,
     MarzDiscrepancyKind  kind,
     const MarzAlignPair *pair,
     guint                a_anchor,
     guint                b_anchor,
     char                *detail)
{
  MarzDiscrepancy *d = g_new0 (MarzDiscrepancy, 1);

  d->kind = kind;
  d->a = pair->a;
  d->b = pair->b;
  d->a_anchor = a_anchor;
  d->b_anchor = b_anchor;
  d->detail = detail;
  g_ptr_array_add (self->discrepancies, d);
}

/* A figure of a casualty role that the other sentence does not give. */
static gboolean
is_lone_figure (const MarzAnchor *x,
                const GArray     *other)
{
  return x->kind == MARZ_ANCHOR_NUMBER && x->role != MARZ_FIGURE_NONE && x->value > 0
         && !has_figure (other, x->role, x->value);
}

typedef struct
{
  guint  i, j;      /* anchor indices in A's and B's sentence */
  double ratio;
} FigurePair;

/* Closest first; two that tie and share a figure are told apart by the
 * other side's, the same way round whichever side is A. */
static gint
compare_figure_pairs (gconstpointer a,
                      gconstpointer b)
{
  const FigurePair *x = a, *y = b;

  if (x->ratio != y->ratio)
    return x->ratio > y->ratio ? 1 : -1;
  if (x->i != y->i)
    return x->i > y->i ? 1 : -1;
  return (x->j > y->j) - (x->j < y->j);
}

static gint
compare_by_a_anchor (gconstpointer a,
                     gconstpointer b)
{
  const FigurePair *x = a, *y = b;
  return (x->i > y->i) - (x->i < y->i);
}

/* Lone figures of the same role less than MAX_FIGURE_RATIO apart, paired
 * one to one, closest first; in A's order. */
static GArray *
pair_figures (const GArray *a,
              const GArray *b)
{
  GArray *all = g_array_new (FALSE, FALSE, sizeof (FigurePair));
  g_autofree gboolean *used_a = g_new0 (gboolean, a->len + 1);
  g_autofree gboolean *used_b = g_new0 (gboolean, b->len + 1);
  guint kept = 0;

  for (guint i = 0; i < a->len; i++)
    for (guint j = 0; j < b->len; j++)
      {
        const MarzAnchor *x = &g_array_index (a, MarzAnchor, i), *y = &g_array_index (b, MarzAnchor, j);
        FigurePair p = { i, j, 0 };

        if (!is_lone_figure (x, b) || !is_lone_figure (y, a) || x->role != y->role)
          continue;
        p.ratio = (double) MAX (x->value, y->value) / MIN (x->value, y->value);
        if (p.ratio <= MAX_FIGURE_RATIO)
          g_array_append_val (all, p);
      }
  g_array_sort (all, compare_figure_pairs);
  for (guint k = 0; k < all->len; k++)
    {
      FigurePair p = g_array_index (all, FigurePair, k);
      if (used_a[p.i] || used_b[p.j])
        continue;
      used_a[p.i] = used_b[p.j] = TRUE;
      g_array_index (all, FigurePair, kept++) = p;
    }
  g_array_set_size (all, kept);
  g_array_sort (all, compare_by_a_anchor);
  return all;
}

static void
find_figures (MarzAlignment       *self,
              const MarzAlignPair *pair)
{
  const GArray *a = anchors_of (self, FALSE, pair->a), *b = anchors_of (self, TRUE, pair->b);
  g_autoptr(GArray) figures = pair_figures (a, b);

  for (guint k = 0; k < figures->len; k++)
    {
      const FigurePair *p = &g_array_index (figures, FigurePair, k);
      const MarzAnchor *x = &g_array_index (a, MarzAnchor, p->i);
      g_autofree char *fx = format_figure (x);
      g_autofree char *fy = format_figure (&g_array_index (b, MarzAnchor, p->j));

      add (self, MARZ_DISCREPANCY_FIGURE, pair, p->i, p->j,
           g_strdup_printf ("%s: %s vs %s", marz_figure_role_to_string (x->role), fx, fy));
    }
}

static gboolean
shares_event (const MarzAlignPair *pair)
{
  for (guint i = 0; i < pair->links->len; i++)
    {
      const MarzAlignLink *link = &g_array_index (pair->links, MarzAlignLink, i);
      if (g_strv_contains (event_concepts, link->key))
        return TRUE;
    }
  return FALSE;
}

static int
first_day (const GArray *anchors)
{
  for (guint i = 0; i < anchors->len; i++)
    {
      const MarzAnchor *x = &g_array_index (anchors, MarzAnchor, i);
      if (x->kind == MARZ_ANCHOR_DATE && x->precision == MARZ_DATE_PRECISION_DAY)
        return i;
    }
  return -1;
}

static gboolean
shares_day (const MarzAlignPair *pair)
{
  for (guint i = 0; i < pair->links->len; i++)
    if (g_str_has_prefix (g_array_index (pair->links, MarzAlignLink, i).key, "date:"))
      return TRUE;
  return FALSE;
}

static void
find_dates (MarzAlignment       *self,
            const MarzAlignPair *pair)
{
  const GArray *a = anchors_of (self, FALSE, pair->a), *b = anchors_of (self, TRUE, pair->b);
  int i = first_day (a), j = first_day (b);

  if (i < 0 || j < 0 || shares_day (pair) || !shares_event (pair))
    return;
  add (self, MARZ_DISCREPANCY_DATE, pair, i, j,
       g_strdup_printf ("date: %s vs %s", g_array_index (a, MarzAnchor, i).label,
                        g_array_index (b, MarzAnchor, j).label));
}

void
_marz_alignment_find_discrepancies (MarzAlignment *self)
{
  for (guint i = 0; i < self->pairs->len; i++)
    {
      const MarzAlignPair *pair = g_ptr_array_index (self->pairs, i);
      find_figures (self, pair);
      find_dates (self, pair);
    }
}
