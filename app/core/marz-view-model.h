/* marz-view-model.h: what the window shows, in one GTK-free object
 *
 * Every view of the window (map, timeline, lists, reader, search) observes
 * one MarzViewModel and changes it; none talks to another.  It holds the
 * filters (date range, incident types, language, place, diplomacy), the
 * search text and the selection, and emits ::changed once per change with
 * what changed, so that each view does only the work it must.  Being free of
 * GTK, it is tested without a display.
 *
 * Every setter that changes something notifies its properties, then emits
 * ::changed once; one that changes nothing emits nothing.  Between
 * marz_view_model_freeze() and the matching thaw, notifications wait and
 * ::changed is emitted once, at the last thaw, with every flag that changed.
 * (g_object_set() holds notifications back until it returns: there,
 * ::changed comes first.)  An empty string counts as NULL.
 *
 * Changing a filter never drops the selection: the model has no store, so
 * it cannot know whether the selected incident still passes; a view that
 * cares asks marz_view_model_accepts() or the store.  The model belongs to
 * the main thread.
 */
#pragma once

#include <glib-object.h>

#include "marz-incident.h"

G_BEGIN_DECLS

#define MARZ_VIEW_MODEL_ERROR (marz_view_model_error_quark ())

typedef enum
{
  MARZ_VIEW_MODEL_ERROR_INVALID_DATE,    /* not a real "YYYY-MM-DD" date */
  MARZ_VIEW_MODEL_ERROR_REVERSED_RANGE,  /* from after to */
} MarzViewModelError;

typedef enum
{
  MARZ_VIEW_CHANGED_RANGE     = 1 << 0,  /* from / to */
  MARZ_VIEW_CHANGED_FILTER    = 1 << 1,  /* types, language, place, diplomacy */
  MARZ_VIEW_CHANGED_SEARCH    = 1 << 2,  /* search text */
  MARZ_VIEW_CHANGED_SELECTION = 1 << 3,  /* selected incident, article, evidence */
} MarzViewChange;

#define MARZ_TYPE_VIEW_CHANGE (marz_view_change_get_type ())
GType          marz_view_change_get_type          (void) G_GNUC_CONST;

/* Every incident type: the default of MarzViewModel:types. */
#define MARZ_VIEW_ALL_TYPES ((1u << MARZ_N_INCIDENT_TYPES) - 1)

#define MARZ_TYPE_VIEW_MODEL (marz_view_model_get_type ())
G_DECLARE_FINAL_TYPE (MarzViewModel, marz_view_model, MARZ, VIEW_MODEL, GObject)

GQuark         marz_view_model_error_quark        (void);
MarzViewModel *marz_view_model_new                (void);

/* Date range, inclusive "YYYY-MM-DD" bounds; NULL for open ends. */
const char    *marz_view_model_get_from           (MarzViewModel  *self);
const char    *marz_view_model_get_to             (MarzViewModel  *self);
gboolean       marz_view_model_set_range          (MarzViewModel  *self,
                                                   const char     *from,
                                                   const char     *to,
                                                   GError        **error);

/* Filters. */
guint          marz_view_model_get_types          (MarzViewModel  *self);
void           marz_view_model_set_types          (MarzViewModel  *self,
                                                   guint           types);
const char    *marz_view_model_get_language       (MarzViewModel  *self);
void           marz_view_model_set_language       (MarzViewModel  *self,
                                                   const char     *language);
const char    *marz_view_model_get_place          (MarzViewModel  *self);
void           marz_view_model_set_place          (MarzViewModel  *self,
                                                   const char     *place_id);
gboolean       marz_view_model_get_show_diplomacy (MarzViewModel  *self);
void           marz_view_model_set_show_diplomacy (MarzViewModel  *self,
                                                   gboolean        show);

/* Search. */
const char    *marz_view_model_get_search_text    (MarzViewModel  *self);
void           marz_view_model_set_search_text    (MarzViewModel  *self,
                                                   const char     *text);

/* Selection: an incident (0 for none), and the article and evidence shown. */
gint64         marz_view_model_get_selected_incident (MarzViewModel *self);
void           marz_view_model_select_incident    (MarzViewModel  *self,
                                                   gint64          incident_id);
const char    *marz_view_model_get_article        (MarzViewModel  *self);
gboolean       marz_view_model_get_evidence       (MarzViewModel  *self,
                                                   guint          *start,
                                                   guint          *end);
void           marz_view_model_show_article       (MarzViewModel  *self,
                                                   const char     *article,
                                                   guint           start,
                                                   guint           end);

/* Several changes, one ::changed. */
void           marz_view_model_freeze             (MarzViewModel  *self);
void           marz_view_model_thaw               (MarzViewModel  *self);
void           marz_view_model_reset_filters      (MarzViewModel  *self);

/* The store's filter for what the views show. */
void           marz_view_model_fill_filter        (MarzViewModel      *self,
                                                   MarzIncidentFilter *filter);
gboolean       marz_view_model_accepts            (MarzViewModel      *self,
                                                   const MarzIncident *incident);

G_END_DECLS
