/* marz-labels.c */
#define G_LOG_DOMAIN "marz-labels"

#include "marz-labels.h"

#include <glib/gi18n.h>
#include <stdio.h>

const char *
marz_labels_incident_type (MarzIncidentType type)
{
  switch (type)
    {
    case MARZ_INCIDENT_AIRSTRIKE: return _("Airstrike");
    case MARZ_INCIDENT_SHELLING:  return _("Shelling");
    case MARZ_INCIDENT_CLASH:     return _("Clash");
    case MARZ_INCIDENT_ATTACK:    return _("Attack");
    case MARZ_INCIDENT_EXPLOSION: return _("Explosion");
    case MARZ_INCIDENT_CEASEFIRE: return _("Ceasefire");
    case MARZ_INCIDENT_TALKS:     return _("Talks");
    case MARZ_INCIDENT_CLOSURE:   return _("Border closure");
    case MARZ_INCIDENT_STATEMENT: return _("Statement");
    case MARZ_N_INCIDENT_TYPES:
    default:
      break;
    }
  return _("Incident");
}

/**
 * marz_labels_date:
 * @date: (nullable): "YYYY-MM-DD" or "YYYY-MM"
 *
 * Returns: (transfer full): the date in the user's locale, as precise as
 *   it is known
 */
char *
marz_labels_date (const char        *date,
                  MarzDatePrecision  precision)
{
  int year = 0, month = 1, day = 1;
  g_autoptr(GDateTime) dt = NULL;
  const char *format;
  char *formatted;

  if (date == NULL || sscanf (date, "%d-%d-%d", &year, &month, &day) < 1)
    return g_strdup (_("Date unknown"));
  switch (precision)
    {
    /* Translators: a date, see g_date_time_format(); «9 October 2025» */
    case MARZ_DATE_PRECISION_DAY:   format = C_("date", "%-d %B %Y"); break;
    /* Translators: a month, see g_date_time_format() (%OB is the month's
     * name standing alone); «October 2025» */
    case MARZ_DATE_PRECISION_MONTH: format = C_("month", "%OB %Y"); break;
    case MARZ_DATE_PRECISION_YEAR:  format = "%Y"; break;
    case MARZ_DATE_PRECISION_UNKNOWN:
    default:                        return g_strdup (_("Date unknown"));
    }
  dt = g_date_time_new_utc (year, month, precision == MARZ_DATE_PRECISION_DAY ? day : 1, 0, 0, 0);
  formatted = dt != NULL ? g_date_time_format (dt, format) : NULL;
  return formatted != NULL ? formatted : g_strdup (date);
}

/**
 * marz_labels_casualties:
 * @killed: -1 when unknown
 * @injured: -1 when unknown
 */
char *
marz_labels_casualties (gint64 killed,
                        gint64 injured)
{
  g_autofree char *k = NULL;
  g_autofree char *i = NULL;

  if (killed < 0 && injured < 0)
    return g_strdup (_("No casualty figures"));
  if (killed >= 0)
    k = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GINT64_FORMAT " killed",
                                      "%" G_GINT64_FORMAT " killed", killed), killed);
  if (injured >= 0)
    i = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GINT64_FORMAT " injured",
                                      "%" G_GINT64_FORMAT " injured", injured), injured);
  if (k && i)
    /* Translators: «3 killed, 5 injured» */
    return g_strdup_printf (_("%s, %s"), k, i);
  return g_strdup (k ? k : i);
}

/* «9 October 2025 · Airstrike» */
char *
marz_labels_incident (const MarzIncident *incident)
{
  g_autofree char *date = marz_labels_date (incident->date, incident->precision);

  /* Translators: an incident's date and type, «9 October 2025 · Airstrike» */
  return g_strdup_printf (_("%s · %s"), date, marz_labels_incident_type (incident->type));
}
