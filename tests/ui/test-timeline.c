/* MarzTimeline with the incidents of the bundled corpus, built by hand: range
 * selection and selection in sync with a MarzViewModel, the keys, play, RTL,
 * tick units, Solar Hijri labels and the pixels of a mark.  GTK 4 cannot
 * synthesize events, so pointer input goes through the calls the gesture
 * callbacks make (_marz_timeline_click, _marz_timeline_select_between_x).
 * Needs a display (Xvfb); without one every test skips. */
#undef G_DISABLE_ASSERT

#include <gtk/gtk.h>
#include <string.h>

#include "marz-calendar.h"
#include "marz-labels.h"
#include "marz-marker-style.h"
#include "marz-timeline-private.h"

#define WIDTH 800
#define RLI   "\u2067"  /* how the timeline isolates Solar Hijri dates */
#define PDI   "\u2069"

enum {
  KABUL = 1,          /* 2025-10-09 airstrike */
  PAKTIKA_OCT,        /* 2025-10-09 airstrike */
  SPIN_BOLDAK,        /* 2025-11-07 clash */
  KHOST,              /* 2025-11-24 airstrike */
  KUNAR,              /* 2025-11-24 airstrike */
  PAKTIKA_NOV,        /* 2025-11-24 airstrike */
  CEASEFIRE,          /* 2025-10-19, Doha */
  TALKS,              /* 2025-11-06, Istanbul */
};

static gboolean have_display;

static gboolean
needs_display (void)
{
  if (!have_display)
    g_test_skip ("no display");
  return have_display;
}

/* ------------------------------------------------------------------------ */
/* Incidents                                                                */

static MarzIncident *
incident (gint64            id,
          MarzIncidentType  type,
          const char       *date,
          MarzDatePrecision precision)
{
  MarzIncident *incident = g_new0 (MarzIncident, 1);

  incident->id = id;
  incident->type = type;
  incident->date = g_strdup (date);
  incident->precision = precision;
  incident->killed = incident->injured = -1;
  incident->shared_killed = incident->shared_injured = -1;
  incident->reports = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_report_free);
  return incident;
}

static void
add (GPtrArray        *incidents,
     gint64            id,
     MarzIncidentType  type,
     const char       *date)
{
  g_ptr_array_add (incidents, incident (id, type, date, MARZ_DATE_PRECISION_DAY));
}

static GPtrArray *
corpus_incidents (void)
{
  GPtrArray *incidents = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_incident_free);

  add (incidents, KABUL, MARZ_INCIDENT_AIRSTRIKE, "2025-10-09");
  add (incidents, PAKTIKA_OCT, MARZ_INCIDENT_AIRSTRIKE, "2025-10-09");
  add (incidents, SPIN_BOLDAK, MARZ_INCIDENT_CLASH, "2025-11-07");
  add (incidents, KHOST, MARZ_INCIDENT_AIRSTRIKE, "2025-11-24");
  add (incidents, KUNAR, MARZ_INCIDENT_AIRSTRIKE, "2025-11-24");
  add (incidents, PAKTIKA_NOV, MARZ_INCIDENT_AIRSTRIKE, "2025-11-24");
  add (incidents, CEASEFIRE, MARZ_INCIDENT_CEASEFIRE, "2025-10-19");
  add (incidents, TALKS, MARZ_INCIDENT_TALKS, "2025-11-06");
  return incidents;
}

static const MarzIncident *
find_incident (GPtrArray *incidents,
               gint64     id)
{
  for (guint i = 0; i < incidents->len; i++)
    if (((MarzIncident *) g_ptr_array_index (incidents, i))->id == id)
      return g_ptr_array_index (incidents, i);
  g_assert_not_reached ();
}

/* ------------------------------------------------------------------------ */
/* The widget                                                               */

typedef struct
{
  GtkWidget     *window;
  MarzTimeline  *timeline;
  MarzViewModel *model;
  GPtrArray     *incidents;
} Fixture;

static void
on_frame_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  (*(guint *) data)++;
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  on_frame_cb (widget, clock, data);
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until the window has been laid out and drawn twice. */
static void
flush (Fixture *f)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (f->window, count_frame_cb, &frames, NULL);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (f->window);
  while (frames < 2 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  gtk_widget_remove_tick_callback (f->window, id);
  g_assert_cmpuint (frames, >=, 2);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->timeline)), ==, WIDTH);
}

static void
fixture_open (Fixture   *f,
              GPtrArray *incidents)
{
  f->model = marz_view_model_new ();
  f->incidents = incidents;
  f->timeline = MARZ_TIMELINE (marz_timeline_new ());
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), WIDTH, 160);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->timeline));
  marz_timeline_set_model (f->timeline, f->model);
  marz_timeline_set_incidents (f->timeline, incidents);
  gtk_window_present (GTK_WINDOW (f->window));
  flush (f);
}

static void
fixture_close (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->model);
  g_clear_pointer (&f->incidents, g_ptr_array_unref);
}

static double
x_of (Fixture    *f,
      const char *date)
{
  return marz_timeline_x_for_date (f->timeline, date);
}

static void
assert_model_range (Fixture    *f,
                    const char *from,
                    const char *to)
{
  g_assert_cmpstr (marz_view_model_get_from (f->model), ==, from);
  g_assert_cmpstr (marz_view_model_get_to (f->model), ==, to);
}

static void
assert_shaded (Fixture    *f,
               const char *from,
               const char *to)
{
  g_autofree char *shaded_from = NULL;
  g_autofree char *shaded_to = NULL;

  g_assert_true (_marz_timeline_get_shaded_range (f->timeline, &shaded_from, &shaded_to));
  g_assert_cmpstr (shaded_from, ==, from);
  g_assert_cmpstr (shaded_to, ==, to);
}

static void
assert_cursor (Fixture    *f,
               const char *date)
{
  g_autofree char *cursor = _marz_timeline_get_cursor (f->timeline);

  g_assert_cmpstr (cursor, ==, date);
}

static void
assert_visible (Fixture    *f,
                const char *from,
                const char *to)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  marz_timeline_get_visible_range (f->timeline, &first, &last);
  g_assert_cmpstr (first, ==, from);
  g_assert_cmpstr (last, ==, to);
}

static GdkTexture *
render (Fixture *f)
{
  flush (f);
  {
  GtkWidget *widget = GTK_WIDGET (f->timeline);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  }
}

/* The colour at (@x, @y), 0xRRGGBB, premultiplied over nothing. */
static guint32
pixel (GdkTexture *texture,
       double      x,
       double      y)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc (width * height * 4);
  const guchar *p;

  gdk_texture_download (texture, data, width * 4);
  g_assert_true (x >= 0 && x < width && y >= 0 && y < height);
  p = data + ((int) y * width + (int) x) * 4;       /* B, G, R, A */
  return (p[2] << 16) | (p[1] << 8) | p[0];
}

static void
assert_colour (guint32          actual,
               MarzIncidentType type)
{
  MarzRgb rgb = marz_marker_style_type_color (type);
  int expected[3] = { rgb.red * 255 + 0.5, rgb.green * 255 + 0.5, rgb.blue * 255 + 0.5 };

  for (guint c = 0; c < 3; c++)
    g_assert_cmpint (ABS ((int) ((actual >> (16 - 8 * c)) & 0xff) - expected[c]), <=, 2);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */

static void
test_axis (void)
{
  Fixture f = { 0 };
  const char *dates[] = { "2025-10-09", "2025-10-19", "2025-11-06", "2025-11-07", "2025-11-24" };
  double previous = 0;

  if (!needs_display ())
    return;
  fixture_open (&f, corpus_incidents ());

  /* From the earliest incident to the latest, and nothing else. */
  assert_visible (&f, "2025-10-09", "2025-11-24");
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      double x = x_of (&f, dates[i]);
      g_autofree char *back = marz_timeline_date_at_x (f.timeline, x);

      g_assert_cmpfloat (x, >, previous);
      g_assert_cmpfloat (x, <, WIDTH);
      g_assert_cmpstr (back, ==, dates[i]);
      previous = x;
    }
  {
    double day = x_of (&f, "2025-10-10") - x_of (&f, "2025-10-09");
    g_autofree char *before = marz_timeline_date_at_x (f.timeline, x_of (&f, "2025-10-09") - day);

    /* The first day starts where the axis does, the last ends at its end
     * (12 px from the widget's). */
    g_assert_cmpstr (before, ==, "2025-10-08");
    g_assert_cmpfloat (x_of (&f, "2025-10-09") - day / 2, >, 0);
    g_assert_cmpfloat_with_epsilon (x_of (&f, "2025-11-24") + day / 2, WIDTH - 12, 1e-3);
  }

  /* New incidents (another filter): the axis follows them while it shows
   * them all... */
  {
    g_autoptr(GPtrArray) more = corpus_incidents ();

    add (more, 100, MARZ_INCIDENT_ATTACK, "2025-11-28");
    marz_timeline_set_incidents (f.timeline, more);
    assert_visible (&f, "2025-10-09", "2025-11-28");
    marz_timeline_set_incidents (f.timeline, f.incidents);
    assert_visible (&f, "2025-10-09", "2025-11-24");
  }

  /* ...but keeps where the user went.  Zooming stays within whole months
   * around the incidents. */
  marz_timeline_zoom_to (f.timeline, "2025-10-20", "2025-10-29");
  marz_timeline_set_incidents (f.timeline, f.incidents);
  assert_visible (&f, "2025-10-20", "2025-10-29");
  marz_timeline_zoom_to (f.timeline, "2025-09-01", "2025-12-31");
  assert_visible (&f, "2025-10-01", "2025-11-30");
  fixture_close (&f);
}

static void
test_drag_range (void)
{
  Fixture f = { 0 };

  if (!needs_display ())
    return;
  fixture_open (&f, corpus_incidents ());
  marz_timeline_zoom_to (f.timeline, "2025-10-01", "2025-11-30");

  _marz_timeline_select_between_x (f.timeline, x_of (&f, "2025-10-01"), x_of (&f, "2025-10-31"));
  assert_model_range (&f, "2025-10-01", "2025-10-31");
  assert_shaded (&f, "2025-10-01", "2025-10-31");

  /* Right to left works the same, and a range that stops before the strikes
   * of 24 November leaves them out of what the model accepts. */
  _marz_timeline_select_between_x (f.timeline, x_of (&f, "2025-11-20"), x_of (&f, "2025-10-05"));
  assert_model_range (&f, "2025-10-05", "2025-11-20");
  assert_shaded (&f, "2025-10-05", "2025-11-20");
  g_assert_false (marz_view_model_accepts (f.model, find_incident (f.incidents, KHOST)));
  g_assert_true (marz_view_model_accepts (f.model, find_incident (f.incidents, SPIN_BOLDAK)));

  /* Past the end of the axis counts as its last day. */
  _marz_timeline_select_between_x (f.timeline, x_of (&f, "2025-11-10"), WIDTH + 100);
  assert_model_range (&f, "2025-11-10", "2025-11-30");
  fixture_close (&f);
}

static void
test_model_range (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) plain = NULL;
  g_autoptr(GdkTexture) shaded = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  double y;

  if (!needs_display ())
    return;
  fixture_open (&f, corpus_incidents ());
  y = _marz_timeline_track_y (f.timeline, MARZ_CATEGORY_VIOLENCE) - 15;   /* above the marks */
  plain = render (&f);

  g_assert_true (marz_view_model_set_range (f.model, "2025-10-15", "2025-11-01", &error));
  g_assert_no_error (error);
  assert_shaded (&f, "2025-10-15", "2025-11-01");
  shaded = render (&f);
  g_assert_cmphex (pixel (shaded, x_of (&f, "2025-10-20"), y), !=, pixel (plain, x_of (&f, "2025-10-20"), y));
  g_assert_cmphex (pixel (shaded, x_of (&f, "2025-11-10"), y), ==, pixel (plain, x_of (&f, "2025-11-10"), y));

  g_assert_true (marz_view_model_set_range (f.model, NULL, "2025-11-01", &error));
  assert_shaded (&f, NULL, "2025-11-01");

  g_assert_true (marz_view_model_set_range (f.model, NULL, NULL, &error));
  g_assert_false (_marz_timeline_get_shaded_range (f.timeline, &from, &to));
  fixture_close (&f);
}

static void
test_click_selects (void)
{
  Fixture f = { 0 };
  double violence, diplomacy;

  if (!needs_display ())
    return;
  fixture_open (&f, corpus_incidents ());
  violence = _marz_timeline_track_y (f.timeline, MARZ_CATEGORY_VIOLENCE);
  diplomacy = _marz_timeline_track_y (f.timeline, MARZ_CATEGORY_DIPLOMACY);

  _marz_timeline_click (f.timeline, x_of (&f, "2025-11-07"), violence);
  g_assert_cmpint (marz_view_model_get_selected_incident (f.model), ==, SPIN_BOLDAK);
  g_assert_cmpint (_marz_timeline_get_marked (f.timeline), ==, SPIN_BOLDAK);

  _marz_timeline_click (f.timeline, x_of (&f, "2025-11-06"), diplomacy);
  g_assert_cmpint (marz_view_model_get_selected_incident (f.model), ==, TALKS);

  /* A stack of three: one mark each, from the bottom in the order given. */
  _marz_timeline_click (f.timeline, x_of (&f, "2025-11-24"), violence);
  g_assert_cmpint (marz_view_model_get_selected_incident (f.model), ==, KHOST);
  _marz_timeline_click (f.timeline, x_of (&f, "2025-11-24"), violence - 12);
  g_assert_cmpint (marz_view_model_get_selected_incident (f.model), ==, PAKTIKA_NOV);

  /* Clicking where there is no mark moves the cursor, and selects nothing. */
  _marz_timeline_click (f.timeline, x_of (&f, "2025-11-07"), diplomacy);
  g_assert_cmpint (marz_view_model_get_selected_incident (f.model), ==, PAKTIKA_NOV);
  assert_cursor (&f, "2025-11-07");
  fixture_close (&f);
}

static void
test_model_selects (void)
{
  Fixture f = { 0 };
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (!needs_display ())
    return;
  fixture_open (&f, corpus_incidents ());
  marz_timeline_zoom_to (f.timeline, "2025-11-01", "2025-11-10");
  assert_visible (&f, "2025-11-01", "2025-11-10");

  /* Selected on the map: the timeline scrolls to it and marks it. */
  marz_view_model_select_incident (f.model, CEASEFIRE);
  g_assert_cmpint (_marz_timeline_get_marked (f.timeline), ==, CEASEFIRE);
  assert_cursor (&f, "2025-10-19");
  marz_timeline_get_visible_range (f.timeline, &from, &to);
  g_assert_cmpstr (from, <=, "2025-10-19");
  g_assert_cmpstr (to, >=, "2025-10-19");

  /* An incident the timeline does not have is not marked. */
  marz_view_model_select_incident (f.model, 999);
  g_assert_cmpint (_marz_timeline_get_marked (f.timeline), ==, 0);
  fixture_close (&f);
}

static void
test_rtl (void)
{
  Fixture f = { 0 };
  const char *dates[] = { "2025-10-09", "2025-10-19", "2025-11-07", "2025-11-24" };
  double ltr[G_N_ELEMENTS (dates)];

  if (!needs_display ())
    return;
  fixture_open (&f, corpus_incidents ());
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    ltr[i] = x_of (&f, dates[i]);

  gtk_widget_set_direction (GTK_WIDGET (f.timeline), GTK_TEXT_DIR_RTL);
  flush (&f);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *back = marz_timeline_date_at_x (f.timeline, WIDTH - ltr[i]);

      g_assert_cmpfloat_with_epsilon (x_of (&f, dates[i]), WIDTH - ltr[i], 1e-6);
      g_assert_cmpstr (back, ==, dates[i]);
    }

  /* Clicks hit the mirrored marks; Right goes back in time. */
  _marz_timeline_click (f.timeline, WIDTH - ltr[2],
                        _marz_timeline_track_y (f.timeline, MARZ_CATEGORY_VIOLENCE));
  g_assert_cmpint (marz_view_model_get_selected_incident (f.model), ==, SPIN_BOLDAK);
  assert_cursor (&f, "2025-11-07");
  gtk_widget_activate_action (GTK_WIDGET (f.timeline), "timeline.move-cursor", "(ib)", 1, FALSE);
  assert_cursor (&f, "2025-11-06");
  gtk_widget_activate_action (GTK_WIDGET (f.timeline), "timeline.move-cursor", "(ib)", -1, FALSE);
  assert_cursor (&f, "2025-11-07");
  fixture_close (&f);
}

static void
test_keyboard (void)
{
  Fixture f = { 0 };
  GtkWidget *widget;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!needs_display ())
    return;
  fixture_open (&f, corpus_incidents ());
  widget = GTK_WIDGET (f.timeline);
  g_assert_true (gtk_widget_get_focusable (widget));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Timeline");
  assert_cursor (&f, "2025-10-09");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "9 October 2025: 2 airstrikes");

  gtk_widget_activate_action (widget, "timeline.move-cursor", "(ib)", 1, FALSE);
  assert_cursor (&f, "2025-10-10");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "10 October 2025: no incidents");
  g_assert_null (marz_view_model_get_from (f.model));

  /* Shift+Right twice: the range grows from where the cursor was. */
  gtk_widget_activate_action (widget, "timeline.move-cursor", "(ib)", 1, TRUE);
  assert_model_range (&f, "2025-10-10", "2025-10-11");
  gtk_widget_activate_action (widget, "timeline.move-cursor", "(ib)", 1, TRUE);
  assert_model_range (&f, "2025-10-10", "2025-10-12");
  assert_shaded (&f, "2025-10-10", "2025-10-12");

  /* Escape clears it; End and Home go to the last and first incidents. */
  gtk_widget_activate_action (widget, "timeline.clear-range", NULL);
  assert_model_range (&f, NULL, NULL);
  gtk_widget_activate_action (widget, "timeline.cursor-edge", "(ib)", 1, FALSE);
  assert_cursor (&f, "2025-11-24");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "24 November 2025: 3 airstrikes");
  gtk_widget_activate_action (widget, "timeline.cursor-edge", "(ib)", -1, FALSE);
  assert_cursor (&f, "2025-10-09");

  /* Enter selects the incident nearest the cursor, then the next that day. */
  gtk_widget_activate_action (widget, "timeline.move-cursor", "(ib)", 3, FALSE);
  gtk_widget_activate_action (widget, "timeline.select-at-cursor", NULL);
  g_assert_cmpint (marz_view_model_get_selected_incident (f.model), ==, KABUL);
  gtk_widget_activate_action (widget, "timeline.select-at-cursor", NULL);
  g_assert_cmpint (marz_view_model_get_selected_incident (f.model), ==, PAKTIKA_OCT);

  /* Selecting moved the cursor there; + and - zoom around it. */
  assert_cursor (&f, "2025-10-09");
  marz_timeline_get_visible_range (f.timeline, NULL, &before);
  gtk_widget_activate_action (widget, "timeline.zoom", "i", 1);
  marz_timeline_get_visible_range (f.timeline, NULL, &after);
  g_assert_cmpstr (after, <, before);
  assert_visible (&f, "2025-10-09", after);
  g_clear_pointer (&after, g_free);
  gtk_widget_activate_action (widget, "timeline.zoom", "i", -1);
  marz_timeline_get_visible_range (f.timeline, NULL, &after);
  g_assert_cmpstr (after, ==, before);
  fixture_close (&f);
}

static void
test_play (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;

  if (!needs_display ())
    return;
  fixture_open (&f, corpus_incidents ());

  /* Through a selected range: a window of up to seven days ending on the
   * current day, one day further per tick, stopping at the end. */
  g_assert_true (marz_view_model_set_range (f.model, "2025-10-09", "2025-10-19", &error));
  marz_timeline_set_playing (f.timeline, TRUE);
  g_assert_true (marz_timeline_get_playing (f.timeline));
  assert_model_range (&f, "2025-10-09", "2025-10-09");
  g_assert_true (_marz_timeline_play_step (f.timeline));
  assert_model_range (&f, "2025-10-09", "2025-10-10");
  assert_cursor (&f, "2025-10-10");
  for (guint i = 0; i < 6; i++)
    g_assert_true (_marz_timeline_play_step (f.timeline));
  assert_model_range (&f, "2025-10-10", "2025-10-16");
  g_assert_true (_marz_timeline_play_step (f.timeline));
  g_assert_true (_marz_timeline_play_step (f.timeline));
  g_assert_false (_marz_timeline_play_step (f.timeline));
  assert_model_range (&f, "2025-10-13", "2025-10-19");
  g_assert_false (marz_timeline_get_playing (f.timeline));

  /* Space again starts over from the range play began with. */
  gtk_widget_activate_action (GTK_WIDGET (f.timeline), "timeline.toggle-play", NULL);
  g_assert_true (marz_timeline_get_playing (f.timeline));
  assert_model_range (&f, "2025-10-09", "2025-10-09");

  /* Pausing keeps the window; a range set elsewhere stops play. */
  gtk_widget_activate_action (GTK_WIDGET (f.timeline), "timeline.toggle-play", NULL);
  g_assert_false (marz_timeline_get_playing (f.timeline));
  assert_model_range (&f, "2025-10-09", "2025-10-09");
  marz_timeline_set_playing (f.timeline, TRUE);
  assert_model_range (&f, "2025-10-09", "2025-10-10");
  g_assert_true (marz_view_model_set_range (f.model, "2025-11-01", NULL, &error));
  g_assert_false (marz_timeline_get_playing (f.timeline));

  /* Without a range: the whole axis, from the first incident. */
  g_assert_true (marz_view_model_set_range (f.model, NULL, NULL, &error));
  marz_timeline_set_playing (f.timeline, TRUE);
  assert_model_range (&f, "2025-10-09", "2025-10-09");
  marz_timeline_set_playing (f.timeline, FALSE);
  fixture_close (&f);
}

static void
test_ticks (void)
{
  Fixture f = { 0 };
  GPtrArray *incidents;
  g_auto(GStrv) labels = NULL;

  if (!needs_display ())
    return;
  fixture_open (&f, corpus_incidents ());
  marz_timeline_zoom_to (f.timeline, "2025-10-01", "2025-10-10");
  g_assert_cmpint (marz_timeline_get_tick_unit (f.timeline), ==, MARZ_TIMELINE_TICK_DAY);
  labels = _marz_timeline_get_tick_labels (f.timeline);
  g_assert_cmpuint (g_strv_length (labels), ==, 10);
  g_assert_cmpstr (labels[0], ==, "1 Oct 2025");
  g_assert_cmpstr (labels[1], ==, "2 Oct");
  g_clear_pointer (&labels, g_strfreev);

  /* The whole corpus: Mondays. */
  marz_timeline_zoom_to (f.timeline, "2025-10-09", "2025-11-24");
  g_assert_cmpint (marz_timeline_get_tick_unit (f.timeline), ==, MARZ_TIMELINE_TICK_WEEK);
  labels = _marz_timeline_get_tick_labels (f.timeline);
  g_assert_cmpstr (labels[0], ==, "13 Oct 2025");
  g_assert_cmpstr (labels[1], ==, "20 Oct");
  g_clear_pointer (&labels, g_strfreev);
  fixture_close (&f);

  /* Eleven months: months, with the year on the first and on January. */
  incidents = corpus_incidents ();
  add (incidents, 100, MARZ_INCIDENT_STATEMENT, "2024-12-20");
  fixture_open (&f, incidents);
  g_assert_cmpint (marz_timeline_get_tick_unit (f.timeline), ==, MARZ_TIMELINE_TICK_MONTH);
  labels = _marz_timeline_get_tick_labels (f.timeline);
  g_assert_cmpstr (labels[0], ==, "Jan 2025");
  g_assert_cmpstr (labels[1], ==, "Feb");
  g_assert_cmpstr (labels[10], ==, "Nov");
  g_assert_null (labels[11]);
  fixture_close (&f);
}

static void
test_solar_hijri (void)
{
  Fixture f = { 0 };
  g_autofree char *dari = marz_labels_solar_hijri ("2025-11-24", TRUE, "fa_AF");
  g_autofree char *iranian = marz_labels_solar_hijri ("2025-11-24", TRUE, "fa_IR");
  g_autofree char *persian = marz_labels_solar_hijri ("2025-11-24", TRUE, "fa.UTF-8");
  g_autofree char *dari_utf8 = marz_labels_solar_hijri ("2025-11-24", TRUE, "fa_AF.UTF-8");
  g_autofree char *pashto = marz_labels_solar_hijri ("2025-11-24", TRUE, "ps_AF");
  g_autofree char *short_dari = marz_labels_solar_hijri ("2025-11-24", FALSE, "fa_AF");
  g_autofree char *english = marz_labels_solar_hijri ("2025-11-24", TRUE, "en_US.UTF-8");
  g_autofree char *month = marz_labels_solar_hijri ("2025-11", TRUE, "fa_AF");
  g_autofree char *description = NULL;
  g_auto(GStrv) labels = NULL;
  int jy, jm, jd;

  /* 24 November 2025 is 3 Azar (Qaws) 1404. */
  g_assert_true (marz_gregorian_to_jalali (2025, 11, 24, &jy, &jm, &jd));
  g_assert_cmpint (jy, ==, 1404);
  g_assert_cmpint (jm, ==, 9);
  g_assert_cmpint (jd, ==, 3);
  g_assert_cmpstr (dari, ==, "۳ قوس ۱۴۰۴");
  g_assert_cmpstr (dari_utf8, ==, "۳ قوس ۱۴۰۴");
  g_assert_cmpstr (iranian, ==, "۳ آذر ۱۴۰۴");
  g_assert_cmpstr (persian, ==, "۳ آذر ۱۴۰۴");
  g_assert_cmpstr (pashto, ==, "۳ لیندۍ ۱۴۰۴");
  g_assert_cmpstr (short_dari, ==, "۳ قوس");
  g_assert_null (english);
  g_assert_null (month);

  if (!needs_display ())
    return;
  fixture_open (&f, corpus_incidents ());
  _marz_timeline_set_locale (f.timeline, "fa_AF");
  description = _marz_timeline_describe_day (f.timeline, _marz_timeline_parse_day ("2025-11-24"));
  g_assert_cmpstr (description, ==, "24 November 2025 (" RLI "۳ قوس ۱۴۰۴" PDI "): 3 airstrikes");
  marz_timeline_zoom_to (f.timeline, "2025-11-20", "2025-11-26");
  labels = _marz_timeline_get_tick_labels (f.timeline);
  g_assert_cmpstr (labels[0], ==, "20 Nov 2025\n" RLI "۲۹ عقرب ۱۴۰۴" PDI);
  g_assert_cmpstr (labels[4], ==, "24 Nov\n" RLI "۳ قوس" PDI);
  fixture_close (&f);
}

static void
test_render (void)
{
  Fixture f = { 0 };
  g_autoptr(GdkTexture) texture = NULL;
  double violence, diplomacy;

  if (!needs_display ())
    return;
  fixture_open (&f, corpus_incidents ());
  texture = render (&f);
  violence = _marz_timeline_track_y (f.timeline, MARZ_CATEGORY_VIOLENCE);
  diplomacy = _marz_timeline_track_y (f.timeline, MARZ_CATEGORY_DIPLOMACY);

  assert_colour (pixel (texture, x_of (&f, "2025-10-09"), violence), MARZ_INCIDENT_AIRSTRIKE);
  assert_colour (pixel (texture, x_of (&f, "2025-11-24"), violence - 12), MARZ_INCIDENT_AIRSTRIKE);
  assert_colour (pixel (texture, x_of (&f, "2025-11-07"), violence), MARZ_INCIDENT_CLASH);
  assert_colour (pixel (texture, x_of (&f, "2025-10-19"), diplomacy), MARZ_INCIDENT_CEASEFIRE);
  assert_colour (pixel (texture, x_of (&f, "2025-11-06"), diplomacy), MARZ_INCIDENT_TALKS);
  fixture_close (&f);
}

static void
test_month_precision (void)
{
  Fixture f = { 0 };
  GPtrArray *incidents;
  g_autoptr(GdkTexture) texture = NULL;
  double lane;

  if (!needs_display ())
    return;
  incidents = corpus_incidents ();
  g_ptr_array_add (incidents, incident (50, MARZ_INCIDENT_SHELLING, "2025-09", MARZ_DATE_PRECISION_MONTH));
  g_ptr_array_add (incidents, incident (51, MARZ_INCIDENT_ATTACK, NULL, MARZ_DATE_PRECISION_UNKNOWN));
  g_ptr_array_add (incidents, incident (52, MARZ_INCIDENT_ATTACK, "2025-13-01", MARZ_DATE_PRECISION_DAY));
  fixture_open (&f, incidents);

  /* September as a bar across the month, in the lane under the marks; the
   * undated and the impossible dates are left out. */
  assert_visible (&f, "2025-09-01", "2025-11-24");
  lane = _marz_timeline_track_y (f.timeline, MARZ_CATEGORY_VIOLENCE) + 8;
  texture = render (&f);
  assert_colour (pixel (texture, x_of (&f, "2025-09-02"), lane), MARZ_INCIDENT_SHELLING);
  assert_colour (pixel (texture, x_of (&f, "2025-09-29"), lane), MARZ_INCIDENT_SHELLING);
  _marz_timeline_click (f.timeline, x_of (&f, "2025-09-15"), lane);
  g_assert_cmpint (marz_view_model_get_selected_incident (f.model), ==, 50);
  fixture_close (&f);
}

static void
test_empty (void)
{
  Fixture f = { 0 };
  g_autoptr(GdkTexture) texture = NULL;

  if (!needs_display ())
    return;
  fixture_open (&f, g_ptr_array_new_with_free_func ((GDestroyNotify) marz_incident_free));
  texture = render (&f);
  g_assert_nonnull (texture);
  g_assert_null (_marz_timeline_mark_at (f.timeline, WIDTH / 2.0,
                                         _marz_timeline_track_y (f.timeline, MARZ_CATEGORY_VIOLENCE)));
  marz_timeline_set_playing (f.timeline, TRUE);
  g_assert_false (marz_timeline_get_playing (f.timeline));
  gtk_widget_activate_action (GTK_WIDGET (f.timeline), "timeline.select-at-cursor", NULL);
  g_assert_cmpint (marz_view_model_get_selected_incident (f.model), ==, 0);
  fixture_close (&f);
}

/* The marks as marz_store_list_incident_marks() gives them: by day, type
 * and id, those of @types (a mask) that have a date. */
static GArray *
marks_of (GPtrArray *incidents,
          guint      types)
{
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (MarzIncidentMark));

  for (gint32 day = _marz_timeline_parse_day ("2025-01-01"); day <= _marz_timeline_parse_day ("2025-12-31"); day++)
    for (guint t = 0; t < MARZ_N_INCIDENT_TYPES; t++)
      for (gint64 id = 0; id < 100; id++)
        for (guint i = 0; i < incidents->len; i++)
          {
            MarzIncident *incident = g_ptr_array_index (incidents, i);
            MarzIncidentMark mark = { incident->id, 0, 0, incident->type };

            if (incident->id == id && incident->type == t && (types & (1u << t))
                && _marz_timeline_parse_date (incident->date, incident->precision, &mark.first, &mark.last)
                && mark.first == day)
              g_array_append_val (marks, mark);
          }
  return marks;
}

static void
assert_same_marks (GArray *x,
                   GArray *y)
{
  g_assert_cmpuint (x->len, ==, y->len);
  for (guint i = 0; i < x->len; i++)
    {
      TimelineMark *m = &g_array_index (x, TimelineMark, i), *n = &g_array_index (y, TimelineMark, i);

      g_assert_cmpint (m->id, ==, n->id);
      g_assert_cmpint (m->first, ==, n->first);
      g_assert_cmpint (m->last, ==, n->last);
      g_assert_cmpint (m->type, ==, n->type);
    }
}

static void
assert_same_bins (GArray *x,
                  GArray *y)
{
  g_assert_cmpuint (x->len, ==, y->len);
  for (guint i = 0; i < x->len; i++)
    {
      TimelineBin *m = &g_array_index (x, TimelineBin, i), *n = &g_array_index (y, TimelineBin, i);

      g_assert_cmpint (m->first, ==, n->first);
      g_assert_cmpint (m->last, ==, n->last);
      g_assert_cmpuint (m->start, ==, n->start);
      g_assert_cmpmem (m->counts, sizeof m->counts, n->counts, sizeof n->counts);
    }
}

static void
assert_same_tracks (MarzTimeline *a,
                    MarzTimeline *b)
{
  for (guint t = 0; t < TIMELINE_N_TRACKS; t++)
    {
      assert_same_marks (a->data->tracks[t].day_marks, b->data->tracks[t].day_marks);
      assert_same_marks (a->data->tracks[t].span_marks, b->data->tracks[t].span_marks);
      assert_same_bins (a->data->tracks[t].days, b->data->tracks[t].days);
      assert_same_bins (a->data->tracks[t].spans, b->data->tracks[t].spans);
    }
}

static const TimelineBin *
day_bin (MarzTimeline *timeline,
         guint         track,
         const char   *date)
{
  GArray *days = timeline->data->tracks[track].days;
  guint i = _marz_timeline_lower_bound (days, _marz_timeline_parse_day (date));

  return i < days->len && g_array_index (days, TimelineBin, i).first == _marz_timeline_parse_day (date)
         ? &g_array_index (days, TimelineBin, i) : NULL;
}

/* What a filter change feeds it: the store's compact marks, binned as the
 * incidents were, and still one clickable mark each. */
static void
test_marks (void)
{
  Fixture f = { 0 };
  g_autoptr(GPtrArray) incidents = corpus_incidents ();
  g_autoptr(GArray) all = NULL, airstrikes = NULL;
  MarzTimeline *reference;
  const TimelineBin *bin;

  if (!needs_display ())
    return;
  g_ptr_array_add (incidents, incident (50, MARZ_INCIDENT_SHELLING, "2025-09", MARZ_DATE_PRECISION_MONTH));
  all = marks_of (incidents, ~0u);
  airstrikes = marks_of (incidents, 1u << MARZ_INCIDENT_AIRSTRIKE);
  fixture_open (&f, corpus_incidents ());

  /* The same as from the incidents. */
  reference = MARZ_TIMELINE (g_object_ref_sink (marz_timeline_new ()));
  marz_timeline_set_incidents (reference, incidents);
  marz_timeline_set_marks (f.timeline, all);
  assert_same_tracks (f.timeline, reference);
  g_object_unref (reference);

  /* Airstrikes alone: 24 November counts three, the clash and diplomacy go. */
  marz_timeline_set_marks (f.timeline, airstrikes);
  flush (&f);
  bin = day_bin (f.timeline, 0, "2025-11-24");
  g_assert_nonnull (bin);
  g_assert_cmpuint (bin->n, ==, 3);
  g_assert_cmpuint (bin->counts[MARZ_INCIDENT_AIRSTRIKE], ==, 3);
  g_assert_null (day_bin (f.timeline, 0, "2025-11-07"));
  g_assert_cmpuint (f.timeline->data->tracks[1].days->len, ==, 0);
  g_assert_cmpuint (f.timeline->data->tracks[0].spans->len, ==, 0);
  _marz_timeline_click (f.timeline, x_of (&f, "2025-11-24"), _marz_timeline_track_y (f.timeline,
                                                                                    MARZ_CATEGORY_VIOLENCE));
  g_assert_cmpint (marz_view_model_get_selected_incident (f.model), ==, KHOST);

  /* Back to all: the clash is a mark again. */
  marz_timeline_set_marks (f.timeline, all);
  flush (&f);
  bin = day_bin (f.timeline, 0, "2025-11-07");
  g_assert_nonnull (bin);
  g_assert_cmpuint (bin->counts[MARZ_INCIDENT_CLASH], ==, 1);
  _marz_timeline_click (f.timeline, x_of (&f, "2025-11-07"), _marz_timeline_track_y (f.timeline,
                                                                                    MARZ_CATEGORY_VIOLENCE));
  g_assert_cmpint (marz_view_model_get_selected_incident (f.model), ==, SPIN_BOLDAK);
  fixture_close (&f);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The test context keeps accessible properties, for the assertions. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  have_display = gtk_init_check ();
  g_test_add_func ("/timeline/axis", test_axis);
  g_test_add_func ("/timeline/drag-range", test_drag_range);
  g_test_add_func ("/timeline/model-range", test_model_range);
  g_test_add_func ("/timeline/click-selects", test_click_selects);
  g_test_add_func ("/timeline/model-selects", test_model_selects);
  g_test_add_func ("/timeline/rtl", test_rtl);
  g_test_add_func ("/timeline/keyboard", test_keyboard);
  g_test_add_func ("/timeline/play", test_play);
  g_test_add_func ("/timeline/ticks", test_ticks);
  g_test_add_func ("/timeline/solar-hijri", test_solar_hijri);
  g_test_add_func ("/timeline/render", test_render);
  g_test_add_func ("/timeline/month-precision", test_month_precision);
  g_test_add_func ("/timeline/empty", test_empty);
  g_test_add_func ("/timeline/marks", test_marks);
  return g_test_run ();
}
