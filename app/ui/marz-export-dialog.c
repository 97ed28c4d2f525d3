/* marz-export-dialog.c: exporting the map the window shows as a figure
 *
 * The dialog starts from the window's view and filters, previews the figure
 * as the core will draw it, and writes it (PNG, SVG or PDF) or copies it to
 * the clipboard.  One MarzSnapshot serves all three: it is loaded once in a
 * worker, and afterwards only one job (a preview, a write or a copy) uses it
 * at a time; settings reach it on the main thread between jobs.
 */
#define G_LOG_DOMAIN "marz-export-dialog"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "marz-export-dialog.h"
#include "marz-snapshot.h"
#include "marz-store.h"

#define PREVIEW_SIZE 720   /* the longest side of the preview, in pixels */

typedef enum
{
  JOB_PREVIEW,
  JOB_WRITE,
  JOB_COPY,
} JobKind;

struct _MarzExportDialog
{
  AdwWindow             parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkPicture           *preview;
  GtkSpinner           *spinner;
  AdwComboRow          *format_row;
  AdwComboRow          *size_row;
  AdwEntryRow          *title_row;
  AdwEntryRow          *subtitle_row;
  AdwPreferencesGroup  *furniture_group;

  /* owned */
  GtkFileChooserNative *chooser;      /* while one is open */
  MarzSnapshot         *snapshot;     /* NULL until loaded */
  MarzExportView        view;
  GCancellable         *cancellable;  /* fires when the dialog goes */
  char                 *pending_path; /* a write waiting for the running job */
  MarzSnapshotFurniture furniture;

  guint                 busy : 1;     /* a worker has the snapshot */
  guint                 dirty : 1;    /* the preview is out of date */
  guint                 copy_pending : 1;
};

G_DEFINE_FINAL_TYPE (MarzExportDialog, marz_export_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Sizes in pixels at 96 dpi, or a paper's in mm; 0 is the map's size on screen. */
static const struct
{
  const char *label;
  guint       width;
  guint       height;
  double      dpi;
  double      width_mm;
  double      height_mm;
} sizes[] = {
  { NULL, 0, 0, 96, 0, 0 },
  { N_("Full HD, 1920 × 1080 px"), 1920, 1080, 96, 0, 0 },
  { N_("Large, 4000 × 3000 px"), 4000, 3000, 96, 0, 0 },
  { N_("A4 landscape, 300 dpi"), 0, 0, 300, 297, 210 },
  { N_("A3 landscape, 300 dpi"), 0, 0, 300, 420, 297 },
  { N_("Letter landscape, 300 dpi"), 0, 0, 300, 279.4, 215.9 },
};

static const struct
{
  MarzSnapshotFurniture flag;
  const char           *label;
} furniture_items[] = {
  { MARZ_SNAPSHOT_TITLE, N_("Title and subtitle") },
  { MARZ_SNAPSHOT_FILTERS, N_("Date range and filters") },
  { MARZ_SNAPSHOT_LEGEND, N_("Legend") },
  { MARZ_SNAPSHOT_SCALE_BAR, N_("Scale bar") },
  { MARZ_SNAPSHOT_NORTH_ARROW, N_("North arrow") },
  { MARZ_SNAPSHOT_ATTRIBUTION, N_("Data sources") },
  { MARZ_SNAPSHOT_LIST, N_("Numbered list of incidents") },
};

static void start_next_job (MarzExportDialog *self);

/* ------------------------------------------------------------------------ */

static MarzSnapshotFormat
get_format (MarzExportDialog *self)
{
  return (MarzSnapshotFormat) adw_combo_row_get_selected (self->format_row);
}

static void
get_figure (MarzExportDialog *self,
            guint            *width,
            guint            *height,
            double           *dpi,
            double           *zoom)
{
  guint i = MIN (adw_combo_row_get_selected (self->size_row), G_N_ELEMENTS (sizes) - 1);

  *width = sizes[i].width_mm ? marz_snapshot_mm_to_px (sizes[i].width_mm, 96)
                             : sizes[i].width ? sizes[i].width : self->view.width;
  *height = sizes[i].height_mm ? marz_snapshot_mm_to_px (sizes[i].height_mm, 96)
                               : sizes[i].height ? sizes[i].height : self->view.height;
  *dpi = sizes[i].dpi;
  /* A bigger figure shows at least what the window showed, not a corner of it. */
  *zoom = self->view.zoom + log2 (MIN ((double) *width / self->view.width, (double) *height / self->view.height));
  *zoom = CLAMP (*zoom, 0.0, MARZ_SNAPSHOT_MAX_ZOOM);
}

/* A PNG's (and a copied image's) pixels: a paper's own at its dpi. */
static void
get_pixels (MarzExportDialog *self,
            guint            *width,
            guint            *height)
{
  guint i = MIN (adw_combo_row_get_selected (self->size_row), G_N_ELEMENTS (sizes) - 1);
  double dpi, zoom;

  get_figure (self, width, height, &dpi, &zoom);
  if (sizes[i].width_mm)
    {
      *width = marz_snapshot_mm_to_px (sizes[i].width_mm, dpi);
      *height = marz_snapshot_mm_to_px (sizes[i].height_mm, dpi);
    }
  else
    *width = (guint) round (*width * dpi / 96), *height = (guint) round (*height * dpi / 96);
}

/* Settings go to the snapshot only while no worker has it. */
static void
apply_settings (MarzExportDialog *self)
{
  guint width, height;
  double dpi, zoom;

  g_assert (!self->busy);
  get_figure (self, &width, &height, &dpi, &zoom);
  marz_snapshot_set_size (self->snapshot, width, height);
  get_pixels (self, &width, &height);
  marz_snapshot_set_png_size (self->snapshot, width, height);
  marz_snapshot_set_center_zoom (self->snapshot, self->view.lat, self->view.lon, zoom);
  marz_snapshot_set_title (self->snapshot, gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
                           gtk_editable_get_text (GTK_EDITABLE (self->subtitle_row)));
  marz_snapshot_set_furniture (self->snapshot, self->furniture);
}

static cairo_surface_t *
render_image (MarzSnapshot *snapshot,
              int           pixel_width,
              int           pixel_height)
{
  guint width, height;
  cairo_surface_t *surface;
  cairo_t *cr;

  marz_snapshot_get_size (snapshot, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (1, pixel_width), MAX (1, pixel_height));
  cr = cairo_create (surface);
  cairo_scale (cr, (double) MAX (1, pixel_width) / width, (double) MAX (1, pixel_height) / height);
  marz_snapshot_render (snapshot, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  int stride = cairo_image_surface_get_stride (surface);
  int height = cairo_image_surface_get_height (surface);
  g_autoptr(GBytes) bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);

  /* cairo's ARGB32 is premultiplied BGRA in memory on little-endian hosts,
   * what GDK calls its default format on every host. */
  return gdk_memory_texture_new (cairo_image_surface_get_width (surface), height, GDK_MEMORY_DEFAULT,
                                 bytes, stride);
}

/* ------------------------------------------------------------------------ */
/* Jobs: one at a time, each in a worker */

/* A job is all a worker sees: a ref to the snapshot and what to do with it.
 * The dialog is reached only from the main thread, through a weak ref, so
 * closing it while a job runs neither frees what the worker uses nor has
 * the widget finalized in the worker. */
typedef struct
{
  JobKind             kind;
  MarzSnapshot       *snapshot;
  GWeakRef            dialog;       /* main thread only */
  char               *path;
  MarzSnapshotFormat  format;
  double              dpi;
  int                 pixel_width;  /* of an image */
  int                 pixel_height;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->snapshot);
  g_weak_ref_clear (&job->dialog);
  g_free (job->path);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  cairo_surface_t *surface;

  switch (job->kind)
    {
    case JOB_WRITE:
      if (marz_snapshot_write_full (job->snapshot, job->path, job->format, job->dpi, cancellable, &error))
        g_task_return_pointer (task, NULL, NULL);
      else
        g_task_return_error (task, error);
      break;
    case JOB_PREVIEW:
    case JOB_COPY:
    default:
      surface = render_image (job->snapshot, job->pixel_width, job->pixel_height);
      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        {
          g_task_return_new_error (task, MARZ_SNAPSHOT_ERROR, MARZ_SNAPSHOT_ERROR_FAILED, "%s",
                                   cairo_status_to_string (cairo_surface_status (surface)));
        }
      else
        g_task_return_pointer (task, texture_from_surface (surface), g_object_unref);
      cairo_surface_destroy (surface);
      break;
    }
}

static void
toast (MarzExportDialog *self,
       const char       *message)
{
  /* A toast's title is markup (libadwaita 1.2); messages name files. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(MarzExportDialog) self = g_weak_ref_get (&job->dialog);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  self->busy = FALSE;
  gtk_spinner_stop (self->spinner);

  if (error != NULL)
    toast (self, error->message);
  else if (job->kind == JOB_PREVIEW)
    gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
  else if (job->kind == JOB_COPY)
    {
      gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
      toast (self, _("Image copied"));
    }
  else
    {
      g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, job->path);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  start_next_job (self);
}

static void
run_job (MarzExportDialog *self,
         Job              *job)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, on_job_done_cb, NULL);

  job->snapshot = g_object_ref (self->snapshot);
  g_weak_ref_init (&job->dialog, self);
  g_task_set_source_tag (task, run_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  self->busy = TRUE;
  gtk_spinner_start (self->spinner);
  g_task_run_in_thread (task, job_thread);
}

/* Writes and copies first (the user asked for them); then the preview. */
static void
start_next_job (MarzExportDialog *self)
{
  guint width, height;
  double dpi, zoom;
  Job *job;

  if (self->busy || self->snapshot == NULL)
    return;
  apply_settings (self);
  get_figure (self, &width, &height, &dpi, &zoom);
  job = g_new0 (Job, 1);
  if (self->pending_path != NULL)
    {
      job->kind = JOB_WRITE;
      job->path = g_steal_pointer (&self->pending_path);
      job->format = get_format (self);
      job->dpi = job->format == MARZ_SNAPSHOT_PNG ? dpi : 96;
    }
  else if (self->copy_pending)
    {
      self->copy_pending = FALSE;
      job->kind = JOB_COPY;
      /* At the preset's pixels, as a PNG of it would be. */
      get_pixels (self, &width, &height);
      job->pixel_width = (int) width, job->pixel_height = (int) height;
    }
  else if (self->dirty)
    {
      self->dirty = FALSE;
      double scale = MIN (1.0, (double) PREVIEW_SIZE * gtk_widget_get_scale_factor (GTK_WIDGET (self))
                                 / MAX (width, height));
      job->kind = JOB_PREVIEW;
      job->pixel_width = (int) ceil (width * scale), job->pixel_height = (int) ceil (height * scale);
    }
  else
    {
      g_free (job);
      return;
    }
  run_job (self, job);
}

static void
preview_changed (MarzExportDialog *self)
{
  self->dirty = TRUE;
  start_next_job (self);
}

/* ------------------------------------------------------------------------ */
/* Loading */

typedef struct
{
  char         *database_path;
  MarzSnapshot *snapshot;
  GWeakRef      dialog;          /* main thread only */
} Load;

static void
load_free (Load *load)
{
  g_free (load->database_path);
  g_clear_object (&load->snapshot);
  g_weak_ref_clear (&load->dialog);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(MarzStore) store = NULL;
  GError *error = NULL;

  if (!(store = marz_store_open_reader (load->database_path, &error)) ||
      !marz_snapshot_load (load->snapshot, store, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_load_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(MarzExportDialog) self = g_weak_ref_get (&load->dialog);
  g_autoptr(GError) error = NULL;
  gboolean loaded = g_task_propagate_boolean (G_TASK (result), &error);

  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  gtk_spinner_stop (self->spinner);
  if (!loaded)
    {
      toast (self, error->message);
      return;
    }
  self->snapshot = g_steal_pointer (&load->snapshot);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.copy", TRUE);
  preview_changed (self);
}

/* ------------------------------------------------------------------------ */
/* Actions */

static const char *
format_extension (MarzSnapshotFormat format)
{
  return marz_snapshot_format_to_string (format);
}

/* @path named for @format: its extension replaced if it names another
 * format, added if it names none (a PDF is never saved as map.png). */
static char *
path_for_format (const char         *path,
                 MarzSnapshotFormat  format)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');
  const char *ext = format_extension (format);
  MarzSnapshotFormat named;

  if (dot != NULL && dot != base && marz_snapshot_format_from_string (dot + 1, &named))
    {
      if (named == format)
        return g_strdup (path);
      return g_strdup_printf ("%.*s.%s", (int) (strlen (path) - strlen (dot)), path, ext);
    }
  return g_strdup_printf ("%s.%s", path, ext);
}

static void
on_save_chooser_response_cb (GtkNativeDialog  *chooser,
                             int               response,
                             MarzExportDialog *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    {
      g_autofree char *path = g_file_get_path (file);
      if (path != NULL)
        marz_export_dialog_export_to (self, path);
      else
        toast (self, _("Marz can only export to a local folder"));
    }
  g_clear_object (&self->chooser);
}

static void
destroy_chooser (MarzExportDialog *self)
{
  if (self->chooser == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->chooser, self);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MarzExportDialog *self = MARZ_EXPORT_DIALOG (widget);
  g_autofree char *name = NULL;

  /* Modal, owned and destroyed with the dialog: its answer never reaches a
   * dialog that is gone. */
  destroy_chooser (self);
  self->chooser = gtk_file_chooser_native_new (_("Export Map"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* TRANSLATORS: the suggested file name of an exported map, without its extension */
  name = g_strdup_printf ("%s.%s", _("map"), format_extension (get_format (self)));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_save_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MarzExportDialog *self = MARZ_EXPORT_DIALOG (widget);

  self->copy_pending = TRUE;
  start_next_job (self);
}

/* ------------------------------------------------------------------------ */

static void
on_setting_changed_cb (MarzExportDialog *self)
{
  preview_changed (self);
}

static void
on_furniture_switch_active_cb (GtkSwitch        *sw,
                               GParamSpec       *pspec,
                               MarzExportDialog *self)
{
  MarzSnapshotFurniture flag = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (sw), "marz-furniture"));

  if (gtk_switch_get_active (sw))
    self->furniture |= flag;
  else
    self->furniture &= ~flag;
  preview_changed (self);
}

static void
build_size_model (MarzExportDialog *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *label = i == 0 ? g_strdup_printf (_("As shown, %u × %u px"),
                                                         self->view.width, self->view.height)
                                      : g_strdup (_(sizes[i].label));
      gtk_string_list_append (list, label);
    }
  adw_combo_row_set_model (self->size_row, G_LIST_MODEL (list));
}

static void
build_furniture_rows (MarzExportDialog *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (furniture_items); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *sw = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(furniture_items[i].label));
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (sw), (self->furniture & furniture_items[i].flag) != 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(furniture_items[i].label), -1);
      g_object_set_data (G_OBJECT (sw), "marz-furniture", GUINT_TO_POINTER (furniture_items[i].flag));
      g_signal_connect (sw, "notify::active", G_CALLBACK (on_furniture_switch_active_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      adw_preferences_group_add (self->furniture_group, row);
    }
}

static void
marz_export_dialog_dispose (GObject *object)
{
  MarzExportDialog *self = MARZ_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  destroy_chooser (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MARZ_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (marz_export_dialog_parent_class)->dispose (object);
}

static void
marz_export_dialog_finalize (GObject *object)
{
  MarzExportDialog *self = MARZ_EXPORT_DIALOG (object);

  g_clear_object (&self->snapshot);
  g_clear_object (&self->cancellable);
  g_free (self->pending_path);
  G_OBJECT_CLASS (marz_export_dialog_parent_class)->finalize (object);
}

static void
marz_export_dialog_class_init (MarzExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = marz_export_dialog_dispose;
  object_class->finalize = marz_export_dialog_finalize;

  /**
   * MarzExportDialog::exported:
   * @path: the file written
   *
   * A figure was written; the dialog closes.
   */
  signals[SIGNAL_EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/marzatlas/Marz/ui/marz-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MarzExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MarzExportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, MarzExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, MarzExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, MarzExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, MarzExportDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, MarzExportDialog, subtitle_row);
  gtk_widget_class_bind_template_child (widget_class, MarzExportDialog, furniture_group);

  gtk_widget_class_install_action (widget_class, "export.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "export.copy", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "export.save", NULL);
}

static void
marz_export_dialog_init (MarzExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->furniture = MARZ_SNAPSHOT_FURNITURE_DEFAULT;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.copy", FALSE);
}

/* ------------------------------------------------------------------------ */

MarzExportDialog *
marz_export_dialog_new (GtkWindow                *parent,
                        const char               *database_path,
                        MarzBasemap              *basemap,
                        const MarzIncidentFilter *filter,
                        const MarzExportView     *view)
{
  MarzExportDialog *self;
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_return_val_if_fail (database_path != NULL && MARZ_IS_BASEMAP (basemap), NULL);
  g_return_val_if_fail (filter != NULL && view != NULL, NULL);

  self = g_object_new (MARZ_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->view = *view;
  self->view.width = MAX (self->view.width, 64);
  self->view.height = MAX (self->view.height, 64);
  build_size_model (self);
  build_furniture_rows (self);
  g_signal_connect_swapped (self->size_row, "notify::selected", G_CALLBACK (on_setting_changed_cb), self);
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (on_setting_changed_cb), self);
  g_signal_connect_swapped (self->subtitle_row, "changed", G_CALLBACK (on_setting_changed_cb), self);

  load = g_new0 (Load, 1);
  load->database_path = g_strdup (database_path);
  load->snapshot = marz_snapshot_new (basemap, filter);
  marz_snapshot_set_language (load->snapshot, marz_basemap_get_language (basemap));
  g_weak_ref_init (&load->dialog, self);
  task = g_task_new (NULL, self->cancellable, on_load_done_cb, NULL);
  g_task_set_source_tag (task, marz_export_dialog_new);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  gtk_spinner_start (self->spinner);
  g_task_run_in_thread (task, load_thread);
  return self;
}

/* Writes the figure to @path (its extension made the format's) once the
 * snapshot is free; ::exported follows with the path written, or a toast
 * saying what went wrong. */
void
marz_export_dialog_export_to (MarzExportDialog *self,
                              const char       *path)
{
  g_return_if_fail (MARZ_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  g_free (self->pending_path);
  self->pending_path = path_for_format (path, get_format (self));
  start_next_job (self);
}

gboolean
marz_export_dialog_get_busy (MarzExportDialog *self)
{
  g_return_val_if_fail (MARZ_IS_EXPORT_DIALOG (self), FALSE);
  return self->busy || self->pending_path != NULL || self->copy_pending || self->snapshot == NULL;
}
