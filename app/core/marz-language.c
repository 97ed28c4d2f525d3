/* marz-language.c
 *
 * Letters decide first: Pashto and Urdu each have letters no other language
 * here uses, and Arabic writes ي ك ة where Persian writes ی ک ه.  Dari and
 * Iranian Persian share every letter, so they are told apart by words each
 * uses and the other does not (ولایت/استان, اکتوبر/اکتبر, تروریزم/تروریسم …).
 */
#define G_LOG_DOMAIN "marz-language"

#include "marz-language.h"

#include <glib/gi18n.h>
#include <string.h>

#define SAMPLE_BYTES 4096

typedef struct
{
  gsize latin, arabic_script;
  gsize arabic, persian, pashto, urdu;
} LetterCounts;

static void
count_letter (LetterCounts *n,
              gunichar      c)
{
  if (c < 0x80)
    {
      n->latin += g_ascii_isalpha (c) ? 1 : 0;
      return;
    }
  if (c < 0x0600 || c > 0x06FF)
    return;
  n->arabic_script++;
  switch (c)
    {
    case 0x064A: case 0x0643: case 0x0629: case 0x0649:            /* ي ك ة ى */
      n->arabic++; break;
    case 0x06CC: case 0x06A9: case 0x067E: case 0x0686: case 0x0698: case 0x06AF:  /* ی ک پ چ ژ گ */
      n->persian++; break;
    case 0x067C: case 0x0689: case 0x0693: case 0x069A: case 0x0696:   /* ټ ډ ړ ښ ږ */
    case 0x0681: case 0x0685: case 0x06BC: case 0x06CD:                /* ځ څ ڼ ۍ */
      n->pashto++; break;
    case 0x0679: case 0x0688: case 0x0691: case 0x06BA: case 0x06D2: case 0x06C1:  /* ٹ ڈ ڑ ں ے ہ */
      n->urdu++; break;
    default:
      break;
    }
}

static const char * const dari_words[] = {
  "ولایت", "ولسوالی", "اردوی", "لوی", "تروریزم", "دیپلومات", "دیپلوماسی", "اکتوبر",
  "نومبر", "جنوری", "فبروری", "بتاریخ", "حیث", "ملکی", "پوهنتون", "شاروالی", NULL
};
static const char * const iranian_words[] = {
  "استان", "شهرستان", "تروریسم", "دیپلمات", "دیپلماسی", "اکتبر", "ژانویه", "فوریه",
  "دانشگاه", "فرودگاه", "شهرداری", NULL
};

/* The character at @p and its length, decoding one- and two-byte UTF-8
 * (ASCII and the Arabic block) inline. */
static inline gunichar
next_char (const char *p,
           guint      *len)
{
  guchar b = p[0];

  if (b < 0x80)
    return *len = 1, b;
  if ((b & 0xE0) == 0xC0)
    return *len = 2, ((b & 0x1F) << 6) | ((guchar) p[1] & 0x3F);
  *len = g_utf8_next_char (p) - p;
  return g_utf8_get_char (p);
}

/* g_unichar_isalpha (), answered without a table lookup for the letters of
 * the Arabic block, which are nearly all this sees. */
static gboolean
is_letter (gunichar c)
{
  if (c >= 0x0621 && c <= 0x064A)
    return TRUE;
  if (c >= 0x0671 && c <= 0x06D3)
    return TRUE;
  return c < 0x80 ? g_ascii_isalpha (c) : g_unichar_isalpha (c);
}

static gpointer
build_markers (gpointer data)
{
  GHashTable *markers = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; dari_words[i]; i++)
    g_hash_table_insert (markers, (gpointer) dari_words[i], GINT_TO_POINTER (1));
  for (guint i = 0; iranian_words[i]; i++)
    g_hash_table_insert (markers, (gpointer) iranian_words[i], GINT_TO_POINTER (-1));
  return markers;
}

/* Dari words minus Iranian words: one pass over the words of @text with a
 * table lookup each, not a search of the text per marker. */
static int
count_markers (const char *text,
               gsize       len)
{
  static GOnce once = G_ONCE_INIT;
  GHashTable *markers = g_once (&once, build_markers, NULL);
  const char *p = text, *end = text + len;
  char word[64];
  int score = 0;

  while (p < end)
    {
      const char *start;

      guint bytes;

      while (p < end && !is_letter (next_char (p, &bytes)))
        p += bytes;
      start = p;
      while (p < end && is_letter (next_char (p, &bytes)))
        p += bytes;
      if (p > start && (gsize) (p - start) < sizeof word)
        {
          memcpy (word, start, p - start);
          word[p - start] = '\0';
          score += GPOINTER_TO_INT (g_hash_table_lookup (markers, word));
        }
    }
  return score;
}

/**
 * marz_language_identify:
 * @text: the original text
 *
 * Returns: the language (and for Persian, its variety when it shows)
 */
MarzLanguage
marz_language_identify (const char *text,
                        gsize       len)
{
  LetterCounts n = { 0 };
  const char *end;
  MarzLanguage result = { "und", NULL };
  int score;

  /* An article does not change language: its first few thousand bytes
   * decide, whatever its length. */
  len = MIN (len, SAMPLE_BYTES);
  while (len > 0 && (text[len] & 0xC0) == 0x80)
    len--;                           /* do not cut a character in two */
  end = text + len;

  for (const char *p = text; p < end;)
    {
      guint bytes;
      count_letter (&n, next_char (p, &bytes));
      p += bytes;
    }

  if (n.latin > n.arabic_script && n.latin >= 20)
    return (MarzLanguage) { "en", NULL };
  if (n.arabic_script < 20)
    return result;
  /* A handful of distinctive letters per thousand settles Pashto and Urdu. */
  if (n.pashto * 1000 >= n.arabic_script * 4)
    return (MarzLanguage) { "ps", NULL };
  if (n.urdu * 1000 >= n.arabic_script * 4)
    return (MarzLanguage) { "ur", NULL };
  if (n.arabic > n.persian)
    return (MarzLanguage) { "ar", NULL };

  score = count_markers (text, len);
  result.language = "fa";
  if (score > 0)
    result.variety = "fa-AF";
  else if (score < 0)
    result.variety = "fa-IR";
  return result;
}

const char *
marz_language_get_name (const char *language,
                        const char *variety)
{
  if (g_strcmp0 (variety, "fa-AF") == 0)
    return _("Dari");
  if (g_strcmp0 (language, "ar") == 0)
    return _("Arabic");
  if (g_strcmp0 (language, "fa") == 0)
    return _("Persian");
  if (g_strcmp0 (language, "ps") == 0)
    return _("Pashto");
  if (g_strcmp0 (language, "ur") == 0)
    return _("Urdu");
  if (g_strcmp0 (language, "en") == 0)
    return _("English");
  return _("Unknown");
}

/* Whether @language ("ar", "fa", …) is written right to left. */
gboolean
marz_language_is_rtl (const char *language)
{
  static const char * const rtl[] = { "ar", "fa", "ps", "ur", NULL };

  return language != NULL && g_strv_contains (rtl, language);
}
