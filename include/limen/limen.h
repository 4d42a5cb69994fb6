/* SPDX-License-Identifier: GPL-3.0-or-later
 * limen.h: the whole public API of liblimen.  Include this, link with -llimen
 * (pkg-config --cflags --libs limen, or find_package(limen) → limen::limen for liblimen.so,
 * limen::static for liblimen.a).
 *
 * Conventions (docs/architecture.md):
 *   - every name starts with limen_; functions are limen_<area>_<verb>;
 *   - every fallible function returns an int status (LIMEN_OK = 0) and takes a
 *     limen_error * last (may be NULL); the library never prints, exits or aborts;
 *   - lookups by name: limen_<area>_type_find(name, &type, err) for a registry of types,
 *     limen_<set>_find(set, name, &item, err) for a loaded data set; registries are listed
 *     by functions returning NULL-terminated arrays (limen_paradigm_types(),
 *     limen_memory_types(), limen_protocol_names(), limen_task_names(), …);
 *   - limen_<x>_free(p) frees what limen_<x>_alloc (or _load) made, p included;
 *     limen_<x>_clear(s) releases what a run stored in a struct the caller owns, and
 *     leaves it zeroed; both accept NULL;
 *   - seeds are uint64_t; a given seed gives the same numbers for any thread count;
 *   - no GSL (or other dependency) type appears in these headers.
 *
 * Thread safety: every function is reentrant.  The library keeps no mutable global state
 * (it turns GSL's abort-on-error handler off once, idempotently), so distinct threads may
 * call any functions on distinct objects at the same time, and may share read-only objects
 * (a loaded catalog or profile set, a paradigm, a potential, a protocol, a dataset) without
 * locking.  An object that a call modifies (a limen_memory array, a limen_rng stream, a
 * result being filled) must not be used by two threads at once.  Two exceptions:
 * limen_plot_write (PLplot keeps global state: one figure at a time per process) and the
 * data-file lookup, which reads LIMEN_DATA_DIR (do not change the environment while
 * another thread loads data).  limen_langevin_run parallelizes internally with OpenMP
 * (config.threads). */
#ifndef LIMEN_LIMEN_H
#define LIMEN_LIMEN_H

#include "limen/common.h"
#include "limen/units.h"
#include "limen/input.h"
#include "limen/spread.h"
#include "limen/cell.h"
#include "limen/bounds.h"
#include "limen/bound_report.h"
#include "limen/datafile.h"
#include "limen/provenance.h"
#include "limen/checkpoint.h"

#include "limen/workload.h"
#include "limen/hardware.h"
#include "limen/paradigm.h"

#include "limen/rng.h"
#include "limen/potential.h"
#include "limen/protocol.h"
#include "limen/langevin.h"
#include "limen/fokker_planck.h"
#include "limen/validate.h"
#include "limen/simulate.h"

#include "limen/figure.h"
#include "limen/report.h"

#include "limen/dataset.h"
#include "limen/memory.h"
#include "limen/train.h"
#include "limen/maxcut.h"
#include "limen/experiment.h"
#include "limen/path.h"

#endif
