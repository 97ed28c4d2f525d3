/* marz-snapshot-labels.c: the names and numbers of a figure's markers
 *
 * In a figure for a report the places of the incidents are the names that
 * matter most, so every marker is named: a place as the basemap labels it
 * (in the figure's language, with the same fallbacks), a cluster of up to
 * CLUSTER_MAX_NAMES places by their names, one a line; a larger cluster by
 * its numbers only, which the list explains.  With the list, a white tag
 * with the list's numbers follows the name in its reading order.
 *
 * Name and tag go together around their marker, at the first of a few
 * positions (beside it, on the side the figure reads from first, then the
 * other side, above, below, the corners; then the same further out) that
 * covers no marker, no name or tag placed before and no box of the
 * furniture, and stays inside the map.  Failing that they try apart, and
 * failing that they go where they cover least, never over a marker's
 * centre if it can be helped.  Marks with more incidents are named first.
 *
 * All this happens before the map is drawn: the basemap's own labels then
 * keep clear of the markers, names and tags (see MarzLabelReserve), and
 * leave out the names shown here, so that no name is on the map twice.
 */
#define G_LOG_DOMAIN "marz-snapshot"

#include "marz-snapshot-private.h"

#include <math.h>

#include "marz-basemap-private.h"
#include "marz-mercator.h"

#define NAME_FONT         MARZ_SNAPSHOT_FONT " Bold 13px"
#define NAME_COLOR        0x1d1b18
#define NUMBER_FONT       MARZ_SNAPSHOT_FONT " Bold 10px"
#define NUMBER_MAX_RUNS   4       /* «1–3, 7, 9, 12–14, …» */
#define CLUSTER_MAX_NAMES 3
#define GAP               3.0     /* px between a marker and its name, a name and its tag */
#define CLEARANCE         2.0     /* px kept free around a name or a tag */
#define FURTHER           14.0    /* px: the second ring of positions */

/* What a name or a tag must not cover, worst first. */
typedef enum
{
  OBSTACLE_MARKER,
  OBSTACLE_TEXT,
  OBSTACLE_FURNITURE,
  N_OBSTACLES,
} ObstacleKind;

static const double obstacle_weights[N_OBSTACLES] = { 100, 50, 10 };

typedef struct
{
  MarzSnapshot      *self;
  MarzSnapshotFrame *frame;
  cairo_t           *cr;
  GArray            *obstacles[N_OBSTACLES];   /* MarzBox, figure px */
  MarzBox            bounds;                   /* the map: names stay inside */
  gboolean           rtl;
} Placer;

/* One thing to place: a name, a tag, or both side by side. */
typedef struct
{
  double  w, h;
  MarzBox name, tag;                  /* relative to the group's top left; empty if none */
} Group;

/* Names ----------------------------------------------------------------- */

static char *
place_name (MarzSnapshot *self,
            const char   *place_id)
{
  const MarzPlaceSummary *place;
  const char *label;
  double x, y;
  guint index;

  if (!marz_marker_set_lookup (self->markers, place_id, &index))
    return NULL;
  place = marz_marker_set_get_place (self->markers, index);
  marz_mercator_project_unit (place->lat, place->lon, &x, &y);
  label = _marz_basemap_place_label (self->basemap, place_id, x, y);
  return g_strdup (label != NULL ? label : place->name);
}

static char *
mark_name (MarzSnapshot           *self,
           const MarzSnapshotMark *mark)
{
  g_autoptr(GString) names = NULL;

  if (mark->places->len == 0 || mark->places->len > CLUSTER_MAX_NAMES)
    return NULL;
  names = g_string_new (NULL);
  for (guint i = 0; i < mark->places->len; i++)
    {
      g_autofree char *name = place_name (self, g_ptr_array_index (mark->places, i));
      if (name != NULL)
        g_string_append_printf (names, "%s%s", names->len ? "\n" : "", name);
    }
  return names->len ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

/* Layouts ---------------------------------------------------------------- */

static PangoLayout *
name_layout (cairo_t    *cr,
             const char *name)
{
  return _marz_snapshot_layout_new (cr, NAME_FONT, name);
}

static gboolean
layout_is_rtl (PangoLayout *layout)
{
  return pango_layout_get_line_readonly (layout, 0)->resolved_dir == PANGO_DIRECTION_RTL;
}

static void
logical_size (PangoLayout *layout,
              double      *w,
              double      *h)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *w = (double) logical.width / PANGO_SCALE;
  *h = (double) logical.height / PANGO_SCALE;
}

/* The tag holds its text with 3 px on either side, 1 above and below. */
static void
tag_size (cairo_t    *cr,
          const char *tag,
          double     *w,
          double     *h)
{
  g_autoptr(PangoLayout) layout = _marz_snapshot_layout_new (cr, NUMBER_FONT, tag);

  logical_size (layout, w, h);
  *w += 6, *h += 2;
}

/* Name and tag side by side, the tag after the name as the name reads. */
static Group
group_new (cairo_t          *cr,
           MarzSnapshotMark *mark)
{
  Group g = { 0 };
  double nw = 0, nh = 0, tw = 0, th = 0;
  gboolean rtl = FALSE;

  if (mark->name != NULL)
    {
      g_autoptr(PangoLayout) layout = name_layout (cr, mark->name);
      logical_size (layout, &nw, &nh);
      rtl = layout_is_rtl (layout);
    }
  if (mark->tag != NULL)
    tag_size (cr, mark->tag, &tw, &th);
  g.w = nw + tw + (nw > 0 && tw > 0 ? GAP : 0);
  g.h = MAX (nh, th);
  if (nw > 0)
    {
      double x = rtl ? g.w - nw : 0;
      g.name = (MarzBox) { x, (g.h - nh) / 2, x + nw, (g.h + nh) / 2 };
    }
  if (tw > 0)
    {
      double x = rtl ? 0 : g.w - tw;
      g.tag = (MarzBox) { x, (g.h - th) / 2, x + tw, (g.h + th) / 2 };
    }
  return g;
}

static gboolean
box_is_empty (const MarzBox *box)
{
  return box->x1 <= box->x0;
}

static MarzBox
box_moved (const MarzBox *box,
           double         dx,
           double         dy)
{
  return (MarzBox) { box->x0 + dx, box->y0 + dy, box->x1 + dx, box->y1 + dy };
}

static MarzBox
box_grown (const MarzBox *box,
           double         dx,
           double         dy)
{
  return (MarzBox) { box->x0 - dx, box->y0 - dy, box->x1 + dx, box->y1 + dy };
}

/* Placing ---------------------------------------------------------------- */

static double
overlap_area (const MarzBox *a,
              const MarzBox *b)
{
  double w = MIN (a->x1, b->x1) - MAX (a->x0, b->x0), h = MIN (a->y1, b->y1) - MAX (a->y0, b->y0);

  return w > 0 && h > 0 ? w * h : 0;
}

/* 0 where @box is free; else the more, the worse it covers. */
static double
box_cost (Placer        *placer,
          const MarzBox *box)
{
  MarzBox grown = box_grown (box, CLEARANCE, CLEARANCE);
  double cost = 0;

  if (!_marz_box_contains (&placer->bounds, box))
    cost += 1e4 + (box->x1 - box->x0) * (box->y1 - box->y0) - overlap_area (box, &placer->bounds);
  for (guint k = 0; k < N_OBSTACLES; k++)
    for (guint i = 0; i < placer->obstacles[k]->len; i++)
      cost += obstacle_weights[k] * overlap_area (&grown, &g_array_index (placer->obstacles[k], MarzBox, i));
  return cost;
}

static double
group_cost (Placer        *placer,
            const Group   *g,
            double         x,
            double         y)
{
  double cost = 0;

  if (!box_is_empty (&g->name))
    cost += box_cost (placer, &(MarzBox) { x + g->name.x0, y + g->name.y0, x + g->name.x1, y + g->name.y1 });
  if (!box_is_empty (&g->tag))
    cost += box_cost (placer, &(MarzBox) { x + g->tag.x0, y + g->tag.y0, x + g->tag.x1, y + g->tag.y1 });
  return cost;
}

/* Around the marker: beside it (the side the figure reads from first),
 * above, below, at the corners; then all that again further out. */
static const double directions[][2] = {
  { 1, 0 }, { -1, 0 }, { 0, -1 }, { 0, 1 }, { 1, -1 }, { -1, -1 }, { 1, 1 }, { -1, 1 },
};
#define N_POSITIONS (2 * G_N_ELEMENTS (directions))

static void
position (Placer                 *placer,
          const MarzSnapshotMark *mark,
          guint                   k,
          double                  w,
          double                  h,
          double                 *x,
          double                 *y,
          double                 *side)
{
  double dx = directions[k % G_N_ELEMENTS (directions)][0] * (placer->rtl ? -1 : 1);
  double dy = directions[k % G_N_ELEMENTS (directions)][1];
  double d = mark->radius + GAP + (k >= G_N_ELEMENTS (directions) ? FURTHER : 0);

  /* At a corner too the box keeps clear of the marker's square, which is
   * what the other markers' names are checked against. */
  *x = dx > 0 ? mark->x + d : dx < 0 ? mark->x - d - w : mark->x - w / 2;
  *y = dy > 0 ? mark->y + d : dy < 0 ? mark->y - d - h : mark->y - h / 2;
  *x = round (*x), *y = round (*y);
  *side = dx;
}

/* The first free position, or the one that covers least. */
static double
find_position (Placer                 *placer,
               const MarzSnapshotMark *mark,
               const Group            *g,
               double                 *x,
               double                 *y,
               double                 *side)
{
  double best = G_MAXDOUBLE;

  for (guint k = 0; k < N_POSITIONS; k++)
    {
      double cx, cy, cside, cost;

      position (placer, mark, k, g->w, g->h, &cx, &cy, &cside);
      cost = group_cost (placer, g, cx, cy);
      if (cost < best)
        {
          best = cost;
          *x = cx, *y = cy, *side = cside;
        }
      if (cost == 0)
        break;
    }
  return best;
}

static void
add_obstacle (Placer        *placer,
              const MarzBox *box)
{
  if (!box_is_empty (box))
    g_array_append_val (placer->obstacles[OBSTACLE_TEXT], *box);
}

static PangoAlignment
alignment_for (double side)
{
  return side > 0 ? PANGO_ALIGN_LEFT : side < 0 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER;
}

/* One of a group's boxes on its own. */
static Group
group_part (const MarzBox *box,
            gboolean       is_tag)
{
  Group g = { box->x1 - box->x0, box->y1 - box->y0, { 0 }, { 0 } };
  MarzBox *part = is_tag ? &g.tag : &g.name;

  *part = (MarzBox) { 0, 0, g.w, g.h };
  return g;
}

/* Name and tag apart, the tag first (it ties the marker to the list):
 * only if both find a free place. */
static gboolean
place_apart (Placer           *placer,
             MarzSnapshotMark *mark,
             const Group      *g)
{
  Group name = group_part (&g->name, FALSE), tag = group_part (&g->tag, TRUE);
  double nx, ny, nside, tx, ty, tside;
  MarzBox tag_box;

  if (find_position (placer, mark, &tag, &tx, &ty, &tside) > 0)
    return FALSE;
  tag_box = box_moved (&tag.tag, tx, ty);
  add_obstacle (placer, &tag_box);
  if (find_position (placer, mark, &name, &nx, &ny, &nside) > 0)
    {
      g_array_set_size (placer->obstacles[OBSTACLE_TEXT], placer->obstacles[OBSTACLE_TEXT]->len - 1);
      return FALSE;
    }
  mark->tag_box = tag_box;
  mark->name_box = box_moved (&name.name, nx, ny);
  mark->name_align = alignment_for (nside);
  add_obstacle (placer, &mark->name_box);
  return TRUE;
}

/* Name and tag as one group; if that finds no free place, each on its own;
 * failing that, the group where it covers least. */
static void
place_mark (Placer           *placer,
            MarzSnapshotMark *mark)
{
  Group g = group_new (placer->cr, mark);
  double x = 0, y = 0, side = 0;

  if (g.w <= 0)
    return;
  if (find_position (placer, mark, &g, &x, &y, &side) > 0 && mark->name && mark->tag
      && place_apart (placer, mark, &g))
    return;
  mark->name_box = box_is_empty (&g.name) ? g.name : box_moved (&g.name, x, y);
  mark->tag_box = box_is_empty (&g.tag) ? g.tag : box_moved (&g.tag, x, y);
  mark->name_align = alignment_for (side);
  add_obstacle (placer, &mark->name_box);
  add_obstacle (placer, &mark->tag_box);
}

static int
compare_importance (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  GArray *marks = user_data;
  const MarzSnapshotMark *x = &g_array_index (marks, MarzSnapshotMark, *(const guint *) a);
  const MarzSnapshotMark *y = &g_array_index (marks, MarzSnapshotMark, *(const guint *) b);

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return (x->y > y->y) - (x->y < y->y);
}

static gboolean
mark_in_map (const MarzSnapshotFrame *frame,
             const MarzSnapshotMark  *mark)
{
  return mark->x >= frame->map_x && mark->x <= frame->map_x + frame->map_width
      && mark->y >= frame->map_y && mark->y <= frame->map_y + frame->map_height;
}

/**
 * _marz_snapshot_place_labels:
 * @cr: the context the figure will be drawn on, for text metrics
 *
 * Names each mark in view and places its name and tag (see the top of
 * this file); also lays out the furniture, to keep clear of it.
 */
void
_marz_snapshot_place_labels (MarzSnapshot      *self,
                             MarzSnapshotFrame *frame,
                             cairo_t           *cr)
{
  Placer placer = { self, frame, cr, { NULL }, {
    frame->map_x + 2, frame->map_y + 2, frame->map_x + frame->map_width - 2, frame->map_y + frame->map_height - 2,
  }, _marz_snapshot_is_rtl (self) };
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));

  g_clear_pointer (&frame->furniture_boxes, g_array_unref);
  frame->furniture_boxes = _marz_snapshot_furniture_boxes (self, frame, cr);
  placer.obstacles[OBSTACLE_MARKER] = g_array_new (FALSE, FALSE, sizeof (MarzBox));
  placer.obstacles[OBSTACLE_TEXT] = g_array_new (FALSE, FALSE, sizeof (MarzBox));
  placer.obstacles[OBSTACLE_FURNITURE] = g_array_ref (frame->furniture_boxes);
  for (guint i = 0; i < frame->marks->len; i++)
    {
      MarzSnapshotMark *mark = &g_array_index (frame->marks, MarzSnapshotMark, i);
      MarzBox disc = { mark->x - mark->radius, mark->y - mark->radius, mark->x + mark->radius, mark->y + mark->radius };

      g_array_append_val (placer.obstacles[OBSTACLE_MARKER], disc);
      if (!mark_in_map (frame, mark))
        continue;
      mark->name = mark_name (self, mark);
      if (self->furniture & MARZ_SNAPSHOT_LIST)
        mark->tag = _marz_snapshot_format_numbers (mark->numbers, NUMBER_MAX_RUNS);
      g_array_append_val (order, i);
    }
  g_array_sort_with_data (order, compare_importance, frame->marks);
  for (guint i = 0; i < order->len; i++)
    place_mark (&placer, &g_array_index (frame->marks, MarzSnapshotMark, g_array_index (order, guint, i)));
  for (guint k = 0; k < N_OBSTACLES; k++)
    g_array_unref (placer.obstacles[k]);
}

static void
reserve_box (MarzLabelReserve        *reserve,
             const MarzSnapshotFrame *frame,
             const MarzBox           *box,
             double                   room)
{
  MarzBox moved;

  if (box_is_empty (box))
    return;
  moved = box_grown (box, room, room > 0 ? 1 : 0);
  moved = box_moved (&moved, -frame->map_x, -frame->map_y);
  g_array_append_val (reserve->boxes, moved);
}

/* The basemap's view starts at the map's top left.  Names get the room
 * the basemap keeps between two of its own, so that two never read as one. */
MarzLabelReserve *
_marz_snapshot_label_reserve_new (const MarzSnapshotFrame *frame)
{
  MarzLabelReserve *reserve = g_new0 (MarzLabelReserve, 1);

  reserve->boxes = g_array_new (FALSE, FALSE, sizeof (MarzBox));
  reserve->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < frame->marks->len; i++)
    {
      const MarzSnapshotMark *mark = &g_array_index (frame->marks, MarzSnapshotMark, i);
      MarzBox disc = { mark->x - mark->radius - 1, mark->y - mark->radius - 1,
                       mark->x + mark->radius + 1, mark->y + mark->radius + 1 };

      reserve_box (reserve, frame, &disc, 0);
      reserve_box (reserve, frame, &mark->name_box, 5);
      reserve_box (reserve, frame, &mark->tag_box, 5);
      if (mark->name != NULL)
        {
          g_auto(GStrv) lines = g_strsplit (mark->name, "\n", -1);
          for (guint k = 0; lines[k]; k++)
            g_hash_table_add (reserve->names, g_steal_pointer (&lines[k]));
        }
    }
  return reserve;
}

void
_marz_snapshot_label_reserve_free (MarzLabelReserve *reserve)
{
  g_array_unref (reserve->boxes);
  g_hash_table_unref (reserve->names);
  g_free (reserve);
}

/* Drawing ----------------------------------------------------------------- */

/* The lines of a cluster's names flush towards its marker. */
static void
draw_name (const MarzSnapshotMark *mark,
           cairo_t                *cr)
{
  g_autoptr(PangoLayout) layout = name_layout (cr, mark->name);
  PangoAlignment align = mark->name_align;

  if (layout_is_rtl (layout) && align != PANGO_ALIGN_CENTER)
    align = align == PANGO_ALIGN_LEFT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
  pango_layout_set_width (layout, (int) ceil ((mark->name_box.x1 - mark->name_box.x0) * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  cairo_move_to (cr, mark->name_box.x0, mark->name_box.y0);
  _marz_set_color (cr, NAME_COLOR, 1);
  _marz_show_layout (cr, layout, MARZ_LABEL_HALO);
}

/* The list's numbers on a white tag, so that they read over any part of
 * the map. */
static void
draw_tag (const MarzSnapshotMark *mark,
          cairo_t                *cr)
{
  g_autoptr(PangoLayout) layout = _marz_snapshot_layout_new (cr, NUMBER_FONT, mark->tag);
  const MarzBox *box = &mark->tag_box;

  cairo_rectangle (cr, box->x0, box->y0, box->x1 - box->x0, box->y1 - box->y0);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_set_line_width (cr, 0.75);
  cairo_stroke (cr);
  cairo_move_to (cr, box->x0 + 3, box->y0 + 1);
  _marz_show_layout (cr, layout, 0);
}

void
_marz_snapshot_draw_labels (MarzSnapshot      *self,
                            MarzSnapshotFrame *frame,
                            cairo_t           *cr)
{
  for (guint i = 0; i < frame->marks->len; i++)
    {
      const MarzSnapshotMark *mark = &g_array_index (frame->marks, MarzSnapshotMark, i);

      if (mark->tag != NULL && !box_is_empty (&mark->tag_box))
        draw_tag (mark, cr);
      if (mark->name != NULL && !box_is_empty (&mark->name_box))
        draw_name (mark, cr);
    }
}

GArray *
_marz_snapshot_layout_marks (MarzSnapshot *self,
                             cairo_t      *cr)
{
  MarzSnapshotFrame frame;
  GArray *marks;

  _marz_snapshot_frame_init (self, &frame);
  _marz_snapshot_collect_marks (self, &frame);
  _marz_snapshot_place_labels (self, &frame, cr);
  marks = g_steal_pointer (&frame.marks);
  _marz_snapshot_frame_clear (&frame);
  return marks;
}
