/* bench-filters-store.c: a large Marz store, written row by row
 *
 * N articles and N incidents, about 1.2 reports per incident, written
 * directly: the extractor would take hours and is not what bench-filters
 * measures.  The store is opened with marz_store_open(), so its schema and
 * migrations are the real ones, and the rows are what an import writes:
 * articles with their text (short synthetic Arabic and Persian, a place
 * name now and then, frequent words frequent), their words in the FTS5 index
 * as the import indexes them (normalized and split by the same functions),
 * incidents on the gazetteer's places over 2024–2025 (92 % known to the
 * day, the rest to the month; violence about 80 %), and reports tying each
 * incident to one article, or one in five to two.  Sentences are left out:
 * no view change reads them.
 */
#define G_LOG_DOMAIN "marz-bench"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "bench-filters-store.h"
#include "marz-gazetteer.h"
#include "marz-normalize.h"
#include "marz-store-private.h"
#include "marz-tokenizer.h"

#define SEED 20251205

/* Words of news about the conflict, most frequent first. */
static const char * const words_ar[] = {
  "في", "من", "على", "أن", "الحدود", "باكستان", "أفغانستان", "طالبان", "قال", "مسؤول",
  "غارات", "جوية", "قتلى", "جرحى", "اشتباكات", "هجوم", "القوات", "المدنيين", "وزارة", "الخارجية",
  "محادثات", "وقف", "إطلاق", "النار", "انفجار", "قصف", "مدفعي", "معبر", "إغلاق", "بيان",
  "الجيش", "مصادر", "محلية", "الأمن", "ولاية", "مقتل", "إصابة", "عناصر", "الحكومة", "الوفد",
};
static const char * const words_fa[] = {
  "در", "و", "به", "از", "که", "مرز", "پاکستان", "افغانستان", "طالبان", "گفت",
  "حملات", "هوایی", "کشته", "زخمی", "درگیری", "حمله", "نیروهای", "غیرنظامیان", "وزارت", "خارجه",
  "مذاکرات", "آتش‌بس", "انفجار", "گلوله‌باری", "گذرگاه", "بسته", "بیانیه", "ارتش", "منابع", "محلی",
  "امنیتی", "ولایت", "کشته‌شدن", "زخمی‌شدن", "افراد", "حکومت", "هیئت", "دیدار", "سفر", "اعلام",
};

char *
bench_day_string (int day)
{
  g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_JANUARY, BENCH_FIRST_YEAR);
  char buf[16];

  g_date_add_days (date, day);
  g_snprintf (buf, sizeof buf, "%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
              g_date_get_day (date));
  return g_strdup (buf);
}

/* Frequent things are frequent: index i of n with probability falling as i grows. */
static guint
skewed (GRand *rand,
        guint  n)
{
  double u = g_rand_double (rand);

  return MIN (n - 1, (guint) (n * u * u * u));
}

static const char *
place_name (const MarzPlace *place,
            gboolean         persian)
{
  const char *name = persian ? place->name_fa : place->name_ar;

  return name ? name : place->name_en;
}

/* @n_words words of one language, a place name now and then. */
static void
append_words (GString   *text,
              GRand     *rand,
              gboolean   persian,
              GPtrArray *places,
              guint      n_words)
{
  const char * const *words = persian ? words_fa : words_ar;
  guint n = persian ? G_N_ELEMENTS (words_fa) : G_N_ELEMENTS (words_ar);

  for (guint w = 0; w < n_words; w++)
    {
      if (text->len > 0)
        g_string_append_c (text, w % 12 == 11 ? '.' : ' ');
      if (g_rand_int_range (rand, 0, 12) == 0)
        g_string_append (text, place_name (g_ptr_array_index (places, skewed (rand, places->len)), persian));
      else
        g_string_append (text, words[skewed (rand, n)]);
    }
}

/* What the import puts in the index: the normalized words, joined. */
static char *
index_text (const char *text)
{
  g_autoptr(MarzNormalized) key = marz_normalized_new (text, -1);
  g_autoptr(GArray) tokens = marz_tokenize (key->text, key->len);

  return marz_tokens_join (key->text, tokens, 0);
}

static gboolean
step_done (MarzStore    *store,
           sqlite3_stmt *stmt,
           GError      **error)
{
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE;

  sqlite3_reset (stmt);
  return ok || _marz_store_fail (store, error);
}

static gboolean
insert_article (MarzStore    *store,
                sqlite3_stmt *row,
                sqlite3_stmt *index,
                guint         id,
                GRand        *rand,
                gboolean      persian,
                GPtrArray    *places,
                GError      **error)
{
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *name = g_strdup_printf ("bench-%06u.txt", id);
  g_autofree char *path = g_strdup_printf ("/bench/%s", name);
  g_autofree char *hash = g_strdup_printf ("%064u", id);
  g_autofree char *date = bench_day_string (g_rand_int_range (rand, 0, BENCH_N_DAYS));
  g_autofree char *text = NULL, *index_title = NULL, *index_body = NULL;

  append_words (title, rand, persian, places, g_rand_int_range (rand, 5, 9));
  append_words (body, rand, persian, places, g_rand_int_range (rand, 30, 90));
  text = g_strconcat (title->str, "\n", body->str, NULL);
  sqlite3_bind_int64 (row, 1, id);
  sqlite3_bind_text (row, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (row, 3, path, -1, SQLITE_STATIC);
  sqlite3_bind_text (row, 4, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (row, 5, persian ? "fa" : "ar", -1, SQLITE_STATIC);
  sqlite3_bind_text (row, 6, persian ? "fa-AF" : NULL, -1, SQLITE_STATIC);
  sqlite3_bind_text (row, 7, title->str, -1, SQLITE_STATIC);
  sqlite3_bind_text (row, 8, date, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (row, 9, g_utf8_strlen (title->str, -1) + 1);
  sqlite3_bind_text (row, 10, text, -1, SQLITE_STATIC);
  if (!step_done (store, row, error))
    return FALSE;
  index_title = index_text (title->str);
  index_body = index_text (body->str);
  sqlite3_bind_int64 (index, 1, id);
  sqlite3_bind_text (index, 2, index_title, -1, SQLITE_STATIC);
  sqlite3_bind_text (index, 3, index_body, -1, SQLITE_STATIC);
  return step_done (store, index, error);
}

/* Persian for about 40 % of the articles, Arabic for the rest.  The
 * language of each is kept for its reports. */
static gboolean
load_articles (MarzStore  *store,
               GPtrArray  *places,
               guint       n,
               guint8     *persian,
               GError    **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(sqlite3_stmt) row = _marz_store_prepare (store,
    "INSERT INTO articles (id, name, path, hash, encoding, language, variety, title, source, date,"
    " date_precision, date_origin, body_start, text)"
    " VALUES (?1, ?2, ?3, ?4, 'UTF-8', ?5, ?6, ?7, 'bench', ?8, 'day', 'header', ?9, ?10)", error);
  g_autoptr(sqlite3_stmt) index = _marz_store_prepare (store,
    "INSERT INTO article_index (rowid, title, body) VALUES (?, ?, ?)", error);

  if (row == NULL || index == NULL)
    return FALSE;
  for (guint id = 1; id <= n; id++)
    {
      persian[id] = g_rand_int_range (rand, 0, 10) < 4;
      if (!insert_article (store, row, index, id, rand, persian[id], places, error))
        return FALSE;
    }
  return TRUE;
}

static MarzIncidentType
random_type (GRand *rand)
{
  /* Violence about 80 %, the most specific types the most reported. */
  static const MarzIncidentType types[] = {
    MARZ_INCIDENT_AIRSTRIKE, MARZ_INCIDENT_AIRSTRIKE, MARZ_INCIDENT_AIRSTRIKE, MARZ_INCIDENT_SHELLING,
    MARZ_INCIDENT_SHELLING, MARZ_INCIDENT_CLASH, MARZ_INCIDENT_CLASH, MARZ_INCIDENT_CLASH,
    MARZ_INCIDENT_ATTACK, MARZ_INCIDENT_ATTACK, MARZ_INCIDENT_EXPLOSION, MARZ_INCIDENT_EXPLOSION,
    MARZ_INCIDENT_CEASEFIRE, MARZ_INCIDENT_TALKS, MARZ_INCIDENT_CLOSURE, MARZ_INCIDENT_STATEMENT,
  };
  return types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))];
}

static void
bind_figure (sqlite3_stmt *stmt,
             int           column,
             GRand        *rand)
{
  if (g_rand_int_range (rand, 0, 10) < 6)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int (stmt, column, g_rand_int_range (rand, 0, 50));
}

typedef struct
{
  char **days;      /* "YYYY-MM-DD" of each day */
  char **months;    /* "YYYY-MM" of each day */
  char **firsts;    /* the first and last day of each day's month */
  char **lasts;
} Calendar;

static void
calendar_init (Calendar *c)
{
  c->days = g_new0 (char *, BENCH_N_DAYS + 1);
  c->months = g_new0 (char *, BENCH_N_DAYS + 1);
  c->firsts = g_new0 (char *, BENCH_N_DAYS + 1);
  c->lasts = g_new0 (char *, BENCH_N_DAYS + 1);
  for (int d = 0; d < BENCH_N_DAYS; d++)
    {
      int y, m;

      c->days[d] = bench_day_string (d);
      y = atoi (c->days[d]);
      m = atoi (c->days[d] + 5);
      c->months[d] = g_strndup (c->days[d], 7);
      c->firsts[d] = g_strdup_printf ("%s-01", c->months[d]);
      c->lasts[d] = g_strdup_printf ("%s-%02d", c->months[d], g_date_get_days_in_month (m, y));
    }
}

static void
calendar_clear (Calendar *c)
{
  g_strfreev (c->days);
  g_strfreev (c->months);
  g_strfreev (c->firsts);
  g_strfreev (c->lasts);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Calendar, calendar_clear)

static gboolean
insert_incident (MarzStore       *store,
                 sqlite3_stmt    *stmt,
                 GRand           *rand,
                 const Calendar  *cal,
                 const MarzPlace *place,
                 MarzIncidentType type)
{
  int d = g_rand_int_range (rand, 0, BENCH_N_DAYS);
  gboolean month = g_rand_int_range (rand, 0, 100) < 8;

  sqlite3_bind_text (stmt, 1, marz_incident_type_to_string (type), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, type);
  sqlite3_bind_text (stmt, 3, marz_incident_category_to_string (marz_incident_type_get_category (type)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, place->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, month ? cal->months[d] : cal->days[d], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, month ? "month" : "day", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, month ? cal->firsts[d] : cal->days[d], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, month ? cal->lasts[d] : cal->days[d], -1, SQLITE_STATIC);
  bind_figure (stmt, 9, rand);
  bind_figure (stmt, 10, rand);
  return step_done (store, stmt, NULL);
}

static gboolean
insert_report (MarzStore       *store,
               sqlite3_stmt    *stmt,
               GRand           *rand,
               gint64           incident,
               guint            article,
               MarzIncidentType type)
{
  int start = g_rand_int_range (rand, 0, 400);

  sqlite3_bind_int64 (stmt, 1, incident);
  sqlite3_bind_int64 (stmt, 2, article);
  sqlite3_bind_text (stmt, 3, marz_incident_type_to_string (type), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, start);
  sqlite3_bind_int (stmt, 5, start + g_rand_int_range (rand, 20, 200));
  bind_figure (stmt, 6, rand);
  bind_figure (stmt, 7, rand);
  return step_done (store, stmt, NULL);
}

/* Each incident on a place of the gazetteer, reported by one article, and
 * one in five by a second one. */
static gboolean
load_incidents (MarzStore  *store,
                GPtrArray  *places,
                guint       n,
                guint       n_articles,
                GError    **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 1);
  g_auto(Calendar) cal = { 0 };
  g_autoptr(sqlite3_stmt) incident = _marz_store_prepare (store,
    "INSERT INTO incidents (type, rank, category, place_id, date, date_precision, date_start, date_end,"
    " killed, injured) VALUES (?,?,?,?,?,?,?,?,?,?)", error);
  g_autoptr(sqlite3_stmt) report = _marz_store_prepare (store,
    "INSERT INTO reports (incident_id, article_id, type, start, end, killed, injured)"
    " VALUES (?,?,?,?,?,?,?)", error);

  if (incident == NULL || report == NULL)
    return FALSE;
  calendar_init (&cal);
  for (guint i = 0; i < n; i++)
    {
      MarzIncidentType type = random_type (rand);
      const MarzPlace *place = g_ptr_array_index (places, g_rand_int_range (rand, 0, places->len));
      guint first = g_rand_int_range (rand, 1, n_articles + 1), second;
      gint64 id;

      if (!insert_incident (store, incident, rand, &cal, place, type))
        return _marz_store_fail (store, error);
      id = sqlite3_last_insert_rowid (store->db);
      if (!insert_report (store, report, rand, id, first, type))
        return _marz_store_fail (store, error);
      if (n_articles > 1 && g_rand_int_range (rand, 0, 5) == 0
          && (second = 1 + first % n_articles) != first
          && !insert_report (store, report, rand, id, second, type))
        return _marz_store_fail (store, error);
    }
  return TRUE;
}

gboolean
bench_store_build (const char  *path,
                   guint        n_articles,
                   guint        n_incidents,
                   GError     **error)
{
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (error);
  g_autoptr(MarzStore) store = NULL;
  g_autofree guint8 *persian = g_new0 (guint8, n_articles + 1);
  gint64 start = g_get_monotonic_time ();

  if (gazetteer == NULL || (store = marz_store_open (path, error)) == NULL)
    return FALSE;
  /* Not timed: a large cache makes the load faster, nothing else. */
  if (!_marz_store_exec (store, "PRAGMA cache_size = -262144", error)
      || !marz_store_begin (store, error)
      || !marz_store_sync_places (store, gazetteer, error)
      || !load_articles (store, marz_gazetteer_get_places (gazetteer), n_articles, persian, error)
      || !load_incidents (store, marz_gazetteer_get_places (gazetteer), n_incidents,
                          n_articles, error)
      || !marz_store_commit (store, error)
      || !_marz_store_exec (store, "PRAGMA wal_checkpoint (TRUNCATE)", error))
    return FALSE;
  /* stderr: a TAP test builds stores too, and stdout is its report. */
  g_printerr ("built %s in %.1f s\n", path, (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}

void
bench_store_remove (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
}

/* A store kept from an earlier run of the same sizes is used again (and
 * migrated if the schema has changed since); any other is made anew. */
gboolean
bench_store_fits (const char *path,
                  guint       n_articles,
                  guint       n_incidents)
{
  g_autoptr(MarzStore) store = NULL;
  gboolean fits;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  store = marz_store_open (path, NULL);
  fits = store != NULL && marz_store_count (store, "articles") == n_articles
      && marz_store_count (store, "incidents") == n_incidents;
  g_clear_object (&store);
  if (!fits)
    bench_store_remove (path);
  return fits;
}
