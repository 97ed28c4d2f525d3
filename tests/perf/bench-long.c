/* bench-long: one long article must cost about as much per megabyte as a
 * short one.  Imports one article made of the seed articles repeated to
 * about 0.5 MB and one of about 4 MB, and prints the time per MB of each
 * and their ratio: near 1 when extraction is linear in the article's
 * length (it was about 5.5x when the extractor's loops were quadratic).
 *
 *   bench-long   (MARZ_DATADIR must point at data/, as in the meson env)
 */
#include "bench-machine.h"
#include "marz-import.h"

#include <glib/gstdio.h>
#include <string.h>

static char *
seed_text (GError **error)
{
  g_autofree char *dir = g_build_filename (g_getenv ("MARZ_DATADIR"), "corpus", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  GString *text = g_string_new (NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *body = NULL;
      const char *start;

      if (!g_file_get_contents (path, &body, NULL, NULL))
        continue;
      /* Drop the date header: the long article gets one of its own. */
      start = g_str_has_prefix (body, " date ") ? body + 17 : body;
      g_string_append (text, start);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

/* Seconds to import an article of about @bytes made of @seed. */
static double
time_import (const char *dir,
             const char *seed,
             gsize       bytes,
             gsize      *written)
{
  g_autofree char *path = g_strdup_printf ("%s/long-%zu.txt", dir, bytes);
  g_autofree char *db = g_strdup_printf ("%s/long-%zu.db", dir, bytes);
  g_autoptr(GString) text = g_string_new (" date 2025-11-27 ");
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (NULL);
  g_autoptr(MarzExtractor) extractor = marz_extractor_new (gazetteer);
  g_autoptr(MarzStore) store = marz_store_open (db, NULL);
  const char *paths[] = { path, NULL };
  MarzImportSummary summary;
  gint64 start;

  while (text->len < bytes)
    g_string_append (text, seed);
  g_file_set_contents (path, text->str, text->len, NULL);
  *written = text->len;
  start = g_get_monotonic_time ();
  if (!marz_import_paths (store, extractor, paths, NULL, NULL, NULL, &summary, NULL) || summary.added != 1)
    g_error ("bench-long: importing %s failed", path);
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *seed = seed_text (&error);
  g_autofree char *dir = g_dir_make_tmp ("marz-bench-long-XXXXXX", &error);
  g_autofree char *model = bench_cpu_model ();
  gsize small_bytes, long_bytes;
  double small, longer, per_mb_small, per_mb_long;

  if (dir == NULL || seed == NULL || *seed == '\0')
    g_error ("bench-long: %s", error ? error->message : "no seed articles");
  small = time_import (dir, seed, 512 * 1024, &small_bytes);
  longer = time_import (dir, seed, 4 * 1024 * 1024, &long_bytes);
  per_mb_small = small / (small_bytes / 1048576.0);
  per_mb_long = longer / (long_bytes / 1048576.0);
  g_print ("machine: nproc %u, %s\n", g_get_num_processors (), model);
  g_print ("%.2f MiB article: %.3f s (%.3f s/MiB)\n", small_bytes / 1048576.0, small, per_mb_small);
  g_print ("%.2f MiB article: %.3f s (%.3f s/MiB)\n", long_bytes / 1048576.0, longer, per_mb_long);
  g_print ("ratio of time per MiB, long over short: %.2fx (1x is linear)\n", per_mb_long / per_mb_small);
  return 0;
}
