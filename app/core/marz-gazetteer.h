/* marz-gazetteer.h: the curated places of the conflict region */
#pragma once

#include <glib-object.h>

#include "marz-lexicon.h"

G_BEGIN_DECLS

#define MARZ_GAZETTEER_ERROR (marz_gazetteer_error_quark ())

typedef enum
{
  MARZ_GAZETTEER_ERROR_INVALID,
} MarzGazetteerError;

typedef enum
{
  MARZ_PLACE_COUNTRY,
  MARZ_PLACE_PROVINCE,
  MARZ_PLACE_CITY,
  MARZ_PLACE_TOWN,
  MARZ_PLACE_DISTRICT,
  MARZ_PLACE_CROSSING,
  MARZ_PLACE_BORDER,
} MarzPlaceKind;

typedef struct _MarzPlace MarzPlace;
struct _MarzPlace
{
  char          *id;
  MarzPlaceKind  kind;
  char          *parent_id;
  MarzPlace     *parent;        /* borrowed */
  char          *country;       /* ISO 3166-1 alpha-2, NULL for a border line */
  double         lat;
  double         lon;
  gint64         geonames_id;   /* 0 when GeoNames has none */
  char          *name_en;
  char          *name_ar;
  char          *name_fa;
  char          *name_ps;
  GPtrArray     *spellings;     /* every name and variant, as written in the gazetteer */
};

typedef struct
{
  guint32    start;           /* normalized byte offsets */
  guint32    end;
  guint      token;
  guint      n_tokens;
  GPtrArray *places;          /* borrowed MarzPlace, more than one for homonyms */
} MarzPlaceMention;

#define MARZ_TYPE_GAZETTEER (marz_gazetteer_get_type ())
G_DECLARE_FINAL_TYPE (MarzGazetteer, marz_gazetteer, MARZ, GAZETTEER, GObject)

GQuark         marz_gazetteer_error_quark     (void);
MarzGazetteer *marz_gazetteer_new_from_file   (const char    *path,
                                               GError       **error);
MarzGazetteer *marz_gazetteer_new_default     (GError       **error);
MarzPlace     *marz_gazetteer_lookup          (MarzGazetteer *self,
                                               const char    *id);
GPtrArray     *marz_gazetteer_get_places      (MarzGazetteer *self);
GArray        *marz_gazetteer_scan            (MarzGazetteer *self,
                                               const char    *normalized,
                                               const GArray  *tokens);
gboolean       marz_place_is_within           (const MarzPlace *place,
                                               const MarzPlace *ancestor);
const char    *marz_place_kind_to_string      (MarzPlaceKind  kind);
const char    *marz_place_get_name            (const MarzPlace *place,
                                               const char    *language);

char          *marz_find_data_file            (const char    *name);

G_END_DECLS
