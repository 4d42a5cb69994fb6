/* SPDX-License-Identifier: GPL-3.0-or-later
 * paradigm.c: the paradigm registry, instances "<type>[:<profile>]" and the projection driver. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/bounds.h"
#include "limen/cell.h"
#include "limen/units.h"
#include "paradigm/paradigm_impl.h"

const limen_paradigm_type *const limen_paradigm_accelerator = &limen_pd_accelerator_type;
const limen_paradigm_type *const limen_paradigm_landauer_adiabatic = &limen_pd_landauer_type;
const limen_paradigm_type *const limen_paradigm_cim_static = &limen_pd_cim_static_type;
const limen_paradigm_type *const limen_paradigm_lim_finite_time = &limen_pd_lim_finite_time_type;
const limen_paradigm_type *const limen_paradigm_lim_matched = &limen_pd_lim_matched_type;

static const limen_paradigm_type *const k_types[] = {
    &limen_pd_accelerator_type,     &limen_pd_landauer_type,     &limen_pd_cim_static_type,
    &limen_pd_lim_finite_time_type, &limen_pd_lim_matched_type,  NULL};

const limen_paradigm_type *const *limen_paradigm_types(void) { return k_types; }

static void type_list(char *buf, size_t n) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; k_types[i] && used < n; i++) {
    int k = snprintf(buf + used, n - used, "%s%s%s", i ? ", " : "", k_types[i]->name,
                     k_types[i]->profile == 2 ? ":<profile>"
                     : k_types[i]->profile == 1 ? "[:<device>]" : "");
    if (k < 0) break;
    used += (size_t)k;
  }
}

int limen_paradigm_type_find(const char *name, const limen_paradigm_type **out, limen_error *err) {
  *out = NULL;
  for (size_t i = 0; name && k_types[i]; i++)
    if (strcmp(k_types[i]->name, name) == 0) {
      *out = k_types[i];
      return LIMEN_OK;
    }
  char list[512];
  type_list(list, sizeof list);
  char near[96];
  limen_suggest_note(name, list, near, sizeof near);
  return limen_error_set(err, LIMEN_ENOTFOUND, __func__, "paradigm '%s': unknown%s; allowed: %s",
                         name ? name : "(null)", near, list);
}

static void profile_list(const limen_profile_set *s, int devices, char *buf, size_t n) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; s && i < s->count && used < n; i++) {
    const limen_profile *p = &s->profiles[i];
    int ok = devices ? (p->cls == LIMEN_PROFILE_DEVICE) : !isnan(p->energy_per_flop_J);
    if (!ok) continue;
    int k = snprintf(buf + used, n - used, "%s%s", used ? ", " : "", p->name);
    if (k < 0) break;
    used += (size_t)k;
  }
}

int limen_paradigm_alloc(const char *spec, const limen_profile_set *profiles, limen_paradigm **out,
                         limen_error *err) {
  const char *fn = __func__;
  *out = NULL;
  if (!spec || !*spec) return limen_error_set(err, LIMEN_EINVAL, fn, "paradigm: empty name");
  size_t len = strlen(spec);
  if (len >= LIMEN_PARADIGM_SPEC_MAX)
    return limen_error_set(err, LIMEN_EINVAL, fn, "paradigm '%.40s...': longer than %d characters",
                           spec, LIMEN_PARADIGM_SPEC_MAX - 1);
  char type_name[LIMEN_PARADIGM_SPEC_MAX];
  memcpy(type_name, spec, len + 1);
  char *colon = strchr(type_name, ':');
  const char *profile_name = NULL;
  if (colon) {
    *colon = '\0';
    profile_name = colon + 1;
  }
  const limen_paradigm_type *t = NULL;
  int rc = limen_paradigm_type_find(type_name, &t, err);
  if (rc != LIMEN_OK) return rc;
  char list[1024];
  if (profile_name && t->profile == 0)
    return limen_error_set(err, LIMEN_EINVAL, fn, "paradigm '%s': '%s' takes no profile", spec,
                           t->name);
  if (profile_name && !*profile_name)
    return limen_error_set(err, LIMEN_EINVAL, fn, "paradigm '%s': empty profile name", spec);
  if (!profile_name && t->profile == 2) {
    profile_list(profiles, 0, list, sizeof list);
    return limen_error_set(err, LIMEN_EINVAL, fn, "paradigm '%s': needs a profile, '%s:<profile>'; "
                           "profiles: %s", spec, t->name, profiles ? list : "(none loaded)");
  }
  limen_paradigm *p = calloc(1, sizeof *p);
  if (!p) return limen_error_set(err, LIMEN_ENOMEM, fn, "paradigm '%s'", spec);
  p->type = t;
  memcpy(p->spec, spec, len + 1);
  if (profile_name) {
    const limen_profile *prof = NULL;
    if (!profiles) {
      free(p);
      return limen_error_set(err, LIMEN_ENOTFOUND, fn, "paradigm '%s': profile '%s': no profiles loaded",
                             spec, profile_name);
    }
    rc = limen_profiles_find(profiles, profile_name, &prof, err);
    if (rc != LIMEN_OK) {
      free(p);
      return limen_error_wrap(err, rc, fn, "paradigm '%s'", spec);
    }
    if (t->profile == 2 && isnan(prof->energy_per_flop_J)) {
      profile_list(profiles, 0, list, sizeof list);
      free(p);
      return limen_error_set(err, LIMEN_EINVAL, fn,
                             "paradigm '%s': profile '%s' (class %s) has no energy_per_flop_J; "
                             "profiles with one: %s", spec, prof->name,
                             limen_profile_class_name(prof->cls), list);
    }
    if (t->profile == 1 && prof->cls != LIMEN_PROFILE_DEVICE) {
      profile_list(profiles, 1, list, sizeof list);
      free(p);
      return limen_error_set(err, LIMEN_EINVAL, fn,
                             "paradigm '%s': profile '%s' is of class %s; '%s' takes a device "
                             "profile: %s", spec, prof->name, limen_profile_class_name(prof->cls),
                             t->name, list);
    }
    p->has_profile = 1;
    p->profile = *prof;
  }
  *out = p;
  return LIMEN_OK;
}

void limen_paradigm_free(limen_paradigm *p) { free(p); }

void limen_projection_note(limen_projection *out, const char *fmt, ...) {
  if (!out || out->n_assumptions >= LIMEN_MAX_ASSUMPTIONS) return;
  if (out->n_assumptions == LIMEN_MAX_ASSUMPTIONS - 1) {
    snprintf(out->assumptions[out->n_assumptions++], LIMEN_ASSUMPTION_MAX,
             "(further assumptions omitted)");
    return;
  }
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(out->assumptions[out->n_assumptions++], LIMEN_ASSUMPTION_MAX, fmt, ap);
  va_end(ap);
}

int limen_landauer_adiabatic_J(const limen_workload *w, double *energy_J, limen_error *err) {
  limen_workload_derived d;
  int rc = limen_workload_derive(w, &d, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, __func__, "landauer-adiabatic");
  *energy_J = d.ops * w->bits * d.kT_J * LIMEN_LN2;
  return LIMEN_OK;
}

/* The per-FLOP headline C·n·kT·ln2: one formula for the public function and every projection. */
static double headline_J(const limen_workload *w, const limen_workload_derived *d) {
  return d->flops * w->bits * d->kT_J * LIMEN_LN2;
}

int limen_headline_floor_J(const limen_workload *w, double *energy_J, limen_error *err) {
  limen_workload_derived d;
  int rc = limen_workload_derive(w, &d, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, __func__, "headline floor");
  *energy_J = headline_J(w, &d);
  return LIMEN_OK;
}

const char *limen_work_kind_name(limen_work_kind k) {
  switch (k) {
    case LIMEN_WORK_FLOP: return "flop";
    case LIMEN_WORK_PARAMETER_UPDATE: return "parameter-update";
    case LIMEN_WORK_READ: return "read";
    case LIMEN_WORK_CONSOLIDATION: return "consolidation-copy";
    case LIMEN_WORK_BARRIER_RISE: return "barrier-rise";
  }
  return "?";
}

int limen_projection_count(limen_projection *out, limen_work_kind kind, const char *term, double ops,
                           double bits, double success, double kT_J, limen_error *err) {
  const char *fn = __func__;
  if (out->n_counts >= LIMEN_MAX_COUNTS)
    return limen_error_set(err, LIMEN_EINTERNAL, fn, "more than %d kinds of work", LIMEN_MAX_COUNTS);
  if (!(ops >= 0) || !isfinite(ops) || !(bits >= 0) || !isfinite(bits))
    return limen_error_set(err, LIMEN_EINTERNAL, fn, "%s: ops = %g, bits = %g", limen_work_kind_name(kind),
                           ops, bits);
  double e_l = 0.0;
  if (kind == LIMEN_WORK_FLOP || kind == LIMEN_WORK_PARAMETER_UPDATE || kind == LIMEN_WORK_CONSOLIDATION) {
    int rc = limen_landauer_generalized_kT(success, &e_l, err);
    if (rc != LIMEN_OK) return limen_error_wrap(err, rc, fn, "floor of %s", limen_work_kind_name(kind));
  }
  limen_work_count *c = &out->counts[out->n_counts++];
  *c = (limen_work_count){kind, term, ops, bits, success, ops * bits * e_l * kT_J, 0};
  return LIMEN_OK;
}

void limen_projection_count_is_reference(limen_projection *out) {
  if (out->n_counts) out->counts[out->n_counts - 1].reference = 1;
}

/* Σ of the counted terms (NaN = not counted). */
static double counted_sum(const limen_projection *p) {
  const double t[4] = {p->compute_J, p->memory_J, p->update_J, p->consolidation_J};
  double s = 0.0;
  for (int i = 0; i < 4; i++)
    if (!isnan(t[i])) s += t[i];
  return s;
}

/* Floor, ratios and the like-for-like test against the headline (theory §4). */
static int set_floor(limen_projection *out, const limen_workload *w, const limen_workload_derived *d,
                     limen_error *err) {
  out->floor_J = 0.0;
  out->floor_is_bound = 1;
  for (size_t i = 0; i < out->n_counts; i++) {
    out->floor_J += out->counts[i].floor_J;
    if (out->counts[i].reference && out->counts[i].floor_J > 0) out->floor_is_bound = 0;
  }
  out->headline_floor_J = headline_J(w, d);
  out->ratio_to_floor = out->floor_J > 0 ? out->energy_J / out->floor_J : NAN;
  const limen_work_count *c0 = out->n_counts ? &out->counts[0] : NULL;
  int same = c0 && c0->kind == LIMEN_WORK_FLOP && c0->ops == d->flops && c0->bits == w->bits;
  out->ratio_to_headline = same ? out->energy_J / out->headline_floor_J : NAN;
  /* below a bound of its own counted work: a modelling error, never a result */
  if (!isnan(out->bound_J) && !(out->energy_J >= out->bound_J * (1.0 - 1e-12)))
    return limen_error_set(err, LIMEN_EINTERNAL, "floor check",
                           "paradigm '%s': energy %.6g J below its bound %.6g J (a modelling error)", out->name,
                           out->energy_J, out->bound_J);
  if (out->floor_is_bound && out->floor_J > 0 && !(out->energy_J >= out->floor_J * (1.0 - 1e-12)))
    return limen_error_set(err, LIMEN_EINTERNAL, "floor check",
                           "paradigm '%s': energy %.6g J below the Landauer floor %.6g J of its own "
                           "counted work (a modelling error)", out->name, out->energy_J, out->floor_J);
  return LIMEN_OK;
}

/* Without the assumption lines, limen_projection_note finds the list full from the start (the
 * count is set to NOTES_OFF during the computation and to 0 after it), so no line is formatted. */
#define NOTES_OFF ((size_t)LIMEN_MAX_ASSUMPTIONS)

static int project(const limen_paradigm *p, const limen_workload *w, const limen_precision *prec, int notes,
                   limen_projection *out, limen_error *err) {
  const char *fn = notes ? "limen_paradigm_project" : "limen_paradigm_project_numbers";
  if (!p || !out) return limen_error_set(err, LIMEN_EINVAL, fn, "paradigm or result is NULL");
  memset(out, 0, sizeof *out);
  snprintf(out->name, sizeof out->name, "%s", p->spec);
  out->description = p->type->description;
  out->relation = p->type->relation;
  out->compute_J = out->memory_J = out->update_J = out->consolidation_J = NAN;
  out->realized_J = NAN;
  out->update_per_op_kT = NAN;
  out->effective_bits = NAN;
  out->bound_J = NAN;
  out->bits_used = w ? w->bits : NAN;
  limen_workload_derived d;
  int rc = limen_workload_derive(w, &d, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, fn, "paradigm '%s'", p->spec);
  limen_precision defaults = limen_precision_default();
  if (!prec) prec = &defaults;
  if (!notes) out->n_assumptions = NOTES_OFF;
  rc = p->type->compute(p, w, &d, prec, out, err);
  if (!notes) out->n_assumptions = 0;
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, fn, "paradigm '%s'", p->spec);
  out->energy_J = counted_sum(out);
  if (!isfinite(out->energy_J) || out->energy_J < 0)
    return limen_error_set(err, LIMEN_ERANGE, fn, "paradigm '%s': energy = %g J: not representable",
                           p->spec, out->energy_J);
  rc = set_floor(out, w, &d, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, fn, "paradigm '%s'", p->spec);
  return LIMEN_OK;
}

int limen_paradigm_project(const limen_paradigm *p, const limen_workload *w, const limen_precision *prec,
                           limen_projection *out, limen_error *err) {
  return project(p, w, prec, 1, out, err);
}

int limen_paradigm_project_numbers(const limen_paradigm *p, const limen_workload *w, const limen_precision *prec,
                                   limen_projection *out, limen_error *err) {
  return project(p, w, prec, 0, out, err);
}

int limen_project(const limen_workload *w, const char *const *specs, size_t n,
                  const limen_profile_set *profiles, const limen_precision *prec,
                  limen_projection *out, limen_error *err) {
  for (size_t i = 0; i < n; i++) {
    limen_paradigm *p = NULL;
    int rc = limen_paradigm_alloc(specs[i], profiles, &p, err);
    if (rc != LIMEN_OK) return limen_error_wrap(err, rc, __func__, "paradigm %zu", i + 1);
    rc = limen_paradigm_project(p, w, prec, &out[i], err);
    limen_paradigm_free(p);
    if (rc != LIMEN_OK) return rc;
  }
  return LIMEN_OK;
}

const char *const *limen_paradigm_default_specs(void) {
  static const char *const specs[] = {"landauer-adiabatic",     "lim-finite-time",
                                      "lim-matched",            "cim-static",
                                      "cim-static:hermes-14nm", "accelerator:cmos-limit",
                                      "accelerator:horowitz-45nm", "accelerator:a100",
                                      "accelerator:h100",       NULL};
  return specs;
}

const char *limen_paradigm_default_list(void) {
  static const char list[] = "landauer-adiabatic,lim-finite-time,lim-matched,cim-static,cim-static:hermes-14nm,"
                             "accelerator:cmos-limit,accelerator:horowitz-45nm,accelerator:a100,accelerator:h100";
  return list; /* the specs above, joined (tested) */
}

static int list_fail(limen_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int list_fail(limen_error *err, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = limen_error_setv(err, LIMEN_EINVAL, NULL, fmt, ap);
  va_end(ap);
  return rc;
}

int limen_paradigm_list_check(const char *const *specs, size_t n, limen_error *err) {
  if (n == 0 || !specs) return list_fail(err, "paradigm = '': give at least one paradigm");
  if (n > LIMEN_PARADIGMS_MAX)
    return list_fail(err, "paradigm: %zu paradigms given; allowed at most %d", n, LIMEN_PARADIGMS_MAX);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < i; j++)
      if (strcmp(specs[i], specs[j]) == 0) return list_fail(err, "paradigm = '%s' is listed twice", specs[i]);
  return LIMEN_OK;
}

/* ---- helpers shared by the paradigm types ---------------------------------------------- */

void limen_pd_note_workload(limen_projection *out, const limen_workload *w,
                            const limen_workload_derived *d, int with_tau) {
  if (w->ops == LIMEN_OPS_PER_FLOP)
    limen_projection_note(out, "OPS = C = %.4g (per-flop convention: every training FLOP writes a result)",
                          d->ops);
  else
    limen_projection_note(out, "OPS = N·K = %.4g (per-parameter-step convention: K = D/B_s = %.4g steps, B_s = %.4g)",
                          d->ops, d->steps, w->batch_tokens);
  if (with_tau)
    limen_projection_note(out, "τ_op = T_train·P/OPS = %.3g s = %.4g τ₀ (T_train = %.4g s = %.3g d, P = %.4g cells%s, τ₀ = %g s)",
                          d->tau_op_s, d->tau_op_tau0, w->train_time_s,
                          w->train_time_s / LIMEN_SECONDS_PER_DAY, d->parallel_cells,
                          w->parallel_cells > 0 ? "" : " = N", w->tau0_s);
}

int limen_pd_count_ops(limen_projection *out, const limen_workload *w, const limen_workload_derived *d,
                       double success, limen_error *err) {
  limen_work_kind k = w->ops == LIMEN_OPS_PER_FLOP ? LIMEN_WORK_FLOP : LIMEN_WORK_PARAMETER_UPDATE;
  return limen_projection_count(out, k, "update", d->ops, w->bits, success, d->kT_J, err);
}

double limen_pd_update_ops(const limen_workload_derived *d) { return d->path.given ? d->path.writes : d->ops; }

int limen_pd_count_updates(limen_projection *out, const limen_workload *w, const limen_workload_derived *d,
                           double success, limen_error *err) {
  if (!d->path.given) return limen_pd_count_ops(out, w, d, success, err);
  out->update_follows = LIMEN_FOLLOWS_WRITES;
  limen_projection_note(out, "measured learning path: %.4g writes that change a stored level (N·(K/K_m)·Σ_j changed_j/P), "
                        "instead of OPS = %.4g; a cell that rewrote only the bits that differ would write %.4g bits instead of n·writes = %.4g",
                        d->path.writes, d->ops, d->path.bit_flips, d->path.writes * w->bits);
  return limen_projection_count(out, LIMEN_WORK_PARAMETER_UPDATE, "update", d->path.writes, w->bits, success, d->kT_J,
                                err);
}

double limen_pd_read_energy_per_bit_J(const limen_profile *pr) { return pr->read_energy_J / pr->bits; }

int limen_pd_in_memory_reads(const limen_paradigm *p, const limen_workload *w,
                             const limen_workload_derived *d, limen_projection *out, limen_error *err) {
  if (p->has_profile && !isnan(p->profile.update_energy_J))
    limen_projection_note(out, "for comparison: the %s device update energy %.3g J × N·K would give %.4g J (not used: the update term is the physical bound)",
                          p->profile.name, p->profile.update_energy_J,
                          p->profile.update_energy_J * w->params * d->steps);
  if (!p->has_profile || isnan(p->profile.read_energy_J)) {
    limen_projection_note(out, "reads not counted: their thermodynamic floor is 0 J (reversible measurement)%s%s",
                          p->has_profile ? "; profile gives no read energy: " : "; name a device profile (e.g. :hermes-14nm) for device read energies",
                          p->has_profile ? p->profile.name : "");
    return LIMEN_OK;
  }
  const limen_profile *pr = &p->profile;
  int rc = limen_read_energy_J(LIMEN_READ_DEVICE, d->flops, pr->read_energy_J, &out->memory_J, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, __func__, "device reads");
  limen_projection_note(out, "reads: C = %.4g in-memory operations × %.3g J (%s read energy per operation at %d bits; a multiply-accumulate counts as 2), performed under either OPS convention",
                        d->flops, pr->read_energy_J, pr->name, pr->bits);
  if ((double)pr->bits != w->bits) {
    out->bits_mismatch = 1;
    out->bits_used = pr->bits;
    limen_projection_note(out, "warning: the %s read energy holds for %d-bit operations, not n = %g bits; it is not rescaled",
                          pr->name, pr->bits, w->bits);
  }
  return limen_projection_count(out, LIMEN_WORK_READ, "memory", d->flops, pr->bits, 1.0, d->kT_J, err);
}

int limen_pd_retention_barrier(const limen_workload *w, const limen_precision *prec,
                               limen_projection *out, double *barrier_kT, limen_error *err) {
  int rc = limen_retention_barrier(w->retention_time_s / w->tau0_s, w->retention_fail, prec,
                                   barrier_kT, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, __func__, "retention barrier");
  limen_projection_note(out, "retention barrier E_ret = %.4g kT: Kramers flip probability %g over τ_ret = %.4g s (%.3g y) in a quartic cell",
                        *barrier_kT, w->retention_fail, w->retention_time_s,
                        w->retention_time_s / LIMEN_SECONDS_PER_YEAR);
  return LIMEN_OK;
}
