/* marz-marker-picture.c
 *
 * The markers of MarzMarkerLayer as one render node, painted in a worker
 * thread with core's MarzMarkerPainter: the frames that place new markers
 * then do not also draw them (that took 10–40 ms of the UI thread at every
 * re-query, measured with tests/perf/bench-map).
 *
 * With GL the node is a texture, uploaded once and drawn at any scale; GTK
 * 4.8's cairo renderer converts a texture's pixels on every frame, so for
 * it the node is a cairo node, blitted as it is.
 *
 * Tried, measured with bench-map and dropped: one small texture per marker
 * (GTK 4.8 puts textures of up to 128 px into an atlas and draws them in
 * one call).  With llvmpipe it cost as much CPU a frame as the one big
 * texture: in a dense view the markers' squares overlap and cover most of
 * it, so about as many texels are sampled.
 *
 * The picture remembers where on the map it was painted (an area in world
 * px at a zoom), so that its layer can keep showing it under a view that
 * moved on until the next one arrives.
 *
 * Threads: the painter belongs to the paint in flight, one at a time; the
 * node, and everything GTK, to the UI thread.  A worker may drop the last
 * reference to the picture (GTask's own is released there), so the node
 * is let go on the UI thread, by marz_marker_picture_cancel().
 */
#define G_LOG_DOMAIN "marz-marker-picture"

#include "marz-marker-picture.h"

struct _MarzMarkerPicture
{
  GObject            parent_instance;

  /* owned */
  MarzMarkerPainter *painter;      /* used by the paint in flight, if any */
  GCancellable      *cancellable;
  GskRenderNode     *node;         /* NULL until a paint arrives */

  gboolean           painting;
  MarzMarkerPicturePlace place;
  int                scale;
  double             text_scale;
  guint              placement;
};

G_DEFINE_FINAL_TYPE (MarzMarkerPicture, marz_marker_picture, G_TYPE_OBJECT)

enum {
  PAINTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a worker paints, and what it gives back. */
typedef struct
{
  GArray               *sprites;   /* MarzMarkerSprite, in logical px from the place's top left */
  MarzMarkerPicturePlace place;
  int                   scale;
  double                text_scale;
  guint                 placement;
  MarzMarkerPictureKind kind;
  cairo_surface_t      *image;     /* the result */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_array_unref (job->sprites);
  g_clear_pointer (&job->image, cairo_surface_destroy);
  g_free (job);
}

static void
paint_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MarzMarkerPicture *self = source_object;
  Job *job = task_data;
  const MarzMarkerSprite *sprites = (const MarzMarkerSprite *) (void *) job->sprites->data;
  gint64 start = g_get_monotonic_time ();
  guint drawn = marz_marker_painter_get_n_drawn (self->painter);

  marz_marker_painter_set_text_scale (self->painter, job->text_scale);
  job->image = marz_marker_painter_paint (self->painter, sprites, job->sprites->len,
                                          job->place.width, job->place.height, job->scale);
  g_debug ("painted %u markers (%u new looks, text × %.2f), %d × %d px, in %.2f ms", job->sprites->len,
           marz_marker_painter_get_n_drawn (self->painter) - drawn, job->text_scale,
           job->place.width, job->place.height, (g_get_monotonic_time () - start) / 1000.0);
  g_task_return_boolean (task, TRUE);
}

static GskRenderNode *
image_node (Job *job)
{
  GskRenderNode *node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, job->place.width, job->place.height));
  cairo_t *cr = gsk_cairo_node_get_draw_context (node);

  cairo_set_source_surface (cr, job->image, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  return node;
}

static GskRenderNode *
texture_node (Job *job)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *image = job->image;

  cairo_surface_flush (image);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (image),
                                      (gsize) cairo_image_surface_get_stride (image)
                                      * cairo_image_surface_get_height (image),
                                      (GDestroyNotify) cairo_surface_destroy, cairo_surface_reference (image));
  texture = gdk_memory_texture_new (cairo_image_surface_get_width (image), cairo_image_surface_get_height (image),
                                    GDK_MEMORY_DEFAULT, bytes, cairo_image_surface_get_stride (image));
  return gsk_texture_node_new (texture, &GRAPHENE_RECT_INIT (0, 0, job->place.width, job->place.height));
}

static void
on_painted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  MarzMarkerPicture *self = MARZ_MARKER_PICTURE (object);
  Job *job = g_task_get_task_data (G_TASK (result));

  self->painting = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), NULL) || g_cancellable_is_cancelled (self->cancellable))
    return;
  g_clear_pointer (&self->node, gsk_render_node_unref);
  self->node = job->kind == MARZ_MARKER_PICTURE_TEXTURE ? texture_node (job) : image_node (job);
  self->place = job->place;
  self->scale = job->scale;
  self->text_scale = job->text_scale;
  self->placement = job->placement;
  g_signal_emit (self, signals[PAINTED], 0);
}

static void
marz_marker_picture_dispose (GObject *object)
{
  MarzMarkerPicture *self = MARZ_MARKER_PICTURE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->node, gsk_render_node_unref);
  G_OBJECT_CLASS (marz_marker_picture_parent_class)->dispose (object);
}

static void
marz_marker_picture_finalize (GObject *object)
{
  MarzMarkerPicture *self = MARZ_MARKER_PICTURE (object);

  /* A paint in flight holds a reference: none is running now. */
  g_clear_pointer (&self->painter, marz_marker_painter_free);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (marz_marker_picture_parent_class)->finalize (object);
}

static void
marz_marker_picture_class_init (MarzMarkerPictureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = marz_marker_picture_dispose;
  object_class->finalize = marz_marker_picture_finalize;

  /**
   * MarzMarkerPicture::painted:
   *
   * A new node is in place.
   */
  signals[PAINTED] = g_signal_new ("painted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
marz_marker_picture_init (MarzMarkerPicture *self)
{
  self->painter = marz_marker_painter_new ();
  self->cancellable = g_cancellable_new ();
}

MarzMarkerPicture *
marz_marker_picture_new (void)
{
  return g_object_new (MARZ_TYPE_MARKER_PICTURE, NULL);
}

/* One paint runs at a time: ask again once it has arrived. */
gboolean
marz_marker_picture_is_painting (MarzMarkerPicture *self)
{
  g_return_val_if_fail (MARZ_IS_MARKER_PICTURE (self), FALSE);
  return self->painting;
}

/**
 * marz_marker_picture_paint:
 * @sprites: (transfer full): the markers, in logical px from @place's top left
 * @place: what the picture covers
 * @text_scale: the counts' size over the style's (the desktop's text
 *   scaling)
 * @placement: the caller's count of its markers' moves, given back
 *
 * Starts painting @sprites in a worker; ::painted follows.
 */
void
marz_marker_picture_paint (MarzMarkerPicture     *self,
                           GArray                *sprites,
                           const MarzMarkerPicturePlace *place,
                           int                    scale,
                           double                 text_scale,
                           guint                  placement,
                           MarzMarkerPictureKind  kind)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (MARZ_IS_MARKER_PICTURE (self));
  g_return_if_fail (!self->painting);
  g_return_if_fail (place->width >= 1 && place->height >= 1 && scale >= 1);
  g_return_if_fail (text_scale >= 0.5 && text_scale <= 4.0);

  job = g_new0 (Job, 1);
  job->sprites = sprites;
  job->place = *place;
  job->text_scale = text_scale;
  job->scale = scale;
  job->placement = placement;
  job->kind = kind;
  self->painting = TRUE;
  task = g_task_new (self, self->cancellable, on_painted_cb, NULL);
  g_task_set_source_tag (task, marz_marker_picture_paint);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, paint_thread);
}

/* Returns: (transfer none) (nullable): the last picture painted */
GskRenderNode *
marz_marker_picture_get_node (MarzMarkerPicture *self)
{
  g_return_val_if_fail (MARZ_IS_MARKER_PICTURE (self), NULL);
  return self->node;
}

const MarzMarkerPicturePlace *
marz_marker_picture_get_place (MarzMarkerPicture *self)
{
  g_return_val_if_fail (MARZ_IS_MARKER_PICTURE (self), NULL);
  return &self->place;
}

int
marz_marker_picture_get_scale (MarzMarkerPicture *self)
{
  g_return_val_if_fail (MARZ_IS_MARKER_PICTURE (self), 0);
  return self->scale;
}

double
marz_marker_picture_get_text_scale (MarzMarkerPicture *self)
{
  g_return_val_if_fail (MARZ_IS_MARKER_PICTURE (self), 0);
  return self->text_scale;
}

guint
marz_marker_picture_get_placement (MarzMarkerPicture *self)
{
  g_return_val_if_fail (MARZ_IS_MARKER_PICTURE (self), 0);
  return self->placement;
}

/* Drops the picture shown (no markers left); a paint in flight still
 * arrives. */
void
marz_marker_picture_clear (MarzMarkerPicture *self)
{
  g_return_if_fail (MARZ_IS_MARKER_PICTURE (self));
  g_clear_pointer (&self->node, gsk_render_node_unref);
}

/* For the owner's dispose, on the UI thread: no ::painted any more, and
 * the node let go here, not where the last reference may go. */
void
marz_marker_picture_cancel (MarzMarkerPicture *self)
{
  g_return_if_fail (MARZ_IS_MARKER_PICTURE (self));
  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->node, gsk_render_node_unref);
}
