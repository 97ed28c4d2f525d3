/* marz-basemap.c
 *
 * The offline basemap: GeoJSON from data/basemap/ and labels from the
 * gazetteer, drawn with cairo and pango.  Everything is read and projected
 * once, at load; afterwards the object is immutable (the label language is
 * one atomic pointer), so tiles render from any number of threads at once,
 * each render keeping its own scratch buffers and pango layout.
 *
 * Files read from the directory, all optional but the first two (one of them
 * is needed):
 *   world.geojson       coarse world land (iso_a2, name_en)
 *   countries.geojson   the region in detail (iso_a2, name_en, name_ar, name_fa)
 *   provinces.geojson   admin-1 of AF and PK (country, name_en, gazetteer_id)
 *   durand-line.geojson the AF–PK border, a (Multi)LineString
 *   rivers.geojson      (Multi)LineStrings
 */
#define G_LOG_DOMAIN "marz-basemap"

#include "marz-basemap-private.h"
#include "marz-mercator.h"

#include <math.h>
#include <string.h>

G_DEFINE_TYPE (MarzBasemap, marz_basemap, G_TYPE_OBJECT)
G_DEFINE_QUARK (marz-basemap-error-quark, marz_basemap_error)

enum {
  PROP_0,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* From which zoom each kind of label shows; country names stop at 7. */
#define COUNTRY_MIN_ZOOM  3.0
#define COUNTRY_MAX_ZOOM  7.0
#define PROVINCE_MIN_ZOOM 6.0
#define CITY_MIN_ZOOM     5.0
#define TOWN_MIN_ZOOM     8.0

/* A country is named once it is this wide on screen, logical px. */
#define COUNTRY_MIN_WIDTH 60.0

/* The gazetteer has no population or capital flag: the two capitals of the
 * conflict are named here so that no country or city label hides them. */
static const char * const capitals[] = { "kabul", "islamabad", NULL };

static const char * const languages[MARZ_N_LANGS] = { "en", "ar", "fa", "ps" };

static MarzLang
lang_from_string (const char *language)
{
  for (guint i = 0; i < MARZ_N_LANGS; i++)
    if (g_strcmp0 (language, languages[i]) == 0)
      return i;
  return MARZ_LANG_EN;
}

static void
place_names (const MarzPlace *place,
             char           **names)
{
  names[MARZ_LANG_EN] = place->name_en;
  names[MARZ_LANG_AR] = place->name_ar;
  names[MARZ_LANG_FA] = place->name_fa;
  names[MARZ_LANG_PS] = place->name_ps;
}

static MarzPlace *
find_country (MarzGazetteer *gazetteer,
              const char    *iso_a2)
{
  GPtrArray *places = gazetteer ? marz_gazetteer_get_places (gazetteer) : NULL;

  for (guint i = 0; places && iso_a2 && i < places->len; i++)
    {
      MarzPlace *place = g_ptr_array_index (places, i);
      if (place->kind == MARZ_PLACE_COUNTRY && g_strcmp0 (place->country, iso_a2) == 0)
        return place;
    }
  return NULL;
}

/* The gazetteer's curated point when it falls inside the shape (a country
 * clipped to the region may have lost it), else one computed from the shape. */
static void
feature_anchor (const MarzLayer   *layer,
                const MarzFeature *feature,
                const MarzPlace   *place,
                double            *x,
                double            *y)
{
  if (place != NULL)
    {
      marz_mercator_project_unit (place->lat, place->lon, x, y);
      if (_marz_layer_feature_contains (layer, feature, *x, *y))
        return;
    }
  _marz_layer_label_point (layer, feature, x, y);
}

/* Returns: (nullable): the label, valid until the next one is added */
static MarzLabel *
add_label (MarzBasemap       *self,
           MarzLabelKind      kind,
           MarzLabelPriority  priority,
           double             x,
           double             y,
           double             min_zoom,
           double             max_zoom,
           char * const      *names)
{
  MarzLabel label = { kind, priority, self->labels->len, x, y, min_zoom, max_zoom, { NULL }, { { 0 } }, NULL, NULL };

  if (names[MARZ_LANG_EN] == NULL)
    return NULL;
  for (guint i = 0; i < MARZ_N_LANGS; i++)
    label.names[i] = g_strdup (names[i]);
  g_array_append_val (self->labels, label);
  return &g_array_index (self->labels, MarzLabel, self->labels->len - 1);
}

static void
add_area_label (MarzBasemap       *self,
                MarzLabelKind      kind,
                MarzLabelPriority  priority,
                const MarzLayer   *layer,
                const MarzFeature *feature,
                const MarzPlace   *place,
                double             min_zoom,
                double             max_zoom,
                char * const      *names)
{
  MarzLabel *label;
  double x, y;

  feature_anchor (layer, feature, place, &x, &y);
  label = add_label (self, kind, priority, x, y, min_zoom, max_zoom, names);
  if (label != NULL)
    label->layer = layer, label->feature = feature;
}

/* Small countries, and slivers of big ones clipped to the region, are
 * named only once they are wide enough for it. */
static double
country_min_zoom (const MarzFeature *feature)
{
  double width = (feature->bbox.x1 - feature->bbox.x0) * 256;

  return width > 0 ? MAX (COUNTRY_MIN_ZOOM, log2 (COUNTRY_MIN_WIDTH / width)) : G_MAXDOUBLE;
}

static void
add_country_labels (MarzBasemap   *self,
                    MarzGazetteer *gazetteer)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  MarzLayer *layer = self->countries;

  for (guint i = 0; layer && i < layer->features->len; i++)
    {
      MarzFeature *feature = &g_array_index (layer->features, MarzFeature, i);
      MarzPlace *place = find_country (gazetteer, feature->iso_a2);
      char *names[MARZ_N_LANGS];

      /* One label per country, however many features it comes in; none
       * for Natural Earth's units without a country code (Siachen Glacier). */
      if (feature->iso_a2 == NULL || !g_hash_table_add (seen, feature->iso_a2))
        continue;
      /* Names the file lacks (Pashto, say) come from the gazetteer. */
      if (place != NULL)
        place_names (place, names);
      for (guint k = 0; k < MARZ_N_LANGS; k++)
        if (feature->names[k] != NULL || place == NULL)
          names[k] = feature->names[k];
      add_area_label (self, MARZ_LABEL_COUNTRY, MARZ_LABEL_PRIORITY_COUNTRY, layer, feature, place,
                      country_min_zoom (feature), COUNTRY_MAX_ZOOM, names);
    }
}

static void
add_province_labels (MarzBasemap   *self,
                     MarzGazetteer *gazetteer)
{
  MarzLayer *layer = self->provinces;

  for (guint i = 0; layer && i < layer->features->len; i++)
    {
      MarzFeature *feature = &g_array_index (layer->features, MarzFeature, i);
      MarzPlace *place = gazetteer ? marz_gazetteer_lookup (gazetteer, feature->gazetteer_id) : NULL;
      char *names[MARZ_N_LANGS];

      if (place != NULL)
        place_names (place, names);
      else
        memcpy (names, feature->names, sizeof names);
      add_area_label (self, MARZ_LABEL_PROVINCE, MARZ_LABEL_PRIORITY_PROVINCE, layer, feature, place,
                      PROVINCE_MIN_ZOOM, G_MAXDOUBLE, names);
    }
}

/* Places from the gazetteer: cities, and the border towns, districts and
 * crossings of the conflict.  Without provinces.geojson, the gazetteer's
 * AF and PK provinces are labelled at their label points. */
static void
add_place_labels (MarzBasemap   *self,
                  MarzGazetteer *gazetteer)
{
  GPtrArray *places = marz_gazetteer_get_places (gazetteer);

  for (guint i = 0; i < places->len; i++)
    {
      MarzPlace *place = g_ptr_array_index (places, i);
      char *names[MARZ_N_LANGS];
      double x, y;

      place_names (place, names);
      marz_mercator_project_unit (place->lat, place->lon, &x, &y);
      switch (place->kind)
        {
        case MARZ_PLACE_CITY:
          add_label (self, MARZ_LABEL_CITY, g_strv_contains (capitals, place->id) ? MARZ_LABEL_PRIORITY_CAPITAL : MARZ_LABEL_PRIORITY_CITY,
                     x, y, CITY_MIN_ZOOM, G_MAXDOUBLE, names);
          break;
        case MARZ_PLACE_TOWN:
        case MARZ_PLACE_DISTRICT:
          add_label (self, MARZ_LABEL_TOWN, MARZ_LABEL_PRIORITY_TOWN, x, y, TOWN_MIN_ZOOM, G_MAXDOUBLE, names);
          break;
        case MARZ_PLACE_CROSSING:
          add_label (self, MARZ_LABEL_CROSSING, MARZ_LABEL_PRIORITY_CROSSING, x, y, TOWN_MIN_ZOOM, G_MAXDOUBLE, names);
          break;
        case MARZ_PLACE_PROVINCE:
          if (self->provinces == NULL
              && (g_strcmp0 (place->country, "AF") == 0 || g_strcmp0 (place->country, "PK") == 0))
            add_label (self, MARZ_LABEL_PROVINCE, MARZ_LABEL_PRIORITY_PROVINCE, x, y, PROVINCE_MIN_ZOOM, G_MAXDOUBLE, names);
          break;
        case MARZ_PLACE_COUNTRY:
        case MARZ_PLACE_BORDER:
        default:
          break;
        }
    }
}

static gboolean
load_layer (const char  *dir,
            const char  *name,
            gboolean     lines,
            MarzLayer  **layer,
            GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  *layer = _marz_layer_load (path, lines, error);
  return *layer != NULL;
}

static gboolean
load (MarzBasemap   *self,
      const char    *dir,
      MarzGazetteer *gazetteer,
      GError       **error)
{
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, MARZ_BASEMAP_ERROR, MARZ_BASEMAP_ERROR_NOT_FOUND, "%s: no such directory", dir);
      return FALSE;
    }
  if (!load_layer (dir, "world.geojson", FALSE, &self->world, error)
      || !load_layer (dir, "countries.geojson", FALSE, &self->countries, error)
      || !load_layer (dir, "provinces.geojson", FALSE, &self->provinces, error)
      || !load_layer (dir, "durand-line.geojson", TRUE, &self->durand, error)
      || !load_layer (dir, "rivers.geojson", TRUE, &self->rivers, error))
    return FALSE;
  if (self->world == NULL && self->countries == NULL)
    {
      g_set_error (error, MARZ_BASEMAP_ERROR, MARZ_BASEMAP_ERROR_NOT_FOUND,
                   "%s: neither world.geojson nor countries.geojson", dir);
      return FALSE;
    }

  add_country_labels (self, gazetteer);
  add_province_labels (self, gazetteer);
  if (gazetteer != NULL)
    add_place_labels (self, gazetteer);
  g_array_sort (self->labels, _marz_label_compare);
  _marz_labels_measure (self->labels);
  return TRUE;
}

static void
marz_basemap_finalize (GObject *object)
{
  MarzBasemap *self = (MarzBasemap *) object;

  g_clear_pointer (&self->world, _marz_layer_free);
  g_clear_pointer (&self->countries, _marz_layer_free);
  g_clear_pointer (&self->provinces, _marz_layer_free);
  g_clear_pointer (&self->durand, _marz_layer_free);
  g_clear_pointer (&self->rivers, _marz_layer_free);
  g_clear_pointer (&self->labels, g_array_unref);

  G_OBJECT_CLASS (marz_basemap_parent_class)->finalize (object);
}

static void
marz_basemap_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MarzBasemap *self = MARZ_BASEMAP (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, marz_basemap_get_language (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
marz_basemap_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MarzBasemap *self = MARZ_BASEMAP (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      marz_basemap_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
marz_basemap_class_init (MarzBasemapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = marz_basemap_finalize;
  object_class->get_property = marz_basemap_get_property;
  object_class->set_property = marz_basemap_set_property;

  /**
   * MarzBasemap:language:
   *
   * The language of the labels: "en", "ar", "fa" or "ps"; anything else
   * means "en".  A tile cache must key its tiles by it.
   */
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
marz_basemap_init (MarzBasemap *self)
{
  self->labels = g_array_new (FALSE, FALSE, sizeof (MarzLabel));
  g_array_set_clear_func (self->labels, (GDestroyNotify) _marz_label_clear);
  self->language = g_intern_static_string ("en");
}

/**
 * marz_basemap_new_from_dir:
 * @dir: a directory holding the GeoJSON files listed at the top of this file
 * @gazetteer: (nullable): where city labels and translated names come from
 *
 * Returns: (transfer full): the basemap, or %NULL with @error set
 */
MarzBasemap *
marz_basemap_new_from_dir (const char     *dir,
                           MarzGazetteer  *gazetteer,
                           GError        **error)
{
  g_autoptr(MarzBasemap) self = NULL;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (gazetteer == NULL || MARZ_IS_GAZETTEER (gazetteer), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MARZ_TYPE_BASEMAP, NULL);
  if (!load (self, dir, gazetteer, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * marz_basemap_new_default:
 *
 * Loads data/basemap/ as found by marz_find_data_file().
 */
MarzBasemap *
marz_basemap_new_default (MarzGazetteer  *gazetteer,
                          GError        **error)
{
  g_autofree char *dir = marz_find_data_file ("basemap");

  return marz_basemap_new_from_dir (dir, gazetteer, error);
}

const char *
marz_basemap_get_language (MarzBasemap *self)
{
  g_return_val_if_fail (MARZ_IS_BASEMAP (self), NULL);
  return g_atomic_pointer_get (&self->language);
}

/**
 * marz_basemap_set_language:
 * @language: "en", "ar", "fa" or "ps"
 *
 * Safe while other threads render: a render uses the language it started
 * with.
 */
void
marz_basemap_set_language (MarzBasemap *self,
                           const char  *language)
{
  const char *interned;

  g_return_if_fail (MARZ_IS_BASEMAP (self));

  interned = g_intern_static_string (languages[lang_from_string (language)]);
  if (g_atomic_pointer_exchange (&self->language, interned) != interned)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

static gboolean
render_view (MarzBasemap  *self,
             cairo_t      *cr,
             double        zoom,
             double        origin_x,
             double        origin_y,
             double        width,
             double        height,
             double        scale,
             GCancellable *cancellable)
{
  /* Wider than the widest line: clipped geometry's edges stay out of sight. */
  double margin = 16 * scale;
  MarzView view = {
    .cr = cr, .zoom = zoom, .world = marz_mercator_world_size (zoom, 256),
    .origin_x = origin_x, .origin_y = origin_y, .width = width, .height = height, .scale = scale,
    .lang = lang_from_string (marz_basemap_get_language (self)),
    .clip = { -margin, -margin, width * scale + margin, height * scale + margin },
    .scratch = g_array_new (FALSE, FALSE, sizeof (MarzPoint)),
    .scratch2 = g_array_new (FALSE, FALSE, sizeof (MarzPoint)),
    .cancellable = cancellable,
  };
  gboolean done;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width * scale, height * scale);
  cairo_clip (cr);
  done = _marz_basemap_draw (self, &view);
  cairo_restore (cr);
  g_array_unref (view.scratch);
  g_array_unref (view.scratch2);
  return done;
}

/**
 * marz_basemap_render:
 * @cr: a context whose user space is in device pixels, the view drawn with
 *   its top-left corner at (0, 0) and size @width × @scale by @height × @scale
 * @zoom: the Web Mercator zoom (fractional zooms work)
 * @origin_x: the view's left edge, in pixels of a 256 px tile pyramid at @zoom
 * @origin_y: its top edge
 * @width: the view's size in logical pixels
 * @height: likewise
 * @scale: device pixels per logical pixel
 *
 * Draws the map.  Used by marz_basemap_render_tile() and for exports of a
 * whole view (any cairo surface: image, PDF, SVG).
 */
void
marz_basemap_render (MarzBasemap *self,
                     cairo_t     *cr,
                     double       zoom,
                     double       origin_x,
                     double       origin_y,
                     double       width,
                     double       height,
                     double       scale)
{
  g_return_if_fail (MARZ_IS_BASEMAP (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (zoom >= 0 && zoom <= 30);
  g_return_if_fail (width > 0 && height > 0 && scale > 0);

  render_view (self, cr, zoom, origin_x, origin_y, width, height, scale, NULL);
}

/**
 * marz_basemap_render_tile:
 * @zoom: the tile's zoom level, in a pyramid of @tile_size px tiles
 * @tile_size: logical px (libshumate's map source tile size, usually 256)
 * @scale: device px per logical px: 2 gives a 512 px image for a 256 px tile
 * @cancellable: (nullable): checked between layers
 *
 * Safe to call from several threads at once.
 *
 * Returns: (transfer full) (nullable): an opaque %CAIRO_FORMAT_ARGB32 image
 *   of @tile_size × @scale px square, or %NULL if @cancellable fired
 */
cairo_surface_t *
marz_basemap_render_tile (MarzBasemap  *self,
                          int           zoom,
                          int           x,
                          int           y,
                          guint         tile_size,
                          double        scale,
                          GCancellable *cancellable)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean done;
  int size;

  g_return_val_if_fail (MARZ_IS_BASEMAP (self), NULL);
  g_return_val_if_fail (zoom >= 0 && zoom <= 30, NULL);
  g_return_val_if_fail (x >= 0 && y >= 0 && (gint64) x < ((gint64) 1 << zoom) && (gint64) y < ((gint64) 1 << zoom), NULL);
  g_return_val_if_fail (tile_size >= 16 && tile_size <= 4096 && scale > 0 && scale <= 8, NULL);

  if (g_cancellable_is_cancelled (cancellable))
    return NULL;
  size = (int) ceil (tile_size * scale);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cr = cairo_create (surface);
  /* A pyramid of 512 px tiles at zoom z shows what one of 256 px shows at z + 1. */
  done = render_view (self, cr, zoom + log2 (tile_size / 256.0), (double) x * tile_size, (double) y * tile_size,
                      tile_size, tile_size, scale, cancellable);
  cairo_destroy (cr);
  if (!done)
    g_clear_pointer (&surface, cairo_surface_destroy);
  else
    cairo_surface_flush (surface);
  return surface;
}

/**
 * marz_basemap_get_outline:
 * @gazetteer_id: a province's id in the gazetteer
 *
 * The province's boundary, for a map to highlight it.
 *
 * Returns: (transfer full) (nullable) (element-type GArray): one #GArray of
 *   #MarzLatLon per ring, or %NULL if the basemap has no such province
 */
GPtrArray *
marz_basemap_get_outline (MarzBasemap *self,
                          const char  *gazetteer_id)
{
  g_return_val_if_fail (MARZ_IS_BASEMAP (self), NULL);
  g_return_val_if_fail (gazetteer_id != NULL, NULL);

  for (guint f = 0; f < self->provinces->features->len; f++)
    {
      const MarzFeature *feature = &g_array_index (self->provinces->features, MarzFeature, f);
      GPtrArray *rings;

      if (g_strcmp0 (feature->gazetteer_id, gazetteer_id) != 0)
        continue;
      rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      for (guint r = 0; r < feature->n_rings; r++)
        {
          const MarzRing *ring = _marz_feature_ring (self->provinces, feature, r);
          const MarzPoint *points = _marz_ring_points (self->provinces, ring);
          GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (MarzLatLon), ring->n);

          g_array_set_size (out, ring->n);
          for (guint i = 0; i < ring->n; i++)
            {
              MarzLatLon *ll = &g_array_index (out, MarzLatLon, i);
              marz_mercator_unproject (points[i].x, points[i].y, 0, 1, &ll->lat, &ll->lon);
            }
          g_ptr_array_add (rings, out);
        }
      return rings;
    }
  return NULL;
}
