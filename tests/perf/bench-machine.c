/* bench-machine.c: every benchmark prints the machine it measured on, since
 * figures from different machines cannot be compared. */
#include "bench-machine.h"

#include <string.h>

/* The CPU's model name from /proc/cpuinfo. */
char *
bench_cpu_model (void)
{
  g_autofree char *info = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/cpuinfo", &info, NULL, NULL))
    return g_strdup ("unknown CPU");
  lines = g_strsplit (info, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "model name") && strchr (lines[i], ':') != NULL)
      return g_strdup (g_strstrip (strchr (lines[i], ':') + 1));
  return g_strdup ("unknown CPU");
}
