/* marz-article-view.h: one stored article, with the evidence of a report marked
 *
 * Offsets in this API are characters of MarzArticleInfo.text, as the store's
 * reports give them (MarzReport.start/end), header line included.
 */
#pragma once

#include <gtk/gtk.h>

#include "marz-highlights.h"
#include "marz-store.h"

G_BEGIN_DECLS

#define MARZ_TYPE_ARTICLE_VIEW (marz_article_view_get_type ())
G_DECLARE_FINAL_TYPE (MarzArticleView, marz_article_view, MARZ, ARTICLE_VIEW, GtkWidget)

GtkWidget  *marz_article_view_new              (void);
void        marz_article_view_set_article      (MarzArticleView       *self,
                                                const MarzArticleInfo *info);
const char *marz_article_view_get_article_name (MarzArticleView       *self);
void        marz_article_view_show_evidence    (MarzArticleView       *self,
                                                guint                  start,
                                                guint                  end);
void        marz_article_view_set_incidents    (MarzArticleView       *self,
                                                GPtrArray             *incidents);
guint       marz_article_view_get_n_incidents  (MarzArticleView       *self);
void        marz_article_view_set_highlights   (MarzArticleView       *self,
                                                GArray                *highlights);
const MarzHighlight *marz_article_view_get_highlight_at (MarzArticleView *self,
                                                         guint            offset);
void        marz_article_view_set_compare_candidates (MarzArticleView *self,
                                                      GPtrArray       *candidates,
                                                      guint            n_story);
gboolean    marz_article_view_get_evidence     (MarzArticleView       *self,
                                                guint                 *start,
                                                guint                 *end);

G_END_DECLS
