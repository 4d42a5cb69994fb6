/* SPDX-License-Identifier: GPL-3.0-or-later
 * validate_bound.c: the closed-form bound of bounds.h that applies to a simulated protocol
 * (see validate.h), a simulation's summary beside it and the plan of a mean first-passage run. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limen/bounds.h"
#include "limen/cell.h"
#include "limen/fokker_planck.h"
#include "limen/validate.h"
#include "validate_internal.h"

/* ---- bound of a protocol ---------------------------------------------------------------- */

static double fold(double p) { return p < 0.5 ? 1.0 - p : p; }

/* ΔF between the equilibria of λ(0⁻) and λ(τ⁺) by a fine quadrature on the Fokker–Planck
 * grid (a zero-length relaxation, i.e. the grid's partition functions). */
static int free_energy_change(const limen_protocol *proto, double *dF, limen_error *err) {
  limen_protocol *p0 = NULL;
  int st = limen_protocol_alloc(1, &p0, err);
  if (st) return st;
  /* one very short hold at λ(0⁻), then the final jump to λ(τ⁺) */
  memcpy(p0->name, proto->name, sizeof p0->name);
  p0->potential = proto->potential;
  p0->potential_params = proto->potential_params;
  limen_protocol_control(proto, 0.0, -1, &p0->initial);
  limen_protocol_control(proto, limen_protocol_duration(proto), +1, &p0->final);
  p0->segments[0].duration = 1e-12;
  p0->segments[0].shape = LIMEN_SHAPE_HOLD;
  p0->segments[0].start = p0->segments[0].end = p0->initial;
  limen_fp_config cfg = limen_fp_config_default();
  cfg.dt = 1.0;
  cfg.h_max = 0.002;
  limen_fp_result r;
  st = limen_fp_run(&cfg, NULL, p0, &r, err);
  limen_protocol_free(p0);
  if (st) return st;
  *dF = r.free_energy_change;
  limen_fp_result_clear(&r);
  return LIMEN_OK;
}

int limen_sim_bound_eval(const limen_protocol *proto, double success, double p_floor, limen_sim_bound *out,
                         limen_error *err) {
  if (!proto || !out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  int st = limen_check_range(err, __func__, "success", success, 0.0, 0, 1.0, 0);
  if (st) return st;
  if ((st = limen_check_range(err, __func__, "p_floor", p_floor, 0.0, 0, 0.5, 0))) return st;
  out->name = "none";
  out->quantity = "heat";
  out->relation = "lower-bound";
  out->value_kT = NAN;
  out->landauer_kT = NAN;
  out->success_used = NAN;
  out->stderr_kT = 0.0;
  out->information_kT = out->occupation_initial = out->occupation_final = NAN;
  const limen_protocol_args *a = &proto->args;
  double tau = limen_protocol_duration(proto);
  const char *k = proto->kind;
  if (strcmp(k, "erasure") == 0 || strcmp(k, "erasure-optimal") == 0 || strcmp(k, "modulated-write") == 0) {
    double ps = strcmp(k, "erasure-optimal") == 0 ? a->success : fold(success);
    out->success_used = ps;
    if ((st = limen_landauer_generalized_kT(ps, &out->landauer_kT, err))) return st;
    if (strcmp(k, "modulated-write") == 0) {
      out->name = "modulated-write";
      st = limen_modulated_write_kT(a->barrier_low_kT, ps, tau, NULL, &out->value_kT, err);
    } else {
      out->name = "finite-time-landauer";
      st = limen_finite_time_kT(a->barrier_kT, ps, tau, NULL, &out->value_kT, NULL, err);
    }
    return st ? limen_error_wrap(err, st, __func__, "bound of '%s'", proto->name) : LIMEN_OK;
  }
  if (strcmp(k, "static-write") == 0) {
    double pw = fmax(1.0 - success, p_floor);
    if (pw <= 0.0) pw = 1e-300;
    if (pw >= 1.0) pw = 0.5;
    limen_static_write sw;
    out->name = "static-write";
    out->quantity = "work";
    out->relation = "cost-model";
    out->success_used = 1.0 - pw;
    st = limen_static_write_cost(a->barrier_kT, tau, pw, NULL, &sw, err);
    if (st) return limen_error_wrap(err, st, __func__, "bound of '%s'", proto->name);
    out->value_kT = sw.work_kT;
    return LIMEN_OK;
  }
  if (strcmp(k, "hopping") == 0) {
    double r = 0.0, tilt = 0.0;
    out->name = "hopping";
    out->relation = "cost-model";
    if ((st = limen_washboard_hop_rate(a->barrier_kT, &r, err))) return st;
    st = limen_hop_cost_kT(fabs((double)a->hop_levels), r * tau, &out->value_kT, &tilt, NULL, err);
    return st ? limen_error_wrap(err, st, __func__, "bound of '%s'", proto->name) : LIMEN_OK;
  }
  if (strcmp(k, "trap-linear") == 0 || strcmp(k, "trap-optimal") == 0) {
    out->name = "schmiedl-seifert";
    out->quantity = "work";
    out->value_kT = a->distance * a->distance / (tau + 2.0 / a->stiffness);
    return LIMEN_OK;
  }
  if (strcmp(k, "stiffness-change") == 0) {
    out->name = "free-energy";
    out->quantity = "work";
    out->value_kT = 0.5 * log(a->stiffness_final / a->stiffness);
    return LIMEN_OK;
  }
  if (isinf(proto->initial_lo) && proto->initial_lo < 0 && isinf(proto->initial_hi) && proto->initial_hi > 0) {
    out->name = "free-energy";
    out->quantity = "work";
    return free_energy_change(proto, &out->value_kT, err);
  }
  return LIMEN_OK;
}

/* ---- a simulation beside its bound -------------------------------------------------------- */

/* The final state of a run: positions (Langevin) or a density on cells (Fokker–Planck). */
typedef struct final_state {
  const double *x, *rho; /* rho NULL: n positions x; else n cell centres x of width dx */
  size_t n;
  double dx;
} final_state;

/* The fraction of the final state below `split`. */
static double left_fraction(const final_state *f, double split) {
  double left = 0.0, all = 0.0;
  for (size_t i = 0; i < f->n; i++) {
    if (!f->rho) {
      left += f->x[i] < split;
      all += 1.0;
      continue;
    }
    double m = f->rho[i] * f->dx, part = (split - (f->x[i] - 0.5 * f->dx)) / f->dx;
    left += m * fmin(fmax(part, 0.0), 1.0);
    all += m;
  }
  return all > 0.0 ? fmin(fmax(left / all, 0.0), 1.0) : 0.5;
}

/* A custom protocol between two-well potentials: the coarse-grained Landauer bound from the
 * run's final occupation (validate_wells.c) instead of ΔF. */
static int wells_bound(const limen_protocol *proto, const final_state *f, limen_sim_bound *b, limen_error *err) {
  if (strcmp(proto->kind, "custom") != 0) return LIMEN_OK;
  limen_sim_wells w;
  int st = limen_sim_wells_plan(proto, &w, err);
  if (st || !w.bistable) return st;
  return limen_sim_wells_bound(&w, left_fraction(f, w.split_final), f->rho ? 0 : f->n, b, err);
}

/* The bound of the run and how far the measured mean of its quantity lies from it. */
static int summary_bound(const limen_protocol *proto, double p_floor, const final_state *f, limen_sim_summary *s,
                         limen_error *err) {
  int st = limen_sim_bound_eval(proto, s->success, p_floor, &s->bound, err);
  if (!st) st = wells_bound(proto, f, &s->bound, err);
  if (st) return st;
  int work = strcmp(s->bound.quantity, "work") == 0;
  double m = work ? s->mean_work : s->mean_heat, se = work ? s->stderr_work : s->stderr_heat;
  double se_all = sqrt(se * se + s->bound.stderr_kT * s->bound.stderr_kT);
  s->bound_gap_kT = m - s->bound.value_kT;
  s->bound_gap_z = se_all > 0 ? (m - s->bound.value_kT) / se_all : NAN;
  return LIMEN_OK;
}

int limen_sim_summary_langevin(const limen_protocol *proto, const limen_langevin_result *r, limen_sim_summary *s,
                               limen_error *err) {
  if (!proto || !r || !s || r->n_traj == 0) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL or empty argument");
  memset(s, 0, sizeof *s);
  s->duration = r->duration;
  s->dt = r->dt;
  s->steps = r->n_steps;
  s->mean_work = r->mean_work;
  s->stderr_work = r->stderr_work;
  s->mean_heat = r->mean_heat;
  s->stderr_heat = r->stderr_heat;
  s->mean_dU = r->mean_dU;
  s->stderr_dU = r->stderr_dU;
  s->success = r->success;
  s->stderr_success = r->stderr_success;
  s->first_law_residual = r->max_first_law_residual;
  /* the smallest failure probability the ensemble resolves: half a trajectory */
  final_state f = {r->x_final, NULL, r->n_traj, 0.0};
  return summary_bound(proto, 0.5 / (double)r->n_traj, &f, s, err);
}

int limen_sim_summary_fp(const limen_protocol *proto, const limen_fp_result *r, limen_sim_summary *s,
                         limen_error *err) {
  if (!proto || !r || !s) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  memset(s, 0, sizeof *s);
  s->duration = r->duration;
  s->dt = r->dt;
  s->steps = r->n_steps;
  s->mean_work = r->mean_work;
  s->mean_heat = r->mean_heat;
  s->mean_dU = r->mean_dU;
  s->success = r->success;
  s->first_law_residual = r->first_law_residual;
  final_state f = {r->x, r->rho, r->n_cells, r->dx};
  return summary_bound(proto, 0.0, &f, s, err);
}

int limen_passage_plan(double barrier_kT, double x0, double b, double *log_mean_tau0, double *duration_tau0,
                       limen_error *err) {
  if (!log_mean_tau0 || !duration_tau0) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  if (!(b > x0)) return limen_error_set(err, LIMEN_EINVAL, __func__, "b = %g: allowed range (x0 = %g, inf)", b, x0);
  limen_well w = {LIMEN_WELL_QUARTIC, barrier_kT, 0.0, 0};
  int st = limen_mfpt_log(&w, x0, b, NULL, log_mean_tau0, err);
  if (st) return limen_error_wrap(err, st, __func__, "exact mean first-passage time");
  *duration_tau0 = LIMEN_PASSAGE_RUN_FACTOR * exp(*log_mean_tau0);
  return LIMEN_OK;
}
