/* SPDX-License-Identifier: GPL-3.0-or-later
 * protocol.c: piecewise control schedules — allocation, validation and evaluation. */
#include "limen/protocol.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/units.h"

int limen_protocol_alloc(size_t n_segments, limen_protocol **out, limen_error *err) {
  if (!out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  *out = NULL;
  if (n_segments > 1000000)
    return limen_error_set(err, LIMEN_EINVAL, __func__,
                           "n_segments = %zu: allowed range [0, 1000000]", n_segments);
  limen_protocol *p = calloc(1, sizeof *p);
  if (!p) return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  if (n_segments) {
    p->segments = calloc(n_segments, sizeof *p->segments);
    if (!p->segments) {
      free(p);
      return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
    }
  }
  p->n_segments = n_segments;
  strcpy(p->kind, "custom");
  p->potential = limen_potential_quartic;
  p->initial = p->final = limen_control_zero();
  for (size_t k = 0; k < n_segments; k++) {
    p->segments[k].shape = LIMEN_SHAPE_LINEAR;
    p->segments[k].start = p->segments[k].end = limen_control_zero();
  }
  p->initial_lo = p->target_lo = -HUGE_VAL;
  p->initial_hi = p->target_hi = HUGE_VAL;
  *out = p;
  return LIMEN_OK;
}

void limen_protocol_free(limen_protocol *p) {
  if (!p) return;
  free(p->segments);
  free(p);
}

int limen_protocol_copy(const limen_protocol *p, limen_protocol **out, limen_error *err) {
  if (!p || !out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  int rc = limen_protocol_alloc(p->n_segments, out, err);
  if (rc) return rc;
  limen_protocol_segment *seg = (*out)->segments;
  **out = *p;
  (*out)->segments = seg;
  if (p->n_segments) memcpy(seg, p->segments, p->n_segments * sizeof *seg);
  return LIMEN_OK;
}

double limen_protocol_duration(const limen_protocol *p) {
  double tau = 0.0;
  for (size_t k = 0; k < p->n_segments; k++) tau += p->segments[k].duration;
  return tau;
}

static int check_ctl(const limen_potential *pot, const limen_control *u, const char *what,
                     limen_error *err) {
  int rc = limen_potential_check_control(pot, u, err);
  if (rc) return limen_error_wrap(err, rc, "limen_protocol_check", "%s", what);
  return LIMEN_OK;
}

int limen_protocol_check(const limen_protocol *p, limen_error *err) {
  if (!p || !p->potential)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL protocol or potential type");
  if (p->n_segments && !p->segments)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "segments missing");
  /* controls are checked against a stateless instance: check_control never reads state */
  limen_potential pot;
  pot.type = p->potential;
  pot.params = p->potential_params;
  pot.state = NULL;
  if (p->potential == limen_potential_washboard) {
    int rc = limen_check_range(err, __func__, "potential.levels", p->potential_params.levels, 2,
                               0, 1 << 24, 0);
    if (rc) return rc;
  }
  int rc = check_ctl(&pot, &p->initial, "initial", err);
  if (rc) return rc;
  rc = check_ctl(&pot, &p->final, "final", err);
  if (rc) return rc;
  char what[64];
  for (size_t k = 0; k < p->n_segments; k++) {
    const limen_protocol_segment *s = &p->segments[k];
    snprintf(what, sizeof what, "segments[%zu].duration", k);
    rc = limen_check_range(err, __func__, what, s->duration, 0.0, 1, 1e15, 0);
    if (rc) return rc;
    if (s->shape != LIMEN_SHAPE_LINEAR && s->shape != LIMEN_SHAPE_HOLD &&
        s->shape != LIMEN_SHAPE_COSINE)
      return limen_error_set(err, LIMEN_EINVAL, __func__, "segments[%zu].shape = %d: unknown",
                             k, (int)s->shape);
    snprintf(what, sizeof what, "segments[%zu].start", k);
    if ((rc = check_ctl(&pot, &s->start, what, err))) return rc;
    snprintf(what, sizeof what, "segments[%zu].end", k);
    if ((rc = check_ctl(&pot, &s->end, what, err))) return rc;
  }
  if (isnan(p->initial_lo) || isnan(p->initial_hi) || !(p->initial_lo < p->initial_hi))
    return limen_error_set(err, LIMEN_EINVAL, __func__,
                           "initial_region = [%g, %g]: need lo < hi", p->initial_lo,
                           p->initial_hi);
  if (isnan(p->target_lo) || isnan(p->target_hi) || !(p->target_lo < p->target_hi))
    return limen_error_set(err, LIMEN_EINVAL, __func__, "target_region = [%g, %g]: need lo < hi",
                           p->target_lo, p->target_hi);
  return LIMEN_OK;
}

static void interp(const limen_protocol_segment *s, double frac, limen_control *u) {
  if (s->shape == LIMEN_SHAPE_HOLD) {
    *u = s->start;
    return;
  }
  double w = frac;
  if (s->shape == LIMEN_SHAPE_COSINE) w = 0.5 * (1.0 - cos(LIMEN_PI * frac));
  const double *a = &s->start.barrier, *b = &s->end.barrier;
  double *o = &u->barrier;
  for (int j = 0; j < LIMEN_CONTROL_DIM; j++) o[j] = a[j] + w * (b[j] - a[j]);
  if (frac >= 1.0) *u = s->end;
  if (frac <= 0.0) *u = s->start;
}

void limen_protocol_control(const limen_protocol *p, double t, int side, limen_control *u) {
  double tau = limen_protocol_duration(p);
  double eps = 1e-12 * (tau > 0 ? tau : 1.0); /* times this close to a boundary are on it */
  int before = t < -eps || (t <= eps && side < 0);
  if (p->n_segments == 0) {
    *u = before ? p->initial : p->final;
    return;
  }
  if (before) {
    *u = p->initial;
    return;
  }
  if (t > tau + eps || (fabs(t - tau) <= eps && side >= 0)) {
    *u = p->final;
    return;
  }
  double t0 = 0.0;
  for (size_t k = 0; k < p->n_segments; k++) {
    const limen_protocol_segment *s = &p->segments[k];
    double t1 = t0 + s->duration;
    int last = (k + 1 == p->n_segments);
    if (t < t1 - eps || (fabs(t - t1) <= eps && side < 0) || last) {
      double frac = (t - t0) / s->duration;
      if (fabs(t - t0) <= eps) frac = 0.0;
      if (fabs(t - t1) <= eps) frac = 1.0;
      interp(s, fmin(fmax(frac, 0.0), 1.0), u);
      return;
    }
    t0 = t1;
  }
}

int limen_protocol_potential_alloc(const limen_protocol *p, limen_potential **out,
                                   limen_error *err) {
  if (!p || !out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  int rc = limen_potential_alloc(p->potential, &p->potential_params, out, err);
  if (rc) return limen_error_wrap(err, rc, __func__, "protocol '%s'", p->name);
  return LIMEN_OK;
}
