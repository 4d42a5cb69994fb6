/* SPDX-License-Identifier: GPL-3.0-or-later
 * numeric.c: Brent root finding and adaptive quadrature on top of GSL (gsl_root_fsolver_brent,
 * gsl_integration_qagp / qag), with every GSL status turned into a limen error.
 * References: R. P. Brent, Algorithms for Minimization without Derivatives (1973);
 * R. Piessens et al., QUADPACK (1983), as implemented in the GNU Scientific Library. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdlib.h>

#include "numeric/numeric.h"

int limen_numeric_brent(double (*fn)(double, void *), void *params, double lo, double hi,
                     const limen_precision *prec, const int *failed, double *root,
                     const char *func, const char *what, limen_error *err) {
  limen_gsl_quiet();
  limen_precision p = limen_numeric_prec(prec);
  double flo = fn(lo, params);
  if (failed && *failed) return limen_error_wrap(err, LIMEN_ENUMERIC, func, "%s", what);
  double fhi = fn(hi, params);
  if (failed && *failed) return limen_error_wrap(err, LIMEN_ENUMERIC, func, "%s", what);
  if (flo == 0.0) { *root = lo; return LIMEN_OK; }
  if (fhi == 0.0) { *root = hi; return LIMEN_OK; }
  if (!isfinite(flo) || !isfinite(fhi) || (flo > 0) == (fhi > 0))
    return limen_error_set(err, LIMEN_ENUMERIC, func,
                           "%s: no sign change on [%.17g, %.17g] (values %.6g, %.6g)", what, lo,
                           hi, flo, fhi);
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  if (!s) return limen_error_set(err, LIMEN_ENOMEM, func, "%s: root solver allocation", what);
  gsl_function F = {fn, params};
  int status = gsl_root_fsolver_set(s, &F, lo, hi);
  int iter = 0;
  while (status == GSL_SUCCESS) {
    status = gsl_root_fsolver_iterate(s);
    if (failed && *failed) {
      gsl_root_fsolver_free(s);
      return limen_error_wrap(err, LIMEN_ENUMERIC, func, "%s", what);
    }
    if (status != GSL_SUCCESS) break;
    double a = gsl_root_fsolver_x_lower(s), b = gsl_root_fsolver_x_upper(s);
    status = gsl_root_test_interval(a, b, 1e-15, p.root_epsrel);
    if (status == GSL_SUCCESS) break;
    if (status != GSL_CONTINUE) break;
    if (++iter >= p.root_max_iter) { status = GSL_EMAXITER; break; }
    status = GSL_SUCCESS;
  }
  double r = gsl_root_fsolver_root(s);
  gsl_root_fsolver_free(s);
  if (status != GSL_SUCCESS || !isfinite(r))
    return limen_error_set(err, LIMEN_ENUMERIC, func,
                           "%s: Brent root finding failed after %d iterations: %s", what, iter,
                           gsl_strerror(status));
  *root = r;
  return LIMEN_OK;
}

/* One QAG (21-point Gauss–Kronrod) piece. */
static int quad_piece(gsl_function *F, double a, double b, double epsabs, double epsrel,
                      size_t limit, gsl_integration_workspace *ws, double *res, double *abserr) {
  if (!(b > a)) {
    *res = 0.0;
    *abserr = 0.0;
    return GSL_SUCCESS;
  }
  return gsl_integration_qag(F, a, b, epsabs, epsrel, limit, GSL_INTEG_GAUSS21, ws, res, abserr);
}

int limen_numeric_quad(double (*fn)(double, void *), void *params, double a, double b,
                    const double *pts, size_t npts, double epsabs, double epsrel,
                    const limen_precision *prec, double *result, const char *func,
                    const char *what, limen_error *err) {
  limen_gsl_quiet();
  *result = 0.0;
  if (!(b > a)) return LIMEN_OK;
  const limen_precision p = limen_numeric_prec(prec);
  size_t limit = p.quad_limit;
  if (limit < 16) limit = 16;
  gsl_integration_workspace *ws = gsl_integration_workspace_alloc(limit);
  if (!ws) return limen_error_set(err, LIMEN_ENOMEM, func, "%s: quadrature workspace", what);
  gsl_function F = {fn, params};
  /* QAG piece by piece between the breakpoints (no extrapolation: the integrands are smooth
   * inside each piece, and nested integrals carry small noise that extrapolation amplifies). */
  double total = 0.0, lo = a;
  int status = GSL_SUCCESS;
  double res = 0.0, abserr = 0.0, plo = a, phi = b;
  for (size_t i = 0; i <= npts && status == GSL_SUCCESS; i++) {
    double hi = i < npts ? pts[i] : b;
    if (hi <= lo || hi > b) continue;
    plo = lo;
    phi = hi;
    status = quad_piece(&F, lo, hi, epsabs, epsrel, limit, ws, &res, &abserr);
    /* Round-off may stop QAG short of a tolerance near machine precision (steep exponents
     * at very strong tilts); the estimate is kept when its error is still within
     * prec.quad_round_slack times the request. */
    if (status == GSL_EROUND && isfinite(res) &&
        abserr <= p.quad_round_slack * fmax(epsabs, epsrel * fabs(res)))
      status = GSL_SUCCESS;
    total += res;
    lo = hi;
  }
  gsl_integration_workspace_free(ws);
  if (status != GSL_SUCCESS || !isfinite(total))
    return limen_error_set(err, LIMEN_ENUMERIC, func,
                           "%s: quadrature on [%.10g, %.10g] failed: %s (estimate %.6g, "
                           "error %.3g)",
                           what, plo, phi, gsl_strerror(status), res, abserr);
  *result = total;
  return LIMEN_OK;
}

limen_precision limen_numeric_prec(const limen_precision *prec) {
  return prec ? *prec : limen_precision_default();
}

int limen_numeric_check_prec(const limen_precision *prec, const char *func, limen_error *err) {
  if (!prec) return LIMEN_OK;
  int rc = limen_check_range(err, func, "precision.quad_epsabs", prec->quad_epsabs, 0.0, 0, 1.0, 1);
  if (!rc) rc = limen_check_range(err, func, "precision.quad_epsrel", prec->quad_epsrel, 0.0, 0, 0.1, 0);
  if (!rc) rc = limen_check_range(err, func, "precision.quad_limit", (double)prec->quad_limit, 1.0, 0,
                                  1e8, 0);
  if (!rc) rc = limen_check_range(err, func, "precision.root_epsrel", prec->root_epsrel, 0.0, 1, 0.1, 0);
  if (!rc) rc = limen_check_range(err, func, "precision.root_max_iter", (double)prec->root_max_iter,
                                  1.0, 0, 1e6, 0);
  if (!rc) rc = limen_check_range(err, func, "precision.kramers_min_barrier_kT",
                                  prec->kramers_min_barrier_kT, 0.0, 0, LIMEN_CELL_MAX_BARRIER_KT, 0);
  if (!rc) rc = limen_check_range(err, func, "precision.quad_tail_kT", prec->quad_tail_kT, 0.0, 1,
                                  700.0, 0);
  if (!rc) rc = limen_check_range(err, func, "precision.quad_round_slack", prec->quad_round_slack,
                                  1.0, 0, 1e12, 0);
  if (!rc) rc = limen_check_range(err, func, "precision.eq_sample_cells",
                                  (double)prec->eq_sample_cells, 16.0, 0, 1e8, 0);
  if (!rc) rc = limen_check_range(err, func, "precision.eq_sample_cut_kT", prec->eq_sample_cut_kT,
                                  0.0, 1, 700.0, 0);
  return rc;
}
