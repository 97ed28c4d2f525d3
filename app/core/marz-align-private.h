/* marz-align-private.h: what the alignment's files share */
#pragma once

#include "marz-align.h"

G_BEGIN_DECLS

/* marz-align-index.c: the index of both sides' anchor keys, and scoring ---- */

/* An anchor's key and where it is, sortable by key, with what the index
 * knows of the key once both sides are read. */
typedef struct
{
  const char       *key;
  const MarzAnchor *anchor;
  guint             index;    /* in its sentence's anchors */
  double            weight;   /* key_weight() */
  const GArray     *other;    /* the other side's postings when the key is rare
                               * enough to make candidates, else NULL */
} AlignKeyRef;

typedef struct
{
  GArray **keys_a;       /* per sentence: AlignKeyRef sorted by key pointer */
  GArray **keys_b;
  GHashTable *post_a;    /* key → GArray of sentence indices */
  GHashTable *post_b;
  double n_sentences;
} AlignIndex;

typedef struct
{
  guint  a, b;
  double score;
  double tie;            /* distance of relative positions: the smaller wins a tie */
} AlignCandidate;

void        _marz_align_index_init         (AlignIndex          *index,
                                            MarzAlignment       *alignment);
void        _marz_align_index_clear        (AlignIndex          *index);
/* The score of sentences @a and @b; their shared keys added to @links
 * (MarzAlignLink) when it is not %NULL. */
double      _marz_align_score_pair         (const AlignIndex    *index,
                                            guint                a,
                                            guint                b,
                                            GArray              *links);
/* Candidates at or over @threshold, not in @rejected, best first. */
GArray     *_marz_align_score_candidates   (const MarzAlignment *self,
                                            const AlignIndex    *index,
                                            double               threshold,
                                            GHashTable          *rejected);

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
