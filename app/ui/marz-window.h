/* marz-window.h: the main window: the map of incidents */
#pragma once

#include <adwaita.h>

#include "marz-marker-layer.h"
#include "marz-view-model.h"

G_BEGIN_DECLS

#define MARZ_TYPE_WINDOW (marz_window_get_type ())
G_DECLARE_FINAL_TYPE (MarzWindow, marz_window, MARZ, WINDOW, AdwApplicationWindow)

MarzWindow      *marz_window_new                 (GtkApplication *application,
                                                  const char     *database_path);
const char      *marz_window_get_database_path   (MarzWindow     *self);
gboolean         marz_window_get_importing       (MarzWindow     *self);
gboolean         marz_window_get_loading         (MarzWindow     *self);
ShumateMap      *marz_window_get_map             (MarzWindow     *self);
MarzMarkerLayer *marz_window_get_marker_layer    (MarzWindow     *self);
const char      *marz_window_get_selected_place  (MarzWindow     *self);
GPtrArray       *marz_window_get_selected_incidents (MarzWindow  *self);
void             marz_window_select_place        (MarzWindow     *self,
                                                  const char     *place_id);
void             marz_window_open_report         (MarzWindow     *self,
                                                  const char     *article,
                                                  guint           start,
                                                  guint           end);
GtkWidget       *marz_window_get_article_view    (MarzWindow     *self);
guint            marz_window_get_n_outlines      (MarzWindow     *self);
gboolean         marz_window_get_online          (MarzWindow     *self);
const char      *marz_window_get_error           (MarzWindow     *self);
GPtrArray       *marz_window_get_import_errors   (MarzWindow     *self);
MarzViewModel   *marz_window_get_view_model      (MarzWindow     *self);
gboolean         marz_window_get_searching       (MarzWindow     *self);
GPtrArray       *marz_window_get_search_hits     (MarzWindow     *self);

G_END_DECLS
