/* SPDX-License-Identifier: GPL-3.0-or-later
 * bound_report.c: the cost of one elementary memory operation as a report of named inputs and
 * results, the method and its validity (bound_report.h), for each kind of `limen bound`. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "limen/bound_report.h"
#include "limen/bounds.h"
#include "limen/input.h"
#include "limen/units.h"

#define B(x) LIMEN_BOUND_IN_MASK(LIMEN_BOUND_IN_##x)
#define COMMON (B(TEMPERATURE))
#define RETENTION (B(RETENTION_TIME) | B(RETENTION_FAIL))
static const limen_bound_kind kinds[] = {
    {"landauer", "(L) Landauer erasure of one bit, generalized to success probability P_s", COMMON | B(SUCCESS)},
    {"finite-time", "(FT) finite-time Landauer erasure of one bit in time τ",
     COMMON | B(BARRIER) | B(SUCCESS) | B(TAU) | B(TAU0) | RETENTION},
    {"static-write", "(S) static-barrier tilt write of one bit held at the barrier E_b",
     COMMON | B(BARRIER) | B(TAU) | B(TAU0) | B(WRITE_FAIL) | RETENTION},
    {"hop", "(H) incremental update of a multi-level cell by biased hopping", COMMON | B(MOVE) | B(RATE_DT)},
    {"retention", "retention barrier E_ret of a non-volatile quartic cell", COMMON | B(TAU0) | RETENTION},
    {"kramers", "Kramers escape rate out of the metastable minimum",
     COMMON | B(BARRIER) | B(TILT) | B(WELL) | B(LEVELS) | B(TAU0) | RETENTION},
    {"mfpt", "exact mean first-passage time to the next minimum",
     COMMON | B(BARRIER) | B(TILT) | B(WELL) | B(LEVELS) | B(TAU0) | RETENTION},
};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

const limen_bound_kind *const *limen_bound_kinds(void) {
  static const limen_bound_kind *const all[N_KINDS + 1] = {&kinds[0], &kinds[1], &kinds[2], &kinds[3],
                                                          &kinds[4], &kinds[5], &kinds[6], NULL};
  return all;
}

int limen_bound_kind_find(const char *name, const limen_bound_kind **out, limen_error *err) {
  for (size_t i = 0; name && out && i < N_KINDS; i++)
    if (strcmp(name, kinds[i].name) == 0) return *out = &kinds[i], LIMEN_OK;
  return limen_error_set(err, LIMEN_ENOTFOUND, __func__,
                         "kind = '%s': allowed landauer, finite-time, static-write, hop, retention, kramers, mfpt",
                         name ? name : "(null)");
}

/* ---- the inputs (input.h rows, in the order of limen_bound_input; the well is not a number) -- */
#define ROW(nm, al, mem, type, sym, unit, mv, lo, lo_open, hi, hi_open, fl, def, deftext, doc) \
  {nm, al, #mem, sym, unit, mv, lo, hi, lo_open, hi_open, fl, type, offsetof(limen_bound_inputs, mem), def, deftext, doc}
#define D LIMEN_INPUT_DOUBLE
static const limen_input k_inputs[] = {
    ROW("barrier", NULL, barrier_kT, D, "E_b", "kT", "KT", 0, 1, 1e4, 0, LIMEN_INPUT_UNSET_NAN, NAN,
        "the retention barrier E_ret of --retention-time, --retention-fail",
        "barrier height E_b of the cell (finite-time, static-write, kramers, mfpt)"),
    ROW("tilt", NULL, tilt_kT, D, "f", "kT", "KT", -1e8, 0, 1e8, 0, 0, 0.0, "0",
        "tilt energy f = F·a, per level for the washboard (kramers, mfpt)"),
    ROW("levels", NULL, levels, LIMEN_INPUT_INT, "M", NULL, "M", 2, 0, 1048576, 0, 0, 2, "2",
        "number of levels M of the washboard cell (kramers, mfpt with --well washboard)"),
    ROW("success", NULL, success, D, "P_s", NULL, "P", 0.5, 0, 1, 0, 0, 1.0, "1",
        "success probability P_s of the erasure (landauer, finite-time)"),
    ROW("tau", NULL, tau_s, D, "τ", "s", "S", 0, 1, 1e12, 0, 0, 1e-6, "1e-6",
        "duration of the operation: erasure time τ (finite-time), write time τ_w (static-write)"),
    ROW("tau0", NULL, tau0_s, D, "τ₀", "s", "S", 0, 1, 1, 0, 0, 1e-9, "1e-9", "intrinsic time τ₀ = γa²/kT of the cell"),
    ROW("temperature", NULL, temperature_K, D, "T", "K", "K", 0, 1, 1e4, 0, 0, LIMEN_DEFAULT_TEMPERATURE_K, "300",
        "temperature T of the bath"),
    ROW("write-fail", "failure", write_fail, D, "p_w", NULL, "P", 0, 1, 0.5, 0, 0, 1e-6, "1e-6",
        "failure probability p_w of a static write (static-write)"),
    ROW("retention-time", "retention", retention_time_s, D, "τ_ret", "s", "S", 0, 1, 1e12, 0, 0,
        10 * LIMEN_SECONDS_PER_YEAR, "315576000 (10 years)",
        "retention time τ_ret of a non-volatile cell (retention; default barrier)"),
    ROW("retention-fail", NULL, retention_fail, D, "p_ret", NULL, "P", 0, 1, 0.5, 0, 0, 1e-6, "1e-6",
        "flip probability p_ret allowed over τ_ret (retention; default barrier)"),
    ROW("move", NULL, move_levels, D, "m", "levels", "M", 0, 0, 1e12, 0, 0, 1.0, "1",
        "net number of levels m moved by one update (hop)"),
    ROW("rate-dt", NULL, rate_dt, D, "r·Δt", NULL, "X", 0, 1, 1e12, 0, 0, 1.0, "1",
        "r·Δt: zero-tilt hop rate times the update window (hop)"),
};
#undef D
#undef ROW
#define N_INPUTS (sizeof k_inputs / sizeof k_inputs[0])
_Static_assert(N_INPUTS == LIMEN_BOUND_IN_COUNT - 1, "one row per numeric limen_bound_input");

const limen_input *limen_bound_inputs_table(size_t *n) {
  if (n) *n = N_INPUTS;
  return k_inputs;
}

const limen_input *limen_bound_input_row(limen_bound_input which) {
  if (which == LIMEN_BOUND_IN_WELL || (unsigned)which >= LIMEN_BOUND_IN_COUNT) return NULL;
  return &k_inputs[which < LIMEN_BOUND_IN_WELL ? which : which - 1];
}

limen_bound_inputs limen_bound_inputs_default(void) {
  limen_bound_inputs in;
  memset(&in, 0, sizeof in);
  limen_inputs_defaults(k_inputs, N_INPUTS, &in);
  in.well = LIMEN_WELL_QUARTIC;
  return in;
}

int limen_bound_inputs_check(const limen_bound_kind *kind, const limen_bound_inputs *in, limen_error *err) {
  if (!kind || !in) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  for (int i = 0; i < LIMEN_BOUND_IN_COUNT; i++) {
    const limen_input *row = limen_bound_input_row((limen_bound_input)i);
    if (!row || !(kind->uses & LIMEN_BOUND_IN_MASK(i))) continue;
    int st = limen_input_check(row, limen_input_get(row, in), "limen_bound_inputs", err);
    if (st) return st;
  }
  if ((kind->uses & LIMEN_BOUND_IN_MASK(LIMEN_BOUND_IN_WELL)) && in->well != LIMEN_WELL_QUARTIC &&
      in->well != LIMEN_WELL_WASHBOARD)
    return limen_error_set(err, LIMEN_EINVAL, "limen_bound_inputs", "well = %d: allowed quartic, washboard",
                           (int)in->well);
  return LIMEN_OK;
}

static const char *const well_names[] = {"quartic", "washboard", NULL};
_Static_assert(LIMEN_WELL_QUARTIC == 0 && LIMEN_WELL_WASHBOARD == 1, "well_names in limen_well_kind order");

const char *const *limen_bound_well_names(void) { return well_names; }

int limen_bound_inputs_set_well(limen_bound_inputs *in, const char *name, limen_error *err) {
  if (!in || !name) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  for (int i = 0; well_names[i]; i++)
    if (strcmp(name, well_names[i]) == 0) return in->well = (limen_well_kind)i, LIMEN_OK;
  return limen_error_input(err, LIMEN_ENOTFOUND, "well", name, "quartic, washboard",
                           "well = '%s': allowed quartic, washboard", name);
}

/* The name of input i as a user gives it: its row's, or "well". */
static const char *input_name(int i) {
  const limen_input *row = limen_bound_input_row((limen_bound_input)i);
  return row ? row->name : "well";
}

int limen_bound_inputs_given_check(const limen_bound_kind *kind, const limen_bound_inputs *in, unsigned given,
                                   limen_error *err) {
  if (!kind || !in) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  for (int i = 0; i < LIMEN_BOUND_IN_COUNT; i++)
    if ((given & LIMEN_BOUND_IN_MASK(i)) && !(kind->uses & LIMEN_BOUND_IN_MASK(i)))
      return limen_error_input(err, LIMEN_EINVAL, input_name(i), NULL, NULL, "%s does not apply to 'bound %s'", input_name(i),
                         kind->name);
  if ((given & LIMEN_BOUND_IN_MASK(LIMEN_BOUND_IN_LEVELS)) && in->well != LIMEN_WELL_WASHBOARD)
    return limen_error_input(err, LIMEN_EINVAL, "levels", NULL, NULL, "levels needs --well washboard");
  return LIMEN_OK;
}

int limen_bound_inputs_well_check(const limen_bound_kind *kind, const limen_bound_inputs *in,
                                  const limen_precision *prec, limen_error *err) {
  if (!kind || !in) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  if (!(kind->uses & LIMEN_BOUND_IN_MASK(LIMEN_BOUND_IN_BARRIER))) return LIMEN_OK;
  limen_well w = {in->well, 0.0, in->tilt_kT, in->levels};
  int s = limen_bound_inputs_barrier(in, prec, &w.barrier_kT, err);
  if (s) return limen_error_wrap(err, s, "default --barrier", "retention barrier");
  if (!(kind->uses & LIMEN_BOUND_IN_MASK(LIMEN_BOUND_IN_TILT))) return LIMEN_OK;
  double fc = limen_well_critical_tilt(&w);
  if (fabs(in->tilt_kT) < fc) return LIMEN_OK;
  char value[32], range[96];
  snprintf(value, sizeof value, "%.10g", in->tilt_kT);
  snprintf(range, sizeof range, "(%.10g, %.10g) kT", -fc, fc);
  return limen_error_input(err, LIMEN_EINVAL, "tilt", value, range,
                     "tilt = %s: the barrier of %.10g kT vanishes at |tilt| >= %.10g kT (%s); allowed range %s", value,
                     w.barrier_kT, fc, in->well == LIMEN_WELL_WASHBOARD ? "π·E_b" : "f_c = 8E_b/(3√3)", range);
}

int limen_bound_inputs_barrier(const limen_bound_inputs *in, const limen_precision *prec, double *barrier_kT,
                               limen_error *err) {
  if (!in || !barrier_kT) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  if (!isnan(in->barrier_kT)) return *barrier_kT = in->barrier_kT, LIMEN_OK;
  return limen_retention_barrier(in->retention_time_s / in->tau0_s, in->retention_fail, prec, barrier_kT, err);
}

/* ---- rows ---------------------------------------------------------------------------------- */

static void num(limen_bound_report *r, int input, const char *key, const char *label, double v, const char *unit) {
  if (r->n_rows < LIMEN_BOUND_REPORT_ROWS) r->rows[r->n_rows++] = (limen_report_row){key, label, unit, v, NULL, input};
}
static void text(limen_bound_report *r, int input, const char *key, const char *label, const char *t) {
  if (r->n_rows < LIMEN_BOUND_REPORT_ROWS) r->rows[r->n_rows++] = (limen_report_row){key, label, "", NAN, t, input};
}
/* A value given by its logarithm: the number when a double holds it, else a text row
 * "e^<ln v> (beyond a double)" — never inf or a 0 that is not one. */
static void num_exp(limen_bound_report *r, const char *key, const char *label, double log_v, const char *unit) {
  double v = exp(log_v);
  if ((isfinite(v) && v > 0) || !isfinite(log_v) || r->n_texts_ >= sizeof r->texts_ / sizeof r->texts_[0]) {
    num(r, 0, key, label, v, unit);
    return;
  }
  char *t = r->texts_[r->n_texts_++];
  snprintf(t, sizeof r->texts_[0], "e^%.6g %s (%s a double)", log_v, unit, log_v > 0 ? "beyond" : "below");
  text(r, 0, key, label, t);
}

static const char *key(limen_bound_report *r, const char *prefix, const char *suffix) {
  if (r->n_keys_ >= sizeof r->keys_ / sizeof r->keys_[0]) return "";
  char *k = r->keys_[r->n_keys_++];
  snprintf(k, sizeof r->keys_[0], "%s_%s", prefix, suffix);
  return k;
}
/* An energy in kT, kT·ln2, J and eV. */
static void energy(limen_bound_report *r, const char *prefix, const char *label, double e_kT, double T) {
  double J = limen_kT_to_J(e_kT, T);
  num(r, 0, key(r, prefix, "kT"), label, e_kT, "kT");
  num(r, 0, key(r, prefix, "kTln2"), "", e_kT / LIMEN_LN2, "kT·ln2");
  num(r, 0, key(r, prefix, "J"), "", J, "J");
  num(r, 0, key(r, prefix, "eV"), "", limen_J_to_eV(J), "eV");
}

/* The barrier given, or the retention barrier of τ_ret, p_ret; its input rows. */
static int barrier(limen_bound_inputs *in, const limen_precision *p, limen_bound_report *r, limen_error *err) {
  if (!isnan(in->barrier_kT)) {
    num(r, 1, "barrier_kT", "barrier E_b", in->barrier_kT, "kT");
    return LIMEN_OK;
  }
  int s = limen_bound_inputs_barrier(in, p, &in->barrier_kT, err);
  if (s) return s;
  num(r, 1, "barrier_kT", "barrier E_b (= E_ret)", in->barrier_kT, "kT");
  num(r, 1, "retention_time_s", "  from retention time τ_ret", in->retention_time_s, "s");
  num(r, 1, "retention_fail", "  and flip probability p_ret", in->retention_fail, "");
  return LIMEN_OK;
}

/* ---- the kinds ----------------------------------------------------------------------------- */

static int landauer(limen_bound_inputs *in, const limen_precision *p, limen_bound_report *r, limen_error *err) {
  (void)p;
  double e;
  int s = limen_landauer_generalized_kT(in->success, &e, err);
  if (s) return s;
  num(r, 1, "success", "success probability P_s", in->success, "");
  num(r, 1, "temperature_K", "temperature T", in->temperature_K, "K");
  energy(r, "energy", "energy per bit", e, in->temperature_K);
  r->method = "closed form kT[ln2 + P_s ln P_s + (1 - P_s) ln(1 - P_s)]";
  r->validity = "quasi-static (infinitely slow) erasure of one bit ending with success probability P_s in "
                "[0.5, 1]; a lower bound for every erasure protocol, reached only as tau -> infinity";
  return LIMEN_OK;
}

static int finite_time(limen_bound_inputs *in, const limen_precision *p, limen_bound_report *r, limen_error *err) {
  int s = barrier(in, p, r, err);
  if (s) return s;
  double tt = in->tau_s / in->tau0_s, e = 0, Bc = 0, eL = 0;
  num(r, 1, "success", "success probability P_s", in->success, "");
  num(r, 1, "tau_s", "erasure time τ", in->tau_s, "s");
  num(r, 1, "tau0_s", "intrinsic time τ₀", in->tau0_s, "s");
  num(r, 1, "tau_over_tau0", "τ/τ₀", tt, "");
  num(r, 1, "temperature_K", "temperature T", in->temperature_K, "K");
  if ((s = limen_finite_time_kT(in->barrier_kT, in->success, tt, p, &e, &Bc, err))) return s;
  if ((s = limen_landauer_generalized_kT(in->success, &eL, err))) return s;
  energy(r, "energy", "energy per bit e_FT", e, in->temperature_K);
  num(r, 0, "B_gamma_a2", "B", Bc, "γa²");
  num(r, 0, "B_J_s", "B in SI units (B·kT·τ₀)", Bc * limen_kT(in->temperature_K) * in->tau0_s, "J·s");
  num(r, 0, "landauer_kT", "Landauer part e_L(P_s)", eL, "kT");
  num(r, 0, "finite_time_kT", "finite-time part B·τ₀/τ", Bc / tt, "kT");
  r->method = "B = ∫ (F_f^-1(F_0(x)) - x)^2 rho_0(x) dx by adaptive quadrature (GSL) over the equilibrium "
              "density of the quartic cell (tilt ignored); e_FT = e_L(P_s) + B·τ₀/τ";
  r->validity = "lower bound for erasure completed in time τ > 0 with the final state in local equilibrium "
                "(optimal transport; Aurell et al. 2011, Proesmans et al. 2020), reached by the optimal "
                "protocol; P_s in [0.5, 1]; B -> 2 γa² for narrow wells (E_b >> kT)";
  return LIMEN_OK;
}

static int static_write(limen_bound_inputs *in, const limen_precision *p, limen_bound_report *r, limen_error *err) {
  int s = barrier(in, p, r, err);
  if (s) return s;
  double tt = in->tau_s / in->tau0_s;
  num(r, 1, "tau_s", "write time τ_w", in->tau_s, "s");
  num(r, 1, "tau0_s", "intrinsic time τ₀", in->tau0_s, "s");
  num(r, 1, "tau_over_tau0", "τ_w/τ₀", tt, "");
  num(r, 1, "write_fail", "failure probability p_w", in->write_fail, "");
  num(r, 1, "temperature_K", "temperature T", in->temperature_K, "K");
  limen_static_write sw;
  if ((s = limen_static_write_cost(in->barrier_kT, tt, in->write_fail, p, &sw, err)) == LIMEN_ERANGE &&
      !(s = limen_static_write_shortest(in->barrier_kT, in->write_fail, p, &tt, err))) { /* named as given */
    const limen_input *row = limen_bound_input_row(LIMEN_BOUND_IN_TAU);
    char why[96];
    snprintf(why, sizeof why, "a shorter static write needs more than the largest tilt, 1e8 kT/a, at tau0 = %g s",
             in->tau0_s);
    int st = limen_input_check_within(row, in->tau_s, tt * in->tau0_s, 0, row->hi, row->hi_open, why, err);
    return st ? st : LIMEN_ERANGE; /* at the edge itself: the cost's own message */
  }
  if (s) return s;
  energy(r, "energy", "energy per bit (work of the cycle)", sw.work_kT, in->temperature_K);
  num(r, 0, "approx_kT", "estimate 2·f*", sw.approx_kT, "kT");
  num(r, 0, "tilt_kT", "tilt f* = F*·a", sw.tilt_kT, "kT");
  num(r, 0, "critical_tilt_kT", "critical tilt f_c = 8E_b/(3√3)", sw.critical_tilt_kT, "kT");
  num(r, 0, "tilted_barrier_kT", "barrier left at f*", sw.tilted_barrier_kT, "kT");
  num(r, 0, "rate_per_tau0", "escape rate at f*", sw.rate_per_tau0, "1/τ₀");
  num(r, 0, "rate_per_s", "", sw.rate_per_tau0 / in->tau0_s, "1/s");
  text(r, 0, "rate_method", "rate method", sw.rate_method ? sw.rate_method : "?");
  snprintf(r->method_, sizeof r->method_,
           "smallest tilt with r(f)·τ_w >= ln(1/p_w) (Brent root finding) using the tilted barrier and "
           "curvatures; Kramers rate where the tilted barrier is >= %g kT, exact MFPT (quadrature) below; "
           "energy = work of the cycle 'apply tilt, cross, remove tilt'", p->kramers_min_barrier_kT);
  r->method = r->method_;
  r->validity = "overdamped cell held at a fixed barrier (a conventional non-volatile cell); any τ_w > 0 and "
                "p_w in (0, 0.5]; the rate method actually used is reported above";
  return LIMEN_OK;
}

static int hop(limen_bound_inputs *in, const limen_precision *p, limen_bound_report *r, limen_error *err) {
  (void)p;
  double e = 0, f = 0, var = 0;
  num(r, 1, "move_levels", "levels moved m", in->move_levels, "levels");
  num(r, 1, "rate_dt", "r·Δt", in->rate_dt, "");
  num(r, 1, "temperature_K", "temperature T", in->temperature_K, "K");
  int s = limen_hop_cost_kT(in->move_levels, in->rate_dt, &e, &f, &var, err);
  if (s) return s;
  energy(r, "energy", "energy of the update", e, in->temperature_K);
  num(r, 0, "tilt_kT", "tilt per level f", f, "kT");
  num(r, 0, "diffusion_levels2", "diffusion in the same window", var, "levels²");
  r->method = "closed form e = m·kT·2·asinh(m/(2 r Δt)) (biased hopping, r± = r e^{±f/2})";
  r->validity = "multi-level cell whose levels are separated by barriers >> kT so that hopping between "
                "neighbours is Markovian; slow limit kT m²/(r Δt), fast limit 2 m kT ln(m/(r Δt))";
  return LIMEN_OK;
}

static int retention(limen_bound_inputs *in, const limen_precision *p, limen_bound_report *r, limen_error *err) {
  double E = 0;
  num(r, 1, "retention_time_s", "retention time τ_ret", in->retention_time_s, "s");
  num(r, 1, "retention_fail", "flip probability p_ret", in->retention_fail, "");
  num(r, 1, "tau0_s", "intrinsic time τ₀", in->tau0_s, "s");
  num(r, 1, "temperature_K", "temperature T", in->temperature_K, "K");
  int s = limen_retention_barrier(in->retention_time_s / in->tau0_s, in->retention_fail, p, &E, err);
  if (s) return s;
  energy(r, "barrier", "retention barrier E_ret", E, in->temperature_K);
  snprintf(r->method_, sizeof r->method_,
           "Brent root of 1 - exp(-r(E)·τ_ret) = p_ret, r the escape rate of the untilted quartic cell "
           "(Kramers at barriers >= %g kT, exact MFPT below)", p->kramers_min_barrier_kT);
  r->method = r->method_;
  r->validity = "untilted symmetric quartic cell, overdamped; τ_ret/τ₀ up to 1e300, p_ret in (0, 0.5]";
  return LIMEN_OK;
}

/* kramers (exact = 0) and mfpt (exact = 1): the well, its stationary points and the rate or time. */
static int rate(limen_bound_inputs *in, const limen_precision *p, int exact, limen_bound_report *r, limen_error *err) {
  int s = barrier(in, p, r, err);
  if (s) return s;
  const int wb = in->well == LIMEN_WELL_WASHBOARD;
  limen_well w = {in->well, in->barrier_kT, in->tilt_kT, in->levels};
  text(r, 1, "well", "well", wb ? "washboard" : "quartic");
  if (wb) num(r, 1, "levels", "levels M", (double)in->levels, "");
  num(r, 1, "tilt_kT", "tilt f", in->tilt_kT, "kT");
  num(r, 1, "tau0_s", "intrinsic time τ₀", in->tau0_s, "s");
  num(r, 1, "temperature_K", "temperature T", in->temperature_K, "K");
  double fc = limen_well_critical_tilt(&w);
  if (!(fabs(in->tilt_kT) < fc))
    return limen_error_set(err, LIMEN_EINVAL, "limen_bound_report_compute",
                           "tilt_kT = %.10g: the barrier of %.10g kT vanishes at |tilt| >= %.10g kT; allowed range "
                           "(%.10g, %.10g) kT", in->tilt_kT, in->barrier_kT, fc, -fc, fc);
  limen_well_extrema ex;
  double log_rate = 0, log_t = 0;
  if ((s = limen_well_extrema_find(&w, p, &ex, err)) || (s = limen_kramers_log_rate(&w, p, &log_rate, err))) return s;
  const char *len = wb ? "Δ" : "a";
  num(r, 0, "x_min", "metastable minimum x_min", ex.x_min, len);
  num(r, 0, "x_barrier", "barrier top x_b", ex.x_barrier, len);
  num(r, 0, "x_next", "next minimum", ex.x_next, len);
  energy(r, "tilted_barrier", "barrier ΔU", ex.barrier_kT, in->temperature_K);
  if (!exact) {
    num_exp(r, "rate_per_tau0", "Kramers rate r", log_rate, "1/τ₀");
    num_exp(r, "rate_per_s", "", log_rate - log(in->tau0_s), "1/s");
    num(r, 0, "log_rate_per_tau0", "ln(r·τ₀)", log_rate, "");
    num_exp(r, "mean_time_s", "mean escape time 1/r", -log_rate + log(in->tau0_s), "s");
    r->method = "kramers: r = sqrt(U''(x_min)·|U''(x_b)|)/(2π γ) · exp(-ΔU/kT), stationary points by root "
                "finding on U' = 0";
    double lim = p->kramers_min_barrier_kT;
    if (ex.barrier_kT >= lim)
      snprintf(r->validity_, sizeof r->validity_, "overdamped, barrier >> kT: here ΔU >= %g kT; relative error of "
               "order kT/ΔU against the exact MFPT (use 'limen bound mfpt' to compare)", lim);
    else
      snprintf(r->validity_, sizeof r->validity_, "NOT VALID here: the barrier is below %g kT, where Kramers' "
               "formula fails; use 'limen bound mfpt'", lim);
    r->validity = r->validity_;
    return LIMEN_OK;
  }
  if ((s = limen_mfpt_log(&w, ex.x_min, ex.x_next, p, &log_t, err))) return s;
  num_exp(r, "mfpt_tau0", "mean first-passage time T", log_t, "τ₀");
  num_exp(r, "mfpt_s", "", log_t + log(in->tau0_s), "s");
  num(r, 0, "log_mfpt_tau0", "ln(T/τ₀)", log_t, "");
  num_exp(r, "kramers_time_tau0", "Kramers time 1/r", -log_rate, "τ₀");
  num(r, 0, "kramers_over_mfpt", "(1/r) / T", exp(-log_rate - log_t), "");
  r->method = "mfpt: T = ∫_{x_min}^{x_next} dy e^{U(y)/kT} ∫_{-inf}^{y} dz e^{-U(z)/kT} (γ/kT), one pass of "
              "cumulative Chebyshev quadrature (nested GSL quadrature at very strong tilts), from the "
              "metastable minimum to the next minimum";
  r->validity = "exact for the overdamped cell at any barrier height (no Kramers approximation); the "
                "Kramers ratio tends to 1 as the barrier grows";
  return LIMEN_OK;
}

int limen_bound_report_compute(const limen_bound_kind *kind, const limen_bound_inputs *in,
                               const limen_precision *prec, limen_bound_report *out, limen_error *err) {
  if (!kind || !in || !out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  memset(out, 0, sizeof *out);
  out->kind = kind;
  limen_precision p = prec ? *prec : limen_precision_default();
  int st = limen_bound_inputs_check(kind, in, err);
  if (st) return st;
  limen_bound_inputs v = *in;
  const char *k = kind->name;
  if (strcmp(k, "landauer") == 0) return landauer(&v, &p, out, err);
  if (strcmp(k, "finite-time") == 0) return finite_time(&v, &p, out, err);
  if (strcmp(k, "static-write") == 0) return static_write(&v, &p, out, err);
  if (strcmp(k, "hop") == 0) return hop(&v, &p, out, err);
  if (strcmp(k, "retention") == 0) return retention(&v, &p, out, err);
  if (strcmp(k, "kramers") == 0) return rate(&v, &p, 0, out, err);
  if (strcmp(k, "mfpt") == 0) return rate(&v, &p, 1, out, err);
  return limen_error_set(err, LIMEN_ENOTFOUND, __func__, "kind '%s': not a kind of limen_bound_kinds", k);
}
