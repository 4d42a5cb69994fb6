/* SPDX-License-Identifier: GPL-3.0-or-later
 * validate.c: the report machinery of the reference checks (rows, ensemble helpers) and the
 * check table.  The checks themselves are in validate_harmonic.c (trap and OU results) and
 * validate_cell.c (double-well and washboard cells). */
#include <math.h>
#include <omp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/provenance.h"
#include "validate/validate_internal.h"

static const vcheck checks[] = {
    {"em-variance", limen_vcheck_em_variance},
    {"ou-transition", limen_vcheck_ou_transition},
    {"schmiedl-seifert", limen_vcheck_schmiedl_seifert},
    {"stiffness", limen_vcheck_stiffness},
    {"jarzynski", limen_vcheck_jarzynski},
    {"mfpt", limen_vcheck_mfpt},
    {"erasure", limen_vcheck_erasure},
    {"erasure-optimal", limen_vcheck_erasure_optimal},
    {"static-write", limen_vcheck_static_write},
    {"hopping", limen_vcheck_hopping},
};
#define N_CHECKS (sizeof checks / sizeof checks[0])

const char *const *limen_validate_check_names(void) {
  static const char *names[N_CHECKS + 1];
  for (size_t i = 0; i < N_CHECKS; i++) names[i] = checks[i].name;
  names[N_CHECKS] = NULL;
  return names;
}

/* ---- the options a user gives (input.h rows): `limen validate`'s options; the defaults of
 * limen_validate_options_default and the checks of limen_validate_run come from them ---------- */
#define ROW(nm, mem, type, flags, mv, lo, lo_open, hi, def, deftext, doc) \
  {nm, NULL, #mem, mv, NULL, mv, lo, hi, lo_open, 0, flags, type, offsetof(limen_validate_options, mem), def, deftext, doc}
static const limen_input k_inputs[] = {
    ROW("scale", scale, LIMEN_INPUT_DOUBLE, 0u, "X", 0, 1, 100, 1, "1", "multiply every ensemble size by X"),
    ROW("threads", threads, LIMEN_INPUT_INT, LIMEN_INPUT_COUNT, "T", 0, 0, 4096, 0, "0 (OpenMP default)", "threads"),
    ROW("seed", seed, LIMEN_INPUT_UINT64, LIMEN_INPUT_COUNT, "K", 0, 0, 2147483647.0, 1, "1", "master seed"),
    ROW("z-max", z_max, LIMEN_INPUT_DOUBLE, 0u, "Z", 1, 0, 10, 4, "4",
        "statistical rows pass within Z standard errors"),
};
#undef ROW
#define N_INPUTS (sizeof k_inputs / sizeof k_inputs[0])

const limen_input *limen_validate_inputs(size_t *n) {
  if (n) *n = N_INPUTS;
  return k_inputs;
}

int limen_validate_inputs_check(const limen_validate_options *opt, limen_error *err) {
  if (!opt) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  return limen_inputs_check(k_inputs, N_INPUTS, opt, "limen_validate_options", err);
}

limen_validate_options limen_validate_options_default(void) {
  limen_validate_options o;
  memset(&o, 0, sizeof o);
  limen_inputs_defaults(k_inputs, N_INPUTS, &o);
  o.only = NULL;
  return o;
}

void limen_validate_report_clear(limen_validate_report *rep) {
  if (!rep) return;
  free(rep->rows);
  rep->rows = NULL;
  rep->n_rows = rep->n_failed = 0;
}

size_t limen_vsize(const vctx *v, double base) {
  double n = base * v->opt->scale;
  return n < 20.0 ? 20 : (size_t)llround(n);
}

uint64_t limen_vseed(vctx *v) { return v->opt->seed * 1000003u + (uint64_t)(++v->salt) * 7919u; }

int limen_vshift_row(vctx *v, const char *name, const double *coarse, const double *fine, size_t n, double se_result,
               const char *fmt, ...) {
  double s = 0.0, s2 = 0.0;
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (isfinite(coarse[i]) && isfinite(fine[i])) {
      double d = fine[i] - coarse[i];
      s += d;
      s2 += d * d;
      k++;
    }
  double m = k ? s / (double)k : NAN;
  double se = k > 1 ? sqrt(fmax(s2 - s * m, 0.0) / (double)(k - 1) / (double)k) : NAN;
  char note[160];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(note, sizeof note, fmt, ap);
  va_end(ap);
  int st = limen_vrow(v, name, LIMEN_CHECK_EQUAL, 0.0, m, 0, se, "%s", note);
  if (st) return st;
  /* pass: the shift is below one standard error of the result, or indistinguishable from 0 */
  limen_validate_row *r = &v->rep->rows[v->rep->n_rows - 1];
  int was = r->pass;
  r->tolerance = fmax(se_result, v->opt->z_max * se);
  r->pass = isfinite(m) && fabs(m) <= r->tolerance;
  if (was && !r->pass) v->rep->n_failed++;
  if (!was && r->pass) v->rep->n_failed--;
  return LIMEN_OK;
}

int limen_vrow(vctx *v, const char *name, limen_check_relation rel, double expected, double measured, double tol,
         double se, const char *fmt, ...) {
  if (v->rep->n_rows == v->cap) {
    size_t cap = v->cap ? 2 * v->cap : 32;
    limen_validate_row *r = realloc(v->rep->rows, cap * sizeof *r);
    if (!r) return limen_error_set(v->err, LIMEN_ENOMEM, "limen_validate_run", "out of memory");
    v->rep->rows = r;
    v->cap = cap;
  }
  limen_validate_row *r = &v->rep->rows[v->rep->n_rows++];
  memset(r, 0, sizeof *r);
  snprintf(r->name, sizeof r->name, "%s", name);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->note, sizeof r->note, fmt, ap);
  va_end(ap);
  r->relation = rel;
  r->expected = expected;
  r->measured = measured;
  r->stderr_ = se > 0 ? se : 0.0;
  double zmax = v->opt->z_max;
  if (se > 0) {
    r->z = (measured - expected) / se;
    r->tolerance = (rel == LIMEN_CHECK_GREATER ? 3.0 : zmax) * se;
  } else {
    r->z = NAN;
    r->tolerance = tol;
  }
  double d = measured - expected;
  switch (rel) {
    case LIMEN_CHECK_EQUAL: r->pass = fabs(d) <= r->tolerance; break;
    case LIMEN_CHECK_AT_LEAST: r->pass = d >= -r->tolerance; break;
    default: r->pass = d >= r->tolerance; break;
  }
  if (!isfinite(measured) || !isfinite(expected)) r->pass = 0;
  if (!r->pass) v->rep->n_failed++;
  return LIMEN_OK;
}

int limen_vlangevin(vctx *v, const limen_protocol *p, const limen_integrator_type *it, double dt, size_t n,
              limen_langevin_config *cfg_out, limen_langevin_result *res) {
  return limen_vlangevin_seeded(v, p, it, dt, n, cfg_out, limen_vseed(v), res);
}

int limen_vlangevin_seeded(vctx *v, const limen_protocol *p, const limen_integrator_type *it, double dt, size_t n,
                     limen_langevin_config *cfg_out, uint64_t seed, limen_langevin_result *res) {
  limen_langevin_config c = cfg_out ? *cfg_out : limen_langevin_config_default();
  c.dt = dt;
  c.n_traj = n;
  c.seed = seed;
  c.threads = v->opt->threads;
  c.integrator = it;
  int st = limen_langevin_run(&c, NULL, p, res, v->err);
  if (st) return limen_error_wrap(v->err, st, "limen_validate_run", "Langevin run of '%s'", p->name);
  return LIMEN_OK;
}

int limen_vfp(vctx *v, const limen_protocol *p, double dt, double h_max, limen_fp_result *res) {
  limen_fp_config c = limen_fp_config_default();
  c.dt = dt;
  c.h_max = h_max;
  int st = limen_fp_run(&c, NULL, p, res, v->err);
  if (st) return limen_error_wrap(v->err, st, "limen_validate_run", "Fokker-Planck run of '%s'", p->name);
  return LIMEN_OK;
}

int limen_vhold_protocol(vctx *v, const limen_potential_type *type, const limen_control *u, double duration,
                   limen_protocol **out) {
  int st = limen_protocol_alloc(1, out, v->err);
  if (st) return st;
  limen_protocol *p = *out;
  snprintf(p->name, sizeof p->name, "hold-%s", type->name);
  p->potential = type;
  p->initial = p->final = *u;
  p->segments[0].duration = duration;
  p->segments[0].shape = LIMEN_SHAPE_HOLD;
  p->segments[0].start = p->segments[0].end = *u;
  return LIMEN_OK;
}

void limen_vmean_var(const double *x, size_t n, double *mean, double *var) {
  double m = 0.0;
  for (size_t i = 0; i < n; i++) m += x[i];
  m /= (double)n;
  double s = 0.0;
  for (size_t i = 0; i < n; i++) s += (x[i] - m) * (x[i] - m);
  *mean = m;
  *var = n > 1 ? s / (double)(n - 1) : 0.0;
}

static int selected(const char *only, const char *name) {
  if (!only) return 1;
  size_t len = strlen(name);
  const char *p = only;
  while (*p) {
    const char *e = strchr(p, ',');
    size_t l = e ? (size_t)(e - p) : strlen(p);
    if (l == len && strncmp(p, name, l) == 0) return 1;
    if (!e) break;
    p = e + 1;
  }
  return 0;
}

/* Every requested name must exist. */
static int check_only(const char *only, limen_error *err) {
  for (const char *p = only; p && *p;) {
    const char *e = strchr(p, ',');
    size_t l = e ? (size_t)(e - p) : strlen(p);
    int found = 0;
    for (size_t i = 0; i < N_CHECKS; i++)
      if (strlen(checks[i].name) == l && strncmp(checks[i].name, p, l) == 0) found = 1;
    if (!found) {
      char names[512] = "";
      for (size_t i = 0; i < N_CHECKS; i++) {
        strncat(names, checks[i].name, sizeof names - strlen(names) - 1);
        if (i + 1 < N_CHECKS) strncat(names, ", ", sizeof names - strlen(names) - 1);
      }
      char given[64], near[96];
      snprintf(given, sizeof given, "%.*s", (int)(l < 60 ? l : 60), p);
      limen_suggest_note(given, names, near, sizeof near);
      return limen_error_input(err, LIMEN_ENOTFOUND, "check", given, names, "check = '%s': unknown check%s; allowed %s",
                               given, near, names);
    }
    if (!e) break;
    p = e + 1;
  }
  return LIMEN_OK;
}

/* The selected checks as the items of a limen_spread_job: check idx[k] writes its rows into
 * part[k]; the parts are joined in check order afterwards. */
typedef struct vjob {
  const limen_validate_options *opt;
  size_t idx[N_CHECKS], count;
  limen_validate_report part[N_CHECKS];
} vjob;

static int vjob_run(void *ctx, size_t k, limen_error *err) {
  vjob *j = ctx;
  size_t i = j->idx[k];
  if (j->opt->progress) j->opt->progress(j->opt->progress_ctx, checks[i].name, k, j->count);
  limen_error inner;
  limen_error_clear(&inner);
  vctx v = {j->opt, &j->part[k], 0, &inner, 1000u * (unsigned)i}; /* seeds independent of the others */
  int st = checks[i].run(&v);
  v.err = err;
  if (st == LIMEN_ENOMEM) {
    if (err) *err = inner;
    return limen_error_wrap(err, st, "limen_validate_run", "check '%s'", checks[i].name);
  }
  if (st) { /* a check that cannot run is a failed row that says why; the others still run */
    char name[64];
    snprintf(name, sizeof name, "%s: could not run", checks[i].name);
    st = limen_vrow(&v, name, LIMEN_CHECK_EQUAL, 0.0, NAN, 0.0, 0.0, "%.150s", inner.msg);
  }
  return st;
}

static size_t vjob_size(void *ctx, size_t k) { return ((vjob *)ctx)->part[k].n_rows * sizeof(limen_validate_row); }

static void vjob_pack(void *ctx, size_t k, unsigned char *buf) {
  const limen_validate_report *r = &((vjob *)ctx)->part[k];
  if (r->n_rows) memcpy(buf, r->rows, r->n_rows * sizeof *r->rows);
}

static int vjob_unpack(void *ctx, size_t k, const unsigned char *buf, size_t n, limen_error *err) {
  limen_validate_report *r = &((vjob *)ctx)->part[k];
  limen_validate_report_clear(r);
  r->n_rows = n / sizeof *r->rows;
  r->rows = malloc(n ? n : 1);
  if (!r->rows) return limen_error_set(err, LIMEN_ENOMEM, "limen_validate_run", "out of memory");
  if (n) memcpy(r->rows, buf, n);
  return LIMEN_OK;
}

/* The parts in check order into rep. */
static int vjob_collect(vjob *j, limen_validate_report *rep, limen_error *err) {
  size_t n = 0;
  for (size_t k = 0; k < j->count; k++) n += j->part[k].n_rows;
  rep->rows = malloc((n ? n : 1) * sizeof *rep->rows);
  if (!rep->rows) return limen_error_set(err, LIMEN_ENOMEM, "limen_validate_run", "out of memory");
  for (size_t k = 0; k < j->count; k++)
    for (size_t i = 0; i < j->part[k].n_rows; i++) {
      rep->rows[rep->n_rows] = j->part[k].rows[i];
      rep->n_failed += !rep->rows[rep->n_rows++].pass;
    }
  return LIMEN_OK;
}

int limen_validate_run(const limen_validate_options *opt_in, limen_validate_report *rep, limen_error *err) {
  return limen_validate_run_ctl(opt_in, NULL, NULL, rep, err);
}

int limen_validate_run_spread(const limen_validate_options *opt_in, const limen_spread *sp, limen_validate_report *rep,
                              limen_error *err) {
  return limen_validate_run_ctl(opt_in, sp, NULL, rep, err);
}

/* A check's rows as a unit of the checkpoint (validate_units.c), and back. */
static int vjob_keep(void *ctx, size_t k, limen_checkpoint *ck, limen_error *err) {
  return limen_vunit_keep(&((vjob *)ctx)->part[k], ck, err);
}

static int vjob_take(void *ctx, size_t k, const limen_checkpoint_unit *u, limen_error *err) {
  return limen_vunit_restore(u, k, &((vjob *)ctx)->part[k], err);
}

int limen_validate_run_ctl(const limen_validate_options *opt_in, const limen_spread *sp, limen_run_control *ctl,
                           limen_validate_report *rep, limen_error *err) {
  if (!rep) return limen_error_set(err, LIMEN_EINVAL, "limen_validate_run", "NULL report");
  memset(rep, 0, sizeof *rep);
  limen_validate_options opt = opt_in ? *opt_in : limen_validate_options_default();
  int st = limen_validate_inputs_check(&opt, err);
  if (!st) st = check_only(opt.only, err);
  if (st) return st;
  limen_provenance_note_seed(opt.seed);
  vjob j;
  memset(&j, 0, sizeof j);
  j.opt = &opt;
  for (size_t i = 0; i < N_CHECKS; i++)
    if (selected(opt.only, checks[i].name)) j.idx[j.count++] = i;
  double t0 = omp_get_wtime();
  char inputs[512];
  if (limen_vunits_inputs(&opt, inputs, sizeof inputs))
    return limen_error_set(err, LIMEN_EINVAL, "limen_validate_run", "only: too long a list of checks");
  limen_spread_job job = {j.count, &j, vjob_run, vjob_size, vjob_pack, vjob_unpack};
  const limen_unit_codec codec = {vjob_keep, vjob_take};
  st = limen_run_control_begin(ctl, "validate", "checks", inputs, j.count, err);
  if (!st) st = limen_run_control_spread(ctl, sp, &job, &codec, err);
  if (!st) st = vjob_collect(&j, rep, err);
  for (size_t k = 0; k < j.count; k++) limen_validate_report_clear(&j.part[k]);
  if (st) limen_validate_report_clear(rep);
  rep->seconds = omp_get_wtime() - t0;
  return st;
}
