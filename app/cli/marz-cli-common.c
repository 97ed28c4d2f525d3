/* marz-cli-common.c: option parsing, errors and the store, for every command */
#define G_LOG_DOMAIN "marz-cli"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "marz-cli-private.h"

int
marz_cli_fail (GError *error)
{
  g_printerr ("marz-cli: %s\n", error->message);
  g_error_free (error);
  return EXIT_FAILURE;
}

int
marz_cli_usage_error (const char *command,
                      const char *message)
{
  g_printerr ("marz-cli %s: %s\n", command, message);
  g_printerr (_("Try “marz-cli %s --help”.\n"), command);
  return 2;
}

gboolean
marz_cli_parse_options (const char    *command,
                        const char    *args,
                        const char    *summary,
                        GOptionEntry  *entries,
                        int           *argc,
                        char        ***argv,
                        GError       **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (args);
  g_autofree char *prgname = g_strdup_printf ("marz-cli %s", command);

  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return g_option_context_parse (context, argc, argv, error);
}

MarzStore *
marz_cli_open_store (MarzCli  *cli,
                     GError  **error)
{
  g_autofree char *path = cli->db_path ? g_strdup (cli->db_path) : marz_store_get_default_path ();
  return marz_store_open (path, error);
}

/* «2025-10-09», or «2025-10» meaning the whole month. */
char *
marz_cli_parse_date_bound (const char *text,
                           gboolean    upper)
{
  int y, m, d, n = 0;

  if (text == NULL)
    return NULL;
  if (sscanf (text, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == (int) strlen (text) && g_date_valid_dmy (d, m, y))
    return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  if (sscanf (text, "%4d-%2d%n", &y, &m, &n) == 2 && n == (int) strlen (text) && m >= 1 && m <= 12)
    return g_strdup_printf ("%04d-%02d-%02d", y, m, upper ? g_date_get_days_in_month (m, y) : 1);
  return NULL;
}

gboolean
marz_cli_filter_args_resolve (MarzCliFilterArgs  *args,
                              MarzStore          *store,
                              MarzIncidentFilter *filter,
                              const char        **message)
{
  MarzIncidentType t;

  filter->type = -1;
  if ((args->from && !(filter->from = marz_cli_parse_date_bound (args->from, FALSE))) ||
      (args->to && !(filter->to = marz_cli_parse_date_bound (args->to, TRUE))))
    return *message = _("dates are written YYYY-MM-DD or YYYY-MM"), FALSE;
  if (args->type && !marz_incident_type_from_string (args->type, &t))
    return *message = _("unknown incident type"), FALSE;
  if (args->type)
    filter->type = (int) t;
  if (args->place && !marz_store_has_place (store, args->place))
    return *message = _("no such place in the gazetteer"), FALSE;
  filter->place_id = g_strdup (args->place);
  return TRUE;
}

void
marz_cli_filter_args_clear (MarzCliFilterArgs *args)
{
  g_clear_pointer (&args->from, g_free);
  g_clear_pointer (&args->to, g_free);
  g_clear_pointer (&args->type, g_free);
  g_clear_pointer (&args->place, g_free);
}
