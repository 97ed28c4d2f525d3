/* bench-window-filters.c: a filter change in the real window, end to end
 *
 *   bench-window-filters [--articles N] [--incidents N] [--runs R] [--keep PATH]
 *
 * bench-filters times each view's query on its own; this opens a MarzWindow
 * on a store of N articles and N incidents (100,000 and 1,000,000 by
 * default, written by bench-filters-store.c) and times what a person waits
 * for: from a change of the view-model (a date range, two incident types,
 * diplomacy hidden, a language, back to everything) until the window has
 * swapped in the new markers, places, outlines and timeline (its `loading`
 * property falls).  It also records the longest gap between two frames
 * while the change runs: the time the UI thread was not free to draw.
 *
 * Each change is timed twice: cold, the first time since the store last
 * changed (the window's timeline cache emptied, as an import does), and
 * warm, the same change again after going back to everything (the
 * timeline's data for those filters cached).
 *
 * The baseline, in the same run, is a count(*) of every incident on a reader
 * connection, as in bench-filters.  The first load after opening (the
 * store's copy of the incidents in memory) is timed apart.
 *
 * A benchmark, not a timed test: it fails only when the window fails.
 */
#define G_LOG_DOMAIN "marz-bench"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>

#include "bench-filters-store.h"
#include "bench-machine.h"
#include "marz-window-private.h"

#define SEED      20251121
#define BUDGET_MS 100.0

typedef struct
{
  const char *name;
  void      (*apply) (MarzViewModel *model, GRand *rand);
} Change;

typedef struct
{
  gint64 last_frame;
  gint64 longest_gap;
} FrameWatch;

static void
apply_range (MarzViewModel *model, GRand *rand)
{
  int start = g_rand_int_range (rand, 0, BENCH_N_DAYS - 31);
  g_autofree char *from = bench_day_string (start);
  g_autofree char *to = bench_day_string (start + 30);

  g_assert_true (marz_view_model_set_range (model, from, to, NULL));
}

static void
apply_types (MarzViewModel *model, GRand *rand)
{
  guint a = g_rand_int_range (rand, 0, MARZ_INCIDENT_EXPLOSION + 1);
  guint b = (a + 1 + g_rand_int_range (rand, 0, MARZ_INCIDENT_EXPLOSION)) % (MARZ_INCIDENT_EXPLOSION + 1);

  marz_view_model_set_types (model, (1u << a) | (1u << b));
}

static void
apply_no_diplomacy (MarzViewModel *model, GRand *rand)
{
  marz_view_model_set_show_diplomacy (model, FALSE);
}

static void
apply_language (MarzViewModel *model, GRand *rand)
{
  marz_view_model_set_language (model, g_rand_boolean (rand) ? "ar" : "fa");
}

static void
apply_everything (MarzViewModel *model, GRand *rand)
{
  marz_view_model_reset_filters (model);
  marz_view_model_set_show_diplomacy (model, TRUE);
}

static const Change changes[] = {
  { "a month's range", apply_range },
  { "two types", apply_types },
  { "diplomacy hidden", apply_no_diplomacy },
  { "a language", apply_language },
  { "back to everything", apply_everything },
};

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  FrameWatch *watch = user_data;
  gint64 now = g_get_monotonic_time ();

  if (watch->last_frame > 0)
    watch->longest_gap = MAX (watch->longest_gap, now - watch->last_frame);
  watch->last_frame = now;
  /* Keep frames coming, as a pan would. */
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void
spin_until_loaded (MarzWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 600 * G_USEC_PER_SEC;

  while (marz_window_get_loading (window) || marz_marker_layer_get_marker_set (marz_window_get_marker_layer (window)) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the window did not finish loading in 10 minutes");
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 200 * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *values, double p)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * (values->len - 1) + 0.5)));
}

static double
time_baseline (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = marz_store_open_reader (path, &error);
  gint64 start;

  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  g_assert_cmpint (marz_store_count (store, "incidents"), >, 0);
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int argc, char *argv[])
{
  int articles = 100000, incidents = 1000000, runs = 10;
  g_autofree char *keep = NULL;
  GOptionEntry entries[] = {
    { "articles", 0, 0, G_OPTION_ARG_INT, &articles, "Articles in the store", "N" },
    { "incidents", 0, 0, G_OPTION_ARG_INT, &incidents, "Incidents in the store", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Changes of each kind", "R" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Keep the store at PATH and use it again", "PATH" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autofree char *cpu = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tmpdir = NULL;
  GArray *baseline = g_array_new (FALSE, FALSE, sizeof (double));
  MarzWindow *window;
  MarzViewModel *model;
  FrameWatch watch = { 0 };
  gint64 start;
  double first_load;
  gboolean over = FALSE;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || articles <= 0 || incidents <= 0 || runs <= 0)
    {
      g_printerr ("bench-window-filters: %s\n", error ? error->message : "sizes and runs must be positive");
      return 2;
    }
  if (!gtk_init_check ())
    {
      g_printerr ("bench-window-filters: no display (run it under xvfb-run)\n");
      return 77;
    }
  adw_init ();

  if (keep)
    path = g_strdup (keep);
  else
    {
      tmpdir = g_dir_make_tmp ("marz-bench-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (tmpdir, "bench.db", NULL);
    }
  if (!bench_store_fits (path, articles, incidents))
    {
      g_print ("building a store of %d articles and %d incidents at %s…\n", articles, incidents, path);
      bench_store_remove (path);
      if (!bench_store_build (path, articles, incidents, &error))
        {
          g_printerr ("bench-window-filters: %s\n", error->message);
          return 1;
        }
    }

  cpu = bench_cpu_model ();
  g_print ("machine: %s, %u cores; GSK_RENDERER=%s\n", cpu, g_get_num_processors (),
           g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "(default)");

  start = g_get_monotonic_time ();
  window = marz_window_new (NULL, path);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  spin_until_loaded (window);
  first_load = (g_get_monotonic_time () - start) / 1000.0;
  g_print ("first load after opening (window, markers, timeline, the store's copy): %.0f ms\n\n", first_load);
  settle ();

  model = marz_window_get_view_model (window);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), on_tick_cb, &watch, NULL);
  g_print ("%-20s %16s %16s %16s %14s %8s\n", "change", "cold: median/p95", "× baseline", "warm: median/p95",
           "longest frame", "aim");
  for (guint c = 0; c < G_N_ELEMENTS (changes); c++)
    {
      g_autoptr(GArray) cold = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) warm = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (double));
      double base;

      for (int r = 0; r < runs; r++)
        {
          guint32 seed = g_rand_int (rand);
          double b = time_baseline (path);

          g_array_append_val (baseline, b);
          for (int pass = 0; pass < 2; pass++)
            {
              g_autoptr(GRand) same = g_rand_new_with_seed (seed);   /* the same change both times */
              double t;

              apply_everything (model, rand);
              if (changes[c].apply == apply_everything)
                {
                  /* Back to everything from a filtered state. */
                  apply_types (model, rand);
                  apply_no_diplomacy (model, rand);
                }
              if (pass == 0)
                _marz_window_reload (window, TRUE);   /* as after an import */
              spin_until_loaded (window);
              settle ();
              start = g_get_monotonic_time ();
              watch.last_frame = start;
              watch.longest_gap = 0;
              changes[c].apply (model, same);
              spin_until_loaded (window);
              t = (g_get_monotonic_time () - start) / 1000.0;
              g_array_append_val (pass == 0 ? cold : warm, t);
              /* A UI thread blocked to the end has drawn no frame since. */
              b = MAX (watch.longest_gap, g_get_monotonic_time () - watch.last_frame) / 1000.0;
              g_array_append_val (gaps, b);
            }
        }
      base = percentile (baseline, 0.5);
      over |= percentile (cold, 0.95) > BUDGET_MS;
      g_print ("%-20s %7.1f / %6.1f %8.2f / %5.2f %7.1f / %6.1f %11.1f ms %5.0f ms\n", changes[c].name,
               percentile (cold, 0.5), percentile (cold, 0.95), percentile (cold, 0.5) / base,
               percentile (cold, 0.95) / base, percentile (warm, 0.5), percentile (warm, 0.95),
               percentile (gaps, 0.5), BUDGET_MS);
    }
  g_print ("\nbaseline count(*) of the incidents: median %.1f ms over %u runs\n", percentile (baseline, 0.5),
           baseline->len);
  g_print ("%s\n", over ? "the p95 of some change, cold, is over the aim" : "every change within the aim at the p95, cold");

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  if (tmpdir)
    {
      bench_store_remove (path);
      g_rmdir (tmpdir);
    }
  g_array_unref (baseline);
  return 0;
}
