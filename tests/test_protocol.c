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
      {"{\"potential\":\"sextic\",\"segments\":[{\"duration\":1}]}", LIMEN_ENOTFOUND, "sextic"},
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

/* Written and read back bit for bit, whatever the digits (cJSON alone writes 15 significant
 * digits where they read back within 2^-52: [1, 1 + 2^-52] came back as [1, 1] and was refused);
 * a number that overflows a double is refused where nothing would check it later (found by
 * fuzz/fuzz_protocol). */
Test(protocol, json_numbers_round_trip_exactly) {
  const char *js = "{\"kind\": \"erasure\", \"args\": {\"duration\": 0.30000000000000004},"
                   " \"initial\": {\"barrier\": 8.300000000000001, \"tilt\": -0.0},"
                   " \"segments\": [{\"duration\": 0.1, \"end\": {\"tilt\": -1.2345678901234567}}],"
                   " \"initial_region\": [1, 1.0000000000000002], \"target_region\": [null, 1e-300]}";
  limen_protocol *p = NULL, *q = NULL;
  limen_error e;
  cr_assert_eq(limen_protocol_from_json(js, &p, &e), LIMEN_OK, "%s", e.msg);
  char *t = NULL;
  cr_assert_eq(limen_protocol_to_json(p, &t, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(limen_protocol_from_json(t, &q, &e), LIMEN_OK, "%s\n%s", e.msg, t);
  cr_assert(memcmp(&q->initial, &p->initial, sizeof p->initial) == 0, "%s", t);
  cr_assert(memcmp(q->segments, p->segments, sizeof *p->segments) == 0, "%s", t);
  cr_assert(memcmp(&q->args, &p->args, sizeof p->args) == 0, "%s", t);
  cr_assert(q->initial_lo == 1 && q->initial_hi == nextafter(1.0, 2.0), "%s", t);
  cr_assert(q->target_hi == 1e-300 && isinf(q->target_lo), "%s", t);
  cr_assert(strstr(t, "0.1,") || strstr(t, "0.1\n"), "short numbers stay short: %s", t);
  free(t);
  limen_protocol_free(p);
  limen_protocol_free(q);
  p = NULL;
  cr_assert_eq(limen_protocol_from_json("{\"args\": {\"duration\": 1e999}, \"segments\": [{\"duration\": 1}]}",
                                        &p, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "args.duration: overflows a double"), "%s", e.msg);
  cr_assert_null(p);
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

/* ---- which arguments each ready-made protocol reads (limen_protocol_args_used) ------------- */

static int same_control(const limen_control *a, const limen_control *b) {
  return a->barrier == b->barrier && a->tilt == b->tilt && a->center == b->center &&
         a->stiffness == b->stiffness && a->path == b->path;
}

/* Do p and q drive the same physics: potential, regions, segments, and the control λ(t±) at
 * times spread over both durations?  (The recorded args are not compared: a builder could
 * record a field without using it.) */
static int same_protocol(const limen_protocol *p, const limen_protocol *q) {
  if (p->potential != q->potential || p->n_segments != q->n_segments) return 0;
  if (p->potential_params.levels != q->potential_params.levels ||
      p->potential_params.barrier_kT != q->potential_params.barrier_kT ||
      p->potential_params.success != q->potential_params.success ||
      p->potential_params.duration != q->potential_params.duration)
    return 0;
  if (p->initial_lo != q->initial_lo || p->initial_hi != q->initial_hi || p->target_lo != q->target_lo ||
      p->target_hi != q->target_hi)
    return 0;
  if (!same_control(&p->initial, &q->initial) || !same_control(&p->final, &q->final)) return 0;
  for (size_t k = 0; k < p->n_segments; k++) {
    const limen_protocol_segment *a = &p->segments[k], *b = &q->segments[k];
    if (a->duration != b->duration || a->shape != b->shape || !same_control(&a->start, &b->start) ||
        !same_control(&a->end, &b->end))
      return 0;
  }
  double tau = fmax(limen_protocol_duration(p), limen_protocol_duration(q));
  for (int i = 0; i <= 16; i++)
    for (int side = -1; side <= 1; side += 2) {
      limen_control u, v;
      limen_protocol_control(p, tau * i / 16.0, side, &u);
      limen_protocol_control(q, tau * i / 16.0, side, &v);
      if (!same_control(&u, &v)) return 0;
    }
  return 1;
}

/* Change field f of a (a protocol's defaults) to another admissible value. */
static void perturb(limen_protocol_args *a, limen_protocol_arg f) {
  switch (f) {
    case LIMEN_PROTOCOL_ARG_DURATION: a->duration *= 1.5; break;
    case LIMEN_PROTOCOL_ARG_BARRIER: a->barrier_kT += 1.0; break;
    case LIMEN_PROTOCOL_ARG_BARRIER_LOW: a->barrier_low_kT *= 2.0; break;
    case LIMEN_PROTOCOL_ARG_TILT: a->tilt_kT += 1.0; break;
    case LIMEN_PROTOCOL_ARG_BIT: a->bit = 1 - a->bit; break;
    case LIMEN_PROTOCOL_ARG_SUCCESS: a->success = 0.5 * (a->success + 1.0); break;
    case LIMEN_PROTOCOL_ARG_LEVELS: a->levels += 2; break;
    case LIMEN_PROTOCOL_ARG_START_LEVEL: a->start_level += 1; break;
    case LIMEN_PROTOCOL_ARG_HOP_LEVELS: a->hop_levels += 1; break;
    case LIMEN_PROTOCOL_ARG_STIFFNESS: a->stiffness *= 2.0; break;
    case LIMEN_PROTOCOL_ARG_STIFFNESS_FINAL: a->stiffness_final *= 0.5; break;
    case LIMEN_PROTOCOL_ARG_DISTANCE: a->distance += 1.0; break;
    case LIMEN_PROTOCOL_ARG_RAMP_FRACTION: a->ramp_fraction = 0.5 * a->ramp_fraction + 0.1; break;
    default: cr_assert_fail("field %d has no perturbation", (int)f);
  }
}

/* Set field f to a value no protocol accepts: a builder that read it would fail. */
static void spoil(limen_protocol_args *a, limen_protocol_arg f) {
  switch (f) {
    case LIMEN_PROTOCOL_ARG_DURATION: a->duration = NAN; break;
    case LIMEN_PROTOCOL_ARG_BARRIER: a->barrier_kT = NAN; break;
    case LIMEN_PROTOCOL_ARG_BARRIER_LOW: a->barrier_low_kT = NAN; break;
    case LIMEN_PROTOCOL_ARG_TILT: a->tilt_kT = NAN; break;
    case LIMEN_PROTOCOL_ARG_BIT: a->bit = -7; break;
    case LIMEN_PROTOCOL_ARG_SUCCESS: a->success = NAN; break;
    case LIMEN_PROTOCOL_ARG_LEVELS: a->levels = -7; break;
    case LIMEN_PROTOCOL_ARG_START_LEVEL: a->start_level = -7; break;
    case LIMEN_PROTOCOL_ARG_HOP_LEVELS: a->hop_levels = -7000; break;
    case LIMEN_PROTOCOL_ARG_STIFFNESS: a->stiffness = NAN; break;
    case LIMEN_PROTOCOL_ARG_STIFFNESS_FINAL: a->stiffness_final = NAN; break;
    case LIMEN_PROTOCOL_ARG_DISTANCE: a->distance = NAN; break;
    case LIMEN_PROTOCOL_ARG_RAMP_FRACTION: a->ramp_fraction = NAN; break;
    default: cr_assert_fail("field %d cannot be spoiled", (int)f);
  }
}

Test(protocol, arg_names) {
  for (int f = 0; f < LIMEN_PROTOCOL_ARG_COUNT; f++) {
    const char *n = limen_protocol_arg_name((limen_protocol_arg)f);
    cr_assert_not_null(n, "field %d", f);
    for (int g = 0; g < f; g++) cr_assert_str_neq(n, limen_protocol_arg_name((limen_protocol_arg)g));
  }
  cr_assert_str_eq(limen_protocol_arg_name(LIMEN_PROTOCOL_ARG_BARRIER_LOW), "barrier_low_kT");
  cr_assert_str_eq(limen_protocol_arg_name(LIMEN_PROTOCOL_ARG_RAMP_FRACTION), "ramp_fraction");
  cr_assert_null(limen_protocol_arg_name(LIMEN_PROTOCOL_ARG_COUNT));
  unsigned mask = 0;
  limen_error e;
  cr_assert_eq(limen_protocol_args_used("teleport", &mask, &e), LIMEN_ENOTFOUND);
  cr_assert(strstr(e.msg, "teleport") && strstr(e.msg, "stiffness-change"), "%s", e.msg);
  cr_assert_eq(limen_protocol_args_used(NULL, &mask, NULL), LIMEN_EINVAL);
  cr_assert_eq(limen_protocol_args_used("erasure", NULL, NULL), LIMEN_EINVAL);
}

/* The mask of every library protocol matches its builder: a field outside the mask (even an
 * inadmissible value) leaves the built protocol identical, a field inside it changes it. */
Test(protocol, args_used_matches_the_builders) {
  const unsigned all = LIMEN_PROTOCOL_ARG_MASK(LIMEN_PROTOCOL_ARG_COUNT) - 1u;
  for (const char *const *n = limen_protocol_names(); *n; n++) {
    unsigned mask = 0;
    limen_error e;
    cr_assert_eq(limen_protocol_args_used(*n, &mask, &e), LIMEN_OK, "%s: %s", *n, e.msg);
    cr_assert(mask != 0 && (mask & ~all) == 0, "%s: mask %#x", *n, mask);
    cr_assert(mask & LIMEN_PROTOCOL_ARG_MASK(LIMEN_PROTOCOL_ARG_DURATION), "%s: duration not in the mask", *n);
    limen_protocol_args d;
    cr_assert_eq(limen_protocol_args_default(*n, &d, NULL), LIMEN_OK);
    limen_protocol *ref;
    cr_assert_eq(limen_protocol_alloc_named(*n, &d, &ref, &e), LIMEN_OK, "%s: %s", *n, e.msg);
    for (int f = 0; f < LIMEN_PROTOCOL_ARG_COUNT; f++) {
      const char *field = limen_protocol_arg_name((limen_protocol_arg)f);
      int used = (mask & LIMEN_PROTOCOL_ARG_MASK(f)) != 0;
      for (int bad = 0; bad <= !used; bad++) { /* unused fields: an admissible and a spoiled value */
        limen_protocol_args a = d;
        if (bad) spoil(&a, (limen_protocol_arg)f);
        else perturb(&a, (limen_protocol_arg)f);
        limen_protocol *p = NULL;
        limen_error_clear(&e);
        cr_assert_eq(limen_protocol_alloc_named(*n, &a, &p, &e), LIMEN_OK, "%s with %s changed%s: %s", *n, field,
                     bad ? " to an inadmissible value" : "", e.msg);
        if (used) {
          cr_assert(!same_protocol(ref, p), "%s: changing %s (in the mask) leaves the protocol unchanged", *n,
                    field);
        } else {
          cr_assert(same_protocol(ref, p), "%s: changing %s (not in the mask) changes the protocol", *n, field);
          cr_assert(memcmp(&ref->args, &p->args, sizeof p->args) == 0, "%s: %s recorded in args", *n, field);
        }
        limen_protocol_free(p);
      }
    }
    limen_protocol_free(ref);
  }
}

/* A protocol must do something: an empty segment list is refused (it used to run with τ = 0). */
Test(protocol, empty_segments_refused) {
  limen_protocol *p = NULL;
  limen_error err;
  cr_assert_eq(limen_protocol_from_json("{\"potential\": {\"type\": \"quartic\"}, \"segments\": []}", &p, &err),
               LIMEN_EPARSE);
  cr_assert(strstr(err.msg, "segments: empty"), "%s", err.msg);
  cr_assert_null(p);
}
