/* marz-marker.h: one place, or a cluster of places, on the map: a button */
#pragma once

#include <gtk/gtk.h>

#include "marz-incident.h"

G_BEGIN_DECLS

#define MARZ_TYPE_MARKER (marz_marker_get_type ())
G_DECLARE_FINAL_TYPE (MarzMarker, marz_marker, MARZ, MARKER, GtkButton)

GtkWidget       *marz_marker_new_place      (const char       *place_id,
                                             const char       *name,
                                             double            lat,
                                             double            lon,
                                             guint             n_incidents,
                                             MarzIncidentType  type,
                                             gint64            casualties);
GtkWidget       *marz_marker_new_cluster    (guint64           cluster_id,
                                             double            lat,
                                             double            lon,
                                             guint64           n_incidents,
                                             guint             n_places);
void             marz_marker_set_place      (MarzMarker       *self,
                                             const char       *place_id,
                                             const char       *name,
                                             double            lat,
                                             double            lon,
                                             guint             n_incidents,
                                             MarzIncidentType  type,
                                             gint64            casualties);
void             marz_marker_set_cluster    (MarzMarker       *self,
                                             guint64           cluster_id,
                                             double            lat,
                                             double            lon,
                                             guint64           n_incidents,
                                             guint             n_places);
gboolean         marz_marker_has_popover    (MarzMarker       *self);
gboolean         marz_marker_is_cluster     (MarzMarker       *self);
const char      *marz_marker_get_place_id   (MarzMarker       *self);
guint64          marz_marker_get_cluster_id (MarzMarker       *self);
const char      *marz_marker_get_label      (MarzMarker       *self);
guint64          marz_marker_get_count      (MarzMarker       *self);
MarzIncidentType marz_marker_get_kind       (MarzMarker       *self);
void             marz_marker_get_location   (MarzMarker       *self,
                                             double           *lat,
                                             double           *lon);
double           marz_marker_text_scale     (GtkWidget        *widget);
double           marz_marker_get_radius     (MarzMarker       *self);
void             marz_marker_set_popover    (MarzMarker       *self,
                                             GtkWidget        *popover);
void             marz_marker_present_popover (MarzMarker      *self);
void             marz_marker_popup          (MarzMarker       *self);

G_END_DECLS
