/* SPDX-License-Identifier: GPL-3.0-or-later
 * landauer.c: (L) Landauer's bound and its generalization to imperfect erasure (theory §3).
 *
 *   e_L = kT ln 2;     e_L(P_s) = kT [ln 2 + P_s ln P_s + (1 − P_s) ln(1 − P_s)]
 *
 * (the drop of the Shannon entropy of the bit, from ln 2 to the entropy of the final
 * distribution {P_s, 1 − P_s}; 0·ln 0 = 0).  e_L(½) = 0, e_L(1) = ln 2.  Both are the
 * coarse-grained form kT·(H(p_i) − H(p_f)) of a two-well cell's occupations (theory §4.1),
 * limen_landauer_information_kT, here with p_i = ½.
 * References: R. Landauer, IBM J. Res. Dev. 5, 183 (1961); A. Bérut et al., Nature 483, 187
 * (2012) (the P_s form used to analyse the measured heat). */
#include <math.h>
#include <stddef.h>

#include "numeric/numeric.h"
#include "limen/bounds.h"

double limen_landauer_kT(void) { return 0.693147180559945309417232121458; }

static double xlogx(double p) { return p > 0.0 ? p * log(p) : 0.0; }

/* The Shannon entropy of {p, 1 − p} in nats: −p ln p − (1 − p) ln(1 − p), with log1p for
 * accuracy when p is small. */
static double entropy2(double p) {
  double q = 1.0 - p;
  return -(xlogx(p) + (q > 0.0 ? q * log1p(-p) : 0.0));
}

/* Var of H(p̂) for a binomial p̂ of n draws (second-order delta method, Gaussian p̂):
 * H'(p)²σ² + ½H''(p)²σ⁴ with σ² = p(1 − p)/n, p kept in [1/(2n), 1 − 1/(2n)]. */
static double entropy2_var(double p, size_t n) {
  if (n == 0) return 0.0;
  double lo = 0.5 / (double)n;
  p = fmin(fmax(p, lo), 1.0 - lo);
  double s2 = p * (1.0 - p) / (double)n, d1 = log((1.0 - p) / p), d2 = -1.0 / (p * (1.0 - p));
  return d1 * d1 * s2 + 0.5 * d2 * d2 * s2 * s2;
}

int limen_landauer_information_kT(double p_initial, size_t n_initial, double p_final, size_t n_final, double *e_kT,
                                  double *se_kT, limen_error *err) {
  int rc = limen_check_range(err, __func__, "p_initial", p_initial, 0.0, 0, 1.0, 0);
  if (!rc) rc = limen_check_range(err, __func__, "p_final", p_final, 0.0, 0, 1.0, 0);
  if (rc) return rc;
  if (!e_kT) return limen_error_set(err, LIMEN_EINVAL, __func__, "e_kT: must not be NULL");
  *e_kT = entropy2(p_initial) - entropy2(p_final);
  if (se_kT) *se_kT = sqrt(entropy2_var(p_initial, n_initial) + entropy2_var(p_final, n_final));
  return LIMEN_OK;
}

int limen_landauer_generalized_kT(double success, double *e_kT, limen_error *err) {
  int rc = limen_check_range(err, __func__, "success", success, 0.0, 0, 1.0, 0);
  if (rc) return rc;
  if (!e_kT) return limen_error_set(err, LIMEN_EINVAL, __func__, "e_kT: must not be NULL");
  /* the drop of the entropy from that of an unknown bit, ln 2 */
  double e = 0.0;
  if ((rc = limen_landauer_information_kT(0.5, 0, success, 0, &e, NULL, err))) return rc;
  *e_kT = e > 0.0 ? e : 0.0; /* exact 0 at P = ½ up to round-off */
  return LIMEN_OK;
}
