/* marz-marker-painter.c
 *
 * Paints a view's worth of markers (a few hundred) into one image, for the
 * window's marker layer, which shows that image instead of drawing each
 * marker.  Each look (kind, type, radius, count, where it falls between
 * device pixels) is drawn once with marz-marker-style.c and then copied:
 * panning shows the same markers again and again, and copying an image to
 * whole device pixels is cairo's fastest path.
 *
 * A new look costs little too, since each zoom level brings clusters with
 * new counts.  Its disc and ring (most of the cost: cairo's antialiased
 * fill and stroke, about 45 µs) are kept apart and copied under the count,
 * with the radius to an eighth of a pixel; the counts are laid out with one
 * PangoLayout (a Pango context for each marker cost about 0.1 ms).
 *
 * A painter may be used from any thread, by one thread at a time.  It has
 * a font map of its own, since Pango's default one belongs to the thread
 * that asked for it.
 */
#define G_LOG_DOMAIN "marz-marker-painter"

#include "marz-marker-painter.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "marz-marker-style-private.h"

/* A marker drawn at a fraction of a device pixel is a different image:
 * quarters are finer than the eye can tell. */
#define SUBPIXELS 4
/* The bytes of images each cache keeps; beyond this it starts again.  A
 * look is 1–16 KiB at scale 1, up to 64 KiB at scale 2, and a view shows
 * a few hundred, so this holds several views. */
#define MAX_CACHE_BYTES (16 << 20)
/* A disc's radius is drawn to this fraction of a logical px. */
#define RADIUS_STEPS 8

struct _MarzMarkerPainter
{
  /* owned */
  PangoFontMap *font_map;
  PangoLayout  *layout;    /* made on first use, in the painting thread */
  GHashTable   *images;    /* Look → Image */
  GHashTable   *discs;     /* Look without a count → Image */
  gsize         image_bytes;
  gsize         disc_bytes;
  double        text_scale;  /* the counts' size over the style's */
  guint         n_drawn;   /* looks drawn so far, for tests */
};

typedef struct
{
  double  radius;
  guint64 n_incidents;
  guint8  type;
  guint8  is_cluster;
  guint8  scale;
  guint8  sub_x;           /* the centre's fraction of a device pixel, in SUBPIXELS */
  guint8  sub_y;
} Look;

typedef struct
{
  cairo_surface_t *surface;   /* device px, no device scale */
  int              half;      /* the centre's whole device px from the top left */
} Image;

static const Image *lookup (MarzMarkerPainter *self,
                            GHashTable        *cache,
                            const Look        *look);

static guint
look_hash (gconstpointer data)
{
  const Look *look = data;
  guint64 bits;

  memcpy (&bits, &look->radius, sizeof bits);
  return (guint) (bits ^ (bits >> 32)) * 31u
         + (guint) (look->n_incidents ^ (look->n_incidents >> 32)) * 17u
         + ((guint) look->type << 24 | (guint) look->is_cluster << 16
            | (guint) look->scale << 8 | (guint) look->sub_x << 4 | look->sub_y);
}

static gboolean
look_equal (gconstpointer a,
            gconstpointer b)
{
  const Look *x = a, *y = b;

  return x->radius == y->radius && x->n_incidents == y->n_incidents && x->type == y->type
      && x->is_cluster == y->is_cluster && x->scale == y->scale
      && x->sub_x == y->sub_x && x->sub_y == y->sub_y;
}

static void
image_free (gpointer data)
{
  Image *image = data;

  cairo_surface_destroy (image->surface);
  g_free (image);
}

static PangoLayout *
count_layout (MarzMarkerPainter *self)
{
  if (self->layout == NULL)
    {
      PangoContext *context = pango_font_map_create_context (self->font_map);
      PangoFontDescription *font = _marz_marker_style_new_count_font (self->text_scale);

      self->layout = pango_layout_new (context);
      g_object_unref (context);
      pango_layout_set_font_description (self->layout, font);
      pango_font_description_free (font);
    }
  return self->layout;
}

/* @look without its count: a disc to draw the count on. */
static const Image *
disc_of (MarzMarkerPainter *self,
         const Look        *look)
{
  Look disc = *look;

  disc.n_incidents = 0;
  return lookup (self, self->discs, &disc);
}

/* The marker of @look, drawn with its centre (@look's fraction of a pixel)
 * inside the image's pixel (half, half). */
static Image *
draw_look (MarzMarkerPainter *self,
           const Look        *look)
{
  Image *image = g_new0 (Image, 1);
  double cx = (double) look->sub_x / SUBPIXELS, cy = (double) look->sub_y / SUBPIXELS;
  cairo_t *cr;

  image->half = (int) ceil ((look->radius + 1) * look->scale) + 1;
  image->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * image->half + 1, 2 * image->half + 1);
  cr = cairo_create (image->surface);
  if (look->n_incidents == 0)
    {
      cairo_translate (cr, image->half + cx, image->half + cy);
      cairo_scale (cr, look->scale, look->scale);
      _marz_marker_style_draw_disc (cr, 0, 0, look->radius, look->is_cluster, look->type);
    }
  else
    {
      cairo_set_source_surface (cr, disc_of (self, look)->surface, 0, 0);
      cairo_paint (cr);
      cairo_translate (cr, image->half + cx, image->half + cy);
      cairo_scale (cr, look->scale, look->scale);
      _marz_marker_style_draw_count (cr, 0, 0, look->n_incidents, count_layout (self));
    }
  cairo_destroy (cr);
  self->n_drawn++;
  return image;
}

static const Image *
lookup (MarzMarkerPainter *self,
        GHashTable        *cache,
        const Look        *look)
{
  Image *image = g_hash_table_lookup (cache, look);
  gsize *bytes = cache == self->discs ? &self->disc_bytes : &self->image_bytes;

  if (image == NULL)
    {
      /* The two caches start again apart: a look is made from its disc
       * and needs it no more. */
      if (*bytes > MAX_CACHE_BYTES)
        {
          g_hash_table_remove_all (cache);
          *bytes = 0;
        }
      image = draw_look (self, look);
      *bytes += (gsize) cairo_image_surface_get_stride (image->surface)
                * cairo_image_surface_get_height (image->surface);
      g_hash_table_insert (cache, g_memdup2 (look, sizeof *look), image);
    }
  return image;
}

/* The image of @sprite, with its top left in device px of a target whose
 * origin is the sprites'. */
static const Image *
place_sprite (MarzMarkerPainter      *self,
              const MarzMarkerSprite *sprite,
              int                     scale,
              int                    *left,
              int                    *top)
{
  double x = sprite->x * scale, y = sprite->y * scale;
  gboolean with_count = _marz_marker_style_shows_count (sprite->is_cluster, sprite->n_incidents);
  Look look = {
    .radius = round (sprite->radius * RADIUS_STEPS) / RADIUS_STEPS,
    .n_incidents = with_count ? sprite->n_incidents : 0,
    .type = sprite->is_cluster ? 0 : (guint8) sprite->type,
    .is_cluster = sprite->is_cluster != FALSE,
    .scale = (guint8) scale,
    .sub_x = (guint8) ((int) floor ((x - floor (x)) * SUBPIXELS) % SUBPIXELS),
    .sub_y = (guint8) ((int) floor ((y - floor (y)) * SUBPIXELS) % SUBPIXELS),
  };
  const Image *image = lookup (self, with_count ? self->images : self->discs, &look);

  *left = (int) floor (x) - image->half;
  *top = (int) floor (y) - image->half;
  return image;
}

MarzMarkerPainter *
marz_marker_painter_new (void)
{
  MarzMarkerPainter *self = g_new0 (MarzMarkerPainter, 1);

  self->font_map = pango_cairo_font_map_new ();
  self->images = g_hash_table_new_full (look_hash, look_equal, g_free, image_free);
  self->discs = g_hash_table_new_full (look_hash, look_equal, g_free, image_free);
  self->text_scale = 1.0;
  return self;
}

void
marz_marker_painter_free (MarzMarkerPainter *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->layout);
  g_clear_object (&self->font_map);
  g_hash_table_unref (self->images);
  g_hash_table_unref (self->discs);
  g_free (self);
}

/**
 * marz_marker_painter_paint:
 * @sprites: (array length=n_sprites): in the order to paint them (the
 *   last on top)
 * @width: @height: the image's size in logical px
 * @scale: device px per logical px
 *
 * Returns: (transfer full): a new ARGB32 image of @width × @height logical
 *   px, its device scale @scale, transparent but for the markers
 */
cairo_surface_t *
marz_marker_painter_paint (MarzMarkerPainter      *self,
                           const MarzMarkerSprite *sprites,
                           guint                   n_sprites,
                           int                     width,
                           int                     height,
                           int                     scale)
{
  cairo_surface_t *target;
  cairo_t *cr;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (sprites != NULL || n_sprites == 0, NULL);
  g_return_val_if_fail (width > 0 && height > 0 && scale >= 1 && scale <= 255, NULL);

  target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cr = cairo_create (target);
  for (guint i = 0; i < n_sprites; i++)
    {
      double reach = (sprites[i].radius + 2) * scale + 2;   /* more than an image's half */
      int left, top;
      const Image *image;

      /* Not even drawn, let alone kept, if it falls outside. */
      if (sprites[i].x * scale + reach <= 0 || sprites[i].y * scale + reach <= 0
          || sprites[i].x * scale - reach >= width * scale || sprites[i].y * scale - reach >= height * scale)
        continue;
      image = place_sprite (self, &sprites[i], scale, &left, &top);
      /* Whole device pixels: a plain copy, no filtering. */
      cairo_set_source_surface (cr, image->surface, left, top);
      cairo_paint (cr);
    }
  cairo_destroy (cr);
  cairo_surface_set_device_scale (target, scale, scale);
  return target;
}

/**
 * marz_marker_painter_set_text_scale:
 * @text_scale: the counts' size over the style's, as the desktop's text
 *   scaling asks (1.25 for GNOME's Large Text)
 *
 * The counts are drawn that much bigger from now on; the discs stay.
 */
void
marz_marker_painter_set_text_scale (MarzMarkerPainter *self,
                                    double             text_scale)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (text_scale >= 0.5 && text_scale <= 4.0);

  if (self->text_scale == text_scale)
    return;
  self->text_scale = text_scale;
  g_clear_object (&self->layout);
  g_hash_table_remove_all (self->images);
  self->image_bytes = 0;
}

/* How many looks the painter has drawn (not copied) since it was made. */
guint
marz_marker_painter_get_n_drawn (MarzMarkerPainter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_drawn;
}
