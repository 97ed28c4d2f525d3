/* marz-anchors.c
 *
 * Each sentence is normalized on its own, so the finders see short texts and
 * every normalized offset maps back into the sentence.  A number inside a
 * date expression («9 أكتوبر», «۱۷ آبان») is the date's, not a count.  A
 * figure's role comes from the nearest casualty word: first after it (Persian
 * puts the verb last: «۴۵۰ نفر زخمی شدند»), up to a conjunction or another
 * number, then before it («مقتل 50 مدنياً»).
 */
#define G_LOG_DOMAIN "marz-anchors"

#include "marz-anchors.h"
#include "marz-lexicon.h"
#include "marz-normalize.h"
#include "marz-sentences.h"
#include "marz-tokenizer.h"

#include <string.h>

#define ROLE_AFTER 4    /* tokens looked at after a figure for its role */
#define ROLE_BEFORE 4   /* and before it */
#define MAX_PLAIN_SMALL 2   /* numbers up to this are anchors only as casualty figures */

struct _MarzAnchorFinder
{
  gatomicrefcount   ref_count;

  /* owned */
  MarzGazetteer    *gazetteer;
  MarzGlossary     *glossary;
  MarzNumberFinder *numbers;
  MarzDateFinder   *dates;
  MarzLexicon      *roles;      /* casualty words → GINT_TO_POINTER (MarzFigureRole) */
  MarzLexicon      *stops;      /* words a figure's role does not reach across */
};

/* One sentence being read: what every finder adds its anchors to. */
typedef struct
{
  const char           *text;       /* the article, original */
  const MarzTextSpan   *sentence;
  const MarzNormalized *norm;
  GArray               *anchors;    /* scratch, reused from sentence to sentence */
} Reading;

static const char * const killed_words[] = {
  "قتل", "مقتل", "قتلى", "قتيل", "قتيلا", "قتيلاً", "قتلوا", "حتفهم", "مصرع", "کشته", "کشته شدند",
  "جان باختند", "جان باخته", "killed", "dead", "وژل", "مړه", NULL
};
static const char * const injured_words[] = {
  "جريح", "جرحى", "جريحا", "جريحاً", "مصاب", "مصابين", "إصابة", "أصيب", "زخمی", "زخمیان", "مجروح",
  "مجروحان", "injured", "wounded", "ټپي", "ټپیان", NULL
};
static const char * const stop_words[] = { "و", "and", "بينما", "اما", "ولی", NULL };

static void
add_words (MarzLexicon       *lexicon,
           const char * const *words,
           gpointer            value)
{
  for (guint i = 0; words[i]; i++)
    marz_lexicon_add (lexicon, words[i], value);
}

MarzAnchorFinder *
marz_anchor_finder_new (MarzGazetteer *gazetteer,
                        MarzGlossary  *glossary)
{
  MarzAnchorFinder *self;

  g_return_val_if_fail (MARZ_IS_GAZETTEER (gazetteer), NULL);
  g_return_val_if_fail (MARZ_IS_GLOSSARY (glossary), NULL);

  self = g_new0 (MarzAnchorFinder, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->gazetteer = g_object_ref (gazetteer);
  self->glossary = g_object_ref (glossary);
  self->numbers = marz_number_finder_new ();
  self->dates = marz_date_finder_new ();
  self->roles = marz_lexicon_new (MARZ_LEXICON_CLITICS | MARZ_LEXICON_SUFFIXES);
  add_words (self->roles, killed_words, GINT_TO_POINTER (MARZ_FIGURE_KILLED));
  add_words (self->roles, injured_words, GINT_TO_POINTER (MARZ_FIGURE_INJURED));
  self->stops = marz_lexicon_new (MARZ_LEXICON_EXACT);
  add_words (self->stops, stop_words, GINT_TO_POINTER (1));
  return self;
}

MarzAnchorFinder *
marz_anchor_finder_ref (MarzAnchorFinder *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
marz_anchor_finder_unref (MarzAnchorFinder *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_object (&self->gazetteer);
  g_clear_object (&self->glossary);
  g_clear_pointer (&self->numbers, marz_number_finder_unref);
  g_clear_pointer (&self->dates, marz_date_finder_unref);
  g_clear_pointer (&self->roles, marz_lexicon_unref);
  g_clear_pointer (&self->stops, marz_lexicon_unref);
  g_free (self);
}

void
marz_anchored_sentence_free (MarzAnchoredSentence *sentence)
{
  if (sentence == NULL)
    return;
  g_clear_pointer (&sentence->anchors, g_array_unref);
  g_free (sentence);
}

/* The original span of normalized bytes [@start, @end) of the sentence. */
static MarzTextSpan
span_of (const Reading *r,
         guint32        start,
         guint32        end)
{
  const char *base = r->text + r->sentence->start;
  MarzTextSpan span;

  span.start = r->sentence->start + r->norm->map[start];
  span.end = r->sentence->start + r->norm->map[end];
  span.char_start = r->sentence->char_start + g_utf8_pointer_to_offset (base, r->text + span.start);
  span.char_end = span.char_start + g_utf8_pointer_to_offset (r->text + span.start, r->text + span.end);
  return span;
}

static MarzAnchor *
add_anchor (Reading        *r,
            MarzAnchorKind  kind,
            const char     *key,
            const char     *label,
            guint32         start,
            guint32         end)
{
  MarzAnchor anchor = { 0 };
  const char *interned = g_intern_string (key);

  /* A sentence has a dozen anchors at most: a scan beats a hash table. */
  for (guint i = 0; i < r->anchors->len; i++)
    if (g_array_index (r->anchors, MarzAnchor, i).key == interned)
      return NULL;
  anchor.kind = kind;
  anchor.key = interned;
  anchor.label = g_intern_string (label);
  anchor.span = span_of (r, start, end);
  g_array_append_val (r->anchors, anchor);
  return &g_array_index (r->anchors, MarzAnchor, r->anchors->len - 1);
}

static MarzFigureRole
role_at (MarzAnchorFinder *self,
         const char       *normalized,
         const GArray     *tokens,
         guint             index)
{
  MarzLexiconMatch m;

  if (marz_lexicon_match_at (self->roles, normalized, tokens, index, &m))
    return GPOINTER_TO_INT (g_ptr_array_index (m.values, 0));
  return MARZ_FIGURE_NONE;
}

static MarzFigureRole
figure_role (MarzAnchorFinder *self,
             const char       *normalized,
             const GArray     *tokens,
             const MarzNumber *number)
{
  const MarzToken *t = (const MarzToken *) tokens->data;
  MarzLexiconMatch m;
  guint after = number->token + number->n_tokens;

  for (guint i = after; i < tokens->len && i < after + ROLE_AFTER; i++)
    {
      MarzFigureRole role;
      if (t[i].kind == MARZ_TOKEN_NUMBER
          || marz_lexicon_match_at (self->stops, normalized, tokens, i, &m))
        break;
      if ((role = role_at (self, normalized, tokens, i)) != MARZ_FIGURE_NONE)
        return role;
    }
  for (guint back = 1; back <= ROLE_BEFORE && back <= number->token; back++)
    {
      guint i = number->token - back;
      MarzFigureRole role;
      if (t[i].kind == MARZ_TOKEN_NUMBER)
        break;
      if ((role = role_at (self, normalized, tokens, i)) != MARZ_FIGURE_NONE)
        return role;
    }
  return MARZ_FIGURE_NONE;
}

static gboolean
inside_dates (const GArray *dates,
              guint32       start,
              guint32       end)
{
  for (guint i = 0; i < dates->len; i++)
    {
      const MarzDateMention *d = &g_array_index (dates, MarzDateMention, i);
      if (start < d->end && end > d->start)
        return TRUE;
    }
  return FALSE;
}

static void
read_numbers (MarzAnchorFinder *self,
              Reading          *r,
              const GArray     *tokens,
              const GArray     *dates)
{
  g_autoptr(GArray) numbers = marz_number_finder_scan (self->numbers, r->norm->text, tokens);

  for (guint i = 0; i < numbers->len; i++)
    {
      const MarzNumber *n = &g_array_index (numbers, MarzNumber, i);
      char key[48], label[32];
      MarzAnchor *anchor;
      MarzFigureRole role;

      if (n->qualifier == MARZ_NUMBER_VAGUE || inside_dates (dates, n->start, n->end))
        continue;
      /* «دو کشور», «الطرفين», «دو روزه»: one and two count sides and days
       * in nearly every sentence; they are facts only as casualties. */
      role = figure_role (self, r->norm->text, tokens, n);
      if (n->value <= MAX_PLAIN_SMALL && role == MARZ_FIGURE_NONE)
        continue;
      g_snprintf (key, sizeof key, "number:%" G_GINT64_FORMAT, n->value);
      g_snprintf (label, sizeof label, "%" G_GINT64_FORMAT, n->value);
      anchor = add_anchor (r, MARZ_ANCHOR_NUMBER, key, label, n->start, n->end);
      if (anchor == NULL)
        continue;
      anchor->value = n->value;
      anchor->qualifier = n->qualifier;
      anchor->role = role;
    }
}

/* Keys leave the year out of a day: comparable news is weeks apart at most,
 * and an article without a date still resolves «9 أكتوبر» to a day. */
static void
date_key (int                    month,
          int                    day,
          int                    year,
          char                  *key,
          char                  *label,
          gsize                  size)
{
  if (day != 0)
    {
      g_snprintf (key, size, "date:%02d-%02d", month, day);
      if (year != 0)
        g_snprintf (label, size, "%04d-%02d-%02d", year, month, day);
      else
        g_snprintf (label, size, "%02d-%02d", month, day);
    }
  else if (month != 0)
    {
      g_snprintf (key, size, "month:%02d", month);
      if (year != 0)
        g_snprintf (label, size, "%04d-%02d", year, month);
      else
        g_snprintf (label, size, "%02d", month);
    }
  else
    {
      g_snprintf (key, size, "year:%04d", year);
      g_snprintf (label, size, "%04d", year);
    }
}

static void
read_dates (Reading      *r,
            const GArray *dates)
{
  for (guint i = 0; i < dates->len; i++)
    {
      const MarzDateMention *d = &g_array_index (dates, MarzDateMention, i);
      gboolean resolved = d->precision != MARZ_DATE_PRECISION_UNKNOWN;
      int year = resolved ? d->year : d->written_year;
      int month = resolved ? d->month : d->written_month;
      int day = resolved ? d->day : d->written_day;
      char key[48], label[48];
      MarzAnchor *anchor;

      if (year == 0 && month == 0)
        continue;
      if (month == 0)
        day = 0;
      date_key (month, day, year, key, label, sizeof key);
      anchor = add_anchor (r, MARZ_ANCHOR_DATE, key, label, d->start, d->end);
      if (anchor == NULL)
        continue;
      anchor->year = year;
      anchor->month = month;
      anchor->day = day;
      anchor->precision = day ? MARZ_DATE_PRECISION_DAY
                        : month ? MARZ_DATE_PRECISION_MONTH : MARZ_DATE_PRECISION_YEAR;
    }
}

static void
read_places (MarzAnchorFinder *self,
             Reading          *r,
             const GArray     *tokens)
{
  g_autoptr(GArray) places = marz_gazetteer_scan (self->gazetteer, r->norm->text, tokens);

  for (guint i = 0; i < places->len; i++)
    {
      const MarzPlaceMention *m = &g_array_index (places, MarzPlaceMention, i);
      const MarzPlace *place = g_ptr_array_index (m->places, 0);

      /* The place, then what contains it short of a country: «Spin Boldak»
       * shares Kandahar province with a sentence naming the province. */
      for (const MarzPlace *p = place; p; p = p->parent)
        {
          g_autofree char *key = NULL;
          MarzAnchor *anchor;

          if (p != place && p->kind == MARZ_PLACE_COUNTRY)
            break;
          key = g_strconcat ("place:", p->id, NULL);
          anchor = add_anchor (r, MARZ_ANCHOR_PLACE, key, p->name_en, m->start, m->end);
          if (anchor == NULL)
            continue;
          anchor->place = p;
          anchor->contained = p != place;
        }
    }
}

static void
read_concepts (MarzAnchorFinder *self,
               Reading          *r,
               const GArray     *tokens)
{
  g_autoptr(GArray) concepts = marz_glossary_scan (self->glossary, r->norm->text, tokens);

  for (guint i = 0; i < concepts->len; i++)
    {
      const MarzConceptMention *m = &g_array_index (concepts, MarzConceptMention, i);
      g_autofree char *key = g_strconcat ("concept:", m->concept->id, NULL);
      MarzAnchor *anchor = add_anchor (r, MARZ_ANCHOR_CONCEPT, key, m->concept->name_en,
                                       m->start, m->end);
      if (anchor != NULL)
        anchor->concept = m->concept;
    }
}

static gint
compare_anchors (gconstpointer a,
                 gconstpointer b)
{
  const MarzAnchor *x = a, *y = b;
  return (x->span.start > y->span.start) - (x->span.start < y->span.start);
}

static MarzAnchoredSentence *
read_sentence (MarzAnchorFinder   *self,
               const char         *text,
               const MarzTextSpan *span,
               const GDate        *reference,
               GArray             *scratch)
{
  g_autoptr(MarzNormalized) norm = marz_normalized_new (text + span->start, span->end - span->start);
  g_autoptr(GArray) tokens = marz_tokenize (norm->text, norm->len);
  g_autoptr(GArray) dates = marz_date_finder_scan (self->dates, norm->text, tokens, reference);
  MarzAnchoredSentence *sentence = g_new0 (MarzAnchoredSentence, 1);
  Reading r = { text, span, norm, scratch };

  sentence->span = *span;
  g_array_set_size (scratch, 0);
  read_dates (&r, dates);
  read_numbers (self, &r, tokens, dates);
  read_places (self, &r, tokens);
  read_concepts (self, &r, tokens);
  g_array_sort (scratch, compare_anchors);
  /* Allocated once, at its size: the alignment keeps thousands of these. */
  sentence->anchors = g_array_sized_new (FALSE, FALSE, sizeof (MarzAnchor), scratch->len);
  g_array_append_vals (sentence->anchors, scratch->data, scratch->len);
  return sentence;
}

GPtrArray *
marz_anchor_finder_scan (MarzAnchorFinder *self,
                         const char       *text,
                         gsize             len,
                         gsize             body_start,
                         const GDate      *reference)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GArray) scratch = g_array_sized_new (FALSE, FALSE, sizeof (MarzAnchor), 32);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_anchored_sentence_free);

  g_return_val_if_fail (self != NULL, out);
  g_return_val_if_fail (text != NULL && body_start <= len, out);

  spans = marz_sentences_split (text, len, body_start);
  for (guint i = 0; i < spans->len; i++)
    g_ptr_array_add (out, read_sentence (self, text, &g_array_index (spans, MarzTextSpan, i),
                                         reference, scratch));
  return out;
}

const char *
marz_anchor_kind_to_string (MarzAnchorKind kind)
{
  static const char * const names[] = { "number", "date", "place", "concept" };
  g_return_val_if_fail (kind <= MARZ_ANCHOR_CONCEPT, NULL);
  return names[kind];
}

const char *
marz_figure_role_to_string (MarzFigureRole role)
{
  static const char * const names[] = { "none", "killed", "injured" };
  g_return_val_if_fail (role <= MARZ_FIGURE_INJURED, NULL);
  return names[role];
}
