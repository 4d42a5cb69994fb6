/* SPDX-License-Identifier: GPL-3.0-or-later
 * landauer.c: (L) Landauer's bound and its generalization to imperfect erasure (theory §3).
 *
 *   e_L = kT ln 2;     e_L(P_s) = kT [ln 2 + P_s ln P_s + (1 − P_s) ln(1 − P_s)]
 *
 * (the drop of the Shannon entropy of the bit, from ln 2 to the entropy of the final
 * distribution {P_s, 1 − P_s}; 0·ln 0 = 0).  e_L(½) = 0, e_L(1) = ln 2.
 * References: R. Landauer, IBM J. Res. Dev. 5, 183 (1961); A. Bérut et al., Nature 483, 187
 * (2012) (the P_s form used to analyse the measured heat). */
#include <math.h>

#include "numeric/numeric.h"
#include "limen/bounds.h"

double limen_landauer_kT(void) { return 0.693147180559945309417232121458; }

static double xlogx(double p) { return p > 0.0 ? p * log(p) : 0.0; }

int limen_landauer_generalized_kT(double success, double *e_kT, limen_error *err) {
  int rc = limen_check_range(err, __func__, "success", success, 0.0, 0, 1.0, 0);
  if (rc) return rc;
  if (!e_kT) return limen_error_set(err, LIMEN_EINVAL, __func__, "e_kT: must not be NULL");
  /* (1 − P) ln(1 − P) with log1p for accuracy when P is small */
  double q = 1.0 - success;
  double tail = q > 0.0 ? q * log1p(-success) : 0.0;
  double e = limen_landauer_kT() + xlogx(success) + tail;
  *e_kT = e > 0.0 ? e : 0.0; /* exact 0 at P = ½ up to round-off */
  return LIMEN_OK;
}
