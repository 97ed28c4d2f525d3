/* marz-marker-set.c */
#define G_LOG_DOMAIN "marz-marker-set"

#include "marz-marker-set.h"

typedef struct
{
  const MarzPlaceSummary *summary;  /* borrowed from @summaries */
  guint                   count;    /* the incidents shown */
  MarzIncidentType        type;     /* what the marker's colour says */
} Place;

struct _MarzMarkerSet
{
  gatomicrefcount   ref_count;

  /* owned, immutable */
  GPtrArray        *summaries;
  GArray           *places;        /* Place: the ones marked */
  MarzClusterIndex *index;         /* point ids are indices into @places */
  guint64           n_incidents;
  gboolean          with_diplomacy;
};

/* Violence speaks louder: a place with strikes and talks is coloured by
 * the strikes, and only a place with nothing but diplomacy by it. */
static gboolean
place_init (Place                  *place,
            const MarzPlaceSummary *summary,
            gboolean                with_diplomacy)
{
  guint violence = marz_place_summary_count (summary, MARZ_CATEGORY_VIOLENCE);
  guint diplomacy = with_diplomacy ? marz_place_summary_count (summary, MARZ_CATEGORY_DIPLOMACY) : 0;

  place->summary = summary;
  place->count = violence + diplomacy;
  place->type = marz_place_summary_main_type (summary, violence > 0 ? MARZ_CATEGORY_VIOLENCE
                                                                   : MARZ_CATEGORY_DIPLOMACY);
  return place->count > 0;
}

static MarzClusterIndex *
build_index (GArray *places)
{
  g_autofree MarzClusterPoint *points = g_new (MarzClusterPoint, MAX (places->len, 1));

  for (guint i = 0; i < places->len; i++)
    {
      const Place *place = &g_array_index (places, Place, i);
      points[i] = (MarzClusterPoint) {
        .lat = place->summary->lat,
        .lon = place->summary->lon,
        .id = i,
        .weight = place->count,
      };
    }
  return marz_cluster_index_new (points, places->len, MARZ_MARKER_SET_RADIUS, 256,
                                 0, MARZ_MARKER_SET_MAX_ZOOM);
}

/**
 * marz_marker_set_new:
 * @summaries: (transfer full): from marz_store_summarize_places()
 * @with_diplomacy: whether talks, ceasefires and the like count and get markers
 */
MarzMarkerSet *
marz_marker_set_new (GPtrArray *summaries,
                     gboolean   with_diplomacy)
{
  MarzMarkerSet *self;

  g_return_val_if_fail (summaries != NULL, NULL);

  self = g_new0 (MarzMarkerSet, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->summaries = summaries;
  self->with_diplomacy = with_diplomacy;
  self->places = g_array_sized_new (FALSE, FALSE, sizeof (Place), summaries->len);
  for (guint i = 0; i < summaries->len; i++)
    {
      Place place;
      if (!place_init (&place, g_ptr_array_index (summaries, i), with_diplomacy))
        continue;
      g_array_append_val (self->places, place);
      self->n_incidents += place.count;
    }
  self->index = build_index (self->places);
  return self;
}

MarzMarkerSet *
marz_marker_set_ref (MarzMarkerSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
marz_marker_set_unref (MarzMarkerSet *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  marz_cluster_index_unref (self->index);
  g_array_unref (self->places);
  g_ptr_array_unref (self->summaries);
  g_free (self);
}

MarzClusterIndex *
marz_marker_set_get_index (MarzMarkerSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->index;
}

guint
marz_marker_set_get_n_places (MarzMarkerSet *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->places->len;
}

const MarzPlaceSummary *
marz_marker_set_get_place (MarzMarkerSet *self,
                           guint          index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->places->len, NULL);
  return g_array_index (self->places, Place, index).summary;
}

guint
marz_marker_set_get_count (MarzMarkerSet *self,
                           guint          index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->places->len, 0);
  return g_array_index (self->places, Place, index).count;
}

MarzIncidentType
marz_marker_set_get_type (MarzMarkerSet *self,
                          guint          index)
{
  g_return_val_if_fail (self != NULL, MARZ_N_INCIDENT_TYPES);
  g_return_val_if_fail (index < self->places->len, MARZ_N_INCIDENT_TYPES);
  return g_array_index (self->places, Place, index).type;
}

gboolean
marz_marker_set_lookup (MarzMarkerSet *self,
                        const char    *place_id,
                        guint         *index)
{
  g_return_val_if_fail (self != NULL, FALSE);
  for (guint i = 0; i < self->places->len; i++)
    if (g_strcmp0 (g_array_index (self->places, Place, i).summary->place_id, place_id) == 0)
      {
        if (index)
          *index = i;
        return TRUE;
      }
  return FALSE;
}

guint64
marz_marker_set_get_n_incidents (MarzMarkerSet *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_incidents;
}

gboolean
marz_marker_set_get_with_diplomacy (MarzMarkerSet *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->with_diplomacy;
}
