/* marz-store-incidents.c: incidents with their reports */
#define G_LOG_DOMAIN "marz-store"

#include "marz-store-private.h"

#include <glib/gi18n.h>

/* The place filter takes the place and every place within it, so
 * `--place kunar` also finds incidents in Asadabad.  An incident's rank is
 * its MarzIncidentType, which the type mask tests. */
#define INCIDENT_FILTER \
  " WHERE (?1 IS NULL OR i.date_end >= ?1) AND (?2 IS NULL OR i.date_start <= ?2)" \
  " AND (?3 IS NULL OR i.type = ?3)" \
  " AND (?4 IS NULL OR i.place_id IN (WITH RECURSIVE within (id) AS (SELECT ?4 UNION" \
  "   SELECT p.id FROM places p JOIN within w ON p.parent = w.id) SELECT id FROM within))" \
  MARZ_STORE_FILTER_MORE

void
_marz_store_bind_filter (sqlite3_stmt             *stmt,
                         const MarzIncidentFilter *filter)
{
  if (filter == NULL)
    return;
  if (filter->from)
    sqlite3_bind_text (stmt, 1, filter->from, -1, SQLITE_STATIC);
  if (filter->to)
    sqlite3_bind_text (stmt, 2, filter->to, -1, SQLITE_STATIC);
  if (filter->type >= 0)
    sqlite3_bind_text (stmt, 3, marz_incident_type_to_string (filter->type), -1, SQLITE_STATIC);
  if (filter->place_id)
    sqlite3_bind_text (stmt, 4, filter->place_id, -1, SQLITE_STATIC);
  if (filter->types != 0)
    sqlite3_bind_int64 (stmt, 6, filter->types);
  if (filter->hide_diplomacy)
    sqlite3_bind_int (stmt, 7, 1);
  if (filter->language)
    sqlite3_bind_text (stmt, 8, filter->language, -1, SQLITE_STATIC);
}

/* An incident without its reports from the columns id, type, date,
 * precision, place id, name, lat, lon, killed, injured (the order every
 * incident query here selects them in). */
MarzIncident *
_marz_store_incident_from_row (sqlite3_stmt *stmt)
{
  MarzIncident *incident = g_new0 (MarzIncident, 1);

  incident->id = sqlite3_column_int64 (stmt, 0);
  marz_incident_type_from_string ((const char *) sqlite3_column_text (stmt, 1), &incident->type);
  incident->date = _marz_store_dup_text (stmt, 2);
  incident->precision = marz_date_precision_from_string ((const char *) sqlite3_column_text (stmt, 3));
  incident->place_id = _marz_store_dup_text (stmt, 4);
  incident->place_name = _marz_store_dup_text (stmt, 5);
  incident->lat = sqlite3_column_double (stmt, 6);
  incident->lon = sqlite3_column_double (stmt, 7);
  incident->killed = _marz_store_get_count (stmt, 8);
  incident->injured = _marz_store_get_count (stmt, 9);
  incident->shared_killed = incident->shared_injured = -1;
  incident->reports = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_report_free);
  return incident;
}

/* Which incidents a query reads: a WHERE clause over «incidents i» and
 * what binds its parameters. */
typedef struct
{
  const char               *where;
  const MarzIncidentFilter *filter;    /* binds INCIDENT_FILTER */
  const char               *article;   /* binds ARTICLE_WHERE */
} Subset;

#define ARTICLE_WHERE \
  " WHERE i.id IN (SELECT r9.incident_id FROM reports r9 JOIN articles a9 ON a9.id = r9.article_id" \
  "   WHERE a9.name = ?1)"

static void
bind_subset (sqlite3_stmt *stmt,
             const Subset *subset)
{
  if (subset->article)
    sqlite3_bind_text (stmt, 1, subset->article, -1, SQLITE_STATIC);
  else
    _marz_store_bind_filter (stmt, subset->filter);
}

static gboolean
load_incidents (MarzStore    *self,
                const Subset *subset,
                GPtrArray    *out,
                GHashTable   *by_id,
                GError      **error)
{
  g_autofree char *sql = g_strconcat (
    "SELECT i.id, i.type, i.date, i.date_precision, i.place_id, p.name_en, p.lat, p.lon,"
    " i.killed, i.injured FROM incidents i JOIN places p ON p.id = i.place_id",
    subset->where, " ORDER BY i.date_start, i.rank, p.name_en, i.id", NULL);
  g_autoptr(sqlite3_stmt) stmt = _marz_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_subset (stmt, subset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MarzIncident *incident = _marz_store_incident_from_row (stmt);
      g_ptr_array_add (out, incident);
      if (by_id)
        g_hash_table_insert (by_id, &incident->id, incident);
    }
  return rc == SQLITE_DONE || _marz_store_fail (self, error);
}

/* Figures a report gives for several places together, and which places. */
static gboolean
load_shared (MarzStore    *self,
             MarzIncident *incident,
             MarzReport   *report,
             gint64        article_id,
             int           group,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _marz_store_prepare (self,
    "SELECT i.place_id FROM reports r JOIN incidents i ON i.id = r.incident_id"
    " WHERE r.article_id = ? AND r.grp = ? AND r.shared = 1 ORDER BY r.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  incident->shared_killed = report->killed;
  incident->shared_injured = report->injured;
  g_clear_pointer (&incident->shared_places, g_ptr_array_unref);
  incident->shared_places = g_ptr_array_new_with_free_func (g_free);
  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_int (stmt, 2, group);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (incident->shared_places, _marz_store_dup_text (stmt, 0));
  return rc == SQLITE_DONE || _marz_store_fail (self, error);
}

static gboolean
load_reports (MarzStore    *self,
              const Subset *subset,
              GHashTable   *by_id,
              GError      **error)
{
  g_autofree char *sql = g_strconcat (
    "SELECT r.incident_id, a.name, a.language, substr (a.text, r.start + 1, r.end - r.start),"
    " r.start, r.end, r.killed, r.injured, r.shared, r.article_id, r.grp"
    " FROM reports r JOIN articles a ON a.id = r.article_id"
    " WHERE r.incident_id IN (SELECT i.id FROM incidents i", subset->where, ")"
    " ORDER BY r.incident_id, a.name, r.id", NULL);
  g_autoptr(sqlite3_stmt) stmt = _marz_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_subset (stmt, subset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      MarzIncident *incident = g_hash_table_lookup (by_id, &id);
      MarzReport *report;

      if (incident == NULL)
        continue;   /* cannot happen inside the savepoint; never crash if it does */
      report = g_new0 (MarzReport, 1);

      report->article = _marz_store_dup_text (stmt, 1);
      report->language = _marz_store_dup_text (stmt, 2);
      report->evidence = _marz_store_dup_text (stmt, 3);
      report->start = sqlite3_column_int (stmt, 4);
      report->end = sqlite3_column_int (stmt, 5);
      report->killed = _marz_store_get_count (stmt, 6);
      report->injured = _marz_store_get_count (stmt, 7);
      report->shared = sqlite3_column_int (stmt, 8);
      g_ptr_array_add (incident->reports, report);
      if (report->shared && incident->shared_places == NULL
          && !load_shared (self, incident, report, sqlite3_column_int64 (stmt, 9),
                           sqlite3_column_int (stmt, 10), error))
        return FALSE;
    }
  return rc == SQLITE_DONE || _marz_store_fail (self, error);
}

/**
 * marz_store_query_incidents:
 * @filter: (nullable): which incidents
 *
 * Returns: (transfer full) (element-type MarzIncident): the incidents in
 *   date order, each with its reports
 */
static GPtrArray *
query_subset (MarzStore     *self,
              const Subset  *subset,
              GError       **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_incident_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* Both reads in one snapshot: an import committing between them must not
   * give reports of incidents we did not read. */
  if (!_marz_store_exec (self, "SAVEPOINT query_incidents", error))
    return NULL;
  if (!load_incidents (self, subset, out, by_id, error)
      || !load_reports (self, subset, by_id, error))
    {
      _marz_store_exec (self, "ROLLBACK TO query_incidents; RELEASE query_incidents", NULL);
      return NULL;
    }
  if (!_marz_store_exec (self, "RELEASE query_incidents", error))
    return NULL;
  return g_steal_pointer (&out);
}

GPtrArray *
marz_store_query_incidents (MarzStore                *self,
                            const MarzIncidentFilter *filter,
                            GError                  **error)
{
  Subset subset = { INCIDENT_FILTER, filter, NULL };

  g_return_val_if_fail (MARZ_IS_STORE (self), NULL);
  return query_subset (self, &subset, error);
}

/**
 * marz_store_query_article_incidents:
 * @article: an article's file name
 *
 * Returns: (transfer full) (element-type MarzIncident): the incidents
 *   @article reports, in date order, each with all its reports (from the
 *   other articles too)
 */
GPtrArray *
marz_store_query_article_incidents (MarzStore   *self,
                                    const char  *article,
                                    GError     **error)
{
  Subset subset = { ARTICLE_WHERE, NULL, article };

  g_return_val_if_fail (MARZ_IS_STORE (self), NULL);
  g_return_val_if_fail (article != NULL, NULL);
  return query_subset (self, &subset, error);
}

/**
 * marz_store_query_incident_marks:
 * @filter: (nullable): which incidents
 *
 * The incidents without their reports: what a timeline draws, cheap
 * enough for a million.
 *
 * Returns: (transfer full) (element-type MarzIncident): in date order,
 *   each with an empty array of reports
 */
GPtrArray *
marz_store_query_incident_marks (MarzStore                *self,
                                 const MarzIncidentFilter *filter,
                                 GError                  **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_incident_free);
  Subset subset = { INCIDENT_FILTER, filter, NULL };

  g_return_val_if_fail (MARZ_IS_STORE (self), NULL);

  if (!load_incidents (self, &subset, out, NULL, error))
    return NULL;
  return g_steal_pointer (&out);
}

gboolean
marz_store_has_place (MarzStore  *self,
                      const char *id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MARZ_IS_STORE (self), FALSE);

  stmt = _marz_store_prepare (self, "SELECT 1 FROM places WHERE id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}
