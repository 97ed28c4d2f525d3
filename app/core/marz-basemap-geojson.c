/* marz-basemap-geojson.c
 *
 * GeoJSON (RFC 7946, lon/lat) in, the Mercator unit square out: each file is
 * projected once at load, with a bounding box per feature and per ring so a
 * tile only touches what it shows.  Also the geometric questions labels ask
 * of a shape: does it contain a point, where is there room for its name.
 */
#define G_LOG_DOMAIN "marz-basemap"

#include "marz-basemap-private.h"
#include "marz-mercator.h"

#include <json-glib/json-glib.h>
#include <math.h>

typedef struct
{
  MarzLayer  *layer;
  const char *path;
  guint       index;                /* the feature being read, for errors */
  gboolean    lines;
} Loader;

static const char * const lang_suffix[MARZ_N_LANGS] = { "en", "ar", "fa", "ps" };

static void
feature_clear (MarzFeature *feature)
{
  g_free (feature->iso_a2);
  g_free (feature->gazetteer_id);
  for (guint i = 0; i < MARZ_N_LANGS; i++)
    g_free (feature->names[i]);
}

void
_marz_layer_free (MarzLayer *layer)
{
  g_clear_pointer (&layer->points, g_array_unref);
  g_clear_pointer (&layer->lengths, g_array_unref);
  g_clear_pointer (&layer->rings, g_array_unref);
  g_clear_pointer (&layer->features, g_array_unref);
  g_free (layer->shared);
  g_free (layer);
}

static MarzLayer *
layer_new (gboolean lines)
{
  MarzLayer *layer = g_new0 (MarzLayer, 1);

  layer->points = g_array_new (FALSE, FALSE, sizeof (MarzPoint));
  layer->lengths = lines ? g_array_new (FALSE, FALSE, sizeof (double)) : NULL;
  layer->rings = g_array_new (FALSE, FALSE, sizeof (MarzRing));
  layer->features = g_array_new (FALSE, FALSE, sizeof (MarzFeature));
  g_array_set_clear_func (layer->features, (GDestroyNotify) feature_clear);
  layer->bbox = (MarzBox) { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  return layer;
}

static void
box_add_box (MarzBox       *box,
             const MarzBox *other)
{
  box->x0 = MIN (box->x0, other->x0);
  box->y0 = MIN (box->y0, other->y0);
  box->x1 = MAX (box->x1, other->x1);
  box->y1 = MAX (box->y1, other->y1);
}

gboolean
_marz_box_intersects (const MarzBox *a,
                      const MarzBox *b)
{
  return a->x0 <= b->x1 && b->x0 <= a->x1 && a->y0 <= b->y1 && b->y0 <= a->y1;
}

gboolean
_marz_box_contains (const MarzBox *outer,
                    const MarzBox *inner)
{
  return inner->x0 >= outer->x0 && inner->x1 <= outer->x1 && inner->y0 >= outer->y0 && inner->y1 <= outer->y1;
}

static gboolean
fail (Loader     *ld,
      GError    **error,
      const char *why)
{
  g_set_error (error, MARZ_BASEMAP_ERROR, MARZ_BASEMAP_ERROR_INVALID,
               "%s: feature %u: %s", ld->path, ld->index, why);
  return FALSE;
}

static gboolean
get_number (JsonArray *array,
            guint      i,
            double     limit,
            double    *value)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_double (node);
  return *value >= -limit && *value <= limit;
}

static gboolean
read_position (JsonNode  *node,
               MarzPoint *point)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  double lat, lon;

  if (array == NULL || json_array_get_length (array) < 2
      || !get_number (array, 0, 180, &lon) || !get_number (array, 1, 90, &lat))
    return FALSE;
  marz_mercator_project_unit (lat, lon, &point->x, &point->y);
  return TRUE;
}

static void
add_length (Loader          *ld,
            guint            first,
            const MarzPoint *p)
{
  MarzLayer *layer = ld->layer;
  double length = 0;

  if (layer->points->len > first)
    {
      const MarzPoint *q = &g_array_index (layer->points, MarzPoint, layer->points->len - 1);
      length = g_array_index (layer->lengths, double, layer->lengths->len - 1) + hypot (p->x - q->x, p->y - q->y);
    }
  g_array_append_val (layer->lengths, length);
}

/* A polygon ring or a line string: an array of positions. */
static gboolean
read_ring (Loader    *ld,
           JsonNode  *node,
           GError   **error)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  MarzRing ring = { ld->layer->points->len, 0, { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE } };
  guint min = ld->lines ? 2 : 3;

  if (array == NULL || json_array_get_length (array) < min)
    return fail (ld, error, ld->lines ? "a line string needs two positions" : "a ring needs four positions");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      MarzPoint p;
      if (!read_position (json_array_get_element (array, i), &p))
        return fail (ld, error, "a position is not [lon, lat] within ±180, ±90");
      if (ld->lines)
        add_length (ld, ring.first, &p);
      g_array_append_val (ld->layer->points, p);
      box_add_box (&ring.bbox, &(MarzBox) { p.x, p.y, p.x, p.y });
    }
  ring.n = ld->layer->points->len - ring.first;
  g_array_append_val (ld->layer->rings, ring);
  return TRUE;
}

/* An array of rings (Polygon, MultiLineString) or, at depth 2, of those (MultiPolygon). */
static gboolean
read_rings (Loader    *ld,
            JsonNode  *node,
            guint      depth,
            GError   **error)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (depth == 0)
    return read_ring (ld, node, error);
  if (array == NULL)
    return fail (ld, error, "“coordinates” is not an array");
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!read_rings (ld, json_array_get_element (array, i), depth - 1, error))
      return FALSE;
  return TRUE;
}

static gboolean
read_geometry (Loader     *ld,
               JsonObject *geometry,
               GError    **error)
{
  const char *type = json_object_get_string_member_with_default (geometry, "type", "");
  JsonNode *coordinates = json_object_get_member (geometry, "coordinates");
  const char *want[2][2] = { { "Polygon", "MultiPolygon" }, { "LineString", "MultiLineString" } };

  if (g_str_equal (type, "GeometryCollection"))
    {
      JsonArray *geometries = json_object_get_array_member (geometry, "geometries");
      for (guint i = 0; geometries && i < json_array_get_length (geometries); i++)
        {
          JsonNode *node = json_array_get_element (geometries, i);
          if (!JSON_NODE_HOLDS_OBJECT (node) || !read_geometry (ld, json_node_get_object (node), error))
            return FALSE;
        }
      return TRUE;
    }
  if (coordinates == NULL)
    return fail (ld, error, "the geometry has no “coordinates”");
  if (g_str_equal (type, want[ld->lines][0]))
    return read_rings (ld, coordinates, ld->lines ? 0 : 1, error);
  if (g_str_equal (type, want[ld->lines][1]))
    return read_rings (ld, coordinates, ld->lines ? 1 : 2, error);
  return fail (ld, error, ld->lines ? "not a (Multi)LineString" : "not a (Multi)Polygon");
}

static char *
dup_property (JsonObject *properties,
              const char *name)
{
  JsonNode *node = properties ? json_object_get_member (properties, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  if (*json_node_get_string (node) == '\0')
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static void
read_properties (MarzFeature *feature,
                 JsonObject  *properties)
{
  for (guint i = 0; i < MARZ_N_LANGS; i++)
    {
      g_autofree char *key = g_strconcat ("name_", lang_suffix[i], NULL);
      feature->names[i] = dup_property (properties, key);
    }
  if (feature->names[MARZ_LANG_EN] == NULL)
    feature->names[MARZ_LANG_EN] = dup_property (properties, "name");
  feature->iso_a2 = dup_property (properties, "iso_a2");
  if (feature->iso_a2 == NULL)
    feature->iso_a2 = dup_property (properties, "country");
  feature->gazetteer_id = dup_property (properties, "gazetteer_id");
}

static gboolean
read_feature (Loader    *ld,
              JsonNode  *node,
              GError   **error)
{
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *geometry = obj ? json_object_get_member (obj, "geometry") : NULL;
  JsonNode *properties = obj ? json_object_get_member (obj, "properties") : NULL;
  MarzFeature feature = { { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE }, ld->layer->rings->len, 0 };

  if (obj == NULL || g_strcmp0 (json_object_get_string_member_with_default (obj, "type", NULL), "Feature") != 0)
    return fail (ld, error, "not a Feature");
  /* RFC 7946 allows a feature without a location. */
  if (geometry == NULL || JSON_NODE_HOLDS_NULL (geometry))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (geometry) || !read_geometry (ld, json_node_get_object (geometry), error))
    return JSON_NODE_HOLDS_OBJECT (geometry) ? FALSE : fail (ld, error, "“geometry” is not an object");

  feature.n_rings = ld->layer->rings->len - feature.first_ring;
  for (guint i = 0; i < feature.n_rings; i++)
    box_add_box (&feature.bbox, &g_array_index (ld->layer->rings, MarzRing, feature.first_ring + i).bbox);
  if (feature.n_rings == 0)
    return TRUE;
  read_properties (&feature, properties && JSON_NODE_HOLDS_OBJECT (properties)
                             ? json_node_get_object (properties) : NULL);
  box_add_box (&ld->layer->bbox, &feature.bbox);
  g_array_append_val (ld->layer->features, feature);
  return TRUE;
}

typedef struct
{
  MarzPoint a, b;                   /* a < b */
  guint     index;                  /* of the point the edge starts at */
} Edge;

static gint
compare_points (const MarzPoint *p,
                const MarzPoint *q)
{
  if (p->x != q->x)
    return p->x < q->x ? -1 : 1;
  return (p->y > q->y) - (p->y < q->y);
}

static gint
compare_edges (gconstpointer x,
               gconstpointer y)
{
  const Edge *e = x, *f = y;
  gint c = compare_points (&e->a, &f->a);

  if (c == 0)
    c = compare_points (&e->b, &f->b);
  return c != 0 ? c : (e->index > f->index) - (e->index < f->index);
}

/* Neighbouring polygons share their common border point for point (the
 * files are cut from one topology): mark every edge met before so that each
 * border is stroked once, not twice, darker and at twice the cost. */
static void
mark_shared_edges (MarzLayer *layer)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  const MarzPoint *p = (const MarzPoint *) layer->points->data;

  layer->shared = g_new0 (guint8, layer->points->len);
  for (guint r = 0; r < layer->rings->len; r++)
    {
      const MarzRing *ring = &g_array_index (layer->rings, MarzRing, r);

      for (guint i = ring->first; i + 1 < ring->first + ring->n; i++)
        {
          gboolean forward = compare_points (&p[i], &p[i + 1]) < 0;
          Edge e = { forward ? p[i] : p[i + 1], forward ? p[i + 1] : p[i], i };
          g_array_append_val (edges, e);
        }
    }
  g_array_sort (edges, compare_edges);
  for (guint i = 1; i < edges->len; i++)
    {
      const Edge *e = &g_array_index (edges, Edge, i), *prev = &g_array_index (edges, Edge, i - 1);
      if (compare_points (&e->a, &prev->a) == 0 && compare_points (&e->b, &prev->b) == 0)
        layer->shared[e->index] = 1;
    }
}

/**
 * _marz_layer_load:
 * @lines: whether the file holds (Multi)LineStrings rather than (Multi)Polygons
 *
 * Returns: (transfer full): the file, projected, or %NULL with @error set
 */
MarzLayer *
_marz_layer_load (const char  *path,
                  gboolean     lines,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MarzLayer) layer = layer_new (lines);
  Loader ld = { layer, path, 0, lines };
  JsonNode *root;
  JsonArray *features;

  if (!json_parser_load_from_mapped_file (parser, path, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root), "type", NULL),
                    "FeatureCollection") != 0
      || (features = json_object_get_array_member (json_node_get_object (root), "features")) == NULL)
    {
      g_set_error (error, MARZ_BASEMAP_ERROR, MARZ_BASEMAP_ERROR_INVALID,
                   "%s: not a GeoJSON FeatureCollection", path);
      return NULL;
    }
  for (ld.index = 0; ld.index < json_array_get_length (features); ld.index++)
    if (!read_feature (&ld, json_array_get_element (features, ld.index), error))
      return NULL;
  if (!lines)
    mark_shared_edges (layer);
  return g_steal_pointer (&layer);
}

/* Even-odd over every ring of the feature: holes count. */
gboolean
_marz_layer_feature_contains (const MarzLayer   *layer,
                              const MarzFeature *feature,
                              double             x,
                              double             y)
{
  gboolean inside = FALSE;

  for (guint r = 0; r < feature->n_rings; r++)
    {
      const MarzRing *ring = _marz_feature_ring (layer, feature, r);
      const MarzPoint *p = _marz_ring_points (layer, ring);

      for (guint i = 0, j = ring->n - 1; i < ring->n; j = i++)
        if ((p[i].y > y) != (p[j].y > y)
            && x < (p[j].x - p[i].x) * (y - p[i].y) / (p[j].y - p[i].y) + p[i].x)
          inside = !inside;
    }
  return inside;
}

static double
ring_area (const MarzPoint *p,
           guint            n,
           double          *cy)
{
  double area = 0, moment = 0;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      double cross = p[j].x * p[i].y - p[i].x * p[j].y;
      area += cross;
      moment += (p[j].y + p[i].y) * cross;
    }
  *cy = fabs (area) > 1e-18 ? moment / (3 * area) : p[0].y;
  return fabs (area) / 2;
}

static gint
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The widest span of the scan line at @y inside the feature (even-odd), or 0. */
static double
widest_span (const MarzLayer   *layer,
             const MarzFeature *feature,
             double             y,
             double            *mid)
{
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  double best = 0;

  for (guint r = 0; r < feature->n_rings; r++)
    {
      const MarzRing *ring = _marz_feature_ring (layer, feature, r);
      const MarzPoint *p = _marz_ring_points (layer, ring);

      for (guint i = 0, j = ring->n - 1; i < ring->n; j = i++)
        if ((p[i].y > y) != (p[j].y > y))
          {
            double x = (p[j].x - p[i].x) * (y - p[i].y) / (p[j].y - p[i].y) + p[i].x;
            g_array_append_val (xs, x);
          }
    }
  g_array_sort (xs, compare_doubles);
  for (guint i = 0; i + 1 < xs->len; i += 2)
    {
      double x0 = g_array_index (xs, double, i), x1 = g_array_index (xs, double, i + 1);
      if (x1 - x0 > best)
        {
          best = x1 - x0;
          *mid = (x0 + x1) / 2;
        }
    }
  return best;
}

/**
 * _marz_layer_label_point:
 *
 * A point inside the feature with room around it for a label: the middle of
 * the widest horizontal span through its largest ring, tried at the ring's
 * centroid and at a few heights around it.  Cheaper than a pole of
 * inaccessibility, and good enough for provinces and clipped countries.
 */
void
_marz_layer_label_point (const MarzLayer   *layer,
                         const MarzFeature *feature,
                         double            *x,
                         double            *y)
{
  const MarzRing *largest = NULL;
  double largest_area = -1, cy = 0, best = 0;

  for (guint r = 0; r < feature->n_rings; r++)
    {
      const MarzRing *ring = _marz_feature_ring (layer, feature, r);
      double ring_cy, area = ring_area (_marz_ring_points (layer, ring), ring->n, &ring_cy);
      if (area > largest_area)
        largest = ring, largest_area = area, cy = ring_cy;
    }
  *x = (feature->bbox.x0 + feature->bbox.x1) / 2;
  *y = (feature->bbox.y0 + feature->bbox.y1) / 2;
  if (largest == NULL)
    return;

  for (int k = 0; k < 7; k++)
    {
      /* The centroid first, then heights spread over the ring, nearer ones preferred. */
      double h = largest->bbox.y1 - largest->bbox.y0;
      double line = k == 0 ? cy : largest->bbox.y0 + h * (0.2 + 0.1 * (k - 1));
      double mid = 0, span = widest_span (layer, feature, line, &mid);
      if (span > best * (k == 0 ? 1 : 1.5))
        best = span, *x = mid, *y = line;
    }
}
