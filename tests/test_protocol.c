/* SPDX-License-Identifier: GPL-3.0-or-later
 * Protocols: evaluation with jumps, the ready-made protocols, JSON round trip and strict
 * validation. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "limen/limen.h"
#include "testutil.h"

Test(protocol, evaluation_left_and_right_limits) {
  limen_protocol *p;
  cr_assert_eq(limen_protocol_alloc_trap_optimal(2.0, 3.0, 4.0, &p, NULL), 0);
  limen_control u;
  double a = 3.0 * 0.5 / (4.0 + 1.0), b = 3.0 * (4.0 + 0.5) / (4.0 + 1.0);
  limen_protocol_control(p, 0.0, -1, &u);
  cr_assert_eq(u.center, 0.0);
  limen_protocol_control(p, 0.0, +1, &u);
  cr_assert(tu_close_rel(u.center, a, 1e-14));
  limen_protocol_control(p, 2.0, -1, &u);
  cr_assert(tu_close_rel(u.center, (a + b) / 2, 1e-14));
  limen_protocol_control(p, 4.0, -1, &u);
  cr_assert(tu_close_rel(u.center, b, 1e-14));
  limen_protocol_control(p, 4.0, +1, &u);
  cr_assert_eq(u.center, 3.0);
  cr_assert(tu_close_rel(limen_protocol_duration(p), 4.0, 1e-15));
  limen_protocol_free(p);
  /* interior jump between segments, and the cosine shape */
  const char *js = "{\"potential\":\"quartic\",\"initial\":{\"barrier\":5},"
                   "\"segments\":[{\"duration\":1,\"end\":{\"tilt\":2}},"
                   "{\"duration\":2,\"shape\":\"cosine\",\"start\":{\"tilt\":-2},\"end\":{\"tilt\":0}}]}";
  limen_error e;
  cr_assert_eq(limen_protocol_from_json(js, &p, &e), 0, "%s", e.msg);
  limen_protocol_control(p, 1.0, -1, &u);
  cr_assert_eq(u.tilt, 2.0);
  limen_protocol_control(p, 1.0, +1, &u);
  cr_assert_eq(u.tilt, -2.0);
  limen_protocol_control(p, 2.0, -1, &u);
  cr_assert(tu_close_rel(u.tilt, -1.0, 1e-14));
  cr_assert_eq(u.barrier, 5.0);
  limen_protocol_control(p, 3.0, +1, &u);
  cr_assert_eq(u.tilt, 0.0);
  limen_protocol_free(p);
}

Test(protocol, every_library_protocol_builds_and_round_trips) {
  for (const char *const *n = limen_protocol_names(); *n; n++) {
    limen_protocol *p, *q;
    limen_error e;
    cr_assert_eq(limen_protocol_alloc_named(*n, NULL, &p, &e), 0, "%s: %s", *n, e.msg);
    cr_assert_str_eq(p->kind, *n);
    char *js;
    cr_assert_eq(limen_protocol_to_json(p, &js, &e), 0, "%s", e.msg);
    cr_assert_eq(limen_protocol_from_json(js, &q, &e), 0, "%s: %s\n%s", *n, e.msg, js);
    cr_assert_eq(q->n_segments, p->n_segments);
    cr_assert_eq(q->potential, p->potential);
    cr_assert(memcmp(q->segments, p->segments, p->n_segments * sizeof *p->segments) == 0, "%s", *n);
    cr_assert(memcmp(&q->initial, &p->initial, sizeof p->initial) == 0);
    cr_assert(memcmp(&q->final, &p->final, sizeof p->final) == 0);
    cr_assert(memcmp(&q->args, &p->args, sizeof p->args) == 0);
    cr_assert(memcmp(&q->potential_params, &p->potential_params, sizeof p->potential_params) == 0);
    cr_assert(q->target_lo == p->target_lo && q->target_hi == p->target_hi);
    cr_assert(q->initial_lo == p->initial_lo && q->initial_hi == p->initial_hi);
    cr_assert_str_eq(q->name, p->name);
    free(js);
    limen_protocol_free(p);
    limen_protocol_free(q);
  }
}

Test(protocol, erasure_stages) {
  limen_protocol *p;
  cr_assert_eq(limen_protocol_alloc_erasure(10, 1, 3, 0, 8, &p, NULL), 0);
  limen_control u;
  limen_protocol_control(p, 2.0, -1, &u);
  cr_assert(u.barrier == 1 && u.tilt == 0);
  limen_protocol_control(p, 4.0, -1, &u);
  cr_assert(u.barrier == 1 && u.tilt == -3);
  limen_protocol_control(p, 6.0, -1, &u);
  cr_assert(u.barrier == 10 && u.tilt == -3);
  limen_protocol_control(p, 8.0, +1, &u);
  cr_assert(u.barrier == 10 && u.tilt == 0);
  cr_assert(p->target_hi == 0 && isinf(p->target_lo));
  limen_protocol_free(p);
  cr_assert_eq(limen_protocol_alloc_hopping(8, 4, 2, 3, 2, 10, 0.1, &p, NULL), 0);
  cr_assert(p->initial_lo == 1.5 && p->initial_hi == 2.5 && p->target_lo == 4.5);
  cr_assert_eq(p->n_segments, 3);
  limen_protocol_free(p);
}

Test(protocol, strict_json_validation) {
  struct {
    const char *js;
    int code;
    const char *needle;
  } bad[] = {
      {"{\"segments\":[{\"duration\":1}], \"colour\": 1}", LIMEN_EPARSE, "colour"},
      {"{\"segments\":[{\"duration\":1, \"end\":{\"tilt\":1, \"spin\":2}}]}", LIMEN_EPARSE,
       "segments[0].end.spin"},
      {"{\"segments\":[{\"duration\":\"long\"}]}", LIMEN_EPARSE, "segments[0].duration"},
      {"{\"segments\":[{\"duration\":-1}]}", LIMEN_EINVAL, "segments[0].duration = -1"},
      {"{\"segments\":[{}]}", LIMEN_EPARSE, "duration: missing"},
      {"{\"segments\":[{\"duration\":1,\"shape\":\"zigzag\"}]}", LIMEN_EINVAL, "zigzag"},
      {"{\"potential\":\"harmonic\",\"segments\":[{\"duration\":1,\"end\":{\"stiffness\":-2}}]}",
       LIMEN_EINVAL, "stiffness = -2"},
      {"{\"potential\":{\"type\":\"washboard\",\"levels\":1},\"segments\":[{\"duration\":1}]}",
       LIMEN_EINVAL, "levels"},
      {"{\"potential\":\"sextic\",\"segments\":[]}", LIMEN_ENOTFOUND, "sextic"},
      {"{\"segments\":[{\"duration\":1}],\"target_region\":[1,0]}", LIMEN_EINVAL, "target_region"},
      {"{\"segments\":[{\"duration\":1}]", LIMEN_EPARSE, "malformed"},
      {"{\"initial\":{\"barrier\":0},\"segments\":[{\"duration\":1}]}", LIMEN_EINVAL, "barrier = 0"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    limen_protocol *p = NULL;
    limen_error e;
    limen_error_clear(&e);
    int rc = limen_protocol_from_json(bad[i].js, &p, &e);
    cr_assert_eq(rc, bad[i].code, "case %zu: rc %d (%s)", i, rc, e.msg);
    cr_assert(strstr(e.msg, bad[i].needle) != NULL, "case %zu: '%s' lacks '%s'", i, e.msg,
              bad[i].needle);
    cr_assert_null(p);
  }
}

Test(protocol, library_rejects_bad_arguments) {
  limen_protocol *p;
  limen_error e;
  cr_assert_eq(limen_protocol_alloc_erasure(5, 6, 1, 0, 1, &p, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "barrier_low_kT = 6"), "%s", e.msg);
  cr_assert_eq(limen_protocol_alloc_trap_optimal(1, 1, 0, &p, &e), LIMEN_EINVAL);
  cr_assert_eq(limen_protocol_alloc_hopping(4, 2, 2, 3, 1, 1, 0, &p, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "start_level + hop_levels"), "%s", e.msg);
  cr_assert_eq(limen_protocol_alloc_named("teleport", NULL, &p, &e), LIMEN_ENOTFOUND);
  cr_assert_eq(limen_protocol_alloc_erasure_optimal(5, 1.0, 1, &p, &e), LIMEN_EINVAL);
}

/* The protocol files shipped in data/protocols parse and match the library protocols. */
Test(protocol, data_files_parse) {
  char path[4096];
  limen_error e;
  limen_protocol *p, *q;
  cr_assert_eq(limen_data_file("protocols/trap-optimal.json", path, sizeof path, &e), 0, "%s", e.msg);
  cr_assert_eq(limen_protocol_load(path, &p, &e), 0, "%s", e.msg);
  cr_assert_eq(limen_protocol_alloc_trap_optimal(1, 3, 1, &q, NULL), 0);
  for (double t = 0; t <= 1.0; t += 0.125)
    for (int side = -1; side <= 1; side += 2) {
      limen_control a, b;
      limen_protocol_control(p, t, side, &a);
      limen_protocol_control(q, t, side, &b);
      cr_assert(tu_close_rel(a.center, b.center, 1e-14), "t=%g side %d: %g vs %g", t, side, a.center, b.center);
    }
  limen_protocol_free(p);
  limen_protocol_free(q);
  cr_assert_eq(limen_data_file("protocols/berut-erasure.json", path, sizeof path, &e), 0, "%s", e.msg);
  cr_assert_eq(limen_protocol_load(path, &p, &e), 0, "%s", e.msg);
  cr_assert_eq(limen_protocol_alloc_erasure(12, 0.5, 4, 0, 40, &q, NULL), 0);
  for (double t = 0; t <= 40.0; t += 2.5) {
    limen_control a, b;
    limen_protocol_control(p, t, -1, &a);
    limen_protocol_control(q, t, -1, &b);
    cr_assert(tu_close_rel(a.barrier, b.barrier, 1e-14) && tu_close_rel(a.tilt, b.tilt, 1e-14), "t=%g", t);
  }
  limen_protocol_free(q);
  const char *tmp = "test_protocol_roundtrip.json"; /* in the test's working directory */
  cr_assert_eq(limen_protocol_save(p, tmp, &e), 0, "%s", e.msg);
  cr_assert_eq(limen_protocol_load(tmp, &q, &e), 0, "%s", e.msg);
  remove(tmp);
  limen_protocol_free(p);
  limen_protocol_free(q);
}
