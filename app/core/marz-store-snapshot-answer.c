/* marz-store-snapshot-answer.c: answering from the incidents in memory
 *
 * The map's summaries, the timeline's marks and a list's pages, from the
 * copy that marz-store-snapshot.c makes; each declines (gives %NULL) where
 * the copy cannot answer exactly as the SQL does.
 */
#define G_LOG_DOMAIN "marz-store"

#include "marz-store-private.h"

#include <string.h>

/* ------------------------------------------------------------------------ */
/* Summing up                                                               */

typedef struct
{
  gint32   from;              /* days */
  gint32   to;
  gboolean types[MARZ_N_INCIDENT_TYPES];
  guint32  languages;         /* 0: any */
  gboolean *within;           /* by place, or NULL for any */
} Query;

typedef struct
{
  guint  n;
  guint  type_counts[MARZ_N_INCIDENT_TYPES];
  gint64 killed;              /* -1: none known */
  gint64 injured;
} Sum;

/* As the SQL's recursive «within»: the place and every place under it. */
static gboolean *
places_within (const MarzStoreSnapshot *snap,
               const char              *place_id)
{
  gboolean *within = g_new0 (gboolean, snap->n_places);

  for (guint i = 0; i < snap->n_places; i++)
    {
      int p = i;

      /* A cycle in the gazetteer must not hang us: no chain is longer
       * than the places. */
      for (guint depth = 0; p >= 0 && depth <= snap->n_places && !within[i]; depth++)
        {
          within[i] = strcmp (snap->places[p].id, place_id) == 0;
          p = snap->places[p].parent;
        }
    }
  return within;
}

/* FALSE when the filter asks what the copy cannot answer exactly. */
static gboolean
query_init (Query                    *q,
            const MarzStoreSnapshot  *snap,
            const MarzIncidentFilter *filter)
{
  MarzIncidentFilter any = { .type = -1 };
  guint i;

  filter = filter ? filter : &any;
  *q = (Query) { G_MININT32, G_MAXINT32 };
  if ((filter->from && !_marz_store_snapshot_parse_day (filter->from, &q->from))
      || (filter->to && !_marz_store_snapshot_parse_day (filter->to, &q->to))
      || filter->type >= MARZ_N_INCIDENT_TYPES)
    return FALSE;
  for (guint t = 0; t < MARZ_N_INCIDENT_TYPES; t++)
    q->types[t] = (filter->type < 0 || (guint) filter->type == t)
               && (filter->types == 0 || (filter->types & (1u << t)))
               && (!filter->hide_diplomacy
                   || marz_incident_type_get_category (t) == MARZ_CATEGORY_VIOLENCE);
  if (filter->language != NULL)
    q->languages = g_ptr_array_find_with_equal_func (snap->languages, filter->language,
                                                     g_str_equal, &i) ? 1u << i : 0;
  if (filter->language != NULL && q->languages == 0)
    memset (q->types, 0, sizeof q->types);   /* no article in that language */
  if (filter->place_id != NULL)
    q->within = places_within (snap, filter->place_id);
  return TRUE;
}

static void
add_figure (gint64 *sum,
            gint32  value)
{
  if (value >= 0)
    *sum = MAX (*sum, 0) + value;
}

/* The first row that starts after @to. */
static gsize
rows_end (const MarzStoreSnapshot *snap,
          gint32                   to)
{
  gsize lo = 0, hi = snap->n_rows;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      if (snap->rows[mid].first <= to)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
sum_rows (const MarzStoreSnapshot *snap,
          const Query             *q,
          Sum                     *sums)
{
  gsize end = rows_end (snap, q->to);

  for (gsize i = 0; i < end; i++)
    {
      const SnapshotRow *row = &snap->rows[i];
      Sum *sum;

      if (row->last < q->from || row->type >= MARZ_N_INCIDENT_TYPES || !q->types[row->type]
          || (q->languages && !(row->languages & q->languages))
          || (q->within && !q->within[row->place]))
        continue;
      sum = &sums[row->place];
      sum->n++;
      sum->type_counts[row->type]++;
      add_figure (&sum->killed, row->killed);
      add_figure (&sum->injured, row->injured);
    }
}

static const char *
place_name (const SnapshotPlace *place,
            const char          *language)
{
  static const char * const languages[] = { "en", "ar", "fa", "ps" };

  for (guint n = 1; language != NULL && n < G_N_ELEMENTS (languages); n++)
    if (strcmp (language, languages[n]) == 0 && place->names[n] != NULL)
      return place->names[n];
  return place->names[0];
}

static GPtrArray *
summaries_of (const MarzStoreSnapshot *snap,
              const Sum               *sums,
              const char              *language)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_place_summary_free);

  for (guint p = 0; p < snap->n_places; p++)
    {
      const SnapshotPlace *place = &snap->places[p];
      MarzPlaceSummary *summary;

      if (sums[p].n == 0)
        continue;
      summary = g_new0 (MarzPlaceSummary, 1);
      summary->place_id = g_strdup (place->id);
      summary->name = g_strdup (place_name (place, language));
      summary->kind = g_strdup (place->kind);
      summary->lat = place->lat;
      summary->lon = place->lon;
      summary->n_incidents = sums[p].n;
      memcpy (summary->type_counts, sums[p].type_counts, sizeof summary->type_counts);
      summary->killed = sums[p].killed;
      summary->injured = sums[p].injured;
      g_ptr_array_add (out, summary);
    }
  return out;
}

/**
 * _marz_store_snapshot_summarize:
 * @out: (out) (transfer full): the summaries, as marz_store_summarize_places()
 *   gives them, or %NULL when the copy cannot answer and the SQL must
 *
 * Returns: FALSE with @error set when the database could not be read
 */
gboolean
_marz_store_snapshot_summarize (MarzStore                *self,
                                const MarzIncidentFilter *filter,
                                const char               *language,
                                GPtrArray               **out,
                                GError                  **error)
{
  MarzStoreSnapshot *snap = _marz_store_snapshot_current (self, error);
  g_autofree Sum *sums = NULL;
  Query q;

  *out = NULL;
  if (snap == NULL)
    return FALSE;
  if (!snap->usable || !query_init (&q, snap, filter))
    return TRUE;
  sums = g_new0 (Sum, snap->n_places);
  for (guint p = 0; p < snap->n_places; p++)
    sums[p].killed = sums[p].injured = -1;
  sum_rows (snap, &q, sums);
  g_free (q.within);
  *out = summaries_of (snap, sums, language);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The timeline's marks                                                     */

static gboolean
row_passes (const SnapshotRow *row,
            const Query       *q)
{
  return row->last >= q->from && row->type < MARZ_N_INCIDENT_TYPES && q->types[row->type]
      && (!q->languages || (row->languages & q->languages))
      && (!q->within || q->within[row->place]);
}

/**
 * _marz_store_snapshot_marks:
 * @out: (out) (transfer full): MarzIncidentMark of the incidents with a
 *   date, by first day, type and id; %NULL when the copy cannot answer and
 *   the SQL must
 *
 * Returns: FALSE with @error set when the database could not be read
 */
gboolean
_marz_store_snapshot_marks (MarzStore                *self,
                            const MarzIncidentFilter *filter,
                            GArray                  **out,
                            GError                  **error)
{
  MarzStoreSnapshot *snap = _marz_store_snapshot_current (self, error);
  gint32 epoch = 0;
  GArray *marks;
  gsize end;
  Query q;

  *out = NULL;
  if (snap == NULL)
    return FALSE;
  if (!snap->usable || !query_init (&q, snap, filter))
    return TRUE;
  _marz_store_snapshot_parse_day ("1970-01-01", &epoch);
  end = rows_end (snap, q.to);
  marks = g_array_sized_new (FALSE, FALSE, sizeof (MarzIncidentMark), (guint) MIN (end, G_MAXUINT));
  for (gsize i = 0; i < end; i++)
    {
      const SnapshotRow *row = &snap->rows[i];
      MarzIncidentMark mark;

      if (row->first == SNAPSHOT_NO_DAY_FIRST || !row_passes (row, &q))
        continue;
      mark = (MarzIncidentMark) { snap->ids[i], row->first - epoch, row->last - epoch, row->type };
      g_array_append_val (marks, mark);
    }
  g_free (q.within);
  *out = marks;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* A page of a list                                                         */

typedef struct
{
  const MarzStoreSnapshot *snap;
  const Query             *q;
  int                      exact;     /* the one place, or -1 */
  guint                    offset;
  guint                    limit;
  guint                    n;         /* incidents that passed so far */
  GArray                  *scratch;   /* gsize: the rows of one day that pass */
  GArray                  *ids;       /* gint64: the page */
} Pager;

/* In a day, as marz_store_query_incidents() orders: rank (the type), the
 * place's English name, id. */
static int
compare_in_day (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const MarzStoreSnapshot *snap = user_data;
  gsize ia = *(const gsize *) a, ib = *(const gsize *) b;
  const SnapshotRow *x = &snap->rows[ia], *y = &snap->rows[ib];
  int names;

  if (x->type != y->type)
    return x->type < y->type ? -1 : 1;
  if (x->place != y->place
      && (names = g_strcmp0 (snap->places[x->place].names[0], snap->places[y->place].names[0])) != 0)
    return names;
  return (snap->ids[ia] > snap->ids[ib]) - (snap->ids[ia] < snap->ids[ib]);
}

/* Rows @from to @to, all of one day: counted, and sorted only when the
 * page takes some of them. */
static void
page_day (Pager *p,
          gsize  from,
          gsize  to)
{
  guint before = p->n;

  g_array_set_size (p->scratch, 0);
  for (gsize i = from; i < to; i++)
    if (row_passes (&p->snap->rows[i], p->q) && (p->exact < 0 || p->snap->rows[i].place == p->exact))
      g_array_append_val (p->scratch, i);
  p->n += p->scratch->len;
  if (p->n <= p->offset || before >= p->offset + p->limit)
    return;
  g_array_sort_with_data (p->scratch, compare_in_day, (gpointer) p->snap);
  for (guint k = MAX (before, p->offset) - before; k < p->scratch->len && before + k < p->offset + p->limit; k++)
    g_array_append_val (p->ids, p->snap->ids[g_array_index (p->scratch, gsize, k)]);
}

static int
place_index (const MarzStoreSnapshot *snap,
             const char              *place_id)
{
  for (guint i = 0; place_id != NULL && i < snap->n_places; i++)
    if (strcmp (snap->places[i].id, place_id) == 0)
      return (int) i;
  return -1;
}

/**
 * _marz_store_snapshot_page:
 * @exact_place: the filter's place alone, not the places within it
 * @ids: (out) (transfer full): the ids of the page's incidents, in the
 *   order of marz_store_query_incidents(); %NULL when the copy cannot
 *   answer and the SQL must
 * @total: (out): how many incidents pass
 *
 * Returns: FALSE with @error set when the database could not be read
 */
gboolean
_marz_store_snapshot_page (MarzStore                *self,
                           const MarzIncidentFilter *filter,
                           gboolean                  exact_place,
                           guint                     offset,
                           guint                     limit,
                           GArray                  **ids,
                           guint                    *total,
                           GError                  **error)
{
  MarzStoreSnapshot *snap = _marz_store_snapshot_current (self, error);
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize end, dated;
  Pager p;
  Query q;

  *ids = NULL;
  if (snap == NULL)
    return FALSE;
  if (!snap->usable || !query_init (&q, snap, filter))
    return TRUE;
  p = (Pager) { snap, &q, -1, offset, MIN (limit, G_MAXUINT - offset), 0, scratch,
                g_array_new (FALSE, FALSE, sizeof (gint64)) };
  if (exact_place && filter != NULL && filter->place_id != NULL
      && (p.exact = place_index (snap, filter->place_id)) < 0)
    memset (q.types, 0, sizeof q.types);   /* no such place */
  end = rows_end (snap, q.to);
  dated = MIN (rows_end (snap, SNAPSHOT_NO_DAY_FIRST - 1), end);
  /* SQLite sorts incidents without a date (NULL) first. */
  page_day (&p, dated, end);
  for (gsize i = 0, j; i < dated; i = j)
    {
      for (j = i + 1; j < dated && snap->rows[j].first == snap->rows[i].first; j++)
        ;
      page_day (&p, i, j);
    }
  g_free (q.within);
  *ids = p.ids;
  *total = p.n;
  return TRUE;
}
