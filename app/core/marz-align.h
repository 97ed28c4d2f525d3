/* marz-align.h: which sentences of two comparable articles report the same facts
 *
 * Sentence aligners assume one text translates the other, in order.  News
 * in Arabic and Persian about the same events is neither: Marz pairs
 * sentences by the anchors they share (see marz-anchors.h), weighting rare
 * anchors more, and matches them without regard to order.  Each pair has a
 * score and the anchors that made it; the same fact given with different
 * figures or dates is a discrepancy.  A translator's decisions (confirm,
 * reject, pair differently) are kept in the store and applied to every
 * later alignment of the same two articles.
 *
 * The order of the two articles does not matter: aligning B with A gives
 * the pairs, scores and discrepancies of A with B, mirrored.
 *
 * Threads: a MarzAligner, and the MarzAnchorFinder, gazetteer and glossary
 * it holds, are immutable after construction and hold no caches, so one
 * aligner may be shared by any number of threads aligning at once; its
 * reference count is atomic.  Set the threshold before sharing it: it is
 * the one thing that can change, and it is not locked.  A MarzAlignment
 * belongs to the thread that made it until handed over; it is never
 * changed after marz_aligner_align() returns, so reading it from several
 * threads is safe too.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "marz-anchors.h"
#include "marz-store.h"

G_BEGIN_DECLS

#define MARZ_ALIGN_ERROR (marz_align_error_quark ())

typedef enum
{
  MARZ_ALIGN_ERROR_INVALID,     /* a bad argument from outside: format, sentence offset */
} MarzAlignError;

/* One side of an alignment: an article's original text and what is known of it. */
typedef struct
{
  const char *name;          /* the article's file base name */
  const char *text;          /* original text, header line included */
  gssize      len;           /* bytes, or -1 if NUL-terminated */
  gsize       body_start;    /* byte offset after the header line, 0 without one */
  const char *language;      /* "ar", "fa", "ps", … */
  const char *variety;       /* "fa-AF", "fa-IR" or NULL */
  int         year, month, day;   /* publication date, 0 where unknown */
} MarzAlignSource;

typedef enum
{
  MARZ_ALIGN_PROPOSED,       /* found by Marz, not yet looked at */
  MARZ_ALIGN_CONFIRMED,      /* a translator said it is right */
  MARZ_ALIGN_PAIRED,         /* a translator made this pair (re-pairing) */
} MarzAlignStatus;

/* An anchor both sentences of a pair carry. */
typedef struct
{
  MarzAnchorKind  kind;
  const char     *key;        /* interned, as in MarzAnchor */
  const char     *label;
  double          weight;     /* what it added to the score */
  guint           a_anchor;   /* index in the A sentence's anchors */
  guint           b_anchor;   /* index in the B sentence's anchors */
  guint           colour;     /* the same for the same key anywhere in the
                               * alignment, 0, 1, 2 … in order of first use */
} MarzAlignLink;

typedef struct
{
  guint            a;         /* sentence index in MarzAlignment.sentences_a */
  guint            b;
  double           score;     /* sum of the links' weights */
  MarzAlignStatus  status;
  GArray          *links;     /* MarzAlignLink, heaviest first */
} MarzAlignPair;

typedef enum
{
  MARZ_DISCREPANCY_FIGURE,    /* same role, same event, different figures */
  MARZ_DISCREPANCY_DATE,      /* same event, different dates */
} MarzDiscrepancyKind;

typedef struct
{
  MarzDiscrepancyKind kind;
  guint               a;          /* sentence indices */
  guint               b;
  guint               a_anchor;   /* the differing anchors, indices in each */
  guint               b_anchor;   /* sentence's anchors */
  char               *detail;     /* "injured: 447 vs about 450" */
} MarzDiscrepancy;

/* A row of a side-by-side view: an aligned pair, or one unmatched sentence. */
typedef struct
{
  int a;      /* sentence index, or -1 */
  int b;
  int pair;   /* index in MarzAlignment.pairs, or -1 */
} MarzAlignRow;

typedef struct
{
  char      *name_a, *name_b;
  char      *language_a, *language_b;   /* xml:lang codes: "ar", "fa", "fa-AF", "ps" */
  char      *text_a, *text_b;           /* original texts, NUL-terminated */
  GPtrArray *sentences_a;               /* MarzAnchoredSentence */
  GPtrArray *sentences_b;
  GPtrArray *pairs;                     /* MarzAlignPair, in order of their A sentence */
  GPtrArray *discrepancies;             /* MarzDiscrepancy */
} MarzAlignment;

typedef enum
{
  MARZ_ALIGN_DECISION_NONE,      /* no decision: clears one */
  MARZ_ALIGN_DECISION_CONFIRM,   /* the proposed pair is right */
  MARZ_ALIGN_DECISION_REJECT,    /* the pair is wrong: never propose it again */
  MARZ_ALIGN_DECISION_PAIR,      /* pair these two, whatever Marz proposes */
} MarzAlignDecisionKind;

/* Keyed by the sentences' start offsets, in characters of the original
 * texts, so decisions survive a change to the scoring. */
typedef struct
{
  guint                 a_start;
  guint                 b_start;
  MarzAlignDecisionKind kind;
} MarzAlignDecision;

typedef enum
{
  MARZ_ALIGN_FORMAT_JSON,
  MARZ_ALIGN_FORMAT_TMX,
  MARZ_ALIGN_FORMAT_TSV,
  MARZ_ALIGN_FORMAT_TEXT,
} MarzAlignFormat;

typedef enum
{
  MARZ_ALIGN_EXPORT_CONFIRMED,   /* confirmed and translator-made pairs only */
  MARZ_ALIGN_EXPORT_ALL,         /* every pair */
  MARZ_ALIGN_EXPORT_AUTO,        /* the confirmed ones, or all when none is confirmed */
} MarzAlignExportScope;

typedef struct _MarzAligner MarzAligner;

GQuark         marz_align_error_quark       (void);

MarzAligner   *marz_aligner_new             (MarzAnchorFinder      *finder);
MarzAligner   *marz_aligner_ref             (MarzAligner           *self);
void           marz_aligner_unref           (MarzAligner           *self);
MarzAnchorFinder *marz_aligner_get_finder   (MarzAligner           *self);
/* Pairs below this score are not proposed (translator-made pairs always are).
 * Not thread-safe: call before sharing the aligner. */
void           marz_aligner_set_threshold   (MarzAligner           *self,
                                             double                 threshold);
double         marz_aligner_get_threshold   (MarzAligner           *self);
/* @decisions: (nullable) (element-type MarzAlignDecision) */
MarzAlignment *marz_aligner_align           (MarzAligner           *self,
                                             const MarzAlignSource *a,
                                             const MarzAlignSource *b,
                                             const GArray          *decisions);

void           marz_alignment_free          (MarzAlignment         *self);
/* The pair a sentence is in, or NULL; O(1). */
const MarzAlignPair *marz_alignment_get_pair_for_a (const MarzAlignment *self,
                                                    guint                a);
const MarzAlignPair *marz_alignment_get_pair_for_b (const MarzAlignment *self,
                                                    guint                b);
/* Sentence index at a character offset of the original text, or -1. */
int            marz_alignment_find_sentence (const MarzAlignment   *self,
                                             gboolean               side_b,
                                             guint                  char_offset);
/* Rows for a side-by-side view in A's order: each pair level, each unmatched
 * B sentence after the row holding the B sentence before it.
 * Returns: (element-type MarzAlignRow) (transfer full) */
GArray        *marz_alignment_get_rows      (const MarzAlignment   *self);
guint          marz_alignment_count_confirmed (const MarzAlignment *self);

/* The JSON: {"pairs":[{"a":{"text","start","end"},"b":{…},"score",
 * "anchors":[…]}],"discrepancies":[{"a","b","kind","detail"}]}, offsets in
 * characters of the original texts.  Every pair, with its status. */
JsonNode      *marz_alignment_to_json       (const MarzAlignment   *self);
/* TMX 1.4, one <tu> per pair, A's language as srclang. */
char          *marz_alignment_to_tmx        (const MarzAlignment   *self,
                                             MarzAlignExportScope   scope);
/* language_a TAB language_b header, then text_a TAB text_b per pair, tabs
 * and line ends inside a sentence turned into spaces. */
char          *marz_alignment_to_tsv        (const MarzAlignment   *self,
                                             MarzAlignExportScope   scope);
char          *marz_alignment_format        (const MarzAlignment   *self,
                                             MarzAlignFormat        format,
                                             MarzAlignExportScope   scope);
/* Writes through MarzOutput: the whole file or nothing. */
gboolean       marz_alignment_export        (const MarzAlignment   *self,
                                             MarzAlignFormat        format,
                                             MarzAlignExportScope   scope,
                                             const char            *path,
                                             GError               **error);
gboolean       marz_align_format_from_string (const char           *name,
                                              MarzAlignFormat      *format);
const char    *marz_align_status_to_string  (MarzAlignStatus        status);
const char    *marz_discrepancy_kind_to_string (MarzDiscrepancyKind kind);

/* In the store (marz-store-align.c).  The order of @article_a and
 * @article_b does not matter: a decision made comparing A with B holds when
 * comparing B with A. */
gboolean       marz_store_set_align_decision  (MarzStore             *store,
                                               const char            *article_a,
                                               const char            *article_b,
                                               guint                  a_start,
                                               guint                  b_start,
                                               MarzAlignDecisionKind  kind,
                                               GError               **error);
/* Returns: (element-type MarzAlignDecision) (transfer full), offsets as seen
 * from @article_a */
GArray        *marz_store_get_align_decisions (MarzStore             *store,
                                               const char            *article_a,
                                               const char            *article_b,
                                               GError               **error);
/* Loads both articles, aligns them and applies the stored decisions.
 * Fails with MARZ_STORE_ERROR_NOT_FOUND for an unknown article. */
MarzAlignment *marz_store_align_articles      (MarzStore             *store,
                                               MarzAligner           *aligner,
                                               const char            *article_a,
                                               const char            *article_b,
                                               GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzAligner, marz_aligner_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzAlignment, marz_alignment_free)

G_END_DECLS
