/* test-window.c: the map window on a real store, under Xvfb
 *
 * Each test opens a MarzWindow on a fresh SQLite file in the isolated data
 * dir; on first start the window imports the bundled corpus in a worker,
 * so the tests wait for the import and the markers as a person would.
 * Without a display every test skips.
 */
#undef G_DISABLE_ASSERT

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <math.h>
#include <stdlib.h>

#include "marz-article-view.h"
#include "marz-filter-popover.h"
#include "marz-gazetteer.h"
#include "marz-marker-style.h"
#include "marz-place-popover.h"
#include "marz-timeline.h"
#include "marz-window-private.h"
#include "ui-test-util.h"

/* What a click does, at once: gtk_widget_activate() on a button emits
 * ::clicked only after a 250 ms press animation. */
static void
click (GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
}

static void
show_border_region (MarzWindow *window,
                    double      zoom)
{
  ShumateViewport *viewport = shumate_map_get_viewport (marz_window_get_map (window));

  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 33.0, 68.8);
  ui_test_settle_frames ();
}

/* The marker stands, centred, where its place projects on the map. */
static void
assert_marker_at_place (MarzWindow    *window,
                        MarzGazetteer *gazetteer,
                        const char    *place_id,
                        const char    *label)
{
  MarzMarkerLayer *layer = marz_window_get_marker_layer (window);
  ShumateViewport *viewport = shumate_map_get_viewport (marz_window_get_map (window));
  MarzMarker *marker = marz_marker_layer_find_place (layer, place_id);
  MarzPlace *place = marz_gazetteer_lookup (gazetteer, place_id);
  graphene_rect_t bounds;
  double lat, lon, x, y;

  g_assert_nonnull (place);
  if (marker == NULL)
    g_error ("no marker for %s", place_id);
  marz_marker_get_location (marker, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, place->lat, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, place->lon, 1e-9);
  g_assert_cmpstr (marz_marker_get_label (marker), ==, label);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (marker)));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (marker), GTK_WIDGET (layer), &bounds));
  g_assert_cmpfloat (bounds.size.width, >=, 16);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (layer), place->lat, place->lon, &x, &y);
  g_assert_cmpfloat (fabs (bounds.origin.x + bounds.size.width / 2 - x), <=, 1.0);
  g_assert_cmpfloat (fabs (bounds.origin.y + bounds.size.height / 2 - y), <=, 1.0);
}

static void
test_markers (void)
{
  g_autofree char *db = ui_test_db_path ("markers.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (&error);
  MarzWindow *window;

  if (!ui_test_needs_display ())
    return;
  g_assert_no_error (error);
  window = ui_test_open_window (db);
  ui_test_settle_frames ();
  g_assert_null (marz_window_get_error (window));
  g_assert_cmpuint (marz_window_get_import_errors (window)->len, ==, 0);
  show_border_region (window, 7);
  assert_marker_at_place (window, gazetteer, "kabul", "Kabul: 1 incident");
  assert_marker_at_place (window, gazetteer, "paktika", "Paktika: 2 incidents");
  assert_marker_at_place (window, gazetteer, "spin-boldak", "Spin Boldak: 1 incident");
  assert_marker_at_place (window, gazetteer, "khost-province", "Khost: 1 incident");
  assert_marker_at_place (window, gazetteer, "kunar", "Kunar: 1 incident");
  /* Khost, Kunar and Paktika are provinces: their outlines are drawn. */
  g_assert_cmpuint (marz_window_get_n_outlines (window), >=, 3);
  ui_test_close_window (window);
}

typedef struct
{
  MarzWindow *window;
  double      lat;
  double      lon;
  MarzRgb     color;
  double      radius;    /* the marker's, or 0 not to check its size */
  /* rendered_at() */
  double      kabul_lat;
  double      kabul_lon;
  gboolean    drawn;
  gboolean    kabul_too;
} DrawnAt;

/* Whether @texture, the map as rendered, has @at's colour @dy px below
 * (@lat, @lon). */
static gboolean
color_at (const DrawnAt *at,
          GdkTexture    *texture,
          double         lat,
          double         lon,
          double         dy)
{
  ShumateMap *map = marz_window_get_map (at->window);
  double x, y;
  guint32 p;

  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (map), GTK_WIDGET (map), lat, lon, &x, &y);
  p = ui_test_texture_pixel (texture, (int) round (x), (int) round (y + dy));
  return abs ((int) ((p >> 16) & 0xff) - (int) round (at->color.red * 255)) <= 24
      && abs ((int) ((p >> 8) & 0xff) - (int) round (at->color.green * 255)) <= 24
      && abs ((int) (p & 0xff) - (int) round (at->color.blue * 255)) <= 24;
}

/* Whether the map draws a marker of @data's colour at its place, and no
 * bigger than its radius: the marker layer paints its markers in a worker,
 * a frame or two later, and until then shows the last picture, scaled. */
static gboolean
drawn_at (gpointer data)
{
  DrawnAt *at = data;
  g_autoptr(GdkTexture) texture = ui_test_render_widget (GTK_WIDGET (marz_window_get_map (at->window)));

  return texture != NULL && color_at (at, texture, at->lat, at->lon, 4)
      && (at->radius == 0 || !color_at (at, texture, at->lat, at->lon, at->radius + 6));
}

static gboolean
kabul_placed (gpointer data)
{
  return marz_marker_layer_find_place (marz_window_get_marker_layer (data), "kabul") != NULL;
}

/* Once the map is rendered: whether @data's colour is at its place, and
 * whether Kabul's marker is drawn in the same picture. */
static gboolean
rendered_at (gpointer data)
{
  DrawnAt *at = data;
  g_autoptr(GdkTexture) texture = ui_test_render_widget (GTK_WIDGET (marz_window_get_map (at->window)));

  if (texture == NULL)
    return FALSE;
  at->drawn = color_at (at, texture, at->lat, at->lon, 4);
  at->kabul_too = color_at (at, texture, at->kabul_lat, at->kabul_lon, 4);
  return TRUE;
}

/* The markers' picture is drawn under the buttons, where they are, and
 * painted again for a new zoom level. */
static void
test_markers_drawn (void)
{
  g_autofree char *db = ui_test_db_path ("markers-drawn.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (&error);
  ShumateViewport *viewport;
  MarzPlace *kabul;
  MarzWindow *window;
  DrawnAt at;

  if (!ui_test_needs_display ())
    return;
  g_assert_no_error (error);
  kabul = marz_gazetteer_lookup (gazetteer, "kabul");
  window = ui_test_open_window (db);
  viewport = shumate_map_get_viewport (marz_window_get_map (window));
  show_border_region (window, 7);
  at = (DrawnAt) { window, kabul->lat, kabul->lon, marz_marker_style_type_color (MARZ_INCIDENT_AIRSTRIKE) };
  at.kabul_lat = kabul->lat;
  at.kabul_lon = kabul->lon;
  ui_test_wait_for (kabul_placed, window, "Kabul's marker");
  at.radius = marz_marker_get_radius (marz_marker_layer_find_place (marz_window_get_marker_layer (window), "kabul"));
  ui_test_wait_for (drawn_at, &at, "Kabul's marker drawn");

  /* Two levels in, the last picture would show Kabul four times as big:
   * the new one has it at its size. */
  shumate_viewport_set_zoom_level (viewport, 9);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), kabul->lat - 0.2, kabul->lon + 0.2);
  ui_test_wait_for (drawn_at, &at, "Kabul's marker drawn at its size at zoom 9");

  /* Away and back: the layer gives the buttons that left the view to the
   * markers that come in; each says what it shows, and those kept spare
   * are hidden. */
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 41.0, 29.0);   /* Istanbul */
  ui_test_settle_frames ();
  show_border_region (window, 7);
  assert_marker_at_place (window, gazetteer, "kabul", "Kabul: 1 incident");
  assert_marker_at_place (window, gazetteer, "spin-boldak", "Spin Boldak: 1 incident");
  assert_marker_at_place (window, gazetteer, "paktika", "Paktika: 2 incidents");
  {
    GtkWidget *canvas = gtk_widget_get_first_child (GTK_WIDGET (marz_window_get_marker_layer (window)));
    guint shown = 0;

    for (GtkWidget *child = gtk_widget_get_first_child (canvas); child; child = gtk_widget_get_next_sibling (child))
      shown += gtk_widget_get_visible (child);
    g_assert_cmpuint (shown, ==, marz_marker_layer_get_n_markers (marz_window_get_marker_layer (window)));
  }
  shumate_viewport_set_zoom_level (viewport, 9);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), kabul->lat - 0.2, kabul->lon + 0.2);
  ui_test_settle_frames ();

  /* Where no marker is, none is drawn: the basemap's own colours, in the
   * same picture as Kabul's marker. */
  ui_test_wait_for (drawn_at, &at, "Kabul's marker drawn at zoom 9 again");
  at.lat = kabul->lat - 0.3;
  at.radius = 0;
  ui_test_wait_for (rendered_at, &at, "the map rendered");
  g_assert_true (at.kabul_too);
  g_assert_false (at.drawn);
  ui_test_close_window (window);
}

typedef struct
{
  MarzWindow *window;
  MarzPlace  *place;
  guint       min_light;   /* of the count's glyphs, px */
  guint       light;       /* found when last looked */
} CountSize;

/* Whether the count on @data's marker covers at least min_light pixels:
 * light ones on its disc, inside its ring. */
static gboolean
count_big_enough (gpointer data)
{
  CountSize *count = data;
  ShumateMap *map = marz_window_get_map (count->window);
  MarzMarker *marker = marz_marker_layer_find_place (marz_window_get_marker_layer (count->window),
                                                     count->place->id);
  g_autoptr(GdkTexture) texture = ui_test_render_widget (GTK_WIDGET (map));
  int reach;
  double x, y;

  if (texture == NULL || marker == NULL)
    return FALSE;
  reach = (int) marz_marker_get_radius (marker) - 3;
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (map), GTK_WIDGET (map),
                                              count->place->lat, count->place->lon, &x, &y);
  count->light = 0;
  for (int dy = -reach; dy <= reach; dy++)
    for (int dx = -reach; dx <= reach; dx++)
      {
        guint32 p = ui_test_texture_pixel (texture, (int) round (x) + dx, (int) round (y) + dy);

        /* Light on the dark disc: the glyphs, antialiased (their
         * brightest pixels at 11 px are about 230 in each channel). */
        count->light += dx * dx + dy * dy <= reach * reach && ((p >> 16) & 0xff) > 180
                        && ((p >> 8) & 0xff) > 180 && (p & 0xff) > 180;
      }
  return count->light >= count->min_light;
}

/* Large Text makes the counts on the markers bigger, at once. */
static void
test_large_text (void)
{
  g_autofree char *db = ui_test_db_path ("large-text.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (&error);
  GtkSettings *settings = gtk_settings_get_default ();
  MarzWindow *window;
  CountSize count;
  int dpi;

  if (!ui_test_needs_display ())
    return;
  g_assert_no_error (error);
  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", 96 * 1024, NULL);
  window = ui_test_open_window (db);
  show_border_region (window, 9);
  shumate_location_set_location (SHUMATE_LOCATION (shumate_map_get_viewport (marz_window_get_map (window))),
                                 32.8, 68.8);
  /* Paktika has two incidents: «2» on its marker. */
  count = (CountSize) { window, marz_gazetteer_lookup (gazetteer, "paktika"), 8 };
  ui_test_wait_for (count_big_enough, &count, "Paktika's count drawn");
  ui_test_settle_frames ();
  count_big_enough (&count);
  g_test_message ("Paktika's count: %u px", count.light);
  /* GNOME's Large Text is 1.25; 1.5 here, for a clear difference. */
  count.min_light = count.light * 3 / 2;
  g_object_set (settings, "gtk-xft-dpi", 144 * 1024, NULL);
  ui_test_wait_for (count_big_enough, &count, "Paktika's count drawn larger");
  g_test_message ("with Large Text: %u px", count.light);
  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  ui_test_close_window (window);
}

static GtkWidget *
find_popover (MarzMarker *marker)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (marker)); child; child = gtk_widget_get_next_sibling (child))
    if (MARZ_IS_PLACE_POPOVER (child))
      return child;
  return NULL;
}

static gboolean
popover_shown (gpointer data)
{
  GtkWidget *popover = find_popover (data);

  return popover != NULL && gtk_widget_get_visible (popover);
}

static gboolean
marker_set_replaced (gpointer data)
{
  MarzWindow *window = data;
  MarzMarkerSet *set = marz_marker_layer_get_marker_set (marz_window_get_marker_layer (window));

  if (marz_window_get_loading (window) || set == g_object_get_data (G_OBJECT (window), "old-set"))
    return FALSE;
  g_object_set_data (G_OBJECT (window), "old-set", set);
  return TRUE;
}

static void
test_click_selects (void)
{
  g_autofree char *db = ui_test_db_path ("click.db");
  MarzWindow *window;
  MarzMarker *marker;
  MarzIncident *incident;
  MarzReport *report;
  GtkWidget *popover = NULL;
  g_autofree char *article = NULL;
  guint start, end, report_start, report_end;

  if (!ui_test_needs_display ())
    return;
  window = ui_test_open_window (db);
  ui_test_settle_frames ();
  show_border_region (window, 7);
  marker = marz_marker_layer_find_place (marz_window_get_marker_layer (window), "spin-boldak");
  g_assert_nonnull (marker);
  g_assert_null (marz_window_get_selected_place (window));
  click (GTK_WIDGET (marker));
  /* The popover waits for its marker's allocation, and its page for a
   * worker: on a busy machine that takes more than a few frames. */
  ui_test_wait_for (popover_shown, marker, "the marker's popover");
  ui_test_settle_frames ();

  g_assert_cmpstr (marz_window_get_selected_place (window), ==, "spin-boldak");
  g_assert_cmpuint (marz_window_get_selected_incidents (window)->len, ==, 1);
  incident = g_ptr_array_index (marz_window_get_selected_incidents (window), 0);
  g_assert_cmpint (incident->type, ==, MARZ_INCIDENT_CLASH);
  g_assert_cmpstr (incident->date, ==, "2025-11-07");
  g_assert_cmpuint (incident->reports->len, ==, 1);
  report = g_ptr_array_index (incident->reports, 0);
  g_assert_true (g_str_has_prefix (report->article, "002_"));
  /* The window's incidents are replaced with new markers: keep copies. */
  article = g_strdup (report->article);
  report_start = report->start;
  report_end = report->end;
  popover = find_popover (marker);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_cmpuint (marz_place_popover_get_incidents (MARZ_PLACE_POPOVER (popover))->len, ==, 1);

  /* New markers (here: diplomacy hidden) keep the popover open. */
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.marzatlas.Marz");
    MarzMarkerSet *before = marz_marker_layer_get_marker_set (marz_window_get_marker_layer (window));

    g_settings_set_boolean (settings, "show-diplomacy", FALSE);
    g_object_set_data (G_OBJECT (window), "old-set", before);
    ui_test_wait_for (marker_set_replaced, window, "new markers");
    ui_test_settle_frames ();
    g_settings_reset (settings, "show-diplomacy");
    marker = marz_marker_layer_find_place (marz_window_get_marker_layer (window), "spin-boldak");
    g_assert_nonnull (marker);
    popover = find_popover (marker);
    g_assert_nonnull (popover);
    g_assert_true (gtk_widget_get_visible (popover));
    ui_test_wait_for (marker_set_replaced, window, "the markers back");
    ui_test_settle_frames ();
  }

  /* Choosing the report opens its article at the evidence. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-report", "(suu)",
                              article, report_start, report_end);
  ui_test_settle_frames ();
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (marz_window_get_article_view (window))));
  g_assert_cmpstr (marz_article_view_get_article_name (MARZ_ARTICLE_VIEW (marz_window_get_article_view (window))),
                   ==, article);
  g_assert_true (marz_article_view_get_evidence (MARZ_ARTICLE_VIEW (marz_window_get_article_view (window)),
                                                 &start, &end));
  g_assert_cmpuint (start, ==, report_start);
  g_assert_cmpuint (end, ==, report_end);
  ui_test_close_window (window);
}

static gboolean
cluster_split (gpointer data)
{
  MarzWindow *window = data;
  MarzMarkerLayer *layer = marz_window_get_marker_layer (window);

  return marz_marker_layer_find_place (layer, "islamabad") && marz_marker_layer_find_place (layer, "rawalpindi");
}

/* Zoomed out, Islamabad and Rawalpindi merge; activating the cluster zooms
 * in until they split. */
static void
test_cluster_splits (void)
{
  g_autofree char *db = ui_test_db_path ("cluster.db");
  MarzWindow *window;
  MarzMarkerLayer *layer;
  MarzMarker *cluster = NULL;
  g_autoptr(GList) markers = NULL;
  int target;

  if (!ui_test_needs_display ())
    return;
  window = ui_test_open_window (db);
  ui_test_settle_frames ();
  layer = marz_window_get_marker_layer (window);
  show_border_region (window, 6);
  g_assert_null (marz_marker_layer_find_place (layer, "islamabad"));
  markers = marz_marker_layer_get_markers (layer);
  for (GList *l = markers; l; l = l->next)
    if (marz_marker_is_cluster (l->data) && g_str_has_suffix (marz_marker_get_label (l->data), "in 2 places"))
      {
        double lat, lon;
        marz_marker_get_location (l->data, &lat, &lon);
        if (lat > 33 && lat < 34 && lon > 72.5 && lon < 73.5)
          cluster = l->data;
      }
  g_assert_nonnull (cluster);
  g_assert_cmpstr (marz_marker_get_label (cluster), ==, "3 incidents in 2 places");
  target = marz_cluster_index_get_expansion_zoom (marz_marker_set_get_index (marz_marker_layer_get_marker_set (layer)),
                                                  marz_marker_get_cluster_id (cluster));
  g_assert_cmpint (target, >, 6);
  click (GTK_WIDGET (cluster));
  ui_test_wait_for (cluster_split, window, "the cluster to split");
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (shumate_map_get_viewport (marz_window_get_map (window))),
                     >=, target - 0.5);
  ui_test_close_window (window);
}

static gboolean
markers_without_istanbul (gpointer data)
{
  MarzMarkerSet *set = marz_marker_layer_get_marker_set (marz_window_get_marker_layer (data));

  return !marz_window_get_loading (data) && set && !marz_marker_set_lookup (set, "istanbul", NULL);
}

static void
test_hide_diplomacy (void)
{
  g_autofree char *db = ui_test_db_path ("diplomacy.db");
  g_autoptr(GSettings) settings = g_settings_new ("io.github.marzatlas.Marz");
  MarzWindow *window;
  MarzMarkerSet *set;

  if (!ui_test_needs_display ())
    return;
  window = ui_test_open_window (db);
  ui_test_settle_frames ();
  set = marz_marker_layer_get_marker_set (marz_window_get_marker_layer (window));
  g_assert_true (marz_marker_set_lookup (set, "istanbul", NULL));
  g_assert_true (marz_marker_set_lookup (set, "doha", NULL));
  g_settings_set_boolean (settings, "show-diplomacy", FALSE);
  ui_test_wait_for (markers_without_istanbul, window, "the markers without diplomacy");
  set = marz_marker_layer_get_marker_set (marz_window_get_marker_layer (window));
  g_assert_false (marz_marker_set_lookup (set, "doha", NULL));
  g_assert_true (marz_marker_set_lookup (set, "kabul", NULL));
  g_assert_cmpuint (marz_marker_set_get_n_incidents (set), ==, 6);
  g_settings_reset (settings, "show-diplomacy");
  ui_test_close_window (window);
}

static gboolean
khost_gone (gpointer data)
{
  MarzMarkerSet *set = marz_marker_layer_get_marker_set (marz_window_get_marker_layer (data));

  return !marz_window_get_loading (data) && set && !marz_marker_set_lookup (set, "khost-province", NULL);
}

static gboolean
khost_back (gpointer data)
{
  MarzMarkerSet *set = marz_marker_layer_get_marker_set (marz_window_get_marker_layer (data));

  return !marz_window_get_loading (data) && set && marz_marker_set_lookup (set, "khost-province", NULL);
}

/* The view-model's filters decide what the map marks; the filter popover
 * writes them from text in any script. */
/* Whether the sidebar lists @place_id: its row's button is shown. */
static gboolean
place_listed (GtkWidget  *widget,
              const char *place_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)),
                                              "win.select-place") == 0)
        {
          GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child));

          if (target && g_str_equal (g_variant_get_string (target, NULL), place_id))
            return gtk_widget_get_visible (gtk_widget_get_parent (child));
        }
      else if (place_listed (child, place_id))
        return TRUE;
    }
  return FALSE;
}

static void
test_filters (void)
{
  g_autofree char *db = ui_test_db_path ("filters.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (&error);
  MarzWindow *window;
  MarzViewModel *model;
  MarzMarkerSet *set;
  GtkWidget *popover;
  guint n_outlines;

  if (!ui_test_needs_display ())
    return;
  window = ui_test_open_window (db);
  ui_test_settle_frames ();
  model = marz_window_get_view_model (window);
  n_outlines = marz_window_get_n_outlines (window);
  g_assert_true (place_listed (GTK_WIDGET (window), "kunar"));
  /* A range that ends before the strikes of 24 November. */
  g_assert_true (marz_view_model_set_range (model, "2025-10-01", "2025-11-20", &error));
  g_assert_no_error (error);
  ui_test_wait_for (khost_gone, window, "the Khost marker to go");
  set = marz_marker_layer_get_marker_set (marz_window_get_marker_layer (window));
  g_assert_true (marz_marker_set_lookup (set, "kabul", NULL));
  g_assert_true (marz_marker_set_lookup (set, "spin-boldak", NULL));
  g_assert_false (marz_marker_set_lookup (set, "kunar", NULL));
  /* The sidebar and the outlines follow: Kunar and Khost are out. */
  g_assert_false (place_listed (GTK_WIDGET (window), "kunar"));
  g_assert_true (place_listed (GTK_WIDGET (window), "spin-boldak"));
  g_assert_cmpuint (marz_window_get_n_outlines (window), <, n_outlines);
  marz_view_model_reset_filters (model);
  ui_test_wait_for (khost_back, window, "the Khost marker to come back");
  g_assert_true (place_listed (GTK_WIDGET (window), "kunar"));
  g_assert_cmpuint (marz_window_get_n_outlines (window), ==, n_outlines);

  /* Only clashes. */
  marz_view_model_set_types (model, 1u << MARZ_INCIDENT_CLASH);
  ui_test_wait_for (khost_gone, window, "only clashes");
  set = marz_marker_layer_get_marker_set (marz_window_get_marker_layer (window));
  g_assert_cmpuint (marz_marker_set_get_n_places (set), ==, 1);
  g_assert_true (marz_marker_set_lookup (set, "spin-boldak", NULL));
  marz_view_model_reset_filters (model);
  ui_test_wait_for (khost_back, window, "all types again");

  /* The popover: places by any name, dates checked. */
  popover = marz_filter_popover_new (model, gazetteer);
  g_object_ref_sink (popover);
  g_assert_cmpstr (marz_filter_popover_find_place (MARZ_FILTER_POPOVER (popover), "Spin Boldak"), ==, "spin-boldak");
  g_assert_cmpstr (marz_filter_popover_find_place (MARZ_FILTER_POPOVER (popover), "سپین‌بولدک"), ==, "spin-boldak");
  g_assert_cmpstr (marz_filter_popover_find_place (MARZ_FILTER_POPOVER (popover), "كونر"), ==, "kunar");
  g_assert_null (marz_filter_popover_find_place (MARZ_FILTER_POPOVER (popover), "Atlantis"));
  g_assert_false (marz_filter_popover_apply_text (MARZ_FILTER_POPOVER (popover), "2025-11-31", NULL, NULL));
  g_assert_null (marz_view_model_get_from (model));
  g_assert_false (marz_filter_popover_apply_text (MARZ_FILTER_POPOVER (popover), NULL, NULL, "Atlantis"));
  g_assert_true (marz_filter_popover_apply_text (MARZ_FILTER_POPOVER (popover), "2025-11-01", "", "کنر"));
  g_assert_cmpstr (marz_view_model_get_from (model), ==, "2025-11-01");
  g_assert_null (marz_view_model_get_to (model));
  g_assert_cmpstr (marz_view_model_get_place (model), ==, "kunar");
  ui_test_wait_for (khost_gone, window, "only Kunar");
  set = marz_marker_layer_get_marker_set (marz_window_get_marker_layer (window));
  g_assert_cmpuint (marz_marker_set_get_n_places (set), ==, 1);
  g_assert_true (marz_marker_set_lookup (set, "kunar", NULL));
  g_object_unref (popover);
  ui_test_close_window (window);
}

static MarzIncident *
find_incident (MarzStore  *store,
               const char *place_id)
{
  MarzIncidentFilter filter = { .type = -1, .place_id = (char *) place_id };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) incidents = marz_store_query_incidents (store, &filter, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (incidents->len, >=, 1);
  return g_ptr_array_steal_index (incidents, 0);
}

/* The timeline, the map and the reader follow one selection. */
static void
test_selection_sync (void)
{
  g_autofree char *db = ui_test_db_path ("selection.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(MarzIncident) clash = NULL;
  g_autoptr(MarzIncident) kabul = NULL;
  MarzWindow *window;
  MarzViewModel *model;
  MarzReport *report;
  GtkWidget *spin;
  guint start, end;

  if (!ui_test_needs_display ())
    return;
  window = ui_test_open_window (db);
  ui_test_settle_frames ();
  model = marz_window_get_view_model (window);
  store = marz_store_open_reader (db, &error);
  g_assert_no_error (error);
  clash = find_incident (store, "spin-boldak");
  kabul = find_incident (store, "kabul");

  /* As a click on the timeline does: the map opens the place, the reader
   * shows the evidence of the first report. */
  marz_view_model_select_incident (model, clash->id);
  ui_test_settle_frames ();
  g_assert_cmpstr (marz_window_get_selected_place (window), ==, "spin-boldak");
  report = g_ptr_array_index (clash->reports, 0);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (marz_window_get_article_view (window))));
  g_assert_true (marz_article_view_get_evidence (MARZ_ARTICLE_VIEW (marz_window_get_article_view (window)),
                                                 &start, &end));
  g_assert_cmpuint (start, ==, report->start);
  g_assert_cmpuint (end, ==, report->end);
  g_assert_cmpstr (marz_view_model_get_article (model), ==, report->article);

  /* The reader marks the place of the evidence; a click on it selects the
   * incident. */
  {
    MarzArticleView *view = MARZ_ARTICLE_VIEW (marz_window_get_article_view (window));
    const MarzHighlight *place = NULL;

    for (guint offset = report->start; offset < report->end && place == NULL; offset++)
      {
        const MarzHighlight *h = marz_article_view_get_highlight_at (view, offset);
        if (h && h->kind == MARZ_HIGHLIGHT_PLACE)
          place = h;
      }
    g_assert_nonnull (place);
    g_assert_cmpint (place->incident_id, ==, clash->id);
  }

  /* The reader lists the article's incidents; choosing one there moves the
   * map and the timeline, and the reader stays in its article. */
  g_assert_cmpuint (marz_article_view_get_n_incidents (MARZ_ARTICLE_VIEW (marz_window_get_article_view (window))),
                    >=, 2);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.select-incident", "x", kabul->id);
  ui_test_settle_frames ();
  g_assert_cmpint (marz_view_model_get_selected_incident (model), ==, kabul->id);
  g_assert_cmpstr (marz_window_get_selected_place (window), ==, "kabul");
  g_assert_cmpstr (marz_article_view_get_article_name (MARZ_ARTICLE_VIEW (marz_window_get_article_view (window))),
                   ==, report->article);

  /* A marker chosen on the map moves the selection (and the timeline) to it. */
  marz_view_model_select_incident (model, 0);
  show_border_region (window, 7);
  click (GTK_WIDGET (marz_marker_layer_find_place (marz_window_get_marker_layer (window), "kabul")));
  ui_test_settle_frames ();
  g_assert_cmpint (marz_view_model_get_selected_incident (model), ==, kabul->id);
  /* One popover at a time. */
  g_assert_true (gtk_widget_get_visible (find_popover (marz_marker_layer_find_place (marz_window_get_marker_layer (window),
                                                                                      "kabul"))));
  spin = find_popover (marz_marker_layer_find_place (marz_window_get_marker_layer (window), "spin-boldak"));
  g_assert_true (spin == NULL || !gtk_widget_get_visible (spin));
  ui_test_close_window (window);
}

static gboolean
search_done (gpointer data)
{
  return !marz_window_get_searching (data) && marz_window_get_search_hits (data) != NULL;
}

/* Ctrl+F: any spelling finds the article; a hit opens it at the match. */
static void
test_search (void)
{
  g_autofree char *db = ui_test_db_path ("search.db");
  MarzWindow *window;
  MarzSearchHit *hit;
  GPtrArray *hits;
  guint start, end;

  if (!ui_test_needs_display ())
    return;
  window = ui_test_open_window (db);
  ui_test_settle_frames ();
  /* Persian spelling with a lost ZWNJ and Arabic letters. */
  marz_view_model_set_search_text (marz_window_get_view_model (window), "سبين بولدك");
  g_assert_true (marz_window_get_searching (window));
  ui_test_wait_for (search_done, window, "the search");
  hits = marz_window_get_search_hits (window);
  g_assert_cmpuint (hits->len, >=, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpuint (hit->text_end, >, hit->text_start);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-report", "(suu)", hit->article->name,
                              hit->text_start, hit->text_end);
  ui_test_settle_frames ();
  g_assert_cmpstr (marz_article_view_get_article_name (MARZ_ARTICLE_VIEW (marz_window_get_article_view (window))),
                   ==, hit->article->name);
  g_assert_true (marz_article_view_get_evidence (MARZ_ARTICLE_VIEW (marz_window_get_article_view (window)),
                                                 &start, &end));
  g_assert_cmpuint (start, ==, hit->text_start);
  g_assert_cmpuint (end, ==, hit->text_end);

  /* Nothing found is said so; an empty query goes back to the places. */
  marz_view_model_set_search_text (marz_window_get_view_model (window), "zzqqxx");
  ui_test_wait_for (search_done, window, "a search with no hit");
  g_assert_cmpuint (marz_window_get_search_hits (window)->len, ==, 0);
  marz_view_model_set_search_text (marz_window_get_view_model (window), "  ");
  g_assert_false (marz_window_get_searching (window));
  g_assert_null (marz_window_get_search_hits (window));
  ui_test_close_window (window);
}

static void
test_keyboard_and_settings (void)
{
  g_autofree char *db = ui_test_db_path ("keys.db");
  g_autoptr(GSettings) settings = g_settings_new ("io.github.marzatlas.Marz");
  MarzWindow *window;
  ShumateViewport *viewport;
  double lon;

  if (!ui_test_needs_display ())
    return;
  g_settings_set_double (settings, "map-latitude", 31.0);
  g_settings_set_double (settings, "map-longitude", 66.4);
  g_settings_set_double (settings, "map-zoom", 8.0);
  window = ui_test_open_window (db);
  ui_test_settle_frames ();
  viewport = shumate_map_get_viewport (marz_window_get_map (window));
  /* Restored from the settings. */
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), 8.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 31.0, 1e-6);

  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  gtk_widget_activate_action (GTK_WIDGET (window), "map.pan", "(ii)", 1, 0);
  ui_test_settle_frames ();
  g_assert_cmpfloat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), >, lon + 0.1);
  gtk_widget_activate_action (GTK_WIDGET (window), "map.zoom-out", NULL);
  ui_test_settle_frames ();
  ui_test_settle_frames ();
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), <, 8.0);

  /* Closing saves where the map was. */
  shumate_viewport_set_zoom_level (viewport, 9.0);
  ui_test_close_window (window);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "map-zoom"), 9.0, 1e-6);
  g_assert_cmpfloat (g_settings_get_double (settings, "map-longitude"), >, 66.5);
  g_settings_reset (settings, "map-latitude");
  g_settings_reset (settings, "map-longitude");
  g_settings_reset (settings, "map-zoom");
}

static void
test_foreign_database (void)
{
  g_autofree char *db = ui_test_db_path ("foreign.db");
  MarzWindow *window;

  if (!ui_test_needs_display ())
    return;
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (db, "this is not a database, just some text\n", -1, NULL));
  window = marz_window_new (NULL, db);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_settle_frames ();
  g_assert_nonnull (marz_window_get_error (window));
  g_assert_false (marz_window_get_importing (window));
  ui_test_close_window (window);
  /* Never touched. */
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (db, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "this is not a database, just some text\n");
  }
}

static void
on_marker_set_changed_cb (MarzMarkerLayer *layer,
                          GParamSpec      *pspec,
                          MarzWindow      *window)
{
  MarzMarkerSet *set = marz_marker_layer_get_marker_set (layer);

  /* Incidents on the map before the import has finished. */
  if (marz_window_get_importing (window) && set != NULL && marz_marker_set_get_n_incidents (set) > 0)
    g_object_set_data (G_OBJECT (window), "filled-in-while-importing", GINT_TO_POINTER (TRUE));
}

/* A bundled corpus of 120 articles and two bad files: the map fills in while
 * the import goes on, and the bad files are named with why.  (With 40 the
 * import could end before the first markers' load on a busy machine.) */
static void
test_first_import (void)
{
  g_autofree char *db = ui_test_db_path ("first.db");
  g_autofree char *datadir = g_build_filename (g_get_user_cache_dir (), "marz-data", NULL);
  g_autofree char *corpus = g_build_filename (datadir, "corpus", NULL);
  g_autofree char *source = g_build_filename (g_getenv ("MARZ_DATADIR"), "corpus", NULL);
  g_autofree char *saved = g_strdup (g_getenv ("MARZ_DATADIR"));
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) errors = g_string_new (NULL);
  g_autofree char *empty = NULL;
  g_autofree char *binary = NULL;
  MarzWindow *window;
  const char *name;
  guint n = 0;

  if (!ui_test_needs_display ())
    return;
  g_assert_cmpint (g_mkdir_with_parents (corpus, 0700), ==, 0);
  dir = g_dir_open (source, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)))
    for (guint copy = 0; copy < 24; copy++)
      {
        g_autofree char *from = g_build_filename (source, name, NULL);
        g_autofree char *text = NULL;
        g_autofree char *to = g_strdup_printf ("%s/%02u-%s", corpus, copy, name);
        g_autofree char *variant = NULL;

        g_assert_true (g_file_get_contents (from, &text, NULL, NULL));
        variant = g_strdup_printf ("%s\n(%u)\n", text, copy);   /* another text: not a duplicate */
        g_assert_true (g_file_set_contents (to, variant, -1, NULL));
        n++;
      }
  g_assert_cmpuint (n, ==, 120);
  empty = g_build_filename (corpus, "zz-empty.txt", NULL);
  binary = g_build_filename (corpus, "zz-binary.txt", NULL);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (binary, "\x89PNG\r\n\x1a\n\0\0\0", 11, NULL));

  g_setenv ("MARZ_DATADIR", datadir, TRUE);
  window = marz_window_new (NULL, db);
  g_setenv ("MARZ_DATADIR", saved, TRUE);
  g_signal_connect (marz_window_get_marker_layer (window), "notify::marker-set",
                    G_CALLBACK (on_marker_set_changed_cb), window);
  g_assert_true (marz_window_get_importing (window));
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (ui_test_window_settled, window, "the first import");

  g_assert_true (g_object_get_data (G_OBJECT (window), "filled-in-while-importing"));
  for (guint i = 0; i < marz_window_get_import_errors (window)->len; i++)
    g_string_append_printf (errors, "%s\n", (char *) g_ptr_array_index (marz_window_get_import_errors (window), i));
  g_assert_cmpuint (marz_window_get_import_errors (window)->len, ==, 2);
  g_assert_nonnull (strstr (errors->str, "zz-empty.txt: "));
  g_assert_nonnull (strstr (errors->str, "zz-binary.txt: "));
  g_assert_true (marz_marker_set_lookup (marz_marker_layer_get_marker_set (marz_window_get_marker_layer (window)),
                                         "spin-boldak", NULL));
  ui_test_close_window (window);
}

/* A local tile server, 127.0.0.1 only: it serves PNGs until told to fail. */
typedef struct
{
  SoupServer *server;
  GBytes     *png;
  gboolean    failing;
  guint       requests;
} TileServer;

static void
on_tile_request_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  TileServer *tiles = user_data;

  tiles->requests++;
  if (tiles->failing)
    {
      soup_server_message_set_status (msg, 503, NULL);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (tiles->png, NULL), g_bytes_get_size (tiles->png));
}

static cairo_status_t
append_png_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
make_png (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  GByteArray *bytes = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.2, 0.6, 0.3);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_png_cb, bytes);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

static char *
start_tile_server (TileServer *tiles)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *base = NULL;

  tiles->png = make_png ();
  tiles->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (tiles->server, NULL, on_tile_request_cb, tiles, NULL);
  g_assert_true (soup_server_listen_local (tiles->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (tiles->server);
  base = g_uri_to_string (uris->data);
  return g_strconcat (base, "{z}/{x}/{y}.png", NULL);
}

static gboolean
tiles_requested (gpointer data)
{
  return ((TileServer *) data)->requests > 0;
}

static gboolean
fell_back (gpointer data)
{
  return !marz_window_get_online (data);
}

/* Keeps asking for tiles not yet loaded, as a user moving the map would,
 * until the window gives up on the server. */
static gboolean
fell_back_while_panning (gpointer data)
{
  static gint64 last;
  gint64 now = g_get_monotonic_time ();

  if (fell_back (data))
    return TRUE;
  if (now - last > 250 * 1000)
    {
      last = now;
      gtk_widget_activate_action (GTK_WIDGET (data), "map.pan", "(ii)", 1, 0);
    }
  return FALSE;
}

static void
test_online_fallback (void)
{
  g_autofree char *db = ui_test_db_path ("online.db");
  g_autoptr(GSettings) settings = g_settings_new ("io.github.marzatlas.Marz");
  TileServer tiles = { 0 };
  g_autofree char *url = NULL;
  MarzWindow *window;
  guint served;

  if (!ui_test_needs_display ())
    return;
  url = start_tile_server (&tiles);
  g_settings_set_string (settings, "online-tile-url", url);
  window = ui_test_open_window (db);
  ui_test_settle_frames ();
  /* Offline by default: not one request. */
  g_assert_false (marz_window_get_online (window));
  g_assert_cmpuint (tiles.requests, ==, 0);

  g_settings_set_boolean (settings, "online-tiles", TRUE);
  g_assert_true (marz_window_get_online (window));
  ui_test_wait_for (tiles_requested, &tiles, "online tile requests");
  ui_test_settle_frames ();
  g_assert_true (marz_window_get_online (window));

  /* The server fails: the window falls back to the offline basemap. */
  tiles.failing = TRUE;
  served = tiles.requests;
  gtk_widget_activate_action (GTK_WIDGET (window), "map.zoom-in", NULL);
  ui_test_wait_for (fell_back_while_panning, window, "the fallback to the offline map");
  g_assert_cmpuint (tiles.requests, >, served);
  g_assert_true (g_settings_get_boolean (settings, "online-tiles"));   /* the choice stays */

  g_settings_reset (settings, "online-tiles");
  g_settings_reset (settings, "online-tile-url");
  ui_test_close_window (window);
  g_object_unref (tiles.server);
  g_bytes_unref (tiles.png);
}

static gboolean
window_loading (gpointer data)
{
  return marz_window_get_loading (data);
}

static gboolean
window_not_loading (gpointer data)
{
  return !marz_window_get_loading (data);
}

/* A load says so in the progress bar only when it lasts (a first copy of
 * a million incidents): a quick filter change shows nothing, and the bar
 * is gone once the markers are in. */
static void
test_loading_indicator (void)
{
  g_autofree char *db = ui_test_db_path ("loading.db");
  MarzWindow *window;
  GtkRevealer *revealer;
  GtkLabel *label;
  gboolean shown = FALSE;
  gint64 start;

  if (!ui_test_needs_display ())
    return;
  window = ui_test_open_window (db);
  ui_test_settle_frames ();
  revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (window), MARZ_TYPE_WINDOW,
                                                          "progress_revealer"));
  label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window), MARZ_TYPE_WINDOW, "progress_label"));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  marz_view_model_set_types (marz_window_get_view_model (window), 1u << MARZ_INCIDENT_CLASH);
  ui_test_wait_for (window_loading, window, "a load");
  start = g_get_monotonic_time ();
  while (marz_window_get_loading (window))
    {
      if (gtk_revealer_get_reveal_child (revealer))
        {
          /* Not before 300 ms. */
          g_assert_cmpint (g_get_monotonic_time () - start, >=, 250 * 1000);
          g_assert_cmpstr (gtk_label_get_text (label), ==, "Loading incidents…");
          shown = TRUE;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  /* A quick load, on this small store, and whether it lasted or not the
   * bar goes with it. */
  g_test_message ("load took %.0f ms, bar shown: %d", (g_get_monotonic_time () - start) / 1000.0, shown);
  ui_test_wait_for (window_not_loading, window, "the load's end");
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  marz_view_model_reset_filters (marz_window_get_view_model (window));
  ui_test_wait_for (ui_test_window_settled, window, "the markers back");
  ui_test_close_window (window);
}

static gboolean
load_done (gpointer data)
{
  return !marz_window_get_loading (data) && !marz_window_get_importing (data);
}

/* The timeline marks what the filters let through, whether its marks are
 * read again or come from the window's cache of earlier filters, and new
 * incidents reach it even for a filter seen before. */
static void
test_timeline_follows_filters (void)
{
  g_autofree char *db = ui_test_db_path ("timeline-filters.db");
  g_autofree char *dir = g_dir_make_tmp ("marz-new-XXXXXX", NULL);
  g_autofree char *article = g_build_filename (dir, "new-strike.txt", NULL);
  const char *paths[] = { article, NULL };
  MarzWindow *window;
  MarzViewModel *model;
  MarzTimeline *timeline;
  guint n_all, n_strikes;

  if (!ui_test_needs_display ())
    return;
  window = ui_test_open_window (db);
  ui_test_settle_frames ();
  model = marz_window_get_view_model (window);
  timeline = MARZ_TIMELINE (ui_test_find_widget (GTK_WIDGET (window), MARZ_TYPE_TIMELINE, 0));
  n_all = marz_timeline_get_n_marks (timeline);
  g_assert_cmpuint (n_all, >=, 9);

  marz_view_model_set_types (model, 1u << MARZ_INCIDENT_AIRSTRIKE);
  ui_test_wait_for (load_done, window, "only airstrikes");
  n_strikes = marz_timeline_get_n_marks (timeline);
  g_assert_cmpuint (n_strikes, ==, 5);
  marz_view_model_reset_filters (model);
  ui_test_wait_for (load_done, window, "every incident");
  g_assert_cmpuint (marz_timeline_get_n_marks (timeline), ==, n_all);
  marz_view_model_set_types (model, 1u << MARZ_INCIDENT_AIRSTRIKE);
  ui_test_wait_for (load_done, window, "airstrikes again");
  g_assert_cmpuint (marz_timeline_get_n_marks (timeline), ==, n_strikes);

  /* A new airstrike, on Kandahar. */
  g_assert_true (g_file_set_contents (article, " date 2025-12-02\nقصف جوي باكستاني على قندهار\n\n"
                                      "شنت طائرات حربية باكستانية يوم الاثنين 1 ديسمبر 2025 غارات جوية على مدينة "
                                      "قندهار، ما أسفر عن مقتل خمسة مدنيين وإصابة سبعة آخرين.\n", -1, NULL));
  _marz_window_import_paths (window, paths, FALSE);
  ui_test_wait_for (load_done, window, "the import");
  ui_test_settle_frames ();
  ui_test_wait_for (load_done, window, "the markers after the import");
  g_assert_cmpuint (marz_timeline_get_n_marks (timeline), ==, n_strikes + 1);
  marz_view_model_reset_filters (model);
  ui_test_wait_for (load_done, window, "every incident");
  g_assert_cmpuint (marz_timeline_get_n_marks (timeline), ==, n_all + 1);

  ui_test_close_window (window);
  g_remove (article);
  g_rmdir (dir);
}

/* Whether every online or base tile layer lies under every outline. */
static gboolean
tiles_under_outlines (MarzWindow *window)
{
  GtkWidget *map = GTK_WIDGET (marz_window_get_map (window));
  gboolean seen_outline = FALSE;
  guint n_outlines = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (map); child; child = gtk_widget_get_next_sibling (child))
    {
      if (SHUMATE_IS_PATH_LAYER (child))
        seen_outline = TRUE, n_outlines++;
      else if (SHUMATE_IS_MAP_LAYER (child) && seen_outline)
        return FALSE;
    }
  return n_outlines >= 3;
}

/* Online tiles go under the outlines, also under outlines that were hidden
 * when the tiles were turned on and show again later. */
static void
test_online_under_outlines (void)
{
  g_autofree char *db = ui_test_db_path ("online-outlines.db");
  g_autoptr(GSettings) settings = g_settings_new ("io.github.marzatlas.Marz");
  g_autoptr(GError) error = NULL;
  TileServer tiles = { 0 };
  g_autofree char *url = NULL;
  MarzWindow *window;
  MarzViewModel *model;

  if (!ui_test_needs_display ())
    return;
  url = start_tile_server (&tiles);
  g_settings_set_string (settings, "online-tile-url", url);
  window = ui_test_open_window (db);
  ui_test_settle_frames ();
  model = marz_window_get_view_model (window);
  g_assert_cmpuint (marz_window_get_n_outlines (window), >=, 3);

  /* 1–20 November: no province has incidents, every outline is hidden. */
  g_assert_true (marz_view_model_set_range (model, "2025-11-01", "2025-11-20", &error));
  g_assert_no_error (error);
  ui_test_wait_for (khost_gone, window, "the provinces' incidents to go");
  g_assert_cmpuint (marz_window_get_n_outlines (window), ==, 0);

  g_settings_set_boolean (settings, "online-tiles", TRUE);
  ui_test_wait_for (tiles_requested, &tiles, "online tile requests");
  marz_view_model_reset_filters (model);
  ui_test_wait_for (khost_back, window, "the provinces back");
  g_assert_cmpuint (marz_window_get_n_outlines (window), >=, 3);
  g_assert_true (marz_window_get_online (window));
  g_assert_true (tiles_under_outlines (window));

  g_settings_reset (settings, "online-tiles");
  g_settings_reset (settings, "online-tile-url");
  ui_test_close_window (window);
  g_object_unref (tiles.server);
  g_bytes_unref (tiles.png);
}

int
main (int argc, char *argv[])
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/window/markers", test_markers);
  g_test_add_func ("/window/markers-drawn", test_markers_drawn);
  g_test_add_func ("/window/large-text", test_large_text);
  g_test_add_func ("/window/click-selects", test_click_selects);
  g_test_add_func ("/window/cluster-splits", test_cluster_splits);
  g_test_add_func ("/window/hide-diplomacy", test_hide_diplomacy);
  g_test_add_func ("/window/filters", test_filters);
  g_test_add_func ("/window/timeline-follows-filters", test_timeline_follows_filters);
  g_test_add_func ("/window/selection-sync", test_selection_sync);
  g_test_add_func ("/window/search", test_search);
  g_test_add_func ("/window/keyboard-and-settings", test_keyboard_and_settings);
  g_test_add_func ("/window/foreign-database", test_foreign_database);
  g_test_add_func ("/window/first-import", test_first_import);
  g_test_add_func ("/window/online-fallback", test_online_fallback);
  g_test_add_func ("/window/online-under-outlines", test_online_under_outlines);
  g_test_add_func ("/window/loading-indicator", test_loading_indicator);
  return g_test_run ();
}
