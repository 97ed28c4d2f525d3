/* marz-article.h: one news article, as read and as understood */
#pragma once

#include <glib.h>

#include "marz-dates.h"
#include "marz-text-span.h"

G_BEGIN_DECLS

typedef enum
{
  MARZ_DATE_ORIGIN_NONE,     /* unknown */
  MARZ_DATE_ORIGIN_HEADER,   /* the « date YYYY-MM-DD» first line */
  MARZ_DATE_ORIGIN_TEXT,     /* inferred from dates the text mentions */
} MarzDateOrigin;

typedef struct
{
  /* As read */
  char             *path;
  char             *name;         /* the file's base name */
  char             *hash;         /* SHA-256 of the decoded text: what makes a duplicate */
  char             *encoding;
  char             *text;         /* decoded, line ends normalized, otherwise as written */
  gsize             len;
  gsize             body_start;   /* byte offset after the header, 0 without one */

  /* As understood (see MarzExtractor) */
  char             *language;     /* "ar", "fa", "ps", "ur", "en", or "und" */
  char             *variety;      /* "fa-AF" for Dari, "fa-IR", or NULL */
  char             *title;
  char             *source;       /* a news agency or outlet the text names, or NULL */
  int               year;         /* publication date; 0 where unknown */
  int               month;
  int               day;
  MarzDatePrecision precision;
  MarzDateOrigin    origin;
  GArray           *sentences;    /* MarzTextSpan */
  char             *index_words;  /* the body's and the title's words as the search */
  char             *index_title;  /* index holds them, made with the analysis so the
                                   * writer need not */
} MarzArticle;

MarzArticle *marz_article_new             (const char        *path,
                                           char              *text,
                                           gsize              len,
                                           const char        *encoding);
void         marz_article_free            (MarzArticle       *self);
char        *marz_article_format_date     (const MarzArticle *self);
const char  *marz_date_precision_to_string (MarzDatePrecision precision);
MarzDatePrecision marz_date_precision_from_string (const char *name);
const char  *marz_date_origin_to_string   (MarzDateOrigin     origin);
MarzDateOrigin marz_date_origin_from_string (const char      *name);
char        *marz_format_date             (int                year,
                                           int                month,
                                           int                day,
                                           MarzDatePrecision  precision);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzArticle, marz_article_free)

G_END_DECLS
