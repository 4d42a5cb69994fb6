/* SPDX-License-Identifier: GPL-3.0-or-later
 * internal.h: declarations shared by the files of src/train (not public API). */
#ifndef LIMEN_TRAIN_INTERNAL_H
#define LIMEN_TRAIN_INTERNAL_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "limen/memory.h"

extern const limen_memory_type limen_train_digital_static_type;
extern const limen_memory_type limen_train_analog_static_type;
extern const limen_memory_type limen_train_lim_fixed_type;
extern const limen_memory_type limen_train_lim_matched_type;

/* Parameter value of level index `level` (0 … 2^n − 1): −w_max + level·δ. */
double limen_train_level_value(const limen_memory *m, double level);
/* Level index q held inside the cell's levels 0 … 2^n − 1 (the hard walls). */
double limen_train_clamp_level(const limen_memory *m, double q);
/* Commit cell i's new level q after a window that gave heat h_kT to the bath: stores the level
 * and its value, writes the realized update dw_real[i] and heat_kT[i] (either may be NULL) and
 * adds h_kT to stats->heat_kT.  The one place where a cell's new level is written. */
void limen_train_commit(limen_memory *m, size_t i, double q, double h_kT, double *dw_real, double *heat_kT,
                        limen_memory_stats *stats);
/* floor(x) + 1 with probability x − floor(x), else floor(x); u uniform in [0, 1). */
double limen_train_stochastic_round(double x, double u);
/* A Poisson draw of mean mu ≥ 0, exact at any mean (memory_hop.c: means from 2^30 on are split
 * into parts GSL draws exactly and summed); a double, exact up to 2^53. */
double limen_train_poisson(gsl_rng *g, double mu);

/* Index of the keyed random stream of cell i in step k of an array of n cells. */
static inline uint64_t limen_train_stream(uint64_t step, uint64_t n, uint64_t i) { return step * n + i; }

#endif
