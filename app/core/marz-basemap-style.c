/* marz-basemap-style.c
 *
 * What the basemap looks like: a light, quiet map for reports.  Sea
 * blue-grey, Afghanistan and Pakistan off-white, their neighbours a shade
 * darker, thin grey borders, province boundaries from zoom 5, and the Durand
 * Line dashed dark on a light casing so it reads apart from every other
 * border.  Widths are in logical px and multiplied by the device scale, so a
 * 512 px tile looks like its 256 px twin.
 */
#define G_LOG_DOMAIN "marz-basemap"

#include "marz-basemap-private.h"

#include <math.h>

#define COLOR_BORDER   0xa19b92
#define COLOR_PROVINCE 0xc4bdb2
#define COLOR_RIVER    0x9dbcd4

/* Below this the country border says it all: the dashes would make a blot. */
#define DURAND_MIN_ZOOM 3

void
_marz_set_color (cairo_t *cr,
                 guint32  rgb,
                 double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

/* A width that grows a little with the zoom, from @lo at zoom 3 to @hi at 9. */
static double
width_for_zoom (const MarzView *view,
                double          lo,
                double          hi)
{
  double t = CLAMP ((view->zoom - 3) / 6, 0, 1);

  return (lo + t * (hi - lo)) * view->scale;
}

static gboolean
is_home (const MarzFeature *feature)
{
  return g_strcmp0 (feature->iso_a2, "AF") == 0 || g_strcmp0 (feature->iso_a2, "PK") == 0;
}

/* @except: (nullable): features wholly inside it are left out */
static void
fill_layer (MarzView        *view,
            const MarzLayer *layer,
            const MarzBox   *except)
{
  cairo_set_fill_rule (view->cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint i = 0; i < layer->features->len; i++)
    {
      const MarzFeature *feature = &g_array_index (layer->features, MarzFeature, i);

      if (except != NULL && _marz_box_contains (except, &feature->bbox))
        continue;
      _marz_view_add_polygon_path (view, layer, feature);
      _marz_set_color (view->cr, is_home (feature) ? MARZ_BASEMAP_COLOR_LAND : MARZ_BASEMAP_COLOR_NEIGHBOUR, 1);
      cairo_fill (view->cr);
    }
}

static void
outline_layer (MarzView              *view,
               const MarzLayer       *layer,
               const MarzOutlineSkip *skip,
               guint32                color,
               double                 width)
{
  for (guint i = 0; i < layer->features->len; i++)
    _marz_view_add_outline_path (view, layer, &g_array_index (layer->features, MarzFeature, i), skip);
  _marz_set_color (view->cr, color, 1);
  cairo_set_line_width (view->cr, width);
  cairo_set_line_join (view->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (view->cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (view->cr);
}

/* The coarse world fills in only outside the detailed region, so the two
 * coastlines never show side by side.  The region's edge is snapped to
 * whole pixels: no antialiased seam where the two meet.  Borders skip the
 * region's edges rather than stroke under the clip, three times slower. */
static void
draw_world (MarzBasemap *self,
            MarzView    *view)
{
  const MarzBox *r = self->countries ? &self->countries->bbox : NULL;
  MarzOutlineSkip inside = { r ? *r : (MarzBox) { 0 }, TRUE };
  cairo_t *cr = view->cr;

  cairo_save (cr);
  if (r != NULL)
    {
      double x0 = round ((r->x0 * view->world - view->origin_x) * view->scale);
      double y0 = round ((r->y0 * view->world - view->origin_y) * view->scale);
      double x1 = round ((r->x1 * view->world - view->origin_x) * view->scale);
      double y1 = round ((r->y1 * view->world - view->origin_y) * view->scale);
      const MarzBox *c = &view->clip;

      cairo_rectangle (cr, c->x0, c->y0, c->x1 - c->x0, c->y1 - c->y0);
      cairo_rectangle (cr, CLAMP (x0, c->x0, c->x1), CLAMP (y0, c->y0, c->y1),
                       CLAMP (x1, c->x0, c->x1) - CLAMP (x0, c->x0, c->x1),
                       CLAMP (y1, c->y0, c->y1) - CLAMP (y0, c->y0, c->y1));
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_clip (cr);
    }
  fill_layer (view, self->world, r);
  cairo_restore (cr);
  outline_layer (view, self->world, r ? &inside : NULL, COLOR_BORDER, width_for_zoom (view, 0.6, 1.0));
}

static void
draw_lines (MarzView        *view,
            const MarzLayer *layer,
            const double    *dashes,
            int              n_dashes)
{
  for (guint i = 0; i < layer->features->len; i++)
    _marz_view_stroke_lines (view, layer, &g_array_index (layer->features, MarzFeature, i), dashes, n_dashes);
}

static void
draw_durand (MarzBasemap *self,
             MarzView    *view)
{
  cairo_t *cr = view->cr;
  double width = width_for_zoom (view, 1.2, 2.2);
  double dashes[2] = { 4 * width, 2.2 * width };

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  _marz_set_color (cr, 0xffffff, 0.85);
  cairo_set_line_width (cr, width * 2.6);
  draw_lines (view, self->durand, NULL, 0);
  _marz_set_color (cr, MARZ_BASEMAP_COLOR_DURAND, 1);
  cairo_set_line_width (cr, width);
  draw_lines (view, self->durand, dashes, G_N_ELEMENTS (dashes));
}

static void
draw_rivers (MarzBasemap *self,
             MarzView    *view)
{
  cairo_set_line_cap (view->cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (view->cr, CAIRO_LINE_JOIN_ROUND);
  _marz_set_color (view->cr, COLOR_RIVER, 1);
  cairo_set_line_width (view->cr, width_for_zoom (view, 0.7, 1.5));
  draw_lines (view, self->rivers, NULL, 0);
}

static gboolean
cancelled (MarzView *view)
{
  return g_cancellable_is_cancelled (view->cancellable);
}

/**
 * _marz_basemap_draw:
 *
 * Draws every layer, bottom to top, into the view.
 *
 * Returns: %FALSE if the view's cancellable fired
 */
gboolean
_marz_basemap_draw (MarzBasemap *self,
                    MarzView    *view)
{
  _marz_set_color (view->cr, MARZ_BASEMAP_COLOR_SEA, 1);
  cairo_paint (view->cr);
  if (self->world != NULL)
    draw_world (self, view);
  if (self->countries != NULL)
    fill_layer (view, self->countries, NULL);
  if (cancelled (view))
    return FALSE;
  if (self->rivers != NULL && view->zoom >= 4)
    draw_rivers (self, view);
  if (self->provinces != NULL && view->zoom >= 5)
    outline_layer (view, self->provinces, NULL, COLOR_PROVINCE, width_for_zoom (view, 0.4, 0.8));
  if (self->countries != NULL)
    outline_layer (view, self->countries, &(MarzOutlineSkip) { self->countries->bbox, FALSE },
                   COLOR_BORDER, width_for_zoom (view, 0.6, 1.0));
  if (self->durand != NULL && view->zoom >= DURAND_MIN_ZOOM)
    draw_durand (self, view);
  if (cancelled (view))
    return FALSE;
  return _marz_view_draw_labels (view, self->labels);
}
