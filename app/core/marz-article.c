/* marz-article.c */
#define G_LOG_DOMAIN "marz-article"

#include "marz-article.h"

#include <stdio.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__clang__) || __GNUC__ >= 11)
#include <immintrin.h>
#define HAVE_SHA_NI 1
#endif

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

#ifdef HAVE_SHA_NI
static const guint32 sha256_k[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* 64-byte blocks through the SHA extensions: four rounds an instruction
 * pair.  @state is a b c d e f g h. */
__attribute__ ((target ("sha,sse4.1")))
static void
sha256_blocks (guint32       state[8],
               const guchar *data,
               gsize         n_blocks)
{
  const __m128i swap = _mm_set_epi64x (0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i tmp = _mm_shuffle_epi32 (_mm_loadu_si128 ((const __m128i *) &state[0]), 0xB1);
  __m128i state1 = _mm_shuffle_epi32 (_mm_loadu_si128 ((const __m128i *) &state[4]), 0x1B);
  __m128i state0 = _mm_alignr_epi8 (tmp, state1, 8);    /* a b e f */

  state1 = _mm_blend_epi16 (state1, tmp, 0xF0);         /* c d g h */
  for (; n_blocks > 0; n_blocks--, data += 64)
    {
      __m128i w[16], abef = state0, cdgh = state1;

      for (int i = 0; i < 16; i++)
        {
          __m128i k;

          if (i < 4)
            w[i] = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 16 * i)), swap);
          else
            w[i] = _mm_sha256msg2_epu32 (_mm_add_epi32 (_mm_sha256msg1_epu32 (w[i - 4], w[i - 3]),
                                                        _mm_alignr_epi8 (w[i - 1], w[i - 2], 4)),
                                         w[i - 1]);
          k = _mm_add_epi32 (w[i], _mm_loadu_si128 ((const __m128i *) &sha256_k[4 * i]));
          state1 = _mm_sha256rnds2_epu32 (state1, state0, k);
          state0 = _mm_sha256rnds2_epu32 (state0, state1, _mm_shuffle_epi32 (k, 0x0E));
        }
      state0 = _mm_add_epi32 (state0, abef);
      state1 = _mm_add_epi32 (state1, cdgh);
    }
  tmp = _mm_shuffle_epi32 (state0, 0x1B);
  state1 = _mm_shuffle_epi32 (state1, 0xB1);
  _mm_storeu_si128 ((__m128i *) &state[0], _mm_blend_epi16 (tmp, state1, 0xF0));
  _mm_storeu_si128 ((__m128i *) &state[4], _mm_alignr_epi8 (state1, tmp, 8));
}

static char *
sha256_hex (const guchar *data,
            gsize         len)
{
  guint32 state[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
  guchar tail[128] = { 0 };
  gsize rest = len % 64, n_tail = rest < 56 ? 64 : 128;
  guint64 bits = (guint64) len * 8;
  char *hex = g_malloc (65);

  sha256_blocks (state, data, len / 64);
  memcpy (tail, data + len - rest, rest);
  tail[rest] = 0x80;
  for (int i = 0; i < 8; i++)
    tail[n_tail - 1 - i] = bits >> (8 * i);
  sha256_blocks (state, tail, n_tail / 64);
  for (int i = 0; i < 8; i++)
    g_snprintf (hex + 8 * i, 9, "%08x", state[i]);
  return hex;
}
#endif

/* SHA-256 in hex, as g_compute_checksum_for_data() gives it: every article
 * imported is hashed, and the SHA extensions most x86 processors have do it
 * ten times faster than GChecksum. */
static char *
text_hash (const char *text,
           gsize       len)
{
#ifdef HAVE_SHA_NI
  static gsize has_sha_ni = 0;

  if (g_once_init_enter (&has_sha_ni))
    g_once_init_leave (&has_sha_ni, __builtin_cpu_supports ("sha")
                                    && __builtin_cpu_supports ("sse4.1") ? 2 : 1);
  if (has_sha_ni == 2)
    return sha256_hex ((const guchar *) text, len);
#endif
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, len);
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
  self->hash = text_hash (text, len);
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
/* "YYYY", "-MM", "-DD" as printf's %04d and -%02d write them, for the
 * values they nearly always have: an import formats a few dates for every
 * article, and printf is slow. */
static gboolean
format_fast (char *out,
             int   year,
             int   month,
             int   day,
             int   parts)
{
  int values[3] = { year, month, day };

  if (year < 0 || year > 9999 || month < 0 || month > 99 || day < 0 || day > 99)
    return FALSE;
  for (int i = 0, v = year; i < 4; i++, v /= 10)
    out[3 - i] = '0' + v % 10;
  out += 4;
  for (int k = 1; k < parts; k++, out += 3)
    {
      out[0] = '-';
      out[1] = '0' + values[k] / 10;
      out[2] = '0' + values[k] % 10;
    }
  *out = '\0';
  return TRUE;
}

char *
marz_format_date (int               year,
                  int               month,
                  int               day,
                  MarzDatePrecision precision)
{
  int parts = precision == MARZ_DATE_PRECISION_DAY ? 3 : precision == MARZ_DATE_PRECISION_MONTH ? 2
            : precision == MARZ_DATE_PRECISION_YEAR ? 1 : 0;
  char buf[16];

  if (parts > 0 && format_fast (buf, year, month, day, parts))
    return g_strdup (buf);
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
