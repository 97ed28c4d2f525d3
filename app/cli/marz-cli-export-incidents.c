/* marz-cli-export-incidents.c: `marz-cli export-incidents`, GeoJSON or CSV
 *
 * With --output FILE the export is written whole or not at all (MarzOutput)
 * and a summary goes to stdout; without it, or with --output -, the export
 * itself goes to stdout, byte for byte what the file would hold, BOM
 * included, so `> file.csv` gives the same file.
 */
#define G_LOG_DOMAIN "marz-cli"

#include <glib/gi18n.h>
#include <gio/gunixoutputstream.h>
#include <stdlib.h>
#include <unistd.h>

#include "marz-basemap.h"
#include "marz-cli-private.h"
#include "marz-export.h"

static gboolean
resolve_format (const char       *name,
                const char       *output,
                MarzExportFormat *format)
{
  if (name != NULL)
    return marz_export_format_from_string (name, format);
  return output != NULL && marz_export_format_from_path (output, format);
}

static int
write_to_stdout (MarzStore                *store,
                 const MarzIncidentFilter *filter,
                 MarzExportFormat          format,
                 MarzGazetteer            *gazetteer,
                 MarzBasemap              *basemap)
{
  g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GError) error = NULL;

  if (!(incidents = marz_store_query_incidents (store, filter, &error)) ||
      !marz_export_write_incidents (incidents, format, gazetteer, basemap, out, NULL, NULL, &error))
    return marz_cli_fail (g_steal_pointer (&error));
  return EXIT_SUCCESS;
}

int
marz_cli_export_incidents (MarzCli  *cli,
                           int       argc,
                           char    **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_auto(MarzCliFilterArgs) args = { NULL };
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("geojson or csv (default: from the output file's extension)"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (default: standard output)"), "FILE" },
    MARZ_CLI_FILTER_ENTRIES (&args),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(MarzGazetteer) gazetteer = NULL;
  g_autoptr(MarzBasemap) basemap = NULL;
  g_auto(MarzIncidentFilter) filter = { NULL, NULL, -1, NULL };
  MarzExportFormat format;
  MarzExportSummary summary;
  const char *message = NULL;

  if (!marz_cli_parse_options ("export-incidents", "",
                               _("Export the incidents as GeoJSON (one feature per incident) or CSV "
                                 "(one row per report, UTF-8 with BOM)."),
                               entries, &argc, &argv, &error))
    return marz_cli_usage_error ("export-incidents", error->message);
  if (argc > 1)
    return marz_cli_usage_error ("export-incidents", _("unexpected arguments"));
  if (g_strcmp0 (output, "-") == 0)
    g_clear_pointer (&output, g_free);
  if (!resolve_format (format_name, output, &format))
    return marz_cli_usage_error ("export-incidents", _("give --format geojson or --format csv"));
  if (!(store = marz_cli_open_store (cli, &error)))
    return marz_cli_fail (g_steal_pointer (&error));
  if (!marz_cli_filter_args_resolve (&args, store, &filter, &message))
    return marz_cli_usage_error ("export-incidents", message);
  if (!(gazetteer = marz_gazetteer_new_default (&error)) ||
      (format == MARZ_EXPORT_GEOJSON && !(basemap = marz_basemap_new_default (gazetteer, &error))))
    return marz_cli_fail (g_steal_pointer (&error));

  if (output == NULL)
    return write_to_stdout (store, &filter, format, gazetteer, basemap);
  if (!marz_export_incidents (store, &filter, format, gazetteer, basemap, output, NULL, &summary, &error))
    return marz_cli_fail (g_steal_pointer (&error));
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u incident", "%u incidents", summary.n_incidents), summary.n_incidents);
  g_print (g_dngettext (GETTEXT_PACKAGE, " (%u report) written to %s\n", " (%u reports) written to %s\n",
                        summary.n_reports), summary.n_reports, output);
  return EXIT_SUCCESS;
}
