/* marz-mercator.c
 *
 * The projection of every slippy map (OSM, libshumate): the world is a square
 * of tile_size × 2^zoom pixels, x grows eastwards from 180° W, y southwards
 * from 85.0511° N.  The basemap projects its geometry once to the unit square
 * (zoom 0, tile size 1) and scales from there.
 */
#define G_LOG_DOMAIN "marz-mercator"

#include "marz-mercator.h"

#include <math.h>

/**
 * marz_mercator_world_size:
 *
 * Returns: the width (and height) of the whole world in pixels at @zoom
 */
double
marz_mercator_world_size (double zoom,
                          guint  tile_size)
{
  return tile_size * exp2 (zoom);
}

/**
 * marz_mercator_project_unit:
 *
 * Projects to the unit square: (0, 0) is the north-west corner of the world,
 * (1, 1) the south-east.  Latitudes beyond ±85.0511° are clamped.
 */
void
marz_mercator_project_unit (double  lat,
                            double  lon,
                            double *x,
                            double *y)
{
  double phi = CLAMP (lat, -MARZ_MERCATOR_MAX_LATITUDE, MARZ_MERCATOR_MAX_LATITUDE) * G_PI / 180.0;

  *x = (lon + 180.0) / 360.0;
  *y = (1.0 - asinh (tan (phi)) / G_PI) / 2.0;
}

/**
 * marz_mercator_project:
 * @x: (out): pixels from the west edge of the world at @zoom
 * @y: (out): pixels from the north edge
 */
void
marz_mercator_project (double  lat,
                       double  lon,
                       double  zoom,
                       guint   tile_size,
                       double *x,
                       double *y)
{
  double size = marz_mercator_world_size (zoom, tile_size);
  double ux, uy;

  g_return_if_fail (x != NULL && y != NULL);

  marz_mercator_project_unit (lat, lon, &ux, &uy);
  *x = ux * size;
  *y = uy * size;
}

/**
 * marz_mercator_unproject:
 *
 * The inverse of marz_mercator_project().
 */
void
marz_mercator_unproject (double  x,
                         double  y,
                         double  zoom,
                         guint   tile_size,
                         double *lat,
                         double *lon)
{
  double size = marz_mercator_world_size (zoom, tile_size);

  g_return_if_fail (lat != NULL && lon != NULL);

  *lon = x / size * 360.0 - 180.0;
  *lat = atan (sinh (G_PI * (1.0 - 2.0 * y / size))) * 180.0 / G_PI;
}
