/* marz-timeline-input.c
 *
 * What the pointer and the keys do to the timeline.  The gesture callbacks
 * only translate events into calls that the tests make too
 * (_marz_timeline_click, _marz_timeline_select_between_x, …), since GTK 4
 * cannot synthesize events.
 *
 * Pointer: a primary drag across the axis selects a date range (sent to the
 * model when the button is released); a click selects the mark under it, or
 * moves the cursor to that day; a middle-button or Shift drag pans; Ctrl +
 * wheel or a pinch zooms around the pointer; the wheel alone pans.
 *
 * Keys: Left/Right move the cursor a day (visually: in RTL, Left is later),
 * with Shift they extend the range from where the cursor was; Home/End go to
 * the first and last incident; Enter selects the incident nearest the
 * cursor (again: the next one on that day); +/- zoom; Space plays or
 * pauses; Escape clears the range.
 */
#define G_LOG_DOMAIN "marz-timeline"

#include "marz-timeline-private.h"

#include <math.h>

#define ZOOM_STEP      1.25
#define WHEEL_PX       48.0
#define DRAG_THRESHOLD 4.0

static double
cursor_x (MarzTimeline *self)
{
  g_autofree char *date = _marz_timeline_format_day (self->cursor);

  return marz_timeline_x_for_date (self, date);
}

static void
move_cursor (MarzTimeline *self,
             gint32        day,
             gboolean      extend)
{
  if (self->cursor == TIMELINE_NO_DAY)
    return;
  if (!extend)
    self->anchor = TIMELINE_NO_DAY;
  else if (self->anchor == TIMELINE_NO_DAY)
    self->anchor = self->cursor;
  _marz_timeline_set_cursor (self, day);
  if (extend)
    _marz_timeline_set_range (self, MIN (self->anchor, self->cursor), MAX (self->anchor, self->cursor));
}

/* The incidents on the day nearest @day that has any, in track order. */
static GArray *
marks_nearest (MarzTimeline *self,
               gint32        day)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (TimelineMark));
  const TimelineBin *best[TIMELINE_N_TRACKS] = { NULL, NULL };
  gint64 best_distance = G_MAXINT64;

  for (guint t = 0; t < TIMELINE_N_TRACKS; t++)
    for (guint i = 0; i < self->data->tracks[t].days->len; i++)
      {
        const TimelineBin *bin = &g_array_index (self->data->tracks[t].days, TimelineBin, i);
        gint64 distance = ABS ((gint64) bin->first - day);

        if (distance < best_distance)
          best_distance = distance, best[0] = best[1] = NULL;
        if (distance == best_distance)
          best[t] = bin;
      }
  for (guint t = 0; t < TIMELINE_N_TRACKS; t++)
    if (best[t] != NULL)
      g_array_append_vals (found, &g_array_index (self->data->tracks[t].day_marks, TimelineMark,
                                                  best[t]->start), best[t]->n);
  return found;
}

/* Enter: the first incident of the nearest day with any, or the next one of
 * that day when one of them is already selected. */
static void
select_at_cursor (MarzTimeline *self)
{
  g_autoptr(GArray) marks = marks_nearest (self, self->cursor);
  guint next = 0;

  for (guint i = 0; i < marks->len; i++)
    if (g_array_index (marks, TimelineMark, i).id == self->selected_id)
      next = (i + 1) % marks->len;
  if (marks->len > 0)
    _marz_timeline_select (self, g_array_index (marks, TimelineMark, next).id);
}

static void
move_cursor_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MarzTimeline *self = MARZ_TIMELINE (widget);
  int step;
  gboolean extend;

  g_variant_get (parameter, "(ib)", &step, &extend);
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    step = -step;
  move_cursor (self, self->cursor + step, extend);
}

static void
cursor_edge_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MarzTimeline *self = MARZ_TIMELINE (widget);
  int edge;
  gboolean extend;

  g_variant_get (parameter, "(ib)", &edge, &extend);
  if (self->data->first != TIMELINE_NO_DAY)
    move_cursor (self, edge < 0 ? self->data->first : self->data->last, extend);
}

static void
select_at_cursor_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  select_at_cursor (MARZ_TIMELINE (widget));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MarzTimeline *self = MARZ_TIMELINE (widget);
  double factor = g_variant_get_int32 (parameter) > 0 ? ZOOM_STEP : 1 / ZOOM_STEP;

  _marz_timeline_zoom_around (self, factor, self->cursor != TIMELINE_NO_DAY
                                            ? cursor_x (self)
                                            : gtk_widget_get_width (widget) / 2.0);
}

static void
toggle_play_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MarzTimeline *self = MARZ_TIMELINE (widget);

  marz_timeline_set_playing (self, self->play_source == 0);
}

static void
clear_range_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _marz_timeline_set_range (MARZ_TIMELINE (widget), TIMELINE_NO_DAY, TIMELINE_NO_DAY);
}

static gint32
day_at_x (MarzTimeline *self,
          double        x)
{
  TimelineGeometry g;
  double u;

  _marz_timeline_get_geometry (self, &g);
  u = CLAMP (_marz_timeline_u_from_x (self, x), g.axis_start, g.axis_end - 0.01);
  return (gint32) floor (_marz_timeline_day_at_u (self, &g, u));
}

void
_marz_timeline_select_between_x (MarzTimeline *self,
                                 double        x1,
                                 double        x2)
{
  gint32 a = day_at_x (self, x1), b = day_at_x (self, x2);

  _marz_timeline_set_range (self, MIN (a, b), MAX (a, b));
}

void
_marz_timeline_click (MarzTimeline *self,
                      double        x,
                      double        y)
{
  const TimelineMark *mark = _marz_timeline_mark_at (self, x, y);

  if (mark != NULL)
    _marz_timeline_select (self, mark->id);
  else
    move_cursor (self, day_at_x (self, x), FALSE);
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  MarzTimeline   *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (button == GDK_BUTTON_SECONDARY)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag = button == GDK_BUTTON_MIDDLE || (state & GDK_SHIFT_MASK) ? DRAG_PAN : DRAG_SELECT;
  self->drag_x = x;
  self->drag_y = y;
  self->drag_view_start = self->view_start;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   MarzTimeline   *self)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  gint32 a, b;

  if (self->drag == DRAG_PAN)
    {
      self->view_start = self->drag_view_start - (rtl ? -dx : dx) / self->px_per_day;
      _marz_timeline_clamp_view (self);
    }
  else if (self->drag == DRAG_SELECT && fabs (dx) >= DRAG_THRESHOLD)
    {
      a = day_at_x (self, self->drag_x);
      b = day_at_x (self, self->drag_x + dx);
      self->drag_first = MIN (a, b);
      self->drag_last = MAX (a, b);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_drag_end_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                MarzTimeline   *self)
{
  if (self->drag == DRAG_SELECT && fabs (dx) < DRAG_THRESHOLD && fabs (dy) < DRAG_THRESHOLD)
    _marz_timeline_click (self, self->drag_x, self->drag_y);
  else if (self->drag == DRAG_SELECT)
    _marz_timeline_select_between_x (self, self->drag_x, self->drag_x + dx);
  self->drag = DRAG_NONE;
  self->drag_first = self->drag_last = TIMELINE_NO_DAY;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_cancel_cb (GtkGesture       *gesture,
                   GdkEventSequence *sequence,
                   MarzTimeline     *self)
{
  self->drag = DRAG_NONE;
  self->drag_first = self->drag_last = TIMELINE_NO_DAY;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Ctrl + wheel zooms around the pointer; the wheel alone pans. */
static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              MarzTimeline             *self)
{
  GtkEventController *ec = GTK_EVENT_CONTROLLER (controller);
  GdkEvent *event = gtk_event_controller_get_current_event (ec);
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0, y;

  if (event != NULL)
    gdk_event_get_position (event, &x, &y);
  if (gtk_event_controller_get_current_event_state (ec) & GDK_CONTROL_MASK)
    _marz_timeline_zoom_around (self, wheel ? pow (ZOOM_STEP, -dy) : exp (-dy / 100), x);
  else
    _marz_timeline_pan (self, ((rtl ? -dx : dx) + dy) * (wheel ? WHEEL_PX : 1));
  return TRUE;
}

static void
on_pinch_begin_cb (GtkGesture       *gesture,
                   GdkEventSequence *sequence,
                   MarzTimeline     *self)
{
  double x, y;

  self->pinch_px_per_day = self->px_per_day;
  if (gtk_gesture_get_bounding_box_center (gesture, &x, &y))
    self->pinch_u = x;
}

static void
on_pinch_scale_changed_cb (GtkGestureZoom *gesture,
                           double          scale,
                           MarzTimeline   *self)
{
  _marz_timeline_zoom_around (self, self->pinch_px_per_day * scale / self->px_per_day,
                              self->pinch_u);
}

/* ------------------------------------------------------------------------ */
/* Set-up                                                                   */

static void
add_move_bindings (GtkWidgetClass *widget_class,
                   guint           key,
                   guint           keypad_key,
                   const char     *action,
                   int             step)
{
  guint keys[] = { key, keypad_key };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, keys[i], 0, action, "(ib)", step, FALSE);
      gtk_widget_class_add_binding_action (widget_class, keys[i], GDK_SHIFT_MASK, action, "(ib)",
                                           step, TRUE);
    }
}

void
_marz_timeline_class_init_input (GtkWidgetClass *widget_class)
{
  const guint enter_keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };
  const guint zoom_in_keys[] = { GDK_KEY_plus, GDK_KEY_KP_Add, GDK_KEY_equal };
  const guint zoom_out_keys[] = { GDK_KEY_minus, GDK_KEY_KP_Subtract };

  gtk_widget_class_install_action (widget_class, "timeline.move-cursor", "(ib)", move_cursor_action);
  gtk_widget_class_install_action (widget_class, "timeline.cursor-edge", "(ib)", cursor_edge_action);
  gtk_widget_class_install_action (widget_class, "timeline.select-at-cursor", NULL,
                                   select_at_cursor_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom", "i", zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.toggle-play", NULL, toggle_play_action);
  gtk_widget_class_install_action (widget_class, "timeline.clear-range", NULL, clear_range_action);

  add_move_bindings (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, "timeline.move-cursor", -1);
  add_move_bindings (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, "timeline.move-cursor", 1);
  add_move_bindings (widget_class, GDK_KEY_Home, GDK_KEY_KP_Home, "timeline.cursor-edge", -1);
  add_move_bindings (widget_class, GDK_KEY_End, GDK_KEY_KP_End, "timeline.cursor-edge", 1);
  for (guint i = 0; i < G_N_ELEMENTS (enter_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, enter_keys[i], 0,
                                         "timeline.select-at-cursor", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (zoom_in_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, zoom_in_keys[i], 0, "timeline.zoom", "i", 1);
  for (guint i = 0; i < G_N_ELEMENTS (zoom_out_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, zoom_out_keys[i], 0, "timeline.zoom", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "timeline.toggle-play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "timeline.clear-range", NULL);
}

void
_marz_timeline_init_input (MarzTimeline *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (on_drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (pinch, "begin", G_CALLBACK (on_pinch_begin_cb), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (on_pinch_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
}
