/* marz-compare-view-row.c: one row of the compare view, built
 *
 * A row holds A's cell, B's cell, then a strip with the score, status,
 * discrepancy flag and the row's actions (confirm, reject, a menu to pair
 * with another sentence).  Each cell shows its sentence in its language's
 * direction and in the reader's font.  The anchors a pair shares are
 * tinted with the link's colour on both sides; the figures or dates of a
 * discrepancy get an error underline.  All of it is a PangoAttrList over
 * the text as written: the article is never parsed as markup.
 */
#define G_LOG_DOMAIN "marz-compare-view"

#include "marz-compare-view-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "marz-language.h"

/* Sentence text in a re-pair menu, in characters. */
#define MENU_TEXT_CHARS  70

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

const MarzAnchoredSentence *
_marz_compare_view_get_sentence (const MarzAlignment *alignment,
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
  const MarzAnchoredSentence *sentence = _marz_compare_view_get_sentence (alignment, side_b, side_b ? row->b : row->a);
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
  g_autofree char *text = dup_sentence (alignment, side_b, _marz_compare_view_get_sentence (alignment, side_b, index));
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

GtkWidget *
_marz_compare_view_new_row (MarzCompareView    *self,
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
