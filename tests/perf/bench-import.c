/* bench-import.c: how fast Marz imports, next to bare SQLite doing the least it could
 *
 *   bench-import N [--runs R] [--keep DIR]
 *   bench-import --phase baseline|marz CORPUS DB
 *
 * The first form writes a synthetic corpus of N articles (see bench-corpus.c),
 * then runs each phase R times (3 by default; the median counts), each time
 * in a fresh process of its own and on a new database, so that the peak RSS
 * a phase reports is its own and not the generator's or the other phase's.
 * The baseline reads every file and inserts its text into a bare FTS5 table,
 * the Marz phase times marz_import_paths() on the same folder: reading,
 * decoding, extraction, every insert and the index, both up to and including
 * COMMIT.  Opening the databases and loading the gazetteer are not timed.
 *
 * The second form runs one phase alone and prints its figures as a key file:
 * that is what the first form spawns, and what to run under perf or valgrind.
 *
 * A benchmark, not a timed test: it fails only when the import did not do
 * its job (an article missing, a file failed), never because it was slow.
 */
#define G_LOG_DOMAIN "marz-bench"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>

#include "bench-machine.h"
#include "bench-corpus.h"
#include "marz-import.h"

#define CORPUS_SEED 20251127
#define RESULT "result"
#define MIB (1024.0 * 1024.0)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct
{
  double  seconds;
  double  cpu_seconds;  /* user and system, every thread */
  double  peak_mib;
  gint64  articles;     /* in the database afterwards */
  gint64  added;
  gint64  duplicates;
  gint64  failed;
  gint64  incidents;
  gint64  reports;
  double  db_mib;
} Phase;

static gint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;
  struct rusage usage;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      && (line = strstr (status, "\nVmHWM:")) != NULL)
    return g_ascii_strtoll (line + strlen ("\nVmHWM:"), NULL, 10);
  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;   /* in KiB on Linux */
}

/* CPU time as well as wall time: on a busy machine the two part ways. */
static gint64
cpu_time_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC
         + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static void
set_times (GKeyFile *result,
           gint64    start,
           gint64    cpu_start)
{
  g_key_file_set_int64 (result, RESULT, "elapsed_us", g_get_monotonic_time () - start);
  g_key_file_set_int64 (result, RESULT, "cpu_us", cpu_time_us () - cpu_start);
}

static gboolean
sqlite_fail (sqlite3     *db,
             const char  *what,
             GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
sqlite_exec (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return sqlite_fail (db, sql, error);
  return TRUE;
}

static gboolean
insert_files (sqlite3     *db,
              const char  *corpus,
              gint64      *n_rows,
              GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (corpus, 0, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *name;

  if (dir == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (db, "INSERT INTO t (body) VALUES (?)", -1, &stmt, NULL) != SQLITE_OK)
    return sqlite_fail (db, "INSERT", error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (corpus, name, NULL);
      g_autofree char *text = NULL;
      gsize len = 0;

      if (!g_str_has_suffix (name, ".txt"))
        continue;
      if (!g_file_get_contents (path, &text, &len, error))
        return FALSE;
      sqlite3_bind_text (stmt, 1, text, len, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return sqlite_fail (db, path, error);
      sqlite3_reset (stmt);
      (*n_rows)++;
    }
  return TRUE;
}

static gboolean
run_baseline (const char  *corpus,
              const char  *db_path,
              GKeyFile    *result,
              GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  gint64 start, cpu_start, n_rows = 0;

  if (sqlite3_open (db_path, &db) != SQLITE_OK)
    return sqlite_fail (db, db_path, error);
  if (!sqlite_exec (db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                        "CREATE VIRTUAL TABLE t USING fts5 (body)", error))
    return FALSE;

  start = g_get_monotonic_time ();
  cpu_start = cpu_time_us ();
  if (!sqlite_exec (db, "BEGIN", error)
      || !insert_files (db, corpus, &n_rows, error)
      || !sqlite_exec (db, "COMMIT", error))
    return FALSE;
  set_times (result, start, cpu_start);
  g_key_file_set_int64 (result, RESULT, "articles", n_rows);
  return TRUE;
}

/* Only failures are worth a line: the smoke test shows why it failed. */
static void
on_import_progress_cb (const MarzImportItem *item,
                       guint                 done,
                       guint                 total,
                       gpointer              user_data)
{
  if (item->outcome != MARZ_IMPORT_ADDED)
    g_printerr ("bench-import: %s: %s: %s\n", item->path,
                item->outcome == MARZ_IMPORT_DUPLICATE ? "duplicate of" : "failed", item->detail);
}

static void
set_marz_counts (GKeyFile                *result,
                 MarzStore               *store,
                 const MarzImportSummary *summary)
{
  g_key_file_set_int64 (result, RESULT, "added", summary->added);
  g_key_file_set_int64 (result, RESULT, "duplicates", summary->duplicates);
  g_key_file_set_int64 (result, RESULT, "failed", summary->failed);
  g_key_file_set_int64 (result, RESULT, "articles", marz_store_count (store, "articles"));
  g_key_file_set_int64 (result, RESULT, "incidents", marz_store_count (store, "incidents"));
  g_key_file_set_int64 (result, RESULT, "reports", marz_store_count (store, "reports"));
}

static gboolean
run_marz (const char  *corpus,
          const char  *db_path,
          GKeyFile    *result,
          GError     **error)
{
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (error);
  g_autoptr(MarzExtractor) extractor = NULL;
  g_autoptr(MarzStore) store = NULL;
  const char * const paths[] = { corpus, NULL };
  MarzImportSummary summary;
  gint64 start, cpu_start;

  if (gazetteer == NULL || (store = marz_store_open (db_path, error)) == NULL)
    return FALSE;
  extractor = marz_extractor_new (gazetteer);

  start = g_get_monotonic_time ();
  cpu_start = cpu_time_us ();
  if (!marz_import_paths (store, extractor, paths, NULL, on_import_progress_cb, NULL,
                          &summary, error))
    return FALSE;
  set_times (result, start, cpu_start);
  set_marz_counts (result, store, &summary);
  return TRUE;
}

/* Prints the phase's figures as a key file on stdout, for the parent. */
static int
run_phase (const char *phase,
           const char *corpus,
           const char *db_path)
{
  g_autoptr(GKeyFile) result = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gboolean ok;

  if (g_str_equal (phase, "baseline"))
    ok = run_baseline (corpus, db_path, result, &error);
  else if (g_str_equal (phase, "marz"))
    ok = run_marz (corpus, db_path, result, &error);
  else
    ok = (g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "unknown phase (baseline or marz)"), FALSE);
  if (!ok)
    {
      g_printerr ("bench-import: %s: %s\n", phase, error->message);
      return EXIT_FAILURE;
    }
  /* After the phase has closed its database: the peak covers all of it. */
  g_key_file_set_int64 (result, RESULT, "peak_kib", peak_rss_kib ());
  data = g_key_file_to_data (result, NULL, NULL);
  fputs (data, stdout);
  return EXIT_SUCCESS;
}

static double
file_mib (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / MIB : 0;
}

/* A database is its file and, until a checkpoint, its write-ahead log. */
static double
database_mib (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  return file_mib (path) + file_mib (wal);
}

static gint64
get_int (GKeyFile   *result,
         const char *key)
{
  return g_key_file_has_key (result, RESULT, key, NULL)
    ? g_key_file_get_int64 (result, RESULT, key, NULL) : 0;
}

static gboolean
spawn_phase (const char  *self_exe,
             const char  *phase,
             const char  *corpus,
             const char  *db_path,
             Phase       *out,
             GError     **error)
{
  const char *argv[] = { self_exe, "--phase", phase, corpus, db_path, NULL };
  g_autoptr(GKeyFile) result = g_key_file_new ();
  g_autofree char *stdout_data = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &stdout_data, NULL, &status, error)
      || !g_spawn_check_wait_status (status, error)
      || !g_key_file_load_from_data (result, stdout_data, -1, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "the %s phase: ", phase);
      return FALSE;
    }
  *out = (Phase) {
    .seconds = get_int (result, "elapsed_us") / (double) G_USEC_PER_SEC,
    .cpu_seconds = get_int (result, "cpu_us") / (double) G_USEC_PER_SEC,
    .peak_mib = get_int (result, "peak_kib") / 1024.0,
    .articles = get_int (result, "articles"),
    .added = get_int (result, "added"),
    .duplicates = get_int (result, "duplicates"),
    .failed = get_int (result, "failed"),
    .incidents = get_int (result, "incidents"),
    .reports = get_int (result, "reports"),
    .db_mib = database_mib (db_path),
  };
  return TRUE;
}

/* The load says whether anything else ran: the figures mean little if so. */
static void
print_machine (void)
{
  g_autofree char *model = bench_cpu_model ();
  g_autofree char *loadavg = NULL;
  g_auto(GStrv) load = NULL;
  struct utsname u;

  if (uname (&u) != 0)
    memset (&u, 0, sizeof u);
  if (!g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    loadavg = g_strdup ("? ? ?");
  load = g_strsplit (g_strstrip (loadavg), " ", 4);
  g_print ("machine: nproc %u, %s, %s %s, SQLite %s, GLib %u.%u.%u, %s build\n",
           g_get_num_processors (), model, u.sysname, u.release, sqlite3_libversion (),
           glib_major_version, glib_minor_version, glib_micro_version, BENCH_BUILDTYPE);
  if (g_strv_length (load) >= 3)
    g_print ("load average before: %s %s %s\n", load[0], load[1], load[2]);
}

static gboolean
generate (const char  *corpus,
          guint        n,
          GError     **error)
{
  g_autofree char *seed_dir = marz_find_data_file ("corpus");
  g_autoptr(BenchCorpus) generator = NULL;
  gint64 start = g_get_monotonic_time ();
  guint64 n_bytes = 0;

  if (g_mkdir_with_parents (corpus, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", corpus,
                   g_strerror (saved));
      return FALSE;
    }
  generator = bench_corpus_new (seed_dir, CORPUS_SEED, error);
  if (generator == NULL || !bench_corpus_write (generator, corpus, n, &n_bytes, error))
    return FALSE;
  g_print ("corpus: %u articles, %.1f MiB, from the seeds in %s (generated in %.1f s, not timed)\n",
           n, n_bytes / MIB, seed_dir, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  return TRUE;
}

static void
print_results (guint        n,
               guint        runs,
               const Phase *baseline,
               const Phase *marz)
{
  g_print ("N=%u  baseline %.2f s (%.0f art/s, %.0f MiB)  marz %.2f s (%.0f art/s, %.0f MiB)"
           "  ratio %.2fx",
           n, baseline->seconds, n / baseline->seconds, baseline->peak_mib,
           marz->seconds, n / marz->seconds, marz->peak_mib, marz->seconds / baseline->seconds);
  if (runs > 1)
    g_print ("  (median of %u runs)", runs);
  g_print ("\n");
  g_print ("  marz: %" G_GINT64_FORMAT " added, %" G_GINT64_FORMAT " duplicates, %" G_GINT64_FORMAT
           " failed; %" G_GINT64_FORMAT " incidents, %" G_GINT64_FORMAT " reports\n",
           marz->added, marz->duplicates, marz->failed, marz->incidents, marz->reports);
  g_print ("  cpu time: baseline %.2f s, marz %.2f s (ratio %.2fx)\n",
           baseline->cpu_seconds, marz->cpu_seconds, marz->cpu_seconds / baseline->cpu_seconds);
  g_print ("  database size: baseline %.1f MiB, marz %.1f MiB\n", baseline->db_mib, marz->db_mib);
}

/* What makes the smoke test fail: the benchmark measured an import that
 * did not import everything. */
static gboolean
check_results (guint        n,
               const Phase *baseline,
               const Phase *marz)
{
  gboolean ok = TRUE;

  if (baseline->articles != n)
    ok = FALSE, g_printerr ("bench-import: the baseline stored %" G_GINT64_FORMAT " of %u texts\n",
                            baseline->articles, n);
  if (marz->added != n || marz->articles != n || marz->failed != 0 || marz->duplicates != 0)
    ok = FALSE, g_printerr ("bench-import: Marz stored %" G_GINT64_FORMAT " of %u articles (%"
                            G_GINT64_FORMAT " added, %" G_GINT64_FORMAT " duplicates, %"
                            G_GINT64_FORMAT " failed)\n", marz->articles, n, marz->added,
                            marz->duplicates, marz->failed);
  return ok;
}

static void
remove_database (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      if (g_remove (file) != 0 && errno != ENOENT)
        g_printerr ("bench-import: cannot remove %s: %s\n", file, g_strerror (errno));
    }
}

static int
compare_seconds (gconstpointer a,
                 gconstpointer b)
{
  double x = ((const Phase *) a)->seconds, y = ((const Phase *) b)->seconds;

  return x < y ? -1 : x > y;
}

/* The run of median wall time: one slow run on a shared machine says little. */
static Phase
median (GArray *phases)
{
  g_array_sort (phases, compare_seconds);
  return g_array_index (phases, Phase, phases->len / 2);
}

/* The ratios of single runs: on a shared machine the spread says as much
 * as the median. */
static void
print_spread (GArray *baselines,
              GArray *marzes)
{
  double lo = G_MAXDOUBLE, hi = 0;

  if (baselines->len < 2)
    return;
  for (guint r = 0; r < baselines->len; r++)
    {
      double ratio = g_array_index (marzes, Phase, r).seconds / g_array_index (baselines, Phase, r).seconds;
      lo = MIN (lo, ratio);
      hi = MAX (hi, ratio);
    }
  g_print ("  single runs: ratio %.2fx to %.2fx\n", lo, hi);
}

/* One run of each phase, on new databases. */
static gboolean
run_once (const char  *self_exe,
          const char  *corpus,
          const char  *baseline_db,
          const char  *marz_db,
          guint        n,
          Phase       *baseline,
          Phase       *marz,
          GError     **error)
{
  remove_database (baseline_db);
  remove_database (marz_db);
  if (!spawn_phase (self_exe, "baseline", corpus, baseline_db, baseline, error)
      || !spawn_phase (self_exe, "marz", corpus, marz_db, marz, error))
    return FALSE;
  if (!check_results (n, baseline, marz))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the import is incomplete");
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_benchmark (const char  *self_exe,
               const char  *work,
               guint        n,
               guint        runs,
               GError     **error)
{
  g_autofree char *corpus = g_build_filename (work, "corpus", NULL);
  g_autofree char *baseline_db = g_build_filename (work, "baseline.db", NULL);
  g_autofree char *marz_db = g_build_filename (work, "marz.db", NULL);
  g_autoptr(GArray) baselines = g_array_new (FALSE, FALSE, sizeof (Phase));
  g_autoptr(GArray) marzes = g_array_new (FALSE, FALSE, sizeof (Phase));
  Phase baseline, marz;

  if (g_file_test (corpus, G_FILE_TEST_EXISTS) || g_file_test (marz_db, G_FILE_TEST_EXISTS)
      || g_file_test (baseline_db, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                   "%s already holds a corpus or a database", work);
      return FALSE;
    }
  if (!generate (corpus, n, error))
    return FALSE;
  for (guint r = 0; r < runs; r++)
    {
      if (!run_once (self_exe, corpus, baseline_db, marz_db, n, &baseline, &marz, error))
        return FALSE;
      if (runs > 1)
        g_print ("  run %u: baseline %.2f s, marz %.2f s (%.2fx)\n",
                 r + 1, baseline.seconds, marz.seconds, marz.seconds / baseline.seconds);
      g_array_append_val (baselines, baseline);
      g_array_append_val (marzes, marz);
    }
  print_spread (baselines, marzes);
  baseline = median (baselines);
  marz = median (marzes);
  print_results (n, runs, &baseline, &marz);
  return TRUE;
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
    }
  if (g_remove (path) != 0)
    g_printerr ("bench-import: cannot remove %s: %s\n", path, g_strerror (errno));
}

static char *
make_work_dir (const char  *keep_dir,
               GError     **error)
{
  if (keep_dir == NULL)
    return g_dir_make_tmp ("marz-bench-XXXXXX", error);
  if (g_mkdir_with_parents (keep_dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", keep_dir,
                   g_strerror (saved));
      return NULL;
    }
  return g_strdup (keep_dir);
}

static int
bench (const char *self_exe,
       const char *n_arg,
       guint       runs,
       const char *keep_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *work = NULL;
  guint64 n = 0;
  gboolean ok;

  if (!g_ascii_string_to_unsigned (n_arg, 10, 1, G_MAXINT32, &n, &error)
      || (work = make_work_dir (keep_dir, &error)) == NULL)
    {
      g_printerr ("bench-import: %s\n", error->message);
      return EXIT_FAILURE;
    }
  print_machine ();
  ok = run_benchmark (self_exe, work, n, runs, &error);
  if (keep_dir != NULL)
    g_print ("kept the corpus and the databases in %s\n", work);
  else
    remove_tree (work);
  if (!ok)
    g_printerr ("bench-import: %s\n", error->message);
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *keep_dir = NULL;
  g_autofree char *phase = NULL;
  int runs = 3;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GOptionContext) context = g_option_context_new ("N | --phase PHASE CORPUS DB");
  g_autoptr(GError) error = NULL;
  g_autofree char *help = NULL;
  const GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep_dir,
      "Work in DIR (new or empty) and keep the corpus and databases there", "DIR" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs,
      "Run each phase R times and report the median (default 3)", "R" },
    { "phase", 0, 0, G_OPTION_ARG_STRING, &phase,
      "Time one phase alone on an existing corpus: baseline or marz", "PHASE" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Import throughput of Marz against bare SQLite FTS5.");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-import: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (phase != NULL && argc == 3)
    return run_phase (phase, argv[1], argv[2]);
  if (phase == NULL && argc == 2 && runs >= 1)
    return bench (self_exe != NULL ? self_exe : argv[0], argv[1], runs, keep_dir);
  help = g_option_context_get_help (context, TRUE, NULL);
  g_printerr ("%s", help);
  return EXIT_FAILURE;
}
