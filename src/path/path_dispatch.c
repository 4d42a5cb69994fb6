/* SPDX-License-Identifier: GPL-3.0-or-later
 * path_dispatch.c: which compiled route of the meter's kernel runs (path_internal.h) — the
 * best instruction set the CPU has (AVX-512, AVX2, the x86-64 baseline), chosen once, or the
 * one $LIMEN_PATH_ISA names for benchmarks and tests.  Every route gives the same results. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpu_isa.h"
#include "path/path_internal.h"

static const path_kernel k_kernels[PATH_ISA_COUNT] = {
    {"baseline", path_pass_f32_base, path_pass_f64_base},
#if defined(PATH_HAVE_X86_ROUTES)
    {"avx2", path_pass_f32_avx2, path_pass_f64_avx2},
    {"avx512", path_pass_f32_avx512, path_pass_f64_avx512},
#else
    {"avx2", NULL, NULL},
    {"avx512", NULL, NULL},
#endif
};

const path_kernel *path_kernel_for(int isa) {
  if (isa < 0 || isa >= PATH_ISA_COUNT || !k_kernels[isa].f32 || !limen_cpu_runs(isa)) return NULL;
  return &k_kernels[isa];
}

const path_kernel *path_kernel_select(void) {
  static _Atomic(const path_kernel *) chosen = NULL;
  const path_kernel *k = atomic_load_explicit(&chosen, memory_order_acquire);
  if (k) return k;
  const char *want = getenv("LIMEN_PATH_ISA");
  for (int i = PATH_ISA_COUNT - 1; i >= 0 && !k; i--) {
    if (want && *want && strcmp(want, k_kernels[i].isa) != 0) continue;
    k = path_kernel_for(i);
  }
  if (!k) k = &k_kernels[PATH_ISA_BASELINE]; /* an unknown or unavailable name: the baseline */
  atomic_store_explicit(&chosen, k, memory_order_release);
  return k;
}
