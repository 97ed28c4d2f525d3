/* marz-basemap-geometry.c
 *
 * Shapes into cairo paths, in device pixels.  Points closer than half a
 * device pixel to the previous one are skipped, and geometry reaching well
 * outside the view is clipped before cairo sees it: its fixed-point
 * coordinates overflow around ±8 million pixels (zoom 15 and up).
 */
#define G_LOG_DOMAIN "marz-basemap"

#include "marz-basemap-private.h"

#include <math.h>

MarzBox
_marz_view_unit_box (const MarzView *view,
                     double          margin)
{
  return (MarzBox) {
    (view->origin_x - margin) / view->world,
    (view->origin_y - margin) / view->world,
    (view->origin_x + view->width + margin) / view->world,
    (view->origin_y + view->height + margin) / view->world,
  };
}

/* The clip box (the view grown by a margin) in the unit square. */
static MarzBox
clip_unit_box (const MarzView *view)
{
  return (MarzBox) {
    (view->clip.x0 / view->scale + view->origin_x) / view->world,
    (view->clip.y0 / view->scale + view->origin_y) / view->world,
    (view->clip.x1 / view->scale + view->origin_x) / view->world,
    (view->clip.y1 / view->scale + view->origin_y) / view->world,
  };
}

static inline MarzPoint
to_device (const MarzView  *view,
           const MarzPoint *p)
{
  return (MarzPoint) {
    (p->x * view->world - view->origin_x) * view->scale,
    (p->y * view->world - view->origin_y) * view->scale,
  };
}

static inline double
dist2 (const MarzPoint *a,
       const MarzPoint *b)
{
  return (a->x - b->x) * (a->x - b->x) + (a->y - b->y) * (a->y - b->y);
}

static inline gboolean
inside_edge (const MarzPoint *p,
             int              edge,
             const MarzBox   *box)
{
  switch (edge)
    {
    case 0: return p->x >= box->x0;
    case 1: return p->x <= box->x1;
    case 2: return p->y >= box->y0;
    default: return p->y <= box->y1;
    }
}

static inline MarzPoint
cross_edge (const MarzPoint *a,
            const MarzPoint *b,
            int              edge,
            const MarzBox   *box)
{
  double bound = (double[]) { box->x0, box->x1, box->y0, box->y1 }[edge];
  double t;

  if (edge < 2)
    {
      t = (bound - a->x) / (b->x - a->x);
      return (MarzPoint) { bound, a->y + t * (b->y - a->y) };
    }
  t = (bound - a->y) / (b->y - a->y);
  return (MarzPoint) { a->x + t * (b->x - a->x), bound };
}

/* Sutherland–Hodgman: right for filling, and the edges it adds lie on the
 * clip box, outside the view.  (Outlines are clipped as lines instead.) */
static GArray *
clip_polygon (MarzView *view)
{
  GArray *in = view->scratch, *out = view->scratch2;

  for (int edge = 0; edge < 4 && in->len > 0; edge++)
    {
      const MarzPoint *p = (const MarzPoint *) in->data;

      g_array_set_size (out, 0);
      for (guint i = 0, j = in->len - 1; i < in->len; j = i++)
        {
          gboolean cur = inside_edge (&p[i], edge, &view->clip), prev = inside_edge (&p[j], edge, &view->clip);
          if (cur != prev)
            {
              MarzPoint c = cross_edge (&p[j], &p[i], edge, &view->clip);
              g_array_append_val (out, c);
            }
          if (cur)
            g_array_append_val (out, p[i]);
        }
      GArray *swap = in;
      in = out, out = swap;
    }
  return in;
}

static void
add_ring_path (MarzView        *view,
               const MarzLayer *layer,
               const MarzRing  *ring)
{
  const MarzPoint *p = _marz_ring_points (layer, ring);
  MarzPoint lo = { ring->bbox.x0, ring->bbox.y0 }, hi = { ring->bbox.x1, ring->bbox.y1 };
  MarzPoint dlo = to_device (view, &lo), dhi = to_device (view, &hi), last = { 0, 0 };
  MarzBox dbox = { dlo.x, dlo.y, dhi.x, dhi.y };
  GArray *points = view->scratch;

  /* Islands smaller than a pixel fill nothing worth the path. */
  if (dhi.x - dlo.x < 0.5 && dhi.y - dlo.y < 0.5)
    return;
  g_array_set_size (points, 0);
  for (guint i = 0; i < ring->n; i++)
    {
      MarzPoint d = to_device (view, &p[i]);
      if (i > 0 && i + 1 < ring->n && dist2 (&d, &last) < 0.25)
        continue;
      g_array_append_val (points, d);
      last = d;
    }
  if (!_marz_box_contains (&view->clip, &dbox))
    points = clip_polygon (view);
  if (points->len < 3)
    return;

  cairo_move_to (view->cr, g_array_index (points, MarzPoint, 0).x, g_array_index (points, MarzPoint, 0).y);
  for (guint i = 1; i < points->len; i++)
    cairo_line_to (view->cr, g_array_index (points, MarzPoint, i).x, g_array_index (points, MarzPoint, i).y);
  cairo_close_path (view->cr);
}

/**
 * _marz_view_add_polygon_path:
 *
 * Appends the rings of @feature that touch the view to the current path, in
 * device pixels.  Fill with %CAIRO_FILL_RULE_EVEN_ODD so holes stay holes.
 */
void
_marz_view_add_polygon_path (MarzView          *view,
                             const MarzLayer   *layer,
                             const MarzFeature *feature)
{
  MarzBox unit = clip_unit_box (view);

  if (!_marz_box_intersects (&feature->bbox, &unit))
    return;
  for (guint r = 0; r < feature->n_rings; r++)
    {
      const MarzRing *ring = _marz_feature_ring (layer, feature, r);
      if (_marz_box_intersects (&ring->bbox, &unit))
        add_ring_path (view, layer, ring);
    }
}

/* Liang–Barsky: clips a→b to @box, giving the parameters of the part kept. */
static gboolean
clip_segment (const MarzBox *box,
              MarzPoint     *a,
              MarzPoint     *b,
              double        *t0,
              double        *t1)
{
  double dx = b->x - a->x, dy = b->y - a->y;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { a->x - box->x0, box->x1 - a->x, a->y - box->y0, box->y1 - a->y };
  MarzPoint start = *a;

  *t0 = 0, *t1 = 1;
  for (int k = 0; k < 4; k++)
    {
      if (p[k] == 0)
        {
          if (q[k] < 0)
            return FALSE;
          continue;
        }
      double r = q[k] / p[k];
      if (p[k] < 0)
        *t0 = MAX (*t0, r);
      else
        *t1 = MIN (*t1, r);
      if (*t0 > *t1)
        return FALSE;
    }
  *a = (MarzPoint) { start.x + *t0 * dx, start.y + *t0 * dy };
  *b = (MarzPoint) { start.x + *t1 * dx, start.y + *t1 * dy };
  return TRUE;
}

typedef struct
{
  MarzView     *view;
  const double *dashes;             /* device px */
  int           n_dashes;
  double        period;
  gboolean      open;
  MarzPoint     last;
} LineRun;

/* Each run of a dashed line is stroked on its own, its dash phase set from
 * the distance along the whole line: the dashes then meet at tile edges. */
static void
run_start (LineRun         *run,
           const MarzPoint *at,
           double           unit_length)
{
  cairo_t *cr = run->view->cr;

  if (run->open && run->n_dashes > 0)
    cairo_stroke (cr);
  if (run->n_dashes > 0)
    cairo_set_dash (cr, run->dashes, run->n_dashes,
                    fmod (unit_length * run->view->world * run->view->scale, run->period));
  cairo_move_to (cr, at->x, at->y);
  run->open = TRUE;
  run->last = *at;
}

/* Whether a→b runs along one edge of @box: the cut a clip to the region
 * left in a polygon, which is no border and must not be drawn as one. */
static gboolean
along_edge (const MarzPoint *a,
            const MarzPoint *b,
            const MarzBox   *box)
{
  return (a->x == b->x && (a->x == box->x0 || a->x == box->x1))
      || (a->y == b->y && (a->y == box->y0 || a->y == box->y1));
}

static gboolean
within (const MarzPoint *a,
        const MarzBox   *box)
{
  return a->x >= box->x0 && a->x <= box->x1 && a->y >= box->y0 && a->y <= box->y1;
}

static gboolean
skip_edge (const MarzOutlineSkip *skip,
           const MarzPoint       *a,
           const MarzPoint       *b)
{
  if (skip == NULL)
    return FALSE;
  if (skip->inside)
    return within (a, &skip->box) && within (b, &skip->box);
  return along_edge (a, b, &skip->box);
}

/* Adds the visible runs of one line string (or ring) to the path. */
static void
trace_line (LineRun               *run,
            const MarzLayer       *layer,
            const MarzRing        *ring,
            const MarzOutlineSkip *skip)
{
  const MarzPoint *p = _marz_ring_points (layer, ring);
  const double *len = layer->lengths ? &g_array_index (layer->lengths, double, ring->first) : NULL;
  const guint8 *shared = layer->shared ? layer->shared + ring->first : NULL;
  MarzView *view = run->view;
  gboolean joined = FALSE;

  for (guint i = 0; i + 1 < ring->n; i++)
    {
      MarzPoint a = to_device (view, &p[i]), b = to_device (view, &p[i + 1]);
      double t0, t1;

      if ((shared != NULL && shared[i]) || skip_edge (skip, &p[i], &p[i + 1])
          || !clip_segment (&view->clip, &a, &b, &t0, &t1))
        {
          joined = FALSE;
          continue;
        }
      if (!joined || t0 > 0)
        run_start (run, &a, len ? len[i] + t0 * (len[i + 1] - len[i]) : 0);
      if (t1 < 1 || i + 2 == ring->n || dist2 (&b, &run->last) >= 0.25)
        {
          cairo_line_to (view->cr, b.x, b.y);
          run->last = b;
        }
      joined = t1 >= 1;
    }
}

static void
trace_feature (LineRun               *run,
               const MarzLayer       *layer,
               const MarzFeature     *feature,
               const MarzOutlineSkip *skip)
{
  MarzBox unit = clip_unit_box (run->view);

  if (!_marz_box_intersects (&feature->bbox, &unit))
    return;
  for (guint r = 0; r < feature->n_rings; r++)
    {
      const MarzRing *ring = _marz_feature_ring (layer, feature, r);
      if (_marz_box_intersects (&ring->bbox, &unit))
        trace_line (run, layer, ring, skip);
    }
}

/**
 * _marz_view_add_outline_path:
 * @skip: (nullable): which edges to leave out
 *
 * Appends the outline of @feature's polygons to the current path, as open
 * line strings clipped to the view: stroke it, don't fill it.
 */
void
_marz_view_add_outline_path (MarzView              *view,
                             const MarzLayer       *layer,
                             const MarzFeature     *feature,
                             const MarzOutlineSkip *skip)
{
  LineRun run = { view, NULL, 0, 0, FALSE, { 0, 0 } };

  trace_feature (&run, layer, feature, skip);
}

/**
 * _marz_view_stroke_lines:
 * @dashes: (nullable): a dash pattern in device px
 *
 * Strokes the line strings of @feature that touch the view, with the source,
 * width and caps already set on the view's cairo context.
 */
void
_marz_view_stroke_lines (MarzView          *view,
                         const MarzLayer   *layer,
                         const MarzFeature *feature,
                         const double      *dashes,
                         int                n_dashes)
{
  LineRun run = { view, dashes, n_dashes, 0, FALSE, { 0, 0 } };

  for (int i = 0; i < n_dashes; i++)
    run.period += dashes[i];
  trace_feature (&run, layer, feature, NULL);
  if (run.open)
    cairo_stroke (view->cr);
  if (n_dashes > 0)
    cairo_set_dash (view->cr, NULL, 0, 0);
}
