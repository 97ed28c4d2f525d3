/* marz-store-places.c: incidents summed up per place, for the map's markers */
#define G_LOG_DOMAIN "marz-store"

#include "marz-store-private.h"

/* One row per place and type; the C side folds them into one summary per
 * place.  With no figure at all the sums stay -1, not 0:
 * «unknown» is not «none». */
#define SUMMARY_SQL \
  "SELECT i.place_id, COALESCE (CASE ?5 WHEN 'ar' THEN p.name_ar WHEN 'fa' THEN p.name_fa" \
  "   WHEN 'ps' THEN p.name_ps END, p.name_en), p.kind, p.lat, p.lon, i.type," \
  " count (*), sum (i.killed), sum (i.injured)" \
  " FROM incidents i JOIN places p ON p.id = i.place_id" \
  " WHERE (?1 IS NULL OR i.date_end >= ?1) AND (?2 IS NULL OR i.date_start <= ?2)" \
  " AND (?3 IS NULL OR i.type = ?3)" \
  " AND (?4 IS NULL OR i.place_id IN (WITH RECURSIVE within (id) AS (SELECT ?4 UNION" \
  "   SELECT p2.id FROM places p2 JOIN within w ON p2.parent = w.id) SELECT id FROM within))" \
  MARZ_STORE_FILTER_MORE \
  " GROUP BY i.place_id, i.type ORDER BY i.place_id"

static void
add_figure (gint64 *sum,
            gint64  value)
{
  if (value >= 0)
    *sum = MAX (*sum, 0) + value;
}

/* Rows of one place are adjacent: its summary is the last one. */
static MarzPlaceSummary *
find_or_add (GPtrArray    *out,
             sqlite3_stmt *stmt)
{
  const char *place_id = (const char *) sqlite3_column_text (stmt, 0);
  MarzPlaceSummary *summary;

  if (out->len > 0)
    {
      summary = g_ptr_array_index (out, out->len - 1);
      if (strcmp (summary->place_id, place_id) == 0)
        return summary;
    }
  summary = g_new0 (MarzPlaceSummary, 1);
  summary->place_id = g_strdup (place_id);
  summary->name = _marz_store_dup_text (stmt, 1);
  summary->kind = _marz_store_dup_text (stmt, 2);
  summary->lat = sqlite3_column_double (stmt, 3);
  summary->lon = sqlite3_column_double (stmt, 4);
  summary->killed = summary->injured = -1;
  g_ptr_array_add (out, summary);
  return summary;
}

static void
add_row (GPtrArray    *out,
         sqlite3_stmt *stmt)
{
  MarzIncidentType type;
  MarzPlaceSummary *summary;
  guint count = sqlite3_column_int (stmt, 6);

  if (!marz_incident_type_from_string ((const char *) sqlite3_column_text (stmt, 5), &type))
    return;   /* a type this version does not know: a newer Marz wrote it */
  summary = find_or_add (out, stmt);
  summary->n_incidents += count;
  summary->type_counts[type] += count;
  add_figure (&summary->killed, _marz_store_get_count (stmt, 7));
  add_figure (&summary->injured, _marz_store_get_count (stmt, 8));
}

/* The most frequent type of @category; ties go to the more specific one
 * (the lower).  MARZ_N_INCIDENT_TYPES when the place has none. */
MarzIncidentType
marz_place_summary_main_type (const MarzPlaceSummary *summary,
                              MarzIncidentCategory    category)
{
  MarzIncidentType best = MARZ_N_INCIDENT_TYPES;

  g_return_val_if_fail (summary != NULL, best);
  for (guint t = 0; t < MARZ_N_INCIDENT_TYPES; t++)
    if (marz_incident_type_get_category (t) == category && summary->type_counts[t] > 0
        && (best == MARZ_N_INCIDENT_TYPES || summary->type_counts[t] > summary->type_counts[best]))
      best = t;
  return best;
}

guint
marz_place_summary_count (const MarzPlaceSummary *summary,
                          MarzIncidentCategory    category)
{
  guint n = 0;

  g_return_val_if_fail (summary != NULL, 0);
  for (guint t = 0; t < MARZ_N_INCIDENT_TYPES; t++)
    if (marz_incident_type_get_category (t) == category)
      n += summary->type_counts[t];
  return n;
}

/* The reference the copy in memory must agree with, and what answers when
 * it cannot (tests compare the two). */
GPtrArray *
_marz_store_summarize_places_sql (MarzStore                *self,
                                  const MarzIncidentFilter *filter,
                                  const char               *language,
                                  GError                  **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_place_summary_free);
  g_autoptr(sqlite3_stmt) stmt = _marz_store_prepare (self, SUMMARY_SQL, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  _marz_store_bind_filter (stmt, filter);
  if (language)
    sqlite3_bind_text (stmt, 5, language, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_row (out, stmt);
  if (rc != SQLITE_DONE)
    {
      _marz_store_fail (self, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/**
 * marz_store_summarize_places:
 * @filter: (nullable): which incidents count
 * @language: (nullable): "ar", "fa" or "ps" for place names in that
 *   language where the gazetteer has them; English otherwise
 *
 * The store keeps what the summaries need of every incident in memory
 * (about 24 bytes each) and sums it up in C: with a million incidents, a
 * summary takes milliseconds where SQL takes seconds.  The first summary
 * after the database changed (on this connection or by a commit of
 * another) reads the incidents again: about a second per million.  So a
 * view that summarizes often should keep its store open.
 *
 * Unlike the store's other functions, this one,
 * marz_store_list_incident_marks() and marz_store_query_incident_page()
 * may be called from several threads at once: they take the store's lock,
 * so that the views' workers can share one copy of the incidents.
 *
 * Returns: (transfer full) (element-type MarzPlaceSummary): one summary per
 *   place with incidents, by place id
 */
GPtrArray *
marz_store_summarize_places (MarzStore                *self,
                             const MarzIncidentFilter *filter,
                             const char               *language,
                             GError                  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  GPtrArray *out = NULL;

  g_return_val_if_fail (MARZ_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!_marz_store_snapshot_summarize (self, filter, language, &out, error))
    return NULL;
  return out != NULL ? out : _marz_store_summarize_places_sql (self, filter, language, error);
}

void
marz_place_summary_free (MarzPlaceSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->place_id);
  g_free (summary->name);
  g_free (summary->kind);
  g_free (summary);
}
