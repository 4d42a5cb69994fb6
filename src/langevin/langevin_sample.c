/* SPDX-License-Identifier: GPL-3.0-or-later
 * langevin_sample.c: exact sampling of the Boltzmann density e^{−U(x, λ)} on an interval by
 * rejection under a piecewise-constant envelope (langevin.h, "Initial condition"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "langevin/langevin_internal.h"

int limen_eq_sampler_init(limen_eq_sampler *s, const limen_potential *p, const limen_control *u,
                          double lo, double hi, const limen_precision *prec, limen_error *err) {
  memset(s, 0, sizeof *s);
  s->pot = p;
  s->u = *u;
  const limen_precision pr = prec ? *prec : limen_precision_default();
  int rc = limen_check_range(err, "limen_equilibrium_sample", "precision.eq_sample_cells",
                             (double)pr.eq_sample_cells, 16.0, 0, 1e8, 0);
  if (!rc)
    rc = limen_check_range(err, "limen_equilibrium_sample", "precision.eq_sample_cut_kT",
                           pr.eq_sample_cut_kT, 0.0, 1, 700.0, 0);
  if (rc) return rc;
  rc = limen_potential_check_control(p, u, err);
  if (rc) return rc;
  double dlo, dhi;
  p->type->domain(p, &dlo, &dhi);
  if (p->type->harmonic && lo <= dlo && hi >= dhi) {
    s->gaussian = 1;
    s->mean = u->center + u->tilt / u->stiffness;
    s->sd = 1.0 / sqrt(u->stiffness);
    return LIMEN_OK;
  }
  double a, b;
  rc = limen_potential_support(p, u, pr.eq_sample_cut_kT, &a, &b, &pr, err);
  if (rc) return rc;
  a = fmax(a, fmax(lo, dlo));
  b = fmin(b, fmin(hi, dhi));
  if (!(a < b))
    return limen_error_set(err, LIMEN_EINVAL, "limen_equilibrium_sample",
                           "region [%g, %g] holds no Boltzmann weight (support [%g, %g])", lo, hi,
                           a, b);
  size_t n = pr.eq_sample_cells;
  double *x = malloc((n + 1) * 3 * sizeof *x);
  s->cum = malloc((n + 1) * sizeof *s->cum);
  s->logg = malloc(n * sizeof *s->logg);
  if (!x || !s->cum || !s->logg) {
    free(x);
    limen_eq_sampler_free(s);
    return limen_error_set(err, LIMEN_ENOMEM, "limen_equilibrium_sample", "out of memory");
  }
  double *U = x + (n + 1), *F = U + (n + 1);
  double h = (b - a) / (double)n;
  for (size_t i = 0; i <= n; i++) x[i] = a + h * (double)i;
  x[n] = b;
  p->type->eval(p, u, n + 1, x, U, F);
  double Umin = HUGE_VAL, curv = 0.0;
  for (size_t i = 0; i <= n; i++) Umin = fmin(Umin, U[i]);
  for (size_t i = 0; i < n; i++) curv = fmax(curv, fabs(F[i + 1] - F[i]) / h);
  /* In a cell, U ≥ min(U_i, U_{i+1}) − h²·max|U''|/8; max|U''| estimated from the force
   * differences on the grid with a safety factor of 2. */
  double margin = 2.0 * curv * h * h / 8.0 + 1e-12;
  s->cum[0] = 0.0;
  for (size_t i = 0; i < n; i++) {
    s->logg[i] = -(fmin(U[i], U[i + 1]) - Umin) + margin;
    s->cum[i + 1] = s->cum[i] + exp(s->logg[i]) * h;
  }
  free(x);
  s->a = a;
  s->h = h;
  s->Umin = Umin;
  s->n_cells = n;
  return LIMEN_OK;
}

void limen_eq_sampler_free(limen_eq_sampler *s) {
  free(s->cum);
  free(s->logg);
  s->cum = s->logg = NULL;
}

double limen_eq_sampler_draw(const limen_eq_sampler *s, limen_rng *r) {
  if (s->gaussian) return s->mean + s->sd * limen_rng_gaussian(r);
  const double total = s->cum[s->n_cells];
  for (;;) {
    double v = limen_rng_uniform(r) * total;
    size_t lo = 0, hi = s->n_cells; /* find cell i with cum[i] ≤ v < cum[i+1] */
    while (hi - lo > 1) {
      size_t mid = (lo + hi) / 2;
      if (s->cum[mid] <= v) lo = mid;
      else hi = mid;
    }
    double x = s->a + s->h * ((double)lo + limen_rng_uniform(r));
    double U;
    s->pot->type->eval(s->pot, &s->u, 1, &x, &U, NULL);
    double logacc = -(U - s->Umin) - s->logg[lo];
    if (log(limen_rng_uniform_pos(r)) <= logacc) return x;
  }
}

int limen_equilibrium_sample(const limen_potential *p, const limen_control *u, double lo,
                             double hi, uint64_t seed, size_t n, double *x,
                             const limen_precision *prec, limen_error *err) {
  if (!p || !u || (!x && n)) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  if (isnan(lo) || isnan(hi) || !(lo < hi))
    return limen_error_set(err, LIMEN_EINVAL, __func__, "region [%g, %g]: need lo < hi", lo, hi);
  limen_eq_sampler s;
  int rc = limen_eq_sampler_init(&s, p, u, lo, hi, prec, err);
  if (rc) return limen_error_wrap(err, rc, __func__, "potential '%s'", p->type->name);
  for (size_t i = 0; i < n; i++) {
    limen_rng r;
    limen_rng_seed(&r, seed, i);
    x[i] = limen_eq_sampler_draw(&s, &r);
  }
  limen_eq_sampler_free(&s);
  return LIMEN_OK;
}
