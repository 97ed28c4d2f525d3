/* marz-marker-style.h: how an incident marker looks, in the window and in exports
 *
 * One source of truth for colours and sizes, so that a snapshot exported by
 * the core shows what the map showed.
 */
#pragma once

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

G_END_DECLS
