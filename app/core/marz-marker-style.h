/* marz-marker-style.h: how an incident marker looks, in the window and in exports
 *
 * One source of truth for colours and sizes, so that a snapshot exported by
 * the core shows what the map showed.
 */
#pragma once

#include <cairo.h>

#include "marz-incident.h"

G_BEGIN_DECLS

typedef struct
{
  double red;     /* 0 … 1 */
  double green;
  double blue;
} MarzRgb;

MarzRgb marz_marker_style_type_color     (MarzIncidentType type);
MarzRgb marz_marker_style_cluster_color  (void);
double  marz_marker_style_place_radius   (guint            n_incidents,
                                          gint64           casualties);
double  marz_marker_style_cluster_radius (guint64          n_incidents);

/* The white ring around every marker, inside its radius. */
#define MARZ_MARKER_STYLE_BORDER 2.0

/* Draw a marker centred on (@x, @y) in @cr's user space (logical px), as
 * the window draws it: a disc in the type's colour, a rounded square for
 * diplomacy, the count when there is more than one; a cluster is a dark
 * disc with its count. */
void    marz_marker_style_draw_place     (cairo_t         *cr,
                                          double           x,
                                          double           y,
                                          double           radius,
                                          MarzIncidentType type,
                                          guint64          n_incidents);
void    marz_marker_style_draw_cluster   (cairo_t         *cr,
                                          double           x,
                                          double           y,
                                          double           radius,
                                          guint64          n_incidents);

void    marz_marker_style_draw           (cairo_t         *cr,
                                          double           x,
                                          double           y,
                                          double           radius,
                                          gboolean         is_cluster,
                                          MarzIncidentType type,
                                          guint64          n_incidents,
                                          double           text_scale);

G_END_DECLS
