/* marz-glossary.h: the actors and terms of the conflict in every language
 *
 * A bilingual (in truth multilingual) glossary: each concept — an actor such
 * as the TTP, a term such as «ceasefire» — with its names in English, Arabic,
 * Persian/Dari and Pashto and the spellings the news uses.  Read from
 * data/glossary.json (see data/glossary.md); matched on normalized text
 * like the gazetteer, so «آتشبس», «آتش‌بس» and «آتش بس» are one term.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MARZ_GLOSSARY_ERROR (marz_glossary_error_quark ())

typedef enum
{
  MARZ_GLOSSARY_ERROR_INVALID,
} MarzGlossaryError;

typedef enum
{
  MARZ_CONCEPT_ACTOR,   /* a group, government, force or person */
  MARZ_CONCEPT_TERM,    /* an event or thing: ceasefire, talks, airstrike, civilians */
} MarzConceptKind;

typedef struct
{
  char            *id;         /* "ttp", "ceasefire" */
  MarzConceptKind  kind;
  char            *name_en;
  char            *name_ar;    /* NULL where the glossary has none */
  char            *name_fa;
  char            *name_ps;
  GPtrArray       *spellings;  /* every name and variant, as written in the glossary */
  gboolean         side;       /* names one side of the conflict ("side": true) */
} MarzConcept;

typedef struct
{
  guint32            start;    /* normalized byte offsets, clitics included */
  guint32            end;
  guint              token;
  guint              n_tokens;
  const MarzConcept *concept;  /* borrowed from the glossary */
} MarzConceptMention;

#define MARZ_TYPE_GLOSSARY (marz_glossary_get_type ())
G_DECLARE_FINAL_TYPE (MarzGlossary, marz_glossary, MARZ, GLOSSARY, GObject)

GQuark             marz_glossary_error_quark   (void);
MarzGlossary      *marz_glossary_new_from_file (const char    *path,
                                                GError       **error);
/* data/glossary.json, found like the gazetteer (marz_find_data_file()). */
MarzGlossary      *marz_glossary_new_default   (GError       **error);
const MarzConcept *marz_glossary_lookup        (MarzGlossary  *self,
                                                const char    *id);
GPtrArray         *marz_glossary_get_concepts  (MarzGlossary  *self);
/* Returns: (element-type MarzConceptMention): longest matches, in text order */
GArray            *marz_glossary_scan          (MarzGlossary  *self,
                                                const char    *normalized,
                                                const GArray  *tokens);
const char        *marz_concept_get_name       (const MarzConcept *concept,
                                                const char        *language);
const char        *marz_concept_kind_to_string (MarzConceptKind    kind);

G_END_DECLS
