/* marz-extractor-private.h: what the extractor's files share */
#pragma once

#include "marz-article.h"
#include "marz-dates.h"
#include "marz-lexicon.h"
#include "marz-gazetteer.h"
#include "marz-incident.h"
#include "marz-normalize.h"

G_BEGIN_DECLS

typedef struct
{
  MarzArticle    *article;     /* borrowed */
  MarzNormalized *norm;
  GArray         *tokens;      /* MarzToken */
  guint          *sentence_of; /* per token: its sentence, G_MAXUINT in the header */
} MarzAnalysis;

void  _marz_analysis_init         (MarzAnalysis   *a,
                                   MarzArticle    *article);
void  _marz_analysis_clear        (MarzAnalysis   *a);
guint _marz_analysis_token_at     (MarzAnalysis   *a,
                                   guint32         offset);

void  _marz_extract_title         (MarzAnalysis   *a);
void  _marz_extract_source        (MarzAnalysis   *a,
                                   MarzLexicon    *outlets);
GDate *_marz_extract_reference    (MarzAnalysis   *a,
                                   MarzDateFinder *dates,
                                   const GDate    *today);
MarzLexicon *_marz_outlets_new    (void);

/* What the extractor found in the whole article, by kind. */
typedef struct
{
  GArray *places;     /* MarzPlaceMention */
  GArray *dates;      /* MarzDateMention */
  GArray *numbers;    /* MarzNumber */
  GArray *triggers;   /* MarzLexiconMatch */
  GArray *after;      /* MarzLexiconMatch: casualty words after a figure */
  GArray *before;     /* MarzLexiconMatch: casualty words before a figure */
  GArray *cues;       /* MarzLexiconMatch: province cues */
  GArray *blame;      /* MarzLexiconMatch: accusing, blaming */

  /* Every array above is in text order, so the items of sentence n are
   * [x_at[n], x_at[n + 1]): loops visit their own sentence, not the whole
   * article (which made long articles quadratic). */
  guint  *date_token; /* the token each date starts at */
  guint  *places_at;
  guint  *dates_at;
  guint  *numbers_at;
  guint  *triggers_at;
  guint  *after_at;
  guint  *before_at;
  guint  *cues_at;
  guint  *blame_at;
} Scans;

/* What one sentence says about violence. */
typedef struct
{
  int                    violence;   /* best violent MarzIncidentType, or -1 */
  guint                  trigger;    /* its token */
  GPtrArray             *places;     /* const MarzPlace *, where the violence happened */
  const MarzDateMention *date;       /* nearest usable date, or NULL */
  gboolean               any_trigger; /* names an incident of any kind */
  gboolean               any_date;    /* gives a date, however vague */
} Facts;

typedef struct
{
  MarzIncidentType       type;
  GPtrArray             *places;
  const MarzDateMention *date;
  guint                  first;
  guint                  last;
} Event;

void             _marz_scans_index    (MarzAnalysis           *a,
                                       Scans                  *s);
gboolean         _marz_is_usable_date (const MarzDateMention  *d);
const MarzPlace *_marz_choose_place   (const MarzPlaceMention *m,
                                       gboolean                province);
gboolean         _marz_date_after     (const MarzDateMention  *d,
                                       const GDate            *reference);
void             _marz_emit           (MarzAnalysis           *a,
                                       Scans                  *s,
                                       const Event            *e,
                                       guint                   group,
                                       GPtrArray              *out);
enum { CASUALTY_KILLED = 1, CASUALTY_INJURED = 2 };

void             _marz_extractor_words_add (MarzLexicon *triggers,
                                            MarzLexicon *after,
                                            MarzLexicon *before,
                                            MarzLexicon *province_cues,
                                            MarzLexicon *blame);
gboolean         _marz_is_actor       (MarzAnalysis           *a,
                                       Scans                  *s,
                                       const MarzPlaceMention *m);
gboolean         _marz_may_lend       (const Facts            *own,
                                       const Facts            *next,
                                       gboolean                place);
void             _marz_find_diplomacy (MarzAnalysis           *a,
                                       Scans                  *s,
                                       Facts                  *facts,
                                       const GDate            *reference,
                                       GPtrArray              *out);

/* The indices of @at's items in @sentence. */
#define SENTENCE_ITEMS(at, sentence, i) \
  for (guint i = (at)[sentence]; i < (at)[(sentence) + 1]; i++)

G_END_DECLS
