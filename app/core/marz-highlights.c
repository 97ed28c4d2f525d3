/* marz-highlights.c */
#define G_LOG_DOMAIN "marz-highlights"

#include "marz-highlights.h"

#include "marz-dates.h"
#include "marz-normalize.h"
#include "marz-numbers.h"
#include "marz-tokenizer.h"

typedef struct
{
  MarzGazetteer    *gazetteer;
  MarzDateFinder   *dates;
  MarzNumberFinder *numbers;
  GArray           *out;        /* MarzHighlight */
} Finder;

/* One sentence, normalized, with a way back to the article's characters. */
typedef struct
{
  const char     *sentence;     /* the original, borrowed */
  guint           first_char;   /* its first character in the article */
  MarzNormalized *normalized;
  GArray         *tokens;
} Sentence;

static void
add (Finder            *finder,
     const Sentence    *s,
     MarzHighlightKind  kind,
     guint32            start,
     guint32            end,
     gint64             incident_id)
{
  gsize from = marz_normalized_to_original (s->normalized, start);
  gsize to = marz_normalized_to_original (s->normalized, end);
  MarzHighlight h = {
    .kind = kind,
    .start = s->first_char + g_utf8_pointer_to_offset (s->sentence, s->sentence + from),
    .end = s->first_char + g_utf8_pointer_to_offset (s->sentence, s->sentence + to),
    .incident_id = incident_id,
  };

  if (h.end > h.start)
    g_array_append_val (finder->out, h);
}

static gboolean
names_place (const MarzPlaceMention *mention,
             const MarzIncident     *incident)
{
  for (guint i = 0; i < mention->places->len; i++)
    {
      const MarzPlace *place = g_ptr_array_index (mention->places, i);
      if (g_strcmp0 (place->id, incident->place_id) == 0)
        return TRUE;
      for (guint k = 0; incident->shared_places && k < incident->shared_places->len; k++)
        if (g_strcmp0 (place->id, g_ptr_array_index (incident->shared_places, k)) == 0)
          return TRUE;
    }
  return FALSE;
}

static gboolean
is_figure (gint64             value,
           const MarzReport   *report,
           const MarzIncident *incident)
{
  gint64 figures[] = { report->killed, report->injured, incident->shared_killed, incident->shared_injured };

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    if (figures[i] >= 0 && figures[i] == value)
      return TRUE;
  return FALSE;
}

static void
scan_sentence (Finder             *finder,
               const Sentence     *s,
               const MarzReport   *report,
               const MarzIncident *incident)
{
  g_autoptr(GArray) places = marz_gazetteer_scan (finder->gazetteer, s->normalized->text, s->tokens);
  g_autoptr(GArray) dates = marz_date_finder_scan (finder->dates, s->normalized->text, s->tokens, NULL);
  g_autoptr(GArray) numbers = marz_number_finder_scan (finder->numbers, s->normalized->text, s->tokens);

  for (guint i = 0; i < places->len; i++)
    {
      MarzPlaceMention *m = &g_array_index (places, MarzPlaceMention, i);
      if (names_place (m, incident))
        add (finder, s, MARZ_HIGHLIGHT_PLACE, m->start, m->end, incident->id);
    }
  for (guint i = 0; i < dates->len; i++)
    {
      MarzDateMention *m = &g_array_index (dates, MarzDateMention, i);
      add (finder, s, MARZ_HIGHLIGHT_DATE, m->start, m->end, incident->id);
    }
  for (guint i = 0; i < numbers->len; i++)
    {
      MarzNumber *m = &g_array_index (numbers, MarzNumber, i);
      if (is_figure (m->value, report, incident))
        add (finder, s, MARZ_HIGHLIGHT_FIGURE, m->start, m->end, incident->id);
    }
}

static int
compare_highlights (gconstpointer a,
                    gconstpointer b)
{
  const MarzHighlight *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

/* Two reports sharing a sentence find the same words twice. */
static void
sort_unique (GArray *out)
{
  guint kept = 0;

  g_array_sort (out, compare_highlights);
  for (guint i = 0; i < out->len; i++)
    {
      MarzHighlight *h = &g_array_index (out, MarzHighlight, i);
      MarzHighlight *last = kept ? &g_array_index (out, MarzHighlight, kept - 1) : NULL;

      if (last && last->start == h->start && last->end == h->end && last->kind == h->kind)
        continue;
      g_array_index (out, MarzHighlight, kept++) = *h;
    }
  g_array_set_size (out, kept);
}

/**
 * marz_highlights_find:
 * @text: the article's text, as stored
 * @article: its file name, to pick its own reports
 * @incidents: (element-type MarzIncident): the incidents it reports, with
 *   their reports, as marz_store_query_article_incidents() gives them
 *
 * Returns: (transfer full) (element-type MarzHighlight): in text order
 */
GArray *
marz_highlights_find (MarzGazetteer *gazetteer,
                      const char    *text,
                      const char    *article,
                      GPtrArray     *incidents)
{
  g_autoptr(MarzDateFinder) dates = marz_date_finder_new ();
  g_autoptr(MarzNumberFinder) numbers = marz_number_finder_new ();
  Finder finder = { gazetteer, dates, numbers, g_array_new (FALSE, FALSE, sizeof (MarzHighlight)) };
  glong length;

  g_return_val_if_fail (MARZ_IS_GAZETTEER (gazetteer), NULL);
  g_return_val_if_fail (text != NULL && article != NULL, NULL);

  length = g_utf8_strlen (text, -1);
  for (guint i = 0; incidents && i < incidents->len; i++)
    {
      const MarzIncident *incident = g_ptr_array_index (incidents, i);

      for (guint r = 0; r < incident->reports->len; r++)
        {
          const MarzReport *report = g_ptr_array_index (incident->reports, r);
          g_autofree char *sentence = NULL;
          Sentence s;

          if (g_strcmp0 (report->article, article) != 0 || report->end > length || report->start >= report->end)
            continue;
          sentence = g_utf8_substring (text, report->start, report->end);
          s = (Sentence) { sentence, report->start, marz_normalized_new (sentence, -1), NULL };
          s.tokens = marz_tokenize (s.normalized->text, s.normalized->len);
          scan_sentence (&finder, &s, report, incident);
          g_array_unref (s.tokens);
          marz_normalized_free (s.normalized);
        }
    }
  sort_unique (finder.out);
  return finder.out;
}
