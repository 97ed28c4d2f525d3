/* marz-tile-source.c
 *
 * A ShumateMapSource drawing MarzBasemap tiles: each tile is rendered with
 * cairo in a GTask worker thread (MarzBasemap is thread-safe), then wrapped
 * in a GdkMemoryTexture and handed to the tile on the main thread.  No PNG
 * round trip.
 *
 * libshumate 1.0.3 has no ShumateTile:scale-factor, so the owner of the map
 * sets ours (bind it to the map widget's "scale-factor"): at 2 the textures
 * are 512 px for the 256 px tiles, and the map layer draws them crisp.
 */
#define G_LOG_DOMAIN "marz-tile-source"

#include "marz-tile-source.h"

#define TILE_SIZE 256
#define MIN_ZOOM  0
#define MAX_ZOOM  20             /* the viewport's range; the basemap draws any zoom */

struct _MarzTileSource
{
  ShumateMapSource parent_instance;

  /* owned */
  MarzBasemap *basemap;

  int          scale_factor;
  guint        n_filled;
};

G_DEFINE_FINAL_TYPE (MarzTileSource, marz_tile_source, SHUMATE_TYPE_MAP_SOURCE)

enum {
  PROP_0,
  PROP_BASEMAP,
  PROP_SCALE_FACTOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the worker needs, copied from the tile on the main thread. */
typedef struct
{
  int    zoom, x, y;
  guint  tile_size;
  double scale;
} TileRequest;

/* The map layer caches tiles by source id, so every label language needs
 * its own.  Tiles in flight while the language changes may still land
 * under the old id; the owner replaces the layer on a change anyway. */
static void
update_id (MarzTileSource *self)
{
  g_autofree char *id = g_strdup_printf ("marz-basemap-%s", marz_basemap_get_language (self->basemap));

  shumate_map_source_set_id (SHUMATE_MAP_SOURCE (self), id);
}

static void
render_tile_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  MarzTileSource *self = source_object;
  TileRequest *request = task_data;
  cairo_surface_t *surface;

  surface = marz_basemap_render_tile (self->basemap, request->zoom, request->x, request->y,
                                      request->tile_size, request->scale, cancellable);
  if (surface == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Tile rendering was cancelled");
      return;
    }
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot render tile %d/%d/%d: %s",
                               request->zoom, request->x, request->y,
                               cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return;
    }
  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

/* Cairo's ARGB32 is premultiplied and native-endian, which is GDK_MEMORY_DEFAULT. */
static GdkTexture *
texture_for_surface (cairo_surface_t *surface)
{
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) height * stride,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  return gdk_memory_texture_new (cairo_image_surface_get_width (surface), height,
                                 GDK_MEMORY_DEFAULT, bytes, stride);
}

/* Back on the main thread: @task is the fill_tile_async task. */
static void
on_render_tile_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MarzTileSource *self = g_task_get_source_object (task);
  ShumateTile *tile = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;

  surface = g_task_propagate_pointer (G_TASK (result), &error);
  if (surface == NULL)
    {
      /* libshumate before 1.4 drops tile errors silently. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("%s", error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  texture = texture_for_surface (surface);
  cairo_surface_destroy (surface);
  shumate_tile_set_paintable (tile, GDK_PAINTABLE (texture));
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  self->n_filled++;
  g_task_return_boolean (task, TRUE);
}

static void
marz_tile_source_fill_tile_async (ShumateMapSource    *source,
                                  ShumateTile         *tile,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  MarzTileSource *self = MARZ_TILE_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) render = NULL;
  TileRequest *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, marz_tile_source_fill_tile_async);
  g_task_set_task_data (task, g_object_ref (tile), g_object_unref);

  request = g_new (TileRequest, 1);
  *request = (TileRequest) {
    .zoom = shumate_tile_get_zoom_level (tile),
    .x = shumate_tile_get_x (tile),
    .y = shumate_tile_get_y (tile),
    .tile_size = shumate_tile_get_size (tile),
    .scale = self->scale_factor,
  };
  render = g_task_new (self, cancellable, on_render_tile_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (render, render_tile_thread);
  g_task_set_task_data (render, request, g_free);
  g_task_run_in_thread (render, render_tile_thread);
}

static gboolean
marz_tile_source_fill_tile_finish (ShumateMapSource  *source,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == marz_tile_source_fill_tile_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
marz_tile_source_constructed (GObject *object)
{
  MarzTileSource *self = MARZ_TILE_SOURCE (object);
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (object);

  G_OBJECT_CLASS (marz_tile_source_parent_class)->constructed (object);

  /* Not in init: ShumateMapSource's construct properties would reset these. */
  shumate_map_source_set_name (source, "Marz offline basemap");
  shumate_map_source_set_license (source, "Natural Earth (public domain); GeoNames (CC BY 4.0)");
  shumate_map_source_set_min_zoom_level (source, MIN_ZOOM);
  shumate_map_source_set_max_zoom_level (source, MAX_ZOOM);
  shumate_map_source_set_tile_size (source, TILE_SIZE);
  shumate_map_source_set_projection (source, SHUMATE_MAP_PROJECTION_MERCATOR);

  g_assert (MARZ_IS_BASEMAP (self->basemap));
  update_id (self);
  g_signal_connect_object (self->basemap, "notify::language", G_CALLBACK (update_id), self,
                           G_CONNECT_SWAPPED);
}

static void
marz_tile_source_dispose (GObject *object)
{
  MarzTileSource *self = MARZ_TILE_SOURCE (object);

  g_clear_object (&self->basemap);

  G_OBJECT_CLASS (marz_tile_source_parent_class)->dispose (object);
}

static void
marz_tile_source_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MarzTileSource *self = MARZ_TILE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_BASEMAP:
      g_value_set_object (value, marz_tile_source_get_basemap (self));
      break;
    case PROP_SCALE_FACTOR:
      g_value_set_int (value, marz_tile_source_get_scale_factor (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
marz_tile_source_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MarzTileSource *self = MARZ_TILE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_BASEMAP:
      self->basemap = g_value_dup_object (value);
      break;
    case PROP_SCALE_FACTOR:
      marz_tile_source_set_scale_factor (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
marz_tile_source_class_init (MarzTileSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->constructed = marz_tile_source_constructed;
  object_class->dispose = marz_tile_source_dispose;
  object_class->get_property = marz_tile_source_get_property;
  object_class->set_property = marz_tile_source_set_property;

  source_class->fill_tile_async = marz_tile_source_fill_tile_async;
  source_class->fill_tile_finish = marz_tile_source_fill_tile_finish;

  properties[PROP_BASEMAP] =
    g_param_spec_object ("basemap", NULL, NULL, MARZ_TYPE_BASEMAP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MarzTileSource:scale-factor:
   *
   * Device pixels per logical pixel of the map showing the tiles: bind it
   * to the map widget's #GtkWidget:scale-factor.  Applies to tiles filled
   * from then on.
   */
  properties[PROP_SCALE_FACTOR] =
    g_param_spec_int ("scale-factor", NULL, NULL, 1, 4, 1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
marz_tile_source_init (MarzTileSource *self)
{
  self->scale_factor = 1;
}

/**
 * marz_tile_source_new:
 * @basemap: what to draw; its #MarzBasemap:language picks the source id
 *
 * Returns: (transfer full): a source with id "marz-basemap-<language>"
 */
MarzTileSource *
marz_tile_source_new (MarzBasemap *basemap)
{
  g_return_val_if_fail (MARZ_IS_BASEMAP (basemap), NULL);

  return g_object_new (MARZ_TYPE_TILE_SOURCE, "basemap", basemap, NULL);
}

MarzBasemap *
marz_tile_source_get_basemap (MarzTileSource *self)
{
  g_return_val_if_fail (MARZ_IS_TILE_SOURCE (self), NULL);
  return self->basemap;
}

int
marz_tile_source_get_scale_factor (MarzTileSource *self)
{
  g_return_val_if_fail (MARZ_IS_TILE_SOURCE (self), 1);
  return self->scale_factor;
}

void
marz_tile_source_set_scale_factor (MarzTileSource *self,
                                   int             scale_factor)
{
  g_return_if_fail (MARZ_IS_TILE_SOURCE (self));
  g_return_if_fail (scale_factor >= 1);

  if (self->scale_factor == scale_factor)
    return;
  self->scale_factor = scale_factor;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE_FACTOR]);
}

/**
 * marz_tile_source_get_n_filled:
 *
 * How many tiles this source has filled so far.  libshumate 1.0 has no
 * "map loaded" signal; this is what an export or a test can watch.
 */
guint
marz_tile_source_get_n_filled (MarzTileSource *self)
{
  g_return_val_if_fail (MARZ_IS_TILE_SOURCE (self), 0);
  return self->n_filled;
}
