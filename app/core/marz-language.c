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
  "نومبر", "جنوری", "فبروری", "بتاریخ", "حیث", "ملکی", "پوهنتون", "شاروالی", "میدان هوایی",
  NULL
};
static const char * const iranian_words[] = {
  "استان", "شهرستان", "تروریسم", "دیپلمات", "دیپلماسی", "اکتبر", "ژانویه", "فوریه",
  "دانشگاه", "فرودگاه", "شهرداری", NULL
};

static guint
count_words (const char         *text,
             const char * const *words)
{
  guint n = 0;

  for (guint i = 0; words[i]; i++)
    for (const char *p = text; (p = strstr (p, words[i])) != NULL; p += strlen (words[i]))
      {
        /* Whole words only: «لوی» must not count inside «پهلوی». */
        gunichar before = p > text ? g_utf8_get_char (g_utf8_prev_char (p)) : ' ';
        gunichar after = g_utf8_get_char (p + strlen (words[i]));
        if (!g_unichar_isalpha (before) && !g_unichar_isalpha (after))
          n++;
      }
  return n;
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
  g_autofree char *sample = NULL;
  guint dari, iranian;

  /* An article does not change language: its first few thousand bytes
   * decide, whatever its length. */
  len = MIN (len, SAMPLE_BYTES);
  while (len > 0 && (text[len] & 0xC0) == 0x80)
    len--;                           /* do not cut a character in two */
  end = text + len;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    count_letter (&n, g_utf8_get_char (p));

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

  sample = g_strndup (text, len);
  dari = count_words (sample, dari_words);
  iranian = count_words (sample, iranian_words);
  result.language = "fa";
  if (dari > iranian)
    result.variety = "fa-AF";
  else if (iranian > dari)
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
