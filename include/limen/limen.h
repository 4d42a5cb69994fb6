/* SPDX-License-Identifier: GPL-3.0-or-later
 * limen.h: the whole public API of liblimen.  Include this, link with -llimen
 * (pkg-config --cflags --libs limen, or find_package(limen) → limen::limen). */
#ifndef LIMEN_LIMEN_H
#define LIMEN_LIMEN_H

#include "limen/common.h"
#include "limen/units.h"
#include "limen/cell.h"
#include "limen/bounds.h"
#include "limen/datafile.h"

#include "limen/workload.h"
#include "limen/hardware.h"
#include "limen/paradigm.h"

#include "limen/rng.h"
#include "limen/potential.h"
#include "limen/protocol.h"
#include "limen/langevin.h"
#include "limen/fokker_planck.h"
#include "limen/validate.h"

#include "limen/figure.h"

#include "limen/dataset.h"
#include "limen/memory.h"
#include "limen/train.h"
#include "limen/maxcut.h"

#endif
