/* marz-incident.h: incidents, the reports of them, and their types */
#pragma once

#include <glib.h>

#include "marz-dates.h"
#include "marz-gazetteer.h"
#include "marz-text-span.h"

G_BEGIN_DECLS

/* Ordered by how specific a report is: when two articles describe the same
 * event differently («explosions in Kabul», «airstrikes on Kabul»), the more
 * specific type wins. */
typedef enum
{
  MARZ_INCIDENT_AIRSTRIKE,
  MARZ_INCIDENT_SHELLING,
  MARZ_INCIDENT_CLASH,
  MARZ_INCIDENT_ATTACK,
  MARZ_INCIDENT_EXPLOSION,
  MARZ_INCIDENT_CEASEFIRE,
  MARZ_INCIDENT_TALKS,
  MARZ_INCIDENT_CLOSURE,
  MARZ_INCIDENT_STATEMENT,
  MARZ_N_INCIDENT_TYPES
} MarzIncidentType;

typedef enum
{
  MARZ_CATEGORY_VIOLENCE,
  MARZ_CATEGORY_DIPLOMACY,
} MarzIncidentCategory;

/* What the extractor finds in one article: one report of one incident. */
typedef struct
{
  MarzIncidentType  type;
  const MarzPlace  *place;
  int               year;
  int               month;
  int               day;
  MarzDatePrecision precision;
  gint64            killed;        /* -1 when the text gives no figure */
  gint64            injured;
  gboolean          shared;        /* the figures are for all places of @group together */
  guint             group;         /* mentions from one statement share a group */
  MarzTextSpan      evidence;
} MarzMention;

/* What the store gives back. */
typedef struct
{
  char   *article;                 /* the file's base name */
  char   *language;
  char   *evidence;                /* as in the original text */
  guint   start;                   /* character offsets in the original text */
  guint   end;
  gint64  killed;                  /* -1 when unknown */
  gint64  injured;
  gboolean shared;
} MarzReport;

typedef struct
{
  gint64            id;
  MarzIncidentType  type;
  char             *date;          /* "YYYY-MM-DD", "YYYY-MM" or NULL */
  MarzDatePrecision precision;
  char             *place_id;
  char             *place_name;
  double            lat;
  double            lon;
  gint64            killed;        /* -1 when unknown */
  gint64            injured;
  gint64            shared_killed; /* figures given for several places together, -1 if none */
  gint64            shared_injured;
  GPtrArray        *shared_places; /* ids of the places those figures cover, or NULL */
  GPtrArray        *reports;       /* MarzReport */
} MarzIncident;

/* Which incidents: all of its conditions hold.  Zero-initialized but for
 * @type, it lets every incident through. */
typedef struct
{
  char             *from;          /* inclusive "YYYY-MM-DD" bounds, or NULL */
  char             *to;
  int               type;          /* a MarzIncidentType, or -1 for any */
  char             *place_id;      /* the place or any place within it, or NULL */
  guint             types;         /* a mask of 1 << MarzIncidentType, or 0 for any */
  gboolean          hide_diplomacy;
  char             *language;      /* reported by an article in this language, or NULL */
} MarzIncidentFilter;

/* A mask of MarzIncidentFilter.types that no incident passes (0 is any). */
#define MARZ_INCIDENT_TYPES_NONE (1u << MARZ_N_INCIDENT_TYPES)

const char          *marz_incident_type_to_string   (MarzIncidentType  type);
gboolean             marz_incident_type_from_string (const char       *name,
                                                     MarzIncidentType *type);
MarzIncidentCategory marz_incident_type_get_category (MarzIncidentType type);
const char          *marz_incident_category_to_string (MarzIncidentCategory category);

void                 marz_report_free               (MarzReport       *report);
void                 marz_incident_free             (MarzIncident     *incident);
void                 marz_incident_filter_clear     (MarzIncidentFilter *filter);
void                 marz_incident_filter_copy      (MarzIncidentFilter       *dest,
                                                     const MarzIncidentFilter *src);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzIncident, marz_incident_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MarzIncidentFilter, marz_incident_filter_clear)

G_END_DECLS
