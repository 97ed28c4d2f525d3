/* marz-mercator.h: Web Mercator (EPSG:3857) in tile pixels */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Web Mercator stops short of the poles: beyond this the map is a square. */
#define MARZ_MERCATOR_MAX_LATITUDE 85.05112877980659

void   marz_mercator_project        (double  lat,
                                     double  lon,
                                     double  zoom,
                                     guint   tile_size,
                                     double *x,
                                     double *y);
void   marz_mercator_unproject      (double  x,
                                     double  y,
                                     double  zoom,
                                     guint   tile_size,
                                     double *lat,
                                     double *lon);
void   marz_mercator_project_unit   (double  lat,
                                     double  lon,
                                     double *x,
                                     double *y);
double marz_mercator_world_size     (double  zoom,
                                     guint   tile_size);

G_END_DECLS
