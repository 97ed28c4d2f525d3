/* marz-extractor.c
 *
 * Finds incidents sentence by sentence.  A violent incident needs a kind of
 * violence, a place that can be put on the map (a city, district, province or
 * crossing in Afghanistan or Pakistan: not a country, not the Durand Line) and
 * a date with a known year.  Sentences that give only part of that are
 * background, not reports: «the crisis began with airstrikes on Kabul» dates
 * nothing, and a guessed date would put a marker where no one saw one.
 *
 * A sentence may take its missing place or date from the next one («clashes
 * on Friday … civilians near Spin Boldak suffered heavy losses»), unless that
 * sentence is a complete report of its own.
 *
 * Threads: an extractor is immutable once made; analyze() may run in several
 * threads at once.
 */
#define G_LOG_DOMAIN "marz-extractor"

#include "marz-extractor.h"
#include "marz-extractor-private.h"
#include "marz-language.h"
#include "marz-numbers.h"

#include <string.h>

struct _MarzExtractor
{
  GObject           parent_instance;

  /* owned */
  MarzGazetteer    *gazetteer;
  MarzDateFinder   *dates;
  MarzNumberFinder *numbers;
  MarzLexicon      *triggers;       /* → MarzIncidentType + 1 */
  MarzLexicon      *killed_after;   /* «… کشته», «… جريحاً» → CASUALTY_* */
  MarzLexicon      *killed_before;  /* «مقتل …», «زخمی شدن …» → CASUALTY_* */
  MarzLexicon      *province_cues;
  MarzLexicon      *blame;          /* «اتهمت», «را متهم کرد» → 1 */
  MarzLexicon      *outlets;
  GDate            *today;
};

G_DEFINE_TYPE (MarzExtractor, marz_extractor, G_TYPE_OBJECT)


static void
build_lexicons (MarzExtractor *self)
{
  self->triggers = marz_lexicon_new (MARZ_LEXICON_CLITICS | MARZ_LEXICON_SUFFIXES);
  self->killed_after = marz_lexicon_new (MARZ_LEXICON_CLITICS);
  self->killed_before = marz_lexicon_new (MARZ_LEXICON_CLITICS);
  self->province_cues = marz_lexicon_new (MARZ_LEXICON_CLITICS);
  self->blame = marz_lexicon_new (MARZ_LEXICON_CLITICS);
  _marz_extractor_words_add (self->triggers, self->killed_after, self->killed_before,
                             self->province_cues, self->blame);
  self->outlets = _marz_outlets_new ();
}

/* ------------------------------------------------------------------------ */
/* What one sentence says                                                   */


static void
scans_clear (Scans *s)
{
  g_clear_pointer (&s->places, g_array_unref);
  g_clear_pointer (&s->dates, g_array_unref);
  g_clear_pointer (&s->numbers, g_array_unref);
  g_clear_pointer (&s->triggers, g_array_unref);
  g_clear_pointer (&s->after, g_array_unref);
  g_clear_pointer (&s->before, g_array_unref);
  g_clear_pointer (&s->cues, g_array_unref);
  g_clear_pointer (&s->blame, g_array_unref);
  g_clear_pointer (&s->date_token, g_free);
  g_clear_pointer (&s->places_at, g_free);
  g_clear_pointer (&s->dates_at, g_free);
  g_clear_pointer (&s->numbers_at, g_free);
  g_clear_pointer (&s->triggers_at, g_free);
  g_clear_pointer (&s->after_at, g_free);
  g_clear_pointer (&s->before_at, g_free);
  g_clear_pointer (&s->cues_at, g_free);
  g_clear_pointer (&s->blame_at, g_free);
}


gboolean
_marz_is_usable_date (const MarzDateMention *d)
{
  return d->year > 0 && (d->precision == MARZ_DATE_PRECISION_DAY
                         || d->precision == MARZ_DATE_PRECISION_MONTH);
}

static gboolean
is_mappable (const MarzPlace *place)
{
  return place->kind != MARZ_PLACE_COUNTRY && place->kind != MARZ_PLACE_BORDER
      && (g_strcmp0 (place->country, "AF") == 0 || g_strcmp0 (place->country, "PK") == 0);
}

static gboolean
cue_before (Scans *s,
            guint  sentence,
            guint  token)
{
  SENTENCE_ITEMS (s->cues_at, sentence, i)
    {
      MarzLexiconMatch *c = &g_array_index (s->cues, MarzLexiconMatch, i);
      guint end = c->token + c->n_tokens;
      if (end <= token && token - end <= 1)
        return TRUE;
    }
  return FALSE;
}

/* «خوست» is a city and a province: the province when a cue says so, for
 * every name of a list it heads («ولایت های خوست،کنر و پکتیکا»). */
const MarzPlace *
_marz_choose_place (const MarzPlaceMention *m,
              gboolean                province)
{
  const MarzPlace *best = g_ptr_array_index (m->places, 0);

  for (guint i = 0; i < m->places->len; i++)
    {
      const MarzPlace *p = g_ptr_array_index (m->places, i);
      gboolean is_province = p->kind == MARZ_PLACE_PROVINCE;
      if (province ? is_province : (p->kind == MARZ_PLACE_CITY || p->kind == MARZ_PLACE_TOWN))
        return p;
    }
  return best;
}

static gboolean
continues_list (MarzAnalysis           *a,
                const MarzPlaceMention *prev,
                const MarzPlaceMention *m)
{
  guint gap_start = prev->token + prev->n_tokens;

  /* The glued «أفغانستانوباكستان» makes two mentions of one token. */
  if (m->token < gap_start)
    return TRUE;
  for (guint t = gap_start; t < m->token; t++)
    {
      MarzToken *tok = &g_array_index (a->tokens, MarzToken, t);
      if (tok->end - tok->start != strlen ("و") || memcmp (a->norm->text + tok->start, "و", tok->end - tok->start) != 0)
        return FALSE;
    }
  return m->token - gap_start <= 1;
}

/**
 * _marz_is_actor:
 *
 * Whether a capital stands for its government: «وتتهم إسلام آباد طالبان»,
 * «اسلام‌آباد را متهم کرد», «اسلام آباد را مسول حملات اخیر … دانسته».  An
 * accusation or blame word just before the name (Arabic) or just after it
 * (Persian, after «را») makes the place an actor, not a location.
 */
gboolean
_marz_is_actor (MarzAnalysis           *a,
                Scans                  *s,
                const MarzPlaceMention *m)
{
  SENTENCE_ITEMS (s->blame_at, a->sentence_of[m->token], i)
    {
      MarzLexiconMatch *b = &g_array_index (s->blame, MarzLexiconMatch, i);
      guint end = b->token + b->n_tokens;

      if ((end <= m->token && m->token - end <= 1)
          || (b->token >= m->token + m->n_tokens && b->token - (m->token + m->n_tokens) <= 2))
        return TRUE;
    }
  return FALSE;
}

/* «ولسوالی برمل در ولایت پکتیکا» is one place: Barmal, within Paktika. */
static void
drop_enclosing (GPtrArray *places)
{
  for (guint i = 0; i < places->len; i++)
    for (guint j = 0; j < places->len; j++)
      if (i != j && marz_place_is_within (g_ptr_array_index (places, j), g_ptr_array_index (places, i)))
        {
          g_ptr_array_remove_index (places, i--);
          break;
        }
}

static void
collect_places (MarzAnalysis *a,
                Scans        *s,
                guint         sentence,
                GPtrArray    *out)
{
  const MarzPlaceMention *prev = NULL;
  gboolean province = FALSE;

  SENTENCE_ITEMS (s->places_at, sentence, i)
    {
      const MarzPlaceMention *m = &g_array_index (s->places, MarzPlaceMention, i);
      const MarzPlace *place;

      if (a->sentence_of[m->token] != sentence || _marz_is_actor (a, s, m))
        continue;
      province = cue_before (s, sentence, m->token) || (province && prev && continues_list (a, prev, m));
      prev = m;
      place = _marz_choose_place (m, province);
      if (is_mappable (place) && !g_ptr_array_find (out, place, NULL))
        g_ptr_array_add (out, (gpointer) place);
    }
  drop_enclosing (out);
}

static const MarzDateMention *
nearest_date (MarzAnalysis *a,
              Scans        *s,
              guint         sentence,
              guint         token)
{
  const MarzDateMention *best = NULL;
  guint best_distance = G_MAXUINT;

  SENTENCE_ITEMS (s->dates_at, sentence, i)
    {
      const MarzDateMention *d = &g_array_index (s->dates, MarzDateMention, i);
      guint t = s->date_token[i];
      guint distance = t > token ? t - token : token - t;

      if (t >= a->tokens->len || a->sentence_of[t] != sentence || !_marz_is_usable_date (d))
        continue;
      if (distance < best_distance)
        {
          best = d;
          best_distance = distance;
        }
    }
  return best;
}

static void
facts_for_sentence (MarzAnalysis *a,
                    Scans        *s,
                    guint         sentence,
                    Facts        *f)
{
  f->violence = -1;
  f->places = g_ptr_array_new ();
  f->date = NULL;
  f->any_trigger = f->any_date = FALSE;

  SENTENCE_ITEMS (s->dates_at, sentence, i)
    f->any_date |= s->date_token[i] < a->tokens->len && a->sentence_of[s->date_token[i]] == sentence;
  SENTENCE_ITEMS (s->triggers_at, sentence, i)
    {
      MarzLexiconMatch *m = &g_array_index (s->triggers, MarzLexiconMatch, i);
      int type = GPOINTER_TO_INT (g_ptr_array_index (m->values, 0)) - 1;

      if (a->sentence_of[m->token] != sentence)
        continue;
      f->any_trigger = TRUE;
      if (marz_incident_type_get_category (type) != MARZ_CATEGORY_VIOLENCE)
        continue;
      if (f->violence < 0 || type < f->violence)
        {
          f->violence = type;
          f->trigger = m->token;
        }
    }
  if (f->violence < 0)
    return;
  collect_places (a, s, sentence, f->places);
  f->date = nearest_date (a, s, sentence, f->trigger);
}

static gboolean
facts_complete (const Facts *f)
{
  return f->violence >= 0 && f->places->len > 0 && f->date != NULL;
}

/* ------------------------------------------------------------------------ */
/* Casualties                                                               */

static int
casualty_after (MarzAnalysis     *a,
                Scans            *s,
                const MarzNumber *n)
{
  guint first = n->token + n->n_tokens;

  SENTENCE_ITEMS (s->after_at, a->sentence_of[n->token], i)
    {
      MarzLexiconMatch *m = &g_array_index (s->after, MarzLexiconMatch, i);
      if (m->token < first || m->token > first + 3)
        continue;
      /* Another figure in between claims the word for itself. */
      for (guint t = first; t < m->token; t++)
        if (g_array_index (a->tokens, MarzToken, t).kind == MARZ_TOKEN_NUMBER)
          return 0;
      return GPOINTER_TO_INT (g_ptr_array_index (m->values, 0));
    }
  return 0;
}

static int
casualty_before (MarzAnalysis     *a,
                 Scans            *s,
                 const MarzNumber *n)
{
  SENTENCE_ITEMS (s->before_at, a->sentence_of[n->token], i)
    {
      MarzLexiconMatch *m = &g_array_index (s->before, MarzLexiconMatch, i);
      guint end = m->token + m->n_tokens;
      if (end <= n->token && n->token - end <= 2)
        return GPOINTER_TO_INT (g_ptr_array_index (m->values, 0));
    }
  return 0;
}

static gboolean
inside_date (MarzAnalysis     *a,
             Scans            *s,
             const MarzNumber *n)
{
  SENTENCE_ITEMS (s->dates_at, a->sentence_of[n->token], i)
    {
      const MarzDateMention *d = &g_array_index (s->dates, MarzDateMention, i);
      if (n->start >= d->start && n->end <= d->end)
        return TRUE;
    }
  return FALSE;
}

static void
casualties (MarzAnalysis *a,
            Scans        *s,
            guint         first_sentence,
            guint         last_sentence,
            gint64       *killed,
            gint64       *injured)
{
  *killed = *injured = -1;

  for (guint i = s->numbers_at[first_sentence]; i < s->numbers_at[last_sentence + 1]; i++)
    {
      const MarzNumber *n = &g_array_index (s->numbers, MarzNumber, i);
      guint sentence = a->sentence_of[n->token];
      int what;

      if (sentence < first_sentence || sentence > last_sentence || sentence == G_MAXUINT
          || n->qualifier == MARZ_NUMBER_VAGUE || inside_date (a, s, n))
        continue;
      what = casualty_before (a, s, n);
      if (what == 0)
        what = casualty_after (a, s, n);
      if (what == CASUALTY_KILLED)
        *killed = MAX (*killed, n->value);
      else if (what == CASUALTY_INJURED)
        *injured = MAX (*injured, n->value);
    }
}

/* ------------------------------------------------------------------------ */
/* Mentions                                                                 */

static void
span_of (MarzArticle  *article,
         guint         first,
         guint         last,
         MarzTextSpan *span)
{
  MarzTextSpan *a = &g_array_index (article->sentences, MarzTextSpan, first);
  MarzTextSpan *b = &g_array_index (article->sentences, MarzTextSpan, last);

  *span = (MarzTextSpan) { a->start, b->end, a->char_start, b->char_end };
}

gboolean
_marz_date_after (const MarzDateMention *d,
            const GDate           *reference)
{
  g_autoptr(GDate) date = NULL;

  if (reference == NULL)
    return FALSE;
  date = g_date_new_dmy (d->precision == MARZ_DATE_PRECISION_DAY ? d->day : 1, d->month, d->year);
  return g_date_compare (date, reference) > 0;
}


void
_marz_emit (MarzAnalysis *a,
      Scans        *s,
      const Event  *e,
      guint         group,
      GPtrArray    *out)
{
  gint64 killed, injured;

  casualties (a, s, e->first, e->last, &killed, &injured);
  for (guint i = 0; i < e->places->len; i++)
    {
      MarzMention *m = g_new0 (MarzMention, 1);

      m->type = e->type;
      m->place = g_ptr_array_index (e->places, i);
      m->year = e->date->year;
      m->month = e->date->month;
      m->day = e->date->precision == MARZ_DATE_PRECISION_DAY ? e->date->day : 0;
      m->precision = e->date->precision;
      m->killed = killed;
      m->injured = injured;
      m->shared = e->places->len > 1 && (killed >= 0 || injured >= 0);
      m->group = group;
      span_of (a->article, e->first, e->last, &m->evidence);
      g_ptr_array_add (out, m);
    }
}

static gboolean
same_incident (const MarzMention *x,
               const MarzMention *y)
{
  return x->place == y->place && x->precision == y->precision && x->year == y->year
      && x->month == y->month && x->day == y->day
      && marz_incident_type_get_category (x->type) == marz_incident_type_get_category (y->type)
      && (marz_incident_type_get_category (x->type) == MARZ_CATEGORY_VIOLENCE || x->type == y->type);
}

/* One report per incident and article: the first, with the most specific
 * type and any figures a later mention adds. */
static void
add_unique (GPtrArray   *mentions,
            MarzMention *m)
{
  for (guint i = 0; i < mentions->len; i++)
    {
      MarzMention *old = g_ptr_array_index (mentions, i);
      if (!same_incident (old, m))
        continue;
      old->type = MIN (old->type, m->type);
      if (old->killed < 0 && old->injured < 0 && (m->killed >= 0 || m->injured >= 0))
        {
          old->killed = m->killed;
          old->injured = m->injured;
          old->shared = m->shared;
        }
      g_free (m);
      return;
    }
  g_ptr_array_add (mentions, m);
}

/**
 * _marz_may_lend:
 * @place: whether a place (else a date) would be borrowed
 *
 * What the next sentence may lend to an incomplete one.  A place, when the
 * next sentence has no date of its own and names no other kind of incident
 * (a venue of talks is not where a clash happened):
 * it goes on about the same one («… both sides blame each other for the
 * shooting, civilians near Spin Boldak suffered heavy losses»).  A date, when the
 * sentence gave none at all (not even «in the summer of 2021») and the next
 * one reports nothing itself, or the date would be its own.
 */
gboolean
_marz_may_lend (const Facts *own,
                const Facts *next,
                gboolean     place)
{
  if (place)
    return !next->any_date && (!next->any_trigger || next->violence == own->violence);
  return !own->any_date && !next->any_trigger;
}

/* Returns whether the next sentence completed the event. */
static gboolean
borrow_from_next (MarzAnalysis *a,
                  Scans        *s,
                  Facts        *facts,
                  guint         i,
                  Event        *e,
                  GPtrArray    *places)
{
  Facts *own = &facts[i], *next = &facts[i + 1];
  gboolean lent = FALSE;

  if (e->places->len == 0 && _marz_may_lend (own, next, TRUE))
    {
      collect_places (a, s, i + 1, places);
      if (places->len > 0)
        e->places = places, lent = TRUE;
    }
  if (e->date == NULL && _marz_may_lend (own, next, FALSE)
      && (e->date = nearest_date (a, s, i + 1, 0)) != NULL)
    lent = TRUE;
  if (lent)
    e->last = i + 1;
  return lent;
}

static void
find_violence (MarzAnalysis *a,
               Scans        *s,
               Facts        *facts,
               const GDate  *reference,
               GPtrArray    *out)
{
  guint n = a->article->sentences->len;

  for (guint i = 0; i < n; i++)
    {
      Facts *f = &facts[i];
      Event e = { f->violence, f->places, f->date, i, i };
      g_autoptr(GPtrArray) lent_places = g_ptr_array_new ();

      if (f->violence < 0)
        continue;
      if (!facts_complete (f) && i + 1 < n && !facts_complete (&facts[i + 1]))
        borrow_from_next (a, s, facts, i, &e, lent_places);
      if (e.places->len == 0 || e.date == NULL || _marz_date_after (e.date, reference))
        continue;
      _marz_emit (a, s, &e, i, out);
      /* A sentence that completed this one is not an event of its own. */
      i = e.last;
    }
}

/* ------------------------------------------------------------------------ */

/* The tokens of the sentences that can matter: those naming an incident and
 * the ones right after them (which may lend a place or a date).  Nothing
 * else is ever read, so the other scans skip the rest of the article. */
static GArray *
candidate_tokens (MarzAnalysis *a,
                  GArray       *triggers,
                  GArray      **origin)
{
  guint n = a->article->sentences->len;
  g_autofree gboolean *wanted = g_new0 (gboolean, n + 1);
  GArray *tokens = g_array_sized_new (FALSE, FALSE, sizeof (MarzToken), a->tokens->len);
  guint k = 0;

  *origin = g_array_sized_new (FALSE, FALSE, sizeof (guint), a->tokens->len);
  for (guint m = 0; m < triggers->len; m++)
    {
      guint sentence = a->sentence_of[g_array_index (triggers, MarzLexiconMatch, m).token];
      if (sentence < n)
        wanted[sentence] = wanted[sentence + 1] = TRUE;
    }
  /* Sized for every token and cut down after: an append per token was a
   * call and a growth check each. */
  g_array_set_size (tokens, a->tokens->len);
  g_array_set_size (*origin, a->tokens->len);
  for (guint t = 0; t < a->tokens->len; t++)
    if (a->sentence_of[t] < n && wanted[a->sentence_of[t]])
      {
        g_array_index (tokens, MarzToken, k) = g_array_index (a->tokens, MarzToken, t);
        g_array_index (*origin, guint, k++) = t;
      }
  g_array_set_size (tokens, k);
  g_array_set_size (*origin, k);
  return tokens;
}

/* Token indices of matches found in the candidate tokens, back to the
 * article's. */
#define REMAP(array, type, origin)                                              \
  for (guint k = 0; k < (array)->len; k++)                                      \
    g_array_index (array, type, k).token =                                      \
      g_array_index (origin, guint, g_array_index (array, type, k).token)

static void
scan_all (MarzExtractor *self,
          MarzAnalysis  *a,
          const GDate   *reference,
          Scans         *s)
{
  const char *text = a->norm->text;
  g_autoptr(GArray) origin = NULL;
  g_autoptr(GArray) tokens = NULL;

  s->triggers = marz_lexicon_scan (self->triggers, text, a->tokens);
  tokens = candidate_tokens (a, s->triggers, &origin);

  s->places = marz_gazetteer_scan (self->gazetteer, text, tokens);
  s->dates = marz_date_finder_scan (self->dates, text, tokens, reference);
  s->numbers = marz_number_finder_scan (self->numbers, text, tokens);
  s->after = marz_lexicon_scan (self->killed_after, text, tokens);
  s->before = marz_lexicon_scan (self->killed_before, text, tokens);
  s->cues = marz_lexicon_scan (self->province_cues, text, tokens);
  s->blame = marz_lexicon_scan (self->blame, text, tokens);
  REMAP (s->places, MarzPlaceMention, origin);
  REMAP (s->numbers, MarzNumber, origin);
  REMAP (s->after, MarzLexiconMatch, origin);
  REMAP (s->before, MarzLexiconMatch, origin);
  REMAP (s->cues, MarzLexiconMatch, origin);
  REMAP (s->blame, MarzLexiconMatch, origin);
  _marz_scans_index (a, s);
}

static void
set_language (MarzArticle *article)
{
  MarzLanguage lang = marz_language_identify (article->text + article->body_start,
                                              article->len - article->body_start);

  g_free (article->language);
  article->language = g_strdup (lang.language);
  g_free (article->variety);
  article->variety = g_strdup (lang.variety);
}

static char *
index_title (const char *title)
{
  g_autoptr(MarzNormalized) key = NULL;
  g_autoptr(GArray) tokens = NULL;

  if (title == NULL)
    return g_strdup ("");
  key = marz_normalized_new (title, -1);
  tokens = marz_tokenize (key->text, key->len);
  return marz_tokens_join (key->text, tokens, 0);
}

/* Where the body starts in the key: the header line is not indexed. */
static gsize
body_key_start (MarzAnalysis *a)
{
  gsize k = 0;

  while (k < a->norm->len && a->norm->map[k] < a->article->body_start)
    k++;
  return k;
}

/**
 * marz_extractor_analyze:
 * @article: an article as read; its language, title, source, date and
 *   sentences are filled in
 *
 * Returns: (transfer full) (element-type MarzMention): the reports of
 *   incidents the article gives, one per incident
 */
GPtrArray *
marz_extractor_analyze (MarzExtractor *self,
                        MarzArticle   *article)
{
  MarzAnalysis a = { 0 };
  Scans s = { 0 };
  g_autoptr(GDate) reference = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GPtrArray *mentions = g_ptr_array_new_with_free_func (g_free);
  Facts *facts;
  guint n;

  g_return_val_if_fail (MARZ_IS_EXTRACTOR (self), mentions);
  g_return_val_if_fail (article != NULL, mentions);

  _marz_analysis_init (&a, article);
  g_free (article->index_words);
  article->index_words = marz_tokens_join (a.norm->text, a.tokens, body_key_start (&a));
  set_language (article);
  _marz_extract_title (&a);
  g_free (article->index_title);
  article->index_title = index_title (article->title);
  _marz_extract_source (&a, self->outlets);
  reference = _marz_extract_reference (&a, self->dates, self->today);
  scan_all (self, &a, reference, &s);

  n = article->sentences->len;
  facts = g_new0 (Facts, n);
  for (guint i = 0; i < n; i++)
    facts_for_sentence (&a, &s, i, &facts[i]);
  find_violence (&a, &s, facts, reference, found);
  _marz_find_diplomacy (&a, &s, facts, reference, found);
  for (guint i = 0; i < found->len; i++)
    add_unique (mentions, g_ptr_array_index (found, i));

  for (guint i = 0; i < n; i++)
    g_ptr_array_unref (facts[i].places);
  g_free (facts);
  scans_clear (&s);
  _marz_analysis_clear (&a);
  return mentions;
}

static void
marz_extractor_finalize (GObject *object)
{
  MarzExtractor *self = (MarzExtractor *) object;

  g_clear_object (&self->gazetteer);
  g_clear_pointer (&self->dates, marz_date_finder_unref);
  g_clear_pointer (&self->numbers, marz_number_finder_unref);
  g_clear_pointer (&self->triggers, marz_lexicon_unref);
  g_clear_pointer (&self->killed_after, marz_lexicon_unref);
  g_clear_pointer (&self->killed_before, marz_lexicon_unref);
  g_clear_pointer (&self->province_cues, marz_lexicon_unref);
  g_clear_pointer (&self->blame, marz_lexicon_unref);
  g_clear_pointer (&self->outlets, marz_lexicon_unref);
  g_clear_pointer (&self->today, g_date_free);

  G_OBJECT_CLASS (marz_extractor_parent_class)->finalize (object);
}

static void
marz_extractor_class_init (MarzExtractorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = marz_extractor_finalize;
}

static void
marz_extractor_init (MarzExtractor *self)
{
  GDateTime *now = g_date_time_new_now_utc ();

  self->dates = marz_date_finder_new ();
  self->numbers = marz_number_finder_new ();
  self->today = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                                g_date_time_get_year (now));
  g_date_time_unref (now);
  build_lexicons (self);
}

MarzExtractor *
marz_extractor_new (MarzGazetteer *gazetteer)
{
  MarzExtractor *self;

  g_return_val_if_fail (MARZ_IS_GAZETTEER (gazetteer), NULL);

  self = g_object_new (MARZ_TYPE_EXTRACTOR, NULL);
  self->gazetteer = g_object_ref (gazetteer);
  return self;
}

MarzGazetteer *
marz_extractor_get_gazetteer (MarzExtractor *self)
{
  g_return_val_if_fail (MARZ_IS_EXTRACTOR (self), NULL);
  return self->gazetteer;
}

/**
 * marz_extractor_set_today:
 *
 * The latest date an undated article can have.  Tests fix it; the default is
 * the day the extractor was made.
 */
void
marz_extractor_set_today (MarzExtractor *self,
                          const GDate   *today)
{
  g_return_if_fail (MARZ_IS_EXTRACTOR (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  g_date_free (self->today);
  self->today = g_date_copy (today);
}
