/* marz-marker-style-private.h: the marker style for core's own painters */
#pragma once

#include <pango/pangocairo.h>

#include "marz-marker-style.h"

G_BEGIN_DECLS

/* The counts' font at @text_scale times its size (free it), for a layout
 * to be passed below. */
PangoFontDescription *_marz_marker_style_new_count_font (double text_scale);

/* The parts of marz_marker_style_draw_place() and _cluster(), for a
 * painter that keeps each disc and draws only the count on a copy
 * (marz-marker-painter.c): the disc and its ring, whether a count shows,
 * and the count, laid out with @layout (or a new one if NULL). */
void     _marz_marker_style_draw_disc   (cairo_t          *cr,
                                         double            x,
                                         double            y,
                                         double            radius,
                                         gboolean          is_cluster,
                                         MarzIncidentType  type);
gboolean _marz_marker_style_shows_count (gboolean          is_cluster,
                                         guint64           n_incidents);
void     _marz_marker_style_draw_count  (cairo_t          *cr,
                                         double            x,
                                         double            y,
                                         guint64           n_incidents,
                                         PangoLayout      *layout);

G_END_DECLS
