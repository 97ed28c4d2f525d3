/* marz-store.h: the SQLite database of articles, places and incidents */
#pragma once

#include <gio/gio.h>

#include "marz-article.h"
#include "marz-gazetteer.h"
#include "marz-incident.h"

G_BEGIN_DECLS

#define MARZ_STORE_ERROR (marz_store_error_quark ())

typedef enum
{
  MARZ_STORE_ERROR_OPEN,        /* cannot open or create the file */
  MARZ_STORE_ERROR_NOT_MARZ,    /* not a database, or another program's */
  MARZ_STORE_ERROR_TOO_NEW,     /* made by a newer Marz */
  MARZ_STORE_ERROR_CORRUPT,
  MARZ_STORE_ERROR_FAILED,      /* any other SQLite failure */
  MARZ_STORE_ERROR_NOT_FOUND,
} MarzStoreError;

typedef struct
{
  gint64            id;
  char             *name;
  char             *path;
  char             *language;
  char             *variety;
  char             *title;
  char             *source;
  char             *date;        /* as far as @precision goes, or NULL */
  MarzDatePrecision precision;
  MarzDateOrigin    origin;
  char             *encoding;
  char             *text;        /* only from marz_store_get_article() */
  guint             body_start;  /* in characters */
  guint             n_incidents;
} MarzArticleInfo;

typedef struct
{
  MarzArticleInfo *article;
  char            *snippet;      /* original text around the first match */
  guint            match_start;  /* the match, in characters of @snippet */
  guint            match_end;
  guint            text_start;   /* the match, in characters of the article's text */
  guint            text_end;
} MarzSearchHit;

/* What the map shows of a place: its incidents, summed up. */
typedef struct
{
  char                *place_id;
  char                *name;         /* in the language asked for, else English */
  char                *kind;         /* the gazetteer's: "province", "city", … */
  double               lat;
  double               lon;
  guint                n_incidents;
  guint                type_counts[MARZ_N_INCIDENT_TYPES];
  gint64               killed;       /* summed known figures, -1 if none is known */
  gint64               injured;
} MarzPlaceSummary;

/* What a timeline draws of an incident: small enough for a million. */
typedef struct
{
  gint64 id;
  gint32 first;         /* its first and last day, counted from 1970-01-01 (day 0) */
  gint32 last;
  guint8 type;          /* MarzIncidentType */
} MarzIncidentMark;

#define MARZ_TYPE_STORE (marz_store_get_type ())
G_DECLARE_FINAL_TYPE (MarzStore, marz_store, MARZ, STORE, GObject)

GQuark     marz_store_error_quark        (void);
char      *marz_store_get_default_path   (void);
MarzStore *marz_store_open               (const char          *path,
                                          GError             **error);
MarzStore *marz_store_open_reader        (const char          *path,
                                          GError             **error);
const char *marz_store_get_path          (MarzStore           *self);
void       marz_store_set_gazetteer      (MarzStore           *self,
                                          MarzGazetteer       *gazetteer);

gboolean   marz_store_begin              (MarzStore           *self,
                                          GError             **error);
gboolean   marz_store_commit             (MarzStore           *self,
                                          GError             **error);
void       marz_store_rollback           (MarzStore           *self);
gboolean   marz_store_sync_places        (MarzStore           *self,
                                          MarzGazetteer       *gazetteer,
                                          GError             **error);
gboolean   marz_store_has_hash           (MarzStore           *self,
                                          const char          *hash,
                                          char               **existing_name,
                                          GError             **error);
gboolean   marz_store_add_article        (MarzStore           *self,
                                          MarzArticle         *article,
                                          GPtrArray           *mentions,
                                          GError             **error);

GPtrArray       *marz_store_list_articles   (MarzStore                *self,
                                             GError                  **error);
MarzArticleInfo *marz_store_get_article     (MarzStore                *self,
                                             const char               *name,
                                             GError                  **error);
GPtrArray       *marz_store_search          (MarzStore                *self,
                                             const char               *query,
                                             guint                     limit,
                                             GError                  **error);
GPtrArray       *marz_store_query_incidents (MarzStore                *self,
                                             const MarzIncidentFilter *filter,
                                             GError                  **error);
GPtrArray       *marz_store_query_article_incidents (MarzStore         *self,
                                                     const char        *article,
                                                     GError           **error);
GPtrArray       *marz_store_query_incident_marks (MarzStore            *self,
                                                  const MarzIncidentFilter *filter,
                                                  GError             **error);
GArray          *marz_store_list_incident_marks (MarzStore             *self,
                                                 const MarzIncidentFilter *filter,
                                                 GError               **error);
GPtrArray       *marz_store_query_incident_page (MarzStore             *self,
                                                 const MarzIncidentFilter *filter,
                                                 gboolean               exact_place,
                                                 guint                  offset,
                                                 guint                  limit,
                                                 guint                 *total,
                                                 GError               **error);
MarzIncident    *marz_store_get_incident    (MarzStore                *self,
                                             gint64                    id,
                                             GError                  **error);
GPtrArray       *marz_store_summarize_places (MarzStore               *self,
                                              const MarzIncidentFilter *filter,
                                              const char              *language,
                                              GError                 **error);
gboolean         marz_store_has_place       (MarzStore                *self,
                                             const char               *id);
gint64           marz_store_count           (MarzStore                *self,
                                             const char               *table);

void       marz_article_info_free        (MarzArticleInfo     *info);
void       marz_search_hit_free          (MarzSearchHit       *hit);
void       marz_place_summary_free       (MarzPlaceSummary    *summary);
MarzIncidentType marz_place_summary_main_type (const MarzPlaceSummary *summary,
                                               MarzIncidentCategory    category);
guint      marz_place_summary_count      (const MarzPlaceSummary *summary,
                                          MarzIncidentCategory    category);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzArticleInfo, marz_article_info_free)

G_END_DECLS
