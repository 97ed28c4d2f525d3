/* marz-window-compare.c: stories and comparing articles, from the window
 *
 * `win.compare-articles` ("(ss)": two article names) opens a
 * MarzCompareWindow.  The sidebar's «stories» page lists the articles that
 * report the same events, grouped (marz-stories.h), and the reader's
 * «Compare with…» offers an article's story first.
 *
 * Stories are built in a worker on a reader connection of its own, once,
 * and again after an import.  The aligner (gazetteer + glossary) is made
 * on first use and shared, read-only, by every compare window's worker and
 * the stories' worker.  All of it hangs off the window as one struct.
 *
 * A build's GTask holds the window, so its callback can run after the
 * window closed, or was disposed (its template children gone, the
 * sidebar's list freed): the build is cancelled on ::close-request and on
 * ::destroy, the list is held through a weak pointer, and nothing is done
 * once torn down.
 */
#define G_LOG_DOMAIN "marz-window"

#include "marz-window-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "marz-align.h"
#include "marz-compare-window.h"
#include "marz-glossary.h"
#include "marz-language.h"
#include "marz-stories.h"

typedef struct
{
  /* borrowed: the sidebar owns it; a weak pointer */
  GtkListBox   *stories_list;

  /* owned */
  MarzAligner  *aligner;
  GPtrArray    *stories;        /* MarzStory, or NULL until built */
  GCancellable *cancellable;    /* the build running */
  guint         building : 1;
  guint         wanted : 1;     /* someone asked: keep them current */
  guint         torn_down : 1;  /* the window was destroyed */
} CompareState;

static GQuark
state_quark (void)
{
  return g_quark_from_static_string ("marz-window-compare");
}

static void
compare_state_free (CompareState *state)
{
  g_cancellable_cancel (state->cancellable);
  g_clear_object (&state->cancellable);
  g_clear_weak_pointer (&state->stories_list);
  g_clear_pointer (&state->aligner, marz_aligner_unref);
  g_clear_pointer (&state->stories, g_ptr_array_unref);
  g_free (state);
}

static CompareState *
get_state (MarzWindow *self)
{
  CompareState *state = g_object_get_qdata (G_OBJECT (self), state_quark ());

  if (state == NULL)
    {
      state = g_new0 (CompareState, 1);
      g_object_set_qdata_full (G_OBJECT (self), state_quark (), state, (GDestroyNotify) compare_state_free);
    }
  return state;
}

/* Returns: (transfer none) (nullable) */
static MarzAligner *
get_aligner (MarzWindow *self)
{
  CompareState *state = get_state (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGlossary) glossary = NULL;
  g_autoptr(MarzAnchorFinder) finder = NULL;

  if (state->aligner != NULL || self->gazetteer == NULL)
    return state->aligner;
  glossary = marz_glossary_new_default (&error);
  if (glossary == NULL)
    {
      _marz_window_toast (self, error->message);   /* which escapes it */
      return NULL;
    }
  finder = marz_anchor_finder_new (self->gazetteer, glossary);
  state->aligner = marz_aligner_new (finder);
  return state->aligner;
}

static void
compare_articles_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MarzWindow *self = MARZ_WINDOW (widget);
  MarzAligner *aligner = get_aligner (self);
  MarzCompareWindow *window;
  const char *a, *b;

  g_variant_get (parameter, "(&s&s)", &a, &b);
  if (aligner == NULL || self->store == NULL || g_str_equal (a, b))
    return;
  window = marz_compare_window_new (self->database_path, aligner, a, b);
  gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (window));
}

/* The stories page ---------------------------------------------------------- */

static const char *
article_language (const MarzArticleInfo *info)
{
  return marz_language_get_name (info->language, info->variety);
}

static GtkWidget *
new_article_button (const MarzArticleInfo *info)
{
  /* Translators: an article of a story, «002_953fb3cf66484f30.txt · Dari» */
  g_autofree char *text = g_strdup_printf (_("%s · %s"), info->name, article_language (info));
  g_autofree char *name = g_strdup_printf (_("Open %s (%s)"), info->name, article_language (info));
  GtkWidget *button = gtk_button_new_with_label (text);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_FILL);
  gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
  gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), PANGO_ELLIPSIZE_MIDDLE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-report");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(suu)", info->name, info->body_start, info->body_start);
  return button;
}

/* The first two articles of the story in different languages, or FALSE. */
static gboolean
find_comparable (const MarzStory        *story,
                 const MarzArticleInfo **a,
                 const MarzArticleInfo **b)
{
  *a = story->articles->len > 0 ? g_ptr_array_index (story->articles, 0) : NULL;
  for (guint i = 1; *a && i < story->articles->len; i++)
    {
      *b = g_ptr_array_index (story->articles, i);
      if (g_strcmp0 ((*a)->language, (*b)->language) != 0 || g_strcmp0 ((*a)->variety, (*b)->variety) != 0)
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
new_story_heading (const MarzStory *story)
{
  g_autofree char *languages = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GtkWidget *label;

  for (guint i = 0; i < story->languages->len; i++)
    {
      /* "fa-AF" is a variety: Dari */
      const char *code = g_ptr_array_index (story->languages, i);
      g_autofree char *primary = g_strndup (code, strcspn (code, "-"));
      g_ptr_array_add (names, (gpointer) marz_language_get_name (primary, strchr (code, '-') ? code : NULL));
    }
  g_ptr_array_add (names, NULL);
  languages = g_strjoinv (", ", (char **) names->pdata);
  /* Translators: a story's heading, «3 articles · Arabic, Dari» */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article · %s", "%u articles · %s",
                                          story->articles->len), story->articles->len, languages);
  label = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
new_story_row (const MarzStory *story)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const MarzArticleInfo *a, *b;

  gtk_box_append (GTK_BOX (top), new_story_heading (story));
  if (find_comparable (story, &a, &b))
    {
      GtkWidget *compare = gtk_button_new_with_mnemonic (_("_Compare"));
      /* Translators: the Compare button of a story, for screen readers */
      g_autofree char *name = g_strdup_printf (_("Compare %s with %s"), a->name, b->name);

      gtk_widget_set_valign (compare, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (compare, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (compare), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (compare), "win.compare-articles");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (compare), "(ss)", a->name, b->name);
      gtk_box_append (GTK_BOX (top), compare);
    }
  gtk_box_append (GTK_BOX (box), top);
  for (guint i = 0; i < story->articles->len; i++)
    gtk_box_append (GTK_BOX (box), new_article_button (g_ptr_array_index (story->articles, i)));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

static void
fill_stories_list (MarzWindow *self)
{
  CompareState *state = get_state (self);
  GtkWidget *child;

  if (state->stories_list == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (state->stories_list))))
    gtk_list_box_remove (state->stories_list, child);
  for (guint i = 0; state->stories && i < state->stories->len; i++)
    gtk_list_box_append (state->stories_list, new_story_row (g_ptr_array_index (state->stories, i)));
}

/* «Compare with…» in the reader --------------------------------------------- */

/* Enough to find one's way in a menu; the story's own come first, all of them. */
#define MAX_OTHER_CANDIDATES 30

static void
update_compare_candidates (MarzWindow *self)
{
  CompareState *state = get_state (self);
  const char *article;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new ();
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  const MarzStory *story;
  guint n_story;

  if (self->article_view == NULL)
    return;
  article = marz_article_view_get_article_name (self->article_view);
  if (article == NULL || state->stories == NULL)
    {
      marz_article_view_set_compare_candidates (self->article_view, NULL, 0);
      return;
    }
  /* one pass over the stories, not one per candidate */
  for (guint i = 0; i < state->stories->len; i++)
    {
      const MarzStory *s = g_ptr_array_index (state->stories, i);
      for (guint j = 0; j < s->articles->len; j++)
        {
          MarzArticleInfo *info = g_ptr_array_index (s->articles, j);
          g_hash_table_insert (by_name, info->name, info);
        }
    }
  story = marz_stories_find (state->stories, article);
  n_story = story ? story->articles->len - 1 : 0;
  names = marz_stories_compare_candidates (state->stories, article);
  for (guint i = 0; i < names->len && infos->len < n_story + MAX_OTHER_CANDIDATES; i++)
    {
      const MarzArticleInfo *info = g_hash_table_lookup (by_name, g_ptr_array_index (names, i));
      if (info)
        g_ptr_array_add (infos, (gpointer) info);
    }
  marz_article_view_set_compare_candidates (self->article_view, infos, n_story);
}

/* Building the stories ------------------------------------------------------ */

typedef struct
{
  char        *path;
  MarzAligner *aligner;
} StoriesData;

static void
stories_data_free (StoriesData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->aligner, marz_aligner_unref);
  g_free (data);
}

static void
stories_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  StoriesData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = marz_store_open_reader (data->path, &error);
  GPtrArray *stories = NULL;

  if (store != NULL)
    stories = marz_stories_build (store, marz_aligner_get_finder (data->aligner), &error);
  if (stories == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, stories, (GDestroyNotify) g_ptr_array_unref);
}

static void
show_stories_page (MarzWindow *self)
{
  gtk_stack_set_visible_child_name (self->sidebar_stack, "stories");
  adw_flap_set_reveal_flap (self->flap, TRUE);
}

static void
on_stories_built_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  MarzWindow *self = MARZ_WINDOW (source);
  CompareState *state = get_state (self);
  g_autoptr(GError) error = NULL;
  GPtrArray *stories = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || state->torn_down)
    {
      g_clear_pointer (&stories, g_ptr_array_unref);
      return;
    }
  state->building = FALSE;
  if (stories == NULL)
    {
      _marz_window_toast (self, error->message);   /* which escapes it */
      return;
    }
  g_clear_pointer (&state->stories, g_ptr_array_unref);
  state->stories = stories;
  fill_stories_list (self);
  update_compare_candidates (self);
}

static void
build_stories (MarzWindow *self)
{
  CompareState *state = get_state (self);
  MarzAligner *aligner = get_aligner (self);
  g_autoptr(GTask) task = NULL;
  StoriesData *data;

  if (state->torn_down || aligner == NULL || self->store == NULL || self->importing)
    return;
  g_cancellable_cancel (state->cancellable);
  g_clear_object (&state->cancellable);
  state->cancellable = g_cancellable_new ();
  state->building = TRUE;
  data = g_new0 (StoriesData, 1);
  data->path = g_strdup (self->database_path);
  data->aligner = marz_aligner_ref (aligner);
  task = g_task_new (self, state->cancellable, on_stories_built_cb, NULL);
  g_task_set_source_tag (task, build_stories);
  g_task_set_task_data (task, data, (GDestroyNotify) stories_data_free);
  g_task_run_in_thread (task, stories_thread);
}

static void
request_stories (MarzWindow *self)
{
  CompareState *state = get_state (self);

  state->wanted = TRUE;
  if (state->stories == NULL && !state->building)
    build_stories (self);
}

static void
show_stories_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MarzWindow *self = MARZ_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->sidebar_stack);

  if (adw_flap_get_reveal_flap (self->flap) && g_strcmp0 (page, "stories") == 0)
    {
      adw_flap_set_reveal_flap (self->flap, FALSE);
      return;
    }
  request_stories (self);
  show_stories_page (self);
}

static void
on_article_view_name_cb (GObject    *object,
                         GParamSpec *pspec,
                         MarzWindow *self)
{
  if (self->article_view == NULL || get_state (self)->torn_down)
    return;
  request_stories (self);
  update_compare_candidates (self);
}

/* An import changes the stories: build them again once it is over. */
static void
on_importing_cb (GObject    *object,
                 GParamSpec *pspec,
                 MarzWindow *self)
{
  CompareState *state = get_state (self);

  if (!self->importing && state->wanted)
    build_stories (self);
}

/* A build's task holds the window: once the window closes (or is
 * disposed by whatever else), its result has nowhere to go. */
static void
tear_down (MarzWindow *self)
{
  CompareState *state = get_state (self);

  state->torn_down = TRUE;
  g_cancellable_cancel (state->cancellable);
}

static gboolean
on_window_close_request_cb (MarzWindow *self)
{
  tear_down (self);
  return FALSE;
}

/* The places come back when the sidebar closes, as its button says. */
static void
on_flap_reveal_cb (GObject    *object,
                   GParamSpec *pspec,
                   MarzWindow *self)
{
  /* Also while the window is torn down: the template's children go first. */
  if (self->flap == NULL || self->sidebar_stack == NULL)
    return;
  if (!adw_flap_get_reveal_flap (self->flap)
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->sidebar_stack), "stories") == 0)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "places");
}

void
_marz_window_setup_compare (MarzWindow *self)
{
  CompareState *state = get_state (self);
  GtkWidget *page = gtk_stack_get_child_by_name (self->sidebar_stack, "stories");
  GtkWidget *list = gtk_list_box_new ();

  g_assert (GTK_IS_SCROLLED_WINDOW (page));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Stories: articles that report the same events"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (page), list);
  g_set_weak_pointer (&state->stories_list, GTK_LIST_BOX (list));
  g_signal_connect_object (self->article_view, "notify::article-name", G_CALLBACK (on_article_view_name_cb),
                           self, 0);
  g_signal_connect (self, "notify::importing", G_CALLBACK (on_importing_cb), self);
  g_signal_connect (self->flap, "notify::reveal-flap", G_CALLBACK (on_flap_reveal_cb), self);
  g_signal_connect (self, "close-request", G_CALLBACK (on_window_close_request_cb), NULL);
  /* ::destroy comes with dispose */
  g_signal_connect (self, "destroy", G_CALLBACK (tear_down), NULL);
}

void
_marz_window_class_init_compare (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.compare-articles", "(ss)", compare_articles_action);
  gtk_widget_class_install_action (widget_class, "win.show-stories", NULL, show_stories_action);
}
