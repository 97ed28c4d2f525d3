/* marz-cli-private.h: what the commands of marz-cli share
 *
 * Each command is a function taking its own argv (argv[0] is the command's
 * name) and returning the process's exit status: 0 done, 1 failed, 2 misused.
 */
#pragma once

#include <glib.h>

#include "marz-incident.h"
#include "marz-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *db_path;
} MarzCli;

/* The options that choose incidents, shared by every command that lists or
 * exports them: --from, --to, --type, --place. */
typedef struct
{
  char *from;
  char *to;
  char *type;
  char *place;
} MarzCliFilterArgs;

#define MARZ_CLI_FILTER_ENTRIES(args) \
  { "from", 0, 0, G_OPTION_ARG_STRING, &(args)->from, N_("Only incidents on or after DATE (YYYY-MM-DD or YYYY-MM)"), "DATE" }, \
  { "to", 0, 0, G_OPTION_ARG_STRING, &(args)->to, N_("Only incidents on or before DATE (YYYY-MM-DD or YYYY-MM)"), "DATE" }, \
  { "type", 0, 0, G_OPTION_ARG_STRING, &(args)->type, \
    N_("Only this type: airstrike, shelling, clash, attack, explosion, ceasefire, talks, closure, statement"), "TYPE" }, \
  { "place", 0, 0, G_OPTION_ARG_STRING, &(args)->place, N_("Only at this place or within it (a gazetteer id, e.g. kunar)"), "ID" }

int        marz_cli_fail             (GError             *error);
int        marz_cli_usage_error      (const char         *command,
                                      const char         *message);
gboolean   marz_cli_parse_options    (const char         *command,
                                      const char         *args,
                                      const char         *summary,
                                      GOptionEntry       *entries,
                                      int                *argc,
                                      char             ***argv,
                                      GError            **error);
MarzStore *marz_cli_open_store       (MarzCli            *cli,
                                      GError            **error);
char      *marz_cli_parse_date_bound (const char         *text,
                                      gboolean            upper);
/* Fills @filter from @args; on a bad value sets @message (a static,
 * translated string) and returns FALSE.  @store checks --place. */
gboolean   marz_cli_filter_args_resolve (MarzCliFilterArgs  *args,
                                         MarzStore          *store,
                                         MarzIncidentFilter *filter,
                                         const char        **message);
void       marz_cli_filter_args_clear (MarzCliFilterArgs *args);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MarzCliFilterArgs, marz_cli_filter_args_clear)

/* The commands that live in files of their own. */
int        marz_cli_export_incidents (MarzCli            *cli,
                                      int                 argc,
                                      char              **argv);
int        marz_cli_export_map       (MarzCli            *cli,
                                      int                 argc,
                                      char              **argv);
int        marz_cli_align            (MarzCli            *cli,
                                      int                 argc,
                                      char              **argv);
int        marz_cli_stories          (MarzCli            *cli,
                                      int                 argc,
                                      char              **argv);

G_END_DECLS
