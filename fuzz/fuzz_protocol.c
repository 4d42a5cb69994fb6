/* SPDX-License-Identifier: GPL-3.0-or-later
 * fuzz_protocol: the bytes (NUL-terminated) as a protocol file (protocol.h; data/protocols/) to
 * limen_protocol_from_json.  An accepted protocol must validate (limen_protocol_check), have a
 * finite duration (> 0 unless it has no segment) and be written by limen_protocol_to_json; that
 * text must read back into a protocol that validates, with the same name, kind, potential (and
 * its parameters), shapes and segment count and the same numbers bit for bit, and, written again,
 * give the same text.  A refused input: a LIMEN_E* status with a message and no protocol. */
#include "fuzz_common.h"

#include <math.h>

#include "limen/protocol.h"

static void same_control(const limen_control *a, const limen_control *b) {
  FUZZ_CHECK(fuzz_same_bits(a->barrier, b->barrier) && fuzz_same_bits(a->tilt, b->tilt));
  FUZZ_CHECK(fuzz_same_bits(a->center, b->center) && fuzz_same_bits(a->stiffness, b->stiffness));
  FUZZ_CHECK(fuzz_same_bits(a->path, b->path));
}

static void same_protocol(const limen_protocol *a, const limen_protocol *b) {
  FUZZ_CHECK(strcmp(a->name, b->name) == 0);
  FUZZ_CHECK(strcmp(a->kind, b->kind) == 0);
  FUZZ_CHECK(a->potential == b->potential);
  const limen_potential_params *x = &a->potential_params, *y = &b->potential_params;
  if (a->potential == limen_potential_washboard) FUZZ_CHECK(x->levels == y->levels);
  if (a->potential == limen_potential_transport) {
    FUZZ_CHECK(fuzz_same_bits(x->barrier_kT, y->barrier_kT) && fuzz_same_bits(x->success, y->success));
    FUZZ_CHECK(fuzz_same_bits(x->duration, y->duration) && x->grid_x == y->grid_x && x->grid_s == y->grid_s);
    FUZZ_CHECK(fuzz_same_bits(x->step_width, y->step_width) || !(x->step_width > 0));
  }
  if (strcmp(a->kind, "custom") != 0) { /* the arguments are written */
    const limen_protocol_args *u = &a->args, *v = &b->args;
    FUZZ_CHECK(fuzz_same_bits(u->duration, v->duration) && fuzz_same_bits(u->barrier_kT, v->barrier_kT));
    FUZZ_CHECK(fuzz_same_bits(u->barrier_low_kT, v->barrier_low_kT) && fuzz_same_bits(u->tilt_kT, v->tilt_kT));
    FUZZ_CHECK(u->bit == v->bit && u->levels == v->levels && u->start_level == v->start_level);
    FUZZ_CHECK(u->hop_levels == v->hop_levels && fuzz_same_bits(u->success, v->success));
    FUZZ_CHECK(fuzz_same_bits(u->stiffness, v->stiffness) && fuzz_same_bits(u->stiffness_final, v->stiffness_final));
    FUZZ_CHECK(fuzz_same_bits(u->distance, v->distance) && fuzz_same_bits(u->ramp_fraction, v->ramp_fraction));
  }
  FUZZ_CHECK(a->n_segments == b->n_segments);
  same_control(&a->initial, &b->initial);
  same_control(&a->final, &b->final);
  for (size_t k = 0; k < a->n_segments; k++) {
    const limen_protocol_segment *s = &a->segments[k], *t = &b->segments[k];
    FUZZ_CHECK(fuzz_same_bits(s->duration, t->duration));
    FUZZ_CHECK(s->shape == t->shape);
    same_control(&s->start, &t->start);
    same_control(&s->end, &t->end);
  }
  FUZZ_CHECK(fuzz_same_bits(a->initial_lo, b->initial_lo) && fuzz_same_bits(a->initial_hi, b->initial_hi));
  FUZZ_CHECK(fuzz_same_bits(a->target_lo, b->target_lo) && fuzz_same_bits(a->target_hi, b->target_hi));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fuzz_text(data, size);
  if (!text) return 0;
  limen_error err;
  limen_protocol *p = NULL;
  fuzz_quiet_begin();
  int rc = limen_protocol_from_json(text, &p, &err);
  free(text);
  if (rc != LIMEN_OK) {
    fuzz_failure(rc, &err);
    FUZZ_CHECK(p == NULL);
    fuzz_quiet_end();
    return 0;
  }
  FUZZ_CHECK(p != NULL && p->potential != NULL);
  FUZZ_CHECK(limen_protocol_check(p, &err) == LIMEN_OK);
  double tau = limen_protocol_duration(p);
  FUZZ_CHECK(isfinite(tau) && (p->n_segments ? tau > 0 : tau == 0)); /* no segments: accepted, τ = 0 */
  char *json = NULL;
  rc = limen_protocol_to_json(p, &json, &err);
  if (rc != LIMEN_OK) fprintf(stderr, "\nan accepted protocol is not written: %s\n", err.msg);
  FUZZ_CHECK(rc == LIMEN_OK && json != NULL);
  limen_protocol *q = NULL;
  rc = limen_protocol_from_json(json, &q, &err);
  if (rc != LIMEN_OK) fprintf(stderr, "\nthe written protocol does not read back: %s\n%s\n", err.msg, json);
  FUZZ_CHECK(rc == LIMEN_OK && q != NULL);
  same_protocol(p, q);
  char *again = NULL;
  FUZZ_CHECK(limen_protocol_to_json(q, &again, &err) == LIMEN_OK && again != NULL);
  FUZZ_CHECK(strcmp(json, again) == 0);
  free(again);
  free(json);
  limen_protocol_free(q);
  limen_protocol_free(p);
  fuzz_quiet_end();
  return 0;
}
