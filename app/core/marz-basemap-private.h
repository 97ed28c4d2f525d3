/* marz-basemap-private.h: what the marz-basemap*.c files share */
#pragma once

#include <pango/pangocairo.h>

#include "marz-basemap.h"

G_BEGIN_DECLS

/* The palette, 0xRRGGBB, shared with the tests. */
#define MARZ_BASEMAP_COLOR_SEA        0xd6e0e8
#define MARZ_BASEMAP_COLOR_LAND       0xfbf9f4   /* Afghanistan and Pakistan */
#define MARZ_BASEMAP_COLOR_NEIGHBOUR  0xebe8e0   /* every other country */
#define MARZ_BASEMAP_COLOR_DURAND     0x35312c
#define MARZ_BASEMAP_COLOR_TEXT       0x26231f

typedef enum
{
  MARZ_LANG_EN,
  MARZ_LANG_AR,
  MARZ_LANG_FA,
  MARZ_LANG_PS,
  MARZ_N_LANGS,
} MarzLang;

typedef struct
{
  double x0, y0, x1, y1;
} MarzBox;

typedef struct
{
  double x, y;
} MarzPoint;

/* A polygon ring or a line string: a run of layer->points. */
typedef struct
{
  guint   first;
  guint   n;
  MarzBox bbox;
} MarzRing;

typedef struct
{
  MarzBox  bbox;
  guint    first_ring;
  guint    n_rings;
  char    *iso_a2;                  /* "iso_a2", or "country" on provinces */
  char    *gazetteer_id;
  char    *names[MARZ_N_LANGS];
} MarzFeature;

/* One GeoJSON file, projected to the unit square (see marz-mercator.c). */
typedef struct
{
  GArray  *points;                  /* MarzPoint */
  GArray  *lengths;                 /* double per point, distance from the start of its
                                     * line string (line layers only: keeps dashes
                                     * continuous across tiles) */
  guint8  *shared;                  /* per point: the edge to the next point is one an
                                     * earlier polygon has too (polygon layers only) */
  GArray  *rings;                   /* MarzRing */
  GArray  *features;                /* MarzFeature */
  MarzBox  bbox;
} MarzLayer;

typedef enum
{
  MARZ_LABEL_COUNTRY,
  MARZ_LABEL_CITY,
  MARZ_LABEL_PROVINCE,
  MARZ_LABEL_TOWN,
  MARZ_LABEL_CROSSING,
} MarzLabelKind;

/* Labels are placed in this order. */
typedef enum
{
  MARZ_LABEL_PRIORITY_CAPITAL,
  MARZ_LABEL_PRIORITY_COUNTRY,
  MARZ_LABEL_PRIORITY_CITY,
  MARZ_LABEL_PRIORITY_PROVINCE,
  MARZ_LABEL_PRIORITY_CROSSING,
  MARZ_LABEL_PRIORITY_TOWN,
} MarzLabelPriority;

typedef struct
{
  MarzLabelKind     kind;
  MarzLabelPriority priority;
  guint         order;              /* ties: load order */
  double        x, y;               /* unit square */
  double        min_zoom;
  double        max_zoom;           /* exclusive */
  char         *names[MARZ_N_LANGS];
  MarzBox       extents[MARZ_N_LANGS];  /* logical px from the layout origin, as pango lays it out */
  const MarzLayer   *layer;             /* borrowed: the area an area label names, if known */
  const MarzFeature *feature;
} MarzLabel;

struct _MarzBasemap
{
  GObject     parent_instance;

  /* owned, immutable after load */
  MarzLayer  *world;
  MarzLayer  *countries;
  MarzLayer  *provinces;
  MarzLayer  *durand;
  MarzLayer  *rivers;
  GArray     *labels;               /* MarzLabel, sorted by priority */

  /* the only mutable field: an interned string, read atomically per render */
  const char *language;
};

/* Edges an outline leaves out: those along @box (the cut left by clipping
 * a layer to it, no border), or those inside it (drawn by another layer). */
typedef struct
{
  MarzBox  box;
  gboolean inside;
} MarzOutlineSkip;

/* One render call: everything mutable lives here, on the caller's stack. */
typedef struct
{
  cairo_t      *cr;                 /* user space: device pixels, view at (0, 0) */
  double        zoom;
  double        world;              /* world size in logical px at zoom */
  double        origin_x;           /* logical px */
  double        origin_y;
  double        width;              /* logical px */
  double        height;
  double        scale;
  MarzLang      lang;
  MarzBox       clip;               /* device px: the view grown by a margin */
  GArray       *scratch;            /* MarzPoint, device px */
  GArray       *scratch2;
  GCancellable *cancellable;
} MarzView;

static inline const MarzPoint *
_marz_ring_points (const MarzLayer *layer,
                   const MarzRing  *ring)
{
  return &g_array_index (layer->points, MarzPoint, ring->first);
}

static inline const MarzRing *
_marz_feature_ring (const MarzLayer   *layer,
                    const MarzFeature *feature,
                    guint              i)
{
  return &g_array_index (layer->rings, MarzRing, feature->first_ring + i);
}

/* marz-basemap-geojson.c */
MarzLayer *_marz_layer_load             (const char             *path,
                                         gboolean                lines,
                                         GError                **error);
void       _marz_layer_free             (MarzLayer              *layer);
gboolean   _marz_layer_feature_contains (const MarzLayer        *layer,
                                         const MarzFeature      *feature,
                                         double                  x,
                                         double                  y);
void       _marz_layer_label_point      (const MarzLayer        *layer,
                                         const MarzFeature      *feature,
                                         double                 *x,
                                         double                 *y);
gboolean   _marz_box_intersects         (const MarzBox          *a,
                                         const MarzBox          *b);
gboolean   _marz_box_contains           (const MarzBox          *outer,
                                         const MarzBox          *inner);

/* marz-basemap-geometry.c */
MarzBox    _marz_view_unit_box          (const MarzView         *view,
                                         double                  margin);
void       _marz_view_add_polygon_path  (MarzView               *view,
                                         const MarzLayer        *layer,
                                         const MarzFeature      *feature);
void       _marz_view_add_outline_path  (MarzView               *view,
                                         const MarzLayer        *layer,
                                         const MarzFeature      *feature,
                                         const MarzOutlineSkip  *skip);
void       _marz_view_stroke_lines      (MarzView               *view,
                                         const MarzLayer        *layer,
                                         const MarzFeature      *feature,
                                         const double           *dashes,
                                         int                     n_dashes);

/* Text as text.  A drawing into a format that keeps its text (a snapshot's
 * SVG: cairo 1.16 writes glyph outlines there) hangs a MarzTextSink on its
 * cairo_t under _marz_text_sink_key; _marz_show_layout() then hands each
 * layout to it instead of drawing glyphs.  Without one it draws, the text
 * once and its halo as offset copies in pixels (the window's tiles, PNG)
 * or stroked around the text's outline in a vector file (PDF), where
 * copies would read as so many words. */
typedef struct _MarzTextSink MarzTextSink;
struct _MarzTextSink
{
  /* @layout at the current point in @cr's source colour; @halo: the
   * halo's width in user units, or 0 */
  void (*show_layout) (MarzTextSink *sink,
                       cairo_t      *cr,
                       PangoLayout  *layout,
                       double        halo);
};

extern const cairo_user_data_key_t _marz_text_sink_key;

/* The white halo around every label's glyphs, in logical px. */
#define MARZ_LABEL_HALO 1.5

/* Room a caller keeps for its own marks.  A snapshot draws its incident
 * markers and their names over the map: it hangs a MarzLabelReserve on its
 * cairo_t under _marz_label_reserve_key around marz_basemap_render(), and
 * the labels leave the boxes free (a place whose dot falls in one goes
 * unmarked) and leave out the names it draws itself, so a name is not on
 * the map twice.  The window's tiles have none and label as ever. */
typedef struct
{
  GArray     *boxes;                /* MarzBox, logical px from the view's top left */
  GHashTable *names;                /* (nullable) set of label texts, as shown */
} MarzLabelReserve;

extern const cairo_user_data_key_t _marz_label_reserve_key;

/* marz-basemap-labels.c */
const char *_marz_basemap_place_label   (MarzBasemap            *self,
                                         const char             *gazetteer_id,
                                         double                  x,
                                         double                  y);
void       _marz_show_layout            (cairo_t                *cr,
                                         PangoLayout            *layout,
                                         double                  halo);
void       _marz_label_clear            (MarzLabel              *label);
void       _marz_labels_measure         (GArray                 *labels);
gint       _marz_label_compare          (gconstpointer           a,
                                         gconstpointer           b);
gboolean   _marz_view_draw_labels       (MarzView               *view,
                                         GArray                 *labels);

/* marz-basemap-style.c */
gboolean   _marz_basemap_draw           (MarzBasemap            *self,
                                         MarzView               *view);
void       _marz_set_color              (cairo_t                *cr,
                                         guint32                 rgb,
                                         double                  alpha);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzLayer, _marz_layer_free)

G_END_DECLS
