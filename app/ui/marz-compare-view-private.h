/* marz-compare-view-private.h: what marz-compare-view.c and
 * marz-compare-view-row.c share */
#pragma once

#include "marz-compare-view.h"

G_BEGIN_DECLS

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

/* The sentence @index of a side; @index must exist. */
const MarzAnchoredSentence *_marz_compare_view_get_sentence (const MarzAlignment *alignment,
                                                             gboolean             side_b,
                                                             guint                index);
/* Row @r's widget, showing @row of self->alignment; adds its cells and flag
 * to self->row_widgets, cells_a, cells_b and flags. */
GtkWidget                  *_marz_compare_view_new_row      (MarzCompareView     *self,
                                                             const MarzAlignRow  *row,
                                                             guint                r);

G_END_DECLS
