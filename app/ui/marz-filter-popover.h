/* marz-filter-popover.h: the window's filters, as controls on a MarzViewModel */
#pragma once

#include <gtk/gtk.h>

#include "marz-gazetteer.h"
#include "marz-view-model.h"

G_BEGIN_DECLS

#define MARZ_TYPE_FILTER_POPOVER (marz_filter_popover_get_type ())
G_DECLARE_FINAL_TYPE (MarzFilterPopover, marz_filter_popover, MARZ, FILTER_POPOVER, GtkPopover)

GtkWidget  *marz_filter_popover_new           (MarzViewModel     *model,
                                               MarzGazetteer     *gazetteer);
const char *marz_filter_popover_find_place    (MarzFilterPopover *self,
                                               const char        *name);
gboolean    marz_filter_popover_apply_text    (MarzFilterPopover *self,
                                               const char        *from,
                                               const char        *to,
                                               const char        *place);

G_END_DECLS
