/* limen — energy-dissipation bounds for training in physical memory.
 * Copyright (C) 2026 the limen authors. SPDX-License-Identifier: GPL-3.0-or-later
 *
 * common.h: status codes, the error trace, version and the accuracy parameters.
 *
 * Every fallible library function returns an int status (LIMEN_OK = 0) and takes a
 * `limen_error *` as its last argument (may be NULL).  On failure the error holds two texts,
 * both built from the innermost cause outwards:
 *   msg    the message in a user's terms: context words ("paradigm 'cim-static'") and the input
 *          as the user gave it, never a function name of the library:
 *              "paradigm 'cim-static': static write: write-time = 1e-18 s: ..."
 *   trace  the same with every function name that set or wrapped it, in the CLASS style, for
 *          debugging (the tool's --debug prints it):
 *              "limen_project: paradigm 'cim-static': cim_static: static write: ..."
 * The library never prints, exits or aborts.
 */
#ifndef LIMEN_COMMON_H
#define LIMEN_COMMON_H

#include <stdarg.h>
#include <stddef.h>

/* LIMEN_API marks what liblimen.so exports: every function and object declared in
 * include/limen.  The library is compiled with hidden visibility, so nothing else (the
 * layers' internal helpers) is visible to a program that links the shared library. */
#if defined(__GNUC__) || defined(__clang__)
#define LIMEN_API __attribute__((visibility("default")))
#else
#define LIMEN_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. */
enum {
  LIMEN_OK = 0,
  LIMEN_EINVAL = 1,   /* an input is outside its allowed range (the message names it)   */
  LIMEN_ENOTFOUND = 2,/* an unknown name: model, profile, paradigm, protocol, task       */
  LIMEN_EPARSE = 3,   /* malformed input file (JSON, CSV)                                 */
  LIMEN_EIO = 4,      /* a file could not be read or written                             */
  LIMEN_ENOMEM = 5,   /* allocation failed                                               */
  LIMEN_ENUMERIC = 6, /* a numerical method failed (quadrature, root finding, overflow)  */
  LIMEN_ERANGE = 7,   /* a result is not representable (would overflow a double)         */
  LIMEN_EINTERNAL = 8,/* a bug: an invariant of the library was violated                 */
  LIMEN_EINTERRUPTED = 9 /* a run stopped early when asked to (checkpoint.h): not a failure
                            of the inputs; its checkpoint continues it                    */
};

#define LIMEN_ERROR_MSG_MAX 2048
#define LIMEN_ERROR_FIELD_MAX 64
#define LIMEN_ERROR_VALUE_MAX 64
#define LIMEN_ERROR_RANGE_MAX 256

/* The structured fields (field, value, range) say which input a failure is about, so that a
 * front end (a language binding) can report it without reading the message.  They are set by
 * the range checks (limen_check_range, limen_check_positive), by the input-table functions
 * (limen_input_check, limen_input_parse, limen_input_check_given, limen_inputs_set_text,
 * limen_inputs_set_value, limen_input_lookup, limen_inputs_json_each, limen_inputs_from_json)
 * and by limen_error_set_fields; every other failure leaves them empty (limen_error_set and
 * limen_error_setv clear them; limen_error_wrap keeps them).  They name the input exactly as the
 * message does:
 *   field  the input: a struct member ("barrier_kT") for a stored value, the name as given
 *          ("bits", or an alias) for a value given by a user; for an unknown name, what kind
 *          of name it is ("input", "key", or the `what` of limen_input_lookup);
 *   value  the value as the message writes it: "%.10g" of a number, the text as given, a JSON
 *          type ("string"), or the unknown name;
 *   range  the allowed range as the message writes it ("[1, 64] bits", "(0, inf)"); for an
 *          unknown name, the allowed names ("bits, time, ..."); "" when none applies.
 * Each is truncated to its size (NUL-terminated). */
typedef struct limen_error {
  int code;                       /* one of the LIMEN_E* codes, LIMEN_OK when clear */
  char msg[LIMEN_ERROR_MSG_MAX];  /* the message in a user's terms                */
  char field[LIMEN_ERROR_FIELD_MAX]; /* the input the failure is about, or ""     */
  char value[LIMEN_ERROR_VALUE_MAX]; /* its value as the message writes it, or "" */
  char range[LIMEN_ERROR_RANGE_MAX]; /* the allowed range (or names), or ""       */
  char trace[LIMEN_ERROR_MSG_MAX];   /* msg with the function names (debugging)    */
} limen_error;

/* Clear an error (sets code LIMEN_OK, an empty message and empty structured fields). NULL is
 * allowed. */
LIMEN_API void limen_error_clear(limen_error *err);

/* Set the structured fields of a failure already recorded (NULL arguments give ""; err NULL is
 * allowed), for a check outside the input tables that names one input. */
/* A bad input named `field` whose message starts with the input's own name and carries no
 * function prefix (a front end puts its own spelling, "--", before it); value and range (NULL:
 * empty) fill the structured fields.  Returns code. */
LIMEN_API int limen_error_input(limen_error *err, int code, const char *field, const char *value,
                                const char *range, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
LIMEN_API void limen_error_set_fields(limen_error *err, const char *field, const char *value, const char *range);

/* Record a new failure: msg = "<func>: <formatted>", structured fields cleared. Returns `code`
 * so that callers write
 *     return limen_error_set(err, LIMEN_EINVAL, __func__, "x = %g: must be > 0", x);
 * A func that is a function name (a C identifier with an underscore: limen_…, hop_apply) is not
 * shown in msg, only in trace: messages speak of the inputs and quantities a user gave, with
 * context words ("workload", "learning path") where they help; the same holds for
 * limen_error_wrap. */
LIMEN_API int limen_error_set(limen_error *err, int code, const char *func, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The one setter under it: msg = trace = "<prefix><formatted>" (prefix verbatim; NULL = none),
 * structured fields cleared, for callers whose messages carry their own context (the tool's
 * "--option = …" messages). */
/* err set to exactly the formatted message, no prefix (a message that names its input or file
 * first, for front ends to put their own spelling before it).  Returns code. */
LIMEN_API int limen_error_plain(limen_error *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
LIMEN_API int limen_error_setv(limen_error *err, int code, const char *prefix, const char *fmt,
                               va_list ap) __attribute__((format(printf, 4, 0)));

/* Add context around an existing failure: msg = "<func>: <formatted>: <old msg>" (trace
 * likewise, around the old trace); the structured fields are kept.  A message about one input
 * that starts with the input's name (err->field, a name as a user gives it: no underscore, unlike
 * the struct members and parameters that limen_check_range names) keeps that start, so that a front end can put
 * its own spelling before it ("--write-time = ..."): the context then goes to the trace only.  Returns err->code (or
 * `fallback` when err is NULL). */
LIMEN_API int limen_error_wrap(limen_error *err, int fallback, const char *func, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Human name of a status code ("invalid input", ...). */
LIMEN_API const char *limen_strstatus(int code);

/* The near miss of an unknown name: the item of the comma-separated list closest to `given`
 * (edit distance after folding case and dropping - _ . and blanks, at most a third of the
 * length plus one), copied into buf and returned; "" when none is close. */
LIMEN_API const char *limen_suggest(const char *given, const char *list, char *buf, size_t cap);
/* The same as the phrase a message puts after the unknown name: " (did you mean 'X'?)", or "". */
LIMEN_API const char *limen_suggest_note(const char *given, const char *list, char *buf, size_t cap);

/* Range checks that produce the standard bad-input message
 *     "<func>: <field> = <value>: allowed range <range>"
 * and set the structured fields to field, value and range.  They reject NaN and infinities.
 * `lo_open`/`hi_open` select open ends; use -HUGE_VAL / HUGE_VAL for an unbounded side. */
LIMEN_API int limen_check_range(limen_error *err, const char *func, const char *field, double value,
                      double lo, int lo_open, double hi, int hi_open);
/* value > 0 and finite. */
LIMEN_API int limen_check_positive(limen_error *err, const char *func, const char *field, double value);

/* A number as every output of limen writes it: "%.10g", "0" for zero, or nan / inf / -inf
 * spelled out (10 significant digits); returns buf. */
LIMEN_API const char *limen_format_number(char *buf, size_t n, double v);

/* Point i of n on a grid from lo to hi: evenly spaced, or evenly in log when log_spaced (lo,
 * hi > 0).  Point 0 is lo and point n − 1 is hi exactly; n ≤ 1 gives lo. */
LIMEN_API double limen_grid_point(double lo, double hi, size_t i, size_t n, int log_spaced);

/* Library version, "MAJOR.MINOR.PATCH". */
LIMEN_API const char *limen_version(void);

/* Turn GSL's abort-on-error handler off (idempotent, thread-safe to call repeatedly).
 * Every library entry point that uses GSL calls it; it is public so that programs that
 * use GSL themselves can see what limen does. */
LIMEN_API void limen_gsl_quiet(void);

/* ---- accuracy parameters ------------------------------------------------------
 * Every accuracy knob of the library, in one struct (CLASS style).  Functions that take a
 * `const limen_precision *` accept NULL for the defaults of limen_precision_default(). */
typedef struct limen_precision {
  double quad_epsabs;      /* absolute tolerance of adaptive quadrature (GSL QAG/QAGI)  [1e-13] */
  double quad_epsrel;      /* relative tolerance of adaptive quadrature                 [1e-10] */
  size_t quad_limit;       /* workspace intervals of adaptive quadrature                 [2000] */
  double root_epsrel;      /* relative tolerance of 1-D root finding (Brent)           [1e-12] */
  int root_max_iter;       /* iteration cap of root finding                              [200]  */
  double kramers_min_barrier_kT; /* below this tilted barrier, use the exact MFPT, not Kramers [5] */
  double quad_tail_kT;     /* integrals of e^{∓U} over unbounded ranges are cut where U exceeds
                              its reference (a well minimum) by this (kT): the neglected tail
                              is below e^{−cut} of the integral                          [250] */
  double quad_round_slack; /* a quadrature piece that GSL stops for round-off (GSL_EROUND) is
                              accepted when its error estimate is at most this factor times
                              the requested max(epsabs, epsrel·|result|); ≥ 1          [1e3]  */
  size_t eq_sample_cells;  /* cells of the piecewise-constant envelope of the exact
                              equilibrium sampler (Langevin initial condition), ≥ 16   [8192] */
  double eq_sample_cut_kT; /* the sampler's grid covers where U − min U ≤ this (kT); the
                              weight left out is below e^{−cut}                         [40]   */
  size_t support_scan_points; /* points of the scan that finds a potential's support
                              (limen_potential_support): the edges are resolved to one
                              scan cell, (b − a)/(points − 1), ≥ 101                    [4001] */
  size_t support_time_samples; /* times per protocol segment at which the Fokker–Planck
                              solver takes the support when it chooses its domain, ≥ 2  [64]   */
} limen_precision;

LIMEN_API limen_precision limen_precision_default(void);

/* ---- the memo of cell quantities ------------------------------------------------------------
 * The expensive quantities that depend only on the cell — the retention barrier E_ret, the
 * finite-time coefficient B(E_b, P_s), the static write at (E_b, τ_w, p_w), Kramers rates — are
 * kept in a process-wide memo keyed by their exact inputs and precision, so that sweeps,
 * figures and loops of projections compute each distinct cell once.  A hit returns exactly
 * what the computation returned, so results do not depend on the memo.  On by default;
 * thread-safe. */
LIMEN_API void limen_cache_enable(int on);
/* Forget every stored value and zero the counts. */
LIMEN_API void limen_cache_clear(void);
/* Lookups that hit and that missed since the last clear (either may be NULL). */
LIMEN_API void limen_cache_stats(unsigned long long *hits, unsigned long long *misses);

#ifdef __cplusplus
}
#endif
#endif /* LIMEN_COMMON_H */
