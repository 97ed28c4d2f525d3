/* The extractor on the bundled corpus (the six violent incidents a reader
 * finds there, exactly) and on articles written for these tests, in Arabic
 * and Persian, to show it generalizes. */
#undef G_DISABLE_ASSERT

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "marz-import.h"
#include "marz-reader.h"

typedef struct
{
  MarzStore     *store;
  MarzExtractor *extractor;
  char          *dir;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (&error);
  g_autoptr(GDate) today = g_date_new_dmy (21, 11, 2026);
  g_autofree char *db = NULL;

  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("marz-extractor-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "marz.db", NULL);
  f->store = marz_store_open (db, &error);
  g_assert_no_error (error);
  f->extractor = marz_extractor_new (gazetteer);
  marz_extractor_set_today (f->extractor, today);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->extractor);
  g_free (f->dir);
}

static void
import (Fixture *f, const char *path, guint expected_added)
{
  g_autoptr(GError) error = NULL;
  const char *paths[] = { path, NULL };
  MarzImportSummary summary;

  g_assert_true (marz_import_paths (f->store, f->extractor, paths, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.failed, ==, 0);
  g_assert_cmpuint (summary.added, ==, expected_added);
}

/* Writes an article of our own and imports it. */
static void
import_text (Fixture *f, const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  import (f, path, 1);
}

static GPtrArray *
incidents (Fixture *f, int category)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = marz_store_query_incidents (f->store, NULL, &error);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_incident_free);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      MarzIncident *incident = g_ptr_array_index (all, i);
      if (category < 0 || marz_incident_type_get_category (incident->type) == (guint) category)
        g_ptr_array_add (out, g_ptr_array_steal_index (all, i--));
    }
  return out;
}

static MarzIncident *
find (GPtrArray *list, const char *place_id, const char *date)
{
  for (guint i = 0; i < list->len; i++)
    {
      MarzIncident *incident = g_ptr_array_index (list, i);
      if (g_str_equal (incident->place_id, place_id) && g_strcmp0 (incident->date, date) == 0)
        return incident;
    }
  g_error ("no incident at %s on %s", place_id, date);
  return NULL;
}

static char *
report_articles (MarzIncident *incident)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < incident->reports->len; i++)
    {
      MarzReport *r = g_ptr_array_index (incident->reports, i);
      g_string_append_printf (s, "%s%.3s", i ? " " : "", r->article);
    }
  return g_string_free (s, FALSE);
}

/* The evidence is exactly the original text at its offsets. */
static void
assert_evidence_in_original (MarzReport *r)
{
  g_autofree char *path = g_build_filename (g_getenv ("MARZ_DATADIR"), "corpus", r->article, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzArticle) article = marz_reader_read_file (path, &error);
  g_autofree char *slice = NULL;

  g_assert_no_error (error);
  slice = g_utf8_substring (article->text, r->start, r->end);
  g_assert_cmpstr (slice, ==, r->evidence);
}

static void
check_golden (MarzIncident *incident, const char *type, const char *articles, const char *evidence)
{
  g_autofree char *found = report_articles (incident);

  g_assert_cmpstr (marz_incident_type_to_string (incident->type), ==, type);
  g_assert_cmpint (incident->precision, ==, MARZ_DATE_PRECISION_DAY);
  g_assert_cmpstr (found, ==, articles);
  for (guint i = 0; i < incident->reports->len; i++)
    assert_evidence_in_original (g_ptr_array_index (incident->reports, i));
  g_assert_nonnull (strstr (((MarzReport *) g_ptr_array_index (incident->reports, 0))->evidence, evidence));
}

static void
check_shared_figures (MarzIncident *incident)
{
  MarzReport *r = g_ptr_array_index (incident->reports, 0);

  /* «ten civilians killed and 8 injured» in Khost, Kunar and Paktika together:
   * no one place may claim the figures, and they are counted once. */
  g_assert_cmpint (incident->killed, ==, -1);
  g_assert_cmpint (incident->injured, ==, -1);
  g_assert_cmpint (incident->shared_killed, ==, 10);
  g_assert_cmpint (incident->shared_injured, ==, 8);
  g_assert_cmpuint (incident->shared_places->len, ==, 3);
  g_assert_true (g_ptr_array_find_with_equal_func (incident->shared_places, "khost-province", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (incident->shared_places, "kunar", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (incident->shared_places, "paktika", g_str_equal, NULL));
  g_assert_true (r->shared);
  g_assert_cmpint (r->killed, ==, 10);
  g_assert_cmpint (r->injured, ==, 8);
}

static void
test_corpus_golden (Fixture *f, gconstpointer data)
{
  g_autofree char *corpus = g_build_filename (g_getenv ("MARZ_DATADIR"), "corpus", NULL);
  g_autoptr(GPtrArray) violent = NULL;

  import (f, corpus, 5);
  violent = incidents (f, MARZ_CATEGORY_VIOLENCE);

  g_assert_cmpuint (violent->len, ==, 6);
  check_golden (find (violent, "kabul", "2025-10-09"), "airstrike", "000 002 004", "كابول");
  check_golden (find (violent, "paktika", "2025-10-09"), "airstrike", "004", "پکتیکا");
  check_golden (find (violent, "spin-boldak", "2025-11-07"), "clash", "002", "سپینبولدک");
  check_golden (find (violent, "khost-province", "2025-11-24"), "airstrike", "004", "۲۴ نوامبر");
  check_golden (find (violent, "kunar", "2025-11-24"), "airstrike", "004", "۲۴ نوامبر");
  check_golden (find (violent, "paktika", "2025-11-24"), "airstrike", "004", "۲۴ نوامبر");
  check_shared_figures (find (violent, "khost-province", "2025-11-24"));
  check_shared_figures (find (violent, "kunar", "2025-11-24"));
  check_shared_figures (find (violent, "paktika", "2025-11-24"));
}

static void
check_article (Fixture *f, const char *name, const char *language, const char *variety,
               const char *date, MarzDatePrecision precision, const char *source)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzArticleInfo) a = marz_store_get_article (f->store, name, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (a->language, ==, language);
  g_assert_cmpstr (a->variety, ==, variety);
  g_assert_cmpstr (a->date, ==, date);
  g_assert_cmpint (a->precision, ==, precision);
  if (source == NULL)
    g_assert_null (a->source);
  else
    g_assert_nonnull (strstr (a->source, source));
  g_assert_nonnull (a->title);
  g_assert_cmpuint (g_utf8_strlen (a->title, -1), <=, 141);
}

static void
test_corpus_articles (Fixture *f, gconstpointer data)
{
  g_autofree char *corpus = g_build_filename (g_getenv ("MARZ_DATADIR"), "corpus", NULL);

  import (f, corpus, 5);
  /* 000 has no header: «الأربعاء 29 أكتوبر» fixes the year (2025 is the only
   * year since the 2021 it mentions when 29 October is a Wednesday). */
  check_article (f, "000_762ce45aa623c2ba.txt", "ar", NULL, "2025-10", MARZ_DATE_PRECISION_MONTH, NULL);
  check_article (f, "001_2c7e0a786d366e8c.txt", "ar", NULL, NULL, MARZ_DATE_PRECISION_UNKNOWN, NULL);
  check_article (f, "002_953fb3cf66484f30.txt", "fa", "fa-IR", "2025-11-08", MARZ_DATE_PRECISION_DAY, NULL);
  check_article (f, "003_af36543c52e09699.txt", "fa", "fa-IR", "2025-11-09", MARZ_DATE_PRECISION_DAY, "ابنا");
  check_article (f, "004_bdaeba4cc2571f60.txt", "fa", "fa-AF", "2025-11-27", MARZ_DATE_PRECISION_DAY, "رادیو آزادی");
}

static void
test_corpus_diplomacy (Fixture *f, gconstpointer data)
{
  g_autofree char *corpus = g_build_filename (g_getenv ("MARZ_DATADIR"), "corpus", NULL);
  g_autoptr(GPtrArray) talks = NULL;

  import (f, corpus, 5);
  talks = incidents (f, MARZ_CATEGORY_DIPLOMACY);
  /* «روز پنجشنبه گذشته در استانبول دیدار کردند تا آتشبسی را که در ۱۹ اکتبر
   * در قطر توافق شده بود تثبیت کنند»: talks in Istanbul, a ceasefire in Qatar. */
  g_assert_cmpstr (marz_incident_type_to_string (find (talks, "istanbul", "2025-11-06")->type), ==, "talks");
  g_assert_cmpstr (marz_incident_type_to_string (find (talks, "qatar", "2025-10-19")->type), ==, "ceasefire");
  g_assert_cmpstr (marz_incident_type_to_string (find (talks, "rawalpindi", "2025-11-26")->type), ==, "talks");
  for (guint i = 0; i < talks->len; i++)
    {
      MarzIncident *t = g_ptr_array_index (talks, i);
      /* Talks happen in cities and countries, never at a border line. */
      g_assert_cmpstr (t->place_id, !=, "durand-line");
    }
}

/* ------------------------------------------------------------------------ */
/* Articles of our own                                                      */

static void
test_arabic_shelling_weekday (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = NULL;
  MarzIncident *i;

  import_text (f, "ar-shelling.txt",
               " date 2025-12-03\n"
               "أفادت مصادر محلية بمقتل ثلاثة مدنيين وإصابة خمسة آخرين في قصف مدفعي باكستاني "
               "على ولاية ننكرهار يوم الاثنين.\n");
  list = incidents (f, MARZ_CATEGORY_VIOLENCE);
  g_assert_cmpuint (list->len, ==, 1);
  i = find (list, "nangarhar", "2025-12-01");           /* the Monday before Wednesday 3 December */
  g_assert_cmpstr (marz_incident_type_to_string (i->type), ==, "shelling");
  g_assert_cmpint (i->killed, ==, 3);
  g_assert_cmpint (i->injured, ==, 5);
}

static void
test_persian_clash_relative (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(MarzArticleInfo) a = NULL;
  MarzIncident *i;

  import_text (f, "fa-clash.txt",
               " date 2025-12-10\n"
               "به گزارش طلوع‌نیوز، در درگیری شب گذشته میان نیروهای طالبان و ارتش پاکستان در نزدیکی "
               "گذرگاه تورخم دست‌کم ۴ تن کشته و ۱۲ تن زخمی شدند.\n");
  list = incidents (f, MARZ_CATEGORY_VIOLENCE);
  g_assert_cmpuint (list->len, ==, 1);
  i = find (list, "torkham", "2025-12-09");
  g_assert_cmpstr (marz_incident_type_to_string (i->type), ==, "clash");
  g_assert_cmpint (i->killed, ==, 4);
  g_assert_cmpint (i->injured, ==, 12);
  a = marz_store_get_article (f->store, "fa-clash.txt", NULL);
  g_assert_nonnull (strstr (a->source, "طلوع"));
}

static void
test_solar_hijri_dates (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = NULL;

  /* Iranian and Dari month names, and a numeric Solar Hijri date. */
  import_text (f, "fa-hijri.txt",
               "روز ۱۵ آذر ۱۴۰۴ یک انفجار در شهر جلال‌آباد دو نفر را کشت.\n"
               "در حمله هوایی ۳ قوس ۱۴۰۴ بر ولسوالی برمل در ولایت پکتیکا پنج نفر کشته شدند.\n"
               "گزارش‌ها می‌گویند در ۱۴۰۴/۰۹/۲۰ یک درگیری در سپین بولدک رخ داد.\n");
  list = incidents (f, MARZ_CATEGORY_VIOLENCE);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (marz_incident_type_to_string (find (list, "jalalabad", "2025-12-06")->type), ==, "explosion");
  g_assert_cmpint (find (list, "barmal", "2025-11-24")->killed, ==, 5);
  g_assert_cmpstr (marz_incident_type_to_string (find (list, "spin-boldak", "2025-12-11")->type), ==, "clash");
}

static void
test_merge_across_languages (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = NULL;
  MarzIncident *i;

  import_text (f, "ar-khost.txt",
               " date 2025-12-05\nقُتل سبعة أشخاص في غارة جوية على مدينة خوست يوم 4 ديسمبر.\n");
  import_text (f, "fa-khost.txt",
               " date 2025-12-06\nدر بمباران هوایی شهر خوست در ۴ دسامبر هفت نفر کشته و ۹ نفر زخمی شدند.\n");
  list = incidents (f, MARZ_CATEGORY_VIOLENCE);
  g_assert_cmpuint (list->len, ==, 1);
  i = find (list, "khost", "2025-12-04");     /* the city: no «ولایت» before it */
  g_assert_cmpuint (i->reports->len, ==, 2);
  g_assert_cmpint (i->killed, ==, 7);
  g_assert_cmpint (i->injured, ==, 9);
}

static void
test_month_precision (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = NULL;
  MarzIncident *i;

  import_text (f, "ar-month.txt", "تعرضت ولاية كنر لقصف مدفعي متواصل خلال شهر نوفمبر 2025.\n");
  list = incidents (f, MARZ_CATEGORY_VIOLENCE);
  g_assert_cmpuint (list->len, ==, 1);
  i = find (list, "kunar", "2025-11");
  g_assert_cmpint (i->precision, ==, MARZ_DATE_PRECISION_MONTH);
}

static void
test_background_is_not_a_report (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = NULL;

  /* No place that can be mapped, no date, a country, a border line, or a
   * city abroad: each is background, not a report of an incident. */
  import_text (f, "ar-background.txt",
               " date 2025-12-05\n"
               "وقعت اشتباكات عنيفة على الحدود بين أفغانستان وباكستان يوم 3 ديسمبر.\n"
               "وكانت الأزمة قد بدأت بغارات جوية على كابل.\n"
               "ودارت معارك على طول خط ديورند في 2 ديسمبر.\n"
               "وانفجرت قنبلة في إسطنبول يوم 1 ديسمبر.\n");
  list = incidents (f, MARZ_CATEGORY_VIOLENCE);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_future_violence_rejected (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = NULL;

  /* An article dated 1 December cannot report strikes of 20 December. */
  import_text (f, "fa-future.txt", " date 2025-12-01\nحملات هوایی بر کابل در ۲۰ دسامبر ۲۰۲۵.\n");
  list = incidents (f, MARZ_CATEGORY_VIOLENCE);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_chain_of_sentences (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = NULL;
  MarzIncident *i;
  MarzReport *r;

  /* The first sentence borrows the second's place but still has no date, so
   * it reports nothing; the second must still complete itself with the
   * third's date rather than be used up. */
  import_text (f, "fa-chain.txt",
               " date 2025-12-05\n"
               "درگیری‌ها ادامه داشت. در نزدیکی تورخم تیراندازی شد. این رویداد روز ۳ دسامبر ۲۰۲۵ رخ داد.\n");
  list = incidents (f, MARZ_CATEGORY_VIOLENCE);
  g_assert_cmpuint (list->len, ==, 1);
  i = find (list, "torkham", "2025-12-03");
  r = g_ptr_array_index (i->reports, 0);
  g_assert_true (g_str_has_prefix (r->evidence, "در نزدیکی تورخم"));
  g_assert_true (g_str_has_suffix (r->evidence, "رخ داد."));
}

static void
test_no_place_from_talks (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = NULL;

  /* Clashes with no place, then talks at a venue: the venue is not where
   * the clashes were. */
  import_text (f, "ar-talks-venue.txt",
               " date 2025-12-05\n"
               "اندلعت اشتباكات عنيفة يوم 3 ديسمبر. وقال مسؤولون إن المفاوضات ستعقد في مدينة خوست.\n");
  list = incidents (f, MARZ_CATEGORY_VIOLENCE);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_blame_stays_in_its_sentence (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = NULL;

  /* «وتتهم» opens the next sentence: it does not make Khost an actor. */
  import_text (f, "ar-blame-next.txt",
               " date 2025-12-05\n"
               "وقعت اشتباكات يوم 3 ديسمبر في مدينة خوست. وتتهم إسلام آباد طالبان بإيواء المسلحين.\n");
  list = incidents (f, MARZ_CATEGORY_VIOLENCE);
  g_assert_cmpuint (list->len, ==, 1);
  find (list, "khost", "2025-12-03");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/extractor/corpus/golden", test_corpus_golden);
  ADD ("/extractor/corpus/articles", test_corpus_articles);
  ADD ("/extractor/corpus/diplomacy", test_corpus_diplomacy);
  ADD ("/extractor/own/arabic-shelling-weekday", test_arabic_shelling_weekday);
  ADD ("/extractor/own/persian-clash-relative", test_persian_clash_relative);
  ADD ("/extractor/own/solar-hijri", test_solar_hijri_dates);
  ADD ("/extractor/own/merge-across-languages", test_merge_across_languages);
  ADD ("/extractor/own/month-precision", test_month_precision);
  ADD ("/extractor/own/background", test_background_is_not_a_report);
  ADD ("/extractor/own/future", test_future_violence_rejected);
  ADD ("/extractor/own/chain", test_chain_of_sentences);
  ADD ("/extractor/own/no-place-from-talks", test_no_place_from_talks);
  ADD ("/extractor/own/blame-stays-in-its-sentence", test_blame_stays_in_its_sentence);
#undef ADD

  return g_test_run ();
}
