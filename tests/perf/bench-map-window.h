/* bench-map-window.h: a map in a window that pans itself and times its frames */
#pragma once

#include <shumate/shumate.h>

#include "marz-basemap.h"

G_BEGIN_DECLS

#define BENCH_MAP_WIDTH  800
#define BENCH_MAP_HEIGHT 600

typedef struct
{
  gboolean measured;     /* every frame asked for was drawn */
  guint    n_frames;
  double   mean_ms;      /* intervals between frames */
  double   median_ms;
  double   p95_ms;
  double   max_ms;
  double   late;         /* fraction of intervals over 1.5 refresh intervals */
  double   work_p95_ms;  /* before-paint to the end of after-paint */
  double   move_max_ms;  /* the slowest move of the view: the layers' notify handlers */
  guint    widgets_max;  /* children of the layer, the most at once */
  guint    widgets_end;  /* … and at the end of the pan */
  guint    on_screen;    /* … of those, shown and inside the view at the end */
  guint    requeries;    /* MarzMarkerLayer's updates during the pan */
  double   cpu_ms;       /* the process's CPU time (all threads, llvmpipe's too) per frame */
  double   ui_cpu_ms;    /* … the UI thread's alone */
} BenchFrames;

typedef struct _BenchMapWindow BenchMapWindow;

void             bench_map_window_install_log_writer (void);
gint64           bench_map_window_get_refresh_us     (void);
const char      *bench_map_window_get_renderer       (void);
double           bench_percentile                    (GArray         *values,
                                                      double          p);
double           bench_median                        (GArray         *values);

BenchMapWindow  *bench_map_window_new                (MarzBasemap    *basemap);
void             bench_map_window_free               (BenchMapWindow *self);
ShumateViewport *bench_map_window_get_viewport       (BenchMapWindow *self);
void             bench_map_window_add_layer          (BenchMapWindow *self,
                                                      ShumateLayer   *layer);
gboolean         bench_map_window_show               (BenchMapWindow *self);
double           bench_map_window_time_first_frame   (BenchMapWindow *self,
                                                      gint64          since);
gboolean         bench_map_window_pan                (BenchMapWindow *self,
                                                      guint           n_frames,
                                                      BenchFrames    *frames);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchMapWindow, bench_map_window_free)

G_END_DECLS
