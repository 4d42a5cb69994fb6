/* SPDX-License-Identifier: GPL-3.0-or-later
 * protocol_library.c: the ready-made protocols of protocol.h (erasure, finite-time-optimal
 * erasure, static and modulated writes, biased hopping, trap translation, stiffness change, a
 * static hold of the quartic cell), and
 * the table that names them, gives their defaults and says which arguments each one reads. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "limen/protocol.h"

static limen_control ctl_well(double barrier, double tilt) {
  limen_control u = limen_control_zero();
  u.barrier = barrier;
  u.tilt = tilt;
  return u;
}

static limen_control ctl_trap(double k, double c) {
  limen_control u = limen_control_zero();
  u.stiffness = k;
  u.center = c;
  return u;
}

static void set_names(limen_protocol *p, const char *kind) {
  snprintf(p->name, sizeof p->name, "%s", kind);
  snprintf(p->kind, sizeof p->kind, "%s", kind);
}

static int finish(limen_protocol **out, limen_protocol *p, limen_error *err, const char *func) {
  int rc = limen_protocol_check(p, err);
  if (rc) {
    limen_protocol_free(p);
    *out = NULL;
    return limen_error_wrap(err, rc, func, "check");
  }
  *out = p;
  return LIMEN_OK;
}

static int check_bit(int bit, limen_error *err, const char *func) {
  return limen_check_range(err, func, "bit", bit, 0, 0, 1, 0);
}

/* Segments of "lower, tilt, raise[, untilt]" for the erasure-type protocols. */
static int lower_tilt_raise(const char *kind, double Eb, double El, double f, int bit,
                            double tau, int untilt_stage, limen_protocol **out,
                            limen_error *err, const char *func) {
  int rc;
  if ((rc = limen_check_range(err, func, "barrier_kT", Eb, 0, 1, 1e6, 0))) return rc;
  if ((rc = limen_check_range(err, func, "barrier_low_kT", El, 0, 1, Eb, 0))) return rc;
  if ((rc = limen_check_range(err, func, "tilt_kT", f, 0, 0, 1e6, 0))) return rc;
  if ((rc = check_bit(bit, err, func))) return rc;
  if ((rc = limen_check_range(err, func, "duration", tau, 0, 1, 1e15, 0))) return rc;
  size_t ns = untilt_stage ? 4 : 3;
  limen_protocol *p;
  if ((rc = limen_protocol_alloc(ns, &p, err))) return rc;
  set_names(p, kind);
  double sf = bit ? f : -f;
  p->potential = limen_potential_quartic;
  p->initial = ctl_well(Eb, 0.0);
  limen_control pts[5] = {ctl_well(Eb, 0), ctl_well(El, 0), ctl_well(El, sf), ctl_well(Eb, sf),
                          ctl_well(Eb, 0)};
  for (size_t k = 0; k < ns; k++) {
    p->segments[k].duration = tau / (double)ns;
    p->segments[k].shape = LIMEN_SHAPE_LINEAR;
    p->segments[k].start = pts[k];
    p->segments[k].end = pts[k + 1];
  }
  p->final = ctl_well(Eb, 0.0);
  if (bit) p->target_lo = 0.0;
  else p->target_hi = 0.0;
  p->args.duration = tau;
  p->args.barrier_kT = Eb;
  p->args.barrier_low_kT = El;
  p->args.tilt_kT = f;
  p->args.bit = bit;
  return finish(out, p, err, func);
}

int limen_protocol_alloc_erasure(double barrier_kT, double barrier_low_kT, double tilt_kT,
                                 int bit, double duration, limen_protocol **out,
                                 limen_error *err) {
  if (!out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  return lower_tilt_raise("erasure", barrier_kT, barrier_low_kT, tilt_kT, bit, duration, 1, out,
                          err, __func__);
}

int limen_protocol_alloc_modulated_write(double barrier_kT, double barrier_low_kT,
                                         double tilt_kT, int bit, double duration,
                                         limen_protocol **out, limen_error *err) {
  if (!out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  return lower_tilt_raise("modulated-write", barrier_kT, barrier_low_kT, tilt_kT, bit, duration,
                          0, out, err, __func__);
}

int limen_protocol_alloc_erasure_optimal(double barrier_kT, double success, double duration,
                                         limen_protocol **out, limen_error *err) {
  if (!out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  int rc;
  if ((rc = limen_check_range(err, __func__, "barrier_kT", barrier_kT, 0, 1, 1e4, 0))) return rc;
  if ((rc = limen_check_range(err, __func__, "success", success, 0.5, 0, 1.0, 1))) return rc;
  if ((rc = limen_check_range(err, __func__, "duration", duration, 0, 1, 1e15, 0))) return rc;
  limen_protocol *p;
  if ((rc = limen_protocol_alloc(1, &p, err))) return rc;
  set_names(p, "erasure-optimal");
  p->potential = limen_potential_transport;
  p->potential_params.barrier_kT = barrier_kT;
  p->potential_params.success = success;
  p->potential_params.duration = duration;
  p->initial = ctl_well(barrier_kT, 0.0);
  p->final = p->initial;
  p->segments[0].duration = duration;
  p->segments[0].start = p->segments[0].end = p->initial;
  p->segments[0].start.path = 0.0;
  p->segments[0].end.path = 1.0;
  p->target_hi = 0.0;
  p->args.duration = duration;
  p->args.barrier_kT = barrier_kT;
  p->args.success = success;
  return finish(out, p, err, __func__);
}

/* One segment of constant control `on` preceded and followed by ramps (or jumps). */
static void pulse(limen_protocol *p, limen_control off, limen_control on, double tau,
                  double ramp) {
  p->initial = p->final = off;
  if (ramp > 0) {
    double tr = ramp * tau;
    p->segments[0] = (limen_protocol_segment){tr, LIMEN_SHAPE_LINEAR, off, on};
    p->segments[1] = (limen_protocol_segment){tau - 2 * tr, LIMEN_SHAPE_HOLD, on, on};
    p->segments[2] = (limen_protocol_segment){tr, LIMEN_SHAPE_LINEAR, on, off};
  } else {
    p->segments[0] = (limen_protocol_segment){tau, LIMEN_SHAPE_HOLD, on, on};
  }
}

int limen_protocol_alloc_static_write(double barrier_kT, double tilt_kT, int bit,
                                      double duration, double ramp_fraction,
                                      limen_protocol **out, limen_error *err) {
  if (!out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  int rc;
  if ((rc = limen_check_range(err, __func__, "barrier_kT", barrier_kT, 0, 1, 1e6, 0))) return rc;
  if ((rc = limen_check_range(err, __func__, "tilt_kT", tilt_kT, 0, 0, 1e6, 0))) return rc;
  if ((rc = check_bit(bit, err, __func__))) return rc;
  if ((rc = limen_check_range(err, __func__, "duration", duration, 0, 1, 1e15, 0))) return rc;
  if ((rc = limen_check_range(err, __func__, "ramp_fraction", ramp_fraction, 0, 0, 0.5, 1)))
    return rc;
  limen_protocol *p;
  if ((rc = limen_protocol_alloc(ramp_fraction > 0 ? 3 : 1, &p, err))) return rc;
  set_names(p, "static-write");
  pulse(p, ctl_well(barrier_kT, 0), ctl_well(barrier_kT, bit ? tilt_kT : -tilt_kT), duration,
        ramp_fraction);
  if (bit) {
    p->initial_hi = 0.0;
    p->target_lo = 0.0;
  } else {
    p->initial_lo = 0.0;
    p->target_hi = 0.0;
  }
  p->args.duration = duration;
  p->args.barrier_kT = barrier_kT;
  p->args.tilt_kT = tilt_kT;
  p->args.bit = bit;
  p->args.ramp_fraction = ramp_fraction;
  return finish(out, p, err, __func__);
}

int limen_protocol_alloc_hopping(int levels, double barrier_kT, int start_level,
                                 int hop_levels, double tilt_kT, double duration,
                                 double ramp_fraction, limen_protocol **out, limen_error *err) {
  if (!out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  int rc;
  if ((rc = limen_check_range(err, __func__, "levels", levels, 2, 0, 1 << 24, 0))) return rc;
  if ((rc = limen_check_range(err, __func__, "barrier_kT", barrier_kT, 0, 0, 1e6, 0))) return rc;
  if ((rc = limen_check_range(err, __func__, "start_level", start_level, 0, 0, levels - 1, 0)))
    return rc;
  if ((rc = limen_check_range(err, __func__, "start_level + hop_levels", start_level + hop_levels,
                              0, 0, levels - 1, 0)))
    return rc;
  if (hop_levels == 0)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "hop_levels = 0: must be nonzero");
  if ((rc = limen_check_range(err, __func__, "tilt_kT", tilt_kT, 0, 0, 1e6, 0))) return rc;
  if ((rc = limen_check_range(err, __func__, "duration", duration, 0, 1, 1e15, 0))) return rc;
  if ((rc = limen_check_range(err, __func__, "ramp_fraction", ramp_fraction, 0, 0, 0.5, 1)))
    return rc;
  limen_protocol *p;
  if ((rc = limen_protocol_alloc(ramp_fraction > 0 ? 3 : 1, &p, err))) return rc;
  set_names(p, "hopping");
  p->potential = limen_potential_washboard;
  p->potential_params.levels = levels;
  pulse(p, ctl_well(barrier_kT, 0), ctl_well(barrier_kT, hop_levels > 0 ? tilt_kT : -tilt_kT),
        duration, ramp_fraction);
  p->initial_lo = start_level - 0.5;
  p->initial_hi = start_level + 0.5;
  p->target_lo = start_level + hop_levels - 0.5;
  p->target_hi = start_level + hop_levels + 0.5;
  p->args.duration = duration;
  p->args.levels = levels;
  p->args.barrier_kT = barrier_kT;
  p->args.start_level = start_level;
  p->args.hop_levels = hop_levels;
  p->args.tilt_kT = tilt_kT;
  p->args.ramp_fraction = ramp_fraction;
  return finish(out, p, err, __func__);
}

int limen_protocol_alloc_hold(double barrier_kT, int bit, double duration, limen_protocol **out,
                              limen_error *err) {
  if (!out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  int rc;
  if ((rc = limen_check_range(err, __func__, "barrier_kT", barrier_kT, 0, 1, 1e4, 0))) return rc;
  if ((rc = check_bit(bit, err, __func__))) return rc;
  if ((rc = limen_check_range(err, __func__, "duration", duration, 0, 1, 1e15, 0))) return rc;
  limen_protocol *p;
  if ((rc = limen_protocol_alloc(1, &p, err))) return rc;
  set_names(p, "hold");
  p->potential = limen_potential_quartic;
  p->initial = p->final = ctl_well(barrier_kT, 0.0);
  p->segments[0] = (limen_protocol_segment){duration, LIMEN_SHAPE_HOLD, p->initial, p->initial};
  if (bit) { /* local equilibrium in the well of `bit`; success: still there */
    p->initial_lo = p->target_lo = 0.0;
  } else {
    p->initial_hi = p->target_hi = 0.0;
  }
  p->args.duration = duration;
  p->args.barrier_kT = barrier_kT;
  p->args.bit = bit;
  return finish(out, p, err, __func__);
}

static int trap(const char *kind, double k, double lf, double tau, int optimal,
                limen_protocol **out, limen_error *err, const char *func) {
  int rc;
  if ((rc = limen_check_range(err, func, "stiffness", k, 0, 1, 1e12, 0))) return rc;
  if ((rc = limen_check_range(err, func, "distance", lf, -1e6, 0, 1e6, 0))) return rc;
  if ((rc = limen_check_range(err, func, "duration", tau, 0, 1, 1e15, 0))) return rc;
  limen_protocol *p;
  if ((rc = limen_protocol_alloc(1, &p, err))) return rc;
  set_names(p, kind);
  p->potential = limen_potential_harmonic;
  p->initial = ctl_trap(k, 0.0);
  p->final = ctl_trap(k, lf);
  limen_protocol_segment *s = &p->segments[0];
  s->duration = tau;
  s->shape = LIMEN_SHAPE_LINEAR;
  if (optimal) { /* c(t) = λ_f (t + 1/k)/(τ + 2/k), Schmiedl & Seifert 2007 */
    s->start = ctl_trap(k, lf * (1.0 / k) / (tau + 2.0 / k));
    s->end = ctl_trap(k, lf * (tau + 1.0 / k) / (tau + 2.0 / k));
  } else {
    s->start = p->initial;
    s->end = p->final;
  }
  p->args.duration = tau;
  p->args.stiffness = k;
  p->args.distance = lf;
  return finish(out, p, err, func);
}

int limen_protocol_alloc_trap_linear(double stiffness, double distance, double duration,
                                     limen_protocol **out, limen_error *err) {
  if (!out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  return trap("trap-linear", stiffness, distance, duration, 0, out, err, __func__);
}

int limen_protocol_alloc_trap_optimal(double stiffness, double distance, double duration,
                                      limen_protocol **out, limen_error *err) {
  if (!out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  return trap("trap-optimal", stiffness, distance, duration, 1, out, err, __func__);
}

int limen_protocol_alloc_stiffness_change(double stiffness_initial, double stiffness_final,
                                          double duration, limen_protocol **out,
                                          limen_error *err) {
  if (!out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  int rc;
  if ((rc = limen_check_range(err, __func__, "stiffness", stiffness_initial, 0, 1, 1e12, 0)))
    return rc;
  if ((rc = limen_check_range(err, __func__, "stiffness_final", stiffness_final, 0, 1, 1e12, 0)))
    return rc;
  if ((rc = limen_check_range(err, __func__, "duration", duration, 0, 1, 1e15, 0))) return rc;
  limen_protocol *p;
  if ((rc = limen_protocol_alloc(1, &p, err))) return rc;
  set_names(p, "stiffness-change");
  p->potential = limen_potential_harmonic;
  p->initial = ctl_trap(stiffness_initial, 0.0);
  p->final = ctl_trap(stiffness_final, 0.0);
  p->segments[0] = (limen_protocol_segment){duration, LIMEN_SHAPE_LINEAR, p->initial, p->final};
  p->args.duration = duration;
  p->args.stiffness = stiffness_initial;
  p->args.stiffness_final = stiffness_final;
  return finish(out, p, err, __func__);
}

/* ---- the library: one row per ready-made protocol ------------------------------------------
 * Each row holds the protocol's name, the limen_protocol_args fields its builder reads (the mask
 * that limen_protocol_args_used reports), the builder, and its defaults where they differ from
 * the common ones of limen_protocol_args_default.  The mask sits next to the builder that it
 * describes; tests/test_protocol.c checks the two against each other. */

#define USES(field) LIMEN_PROTOCOL_ARG_MASK(LIMEN_PROTOCOL_ARG_##field)

typedef struct library_row {
  char name[24];  /* an array, so that names[] below can point into the table */
  unsigned uses;  /* LIMEN_PROTOCOL_ARG_MASK bits of the fields `build` reads */
  int (*build)(const limen_protocol_args *a, limen_protocol **out, limen_error *err);
  void (*defaults)(limen_protocol_args *a); /* NULL: the common defaults */
} library_row;

static int build_erasure(const limen_protocol_args *a, limen_protocol **out, limen_error *err) {
  return limen_protocol_alloc_erasure(a->barrier_kT, a->barrier_low_kT, a->tilt_kT, a->bit, a->duration, out,
                                      err);
}
/* The optimal-erasure potential (potential_transport.c) is built for barriers in [0.5, 1000] kT:
 * a barrier the row allows outside that is named as the input. */
static int build_erasure_optimal(const limen_protocol_args *a, limen_protocol **out, limen_error *err) {
  size_t n = 0;
  const limen_input *rows = limen_protocol_inputs(&n), *row = limen_input_find(rows, n, "barrier");
  int rc = limen_input_check_within(row, a->barrier_kT, 0.5, 0, 1e3, 0, "for erasure-optimal", err);
  if (rc) return rc;
  return limen_protocol_alloc_erasure_optimal(a->barrier_kT, a->success, a->duration, out, err);
}
static int build_modulated_write(const limen_protocol_args *a, limen_protocol **out, limen_error *err) {
  return limen_protocol_alloc_modulated_write(a->barrier_kT, a->barrier_low_kT, a->tilt_kT, a->bit, a->duration,
                                              out, err);
}
static int build_static_write(const limen_protocol_args *a, limen_protocol **out, limen_error *err) {
  return limen_protocol_alloc_static_write(a->barrier_kT, a->tilt_kT, a->bit, a->duration, a->ramp_fraction, out,
                                           err);
}
static int build_hopping(const limen_protocol_args *a, limen_protocol **out, limen_error *err) {
  return limen_protocol_alloc_hopping(a->levels, a->barrier_kT, a->start_level, a->hop_levels, a->tilt_kT,
                                      a->duration, a->ramp_fraction, out, err);
}
static int build_trap_linear(const limen_protocol_args *a, limen_protocol **out, limen_error *err) {
  return limen_protocol_alloc_trap_linear(a->stiffness, a->distance, a->duration, out, err);
}
static int build_trap_optimal(const limen_protocol_args *a, limen_protocol **out, limen_error *err) {
  return limen_protocol_alloc_trap_optimal(a->stiffness, a->distance, a->duration, out, err);
}
static int build_hold(const limen_protocol_args *a, limen_protocol **out, limen_error *err) {
  return limen_protocol_alloc_hold(a->barrier_kT, a->bit, a->duration, out, err);
}
static int build_stiffness_change(const limen_protocol_args *a, limen_protocol **out, limen_error *err) {
  return limen_protocol_alloc_stiffness_change(a->stiffness, a->stiffness_final, a->duration, out, err);
}

static void erasure_defaults(limen_protocol_args *a) { a->duration = 50.0; }
static void modulated_write_defaults(limen_protocol_args *a) {
  a->duration = 50.0;
  a->bit = 1;
}
static void static_write_defaults(limen_protocol_args *a) {
  a->duration = 1.0;
  a->tilt_kT = 10.0;
  a->bit = 1;
}
static void hopping_defaults(limen_protocol_args *a) {
  a->barrier_kT = 4.0;
  a->tilt_kT = 2.0;
}
static void trap_defaults(limen_protocol_args *a) { a->duration = 1.0; }

static const library_row library[] = {
    {"erasure", USES(DURATION) | USES(BARRIER) | USES(BARRIER_LOW) | USES(TILT) | USES(BIT), build_erasure,
     erasure_defaults},
    {"erasure-optimal", USES(DURATION) | USES(BARRIER) | USES(SUCCESS), build_erasure_optimal, NULL},
    {"modulated-write", USES(DURATION) | USES(BARRIER) | USES(BARRIER_LOW) | USES(TILT) | USES(BIT),
     build_modulated_write, modulated_write_defaults},
    {"static-write", USES(DURATION) | USES(BARRIER) | USES(TILT) | USES(BIT) | USES(RAMP_FRACTION),
     build_static_write, static_write_defaults},
    {"hopping",
     USES(DURATION) | USES(BARRIER) | USES(TILT) | USES(LEVELS) | USES(START_LEVEL) | USES(HOP_LEVELS) |
         USES(RAMP_FRACTION),
     build_hopping, hopping_defaults},
    {"trap-linear", USES(DURATION) | USES(STIFFNESS) | USES(DISTANCE), build_trap_linear, trap_defaults},
    {"trap-optimal", USES(DURATION) | USES(STIFFNESS) | USES(DISTANCE), build_trap_optimal, trap_defaults},
    {"stiffness-change", USES(DURATION) | USES(STIFFNESS) | USES(STIFFNESS_FINAL), build_stiffness_change, NULL},
    {"hold", USES(DURATION) | USES(BARRIER) | USES(BIT), build_hold, NULL},
};
#define N_LIBRARY (sizeof library / sizeof library[0])

/* limen_protocol_names(): the names of the rows (address constants into the table). */
static const char *const names[] = {library[0].name, library[1].name, library[2].name, library[3].name,
                                    library[4].name, library[5].name, library[6].name, library[7].name,
                                    library[8].name, NULL};
_Static_assert(sizeof names / sizeof names[0] == N_LIBRARY + 1, "names[] must list every library row");

static const char *const arg_names[LIMEN_PROTOCOL_ARG_COUNT] = {
    [LIMEN_PROTOCOL_ARG_DURATION] = "duration",
    [LIMEN_PROTOCOL_ARG_BARRIER] = "barrier_kT",
    [LIMEN_PROTOCOL_ARG_BARRIER_LOW] = "barrier_low_kT",
    [LIMEN_PROTOCOL_ARG_TILT] = "tilt_kT",
    [LIMEN_PROTOCOL_ARG_BIT] = "bit",
    [LIMEN_PROTOCOL_ARG_SUCCESS] = "success",
    [LIMEN_PROTOCOL_ARG_LEVELS] = "levels",
    [LIMEN_PROTOCOL_ARG_START_LEVEL] = "start_level",
    [LIMEN_PROTOCOL_ARG_HOP_LEVELS] = "hop_levels",
    [LIMEN_PROTOCOL_ARG_STIFFNESS] = "stiffness",
    [LIMEN_PROTOCOL_ARG_STIFFNESS_FINAL] = "stiffness_final",
    [LIMEN_PROTOCOL_ARG_DISTANCE] = "distance",
    [LIMEN_PROTOCOL_ARG_RAMP_FRACTION] = "ramp_fraction",
};

const char *const *limen_protocol_names(void) { return names; }

const char *limen_protocol_arg_name(limen_protocol_arg arg) {
  return (unsigned)arg < LIMEN_PROTOCOL_ARG_COUNT ? arg_names[arg] : NULL;
}

/* The row of `name`, or NULL with LIMEN_ENOTFOUND (or LIMEN_EINVAL for NULL) set in err. */
static const library_row *find_row(const char *name, limen_error *err, const char *func) {
  if (!name) {
    limen_error_set(err, LIMEN_EINVAL, func, "NULL argument");
    return NULL;
  }
  for (size_t i = 0; i < N_LIBRARY; i++)
    if (strcmp(library[i].name, name) == 0) return &library[i];
  char known[512] = "";
  size_t len = 0;
  for (size_t i = 0; i < N_LIBRARY && len < sizeof known; i++)
    len += (size_t)snprintf(known + len, sizeof known - len, "%s%s", i ? ", " : "", library[i].name);
  limen_error_set(err, LIMEN_ENOTFOUND, func, "unknown protocol '%s' (known: %s)", name, known);
  return NULL;
}

int limen_protocol_args_default(const char *name, limen_protocol_args *a, limen_error *err) {
  if (!name || !a) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  const library_row *row = find_row(name, err, __func__);
  if (!row) return LIMEN_ENOTFOUND;
  limen_protocol_args_common(a); /* the table's defaults (protocol_inputs.c) */
  if (row->defaults) row->defaults(a);
  return LIMEN_OK;
}

int limen_protocol_args_used(const char *name, unsigned *mask, limen_error *err) {
  if (!name || !mask) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  const library_row *row = find_row(name, err, __func__);
  if (!row) return LIMEN_ENOTFOUND;
  *mask = row->uses;
  return LIMEN_OK;
}

int limen_protocol_alloc_named(const char *name, const limen_protocol_args *args,
                               limen_protocol **out, limen_error *err) {
  if (!name || !out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  limen_protocol_args d;
  int rc = limen_protocol_args_default(name, &d, err);
  if (rc) return rc;
  const library_row *row = find_row(name, NULL, __func__);
  if (args && (rc = limen_protocol_args_check(name, args, err)))
    return rc; /* the message names the input, as given, and the protocol where it matters */
  rc = row->build(args ? args : &d, out, err);
  if (rc) return limen_error_wrap(err, rc, __func__, "protocol '%s'", name);
  return LIMEN_OK;
}
