/* marz-marker-painter.h: many markers painted into one image, fast */
#pragma once

#include <cairo.h>

#include "marz-incident.h"

G_BEGIN_DECLS

/* A marker to paint: where, and what marz-marker-style.h needs to draw it. */
typedef struct
{
  double           x;           /* its centre, logical px from the image's top left */
  double           y;
  double           radius;
  guint64          n_incidents;
  MarzIncidentType type;        /* a place's; unused for a cluster */
  gboolean         is_cluster;
} MarzMarkerSprite;

typedef struct _MarzMarkerPainter MarzMarkerPainter;

MarzMarkerPainter *marz_marker_painter_new      (void);
void               marz_marker_painter_free     (MarzMarkerPainter      *self);
cairo_surface_t   *marz_marker_painter_paint    (MarzMarkerPainter      *self,
                                                 const MarzMarkerSprite *sprites,
                                                 guint                   n_sprites,
                                                 int                     width,
                                                 int                     height,
                                                 int                     scale);
void               marz_marker_painter_set_text_scale (MarzMarkerPainter *self,
                                                 double                  text_scale);
guint              marz_marker_painter_get_n_drawn (MarzMarkerPainter   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzMarkerPainter, marz_marker_painter_free)

G_END_DECLS
