/* marz-window-online.c: the opt-in online tile layer, and falling back from it
 *
 * Offline is the default (an analyst's area of interest must not reach a
 * tile server unasked).  When the user turns online tiles on, an
 * OpenStreetMap layer goes over the offline basemap.  When it fails (no
 * network, the server errs) the layer is taken away, so the offline basemap
 * shows everywhere, and a toast says so with a way to try again.
 */
#define G_LOG_DOMAIN "marz-window"

#include "marz-window-private.h"

#include <glib/gi18n.h>

#include "marz-online-source.h"

static void
remove_online_layer (MarzWindow *self)
{
  ShumateMapSource *source;

  if (self->online_layer == NULL)
    return;
  g_object_get (self->online_layer, "map-source", &source, NULL);
  g_signal_handlers_disconnect_by_data (source, self);
  shumate_license_remove_map_source (shumate_simple_map_get_license (self->simple_map), source);
  shumate_map_remove_layer (shumate_simple_map_get_map (self->simple_map), SHUMATE_LAYER (self->online_layer));
  g_clear_object (&self->online_layer);
  g_object_unref (source);
}

static void
on_online_source_failed_cb (MarzOnlineSource *source,
                            const char       *message,
                            MarzWindow       *self)
{
  /* Translators: the online tile server failed; %s says how */
  g_autofree char *text = g_markup_printf_escaped (_("Online map unavailable (%s). Showing the offline map."), message);
  AdwToast *toast = adw_toast_new (text);

  g_debug ("Online tiles failed: %s", message);
  remove_online_layer (self);
  adw_toast_set_button_label (toast, _("_Retry"));
  adw_toast_set_action_name (toast, "win.retry-online");
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
add_online_layer (MarzWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "online-tile-url");
  g_autoptr(MarzOnlineSource) source = marz_online_source_new (url);

  self->online_layer = g_object_ref_sink (shumate_map_layer_new (SHUMATE_MAP_SOURCE (source),
                                                                 shumate_simple_map_get_viewport (self->simple_map)));
  g_signal_connect (source, "failed", G_CALLBACK (on_online_source_failed_cb), self);
  /* Right over the offline basemap, under outlines and markers. */
  shumate_map_insert_layer_behind (shumate_simple_map_get_map (self->simple_map),
                                   SHUMATE_LAYER (self->online_layer),
                                   self->outline_layers->len > 0 ? g_ptr_array_index (self->outline_layers, 0)
                                                                 : SHUMATE_LAYER (self->marker_layer));
  shumate_license_append_map_source (shumate_simple_map_get_license (self->simple_map), SHUMATE_MAP_SOURCE (source));
}

void
_marz_window_set_online (MarzWindow *self,
                         gboolean    online)
{
  if (online && self->online_layer == NULL)
    add_online_layer (self);
  else if (!online)
    remove_online_layer (self);
}

static void
retry_online_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MarzWindow *self = MARZ_WINDOW (widget);

  if (g_settings_get_boolean (self->settings, "online-tiles"))
    _marz_window_set_online (self, TRUE);
}

void
_marz_window_class_init_online (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.retry-online", NULL, retry_online_action);
}
