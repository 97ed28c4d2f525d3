/* marz-language.h: which language an article is written in */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *language;  /* "ar", "fa", "ps", "ur", "en" or "und" */
  const char *variety;   /* "fa-AF" (Dari), "fa-IR", or NULL */
} MarzLanguage;

MarzLanguage marz_language_identify (const char *text,
                                     gsize       len);
gboolean     marz_language_is_rtl   (const char *language);
const char  *marz_language_get_name (const char *language,
                                     const char *variety);

G_END_DECLS
