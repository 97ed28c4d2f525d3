/* marz-store.c: opening, migrating and writing the database
 *
 * An import is one transaction: a crash or a kill in the middle leaves the
 * database as it was before (WAL keeps the half-written pages out of the main
 * file).  Articles are unique by the SHA-256 of their decoded text, so
 * importing a file twice changes nothing.
 */
#define G_LOG_DOMAIN "marz-store"

#include "marz-store-private.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>

/* "Marz" in ASCII: PRAGMA application_id tells our files from others'. */
#define MARZ_APPLICATION_ID 0x4D61727A

G_DEFINE_TYPE (MarzStore, marz_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (marz-store-error-quark, marz_store_error)

static const char * const migrations[] = {
  /* 1: the first schema */
  "CREATE TABLE articles ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  path TEXT NOT NULL,"
  "  hash TEXT NOT NULL UNIQUE,"
  "  encoding TEXT NOT NULL,"
  "  language TEXT NOT NULL,"
  "  variety TEXT,"
  "  title TEXT,"
  "  source TEXT,"
  "  date TEXT,"
  "  date_precision TEXT NOT NULL CHECK (date_precision IN ('day','month','year','unknown')),"
  "  date_origin TEXT NOT NULL CHECK (date_origin IN ('header','text','none')),"
  "  body_start INTEGER NOT NULL,"
  "  text TEXT NOT NULL,"
  "  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
  "CREATE INDEX articles_name ON articles (name);"
  "CREATE TABLE sentences ("
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  idx INTEGER NOT NULL,"
  "  start INTEGER NOT NULL,"
  "  end INTEGER NOT NULL,"
  "  PRIMARY KEY (article_id, idx)) WITHOUT ROWID;"
  "CREATE TABLE places ("
  "  id TEXT PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  parent TEXT REFERENCES places (id) DEFERRABLE INITIALLY DEFERRED,"
  "  country TEXT,"
  "  lat REAL NOT NULL,"
  "  lon REAL NOT NULL,"
  "  geonames_id INTEGER,"
  "  name_en TEXT NOT NULL,"
  "  name_ar TEXT,"
  "  name_fa TEXT,"
  "  name_ps TEXT);"
  "CREATE TABLE incidents ("
  "  id INTEGER PRIMARY KEY,"
  "  type TEXT NOT NULL,"
  "  rank INTEGER NOT NULL,"
  "  category TEXT NOT NULL CHECK (category IN ('violence','diplomacy')),"
  "  place_id TEXT NOT NULL REFERENCES places (id),"
  "  date TEXT,"
  "  date_precision TEXT NOT NULL,"
  "  date_start TEXT,"
  "  date_end TEXT,"
  "  killed INTEGER,"
  "  injured INTEGER);"
  "CREATE INDEX incidents_key ON incidents (place_id, date, category);"
  "CREATE INDEX incidents_dates ON incidents (date_start, date_end);"
  "CREATE TABLE reports ("
  "  id INTEGER PRIMARY KEY,"
  "  incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,"
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  type TEXT NOT NULL,"
  "  start INTEGER NOT NULL,"
  "  end INTEGER NOT NULL,"
  "  killed INTEGER,"
  "  injured INTEGER,"
  "  shared INTEGER NOT NULL DEFAULT 0,"
  "  grp INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (incident_id, article_id));"
  "CREATE INDEX reports_article ON reports (article_id, grp);"
  "CREATE VIRTUAL TABLE article_index USING fts5 (title, body, content='', tokenize='marz');",

  /* 2: a translator's decisions on aligned sentences (marz-store-align.c);
   * articles by name, sentences by their first character, so decisions
   * outlive a re-import and a change to the aligner */
  "CREATE TABLE align_decisions ("
  "  id INTEGER PRIMARY KEY,"
  "  article_a TEXT NOT NULL,"
  "  article_b TEXT NOT NULL,"
  "  a_start INTEGER NOT NULL,"
  "  b_start INTEGER NOT NULL,"
  "  decision TEXT NOT NULL CHECK (decision IN ('confirm','reject','pair')),"
  "  decided_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
  "  UNIQUE (article_a, article_b, a_start, b_start),"
  "  CHECK (article_a <= article_b));",
};

gboolean
_marz_store_fail (MarzStore  *self,
                  GError    **error)
{
  int code = sqlite3_errcode (self->db) & 0xff;
  int kind = MARZ_STORE_ERROR_FAILED;

  if (code == SQLITE_NOTADB)
    kind = MARZ_STORE_ERROR_NOT_MARZ;
  else if (code == SQLITE_CORRUPT)
    kind = MARZ_STORE_ERROR_CORRUPT;
  g_set_error (error, MARZ_STORE_ERROR, kind, "%s: %s", self->path,
               kind == MARZ_STORE_ERROR_NOT_MARZ ? _("not a Marz database (not an SQLite file)")
               : kind == MARZ_STORE_ERROR_CORRUPT ? _("the database file is damaged")
               : sqlite3_errmsg (self->db));
  return FALSE;
}

sqlite3_stmt *
_marz_store_prepare (MarzStore  *self,
                     const char *sql,
                     GError    **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _marz_store_fail (self, error);
      return NULL;
    }
  return stmt;
}

/* A prepared statement kept for the life of the store: @sql must be a
 * string constant.  It comes back reset, with no bindings. */
sqlite3_stmt *
_marz_store_cached (MarzStore   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  stmt = _marz_store_prepare (self, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_marz_store_exec (MarzStore  *self,
                  const char *sql,
                  GError    **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return _marz_store_fail (self, error);
  return TRUE;
}

char *
_marz_store_dup_text (sqlite3_stmt *stmt,
                      int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gint64
_marz_store_get_count (sqlite3_stmt *stmt,
                       int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, column);
}

static gboolean
pragma_int (MarzStore  *self,
            const char *pragma,
            gint64     *value,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = _marz_store_prepare (self, pragma, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _marz_store_fail (self, error);
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* A file another program made must never be changed by us. */
static gboolean
check_identity (MarzStore  *self,
                gint64     *version,
                GError    **error)
{
  gint64 app_id = 0, n_objects = 0;

  if (!pragma_int (self, "PRAGMA application_id", &app_id, error)
      || !pragma_int (self, "SELECT count(*) FROM sqlite_master", &n_objects, error)
      || !pragma_int (self, "PRAGMA user_version", version, error))
    return FALSE;
  if (n_objects > 0 && app_id != MARZ_APPLICATION_ID)
    {
      g_set_error (error, MARZ_STORE_ERROR, MARZ_STORE_ERROR_NOT_MARZ,
                   _("%s: an SQLite database of another program, not a Marz database"), self->path);
      return FALSE;
    }
  if (*version > (gint64) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, MARZ_STORE_ERROR, MARZ_STORE_ERROR_TOO_NEW,
                   _("%s: made by a newer version of Marz (schema %" G_GINT64_FORMAT ", this one knows %u)"),
                   self->path, *version, (guint) G_N_ELEMENTS (migrations));
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (MarzStore  *self,
         gint64      version,
         GError    **error)
{
  g_autofree char *set_version = NULL;

  if (version == (gint64) G_N_ELEMENTS (migrations))
    return TRUE;
  if (!_marz_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* Another connection may have migrated between our first look and the
   * lock: only the version read under the lock counts. */
  if (!pragma_int (self, "PRAGMA user_version", &version, error))
    {
      marz_store_rollback (self);
      return FALSE;
    }
  if (version >= (gint64) G_N_ELEMENTS (migrations))
    {
      marz_store_rollback (self);
      return TRUE;
    }
  for (gint64 v = version; v < (gint64) G_N_ELEMENTS (migrations); v++)
    if (!_marz_store_exec (self, migrations[v], error))
      {
        marz_store_rollback (self);
        return FALSE;
      }
  set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u",
                                 MARZ_APPLICATION_ID, (guint) G_N_ELEMENTS (migrations));
  if (!_marz_store_exec (self, set_version, error) || !marz_store_commit (self, error))
    {
      marz_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_connection (MarzStore  *self,
                 int         flags,
                 GError    **error)
{
  int rc = sqlite3_open_v2 (self->path, &self->db, flags | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, MARZ_STORE_ERROR, MARZ_STORE_ERROR_OPEN, _("%s: cannot open the database: %s"),
                   self->path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      g_clear_pointer (&self->db, sqlite3_close_v2);
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  return TRUE;
}

/* Looks at an existing file through a read-only connection first: a
 * read-write one would checkpoint another program's WAL into its file when
 * it closes, and we must not change a file that is not ours. */
static gboolean
probe_existing (MarzStore  *self,
                gint64     *version,
                GError    **error)
{
  gboolean ok;

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!open_connection (self, SQLITE_OPEN_READONLY, error))
    return FALSE;
  ok = check_identity (self, version, error);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  return ok;
}

static gboolean
open_db (MarzStore  *self,
         GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  gint64 version = 0;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, MARZ_STORE_ERROR, MARZ_STORE_ERROR_OPEN,
                   _("%s: cannot create the folder: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return probe_existing (self, &version, error)
      && open_connection (self, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error)
      && check_identity (self, &version, error)
      && _marz_store_register_tokenizer (self, error)
      && _marz_store_register_rank (self, error)
      && _marz_store_exec (self, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;"
                                 "PRAGMA synchronous = NORMAL", error)
      && migrate (self, version, error);
}

static void
marz_store_finalize (GObject *object)
{
  MarzStore *self = (MarzStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->snapshot, _marz_store_snapshot_free);
  g_clear_object (&self->gazetteer);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (marz_store_parent_class)->finalize (object);
}

static void
marz_store_class_init (MarzStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = marz_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
marz_store_init (MarzStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, finalize_statement);
}

/**
 * marz_store_get_default_path:
 *
 * Returns: (transfer full): `$MARZ_DB`, else `$XDG_DATA_HOME/marz/marz.db`
 */
char *
marz_store_get_default_path (void)
{
  const char *env = g_getenv ("MARZ_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "marz", "marz.db", NULL);
}

/**
 * marz_store_open:
 * @path: the database file; created with its folder if missing
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 *   when the file cannot be opened, is not a Marz database, or is damaged
 */
MarzStore *
marz_store_open (const char  *path,
                 GError     **error)
{
  g_autoptr(MarzStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MARZ_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (!open_db (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * marz_store_open_reader:
 * @path: an existing Marz database
 *
 * A read-only connection, for a thread that only asks questions while
 * another writes (WAL lets them work side by side).  It sees what was
 * committed, not the writer's open transaction.  It searches too: a query
 * needs the index's tokenizer as much as a write does.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
MarzStore *
marz_store_open_reader (const char  *path,
                        GError     **error)
{
  g_autoptr(MarzStore) self = NULL;
  gint64 version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (MARZ_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (!open_connection (self, SQLITE_OPEN_READONLY, error)
      || !check_identity (self, &version, error)
      || !_marz_store_register_tokenizer (self, error)
      || !_marz_store_register_rank (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
marz_store_get_path (MarzStore *self)
{
  g_return_val_if_fail (MARZ_IS_STORE (self), NULL);
  return self->path;
}

/**
 * marz_store_set_gazetteer:
 * @gazetteer: (nullable): the places whose every spelling a search for one
 *   of them should find («كابل» also finds «كابول»)
 */
void
marz_store_set_gazetteer (MarzStore     *self,
                          MarzGazetteer *gazetteer)
{
  g_return_if_fail (MARZ_IS_STORE (self));
  g_set_object (&self->gazetteer, gazetteer);
}

gboolean
marz_store_begin (MarzStore  *self,
                  GError    **error)
{
  g_return_val_if_fail (MARZ_IS_STORE (self), FALSE);
  return _marz_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
marz_store_commit (MarzStore  *self,
                   GError    **error)
{
  g_return_val_if_fail (MARZ_IS_STORE (self), FALSE);
  return _marz_store_exec (self, "COMMIT", error);
}

void
marz_store_rollback (MarzStore *self)
{
  g_return_if_fail (MARZ_IS_STORE (self));
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

/**
 * marz_store_sync_places:
 *
 * Writes the gazetteer's places into the store, so that incidents can refer
 * to them and queries can name them.  Call inside a transaction.
 */
gboolean
marz_store_sync_places (MarzStore      *self,
                        MarzGazetteer  *gazetteer,
                        GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *places = marz_gazetteer_get_places (gazetteer);

  stmt = _marz_store_prepare (self,
    "INSERT INTO places (id, kind, parent, country, lat, lon, geonames_id, name_en, name_ar, name_fa, name_ps)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET kind = excluded.kind,"
    " parent = excluded.parent, country = excluded.country, lat = excluded.lat, lon = excluded.lon,"
    " geonames_id = excluded.geonames_id, name_en = excluded.name_en, name_ar = excluded.name_ar,"
    " name_fa = excluded.name_fa, name_ps = excluded.name_ps", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < places->len; i++)
    {
      MarzPlace *p = g_ptr_array_index (places, i);

      sqlite3_reset (stmt);
      bind_text_or_null (stmt, 1, p->id);
      bind_text_or_null (stmt, 2, marz_place_kind_to_string (p->kind));
      bind_text_or_null (stmt, 3, p->parent_id);
      bind_text_or_null (stmt, 4, p->country);
      sqlite3_bind_double (stmt, 5, p->lat);
      sqlite3_bind_double (stmt, 6, p->lon);
      if (p->geonames_id > 0)
        sqlite3_bind_int64 (stmt, 7, p->geonames_id);
      else
        sqlite3_bind_null (stmt, 7);
      bind_text_or_null (stmt, 8, p->name_en);
      bind_text_or_null (stmt, 9, p->name_ar);
      bind_text_or_null (stmt, 10, p->name_fa);
      bind_text_or_null (stmt, 11, p->name_ps);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return _marz_store_fail (self, error);
    }
  return TRUE;
}

/**
 * marz_store_has_hash:
 * @existing_name: (out) (optional): the name of the article already stored
 */
gboolean
marz_store_has_hash (MarzStore   *self,
                     const char  *hash,
                     char       **existing_name,
                     GError     **error)
{
  sqlite3_stmt *stmt = _marz_store_cached (self, "SELECT name FROM articles WHERE hash = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && existing_name != NULL)
    *existing_name = _marz_store_dup_text (stmt, 0);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _marz_store_fail (self, error);
  sqlite3_reset (stmt);   /* a statement left on a row keeps a read snapshot open */
  return rc == SQLITE_ROW;
}

gint64
marz_store_count (MarzStore  *self,
                  const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MARZ_IS_STORE (self), -1);

  stmt = _marz_store_prepare (self, sql, NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}
