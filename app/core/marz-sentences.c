/* marz-sentences.c
 *
 * News text ends sentences with . ! ? ؟ … or a line break.  A closing quote
 * after the stop belongs to the sentence («… نشان نداده است.»), and a dot
 * between digits («2.5») ends nothing.  The Arabic semicolon does not end a
 * sentence: «… در کابل آغاز شد؛ انفجارهایی که …» is one thought.
 */
#define G_LOG_DOMAIN "marz-sentences"

#include "marz-sentences.h"

static gboolean
is_stop (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x061F || c == 0x2026 || c == 0x06D4;
}

static gboolean
is_closer (gunichar c)
{
  return c == 0x00BB || c == 0x201D || c == '"' || c == ')' || c == 0x2019 || c == '\'' || c == ']';
}

typedef struct
{
  const char *text;
  GArray     *spans;
  gsize       start;       /* byte offset of the pending sentence, or G_MAXSIZE */
  guint32     char_start;
} Splitter;

static void
flush (Splitter *s,
       gsize     end,
       guint32   char_end)
{
  MarzTextSpan span;

  if (s->start == G_MAXSIZE)
    return;
  /* Trim trailing white space. */
  while (end > s->start && g_ascii_isspace (s->text[end - 1]))
    {
      end--;
      char_end--;
    }
  if (end > s->start)
    {
      span = (MarzTextSpan) { s->start, end, s->char_start, char_end };
      g_array_append_val (s->spans, span);
    }
  s->start = G_MAXSIZE;
}

static gboolean
is_decimal_point (const char *text,
                  const char *p,
                  const char *end)
{
  return *p == '.' && p > text && g_unichar_isdigit (g_utf8_get_char (g_utf8_prev_char (p)))
      && p + 1 < end && g_unichar_isdigit (g_utf8_get_char (p + 1));
}

/* The character at @p, decoding ASCII and two-byte UTF-8 (the Arabic
 * block) inline: this runs over every character of every article. */
static inline gunichar
char_at (const char  *p,
         const char **next)
{
  guchar b = p[0];

  if (b < 0x80)
    return *next = p + 1, b;
  if ((b & 0xE0) == 0xC0)
    return *next = p + 2, ((b & 0x1F) << 6) | ((guchar) p[1] & 0x3F);
  *next = g_utf8_next_char (p);
  return g_utf8_get_char (p);
}

/* Whether the character at @p (two bytes at least before the end) may end
 * a sentence or be anything but ASCII or the Arabic block: the line end,
 * «. ! ?», «؟» (D8 9F), «۔» (DB 94), or a character of three bytes or more
 * («…», closing quotes). */
static inline gboolean
may_end (const guchar *p)
{
  if (p[0] < 0x80)
    return p[0] == '\n' || p[0] == '.' || p[0] == '!' || p[0] == '?';
  if ((p[0] & 0xE0) != 0xC0)
    return TRUE;
  return (p[0] == 0xD8 && p[1] == 0x9F) || (p[0] == 0xDB && p[1] == 0x94);
}

/**
 * marz_sentences_split:
 * @text: the original text of an article
 * @len: its length in bytes
 * @from: byte offset where the body starts (after a header line)
 *
 * Returns: (transfer full) (element-type MarzTextSpan): the sentences
 */
GArray *
marz_sentences_split (const char *text,
                      gsize       len,
                      gsize       from)
{
  Splitter s = { text, g_array_new (FALSE, FALSE, sizeof (MarzTextSpan)), G_MAXSIZE, 0 };
  const char *end = text + len;
  const char *p = text;
  guint32 chars = 0;

  for (; p < text + from && p < end; p = g_utf8_next_char (p))
    chars++;

  while (p < end)
    {
      const char *next;
      gunichar c;

      /* Inside a sentence, most characters can neither end it nor matter
       * otherwise: they are only counted. */
      while (s.start != G_MAXSIZE && end - p >= 2 && !may_end ((const guchar *) p))
        {
          p += ((guchar) *p & 0xE0) == 0xC0 ? 2 : 1;
          chars++;
        }
      if (p == end)
        break;
      c = char_at (p, &next);

      if (s.start == G_MAXSIZE && !g_unichar_isspace (c))
        {
          s.start = p - text;
          s.char_start = chars;
        }
      p = next;
      chars++;

      if (c == '\n')
        flush (&s, p - text, chars);
      else if (is_stop (c) && !is_decimal_point (text, g_utf8_prev_char (p), end))
        {
          while (p < end && (is_closer (g_utf8_get_char (p)) || is_stop (g_utf8_get_char (p))))
            {
              p = g_utf8_next_char (p);
              chars++;
            }
          flush (&s, p - text, chars);
        }
    }
  flush (&s, len, chars);

  return s.spans;
}
