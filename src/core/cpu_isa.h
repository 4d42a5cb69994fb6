/* SPDX-License-Identifier: GPL-3.0-or-later
 * cpu_isa.h (core, shared upwards): whether this CPU runs an instruction-set route of a kernel
 * compiled once per set (the path meter's, src/path/path_dispatch.c; the Gaussian draw's,
 * src/rng/rng_dispatch.c).  The routes are numbered alike in both. */
#ifndef LIMEN_CORE_CPU_ISA_H
#define LIMEN_CORE_CPU_ISA_H

enum { LIMEN_ISA_BASELINE = 0, LIMEN_ISA_AVX2 = 1, LIMEN_ISA_AVX512 = 2, LIMEN_ISA_COUNT = 3 };

/* 1 when the CPU runs route `isa` (AVX-512 means F, VL, DQ and BW), else 0; the baseline always. */
static inline int limen_cpu_runs(int isa) {
  if (isa == LIMEN_ISA_BASELINE) return 1;
#if defined(__x86_64__) && defined(__GNUC__)
  __builtin_cpu_init();
  if (isa == LIMEN_ISA_AVX2) return __builtin_cpu_supports("avx2");
  if (isa == LIMEN_ISA_AVX512)
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512bw");
#endif
  return 0;
}

#endif
