/* SPDX-License-Identifier: GPL-3.0-or-later
 * fuzz_inputs_json: a JSON object of inputs, as in the tool's --config files and the language
 * bindings' keyword dictionaries, against one of the library's input tables (fuzz_tables.h;
 * the first byte picks the table, the rest is the text) to limen_inputs_from_json on a struct at
 * its defaults.  Accepted: every value given is within its row's range and stored exactly (whole
 * numbers for whole-number rows), every byte of the struct outside the members given unchanged,
 * and limen_inputs_json_each walks the same members (a callback that refuses unknown keys, a
 * row given twice and a value whose unit needs another input accepts exactly what
 * limen_inputs_from_json accepts).  Refused: the struct
 * unchanged byte for byte, a LIMEN_E* status with a message. */
#include "fuzz_tables.h"

typedef struct walk {
  const limen_input *rows;
  size_t n;
  unsigned char *given;
  double *value;
} walk;

static int visit(void *ctx, const char *key, const limen_input *in, double value, const char *json,
                 limen_error *err) {
  walk *w = ctx;
  FUZZ_CHECK(key != NULL);
  if (!in) {
    FUZZ_CHECK(json != NULL && json[0] != '\0');
    return limen_error_set(err, LIMEN_EINVAL, "fuzz", "unknown key");
  }
  FUZZ_CHECK(in >= w->rows && in < w->rows + w->n);
  if (json) { /* a string whose unit needs another input ("0.1eV", "20tau0"): from_json refuses it */
    FUZZ_CHECK(limen_input_energy_unit(in, json) || limen_input_cell_time(in, json));
    return limen_error_set(err, LIMEN_EINVAL, "fuzz", "needs another input");
  }
  FUZZ_CHECK(limen_input_in_range(in, value));
  size_t i = (size_t)(in - w->rows);
  if (w->given[i]) return limen_error_set(err, LIMEN_EPARSE, "fuzz", "given twice");
  w->given[i] = 1;
  w->value[i] = value;
  return LIMEN_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  const fuzz_table *t = &fuzz_tables[data[0] % FUZZ_N_TABLES];
  size_t n = 0;
  void *obj = NULL;
  const limen_input *rows = fuzz_table_open(t, &n, &obj);
  char *text = fuzz_text(data + 1, size - 1);
  unsigned char *before = malloc(t->size), *given = calloc(n, 1), *touched = calloc(t->size, 1);
  double *value = calloc(n, sizeof *value);
  if (!obj || !text || !before || !given || !touched || !value) goto done;
  memcpy(before, obj, t->size);

  limen_error err;
  fuzz_quiet_begin();
  int rc = limen_inputs_from_json(rows, n, obj, text, &err);
  walk w = {rows, n, given, value};
  limen_error err2;
  int rc2 = limen_inputs_json_each(rows, n, text, visit, &w, &err2);
  fuzz_quiet_end();
  if (rc != LIMEN_OK) {
    fuzz_failure(rc, &err);
    FUZZ_CHECK(memcmp(before, obj, t->size) == 0);
    FUZZ_CHECK(rc2 != LIMEN_OK);
    fuzz_failure(rc2, &err2);
    goto done;
  }
  FUZZ_CHECK(rc2 == LIMEN_OK);
  for (size_t i = 0; i < n; i++) {
    const limen_input *in = &rows[i];
    if (!given[i]) continue;
    memset(touched + in->offset, 1, fuzz_row_size(in));
    double v = limen_input_get(in, obj);
    FUZZ_CHECK(limen_input_in_range(in, v));
    FUZZ_CHECK(limen_input_check_given(in, v, &err) == LIMEN_OK);
    if (in->type == LIMEN_INPUT_DOUBLE) FUZZ_CHECK(fuzz_same_bits(v, value[i]));
    else FUZZ_CHECK(v == value[i]); /* a whole number, stored exactly */
  }
  for (size_t b = 0; b < t->size; b++)
    if (!touched[b]) FUZZ_CHECK(((const unsigned char *)obj)[b] == before[b]);
done:
  free(value);
  free(touched);
  free(given);
  free(before);
  free(text);
  free(obj);
  return 0;
}
