/* marz-marker-layer.c
 *
 * The markers of a MarzMarkerSet as child widgets of a ShumateLayer.  Only
 * the clusters of the current zoom level inside the view (grown by a
 * margin) have a widget, so a view holds a few hundred buttons whether the
 * store has ten incidents or a million (MAP-NOTES.md: widgets are fine by
 * the hundred, hopeless by the ten thousand).
 *
 * The markers sit in a GtkFixed, the canvas, at their positions relative
 * to the area last queried.  Panning only moves the canvas (a new
 * transform, no marker reallocated, their render nodes reused); a zoom
 * moves each marker; the set of widgets is worked out again when the whole
 * zoom level changes or the view leaves the area last queried.  Widgets
 * whose marker stays are kept, so focus and an open popover survive.
 *
 * The markers do not draw themselves: the layer paints them all into one
 * picture of the canvas (of the part around the view), under the canvas,
 * and keeps the same render node until a marker moves or changes or the
 * view leaves the picture.  A pan then draws one textured rectangle
 * instead of a clip, a fill, a border and a text per marker (llvmpipe
 * spent most of a frame on those).  The buttons stay for focus, clicks,
 * tooltips and accessibility.
 *
 * The picture (marz-marker-picture.c) is painted in a worker thread, and
 * knows where on the map it was painted, so until the next one arrives (a
 * frame or two) the last one stays in place under a moving or zooming
 * view.
 *
 * While the zoom changes within a level (a scroll or an animation), the
 * canvas and the picture are only scaled, buttons and all; the markers are
 * placed and painted again once the zoom has stayed put for SETTLE_MS.
 */
#define G_LOG_DOMAIN "marz-marker-layer"

#include "marz-marker-layer.h"

#include <math.h>

#include "marz-marker-picture.h"
#include "marz-mercator.h"

#define TILE_SIZE 256
/* Markers are made for the view grown by this much of its size on each
 * side: panning that far needs no new widgets, and the widgets stay about
 * twice those on screen (at 0.5 they were four times, measured by
 * tests/perf/bench-map). */
#define QUERY_MARGIN 0.2
/* The markers' picture covers the canvas, but no more than the view grown
 * by this much on each side: after zooming in, the canvas can be several
 * times the view, and the picture is painted again on every zoom step. */
#define PICTURE_MARGIN 0.2
/* How long the zoom has to stay put before the markers are placed and
 * painted again at their own size: longer than a frame of an animation. */
#define SETTLE_MS 120
/* Hidden buttons kept for markers to come: about as many as a view shows. */
#define MAX_SPARE 400

struct _MarzMarkerLayer
{
  ShumateLayer   parent_instance;

  /* owned */
  MarzMarkerSet *marker_set;
  GtkWidget     *canvas;         /* GtkFixed, our only child */
  GHashTable    *markers;        /* key → MarzMarker (the canvas's children) */
  GPtrArray     *spare;          /* hidden children, for markers to come */

  /* what the children show */
  int            queried_zoom;
  int            queried_width;
  int            queried_height;
  guint          update_idle;
  guint          settle_timeout;
  double         queried[4];     /* min_lon, min_lat, max_lon, max_lat */

  /* where the canvas is: its top left in world px at @canvas_zoom */
  double         canvas_zoom;
  double         anchor_x;
  double         anchor_y;
  int            canvas_width;
  int            canvas_height;
  graphene_point_t canvas_offset;  /* the canvas's translation in the layer */
  double         canvas_scale;   /* and its scale: the zoom's since canvas_zoom */
  guint          placement;      /* counts place_markers(): the markers moved */

  MarzMarkerPicture *picture;    /* the markers, drawn */
};

G_DEFINE_FINAL_TYPE (MarzMarkerLayer, marz_marker_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_MARKER_SET,
  N_PROPS
};

enum {
  MARKER_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Clusters and points share one key space. */
static guint64
cluster_key (const MarzCluster *cluster)
{
  return cluster->is_cluster ? (cluster->cluster_id << 1) | 1 : cluster->id << 1;
}

/* The view's centre in world px at the current zoom. */
static void
view_center (MarzMarkerLayer *self,
             double          *cx,
             double          *cy)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  marz_mercator_project (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                         shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                         shumate_viewport_get_zoom_level (viewport), TILE_SIZE, cx, cy);
}

/* The view in degrees, grown by @margin times its size on each side. */
static void
view_bounds (MarzMarkerLayer *self,
             double           margin,
             double          *bounds)
{
  double zoom = shumate_viewport_get_zoom_level (shumate_layer_get_viewport (SHUMATE_LAYER (self)));
  double w = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1);
  double h = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 1);
  double cx, cy;

  view_center (self, &cx, &cy);
  marz_mercator_unproject (cx - w * (0.5 + margin), cy + h * (0.5 + margin), zoom, TILE_SIZE,
                           &bounds[1], &bounds[0]);
  marz_mercator_unproject (cx + w * (0.5 + margin), cy - h * (0.5 + margin), zoom, TILE_SIZE,
                           &bounds[3], &bounds[2]);
}

/* Puts every marker where it belongs on the canvas, the canvas's top left
 * being the queried area's at the current zoom. */
static void
place_markers (MarzMarkerLayer *self)
{
  double zoom = shumate_viewport_get_zoom_level (shumate_layer_get_viewport (SHUMATE_LAYER (self)));
  double x1, y1;
  GHashTableIter iter;
  gpointer value;

  g_clear_handle_id (&self->settle_timeout, g_source_remove);
  self->canvas_zoom = zoom;
  marz_mercator_project (self->queried[3], self->queried[0], zoom, TILE_SIZE, &self->anchor_x, &self->anchor_y);
  marz_mercator_project (self->queried[1], self->queried[2], zoom, TILE_SIZE, &x1, &y1);
  self->canvas_width = (int) ceil (x1 - self->anchor_x);
  self->canvas_height = (int) ceil (y1 - self->anchor_y);
  g_hash_table_iter_init (&iter, self->markers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      double lat, lon, x, y;
      int size;

      marz_marker_get_location (value, &lat, &lon);
      marz_mercator_project (lat, lon, zoom, TILE_SIZE, &x, &y);
      gtk_widget_measure (value, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &size, NULL, NULL);
      gtk_fixed_move (GTK_FIXED (self->canvas), value,
                      round (x - self->anchor_x - size / 2.0), round (y - self->anchor_y - size / 2.0));
    }
  self->placement++;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Hands the markers inside @area of the canvas to a worker to paint. */
static void
start_paint (MarzMarkerLayer       *self,
             const graphene_rect_t *area)
{
  GArray *sprites = g_array_sized_new (FALSE, FALSE, sizeof (MarzMarkerSprite),
                                      g_hash_table_size (self->markers));
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native ? gtk_native_get_renderer (native) : NULL;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->markers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      MarzMarkerSprite sprite = { 0 };
      double x, y;
      int size;

      gtk_fixed_get_child_position (GTK_FIXED (self->canvas), value, &x, &y);
      gtk_widget_measure (value, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &size, NULL, NULL);
      if (!graphene_rect_intersection (area, &GRAPHENE_RECT_INIT (x, y, size, size), NULL))
        continue;
      sprite.x = x + size / 2.0 - area->origin.x;
      sprite.y = y + size / 2.0 - area->origin.y;
      sprite.radius = marz_marker_get_radius (value);
      sprite.n_incidents = marz_marker_get_count (value);
      sprite.is_cluster = marz_marker_is_cluster (value);
      sprite.type = sprite.is_cluster ? 0 : marz_marker_get_kind (value);
      g_array_append_val (sprites, sprite);
    }
  marz_marker_picture_paint (self->picture, sprites,
                             &(MarzMarkerPicturePlace) { self->anchor_x + area->origin.x,
                                                         self->anchor_y + area->origin.y,
                                                         area->size.width, area->size.height,
                                                         self->canvas_zoom },
                             gtk_widget_get_scale_factor (GTK_WIDGET (self)), marz_marker_text_scale (GTK_WIDGET (self)),
                             self->placement, renderer == NULL || GSK_IS_CAIRO_RENDERER (renderer)
                             ? MARZ_MARKER_PICTURE_CAIRO : MARZ_MARKER_PICTURE_TEXTURE);
}

/* Asks for a new picture if the markers moved or the view shows some of
 * the canvas the picture does not cover; one paint at a time. */
static void
update_picture (MarzMarkerLayer *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_rect_t canvas = GRAPHENE_RECT_INIT (0, 0, MAX (self->canvas_width, 1),
                                               MAX (self->canvas_height, 1));
  double s = self->canvas_scale;
  graphene_rect_t view = GRAPHENE_RECT_INIT (-self->canvas_offset.x / s, -self->canvas_offset.y / s,
                                             w / s, h / s);
  const MarzMarkerPicturePlace *painted = marz_marker_picture_get_place (self->picture);
  graphene_rect_t shown, area, covered;

  if (marz_marker_picture_is_painting (self->picture)
      || !graphene_rect_intersection (&canvas, &view, &shown))
    return;
  /* In the canvas's px, which are the picture's while nothing moved. */
  covered = GRAPHENE_RECT_INIT (painted->x - self->anchor_x, painted->y - self->anchor_y,
                                painted->width, painted->height);
  if (marz_marker_picture_get_node (self->picture) != NULL
      && marz_marker_picture_get_placement (self->picture) == self->placement
      && marz_marker_picture_get_scale (self->picture) == gtk_widget_get_scale_factor (GTK_WIDGET (self))
      && marz_marker_picture_get_text_scale (self->picture) == marz_marker_text_scale (GTK_WIDGET (self))
      && graphene_rect_contains_rect (&covered, &shown))
    return;
  graphene_rect_inset (&view, -w / s * PICTURE_MARGIN, -h / s * PICTURE_MARGIN);
  graphene_rect_intersection (&canvas, &view, &area);
  graphene_rect_round_extents (&area, &area);
  start_paint (self, &area);
}

static gboolean
view_inside_queried (MarzMarkerLayer *self)
{
  double view[4];

  view_bounds (self, 0, view);
  return view[0] >= self->queried[0] && view[1] >= self->queried[1]
      && view[2] <= self->queried[2] && view[3] <= self->queried[3];
}

static void
on_marker_clicked_cb (MarzMarker      *marker,
                      MarzMarkerLayer *self)
{
  g_signal_emit (self, signals[MARKER_ACTIVATED], 0, marker);
}

/* A marker for @cluster: a spare button if there is one (making a few
 * hundred GtkButtons was most of a re-query), else a new one. */
static GtkWidget *
create_marker (MarzMarkerLayer   *self,
               const MarzCluster *cluster)
{
  MarzMarker *marker;
  const MarzPlaceSummary *place;
  guint index = (guint) cluster->id;

  if (self->spare->len > 0)
    marker = g_ptr_array_steal_index_fast (self->spare, self->spare->len - 1);
  else
    {
      marker = g_object_new (MARZ_TYPE_MARKER, NULL);
      gtk_fixed_put (GTK_FIXED (self->canvas), GTK_WIDGET (marker), 0, 0);
      g_signal_connect (marker, "clicked", G_CALLBACK (on_marker_clicked_cb), self);
    }
  if (cluster->is_cluster)
    marz_marker_set_cluster (marker, cluster->cluster_id, cluster->lat, cluster->lon,
                             cluster->count, cluster->n_points);
  else
    {
      place = marz_marker_set_get_place (self->marker_set, index);
      marz_marker_set_place (marker, place->place_id, place->name, place->lat, place->lon,
                             marz_marker_set_get_count (self->marker_set, index),
                             marz_marker_set_get_type (self->marker_set, index),
                             place->killed < 0 && place->injured < 0
                             ? -1 : MAX (place->killed, 0) + MAX (place->injured, 0));
    }
  gtk_widget_set_visible (GTK_WIDGET (marker), TRUE);
  return GTK_WIDGET (marker);
}

/* Hidden, a spare button is out of the focus chain, the accessibility
 * tree, layout and drawing.  One with a popover, or the focus, goes: the
 * popover belongs to its place, and hiding the focus would move it. */
static void
remove_marker (MarzMarkerLayer *self,
               GtkWidget       *marker)
{
  if (self->spare->len < MAX_SPARE && !marz_marker_has_popover (MARZ_MARKER (marker))
      && !gtk_widget_is_focus (marker))
    {
      gtk_widget_set_visible (marker, FALSE);
      g_ptr_array_add (self->spare, marker);
      return;
    }
  g_signal_handlers_disconnect_by_func (marker, on_marker_clicked_cb, self);
  gtk_fixed_remove (GTK_FIXED (self->canvas), marker);
}

/* Works out which markers the view needs, keeping the widgets that stay. */
static void
update_markers (MarzMarkerLayer *self)
{
  g_autoptr(GHashTable) next = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) clusters = NULL;
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  gint64 start = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer key, value;

  g_clear_handle_id (&self->update_idle, g_source_remove);
  self->queried_zoom = (int) floor (shumate_viewport_get_zoom_level (viewport));
  self->queried_width = gtk_widget_get_width (GTK_WIDGET (self));
  self->queried_height = gtk_widget_get_height (GTK_WIDGET (self));
  view_bounds (self, QUERY_MARGIN, self->queried);
  if (self->marker_set != NULL)
    clusters = marz_cluster_index_query (marz_marker_set_get_index (self->marker_set),
                                         self->queried[0], self->queried[1],
                                         self->queried[2], self->queried[3], self->queried_zoom);
  for (guint i = 0; clusters != NULL && i < clusters->len; i++)
    {
      const MarzCluster *cluster = &g_array_index (clusters, MarzCluster, i);
      guint64 k = cluster_key (cluster);
      gpointer old_key, marker;

      if (g_hash_table_steal_extended (self->markers, &k, &old_key, &marker))
        {
          g_hash_table_insert (next, old_key, marker);
          continue;
        }
      marker = create_marker (self, cluster);
      g_hash_table_insert (next, g_memdup2 (&k, sizeof k), marker);
    }
  /* What is left went out of view or into another cluster. */
  g_hash_table_iter_init (&iter, self->markers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    remove_marker (self, value);
  g_hash_table_remove_all (self->markers);
  g_hash_table_iter_init (&iter, next);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->markers, key, value);
  g_hash_table_steal_all (next);
  g_debug ("%u markers at zoom %d in %.2f,%.2f – %.2f,%.2f, in %.2f ms", g_hash_table_size (self->markers),
           self->queried_zoom, self->queried[0], self->queried[1], self->queried[2], self->queried[3],
           (g_get_monotonic_time () - start) / 1000.0);
  place_markers (self);
}

static gboolean
update_idle_cb (gpointer data)
{
  MarzMarkerLayer *self = data;

  self->update_idle = 0;
  update_markers (self);
  return G_SOURCE_REMOVE;
}

static gboolean
settle_timeout_cb (gpointer data)
{
  MarzMarkerLayer *self = data;

  self->settle_timeout = 0;
  place_markers (self);
  return G_SOURCE_REMOVE;
}

static void
on_viewport_changed_cb (ShumateViewport *viewport,
                        GParamSpec      *pspec,
                        MarzMarkerLayer *self)
{
  int zoom = (int) floor (shumate_viewport_get_zoom_level (viewport));

  if (zoom != self->queried_zoom || !view_inside_queried (self))
    update_markers (self);
  else if (shumate_viewport_get_zoom_level (viewport) != self->canvas_zoom)
    {
      /* Scaled until the zoom settles: placing and painting every marker on
       * each step of an animation made those frames the late ones. */
      g_clear_handle_id (&self->settle_timeout, g_source_remove);
      self->settle_timeout = g_timeout_add (SETTLE_MS, settle_timeout_cb, self);
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
  else
    gtk_widget_queue_allocate (GTK_WIDGET (self));   /* a pan: only the canvas moves */
}

static void
marz_marker_layer_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  MarzMarkerLayer *self = MARZ_MARKER_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (widget));
  double zoom = shumate_viewport_get_zoom_level (viewport);
  GskTransform *transform = NULL;
  double cx, cy, s;
  GHashTableIter iter;
  gpointer value;

  /* A new size shows more or less of the map; the children cannot change
   * while they are being allocated, so work it out right after. */
  if ((width != self->queried_width || height != self->queried_height) && self->update_idle == 0)
    self->update_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_idle_cb, self, NULL);
  view_center (self, &cx, &cy);
  s = self->canvas_scale = exp2 (zoom - self->canvas_zoom);
  self->canvas_offset = GRAPHENE_POINT_INIT (self->anchor_x * s - (cx - width / 2.0),
                                             self->anchor_y * s - (cy - height / 2.0));
  transform = gsk_transform_translate (NULL, &self->canvas_offset);
  if (s != 1.0)
    transform = gsk_transform_scale (transform, s, s);
  gtk_widget_allocate (self->canvas, MAX (self->canvas_width, 1), MAX (self->canvas_height, 1), -1, transform);
  /* A popover follows its marker: the marker itself is not reallocated. */
  g_hash_table_iter_init (&iter, self->markers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    marz_marker_present_popover (value);
}

static void
marz_marker_layer_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  MarzMarkerLayer *self = MARZ_MARKER_LAYER (widget);
  GskRenderNode *picture;

  if (g_hash_table_size (self->markers) == 0)
    marz_marker_picture_clear (self->picture);
  else
    update_picture (self);
  picture = marz_marker_picture_get_node (self->picture);
  if (picture != NULL)
    {
      /* Where its top left is now: it may be a placement or a zoom behind. */
      const MarzMarkerPicturePlace *place = marz_marker_picture_get_place (self->picture);
      double s = exp2 (shumate_viewport_get_zoom_level (shumate_layer_get_viewport (SHUMATE_LAYER (self)))
                       - place->zoom);
      double cx, cy;

      view_center (self, &cx, &cy);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (place->x * s - (cx - gtk_widget_get_width (widget) / 2.0),
                                                    place->y * s - (cy - gtk_widget_get_height (widget) / 2.0)));
      if (s != 1.0)
        gtk_snapshot_scale (snapshot, s, s);
      gtk_snapshot_append_node (snapshot, picture);
      gtk_snapshot_restore (snapshot);
    }
  gtk_widget_snapshot_child (widget, self->canvas, snapshot);
}

static void
on_scale_factor_changed_cb (MarzMarkerLayer *self,
                            GParamSpec      *pspec,
                            gpointer         user_data)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));   /* the picture's scale is checked there */
}

static void
marz_marker_layer_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = *natural = 0;
}

static void
marz_marker_layer_constructed (GObject *object)
{
  MarzMarkerLayer *self = MARZ_MARKER_LAYER (object);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  G_OBJECT_CLASS (marz_marker_layer_parent_class)->constructed (object);
  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (on_viewport_changed_cb), self, 0);
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (on_viewport_changed_cb), self, 0);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (on_viewport_changed_cb), self, 0);
  /* Large Text turned on or off: the snapshot sees the picture is behind. */
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-xft-dpi",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

static void
marz_marker_layer_dispose (GObject *object)
{
  MarzMarkerLayer *self = MARZ_MARKER_LAYER (object);
  GHashTableIter iter;
  gpointer value;

  if (self->markers)
    {
      g_hash_table_iter_init (&iter, self->markers);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_signal_handlers_disconnect_by_func (value, on_marker_clicked_cb, self);
      g_hash_table_remove_all (self->markers);
    }
  for (guint i = 0; self->spare && i < self->spare->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->spare, i), on_marker_clicked_cb, self);
  if (self->spare)
    g_ptr_array_set_size (self->spare, 0);
  if (self->picture != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->picture, self);
      marz_marker_picture_cancel (self->picture);
      g_clear_object (&self->picture);
    }
  g_clear_pointer (&self->canvas, gtk_widget_unparent);
  g_clear_pointer (&self->marker_set, marz_marker_set_unref);
  g_clear_handle_id (&self->update_idle, g_source_remove);
  g_clear_handle_id (&self->settle_timeout, g_source_remove);
  G_OBJECT_CLASS (marz_marker_layer_parent_class)->dispose (object);
}

static void
marz_marker_layer_finalize (GObject *object)
{
  MarzMarkerLayer *self = MARZ_MARKER_LAYER (object);

  g_clear_pointer (&self->markers, g_hash_table_unref);
  g_clear_pointer (&self->spare, g_ptr_array_unref);
  G_OBJECT_CLASS (marz_marker_layer_parent_class)->finalize (object);
}

static void
marz_marker_layer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MarzMarkerLayer *self = MARZ_MARKER_LAYER (object);

  switch (prop_id)
    {
    case PROP_MARKER_SET:
      g_value_set_pointer (value, self->marker_set);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
marz_marker_layer_class_init (MarzMarkerLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = marz_marker_layer_constructed;
  object_class->dispose = marz_marker_layer_dispose;
  object_class->finalize = marz_marker_layer_finalize;
  object_class->get_property = marz_marker_layer_get_property;
  widget_class->size_allocate = marz_marker_layer_size_allocate;
  widget_class->measure = marz_marker_layer_measure;
  widget_class->snapshot = marz_marker_layer_snapshot;

  properties[PROP_MARKER_SET] =
    g_param_spec_pointer ("marker-set", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MarzMarkerLayer::marker-activated:
   * @marker: the MarzMarker clicked or activated from the keyboard
   */
  signals[MARKER_ACTIVATED] =
    g_signal_new ("marker-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MARZ_TYPE_MARKER);
  gtk_widget_class_set_css_name (widget_class, "marker-layer");
}

static void
marz_marker_layer_init (MarzMarkerLayer *self)
{
  self->markers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->spare = g_ptr_array_new ();
  self->queried_zoom = -1;
  self->canvas_scale = 1.0;
  self->picture = marz_marker_picture_new ();
  g_signal_connect_swapped (self->picture, "painted", G_CALLBACK (gtk_widget_queue_draw), self);
  self->canvas = gtk_fixed_new ();
  gtk_widget_set_parent (self->canvas, GTK_WIDGET (self));
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed_cb), NULL);
}

MarzMarkerLayer *
marz_marker_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  return g_object_new (MARZ_TYPE_MARKER_LAYER, "viewport", viewport, NULL);
}

MarzMarkerSet *
marz_marker_layer_get_marker_set (MarzMarkerLayer *self)
{
  g_return_val_if_fail (MARZ_IS_MARKER_LAYER (self), NULL);
  return self->marker_set;
}

/**
 * marz_marker_layer_set_marker_set:
 * @marker_set: (nullable): what to mark; the layer takes a reference
 */
void
marz_marker_layer_set_marker_set (MarzMarkerLayer *self,
                                  MarzMarkerSet   *marker_set)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (MARZ_IS_MARKER_LAYER (self));

  if (self->marker_set == marker_set)
    return;
  g_clear_pointer (&self->marker_set, marz_marker_set_unref);
  if (marker_set)
    self->marker_set = marz_marker_set_ref (marker_set);
  /* Ids of a new set mean other places: start afresh. */
  g_hash_table_iter_init (&iter, self->markers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    remove_marker (self, value);
  g_hash_table_remove_all (self->markers);
  update_markers (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKER_SET]);
}

guint
marz_marker_layer_get_n_markers (MarzMarkerLayer *self)
{
  g_return_val_if_fail (MARZ_IS_MARKER_LAYER (self), 0);
  return g_hash_table_size (self->markers);
}

/**
 * marz_marker_layer_find_place:
 *
 * Returns: (transfer none) (nullable): the marker of @place_id if the view
 *   shows it on its own (not inside a cluster)
 */
MarzMarker *
marz_marker_layer_find_place (MarzMarkerLayer *self,
                              const char      *place_id)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (MARZ_IS_MARKER_LAYER (self), NULL);
  g_hash_table_iter_init (&iter, self->markers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (marz_marker_get_place_id (value), place_id) == 0)
      return value;
  return NULL;
}

/**
 * marz_marker_layer_get_markers:
 *
 * Returns: (transfer container) (element-type MarzMarker): the markers shown
 */
GList *
marz_marker_layer_get_markers (MarzMarkerLayer *self)
{
  g_return_val_if_fail (MARZ_IS_MARKER_LAYER (self), NULL);
  return g_hash_table_get_values (self->markers);
}
