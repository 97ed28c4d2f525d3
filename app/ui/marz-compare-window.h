/* marz-compare-window.h: a window comparing two stored articles
 *
 * A MarzCompareView on the alignment of two articles of the store.  A
 * translator's decision is stored at once and the alignment recomputed in
 * a worker; the last decision can be undone.  The confirmed pairs export
 * as TMX 1.4 or TSV.
 */
#pragma once

#include <adwaita.h>

#include "marz-align.h"
#include "marz-compare-view.h"

G_BEGIN_DECLS

#define MARZ_TYPE_COMPARE_WINDOW (marz_compare_window_get_type ())
G_DECLARE_FINAL_TYPE (MarzCompareWindow, marz_compare_window, MARZ, COMPARE_WINDOW, AdwWindow)

/* @aligner: shared with the window's workers, which only read it */
MarzCompareWindow *marz_compare_window_new      (const char            *database_path,
                                                 MarzAligner           *aligner,
                                                 const char            *article_a,
                                                 const char            *article_b);
MarzCompareView   *marz_compare_window_get_view (MarzCompareWindow     *self);
/* Whether an alignment is being computed. */
gboolean           marz_compare_window_get_busy (MarzCompareWindow     *self);
/* (nullable): why there is nothing to compare */
const char        *marz_compare_window_get_error (MarzCompareWindow    *self);
/* Undoes the last decision, if there is one to undo. */
void               marz_compare_window_undo     (MarzCompareWindow     *self);
/* Writes the confirmed pairs, whole or not at all. */
gboolean           marz_compare_window_export   (MarzCompareWindow     *self,
                                                 MarzAlignFormat        format,
                                                 const char            *path,
                                                 GError               **error);

G_END_DECLS
