/* marz-incident.c */
#define G_LOG_DOMAIN "marz-incident"

#include "marz-incident.h"

static const char * const type_names[MARZ_N_INCIDENT_TYPES] = {
  "airstrike", "shelling", "clash", "attack", "explosion",
  "ceasefire", "talks", "closure", "statement",
};

const char *
marz_incident_type_to_string (MarzIncidentType type)
{
  g_return_val_if_fail (type < MARZ_N_INCIDENT_TYPES, "unknown");
  return type_names[type];
}

gboolean
marz_incident_type_from_string (const char       *name,
                                MarzIncidentType *type)
{
  for (guint i = 0; i < MARZ_N_INCIDENT_TYPES; i++)
    if (g_strcmp0 (name, type_names[i]) == 0)
      {
        *type = i;
        return TRUE;
      }
  return FALSE;
}

MarzIncidentCategory
marz_incident_type_get_category (MarzIncidentType type)
{
  return type <= MARZ_INCIDENT_EXPLOSION ? MARZ_CATEGORY_VIOLENCE : MARZ_CATEGORY_DIPLOMACY;
}

const char *
marz_incident_category_to_string (MarzIncidentCategory category)
{
  return category == MARZ_CATEGORY_VIOLENCE ? "violence" : "diplomacy";
}

void
marz_report_free (MarzReport *report)
{
  if (report == NULL)
    return;
  g_free (report->article);
  g_free (report->language);
  g_free (report->evidence);
  g_free (report);
}

void
marz_incident_free (MarzIncident *incident)
{
  if (incident == NULL)
    return;
  g_free (incident->date);
  g_free (incident->place_id);
  g_free (incident->place_name);
  g_clear_pointer (&incident->shared_places, g_ptr_array_unref);
  g_clear_pointer (&incident->reports, g_ptr_array_unref);
  g_free (incident);
}

void
marz_incident_filter_clear (MarzIncidentFilter *filter)
{
  g_clear_pointer (&filter->from, g_free);
  g_clear_pointer (&filter->to, g_free);
  g_clear_pointer (&filter->place_id, g_free);
  g_clear_pointer (&filter->language, g_free);
  filter->type = -1;
  filter->types = 0;
  filter->hide_diplomacy = FALSE;
}

/**
 * marz_incident_filter_copy:
 * @dest: (out caller-allocates): uninitialized, or cleared
 *
 * Fills @dest with a deep copy of @src, which it owns: clear it with
 * marz_incident_filter_clear().  Callers keep a filter past the call that
 * gave it (an async export, a snapshot), so they cannot borrow its strings.
 */
void
marz_incident_filter_copy (MarzIncidentFilter       *dest,
                           const MarzIncidentFilter *src)
{
  g_return_if_fail (dest != NULL);
  g_return_if_fail (src != NULL);
  g_return_if_fail (dest != src);

  *dest = *src;
  dest->from = g_strdup (src->from);
  dest->to = g_strdup (src->to);
  dest->place_id = g_strdup (src->place_id);
  dest->language = g_strdup (src->language);
}
