/* bench-map.c: the map with many incidents: index build, and frame times while panning
 *
 *   bench-map [--runs R] [--frames F] [--budget S] [--renderer NAME] [--maps LIST] [N…]
 *                                                  (default: 10000 100000 1000000)
 *
 * For each N, N synthetic places with one incident each (a GRand with a
 * fixed seed: 40 % around ten hot spots of the Afghanistan–Pakistan border,
 * 45 % anywhere in lat 29–37, lon 61–75, 15 % worldwide).  Then:
 *
 * 1. Index: marz_marker_set_new() on them, R times (5; the median counts).
 * 2. Frames: F frames (300) of panning and zooming in an 800 × 600 window
 *    (bench-map-window.c), for three maps, each in a window of its own:
 *    - "empty": no layer; the baseline, measured in the same run, before
 *      and after the others;
 *    - "marz": MarzMarkerLayer with the marker set;
 *    - "plain": a ShumateMarkerLayer with one ShumatePoint per incident, as
 *      most libshumate apps do.  Adding is quadratic (MAP-NOTES.md), so it
 *      stops after S seconds (30) and the map is reported as not measured,
 *      with how far adding got.
 *    A map with 2,000 incidents is panned first and not counted, so that the
 *    first map measured pays neither for cold caches nor for GL shaders.
 *
 * GTK picks its renderer when it starts, so one process measures one
 * renderer: GSK_RENDERER, or --renderer, which sets it.  The renderer that
 * really drew is printed, and the GL this process could have had.
 *
 * A benchmark, not a timed test: it fails only when something is broken (no
 * markers, a pan that never ends), never because it was slow.  Exit status
 * 77 (skipped) without a display.
 */
#define G_LOG_DOMAIN "marz-bench"

#include <adwaita.h>
#include <epoxy/gl.h>
#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "bench-machine.h"
#include "bench-map-window.h"
#include "marz-basemap.h"
#include "marz-gazetteer.h"
#include "marz-marker-layer.h"
#include "marz-resources.h"

#define SEED    20251205
#define WARM_UP 2000     /* incidents on the map that warms caches and shaders up */

/* lat, lon, spread (degrees): Kabul, Khost, Asadabad, Sharana, Spin Boldak,
 * Quetta, Peshawar, Miranshah, Kandahar, Jalalabad */
static const double hot_spots[][3] = {
  { 34.53, 69.17, 0.15 }, { 33.34, 69.92, 0.20 }, { 34.87, 71.15, 0.25 },
  { 33.13, 68.78, 0.30 }, { 31.01, 66.40, 0.20 }, { 30.18, 67.00, 0.15 },
  { 34.01, 71.58, 0.15 }, { 33.00, 70.07, 0.25 }, { 31.61, 65.71, 0.20 },
  { 34.43, 70.45, 0.15 },
};

typedef struct
{
  guint       n;
  double      build_ms;      /* marz_marker_set_new, median */
  double      build_min_ms;
  guint       n_places;
  double      set_ms;        /* marz_marker_layer_set_marker_set: first query and widgets */
  double      marz_first_ms;
  BenchFrames marz;
  double      add_ms;        /* ShumateMarkerLayer: adding the points */
  guint       added;
  double      plain_first_ms;
  double      close_ms;      /* destroying that window */
  BenchFrames plain;
} Result;

static GStrv maps;           /* which maps to measure (--maps) */

static gboolean
wants (const char *map)
{
  return g_strv_contains ((const char * const *) maps, map);
}

/* Synthetic incidents ------------------------------------------------------ */

static double
gauss (GRand *rand)
{
  double u = 1.0 - g_rand_double (rand);
  double v = g_rand_double (rand);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

static void
place (GRand  *rand,
       double *lat,
       double *lon)
{
  int where = g_rand_int_range (rand, 0, 100);

  if (where < 40)
    {
      const double *spot = hot_spots[g_rand_int_range (rand, 0, G_N_ELEMENTS (hot_spots))];

      *lat = spot[0] + spot[2] * gauss (rand);
      *lon = spot[1] + spot[2] * gauss (rand);
    }
  else if (where < 85)
    {
      *lat = g_rand_double_range (rand, 29, 37);
      *lon = g_rand_double_range (rand, 61, 75);
    }
  else
    {
      *lat = g_rand_double_range (rand, -55, 70);
      *lon = g_rand_double_range (rand, -180, 180);
    }
}

static MarzPlaceSummary *
make_summary (GRand *rand,
              guint  i)
{
  MarzPlaceSummary *s = g_new0 (MarzPlaceSummary, 1);
  MarzIncidentType type;

  place (rand, &s->lat, &s->lon);
  if (g_rand_int_range (rand, 0, 100) < 90)
    type = g_rand_int_range (rand, MARZ_INCIDENT_AIRSTRIKE, MARZ_INCIDENT_CEASEFIRE);
  else
    type = g_rand_int_range (rand, MARZ_INCIDENT_CEASEFIRE, MARZ_N_INCIDENT_TYPES);
  s->place_id = g_strdup_printf ("bench-%u", i);
  s->name = g_strdup_printf ("Place %u", i);
  s->kind = g_strdup ("village");
  s->n_incidents = 1;
  s->type_counts[type] = 1;
  s->killed = g_rand_int_range (rand, -1, 6);
  s->injured = g_rand_int_range (rand, -1, 9);
  return s;
}

static GPtrArray *
generate (guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  GPtrArray *summaries = g_ptr_array_new_full (n, (GDestroyNotify) marz_place_summary_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (summaries, make_summary (rand, i));
  return summaries;
}

/* The index ---------------------------------------------------------------- */

/* Builds @runs times; returns the last set. */
static MarzMarkerSet *
time_index (GPtrArray *summaries,
            guint      runs,
            Result    *result)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  MarzMarkerSet *set = NULL;

  result->build_min_ms = G_MAXDOUBLE;
  for (guint r = 0; r < runs; r++)
    {
      gint64 start;
      double t;

      g_clear_pointer (&set, marz_marker_set_unref);
      start = g_get_monotonic_time ();
      set = marz_marker_set_new (g_ptr_array_ref (summaries), TRUE);
      t = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (ms, t);
      result->build_min_ms = MIN (result->build_min_ms, t);
    }
  result->build_ms = bench_median (ms);
  result->n_places = marz_marker_set_get_n_places (set);
  return set;
}

/* The three maps ------------------------------------------------------------ */

static gboolean
measure_empty (MarzBasemap *basemap,
               guint        n_frames,
               BenchFrames *frames)
{
  g_autoptr(BenchMapWindow) window = bench_map_window_new (basemap);

  return bench_map_window_show (window) && bench_map_window_pan (window, n_frames, frames);
}

static gboolean
measure_marz (MarzBasemap   *basemap,
              MarzMarkerSet *set,
              guint          n_frames,
              Result        *result)
{
  g_autoptr(BenchMapWindow) window = bench_map_window_new (basemap);
  MarzMarkerLayer *layer = marz_marker_layer_new (bench_map_window_get_viewport (window));
  gint64 start;

  bench_map_window_add_layer (window, SHUMATE_LAYER (layer));
  if (!bench_map_window_show (window))
    return FALSE;
  start = g_get_monotonic_time ();
  marz_marker_layer_set_marker_set (layer, set);
  result->set_ms = (g_get_monotonic_time () - start) / 1000.0;
  result->marz_first_ms = bench_map_window_time_first_frame (window, start);
  return bench_map_window_pan (window, n_frames, &result->marz) && result->marz.widgets_max > 0;
}

/* Adds a ShumatePoint per incident until all are in or @budget_us has
 * passed, as an app would once its data is in: to a map on screen. */
static void
add_points (ShumateMarkerLayer *layer,
            GPtrArray          *summaries,
            gint64              budget_us,
            Result             *result)
{
  gint64 start = g_get_monotonic_time ();
  guint i = 0;

  while (i < summaries->len)
    {
      const MarzPlaceSummary *s = g_ptr_array_index (summaries, i);
      ShumateMarker *point = shumate_point_new ();

      shumate_location_set_location (SHUMATE_LOCATION (point), s->lat, s->lon);
      shumate_marker_layer_add_marker (layer, point);
      if (++i % 250 == 0 && g_get_monotonic_time () - start > budget_us)
        break;
    }
  result->add_ms = (g_get_monotonic_time () - start) / 1000.0;
  result->added = i;
}

static gboolean
measure_plain (MarzBasemap *basemap,
               GPtrArray   *summaries,
               guint        n_frames,
               gint64       budget_us,
               Result      *result)
{
  BenchMapWindow *window = bench_map_window_new (basemap);
  ShumateMarkerLayer *layer = shumate_marker_layer_new (bench_map_window_get_viewport (window));
  gboolean ok;
  gint64 start;

  bench_map_window_add_layer (window, SHUMATE_LAYER (layer));
  ok = bench_map_window_show (window);
  if (ok)
    {
      start = g_get_monotonic_time ();
      add_points (layer, summaries, budget_us, result);
      result->plain_first_ms = bench_map_window_time_first_frame (window, start);
      if (result->added == summaries->len)
        ok = bench_map_window_pan (window, n_frames, &result->plain);
    }
  start = g_get_monotonic_time ();
  bench_map_window_free (window);
  result->close_ms = (g_get_monotonic_time () - start) / 1000.0;
  return ok && result->added > 0;
}

/* Output ------------------------------------------------------------------- */

/* What GL this process would get, whichever renderer GTK picked. */
static char *
describe_gl (GdkDisplay *display)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkGLContext) context = NULL;
  const char *api = "GL";
  char *text;

  if (!gdk_display_prepare_gl (display, &error))
    return g_strdup_printf ("not available (%s)", error->message);
  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    return g_strdup_printf ("not available (%s)", error->message);
#ifdef GDK_WINDOWING_X11
  if (GDK_IS_X11_DISPLAY (display))
    api = gdk_x11_display_get_egl_display (display) != NULL ? "EGL" : "GLX";
#endif
  gdk_gl_context_make_current (context);
  text = g_strdup_printf ("%s, %s, through %s", (const char *) glGetString (GL_RENDERER),
                          (const char *) glGetString (GL_VERSION), api);
  gdk_gl_context_clear_current ();
  return text;
}

static void
print_machine (GdkDisplay *display,
               guint       runs,
               guint       n_frames,
               double      budget_s)
{
  g_autofree char *model = bench_cpu_model ();
  g_autofree char *gl = describe_gl (display);
  g_autofree char *loadavg = NULL;
  struct utsname u;

  if (uname (&u) != 0)
    memset (&u, 0, sizeof u);
  if (!g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    loadavg = g_strdup ("?");
  g_print ("machine: nproc %u, %s, %s %s, GLib %u.%u.%u, GTK %u.%u.%u, libshumate %d.%d.%d, "
           "%s build\n", g_get_num_processors (), model, u.sysname, u.release,
           glib_major_version, glib_minor_version, glib_micro_version, gtk_get_major_version (),
           gtk_get_minor_version (), gtk_get_micro_version (), SHUMATE_MAJOR_VERSION,
           SHUMATE_MINOR_VERSION, SHUMATE_MICRO_VERSION, BENCH_BUILDTYPE);
  g_print ("display: %s %s; GL: %s\n", G_OBJECT_TYPE_NAME (display),
           gdk_display_get_name (display), gl);
  g_print ("load average before: %s\n", g_strstrip (loadavg));
  g_print ("method: median of %u index builds; %u frames of panning per map (%d × %d px, zoom "
           "7 → 9 → 6, 250 px circles); adding ShumatePoints stops after %.0f s\n\n", runs,
           n_frames, BENCH_MAP_WIDTH, BENCH_MAP_HEIGHT, budget_s);
}

static void
print_index (const Result *results,
             guint         n_results)
{
  g_print ("index build: marz_marker_set_new (places → cluster index, zooms 0–%d)\n",
           MARZ_MARKER_SET_MAX_ZOOM);
  g_print ("%10s %10s %10s %10s\n", "incidents", "median ms", "min ms", "places");
  for (guint i = 0; i < n_results; i++)
    g_print ("%10u %10.1f %10.1f %10u\n", results[i].n, results[i].build_ms,
             results[i].build_min_ms, results[i].n_places);
  g_print ("\n");
}

static char *
format_ms (double ms)
{
  return isnan (ms) ? g_strdup ("-") : g_strdup_printf ("%.1f", ms);
}

static void
print_row (const char        *what,
           guint              n,
           double             add_ms,
           double             first_ms,
           const BenchFrames *f,
           const BenchFrames *empty)
{
  g_autofree char *incidents = n ? g_strdup_printf ("%u", n) : g_strdup ("-");
  g_autofree char *add = format_ms (add_ms);
  g_autofree char *first = format_ms (first_ms);
  g_autofree char *widgets = f->widgets_max == f->widgets_end
                             ? g_strdup_printf ("%u", f->widgets_end)
                             : g_strdup_printf ("%u–%u", f->widgets_end, f->widgets_max);

  g_print ("%-18s %8s %8s %8s %9s %6u %6.1f %6.1f %6.1f %6.1f %4.0f%% %6.1f %6.1f %5.2f× %4u "
           "%6.1f %5.2f× %6.1f %5.2f×\n",
           what, incidents, add, first, widgets, f->on_screen, f->mean_ms, f->median_ms, f->p95_ms,
           f->max_ms, 100 * f->late, f->work_p95_ms, f->move_max_ms, f->mean_ms / empty->mean_ms,
           f->requeries, f->cpu_ms, f->cpu_ms / empty->cpu_ms, f->ui_cpu_ms, f->ui_cpu_ms / empty->ui_cpu_ms);
}

static void
print_plain (const Result      *r,
             const BenchFrames *empty)
{
  if (r->plain.measured)
    print_row ("ShumateMarkerLayer", r->n, r->add_ms, r->plain_first_ms, &r->plain, empty);
  else if (r->added < r->n)
    g_print ("%-18s %8u   not measured: adding stopped after %.1f s at %u widgets (the next "
             "frame took %.1f ms more; closing the window %.1f s)\n", "ShumateMarkerLayer", r->n,
             r->add_ms / 1000.0, r->added, r->plain_first_ms - r->add_ms, r->close_ms / 1000.0);
  else
    g_print ("%-18s %8u   not measured: the pan did not finish\n", "ShumateMarkerLayer", r->n);
}

static void
print_frames (const Result      *results,
              guint              n_results,
              const BenchFrames *empty,
              const BenchFrames *empty_again)
{
  const char *asked = g_getenv ("GSK_RENDERER");

  g_print ("frames while panning: renderer %s (GSK_RENDERER=%s); refresh interval %.1f ms\n",
           bench_map_window_get_renderer (), asked ? asked : "unset",
           bench_map_window_get_refresh_us () / 1000.0);
  g_print ("%-18s %8s %8s %8s %9s %6s %6s %6s %6s %6s %5s %6s %6s %6s %4s %6s %6s %6s %6s\n", "layer",
           "incid.", "add ms", "1st fr", "widgets", "on scr", "mean", "median", "p95", "max", "late",
           "work95", "move", "×empty", "reqs", "cpu/fr", "×empty", "ui/fr", "×empty");
  if (wants ("empty"))
    print_row ("empty map", 0, NAN, NAN, empty, empty);
  for (guint i = 0; i < n_results; i++)
    {
      if (wants ("marz"))
        print_row ("MarzMarkerLayer", results[i].n, results[i].set_ms, results[i].marz_first_ms,
                   &results[i].marz, empty);
      if (wants ("plain"))
        print_plain (&results[i], empty);
    }
  if (wants ("empty"))
    print_row ("empty map (again)", 0, NAN, NAN, empty_again, empty);
  g_print ("\nms per frame: the interval between two frames (mean, median, 95th percentile, max). "
           "late: intervals over\n1.5 refresh intervals. add ms: set_marker_set, or adding every "
           "ShumatePoint. 1st fr: from adding to the\nend of the next frame. widgets: the layer's "
           "children at the end of the pan – the most at once; on scr:\nof those, the ones shown "
           "inside the view at the end. work95: 95th percentile of before-paint → after-\npaint. "
           "move: the slowest move of the view (the layers' notify handlers). ×empty: mean over the "
           "empty\nmap's mean. reqs: MarzMarkerLayer re-queries during the pan. cpu/fr: the "
           "process's CPU time per\nframe, all threads (llvmpipe's too), and over the empty map's: "
           "the work, which a busy machine\nhurts less than the intervals. ui/fr: the same for the UI "
           "thread alone (GTK, the layers,\nand handing the frame to GL; with GL, llvmpipe's "
           "threads then rasterize it).\n");
}

/* Running ------------------------------------------------------------------ */

static gboolean
run_size (MarzBasemap *basemap,
          guint        n,
          guint        runs,
          guint        n_frames,
          gint64       budget_us,
          Result      *result)
{
  g_autoptr(GPtrArray) summaries = generate (n);
  g_autoptr(MarzMarkerSet) set = NULL;
  gboolean ok = TRUE;

  result->n = n;
  g_printerr ("bench-map: %u incidents: index\n", n);
  set = time_index (summaries, runs, result);
  if (wants ("marz"))
    {
      g_printerr ("bench-map: %u incidents: MarzMarkerLayer\n", n);
      ok &= measure_marz (basemap, set, n_frames, result);
    }
  g_clear_pointer (&set, marz_marker_set_unref);
  if (wants ("plain"))
    {
      g_printerr ("bench-map: %u incidents: ShumateMarkerLayer\n", n);
      ok &= measure_plain (basemap, summaries, n_frames, budget_us, result);
    }
  return ok;
}

/* A map with markers whose figures do not count: the first map measured
 * then pays neither for cold caches nor for compiling GL shaders. */
static gboolean
warm_up (MarzBasemap *basemap,
         guint        n_frames)
{
  g_autoptr(GPtrArray) summaries = generate (WARM_UP);
  g_autoptr(MarzMarkerSet) set = marz_marker_set_new (g_ptr_array_ref (summaries), TRUE);
  Result scratch = { 0 };

  g_printerr ("bench-map: warming up\n");
  return measure_marz (basemap, set, n_frames, &scratch);
}

static void
load_style (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  (void) marz_get_resource ();
  gtk_css_provider_load_from_resource (css, "/io/github/marzatlas/Marz/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static MarzBasemap *
load_basemap (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (&error);
  MarzBasemap *basemap = gazetteer ? marz_basemap_new_default (gazetteer, &error) : NULL;

  if (basemap == NULL)
    g_printerr ("bench-map: %s\n", error->message);
  return basemap;
}

static gboolean
parse_args (int    *argc,
            char ***argv,
            int    *runs,
            int    *n_frames,
            double *budget_s,
            guint  *sizes,
            guint  *n_sizes)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("[N…]");
  g_autoptr(GError) error = NULL;
  g_autofree char *renderer = NULL;
  g_autofree char *map_list = NULL;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, runs, "Index builds per size (the median counts)", "R" },
    { "frames", 0, 0, G_OPTION_ARG_INT, n_frames, "Frames of panning per map", "F" },
    { "budget", 0, 0, G_OPTION_ARG_DOUBLE, budget_s, "Seconds to spend adding ShumatePoints", "S" },
    { "renderer", 0, 0, G_OPTION_ARG_STRING, &renderer, "Sets GSK_RENDERER (cairo, gl…)", "NAME" },
    { "maps", 0, 0, G_OPTION_ARG_STRING, &map_list, "Maps to measure: empty,marz,plain", "LIST" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error) || *runs < 1 || *n_frames < 2)
    {
      g_printerr ("bench-map: %s\n", error ? error->message : "--runs ≥ 1 and --frames ≥ 2, please");
      return FALSE;
    }
  if (*argc > 1)
    for (*n_sizes = 0; *n_sizes + 1 < (guint) *argc && *n_sizes < 16; (*n_sizes)++)
      sizes[*n_sizes] = strtoul ((*argv)[*n_sizes + 1], NULL, 10);
  maps = g_strsplit (map_list ? map_list : "empty,marz,plain", ",", -1);
  if (renderer != NULL)
    g_setenv ("GSK_RENDERER", renderer, TRUE);
  return TRUE;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GArray) results = g_array_new (FALSE, TRUE, sizeof (Result));
  g_autoptr(MarzBasemap) basemap = NULL;
  int runs = 5, n_frames = 300;
  double budget_s = 30;
  guint sizes[16] = { 10000, 100000, 1000000 }, n_sizes = 3;
  BenchFrames empty = { .mean_ms = NAN }, empty_again = { .mean_ms = NAN };
  gboolean ok;

  setlocale (LC_ALL, "");
  bench_map_window_install_log_writer ();
  if (!parse_args (&argc, &argv, &runs, &n_frames, &budget_s, sizes, &n_sizes))
    return 2;
  if (!gtk_init_check ())
    {
      g_print ("bench-map: no display: skipped (run it under xvfb-run -a)\n");
      return 77;
    }
  adw_init ();
  load_style (gdk_display_get_default ());
  if ((basemap = load_basemap ()) == NULL)
    return 1;

  print_machine (gdk_display_get_default (), runs, n_frames, budget_s);
  ok = warm_up (basemap, n_frames);
  if (wants ("empty"))
    ok &= measure_empty (basemap, n_frames, &empty);
  g_array_set_size (results, n_sizes);
  for (guint i = 0; i < n_sizes; i++)
    ok &= run_size (basemap, sizes[i], runs, n_frames, budget_s * G_TIME_SPAN_SECOND,
                    &g_array_index (results, Result, i));
  if (wants ("empty"))
    ok &= measure_empty (basemap, n_frames, &empty_again);

  print_index ((const Result *) results->data, n_sizes);
  print_frames ((const Result *) results->data, n_sizes, &empty, &empty_again);
  if (!ok)
    g_printerr ("bench-map: something went wrong: a map showed no markers, or a pan did not finish\n");
  g_strfreev (maps);
  return ok ? 0 : 1;
}
