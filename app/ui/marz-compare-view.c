/* marz-compare-view.c
 *
 * One GtkListBox in one GtkScrolledWindow: each row holds A's cell, B's
 * cell, then a strip with the score, status, discrepancy flag and the
 * row's actions (built in marz-compare-view-row.c).  Both sentences of a
 * pair are children of the same row, so they are level and scroll in step
 * by construction, whatever their lengths.  The cells share their row's
 * width in halves and the strips are one size group, so the columns line
 * up down the list.
 *
 * This file owns the widget: its actions (the decisions it emits), keeping
 * the scroll and focus across a recompute, and the public API.
 *
 * Rows are rebuilt when the alignment changes (a decision recomputes it);
 * the scroll position and the focused sentence are kept.
 */
#define G_LOG_DOMAIN "marz-compare-view"

#include "marz-compare-view-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "marz-language.h"
#include "marz-resources.h"

/* Frames to wait for the list's height before restoring the scroll. */
#define RESTORE_FRAMES   30

G_DEFINE_FINAL_TYPE (MarzCompareView, marz_compare_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_DECISION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
  return _marz_compare_view_get_sentence (self->alignment, side_b, index)->span.char_start;
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
    gtk_list_box_append (self->list, _marz_compare_view_new_row (self, &g_array_index (self->rows, MarzAlignRow, r), r));

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
