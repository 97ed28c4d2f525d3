/* marz-compare-view.c
 *
 * One GtkListBox in one GtkScrolledWindow: each row holds A's cell, a
 B's cell, then a strip with the score, status, discrepancy flag and the
 * row's actions.  Both sentences of a pair are children of the same row,
 * so they are level and scroll in step by construction, whatever their
 * lengths.  The cells share their row's width in halves and the strips
 * are one size group, so the columns line up down the list.
 *
 * Each cell shows its sentence in its language's direction and in the
 * reader's font.  The anchors a pair shares are tinted with the link's
 * colour on both sides; the figures or dates of a discrepancy get an error
 * underline.  All of it is a PangoAttrList over the text as written: the
 * article is never parsed as markup.
 *
 * Rows are rebuilt when the alignment changes (a decision recomputes it);
 * the scroll position and the focused sentence are kept.
 */
#define G_LOG_DOMAIN "marz-compare-view"

#include "marz-compare-view.h"

#include <glib/gi18n.h>
#include <string.h>

#include "marz-language.h"
#include "marz-resources.h"

/* Sentence text in a re-pair menu, in characters. */
#define MENU_TEXT_CHARS  70
/* Frames to wait for the list's height before restoring the scroll. */
#define RESTORE_FRAMES   30

struct _MarzCompareView
{
  GtkWidget          parent_instance;

  /* template widgets and objects */
  GtkWidget         *content;
  GtkLabel          *head_a;
  GtkLabel          *head_b;
  GtkScrolledWindow *scroller;
  GtkListBox        *list;
  GtkSizeGroup      *middle_group;

  /* borrowed: the list owns them, one per row */
  GPtrArray         *row_widgets;
  GPtrArray         *cells_a;
  GPtrArray         *cells_b;
  GPtrArray         *flags;          /* GtkImage, or NULL where nothing differs */

  /* owned */
  MarzAlignment     *alignment;
  GArray            *rows;           /* MarzAlignRow */

  double             restore_value;
  guint              restore_tick_id;
  guint              restore_frames;
};

G_DEFINE_FINAL_TYPE (MarzCompareView, marz_compare_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_DECISION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Tints for shared anchors, by MarzAlignLink.colour: distinct hues that
 * stay readable under dark text on the light and the dark style alike. */
static const guint32 palette[] = {
  0x1c71d8, 0xe66100, 0x26a269, 0x9141ac, 0xc88800, 0x2190a4, 0xc061cb, 0x865e3c,
};

#define TINT_ALPHA  0x5000   /* of 0xffff */

static GPtrArray *
get_sentences (const MarzAlignment *alignment,
               gboolean             side_b)
{
  return side_b ? alignment->sentences_b : alignment->sentences_a;
}

static const MarzAnchoredSentence *
get_sentence (const MarzAlignment *alignment,
              gboolean             side_b,
              guint                index)
{
  GPtrArray *sentences = get_sentences (alignment, side_b);

  g_assert (index < sentences->len);
  return g_ptr_array_index (sentences, index);
}

static GtkTextDirection
direction_for (const char *language)
{
  g_autofree char *primary = g_strdup (language != NULL ? language : "und");
  char *dash = strchr (primary, '-');

  if (dash != NULL)
    *dash = '\0';
  return marz_language_is_rtl (primary) ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR;
}

/* The sentence as written, valid UTF-8, without the line end after it. */
static char *
dup_sentence (const MarzAlignment        *alignment,
              gboolean                    side_b,
              const MarzAnchoredSentence *sentence)
{
  const char *text = side_b ? alignment->text_b : alignment->text_a;
  g_autofree char *raw = g_strndup (text + sentence->span.start, sentence->span.end - sentence->span.start);

  return g_strchomp (g_utf8_make_valid (raw, -1));
}

static void
insert_span (PangoAttrList              *attrs,
             PangoAttribute             *attr,
             const MarzAnchoredSentence *sentence,
             const MarzAnchor           *anchor)
{
  attr->start_index = anchor->span.start - sentence->span.start;
  attr->end_index = anchor->span.end - sentence->span.start;
  pango_attr_list_insert (attrs, attr);
}

static guint16
channel (guint32 rgb,
         int     shift)
{
  return ((rgb >> shift) & 0xff) * 0x101;
}

/* The shared anchors, in their link's colour. */
static void
add_link_attrs (PangoAttrList              *attrs,
                const MarzAnchoredSentence *sentence,
                const MarzAlignPair        *pair,
                gboolean                    side_b)
{
  for (guint i = 0; pair != NULL && i < pair->links->len; i++)
    {
      const MarzAlignLink *link = &g_array_index (pair->links, MarzAlignLink, i);
      guint index = side_b ? link->b_anchor : link->a_anchor;
      guint32 rgb = palette[link->colour % G_N_ELEMENTS (palette)];
      const MarzAnchor *anchor;

      if (index >= sentence->anchors->len)
        continue;
      anchor = &g_array_index (sentence->anchors, MarzAnchor, index);
      insert_span (attrs, pango_attr_background_new (channel (rgb, 16), channel (rgb, 8), channel (rgb, 0)),
                   sentence, anchor);
      insert_span (attrs, pango_attr_background_alpha_new (TINT_ALPHA), sentence, anchor);
    }
}

/* The figures or dates that differ: an error underline. */
static void
add_discrepancy_attrs (PangoAttrList              *attrs,
                       const MarzAlignment        *alignment,
                       const MarzAnchoredSentence *sentence,
                       const MarzAlignRow         *row,
                       gboolean                    side_b)
{
  for (guint i = 0; i < alignment->discrepancies->len; i++)
    {
      const MarzDiscrepancy *d = g_ptr_array_index (alignment->discrepancies, i);
      guint index = side_b ? d->b_anchor : d->a_anchor;

      if ((int) d->a != row->a || (int) d->b != row->b || index >= sentence->anchors->len)
        continue;
      insert_span (attrs, pango_attr_underline_new (PANGO_UNDERLINE_ERROR), sentence,
                   &g_array_index (sentence->anchors, MarzAnchor, index));
      insert_span (attrs, pango_attr_underline_color_new (0xe000, 0x1b00, 0x2400), sentence,
                   &g_array_index (sentence->anchors, MarzAnchor, index));
    }
}

static GtkWidget *
new_cell_label (MarzCompareView *self,
                const char      *text)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_set_hexpand (label, TRUE);
  return label;
}

static GtkWidget *
new_sentence_cell (MarzCompareView    *self,
                   const MarzAlignRow *row,
                   gboolean            side_b)
{
  const MarzAlignment *alignment = self->alignment;
  const MarzAnchoredSentence *sentence = get_sentence (alignment, side_b, side_b ? row->b : row->a);
  const MarzAlignPair *pair = row->pair >= 0 ? g_ptr_array_index (alignment->pairs, row->pair) : NULL;
  g_autofree char *text = dup_sentence (alignment, side_b, sentence);
  GtkWidget *label = new_cell_label (self, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  add_link_attrs (attrs, sentence, pair, side_b);
  add_discrepancy_attrs (attrs, alignment, sentence, row, side_b);
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);
  /* Selectable, for copying, but not a Tab stop of its own: Tab goes row to row. */
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_direction (label, direction_for (side_b ? alignment->language_b : alignment->language_a));
  gtk_widget_add_css_class (label, "marz-article-text");
  gtk_widget_add_css_class (label, "marz-compare-text");
  return label;
}

static GtkWidget *
new_missing_cell (MarzCompareView *self)
{
  GtkWidget *label = new_cell_label (self, _("Not in the other article"));

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "marz-compare-missing");
  return label;
}

static const char *
describe_status (MarzAlignStatus status)
{
  switch (status)
    {
    case MARZ_ALIGN_CONFIRMED: return _("Confirmed");
    case MARZ_ALIGN_PAIRED:    return _("Paired by you");
    case MARZ_ALIGN_PROPOSED:
    default:                   return _("Proposed");
    }
}

/* Every discrepancy of the row, one a line: «injured: 447 vs about 450». */
static char *
describe_discrepancies (const MarzAlignment *alignment,
                        const MarzAlignRow  *row)
{
  g_autoptr(GString) text = NULL;

  for (guint i = 0; i < alignment->discrepancies->len; i++)
    {
      const MarzDiscrepancy *d = g_ptr_array_index (alignment->discrepancies, i);

      if ((int) d->a != row->a || (int) d->b != row->b)
        continue;
      if (text == NULL)
        text = g_string_new (NULL);
      else
        g_string_append_c (text, '\n');
      g_string_append (text, d->detail);
    }
  return text ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static GtkWidget *
new_action_button (const char *icon,
                   const char *tooltip,
                   const char *action,
                   guint       row)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", (gint32) row);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* «12. أعلنت مصادر موثوقة أن…», mnemonics escaped. */
static char *
menu_label (const MarzAlignment *alignment,
            gboolean             side_b,
            guint                index)
{
  g_autofree char *text = dup_sentence (alignment, side_b, get_sentence (alignment, side_b, index));
  g_autofree char *flat = g_strdelimit (g_steal_pointer (&text), "\r\n\t", ' ');
  g_auto(GStrv) parts = NULL;
  g_autofree char *escaped = NULL;
  gboolean paired = side_b ? marz_alignment_get_pair_for_b (alignment, index) != NULL
                           : marz_alignment_get_pair_for_a (alignment, index) != NULL;

  if (g_utf8_strlen (flat, -1) > MENU_TEXT_CHARS)
    strcpy (g_utf8_offset_to_pointer (flat, MENU_TEXT_CHARS - 1), "…");
  parts = g_strsplit (flat, "_", -1);
  escaped = g_strjoinv ("__", parts);
  if (paired)
    /* Translators: a sentence to pair with, already in a pair: «12. text» */
    return g_strdup_printf (_("%u. %s"), index + 1, escaped);
  /* Translators: a sentence to pair with, in no pair yet: «12. text (unmatched)» */
  return g_strdup_printf (_("%u. %s (unmatched)"), index + 1, escaped);
}

/* The other side's sentences, unmatched ones first: choosing one makes a
 * pair of it and this row's sentence. */
static void
create_pair_menu_cb (GtkMenuButton *button,
                     gpointer       user_data)
{
  MarzCompareView *self = user_data;
  guint r = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "marz-row"));
  const MarzAlignRow *row = &g_array_index (self->rows, MarzAlignRow, r);
  gboolean choose_b = row->a >= 0;
  GPtrArray *others = get_sentences (self->alignment, choose_b);
  g_autoptr(GMenu) unmatched = g_menu_new ();
  g_autoptr(GMenu) paired = g_menu_new ();
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; i < others->len; i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;
      gboolean is_paired = choose_b ? marz_alignment_get_pair_for_b (self->alignment, i) != NULL
                                    : marz_alignment_get_pair_for_a (self->alignment, i) != NULL;

      if ((choose_b && (int) i == row->b) || (!choose_b && (int) i == row->a))
        continue;
      label = menu_label (self->alignment, choose_b, i);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "view.pair", "(ii)", choose_b ? row->a : (gint32) i,
                                         choose_b ? (gint32) i : row->b);
      g_menu_append_item (is_paired ? paired : unmatched, item);
    }
  g_menu_append_section (menu, _("Unmatched"), G_MENU_MODEL (unmatched));
  g_menu_append_section (menu, _("In another pair"), G_MENU_MODEL (paired));
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static GtkWidget *
new_pair_button (MarzCompareView    *self,
                 const MarzAlignRow *row,
                 guint               r)
{
  const char *tooltip = row->pair >= 0 ? _("Pair Differently…") : _("Pair With…");
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "insert-link-symbolic");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
  g_object_set_data (G_OBJECT (button), "marz-row", GUINT_TO_POINTER (r));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_pair_menu_cb, self, NULL);
  return button;
}

static GtkWidget *
new_flag (const char *details)
{
  GtkWidget *flag = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  /* Translators: the tooltip of a discrepancy's flag; %s is «injured: 447 vs about 450» */
  g_autofree char *tooltip = g_strdup_printf (_("The articles differ: %s"), details);

  gtk_widget_set_tooltip_text (flag, tooltip);
  gtk_widget_add_css_class (flag, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (flag), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return flag;
}

static GtkWidget *
new_middle (MarzCompareView    *self,
            const MarzAlignRow *row,
            guint               r,
            GtkWidget         **flag)
{
  const MarzAlignPair *pair = row->pair >= 0 ? g_ptr_array_index (self->alignment->pairs, row->pair) : NULL;
  g_autofree char *details = describe_discrepancies (self->alignment, row);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *score, *status;

  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_size_group_add_widget (self->middle_group, box);
  if (pair != NULL)
    {
      g_autofree char *number = g_strdup_printf ("%.1f", pair->score);

      score = gtk_label_new (number);
      gtk_widget_add_css_class (score, "numeric");
      gtk_widget_add_css_class (score, "heading");
      gtk_widget_set_tooltip_text (score, _("Score: what the anchors both sentences share weigh"));
      status = gtk_label_new (describe_status (pair->status));
      gtk_widget_add_css_class (status, "caption");
      gtk_widget_add_css_class (status, pair->status == MARZ_ALIGN_PROPOSED ? "dim-label" : "success");
      gtk_box_append (GTK_BOX (box), score);
      gtk_box_append (GTK_BOX (box), status);
    }
  *flag = details ? new_flag (details) : NULL;
  if (*flag)
    gtk_box_append (GTK_BOX (box), *flag);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  if (pair != NULL && pair->status != MARZ_ALIGN_CONFIRMED)
    gtk_box_append (GTK_BOX (buttons), new_action_button ("object-select-symbolic", _("Confirm the Pair (Ctrl+Enter)"),
                                                          "view.confirm", r));
  if (pair != NULL)
    gtk_box_append (GTK_BOX (buttons), new_action_button ("window-close-symbolic", _("Reject the Pair (Delete)"),
                                                          "view.reject", r));
  gtk_box_append (GTK_BOX (buttons), new_pair_button (self, row, r));
  gtk_box_append (GTK_BOX (box), buttons);
  return box;
}

static char *
describe_row (const MarzAlignment *alignment,
              const MarzAlignRow  *row)
{
  const MarzAlignPair *pair = row->pair >= 0 ? g_ptr_array_index (alignment->pairs, row->pair) : NULL;

  if (pair != NULL)
    /* Translators: a row of the compare view, for screen readers */
    return g_strdup_printf (_("Sentence %d and sentence %d, score %.1f, %s"), row->a + 1, row->b + 1,
                            pair->score, describe_status (pair->status));
  if (row->a >= 0)
    return g_strdup_printf (_("Sentence %d of %s only, not in the other article"), row->a + 1, alignment->name_a);
  return g_strdup_printf (_("Sentence %d of %s only, not in the other article"), row->b + 1, alignment->name_b);
}

static GtkWidget *
new_row (MarzCompareView    *self,
         const MarzAlignRow *row,
         guint               r)
{
  g_autofree char *name = describe_row (self->alignment, row);
  g_autofree char *details = describe_discrepancies (self->alignment, row);
  GtkWidget *widget = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *cells = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *cell_a = row->a >= 0 ? new_sentence_cell (self, row, FALSE) : new_missing_cell (self);
  GtkWidget *cell_b = row->b >= 0 ? new_sentence_cell (self, row, TRUE) : new_missing_cell (self);
  GtkWidget *flag = NULL;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  /* Homogeneous: both columns exactly half, whatever the sentences' lengths. */
  gtk_box_set_homogeneous (GTK_BOX (cells), TRUE);
  gtk_widget_set_hexpand (cells, TRUE);
  gtk_box_append (GTK_BOX (cells), cell_a);
  gtk_box_append (GTK_BOX (cells), cell_b);
  gtk_box_append (GTK_BOX (box), cells);
  gtk_box_append (GTK_BOX (box), new_middle (self, row, r, &flag));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (widget), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (widget), FALSE);
  gtk_widget_add_css_class (widget, row->pair >= 0 ? "marz-compare-pair" : "marz-compare-unmatched");
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (details)
    {
      g_autofree char *description = g_strdup_printf (_("The articles differ: %s"), details);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      description, -1);
    }
  g_ptr_array_add (self->row_widgets, widget);
  g_ptr_array_add (self->cells_a, cell_a);
  g_ptr_array_add (self->cells_b, cell_b);
  g_ptr_array_add (self->flags, flag);
  return widget;
}

/* An xml:lang code's name: "fa-AF" is Dari. */
static const char *
language_name (const char *code)
{
  g_autofree char *primary = g_strndup (code, strcspn (code, "-"));

  return marz_language_get_name (primary, strchr (code, '-') ? code : NULL);
}

static void
set_heads (MarzCompareView *self)
{
  const MarzAlignment *alignment = self->alignment;
  const char *language_a = alignment ? language_name (alignment->language_a) : "";
  const char *language_b = alignment ? language_name (alignment->language_b) : "";
  /* Translators: a column head of the compare view, «Arabic · 000_762ce45aa623c2ba.txt» */
  g_autofree char *head_a = alignment ? g_strdup_printf (_("%s · %s"), language_a, alignment->name_a) : NULL;
  g_autofree char *head_b = alignment ? g_strdup_printf (_("%s · %s"), language_b, alignment->name_b) : NULL;

  gtk_label_set_text (self->head_a, head_a ? head_a : "");
  gtk_label_set_text (self->head_b, head_b ? head_b : "");
}

/* The row's sentence on one side, as a key that survives a recompute. */
static int
row_sentence (MarzCompareView *self,
              guint            r,
              gboolean        *side_b)
{
  const MarzAlignRow *row = &g_array_index (self->rows, MarzAlignRow, r);

  *side_b = row->a < 0;
  return row->a >= 0 ? row->a : row->b;
}

/* The row holding the focus, or -1. */
static int
get_focus_row (MarzCompareView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  for (; focus != NULL; focus = gtk_widget_get_parent (focus))
    if (GTK_IS_LIST_BOX_ROW (focus) && gtk_widget_get_parent (focus) == GTK_WIDGET (self->list))
      return gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (focus));
  return -1;
}

static void
clear_rows (MarzCompareView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->row_widgets, 0);
  g_ptr_array_set_size (self->cells_a, 0);
  g_ptr_array_set_size (self->cells_b, 0);
  g_ptr_array_set_size (self->flags, 0);
  g_clear_pointer (&self->rows, g_array_unref);
}

/* The list takes a frame or two to measure its new rows: until then the
 * adjustment would clamp the old value to the top. */
static gboolean
on_restore_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *frame_clock,
                    gpointer       user_data)
{
  MarzCompareView *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double max = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  gtk_adjustment_set_value (adjustment, MIN (self->restore_value, max));
  if (--self->restore_frames > 0 && max < self->restore_value)
    return G_SOURCE_CONTINUE;
  self->restore_tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
restore_scroll (MarzCompareView *self,
                double           value)
{
  self->restore_value = value;
  self->restore_frames = RESTORE_FRAMES;
  if (self->restore_tick_id == 0)
    self->restore_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_restore_tick_cb, self, NULL);
}

/* Actions ---------------------------------------------------------------- */

static guint
sentence_start (MarzCompareView *self,
                gboolean         side_b,
                guint            index)
{
  return get_sentence (self->alignment, side_b, index)->span.char_start;
}

static void
decide_row (MarzCompareView       *self,
            int                    r,
            MarzAlignDecisionKind  kind)
{
  const MarzAlignRow *row;

  if (self->rows == NULL || r < 0 || (guint) r >= self->rows->len)
    return;
  row = &g_array_index (self->rows, MarzAlignRow, r);
  if (row->pair < 0)
    return;
  g_signal_emit (self, signals[SIGNAL_DECISION], 0, sentence_start (self, FALSE, row->a),
                 sentence_start (self, TRUE, row->b), (int) kind);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  decide_row (MARZ_COMPARE_VIEW (widget), g_variant_get_int32 (parameter), MARZ_ALIGN_DECISION_CONFIRM);
}

static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  decide_row (MARZ_COMPARE_VIEW (widget), g_variant_get_int32 (parameter), MARZ_ALIGN_DECISION_REJECT);
}

static void
confirm_focused_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MarzCompareView *self = MARZ_COMPARE_VIEW (widget);

  decide_row (self, get_focus_row (self), MARZ_ALIGN_DECISION_CONFIRM);
}

static void
reject_focused_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MarzCompareView *self = MARZ_COMPARE_VIEW (widget);

  decide_row (self, get_focus_row (self), MARZ_ALIGN_DECISION_REJECT);
}

static void
pair_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MarzCompareView *self = MARZ_COMPARE_VIEW (widget);
  gint32 a, b;

  g_variant_get (parameter, "(ii)", &a, &b);
  if (self->alignment == NULL || a < 0 || b < 0 || (guint) a >= self->alignment->sentences_a->len
      || (guint) b >= self->alignment->sentences_b->len)
    return;
  g_signal_emit (self, signals[SIGNAL_DECISION], 0, sentence_start (self, FALSE, a),
                 sentence_start (self, TRUE, b), (int) MARZ_ALIGN_DECISION_PAIR);
}

/* Overrides ----------------------------------------------------------------- */

static void
marz_compare_view_dispose (GObject *object)
{
  MarzCompareView *self = MARZ_COMPARE_VIEW (object);

  if (self->restore_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->restore_tick_id);
  self->restore_tick_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), MARZ_TYPE_COMPARE_VIEW);
  G_OBJECT_CLASS (marz_compare_view_parent_class)->dispose (object);
}

static void
marz_compare_view_finalize (GObject *object)
{
  MarzCompareView *self = MARZ_COMPARE_VIEW (object);

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->alignment, marz_alignment_free);
  g_clear_pointer (&self->row_widgets, g_ptr_array_unref);
  g_clear_pointer (&self->cells_a, g_ptr_array_unref);
  g_clear_pointer (&self->cells_b, g_ptr_array_unref);
  g_clear_pointer (&self->flags, g_ptr_array_unref);
  G_OBJECT_CLASS (marz_compare_view_parent_class)->finalize (object);
}

static void
marz_compare_view_class_init (MarzCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = marz_compare_view_dispose;
  object_class->finalize = marz_compare_view_finalize;

  /**
   * MarzCompareView::decision:
   * @a_start: the A sentence's start, in characters of A's original text
   * @b_start: the B sentence's
   * @kind: a #MarzAlignDecisionKind
   *
   * The translator confirmed, rejected or made a pair.
   */
  signals[SIGNAL_DECISION] =
    g_signal_new ("decision", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_INT);

  (void) marz_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/marzatlas/Marz/ui/marz-compare-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MarzCompareView, content);
  gtk_widget_class_bind_template_child (widget_class, MarzCompareView, head_a);
  gtk_widget_class_bind_template_child (widget_class, MarzCompareView, head_b);
  gtk_widget_class_bind_template_child (widget_class, MarzCompareView, scroller);
  gtk_widget_class_bind_template_child (widget_class, MarzCompareView, list);
  gtk_widget_class_bind_template_child (widget_class, MarzCompareView, middle_group);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "view.confirm", "i", confirm_action);
  gtk_widget_class_install_action (widget_class, "view.reject", "i", reject_action);
  gtk_widget_class_install_action (widget_class, "view.pair", "(ii)", pair_action);
  gtk_widget_class_install_action (widget_class, "view.confirm-focused", NULL, confirm_focused_action);
  gtk_widget_class_install_action (widget_class, "view.reject-focused", NULL, reject_focused_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "view.confirm-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "view.confirm-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "view.reject-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "view.reject-focused", NULL);
}

static void
marz_compare_view_init (MarzCompareView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->row_widgets = g_ptr_array_new ();
  self->cells_a = g_ptr_array_new ();
  self->cells_b = g_ptr_array_new ();
  self->flags = g_ptr_array_new ();
}

/* Public API -------------------------------------------------------------------- */

GtkWidget *
marz_compare_view_new (void)
{
  return g_object_new (MARZ_TYPE_COMPARE_VIEW, NULL);
}

/**
 * marz_compare_view_set_alignment:
 * @alignment: (nullable) (transfer full): what to show
 *
 * Shows @alignment.  When it aligns the same two articles as the one shown
 * before (a decision recomputed it), the view stays where it was and the
 * focus stays on the same sentence.
 */
void
marz_compare_view_set_alignment (MarzCompareView *self,
                                 MarzAlignment   *alignment)
{
  GtkAdjustment *adjustment;
  gboolean same, focus_side_b = FALSE;
  int focus_row, focus_sentence = -1;
  double value;

  g_return_if_fail (MARZ_IS_COMPARE_VIEW (self));

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  value = gtk_adjustment_get_value (adjustment);
  same = self->alignment && alignment && g_strcmp0 (self->alignment->name_a, alignment->name_a) == 0
         && g_strcmp0 (self->alignment->name_b, alignment->name_b) == 0;
  focus_row = self->rows ? get_focus_row (self) : -1;
  if (focus_row >= 0)
    focus_sentence = row_sentence (self, focus_row, &focus_side_b);

  clear_rows (self);
  g_clear_pointer (&self->alignment, marz_alignment_free);
  self->alignment = alignment;
  set_heads (self);
  if (alignment == NULL)
    return;
  self->rows = marz_alignment_get_rows (alignment);
  for (guint r = 0; r < self->rows->len; r++)
    gtk_list_box_append (self->list, new_row (self, &g_array_index (self->rows, MarzAlignRow, r), r));

  if (!same)
    return;
  restore_scroll (self, value);
  if (focus_sentence >= 0)
    {
      int r = marz_compare_view_find_row (self, focus_side_b, focus_sentence);
      if (r >= 0)
        gtk_widget_grab_focus (g_ptr_array_index (self->row_widgets, r));
    }
}

/**
 * marz_compare_view_get_alignment:
 *
 * Returns: (nullable) (transfer none): the alignment shown
 */
const MarzAlignment *
marz_compare_view_get_alignment (MarzCompareView *self)
{
  g_return_val_if_fail (MARZ_IS_COMPARE_VIEW (self), NULL);
  return self->alignment;
}

/**
 * marz_compare_view_get_vadjustment:
 *
 * Returns: (transfer none): the one adjustment both sides scroll by
 */
GtkAdjustment *
marz_compare_view_get_vadjustment (MarzCompareView *self)
{
  g_return_val_if_fail (MARZ_IS_COMPARE_VIEW (self), NULL);
  return gtk_scrolled_window_get_vadjustment (self->scroller);
}

guint
marz_compare_view_get_n_rows (MarzCompareView *self)
{
  g_return_val_if_fail (MARZ_IS_COMPARE_VIEW (self), 0);
  return self->rows ? self->rows->len : 0;
}

const MarzAlignRow *
marz_compare_view_get_row (MarzCompareView *self,
                           guint            row)
{
  g_return_val_if_fail (MARZ_IS_COMPARE_VIEW (self), NULL);
  g_return_val_if_fail (self->rows && row < self->rows->len, NULL);
  return &g_array_index (self->rows, MarzAlignRow, row);
}

int
marz_compare_view_find_row (MarzCompareView *self,
                            gboolean         side_b,
                            guint            sentence)
{
  g_return_val_if_fail (MARZ_IS_COMPARE_VIEW (self), -1);

  for (guint r = 0; self->rows && r < self->rows->len; r++)
    {
      const MarzAlignRow *row = &g_array_index (self->rows, MarzAlignRow, r);
      if ((side_b ? row->b : row->a) == (int) sentence)
        return r;
    }
  return -1;
}

/**
 * marz_compare_view_get_row_widget:
 *
 * Returns: (transfer none): the row's GtkListBoxRow
 */
GtkWidget *
marz_compare_view_get_row_widget (MarzCompareView *self,
                                  guint            row)
{
  g_return_val_if_fail (MARZ_IS_COMPARE_VIEW (self), NULL);
  g_return_val_if_fail (row < self->row_widgets->len, NULL);
  return g_ptr_array_index (self->row_widgets, row);
}

/**
 * marz_compare_view_get_cell:
 *
 * Returns: (transfer none): a GtkLabel
 */
GtkWidget *
marz_compare_view_get_cell (MarzCompareView *self,
                            guint            row,
                            gboolean         side_b)
{
  g_return_val_if_fail (MARZ_IS_COMPARE_VIEW (self), NULL);
  g_return_val_if_fail (row < self->cells_a->len, NULL);
  return g_ptr_array_index (side_b ? self->cells_b : self->cells_a, row);
}

const char *
marz_compare_view_get_flag (MarzCompareView *self,
                            guint            row)
{
  GtkWidget *flag;

  g_return_val_if_fail (MARZ_IS_COMPARE_VIEW (self), NULL);
  g_return_val_if_fail (row < self->flags->len, NULL);
  flag = g_ptr_array_index (self->flags, row);
  return flag ? gtk_widget_get_tooltip_text (flag) : NULL;
}
