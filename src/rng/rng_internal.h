/* SPDX-License-Identifier: GPL-3.0-or-later
 * rng_internal.h: the ziggurat table of rng_gaussian.c (not public; the tests recompute it). */
#ifndef LIMEN_SIM_RNG_INTERNAL_H
#define LIMEN_SIM_RNG_INTERNAL_H

#include "limen/rng.h"

/* Layers of the Gaussian ziggurat, and the layer boundaries X₀ … X₂₅₆ (X₁ = r, X₂₅₆ = 0). */
#define LIMEN_ZIG_LAYERS 256
extern const double limen_zig_x[LIMEN_ZIG_LAYERS + 1];

#endif
