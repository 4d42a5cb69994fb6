/* SPDX-License-Identifier: GPL-3.0-or-later
 * fuzz_tables.h: every input table of the library (input.h) with the struct it describes, for
 * fuzz_inputs_json and fuzz_input_text.  A target picks one by the first byte of its input and
 * fills a heap copy of that struct, of exactly its size (a row whose offset is wrong writes out
 * of it: an ASan report), with the struct's defaults. */
#ifndef LIMEN_FUZZ_TABLES_H
#define LIMEN_FUZZ_TABLES_H

#include "fuzz_common.h"

#include "limen/limen.h"

typedef struct fuzz_table {
  const char *name;
  const limen_input *(*rows)(size_t *n);
  size_t size;             /* sizeof the struct                    */
  void (*init)(void *obj); /* its defaults                         */
} fuzz_table;

#define FUZZ_INIT(name, type, expr)                          \
  static void fuzz_init_##name(void *obj) {                  \
    type v = expr;                                           \
    memcpy(obj, &v, sizeof v);                               \
  }
FUZZ_INIT(workload, limen_workload, limen_workload_default())
FUZZ_INIT(path, limen_path_config, limen_path_config_default())
FUZZ_INIT(figure, limen_figure_config, limen_figure_config_default(LIMEN_FIGURE_PROJECTION))
FUZZ_INIT(fp, limen_fp_config, limen_fp_config_default())
FUZZ_INIT(experiment, limen_experiment_config, limen_experiment_config_default())
FUZZ_INIT(maxcut, limen_experiment_maxcut_config, limen_experiment_maxcut_config_default())
FUZZ_INIT(bound, limen_bound_inputs, limen_bound_inputs_default())
FUZZ_INIT(memory, limen_memory_config, limen_memory_config_default())
FUZZ_INIT(simulate, limen_simulate_config, limen_simulate_config_default())
FUZZ_INIT(validate, limen_validate_options, limen_validate_options_default())
FUZZ_INIT(langevin, limen_langevin_config, limen_langevin_config_default())
static void fuzz_init_protocol(void *obj) {
  limen_protocol_args a;
  memset(&a, 0, sizeof a);
  limen_protocol_args_common(&a);
  memcpy(obj, &a, sizeof a);
}
#undef FUZZ_INIT

static const fuzz_table fuzz_tables[] = {
    {"workload", limen_workload_inputs, sizeof(limen_workload), fuzz_init_workload},
    {"path", limen_path_config_inputs, sizeof(limen_path_config), fuzz_init_path},
    {"figure", limen_figure_inputs, sizeof(limen_figure_config), fuzz_init_figure},
    {"fokker-planck", limen_fp_inputs, sizeof(limen_fp_config), fuzz_init_fp},
    {"experiment", limen_experiment_inputs, sizeof(limen_experiment_config), fuzz_init_experiment},
    {"maxcut", limen_experiment_maxcut_inputs, sizeof(limen_experiment_maxcut_config), fuzz_init_maxcut},
    {"bound", limen_bound_inputs_table, sizeof(limen_bound_inputs), fuzz_init_bound},
    {"memory", limen_memory_config_inputs, sizeof(limen_memory_config), fuzz_init_memory},
    {"simulate", limen_simulate_inputs, sizeof(limen_simulate_config), fuzz_init_simulate},
    {"validate", limen_validate_inputs, sizeof(limen_validate_options), fuzz_init_validate},
    {"langevin", limen_langevin_inputs, sizeof(limen_langevin_config), fuzz_init_langevin},
    {"protocol", limen_protocol_inputs, sizeof(limen_protocol_args), fuzz_init_protocol},
};
#define FUZZ_N_TABLES (sizeof fuzz_tables / sizeof fuzz_tables[0])

/* Bytes of a row's member in its struct. */
static inline size_t fuzz_row_size(const limen_input *in) {
  switch (in->type) {
    case LIMEN_INPUT_INT: return sizeof(int);
    case LIMEN_INPUT_SIZE: return sizeof(size_t);
    case LIMEN_INPUT_UINT64: return sizeof(uint64_t);
    case LIMEN_INPUT_DOUBLE: break;
  }
  return sizeof(double);
}

/* Table k's rows (each inside the struct) and a heap struct at its defaults (free it). */
static inline const limen_input *fuzz_table_open(const fuzz_table *t, size_t *n, void **obj) {
  const limen_input *rows = t->rows(n);
  FUZZ_CHECK(rows != NULL && *n >= 1);
  for (size_t i = 0; i < *n; i++) {
    FUZZ_CHECK(rows[i].name != NULL);
    FUZZ_CHECK(rows[i].offset + fuzz_row_size(&rows[i]) <= t->size);
  }
  *obj = malloc(t->size);
  if (*obj) t->init(*obj);
  return rows;
}

#endif
