/* SPDX-License-Identifier: GPL-3.0-or-later
 * workload.h: the training workload of theory §1 and the model catalog (data/models.json).
 *
 * A workload is a set of model-agnostic inputs (N, D, C, batch, bits, training time, ...)
 * plus the cell/protocol knobs the paradigms of paradigm.h need (retention, write failure,
 * success probability, consolidation period, learning-rate schedule of the LIM path).
 * Every numeric input is described once, in the table of limen_workload_inputs() (input.h):
 * name, unit, allowed range, default and documentation.  The defaults
 * (limen_workload_default), the range checks (limen_workload_validate), access by name
 * (limen_workload_set/get) and the tool's options come from that table.  Derived quantities
 * (C, K, OPS, τ_op) come from one function, limen_workload_derive.  SI units throughout:
 * seconds, kelvin, joules. */
#ifndef LIMEN_WORKLOAD_H
#define LIMEN_WORKLOAD_H

#include <stddef.h>

#include "limen/bounds.h"
#include "limen/common.h"
#include "limen/input.h"
#include "limen/path.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What counts as one elementary memory-update operation (theory §1). */
typedef enum {
  LIMEN_OPS_PER_FLOP = 0,          /* OPS = C: every training FLOP writes a result (default)  */
  LIMEN_OPS_PER_PARAMETER_STEP = 1 /* OPS = N·K: one parameter update per parameter per step  */
} limen_ops_convention;

/* "per-flop" / "per-parameter-step". */
LIMEN_API const char *limen_ops_convention_name(limen_ops_convention c);
/* Parse a convention name; LIMEN_ENOTFOUND listing the allowed names. */
LIMEN_API int limen_ops_convention_parse(const char *name, limen_ops_convention *out, limen_error *err);

#define LIMEN_WORKLOAD_NAME_MAX 64

/* The workload.  Each numeric member is one row of limen_workload_inputs() (named there by
 * its option spelling, e.g. train_time_s is "time"), which gives its unit, range, default and
 * meaning; the comments below give only the symbol.  Members that are ≤ 0 by default
 * (flops, parallel_cells, write_time_s, hops_per_level) mean "derived" (see the table). */
typedef struct limen_workload {
  char name[LIMEN_WORKLOAD_NAME_MAX]; /* label only ("brain-scale")                               */

  /* ---- size of the training job ------------------------------------------------------- */
  double params;               /* N                                                             */
  double tokens;               /* D                                                             */
  double flops;                /* C; ≤ 0 → c_f·N·D                                              */
  double flops_per_param_token;/* c_f                                                           */
  double batch_tokens;         /* B_s (also at most D); K = D/B_s                               */
  limen_ops_convention ops;    /* OPS convention [per-flop]                                     */
  double bits;                 /* n                                                             */
  double train_time_s;         /* T_train                                                       */
  double temperature_K;        /* T                                                             */
  double parallel_cells;       /* P; ≤ 0 → N                                                    */
  double tau0_s;               /* τ₀                                                            */

  /* ---- cell and protocol knobs ---------------------------------------------------------- */
  double retention_time_s;     /* τ_ret                                                         */
  double retention_fail;       /* p_ret                                                         */
  double write_fail;           /* p_w                                                           */
  double success;              /* P_s                                                           */
  double consolidation_period_s;/* T_c                                                          */
  double write_time_s;         /* τ_w; ≤ 0 → τ_op                                               */
  double bytes_per_flop;       /* off-chip bytes per FLOP                                       */
  double pue;                  /* facility overhead of the accelerator paradigms                */

  /* ---- learning path of lim-matched (theory (H)+(A)) ------------------------------------
   * The parameter moves by η_k·g per step k (in parameter units), i.e. m_k = η_k·g/ε levels
   * with ε = limen_level_size(range, n, LIMEN_LEVELS_BINS) = range/2^n.  The cell's hop rate
   * is matched to the learning rate (A) such that the drift-to-diffusion ratio
   * ρ = m_k/(2 r_k Δt) is the same at every step; then the tilt per level f = 2·asinh(ρ) is
   * constant and e_H(m_k) = m_k·f kT (theory (H)). */
  limen_lr_kind lr_kind;       /* schedule η(k), k in steps [LIMEN_LR_INVERSE]                  */
  double lr_eta0;              /* η(0)                                                          */
  double lr_t0_frac;           /* inverse: t0 = lr_t0_frac·K                                    */
  double lr_eta_min_frac;      /* cosine: η_min = lr_eta_min_frac·η0, t_end = K                 */
  double grad_scale;           /* g                                                             */
  double param_range;          /* full range of a parameter                                     */
  double drift_diffusion_ratio;/* ρ                                                             */
  double hops_per_level;       /* H; ≤ 0 → the least H that keeps n bits (theory (P))           */

  /* ---- a measured learning path (path.h), or NULL: the schedule above -----------------
   * Not owned: the caller keeps it alive while the workload is used.  It replaces the assumed
   * path of lim-matched and the dense update count of cim-static and lim-finite-time by the
   * measured moves and writes, scaled to this workload (docs/path.md, "Projecting a path"):
   * per-parameter, per-step figures as measured, N and K from the workload.  The path must
   * have been recorded at this workload's bits and param_range. */
  const limen_learning_path *path;
} limen_workload;

/* The table of the workload's numeric inputs, one row per member above (input.h), in the order
 * of the tool's options; *n gets the row count (n may be NULL). */
LIMEN_API const limen_input *limen_workload_inputs(size_t *n);

/* The brain-scale workload (N = 1e15, D = C/(6N), C = 1e28 FLOPs; see data/models.json and
 * data/README.md for the choice): every input at the default of limen_workload_inputs(),
 * ops per-flop, lr_kind inverse. */
LIMEN_API limen_workload limen_workload_default(void);

/* Check every input against its row of limen_workload_inputs(), B_s ≤ D and the enums; on
 * failure LIMEN_EINVAL with "member = value: allowed range ...". */
LIMEN_API int limen_workload_validate(const limen_workload *w, limen_error *err);

/* A measured learning path scaled to a workload (docs/path.md, "Projecting a path"): measured
 * step j (of K_m, with P parameters) stands for K/K_m steps of the workload's K, each of its
 * N parameters moving and writing as the measured parameters did on average. */
typedef struct limen_path_scaled {
  int given;              /* 1: the workload has a path; the rest is 0 otherwise                 */
  double step_scale;      /* K/K_m                                                               */
  double levels;          /* S = (K/K_m)·Σ_j path_levels_j/P, levels per parameter               */
  double fast_levels;     /* the largest move of one parameter in one step, levels               */
  double max_mean_levels; /* the largest mean move per parameter of a step, levels                */
  double last_mean_levels;/* the last step's mean move per parameter, levels                      */
  double writes;          /* N·(K/K_m)·Σ_j changed_j/P: writes that change a stored level         */
  double bit_flips;       /* N·(K/K_m)·Σ_j bit_flips_j/P: bits those writes flip                  */
} limen_path_scaled;

/* Quantities derived from a workload, computed in one place. */
typedef struct limen_workload_derived {
  double flops;          /* C (given or c_f·N·D)                                  */
  double steps;          /* K = D/B_s                                             */
  double ops;            /* OPS per the convention                                */
  double parallel_cells; /* P (N when the workload says ≤ 0)                      */
  double tau_op_s;       /* τ_op = T_train·P/OPS                                  */
  double tau_op_tau0;    /* τ_op/τ₀                                               */
  double write_time_s;   /* τ_w (τ_op when the workload says ≤ 0)                 */
  double step_time_s;    /* Δt = T_train/K, wall-clock time of one training step  */
  double kT_J;           /* kT at the workload temperature                        */
  double level_size;     /* ε = limen_level_size(param_range, n, LIMEN_LEVELS_BINS)
                            = param_range/2^n (bounds.h)                          */
  limen_path_scaled path;/* the workload's learning path, scaled (given = 0: none) */
} limen_workload_derived;

/* Validate, then derive.  Products are formed in logarithms: LIMEN_ERANGE when C, OPS or
 * OPS·n·kT·1e6 (head-room for per-operation costs up to 1e6 kT) would overflow a double, or
 * when τ_op underflows. */
LIMEN_API int limen_workload_derive(const limen_workload *w, limen_workload_derived *d, limen_error *err);

/* Input access by name (a row's name or alias in limen_workload_inputs(), e.g. "time" for
 * train_time_s), for sweeps and config files; LIMEN_ENOTFOUND listing the names when unknown.
 * set does not validate (call limen_workload_validate afterwards). */
LIMEN_API int limen_workload_set(limen_workload *w, const char *field, double value, limen_error *err);
LIMEN_API int limen_workload_get(const limen_workload *w, const char *field, double *value, limen_error *err);
/* NULL-terminated list of the row names of limen_workload_inputs(). */
LIMEN_API const char *const *limen_workload_fields(void);

/* ---- model catalog (data/models.json) ------------------------------------------------ */

#define LIMEN_MODEL_TEXT_MAX 1024

/* One catalog row.  Numbers that the JSON gives as null are NaN here (isnan() tests them). */
typedef struct limen_model {
  char name[LIMEN_WORKLOAD_NAME_MAX];      /* key, e.g. "gpt-3"                                 */
  char display[128];                       /* e.g. "GPT-3 175B"                                 */
  double params;                           /* N                                                 */
  double tokens;                           /* D                                                 */
  double flops;                            /* C; NaN → c_f·N·D                                  */
  double batch_tokens;                     /* B_s; NaN → not published (the workload default,
                                              at most D, is used)                              */
  int year;                                /* year of publication                               */
  double published_energy_kWh;             /* published training energy; NaN when none          */
  char energy_basis[128];                  /* "facility (PUE 1.1 included)", "GPU-only", ...    */
  char hardware[128];                      /* e.g. "10,000 V100"                                */
  char hardware_profile[64];               /* limen profile of that hardware ("" when none)     */
  double published_pue;                    /* facility overhead included in the published energy;
                                              NaN when it is a board/GPU-level figure          */
  char source[LIMEN_MODEL_TEXT_MAX];       /* public source of N, D, C                          */
  char energy_source[LIMEN_MODEL_TEXT_MAX];/* public source of the energy ("" when none)        */
  char notes[LIMEN_MODEL_TEXT_MAX];
} limen_model;

typedef struct limen_catalog {
  size_t count;
  limen_model *models;
} limen_catalog;

/* Load a catalog.  path NULL → limen_data_file("models.json").  Strict: a row must have
 * exactly the fields {name, display, params, tokens, flops, batch_tokens, year,
 * published_energy_kWh, energy_basis, hardware, hardware_profile, published_pue, source,
 * energy_source, notes}; published_pue null or in [1, 10]; unknown or
 * missing fields, wrong types, non-positive numbers, duplicate names or over-long strings give
 * LIMEN_EPARSE with "file: row i (name): field: why". */
LIMEN_API int limen_catalog_load(const char *path, limen_catalog **out, limen_error *err);
/* A user's own rows on top (overlay.c): extra's rows replace c's rows of the same name or are
 * appended after them. */
LIMEN_API int limen_catalog_merge(limen_catalog *c, const limen_catalog *extra, limen_error *err);
/* The built-in catalog with files[0 … n−1] merged on top in order, each read and checked as the
 * built-in file is (limen_catalog_load: a row without its source is an error). */
LIMEN_API int limen_catalog_load_with(const char *const *files, size_t n, limen_catalog **out, limen_error *err);
LIMEN_API void limen_catalog_free(limen_catalog *c);
/* Find a row by name (case-sensitive); LIMEN_ENOTFOUND listing every name. */
LIMEN_API int limen_catalog_find(const limen_catalog *c, const char *name, const limen_model **out,
                       limen_error *err);

/* A workload from a catalog row: N, D, C, B_s and name from the row, every other field from
 * limen_workload_default(). */
LIMEN_API int limen_workload_from_model(const limen_model *m, limen_workload *w, limen_error *err);

/* Published training energy of a row in J (NaN when none). */
LIMEN_API double limen_model_published_energy_J(const limen_model *m);

/* The catalog row `name` as a workload (limen_workload_from_model), and the row in *row (may be
 * NULL).  An unknown name gives LIMEN_ENOTFOUND "model = '<name>': unknown model; allowed a, b, ...". */
LIMEN_API int limen_workload_from_catalog(const limen_catalog *c, const char *name, limen_workload *w,
                                          const limen_model **row, limen_error *err);

/* ---- a workload from named inputs: the rules every front end applies -------------------------
 * A front end (the tool's options and --config, a language binding's keywords) fills a request
 * with what its user gave; limen_workload_setup_build combines it with the catalog:
 *   - the workload starts from the catalog row `model` (default: limen_workload_default()'s
 *     row, brain-scale); N, D, C and B_s come from the row, every other input from its default;
 *   - model and params exclude each other; params needs tokens; params makes the workload
 *     "custom" (N, D given; B_s its default);
 *   - when params, tokens or flops-per-param-token is given and flops is not, C = c_f·N·D;
 *   - every given input overrides; B_s ≤ D; ops and lr-schedule by name; then the workload is
 *     validated and derived (an unrepresentable result is an input error, LIMEN_EINVAL).
 * Error messages that are about one input start with its name ("batch-tokens = 1e+07: allowed
 * range [1, D = 1e+06]", "params: needs --tokens ..."; other inputs are named by their option
 * spelling, as in the input table's docs) and setup->error_input names it, so that a front end
 * can put its own spelling before it ("--"); other messages start with "workload: ". */

#define LIMEN_WORKLOAD_INPUTS_MAX 32

/* Where a workload input's value came from. */
typedef enum {
  LIMEN_ORIGIN_DEFAULT = 0, /* the input table's default                                  */
  LIMEN_ORIGIN_CATALOG = 1, /* the catalog row                                            */
  LIMEN_ORIGIN_DERIVED = 2, /* derived from other inputs (C = c_f·N·D)                     */
  LIMEN_ORIGIN_GIVEN = 3,   /* given by the user                                           */
  LIMEN_ORIGIN_PATH = 4     /* from the learning path (bits, param-range)                  */
} limen_input_origin;

typedef struct limen_workload_request {
  const char *model;       /* catalog row, or NULL: the default row                        */
  const char *ops;         /* OPS convention name, or NULL: per-flop                        */
  const char *lr_schedule; /* learning-rate schedule name, or NULL: inverse                 */
  const char *name;        /* a label for a custom workload (with params), or NULL: "custom";
                              1 to LIMEN_WORKLOAD_NAME_MAX − 1 printable characters          */
  /* row i of limen_workload_inputs(): given[i] nonzero when value[i] was given; source[i] says
     how, for the assumption lines ("given by --bits"), NULL: "given"                        */
  double value[LIMEN_WORKLOAD_INPUTS_MAX];
  int given[LIMEN_WORKLOAD_INPUTS_MAX];
  const char *source[LIMEN_WORKLOAD_INPUTS_MAX];
  /* a measured learning path (not owned), or NULL; its bits and range become the workload's
     (a different given value is an error), the learning-rate inputs are then refused       */
  const limen_learning_path *learning_path;
  const char *learning_path_source; /* where it came from, for the assumption lines, or NULL */
} limen_workload_request;

/* Nothing given. */
LIMEN_API void limen_workload_request_init(limen_workload_request *r);
/* Give input `name` (a row's name or alias) as a number or as text, checked as by
 * limen_inputs_set_value / limen_inputs_set_text (messages "<name> = ...: allowed range ...");
 * a duration as text may be cell time ("100tau0"), converted with the request's tau0 when it
 * was given before, else the default τ₀ (limen_input_parse_cell_time). */
LIMEN_API int limen_workload_request_set(limen_workload_request *r, const char *name, double value,
                                         limen_error *err);
LIMEN_API int limen_workload_request_set_text(limen_workload_request *r, const char *name, const char *text,
                                              limen_error *err);

typedef struct limen_workload_setup {
  limen_workload w;                                /* the workload, validated              */
  const limen_model *model;                        /* the catalog row it started from (in
                                                      the catalog given to build)          */
  int custom;                                      /* params given: a "custom" workload     */
  limen_input_origin origin[LIMEN_WORKLOAD_INPUTS_MAX]; /* per row of the input table       */
  const char *source[LIMEN_WORKLOAD_INPUTS_MAX];   /* the request's                         */
  const char *error_input;                         /* after a failure: the input the message
                                                      is about, or NULL                      */
  const char *learning_path_source;                /* the request's                         */
} limen_workload_setup;

/* Build the workload of a request from catalog c (see above). */
LIMEN_API int limen_workload_setup_build(const limen_catalog *c, const limen_workload_request *r,
                                         limen_workload_setup *setup, limen_error *err);

/* Set input `name` of w (a copy of setup->w) to value for one point of a sweep: checked as a given
 * value ("<name> = <v>: allowed range ..."), and when N, D or c_f change while C was not given,
 * C follows as c_f·N·D. */
LIMEN_API int limen_workload_setup_vary(const limen_workload_setup *setup, limen_workload *w, const char *name,
                                        double value, limen_error *err);

/* The assumptions of a workload w built by setup (every input with its unit and origin, the
 * catalog row and its source, OPS, K, τ_op, kT, the schedule), one line per call of fn; a
 * non-zero return of fn stops and is returned. */
typedef int (*limen_line_fn)(void *ctx, const char *line);
LIMEN_API int limen_workload_assumptions(const limen_workload_setup *setup, const limen_workload *w,
                                         limen_line_fn fn, void *ctx, limen_error *err);

/* The allowed names of a workload input given by name, comma-separated: "ops" →
 * "per-flop,per-parameter-step", "lr-schedule" → "constant,inverse,cosine"; NULL otherwise. */
LIMEN_API const char *limen_workload_choices(const char *input);

#ifdef __cplusplus
}
#endif
#endif /* LIMEN_WORKLOAD_H */
