/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_bound.c: `limen bound <kind>` — the cost of one elementary memory operation (theory §2–3),
 * in kT, kT·ln2, J and eV, with the method used and its range of validity. */
#include <math.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/frame.h"
#include "cli/options.h"
#include "cli/output.h"
#include "limen/bounds.h"
#include "limen/cell.h"
#include "limen/units.h"

#define M_PI_VALUE 3.14159265358979323846

static const char *const KINDS = "landauer, finite-time, static-write, hop, retention, kramers, mfpt";

enum {
  O_BARRIER, O_TILT, O_WELL, O_LEVELS, O_SUCCESS, O_TAU, O_TAU0, O_TEMPERATURE, O_WRITE_FAIL,
  O_RETENTION, O_RETENTION_FAIL, O_MOVE, O_RATE_DT, O_FORMAT, O_COUNT
};

static void bound_options(cli_opt *o) {
  o[O_BARRIER] = cli_opt_num("barrier", "KT", "kT", 0, 1, 1e4, 0,
                             "the retention barrier E_ret of --retention-time, --retention-fail",
                             "barrier height E_b of the cell (finite-time, static-write, kramers, mfpt)");
  o[O_TILT] = cli_opt_num("tilt", "KT", "kT", -1e8, 0, 1e8, 0, "0",
                          "tilt energy f = F·a, per level for the washboard (kramers, mfpt)");
  o[O_WELL] = cli_opt_str("well", CLI_OPT_STRING, "SHAPE", "quartic,washboard", "quartic",
                          "cell potential: quartic double well or multi-level washboard (kramers, mfpt)");
  o[O_LEVELS] = cli_opt_int("levels", "M", NULL, 2, 1048576, "2",
                            "number of levels M of the washboard cell (kramers, mfpt with --well washboard)");
  o[O_SUCCESS] = cli_opt_num("success", "P", NULL, 0.5, 0, 1, 0, "1",
                             "success probability P_s of the erasure (landauer, finite-time)");
  o[O_TAU] = cli_opt_num("tau", "S", "s", 0, 1, 1e12, 0, "1e-6",
                         "duration of the operation: erasure time τ (finite-time), write time τ_w (static-write)");
  o[O_TAU0] = cli_opt_num("tau0", "S", "s", 0, 1, 1, 0, "1e-9", "intrinsic time τ₀ = γa²/kT of the cell");
  o[O_TEMPERATURE] = cli_opt_num("temperature", "K", "K", 0, 1, 1e4, 0, "300", "temperature T of the bath");
  o[O_WRITE_FAIL] = cli_opt_num("write-fail", "P", NULL, 0, 1, 0.5, 0, "1e-6",
                                "failure probability p_w of a static write (static-write)");
  o[O_WRITE_FAIL].alias = "failure";
  o[O_RETENTION] = cli_opt_num("retention-time", "S", "s", 0, 1, 1e12, 0, "315576000 (10 years)",
                               "retention time τ_ret of a non-volatile cell (retention; default barrier)");
  o[O_RETENTION].alias = "retention";
  o[O_RETENTION_FAIL] = cli_opt_num("retention-fail", "P", NULL, 0, 1, 0.5, 0, "1e-6",
                                    "flip probability p_ret allowed over τ_ret (retention; default barrier)");
  o[O_MOVE] = cli_opt_num("move", "M", "levels", 0, 0, 1e12, 0, "1",
                          "net number of levels m moved by one update (hop)");
  o[O_RATE_DT] = cli_opt_num("rate-dt", "X", NULL, 0, 1, 1e12, 0, "1",
                             "r·Δt: zero-tilt hop rate times the update window (hop)");
  o[O_FORMAT] = cli_opt_str("format", CLI_OPT_STRING, "FMT", "table,json", "table", "output format");
}

/* Which options each kind reads (the rest are rejected, so that nothing is silently ignored). */
typedef struct kind_info {
  const char *name;
  const char *title;
  unsigned uses; /* bit mask over the O_* indices */
} kind_info;

#define B(x) (1u << (x))
#define COMMON (B(O_TEMPERATURE) | B(O_FORMAT))
static const kind_info kinds[] = {
    {"landauer", "(L) Landauer erasure of one bit, generalized to success probability P_s",
     COMMON | B(O_SUCCESS)},
    {"finite-time", "(FT) finite-time Landauer erasure of one bit in time τ",
     COMMON | B(O_BARRIER) | B(O_SUCCESS) | B(O_TAU) | B(O_TAU0) | B(O_RETENTION) | B(O_RETENTION_FAIL)},
    {"static-write", "(S) static-barrier tilt write of one bit held at the barrier E_b",
     COMMON | B(O_BARRIER) | B(O_TAU) | B(O_TAU0) | B(O_WRITE_FAIL) | B(O_RETENTION) | B(O_RETENTION_FAIL)},
    {"hop", "(H) incremental update of a multi-level cell by biased hopping", COMMON | B(O_MOVE) | B(O_RATE_DT)},
    {"retention", "retention barrier E_ret of a non-volatile quartic cell",
     COMMON | B(O_TAU0) | B(O_RETENTION) | B(O_RETENTION_FAIL)},
    {"kramers", "Kramers escape rate out of the metastable minimum",
     COMMON | B(O_BARRIER) | B(O_TILT) | B(O_WELL) | B(O_LEVELS) | B(O_TAU0) | B(O_RETENTION) |
         B(O_RETENTION_FAIL)},
    {"mfpt", "exact mean first-passage time to the next minimum",
     COMMON | B(O_BARRIER) | B(O_TILT) | B(O_WELL) | B(O_LEVELS) | B(O_TAU0) | B(O_RETENTION) |
         B(O_RETENTION_FAIL)},
};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

static const cli_command_doc doc = {
    "bound", "<landauer|finite-time|static-write|hop|retention|kramers|mfpt> [options]",
    "Cost of one elementary memory operation (theory sections 2-3), per bit unless stated, in kT,\n"
    "kT*ln2, J and eV at the given temperature, with the method used and where it is valid.\n"
    "  landauer      kT[ln2 + P ln P + (1-P) ln(1-P)]: quasi-static erasure (closed form)\n"
    "  finite-time   e_L(P_s) + B/tau, B in units of gamma*a^2 by quadrature over the cell potential\n"
    "  static-write  least tilt that crosses the barrier within tau_w (failure p_w) and the work\n"
    "                of the tilt cycle; Kramers rate, or the exact MFPT where the tilted barrier\n"
    "                is below 5 kT\n"
    "  hop           m levels in one window: e = m * 2 asinh(m / (2 r dt)) kT\n"
    "  retention     barrier E_ret holding a bit for tau_ret with flip probability p_ret\n"
    "  kramers       escape rate sqrt(U''(x_min)|U''(x_b)|)/(2 pi gamma) exp(-dU/kT)\n"
    "  mfpt          exact mean first-passage time by nested quadrature, compared with Kramers\n"
    "Options that a kind does not use are rejected.",
    "examples:\n"
    "  limen bound landauer --success 0.99\n"
    "  limen bound finite-time --barrier 5 --success 1 --tau 1e-8 --format json\n"
    "  limen bound static-write --tau 1e-9\n"
    "  limen bound hop --move 4 --rate-dt 0.5\n"
    "  limen bound mfpt --barrier 3 --tilt 1\n"};

/* ---- the result: named numbers and texts, printed as a table or as JSON ---------------- */

#define MAX_ROWS 32
typedef struct row {
  const char *key;   /* JSON key                                  */
  const char *label; /* table label                               */
  const char *unit;  /* table unit ("" for dimensionless)          */
  double value;
  const char *text;  /* non-NULL: a text row instead of a number */
  int input;         /* 1: an input (JSON "inputs" object)         */
} row;

typedef struct result {
  row rows[MAX_ROWS];
  int n;
  const char *method;
  const char *validity;
} result;

static void add_num(result *r, int input, const char *key, const char *label, double v, const char *unit) {
  if (r->n >= MAX_ROWS) return;
  r->rows[r->n++] = (row){key, label, unit, v, NULL, input};
}
static void add_text(result *r, int input, const char *key, const char *label, const char *text) {
  if (r->n >= MAX_ROWS) return;
  r->rows[r->n++] = (row){key, label, "", NAN, text, input};
}

/* Energy rows in kT, kT·ln2, J and eV. */
static void add_energy(result *r, const char *prefix, const char *label, double e_kT, double T) {
  static char keys[4][4][48];
  static int slot = 0;
  int s = slot++ % 4;
  double J = limen_kT_to_J(e_kT, T);
  snprintf(keys[s][0], sizeof keys[s][0], "%s_kT", prefix);
  snprintf(keys[s][1], sizeof keys[s][1], "%s_kTln2", prefix);
  snprintf(keys[s][2], sizeof keys[s][2], "%s_J", prefix);
  snprintf(keys[s][3], sizeof keys[s][3], "%s_eV", prefix);
  add_num(r, 0, keys[s][0], label, e_kT, "kT");
  add_num(r, 0, keys[s][1], "", e_kT / LIMEN_LN2, "kT·ln2");
  add_num(r, 0, keys[s][2], "", J, "J");
  add_num(r, 0, keys[s][3], "", limen_J_to_eV(J), "eV");
}

static int render(const kind_info *k, const result *r, cli_format fmt, cli_buf *out, limen_error *err) {
  char num[64];
  if (fmt == CLI_FORMAT_JSON) {
    cJSON *root = cJSON_CreateObject(), *inputs = cJSON_CreateObject();
    if (!root || !inputs) {
      cJSON_Delete(root);
      cJSON_Delete(inputs);
      return limen_error_set(err, LIMEN_ENOMEM, "bound", "out of memory");
    }
    cJSON_AddStringToObject(root, "bound", k->name);
    cJSON_AddStringToObject(root, "description", k->title);
    cJSON_AddItemToObject(root, "inputs", inputs);
    for (int i = 0; i < r->n; i++) {
      cJSON *dst = r->rows[i].input ? inputs : root;
      if (r->rows[i].text) cJSON_AddStringToObject(dst, r->rows[i].key, r->rows[i].text);
      else cli_json_num(dst, r->rows[i].key, r->rows[i].value);
    }
    cJSON_AddStringToObject(root, "method", r->method);
    cJSON_AddStringToObject(root, "validity", r->validity);
    int s = cli_json_print(root, out, err);
    cJSON_Delete(root);
    return s;
  }
  cli_buf_printf(out, "limen bound %s: %s\n\n", k->name, k->title);
  for (int pass = 1; pass >= 0; pass--) {
    static const char *const head_in[] = {"input", "value", "unit"};
    static const char *const head_out[] = {"result", "value", "unit"};
    cli_table t;
    int s = cli_table_init(&t, 3, pass ? head_in : head_out, err);
    if (s) {
      cli_table_free(&t);
      return s;
    }
    cli_table_set_right(&t, 1, 1);
    for (int i = 0; i < r->n; i++) {
      if (r->rows[i].input != pass) continue;
      cli_table_row(&t);
      cli_table_set(&t, 0, "%s", r->rows[i].label);
      if (r->rows[i].text) cli_table_set(&t, 1, "%s", r->rows[i].text);
      else cli_table_set(&t, 1, "%s", cli_human(num, sizeof num, r->rows[i].value, 6));
      cli_table_set(&t, 2, "%s", r->rows[i].unit);
    }
    s = cli_table_check(&t, err);
    if (!s) cli_table_text(&t, out, 2);
    cli_table_free(&t);
    if (s) return s;
    cli_buf_puts(out, "\n");
  }
  cli_wrap(out, "method:   ", 10, r->method, 100);
  cli_wrap(out, "validity: ", 10, r->validity, 100);
  return cli_buf_check(out, err);
}

/* ---- the kinds ------------------------------------------------------------------------ */

typedef struct inputs {
  double barrier, tilt, success, tau, tau0, T, p_w, tau_ret, p_ret, move, rate_dt;
  int washboard;
  long levels;
  int barrier_given;
} inputs;

static double opt_num(const cli_opt *o, double def) { return o->set ? o->num : def; }

static int default_barrier(inputs *in, result *r, limen_error *err) {
  if (in->barrier_given) {
    add_num(r, 1, "barrier_kT", "barrier E_b", in->barrier, "kT");
    return LIMEN_OK;
  }
  int s = limen_retention_barrier(in->tau_ret / in->tau0, in->p_ret, NULL, &in->barrier, err);
  if (s) return limen_error_wrap(err, s, "default --barrier", "retention barrier");
  add_num(r, 1, "barrier_kT", "barrier E_b (= E_ret)", in->barrier, "kT");
  add_num(r, 1, "retention_time_s", "  from retention time τ_ret", in->tau_ret, "s");
  add_num(r, 1, "retention_fail", "  and flip probability p_ret", in->p_ret, "");
  return LIMEN_OK;
}

static int run_landauer(inputs *in, result *r, limen_error *err) {
  double e;
  int s = limen_landauer_generalized_kT(in->success, &e, err);
  if (s) return s;
  add_num(r, 1, "success", "success probability P_s", in->success, "");
  add_num(r, 1, "temperature_K", "temperature T", in->T, "K");
  add_energy(r, "energy", "energy per bit", e, in->T);
  r->method = "closed form kT[ln2 + P_s ln P_s + (1 - P_s) ln(1 - P_s)]";
  r->validity = "quasi-static (infinitely slow) erasure of one bit ending with success probability P_s in "
                "[0.5, 1]; a lower bound for every erasure protocol, reached only as tau -> infinity";
  return LIMEN_OK;
}

static int run_finite_time(inputs *in, result *r, limen_error *err) {
  int s = default_barrier(in, r, err);
  if (s) return s;
  double tt = in->tau / in->tau0, e = 0, B = 0, eL = 0;
  add_num(r, 1, "success", "success probability P_s", in->success, "");
  add_num(r, 1, "tau_s", "erasure time τ", in->tau, "s");
  add_num(r, 1, "tau0_s", "intrinsic time τ₀", in->tau0, "s");
  add_num(r, 1, "tau_over_tau0", "τ/τ₀", tt, "");
  add_num(r, 1, "temperature_K", "temperature T", in->T, "K");
  s = limen_finite_time_kT(in->barrier, in->success, tt, NULL, &e, &B, err);
  if (s) return s;
  s = limen_landauer_generalized_kT(in->success, &eL, err);
  if (s) return s;
  add_energy(r, "energy", "energy per bit e_FT", e, in->T);
  add_num(r, 0, "B_gamma_a2", "B", B, "γa²");
  add_num(r, 0, "B_J_s", "B in SI units (B·kT·τ₀)", B * limen_kT(in->T) * in->tau0, "J·s");
  add_num(r, 0, "landauer_kT", "Landauer part e_L(P_s)", eL, "kT");
  add_num(r, 0, "finite_time_kT", "finite-time part B·τ₀/τ", B / tt, "kT");
  r->method = "B = ∫ (F_f^-1(F_0(x)) - x)^2 rho_0(x) dx by adaptive quadrature (GSL) over the equilibrium "
              "density of the quartic cell (tilt ignored); e_FT = e_L(P_s) + B·τ₀/τ";
  r->validity = "lower bound for erasure completed in time τ > 0 with the final state in local equilibrium "
                "(optimal transport; Aurell et al. 2011, Proesmans et al. 2020), reached by the optimal "
                "protocol; P_s in [0.5, 1]; B -> 2 γa² for narrow wells (E_b >> kT)";
  return LIMEN_OK;
}

static int run_static_write(inputs *in, result *r, limen_error *err) {
  int s = default_barrier(in, r, err);
  if (s) return s;
  double tt = in->tau / in->tau0;
  add_num(r, 1, "tau_s", "write time τ_w", in->tau, "s");
  add_num(r, 1, "tau0_s", "intrinsic time τ₀", in->tau0, "s");
  add_num(r, 1, "tau_over_tau0", "τ_w/τ₀", tt, "");
  add_num(r, 1, "write_fail", "failure probability p_w", in->p_w, "");
  add_num(r, 1, "temperature_K", "temperature T", in->T, "K");
  limen_static_write sw;
  s = limen_static_write_cost(in->barrier, tt, in->p_w, NULL, &sw, err);
  if (s) return s;
  add_energy(r, "energy", "energy per bit (work of the cycle)", sw.work_kT, in->T);
  add_num(r, 0, "approx_kT", "estimate 2·f*", sw.approx_kT, "kT");
  add_num(r, 0, "tilt_kT", "tilt f* = F*·a", sw.tilt_kT, "kT");
  add_num(r, 0, "critical_tilt_kT", "critical tilt f_c = 8E_b/(3√3)", sw.critical_tilt_kT, "kT");
  add_num(r, 0, "tilted_barrier_kT", "barrier left at f*", sw.tilted_barrier_kT, "kT");
  add_num(r, 0, "rate_per_tau0", "escape rate at f*", sw.rate_per_tau0, "1/τ₀");
  add_num(r, 0, "rate_per_s", "", sw.rate_per_tau0 / in->tau0, "1/s");
  add_text(r, 0, "rate_method", "rate method", sw.rate_method ? sw.rate_method : "?");
  r->method = "smallest tilt with r(f)·τ_w >= ln(1/p_w) (Brent root finding) using the tilted barrier and "
              "curvatures; Kramers rate where the tilted barrier is >= 5 kT, exact MFPT (quadrature) below; "
              "energy = work of the cycle 'apply tilt, cross, remove tilt'";
  r->validity = "overdamped cell held at a fixed barrier (a conventional non-volatile cell); any τ_w > 0 and "
                "p_w in (0, 0.5]; the rate method actually used is reported above";
  return LIMEN_OK;
}

static int run_hop(inputs *in, result *r, limen_error *err) {
  double e = 0, f = 0, var = 0;
  add_num(r, 1, "move_levels", "levels moved m", in->move, "levels");
  add_num(r, 1, "rate_dt", "r·Δt", in->rate_dt, "");
  add_num(r, 1, "temperature_K", "temperature T", in->T, "K");
  int s = limen_hop_cost_kT(in->move, in->rate_dt, &e, &f, &var, err);
  if (s) return s;
  add_energy(r, "energy", "energy of the update", e, in->T);
  add_num(r, 0, "tilt_kT", "tilt per level f", f, "kT");
  add_num(r, 0, "diffusion_levels2", "diffusion in the same window", var, "levels²");
  r->method = "closed form e = m·kT·2·asinh(m/(2 r Δt)) (biased hopping, r± = r e^{±f/2})";
  r->validity = "multi-level cell whose levels are separated by barriers >> kT so that hopping between "
                "neighbours is Markovian; slow limit kT m²/(r Δt), fast limit 2 m kT ln(m/(r Δt))";
  return LIMEN_OK;
}

static int run_retention(inputs *in, result *r, limen_error *err) {
  double E = 0;
  add_num(r, 1, "retention_time_s", "retention time τ_ret", in->tau_ret, "s");
  add_num(r, 1, "retention_fail", "flip probability p_ret", in->p_ret, "");
  add_num(r, 1, "tau0_s", "intrinsic time τ₀", in->tau0, "s");
  add_num(r, 1, "temperature_K", "temperature T", in->T, "K");
  int s = limen_retention_barrier(in->tau_ret / in->tau0, in->p_ret, NULL, &E, err);
  if (s) return s;
  add_energy(r, "barrier", "retention barrier E_ret", E, in->T);
  r->method = "Brent root of 1 - exp(-r(E)·τ_ret) = p_ret, r the escape rate of the untilted quartic cell "
              "(Kramers at barriers >= 5 kT, exact MFPT below)";
  r->validity = "untilted symmetric quartic cell, overdamped; τ_ret/τ₀ up to 1e300, p_ret in (0, 0.5]";
  return LIMEN_OK;
}

static int run_rate(inputs *in, result *r, int exact, limen_error *err) {
  int s = default_barrier(in, r, err);
  if (s) return s;
  limen_well w = {in->washboard ? LIMEN_WELL_WASHBOARD : LIMEN_WELL_QUARTIC, in->barrier, in->tilt,
                  (int)in->levels};
  add_text(r, 1, "well", "well", in->washboard ? "washboard" : "quartic");
  if (in->washboard) add_num(r, 1, "levels", "levels M", (double)in->levels, "");
  add_num(r, 1, "tilt_kT", "tilt f", in->tilt, "kT");
  add_num(r, 1, "tau0_s", "intrinsic time τ₀", in->tau0, "s");
  add_num(r, 1, "temperature_K", "temperature T", in->T, "K");
  double fc = in->washboard ? M_PI_VALUE * in->barrier : limen_quartic_critical_tilt(in->barrier);
  if (!(fabs(in->tilt) < fc))
    return cli_error(err, LIMEN_EINVAL,
                     "--tilt = %.10g: the barrier of %.10g kT vanishes at |tilt| >= %.10g kT (%s); allowed range "
                     "(%.10g, %.10g) kT",
                     in->tilt, in->barrier, fc, in->washboard ? "π·E_b" : "f_c = 8E_b/(3√3)", -fc, fc);
  limen_well_extrema ex;
  s = limen_well_extrema_find(&w, NULL, &ex, err);
  if (s) return s;
  double log_rate = 0;
  s = limen_kramers_log_rate(&w, NULL, &log_rate, err);
  if (s) return s;
  add_num(r, 0, "x_min", "metastable minimum x_min", ex.x_min, in->washboard ? "Δ" : "a");
  add_num(r, 0, "x_barrier", "barrier top x_b", ex.x_barrier, in->washboard ? "Δ" : "a");
  add_num(r, 0, "x_next", "next minimum", ex.x_next, in->washboard ? "Δ" : "a");
  add_energy(r, "tilted_barrier", "barrier ΔU", ex.barrier_kT, in->T);
  double kramers_time = exp(-log_rate);
  if (!exact) {
    add_num(r, 0, "rate_per_tau0", "Kramers rate r", exp(log_rate), "1/τ₀");
    add_num(r, 0, "rate_per_s", "", exp(log_rate) / in->tau0, "1/s");
    add_num(r, 0, "log_rate_per_tau0", "ln(r·τ₀)", log_rate, "");
    add_num(r, 0, "mean_time_s", "mean escape time 1/r", kramers_time * in->tau0, "s");
    r->method = "kramers: r = sqrt(U''(x_min)·|U''(x_b)|)/(2π γ) · exp(-ΔU/kT), stationary points by root "
                "finding on U' = 0";
    r->validity = ex.barrier_kT >= 5.0
                      ? "overdamped, barrier >> kT: here ΔU >= 5 kT; relative error of order kT/ΔU against the "
                        "exact MFPT (use 'limen bound mfpt' to compare)"
                      : "NOT VALID here: the barrier is below 5 kT, where Kramers' formula fails; use "
                        "'limen bound mfpt'";
    return LIMEN_OK;
  }
  double log_t = 0;
  s = limen_mfpt_log(&w, ex.x_min, ex.x_next, NULL, &log_t, err);
  if (s) return s;
  add_num(r, 0, "mfpt_tau0", "mean first-passage time T", exp(log_t), "τ₀");
  add_num(r, 0, "mfpt_s", "", exp(log_t) * in->tau0, "s");
  add_num(r, 0, "log_mfpt_tau0", "ln(T/τ₀)", log_t, "");
  add_num(r, 0, "kramers_time_tau0", "Kramers time 1/r", kramers_time, "τ₀");
  add_num(r, 0, "kramers_over_mfpt", "(1/r) / T", exp(-log_rate - log_t), "");
  r->method = "mfpt: T = ∫_{x_min}^{x_next} dy e^{U(y)/kT} ∫_{-inf}^{y} dz e^{-U(z)/kT} (γ/kT), nested "
              "adaptive quadrature (GSL), from the metastable minimum to the next minimum";
  r->validity = "exact for the overdamped cell at any barrier height (no Kramers approximation); the "
                "Kramers ratio tends to 1 as the barrier grows";
  return LIMEN_OK;
}

/* The kind named on the command line, checked against the options it reads, computed and
 * rendered into out. */
static int run(cli_opt *o, const cli_args *args, cli_buf *out, limen_error *err) {
  if (args->n_positional != 1)
    return args->n_positional == 0
               ? cli_error(err, LIMEN_EINVAL, "kind: missing; allowed %s", KINDS)
               : limen_error_set(err, LIMEN_EINVAL, "kind", "'%s' given after '%s': give exactly one of %s",
                                 args->positional[1], args->positional[0], KINDS);
  const kind_info *k = NULL;
  for (size_t i = 0; i < N_KINDS; i++)
    if (strcmp(args->positional[0], kinds[i].name) == 0) k = &kinds[i];
  if (!k) return cli_error(err, LIMEN_ENOTFOUND, "kind = '%s': allowed %s", args->positional[0], KINDS);
  for (int i = 0; i < O_COUNT; i++)
    if (o[i].set && !(k->uses & B(i)))
      return limen_error_set(err, LIMEN_EINVAL, "conflicting options", "--%s does not apply to 'bound %s'",
                             o[i].name, k->name);
  inputs in = {0};
  in.barrier_given = o[O_BARRIER].set != CLI_UNSET;
  in.barrier = o[O_BARRIER].num;
  in.tilt = opt_num(&o[O_TILT], 0);
  in.washboard = o[O_WELL].set && strcmp(o[O_WELL].str, "washboard") == 0;
  in.levels = o[O_LEVELS].set ? o[O_LEVELS].lnum : 2;
  in.success = opt_num(&o[O_SUCCESS], 1);
  in.tau = opt_num(&o[O_TAU], 1e-6);
  in.tau0 = opt_num(&o[O_TAU0], 1e-9);
  in.T = opt_num(&o[O_TEMPERATURE], LIMEN_DEFAULT_TEMPERATURE_K);
  in.p_w = opt_num(&o[O_WRITE_FAIL], 1e-6);
  in.tau_ret = opt_num(&o[O_RETENTION], 10 * LIMEN_SECONDS_PER_YEAR);
  in.p_ret = opt_num(&o[O_RETENTION_FAIL], 1e-6);
  in.move = opt_num(&o[O_MOVE], 1);
  in.rate_dt = opt_num(&o[O_RATE_DT], 1);
  if (o[O_LEVELS].set && !in.washboard)
    return limen_error_set(err, LIMEN_EINVAL, "conflicting options", "--levels needs --well washboard");
  cli_format fmt = CLI_FORMAT_TABLE;
  int status;
  if (o[O_FORMAT].set && (status = cli_parse_format(o[O_FORMAT].str, 0, &fmt, err))) return status;

  result r;
  memset(&r, 0, sizeof r);
  if (strcmp(k->name, "landauer") == 0) status = run_landauer(&in, &r, err);
  else if (strcmp(k->name, "finite-time") == 0) status = run_finite_time(&in, &r, err);
  else if (strcmp(k->name, "static-write") == 0) status = run_static_write(&in, &r, err);
  else if (strcmp(k->name, "hop") == 0) status = run_hop(&in, &r, err);
  else if (strcmp(k->name, "retention") == 0) status = run_retention(&in, &r, err);
  else if (strcmp(k->name, "kramers") == 0) status = run_rate(&in, &r, 0, err);
  else status = run_rate(&in, &r, 1, err);
  if (status) return status;
  return render(k, &r, fmt, out, err);
}

int limen_cmd_bound(int argc, char **argv) {
  cli_opt o[O_COUNT];
  bound_options(o);
  cli_frame f;
  int status = cli_frame_begin(&f, &doc, o, O_COUNT, argc, argv);
  if (status == CLI_HELP) return CLI_OK;
  f.range_is_usage = 1;
  if (!status) status = run(o, &f.args, &f.out, &f.err);
  return cli_frame_end(&f, status);
}
