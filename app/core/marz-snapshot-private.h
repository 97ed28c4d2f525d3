/* marz-snapshot-private.h: what the marz-snapshot*.c files share
 *
 * The figure is laid out once per render into a MarzSnapshotFrame: where
 * the map is, at which zoom and origin, and what it shows.  The markers,
 * the furniture and the list each draw from it.
 */
#pragma once

#include <pango/pangocairo.h>

#include "marz-basemap-private.h"
#include "marz-marker-set.h"
#include "marz-output.h"
#include "marz-snapshot.h"

G_BEGIN_DECLS

#define MARZ_SNAPSHOT_TILE_SIZE 256
#define MARZ_SNAPSHOT_FONT      "Noto Sans,Noto Sans Arabic,Sans"

typedef enum
{
  MARZ_SNAPSHOT_VIEW_ALL,      /* frame every incident loaded */
  MARZ_SNAPSHOT_VIEW_CENTER,
  MARZ_SNAPSHOT_VIEW_BBOX,
} MarzSnapshotView;

struct _MarzSnapshot
{
  GObject                parent_instance;

  /* owned */
  MarzBasemap           *basemap;
  MarzIncidentFilter     filter;
  GPtrArray             *incidents;     /* MarzIncident, by date; NULL until loaded */
  MarzMarkerSet         *markers;       /* NULL until loaded */
  GHashTable            *sources;       /* article name → its source, or its name */
  char                  *title;
  char                  *subtitle;
  char                  *language;

  guint                  width;
  guint                  height;
  guint                  png_width;     /* 0: width × dpi / 96 */
  guint                  png_height;
  MarzSnapshotView       view;
  double                 lat, lon, zoom;
  double                 bbox[4];       /* min_lon, min_lat, max_lon, max_lat */
  MarzSnapshotFurniture  furniture;
};

/* One placed marker: a place or a cluster, with the list numbers under it. */
typedef struct
{
  double            x, y;               /* figure px */
  double            radius;
  gboolean          is_cluster;
  guint64           count;
  MarzIncidentType  type;               /* a place's; MARZ_N_INCIDENT_TYPES for a cluster */
  GArray           *numbers;            /* guint, the list's numbers of its incidents */
  GPtrArray        *places;             /* const char *, borrowed: its places' ids, a cluster's
                                         * in order of their list numbers */
  /* its name and number tag, as marz-snapshot-labels.c placed them */
  char             *name;               /* a place's, or a small cluster's one a line; or NULL */
  char             *tag;                /* the list's numbers, or NULL */
  MarzBox           name_box;           /* figure px, logical extents */
  MarzBox           tag_box;            /* the white tag's box */
  PangoAlignment    name_align;         /* the lines of a name, flush towards the marker */
} MarzSnapshotMark;

typedef struct
{
  /* the map, in figure px */
  double     map_x, map_y, map_width, map_height;
  double     zoom;
  double     origin_x, origin_y;        /* the map's top left, world px at @zoom */
  /* the list panel, empty without MARZ_SNAPSHOT_LIST */
  double     list_x, list_y, list_width, list_height;

  GArray    *marks;                     /* MarzSnapshotMark */
  GPtrArray *shown;                     /* MarzIncident (borrowed) in view, numbered from 1 */
  GPtrArray *outlines;                  /* MarzSnapshotOutline */
  guint      types_shown;               /* mask of 1 << MarzIncidentType */
  GArray    *furniture_boxes;           /* MarzBox, figure px: where the furniture's boxes go */
} MarzSnapshotFrame;

typedef struct
{
  GPtrArray        *rings;              /* GArray of MarzLatLon */
  MarzIncidentType  type;
} MarzSnapshotOutline;

void         _marz_snapshot_frame_init     (MarzSnapshot       *self,
                                            MarzSnapshotFrame  *frame);
void         _marz_snapshot_frame_clear    (MarzSnapshotFrame  *frame);
void         _marz_snapshot_frame_project  (const MarzSnapshotFrame *frame,
                                            double              lat,
                                            double              lon,
                                            double             *x,
                                            double             *y);

/* marz-snapshot-markers.c */
void         _marz_snapshot_collect_marks  (MarzSnapshot       *self,
                                            MarzSnapshotFrame  *frame);
void         _marz_snapshot_draw_map       (MarzSnapshot       *self,
                                            MarzSnapshotFrame  *frame,
                                            cairo_t            *cr);

/* marz-snapshot-labels.c: the markers' names and number tags, placed
 * clear of each other, of every marker and of the furniture; the basemap's
 * own labels then keep clear of them */
void         _marz_snapshot_place_labels   (MarzSnapshot       *self,
                                            MarzSnapshotFrame  *frame,
                                            cairo_t            *cr);
MarzLabelReserve *_marz_snapshot_label_reserve_new  (const MarzSnapshotFrame *frame);
void         _marz_snapshot_label_reserve_free (MarzLabelReserve *reserve);
void         _marz_snapshot_draw_labels    (MarzSnapshot       *self,
                                            MarzSnapshotFrame  *frame,
                                            cairo_t            *cr);
/* For tests: the marks of a figure as marz_snapshot_render() would lay
 * them out on @cr, names and tags placed (element-type MarzSnapshotMark) */
GArray      *_marz_snapshot_layout_marks   (MarzSnapshot       *self,
                                            cairo_t            *cr);

/* marz-snapshot-furniture.c */
void         _marz_snapshot_draw_furniture (MarzSnapshot       *self,
                                            MarzSnapshotFrame  *frame,
                                            cairo_t            *cr);
GArray      *_marz_snapshot_furniture_boxes (MarzSnapshot      *self,
                                            MarzSnapshotFrame  *frame,
                                            cairo_t            *cr);
PangoLayout *_marz_snapshot_layout_new     (cairo_t            *cr,
                                            const char         *font,
                                            const char         *text);
char        *_marz_snapshot_format_numbers (GArray             *numbers,
                                            guint               max_runs);
gboolean     _marz_snapshot_is_rtl         (MarzSnapshot       *self);
void         _marz_snapshot_layout_flush   (PangoLayout        *layout,
                                            gboolean            rtl);

/* marz-snapshot-list.c */
void         _marz_snapshot_draw_list      (MarzSnapshot       *self,
                                            MarzSnapshotFrame  *frame,
                                            cairo_t            *cr);

/* marz-snapshot-svg.c: while it draws into an SVG, a snapshot's text goes to
 * a sink that writes it as <text> (see marz-basemap-private.h) */
typedef struct _MarzSnapshotSvg MarzSnapshotSvg;

MarzSnapshotSvg *_marz_snapshot_svg_new            (const char       *language);
void             _marz_snapshot_svg_free           (MarzSnapshotSvg  *svg);
cairo_surface_t *_marz_snapshot_svg_create_surface (MarzSnapshotSvg  *svg,
                                                    double            width,
                                                    double            height);
void             _marz_snapshot_svg_attach         (MarzSnapshotSvg  *svg,
                                                    cairo_t          *cr);
gboolean         _marz_snapshot_svg_write          (MarzSnapshotSvg  *svg,
                                                    MarzOutput       *output,
                                                    GError          **error);

/* For tests: a document's text markers replaced, in either of cairo's syntaxes */
char            *_marz_snapshot_svg_replace        (const char       *document,
                                                    GPtrArray        *texts,
                                                    GArray           *required,
                                                    const char       *path,
                                                    GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzSnapshotSvg, _marz_snapshot_svg_free)

/* marz-snapshot-png.c */
gboolean     _marz_snapshot_write_png      (cairo_surface_t    *surface,
                                            double              dpi,
                                            MarzOutput         *output,
                                            GError            **error);

G_END_DECLS
