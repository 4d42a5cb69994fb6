/* SPDX-License-Identifier: GPL-3.0-or-later
 * protocol_json.c: reading and writing protocols as JSON (format in protocol.h), with
 * strict validation: unknown fields, wrong JSON types and out-of-range values are errors
 * that name the field path. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/datafile.h"
#include "limen/outfile.h"
#include "limen/protocol.h"

#define FN "limen_protocol_from_json"

static int only_keys(const cJSON *obj, const char *const *keys, const char *path,
                     limen_error *err) {
  for (const cJSON *c = obj->child; c; c = c->next) {
    int ok = 0;
    for (const char *const *k = keys; *k; k++)
      if (c->string && strcmp(c->string, *k) == 0) ok = 1;
    if (!ok)
      return limen_error_set(err, LIMEN_EPARSE, FN, "unknown field '%s%s%s'", path,
                             path[0] ? "." : "", c->string ? c->string : "?");
  }
  return LIMEN_OK;
}

static int get_number(const cJSON *obj, const char *key, const char *path, double *v,
                      limen_error *err) {
  const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (!it) return -1; /* absent */
  if (!cJSON_IsNumber(it))
    return limen_error_set(err, LIMEN_EPARSE, FN, "%s%s%s: expected a number", path,
                           path[0] ? "." : "", key);
  /* cJSON reads 1e999 as inf: refused here, since no field is checked for it later (args,
   * potential parameters) and a saved protocol could not carry it */
  if (!isfinite(it->valuedouble))
    return limen_error_set(err, LIMEN_EINVAL, FN, "%s%s%s: overflows a double", path,
                           path[0] ? "." : "", key);
  *v = it->valuedouble;
  return 0;
}

static int get_int(const cJSON *obj, const char *key, const char *path, int *v,
                   limen_error *err) {
  double d = 0.0;
  int rc = get_number(obj, key, path, &d, err);
  if (rc) return rc;
  if (d != floor(d) || fabs(d) > 1e9)
    return limen_error_set(err, LIMEN_EINVAL, FN, "%s%s%s = %g: expected an integer", path,
                           path[0] ? "." : "", key, d);
  *v = (int)d;
  return 0;
}

static int parse_control(const cJSON *obj, const char *path, const limen_control *base,
                         limen_control *u, limen_error *err) {
  static const char *const keys[] = {"barrier", "tilt", "center", "stiffness", "path", NULL};
  if (!cJSON_IsObject(obj))
    return limen_error_set(err, LIMEN_EPARSE, FN, "%s: expected an object", path);
  int rc = only_keys(obj, keys, path, err);
  if (rc) return rc;
  *u = *base;
  double *v = &u->barrier;
  for (int j = 0; j < LIMEN_CONTROL_DIM; j++) {
    rc = get_number(obj, keys[j], path, &v[j], err);
    if (rc > 0) return rc;
  }
  return LIMEN_OK;
}

static int parse_region(const cJSON *obj, const char *key, double *lo, double *hi,
                        limen_error *err) {
  const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (!it) return LIMEN_OK;
  if (!cJSON_IsArray(it) || cJSON_GetArraySize(it) != 2)
    return limen_error_set(err, LIMEN_EPARSE, FN, "%s: expected [lo, hi]", key);
  const cJSON *a = cJSON_GetArrayItem(it, 0), *b = cJSON_GetArrayItem(it, 1);
  if (!(cJSON_IsNull(a) || cJSON_IsNumber(a)) || !(cJSON_IsNull(b) || cJSON_IsNumber(b)))
    return limen_error_set(err, LIMEN_EPARSE, FN, "%s: entries must be numbers or null", key);
  *lo = cJSON_IsNull(a) ? -HUGE_VAL : a->valuedouble;
  *hi = cJSON_IsNull(b) ? HUGE_VAL : b->valuedouble;
  if (!(*lo < *hi))
    return limen_error_set(err, LIMEN_EINVAL, FN, "%s = [%g, %g]: need lo < hi", key, *lo, *hi);
  return LIMEN_OK;
}

static int parse_potential(const cJSON *it, limen_protocol *p, limen_error *err) {
  static const char *const keys[] = {"type",     "levels", "barrier_kT", "success",
                                     "duration", "grid_x", "grid_s",     "step_width", NULL};
  const char *tname = NULL;
  if (cJSON_IsString(it)) {
    tname = it->valuestring;
  } else if (cJSON_IsObject(it)) {
    int rc = only_keys(it, keys, "potential", err);
    if (rc) return rc;
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(it, "type");
    if (!cJSON_IsString(t))
      return limen_error_set(err, LIMEN_EPARSE, FN, "potential.type: expected a string");
    tname = t->valuestring;
    limen_potential_params *q = &p->potential_params;
    if (get_int(it, "levels", "potential", &q->levels, err) > 0 ||
        get_number(it, "barrier_kT", "potential", &q->barrier_kT, err) > 0 ||
        get_number(it, "success", "potential", &q->success, err) > 0 ||
        get_number(it, "duration", "potential", &q->duration, err) > 0 ||
        get_int(it, "grid_x", "potential", &q->grid_x, err) > 0 ||
        get_int(it, "grid_s", "potential", &q->grid_s, err) > 0 ||
        get_number(it, "step_width", "potential", &q->step_width, err) > 0)
      return err ? err->code : LIMEN_EPARSE;
  } else {
    return limen_error_set(err, LIMEN_EPARSE, FN, "potential: expected an object or a string");
  }
  int rc = limen_potential_type_find(tname, &p->potential, err);
  if (rc) return limen_error_wrap(err, rc, FN, "potential.type");
  return LIMEN_OK;
}

static int parse_args(const cJSON *it, limen_protocol_args *a, limen_error *err) {
  static const char *const keys[] = {
      "duration", "barrier_kT", "barrier_low_kT", "tilt_kT",   "bit",
      "success",  "levels",     "start_level",    "hop_levels", "stiffness",
      "stiffness_final", "distance", "ramp_fraction", NULL};
  if (!cJSON_IsObject(it)) return limen_error_set(err, LIMEN_EPARSE, FN, "args: expected an object");
  int rc = only_keys(it, keys, "args", err);
  if (rc) return rc;
  if (get_number(it, "duration", "args", &a->duration, err) > 0 ||
      get_number(it, "barrier_kT", "args", &a->barrier_kT, err) > 0 ||
      get_number(it, "barrier_low_kT", "args", &a->barrier_low_kT, err) > 0 ||
      get_number(it, "tilt_kT", "args", &a->tilt_kT, err) > 0 ||
      get_int(it, "bit", "args", &a->bit, err) > 0 ||
      get_number(it, "success", "args", &a->success, err) > 0 ||
      get_int(it, "levels", "args", &a->levels, err) > 0 ||
      get_int(it, "start_level", "args", &a->start_level, err) > 0 ||
      get_int(it, "hop_levels", "args", &a->hop_levels, err) > 0 ||
      get_number(it, "stiffness", "args", &a->stiffness, err) > 0 ||
      get_number(it, "stiffness_final", "args", &a->stiffness_final, err) > 0 ||
      get_number(it, "distance", "args", &a->distance, err) > 0 ||
      get_number(it, "ramp_fraction", "args", &a->ramp_fraction, err) > 0)
    return err ? err->code : LIMEN_EPARSE;
  return LIMEN_OK;
}

static int parse_segment(const cJSON *it, size_t k, limen_control *prev,
                         limen_protocol_segment *s, limen_error *err) {
  static const char *const keys[] = {"duration", "shape", "start", "end", NULL};
  char path[64];
  snprintf(path, sizeof path, "segments[%zu]", k);
  if (!cJSON_IsObject(it)) return limen_error_set(err, LIMEN_EPARSE, FN, "%s: expected an object", path);
  int rc = only_keys(it, keys, path, err);
  if (rc) return rc;
  rc = get_number(it, "duration", path, &s->duration, err);
  if (rc < 0) return limen_error_set(err, LIMEN_EPARSE, FN, "%s.duration: missing", path);
  if (rc > 0) return rc;
  char fpath[80];
  snprintf(fpath, sizeof fpath, "%s.duration", path);
  if ((rc = limen_check_range(err, FN, fpath, s->duration, 0, 1, 1e15, 0))) return rc;
  s->shape = LIMEN_SHAPE_LINEAR;
  const cJSON *sh = cJSON_GetObjectItemCaseSensitive(it, "shape");
  if (sh) {
    if (!cJSON_IsString(sh)) return limen_error_set(err, LIMEN_EPARSE, FN, "%s.shape: expected a string", path);
    if (strcmp(sh->valuestring, "linear") == 0) s->shape = LIMEN_SHAPE_LINEAR;
    else if (strcmp(sh->valuestring, "hold") == 0) s->shape = LIMEN_SHAPE_HOLD;
    else if (strcmp(sh->valuestring, "cosine") == 0) s->shape = LIMEN_SHAPE_COSINE;
    else
      return limen_error_set(err, LIMEN_EINVAL, FN,
                             "%s.shape = '%s': allowed values linear, hold, cosine", path,
                             sh->valuestring);
  }
  s->start = *prev;
  const cJSON *st = cJSON_GetObjectItemCaseSensitive(it, "start");
  snprintf(fpath, sizeof fpath, "%s.start", path);
  if (st && (rc = parse_control(st, fpath, prev, &s->start, err))) return rc;
  s->end = s->start;
  const cJSON *en = cJSON_GetObjectItemCaseSensitive(it, "end");
  snprintf(fpath, sizeof fpath, "%s.end", path);
  if (en && (rc = parse_control(en, fpath, &s->start, &s->end, err))) return rc;
  if (s->shape == LIMEN_SHAPE_HOLD) s->end = s->start;
  *prev = s->end;
  return LIMEN_OK;
}

static int parse_root(const cJSON *root, limen_protocol **out, limen_error *err) {
  static const char *const keys[] = {"name",     "kind",  "args",           "potential", "description",
                                     "initial",  "segments", "final",       "initial_region",
                                     "target_region", NULL};
  if (!cJSON_IsObject(root)) return limen_error_set(err, LIMEN_EPARSE, FN, "expected an object");
  int rc = only_keys(root, keys, "", err);
  if (rc) return rc;
  const cJSON *segs = cJSON_GetObjectItemCaseSensitive(root, "segments");
  if (!segs) return limen_error_set(err, LIMEN_EPARSE, FN, "segments: missing");
  if (!cJSON_IsArray(segs)) return limen_error_set(err, LIMEN_EPARSE, FN, "segments: expected an array");
  size_t n = (size_t)cJSON_GetArraySize(segs);
  if (n == 0) return limen_error_set(err, LIMEN_EPARSE, FN, "segments: empty; a protocol needs at least one segment");
  limen_protocol *p;
  if ((rc = limen_protocol_alloc(n, &p, err))) return rc;
  const cJSON *it;
  if ((it = cJSON_GetObjectItemCaseSensitive(root, "name"))) {
    if (!cJSON_IsString(it) || strlen(it->valuestring) >= sizeof p->name) {
      rc = limen_error_set(err, LIMEN_EPARSE, FN, "name: expected a string of at most %zu characters",
                           sizeof p->name - 1);
      goto fail;
    }
    strcpy(p->name, it->valuestring);
  }
  if ((it = cJSON_GetObjectItemCaseSensitive(root, "description")) && !cJSON_IsString(it)) {
    rc = limen_error_set(err, LIMEN_EPARSE, FN, "description: expected a string");
    goto fail;
  }
  if ((it = cJSON_GetObjectItemCaseSensitive(root, "kind"))) {
    if (!cJSON_IsString(it) || strlen(it->valuestring) >= sizeof p->kind) {
      rc = limen_error_set(err, LIMEN_EPARSE, FN, "kind: expected a string of at most %zu characters",
                           sizeof p->kind - 1);
      goto fail;
    }
    strcpy(p->kind, it->valuestring);
  }
  if ((it = cJSON_GetObjectItemCaseSensitive(root, "args")) && (rc = parse_args(it, &p->args, err)))
    goto fail;
  if ((it = cJSON_GetObjectItemCaseSensitive(root, "potential")) &&
      (rc = parse_potential(it, p, err)))
    goto fail;
  limen_control zero = limen_control_zero(), prev;
  if ((it = cJSON_GetObjectItemCaseSensitive(root, "initial")) &&
      (rc = parse_control(it, "initial", &zero, &p->initial, err)))
    goto fail;
  prev = p->initial;
  size_t k = 0; /* walk the list (cJSON_GetArrayItem(k) would walk it again for each k: n²) */
  for (const cJSON *sg = segs ? segs->child : NULL; sg && k < n; sg = sg->next, k++)
    if ((rc = parse_segment(sg, k, &prev, &p->segments[k], err)))
      goto fail;
  p->final = prev;
  if ((it = cJSON_GetObjectItemCaseSensitive(root, "final")) &&
      (rc = parse_control(it, "final", &prev, &p->final, err)))
    goto fail;
  if ((rc = parse_region(root, "initial_region", &p->initial_lo, &p->initial_hi, err))) goto fail;
  if ((rc = parse_region(root, "target_region", &p->target_lo, &p->target_hi, err))) goto fail;
  if ((rc = limen_protocol_check(p, err))) goto fail;
  *out = p;
  return LIMEN_OK;
fail:
  limen_protocol_free(p);
  return rc;
}

int limen_protocol_from_json(const char *text, limen_protocol **out, limen_error *err) {
  if (!text || !out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  *out = NULL;
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithOpts(text, &end, 1);
  if (!root) {
    size_t off = end ? (size_t)(end - text) : 0;
    return limen_error_set(err, LIMEN_EPARSE, __func__, "malformed JSON near offset %zu", off);
  }
  int rc = parse_root(root, out, err);
  cJSON_Delete(root);
  return rc;
}

/* ---- writing ------------------------------------------------------------------------ */

/* A number that reads back bit for bit.  cJSON writes 15 significant digits whenever those
 * read back within a relative 2^-52, which drops the last bits: the saved protocol would not be
 * the protocol, and an initial_region [1, 1 + 2^-52] would read back as [1, 1] and be refused.
 * The fewest of 15, 16 or 17 digits that give x back; null for a non-finite x, as cJSON. */
static cJSON *number_json(double x) {
  if (!isfinite(x)) return cJSON_CreateNull();
  char buf[40];
  for (int digits = 15; digits <= 17; digits++) {
    snprintf(buf, sizeof buf, "%.*g", digits, x);
    if (strtod(buf, NULL) == x) break;
  }
  for (char *c = buf; *c; c++) /* the locale's decimal separator, if any, as JSON's */
    if (!strchr("0123456789+-e", *c)) *c = '.';
  return cJSON_CreateRaw(buf);
}

static void add_number(cJSON *o, const char *key, double x) { cJSON_AddItemToObject(o, key, number_json(x)); }

static cJSON *control_json(const limen_control *u) {
  cJSON *o = cJSON_CreateObject();
  if (!o) return NULL;
  add_number(o, "barrier", u->barrier);
  add_number(o, "tilt", u->tilt);
  add_number(o, "center", u->center);
  add_number(o, "stiffness", u->stiffness);
  add_number(o, "path", u->path);
  return o;
}

static void add_region(cJSON *root, const char *key, double lo, double hi) {
  if (isinf(lo) && isinf(hi)) return;
  cJSON *a = cJSON_AddArrayToObject(root, key);
  if (!a) return;
  cJSON_AddItemToArray(a, number_json(lo));
  cJSON_AddItemToArray(a, number_json(hi));
}

int limen_protocol_to_json(const limen_protocol *p, char **text, limen_error *err) {
  if (!p || !text) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  *text = NULL;
  int rc = limen_protocol_check(p, err);
  if (rc) return limen_error_wrap(err, rc, __func__, "protocol '%s'", p->name);
  cJSON *root = cJSON_CreateObject();
  if (!root) return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  cJSON_AddStringToObject(root, "name", p->name);
  cJSON_AddStringToObject(root, "kind", p->kind);
  if (strcmp(p->kind, "custom") != 0) {
    const limen_protocol_args *a = &p->args;
    cJSON *o = cJSON_AddObjectToObject(root, "args");
    add_number(o, "duration", a->duration);
    add_number(o, "barrier_kT", a->barrier_kT);
    add_number(o, "barrier_low_kT", a->barrier_low_kT);
    add_number(o, "tilt_kT", a->tilt_kT);
    add_number(o, "bit", a->bit);
    add_number(o, "success", a->success);
    add_number(o, "levels", a->levels);
    add_number(o, "start_level", a->start_level);
    add_number(o, "hop_levels", a->hop_levels);
    add_number(o, "stiffness", a->stiffness);
    add_number(o, "stiffness_final", a->stiffness_final);
    add_number(o, "distance", a->distance);
    add_number(o, "ramp_fraction", a->ramp_fraction);
  }
  cJSON *pot = cJSON_AddObjectToObject(root, "potential");
  cJSON_AddStringToObject(pot, "type", p->potential->name);
  const limen_potential_params *q = &p->potential_params;
  if (p->potential == limen_potential_washboard) add_number(pot, "levels", q->levels);
  if (p->potential == limen_potential_transport) {
    add_number(pot, "barrier_kT", q->barrier_kT);
    add_number(pot, "success", q->success);
    add_number(pot, "duration", q->duration);
    if (q->grid_x) add_number(pot, "grid_x", q->grid_x);
    if (q->grid_s) add_number(pot, "grid_s", q->grid_s);
    if (q->step_width > 0) add_number(pot, "step_width", q->step_width);
  }
  cJSON_AddItemToObject(root, "initial", control_json(&p->initial));
  cJSON *segs = cJSON_AddArrayToObject(root, "segments");
  static const char *shapes[] = {"linear", "hold", "cosine"};
  for (size_t k = 0; k < p->n_segments; k++) {
    const limen_protocol_segment *s = &p->segments[k];
    cJSON *o = cJSON_CreateObject();
    add_number(o, "duration", s->duration);
    cJSON_AddStringToObject(o, "shape", shapes[s->shape]);
    cJSON_AddItemToObject(o, "start", control_json(&s->start));
    cJSON_AddItemToObject(o, "end", control_json(&s->end));
    cJSON_AddItemToArray(segs, o);
  }
  cJSON_AddItemToObject(root, "final", control_json(&p->final));
  add_region(root, "initial_region", p->initial_lo, p->initial_hi);
  add_region(root, "target_region", p->target_lo, p->target_hi);
  *text = cJSON_Print(root);
  cJSON_Delete(root);
  if (!*text) return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  return LIMEN_OK;
}

int limen_protocol_load(const char *path, limen_protocol **out, limen_error *err) {
  if (!path || !out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  char *text = NULL;
  size_t len = 0;
  int rc = limen_read_text_file(path, &text, &len, err);
  if (rc) return limen_error_wrap(err, rc, __func__, "protocol file '%s'", path);
  rc = limen_protocol_from_json(text, out, err);
  free(text);
  if (rc) return limen_error_wrap(err, rc, __func__, "protocol file '%s'", path);
  return LIMEN_OK;
}

int limen_protocol_save(const limen_protocol *p, const char *path, limen_error *err) {
  if (!p || !path) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  char *text;
  int rc = limen_protocol_to_json(p, &text, err);
  if (rc) return rc;
  size_t len = strlen(text);
  char *line = realloc(text, len + 2); /* the file ends with a newline */
  if (!line) {
    free(text);
    return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  }
  line[len] = '\n';
  line[len + 1] = '\0';
  rc = limen_file_write_atomic(path, line, len + 1, err);
  free(line);
  return rc;
}
