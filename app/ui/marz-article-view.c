/* marz-article-view.c
 *
 * The reader pane: one stored article with a header (title, language, date
 * and how it was known, source, file) and its text, the evidence sentence of
 * a report highlighted and scrolled into view.
 *
 * Offsets.  Reports count characters of the stored text from its very first
 * character, the « date YYYY-MM-DD» header included (the reader has already
 * dropped a BOM and turned CRLF into LF, so stored text, report offsets and
 * SQLite's substr() all agree).  The buffer holds the text from body_start
 * on: the header is shown, formatted, above the text, and left in the buffer
 * its Latin «date» would be the first strong character of the first
 * paragraph, from which GtkTextView takes the paragraph to be left-to-right.
 * So buffer offset = stored offset − body_start, both in characters, as
 * GtkTextIter offsets are; evidence never starts in the header.
 *
 * Text and labels are never parsed as markup: an article may well contain
 * «<b>» or «&amp;» and must show them as written.
 */
#define G_LOG_DOMAIN "marz-article-view"

#include "marz-article-view.h"

#include <glib/gi18n.h>

#include "marz-labels.h"
#include "marz-language.h"
#include "marz-resources.h"

/* Where the evidence lands: a little below the top, so the sentence before
 * it gives context. */
#define EVIDENCE_YALIGN 0.2
/* How many frames to keep scrolling while the view is still being laid out. */
#define SCROLL_FRAMES   60

#define FSI "\u2068"
#define PDI "\u2069"

struct _MarzArticleView
{
  GtkWidget      parent_instance;

  /* template widgets and objects */
  GtkWidget     *content;           /* bound so that dispose_template() unparents it */
  GtkWidget     *header;
  GtkLabel      *title_label;
  GtkLabel      *meta_label;
  GtkLabel      *source_label;
  GtkWidget     *source_separator;
  GtkLabel      *file_label;
  GtkTextView   *text_view;
  GtkTextBuffer *buffer;
  GtkTextTag    *evidence_tag;
  GtkTextTag    *place_tag;
  GtkTextTag    *date_tag;
  GtkTextTag    *figure_tag;
  GtkExpander   *incidents_expander;
  GtkBox        *incidents_box;
  GtkMenuButton *compare_button;

  /* borrowed: the buffer owns it */
  GtkTextMark   *evidence_mark;

  /* owned */
  char          *article_name;
  GArray        *highlights;        /* MarzHighlight, clamped to the buffer's text */

  guint          body_start;        /* characters of the stored text before the buffer's */
  guint          n_chars;           /* characters of the stored text */
  gboolean       has_evidence;
  guint          evidence_start;    /* stored-text offsets, clamped */
  guint          evidence_end;
  guint          scroll_tick_id;
  guint          scroll_frames_left;
};

G_DEFINE_FINAL_TYPE (MarzArticleView, marz_article_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARTICLE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkTextDirection
direction_for_language (const char *language)
{
  static const char * const rtl[] = { "ar", "fa", "ps", "ur", NULL };

  if (language == NULL || g_str_equal (language, "und"))
    return GTK_TEXT_DIR_NONE;
  return g_strv_contains (rtl, language) ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR;
}

/* A damaged store can hand back anything; GTK wants UTF-8. */
static void
set_label_text (GtkLabel   *label,
                const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  gtk_label_set_text (label, valid);
}

/* Returns: (transfer full) (nullable): the date as far as it is known */
static char *
format_date (const MarzArticleInfo *info)
{
  if (info->date == NULL || info->precision == MARZ_DATE_PRECISION_UNKNOWN)
    return NULL;
  return marz_labels_date (info->date, info->precision);
}

static const char *
describe_origin (MarzDateOrigin origin)
{
  switch (origin)
    {
    case MARZ_DATE_ORIGIN_HEADER: return _("from the header");
    case MARZ_DATE_ORIGIN_TEXT:   return _("inferred from the text");
    case MARZ_DATE_ORIGIN_NONE:
    default:                      return NULL;
    }
}

/* «Dari · 8 November 2025 · from the header».  The date is isolated (FSI,
 * not LRI: in an Arabic UI it has Arabic month names) so that its digits
 * never join a right-to-left neighbour. */
static char *
format_meta (const MarzArticleInfo *info)
{
  g_autofree char *date = format_date (info);
  const char *language = marz_language_get_name (info->language, info->variety);
  const char *origin = describe_origin (info->origin);

  if (date == NULL)
    return g_strdup_printf ("%s · %s", language, _("date unknown"));
  if (origin == NULL)
    return g_strdup_printf ("%s · " FSI "%s" PDI, language, date);
  return g_strdup_printf ("%s · " FSI "%s" PDI " · %s", language, date, origin);
}

static void
set_article_name (MarzArticleView *self,
                  const char      *name)
{
  if (g_strcmp0 (self->article_name, name) == 0)
    return;
  g_free (self->article_name);
  self->article_name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE_NAME]);
}

static void
get_iter (MarzArticleView *self,
          GtkTextIter     *iter,
          guint            offset)
{
  g_assert (offset >= self->body_start && offset <= self->n_chars);
  gtk_text_buffer_get_iter_at_offset (self->buffer, iter, offset - self->body_start);
}

/* Applies or removes the tag a paragraph at a time: GTK 4.8's cache of laid
 * out paragraphs does not always drop those inside a change that spans
 * several (not at all when neither end paragraph is laid out), and keeps
 * drawing them as they were. */
static void
set_evidence_tag (MarzArticleView *self,
                  guint            start,
                  guint            end,
                  gboolean         on)
{
  GtkTextIter from, to, line_end;

  get_iter (self, &from, start);
  get_iter (self, &to, end);
  while (gtk_text_iter_compare (&from, &to) < 0)
    {
      line_end = from;
      if (!gtk_text_iter_ends_line (&line_end))
        gtk_text_iter_forward_to_line_end (&line_end);
      gtk_text_iter_forward_char (&line_end);        /* the paragraph's \n, if any */
      if (gtk_text_iter_compare (&line_end, &to) > 0)
        line_end = to;
      if (on)
        gtk_text_buffer_apply_tag (self->buffer, self->evidence_tag, &from, &line_end);
      else
        gtk_text_buffer_remove_tag (self->buffer, self->evidence_tag, &from, &line_end);
      from = line_end;
    }
}

/* Whether the evidence is on screen where scroll_to_evidence() puts it, or
 * as near as the ends of the text allow. */
static gboolean
evidence_is_placed (MarzArticleView *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view));
  double value = gtk_adjustment_get_value (adjustment);
  double max = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  GdkRectangle visible, location;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, self->evidence_mark);
  gtk_text_view_get_visible_rect (self->text_view, &visible);
  gtk_text_view_get_iter_location (self->text_view, &iter, &location);
  if (location.y < visible.y || location.y + location.height > visible.y + visible.height)
    return FALSE;
  return value <= gtk_adjustment_get_lower (adjustment) || value >= max - 1
         || ABS (location.y - visible.y - EVIDENCE_YALIGN * visible.height) <= 2 * location.height;
}

static void
scroll_to_evidence (MarzArticleView *self)
{
  gtk_text_view_scroll_to_mark (self->text_view, self->evidence_mark, 0.0, TRUE, 0.0, EVIDENCE_YALIGN);
}

static void
cancel_scroll (MarzArticleView *self)
{
  if (self->scroll_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->text_view), self->scroll_tick_id);
  self->scroll_tick_id = 0;
}

/* Scrolls from a frame callback, which only runs once the view is mapped:
 * before the view has a size a scroll lands nowhere.  A long text is
 * measured a piece at a time, so a scroll may land short: ask again each
 * frame until the evidence is in place.  Then tag it again: now and then
 * (one run in thirty, under Xvfb) GTK 4.8 drew a paragraph laid out while
 * the view settled without the tag it had all along. */
static gboolean
on_text_view_tick_cb (GtkWidget     *widget,
                      GdkFrameClock *frame_clock,
                      gpointer       user_data)
{
  MarzArticleView *self = user_data;

  if (--self->scroll_frames_left == 0
      || (gtk_widget_get_height (widget) > 0 && evidence_is_placed (self)))
    {
      set_evidence_tag (self, self->evidence_start, self->evidence_end, FALSE);
      set_evidence_tag (self, self->evidence_start, self->evidence_end, TRUE);
      self->scroll_tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (gtk_widget_get_height (widget) > 0)
    scroll_to_evidence (self);
  return G_SOURCE_CONTINUE;
}

static void
queue_scroll (MarzArticleView *self)
{
  self->scroll_frames_left = SCROLL_FRAMES;
  if (self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->text_view),
                                                         on_text_view_tick_cb, self, NULL);
}

static void
set_body (MarzArticleView       *self,
          const MarzArticleInfo *info)
{
  g_autofree char *text = info != NULL ? g_utf8_make_valid (info->text, -1) : g_strdup ("");
  GtkTextIter start;

  self->n_chars = g_utf8_strlen (text, -1);
  self->body_start = info != NULL ? MIN (info->body_start, self->n_chars) : 0;
  gtk_text_buffer_set_text (self->buffer, g_utf8_offset_to_pointer (text, self->body_start), -1);
  g_array_set_size (self->highlights, 0);   /* they were the old text's */
  gtk_widget_set_direction (GTK_WIDGET (self->text_view),
                            direction_for_language (info != NULL ? info->language : NULL));

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  gtk_text_buffer_place_cursor (self->buffer, &start);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view)), 0);
}

static void
set_header (MarzArticleView       *self,
            const MarzArticleInfo *info)
{
  g_autofree char *meta = format_meta (info);
  const char *title = info->title != NULL && *info->title != '\0' ? info->title : info->name;
  gboolean has_source = info->source != NULL && *info->source != '\0';

  set_label_text (self->title_label, title);
  gtk_widget_set_direction (GTK_WIDGET (self->title_label), direction_for_language (info->language));
  set_label_text (self->meta_label, meta);
  set_label_text (self->source_label, has_source ? info->source : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->source_label), has_source);
  gtk_widget_set_visible (self->source_separator, has_source);
  set_label_text (self->file_label, info->name);
  gtk_widget_set_visible (self->header, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (self->title_label), -1);
}

static void
clear_header (MarzArticleView *self)
{
  gtk_widget_set_visible (self->header, FALSE);
  gtk_label_set_text (self->title_label, "");
  gtk_label_set_text (self->meta_label, "");
  gtk_label_set_text (self->source_label, "");
  gtk_label_set_text (self->file_label, "");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
marz_article_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MarzArticleView *self = MARZ_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE_NAME:
      g_value_set_string (value, marz_article_view_get_article_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
marz_article_view_dispose (GObject *object)
{
  MarzArticleView *self = MARZ_ARTICLE_VIEW (object);

  cancel_scroll (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MARZ_TYPE_ARTICLE_VIEW);
  G_OBJECT_CLASS (marz_article_view_parent_class)->dispose (object);
}

static void
marz_article_view_finalize (GObject *object)
{
  MarzArticleView *self = MARZ_ARTICLE_VIEW (object);

  g_clear_pointer (&self->highlights, g_array_unref);
  g_clear_pointer (&self->article_name, g_free);
  G_OBJECT_CLASS (marz_article_view_parent_class)->finalize (object);
}

/* A click on a marked place, date or figure selects its incident: the map
 * and the timeline go there. */
static void
on_text_view_released_cb (GtkGestureClick *click,
                          int              n_press,
                          double           x,
                          double           y,
                          MarzArticleView *self)
{
  const MarzHighlight *h;
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return;
  h = marz_article_view_get_highlight_at (self, self->body_start + gtk_text_iter_get_offset (&iter));
  if (h != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.select-incident", "x", h->incident_id);
}

static void
marz_article_view_class_init (MarzArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = marz_article_view_get_property;
  object_class->dispose = marz_article_view_dispose;
  object_class->finalize = marz_article_view_finalize;

  properties[PROP_ARTICLE_NAME] =
    g_param_spec_string ("article-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Keeps the linker from dropping the resource bundle (STYLE.md). */
  (void) marz_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/marzatlas/Marz/ui/marz-article-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MarzArticleView, content);
  gtk_widget_class_bind_template_child (widget_class, MarzArticleView, header);
  gtk_widget_class_bind_template_child (widget_class, MarzArticleView, title_label);
  gtk_widget_class_bind_template_child (widget_class, MarzArticleView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, MarzArticleView, source_label);
  gtk_widget_class_bind_template_child (widget_class, MarzArticleView, source_separator);
  gtk_widget_class_bind_template_child (widget_class, MarzArticleView, file_label);
  gtk_widget_class_bind_template_child (widget_class, MarzArticleView, text_view);
  gtk_widget_class_bind_template_child (widget_class, MarzArticleView, buffer);
  gtk_widget_class_bind_template_child (widget_class, MarzArticleView, evidence_tag);
  gtk_widget_class_bind_template_child (widget_class, MarzArticleView, incidents_expander);
  gtk_widget_class_bind_template_child (widget_class, MarzArticleView, place_tag);
  gtk_widget_class_bind_template_child (widget_class, MarzArticleView, date_tag);
  gtk_widget_class_bind_template_child (widget_class, MarzArticleView, figure_tag);
  gtk_widget_class_bind_template_child (widget_class, MarzArticleView, incidents_box);
  gtk_widget_class_bind_template_child (widget_class, MarzArticleView, compare_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
marz_article_view_init (MarzArticleView *self)
{
  GtkGesture *click;
  GtkTextIter start;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->evidence_mark = gtk_text_buffer_create_mark (self->buffer, "evidence", &start, TRUE);
  self->highlights = g_array_new (FALSE, FALSE, sizeof (MarzHighlight));
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (on_text_view_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
marz_article_view_new (void)
{
  return g_object_new (MARZ_TYPE_ARTICLE_VIEW, NULL);
}

/**
 * marz_article_view_set_article:
 * @info: (nullable): an article from marz_store_get_article(), with its
 *   text; %NULL clears the view
 *
 * Shows @info, copying what it needs, and forgets any evidence shown.
 */
void
marz_article_view_set_article (MarzArticleView       *self,
                               const MarzArticleInfo *info)
{
  g_return_if_fail (MARZ_IS_ARTICLE_VIEW (self));
  g_return_if_fail (info == NULL || info->text != NULL);

  cancel_scroll (self);
  self->has_evidence = FALSE;
  set_body (self, info);
  if (info != NULL)
    set_header (self, info);
  else
    clear_header (self);
  set_article_name (self, info != NULL ? info->name : NULL);
}

/* Returns: (nullable): the file name of the article shown */
const char *
marz_article_view_get_article_name (MarzArticleView *self)
{
  g_return_val_if_fail (MARZ_IS_ARTICLE_VIEW (self), NULL);
  return self->article_name;
}

/**
 * marz_article_view_show_evidence:
 * @start: first character of the evidence, as MarzReport.start
 * @end: the character after it, as MarzReport.end
 *
 * Highlights [@start, @end) instead of any earlier evidence, puts the cursor
 * there and scrolls it into view, now or once the view has its size.
 * Offsets outside the article's body are clamped to it.
 */
void
marz_article_view_show_evidence (MarzArticleView *self,
                                 guint            start,
                                 guint            end)
{
  GtkTextIter from;

  g_return_if_fail (MARZ_IS_ARTICLE_VIEW (self));

  if (self->article_name == NULL)
    return;
  if (self->has_evidence)
    set_evidence_tag (self, self->evidence_start, self->evidence_end, FALSE);
  self->evidence_start = CLAMP (MIN (start, end), self->body_start, self->n_chars);
  self->evidence_end = CLAMP (MAX (start, end), self->body_start, self->n_chars);
  self->has_evidence = TRUE;
  set_evidence_tag (self, self->evidence_start, self->evidence_end, TRUE);
  get_iter (self, &from, self->evidence_start);
  gtk_text_buffer_place_cursor (self->buffer, &from);
  gtk_text_buffer_move_mark (self->buffer, self->evidence_mark, &from);
  queue_scroll (self);
}

/**
 * marz_article_view_get_evidence:
 * @start: (out) (optional): the evidence shown, after clamping
 * @end: (out) (optional):
 *
 * Returns: whether evidence is shown for the current article
 */
gboolean
marz_article_view_get_evidence (MarzArticleView *self,
                                guint           *start,
                                guint           *end)
{
  g_return_val_if_fail (MARZ_IS_ARTICLE_VIEW (self), FALSE);

  if (start != NULL)
    *start = self->has_evidence ? self->evidence_start : 0;
  if (end != NULL)
    *end = self->has_evidence ? self->evidence_end : 0;
  return self->has_evidence;
}

/* «9 October 2025 · Airstrike · Kabul»: selects the incident everywhere. */
static GtkWidget *
new_incident_button (const MarzIncident *incident)
{
  g_autofree char *what = marz_labels_incident (incident);
  /* Translators: an incident and its place, «9 October 2025 · Airstrike · Kabul» */
  g_autofree char *text = g_strdup_printf (_("%s · %s"), what, incident->place_name);
  GtkWidget *button = gtk_button_new_with_label (text);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.select-incident");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", incident->id);
  return button;
}

/* The other articles that report @incident, each opening at its evidence. */
static GtkWidget *
new_other_reports (const MarzIncident *incident,
                   const char         *article)
{
  GtkWidget *box = gtk_flow_box_new ();
  guint n = 0;

  g_object_ref_sink (box);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_set_margin_start (box, 12);
  for (guint r = 0; r < incident->reports->len; r++)
    {
      const MarzReport *report = g_ptr_array_index (incident->reports, r);
      const char *language = marz_language_get_name (report->language, NULL);
      /* Translators: another article reporting the same incident, «002.txt (Persian)» */
      g_autofree char *text = g_strdup_printf (_("%s (%s)"), report->article, language);
      GtkWidget *button;

      if (g_strcmp0 (report->article, article) == 0)
        continue;
      button = gtk_button_new_with_label (text);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "caption");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-report");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(suu)", report->article,
                                        report->start, report->end);
      gtk_flow_box_append (GTK_FLOW_BOX (box), button);
      n++;
    }
  if (n == 0)
    g_clear_object (&box);
  else
    g_object_force_floating (G_OBJECT (box));   /* the caller's box takes it */
  return box;
}

/**
 * marz_article_view_set_incidents:
 * @incidents: (nullable) (element-type MarzIncident): what the article
 *   reports, each with all its reports, as marz_store_query_article_incidents()
 *   gives them
 *
 * Lists them under the header, each with the other articles that report it:
 * where a translator finds parallel coverage.
 */
void
marz_article_view_set_incidents (MarzArticleView *self,
                                 GPtrArray       *incidents)
{
  g_autofree char *heading = NULL;
  GtkWidget *child;
  guint others = 0;

  g_return_if_fail (MARZ_IS_ARTICLE_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->incidents_box))))
    gtk_box_remove (self->incidents_box, child);
  for (guint i = 0; incidents && i < incidents->len; i++)
    {
      const MarzIncident *incident = g_ptr_array_index (incidents, i);
      GtkWidget *more = new_other_reports (incident, self->article_name);

      gtk_box_append (self->incidents_box, new_incident_button (incident));
      if (more)
        {
          gtk_box_append (self->incidents_box, more);
          others++;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->incidents_expander), incidents && incidents->len > 0);
  if (incidents == NULL || incidents->len == 0)
    return;
  /* Translators: the article pane's list of the article's incidents */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u incident, %u told elsewhere too",
                                          "%u incidents, %u told elsewhere too", incidents->len),
                             incidents->len, others);
  gtk_expander_set_label (self->incidents_expander, heading);
}

guint
marz_article_view_get_n_incidents (MarzArticleView *self)
{
  guint n = 0;

  g_return_val_if_fail (MARZ_IS_ARTICLE_VIEW (self), 0);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->incidents_box)); child;
       child = gtk_widget_get_next_sibling (child))
    n += GTK_IS_BUTTON (child);
  return n;
}

static GtkTextTag *
tag_for (MarzArticleView   *self,
         MarzHighlightKind  kind)
{
  switch (kind)
    {
    case MARZ_HIGHLIGHT_PLACE:  return self->place_tag;
    case MARZ_HIGHLIGHT_DATE:   return self->date_tag;
    case MARZ_HIGHLIGHT_FIGURE:
    default:                    return self->figure_tag;
    }
}

/**
 * marz_article_view_set_highlights:
 * @highlights: (nullable) (element-type MarzHighlight): from
 *   marz_highlights_find(), for the article shown
 *
 * Marks the places, dates and figures the extractor read; a click on one
 * activates `win.select-incident` with its incident.
 */
void
marz_article_view_set_highlights (MarzArticleView *self,
                                  GArray          *highlights)
{
  GtkTextIter start, end;

  g_return_if_fail (MARZ_IS_ARTICLE_VIEW (self));

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->place_tag, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->date_tag, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->figure_tag, &start, &end);
  g_array_set_size (self->highlights, 0);
  for (guint i = 0; highlights && i < highlights->len; i++)
    {
      MarzHighlight h = g_array_index (highlights, MarzHighlight, i);

      /* Never into the header line, never past the end. */
      if (h.start < self->body_start || h.end > self->n_chars || h.start >= h.end)
        continue;
      get_iter (self, &start, h.start);
      get_iter (self, &end, h.end);
      gtk_text_buffer_apply_tag (self->buffer, tag_for (self, h.kind), &start, &end);
      g_array_append_val (self->highlights, h);
    }
}

/**
 * marz_article_view_get_highlight_at:
 * @offset: a character of the article's text
 *
 * Returns: (nullable): the mark covering @offset
 */
const MarzHighlight *
marz_article_view_get_highlight_at (MarzArticleView *self,
                                    guint            offset)
{
  g_return_val_if_fail (MARZ_IS_ARTICLE_VIEW (self), NULL);

  for (guint i = 0; i < self->highlights->len; i++)
    {
      const MarzHighlight *h = &g_array_index (self->highlights, MarzHighlight, i);
      if (h->start <= offset && offset < h->end)
        return h;
    }
  return NULL;
}

static GMenuItem *
new_compare_item (const char            *article,
                  const MarzArticleInfo *other)
{
  /* Translators: an article to compare with, «002_953fb3cf66484f30.txt · Dari» */
  g_autofree char *label = g_strdup_printf (_("%s · %s"), other->name,
                                            marz_language_get_name (other->language, other->variety));
  g_auto(GStrv) parts = g_strsplit (label, "_", -1);
  g_autofree char *escaped = g_strjoinv ("__", parts);   /* not mnemonics */
  GMenuItem *item = g_menu_item_new (escaped, NULL);

  g_menu_item_set_action_and_target (item, "win.compare-articles", "(ss)", article, other->name);
  return item;
}

/**
 * marz_article_view_set_compare_candidates:
 * @candidates: (nullable) (element-type MarzArticleInfo): the articles
 *   «Compare with…» offers, the article's story first
 * @n_story: how many of them are of the article's story
 *
 * Each activates `win.compare-articles` with this article and the other.
 */
void
marz_article_view_set_compare_candidates (MarzArticleView *self,
                                          GPtrArray       *candidates,
                                          guint            n_story)
{
  g_autoptr(GMenu) story = g_menu_new ();
  g_autoptr(GMenu) others = g_menu_new ();
  g_autoptr(GMenu) menu = g_menu_new ();

  g_return_if_fail (MARZ_IS_ARTICLE_VIEW (self));

  for (guint i = 0; self->article_name && candidates && i < candidates->len; i++)
    {
      g_autoptr(GMenuItem) item = new_compare_item (self->article_name, g_ptr_array_index (candidates, i));
      g_menu_append_item (i < n_story ? story : others, item);
    }
  if (n_story > 0)
    g_menu_append_section (menu, _("Same Story"), G_MENU_MODEL (story));
  if (g_menu_model_get_n_items (G_MENU_MODEL (others)) > 0)
    g_menu_append_section (menu, _("Other Articles"), G_MENU_MODEL (others));
  gtk_menu_button_set_menu_model (self->compare_button, G_MENU_MODEL (menu));
  gtk_widget_set_visible (GTK_WIDGET (self->compare_button), g_menu_model_get_n_items (G_MENU_MODEL (menu)) > 0);
}
