/* marz-text-span.h: a stretch of an article's original text */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint32 start;       /* byte offsets in the original (decoded) text */
  guint32 end;
  guint32 char_start;  /* the same, in characters: what users and JSON see */
  guint32 char_end;
} MarzTextSpan;

G_END_DECLS
