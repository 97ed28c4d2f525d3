/* marz-store-rank.c: how well an article matches a search
 *
 * FTS5's bm25() divides by each matching article's length, which it reads
 * from the index's table of sizes: a B-tree lookup per match, most of a
 * search for a frequent word (33 of 46 ms for a word in 42,000 of 100,000
 * articles, bench-filters).  marz_rank() is the same BM25 without that
 * normalization (b = 0): rarer words weigh more, and each use of a word
 * counts, less and less.  Longer articles may come a little earlier than
 * bm25() would put them.
 */
#define G_LOG_DOMAIN "marz-store"

#include "marz-store-private.h"

#include <math.h>
#include <string.h>

#define K1 1.2   /* as bm25()'s */

typedef struct
{
  int     n_phrases;
  double *idf;    /* by phrase */
  int    *freq;   /* by phrase, for the row being ranked */
} RankData;

static void
rank_data_free (gpointer data)
{
  RankData *self = data;

  g_free (self->idf);
  g_free (self->freq);
  g_free (self);
}

static int
count_row_cb (const Fts5ExtensionApi *api,
              Fts5Context            *fts,
              void                   *user_data)
{
  (*(sqlite3_int64 *) user_data)++;
  return SQLITE_OK;
}

/* The weight of each phrase, once per query, as bm25() computes it. */
static RankData *
rank_data (const Fts5ExtensionApi *api,
           Fts5Context            *fts,
           int                    *rc)
{
  RankData *data = api->xGetAuxdata (fts, 0);
  int n = api->xPhraseCount (fts);
  sqlite3_int64 n_rows = 0;

  if (data != NULL)
    return data;
  data = g_new0 (RankData, 1);
  data->n_phrases = n;
  data->idf = g_new0 (double, n);
  data->freq = g_new0 (int, n);
  *rc = api->xRowCount (fts, &n_rows);
  for (int p = 0; p < n && *rc == SQLITE_OK; p++)
    {
      sqlite3_int64 hits = 0;
      double idf;

      *rc = api->xQueryPhrase (fts, p, &hits, count_row_cb);
      idf = log ((n_rows - hits + 0.5) / (hits + 0.5));
      data->idf[p] = idf > 0 ? idf : 1e-6;
    }
  if (*rc == SQLITE_OK)
    *rc = api->xSetAuxdata (fts, data, rank_data_free);
  else
    rank_data_free (data);
  return *rc == SQLITE_OK ? data : NULL;
}

static void
rank_function (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               sqlite3_context        *result,
               int                     n_args,
               sqlite3_value         **args)
{
  int rc = SQLITE_OK, n_inst = 0;
  RankData *data = rank_data (api, fts, &rc);
  double score = 0;

  if (data == NULL || (rc = api->xInstCount (fts, &n_inst)) != SQLITE_OK)
    {
      sqlite3_result_error_code (result, rc);
      return;
    }
  memset (data->freq, 0, data->n_phrases * sizeof (int));
  for (int i = 0; i < n_inst; i++)
    {
      int phrase, column, offset;

      if ((rc = api->xInst (fts, i, &phrase, &column, &offset)) != SQLITE_OK)
        {
          sqlite3_result_error_code (result, rc);
          return;
        }
      data->freq[phrase]++;
    }
  for (int p = 0; p < data->n_phrases; p++)
    score += data->idf[p] * data->freq[p] * (K1 + 1.0) / (data->freq[p] + K1);
  sqlite3_result_double (result, -score);   /* better first, as bm25() */
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

/* Every connection that searches needs it. */
gboolean
_marz_store_register_rank (MarzStore  *self,
                           GError    **error)
{
  fts5_api *api = get_fts5_api (self->db);

  if (api == NULL
      || api->xCreateFunction (api, "marz_rank", NULL, rank_function, NULL) != SQLITE_OK)
    {
      g_set_error (error, MARZ_STORE_ERROR, MARZ_STORE_ERROR_OPEN,
                   "%s: this SQLite has no FTS5", self->path);
      return FALSE;
    }
  return TRUE;
}
