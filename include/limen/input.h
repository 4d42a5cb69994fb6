/* SPDX-License-Identifier: GPL-3.0-or-later
 * input.h: one description per numeric input of a library struct (a workload, a memory
 * configuration), so that each input is described once.
 *
 * A module publishes a table of limen_input rows for its struct (limen_workload_inputs,
 * limen_memory_config_inputs).  Each row gives the input's name, unit, allowed range, default
 * and one-line documentation, and where it lives in the struct.  From that one table
 *   - the library fills its defaults (limen_inputs_defaults), checks ranges
 *     (limen_inputs_check, messages "<name> = <value>: allowed range <range> <unit>") and
 *     reads and writes inputs by name (limen_input_get/set);
 *   - the tool builds its options (--name, the --config key, the JSON key), their help text
 *     and defaults, and docs/cli.md its tables (checked by the tests).
 *   - text and JSON given by a user are parsed and checked against the same rows
 *     (limen_input_parse, limen_inputs_set_text, limen_inputs_from_json), with messages that
 *     start with the input's name ("bits = '1e3': allowed range [1, 64] bits"), so that a tool
 *     can print them unchanged behind its own spelling ("--bits = ...", "--config 'f': bits = ...").
 * A row describes the value a user gives.  An input flagged LIMEN_INPUT_UNSET_NONPOSITIVE
 * (LIMEN_INPUT_UNSET_ZERO) also accepts any value ≤ 0 (exactly 0) in the struct, meaning "not
 * given: derived" (its default_text says what is derived); the range [lo, hi] then applies to
 * given values only. */
#ifndef LIMEN_INPUT_H
#define LIMEN_INPUT_H

#include <stddef.h>

#include "limen/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How the input is stored in its struct. */
typedef enum {
  LIMEN_INPUT_DOUBLE = 0, /* double                  */
  LIMEN_INPUT_INT = 1,    /* int (whole numbers only) */
  LIMEN_INPUT_SIZE = 2,   /* size_t (whole numbers only)                               */
  LIMEN_INPUT_UINT64 = 3  /* uint64_t (whole numbers only)                             */
} limen_input_type;

/* Flags of a row. */
enum {
  LIMEN_INPUT_INTEGER = 1u << 0,           /* whole numbers only (also for doubles)          */
  LIMEN_INPUT_UNSET_NONPOSITIVE = 1u << 1, /* a value ≤ 0 in the struct means "derived"      */
  LIMEN_INPUT_UNSET_ZERO = 1u << 2,        /* exactly 0 in the struct means "derived"         */
  LIMEN_INPUT_UNSET_NAN = 1u << 3,         /* NAN (a double) or SIZE_MAX (a size_t) in the struct
                                              means "derived" (from a task); get returns NAN and
                                              set stores SIZE_MAX for it                         */
  LIMEN_INPUT_COUNT = 1u << 4              /* a count: whole numbers; its range reads
                                              "integers [a, b]" instead of "whole numbers in"  */
};

typedef struct limen_input {
  const char *name;         /* the one public name: limen_<area>_set/get, the tool's --name,
                               --config key and JSON key ("batch-tokens")                     */
  const char *alias;        /* a second accepted name, or NULL ("batch")                      */
  const char *member;       /* the struct member, named by the trace of range errors          */
  const char *symbol;       /* symbol in formulas and assumption lines ("B_s")                */
  const char *unit;         /* unit of the value ("s", "K", "FLOP"), NULL for a pure number   */
  const char *metavar;      /* placeholder of the value in usage lines ("B")                  */
  double lo, hi;            /* allowed range of a given value                                 */
  int lo_open, hi_open;     /* open ends                                                      */
  unsigned flags;           /* LIMEN_INPUT_INTEGER, LIMEN_INPUT_UNSET_NONPOSITIVE             */
  limen_input_type type;    /* storage in the struct                                          */
  size_t offset;            /* offsetof(struct, member)                                       */
  double default_value;     /* the default (≤ 0: derived, for UNSET_NONPOSITIVE inputs)       */
  const char *default_text; /* the default as documented: its leading number is
                               default_value (to 4 significant digits; tested), or, for a
                               derived default, what it is derived from ("τ_op")              */
  const char *doc;          /* one line; other inputs are named by their option (--tokens)    */
} limen_input;

/* The row whose name or alias is `name` (NULL when none). */
LIMEN_API const limen_input *limen_input_find(const limen_input *table, size_t n, const char *name);

/* The row named `name`, or LIMEN_ENOTFOUND "<func>: <what> '<name>': unknown; allowed: a, b, ...". */
LIMEN_API int limen_input_lookup(const limen_input *table, size_t n, const char *func, const char *what,
                                 const char *name, const limen_input **out, limen_error *err);

/* The allowed range as text, without the unit: "[1, 1e+30]", "(0, 1e+12]", "whole numbers in
 * [1, 1e+30]"; with `with_unset`, an UNSET_NONPOSITIVE (UNSET_ZERO) row's is prefixed by
 * "<= 0 (derived) or " ("0 (derived) or "). */
LIMEN_API void limen_input_range_text(const limen_input *in, int with_unset, char *buf, size_t n);

/* The allowed range of a given value as messages state it, with the unit: "[1, 64] bits",
 * "whole numbers in [1, 1e+30]", "integers [2, 2000] px". */
LIMEN_API void limen_input_range_unit_text(const limen_input *in, char *buf, size_t n);

/* Is v allowed for a given value of this input (finite, in range, whole when required)? */
LIMEN_API int limen_input_in_range(const limen_input *in, double v);

/* Check the value v of in as stored in a struct (≤ 0 or 0 allowed for the UNSET rows):
 * LIMEN_EINVAL "<name> = <v>: allowed range <range> <unit>", naming the input as a user gives
 * it (the tool puts "--" before it); the trace (common.h) begins "<func>: <member>: ". */
LIMEN_API int limen_input_check(const limen_input *in, double v, const char *func, limen_error *err);

/* A rule between inputs: v, a value of in that its row allows, must also lie in [lo, hi] (ends
 * open as flagged), a range set by other inputs: LIMEN_EINVAL "<name> = <v>: allowed range
 * <range> <unit> (<why>)", the input named as a user gives it; why says what sets the range
 * ("at most barrier").  The structured fields are name, value and range. */
LIMEN_API int limen_input_check_within(const limen_input *in, double v, double lo, int lo_open, double hi, int hi_open,
                                       const char *why, limen_error *err);

/* Read or write the input in the struct at obj (an INT input is written rounded to the nearest
 * whole number; set does not check the range). */
LIMEN_API double limen_input_get(const limen_input *in, const void *obj);
LIMEN_API void limen_input_set(const limen_input *in, void *obj, double v);
/* 1 when v, as stored in the struct, means "derived" (the row's UNSET flag), else 0. */
LIMEN_API int limen_input_is_derived(const limen_input *in, double v);
/* The row's key in JSON documents: its name in snake_case ("batch-tokens" → "batch_tokens").
 * A --config file accepts either spelling. */
LIMEN_API void limen_input_json_key(const limen_input *in, char *buf, size_t n);

/* ---- values given by a user -------------------------------------------------------------
 * Messages carry no function prefix and start with the input's name (as given: an alias stays
 * an alias), then the value and the allowed range with its unit, all LIMEN_EINVAL:
 *     "<name> = '<text>': not a number; allowed range <range>"   (also: empty value, overflows
 *                                                                 a double, not a finite number)
 *     "<name> = '<text>': allowed range <range>"                  (outside the range, or not whole)
 *     "<name> = <value>: allowed range <range>"                   (a number given as a number) */

/* Parse text as a given value of in: a decimal number (units.h, limen_number_prefix: optional
 * sign, no blanks, no hexadecimal, no inf/nan), then optionally a unit right after it — for a
 * row in s a time unit (s, ms, us, ns, min, h, d, y; the value converted to seconds), else the
 * row's own unit — finite, neither overflowing nor underflowing a double, in the row's range
 * and whole where the row requires. */
LIMEN_API int limen_input_parse(const limen_input *in, const char *text, double *value, limen_error *err);

/* Check v as a given value of in (finite, in range, whole where required). */
LIMEN_API int limen_input_check_given(const limen_input *in, double v, limen_error *err);

/* Energies with a unit.  A row in kT takes a number followed by an energy unit of units.h
 * ("2e-20J", "0.1eV", "3kTln2", "5kT", "1e-25kWh"): limen_input_energy_unit says whether text
 * carries a unit other than kT (1) — such a value depends on the temperature — and
 * limen_input_parse_energy converts it at temperature_K into kT, then checks the row's range
 * (the message names `label` and shows the value given and its kT). */
LIMEN_API int limen_input_energy_unit(const limen_input *in, const char *text);
LIMEN_API int limen_input_parse_energy(const limen_input *in, const char *label, const char *text, double temperature_K,
                                       double *value, limen_error *err);

/* Durations in cell time.  A row in seconds also takes a number followed by "tau0" ("20tau0"),
 * the cell's intrinsic time τ₀: limen_input_cell_time says whether text has that form (1) —
 * such a value depends on τ₀ — and limen_input_parse_cell_time converts it with tau0_s into
 * seconds, then checks the row's range (the message names `label` and shows the value given
 * and its seconds).  Other text goes to limen_input_parse_as. */
LIMEN_API int limen_input_cell_time(const limen_input *in, const char *text);
LIMEN_API int limen_input_parse_cell_time(const limen_input *in, const char *label, const char *text, double tau0_s,
                                          double *value, limen_error *err);

/* Set the input `name` (a row's name or alias) of the struct at obj from text or from a number,
 * checked as above; an unknown name gives LIMEN_ENOTFOUND "unknown input '<name>': allowed
 * inputs a, b, ...".  Nothing is written on failure. */
LIMEN_API int limen_inputs_set_text(const limen_input *table, size_t n, void *obj, const char *name,
                                    const char *text, limen_error *err);
LIMEN_API int limen_inputs_set_value(const limen_input *table, size_t n, void *obj, const char *name, double v,
                                     limen_error *err);

/* Called by limen_inputs_json_each for each member of the object, in document order.  For a key
 * that names a row (name or alias), in is that row and value the member's value, already checked
 * (a JSON number, or a string parsed as by limen_input_parse); json is NULL — except for a string
 * whose unit needs another input (limen_input_energy_unit, limen_input_cell_time: "0.1eV",
 * "20tau0"), passed unchecked as json (the string itself, value 0) for the caller to convert
 * once that input is known.  For any other key, in is NULL and json the member's value as
 * compact JSON text, for the caller to read or refuse.
 * A non-zero return stops the walk and is returned. */
typedef int (*limen_inputs_json_fn)(void *ctx, const char *key, const limen_input *in, double value,
                                    const char *json, limen_error *err);

/* Walk a JSON object of inputs (the text, NUL-terminated).  LIMEN_EPARSE for "malformed JSON at line L,
 * column C", "text after the JSON value at line L, column C", "the top level is <type>: expected
 * a JSON object of options" and "key '<k>' appears twice"; a member of a row whose value is
 * not a number: LIMEN_EINVAL "<k> = <type>: expected a number in <range>" or "<k> = overflows
 * a double; allowed range <range>", or a message above. */
LIMEN_API int limen_inputs_json_each(const limen_input *table, size_t n, const char *json_text,
                                     limen_inputs_json_fn fn, void *ctx, limen_error *err);

/* Load a JSON object of inputs into the struct at obj: every key must name a row (LIMEN_EINVAL
 * "unknown key '<k>': allowed keys a, b, ..."), each row at most once (LIMEN_EPARSE "key '<k>'
 * sets input '<name>' a second time" when a name and its alias are both given), every value
 * checked as by limen_inputs_json_each.  Rows not in the object keep their values; on failure
 * the struct is unchanged. */
LIMEN_API int limen_inputs_from_json(const limen_input *table, size_t n, void *obj, const char *json_text,
                                     limen_error *err);

/* Every row's default_value into the struct at obj (other members untouched). */
LIMEN_API void limen_inputs_defaults(const limen_input *table, size_t n, void *obj);

/* limen_input_check of every row, in table order; the first failure is returned. */
LIMEN_API int limen_inputs_check(const limen_input *table, size_t n, const void *obj, const char *func,
                                 limen_error *err);

#ifdef __cplusplus
}
#endif
#endif /* LIMEN_INPUT_H */
