/* SPDX-License-Identifier: GPL-3.0-or-later
 * right_way.c: the control of wrong_way.c: a cell-layer file that includes only its own
 * layer and those below it compiles with the same include directories. */
#include "cell/internal.h"
#include "limen/cell.h"
#include "numeric/numeric.h"

int limen_layer_probe(void);
int limen_layer_probe(void) { return (int)sizeof(limen_well); }
