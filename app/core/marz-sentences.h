/* marz-sentences.h: split an article into sentences */
#pragma once

#include "marz-text-span.h"

G_BEGIN_DECLS

GArray *marz_sentences_split (const char *text,
                              gsize       len,
                              gsize       from);

G_END_DECLS
