/* bench-filters-store.h: a large Marz store for bench-filters */
#pragma once

#include <glib.h>

#define BENCH_FIRST_YEAR 2024
#define BENCH_N_DAYS     731        /* 2024-01-01 … 2025-12-31 */

char     *bench_day_string  (int          day);
gboolean  bench_store_build (const char  *path,
                             guint        n_articles,
                             guint        n_incidents,
                             GError     **error);
gboolean  bench_store_fits  (const char  *path,
                             guint        n_articles,
                             guint        n_incidents);
void      bench_store_remove (const char *path);
