/* test-highlights.c: what the reader marks in an article, on the bundled corpus */
#undef G_DISABLE_ASSERT

#include "marz-highlights.h"
#include "marz-import.h"
#include "marz-normalize.h"
#include "marz-numbers.h"

static MarzStore *
open_corpus_store (MarzGazetteer *gazetteer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "highlights.db", NULL);
  g_autofree char *corpus = marz_find_data_file ("corpus");
  g_autoptr(MarzExtractor) extractor = marz_extractor_new (gazetteer);
  g_autoptr(MarzStore) store = marz_store_open (path, &error);
  MarzImportSummary summary;

  g_assert_no_error (error);
  g_assert_true (marz_import_paths (store, extractor, (const char * const []) { corpus, NULL },
                                    NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

typedef struct
{
  GArray          *highlights;
  MarzArticleInfo *info;
  GPtrArray       *incidents;
} Marked;

static void
marked_clear (Marked *m)
{
  g_clear_pointer (&m->highlights, g_array_unref);
  g_clear_pointer (&m->info, marz_article_info_free);
  g_clear_pointer (&m->incidents, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Marked, marked_clear)

static void
mark (MarzStore     *store,
      MarzGazetteer *gazetteer,
      const char    *article,
      Marked        *m)
{
  g_autoptr(GError) error = NULL;

  m->info = marz_store_get_article (store, article, &error);
  g_assert_no_error (error);
  m->incidents = marz_store_query_article_incidents (store, article, &error);
  g_assert_no_error (error);
  m->highlights = marz_highlights_find (gazetteer, m->info->text, article, m->incidents);
}

static char *
text_of (const Marked        *m,
         const MarzHighlight *h)
{
  return g_utf8_substring (m->info->text, h->start, h->end);
}

/* Every mark sits inside an evidence sentence of its incident, in order. */
static void
assert_inside_evidence (const Marked *m,
                        const char   *article)
{
  for (guint i = 0; i < m->highlights->len; i++)
    {
      const MarzHighlight *h = &g_array_index (m->highlights, MarzHighlight, i);
      gboolean inside = FALSE;

      if (i > 0)
        g_assert_cmpuint (g_array_index (m->highlights, MarzHighlight, i - 1).start, <=, h->start);
      for (guint k = 0; k < m->incidents->len; k++)
        {
          const MarzIncident *incident = g_ptr_array_index (m->incidents, k);
          for (guint r = 0; incident->id == h->incident_id && r < incident->reports->len; r++)
            {
              const MarzReport *report = g_ptr_array_index (incident->reports, r);
              inside |= g_str_equal (report->article, article) && report->start <= h->start && h->end <= report->end;
            }
        }
      g_assert_true (inside);
    }
}

static guint
count_kind (const Marked      *m,
            MarzHighlightKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < m->highlights->len; i++)
    n += g_array_index (m->highlights, MarzHighlight, i).kind == kind;
  return n;
}

/* 004 (Dari): the strikes on Khost, Kunar and Paktika, ten killed and
 * eight injured in all, on a date it writes. */
static void
test_shared_figures (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (&error);
  g_autoptr(MarzStore) store = open_corpus_store (gazetteer);
  g_auto(Marked) m = { 0 };
  gboolean ten = FALSE, eight = FALSE;

  g_assert_no_error (error);
  mark (store, gazetteer, "004_bdaeba4cc2571f60.txt", &m);
  assert_inside_evidence (&m, "004_bdaeba4cc2571f60.txt");
  g_assert_cmpuint (count_kind (&m, MARZ_HIGHLIGHT_PLACE), >=, 4);   /* Kabul, Paktika, Khost, Kunar */
  g_assert_cmpuint (count_kind (&m, MARZ_HIGHLIGHT_DATE), >=, 1);
  for (guint i = 0; i < m.highlights->len; i++)
    {
      const MarzHighlight *h = &g_array_index (m.highlights, MarzHighlight, i);
      g_autofree char *words = text_of (&m, h);
      gint64 value;

      if (h->kind != MARZ_HIGHLIGHT_FIGURE)
        continue;
      g_assert_true (marz_parse_number (words, &value));
      ten |= value == 10;
      eight |= value == 8;
    }
  g_assert_true (ten);
  g_assert_true (eight);
}

/* 002 (Persian): the clash at Spin Boldak, its place written glued. */
static void
test_place_spelling (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (&error);
  g_autoptr(MarzStore) store = open_corpus_store (gazetteer);
  g_auto(Marked) m = { 0 };
  gboolean spin = FALSE;

  g_assert_no_error (error);
  mark (store, gazetteer, "002_953fb3cf66484f30.txt", &m);
  assert_inside_evidence (&m, "002_953fb3cf66484f30.txt");
  for (guint i = 0; i < m.highlights->len; i++)
    {
      const MarzHighlight *h = &g_array_index (m.highlights, MarzHighlight, i);
      g_autofree char *words = text_of (&m, h);
      g_autofree char *key = marz_normalize_key (words);

      if (h->kind == MARZ_HIGHLIGHT_PLACE && g_str_has_suffix (key, "بولدک"))
        spin = TRUE;
    }
  g_assert_true (spin);
}

/* An article with no incident marks nothing; damaged offsets are skipped. */
static void
test_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (&error);
  g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_incident_free);
  g_autoptr(GArray) none = marz_highlights_find (gazetteer, "نص قصير", "x.txt", NULL);
  MarzIncident *incident = g_new0 (MarzIncident, 1);
  MarzReport *report = g_new0 (MarzReport, 1);
  g_autoptr(GArray) damaged = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  incident->place_id = g_strdup ("kabul");
  incident->shared_killed = incident->shared_injured = -1;
  incident->reports = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_report_free);
  report->article = g_strdup ("x.txt");
  report->start = 3;
  report->end = 900;   /* past the end of the text */
  report->killed = report->injured = -1;
  g_ptr_array_add (incident->reports, report);
  g_ptr_array_add (incidents, incident);
  damaged = marz_highlights_find (gazetteer, "غارات على كابل", "x.txt", incidents);
  g_assert_cmpuint (damaged->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/highlights/shared-figures", test_shared_figures);
  g_test_add_func ("/highlights/place-spelling", test_place_spelling);
  g_test_add_func ("/highlights/nothing", test_nothing);
  return g_test_run ();
}
