/* marz-place-popover.h: a place's incidents and their reports, from its marker */
#pragma once

#include <gtk/gtk.h>

#include "marz-incident.h"

G_BEGIN_DECLS

#define MARZ_TYPE_PLACE_POPOVER (marz_place_popover_get_type ())
G_DECLARE_FINAL_TYPE (MarzPlacePopover, marz_place_popover, MARZ, PLACE_POPOVER, GtkPopover)

GtkWidget *marz_place_popover_new           (const char       *place_name,
                                             GPtrArray        *incidents);
GPtrArray *marz_place_popover_get_incidents (MarzPlacePopover *self);
void       marz_place_popover_set_total     (MarzPlacePopover *self,
                                             guint             total);
guint      marz_place_popover_get_total     (MarzPlacePopover *self);
guint      marz_place_popover_get_n_loaded  (MarzPlacePopover *self);
guint      marz_place_popover_get_n_paged   (MarzPlacePopover *self);
void       marz_place_popover_set_n_pinned  (MarzPlacePopover *self,
                                             guint             n_pinned);
void       marz_place_popover_page_failed   (MarzPlacePopover *self);
void       marz_place_popover_add_incidents (MarzPlacePopover *self,
                                             GPtrArray        *page);

G_END_DECLS
