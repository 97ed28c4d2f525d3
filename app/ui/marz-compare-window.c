/* marz-compare-window.c
 *
 * Two articles side by side (MarzCompareView) in a window of their own.
 *
 * Threads: the window's MarzStore is the main thread's: it reads the
 * articles' headers once, when the window opens.  Decisions are written by
 * a worker on a connection of its own, since an import holds the database
 * for seconds: they queue up, and one worker at a time writes all that
 * are queued, in order, so the last word is the last decision made.  A
 * window closed meanwhile still writes them.  Aligning (reading both
 * texts, finding anchors, matching) runs in a worker on a reader
 * connection of its own, one alignment at a time, after the decisions
 * are written; a decision made while one runs asks for another when it
 * ends.  The aligner is shared with the workers, which only read it.
 *
 * Decisions are keyed by the articles' names as the store resolves them
 * («000_….txt»), whatever name the window was opened with, as the CLI
 * and marz_store_align_articles () key them.
 */
#define G_LOG_DOMAIN "marz-compare-window"

#include "marz-compare-window.h"

#include <glib/gi18n.h>

#include "marz-language.h"
#include "marz-resources.h"

struct _MarzCompareWindow
{
  AdwWindow          parent_instance;

  /* template widgets */
  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  GtkStack          *stack;
  AdwStatusPage     *error_page;
  MarzCompareView   *view;
  GtkSpinner        *spinner;

  /* owned */
  char              *database_path;
  char              *article_a;       /* as the store names them */
  char              *article_b;
  char              *title;           /* «000.txt (Arabic) · 002.txt (Dari)» */
  char              *error;
  MarzAligner       *aligner;
  MarzStore         *store;           /* main thread only */
  GCancellable      *cancellable;     /* fires when the window closes */
  GtkFileChooserNative *chooser;
  AdwToast          *undo_toast;      /* weak */
  GQueue             decisions;       /* Decision, not yet handed to a writer */

  /* the last decision, to undo */
  guint              undo_a_start;
  guint              undo_b_start;
  MarzAlignDecisionKind undo_kind;    /* what there was before it */

  guint              busy : 1;
  guint              realign_pending : 1;
  guint              has_undo : 1;
  guint              shown_once : 1;
  guint              writing : 1;     /* a writer is at work */
  guint              disposed : 1;
};

G_DEFINE_FINAL_TYPE (MarzCompareWindow, marz_compare_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char        *path;
  char        *article_a;
  char        *article_b;
  MarzAligner *aligner;
} AlignData;

static void
align_data_free (AlignData *data)
{
  g_free (data->path);
  g_free (data->article_a);
  g_free (data->article_b);
  g_clear_pointer (&data->aligner, marz_aligner_unref);
  g_free (data);
}

/* One decision to write; an undo writes what was there before. */
typedef struct
{
  guint                 a_start;
  guint                 b_start;
  MarzAlignDecisionKind kind;
  MarzAlignDecisionKind previous;   /* filled by the writer */
  gboolean              is_undo;
} Decision;

typedef struct
{
  char      *path;
  char      *article_a;
  char      *article_b;
  GPtrArray *decisions;   /* Decision, in the order they were made */
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->path);
  g_free (data->article_a);
  g_free (data->article_b);
  g_clear_pointer (&data->decisions, g_ptr_array_unref);
  g_free (data);
}

static void realign (MarzCompareWindow *self);

/* A toast's title is Pango markup (libadwaita 1.2): messages name files
 * and articles, which may hold < or &. */
static AdwToast *
new_toast (const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  return adw_toast_new (escaped);
}

static void
toast (MarzCompareWindow *self,
       const char        *message)
{
  AdwToast *toast = new_toast (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
set_busy (MarzCompareWindow *self,
          gboolean           busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_error (MarzCompareWindow *self,
            const char        *message)
{
  g_autofree char *escaped = NULL;

  g_free (self->error);
  self->error = g_strdup (message);
  /* the description is markup too */
  escaped = g_markup_escape_text (message, -1);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export", FALSE);
}

/* «000_….txt (Arabic)» from the store's header of the article; @name
 * becomes the name the store knows it by («000_…» → «000_….txt»). */
static char *
describe_article (MarzCompareWindow  *self,
                  char              **name,
                  GError            **error)
{
  g_autoptr(MarzArticleInfo) info = marz_store_get_article (self->store, *name, error);

  if (info == NULL)
    return NULL;
  g_free (*name);
  *name = g_strdup (info->name);
  /* Translators: an article and its language in the compare window's title */
  return g_strdup_printf (_("%s (%s)"), info->name, marz_language_get_name (info->language, info->variety));
}

/* «12 pairs · 3 confirmed · 1 discrepancy» */
static void
update_subtitle (MarzCompareWindow   *self,
                 const MarzAlignment *alignment)
{
  guint n_pairs = alignment->pairs->len;
  guint n_confirmed = marz_alignment_count_confirmed (alignment);
  guint n_differ = alignment->discrepancies->len;
  g_autofree char *pairs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pair", "%u pairs", n_pairs), n_pairs);
  g_autofree char *confirmed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u confirmed", "%u confirmed",
                                                             n_confirmed), n_confirmed);
  g_autofree char *differ = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u discrepancy", "%u discrepancies",
                                                          n_differ), n_differ);
  g_autofree char *subtitle = g_strjoin (" · ", pairs, confirmed, differ, NULL);

  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export",
                                 n_confirmed > 0 && !marz_compare_window_get_busy (self));
}

/* Aligning ---------------------------------------------------------------- */

static void
align_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  AlignData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = marz_store_open_reader (data->path, &error);
  MarzAlignment *alignment = NULL;

  if (store != NULL)
    alignment = marz_store_align_articles (store, data->aligner, data->article_a, data->article_b, &error);
  if (alignment == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, alignment, (GDestroyNotify) marz_alignment_free);
}

static void
on_align_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MarzCompareWindow *self = MARZ_COMPARE_WINDOW (source);
  g_autoptr(GError) error = NULL;
  MarzAlignment *alignment = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (self->realign_pending || self->writing || !g_queue_is_empty (&self->decisions))
    {
      /* A decision came in while this ran: this result is already old. */
      g_clear_pointer (&alignment, marz_alignment_free);
      realign (self);
      return;
    }
  if (alignment == NULL)
    {
      show_error (self, error->message);
      return;
    }
  update_subtitle (self, alignment);
  marz_compare_view_set_alignment (self->view, alignment);
  gtk_stack_set_visible_child_name (self->stack, "view");
  if (!self->shown_once && marz_compare_view_get_n_rows (self->view) > 0)
    gtk_widget_grab_focus (marz_compare_view_get_row_widget (self->view, 0));
  self->shown_once = TRUE;
}

static void
realign (MarzCompareWindow *self)
{
  g_autoptr(GTask) task = NULL;
  AlignData *data;

  if (self->busy || self->writing)
    {
      /* the writer asks again when it is done */
      self->realign_pending = TRUE;
      return;
    }
  self->realign_pending = FALSE;
  data = g_new0 (AlignData, 1);
  data->path = g_strdup (self->database_path);
  data->article_a = g_strdup (self->article_a);
  data->article_b = g_strdup (self->article_b);
  data->aligner = marz_aligner_ref (self->aligner);
  task = g_task_new (self, self->cancellable, on_align_done_cb, NULL);
  g_task_set_source_tag (task, realign);
  g_task_set_task_data (task, data, (GDestroyNotify) align_data_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, align_thread);
}

/* Decisions --------------------------------------------------------------- */

/* The decision stored for these two sentences, or NONE. */
static gboolean
find_decision (MarzStore              *store,
               const WriteData        *data,
               const Decision         *decision,
               MarzAlignDecisionKind  *kind,
               GError                **error)
{
  g_autoptr(GArray) decisions = marz_store_get_align_decisions (store, data->article_a, data->article_b, error);

  if (decisions == NULL)
    return FALSE;
  *kind = MARZ_ALIGN_DECISION_NONE;
  for (guint i = 0; i < decisions->len; i++)
    {
      const MarzAlignDecision *d = &g_array_index (decisions, MarzAlignDecision, i);
      if (d->a_start == decision->a_start && d->b_start == decision->b_start)
        *kind = d->kind;
    }
  return TRUE;
}

/* Writes the batch in order; stops at the first failure, and the
 * decisions after it are not written either (they may build on it). */
static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = marz_store_open (data->path, &error);

  for (guint i = 0; store != NULL && i < data->decisions->len; i++)
    {
      Decision *d = g_ptr_array_index (data->decisions, i);
      if (!find_decision (store, data, d, &d->previous, &error)
          || !marz_store_set_align_decision (store, data->article_a, data->article_b,
                                             d->a_start, d->b_start, d->kind, &error))
        break;
    }
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static const char *
describe_decision (MarzAlignDecisionKind kind)
{
  switch (kind)
    {
    case MARZ_ALIGN_DECISION_CONFIRM: return _("Pair confirmed");
    case MARZ_ALIGN_DECISION_REJECT:  return _("Pair rejected");
    case MARZ_ALIGN_DECISION_PAIR:    return _("Sentences paired");
    case MARZ_ALIGN_DECISION_NONE:
    default:                          return _("Decision undone");
    }
}

static void
offer_undo (MarzCompareWindow *self,
            const Decision    *decision)
{
  AdwToast *undo;

  self->has_undo = TRUE;
  self->undo_a_start = decision->a_start;
  self->undo_b_start = decision->b_start;
  self->undo_kind = decision->previous;
  if (self->undo_toast)
    adw_toast_dismiss (self->undo_toast);
  undo = new_toast (describe_decision (decision->kind));
  adw_toast_set_button_label (undo, _("_Undo"));
  adw_toast_set_action_name (undo, "compare.undo");
  g_set_weak_pointer (&self->undo_toast, undo);
  adw_toast_overlay_add_toast (self->toast_overlay, undo);
}

static void write_decisions (MarzCompareWindow *self);

static void
on_decisions_written_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  MarzCompareWindow *self = MARZ_COMPARE_WINDOW (source);
  WriteData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  self->writing = FALSE;
  if (self->disposed)
    {
      write_decisions (self);   /* what was decided before the window closed */
      return;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (!ok)
    toast (self, error->message);
  else
    {
      const Decision *last = g_ptr_array_index (data->decisions, data->decisions->len - 1);
      if (last->is_undo)
        toast (self, describe_decision (MARZ_ALIGN_DECISION_NONE));
      else
        offer_undo (self, last);
    }
  if (!g_queue_is_empty (&self->decisions))
    write_decisions (self);
  else
    realign (self);
}

/* Hands every queued decision to one writer, unless one is at work. */
static void
write_decisions (MarzCompareWindow *self)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;
  Decision *d;

  if (self->writing || g_queue_is_empty (&self->decisions))
    return;
  data = g_new0 (WriteData, 1);
  data->path = g_strdup (self->database_path);
  data->article_a = g_strdup (self->article_a);
  data->article_b = g_strdup (self->article_b);
  data->decisions = g_ptr_array_new_with_free_func (g_free);
  while ((d = g_queue_pop_head (&self->decisions)))
    g_ptr_array_add (data->decisions, d);
  /* No cancellable: a decision made is written, window or not. */
  task = g_task_new (self, NULL, on_decisions_written_cb, NULL);
  g_task_set_source_tag (task, write_decisions);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  self->writing = TRUE;
  g_task_run_in_thread (task, write_thread);
}

static void
queue_decision (MarzCompareWindow     *self,
                guint                  a_start,
                guint                  b_start,
                MarzAlignDecisionKind  kind,
                gboolean               is_undo)
{
  Decision *d = g_new0 (Decision, 1);

  d->a_start = a_start;
  d->b_start = b_start;
  d->kind = kind;
  d->is_undo = is_undo;
  g_queue_push_tail (&self->decisions, d);
  /* Until it is written, there is nothing to undo, and the alignment
   * shown is about to be old: no export of it. */
  self->has_undo = FALSE;
  if (self->undo_toast)
    adw_toast_dismiss (self->undo_toast);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export", FALSE);
  write_decisions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_view_decision_cb (MarzCompareView   *view,
                     guint              a_start,
                     guint              b_start,
                     int                kind,
                     MarzCompareWindow *self)
{
  queue_decision (self, a_start, b_start, kind, FALSE);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  marz_compare_window_undo (MARZ_COMPARE_WINDOW (widget));
}

/* Export ---------------------------------------------------------------- */

static void
on_chooser_response_cb (GtkNativeDialog   *chooser,
                        int                response,
                        MarzCompareWindow *self)
{
  MarzAlignFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "marz-format"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file ? g_file_get_path (file) : NULL;
  g_clear_object (&self->chooser);
  if (path == NULL)
    return;
  if (!marz_compare_window_export (self, format, path, &error))
    toast (self, error->message);
  else
    toast (self, _("Confirmed pairs exported"));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MarzCompareWindow *self = MARZ_COMPARE_WINDOW (widget);
  const char *extension = g_variant_get_string (parameter, NULL);
  g_autofree char *a = g_strdup (self->article_a);
  g_autofree char *b = g_strdup (self->article_b);
  g_autofree char *name = NULL;
  MarzAlignFormat format;

  if (!marz_align_format_from_string (extension, &format) || self->chooser != NULL)
    return;
  /* «000_762ce45aa623c2ba-002_953fb3cf66484f30.tmx» */
  if (g_str_has_suffix (a, ".txt"))
    a[strlen (a) - 4] = '\0';
  if (g_str_has_suffix (b, ".txt"))
    b[strlen (b) - 4] = '\0';
  name = g_strdup_printf ("%s-%s.%s", a, b, extension);
  self->chooser = gtk_file_chooser_native_new (_("Export the Confirmed Pairs"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data (G_OBJECT (self->chooser), "marz-format", GINT_TO_POINTER (format));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Overrides ----------------------------------------------------------------- */

static void
marz_compare_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MarzCompareWindow *self = MARZ_COMPARE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, marz_compare_window_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
marz_compare_window_dispose (GObject *object)
{
  MarzCompareWindow *self = MARZ_COMPARE_WINDOW (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->undo_toast);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), MARZ_TYPE_COMPARE_WINDOW);
  G_OBJECT_CLASS (marz_compare_window_parent_class)->dispose (object);
}

static void
marz_compare_window_finalize (GObject *object)
{
  MarzCompareWindow *self = MARZ_COMPARE_WINDOW (object);

  g_assert (g_queue_is_empty (&self->decisions) && !self->writing);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->aligner, marz_aligner_unref);
  g_free (self->database_path);
  g_free (self->article_a);
  g_free (self->article_b);
  g_free (self->title);
  g_free (self->error);
  G_OBJECT_CLASS (marz_compare_window_parent_class)->finalize (object);
}

static void
marz_compare_window_class_init (MarzCompareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = marz_compare_window_get_property;
  object_class->dispose = marz_compare_window_dispose;
  object_class->finalize = marz_compare_window_finalize;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  (void) marz_get_resource ();
  g_type_ensure (MARZ_TYPE_COMPARE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/marzatlas/Marz/ui/marz-compare-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MarzCompareWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MarzCompareWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MarzCompareWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MarzCompareWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, MarzCompareWindow, view);
  gtk_widget_class_bind_template_child (widget_class, MarzCompareWindow, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_view_decision_cb);

  gtk_widget_class_install_action (widget_class, "compare.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "compare.export", "s", export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "compare.undo", NULL);
}

static void
marz_compare_window_init (MarzCompareWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export", FALSE);
}

/* Public API -------------------------------------------------------------------- */

static gboolean
open_articles (MarzCompareWindow  *self,
               GError            **error)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  self->store = marz_store_open (self->database_path, error);
  if (self->store == NULL)
    return FALSE;
  if ((a = describe_article (self, &self->article_a, error)) == NULL
      || (b = describe_article (self, &self->article_b, error)) == NULL)
    return FALSE;
  /* Translators: the compare window's title, «000.txt (Arabic) · 002.txt (Dari)» */
  self->title = g_strdup_printf (_("%s · %s"), a, b);
  return TRUE;
}

/**
 * marz_compare_window_new:
 * @database_path: the store holding both articles
 * @aligner: what aligns them
 * @article_a: shown on the start side
 * @article_b: shown on the end side
 *
 * Opens on the alignment as it is being computed.
 */
MarzCompareWindow *
marz_compare_window_new (const char  *database_path,
                         MarzAligner *aligner,
                         const char  *article_a,
                         const char  *article_b)
{
  MarzCompareWindow *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (database_path != NULL && aligner != NULL, NULL);
  g_return_val_if_fail (article_a != NULL && article_b != NULL, NULL);

  self = g_object_new (MARZ_TYPE_COMPARE_WINDOW, NULL);
  self->database_path = g_strdup (database_path);
  self->aligner = marz_aligner_ref (aligner);
  self->article_a = g_strdup (article_a);
  self->article_b = g_strdup (article_b);
  if (!open_articles (self, &error))
    {
      adw_window_title_set_title (self->window_title, _("Compare Articles"));
      show_error (self, error->message);
      return self;
    }
  adw_window_title_set_title (self->window_title, self->title);
  gtk_window_set_title (GTK_WINDOW (self), self->title);
  realign (self);
  return self;
}

/**
 * marz_compare_window_get_view:
 *
 * Returns: (transfer none): the side-by-side view
 */
MarzCompareView *
marz_compare_window_get_view (MarzCompareWindow *self)
{
  g_return_val_if_fail (MARZ_IS_COMPARE_WINDOW (self), NULL);
  return self->view;
}

gboolean
marz_compare_window_get_busy (MarzCompareWindow *self)
{
  g_return_val_if_fail (MARZ_IS_COMPARE_WINDOW (self), FALSE);
  return self->busy || self->realign_pending || self->writing || !g_queue_is_empty (&self->decisions);
}

const char *
marz_compare_window_get_error (MarzCompareWindow *self)
{
  g_return_val_if_fail (MARZ_IS_COMPARE_WINDOW (self), NULL);
  return self->error;
}

void
marz_compare_window_undo (MarzCompareWindow *self)
{
  g_return_if_fail (MARZ_IS_COMPARE_WINDOW (self));

  if (!self->has_undo)
    return;
  queue_decision (self, self->undo_a_start, self->undo_b_start, self->undo_kind, TRUE);
}

gboolean
marz_compare_window_export (MarzCompareWindow  *self,
                            MarzAlignFormat     format,
                            const char         *path,
                            GError            **error)
{
  const MarzAlignment *alignment;

  g_return_val_if_fail (MARZ_IS_COMPARE_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  alignment = marz_compare_view_get_alignment (self->view);
  if (marz_compare_window_get_busy (self))
    {
      /* The alignment shown does not have the last decisions yet. */
      g_set_error_literal (error, MARZ_ALIGN_ERROR, MARZ_ALIGN_ERROR_INVALID,
                           _("The alignment is being updated: export it in a moment"));
      return FALSE;
    }
  if (alignment == NULL)
    {
      g_set_error_literal (error, MARZ_ALIGN_ERROR, MARZ_ALIGN_ERROR_INVALID, _("Nothing to export yet"));
      return FALSE;
    }
  return marz_alignment_export (alignment, format, MARZ_ALIGN_EXPORT_CONFIRMED, path, error);
}
