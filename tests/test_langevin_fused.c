/* SPDX-License-Identifier: GPL-3.0-or-later
 * test_langevin_fused.c: the Langevin engine's fused step (src/langevin/langevin_fused.c)
 * makes exactly the numbers of the engine's separate passes — the potential's and the
 * integrator's own block functions, in the engine's order — for every potential and
 * integrator it covers and every set of its flags (stopped trajectories among them), on random
 * states; and whole runs of every library protocol with every integrator, and first-passage
 * runs that stop trajectories, give the same results bit for bit with it and without it
 * (LIMEN_LANGEVIN_FUSED=0). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "langevin/langevin_internal.h"
#include "limen/limen.h"
#include "testutil.h"

#define NB 61 /* not a multiple of the vector width: the loops' tails run too */

/* A block of the engine's state. */
typedef struct {
  double x[NB], F[NB], U[NB], W[NB], Q[NB];
} state;

/* One step as the engine's passes make it (langevin.c, run_block, without walls): the work at
 * the new control, the move, stopped trajectories (active[i] = 0, when active is not NULL) put
 * back, the energy after the move, the heat; a stopped trajectory keeps its energy. */
static void step_passes(const limen_potential *p, const limen_integrator_type *it, const limen_control *lam,
                        double dt, const double *xi, int changed, int need_force, const int *active, state *s) {
  double Un[NB], xold[NB], scratch[3 * NB];
  if (changed) {
    p->type->eval(p, lam, NB, s->x, Un, s->F);
    for (size_t i = 0; i < NB; i++)
      if (!active || active[i]) s->W[i] += Un[i] - s->U[i];
      else Un[i] = s->U[i];
    memcpy(s->U, Un, sizeof Un);
  }
  memcpy(xold, s->x, sizeof xold);
  it->step(p, lam, dt, NB, s->x, s->F, xi, scratch);
  for (size_t i = 0; active && i < NB; i++)
    if (!active[i]) s->x[i] = xold[i];
  p->type->eval(p, lam, NB, s->x, Un, need_force ? s->F : NULL);
  for (size_t i = 0; i < NB; i++)
    if (!active || active[i]) s->Q[i] += s->U[i] - Un[i];
    else Un[i] = s->U[i];
  memcpy(s->U, Un, sizeof Un);
}

static double unif(limen_rng *r, double lo, double hi) { return lo + (hi - lo) * limen_rng_uniform(r); }

/* A random state at control lam0 (x, the force and the energy there, sums) and noise. */
static void random_state(const limen_potential *p, const limen_control *lam0, limen_rng *r, state *s, double *xi) {
  for (size_t i = 0; i < NB; i++) {
    s->x[i] = unif(r, -2.0, 2.0);
    s->W[i] = unif(r, -5.0, 5.0);
    s->Q[i] = unif(r, -5.0, 5.0);
    xi[i] = limen_rng_gaussian(r);
  }
  p->type->eval(p, lam0, NB, s->x, s->U, s->F);
}

static void check_one(const limen_potential *p, const limen_integrator_type *it, limen_rng *r, size_t *cases) {
  limen_fused_step_fn fused = limen_langevin_fused_find(p->type, it);
  if (!fused) return;
  int active[NB];
  for (int round = 0; round < 50; round++)
    for (int flags = 0; flags < 8; flags++) {
      const int changed = flags & 1, need_force = (flags >> 1) & 1, stop = flags >> 2;
      for (size_t i = 0; i < NB; i++) active[i] = limen_rng_uniform(r) < 0.7; /* with stop: 30 % stopped */
      limen_control lam0 = limen_control_zero(), lam;
      lam0.barrier = unif(r, 0.5, 10.0), lam0.tilt = unif(r, -4.0, 4.0);
      lam0.stiffness = unif(r, 0.5, 20.0), lam0.center = unif(r, -1.0, 1.0);
      lam = lam0;
      if (changed) lam.barrier *= 0.9, lam.tilt += 0.1, lam.stiffness *= 1.1, lam.center -= 0.05;
      const double dt = unif(r, 1e-4, 1e-2);
      state a, b;
      double xi[NB];
      random_state(p, &lam0, r, &a, xi);
      b = a;
      step_passes(p, it, &lam, dt, xi, changed, need_force, stop ? active : NULL, &a);
      const limen_fused_lanes lanes = {NB, dt, b.x, b.F, b.U, b.W, b.Q, stop ? active : NULL};
      fused(&lanes, &lam, xi, changed, need_force);
      const char *what = p->type->name, *how = it->name;
      cr_assert(memcmp(a.x, b.x, sizeof a.x) == 0, "%s/%s flags %d: x differs", what, how, flags);
      cr_assert(memcmp(a.U, b.U, sizeof a.U) == 0, "%s/%s flags %d: U differs", what, how, flags);
      cr_assert(memcmp(a.W, b.W, sizeof a.W) == 0, "%s/%s flags %d: W differs", what, how, flags);
      cr_assert(memcmp(a.Q, b.Q, sizeof a.Q) == 0, "%s/%s flags %d: Q differs", what, how, flags);
      if (need_force)
        cr_assert(memcmp(a.F, b.F, sizeof a.F) == 0, "%s/%s flags %d: F differs", what, how, flags);
      (*cases)++;
    }
}

Test(langevin_fused, one_step_equals_the_passes_bit_for_bit) {
  const limen_potential_type *types[] = {limen_potential_quartic, limen_potential_harmonic};
  const limen_integrator_type *ints[] = {limen_integrator_euler, limen_integrator_heun, limen_integrator_ou};
  limen_rng r;
  limen_rng_seed(&r, 11, 0);
  size_t cases = 0, combos = 0;
  for (size_t t = 0; t < 2; t++) {
    limen_potential *p;
    limen_potential_params pp = {0};
    cr_assert_eq(limen_potential_alloc(types[t], &pp, &p, NULL), LIMEN_OK);
    for (size_t k = 0; k < 3; k++) {
      if (ints[k]->requires_harmonic && !types[t]->harmonic) continue;
      cr_assert(limen_langevin_fused_find(types[t], ints[k]), "%s/%s: no fused step", types[t]->name,
                ints[k]->name);
      combos++;
      check_one(p, ints[k], &r, &cases);
    }
    limen_potential_free(p);
  }
  cr_assert_eq(combos, 5);
  cr_log_info("fused step: %zu cases of 5 potential/integrator pairs (8 sets of flags), bit-identical to the passes", cases);
  /* the washboard has no fused step: the engine makes its passes */
  cr_assert_null(limen_langevin_fused_find(limen_potential_washboard, limen_integrator_euler));
}

static void run_env(const limen_langevin_config *c, const limen_protocol *p, const char *fused,
                    limen_langevin_result *r) {
  limen_error e;
  limen_error_clear(&e);
  if (fused) setenv("LIMEN_LANGEVIN_FUSED", fused, 1);
  else unsetenv("LIMEN_LANGEVIN_FUSED");
  const int rc = limen_langevin_run(c, NULL, p, r, &e);
  unsetenv("LIMEN_LANGEVIN_FUSED");
  cr_assert_eq(rc, LIMEN_OK, "%s: %s", p->name, e.msg);
}

Test(langevin_fused, whole_runs_equal_the_passes_bit_for_bit) {
  const limen_integrator_type *ints[] = {limen_integrator_euler, limen_integrator_heun, limen_integrator_ou};
  size_t runs = 0, fused_runs = 0;
  for (const char *const *n = limen_protocol_names(); *n; n++) {
    limen_protocol *p;
    limen_error e;
    cr_assert_eq(limen_protocol_alloc_named(*n, NULL, &p, &e), 0, "%s: %s", *n, e.msg);
    for (size_t k = 0; k < 3; k++) {
      if (ints[k]->requires_harmonic && !p->potential->harmonic) continue;
      limen_langevin_config c = limen_langevin_config_default();
      c.dt = 2e-3, c.n_traj = 150, c.seed = 3, c.threads = 1, c.integrator = ints[k];
      limen_langevin_result a, b;
      run_env(&c, p, NULL, &a);
      run_env(&c, p, "0", &b);
      const size_t sz = a.n_traj * sizeof(double);
      cr_assert(a.n_traj == b.n_traj && memcmp(a.work, b.work, sz) == 0 && memcmp(a.heat, b.heat, sz) == 0 &&
                    memcmp(a.dU, b.dU, sz) == 0 && memcmp(a.x_final, b.x_final, sz) == 0,
                "%s/%s: the fused run differs from the passes", *n, ints[k]->name);
      runs++;
      fused_runs += limen_langevin_fused_find(p->potential, ints[k]) != NULL;
      limen_langevin_result_clear(&a);
      limen_langevin_result_clear(&b);
    }
    limen_protocol_free(p);
  }
  cr_log_info("%zu runs of the library's protocols, %zu of them with a fused step: bit-identical", runs,
              fused_runs);
  cr_assert(fused_runs >= 10 && fused_runs < runs, "%zu of %zu runs fused", fused_runs, runs);
}

/* First-passage runs that stop each trajectory at its passage (the MFPT measurements of
 * `limen simulate --protocol hold --passage`): the same passage times and sums either way. */
Test(langevin_fused, stopped_trajectories_equal_the_passes_bit_for_bit) {
  limen_protocol *p;
  limen_error e;
  cr_assert_eq(limen_protocol_alloc_named("hold", NULL, &p, &e), 0, "%s", e.msg);
  const limen_integrator_type *ints[] = {limen_integrator_euler, limen_integrator_heun};
  for (size_t k = 0; k < 2; k++) {
    limen_langevin_config c = limen_langevin_config_default();
    c.dt = 2e-3, c.n_traj = 200, c.seed = 9, c.threads = 1, c.integrator = ints[k];
    c.init = LIMEN_INIT_FIXED, c.x0 = -1.0;
    c.record = LIMEN_RECORD_PASSAGE, c.passage_x = -0.5, c.stop_at_passage = 1;
    limen_langevin_result a, b;
    run_env(&c, p, NULL, &a);
    run_env(&c, p, "0", &b);
    const size_t sz = a.n_traj * sizeof(double);
    cr_assert(a.n_passed == b.n_passed && a.n_passed > 20 && a.n_passed < a.n_traj, "%zu and %zu of %zu passed",
              a.n_passed, b.n_passed, a.n_traj);
    cr_assert(memcmp(a.passage_time, b.passage_time, sz) == 0 && memcmp(a.work, b.work, sz) == 0 &&
                  memcmp(a.heat, b.heat, sz) == 0 && memcmp(a.dU, b.dU, sz) == 0 &&
                  memcmp(a.x_final, b.x_final, sz) == 0,
              "%s: the fused run differs from the passes", ints[k]->name);
    cr_log_info("hold, %s: %zu of %zu passed, bit-identical", ints[k]->name, a.n_passed, a.n_traj);
    limen_langevin_result_clear(&a);
    limen_langevin_result_clear(&b);
  }
  limen_protocol_free(p);
}
