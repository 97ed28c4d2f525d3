/* marz-timeline-labels.c
 *
 * The timeline's words: tick labels and the unit whose labels fit, the
 * names of the tracks, and what a day holds, for the accessible
 * description and the tooltip.  Dates are in the user's locale
 * (g_date_time_format); in Persian and Pashto, also in the Solar Hijri
 * calendar (marz_labels_solar_hijri()).
 */
#define G_LOG_DOMAIN "marz-timeline"

#include "marz-timeline-private.h"

#include <glib/gi18n.h>

#include "marz-labels.h"

#define LABEL_SPACING 12

/* A Solar Hijri date is isolated right to left (RLI … PDI): next to Latin
 * text, or alone on a line of an LTR layout, its digits and month name would
 * otherwise be ordered left to right. */
#define RLI "\u2067"
#define PDI "\u2069"

PangoLayout *
_marz_timeline_label_layout (MarzTimeline *self,
                             const char   *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_attr_list_unref (attrs);
  return layout;
}

const char *
_marz_timeline_track_name (guint track)
{
  return track == 0 ? _("Violence") : _("Diplomacy");
}

gint32
_marz_timeline_next_tick (gint32               day,
                          MarzTimelineTickUnit unit)
{
  int year, month, mday;

  _marz_timeline_civil_from_day (day, &year, &month, &mday);
  switch (unit)
    {
    case MARZ_TIMELINE_TICK_DAY:
      return day;
    case MARZ_TIMELINE_TICK_WEEK:
      return day + (7 - _marz_timeline_weekday (day)) % 7;
    case MARZ_TIMELINE_TICK_MONTH:
      return mday == 1 ? day : _marz_timeline_day_from_civil (year + (month == 12), month % 12 + 1, 1);
    case MARZ_TIMELINE_TICK_YEAR:
    default:
      return month == 1 && mday == 1 ? day : _marz_timeline_day_from_civil (year + 1, 1, 1);
    }
}

/* The first label in view says the year, and so do January's. */
gboolean
_marz_timeline_tick_wants_year (gint32               day,
                                MarzTimelineTickUnit unit,
                                gboolean             first)
{
  int year, month, mday;

  _marz_timeline_civil_from_day (day, &year, &month, &mday);
  return first || (unit == MARZ_TIMELINE_TICK_MONTH && month == 1);
}

/* «9 Oct», «Oct», «2025», with the year where @with_year (the first label in
 * view, and January); in Persian and Pashto also the Solar Hijri date
 * below: «9 Oct» over «۱۷ میزان». */
char *
_marz_timeline_tick_label (MarzTimeline         *self,
                           gint32                day,
                           MarzTimelineTickUnit  unit,
                           gboolean              with_year)
{
  g_autofree char *date = _marz_timeline_format_day (day);
  g_autofree char *gregorian = NULL;
  g_autofree char *solar = NULL;
  g_autoptr(GDateTime) dt = NULL;
  const char *format;
  int year, month, mday;

  switch (unit)
    {
    case MARZ_TIMELINE_TICK_DAY:
    case MARZ_TIMELINE_TICK_WEEK:
      /* Translators: a day on the timeline's axis, see g_date_time_format(); «9 Oct»,
       * and the same with the year, «9 Oct 2025» */
      format = with_year ? C_("timeline tick", "%-d %b %Y") : C_("timeline tick", "%-d %b");
      break;
    case MARZ_TIMELINE_TICK_MONTH:
      /* Translators: a month on the timeline's axis, see g_date_time_format(); «Oct»,
       * and the same with the year, «Oct 2025» */
      format = with_year ? C_("timeline tick", "%b %Y") : C_("timeline tick", "%b");
      break;
    case MARZ_TIMELINE_TICK_YEAR:
    default:
      format = "%Y";
      break;
    }
  _marz_timeline_civil_from_day (day, &year, &month, &mday);
  dt = g_date_time_new_utc (year, month, mday, 0, 0, 0);
  gregorian = dt != NULL ? g_date_time_format (dt, format) : NULL;
  if (gregorian == NULL)
    gregorian = g_strdup (date);
  if (self->solar && unit != MARZ_TIMELINE_TICK_YEAR)
    solar = marz_labels_solar_hijri (date, with_year, self->locale);
  if (solar == NULL)
    return g_steal_pointer (&gregorian);
  return g_strdup_printf ("%s\n" RLI "%s" PDI, gregorian, solar);
}

static int
label_width (MarzTimeline *self,
             const char   *text)
{
  g_autoptr(PangoLayout) layout = _marz_timeline_label_layout (self, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* The finest unit whose labels fit between its ticks. */
MarzTimelineTickUnit
_marz_timeline_tick_unit_for (MarzTimeline *self,
                              double        px_per_day)
{
  static const double unit_days[] = { 1, 7, 28 };
  gint32 sample = _marz_timeline_day_from_civil (2025, 9, 30);   /* a wide one */

  for (guint unit = MARZ_TIMELINE_TICK_DAY; unit < MARZ_TIMELINE_TICK_YEAR; unit++)
    {
      g_autofree char *text = _marz_timeline_tick_label (self, sample, unit, FALSE);

      if (unit_days[unit] * px_per_day >= label_width (self, text) + LABEL_SPACING)
        return unit;
    }
  return MARZ_TIMELINE_TICK_YEAR;
}

/* Returns: (transfer full): the labels of the major ticks in view */
char **
_marz_timeline_get_tick_labels (MarzTimeline *self)
{
  MarzTimelineTickUnit unit = _marz_timeline_tick_unit_for (self, self->px_per_day);
  GPtrArray *labels = g_ptr_array_new ();
  TimelineGeometry g;
  gint32 first, last;

  _marz_timeline_get_geometry (self, &g);
  _marz_timeline_visible_days (self, &g, &first, &last);
  for (gint32 day = _marz_timeline_next_tick (first, unit); day <= last;
       day = _marz_timeline_next_tick (day + 1, unit))
    {
      gboolean with_year = _marz_timeline_tick_wants_year (day, unit, labels->len == 0);

      g_ptr_array_add (labels, _marz_timeline_tick_label (self, day, unit, with_year));
    }
  g_ptr_array_add (labels, NULL);
  return (char **) g_ptr_array_free (labels, FALSE);
}

static char *
count_phrase (MarzIncidentType type,
              guint            n)
{
  switch (type)
    {
    case MARZ_INCIDENT_AIRSTRIKE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u airstrike", "%u airstrikes", n), n);
    case MARZ_INCIDENT_SHELLING:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u shelling", "%u shellings", n), n);
    case MARZ_INCIDENT_CLASH:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u clash", "%u clashes", n), n);
    case MARZ_INCIDENT_ATTACK:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attack", "%u attacks", n), n);
    case MARZ_INCIDENT_EXPLOSION:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u explosion", "%u explosions", n), n);
    case MARZ_INCIDENT_CEASEFIRE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ceasefire", "%u ceasefires", n), n);
    case MARZ_INCIDENT_TALKS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u round of talks",
                                           "%u rounds of talks", n), n);
    case MARZ_INCIDENT_CLOSURE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u border closure",
                                           "%u border closures", n), n);
    case MARZ_INCIDENT_STATEMENT:
    case MARZ_N_INCIDENT_TYPES:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u statement", "%u statements", n), n);
    }
}

/* «9 October 2025: 2 airstrikes, 1 ceasefire», with the Solar Hijri date in
 * brackets after the day in Persian and Pashto. */
char *
_marz_timeline_describe_day (MarzTimeline *self,
                             gint32        day)
{
  g_autofree char *date = _marz_timeline_format_day (day);
  g_autofree char *label = marz_labels_date (date, MARZ_DATE_PRECISION_DAY);
  g_autofree char *solar = marz_labels_solar_hijri (date, TRUE, self->locale);
  g_autoptr(GString) list = g_string_new (NULL);
  guint32 counts[MARZ_N_INCIDENT_TYPES] = { 0 };

  for (guint t = 0; t < TIMELINE_N_TRACKS; t++)
    {
      GArray *days = self->data->tracks[t].days;
      guint i = _marz_timeline_lower_bound (days, day);

      if (i < days->len && g_array_index (days, TimelineBin, i).first == day)
        for (guint type = 0; type < MARZ_N_INCIDENT_TYPES; type++)
          counts[type] += g_array_index (days, TimelineBin, i).counts[type];
    }
  for (guint type = 0; type < MARZ_N_INCIDENT_TYPES; type++)
    if (counts[type] > 0)
      {
        g_autofree char *phrase = count_phrase (type, counts[type]);

        if (list->len > 0)
          /* Translators: between the items of a list, «2 airstrikes, 1 ceasefire» */
          g_string_append (list, C_("list", ", "));
        g_string_append (list, phrase);
      }
  if (solar != NULL)
    {
      g_autofree char *isolated = g_strconcat (RLI, solar, PDI, NULL);
      /* Translators: a date and the same date in the Solar Hijri calendar */
      char *both = g_strdup_printf (_("%s (%s)"), label, isolated);

      g_free (label);
      label = both;
    }
  if (list->len == 0)
    /* Translators: the day under the timeline's cursor, when it has no incident */
    return g_strdup_printf (_("%s: no incidents"), label);
  /* Translators: the day under the timeline's cursor and its incidents */
  return g_strdup_printf (_("%s: %s"), label, list->str);
}
