/* marz-timeline-private.h: what the timeline's files share, and its tests reach
 *
 * marz-timeline.c owns the object, its view of the axis and its public API;
 * marz-timeline-model.c the model's range and selection, the cursor and
 * play; marz-timeline-data.c the incidents; marz-timeline-input.c what the pointer
 * and keys do; marz-timeline-draw.c geometry, the columns marks are gathered
 * into, hit testing and drawing; marz-timeline-labels.c the words.
 *
 * Days are counted from 1970-01-01 (day 0) in the proleptic Gregorian
 * calendar; day d covers [d, d + 1) on the axis.  Positions along the axis
 * are "u": logical pixels from the widget's start edge (left in LTR, right
 * in RTL), so that only the last step, to x, knows about the direction.
 */
#pragma once

#include "marz-timeline.h"
#include "marz-timeline-data.h"

G_BEGIN_DECLS

#define TIMELINE_N_TRACKS      2
#define TIMELINE_NO_DAY        G_MININT32

/* Layout, in logical pixels. */
#define TIMELINE_PAD           6    /* around the play button and the axis */
#define TIMELINE_TRACK_HEIGHT  32
#define TIMELINE_TRACK_GAP     4
#define TIMELINE_TRACKS_HEIGHT (2 * TIMELINE_TRACK_HEIGHT + TIMELINE_TRACK_GAP + TIMELINE_PAD)

typedef struct
{
  gint64  id;
  gint32  first;          /* day */
  gint32  last;           /* inclusive; == first for a day */
  guint8  type;           /* MarzIncidentType */
} TimelineMark;

/* The incidents of one track on the same day (or the same month or year). */
typedef struct
{
  gint32  first;
  gint32  last;
  guint32 start;          /* the first of them in the track's marks */
  guint32 n;
  guint32 counts[MARZ_N_INCIDENT_TYPES];
} TimelineBin;

typedef struct
{
  GArray *day_marks;      /* TimelineMark of a day, by day then type */
  GArray *days;           /* TimelineBin of each day with incidents, by day */
  GArray *span_marks;     /* TimelineMark of a month or year, by first, last, type, id */
  GArray *spans;          /* TimelineBin of each month or year, by first */
  gint32  longest_span;   /* days: how long before the view a visible span may start */
} TimelineTrack;

/* What the strip draws (marz-timeline-data.c): immutable once built, so
 * a worker builds it and the timeline only swaps it in. */
struct _MarzTimelineData
{
  TimelineTrack tracks[TIMELINE_N_TRACKS];
  gint32        first;    /* the incidents' days, or TIMELINE_NO_DAY */
  gint32        last;
};

/* Bins gathered for drawing: a day each when days are wide enough to tell
 * apart, else every few pixels. */
typedef struct
{
  float   u;
  float   width;
  gint32  first;
  gint32  last;
  guint32 n;
  guint32 counts[MARZ_N_INCIDENT_TYPES];
} TimelineColumn;

typedef struct
{
  float width;
  float height;
  float axis_start;       /* u */
  float axis_end;
  float header;           /* tick labels and ticks, above the tracks */
  float track_top[TIMELINE_N_TRACKS];
  float stack_height;     /* of the marks, from the top of a track */
  float lane_top;         /* of month and year bars, from the top of a track */
  float lane_height;
} TimelineGeometry;

typedef enum
{
  DRAG_NONE,
  DRAG_SELECT,
  DRAG_PAN,
} TimelineDrag;

struct _MarzTimeline
{
  GtkWidget      parent_instance;

  /* template widgets */
  GtkWidget     *play_button;

  /* owned */
  MarzViewModel *model;
  MarzTimelineData *data;                     /* never NULL */
  GArray        *columns[TIMELINE_N_TRACKS];  /* scratch, TimelineColumn */
  char          *locale;                      /* decides the Solar Hijri line */
  gboolean       solar;                       /* whether @locale dates by it */

  gulong         model_changed_id;
  gint32         limit_first;                 /* how far the view may go: whole months */
  gint32         limit_last;

  /* the view */
  double         view_start;                  /* the day at the axis's start */
  double         px_per_day;
  gint32         pending_first;               /* shown once the width is known */
  gint32         pending_last;
  double         visible_days;                /* kept when the width changes */
  float          header_height;
  float          start_width;                 /* the play button's column */

  /* the range, the selection, the cursor */
  gint32         range_first;                 /* from the model; NO_DAY for an open end */
  gint32         range_last;
  gint64         selected_id;
  int            selected_track;              /* -1 when not among the incidents */
  TimelineMark   selected;
  gint32         cursor;
  gint32         anchor;                      /* where Shift+arrows started, or NO_DAY */

  /* pointer */
  TimelineDrag   drag;
  double         drag_x;
  double         drag_y;
  double         drag_view_start;
  gint32         drag_first;                  /* the range being dragged */
  gint32         drag_last;
  double         pinch_px_per_day;
  double         pinch_u;

  /* play */
  guint          play_source;
  gint32         play_day;
  gint32         play_first;
  gint32         play_last;
  gint32         play_set_first;              /* the range play last gave the model */
  gint32         play_set_last;
};

/* Days (marz-timeline-data.c). */
gint32   _marz_timeline_day_from_civil   (int                     year,
                                          int                     month,
                                          int                     day);
void     _marz_timeline_civil_from_day   (gint32                  day,
                                          int                    *year,
                                          int                    *month,
                                          int                    *mday);
gboolean _marz_timeline_parse_date       (const char             *date,
                                          MarzDatePrecision       precision,
                                          gint32                 *first,
                                          gint32                 *last);
char    *_marz_timeline_format_day       (gint32                  day);
gint32   _marz_timeline_parse_day        (const char             *date);
int      _marz_timeline_weekday          (gint32                  day);

/* The incidents (marz-timeline-data.c). */
MarzTimelineData *
         _marz_timeline_data_new_from_incidents (GPtrArray      *incidents);
void     _marz_timeline_set_limits       (MarzTimeline           *self);
const TimelineMark *
         _marz_timeline_find_mark        (MarzTimeline           *self,
                                          gint64                  id,
                                          int                    *track);
guint    _marz_timeline_lower_bound      (GArray                 *bins,
                                          gint32                  day);

/* Geometry and drawing (marz-timeline-draw.c). */
float    _marz_timeline_measure_header   (MarzTimeline           *self);
float    _marz_timeline_measure_names    (MarzTimeline           *self);
void     _marz_timeline_get_geometry     (MarzTimeline           *self,
                                          TimelineGeometry       *geometry);
double   _marz_timeline_u_for_day        (MarzTimeline           *self,
                                          const TimelineGeometry *geometry,
                                          double                  day);
double   _marz_timeline_day_at_u         (MarzTimeline           *self,
                                          const TimelineGeometry *geometry,
                                          double                  u);
double   _marz_timeline_u_from_x         (MarzTimeline           *self,
                                          double                  x);
void     _marz_timeline_visible_days     (MarzTimeline           *self,
                                          const TimelineGeometry *geometry,
                                          gint32                 *first,
                                          gint32                 *last);
const TimelineMark *
         _marz_timeline_mark_at          (MarzTimeline           *self,
                                          double                  x,
                                          double                  y);
void     _marz_timeline_snapshot         (GtkWidget              *widget,
                                          GtkSnapshot            *snapshot);
double   _marz_timeline_track_y          (MarzTimeline           *self,
                                          MarzIncidentCategory    category);

/* The view and the play button (marz-timeline.c). */
void     _marz_timeline_clamp_view       (MarzTimeline           *self);
void     _marz_timeline_scroll_to_day    (MarzTimeline           *self,
                                          gint32                  day);
void     _marz_timeline_set_play_state   (MarzTimeline           *self,
                                          gboolean                playing);

/* The model, the cursor and play (marz-timeline-model.c). */
void     _marz_timeline_set_cursor       (MarzTimeline           *self,
                                          gint32                  day);
void     _marz_timeline_set_range        (MarzTimeline           *self,
                                          gint32                  first,
                                          gint32                  last);
void     _marz_timeline_select           (MarzTimeline           *self,
                                          gint64                  id);
void     _marz_timeline_update_description (MarzTimeline         *self);
void     _marz_timeline_sync_range       (MarzTimeline           *self);
void     _marz_timeline_sync_selection   (MarzTimeline           *self,
                                          gboolean                reveal);
void     _marz_timeline_start_playing    (MarzTimeline           *self);
void     _marz_timeline_stop_playing     (MarzTimeline           *self);

/* Pointer and keys (marz-timeline-input.c). */
void     _marz_timeline_class_init_input (GtkWidgetClass         *widget_class);
void     _marz_timeline_init_input       (MarzTimeline           *self);

/* Words (marz-timeline-labels.c). */
PangoLayout *
         _marz_timeline_label_layout     (MarzTimeline           *self,
                                          const char             *text);
const char *
         _marz_timeline_track_name       (guint                   track);
gint32   _marz_timeline_next_tick        (gint32                  day,
                                          MarzTimelineTickUnit    unit);
gboolean _marz_timeline_tick_wants_year  (gint32                  day,
                                          MarzTimelineTickUnit    unit,
                                          gboolean                first);
char    *_marz_timeline_tick_label       (MarzTimeline           *self,
                                          gint32                  day,
                                          MarzTimelineTickUnit    unit,
                                          gboolean                with_year);
MarzTimelineTickUnit
         _marz_timeline_tick_unit_for    (MarzTimeline           *self,
                                          double                  px_per_day);
char   **_marz_timeline_get_tick_labels  (MarzTimeline           *self);
char    *_marz_timeline_describe_day     (MarzTimeline           *self,
                                          gint32                  day);

/* What the gestures, keys and play timer call, and the tests too. */
void     _marz_timeline_select_between_x (MarzTimeline           *self,
                                          double                  x1,
                                          double                  x2);
void     _marz_timeline_click            (MarzTimeline           *self,
                                          double                  x,
                                          double                  y);
void     _marz_timeline_zoom_around      (MarzTimeline           *self,
                                          double                  factor,
                                          double                  x);
void     _marz_timeline_pan              (MarzTimeline           *self,
                                          double                  dx);
gboolean _marz_timeline_play_step        (MarzTimeline           *self);
char    *_marz_timeline_get_cursor       (MarzTimeline           *self);
gboolean _marz_timeline_get_shaded_range (MarzTimeline           *self,
                                          char                  **from,
                                          char                  **to);
gint64   _marz_timeline_get_marked       (MarzTimeline           *self);
void     _marz_timeline_set_locale       (MarzTimeline           *self,
                                          const char             *locale);

G_END_DECLS
