/* marz-extractor.h: what an article says happened, where and when */
#pragma once

#include <glib-object.h>

#include "marz-article.h"
#include "marz-gazetteer.h"
#include "marz-incident.h"

G_BEGIN_DECLS

#define MARZ_TYPE_EXTRACTOR (marz_extractor_get_type ())
G_DECLARE_FINAL_TYPE (MarzExtractor, marz_extractor, MARZ, EXTRACTOR, GObject)

MarzExtractor *marz_extractor_new           (MarzGazetteer *gazetteer);
MarzGazetteer *marz_extractor_get_gazetteer (MarzExtractor *self);
void           marz_extractor_set_today     (MarzExtractor *self,
                                             const GDate   *today);
GPtrArray     *marz_extractor_analyze       (MarzExtractor *self,
                                             MarzArticle   *article);

G_END_DECLS
