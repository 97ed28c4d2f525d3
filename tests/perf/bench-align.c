/* bench-align.c: aligning two 5,000-sentence articles
 *
 * Both articles are built from the corpus's sentences, each copy with its
 * own figures, day and place, so the anchors vary as in real news and the
 * inverted index has real work.  The baseline, measured in the same run, is
 * splitting and normalizing both texts; the target is under a second.
 * On a machine shared with other work the wall time swings with the load,
 * so the process's CPU time is printed beside it.  The view asks each
 * sentence for its pair (marz_alignment_get_pair_for_a/_b) and builds the
 * rows: timed apart, and checked against a walk of the pairs.
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-machine.h"
#include "marz-align.h"
#include "marz-normalize.h"
#include "marz-sentences.h"

#define N_SENTENCES 5000
#define RUNS 5

static const char * const ar_templates[] = {
  "وأعلنت البعثة مقتل %d مدنياً على الأقل و%d جريحاً في %s يوم %d أكتوبر.",
  "وبدأت الاشتباكات بعد غارات جوية باكستانية على %s في %d أكتوبر استهدفت زعيم طالبان الباكستانية.",
  "وقتل أكثر من %d شخصاً على الحدود قرب %s في %d أكتوبر، بحسب مصادر محلية ذكرت %d جريحاً.",
  "واتفقت الدولتان على وقف إطلاق النار في %s يوم %d أكتوبر بعد محادثات شارك فيها %d مفاوضاً و%d مراقباً.",
};
static const char * const fa_templates[] = {
  "در این درگیری دستکم %d غیرنظامی کشته و حدود %d نفر زخمی شدند در %s روز %d اکتبر.",
  "خشونتها پس از انفجارهای %d اکتبر در %s آغاز شد و %d نفر کشته و %d نفر زخمی شدند.",
  "تحریک طالبان پاکستان مسئولیت حمله در %s را در %d اکتبر پذیرفت که در آن %d سرباز کشته و %d زخمی شدند.",
  "آتشبس در %s روز %d اکتبر پس از گفتوگوهای %d ساعته با حضور %d میانجی برقرار شد.",
};
static const char * const places[] = {
  "كابل", "قندهار", "خوست", "بكتيكا", "سبين بولدك", "إسطنبول", "الدوحة", "إسلام آباد", "كنر", "راولبندي",
};
static const char * const fa_places[] = {
  "کابل", "کندهار", "خوست", "پکتیکا", "سپین‌بولدک", "استانبول", "دوحه", "اسلام‌آباد", "کنر", "راولپندی",
};

/* The templates are ours and take ints and strings as their order says. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static char *
make_text (gboolean persian, guint32 seed)
{
  GString *out = g_string_new (NULL);
  GRand *rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < N_SENTENCES; i++)
    {
      guint t = g_rand_int_range (rand, 0, 4), p = g_rand_int_range (rand, 0, G_N_ELEMENTS (places));
      int x = g_rand_int_range (rand, 1, 900), y = g_rand_int_range (rand, 1, 900);
      int day = g_rand_int_range (rand, 1, 29), z = g_rand_int_range (rand, 1, 900);
      const char *place = persian ? fa_places[p] : places[p];
      const char *tmpl = persian ? fa_templates[t] : ar_templates[t];

      /* Each template takes its four values in its own order. */
      if (t == 0)
        g_string_append_printf (out, tmpl, x, y, place, day);
      else if (t == 1)
        persian ? g_string_append_printf (out, tmpl, day, place, x, y)
                : g_string_append_printf (out, tmpl, place, day);
      else if (t == 2)
        persian ? g_string_append_printf (out, tmpl, place, day, x, y)
                : g_string_append_printf (out, tmpl, x, place, day, y);
      else
        g_string_append_printf (out, tmpl, place, day, x, z);
      g_string_append_c (out, i % 7 == 6 ? '\n' : ' ');
    }
  g_rand_free (rand);
  return g_string_free (out, FALSE);
}
#pragma GCC diagnostic pop

static double
baseline (const char *a, const char *b)
{
  gint64 t0 = g_get_monotonic_time ();
  const char *texts[] = { a, b };

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(GArray) spans = marz_sentences_split (texts[k], strlen (texts[k]), 0);
      for (guint i = 0; i < spans->len; i++)
        {
          const MarzTextSpan *s = &g_array_index (spans, MarzTextSpan, i);
          g_autoptr(MarzNormalized) n = marz_normalized_new (texts[k] + s->start, s->end - s->start);
        }
    }
  return (g_get_monotonic_time () - t0) / 1e6;
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Every sentence's pair, as the view asks for them, and the rows; checked
 * against the pairs themselves. */
static double
look_up (const MarzAlignment *alignment)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(GArray) rows = NULL;
  guint found = 0;

  for (guint i = 0; i < alignment->sentences_a->len; i++)
    found += marz_alignment_get_pair_for_a (alignment, i) != NULL;
  for (guint i = 0; i < alignment->sentences_b->len; i++)
    found += marz_alignment_get_pair_for_b (alignment, i) != NULL;
  rows = marz_alignment_get_rows (alignment);
  g_assert (found == 2 * alignment->pairs->len);
  for (guint i = 0; i < alignment->pairs->len; i++)
    {
      const MarzAlignPair *pair = g_ptr_array_index (alignment->pairs, i);
      g_assert (marz_alignment_get_pair_for_a (alignment, pair->a) == pair);
      g_assert (marz_alignment_get_pair_for_b (alignment, pair->b) == pair);
    }
  return (g_get_monotonic_time () - t0) / 1e6;
}

static double
align (MarzAligner *aligner, const char *a, const char *b, guint *n_pairs, guint *n_a, guint *n_b,
       double *cpu, double *lookups)
{
  MarzAlignSource sa = { "a", a, -1, 0, "ar", NULL, 2025, 11, 8 };
  MarzAlignSource sb = { "b", b, -1, 0, "fa", "fa-AF", 2025, 11, 8 };
  double c0 = cpu_seconds ();
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(MarzAlignment) alignment = marz_aligner_align (aligner, &sa, &sb, NULL);
  double seconds = (g_get_monotonic_time () - t0) / 1e6;

  *cpu = cpu_seconds () - c0;
  *lookups = look_up (alignment);
  *n_pairs = alignment->pairs->len;
  *n_a = alignment->sentences_a->len;
  *n_b = alignment->sentences_b->len;
  return seconds;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (void)
{
  g_autoptr(MarzGazetteer) gazetteer = marz_gazetteer_new_default (NULL);
  g_autoptr(MarzGlossary) glossary = marz_glossary_new_default (NULL);
  g_autoptr(MarzAnchorFinder) finder = NULL;
  g_autoptr(MarzAligner) aligner = NULL;
  g_autofree char *a = make_text (FALSE, 1), *b = make_text (TRUE, 2);
  g_autofree char *cpu = bench_cpu_model ();
  double base[RUNS], full[RUNS], cpu_time[RUNS], lookups[RUNS];
  guint n_pairs = 0, n_a = 0, n_b = 0;

  g_assert (gazetteer != NULL && glossary != NULL);
  finder = marz_anchor_finder_new (gazetteer, glossary);
  aligner = marz_aligner_new (finder);
  for (guint r = 0; r < RUNS; r++)
    {
      base[r] = baseline (a, b);
      full[r] = align (aligner, a, b, &n_pairs, &n_a, &n_b, &cpu_time[r], &lookups[r]);
    }
  qsort (base, RUNS, sizeof (double), compare_doubles);
  qsort (full, RUNS, sizeof (double), compare_doubles);
  qsort (cpu_time, RUNS, sizeof (double), compare_doubles);
  qsort (lookups, RUNS, sizeof (double), compare_doubles);
  g_print ("machine: %s, %u cores online\n", cpu, g_get_num_processors ());
  g_print ("sentences: %u x %u, pairs: %u\n", n_a, n_b, n_pairs);
  g_print ("baseline (split + normalize both), median of %d: %.3f s\n", RUNS, base[RUNS / 2]);
  g_print ("align (anchors + index + matching + discrepancies), median: %.3f s (%.1fx baseline)\n",
           full[RUNS / 2], full[RUNS / 2] / base[RUNS / 2]);
  g_print ("align, CPU time of the process, median: %.3f s\n", cpu_time[RUNS / 2]);
  g_print ("every sentence's pair + rows, median: %.4f s\n", lookups[RUNS / 2]);
  return full[RUNS / 2] < 1.0 ? 0 : 1;
}
