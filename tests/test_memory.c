/* SPDX-License-Identifier: GPL-3.0-or-later
 * Physical memory arrays: the ideal reference, static-write accounting, and the jump
 * statistics of the hopping cells against the closed form (H) and (A). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limen/bounds.h"
#include "limen/memory.h"
#include "testutil.h"

static limen_memory_config cfg_fixed(void) {
  limen_memory_config c = limen_memory_config_default();
  c.retention_barrier_kT = 50.0;
  return c;
}

Test(memory, lookup_by_name) {
  const limen_memory_type *t;
  limen_error err;
  const char *names[] = {"ideal", "digital-static", "analog-static", "lim-fixed", "lim-matched"};
  for (int i = 0; i < 5; i++) {
    cr_assert_eq(limen_memory_type_find(names[i], &t, &err), LIMEN_OK);
    cr_assert_str_eq(t->name, names[i]);
  }
  cr_assert_eq(limen_memory_type_find("sram", &t, &err), LIMEN_ENOTFOUND);
  cr_assert(strstr(err.msg, "paradigm 'sram'") && strstr(err.msg, "lim-matched"), "%s", err.msg);
}

Test(memory, ideal_realizes_exactly_with_zero_heat) {
  limen_memory *m;
  limen_error err;
  double w0[3] = {0.1, -7.0, 3.0}, dw[3] = {1e-9, 2.5, -0.25}, real[3], heat[3];
  cr_assert_eq(limen_memory_alloc(limen_memory_ideal, NULL, 3, w0, &m, &err), LIMEN_OK, "%s", err.msg);
  limen_memory_step s = {0, 1e-6};
  limen_memory_stats st;
  cr_assert_eq(limen_memory_apply(m, dw, &s, real, heat, &st, &err), LIMEN_OK);
  for (int i = 0; i < 3; i++) {
    cr_assert_eq(real[i], dw[i]);
    cr_assert_eq(heat[i], 0.0);
    cr_assert_eq(limen_memory_values(m)[i], w0[i] + dw[i]);
  }
  cr_assert_eq(st.heat_kT, 0.0);
  limen_memory_free(m);
}

Test(memory, config_errors_name_field_and_range) {
  limen_memory *m;
  limen_error err;
  limen_memory_config c = cfg_fixed();
  c.low_barrier_kT = 2.0;
  cr_assert_eq(limen_memory_alloc(limen_memory_lim_fixed, &c, 4, NULL, &m, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "barrier = 2: allowed range [3, 300] kT") && strstr(err.trace, "low_barrier_kT"), "%s", err.msg);
  c = cfg_fixed();
  double w0 = 5.0;
  cr_assert_eq(limen_memory_alloc(limen_memory_lim_fixed, &c, 1, &w0, &m, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "w0[0] = 5: allowed range [-4, 4]"), "%s", err.msg);
  c.cells = LIMEN_CELLS_LANGEVIN;
  cr_assert_eq(limen_memory_alloc(limen_memory_digital_static, &c, 1, NULL, &m, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "cells = langevin"), "%s", err.msg);
}

/* A move of exactly k levels on the digital grid flips popcount(old ^ new) bits, each one
 * static write (S). */
Test(memory, config_inputs_table_drives_defaults_and_checks) {
  size_t n = 0;
  const limen_input *t = limen_memory_config_inputs(&n);
  limen_memory_config d = limen_memory_config_default();
  limen_error err;
  cr_assert_eq(limen_memory_config_check(&d, &err), LIMEN_OK, "%s", err.msg);
  for (size_t i = 0; i < n; i++) {
    const limen_input *in = &t[i];
    cr_assert_eq(limen_input_get(in, &d), in->default_value, "%s", in->name);
    char *end = NULL;
    double shown = strtod(in->default_text, &end);
    if (end != in->default_text)
      cr_assert(fabs(shown - in->default_value) <= 5e-4 * fabs(in->default_value), "%s: '%s'", in->name,
                in->default_text);
    else
      cr_assert((in->flags & LIMEN_INPUT_UNSET_ZERO) && in->default_value == 0, "%s", in->name);
    /* one member per row, but for lim-matched's E_b(0) and lim-fixed's E_low (the rules give
     * each paradigm only its own name: test_experiment) */
    for (size_t j = 0; j < i; j++)
      cr_assert(strcmp(in->name, t[j].name) != 0 &&
                (in->offset != t[j].offset ||
                 (strcmp(in->name, "barrier-low") == 0 && strcmp(t[j].name, "barrier") == 0)));
    double step = in->type == LIMEN_INPUT_INT ? 1.0 : fmax(1e-6, 1e-3 * fabs(in->lo));
    double outside[2] = {in->lo_open ? in->lo : in->lo - step, in->hi_open ? in->hi : in->hi * 1.5};
    for (int e = 0; e < 2; e++) {
      limen_memory_config c = limen_memory_config_default();
      limen_input_set(in, &c, outside[e]);
      if (limen_input_get(in, &c) == 0 && (in->flags & LIMEN_INPUT_UNSET_ZERO)) continue;
      cr_assert_eq(limen_memory_config_check(&c, &err), LIMEN_EINVAL, "%s = %g accepted", in->name, outside[e]);
      /* a struct checked on its own names the member's first row (barrier-low's is barrier's) */
      const char *named = strcmp(in->name, "barrier-low") == 0 ? "barrier" : in->name;
      cr_assert(strncmp(err.msg, named, strlen(named)) == 0 && strstr(err.trace, in->member),
                "'%s' does not start with %s, or its trace '%s' does not name %s", err.msg, in->name, err.trace, in->member);
    }
  }
}

Test(memory, digital_static_counts_bit_flips) {
  limen_memory *m;
  limen_error err;
  limen_memory_config c = cfg_fixed();
  c.bits = 4; /* 16 levels over [-4, 4]: δ = 8/15 */
  double delta = 8.0 / 15.0;
  double w0 = -4.0 + 7 * delta; /* level 7 = 0111 */
  cr_assert_eq(limen_memory_alloc(limen_memory_digital_static, &c, 1, &w0, &m, &err), LIMEN_OK, "%s", err.msg);
  double dw = delta, heat, real; /* → level 8 = 1000: 4 flips */
  limen_memory_step s = {0, 1e-6};
  limen_memory_stats st;
  cr_assert_eq(limen_memory_apply(m, &dw, &s, &real, &heat, &st, &err), LIMEN_OK, "%s", err.msg);
  limen_static_write sw;
  cr_assert_eq(limen_static_write_cost(50.0, 1000.0, 1e-6, NULL, &sw, &err), LIMEN_OK);
  cr_assert_eq(st.ops, 4.0);
  cr_assert(tu_close_rel(heat, 4 * sw.work_kT, 1e-12), "heat %g vs %g", heat, 4 * sw.work_kT);
  cr_assert(tu_close_rel(real, delta, 1e-12));
  double e_ft;
  cr_assert_eq(limen_finite_time_kT(50.0, 1 - 1e-6, 1000.0, NULL, &e_ft, NULL, &err), LIMEN_OK);
  cr_assert(tu_close_rel(st.bound_kT, 4 * e_ft, 1e-12));
  cr_assert(st.heat_kT > st.bound_kT);
  s.index = 1; /* level 8 → 9 = 1001: one flip */
  cr_assert_eq(limen_memory_apply(m, &dw, &s, &real, &heat, &st, &err), LIMEN_OK);
  cr_assert_eq(st.ops, 1.0);
  limen_memory_free(m);
}

Test(memory, analog_static_pays_one_static_write_per_level) {
  limen_memory *m;
  limen_error err;
  limen_memory_config c = cfg_fixed();
  cr_assert_eq(limen_memory_alloc(limen_memory_analog_static, &c, 1, NULL, &m, &err), LIMEN_OK, "%s", err.msg);
  double delta = 8.0 / 1023.0, dw = -3 * delta, heat;
  limen_memory_step s = {0, 1e-6};
  limen_memory_stats st;
  cr_assert_eq(limen_memory_apply(m, &dw, &s, NULL, &heat, &st, &err), LIMEN_OK, "%s", err.msg);
  limen_static_write sw;
  cr_assert_eq(limen_static_write_cost(50.0, 1000.0 / 3.0, 1e-6, NULL, &sw, &err), LIMEN_OK);
  cr_assert(tu_close_rel(heat, 3 * sw.work_kT, 1e-12), "heat %g vs %g", heat, 3 * sw.work_kT);
  cr_assert(tu_close_rel(st.bound_kT, 9.0 / 1000.0, 1e-12));
  limen_memory_free(m);
}

/* Mean heat, mean move and move variance of N cells under the same desired move, against
 * the closed form (H): e = m·2asinh(m/(2rΔt)), ⟨net⟩ = m, Var = rΔt·2cosh(f/2). */
static void check_hop_statistics(double m_levels, double barrier, double window_s) {
  size_t N = (size_t)(20000 * tu_scale());
  if (N < 500) N = 500;
  limen_memory *mem;
  limen_error err;
  limen_memory_config c = cfg_fixed();
  c.low_barrier_kT = barrier;
  c.seed = 11;
  double *w0 = calloc(N, sizeof *w0), *dw = malloc(N * sizeof *dw), *real = malloc(N * sizeof *real),
         *heat = malloc(N * sizeof *heat);
  cr_assert(w0 && dw && real && heat);
  double delta = 8.0 / 1023.0;
  for (size_t i = 0; i < N; i++) {
    w0[i] = -4.0 + 511 * delta; /* middle level: far from the walls */
    dw[i] = m_levels * delta;
  }
  cr_assert_eq(limen_memory_alloc(limen_memory_lim_fixed, &c, N, w0, &mem, &err), LIMEN_OK, "%s", err.msg);
  limen_memory_step s = {3, window_s};
  limen_memory_stats st;
  cr_assert_eq(limen_memory_apply(mem, dw, &s, real, heat, &st, &err), LIMEN_OK, "%s", err.msg);
  double rate;
  cr_assert_eq(limen_washboard_hop_rate(barrier, &rate, &err), LIMEN_OK);
  double rdt = rate * window_s / 1e-9;
  cr_assert(tu_close_rel(st.rate_dt, rdt, 1e-12));
  double e_H, f_H, var_H;
  cr_assert_eq(limen_hop_cost_kT(m_levels, rdt, &e_H, &f_H, &var_H, &err), LIMEN_OK, "%s", err.msg);
  double sh = 0, sh2 = 0, sm = 0, sm2 = 0, sm4 = 0;
  for (size_t i = 0; i < N; i++) {
    double k = real[i] / delta;
    sh += heat[i];
    sh2 += heat[i] * heat[i];
    sm += k;
  }
  double mh = sh / N, vh = sh2 / N - mh * mh, mm = sm / N;
  for (size_t i = 0; i < N; i++) {
    double d = real[i] / delta - mm;
    sm2 += d * d;
    sm4 += d * d * d * d;
  }
  double vm = sm2 / N, m4 = sm4 / N;
  double z_heat = tu_z(mh, e_H, sqrt(vh / N));
  double z_move = tu_z(mm, m_levels, sqrt(vm / N));
  double var_exact = rdt * 2 * cosh(f_H / 2);
  double z_var = tu_z(vm, var_exact, sqrt((m4 - vm * vm) / N));
  cr_log_info("m = %g, rΔt = %g: heat %g vs (H) %g (z = %.2f); move %g (z = %.2f); var %g vs %g (z = %.2f)", m_levels, rdt,
              mh, e_H, z_heat, mm, z_move, vm, var_exact, z_var);
  cr_assert(fabs(z_heat) < 4, "heat z = %g", z_heat);
  cr_assert(fabs(z_move) < 4, "move z = %g", z_move);
  cr_assert(fabs(z_var) < 4, "variance z = %g", z_var);
  /* the closed form the array reports is (H) summed over cells */
  cr_assert(tu_close_rel(st.expected_kT, N * e_H, 1e-10), "%g vs %g", st.expected_kT, N * e_H);
  /* heat never below the drag bound, within standard errors */
  cr_assert(st.heat_kT - st.bound_kT > -4 * sqrt(st.heat_var_kT2), "heat %g bound %g", st.heat_kT, st.bound_kT);
  cr_assert(st.expected_kT >= st.bound_kT);
  cr_assert(tu_z(st.heat_kT, st.expected_kT, sqrt(st.heat_var_kT2)) < 4);
  limen_memory_free(mem);
  free(w0);
  free(dw);
  free(real);
  free(heat);
}

Test(memory, jump_statistics_match_closed_form_H_slow) { check_hop_statistics(0.4, 10.0, 1e-6); }
Test(memory, jump_statistics_match_closed_form_H_fast) { check_hop_statistics(3.0, 12.0, 1e-6); }
Test(memory, jump_statistics_match_closed_form_H_backward) { check_hop_statistics(-1.5, 8.0, 1e-7); }

Test(memory, driven_cells_pay_at_least_the_drag_bound) {
  limen_memory *m;
  limen_error err;
  limen_memory_config c = cfg_fixed();
  c.low_barrier_kT = 20.0;
  double w0[2] = {0, 0}, dw[2] = {0.5, -0.5};
  cr_assert_eq(limen_memory_alloc(limen_memory_lim_fixed, &c, 2, w0, &m, &err), LIMEN_OK, "%s", err.msg);
  limen_memory_step s = {0, 1e-8}; /* 64 levels in 10 τ₀ at 20 kT: far beyond hopping */
  limen_memory_stats st;
  cr_assert_eq(limen_memory_apply(m, dw, &s, NULL, NULL, &st, &err), LIMEN_OK);
  cr_assert_eq(st.driven, 2);
  cr_assert(st.heat_kT >= st.bound_kT, "heat %g bound %g", st.heat_kT, st.bound_kT);
  cr_assert(st.max_tilt_kT >= 3.14159 * 20.0);
  limen_memory_free(m);
}

/* (A): the barrier rises as ln(1 + t/t0) and the hop rate falls as 1/(1 + t/t0). */
Test(memory, lim_matched_follows_schedule) {
  limen_memory *m;
  limen_error err;
  limen_memory_config c = cfg_fixed();
  limen_lr_schedule sch = {LIMEN_LR_INVERSE, 0.5, 10.0, 1.0, 1e-4};
  c.schedule = sch;
  double w0 = 0, dw = 0;
  cr_assert_eq(limen_memory_alloc(limen_memory_lim_matched, &c, 1, &w0, &m, &err), LIMEN_OK, "%s", err.msg);
  double r0;
  cr_assert_eq(limen_washboard_hop_rate(10.0, &r0, &err), LIMEN_OK);
  size_t ks[3] = {0, 10, 90};
  for (int j = 0; j < 3; j++) {
    limen_memory_step s = {ks[j], 1e-6};
    limen_memory_stats st;
    cr_assert_eq(limen_memory_apply(m, &dw, &s, NULL, NULL, &st, &err), LIMEN_OK);
    double fac = 1.0 + (double)ks[j] / 10.0;
    cr_assert(tu_close_rel(st.barrier_kT, 10.0 + log(fac), 1e-12), "barrier %g", st.barrier_kT);
    cr_assert(tu_close_rel(st.rate_dt, r0 * 1000.0 / fac, 1e-12));
  }
  limen_memory_free(m);
}

Test(memory, results_are_reproducible_for_a_seed) {
  limen_error err;
  double out[2][64];
  for (int rep = 0; rep < 2; rep++) {
    limen_memory *m;
    limen_memory_config c = cfg_fixed();
    c.seed = 5;
    double dw[64];
    for (int i = 0; i < 64; i++) dw[i] = 0.01 * (i - 32);
    cr_assert_eq(limen_memory_alloc(limen_memory_lim_fixed, &c, 64, NULL, &m, &err), LIMEN_OK);
    limen_memory_step s = {2, 1e-6};
    cr_assert_eq(limen_memory_apply(m, dw, &s, out[rep], NULL, NULL, &err), LIMEN_OK);
    limen_memory_free(m);
  }
  cr_assert(memcmp(out[0], out[1], sizeof out[0]) == 0);
}

/* The jump statistics and the Langevin cell agree on the washboard hop cost: N cells at
 * E = 6 kT asked to move m levels in 20 τ₀ (rΔt ≈ 0.84, tilt ≈ 1 kT per level), simulated
 * once by Poisson hops and once by overdamped Langevin dynamics (stochastic Heun,
 * dt = 2e-3 τ₀); mean heat and mean move agree within standard errors. */
Test(memory, jump_statistics_agree_with_langevin_cells, .timeout = 120) {
  size_t N = (size_t)(800 * tu_scale());
  if (N < 100) N = 100;
  limen_error err;
  double rate;
  cr_assert_eq(limen_washboard_hop_rate(6.0, &rate, &err), LIMEN_OK, "%s", err.msg);
  double window = 20e-9, rdt = rate * 20.0, m_levels = 2 * rdt * sinh(0.5); /* f = 1 kT */
  double mean[2], se[2], move[2], se_move[2];
  for (int kind = 0; kind < 2; kind++) {
    limen_memory_config c = cfg_fixed();
    c.bits = 5;
    c.low_barrier_kT = 6.0;
    c.seed = 21;
    c.cells = kind ? LIMEN_CELLS_LANGEVIN : LIMEN_CELLS_JUMP;
    double delta = 8.0 / 31.0;
    double *w0 = malloc(N * sizeof *w0), *dw = malloc(N * sizeof *dw), *real = malloc(N * sizeof *real),
           *heat = malloc(N * sizeof *heat);
    for (size_t i = 0; i < N; i++) {
      w0[i] = -4.0 + 16 * delta;
      dw[i] = m_levels * delta;
    }
    limen_memory *mem;
    cr_assert_eq(limen_memory_alloc(limen_memory_lim_fixed, &c, N, w0, &mem, &err), LIMEN_OK, "%s", err.msg);
    limen_memory_step s = {0, window};
    limen_memory_stats st;
    cr_assert_eq(limen_memory_apply(mem, dw, &s, real, heat, &st, &err), LIMEN_OK, "%s", err.msg);
    cr_assert(fabs(st.max_tilt_kT - 1.0) < 1e-12);
    double sh = 0, sh2 = 0, sm = 0, sm2 = 0;
    for (size_t i = 0; i < N; i++) {
      double k = floor(real[i] / delta + 0.5);
      sh += heat[i];
      sh2 += heat[i] * heat[i];
      sm += k;
      sm2 += k * k;
    }
    mean[kind] = sh / N;
    se[kind] = sqrt((sh2 / N - mean[kind] * mean[kind]) / N);
    move[kind] = sm / N;
    se_move[kind] = sqrt((sm2 / N - move[kind] * move[kind]) / N);
    limen_memory_free(mem);
    free(w0);
    free(dw);
    free(real);
    free(heat);
  }
  double e_H;
  cr_assert_eq(limen_hop_cost_kT(m_levels, rdt, &e_H, NULL, NULL, &err), LIMEN_OK);
  double z_heat = (mean[1] - mean[0]) / sqrt(se[0] * se[0] + se[1] * se[1]);
  double z_move = (move[1] - move[0]) / sqrt(se_move[0] * se_move[0] + se_move[1] * se_move[1]);
  double z_closed = tu_z(mean[1], e_H, se[1]);
  cr_log_info("N = %zu: heat jump %.4f ± %.4f, Langevin %.4f ± %.4f, (H) %.4f kT: z = %.2f (vs (H) %.2f); move jump %.4f, "
              "Langevin %.4f levels: z = %.2f",
              N, mean[0], se[0], mean[1], se[1], e_H, z_heat, z_closed, move[0], move[1], z_move);
  cr_assert(fabs(z_heat) < 4, "heat z = %g", z_heat);
  cr_assert(fabs(z_move) < 4, "move z = %g", z_move);
  cr_assert(fabs(z_closed) < 4, "Langevin heat vs (H): z = %g", z_closed);
}

/* At the defaults (E_ret from 10 years at p = 1e-6, Δt = 1 µs, p_w = 1e-6) a static paradigm pays
 * theory (S) for every operation: 2–3·E_ret-scale work, 100–200 kT per bit flip or per level
 * crossed, against ≤ a few kT for the same one-level move by hopping at the lowered barrier. */
Test(memory, static_writes_cost_over_100_kT_per_operation_at_defaults) {
  limen_error err;
  limen_memory_config c = limen_memory_config_default();
  double delta = 2.0 * c.w_max / 1023.0, w0 = -c.w_max + 511 * delta, dw = delta, heat;
  limen_memory_step s = {0, 1e-6};
  limen_memory_stats st;
  limen_memory *m;
  /* digital: 511 → 512 flips all 10 bits */
  cr_assert_eq(limen_memory_alloc(limen_memory_digital_static, &c, 1, &w0, &m, &err), LIMEN_OK, "%s", err.msg);
  cr_assert(m->e_ret_kT > 55 && m->e_ret_kT < 60, "E_ret %g kT", m->e_ret_kT);
  cr_assert_eq(limen_memory_apply(m, &dw, &s, NULL, &heat, &st, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(st.ops, 10.0);
  cr_log_info("digital-static: %.2f kT per bit flip at E_ret = %.2f kT", heat / 10, m->e_ret_kT);
  cr_assert(heat / 10 > 100 && heat / 10 < 200, "%g kT per flip", heat / 10);
  limen_memory_free(m);
  /* analog: one level crossed */
  cr_assert_eq(limen_memory_alloc(limen_memory_analog_static, &c, 1, &w0, &m, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(limen_memory_apply(m, &dw, &s, NULL, &heat, &st, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(st.ops, 1.0);
  cr_log_info("analog-static: %.2f kT per level", heat);
  cr_assert(heat > 100 && heat < 200, "%g kT per level", heat);
  limen_memory_free(m);
  /* lim-fixed at E_low = 10 kT: the closed form (H) of the same one-level move */
  cr_assert_eq(limen_memory_alloc(limen_memory_lim_fixed, &c, 1, &w0, &m, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(limen_memory_apply(m, &dw, &s, NULL, &heat, &st, &err), LIMEN_OK, "%s", err.msg);
  double e_h;
  cr_assert_eq(limen_hop_cost_kT(1.0, st.rate_dt, &e_h, NULL, NULL, &err), LIMEN_OK);
  cr_log_info("lim-fixed: closed form %.3f kT for one level at r·Δt = %.3f", e_h, st.rate_dt);
  cr_assert(tu_close_rel(st.expected_kT, e_h, 1e-12));
  cr_assert(e_h < 1.0);
  limen_memory_free(m);
}
