/* marz-snapshot-png.c: a PNG encoder fast enough for poster-sized figures
 *
 * cairo_surface_write_to_png() lets libpng try every filter on every row
 * and deflate at its default level: 2.2 s for a 4000 × 3000 figure, seven
 * times the drawing (tests/perf/bench-export).  A map is mostly flat colour,
 * so the Sub filter and zlib's fastest level compress it nearly as well in a
 * fraction of the time.  The file also records its resolution (pHYs), so an
 * A4 figure at 300 dpi prints at A4.
 */
#define G_LOG_DOMAIN "marz-snapshot"

#include "marz-snapshot-private.h"

#include <math.h>
#include <string.h>

#define IDAT_MAX (256 * 1024)   /* bytes of compressed data per IDAT chunk */
#define OUT_SIZE (64 * 1024)

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

/* One row as RGB with the Sub filter: each byte less the one a pixel before. */
static void
filter_row (const guint32 *pixels,
            int            width,
            guint8        *row)
{
  guint8 prev[3] = { 0, 0, 0 };

  row[0] = 1;
  for (int x = 0; x < width; x++)
    {
      guint8 rgb[3] = { pixels[x] >> 16, pixels[x] >> 8, pixels[x] };
      for (int c = 0; c < 3; c++)
        row[1 + 3 * x + c] = (guint8) (rgb[c] - prev[c]);
      memcpy (prev, rgb, 3);
    }
}

/* Deflates @in into @idat; with @last, until the stream is finished. */
static gboolean
deflate_into (GConverter    *zlib,
              const guint8  *in,
              gsize          length,
              gboolean       last,
              GByteArray    *idat,
              GError       **error)
{
  guint8 out[OUT_SIZE];

  for (;;)
    {
      gsize read = 0, written = 0;
      GConverterResult result = g_converter_convert (zlib, in, length, out, sizeof out,
                                                     last ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                                     &read, &written, error);
      if (result == G_CONVERTER_ERROR)
        return FALSE;
      g_byte_array_append (idat, out, written);
      in += read, length -= read;
      if (result == G_CONVERTER_FINISHED || (!last && length == 0))
        return TRUE;
    }
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
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  g_autoptr(GConverter) zlib = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 1));
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  g_autofree guint8 *row = g_malloc (1 + 3 * (gsize) width);

  g_assert (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24);
  if (g_once_init_enter (&once))
    {
      crc_table_init ();
      g_once_init_leave (&once, 1);
    }
  cairo_surface_flush (surface);
  if (!write_header (output, width, height, dpi, error))
    return FALSE;
  for (int y = 0; y < height; y++)
    {
      filter_row ((const guint32 *) (data + (gsize) y * stride), width, row);
      if (!deflate_into (zlib, row, 1 + 3 * (gsize) width, y == height - 1, idat, error))
        return FALSE;
      /* Written as it comes: a poster's compressed image need not sit in memory. */
      while (idat->len >= IDAT_MAX)
        {
          if (!write_chunk (output, "IDAT", idat->data, IDAT_MAX, error))
            return FALSE;
          g_byte_array_remove_range (idat, 0, IDAT_MAX);
        }
    }
  return (idat->len == 0 || write_chunk (output, "IDAT", idat->data, idat->len, error))
      && write_chunk (output, "IEND", NULL, 0, error);
}
