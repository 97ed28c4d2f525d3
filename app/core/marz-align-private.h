/* marz-align-private.h: what the alignment's files share */
#pragma once

#include "marz-align.h"

G_BEGIN_DECLS

/* Fills self->discrepancies from self->pairs. */
void        _marz_alignment_find_discrepancies (MarzAlignment *self);
/* The index in self->pairs of a sentence's pair, or -1: O(1). */
int         _marz_alignment_get_pair_index     (const MarzAlignment *self,
                                                gboolean             side_b,
                                                guint                index);
/* The code TMX and TSV use: "fa-AF" for Dari, otherwise the language. */
char       *_marz_align_language_code          (const char    *language,
                                                const char    *variety);
/* A pair's sentence text as in the original. */
char       *_marz_alignment_dup_sentence       (const MarzAlignment *self,
                                                gboolean             side_b,
                                                guint                index);

G_END_DECLS
