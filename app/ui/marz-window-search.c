/* marz-window-search.c: full-text search from the window (Ctrl+F)
 *
 * The entry writes the model's search text; a change of it runs the search
 * in a worker on a reader connection of its own (a newer search cancels
 * the one running) and lists the hits in the sidebar: the article, its
 * language, and a snippet with the match marked.  Choosing a hit opens the
 * article at the match.  The query goes through the same normalization as
 * the index, so «كابل», «کابل» and «كابُل» find the same articles.
 */
#define G_LOG_DOMAIN "marz-window"

#include "marz-window-private.h"

#include <glib/gi18n.h>

#include "marz-language.h"

#define MAX_HITS 50

typedef struct
{
  char          *path;
  char          *query;
  MarzGazetteer *gazetteer;   /* read-only once loaded: shared with the worker */
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->path);
  g_free (data->query);
  g_clear_object (&data->gazetteer);
  g_free (data);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = marz_store_open_reader (data->path, &error);
  GPtrArray *hits = NULL;

  if (store != NULL)
    {
      /* Place names expand to every spelling the gazetteer knows. */
      marz_store_set_gazetteer (store, data->gazetteer);
      hits = marz_store_search (store, data->query, MAX_HITS, &error);
    }
  if (hits == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, hits, (GDestroyNotify) g_ptr_array_unref);
}

/* The match in bold on a tint, set as attributes: the text is never markup. */
static GtkWidget *
new_snippet_label (const MarzSearchHit *hit)
{
  g_autofree char *flat = g_strdelimit (g_strdup (hit->snippet), "\r\n\t", ' ');   /* same length: offsets hold */
  GtkWidget *label = gtk_label_new (flat);
  PangoAttrList *attrs = pango_attr_list_new ();
  const char *start = g_utf8_offset_to_pointer (hit->snippet, hit->match_start);
  const char *end = g_utf8_offset_to_pointer (hit->snippet, hit->match_end);
  PangoAttribute *weight = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  PangoAttribute *tint = pango_attr_background_new (0xffff, 0xe800, 0x8000);

  weight->start_index = tint->start_index = start - hit->snippet;
  weight->end_index = tint->end_index = end - hit->snippet;
  pango_attr_list_insert (attrs, weight);
  pango_attr_list_insert (attrs, tint);
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (marz_language_is_rtl (hit->article->language))
    gtk_widget_set_direction (label, GTK_TEXT_DIR_RTL);
  gtk_widget_add_css_class (label, "marz-snippet");
  return label;
}

static GtkWidget *
new_hit_row (const MarzSearchHit *hit)
{
  const char *language = marz_language_get_name (hit->article->language, hit->article->variety);
  /* Translators: a search hit's article and its language, «000.txt · Arabic» */
  g_autofree char *heading = g_strdup_printf (_("%s · %s"), hit->article->name, language);
  /* Translators: what a search hit's button does, for screen readers */
  g_autofree char *name = g_strdup_printf (_("Open %s (%s) at the match: %s"), hit->article->name, language,
                                           hit->snippet);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (heading);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), new_snippet_label (hit));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-report");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(suu)", hit->article->name,
                                    hit->text_start, hit->text_end);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

static void
show_hits (MarzWindow *self,
           GPtrArray  *hits)
{
  g_autofree char *status = NULL;
  GtkWidget *child;

  g_clear_pointer (&self->search_hits, g_ptr_array_unref);
  self->search_hits = hits ? g_ptr_array_ref (hits) : NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->search_list))))
    gtk_list_box_remove (self->search_list, child);
  for (guint i = 0; hits && i < hits->len; i++)
    gtk_list_box_append (self->search_list, new_hit_row (g_ptr_array_index (hits, i)));
  if (hits == NULL || hits->len == 0)
    status = g_strdup (_("No article matches"));
  else
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles", hits->len), hits->len);
  gtk_label_set_text (self->search_status, status);
}

static void
on_search_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  MarzWindow *self = MARZ_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_task_get_task_data (G_TASK (result)) != self->search_task_data)
    return;   /* an older search, finished after a newer one began */
  self->search_task_data = NULL;
  if (error)
    {
      show_hits (self, NULL);
      gtk_label_set_text (self->search_status, error->message);
      return;
    }
  show_hits (self, hits);
}

/* The model's search text changed: search, or go back to the places. */
void
_marz_window_search (MarzWindow *self)
{
  const char *typed = marz_view_model_get_search_text (self->model);
  g_autofree char *text = g_strstrip (g_strdup (typed ? typed : ""));
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  if (*text == '\0' || self->store == NULL)
    {
      self->search_task_data = NULL;
      show_hits (self, NULL);
      gtk_stack_set_visible_child_name (self->sidebar_stack, "places");
      return;
    }
  data = g_new0 (SearchData, 1);
  data->path = g_strdup (self->database_path);
  data->query = g_steal_pointer (&text);
  data->gazetteer = g_object_ref (self->gazetteer);
  self->search_task_data = data;
  gtk_stack_set_visible_child_name (self->sidebar_stack, "search");
  adw_flap_set_reveal_flap (self->flap, TRUE);
  task = g_task_new (self, self->cancellable, on_search_done_cb, NULL);
  g_task_set_source_tag (task, _marz_window_search);
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  g_task_run_in_thread (task, search_thread);
}

static void
on_search_entry_search_changed_cb (GtkSearchEntry *entry,
                                   MarzWindow     *self)
{
  marz_view_model_set_search_text (self->model, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MarzWindow *self = MARZ_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
_marz_window_class_init_search (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
}

gboolean
marz_window_get_searching (MarzWindow *self)
{
  g_return_val_if_fail (MARZ_IS_WINDOW (self), FALSE);
  return self->search_task_data != NULL;
}

/**
 * marz_window_get_search_hits:
 *
 * Returns: (transfer none) (nullable) (element-type MarzSearchHit): what
 *   the last search found
 */
GPtrArray *
marz_window_get_search_hits (MarzWindow *self)
{
  g_return_val_if_fail (MARZ_IS_WINDOW (self), NULL);
  return self->search_hits;
}
