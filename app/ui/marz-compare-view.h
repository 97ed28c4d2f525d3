/* marz-compare-view.h: two comparable articles side by side, sentence by sentence
 *
 * Shows a MarzAlignment as rows: an aligned pair's two sentences level in
 * one row, an unmatched sentence alone on its side with its counterpart
 * marked missing.  One scrolled list holds both sides, so they scroll in
 * step.  The view does not store anything: a translator's confirm, reject
 * or re-pair is emitted as ::decision, for whoever owns the store.
 */
#pragma once

#include <gtk/gtk.h>

#include "marz-align.h"

G_BEGIN_DECLS

#define MARZ_TYPE_COMPARE_VIEW (marz_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (MarzCompareView, marz_compare_view, MARZ, COMPARE_VIEW, GtkWidget)

GtkWidget           *marz_compare_view_new             (void);
/* @alignment: (nullable) (transfer full) */
void                 marz_compare_view_set_alignment   (MarzCompareView     *self,
                                                        MarzAlignment       *alignment);
const MarzAlignment *marz_compare_view_get_alignment   (MarzCompareView     *self);
GtkAdjustment       *marz_compare_view_get_vadjustment (MarzCompareView     *self);
guint                marz_compare_view_get_n_rows      (MarzCompareView     *self);
const MarzAlignRow  *marz_compare_view_get_row         (MarzCompareView     *self,
                                                        guint                row);
/* The row showing sentence @sentence of a side, or -1. */
int                  marz_compare_view_find_row        (MarzCompareView     *self,
                                                        gboolean             side_b,
                                                        guint                sentence);
GtkWidget           *marz_compare_view_get_row_widget  (MarzCompareView     *self,
                                                        guint                row);
/* The sentence's label, or the «not in the other article» placeholder. */
GtkWidget           *marz_compare_view_get_cell        (MarzCompareView     *self,
                                                        guint                row,
                                                        gboolean             side_b);
/* (nullable): what the row's discrepancy flag says, as its tooltip shows it */
const char          *marz_compare_view_get_flag        (MarzCompareView     *self,
                                                        guint                row);

G_END_DECLS
