/* SPDX-License-Identifier: GPL-3.0-or-later
 * path.h: the learning-path meter — measures how far every parameter of a training run moves,
 * step by step, in units of the n-bit level size ε (docs/path.md).
 *
 * Why: the energy that learning-in-memory hardware dissipates depends on the path the
 * parameters take (lim-matched: the moves per step; cim-static, lim-finite-time: the writes
 * that change a stored level; their Landauer floor: the bits those writes flip).  The meter
 * streams the snapshots of a real run (any number of float32 or float64 tensors per step, as an
 * optimizer holds them) and accumulates, per step and in total, the path length Σ|Δw|/ε, the
 * parameters whose level changed, the bit flips between successive n-bit codes, the largest
 * move, a histogram of the moves and the values clamped to the range.  It keeps its own copy of
 * the previous snapshot, so that the caller never copies.  The energies of a recorded path are
 * the projections' with the path attached to the workload (limen_learning_path below;
 * docs/path.md, "From a path to energies").
 *
 * Conventions (docs/path.md):
 *   - level size ε = limen_level_size(hi − lo, n, LIMEN_LEVELS_BINS) = (hi − lo)/2^n, the
 *     projections' convention (docs/theory.md §4.5);
 *   - a value w is first clamped to [lo, hi] (each value outside counted in `clamped`); its
 *     level is ⌊(w − lo)/ε⌋ clamped to [0, 2^n − 1] (hi itself is in the top level), its n-bit
 *     code that level in plain binary; a move is |Δw|/ε of the clamped values;
 *   - 1/ε enters as the one double s = 2^n/(hi − lo): level ⌊(w − lo)·s⌋, move |Δw|·s (equal to
 *     division by ε when hi − lo is a power of two, as for the default [−1, 1]);
 *   - all arithmetic is in double on the values converted exactly from the tensor's type, so
 *     float32 data and the same values given as float64 give identical results;
 *   - sums are plain double sums in a fixed order: within a tensor, element i goes to lane
 *     i mod 4 (lanes added 0 + 1 + 2 + 3 at the end); a step adds its tensors in index order;
 *     the totals add the steps in order.  Results do not depend on the order of the add calls.
 *
 * Use: alloc → per step: begin_step, add each tensor (index 0 … T−1, any order), end_step →
 * read the records → free.  The first completed step only records the starting point; step
 * k ≥ 0 (record k) is the change from snapshot k to snapshot k + 1.  A meter is used by one
 * thread at a time. */
#ifndef LIMEN_PATH_H
#define LIMEN_PATH_H

#include <stddef.h>
#include <stdint.h>

#include "limen/common.h"
#include "limen/input.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The meter's configuration.  The double and int members are the rows of
 * limen_path_config_inputs() (range, default, meaning); the defaults in brackets. */
typedef struct limen_path_config {
  int bits;             /* n: bits per parameter, whole, [1, 64]                          [16] */
  double lo;            /* lower end of the parameter range                               [−1] */
  double hi;            /* upper end, > lo (hi − lo finite)                                [1] */
  int hist_min_log2;    /* moves below 2^hist_min_log2 levels fall in the zero bin      [−10] */
  int hist_max_log2;    /* moves from 2^hist_max_log2 levels on fall in the top bin      [20] */
  int hist_octave_bits; /* 2^hist_octave_bits bins per octave in between                  [0] */
  double step_time_s;   /* duration of one step, s; 0 = not given (later energy inputs)    [0] */
  double temperature_K; /* temperature of the memory, K (later energy inputs)            [300] */
  int step_histograms;  /* 1: keep a histogram per step record; 0: only the total's        [1] */
} limen_path_config;

/* The defaults of limen_path_config_inputs(). */
LIMEN_API limen_path_config limen_path_config_default(void);
/* The table of the configuration's inputs (input.h): bits, lo, hi, hist-min-log2,
 * hist-max-log2, hist-octave-bits, step-time, temperature, step-histograms; *n gets the row
 * count (n may be NULL). */
LIMEN_API const limen_input *limen_path_config_inputs(size_t *n);
/* Every row of the table, then lo < hi with hi − lo finite, hist_min_log2 < hist_max_log2 with
 * at most 65536 bins between them, and a level size ε (a normal double).  LIMEN_EINVAL naming
 * the field, value and range. */
LIMEN_API int limen_path_config_check(const limen_path_config *cfg, limen_error *err);

/* The meter (opaque). */
typedef struct limen_path_meter limen_path_meter;

/* cfg NULL = the defaults.  The meter holds a copy of the configuration. */
LIMEN_API int limen_path_meter_alloc(const limen_path_config *cfg, limen_path_meter **out,
                                     limen_error *err);
LIMEN_API void limen_path_meter_free(limen_path_meter *m);

/* ---- streaming ----------------------------------------------------------------------------
 * begin_step opens a step (LIMEN_EINVAL when one is open).  add_f32/add_f64 pass tensor
 * `tensor` of the step (n values; w may be NULL only when n = 0): in one pass over w it
 * accumulates the tensor's moves against the meter's copy of its previous values and
 * overwrites that copy with w.  The tensors are those of the first step, numbered 0 … T − 1
 * (T ≤ 2^24); a tensor keeps its size and type (a change is LIMEN_EINVAL naming the tensor,
 * the old and the new size or type; nothing is changed).  Each tensor once per step.
 * A NaN or infinite value is LIMEN_EINVAL naming the tensor and the index; the step is then
 * abandoned (its copy is partly overwritten), and the next completed step records a new
 * starting point (totals.starts, totals.aborted).
 * end_step closes the step: LIMEN_EINVAL naming a tensor not added (the step stays open, so
 * that it can be added); otherwise it appends step record (or records the starting point).
 * abort_step abandons an open step (no-op when none); when a tensor was already added, the
 * next completed step is a new starting point. */
LIMEN_API int limen_path_begin_step(limen_path_meter *m, limen_error *err);
LIMEN_API int limen_path_add_f32(limen_path_meter *m, size_t tensor, const float *w, size_t n,
                                 limen_error *err);
LIMEN_API int limen_path_add_f64(limen_path_meter *m, size_t tensor, const double *w, size_t n,
                                 limen_error *err);
LIMEN_API int limen_path_end_step(limen_path_meter *m, limen_error *err);
LIMEN_API void limen_path_abort_step(limen_path_meter *m);

/* ---- records ------------------------------------------------------------------------------ */

/* One step: the change of every parameter from one snapshot to the next. */
typedef struct limen_path_step {
  uint64_t params;        /* parameters compared (Σ tensor sizes)                              */
  double path_levels;     /* Σ |Δw|/ε                                                          */
  double path_sq_levels2; /* Σ (Δw/ε)²                                                         */
  double max_move_levels; /* max |Δw|/ε (0 when nothing moved)                                 */
  uint64_t changed;       /* parameters whose level (n-bit code) changed                       */
  uint64_t bit_flips;     /* Σ popcount(code before XOR code after)                            */
  uint64_t clamped;       /* values of the new snapshot outside [lo, hi] (clamped)             */
} limen_path_step;

/* The whole run so far (steps in order). */
typedef struct limen_path_totals {
  size_t tensors;         /* T                                                                 */
  uint64_t params;        /* parameters per snapshot                                           */
  uint64_t snapshots;     /* completed steps, starting points included                         */
  uint64_t steps;         /* step records (= snapshots − starts)                               */
  uint64_t starts;        /* starting points: 1, plus one after each abandoned step           */
  uint64_t aborted;       /* steps abandoned (non-finite value, abort_step after an add)       */
  double path_levels;     /* Σ over the records                                                */
  double path_sq_levels2;
  double max_move_levels;
  uint64_t changed;
  uint64_t bit_flips;
  uint64_t clamped;       /* every completed snapshot's, starting points included              */
  double level_size;      /* ε                                                                 */
  size_t memory_bytes;    /* held by the meter: the copy (Σ size × 4 or 8 bytes), the records  */
} limen_path_totals;

/* Number of step records. */
LIMEN_API size_t limen_path_step_count(const limen_path_meter *m);
/* Record k < limen_path_step_count (LIMEN_EINVAL otherwise). */
LIMEN_API int limen_path_step_get(const limen_path_meter *m, size_t k, limen_path_step *out,
                                  limen_error *err);
LIMEN_API int limen_path_totals_get(const limen_path_meter *m, limen_path_totals *out,
                                    limen_error *err);
/* The configuration the meter was made with. */
LIMEN_API limen_path_config limen_path_meter_config(const limen_path_meter *m);

/* ---- histogram of the moves x = |Δw|/ε ----------------------------------------------------
 * Binary-logarithmic bins with exact edges (k_min = hist_min_log2, k_max = hist_max_log2,
 * b = hist_octave_bits): bin 0 "zero", x < 2^k_min (exact zeros included); then 2^b bins per
 * octave, bin 1 + q·2^b + r holding 2^(k_min+q)·(1 + r/2^b) ≤ x < 2^(k_min+q)·(1 + (r+1)/2^b);
 * the top bin, x ≥ 2^k_max.  (k_max − k_min)·2^b + 2 counts in all.  The defaults: one bin per
 * octave from 2^−10 ≈ 1e-3 to 2^20 ≈ 1e6 levels, 32 counts; a move of exactly one level opens
 * bin 11.  The bin is read off the bits of the double x (exponent and b mantissa bits). */
LIMEN_API size_t limen_path_hist_count(const limen_path_meter *m);
/* Lower edge of bin i in levels (0 for bin 0; +inf for i beyond the last bin). */
LIMEN_API double limen_path_hist_edge(const limen_path_meter *m, size_t i);
/* Counts of record k (config.step_histograms = 1) into counts[0 … n−1], n = hist_count. */
LIMEN_API int limen_path_step_hist(const limen_path_meter *m, size_t k, uint64_t *counts, size_t n,
                                   limen_error *err);
/* Counts over all records. */
LIMEN_API int limen_path_totals_hist(const limen_path_meter *m, uint64_t *counts, size_t n,
                                     limen_error *err);


/* ---- a recorded learning path ---------------------------------------------------------------
 * What the energies of a path need, kept apart from the meter: the configuration, the totals,
 * the step records and the total histogram.  Made from a meter, or read from the JSON that
 * limen_learning_path_json writes (the format of docs/path.md, "Saved paths": snake_case keys,
 * per-step columns).  The energies: attach the path to a workload (workload.h, member `path`)
 * and project it (paradigm.h); limen_learning_path_workload gives the workload of the measured
 * run itself. */
typedef struct limen_learning_path {
  int bits;                /* n                                                              */
  double lo, hi;           /* the parameter range                                            */
  double step_time_s;      /* duration of one measured step, s (0: not given)                 */
  double temperature_K;    /* the meter's temperature                                        */
  limen_path_totals totals;
  size_t n_steps;          /* = totals.steps                                                 */
  limen_path_step *steps;  /* [n_steps], in order                                            */
  size_t hist_bins;        /* bins of the total histogram (0: none recorded)                 */
  double *hist_lo;         /* [hist_bins] lower edges in levels                              */
  uint64_t *hist_counts;   /* [hist_bins]                                                    */
} limen_learning_path;

/* Largest number of step records a saved path may hold (10^7), and largest file (1 GiB). */
#define LIMEN_LEARNING_PATH_MAX_STEPS 10000000u
#define LIMEN_LEARNING_PATH_MAX_FILE_BYTES ((size_t)1 << 30)

/* The path recorded by a meter so far (a copy; the meter goes on).  LIMEN_EINVAL when it has
 * no step record yet (at least two snapshots are needed). */
LIMEN_API int limen_learning_path_from_meter(const limen_path_meter *m, limen_learning_path **out,
                                             limen_error *err);
LIMEN_API void limen_learning_path_free(limen_learning_path *p);
/* A path is consistent: 1 ≤ bits ≤ 64, lo < hi, temperature > 0, step_time ≥ 0 (finite),
 * params ≥ 1, n_steps = totals.steps ≥ 1, every record's params = totals.params, the totals'
 * counts are the sums of the records' (exactly) and their path the sum to rounding
 * (relative 1e-9), the largest move the largest record's, level_size = (hi − lo)/2^n, moves
 * finite and ≥ 0, changed ≤ params, bit_flips ≤ n·changed, and the histogram's counts add up
 * to params × steps.  LIMEN_EINVAL naming the field, value and expectation. */
LIMEN_API int limen_learning_path_check(const limen_learning_path *p, limen_error *err);
/* The JSON text of a path (caller frees with free() or limen_free; limen_text_file_write of
 * report.h writes it to a file atomically).  Numbers are written with 17
 * significant digits, counts as integers, so that reading gives the path back bit for bit. */
LIMEN_API int limen_learning_path_json(const limen_learning_path *p, char **text, limen_error *err);
/* Parse a path from JSON text (len bytes; the whole text must be one object): every key
 * required but "histogram" and "step_time_s" (null or absent: not given), unknown keys and
 * duplicates refused, counts exact integers up to 2^53, then limen_learning_path_check.
 * Errors name the key (and the step index). */
LIMEN_API int limen_learning_path_parse(const char *text, size_t len, limen_learning_path **out,
                                        limen_error *err);
/* Read and parse a file (at most LIMEN_LEARNING_PATH_MAX_FILE_BYTES). */
LIMEN_API int limen_learning_path_read(const char *file, limen_learning_path **out, limen_error *err);

#ifdef __cplusplus
}
#endif
#endif /* LIMEN_PATH_H */
