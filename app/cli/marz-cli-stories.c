/* marz-cli-stories.c: `marz-cli stories`, the articles grouped by the events
 * they report
 */
#define G_LOG_DOMAIN "marz-cli"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "marz-cli-private.h"
#include "marz-json.h"
#include "marz-language.h"
#include "marz-stories.h"

static void
add_strings (JsonBuilder *builder,
             const char  *member,
             GPtrArray   *strings)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

static JsonNode *
stories_to_json (GPtrArray *stories)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "stories");
  json_builder_begin_array (builder);
  for (guint i = 0; i < stories->len; i++)
    {
      const MarzStory *story = g_ptr_array_index (stories, i);
      g_autoptr(JsonNode) articles = marz_json_articles (story->articles);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, story->id);
      json_builder_set_member_name (builder, "articles");
      json_builder_add_value (builder, json_node_copy (json_object_get_member (json_node_get_object (articles),
                                                                               "articles")));
      add_strings (builder, "languages", story->languages);
      add_strings (builder, "shared", story->shared);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_text (GPtrArray *stories)
{
  for (guint i = 0; i < stories->len; i++)
    {
      const MarzStory *story = g_ptr_array_index (stories, i);
      g_print (_("Story %u (%u articles)\n"), i + 1, story->articles->len);
      for (guint j = 0; j < story->articles->len; j++)
        {
          const MarzArticleInfo *a = g_ptr_array_index (story->articles, j);
          g_print ("  %-24s %-14s %s\n", a->name, marz_language_get_name (a->language, a->variety),
                   a->date ? a->date : "–");
        }
      for (guint j = 0; j < story->shared->len; j++)
        g_print (_("  shared: %s\n"), (char *) g_ptr_array_index (story->shared, j));
    }
}

int
marz_cli_stories (MarzCli  *cli,
                  int       argc,
                  char    **argv)
{
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(MarzGazetteer) gazetteer = NULL;
  g_autoptr(MarzGlossary) glossary = NULL;
  g_autoptr(MarzAnchorFinder) finder = NULL;
  g_autoptr(GPtrArray) stories = NULL;

  if (!marz_cli_parse_options ("stories", "", _("Group the articles that report the same events."),
                               entries, &argc, &argv, &error))
    return marz_cli_usage_error ("stories", error->message);
  if (argc != 1 || (format && !g_str_equal (format, "text") && !g_str_equal (format, "json")))
    return marz_cli_usage_error ("stories", _("the format is text or json"));
  if (!(store = marz_cli_open_store (cli, &error))
      || !(gazetteer = marz_gazetteer_new_default (&error))
      || !(glossary = marz_glossary_new_default (&error)))
    return marz_cli_fail (g_steal_pointer (&error));
  finder = marz_anchor_finder_new (gazetteer, glossary);
  if (!(stories = marz_stories_build (store, finder, &error)))
    return marz_cli_fail (g_steal_pointer (&error));

  if (g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(JsonNode) node = stories_to_json (stories);
      g_autofree char *text = marz_json_to_string (node, TRUE);
      g_print ("%s\n", text);
    }
  else
    print_text (stories);
  return EXIT_SUCCESS;
}
