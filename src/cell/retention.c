/* SPDX-License-Identifier: GPL-3.0-or-later
 * retention.c: the retention barrier of a binary cell (theory §2).
 *
 * A cell holding a bit for τ_ret flips with probability 1 − e^{−r τ_ret} (escape is a
 * Poisson process once the barrier ≫ kT).  The barrier E_ret with flip probability p_ret
 * solves
 *     h(E) = ln r(E) + ln τ_ret − ln(−ln(1 − p_ret)) = 0,
 * with r(E) the escape rate of the untilted quartic well: Kramers, r = 2√2·E/π · e^{−E},
 * for E ≥ prec->kramers_min_barrier_kT (h is then strictly decreasing, since E > 1), and the
 * exact MFPT rate below that barrier (also decreasing there).  Solved by Brent's method on
 * the Kramers branch first; only when that branch has no root (E_ret would be below the
 * switch barrier) is the MFPT branch searched on [1, switch].
 * Defaults τ_ret = 10 years, τ₀ = 1 ns, p_ret = 1e-6: E − ln E ≈ 54.0, E_ret = 58.07 kT.
 * References: H. A. Kramers, Physica 7, 284 (1940); P. Hänggi, P. Talkner, M. Borkovec,
 * Rev. Mod. Phys. 62, 251 (1990). */
#include <math.h>

#include "cell/internal.h"
#include "core/memo.h"

typedef struct {
  double target; /* ln(−ln(1 − p)) − ln τ  */
  int use_mfpt;
  limen_precision p;
  int failed;
  limen_error *err;
} ret_ctx;

static double h_fn(double E, void *vp) {
  ret_ctx *c = vp;
  if (c->failed) return 0.0;
  limen_well w = {LIMEN_WELL_QUARTIC, E, 0.0, 0};
  double lr;
  int rc;
  if (c->use_mfpt) {
    double lt;
    rc = limen_cell_mfpt_log(&w, -1.0, 1.0, &c->p, &lt, c->err);
    lr = -lt;
  } else {
    rc = limen_kramers_log_rate(&w, &c->p, &lr, c->err);
  }
  if (rc) {
    c->failed = rc;
    return 0.0;
  }
  return lr - c->target;
}

static int retention_compute(double tau_ret_over_tau0, double p_ret, const limen_precision *prec,
                            double *barrier_kT, limen_error *err) {
  if (limen_numeric_check_prec(prec, __func__, err)) return LIMEN_EINVAL;
  int rc = limen_check_range(err, __func__, "tau_ret_over_tau0", tau_ret_over_tau0, 0.0, 1,
                             1e300, 0);
  if (rc) return rc;
  rc = limen_check_range(err, __func__, "p_ret", p_ret, 0.0, 1, 1.0, 1);
  if (rc) return rc;
  if (!barrier_kT) return limen_error_set(err, LIMEN_EINVAL, __func__, "barrier_kT: must not be NULL");
  ret_ctx c;
  c.p = limen_numeric_prec(prec);
  c.target = log(-log1p(-p_ret)) - log(tau_ret_over_tau0);
  c.failed = 0;
  c.err = err;
  c.use_mfpt = 0;
  double lo = fmax(1.0, c.p.kramers_min_barrier_kT), hi = LIMEN_CELL_MAX_BARRIER_KT;
  double hlo = h_fn(lo, &c), hhi = h_fn(hi, &c);
  if (c.failed) return limen_error_wrap(err, LIMEN_ENUMERIC, __func__, "retention barrier");
  if (hhi > 0.0)
    return limen_error_set(err, LIMEN_ERANGE, __func__,
                           "tau_ret_over_tau0 = %.10g, p_ret = %.10g: the retention barrier "
                           "exceeds %.10g kT",
                           tau_ret_over_tau0, p_ret, hi);
  if (hlo < 0.0) {
    /* The answer lies below the Kramers switch: exact MFPT branch on [1, lo]. */
    c.use_mfpt = 1;
    hi = lo;
    lo = 1.0;
    double h1 = h_fn(lo, &c);
    if (c.failed) return limen_error_wrap(err, LIMEN_ENUMERIC, __func__, "retention barrier");
    if (h1 < 0.0)
      return limen_error_set(err, LIMEN_ERANGE, __func__,
                             "tau_ret_over_tau0 = %.10g, p_ret = %.10g: requirement met by "
                             "any barrier >= 1 kT (the retention barrier is below 1 kT, where "
                             "the cell is no longer a memory)",
                             tau_ret_over_tau0, p_ret);
  }
  rc = limen_numeric_brent(h_fn, &c, lo, hi, &c.p, &c.failed, barrier_kT, __func__,
                        "r(E)*tau_ret = -ln(1 - p_ret)", err);
  return rc;
}

/* The memo in front of the computation (core/memo.h): one root search per distinct cell. */
int limen_retention_barrier(double tau_ret_over_tau0, double p_ret, const limen_precision *prec,
                            double *barrier_kT, limen_error *err) {
  limen_memo_key k;
  limen_memo_key_init(&k, LIMEN_MEMO_RETENTION);
  limen_memo_key_double(&k, tau_ret_over_tau0);
  limen_memo_key_double(&k, p_ret);
  limen_memo_key_prec(&k, prec);
  if (barrier_kT && limen_memo_get(&k, barrier_kT, sizeof *barrier_kT)) return LIMEN_OK;
  int rc = retention_compute(tau_ret_over_tau0, p_ret, prec, barrier_kT, err);
  if (rc == LIMEN_OK) limen_memo_put(&k, barrier_kT, sizeof *barrier_kT);
  return rc;
}
