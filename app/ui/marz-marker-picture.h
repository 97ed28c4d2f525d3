/* marz-marker-picture.h: the marker layer's markers, painted by a worker */
#pragma once

#include <gtk/gtk.h>

#include "marz-marker-painter.h"

G_BEGIN_DECLS

#define MARZ_TYPE_MARKER_PICTURE (marz_marker_picture_get_type ())
G_DECLARE_FINAL_TYPE (MarzMarkerPicture, marz_marker_picture, MARZ, MARKER_PICTURE, GObject)

/* The node the picture becomes, for the renderer that draws it. */
typedef enum
{
  MARZ_MARKER_PICTURE_TEXTURE,   /* a texture: GL uploads it once */
  MARZ_MARKER_PICTURE_CAIRO,     /* a cairo node: GTK 4.8's cairo renderer
                                  * converts a texture's pixels every frame */
} MarzMarkerPictureKind;

/* Where a picture lies on the map, in world px at @zoom: doubles, since at
 * zoom 20 the world is 268 million px wide, beyond a float's whole pixels. */
typedef struct
{
  double x;       /* its top left */
  double y;
  int    width;   /* its size, logical px */
  int    height;
  double zoom;
} MarzMarkerPicturePlace;

MarzMarkerPicture *marz_marker_picture_new           (void);
gboolean           marz_marker_picture_is_painting   (MarzMarkerPicture     *self);
void               marz_marker_picture_paint         (MarzMarkerPicture     *self,
                                                      GArray                *sprites,
                                                      const MarzMarkerPicturePlace *place,
                                                      int                    scale,
                                                      double                 text_scale,
                                                      guint                  placement,
                                                      MarzMarkerPictureKind  kind);
GskRenderNode     *marz_marker_picture_get_node      (MarzMarkerPicture     *self);
const MarzMarkerPicturePlace *marz_marker_picture_get_place (MarzMarkerPicture *self);
int                marz_marker_picture_get_scale     (MarzMarkerPicture     *self);
double             marz_marker_picture_get_text_scale (MarzMarkerPicture    *self);
guint              marz_marker_picture_get_placement (MarzMarkerPicture     *self);
void               marz_marker_picture_clear         (MarzMarkerPicture     *self);
void               marz_marker_picture_cancel        (MarzMarkerPicture     *self);

G_END_DECLS
