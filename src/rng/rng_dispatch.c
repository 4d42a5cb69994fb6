/* SPDX-License-Identifier: GPL-3.0-or-later
 * rng_dispatch.c: which compiled route of the block Gaussian draw (rng_block_kernel.c) runs —
 * the best instruction set the CPU has (AVX-512, AVX2, the x86-64 baseline), chosen once, or
 * the one $LIMEN_RNG_ISA names for benchmarks and tests.  Every route makes the same numbers,
 * so the choice never changes a result, only the speed. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpu_isa.h"
#include "rng/rng_internal.h"

typedef struct rng_route {
  const char *isa;
  limen_rng_block_fn fn;
} rng_route;

static const rng_route k_routes[LIMEN_RNG_ISA_COUNT] = {
    {"baseline", limen_rng_block_gaussian_base},
#if defined(LIMEN_RNG_HAVE_X86_ROUTES)
    {"avx2", limen_rng_block_gaussian_avx2},
    {"avx512", limen_rng_block_gaussian_avx512},
#else
    {"avx2", NULL},
    {"avx512", NULL},
#endif
};

limen_rng_block_fn limen_rng_block_route(int isa, const char **name) {
  if (isa < 0 || isa >= LIMEN_RNG_ISA_COUNT || !k_routes[isa].fn || !limen_cpu_runs(isa)) return NULL;
  if (name) *name = k_routes[isa].isa;
  return k_routes[isa].fn;
}

static const rng_route *route_select(void) {
  static _Atomic(const rng_route *) chosen = NULL;
  const rng_route *k = atomic_load_explicit(&chosen, memory_order_acquire);
  if (k) return k;
  const char *want = getenv("LIMEN_RNG_ISA");
  for (int i = LIMEN_RNG_ISA_COUNT - 1; i >= 0 && !k; i--) {
    if (want && *want && strcmp(want, k_routes[i].isa) != 0) continue;
    if (limen_rng_block_route(i, NULL)) k = &k_routes[i];
  }
  if (!k) k = &k_routes[LIMEN_RNG_ISA_BASELINE]; /* an unknown or unavailable name: the baseline */
  atomic_store_explicit(&chosen, k, memory_order_release);
  return k;
}

const char *limen_rng_gaussian_route(void) { return route_select()->isa; }

void limen_rng_block_gaussian(limen_rng_block *b, size_t n, double *out) {
  route_select()->fn(b, n, 1, out);
}

void limen_rng_block_gaussian_steps(limen_rng_block *b, size_t n, size_t steps, double *out) {
  route_select()->fn(b, n, steps, out);
}
