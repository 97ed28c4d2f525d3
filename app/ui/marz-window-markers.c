/* marz-window-markers.c: what the map marks, and choosing it
 *
 * The markers are summed up in a worker on the window's load store (kept
 * open: it holds the incidents in memory for the map), then set on the
 * marker layer, with the outlines of provinces with incidents, the list of
 * places in the sidebar and the timeline's marks (compact ones, from the
 * same copy in memory, sorted and binned in the worker too: the main thread
 * only swaps them in).
 * Choosing a place (a marker, a row of the list) selects its incidents and
 * opens its popover; its incidents come a page at a time, read in a worker
 * on the load store too (whose copy orders them), more as the list is
 * scrolled to its end.
 */
#define G_LOG_DOMAIN "marz-window"

#include "marz-window-private.h"

#include <glib/gi18n.h>

#include "marz-labels.h"
#include "marz-marker-style.h"
#include "marz-place-popover.h"

#define FOCUS_ZOOM 9.0   /* a place chosen from the list is shown at least this close */
#define PAGE_SIZE  50    /* incidents a popover reads at a time */

/* Provinces with incidents ---------------------------------------------- */

/* A province's outline: one path layer per ring, kept from load to load
 * while the province has incidents, so that a filter change only recolours
 * or removes what changed.  (Making the layers again on every change cost
 * the UI thread 60–110 ms with every province outlined.) */
typedef struct
{
  GPtrArray        *layers;   /* ShumatePathLayer, owned by the map */
  MarzIncidentType  type;
} Outline;

static void
outline_free (Outline *outline)
{
  g_ptr_array_unref (outline->layers);
  g_free (outline);
}

/* The layers themselves belong to the map. */
void
_marz_window_outline_free (gpointer outline)
{
  outline_free (outline);
}

static void
color_outline (Outline          *outline,
               MarzIncidentType  type)
{
  MarzRgb rgb = marz_marker_style_type_color (type);
  GdkRGBA stroke = { rgb.red, rgb.green, rgb.blue, 0.9f };
  GdkRGBA fill = { rgb.red, rgb.green, rgb.blue, 0.10f };

  outline->type = type;
  for (guint i = 0; i < outline->layers->len; i++)
    {
      ShumatePathLayer *layer = g_ptr_array_index (outline->layers, i);
      shumate_path_layer_set_stroke_color (layer, &stroke);
      shumate_path_layer_set_fill_color (layer, &fill);
    }
}

static ShumatePathLayer *
new_ring_layer (MarzWindow *self,
                GArray     *ring)
{
  ShumatePathLayer *layer = shumate_path_layer_new (shumate_simple_map_get_viewport (self->simple_map));

  for (guint i = 0; i < ring->len; i++)
    {
      MarzLatLon *ll = &g_array_index (ring, MarzLatLon, i);
      /* Floating: the layer sinks it. */
      shumate_path_layer_add_node (layer, SHUMATE_LOCATION (shumate_coordinate_new_full (ll->lat, ll->lon)));
    }
  shumate_path_layer_set_closed (layer, TRUE);
  shumate_path_layer_set_stroke_width (layer, 2.0);
  shumate_path_layer_set_fill (layer, TRUE);
  gtk_widget_set_can_target (GTK_WIDGET (layer), FALSE);
  /* Above the tiles (and the online layer), under the markers.  (1.0.3
   * declares shumate_simple_map_insert_overlay_layer() but does not export
   * it: work on the map itself.) */
  shumate_map_insert_layer_behind (shumate_simple_map_get_map (self->simple_map), SHUMATE_LAYER (layer),
                                   SHUMATE_LAYER (self->marker_layer));
  return layer;
}

static Outline *
new_outline (MarzWindow       *self,
             const char       *place_id,
             MarzIncidentType  type)
{
  g_autoptr(GPtrArray) rings = marz_basemap_get_outline (self->basemap, place_id);
  Outline *outline = g_new0 (Outline, 1);

  outline->layers = g_ptr_array_new ();
  for (guint r = 0; rings && r < rings->len; r++)
    {
      ShumatePathLayer *layer = new_ring_layer (self, g_ptr_array_index (rings, r));

      g_ptr_array_add (outline->layers, layer);
      g_ptr_array_add (self->outline_layers, layer);
    }
  color_outline (outline, type);
  return outline;
}

static void
show_outline (Outline  *outline,
              gboolean  visible)
{
  for (guint i = 0; i < outline->layers->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (outline->layers, i), visible);
}

/* Outlines of provinces without incidents this time are hidden, not
 * removed: the next filter change may well bring them back. */
static void
update_outlines (MarzWindow    *self,
                 MarzMarkerSet *set)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; set && i < marz_marker_set_get_n_places (set); i++)
    {
      const MarzPlaceSummary *place = marz_marker_set_get_place (set, i);
      MarzIncidentType type = marz_marker_set_get_type (set, i);
      Outline *outline;

      if (g_strcmp0 (place->kind, "province") != 0)
        continue;
      if ((outline = g_hash_table_lookup (self->outlines, place->place_id)) == NULL)
        {
          outline = new_outline (self, place->place_id, type);
          g_hash_table_insert (self->outlines, g_strdup (place->place_id), outline);
        }
      else if (outline->type != type)
        color_outline (outline, type);
      g_hash_table_add (seen, place->place_id);
    }

  g_hash_table_iter_init (&iter, self->outlines);
  while (g_hash_table_iter_next (&iter, &key, &value))
    show_outline (value, g_hash_table_contains (seen, key));
}

/* The sidebar's list of places -------------------------------------------- */

/* Rows are kept by place from load to load and only their counts change, so
 * that a filter change does not build 145 rows again (50–80 ms of the UI
 * thread); the list sorts them by count, then name. */
typedef struct
{
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *button;
  guint      count;
  char      *name;
  char      *accessible_name;   /* «Kunar: 3 incidents», as last set */
} PlaceRow;

static void
place_row_free (PlaceRow *row)
{
  g_free (row->accessible_name);
  g_free (row->name);
  g_free (row);
}

static GtkWidget *
new_place_row (const MarzPlaceSummary *place)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  PlaceRow *data = g_new0 (PlaceRow, 1);

  data->button = gtk_button_new ();
  data->title = gtk_label_new (NULL);
  data->subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (data->title), 0);
  gtk_label_set_xalign (GTK_LABEL (data->subtitle), 0);
  gtk_widget_add_css_class (data->subtitle, "dim-label");
  gtk_widget_add_css_class (data->subtitle, "caption");
  gtk_box_append (GTK_BOX (box), data->title);
  gtk_box_append (GTK_BOX (box), data->subtitle);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  /* A button in the row, because a GTK 4.8 row offers assistive
   * technologies no action to activate it. */
  gtk_button_set_child (GTK_BUTTON (data->button), box);
  gtk_widget_add_css_class (data->button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (data->button), "win.select-place");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (data->button), "s", place->place_id);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), data->button);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  g_object_set_data_full (G_OBJECT (row), "marz-place-row", data, (GDestroyNotify) place_row_free);
  return row;
}

static void
fill_place_row (GtkWidget     *row,
                MarzMarkerSet *set,
                guint          index)
{
  PlaceRow *data = g_object_get_data (G_OBJECT (row), "marz-place-row");
  const MarzPlaceSummary *place = marz_marker_set_get_place (set, index);
  guint count = marz_marker_set_get_count (set, index);
  g_autofree char *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u incident",
                                                          "%s · %u incidents", count),
                                             marz_labels_incident_type (marz_marker_set_get_type (set, index)),
                                             count);
  g_autofree char *name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u incident", "%s: %u incidents",
                                                        count), place->name, count);

  data->count = count;
  if (g_strcmp0 (data->name, place->name) != 0)
    {
      g_free (data->name);
      data->name = g_strdup (place->name);
      gtk_label_set_text (GTK_LABEL (data->title), place->name);
    }
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (data->subtitle)), detail) != 0)
    gtk_label_set_text (GTK_LABEL (data->subtitle), detail);
  if (g_strcmp0 (data->accessible_name, name) != 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (data->button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_free (data->accessible_name);
      data->accessible_name = g_steal_pointer (&name);
    }
}

static int
compare_rows (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       user_data)
{
  PlaceRow *ra = g_object_get_data (G_OBJECT (a), "marz-place-row");
  PlaceRow *rb = g_object_get_data (G_OBJECT (b), "marz-place-row");

  if (ra->count != rb->count)
    return ra->count > rb->count ? -1 : 1;
  return g_utf8_collate (ra->name, rb->name);
}

/* The list names every place, the far venues too: a way to reach them
 * without zooming out, and a keyboard path to every marker.  Places without
 * incidents this time are hidden, not removed. */
static void
update_places_list (MarzWindow    *self,
                    MarzMarkerSet *set)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  if (!self->places_sorted)
    {
      gtk_list_box_set_sort_func (self->places_list, compare_rows, NULL, NULL);
      self->places_sorted = TRUE;
    }
  for (guint i = 0; set && i < marz_marker_set_get_n_places (set); i++)
    {
      const MarzPlaceSummary *place = marz_marker_set_get_place (set, i);
      GtkWidget *row;

      if ((row = g_hash_table_lookup (self->place_rows, place->place_id)) == NULL)
        {
          row = new_place_row (place);
          gtk_list_box_append (self->places_list, row);
          g_hash_table_insert (self->place_rows, g_strdup (place->place_id), row);
        }
      fill_place_row (row, set, i);
      g_hash_table_add (seen, place->place_id);
    }
  g_hash_table_iter_init (&iter, self->place_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    gtk_widget_set_visible (value, g_hash_table_contains (seen, key));
  gtk_list_box_invalidate_sort (self->places_list);
}

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
      update_outlines (self, loaded->set);
      update_places_list (self, loaded->set);
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
