/* marz-export-geojson.c: incidents as an RFC 7946 FeatureCollection
 *
 * Geometry: an incident at a city, town, district or crossing is a Point.
 * One the reports place only in a province («airstrikes in Khost, Kunar and
 * Paktika») is the province's outline, a Polygon or MultiPolygon.  A point
 * at the province's label spot would claim a precision the sources do not
 * give: a GIS user counting incidents per district, or intersecting them
 * with another layer, would get a wrong answer without a hint.  An area
 * says what is known.  The label point stays in the properties (place_lat,
 * place_lon) for anyone who wants a marker, and place_kind says which is
 * which.  Tools that want one geometry type per layer (QGIS, ogr2ogr to a
 * shapefile) split the collection into a point and a polygon layer, which
 * keeps precise and vague locations apart, as they should be.
 *
 * Rings follow §3.1.6: closed, at least four positions, exteriors
 * counter-clockwise and holes clockwise.  No "crs" (§4) and no foreign
 * members; everything Marz adds is in "properties", with the same keys on
 * every feature (null when unknown) so tools see one schema.
 *
 * The JSON is written by hand rather than with JsonGenerator, which prints
 * 17 significant digits («34.527999999999999»); one feature per line.
 */
#define G_LOG_DOMAIN "marz-export"

#include "marz-export-private.h"

typedef struct
{
  double lon;
  double lat;
} Position;

typedef struct
{
  GArray   *positions;   /* Position, closed */
  gboolean  hole;
  int       owner;       /* for a hole: the exterior ring it lies in */
} Ring;

/* ------------------------------------------------------------------------ */
/* JSON values                                                              */

static void
append_string (GString    *b,
               const char *s)
{
  if (s == NULL)
    {
      g_string_append (b, "null");
      return;
    }
  g_string_append_c (b, '"');
  for (const char *p = s; *p; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_c (b, '\\'), g_string_append_c (b, (char) c);
      else if (c == '\n')
        g_string_append (b, "\\n");
      else if (c == '\r')
        g_string_append (b, "\\r");
      else if (c == '\t')
        g_string_append (b, "\\t");
      else if (c < 0x20)
        g_string_append_printf (b, "\\u%04x", c);
      else
        g_string_append_c (b, (char) c);  /* UTF-8 as it is: Arabic stays byte-exact */
    }
  g_string_append_c (b, '"');
}

static void
append_count (GString *b,
              gint64   n)
{
  if (n >= 0)
    g_string_append_printf (b, "%" G_GINT64_FORMAT, n);
  else
    g_string_append (b, "null");
}

static void
append_key (GString    *b,
            const char *key)
{
  if (b->len > 0 && b->str[b->len - 1] != '{')
    g_string_append_c (b, ',');
  append_string (b, key);
  g_string_append_c (b, ':');
}

static void
append_position (GString        *b,
                 const Position *p)
{
  g_string_append_c (b, '[');
  _marz_export_append_coord (b, p->lon);
  g_string_append_c (b, ',');
  _marz_export_append_coord (b, p->lat);
  g_string_append_c (b, ']');
}

/* ------------------------------------------------------------------------ */
/* Province outlines                                                        */

/* Twice the signed area in the plane of lon, lat: positive counter-clockwise. */
static double
signed_area (GArray *ring)
{
  const Position *p = (const Position *) ring->data;
  double sum = 0;

  for (guint i = 0; i + 1 < ring->len; i++)
    sum += p[i].lon * p[i + 1].lat - p[i + 1].lon * p[i].lat;
  return sum;
}

static gboolean
ring_contains (GArray         *ring,
               const Position *q)
{
  const Position *p = (const Position *) ring->data;
  gboolean inside = FALSE;

  for (guint i = 0, j = ring->len - 1; i < ring->len; j = i++)
    if ((p[i].lat > q->lat) != (p[j].lat > q->lat) &&
        q->lon < (p[j].lon - p[i].lon) * (q->lat - p[i].lat) / (p[j].lat - p[i].lat) + p[i].lon)
      inside = !inside;
  return inside;
}

static void
reverse_ring (GArray *ring)
{
  Position *p = (Position *) ring->data;

  for (guint i = 0, j = ring->len - 1; i < j; i++, j--)
    {
      Position t = p[i];
      p[i] = p[j], p[j] = t;
    }
}

/* Rounded to the six decimals written, so what a reader sees is closed and
 * has no repeated positions; NULL if fewer than four positions remain. */
static GArray *
round_ring (GArray *outline)
{
  g_autoptr(GArray) ring = g_array_sized_new (FALSE, FALSE, sizeof (Position), outline->len + 1);
  Position *last = NULL;

  for (guint i = 0; i < outline->len; i++)
    {
      const MarzLatLon *ll = &g_array_index (outline, MarzLatLon, i);
      Position p = { _marz_export_round_coord (ll->lon), _marz_export_round_coord (ll->lat) };

      if (last != NULL && last->lon == p.lon && last->lat == p.lat)
        continue;
      g_array_append_val (ring, p);
      last = &g_array_index (ring, Position, ring->len - 1);
    }
  if (ring->len > 0)
    {
      Position first = g_array_index (ring, Position, 0);
      if (last->lon != first.lon || last->lat != first.lat)
        g_array_append_val (ring, first);
    }
  return ring->len >= 4 && signed_area (ring) != 0 ? g_steal_pointer (&ring) : NULL;
}

/* The basemap keeps a province's rings without saying which are holes: a
 * ring inside an odd number of the others is one. */
static GArray *
classify_rings (GPtrArray *outline)
{
  GArray *rings = g_array_new (FALSE, TRUE, sizeof (Ring));

  for (guint r = 0; r < outline->len; r++)
    {
      Ring ring = { round_ring (g_ptr_array_index (outline, r)), FALSE, -1 };
      if (ring.positions != NULL)
        g_array_append_val (rings, ring);
    }
  for (guint r = 0; r < rings->len; r++)
    {
      Ring *ring = &g_array_index (rings, Ring, r);
      const Position *first = &g_array_index (ring->positions, Position, 0);

      for (guint o = 0; o < rings->len; o++)
        if (o != r && ring_contains (g_array_index (rings, Ring, o).positions, first))
          ring->hole = !ring->hole, ring->owner = (int) o;
      if ((signed_area (ring->positions) > 0) == ring->hole)
        reverse_ring (ring->positions);
    }
  return rings;
}

static void
append_ring (GString *b,
             GArray  *ring)
{
  g_string_append_c (b, '[');
  for (guint i = 0; i < ring->len; i++)
    {
      if (i > 0)
        g_string_append_c (b, ',');
      append_position (b, &g_array_index (ring, Position, i));
    }
  g_string_append_c (b, ']');
}

static void
append_polygon (GString *b,
                GArray  *rings,
                guint    exterior)
{
  g_string_append_c (b, '[');
  append_ring (b, g_array_index (rings, Ring, exterior).positions);
  for (guint h = 0; h < rings->len; h++)
    {
      const Ring *ring = &g_array_index (rings, Ring, h);
      if (ring->hole && ring->owner == (int) exterior)
        g_string_append_c (b, ','), append_ring (b, ring->positions);
    }
  g_string_append_c (b, ']');
}

/* The geometry object of a province, or NULL if the basemap has none. */
static char *
outline_geometry (MarzBasemap *basemap,
                  const char  *place_id)
{
  g_autoptr(GPtrArray) outline = marz_basemap_get_outline (basemap, place_id);
  g_autoptr(GArray) rings = NULL;
  g_autoptr(GString) b = g_string_new (NULL);
  guint n_exteriors = 0;

  if (outline == NULL)
    return NULL;
  rings = classify_rings (outline);
  for (guint r = 0; r < rings->len; r++)
    n_exteriors += !g_array_index (rings, Ring, r).hole;
  if (n_exteriors == 0)
    return NULL;

  g_string_append_printf (b, "{\"type\":\"%s\",\"coordinates\":", n_exteriors == 1 ? "Polygon" : "MultiPolygon");
  if (n_exteriors > 1)
    g_string_append_c (b, '[');
  for (guint r = 0, n = 0; r < rings->len; r++)
    if (!g_array_index (rings, Ring, r).hole)
      {
        if (n++ > 0)
          g_string_append_c (b, ',');
        append_polygon (b, rings, r);
      }
  if (n_exteriors > 1)
    g_string_append_c (b, ']');
  g_string_append_c (b, '}');

  for (guint r = 0; r < rings->len; r++)
    g_array_unref (g_array_index (rings, Ring, r).positions);
  return g_string_free (g_steal_pointer (&b), FALSE);
}

/* Outlines are worked out once per place: a province may have thousands of
 * incidents.  An empty string means a Point. */
static const char *
lookup_geometry (GHashTable   *geometries,
                 MarzBasemap  *basemap,
                 const char   *place_id)
{
  char *geometry;

  if (basemap == NULL || place_id == NULL)
    return "";
  if ((geometry = g_hash_table_lookup (geometries, place_id)) == NULL)
    {
      geometry = outline_geometry (basemap, place_id);
      if (geometry == NULL)
        geometry = g_strdup ("");
      g_hash_table_insert (geometries, g_strdup (place_id), geometry);
    }
  return geometry;
}

/* ------------------------------------------------------------------------ */
/* Features                                                                 */

static void
append_report (GString          *b,
               const MarzReport *r)
{
  g_string_append_c (b, '{');
  append_key (b, "article"), append_string (b, r->article);
  append_key (b, "language"), append_string (b, r->language);
  append_key (b, "evidence"), append_string (b, r->evidence);
  append_key (b, "start"), g_string_append_printf (b, "%u", r->start);
  append_key (b, "end"), g_string_append_printf (b, "%u", r->end);
  append_key (b, "killed"), append_count (b, r->killed);
  append_key (b, "injured"), append_count (b, r->injured);
  append_key (b, "casualties_shared"), g_string_append (b, r->shared ? "true" : "false");
  g_string_append_c (b, '}');
}

/* «10 killed and 8 injured in Khost, Kunar and Paktika»: figures for several
 * incidents together, which none of them may claim alone. */
static void
append_shared (GString            *b,
               const MarzIncident *i)
{
  gboolean any = i->shared_places != NULL;

  append_key (b, "shared_killed"), append_count (b, any ? i->shared_killed : -1);
  append_key (b, "shared_injured"), append_count (b, any ? i->shared_injured : -1);
  append_key (b, "shared_places");
  if (!any)
    {
      g_string_append (b, "null");
      return;
    }
  g_string_append_c (b, '[');
  for (guint k = 0; k < i->shared_places->len; k++)
    {
      if (k > 0)
        g_string_append_c (b, ',');
      append_string (b, g_ptr_array_index (i->shared_places, k));
    }
  g_string_append_c (b, ']');
}

static void
append_properties (GString            *b,
                   const MarzIncident *i,
                   MarzGazetteer      *gazetteer)
{
  Position label = { i->lon, i->lat };

  g_string_append (b, "\"properties\":{");
  append_key (b, "type"), append_string (b, marz_incident_type_to_string (i->type));
  append_key (b, "category"),
    append_string (b, marz_incident_category_to_string (marz_incident_type_get_category (i->type)));
  append_key (b, "date"), append_string (b, i->date);
  append_key (b, "date_precision"), append_string (b, marz_date_precision_to_string (i->precision));
  append_key (b, "place_id"), append_string (b, i->place_id);
  append_key (b, "place_name"), append_string (b, i->place_name);
  append_key (b, "place_kind"), append_string (b, _marz_export_place_kind (gazetteer, i->place_id));
  append_key (b, "place_lon"), _marz_export_append_coord (b, label.lon);
  append_key (b, "place_lat"), _marz_export_append_coord (b, label.lat);
  append_key (b, "killed"), append_count (b, i->killed);
  append_key (b, "injured"), append_count (b, i->injured);
  append_shared (b, i);
  append_key (b, "reports");
  g_string_append_c (b, '[');
  for (guint k = 0; k < i->reports->len; k++)
    {
      if (k > 0)
        g_string_append_c (b, ',');
      append_report (b, g_ptr_array_index (i->reports, k));
    }
  g_string_append (b, "]}");
}

static void
append_feature (GString            *b,
                const MarzIncident *i,
                const char         *outline,
                MarzGazetteer      *gazetteer)
{
  Position point = { i->lon, i->lat };

  g_string_append_printf (b, "{\"type\":\"Feature\",\"id\":%" G_GINT64_FORMAT ",\"geometry\":", i->id);
  if (*outline != '\0')
    g_string_append (b, outline);
  else
    {
      g_string_append (b, "{\"type\":\"Point\",\"coordinates\":");
      append_position (b, &point);
      g_string_append_c (b, '}');
    }
  g_string_append_c (b, ',');
  append_properties (b, i, gazetteer);
  g_string_append_c (b, '}');
}

gboolean
_marz_export_write_geojson (MarzExportWriter  *w,
                            GPtrArray         *incidents,
                            MarzGazetteer     *gazetteer,
                            MarzBasemap       *basemap,
                            GError           **error)
{
  g_autoptr(GHashTable) geometries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_string_append (w->buf, "{\"type\":\"FeatureCollection\",\"features\":[");
  for (guint k = 0; k < incidents->len; k++)
    {
      const MarzIncident *i = g_ptr_array_index (incidents, k);

      g_string_append (w->buf, k > 0 ? ",\n" : "\n");
      append_feature (w->buf, i, lookup_geometry (geometries, basemap, i->place_id), gazetteer);
      if (!_marz_export_writer_flush (w, FALSE, error))
        return FALSE;
    }
  g_string_append (w->buf, "\n]}\n");
  return TRUE;
}
