/* marz-marker-style.c */
#define G_LOG_DOMAIN "marz-marker-style"

#include "marz-marker-style.h"

#include <math.h>

/* Violence in warm hues, diplomacy in cool ones; neighbours in the enum
 * differ in lightness too, so the legend still reads in grey. */
static const guint32 type_colors[MARZ_N_INCIDENT_TYPES] = {
  0xc0392b,   /* airstrike */
  0xe67e22,   /* shelling */
  0x8e44ad,   /* clash */
  0x7b241c,   /* attack */
  0xd4ac0d,   /* explosion */
  0x1e8449,   /* ceasefire */
  0x2471a3,   /* talks */
  0x566573,   /* closure */
  0x5dade2,   /* statement */
};

static MarzRgb
rgb_from_hex (guint32 hex)
{
  return (MarzRgb) {
    ((hex >> 16) & 0xff) / 255.0,
    ((hex >> 8) & 0xff) / 255.0,
    (hex & 0xff) / 255.0,
  };
}

MarzRgb
marz_marker_style_type_color (MarzIncidentType type)
{
  g_return_val_if_fail (type < MARZ_N_INCIDENT_TYPES, rgb_from_hex (0));
  return rgb_from_hex (type_colors[type]);
}

MarzRgb
marz_marker_style_cluster_color (void)
{
  return rgb_from_hex (0x34495e);
}

/* Grows with the logarithm: a place with 500 dead must not hide its
 * neighbours, and one with none must still be easy to hit. */
double
marz_marker_style_place_radius (guint  n_incidents,
                                gint64 casualties)
{
  double r = 8.0 + 2.0 * log2 (MAX (n_incidents, 1));

  if (casualties > 0)
    r += 2.5 * log2 (1.0 + casualties);
  return MIN (r, 24.0);
}

double
marz_marker_style_cluster_radius (guint64 n_incidents)
{
  return MIN (13.0 + 4.0 * log10 (MAX (n_incidents, 1)), 30.0);
}
