/* marz-calendar.h: the Solar Hijri (Jalali) calendar
 *
 * Iran and Afghanistan date their news in the Solar Hijri calendar.  The
 * arithmetic is Borkowski's (1996), as in the jalaali-js package: exact for
 * Jalali years −61 to 3177 (Gregorian 560 to 3798); outside, every function
 * reports an invalid date.  Months are 1-based everywhere.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MARZ_JALALI_MIN_YEAR (-61)
#define MARZ_JALALI_MAX_YEAR 3177

gboolean marz_jalali_to_gregorian (int  jy,
                                   int  jm,
                                   int  jd,
                                   int *gy,
                                   int *gm,
                                   int *gd);
gboolean marz_gregorian_to_jalali (int  gy,
                                   int  gm,
                                   int  gd,
                                   int *jy,
                                   int *jm,
                                   int *jd);
gboolean marz_jalali_is_leap      (int  jy);
int      marz_jalali_month_length (int  jy,
                                   int  jm);
gboolean marz_jalali_is_valid     (int  jy,
                                   int  jm,
                                   int  jd);

G_END_DECLS
