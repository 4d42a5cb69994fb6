/* SPDX-License-Identifier: GPL-3.0-or-later
 * workload.h: the training workload of theory §1 and the model catalog (data/models.json).
 *
 * A workload is a set of model-agnostic inputs (N, D, C, batch, bits, training time, ...)
 * plus the cell/protocol knobs the paradigms of paradigm.h need (retention, write failure,
 * success probability, consolidation period, learning-rate schedule of the LIM path).
 * Every field has a documented default (limen_workload_default) and an allowed range
 * (limen_workload_validate).  Derived quantities (C, K, OPS, τ_op) come from one function,
 * limen_workload_derive.  SI units throughout: seconds, kelvin, joules. */
#ifndef LIMEN_WORKLOAD_H
#define LIMEN_WORKLOAD_H

#include <stddef.h>

#include "limen/bounds.h"
#include "limen/common.h"

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

/* The workload.  Defaults are those of limen_workload_default() (the brain-scale row of the
 * catalog); allowed ranges are those checked by limen_workload_validate(). */
typedef struct limen_workload {
  char name[LIMEN_WORKLOAD_NAME_MAX]; /* label only ("brain-scale")                               */

  /* ---- size of the training job ------------------------------------------------------- */
  double params;               /* N, trainable parameters             [1e15]   range [1, 1e30]        */
  double tokens;               /* D, training samples/tokens          [1.667e12] range [1, 1e30]      */
  double flops;                /* C, training FLOPs; ≤ 0 → c_f·N·D    [1e28]   range ≤0 or (0, 1e60]  */
  double flops_per_param_token;/* c_f (dense forward+backward = 6)    [6]      range (0, 1e6]          */
  double batch_tokens;         /* B_s, samples per step; K = D/B_s    [4194304] range [1, D]          */
  limen_ops_convention ops;    /* OPS convention                      [per-flop]                      */
  double bits;                 /* n, bits of precision of a parameter [16]     range [1, 64]          */
  double train_time_s;         /* T_train, wall-clock training time   [30 d]   range (0, 1e12] s      */
  double temperature_K;        /* T                                    [300]    range (0, 1e4] K       */
  double parallel_cells;       /* P, cells updating concurrently; ≤ 0 → N  [0 → N] range ≤0 or [1, 1e30] */
  double tau0_s;               /* τ₀ = γa²/kT, intrinsic time of a cell [1e-9] range (0, 1] s         */

  /* ---- cell and protocol knobs ---------------------------------------------------------- */
  double retention_time_s;     /* τ_ret, retention of a non-volatile cell [10 y] range (0, 1e12] s    */
  double retention_fail;       /* p_ret, flip probability over τ_ret  [1e-6]   range (0, 0.5]          */
  double write_fail;           /* p_w, failure probability of a static write [1e-6] range (0, 0.5]   */
  double success;              /* P_s, success probability of an erasure (L, FT) [1] range [0.5, 1]   */
  double consolidation_period_s;/* T_c, two-tier copy period (cim-static) [3600 s] range (0, 1e12] s  */
  double write_time_s;         /* τ_w of a static write; ≤ 0 → τ_op    [0 → τ_op] range ≤0 or (0, 1e12] s */
  double bytes_per_flop;       /* off-chip bytes moved per FLOP (accelerator data movement) [0]
                                  range [0, 1e6]; 0 = compute only                               */
  double pue;                  /* facility overhead (power usage effectiveness) applied to the
                                  accelerator paradigms' energies [1 = board only] range [1, 10] */

  /* ---- learning path of lim-matched (theory (H)+(A)) ------------------------------------
   * The parameter moves by η_k·g per step k (in parameter units), i.e. m_k = η_k·g/ε levels
   * with ε = range/2^n.  The cell's hop rate is matched to the learning rate (A) such that the
   * drift-to-diffusion ratio ρ = m_k/(2 r_k Δt) is the same at every step; then the tilt per
   * level f = 2·asinh(ρ) is constant and e_H(m_k) = m_k·f kT (theory (H)). */
  limen_lr_kind lr_kind;       /* schedule η(k), k in steps           [LIMEN_LR_INVERSE]              */
  double lr_eta0;              /* η(0)                                 [1e-3]   range (0, 10]          */
  double lr_t0_frac;           /* inverse: t0 = lr_t0_frac·K           [0.1]    range (0, 1e6]         */
  double lr_eta_min_frac;      /* cosine: η_min = lr_eta_min_frac·η0, t_end = K [0.1] range (0, 1]   */
  double grad_scale;           /* g, per-parameter update size per unit learning rate
                                  (1 for Adam-normalized updates)     [1]      range (0, 1e6]          */
  double param_range;          /* full range of a parameter; ε = range/2^n [2] range (0, 1e6]        */
  double drift_diffusion_ratio;/* ρ = μ_k/(2 r_k Δt) per hop            [1]      range (0, 1e6]         */
  double hops_per_level;       /* H, hop positions per n-bit level; ≤ 0 → the least H whose spread
                                  stays within one level (theory (P)) [0 → derived]
                                  range ≤0 or whole numbers in [1, 1e30]                         */
} limen_workload;

/* The brain-scale workload (N = 1e15, D = C/(6N), C = 1e28 FLOPs; see data/models.json and
 * data/README.md for the choice) with every default listed above. */
LIMEN_API limen_workload limen_workload_default(void);

/* Check every field; on failure LIMEN_EINVAL with "field = value: allowed range ...". */
LIMEN_API int limen_workload_validate(const limen_workload *w, limen_error *err);

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
  double level_size;     /* ε = param_range/2^n                                   */
} limen_workload_derived;

/* Validate, then derive.  Products are formed in logarithms: LIMEN_ERANGE when C, OPS or
 * OPS·n·kT·1e6 (head-room for per-operation costs up to 1e6 kT) would overflow a double, or
 * when τ_op underflows. */
LIMEN_API int limen_workload_derive(const limen_workload *w, limen_workload_derived *d, limen_error *err);

/* Field access by name, for sweeps and config files.  Names (and the CLI flag spellings):
 * params, tokens, flops, flops-per-param-token, batch-tokens, bits, time (= train_time_s),
 * temperature, parallel-cells, tau0, retention-time, retention-fail, write-fail, success,
 * consolidation-period, write-time, bytes-per-flop, pue, lr-eta0, lr-t0-frac, lr-eta-min-frac,
 * grad-scale, param-range, drift-diffusion-ratio, hops-per-level.  LIMEN_ENOTFOUND listing them when unknown.
 * set does not validate (call limen_workload_validate afterwards). */
LIMEN_API int limen_workload_set(limen_workload *w, const char *field, double value, limen_error *err);
LIMEN_API int limen_workload_get(const limen_workload *w, const char *field, double *value, limen_error *err);
/* NULL-terminated list of the names accepted by limen_workload_set/get. */
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
  double batch_tokens;                     /* B_s; NaN → not published (default 2^22 is used)   */
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
LIMEN_API void limen_catalog_free(limen_catalog *c);
/* Find a row by name (case-sensitive); LIMEN_ENOTFOUND listing every name. */
LIMEN_API int limen_catalog_find(const limen_catalog *c, const char *name, const limen_model **out,
                       limen_error *err);

/* A workload from a catalog row: N, D, C, B_s and name from the row, every other field from
 * limen_workload_default(). */
LIMEN_API int limen_workload_from_model(const limen_model *m, limen_workload *w, limen_error *err);

/* Published training energy of a row in J (NaN when none). */
LIMEN_API double limen_model_published_energy_J(const limen_model *m);

#ifdef __cplusplus
}
#endif
#endif /* LIMEN_WORKLOAD_H */
