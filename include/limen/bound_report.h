/* SPDX-License-Identifier: GPL-3.0-or-later
 * bound_report.h: the cost of one elementary memory operation (theory §2–3) as a report — the
 * inputs used, the results with their units (energies in kT, kT·ln2, J and eV), the method and
 * where it is valid — for each kind of operation `limen bound` offers: landauer, finite-time,
 * static-write, hop, retention, kramers, mfpt.  The report is data (named rows); printing it is
 * the caller's.  Units as in cell.h unless a key ends in _s, _J, _eV, _K. */
#ifndef LIMEN_BOUND_REPORT_H
#define LIMEN_BOUND_REPORT_H

#include <stddef.h>

#include "limen/cell.h"
#include "limen/common.h"
#include "limen/input.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The inputs a report can read, one bit each in limen_bound_kind.uses. */
typedef enum {
  LIMEN_BOUND_IN_BARRIER, LIMEN_BOUND_IN_TILT, LIMEN_BOUND_IN_WELL, LIMEN_BOUND_IN_LEVELS,
  LIMEN_BOUND_IN_SUCCESS, LIMEN_BOUND_IN_TAU, LIMEN_BOUND_IN_TAU0, LIMEN_BOUND_IN_TEMPERATURE,
  LIMEN_BOUND_IN_WRITE_FAIL, LIMEN_BOUND_IN_RETENTION_TIME, LIMEN_BOUND_IN_RETENTION_FAIL,
  LIMEN_BOUND_IN_MOVE, LIMEN_BOUND_IN_RATE_DT, LIMEN_BOUND_IN_COUNT
} limen_bound_input;
#define LIMEN_BOUND_IN_MASK(i) (1u << (i))

typedef struct limen_bound_kind {
  const char *name;  /* "landauer", "finite-time", ...                                  */
  const char *title; /* one line, e.g. "(L) Landauer erasure of one bit, ..."            */
  unsigned uses;     /* the inputs the kind reads (LIMEN_BOUND_IN_MASK bits); others unused */
} limen_bound_kind;

/* The kinds, NULL-terminated, in the order above. */
LIMEN_API const limen_bound_kind *const *limen_bound_kinds(void);
/* A kind by name; LIMEN_ENOTFOUND listing the names. */
LIMEN_API int limen_bound_kind_find(const char *name, const limen_bound_kind **out, limen_error *err);

typedef struct limen_bound_inputs {
  double barrier_kT;       /* E_b; NaN: the retention barrier E_ret of retention_time_s and
                              retention_fail (limen_retention_barrier)              [NaN]      */
  double tilt_kT;          /* f (per level for the washboard)                        [0]        */
  limen_well_kind well;    /* kramers, mfpt                                          [quartic]  */
  int levels;              /* washboard levels M                                     [2]        */
  double success;          /* P_s of an erasure                                      [1]        */
  double tau_s;            /* erasure time τ (finite-time), write time τ_w (static)  [1e-6 s]   */
  double tau0_s;           /* intrinsic time τ₀ = γa²/kT                             [1e-9 s]   */
  double temperature_K;    /* T                                                      [300 K]    */
  double write_fail;       /* p_w of a static write                                  [1e-6]     */
  double retention_time_s; /* τ_ret                                                  [10 y]     */
  double retention_fail;   /* p_ret over τ_ret                                       [1e-6]     */
  double move_levels;      /* m, net levels moved by one hop update                  [1]        */
  double rate_dt;          /* r·Δt: zero-tilt hop rate times the update window       [1]        */
} limen_bound_inputs;

LIMEN_API limen_bound_inputs limen_bound_inputs_default(void);

/* The numeric inputs as a user gives them (input.h rows: barrier, tilt, levels, success, tau,
 * tau0, temperature, write-fail, retention-time, retention-fail, move, rate-dt — `limen bound`'s
 * options), in the order of limen_bound_input without the well; limen_bound_inputs_default takes
 * its defaults from them (barrier NaN: the retention barrier, LIMEN_INPUT_UNSET_NAN). */
LIMEN_API const limen_input *limen_bound_inputs_table(size_t *n);
/* The row of one input; NULL for LIMEN_BOUND_IN_WELL (a choice, not a number). */
LIMEN_API const limen_input *limen_bound_input_row(limen_bound_input which);
/* Check the inputs `kind` reads against the rows (and the well): LIMEN_EINVAL
 * "limen_bound_inputs: <member> = <v>: allowed range <range>".  limen_bound_report_compute
 * calls it first. */
LIMEN_API int limen_bound_inputs_check(const limen_bound_kind *kind, const limen_bound_inputs *in,
                                       limen_error *err);

/* The wells by name, the default first, NULL-terminated: "quartic", "washboard" (limen_well_kind
 * order); set in->well by name: LIMEN_ENOTFOUND "well = '<name>': allowed quartic, washboard",
 * err->field "well". */
LIMEN_API const char *const *limen_bound_well_names(void);
LIMEN_API int limen_bound_inputs_set_well(limen_bound_inputs *in, const char *name, limen_error *err);

/* The inputs a user gave for `kind` (given: LIMEN_BOUND_IN_MASK bits of those given; the others
 * hold limen_bound_inputs_default): an input `kind` does not read, "<name> does not apply to
 * 'bound <kind>'", and levels without the washboard well, "levels needs --well washboard"
 * (LIMEN_EINVAL; the message starts with the input's name, the row's or "well", which is also
 * err->field). */
LIMEN_API int limen_bound_inputs_given_check(const limen_bound_kind *kind, const limen_bound_inputs *in,
                                             unsigned given, limen_error *err);
/* The well of the kinds that read the barrier: the barrier it uses (limen_bound_inputs_barrier;
 * when that fails, "default --barrier: retention barrier: <cause>") and, for the kinds that read
 * the tilt, a tilt that leaves a barrier: LIMEN_EINVAL "tilt = <f>: the barrier of <E_b> kT
 * vanishes at |tilt| >= <f_c> kT (<f_c of the well>); allowed range (-f_c, f_c) kT", err->field
 * "tilt" (limen_well_critical_tilt).  prec NULL = defaults. */
LIMEN_API int limen_bound_inputs_well_check(const limen_bound_kind *kind, const limen_bound_inputs *in,
                                            const limen_precision *prec, limen_error *err);

/* The barrier a report uses: in->barrier_kT, or when that is NaN the retention barrier of
 * in->retention_time_s/in->tau0_s and in->retention_fail (limen_retention_barrier). */
LIMEN_API int limen_bound_inputs_barrier(const limen_bound_inputs *in, const limen_precision *prec,
                                         double *barrier_kT, limen_error *err);

/* One named number (text NULL) or text of a report. */
typedef struct limen_report_row {
  const char *key;   /* JSON-style key, e.g. "energy_kT"                                  */
  const char *label; /* human label ("" continues the row above in another unit)         */
  const char *unit;  /* "" for dimensionless                                             */
  double value;      /* NaN for a text row                                               */
  const char *text;  /* non-NULL: a text row                                             */
  int input;         /* 1: an input the result was computed from; 0: a result           */
} limen_report_row;

#define LIMEN_BOUND_REPORT_ROWS 32
typedef struct limen_bound_report {
  const limen_bound_kind *kind;
  size_t n_rows;
  limen_report_row rows[LIMEN_BOUND_REPORT_ROWS];
  const char *method;   /* how the numbers were computed                                  */
  const char *validity; /* where they hold                                                */
  /* storage the rows and texts point into */
  char keys_[16][48];
  size_t n_keys_;
  char method_[512], validity_[512];
  char texts_[8][64]; /* values beyond a double, written as text ("e^793.4 τ₀: beyond a double") */
  size_t n_texts_;
} limen_bound_report;

/* Compute the report of `kind` from `in` (only the inputs kind->uses are read; prec NULL =
 * defaults; its kramers_min_barrier_kT is where the escape rates switch from Kramers to the
 * exact MFPT and where a Kramers rate is called valid).  The tilt of kramers and mfpt must
 * be below the well's critical tilt (limen_well_critical_tilt): LIMEN_EINVAL otherwise. */
LIMEN_API int limen_bound_report_compute(const limen_bound_kind *kind, const limen_bound_inputs *in,
                                         const limen_precision *prec, limen_bound_report *out,
                                         limen_error *err);

#ifdef __cplusplus
}
#endif
#endif
