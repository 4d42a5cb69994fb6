/* SPDX-License-Identifier: GPL-3.0-or-later
 * sim_report_fill.c: the report of one simulation (simulate.h, limen_sim_report) filled from the
 * protocol and either engine's result; its JSON and CSV are written by the report module. */
#include <string.h>

#include "limen/simulate.h"
#include "limen/units.h"

void limen_sim_report_init(limen_sim_report *r, const limen_protocol *proto, double temperature_K, double tau0_s) {
  memset(r, 0, sizeof *r);
  r->protocol = proto ? proto->name : NULL;
  r->kind = proto ? proto->kind : NULL;
  r->potential = proto && proto->potential ? proto->potential->name : NULL;
  r->temperature_K = temperature_K;
  r->tau0_s = tau0_s;
}

void limen_sim_report_fp(limen_sim_report *r, const limen_fp_result *fr) {
  r->has = (r->has & ~(unsigned)LIMEN_SIM_HAS_LANGEVIN) | LIMEN_SIM_HAS_FP;
  r->method = "fokker-planck";
  r->grid_cells = fr->n_cells;
  r->grid_dx = fr->dx;
  r->grid_x_lo = fr->x_lo;
  r->grid_x_hi = fr->x_hi;
  r->mass_error = fr->mass_error;
}

void limen_sim_report_langevin(limen_sim_report *r, const limen_langevin_config *cfg,
                               const limen_langevin_result *lr) {
  r->has = (r->has & ~(unsigned)LIMEN_SIM_HAS_FP) | LIMEN_SIM_HAS_LANGEVIN;
  r->method = "langevin";
  r->integrator = cfg->integrator ? cfg->integrator->name : NULL;
  r->trajectories = cfg->n_traj;
  r->seed = (long)cfg->seed;
  r->passed = lr ? lr->n_passed : 0;
}

void limen_sim_report_finish(limen_sim_report *r) {
  const limen_sim_summary *s = &r->summary;
  r->mean_work_J = limen_kT_to_J(s->mean_work, r->temperature_K);
  r->mean_heat_J = limen_kT_to_J(s->mean_heat, r->temperature_K);
  r->duration_s = s->duration * r->tau0_s;
  r->dt_s = s->dt * r->tau0_s;
  r->passage_z = (r->mean_passage_tau0 - r->exact_passage_tau0) / r->stderr_passage_tau0;
  r->mean_passage_s = r->mean_passage_tau0 * r->tau0_s;
}
