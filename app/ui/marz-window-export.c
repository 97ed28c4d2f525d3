/* marz-window-export.c: the window's exports, of the map and of its data
 *
 * Both start from what the window shows: the view of the map and the
 * filters of the view-model.  The map goes through MarzExportDialog; the
 * incidents are written in a worker straight from the chosen file name.
 */
#define G_LOG_DOMAIN "marz-window"

#include <glib/gi18n.h>

#include "marz-export.h"
#include "marz-export-dialog.h"
#include "marz-window-private.h"

#define CHOOSER_KEY "marz-incidents-chooser"

static void
on_export_dialog_exported_cb (MarzExportDialog *dialog,
                              const char       *path,
                              MarzWindow       *self)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *message = g_strdup_printf (_("Map exported to “%s”"), name);

  _marz_window_toast (self, message);
}

MarzExportDialog *
_marz_window_export_map (MarzWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->simple_map);
  GtkWidget *map = GTK_WIDGET (shumate_simple_map_get_map (self->simple_map));
  g_auto(MarzIncidentFilter) filter = { NULL };
  MarzExportView view;
  MarzExportDialog *dialog;

  if (self->basemap == NULL || self->database_path == NULL)
    return NULL;
  marz_view_model_fill_filter (self->model, &filter);
  view.lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  view.lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  view.zoom = shumate_viewport_get_zoom_level (viewport);
  view.width = MAX (gtk_widget_get_width (map), 1);
  view.height = MAX (gtk_widget_get_height (map), 1);

  dialog = marz_export_dialog_new (GTK_WINDOW (self), self->database_path, self->basemap, &filter, &view);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_export_dialog_exported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
export_map_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _marz_window_export_map (MARZ_WINDOW (widget));
}

/* ------------------------------------------------------------------------ */

typedef struct
{
  MarzWindow *window;
  char       *path;
} IncidentsJob;

static void
incidents_job_free (IncidentsJob *job)
{
  g_object_unref (job->window);
  g_free (job->path);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IncidentsJob, incidents_job_free)

static void
on_incidents_exported_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(IncidentsJob) job = user_data;
  g_autoptr(GError) error = NULL;
  MarzExportSummary summary = { 0 };
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;

  if (!marz_export_incidents_finish (result, &summary, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _marz_window_toast (job->window, error->message);
      return;
    }
  name = g_filename_display_basename (job->path);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u incident exported to “%s”",
                                          "%u incidents exported to “%s”", summary.n_incidents),
                             summary.n_incidents, name);
  _marz_window_toast (job->window, message);
}

/* Writes what the window shows to @path, in the format its extension names;
 * a toast says how it went. */
void
_marz_window_export_incidents (MarzWindow *self,
                               const char *path)
{
  g_auto(MarzIncidentFilter) filter = { NULL };
  MarzExportFormat format;
  IncidentsJob *job;

  if (!marz_export_format_from_path (path, &format))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *message = g_strdup_printf (_("Cannot export to “%s”: name it .geojson or .csv"), name);
      _marz_window_toast (self, message);
      return;
    }
  marz_view_model_fill_filter (self->model, &filter);
  job = g_new0 (IncidentsJob, 1);
  job->window = g_object_ref (self);
  job->path = g_strdup (path);
  marz_export_incidents_async (self->database_path, &filter, format, self->gazetteer, self->basemap, path,
                               self->cancellable, on_incidents_exported_cb, job);
}

static void
on_incidents_chooser_response_cb (GtkNativeDialog *chooser,
                                  int              response,
                                  MarzWindow      *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  MarzExportFormat format;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    {
      /* A name typed without an extension gets the chosen type's. */
      if (!marz_export_format_from_path (path, &format))
        {
          GtkFileFilter *chosen = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
          const char *ext = g_object_get_data (G_OBJECT (chosen), "marz-extension");
          char *with_ext = g_strconcat (path, ".", ext ? ext : "geojson", NULL);
          g_free (path);
          path = with_ext;
        }
      _marz_window_export_incidents (self, path);
    }
  else if (response == GTK_RESPONSE_ACCEPT)
    _marz_window_toast (self, _("Marz can only export to a local folder"));
  g_object_set_data (G_OBJECT (self), CHOOSER_KEY, NULL);
}

static void
destroy_chooser (gpointer data)
{
  GtkNativeDialog *chooser = data;

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *extension)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_suffix (filter, extension);
  g_object_set_data_full (G_OBJECT (filter), "marz-extension", g_strdup (extension), g_free);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
export_incidents_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Export Incidents"), GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser), _("GeoJSON (for GIS)"), "geojson");
  add_filter (GTK_FILE_CHOOSER (chooser), _("CSV, one row per report (for spreadsheets)"), "csv");
  /* TRANSLATORS: the suggested file name of exported incidents, without its extension */
  name = g_strdup_printf ("%s.geojson", _("incidents"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  /* The window owns it (a new one replaces it) and destroys it when it goes;
   * its answer never reaches a window that is gone. */
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_incidents_chooser_response_cb), widget, 0);
  g_object_set_data_full (G_OBJECT (widget), CHOOSER_KEY, chooser, destroy_chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_marz_window_class_init_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-map", NULL, export_map_action);
  gtk_widget_class_install_action (widget_class, "win.export-incidents", NULL, export_incidents_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-map", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-incidents", NULL);
}
