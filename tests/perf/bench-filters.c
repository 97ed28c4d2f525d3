/* bench-filters.c: how fast the views' queries answer on a large store
 *
 *   bench-filters [--articles N] [--incidents N] [--runs R] [--keep PATH] [--only map|lists|search]
 *
 * Builds a store of N articles (100,000 by default) and N incidents
 * (1,000,000) by writing their rows directly (bench-filters-store.c).  With
 * --keep, the store stays at PATH, and a later run with the same sizes uses
 * it again.
 *
 * Then, on a reader connection (marz_store_open_reader(), as the window's
 * queries run), each query a view change needs runs R times (20 by default)
 * over ranges of random start and of each length: what the map needs,
 * marz_store_summarize_places() with a range alone, with a type mask, with
 * diplomacy hidden and with a language; with the same filters, what the
 * other views ask: the timeline's marks (marz_store_list_incident_marks(),
 * every incident that passes the filters, whatever the range: what a
 * filter change feeds the timeline), the first page of 50 incidents with
 * their reports and their count (marz_store_query_incident_page(), a list)
 * and the same for one place, at random (a place's popover); the incidents
 * of a week with their reports all at once, as the lists read them before
 * they paged; and marz_store_search() with a limit of 50 for a few
 * queries.  Figures are the median and the 95th percentile, and their ratio
 * to a baseline measured in the same runs: for the map and the list, a count
 * of the incidents that start in the range off the dates index; for search,
 * the bare FTS5 match of the same words without ranking, articles or
 * snippets.
 *
 * --only lists times the map and the two lists' first pages alone, for the
 * whole store and a week (what a profile of the lists needs).
 *
 * A benchmark, not a timed test: it fails only when a query fails or gives
 * a wrong count, never because it was slow.
 */
#define G_LOG_DOMAIN "marz-bench"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "bench-filters-store.h"
#include "bench-machine.h"
#include "marz-normalize.h"
#include "marz-store-private.h"
#include "marz-tokenizer.h"

#define SEED            20251207
#define MAP_BUDGET_MS   100.0
#define SEARCH_BUDGET_MS 50.0

typedef struct
{
  guint    n_articles;
  guint    n_incidents;
  guint    runs;
  gboolean map;      /* which queries to time */
  gboolean search;
  gboolean lists;    /* of the map's, only the lists' and the map's own */
} Options;

typedef struct
{
  const char *name;       /* of the range: "all", "year", … */
  int         days;       /* 0: no range at all */
} RangeKind;

static const RangeKind range_kinds[] = {
  { "all", 0 }, { "year", 365 }, { "quarter", 91 }, { "month", 30 }, { "week", 7 },
};

/* ------------------------------------------------------------------------ */
/* Timing                                                                   */

typedef struct
{
  const char *kind;
  const char *name;       /* a search's query, or NULL */
  const char *range;
  GArray     *ms;        /* double, one per run */
  GArray     *base_ms;   /* the baseline of the same runs */
  guint       rows;      /* what the last run gave: places, incidents or hits */
  double      budget_ms;
} Series;

static Series *
series_new (const char *kind,
            const char *name,
            const char *range,
            double      budget_ms)
{
  Series *s = g_new0 (Series, 1);

  s->kind = kind;
  s->name = name;
  s->range = range;
  s->ms = g_array_new (FALSE, FALSE, sizeof (double));
  s->base_ms = g_array_new (FALSE, FALSE, sizeof (double));
  s->budget_ms = budget_ms;
  return s;
}

static void
series_free (Series *s)
{
  g_array_unref (s->ms);
  g_array_unref (s->base_ms);
  g_free (s);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The @q quantile, nearest rank, of a copy of @v. */
static double
quantile (GArray *v,
          double  q)
{
  g_autoptr(GArray) sorted = g_array_copy (v);
  guint rank;

  g_array_sort (sorted, compare_double);
  rank = (guint) (q * sorted->len + 0.999999);
  return g_array_index (sorted, double, CLAMP (rank, 1, sorted->len) - 1);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The baseline of the map's queries: the incidents that start in the
 * range, counted off the dates index, the least any query of the range reads. */
static gboolean
count_in_range (MarzStore  *store,
                const char *from,
                const char *to,
                double     *ms,
                GError    **error)
{
  sqlite3_stmt *stmt = _marz_store_cached (store,
    "SELECT count(*) FROM incidents WHERE date_start BETWEEN ? AND ?", error);
  gint64 start = g_get_monotonic_time ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _marz_store_fail (store, error);
  sqlite3_reset (stmt);
  *ms = ms_since (start);
  return TRUE;
}

/* The filters, each asked of every view. */
typedef enum { FILTER_RANGE, FILTER_TYPES, FILTER_NO_DIPLOMACY, FILTER_LANGUAGE, N_FILTERS } FilterKind;

static const char * const filter_names[] = {
  "range", "range + 2 types", "range, no diplomacy", "range + language fa",
};

/* The views: what each asks of the store. */
typedef enum { VIEW_MAP, VIEW_TIMELINE, VIEW_LIST, VIEW_PLACE, VIEW_LIST_ALL, N_VIEWS } View;

static const char * const view_names[] = {
  "map", "timeline marks", "list: page of 50", "place: page of 50", "list: all, unpaged",
};

#define PAGE 50

static void
fill_filter (FilterKind          f,
             MarzIncidentFilter *filter)
{
  filter->types = f == FILTER_TYPES ? (1u << MARZ_INCIDENT_AIRSTRIKE) | (1u << MARZ_INCIDENT_TALKS) : 0;
  filter->hide_diplomacy = f == FILTER_NO_DIPLOMACY;
  filter->language = f == FILTER_LANGUAGE ? (char *) "fa" : NULL;
}

/* Without a range or a filter, the places add up to every incident. */
static gboolean
check_total (MarzStore                *store,
             FilterKind                f,
             const MarzIncidentFilter *filter,
             GPtrArray                *summaries,
             GError                  **error)
{
  gint64 total = 0, expected = marz_store_count (store, "incidents");

  if (f != FILTER_RANGE || filter->from != NULL || filter->to != NULL)
    return TRUE;
  for (guint i = 0; i < summaries->len; i++)
    total += ((MarzPlaceSummary *) g_ptr_array_index (summaries, i))->n_incidents;
  if (total == expected)
    return TRUE;
  g_set_error (error, MARZ_STORE_ERROR, MARZ_STORE_ERROR_FAILED,
               "the places add up to %" G_GINT64_FORMAT " incidents of %" G_GINT64_FORMAT, total, expected);
  return FALSE;
}

static guint
sum_incidents (GPtrArray  *summaries,
               const char *place_id)
{
  guint n = 0;

  for (guint i = 0; i < summaries->len; i++)
    {
      MarzPlaceSummary *summary = g_ptr_array_index (summaries, i);
      if (place_id == NULL || strcmp (summary->place_id, place_id) == 0)
        n += summary->n_incidents;
    }
  return n;
}

static gboolean
fail_count (const char  *what,
            guint        got,
            guint        expected,
            GError     **error)
{
  if (got == expected)
    return TRUE;
  g_set_error (error, MARZ_STORE_ERROR, MARZ_STORE_ERROR_FAILED, "%s: %u incidents, the map has %u",
               what, got, expected);
  return FALSE;
}

/* What one view asks of the store, timed; checked against the map's
 * summaries of the same filter (@map, by the same run). */
static gboolean
time_view (MarzStore          *store,
           View                v,
           MarzIncidentFilter *filter,
           GPtrArray          *map,
           GPtrArray         **map_out,
           Series             *s,
           GError            **error)
{
  MarzIncidentFilter no_range = *filter;
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GArray) marks = NULL;
  guint total = 0, rows;
  gint64 start;
  double ms;

  no_range.from = no_range.to = NULL;
  start = g_get_monotonic_time ();
  switch (v)
    {
    case VIEW_MAP: got = marz_store_summarize_places (store, filter, "fa", error); break;
    case VIEW_TIMELINE: marks = marz_store_list_incident_marks (store, &no_range, error); break;
    case VIEW_LIST: got = marz_store_query_incident_page (store, filter, FALSE, 0, PAGE, &total, error); break;
    case VIEW_PLACE: got = marz_store_query_incident_page (store, filter, TRUE, 0, PAGE, &total, error); break;
    case VIEW_LIST_ALL: got = marz_store_query_incidents (store, filter, error); break;
    default: g_assert_not_reached ();
    }
  ms = ms_since (start);
  if (got == NULL && marks == NULL)
    return FALSE;
  rows = got ? got->len : marks->len;
  g_array_append_val (s->ms, ms);
  s->rows = v == VIEW_LIST || v == VIEW_PLACE ? total : rows;
  if (v == VIEW_MAP)
    *map_out = g_steal_pointer (&got);
  else if (v == VIEW_LIST)
    return fail_count ("the list", total, sum_incidents (map, NULL), error);
  else if (v == VIEW_PLACE)
    return fail_count ("the place's list", total, sum_incidents (map, filter->place_id), error);
  else if (v == VIEW_TIMELINE && filter->from == NULL)
    return fail_count ("the timeline", rows, sum_incidents (map, NULL), error);
  return TRUE;
}

/* Every view and filter over ranges of @kind, @runs times at random
 * starts.  The timeline does not depend on the range: timed with the
 * whole store's.  Every incident with its reports is no view's query at a
 * million: only in ranges of a week. */
static gboolean
time_range_kind (MarzStore       *store,
                 const RangeKind *kind,
                 gboolean         lists,
                 guint            runs,
                 GRand           *rand,
                 GPtrArray       *places,
                 GPtrArray       *out,
                 GError         **error)
{
  Series *series[N_VIEWS][N_FILTERS] = { { NULL } };

  for (guint v = 0; v < N_VIEWS; v++)
    for (guint f = 0; f < N_FILTERS; f++)
      if ((v != VIEW_TIMELINE || (kind->days == 0 && !lists))
          && (v != VIEW_LIST_ALL || (kind->days == 7 && f == 0 && !lists)))
        {
          series[v][f] = series_new (view_names[v], filter_names[f], kind->name, MAP_BUDGET_MS);
          g_ptr_array_add (out, series[v][f]);
        }
  for (guint r = 0; r < runs; r++)
    {
      int first = kind->days ? g_rand_int_range (rand, 0, BENCH_N_DAYS - kind->days + 1) : 0;
      g_autofree char *from = bench_day_string (first);
      g_autofree char *to = bench_day_string (kind->days ? first + kind->days - 1 : BENCH_N_DAYS - 1);
      const char *place = g_ptr_array_index (places, g_rand_int_range (rand, 0, places->len));
      double base;

      if (!count_in_range (store, from, to, &base, error))
        return FALSE;
      for (guint f = 0; f < N_FILTERS; f++)
        {
          MarzIncidentFilter filter = { .from = kind->days ? from : NULL, .to = kind->days ? to : NULL,
                                        .type = -1 };
          g_autoptr(GPtrArray) map = NULL;

          fill_filter (f, &filter);
          for (guint v = 0; v < N_VIEWS; v++)
            {
              if (series[v][f] == NULL)
                continue;
              filter.place_id = v == VIEW_PLACE ? (char *) place : NULL;
              g_array_append_val (series[v][f]->base_ms, base);
              if (!time_view (store, v, &filter, map, &map, series[v][f], error)
                  || (v == VIEW_MAP && !check_total (store, f, &filter, map, error)))
                return FALSE;
            }
        }
    }
  return TRUE;
}

/* The timeline's marks as the window read them before: every incident that
 * passes, as a MarzIncident. */
static gboolean
time_old_marks (MarzStore  *store,
                guint       runs,
                GPtrArray  *out,
                GError    **error)
{
  Series *s = series_new ("timeline, unaggregated SQL", filter_names[FILTER_TYPES], "all", MAP_BUDGET_MS);

  g_ptr_array_add (out, s);
  for (guint r = 0; r < runs; r++)
    {
      MarzIncidentFilter filter = { .type = -1 };
      g_autoptr(GPtrArray) marks = NULL;
      gint64 start;
      double ms, base;

      if (!count_in_range (store, "0000-01-01", "9999-12-31", &base, error))
        return FALSE;
      fill_filter (FILTER_TYPES, &filter);
      start = g_get_monotonic_time ();
      marks = marz_store_query_incident_marks (store, &filter, error);
      ms = ms_since (start);
      if (marks == NULL)
        return FALSE;
      g_array_append_val (s->ms, ms);
      g_array_append_val (s->base_ms, base);
      s->rows = marks->len;
    }
  return TRUE;
}

/* The baseline of a search: the same words matched by FTS5 alone. */
static gboolean
bare_match (MarzStore  *store,
            const char *query,
            double     *ms,
            GError    **error)
{
  g_autofree char *key = marz_normalize_key (query);
  g_autoptr(GArray) tokens = marz_tokenize (key, strlen (key));
  g_autoptr(GString) fts = g_string_new (NULL);
  sqlite3_stmt *stmt = _marz_store_cached (store, "SELECT rowid FROM article_index WHERE article_index MATCH ?",
                                           error);
  gint64 start;
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < tokens->len; i++)
    {
      MarzToken *t = &g_array_index (tokens, MarzToken, i);
      g_string_append_printf (fts, "%s\"%.*s\"", i ? " AND " : "", (int) (t->end - t->start), key + t->start);
    }
  start = g_get_monotonic_time ();
  sqlite3_bind_text (stmt, 1, fts->str, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);
  *ms = ms_since (start);
  return rc == SQLITE_DONE || _marz_store_fail (store, error);
}

static gboolean
time_search (MarzStore   *store,
             const char  *query,
             guint        runs,
             GPtrArray   *out,
             GError     **error)
{
  Series *s = series_new ("search, 50 hits", query, "", SEARCH_BUDGET_MS);

  g_ptr_array_add (out, s);
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GPtrArray) hits = NULL;
      gint64 start;
      double base, ms;

      if (!bare_match (store, query, &base, error))
        return FALSE;
      start = g_get_monotonic_time ();
      hits = marz_store_search (store, query, 50, error);
      ms = ms_since (start);
      if (hits == NULL)
        return FALSE;
      if (hits->len == 0)
        {
          g_set_error (error, MARZ_STORE_ERROR, MARZ_STORE_ERROR_FAILED, "«%s» found nothing", query);
          return FALSE;
        }
      g_array_append_val (s->ms, ms);
      g_array_append_val (s->base_ms, base);
      s->rows = hits->len;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Report                                                                   */

static void
print_machine (const Options *opts,
               const char    *path)
{
  g_autofree char *model = bench_cpu_model ();
  g_autofree char *loadavg = NULL;
  struct utsname u;
  GStatBuf st = { 0 };

  if (uname (&u) != 0)
    memset (&u, 0, sizeof u);
  if (!g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    loadavg = g_strdup ("?");
  g_stat (path, &st);
  g_print ("machine: nproc %u, %s, %s %s, SQLite %s, GLib %u.%u.%u, %s build\n",
           g_get_num_processors (), model, u.sysname, u.release, sqlite3_libversion (),
           glib_major_version, glib_minor_version, glib_micro_version, BENCH_BUILDTYPE);
  g_print ("load average before: %s\n", g_strstrip (loadavg));
  g_print ("store: %u articles, %u incidents, %.0f MiB; %u runs per query, ranges at random starts\n\n",
           opts->n_articles, opts->n_incidents, st.st_size / (1024.0 * 1024.0), opts->runs);
}

static void
print_series (GPtrArray *all)
{
  g_print ("%-28s %-20s %-8s %9s %9s %9s %9s %8s %7s\n", "query", "filter", "range", "median", "p95",
           "base med", "ratio", "rows", "budget");
  for (guint i = 0; i < all->len; i++)
    {
      Series *s = g_ptr_array_index (all, i);
      double med = quantile (s->ms, 0.5), p95 = quantile (s->ms, 0.95);
      double base = quantile (s->base_ms, 0.5);

      gboolean search = s->budget_ms == SEARCH_BUDGET_MS;

      /* Arabic script last: a width in bytes would misalign the columns. */
      g_print ("%-28s %-20s %-8s %9.2f %9.2f %9.2f %8.2f× %8u %7s %s\n", s->kind,
               search ? "" : s->name, s->range, med, p95, base,
               base > 0 ? med / base : 0, s->rows, p95 <= s->budget_ms ? "ok" : "OVER",
               search ? s->name : "");
    }
  g_print ("\nms; ratio: median over the baseline's median in the same runs.  Baselines: for the\n"
           "map and the list, count(*) of the incidents that start in the range, off the dates index;\n"
           "for search, the bare FTS5 match of the same words.  budget: p95 within %.0f ms for\n"
           "a view change, %.0f ms for a search.  rows: places, marks, incidents (a list's count)\n"
           "or hits of the last run.\n",
           MAP_BUDGET_MS, SEARCH_BUDGET_MS);
}

/* The first summary of a store copies its incidents into memory: once,
 * and again after each change of the database. */
static gboolean
time_first_summary (MarzStore  *store,
                    GError    **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) got = marz_store_summarize_places (store, NULL, NULL, error);

  if (got == NULL)
    return FALSE;
  g_print ("first summary, copying the incidents into memory: %.0f ms\n\n", ms_since (start));
  return TRUE;
}

/* The places with incidents, for the popovers' lists. */
static gboolean
list_places (MarzStore  *store,
             GPtrArray  *places,
             GError    **error)
{
  g_autoptr(GPtrArray) summaries = marz_store_summarize_places (store, NULL, NULL, error);

  if (summaries == NULL)
    return FALSE;
  for (guint i = 0; i < summaries->len; i++)
    g_ptr_array_add (places, g_strdup (((MarzPlaceSummary *) g_ptr_array_index (summaries, i))->place_id));
  return places->len > 0 || fail_count ("the store", 0, 1, error);
}

static const char * const searches[] = {
  "كابل",               /* a place: every spelling of it, with proclitics */
  "غارات جوية",         /* a phrase of two frequent words */
  "درگیری",             /* a frequent Persian word */
  "معبر",               /* a rarer word */
  "الحكومة طالبان",     /* two words anywhere */
};

static gboolean
measure (const char     *path,
         const Options  *opts,
         GError        **error)
{
  g_autoptr(MarzStore) store = marz_store_open_reader (path, error);
  g_autoptr(MarzGazetteer) gazetteer = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 2);
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func (g_free);

  if (store == NULL || (gazetteer = marz_gazetteer_new_default (error)) == NULL)
    return FALSE;
  marz_store_set_gazetteer (store, gazetteer);
  print_machine (opts, path);
  if (opts->map && (!time_first_summary (store, error) || !list_places (store, places, error)))
    return FALSE;
  for (guint k = 0; opts->map && k < G_N_ELEMENTS (range_kinds); k++)
    if ((!opts->lists || range_kinds[k].days == 0 || range_kinds[k].days == 7)
        && !time_range_kind (store, &range_kinds[k], opts->lists, opts->runs, rand, places, all, error))
      return FALSE;
  if (opts->map && !opts->lists && !time_old_marks (store, MIN (opts->runs, 3), all, error))
    return FALSE;
  for (guint q = 0; opts->search && q < G_N_ELEMENTS (searches); q++)
    if (!time_search (store, searches[q], opts->runs, all, error))
      return FALSE;
  print_series (all);
  return TRUE;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = NULL, *dir = NULL, *path = NULL, *only = NULL;
  gint articles = 100000, incidents = 1000000, runs = 20;
  GOptionEntry entries[] = {
    { "articles", 0, 0, G_OPTION_ARG_INT, &articles, "Articles in the store", "N" },
    { "incidents", 0, 0, G_OPTION_ARG_INT, &incidents, "Incidents in the store", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each query (median and p95)", "R" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Keep the store here, and use it again", "PATH" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Time only these queries", "map|lists|search" },
    { NULL }
  };
  Options opts;
  gboolean ok;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1 || articles < 1 || incidents < 0)
    {
      g_printerr ("bench-filters: %s\n", error ? error->message : "sizes and runs must be positive");
      return 2;
    }
  opts = (Options) { articles, incidents, runs, g_strcmp0 (only, "search") != 0,
                     only == NULL || g_str_equal (only, "search"), g_strcmp0 (only, "lists") == 0 };
  if (keep == NULL && (dir = g_dir_make_tmp ("bench-filters-XXXXXX", &error)) == NULL)
    {
      g_printerr ("bench-filters: %s\n", error->message);
      return 1;
    }
  path = keep ? g_strdup (keep) : g_build_filename (dir, "marz.db", NULL);
  ok = (keep != NULL && bench_store_fits (path, opts.n_articles, opts.n_incidents)) || bench_store_build (path, opts.n_articles, opts.n_incidents, &error);
  ok = ok && measure (path, &opts, &error);
  if (!ok)
    g_printerr ("bench-filters: %s\n", error->message);
  if (dir != NULL)
    {
      bench_store_remove (path);
      g_rmdir (dir);
    }
  return ok ? 0 : 1;
}
