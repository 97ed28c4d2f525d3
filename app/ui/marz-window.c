/* marz-window.c
 *
 * The map window: the offline basemap (MarzTileSource) in a
 * ShumateSimpleMap with the incidents' markers over it
 * (marz-window-markers.c), the timeline under it, a sidebar with the places
 * or the search hits (marz-window-search.c), and a pane with the article a
 * report comes from.  Every view follows one MarzViewModel.
 *
 * Threads: the window's MarzStore is the main thread's, for popovers and
 * articles.  Markers are summed up in workers on a reader connection kept
 * for them, searches on readers of their own, imports on a writer of their
 * own (marz-window-import.c); SQLite's WAL lets them all work at once.
 */
#define G_LOG_DOMAIN "marz-window"

#include "marz-window-private.h"

#include <glib/gi18n.h>

#include "marz-filter-popover.h"
#include "marz-mercator.h"
#include "marz-resources.h"

#define PAN_FRACTION  0.25   /* of the view, per arrow key */

G_DEFINE_FINAL_TYPE (MarzWindow, marz_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_IMPORTING,
  PROP_LOADING,
  PROP_SELECTED_PLACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The UI language where the basemap and the gazetteer have names in it. */
const char *
_marz_window_ui_language (void)
{
  const char * const *names = g_get_language_names ();
  static const char * const known[] = { "ar", "fa", "ps" };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_has_prefix (names[0], known[i]))
      return known[i];
  return NULL;
}

void
_marz_window_toast (MarzWindow *self,
                    const char *message)
{
  /* A toast's title is markup (libadwaita 1.2); messages name files. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error_page (MarzWindow   *self,
                 const char   *title,
                 const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  g_free (self->error);
  self->error = g_strdup (error->message);
  adw_status_page_set_title (self->error_page, title);
  /* The description is markup; the message may name a file. */
  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static ShumateViewport *
get_viewport (MarzWindow *self)
{
  return shumate_simple_map_get_viewport (self->simple_map);
}

void
_marz_window_set_loading (MarzWindow *self,
                          gboolean    loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  _marz_window_show_loading (self, self->loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The article pane ---------------------------------------------------------- */

/* The article's incidents under its header, and what the extractor read
 * in it marked in the text. */
static void
set_article_incidents (MarzWindow            *self,
                       const MarzArticleInfo *info)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) incidents = marz_store_query_article_incidents (self->store, info->name, &error);
  g_autoptr(GArray) highlights = NULL;

  if (incidents == NULL)
    _marz_window_toast (self, error->message);
  else
    highlights = marz_highlights_find (self->gazetteer, info->text, info->name, incidents);
  marz_article_view_set_incidents (self->article_view, incidents);
  marz_article_view_set_highlights (self->article_view, highlights);
}

/**
 * marz_window_open_report:
 * @start: the evidence, in characters of the article's original text
 * @end: where it ends
 */
void
marz_window_open_report (MarzWindow *self,
                         const char *article,
                         guint       start,
                         guint       end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzArticleInfo) info = NULL;

  g_return_if_fail (MARZ_IS_WINDOW (self));

  info = marz_store_get_article (self->store, article, &error);
  if (info == NULL)
    {
      _marz_window_toast (self, error->message);
      return;
    }
  marz_article_view_set_article (self->article_view, info);
  set_article_incidents (self, info);
  gtk_widget_set_visible (self->article_pane, TRUE);
  marz_article_view_show_evidence (self->article_view, start, end);
  self->following_model = TRUE;
  marz_view_model_show_article (self->model, article, start, end);
  self->following_model = FALSE;
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AdwFlap *flap = MARZ_WINDOW (widget)->flap;

  adw_flap_set_reveal_flap (flap, !adw_flap_get_reveal_flap (flap));
}

static void
show_filters_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_menu_button_popup (MARZ_WINDOW (widget)->filter_button);
}

/* From the reader's list: the map and the timeline go to the incident,
 * the reader stays where it is. */
static void
select_incident_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MarzWindow *self = MARZ_WINDOW (widget);

  self->keep_article = TRUE;
  marz_view_model_select_incident (self->model, g_variant_get_int64 (parameter));
  self->keep_article = FALSE;
}

static void
open_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  const char *article;
  guint start, end;

  g_variant_get (parameter, "(&suu)", &article, &start, &end);
  marz_window_open_report (MARZ_WINDOW (widget), article, start, end);
}

static void
close_article_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gtk_widget_set_visible (MARZ_WINDOW (widget)->article_pane, FALSE);
}

/* Keyboard zoom and pan ---------------------------------------------------- */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShumateMap *map = shumate_simple_map_get_map (MARZ_WINDOW (widget)->simple_map);

  if (g_str_equal (action_name, "map.zoom-in"))
    shumate_map_zoom_in (map);
  else
    shumate_map_zoom_out (map);
}

static void
pan_by (MarzWindow *self,
        double      dx,
        double      dy)
{
  ShumateViewport *viewport = get_viewport (self);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double x, y, lat, lon;

  marz_mercator_project (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                         shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                         zoom, 256, &x, &y);
  marz_mercator_unproject (x + dx, y + dy, zoom, 256, &lat, &lon);
  shumate_map_center_on (shumate_simple_map_get_map (self->simple_map),
                         CLAMP (lat, -MARZ_MERCATOR_MAX_LATITUDE, MARZ_MERCATOR_MAX_LATITUDE),
                         CLAMP (lon, -180, 180));
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  MarzWindow *self = MARZ_WINDOW (widget);
  double w = gtk_widget_get_width (GTK_WIDGET (self->simple_map)) * PAN_FRACTION;
  double h = gtk_widget_get_height (GTK_WIDGET (self->simple_map)) * PAN_FRACTION;
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  pan_by (self, dx * w, dy * h);
}

static double
default_double (GSettings  *settings,
                const char *key)
{
  g_autoptr(GVariant) value = g_settings_get_default_value (settings, key);

  return g_variant_get_double (value);
}

static void
reset_view_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MarzWindow *self = MARZ_WINDOW (widget);

  /* The schema's defaults frame the border region. */
  shumate_map_go_to_full (shumate_simple_map_get_map (self->simple_map),
                          default_double (self->settings, "map-latitude"),
                          default_double (self->settings, "map-longitude"),
                          default_double (self->settings, "map-zoom"));
}

/* Settings ---------------------------------------------------------------- */

/* An incident chosen elsewhere (the timeline): the map goes there, opens
 * its place and shows the evidence of its first report. */
static void
follow_selected_incident (MarzWindow *self)
{
  gint64 id = marz_view_model_get_selected_incident (self->model);
  MarzIncident *mark = _marz_window_find_mark (self, id);
  GPtrArray *incidents;

  if (mark == NULL)
    return;
  marz_window_select_place (self, mark->place_id);
  incidents = self->keep_article ? NULL : self->selected_incidents;
  for (guint i = 0; incidents && i < incidents->len; i++)
    {
      MarzIncident *incident = g_ptr_array_index (incidents, i);
      MarzReport *report = incident->id == id && incident->reports->len > 0
                           ? g_ptr_array_index (incident->reports, 0) : NULL;
      if (report)
        marz_window_open_report (self, report->article, report->start, report->end);
    }
  /* Last: the article pane, once open, narrows the map. */
  shumate_map_center_on (shumate_simple_map_get_map (self->simple_map), mark->lat, mark->lon);
}

static void
on_model_changed_cb (MarzViewModel  *model,
                     MarzViewChange  changes,
                     MarzWindow     *self)
{
  if (changes & MARZ_VIEW_CHANGED_FILTER)
    self->marks_pending = TRUE;
  if (changes & (MARZ_VIEW_CHANGED_RANGE | MARZ_VIEW_CHANGED_FILTER))
    _marz_window_reload_markers (self);
  if (changes & MARZ_VIEW_CHANGED_SEARCH)
    _marz_window_search (self);
  if ((changes & MARZ_VIEW_CHANGED_SELECTION) && !self->following_model)
    {
      self->following_model = TRUE;
      follow_selected_incident (self);
      self->following_model = FALSE;
    }
}

static void
on_online_tiles_changed_cb (GSettings  *settings,
                            const char *key,
                            MarzWindow *self)
{
  _marz_window_set_online (self, g_settings_get_boolean (settings, key));
}

static void
restore_state (MarzWindow *self)
{
  ShumateViewport *viewport = get_viewport (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  shumate_viewport_set_zoom_level (viewport, g_settings_get_double (self->settings, "map-zoom"));
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 g_settings_get_double (self->settings, "map-latitude"),
                                 g_settings_get_double (self->settings, "map-longitude"));
}

static void
save_state (MarzWindow *self)
{
  ShumateViewport *viewport = get_viewport (self);
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_double (self->settings, "map-latitude", shumate_location_get_latitude (SHUMATE_LOCATION (viewport)));
  g_settings_set_double (self->settings, "map-longitude", shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  g_settings_set_double (self->settings, "map-zoom", shumate_viewport_get_zoom_level (viewport));
  g_settings_apply (self->settings);
}

/* Set-up -------------------------------------------------------------------- */

static gboolean
setup_basemap (MarzWindow  *self,
               GError     **error)
{
  self->gazetteer = marz_gazetteer_new_default (error);
  if (self->gazetteer == NULL)
    return FALSE;
  self->basemap = marz_basemap_new_default (self->gazetteer, error);
  if (self->basemap == NULL)
    return FALSE;
  if (_marz_window_ui_language ())
    marz_basemap_set_language (self->basemap, _marz_window_ui_language ());
  self->tile_source = marz_tile_source_new (self->basemap);
  g_object_bind_property (self, "scale-factor", self->tile_source, "scale-factor", G_BINDING_SYNC_CREATE);
  shumate_simple_map_set_map_source (self->simple_map, SHUMATE_MAP_SOURCE (self->tile_source));
  return TRUE;
}

/* Opens the store; an empty one gets the bundled corpus, in a worker. */
static void
open_store (MarzWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *corpus = NULL;

  self->store = marz_store_open (self->database_path, &error);
  /* The markers' own connection, kept open: it holds the store's incidents
   * in memory for the map (reading them again costs a second a million). */
  if (self->store != NULL)
    self->load_store = marz_store_open_reader (self->database_path, &error);
  if (self->store == NULL || self->load_store == NULL)
    {
      g_clear_object (&self->store);
      show_error_page (self, _("Cannot Open the Database"), error);
      return;
    }
  _marz_window_reload_markers (self);
  if (marz_store_count (self->store, "articles") > 0)
    return;
  corpus = marz_find_data_file ("corpus");
  if (corpus == NULL)
    {
      _marz_window_toast (self, _("The bundled corpus is missing: nothing to import"));
      return;
    }
  _marz_window_import_paths (self, (const char * const []) { corpus, NULL }, TRUE);
}

static void
marz_window_constructed (GObject *object)
{
  MarzWindow *self = MARZ_WINDOW (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (marz_window_parent_class)->constructed (object);

  restore_state (self);
  if (!setup_basemap (self, &error))
    {
      show_error_page (self, _("Cannot Load the Map"), error);
      return;
    }
  _marz_window_setup_markers (self);
  gtk_menu_button_set_popover (self->filter_button, marz_filter_popover_new (self->model, self->gazetteer));
  if (self->database_path == NULL)
    self->database_path = marz_store_get_default_path ();
  open_store (self);
  if (g_settings_get_boolean (self->settings, "online-tiles"))
    _marz_window_set_online (self, TRUE);
}

static gboolean
marz_window_close_request (GtkWindow *window)
{
  MarzWindow *self = MARZ_WINDOW (window);

  /* An open popover outliving its window's surface makes GTK 4.8 ask a
   * dead surface for the pointer. */
  if (self->popover)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  save_state (self);
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (marz_window_parent_class)->close_request (window);
}

static void
marz_window_dispose (GObject *object)
{
  MarzWindow *self = MARZ_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->popover);
  if (self->settings)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->model)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MARZ_TYPE_WINDOW);
  G_OBJECT_CLASS (marz_window_parent_class)->dispose (object);
}

static void
marz_window_finalize (GObject *object)
{
  MarzWindow *self = MARZ_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->load_store);
  g_clear_object (&self->basemap);
  g_clear_object (&self->gazetteer);
  g_clear_object (&self->tile_source);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->outline_layers, g_ptr_array_unref);
  g_clear_pointer (&self->outlines, g_hash_table_unref);
  g_clear_pointer (&self->place_rows, g_hash_table_unref);
  g_clear_pointer (&self->timeline_cache, g_hash_table_unref);
  g_clear_pointer (&self->selected_incidents, g_ptr_array_unref);
  g_clear_pointer (&self->import_errors, g_ptr_array_unref);
  g_clear_pointer (&self->marks, g_ptr_array_unref);
  g_clear_pointer (&self->search_hits, g_ptr_array_unref);
  g_free (self->selected_place);
  g_free (self->error);
  g_free (self->database_path);
  G_OBJECT_CLASS (marz_window_parent_class)->finalize (object);
}

static void
marz_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MarzWindow *self = MARZ_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;
    case PROP_IMPORTING:
      g_value_set_boolean (value, self->importing);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_SELECTED_PLACE:
      g_value_set_string (value, self->selected_place);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
marz_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MarzWindow *self = MARZ_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      self->database_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_bindings (GtkWidgetClass *widget_class)
{
  static const struct { guint key; GdkModifierType mods; const char *action; const char *format; int dx, dy; } keys[] = {
    { GDK_KEY_plus, GDK_CONTROL_MASK, "map.zoom-in", NULL, 0, 0 },
    { GDK_KEY_equal, GDK_CONTROL_MASK, "map.zoom-in", NULL, 0, 0 },
    { GDK_KEY_KP_Add, GDK_CONTROL_MASK, "map.zoom-in", NULL, 0, 0 },
    { GDK_KEY_minus, GDK_CONTROL_MASK, "map.zoom-out", NULL, 0, 0 },
    { GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "map.zoom-out", NULL, 0, 0 },
    { GDK_KEY_0, GDK_CONTROL_MASK, "map.reset-view", NULL, 0, 0 },
    { GDK_KEY_Left, GDK_ALT_MASK, "map.pan", "(ii)", -1, 0 },
    { GDK_KEY_Right, GDK_ALT_MASK, "map.pan", "(ii)", 1, 0 },
    { GDK_KEY_Up, GDK_ALT_MASK, "map.pan", "(ii)", 0, -1 },
    { GDK_KEY_Down, GDK_ALT_MASK, "map.pan", "(ii)", 0, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (keys[i].format)
      gtk_widget_class_add_binding_action (widget_class, keys[i].key, keys[i].mods, keys[i].action,
                                           keys[i].format, keys[i].dx, keys[i].dy);
    else
      gtk_widget_class_add_binding_action (widget_class, keys[i].key, keys[i].mods, keys[i].action, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.close-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.show-filters", NULL);
}

static void
marz_window_class_init (MarzWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = marz_window_constructed;
  object_class->dispose = marz_window_dispose;
  object_class->finalize = marz_window_finalize;
  object_class->get_property = marz_window_get_property;
  object_class->set_property = marz_window_set_property;
  window_class->close_request = marz_window_close_request;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IMPORTING] =
    g_param_spec_boolean ("importing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_PLACE] =
    g_param_spec_string ("selected-place", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  (void) marz_get_resource ();
  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  g_type_ensure (MARZ_TYPE_ARTICLE_VIEW);
  g_type_ensure (MARZ_TYPE_TIMELINE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/marzatlas/Marz/ui/marz-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, places_list);
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, simple_map);
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, article_pane);
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, search_list);
  gtk_widget_class_bind_template_child (widget_class, MarzWindow, search_status);

  gtk_widget_class_install_action (widget_class, "win.open-report", "(suu)", open_report_action);
  gtk_widget_class_install_action (widget_class, "win.close-article", NULL, close_article_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-filters", NULL, show_filters_action);
  gtk_widget_class_install_action (widget_class, "win.select-incident", "x", select_incident_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_action);
  gtk_widget_class_install_action (widget_class, "map.reset-view", NULL, reset_view_action);
  _marz_window_class_init_import (widget_class);
  _marz_window_class_init_export (widget_class);
  _marz_window_class_init_online (widget_class);
  _marz_window_class_init_search (widget_class);
  _marz_window_class_init_compare (widget_class);
  _marz_window_class_init_markers (widget_class);
  install_bindings (widget_class);
}

static void
marz_window_init (MarzWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  self->settings = g_settings_new (MARZ_APP_ID);
  self->cancellable = g_cancellable_new ();
  self->outline_layers = g_ptr_array_new ();
  self->outlines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) _marz_window_outline_free);
  self->place_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->timeline_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) marz_timeline_data_unref);
  self->import_errors = g_ptr_array_new_with_free_func (g_free);
  g_action_map_add_action (G_ACTION_MAP (self), g_settings_create_action (self->settings, "show-diplomacy"));
  g_action_map_add_action (G_ACTION_MAP (self), g_settings_create_action (self->settings, "online-tiles"));
  self->model = marz_view_model_new ();
  g_settings_bind (self->settings, "show-diplomacy", self->model, "show-diplomacy", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect (self->model, "changed", G_CALLBACK (on_model_changed_cb), self);
  marz_timeline_set_model (self->timeline, self->model);
  _marz_window_setup_compare (self);
  g_signal_connect (self->settings, "changed::online-tiles", G_CALLBACK (on_online_tiles_changed_cb), self);
}

/* Public API -------------------------------------------------------------------- */

/**
 * marz_window_new:
 * @database_path: (nullable): the store; %NULL for the default
 */
MarzWindow *
marz_window_new (GtkApplication *application,
                 const char     *database_path)
{
  return g_object_new (MARZ_TYPE_WINDOW, "application", application, "database-path", database_path, NULL);
}

const char *
marz_window_get_database_path (MarzWindow *self)
{
  g_return_val_if_fail (MARZ_IS_WINDOW (self), NULL);
  return self->database_path;
}

gboolean
marz_window_get_importing (MarzWindow *self)
{
  g_return_val_if_fail (MARZ_IS_WINDOW (self), FALSE);
  return self->importing;
}

gboolean
marz_window_get_loading (MarzWindow *self)
{
  g_return_val_if_fail (MARZ_IS_WINDOW (self), FALSE);
  return self->loading;
}

ShumateMap *
marz_window_get_map (MarzWindow *self)
{
  g_return_val_if_fail (MARZ_IS_WINDOW (self), NULL);
  return shumate_simple_map_get_map (self->simple_map);
}

MarzMarkerLayer *
marz_window_get_marker_layer (MarzWindow *self)
{
  g_return_val_if_fail (MARZ_IS_WINDOW (self), NULL);
  return self->marker_layer;
}

const char *
marz_window_get_selected_place (MarzWindow *self)
{
  g_return_val_if_fail (MARZ_IS_WINDOW (self), NULL);
  return self->selected_place;
}

/**
 * marz_window_get_selected_incidents:
 *
 * Returns: (transfer none) (nullable) (element-type MarzIncident): the
 *   incidents of the selected place
 */
GPtrArray *
marz_window_get_selected_incidents (MarzWindow *self)
{
  g_return_val_if_fail (MARZ_IS_WINDOW (self), NULL);
  return self->selected_incidents;
}

GtkWidget *
marz_window_get_article_view (MarzWindow *self)
{
  g_return_val_if_fail (MARZ_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->article_view);
}

guint
marz_window_get_n_outlines (MarzWindow *self)
{
  guint n = 0;

  g_return_val_if_fail (MARZ_IS_WINDOW (self), 0);
  /* Outlines of provinces without incidents now are kept, hidden. */
  for (guint i = 0; i < self->outline_layers->len; i++)
    n += gtk_widget_get_visible (g_ptr_array_index (self->outline_layers, i));
  return n;
}

gboolean
marz_window_get_online (MarzWindow *self)
{
  g_return_val_if_fail (MARZ_IS_WINDOW (self), FALSE);
  return self->online_layer != NULL;
}

/**
 * marz_window_get_error:
 *
 * Returns: (nullable): why the window shows an error page instead of the map
 */
const char *
marz_window_get_error (MarzWindow *self)
{
  g_return_val_if_fail (MARZ_IS_WINDOW (self), NULL);
  return self->error;
}

/**
 * marz_window_get_import_errors:
 *
 * Returns: (transfer none) (element-type utf8): the problems of the last
 *   import, «file: why»
 */
GPtrArray *
marz_window_get_import_errors (MarzWindow *self)
{
  g_return_val_if_fail (MARZ_IS_WINDOW (self), NULL);
  return self->import_errors;
}

/**
 * marz_window_get_view_model:
 *
 * Returns: (transfer none): what the window's views show
 */
MarzViewModel *
marz_window_get_view_model (MarzWindow *self)
{
  g_return_val_if_fail (MARZ_IS_WINDOW (self), NULL);
  return self->model;
}
