/* SPDX-License-Identifier: GPL-3.0-or-later
 * simd_clones.h (core, shared upwards): LIMEN_SIMD_CLONES, put before the definition of a hot
 * loop function (the Langevin engine's block step, the potentials' block evaluations), compiles
 * it once per instruction set — AVX-512, AVX2 and the x86-64 baseline — and lets the loader pick
 * the best the CPU runs (GCC/Clang target_clones), so that the portable library's loops run with
 * the CPU's widest vectors.  Each clone performs the same IEEE operations per element
 * (-ffp-contract=off for the whole library: no fused multiply-add), so results do not depend on
 * the clone.  Off where unsupported: other architectures, and the sanitizer and fuzzing builds. */
#ifndef LIMEN_CORE_SIMD_CLONES_H
#define LIMEN_CORE_SIMD_CLONES_H

/* Clang names its sanitizers by __has_feature, not by GCC's __SANITIZE_* macros: the clones'
 * ifunc resolvers run before ThreadSanitizer's runtime is up and crash the program. */
#if defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define LIMEN_NO_SIMD_CLONES 1
#endif
#endif

#if defined(__x86_64__) && defined(__GNUC__) && defined(__ELF__) && !defined(__SANITIZE_ADDRESS__) && \
    !defined(__SANITIZE_THREAD__) && !defined(LIMEN_NO_SIMD_CLONES)
#define LIMEN_SIMD_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define LIMEN_SIMD_CLONES
#endif

#endif
