/* The curated gazetteer: it loads, it holds what the issue asks for, its
 * names are found in text, and a broken file is refused with a reason. */
#undef G_DISABLE_ASSERT

#include <glib.h>
#include <string.h>

#include "marz-gazetteer.h"
#include "marz-normalize.h"

#include <json-glib/json-glib.h>

static MarzGazetteer *
load_default (void)
{
  g_autoptr(GError) error = NULL;
  MarzGazetteer *gaz = marz_gazetteer_new_default (&error);

  g_assert_no_error (error);
  return gaz;
}

static void
test_contents (void)
{
  g_autoptr(MarzGazetteer) gaz = load_default ();
  GPtrArray *places = marz_gazetteer_get_places (gaz);
  guint af_provinces = 0;
  const char *required[] = { "kabul", "kandahar", "spin-boldak", "khost", "khost-province", "kunar", "paktika",
                             "islamabad", "rawalpindi", "istanbul", "doha", "durand-line", "torkham",
                             "khyber-pakhtunkhwa", "balochistan" };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_nonnull (marz_gazetteer_lookup (gaz, required[i]));
  for (guint i = 0; i < places->len; i++)
    {
      MarzPlace *p = g_ptr_array_index (places, i);
      if (p->kind == MARZ_PLACE_PROVINCE && g_strcmp0 (p->country, "AF") == 0)
        af_provinces++;
    }
  g_assert_cmpuint (af_provinces, ==, 34);
  g_assert_cmpfloat_with_epsilon (marz_gazetteer_lookup (gaz, "spin-boldak")->lat, 31.006, 0.001);
  g_assert_true (marz_place_is_within (marz_gazetteer_lookup (gaz, "spin-boldak"),
                                       marz_gazetteer_lookup (gaz, "kandahar-province")));
  g_assert_cmpint (marz_gazetteer_lookup (gaz, "durand-line")->kind, ==, MARZ_PLACE_BORDER);
}

static GArray *
scan (MarzGazetteer *gaz, const char *text, MarzNormalized **n, GArray **tokens)
{
  *n = marz_normalized_new (text, -1);
  *tokens = marz_tokenize ((*n)->text, (*n)->len);
  return marz_gazetteer_scan (gaz, (*n)->text, *tokens);
}

static gboolean
has_place (GArray *mentions, guint i, const char *id)
{
  MarzPlaceMention *m = &g_array_index (mentions, MarzPlaceMention, i);
  for (guint k = 0; k < m->places->len; k++)
    if (g_str_equal (((MarzPlace *) g_ptr_array_index (m->places, k))->id, id))
      return TRUE;
  return FALSE;
}

static void
test_scan_spellings (void)
{
  g_autoptr(MarzGazetteer) gaz = load_default ();
  g_autoptr(MarzNormalized) n = NULL;
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GArray) m = scan (gaz, "على كابول وبكتيكا وسپینبولدک، و«سبين بولداك» بين أفغانستانوباكستان "
                                   "وفي إسلام آباد والدوحة ولایت های خوست،کنر", &n, &tokens);
  const char *want[] = { "kabul", "paktika", "spin-boldak", "spin-boldak", "afghanistan", "pakistan",
                         "islamabad", "doha", "khost", "kunar" };

  g_assert_cmpuint (m->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < m->len; i++)
    g_assert_true (has_place (m, i, want[i]));
  /* خوست is both the city and the province: both come back, the caller picks. */
  g_assert_true (has_place (m, 8, "khost-province"));
}

static void
test_weak_names (void)
{
  g_autoptr(MarzGazetteer) gaz = load_default ();
  g_autoptr(MarzNormalized) n1 = NULL, n2 = NULL;
  g_autoptr(GArray) t1 = NULL, t2 = NULL;
  /* «نیمروز» is noon and «غور» depth, unless a word announces a place. */
  g_autoptr(GArray) plain = scan (gaz, "ساعت نیمروز با غور در مسائل", &n1, &t1);
  g_autoptr(GArray) cued = scan (gaz, "در ولایت نیمروز و ولایت غور", &n2, &t2);

  g_assert_cmpuint (plain->len, ==, 0);
  g_assert_cmpuint (cued->len, ==, 2);
  g_assert_true (has_place (cued, 0, "nimruz"));
  g_assert_true (has_place (cued, 1, "ghor"));
}

static void
expect_invalid (const char *json, const char *why)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "gazetteer.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gaz = NULL;

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  gaz = marz_gazetteer_new_from_file (path, &error);
  g_assert_null (gaz);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, why));
}

static void
test_invalid_files (void)
{
  expect_invalid ("{\"places\": [", "");
  expect_invalid ("{\"version\": 1}", "places");
  expect_invalid ("{\"places\": [{\"id\": \"x\", \"kind\": \"city\", \"lat\": 91, \"lon\": 0,"
                  " \"names\": {\"en\": \"X\"}}]}", "lat/lon");
  expect_invalid ("{\"places\": [{\"id\": \"x\", \"kind\": \"moon\", \"lat\": 1, \"lon\": 0,"
                  " \"names\": {\"en\": \"X\"}}]}", "kind");
  expect_invalid ("{\"places\": [{\"id\": \"x\", \"kind\": \"city\", \"lat\": 1, \"lon\": 0, \"parent\": \"y\","
                  " \"names\": {\"en\": \"X\"}}]}", "parent");
  expect_invalid ("{\"places\": [{\"id\": \"x\", \"kind\": \"city\", \"lat\": 1, \"lon\": 0, \"names\": {\"en\": \"X\"}},"
                  " {\"id\": \"x\", \"kind\": \"city\", \"lat\": 1, \"lon\": 0, \"names\": {\"en\": \"X\"}}]}", "duplicate");
}

/* Ray casting on one ring of [lon, lat] positions. */
static gboolean
in_ring (JsonArray *ring, double lon, double lat)
{
  gboolean in = FALSE;
  guint n = json_array_get_length (ring);

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      JsonArray *a = json_array_get_array_element (ring, i);
      JsonArray *b = json_array_get_array_element (ring, j);
      double x1 = json_array_get_double_element (a, 0), y1 = json_array_get_double_element (a, 1);
      double x2 = json_array_get_double_element (b, 0), y2 = json_array_get_double_element (b, 1);

      if ((y1 > lat) != (y2 > lat) && lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1)
        in = !in;
    }
  return in;
}

static gboolean
in_polygon (JsonArray *polygon, double lon, double lat)
{
  if (!in_ring (json_array_get_array_element (polygon, 0), lon, lat))
    return FALSE;
  for (guint h = 1; h < json_array_get_length (polygon); h++)
    if (in_ring (json_array_get_array_element (polygon, h), lon, lat))
      return FALSE;
  return TRUE;
}

static gboolean
in_country (JsonObject *geometry, double lon, double lat)
{
  JsonArray *coords = json_object_get_array_member (geometry, "coordinates");

  if (g_str_equal (json_object_get_string_member (geometry, "type"), "Polygon"))
    return in_polygon (coords, lon, lat);
  for (guint p = 0; p < json_array_get_length (coords); p++)
    if (in_polygon (json_array_get_array_element (coords, p), lon, lat))
      return TRUE;
  return FALSE;
}

/* A marker must never land across the border: every Afghan and Pakistani
 * place of the gazetteer lies inside its own country as the basemap draws it. */
static void
test_places_inside_their_country (void)
{
  g_autoptr(MarzGazetteer) gaz = load_default ();
  g_autofree char *path = g_build_filename (g_getenv ("MARZ_DATADIR"), "basemap", "countries.geojson", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *places = marz_gazetteer_get_places (gaz);
  JsonObject *shapes[2] = { NULL, NULL };
  const char *codes[2] = { "AF", "PK" };
  JsonArray *features;
  guint checked = 0;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  features = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "features");
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *f = json_array_get_object_element (features, i);
      const char *iso = json_object_get_string_member_with_default (json_object_get_object_member (f, "properties"),
                                                                    "iso_a2", NULL);
      for (guint c = 0; c < 2; c++)
        if (g_strcmp0 (iso, codes[c]) == 0)
          shapes[c] = json_object_get_object_member (f, "geometry");
    }
  g_assert_nonnull (shapes[0]);
  g_assert_nonnull (shapes[1]);

  for (guint i = 0; i < places->len; i++)
    {
      MarzPlace *p = g_ptr_array_index (places, i);
      for (guint c = 0; c < 2; c++)
        if (g_strcmp0 (p->country, codes[c]) == 0 && p->kind != MARZ_PLACE_COUNTRY)
          {
            if (!in_country (shapes[c], p->lon, p->lat))
              g_error ("%s (%.3f, %.3f) lies outside %s", p->id, p->lat, p->lon, codes[c]);
            checked++;
          }
    }
  g_assert_cmpuint (checked, >, 100);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/gazetteer/contents", test_contents);
  g_test_add_func ("/gazetteer/scan/spellings", test_scan_spellings);
  g_test_add_func ("/gazetteer/scan/weak-names", test_weak_names);
  g_test_add_func ("/gazetteer/invalid", test_invalid_files);
  g_test_add_func ("/gazetteer/inside-country", test_places_inside_their_country);

  return g_test_run ();
}
