/* SPDX-License-Identifier: GPL-3.0-or-later
 * validate_units.c: the reference checks as the units of a checkpoint (validate.h,
 * limen_validate_run_ctl; checkpoint.h) — each check's rows kept as it finishes (every number
 * in full, the name and note as text), a stop asked for between checks, and the rows of the
 * checks already done taken back on --resume.  A check's ensembles draw from seeds fixed by
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

/* The rows [row0, n_rows) of the report as the checkpoint's next unit, then the control's
 * stop and write. */
int limen_vunit_keep(vctx *v, limen_run_control *ctl, size_t row0) {
  if (!ctl) return LIMEN_OK;
  const size_t n = v->rep->n_rows - row0;
  double *x = malloc((ROW_VALUES * n + 1) * sizeof *x);
  const char **s = malloc((2 * n + 1) * sizeof *s);
  int st = x && s ? LIMEN_OK : limen_error_set(v->err, LIMEN_ENOMEM, "limen_validate_run", "out of memory");
  for (size_t i = 0; !st && i < n; i++) {
    const limen_validate_row *r = &v->rep->rows[row0 + i];
    const double row[ROW_VALUES] = {r->relation, r->expected, r->measured, r->tolerance, r->stderr_, r->z, r->pass};
    memcpy(x + ROW_VALUES * i, row, sizeof row);
    s[2 * i] = r->name;
    s[2 * i + 1] = r->note;
  }
  if (!st && ctl->checkpoint) st = limen_checkpoint_add(ctl->checkpoint, x, ROW_VALUES * n, s, 2 * n, v->err);
  free(x);
  free(s);
  return st ? st : limen_run_control_after_unit(ctl, v->err);
}

/* The rows of a check done before, from its unit, appended to the report as they were. */
int limen_vunit_restore(vctx *v, const limen_checkpoint_unit *u, size_t index) {
  const size_t n = u->n_strings / 2;
  if (u->n_strings % 2 || u->n_values != ROW_VALUES * n)
    return limen_error_plain(v->err, LIMEN_EPARSE, "the checkpoint is corrupt: check %zu holds %zu values and %zu texts",
                             index, u->n_values, u->n_strings);
  for (size_t i = 0; i < n; i++) {
    const double *x = u->values + ROW_VALUES * i;
    if (!(x[0] >= 0 && x[0] <= LIMEN_CHECK_GREATER && x[0] == floor(x[0])) || (x[6] != 0 && x[6] != 1))
      return limen_error_plain(v->err, LIMEN_EPARSE, "the checkpoint is corrupt: check %zu, row %zu", index, i);
    int st = limen_vrow(v, u->strings[2 * i], (limen_check_relation)x[0], x[1], x[2], x[3], x[4], "%s",
                        u->strings[2 * i + 1]);
    if (st) return st;
    limen_validate_row *r = &v->rep->rows[v->rep->n_rows - 1];
    v->rep->n_failed -= !r->pass; /* the row as it was: its own tolerance, z and verdict */
    r->tolerance = x[3], r->z = x[5], r->pass = x[6] != 0;
    v->rep->n_failed += !r->pass;
  }
  return LIMEN_OK;
}
