/* marz-window-private.h: what marz-window*.c share */
#pragma once

#include "marz-window.h"

#include "marz-article-view.h"
#include "marz-basemap.h"
#include "marz-export-dialog.h"
#include "marz-gazetteer.h"
#include "marz-store.h"
#include "marz-tile-source.h"
#include "marz-timeline.h"
#include "marz-view-model.h"

G_BEGIN_DECLS

struct _MarzWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  AdwFlap              *flap;
  GtkListBox           *places_list;
  GtkPaned             *paned;
  ShumateSimpleMap     *simple_map;
  GtkWidget            *article_pane;
  MarzArticleView      *article_view;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkMenuButton        *filter_button;
  MarzTimeline         *timeline;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *sidebar_stack;
  GtkListBox           *search_list;
  GtkLabel             *search_status;

  /* owned */
  MarzViewModel        *model;          /* what every view shows */
  GSettings            *settings;
  char                 *database_path;
  MarzStore            *store;          /* main thread only: popovers, articles */
  MarzStore            *load_store;     /* a reader for the markers' loads, one at a time, in workers */
  MarzGazetteer        *gazetteer;
  MarzBasemap          *basemap;
  MarzTileSource       *tile_source;
  ShumateMapLayer      *online_layer;   /* NULL while offline */
  MarzMarkerLayer      *marker_layer;
  GPtrArray            *outline_layers; /* ShumatePathLayer, every outline's, in the order made (lowest first) */
  GHashTable           *outlines;       /* province id → its outline's layers (marz-window-markers.c) */
  GHashTable           *place_rows;     /* place id → its row in places_list */
  GHashTable           *timeline_cache; /* filters' key → MarzTimelineData, since the store last changed */
  guint                 marks_generation; /* counts the times new incidents came (imports) */
  GCancellable         *cancellable;    /* fires when the window closes */
  GCancellable         *load_cancellable;
  GtkWidget            *popover;        /* weak: the marker's open popover */
  char                 *selected_place;
  char                 *error;          /* why the window cannot show a map */
  GPtrArray            *selected_incidents;
  GPtrArray            *import_errors;  /* char *: «file: why» */
  GPtrArray            *marks;          /* MarzIncident without reports, as the timeline has them */
  GPtrArray            *search_hits;    /* MarzSearchHit, the last search's */
  gpointer              search_task_data; /* the search running, or NULL */

  guint                 places_sorted : 1;  /* places_list has its sort function */
  guint                 importing : 1;
  guint                 loading : 1;
  guint                 reload_pending : 1;
  guint                 marks_pending : 1;  /* the next load also reads the timeline's marks */
  guint                 following_model : 1; /* the window itself is changing the selection */
  guint                 keep_article : 1;    /* the reader chose the incident: stay in its article */
};

/* marz-window.c */
const char *_marz_window_ui_language (void);
void     _marz_window_set_loading    (MarzWindow *self,
                                      gboolean    loading);

/* marz-window-markers.c */
void     _marz_window_class_init_markers (GtkWidgetClass *widget_class);
void     _marz_window_setup_markers  (MarzWindow *self);
MarzIncident *_marz_window_find_mark (MarzWindow *self,
                                      gint64      id);
void     _marz_window_reload_markers (MarzWindow *self);
void     _marz_window_reload         (MarzWindow *self,
                                      gboolean    with_marks);
void     _marz_window_toast          (MarzWindow *self,
                                      const char *message);

/* marz-window-places.c */
void     _marz_window_outline_free   (gpointer    outline);
void     _marz_window_update_outlines (MarzWindow    *self,
                                       MarzMarkerSet *set);
void     _marz_window_update_places_list (MarzWindow    *self,
                                          MarzMarkerSet *set);

/* marz-window-import.c */
void     _marz_window_class_init_import (GtkWidgetClass *widget_class);
void     _marz_window_import_paths   (MarzWindow         *self,
                                      const char * const *paths,
                                      gboolean            bundled);
void     _marz_window_show_import_errors (MarzWindow *self);
void     _marz_window_show_loading   (MarzWindow *self,
                                      gboolean    loading);

/* marz-window-search.c */
void     _marz_window_class_init_search (GtkWidgetClass *widget_class);
void     _marz_window_search         (MarzWindow *self);

/* marz-window-export.c */
void     _marz_window_class_init_export (GtkWidgetClass *widget_class);
MarzExportDialog *_marz_window_export_map (MarzWindow *self);
void     _marz_window_export_incidents (MarzWindow *self,
                                        const char *path);

/* marz-window-compare.c */
void     _marz_window_class_init_compare (GtkWidgetClass *widget_class);
void     _marz_window_setup_compare  (MarzWindow *self);

/* marz-window-online.c */
void     _marz_window_class_init_online (GtkWidgetClass *widget_class);
void     _marz_window_set_online     (MarzWindow *self,
                                      gboolean    online);

G_END_DECLS
