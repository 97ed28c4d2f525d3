/* marz-highlights.h: the places, dates and figures of an article's evidence
 *
 * The reader marks, in an article, what the extractor read in it: in each
 * evidence sentence of the article's reports, the place of the incident,
 * the dates written there, and the figures that are the report's killed
 * and injured.  Found again from the sentences with the extractor's own
 * finders, so what is marked is what it could have used.
 */
#pragma once

#include "marz-gazetteer.h"
#include "marz-incident.h"

G_BEGIN_DECLS

typedef enum
{
  MARZ_HIGHLIGHT_PLACE,
  MARZ_HIGHLIGHT_DATE,
  MARZ_HIGHLIGHT_FIGURE,
} MarzHighlightKind;

typedef struct
{
  MarzHighlightKind kind;
  guint             start;        /* characters of the article's text */
  guint             end;
  gint64            incident_id;  /* the incident whose report it is in */
} MarzHighlight;

GArray *marz_highlights_find (MarzGazetteer *gazetteer,
                              const char    *text,
                              const char    *article,
                              GPtrArray     *incidents);

G_END_DECLS
