/* SPDX-License-Identifier: GPL-3.0-or-later
 * levels.c: the level size of an n-bit parameter, the one place where it is formed, in the two
 * conventions of bounds.h (projections: range/2^n; memory arrays: range/(2^n − 1)). */
#include <math.h>

#include "limen/bounds.h"

double limen_level_size(double range, double bits, limen_level_convention convention) {
  if (!(range > 0) || !isfinite(range) || !(bits > 0) || !isfinite(bits)) return NAN;
  /* pow(2, n) is exact for whole n, so both forms equal the ldexp(1, n) they replace */
  double levels = pow(2.0, bits);
  switch (convention) {
    case LIMEN_LEVELS_BINS: return range / levels;
    case LIMEN_LEVELS_ENDPOINTS: return range / (levels - 1.0);
  }
  return NAN;
}
