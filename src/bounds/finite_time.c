/* SPDX-License-Identifier: GPL-3.0-or-later
 * finite_time.c: (FT) finite-time Landauer (theory §3) and the (M) modulated-barrier write.
 *
 *   e_FT(τ) = e_L(P_s) + B/τ,   B/(γa²) = W₂(ρ₀, ρ_f)² = ∫ (F_f⁻¹(F₀(x)) − x)² ρ₀(x) dx,
 *
 * ρ₀ ∝ e^{−U₀}, U₀ = E_b(x² − 1)² (the untilted quartic cell in equilibrium), ρ_f the final
 * state: local equilibrium in the left well with weight P_s and in the right well with weight
 * 1 − P_s (the wells split at the barrier top x = 0).  In one dimension the optimal-transport
 * map is the monotone rearrangement F_f⁻¹∘F₀; the minimal dissipation of an erasure done in
 * time τ is γW₂²/τ above the quasi-static cost (Aurell, Mejía-Monasterio, Muratore-Ginanneschi,
 * PRL 106, 250601 (2011); Proesmans, Ehrich, Bechhoefer, PRL 125, 100602 (2020)).
 *
 * Numerics.  With G the CDF of the left half of ρ₀ (G(0) = 1) and Gc = 1 − G computed as its
 * own integral (so that no tail is lost to cancellation), F₀ = G/2 on x ≤ 0, 1 − G(−x)/2 on
 * x > 0, and F_f⁻¹(u) = G⁻¹(u/P_s) for u ≤ P_s, −G⁻¹((1 − u)/(1 − P_s)) above.  G and Gc are
 * GSL adaptive quadratures, G⁻¹ is Brent's method, and B is a QAGP quadrature in x with
 * breakpoints at −1, 0, 1 and at the discontinuity of the map (u = P_s).  The domain is cut
 * where U₀ = 250 kT.  Narrow wells: B = 2 − 1/√(πE_b) + O(1/E_b) (two Gaussians of variance
 * 1/(8E_b) merged into one; the right well's quantiles move by 2 − 2σ·√(2/π)·…).
 * (M): the modulated write is (L) when quasi-static and (FT) with the lowered barrier's B in
 * time τ; barrier-raising work around a localized state is recoverable and not counted. */
#include <math.h>

#include "numeric/numeric.h"
#include "limen/bounds.h"
#include "core/memo.h"

typedef struct {
  double E, Ps;
  double xfar, Zh; /* domain cut and ∫_{xfar}^0 e^{−U₀} */
  limen_precision p;
  double v, vc;   /* Brent target: G(t) = v, with vc = 1 − v */
  int failed;
  limen_error *err;
} ft_ctx;

static double rho_un(double x, void *vp) {
  const ft_ctx *c = vp;
  double s = x * x - 1.0;
  return exp(-c->E * s * s);
}

/* ∫_a^b e^{−U₀} (a < b ≤ 0), breakpoint at −1. */
static double mass(ft_ctx *c, double a, double b) {
  if (c->failed || !(b > a)) return 0.0;
  double pt = -1.0, r = 0.0;
  size_t np = (a < -1.0 && b > -1.0) ? 1 : 0;
  double ea = c->Zh > 0 ? c->p.quad_epsabs * c->Zh : 0.0;
  int rc = limen_numeric_quad(rho_un, c, a, b, &pt, np, ea, c->p.quad_epsrel, &c->p, &r,
                           "limen_ft_coefficient", "CDF of the equilibrium density", c->err);
  if (rc) c->failed = rc;
  return r;
}

/* G(t) and 1 − G(t) for t ≤ 0: the smaller one by quadrature, the other by subtraction. */
static void cdf_left(ft_ctx *c, double t, double *g, double *gc) {
  if (t <= -1.0) {
    *g = mass(c, c->xfar, t) / c->Zh;
    *gc = 1.0 - *g;
  } else {
    *gc = mass(c, t, 0.0) / c->Zh;
    *g = 1.0 - *gc;
  }
}

static double inv_fn(double t, void *vp) {
  ft_ctx *c = vp;
  double g, gc;
  cdf_left(c, t, &g, &gc);
  return c->v <= 0.5 ? g - c->v : c->vc - gc;
}

/* G⁻¹(v) on [xfar, 0] given v and vc = 1 − v. */
static double inv_left(ft_ctx *c, double v, double vc) {
  if (c->failed) return 0.0;
  if (v <= 0.0) return c->xfar;
  if (vc <= 0.0) return 0.0;
  c->v = v;
  c->vc = vc;
  double t = 0.0;
  int rc = limen_numeric_brent(inv_fn, c, c->xfar, 0.0, &c->p, &c->failed, &t,
                            "limen_ft_coefficient", "inverse CDF", c->err);
  if (rc) c->failed = rc;
  return t;
}

/* The transport map T(x) = F_f⁻¹(F₀(x)). */
static double transport(ft_ctx *c, double x) {
  double Ps = c->Ps, q = 1.0 - Ps;
  if (x <= 0.0) {
    double a, ac;
    cdf_left(c, x, &a, &ac);
    /* u = a/2 ≤ ½ ≤ P_s: left well, G(t) = a/(2P_s) */
    return inv_left(c, a / (2.0 * Ps), ((2.0 * Ps - 1.0) + ac) / (2.0 * Ps));
  }
  double g, gc;
  cdf_left(c, -x, &g, &gc); /* mass of ρ₀'s right half beyond x is g/2: 1 − u = g/2 */
  double cu = 0.5 * g;
  if (cu >= q) /* u ≤ P_s */
    return inv_left(c, (1.0 - cu) / Ps, (cu - q) / Ps);
  double v = cu / q;
  return -inv_left(c, v, (q - cu) / q);
}

static double b_integrand(double x, void *vp) {
  ft_ctx *c = vp;
  if (c->failed) return 0.0;
  double d = transport(c, x) - x;
  return d * d * rho_un(x, c);
}

static int ft_coefficient_compute(double barrier_kT, double success, const limen_precision *prec,
                         double *B_gamma_a2, limen_error *err) {
  if (limen_numeric_check_prec(prec, __func__, err)) return LIMEN_EINVAL;
  int rc = limen_check_range(err, __func__, "barrier_kT", barrier_kT, 0.0, 1,
                             LIMEN_CELL_MAX_BARRIER_KT, 0);
  if (rc) return rc;
  rc = limen_check_range(err, __func__, "success", success, 0.5, 0, 1.0, 0);
  if (rc) return rc;
  if (!B_gamma_a2) return limen_error_set(err, LIMEN_EINVAL, __func__, "B_gamma_a2: must not be NULL");
  ft_ctx c;
  c.E = barrier_kT;
  c.Ps = success;
  c.p = limen_numeric_prec(prec);
  c.failed = 0;
  c.err = err;
  c.xfar = -sqrt(1.0 + sqrt(c.p.quad_tail_kT / barrier_kT)); /* U₀ − U₀(−1) = tail */
  c.Zh = 0.0;
  c.Zh = mass(&c, c.xfar, 0.0);
  if (c.failed || !(c.Zh > 0.0))
    return limen_error_wrap(err, LIMEN_ENUMERIC, __func__, "normalization of rho_0");
  /* breakpoints: −1, 0, 1 and the jump of the map at u = P_s (x_s = −G⁻¹(2(1 − P_s))) */
  double pts[4];
  size_t np = 0;
  double xs = success < 1.0 ? -inv_left(&c, 2.0 * (1.0 - success), 2.0 * success - 1.0) : 0.0;
  if (c.failed) return limen_error_wrap(err, LIMEN_ENUMERIC, __func__, "B coefficient");
  pts[np++] = -1.0;
  pts[np++] = 0.0;
  if (xs > 1e-12 && xs < 1.0 - 1e-12) pts[np++] = xs;
  pts[np++] = 1.0;
  if (xs > 1.0 + 1e-12 && xs < -c.xfar) pts[np++] = xs;
  double I = 0.0;
  rc = limen_numeric_quad(b_integrand, &c, c.xfar, -c.xfar, pts, np, c.p.quad_epsabs * c.Zh,
                       c.p.quad_epsrel, &c.p, &I, __func__, "W2 integral", err);
  if (c.failed) return limen_error_wrap(err, LIMEN_ENUMERIC, __func__, "B coefficient");
  if (rc) return rc;
  *B_gamma_a2 = I / (2.0 * c.Zh);
  return LIMEN_OK;
}

int limen_finite_time_kT(double barrier_kT, double success, double tau_over_tau0,
                         const limen_precision *prec, double *e_kT, double *B_out,
                         limen_error *err) {
  int rc = limen_check_range(err, __func__, "tau_over_tau0", tau_over_tau0, 0.0, 1, HUGE_VAL, 1);
  if (rc) return rc;
  if (!e_kT) return limen_error_set(err, LIMEN_EINVAL, __func__, "e_kT: must not be NULL");
  double eL, B;
  rc = limen_landauer_generalized_kT(success, &eL, err);
  if (rc) return limen_error_wrap(err, rc, __func__, "finite-time Landauer");
  rc = limen_ft_coefficient(barrier_kT, success, prec, &B, err);
  if (rc) return limen_error_wrap(err, rc, __func__, "finite-time Landauer");
  *e_kT = eL + B / tau_over_tau0;
  if (!isfinite(*e_kT))
    return limen_error_set(err, LIMEN_ERANGE, __func__,
                           "tau_over_tau0 = %.10g: B/tau overflows a double", tau_over_tau0);
  if (B_out) *B_out = B;
  return LIMEN_OK;
}

int limen_modulated_write_kT(double barrier_low_kT, double success, double tau_over_tau0,
                             const limen_precision *prec, double *e_kT, limen_error *err) {
  if (!e_kT) return limen_error_set(err, LIMEN_EINVAL, __func__, "e_kT: must not be NULL");
  int rc;
  if (isinf(tau_over_tau0) && tau_over_tau0 > 0) {
    rc = limen_check_range(err, __func__, "barrier_low_kT", barrier_low_kT, 0.0, 1,
                           LIMEN_CELL_MAX_BARRIER_KT, 0);
    if (rc) return rc;
    rc = limen_check_range(err, __func__, "success", success, 0.5, 0, 1.0, 0);
    if (rc) return rc;
    return limen_landauer_generalized_kT(success, e_kT, err);
  }
  rc = limen_check_range(err, __func__, "tau_over_tau0", tau_over_tau0, 0.0, 1, HUGE_VAL, 0);
  if (rc) return rc;
  rc = limen_finite_time_kT(barrier_low_kT, success, tau_over_tau0, prec, e_kT, NULL, err);
  if (rc) return limen_error_wrap(err, rc, __func__, "modulated-barrier write");
  return LIMEN_OK;
}

/* The memo in front of the quadrature (core/memo.h): B depends on the cell alone. */
int limen_ft_coefficient(double barrier_kT, double success, const limen_precision *prec,
                         double *B_gamma_a2, limen_error *err) {
  limen_memo_key k;
  limen_memo_key_init(&k, LIMEN_MEMO_FT_COEFFICIENT);
  limen_memo_key_double(&k, barrier_kT);
  limen_memo_key_double(&k, success);
  limen_memo_key_prec(&k, prec);
  if (B_gamma_a2 && limen_memo_get(&k, B_gamma_a2, sizeof *B_gamma_a2)) return LIMEN_OK;
  int rc = ft_coefficient_compute(barrier_kT, success, prec, B_gamma_a2, err);
  if (rc == LIMEN_OK) limen_memo_put(&k, B_gamma_a2, sizeof *B_gamma_a2);
  return rc;
}
