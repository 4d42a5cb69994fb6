/* SPDX-License-Identifier: GPL-3.0-or-later
 * format.c: the one number format of limen's outputs (10 significant digits), in the lowest
 * layer so that the workload's assumption lines and the report module's JSON and CSV share it. */
#include <math.h>
#include <stdio.h>

#include "limen/common.h"

const char *limen_format_number(char *buf, size_t n, double v) {
  if (isnan(v)) snprintf(buf, n, "nan");
  else if (isinf(v)) snprintf(buf, n, "%sinf", v < 0 ? "-" : "");
  else if (v == 0) snprintf(buf, n, "0");
  else snprintf(buf, n, "%.10g", v);
  return buf;
}
