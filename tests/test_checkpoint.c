/* SPDX-License-Identifier: GPL-3.0-or-later
 * The checkpoint of a long run (checkpoint.h): every double survives the text bit for bit
 * (signed zero, subnormals, infinities, NaN), a truncated, altered or malformed file is refused
 * as corrupt — also one whose SHA-256 was made to match — a checkpoint of other inputs is
 * refused naming each input that differs, the run control writes the checkpoint and returns
 * LIMEN_EINTERRUPTED when asked to stop, and the items of a spread job resume from it. */
#include <criterion/criterion.h>
#include <time.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "limen/checkpoint.h"
#include "limen/datafile.h"
#include "testutil.h"

static const char *k_inputs = "seed = 1\ntrajectories = 4096\n";

/* A checkpoint of 3 units of which 2 are done, with awkward doubles and strings. */
static void sample(limen_checkpoint *ck) {
  limen_error e;
  static const double v0[] = {0.1, -0.0, 5e-324, HUGE_VAL, -HUGE_VAL, 1.0 / 3.0, 0x1.fffffffffffffp+1023};
  const char *s1[] = {"a name", "", "a note: x = 1, y = 2"};
  double v1[1] = {NAN};
  limen_checkpoint_init(ck);
  cr_assert_eq(limen_checkpoint_start(ck, "simulate", k_inputs, 3, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(limen_checkpoint_add(ck, v0, 7, NULL, 0, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(limen_checkpoint_add(ck, v1, 1, s1, 3, &e), LIMEN_OK, "%s", e.msg);
}

static char *sample_text(void) {
  limen_checkpoint ck;
  limen_error e;
  char *text = NULL;
  sample(&ck);
  cr_assert_eq(limen_checkpoint_format(&ck, &text, &e), LIMEN_OK, "%s", e.msg);
  limen_checkpoint_clear(&ck);
  return text;
}

/* text with its closing sha256 line made anew for its (altered) content. */
static char *reseal(const char *text) {
  size_t body = strlen(text) - 72;
  char *t = malloc(body + 73), hex[65];
  memcpy(t, text, body);
  limen_sha256_bytes(t, body, hex);
  snprintf(t + body, 73, "sha256 %s\n", hex);
  return t;
}

static int parse_status(const char *text, limen_error *e) {
  limen_checkpoint ck;
  int st = limen_checkpoint_parse(text, "test", &ck, e);
  limen_checkpoint_clear(&ck);
  return st;
}

Test(checkpoint, round_trip_is_exact) {
  char *text = sample_text();
  limen_checkpoint a, b;
  limen_error e;
  sample(&a);
  cr_assert_eq(limen_checkpoint_parse(text, "test", &b, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_str_eq(b.command, "simulate");
  cr_assert_str_eq(b.inputs, k_inputs);
  cr_assert_eq(b.total, 3);
  cr_assert_eq(b.done, 2);
  for (size_t u = 0; u < 2; u++) {
    cr_assert_eq(b.units[u].n_values, a.units[u].n_values);
    cr_assert_eq(b.units[u].n_strings, a.units[u].n_strings);
    for (size_t i = 0; i < a.units[u].n_values; i++)
      cr_assert(memcmp(&a.units[u].values[i], &b.units[u].values[i], sizeof(double)) == 0 ||
                    (isnan(a.units[u].values[i]) && isnan(b.units[u].values[i])),
                "unit %zu value %zu: %a read back as %a", u, i, a.units[u].values[i], b.units[u].values[i]);
    for (size_t i = 0; i < a.units[u].n_strings; i++) cr_assert_str_eq(b.units[u].strings[i], a.units[u].strings[i]);
  }
  limen_checkpoint_clear(&a);
  limen_checkpoint_clear(&b);
  free(text);
}

Test(checkpoint, truncated_anywhere_is_corrupt) {
  char *text = sample_text();
  limen_error e;
  size_t n = strlen(text);
  for (size_t cut = 0; cut < n; cut++) {
    char *t = strndup(text, cut);
    cr_assert_eq(parse_status(t, &e), LIMEN_EPARSE, "cut at %zu of %zu", cut, n);
    cr_assert(strstr(e.msg, "is corrupt"), "%s", e.msg);
    free(t);
  }
  free(text);
}

Test(checkpoint, altered_byte_is_corrupt) {
  char *text = sample_text();
  limen_error e;
  for (size_t i = 0; text[i + 72]; i++) {
    char *t = strdup(text);
    t[i] = t[i] == '1' ? '2' : '1';
    cr_assert_eq(parse_status(t, &e), LIMEN_EPARSE, "byte %zu altered", i);
    cr_assert(strstr(e.msg, text[i] == '\n' ? "is corrupt" : "SHA-256 does not match"), "%s", e.msg);
    free(t);
  }
  free(text);
}

/* Malformed content under a matching SHA-256: still refused, naming what is wrong. */
Test(checkpoint, malformed_content_is_corrupt) {
  char *text = sample_text();
  const struct { const char *from, *to, *why; } cases[] = {
      {"limen-checkpoint 1", "limen-checkpoint 2", "not a limen checkpoint"},
      {"units 3 2", "units 1 2", "more units done than the run has"},
      {"units 3 2", "units 3 3", "expected 'unit'"},
      {"units 3 2", "units 3 1", "unexpected text after the last unit"},
      {"unit 1 1 3", "unit 0 1 3", "units out of order"},
      {"unit 0 7 0", "unit 0 9 0", "hexadecimal numbers"},
      {"0x1.999999999999ap-4", "0x1.99999999999zap-4", "hexadecimal numbers"},
      {"inputs 2", "inputs 3", "expected an input"},
      {"seed = 1", "seed: 1", "expected an input"},
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    char *at = strstr(text, cases[k].from), *t = malloc(strlen(text) + 16);
    cr_assert(at, "%s", cases[k].from);
    size_t pre = (size_t)(at - text);
    memcpy(t, text, pre);
    strcpy(t + pre, cases[k].to);
    strcat(t, at + strlen(cases[k].from));
    char *sealed = reseal(t);
    limen_error e;
    cr_assert_eq(parse_status(sealed, &e), LIMEN_EPARSE, "'%s' -> '%s'", cases[k].from, cases[k].to);
    cr_assert(strstr(e.msg, cases[k].why), "'%s' -> '%s': %s", cases[k].from, cases[k].to, e.msg);
    free(sealed);
    free(t);
  }
  free(text);
}

Test(checkpoint, string_with_line_break_refused) {
  limen_checkpoint ck;
  limen_error e;
  const char *s[] = {"two\nlines"};
  char *text = NULL;
  limen_checkpoint_init(&ck);
  cr_assert_eq(limen_checkpoint_start(&ck, "validate", "", 1, &e), LIMEN_OK);
  cr_assert_eq(limen_checkpoint_add(&ck, NULL, 0, s, 1, &e), LIMEN_OK);
  cr_assert_eq(limen_checkpoint_format(&ck, &text, &e), LIMEN_EINVAL);
  cr_assert_null(text);
  limen_checkpoint_clear(&ck);
}

Test(checkpoint, match_names_every_difference) {
  limen_checkpoint ck;
  limen_error e;
  sample(&ck);
  cr_assert_eq(limen_checkpoint_match(&ck, "d", "simulate", k_inputs, 3, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(limen_checkpoint_match(&ck, "d", "simulate", "seed = 2\ntrajectories = 4096\ndt = 0.5\n", 3, &e),
               LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "the checkpoint in 'd' was made with other inputs"), "%s", e.msg);
  cr_assert(strstr(e.msg, "seed = 1 there, 2 now"), "%s", e.msg);
  cr_assert(strstr(e.msg, "dt = (none) there, 0.5 now"), "%s", e.msg);
  cr_assert_eq(limen_checkpoint_match(&ck, "d", "simulate", "trajectories = 4096\n", 3, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "seed = 1 there, (none) now"), "%s", e.msg);
  cr_assert_eq(limen_checkpoint_match(&ck, "d", "validate", k_inputs, 3, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "another command"), "%s", e.msg);
  cr_assert_eq(limen_checkpoint_match(&ck, "d", "simulate", k_inputs, 4, &e), LIMEN_EPARSE);
  limen_checkpoint_clear(&ck);
}

static int stop_now(void *ctx) { return ++*(int *)ctx >= 2; }

/* After a write the next interval counts from the write's end plus nine times its duration (so
 * that writing a large checkpoint takes at most a tenth of the run): never from before it. */
Test(checkpoint, control_counts_from_the_end_of_a_write) {
  char dir[] = "/tmp/limen_ckXXXXXX";
  cr_assert_not_null(mkdtemp(dir));
  limen_checkpoint ck;
  limen_error e;
  limen_checkpoint_init(&ck);
  limen_run_control ctl = {NULL, NULL, &ck, dir, 0.0, 0.0, NULL}; /* due after every unit */
  cr_assert_eq(limen_run_control_begin(&ctl, "simulate", "blocks", k_inputs, 3, &e), LIMEN_OK, "%s", e.msg);
  const double v = 1.0;
  cr_assert_eq(limen_checkpoint_add(&ck, &v, 1, NULL, 0, &e), LIMEN_OK);
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  const double before = (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
  cr_assert_eq(limen_run_control_after_unit(&ctl, &e), LIMEN_OK, "%s", e.msg);
  clock_gettime(CLOCK_MONOTONIC, &t);
  const double after = (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
  /* the call is almost all write (open, write, fsync, rename): counting from its start would put
   * last_write_s near `before`, from its end near `after` */
  cr_assert(ctl.last_write_s > 0.5 * (before + after) && ctl.last_write_s <= after + 9.0 * (after - before),
            "last_write_s %.9f outside (%.9f, %.9f]", ctl.last_write_s, 0.5 * (before + after),
            after + 9.0 * (after - before));
  limen_checkpoint back;
  cr_assert_eq(limen_checkpoint_read(dir, &back, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(back.done, 1);
  limen_checkpoint_clear(&back);
  limen_checkpoint_clear(&ck);
  char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, LIMEN_CHECKPOINT_NAME);
  remove(path);
  rmdir(dir);
}

/* The control writes the checkpoint when fresh and when stopping; the file reads back equal;
 * a directory without one is LIMEN_ENOTFOUND. */
Test(checkpoint, control_stops_and_writes) {
  char dir[] = "/tmp/limen_ckXXXXXX";
  cr_assert_not_null(mkdtemp(dir));
  limen_checkpoint ck, back;
  limen_error e;
  int asked = 0;
  limen_checkpoint_init(&ck);
  cr_assert_eq(limen_checkpoint_read(dir, &back, &e), LIMEN_ENOTFOUND);
  cr_assert(strstr(e.msg, "no checkpoint in"), "%s", e.msg);
  limen_run_control ctl = {stop_now, &asked, &ck, dir, 3600.0, 0.0, NULL};
  cr_assert_eq(limen_run_control_begin(&ctl, "simulate", "blocks", k_inputs, 3, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(limen_checkpoint_read(dir, &back, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(back.done, 0);
  limen_checkpoint_clear(&back);
  const double v = 2.5;
  cr_assert_eq(limen_checkpoint_add(&ck, &v, 1, NULL, 0, &e), LIMEN_OK);
  cr_assert_eq(limen_run_control_after_unit(&ctl, &e), LIMEN_OK, "%s", e.msg); /* not due: 1 h */
  cr_assert_eq(limen_checkpoint_add(&ck, &v, 1, NULL, 0, &e), LIMEN_OK);
  cr_assert_eq(limen_run_control_after_unit(&ctl, &e), LIMEN_EINTERRUPTED);
  cr_assert(strstr(e.msg, "interrupted after 2 of 3 blocks"), "%s", e.msg);
  cr_assert_eq(limen_checkpoint_read(dir, &back, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(back.done, 2);
  cr_assert_eq(back.units[1].values[0], 2.5);
  cr_assert_eq(limen_run_control_begin(&(limen_run_control){NULL, NULL, &back, dir, 0, 0, NULL}, "simulate", "blocks",
                                       "seed = 9\ntrajectories = 4096\n", 3, &e),
               LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "seed = 1 there, 9 now"), "%s", e.msg);
  limen_checkpoint_clear(&back);
  limen_checkpoint_clear(&ck);
  char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, LIMEN_CHECKPOINT_NAME);
  unlink(path);
  rmdir(dir);
}

/* The items of a spread job under a run control (limen_run_control_spread): item i's result is
 * i², counted as it runs. */
typedef struct squares {
  double result[5];
  int runs;
} squares;

static int sq_run(void *ctx, size_t i, limen_error *err) {
  (void)err;
  squares *s = ctx;
  s->result[i] = (double)(i * i);
  s->runs++;
  return LIMEN_OK;
}

static int sq_keep(void *ctx, size_t i, limen_checkpoint *ck, limen_error *err) {
  return limen_checkpoint_add(ck, &((squares *)ctx)->result[i], 1, NULL, 0, err);
}

static int sq_take(void *ctx, size_t i, const limen_checkpoint_unit *u, limen_error *err) {
  if (u->n_values != 1) return limen_error_plain(err, LIMEN_EPARSE, "unit %zu: %zu values", i, u->n_values);
  ((squares *)ctx)->result[i] = u->values[0];
  return LIMEN_OK;
}

/* On one process: a stop after the second item leaves two units; the resumed run takes them
 * back and runs only the three left, to every item's result. */
Test(checkpoint, spread_items_stop_and_resume) {
  limen_checkpoint ck;
  limen_error e;
  int asked = 0;
  squares s = {{-1, -1, -1, -1, -1}, 0};
  limen_spread_job job = {5, &s, sq_run, NULL, NULL, NULL};
  const limen_unit_codec codec = {sq_keep, sq_take};
  limen_checkpoint_init(&ck);
  limen_run_control ctl = {stop_now, &asked, &ck, NULL, 0.0, 0.0, NULL};
  cr_assert_eq(limen_run_control_begin(&ctl, "squares", "items", k_inputs, 5, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(limen_run_control_spread(&ctl, NULL, &job, &codec, &e), LIMEN_EINTERRUPTED, "%s", e.msg);
  cr_assert(strstr(e.msg, "interrupted after 2 of 5 items"), "%s", e.msg);
  cr_assert_eq(ck.done, 2);
  cr_assert_eq(s.runs, 2);
  squares again = {{-1, -1, -1, -1, -1}, 0};
  job.ctx = &again;
  limen_run_control more = {NULL, NULL, &ck, NULL, 0.0, 0.0, NULL};
  cr_assert_eq(limen_run_control_begin(&more, "squares", "items", k_inputs, 5, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(limen_run_control_spread(&more, NULL, &job, &codec, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(again.runs, 3, "only the items left run again (ran %d)", again.runs);
  cr_assert_eq(ck.done, 5);
  for (size_t i = 0; i < 5; i++) cr_assert_eq(again.result[i], (double)(i * i), "item %zu", i);
  limen_checkpoint_clear(&ck);
}
