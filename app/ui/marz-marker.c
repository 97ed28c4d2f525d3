/* marz-marker.c
 *
 * A GtkButton, so that a marker is focusable, activatable from the keyboard
 * and an accessible button with a name («Spin Boldak: 1 incident») that a
 * screen reader and the end-to-end test can find.  It looks like this: a disc
 * in the colour of the place's main incident type, sized by casualties, a
 * rounded square for a place with only diplomacy, and a dark disc with the
 * count for a cluster.  The style comes from core (marz-marker-style.h), so
 * exports draw the same.  MarzMarkerLayer draws all its markers at once; a
 * marker draws only its focus ring, and itself while hovered.
 */
#define G_LOG_DOMAIN "marz-marker"

#include "marz-marker.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "marz-marker-style.h"

#define FOCUS_GAP 4.0    /* room around the disc for the focus ring */

struct _MarzMarker
{
  GtkButton         parent_instance;

  /* owned */
  char             *place_id;     /* NULL for a cluster */
  char             *label;
  GtkWidget        *popover;

  guint64           cluster_id;
  double            lat;
  double            lon;
  guint64           count;
  MarzIncidentType  type;
  double            radius;
  gboolean          popup_pending;  /* asked to show its popover before it had a place */
};

G_DEFINE_FINAL_TYPE (MarzMarker, marz_marker, GTK_TYPE_BUTTON)

static void
set_label (MarzMarker *self,
           char       *label)
{
  g_free (self->label);
  self->label = label;
  /* Not gtk_widget_set_tooltip_text(): in GTK 4.8 it asks the X server
   * where the pointer is, once per marker, which made a few hundred new
   * markers stall a frame for a quarter of a second. */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* A marker is made once and may show other places later: the layer keeps
 * the buttons that leave the view and gives them to markers that come in
 * (making a few hundred GtkButtons at each re-query was most of its
 * cost). */
static void
set_kind_class (MarzMarker *self,
                const char *css_class)
{
  static const char * const kinds[] = { "diplomacy", "violence", "cluster" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (kinds[i], css_class) != 0)
      gtk_widget_remove_css_class (GTK_WIDGET (self), kinds[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self), css_class);
}

static void
set_radius (MarzMarker *self,
            double      radius)
{
  if (self->radius == radius)
    return;
  self->radius = radius;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  gtk_tooltip_set_text (tooltip, MARZ_MARKER (widget)->label);
  return TRUE;
}

/* The theme's outline is too faint over a busy map: a ring of its own. */
static void
append_focus_ring (GtkSnapshot           *snapshot,
                   const graphene_rect_t *disc,
                   float                  corner)
{
  GskRoundedRect ring;
  GdkRGBA accent = { 0.21f, 0.52f, 0.89f, 1.0f };
  float widths[4] = { 2, 2, 2, 2 };
  GdkRGBA colors[4] = { accent, accent, accent, accent };
  graphene_rect_t bounds;

  graphene_rect_inset_r (disc, -(FOCUS_GAP - 1), -(FOCUS_GAP - 1), &bounds);
  gsk_rounded_rect_init_from_rect (&ring, &bounds, corner + FOCUS_GAP - 1);
  gtk_snapshot_append_border (snapshot, &ring, widths, colors);
}

/* As exports draw it (marz-marker-style.h), centred on (@x, @y); not the
 * focus ring. */
static void
draw (MarzMarker *self,
      cairo_t    *cr,
      double      x,
      double      y)
{
  marz_marker_style_draw (cr, x, y, self->radius, self->place_id == NULL, self->type, self->count,
                          marz_marker_text_scale (GTK_WIDGET (self)));
}

/* The layer draws every marker at once, into one picture (see
 * marz-marker-layer.c); a marker draws itself only when hovered, so that
 * the theme's :hover filter shows on it, and its focus ring. */
static void
marz_marker_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  MarzMarker *self = MARZ_MARKER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  float size = 2 * self->radius;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT ((width - size) / 2, (height - size) / 2, size, size);
  gboolean diplomacy = self->place_id && marz_incident_type_get_category (self->type) == MARZ_CATEGORY_DIPLOMACY;

  if (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_PRELIGHT)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

      draw (self, cr, width / 2.0, height / 2.0);
      cairo_destroy (cr);
    }
  if (gtk_widget_has_visible_focus (widget))
    append_focus_ring (snapshot, &bounds, diplomacy ? size / 5 : size / 2);
}

static void
marz_marker_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  MarzMarker *self = MARZ_MARKER (widget);

  *minimum = *natural = (int) ceil (2 * (self->radius + FOCUS_GAP));
}

static void
popup_idle_cb (gpointer data)
{
  MarzMarker *self = data;

  if (self->popover && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_popover_popup (GTK_POPOVER (self->popover));
  g_object_unref (self);
}

static void
marz_marker_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  MarzMarker *self = MARZ_MARKER (widget);

  if (self->popover)
    gtk_popover_present (GTK_POPOVER (self->popover));
  /* Not while allocating: showing a widget asks for a new layout. */
  if (self->popup_pending)
    {
      self->popup_pending = FALSE;
      g_idle_add_once (popup_idle_cb, g_object_ref (self));
    }
}

/* The focus ring is drawn here, not by CSS, and the disc when hovered:
 * redraw when focus or the pointer moves. */
static void
marz_marker_state_flags_changed (GtkWidget     *widget,
                                 GtkStateFlags  previous)
{
  GTK_WIDGET_CLASS (marz_marker_parent_class)->state_flags_changed (widget, previous);
  if ((previous ^ gtk_widget_get_state_flags (widget))
      & (GTK_STATE_FLAG_FOCUS_VISIBLE | GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_PRELIGHT))
    gtk_widget_queue_draw (widget);
}

static void
marz_marker_dispose (GObject *object)
{
  MarzMarker *self = MARZ_MARKER (object);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  G_OBJECT_CLASS (marz_marker_parent_class)->dispose (object);
}

static void
marz_marker_finalize (GObject *object)
{
  MarzMarker *self = MARZ_MARKER (object);

  g_free (self->place_id);
  g_free (self->label);
  G_OBJECT_CLASS (marz_marker_parent_class)->finalize (object);
}

static void
marz_marker_class_init (MarzMarkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = marz_marker_dispose;
  object_class->finalize = marz_marker_finalize;
  widget_class->snapshot = marz_marker_snapshot;
  widget_class->measure = marz_marker_measure;
  widget_class->size_allocate = marz_marker_size_allocate;
  widget_class->state_flags_changed = marz_marker_state_flags_changed;
  gtk_widget_class_set_css_name (widget_class, "marker");
}

static void
marz_marker_init (MarzMarker *self)
{
  /* GtkButton sizes its child with a GtkBinLayout; a marker has no child
   * and sizes itself. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "marz-marker");
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), FALSE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
}

/**
 * marz_marker_set_place:
 * @casualties: killed and injured together, or -1 if unknown
 *
 * Makes the marker show @place_id (it may have shown another before).
 */
void
marz_marker_set_place (MarzMarker       *self,
                       const char       *place_id,
                       const char       *name,
                       double            lat,
                       double            lon,
                       guint             n_incidents,
                       MarzIncidentType  type,
                       gint64            casualties)
{
  g_return_if_fail (MARZ_IS_MARKER (self));
  g_return_if_fail (place_id != NULL && name != NULL);

  g_free (self->place_id);
  self->place_id = g_strdup (place_id);
  self->cluster_id = 0;
  self->lat = lat;
  self->lon = lon;
  self->count = n_incidents;
  self->type = type;
  set_radius (self, marz_marker_style_place_radius (n_incidents, casualties));
  /* Translators: a map marker, «Spin Boldak: 1 incident» */
  set_label (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u incident", "%s: %u incidents",
                                                 n_incidents), name, n_incidents));
  set_kind_class (self, marz_incident_type_get_category (type) == MARZ_CATEGORY_DIPLOMACY
                        ? "diplomacy" : "violence");
}

/**
 * marz_marker_set_cluster:
 *
 * Makes the marker show the cluster @cluster_id.
 */
void
marz_marker_set_cluster (MarzMarker *self,
                         guint64     cluster_id,
                         double      lat,
                         double      lon,
                         guint64     n_incidents,
                         guint       n_places)
{
  g_autofree char *incidents = NULL;

  g_return_if_fail (MARZ_IS_MARKER (self));

  g_clear_pointer (&self->place_id, g_free);
  self->cluster_id = cluster_id;
  self->lat = lat;
  self->lon = lon;
  self->count = n_incidents;
  self->type = MARZ_N_INCIDENT_TYPES;
  set_radius (self, marz_marker_style_cluster_radius (n_incidents));
  incidents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GUINT64_FORMAT " incident",
                                            "%" G_GUINT64_FORMAT " incidents", n_incidents), n_incidents);
  /* Translators: a cluster of map markers, «5 incidents in 3 places» */
  set_label (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in %u place", "%s in %u places",
                                                 n_places), incidents, n_places));
  set_kind_class (self, "cluster");
}

/**
 * marz_marker_new_place:
 * @casualties: killed and injured together, or -1 if unknown
 */
GtkWidget *
marz_marker_new_place (const char       *place_id,
                       const char       *name,
                       double            lat,
                       double            lon,
                       guint             n_incidents,
                       MarzIncidentType  type,
                       gint64            casualties)
{
  MarzMarker *self;

  g_return_val_if_fail (place_id != NULL && name != NULL, NULL);

  self = g_object_new (MARZ_TYPE_MARKER, NULL);
  marz_marker_set_place (self, place_id, name, lat, lon, n_incidents, type, casualties);
  return GTK_WIDGET (self);
}

GtkWidget *
marz_marker_new_cluster (guint64 cluster_id,
                         double  lat,
                         double  lon,
                         guint64 n_incidents,
                         guint   n_places)
{
  MarzMarker *self = g_object_new (MARZ_TYPE_MARKER, NULL);

  marz_marker_set_cluster (self, cluster_id, lat, lon, n_incidents, n_places);
  return GTK_WIDGET (self);
}

/* Whether a popover hangs on the marker (the layer does not lend such a
 * marker to another place). */
gboolean
marz_marker_has_popover (MarzMarker *self)
{
  g_return_val_if_fail (MARZ_IS_MARKER (self), FALSE);
  return self->popover != NULL;
}

gboolean
marz_marker_is_cluster (MarzMarker *self)
{
  g_return_val_if_fail (MARZ_IS_MARKER (self), FALSE);
  return self->place_id == NULL;
}

const char *
marz_marker_get_place_id (MarzMarker *self)
{
  g_return_val_if_fail (MARZ_IS_MARKER (self), NULL);
  return self->place_id;
}

guint64
marz_marker_get_cluster_id (MarzMarker *self)
{
  g_return_val_if_fail (MARZ_IS_MARKER (self), 0);
  return self->cluster_id;
}

const char *
marz_marker_get_label (MarzMarker *self)
{
  g_return_val_if_fail (MARZ_IS_MARKER (self), NULL);
  return self->label;
}

guint64
marz_marker_get_count (MarzMarker *self)
{
  g_return_val_if_fail (MARZ_IS_MARKER (self), 0);
  return self->count;
}

MarzIncidentType
marz_marker_get_kind (MarzMarker *self)
{
  g_return_val_if_fail (MARZ_IS_MARKER (self), MARZ_N_INCIDENT_TYPES);
  return self->type;
}

void
marz_marker_get_location (MarzMarker *self,
                          double     *lat,
                          double     *lon)
{
  g_return_if_fail (MARZ_IS_MARKER (self));
  *lat = self->lat;
  *lon = self->lon;
}

/**
 * marz_marker_text_scale:
 * @widget: any widget of the display
 *
 * Returns: the desktop's text scaling (GNOME's Large Text is 1.25), which
 *   the counts on the markers follow
 */
double
marz_marker_text_scale (GtkWidget *widget)
{
  int dpi = 0;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 1.0);
  g_object_get (gtk_widget_get_settings (widget), "gtk-xft-dpi", &dpi, NULL);
  return dpi > 0 ? CLAMP (dpi / (96.0 * 1024), 0.5, 4.0) : 1.0;
}

double
marz_marker_get_radius (MarzMarker *self)
{
  g_return_val_if_fail (MARZ_IS_MARKER (self), 0);
  return self->radius;
}

/**
 * marz_marker_set_popover:
 * @popover: (transfer full) (nullable): shown pointing at the marker
 */
void
marz_marker_set_popover (MarzMarker *self,
                         GtkWidget  *popover)
{
  g_return_if_fail (MARZ_IS_MARKER (self));

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  if (popover == NULL)
    return;
  self->popover = popover;
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Moves an open popover along with the marker, which its owner moves
 * without reallocating it. */
void
marz_marker_present_popover (MarzMarker *self)
{
  g_return_if_fail (MARZ_IS_MARKER (self));

  /* Only a popover already on screen: one not yet shown has no monitor. */
  if (self->popover && gtk_widget_get_mapped (self->popover))
    gtk_popover_present (GTK_POPOVER (self->popover));
}

/**
 * marz_marker_popup:
 *
 * Shows the popover given with marz_marker_set_popover(); a marker just
 * made has no place on screen yet, so it waits for its first allocation.
 */
void
marz_marker_popup (MarzMarker *self)
{
  g_return_if_fail (MARZ_IS_MARKER (self));

  if (self->popover == NULL)
    return;
  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_popover_popup (GTK_POPOVER (self->popover));
  else
    {
      self->popup_pending = TRUE;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
}
