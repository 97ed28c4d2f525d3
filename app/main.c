/* main.c: the desktop app's entry point, nothing else */
#include <glib/gi18n.h>
#include <locale.h>

#include "marz-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MarzApplication) application = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = marz_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
