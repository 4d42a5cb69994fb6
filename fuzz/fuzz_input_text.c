/* SPDX-License-Identifier: GPL-3.0-or-later
 * fuzz_input_text: a value or a name as a user types it (an option's argument, a keyword of a
 * binding).  The first byte picks a table of fuzz_tables.h or, after the last table, the name
 * parsers; the second picks a row (255: the row named by the text before its first '=') or a
 * name parser; the rest is the text.
 *   A row: limen_input_parse — accepted, the text starts with a number, the value is finite and
 *   within the row's range and, when nothing (no unit) follows the number, that number bit for
 *   bit as strtod reads it; refused, the structured field names the row —
 *   and limen_inputs_set_text (the same verdict; accepted, that value stored exactly and no
 *   other byte of the struct touched; refused, the struct unchanged); for the simulate table
 *   limen_simulate_config_set_text (times with the suffix s) and for the workload table
 *   limen_workload_request_set_text (accepted: the row marked given, the value in range).
 *   A name: the lookups of names a user gives (learning-rate schedule, energy unit, OPS
 *   convention, potential, protocol, bound, integrator, memory, paradigm type, figure, well) and
 *   a paradigm specification "<type>[:<profile>]" against data/profiles.json: accepted, a
 *   result; refused, a LIMEN_E* status with a message. */
#include "fuzz_tables.h"

#include <math.h>

static void check_row_text(const fuzz_table *t, const limen_input *rows, size_t n, void *obj,
                           const limen_input *row, const char *name, const char *text) {
  limen_error err;
  double v = 0.0;
  unsigned char *before = malloc(t->size);
  if (!before) return;
  memcpy(before, obj, t->size);
  int rc = limen_input_parse(row, text, &v, &err);
  if (rc == LIMEN_OK) {
    char *end = NULL;
    double x = strtod(text, &end);
    FUZZ_CHECK(end != text);                              /* it starts with a number */
    if (*end == '\0') FUZZ_CHECK(fuzz_same_bits(x, v));   /* no unit after it: that number */
    FUZZ_CHECK(isfinite(v) && limen_input_in_range(row, v));
  } else {
    fuzz_failure(rc, &err);
    FUZZ_CHECK(strcmp(err.field, row->name) == 0 || strlen(row->name) >= sizeof err.field);
  }
  int rc2 = limen_inputs_set_text(rows, n, obj, name, text, &err);
  if (rc2 == LIMEN_OK) {
    const limen_input *in = limen_input_find(rows, n, name);
    FUZZ_CHECK(in != NULL);
    if (in == row) FUZZ_CHECK(rc == LIMEN_OK);
    double parsed = 0.0;
    FUZZ_CHECK(limen_input_parse(in, text, &parsed, &err) == LIMEN_OK);
    double got = limen_input_get(in, obj);
    if (in->type == LIMEN_INPUT_DOUBLE) FUZZ_CHECK(fuzz_same_bits(got, parsed));
    else FUZZ_CHECK(got == parsed);
    for (size_t b = 0; b < t->size; b++)
      if (b < in->offset || b >= in->offset + fuzz_row_size(in))
        FUZZ_CHECK(((const unsigned char *)obj)[b] == before[b]);
  } else {
    fuzz_failure(rc2, &err);
    if (limen_input_find(rows, n, name) == row) FUZZ_CHECK(rc != LIMEN_OK);
    FUZZ_CHECK(memcmp(before, obj, t->size) == 0);
  }
  free(before);
}

static void check_simulate(const limen_input *rows, const char *name, const char *text) {
  limen_simulate_config cfg = limen_simulate_config_default();
  limen_error err;
  int rc = limen_simulate_config_set_text(&cfg, name, text, &err);
  if (rc == LIMEN_OK) {
    const limen_input *in = limen_input_find(rows, LIMEN_SIMULATE_IN_COUNT, name);
    FUZZ_CHECK(in != NULL);
    FUZZ_CHECK(cfg.given & LIMEN_SIMULATE_IN_MASK(in - rows));
    FUZZ_CHECK(limen_input_in_range(in, limen_input_get(in, &cfg)));
  } else {
    fuzz_failure(rc, &err);
  }
}

static void check_request(const limen_input *rows, size_t n, const char *name, const char *text) {
  limen_workload_request r;
  limen_workload_request_init(&r);
  limen_error err;
  int rc = limen_workload_request_set_text(&r, name, text, &err);
  if (rc == LIMEN_OK) {
    const limen_input *in = limen_input_find(rows, n, name);
    FUZZ_CHECK(in != NULL && (size_t)(in - rows) < LIMEN_WORKLOAD_INPUTS_MAX);
    size_t i = (size_t)(in - rows);
    FUZZ_CHECK(r.given[i]);
    FUZZ_CHECK(limen_input_in_range(in, r.value[i]));
  } else {
    fuzz_failure(rc, &err);
  }
}

static const limen_profile_set *profiles(void) {
  static limen_profile_set *s = NULL;
  static int tried = 0;
  if (!tried) {
    limen_error err;
    tried = 1;
    if (limen_profiles_load(NULL, &s, &err) != LIMEN_OK) s = NULL;
  }
  return s;
}

#define N_NAME_PARSERS 13

static void check_name(unsigned which, const char *text) {
  limen_error err;
  int rc = LIMEN_OK;
  switch (which % N_NAME_PARSERS) {
    case 0: {
      limen_lr_kind k;
      rc = limen_lr_kind_parse(text, &k, &err);
      if (!rc) FUZZ_CHECK(k == LIMEN_LR_CONSTANT || k == LIMEN_LR_INVERSE || k == LIMEN_LR_COSINE);
      break;
    }
    case 1: {
      limen_energy_unit u;
      rc = limen_energy_unit_parse(text, &u, &err);
      if (!rc) FUZZ_CHECK(u >= LIMEN_UNIT_J && u <= LIMEN_UNIT_KWH);
      break;
    }
    case 2: {
      limen_ops_convention c;
      rc = limen_ops_convention_parse(text, &c, &err);
      if (!rc) FUZZ_CHECK(limen_ops_convention_name(c) != NULL);
      break;
    }
    case 3: {
      const limen_potential_type *p = NULL;
      rc = limen_potential_type_find(text, &p, &err);
      if (!rc) FUZZ_CHECK(p != NULL);
      break;
    }
    case 4: {
      limen_protocol_args a;
      memset(&a, 0, sizeof a);
      rc = limen_protocol_args_default(text, &a, &err);
      break;
    }
    case 5: {
      unsigned mask = 0;
      rc = limen_protocol_args_used(text, &mask, &err);
      break;
    }
    case 6: {
      const limen_bound_kind *k = NULL;
      rc = limen_bound_kind_find(text, &k, &err);
      if (!rc) FUZZ_CHECK(k != NULL);
      break;
    }
    case 7: {
      const limen_integrator_type *k = NULL;
      rc = limen_integrator_type_find(text, &k, &err);
      if (!rc) FUZZ_CHECK(k != NULL);
      break;
    }
    case 8: {
      const limen_memory_type *k = NULL;
      rc = limen_memory_type_find(text, &k, &err);
      if (!rc) FUZZ_CHECK(k != NULL);
      break;
    }
    case 9: {
      const limen_paradigm_type *k = NULL;
      rc = limen_paradigm_type_find(text, &k, &err);
      if (!rc) FUZZ_CHECK(k != NULL);
      break;
    }
    case 10: {
      /* "<kind>" or "<kind>=<x axis>" */
      char *x = strchr(text, '=');
      if (x) *x++ = '\0';
      limen_figure_kind k;
      rc = limen_figure_kind_find(text, x, &k, &err);
      if (!rc) FUZZ_CHECK(k >= LIMEN_FIGURE_PROJECTION && k <= LIMEN_FIGURE_PER_OP);
      break;
    }
    case 11: {
      limen_paradigm *p = NULL;
      rc = limen_paradigm_alloc(text, profiles(), &p, &err);
      if (!rc) FUZZ_CHECK(p != NULL);
      limen_paradigm_free(p);
      break;
    }
    default: {
      limen_bound_inputs in = limen_bound_inputs_default();
      rc = limen_bound_inputs_set_well(&in, text, &err);
      break;
    }
  }
  if (rc != LIMEN_OK) fuzz_failure(rc, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2) return 0;
  char *text = fuzz_text(data + 2, size - 2);
  if (!text) return 0;
  fuzz_quiet_begin();
  unsigned pick = data[0] % (FUZZ_N_TABLES + 1);
  if (pick == FUZZ_N_TABLES) {
    check_name(data[1], text);
  } else {
    const fuzz_table *t = &fuzz_tables[pick];
    size_t n = 0;
    void *obj = NULL;
    const limen_input *rows = fuzz_table_open(t, &n, &obj);
    const limen_input *row = &rows[data[1] % n];
    const char *name = row->name, *value = text;
    if (data[1] == 255) { /* "name=value": any name, the row it names if any */
      char *eq = strchr(text, '=');
      if (eq) {
        *eq = '\0';
        name = text;
        value = eq + 1;
        const limen_input *named = limen_input_find(rows, n, name);
        if (named) row = named;
      }
    }
    if (obj) check_row_text(t, rows, n, obj, row, name, value);
    if (strcmp(t->name, "simulate") == 0) check_simulate(rows, name, value);
    if (strcmp(t->name, "workload") == 0) check_request(rows, n, name, value);
    free(obj);
  }
  fuzz_quiet_end();
  free(text);
  return 0;
}
