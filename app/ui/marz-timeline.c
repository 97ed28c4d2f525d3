/* marz-timeline.c: the timeline object, its view of the axis and its public API
 *
 * The timeline strip.  Its data is in marz-timeline-data.c, the model's
 * range and selection, the cursor and play in marz-timeline-model.c, the
 * pointer and keys in marz-timeline-input.c, geometry and drawing in
 * marz-timeline-draw.c.
 *
 * What set_incidents() keeps, and how, is in marz-timeline-data.c.  Feed it
 * the incidents that pass every filter but the date range: the strip shows
 * the range as shading, not by hiding incidents.
 *
 * Right to left.  Time flows from the start edge: right to left in RTL
 * locales, where Left moves the cursor later.
 */
#define G_LOG_DOMAIN "marz-timeline"

#include "marz-timeline-private.h"

#include <glib/gi18n.h>
#include <math.h>

#include "marz-labels.h"
#include "marz-resources.h"

#define MAX_PX_PER_DAY   240.0
#define MIN_AXIS_WIDTH   120
#define NAT_AXIS_WIDTH   640

G_DEFINE_FINAL_TYPE (MarzTimeline, marz_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_PLAYING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* The view                                                                 */

static double
axis_width (MarzTimeline *self)
{
  TimelineGeometry g;

  _marz_timeline_get_geometry (self, &g);
  return g.axis_end - g.axis_start;
}

void
_marz_timeline_clamp_view (MarzTimeline *self)
{
  double width = axis_width (self);
  double span = self->limit_last + 1.0 - self->limit_first;

  if (width <= 0)
    return;
  self->px_per_day = CLAMP (self->px_per_day, width / span, MAX (MAX_PX_PER_DAY, width / span));
  self->view_start = CLAMP (self->view_start, self->limit_first,
                            self->limit_last + 1.0 - width / self->px_per_day);
  self->visible_days = width / self->px_per_day;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Shows [first, last] across the axis, or as much as the zoom allows. */
static void
show_days (MarzTimeline *self,
           gint32        first,
           gint32        last)
{
  double width = axis_width (self);

  if (width <= 0 || gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    {
      self->pending_first = first;
      self->pending_last = last;
      return;
    }
  self->pending_first = self->pending_last = TIMELINE_NO_DAY;
  self->px_per_day = width / (last + 1.0 - first);
  self->view_start = first;
  if (self->px_per_day > MAX_PX_PER_DAY)
    self->view_start = (first + last + 1.0) / 2 - width / MAX_PX_PER_DAY / 2;
  _marz_timeline_clamp_view (self);
}

void
_marz_timeline_scroll_to_day (MarzTimeline *self,
                              gint32        day)
{
  double days = axis_width (self) / self->px_per_day;

  if (self->pending_first != TIMELINE_NO_DAY || days <= 0)
    return;
  if (day < self->view_start || day + 1 > self->view_start + days)
    {
      self->view_start = day + 0.5 - days / 2;
      _marz_timeline_clamp_view (self);
    }
}

/* Whether the view is the whole span of the incidents, as set_incidents()
 * left it. */
static gboolean
showing_all (MarzTimeline *self)
{
  return fabs (self->view_start - self->data->first) < 1e-6
         && fabs (self->view_start + self->visible_days - (self->data->last + 1.0)) < 1e-6;
}

void
_marz_timeline_zoom_around (MarzTimeline *self,
                            double        factor,
                            double        x)
{
  TimelineGeometry g;
  double u, day;

  _marz_timeline_get_geometry (self, &g);
  u = CLAMP (_marz_timeline_u_from_x (self, x), g.axis_start, g.axis_end);
  day = _marz_timeline_day_at_u (self, &g, u);
  self->px_per_day *= factor;
  _marz_timeline_clamp_view (self);
  self->view_start = day - (u - g.axis_start) / self->px_per_day;
  _marz_timeline_clamp_view (self);
}

/* @dx: pixels towards later days */
void
_marz_timeline_pan (MarzTimeline *self,
                    double        dx)
{
  self->view_start += dx / self->px_per_day;
  _marz_timeline_clamp_view (self);
}

/* ------------------------------------------------------------------------ */
/* The model and play, for the object (the rest in marz-timeline-model.c)   */

static void
on_model_changed_cb (MarzViewModel *model,
                     guint          changes,
                     MarzTimeline  *self)
{
  if (changes & MARZ_VIEW_CHANGED_RANGE)
    _marz_timeline_sync_range (self);
  if (changes & MARZ_VIEW_CHANGED_SELECTION)
    _marz_timeline_sync_selection (self, TRUE);
}

void
_marz_timeline_set_play_state (MarzTimeline *self,
                               gboolean      playing)
{
  const char *label = playing ? _("Pause") : _("Play");

  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            playing ? "media-playback-pause-symbolic"
                                    : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

/* ------------------------------------------------------------------------ */
/* Overrides                                                                */

static void
marz_timeline_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  MarzTimeline *self = MARZ_TIMELINE (widget);
  int button_min, button_nat;

  gtk_widget_measure (self->play_button, orientation, -1, &button_min, &button_nat, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int start = button_nat + 3 * TIMELINE_PAD + (int) ceilf (_marz_timeline_measure_names (self));

      *minimum = start + MIN_AXIS_WIDTH;
      *natural = start + NAT_AXIS_WIDTH;
    }
  else
    {
      self->header_height = _marz_timeline_measure_header (self);
      *minimum = *natural = MAX (button_nat, (int) ceilf (self->header_height + TIMELINE_TRACKS_HEIGHT));
    }
}

static void
marz_timeline_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  MarzTimeline *self = MARZ_TIMELINE (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int button_w, button_h;
  GtkAllocation button;

  gtk_widget_measure (self->play_button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &button_w, NULL, NULL);
  gtk_widget_measure (self->play_button, GTK_ORIENTATION_VERTICAL, button_w, NULL, &button_h, NULL, NULL);
  self->header_height = _marz_timeline_measure_header (self);
  self->start_width = button_w + 3 * TIMELINE_PAD + ceilf (_marz_timeline_measure_names (self));
  button.width = button_w;
  button.height = button_h;
  button.x = rtl ? width - TIMELINE_PAD - button_w : TIMELINE_PAD;
  button.y = self->header_height + (TIMELINE_TRACKS_HEIGHT - button_h) / 2;
  gtk_widget_size_allocate (self->play_button, &button, -1);

  if (self->pending_first != TIMELINE_NO_DAY)
    show_days (self, self->pending_first, self->pending_last);
  else if (self->visible_days > 0)
    {
      /* Keeps the days in view when the window is resized. */
      self->px_per_day = axis_width (self) / self->visible_days;
      _marz_timeline_clamp_view (self);
    }
}

static void
marz_timeline_direction_changed (GtkWidget        *widget,
                                 GtkTextDirection  previous)
{
  gtk_widget_queue_allocate (widget);
  GTK_WIDGET_CLASS (marz_timeline_parent_class)->direction_changed (widget, previous);
}

static gboolean
marz_timeline_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard,
                             GtkTooltip *tooltip)
{
  MarzTimeline *self = MARZ_TIMELINE (widget);
  TimelineGeometry g;
  double u = _marz_timeline_u_from_x (self, x);
  g_autofree char *text = NULL;

  _marz_timeline_get_geometry (self, &g);
  if (keyboard || self->data->first == TIMELINE_NO_DAY
      || u < g.axis_start || u >= g.axis_end || y < g.track_top[0])
    return FALSE;
  text = _marz_timeline_describe_day (self, (gint32) floor (_marz_timeline_day_at_u (self, &g, u)));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
marz_timeline_dispose (GObject *object)
{
  MarzTimeline *self = MARZ_TIMELINE (object);

  g_clear_handle_id (&self->play_source, g_source_remove);
  if (self->model != NULL)
    g_clear_signal_handler (&self->model_changed_id, self->model);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), MARZ_TYPE_TIMELINE);
  G_OBJECT_CLASS (marz_timeline_parent_class)->dispose (object);
}

static void
marz_timeline_finalize (GObject *object)
{
  MarzTimeline *self = MARZ_TIMELINE (object);

  for (guint t = 0; t < TIMELINE_N_TRACKS; t++)
    g_clear_pointer (&self->columns[t], g_array_unref);
  g_clear_pointer (&self->data, marz_timeline_data_unref);
  g_free (self->locale);
  G_OBJECT_CLASS (marz_timeline_parent_class)->finalize (object);
}

static void
marz_timeline_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MarzTimeline *self = MARZ_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, marz_timeline_get_playing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
marz_timeline_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MarzTimeline *self = MARZ_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      marz_timeline_set_model (self, g_value_get_object (value));
      break;
    case PROP_PLAYING:
      marz_timeline_set_playing (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
marz_timeline_class_init (MarzTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = marz_timeline_dispose;
  object_class->finalize = marz_timeline_finalize;
  object_class->get_property = marz_timeline_get_property;
  object_class->set_property = marz_timeline_set_property;
  widget_class->measure = marz_timeline_measure;
  widget_class->size_allocate = marz_timeline_size_allocate;
  widget_class->snapshot = _marz_timeline_snapshot;
  widget_class->direction_changed = marz_timeline_direction_changed;
  widget_class->query_tooltip = marz_timeline_query_tooltip;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MARZ_TYPE_VIEW_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  (void) marz_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marzatlas/Marz/ui/marz-timeline.ui");
  gtk_widget_class_bind_template_child (widget_class, MarzTimeline, play_button);
  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  _marz_timeline_class_init_input (widget_class);
}

static void
marz_timeline_init (MarzTimeline *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint t = 0; t < TIMELINE_N_TRACKS; t++)
    self->columns[t] = g_array_new (FALSE, FALSE, sizeof (TimelineColumn));
  _marz_timeline_set_locale (self, g_get_language_names ()[0]);
  self->range_first = self->range_last = TIMELINE_NO_DAY;
  self->cursor = self->anchor = TIMELINE_NO_DAY;
  self->drag_first = self->drag_last = TIMELINE_NO_DAY;
  self->play_day = self->play_set_first = self->play_set_last = TIMELINE_NO_DAY;
  self->selected_track = -1;
  self->px_per_day = 1;
  self->data = _marz_timeline_data_new_from_incidents (NULL);
  _marz_timeline_set_limits (self);
  self->view_start = self->limit_first;
  show_days (self, self->limit_first, self->limit_last);
  _marz_timeline_init_input (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */

GtkWidget *
marz_timeline_new (void)
{
  return g_object_new (MARZ_TYPE_TIMELINE, NULL);
}

/**
 * marz_timeline_get_model:
 *
 * Returns: (transfer none) (nullable): the view-model it observes
 */
MarzViewModel *
marz_timeline_get_model (MarzTimeline *self)
{
  g_return_val_if_fail (MARZ_IS_TIMELINE (self), NULL);

  return self->model;
}

/**
 * marz_timeline_set_model:
 * @model: (nullable): the view-model to observe and change
 */
void
marz_timeline_set_model (MarzTimeline  *self,
                         MarzViewModel *model)
{
  g_return_if_fail (MARZ_IS_TIMELINE (self));
  g_return_if_fail (model == NULL || MARZ_IS_VIEW_MODEL (model));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_clear_signal_handler (&self->model_changed_id, self->model);
  g_set_object (&self->model, model);
  if (model != NULL)
    {
      self->model_changed_id = g_signal_connect (model, "changed",
                                                 G_CALLBACK (on_model_changed_cb), self);
      _marz_timeline_sync_range (self);
    }
  else
    self->range_first = self->range_last = TIMELINE_NO_DAY;
  _marz_timeline_sync_selection (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/* What set_incidents(), set_marks() and set_data() share: a swap, the
 * view kept or fitted to the new days, the selection found again. */
static void
load (MarzTimeline     *self,
      MarzTimelineData *data)
{
  gboolean keep_view = self->data->first != TIMELINE_NO_DAY && self->pending_first == TIMELINE_NO_DAY
                       && !showing_all (self);

  g_clear_pointer (&self->data, marz_timeline_data_unref);
  self->data = data;
  _marz_timeline_set_limits (self);
  if (keep_view && self->data->first != TIMELINE_NO_DAY)
    _marz_timeline_clamp_view (self);
  else if (self->data->first != TIMELINE_NO_DAY)
    show_days (self, self->data->first, self->data->last);
  else
    show_days (self, self->limit_first, self->limit_last);
  if (self->cursor == TIMELINE_NO_DAY || self->cursor < self->limit_first
      || self->cursor > self->limit_last)
    self->cursor = self->data->first != TIMELINE_NO_DAY ? self->data->first : self->limit_last;
  _marz_timeline_sync_selection (self, FALSE);
  _marz_timeline_update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * marz_timeline_set_incidents:
 * @incidents: (element-type MarzIncident): the incidents to show: those that
 *   pass every filter but the date range
 *
 * Copies what it draws (id, type, date); the array may go afterwards.  The
 * axis then spans the earliest to the latest of them, unless the user had
 * zoomed or panned away from showing all of the previous ones: then the
 * view stays (within the new limits), so that a change of filters does not
 * lose it.
 */
void
marz_timeline_set_incidents (MarzTimeline *self,
                             GPtrArray    *incidents)
{
  g_return_if_fail (MARZ_IS_TIMELINE (self));
  g_return_if_fail (incidents != NULL);

  load (self, _marz_timeline_data_new_from_incidents (incidents));
}

/**
 * marz_timeline_set_marks:
 * @marks: (element-type MarzIncidentMark): as marz_store_list_incident_marks()
 *   gives them
 *
 * As marz_timeline_set_incidents(), from what the store keeps in memory:
 * the way to feed it a million incidents.  The sorting and binning happen
 * here, in the calling thread; marz_timeline_set_data() takes them done.
 */
void
marz_timeline_set_marks (MarzTimeline *self,
                         GArray       *marks)
{
  g_return_if_fail (MARZ_IS_TIMELINE (self));
  g_return_if_fail (marks != NULL);

  load (self, marz_timeline_data_new (marks));
}

/**
 * marz_timeline_set_data:
 * @data: what marz_timeline_data_new() built, in any thread
 *
 * As marz_timeline_set_marks(), with the sorting and binning done
 * beforehand: what is left for the main thread is a swap, the limits of the
 * view and the selection looked up again.
 */
void
marz_timeline_set_data (MarzTimeline     *self,
                        MarzTimelineData *data)
{
  g_return_if_fail (MARZ_IS_TIMELINE (self));
  g_return_if_fail (data != NULL);

  load (self, marz_timeline_data_ref (data));
}

/* How many incidents it marks, whatever the visible range. */
guint
marz_timeline_get_n_marks (MarzTimeline *self)
{
  g_return_val_if_fail (MARZ_IS_TIMELINE (self), 0);

  return marz_timeline_data_get_n_marks (self->data);
}

gboolean
marz_timeline_get_playing (MarzTimeline *self)
{
  g_return_val_if_fail (MARZ_IS_TIMELINE (self), FALSE);

  return self->play_source != 0;
}

/**
 * marz_timeline_set_playing:
 *
 * Starts or pauses stepping the model's range through time (see the top of
 * marz-timeline-model.c); the same as the play button and Space.
 */
void
marz_timeline_set_playing (MarzTimeline *self,
                           gboolean      playing)
{
  g_return_if_fail (MARZ_IS_TIMELINE (self));

  if (playing)
    _marz_timeline_start_playing (self);
  else
    _marz_timeline_stop_playing (self);
}

/**
 * marz_timeline_zoom_to:
 * @from: "YYYY-MM-DD"
 * @to: "YYYY-MM-DD"
 *
 * Shows [@from, @to] across the axis, within the months around the
 * incidents and at most 240 pixels a day.
 */
void
marz_timeline_zoom_to (MarzTimeline *self,
                       const char   *from,
                       const char   *to)
{
  gint32 first, last;

  g_return_if_fail (MARZ_IS_TIMELINE (self));
  first = _marz_timeline_parse_day (from);
  last = _marz_timeline_parse_day (to);
  g_return_if_fail (first != TIMELINE_NO_DAY && last != TIMELINE_NO_DAY && first <= last);

  show_days (self, first, last);
}

/**
 * marz_timeline_get_visible_range:
 * @from: (out) (transfer full) (optional): the first day at least half shown
 * @to: (out) (transfer full) (optional): the last one
 */
void
marz_timeline_get_visible_range (MarzTimeline  *self,
                                 char         **from,
                                 char         **to)
{
  double days;

  g_return_if_fail (MARZ_IS_TIMELINE (self));

  days = self->visible_days > 0 ? self->visible_days : 1;
  if (from != NULL)
    *from = _marz_timeline_format_day ((gint32) floor (self->view_start + 0.5));
  if (to != NULL)
    *to = _marz_timeline_format_day ((gint32) floor (self->view_start + days - 0.5));
}

/**
 * marz_timeline_x_for_date:
 * @date: "YYYY-MM-DD"
 *
 * Returns: the x, in the widget's coordinates, of the middle of @date on the
 *   axis (outside the widget when @date is not in view)
 */
double
marz_timeline_x_for_date (MarzTimeline *self,
                          const char   *date)
{
  TimelineGeometry g;
  gint32 day;
  double u;

  g_return_val_if_fail (MARZ_IS_TIMELINE (self), 0);
  day = _marz_timeline_parse_day (date);
  g_return_val_if_fail (day != TIMELINE_NO_DAY, 0);

  _marz_timeline_get_geometry (self, &g);
  u = _marz_timeline_u_for_day (self, &g, day + 0.5);
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? g.width - u : u;
}

/**
 * marz_timeline_date_at_x:
 *
 * Returns: (transfer full): the day at @x on the axis, "YYYY-MM-DD"
 */
char *
marz_timeline_date_at_x (MarzTimeline *self,
                         double        x)
{
  TimelineGeometry g;

  g_return_val_if_fail (MARZ_IS_TIMELINE (self), NULL);

  _marz_timeline_get_geometry (self, &g);
  return _marz_timeline_format_day ((gint32) floor (_marz_timeline_day_at_u (
    self, &g, _marz_timeline_u_from_x (self, x))));
}

MarzTimelineTickUnit
marz_timeline_get_tick_unit (MarzTimeline *self)
{
  g_return_val_if_fail (MARZ_IS_TIMELINE (self), MARZ_TIMELINE_TICK_DAY);

  return _marz_timeline_tick_unit_for (self, self->px_per_day);
}

/* ------------------------------------------------------------------------ */
/* For the tests                                                            */

/* Returns: (transfer full) (nullable): the cursor's day */
char *
_marz_timeline_get_cursor (MarzTimeline *self)
{
  return self->cursor != TIMELINE_NO_DAY ? _marz_timeline_format_day (self->cursor) : NULL;
}

/* The range drawn shaded (NULL for an open end); FALSE when there is none. */
gboolean
_marz_timeline_get_shaded_range (MarzTimeline  *self,
                                 char         **from,
                                 char         **to)
{
  gint32 first = self->drag_first != TIMELINE_NO_DAY ? self->drag_first : self->range_first;
  gint32 last = self->drag_first != TIMELINE_NO_DAY ? self->drag_last : self->range_last;

  *from = first != TIMELINE_NO_DAY ? _marz_timeline_format_day (first) : NULL;
  *to = last != TIMELINE_NO_DAY ? _marz_timeline_format_day (last) : NULL;
  return first != TIMELINE_NO_DAY || last != TIMELINE_NO_DAY;
}

/* The incident drawn as selected, 0 for none. */
gint64
_marz_timeline_get_marked (MarzTimeline *self)
{
  return self->selected_track >= 0 ? self->selected.id : 0;
}

void
_marz_timeline_set_locale (MarzTimeline *self,
                           const char   *locale)
{
  g_autofree char *probe = marz_labels_solar_hijri ("2025-01-01", FALSE, locale);

  g_free (self->locale);
  self->locale = g_strdup (locale);
  self->solar = probe != NULL;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
