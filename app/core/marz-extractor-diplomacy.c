/* marz-extractor-diplomacy.c: talks, ceasefires and closures
 *
 * Part of MarzExtractor.  Diplomacy differs from violence in two ways: its
 * venues may be far away (Istanbul, Doha; a country only as «in Qatar»), and
 * one sentence often names two events with their own places and dates, so
 * each place and date goes to the nearest trigger.
 */
#define G_LOG_DOMAIN "marz-extractor"

#include "marz-extractor-private.h"

#include <string.h>

static gboolean
preceded_by_locative (MarzAnalysis *a,
                      guint         token)
{
  static const char * const locatives[] = { "در", "فی", "بر", "الی", "in", NULL };
  MarzToken *t;

  if (token == 0)
    return FALSE;
  t = &g_array_index (a->tokens, MarzToken, token - 1);
  for (guint i = 0; locatives[i]; i++)
    if (t->end - t->start == strlen (locatives[i])
        && memcmp (a->norm->text + t->start, locatives[i], t->end - t->start) == 0)
      return TRUE;
  return FALSE;
}

/* A venue is any named place, a country only as «در قطر», «في قطر». */
static const MarzPlace *
venue (MarzAnalysis           *a,
       const MarzPlaceMention *m)
{
  const MarzPlace *place = _marz_choose_place (m, FALSE);

  if (place->kind == MARZ_PLACE_BORDER)
    return NULL;
  if (place->kind == MARZ_PLACE_COUNTRY && !preceded_by_locative (a, m->token))
    return NULL;
  return place;
}

static guint
distance (guint x, guint y)
{
  return x > y ? x - y : y - x;
}

/* The diplomacy trigger of @sentence nearest to @token. */
static const MarzLexiconMatch *
nearest_trigger (MarzAnalysis *a,
                 Scans        *s,
                 guint         sentence,
                 guint         token)
{
  const MarzLexiconMatch *best = NULL;

  SENTENCE_ITEMS (s->triggers_at, sentence, i)
    {
      const MarzLexiconMatch *m = &g_array_index (s->triggers, MarzLexiconMatch, i);
      int type = GPOINTER_TO_INT (g_ptr_array_index (m->values, 0)) - 1;

      if (a->sentence_of[m->token] != sentence
          || marz_incident_type_get_category (type) != MARZ_CATEGORY_DIPLOMACY)
        continue;
      if (best == NULL || distance (m->token, token) < distance (best->token, token))
        best = m;
    }
  return best;
}

/* Each place and date goes to the nearest trigger: in «met in Istanbul to
 * secure the ceasefire agreed on 19 October in Qatar» the talks are in
 * Istanbul and the ceasefire in Qatar. */
static void
venue_for_trigger (MarzAnalysis           *a,
                   Scans                  *s,
                   guint                   sentence,
                   const MarzLexiconMatch *trigger,
                   const MarzPlace       **place,
                   const MarzDateMention **date)
{
  *place = NULL;
  *date = NULL;
  SENTENCE_ITEMS (s->places_at, sentence, i)
    {
      const MarzPlaceMention *m = &g_array_index (s->places, MarzPlaceMention, i);
      const MarzPlace *v;
      if (a->sentence_of[m->token] != sentence || _marz_is_actor (a, s, m) || (v = venue (a, m)) == NULL)
        continue;
      if (nearest_trigger (a, s, sentence, m->token) == trigger || *place == NULL)
        *place = v;
      if (nearest_trigger (a, s, sentence, m->token) == trigger)
        break;
    }
  SENTENCE_ITEMS (s->dates_at, sentence, i)
    {
      const MarzDateMention *d = &g_array_index (s->dates, MarzDateMention, i);
      guint t = s->date_token[i];
      if (t >= a->tokens->len || a->sentence_of[t] != sentence || !_marz_is_usable_date (d))
        continue;
      if (nearest_trigger (a, s, sentence, t) == trigger || *date == NULL)
        *date = d;
      if (nearest_trigger (a, s, sentence, t) == trigger)
        break;
    }
}

static void
borrow_from_next (MarzAnalysis           *a,
                  Scans                  *s,
                  Facts                  *facts,
                  guint                   i,
                  const MarzPlace       **place,
                  const MarzDateMention **date,
                  Event                  *e)
{
  const MarzLexiconMatch *next = nearest_trigger (a, s, i + 1, 0);
  const MarzPlace *p2 = NULL;
  const MarzDateMention *d2 = NULL;

  venue_for_trigger (a, s, i + 1, next, &p2, &d2);
  if (p2 && d2)
    return;   /* a complete event of its own */
  if (*place == NULL && p2 && _marz_may_lend (&facts[i], &facts[i + 1], TRUE))
    *place = p2, e->last = i + 1;
  if (*date == NULL && d2 && _marz_may_lend (&facts[i], &facts[i + 1], FALSE))
    *date = d2, e->last = i + 1;
}

static gboolean
within_a_month_of (const MarzDateMention *d,
                   const GDate           *reference)
{
  g_autoptr(GDate) limit = NULL;

  if (reference == NULL)
    return TRUE;
  limit = g_date_copy (reference);
  g_date_add_days (limit, 31);
  return !_marz_date_after (d, limit);
}

static void
find_diplomacy_in (MarzAnalysis *a,
                   Scans        *s,
                   Facts        *facts,
                   guint         i,
                   const GDate  *reference,
                   GPtrArray    *out)
{
  guint n = a->article->sentences->len;

  SENTENCE_ITEMS (s->triggers_at, i, k)
    {
      const MarzLexiconMatch *m = &g_array_index (s->triggers, MarzLexiconMatch, k);
      int type = GPOINTER_TO_INT (g_ptr_array_index (m->values, 0)) - 1;
      const MarzPlace *place;
      const MarzDateMention *date;
      g_autoptr(GPtrArray) places = g_ptr_array_new ();
      Event e = { type, places, NULL, i, i };

      if (a->sentence_of[m->token] != i || marz_incident_type_get_category (type) != MARZ_CATEGORY_DIPLOMACY)
        continue;
      venue_for_trigger (a, s, i, m, &place, &date);
      if ((place == NULL || date == NULL) && i + 1 < n && facts[i + 1].violence < 0)
        borrow_from_next (a, s, facts, i, &place, &date, &e);
      if (place == NULL || date == NULL || !within_a_month_of (date, reference))
        continue;
      g_ptr_array_add (places, (gpointer) place);
      e.date = date;
      _marz_emit (a, s, &e, i, out);
    }
}

void
_marz_find_diplomacy (MarzAnalysis *a,
                Scans        *s,
                Facts        *facts,
                const GDate  *reference,
                GPtrArray    *out)
{
  /* A sentence that reports violence dates and places the violence, not the
   * talks it mentions in passing. */
  for (guint i = 0; i < a->article->sentences->len; i++)
    if (facts[i].violence < 0)
      find_diplomacy_in (a, s, facts, i, reference, out);
}

