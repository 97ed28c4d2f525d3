/* marz-lexicon.h: find known phrases in normalized text
 *
 * One mechanism for every word list Marz matches against news text: place
 * names, month names, number words, incident vocabulary.  Phrases are added
 * in their natural spelling and normalized here.
 */
#pragma once

#include <glib.h>

#include "marz-tokenizer.h"

G_BEGIN_DECLS

typedef enum
{
  MARZ_LEXICON_EXACT    = 0,
  MARZ_LEXICON_CLITICS  = 1 << 0,  /* Arabic proclitics on the first word: و ف ب ل ال وال بال لل … */
  MARZ_LEXICON_SUFFIXES = 1 << 1,  /* Persian plural and ezafe on the last word: ها های ی ای */
  MARZ_LEXICON_GLUED    = 1 << 2,  /* two entries glued by و into one word: «أفغانستانوباكستان» */
} MarzLexiconFlags;

typedef struct
{
  guint32    start;      /* normalized byte offsets, clitics included */
  guint32    end;
  guint32    key_start;  /* where the phrase itself starts, after any clitic */
  guint      token;      /* first token */
  guint      n_tokens;
  GPtrArray *values;     /* borrowed: every value added under this phrase */
} MarzLexiconMatch;

typedef struct _MarzLexicon MarzLexicon;

MarzLexicon *marz_lexicon_new      (MarzLexiconFlags  flags);
MarzLexicon *marz_lexicon_ref      (MarzLexicon      *self);
void         marz_lexicon_unref    (MarzLexicon      *self);
void         marz_lexicon_add      (MarzLexicon      *self,
                                    const char       *phrase,
                                    gpointer          value);
guint        marz_lexicon_get_size (MarzLexicon      *self);
gboolean     marz_lexicon_match_at (MarzLexicon      *self,
                                    const char       *text,
                                    const GArray     *tokens,
                                    guint             index,
                                    MarzLexiconMatch *match);
GArray      *marz_lexicon_scan     (MarzLexicon      *self,
                                    const char       *text,
                                    const GArray     *tokens);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzLexicon, marz_lexicon_unref)

G_END_DECLS
