/* marz-snapshot-furniture.c: what a figure has besides the map
 *
 * Each piece sits over the map, in a white box of its own, inside the map's
 * frame: the title, subtitle and filters at the top left, the north arrow at
 * the top right, the legend at the bottom left and the scale bar at the
 * bottom right, above a strip with the attribution.  Text is pango (Arabic
 * and Persian shaped, mixed directions ordered); sizes are px at 96 dpi,
 * grown for large figures so a poster's furniture still reads.  In an
 * Arabic, Persian or Pashto figure the furniture is mirrored: the title at
 * the top right, the north arrow at the top left, the legend's swatches on
 * its right and every text flush right.
 */
#define G_LOG_DOMAIN "marz-snapshot"

#include "marz-snapshot-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "marz-basemap-private.h"
#include "marz-labels.h"
#include "marz-language.h"
#include "marz-marker-style.h"
#include "marz-mercator.h"

#define MARGIN   14.0    /* from the frame's edge to a box */
#define PAD      8.0     /* inside a box */
#define EARTH_CIRCUMFERENCE 40075016.686   /* m, at the equator, as Web Mercator takes it */

typedef struct
{
  MarzSnapshot      *self;
  MarzSnapshotFrame *frame;
  cairo_t           *cr;
  double             unit;      /* furniture px per px: 1, more on big figures */
  double             bottom;    /* the top of the attribution strip */
  double             title_bottom;
  gboolean           rtl;       /* the figure reads right to left */
  GArray            *boxes;     /* (nullable) MarzBox: where the boxes went */
} Furniture;

/* Helpers shared with the list --------------------------------------------- */

PangoLayout *
_marz_snapshot_layout_new (cairo_t    *cr,
                           const char *font,
                           const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();
  PangoFontDescription *desc = pango_font_description_from_string (font);

  /* Unhinted metrics: the figure lays out the same at every resolution. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  pango_cairo_context_set_font_options (context, options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);
  cairo_font_options_destroy (options);
  return layout;
}

gboolean
_marz_snapshot_is_rtl (MarzSnapshot *self)
{
  return self->language != NULL && marz_language_is_rtl (self->language);
}

/* Flushes @layout's lines to the right in a right-to-left figure, to the
 * left otherwise, whatever the direction of its own text: each paragraph
 * keeps its direction (an untranslated "Airstrike (5)" must not become
 * "(Airstrike (5"), and pango mirrors the alignment of an RTL one.  The
 * first paragraph's direction decides for the layout. */
void
_marz_snapshot_layout_flush (PangoLayout *layout,
                             gboolean     rtl)
{
  gboolean text_rtl = pango_layout_get_line_readonly (layout, 0)->resolved_dir == PANGO_DIRECTION_RTL;

  pango_layout_set_alignment (layout, rtl == text_rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
}

/* «1–3, 7, 9»: runs of consecutive numbers, at most @max_runs, then «…». */
char *
_marz_snapshot_format_numbers (GArray *numbers,
                               guint   max_runs)
{
  GString *text;
  guint runs = 0;

  if (numbers == NULL || numbers->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < numbers->len; )
    {
      guint first = g_array_index (numbers, guint, i), last = first, j = i + 1;

      while (j < numbers->len && g_array_index (numbers, guint, j) <= last + 1)
        last = g_array_index (numbers, guint, j++);
      if (runs++ == max_runs)
        {
          g_string_append (text, ", …");
          break;
        }
      g_string_append_printf (text, "%s%u", i ? ", " : "", first);
      if (last > first)
        g_string_append_printf (text, "%s%u", last == first + 1 ? ", " : "–", last);
      i = j;
    }
  return g_string_free (text, FALSE);
}

/* Boxes --------------------------------------------------------------------- */

static char *
font (Furniture  *f,
      const char *style,
      double      px)
{
  char size[G_ASCII_DTOSTR_BUF_SIZE];

  /* Not printf: in a comma-decimal locale «22,0px» is a size pango cannot read. */
  return g_strdup_printf ("%s %s %spx", MARZ_SNAPSHOT_FONT, style,
                          g_ascii_formatd (size, sizeof size, "%.1f", px * f->unit));
}

/* Where a box @w wide at @x goes: mirrored across the map in an RTL figure. */
static double
mirror (Furniture *f,
        double     x,
        double     w)
{
  return f->rtl ? 2 * f->frame->map_x + f->frame->map_width - x - w : x;
}

static void
record_box (Furniture *f,
            double     x,
            double     y,
            double     w,
            double     h)
{
  MarzBox box = { x, y, x + w, y + h };

  if (f->boxes != NULL)
    g_array_append_val (f->boxes, box);
}

static void
draw_box (Furniture *f,
          double     x,
          double     y,
          double     w,
          double     h)
{
  cairo_t *cr = f->cr;

  record_box (f, x, y, w, h);
  cairo_rectangle (cr, x, y, w, h);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
show_layout (Furniture   *f,
             PangoLayout *layout,
             double       x,
             double       y,
             guint32      rgb)
{
  cairo_set_source_rgb (f->cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
  cairo_move_to (f->cr, x, y);
  _marz_show_layout (f->cr, layout, 0);
}

/* Title, subtitle, filters --------------------------------------------------- */

static void
append_part (GString    *text,
             const char *part)
{
  g_string_append_printf (text, "%s%s", text->len ? " · " : "", part);
}

static void
append_range (Furniture *f,
              GString   *text)
{
  const MarzIncidentFilter *filter = &f->self->filter;
  GPtrArray *shown = f->frame->shown;
  const char *first = NULL, *last = NULL;
  g_autofree char *a = NULL, *b = NULL;

  for (guint i = 0; i < shown->len; i++)
    {
      const MarzIncident *incident = g_ptr_array_index (shown, i);
      if (incident->date == NULL)
        continue;
      first = first ? first : incident->date;
      last = incident->date;
    }
  a = marz_labels_date (filter->from ? filter->from : first, MARZ_DATE_PRECISION_DAY);
  b = marz_labels_date (filter->to ? filter->to : last, MARZ_DATE_PRECISION_DAY);
  if (filter->from || filter->to || first)
    {
      /* Translators: the dates a figure covers, «9 October 2025 – 24 November 2025» */
      g_autofree char *range = g_strdup_printf (_("%s – %s"), a, b);
      append_part (text, range);
    }
}

static char *
filters_text (Furniture *f)
{
  const MarzIncidentFilter *filter = &f->self->filter;
  GString *text = g_string_new (NULL);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u incident", "%u incidents",
                                                         f->frame->shown->len), f->frame->shown->len);

  append_range (f, text);
  append_part (text, count);
  if (filter->type >= 0 && filter->type < MARZ_N_INCIDENT_TYPES)
    {
      /* Translators: a filter of a figure, «only Airstrike» */
      g_autofree char *only = g_strdup_printf (_("only %s"), marz_labels_incident_type (filter->type));
      append_part (text, only);
    }
  if (filter->place_id)
    {
      /* Translators: a filter of a figure, «in kunar» (a gazetteer id) */
      g_autofree char *in = g_strdup_printf (_("in %s"), filter->place_id);
      append_part (text, in);
    }
  if (filter->language)
    {
      /* Translators: a filter of a figure, «reported in Persian» */
      g_autofree char *lang = g_strdup_printf (_("reported in %s"), marz_language_get_name (filter->language, NULL));
      append_part (text, lang);
    }
  if (filter->hide_diplomacy)
    append_part (text, _("diplomacy hidden"));
  return g_string_free (text, FALSE);
}

static void
draw_title (Furniture *f)
{
  MarzSnapshot *self = f->self;
  const char *lines[3] = { NULL };
  const char *styles[3] = { "Bold", "", "" };
  double sizes[3] = { 22, 15, 12 };
  guint32 colors[3] = { 0x1d1b18, 0x3d3934, 0x5c5750 };
  g_autofree char *filters = NULL;
  PangoLayout *layouts[3] = { NULL };
  double max_w = f->frame->map_width - 2 * MARGIN * f->unit - 2 * PAD * f->unit - 140 * f->unit;
  double w = 0, h = 0, x, y;

  if (self->furniture & MARZ_SNAPSHOT_TITLE)
    lines[0] = self->title, lines[1] = self->subtitle;
  if (self->furniture & MARZ_SNAPSHOT_FILTERS)
    lines[2] = filters = filters_text (f);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *desc = font (f, styles[i], sizes[i]);
      int lw, lh;

      if (lines[i] == NULL)
        continue;
      layouts[i] = _marz_snapshot_layout_new (f->cr, desc, lines[i]);
      pango_layout_get_pixel_size (layouts[i], &lw, &lh);
      if (lw > MAX (max_w, 100))
        {
          pango_layout_set_width (layouts[i], (int) (MAX (max_w, 100) * PANGO_SCALE));
          pango_layout_set_wrap (layouts[i], PANGO_WRAP_WORD_CHAR);
          pango_layout_get_pixel_size (layouts[i], &lw, &lh);
        }
      w = MAX (w, lw), h += lh + (h > 0 ? 2 * f->unit : 0);
    }
  if (h == 0)
    return;
  x = mirror (f, f->frame->map_x + MARGIN * f->unit, w + 2 * PAD * f->unit);
  y = f->frame->map_y + MARGIN * f->unit;
  draw_box (f, x, y, w + 2 * PAD * f->unit, h + 2 * PAD * f->unit);
  f->title_bottom = y + h + 2 * PAD * f->unit;
  y += PAD * f->unit;
  for (guint i = 0; i < 3; i++)
    {
      int lw, lh;
      if (layouts[i] == NULL)
        continue;
      /* Flush the lines to the figure's start side. */
      pango_layout_set_width (layouts[i], (int) (w * PANGO_SCALE));
      _marz_snapshot_layout_flush (layouts[i], f->rtl);
      show_layout (f, layouts[i], x + PAD * f->unit, y, colors[i]);
      pango_layout_get_pixel_size (layouts[i], &lw, &lh);
      y += lh + 2 * f->unit;
      g_object_unref (layouts[i]);
    }
}

/* Attribution ------------------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static char *
attribution_text (Furniture *f)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (_("Basemap: Natural Earth (public domain) · Places: GeoNames (CC BY 4.0)"));

  for (guint i = 0; i < f->frame->shown->len; i++)
    {
      MarzIncident *incident = g_ptr_array_index (f->frame->shown, i);
      for (guint r = 0; r < incident->reports->len; r++)
        {
          MarzReport *report = g_ptr_array_index (incident->reports, r);
          const char *source = f->self->sources ? g_hash_table_lookup (f->self->sources, report->article) : NULL;
          source = source ? source : report->article;
          if (g_hash_table_add (seen, (gpointer) source))
            g_ptr_array_add (sources, (gpointer) source);
        }
    }
  g_ptr_array_sort (sources, compare_strings);
  if (sources->len > 0)
    {
      g_autofree char *joined = NULL;
      g_autofree char *isolated = NULL;
      g_ptr_array_add (sources, NULL);
      /* Each name isolated: Arabic and Persian names must not run into each other. */
      joined = g_strjoinv ("\u2069, \u2068", (char **) sources->pdata);
      isolated = g_strdup_printf ("\u2068%s\u2069", joined);
      /* Translators: the news sources of a figure's incidents, after the basemap's */
      g_string_append_printf (text, _(" · Incidents: Marz, from reports by %s"), isolated);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
draw_attribution (Furniture *f)
{
  g_autofree char *text = attribution_text (f);
  g_autofree char *desc = font (f, "", 10);
  g_autoptr(PangoLayout) layout = _marz_snapshot_layout_new (f->cr, desc, text);
  double pad = 3 * f->unit;
  int w, h;

  pango_layout_set_width (layout, (int) ((f->frame->map_width - 2 * pad) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  _marz_snapshot_layout_flush (layout, f->rtl);
  pango_layout_get_pixel_size (layout, &w, &h);
  f->bottom = f->frame->map_y + f->frame->map_height - h - 2 * pad;
  record_box (f, f->frame->map_x, f->bottom, f->frame->map_width, h + 2 * pad);
  cairo_rectangle (f->cr, f->frame->map_x, f->bottom, f->frame->map_width, h + 2 * pad);
  cairo_set_source_rgba (f->cr, 1, 1, 1, 0.85);
  cairo_fill (f->cr);
  show_layout (f, layout, f->frame->map_x + pad, f->bottom + pad, 0x3d3934);
}

/* Legend ----------------------------------------------------------------- */

typedef struct
{
  int              kind;       /* 0 a type's marker, 1 a cluster, 2 a province */
  MarzIncidentType type;
  char            *label;
} LegendEntry;

static void
legend_entry_clear (LegendEntry *entry)
{
  g_free (entry->label);
}

static GArray *
legend_entries (Furniture *f)
{
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  guint counts[MARZ_N_INCIDENT_TYPES] = { 0 };
  gboolean clusters = FALSE;

  g_array_set_clear_func (entries, (GDestroyNotify) legend_entry_clear);
  for (guint i = 0; i < f->frame->shown->len; i++)
    counts[((MarzIncident *) g_ptr_array_index (f->frame->shown, i))->type]++;
  for (guint i = 0; i < f->frame->marks->len; i++)
    {
      const MarzSnapshotMark *mark = &g_array_index (f->frame->marks, MarzSnapshotMark, i);
      /* Only what is in the map: not a marker in the margin around it. */
      clusters |= mark->is_cluster && mark->x >= f->frame->map_x && mark->y >= f->frame->map_y
                  && mark->x <= f->frame->map_x + f->frame->map_width
                  && mark->y <= f->frame->map_y + f->frame->map_height;
    }
  for (guint t = 0; t < MARZ_N_INCIDENT_TYPES; t++)
    if ((f->frame->types_shown & (1u << t)) || counts[t] > 0)
      {
        LegendEntry entry = { 0, t, g_strdup_printf ("%s (%u)", marz_labels_incident_type (t), counts[t]) };
        g_array_append_val (entries, entry);
      }
  if (clusters)
    {
      LegendEntry entry = { 1, 0, g_strdup (_("Several places (number of incidents)")) };
      g_array_append_val (entries, entry);
    }
  if (f->frame->outlines && f->frame->outlines->len > 0)
    {
      LegendEntry entry = { 2, 0, g_strdup (_("Province with incidents of its own")) };
      g_array_append_val (entries, entry);
    }
  return entries;
}

static void
draw_swatch (Furniture         *f,
             const LegendEntry *entry,
             double             x,
             double             y)
{
  double r = 7 * f->unit;
  MarzRgb rgb;

  switch (entry->kind)
    {
    case 0:
      marz_marker_style_draw_place (f->cr, x, y, r, entry->type, 1);
      break;
    case 1:
      marz_marker_style_draw_cluster (f->cr, x, y, r + 2 * f->unit, 0);
      break;
    default:
      rgb = marz_marker_style_type_color (MARZ_INCIDENT_AIRSTRIKE);
      cairo_rectangle (f->cr, x - r, y - r * 0.7, 2 * r, 1.4 * r);
      cairo_set_source_rgba (f->cr, rgb.red, rgb.green, rgb.blue, 0.10);
      cairo_fill_preserve (f->cr);
      cairo_set_source_rgba (f->cr, rgb.red, rgb.green, rgb.blue, 0.9);
      cairo_set_line_width (f->cr, 2);
      cairo_stroke (f->cr);
      break;
    }
}

static guint
marks_under (Furniture *f,
             double     x,
             double     y,
             double     w,
             double     h)
{
  guint n = 0;

  for (guint i = 0; i < f->frame->marks->len; i++)
    {
      const MarzSnapshotMark *mark = &g_array_index (f->frame->marks, MarzSnapshotMark, i);
      n += mark->x + mark->radius > x && mark->x - mark->radius < x + w
        && mark->y + mark->radius > y && mark->y - mark->radius < y + h;
    }
  return n;
}

/* The bottom left corner, unless it hides markers and another corner
 * hides fewer: the legend must not cover what it explains. */
static void
place_legend (Furniture *f,
              double     w,
              double     h,
              double    *x,
              double    *y)
{
  double left = f->frame->map_x + MARGIN * f->unit;
  double right = f->frame->map_x + f->frame->map_width - MARGIN * f->unit - w;
  double low = f->bottom - MARGIN * f->unit - h;
  double high = f->frame->map_y + MARGIN * f->unit + 60 * f->unit;
  double corners[4][2] = { { left, low }, { right, low - 60 * f->unit }, { right, high }, { left, f->title_bottom + MARGIN * f->unit } };
  guint best = G_MAXUINT;

  for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
    corners[i][0] = mirror (f, corners[i][0], w);
  for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
    {
      guint n = marks_under (f, corners[i][0], corners[i][1], w, h);
      if (n < best && corners[i][1] >= f->frame->map_y && corners[i][1] + h <= f->bottom)
        {
          best = n;
          *x = corners[i][0], *y = corners[i][1];
        }
    }
  if (best == G_MAXUINT)
    *x = mirror (f, left, w), *y = low;
}

static void
draw_legend (Furniture *f)
{
  g_autoptr(GArray) entries = legend_entries (f);
  g_autofree char *desc = font (f, "", 12);
  g_autofree char *head_desc = font (f, "Bold", 12);
  g_autoptr(PangoLayout) heading = _marz_snapshot_layout_new (f->cr, head_desc, _("Legend"));
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double row = 20 * f->unit, swatch = 24 * f->unit, pad = PAD * f->unit;
  int w, h, hw, hh;
  double x, y;

  if (entries->len == 0)
    return;
  pango_layout_get_pixel_size (heading, &hw, &hh);
  w = hw;
  for (guint i = 0; i < entries->len; i++)
    {
      PangoLayout *layout = _marz_snapshot_layout_new (f->cr, desc, g_array_index (entries, LegendEntry, i).label);
      pango_layout_get_pixel_size (layout, &h, NULL);
      w = MAX (w, swatch + h);
      g_ptr_array_add (layouts, layout);
    }
  place_legend (f, w + 2 * pad, hh + 4 * f->unit + entries->len * row + 2 * pad, &x, &y);
  draw_box (f, x, y, w + 2 * pad, hh + 4 * f->unit + entries->len * row + 2 * pad);
  /* Mirrored within the box: the swatches on the right, the labels flush
   * against them. */
  show_layout (f, heading, f->rtl ? x + pad + w - hw : x + pad, y + pad, 0x1d1b18);
  y += pad + hh + 4 * f->unit;
  for (guint i = 0; i < entries->len; i++, y += row)
    {
      PangoLayout *layout = g_ptr_array_index (layouts, i);
      int lw;

      pango_layout_get_pixel_size (layout, &lw, &h);
      draw_swatch (f, &g_array_index (entries, LegendEntry, i),
                   f->rtl ? x + pad + w - 9 * f->unit : x + pad + 9 * f->unit, y + row / 2);
      show_layout (f, layout, f->rtl ? x + pad + w - swatch - lw : x + pad + swatch, y + (row - h) / 2, 0x26231f);
    }
}

/* Scale bar and north arrow ------------------------------------------------- */

/* The longest 1, 2 or 5 × 10ⁿ metres not longer than @max_m. */
static double
nice_length (double max_m)
{
  double p = pow (10, floor (log10 (max_m)));

  return max_m >= 5 * p ? 5 * p : max_m >= 2 * p ? 2 * p : p;
}

/* Mercator stretches distances by 1 / cos(latitude): the bar is true at
 * the latitude of the map's centre, and says so. */
static void
draw_scale_bar (Furniture *f)
{
  MarzSnapshotFrame *frame = f->frame;
  double lat, lon, m_per_px, length_m, bar_px, x, y, pad = PAD * f->unit;
  g_autofree char *label = NULL, *note = NULL, *desc = font (f, "", 12), *small = font (f, "", 10);
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoLayout) note_layout = NULL;
  int w, h, nw, nh;

  marz_mercator_unproject (frame->origin_x + frame->map_width / 2, frame->origin_y + frame->map_height / 2,
                           frame->zoom, MARZ_SNAPSHOT_TILE_SIZE, &lat, &lon);
  m_per_px = EARTH_CIRCUMFERENCE * cos (lat * G_PI / 180) / marz_mercator_world_size (frame->zoom, MARZ_SNAPSHOT_TILE_SIZE);
  length_m = nice_length (m_per_px * 150 * f->unit);
  bar_px = length_m / m_per_px;
  label = length_m >= 1000 ? g_strdup_printf (_("%g km"), length_m / 1000) : g_strdup_printf (_("%g m"), length_m);
  /* Translators: where a Mercator map's scale bar is true, «at 33.4° N» */
  note = g_strdup_printf (lat >= 0 ? _("at %.1f° N") : _("at %.1f° S"), fabs (lat));
  layout = _marz_snapshot_layout_new (f->cr, desc, label);
  note_layout = _marz_snapshot_layout_new (f->cr, small, note);
  pango_layout_get_pixel_size (layout, &w, &h);
  pango_layout_get_pixel_size (note_layout, &nw, &nh);

  x = mirror (f, frame->map_x + frame->map_width - MARGIN * f->unit - 2 * pad - MAX (bar_px, w + 8 * f->unit + nw),
              MAX (bar_px, w + 8 * f->unit + nw) + 2 * pad);
  y = f->bottom - MARGIN * f->unit - (2 * pad + h + 10 * f->unit);
  draw_box (f, x, y, MAX (bar_px, w + 8 * f->unit + nw) + 2 * pad, 2 * pad + h + 10 * f->unit);
  show_layout (f, layout, x + pad, y + pad, 0x26231f);
  show_layout (f, note_layout, x + pad + w + 8 * f->unit, y + pad + (h - nh), 0x5c5750);
  /* Alternating halves, as on a printed map. */
  y += pad + h + 3 * f->unit;
  cairo_set_line_width (f->cr, 1);
  for (int half = 0; half < 2; half++)
    {
      cairo_rectangle (f->cr, x + pad + half * bar_px / 2, y, bar_px / 2, 5 * f->unit);
      cairo_set_source_rgb (f->cr, half ? 1 : 0.15, half ? 1 : 0.15, half ? 1 : 0.15);
      cairo_fill_preserve (f->cr);
      cairo_set_source_rgb (f->cr, 0.15, 0.15, 0.15);
      cairo_stroke (f->cr);
    }
}

/* North is up everywhere on a Web Mercator map. */
static void
draw_north_arrow (Furniture *f)
{
  g_autofree char *desc = font (f, "Bold", 13);
  /* Translators: the letter on a map's north arrow */
  g_autoptr(PangoLayout) layout = _marz_snapshot_layout_new (f->cr, desc, C_("north", "N"));
  double size = 46 * f->unit;
  double x = mirror (f, f->frame->map_x + f->frame->map_width - MARGIN * f->unit - size, size);
  double y = f->frame->map_y + MARGIN * f->unit, cx = x + size / 2;
  int w, h;

  draw_box (f, x, y, size, size + 4 * f->unit);
  pango_layout_get_pixel_size (layout, &w, &h);
  show_layout (f, layout, cx - w / 2.0, y + 2 * f->unit, 0x1d1b18);
  cairo_move_to (f->cr, cx, y + h + 2 * f->unit);
  cairo_line_to (f->cr, cx + 8 * f->unit, y + size);
  cairo_line_to (f->cr, cx, y + size - 6 * f->unit);
  cairo_close_path (f->cr);
  cairo_set_source_rgb (f->cr, 0.15, 0.15, 0.15);
  cairo_fill (f->cr);
  cairo_move_to (f->cr, cx, y + h + 2 * f->unit);
  cairo_line_to (f->cr, cx - 8 * f->unit, y + size);
  cairo_line_to (f->cr, cx, y + size - 6 * f->unit);
  cairo_close_path (f->cr);
  cairo_set_line_width (f->cr, 1);
  cairo_stroke (f->cr);
}

static void
draw_furniture (MarzSnapshot      *self,
                MarzSnapshotFrame *frame,
                cairo_t           *cr,
                GArray            *boxes)
{
  Furniture f = { self, frame, cr, MAX (1.0, MIN (frame->map_width, frame->map_height) / 900.0), 0, 0,
                  _marz_snapshot_is_rtl (self), boxes };

  f.bottom = frame->map_y + frame->map_height;
  f.title_bottom = frame->map_y;
  cairo_save (cr);
  cairo_rectangle (cr, frame->map_x, frame->map_y, frame->map_width, frame->map_height);
  cairo_clip (cr);
  if (self->furniture & MARZ_SNAPSHOT_ATTRIBUTION)
    draw_attribution (&f);
  if (self->furniture & (MARZ_SNAPSHOT_TITLE | MARZ_SNAPSHOT_FILTERS))
    draw_title (&f);
  if (self->furniture & MARZ_SNAPSHOT_NORTH_ARROW)
    draw_north_arrow (&f);
  if (self->furniture & MARZ_SNAPSHOT_LEGEND)
    draw_legend (&f);
  if (self->furniture & MARZ_SNAPSHOT_SCALE_BAR)
    draw_scale_bar (&f);
  cairo_restore (cr);
}

void
_marz_snapshot_draw_furniture (MarzSnapshot      *self,
                               MarzSnapshotFrame *frame,
                               cairo_t           *cr)
{
  draw_furniture (self, frame, cr, NULL);
}

/**
 * _marz_snapshot_furniture_boxes:
 * @cr: the context the figure will be drawn on, for its text metrics
 *
 * Where the furniture's boxes will be, before anything is drawn: the
 * furniture is laid out on a scratch surface (its places depend on the
 * markers only, not on what the map draws).
 *
 * Returns: (transfer full) (element-type MarzBox): figure px
 */
GArray *
_marz_snapshot_furniture_boxes (MarzSnapshot      *self,
                                MarzSnapshotFrame *frame,
                                cairo_t           *cr)
{
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (MarzBox));
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);
  cairo_t *scratch_cr = cairo_create (scratch);
  cairo_matrix_t matrix;

  cairo_get_matrix (cr, &matrix);
  cairo_set_matrix (scratch_cr, &matrix);
  draw_furniture (self, frame, scratch_cr, boxes);
  cairo_destroy (scratch_cr);
  cairo_surface_destroy (scratch);
  return boxes;
}
