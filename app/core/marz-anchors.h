/* marz-anchors.h: the facts a sentence carries, comparable across languages
 *
 * An anchor is something two sentences in different languages can share
 * without either being a translation of the other: a number (any digit
 * script, number words) with how exact it is and, when the words around say
 * so, whether it counts the killed or the injured; a resolved date; a
 * gazetteer place (and the places containing it); a glossary concept.  Each
 * anchor has a key that is the same in every language («۹ اکتبر» and «9
 * أكتوبر» both give "date:2025-10-09") and the span of the original text it
 * was read from, so a view can highlight it.
 *
 * A MarzAnchorFinder is immutable once made (its lexicons are only read,
 * keys are interned with g_intern_string(), which locks): threads may scan
 * with one finder at once.
 */
#pragma once

#include <glib.h>

#include "marz-dates.h"
#include "marz-gazetteer.h"
#include "marz-glossary.h"
#include "marz-numbers.h"
#include "marz-text-span.h"

G_BEGIN_DECLS

typedef enum
{
  MARZ_ANCHOR_NUMBER,
  MARZ_ANCHOR_DATE,
  MARZ_ANCHOR_PLACE,
  MARZ_ANCHOR_CONCEPT,
} MarzAnchorKind;

typedef enum
{
  MARZ_FIGURE_NONE,      /* a number, not said to count casualties */
  MARZ_FIGURE_KILLED,
  MARZ_FIGURE_INJURED,
} MarzFigureRole;

typedef struct
{
  MarzAnchorKind       kind;
  const char          *key;        /* interned: "number:447", "date:2025-10-09",
                                    * "date:2025-10", "place:kabul", "concept:ttp" */
  const char          *label;      /* interned, for people: "447", "2025-10-09", "Kabul", "TTP" */
  MarzTextSpan         span;       /* in the original text */

  /* MARZ_ANCHOR_NUMBER */
  gint64               value;
  MarzNumberQualifier  qualifier;  /* «حدود ۴۵۰», «نحو 450» are ABOUT */
  MarzFigureRole       role;

  /* MARZ_ANCHOR_DATE: resolved, Gregorian */
  int                  year, month, day;
  MarzDatePrecision    precision;

  /* MARZ_ANCHOR_PLACE: the place itself; its containing places are anchors
   * of their own with @contained set, so «Spin Boldak» also shares
   * "place:kandahar-province" with a sentence that names only the province. */
  const MarzPlace     *place;
  gboolean             contained;

  /* MARZ_ANCHOR_CONCEPT */
  const MarzConcept   *concept;
} MarzAnchor;

typedef struct
{
  MarzTextSpan  span;      /* the sentence, in the original text */
  GArray       *anchors;   /* MarzAnchor, in text order, at most one per key */
} MarzAnchoredSentence;

typedef struct _MarzAnchorFinder MarzAnchorFinder;

MarzAnchorFinder *marz_anchor_finder_new   (MarzGazetteer    *gazetteer,
                                            MarzGlossary     *glossary);
MarzAnchorFinder *marz_anchor_finder_ref   (MarzAnchorFinder *self);
void              marz_anchor_finder_unref (MarzAnchorFinder *self);
/* Splits @text (from @body_start, a byte offset) into sentences and reads
 * each one's anchors; dates resolve against @reference (the publication
 * date, or NULL when unknown).
 * Returns: (element-type MarzAnchoredSentence) (transfer full) */
GPtrArray        *marz_anchor_finder_scan  (MarzAnchorFinder *self,
                                            const char       *text,
                                            gsize             len,
                                            gsize             body_start,
                                            const GDate      *reference);

void              marz_anchored_sentence_free (MarzAnchoredSentence *sentence);
const char       *marz_anchor_kind_to_string  (MarzAnchorKind        kind);
const char       *marz_figure_role_to_string  (MarzFigureRole        role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzAnchorFinder, marz_anchor_finder_unref)

G_END_DECLS
