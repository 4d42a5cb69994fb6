/* SPDX-License-Identifier: GPL-3.0-or-later
 * static_write.c: (S) static-barrier tilt write of a non-volatile binary cell (theory §3).
 *
 * The barrier E_b cannot be lowered; the write tilts U = E_b(x² − 1)² − f x until the cell,
 * held in the left well, crosses within τ_w with failure probability ≤ p_w:
 *     smallest f* with  r(f*)·τ_w ≥ ln(1/p_w),
 * r = limen_escape_rate of the tilted well: Kramers with the tilted barrier and curvatures
 * while the tilted barrier is ≥ prec->kramers_min_barrier_kT (tilts below the switch tilt f_s),
 * exact MFPT from x = −1 to the tilted right minimum above f_s, including beyond
 * f_c = 8E_b/(3√3) where the barrier is gone.  Each branch is continuous and increasing in f;
 * at f_s the rate drops by the Kramers error (a few per cent).  The root is searched on the
 * Kramers branch [0, f_s] when the condition already holds at f_s⁻, otherwise on the MFPT
 * branch [f_s, …] (if it holds at f_s⁺, f* = f_s).  Brent on g(f) = ln r(f) − ln(ln(1/p_w)/τ_w).
 *
 * Work of the cycle "apply the tilt suddenly with the cell in local equilibrium in the left
 * well of U₀, cross, remove the tilt suddenly in local equilibrium in the right well of U_f":
 *     W = f·⟨x⟩_{right, U_f} − f·⟨x⟩_{left, U₀}     (sudden switches do work −Δ(f x) at fixed x)
 * All of it is dissipated (the cycle returns to an equivalent state: ΔF = 0).  The local
 * equilibria are e^{−U} restricted to x < 0 (untilted) and to x > x_b(f) (tilted; the whole
 * line once f ≥ f_c), averaged by GSL quadrature.  Since ⟨x⟩ ≈ ∓1 and the tilted minimum
 * x_next(f) > 1, W ≈ f(1 + x_next(f*)) ≳ 2f*; the estimate 2f* is reported next to it.
 * References: H. A. Kramers, Physica 7, 284 (1940); P. Hänggi, P. Talkner, M. Borkovec,
 * Rev. Mod. Phys. 62, 251 (1990); K. Sekimoto, Stochastic Energetics (2010) for the work. */
#include <math.h>

#include "cell/internal.h"
#include "limen/bounds.h"
#include "core/memo.h"

typedef struct {
  double E, target, kmin;
  int branch; /* 0: barrier − kmin, 1: Kramers, 2: MFPT */
  limen_precision p;
  int failed;
  limen_error *err;
} sw_ctx;

static double sw_fn(double f, void *vp) {
  sw_ctx *c = vp;
  if (c->failed) return 0.0;
  limen_well w = {LIMEN_WELL_QUARTIC, c->E, f, 0};
  int rc = LIMEN_OK;
  double v = 0.0;
  if (c->branch == 0) {
    limen_well_extrema ex;
    rc = limen_well_extrema_find(&w, &c->p, &ex, c->err);
    v = ex.barrier_kT - c->kmin;
  } else if (c->branch == 1) {
    rc = limen_kramers_log_rate(&w, &c->p, &v, c->err);
    v -= c->target;
  } else {
    double x0, b, lt = 0.0;
    rc = limen_cell_escape_points(&w, &x0, &b, c->err);
    if (!rc) rc = limen_cell_mfpt_log(&w, x0, b, &c->p, &lt, c->err);
    if (!rc) v = -lt - c->target;
  }
  if (rc) {
    c->failed = rc;
    return 0.0;
  }
  return v;
}

typedef struct {
  double xm, g0, c2, c3, c4; /* U(xm + d) − U(xm) = g0·d + c2·d² + c3·d³ + c4·d⁴ */
  int moment;
} mx_ctx;

static double mx_fn(double x, void *vp) {
  const mx_ctx *c = vp;
  double d = x - c->xm, g = exp(-(d * (c->g0 + d * (c->c2 + d * (c->c3 + d * c->c4)))));
  return c->moment ? x * g : g;
}

/* ⟨x⟩ over [lo, hi] of e^{−U} of the quartic well, breakpoint at its minimum xm.  U − U(xm) is
 * the exact Taylor polynomial about xm: at the largest tilts (f ~ 1e8 kT/a, xm ~ 75 a) U(x) and
 * U(xm) are ~1e10 kT apart from zero, and their difference would carry a rounding noise of
 * ~1e-6 kT that the quadrature reports as roundoff; the polynomial is smooth (its residual slope
 * g0 at the computed xm is a smooth term ~1e-6·d kT). */
static int mean_x(const limen_well *w, double lo, double hi, double xm, const limen_precision *p,
                  double *mean, limen_error *err) {
  const double E = w->barrier_kT;
  mx_ctx c = {xm, 4.0 * E * xm * (xm * xm - 1.0) - w->tilt_kT, E * (6.0 * xm * xm - 2.0), 4.0 * E * xm, E, 0};
  double pts[1] = {xm};
  size_t np = (xm > lo && xm < hi) ? 1 : 0;
  double z, m;
  int rc = limen_numeric_quad(mx_fn, &c, lo, hi, pts, np, p->quad_epsabs, p->quad_epsrel, p,
                           &z, "limen_static_write_cost", "local equilibrium",
                           err);
  if (rc) return rc;
  c.moment = 1;
  rc = limen_numeric_quad(mx_fn, &c, lo, hi, pts, np, p->quad_epsabs, p->quad_epsrel, p,
                       &m, "limen_static_write_cost", "local equilibrium mean", err);
  if (rc) return rc;
  *mean = m / z;
  return LIMEN_OK;
}

/* Point at distance ≥ d from xm (direction dir) where U − U(xm) ≥ tail_kT
 * (prec.quad_tail_kT). */
static double tail_cut(const limen_well *w, double xm, double dir, double tail_kT) {
  double U0 = limen_well_energy(w, xm), d = 0.25;
  while (limen_well_energy(w, xm + dir * d) - U0 < tail_kT && d < 1e9) d *= 2.0;
  return xm + dir * d;
}

static int cycle_work(double E, double f, const limen_precision *p, double *work,
                      limen_error *err) {
  limen_well w0 = {LIMEN_WELL_QUARTIC, E, 0.0, 0}, wf = {LIMEN_WELL_QUARTIC, E, f, 0};
  double mL, mR;
  int rc = mean_x(&w0, tail_cut(&w0, -1.0, -1.0, p->quad_tail_kT), 0.0, -1.0, p, &mL, err);
  if (rc) return rc;
  double x0, xn, lo;
  rc = limen_cell_escape_points(&wf, &x0, &xn, err);
  if (rc) return rc;
  if (fabs(f) < limen_quartic_critical_tilt(E)) {
    limen_well_extrema ex;
    rc = limen_well_extrema_find(&wf, p, &ex, err);
    if (rc) return rc;
    lo = ex.x_barrier;
  } else {
    lo = tail_cut(&wf, xn, -1.0, p->quad_tail_kT);
  }
  rc = mean_x(&wf, lo, tail_cut(&wf, xn, 1.0, p->quad_tail_kT), xn, p, &mR, err);
  if (rc) return rc;
  *work = f * (mR - mL);
  return LIMEN_OK;
}

/* The name the messages of the write-tilt search carry. */
#define SW_FN "limen_static_write_cost"

/* The switch tilt f_s at which the tilted barrier falls to kramers_min_barrier_kT (0 when the
 * untilted barrier is already at or below it). */
static int switch_tilt(sw_ctx *c, double fc, double *fs, limen_error *err) {
  *fs = 0.0;
  if (!(c->E > c->kmin)) return LIMEN_OK;
  c->branch = 0;
  int rc = limen_numeric_brent(sw_fn, c, 0.0, fc * (1.0 - 1e-9), &c->p, &c->failed, fs, SW_FN,
                               "switch tilt (tilted barrier = kramers_min_barrier_kT)", err);
  if (rc) return limen_error_wrap(err, rc, SW_FN, "static write");
  return LIMEN_OK;
}

/* f* on the Kramers branch [0, f_s] when the condition holds at f_s⁻ (*branch = 1), else
 * *branch = 2: the root lies on the MFPT branch. */
static int kramers_tilt(sw_ctx *c, double fs, double *fstar, int *branch, limen_error *err) {
  *fstar = 0.0;
  *branch = 2;
  if (!(c->E > c->kmin)) return LIMEN_OK;
  c->branch = 1;
  double g0 = sw_fn(0.0, c), gs = sw_fn(fs, c);
  if (c->failed) return limen_error_wrap(err, LIMEN_ENUMERIC, SW_FN, "static write");
  if (g0 >= 0.0) {
    *branch = 1;
  } else if (gs >= 0.0) {
    *branch = 1;
    int rc = limen_numeric_brent(sw_fn, c, 0.0, fs, &c->p, &c->failed, fstar, SW_FN,
                                 "tilt f* with r(f*)*tau_w = ln(1/p_fail) (Kramers)", err);
    if (rc) return limen_error_wrap(err, rc, SW_FN, "static write");
  }
  return LIMEN_OK;
}

/* f* on the MFPT branch [f_s, …): f_s itself when the condition holds there, else Brent after
 * doubling the upper end from max(f_c, 1) up to LIMEN_CELL_MAX_TILT_KT (LIMEN_ERANGE beyond). */
static int mfpt_tilt(sw_ctx *c, double fs, double fc, double tau_w_over_tau0, double *fstar, limen_error *err) {
  c->branch = 2;
  double glo = sw_fn(fs, c);
  if (c->failed) return limen_error_wrap(err, LIMEN_ENUMERIC, SW_FN, "static write");
  if (glo >= 0.0) {
    *fstar = fs;
    return LIMEN_OK;
  }
  double hi = fmax(fc, 1.0), ghi = sw_fn(hi, c);
  while (!c->failed && ghi < 0.0 && hi < LIMEN_CELL_MAX_TILT_KT) {
    hi = fmin(2.0 * hi, LIMEN_CELL_MAX_TILT_KT);
    ghi = sw_fn(hi, c);
  }
  if (c->failed) return limen_error_wrap(err, LIMEN_ENUMERIC, SW_FN, "static write");
  if (ghi < 0.0)
    return limen_error_set(err, LIMEN_ERANGE, SW_FN, "tau_w_over_tau0 = %.10g: the write needs a tilt above %.3g kT/a",
                           tau_w_over_tau0, LIMEN_CELL_MAX_TILT_KT);
  int rc = limen_numeric_brent(sw_fn, c, fs, hi, &c->p, &c->failed, fstar, SW_FN,
                               "tilt f* with r(f*)*tau_w = ln(1/p_fail) (exact MFPT)", err);
  if (rc) return limen_error_wrap(err, rc, SW_FN, "static write");
  return LIMEN_OK;
}

/* The write at f*: tilted barrier, escape rate on its branch, the estimate 2f* and the work of
 * the tilt cycle. */
static int describe_write(sw_ctx *c, double fstar, double fc, int branch, limen_static_write *out,
                          limen_error *err) {
  int rc;
  out->tilt_kT = fstar;
  out->critical_tilt_kT = fc;
  out->tilted_barrier_kT = 0.0;
  if (fstar < fc) {
    limen_well w = {LIMEN_WELL_QUARTIC, c->E, fstar, 0};
    limen_well_extrema ex;
    rc = limen_well_extrema_find(&w, &c->p, &ex, err);
    if (rc) return limen_error_wrap(err, rc, SW_FN, "static write");
    out->tilted_barrier_kT = ex.barrier_kT;
  }
  c->branch = branch;
  double g = sw_fn(fstar, c);
  if (c->failed) return limen_error_wrap(err, LIMEN_ENUMERIC, SW_FN, "static write");
  out->rate_per_tau0 = exp(g + c->target);
  out->rate_method = branch == 1 ? "kramers" : "mfpt";
  out->approx_kT = 2.0 * fstar;
  rc = cycle_work(c->E, fstar, &c->p, &out->work_kT, err);
  if (rc) return limen_error_wrap(err, rc, SW_FN, "work of the tilt cycle");
  return LIMEN_OK;
}

static int static_write_compute(double barrier_kT, double tau_w_over_tau0, double p_fail,
                            const limen_precision *prec, limen_static_write *out,
                            limen_error *err) {
  if (limen_numeric_check_prec(prec, __func__, err)) return LIMEN_EINVAL;
  int rc = limen_check_range(err, __func__, "barrier_kT", barrier_kT, 0.0, 1,
                             LIMEN_CELL_MAX_BARRIER_KT, 0);
  if (rc) return rc;
  rc = limen_check_range(err, __func__, "tau_w_over_tau0", tau_w_over_tau0, 0.0, 1, 1e300, 0);
  if (rc) return rc;
  rc = limen_check_range(err, __func__, "p_fail", p_fail, 0.0, 1, 1.0, 1);
  if (rc) return rc;
  if (!out) return limen_error_set(err, LIMEN_EINVAL, __func__, "out: must not be NULL");
  sw_ctx c;
  c.E = barrier_kT;
  c.p = limen_numeric_prec(prec);
  c.kmin = c.p.kramers_min_barrier_kT;
  c.target = log(-log(p_fail)) - log(tau_w_over_tau0);
  c.failed = 0;
  c.err = err;
  double fc = limen_quartic_critical_tilt(barrier_kT);
  double fs, fstar;
  int branch;
  if ((rc = switch_tilt(&c, fc, &fs, err))) return rc;
  if ((rc = kramers_tilt(&c, fs, &fstar, &branch, err))) return rc;
  if (branch == 2 && (rc = mfpt_tilt(&c, fs, fc, tau_w_over_tau0, &fstar, err))) return rc;
  return describe_write(&c, fstar, fc, branch, out, err);
}

/* The memo in front of the root search and the work integrals (core/memo.h). */
int limen_static_write_cost(double barrier_kT, double tau_w_over_tau0, double p_fail,
                            const limen_precision *prec, limen_static_write *out,
                            limen_error *err) {
  limen_memo_key k;
  limen_memo_key_init(&k, LIMEN_MEMO_STATIC_WRITE);
  limen_memo_key_double(&k, barrier_kT);
  limen_memo_key_double(&k, tau_w_over_tau0);
  limen_memo_key_double(&k, p_fail);
  limen_memo_key_prec(&k, prec);
  if (out && limen_memo_get(&k, out, sizeof *out)) return LIMEN_OK;
  int rc = static_write_compute(barrier_kT, tau_w_over_tau0, p_fail, prec, out, err);
  if (rc == LIMEN_OK) limen_memo_put(&k, out, sizeof *out);
  return rc;
}

int limen_static_write_shortest(double barrier_kT, double p_fail, const limen_precision *prec,
                                double *tau_w_over_tau0, limen_error *err) {
  if (!tau_w_over_tau0) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  int rc = limen_check_range(err, __func__, "p_fail", p_fail, 0.0, 1, 1.0, 1);
  if (rc) return rc;
  limen_precision p = limen_numeric_prec(prec);
  limen_well w = {LIMEN_WELL_QUARTIC, barrier_kT, LIMEN_CELL_MAX_TILT_KT, 0};
  double x0, b, lt = 0.0;
  rc = limen_cell_escape_points(&w, &x0, &b, err);
  if (!rc) rc = limen_cell_mfpt_log(&w, x0, b, &p, &lt, err);
  if (rc) return limen_error_wrap(err, rc, __func__, "mean first-passage time at the largest tilt");
  *tau_w_over_tau0 = -log(p_fail) * exp(lt); /* r·τ_w = ln(1/p_fail) with r = 1/MFPT */
  return LIMEN_OK;
}
