/* marz-snapshot-png.c: a PNG encoder fast enough for poster-sized figures
 *
 * cairo_surface_write_to_png() lets libpng try every filter on every row
 * and deflate at its default level: 2.2 s for a 4000 × 3000 figure, seven
 * times the drawing (tests/perf/bench-export).  A map is mostly flat colour:
 * unfiltered rows at zlib's fastest level compress it as well (0.87 MB for
 * that figure, against 1.0 MB with the Sub filter) in a fraction of the
 * time, and the rows are deflated in bands, one a processor, joined into
 * one zlib stream as pigz does.  The file also records its resolution
 * (pHYs), so an A4 figure at 300 dpi prints at A4.
 */
#define G_LOG_DOMAIN "marz-snapshot"

#include "marz-snapshot-private.h"

#include <math.h>
#include <string.h>

#define IDAT_MAX      (256 * 1024)   /* bytes of compressed data per IDAT chunk */
#define OUT_SIZE      (64 * 1024)
#define BANDS_MAX     16
#define BAND_MIN_ROWS 64
#define ADLER_BASE    65521u
#define ADLER_NMAX    5552           /* bytes before the sums could overflow 32 bits */

static guint32 crc_table[256];

static void
crc_table_init (void)
{
  for (guint32 n = 0; n < 256; n++)
    {
      guint32 c = n;
      for (int k = 0; k < 8; k++)
        c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
      crc_table[n] = c;
    }
}

static guint32
crc_update (guint32       crc,
            const guint8 *data,
            gsize         length)
{
  for (gsize i = 0; i < length; i++)
    crc = crc_table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc;
}

static void
put_be32 (guint8  *p,
          guint32  v)
{
  p[0] = v >> 24, p[1] = v >> 16, p[2] = v >> 8, p[3] = v;
}

static gboolean
write_chunk (MarzOutput    *output,
             const char    *type,
             const guint8  *data,
             gsize          length,
             GError       **error)
{
  guint8 head[8], tail[4];
  guint32 crc;

  put_be32 (head, (guint32) length);
  memcpy (head + 4, type, 4);
  crc = crc_update (0xffffffffu, head + 4, 4);
  crc = crc_update (crc, data, length) ^ 0xffffffffu;
  put_be32 (tail, crc);
  return marz_output_write (output, head, sizeof head, error)
      && (length == 0 || marz_output_write (output, data, length, error))
      && marz_output_write (output, tail, sizeof tail, error);
}

/* One row as RGB, unfiltered (filter type None): on a map's flat colour
 * deflate finds the repeats as well as in Sub-filtered rows (the file is
 * smaller here), and there is nothing to compute. */
static void
pack_row (const guint32 *pixels,
          int            width,
          guint8        *row)
{
  guint8 *p = row + 1;

  row[0] = 0;
  for (int x = 0; x < width; x++, p += 3)
    {
      guint32 v = pixels[x];
      p[0] = v >> 16, p[1] = v >> 8, p[2] = v;
    }
}

/* Deflates @in into @out; then, with @flags, flushes to a byte boundary
 * (G_CONVERTER_FLUSH) or ends the stream (G_CONVERTER_INPUT_AT_END). */
static gboolean
deflate_into (GConverter      *zlib,
              const guint8    *in,
              gsize            length,
              GConverterFlags  flags,
              GByteArray      *out,
              GError         **error)
{
  guint8 buf[OUT_SIZE];

  for (;;)
    {
      gsize read = 0, written = 0;
      GConverterResult result = g_converter_convert (zlib, in, length, buf, sizeof buf, flags, &read, &written, error);

      if (result == G_CONVERTER_ERROR)
        return FALSE;
      g_byte_array_append (out, buf, written);
      in += read, length -= read;
      if (result == G_CONVERTER_FINISHED || result == G_CONVERTER_FLUSHED || (flags == 0 && length == 0))
        return TRUE;
    }
}

/* Adler-32 (RFC 1950), and zlib's adler32_combine(): the checksum of two
 * pieces from theirs and the second's length. */
static guint32
adler32_update (guint32       adler,
                const guint8 *p,
                gsize         n)
{
  guint32 a = adler & 0xffff, b = adler >> 16;

  while (n > 0)
    {
      gsize k = MIN (n, ADLER_NMAX);

      n -= k;
      /* Unrolled as zlib does: the sums' chain is the limit, not the loop. */
      for (; k >= 8; k -= 8, p += 8)
        {
          a += p[0], b += a; a += p[1], b += a; a += p[2], b += a; a += p[3], b += a;
          a += p[4], b += a; a += p[5], b += a; a += p[6], b += a; a += p[7], b += a;
        }
      while (k--)
        a += *p++, b += a;
      a %= ADLER_BASE, b %= ADLER_BASE;
    }
  return a | (b << 16);
}

static guint32
adler32_combine (guint32 adler1,
                 guint32 adler2,
                 guint64 length2)
{
  guint32 rem = (guint32) (length2 % ADLER_BASE);
  guint64 sum1 = adler1 & 0xffff, sum2 = ((guint64) rem * sum1) % ADLER_BASE;

  sum1 += (adler2 & 0xffff) + ADLER_BASE - 1;
  sum2 += ((adler1 >> 16) & 0xffff) + ((adler2 >> 16) & 0xffff) + ADLER_BASE - rem;
  sum1 = sum1 % ADLER_BASE;
  sum2 = sum2 % ADLER_BASE;
  return (guint32) (sum1 | (sum2 << 16));
}

/* A band of rows, deflated on its own, as pigz does: a raw stream flushed
 * to a byte boundary (the last band's finished), so the bands joined in
 * order are one deflate stream.  Each starts with an empty dictionary,
 * which costs a few bytes at each seam and nothing else. */
typedef struct
{
  /* borrowed */
  const guint8 *data;
  int           stride, width;
  /* the band */
  int           y0, y1;
  gboolean      last;
  /* results */
  GByteArray   *out;
  guint32       adler;
  GError       *error;
  GThread      *thread;
} Band;

static gpointer
encode_band (gpointer data)
{
  Band *band = data;
  g_autoptr(GConverter) zlib = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, 1));
  gsize length = 1 + 3 * (gsize) band->width;
  g_autofree guint8 *row = g_malloc (length);

  band->adler = 1;
  for (int y = band->y0; y < band->y1; y++)
    {
      GConverterFlags flags = y < band->y1 - 1 ? G_CONVERTER_NO_FLAGS
                              : band->last ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_FLUSH;

      pack_row ((const guint32 *) (band->data + (gsize) y * band->stride), band->width, row);
      band->adler = adler32_update (band->adler, row, length);
      if (!deflate_into (zlib, row, length, flags, band->out, &band->error))
        break;
    }
  return NULL;
}

/* Hands whole IDAT chunks of @idat to @output, keeping the rest (all of it
 * with @all). */
static gboolean
write_idat (MarzOutput  *output,
            GByteArray  *idat,
            gboolean     all,
            GError     **error)
{
  while (idat->len >= IDAT_MAX || (all && idat->len > 0))
    {
      guint n = MIN (idat->len, IDAT_MAX);
      if (!write_chunk (output, "IDAT", idat->data, n, error))
        return FALSE;
      g_byte_array_remove_range (idat, 0, n);
    }
  return TRUE;
}

/* How many bands: one a processor, none under BAND_MIN_ROWS rows. */
static int
n_bands (int height)
{
  return CLAMP (MIN ((int) g_get_num_processors (), height / BAND_MIN_ROWS), 1, BANDS_MAX);
}

static gboolean
write_header (MarzOutput  *output,
              int          width,
              int          height,
              double       dpi,
              GError     **error)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guint8 ihdr[13] = { 0 }, phys[9];
  guint32 per_metre = (guint32) round (dpi / 0.0254);

  put_be32 (ihdr, width);
  put_be32 (ihdr + 4, height);
  ihdr[8] = 8;    /* bits per channel */
  ihdr[9] = 2;    /* RGB */
  put_be32 (phys, per_metre);
  put_be32 (phys + 4, per_metre);
  phys[8] = 1;    /* metres */
  return marz_output_write (output, signature, sizeof signature, error)
      && write_chunk (output, "IHDR", ihdr, sizeof ihdr, error)
      && write_chunk (output, "pHYs", phys, sizeof phys, error);
}

/**
 * _marz_snapshot_write_png:
 * @surface: a %CAIRO_FORMAT_RGB24 image
 * @dpi: recorded in the file
 */
gboolean
_marz_snapshot_write_png (cairo_surface_t  *surface,
                          double            dpi,
                          MarzOutput       *output,
                          GError          **error)
{
  static gsize once = 0;
  static const guint8 zlib_header[2] = { 0x78, 0x01 };   /* deflate, 32 KiB window, fastest */
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int n = n_bands (height);
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  g_autofree Band *bands = g_new0 (Band, n);
  guint32 adler = 1;
  guint8 trailer[4];
  gboolean ok;

  g_assert (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24);
  if (g_once_init_enter (&once))
    {
      crc_table_init ();
      g_once_init_leave (&once, 1);
    }
  cairo_surface_flush (surface);
  for (int i = 0; i < n; i++)
    {
      bands[i] = (Band) { cairo_image_surface_get_data (surface), cairo_image_surface_get_stride (surface), width,
                          (int) ((gint64) height * i / n), (int) ((gint64) height * (i + 1) / n), i == n - 1,
                          g_byte_array_new (), 1, NULL, NULL };
      if (i > 0)
        bands[i].thread = g_thread_new ("marz-png", encode_band, &bands[i]);
    }
  encode_band (&bands[0]);
  g_byte_array_append (idat, zlib_header, sizeof zlib_header);
  ok = write_header (output, width, height, dpi, error);
  /* Written band by band as they are done: not all of a poster's
   * compressed image need sit in memory. */
  for (int i = 0; i < n; i++)
    {
      if (bands[i].thread)
        g_thread_join (bands[i].thread);
      if (ok && bands[i].error)
        ok = (g_propagate_error (error, g_steal_pointer (&bands[i].error)), FALSE);
      adler = adler32_combine (adler, bands[i].adler, (guint64) (bands[i].y1 - bands[i].y0) * (1 + 3 * (guint64) width));
      g_byte_array_append (idat, bands[i].out->data, bands[i].out->len);
      ok = ok && write_idat (output, idat, FALSE, error);
      g_byte_array_unref (bands[i].out);
      g_clear_error (&bands[i].error);
    }
  put_be32 (trailer, adler);
  g_byte_array_append (idat, trailer, sizeof trailer);
  return ok && write_idat (output, idat, TRUE, error) && write_chunk (output, "IEND", NULL, 0, error);
}
