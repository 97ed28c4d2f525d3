/* test-export.c: exporting the map and the incidents from the window, under Xvfb
 *
 * A real window on a fresh store imports the bundled corpus; the export
 * dialog then previews and writes what the window shows, and the window
 * writes the incidents its filters let through.  Files are read back.
 * Without a display every test skips.
 */
#define _GNU_SOURCE  /* memmem */
#undef G_DISABLE_ASSERT

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "marz-export-dialog.h"
#include "marz-gazetteer.h"
#include "marz-marker-style.h"
#include "marz-window-private.h"
#include "ui-test-util.h"

/* A window on the store @name, the map on the border region at 6.5. */
static MarzWindow *
open_window_on_border (const char *name)
{
  g_autofree char *db = ui_test_db_path (name);
  MarzWindow *window = ui_test_open_window (db);
  ShumateViewport *viewport = shumate_map_get_viewport (marz_window_get_map (window));

  shumate_viewport_set_zoom_level (viewport, 6.5);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 33.0, 68.8);
  ui_test_settle_frames ();
  return window;
}

static gboolean
has_paintable (gpointer data)
{
  return gtk_picture_get_paintable (data) != NULL;
}

static gboolean
paintable_changed (gpointer data)
{
  GtkPicture *picture = data;

  return gtk_picture_get_paintable (picture) != g_object_get_data (G_OBJECT (picture), "old");
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_exported_cb (MarzExportDialog *dialog,
                const char       *path,
                gboolean         *exported)
{
  *exported = TRUE;
}

static gboolean
dialog_idle (gpointer data)
{
  return !marz_export_dialog_get_busy (data);
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir && g_dir_read_name (dir))
    n++;
  return n;
}

/* The colour of the pixel at (@x, @y), 0 … 255 per channel. */
static void
texture_pixel (GdkTexture *texture,
               int         x,
               int         y,
               guint8      rgb[3])
{
  int width = gdk_texture_get_width (texture);
  g_autofree guint8 *data = g_malloc ((gsize) width * 4 * gdk_texture_get_height (texture));
  guint32 pixel;

  gdk_texture_download (texture, data, width * 4);
  pixel = ((guint32 *) data)[y * width + x];
  rgb[0] = (pixel >> 16) & 0xff;
  rgb[1] = (pixel >> 8) & 0xff;
  rgb[2] = pixel & 0xff;
}

static MarzExportDialog *
open_dialog (MarzWindow *window)
{
  MarzExportDialog *dialog = _marz_window_export_map (window);
  GtkWidget *preview;

  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  preview = ui_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_PICTURE, 0);
  g_assert_nonnull (preview);
  ui_test_wait_for (has_paintable, preview, "the preview");
  return dialog;
}

/* "As on screen": the PNG is the map the window shows, pixel for pixel
 * where the markers are. */
static void
test_export_map_as_seen (void)
{
  g_autofree char *dir = g_dir_make_tmp ("marz-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  MarzWindow *window;
  MarzExportDialog *dialog;
  GtkWidget *map, *preview, *title_row;
  MarzPlace *kabul;
  MarzRgb want;
  gboolean exported = FALSE;
  int map_width, map_height;
  double x, y;
  guint8 rgb[3];

  if (!ui_test_needs_display ())
    return;
  window = open_window_on_border ("export-map.db");
  map = GTK_WIDGET (marz_window_get_map (window));
  map_width = gtk_widget_get_width (map);
  map_height = gtk_widget_get_height (map);
  dialog = open_dialog (window);

  /* The preview has the shape of the map on screen. */
  preview = ui_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_PICTURE, 0);
  g_assert_cmpfloat (fabs (gdk_paintable_get_intrinsic_aspect_ratio (gtk_picture_get_paintable (GTK_PICTURE (preview)))
                           - (double) map_width / map_height), <, 0.02);

  /* A title re-draws the preview. */
  title_row = ui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, 0);
  g_assert_nonnull (title_row);
  g_object_set_data (G_OBJECT (preview), "old", gtk_picture_get_paintable (GTK_PICTURE (preview)));
  gtk_editable_set_text (GTK_EDITABLE (title_row), "غارات على الحدود");
  ui_test_wait_for (paintable_changed, preview, "a new preview");

  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported_cb), &exported);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  marz_export_dialog_export_to (dialog, png);
  ui_test_wait_for (is_true, &exported, "the export");
  ui_test_settle_frames ();

  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, map_width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, map_height);

  /* Kabul's marker (airstrikes) is where the window has it. */
  gazetteer = marz_gazetteer_new_default (&error);
  g_assert_no_error (error);
  kabul = marz_gazetteer_lookup (gazetteer, "kabul");
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (marz_window_get_map (window)), map,
                                              kabul->lat, kabul->lon, &x, &y);
  texture_pixel (texture, (int) round (x), (int) round (y), rgb);
  want = marz_marker_style_type_color (MARZ_INCIDENT_AIRSTRIKE);
  g_assert_cmpint (abs (rgb[0] - (int) round (want.red * 255)), <=, 24);
  g_assert_cmpint (abs (rgb[1] - (int) round (want.green * 255)), <=, 24);
  g_assert_cmpint (abs (rgb[2] - (int) round (want.blue * 255)), <=, 24);

  /* The dialog closed after the export. */
  g_assert_null (dialog);
  ui_test_close_window (window);
  g_remove (png);
  g_rmdir (dir);
}

/* The window zooms to 20; the figure shows what it shows, Kabul's marker
 * where the window has it. */
static void
test_export_map_high_zoom (void)
{
  g_autofree char *dir = g_dir_make_tmp ("marz-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  ShumateViewport *viewport;
  MarzWindow *window;
  MarzExportDialog *dialog;
  GtkWidget *map;
  MarzPlace *kabul;
  MarzRgb want;
  gboolean exported = FALSE;
  double x, y;
  guint8 rgb[3];

  if (!ui_test_needs_display ())
    return;
  window = open_window_on_border ("export-zoom.db");
  map = GTK_WIDGET (marz_window_get_map (window));
  gazetteer = marz_gazetteer_new_default (&error);
  g_assert_no_error (error);
  kabul = marz_gazetteer_lookup (gazetteer, "kabul");
  viewport = shumate_map_get_viewport (marz_window_get_map (window));
  shumate_viewport_set_zoom_level (viewport, 19.6);
  /* Kabul off the centre, so that a figure of another view misses it. */
  shumate_location_set_location (SHUMATE_LOCATION (viewport), kabul->lat + 0.0002, kabul->lon - 0.0003);
  ui_test_settle_frames ();
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, 19.5);
  dialog = open_dialog (window);
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported_cb), &exported);
  marz_export_dialog_export_to (dialog, png);
  ui_test_wait_for (is_true, &exported, "the export");
  ui_test_settle_frames ();

  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  shumate_viewport_location_to_widget_coords (viewport, map, kabul->lat, kabul->lon, &x, &y);
  g_assert_cmpfloat (fabs (x - gtk_widget_get_width (map) / 2.0), >, 40);
  texture_pixel (texture, (int) round (x), (int) round (y), rgb);
  want = marz_marker_style_type_color (MARZ_INCIDENT_AIRSTRIKE);
  g_assert_cmpint (abs (rgb[0] - (int) round (want.red * 255)), <=, 24);
  g_assert_cmpint (abs (rgb[1] - (int) round (want.green * 255)), <=, 24);
  g_assert_cmpint (abs (rgb[2] - (int) round (want.blue * 255)), <=, 24);

  ui_test_close_window (window);
  g_remove (png);
  g_rmdir (dir);
}

static GtkWidget *
find_chooser (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
chooser_shown (gpointer data)
{
  return find_chooser () != NULL;
}

/* The file chooser is modal and goes with the dialog: a file chosen after
 * the dialog closed cannot reach it. */
static void
test_chooser_goes_with_dialog (void)
{
  MarzWindow *window;
  MarzExportDialog *dialog;

  if (!ui_test_needs_display ())
    return;
  window = open_window_on_border ("export-chooser.db");
  dialog = open_dialog (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.save", NULL));
  ui_test_wait_for (chooser_shown, NULL, "the file chooser");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (find_chooser ())));

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_settle_frames ();
  g_assert_null (dialog);
  g_assert_null (find_chooser ());

  ui_test_close_window (window);
}

static gboolean
no_temporary_file (gpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (data, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (name[0] == '.')
      return FALSE;
  return TRUE;
}

/* Closing the dialog while a large figure is being written: no crash, and
 * no file, or a whole one if the write won the race. */
static void
test_close_during_write (void)
{
  g_autofree char *dir = g_dir_make_tmp ("marz-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  MarzWindow *window;
  MarzExportDialog *dialog;
  GtkWidget *preview, *size_row;

  if (!ui_test_needs_display ())
    return;
  window = open_window_on_border ("export-close.db");
  dialog = open_dialog (window);
  preview = ui_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_PICTURE, 0);
  size_row = ui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 1);
  g_object_set_data (G_OBJECT (preview), "old", gtk_picture_get_paintable (GTK_PICTURE (preview)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (size_row), 2);   /* Large, 4000 × 3000 px */
  ui_test_wait_for (paintable_changed, preview, "the large figure's preview");

  marz_export_dialog_export_to (dialog, png);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  for (guint i = 0; i < 10; i++)
    ui_test_settle_frames ();
  ui_test_wait_for (no_temporary_file, dir, "the worker to finish");
  g_assert_null (dialog);
  if (g_file_test (png, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (png, &error);

      g_assert_no_error (error);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, 4000);
      g_remove (png);
    }
  g_assert_cmpuint (count_files (dir), ==, 0);

  ui_test_close_window (window);
  g_rmdir (dir);
}

/* A4 at 300 dpi as PDF; then a path that cannot be written keeps the dialog
 * open and leaves nothing. */
static void
test_export_map_pdf_and_failure (void)
{
  g_autofree char *dir = g_dir_make_tmp ("marz-export-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *png_name = g_build_filename (dir, "map.png", NULL);
  /* Markup in a file name: the toast escapes it (GTK warns otherwise). */
  g_autofree char *bad = g_build_filename (dir, "Q&A <x>", "map.png", NULL);
  g_autofree char *contents = NULL;
  MarzWindow *window;
  MarzExportDialog *dialog;
  GtkWidget *format_row, *size_row;
  gboolean exported = FALSE;
  gsize length;

  if (!ui_test_needs_display ())
    return;
  window = open_window_on_border ("export-pdf.db");
  dialog = open_dialog (window);
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported_cb), &exported);

  marz_export_dialog_export_to (dialog, bad);
  ui_test_wait_for (dialog_idle, dialog, "the failed write");
  ui_test_settle_frames ();
  g_assert_false (exported);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpuint (count_files (dir), ==, 0);

  format_row = ui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 0);
  size_row = ui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (format_row), 2);   /* PDF */
  adw_combo_row_set_selected (ADW_COMBO_ROW (size_row), 3);     /* A4 landscape, 300 dpi */
  /* Named .png, written as the PDF it is. */
  marz_export_dialog_export_to (dialog, png_name);
  ui_test_wait_for (is_true, &exported, "the PDF");
  g_assert_false (g_file_test (png_name, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* A4 landscape in points: 842 × 595. */
  g_assert_nonnull (memmem (contents, length, "/MediaBox [ 0 0 842", strlen ("/MediaBox [ 0 0 842")));
  g_assert_cmpuint (count_files (dir), ==, 1);

  ui_test_close_window (window);
  g_remove (pdf);
  g_rmdir (dir);
}

static void
on_clipboard_texture_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GdkTexture **texture = user_data;
  g_autoptr(GError) error = NULL;

  *texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
clipboard_has_texture (gpointer data)
{
  return gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (data), GDK_TYPE_TEXTURE);
}

static gboolean
texture_read (gpointer data)
{
  return *(GdkTexture **) data != NULL;
}

/* Copy Image puts the whole figure, at its size, on the clipboard. */
static void
test_copy_image (void)
{
  GdkClipboard *clipboard;
  g_autoptr(GdkTexture) texture = NULL;
  MarzWindow *window;
  MarzExportDialog *dialog;
  GtkWidget *size_row;

  if (!ui_test_needs_display ())
    return;
  window = open_window_on_border ("export-copy.db");
  dialog = open_dialog (window);
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (dialog));
  gdk_clipboard_set_text (clipboard, "before");
  g_assert_false (clipboard_has_texture (clipboard));

  size_row = ui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (size_row), 1);   /* Full HD */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.copy", NULL));
  ui_test_wait_for (clipboard_has_texture, clipboard, "an image on the clipboard");
  gdk_clipboard_read_texture_async (clipboard, NULL, on_clipboard_texture_cb, &texture);
  ui_test_wait_for (texture_read, &texture, "the image read back");
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1920);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 1080);

  /* A4 at 300 dpi: the paper's pixels, 297 × 210 mm at 300 dpi. */
  g_clear_object (&texture);
  gdk_clipboard_set_text (clipboard, "before");
  adw_combo_row_set_selected (ADW_COMBO_ROW (size_row), 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.copy", NULL));
  ui_test_wait_for (clipboard_has_texture, clipboard, "the A4 image on the clipboard");
  gdk_clipboard_read_texture_async (clipboard, NULL, on_clipboard_texture_cb, &texture);
  ui_test_wait_for (texture_read, &texture, "the A4 image read back");
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 3508);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 2480);

  ui_test_close_window (window);
}

/* The incidents the window's filters let through, as CSV. */
static void
test_export_incidents (void)
{
  g_autofree char *dir = g_dir_make_tmp ("marz-export-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "incidents.csv", NULL);
  g_autofree char *geojson = g_build_filename (dir, "incidents.geojson", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  MarzWindow *window;
  gsize length;

  if (!ui_test_needs_display ())
    return;
  window = open_window_on_border ("export-incidents.db");

  /* Up to 2025-11-20: the 2025-11-24 strikes on Khost, Kunar and Paktika are out. */
  g_assert_true (marz_view_model_set_range (marz_window_get_view_model (window), "2025-10-01", "2025-11-20",
                                            &error));
  g_assert_no_error (error);
  _marz_window_export_incidents (window, csv);
  ui_test_wait_for (file_exists, csv, "the CSV");
  g_assert_true (g_file_get_contents (csv, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (contents, "2025-11-07"));
  g_assert_null (strstr (contents, "2025-11-24"));
  g_clear_pointer (&contents, g_free);

  _marz_window_export_incidents (window, geojson);
  ui_test_wait_for (file_exists, geojson, "the GeoJSON");
  g_assert_true (g_file_get_contents (geojson, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "\"FeatureCollection\""));
  g_assert_null (strstr (contents, "2025-11-24"));
  g_assert_cmpuint (count_files (dir), ==, 2);

  ui_test_close_window (window);
  g_remove (csv);
  g_remove (geojson);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  /* GTK's own schemas too: the file chooser reads its settings. */
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") && g_file_test ("/usr/share/glib-2.0/schemas", G_FILE_TEST_IS_DIR))
    {
      g_autofree char *dirs = g_strconcat (g_getenv ("GSETTINGS_SCHEMA_DIR"), ":/usr/share/glib-2.0/schemas", NULL);
      g_setenv ("GSETTINGS_SCHEMA_DIR", dirs, TRUE);
    }
  ui_test_init (&argc, &argv);
  g_test_add_func ("/export/map-as-seen", test_export_map_as_seen);
  g_test_add_func ("/export/map-high-zoom", test_export_map_high_zoom);
  g_test_add_func ("/export/map-pdf-and-failure", test_export_map_pdf_and_failure);
  g_test_add_func ("/export/chooser-goes-with-dialog", test_chooser_goes_with_dialog);
  g_test_add_func ("/export/close-during-write", test_close_during_write);
  g_test_add_func ("/export/copy-image", test_copy_image);
  g_test_add_func ("/export/incidents", test_export_incidents);
  return g_test_run ();
}
