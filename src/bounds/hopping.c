/* SPDX-License-Identifier: GPL-3.0-or-later
 * hopping.c: (H) incremental update of a multi-level cell by biased hopping (theory §3), and
 * the exact zero-tilt hop rate of the washboard cell that (H) is evaluated with.
 *
 * Neighbouring levels are hopped at rate r each way at zero tilt; a tilt of f kT per level
 * makes r± = r e^{±f/2} (detailed balance).  A net move of m levels in Δt needs
 * (r₊ − r₋)Δt = 2rΔt sinh(f/2) = m, i.e.
 *     f = 2 asinh(m/(2rΔt)),     e_H = m·f  (kT; the work done by the tilt, all dissipated),
 * with the limits e_H → m²/(rΔt) (slow, m ≪ rΔt) and e_H → 2m ln(m/(rΔt)) (fast).
 * The net displacement of the same step has variance (r₊ + r₋)Δt = 2rΔt cosh(f/2)
 * = √((2rΔt)² + m²), which is ≈ 2rΔt levels² for slow moves: precision costs speed.
 * A move against the tilt is symmetric (m < 0 gives f < 0 and the same e_H = |m|·|f|).
 * References: theory §3 (H); U. Seifert, Rep. Prog. Phys. 75, 126001 (2012) for the
 * entropy production of a biased random walk. */
#include <math.h>

#include "cell/internal.h"
#include "limen/bounds.h"
#include "limen/cell.h"

int limen_washboard_hop_rate(double barrier_kT, double *rate, limen_error *err) {
  if (!rate) return limen_error_set(err, LIMEN_EINVAL, __func__, "rate: must not be NULL");
  int st = limen_check_range(err, __func__, "barrier_kT", barrier_kT, 0, 1, 1e3, 0);
  if (st) return st;
  /* level 0 of a washboard with its reflecting wall at −½: the only way out is to the right,
   * so 1/T(0 → 1) is the rate of hops to a neighbour, at any barrier height */
  limen_well w = {LIMEN_WELL_WASHBOARD, barrier_kT, 0.0, 3};
  double log_T;
  st = limen_mfpt_log(&w, 0.0, 1.0, NULL, &log_T, err);
  if (st) return limen_error_wrap(err, st, __func__, "washboard at %g kT", barrier_kT);
  if (!isfinite(log_T))
    return limen_error_set(err, LIMEN_ENUMERIC, __func__, "ln of the mean first-passage time = %g at %g kT: not finite",
                           log_T, barrier_kT);
  *rate = exp(-log_T); /* 0 (no hops) when the barrier is beyond ~700 kT */
  return LIMEN_OK;
}

int limen_hop_cost_kT(double m_levels, double rate_dt, double *e_kT, double *tilt_kT,
                      double *var_levels2, limen_error *err) {
  int rc = limen_check_range(err, __func__, "m_levels", m_levels, -1e300, 0, 1e300, 0);
  if (rc) return rc;
  rc = limen_check_range(err, __func__, "rate_dt", rate_dt, 0.0, 1, 1e300, 0);
  if (rc) return rc;
  double am = fabs(m_levels);
  double z = am / (2.0 * rate_dt);
  /* asinh(z) = ln(2z) + O(z⁻²) once z > 1e8: avoids overflow of z when rate_dt is tiny */
  double f = isfinite(z) && z < 1e8 ? 2.0 * asinh(z) : 2.0 * (log(am) - log(rate_dt));
  double e = am * f;
  if (!isfinite(e))
    return limen_error_set(err, LIMEN_ERANGE, __func__,
                           "m_levels = %.10g, rate_dt = %.10g: the cost overflows a double",
                           m_levels, rate_dt);
  if (e_kT) *e_kT = e;
  if (tilt_kT) *tilt_kT = m_levels < 0 ? -f : f;
  if (var_levels2) *var_levels2 = hypot(2.0 * rate_dt, am);
  return LIMEN_OK;
}
