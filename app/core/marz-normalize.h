/* marz-normalize.h: the matching key for Arabic, Persian, Pashto and Urdu text
 *
 * Matching and search never work on the text a person reads: they work on a
 * normalized copy, and every position in that copy maps back to the original
 * so that evidence can be shown as it was written.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char    *text;    /* normalized UTF-8, NUL-terminated */
  gsize    len;     /* bytes in @text */
  guint32 *map;     /* map[i]: byte offset in the original of the character
                     * that produced byte i of @text; map[len] = original length */
} MarzNormalized;

MarzNormalized *marz_normalized_new            (const char           *original,
                                                gssize                len);
void            marz_normalized_free           (MarzNormalized       *self);
gsize           marz_normalized_to_original    (const MarzNormalized *self,
                                                gsize                 offset);

char           *marz_normalize_key             (const char           *text);
guint           marz_normalize_char            (gunichar              c,
                                                gunichar              out[4]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzNormalized, marz_normalized_free)

G_END_DECLS
