/* test-snapshot.c: the map figure drawn by the core
 *
 * A real store of the bundled corpus, the real basemap; the figure is
 * rendered into image surfaces and read back pixel by pixel, and written
 * to real files.
 */
#undef G_DISABLE_ASSERT
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "marz-basemap.h"
#include "marz-import.h"
#include "marz-marker-style.h"
#include "marz-mercator.h"
#include "marz-snapshot.h"
#include "marz-snapshot-private.h"

/* Spin Boldak: one clash, alone on the map at the zoom of these views. */
#define SPIN_LAT 31.006
#define SPIN_LON 66.400

typedef struct
{
  char          *dir;
  MarzStore     *store;
  MarzGazetteer *gazetteer;
  MarzBasemap   *basemap;
} Fixture;

static char *
corpus_dir (void)
{
  const char *datadir = g_getenv ("MARZ_DATADIR");

  if (datadir != NULL)
    return g_build_filename (datadir, "corpus", NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "..", "data", "corpus", NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzExtractor) extractor = NULL;
  g_autofree char *corpus = corpus_dir ();
  g_autofree char *db = NULL;
  MarzImportSummary summary;

  f->dir = g_dir_make_tmp ("marz-snapshot-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "marz.db", NULL);
  f->store = marz_store_open (db, &error);
  g_assert_no_error (error);
  f->gazetteer = marz_gazetteer_new_default (&error);
  g_assert_no_error (error);
  f->basemap = marz_basemap_new_default (f->gazetteer, &error);
  g_assert_no_error (error);
  extractor = marz_extractor_new (f->gazetteer);
  marz_import_paths (f->store, extractor, (const char * const []) { corpus, NULL }, NULL, NULL, NULL,
                     &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added, ==, 5);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_clear_object (&f->store);
  g_clear_object (&f->basemap);
  g_clear_object (&f->gazetteer);
}

static MarzSnapshot *
loaded_snapshot (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  MarzIncidentFilter filter = { .type = -1 };
  MarzSnapshot *snapshot = marz_snapshot_new (f->basemap, &filter);

  g_assert_true (marz_snapshot_load (snapshot, f->store, &error));
  g_assert_no_error (error);
  return snapshot;
}

/* A box and a height with the same aspect in Web Mercator. */
static guint
height_for_box (guint         width,
                const double *box)
{
  double x0, y0, x1, y1;

  marz_mercator_project_unit (box[3], box[0], &x0, &y0);
  marz_mercator_project_unit (box[1], box[2], &x1, &y1);
  return (guint) round (width * (y1 - y0) / (x1 - x0));
}

static cairo_surface_t *
render (MarzSnapshot *snapshot,
        double        scale)
{
  guint w, h;
  cairo_surface_t *surface;
  cairo_t *cr;

  marz_snapshot_get_size (snapshot, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) round (w * scale), (int) round (h * scale));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  marz_snapshot_render (snapshot, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *row = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface);
  return ((const guint32 *) row)[x] & 0xffffff;
}

/* Within @tolerance on every channel of the colour @rgb, drawn at 92 %
 * over anything. */
static void
assert_marker_color (guint32 got,
                     MarzRgb rgb,
                     int     tolerance)
{
  int channels[3] = { (got >> 16) & 0xff, (got >> 8) & 0xff, got & 0xff };
  double want[3] = { rgb.red * 255, rgb.green * 255, rgb.blue * 255 };

  for (guint i = 0; i < 3; i++)
    if (fabs (channels[i] - want[i]) > tolerance)
      g_error ("pixel %06x is not the marker colour %02x%02x%02x", got, (int) want[0], (int) want[1], (int) want[2]);
}

static void
test_bbox_fills_map (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MarzSnapshot) snapshot = loaded_snapshot (f);
  double box[4] = { 64, 29, 72, 35 };
  guint h = height_for_box (800, box);
  double x, y, x0, y0, x1, y1;

  marz_snapshot_set_size (snapshot, 800, h);
  marz_snapshot_set_bbox (snapshot, box[0], box[1], box[2], box[3]);
  marz_snapshot_project (snapshot, box[3], box[0], &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0, 0.5);
  g_assert_cmpfloat_with_epsilon (y, 0, 0.5);
  marz_snapshot_project (snapshot, box[1], box[2], &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 800, 0.5);
  g_assert_cmpfloat_with_epsilon (y, h, 0.5);

  /* Any place: linear in Web Mercator between the corners. */
  {
    double sx, sy;
    marz_mercator_project_unit (box[3], box[0], &x0, &y0);
    marz_mercator_project_unit (box[1], box[2], &x1, &y1);
    marz_mercator_project_unit (SPIN_LAT, SPIN_LON, &sx, &sy);
    marz_snapshot_project (snapshot, SPIN_LAT, SPIN_LON, &x, &y);
    g_assert_cmpfloat_with_epsilon (x, 800 * (sx - x0) / (x1 - x0), 0.5);
    g_assert_cmpfloat_with_epsilon (y, h * (sy - y0) / (y1 - y0), 0.5);
  }
}

/* A box of another aspect: exact along the tighter side, centred on the other. */
static void
test_bbox_other_aspect (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MarzSnapshot) snapshot = loaded_snapshot (f);
  double x, y, x2, y2;

  marz_snapshot_set_size (snapshot, 1000, 400);
  marz_snapshot_set_bbox (snapshot, 64, 29, 72, 35);
  marz_snapshot_project (snapshot, 35, 64, &x, &y);
  marz_snapshot_project (snapshot, 29, 72, &x2, &y2);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (y2, 400, 1e-6);
  g_assert_cmpfloat_with_epsilon ((x + x2) / 2, 500, 1e-6);
  g_assert_cmpfloat (x, >, 0);
}

static void
test_marker_pixel (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MarzSnapshot) snapshot = loaded_snapshot (f);
  double box[4] = { 64, 29, 72, 35 };
  cairo_surface_t *surface;
  double x, y;

  marz_snapshot_set_size (snapshot, 800, height_for_box (800, box));
  marz_snapshot_set_bbox (snapshot, box[0], box[1], box[2], box[3]);
  marz_snapshot_set_furniture (snapshot, 0);
  marz_snapshot_project (snapshot, SPIN_LAT, SPIN_LON, &x, &y);

  /* At 96 dpi and at 300: the same place, scaled. */
  for (guint i = 0; i < 2; i++)
    {
      double scale = i ? 300 / 96.0 : 1;
      surface = render (snapshot, scale);
      assert_marker_color (pixel (surface, (int) (x * scale), (int) (y * scale)),
                           marz_marker_style_type_color (MARZ_INCIDENT_CLASH), 16);
      /* Beside the marker, the land. */
      g_assert_cmphex (pixel (surface, (int) ((x + 30) * scale), (int) (y * scale)), !=,
                       pixel (surface, (int) (x * scale), (int) (y * scale)));
      cairo_surface_destroy (surface);
    }
}

static void
test_list_frame (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MarzSnapshot) snapshot = loaded_snapshot (f);
  double x, y, w, h, px, py;

  marz_snapshot_set_size (snapshot, 1000, 600);
  marz_snapshot_get_map_frame (snapshot, &x, &y, &w, &h);
  g_assert_cmpfloat (w, ==, 1000);
  marz_snapshot_set_furniture (snapshot, MARZ_SNAPSHOT_FURNITURE_DEFAULT | MARZ_SNAPSHOT_LIST);
  marz_snapshot_get_map_frame (snapshot, &x, &y, &w, &h);
  g_assert_cmpfloat (x, ==, 0);
  g_assert_cmpfloat (w, ==, 1000 - 333);
  g_assert_cmpfloat (h, ==, 600);
  marz_snapshot_set_bbox (snapshot, 64, 29, 72, 35);
  marz_snapshot_project (snapshot, 32, 68, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, w / 2, 1e-6);

  marz_snapshot_set_size (snapshot, 600, 900);
  marz_snapshot_get_map_frame (snapshot, &x, &y, &w, &h);
  g_assert_cmpfloat (w, ==, 600);
  g_assert_cmpfloat (h, ==, 900 - 300);
}

/* Numbers in the list and beside the markers: runs of consecutive ones. */
static void
test_list_changes_figure (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MarzSnapshot) snapshot = loaded_snapshot (f);
  cairo_surface_t *plain, *listed;

  marz_snapshot_set_size (snapshot, 900, 600);
  marz_snapshot_set_bbox (snapshot, 64, 29, 74, 36);
  plain = render (snapshot, 1);
  marz_snapshot_set_furniture (snapshot, MARZ_SNAPSHOT_FURNITURE_DEFAULT | MARZ_SNAPSHOT_LIST);
  listed = render (snapshot, 1);
  /* The panel is not map: a plain light background where the map had sea or land. */
  g_assert_cmphex (pixel (listed, 899, 599), ==, 0xfaf9f4);
  g_assert_cmphex (pixel (plain, 899, 300), !=, 0xfaf9f4);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (listed);
}

static void
test_marker_style_draw (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 60, 60);
  cairo_t *cr = cairo_create (surface);
  MarzRgb rgb = marz_marker_style_type_color (MARZ_INCIDENT_TALKS);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_paint (cr);
  marz_marker_style_draw_place (cr, 30, 30, 12, MARZ_INCIDENT_TALKS, 1);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  assert_marker_color (pixel (surface, 30, 30), (MarzRgb) { rgb.red * 0.92, rgb.green * 0.92, rgb.blue * 0.92 }, 3);
  /* The white border, inside the radius; a square's corner is filled, a disc's would not be. */
  g_assert_cmphex (pixel (surface, 30, 19), ==, 0xffffff);
  g_assert_cmphex (pixel (surface, 19, 30), ==, 0xffffff);
  g_assert_cmphex (pixel (surface, 21, 21), !=, 0);
  g_assert_cmphex (pixel (surface, 30, 45), ==, 0);
  cairo_surface_destroy (surface);
}

static gsize
file_size (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return length;
}

static void
test_write_formats (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MarzSnapshot) snapshot = loaded_snapshot (f);
  g_autoptr(GError) error = NULL;
  const char *magic[] = { "\x89PNG", "<?xml", "%PDF" };

  marz_snapshot_set_size (snapshot, 500, 300);
  marz_snapshot_set_title (snapshot, "Test", NULL);
  for (MarzSnapshotFormat format = MARZ_SNAPSHOT_PNG; format <= MARZ_SNAPSHOT_PDF; format++)
    {
      g_autofree char *name = g_strdup_printf ("figure.%s", marz_snapshot_format_to_string (format));
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autofree char *contents = NULL;

      g_assert_true (marz_snapshot_write (snapshot, path, format, 192, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_true (g_str_has_prefix (contents, magic[format]));
      g_assert_cmpuint (file_size (path), >, 1000);
      if (format == MARZ_SNAPSHOT_PNG)
        {
          cairo_surface_t *png = cairo_image_surface_create_from_png (path);
          g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1000);
          g_assert_cmpint (cairo_image_surface_get_height (png), ==, 600);
          cairo_surface_destroy (png);
        }
    }
}

/* cairo alone writes an SVG's text as glyph outlines: the snapshot's are
 * <text>, escaped, right to left where the script is, in drawing order. */
static void
test_svg_text (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MarzSnapshot) snapshot = loaded_snapshot (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "figure.svg", NULL);
  g_autofree char *contents = NULL;
  const char *title, *label, *box;

  marz_snapshot_set_size (snapshot, 900, 600);
  marz_snapshot_set_bbox (snapshot, 64, 29, 72, 35);
  marz_snapshot_set_title (snapshot, "Clashes <& talks>", "اشتباكات الحدود");
  g_assert_true (marz_snapshot_write (snapshot, path, MARZ_SNAPSHOT_SVG, 96, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

  g_assert_nonnull ((title = strstr (contents, ">Clashes &lt;&amp; talks&gt;</text>")));
  g_assert_nonnull (strstr (contents, "direction=\"rtl\" unicode-bidi=\"embed\" text-anchor=\"start\""));
  g_assert_nonnull (strstr (contents, ">اشتباكات الحدود</text>"));
  g_assert_nonnull ((label = strstr (contents, ">Kandahar</text>")));
  g_assert_nonnull (strstr (contents, ">Legend</text>"));
  /* Every marker replaced, and a map label before the title's box. */
  g_assert_null (strstr (contents, "fill-opacity:0.01;"));
  g_assert_nonnull ((box = strstr (contents, "fill-opacity:0.9;")));
  g_assert_true (label < box && box < title);
}

/* A comma-decimal locale changes nothing: the furniture's fonts keep their
 * size and the SVG's numbers their points. */
static void
test_comma_locale (Fixture       *f,
                   gconstpointer  data)
{
  const char *locales[] = { "de_DE.UTF-8", "de_DE.utf8", "ps_AF.UTF-8", "fr_FR.UTF-8", NULL };
  g_autoptr(MarzSnapshot) snapshot = loaded_snapshot (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "comma.svg", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *old = g_strdup (setlocale (LC_NUMERIC, NULL));
  const char *found = NULL, *p;
  guint n = 0;

  for (guint i = 0; locales[i] && !found; i++)
    if (setlocale (LC_NUMERIC, locales[i]) && strcmp (localeconv ()->decimal_point, ".") != 0)
      found = locales[i];
  if (found == NULL)
    {
      setlocale (LC_NUMERIC, old);
      g_test_skip ("no comma-decimal locale (localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
      return;
    }
  marz_snapshot_set_size (snapshot, 900, 600);
  marz_snapshot_set_bbox (snapshot, 64, 29, 72, 35);
  marz_snapshot_set_title (snapshot, "Comma", NULL);
  g_assert_true (marz_snapshot_write (snapshot, path, MARZ_SNAPSHOT_SVG, 96, &error));
  setlocale (LC_NUMERIC, old);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, ">Comma</text>"));
  g_assert_nonnull (strstr (contents, ">Legend</text>"));
  for (p = contents; (p = strstr (p, "font-size=\"")); p++, n++)
    {
      char *end;
      double size = g_ascii_strtod (p + strlen ("font-size=\""), &end);
      g_assert_cmpint (*end, ==, '"');
      g_assert_cmpfloat (size, >=, 6);
    }
  g_assert_cmpuint (n, >, 5);
}

/* The markers the text replaces, as cairo 1.16 and as cairo ≥ 1.17.2 write them
 * (marker 3 is rgb(255, 0, 3): 1.176471 %). */
static void
test_svg_markers (void)
{
  const char *cairo_116 =
    "<g clip-path=\"url(#clip1)\"><path style=\"stroke:none;fill-rule:nonzero;fill:rgb(100%,0%,1.176471%);"
    "fill-opacity:0.01;\" d=\"M 1 2 L 3 4 Z M 1 2 \"/>\n"
    "<path style=\"stroke:none;fill-rule:nonzero;fill:rgb(100%,0%,0%);fill-opacity:0.01;\" d=\"M 0 0 Z\"/></g>\n"
    "<path style=\"stroke:none;fill:rgb(100%,0%,0%);fill-opacity:0.5;\" d=\"M 5 5 Z\"/>";
  const char *cairo_118 =
    "<g clip-path=\"url(#clip-1)\">\n<path fill-rule=\"nonzero\" fill=\"rgb(100%, 0%, 1.176471%)\" "
    "fill-opacity=\"0.01\" d=\"M 1 2 L 3 4 Z M 1 2 \"/>\n"
    "<path fill-rule=\"nonzero\" fill=\"rgb(100%, 0%, 0%)\" fill-opacity=\"0.01\" d=\"M 0 0 Z\"/>\n</g>\n"
    "<path fill=\"rgb(100%, 0%, 0%)\" fill-opacity=\"0.5\" d=\"M 5 5 Z\"/>";
  const char *documents[] = { cairo_116, cairo_118 };
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GArray) required = g_array_new (FALSE, FALSE, sizeof (gboolean));
  gboolean yes = TRUE, no = FALSE;

  g_ptr_array_add (texts, "<text>zero</text>");
  g_ptr_array_add (texts, "<text>one</text>");
  g_ptr_array_add (texts, "<text>two</text>");
  g_ptr_array_add (texts, "<text>three</text>");
  g_array_append_val (required, yes);
  g_array_append_val (required, no);
  g_array_append_val (required, no);
  g_array_append_val (required, yes);
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = _marz_snapshot_svg_replace (documents[i], texts, required, "/x/map.svg", &error);
      const char *zero, *three;

      g_assert_no_error (error);
      g_assert_nonnull ((three = strstr (out, "<text>three</text>")));
      g_assert_nonnull ((zero = strstr (out, "<text>zero</text>")));
      g_assert_true (three < zero);
      g_assert_null (strstr (out, "0.01"));
      g_assert_nonnull (strstr (out, "d=\"M 5 5 Z\""));   /* a real path stays */

      /* A required text with no marker fails, naming the file. */
      g_array_index (required, gboolean, 1) = TRUE;
      g_clear_pointer (&out, g_free);
      out = _marz_snapshot_svg_replace (documents[i], texts, required, "/x/map.svg", &error);
      g_assert_null (out);
      g_assert_error (error, MARZ_SNAPSHOT_ERROR, MARZ_SNAPSHOT_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "/x/map.svg"));
      g_array_index (required, gboolean, 1) = FALSE;
      g_clear_error (&error);

      /* So does a marker with no text. */
      g_ptr_array_set_size (texts, 3);
      out = _marz_snapshot_svg_replace (documents[i], texts, NULL, "/x/map.svg", &error);
      g_assert_null (out);
      g_assert_error (error, MARZ_SNAPSHOT_ERROR, MARZ_SNAPSHOT_ERROR_FAILED);
      g_ptr_array_add (texts, "<text>three</text>");
    }
}

static gboolean
is_box_white (guint32 rgb)
{
  return ((rgb >> 16) & 0xff) >= 248 && ((rgb >> 8) & 0xff) >= 248 && (rgb & 0xff) >= 248;
}

/* An Arabic figure reads from the right: its title box is in the top
 * right corner, where an English one has the north arrow. */
static void
test_rtl_furniture (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MarzSnapshot) snapshot = loaded_snapshot (f);
  const char *languages[] = { "en", "ar" };

  marz_snapshot_set_size (snapshot, 900, 600);
  marz_snapshot_set_bbox (snapshot, 64, 29, 72, 35);
  marz_snapshot_set_title (snapshot, "الاشتباكات على الحدود", NULL);
  marz_snapshot_set_furniture (snapshot, MARZ_SNAPSHOT_TITLE);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      cairo_surface_t *surface;

      marz_snapshot_set_language (snapshot, languages[i]);
      surface = render (snapshot, 1);
      /* Inside the box, between its border and the text. */
      g_assert_cmpint (is_box_white (pixel (surface, 17, 17)), ==, i == 0);
      g_assert_cmpint (is_box_white (pixel (surface, 900 - 17, 17)), ==, i == 1);
      cairo_surface_destroy (surface);
    }
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir && g_dir_read_name (dir))
    n++;
  return n;
}

static void
test_write_fails_whole (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MarzSnapshot) snapshot = loaded_snapshot (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "map.png", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder.pdf", NULL);
  guint before;

  g_assert_false (marz_snapshot_write (snapshot, missing, MARZ_SNAPSHOT_PNG, 96, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  before = count_files (f->dir);
  g_assert_false (marz_snapshot_write (snapshot, folder, MARZ_SNAPSHOT_PDF, 96, &error));
  g_assert_nonnull (strstr (error->message, folder));
  g_assert_cmpuint (count_files (f->dir), ==, before);
  g_clear_error (&error);
  g_rmdir (folder);

  /* A PNG too big to allocate is refused before a file is made. */
  before = count_files (f->dir);
  marz_snapshot_set_size (snapshot, 20000, 20000);
  g_assert_false (marz_snapshot_write (snapshot, missing, MARZ_SNAPSHOT_PNG, 600, &error));
  g_assert_error (error, MARZ_SNAPSHOT_ERROR, MARZ_SNAPSHOT_ERROR_INVALID);
  g_assert_cmpuint (count_files (f->dir), ==, before);
}

/* The corpus figure of the issue: the border region, with the list. */
static const double corpus_box[4] = { 60, 28, 75, 38 };

/* The places of the corpus's incidents, in English and in Persian. */
static const char * const corpus_places[][2] = {
  { "Kabul", "کابل" },
  { "Paktika", "پکتیکا" },
  { "Spin Boldak", "سپین‌بولدک" },
  { "Khost", "خوست" },
  { "Kunar", "کنر" },
  { "Islamabad", "اسلام‌آباد" },
  { "Rawalpindi", "راولپندی" },
};

static gboolean
boxes_overlap (const MarzBox *a,
               const MarzBox *b)
{
  return a->x1 > a->x0 && b->x1 > b->x0
      && a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static MarzBox
disc_box (const MarzSnapshotMark *mark)
{
  return (MarzBox) { mark->x - mark->radius, mark->y - mark->radius, mark->x + mark->radius, mark->y + mark->radius };
}

static void
assert_apart (const char    *what,
              const MarzBox *a,
              const MarzBox *b)
{
  if (boxes_overlap (a, b))
    g_error ("%s: %.1f,%.1f–%.1f,%.1f overlaps %.1f,%.1f–%.1f,%.1f", what,
             a->x0, a->y0, a->x1, a->y1, b->x0, b->y0, b->x1, b->y1);
}

/* Every marker named; no name or tag over a marker, another name or tag,
 * or out of the map; in English and in Persian, with the list and without. */
static void
test_marker_labels_apart (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MarzSnapshot) snapshot = loaded_snapshot (f);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1600, 1000);
  cairo_t *cr = cairo_create (surface);
  const char *languages[] = { "en", "fa" };

  marz_snapshot_set_size (snapshot, 1600, 1000);
  marz_snapshot_set_bbox (snapshot, corpus_box[0], corpus_box[1], corpus_box[2], corpus_box[3]);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GArray) marks = NULL;
      guint named = 0, tagged = 0;
      double mx, my, mw, mh;

      marz_basemap_set_language (f->basemap, languages[i % 2]);
      marz_snapshot_set_language (snapshot, languages[i % 2]);
      marz_snapshot_set_furniture (snapshot, MARZ_SNAPSHOT_FURNITURE_DEFAULT | (i < 2 ? MARZ_SNAPSHOT_LIST : 0));
      marz_snapshot_get_map_frame (snapshot, &mx, &my, &mw, &mh);
      marks = _marz_snapshot_layout_marks (snapshot, cr);
      g_assert_cmpuint (marks->len, ==, 6);
      for (guint a = 0; a < marks->len; a++)
        {
          const MarzSnapshotMark *m = &g_array_index (marks, MarzSnapshotMark, a);
          const MarzBox *own[] = { &m->name_box, &m->tag_box };
          MarzBox map = { mx, my, mx + mw, my + mh };

          g_assert_nonnull (m->name);
          g_assert_true (m->name_box.x1 > m->name_box.x0);
          named++;
          tagged += m->tag != NULL;
          assert_apart ("a name and its tag", &m->name_box, &m->tag_box);
          for (guint k = 0; k < G_N_ELEMENTS (own); k++)
            {
              if (own[k]->x1 <= own[k]->x0)
                continue;
              g_assert_true (_marz_box_contains (&map, own[k]));
              for (guint b = 0; b < marks->len; b++)
                {
                  const MarzSnapshotMark *n = &g_array_index (marks, MarzSnapshotMark, b);
                  MarzBox disc = disc_box (n);

                  assert_apart ("a name or tag and a marker", own[k], &disc);
                  if (b != a)
                    {
                      assert_apart ("a name or tag and another's name", own[k], &n->name_box);
                      assert_apart ("a name or tag and another's tag", own[k], &n->tag_box);
                    }
                }
            }
        }
      g_assert_cmpuint (named, ==, 6);
      g_assert_cmpuint (tagged, ==, i < 2 ? 6 : 0);
    }
  marz_basemap_set_language (f->basemap, "en");
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = haystack; (p = strstr (p, needle)); p += strlen (needle))
    n++;
  return n;
}

/* Each place of an incident is named once, as text, by its marker: the
 * basemap leaves out its own label for it (and for a namesake, the
 * province of Khost beside the city). */
static void
test_marker_names_once (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MarzSnapshot) snapshot = loaded_snapshot (f);
  const char *languages[] = { "en", "fa" };

  marz_snapshot_set_size (snapshot, 1600, 1000);
  marz_snapshot_set_bbox (snapshot, corpus_box[0], corpus_box[1], corpus_box[2], corpus_box[3]);
  marz_snapshot_set_furniture (snapshot, MARZ_SNAPSHOT_FURNITURE_DEFAULT | MARZ_SNAPSHOT_LIST);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("names-%s.svg", languages[i]);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autofree char *contents = NULL;

      marz_basemap_set_language (f->basemap, languages[i]);
      marz_snapshot_set_language (snapshot, languages[i]);
      g_assert_true (marz_snapshot_write (snapshot, path, MARZ_SNAPSHOT_SVG, 96, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      for (guint k = 0; k < G_N_ELEMENTS (corpus_places); k++)
        {
          g_autofree char *text = g_strdup_printf (">%s</text>", corpus_places[k][i]);
          if (count_occurrences (contents, text) != 1)
            g_error ("%s: «%s» shown %u times", languages[i], corpus_places[k][i], count_occurrences (contents, text));
        }
      /* The basemap still labels the places without incidents. */
      g_assert_cmpuint (count_occurrences (contents, i ? ">قندهار</text>" : ">Kandahar</text>"), >=, 1);
    }
  marz_basemap_set_language (f->basemap, "en");
}

/* The window's tiles have no reserve: there, Kabul is labelled as ever. */
static void
test_basemap_reserve (Fixture       *f,
                      gconstpointer  data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  double ux, uy;
  int tx, ty;
  MarzLabelReserve reserve = { g_array_new (FALSE, FALSE, sizeof (MarzBox)),
                               g_hash_table_new (g_str_hash, g_str_equal) };
  guint32 with[2];

  /* Kabul's tile at zoom 6; its label named in the reserve, then not. */
  marz_mercator_project_unit (34.528, 69.172, &ux, &uy);
  tx = (int) (ux * 64), ty = (int) (uy * 64);
  g_hash_table_add (reserve.names, (gpointer) "Kabul");
  for (guint i = 0; i < 2; i++)
    {
      guint32 sum = 0;

      cairo_set_user_data (cr, &_marz_label_reserve_key, i ? NULL : &reserve, NULL);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_paint (cr);
      marz_basemap_render (f->basemap, cr, 6, tx * 256.0, ty * 256.0, 256, 256, 1);
      cairo_surface_flush (surface);
      /* Dark text pixels around Kabul's dot. */
      for (int y = 0; y < 256; y++)
        for (int x = 0; x < 256; x++)
          sum += pixel (surface, x, y) == 0x26231f;
      with[i] = sum;
    }
  g_assert_cmpuint (with[0], <, with[1]);
  g_array_unref (reserve.boxes);
  g_hash_table_unref (reserve.names);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_formats (void)
{
  MarzSnapshotFormat format;

  g_assert_true (marz_snapshot_format_from_string ("PDF", &format));
  g_assert_cmpint (format, ==, MARZ_SNAPSHOT_PDF);
  g_assert_false (marz_snapshot_format_from_string ("jpeg", &format));
  g_assert_cmpstr (marz_snapshot_format_to_string (MARZ_SNAPSHOT_SVG), ==, "svg");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/snapshot/bbox-fills-map", test_bbox_fills_map);
  ADD ("/snapshot/bbox-other-aspect", test_bbox_other_aspect);
  ADD ("/snapshot/marker-pixel", test_marker_pixel);
  ADD ("/snapshot/list-frame", test_list_frame);
  ADD ("/snapshot/list-panel", test_list_changes_figure);
  ADD ("/snapshot/write-formats", test_write_formats);
  ADD ("/snapshot/write-fails-whole", test_write_fails_whole);
  ADD ("/snapshot/svg-text", test_svg_text);
  ADD ("/snapshot/rtl-furniture", test_rtl_furniture);
  ADD ("/snapshot/comma-locale", test_comma_locale);
  ADD ("/snapshot/marker-labels-apart", test_marker_labels_apart);
  ADD ("/snapshot/marker-names-once", test_marker_names_once);
  ADD ("/snapshot/basemap-reserve", test_basemap_reserve);
#undef ADD
  g_test_add_func ("/snapshot/marker-style-draw", test_marker_style_draw);
  g_test_add_func ("/snapshot/formats", test_formats);
  g_test_add_func ("/snapshot/svg-markers", test_svg_markers);
  return g_test_run ();
}
