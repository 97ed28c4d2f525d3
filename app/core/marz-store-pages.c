/* marz-store-pages.c: incidents a page at a time or by id, and the timeline's marks */
#define G_LOG_DOMAIN "marz-store"

#include "marz-store-private.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Incidents a page at a time, and the timeline's marks                     */

/* The filter as a WHERE clause over «incidents i» with only the conditions
 * it sets, so that SQLite can use the dates and places indexes (an
 * «?1 IS NULL OR …» keeps it off them); parameters as
 * _marz_store_bind_filter() binds them. */
static char *
filter_where (const MarzIncidentFilter *filter,
              gboolean                  exact_place)
{
  GString *sql = g_string_new (" WHERE 1");

  /* An incident is a day, a month or a year (days_of() in
   * marz-store-import.c): one that starts before ?1 and reaches it starts
   * on the first of ?1's month or year.  Two narrow ranges of the dates
   * index instead of everything before ?2. */
  if (filter->from)
    g_string_append_printf (sql, " AND i.date_end >= ?1 AND (i.date_start %s"
                            " OR i.date_start IN (strftime ('%%Y-%%m-01', ?1), strftime ('%%Y-01-01', ?1)))",
                            filter->to ? "BETWEEN ?1 AND ?2" : ">= ?1");
  if (filter->to)
    g_string_append (sql, " AND i.date_start <= ?2");
  if (filter->type >= 0)
    g_string_append (sql, " AND i.type = ?3");
  if (filter->place_id && exact_place)
    g_string_append (sql, " AND i.place_id = ?4");
  else if (filter->place_id)
    g_string_append (sql, " AND i.place_id IN (WITH RECURSIVE within (id) AS (SELECT ?4 UNION"
                          "   SELECT p4.id FROM places p4 JOIN within w ON p4.parent = w.id) SELECT id FROM within)");
  if (filter->types != 0)
    g_string_append (sql, " AND (?6 >> i.rank) & 1");
  if (filter->hide_diplomacy)
    g_string_append (sql, " AND i.category = 'violence'");
  if (filter->language)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM reports r8 JOIN articles a8 ON a8.id = r8.article_id"
                          "   WHERE r8.incident_id = i.id AND a8.language = ?8)");
  return g_string_free (sql, FALSE);
}

/* Howard Hinnant's days_from_civil(), from 1970-01-01. */
static gint32
day_from_civil (int year,
                int month,
                int day)
{
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned) (y - era * 400);
  unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;

  return era * 146097 + (int) (yoe * 365 + yoe / 4 - yoe / 100 + doy) - 719468;
}

static gboolean
parse_day (const char *text,
           gint32     *day)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3
      || !g_date_valid_dmy (d, m, y))
    return FALSE;
  *day = day_from_civil (y, m, d);
  return TRUE;
}

/* What the copy in memory cannot answer. */
static GArray *
list_marks_sql (MarzStore                *self,
                const MarzIncidentFilter *filter,
                GError                  **error)
{
  MarzIncidentFilter any = { .type = -1 };
  g_autofree char *where = filter_where (filter ? filter : &any, FALSE);
  g_autofree char *sql = g_strconcat ("SELECT i.id, i.type, i.date_start, i.date_end FROM incidents i",
                                      where, " ORDER BY i.date_start, i.rank, i.id", NULL);
  g_autoptr(sqlite3_stmt) stmt = _marz_store_prepare (self, sql, error);
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (MarzIncidentMark));
  int rc;

  if (stmt == NULL)
    return NULL;
  _marz_store_bind_filter (stmt, filter);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MarzIncidentMark mark = { sqlite3_column_int64 (stmt, 0) };
      MarzIncidentType type;

      if (marz_incident_type_from_string ((const char *) sqlite3_column_text (stmt, 1), &type)
          && parse_day ((const char *) sqlite3_column_text (stmt, 2), &mark.first)
          && parse_day ((const char *) sqlite3_column_text (stmt, 3), &mark.last))
        {
          mark.type = type;
          g_array_append_val (marks, mark);
        }
    }
  if (rc != SQLITE_DONE)
    return _marz_store_fail (self, error), NULL;
  return g_steal_pointer (&marks);
}

/**
 * marz_store_list_incident_marks:
 * @filter: (nullable): which incidents
 *
 * What a timeline draws of the incidents that have a date: 24 bytes each,
 * from the copy in memory that marz_store_summarize_places() keeps (tens of
 * milliseconds for a million, and a read of the incidents the first time).
 *
 * Returns: (transfer full) (element-type MarzIncidentMark): by first day,
 *   then type, then id
 */
GArray *
marz_store_list_incident_marks (MarzStore                *self,
                                const MarzIncidentFilter *filter,
                                GError                  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  GArray *out = NULL;

  g_return_val_if_fail (MARZ_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!_marz_store_snapshot_marks (self, filter, &out, error))
    return NULL;
  return out != NULL ? out : list_marks_sql (self, filter, error);
}

/* The incidents of @ids, in that order. */
static gboolean
load_page_incidents (MarzStore   *self,
                     const char  *ids_json,
                     GArray      *ids,
                     GPtrArray   *out,
                     GHashTable  *by_id,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _marz_store_prepare (self,
    "SELECT i.id, i.type, i.date, i.date_precision, i.place_id, p.name_en, p.lat, p.lon,"
    " i.killed, i.injured FROM incidents i JOIN places p ON p.id = i.place_id"
    " WHERE i.id IN (SELECT value FROM json_each (?1))", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ids_json, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MarzIncident *incident = _marz_store_incident_from_row (stmt);
      g_hash_table_insert (by_id, &incident->id, incident);
    }
  if (rc != SQLITE_DONE)
    return _marz_store_fail (self, error);
  for (guint i = 0; i < ids->len; i++)
    {
      MarzIncident *incident = g_hash_table_lookup (by_id, &g_array_index (ids, gint64, i));
      if (incident != NULL)
        g_ptr_array_add (out, incident);
    }
  return TRUE;
}

/* Figures a report gives for several places together, and which places. */
static gboolean
load_page_shared (MarzStore    *self,
                  MarzIncident *incident,
                  MarzReport   *report,
                  gint64        article_id,
                  int           group,
                  GError      **error)
{
  sqlite3_stmt *stmt = _marz_store_cached (self,
    "SELECT i.place_id FROM reports r JOIN incidents i ON i.id = r.incident_id"
    " WHERE r.article_id = ? AND r.grp = ? AND r.shared = 1 ORDER BY r.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  incident->shared_killed = report->killed;
  incident->shared_injured = report->injured;
  incident->shared_places = g_ptr_array_new_with_free_func (g_free);
  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_int (stmt, 2, group);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (incident->shared_places, _marz_store_dup_text (stmt, 0));
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || _marz_store_fail (self, error);
}

#define EVIDENCE_CHUNK 8192

/* Where the character @*chars characters from @p is, in [@p, @end): the
 * characters counted off as they are passed.  UTF-8 continuation bytes
 * are not characters; ASCII is skipped eight bytes at a time. */
static const char *
skip_chars (const char *p,
            const char *end,
            gsize      *chars)
{
  while (*chars > 0 && p < end)
    {
      guint64 word;

      if (*chars >= 8 && end - p >= 8 && (memcpy (&word, p, 8), (word & 0x8080808080808080ull) == 0))
        {
          p += 8, *chars -= 8;
          continue;
        }
      p++;
      while (p < end && ((guchar) *p & 0xC0) == 0x80)
        p++;
      (*chars)--;
    }
  return p;
}

typedef struct
{
  sqlite3_blob *blob;    /* on articles.text, moved from row to row */
  GByteArray   *buf;     /* the text's first bytes, as far as an evidence needed */
  gint64        article; /* whose bytes @buf holds, or 0 */
} EvidenceReader;

static void
evidence_reader_clear (EvidenceReader *r)
{
  g_clear_pointer (&r->blob, sqlite3_blob_close);
  g_clear_pointer (&r->buf, g_byte_array_unref);
}

/* Characters [@start, @end) of an article's text.  substr() in SQL read
 * the whole text, every overflow page of a long article, and decoded it
 * from the first character; here the text is read in chunks only as far
 * as the evidence's end, and the bytes already read serve the article's
 * next report. */
static char *
read_evidence (MarzStore      *self,
               EvidenceReader *r,
               gint64          article,
               gsize           start,
               gsize           end,
               GError        **error)
{
  const char *from, *to;
  gsize chars;
  int size;

  if (r->blob == NULL ? sqlite3_blob_open (self->db, "main", "articles", "text", article, 0, &r->blob)
                      : r->article == article ? SQLITE_OK : sqlite3_blob_reopen (r->blob, article))
    return _marz_store_fail (self, error), NULL;
  if (r->article != article)
    g_byte_array_set_size (r->buf, 0), r->article = article;
  size = sqlite3_blob_bytes (r->blob);
  for (;;)
    {
      const char *data = (const char *) r->buf->data, *data_end = data + r->buf->len;
      guint have = r->buf->len, want;

      chars = start;
      from = skip_chars (data, data_end, &chars);
      if (chars == 0)
        {
          chars = end - start;
          to = skip_chars (from, data_end, &chars);
          /* A character cut at the chunk's end is read whole next time. */
          if ((chars == 0 && (to < data_end || have == (guint) size)) || have == (guint) size)
            return g_utf8_make_valid (from, to - from);
        }
      else if (have == (guint) size)
        return g_strdup ("");
      want = MIN ((guint) size, MAX (have * 2, have + EVIDENCE_CHUNK));
      g_byte_array_set_size (r->buf, want);
      if (sqlite3_blob_read (r->blob, r->buf->data + have, (int) (want - have), (int) have) != SQLITE_OK)
        return _marz_store_fail (self, error), NULL;
    }
}

static gboolean
load_page_reports (MarzStore   *self,
                   const char  *ids_json,
                   GHashTable  *by_id,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _marz_store_prepare (self,
    "SELECT r.incident_id, a.name, a.language, a.id,"
    " r.start, r.end, r.killed, r.injured, r.shared, r.article_id, r.grp"
    " FROM reports r JOIN articles a ON a.id = r.article_id"
    " WHERE r.incident_id IN (SELECT value FROM json_each (?1))"
    " ORDER BY r.incident_id, a.name, r.id", error);
  EvidenceReader reader = { NULL, g_byte_array_new (), 0 };
  gboolean ok = stmt != NULL;
  int rc = SQLITE_DONE;

  if (stmt != NULL)
    sqlite3_bind_text (stmt, 1, ids_json, -1, SQLITE_STATIC);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      MarzIncident *incident = g_hash_table_lookup (by_id, &id);
      MarzReport *report;
      int start = sqlite3_column_int (stmt, 4), end = sqlite3_column_int (stmt, 5);

      if (incident == NULL)
        continue;
      report = g_new0 (MarzReport, 1);
      report->article = _marz_store_dup_text (stmt, 1);
      report->language = _marz_store_dup_text (stmt, 2);
      report->start = start;
      report->end = end;
      report->evidence = read_evidence (self, &reader, sqlite3_column_int64 (stmt, 3),
                                        MAX (start, 0), MAX (end, start), error);
      if (report->evidence == NULL)
        {
          marz_report_free (report);
          ok = FALSE;
          break;
        }
      report->killed = _marz_store_get_count (stmt, 6);
      report->injured = _marz_store_get_count (stmt, 7);
      report->shared = sqlite3_column_int (stmt, 8);
      g_ptr_array_add (incident->reports, report);
      if (report->shared && incident->shared_places == NULL
          && !load_page_shared (self, incident, report, sqlite3_column_int64 (stmt, 9),
                                sqlite3_column_int (stmt, 10), error))
        ok = FALSE;
    }
  evidence_reader_clear (&reader);
  if (ok && rc != SQLITE_DONE)
    ok = _marz_store_fail (self, error);
  return ok;
}

/* The incidents of @ids with their reports, in that order. */
static GPtrArray *
load_by_ids (MarzStore  *self,
             GArray     *ids,
             GError    **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_incident_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GString) json = g_string_new ("[");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');
  if (!load_page_incidents (self, json->str, ids, out, by_id, error)
      || !load_page_reports (self, json->str, by_id, error))
    return NULL;
  return g_steal_pointer (&out);
}

static gboolean
count_and_page (MarzStore                *self,
                const MarzIncidentFilter *filter,
                const char               *where,
                guint                     offset,
                guint                     limit,
                guint                    *total,
                GArray                   *ids,
                GError                  **error)
{
  g_autofree char *count_sql = g_strconcat ("SELECT count (*) FROM incidents i", where, NULL);
  g_autofree char *page_sql = g_strconcat ("SELECT i.id FROM incidents i JOIN places p ON p.id = i.place_id",
                                           where, " ORDER BY i.date_start, i.rank, p.name_en, i.id"
                                           " LIMIT ?9 OFFSET ?10", NULL);
  g_autoptr(sqlite3_stmt) count = _marz_store_prepare (self, count_sql, error);
  g_autoptr(sqlite3_stmt) page = count ? _marz_store_prepare (self, page_sql, error) : NULL;
  int rc;

  if (page == NULL)
    return FALSE;
  _marz_store_bind_filter (count, filter);
  if (sqlite3_step (count) != SQLITE_ROW)
    return _marz_store_fail (self, error);
  *total = (guint) MIN (sqlite3_column_int64 (count, 0), G_MAXUINT);
  _marz_store_bind_filter (page, filter);
  sqlite3_bind_int64 (page, 9, limit);
  sqlite3_bind_int64 (page, 10, offset);
  while ((rc = sqlite3_step (page)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (page, 0);
      g_array_append_val (ids, id);
    }
  return rc == SQLITE_DONE || _marz_store_fail (self, error);
}

/**
 * marz_store_query_incident_page:
 * @filter: (nullable): which incidents
 * @exact_place: the filter's place alone, not the places within it
 * @offset: how many of them to skip
 * @limit: the most to return
 * @total: (out) (optional): how many pass the filter
 *
 * A page of what marz_store_query_incidents() gives, in the same order:
 * the incidents are counted and ordered in the copy in memory that
 * marz_store_summarize_places() keeps (milliseconds for a million), and
 * only the page's are read with their reports.  Where the copy cannot
 * answer, SQL does, much more slowly.
 *
 * Returns: (transfer full) (element-type MarzIncident): with their reports
 */
GPtrArray *
marz_store_query_incident_page (MarzStore                *self,
                                const MarzIncidentFilter *filter,
                                gboolean                  exact_place,
                                guint                     offset,
                                guint                     limit,
                                guint                    *total,
                                GError                  **error)
{
  MarzIncidentFilter any = { .type = -1 };
  g_autofree char *where = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  GPtrArray *out = NULL;
  guint n = 0;

  g_return_val_if_fail (MARZ_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  where = filter_where (filter ? filter : &any, exact_place);
  /* One read: an import committing in between must not change the count
   * under the page. */
  if (!_marz_store_exec (self, "SAVEPOINT incident_page", error))
    return NULL;
  if (_marz_store_snapshot_page (self, filter, exact_place, offset, limit, &ids, &n, error))
    {
      if (ids == NULL)
        {
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          if (!count_and_page (self, filter, where, offset, limit, &n, ids, error))
            g_clear_pointer (&ids, g_array_unref);
        }
      out = ids ? load_by_ids (self, ids, error) : NULL;
    }
  if (out == NULL)
    {
      _marz_store_exec (self, "ROLLBACK TO incident_page; RELEASE incident_page", NULL);
      return NULL;
    }
  if (!_marz_store_exec (self, "RELEASE incident_page", error))
    return g_ptr_array_unref (out), NULL;
  if (total)
    *total = n;
  return out;
}

/**
 * marz_store_get_incident:
 *
 * Returns: (transfer full): the incident with its reports, or %NULL with
 *   %MARZ_STORE_ERROR_NOT_FOUND
 */
MarzIncident *
marz_store_get_incident (MarzStore  *self,
                         gint64      id,
                         GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (MARZ_IS_STORE (self), NULL);

  g_array_append_val (ids, id);
  found = load_by_ids (self, ids, error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, MARZ_STORE_ERROR, MARZ_STORE_ERROR_NOT_FOUND,
                   _("No incident %" G_GINT64_FORMAT), id);
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}
