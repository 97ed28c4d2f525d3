/* marz-import.c
 *
 * One import is one transaction.  A bad file is reported and skipped; only a
 * failure of the database itself (or cancellation) stops the import, and then
 * it is rolled back whole, so what was stored before is never lost and a
 * half-done import never shows.
 */
#define G_LOG_DOMAIN "marz-import"

#include "marz-import.h"
#include "marz-reader.h"

static void
report (MarzImportProgress  progress,
        gpointer            user_data,
        MarzImportItem     *item,
        guint               done,
        guint               total,
        MarzImportSummary  *summary)
{
  if (item->outcome == MARZ_IMPORT_ADDED)
    summary->added++;
  else if (item->outcome == MARZ_IMPORT_DUPLICATE)
    summary->duplicates++;
  else
    summary->failed++;
  if (progress != NULL)
    progress (item, done, total, user_data);
}

/* Returns FALSE only when the database fails. */
static gboolean
import_one (MarzStore       *store,
            MarzExtractor   *extractor,
            const char      *path,
            MarzImportItem  *item,
            char           **detail,
            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(MarzArticle) article = marz_reader_read_file (path, &local_error);
  g_autoptr(GPtrArray) mentions = NULL;
  char *existing = NULL;

  item->path = path;
  if (article == NULL)
    {
      item->outcome = MARZ_IMPORT_FAILED;
      item->detail = *detail = g_strdup (local_error->message);
      return TRUE;
    }
  if (marz_store_has_hash (store, article->hash, &existing, &local_error))
    {
      item->outcome = MARZ_IMPORT_DUPLICATE;
      item->detail = *detail = existing;
      return TRUE;
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;

  mentions = marz_extractor_analyze (extractor, article);
  if (!marz_store_add_article (store, article, mentions, error))
    return FALSE;
  item->outcome = MARZ_IMPORT_ADDED;
  item->language = g_intern_string (article->language);
  item->n_reports = mentions->len;
  return TRUE;
}

/**
 * marz_import_paths:
 * @paths: files and directories (searched recursively for `.txt` files)
 * @progress: (nullable) (scope call): told about each file as it is done
 * @summary: (out): how many files were added, duplicates, failed
 *
 * Returns: %FALSE if the database failed or @cancellable was cancelled; the
 *   store is then unchanged.  Files that cannot be read do not make it fail.
 */
gboolean
marz_import_paths (MarzStore          *store,
                   MarzExtractor      *extractor,
                   const char * const *paths,
                   GCancellable       *cancellable,
                   MarzImportProgress  progress,
                   gpointer            user_data,
                   MarzImportSummary  *summary,
                   GError            **error)
{
  g_autoptr(GPtrArray) files = marz_reader_collect (paths);

  g_return_val_if_fail (MARZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (MARZ_IS_EXTRACTOR (extractor), FALSE);

  *summary = (MarzImportSummary) { 0 };
  if (!marz_store_begin (store, error)
      || !marz_store_sync_places (store, marz_extractor_get_gazetteer (extractor), error))
    {
      marz_store_rollback (store);
      return FALSE;
    }
  for (guint i = 0; i < files->len; i++)
    {
      MarzImportItem item = { 0 };
      g_autofree char *detail = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || !import_one (store, extractor, g_ptr_array_index (files, i), &item, &detail, error))
        {
          marz_store_rollback (store);
          return FALSE;
        }
      report (progress, user_data, &item, i + 1, files->len, summary);
    }
  if (!marz_store_commit (store, error))
    {
      marz_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
