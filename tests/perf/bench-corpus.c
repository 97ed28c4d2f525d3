/* bench-corpus.c
 *
 * The seed articles are cut into sentences, and each sentence into a
 * template: literal text with slots where a place, a day of the month, a
 * month or a figure was.  An article is a handful of templates of one
 * language, drawn with a seeded GRand and filled with other places, dates and
 * figures, so the same seed always gives the same corpus and every article
 * still reads like the seeds (and gives the extractor the same kind of work).
 * No two articles are the same text: Marz would skip the second as a
 * duplicate, and the two imports would no longer do the same work.
 */
#define G_LOG_DOMAIN "marz-bench"

#include "bench-corpus.h"

#include <string.h>

typedef enum
{
  LANG_AR,
  LANG_FA,
  N_LANGS,
} Lang;

typedef enum
{
  SLOT_TEXT,       /* copied as it is */
  SLOT_PLACE,
  SLOT_DAY,        /* a day of the month, before a month name */
  SLOT_MONTH,      /* @family says which calendar and spelling */
  SLOT_FIGURE,     /* the dead, the wounded, a distance... */
} SlotKind;

typedef struct
{
  SlotKind  kind;
  guint     family;
  guint     value;     /* the seed's figure: the new one keeps its size */
  char     *text;
} Slot;

typedef enum
{
  DIGITS_ASCII,
  DIGITS_ARABIC_INDIC,
  DIGITS_PERSIAN,
} Digits;

struct _BenchCorpus
{
  GRand      *rand;
  GPtrArray  *templates[N_LANGS];   /* GArray of Slot, one per sentence */
  GHashTable *written;              /* SHA-256 of every article so far */
};

/* Places of the gazetteer (data/gazetteer.json), as each language writes them. */
static const struct
{
  const char *ar;
  const char *fa;
} places[] = {
  { "كابل", "کابل" },
  { "قندهار", "قندهار" },
  { "خوست", "خوست" },
  { "كنر", "کنر" },
  { "بكتيكا", "پکتیکا" },
  { "بكتيا", "پکتیا" },
  { "ننكرهار", "ننگرهار" },
  { "سبين بولدك", "سپین‌بولدک" },
  { "جلال آباد", "جلال‌آباد" },
  { "هرات", "هرات" },
  { "هلمند", "هلمند" },
  { "قندوز", "کندز" },
  { "غزني", "غزنی" },
  { "لغمان", "لغمان" },
  { "مزار شريف", "مزار شریف" },
  { "إسلام آباد", "اسلام‌آباد" },
  { "بيشاور", "پیشاور" },
  { "كويتا", "کویته" },
  { "راولبندي", "راولپندی" },
  { "طورخم", "تورخم" },
  { "باجور", "باجور" },
  { "شمال وزيرستان", "وزیرستان شمالی" },
};

/* Other spellings the seeds use, which become slots too. */
static const char * const seed_places[] = {
  "كابول", "إسطنبول", "استانبول", "اسلامآباد", "اسلام آباد", "دوحه",
};

/* Months near the seeds' dates, by calendar and spelling. */
static const char * const months[][4] = {
  { "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر" },     /* Arabic */
  { "سپتامبر", "اکتبر", "نوامبر", "دسامبر" },     /* Iranian Persian */
  { "سپتمبر", "اکتوبر", "نومبر", "دسمبر" },       /* Dari */
  { "شهریور", "مهر", "آبان", "آذر" },             /* Solar Hijri */
};

static void
clear_slot (gpointer data)
{
  g_free (((Slot *) data)->text);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == 0x200C || c == 0x0640;
}

static gboolean
at_word_start (const char *start,
               const char *p)
{
  return p == start || !is_word_char (g_utf8_get_char (g_utf8_prev_char (p)));
}

/* Returns the length of @word if @p starts with it as a whole word. */
static gsize
match_word (const char *p,
            const char *word)
{
  gsize len = strlen (word);

  if (strncmp (p, word, len) != 0 || (p[len] != '\0' && is_word_char (g_utf8_get_char (p + len))))
    return 0;
  return len;
}

static gsize
match_place (const char *p)
{
  gsize best = 0;

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    best = MAX (best, MAX (match_word (p, places[i].ar), match_word (p, places[i].fa)));
  for (guint i = 0; i < G_N_ELEMENTS (seed_places); i++)
    best = MAX (best, match_word (p, seed_places[i]));
  return best;
}

static gsize
match_month (const char *p,
             guint      *family)
{
  for (guint f = 0; f < G_N_ELEMENTS (months); f++)
    for (guint m = 0; m < G_N_ELEMENTS (months[f]); m++)
      {
        gsize len = match_word (p, months[f][m]);
        if (len > 0)
          {
            *family = f;
            return len;
          }
      }
  return 0;
}

static int
digit_value (gunichar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 0x0660 && c <= 0x0669)
    return c - 0x0660;
  if (c >= 0x06F0 && c <= 0x06F9)
    return c - 0x06F0;
  return -1;
}

/* Returns the length in bytes of the digits at @p, and their value. */
static gsize
match_number (const char *p,
              guint64    *value,
              guint      *n_digits)
{
  const char *q = p;

  *value = 0;
  *n_digits = 0;
  for (int d; (d = digit_value (g_utf8_get_char (q))) >= 0; q = g_utf8_next_char (q))
    {
      *value = *value * 10 + d;
      (*n_digits)++;
    }
  return q - p;
}

static void
add_slot (GArray     *slots,
          GString    *text,
          SlotKind    kind,
          guint       family_or_value)
{
  Slot slot = { SLOT_TEXT, 0, 0, NULL };

  if (text->len > 0)
    {
      slot.text = g_strdup (text->str);
      g_array_append_val (slots, slot);
      g_string_truncate (text, 0);
    }
  if (kind != SLOT_TEXT)
    {
      slot = (Slot) { kind, family_or_value, family_or_value, NULL };
      g_array_append_val (slots, slot);
    }
}

/* A number: a year (Gregorian or Solar Hijri) stays, a day before a month
 * name becomes a date, any other a figure.  Returns how much of @p it took. */
static gsize
compile_number (const char *p,
                GArray     *slots,
                GString    *text)
{
  guint64 value;
  guint n_digits, family;
  gsize len = match_number (p, &value, &n_digits);
  gsize gap = 0, month_len;

  if (n_digits == 4 && ((value >= 1300 && value <= 1500) || (value >= 1900 && value <= 2100)))
    {
      g_string_append_len (text, p, len);
      return len;
    }
  while (p[len + gap] == ' ')
    gap++;
  month_len = gap > 0 && value >= 1 && value <= 31 ? match_month (p + len + gap, &family) : 0;
  if (month_len == 0)
    {
      add_slot (slots, text, SLOT_FIGURE, MIN (value, 100000));
      return len;
    }
  add_slot (slots, text, SLOT_DAY, 0);
  g_string_append_len (text, p + len, gap);
  add_slot (slots, text, SLOT_MONTH, family);
  return len + gap + month_len;
}

static GArray *
compile_sentence (const char *sentence)
{
  GArray *slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_autoptr(GString) text = g_string_new (NULL);
  const char *p = sentence;

  g_array_set_clear_func (slots, clear_slot);
  while (*p != '\0')
    {
      gsize len = 0;

      if (at_word_start (sentence, p) && (len = match_place (p)) > 0)
        add_slot (slots, text, SLOT_PLACE, 0);
      else if (digit_value (g_utf8_get_char (p)) >= 0)
        len = compile_number (p, slots, text);
      else
        {
          len = g_utf8_next_char (p) - p;
          g_string_append_len (text, p, len);
        }
      p += len;
    }
  add_slot (slots, text, SLOT_TEXT, 0);
  return slots;
}

/* Whether the character at @p ends a sentence: a stop and then a space. */
static gboolean
ends_sentence (const char *p)
{
  static const char * const stops[] = { ".", "!", "?", "؟" };

  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    if (g_str_has_prefix (p, stops[i]) && p[strlen (stops[i])] == ' ')
      return TRUE;
  return FALSE;
}

/* Cuts one line into sentences after a full stop, ! or ? and a space. */
static void
add_sentences (GPtrArray  *templates,
               const char *line)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) marked = g_string_new (NULL);

  for (const char *p = line; *p; p = g_utf8_next_char (p))
    {
      g_string_append_len (marked, p, g_utf8_next_char (p) - p);
      if (ends_sentence (p))
        g_string_append_c (marked, '\n');
    }
  parts = g_strsplit (marked->str, "\n", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *sentence = g_strstrip (parts[i]);
      if (strlen (sentence) >= 20)
        g_ptr_array_add (templates, compile_sentence (sentence));
    }
}

/* Persian has letters Arabic does not, and the other way round. */
static Lang
guess_language (const char *text)
{
  int score = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0x06CC || c == 0x06A9 || c == 0x067E || c == 0x06AF || c == 0x0686)
        score++;
      else if (c == 0x064A || c == 0x0643 || c == 0x0629)
        score--;
    }
  return score > 0 ? LANG_FA : LANG_AR;
}

/* The « date YYYY-MM-DD» first line is the reader's, not a sentence. */
static const char *
skip_header (const char *text)
{
  const char *p = text;

  while (*p == ' ')
    p++;
  if (!g_str_has_prefix (p, "date ") || strlen (p) < 15)
    return text;
  return p + 15;
}

static gboolean
add_seed_file (BenchCorpus  *self,
               const char   *path,
               GError      **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  Lang lang;

  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                   "%s: a seed article must be UTF-8", path);
      return FALSE;
    }
  lang = guess_language (text);
  lines = g_strsplit (skip_header (text), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    add_sentences (self->templates[lang], g_strchomp (lines[i]));
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* In name order, so that the corpus does not depend on the file system. */
static gboolean
load_seeds (BenchCorpus  *self,
            const char   *seed_dir,
            GError      **error)
{
  g_autoptr(GDir) dir = g_dir_open (seed_dir, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (seed_dir, g_ptr_array_index (names, i), NULL);
      if (!add_seed_file (self, path, error))
        return FALSE;
    }
  for (guint lang = 0; lang < N_LANGS; lang++)
    if (self->templates[lang]->len == 0)
      {
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                     "%s: no %s seed sentences", seed_dir, lang == LANG_AR ? "Arabic" : "Persian");
        return FALSE;
      }
  return TRUE;
}

static void
append_number (GString *out,
               guint    value,
               Digits   digits)
{
  static const gunichar zeros[] = { '0', 0x0660, 0x06F0 };
  char ascii[16];

  g_snprintf (ascii, sizeof ascii, "%u", value);
  for (const char *p = ascii; *p; p++)
    g_string_append_unichar (out, zeros[digits] + (*p - '0'));
}

static void
append_slot (BenchCorpus *self,
             GString     *out,
             const Slot  *slot,
             Lang         lang,
             Digits       digits)
{
  guint place;

  switch (slot->kind)
    {
    case SLOT_TEXT:
      g_string_append (out, slot->text);
      break;
    case SLOT_PLACE:
      place = g_rand_int_range (self->rand, 0, G_N_ELEMENTS (places));
      g_string_append (out, lang == LANG_AR ? places[place].ar : places[place].fa);
      break;
    case SLOT_DAY:
      append_number (out, g_rand_int_range (self->rand, 1, 29), digits);
      break;
    case SLOT_MONTH:
      g_string_append (out, months[slot->family][g_rand_int_range (self->rand, 0, 4)]);
      break;
    case SLOT_FIGURE:
      append_number (out, g_rand_int_range (self->rand, 1, 2 * slot->value + 10), digits);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Most articles have the reader's date line; some run the text on after it. */
static void
append_header (BenchCorpus *self,
               GString     *out)
{
  gboolean own_line;
  int day, month;

  if (g_rand_int_range (self->rand, 0, 100) >= 85)
    return;
  /* In this order, the one the published figures were measured with. */
  own_line = g_rand_boolean (self->rand);
  day = g_rand_int_range (self->rand, 1, 29);
  month = g_rand_int_range (self->rand, 9, 13);
  g_string_append_printf (out, " date 2025-%02d-%02d%c", month, day, own_line ? '\n' : ' ');
}

static const char *
pick_separator (BenchCorpus *self)
{
  int r = g_rand_int_range (self->rand, 0, 100);

  return r < 60 ? "\n" : r < 85 ? " " : "\n\n";
}

static GString *
generate_article (BenchCorpus *self)
{
  GString *out = g_string_new (NULL);
  Lang lang = g_rand_boolean (self->rand) ? LANG_AR : LANG_FA;
  Digits digits = lang == LANG_AR
    ? (g_rand_boolean (self->rand) ? DIGITS_ASCII : DIGITS_ARABIC_INDIC)
    : (g_rand_int_range (self->rand, 0, 10) < 7 ? DIGITS_PERSIAN : DIGITS_ASCII);
  GPtrArray *templates = self->templates[lang];
  guint n_sentences = g_rand_int_range (self->rand, 5, 13);

  append_header (self, out);
  for (guint i = 0; i < n_sentences; i++)
    {
      guint pick = g_rand_int_range (self->rand, 0, templates->len);
      GArray *slots = g_ptr_array_index (templates, pick);

      for (guint j = 0; j < slots->len; j++)
        append_slot (self, out, &g_array_index (slots, Slot, j), lang, digits);
      g_string_append (out, i + 1 < n_sentences ? pick_separator (self) : "\n");
    }
  return out;
}

/* Draws until the text is new: a duplicate would not be imported. */
static GString *
generate_unique_article (BenchCorpus *self)
{
  for (;;)
    {
      GString *article = generate_article (self);
      char *hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) article->str,
                                                article->len);

      if (g_hash_table_add (self->written, hash))
        return article;
      g_string_free (article, TRUE);
    }
}

/**
 * bench_corpus_new:
 * @seed_dir: a folder of seed articles (`*.txt`, Arabic and Persian)
 * @seed: of the random generator: the same seed gives the same corpus
 */
BenchCorpus *
bench_corpus_new (const char  *seed_dir,
                  guint32      seed,
                  GError     **error)
{
  g_autoptr(BenchCorpus) self = g_new0 (BenchCorpus, 1);

  self->rand = g_rand_new_with_seed (seed);
  self->written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint lang = 0; lang < N_LANGS; lang++)
    self->templates[lang] = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  if (!load_seeds (self, seed_dir, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * bench_corpus_write:
 * @dir: an existing folder
 * @n_bytes: (out): how much was written
 *
 * Writes @n_articles new articles to @dir, named in the order they were drawn.
 */
gboolean
bench_corpus_write (BenchCorpus  *self,
                    const char   *dir,
                    guint         n_articles,
                    guint64      *n_bytes,
                    GError      **error)
{
  *n_bytes = 0;
  for (guint i = 0; i < n_articles; i++)
    {
      g_autoptr(GString) article = generate_unique_article (self);
      g_autofree char *name = g_strdup_printf ("%07u.txt", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!g_file_set_contents_full (path, article->str, article->len, G_FILE_SET_CONTENTS_NONE,
                                     0644, error))
        return FALSE;
      *n_bytes += article->len;
    }
  return TRUE;
}

void
bench_corpus_free (BenchCorpus *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->written, g_hash_table_unref);
  for (guint lang = 0; lang < N_LANGS; lang++)
    g_clear_pointer (&self->templates[lang], g_ptr_array_unref);
  g_free (self);
}
