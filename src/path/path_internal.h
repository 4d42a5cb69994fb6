/* SPDX-License-Identifier: GPL-3.0-or-later
 * path_internal.h: the meter's state and the one-pass kernel over a tensor (path_kernel.c),
 * private to src/path. */
#ifndef LIMEN_PATH_INTERNAL_H
#define LIMEN_PATH_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "limen/path.h"

/* Sums of a tensor are kept in this many lanes (element i in lane i mod PATH_LANES); the
 * histogram in as many copies, so that equal bins in a row do not wait on each other. */
#define PATH_LANES 4

enum { PATH_TYPE_NONE = 0, PATH_TYPE_F32 = 1, PATH_TYPE_F64 = 2 };

/* What the kernel needs of the configuration. */
typedef struct path_geom {
  double lo, hi;       /* the range                                                      */
  double scale;        /* s = 2^n/(hi − lo) = 1/ε                                         */
  double top;          /* 2^n: a scaled value from here on is in the top level            */
  double cap;          /* the largest double below 2^n (codes of ≤ 31 bits)               */
  uint64_t code_max;   /* 2^n − 1                                                         */
  int wide;            /* n ≤ 31: four lanes at once; otherwise the scalar route           */
  int octave_bits;     /* histogram: 2^octave_bits bins per octave                        */
  int32_t key_base;    /* the bin key (exponent and sub-octave bits) of 2^hist_min_log2   */
  size_t nbins;        /* bins: zero, (max_log2 − min_log2)·2^octave_bits, top            */
} path_geom;

/* The kernel's view of a (checked) configuration. */
void path_geom_init(path_geom *g, const limen_path_config *c);

/* One tensor's contribution to a step, in the kernel's fixed order. */
typedef struct path_acc {
  double path, sumsq, max;
  uint64_t changed, flips, clamped;
} path_acc;

/* Kernel result: LIMEN_OK, or a non-finite value at *bad_index (the copy is then partly
 * overwritten: prev[0 … block start) already holds w; with several blocks, other blocks too). */
typedef int (*path_pass_f32_fn)(const path_geom *g, const float *w, float *prev, size_t n, int first,
                                path_acc *acc, uint64_t *hist4, size_t *bad_index);
typedef int (*path_pass_f64_fn)(const path_geom *g, const double *w, double *prev, size_t n, int first,
                                path_acc *acc, uint64_t *hist4, size_t *bad_index);

/* The kernel of one instruction set (path_kernel.c compiled per set; identical results). */
typedef struct path_kernel {
  const char *isa; /* "baseline", "avx2", "avx512"                                         */
  path_pass_f32_fn f32;
  path_pass_f64_fn f64;
} path_kernel;

enum { PATH_ISA_BASELINE = 0, PATH_ISA_AVX2 = 1, PATH_ISA_AVX512 = 2, PATH_ISA_COUNT = 3 };

/* The kernel of instruction set `isa`, when this build has it and the CPU runs it; else NULL. */
const path_kernel *path_kernel_for(int isa);
/* The kernel the meter uses: the best available, or the one $LIMEN_PATH_ISA names
 * ("baseline", "avx2", "avx512"; for benchmarks and tests), if available.  Chosen once. */
const path_kernel *path_kernel_select(void);

/* A tensor's pass in blocks (path_blocks.c): values of a tensor beyond this many are measured in
 * blocks of it, across the OpenMP threads, and its sums are the blocks' sums in block order. */
#define PATH_BLOCK ((size_t)1 << 16)

/* One tensor's pass: the kernel (f32 or f64, the other NULL), the values and the copy (size
 * bytes each), whether it is a starting point. */
typedef struct path_job {
  const path_geom *g;
  path_pass_f32_fn f32;
  path_pass_f64_fn f64;
  const void *w;
  void *prev;
  size_t n, size;
  int first;
} path_job;
/* The pass, block by block (results as path_pass_f32_fn; *bad_index counts from the tensor's
 * start); hist4 receives the blocks' histogram counts. */
int path_pass_blocks(const path_job *j, path_acc *acc, uint64_t *hist4, size_t *bad_index);

#define PATH_KERNEL_DECLARE(isa)                                                                  \
  int path_pass_f32_##isa(const path_geom *g, const float *w, float *prev, size_t n, int first,  \
                          path_acc *acc, uint64_t *hist4, size_t *bad_index);                    \
  int path_pass_f64_##isa(const path_geom *g, const double *w, double *prev, size_t n, int first, \
                          path_acc *acc, uint64_t *hist4, size_t *bad_index);
PATH_KERNEL_DECLARE(base)
#if defined(__x86_64__) && defined(__GNUC__)
#define PATH_HAVE_X86_ROUTES 1
PATH_KERNEL_DECLARE(avx2)
PATH_KERNEL_DECLARE(avx512)
#endif

#endif
