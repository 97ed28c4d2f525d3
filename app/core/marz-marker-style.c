/* marz-marker-style.c */
#define G_LOG_DOMAIN "marz-marker-style"

#include "marz-marker-style.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "marz-basemap-private.h"
#include "marz-marker-style-private.h"

/* Violence in warm hues, diplomacy in cool ones; neighbours in the enum
 * differ in lightness too, so the legend still reads in grey. */
static const guint32 type_colors[MARZ_N_INCIDENT_TYPES] = {
  0xc0392b,   /* airstrike */
  0xe67e22,   /* shelling */
  0x8e44ad,   /* clash */
  0x7b241c,   /* attack */
  0xd4ac0d,   /* explosion */
  0x1e8449,   /* ceasefire */
  0x2471a3,   /* talks */
  0x566573,   /* closure */
  0x5dade2,   /* statement */
};

static MarzRgb
rgb_from_hex (guint32 hex)
{
  return (MarzRgb) {
    ((hex >> 16) & 0xff) / 255.0,
    ((hex >> 8) & 0xff) / 255.0,
    (hex & 0xff) / 255.0,
  };
}

MarzRgb
marz_marker_style_type_color (MarzIncidentType type)
{
  g_return_val_if_fail (type < MARZ_N_INCIDENT_TYPES, rgb_from_hex (0));
  return rgb_from_hex (type_colors[type]);
}

MarzRgb
marz_marker_style_cluster_color (void)
{
  return rgb_from_hex (0x34495e);
}

/* Grows with the logarithm: a place with 500 dead must not hide its
 * neighbours, and one with none must still be easy to hit. */
double
marz_marker_style_place_radius (guint  n_incidents,
                                gint64 casualties)
{
  double r = 8.0 + 2.0 * log2 (MAX (n_incidents, 1));

  if (casualties > 0)
    r += 2.5 * log2 (1.0 + casualties);
  return MIN (r, 24.0);
}

double
marz_marker_style_cluster_radius (guint64 n_incidents)
{
  return MIN (13.0 + 4.0 * log10 (MAX (n_incidents, 1)), 30.0);
}

/* The outline of a marker: a disc, or a square with corners of @corner. */
static void
marker_path (cairo_t *cr,
             double   x,
             double   y,
             double   radius,
             double   corner)
{
  double x0 = x - radius, y0 = y - radius, x1 = x + radius, y1 = y + radius;

  if (corner >= radius)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x1 - corner, y0 + corner, corner, -G_PI / 2, 0);
  cairo_arc (cr, x1 - corner, y1 - corner, corner, 0, G_PI / 2);
  cairo_arc (cr, x0 + corner, y1 - corner, corner, G_PI / 2, G_PI);
  cairo_arc (cr, x0 + corner, y0 + corner, corner, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The counts' font, @text_scale times the style's size: parsed once, not
 * again for every marker. */
PangoFontDescription *
_marz_marker_style_new_count_font (double text_scale)
{
  static PangoFontDescription *font;
  PangoFontDescription *copy;

  if (g_once_init_enter (&font))
    g_once_init_leave (&font, pango_font_description_from_string ("Noto Sans,Sans Bold 11px"));
  copy = pango_font_description_copy (font);
  if (text_scale != 1.0)
    pango_font_description_set_absolute_size (copy, pango_font_description_get_size (font) * text_scale);
  return copy;
}

/* The count in white, centred.  @layout: one to reuse (its font set), or
 * NULL for a new one with the counts' font @text_scale times as big. */
static void
draw_count (cairo_t     *cr,
            double       x,
            double       y,
            guint64      count,
            PangoLayout *layout,
            double       text_scale)
{
  char text[24];
  int w, h;

  g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT, count);
  if (layout == NULL)
    {
      PangoFontDescription *font = _marz_marker_style_new_count_font (text_scale);

      layout = pango_cairo_create_layout (cr);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
    }
  else
    {
      g_object_ref (layout);
      pango_cairo_update_layout (cr, layout);
    }
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, x - w / 2.0, y - h / 2.0);
  _marz_show_layout (cr, layout, 0);   /* an SVG keeps the count as text */
  g_object_unref (layout);
}

static void
draw_marker (cairo_t *cr,
             double   x,
             double   y,
             double   radius,
             double   corner,
             MarzRgb  fill)
{
  cairo_save (cr);
  marker_path (cr, x, y, radius, corner);
  cairo_set_source_rgba (cr, fill.red, fill.green, fill.blue, 0.92);
  cairo_fill (cr);
  /* GTK draws the border inside the outline. */
  marker_path (cr, x, y, radius - MARZ_MARKER_STYLE_BORDER / 2, MAX (corner - MARZ_MARKER_STYLE_BORDER / 2, 0));
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, MARZ_MARKER_STYLE_BORDER);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
_marz_marker_style_draw_disc (cairo_t          *cr,
                              double            x,
                              double            y,
                              double            radius,
                              gboolean          is_cluster,
                              MarzIncidentType  type)
{
  if (is_cluster)
    draw_marker (cr, x, y, radius, radius, marz_marker_style_cluster_color ());
  else if (marz_incident_type_get_category (type) == MARZ_CATEGORY_DIPLOMACY)
    /* Corners of a fifth of the size, as marz-marker.c rounds them. */
    draw_marker (cr, x, y, radius, 2 * radius / 5, marz_marker_style_type_color (type));
  else
    draw_marker (cr, x, y, radius, radius, marz_marker_style_type_color (type));
}

gboolean
_marz_marker_style_shows_count (gboolean is_cluster,
                                guint64  n_incidents)
{
  return n_incidents > (is_cluster ? 0 : 1);
}

void
_marz_marker_style_draw_count (cairo_t     *cr,
                               double       x,
                               double       y,
                               guint64      n_incidents,
                               PangoLayout *layout)
{
  draw_count (cr, x, y, n_incidents, layout, 1.0);
}

void
marz_marker_style_draw_place (cairo_t          *cr,
                              double            x,
                              double            y,
                              double            radius,
                              MarzIncidentType  type,
                              guint64           n_incidents)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (type < MARZ_N_INCIDENT_TYPES);

  marz_marker_style_draw (cr, x, y, radius, FALSE, type, n_incidents, 1.0);
}

void
marz_marker_style_draw_cluster (cairo_t *cr,
                                double   x,
                                double   y,
                                double   radius,
                                guint64  n_incidents)
{
  g_return_if_fail (cr != NULL);

  marz_marker_style_draw (cr, x, y, radius, TRUE, 0, n_incidents, 1.0);
}

/**
 * marz_marker_style_draw:
 * @type: a place's main type; unused for a cluster
 * @text_scale: the count's size over the style's (the desktop's text
 *   scaling: GNOME's Large Text is 1.25)
 *
 * As marz_marker_style_draw_place() or _cluster(), for the window.
 */
void
marz_marker_style_draw (cairo_t          *cr,
                        double            x,
                        double            y,
                        double            radius,
                        gboolean          is_cluster,
                        MarzIncidentType  type,
                        guint64           n_incidents,
                        double            text_scale)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (is_cluster || type < MARZ_N_INCIDENT_TYPES);
  g_return_if_fail (text_scale > 0);

  _marz_marker_style_draw_disc (cr, x, y, radius, is_cluster, type);
  if (_marz_marker_style_shows_count (is_cluster, n_incidents))
    draw_count (cr, x, y, n_incidents, NULL, text_scale);
}
