/* SPDX-License-Identifier: GPL-3.0-or-later
 * Hardware profiles (data/profiles.json): contents, derivations of the per-FLOP figures, and
 * strict parsing. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "limen/limen.h"
#include "testutil.h"

static limen_profile_set *load(void) {
  limen_profile_set *s = NULL;
  limen_error err;
  cr_assert_eq(limen_profiles_load(NULL, &s, &err), LIMEN_OK, "%s", err.msg);
  return s;
}

static const limen_profile *get(const limen_profile_set *s, const char *name) {
  const limen_profile *p = NULL;
  limen_error err;
  cr_assert_eq(limen_profiles_find(s, name, &p, &err), LIMEN_OK, "%s", err.msg);
  return p;
}

Test(profiles, required_rows_state_what_they_include) {
  limen_profile_set *s = load();
  const char *need[] = {"horowitz-45nm", "a100", "h100", "hermes-14nm", "fn-synapse", "cmos-limit"};
  for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
    const limen_profile *p = get(s, need[i]);
    cr_assert(strlen(p->includes) > 5, "%s", p->name);
    cr_assert(strlen(p->source) > 10, "%s", p->name);
  }
  for (size_t i = 0; i < s->count; i++) cr_assert(strlen(s->profiles[i].source) > 10);
  limen_profiles_free(s);
}

Test(profiles, per_flop_figures_follow_from_their_sources) {
  limen_profile_set *s = load();
  /* Horowitz 45 nm: a FLOP is one multiply or one add; FP16 mult 1.1 pJ, add 0.4 pJ */
  const limen_profile *p = get(s, "horowitz-45nm");
  cr_assert(tu_close_rel(p->energy_per_flop_J, (1.1e-12 + 0.4e-12) / 2, 1e-12));
  cr_assert(tu_close_rel(p->energy_per_byte_J, 640e-12 / 4, 1e-12)); /* 640 pJ per 32 bit */
  cr_assert_eq(p->cls, LIMEN_PROFILE_ACCELERATOR);
  p = get(s, "horowitz-45nm-fp32");
  cr_assert(tu_close_rel(p->energy_per_flop_J, (3.7e-12 + 0.9e-12) / 2, 1e-12));
  /* A100: 400 W at 312 TFLOP/s BF16 dense; H100: 700 W at 989 TFLOP/s */
  p = get(s, "a100");
  cr_assert(tu_close_rel(p->energy_per_flop_J, 400.0 / 312e12, 1e-12));
  cr_assert(p->energy_per_flop_realized_J > p->energy_per_flop_J);
  p = get(s, "h100");
  cr_assert(tu_close_rel(p->energy_per_flop_J, 700.0 / 989e12, 1e-12));
  cr_assert(tu_close_rel(p->energy_per_flop_J, 0.71e-12, 0.01));
  /* the realized H100 figure: Llama 3.1 405B, 30.84M GPU-hours × 700 W over 3.8e25 FLOP */
  cr_assert(tu_close_rel(p->energy_per_flop_realized_J, 30.84e6 * 3600 * 700 / 3.8e25, 1e-3));
  /* Epoch AI: 4.7e15 FLOP/J */
  p = get(s, "cmos-limit");
  cr_assert(tu_close_rel(p->energy_per_flop_J, 1.0 / 4.7e15, 1e-12));
  cr_assert_eq(p->cls, LIMEN_PROFILE_LIMIT);
  p = get(s, "fn-synapse");
  cr_assert_eq(p->cls, LIMEN_PROFILE_DEVICE);
  cr_assert(tu_close_rel(p->update_energy_J, 5e-15, 1e-12));
  cr_assert_eq(p->bits, 14);
  p = get(s, "hermes-14nm");
  cr_assert_eq(p->cls, LIMEN_PROFILE_DEVICE);
  cr_assert(tu_close_rel(p->read_energy_J, 1.0 / 9.76e12, 1e-12)); /* 9.76 TOPS/W, one-phase */
  cr_assert(isnan(p->energy_per_flop_J));
  limen_profiles_free(s);
}

Test(profiles, unknown_name_lists_profiles) {
  limen_profile_set *s = load();
  const limen_profile *p = NULL;
  limen_error err;
  cr_assert_eq(limen_profiles_find(s, "tpu-v9", &p, &err), LIMEN_ENOTFOUND);
  cr_assert(strstr(err.msg, "tpu-v9") && strstr(err.msg, "h100"), "%s", err.msg);
  cr_assert_str_eq(limen_profile_class_name(LIMEN_PROFILE_DEVICE), "device");
  limen_profiles_free(s);
}

static const char *k_good =
    "\"name\": \"x\", \"display\": \"X\", \"energy_per_flop_realized_J\": null, "
    "\"energy_per_byte_J\": null, \"read_energy_J\": null, \"update_energy_J\": null, "
    "\"bits\": 16, \"includes\": \"chip\", \"source\": \"a datasheet\", \"notes\": \"\"";

static void expect_error(const char *cls_and_flop, const char *extra, const char *must) {
  char text[4096];
  snprintf(text, sizeof text, "[{%s, %s%s%s}]", k_good, cls_and_flop, extra ? ", " : "",
           extra ? extra : "");
  const char *path = tu_temp_file(text);
  cr_assert_not_null(path, "cannot write a temporary file");
  limen_profile_set *s = NULL;
  limen_error err;
  int rc = limen_profiles_load(path, &s, &err);
  remove(path);
  if (!must) {
    cr_assert_eq(rc, LIMEN_OK, "%s", err.msg);
    limen_profiles_free(s);
    return;
  }
  cr_assert_eq(rc, LIMEN_EPARSE, "accepted: %s", text);
  cr_assert(strstr(err.msg, path) && strstr(err.msg, "row 0 (x)"), "%s", err.msg);
  cr_assert(strstr(err.msg, must), "message '%s' lacks '%s'", err.msg, must);
}

Test(profiles, malformed_rows) {
  expect_error("\"class\": \"accelerator\", \"energy_per_flop_J\": 1e-12", NULL, NULL);
  expect_error("\"class\": \"gpu\", \"energy_per_flop_J\": 1e-12", NULL, "class");
  expect_error("\"class\": 3, \"energy_per_flop_J\": 1e-12", NULL, "class");
  expect_error("\"class\": \"accelerator\", \"energy_per_flop_J\": -1e-12", NULL, "energy_per_flop_J");
  expect_error("\"class\": \"accelerator\", \"energy_per_flop_J\": 0", NULL, "energy_per_flop_J");
  expect_error("\"class\": \"accelerator\", \"energy_per_flop_J\": 2", NULL, "energy_per_flop_J");
  expect_error("\"class\": \"accelerator\", \"energy_per_flop_J\": null", NULL, "energy_per_flop_J");
  expect_error("\"class\": \"device\", \"energy_per_flop_J\": null", NULL, "at least one energy");
  expect_error("\"class\": \"accelerator\", \"energy_per_flop_J\": 1e-12", "\"tdp\": 400", "tdp: unknown");
  expect_error("\"class\": \"accelerator\"", NULL, "energy_per_flop_J: missing");
}
