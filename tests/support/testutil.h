/* SPDX-License-Identifier: GPL-3.0-or-later
 * testutil.h: helpers shared by the Criterion tests. */
#ifndef LIMEN_TESTUTIL_H
#define LIMEN_TESTUTIL_H

/* |a − b| ≤ rel·max(|a|, |b|) (and a == b when both are 0). */
int tu_close_rel(double a, double b, double rel);
/* z-score of a measured mean against an expected value: (mean − expected)/stderr. */
double tu_z(double mean, double expected, double stderr_);
/* Scale factor for statistical test sizes: env LIMEN_TEST_SCALE (default 1, CI may set < 1). */
double tu_scale(void);
/* Write `text` to a fresh file (mkstemp) in the working directory and return its path (static
 * buffer, overwritten by the next call), or NULL when it cannot be written.  Callers remove it. */
const char *tu_temp_file(const char *text);
/* Path of a file in the source tree's tests/ directory (env LIMEN_TEST_DIR); static buffer. */
const char *tu_test_path(const char *rel);
/* A CSV text past its provenance comment lines (lines starting with '#', provenance.h). */
const char *tu_csv_body(const char *text);

#endif
