/* SPDX-License-Identifier: GPL-3.0-or-later
 * validate_units.c: the reference checks as the units of a checkpoint (validate.h,
 * limen_validate_run_ctl; checkpoint.h, limen_run_control_spread) — each check's rows kept as
 * it finishes (every number in full, the name and note as text), and the rows of the checks
 * already done taken back on --resume.  A check's ensembles draw from seeds fixed by
 * the master seed and the check's place in the table (validate.c), so a resumed run gives the
 * rows of an uninterrupted one bit for bit. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/checkpoint.h"
#include "validate/validate_internal.h"

#define ROW_VALUES 7 /* relation, expected, measured, tolerance, stderr_, z, pass */

int limen_vunits_inputs(const limen_validate_options *o, char *buf, size_t cap) {
  char scale[32], z[32];
  limen_checkpoint_number(scale, sizeof scale, o->scale);
  limen_checkpoint_number(z, sizeof z, o->z_max);
  int n = snprintf(buf, cap, "limen = %s\nscale = %s\nseed = %llu\nz-max = %s\ncheck = %s\n", limen_version(), scale,
                   (unsigned long long)o->seed, z, o->only ? o->only : "all");
  return n < 0 || (size_t)n >= cap;
}

/* A check's rows as the checkpoint's next unit. */
int limen_vunit_keep(const limen_validate_report *part, limen_checkpoint *ck, limen_error *err) {
  const size_t n = part->n_rows;
  double *x = malloc((ROW_VALUES * n + 1) * sizeof *x);
  const char **s = malloc((2 * n + 1) * sizeof *s);
  int st = x && s ? LIMEN_OK : limen_error_set(err, LIMEN_ENOMEM, "limen_validate_run", "out of memory");
  for (size_t i = 0; !st && i < n; i++) {
    const limen_validate_row *r = &part->rows[i];
    const double row[ROW_VALUES] = {r->relation, r->expected, r->measured, r->tolerance, r->stderr_, r->z, r->pass};
    memcpy(x + ROW_VALUES * i, row, sizeof row);
    s[2 * i] = r->name;
    s[2 * i + 1] = r->note;
  }
  if (!st) st = limen_checkpoint_add(ck, x, ROW_VALUES * n, s, 2 * n, err);
  free(x);
  free(s);
  return st;
}

/* The rows of a check done before, from its unit, as they were (their own tolerance, z and
 * verdict). */
int limen_vunit_restore(const limen_checkpoint_unit *u, size_t index, limen_validate_report *part, limen_error *err) {
  const size_t n = u->n_strings / 2;
  if (u->n_strings % 2 || u->n_values != ROW_VALUES * n)
    return limen_error_plain(err, LIMEN_EPARSE, "the checkpoint is corrupt: check %zu holds %zu values and %zu texts",
                             index, u->n_values, u->n_strings);
  limen_validate_report_clear(part);
  if (!(part->rows = calloc(n ? n : 1, sizeof *part->rows)))
    return limen_error_set(err, LIMEN_ENOMEM, "limen_validate_run", "out of memory");
  for (size_t i = 0; i < n; i++) {
    const double *x = u->values + ROW_VALUES * i;
    if (!(x[0] >= 0 && x[0] <= LIMEN_CHECK_GREATER && x[0] == floor(x[0])) || (x[6] != 0 && x[6] != 1)) {
      limen_validate_report_clear(part);
      return limen_error_plain(err, LIMEN_EPARSE, "the checkpoint is corrupt: check %zu, row %zu", index, i);
    }
    limen_validate_row *r = &part->rows[part->n_rows++];
    snprintf(r->name, sizeof r->name, "%s", u->strings[2 * i]);
    snprintf(r->note, sizeof r->note, "%s", u->strings[2 * i + 1]);
    r->relation = (limen_check_relation)x[0];
    r->expected = x[1], r->measured = x[2], r->tolerance = x[3], r->stderr_ = x[4], r->z = x[5];
    r->pass = x[6] != 0;
    part->n_failed += !r->pass;
  }
  return LIMEN_OK;
}
