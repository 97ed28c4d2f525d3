/* marz-cli-align.c: `marz-cli align`, the sentences two articles share
 *
 * Prints the alignment as JSON (the default), TMX 1.4, TSV or text.  TMX and
 * TSV hold the confirmed pairs, or every pair while none is confirmed, so a
 * first run already gives something a CAT tool can load; --all and
 * --confirmed choose explicitly.  --confirm, --reject and --pair store a
 * decision (A_START:B_START, sentence starts in characters) before aligning.
 */
#define G_LOG_DOMAIN "marz-cli"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "marz-align.h"
#include "marz-cli-private.h"

typedef struct
{
  char                **confirm;
  char                **reject;
  char                **pair;
  char                **clear;
} Decisions;

static gboolean
parse_offsets (const char *text,
               guint      *a,
               guint      *b)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", 3);
  guint64 x, y;

  if (g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT, &x, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT, &y, NULL))
    return FALSE;
  *a = x;
  *b = y;
  return TRUE;
}

static gboolean
store_decisions (MarzStore             *store,
                 const char            *article_a,
                 const char            *article_b,
                 char                 **list,
                 MarzAlignDecisionKind  kind,
                 GError               **error)
{
  for (guint i = 0; list && list[i]; i++)
    {
      guint a, b;
      if (!parse_offsets (list[i], &a, &b))
        {
          g_set_error (error, MARZ_ALIGN_ERROR, MARZ_ALIGN_ERROR_INVALID,
                       _("“%s” is not A_START:B_START"), list[i]);
          return FALSE;
        }
      if (!marz_store_set_align_decision (store, article_a, article_b, a, b, kind, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
store_all (MarzStore  *store,
           const char *article_a,
           const char *article_b,
           Decisions  *d,
           GError    **error)
{
  return store_decisions (store, article_a, article_b, d->clear, MARZ_ALIGN_DECISION_NONE, error)
         && store_decisions (store, article_a, article_b, d->confirm, MARZ_ALIGN_DECISION_CONFIRM, error)
         && store_decisions (store, article_a, article_b, d->reject, MARZ_ALIGN_DECISION_REJECT, error)
         && store_decisions (store, article_a, article_b, d->pair, MARZ_ALIGN_DECISION_PAIR, error);
}

static MarzAligner *
new_aligner (GError **error)
{
  g_autoptr(MarzGazetteer) gazetteer = NULL;
  g_autoptr(MarzGlossary) glossary = NULL;
  g_autoptr(MarzAnchorFinder) finder = NULL;

  if ((gazetteer = marz_gazetteer_new_default (error)) == NULL
      || (glossary = marz_glossary_new_default (error)) == NULL)
    return NULL;
  finder = marz_anchor_finder_new (gazetteer, glossary);
  return marz_aligner_new (finder);
}

static void
decisions_clear (Decisions *d)
{
  g_clear_pointer (&d->confirm, g_strfreev);
  g_clear_pointer (&d->reject, g_strfreev);
  g_clear_pointer (&d->pair, g_strfreev);
  g_clear_pointer (&d->clear, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Decisions, decisions_clear)

static int
write_alignment (const MarzAlignment  *alignment,
                 MarzAlignFormat       format,
                 MarzAlignExportScope  scope,
                 const char           *output)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;

  if (output != NULL && !g_str_equal (output, "-"))
    {
      if (!marz_alignment_export (alignment, format, scope, output, &error))
        return marz_cli_fail (g_steal_pointer (&error));
      return EXIT_SUCCESS;
    }
  data = marz_alignment_format (alignment, format, scope);
  fputs (data, stdout);
  if (format == MARZ_ALIGN_FORMAT_JSON)
    fputc ('\n', stdout);
  return EXIT_SUCCESS;
}

int
marz_cli_align (MarzCli  *cli,
                int       argc,
                char    **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  gboolean all = FALSE, confirmed = FALSE;
  g_auto(Decisions) d = { NULL };
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("json (default), tmx, tsv or text"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (default: standard output)"), "FILE" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("TMX and TSV: every pair"), NULL },
    { "confirmed", 0, 0, G_OPTION_ARG_NONE, &confirmed, N_("TMX and TSV: only confirmed pairs"), NULL },
    { "confirm", 0, 0, G_OPTION_ARG_STRING_ARRAY, &d.confirm, N_("Confirm the pair of the sentences starting there"), "A:B" },
    { "reject", 0, 0, G_OPTION_ARG_STRING_ARRAY, &d.reject, N_("Reject that pair"), "A:B" },
    { "pair", 0, 0, G_OPTION_ARG_STRING_ARRAY, &d.pair, N_("Pair those two sentences"), "A:B" },
    { "forget", 0, 0, G_OPTION_ARG_STRING_ARRAY, &d.clear, N_("Forget the decision on that pair"), "A:B" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(MarzAligner) aligner = NULL;
  g_autoptr(MarzAlignment) alignment = NULL;
  MarzAlignFormat format = MARZ_ALIGN_FORMAT_JSON;
  MarzAlignExportScope scope = MARZ_ALIGN_EXPORT_AUTO;

  if (!marz_cli_parse_options ("align", _("ARTICLE_A ARTICLE_B"),
                               _("Align the sentences of two articles by the facts they share.\n\n"
                                 "Offsets (start, end, and A:B for decisions) count characters of the "
                                 "article's text as Marz stores it: decoded, without a byte order mark, "
                                 "line ends as LF, the date line included; the \"text\" that "
                                 "“marz-cli show --format json” gives, not the bytes of the file."),
                               entries, &argc, &argv, &error))
    return marz_cli_usage_error ("align", error->message);
  if (argc != 3)
    return marz_cli_usage_error ("align", _("give exactly two articles"));
  if (format_name != NULL && !marz_align_format_from_string (format_name, &format))
    return marz_cli_usage_error ("align", _("the format is json, tmx, tsv or text"));
  if (all && confirmed)
    return marz_cli_usage_error ("align", _("--all and --confirmed exclude each other"));
  scope = all ? MARZ_ALIGN_EXPORT_ALL : confirmed ? MARZ_ALIGN_EXPORT_CONFIRMED : MARZ_ALIGN_EXPORT_AUTO;

  if (!(store = marz_cli_open_store (cli, &error))
      || !(aligner = new_aligner (&error)))
    return marz_cli_fail (g_steal_pointer (&error));
  {
    g_autoptr(MarzArticleInfo) a = marz_store_get_article (store, argv[1], &error);
    g_autoptr(MarzArticleInfo) b = a ? marz_store_get_article (store, argv[2], &error) : NULL;

    if (b == NULL || !store_all (store, a->name, b->name, &d, &error))
      return marz_cli_fail (g_steal_pointer (&error));
  }
  if (!(alignment = marz_store_align_articles (store, aligner, argv[1], argv[2], &error)))
    return marz_cli_fail (g_steal_pointer (&error));
  return write_alignment (alignment, format, scope, output);
}
