/* SPDX-License-Identifier: GPL-3.0-or-later
 * Inputs given as text or JSON (input.h): the number syntax limen_input_parse accepts and refuses
 * (the same as the tool's options: tests/cli/errors.sh), checks of given values, setting by name,
 * and JSON objects of inputs (unknown keys, wrong types, keys twice, malformed or trailing text);
 * every message names the input, the value and the allowed range. */
#include <criterion/criterion.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "limen/limen.h"

/* A small struct and its table: a double with a unit, a whole-number double, a count, an open range. */
typedef struct demo {
  double bits;
  double hops;
  double points;
  double time;
} demo;

static const limen_input k_demo[] = {
    {"bits", NULL, "bits", "n", "bits", "n", 1, 64, 0, 0, 0, LIMEN_INPUT_DOUBLE, offsetof(demo, bits), 16, "16", "bits"},
    {"hops-per-level", "hops", "hops", "H", NULL, "H", 1, 1e30, 0, 0, LIMEN_INPUT_INTEGER, LIMEN_INPUT_DOUBLE,
     offsetof(demo, hops), 2, "2", "hops"},
    {"points", NULL, "points", "p", "px", "N", 2, 2000, 0, 0, LIMEN_INPUT_COUNT, LIMEN_INPUT_DOUBLE,
     offsetof(demo, points), 61, "61", "points"},
    {"time", NULL, "time", "T", "s", "S", 0, 1e12, 1, 0, 0, LIMEN_INPUT_DOUBLE, offsetof(demo, time), 1, "1", "time"},
};
#define N_DEMO (sizeof k_demo / sizeof k_demo[0])
static const limen_input *BITS = &k_demo[0], *HOPS = &k_demo[1], *POINTS = &k_demo[2], *TIME = &k_demo[3];

static int parses(const limen_input *in, const char *text, double *v) {
  limen_error err;
  limen_error_clear(&err);
  return limen_input_parse(in, text, v, &err) == LIMEN_OK;
}

static void refused_with(const limen_input *in, const char *text, const char *msg) {
  limen_error err;
  limen_error_clear(&err);
  double v = -7;
  cr_assert_eq(limen_input_parse(in, text, &v, &err), LIMEN_EINVAL, "'%s' accepted", text);
  cr_assert_str_eq(err.msg, msg);
  cr_assert_eq(v, -7, "'%s': value written on failure", text);
}

/* ---- number syntax: decimal numbers, nothing around them (units.h) --------------------------- */

Test(input_parse, accepts_decimal_numbers) {
  struct { const char *text; double v; } ok[] = {{"8", 8},   {"1e1", 10}, {"+8", 8},   {"8.", 8},  {".5e1", 5},
                                                 {"1E1", 10}, {"2.5", 2.5}, {"64", 64}, {"1", 1},   {"6.4e0", 6.4}};
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    double v = 0;
    cr_assert(parses(BITS, ok[i].text, &v), "'%s' refused", ok[i].text);
    cr_assert_eq(v, ok[i].v, "'%s' = %g", ok[i].text, v);
  }
  double v = 0;
  cr_assert(parses(TIME, "1e3", &v) && v == 1e3);
  cr_assert(parses(HOPS, "1e3", &v) && v == 1e3, "whole numbers may be written with an exponent");
  cr_assert(parses(TIME, "1e-300", &v) && v == 1e-300);
}

/* Durations: a number with a time unit right after it, in seconds; sub-second units divide, so
 * that "3ms" is the double closest to 0.003. */
Test(input_parse, durations_take_a_unit) {
  struct { const char *text; double v; } ok[] = {
      {"90d", 90 * 86400.0}, {"1.5h", 5400}, {"10min", 600},   {"2y", 2 * 365.25 * 86400}, {"7s", 7},
      {"3ms", 0.003},        {"20us", 2e-5}, {"5ns", 5e-9},    {"2.6e6", 2.6e6},           {"1e1d", 864000}};
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    double v = 0;
    cr_assert(parses(TIME, ok[i].text, &v), "'%s' refused", ok[i].text);
    cr_assert_eq(v, ok[i].v, "'%s' = %.17g, expected %.17g", ok[i].text, v, ok[i].v);
  }
  refused_with(TIME, "90D", "time = '90D': unknown unit 'D' (a duration takes s, ms, us, ns, min, h, d, y); allowed range (0, 1e+12] s");
  refused_with(TIME, "90 d", "time = '90 d': unknown unit ' d' (a duration takes s, ms, us, ns, min, h, d, y); allowed range (0, 1e+12] s");
  refused_with(TIME, "1e13s", "time = '1e13s': allowed range (0, 1e+12] s");
  refused_with(BITS, "8d", "bits = '8d': not a number; allowed range [1, 64] bits"); /* a duration's unit, not bits */
  double v = 0;
  cr_assert(parses(BITS, "8bits", &v) && v == 8, "the row's own unit may follow the number");
}

Test(input_parse, refuses_what_is_not_one_finite_number) {
  refused_with(BITS, "", "bits = '': empty value; allowed range [1, 64] bits");
  refused_with(BITS, "3abc", "bits = '3abc': not a number; allowed range [1, 64] bits");
  refused_with(BITS, "12x", "bits = '12x': not a number; allowed range [1, 64] bits");
  refused_with(BITS, "3 ", "bits = '3 ': not a number; allowed range [1, 64] bits");
  refused_with(BITS, " 3", "bits = ' 3': not a number; allowed range [1, 64] bits");
  refused_with(BITS, "0x10", "bits = '0x10': not a number; allowed range [1, 64] bits");
  refused_with(BITS, "0x1p3", "bits = '0x1p3': not a number; allowed range [1, 64] bits");
  refused_with(BITS, " ", "bits = ' ': not a number; allowed range [1, 64] bits");
  refused_with(BITS, "abc", "bits = 'abc': not a number; allowed range [1, 64] bits");
  refused_with(BITS, "8e", "bits = '8e': not a number; allowed range [1, 64] bits");
  refused_with(BITS, "inf", "bits = 'inf': not a number; allowed range [1, 64] bits");
  refused_with(BITS, "-inf", "bits = '-inf': not a number; allowed range [1, 64] bits");
  refused_with(BITS, "INF", "bits = 'INF': not a number; allowed range [1, 64] bits");
  refused_with(BITS, "nan", "bits = 'nan': not a number; allowed range [1, 64] bits");
  refused_with(BITS, "NaN", "bits = 'NaN': not a number; allowed range [1, 64] bits");
  refused_with(BITS, "-nan", "bits = '-nan': not a number; allowed range [1, 64] bits");
  refused_with(BITS, "1e400", "bits = '1e400': overflows a double; allowed range [1, 64] bits");
  refused_with(BITS, "1e999", "bits = '1e999': overflows a double; allowed range [1, 64] bits");
  refused_with(BITS, "-1e400", "bits = '-1e400': overflows a double; allowed range [1, 64] bits");
  limen_error err;
  double v;
  cr_assert_eq(limen_input_parse(BITS, NULL, &v, &err), LIMEN_EINVAL);
}

Test(input_parse, range_and_whole_numbers) {
  refused_with(BITS, "65", "bits = '65': allowed range [1, 64] bits");
  refused_with(BITS, "0.5", "bits = '0.5': allowed range [1, 64] bits");
  refused_with(BITS, "1e3", "bits = '1e3': allowed range [1, 64] bits");
  refused_with(BITS, "1e-400", "bits = '1e-400': underflows a double; allowed range [1, 64] bits");
  refused_with(TIME, "0", "time = '0': allowed range (0, 1e+12] s");
  refused_with(TIME, "-1", "time = '-1': allowed range (0, 1e+12] s");
  refused_with(HOPS, "2.5", "hops-per-level = '2.5': allowed range whole numbers in [1, 1e+30]");
  refused_with(HOPS, "1.5", "hops-per-level = '1.5': allowed range whole numbers in [1, 1e+30]");
  refused_with(POINTS, "1", "points = '1': allowed range integers [2, 2000] px");
  refused_with(POINTS, "2.5", "points = '2.5': allowed range integers [2, 2000] px");
  double v = 0;
  cr_assert(parses(HOPS, "3", &v) && v == 3);
  cr_assert(parses(POINTS, "2000", &v) && v == 2000);
}

Test(input_parse, given_values_checked) {
  limen_error err;
  cr_assert_eq(limen_input_check_given(BITS, 8, &err), LIMEN_OK);
  cr_assert_eq(limen_input_check_given(BITS, 65, &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.msg, "bits = 65: allowed range [1, 64] bits");
  cr_assert_eq(limen_input_check_given(HOPS, 2.5, &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.msg, "hops-per-level = 2.5: allowed range whole numbers in [1, 1e+30]");
  cr_assert_eq(limen_input_check_given(BITS, NAN, &err), LIMEN_EINVAL);
  cr_assert_eq(limen_input_check_given(BITS, INFINITY, &err), LIMEN_EINVAL);
  char r[64];
  limen_input_range_unit_text(POINTS, r, sizeof r);
  cr_assert_str_eq(r, "integers [2, 2000] px");
}

/* ---- by name ------------------------------------------------------------------------------------ */

Test(input_set, by_name_text_and_value) {
  demo d = {16, 2, 61, 0};
  limen_error err;
  cr_assert_eq(limen_inputs_set_text(k_demo, N_DEMO, &d, "bits", "8", &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(d.bits, 8);
  cr_assert_eq(limen_inputs_set_text(k_demo, N_DEMO, &d, "hops", "4", &err), LIMEN_OK, "alias: %s", err.msg);
  cr_assert_eq(d.hops, 4);
  cr_assert_eq(limen_inputs_set_value(k_demo, N_DEMO, &d, "points", 100, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(d.points, 100);
  /* failures leave the struct alone and name the input as given */
  cr_assert_eq(limen_inputs_set_text(k_demo, N_DEMO, &d, "hops", "2.5", &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.msg, "hops = '2.5': allowed range whole numbers in [1, 1e+30]");
  cr_assert_eq(limen_inputs_set_value(k_demo, N_DEMO, &d, "bits", 0, &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.msg, "bits = 0: allowed range [1, 64] bits");
  cr_assert_eq(limen_inputs_set_text(k_demo, N_DEMO, &d, "bitz", "8", &err), LIMEN_ENOTFOUND);
  cr_assert_str_eq(err.msg, "unknown input 'bitz': allowed inputs bits, hops-per-level, points, time");
  cr_assert(d.bits == 8 && d.hops == 4 && d.points == 100);
}

/* ---- JSON objects ----------------------------------------------------------------------------- */

static int json_fails(const char *json, int code, const char *msg) {
  demo d = {16, 2, 61, 0};
  limen_error err;
  limen_error_clear(&err);
  int rc = limen_inputs_from_json(k_demo, N_DEMO, &d, json, &err);
  cr_assert_eq(rc, code, "%s: status %d (%s)", json, rc, err.msg);
  cr_assert_str_eq(err.msg, msg, "%s", json);
  cr_assert(d.bits == 16 && d.hops == 2 && d.points == 61, "%s: struct changed on failure", json);
  return 1;
}

/* Cell time: "20tau0" on a row in seconds, converted with τ₀ (expected values: N·τ₀ computed
 * here); plain parsing refuses it (τ₀ unknown there) with a message that says so. */
Test(input_parse, cell_time_in_tau0) {
  limen_error err;
  double v = 0;
  cr_assert(limen_input_cell_time(TIME, "20tau0") && limen_input_cell_time(TIME, "1e3tau0"));
  cr_assert(!limen_input_cell_time(TIME, "20") && !limen_input_cell_time(TIME, "20ns") &&
            !limen_input_cell_time(TIME, "tau0") && !limen_input_cell_time(TIME, "20 tau0") &&
            !limen_input_cell_time(BITS, "20tau0"));
  cr_assert_eq(limen_input_parse_cell_time(TIME, "time", "20tau0", 2e-9, &v, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(v, 20 * 2e-9);
  cr_assert_eq(limen_input_parse_cell_time(TIME, "time", "5ms", 2e-9, &v, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(v, 0.005, "other text parses as a duration");
  v = -7;
  cr_assert_eq(limen_input_parse_cell_time(TIME, "time", "1e30tau0", 1e-9, &v, &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.msg, "time = '1e30tau0' (= 1e+21 s at tau0 = 1e-09 s): allowed range (0, 1e+12] s");
  cr_assert_eq(limen_input_parse_cell_time(TIME, "time", "1e-320tau0", 1e-9, &v, &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.msg, "time = '1e-320tau0': not representable in s at tau0 = 1e-09 s; allowed range (0, 1e+12] s");
  cr_assert_eq(v, -7, "nothing written on failure");
  refused_with(TIME, "20tau0", "time = '20tau0': a duration in tau0 needs the cell's tau0, which is not given here: "
                               "give it in s or with a time unit (s, ms, us, ns, min, h, d, y); allowed range (0, 1e+12] s");
}

static int collect(void *ctx, const char *key, const limen_input *in, double value, const char *json,
                   limen_error *err);

/* A JSON string whose unit needs another input is handed over unconverted; loading it into a
 * struct (no temperature or τ₀ known) refuses it. */
Test(input_json, units_needing_another_input_handed_over) {
  static const limen_input rows[] = {
      {"barrier", NULL, "barrier", "E_b", "kT", "KT", 0, 1e4, 1, 0, 0, LIMEN_INPUT_DOUBLE, 0, 8, "8", "barrier"}};
  char seen[512] = "";
  limen_error err;
  cr_assert_eq(limen_inputs_json_each(k_demo, N_DEMO, "{\"time\": \"20tau0\", \"bits\": \"8\"}", collect, seen, &err),
               LIMEN_OK, "%s", err.msg);
  cr_assert_str_eq(seen, "time:time='20tau0';bits:bits=8;");
  seen[0] = '\0';
  cr_assert_eq(limen_inputs_json_each(rows, 1, "{\"barrier\": \"0.1eV\"}", collect, seen, &err), LIMEN_OK);
  cr_assert_str_eq(seen, "barrier:barrier='0.1eV';");
  json_fails("{\"time\": \"20tau0\"}", LIMEN_EINVAL,
             "time = '20tau0': a duration in tau0 needs the cell's tau0, which is not given here: give it in s or "
             "with a time unit (s, ms, us, ns, min, h, d, y); allowed range (0, 1e+12] s");
}

Test(input_json, loads_numbers_and_numeric_strings) {
  demo d = {16, 2, 61, 0};
  limen_error err;
  cr_assert_eq(limen_inputs_from_json(k_demo, N_DEMO, &d, " {\"bits\": 8, \"hops\": \"3\",\n \"points\": 1e2} \n", &err),
               LIMEN_OK, "%s", err.msg);
  cr_assert(d.bits == 8 && d.hops == 3 && d.points == 100);
  cr_assert_eq(limen_inputs_from_json(k_demo, N_DEMO, &d, "{}", &err), LIMEN_OK, "%s", err.msg);
}

Test(input_json, refuses_bad_objects) {
  json_fails("{\"bitz\": 8}", LIMEN_EINVAL, "unknown key 'bitz': allowed keys bits, hops-per-level, points, time");
  json_fails("{\"bits\": \"sixteen\"}", LIMEN_EINVAL, "bits = 'sixteen': not a number; allowed range [1, 64] bits");
  json_fails("{\"bits\": true}", LIMEN_EINVAL, "bits = a boolean: expected a number in [1, 64] bits");
  json_fails("{\"bits\": null}", LIMEN_EINVAL, "bits = null: expected a number in [1, 64] bits");
  json_fails("{\"bits\": [8]}", LIMEN_EINVAL, "bits = an array: expected a number in [1, 64] bits");
  json_fails("{\"bits\": 1e999}", LIMEN_EINVAL, "bits = overflows a double; allowed range [1, 64] bits");
  json_fails("{\"bits\": -1}", LIMEN_EINVAL, "bits = -1: allowed range [1, 64] bits");
  json_fails("{\"hops\": 2.5}", LIMEN_EINVAL, "hops = 2.5: allowed range whole numbers in [1, 1e+30]");
  json_fails("{\"bits\": 8, \"bits\": 4}", LIMEN_EPARSE, "key 'bits' appears twice");
  json_fails("{\"hops\": 3, \"hops-per-level\": 4}", LIMEN_EPARSE,
             "key 'hops-per-level' sets input 'hops-per-level' a second time");
  json_fails("{\"bits\": 8} x", LIMEN_EPARSE, "text after the JSON value at line 1, column 13");
  json_fails("{\"bits\": 8}\n{}", LIMEN_EPARSE, "text after the JSON value at line 2, column 1");
  json_fails("{\"bits\": 300,", LIMEN_EPARSE, "malformed JSON at line 1, column 13");
  json_fails("{\"bits\": 8,}", LIMEN_EPARSE, "malformed JSON at line 1, column 12");
  json_fails("", LIMEN_EPARSE, "malformed JSON at line 1, column 1");
  json_fails("[1, 2]", LIMEN_EPARSE, "the top level is an array: expected a JSON object of options");
  json_fails("3", LIMEN_EPARSE, "the top level is a number: expected a JSON object of options");
  /* a good key before a bad one: still nothing written */
  json_fails("{\"bits\": 8, \"points\": 1}", LIMEN_EINVAL, "points = 1: allowed range integers [2, 2000] px");
}

/* The walk hands other keys over as JSON text. */
static int collect(void *ctx, const char *key, const limen_input *in, double value, const char *json,
                   limen_error *err) {
  (void)err;
  char *out = ctx;
  char item[128];
  if (in && json) snprintf(item, sizeof item, "%s:%s='%s';", key, in->name, json); /* to convert later */
  else if (in) snprintf(item, sizeof item, "%s:%s=%g;", key, in->name, value);
  else snprintf(item, sizeof item, "%s=%s;", key, json);
  strcat(out, item);
  return strcmp(key, "stop") == 0 ? LIMEN_EINVAL : LIMEN_OK;
}

Test(input_json, each_hands_other_keys_as_json) {
  char seen[512] = "";
  limen_error err;
  cr_assert_eq(limen_inputs_json_each(k_demo, N_DEMO, "{\"hops\": 3, \"paradigm\": [\"a\", \"b\"], \"v\": true}",
                                      collect, seen, &err),
               LIMEN_OK, "%s", err.msg);
  cr_assert_str_eq(seen, "hops:hops-per-level=3;paradigm=[\"a\",\"b\"];v=true;");
  seen[0] = '\0';
  cr_assert_eq(limen_inputs_json_each(k_demo, N_DEMO, "{\"stop\": 1, \"bits\": 8}", collect, seen, &err), LIMEN_EINVAL);
  cr_assert_str_eq(seen, "stop=1;", "the walk stops at the callback's failure");
}

/* ---- workload inputs: the tool's cases of tests/cli/errors.sh, from the library ---------------- */

Test(input_parse, workload_rows_as_the_tool_reports_them) {
  size_t n;
  const limen_input *t = limen_workload_inputs(&n);
  limen_error err;
  double v;
  const limen_input *temp = limen_input_find(t, n, "temperature");
  const char *bad[] = {"-3", "0", "nan", "NaN", "inf", "-inf", "1e999", "abc", "", "12x"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    cr_assert_eq(limen_input_parse(temp, bad[i], &v, &err), LIMEN_EINVAL, "'%s'", bad[i]);
    cr_assert(strncmp(err.msg, "temperature = '", 15) == 0 && strstr(err.msg, "allowed range (0, 10000] K"), "%s",
              err.msg);
  }
  cr_assert_eq(limen_input_parse(limen_input_find(t, n, "hops-per-level"), "1.5", &v, &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.msg, "hops-per-level = '1.5': allowed range whole numbers in [1, 1e+30]");
  cr_assert_eq(limen_input_parse(limen_input_find(t, n, "flops"), "1e61", &v, &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.msg, "flops = '1e61': allowed range (0, 1e+60] FLOP");
  limen_workload w = limen_workload_default();
  cr_assert_eq(limen_inputs_from_json(t, n, &w, "{\"bits\": 8, \"batch\": 1024, \"time\": \"8.64e6\"}", &err), LIMEN_OK,
               "%s", err.msg);
  cr_assert(w.bits == 8 && w.batch_tokens == 1024 && w.train_time_s == 8.64e6);
}

/* ---- near misses ------------------------------------------------------------------------------ */

Test(suggest, the_closest_allowed_name) {
  char b[64];
  const char *models = "brain-scale, gpt-3, llama-2-70b, llama-3-70b, llama-3.1-405b, bert-base";
  cr_assert_str_eq(limen_suggest("llama3-70b", models, b, sizeof b), "llama-3-70b");
  cr_assert_str_eq(limen_suggest("GPT3", models, b, sizeof b), "gpt-3");
  cr_assert_str_eq(limen_suggest("zzz", models, b, sizeof b), "", "nothing close: no suggestion");
  cr_assert_str_eq(limen_suggest("gpt-3", models, b, sizeof b), "", "an exact name needs none");
  cr_assert_str_eq(limen_suggest("lim-mached", "landauer-adiabatic, lim-matched[:<device>]", b, sizeof b),
                   "lim-matched", "the name before its argument");
  cr_assert_str_eq(limen_suggest("temprature", "bits, time, temperature", b, sizeof b), "temperature");
  cr_assert_str_eq(limen_suggest(NULL, models, b, sizeof b), "");
}

/* ---- messages in a user's terms, the trace behind them ---------------------------------------- */

/* A stored value out of range is named as the user gives the input (the row's name, the range in
 * its unit); the function and the struct member are in the trace only. */
Test(input_messages, stored_values_named_as_given) {
  limen_input hops = *HOPS;
  hops.member = "hops_per_level_internal";
  limen_error err;
  limen_error_clear(&err);
  cr_assert_eq(limen_input_check(&hops, 0.5, "limen_demo_check", &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.msg, "hops-per-level = 0.5: allowed range whole numbers in [1, 1e+30]");
  cr_assert_str_eq(err.field, "hops-per-level");
  cr_assert(strstr(err.trace, "limen_demo_check") && strstr(err.trace, "hops_per_level_internal"), "%s", err.trace);
  cr_assert_eq(limen_input_check(TIME, 2e12, "limen_demo_check", &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.msg, "time = 2e+12: allowed range (0, 1e+12] s");
}

/* A rule between inputs: the range set by another input, with why. */
Test(input_messages, rules_between_inputs) {
  limen_error err;
  limen_error_clear(&err);
  cr_assert_eq(limen_input_check_within(BITS, 20, 1, 0, 8, 0, "at most levels", &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.msg, "bits = 20: allowed range [1, 8] bits (at most levels)");
  cr_assert_str_eq(err.field, "bits");
  cr_assert_str_eq(err.range, "[1, 8] bits");
  cr_assert_eq(limen_input_check_within(BITS, 8, 1, 0, 8, 0, NULL, &err), LIMEN_OK);
}

/* Function names (a C identifier with an underscore) go to the trace, context words to both; a
 * wrap around a message about one input keeps the input's name first (the tool puts "--" there). */
Test(input_messages, function_names_in_the_trace_only) {
  limen_error err;
  limen_error_clear(&err);
  limen_error_set(&err, LIMEN_ERANGE, "hop_apply", "hops per window = %g", 3.0);
  cr_assert_str_eq(err.msg, "hops per window = 3");
  cr_assert_str_eq(err.trace, "hop_apply: hops per window = 3");
  limen_error_wrap(&err, LIMEN_ERANGE, "lim_matched", "hop cost");
  limen_error_wrap(&err, LIMEN_ERANGE, "paradigm", "'lim-matched'");
  cr_assert_str_eq(err.msg, "paradigm: 'lim-matched': hop cost: hops per window = 3");
  cr_assert_str_eq(err.trace, "paradigm: 'lim-matched': lim_matched: hop cost: hop_apply: hops per window = 3");
  cr_assert_eq(limen_input_check(BITS, 65, "limen_demo_check", &err), LIMEN_EINVAL);
  limen_error_wrap(&err, LIMEN_EINVAL, "paradigm", "'cim-static'");
  cr_assert_str_eq(err.msg, "bits = 65: allowed range [1, 64] bits");
  cr_assert(strncmp(err.trace, "paradigm: 'cim-static': limen_demo_check: bits: bits = 65", 57) == 0, "%s", err.trace);
}
