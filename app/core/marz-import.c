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

/* Reading and extraction run in worker threads while this thread writes:
 * on two cores the two halves of an import overlap.  Results are stored in
 * file order, so an import gives the same database however the threads run,
 * and at most WINDOW articles are in memory at once. */
#define WINDOW_PER_THREAD 8

typedef struct
{
  const char  *path;
  MarzArticle *article;
  GPtrArray   *mentions;
  char        *duplicate_of; /* the stored article with the same text */
  GError      *error;
  gboolean     done;         /* under Workers.mutex */
} Job;

typedef struct
{
  MarzExtractor *extractor;
  GAsyncQueue   *readers;    /* read-only stores, one per worker, or empty */
  GMutex         mutex;
  GCond          cond;       /* a job is done */
} Workers;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->article, marz_article_free);
  g_clear_pointer (&job->mentions, g_ptr_array_unref);
  g_clear_pointer (&job->duplicate_of, g_free);
  g_clear_error (&job->error);
  g_free (job);
}

/* A text stored by an earlier import needs no analysis: re-importing a
 * corpus should cost the reading, not the extraction.  The writer still
 * checks, for duplicates within this import, which readers cannot see. */
static gboolean
already_stored (Workers *w,
                Job     *job)
{
  MarzStore *reader = g_async_queue_try_pop (w->readers);
  gboolean stored;

  if (reader == NULL)
    return FALSE;
  stored = marz_store_has_hash (reader, job->article->hash, &job->duplicate_of, NULL);
  g_async_queue_push (w->readers, reader);
  return stored;
}

static void
work (gpointer data,
      gpointer user_data)
{
  Job *job = data;
  Workers *w = user_data;

  job->article = marz_reader_read_file (job->path, &job->error);
  if (job->article != NULL && !already_stored (w, job))
    job->mentions = marz_extractor_analyze (w->extractor, job->article);
  g_mutex_lock (&w->mutex);
  job->done = TRUE;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->mutex);
}

/* Returns FALSE only when the database fails. */
static gboolean
store_one (MarzStore       *store,
           Job             *job,
           MarzImportItem  *item,
           char           **detail,
           GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  char *existing = NULL;

  item->path = job->path;
  if (job->article == NULL)
    {
      item->outcome = MARZ_IMPORT_FAILED;
      item->detail = *detail = g_strdup (job->error->message);
      return TRUE;
    }
  if (job->duplicate_of != NULL)
    {
      item->outcome = MARZ_IMPORT_DUPLICATE;
      item->detail = job->duplicate_of;
      return TRUE;
    }
  if (marz_store_has_hash (store, job->article->hash, &existing, &local_error))
    {
      item->outcome = MARZ_IMPORT_DUPLICATE;
      item->detail = *detail = existing;
      return TRUE;
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  if (!marz_store_add_article (store, job->article, job->mentions, error))
    return FALSE;
  item->outcome = MARZ_IMPORT_ADDED;
  item->language = job->article->language;   /* lives until the job is freed, after report () */
  item->n_reports = job->mentions->len;
  return TRUE;
}

static gboolean
run (MarzStore          *store,
     GPtrArray          *files,
     GThreadPool        *pool,
     Workers            *w,
     Job               **ring,
     guint               window,
     GCancellable       *cancellable,
     MarzImportProgress  progress,
     gpointer            user_data,
     MarzImportSummary  *summary,
     GError            **error)
{
  for (guint i = 0, submitted = 0; i < files->len; i++)
    {
      MarzImportItem item = { 0 };
      g_autofree char *detail = NULL;
      Job *job;

      /* Jobs go out half a window at a time: a push may wake an idle
       * worker, and the writer need not pay for a wake-up per file. */
      for (gboolean refill = submitted - i <= window / 2;
           refill && submitted < files->len && submitted < i + window; submitted++)
        {
          Job *next = g_new0 (Job, 1);
          next->path = g_ptr_array_index (files, submitted);
          ring[submitted % window] = next;
          g_thread_pool_push (pool, next, NULL);
        }
      job = ring[i % window];
      /* Jobs come back in any order; wait for this one's. */
      g_mutex_lock (&w->mutex);
      while (!job->done)
        g_cond_wait (&w->cond, &w->mutex);
      g_mutex_unlock (&w->mutex);
      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || !store_one (store, job, &item, &detail, error))
        return FALSE;
      report (progress, user_data, &item, i + 1, files->len, summary);
      ring[i % window] = NULL;
      job_free (job);
    }
  return TRUE;
}

/* Without readers (a database that cannot be opened twice) the workers
 * simply analyze everything and the writer sorts out duplicates. */
static GAsyncQueue *
open_readers (MarzStore *store,
              int        n)
{
  GAsyncQueue *readers = g_async_queue_new_full (g_object_unref);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      MarzStore *reader = marz_store_open_reader (marz_store_get_path (store), &error);

      if (reader == NULL)
        {
          g_debug ("No reader for duplicate checks: %s", error->message);
          break;
        }
      g_async_queue_push (readers, reader);
    }
  return readers;
}

/**
 * marz_import_paths:
 * @paths: files and directories (searched recursively for `.txt` files)
 * @progress: (nullable) (scope call): told about each file as it is done,
 *   in file order, in the calling thread
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
  g_autoptr(MarzPathList) list = marz_path_list_new (paths);
  GPtrArray *files = list->paths;
  int threads = MAX (1, (int) g_get_num_processors ());
  guint window = WINDOW_PER_THREAD * threads;
  g_autofree Job **ring = g_new0 (Job *, window);
  Workers w = { extractor };
  GThreadPool *pool;
  gboolean ok;

  g_return_val_if_fail (MARZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (MARZ_IS_EXTRACTOR (extractor), FALSE);

  *summary = (MarzImportSummary) { 0 };
  w.readers = open_readers (store, threads);
  g_mutex_init (&w.mutex);
  g_cond_init (&w.cond);
  pool = g_thread_pool_new (work, &w, threads, FALSE, NULL);
  ok = marz_store_begin (store, error)
    && marz_store_sync_places (store, marz_extractor_get_gazetteer (extractor), error)
    && run (store, files, pool, &w, ring, window, cancellable, progress, user_data, summary, error)
    && marz_store_commit (store, error);
  if (!ok)
    marz_store_rollback (store);

  /* Let running jobs finish, then free what was never stored. */
  g_thread_pool_free (pool, FALSE, TRUE);
  for (guint i = 0; i < window; i++)
    if (ring[i] != NULL)
      job_free (ring[i]);
  g_cond_clear (&w.cond);
  g_mutex_clear (&w.mutex);
  g_async_queue_unref (w.readers);
  return ok;
}
