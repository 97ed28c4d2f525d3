/* bench-export.c: exporting a map figure, next to the bare basemap render
 *
 *   bench-export [--runs R] [--width W --height H]   (default: 5 runs, 4000 × 3000)
 *
 * A store of the bundled corpus (data/corpus, every incident), the border
 * region (lon 60.5–75.5, lat 29–38) as --bbox, at W × H px.  Timed, R times
 * each, the median counts:
 *   basemap   marz_basemap_render() of the same view into an image surface:
 *             the least an export of that view has to draw (the baseline);
 *   render    marz_snapshot_render() of the whole figure into an image
 *             surface: basemap, outlines, markers, furniture;
 *   png       marz_snapshot_write() to a PNG file: render, encode, write,
 *             fsync and rename, what `marz-cli export-map` does after loading;
 *   pdf, svg  the same figure written as vector files.
 * Loading the snapshot (the store query) is timed once, apart.  Beside each
 * wall time, the process's CPU time (every thread's: the PNG encoder runs
 * one a processor), which other programs on a shared machine hurt less;
 * and the load average when the run began.
 *
 * A benchmark, not a timed test: it fails only if an export fails.
 */
#define G_LOG_DOMAIN "marz-bench"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-machine.h"
#include "marz-basemap.h"
#include "marz-import.h"
#include "marz-mercator.h"
#include "marz-snapshot.h"

static const double region[4] = { 60.5, 29.0, 75.5, 38.0 };

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *values,
        int     n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Wall and CPU time of what happened since @start, into @cpu. */
static double
since (const double *start,
       double       *cpu)
{
  *cpu = cpu_ms () - start[1];
  return now_ms () - start[0];
}

static char *
load_average (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return g_strdup ("unknown");
  fields = g_strsplit (contents, " ", 4);
  return g_strdup_printf ("%s %s %s", fields[0], fields[1] ? fields[1] : "", fields[1] && fields[2] ? fields[2] : "");
}

static MarzStore *
corpus_store (const char     *dir,
              MarzGazetteer  *gazetteer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "marz.db", NULL);
  g_autofree char *corpus = g_build_filename (g_getenv ("MARZ_DATADIR") ? g_getenv ("MARZ_DATADIR") : "data",
                                              "corpus", NULL);
  g_autoptr(MarzExtractor) extractor = marz_extractor_new (gazetteer);
  MarzStore *store = marz_store_open (db, &error);
  MarzImportSummary summary;

  if (store == NULL || !marz_import_paths (store, extractor, (const char * const []) { corpus, NULL }, NULL,
                                           NULL, NULL, &summary, &error))
    g_error ("cannot import %s: %s", corpus, error->message);
  return store;
}

/* The basemap alone, at the zoom and origin the snapshot uses for the box. */
static double
time_basemap (MarzBasemap *basemap,
              guint        width,
              guint        height,
              double      *cpu)
{
  double x0, y0, x1, y1, zoom, world, start[2], wall;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  marz_mercator_project_unit (region[3], region[0], &x0, &y0);
  marz_mercator_project_unit (region[1], region[2], &x1, &y1);
  zoom = log2 (MIN (width / (x1 - x0), height / (y1 - y0)) / 256);
  world = marz_mercator_world_size (zoom, 256);
  start[0] = now_ms (), start[1] = cpu_ms ();
  marz_basemap_render (basemap, cr, zoom, (x0 + x1) / 2 * world - width / 2.0, (y0 + y1) / 2 * world - height / 2.0,
                       width, height, 1);
  cairo_surface_flush (surface);
  wall = since (start, cpu);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return wall;
}

static double
time_render (MarzSnapshot *snapshot,
             guint         width,
             guint         height,
             double       *cpu)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  double start[2] = { now_ms (), cpu_ms () }, wall;

  marz_snapshot_render (snapshot, cr);
  cairo_surface_flush (surface);
  wall = since (start, cpu);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return wall;
}

static double
time_write (MarzSnapshot       *snapshot,
            const char         *dir,
            MarzSnapshotFormat  format,
            double             *cpu)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("map.%s", marz_snapshot_format_to_string (format));
  g_autofree char *path = g_build_filename (dir, name, NULL);
  double start[2] = { now_ms (), cpu_ms () }, wall;

  if (!marz_snapshot_write (snapshot, path, format, 96, &error))
    g_error ("%s", error->message);
  wall = since (start, cpu);
  g_unlink (path);
  return wall;
}

int
main (int argc, char *argv[])
{
  int runs = 5, width = 4000, height = 3000;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each (the median counts)", "R" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Figure width, px", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Figure height, px", "H" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = NULL;
  g_autoptr(MarzBasemap) basemap = NULL;
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(MarzSnapshot) snapshot = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-export-XXXXXX", NULL);
  g_autofree char *cpu = bench_cpu_model ();
  g_autofree double *times = NULL;
  g_autofree double *cpus = NULL;
  g_autofree char *load_avg = load_average ();
  const char *names[] = { "basemap", "render", "png", "pdf", "svg" };
  double medians[G_N_ELEMENTS (names)], cpu_medians[G_N_ELEMENTS (names)], load;
  MarzIncidentFilter filter = { .type = -1 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1 || width < 1 || height < 1)
    g_error ("%s", error ? error->message : "bad arguments");
  if (!(gazetteer = marz_gazetteer_new_default (&error)) || !(basemap = marz_basemap_new_default (gazetteer, &error)))
    g_error ("%s", error->message);
  store = corpus_store (dir, gazetteer);
  snapshot = marz_snapshot_new (basemap, &filter);
  load = now_ms ();
  if (!marz_snapshot_load (snapshot, store, &error))
    g_error ("%s", error->message);
  load = now_ms () - load;
  marz_snapshot_set_size (snapshot, width, height);
  marz_snapshot_set_bbox (snapshot, region[0], region[1], region[2], region[3]);
  marz_snapshot_set_title (snapshot, "Afghanistan–Pakistan border, autumn 2025", NULL);

  printf ("machine: %s, %u threads, load average %s; %d×%d px, the border region, all incidents; "
          "median of %d runs\n", cpu, g_get_num_processors (), load_avg, width, height, runs);
  printf ("load (store query, once): %.1f ms\n", load);
  times = g_new (double, runs);
  cpus = g_new (double, runs);
  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      for (int r = 0; r < runs; r++)
        times[r] = k == 0 ? time_basemap (basemap, width, height, &cpus[r])
                 : k == 1 ? time_render (snapshot, width, height, &cpus[r])
                 : time_write (snapshot, dir, k == 2 ? MARZ_SNAPSHOT_PNG : k == 3 ? MARZ_SNAPSHOT_PDF : MARZ_SNAPSHOT_SVG,
                               &cpus[r]);
      medians[k] = median (times, runs);
      cpu_medians[k] = median (cpus, runs);
      printf ("%-8s %8.1f ms  (%.2f× the bare basemap)   CPU %8.1f ms  (%.2f×)\n", names[k], medians[k],
              medians[k] / medians[0], cpu_medians[k], cpu_medians[k] / cpu_medians[0]);
    }
  g_clear_object (&store);
  {
    g_autofree char *db = g_build_filename (dir, "marz.db", NULL);
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (db), g_unlink (wal), g_unlink (shm);
    g_rmdir (dir);
  }
  return EXIT_SUCCESS;
}
