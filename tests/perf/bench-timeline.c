/* bench-timeline.c: the timeline with a million incidents
 *
 *   bench-timeline [--runs R] [--frames F] [N]     (default: 1000000)
 *
 * N synthetic incidents (a GRand with a fixed seed): types uniform, dates
 * over 2024–2025 with a third of them in the three busiest months, 3 % known
 * to the month only, 1 % undated.  In a 1200 × 160 window:
 *
 * 1. set_incidents: marz_timeline_set_incidents() on them, R times (5; the
 *    median counts): dates parsed, marks sorted and binned.
 *    set_marks: marz_timeline_set_marks() on the same incidents as
 *    MarzIncidentMark, in the store's order (by day, type and id), as the
 *    window feeds it on a filter change, R times; and with the quarter of
 *    them two types let through, then the next frame's snapshot.
 *    set_data: the same split as the window does it, R times:
 *    marz_timeline_data_new() sorts and bins (in the window's worker), then
 *    marz_timeline_set_data() swaps it in: what the timeline's part of a
 *    filter change costs the main thread.  set_marks, in the same run, is
 *    its baseline; set_incidents is set_marks's.
 * 2. Frames: F frames (200) of each view, the timeline panning a few pixels
 *    between frames where it can:
 *    - "out": zoomed out to the whole axis (two years);
 *    - "in": zoomed in to ten days;
 *    and the same two views of an empty timeline, the baseline, measured in
 *    the same run.  Each frame is timed twice: the widget's snapshot alone
 *    (the render nodes it builds: what the timeline's code costs), and the
 *    snapshot rendered to pixels by the window's renderer (GSK_RENDERER).
 * 3. Selection: marz_view_model_select_incident() of an incident the
 *    timeline then looks up among its marks, median of R.
 *
 * A benchmark, not a timed test: it fails only when something is broken
 * (nothing drawn), never because it was slow.  Exit status 77 (skipped)
 * without a display.
 */
#define G_LOG_DOMAIN "marz-bench"

#include <gtk/gtk.h>
#include <stdlib.h>

#include "bench-machine.h"
#include "marz-timeline-private.h"

#define SEED   20251206
#define WIDTH  1200
#define HEIGHT 160

typedef struct
{
  double snapshot_ms;    /* median */
  double snapshot_p95;
  double render_ms;      /* snapshot and render */
  double render_p95;
  guint  nodes;          /* render nodes of one frame */
} Frames;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *ms,
            double  p)
{
  g_array_sort (ms, compare_doubles);
  return g_array_index (ms, double, MIN (ms->len - 1, (guint) (p * ms->len)));
}

static GPtrArray *
synthetic_incidents (guint n)
{
  GPtrArray *incidents = g_ptr_array_new_full (n, (GDestroyNotify) marz_incident_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  gint32 first = _marz_timeline_day_from_civil (2024, 1, 1);
  gint32 busy = _marz_timeline_day_from_civil (2025, 9, 1);

  for (guint i = 0; i < n; i++)
    {
      MarzIncident *incident = g_new0 (MarzIncident, 1);
      double kind = g_rand_double (rand);
      gint32 day = kind < 0.33 ? busy + g_rand_int_range (rand, 0, 91)
                               : first + g_rand_int_range (rand, 0, 731);
      g_autofree char *date = _marz_timeline_format_day (day);

      incident->id = i + 1;
      incident->type = g_rand_int_range (rand, 0, MARZ_N_INCIDENT_TYPES);
      incident->precision = MARZ_DATE_PRECISION_DAY;
      if (g_rand_double (rand) < 0.03)
        {
          date[7] = '\0';
          incident->precision = MARZ_DATE_PRECISION_MONTH;
        }
      else if (g_rand_double (rand) < 0.01)
        incident->precision = MARZ_DATE_PRECISION_UNKNOWN;
      incident->date = incident->precision != MARZ_DATE_PRECISION_UNKNOWN ? g_strdup (date) : NULL;
      g_ptr_array_add (incidents, incident);
    }
  return incidents;
}

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const MarzIncidentMark *x = a, *y = b;

  if (x->first != y->first)
    return x->first < y->first ? -1 : 1;
  if (x->type != y->type)
    return x->type < y->type ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* As marz_store_list_incident_marks() gives them; @types: a mask. */
static GArray *
marks_of (GPtrArray *incidents,
          guint      types)
{
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (MarzIncidentMark));

  for (guint i = 0; i < incidents->len; i++)
    {
      MarzIncident *incident = g_ptr_array_index (incidents, i);
      MarzIncidentMark mark = { incident->id, 0, 0, incident->type };

      if ((types & (1u << incident->type))
          && _marz_timeline_parse_date (incident->date, incident->precision, &mark.first, &mark.last))
        g_array_append_val (marks, mark);
    }
  g_array_sort (marks, compare_marks);
  return marks;
}

static void
flush (GtkWidget *window)
{
  for (guint i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
  g_assert (gtk_widget_get_width (window) > 0);
}

static guint
count_nodes (GskRenderNode *node)
{
  guint n = 1;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += count_nodes (gsk_container_node_get_child (node, i));
      break;
    case GSK_CLIP_NODE:
      n += count_nodes (gsk_clip_node_get_child (node));
      break;
    case GSK_TRANSFORM_NODE:
      n += count_nodes (gsk_transform_node_get_child (node));
      break;
    default:
      break;
    }
  return n;
}

/* The widget's snapshot, as the window's paint would take it. */
static GskRenderNode *
snapshot_widget (MarzTimeline *timeline)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  GTK_WIDGET_GET_CLASS (timeline)->snapshot (GTK_WIDGET (timeline), snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

static Frames
measure_frames (MarzTimeline *timeline,
                guint         n_frames,
                gboolean      pan)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (timeline)));
  graphene_rect_t viewport = GRAPHENE_RECT_INIT (0, 0, WIDTH, gtk_widget_get_height (GTK_WIDGET (timeline)));
  g_autoptr(GArray) snapshot_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) render_ms = g_array_new (FALSE, FALSE, sizeof (double));
  Frames frames = { 0 };

  for (guint i = 0; i < 2 * n_frames; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GskRenderNode) node = NULL;
      double ms;

      if (pan)
        _marz_timeline_pan (timeline, (i / 20) % 2 ? -7 : 7);
      node = snapshot_widget (timeline);
      g_assert (node != NULL);
      if (i % 2 == 0)
        {
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (snapshot_ms, ms);
          frames.nodes = count_nodes (node);
        }
      else
        {
          g_autoptr(GdkTexture) texture = gsk_renderer_render_texture (renderer, node, &viewport);

          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (render_ms, ms);
        }
    }
  frames.snapshot_ms = percentile (snapshot_ms, 0.5);
  frames.snapshot_p95 = percentile (snapshot_ms, 0.95);
  frames.render_ms = percentile (render_ms, 0.5);
  frames.render_p95 = percentile (render_ms, 0.95);
  return frames;
}

static void
print_frames (const char   *what,
              const Frames *frames)
{
  g_print ("  %-22s snapshot %7.3f ms (p95 %7.3f)   snapshot+render %7.3f ms (p95 %7.3f)   %6u nodes\n",
           what, frames->snapshot_ms, frames->snapshot_p95, frames->render_ms, frames->render_p95,
           frames->nodes);
}

/* Both views of one timeline; returns the zoomed-out one. */
static Frames
measure_views (MarzTimeline *timeline,
               GtkWidget    *window,
               const char   *name,
               guint         n_frames)
{
  g_autofree char *out_label = g_strdup_printf ("%s, zoomed out", name);
  g_autofree char *in_label = g_strdup_printf ("%s, 10 days", name);
  Frames out, in;

  marz_timeline_zoom_to (timeline, "2024-01-01", "2025-12-31");
  flush (window);
  out = measure_frames (timeline, n_frames, FALSE);
  marz_timeline_zoom_to (timeline, "2025-10-01", "2025-10-10");
  flush (window);
  in = measure_frames (timeline, n_frames, TRUE);
  print_frames (out_label, &out);
  print_frames (in_label, &in);
  return out;
}

static double
median_ms (GArray *ms)
{
  return percentile (ms, 0.5);
}

/* The same marks as the window feeds them: binned in its worker
 * (marz_timeline_data_new()), swapped in on the main thread
 * (marz_timeline_set_data(), which also frees the data it replaces).
 * set_marks(), both at once on the main thread, is the baseline. */
static void
measure_set_data (MarzTimeline *timeline,
                  GArray       *all,
                  GArray       *two,
                  guint         runs,
                  double        set_marks_ms)
{
  g_autoptr(GArray) build_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) swap_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filter_ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(MarzTimelineData) data = marz_timeline_data_new (all);
      g_autoptr(MarzTimelineData) data_two = marz_timeline_data_new (two);
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      g_array_append_val (build_ms, ms);
      start = g_get_monotonic_time ();
      marz_timeline_set_data (timeline, data);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (swap_ms, ms);
      g_clear_pointer (&data, marz_timeline_data_unref);
      start = g_get_monotonic_time ();
      marz_timeline_set_data (timeline, data_two);
      gsk_render_node_unref (snapshot_widget (timeline));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (filter_ms, ms);
    }
  g_print ("%u marks: data_new, in the worker, %.1f ms (with the %u of two types); set_data, on the main"
           " thread, %.2f ms (p95 %.2f; %.3f× set_marks); %u of two types, set_data and a frame's snapshot"
           " %.1f ms (median of %u)\n", all->len, median_ms (build_ms), two->len, median_ms (swap_ms),
           percentile (swap_ms, 0.95), median_ms (swap_ms) / set_marks_ms, two->len, median_ms (filter_ms), runs);
}

int
main (int argc, char *argv[])
{
  guint runs = 5, n_frames = 200, n = 1000000;
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(MarzViewModel) model = marz_view_model_new ();
  g_autoptr(GArray) set_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) select_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *cpu = bench_cpu_model ();
  MarzTimeline *timeline;
  GtkWidget *window;
  Frames empty, full;

  for (int i = 1; i < argc; i++)
    {
      gboolean option = (g_str_equal (argv[i], "--runs") || g_str_equal (argv[i], "--frames"))
                        && i + 1 < argc;
      guint value = MAX (1, atoi (argv[option ? i + 1 : i]));

      if (!option)
        n = value;
      else if (g_str_equal (argv[i++], "--runs"))
        runs = value;
      else
        n_frames = value;
    }
  if (!gtk_init_check ())
    {
      g_printerr ("bench-timeline: no display\n");
      return 77;
    }

  timeline = MARZ_TIMELINE (marz_timeline_new ());
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (timeline));
  marz_timeline_set_model (timeline, model);
  gtk_window_present (GTK_WINDOW (window));
  flush (window);

  g_print ("machine: nproc %u, %s\n", g_get_num_processors (), cpu);
  g_print ("renderer: %s, window %d × %d\n",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))), WIDTH, HEIGHT);

  /* The empty timeline first: the baseline. */
  marz_timeline_set_incidents (timeline, none);
  g_print ("empty timeline\n");
  empty = measure_views (timeline, window, "empty", n_frames);

  incidents = synthetic_incidents (n);
  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      marz_timeline_set_incidents (timeline, incidents);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (set_ms, ms);
    }
  g_print ("%u incidents: set_incidents %.1f ms (median of %u)\n", n, median_ms (set_ms), runs);
  {
    g_autoptr(GArray) all = marks_of (incidents, ~0u);
    g_autoptr(GArray) two = marks_of (incidents, (1u << MARZ_INCIDENT_AIRSTRIKE) | (1u << MARZ_INCIDENT_TALKS));
    g_autoptr(GArray) marks_ms = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) filter_ms = g_array_new (FALSE, FALSE, sizeof (double));
    double base = median_ms (set_ms);

    for (guint r = 0; r < runs; r++)
      {
        gint64 start = g_get_monotonic_time ();
        double ms;

        marz_timeline_set_marks (timeline, all);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (marks_ms, ms);
        start = g_get_monotonic_time ();
        marz_timeline_set_marks (timeline, two);
        gsk_render_node_unref (snapshot_widget (timeline));
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (filter_ms, ms);
      }
    g_print ("%u marks: set_marks %.1f ms (%.2f× set_incidents); %u of two types, set_marks and a frame's"
             " snapshot %.1f ms (median of %u)\n", all->len, median_ms (marks_ms), median_ms (marks_ms) / base,
             two->len, median_ms (filter_ms), runs);
    measure_set_data (timeline, all, two, runs, median_ms (marks_ms));
    marz_timeline_set_marks (timeline, all);
  }
  full = measure_views (timeline, window, "incidents", n_frames);
  g_assert (full.nodes > empty.nodes);

  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      marz_view_model_select_incident (model, n - r);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (select_ms, ms);
    }
  g_print ("  selecting an incident from the model: %.2f ms (median of %u)\n", median_ms (select_ms), runs);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
