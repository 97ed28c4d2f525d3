/* test-export.c: GeoJSON and CSV exports of a real store of the bundled corpus
 *
 * The GeoJSON is parsed back with json-glib and held to RFC 7946: member
 * types, the FeatureCollection/Feature structure, geometry types, positions
 * in [lon, lat] order at their incident's place, closed rings of four or
 * more positions, counter-clockwise exteriors.  The CSV is read back with a
 * small RFC 4180 reader; tests/cli/test-export-incidents.py reads it with
 * Python's csv module too.
 */
#undef G_DISABLE_ASSERT

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "marz-export.h"
#include "marz-import.h"

typedef struct
{
  MarzStore     *store;
  MarzGazetteer *gazetteer;
  MarzBasemap   *basemap;
  char          *dir;
} Fixture;

static const MarzIncidentFilter all = { NULL, NULL, -1, NULL };

/* ------------------------------------------------------------------------ */
/* Set-up                                                                   */

static char *
corpus_dir (void)
{
  const char *datadir = g_getenv ("MARZ_DATADIR");

  if (datadir != NULL)
    return g_build_filename (datadir, "corpus", NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "..", "data", "corpus", NULL);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzExtractor) extractor = NULL;
  g_autofree char *db = NULL;
  g_autofree char *corpus = corpus_dir ();
  const char *paths[] = { corpus, NULL };
  MarzImportSummary summary;

  f->dir = g_build_filename (g_get_user_data_dir (), "export", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  db = g_build_filename (g_get_user_data_dir (), "marz.db", NULL);
  f->store = marz_store_open (db, &error);
  g_assert_no_error (error);
  f->gazetteer = marz_gazetteer_new_default (&error);
  g_assert_no_error (error);
  f->basemap = marz_basemap_new_default (f->gazetteer, &error);
  g_assert_no_error (error);
  extractor = marz_extractor_new (f->gazetteer);
  g_assert_true (marz_import_paths (f->store, extractor, paths, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added, ==, 5);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->gazetteer);
  g_clear_object (&f->basemap);
  g_free (f->dir);
}

static GPtrArray *
query (Fixture                  *f,
       const MarzIncidentFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *incidents = marz_store_query_incidents (f->store, filter, &error);

  g_assert_no_error (error);
  return incidents;
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir))
    n++;
  return n;
}

static char *
export_file (Fixture                  *f,
             MarzExportFormat          format,
             const MarzIncidentFilter *filter,
             const char               *name,
             MarzExportSummary        *summary,
             gsize                    *length)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (marz_export_incidents (f->store, filter, format, f->gazetteer, f->basemap, path, NULL,
                                        summary, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  return contents;
}

static char *
export_memory (GPtrArray        *incidents,
               MarzExportFormat  format)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (marz_export_write_incidents (incidents, format, NULL, NULL, out, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/* ------------------------------------------------------------------------ */
/* RFC 7946                                                                 */

/* Only the members RFC 7946 defines for @type: "crs" and foreign members
 * break validators. */
static void
assert_members (JsonObject         *obj,
                const char * const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *m = members; m != NULL; m = m->next)
    if (!g_strv_contains (allowed, m->data))
      g_error ("member “%s” is not allowed here", (char *) m->data);
}

static void
assert_position (JsonNode *node,
                 double   *lon,
                 double   *lat)
{
  JsonArray *pos;

  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  pos = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (pos), ==, 2);
  *lon = json_array_get_double_element (pos, 0);
  *lat = json_array_get_double_element (pos, 1);
  g_assert_cmpfloat (fabs (*lon), <=, 180);
  g_assert_cmpfloat (fabs (*lat), <=, 90);
  /* At most six decimals. */
  g_assert_cmpfloat (fabs (*lon * 1e6 - round (*lon * 1e6)), <, 1e-6);
  g_assert_cmpfloat (fabs (*lat * 1e6 - round (*lat * 1e6)), <, 1e-6);
}

/* Twice the signed area in the plane of lon, lat: positive counter-clockwise. */
static double
assert_ring (JsonArray *ring,
             gboolean   exterior)
{
  guint n = json_array_get_length (ring);
  double first_lon, first_lat, last_lon, last_lat, prev_lon = 0, prev_lat = 0, area = 0;

  g_assert_cmpuint (n, >=, 4);
  assert_position (json_array_get_element (ring, 0), &first_lon, &first_lat);
  assert_position (json_array_get_element (ring, n - 1), &last_lon, &last_lat);
  g_assert_cmpfloat (first_lon, ==, last_lon);
  g_assert_cmpfloat (first_lat, ==, last_lat);
  for (guint i = 0; i < n; i++)
    {
      double lon, lat;
      assert_position (json_array_get_element (ring, i), &lon, &lat);
      if (i > 0)
        area += prev_lon * lat - lon * prev_lat;
      prev_lon = lon, prev_lat = lat;
    }
  g_assert_true (exterior ? area > 0 : area < 0);
  return area;
}

static gboolean
ring_contains (JsonArray *ring,
               double     lon,
               double     lat)
{
  guint n = json_array_get_length (ring);
  gboolean inside = FALSE;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      JsonArray *a = json_array_get_array_element (ring, i), *b = json_array_get_array_element (ring, j);
      double ax = json_array_get_double_element (a, 0), ay = json_array_get_double_element (a, 1);
      double bx = json_array_get_double_element (b, 0), by = json_array_get_double_element (b, 1);
      if ((ay > lat) != (by > lat) && lon < (bx - ax) * (lat - ay) / (by - ay) + ax)
        inside = !inside;
    }
  return inside;
}

/* A polygon's rings; whether its exterior holds the place's label point. */
static gboolean
assert_polygon (JsonArray *rings,
                double     lon,
                double     lat)
{
  g_assert_cmpuint (json_array_get_length (rings), >=, 1);
  for (guint r = 0; r < json_array_get_length (rings); r++)
    assert_ring (json_array_get_array_element (rings, r), r == 0);
  return ring_contains (json_array_get_array_element (rings, 0), lon, lat);
}

/* Returns the geometry's type. */
static const char *
assert_geometry (JsonObject *geometry,
                 JsonObject *properties)
{
  static const char * const members[] = { "type", "coordinates", "bbox", NULL };
  const char *type = json_object_get_string_member (geometry, "type");
  JsonNode *coordinates = json_object_get_member (geometry, "coordinates");
  double place_lon = json_object_get_double_member (properties, "place_lon");
  double place_lat = json_object_get_double_member (properties, "place_lat");
  gboolean inside = FALSE;

  assert_members (geometry, members);
  g_assert_nonnull (coordinates);
  if (g_str_equal (type, "Point"))
    {
      double lon, lat;
      assert_position (coordinates, &lon, &lat);
      g_assert_cmpfloat_with_epsilon (lon, place_lon, 1e-6);
      g_assert_cmpfloat_with_epsilon (lat, place_lat, 1e-6);
      return type;
    }
  if (g_str_equal (type, "Polygon"))
    inside = assert_polygon (json_node_get_array (coordinates), place_lon, place_lat);
  else if (g_str_equal (type, "MultiPolygon"))
    for (guint p = 0; p < json_array_get_length (json_node_get_array (coordinates)); p++)
      inside |= assert_polygon (json_array_get_array_element (json_node_get_array (coordinates), p),
                                place_lon, place_lat);
  else
    g_error ("geometry type “%s” where a Point or (Multi)Polygon belongs", type);
  g_assert_true (inside);
  g_assert_cmpstr (json_object_get_string_member (properties, "place_kind"), ==, "province");
  return type;
}

static JsonArray *
parse_collection (JsonParser *parser,
                  const char *text)
{
  static const char * const members[] = { "type", "features", "bbox", NULL };
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  root = json_node_get_object (json_parser_get_root (parser));
  assert_members (root, members);
  g_assert_cmpstr (json_object_get_string_member (root, "type"), ==, "FeatureCollection");
  return json_object_get_array_member (root, "features");
}

static JsonObject *
assert_feature (JsonNode *node)
{
  static const char * const members[] = { "type", "id", "geometry", "properties", "bbox", NULL };
  JsonObject *feature;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  feature = json_node_get_object (node);
  assert_members (feature, members);
  g_assert_cmpstr (json_object_get_string_member (feature, "type"), ==, "Feature");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (feature, "id")), ==, G_TYPE_INT64);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "geometry")));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "properties")));
  assert_geometry (json_object_get_object_member (feature, "geometry"),
                   json_object_get_object_member (feature, "properties"));
  return feature;
}

static JsonObject *
find_feature (JsonArray  *features,
              const char *place_id,
              const char *date)
{
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *p = json_object_get_object_member (json_array_get_object_element (features, i), "properties");
      if (g_str_equal (json_object_get_string_member (p, "place_id"), place_id) &&
          g_strcmp0 (json_object_get_string_member (p, "date"), date) == 0)
        return json_array_get_object_element (features, i);
    }
  g_error ("no feature at %s on %s", place_id, date);
}

static void
test_geojson_rfc7946 (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) incidents = query (f, &all);
  MarzExportSummary summary;
  g_autofree char *text = export_file (f, MARZ_EXPORT_GEOJSON, &all, "all.geojson", &summary, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *features = parse_collection (parser, text);
  guint n_polygons = 0, n_reports = 0;

  g_assert_cmpuint (json_array_get_length (features), ==, incidents->len);
  g_assert_cmpuint (summary.n_incidents, ==, incidents->len);
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *feature = assert_feature (json_array_get_element (features, i));
      JsonObject *geometry = json_object_get_object_member (feature, "geometry");
      JsonObject *properties = json_object_get_object_member (feature, "properties");
      MarzIncident *incident = g_ptr_array_index (incidents, i);

      g_assert_cmpint (json_object_get_int_member (feature, "id"), ==, incident->id);
      g_assert_cmpstr (json_object_get_string_member (properties, "type"), ==,
                       marz_incident_type_to_string (incident->type));
      n_polygons += !g_str_equal (json_object_get_string_member (geometry, "type"), "Point");
      n_reports += json_array_get_length (json_object_get_array_member (properties, "reports"));
    }
  g_assert_cmpuint (summary.n_reports, ==, n_reports);
  /* Khost, Kunar and Paktika on 24 November, Paktika on 9 October. */
  g_assert_cmpuint (n_polygons, ==, 4);
  g_assert_null (strstr (text, "\"crs\""));
}

/* Kabul is at lon 69.172, lat 34.528: a swapped pair would be in the
 * Indian Ocean's latitude band and fail here. */
static void
test_geojson_places (Fixture *f, gconstpointer data)
{
  g_autofree char *text = export_file (f, MARZ_EXPORT_GEOJSON, &all, "places.geojson", NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *features = parse_collection (parser, text);
  JsonObject *kabul = find_feature (features, "kabul", "2025-10-09");
  JsonObject *khost = find_feature (features, "khost-province", "2025-11-24");
  JsonArray *point = json_object_get_array_member (json_object_get_object_member (kabul, "geometry"),
                                                   "coordinates");
  JsonObject *kp = json_object_get_object_member (kabul, "properties");
  JsonObject *hp = json_object_get_object_member (khost, "properties");
  JsonArray *shared = json_object_get_array_member (hp, "shared_places");

  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (point, 0), 69.172, 1e-3);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (point, 1), 34.528, 1e-3);
  g_assert_cmpstr (json_object_get_string_member (kp, "place_kind"), ==, "city");
  g_assert_cmpstr (json_object_get_string_member (kp, "date_precision"), ==, "day");
  g_assert_cmpstr (json_object_get_string_member (kp, "category"), ==, "violence");
  /* Unknown figures are null, never -1. */
  g_assert_true (json_object_get_null_member (kp, "killed"));
  g_assert_true (json_object_get_null_member (kp, "injured"));
  g_assert_true (json_object_get_null_member (kp, "shared_places"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (kp, "reports")), ==, 3);

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (khost, "geometry"), "type"),
                   ==, "Polygon");
  g_assert_cmpint (json_object_get_int_member (hp, "shared_killed"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (hp, "shared_injured"), ==, 8);
  g_assert_cmpuint (json_array_get_length (shared), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (shared, 1), ==, "kunar");
}

/* Every report's evidence comes back byte for byte as the store holds it. */
static void
test_geojson_text_exact (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) incidents = query (f, &all);
  g_autofree char *text = export_file (f, MARZ_EXPORT_GEOJSON, &all, "text.geojson", NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *features = parse_collection (parser, text);
  gboolean arabic = FALSE;

  for (guint i = 0; i < incidents->len; i++)
    {
      MarzIncident *incident = g_ptr_array_index (incidents, i);
      JsonObject *p = json_object_get_object_member (json_array_get_object_element (features, i), "properties");
      JsonArray *reports = json_object_get_array_member (p, "reports");

      g_assert_cmpstr (json_object_get_string_member (p, "place_name"), ==, incident->place_name);
      for (guint r = 0; r < incident->reports->len; r++)
        {
          MarzReport *report = g_ptr_array_index (incident->reports, r);
          JsonObject *o = json_array_get_object_element (reports, r);

          g_assert_cmpstr (json_object_get_string_member (o, "evidence"), ==, report->evidence);
          g_assert_cmpstr (json_object_get_string_member (o, "article"), ==, report->article);
          g_assert_cmpstr (json_object_get_string_member (o, "language"), ==, report->language);
          g_assert_cmpint (json_object_get_int_member (o, "start"), ==, report->start);
          g_assert_cmpint (json_object_get_int_member (o, "end"), ==, report->end);
          arabic |= g_str_equal (report->language, "ar");
        }
    }
  g_assert_true (arabic);
  g_assert_nonnull (strstr (text, "غارات جوية باكستانية على كابول"));
}

static void
test_geojson_filter (Fixture *f, gconstpointer data)
{
  MarzIncidentFilter filter = { NULL, NULL, MARZ_INCIDENT_CEASEFIRE, NULL };
  g_autofree char *text = export_file (f, MARZ_EXPORT_GEOJSON, &filter, "ceasefire.geojson", NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *features = parse_collection (parser, text);

  g_assert_cmpuint (json_array_get_length (features), ==, 2);
  for (guint i = 0; i < json_array_get_length (features); i++)
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                       json_array_get_object_element (features, i), "properties"), "type"), ==, "ceasefire");
}

/* Without a basemap every incident is a Point, provinces at their label. */
static void
test_geojson_without_basemap (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) incidents = query (f, &all);
  g_autofree char *text = export_memory (incidents, MARZ_EXPORT_GEOJSON);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *features = parse_collection (parser, text);

  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *feature = assert_feature (json_array_get_element (features, i));
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (feature, "geometry"), "type"),
                       ==, "Point");
    }
}

/* A basemap whose Khost has its rings the wrong way round (a clockwise
 * exterior, a counter-clockwise hole) and two parts: the export turns them
 * as RFC 7946 §3.1.6 wants and keeps the hole with its exterior. */
static const char wrong_way_provinces[] =
  "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
  "\"properties\":{\"country\":\"AF\",\"name_en\":\"Khost\",\"gazetteer_id\":\"khost-province\"},"
  "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":["
  "[[[69.5,33.0],[69.5,33.7],[70.2,33.7],[70.2,33.0],[69.5,33.0]],"
  "[[69.6,33.1],[69.7,33.1],[69.7,33.2],[69.6,33.2],[69.6,33.1]]],"
  "[[[70.5,33.0],[70.5,33.1],[70.6,33.1],[70.6,33.0],[70.5,33.0]]]]}}]}";

static MarzBasemap *
wrong_way_basemap (Fixture *f)
{
  static const char * const copied[] = { "world.geojson", "countries.geojson", "durand-line.geojson",
                                         "rivers.geojson" };
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "basemap", NULL);
  g_autofree char *provinces = g_build_filename (dir, "provinces.geojson", NULL);
  g_autoptr(GError) error = NULL;
  MarzBasemap *basemap;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
    {
      g_autofree char *from = g_test_build_filename (G_TEST_DIST, "data", "basemap", copied[i], NULL);
      g_autofree char *to = g_build_filename (dir, copied[i], NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (from, &contents, &length, &error));
      g_assert_true (g_file_set_contents (to, contents, length, &error));
    }
  g_assert_true (g_file_set_contents (provinces, wrong_way_provinces, -1, &error));
  basemap = marz_basemap_new_from_dir (dir, f->gazetteer, &error);
  g_assert_no_error (error);
  return basemap;
}

static void
test_geojson_ring_orientation (Fixture *f, gconstpointer data)
{
  g_autoptr(MarzBasemap) basemap = wrong_way_basemap (f);
  g_autoptr(GPtrArray) incidents = query (f, &all);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *features, *parts;
  JsonObject *khost;

  g_assert_true (marz_export_write_incidents (incidents, MARZ_EXPORT_GEOJSON, f->gazetteer, basemap, out,
                                              NULL, NULL, &error));
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  features = parse_collection (parser, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)));
  for (guint i = 0; i < json_array_get_length (features); i++)
    assert_feature (json_array_get_element (features, i));
  khost = json_object_get_object_member (find_feature (features, "khost-province", "2025-11-24"), "geometry");
  g_assert_cmpstr (json_object_get_string_member (khost, "type"), ==, "MultiPolygon");
  parts = json_object_get_array_member (khost, "coordinates");
  g_assert_cmpuint (json_array_get_length (parts), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_array_get_array_element (parts, 0)), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_array_get_array_element (parts, 1)), ==, 1);
}

/* ------------------------------------------------------------------------ */
/* RFC 4180                                                                 */

/* One record of RFC 4180 CSV from *@p, which moves past its CRLF. */
static GPtrArray *
read_record (const char **p)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *s = *p;

  for (;;)
    {
      if (*s == '"')
        for (s++; *s && !(*s == '"' && s[1] != '"'); s++)
          g_string_append_c (field, *s == '"' ? *s++ : *s);
      if (*s == '"')
        s++;
      while (*s && *s != ',' && *s != '\r')
        g_string_append_c (field, *s++);
      g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
      if (*s != ',')
        break;
      s++;
      field = g_string_new (NULL);
    }
  g_assert_true (s[0] == '\r' && s[1] == '\n');
  *p = s + 2;
  return fields;
}

static void
test_csv_structure (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) incidents = query (f, &all);
  MarzExportSummary summary;
  gsize length;
  g_autofree char *text = export_file (f, MARZ_EXPORT_CSV, &all, "all.csv", &summary, &length);
  const char *p = text + 3;
  g_autoptr(GPtrArray) header = NULL;
  guint rows = 0, evidence_col = 0, id_col = 0;

  g_assert_cmpmem (text, 3, "\xEF\xBB\xBF", 3);
  g_assert_true (g_str_has_suffix (text, "\r\n"));
  header = read_record (&p);
  g_assert_cmpstr (g_ptr_array_index (header, 0), ==, "incident_id");
  for (guint c = 0; c < header->len; c++)
    if (g_str_equal (g_ptr_array_index (header, c), "evidence"))
      evidence_col = c;
  g_assert_cmpuint (evidence_col, >, id_col);

  for (guint i = 0; i < incidents->len; i++)
    {
      MarzIncident *incident = g_ptr_array_index (incidents, i);
      for (guint r = 0; r < incident->reports->len; r++, rows++)
        {
          g_autoptr(GPtrArray) record = read_record (&p);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, incident->id);
          MarzReport *report = g_ptr_array_index (incident->reports, r);

          g_assert_cmpuint (record->len, ==, header->len);
          g_assert_cmpstr (g_ptr_array_index (record, id_col), ==, id);
          /* Arabic and Persian byte-exact. */
          g_assert_cmpstr (g_ptr_array_index (record, evidence_col), ==, report->evidence);
        }
    }
  g_assert_cmpstr (p, ==, "");
  g_assert_cmpuint (rows, ==, summary.n_reports);
  g_assert_cmpuint (p - text, ==, length);
}

static MarzIncident *
make_incident (const char *evidence)
{
  MarzIncident *i = g_new0 (MarzIncident, 1);
  MarzReport *r = g_new0 (MarzReport, 1);

  i->id = 7;
  i->type = MARZ_INCIDENT_CLASH;
  i->date = g_strdup ("2025-11");
  i->precision = MARZ_DATE_PRECISION_MONTH;
  i->place_id = g_strdup ("spin-boldak");
  i->place_name = g_strdup ("Spin Boldak, \"town\"");
  i->lat = 31.0060004;
  i->lon = 66.4;
  i->killed = 3;
  i->injured = -1;
  i->shared_killed = i->shared_injured = -1;
  i->reports = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_report_free);
  r->article = g_strdup ("a.txt");
  r->language = g_strdup ("ar");
  r->evidence = g_strdup (evidence);
  r->start = 4, r->end = 40;
  r->killed = 3, r->injured = -1;
  g_ptr_array_add (i->reports, r);
  return i;
}

/* Commas, quotes and line ends inside fields; unknown figures empty. */
static void
test_csv_quoting (void)
{
  g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_incident_free);
  g_autofree char *text = NULL;
  const char *p;

  g_ptr_array_add (incidents, make_incident ("قال \"مسؤول\"، إن الاشتباكات,\nاستمرت\r\nليلاً"));
  text = export_memory (incidents, MARZ_EXPORT_CSV);
  p = strstr (text, "\r\n") + 2;
  g_assert_cmpstr (p, ==,
                   "7,clash,violence,2025-11,month,spin-boldak,\"Spin Boldak, \"\"town\"\"\",,31.006,66.4,"
                   "3,,,,,a.txt,ar,4,40,3,,false,"
                   "\"قال \"\"مسؤول\"\"، إن الاشتباكات,\nاستمرت\r\nليلاً\"\r\n");
}

/* ------------------------------------------------------------------------ */
/* Failures                                                                 */

static void
test_unwritable (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "out.geojson", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (marz_export_incidents (f->store, &all, MARZ_EXPORT_GEOJSON, f->gazetteer, f->basemap, missing,
                                         NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  g_assert_false (marz_export_incidents (f->store, &all, MARZ_EXPORT_CSV, f->gazetteer, f->basemap, f->dir,
                                         NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, f->dir));
  g_assert_cmpuint (count_files (f->dir), ==, 0);
}

/* A failure half-way (here a cancellation, once the temporary file exists)
 * leaves the earlier file as it was and no temporary file. */
static void
test_failure_keeps_old_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "old.csv", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (marz_export_incidents (f->store, &all, MARZ_EXPORT_CSV, f->gazetteer, f->basemap, path,
                                         cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_assert_cmpuint (count_files (f->dir), ==, 1);
}

/* ------------------------------------------------------------------------ */
/* Formats, and the window's way in                                         */

static void
test_formats (void)
{
  MarzExportFormat format = MARZ_EXPORT_CSV;

  g_assert_true (marz_export_format_from_string ("geojson", &format));
  g_assert_cmpint (format, ==, MARZ_EXPORT_GEOJSON);
  g_assert_true (marz_export_format_from_string ("csv", &format));
  g_assert_cmpint (format, ==, MARZ_EXPORT_CSV);
  g_assert_false (marz_export_format_from_string ("kml", &format));
  g_assert_true (marz_export_format_from_path ("/tmp/a.json", &format));
  g_assert_cmpint (format, ==, MARZ_EXPORT_GEOJSON);
  g_assert_true (marz_export_format_from_path ("b.CSV", &format));
  g_assert_cmpint (format, ==, MARZ_EXPORT_CSV);
  g_assert_false (marz_export_format_from_path ("c.txt", &format));
  g_assert_false (marz_export_format_from_path ("csv", &format));
  g_assert_cmpstr (marz_export_format_get_content_type (MARZ_EXPORT_GEOJSON), ==, "application/geo+json");
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **out = user_data;
  *out = g_object_ref (result);
}

static void
test_async (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "async.geojson", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  MarzIncidentFilter filter = { g_strdup ("2025-11-24"), g_strdup ("2025-11-24"), -1, NULL };
  MarzExportSummary summary = { 0 };

  marz_export_incidents_async (marz_store_get_path (f->store), &filter, MARZ_EXPORT_GEOJSON, f->gazetteer,
                               f->basemap, path, NULL, on_export_done_cb, &result);
  marz_incident_filter_clear (&filter);  /* copied */
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (marz_export_incidents_finish (result, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_incidents, ==, 3);
  g_assert_true (json_parser_load_from_mapped_file (parser, path, &error));
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add ("/export/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("geojson/rfc7946", test_geojson_rfc7946);
  ADD ("geojson/places", test_geojson_places);
  ADD ("geojson/text-exact", test_geojson_text_exact);
  ADD ("geojson/filter", test_geojson_filter);
  ADD ("geojson/without-basemap", test_geojson_without_basemap);
  ADD ("geojson/ring-orientation", test_geojson_ring_orientation);
  ADD ("csv/structure", test_csv_structure);
  ADD ("unwritable", test_unwritable);
  ADD ("failure-keeps-old-file", test_failure_keeps_old_file);
  ADD ("async", test_async);
#undef ADD
  g_test_add_func ("/export/csv/quoting", test_csv_quoting);
  g_test_add_func ("/export/formats", test_formats);
  return g_test_run ();
}
