/* marz-cli.c: the headless Marz, for scripts, reports and machines without a display
 *
 * Links only libmarz-core.  Results go to stdout, problems to stderr, and the
 * exit status says whether the command did everything it was asked.
 */
#define G_LOG_DOMAIN "marz-cli"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "marz-import.h"
#include "marz-json.h"
#include "marz-language.h"
#include "marz-cli-private.h"

typedef struct
{
  const char *name;
  const char *args;
  const char *summary;
  int (*run) (MarzCli *cli, int argc, char **argv);
} Command;

static gboolean
check_format (const char *format)
{
  return format == NULL || g_str_equal (format, "text") || g_str_equal (format, "json");
}

static void
print_json (JsonNode *node)
{
  g_autofree char *text = marz_json_to_string (node, TRUE);
  g_print ("%s\n", text);
  json_node_unref (node);
}

/* ------------------------------------------------------------------------ */

static void
on_import_progress_cb (const MarzImportItem *item,
                       guint                 done,
                       guint                 total,
                       gpointer              user_data)
{
  g_autofree char *name = g_path_get_basename (item->path);

  switch (item->outcome)
    {
    case MARZ_IMPORT_ADDED:
      g_print (_("imported   %s (%s, %u incident reports)\n"), name,
               marz_language_get_name (item->language, NULL), item->n_reports);
      break;
    case MARZ_IMPORT_DUPLICATE:
      g_print (_("duplicate  %s (same text as %s, skipped)\n"), name, item->detail);
      break;
    case MARZ_IMPORT_FAILED:
    default:
      g_printerr (_("failed     %s\n"), item->detail);
      break;
    }
}

static int
cmd_import (MarzCli *cli, int argc, char **argv)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(MarzGazetteer) gazetteer = NULL;
  g_autoptr(MarzExtractor) extractor = NULL;
  MarzImportSummary summary;

  if (!marz_cli_parse_options ("import", _("PATH…"),
                      _("Import news articles (.txt files, or folders searched recursively)."),
                      entries, &argc, &argv, &error))
    return marz_cli_usage_error ("import", error->message);
  if (argc < 2)
    return marz_cli_usage_error ("import", _("no files or folders given"));

  if (!(store = marz_cli_open_store (cli, &error)) || !(gazetteer = marz_gazetteer_new_default (&error)))
    return marz_cli_fail (g_steal_pointer (&error));
  extractor = marz_extractor_new (gazetteer);
  if (!marz_import_paths (store, extractor, (const char * const *) argv + 1, NULL,
                          on_import_progress_cb, NULL, &summary, &error))
    {
      g_printerr (_("marz-cli: the import was rolled back; the database is unchanged\n"));
      return marz_cli_fail (g_steal_pointer (&error));
    }
  g_print (_("%u imported, %u duplicates, %u failed\n"), summary.added, summary.duplicates, summary.failed);
  return summary.failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* ------------------------------------------------------------------------ */

static void
print_article_line (const MarzArticleInfo *a)
{
  g_autofree char *date = a->date ? g_strdup_printf ("%s (%s, %s)", a->date,
                                                     marz_date_precision_to_string (a->precision),
                                                     marz_date_origin_to_string (a->origin))
                                  : g_strdup (_("date unknown"));

  g_print ("%s\t%s\t%s\t%s\t%s\n", a->name, a->variety ? a->variety : a->language, date,
           a->source ? a->source : "–", a->title ? a->title : "");
}

static int
cmd_articles (MarzCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(GPtrArray) articles = NULL;

  if (!marz_cli_parse_options ("articles", "", _("List the imported articles: file, language, date, source, title."),
                      entries, &argc, &argv, &error))
    return marz_cli_usage_error ("articles", error->message);
  if (!check_format (format) || argc > 1)
    return marz_cli_usage_error ("articles", _("unexpected arguments or unknown format"));
  if (!(store = marz_cli_open_store (cli, &error)) || !(articles = marz_store_list_articles (store, &error)))
    return marz_cli_fail (g_steal_pointer (&error));

  if (g_strcmp0 (format, "json") == 0)
    print_json (marz_json_articles (articles));
  else
    for (guint i = 0; i < articles->len; i++)
      print_article_line (g_ptr_array_index (articles, i));
  return EXIT_SUCCESS;
}

static int
cmd_show (MarzCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(MarzArticleInfo) article = NULL;

  if (!marz_cli_parse_options ("show", _("ARTICLE"), _("Show an article (by file name) with its text."),
                      entries, &argc, &argv, &error))
    return marz_cli_usage_error ("show", error->message);
  if (!check_format (format) || argc != 2)
    return marz_cli_usage_error ("show", _("give exactly one article"));
  if (!(store = marz_cli_open_store (cli, &error)) || !(article = marz_store_get_article (store, argv[1], &error)))
    return marz_cli_fail (g_steal_pointer (&error));

  if (g_strcmp0 (format, "json") == 0)
    {
      print_json (marz_json_article (article));
      return EXIT_SUCCESS;
    }
  g_print (_("File:      %s\nLanguage:  %s\nDate:      %s (%s, from %s)\nSource:    %s\n"
             "Title:     %s\nEncoding:  %s\nIncidents: %u\n\n"),
           article->path, marz_language_get_name (article->language, article->variety),
           article->date ? article->date : _("unknown"), marz_date_precision_to_string (article->precision),
           marz_date_origin_to_string (article->origin), article->source ? article->source : "–",
           article->title ? article->title : "", article->encoding, article->n_incidents);
  g_print ("%s\n", g_utf8_offset_to_pointer (article->text, article->body_start));
  return EXIT_SUCCESS;
}

static int
cmd_search (MarzCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL;
  int limit = 50;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N articles (default 50)"), "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(MarzGazetteer) gazetteer = NULL;
  g_autofree char *query = NULL;

  if (!marz_cli_parse_options ("search", _("QUERY…"),
                      _("Find articles containing all the words, in any spelling (Arabic or Persian letters, "
                        "with or without diacritics, tatweel, ZWNJ, any digits)."),
                      entries, &argc, &argv, &error))
    return marz_cli_usage_error ("search", error->message);
  if (!check_format (format) || argc < 2 || limit <= 0)
    return marz_cli_usage_error ("search", _("give a query (and a positive --limit)"));
  query = g_strjoinv (" ", argv + 1);
  if (!(store = marz_cli_open_store (cli, &error)) || !(gazetteer = marz_gazetteer_new_default (&error)))
    return marz_cli_fail (g_steal_pointer (&error));
  marz_store_set_gazetteer (store, gazetteer);
  if (!(hits = marz_store_search (store, query, limit, &error)))
    return marz_cli_fail (g_steal_pointer (&error));

  if (g_strcmp0 (format, "json") == 0)
    print_json (marz_json_search (hits));
  else
    for (guint i = 0; i < hits->len; i++)
      {
        MarzSearchHit *hit = g_ptr_array_index (hits, i);
        const char *s = hit->snippet;
        const char *a = g_utf8_offset_to_pointer (s, hit->match_start);
        const char *b = g_utf8_offset_to_pointer (s, hit->match_end);
        g_autofree char *flat = g_strdelimit (g_strdup_printf ("%.*s[%.*s]%s", (int) (a - s), s,
                                                               (int) (b - a), a, b), "\n", ' ');
        g_print ("%s\t%s\t…%s…\n", hit->article->name, hit->article->language, flat);
      }
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------ */

static char *
format_count (gint64 n)
{
  return n >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, n) : g_strdup ("?");
}

static void
print_incident (const MarzIncident *i)
{
  g_autofree char *killed = format_count (i->killed);
  g_autofree char *injured = format_count (i->injured);

  g_print ("#%" G_GINT64_FORMAT "  %s  %-9s  %s (%s; %.3f, %.3f)  %s %s, %s %s\n", i->id,
           i->date ? i->date : _("date unknown"), marz_incident_type_to_string (i->type), i->place_name,
           i->place_id, i->lat, i->lon, _("killed"), killed, _("injured"), injured);
  if (i->shared_places != NULL)
    {
      g_autoptr(GString) places = g_string_new (NULL);
      g_autofree char *sk = format_count (i->shared_killed);
      g_autofree char *si = format_count (i->shared_injured);
      for (guint k = 0; k < i->shared_places->len; k++)
        g_string_append_printf (places, "%s%s", k ? ", " : "", (char *) g_ptr_array_index (i->shared_places, k));
      g_print (_("    figures for %s together: %s killed, %s injured\n"), places->str, sk, si);
    }
  for (guint k = 0; k < i->reports->len; k++)
    {
      MarzReport *r = g_ptr_array_index (i->reports, k);
      g_autofree char *flat = g_strdelimit (g_strdup (r->evidence), "\n", ' ');
      g_print ("    %s [%s] %u–%u: %s\n", r->article, r->language, r->start, r->end, flat);
    }
}

static int
cmd_incidents (MarzCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_auto(MarzCliFilterArgs) args = { NULL };
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    MARZ_CLI_FILTER_ENTRIES (&args),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(GPtrArray) incidents = NULL;
  g_auto(MarzIncidentFilter) filter = { NULL, NULL, -1, NULL };
  const char *message = NULL;

  if (!marz_cli_parse_options ("incidents", "", _("List the incidents found, with the reports of each."),
                               entries, &argc, &argv, &error))
    return marz_cli_usage_error ("incidents", error->message);
  if (!check_format (format) || argc > 1)
    return marz_cli_usage_error ("incidents", _("unexpected arguments or unknown format"));
  if (!(store = marz_cli_open_store (cli, &error)))
    return marz_cli_fail (g_steal_pointer (&error));
  if (!marz_cli_filter_args_resolve (&args, store, &filter, &message))
    return marz_cli_usage_error ("incidents", message);
  if (!(incidents = marz_store_query_incidents (store, &filter, &error)))
    return marz_cli_fail (g_steal_pointer (&error));

  if (g_strcmp0 (format, "json") == 0)
    print_json (marz_json_incidents (incidents));
  else
    {
      for (guint i = 0; i < incidents->len; i++)
        print_incident (g_ptr_array_index (incidents, i));
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u incident\n", "%u incidents\n", incidents->len), incidents->len);
    }
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------ */

static const Command commands[] = {
  { "import",    N_("PATH…"),  N_("Import articles from files or folders"), cmd_import },
  { "articles",  "",           N_("List the imported articles"), cmd_articles },
  { "show",      N_("ARTICLE"), N_("Show one article"), cmd_show },
  { "search",    N_("QUERY"),  N_("Search the articles' text in any spelling"), cmd_search },
  { "incidents", "",           N_("List incidents, with filters"), cmd_incidents },
  { "export-incidents", "",    N_("Export incidents as GeoJSON or CSV, with filters"), marz_cli_export_incidents },
  { "export-map", "",          N_("Export the map as a PNG, SVG or PDF figure"), marz_cli_export_map },
  { "align",     N_("A B"),    N_("Align two articles' sentences by the facts they share"), marz_cli_align },
  { "stories",   "",           N_("Group the articles that report the same events"), marz_cli_stories },
};

static void
print_usage (FILE *out)
{
  int name_width = 0, args_width = 0;

  fprintf (out, "%s", _("Usage: marz-cli [--db PATH] COMMAND [OPTION…]\n\n"
                        "Marz maps incidents from Arabic and Persian news. Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      name_width = MAX (name_width, (int) strlen (commands[i].name));
      args_width = MAX (args_width, (int) g_utf8_strlen (_(commands[i].args), -1));
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *args = _(commands[i].args);
      /* %-*s pads bytes, and «PATH…» is longer in bytes than on screen. */
      int pad = args_width - (int) g_utf8_strlen (args, -1);
      fprintf (out, "  %-*s %s%*s  %s\n", name_width, commands[i].name, args, pad, "", _(commands[i].summary));
    }
  fprintf (out, "%s", _("\nOptions:\n"
                        "  --db PATH   the database (default: $MARZ_DB, else $XDG_DATA_HOME/marz/marz.db)\n"
                        "  --version   print the version\n"
                        "  --help      this help; “marz-cli COMMAND --help” for a command's options\n"));
}

int
main (int argc, char *argv[])
{
  MarzCli cli = { NULL };
  int i = 1, status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        return print_usage (stdout), EXIT_SUCCESS;
      else if (g_str_equal (argv[i], "--version"))
        return g_print ("marz-cli %s\n", MARZ_VERSION), EXIT_SUCCESS;
      else if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        cli.db_path = g_strdup (argv[++i]);
      else if (g_str_has_prefix (argv[i], "--db="))
        cli.db_path = g_strdup (argv[i] + strlen ("--db="));
      else
        {
          g_printerr (_("marz-cli: unknown option “%s”\n"), argv[i]);
          return print_usage (stderr), 2;
        }
    }
  if (i >= argc)
    return print_usage (stderr), 2;

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[i], commands[c].name))
      {
        status = commands[c].run (&cli, argc - i, argv + i);
        g_free (cli.db_path);
        return status;
      }
  g_printerr (_("marz-cli: unknown command “%s”\n"), argv[i]);
  print_usage (stderr);
  g_free (cli.db_path);
  return 2;
}
