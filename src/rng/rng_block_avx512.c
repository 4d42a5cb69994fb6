/* SPDX-License-Identifier: GPL-3.0-or-later
 * rng_block_avx512.c: the block Gaussian draw (rng_block_kernel.c) compiled for AVX-512
 * (CMakeLists.txt sets the -m flags on this file); rng_dispatch.c calls it only on a CPU that
 * has them. */
#include "rng/rng_internal.h"
#if defined(LIMEN_RNG_HAVE_X86_ROUTES)
#define RNG_ISA avx512
#include "rng_block_kernel.c"
#else
typedef int limen_rng_block_avx512_unused; /* not x86-64: no such route */
#endif
