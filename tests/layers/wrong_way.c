/* SPDX-License-Identifier: GPL-3.0-or-later
 * wrong_way.c: a file of the cell layer that includes the paradigm layer above it.  The
 * "layers" test compiles it with exactly the include directories the build gives
 * src/cell and expects the compiler to refuse: the layering is enforced by the build. */
#include "limen/cell.h"
#include "limen/paradigm.h"

int limen_layer_probe(void);
int limen_layer_probe(void) { return (int)sizeof(limen_paradigm_type *); }
