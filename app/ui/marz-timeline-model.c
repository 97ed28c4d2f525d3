/* marz-timeline-model.c: the timeline's range, selection and cursor, and play
 *
 * What the timeline reads from and writes to its view-model, and the
 * cursor that follows the selection.
 *
 * Playing.  The range becomes the seven days ending at the current day
 * (fewer at the start), one day further every 400 ms, from the start of the
 * range selected when play began (the whole axis without one) to its end,
 * where it stops with the last window shown.  A week rather than a single
 * day: most days have no incident, and a marker the map shows for one step
 * only is gone before the eye finds it.  Pausing keeps the window; playing
 * again resumes, unless the range was changed meanwhile.
 */
#define G_LOG_DOMAIN "marz-timeline"

#include "marz-timeline-private.h"

#define PLAY_INTERVAL_MS 400
#define PLAY_WINDOW_DAYS 7

static gboolean on_play_timeout_cb (gpointer data);

/* ------------------------------------------------------------------------ */
/* The model                                                                */

void
_marz_timeline_set_range (MarzTimeline *self,
                          gint32        first,
                          gint32        last)
{
  g_autofree char *from = first != TIMELINE_NO_DAY ? _marz_timeline_format_day (first) : NULL;
  g_autofree char *to = last != TIMELINE_NO_DAY ? _marz_timeline_format_day (last) : NULL;
  g_autoptr(GError) error = NULL;

  if (self->model == NULL)
    {
      self->range_first = first;
      self->range_last = last;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else if (!marz_view_model_set_range (self->model, from, to, &error))
    g_critical ("The timeline made a range the model refuses: %s", error->message);
}

void
_marz_timeline_select (MarzTimeline *self,
                       gint64        id)
{
  if (self->model != NULL)
    marz_view_model_select_incident (self->model, id);
}

void
_marz_timeline_update_description (MarzTimeline *self)
{
  g_autofree char *text = NULL;

  if (self->cursor != TIMELINE_NO_DAY)
    text = _marz_timeline_describe_day (self, self->cursor);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : "", -1);
}

void
_marz_timeline_set_cursor (MarzTimeline *self,
                           gint32        day)
{
  day = CLAMP (day, self->limit_first, self->limit_last);
  _marz_timeline_scroll_to_day (self, day);
  if (day == self->cursor)
    return;
  self->cursor = day;
  _marz_timeline_update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_marz_timeline_sync_range (MarzTimeline *self)
{
  self->range_first = _marz_timeline_parse_day (marz_view_model_get_from (self->model));
  self->range_last = _marz_timeline_parse_day (marz_view_model_get_to (self->model));
  if (self->play_source != 0
      && (self->range_first != self->play_set_first || self->range_last != self->play_set_last))
    _marz_timeline_stop_playing (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Looks the selection up among the incidents again: also needed when new
 * incidents arrive. */
void
_marz_timeline_sync_selection (MarzTimeline *self,
                               gboolean      reveal)
{
  const TimelineMark *mark = NULL;

  self->selected_id = self->model != NULL ? marz_view_model_get_selected_incident (self->model) : 0;
  self->selected_track = -1;
  if (self->selected_id != 0)
    mark = _marz_timeline_find_mark (self, self->selected_id, &self->selected_track);
  if (mark != NULL)
    {
      self->selected = *mark;
      if (reveal)
        _marz_timeline_set_cursor (self, mark->first);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------ */
/* Play                                                                     */

static void
show_play_day (MarzTimeline *self)
{
  self->play_set_first = MAX (self->play_first, self->play_day - (PLAY_WINDOW_DAYS - 1));
  self->play_set_last = self->play_day;
  _marz_timeline_set_range (self, self->play_set_first, self->play_set_last);
  _marz_timeline_set_cursor (self, self->play_day);
}

void
_marz_timeline_start_playing (MarzTimeline *self)
{
  gboolean resume = self->play_day != TIMELINE_NO_DAY
                    && self->range_first == self->play_set_first
                    && self->range_last == self->play_set_last;

  if (self->play_source != 0 || self->data->first == TIMELINE_NO_DAY)
    return;
  if (resume)
    self->play_day = self->play_day >= self->play_last ? self->play_first : self->play_day + 1;
  else
    {
      self->play_first = self->range_first != TIMELINE_NO_DAY ? self->range_first : self->data->first;
      self->play_last = self->range_last != TIMELINE_NO_DAY ? self->range_last : self->data->last;
      self->play_day = self->play_first;
    }
  self->play_source = g_timeout_add (PLAY_INTERVAL_MS, on_play_timeout_cb, self);
  show_play_day (self);
  _marz_timeline_set_play_state (self, TRUE);
}

void
_marz_timeline_stop_playing (MarzTimeline *self)
{
  if (self->play_source == 0)
    return;
  g_clear_handle_id (&self->play_source, g_source_remove);
  _marz_timeline_set_play_state (self, FALSE);
}

/* One day further; FALSE once the end is shown, and playing stops there. */
gboolean
_marz_timeline_play_step (MarzTimeline *self)
{
  if (self->play_day < self->play_last)
    {
      self->play_day++;
      show_play_day (self);
    }
  if (self->play_day < self->play_last)
    return TRUE;
  _marz_timeline_stop_playing (self);
  return FALSE;
}

static gboolean
on_play_timeout_cb (gpointer data)
{
  MarzTimeline *self = data;

  if (_marz_timeline_play_step (self))
    return G_SOURCE_CONTINUE;
  self->play_source = 0;
  return G_SOURCE_REMOVE;
}
