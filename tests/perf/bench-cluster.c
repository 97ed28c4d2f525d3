/* bench-cluster.c: how fast the cluster index builds and answers, next to qsort
 *
 *   bench-cluster [--runs R] [N…]       (default: 10000 100000 1000000)
 *
 * For each N, random points in the region (lat 29–38, lon 60–75; 5 % of them
 * at five places repeated exactly, as a place with many incidents is), built
 * into an index for zooms 0–16 with a 40 px radius on 256 px tiles, R times
 * (5 by default; the median counts).  The baseline is qsort() of the same
 * points by longitude, that is by Mercator x: the least any O(n log n) build
 * has to do.  Then viewports of 800 × 600 px around random centres in the
 * region are queried at zooms 5, 8 and 12.
 *
 * Peak RSS is the process's VmHWM during one build, reset before it through
 * /proc/self/clear_refs; it includes the input points (32 bytes each).
 * "index" is what the built index keeps, as counted by the allocator.
 *
 * A benchmark, not a timed test: it fails only when the index is wrong (the
 * counts do not add up), never because it was slow.
 */
#define G_LOG_DOMAIN "marz-bench"

#include <locale.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

#include "bench-machine.h"
#include "marz-cluster-index.h"

#define SEED        20251204
#define RADIUS      40.0
#define TILE        256
#define MIN_ZOOM    0
#define MAX_ZOOM    16
#define N_QUERIES   2000
#define VIEW_WIDTH  800
#define VIEW_HEIGHT 600
#define MIB         (1024.0 * 1024.0)

static const int query_zooms[] = { 5, 8, 12 };

/* Kabul, Khost, Kunar, Paktika, Spin Boldak */
static const double places[][2] = {
  { 34.528, 69.172 }, { 33.340, 69.920 }, { 34.876, 70.994 },
  { 32.428, 68.685 }, { 31.006, 66.400 },
};

typedef struct
{
  double us;       /* mean per query */
  double items;    /* mean per query */
  guint  max_items;
} QueryTime;

typedef struct
{
  guint     n;
  double    qsort_ms;
  double    qsort_cpu_ms;  /* CPU time: less hurt by other programs than wall time */
  double    build_ms;
  double    build_cpu_ms;
  double    build_min_ms;
  double    peak_mib;
  double    index_mib;
  gboolean  peak_reset;   /* whether VmHWM could be reset before the build */
  QueryTime query[G_N_ELEMENTS (query_zooms)];
} Result;

/* What the allocator has handed out, in bytes: what an index keeps, without
 * the freed memory that RSS may still count. */
static gint64
allocated_bytes (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

static gint64
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  g_autofree char *key = g_strdup_printf ("\n%s:", field);
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, key)) == NULL)
    return 0;
  return g_ascii_strtoll (line + strlen (key), NULL, 10);
}

/* Linux ≥ 4.0: writing 5 to clear_refs resets the peak RSS to the current. */
static gboolean
reset_peak_rss (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  if (f == NULL)
    return FALSE;
  ok = fputs ("5", f) >= 0;
  return fclose (f) == 0 && ok;
}

static MarzClusterPoint *
generate (guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  MarzClusterPoint *points = g_new (MarzClusterPoint, n);

  for (guint i = 0; i < n; i++)
    {
      MarzClusterPoint *p = &points[i];

      if (g_rand_int_range (rand, 0, 100) < 5)
        {
          const double *place = places[g_rand_int_range (rand, 0, G_N_ELEMENTS (places))];

          *p = (MarzClusterPoint) { place[0], place[1], i, 1 };
        }
      else
        *p = (MarzClusterPoint) { g_rand_double_range (rand, 29, 38),
                                  g_rand_double_range (rand, 60, 75), i, 1 };
      p->weight = 1 + g_rand_int_range (rand, 0, 4);
    }
  return points;
}

static int
compare_lon (const void *a,
             const void *b)
{
  double x = ((const MarzClusterPoint *) a)->lon, y = ((const MarzClusterPoint *) b)->lon;

  return (x > y) - (x < y);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof (double), compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The process's CPU time in ms: on a shared machine, wall time also counts
 * the time other programs had the cores. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
time_qsort (const MarzClusterPoint *points,
            guint                   n,
            guint                   runs,
            Result                 *result)
{
  g_autofree MarzClusterPoint *copy = g_new (MarzClusterPoint, n);
  g_autofree double *ms = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);

  for (guint r = 0; r < runs; r++)
    {
      gint64 start;
      double start_cpu;

      memcpy (copy, points, n * sizeof (MarzClusterPoint));
      start = g_get_monotonic_time ();
      start_cpu = cpu_ms ();
      qsort (copy, n, sizeof (MarzClusterPoint), compare_lon);
      cpu[r] = cpu_ms () - start_cpu;
      ms[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  result->qsort_ms = median (ms, runs);
  result->qsort_cpu_ms = median (cpu, runs);
}

/* Every point once at every zoom, with its weight. */
static gboolean
check_counts (MarzClusterIndex       *index,
              const MarzClusterPoint *points,
              guint                   n)
{
  guint64 weight = 0;

  for (guint i = 0; i < n; i++)
    weight += points[i].weight;
  for (int z = MIN_ZOOM; z <= MAX_ZOOM; z++)
    {
      g_autoptr(GArray) all = marz_cluster_index_query (index, -180, -90, 180, 90, z);
      guint64 count = 0, size = 0;

      for (guint k = 0; k < all->len; k++)
        {
          count += g_array_index (all, MarzCluster, k).count;
          size += g_array_index (all, MarzCluster, k).n_points;
        }
      if (count != weight || size != n)
        {
          g_printerr ("bench-cluster: zoom %d shows %" G_GUINT64_FORMAT " points of %u, "
                      "weighing %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT "\n",
                      z, size, n, count, weight);
          return FALSE;
        }
    }
  return TRUE;
}

/* Builds @runs times; keeps the last index in @index. */
static void
time_builds (const MarzClusterPoint *points,
             guint                   n,
             guint                   runs,
             Result                 *result,
             MarzClusterIndex      **index)
{
  g_autofree double *ms = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);

  result->build_min_ms = G_MAXDOUBLE;
  for (guint r = 0; r < runs; r++)
    {
      gint64 allocated, start;
      double start_cpu;

      g_clear_pointer (index, marz_cluster_index_unref);
      allocated = allocated_bytes ();
      result->peak_reset = reset_peak_rss ();
      start = g_get_monotonic_time ();
      start_cpu = cpu_ms ();
      *index = marz_cluster_index_new (points, n, RADIUS, TILE, MIN_ZOOM, MAX_ZOOM);
      cpu[r] = cpu_ms () - start_cpu;
      ms[r] = (g_get_monotonic_time () - start) / 1000.0;
      result->build_min_ms = MIN (result->build_min_ms, ms[r]);
      result->peak_mib = status_kib ("VmHWM") / 1024.0;
      result->index_mib = (allocated_bytes () - allocated) / MIB;
    }
  result->build_ms = median (ms, runs);
  result->build_cpu_ms = median (cpu, runs);
}

/* The box of a @VIEW_WIDTH × @VIEW_HEIGHT px view centred on @lat, @lon. */
static void
viewport (double  lat,
          double  lon,
          int     zoom,
          double *box)
{
  double size = ldexp (TILE, zoom), phi = lat * G_PI / 180.0;
  double x = (lon + 180.0) / 360.0 * size, y = (1.0 - asinh (tan (phi)) / G_PI) / 2.0 * size;

  box[0] = (x - VIEW_WIDTH / 2.0) / size * 360.0 - 180.0;
  box[2] = (x + VIEW_WIDTH / 2.0) / size * 360.0 - 180.0;
  box[1] = atan (sinh (G_PI * (1.0 - 2.0 * (y + VIEW_HEIGHT / 2.0) / size))) * 180.0 / G_PI;
  box[3] = atan (sinh (G_PI * (1.0 - 2.0 * (y - VIEW_HEIGHT / 2.0) / size))) * 180.0 / G_PI;
}

/* Times the queries all at once: one takes about a microsecond. */
static QueryTime
time_queries (MarzClusterIndex *index,
              int               zoom)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + zoom);
  g_autofree double *boxes = g_new (double, 4 * N_QUERIES);
  QueryTime t = { 0 };
  guint64 items = 0;
  gint64 start;

  for (guint q = 0; q < N_QUERIES; q++)
    viewport (g_rand_double_range (rand, 29, 38), g_rand_double_range (rand, 60, 75), zoom,
              boxes + 4 * q);
  start = g_get_monotonic_time ();
  for (guint q = 0; q < N_QUERIES; q++)
    {
      const double *box = boxes + 4 * q;
      g_autoptr(GArray) found = marz_cluster_index_query (index, box[0], box[1], box[2], box[3],
                                                          zoom);

      items += found->len;
      t.max_items = MAX (t.max_items, found->len);
    }
  t.us = (double) (g_get_monotonic_time () - start) / N_QUERIES;
  t.items = (double) items / N_QUERIES;
  return t;
}

static gboolean
run (guint   n,
     guint   runs,
     Result *result)
{
  g_autofree MarzClusterPoint *points = generate (n);
  g_autoptr(MarzClusterIndex) index = NULL;

  result->n = n;
  time_qsort (points, n, runs, result);
  time_builds (points, n, runs, result, &index);
  for (guint z = 0; z < G_N_ELEMENTS (query_zooms); z++)
    result->query[z] = time_queries (index, query_zooms[z]);
  return check_counts (index, points, n);
}

static void
print_machine (guint runs)
{
  g_autofree char *model = bench_cpu_model ();
  g_autofree char *loadavg = NULL;
  struct utsname u;

  if (uname (&u) != 0)
    memset (&u, 0, sizeof u);
  if (!g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    loadavg = g_strdup ("?");
  g_print ("machine: nproc %u, %s, %s %s, GLib %u.%u.%u, %s build\n",
           g_get_num_processors (), model, u.sysname, u.release,
           glib_major_version, glib_minor_version, glib_micro_version, BENCH_BUILDTYPE);
  g_print ("load average before: %s\n", g_strstrip (loadavg));
  g_print ("index: zooms %d–%d, radius %.0f px, %u px tiles; median of %u builds, "
           "%u queries per zoom (%u × %u px)\n\n",
           MIN_ZOOM, MAX_ZOOM, RADIUS, TILE, runs, N_QUERIES, VIEW_WIDTH, VIEW_HEIGHT);
}

static void
print_table (const Result *results,
             guint         n_results)
{
  g_print ("%10s %10s %10s %8s %14s %9s %10s", "points", "qsort ms", "build ms", "ratio",
           "cpu: ms ratio", "peak MiB", "index MiB");
  for (guint z = 0; z < G_N_ELEMENTS (query_zooms); z++)
    g_print ("   z%-2d µs (items, max)", query_zooms[z]);
  g_print ("\n");
  for (guint i = 0; i < n_results; i++)
    {
      const Result *r = &results[i];

      g_print ("%10u %10.1f %10.1f %7.2f× %7.1f %5.2f× %8.1f%s %10.1f", r->n, r->qsort_ms,
               r->build_ms, r->build_ms / r->qsort_ms, r->build_cpu_ms,
               r->build_cpu_ms / r->qsort_cpu_ms, r->peak_mib, r->peak_reset ? " " : "*",
               r->index_mib);
      for (guint z = 0; z < G_N_ELEMENTS (query_zooms); z++)
        g_print ("   %6.1f (%5.0f, %4u)", r->query[z].us, r->query[z].items, r->query[z].max_items);
      g_print ("\n");
    }
  g_print ("\nratio: median build time over median qsort time of the same points by x.\n"
           "cpu: the same in CPU time (the process's), less hurt by a busy machine.\n"
           "query: mean time of a %u × %u px viewport, mean and largest number of markers.\n",
           VIEW_WIDTH, VIEW_HEIGHT);
  for (guint i = 0; i < n_results; i++)
    if (!results[i].peak_reset)
      {
        g_print ("*: the peak RSS could not be reset: it is the process's peak so far.\n");
        break;
      }
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("[N…]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) results = g_array_new (FALSE, TRUE, sizeof (Result));
  gint runs = 5;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Builds per size (the median counts)", "R" },
    { NULL }
  };
  guint sizes[16] = { 10000, 100000, 1000000 };
  guint n_sizes = 3;
  gboolean ok = TRUE;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1)
    {
      g_printerr ("bench-cluster: %s\n", error ? error->message : "--runs must be 1 or more");
      return 2;
    }
  if (argc > 1)
    for (n_sizes = 0; n_sizes + 1 < (guint) argc && n_sizes < G_N_ELEMENTS (sizes); n_sizes++)
      sizes[n_sizes] = strtoul (argv[n_sizes + 1], NULL, 10);

  print_machine (runs);
  g_array_set_size (results, n_sizes);
  for (guint i = 0; i < n_sizes; i++)
    ok &= run (sizes[i], runs, &g_array_index (results, Result, i));
  print_table ((const Result *) results->data, n_sizes);
  return ok ? 0 : 1;
}
