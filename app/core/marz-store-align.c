/* marz-store-align.c: a translator's alignment decisions, and aligning two
 * stored articles with them
 *
 * A decision is stored once for the two articles, in name order: made
 * comparing B with A, it holds comparing A with B.  Newer decisions come
 * first, so a re-pairing claims its sentences before an older confirmation.
 */
#define G_LOG_DOMAIN "marz-store"

#include "marz-align.h"
#include "marz-store-private.h"

#include <stdio.h>
#include <string.h>

static const char * const decision_names[] = { NULL, "confirm", "reject", "pair" };

static gboolean
swapped (const char *article_a,
         const char *article_b)
{
  return strcmp (article_a, article_b) > 0;
}

gboolean
marz_store_set_align_decision (MarzStore             *store,
                               const char            *article_a,
                               const char            *article_b,
                               guint                  a_start,
                               guint                  b_start,
                               MarzAlignDecisionKind  kind,
                               GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean swap;

  g_return_val_if_fail (MARZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (article_a != NULL && article_b != NULL, FALSE);
  g_return_val_if_fail (kind <= MARZ_ALIGN_DECISION_PAIR, FALSE);

  swap = swapped (article_a, article_b);
  stmt = _marz_store_prepare (store, kind == MARZ_ALIGN_DECISION_NONE
                              ? "DELETE FROM align_decisions WHERE article_a = ?1 AND article_b = ?2"
                                " AND a_start = ?3 AND b_start = ?4"
                              : "INSERT OR REPLACE INTO align_decisions"
                                " (article_a, article_b, a_start, b_start, decision)"
                                " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, swap ? article_b : article_a, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, swap ? article_a : article_b, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, swap ? b_start : a_start);
  sqlite3_bind_int64 (stmt, 4, swap ? a_start : b_start);
  if (kind != MARZ_ALIGN_DECISION_NONE)
    sqlite3_bind_text (stmt, 5, decision_names[kind], -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _marz_store_fail (store, error);
  return TRUE;
}

static MarzAlignDecisionKind
decision_from_string (const char *name)
{
  for (guint i = 1; i < G_N_ELEMENTS (decision_names); i++)
    if (g_strcmp0 (name, decision_names[i]) == 0)
      return i;
  return MARZ_ALIGN_DECISION_NONE;
}

GArray *
marz_store_get_align_decisions (MarzStore   *store,
                                const char  *article_a,
                                const char  *article_b,
                                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (MarzAlignDecision));
  gboolean swap;
  int rc;

  g_return_val_if_fail (MARZ_IS_STORE (store), NULL);
  g_return_val_if_fail (article_a != NULL && article_b != NULL, NULL);

  swap = swapped (article_a, article_b);
  /* The rows themselves, in id order: a translator's decisions are few, and
   * reading the table (not only its index) lets damage to it show. */
  stmt = _marz_store_prepare (store, "SELECT a_start, b_start, decision FROM align_decisions NOT INDEXED"
                                     " WHERE article_a = ?1 AND article_b = ?2 ORDER BY id DESC",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, swap ? article_b : article_a, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, swap ? article_a : article_b, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint first = sqlite3_column_int64 (stmt, 0), second = sqlite3_column_int64 (stmt, 1);
      MarzAlignDecision d = {
        swap ? second : first, swap ? first : second,
        decision_from_string ((const char *) sqlite3_column_text (stmt, 2))
      };
      g_array_append_val (out, d);
    }
  if (rc != SQLITE_DONE)
    {
      _marz_store_fail (store, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

static void
fill_source (MarzAlignSource       *source,
             const MarzArticleInfo *info)
{
  const char *body = g_utf8_offset_to_pointer (info->text, info->body_start);

  source->name = info->name;
  source->text = info->text;
  source->len = -1;
  source->body_start = body - info->text;
  source->language = info->language;
  source->variety = info->variety;
  if (info->date != NULL)
    sscanf (info->date, "%d-%d-%d", &source->year, &source->month, &source->day);
}

/**
 * marz_store_align_articles:
 *
 * Returns: (transfer full): the alignment, with the stored decisions applied
 */
MarzAlignment *
marz_store_align_articles (MarzStore    *store,
                           MarzAligner  *aligner,
                           const char   *article_a,
                           const char   *article_b,
                           GError      **error)
{
  g_autoptr(MarzArticleInfo) a = NULL, b = NULL;
  g_autoptr(GArray) decisions = NULL;
  MarzAlignSource source_a = { 0 }, source_b = { 0 };

  g_return_val_if_fail (MARZ_IS_STORE (store), NULL);
  g_return_val_if_fail (aligner != NULL, NULL);
  g_return_val_if_fail (article_a != NULL && article_b != NULL, NULL);

  if ((a = marz_store_get_article (store, article_a, error)) == NULL
      || (b = marz_store_get_article (store, article_b, error)) == NULL)
    return NULL;
  if ((decisions = marz_store_get_align_decisions (store, a->name, b->name, error)) == NULL)
    return NULL;
  fill_source (&source_a, a);
  fill_source (&source_b, b);
  return marz_aligner_align (aligner, &source_a, &source_b, decisions);
}
