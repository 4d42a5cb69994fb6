/* SPDX-License-Identifier: GPL-3.0-or-later
 * simulate_inputs.c: the inputs of one simulation (simulate.h) — the table made once from the
 * rows of the modules that read each input (protocol, Langevin, Fokker–Planck, the bound
 * inputs' τ₀ and T), the defaults and checks it drives, and the one rule for times given by a
 * user (a duration as every limen time option takes it — "2e-8", "20ns" in seconds — or cell
 * time "20tau0"), so that the tool and the Python package read them alike. */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/bound_report.h"
#include "limen/simulate.h"
#include "limen/units.h"

static limen_input k_rows[LIMEN_SIMULATE_IN_COUNT];
static char k_members[LIMEN_SIMULATE_IN_COUNT][48];
static pthread_once_t k_once = PTHREAD_ONCE_INIT;

/* Rows src[0 … n) at k_rows[at …), their members at base + offset, named "<prefix><member>". */
static void copy_rows(size_t at, const limen_input *src, size_t n, size_t base, const char *prefix) {
  for (size_t i = 0; i < n && at + i < LIMEN_SIMULATE_IN_COUNT; i++) {
    k_rows[at + i] = src[i];
    k_rows[at + i].offset = base + src[i].offset;
    snprintf(k_members[at + i], sizeof k_members[0], "%s%s", prefix, src[i].member);
    k_rows[at + i].member = k_members[at + i];
  }
}

/* A bound input's row for a double member of the configuration itself. */
static void copy_bound_row(size_t at, limen_bound_input which, size_t offset, const char *member) {
  const limen_input *src = limen_bound_input_row(which);
  if (src) k_rows[at] = *src;
  k_rows[at].offset = offset;
  k_rows[at].type = LIMEN_INPUT_DOUBLE;
  k_rows[at].member = member;
}

/* The cap on the work: its default is the library's (langevin.h). */
static const limen_input k_max_work = {
    "max-work", NULL, "max_work", NULL, NULL, "N", 1, 1e18, 0, 0, 0, LIMEN_INPUT_DOUBLE,
    offsetof(limen_simulate_config, max_work), LIMEN_WORK_CAP, "1e12",
    "largest run allowed, in particle-steps (trajectories x steps; a Fokker-Planck cell-step counts 16)"};

static void build_rows(void) {
  size_t n = 0;
  const limen_input *rows = limen_protocol_inputs(&n);
  copy_rows(0, rows, n < LIMEN_PROTOCOL_ARG_COUNT ? n : LIMEN_PROTOCOL_ARG_COUNT,
            offsetof(limen_simulate_config, args), "args.");
  rows = limen_langevin_inputs(&n);
  copy_rows(LIMEN_SIMULATE_IN_TRAJECTORIES, rows, n, offsetof(limen_simulate_config, langevin), "langevin.");
  rows = limen_fp_inputs(&n);
  copy_rows(LIMEN_SIMULATE_IN_CELLS, rows, n, offsetof(limen_simulate_config, fp), "fp.");
  copy_bound_row(LIMEN_SIMULATE_IN_TAU0, LIMEN_BOUND_IN_TAU0, offsetof(limen_simulate_config, tau0_s), "tau0_s");
  copy_bound_row(LIMEN_SIMULATE_IN_TEMPERATURE, LIMEN_BOUND_IN_TEMPERATURE,
                 offsetof(limen_simulate_config, temperature_K), "temperature_K");
  k_rows[LIMEN_SIMULATE_IN_MAX_WORK] = k_max_work;
}

const limen_input *limen_simulate_inputs(size_t *n) {
  pthread_once(&k_once, build_rows);
  if (n) *n = LIMEN_SIMULATE_IN_COUNT;
  return k_rows;
}

limen_simulate_config limen_simulate_config_default(void) {
  limen_simulate_config c;
  memset(&c, 0, sizeof c);
  c.langevin = limen_langevin_config_default();
  c.fp = limen_fp_config_default();
  limen_protocol_args_common(&c.args);
  limen_inputs_defaults(limen_simulate_inputs(NULL), LIMEN_SIMULATE_IN_COUNT, &c);
  return c;
}

int limen_simulate_inputs_check(const limen_simulate_config *cfg, limen_error *err) {
  if (!cfg) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  const limen_input *rows = limen_simulate_inputs(NULL);
  for (size_t i = 0; i < LIMEN_SIMULATE_IN_COUNT; i++) {
    if ((i == LIMEN_SIMULATE_IN_START || i == LIMEN_SIMULATE_IN_PASSAGE) && !(cfg->given & LIMEN_SIMULATE_IN_MASK(i)))
      continue;
    int st = limen_input_check(&rows[i], limen_input_get(&rows[i], cfg), "limen_simulate_config", err);
    if (st) return st;
  }
  return LIMEN_OK;
}

/* ---- values given by a user ---------------------------------------------------------------- */

/* A number (units.h syntax) and what follows it: "tau0" (cell time, *seconds = 0), or nothing
 * (seconds) or a time unit (*seconds = 1; seconds per unit in *factor, *divide for sub-second
 * units).  0, or −1: not that form. */
static int read_time(const char *text, double *v, int *seconds, double *factor, int *divide) {
  size_t n = limen_number_prefix(text);
  if (n == 0) return -1;
  const char *unit = text + n;
  *seconds = strcmp(unit, "tau0") != 0;
  *factor = 1.0;
  *divide = 0;
  if (*seconds && *unit && limen_time_unit(unit, factor, divide, NULL) != LIMEN_OK) return -1;
  char *end = NULL;
  errno = 0;
  *v = strtod(text, &end);
  if (end != unit || errno == ERANGE || !isfinite(*v)) return -1;
  return 0;
}

int limen_simulate_time_parse(const limen_input *row, const char *text, double tau0_s, double *tau0,
                              limen_error *err) {
  if (!row || !text || !tau0) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  char range[96];
  limen_input_range_text(row, 0, range, sizeof range);
  strncat(range, " tau0", sizeof range - strlen(range) - 1);
  double v = 0, factor = 1;
  int seconds = 0, divide = 0;
  if (read_time(text, &v, &seconds, &factor, &divide))
    return limen_error_input(err, LIMEN_EINVAL, row->name, text, range,
                             "%s = '%.60s': expected a duration: a number in seconds, a number with a time "
                             "unit (%s) or cell time with the unit tau0 (20tau0)",
                             row->name, text, limen_time_unit_names());
  if (seconds) v = (divide ? v / factor : v * factor) / tau0_s;
  if (!limen_input_in_range(row, v))
    return limen_error_input(err, LIMEN_EINVAL, row->name, text, range, "%s = %.60s (%g tau0 at tau0 = %g s): "
                             "allowed range %s", row->name, text, v, tau0_s, range);
  *tau0 = v;
  return LIMEN_OK;
}

static int is_time(const limen_input *rows, const limen_input *row) {
  return row == &rows[LIMEN_SIMULATE_IN_TAU] || row == &rows[LIMEN_SIMULATE_IN_DT];
}

int limen_simulate_config_set_text(limen_simulate_config *cfg, const char *name, const char *text,
                                   limen_error *err) {
  if (!cfg || !text) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  const limen_input *rows = limen_simulate_inputs(NULL), *row = NULL;
  int st = limen_input_lookup(rows, LIMEN_SIMULATE_IN_COUNT, __func__, "input", name, &row, err);
  double v = 0.0;
  if (!st) st = is_time(rows, row) ? limen_simulate_time_parse(row, text, cfg->tau0_s, &v, err)
                                   : limen_input_parse(row, text, &v, err);
  if (st) return st;
  limen_input_set(row, cfg, v);
  cfg->given |= LIMEN_SIMULATE_IN_MASK(row - rows);
  return LIMEN_OK;
}

int limen_simulate_config_set(limen_simulate_config *cfg, const char *name, double value, limen_error *err) {
  if (!cfg) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  const limen_input *rows = limen_simulate_inputs(NULL), *row = NULL;
  int st = limen_input_lookup(rows, LIMEN_SIMULATE_IN_COUNT, __func__, "input", name, &row, err);
  if (!st) st = limen_input_check_given(row, value, err);
  if (st) return st;
  limen_input_set(row, cfg, value);
  cfg->given |= LIMEN_SIMULATE_IN_MASK(row - rows);
  return LIMEN_OK;
}
