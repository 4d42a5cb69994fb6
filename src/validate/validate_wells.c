/* SPDX-License-Identifier: GPL-3.0-or-later
 * validate_wells.c: the generalized Landauer bound of a custom protocol between two-well
 * potentials (validate.h, "coarse-grained-landauer"; theory §4.1): the wells of U(·, λ(0⁻))
 * and U(·, λ(τ⁺)) found by a scan, their local free energies and the initial occupation by
 * quadrature, and the bound from a run's final occupation.  Kept apart from the bounds of the
 * ready-made protocols (validate_bound.c) because it needs the run's final positions. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limen/bounds.h"
#include "validate_internal.h"

#define SCAN_POINTS 4001   /* scan of U over its support for local minima                 */
#define QUAD_INTERVALS 4000 /* Simpson intervals per well: the integrands are smooth        */
#define SUPPORT_CUT_KT 40.0

/* ln ∫_a^b e^{−(U − shift)} dx by composite Simpson (b > a). */
static double log_weight(const limen_potential *pot, const limen_control *u, double a, double b, double shift) {
  const int n = QUAD_INTERVALS;
  double h = (b - a) / n, s = 0.0;
  for (int i = 0; i <= n; i++) {
    double w = (i == 0 || i == n) ? 1.0 : (i % 2 ? 4.0 : 2.0);
    s += w * exp(-(limen_potential_energy(pot, u, a + i * h) - shift));
  }
  return log(s * h / 3.0);
}

/* The barrier top between the two wells of U(·, u): *two = 1 when the scan finds exactly two
 * local minima, *split the local maximum between them (refined by bisection on the force). */
static int find_split(const limen_potential *pot, const limen_control *u, double lo, double hi, int *two,
                      double *split, double *umin) {
  double h = (hi - lo) / (SCAN_POINTS - 1), prev = limen_potential_energy(pot, u, lo), cur = 0.0;
  double next = limen_potential_energy(pot, u, lo + h);
  int minima = 0, top = -1;
  *umin = fmin(prev, next);
  for (int i = 1; i < SCAN_POINTS - 1; i++) {
    cur = next;
    next = limen_potential_energy(pot, u, lo + (i + 1) * h);
    *umin = fmin(*umin, next);
    if (cur < prev && cur <= next) minima++;
    if (minima == 1 && cur > prev && cur >= next) top = i;
    prev = cur;
  }
  *two = minima == 2 && top > 0;
  if (!*two) return LIMEN_OK;
  double a = lo + (top - 1) * h, b = lo + (top + 1) * h; /* U rises at a, falls at b: force −U' < 0 at a */
  for (int k = 0; k < 200 && b - a > 1e-14 * (1.0 + fabs(a)); k++) {
    double m = 0.5 * (a + b);
    if (limen_potential_force(pot, u, m) < 0.0) a = m;
    else b = m;
  }
  *split = 0.5 * (a + b);
  return LIMEN_OK;
}

/* The wells of one end: split, support and the local free energies −ln ∫_well e^{−U}. */
static int end_wells(const limen_potential *pot, const limen_control *u, limen_sim_wells *w, int final,
                     limen_error *err) {
  double lo = 0.0, hi = 0.0, umin = 0.0, split = 0.0;
  int two = 0;
  int st = limen_potential_support(pot, u, SUPPORT_CUT_KT, &lo, &hi, NULL, err);
  if (st) return st;
  if ((st = find_split(pot, u, lo, hi, &two, &split, &umin)) || !two) return st;
  double *F = final ? w->F_final : w->F_initial;
  F[0] = umin - log_weight(pot, u, lo, split, umin);
  F[1] = umin - log_weight(pot, u, split, hi, umin);
  if (final) w->split_final = split, w->lo_final = lo, w->hi_final = hi;
  else w->split_initial = split, w->lo_initial = lo, w->hi_initial = hi;
  return LIMEN_OK;
}

/* The initial occupation of the left well: the initial region must be the whole support or
 * one well (its ends beyond the support or at the barrier top). */
static int initial_occupation(const limen_protocol *p, limen_sim_wells *w) {
  double tol = 1e-9 * (1.0 + fabs(w->split_initial));
  int lo_all = p->initial_lo <= w->lo_initial, hi_all = p->initial_hi >= w->hi_initial;
  int lo_split = fabs(p->initial_lo - w->split_initial) <= tol, hi_split = fabs(p->initial_hi - w->split_initial) <= tol;
  if (lo_all && hi_all) {
    /* Boltzmann weights of the wells: p_left = 1/(1 + e^{F_left − F_right}) */
    w->p_initial = 1.0 / (1.0 + exp(w->F_initial[0] - w->F_initial[1]));
    return 1;
  }
  if (lo_all && hi_split) return w->p_initial = 1.0, 1;
  if (lo_split && hi_all) return w->p_initial = 0.0, 1;
  return 0;
}

int limen_sim_wells_plan(const limen_protocol *proto, limen_sim_wells *w, limen_error *err) {
  memset(w, 0, sizeof *w);
  limen_potential *pot = NULL;
  int st = limen_protocol_potential_alloc(proto, &pot, err);
  if (st) return st;
  limen_control u0, uf;
  limen_protocol_control(proto, 0.0, -1, &u0);
  limen_protocol_control(proto, limen_protocol_duration(proto), +1, &uf);
  st = end_wells(pot, &u0, w, 0, err);
  int two_initial = !st && w->hi_initial > w->lo_initial;
  if (two_initial) st = end_wells(pot, &uf, w, 1, err);
  limen_potential_free(pot);
  if (st) return st;
  w->bistable = two_initial && w->hi_final > w->lo_final && initial_occupation(proto, w);
  return LIMEN_OK;
}

int limen_sim_wells_bound(const limen_sim_wells *w, double p_final, size_t n_final, limen_sim_bound *out,
                          limen_error *err) {
  double info = 0.0, se = 0.0;
  int st = limen_landauer_information_kT(w->p_initial, 0, p_final, n_final, &info, &se, err);
  if (st) return st;
  const double *Fi = w->F_initial, *Ff = w->F_final;
  double dF = p_final * Ff[0] + (1.0 - p_final) * Ff[1] - (w->p_initial * Fi[0] + (1.0 - w->p_initial) * Fi[1]);
  out->name = "coarse-grained-landauer";
  out->quantity = "work";
  out->relation = "lower-bound";
  out->value_kT = dF + info;
  /* ΔF_wells moves with the same p̂: its binomial error |F_f,left − F_f,right|·σ is added to
   * the information term's (not in quadrature, since both follow p̂: an upper estimate; 0 for
   * a symmetric final potential) */
  double sp = n_final ? sqrt(p_final * (1.0 - p_final) / (double)n_final) : 0.0;
  out->stderr_kT = se + fabs(Ff[0] - Ff[1]) * sp;
  out->information_kT = info;
  out->occupation_initial = w->p_initial;
  out->occupation_final = p_final;
  out->landauer_kT = NAN;
  out->success_used = NAN;
  return LIMEN_OK;
}
