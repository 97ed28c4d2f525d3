/* marz-timeline-data.h: what a timeline draws, built away from the UI thread
 *
 * The marks of the incidents sorted and binned by day and type, as
 * marz_timeline_set_data() swaps them in.  Building one touches no widget
 * and no GTK state: a worker builds it from what
 * marz_store_list_incident_marks() gives, and the main thread only swaps
 * the pointer.  Immutable once built; reference counted (atomically), so
 * a worker may hand it over and drop its own reference.
 */
#pragma once

#include <glib-object.h>

#include "marz-store.h"

G_BEGIN_DECLS

typedef struct _MarzTimelineData MarzTimelineData;

#define MARZ_TYPE_TIMELINE_DATA (marz_timeline_data_get_type ())

GType             marz_timeline_data_get_type       (void) G_GNUC_CONST;
MarzTimelineData *marz_timeline_data_new            (GArray           *marks);
MarzTimelineData *marz_timeline_data_ref            (MarzTimelineData *self);
void              marz_timeline_data_unref          (MarzTimelineData *self);
guint             marz_timeline_data_get_n_marks    (MarzTimelineData *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzTimelineData, marz_timeline_data_unref)

G_END_DECLS
