/* SPDX-License-Identifier: GPL-3.0-or-later
 * path_kernel_avx512.c: the meter's kernel (path_kernel.c) compiled for AVX512 (CMakeLists.txt
 * sets the -m flags on this file); path.c calls it only on a CPU that has them. */
#include "path/path_internal.h"
#if defined(PATH_HAVE_X86_ROUTES)
#define PATH_ISA avx512
#include "path_kernel.c"
#else
typedef int path_kernel_avx512_unused; /* not x86-64: no such route */
#endif
