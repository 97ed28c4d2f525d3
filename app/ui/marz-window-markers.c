/* marz-window-markers.c: what the map marks, and choosing it
 *
 * The markers are summed up in a worker on the window's load store (kept
 * open: it holds the incidents in memory for the map), then set on the
 * marker layer, with the outlines of provinces with incidents and the list
 * of places in the sidebar (marz-window-places.c), and the timeline's marks (compact ones, from the
 * same copy in memory, sorted and binned in the worker too: the main thread
 * only swaps them in).
 * Choosing a place (a marker, a row of the list) selects its incidents and
 * opens its popover; its incidents come a page at a time, read in a worker
 * on the load store too (whose copy orders them), more as the list is
 * scrolled to its end.
 */
#define G_LOG_DOMAIN "marz-window"

#include "marz-window-private.h"

#include "marz-place-popover.h"

#define FOCUS_ZOOM 9.0   /* a place chosen from the list is shown at least this close */
#define PAGE_SIZE  50    /* incidents a popover reads at a time */

/* From the list of places: go there, then show its incidents. */
static void
select_place_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MarzWindow *self = MARZ_WINDOW (widget);
  const char *place_id = g_variant_get_string (parameter, NULL);
  MarzMarkerSet *set = marz_marker_layer_get_marker_set (self->marker_layer);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->simple_map);
  guint index;

  if (set == NULL || !marz_marker_set_lookup (set, place_id, &index))
    return;
  if (shumate_viewport_get_zoom_level (viewport) < FOCUS_ZOOM)
    shumate_viewport_set_zoom_level (viewport, FOCUS_ZOOM);
  shumate_map_center_on (shumate_simple_map_get_map (self->simple_map),
                         marz_marker_set_get_place (set, index)->lat,
                         marz_marker_set_get_place (set, index)->lon);
  marz_window_select_place (self, place_id);
}

/* Markers, summed up in a worker --------------------------------------------- */

typedef struct
{
  MarzStore         *store;          /* the window's load store: one load at a time uses it */
  char              *language;
  gboolean           with_diplomacy;
  MarzIncidentFilter filter;
  gboolean           with_marks;     /* the range aside, the timeline shows what the filters let through */
  char              *marks_key;      /* the filters' key in the timeline cache */
  guint              generation;     /* of the store's incidents, when the load started */
} LoadData;

typedef struct
{
  MarzMarkerSet    *set;
  MarzTimelineData *marks;           /* binned here, or NULL: the timeline keeps its own */
  char             *marks_key;
  guint             generation;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->set, marz_marker_set_unref);
  g_clear_pointer (&result->marks, marz_timeline_data_unref);
  g_free (result->marks_key);
  g_free (result);
}

/* The timeline's data for the filters seen since the store last changed:
 * going back to a filter (back to everything, most often) needs no
 * million marks read and binned again.  The range is not in the key: the
 * timeline shows what the other filters let through, whatever the range. */
#define TIMELINE_CACHE_SIZE 8

static char *
timeline_key (const MarzIncidentFilter *filter)
{
  return g_strdup_printf ("%d|%u|%d|%s|%s", filter->type, filter->types, filter->hide_diplomacy,
                          filter->language ? filter->language : "", filter->place_id ? filter->place_id : "");
}

static void
cache_timeline (MarzWindow       *self,
                const char       *key,
                MarzTimelineData *data)
{
  if (g_hash_table_size (self->timeline_cache) >= TIMELINE_CACHE_SIZE)
    g_hash_table_remove_all (self->timeline_cache);
  g_hash_table_replace (self->timeline_cache, g_strdup (key), marz_timeline_data_ref (data));
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->store);
  g_free (data->language);
  g_free (data->marks_key);
  marz_incident_filter_clear (&data->filter);
  g_free (data);
}

/* Sorted and binned here, so that the main thread only swaps them in (a
 * million: tens of milliseconds, which a filter change would otherwise
 * spend on the main thread). */
static MarzTimelineData *
load_marks (MarzStore  *store,
            LoadData   *data,
            GError    **error)
{
  /* A shallow copy, strings borrowed, without the range. */
  MarzIncidentFilter filter = data->filter;
  g_autoptr(GArray) marks = NULL;

  filter.from = filter.to = NULL;
  marks = marz_store_list_incident_marks (store, &filter, error);
  return marks != NULL ? marz_timeline_data_new (marks) : NULL;
}

static void
load_markers_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GError) error = NULL;
  MarzStore *store = data->store;
  g_autoptr(LoadResult) result = g_new0 (LoadResult, 1);
  GPtrArray *summaries = NULL;

  if (store != NULL)
    summaries = marz_store_summarize_places (store, &data->filter, data->language, &error);
  if (summaries != NULL)
    {
      result->set = marz_marker_set_new (summaries, data->with_diplomacy);
      if (data->with_marks)
        {
          result->marks = load_marks (store, data, &error);
          result->marks_key = g_strdup (data->marks_key);
          result->generation = data->generation;
        }
    }
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) load_result_free);
}

/* The timeline alone keeps the marks; self->marks, once they are loaded,
 * holds the last incident _marz_window_find_mark() looked up. */
static void
set_marks (MarzWindow       *self,
           MarzTimelineData *marks)
{
  if (self->marks == NULL)
    self->marks = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_incident_free);
  g_ptr_array_set_size (self->marks, 0);
  marz_timeline_set_data (self->timeline, marks);
}

/* A selection is one lookup now and then: by id in the store, a
 * millisecond, where keeping every incident the timeline marks cost the
 * window a quarter of a gigabyte at a million. */
MarzIncident *
_marz_window_find_mark (MarzWindow *self,
                        gint64      id)
{
  MarzIncident *mark;

  if (self->marks == NULL || id <= 0)
    return NULL;
  if (self->marks->len > 0 && ((MarzIncident *) g_ptr_array_index (self->marks, 0))->id == id)
    return g_ptr_array_index (self->marks, 0);
  mark = marz_store_get_incident (self->store, id, NULL);
  g_ptr_array_set_size (self->marks, 0);
  if (mark != NULL)
    g_ptr_array_add (self->marks, mark);
  return mark;
}

static void
on_markers_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  MarzWindow *self = MARZ_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(LoadResult) loaded = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (loaded == NULL)
    _marz_window_toast (self, error->message);
  else
    {
      /* New markers replace the old ones, popover and all: reopen it. */
      gboolean reopen = self->popover && gtk_widget_get_visible (self->popover) && self->selected_place;

      marz_marker_layer_set_marker_set (self->marker_layer, loaded->set);
      _marz_window_update_outlines (self, loaded->set);
      _marz_window_update_places_list (self, loaded->set);
      /* Marks read before the last new incidents are neither shown nor
       * kept: the reload pending since then reads them again. */
      if (loaded->marks && loaded->generation == self->marks_generation)
        {
          set_marks (self, loaded->marks);
          cache_timeline (self, loaded->marks_key, loaded->marks);
        }
      if (reopen)
        marz_window_select_place (self, self->selected_place);
    }
  _marz_window_set_loading (self, FALSE);
  if (self->reload_pending)
    {
      self->reload_pending = FALSE;
      _marz_window_reload_markers (self);
    }
}

/* Several reloads asked for while one runs make one more, not several.
 * @with_marks: the timeline's marks may have changed too (new incidents) */
void
_marz_window_reload (MarzWindow *self,
                     gboolean    with_marks)
{
  if (with_marks)
    {
      /* New incidents: what the cache holds is out of date, and so are
       * the marks of a load already running. */
      g_hash_table_remove_all (self->timeline_cache);
      self->marks_generation++;
      self->marks_pending = TRUE;
    }
  _marz_window_reload_markers (self);
}

void
_marz_window_reload_markers (MarzWindow *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  if (self->store == NULL)
    return;
  if (self->loading)
    {
      self->reload_pending = TRUE;
      return;
    }
  _marz_window_set_loading (self, TRUE);
  data = g_new0 (LoadData, 1);
  data->store = g_object_ref (self->load_store);
  data->language = g_strdup (_marz_window_ui_language ());
  data->with_diplomacy = marz_view_model_get_show_diplomacy (self->model);
  marz_view_model_fill_filter (self->model, &data->filter);
  data->with_marks = self->marks_pending || self->marks == NULL;
  data->generation = self->marks_generation;
  self->marks_pending = FALSE;
  if (data->with_marks)
    {
      MarzTimelineData *cached;

      data->marks_key = timeline_key (&data->filter);
      if ((cached = g_hash_table_lookup (self->timeline_cache, data->marks_key)) != NULL)
        {
          set_marks (self, cached);
          data->with_marks = FALSE;
        }
    }
  task = g_task_new (self, self->cancellable, on_markers_loaded_cb, NULL);
  g_task_set_source_tag (task, _marz_window_reload_markers);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_markers_thread);
}

/* Selection -------------------------------------------------------------- */

static GQuark page_quark;   /* the window's GCancellable for the popover's page being read */

typedef struct
{
  MarzStore          *store;         /* the load store, shared under its lock */
  MarzIncidentFilter  filter;
  guint               offset;
  guint               total;
  char               *place_id;
  MarzPlacePopover   *popover;       /* to add to (more), or NULL: a new one */
} PageData;

static void
page_data_free (PageData *data)
{
  g_clear_object (&data->store);
  marz_incident_filter_clear (&data->filter);
  g_free (data->place_id);
  g_clear_object (&data->popover);
  g_free (data);
}

static void
read_page_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  PageData *data = task_data;
  GError *error = NULL;
  GPtrArray *page = marz_store_query_incident_page (data->store, &data->filter, TRUE, data->offset,
                                                    PAGE_SIZE, &data->total, &error);

  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, page, (GDestroyNotify) g_ptr_array_unref);
}

static void on_page_read_cb (GObject *object, GAsyncResult *result, gpointer user_data);

/* Reads a page of the place's incidents, those the model's filters let
 * through (at the place itself: the places within it have markers of
 * their own); a new page for a new popover cancels the one before. */
static void
read_page (MarzWindow       *self,
           const char       *place_id,
           guint             offset,
           MarzPlacePopover *popover)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  PageData *data = g_new0 (PageData, 1);

  if (page_quark == 0)
    page_quark = g_quark_from_static_string ("marz-window-page");
  if (popover == NULL)
    {
      g_cancellable_cancel (g_object_get_qdata (G_OBJECT (self), page_quark));
      g_object_set_qdata_full (G_OBJECT (self), page_quark, g_object_ref (cancellable), g_object_unref);
    }
  data->store = g_object_ref (self->load_store);
  data->filter.type = -1;
  marz_view_model_fill_filter (self->model, &data->filter);
  g_free (data->filter.place_id);
  data->filter.place_id = g_strdup (place_id);
  data->place_id = g_strdup (place_id);
  data->offset = offset;
  data->popover = popover ? g_object_ref (popover) : NULL;
  task = g_task_new (self, cancellable, on_page_read_cb, NULL);
  g_task_set_source_tag (task, read_page);
  g_task_set_task_data (task, data, (GDestroyNotify) page_data_free);
  g_task_run_in_thread (task, read_page_thread);
}

static void
on_popover_load_more_cb (MarzPlacePopover *popover,
                         MarzWindow       *self)
{
  read_page (self, self->selected_place, marz_place_popover_get_n_paged (popover), popover);
}

static void
open_popover (MarzWindow *self,
              const char *place_id,
              GPtrArray  *incidents,
              guint       n_pinned,
              guint       total)
{
  MarzMarkerSet *set = marz_marker_layer_get_marker_set (self->marker_layer);
  MarzMarker *marker = marz_marker_layer_find_place (self->marker_layer, place_id);
  GtkWidget *popover;
  guint index;

  /* One popover at a time: two open grabs leave the window deaf to the
   * pointer (found by the end-to-end test, choosing from the list). */
  if (self->popover && gtk_widget_get_parent (self->popover) != GTK_WIDGET (marker))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (marker == NULL || set == NULL || !marz_marker_set_lookup (set, place_id, &index))
    return;
  /* The popover's list is the selected incidents, growing as it pages. */
  popover = marz_place_popover_new (marz_marker_set_get_place (set, index)->name,
                                    g_ptr_array_ref (incidents));
  /* The incident chosen elsewhere, ahead of the first page, must not move
   * the next page or come twice. */
  marz_place_popover_set_n_pinned (MARZ_PLACE_POPOVER (popover), n_pinned);
  marz_place_popover_set_total (MARZ_PLACE_POPOVER (popover), total);
  g_signal_connect_object (popover, "load-more", G_CALLBACK (on_popover_load_more_cb), self, 0);
  marz_marker_set_popover (marker, popover);
  g_set_weak_pointer (&self->popover, popover);
  marz_marker_popup (marker);
}

/* The incident the model has selected, if it is at @place_id and not in
 * @incidents: the selection must be among the selected incidents. */
static MarzIncident *
selected_elsewhere (MarzWindow *self,
                    const char *place_id,
                    GPtrArray  *incidents)
{
  gint64 id = marz_view_model_get_selected_incident (self->model);
  MarzIncident *incident;

  for (guint i = 0; incidents && i < incidents->len; i++)
    if (((MarzIncident *) g_ptr_array_index (incidents, i))->id == id)
      return NULL;
  incident = id > 0 ? marz_store_get_incident (self->store, id, NULL) : NULL;
  if (incident != NULL && g_strcmp0 (incident->place_id, place_id) != 0)
    g_clear_pointer (&incident, marz_incident_free);
  return incident;
}

static void
page_for_popover (MarzWindow *self,
                  PageData   *data,
                  GPtrArray  *page)
{
  if (g_strcmp0 (data->place_id, self->selected_place) != 0)
    return;
  g_autoptr(MarzIncident) selected = NULL;
  gint64 id = marz_view_model_get_selected_incident (self->model);
  gboolean has_selected = FALSE;
  guint n_pinned = 0;

  if (data->popover != NULL)
    {
      /* Its list is the selected incidents: they grow together.  Not
       * when it was closed or replaced meanwhile: its rows' tooltips would
       * ask a popover without a surface where the pointer is. */
      if (gtk_widget_get_mapped (GTK_WIDGET (data->popover)))
        marz_place_popover_add_incidents (data->popover, page);
      return;
    }
  for (guint i = 0; i < page->len; i++)
    has_selected |= ((MarzIncident *) g_ptr_array_index (page, i))->id == id;
  /* The model's incident, chosen elsewhere (the timeline), heads the list. */
  if (!has_selected && (selected = selected_elsewhere (self, data->place_id, page)) != NULL)
    {
      g_ptr_array_insert (page, 0, g_steal_pointer (&selected));
      has_selected = TRUE;
      n_pinned = 1;
    }
  g_clear_pointer (&self->selected_incidents, g_ptr_array_unref);
  self->selected_incidents = g_ptr_array_ref (page);
  if (!self->following_model && !has_selected && page->len > 0)
    {
      /* The timeline and the other views follow the map. */
      self->following_model = TRUE;
      marz_view_model_select_incident (self->model, ((MarzIncident *) g_ptr_array_index (page, 0))->id);
      self->following_model = FALSE;
    }
  open_popover (self, data->place_id, page, n_pinned, data->total);
}

static void
on_page_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MarzWindow *self = MARZ_WINDOW (object);
  PageData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = g_task_propagate_pointer (G_TASK (result), &error);

  /* The window closed meanwhile: its map and markers are gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (page == NULL)
    {
      _marz_window_toast (self, error->message);
      if (data->popover != NULL)
        marz_place_popover_page_failed (data->popover);
    }
  else
    page_for_popover (self, data, page);
}

/**
 * marz_window_select_place:
 *
 * Selects the incidents at @place_id and, if its marker is in view, opens
 * their popover on it, once their first page is read.  If the model's
 * selected incident is at @place_id, it is selected at once.
 */
void
marz_window_select_place (MarzWindow *self,
                          const char *place_id)
{
  /* @place_id may be self->selected_place itself, freed below. */
  g_autofree char *copy = g_strdup (place_id);
  MarzIncident *selected;

  g_return_if_fail (MARZ_IS_WINDOW (self));

  place_id = copy;
  g_free (self->selected_place);
  self->selected_place = g_strdup (place_id);
  g_clear_pointer (&self->selected_incidents, g_ptr_array_unref);
  self->selected_incidents = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_incident_free);
  if ((selected = selected_elsewhere (self, place_id, NULL)) != NULL)
    g_ptr_array_add (self->selected_incidents, selected);
  g_object_notify (G_OBJECT (self), "selected-place");
  if (self->popover && gtk_widget_get_parent (self->popover)
      != GTK_WIDGET (marz_marker_layer_find_place (self->marker_layer, place_id)))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  read_page (self, place_id, 0, NULL);
}

static void
on_marker_activated_cb (MarzMarkerLayer *layer,
                        MarzMarker      *marker,
                        MarzWindow      *self)
{
  MarzMarkerSet *set = marz_marker_layer_get_marker_set (layer);
  double lat, lon;

  if (!marz_marker_is_cluster (marker))
    {
      marz_window_select_place (self, marz_marker_get_place_id (marker));
      return;
    }
  /* A cluster opens up: zoom to where it splits. */
  marz_marker_get_location (marker, &lat, &lon);
  shumate_map_go_to_full (shumate_simple_map_get_map (self->simple_map), lat, lon,
                          marz_cluster_index_get_expansion_zoom (marz_marker_set_get_index (set),
                                                                 marz_marker_get_cluster_id (marker)));
}


void
_marz_window_setup_markers (MarzWindow *self)
{
  self->marker_layer = marz_marker_layer_new (shumate_simple_map_get_viewport (self->simple_map));
  g_signal_connect (self->marker_layer, "marker-activated", G_CALLBACK (on_marker_activated_cb), self);
  shumate_map_add_layer (shumate_simple_map_get_map (self->simple_map), SHUMATE_LAYER (self->marker_layer));
}

void
_marz_window_class_init_markers (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.select-place", "s", select_place_action);
}
