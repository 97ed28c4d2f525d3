/* marz-store-import.c: writing an article and merging its reports
 *
 * Reports of the same event from several articles become one incident: same
 * place, same date at the same precision, and for violence any violent type
 * (the most specific wins: «explosions in Kabul» and «airstrikes on Kabul» on
 * one day are one airstrike); for diplomacy the same type.
 */
#define G_LOG_DOMAIN "marz-store"

#include "marz-store-private.h"
#include "marz-normalize.h"
#include "marz-tokenizer.h"

#include <string.h>

static char *
days_of (const MarzMention *m,
         gboolean           last)
{
  int day = m->precision == MARZ_DATE_PRECISION_DAY ? m->day
          : last ? g_date_get_days_in_month (m->month, m->year) : 1;

  return marz_format_date (m->year, m->month, day, MARZ_DATE_PRECISION_DAY);
}

/* "INSERT OR FAIL INTO articles … VALUES (…), (…) …" for @n rows, built
 * once per process (the store keeps statements by their SQL's address). */
static const char *
articles_sql (guint n)
{
  static char *sql[MARZ_STORE_MAX_ARTICLE_ROWS + 1];
  static gsize done = 0;

  g_assert (n >= 1 && n <= MARZ_STORE_MAX_ARTICLE_ROWS);
  if (g_once_init_enter (&done))
    {
      for (guint k = 1; k <= MARZ_STORE_MAX_ARTICLE_ROWS; k++)
        {
          GString *s = g_string_new ("INSERT OR FAIL INTO articles (id, name, path, hash, encoding,"
                                     " language, variety, title, source, date, date_precision,"
                                     " date_origin, body_start, text, imported_at) VALUES ");
          for (guint i = 0; i < k; i++)
            g_string_append (s, i ? ",(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
          sql[k] = g_string_free (s, FALSE);
        }
      g_once_init_leave (&done, 1);
    }
  return sql[n];
}

static void
bind_article (sqlite3_stmt *stmt,
              int           row,
              gint64        id,
              MarzArticle  *a,
              const char   *date,
              const char   *now)
{
  int c = 15 * row;

  sqlite3_bind_int64 (stmt, c + 1, id);
  sqlite3_bind_text (stmt, c + 2, a->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, c + 3, a->path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, c + 4, a->hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, c + 5, a->encoding, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, c + 6, a->language, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, c + 7, a->variety, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, c + 8, a->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, c + 9, a->source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, c + 10, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, c + 11, marz_date_precision_to_string (a->precision), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, c + 12, marz_date_origin_to_string (a->origin), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, c + 13, g_utf8_pointer_to_offset (a->text, a->text + a->body_start));
  sqlite3_bind_text (stmt, c + 14, a->text, a->len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, c + 15, now, -1, SQLITE_STATIC);
}

/* What the column's default, strftime ('…', 'now'), would give.  Passed as
 * a value: a function of the clock in a statement of several rows makes
 * SQLite open a statement journal. */
static char *
now_utc (MarzStore  *self,
         GError    **error)
{
  sqlite3_stmt *stmt = _marz_store_cached (self, "SELECT strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')", error);

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _marz_store_fail (self, error), NULL;
  return _marz_store_dup_text (stmt, 0);
}

/* The id SQLite would give the next article: one more than the highest. */
static gint64
next_article_id (MarzStore  *self,
                 GError    **error)
{
  sqlite3_stmt *stmt = _marz_store_cached (self, "SELECT coalesce (max (id), 0) + 1 FROM articles", error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _marz_store_fail (self, error), -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* Rows @articles[0, n) with ids from @first, in one statement. */
static gboolean
insert_rows (MarzStore    *self,
             MarzArticle **articles,
             guint         n,
             gint64        first,
             GError      **error)
{
  g_autofree char *now = now_utc (self, error);
  sqlite3_stmt *stmt = now ? _marz_store_cached (self, articles_sql (n), error) : NULL;
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (dates, marz_article_format_date (articles[i]));
      bind_article (stmt, i, first + i, articles[i], g_ptr_array_index (dates, i), now);
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _marz_store_fail (self, error);
  return TRUE;
}

/**
 * _marz_store_insert_articles:
 * @articles: (array length=n): up to %MARZ_STORE_MAX_ARTICLE_ROWS articles
 * @ids: (out caller-allocates) (array length=n): the id each article gets
 *
 * Writes the articles' own rows, which must come before the rest of each
 * (see _marz_store_add_article_parts()).  The articles table checks two
 * columns against lists of names («IN ('day', 'month', …)»), and SQLite
 * builds a temporary b-tree to test an IN list once per statement: written
 * one by one, that was a fifth of an import's time.  OR FAIL, because with
 * the default ABORT a statement of several rows needs a statement journal,
 * and opening one makes FTS5 write out its pending index.
 *
 * Returns: how many of @articles have their row, in order: all of them, or
 *   those before the one that failed, with @error set
 */
guint
_marz_store_insert_articles (MarzStore    *self,
                             MarzArticle **articles,
                             guint         n,
                             gint64       *ids,
                             GError      **error)
{
  g_autoptr(GError) batch_error = NULL;
  gint64 first, now;
  guint done;

  g_return_val_if_fail (n <= MARZ_STORE_MAX_ARTICLE_ROWS, 0);

  if (n == 0 || (first = next_article_id (self, error)) < 0)
    return 0;
  for (guint i = 0; i < n; i++)
    ids[i] = first + i;
  if (insert_rows (self, articles, n, first, &batch_error))
    return n;
  /* A failed row stops the rest, and OR FAIL keeps those before it (a
   * trigger's RAISE (ABORT) keeps none): write what is missing one by one,
   * so that the caller can store what came before the failure. */
  if ((now = next_article_id (self, error)) < 0)
    return 0;
  for (done = (guint) CLAMP (now - first, 0, (gint64) n); done < n; done++)
    if (!insert_rows (self, articles + done, 1, first + done, error))
      return done;
  return n;
}

static gboolean
insert_sentences (MarzStore    *self,
                  gint64        article_id,
                  MarzArticle  *a,
                  GError      **error)
{
  for (guint i = 0; a->sentences && i < a->sentences->len; i++)
    {
      MarzTextSpan *s = &g_array_index (a->sentences, MarzTextSpan, i);
      sqlite3_stmt *stmt = _marz_store_cached (self,
        "INSERT INTO sentences (article_id, idx, start, end) VALUES (?,?,?,?)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, article_id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_int (stmt, 3, s->char_start);
      sqlite3_bind_int (stmt, 4, s->char_end);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return _marz_store_fail (self, error);
    }
  return TRUE;
}

/* The index holds the matching key as our tokenizer splits it, so that
 * FTS5 and queries agree on words: «۲۴نوامبر» is «24» and «نوامبر» to both. */
static char *
index_text (const char *text,
            gsize       len)
{
  g_autoptr(MarzNormalized) key = marz_normalized_new (text, len);
  g_autoptr(GArray) tokens = marz_tokenize (key->text, key->len);

  return marz_tokens_join (key->text, tokens, 0);
}

/* The index holds the matching key, so a query in any spelling finds it. */
static gboolean
index_article (MarzStore    *self,
               gint64        article_id,
               MarzArticle  *a,
               GError      **error)
{
  sqlite3_stmt *stmt = _marz_store_cached (self,
    "INSERT INTO article_index (rowid, title, body) VALUES (?,?,?)", error);
  g_autofree char *title = a->index_title ? NULL : index_text (a->title ? a->title : "", a->title ? strlen (a->title) : 0);
  g_autofree char *body = a->index_words ? NULL : index_text (a->text + a->body_start, a->len - a->body_start);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_text (stmt, 2, title ? title : a->index_title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, body ? body : a->index_words, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _marz_store_fail (self, error);
  return TRUE;
}

/* An incident as a new report finds it. */
typedef struct
{
  gint64 id;        /* 0: none yet */
  int    rank;
  gint64 killed;    /* -1: unknown */
  gint64 injured;
} Incident;

static gboolean
find_incident (MarzStore          *self,
               const MarzMention  *m,
               const char         *date,
               Incident           *found,
               GError            **error)
{
  MarzIncidentCategory category = marz_incident_type_get_category (m->type);
  sqlite3_stmt *stmt = _marz_store_cached (self,
    "SELECT id, rank, killed, injured FROM incidents WHERE place_id = ?1 AND date = ?2"
    " AND date_precision = ?3 AND category = ?4 AND (?4 = 'violence' OR type = ?5) LIMIT 1", error);
  int rc;

  *found = (Incident) { 0 };
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, m->place->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, marz_date_precision_to_string (m->precision), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, marz_incident_category_to_string (category), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, marz_incident_type_to_string (m->type), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *found = (Incident) { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1),
                          _marz_store_get_count (stmt, 2), _marz_store_get_count (stmt, 3) };
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _marz_store_fail (self, error);
  return TRUE;
}

static void
bind_count (sqlite3_stmt *stmt,
            int           column,
            gint64        value)
{
  if (value >= 0)
    sqlite3_bind_int64 (stmt, column, value);
  else
    sqlite3_bind_null (stmt, column);
}

/* The figures an incident takes from a report: none when they are shared
 * by several places. */
static gint64
own_count (const MarzMention *m,
           gint64             count)
{
  return m->shared ? -1 : count;
}

/* A new incident has its first report's type and figures from the start. */
static gint64
create_incident (MarzStore          *self,
                 const MarzMention  *m,
                 const char         *date,
                 GError            **error)
{
  sqlite3_stmt *stmt = _marz_store_cached (self,
    "INSERT INTO incidents (type, rank, category, place_id, date, date_precision, date_start, date_end,"
    " killed, injured) VALUES (?,?,?,?,?,?,?,?,?,?)", error);
  g_autofree char *first = days_of (m, FALSE);
  g_autofree char *last = days_of (m, TRUE);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, marz_incident_type_to_string (m->type), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, m->type);
  sqlite3_bind_text (stmt, 3, marz_incident_category_to_string (marz_incident_type_get_category (m->type)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, m->place->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, marz_date_precision_to_string (m->precision), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, first, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, last, -1, SQLITE_STATIC);
  bind_count (stmt, 9, own_count (m, m->killed));
  bind_count (stmt, 10, own_count (m, m->injured));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _marz_store_fail (self, error), -1;
  return sqlite3_last_insert_rowid (self->db);
}

static gboolean
insert_report (MarzStore          *self,
               gint64              incident_id,
               gint64              article_id,
               const MarzMention  *m,
               GError            **error)
{
  sqlite3_stmt *stmt = _marz_store_cached (self,
    "INSERT INTO reports (incident_id, article_id, type, start, end, killed, injured, shared, grp)"
    " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (incident_id, article_id) DO NOTHING", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, incident_id);
  sqlite3_bind_int64 (stmt, 2, article_id);
  sqlite3_bind_text (stmt, 3, marz_incident_type_to_string (m->type), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, m->evidence.char_start);
  sqlite3_bind_int (stmt, 5, m->evidence.char_end);
  bind_count (stmt, 6, m->killed);
  bind_count (stmt, 7, m->injured);
  sqlite3_bind_int (stmt, 8, m->shared);
  sqlite3_bind_int (stmt, 9, m->group);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _marz_store_fail (self, error);
  return TRUE;
}

static gboolean
raises (gint64 count,
        gint64 now)
{
  return count >= 0 && (now < 0 || count > now);
}

/* The incident's figures are the highest any report gives for that place
 * alone; figures given for several places together stay on the reports.
 * A maximum only grows, so each new report updates it in place: recomputing
 * it over all reports made imports quadratic in the reports per incident.
 * Most reports change nothing, and then nothing is written. */
static gboolean
update_incident (MarzStore          *self,
                 const Incident     *incident,
                 const MarzMention  *m,
                 GError            **error)
{
  sqlite3_stmt *stmt;

  if ((int) m->type >= incident->rank && !raises (own_count (m, m->killed), incident->killed)
      && !raises (own_count (m, m->injured), incident->injured))
    return TRUE;
  stmt = _marz_store_cached (self,
    "UPDATE incidents SET rank = min (rank, ?2), type = CASE WHEN ?2 < rank THEN ?3 ELSE type END,"
    " killed = CASE WHEN ?4 IS NULL THEN killed ELSE max (coalesce (killed, ?4), ?4) END,"
    " injured = CASE WHEN ?5 IS NULL THEN injured ELSE max (coalesce (injured, ?5), ?5) END"
    " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, incident->id);
  sqlite3_bind_int (stmt, 2, m->type);
  sqlite3_bind_text (stmt, 3, marz_incident_type_to_string (m->type), -1, SQLITE_STATIC);
  bind_count (stmt, 4, own_count (m, m->killed));
  bind_count (stmt, 5, own_count (m, m->injured));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _marz_store_fail (self, error);
  return TRUE;
}

static gboolean
add_mention (MarzStore          *self,
             gint64              article_id,
             const MarzMention  *m,
             GError            **error)
{
  g_autofree char *date = marz_format_date (m->year, m->month, m->day, m->precision);
  Incident incident;

  if (!find_incident (self, m, date, &incident, error))
    return FALSE;
  if (incident.id == 0)
    return (incident.id = create_incident (self, m, date, error)) > 0
        && insert_report (self, incident.id, article_id, m, error);
  if (!insert_report (self, incident.id, article_id, m, error))
    return FALSE;
  /* An article reports an incident once: a second mention changes nothing. */
  return sqlite3_changes (self->db) == 0 || update_incident (self, &incident, m, error);
}

/**
 * _marz_store_add_article_parts:
 * @article_id: the id _marz_store_insert_articles() gave @article
 *
 * Writes the rest of an article whose row is in: its sentences, its words in
 * the search index and its reports.
 */
gboolean
_marz_store_add_article_parts (MarzStore    *self,
                               gint64        article_id,
                               MarzArticle  *article,
                               GPtrArray    *mentions,
                               GError      **error)
{
  if (!insert_sentences (self, article_id, article, error)
      || !index_article (self, article_id, article, error))
    return FALSE;
  for (guint i = 0; mentions && i < mentions->len; i++)
    if (!add_mention (self, article_id, g_ptr_array_index (mentions, i), error))
      return FALSE;
  return TRUE;
}

/**
 * marz_store_add_article:
 * @article: an analyzed article (see marz_extractor_analyze())
 * @mentions: (element-type MarzMention): its reports
 *
 * Call inside a transaction (marz_store_begin()); the caller checks for
 * duplicates first with marz_store_has_hash().
 */
gboolean
marz_store_add_article (MarzStore    *self,
                        MarzArticle  *article,
                        GPtrArray    *mentions,
                        GError      **error)
{
  gint64 article_id;

  g_return_val_if_fail (MARZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (article != NULL, FALSE);

  return _marz_store_insert_articles (self, &article, 1, &article_id, error) == 1
      && _marz_store_add_article_parts (self, article_id, article, mentions, error);
}
