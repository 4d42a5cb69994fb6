/* SPDX-License-Identifier: GPL-3.0-or-later
 * potential.c: the generic part of the potential interface (instances, look-up, scalar
 * wrappers, support interval). */
#include "limen/potential.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const limen_potential_type *const *all_types(void) {
  static const limen_potential_type *types[5];
  types[0] = limen_potential_quartic;
  types[1] = limen_potential_washboard;
  types[2] = limen_potential_harmonic;
  types[3] = limen_potential_transport;
  types[4] = NULL;
  return types;
}

int limen_potential_type_find(const char *name, const limen_potential_type **type,
                                 limen_error *err) {
  if (!name || !type) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  const limen_potential_type *const *t = all_types();
  for (; *t; t++)
    if (strcmp((*t)->name, name) == 0) {
      *type = *t;
      return LIMEN_OK;
    }
  return limen_error_set(err, LIMEN_ENOTFOUND, __func__,
                         "unknown potential type '%s' (known: quartic, washboard, harmonic, "
                         "transport)", name);
}

limen_control limen_control_zero(void) {
  limen_control u = {0.0, 0.0, 0.0, 1.0, -1.0};
  return u;
}

int limen_potential_alloc(const limen_potential_type *type, const limen_potential_params *params,
                          limen_potential **out, limen_error *err) {
  if (!type || !out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  *out = NULL;
  limen_potential *p = calloc(1, sizeof *p);
  if (!p) return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  p->type = type;
  if (params) p->params = *params;
  int rc = type->init(&p->params, &p->state, err);
  if (rc) {
    free(p);
    return limen_error_wrap(err, rc, __func__, "potential '%s'", type->name);
  }
  *out = p;
  return LIMEN_OK;
}

void limen_potential_free(limen_potential *p) {
  if (!p) return;
  if (p->type->free_state && p->state) p->type->free_state(p->state);
  free(p);
}

int limen_potential_from_well(const limen_well *w, limen_potential **out, limen_control *u,
                              limen_error *err) {
  if (!w || !out || !u) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  limen_potential_params par;
  memset(&par, 0, sizeof par);
  const limen_potential_type *t;
  if (w->kind == LIMEN_WELL_QUARTIC) {
    t = limen_potential_quartic;
  } else if (w->kind == LIMEN_WELL_WASHBOARD) {
    t = limen_potential_washboard;
    par.levels = w->levels;
  } else {
    return limen_error_set(err, LIMEN_EINVAL, __func__, "unknown well kind %d", (int)w->kind);
  }
  *u = limen_control_zero();
  u->barrier = w->barrier_kT;
  u->tilt = w->tilt_kT;
  int rc = limen_potential_alloc(t, &par, out, err);
  if (rc) return rc;
  rc = limen_potential_check_control(*out, u, err);
  if (rc) {
    limen_potential_free(*out);
    *out = NULL;
  }
  return rc;
}

double limen_potential_energy(const limen_potential *p, const limen_control *u, double x) {
  double U;
  p->type->eval(p, u, 1, &x, &U, NULL);
  return U;
}

double limen_potential_force(const limen_potential *p, const limen_control *u, double x) {
  double U, F;
  p->type->eval(p, u, 1, &x, &U, &F);
  return F;
}

void limen_potential_dU_dcontrol(const limen_potential *p, const limen_control *u, double x,
                                 double grad[LIMEN_CONTROL_DIM]) {
  p->type->dU_dcontrol(p, u, x, grad);
}

void limen_potential_domain(const limen_potential *p, double *lo, double *hi) {
  p->type->domain(p, lo, hi);
}

int limen_potential_check_control(const limen_potential *p, const limen_control *u,
                                  limen_error *err) {
  if (!p || !u) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  const double *v = &u->barrier;
  static const char *names[LIMEN_CONTROL_DIM] = {"barrier", "tilt", "center", "stiffness",
                                                 "path"};
  for (int j = 0; j < LIMEN_CONTROL_DIM; j++)
    if (!isfinite(v[j]))
      return limen_error_set(err, LIMEN_EINVAL, __func__, "%s = %g: must be finite", names[j],
                             v[j]);
  return p->type->check_control(p, u, err);
}

/* Minimum of U over an n-point grid on [a, b]. */
static double scan_min(const limen_potential *p, const limen_control *u, double a, double b,
                       size_t n, double *buf_x, double *buf_u) {
  for (size_t i = 0; i < n; i++) buf_x[i] = a + (b - a) * (double)i / (double)(n - 1);
  p->type->eval(p, u, n, buf_x, buf_u, NULL);
  double m = HUGE_VAL;
  for (size_t i = 0; i < n; i++)
    if (buf_u[i] < m) m = buf_u[i];
  return m;
}

int limen_potential_support(const limen_potential *p, const limen_control *u, double cut_kT,
                            double *lo, double *hi, const limen_precision *prec,
                            limen_error *err) {
  if (!p || !u || !lo || !hi) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  int rc = limen_check_positive(err, __func__, "cut_kT", cut_kT);
  if (rc) return rc;
  const limen_precision pr = prec ? *prec : limen_precision_default();
  if ((rc = limen_check_range(err, __func__, "precision.support_scan_points",
                              (double)pr.support_scan_points, 101, 0, 1e8, 0)))
    return rc;
  const size_t N = pr.support_scan_points;
  rc = limen_potential_check_control(p, u, err);
  if (rc) return limen_error_wrap(err, rc, __func__, "support of '%s'", p->type->name);
  double dlo, dhi;
  p->type->domain(p, &dlo, &dhi);
  double a = isfinite(dlo) ? dlo : -2.0, b = isfinite(dhi) ? dhi : 2.0;
  if (p->type->harmonic) {
    double m = u->center + u->tilt / u->stiffness, w = sqrt(2.0 * (cut_kT + 5.0) / u->stiffness);
    a = m - w;
    b = m + w;
  }
  double *bx = malloc(2 * N * sizeof *bx);
  if (!bx) return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  double *bu = bx + N;
  double Umin = 0;
  int ok = 0;
  for (int iter = 0; iter < 80 && !ok; iter++) {
    Umin = scan_min(p, u, a, b, N, bx, bu);
    int left_ok = (a <= dlo) || (bu[0] - Umin >= cut_kT);
    int right_ok = (b >= dhi) || (bu[N - 1] - Umin >= cut_kT);
    ok = left_ok && right_ok;
    double w = b - a;
    if (!left_ok) a = fmax(dlo, a - w);
    if (!right_ok) b = fmin(dhi, b + w);
  }
  if (!ok) {
    free(bx);
    return limen_error_set(err, LIMEN_ENUMERIC, __func__,
                           "potential '%s' does not confine: no support found within %g",
                           p->type->name, b - a);
  }
  size_t i0 = 0, i1 = N - 1;
  while (i0 < N - 1 && bu[i0] - Umin >= cut_kT) i0++;
  while (i1 > 0 && bu[i1] - Umin >= cut_kT) i1--;
  *lo = bx[i0 > 0 ? i0 - 1 : 0];
  *hi = bx[i1 < N - 1 ? i1 + 1 : N - 1];
  free(bx);
  return LIMEN_OK;
}
