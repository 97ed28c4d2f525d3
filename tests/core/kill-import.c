/* kill-import.c: imports files and SIGKILLs itself in the middle
 *
 *   kill-import DB N PATH…
 *
 * Imports PATH… into DB as marz-cli does, and after the Nth file kills itself
 * with SIGKILL, which nothing can catch: no rollback, no close, no atexit.
 * It prints the size of DB-wal just before, so test-store can tell that
 * uncommitted pages had reached the disk.  Exits 2 if it never got to N.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "marz-import.h"

typedef struct
{
  const char *wal;
  guint       kill_after;
} KillData;

static void
on_import_progress_cb (const MarzImportItem *item,
                       guint                 done,
                       guint                 total,
                       gpointer              user_data)
{
  KillData *data = user_data;
  GStatBuf st = { 0 };

  if (done < data->kill_after)
    return;
  if (g_stat (data->wal, &st) != 0)
    st.st_size = -1;
  printf ("killing after %u of %u files, wal %" G_GINT64_FORMAT " bytes\n", done, total, (gint64) st.st_size);
  fflush (stdout);
  kill (getpid (), SIGKILL);
  pause ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(MarzGazetteer) gazetteer = NULL;
  g_autoptr(MarzExtractor) extractor = NULL;
  g_autofree char *wal = NULL;
  MarzImportSummary summary;
  KillData data;

  if (argc < 4)
    {
      fprintf (stderr, "usage: kill-import DB N PATH…\n");
      return 2;
    }
  wal = g_strconcat (argv[1], "-wal", NULL);
  data = (KillData) { wal, (guint) g_ascii_strtoull (argv[2], NULL, 10) };

  if (!(store = marz_store_open (argv[1], &error)) || !(gazetteer = marz_gazetteer_new_default (&error)))
    {
      fprintf (stderr, "kill-import: %s\n", error->message);
      return 1;
    }
  extractor = marz_extractor_new (gazetteer);
  if (!marz_import_paths (store, extractor, (const char * const *) argv + 3, NULL,
                          on_import_progress_cb, &data, &summary, &error))
    {
      fprintf (stderr, "kill-import: %s\n", error->message);
      return 1;
    }
  fprintf (stderr, "kill-import: the import ended (%u files) before file %u\n",
           summary.added + summary.duplicates + summary.failed, data.kill_after);
  return 2;
}
