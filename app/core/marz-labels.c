/* marz-labels.c */
#define G_LOG_DOMAIN "marz-labels"

#include "marz-labels.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "marz-calendar.h"

/* Solar Hijri month names, as TEXT-NOTES.md gives them: Iran's, and the
 * zodiac names Afghanistan uses in Dari and in Pashto. */
static const char * const iranian_months[12] = {
  "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
  "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
};
static const char * const dari_months[12] = {
  "حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله",
  "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت",
};
static const char * const pashto_months[12] = {
  "وری", "غویی", "غبرگولی", "چنگاښ", "زمری", "وږی",
  "تله", "لړم", "لیندۍ", "مرغومی", "سلواغه", "کب",
};

const char *
marz_labels_incident_type (MarzIncidentType type)
{
  switch (type)
    {
    case MARZ_INCIDENT_AIRSTRIKE: return _("Airstrike");
    case MARZ_INCIDENT_SHELLING:  return _("Shelling");
    case MARZ_INCIDENT_CLASH:     return _("Clash");
    case MARZ_INCIDENT_ATTACK:    return _("Attack");
    case MARZ_INCIDENT_EXPLOSION: return _("Explosion");
    case MARZ_INCIDENT_CEASEFIRE: return _("Ceasefire");
    case MARZ_INCIDENT_TALKS:     return _("Talks");
    case MARZ_INCIDENT_CLOSURE:   return _("Border closure");
    case MARZ_INCIDENT_STATEMENT: return _("Statement");
    case MARZ_N_INCIDENT_TYPES:
    default:
      break;
    }
  return _("Incident");
}

/**
 * marz_labels_date:
 * @date: (nullable): "YYYY-MM-DD" or "YYYY-MM"
 *
 * Returns: (transfer full): the date in the user's locale, as precise as
 *   it is known
 */
char *
marz_labels_date (const char        *date,
                  MarzDatePrecision  precision)
{
  int year = 0, month = 1, day = 1;
  g_autoptr(GDateTime) dt = NULL;
  const char *format;
  char *formatted;

  if (date == NULL || sscanf (date, "%d-%d-%d", &year, &month, &day) < 1)
    return g_strdup (_("Date unknown"));
  switch (precision)
    {
    /* Translators: a date, see g_date_time_format(); «9 October 2025» */
    case MARZ_DATE_PRECISION_DAY:   format = C_("date", "%-d %B %Y"); break;
    /* Translators: a month, see g_date_time_format() (%OB is the month's
     * name standing alone); «October 2025» */
    case MARZ_DATE_PRECISION_MONTH: format = C_("month", "%OB %Y"); break;
    case MARZ_DATE_PRECISION_YEAR:  format = "%Y"; break;
    case MARZ_DATE_PRECISION_UNKNOWN:
    default:                        return g_strdup (_("Date unknown"));
    }
  dt = g_date_time_new_utc (year, month, precision == MARZ_DATE_PRECISION_DAY ? day : 1, 0, 0, 0);
  formatted = dt != NULL ? g_date_time_format (dt, format) : NULL;
  return formatted != NULL ? formatted : g_strdup (date);
}

/* The month names for @locale ("fa_AF.UTF-8", "ps", "prs"), NULL when its
 * language does not use the Solar Hijri calendar. */
static const char * const *
solar_hijri_months (const char *locale)
{
  g_autofree char *lang = g_strndup (locale, strcspn (locale, ".@"));
  char *territory = strchr (lang, '_');

  if (territory != NULL)
    *territory++ = '\0';
  if (g_str_equal (lang, "ps"))
    return pashto_months;
  if (g_str_equal (lang, "prs") || (g_str_equal (lang, "fa") && g_strcmp0 (territory, "AF") == 0))
    return dari_months;
  if (g_str_equal (lang, "fa"))
    return iranian_months;
  return NULL;
}

/* Appends @n in Extended Arabic-Indic digits (۰–۹), as Persian and Pashto
 * write them. */
static void
append_persian_number (GString *s,
                       int      n)
{
  char ascii[16];

  g_snprintf (ascii, sizeof ascii, "%d", n);
  for (const char *c = ascii; *c; c++)
    {
      if (*c >= '0' && *c <= '9')
        g_string_append_unichar (s, 0x06F0 + (*c - '0'));
      else
        g_string_append_c (s, *c);
    }
}

/**
 * marz_labels_solar_hijri:
 * @date: "YYYY-MM-DD"
 * @with_year: whether to end with the year
 * @locale: (nullable): a locale name such as "fa_AF"; %NULL for the user's
 *   (g_get_language_names())
 *
 * The date in the Solar Hijri calendar, for the languages that date by it:
 * «۳ قوس ۱۴۰۴» in Dari (fa_AF), «۳ آذر ۱۴۰۴» in Iranian Persian, «۳ لیندۍ ۱۴۰۴»
 * in Pashto.
 *
 * Returns: (transfer full) (nullable): the date, or %NULL for other
 *   languages and for dates that are not whole days
 */
char *
marz_labels_solar_hijri (const char *date,
                         gboolean    with_year,
                         const char *locale)
{
  const char * const *months = solar_hijri_months (locale ? locale : g_get_language_names ()[0]);
  int year, month, day, jy, jm, jd;
  GString *s;

  if (months == NULL || date == NULL || sscanf (date, "%d-%d-%d", &year, &month, &day) != 3
      || !g_date_valid_dmy (day, month, year)
      || !marz_gregorian_to_jalali (year, month, day, &jy, &jm, &jd))
    return NULL;
  s = g_string_new (NULL);
  append_persian_number (s, jd);
  g_string_append_printf (s, " %s", months[jm - 1]);
  if (with_year)
    {
      g_string_append_c (s, ' ');
      append_persian_number (s, jy);
    }
  return g_string_free (s, FALSE);
}

/**
 * marz_labels_casualties:
 * @killed: -1 when unknown
 * @injured: -1 when unknown
 */
char *
marz_labels_casualties (gint64 killed,
                        gint64 injured)
{
  g_autofree char *k = NULL;
  g_autofree char *i = NULL;

  if (killed < 0 && injured < 0)
    return g_strdup (_("No casualty figures"));
  if (killed >= 0)
    k = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GINT64_FORMAT " killed",
                                      "%" G_GINT64_FORMAT " killed", killed), killed);
  if (injured >= 0)
    i = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GINT64_FORMAT " injured",
                                      "%" G_GINT64_FORMAT " injured", injured), injured);
  if (k && i)
    /* Translators: «3 killed, 5 injured» */
    return g_strdup_printf (_("%s, %s"), k, i);
  return g_strdup (k ? k : i);
}

/* «9 October 2025 · Airstrike» */
char *
marz_labels_incident (const MarzIncident *incident)
{
  g_autofree char *date = marz_labels_date (incident->date, incident->precision);

  /* Translators: an incident's date and type, «9 October 2025 · Airstrike» */
  return g_strdup_printf (_("%s · %s"), date, marz_labels_incident_type (incident->type));
}
