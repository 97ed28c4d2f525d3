/* marz-numbers.h: counts written in digits or in Arabic and Persian words
 *
 * Finds «50», «۲٬۶۰۰», «خمسة وعشرون», «سه هزار و دویست», «10 آلاف» in a
 * normalized text, with what the article says about their precision
 * («دستکم ۲۳», «حدود ۴۵۰», «العشرات»).  Ordinals and dates are not counts and
 * are left to the dates module.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MARZ_NUMBER_EXACT,     /* «50», «ده» */
  MARZ_NUMBER_AT_LEAST,  /* «على الأقل», «دستکم», «حداقل», «أكثر من», «بیش از», «over» */
  MARZ_NUMBER_ABOUT,     /* «حدود», «نحو», «حوالي», «قرابة», «تقریباً», «around» */
  MARZ_NUMBER_VAGUE,     /* «العشرات», «ده‌ها», «صدها», «المئات», «عدة»: no usable value */
} MarzNumberQualifier;

typedef struct
{
  guint32             start;     /* normalized byte offsets of the number itself, */
  guint32             end;       /* a leading clitic («ب», «و») excluded */
  guint               token;     /* its first token */
  guint               n_tokens;
  gint64              value;     /* 0 when VAGUE */
  MarzNumberQualifier qualifier;
  gboolean            is_word;   /* no digit in it: «ده», not «۳ هزار» */
} MarzNumber;

typedef struct _MarzNumberFinder MarzNumberFinder;

MarzNumberFinder *marz_number_finder_new   (void);
MarzNumberFinder *marz_number_finder_ref   (MarzNumberFinder *self);
void              marz_number_finder_unref (MarzNumberFinder *self);
GArray           *marz_number_finder_scan  (MarzNumberFinder *self,
                                            const char       *normalized,
                                            const GArray     *tokens);

gboolean          marz_parse_number        (const char       *text,
                                            gint64           *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzNumberFinder, marz_number_finder_unref)

G_END_DECLS
