/* SPDX-License-Identifier: GPL-3.0-or-later
 * path_kernel_avx2.c: the meter's kernel (path_kernel.c) compiled for AVX2 (CMakeLists.txt
 * sets the -m flags on this file); path.c calls it only on a CPU that has them. */
#include "path/path_internal.h"
#if defined(PATH_HAVE_X86_ROUTES)
#define PATH_ISA avx2
#include "path_kernel.c"
#else
typedef int path_kernel_avx2_unused; /* not x86-64: no such route */
#endif
