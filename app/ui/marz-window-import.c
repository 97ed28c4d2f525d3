/* marz-window-import.c: importing articles from the window, in a worker
 *
 * The worker opens its own writer connection and imports the files in
 * batches, each one transaction: the markers fill in batch by batch, and a
 * cancelled import (the window closed) keeps every batch already done.
 * Progress and failures travel to the main thread in idles that hold a
 * reference on the window.
 */
#define G_LOG_DOMAIN "marz-window"

#include "marz-window-private.h"

#include <glib/gi18n.h>

#include "marz-import.h"
#include "marz-reader.h"

#define MAX_BATCH 256

typedef struct
{
  char         *database_path;
  char        **paths;
  gboolean      bundled;
  GApplication *application;   /* held while the import runs, or NULL */
  MarzImportSummary summary;   /* written by the worker, read once it is done */
} ImportJob;

typedef struct
{
  MarzWindow *window;
  guint       done;
  guint       total;
  char       *failure;        /* «file: why», or NULL */
  gboolean    batch_done;
} ImportEvent;

typedef struct
{
  MarzWindow *window;         /* borrowed: the task holds it */
  guint       offset;         /* files of the batches before */
  guint       total;
} BatchProgress;

static void
import_job_free (ImportJob *job)
{
  g_free (job->database_path);
  g_strfreev (job->paths);
  g_clear_object (&job->application);
  g_free (job);
}

static void
set_importing (MarzWindow *self,
               gboolean    importing)
{
  if (self->importing == !!importing)
    return;
  self->importing = !!importing;
  gtk_revealer_set_reveal_child (self->progress_revealer, importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-files", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", !importing);
  g_object_notify (G_OBJECT (self), "importing");
}

static void
show_progress (MarzWindow *self,
               guint       done,
               guint       total)
{
  g_autofree char *text = g_strdup_printf (_("Importing articles: %u of %u"), done, total);

  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total ? (double) done / total : 0);
}

static gboolean
deliver_event_cb (gpointer data)
{
  ImportEvent *event = data;
  MarzWindow *self = event->window;

  if (!g_cancellable_is_cancelled (self->cancellable))
    {
      show_progress (self, event->done, event->total);
      if (event->failure)
        g_ptr_array_add (self->import_errors, g_steal_pointer (&event->failure));
      if (event->batch_done)
        _marz_window_reload (self, TRUE);
    }
  g_object_unref (event->window);
  g_free (event->failure);
  g_free (event);
  return G_SOURCE_REMOVE;
}

static void
post_event (MarzWindow *window,
            guint       done,
            guint       total,
            char       *failure,
            gboolean    batch_done)
{
  ImportEvent *event = g_new0 (ImportEvent, 1);

  event->window = g_object_ref (window);
  event->done = done;
  event->total = total;
  event->failure = failure;
  event->batch_done = batch_done;
  /* At the priority GTask completes at, and so before it: the end of the
   * import must find every failure already counted. */
  g_idle_add_full (G_PRIORITY_DEFAULT, deliver_event_cb, event, NULL);
}

/* Called on the import's threads. */
static void
on_import_progress_cb (const MarzImportItem *item,
                       guint                 done,
                       guint                 total,
                       gpointer              user_data)
{
  BatchProgress *progress = user_data;
  char *failure = NULL;

  if (item->outcome == MARZ_IMPORT_FAILED)
    {
      g_autofree char *name = g_path_get_basename (item->path);
      /* Translators: a file that could not be imported, and why */
      failure = g_strdup_printf (_("%s: %s"), name, item->detail);
    }
  post_event (progress->window, progress->offset + done, progress->total, failure, FALSE);
}

static gboolean
import_batches (GTask         *task,
                MarzStore     *store,
                MarzExtractor *extractor,
                GPtrArray     *files,
                GCancellable  *cancellable,
                GError       **error)
{
  ImportJob *job = g_task_get_task_data (task);
  BatchProgress progress = { g_task_get_source_object (task), 0, files->len };
  guint batch = CLAMP (files->len / 20, 1, MAX_BATCH);

  for (guint first = 0; first < files->len; first += batch)
    {
      guint n = MIN (batch, files->len - first);
      g_autofree const char **paths = g_new0 (const char *, n + 1);
      MarzImportSummary summary;

      memcpy (paths, &files->pdata[first], n * sizeof (char *));
      progress.offset = first;
      if (!marz_import_paths (store, extractor, paths, cancellable, on_import_progress_cb, &progress,
                              &summary, error))
        return FALSE;
      job->summary.added += summary.added;
      job->summary.duplicates += summary.duplicates;
      job->summary.failed += summary.failed;
      post_event (progress.window, first + n, files->len, NULL, TRUE);
    }
  return TRUE;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = marz_store_open (job->database_path, &error);
  g_autoptr(MarzGazetteer) gazetteer = NULL;
  g_autoptr(MarzExtractor) extractor = NULL;
  g_autoptr(MarzPathList) files = NULL;

  if (store == NULL
      || (gazetteer = marz_gazetteer_new_default (&error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  extractor = marz_extractor_new (gazetteer);
  files = marz_path_list_new ((const char * const *) job->paths);
  if (!import_batches (task, store, extractor, files->paths, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
show_problems_toast (MarzWindow *self)
{
  g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem while importing",
                                                           "%u problems while importing",
                                                           self->import_errors->len),
                                              self->import_errors->len);
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "win.show-import-errors");
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* What an import the user asked for did, when all went well. */
static void
show_summary_toast (MarzWindow              *self,
                    const MarzImportSummary *summary)
{
  g_autofree char *added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article imported",
                                                         "%u articles imported", summary->added),
                                            summary->added);
  g_autofree char *message = NULL;

  if (summary->duplicates == 0)
    {
      _marz_window_toast (self, added);
      return;
    }
  /* Translators: «3 articles imported, 2 already stored» */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u already stored", "%s, %u already stored",
                                          summary->duplicates), added, summary->duplicates);
  _marz_window_toast (self, message);
}

static void
on_import_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  MarzWindow *self = MARZ_WINDOW (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  /* The window may have left the application by now: release what was held. */
  if (job->application)
    g_application_release (job->application);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_importing (self, FALSE);
  _marz_window_reload (self, TRUE);
  if (error)
    g_ptr_array_add (self->import_errors, g_strdup (error->message));
  if (self->import_errors->len > 0)
    show_problems_toast (self);
  else if (!job->bundled)
    show_summary_toast (self, &job->summary);
}

/**
 * _marz_window_import_paths:
 * @bundled: whether @paths is the bundled corpus, imported on first start
 *
 * Imports files and folders (recursively) in a worker; the window stays
 * usable and its markers fill in as batches land.
 */
void
_marz_window_import_paths (MarzWindow         *self,
                           const char * const *paths,
                           gboolean            bundled)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (!self->importing);

  job = g_new0 (ImportJob, 1);
  job->database_path = g_strdup (self->database_path);
  job->paths = g_strdupv ((char **) paths);
  job->bundled = bundled;
  g_ptr_array_set_size (self->import_errors, 0);
  /* Quitting waits for the batch being written (a cancelled import stops
   * after it), rather than killing the worker mid-transaction. */
  if (gtk_window_get_application (GTK_WINDOW (self)))
    {
      job->application = g_object_ref (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      g_application_hold (job->application);
    }
  show_progress (self, 0, 0);
  set_importing (self, TRUE);
  task = g_task_new (self, self->cancellable, on_import_done_cb, NULL);
  g_task_set_source_tag (task, _marz_window_import_paths);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

/* Details of what went wrong: every file and why. */
void
_marz_window_show_import_errors (MarzWindow *self)
{
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  for (guint i = 0; i < self->import_errors->len; i++)
    g_string_append_printf (body, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (self->import_errors, i));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Problems"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_import_errors_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  _marz_window_show_import_errors (MARZ_WINDOW (widget));
}

static void
on_file_chooser_response_cb (GtkNativeDialog *chooser,
                             int              response,
                             MarzWindow      *self)
{
  g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (response == GTK_RESPONSE_ACCEPT && !self->importing)
    {
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);
          if (path)
            g_ptr_array_add (paths, path);
        }
      g_ptr_array_add (paths, NULL);
      if (paths->len > 1)
        _marz_window_import_paths (self, (const char * const *) paths->pdata, FALSE);
    }
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gboolean folder = g_str_equal (action_name, "win.import-folder");
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (folder ? _("Import a Folder of Articles") : _("Import Articles"),
                                         GTK_WINDOW (widget),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  if (!folder)
    {
      gtk_file_filter_set_name (filter, _("Text files"));
      gtk_file_filter_add_suffix (filter, "txt");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chooser_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Loading the incidents ---------------------------------------------------- */

/* The first summary after opening a store or an import copies the
 * incidents into memory in the markers' worker: seconds at a million.  A
 * load that lasts longer than this says so in the import's bar; a filter
 * change, much quicker, shows nothing. */
#define LOADING_DELAY_MS 300

static GQuark loading_quark;   /* the source that shows the bar, then pulses it */

static void
remove_source (gpointer id)
{
  g_source_remove (GPOINTER_TO_UINT (id));
}

static gboolean
on_loading_timeout_cb (gpointer data)
{
  MarzWindow *self = data;

  /* An import has the bar: wait for it to end. */
  if (self->importing)
    return G_SOURCE_CONTINUE;
  if (!gtk_revealer_get_reveal_child (self->progress_revealer))
    {
      gtk_label_set_text (self->progress_label, _("Loading incidents…"));
      gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->progress_bar), GTK_ACCESSIBLE_STATE_BUSY, TRUE, -1);
    }
  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* Called as the `loading` property changes. */
void
_marz_window_show_loading (MarzWindow *self,
                           gboolean    loading)
{
  guint id;

  if (loading_quark == 0)
    loading_quark = g_quark_from_static_string ("marz-window-loading");
  if (!loading)
    {
      /* Removes the source. */
      g_object_set_qdata (G_OBJECT (self), loading_quark, NULL);
      if (!self->importing && gtk_revealer_get_reveal_child (self->progress_revealer))
        {
          gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
          gtk_accessible_update_state (GTK_ACCESSIBLE (self->progress_bar), GTK_ACCESSIBLE_STATE_BUSY, FALSE, -1);
        }
      return;
    }
  if (g_object_get_qdata (G_OBJECT (self), loading_quark) != NULL)
    return;
  id = g_timeout_add (LOADING_DELAY_MS, on_loading_timeout_cb, self);
  g_source_set_name_by_id (id, "[marz] loading incidents");
  g_object_set_qdata_full (G_OBJECT (self), loading_quark, GUINT_TO_POINTER (id), remove_source);
}

void
_marz_window_class_init_import (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import-files", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.show-import-errors", NULL, show_import_errors_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import-files", NULL);
}
