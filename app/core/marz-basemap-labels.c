/* marz-basemap-labels.c
 *
 * Country, province and place labels: placed greedily in priority order
 * (the two capitals, countries, cities, provinces, crossings, towns), each
 * tried at a few positions around its anchor and dropped when every position
 * overlaps a label already placed.
 *
 * A tile considers every label anchored within LABEL_MARGIN of it, not only
 * its own, so two neighbouring tiles make the same decisions near their
 * common edge and a label crossing it is drawn whole, half by each.  Layout
 * metrics are kept independent of the device scale (no metric hinting), so a
 * 512 px tile places exactly what its 256 px twin does.
 */
#define G_LOG_DOMAIN "marz-basemap"

#include "marz-basemap-private.h"

#include <math.h>

/* Logical px around the view in which anchors count: more than the widest label. */
#define LABEL_MARGIN 192.0
#define LABEL_GAP    3.0

typedef struct
{
  const char *font;
  guint32     color;
  double      dot_radius;           /* 0: an area label, centred on its anchor */
} LabelStyle;

static const LabelStyle styles[] = {
  [MARZ_LABEL_COUNTRY]  = { "Noto Sans,Noto Sans Arabic,Sans Semi-Bold 13px", 0x5c5750, 0 },
  [MARZ_LABEL_CITY]     = { "Noto Sans,Noto Sans Arabic,Sans Medium 12px", MARZ_BASEMAP_COLOR_TEXT, 2.6 },
  [MARZ_LABEL_PROVINCE] = { "Noto Sans,Noto Sans Arabic,Sans 11px", 0x8a8174, 0 },
  [MARZ_LABEL_TOWN]     = { "Noto Sans,Noto Sans Arabic,Sans 11px", 0x3d3934, 2.0 },
  [MARZ_LABEL_CROSSING] = { "Noto Sans,Noto Sans Arabic,Sans 11px", 0x3d3934, 3.0 },
};

/* A layout and the fonts of every kind of label.  Pango objects are not
 * thread-safe: each render makes its own. */
typedef struct
{
  PangoLayout          *layout;
  PangoFontDescription *fonts[G_N_ELEMENTS (styles)];
} Typesetter;

typedef struct
{
  MarzView   *view;
  Typesetter  typesetter;           /* made on first use: most candidates are only measured */
  GArray     *texts;                /* MarzBox of the labels placed, logical px from the view,
                                     * after the caller's reserved boxes */
  GHashTable *omit;                 /* (nullable) borrowed: the texts the caller shows itself */
  GArray     *dots;                 /* MarzBox of the places no label may cover */
  int         reserved;             /* dots are in for every priority up to this one */
  MarzBox     visible;              /* the view, and the halo around it */
} Placer;

void
_marz_label_clear (MarzLabel *label)
{
  for (guint i = 0; i < MARZ_N_LANGS; i++)
    g_clear_pointer (&label->names[i], g_free);
}

gint
_marz_label_compare (gconstpointer a,
                     gconstpointer b)
{
  const MarzLabel *x = a, *y = b;

  if (x->priority != y->priority)
    return x->priority < y->priority ? -1 : 1;
  return (x->order > y->order) - (x->order < y->order);
}

/* A name missing in the label language is taken from another language in
 * the same script before English: an Arabic map shows «دند پتن» rather
 * than "Dand-e-Patan". */
static const MarzLang fallbacks[MARZ_N_LANGS][MARZ_N_LANGS] = {
  [MARZ_LANG_EN] = { MARZ_LANG_EN, MARZ_LANG_EN, MARZ_LANG_EN, MARZ_LANG_EN },
  [MARZ_LANG_AR] = { MARZ_LANG_AR, MARZ_LANG_FA, MARZ_LANG_PS, MARZ_LANG_EN },
  [MARZ_LANG_FA] = { MARZ_LANG_FA, MARZ_LANG_PS, MARZ_LANG_AR, MARZ_LANG_EN },
  [MARZ_LANG_PS] = { MARZ_LANG_PS, MARZ_LANG_FA, MARZ_LANG_AR, MARZ_LANG_EN },
};

static MarzLang
label_lang (const MarzLabel *label,
            MarzLang         lang)
{
  for (guint i = 0; i < MARZ_N_LANGS; i++)
    if (label->names[fallbacks[lang][i]] != NULL)
      return fallbacks[lang][i];
  return MARZ_LANG_EN;
}

static const char *
label_text (const MarzLabel *label,
            MarzLang         lang)
{
  return label->names[label_lang (label, lang)];
}

static gboolean
label_is_rtl (const MarzLabel *label,
              MarzLang         lang)
{
  return label_lang (label, lang) != MARZ_LANG_EN;
}

/* Touching is fine, overlapping is not. */
static gboolean
overlaps (const MarzBox *a,
          const MarzBox *b)
{
  return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static gboolean
free_of (GArray        *boxes,
         const MarzBox *box)
{
  for (guint i = 0; i < boxes->len; i++)
    if (overlaps (box, &g_array_index (boxes, MarzBox, i)))
      return FALSE;
  return TRUE;
}

static gboolean
box_is_free (Placer        *placer,
             const MarzBox *box)
{
  return free_of (placer->texts, box) && free_of (placer->dots, box);
}

static MarzBox
dot_box (const MarzLabel *label,
         double           ax,
         double           ay)
{
  double r = styles[label->kind].dot_radius + 1;

  return (MarzBox) { ax - r, ay - r, ax + r, ay + r };
}

/* Latin country names are set in spaced capitals, as on printed maps;
 * Arabic script has no capitals, and spacing would break its joins. */
static void
typesetter_set_label (Typesetter      *ts,
                      const MarzLabel *label,
                      MarzLang         lang)
{
  const char *text = label_text (label, lang);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  pango_layout_set_font_description (ts->layout, ts->fonts[label->kind]);
  if (label->kind == MARZ_LABEL_COUNTRY && !label_is_rtl (label, lang))
    {
      g_autofree char *upper = g_utf8_strup (text, -1);
      pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (PANGO_SCALE * 3 / 2));
      pango_layout_set_text (ts->layout, upper, -1);
    }
  else
    pango_layout_set_text (ts->layout, text, -1);
  pango_layout_set_attributes (ts->layout, attrs);
}

/* Unhinted metrics and unrounded glyph positions: a label measures the same
 * at every device scale, which is what lets marz_basemap_new_from_dir()
 * measure every label once for all renders. */
static void
typesetter_init (Typesetter *ts,
                 cairo_t    *cr,
                 double      scale)
{
  cairo_font_options_t *options = cairo_font_options_create ();
  PangoContext *context;

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_scale (cr, scale, scale);
  context = pango_cairo_create_context (cr);
  cairo_restore (cr);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 96);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
  ts->layout = pango_layout_new (context);
  g_object_unref (context);
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    ts->fonts[i] = pango_font_description_from_string (styles[i].font);
}

static void
typesetter_clear (Typesetter *ts)
{
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    g_clear_pointer (&ts->fonts[i], pango_font_description_free);
  g_clear_object (&ts->layout);
}

/**
 * _marz_labels_measure:
 * @labels: (element-type MarzLabel)
 *
 * Fills in each label's extents in every language, in logical px.
 */
void
_marz_labels_measure (GArray *labels)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  Typesetter ts;

  typesetter_init (&ts, cr, 1);
  for (guint i = 0; i < labels->len; i++)
    {
      MarzLabel *label = &g_array_index (labels, MarzLabel, i);

      for (MarzLang lang = 0; lang < MARZ_N_LANGS; lang++)
        {
          PangoRectangle logical;

          typesetter_set_label (&ts, label, lang);
          pango_layout_get_extents (ts.layout, NULL, &logical);
          label->extents[lang] = (MarzBox) {
            (double) logical.x / PANGO_SCALE, (double) logical.y / PANGO_SCALE,
            (double) (logical.x + logical.width) / PANGO_SCALE, (double) (logical.y + logical.height) / PANGO_SCALE,
          };
        }
    }
  typesetter_clear (&ts);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Where the text goes around a dot: beside it first (on the side the script
 * reads from), then above, then below.  Its own dot is among the reserved
 * ones, and touches none of these boxes. */
static gboolean
find_position (Placer          *placer,
               const MarzLabel *label,
               double           ax,
               double           ay,
               double           w,
               double           h,
               MarzBox         *text)
{
  double off = styles[label->kind].dot_radius + LABEL_GAP;
  MarzBox candidates[4] = {
    { ax + off, ay - h / 2, ax + off + w, ay + h / 2 },
    { ax - off - w, ay - h / 2, ax - off, ay + h / 2 },
    { ax - w / 2, ay - off - h + 2, ax + w / 2, ay - off + 2 },
    { ax - w / 2, ay + off - 2, ax + w / 2, ay + off - 2 + h },
  };

  if (label_is_rtl (label, placer->view->lang))
    {
      MarzBox swap = candidates[0];
      candidates[0] = candidates[1], candidates[1] = swap;
    }
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (box_is_free (placer, &candidates[i]))
      {
        *text = candidates[i];
        return TRUE;
      }
  return FALSE;
}

/* Whether @text, moved off its anchor, still lies across its area: its two
 * ends and its middle inside.  A country's name must not slide over a
 * border, least of all on this map. */
static gboolean
inside_area (Placer          *placer,
             const MarzLabel *label,
             const MarzBox   *text)
{
  MarzView *view = placer->view;
  double y = ((text->y0 + text->y1) / 2 + view->origin_y) / view->world;
  double xs[] = { text->x0, (text->x0 + text->x1) / 2, text->x1 };

  if (label->feature == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
    if (!_marz_layer_feature_contains (label->layer, label->feature, (xs[i] + view->origin_x) / view->world, y))
      return FALSE;
  return TRUE;
}

/* An area label may move off its anchor by a line or two, or half its
 * width, and stay inside its area: it names a region, not a point, and the
 * places in it go first.  A country that finds no room among them is named
 * over its lesser places anyway (@over_dots): they give way. */
static gboolean
find_area_position (Placer          *placer,
                    const MarzLabel *label,
                    double           ax,
                    double           ay,
                    double           w,
                    double           h,
                    gboolean         over_dots,
                    MarzBox         *text)
{
  const double rows[] = { 0, -1, 1, -2, 2 }, columns[] = { 0, -0.5, 0.5 };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    for (guint k = 0; k < G_N_ELEMENTS (columns); k++)
      {
        double x = ax - w / 2 + columns[k] * w, y = ay - h / 2 + rows[i] * h;
        gboolean moved = i > 0 || k > 0;

        *text = (MarzBox) { x, y, x + w, y + h };
        if ((over_dots ? free_of (placer->texts, text) : box_is_free (placer, text))
            && (!moved || inside_area (placer, label, text)))
          return TRUE;
      }
  return FALSE;
}

static gboolean
find_label_position (Placer          *placer,
                     const MarzLabel *label,
                     double           ax,
                     double           ay,
                     double           w,
                     double           h,
                     MarzBox         *text)
{
  if (styles[label->kind].dot_radius > 0)
    return find_position (placer, label, ax, ay, w, h, text);
  if (find_area_position (placer, label, ax, ay, w, h, FALSE, text))
    return TRUE;
  return label->kind == MARZ_LABEL_COUNTRY && find_area_position (placer, label, ax, ay, w, h, TRUE, text);
}

static void
draw_marker (MarzView        *view,
             MarzLabelKind    kind,
             double           ax,
             double           ay)
{
  cairo_t *cr = view->cr;
  double s = view->scale, r = styles[kind].dot_radius * s;

  if (kind == MARZ_LABEL_CROSSING)
    {
      cairo_move_to (cr, ax * s, ay * s - r);
      cairo_line_to (cr, ax * s + r, ay * s);
      cairo_line_to (cr, ax * s, ay * s + r);
      cairo_line_to (cr, ax * s - r, ay * s);
      cairo_close_path (cr);
    }
  else
    cairo_arc (cr, ax * s, ay * s, r, 0, 2 * G_PI);
  _marz_set_color (cr, 0xffffff, 1);
  cairo_set_line_width (cr, 1.2 * s);
  cairo_stroke_preserve (cr);
  _marz_set_color (cr, styles[kind].color, 1);
  cairo_fill (cr);
}

const cairo_user_data_key_t _marz_text_sink_key;
const cairo_user_data_key_t _marz_label_reserve_key;

/* In pixels, the halo is the text drawn eight times around its place:
 * glyphs come from cairo's cache, where stroking their outlines costs the
 * window's label-heavy tiles a quarter more time, and looks no different
 * at these sizes. */
static void
draw_halo_copies (cairo_t     *cr,
                  PangoLayout *layout,
                  double       halo)
{
  double x, y;

  cairo_get_current_point (cr, &x, &y);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  for (int k = 0; k < 8; k++)
    {
      cairo_move_to (cr, x + halo * cos (k * G_PI / 4), y + halo * sin (k * G_PI / 4));
      pango_cairo_show_layout (cr, layout);
    }
  cairo_restore (cr);
  cairo_move_to (cr, x, y);
}

/* In a vector file, eight copies would be eight words to a reader or a
 * search («BamyanBamyanBamyan»): the halo is the text's outline, stroked
 * once with round joins. */
static void
draw_halo_stroke (cairo_t     *cr,
                  PangoLayout *layout,
                  double       halo)
{
  double x, y;

  cairo_get_current_point (cr, &x, &y);
  cairo_save (cr);
  pango_cairo_layout_path (cr, layout);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2 * halo);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_restore (cr);
  cairo_move_to (cr, x, y);
}

/**
 * _marz_show_layout:
 * @halo: the width of a white halo around the glyphs, in user units, or 0
 *
 * Shows @layout at the current point in the current source colour, or hands
 * it to the cairo_t's MarzTextSink.  Whatever the target, the text itself
 * is shown once.
 */
void
_marz_show_layout (cairo_t     *cr,
                   PangoLayout *layout,
                   double       halo)
{
  MarzTextSink *sink = cairo_get_user_data (cr, &_marz_text_sink_key);
  gboolean had_point = cairo_has_current_point (cr);

  if (sink != NULL)
    {
      sink->show_layout (sink, cr, layout, halo);
      return;
    }
  if (halo > 0 && cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE)
    draw_halo_copies (cr, layout, halo);
  else if (halo > 0)
    draw_halo_stroke (cr, layout, halo);
  pango_cairo_show_layout (cr, layout);
  /* No current point left where there was none: the next arc would join it. */
  if (!had_point)
    cairo_new_path (cr);
}

/* The text is snapped to whole device pixels: tiles differ by whole pixels,
 * so both halves of a label crossing a tile edge snap alike. */
static void
draw_text (Placer          *placer,
           const MarzLabel *label,
           const MarzBox   *box)
{
  MarzView *view = placer->view;
  const MarzBox *extents = &label->extents[view->lang];
  Typesetter *ts = &placer->typesetter;
  cairo_t *cr = view->cr;

  if (ts->layout == NULL)
    typesetter_init (ts, cr, view->scale);
  typesetter_set_label (ts, label, view->lang);

  cairo_save (cr);
  cairo_translate (cr, round ((box->x0 - extents->x0) * view->scale), round ((box->y0 - extents->y0) * view->scale));
  cairo_scale (cr, view->scale, view->scale);
  _marz_set_color (cr, styles[label->kind].color, 1);
  _marz_show_layout (cr, ts->layout, MARZ_LABEL_HALO);
  cairo_restore (cr);
}

/* Every candidate is placed, seen or not, so that neighbouring tiles agree;
 * only what shows in this view is drawn. */
static void
place_label (Placer          *placer,
             const MarzLabel *label)
{
  MarzView *view = placer->view;
  const MarzBox *extents = &label->extents[view->lang];
  double ax = label->x * view->world - view->origin_x;
  double ay = label->y * view->world - view->origin_y;
  double w = extents->x1 - extents->x0, h = extents->y1 - extents->y0;
  gboolean point = styles[label->kind].dot_radius > 0;
  MarzBox text, padded, dot = dot_box (label, ax, ay);

  if (placer->omit != NULL && g_hash_table_contains (placer->omit, label_text (label, view->lang)))
    return;
  /* A place under a more important name goes unmarked. */
  if (point && !free_of (placer->texts, &dot))
    return;
  if (!find_label_position (placer, label, ax, ay, w, h, &text))
    return;
  /* Room between neighbours, so that two names never read as one. */
  padded = (MarzBox) { text.x0 - 5, text.y0 - 1, text.x1 + 5, text.y1 + 1 };
  g_array_append_val (placer->texts, padded);

  if (point && overlaps (&dot, &placer->visible))
    draw_marker (view, label->kind, ax, ay);
  if (overlaps (&text, &placer->visible))
    draw_text (placer, label, &text);
}

static gboolean
is_candidate (const MarzView  *view,
              const MarzBox   *area,
              const MarzLabel *label)
{
  return view->zoom >= label->min_zoom && view->zoom < label->max_zoom
      && label->x >= area->x0 && label->x <= area->x1 && label->y >= area->y0 && label->y <= area->y1;
}

/* Which dots a label must leave uncovered: a capital, those of the other
 * capitals; any other label, those of every city and of its own rank.  So
 * no name hides a place that matters more than itself, or as much. */
static int
reserved_through (const MarzLabel *label)
{
  if (label->priority == MARZ_LABEL_PRIORITY_CAPITAL)
    return label->priority;
  return MAX (label->priority, MARZ_LABEL_PRIORITY_CITY);
}

static void
reserve_dots (Placer        *placer,
              GArray        *labels,
              const MarzBox *area,
              int            through)
{
  MarzView *view = placer->view;

  for (guint i = 0; i < labels->len; i++)
    {
      const MarzLabel *label = &g_array_index (labels, MarzLabel, i);
      MarzBox dot;

      if ((int) label->priority <= placer->reserved || (int) label->priority > through
          || styles[label->kind].dot_radius == 0 || !is_candidate (view, area, label))
        continue;
      dot = dot_box (label, label->x * view->world - view->origin_x, label->y * view->world - view->origin_y);
      g_array_append_val (placer->dots, dot);
    }
  placer->reserved = through;
}

/**
 * _marz_view_draw_labels:
 * @labels: (element-type MarzLabel): sorted by priority, measured
 *
 * Returns: %FALSE if the view's cancellable fired
 */
gboolean
_marz_view_draw_labels (MarzView *view,
                        GArray   *labels)
{
  MarzBox area = _marz_view_unit_box (view, LABEL_MARGIN);
  const MarzLabelReserve *reserve = cairo_get_user_data (view->cr, &_marz_label_reserve_key);
  Placer placer = {
    view, { NULL, { NULL } },
    g_array_new (FALSE, FALSE, sizeof (MarzBox)), reserve ? reserve->names : NULL,
    g_array_new (FALSE, FALSE, sizeof (MarzBox)), -1,
    { -2 * MARZ_LABEL_HALO, -2 * MARZ_LABEL_HALO, view->width + 2 * MARZ_LABEL_HALO, view->height + 2 * MARZ_LABEL_HALO },
  };
  gboolean cancelled = FALSE;

  /* Reserved boxes count as names placed before any: nothing is drawn
   * under them, and a place under one goes unmarked. */
  if (reserve != NULL && reserve->boxes != NULL)
    g_array_append_vals (placer.texts, reserve->boxes->data, reserve->boxes->len);

  for (guint i = 0; i < labels->len; i++)
    {
      const MarzLabel *label = &g_array_index (labels, MarzLabel, i);

      if (i % 16 == 0 && (cancelled = g_cancellable_is_cancelled (view->cancellable)))
        break;
      if (!is_candidate (view, &area, label))
        continue;
      if (reserved_through (label) > placer.reserved)
        reserve_dots (&placer, labels, &area, reserved_through (label));
      place_label (&placer, label);
    }
  typesetter_clear (&placer.typesetter);
  g_array_unref (placer.texts);
  g_array_unref (placer.dots);
  return !cancelled;
}

static MarzLang
lang_of (const char *language)
{
  static const char * const codes[MARZ_N_LANGS] = { "en", "ar", "fa", "ps" };

  for (guint i = 0; i < MARZ_N_LANGS; i++)
    if (g_strcmp0 (language, codes[i]) == 0)
      return i;
  return MARZ_LANG_EN;
}

/**
 * _marz_basemap_place_label:
 * @gazetteer_id: a place's id in the gazetteer
 * @x: its position in the unit square
 * @y:
 *
 * The name the basemap labels a place with, in its language, as it would
 * show it (an Arabic map falls back to a Persian name before English): a
 * province by its id, any other place by its position.
 *
 * Returns: (nullable): the label's text, or %NULL if the basemap has none
 */
const char *
_marz_basemap_place_label (MarzBasemap *self,
                           const char  *gazetteer_id,
                           double       x,
                           double       y)
{
  MarzLang lang = lang_of (marz_basemap_get_language (self));

  for (guint i = 0; i < self->labels->len; i++)
    {
      const MarzLabel *label = &g_array_index (self->labels, MarzLabel, i);

      if (label->kind == MARZ_LABEL_COUNTRY)
        continue;
      if (label->feature != NULL ? g_strcmp0 (label->feature->gazetteer_id, gazetteer_id) == 0
                                 : fabs (label->x - x) < 1e-9 && fabs (label->y - y) < 1e-9)
        return label_text (label, lang);
    }
  return NULL;
}
