/* marz-article.c */
#define G_LOG_DOMAIN "marz-article"

#include "marz-article.h"

#include <stdio.h>
#include <string.h>

/* The optional first line « date YYYY-MM-DD»: the corpus writes it with a
 * leading space, and sometimes runs the article on after it on the same line. */
static gsize
parse_header (const char  *text,
              gsize        len,
              int         *year,
              int         *month,
              int         *day)
{
  const char *p = text;
  const char *end = text + len;
  int y, m, d, n = 0;

  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (end - p < 15 || strncmp (p, "date", 4) != 0 || !g_ascii_isspace (p[4]))
    return 0;
  p += 4;
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (sscanf (p, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10
      || !g_date_valid_dmy (d, m, y))
    return 0;
  p += n;
  if (p < end && !g_ascii_isspace (*p))
    return 0;
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n'))
    p++;
  *year = y;
  *month = m;
  *day = d;
  return p - text;
}

/**
 * marz_article_new:
 * @path: where the text came from
 * @text: (transfer full): decoded UTF-8 with normalized line ends
 * @len: its length in bytes
 * @encoding: the encoding it was decoded from
 */
MarzArticle *
marz_article_new (const char *path,
                  char       *text,
                  gsize       len,
                  const char *encoding)
{
  MarzArticle *self = g_new0 (MarzArticle, 1);

  self->path = g_strdup (path);
  self->name = g_path_get_basename (path);
  self->text = text;
  self->len = len;
  self->encoding = g_strdup (encoding);
  self->hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, len);
  self->language = g_strdup ("und");
  self->body_start = parse_header (text, len, &self->year, &self->month, &self->day);
  if (self->body_start > 0)
    {
      self->precision = MARZ_DATE_PRECISION_DAY;
      self->origin = MARZ_DATE_ORIGIN_HEADER;
    }
  return self;
}

void
marz_article_free (MarzArticle *self)
{
  if (self == NULL)
    return;

  g_free (self->path);
  g_free (self->name);
  g_free (self->hash);
  g_free (self->encoding);
  g_free (self->text);
  g_free (self->language);
  g_free (self->variety);
  g_free (self->title);
  g_free (self->source);
  g_clear_pointer (&self->sentences, g_array_unref);
  g_free (self->index_words);
  g_free (self->index_title);
  g_free (self);
}

const char *
marz_date_precision_to_string (MarzDatePrecision precision)
{
  switch (precision)
    {
    case MARZ_DATE_PRECISION_DAY:   return "day";
    case MARZ_DATE_PRECISION_MONTH: return "month";
    case MARZ_DATE_PRECISION_YEAR:  return "year";
    case MARZ_DATE_PRECISION_UNKNOWN:
    default:                        return "unknown";
    }
}

MarzDatePrecision
marz_date_precision_from_string (const char *name)
{
  if (g_strcmp0 (name, "day") == 0)
    return MARZ_DATE_PRECISION_DAY;
  if (g_strcmp0 (name, "month") == 0)
    return MARZ_DATE_PRECISION_MONTH;
  if (g_strcmp0 (name, "year") == 0)
    return MARZ_DATE_PRECISION_YEAR;
  return MARZ_DATE_PRECISION_UNKNOWN;
}

const char *
marz_date_origin_to_string (MarzDateOrigin origin)
{
  switch (origin)
    {
    case MARZ_DATE_ORIGIN_HEADER: return "header";
    case MARZ_DATE_ORIGIN_TEXT:   return "text";
    case MARZ_DATE_ORIGIN_NONE:
    default:                      return "none";
    }
}

MarzDateOrigin
marz_date_origin_from_string (const char *name)
{
  if (g_strcmp0 (name, "header") == 0)
    return MARZ_DATE_ORIGIN_HEADER;
  if (g_strcmp0 (name, "text") == 0)
    return MARZ_DATE_ORIGIN_TEXT;
  return MARZ_DATE_ORIGIN_NONE;
}

/**
 * marz_format_date:
 *
 * Returns: (transfer full) (nullable): «YYYY-MM-DD», «YYYY-MM» or «YYYY» as
 *   far as @precision goes, or %NULL for an unknown date
 */
char *
marz_format_date (int               year,
                  int               month,
                  int               day,
                  MarzDatePrecision precision)
{
  switch (precision)
    {
    case MARZ_DATE_PRECISION_DAY:   return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
    case MARZ_DATE_PRECISION_MONTH: return g_strdup_printf ("%04d-%02d", year, month);
    case MARZ_DATE_PRECISION_YEAR:  return g_strdup_printf ("%04d", year);
    case MARZ_DATE_PRECISION_UNKNOWN:
    default:                        return NULL;
    }
}

char *
marz_article_format_date (const MarzArticle *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return marz_format_date (self->year, self->month, self->day, self->precision);
}
