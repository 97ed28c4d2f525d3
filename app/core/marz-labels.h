/* marz-labels.h: how Marz words incidents, dates and figures, in the window and in exports */
#pragma once

#include <glib.h>

#include "marz-incident.h"

G_BEGIN_DECLS

const char *marz_labels_incident_type (MarzIncidentType   type);
char       *marz_labels_date          (const char        *date,
                                       MarzDatePrecision  precision);
char       *marz_labels_solar_hijri   (const char        *date,
                                       gboolean           with_year,
                                       const char        *locale);
char       *marz_labels_casualties    (gint64             killed,
                                       gint64             injured);
char       *marz_labels_incident      (const MarzIncident *incident);

G_END_DECLS
