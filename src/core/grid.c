/* SPDX-License-Identifier: GPL-3.0-or-later
 * grid.c: the one definition of a sweep grid's points (linear or logarithmic), shared by
 * sweeps, figures and the experiments, so that every axis of limen lands on the same
 * numbers and the end points are exact. */
#include <math.h>

#include "limen/common.h"

double limen_grid_point(double lo, double hi, size_t i, size_t n, int log_spaced) {
  if (n <= 1 || i == 0) return lo;
  if (i >= n - 1) return hi;
  double f = (double)i / (double)(n - 1);
  if (log_spaced) return exp(log(lo) + f * (log(hi) - log(lo)));
  return lo + f * (hi - lo);
}
