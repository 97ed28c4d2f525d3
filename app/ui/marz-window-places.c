/* marz-window-places.c: the provinces' outlines and the sidebar's list of places
 *
 * Both follow the markers of each load.  They are kept by place from load
 * to load and only updated (recoloured, recounted, shown or hidden), so a
 * filter change does not build them again on the UI thread.
 */
#define G_LOG_DOMAIN "marz-window"

#include "marz-window-private.h"

#include <glib/gi18n.h>

#include "marz-labels.h"
#include "marz-marker-style.h"

/* Provinces with incidents ---------------------------------------------- */

/* A province's outline: one path layer per ring, kept from load to load
 * while the province has incidents, so that a filter change only recolours
 * or removes what changed.  (Making the layers again on every change cost
 * the UI thread 60–110 ms with every province outlined.) */
typedef struct
{
  GPtrArray        *layers;   /* ShumatePathLayer, owned by the map */
  MarzIncidentType  type;
} Outline;

static void
outline_free (Outline *outline)
{
  g_ptr_array_unref (outline->layers);
  g_free (outline);
}

/* The layers themselves belong to the map. */
void
_marz_window_outline_free (gpointer outline)
{
  outline_free (outline);
}

static void
color_outline (Outline          *outline,
               MarzIncidentType  type)
{
  MarzRgb rgb = marz_marker_style_type_color (type);
  GdkRGBA stroke = { rgb.red, rgb.green, rgb.blue, 0.9f };
  GdkRGBA fill = { rgb.red, rgb.green, rgb.blue, 0.10f };

  outline->type = type;
  for (guint i = 0; i < outline->layers->len; i++)
    {
      ShumatePathLayer *layer = g_ptr_array_index (outline->layers, i);
      shumate_path_layer_set_stroke_color (layer, &stroke);
      shumate_path_layer_set_fill_color (layer, &fill);
    }
}

static ShumatePathLayer *
new_ring_layer (MarzWindow *self,
                GArray     *ring)
{
  ShumatePathLayer *layer = shumate_path_layer_new (shumate_simple_map_get_viewport (self->simple_map));

  for (guint i = 0; i < ring->len; i++)
    {
      MarzLatLon *ll = &g_array_index (ring, MarzLatLon, i);
      /* Floating: the layer sinks it. */
      shumate_path_layer_add_node (layer, SHUMATE_LOCATION (shumate_coordinate_new_full (ll->lat, ll->lon)));
    }
  shumate_path_layer_set_closed (layer, TRUE);
  shumate_path_layer_set_stroke_width (layer, 2.0);
  shumate_path_layer_set_fill (layer, TRUE);
  gtk_widget_set_can_target (GTK_WIDGET (layer), FALSE);
  /* Above the tiles (and the online layer), under the markers.  (1.0.3
   * declares shumate_simple_map_insert_overlay_layer() but does not export
   * it: work on the map itself.) */
  shumate_map_insert_layer_behind (shumate_simple_map_get_map (self->simple_map), SHUMATE_LAYER (layer),
                                   SHUMATE_LAYER (self->marker_layer));
  return layer;
}

static Outline *
new_outline (MarzWindow       *self,
             const char       *place_id,
             MarzIncidentType  type)
{
  g_autoptr(GPtrArray) rings = marz_basemap_get_outline (self->basemap, place_id);
  Outline *outline = g_new0 (Outline, 1);

  outline->layers = g_ptr_array_new ();
  for (guint r = 0; rings && r < rings->len; r++)
    {
      ShumatePathLayer *layer = new_ring_layer (self, g_ptr_array_index (rings, r));

      g_ptr_array_add (outline->layers, layer);
      g_ptr_array_add (self->outline_layers, layer);
    }
  color_outline (outline, type);
  return outline;
}

static void
show_outline (Outline  *outline,
              gboolean  visible)
{
  for (guint i = 0; i < outline->layers->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (outline->layers, i), visible);
}

/* Outlines of provinces without incidents this time are hidden, not
 * removed: the next filter change may well bring them back. */
void
_marz_window_update_outlines (MarzWindow    *self,
                 MarzMarkerSet *set)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; set && i < marz_marker_set_get_n_places (set); i++)
    {
      const MarzPlaceSummary *place = marz_marker_set_get_place (set, i);
      MarzIncidentType type = marz_marker_set_get_type (set, i);
      Outline *outline;

      if (g_strcmp0 (place->kind, "province") != 0)
        continue;
      if ((outline = g_hash_table_lookup (self->outlines, place->place_id)) == NULL)
        {
          outline = new_outline (self, place->place_id, type);
          g_hash_table_insert (self->outlines, g_strdup (place->place_id), outline);
        }
      else if (outline->type != type)
        color_outline (outline, type);
      g_hash_table_add (seen, place->place_id);
    }

  g_hash_table_iter_init (&iter, self->outlines);
  while (g_hash_table_iter_next (&iter, &key, &value))
    show_outline (value, g_hash_table_contains (seen, key));
}

/* The sidebar's list of places -------------------------------------------- */

/* Rows are kept by place from load to load and only their counts change, so
 * that a filter change does not build 145 rows again (50–80 ms of the UI
 * thread); the list sorts them by count, then name. */
typedef struct
{
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *button;
  guint      count;
  char      *name;
  char      *accessible_name;   /* «Kunar: 3 incidents», as last set */
} PlaceRow;

static void
place_row_free (PlaceRow *row)
{
  g_free (row->accessible_name);
  g_free (row->name);
  g_free (row);
}

static GtkWidget *
new_place_row (const MarzPlaceSummary *place)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  PlaceRow *data = g_new0 (PlaceRow, 1);

  data->button = gtk_button_new ();
  data->title = gtk_label_new (NULL);
  data->subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (data->title), 0);
  gtk_label_set_xalign (GTK_LABEL (data->subtitle), 0);
  gtk_widget_add_css_class (data->subtitle, "dim-label");
  gtk_widget_add_css_class (data->subtitle, "caption");
  gtk_box_append (GTK_BOX (box), data->title);
  gtk_box_append (GTK_BOX (box), data->subtitle);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  /* A button in the row, because a GTK 4.8 row offers assistive
   * technologies no action to activate it. */
  gtk_button_set_child (GTK_BUTTON (data->button), box);
  gtk_widget_add_css_class (data->button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (data->button), "win.select-place");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (data->button), "s", place->place_id);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), data->button);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  g_object_set_data_full (G_OBJECT (row), "marz-place-row", data, (GDestroyNotify) place_row_free);
  return row;
}

static void
fill_place_row (GtkWidget     *row,
                MarzMarkerSet *set,
                guint          index)
{
  PlaceRow *data = g_object_get_data (G_OBJECT (row), "marz-place-row");
  const MarzPlaceSummary *place = marz_marker_set_get_place (set, index);
  guint count = marz_marker_set_get_count (set, index);
  g_autofree char *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u incident",
                                                          "%s · %u incidents", count),
                                             marz_labels_incident_type (marz_marker_set_get_type (set, index)),
                                             count);
  g_autofree char *name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u incident", "%s: %u incidents",
                                                        count), place->name, count);

  data->count = count;
  if (g_strcmp0 (data->name, place->name) != 0)
    {
      g_free (data->name);
      data->name = g_strdup (place->name);
      gtk_label_set_text (GTK_LABEL (data->title), place->name);
    }
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (data->subtitle)), detail) != 0)
    gtk_label_set_text (GTK_LABEL (data->subtitle), detail);
  if (g_strcmp0 (data->accessible_name, name) != 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (data->button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_free (data->accessible_name);
      data->accessible_name = g_steal_pointer (&name);
    }
}

static int
compare_rows (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       user_data)
{
  PlaceRow *ra = g_object_get_data (G_OBJECT (a), "marz-place-row");
  PlaceRow *rb = g_object_get_data (G_OBJECT (b), "marz-place-row");

  if (ra->count != rb->count)
    return ra->count > rb->count ? -1 : 1;
  return g_utf8_collate (ra->name, rb->name);
}

/* The list names every place, the far venues too: a way to reach them
 * without zooming out, and a keyboard path to every marker.  Places without
 * incidents this time are hidden, not removed. */
void
_marz_window_update_places_list (MarzWindow    *self,
                    MarzMarkerSet *set)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  if (!self->places_sorted)
    {
      gtk_list_box_set_sort_func (self->places_list, compare_rows, NULL, NULL);
      self->places_sorted = TRUE;
    }
  for (guint i = 0; set && i < marz_marker_set_get_n_places (set); i++)
    {
      const MarzPlaceSummary *place = marz_marker_set_get_place (set, i);
      GtkWidget *row;

      if ((row = g_hash_table_lookup (self->place_rows, place->place_id)) == NULL)
        {
          row = new_place_row (place);
          gtk_list_box_append (self->places_list, row);
          g_hash_table_insert (self->place_rows, g_strdup (place->place_id), row);
        }
      fill_place_row (row, set, i);
      g_hash_table_add (seen, place->place_id);
    }
  g_hash_table_iter_init (&iter, self->place_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    gtk_widget_set_visible (value, g_hash_table_contains (seen, key));
  gtk_list_box_invalidate_sort (self->places_list);
}
