/* bench-map-window.c: a map in a window that pans itself and times its frames
 *
 * An 800 × 600 GtkWindow with a ShumateSimpleMap on the offline basemap
 * (MarzTileSource), as the app shows it.  A pan is driven by a tick
 * callback: frame i moves the view to where i says (the centre circles
 * 250 px around lat 33, lon 68, 1.5 turns, while the zoom goes 7 → 9 → 6),
 * so every map does the same work however slow it is.
 *
 * A frame's interval is the time between two tick callbacks, read from the
 * monotonic clock: gdk_frame_clock_get_frame_time() is smoothed towards
 * whole refresh intervals, which would hide how late a frame was.  A frame's
 * work is the time from the frame clock's before-paint to the end of its
 * after-paint.
 */
#define G_LOG_DOMAIN "marz-bench"

#include "bench-map-window.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "marz-marker-layer.h"
#include "marz-mercator.h"
#include "marz-tile-source.h"

#define TILE        256
#define CENTRE_LAT  33.0
#define CENTRE_LON  68.0
#define PAN_RADIUS  250.0                                /* px */
#define PAN_TURNS   1.5
#define QUIET_US    (400 * G_TIME_SPAN_MILLISECOND)      /* settled: no tile filled for this long */
#define SETTLE_US   (20 * G_TIME_SPAN_SECOND)
#define FRAME_US    (900 * G_TIME_SPAN_SECOND)           /* a pan or a first frame that never ends */

struct _BenchMapWindow
{
  GtkWidget        *window;
  ShumateSimpleMap *map;
  ShumateViewport  *viewport;
  MarzTileSource   *source;        /* borrowed: the map holds it */
  GtkWidget        *layer;         /* borrowed: the markers' layer, or NULL */

  /* settling */
  guint             filled;
  gint64            filled_changed;

  /* a pan */
  guint             n_frames;
  guint             frame;
  guint             tick_id;
  gboolean          recording;
  gboolean          awaiting_first;
  gint64            first_start;
  double            first_ms;
  gint64            paint_start;
  gint64            phase_start;
  GArray           *ticks;         /* gint64 µs at each tick */
  GArray           *work;          /* double ms */
  GArray           *trace;         /* TraceRow, with BENCH_MAP_TRACE */
  double            move_max_ms;
  guint             widgets_max;
};

typedef struct
{
  gint64 tick;
  double zoom;
  double work_ms;    /* of the frame before this tick */
  double layout_ms;  /* … its layout phase */
  double paint_ms;   /* … its paint phase (snapshot and render) */
  guint  updates;
  guint  paints;
} TraceRow;

/* The zoom along the pan, by the pan's fraction done: in to 9, out to 6. */
static const double zoom_knots[][2] = {
  { 0.0, 7 }, { 0.3, 7 }, { 0.4, 9 }, { 0.65, 9 }, { 0.75, 6 }, { 1.0, 6 },
};

static guint layer_updates;        /* MarzMarkerLayer's "N markers at zoom …" */
static guint layer_paints;         /* … and its "painted …" */
static gint64 refresh_us = 16667;  /* the frame clock's, once it has told */
static char *renderer_name;

/* Statistics --------------------------------------------------------------- */

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest rank; sorts @values. */
double
bench_percentile (GArray *values,
                  double  p)
{
  guint rank;

  if (values->len == 0)
    return NAN;
  qsort (values->data, values->len, sizeof (double), compare_double);
  rank = (guint) ceil (p / 100.0 * values->len);
  return g_array_index (values, double, CLAMP (rank, 1, values->len) - 1);
}

double
bench_median (GArray *values)
{
  if (values->len % 2 == 1 || values->len == 0)
    return bench_percentile (values, 50);
  qsort (values->data, values->len, sizeof (double), compare_double);
  return (g_array_index (values, double, values->len / 2 - 1)
          + g_array_index (values, double, values->len / 2)) / 2;
}

/* Process-wide ------------------------------------------------------------- */

/* Counts the marker layer's re-queries by their debug line, then logs as usual. */
static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  gboolean layer = FALSE, update = FALSE, paint = FALSE;

  for (gsize i = 0; (level & G_LOG_LEVEL_DEBUG) && i < n_fields; i++)
    if (fields[i].length < 0 && strcmp (fields[i].key, "GLIB_DOMAIN") == 0)
      layer = g_strcmp0 (fields[i].value, "marz-marker-layer") == 0
              || g_strcmp0 (fields[i].value, "marz-marker-picture") == 0;
    else if (fields[i].length < 0 && strcmp (fields[i].key, "MESSAGE") == 0)
      {
        update = strstr (fields[i].value, " markers at zoom ") != NULL;
        paint = g_str_has_prefix (fields[i].value, "painted ");
      }
  if (layer && update)
    layer_updates++;
  if (layer && paint)
    layer_paints++;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* Before anything logs: GLib takes one writer per process. */
void
bench_map_window_install_log_writer (void)
{
  g_log_set_writer_func (log_writer, NULL, NULL);
}

gint64
bench_map_window_get_refresh_us (void)
{
  return refresh_us;
}

/* The GskRenderer type that really drew, once a window has been shown. */
const char *
bench_map_window_get_renderer (void)
{
  return renderer_name ? renderer_name : "none";
}

/* Helpers ------------------------------------------------------------------ */

static gboolean
on_wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @done, or for @timeout_us at most. */
static gboolean
iterate_until (gboolean       (*done) (BenchMapWindow *self),
               BenchMapWindow  *self,
               gint64           timeout_us)
{
  gint64 end = g_get_monotonic_time () + timeout_us;
  guint wake = g_timeout_add (50, on_wake_cb, NULL);
  gboolean ok;

  while (!(ok = done (self)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  return ok;
}

static double
zoom_at (double t)
{
  for (guint k = 1; k < G_N_ELEMENTS (zoom_knots); k++)
    if (t <= zoom_knots[k][0])
      {
        double f = (t - zoom_knots[k - 1][0]) / (zoom_knots[k][0] - zoom_knots[k - 1][0]);

        return zoom_knots[k - 1][1] + f * (zoom_knots[k][1] - zoom_knots[k - 1][1]);
      }
  return zoom_knots[G_N_ELEMENTS (zoom_knots) - 1][1];
}

/* Where frame @frame of the pan looks. */
static void
move_view (BenchMapWindow *self,
           guint           frame)
{
  double t = (double) frame / MAX (self->n_frames, 1);
  double angle = 2.0 * G_PI * PAN_TURNS * t;
  double zoom = zoom_at (t), x, y, lat, lon;

  marz_mercator_project (CENTRE_LAT, CENTRE_LON, zoom, TILE, &x, &y);
  marz_mercator_unproject (x + PAN_RADIUS * cos (angle), y + PAN_RADIUS * sin (angle), zoom, TILE,
                           &lat, &lon);
  shumate_viewport_set_zoom_level (self->viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (self->viewport), lat, lon);
}

static gboolean
counts (GtkWidget *widget,
        GtkWidget *layer,
        gboolean   on_screen)
{
  graphene_rect_t view = GRAPHENE_RECT_INIT (0, 0, BENCH_MAP_WIDTH, BENCH_MAP_HEIGHT), bounds;

  return !on_screen || (gtk_widget_get_child_visible (widget)
                        && gtk_widget_compute_bounds (widget, layer, &bounds)
                        && graphene_rect_intersection (&view, &bounds, NULL));
}

/* MarzMarkerLayer keeps its markers in a canvas of its own; a
 * ShumateMarkerLayer has them as its children. */
static guint
count_widgets (BenchMapWindow *self,
               gboolean        on_screen)
{
  g_autoptr(GList) markers = NULL;
  guint n = 0;

  if (self->layer == NULL)
    return 0;
  if (MARZ_IS_MARKER_LAYER (self->layer))
    {
      markers = marz_marker_layer_get_markers (MARZ_MARKER_LAYER (self->layer));
      for (GList *l = markers; l; l = l->next)
        n += counts (l->data, self->layer, on_screen);
      return n;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (self->layer); child;
       child = gtk_widget_get_next_sibling (child))
    n += counts (child, self->layer, on_screen);
  return n;
}

/* Frame clock -------------------------------------------------------------- */

static void
on_before_paint_cb (GdkFrameClock  *clock,
                    BenchMapWindow *self)
{
  self->paint_start = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock  *clock,
                   BenchMapWindow *self)
{
  gint64 now = g_get_monotonic_time ();
  GdkFrameTimings *timings = gdk_frame_clock_get_current_timings (clock);

  if (self->awaiting_first)
    {
      self->first_ms = (now - self->first_start) / 1000.0;
      self->awaiting_first = FALSE;
    }
  if (self->recording && self->paint_start != 0)
    {
      double ms = (now - self->paint_start) / 1000.0;

      g_array_append_val (self->work, ms);
      if (self->trace != NULL && self->trace->len > 0)
        g_array_index (self->trace, TraceRow, self->trace->len - 1).work_ms = ms;
    }
  if (timings != NULL && gdk_frame_timings_get_refresh_interval (timings) > 0)
    refresh_us = gdk_frame_timings_get_refresh_interval (timings);
  self->paint_start = 0;
}

/* The phase that ends, for the trace: layout or paint. */
static void
on_phase_end_cb (GdkFrameClock  *clock,
                 BenchMapWindow *self,
                 gboolean        paint)
{
  gint64 now = g_get_monotonic_time ();
  TraceRow *row;

  if (self->trace == NULL || self->trace->len == 0)
    return;
  /* A phase starts where the one before ended: the tick callback ends
   * the update phase. */
  row = &g_array_index (self->trace, TraceRow, self->trace->len - 1);
  if (paint)
    row->paint_ms = (now - self->phase_start) / 1000.0;
  else
    row->layout_ms = (now - self->phase_start) / 1000.0;
  self->phase_start = now;
}

static void
on_layout_end_cb (GdkFrameClock  *clock,
                  BenchMapWindow *self)
{
  on_phase_end_cb (clock, self, FALSE);
}

static void
on_paint_end_cb (GdkFrameClock  *clock,
                 BenchMapWindow *self)
{
  on_phase_end_cb (clock, self, TRUE);
}

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  BenchMapWindow *self = user_data;
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (self->ticks, now);
  if (self->trace != NULL)
    {
      TraceRow row = { now, shumate_viewport_get_zoom_level (self->viewport), NAN, NAN, NAN,
                       layer_updates, layer_paints };

      g_array_append_val (self->trace, row);
    }
  if (self->frame == self->n_frames)
    {
      self->recording = FALSE;
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  move_view (self, ++self->frame);
  self->phase_start = g_get_monotonic_time ();
  self->move_max_ms = MAX (self->move_max_ms, (self->phase_start - now) / 1000.0);
  self->widgets_max = MAX (self->widgets_max, count_widgets (self, FALSE));
  return G_SOURCE_CONTINUE;
}

/* Waiting ------------------------------------------------------------------ */

static gboolean
is_shown (BenchMapWindow *self)
{
  return gtk_widget_get_mapped (self->window)
      && gtk_widget_get_width (GTK_WIDGET (self->map)) == BENCH_MAP_WIDTH
      && gtk_widget_get_height (GTK_WIDGET (self->map)) == BENCH_MAP_HEIGHT;
}

static gboolean
is_settled (BenchMapWindow *self)
{
  guint filled = marz_tile_source_get_n_filled (self->source);
  gint64 now = g_get_monotonic_time ();

  if (filled != self->filled)
    {
      self->filled = filled;
      self->filled_changed = now;
    }
  return filled > 0 && !self->awaiting_first && now - self->filled_changed > QUIET_US;
}

static void
settle (BenchMapWindow *self)
{
  self->filled_changed = g_get_monotonic_time ();
  if (!iterate_until (is_settled, self, SETTLE_US))
    g_printerr ("bench-map: tiles still coming after %.0f s (%u filled); going on\n",
                SETTLE_US / 1e6, marz_tile_source_get_n_filled (self->source));
}

static gboolean
has_drawn_first (BenchMapWindow *self)
{
  return !self->awaiting_first;
}

static gboolean
is_panned (BenchMapWindow *self)
{
  return self->tick_id == 0;
}

static void
summarize (BenchMapWindow *self,
           BenchFrames    *frames)
{
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (double));
  double sum = 0, late = 1.5 * refresh_us / 1000.0;
  guint n_late = 0;

  for (guint i = 1; i < self->ticks->len; i++)
    {
      double ms = (g_array_index (self->ticks, gint64, i)
                   - g_array_index (self->ticks, gint64, i - 1)) / 1000.0;

      g_array_append_val (intervals, ms);
      sum += ms;
      n_late += ms > late;
    }
  frames->n_frames = intervals->len;
  frames->mean_ms = intervals->len ? sum / intervals->len : NAN;
  frames->median_ms = bench_median (intervals);
  frames->p95_ms = bench_percentile (intervals, 95);
  frames->max_ms = bench_percentile (intervals, 100);
  frames->late = intervals->len ? (double) n_late / intervals->len : NAN;
  frames->work_p95_ms = bench_percentile (self->work, 95);
  frames->move_max_ms = self->move_max_ms;
  frames->widgets_max = self->widgets_max;
  frames->widgets_end = count_widgets (self, FALSE);
  frames->on_screen = count_widgets (self, TRUE);
}

/* Public ------------------------------------------------------------------- */

BenchMapWindow *
bench_map_window_new (MarzBasemap *basemap)
{
  BenchMapWindow *self = g_new0 (BenchMapWindow, 1);
  g_autoptr(MarzTileSource) source = marz_tile_source_new (basemap);

  self->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (self->window), BENCH_MAP_WIDTH, BENCH_MAP_HEIGHT);
  self->map = shumate_simple_map_new ();
  gtk_widget_add_css_class (GTK_WIDGET (self->map), "marz-map");
  shumate_simple_map_set_map_source (self->map, SHUMATE_MAP_SOURCE (source));
  self->source = source;
  self->viewport = shumate_simple_map_get_viewport (self->map);
  gtk_window_set_child (GTK_WINDOW (self->window), GTK_WIDGET (self->map));
  self->ticks = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->work = g_array_new (FALSE, FALSE, sizeof (double));
  move_view (self, 0);
  return self;
}

void
bench_map_window_free (BenchMapWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (self->window);

  if (clock != NULL)
    g_signal_handlers_disconnect_by_data (clock, self);
  gtk_window_destroy (GTK_WINDOW (self->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_array_unref (self->ticks);
  g_array_unref (self->work);
  g_clear_pointer (&self->trace, g_array_unref);
  g_free (self);
}

ShumateViewport *
bench_map_window_get_viewport (BenchMapWindow *self)
{
  return self->viewport;
}

/* The layer whose children are counted as the markers' widgets. */
void
bench_map_window_add_layer (BenchMapWindow *self,
                            ShumateLayer   *layer)
{
  shumate_map_add_layer (shumate_simple_map_get_map (self->map), layer);
  self->layer = GTK_WIDGET (layer);
}

/* Presents the window and waits for its tiles. */
gboolean
bench_map_window_show (BenchMapWindow *self)
{
  GdkFrameClock *clock;

  gtk_window_present (GTK_WINDOW (self->window));
  if (!iterate_until (is_shown, self, SETTLE_US))
    return FALSE;
  clock = gtk_widget_get_frame_clock (self->window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), self);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self);
  g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout_end_cb), self);
  g_signal_connect_after (clock, "paint", G_CALLBACK (on_paint_end_cb), self);
  if (renderer_name == NULL)
    renderer_name = g_strdup (G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (self->window))));
  settle (self);
  return TRUE;
}

/* From @since (when markers were added) to the end of the next frame, in
 * ms; then waits for tiles again. */
double
bench_map_window_time_first_frame (BenchMapWindow *self,
                                   gint64          since)
{
  double ms;

  self->first_start = since;
  self->awaiting_first = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self->map));
  ms = iterate_until (has_drawn_first, self, FRAME_US) ? self->first_ms : NAN;
  self->awaiting_first = FALSE;
  settle (self);
  return ms;
}

/* On a shared machine the time between frames also counts the time other
 * programs had the cores; the CPU time the process spent drawing does not
 * (much). */
static double
cpu_ms (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* With BENCH_MAP_TRACE=PREFIX, each frame of a pan as a line of
 * PREFIX.N (the process's Nth pan, the warm-up's first):
 * its interval and work in ms, the zoom, and the layer's re-queries and
 * paints until then – to see which frames are late and why. */
static void
write_trace (BenchMapWindow *self)
{
  static guint n_pans;
  const char *prefix = g_getenv ("BENCH_MAP_TRACE");
  g_autofree char *path = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GError) error = NULL;

  if (prefix == NULL || self->trace == NULL)
    return;
  path = g_strdup_printf ("%s.%u", prefix, n_pans++);
  out = g_string_new ("frame\tinterval_ms\twork_ms\tlayout_ms\tpaint_ms\tzoom\trequeries\tpaints\n");
  for (guint i = 1; i < self->trace->len; i++)
    {
      const TraceRow *row = &g_array_index (self->trace, TraceRow, i);
      const TraceRow *prev = row - 1;

      g_string_append_printf (out, "%u\t%.2f\t%.2f\t%.2f\t%.2f\t%.3f\t%u\t%u\n", i,
                              (row->tick - prev->tick) / 1000.0, prev->work_ms, prev->layout_ms,
                              prev->paint_ms, row->zoom,
                              row->updates - prev->updates, row->paints - prev->paints);
    }
  if (!g_file_set_contents (path, out->str, out->len, &error))
    g_printerr ("bench-map: %s\n", error->message);
}

gboolean
bench_map_window_pan (BenchMapWindow *self,
                      guint           n_frames,
                      BenchFrames    *frames)
{
  guint updates = layer_updates;
  double cpu = cpu_ms (CLOCK_PROCESS_CPUTIME_ID);
  double ui_cpu = cpu_ms (CLOCK_THREAD_CPUTIME_ID);

  self->n_frames = n_frames;
  self->frame = 0;
  self->move_max_ms = 0;
  self->widgets_max = count_widgets (self, FALSE);
  g_array_set_size (self->ticks, 0);
  g_array_set_size (self->work, 0);
  g_clear_pointer (&self->trace, g_array_unref);
  if (g_getenv ("BENCH_MAP_TRACE") != NULL)
    self->trace = g_array_new (FALSE, FALSE, sizeof (TraceRow));
  self->recording = TRUE;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->map), on_tick_cb, self, NULL);
  if (!iterate_until (is_panned, self, FRAME_US))
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->map), self->tick_id);
      self->tick_id = 0;
      self->recording = FALSE;
    }
  summarize (self, frames);
  write_trace (self);
  frames->cpu_ms = (cpu_ms (CLOCK_PROCESS_CPUTIME_ID) - cpu) / MAX (frames->n_frames, 1);
  frames->ui_cpu_ms = (cpu_ms (CLOCK_THREAD_CPUTIME_ID) - ui_cpu) / MAX (frames->n_frames, 1);
  frames->requeries = layer_updates - updates;
  frames->measured = frames->n_frames == n_frames;
  return frames->measured;
}
