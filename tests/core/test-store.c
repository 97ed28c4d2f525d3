/* test-store.c: the store never loses data and never crashes
 *
 * Real SQLite files in the isolated data dir; a raw sqlite3 connection checks
 * what is on disk behind the store's back, and makes the files (foreign,
 * too new, damaged) that a user may point Marz at.
 */
#undef G_DISABLE_ASSERT

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "marz-import.h"
#include "marz-normalize.h"
#include "marz-reader.h"
#include "marz-align.h"
#include "marz-store.h"

#define N_CORPUS 5
#define SEARCH_LIMIT 50

static const char * const corpus_names[N_CORPUS + 1] = {
  "000_762ce45aa623c2ba.txt", "001_2c7e0a786d366e8c.txt", "002_953fb3cf66484f30.txt",
  "003_af36543c52e09699.txt", "004_bdaeba4cc2571f60.txt", NULL
};

/* The tables an import writes. */
static const char * const tables[] = { "articles", "sentences", "incidents", "reports", "places" };

/* ------------------------------------------------------------------------ */
/* Files                                                                    */

static char *
corpus_dir (void)
{
  const char *datadir = g_getenv ("MARZ_DATADIR");

  if (datadir != NULL)
    return g_build_filename (datadir, "corpus", NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "data", "corpus", NULL);
}

static char *
corpus_file (guint i)
{
  g_autofree char *dir = corpus_dir ();
  return g_build_filename (dir, corpus_names[i], NULL);
}

static char *
data_path (const char *first,
           ...)
{
  va_list args;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *part;

  g_ptr_array_add (parts, (gpointer) g_get_user_data_dir ());
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

static char *
write_file (const char *name,
            const void *data,
            gssize      len)
{
  char *path = data_path ("files", name, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (goffset) st.st_size : -1;
}

/* ------------------------------------------------------------------------ */
/* Raw SQLite, behind the store's back                                      */

static sqlite3 *
raw_open (const char *path,
          int         flags)
{
  sqlite3 *db = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  if (flags & SQLITE_OPEN_CREATE)
    g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, flags, NULL), ==, SQLITE_OK);
  return db;
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = raw_open (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* The first column of the first row, as text. */
static char *
raw_query (const char *path,
           const char *sql)
{
  sqlite3 *db = raw_open (path, SQLITE_OPEN_READONLY);
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return result;
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  g_autofree char *text = raw_query (path, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

/* ------------------------------------------------------------------------ */
/* Importing                                                                */

typedef struct
{
  char              *path;
  MarzImportOutcome  outcome;
  char              *detail;
} Item;

static void
item_free (Item *item)
{
  g_free (item->path);
  g_free (item->detail);
  g_free (item);
}

typedef struct
{
  GPtrArray    *items;
  GCancellable *cancel;        /* cancelled after cancel_after files */
  guint         cancel_after;
  guint         last_done;
  guint         last_total;
} Progress;

static void
progress_clear (Progress *p)
{
  g_clear_pointer (&p->items, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Progress, progress_clear)

static void
on_import_progress_cb (const MarzImportItem *item,
                       guint                 done,
                       guint                 total,
                       gpointer              user_data)
{
  Progress *p = user_data;
  Item *copy = g_new0 (Item, 1);

  copy->path = g_strdup (item->path);
  copy->outcome = item->outcome;
  copy->detail = g_strdup (item->detail);
  g_ptr_array_add (p->items, copy);
  g_assert_cmpuint (done, ==, p->last_done + 1);
  g_assert_cmpuint (done, <=, total);
  p->last_done = done;
  p->last_total = total;
  if (p->cancel != NULL && done == p->cancel_after)
    g_cancellable_cancel (p->cancel);
}

static MarzExtractor *
new_extractor (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (&error);

  g_assert_no_error (error);
  return marz_extractor_new (gazetteer);
}

static gboolean
import (MarzStore          *store,
        const char * const *paths,
        GCancellable       *cancellable,
        Progress           *progress,
        MarzImportSummary  *summary,
        GError            **error)
{
  g_autoptr(MarzExtractor) extractor = new_extractor ();

  g_clear_pointer (&progress->items, g_ptr_array_unref);
  progress->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  progress->last_done = 0;
  return marz_import_paths (store, extractor, paths, cancellable, on_import_progress_cb, progress,
                            summary, error);
}

/* Imports and expects success. */
static MarzImportSummary
import_ok (MarzStore          *store,
           const char * const *paths)
{
  g_auto(Progress) progress = { 0 };
  g_autoptr(GError) error = NULL;
  MarzImportSummary summary;

  g_assert_true (import (store, paths, NULL, &progress, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.items->len, ==, summary.added + summary.duplicates + summary.failed);
  return summary;
}

static MarzStore *
open_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  MarzStore *store = marz_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static MarzStore *
open_with_corpus (const char *path)
{
  g_autofree char *dir = corpus_dir ();
  MarzStore *store = open_ok (path);
  MarzImportSummary summary = import_ok (store, (const char * const []) { dir, NULL });

  g_assert_cmpuint (summary.added, ==, N_CORPUS);
  return store;
}

typedef struct
{
  gint64 counts[G_N_ELEMENTS (tables)];
} Counts;

static Counts
count_rows (MarzStore *store)
{
  Counts c;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      c.counts[i] = marz_store_count (store, tables[i]);
      g_assert_cmpint (c.counts[i], >=, 0);
    }
  return c;
}

static void
assert_counts_equal (const Counts *a,
                     const Counts *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (a->counts[i] != b->counts[i])
      g_error ("%s: %" G_GINT64_FORMAT " rows, expected %" G_GINT64_FORMAT,
               tables[i], a->counts[i], b->counts[i]);
}

static void
assert_article_names (MarzStore          *store,
                      const char * const *names)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = marz_store_list_articles (store, &error);
  guint n = g_strv_length ((char **) names);

  g_assert_no_error (error);
  for (guint i = 0; i < MAX (n, articles->len); i++)
    g_assert_cmpstr (i < articles->len ? ((MarzArticleInfo *) g_ptr_array_index (articles, i))->name : NULL,
                     ==, i < n ? names[i] : NULL);
}

/* A word of letters only, different for each @i. */
static char *
marker (guint i)
{
  return g_strdup_printf ("marzgen%c%c%c", 'a' + i / 676 % 26, 'a' + i / 26 % 26, 'a' + i % 26);
}

/* Copies of the corpus, each made a new article by a line of its own. */
static char *
generate_corpus (const char *name,
                 guint       n)
{
  char *dir = data_path (name, NULL);
  char *texts[N_CORPUS] = { NULL };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < N_CORPUS; i++)
    {
      g_autofree char *path = corpus_file (i);
      g_autoptr(GError) error = NULL;

      g_file_get_contents (path, &texts[i], NULL, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s/gen%05u.txt", dir, i);
      g_autofree char *word = marker (i);
      g_autofree char *text = g_strdup_printf ("%s\n%s\n", texts[i % N_CORPUS], word);
      g_autoptr(GError) error = NULL;

      g_file_set_contents (file, text, -1, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < N_CORPUS; i++)
    g_free (texts[i]);
  return dir;
}

/* ------------------------------------------------------------------------ */
/* Opening                                                                  */

static void
test_open_creates (void)
{
  g_autofree char *path = data_path ("sub", "deeper", "marz.db", NULL);
  g_autoptr(MarzStore) store = NULL;
  g_autofree char *journal = NULL;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  store = open_ok (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (marz_store_get_path (store), ==, path);
  g_assert_cmpint (marz_store_count (store, "articles"), ==, 0);
  g_clear_object (&store);

  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 2);   /* 2: align_decisions */
  g_assert_cmpint (raw_int (path, "PRAGMA application_id"), ==, 0x4D61727A);
  journal = raw_query (path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");

  /* Again, now that it exists: nothing to migrate, nothing lost. */
  store = open_ok (path);
  g_assert_cmpint (marz_store_count (store, "articles"), ==, 0);
  g_clear_object (&store);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 2);
}

/* An article's incidents, each with the reports of every article. */
static void
test_article_incidents (void)
{
  g_autofree char *path = data_path ("marz.db", NULL);
  g_autoptr(MarzStore) store = open_with_corpus (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) dari = marz_store_query_article_incidents (store, "004_bdaeba4cc2571f60.txt", &error);
  g_autoptr(GPtrArray) none = NULL;
  MarzIncident *kabul = NULL;
  gboolean khost = FALSE;

  g_assert_no_error (error);
  g_assert_nonnull (dari);
  for (guint i = 0; i < dari->len; i++)
    {
      MarzIncident *incident = g_ptr_array_index (dari, i);
      gboolean reported_here = FALSE;

      for (guint r = 0; r < incident->reports->len; r++)
        reported_here |= g_str_equal (((MarzReport *) g_ptr_array_index (incident->reports, r))->article,
                                      "004_bdaeba4cc2571f60.txt");
      g_assert_true (reported_here);
      if (g_str_equal (incident->place_id, "kabul"))
        kabul = incident;
      khost |= g_str_equal (incident->place_id, "khost-province");
    }
  g_assert_true (khost);
  g_assert_nonnull (kabul);
  /* Kabul's strike is told by 000 and 002 too: the other articles come along. */
  g_assert_cmpuint (kabul->reports->len, ==, 3);

  none = marz_store_query_article_incidents (store, "no-such-article.txt", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_open_reopen_keeps_data (void)
{
  g_autofree char *path = data_path ("marz.db", NULL);
  g_autoptr(MarzStore) store = open_with_corpus (path);
  Counts before = count_rows (store);
  Counts after;

  g_clear_object (&store);
  store = open_ok (path);
  after = count_rows (store);
  assert_counts_equal (&after, &before);
  g_assert_cmpint (after.counts[0], ==, N_CORPUS);
}

static void
test_open_cannot_create (void)
{
  g_autofree char *file = write_file ("plain", "x", 1);
  g_autofree char *path = g_build_filename (file, "marz.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = marz_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, MARZ_STORE_ERROR, MARZ_STORE_ERROR_OPEN);
}

/* Opening @path fails with one of @codes (-1 ends the list), says which file,
 * and leaves the file exactly as it was. */
static void
assert_open_refused (const char *path,
                     const int  *codes)
{
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = marz_store_open (path, &error);
  gboolean expected = FALSE;

  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == MARZ_STORE_ERROR);
  for (guint i = 0; codes[i] >= 0; i++)
    expected |= error->code == codes[i];
  if (!expected)
    g_error ("unexpected error code %d: %s", error->code, error->message);
  g_assert_nonnull (strstr (error->message, path));

  after = file_checksum (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_open_foreign (void)
{
  g_autofree char *path = data_path ("other.db", NULL);
  g_autofree char *rows = NULL;

  raw_exec (path, "CREATE TABLE foo (a INTEGER, b TEXT); INSERT INTO foo VALUES (1, 'keep me')");
  assert_open_refused (path, (const int []) { MARZ_STORE_ERROR_NOT_MARZ, -1 });
  rows = raw_query (path, "SELECT b FROM foo");
  g_assert_cmpstr (rows, ==, "keep me");
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 0);
}

/* Another program's WAL database, with committed pages still in its -wal:
 * a reader that closes last checkpoints them into the main file. */
static void
test_open_foreign_wal (void)
{
  g_autofree char *path = data_path ("other-wal.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *wal_before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = NULL;
  sqlite3 *db = raw_open (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; CREATE TABLE foo (a);"
                                     "INSERT INTO foo VALUES (42)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_cmpint (file_size (wal), >, 0);
  before = file_checksum (path);
  wal_before = file_checksum (wal);

  store = marz_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, MARZ_STORE_ERROR, MARZ_STORE_ERROR_NOT_MARZ);

  after = file_checksum (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  wal_after = file_checksum (wal);
  g_assert_cmpstr (wal_after, ==, wal_before);
}

static void
test_open_text_file (void)
{
  const char *text = "این یک پایگاه داده نیست، فقط یک متن است.\n"
                     "This is a text file someone renamed to .db, long enough to fill a header.\n";
  g_autofree char *path = write_file ("notes.db", text, -1);

  assert_open_refused (path, (const int []) { MARZ_STORE_ERROR_NOT_MARZ, -1 });
}

static void
test_open_random_bytes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  gsize len = 64 * 1024;
  g_autofree guint8 *bytes = g_malloc (len);
  g_autofree char *path = NULL;
  g_autofree char *fake = NULL;

  for (gsize i = 0; i < len; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);
  path = write_file ("random.db", bytes, len);
  assert_open_refused (path, (const int []) { MARZ_STORE_ERROR_NOT_MARZ, MARZ_STORE_ERROR_CORRUPT, -1 });

  /* The SQLite magic, then garbage: past the first check, not the rest. */
  memcpy (bytes, "SQLite format 3", 16);
  fake = write_file ("fake-sqlite.db", bytes, len);
  assert_open_refused (fake, (const int []) { MARZ_STORE_ERROR_NOT_MARZ, MARZ_STORE_ERROR_CORRUPT,
                                              MARZ_STORE_ERROR_FAILED, -1 });
}

static void
test_open_too_new (void)
{
  g_autofree char *path = data_path ("future.db", NULL);

  raw_exec (path, "PRAGMA application_id = 1298231930; PRAGMA user_version = 99;"
                  "CREATE TABLE articles (id INTEGER PRIMARY KEY, hologram BLOB)");
  assert_open_refused (path, (const int []) { MARZ_STORE_ERROR_TOO_NEW, -1 });
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 99);
}

/* A step on a damaged store failed: it must say so as damage or failure. */
static guint
damage_reported (GError **error)
{
  g_assert_nonnull (*error);
  if ((*error)->domain != MARZ_STORE_ERROR
      || ((*error)->code != MARZ_STORE_ERROR_CORRUPT && (*error)->code != MARZ_STORE_ERROR_FAILED))
    g_error ("expected MARZ_STORE_ERROR_CORRUPT or _FAILED: %s", (*error)->message);
  g_clear_error (error);
  return 1;
}

/* Runs everything a user can do on a store; each step either works or
 * reports the damage.  Returns how many reported it. */
static guint
exercise_store (MarzStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = marz_store_list_articles (store, &error);
  g_autoptr(GPtrArray) incidents = NULL;
  const char *queries[] = { "كابل", "اسلامآباد", "طالبان", "پاکستان" };
  guint failures = 0;

  if (articles == NULL)
    failures += damage_reported (&error);
  for (guint i = 0; i < N_CORPUS; i++)
    {
      g_autoptr(MarzArticleInfo) info = marz_store_get_article (store, corpus_names[i], &error);

      /* A row SQLite cannot tell is damaged may just be missing. */
      if (g_error_matches (error, MARZ_STORE_ERROR, MARZ_STORE_ERROR_NOT_FOUND))
        g_clear_error (&error);
      else if (info == NULL)
        failures += damage_reported (&error);
    }
  /* The translators' alignment decisions are a table of their own. */
  {
    g_autoptr(GArray) decisions = marz_store_get_align_decisions (store, corpus_names[0], corpus_names[2],
                                                                  &error);
    if (decisions == NULL)
      failures += damage_reported (&error);
  }
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) hits = marz_store_search (store, queries[i], SEARCH_LIMIT, &error);

      if (hits == NULL)
        failures += damage_reported (&error);
    }
  incidents = marz_store_query_incidents (store, NULL, &error);
  if (incidents == NULL)
    failures += damage_reported (&error);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    failures += marz_store_count (store, tables[i]) < 0;
  return failures;
}

/* Overwrites bytes @from…@to of @path with garbage. */
static void
scribble (const char *path,
          gsize       from,
          gsize       to,
          guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (to, <=, len);
  for (gsize i = from; i < to; i++)
    contents[i] = g_rand_int_range (rand, 0, 256);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

/* What SQLite itself thinks of the file. */
static gboolean
raw_is_damaged (const char *path)
{
  sqlite3 *db = raw_open (path, SQLITE_OPEN_READONLY);
  sqlite3_stmt *stmt = NULL;
  gboolean damaged = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) != SQLITE_OK
                  || sqlite3_step (stmt) != SQLITE_ROW
                  || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0;

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return damaged;
}

/* Opens a damaged store and uses it: each step works or reports the damage,
 * and damage SQLite can see does not go unnoticed by everything. */
static void
use_damaged (const char *path,
             const char *extra)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = marz_store_open (path, &error);
  g_auto(Progress) progress = { 0 };
  MarzImportSummary summary;
  guint failures;

  if (store == NULL)
    {
      g_test_message ("%s: not opened: %s", path, error->message);
      damage_reported (&error);
      return;
    }
  failures = exercise_store (store);
  if (!import (store, (const char * const []) { extra, NULL }, NULL, &progress, &summary, &error))
    failures += damage_reported (&error);
  g_test_message ("%s: opened, %u steps reported damage", path, failures);
  if (raw_is_damaged (path))
    g_assert_cmpuint (failures, >, 0);
}

static void
test_open_corrupt (void)
{
  g_autofree char *pristine = data_path ("pristine.db", NULL);
  g_autofree char *extra = write_file ("extra.txt", "وصل وفد إلى كابل صباح اليوم لإجراء محادثات.\n", -1);
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = open_with_corpus (pristine);
  const gsize page = 4096;
  gsize len = 0, n;

  g_clear_object (&store);
  g_file_get_contents (pristine, &bytes, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (pristine, "PRAGMA page_size"), ==, page);
  n = len / page;
  g_assert_cmpuint (n, >=, 8);

  struct { gsize from, to; } damage[] = {
    { n / 3 * page, 2 * n / 3 * page },      /* the middle third */
    { n / 2 * page, (n / 2 + 1) * page },    /* one page */
    { page, len },                           /* everything after the first page */
    { len - 2 * page, len },                 /* the end */
    { 100, page },                           /* the schema, after the file header */
  };

  for (guint d = 0; d < G_N_ELEMENTS (damage); d++)
    for (guint32 seed = 1; seed <= 4; seed++)
      {
        g_autofree char *name = g_strdup_printf ("damaged-%u-%u.db", d, seed);
        g_autofree char *path = data_path (name, NULL);

        g_file_set_contents (path, bytes, len, &error);
        g_assert_no_error (error);
        scribble (path, damage[d].from, damage[d].to, seed);
        use_damaged (path, extra);
      }
}

/* Damage SQLite cannot see: a record still well formed, with a value no
 * import writes.  Run in a child, so that a crash fails only this test. */
static void
test_open_corrupt_values (void)
{
  g_autofree char *db = data_path ("marz.db", NULL);
  g_autoptr(MarzStore) store = NULL;

  if (g_test_subprocess ())
    {
      store = open_ok (db);
      g_assert_cmpint (marz_store_count (store, "articles"), ==, N_CORPUS);
      g_test_message ("%u steps reported damage", exercise_store (store));
      return;
    }
  store = open_with_corpus (db);
  g_clear_object (&store);
  raw_exec (db, "UPDATE articles SET body_start = 1000000 WHERE name LIKE '003%';"
                "UPDATE articles SET body_start = -7 WHERE name LIKE '002%'");
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* ------------------------------------------------------------------------ */
/* Importing                                                                */

static void
test_import_corpus (void)
{
  g_autofree char *path = data_path ("marz.db", NULL);
  g_autofree char *dir = corpus_dir ();
  g_autoptr(MarzStore) store = open_ok (path);
  g_auto(Progress) progress = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzArticleInfo) info = NULL;
  g_autoptr(MarzArticle) read = NULL;
  g_autofree char *file_002 = corpus_file (2);
  MarzImportSummary summary;
  Counts first;

  g_assert_true (import (store, (const char * const []) { dir, NULL }, NULL, &progress, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added, ==, N_CORPUS);
  g_assert_cmpuint (summary.duplicates, ==, 0);
  g_assert_cmpuint (summary.failed, ==, 0);
  g_assert_cmpuint (progress.items->len, ==, N_CORPUS);
  g_assert_cmpuint (progress.last_total, ==, N_CORPUS);
  for (guint i = 0; i < N_CORPUS; i++)
    {
      Item *item = g_ptr_array_index (progress.items, i);
      g_autofree char *name = g_path_get_basename (item->path);

      g_assert_cmpint (item->outcome, ==, MARZ_IMPORT_ADDED);
      g_assert_cmpstr (name, ==, corpus_names[i]);
    }

  first = count_rows (store);
  g_assert_cmpint (first.counts[0], ==, N_CORPUS);
  for (guint i = 1; i < G_N_ELEMENTS (tables); i++)
    if (first.counts[i] <= 0)
      g_error ("no %s after importing the corpus", tables[i]);
  assert_article_names (store, corpus_names);

  /* What is stored is what was read. */
  info = marz_store_get_article (store, "002_953fb3cf66484f30", &error);
  g_assert_no_error (error);
  read = marz_reader_read_file (file_002, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->text, ==, read->text);
  g_assert_cmpstr (info->date, ==, "2025-11-08");
  g_assert_cmpint (info->origin, ==, MARZ_DATE_ORIGIN_HEADER);
  g_assert_cmpstr (info->encoding, ==, "UTF-8");
  g_assert_cmpuint (info->body_start, ==, g_utf8_pointer_to_offset (read->text, read->text + read->body_start));

  /* Again: nothing added, nothing changed. */
  g_assert_true (import (store, (const char * const []) { dir, NULL }, NULL, &progress, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added, ==, 0);
  g_assert_cmpuint (summary.duplicates, ==, N_CORPUS);
  g_assert_cmpuint (summary.failed, ==, 0);
  for (guint i = 0; i < N_CORPUS; i++)
    {
      Item *item = g_ptr_array_index (progress.items, i);

      g_assert_cmpint (item->outcome, ==, MARZ_IMPORT_DUPLICATE);
      g_assert_cmpstr (item->detail, ==, corpus_names[i]);
    }
  {
    Counts again = count_rows (store);
    assert_counts_equal (&again, &first);
  }

  /* And it was committed: another connection sees it. */
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM articles"), ==, N_CORPUS);
}

/* The same article in UTF-8 and in Windows-1256 is one article. */
static void
test_import_duplicate_encodings (void)
{
  const char *text = "قصفت طائرات مسيّرة مواقع قرب كابل يوم الخميس، وقال مسؤولون إن ثلاثة أشخاص قتلوا.\n";
  g_autofree char *cp1256 = NULL;
  gsize cp1256_len = 0;
  g_autoptr(GError) error = NULL;
  g_autofree char *utf8_path = write_file ("a-utf8.txt", text, -1);
  g_autofree char *cp_path = NULL;
  g_autofree char *db = data_path ("marz.db", NULL);
  g_autoptr(MarzStore) store = open_ok (db);
  g_auto(Progress) progress = { 0 };
  MarzImportSummary summary;
  Item *item;

  cp1256 = g_convert (text, -1, "WINDOWS-1256", "UTF-8", NULL, &cp1256_len, &error);
  g_assert_no_error (error);
  cp_path = write_file ("b-cp1256.txt", cp1256, cp1256_len);

  g_assert_true (import (store, (const char * const []) { utf8_path, cp_path, NULL }, NULL, &progress,
                         &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added, ==, 1);
  g_assert_cmpuint (summary.duplicates, ==, 1);
  item = g_ptr_array_index (progress.items, 1);
  g_assert_cmpstr (item->path, ==, cp_path);
  g_assert_cmpint (item->outcome, ==, MARZ_IMPORT_DUPLICATE);
  g_assert_cmpstr (item->detail, ==, "a-utf8.txt");
  g_assert_cmpint (marz_store_count (store, "articles"), ==, 1);
}

static void
test_import_mixed (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R' };
  g_autofree char *dir = corpus_dir ();
  g_autofree char *empty = write_file ("empty.txt", "", 0);
  g_autofree char *binary = write_file ("image.txt", png, sizeof png);
  g_autofree char *missing = data_path ("files", "missing.txt", NULL);
  g_autofree char *db = data_path ("marz.db", NULL);
  g_autoptr(MarzStore) store = open_ok (db);
  g_auto(Progress) progress = { 0 };
  g_autoptr(GError) error = NULL;
  MarzImportSummary summary;
  const char *bad[] = { empty, binary, missing };

  g_assert_true (import (store, (const char * const []) { empty, dir, binary, missing, NULL }, NULL,
                         &progress, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added, ==, N_CORPUS);
  g_assert_cmpuint (summary.duplicates, ==, 0);
  g_assert_cmpuint (summary.failed, ==, 3);
  g_assert_cmpuint (progress.items->len, ==, N_CORPUS + 3);

  for (guint b = 0; b < G_N_ELEMENTS (bad); b++)
    {
      gboolean seen = FALSE;

      for (guint i = 0; i < progress.items->len; i++)
        {
          Item *item = g_ptr_array_index (progress.items, i);

          if (g_strcmp0 (item->path, bad[b]) != 0)
            continue;
          seen = TRUE;
          g_assert_cmpint (item->outcome, ==, MARZ_IMPORT_FAILED);
          g_assert_nonnull (item->detail);
          if (strstr (item->detail, bad[b]) == NULL)
            g_error ("“%s” does not name %s", item->detail, bad[b]);
        }
      g_assert_true (seen);
    }

  /* The good ones are committed: a fresh connection sees them. */
  g_clear_object (&store);
  store = open_ok (db);
  assert_article_names (store, corpus_names);
}

static void
test_import_cancel (void)
{
  g_autofree char *db = data_path ("marz.db", NULL);
  g_autofree char *dir = corpus_dir ();
  g_autoptr(MarzStore) store = open_ok (db);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Progress) progress = { 0 };
  g_autoptr(GError) error = NULL;
  MarzImportSummary summary;
  Counts empty = count_rows (store);
  Counts now;

  progress.cancel = cancellable;
  progress.cancel_after = 2;
  g_assert_false (import (store, (const char * const []) { dir, NULL }, cancellable, &progress, &summary,
                          &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.items->len, ==, 2);
  g_assert_cmpint (marz_store_count (store, "articles"), ==, 0);
  now = count_rows (store);
  assert_counts_equal (&now, &empty);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM articles"), ==, 0);

  /* The store is usable afterwards: no transaction was left open. */
  import_ok (store, (const char * const []) { dir, NULL });
  g_assert_cmpint (marz_store_count (store, "articles"), ==, N_CORPUS);
}

/* Cancelling keeps what earlier imports stored, and only that. */
static void
test_import_cancel_keeps_previous (void)
{
  g_autofree char *db = data_path ("marz.db", NULL);
  g_autofree char *a = corpus_file (0);
  g_autofree char *b = corpus_file (1);
  g_autofree char *c = corpus_file (2);
  g_autofree char *d = corpus_file (3);
  g_autofree char *e = corpus_file (4);
  g_autoptr(MarzStore) store = open_ok (db);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Progress) progress = { 0 };
  g_autoptr(GError) error = NULL;
  MarzImportSummary summary;
  Counts before, now;

  import_ok (store, (const char * const []) { a, b, NULL });
  before = count_rows (store);
  g_assert_cmpint (before.counts[0], ==, 2);

  progress.cancel = cancellable;
  progress.cancel_after = 2;
  g_assert_false (import (store, (const char * const []) { c, d, e, NULL }, cancellable, &progress,
                          &summary, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  now = count_rows (store);
  assert_counts_equal (&now, &before);
  assert_article_names (store, (const char * const []) { corpus_names[0], corpus_names[1], NULL });

  /* Cancelled before it starts: nothing at all. */
  g_clear_error (&error);
  progress.cancel = NULL;
  g_assert_false (import (store, (const char * const []) { c, NULL }, cancellable, &progress, &summary,
                          &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  now = count_rows (store);
  assert_counts_equal (&now, &before);

  g_clear_object (&store);
  store = open_ok (db);
  now = count_rows (store);
  assert_counts_equal (&now, &before);
}

/* A database failure in the middle (here a trigger that refuses one
 * article) rolls the whole import back. */
static void
test_import_db_failure (void)
{
  g_autofree char *db = data_path ("marz.db", NULL);
  g_autofree char *dir = corpus_dir ();
  g_autofree char *poison = write_file ("poison.txt", "هذا المقال يرفضه قاعدة البيانات.\n", -1);
  g_autoptr(MarzStore) store = open_ok (db);
  g_auto(Progress) progress = { 0 };
  g_autoptr(GError) error = NULL;
  MarzImportSummary summary;
  Counts before;

  g_clear_object (&store);
  raw_exec (db, "CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.name = 'poison.txt'"
                " BEGIN SELECT RAISE (ABORT, 'refused'); END");
  store = open_ok (db);
  before = count_rows (store);

  g_assert_false (import (store, (const char * const []) { dir, poison, NULL }, NULL, &progress, &summary,
                          &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == MARZ_STORE_ERROR);
  g_assert_cmpuint (progress.items->len, ==, N_CORPUS);   /* they were in, then rolled back */
  {
    Counts now = count_rows (store);
    assert_counts_equal (&now, &before);
  }
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM articles"), ==, 0);

  g_clear_object (&store);
  raw_exec (db, "DROP TRIGGER refuse");
  store = open_ok (db);
  summary = import_ok (store, (const char * const []) { dir, poison, NULL });
  g_assert_cmpuint (summary.added, ==, N_CORPUS + 1);
}

/* ------------------------------------------------------------------------ */
/* Killed in the middle                                                     */

static char *
find_program (const char *env,
              const char *first,
              ...)
{
  const char *override = g_getenv (env);
  va_list args;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *built = g_strdup (g_test_get_dir (G_TEST_BUILT));
  char *path;

  if (override != NULL && *override != '\0')
    return g_strdup (override);
  g_ptr_array_add (parts, built);
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);
  if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("%s not found (set %s)", path, env);
  return path;
}

typedef struct
{
  Counts  counts;
  guint   n_incidents;
  char   *db;
  char   *generated;
} KillSetup;

static void
kill_setup (KillSetup *k,
            guint      n_generated)
{
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GError) error = NULL;

  k->db = data_path ("marz.db", NULL);
  store = open_with_corpus (k->db);
  k->counts = count_rows (store);
  incidents = marz_store_query_incidents (store, NULL, &error);
  g_assert_no_error (error);
  k->n_incidents = incidents->len;
  g_clear_object (&store);
  /* Closed cleanly: no -wal left, so one after the kill is the import's. */
  {
    g_autofree char *wal = g_strconcat (k->db, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  k->generated = generate_corpus ("generated", n_generated);
}

static void
kill_setup_clear (KillSetup *k)
{
  g_free (k->db);
  g_free (k->generated);
}

/* After the kill: exactly what was there before, and an import still works. */
static void
assert_survived_kill (KillSetup *k)
{
  g_autoptr(MarzStore) store = open_ok (k->db);
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *check = raw_query (k->db, "PRAGMA integrity_check");
  g_autofree char *one = g_build_filename (k->generated, "gen00007.txt", NULL);
  g_autofree char *word = marker (7);
  Counts now = count_rows (store);
  MarzImportSummary summary;

  g_assert_cmpstr (check, ==, "ok");
  assert_counts_equal (&now, &k->counts);
  assert_article_names (store, corpus_names);
  incidents = marz_store_query_incidents (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (incidents->len, ==, k->n_incidents);

  /* Nothing of the killed import in the index either: FTS5 keeps one
   * docsize row per indexed document, which a raw connection can count
   * without the "marz" tokenizer. */
  g_assert_cmpint (raw_int (k->db, "SELECT count(*) FROM article_index_docsize"), ==, k->counts.counts[0]);   /* tables[0] is "articles" */
  hits = marz_store_search (store, word, SEARCH_LIMIT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  summary = import_ok (store, (const char * const []) { one, NULL });
  g_assert_cmpuint (summary.added, ==, 1);
  hits = marz_store_search (store, word, SEARCH_LIMIT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((MarzSearchHit *) g_ptr_array_index (hits, 0))->article->name, ==, "gen00007.txt");
  g_assert_cmpint (marz_store_count (store, "articles"), ==, N_CORPUS + 1);
}

/* The import kills itself with SIGKILL after 1,500 of 2,000 files, well
 * after SQLite has spilled uncommitted pages into the -wal. */
static void
test_kill_self (void)
{
  g_autofree char *helper = find_program ("MARZ_KILL_IMPORT", "core", "kill-import", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *wal = NULL;
  g_autoptr(GError) error = NULL;
  KillSetup k = { 0 };
  int status = 0;

  kill_setup (&k, 2000);
  wal = g_strconcat (k.db, "-wal", NULL);
  g_spawn_sync (NULL, (char *[]) { helper, k.db, "1500", k.generated, NULL }, NULL, G_SPAWN_DEFAULT,
                NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("kill-import: %s%s", out, err);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  g_assert_true (g_str_has_prefix (out, "killing after 1500 of 2000 files"));
  /* Uncommitted pages had reached the disk: the case recovery must handle. */
  g_assert_cmpint (file_size (wal), >, 256 * 1024);

  assert_survived_kill (&k);
  kill_setup_clear (&k);
}

/* marz-cli killed from outside while the -wal grows. */
static void
test_kill_cli (void)
{
  g_autofree char *cli = find_program ("MARZ_CLI", "..", "app", "cli", "marz-cli", NULL);
  g_autofree char *wal = NULL;
  g_autoptr(GError) error = NULL;
  KillSetup k = { 0 };
  GPid pid;
  int status = 0;
  gboolean exited = FALSE;
  goffset wal_size = 0;
  gint64 deadline;

  kill_setup (&k, 3000);
  wal = g_strconcat (k.db, "-wal", NULL);
  g_spawn_async (NULL, (char *[]) { cli, "--db", k.db, "import", k.generated, NULL }, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      if (waitpid (pid, &status, WNOHANG) == pid)
        {
          exited = TRUE;
          break;
        }
      wal_size = file_size (wal);
      if (wal_size > 1024 * 1024)
        break;
      g_usleep (2000);
    }
  if (!exited)
    {
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    }
  g_spawn_close_pid (pid);
  if (exited || !WIFSIGNALED (status))
    g_error ("marz-cli ended (status %d) before it could be killed mid-import", status);
  g_test_message ("killed marz-cli with a %" G_GOFFSET_FORMAT "-byte -wal", wal_size);
  g_assert_cmpint (wal_size, >, 1024 * 1024);

  assert_survived_kill (&k);
  kill_setup_clear (&k);
}

/* ------------------------------------------------------------------------ */
/* Search                                                                   */

#define CORPUS_ALL "000_762ce45aa623c2ba.txt,001_2c7e0a786d366e8c.txt,002_953fb3cf66484f30.txt," \
                  "003_af36543c52e09699.txt,004_bdaeba4cc2571f60.txt"
#define PERSIAN_ALL "002_953fb3cf66484f30.txt,003_af36543c52e09699.txt,004_bdaeba4cc2571f60.txt"

/* How the corpus writes the two places, as matching keys: 000 and 001 say
 * «كابول» and «إسلام آباد» (001 «لإسلام آباد»), the Persian articles «کابل»
 * and «اسلامآباد» (004 also «اسلام آباد»). */
static const char * const kabul_keys[] = { "کابل", "کابول", NULL };
static const char * const islamabad_keys[] = { "اسلاماباد", "اسلام اباد", NULL };

/* As the app and marz-cli do: a search for a place asks for all its names. */
static MarzStore *
open_for_search (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (&error);
  MarzStore *store = open_with_corpus (path);

  g_assert_no_error (error);
  marz_store_set_gazetteer (store, gazetteer);
  return store;
}

static const char * const proclitics[] = { "", "و", "ب", "ل", "ال", "وال", "بال", "لل", "ف", "وب", "ول", NULL };

/* The words of a query, as the tokenizer documents them: runs of letters or
 * runs of digits of its matching key. */
static GStrv
query_words (const char *query)
{
  g_autofree char *key = marz_normalize_key (query);
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  const char *start = NULL;
  gboolean digits = FALSE;

  for (const char *p = key;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean alnum = c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c));

      if (start != NULL && (!alnum || g_unichar_isdigit (c) != digits))
        {
          g_autofree char *word = g_strndup (start, p - start);
          g_strv_builder_add (words, word);
          start = NULL;
        }
      if (alnum && start == NULL)
        {
          start = p;
          digits = g_unichar_isdigit (c);
        }
      if (c == 0)
        return g_strv_builder_end (words);
    }
}

/* The snippet is a piece of the original text, and what it marks is one of
 * @keys as written there (with a proclitic, perhaps). */
static void
assert_hit (MarzStore          *store,
            MarzSearchHit      *hit,
            const char * const *keys)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzArticleInfo) info = marz_store_get_article (store, hit->article->name, &error);
  g_autofree char *match = NULL;
  g_autofree char *match_key = NULL;
  gboolean ok = FALSE;

  g_assert_no_error (error);
  g_assert_nonnull (hit->snippet);
  g_assert_nonnull (strstr (info->text, hit->snippet));
  g_assert_cmpuint (hit->match_end, <=, g_utf8_strlen (hit->snippet, -1));
  match = g_utf8_substring (hit->snippet, hit->match_start, hit->match_end);
  /* The same match in the article's own offsets, as the reader opens it. */
  {
    g_autofree char *in_text = g_utf8_substring (info->text, hit->text_start, hit->text_end);
    g_assert_cmpstr (in_text, ==, match);
  }
  match_key = marz_normalize_key (match);
  for (guint i = 0; proclitics[i] && !ok; i++)
    for (guint k = 0; keys[k] && !ok; k++)
      ok = g_str_has_prefix (match_key, proclitics[i]) && g_str_equal (match_key + strlen (proclitics[i]), keys[k]);
  if (!ok)
    g_error ("%s: the snippet «%s» marks «%s» [%u, %u), not «%s»", hit->article->name, hit->snippet, match,
             hit->match_start, hit->match_end, keys[0]);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names of the articles found, sorted.  Each hit's snippet must mark one
 * of @keys, or of the query's own words if @keys is %NULL. */
static char *
search_names (MarzStore          *store,
              const char         *query,
              const char * const *keys)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = marz_store_search (store, query, SEARCH_LIMIT, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_auto(GStrv) words = query_words (query);

  if (error != NULL)
    g_error ("«%s»: %s", query, error->message);
  g_assert_nonnull (hits);
  for (guint i = 0; i < hits->len; i++)
    {
      MarzSearchHit *hit = g_ptr_array_index (hits, i);

      assert_hit (store, hit, keys ? keys : (const char * const *) words);
      g_ptr_array_add (names, hit->article->name);
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

/* The names of the articles found, sorted, whatever their snippets. */
static char *
hit_names (MarzStore  *store,
           const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = marz_store_search (store, query, SEARCH_LIMIT, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (error != NULL)
    g_error ("«%s»: %s", query, error->message);
  for (guint h = 0; h < hits->len; h++)
    g_ptr_array_add (names, ((MarzSearchHit *) g_ptr_array_index (hits, h))->article->name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static void
assert_search (MarzStore          *store,
               const char         *query,
               const char * const *keys,
               const char         *expected)
{
  g_autofree char *found = search_names (store, query, keys);

  if (g_strcmp0 (found, expected) != 0)
    g_error ("«%s» found %s, expected %s", query, found, expected);
}

/* Every spelling of Kabul finds every article that names it, in Arabic
 * («كابول») and in Persian («کابل»), and the snippet shows it as written. */
static void
test_search_spellings (void)
{
  g_autofree char *db = data_path ("marz.db", NULL);
  g_autoptr(MarzStore) store = open_with_corpus (db);
  g_autoptr(MarzGazetteer) gazetteer = NULL;
  g_autoptr(GError) error = NULL;
  const char *spellings[] = { "كابل", "کابل", "كابُل", "كـابل", "ﻛﺎﺑﻞ", " كابل، " };

  /* The matching key alone: the articles that write «کابل». */
  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    assert_search (store, spellings[i], (const char * const []) { "کابل", NULL }, PERSIAN_ALL);

  /* With the gazetteer, also those that write «كابول». */
  gazetteer = marz_gazetteer_new_default (&error);
  g_assert_no_error (error);
  marz_store_set_gazetteer (store, gazetteer);
  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    assert_search (store, spellings[i], kabul_keys, CORPUS_ALL);
  assert_search (store, "كابول", kabul_keys, CORPUS_ALL);
}

/* «اسلام‌آباد» with a ZWNJ, without, and as two words are one query. */
static void
test_search_zwnj (void)
{
  g_autofree char *db = data_path ("marz.db", NULL);
  g_autoptr(MarzStore) store = open_for_search (db);
  const char *spellings[] = { "اسلام‌آباد", "اسلامآباد", "اسلام‌اباد", "اسلام آباد", "إسلام آباد" };
  g_autofree char *reference = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autofree char *found = hit_names (store, spellings[i]);

      /* The Persian articles all write it in one word. */
      if (strstr (found, PERSIAN_ALL) == NULL)
        g_error ("«%s» found %s, not all of %s", spellings[i], found, PERSIAN_ALL);
      if (reference == NULL)
        reference = g_steal_pointer (&found);
      else if (g_strcmp0 (found, reference) != 0)
        g_error ("«%s» found %s, «%s» %s", spellings[i], found, spellings[0], reference);
    }
}

/* A name of two words is found wherever it is written: «إسلام آباد» in 000,
 * and with a proclitic, «لإسلام آباد» (to Islamabad), in 001. */
static void
test_search_phrase_proclitic (void)
{
  g_autofree char *db = data_path ("marz.db", NULL);
  g_autoptr(MarzStore) store = open_for_search (db);
  const char *queries[] = { "اسلامآباد", "إسلام آباد", "Islamabad" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *found = hit_names (store, queries[i]);

      if (g_strcmp0 (found, CORPUS_ALL) != 0)
        g_error ("«%s» found %s, expected %s", queries[i], found, CORPUS_ALL);
    }
}

/* …and the snippet marks it there, as it marks a name of one word. */
static void
test_search_phrase_snippet (void)
{
  g_autofree char *db = data_path ("marz.db", NULL);
  g_autoptr(MarzStore) store = open_for_search (db);
  const char *queries[] = { "اسلامآباد", "إسلام آباد", "Islamabad" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *found = search_names (store, queries[i], islamabad_keys);
      g_assert_nonnull (strstr (found, "000_762ce45aa623c2ba.txt"));
    }
}

/* «بكابل» is «ب» + «كابل»: found by «كابل»; «الكابلات» (cables) is not. */
static void
test_search_proclitics (void)
{
  g_autofree char *db = data_path ("marz.db", NULL);
  g_autofree char *ar = write_file ("kabul-ar.txt",
                                    " date 2025-10-09 وصل الوفد الباكستاني بكابل صباح الخميس لإجراء محادثات"
                                    " مع المسؤولين في حركة طالبان.\n", -1);
  g_autofree char *cables = write_file ("cables.txt", "انقطعت الكابلات الكهربائية في المدينة بعد العاصفة.\n", -1);
  g_autoptr(MarzStore) store = open_with_corpus (db);
  MarzImportSummary summary = import_ok (store, (const char * const []) { ar, cables, NULL });
  g_autoptr(MarzGazetteer) gazetteer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (summary.added, ==, 2);
  assert_search (store, "كابل", (const char * const []) { "کابل", NULL }, PERSIAN_ALL ",kabul-ar.txt");
  assert_search (store, "الكهربائية", NULL, "cables.txt");
  /* «باكستان» is in both Arabic articles; «الباكستاني» is another word, and
   * the Persian «پاکستان» another letter, which the key keeps apart. */
  assert_search (store, "باكستان", NULL, "000_762ce45aa623c2ba.txt,001_2c7e0a786d366e8c.txt");

  /* The gazetteer knows both are Pakistan, and Kabul also «كابول». */
  gazetteer = marz_gazetteer_new_default (&error);
  g_assert_no_error (error);
  marz_store_set_gazetteer (store, gazetteer);
  assert_search (store, "كابل", kabul_keys, CORPUS_ALL ",kabul-ar.txt");
  assert_search (store, "باكستان", (const char * const []) { "باکستان", "پاکستان", NULL }, CORPUS_ALL);
}

static void
test_search_nothing_to_find (void)
{
  g_autofree char *db = data_path ("marz.db", NULL);
  g_autoptr(MarzStore) store = open_for_search (db);
  const char *queries[] = { "", "   ", "«»،؛.!؟…", "\"", "()", "*", "-", "\u200c\u0640" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hits = marz_store_search (store, queries[i], SEARCH_LIMIT, &error);

      g_assert_no_error (error);
      g_assert_nonnull (hits);
      g_assert_cmpuint (hits->len, ==, 0);
    }
}

/* What a user types is words, never FTS5 syntax: quotes, brackets and
 * operators, also inside or around a place name of two words. */
static void
test_search_fts_syntax (void)
{
  g_autofree char *db = data_path ("marz.db", NULL);
  g_autoptr(MarzStore) store = open_for_search (db);
  const char *queries[] = {
    "\"AND OR (", "AND", "OR", "NOT", "NEAR(", "NEAR(کابل اسلامآباد, 5)", "کابل OR", "کابل NOT",
    "title:کابل", "body:کابل", "{title body}: کابل", "کابل*", "^کابل", "کابل + طالبان", "\"کابل\"",
    "'کابل'", "کابل\"", "((کابل", "a:b:c", "- کابل", "\\", "%", "_",
    "\"اسلام آباد\"", "اسلام \"آباد", "اسلام (آباد", "اسلام* آباد", "Spin \"Boldak", "سپین\" بولدک",
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hits = marz_store_search (store, queries[i], SEARCH_LIMIT, &error);

      if (error != NULL)
        g_error ("«%s»: %s", queries[i], error->message);
      g_assert_nonnull (hits);
    }

  /* The words in such a query still count as words. */
  assert_search (store, "\"کابل\"", kabul_keys, CORPUS_ALL);
  assert_search (store, "کابل*", kabul_keys, CORPUS_ALL);
}

/* The tokenizer splits letters from digits glued to them («۲۴نوامبر» in
 * careless copy, «MQ9»): the index must agree, or even the word typed
 * exactly as written is not found. */
static void
test_search_letters_and_digits (void)
{
  g_autofree char *db = data_path ("marz.db", NULL);
  g_autofree char *glued = write_file ("glued.txt", "روز ۲۴نوامبر یک پهپاد MQ9 بر فراز خوست دیده شد.\n", -1);
  g_autoptr(MarzStore) store = open_ok (db);
  const char *queries[] = { "پهپاد", "نوامبر", "۲۴نوامبر", "24 نوامبر", "MQ9", "mq 9" };
  MarzImportSummary summary = import_ok (store, (const char * const []) { glued, NULL });

  g_assert_cmpuint (summary.added, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    assert_search (store, queries[i], NULL, "glued.txt");
}

static void
test_search_limit (void)
{
  g_autofree char *db = data_path ("marz.db", NULL);
  g_autoptr(MarzStore) store = open_for_search (db);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = marz_store_search (store, "کابل", 2, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
}

/* Best first: more uses of the word; of two words, the rarer counts.  The
 * names are such that neither the order of import nor its reverse gives
 * the expected order. */
static void
test_search_rank (void)
{
  g_autofree char *db = data_path ("marz.db", NULL);
  g_autofree char *once = write_file ("once.txt", "در خوست یک پهپاد دیده شد و مردم گفتند.\n", -1);
  g_autofree char *thrice = write_file ("thrice.txt", "پهپاد بر فراز خوست. پهپاد دوم آمد. پهپاد سوم رفت.\n", -1);
  g_autofree char *rare = write_file ("rare.txt", "در خوست یک بالگرد و بالگرد دیگری دیده شد.\n", -1);
  g_autofree char *usual = write_file ("usual.txt", "خوست، خوست و باز خوست: یک بالگرد.\n", -1);
  g_autofree char *plain = write_file ("plain.txt", "خبری از خوست نیست.\n", -1);
  g_autoptr(MarzStore) store = open_ok (db);
  MarzImportSummary summary = import_ok (store, (const char * const []) { once, thrice, rare, usual, plain, NULL });
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  g_assert_cmpuint (summary.added, ==, 5);
  hits = marz_store_search (store, "پهپاد", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpstr (((MarzSearchHit *) hits->pdata[0])->article->name, ==, "thrice.txt");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* «خوست» is in every article and weighs nothing; «بالگرد» decides. */
  hits = marz_store_search (store, "خوست بالگرد", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpstr (((MarzSearchHit *) hits->pdata[0])->article->name, ==, "rare.txt");
  g_assert_cmpstr (((MarzSearchHit *) hits->pdata[1])->article->name, ==, "usual.txt");
}

/* The window searches on a reader connection, which needs the index's
 * tokenizer to parse a query as much as the writer does to index. */
static void
test_search_reader (void)
{
  g_autofree char *db = data_path ("marz.db", NULL);
  g_autoptr(MarzStore) writer = open_with_corpus (db);
  g_autoptr(MarzGazetteer) gazetteer = NULL;
  g_autoptr(MarzStore) reader = NULL;
  g_autoptr(GError) error = NULL;

  reader = marz_store_open_reader (db, &error);
  g_assert_no_error (error);
  gazetteer = marz_gazetteer_new_default (&error);
  g_assert_no_error (error);
  marz_store_set_gazetteer (reader, gazetteer);
  assert_search (reader, "كابل", kabul_keys, CORPUS_ALL);
}

/* A database from before align_decisions (schema 1), with data in it. */
static void
make_v1 (const char *path)
{
  raw_exec (path, "DROP TABLE IF EXISTS align_decisions; PRAGMA user_version = 1");
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 1);
}

static void
test_open_migrates_v1 (void)
{
  g_autofree char *path = data_path ("v1.db", NULL);
  g_autoptr(MarzStore) store = open_with_corpus (path);
  Counts before = count_rows (store);
  Counts after;
  g_autoptr(GArray) decisions = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  make_v1 (path);
  store = open_ok (path);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 2);
  after = count_rows (store);
  assert_counts_equal (&after, &before);
  g_assert_true (marz_store_set_align_decision (store, "a.txt", "b.txt", 10, 20,
                                                MARZ_ALIGN_DECISION_CONFIRM, &error));
  g_assert_no_error (error);
  decisions = marz_store_get_align_decisions (store, "a.txt", "b.txt", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decisions->len, ==, 1);
  g_assert_cmpint (g_array_index (decisions, MarzAlignDecision, 0).kind, ==, MARZ_ALIGN_DECISION_CONFIRM);
}

typedef struct
{
  const char *path;
  GMutex      lock;
  GCond       go;
  gboolean    started;
} Race;

static gpointer
open_in_race (gpointer data)
{
  Race *race = data;
  GError *error = NULL;
  MarzStore *store;

  g_mutex_lock (&race->lock);
  while (!race->started)
    g_cond_wait (&race->go, &race->lock);
  g_mutex_unlock (&race->lock);
  store = marz_store_open (race->path, &error);
  g_clear_object (&store);
  return error;
}

/* Two connections open a v1 file at once (the window and its workers, or
 * the CLI beside the app): whichever migrates, both open it. */
static void
test_open_migrates_v1_race (void)
{
  g_autofree char *path = data_path ("race.db", NULL);
  g_autoptr(MarzStore) store = open_with_corpus (path);

  g_clear_object (&store);
  for (guint round = 0; round < 20; round++)
    {
      Race race = { path };
      GThread *threads[2];

      make_v1 (path);
      g_mutex_init (&race.lock);
      g_cond_init (&race.go);
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        threads[i] = g_thread_new ("open", open_in_race, &race);
      g_mutex_lock (&race.lock);
      race.started = TRUE;
      g_cond_broadcast (&race.go);
      g_mutex_unlock (&race.lock);
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        {
          g_autoptr(GError) error = g_thread_join (threads[i]);
          g_assert_no_error (error);
        }
      g_mutex_clear (&race.lock);
      g_cond_clear (&race.go);
      g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 2);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Messages with Arabic and Persian in them print as such. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/open/creates", test_open_creates);
  g_test_add_func ("/store/open/reopen-keeps-data", test_open_reopen_keeps_data);
  g_test_add_func ("/store/article-incidents", test_article_incidents);
  g_test_add_func ("/store/open/cannot-create", test_open_cannot_create);
  g_test_add_func ("/store/open/foreign", test_open_foreign);
  g_test_add_func ("/store/open/foreign-wal", test_open_foreign_wal);
  g_test_add_func ("/store/open/text-file", test_open_text_file);
  g_test_add_func ("/store/open/random-bytes", test_open_random_bytes);
  g_test_add_func ("/store/open/too-new", test_open_too_new);
  g_test_add_func ("/store/open/migrates-v1", test_open_migrates_v1);
  g_test_add_func ("/store/open/migrates-v1-race", test_open_migrates_v1_race);
  g_test_add_func ("/store/open/corrupt", test_open_corrupt);
  g_test_add_func ("/store/open/corrupt/values", test_open_corrupt_values);
  g_test_add_func ("/store/import/corpus", test_import_corpus);
  g_test_add_func ("/store/import/duplicate-encodings", test_import_duplicate_encodings);
  g_test_add_func ("/store/import/mixed", test_import_mixed);
  g_test_add_func ("/store/import/cancel", test_import_cancel);
  g_test_add_func ("/store/import/cancel-keeps-previous", test_import_cancel_keeps_previous);
  g_test_add_func ("/store/import/db-failure", test_import_db_failure);
  g_test_add_func ("/store/kill/self", test_kill_self);
  g_test_add_func ("/store/kill/cli", test_kill_cli);
  g_test_add_func ("/store/search/spellings", test_search_spellings);
  g_test_add_func ("/store/search/zwnj", test_search_zwnj);
  g_test_add_func ("/store/search/phrase/proclitic", test_search_phrase_proclitic);
  g_test_add_func ("/store/search/phrase/snippet", test_search_phrase_snippet);
  g_test_add_func ("/store/search/proclitics", test_search_proclitics);
  g_test_add_func ("/store/search/nothing-to-find", test_search_nothing_to_find);
  g_test_add_func ("/store/search/fts-syntax", test_search_fts_syntax);
  g_test_add_func ("/store/search/letters-and-digits", test_search_letters_and_digits);
  g_test_add_func ("/store/search/limit", test_search_limit);
  g_test_add_func ("/store/search/reader", test_search_reader);
  g_test_add_func ("/store/search/rank", test_search_rank);

  return g_test_run ();
}
