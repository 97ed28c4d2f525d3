/* marz-application.c
 *
 * Single instance (GApplication's default): starting `marz` again presents
 * the window already open.  `--db PATH` (or $MARZ_DB, or the
 * database-path setting) chooses the store, as for marz-cli.
 * AdwApplication loads resources/style.css and GtkApplication the
 * shortcuts window from the resource base path by themselves.
 */
#define G_LOG_DOMAIN "marz-application"

#include "marz-application.h"

#include <glib/gi18n.h>

#include "marz-window.h"

struct _MarzApplication
{
  AdwApplication  parent_instance;

  /* owned */
  char           *database_path;
};

G_DEFINE_FINAL_TYPE (MarzApplication, marz_application, ADW_TYPE_APPLICATION)

static char *
choose_database_path (MarzApplication *self)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *configured = NULL;

  if (self->database_path)
    return g_strdup (self->database_path);
  if (g_getenv ("MARZ_DB") && *g_getenv ("MARZ_DB"))
    return g_strdup (g_getenv ("MARZ_DB"));
  settings = g_settings_new (MARZ_APP_ID);
  configured = g_settings_get_string (settings, "database-path");
  return *configured ? g_steal_pointer (&configured) : NULL;
}

static void
marz_application_activate (GApplication *application)
{
  MarzApplication *self = MARZ_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autofree char *path = NULL;

  if (window == NULL)
    {
      path = choose_database_path (self);
      window = GTK_WINDOW (marz_window_new (GTK_APPLICATION (application), path));
    }
  gtk_window_present (window);
}

static int
marz_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  MarzApplication *self = MARZ_APPLICATION (application);
  g_autofree char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("marz %s\n", MARZ_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "db", "^ay", &db))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db);
      self->database_path = g_file_get_path (file);
    }
  return -1;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = user_data;
  const char *developers[] = { "The Marz developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (application),
                         "application-name", _("Marz"),
                         "application-icon", MARZ_APP_ID,
                         "version", MARZ_VERSION,
                         "developer-name", _("The Marz developers"),
                         "developers", developers,
                         "comments", _("Incidents of the Afghanistan–Pakistan border conflict, "
                                       "from Arabic and Persian news, on a map"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/marzatlas/marz",
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (user_data);

  /* Closing, not destroying: each window saves its state on close. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
marz_application_startup (GApplication *application)
{
  G_APPLICATION_CLASS (marz_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions, G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.toggle-sidebar",
                                         (const char *[]) { "F9", NULL });
}

static void
marz_application_finalize (GObject *object)
{
  MarzApplication *self = MARZ_APPLICATION (object);

  g_free (self->database_path);
  G_OBJECT_CLASS (marz_application_parent_class)->finalize (object);
}

static void
marz_application_class_init (MarzApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = marz_application_finalize;
  app_class->activate = marz_application_activate;
  app_class->startup = marz_application_startup;
  app_class->handle_local_options = marz_application_handle_local_options;
}

static void
marz_application_init (MarzApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The database to open"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

MarzApplication *
marz_application_new (void)
{
  return g_object_new (MARZ_TYPE_APPLICATION,
                       "application-id", MARZ_APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
