/* marz-timeline-data.c
 *
 * The timeline's copy of the incidents, and the days it counts in.
 *
 * Only what the strip draws is kept (id, type, days), sorted once: each
 * track's day marks by day and type (a counting sort: a million incidents
 * span a few thousand days at most), with one bin per day counting them by
 * type.  Drawing and hit testing then visit the bins of the visible days,
 * never the incidents, so a frame costs about the same with a thousand
 * incidents or a million.  Month- and year-precision incidents are kept
 * apart, as bars spanning their month or year; incidents without a date
 * are left out.
 *
 * Fed with MarzIncidentMark (marz_store_list_incident_marks(), already in
 * that order), a million incidents load in a few tens of milliseconds:
 * checking the order replaces sorting, and no date is parsed.  That work
 * builds a MarzTimelineData, which touches nothing of GTK: the window
 * builds it in the worker that reads the marks, and the timeline only
 * swaps it in (marz_timeline_set_data()).
 */
#define G_LOG_DOMAIN "marz-timeline"

#include "marz-timeline-private.h"

#include <string.h>

/* ------------------------------------------------------------------------ */
/* Days                                                                     */

/* Howard Hinnant's days_from_civil(): exact for the proleptic Gregorian
 * calendar, and much cheaper than a GDate per incident. */
gint32
_marz_timeline_day_from_civil (int year,
                               int month,
                               int day)
{
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned) (y - era * 400);
  unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + (int) doe - 719468;
}

void
_marz_timeline_civil_from_day (gint32  day,
                               int    *year,
                               int    *month,
                               int    *mday)
{
  int z = day + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned) (z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;

  *mday = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) yoe + era * 400 + (*month <= 2);
}

/* 0 = Monday … 6 = Sunday; 1970-01-01 was a Thursday. */
int
_marz_timeline_weekday (gint32 day)
{
  return (int) (((gint64) day + 3) % 7 + 7) % 7;
}

static gboolean
read_digits (const char *s,
             guint       n,
             int        *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      *value = *value * 10 + (s[i] - '0');
    }
  return TRUE;
}

/* "YYYY-MM-DD", "YYYY-MM" or "YYYY" at @precision or less: the days it
 * covers.  FALSE for anything else, and for an unknown date. */
gboolean
_marz_timeline_parse_date (const char        *date,
                           MarzDatePrecision  precision,
                           gint32            *first,
                           gint32            *last)
{
  gsize len = date != NULL ? strlen (date) : 0;
  int year, month = 1, day = 1;

  if (len >= 10 && precision >= MARZ_DATE_PRECISION_DAY)
    len = 10, precision = MARZ_DATE_PRECISION_DAY;
  else if (len >= 7 && precision >= MARZ_DATE_PRECISION_MONTH)
    len = 7, precision = MARZ_DATE_PRECISION_MONTH;
  else if (len >= 4 && precision >= MARZ_DATE_PRECISION_YEAR)
    len = 4, precision = MARZ_DATE_PRECISION_YEAR;
  else
    return FALSE;
  if (!read_digits (date, 4, &year) || year < 1
      || (len >= 7 && (date[4] != '-' || !read_digits (date + 5, 2, &month)))
      || (len >= 10 && (date[7] != '-' || !read_digits (date + 8, 2, &day)))
      || month < 1 || month > 12 || day < 1 || day > g_date_get_days_in_month (month, year))
    return FALSE;
  *first = _marz_timeline_day_from_civil (year, month, day);
  if (precision == MARZ_DATE_PRECISION_DAY)
    *last = *first;
  else if (precision == MARZ_DATE_PRECISION_MONTH)
    *last = *first + g_date_get_days_in_month (month, year) - 1;
  else
    *last = _marz_timeline_day_from_civil (year + 1, 1, 1) - 1;
  return TRUE;
}

char *
_marz_timeline_format_day (gint32 day)
{
  int year, month, mday;

  _marz_timeline_civil_from_day (day, &year, &month, &mday);
  return g_strdup_printf ("%04d-%02d-%02d", year, month, mday);
}

gint32
_marz_timeline_parse_day (const char *date)
{
  gint32 first, last;

  return _marz_timeline_parse_date (date, MARZ_DATE_PRECISION_DAY, &first, &last)
         && first == last ? first : TIMELINE_NO_DAY;
}

/* ------------------------------------------------------------------------ */
/* The incidents                                                            */

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const TimelineMark *x = a, *y = b;

  if (x->first != y->first)
    return x->first < y->first ? -1 : 1;
  if (x->last != y->last)
    return x->last < y->last ? -1 : 1;
  if (x->type != y->type)
    return x->type < y->type ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static gboolean
sorted_by_day_and_type (GArray *marks)
{
  const TimelineMark *m = (const TimelineMark *) marks->data;

  for (guint i = 1; i < marks->len; i++)
    if (m[i].first < m[i - 1].first || (m[i].first == m[i - 1].first && m[i].type < m[i - 1].type))
      return FALSE;
  return TRUE;
}

/* By day, then type, keeping the given order among equals.  Counting sort
 * when the days are dense enough, as they are for real data. */
static void
sort_day_marks (GArray *marks)
{
  TimelineMark *m = (TimelineMark *) marks->data;
  gint32 lo = G_MAXINT32, hi = G_MININT32;
  g_autofree guint32 *offsets = NULL;
  g_autofree TimelineMark *sorted = NULL;
  gsize n_keys;

  if (sorted_by_day_and_type (marks))
    return;

  for (guint i = 0; i < marks->len; i++)
    lo = MIN (lo, m[i].first), hi = MAX (hi, m[i].first);
  if (marks->len < 2)
    return;
  n_keys = ((gsize) (hi - lo) + 1) * MARZ_N_INCIDENT_TYPES;
  if (n_keys > 4 * (gsize) marks->len + 4096)
    {
      g_array_sort (marks, compare_marks);
      return;
    }
  offsets = g_new0 (guint32, n_keys + 1);
  for (guint i = 0; i < marks->len; i++)
    offsets[(gsize) (m[i].first - lo) * MARZ_N_INCIDENT_TYPES + m[i].type + 1]++;
  for (gsize k = 1; k <= n_keys; k++)
    offsets[k] += offsets[k - 1];
  sorted = g_new (TimelineMark, marks->len);
  for (guint i = 0; i < marks->len; i++)
    sorted[offsets[(gsize) (m[i].first - lo) * MARZ_N_INCIDENT_TYPES + m[i].type]++] = m[i];
  memcpy (m, sorted, marks->len * sizeof (TimelineMark));
}

/* One bin per run of marks with the same days. */
static gint32
build_bins (GArray *marks,
            GArray *bins)
{
  gint32 longest = 0;

  g_array_set_size (bins, 0);
  for (guint i = 0; i < marks->len; i++)
    {
      const TimelineMark *m = &g_array_index (marks, TimelineMark, i);
      TimelineBin *bin = bins->len > 0 ? &g_array_index (bins, TimelineBin, bins->len - 1) : NULL;

      if (bin == NULL || bin->first != m->first || bin->last != m->last)
        {
          TimelineBin fresh = { .first = m->first, .last = m->last, .start = i };

          g_array_append_val (bins, fresh);
          bin = &g_array_index (bins, TimelineBin, bins->len - 1);
          longest = MAX (longest, m->last - m->first + 1);
        }
      bin->n++;
      bin->counts[m->type]++;
    }
  return longest;
}

static void
add_mark (MarzTimelineData   *data,
          const TimelineMark *m)
{
  TimelineMark mark = *m;
  TimelineTrack *track;

  if (mark.type >= MARZ_N_INCIDENT_TYPES || mark.last < mark.first)
    return;
  track = &data->tracks[marz_incident_type_get_category (mark.type) == MARZ_CATEGORY_DIPLOMACY];
  g_array_append_val (mark.first == mark.last ? track->day_marks : track->span_marks, mark);
  if (data->first == TIMELINE_NO_DAY)
    data->first = mark.first, data->last = mark.last;
  data->first = MIN (data->first, mark.first);
  data->last = MAX (data->last, mark.last);
}

/* The view may go out to whole months around the incidents (or show the
 * last month when there are none). */
void
_marz_timeline_set_limits (MarzTimeline *self)
{
  int year, month, day;
  gint32 first = self->data->first, last = self->data->last;

  if (first == TIMELINE_NO_DAY)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      last = _marz_timeline_day_from_civil (g_date_time_get_year (now),
                                            g_date_time_get_month (now),
                                            g_date_time_get_day_of_month (now));
      first = last - 30;
    }
  _marz_timeline_civil_from_day (first, &year, &month, &day);
  self->limit_first = first - (day - 1);
  _marz_timeline_civil_from_day (last, &year, &month, &day);
  self->limit_last = last + (g_date_get_days_in_month (month, year) - day);
}

const TimelineMark *
_marz_timeline_find_mark (MarzTimeline *self,
                          gint64        id,
                          int          *track)
{
  for (int t = 0; t < TIMELINE_N_TRACKS; t++)
    {
      GArray *arrays[] = { self->data->tracks[t].day_marks, self->data->tracks[t].span_marks };

      for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
        for (guint i = 0; i < arrays[a]->len; i++)
          if (g_array_index (arrays[a], TimelineMark, i).id == id)
            {
              *track = t;
              return &g_array_index (arrays[a], TimelineMark, i);
            }
    }
  return NULL;
}

/* The first of @bins that starts on @day or later. */
guint
_marz_timeline_lower_bound (GArray *bins,
                            gint32  day)
{
  guint lo = 0, hi = bins->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (bins, TimelineBin, mid).first < day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
add_incident (MarzTimelineData   *data,
              const MarzIncident *incident)
{
  TimelineMark mark = { .id = incident->id, .type = incident->type };

  if ((guint) incident->type < MARZ_N_INCIDENT_TYPES
      && _marz_timeline_parse_date (incident->date, incident->precision, &mark.first, &mark.last))
    add_mark (data, &mark);
}

static MarzTimelineData *
data_new_empty (guint reserve)
{
  MarzTimelineData *data = g_atomic_rc_box_new0 (MarzTimelineData);

  for (guint t = 0; t < TIMELINE_N_TRACKS; t++)
    {
      /* Most are days: room for all of them at once. */
      data->tracks[t].day_marks = g_array_sized_new (FALSE, FALSE, sizeof (TimelineMark), reserve);
      data->tracks[t].days = g_array_new (FALSE, FALSE, sizeof (TimelineBin));
      data->tracks[t].span_marks = g_array_new (FALSE, FALSE, sizeof (TimelineMark));
      data->tracks[t].spans = g_array_new (FALSE, FALSE, sizeof (TimelineBin));
    }
  data->first = data->last = TIMELINE_NO_DAY;
  return data;
}

static MarzTimelineData *
finish_data (MarzTimelineData *data)
{
  for (guint t = 0; t < TIMELINE_N_TRACKS; t++)
    {
      TimelineTrack *track = &data->tracks[t];

      sort_day_marks (track->day_marks);
      g_array_sort (track->span_marks, compare_marks);
      build_bins (track->day_marks, track->days);
      track->longest_span = build_bins (track->span_marks, track->spans);
    }
  return data;
}

/* What set_incidents() shows (none for %NULL). */
MarzTimelineData *
_marz_timeline_data_new_from_incidents (GPtrArray *incidents)
{
  MarzTimelineData *data = data_new_empty (0);

  for (guint i = 0; incidents != NULL && i < incidents->len; i++)
    add_incident (data, g_ptr_array_index (incidents, i));
  return finish_data (data);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */

G_DEFINE_BOXED_TYPE (MarzTimelineData, marz_timeline_data, marz_timeline_data_ref, marz_timeline_data_unref)

/**
 * marz_timeline_data_new:
 * @marks: (element-type MarzIncidentMark): as marz_store_list_incident_marks()
 *   gives them: those that pass every filter but the date range
 *
 * Sorts (when they are not in the store's order already) and bins the
 * marks.  Safe in any thread: a worker builds it, the main thread hands it
 * to marz_timeline_set_data().  A million marks take tens of milliseconds.
 *
 * Returns: (transfer full): the timeline's data
 */
MarzTimelineData *
marz_timeline_data_new (GArray *marks)
{
  MarzTimelineData *data;

  g_return_val_if_fail (marks != NULL, NULL);
  g_return_val_if_fail (g_array_get_element_size (marks) == sizeof (MarzIncidentMark), NULL);

  data = data_new_empty (marks->len);
  for (guint i = 0; i < marks->len; i++)
    {
      const MarzIncidentMark *m = &g_array_index (marks, MarzIncidentMark, i);
      TimelineMark mark = { .id = m->id, .first = m->first, .last = m->last, .type = m->type };

      add_mark (data, &mark);
    }
  return finish_data (data);
}

MarzTimelineData *
marz_timeline_data_ref (MarzTimelineData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
data_clear (MarzTimelineData *self)
{
  for (guint t = 0; t < TIMELINE_N_TRACKS; t++)
    {
      g_clear_pointer (&self->tracks[t].day_marks, g_array_unref);
      g_clear_pointer (&self->tracks[t].days, g_array_unref);
      g_clear_pointer (&self->tracks[t].span_marks, g_array_unref);
      g_clear_pointer (&self->tracks[t].spans, g_array_unref);
    }
}

void
marz_timeline_data_unref (MarzTimelineData *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) data_clear);
}

/**
 * marz_timeline_data_get_n_marks:
 *
 * Returns: how many incidents it marks (those with a date)
 */
guint
marz_timeline_data_get_n_marks (MarzTimelineData *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint t = 0; t < TIMELINE_N_TRACKS; t++)
    n += self->tracks[t].day_marks->len + self->tracks[t].span_marks->len;
  return n;
}
