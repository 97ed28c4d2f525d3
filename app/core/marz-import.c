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
#include "marz-store-private.h"

#include <string.h>

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
 * and at most WINDOW + BATCH articles are in memory at once.  The writer
 * stores finished articles by batches of up to BATCH (see
 * _marz_store_insert_articles()), or fewer when the next one is not ready. */
#define WINDOW_PER_THREAD 8
#define BATCH MARZ_STORE_MAX_ARTICLE_ROWS

typedef struct
{
  const char  *path;
  MarzArticle *article;
  GPtrArray   *mentions;
  char        *duplicate_of; /* the stored article with the same text */
  GError      *error;
  gboolean     done;         /* under Workers.mutex */
  gint64       id;           /* the writer's: the row it got, or 0 */
} Job;

typedef struct
{
  MarzExtractor *extractor;
  GAsyncQueue   *readers;    /* read-only stores, one per worker, or empty */
  GAsyncQueue   *stored;     /* jobs the writer is done with, for the workers to free */
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
  Job *old;

  /* Freed here, by the threads that allocated them, rather than by the
   * writer, which is the critical path. */
  while ((old = g_async_queue_try_pop (w->stored)) != NULL)
    job_free (old);

  job->article = marz_reader_read_file (job->path, &job->error);
  if (job->article != NULL && !already_stored (w, job))
    job->mentions = marz_extractor_analyze (w->extractor, job->article);
  g_mutex_lock (&w->mutex);
  job->done = TRUE;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->mutex);
}

static gboolean
is_done (Workers *w,
         Job     *job)
{
  gboolean done;

  g_mutex_lock (&w->mutex);
  done = job->done;
  g_mutex_unlock (&w->mutex);
  return done;
}

static void
wait_for (Workers *w,
          Job     *job)
{
  g_mutex_lock (&w->mutex);
  while (!job->done)
    g_cond_wait (&w->cond, &w->mutex);
  g_mutex_unlock (&w->mutex);
}

/* Whether @job's text is that of one of @n jobs before it in the batch. */
static Job *
twin_in (Job   **jobs,
         guint   n,
         Job    *job)
{
  for (guint k = 0; k < n; k++)
    if (jobs[k]->article != NULL && jobs[k]->duplicate_of == NULL
        && strcmp (jobs[k]->article->hash, job->article->hash) == 0)
      return jobs[k];
  return NULL;
}

/* Sets duplicate_of when @job's text is stored already or earlier in the
 * batch.  Returns FALSE only when the database fails. */
static gboolean
check_duplicate (MarzStore  *store,
                 Job       **jobs,
                 guint       k,
                 GError    **error)
{
  Job *job = jobs[k], *twin;
  g_autoptr(GError) local_error = NULL;

  if (job->article == NULL || job->duplicate_of != NULL)
    return TRUE;
  if (marz_store_has_hash (store, job->article->hash, &job->duplicate_of, &local_error))
    return TRUE;
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  if ((twin = twin_in (jobs, k, job)) != NULL)
    job->duplicate_of = g_strdup (twin->article->name);
  return TRUE;
}

/* Writes the rows of the articles among @jobs[0, n) that are new.  Returns
 * how many jobs from the start can be stored in full: @n, or fewer with
 * @error set. */
static guint
insert_rows (MarzStore  *store,
             Job       **jobs,
             guint       n,
             GError    **error)
{
  g_autoptr(GError) check_error = NULL;
  MarzArticle *articles[BATCH];
  gint64 ids[BATCH];
  guint added[BATCH];
  guint n_added = 0, n_rows;

  for (guint k = 0; k < n; k++)
    {
      if (!check_duplicate (store, jobs, k, &check_error))
        {
          n = k;
          break;
        }
      if (jobs[k]->article != NULL && jobs[k]->duplicate_of == NULL)
        {
          articles[n_added] = jobs[k]->article;
          added[n_added++] = k;
        }
    }
  n_rows = _marz_store_insert_articles (store, articles, n_added, ids, error);
  for (guint a = 0; a < n_rows; a++)
    jobs[added[a]]->id = ids[a];
  if (n_rows < n_added)
    return added[n_rows];
  if (check_error != NULL)
    g_propagate_error (error, g_steal_pointer (&check_error));
  return n;
}

/* Returns FALSE only when the database fails. */
static gboolean
store_one (MarzStore       *store,
           Job             *job,
           MarzImportItem  *item,
           GError         **error)
{
  item->path = job->path;
  if (job->article == NULL)
    {
      item->outcome = MARZ_IMPORT_FAILED;
      item->detail = job->error->message;
      return TRUE;
    }
  if (job->duplicate_of != NULL)
    {
      item->outcome = MARZ_IMPORT_DUPLICATE;
      item->detail = job->duplicate_of;
      return TRUE;
    }
  g_assert (job->id > 0);
  if (!_marz_store_add_article_parts (store, job->id, job->article, job->mentions, error))
    return FALSE;
  item->outcome = MARZ_IMPORT_ADDED;
  item->language = job->article->language;   /* lives until the job is freed, after report () */
  item->n_reports = job->mentions->len;
  return TRUE;
}

typedef struct
{
  MarzStore          *store;
  GPtrArray          *files;
  Job               **ring;
  guint               size;          /* of @ring */
  GAsyncQueue        *stored;        /* see Workers */
  GCancellable       *cancellable;
  MarzImportProgress  progress;
  gpointer            user_data;
  MarzImportSummary  *summary;
} Writer;

/* Stores and reports jobs [from, to), all done, and frees them. */
static gboolean
store_batch (Writer  *wr,
             guint    from,
             guint    to,
             GError **error)
{
  Job *jobs[BATCH];
  g_autoptr(GError) failure = NULL;
  guint n = to - from, ready;

  g_assert (n <= BATCH);
  for (guint k = 0; k < n; k++)
    jobs[k] = wr->ring[(from + k) % wr->size];
  ready = insert_rows (wr->store, jobs, n, &failure);
  for (guint k = 0; k < n; k++)
    {
      MarzImportItem item = { 0 };

      if (g_cancellable_set_error_if_cancelled (wr->cancellable, error))
        return FALSE;
      if (k == ready)
        return g_propagate_error (error, g_steal_pointer (&failure)), FALSE;
      if (!store_one (wr->store, jobs[k], &item, error))
        return FALSE;
      report (wr->progress, wr->user_data, &item, from + k + 1, wr->files->len, wr->summary);
      wr->ring[(from + k) % wr->size] = NULL;
      g_async_queue_push (wr->stored, jobs[k]);
    }
  return TRUE;
}

static gboolean
run (Writer       *wr,
     GThreadPool  *pool,
     Workers      *w,
     guint         window,
     GError      **error)
{
  GPtrArray *files = wr->files;
  guint first = 0;   /* the first job not stored */

  for (guint i = 0, submitted = 0; i < files->len; i++)
    {
      Job *job;

      /* Jobs go out half a window at a time: a push may wake an idle
       * worker, and the writer need not pay for a wake-up per file. */
      for (gboolean refill = submitted - i <= window / 2;
           refill && submitted < files->len && submitted < first + wr->size; submitted++)
        {
          Job *next = g_new0 (Job, 1);
          next->path = g_ptr_array_index (files, submitted);
          wr->ring[submitted % wr->size] = next;
          g_thread_pool_push (pool, next, NULL);
        }
      job = wr->ring[i % wr->size];
      /* Rather than wait with a batch in hand, store it. */
      if (i > first && !is_done (w, job))
        {
          if (!store_batch (wr, first, i, error))
            return FALSE;
          first = i;
        }
      /* Jobs come back in any order; wait for this one's. */
      wait_for (w, job);
      if (i + 1 - first == BATCH)
        {
          if (!store_batch (wr, first, i + 1, error))
            return FALSE;
          first = i + 1;
        }
    }
  return store_batch (wr, first, files->len, error);
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

/* A large import touches the articles' hash index and the reports' index
 * by incident at random: in SQLite's default cache (2 MiB), 100,000
 * articles read about 8 pages each back from the file, and look each up in
 * the write-ahead log, a third of the import's CPU time.  The import's cache
 * is bounded, so peak memory stays flat in the number of files; the store's
 * own setting comes back after. */
#define IMPORT_CACHE_KIB 8192

/* Sets the store's page cache to @size (PRAGMA cache_size units) and
 * returns the size it had. */
static gboolean
swap_cache_size (MarzStore  *store,
                 gint64      size,
                 gint64     *old,
                 GError    **error)
{
  g_autoptr(sqlite3_stmt) get = _marz_store_prepare (store, "PRAGMA cache_size", error);
  g_autofree char *set = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, size);

  if (get == NULL)
    return FALSE;
  if (sqlite3_step (get) != SQLITE_ROW)
    return _marz_store_fail (store, error);
  *old = sqlite3_column_int64 (get, 0);
  return _marz_store_exec (store, set, error);
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
  g_autofree Job **ring = g_new0 (Job *, window + BATCH);
  Workers w = { extractor };
  Writer wr = { store, files, ring, window + BATCH, NULL, cancellable, progress, user_data, summary };
  GThreadPool *pool;
  gint64 cache_size, ignored;
  gboolean ok;

  g_return_val_if_fail (MARZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (MARZ_IS_EXTRACTOR (extractor), FALSE);

  if (!swap_cache_size (store, -IMPORT_CACHE_KIB, &cache_size, error))
    return FALSE;

  *summary = (MarzImportSummary) { 0 };
  w.readers = open_readers (store, threads);
  wr.stored = w.stored = g_async_queue_new_full ((GDestroyNotify) job_free);
  g_mutex_init (&w.mutex);
  g_cond_init (&w.cond);
  pool = g_thread_pool_new (work, &w, threads, FALSE, NULL);
  ok = marz_store_begin (store, error)
    && marz_store_sync_places (store, marz_extractor_get_gazetteer (extractor), error)
    && run (&wr, pool, &w, window, error)
    && marz_store_commit (store, error);
  if (!ok)
    marz_store_rollback (store);

  /* Let running jobs finish, then free what was never stored. */
  g_thread_pool_free (pool, FALSE, TRUE);
  for (guint i = 0; i < wr.size; i++)
    if (ring[i] != NULL)
      job_free (ring[i]);
  g_cond_clear (&w.cond);
  g_mutex_clear (&w.mutex);
  g_async_queue_unref (w.readers);
  g_async_queue_unref (w.stored);
  /* Setting a size cannot fail but for memory, and then the store keeps
   * the import's cache, which is harmless. */
  swap_cache_size (store, cache_size, &ignored, NULL);
  return ok;
}
