/* marz-timeline-draw.c
 *
 * Where things are on the timeline, and drawing them.
 *
 * From the start edge: the play button and the names of the tracks, then
 * the axis: tick labels and ticks on top, the violence track, the
 * diplomacy track.  In each track, a day's incidents are a stack of marks
 * coloured by type (in MarzIncidentType order from the bottom), one mark
 * each while the tallest stack in view fits, else scaled by the logarithm
 * of its count; month and year incidents are bars in a lane under the
 * stacks, in the colour of their most frequent type.
 *
 * When a day is narrower than MIN_DAY_PX, the stacks gather the days of
 * COLUMN_PX pixels.  Either way only the bins of the visible days are
 * visited (marz-timeline-data.c), and everything is a colour node.  Hit
 * testing builds the same columns as drawing, so what is clicked is what was
 * drawn.
 */
#define G_LOG_DOMAIN "marz-timeline"

#include "marz-timeline-private.h"

#include <glib/gi18n.h>
#include <math.h>

#include "marz-labels.h"
#include "marz-marker-style.h"

#define END_PAD        12
#define TICK_LENGTH    5
#define LABEL_GAP      2
#define LABEL_SPACING  12
#define LANE_HEIGHT    5
#define LANE_GAP       2
#define UNIT           6       /* an incident's height in a stack, while they fit */
#define COLUMN_PX      2.0
#define MIN_DAY_PX     4.0
#define MAX_MARK_WIDTH 12.0
#define HIT_SLOP       3.0

typedef struct
{
  GdkRGBA fg;
  GdkRGBA accent;
  GdkRGBA types[MARZ_N_INCIDENT_TYPES];
} Palette;

typedef struct
{
  MarzTimeline     *self;
  GtkSnapshot      *snapshot;
  TimelineGeometry  g;
  gboolean          rtl;
  Palette           palette;
  guint32           max_n;     /* the tallest stack in view */
} Painter;

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  GdkRGBA c = *color;

  c.alpha *= alpha;
  return c;
}

/* ------------------------------------------------------------------------ */
/* Geometry                                                                 */

float
_marz_timeline_measure_header (MarzTimeline *self)
{
  g_autoptr(PangoLayout) layout = _marz_timeline_label_layout (self, self->solar ? "9\n۹" : "9");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return TIMELINE_PAD / 2 + height + LABEL_GAP + TICK_LENGTH;
}

float
_marz_timeline_measure_names (MarzTimeline *self)
{
  int width = 0;

  for (guint t = 0; t < TIMELINE_N_TRACKS; t++)
    {
      g_autoptr(PangoLayout) layout = _marz_timeline_label_layout (self, _marz_timeline_track_name (t));
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      width = MAX (width, w);
    }
  return width;
}

void
_marz_timeline_get_geometry (MarzTimeline     *self,
                             TimelineGeometry *g)
{
  g->width = gtk_widget_get_width (GTK_WIDGET (self));
  g->height = gtk_widget_get_height (GTK_WIDGET (self));
  g->axis_start = MAX (self->start_width, TIMELINE_PAD);
  g->axis_end = g->width - END_PAD;
  g->header = self->header_height;
  for (guint t = 0; t < TIMELINE_N_TRACKS; t++)
    g->track_top[t] = g->header + t * (TIMELINE_TRACK_HEIGHT + TIMELINE_TRACK_GAP);
  g->stack_height = TIMELINE_TRACK_HEIGHT - LANE_HEIGHT - LANE_GAP;
  g->lane_top = g->stack_height + LANE_GAP;
  g->lane_height = LANE_HEIGHT;
}

double
_marz_timeline_u_for_day (MarzTimeline           *self,
                          const TimelineGeometry *g,
                          double                  day)
{
  return g->axis_start + (day - self->view_start) * self->px_per_day;
}

double
_marz_timeline_day_at_u (MarzTimeline           *self,
                         const TimelineGeometry *g,
                         double                  u)
{
  return self->view_start + (u - g->axis_start) / self->px_per_day;
}

double
_marz_timeline_u_from_x (MarzTimeline *self,
                         double        x)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    return gtk_widget_get_width (GTK_WIDGET (self)) - x;
  return x;
}

/* The y of the lowest mark of a track's stacks. */
double
_marz_timeline_track_y (MarzTimeline         *self,
                        MarzIncidentCategory  category)
{
  TimelineGeometry g;

  _marz_timeline_get_geometry (self, &g);
  return g.track_top[category == MARZ_CATEGORY_DIPLOMACY] + g.stack_height - UNIT / 2.0;
}

/* ------------------------------------------------------------------------ */
/* Columns                                                                  */

void
_marz_timeline_visible_days (MarzTimeline           *self,
                             const TimelineGeometry *g,
                             gint32                 *first,
                             gint32                 *last)
{
  *first = (gint32) floor (_marz_timeline_day_at_u (self, g, g->axis_start));
  *last = (gint32) ceil (_marz_timeline_day_at_u (self, g, g->axis_end)) - 1;
}

static void
build_columns (MarzTimeline           *self,
               const TimelineGeometry *g,
               guint                   track)
{
  GArray *days = self->data->tracks[track].days;
  GArray *columns = self->columns[track];
  gboolean per_day = self->px_per_day >= MIN_DAY_PX;
  float width = per_day ? CLAMP (self->px_per_day * 0.6, 3, MAX_MARK_WIDTH) : COLUMN_PX;
  gint32 first, last;

  _marz_timeline_visible_days (self, g, &first, &last);
  g_array_set_size (columns, 0);
  for (guint i = _marz_timeline_lower_bound (days, first); i < days->len; i++)
    {
      const TimelineBin *bin = &g_array_index (days, TimelineBin, i);
      TimelineColumn *column = columns->len > 0
                               ? &g_array_index (columns, TimelineColumn, columns->len - 1) : NULL;
      double u;

      if (bin->first > last)
        break;
      u = _marz_timeline_u_for_day (self, g, bin->first + (per_day ? 0.5 : 0));
      u = per_day ? u - width / 2 : g->axis_start + floor ((u - g->axis_start) / COLUMN_PX) * COLUMN_PX;
      if (column == NULL || per_day || column->u != (float) u)
        {
          TimelineColumn fresh = { .u = u, .width = width, .first = bin->first };

          g_array_append_val (columns, fresh);
          column = &g_array_index (columns, TimelineColumn, columns->len - 1);
        }
      column->last = bin->first;
      column->n += bin->n;
      for (guint type = 0; type < MARZ_N_INCIDENT_TYPES; type++)
        column->counts[type] += bin->counts[type];
    }
}

/* Both tracks' columns; returns the tallest stack, for the scale they share. */
static guint32
build_all_columns (MarzTimeline           *self,
                   const TimelineGeometry *g)
{
  guint32 max_n = 0;

  for (guint t = 0; t < TIMELINE_N_TRACKS; t++)
    {
      build_columns (self, g, t);
      for (guint i = 0; i < self->columns[t]->len; i++)
        max_n = MAX (max_n, g_array_index (self->columns[t], TimelineColumn, i).n);
    }
  return max_n;
}

static gboolean
stacks_fit (const TimelineGeometry *g,
            guint32                 max_n)
{
  return max_n * UNIT <= g->stack_height;
}

static double
stack_height (const TimelineGeometry *g,
              guint32                 max_n,
              guint32                 n)
{
  if (stacks_fit (g, max_n))
    return n * UNIT;
  return MAX (2.0, g->stack_height * log1p (n) / log1p (max_n));
}

/* The first of a bin's marks of @type. */
static guint
bin_type_start (const TimelineBin *bin,
                guint              type)
{
  guint start = bin->start;

  for (guint t = 0; t < type; t++)
    start += bin->counts[t];
  return start;
}

/* The @k-th mark of a column's stack, from the bottom. */
static const TimelineMark *
column_mark (MarzTimeline         *self,
             guint                 track,
             const TimelineColumn *column,
             guint                 k)
{
  const TimelineTrack *tr = &self->data->tracks[track];
  guint type = 0;

  while (type < MARZ_N_INCIDENT_TYPES && k >= column->counts[type])
    k -= column->counts[type++];
  g_assert (type < MARZ_N_INCIDENT_TYPES);
  for (guint i = _marz_timeline_lower_bound (tr->days, column->first); i < tr->days->len; i++)
    {
      const TimelineBin *bin = &g_array_index (tr->days, TimelineBin, i);

      g_assert (bin->first <= column->last);
      if (k < bin->counts[type])
        return &g_array_index (tr->day_marks, TimelineMark, bin_type_start (bin, type) + k);
      k -= bin->counts[type];
    }
  g_assert_not_reached ();
}

/* Where @mark is in its column's stack, from the bottom. */
static guint
stack_position (MarzTimeline         *self,
                guint                 track,
                const TimelineColumn *column,
                const TimelineMark   *mark)
{
  const TimelineTrack *tr = &self->data->tracks[track];
  guint k = 0;

  for (guint t = 0; t < mark->type; t++)
    k += column->counts[t];
  for (guint i = _marz_timeline_lower_bound (tr->days, column->first); i < tr->days->len; i++)
    {
      const TimelineBin *bin = &g_array_index (tr->days, TimelineBin, i);
      guint start = bin_type_start (bin, mark->type);

      if (bin->first > column->last || bin->first > mark->first)
        break;
      for (guint j = 0; j < bin->counts[mark->type]; j++)
        if (bin->first < mark->first || g_array_index (tr->day_marks, TimelineMark, start + j).id != mark->id)
          k++;
        else
          return k;
    }
  return k;
}

static const TimelineColumn *
column_at (GArray *columns,
           double  u,
           double  slop)
{
  const TimelineColumn *best = NULL;
  double best_distance = slop;

  for (guint i = 0; i < columns->len; i++)
    {
      const TimelineColumn *c = &g_array_index (columns, TimelineColumn, i);
      double distance = u < c->u ? c->u - u : u > c->u + c->width ? u - c->u - c->width : 0;

      if (distance <= best_distance)
        best = c, best_distance = distance;
    }
  return best;
}

static guint
dominant_type (const TimelineBin *bin)
{
  guint best = 0;

  for (guint t = 1; t < MARZ_N_INCIDENT_TYPES; t++)
    if (bin->counts[t] > bin->counts[best])
      best = t;
  return best;
}

/* The month or year bar at @day with the fewest days. */
static const TimelineBin *
span_at (const TimelineTrack *track,
         gint32               day)
{
  const TimelineBin *best = NULL;

  for (guint i = _marz_timeline_lower_bound (track->spans, day - track->longest_span); i < track->spans->len; i++)
    {
      const TimelineBin *bin = &g_array_index (track->spans, TimelineBin, i);

      if (bin->first > day)
        break;
      if (bin->last >= day && (best == NULL || bin->last - bin->first < best->last - best->first))
        best = bin;
    }
  return best;
}

/**
 * _marz_timeline_mark_at:
 *
 * Returns: (nullable): the incident drawn at (@x, @y), or close to it
 */
const TimelineMark *
_marz_timeline_mark_at (MarzTimeline *self,
                        double        x,
                        double        y)
{
  TimelineGeometry g;
  double u = _marz_timeline_u_from_x (self, x);
  guint32 max_n;

  _marz_timeline_get_geometry (self, &g);
  if (u < g.axis_start - HIT_SLOP || u > g.axis_end + HIT_SLOP)
    return NULL;
  max_n = build_all_columns (self, &g);
  for (guint t = 0; t < TIMELINE_N_TRACKS; t++)
    {
      double bottom = g.track_top[t] + g.stack_height;
      const TimelineColumn *column;
      const TimelineBin *span;

      if (y >= g.track_top[t] && y < bottom + LANE_GAP / 2.0
          && (column = column_at (self->columns[t], u, HIT_SLOP)) != NULL)
        {
          double k = floor ((bottom - y) / stack_height (&g, max_n, column->n) * column->n);

          return column_mark (self, t, column, (guint) CLAMP (k, 0, column->n - 1.0));
        }
      if (y >= bottom + LANE_GAP / 2.0 && y < g.track_top[t] + TIMELINE_TRACK_HEIGHT
          && (span = span_at (&self->data->tracks[t],
                              (gint32) floor (_marz_timeline_day_at_u (self, &g, u)))) != NULL)
        return &g_array_index (self->data->tracks[t].span_marks, TimelineMark,
                               bin_type_start (span, dominant_type (span)));
    }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Drawing                                                                  */

static void
append_rect (Painter       *p,
             double         u,
             double         y,
             double         width,
             double         height,
             const GdkRGBA *color)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (p->rtl ? p->g.width - u - width : u, y, width, height);

  gtk_snapshot_append_color (p->snapshot, color, &rect);
}

static void
append_outline (Painter       *p,
                double         u,
                double         y,
                double         width,
                double         height,
                const GdkRGBA *color)
{
  GskRoundedRect outline;
  float widths[4] = { 2, 2, 2, 2 };
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline,
                                   &GRAPHENE_RECT_INIT (p->rtl ? p->g.width - u - width - 2 : u - 2,
                                                        y - 2, width + 4, height + 4),
                                   2);
  gtk_snapshot_append_border (p->snapshot, &outline, widths, colors);
}

/* A layout whose box starts at @u (from the start edge) and @y. */
static void
append_layout (Painter       *p,
               PangoLayout   *layout,
               double         u,
               double         y,
               const GdkRGBA *color)
{
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  gtk_snapshot_save (p->snapshot);
  gtk_snapshot_translate (p->snapshot,
                          &GRAPHENE_POINT_INIT (roundf (p->rtl ? p->g.width - u - width : u), y));
  gtk_snapshot_append_layout (p->snapshot, layout, color);
  gtk_snapshot_restore (p->snapshot);
}

static void
get_palette (MarzTimeline *self,
             Palette      *palette)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, &palette->fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &palette->accent))
    gdk_rgba_parse (&palette->accent, "#3584e4");
  for (guint type = 0; type < MARZ_N_INCIDENT_TYPES; type++)
    {
      MarzRgb rgb = marz_marker_style_type_color (type);

      palette->types[type] = (GdkRGBA) { rgb.red, rgb.green, rgb.blue, 1 };
    }
}

/* Track names, end-aligned against the axis, in the play button's column. */
static void
draw_track_names (Painter *p)
{
  GdkRGBA color = with_alpha (&p->palette.fg, 0.7);

  for (guint t = 0; t < TIMELINE_N_TRACKS; t++)
    {
      g_autoptr(PangoLayout) layout = _marz_timeline_label_layout (p->self, _marz_timeline_track_name (t));
      int width, height;

      pango_layout_get_pixel_size (layout, &width, &height);
      append_layout (p, layout, p->g.axis_start - TIMELINE_PAD - width,
                     p->g.track_top[t] + (TIMELINE_TRACK_HEIGHT - height) / 2.0, &color);
    }
}

static void
draw_tracks (Painter *p)
{
  GdkRGBA fill = with_alpha (&p->palette.fg, 0.05);
  GdkRGBA base = with_alpha (&p->palette.fg, 0.25);
  double width = p->g.axis_end - p->g.axis_start;

  for (guint t = 0; t < TIMELINE_N_TRACKS; t++)
    {
      append_rect (p, p->g.axis_start, p->g.track_top[t], width, TIMELINE_TRACK_HEIGHT, &fill);
      append_rect (p, p->g.axis_start, p->g.track_top[t] + p->g.stack_height, width, 1, &base);
    }
}

static void
draw_range (Painter *p)
{
  MarzTimeline *self = p->self;
  gboolean dragging = self->drag_first != TIMELINE_NO_DAY;
  gint32 first = dragging ? self->drag_first : self->range_first;
  gint32 last = dragging ? self->drag_last : self->range_last;
  GdkRGBA shade = with_alpha (&p->palette.accent, 0.22);
  GdkRGBA edge = with_alpha (&p->palette.accent, 0.9);
  double top = p->g.header - TICK_LENGTH, bottom = p->g.track_top[1] + TIMELINE_TRACK_HEIGHT;
  double u0, u1;

  if (first == TIMELINE_NO_DAY && last == TIMELINE_NO_DAY)
    return;
  u0 = first != TIMELINE_NO_DAY ? _marz_timeline_u_for_day (self, &p->g, first) : p->g.axis_start;
  u1 = last != TIMELINE_NO_DAY ? _marz_timeline_u_for_day (self, &p->g, last + 1.0) : p->g.axis_end;
  u0 = MAX (u0, p->g.axis_start - 2);
  u1 = MIN (u1, p->g.axis_end + 2);
  if (u1 <= u0)
    return;
  append_rect (p, u0, top, u1 - u0, bottom - top, &shade);
  if (first != TIMELINE_NO_DAY)
    append_rect (p, u0, top, 1, bottom - top, &edge);
  if (last != TIMELINE_NO_DAY)
    append_rect (p, u1 - 1, top, 1, bottom - top, &edge);
}

static void
draw_minor_ticks (Painter              *p,
                  MarzTimelineTickUnit  unit,
                  gint32                first,
                  gint32                last)
{
  static const double unit_days[] = { 1, 7, 30, 365 };
  GdkRGBA color = with_alpha (&p->palette.fg, 0.35);

  if (unit == MARZ_TIMELINE_TICK_DAY || unit_days[unit - 1] * p->self->px_per_day < 5)
    return;
  for (gint32 day = _marz_timeline_next_tick (first, unit - 1); day <= last; day = _marz_timeline_next_tick (day + 1, unit - 1))
    append_rect (p, _marz_timeline_u_for_day (p->self, &p->g, day), p->g.header - TICK_LENGTH / 2.0,
                 1, TICK_LENGTH / 2.0, &color);
}

static void
draw_ticks (Painter *p)
{
  MarzTimeline *self = p->self;
  MarzTimelineTickUnit unit = _marz_timeline_tick_unit_for (self, self->px_per_day);
  GdkRGBA tick = with_alpha (&p->palette.fg, 0.6);
  GdkRGBA grid = with_alpha (&p->palette.fg, 0.1);
  GdkRGBA text = with_alpha (&p->palette.fg, 0.8);
  double bottom = p->g.track_top[1] + TIMELINE_TRACK_HEIGHT;
  double label_end = -G_MAXDOUBLE;
  gboolean drawn = FALSE;
  gint32 first, last;

  _marz_timeline_visible_days (self, &p->g, &first, &last);
  draw_minor_ticks (p, unit, first, last);
  for (gint32 day = _marz_timeline_next_tick (first, unit); day <= last; day = _marz_timeline_next_tick (day + 1, unit))
    {
      g_autofree char *label = _marz_timeline_tick_label (self, day, unit,
                                                          _marz_timeline_tick_wants_year (day, unit, !drawn));
      g_autoptr(PangoLayout) layout = _marz_timeline_label_layout (self, label);
      double u = _marz_timeline_u_for_day (self, &p->g, day);
      int width;

      append_rect (p, u, p->g.header - TICK_LENGTH, 1, TICK_LENGTH, &tick);
      append_rect (p, u, p->g.header, 1, bottom - p->g.header, &grid);
      pango_layout_get_pixel_size (layout, &width, NULL);
      u = unit == MARZ_TIMELINE_TICK_DAY ? _marz_timeline_u_for_day (self, &p->g, day + 0.5) - width / 2.0
                                         : u + 3;
      /* Labels at the ends slide in rather than be cut. */
      u = MAX (MIN (u, p->g.width - 1 - width), p->g.axis_start);
      if (u < label_end + LABEL_SPACING / 2.0)
        continue;
      append_layout (p, layout, u, TIMELINE_PAD / 2.0, &text);
      label_end = u + width;
      drawn = TRUE;
    }
}

static void
draw_stack (Painter              *p,
            guint                 track,
            const TimelineColumn *column)
{
  double bottom = p->g.track_top[track] + p->g.stack_height;
  double height = stack_height (&p->g, p->max_n, column->n);
  double y = bottom;
  guint32 below = 0;

  for (guint type = 0; type < MARZ_N_INCIDENT_TYPES; type++)
    {
      double top;

      if (column->counts[type] == 0)
        continue;
      if (stacks_fit (&p->g, p->max_n))
        {
          for (guint k = 0; k < column->counts[type]; k++, y -= UNIT)
            append_rect (p, column->u, y - (UNIT - 1), column->width, UNIT - 1, &p->palette.types[type]);
          continue;
        }
      below += column->counts[type];
      top = bottom - round (height * below / column->n);
      if (y - top >= 1)
        append_rect (p, column->u, top, column->width, y - top, &p->palette.types[type]);
      y = top;
    }
}

static void
draw_spans (Painter *p,
            guint    track)
{
  const TimelineTrack *tr = &p->self->data->tracks[track];
  double y = p->g.track_top[track] + p->g.lane_top;
  gint32 first, last;

  _marz_timeline_visible_days (p->self, &p->g, &first, &last);
  for (guint i = _marz_timeline_lower_bound (tr->spans, first - tr->longest_span); i < tr->spans->len; i++)
    {
      const TimelineBin *bin = &g_array_index (tr->spans, TimelineBin, i);
      const GdkRGBA *color = &p->palette.types[dominant_type (bin)];
      double u0, u1;

      if (bin->first > last)
        break;
      if (bin->last < first)
        continue;
      u0 = _marz_timeline_u_for_day (p->self, &p->g, bin->first);
      u1 = _marz_timeline_u_for_day (p->self, &p->g, bin->last + 1.0);
      append_rect (p, u0 + 1, y, MAX (1, u1 - u0 - 2), p->g.lane_height, color);
    }
}

static void
draw_selected (Painter *p)
{
  MarzTimeline *self = p->self;
  const TimelineMark *mark = &self->selected;
  int t = self->selected_track;
  GArray *columns;

  if (t < 0)
    return;
  if (mark->first != mark->last)
    {
      double u0 = _marz_timeline_u_for_day (self, &p->g, mark->first);
      double u1 = _marz_timeline_u_for_day (self, &p->g, mark->last + 1.0);

      append_outline (p, u0 + 1, p->g.track_top[t] + p->g.lane_top, MAX (1, u1 - u0 - 2),
                      p->g.lane_height, &p->palette.fg);
      return;
    }
  columns = self->columns[t];
  for (guint i = 0; i < columns->len; i++)
    {
      const TimelineColumn *c = &g_array_index (columns, TimelineColumn, i);
      double bottom = p->g.track_top[t] + p->g.stack_height;
      double height = stack_height (&p->g, p->max_n, c->n);

      if (mark->first < c->first || mark->first > c->last)
        continue;
      if (stacks_fit (&p->g, p->max_n))
        {
          guint k = stack_position (self, t, c, mark);

          append_outline (p, c->u, bottom - (k + 1) * UNIT + 1, c->width, UNIT - 1, &p->palette.fg);
        }
      else
        append_outline (p, c->u, bottom - height, c->width, height, &p->palette.fg);
      return;
    }
}

static void
draw_cursor (Painter *p)
{
  MarzTimeline *self = p->self;
  GdkRGBA band = with_alpha (&p->palette.accent, 0.25);
  double top = p->g.header - TICK_LENGTH, bottom = p->g.track_top[1] + TIMELINE_TRACK_HEIGHT;
  double u0, u1;

  if (self->cursor == TIMELINE_NO_DAY || !gtk_widget_has_focus (GTK_WIDGET (self)))
    return;
  u0 = _marz_timeline_u_for_day (self, &p->g, self->cursor);
  u1 = _marz_timeline_u_for_day (self, &p->g, self->cursor + 1.0);
  if (u1 - u0 < 2)
    u0 = (u0 + u1) / 2 - 1, u1 = u0 + 2;
  append_rect (p, u0, top, u1 - u0, bottom - top, &band);
  append_rect (p, (u0 + u1) / 2 - 1, top, 2, TICK_LENGTH + 2, &p->palette.accent);
}

static void
draw_empty (Painter *p)
{
  g_autoptr(PangoLayout) layout = _marz_timeline_label_layout (p->self, _("No dated incidents"));
  GdkRGBA color = with_alpha (&p->palette.fg, 0.6);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  append_layout (p, layout, (p->g.axis_start + p->g.axis_end - width) / 2,
                 p->g.track_top[0] + (TIMELINE_TRACKS_HEIGHT - height) / 2.0, &color);
}

void
_marz_timeline_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  MarzTimeline *self = MARZ_TIMELINE (widget);
  Painter p = { self, snapshot, .rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL };

  _marz_timeline_get_geometry (self, &p.g);
  if (p.g.axis_end > p.g.axis_start)
    {
      get_palette (self, &p.palette);
      draw_track_names (&p);
      gtk_snapshot_push_clip (snapshot,
                              &GRAPHENE_RECT_INIT (p.rtl ? 0 : p.g.axis_start, 0,
                                                   p.g.width - p.g.axis_start, p.g.height));
      draw_tracks (&p);
      draw_range (&p);
      draw_ticks (&p);
      draw_cursor (&p);
      p.max_n = build_all_columns (self, &p.g);
      for (guint t = 0; t < TIMELINE_N_TRACKS; t++)
        {
          for (guint i = 0; i < self->columns[t]->len; i++)
            draw_stack (&p, t, &g_array_index (self->columns[t], TimelineColumn, i));
          draw_spans (&p, t);
        }
      draw_selected (&p);
      if (self->data->first == TIMELINE_NO_DAY)
        draw_empty (&p);
      gtk_snapshot_pop (snapshot);
    }
  gtk_widget_snapshot_child (widget, self->play_button, snapshot);
}
