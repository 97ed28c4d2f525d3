/* marz-store-snapshot.c: building the store's copy of the incidents in memory
 *
 * Summing a million incidents up per place takes SQLite seconds: a row costs
 * it a microsecond or more however it is indexed (bench-filters, and
 * tests/perf/README.md).  So the store keeps a compact copy of what the
 * summaries need, 24 bytes an incident, sorted by first day, and a range
 * and filters are a loop over it in C (marz-store-snapshot-answer.c).  The
 * copy is made on the first summary and again whenever the database has
 * changed since: PRAGMA data_version tells another connection's commits, the
 * connection's own change count its own writes; a copy made inside a write
 * transaction is not kept.
 *
 * The copy answers only what it can answer exactly as the SQL does; for
 * anything else (a bound that is not a day, a figure too large for 32 bits,
 * more than 32 languages…) it declines and the SQL answers.
 */
#define G_LOG_DOMAIN "marz-store"

#include "marz-store-private.h"

#include <string.h>

#define MAX_LANGUAGES 32

/* What loading needs on the way, freed after. */
typedef struct
{
  GHashTable *place_index;   /* id (borrowed) → index + 1 */
  guint8     *article_language;  /* by article id: index in languages + 1, 0 for none */
  gint64      n_articles;
  gint64     *ids;           /* of rows, ascending */
} Loader;

void
_marz_store_snapshot_free (MarzStoreSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  for (guint i = 0; i < snapshot->n_places; i++)
    {
      g_free (snapshot->places[i].id);
      g_free (snapshot->places[i].kind);
      for (guint n = 0; n < G_N_ELEMENTS (snapshot->places[i].names); n++)
        g_free (snapshot->places[i].names[n]);
    }
  g_free (snapshot->places);
  g_clear_pointer (&snapshot->languages, g_ptr_array_unref);
  g_free (snapshot->rows);
  g_free (snapshot->ids);
  g_free (snapshot);
}

static void
loader_clear (Loader *loader)
{
  g_clear_pointer (&loader->place_index, g_hash_table_unref);
  g_clear_pointer (&loader->article_language, g_free);
  g_clear_pointer (&loader->ids, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Loader, loader_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzStoreSnapshot, _marz_store_snapshot_free)

/* "YYYY-MM-DD" of a real day, as days since 1 March of year 0 (any
 * count of days would do: only their order matters); FALSE for anything
 * else.  A million of them are read: no GDate. */
gboolean
_marz_store_snapshot_parse_day (const char *text,
                                gint32     *days)
{
  static const char pattern[] = "dddd-dd-dd";
  int y, m, d;

  for (guint i = 0; i < sizeof pattern; i++)
    if (text == NULL || (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i]))
      return FALSE;
  y = ((text[0] - '0') * 10 + text[1] - '0') * 100 + (text[2] - '0') * 10 + text[3] - '0';
  m = (text[5] - '0') * 10 + text[6] - '0';
  d = (text[8] - '0') * 10 + text[9] - '0';
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  y -= m <= 2;
  *days = y * 365 + y / 4 - y / 100 + y / 400 + (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  return TRUE;
}

/* A figure as the summaries add it; FALSE if 32 bits cannot hold it. */
static gboolean
get_figure (sqlite3_stmt *stmt,
            int           column,
            gint32       *figure)
{
  gint64 value = _marz_store_get_count (stmt, column);

  *figure = (gint32) value;
  return value >= -1 && value <= G_MAXINT32;
}

static gboolean
step_failed (MarzStore  *self,
             int         rc,
             GError    **error)
{
  return rc == SQLITE_DONE || _marz_store_fail (self, error);
}

static gboolean
load_places (MarzStore          *self,
             MarzStoreSnapshot  *snap,
             Loader             *loader,
             gboolean           *usable,
             GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = _marz_store_prepare (self,
    "SELECT id, kind, name_en, name_ar, name_fa, name_ps, lat, lon, parent"
    " FROM places ORDER BY id", error);
  g_autoptr(GPtrArray) parents = g_ptr_array_new_with_free_func (g_free);
  GArray *places;
  int rc;

  if (stmt == NULL)
    return FALSE;
  places = g_array_new (FALSE, TRUE, sizeof (SnapshotPlace));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SnapshotPlace p = { _marz_store_dup_text (stmt, 0), _marz_store_dup_text (stmt, 1),
                          { _marz_store_dup_text (stmt, 2), _marz_store_dup_text (stmt, 3),
                            _marz_store_dup_text (stmt, 4), _marz_store_dup_text (stmt, 5) },
                          sqlite3_column_double (stmt, 6), sqlite3_column_double (stmt, 7), -1 };
      g_array_append_val (places, p);
      g_ptr_array_add (parents, _marz_store_dup_text (stmt, 8));
    }
  snap->n_places = places->len;
  snap->places = (SnapshotPlace *) g_array_free (places, FALSE);
  for (guint i = 0; i < snap->n_places; i++)
    g_hash_table_insert (loader->place_index, snap->places[i].id, GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < snap->n_places; i++)
    if (parents->pdata[i] != NULL)
      snap->places[i].parent = (int) GPOINTER_TO_UINT (g_hash_table_lookup (loader->place_index,
                                                                            parents->pdata[i])) - 1;
  *usable = snap->n_places <= G_MAXUINT16;
  return step_failed (self, rc, error);
}

static guint8
language_index (GPtrArray  *languages,
                const char *language,
                gboolean   *usable)
{
  guint i;

  if (language == NULL)
    return 0;
  if (!g_ptr_array_find_with_equal_func (languages, language, g_str_equal, &i))
    {
      i = languages->len;
      g_ptr_array_add (languages, g_strdup (language));
    }
  *usable &= languages->len <= MAX_LANGUAGES;
  return (guint8) MIN (i + 1, MAX_LANGUAGES);
}

static gboolean
load_articles (MarzStore          *self,
               MarzStoreSnapshot  *snap,
               Loader             *loader,
               gboolean           *usable,
               GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = _marz_store_prepare (self,
    "SELECT id, language, (SELECT max (id) FROM articles) FROM articles", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (loader->article_language == NULL)
        {
          /* Ids are dense unless articles were deleted: a table by id. */
          loader->n_articles = sqlite3_column_int64 (stmt, 2) + 1;
          if (loader->n_articles > 64 * 1024 * 1024)
            {
              *usable = FALSE;
              return TRUE;
            }
          loader->article_language = g_new0 (guint8, loader->n_articles);
        }
      const char *language = (const char *) sqlite3_column_text (stmt, 1);

      if (id >= 0 && id < loader->n_articles)
        loader->article_language[id] = language_index (snap->languages, language, usable);
    }
  return step_failed (self, rc, error);
}

static gboolean
row_from_stmt (sqlite3_stmt *stmt,
               Loader       *loader,
               SnapshotRow  *row)
{
  const char *start = (const char *) sqlite3_column_text (stmt, 2);
  const char *end = (const char *) sqlite3_column_text (stmt, 3);
  const char *place_id = (const char *) sqlite3_column_text (stmt, 4);
  guint place = place_id ? GPOINTER_TO_UINT (g_hash_table_lookup (loader->place_index, place_id))
                         : 0;
  MarzIncidentType type;

  *row = (SnapshotRow) { SNAPSHOT_NO_DAY_FIRST, SNAPSHOT_NO_DAY_LAST, -1, -1, 0, place - 1,
                         MARZ_N_INCIDENT_TYPES };
  if (marz_incident_type_from_string ((const char *) sqlite3_column_text (stmt, 1), &type))
    row->type = type;
  /* Without a date, both bounds are NULL, and the SQL leaves it out of any
   * range; a date we cannot read, we leave to the SQL. */
  return place > 0
      && ((start == NULL && end == NULL)
          || (_marz_store_snapshot_parse_day (start, &row->first)
              && _marz_store_snapshot_parse_day (end, &row->last)))
      && get_figure (stmt, 5, &row->killed) && get_figure (stmt, 6, &row->injured);
}

static gboolean
load_incidents (MarzStore          *self,
                MarzStoreSnapshot  *snap,
                Loader             *loader,
                gboolean           *usable,
                GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = _marz_store_prepare (self,
    "SELECT id, type, date_start, date_end, place_id, killed, injured,"
    " (SELECT count (*) FROM incidents) FROM incidents ORDER BY id", error);
  gsize n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && *usable)
    {
      if (snap->rows == NULL)
        {
          snap->n_rows = sqlite3_column_int64 (stmt, 7);
          snap->rows = g_new (SnapshotRow, snap->n_rows);
          loader->ids = g_new (gint64, snap->n_rows);
        }
      /* The count came in the same read: more rows cannot come. */
      g_assert (n < snap->n_rows);
      loader->ids[n] = sqlite3_column_int64 (stmt, 0);
      *usable = row_from_stmt (stmt, loader, &snap->rows[n++]);
    }
  snap->n_rows = n;
  return rc == SQLITE_ROW || step_failed (self, rc, error);
}

/* Which languages report each incident: reports and rows both by incident id. */
static gboolean
load_languages (MarzStore          *self,
                MarzStoreSnapshot  *snap,
                Loader             *loader,
                GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = _marz_store_prepare (self,
    "SELECT incident_id, article_id FROM reports ORDER BY incident_id", error);
  gsize r = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 incident = sqlite3_column_int64 (stmt, 0), article = sqlite3_column_int64 (stmt, 1);

      while (r < snap->n_rows && loader->ids[r] < incident)
        r++;
      if (r < snap->n_rows && loader->ids[r] == incident
          && article >= 0 && article < loader->n_articles && loader->article_language[article] > 0)
        snap->rows[r].languages |= 1u << (loader->article_language[article] - 1);
    }
  return step_failed (self, rc, error);
}

/* A slot per day and type (and one for a type we do not know). */
#define SLOTS_PER_DAY (MARZ_N_INCIDENT_TYPES + 1)

static gsize
slot_of (const SnapshotRow *row,
         gint32             lo,
         gint32             hi)
{
  return row->first == SNAPSHOT_NO_DAY_FIRST ? ((gsize) (hi - lo) + 1) * SLOTS_PER_DAY
                                    : (gsize) (row->first - lo) * SLOTS_PER_DAY + row->type;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const MarzStoreSnapshot *snap = user_data;
  const SnapshotRow *x = &snap->rows[*(const gsize *) a], *y = &snap->rows[*(const gsize *) b];
  gint64 ix = snap->ids[*(const gsize *) a], iy = snap->ids[*(const gsize *) b];

  if (x->first != y->first)
    return x->first < y->first ? -1 : 1;
  if (x->type != y->type)
    return x->type < y->type ? -1 : 1;
  return (ix > iy) - (ix < iy);
}

/* Days spread over millennia (a date misread): slots would cost more than
 * sorting. */
static void
sort_sparse (MarzStoreSnapshot *snap)
{
  g_autofree gsize *order = g_new (gsize, snap->n_rows);
  SnapshotRow *sorted = g_new (SnapshotRow, snap->n_rows);
  gint64 *ids = g_new (gint64, snap->n_rows);

  for (gsize i = 0; i < snap->n_rows; i++)
    order[i] = i;
  g_qsort_with_data (order, snap->n_rows, sizeof (gsize), compare_rows, snap);
  for (gsize i = 0; i < snap->n_rows; i++)
    {
      sorted[i] = snap->rows[order[i]];
      ids[i] = snap->ids[order[i]];
    }
  g_free (snap->rows);
  snap->rows = sorted;
  g_free (snap->ids);
  snap->ids = ids;
}

/* Rows by first day and type, counted into place: their days span a few
 * years at most, and a million rows sort in a fraction of what qsort()
 * takes.  Counting keeps the order of ids among equals, which is what a
 * timeline wants of its marks.  Rows without a date come last. */
static void
sort_by_first (MarzStoreSnapshot *snap)
{
  gint32 lo = G_MAXINT32, hi = G_MININT32;
  g_autofree gsize *starts = NULL;
  gsize n_slots;
  SnapshotRow *sorted;
  gint64 *ids;

  for (gsize i = 0; i < snap->n_rows; i++)
    if (snap->rows[i].first != SNAPSHOT_NO_DAY_FIRST)
      {
        lo = MIN (lo, snap->rows[i].first);
        hi = MAX (hi, snap->rows[i].first);
      }
  if (lo > hi)
    return;   /* no row has a date: the order does not matter */
  /* The slots of the days and one for rows without a date. */
  n_slots = ((gsize) (hi - lo) + 1) * SLOTS_PER_DAY + 1;
  if (n_slots > 4 * snap->n_rows + 65536)
    {
      sort_sparse (snap);
      return;
    }
  starts = g_new0 (gsize, n_slots + 1);
  for (gsize i = 0; i < snap->n_rows; i++)
    starts[slot_of (&snap->rows[i], lo, hi) + 1]++;
  for (gsize d = 1; d <= n_slots; d++)
    starts[d] += starts[d - 1];
  sorted = g_new (SnapshotRow, snap->n_rows);
  ids = g_new (gint64, snap->n_rows);
  for (gsize i = 0; i < snap->n_rows; i++)
    {
      gsize to = starts[slot_of (&snap->rows[i], lo, hi)]++;

      sorted[to] = snap->rows[i];
      ids[to] = snap->ids[i];
    }
  g_free (snap->rows);
  snap->rows = sorted;
  g_free (snap->ids);
  snap->ids = ids;
}

static gboolean
get_versions (MarzStore  *self,
              gint64     *data_version,
              gint64     *total_changes,
              GError    **error)
{
  sqlite3_stmt *stmt = _marz_store_cached (self, "PRAGMA data_version", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _marz_store_fail (self, error);
  *data_version = sqlite3_column_int64 (stmt, 0);
  *total_changes = sqlite3_total_changes64 (self->db);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
load (MarzStore          *self,
      MarzStoreSnapshot  *snap,
      GError            **error)
{
  g_auto(Loader) loader = { g_hash_table_new (g_str_hash, g_str_equal) };
  gboolean usable = TRUE;

  snap->languages = g_ptr_array_new_with_free_func (g_free);
  if (!get_versions (self, &snap->data_version, &snap->total_changes, error)
      || !load_places (self, snap, &loader, &usable, error)
      || (usable && !load_articles (self, snap, &loader, &usable, error))
      || (usable && !load_incidents (self, snap, &loader, &usable, error))
      || (usable && loader.article_language && !load_languages (self, snap, &loader, error)))
    return FALSE;
  snap->usable = usable;
  snap->ids = g_steal_pointer (&loader.ids);
  if (usable)
    sort_by_first (snap);
  return TRUE;
}

/* One read for the whole copy: an import committing halfway must not give
 * incidents whose reports we did not read. */
static MarzStoreSnapshot *
snapshot_new (MarzStore  *self,
              GError    **error)
{
  g_autoptr(MarzStoreSnapshot) snap = g_new0 (MarzStoreSnapshot, 1);

  if (!_marz_store_exec (self, "SAVEPOINT snapshot", error))
    return NULL;
  if (!load (self, snap, error))
    {
      _marz_store_exec (self, "ROLLBACK TO snapshot; RELEASE snapshot", NULL);
      return NULL;
    }
  if (!_marz_store_exec (self, "RELEASE snapshot", error))
    return NULL;
  return g_steal_pointer (&snap);
}

/* The copy, made again if the database changed since. */
MarzStoreSnapshot *
_marz_store_snapshot_current (MarzStore  *self,
                              GError    **error)
{
  gint64 data_version, total_changes;

  if (!get_versions (self, &data_version, &total_changes, error))
    return NULL;
  if (self->snapshot != NULL && self->snapshot->data_version == data_version
      && self->snapshot->total_changes == total_changes)
    return self->snapshot;
  g_clear_pointer (&self->snapshot, _marz_store_snapshot_free);
  self->snapshot = snapshot_new (self, error);
  /* Rolled back, our own writes would leave both counts as they are: a copy
   * that may hold them is for this summary only. */
  if (self->snapshot != NULL && sqlite3_txn_state (self->db, NULL) == SQLITE_TXN_WRITE)
    self->snapshot->total_changes = -1;
  return self->snapshot;
}
