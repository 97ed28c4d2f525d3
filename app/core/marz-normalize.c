/* marz-normalize.c
 *
 * The key follows the notes in TEXT-NOTES.md: what Lucene's Arabic and Persian
 * normalizers do, plus the Pashto and Urdu letters, folded one way so that
 * «كابل», «کابل» and «كابُل» meet.  Persian letters (پ چ ژ گ) are never mapped
 * to Arabic ones: that would destroy Persian.
 */
#define G_LOG_DOMAIN "marz-normalize"

#include "marz-normalize.h"

#include <string.h>

static gboolean
is_deleted (gunichar c)
{
  return (c >= 0x064B && c <= 0x065F)     /* harakat, hamza above/below */
      || c == 0x0670                      /* dagger alef */
      || (c >= 0x0610 && c <= 0x061A)     /* Quranic marks */
      || (c >= 0x06D6 && c <= 0x06ED)
      || c == 0x0640                      /* tatweel */
      || (c >= 0x200B && c <= 0x200F)     /* ZWSP, ZWNJ, ZWJ, LRM, RLM */
      || c == 0x061C                      /* ALM */
      || (c >= 0x202A && c <= 0x202E)     /* embeddings, overrides */
      || (c >= 0x2066 && c <= 0x2069)     /* isolates */
      || c == 0xFEFF || c == 0x00AD;
}

static gunichar
fold_letter (gunichar c)
{
  switch (c)
    {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
      return 0x0627;                      /* alef forms → ا */
    case 0x0649: case 0x064A: case 0x06CC: case 0x06D0: case 0x06CD:
    case 0x06D2: case 0x06D3: case 0x0626:
      return 0x06CC;                      /* yeh forms → ی */
    case 0x0643: case 0x06AA: case 0x06AB:
      return 0x06A9;                      /* kaf forms → ک */
    case 0x0629: case 0x06C0: case 0x06C3: case 0x06C1: case 0x06D5: case 0x06BE:
      return 0x0647;                      /* teh marbuta, heh forms → ه */
    case 0x0624:
      return 0x0648;                      /* waw with hamza → و */
    default:
      break;
    }

  if (c >= 0x0660 && c <= 0x0669)
    return '0' + (c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9)
    return '0' + (c - 0x06F0);
  if (c < 0x80)
    return g_ascii_tolower (c);
  if (c == 0x00A0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000)
    return ' ';
  if (c == 0x066B)                        /* Arabic decimal separator */
    return '.';
  if (c == 0x066C)                        /* Arabic thousands separator */
    return ',';
  if (c < 0x0600)
    return g_unichar_tolower (c);
  return c;
}

static gboolean
is_compatibility_form (gunichar c)
{
  return (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC)
      || (c >= 0xFF01 && c <= 0xFF5E);
}

/**
 * marz_normalize_char:
 * @c: a character of the original text
 * @out: (out caller-allocates): up to four characters of the key
 *
 * Returns: how many characters @c becomes in the key (0 when deleted).
 */
guint
marz_normalize_char (gunichar c,
                     gunichar out[4])
{
  if (is_deleted (c))
    return 0;

  if (is_compatibility_form (c))
    {
      char buf[8];
      g_autofree char *nfkc = NULL;
      guint n = 0;

      buf[g_unichar_to_utf8 (c, buf)] = '\0';
      nfkc = g_utf8_normalize (buf, -1, G_NORMALIZE_NFKC);
      for (const char *p = nfkc; p && *p && n < 4; p = g_utf8_next_char (p))
        {
          gunichar d = g_utf8_get_char (p);
          if (!is_deleted (d))
            out[n++] = fold_letter (d);
        }
      return n;
    }

  out[0] = fold_letter (c);
  return 1;
}

/* The key of each character of the Arabic block in UTF-8, empty when
 * deleted: nearly every character of an article is one of these.  Every one
 * of them maps to at most one character of one or two bytes (see
 * marz_normalize_char ()). */
typedef struct
{
  guint8 len;
  char   bytes[3];
} Fold;

static gpointer
build_arabic_folds (gpointer data)
{
  Fold *folds = g_new0 (Fold, 256);

  for (gunichar c = 0x0600; c <= 0x06FF; c++)
    {
      gunichar out[4];
      guint n = marz_normalize_char (c, out);

      g_assert (n <= 1 && (n == 0 || out[0] < 0x800));
      folds[c - 0x0600].len = n ? g_unichar_to_utf8 (out[0], folds[c - 0x0600].bytes) : 0;
    }
  return folds;
}

static inline char
ascii_tolower (char c)
{
  return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Room for the key of one more character, however it grows (see
 * marz_normalize_char ()): four characters of four bytes. */
#define MAX_GROWTH 16

/* Makes room for @more bytes of key after @written, and their map. */
static void
reserve (MarzNormalized *self,
         gsize          *cap,
         gsize           written,
         gsize           more)
{
  if (written + more <= *cap)
    return;
  *cap = MAX (2 * *cap, written + more);
  self->text = g_realloc (self->text, *cap + 1);
  self->map = g_renew (guint32, self->map, *cap + 1);
}

/**
 * marz_normalized_new:
 * @original: valid UTF-8
 * @len: length in bytes, or -1 if NUL-terminated
 *
 * Every article passes through here on import, so the key and its map are
 * written straight into buffers sized for the usual case: ASCII and the
 * Arabic block never grow, and the buffers grow only before a character that
 * might.
 *
 * Returns: (transfer full): the matching key of @original with its offset map
 */
MarzNormalized *
marz_normalized_new (const char *original,
                     gssize      len)
{
  static GOnce arabic_once = G_ONCE_INIT;
  const Fold *arabic;
  MarzNormalized *self;
  const char *p, *end;
  char *text;
  guint32 *map;
  gsize cap, w = 0;   /* bytes of key written */

  g_return_val_if_fail (original != NULL, NULL);

  if (len < 0)
    len = strlen (original);
  g_return_val_if_fail ((gsize) len < G_MAXUINT32 / 4, NULL);

  arabic = g_once (&arabic_once, build_arabic_folds, NULL);
  self = g_new0 (MarzNormalized, 1);
  /* Invariant: room for what is left of @original, plus two bytes. */
  cap = len + 2 + MAX_GROWTH;
  self->text = g_malloc (cap + 1);
  self->map = g_new (guint32, cap + 1);

  text = self->text;
  map = self->map;
  for (p = original, end = original + len; p < end;)
    {
      guint32 origin = p - original;
      gunichar out_chars[4];
      guint n;

      if ((guchar) *p < 0x80)            /* ASCII: one byte in, one byte out */
        {
          text[w] = ascii_tolower (*p++);
          map[w++] = origin;
          continue;
        }
      if (((guchar) *p & 0xFC) == 0xD8)  /* U+0600–U+06FF: two bytes in, at most two out */
        {
          const Fold *f = &arabic[(((guchar) p[0] & 0x03) << 6) | ((guchar) p[1] & 0x3F)];

          /* Both bytes and both map entries are written, and the key moves
           * by its length: the invariant leaves room for both. */
          text[w] = f->bytes[0];
          text[w + 1] = f->bytes[1];
          map[w] = map[w + 1] = origin;
          w += f->len;
          p += 2;
          continue;
        }
      reserve (self, &cap, w, (end - p) + 2 + MAX_GROWTH);
      text = self->text;
      map = self->map;
      n = marz_normalize_char (g_utf8_get_char (p), out_chars);
      p = g_utf8_next_char (p);
      for (guint i = 0; i < n; i++)
        {
          gint bytes = g_unichar_to_utf8 (out_chars[i], text + w);

          for (gint b = 0; b < bytes; b++)
            map[w++] = origin;
        }
    }
  self->text[w] = '\0';
  self->map[w] = len;
  self->len = w;
  return self;
}

void
marz_normalized_free (MarzNormalized *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->map);
  g_free (self);
}

/**
 * marz_normalized_to_original:
 * @offset: a byte offset in the key, 0 ≤ @offset ≤ len
 *
 * Returns: the byte offset in the original where the character that produced
 *   @offset starts (an end offset maps to the end of the original text).
 */
gsize
marz_normalized_to_original (const MarzNormalized *self,
                             gsize                 offset)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (offset <= self->len, 0);

  return self->map[offset];
}

/**
 * marz_normalize_key:
 * @text: UTF-8 text (a name, a query, a phrase)
 *
 * Returns: (transfer full): the matching key of @text, without an offset map
 */
char *
marz_normalize_key (const char *text)
{
  GString *key;

  g_return_val_if_fail (text != NULL, NULL);

  key = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar out[4];
      guint n = marz_normalize_char (g_utf8_get_char (p), out);

      for (guint i = 0; i < n; i++)
        g_string_append_unichar (key, out[i]);
    }

  return g_string_free (key, FALSE);
}
