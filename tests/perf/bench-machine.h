/* bench-machine.h: describing the machine a benchmark ran on */
#pragma once

#include <glib.h>

char *bench_cpu_model (void);
