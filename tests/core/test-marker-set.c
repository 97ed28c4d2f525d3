/* test-marker-set.c: places summed up from a real store, and clustered for the map */
#undef G_DISABLE_ASSERT

#include "marz-basemap.h"
#include "marz-import.h"
#include "marz-marker-set.h"
#include "marz-marker-style.h"
#include "marz-store-private.h"
#include "marz-view-model.h"

static char *
data_file (const char *name)
{
  const char *datadir = g_getenv ("MARZ_DATADIR");

  if (datadir != NULL)
    return g_build_filename (datadir, name, NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "..", "data", name, NULL);
}

/* The bundled corpus, imported into a fresh store in the isolated data dir. */
static MarzStore *
open_corpus_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "markers.db", NULL);
  g_autofree char *corpus = data_file ("corpus");
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (&error);
  g_autoptr(MarzExtractor) extractor = NULL;
  g_autoptr(MarzStore) store = NULL;
  MarzImportSummary summary;

  g_assert_no_error (error);
  extractor = marz_extractor_new (gazetteer);
  store = marz_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (marz_import_paths (store, extractor, (const char * const []) { corpus, NULL },
                                    NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added, ==, 5);
  return g_steal_pointer (&store);
}

static const MarzPlaceSummary *
find (GPtrArray  *summaries,
      const char *place_id)
{
  for (guint i = 0; i < summaries->len; i++)
    {
      const MarzPlaceSummary *s = g_ptr_array_index (summaries, i);
      if (g_strcmp0 (s->place_id, place_id) == 0)
        return s;
    }
  return NULL;
}

static void
test_summaries (void)
{
  g_autoptr(MarzStore) store = open_corpus_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = marz_store_summarize_places (store, NULL, NULL, &error);
  const MarzPlaceSummary *kabul, *paktika, *spin, *islamabad;

  g_assert_no_error (error);
  kabul = find (all, "kabul");
  paktika = find (all, "paktika");
  spin = find (all, "spin-boldak");
  islamabad = find (all, "islamabad");
  g_assert_nonnull (kabul);
  g_assert_nonnull (find (all, "khost-province"));
  g_assert_nonnull (find (all, "kunar"));
  g_assert_nonnull (spin);
  g_assert_nonnull (islamabad);
  g_assert_null (find (all, "khost"));  /* the city: the strikes were on the province */

  g_assert_cmpstr (kabul->name, ==, "Kabul");
  g_assert_cmpuint (kabul->n_incidents, ==, 1);
  g_assert_cmpint (marz_place_summary_main_type (kabul, MARZ_CATEGORY_VIOLENCE), ==, MARZ_INCIDENT_AIRSTRIKE);
  g_assert_cmpint (marz_place_summary_main_type (kabul, MARZ_CATEGORY_DIPLOMACY), ==, MARZ_N_INCIDENT_TYPES);
  g_assert_cmpuint (paktika->n_incidents, ==, 2);   /* 9 October and 24 November */
  g_assert_cmpuint (paktika->type_counts[MARZ_INCIDENT_AIRSTRIKE], ==, 2);
  g_assert_cmpstr (paktika->kind, ==, "province");
  g_assert_cmpint (marz_place_summary_main_type (spin, MARZ_CATEGORY_VIOLENCE), ==, MARZ_INCIDENT_CLASH);
  g_assert_cmpuint (marz_place_summary_count (islamabad, MARZ_CATEGORY_DIPLOMACY), ==, 2);
  g_assert_cmpuint (marz_place_summary_count (islamabad, MARZ_CATEGORY_VIOLENCE), ==, 0);
  /* No per-place figure in the corpus: unknown, not zero. */
  g_assert_cmpint (kabul->killed, ==, -1);
  g_assert_cmpint (kabul->injured, ==, -1);
  g_assert_cmpfloat_with_epsilon (kabul->lat, 34.53, 0.05);
  g_assert_cmpfloat_with_epsilon (kabul->lon, 69.17, 0.05);
}

static void
test_summaries_filtered (void)
{
  g_autoptr(MarzStore) store = open_corpus_store ();
  g_autoptr(GError) error = NULL;
  MarzIncidentFilter filter = { .from = NULL, .to = (char *) "2025-10-31", .type = -1 };
  g_autoptr(GPtrArray) october = marz_store_summarize_places (store, &filter, "fa", &error);
  const MarzPlaceSummary *paktika;

  g_assert_no_error (error);
  g_assert_null (find (october, "spin-boldak"));
  g_assert_null (find (october, "kunar"));
  paktika = find (october, "paktika");
  g_assert_nonnull (paktika);
  g_assert_cmpuint (paktika->n_incidents, ==, 1);
  g_assert_cmpstr (find (october, "kabul")->name, ==, "کابل");

  filter = (MarzIncidentFilter) { .type = MARZ_INCIDENT_CLASH };
  g_clear_pointer (&october, g_ptr_array_unref);
  october = marz_store_summarize_places (store, &filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (october->len, ==, 1);
  g_assert_cmpstr (((MarzPlaceSummary *) october->pdata[0])->place_id, ==, "spin-boldak");
}

static guint
total_incidents (GPtrArray *summaries)
{
  guint n = 0;

  for (guint i = 0; i < summaries->len; i++)
    n += ((MarzPlaceSummary *) g_ptr_array_index (summaries, i))->n_incidents;
  return n;
}

static GPtrArray *
summarize (MarzStore                *store,
           const MarzIncidentFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *summaries = marz_store_summarize_places (store, filter, NULL, &error);

  g_assert_no_error (error);
  return summaries;
}

/* Types as a mask, diplomacy hidden, and the language of the reports. */
static void
test_summaries_more_filters (void)
{
  g_autoptr(MarzStore) store = open_corpus_store ();
  MarzIncidentFilter filter = { .type = -1,
                                .types = (1u << MARZ_INCIDENT_CLASH) | (1u << MARZ_INCIDENT_TALKS) };
  g_autoptr(GPtrArray) got = summarize (store, &filter);

  /* Spin Boldak's clash, and talks in Istanbul, Islamabad (two) and Rawalpindi. */
  g_assert_cmpuint (total_incidents (got), ==, 5);
  g_assert_nonnull (find (got, "spin-boldak"));
  g_assert_cmpuint (find (got, "islamabad")->n_incidents, ==, 2);
  g_assert_null (find (got, "kabul"));
  g_clear_pointer (&got, g_ptr_array_unref);

  /* With the single type as well, both hold. */
  filter.type = MARZ_INCIDENT_TALKS;
  got = summarize (store, &filter);
  g_assert_cmpuint (total_incidents (got), ==, 4);
  g_assert_null (find (got, "spin-boldak"));
  g_clear_pointer (&got, g_ptr_array_unref);

  filter = (MarzIncidentFilter) { .type = -1, .types = MARZ_INCIDENT_TYPES_NONE };
  got = summarize (store, &filter);
  g_assert_cmpuint (got->len, ==, 0);
  g_clear_pointer (&got, g_ptr_array_unref);

  filter = (MarzIncidentFilter) { .type = -1, .hide_diplomacy = TRUE };
  got = summarize (store, &filter);
  g_assert_cmpuint (total_incidents (got), ==, 6);
  g_assert_null (find (got, "islamabad"));
  g_assert_null (find (got, "doha"));
  g_clear_pointer (&got, g_ptr_array_unref);

  /* Only Kabul's strike of 9 October has a report in Arabic. */
  filter = (MarzIncidentFilter) { .type = -1, .language = (char *) "ar" };
  got = summarize (store, &filter);
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpstr (((MarzPlaceSummary *) got->pdata[0])->place_id, ==, "kabul");
  g_clear_pointer (&got, g_ptr_array_unref);
  filter.language = (char *) "fa";
  got = summarize (store, &filter);
  g_assert_cmpuint (total_incidents (got), ==, 12);
  g_clear_pointer (&got, g_ptr_array_unref);
  filter.language = (char *) "ps";
  got = summarize (store, &filter);
  g_assert_cmpuint (got->len, ==, 0);
  g_clear_pointer (&got, g_ptr_array_unref);

  /* Everything at once: violent, in Persian, in November, within Afghanistan. */
  filter = (MarzIncidentFilter) { .from = (char *) "2025-11-01", .to = (char *) "2025-11-30", .type = -1,
                                  .place_id = (char *) "afghanistan", .hide_diplomacy = TRUE,
                                  .language = (char *) "fa",
                                  .types = MARZ_INCIDENT_TYPES_NONE - 1 };
  got = summarize (store, &filter);
  g_assert_cmpuint (total_incidents (got), ==, 4);   /* Spin Boldak; Khost, Kunar, Paktika */
  g_assert_null (find (got, "kabul"));
}

/* The store's filter from the view-model lets through exactly the incidents
 * marz_view_model_accepts() does. */
static void
check_agrees (MarzStore     *store,
              MarzViewModel *model,
              GPtrArray     *all,
              guint          expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(MarzIncidentFilter) filter = { .type = -1 };
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint accepted = 0;

  marz_view_model_fill_filter (model, &filter);
  got = marz_store_query_incidents (store, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < got->len; i++)
    g_hash_table_add (ids, &((MarzIncident *) got->pdata[i])->id);
  for (guint i = 0; i < all->len; i++)
    {
      MarzIncident *incident = g_ptr_array_index (all, i);
      gboolean accepts = marz_view_model_accepts (model, incident);

      g_assert_cmpint (accepts, ==, g_hash_table_contains (ids, &incident->id));
      accepted += accepts;
    }
  g_assert_cmpuint (got->len, ==, accepted);
  g_assert_cmpuint (accepted, ==, expected);
}

static void
test_view_model_agrees (void)
{
  g_autoptr(MarzStore) store = open_corpus_store ();
  g_autoptr(MarzViewModel) model = marz_view_model_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = marz_store_query_incidents (store, NULL, &error);

  g_assert_no_error (error);
  check_agrees (store, model, all, 12);
  marz_view_model_set_range (model, "2025-10-10", "2025-11-24", &error);
  g_assert_no_error (error);
  check_agrees (store, model, all, 7);
  marz_view_model_set_show_diplomacy (model, FALSE);
  check_agrees (store, model, all, 4);
  marz_view_model_set_types (model, 1u << MARZ_INCIDENT_CLASH);
  check_agrees (store, model, all, 1);
  marz_view_model_set_types (model, 0);
  check_agrees (store, model, all, 0);
  marz_view_model_reset_filters (model);
  marz_view_model_set_language (model, "ar");
  check_agrees (store, model, all, 1);
  marz_view_model_set_language (model, NULL);
  marz_view_model_set_place (model, "islamabad");
  check_agrees (store, model, all, 2);
}

/* ------------------------------------------------------------------------ */
/* The summaries from the incidents in memory, against the SQL               */

static void
exec_ok (MarzStore  *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  _marz_store_exec (store, sql, &error);
  g_assert_no_error (error);
}

/* What the corpus lacks: an incident known to the month, one to the year,
 * one without a date, one of a type this version does not know, figures
 * (0 among them), and reports in Pashto and Urdu. */
static void
add_odd_incidents (MarzStore *store)
{
  exec_ok (store,
    "INSERT INTO articles (id, name, path, hash, encoding, language, date_precision, date_origin,"
    "  body_start, text) VALUES"
    " (100, 'ps.txt', '/ps.txt', 'h100', 'UTF-8', 'ps', 'unknown', 'none', 0, 'x'),"
    " (101, 'ur.txt', '/ur.txt', 'h101', 'UTF-8', 'ur', 'unknown', 'none', 0, 'x');"
    "INSERT INTO incidents (id, type, rank, category, place_id, date, date_precision, date_start, date_end,"
    "  killed, injured) VALUES"
    " (100, 'shelling', 1, 'violence', 'kunar', '2025-10', 'month', '2025-10-01', '2025-10-31', 5, NULL),"
    " (101, 'attack', 3, 'violence', 'paktika', '2025', 'year', '2025-01-01', '2025-12-31', 0, 0),"
    " (102, 'clash', 2, 'violence', 'kabul', NULL, 'unknown', NULL, NULL, 3, 7),"
    " (103, 'sabotage', 4, 'violence', 'khost-province', '2025-11-24', 'day', '2025-11-24', '2025-11-24', 1, 1),"
    " (104, 'closure', 7, 'diplomacy', 'torkham', '2025-10-12', 'day', '2025-10-12', '2025-10-12', NULL, 2),"
    " (105, 'airstrike', 0, 'violence', 'kunar', '2025-11-24', 'day', '2025-11-24', '2025-11-24', 2, NULL);"
    "INSERT INTO reports (incident_id, article_id, type, start, end) VALUES"
    " (100, 100, 'shelling', 0, 1), (101, 101, 'attack', 0, 1), (102, 100, 'clash', 0, 1),"
    " (103, 100, 'attack', 0, 1), (104, 101, 'closure', 0, 1), (105, 100, 'airstrike', 0, 1),"
    " (105, 101, 'airstrike', 0, 1), (5, 100, 'airstrike', 0, 1);");
}

static void
assert_same_summaries (GPtrArray *a,
                       GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const MarzPlaceSummary *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      g_assert_cmpstr (x->place_id, ==, y->place_id);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->kind, ==, y->kind);
      g_assert_cmpfloat (x->lat, ==, y->lat);
      g_assert_cmpfloat (x->lon, ==, y->lon);
      g_assert_cmpuint (x->n_incidents, ==, y->n_incidents);
      g_assert_cmpmem (x->type_counts, sizeof x->type_counts, y->type_counts, sizeof y->type_counts);
      g_assert_cmpint (x->killed, ==, y->killed);
      g_assert_cmpint (x->injured, ==, y->injured);
    }
}

/* From memory if it can answer (@from_memory says whether it must), and
 * the same as the SQL in any case. */
static GPtrArray *
summarize_both (MarzStore                *store,
                const MarzIncidentFilter *filter,
                const char               *language,
                gboolean                  from_memory)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) memory = NULL;
  g_autoptr(GPtrArray) sql = _marz_store_summarize_places_sql (store, filter, language, &error);
  GPtrArray *got;

  g_assert_no_error (error);
  g_assert_true (_marz_store_snapshot_summarize (store, filter, language, &memory, &error));
  g_assert_no_error (error);
  g_assert_true ((memory != NULL) == from_memory);
  got = marz_store_summarize_places (store, filter, language, &error);
  g_assert_no_error (error);
  assert_same_summaries (got, sql);
  return got;
}

static void
test_snapshot_agrees (void)
{
  static const char * const froms[] = { NULL, "2025-01-01", "2025-10-09", "2025-10-31", "2025-11-24", "2026-01-01" };
  static const char * const tos[] = { NULL, "2024-12-31", "2025-10-09", "2025-10-15", "2025-11-30" };
  static const guint types[] = { 0, (1u << MARZ_INCIDENT_AIRSTRIKE) | (1u << MARZ_INCIDENT_TALKS),
                                 1u << MARZ_INCIDENT_CLOSURE, MARZ_INCIDENT_TYPES_NONE };
  static const char * const languages[] = { NULL, "ar", "fa", "ps", "ur", "xx" };
  static const char * const places[] = { NULL, "afghanistan", "kunar", "pakistan", "torkham", "atlantis" };
  g_autoptr(MarzStore) store = open_corpus_store ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20251205);
  guint non_empty = 0;

  add_odd_incidents (store);
  for (guint i = 0; i < 3000; i++)
    {
      /* Each condition in one filter of two, or one of three. */
      MarzIncidentFilter filter = {
        .from = (char *) froms[g_rand_boolean (rand) ? 0 : g_rand_int_range (rand, 0, G_N_ELEMENTS (froms))],
        .to = (char *) tos[g_rand_boolean (rand) ? 0 : g_rand_int_range (rand, 0, G_N_ELEMENTS (tos))],
        .type = g_rand_int_range (rand, 0, 6) == 0 ? MARZ_INCIDENT_CLASH : -1,
        .types = types[g_rand_boolean (rand) ? 0 : g_rand_int_range (rand, 0, G_N_ELEMENTS (types))],
        .hide_diplomacy = g_rand_int_range (rand, 0, 3) == 0,
        .language = (char *) languages[g_rand_boolean (rand) ? 0 : g_rand_int_range (rand, 0, G_N_ELEMENTS (languages))],
        .place_id = (char *) places[g_rand_boolean (rand) ? 0 : g_rand_int_range (rand, 0, G_N_ELEMENTS (places))],
      };
      g_autoptr(GPtrArray) got = summarize_both (store, &filter, g_rand_boolean (rand) ? "fa" : NULL, TRUE);

      non_empty += got->len > 0;
    }
  /* Not an agreement on empty answers alone. */
  g_test_message ("%u of 3000 filters let something through", non_empty);
  g_assert_cmpuint (non_empty, >, 1000);
}

/* What the copy cannot answer exactly, the SQL does. */
static void
test_snapshot_declines (void)
{
  g_autoptr(MarzStore) store = open_corpus_store ();
  MarzIncidentFilter month = { .from = (char *) "2025-11", .type = -1 };
  g_autoptr(GPtrArray) got = summarize_both (store, &month, NULL, FALSE);

  g_assert_cmpuint (total_incidents (got), >, 0);
  g_clear_pointer (&got, g_ptr_array_unref);

  /* A figure past 32 bits: every summary from the SQL. */
  exec_ok (store, "UPDATE incidents SET killed = 5000000000 WHERE id = 1");
  got = summarize_both (store, NULL, NULL, FALSE);
  g_assert_cmpint (find (got, "kabul")->killed, ==, G_GINT64_CONSTANT (5000000000));
}

static guint
total_of (MarzStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) got = marz_store_summarize_places (store, NULL, NULL, &error);

  g_assert_no_error (error);
  return total_incidents (got);
}

/* The copy follows the database: its own writes, and another's commits. */
static void
test_snapshot_follows (void)
{
  g_autoptr(MarzStore) store = open_corpus_store ();
  g_autoptr(MarzStore) reader = NULL;
  g_autoptr(GError) error = NULL;

  reader = marz_store_open_reader (marz_store_get_path (store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total_of (store), ==, 12);
  g_assert_cmpuint (total_of (reader), ==, 12);

  add_odd_incidents (store);   /* 5 known types, one unknown */
  g_assert_cmpuint (total_of (store), ==, 17);
  g_assert_cmpuint (total_of (reader), ==, 17);

  /* Inside a transaction, the writer sees its own rows, the reader not yet. */
  exec_ok (store, "BEGIN; DELETE FROM reports WHERE incident_id = 100; DELETE FROM incidents WHERE id = 100");
  g_assert_cmpuint (total_of (store), ==, 16);
  g_assert_cmpuint (total_of (reader), ==, 17);
  exec_ok (store, "ROLLBACK");
  g_assert_cmpuint (total_of (store), ==, 17);

  /* A figure changes, not the count. */
  exec_ok (store, "UPDATE incidents SET killed = 40 WHERE id = 102");
  {
    g_autoptr(GPtrArray) got = marz_store_summarize_places (reader, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (find (got, "kabul")->killed, ==, 40);
  }
}

static guint64
total_count (GArray *clusters)
{
  guint64 n = 0;

  for (guint i = 0; i < clusters->len; i++)
    n += g_array_index (clusters, MarzCluster, i).count;
  return n;
}

static void
test_marker_set (void)
{
  g_autoptr(MarzStore) store = open_corpus_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzMarkerSet) all = marz_marker_set_new (marz_store_summarize_places (store, NULL, NULL, &error), TRUE);
  g_autoptr(MarzMarkerSet) violent = marz_marker_set_new (marz_store_summarize_places (store, NULL, NULL, &error), FALSE);
  g_autoptr(GArray) world = NULL;
  g_autoptr(GArray) close = NULL;
  guint i;

  g_assert_no_error (error);
  g_assert_cmpuint (marz_marker_set_get_n_incidents (all), ==, 12);
  g_assert_cmpuint (marz_marker_set_get_n_incidents (violent), ==, 6);
  g_assert_false (marz_marker_set_lookup (violent, "istanbul", NULL));
  g_assert_true (marz_marker_set_lookup (all, "istanbul", &i));
  g_assert_cmpint (marz_marker_set_get_type (all, i), ==, MARZ_INCIDENT_TALKS);
  g_assert_true (marz_marker_set_lookup (violent, "spin-boldak", &i));
  g_assert_cmpuint (marz_marker_set_get_count (violent, i), ==, 1);
  g_assert_cmpstr (marz_marker_set_get_place (violent, i)->name, ==, "Spin Boldak");

  /* The whole world at zoom 2: the border places merge, nothing is lost. */
  world = marz_cluster_index_query (marz_marker_set_get_index (violent), -180, -85, 180, 85, 2);
  g_assert_cmpuint (world->len, <, marz_marker_set_get_n_places (violent));
  g_assert_cmpuint (total_count (world), ==, 6);
  /* Close in, every place stands alone. */
  close = marz_cluster_index_query (marz_marker_set_get_index (violent), 60, 25, 75, 38, 10);
  g_assert_cmpuint (close->len, ==, marz_marker_set_get_n_places (violent));
  for (guint k = 0; k < close->len; k++)
    g_assert_false (g_array_index (close, MarzCluster, k).is_cluster);
}

static void
test_style (void)
{
  MarzRgb strike = marz_marker_style_type_color (MARZ_INCIDENT_AIRSTRIKE);
  MarzRgb talks = marz_marker_style_type_color (MARZ_INCIDENT_TALKS);

  /* Violence warm, diplomacy cool. */
  g_assert_cmpfloat (strike.red, >, strike.blue);
  g_assert_cmpfloat (talks.blue, >, talks.red);
  /* Bigger with casualties and incidents, but bounded. */
  g_assert_cmpfloat (marz_marker_style_place_radius (1, 10), >, marz_marker_style_place_radius (1, -1));
  g_assert_cmpfloat (marz_marker_style_place_radius (5, -1), >, marz_marker_style_place_radius (1, -1));
  g_assert_cmpfloat (marz_marker_style_place_radius (100000, 1000000), <=, 24.0);
  g_assert_cmpfloat (marz_marker_style_cluster_radius (1000000), <=, 30.0);
}

static void
test_outline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (&error);
  g_autoptr(MarzBasemap) basemap = NULL;
  g_autoptr(GPtrArray) khost = NULL;
  guint n = 0;

  g_assert_no_error (error);
  basemap = marz_basemap_new_default (gazetteer, &error);
  g_assert_no_error (error);
  khost = marz_basemap_get_outline (basemap, "khost-province");
  g_assert_nonnull (khost);
  g_assert_cmpuint (khost->len, >=, 1);
  for (guint r = 0; r < khost->len; r++)
    {
      GArray *ring = g_ptr_array_index (khost, r);
      for (guint i = 0; i < ring->len; i++, n++)
        {
          MarzLatLon *ll = &g_array_index (ring, MarzLatLon, i);
          g_assert_cmpfloat (ll->lat, >, 32.8);
          g_assert_cmpfloat (ll->lat, <, 33.8);
          g_assert_cmpfloat (ll->lon, >, 69.2);
          g_assert_cmpfloat (ll->lon, <, 70.4);
        }
    }
  g_assert_cmpuint (n, >, 20);
  g_assert_null (marz_basemap_get_outline (basemap, "kabul"));   /* a city, not an area */
  g_assert_null (marz_basemap_get_outline (basemap, "atlantis"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/marker-set/summaries", test_summaries);
  g_test_add_func ("/marker-set/summaries-filtered", test_summaries_filtered);
  g_test_add_func ("/marker-set/summaries-more-filters", test_summaries_more_filters);
  g_test_add_func ("/marker-set/view-model-agrees", test_view_model_agrees);
  g_test_add_func ("/marker-set/snapshot/agrees", test_snapshot_agrees);
  g_test_add_func ("/marker-set/snapshot/declines", test_snapshot_declines);
  g_test_add_func ("/marker-set/snapshot/follows", test_snapshot_follows);
  g_test_add_func ("/marker-set/clusters", test_marker_set);
  g_test_add_func ("/marker-set/style", test_style);
  g_test_add_func ("/marker-set/outline", test_outline);
  return g_test_run ();
}
