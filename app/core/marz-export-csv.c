/* marz-export-csv.c: incidents as RFC 4180 CSV, one row per report
 *
 * UTF-8 with a BOM: without it Excel and LibreOffice guess a legacy code
 * page and show Arabic and Persian as mojibake.  CRLF ends records; a field
 * is quoted when it holds a comma, a quote, CR or LF (evidence spans
 * sentences and lines), with quotes doubled.  Text is never changed
 * otherwise, so the evidence is byte for byte the article's.  Unknown
 * figures and dates are empty fields.  The evidence comes last because it
 * is long.
 */
#define G_LOG_DOMAIN "marz-export"

#include <string.h>

#include "marz-export-private.h"

static const char * const columns[] = {
  "incident_id", "type", "category", "date", "date_precision",
  "place_id", "place_name", "place_kind", "lat", "lon",
  "killed", "injured", "shared_killed", "shared_injured", "shared_places",
  "article", "language", "start", "end", "report_killed", "report_injured", "casualties_shared",
  "evidence",
};

/* Every row starts with the incident's id, never empty, so a field that
 * follows a line end is the first of its row. */
static void
append_field (GString    *b,
              const char *value)
{
  if (b->len > 0 && b->str[b->len - 1] != '\n')
    g_string_append_c (b, ',');
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (b, value);
      return;
    }
  g_string_append_c (b, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (b, '"');
      g_string_append_c (b, *p);
    }
  g_string_append_c (b, '"');
}

static void
append_count (GString *b,
              gint64   n)
{
  char text[32];

  if (n < 0)
    return append_field (b, NULL);
  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, n);
  append_field (b, text);
}

static void
append_coord (GString *b,
              double   value)
{
  g_autoptr(GString) text = g_string_new (NULL);

  _marz_export_append_coord (text, value);
  append_field (b, text->str);
}

static void
end_row (GString *b)
{
  g_string_append (b, "\r\n");
}

static void
append_incident_fields (GString            *b,
                        const MarzIncident *i,
                        MarzGazetteer      *gazetteer)
{
  gboolean shared = i->shared_places != NULL;
  g_autoptr(GString) places = g_string_new (NULL);

  for (guint k = 0; shared && k < i->shared_places->len; k++)
    g_string_append_printf (places, "%s%s", k ? ";" : "", (char *) g_ptr_array_index (i->shared_places, k));
  append_count (b, i->id);
  append_field (b, marz_incident_type_to_string (i->type));
  append_field (b, marz_incident_category_to_string (marz_incident_type_get_category (i->type)));
  append_field (b, i->date);
  append_field (b, marz_date_precision_to_string (i->precision));
  append_field (b, i->place_id);
  append_field (b, i->place_name);
  append_field (b, _marz_export_place_kind (gazetteer, i->place_id));
  append_coord (b, i->lat);
  append_coord (b, i->lon);
  append_count (b, i->killed);
  append_count (b, i->injured);
  append_count (b, shared ? i->shared_killed : -1);
  append_count (b, shared ? i->shared_injured : -1);
  append_field (b, shared ? places->str : NULL);
}

static void
append_report_fields (GString          *b,
                      const MarzReport *r)
{
  append_field (b, r->article);
  append_field (b, r->language);
  append_count (b, r->start);
  append_count (b, r->end);
  append_count (b, r->killed);
  append_count (b, r->injured);
  append_field (b, r->shared ? "true" : "false");
  append_field (b, r->evidence);
}

gboolean
_marz_export_write_csv (MarzExportWriter  *w,
                        GPtrArray         *incidents,
                        MarzGazetteer     *gazetteer,
                        GError           **error)
{
  g_string_append (w->buf, "\xEF\xBB\xBF");
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    g_string_append_printf (w->buf, "%s%s", c ? "," : "", columns[c]);
  end_row (w->buf);

  for (guint k = 0; k < incidents->len; k++)
    {
      const MarzIncident *i = g_ptr_array_index (incidents, k);

      /* An incident always has a report; should one ever have none, it
       * still gets a row, with the report's fields empty. */
      for (guint r = 0; r < MAX (i->reports->len, 1); r++)
        {
          append_incident_fields (w->buf, i, gazetteer);
          if (r < i->reports->len)
            append_report_fields (w->buf, g_ptr_array_index (i->reports, r));
          else
            for (guint c = 0; c < 8; c++)
              append_field (w->buf, NULL);
          end_row (w->buf);
        }
      if (!_marz_export_writer_flush (w, FALSE, error))
        return FALSE;
    }
  return TRUE;
}
