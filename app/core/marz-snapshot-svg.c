/* marz-snapshot-svg.c: an SVG figure whose text is text
 *
 * cairo 1.16's SVG surface writes text as glyph outlines (<symbol>/<use>):
 * the figure looks right but has no words to search, copy or translate.
 * So while a snapshot draws into an SVG surface, this sink hangs on its
 * cairo_t and every layout shown through _marz_show_layout() (the
 * furniture, the list, the number tags and the basemap's labels) comes here
 * instead: it becomes <text> elements, one a line, and in its place cairo
 * draws a marker, a rectangle over the text's ink in a colour nothing else
 * uses (red 100 % at opacity 0.01, the item's number in green and blue).
 * When cairo has finished the document, each marker's <path> is replaced by
 * its text: in cairo's drawing order and under the clip cairo gave the
 * marker, so a label stays under the markers and boxes drawn after it.
 * Text wholly outside the clip gets no marker (cairo would drop it); text
 * clearly inside must come back, or the write fails rather than ship a
 * figure with words missing.  Markers are found by their colour, in either
 * of cairo's syntaxes: 1.16's style="fill:rgb(100%,G%,B%);fill-opacity:0.01;"
 * and 1.17.2's fill="rgb(100%, G%, B%)" fill-opacity="0.01".
 */
#define G_LOG_DOMAIN "marz-snapshot"

#include "marz-snapshot-private.h"

#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "marz-basemap-private.h"

#define MAX_ITEMS      (1 << 16)   /* numbered in two 8-bit channels */

/* A drawing element, and in it a marker's colour and opacity in either syntax. */
#define ELEMENT_RE     "<(?:path|rect|polygon)\\b[^>]*>"
#define MARKER_FILL_RE "\\bfill\\s*(?::|=\\s*[\"'])\\s*rgb\\(\\s*100(?:\\.0*)?%\\s*,\\s*([0-9.]+)%\\s*," \
                       "\\s*([0-9.]+)%\\s*\\)"
#define MARKER_ALPHA_RE "\\bfill-opacity\\s*(?::|=\\s*[\"'])\\s*0*\\.010*\\s*[;\"']"

struct _MarzSnapshotSvg
{
  MarzTextSink  sink;             /* first: the sink is the object */

  /* owned */
  GString      *document;         /* what cairo writes */
  GPtrArray    *items;            /* char *: the <text> elements standing for marker n */
  GArray       *required;         /* gboolean: marker n is well inside the clip */
  char         *language;         /* the figure's, or NULL */
};

/* Styles --------------------------------------------------------------- */

typedef struct
{
  const PangoFontDescription *font;
  guint32                     rgb;
  double                      letter_spacing;   /* user units */
  double                      scale;            /* device units per user unit */
} Style;

static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.2f", fabs (value) < 0.005 ? 0 : value));
}

/* «Noto Sans,Noto Sans Arabic,Sans» as CSS: the PNG's fonts, in its order. */
static void
append_families (GString    *out,
                 const char *families)
{
  g_auto(GStrv) names = g_strsplit (families ? families : "Sans", ",", -1);

  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *name = g_markup_escape_text (g_strstrip (names[i]), -1);
      g_string_append (out, i ? ", " : "");
      if (g_ascii_strcasecmp (name, "sans") == 0 || g_ascii_strcasecmp (name, "sans-serif") == 0)
        g_string_append (out, "sans-serif");
      else if (strchr (name, ' ') && !strchr (name, '\''))
        g_string_append_printf (out, "'%s'", name);
      else
        g_string_append (out, name);
    }
}

static double
font_px (const PangoFontDescription *font)
{
  double size = (double) pango_font_description_get_size (font) / PANGO_SCALE;

  /* pangocairo lays out at 96 dpi unless told otherwise. */
  return pango_font_description_get_size_is_absolute (font) ? size : size * 96.0 / 72.0;
}

static void
append_style (GString     *out,
              const Style *style)
{
  PangoFontMask set = pango_font_description_get_set_fields (style->font);

  if (set & PANGO_FONT_MASK_FAMILY)
    {
      g_string_append (out, " font-family=\"");
      append_families (out, pango_font_description_get_family (style->font));
      g_string_append_c (out, '"');
    }
  if (set & PANGO_FONT_MASK_SIZE)
    {
      g_string_append (out, " font-size=\"");
      append_number (out, font_px (style->font) * style->scale);
      g_string_append_c (out, '"');
    }
  g_string_append_printf (out, " font-weight=\"%d\"", (int) pango_font_description_get_weight (style->font));
  if (pango_font_description_get_style (style->font) != PANGO_STYLE_NORMAL)
    g_string_append (out, " font-style=\"italic\"");
  if (style->letter_spacing != 0)
    {
      g_string_append (out, " letter-spacing=\"");
      append_number (out, style->letter_spacing * style->scale);
      g_string_append_c (out, '"');
    }
  g_string_append_printf (out, " fill=\"#%06x\"", style->rgb & 0xffffff);
}

/* The colour and spacing a run's attributes give, over the defaults. */
static void
style_from_attrs (Style  *style,
                  GSList *extra)
{
  for (GSList *l = extra; l; l = l->next)
    {
      PangoAttribute *attr = l->data;

      if (attr->klass->type == PANGO_ATTR_FOREGROUND)
        {
          PangoColor *c = &((PangoAttrColor *) attr)->color;
          style->rgb = ((guint32) (c->red >> 8) << 16) | ((guint32) (c->green >> 8) << 8) | (c->blue >> 8);
        }
      else if (attr->klass->type == PANGO_ATTR_LETTER_SPACING)
        style->letter_spacing = (double) ((PangoAttrInt *) attr)->value / PANGO_SCALE;
    }
}

static guint32
source_rgb (cairo_t *cr)
{
  double r = 0, g = 0, b = 0, a = 1;

  cairo_pattern_get_rgba (cairo_get_source (cr), &r, &g, &b, &a);
  return ((guint32) round (r * 255) << 16) | ((guint32) round (g * 255) << 8) | (guint32) round (b * 255);
}

/* Languages -------------------------------------------------------------- */

static gboolean
has_any (const char *text,
         gsize       length,
         const char *letters)
{
  for (const char *l = letters; *l; l = g_utf8_next_char (l))
    {
      char ch[8] = { 0 };
      memcpy (ch, l, g_utf8_next_char (l) - l);
      if (g_strstr_len (text, length, ch))
        return TRUE;
    }
  return FALSE;
}

/* Right-to-left text on these maps is Arabic, Persian (Dari) or Pashto:
 * told apart by the letters only one of them has, else the figure's. */
static const char *
rtl_language (MarzSnapshotSvg *svg,
              const char      *text,
              gsize            length)
{
  if (has_any (text, length, "ټډړږښګڼۍې"))
    return "ps";
  if (has_any (text, length, "پچژگکی"))
    return g_strcmp0 (svg->language, "ps") == 0 ? "ps" : "fa";
  if (has_any (text, length, "ةيىك"))
    return "ar";
  if (g_strcmp0 (svg->language, "fa") == 0 || g_strcmp0 (svg->language, "ps") == 0)
    return svg->language;
  return "ar";
}

/* Lines --------------------------------------------------------------------- */

typedef struct
{
  PangoLayout     *layout;
  PangoLayoutLine *line;
  double           x, y;           /* device units: the line's start edge, on its baseline */
  Style            style;
  double           halo;           /* user units */
} Line;

static void
append_span (GString    *out,
             const char *text,
             int         start,
             int         end)
{
  g_autofree char *escaped = g_markup_escape_text (text + start, end - start);

  g_string_append (out, escaped);
}

/* Markup (the list's entries) changes the style within a line: a <tspan>
 * for each run of attributes that differs from the line's. */
static void
append_spans (GString    *out,
              const Line *l,
              int         start,
              int         end)
{
  PangoAttrList *attrs = pango_layout_get_attributes (l->layout);
  const char *text = pango_layout_get_text (l->layout);
  g_autoptr(GString) base = g_string_new (NULL);
  g_autoptr(GString) own = g_string_new (NULL);
  PangoAttrIterator *it;

  if (attrs == NULL)
    {
      append_span (out, text, start, end);
      return;
    }
  append_style (base, &l->style);
  it = pango_attr_list_get_iterator (attrs);
  do
    {
      PangoFontDescription *font = pango_font_description_copy (l->style.font);
      GSList *extra = NULL;
      Style style = l->style;
      int s, e;

      pango_attr_iterator_range (it, &s, &e);
      s = MAX (s, start), e = MIN (e, end);
      if (s < e)
        {
          pango_attr_iterator_get_font (it, font, NULL, &extra);
          style.font = font;
          style_from_attrs (&style, extra);
          g_string_truncate (own, 0);
          append_style (own, &style);
          if (g_string_equal (own, base))
            append_span (out, text, s, e);
          else
            {
              g_string_append_printf (out, "<tspan%s>", own->str);
              append_span (out, text, s, e);
              g_string_append (out, "</tspan>");
            }
        }
      g_slist_free_full (extra, (GDestroyNotify) pango_attribute_destroy);
      pango_font_description_free (font);
    }
  while (pango_attr_iterator_next (it));
  pango_attr_iterator_destroy (it);
}

/* An RTL line is placed by its right edge, where pango placed it: with
 * direction="rtl", the start of the text is its right end. */
static void
append_line (MarzSnapshotSvg *svg,
             GString         *out,
             const Line      *l)
{
  const char *text = pango_layout_get_text (l->layout);
  int start = l->line->start_index, end = start + l->line->length;
  gboolean rtl = l->line->resolved_dir == PANGO_DIRECTION_RTL;

  while (end > start && g_ascii_isspace (text[end - 1]))
    end--;
  while (start < end && g_ascii_isspace (text[start]))
    start++;
  if (start == end)
    return;
  g_string_append (out, "<text x=\"");
  append_number (out, l->x);
  g_string_append (out, "\" y=\"");
  append_number (out, l->y);
  g_string_append_printf (out, "\" xml:lang=\"%s\"%s", rtl ? rtl_language (svg, text + start, end - start) : "en",
                          rtl ? " direction=\"rtl\" unicode-bidi=\"embed\" text-anchor=\"start\"" : "");
  append_style (out, &l->style);
  if (l->halo > 0)
    {
      g_string_append (out, " stroke=\"#ffffff\" stroke-width=\"");
      append_number (out, 2 * l->halo * l->style.scale);
      g_string_append (out, "\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
    }
  g_string_append_c (out, '>');
  append_spans (out, l, start, end);
  g_string_append (out, "</text>\n");
}

static char *
layout_to_svg (MarzSnapshotSvg *svg,
               cairo_t         *cr,
               PangoLayout     *layout,
               double           halo)
{
  GString *out = g_string_new (NULL);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  const PangoFontDescription *font = pango_layout_get_font_description (layout);
  g_autoptr(PangoFontDescription) fallback = NULL;
  double ox = 0, oy = 0, sx = 1, sy = 0;

  if (font == NULL)
    font = fallback = pango_font_description_copy (pango_context_get_font_description (pango_layout_get_context (layout)));
  cairo_get_current_point (cr, &ox, &oy);
  cairo_user_to_device_distance (cr, &sx, &sy);
  do
    {
      PangoRectangle logical;
      Line l = { layout, pango_layout_iter_get_line_readonly (iter), 0, 0,
                 { font, source_rgb (cr), 0, hypot (sx, sy) }, halo };

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      l.x = ox + (double) (l.line->resolved_dir == PANGO_DIRECTION_RTL ? logical.x + logical.width : logical.x) / PANGO_SCALE;
      l.y = oy + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      cairo_user_to_device (cr, &l.x, &l.y);
      append_line (svg, out, &l);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return g_string_free (out, FALSE);
}

/* Over the text's ink (and halo), so that cairo clips and culls the marker
 * as it would have the glyphs. */
static void
marker_box (cairo_t     *cr,
            PangoLayout *layout,
            double       halo,
            MarzBox     *box)
{
  PangoRectangle ink, logical;
  double x = 0, y = 0;

  pango_layout_get_pixel_extents (layout, &ink, &logical);
  if (ink.width <= 0 || ink.height <= 0)
    ink = logical;
  cairo_get_current_point (cr, &x, &y);
  box->x0 = x + ink.x - halo;
  box->y0 = y + ink.y - halo;
  box->x1 = box->x0 + MAX (ink.width, 1) + 2 * halo;
  box->y1 = box->y0 + MAX (ink.height, 1) + 2 * halo;
}

/* How much of @box the clip leaves, across and down (user units). */
static void
visible_size (cairo_t       *cr,
              const MarzBox *box,
              double        *width,
              double        *height)
{
  double x1, y1, x2, y2;

  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
  *width = MIN (box->x1, x2) - MAX (box->x0, x1);
  *height = MIN (box->y1, y2) - MAX (box->y0, y1);
}

static void
draw_marker (cairo_t       *cr,
             const MarzBox *box,
             guint          number)
{
  gboolean had_point = cairo_has_current_point (cr);
  double x = 0, y = 0;

  cairo_get_current_point (cr, &x, &y);
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, box->x0, box->y0, box->x1 - box->x0, box->y1 - box->y0);
  cairo_set_source_rgba (cr, 1, ((number >> 8) & 0xff) / 255.0, (number & 0xff) / 255.0, 0.01);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_fill (cr);
  cairo_restore (cr);
  if (had_point)
    cairo_move_to (cr, x, y);
}

static void
show_layout (MarzTextSink *sink,
             cairo_t      *cr,
             PangoLayout  *layout,
             double        halo)
{
  MarzSnapshotSvg *svg = (MarzSnapshotSvg *) sink;
  guint number = svg->items->len;
  gboolean required;
  double width, height;
  MarzBox box;

  if (number >= MAX_ITEMS)
    {
      /* Beyond what a marker can number: outlines, but drawn. */
      pango_cairo_show_layout (cr, layout);
      return;
    }
  marker_box (cr, layout, halo, &box);
  visible_size (cr, &box, &width, &height);
  if (width <= 0 || height <= 0)
    return;
  /* Barely inside, cairo may or may not have kept it. */
  required = width >= 1 && height >= 1;
  g_ptr_array_add (svg->items, layout_to_svg (svg, cr, layout, halo));
  g_array_append_val (svg->required, required);
  draw_marker (cr, &box, number);
}

/* The document ---------------------------------------------------------- */

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The number a marker's colour carries, if @element is a marker. */
static gboolean
marker_number (const char *element,
               gsize       length,
               guint      *number)
{
  static GRegex *fill_re, *alpha_re;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *g = NULL, *b = NULL;

  if (g_once_init_enter (&fill_re))
    {
      alpha_re = g_regex_new (MARKER_ALPHA_RE, G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&fill_re, g_regex_new (MARKER_FILL_RE, G_REGEX_OPTIMIZE, 0, NULL));
    }
  if (!g_regex_match_full (alpha_re, element, length, 0, 0, NULL, NULL) ||
      !g_regex_match_full (fill_re, element, length, 0, 0, &match, NULL))
    return FALSE;
  g = g_match_info_fetch (match, 1);
  b = g_match_info_fetch (match, 2);
  *number = ((guint) round (g_ascii_strtod (g, NULL) * 2.55) << 8) | (guint) round (g_ascii_strtod (b, NULL) * 2.55);
  return TRUE;
}

/**
 * _marz_snapshot_svg_replace:
 * @document: an SVG as cairo wrote it
 * @texts: (element-type utf8): what marker n stands for
 * @required: (nullable): whether marker n must be found (%NULL: all must)
 * @path: the file, for the error
 *
 * Returns: (transfer full): @document with each marker replaced by its text,
 * or %NULL if a marker is not one of @texts or a required text has no marker.
 */
char *
_marz_snapshot_svg_replace (const char  *document,
                            GPtrArray   *texts,
                            GArray      *required,
                            const char  *path,
                            GError     **error)
{
  static GRegex *element_re;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree gboolean *placed = g_new0 (gboolean, texts->len + 1);
  const char *p = document;
  guint missing = 0;

  if (g_once_init_enter (&element_re))
    g_once_init_leave (&element_re, g_regex_new (ELEMENT_RE, G_REGEX_OPTIMIZE, 0, NULL));
  for (g_regex_match (element_re, document, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      int start, end;
      guint n;

      g_match_info_fetch_pos (match, 0, &start, &end);
      if (!marker_number (document + start, end - start, &n))
        continue;
      if (n >= texts->len || placed[n])
        {
          g_set_error (error, MARZ_SNAPSHOT_ERROR, MARZ_SNAPSHOT_ERROR_FAILED,
                       _("Cannot write “%s”: the SVG has a text marker (%u) that stands for no text"), path, n);
          return NULL;
        }
      placed[n] = TRUE;
      g_string_append_len (out, p, document + start - p);
      g_string_append (out, g_ptr_array_index (texts, n));
      p = document + end;
    }
  g_string_append (out, p);
  for (guint n = 0; n < texts->len; n++)
    missing += !placed[n] && (required == NULL || g_array_index (required, gboolean, n));
  if (missing > 0)
    {
      g_set_error (error, MARZ_SNAPSHOT_ERROR, MARZ_SNAPSHOT_ERROR_FAILED,
                   g_dngettext (GETTEXT_PACKAGE, "Cannot write “%s”: %u text of the figure is missing from the SVG",
                                "Cannot write “%s”: %u texts of the figure are missing from the SVG", missing),
                   path, missing);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

MarzSnapshotSvg *
_marz_snapshot_svg_new (const char *language)
{
  MarzSnapshotSvg *svg = g_new0 (MarzSnapshotSvg, 1);

  svg->sink.show_layout = show_layout;
  svg->document = g_string_new (NULL);
  svg->items = g_ptr_array_new_with_free_func (g_free);
  svg->required = g_array_new (FALSE, FALSE, sizeof (gboolean));
  svg->language = g_strdup (language);
  return svg;
}

void
_marz_snapshot_svg_free (MarzSnapshotSvg *svg)
{
  g_string_free (svg->document, TRUE);
  g_ptr_array_unref (svg->items);
  g_array_unref (svg->required);
  g_free (svg->language);
  g_free (svg);
}

/* In px, 1:1 with the figure. */
cairo_surface_t *
_marz_snapshot_svg_create_surface (MarzSnapshotSvg *svg,
                                   double           width,
                                   double           height)
{
  cairo_surface_t *surface = cairo_svg_surface_create_for_stream (append_cb, svg->document, width, height);

  cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  return surface;
}

/* The sink lives as long as @svg: detach it (cairo_destroy) before freeing. */
void
_marz_snapshot_svg_attach (MarzSnapshotSvg *svg,
                           cairo_t         *cr)
{
  cairo_set_user_data (cr, &_marz_text_sink_key, &svg->sink, NULL);
}

/**
 * _marz_snapshot_svg_write:
 *
 * Writes the finished document with each marker replaced by its text; fails
 * rather than write a figure whose text went missing.
 */
gboolean
_marz_snapshot_svg_write (MarzSnapshotSvg  *svg,
                          MarzOutput       *output,
                          GError          **error)
{
  g_autofree char *document = _marz_snapshot_svg_replace (svg->document->str, svg->items, svg->required,
                                                          marz_output_get_path (output), error);

  return document != NULL && marz_output_write (output, document, strlen (document), error);
}
