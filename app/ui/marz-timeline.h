/* marz-timeline.h: the incidents on a date axis, under the map
 *
 * A strip with a date axis from the earliest to the latest incident and one
 * mark per incident, coloured by type, on two tracks: violence above,
 * diplomacy below.  It observes a MarzViewModel and changes it: dragging
 * across the axis sets the date range, clicking a mark selects the incident,
 * the play button steps the range through time.  Dates passed in and out are
 * "YYYY-MM-DD" strings, as the model's.
 */
#pragma once

#include <gtk/gtk.h>

#include "marz-store.h"
#include "marz-timeline-data.h"
#include "marz-view-model.h"

G_BEGIN_DECLS

typedef enum
{
  MARZ_TIMELINE_TICK_DAY,
  MARZ_TIMELINE_TICK_WEEK,
  MARZ_TIMELINE_TICK_MONTH,
  MARZ_TIMELINE_TICK_YEAR,
} MarzTimelineTickUnit;

#define MARZ_TYPE_TIMELINE (marz_timeline_get_type ())
G_DECLARE_FINAL_TYPE (MarzTimeline, marz_timeline, MARZ, TIMELINE, GtkWidget)

GtkWidget            *marz_timeline_new               (void);
MarzViewModel        *marz_timeline_get_model         (MarzTimeline   *self);
void                  marz_timeline_set_model         (MarzTimeline   *self,
                                                       MarzViewModel  *model);
void                  marz_timeline_set_incidents     (MarzTimeline   *self,
                                                       GPtrArray      *incidents);
void                  marz_timeline_set_marks         (MarzTimeline   *self,
                                                       GArray         *marks);
void                  marz_timeline_set_data          (MarzTimeline   *self,
                                                       MarzTimelineData *data);
guint                 marz_timeline_get_n_marks       (MarzTimeline   *self);
gboolean              marz_timeline_get_playing       (MarzTimeline   *self);
void                  marz_timeline_set_playing       (MarzTimeline   *self,
                                                       gboolean        playing);

/* The axis: what it shows, and where. */
void                  marz_timeline_zoom_to           (MarzTimeline   *self,
                                                       const char     *from,
                                                       const char     *to);
void                  marz_timeline_get_visible_range (MarzTimeline   *self,
                                                       char          **from,
                                                       char          **to);
double                marz_timeline_x_for_date        (MarzTimeline   *self,
                                                       const char     *date);
char                 *marz_timeline_date_at_x         (MarzTimeline   *self,
                                                       double          x);
MarzTimelineTickUnit  marz_timeline_get_tick_unit     (MarzTimeline   *self);

G_END_DECLS
