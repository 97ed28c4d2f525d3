/* marz-store-private.h: what the store's files share */
#pragma once

#include <sqlite3.h>

#include "marz-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
typedef char MarzSqlString;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzSqlString, sqlite3_free)

/* The connection belongs to whichever thread uses the store; a store must
 * not be used from two threads at once.  Open one store per thread (WAL lets
 * readers and one writer work side by side). */
struct _MarzStore
{
  GObject  parent_instance;

  /* owned */
  char       *path;
  sqlite3    *db;
  GHashTable *statements;  /* static SQL text → sqlite3_stmt, reused */
  MarzGazetteer *gazetteer; /* spellings of places for search, or NULL */
  struct _MarzStoreSnapshot *snapshot;  /* the incidents in memory, or NULL */
  GMutex      lock;        /* see marz_store_summarize_places(); zero-filled, as GLib allows */
};

gboolean      _marz_store_register_tokenizer (MarzStore *self,
                                              GError   **error);
gboolean      _marz_store_register_rank      (MarzStore *self,
                                              GError   **error);
gboolean      _marz_store_fail      (MarzStore   *self,
                                     GError     **error);
sqlite3_stmt *_marz_store_prepare   (MarzStore   *self,
                                     const char  *sql,
                                     GError     **error);
sqlite3_stmt *_marz_store_cached    (MarzStore   *self,
                                     const char  *sql,
                                     GError     **error);
gboolean      _marz_store_exec      (MarzStore   *self,
                                     const char  *sql,
                                     GError     **error);
char         *_marz_store_dup_text  (sqlite3_stmt *stmt,
                                     int           column);
MarzIncident *_marz_store_incident_from_row (sqlite3_stmt *stmt);
gint64        _marz_store_get_count (sqlite3_stmt *stmt,
                                     int           column);

/* Adding articles in batches (marz-store-import.c): the rows of several
 * articles in one statement, then the rest of each. */
#define MARZ_STORE_MAX_ARTICLE_ROWS 16

guint         _marz_store_insert_articles   (MarzStore    *self,
                                             MarzArticle **articles,
                                             guint         n,
                                             gint64       *ids,
                                             GError      **error);
gboolean      _marz_store_add_article_parts (MarzStore    *self,
                                             gint64        article_id,
                                             MarzArticle  *article,
                                             GPtrArray    *mentions,
                                             GError      **error);
void          _marz_store_bind_filter (sqlite3_stmt             *stmt,
                                       const MarzIncidentFilter *filter);

/* The incidents in memory: the copy is made in marz-store-snapshot.c, and
 * the map's summaries, the timeline's marks and a list's pages answered from
 * it in marz-store-snapshot-answer.c. */
#define SNAPSHOT_NO_DAY_FIRST G_MAXINT32   /* an incident without a date is in no range */
#define SNAPSHOT_NO_DAY_LAST  G_MININT32

typedef struct
{
  gint32  first;      /* days (GDate Julian) of date_start */
  gint32  last;       /* of date_end */
  gint32  killed;     /* -1: unknown */
  gint32  injured;
  guint32 languages;  /* bit i: reported in languages[i] */
  guint16 place;      /* index in places */
  guint8  type;       /* MARZ_N_INCIDENT_TYPES: a type this version does not know */
} SnapshotRow;

typedef struct
{
  char   *id;
  char   *kind;
  char   *names[4];   /* en, ar, fa, ps */
  double  lat;
  double  lon;
  int     parent;     /* index in places, or -1 */
} SnapshotPlace;

typedef struct _MarzStoreSnapshot MarzStoreSnapshot;

struct _MarzStoreSnapshot
{
  gint64         data_version;   /* of the database the copy was made of */
  gint64         total_changes;
  gboolean       usable;         /* FALSE: the SQL answers */
  SnapshotPlace *places;         /* by id, as SQLite orders them */
  guint          n_places;
  GPtrArray     *languages;
  SnapshotRow   *rows;           /* by first day, then type, then id */
  gint64        *ids;            /* of rows, in the same order (8 more bytes an incident) */
  gsize          n_rows;
};

void          _marz_store_snapshot_free      (MarzStoreSnapshot        *snapshot);
MarzStoreSnapshot *
              _marz_store_snapshot_current   (MarzStore                *self,
                                              GError                  **error);
gboolean      _marz_store_snapshot_parse_day (const char               *text,
                                              gint32                   *days);
gboolean      _marz_store_snapshot_summarize (MarzStore                *self,
                                              const MarzIncidentFilter *filter,
                                              const char               *language,
                                              GPtrArray               **out,
                                              GError                  **error);
gboolean      _marz_store_snapshot_marks     (MarzStore                *self,
                                              const MarzIncidentFilter *filter,
                                              GArray                  **out,
                                              GError                  **error);
gboolean      _marz_store_snapshot_page      (MarzStore                *self,
                                              const MarzIncidentFilter *filter,
                                              gboolean                  exact_place,
                                              guint                     offset,
                                              guint                     limit,
                                              GArray                  **ids,
                                              guint                    *total,
                                              GError                  **error);
GPtrArray    *_marz_store_summarize_places_sql (MarzStore                *self,
                                                const MarzIncidentFilter *filter,
                                                const char               *language,
                                                GError                  **error);

/* The filter's conditions after ?1–?4, on incidents as «i», that
 * _marz_store_bind_filter() binds (?5 is left to the query). */
#define MARZ_STORE_FILTER_MORE \
  " AND (?6 IS NULL OR (?6 >> i.rank) & 1)" \
  " AND (?7 IS NULL OR i.category = 'violence')" \
  " AND (?8 IS NULL OR EXISTS (SELECT 1 FROM reports r8 JOIN articles a8 ON a8.id = r8.article_id" \
  "   WHERE r8.incident_id = i.id AND a8.language = ?8))"

G_END_DECLS
