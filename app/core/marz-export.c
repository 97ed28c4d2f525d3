/* marz-export.c: choosing a format, and writing an export whole or not at all
 *
 * The formats themselves are in marz-export-geojson.c and marz-export-csv.c.
 */
#define G_LOG_DOMAIN "marz-export"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "marz-export-private.h"
#include "marz-output.h"

typedef struct
{
  char               *database_path;
  MarzIncidentFilter  filter;
  MarzExportFormat    format;
  MarzGazetteer      *gazetteer;
  MarzBasemap        *basemap;
  char               *path;
  MarzExportSummary   summary;
} ExportData;

/* Flushing at 64 KiB keeps memory flat in the number of incidents. */
#define FLUSH_SIZE (64 * 1024)

static const char * const format_names[] = { "geojson", "csv" };
static const char * const content_types[] = { "application/geo+json", "text/csv" };

static void
export_data_free (ExportData *data)
{
  g_free (data->database_path);
  marz_incident_filter_clear (&data->filter);
  g_clear_object (&data->gazetteer);
  g_clear_object (&data->basemap);
  g_free (data->path);
  g_free (data);
}

static void
count_reports (GPtrArray         *incidents,
               MarzExportSummary *summary)
{
  summary->n_incidents = incidents->len;
  summary->n_reports = 0;
  for (guint i = 0; i < incidents->len; i++)
    summary->n_reports += ((MarzIncident *) g_ptr_array_index (incidents, i))->reports->len;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(MarzStore) store = NULL;
  GError *error = NULL;

  store = marz_store_open_reader (data->database_path, &error);
  if (store == NULL ||
      !marz_export_incidents (store, &data->filter, data->format, data->gazetteer, data->basemap,
                              data->path, cancellable, &data->summary, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------------ */

gboolean
_marz_export_writer_flush (MarzExportWriter  *w,
                           gboolean           force,
                           GError           **error)
{
  if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
    return FALSE;
  if (w->buf->len == 0 || (!force && w->buf->len < FLUSH_SIZE))
    return TRUE;
  if (!g_output_stream_write_all (w->stream, w->buf->str, w->buf->len, NULL, w->cancellable, error))
    return FALSE;
  g_string_truncate (w->buf, 0);
  return TRUE;
}

double
_marz_export_round_coord (double value)
{
  return round (value * 1e6) / 1e6;
}

void
_marz_export_append_coord (GString *buf,
                           double   value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_ascii_formatd (text, sizeof text, "%.6f", _marz_export_round_coord (value));
  end = text + strlen (text) - 1;
  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  g_string_append (buf, g_str_equal (text, "-0") ? "0" : text);
}

const char *
_marz_export_place_kind (MarzGazetteer *gazetteer,
                         const char    *place_id)
{
  MarzPlace *place;

  if (gazetteer == NULL || place_id == NULL || !(place = marz_gazetteer_lookup (gazetteer, place_id)))
    return NULL;
  return marz_place_kind_to_string (place->kind);
}

/* ------------------------------------------------------------------------ */

gboolean
marz_export_format_from_string (const char       *name,
                                MarzExportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (name, format_names[i]) == 0)
      {
        *format = (MarzExportFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
marz_export_format_to_string (MarzExportFormat format)
{
  g_return_val_if_fail (format <= MARZ_EXPORT_CSV, NULL);
  return format_names[format];
}

gboolean
marz_export_format_from_path (const char       *path,
                              MarzExportFormat *format)
{
  const char *dot = path ? strrchr (path, '.') : NULL;

  g_return_val_if_fail (format != NULL, FALSE);

  if (dot != NULL && g_ascii_strcasecmp (dot, ".json") == 0)
    return *format = MARZ_EXPORT_GEOJSON, TRUE;
  return dot != NULL && marz_export_format_from_string (dot + 1, format);
}

const char *
marz_export_format_get_content_type (MarzExportFormat format)
{
  g_return_val_if_fail (format <= MARZ_EXPORT_CSV, NULL);
  return content_types[format];
}

/**
 * marz_export_write_incidents:
 * @incidents: (element-type MarzIncident): what to write, in this order
 * @summary: (out) (optional): how many incidents and reports were written
 *
 * Writes @incidents to @stream, which stays open.  On failure part of the
 * export may have been written: write to a #MarzOutput to keep nothing then.
 */
gboolean
marz_export_write_incidents (GPtrArray          *incidents,
                             MarzExportFormat    format,
                             MarzGazetteer      *gazetteer,
                             MarzBasemap        *basemap,
                             GOutputStream      *stream,
                             GCancellable       *cancellable,
                             MarzExportSummary  *summary,
                             GError            **error)
{
  g_autoptr(GString) buf = g_string_sized_new (FLUSH_SIZE + 4096);
  MarzExportWriter w = { stream, cancellable, buf };
  gboolean ok;

  g_return_val_if_fail (incidents != NULL, FALSE);
  g_return_val_if_fail (format <= MARZ_EXPORT_CSV, FALSE);
  g_return_val_if_fail (gazetteer == NULL || MARZ_IS_GAZETTEER (gazetteer), FALSE);
  g_return_val_if_fail (basemap == NULL || MARZ_IS_BASEMAP (basemap), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if (format == MARZ_EXPORT_GEOJSON)
    ok = _marz_export_write_geojson (&w, incidents, gazetteer, basemap, error);
  else
    ok = _marz_export_write_csv (&w, incidents, gazetteer, error);
  if (!ok || !_marz_export_writer_flush (&w, TRUE, error) || !g_output_stream_flush (stream, cancellable, error))
    return FALSE;
  if (summary != NULL)
    count_reports (incidents, summary);
  return TRUE;
}

/**
 * marz_export_incidents:
 * @filter: which incidents, as for marz_store_query_incidents()
 * @summary: (out) (optional): how many incidents and reports were written
 *
 * Queries first, so a database failure does not even create a temporary
 * file; then writes through #MarzOutput.  Every error names @path.
 */
gboolean
marz_export_incidents (MarzStore                *store,
                       const MarzIncidentFilter *filter,
                       MarzExportFormat          format,
                       MarzGazetteer            *gazetteer,
                       MarzBasemap              *basemap,
                       const char               *path,
                       GCancellable             *cancellable,
                       MarzExportSummary        *summary,
                       GError                  **error)
{
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(MarzOutput) output = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (MARZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(incidents = marz_store_query_incidents (store, filter, &local_error)))
    {
      g_prefix_error (&local_error, _("Cannot write “%s”: "), path);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (!(output = marz_output_open (path, error)))
    return FALSE;
  if (!marz_export_write_incidents (incidents, format, gazetteer, basemap, marz_output_get_stream (output),
                                    cancellable, summary, &local_error))
    {
      g_prefix_error (&local_error, _("Cannot write “%s”: "), path);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return marz_output_commit (output, error);
}

/**
 * marz_export_incidents_async:
 *
 * For the window: the query and the writing happen in a worker thread, on
 * a read-only connection of its own, so the UI thread's connection is never
 * touched there.  @gazetteer and @basemap are only read.
 */
void
marz_export_incidents_async (const char               *database_path,
                             const MarzIncidentFilter *filter,
                             MarzExportFormat          format,
                             MarzGazetteer            *gazetteer,
                             MarzBasemap              *basemap,
                             const char               *path,
                             GCancellable             *cancellable,
                             GAsyncReadyCallback       callback,
                             gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (database_path != NULL && filter != NULL && path != NULL);
  g_return_if_fail (format <= MARZ_EXPORT_CSV);

  data = g_new0 (ExportData, 1);
  data->database_path = g_strdup (database_path);
  marz_incident_filter_copy (&data->filter, filter);
  data->format = format;
  data->gazetteer = gazetteer ? g_object_ref (gazetteer) : NULL;
  data->basemap = basemap ? g_object_ref (basemap) : NULL;
  data->path = g_strdup (path);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, marz_export_incidents_async);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
marz_export_incidents_finish (GAsyncResult       *result,
                              MarzExportSummary  *summary,
                              GError            **error)
{
  ExportData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == marz_export_incidents_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (summary != NULL)
    *summary = data->summary;
  return TRUE;
}
