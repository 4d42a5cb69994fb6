/* SPDX-License-Identifier: GPL-3.0-or-later
 * options.c: getopt_long + JSON config-file parsing, merging and range checks (options.h). */
#include "cli/options.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "limen/datafile.h"

#define OPT_VAL_BASE 1000
#define OPT_VAL_CONFIG 999
#define OPT_VAL_DEBUG 998

/* --debug: a failure also prints the library's trace (cli_fail_err). */
int cli_debug = 0;

/* ---- memory bookkeeping ------------------------------------------------------ */

void cli_args_init(cli_args *a) { memset(a, 0, sizeof *a); }

void cli_args_free(cli_args *a) {
  if (!a) return;
  for (size_t i = 0; i < a->n_blocks; i++) free(a->blocks[i]);
  free(a->blocks);
  free(a->positional);
  memset(a, 0, sizeof *a);
}

/* Keep a malloc'd block alive until cli_args_free (returns p, or NULL when p is NULL or the
 * bookkeeping fails; then p has been freed). */
static void *cli_args_keep(cli_args *a, void *p) {
  if (!p) return NULL;
  if (a->n_blocks == a->cap_blocks) {
    size_t cap = a->cap_blocks ? 2 * a->cap_blocks : 16;
    void **nb = realloc(a->blocks, cap * sizeof *nb);
    if (!nb) {
      free(p);
      return NULL;
    }
    a->blocks = nb;
    a->cap_blocks = cap;
  }
  a->blocks[a->n_blocks++] = p;
  return p;
}

static char *keep_strdup(cli_args *a, const char *s) {
  size_t n = strlen(s) + 1;
  char *c = malloc(n);
  if (!c) return NULL;
  memcpy(c, s, n);
  return cli_args_keep(a, c);
}

/* "<label> <message>": labels end with " =" (e.g. "--temperature =").  */
static int oerr(limen_error *err, int code, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int oerr(limen_error *err, int code, const char *label, const char *fmt, ...) {
  char prefix[256];
  snprintf(prefix, sizeof prefix, "%s ", label);
  va_list ap;
  va_start(ap, fmt);
  int rc = limen_error_setv(err, code, prefix, fmt, ap);
  va_end(ap);
  return rc;
}

int cli_error(limen_error *err, int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = limen_error_setv(err, code, NULL, fmt, ap);
  va_end(ap);
  return rc;
}

/* ---- descriptions ------------------------------------------------------------------ */

cli_opt cli_opt_num(const char *name, const char *metavar, const char *unit, double lo, int lo_open, double hi,
                    int hi_open, const char *def, const char *help) {
  cli_opt o;
  memset(&o, 0, sizeof o);
  o.name = name;
  o.kind = CLI_OPT_DOUBLE;
  o.metavar = metavar;
  o.unit = unit;
  o.lo = lo;
  o.lo_open = lo_open;
  o.hi = hi;
  o.hi_open = hi_open;
  o.def = def;
  o.help = help;
  return o;
}

cli_opt cli_opt_int(const char *name, const char *metavar, const char *unit, long lo, long hi, const char *def,
                    const char *help) {
  cli_opt o = cli_opt_num(name, metavar, unit, (double)lo, 0, (double)hi, 0, def, help);
  o.kind = CLI_OPT_LONG;
  return o;
}

cli_opt cli_opt_input(const limen_input *in) {
  cli_opt o = cli_opt_num(in->name, in->metavar, in->unit, in->lo, in->lo_open, in->hi, in->hi_open,
                          in->default_text, in->doc);
  o.alias = in->alias;
  o.integer = in->type == LIMEN_INPUT_INT || (in->flags & LIMEN_INPUT_INTEGER);
  if (in->flags & LIMEN_INPUT_COUNT) o.kind = CLI_OPT_LONG, o.integer = 0; /* "integers [a, b]" */
  return o;
}

cli_opt cli_opt_str(const char *name, cli_opt_kind kind, const char *metavar, const char *choices, const char *def,
                    const char *help) {
  cli_opt o;
  memset(&o, 0, sizeof o);
  o.name = name;
  o.kind = kind;
  o.metavar = metavar;
  o.choices = choices;
  o.def = def;
  o.help = help;
  return o;
}

cli_opt cli_opt_format(const char *def, const char *help) {
  return cli_opt_str("format", CLI_OPT_STRING, "FMT", "table,csv,json", def, help);
}

/* ---- lookup, ranges and numbers ------------------------------------------------- */

cli_opt *cli_opt_find(cli_opt *opts, size_t n_opts, const char *name) {
  for (size_t i = 0; i < n_opts; i++)
    if (strcmp(opts[i].name, name) == 0 || (opts[i].alias && strcmp(opts[i].alias, name) == 0)) return &opts[i];
  return NULL;
}

/* The library row of a numeric option, named `name` in messages (the option's name, or the
 * config key as written); ranges, number syntax and messages are then the library's. */
static limen_input opt_row(const cli_opt *o, const char *name) {
  limen_input r;
  memset(&r, 0, sizeof r);
  r.name = name;
  r.alias = o->alias;
  r.unit = o->unit;
  r.metavar = o->metavar;
  r.lo = o->lo;
  r.hi = o->hi;
  r.lo_open = o->lo_open;
  r.hi_open = o->hi_open;
  r.flags = (o->integer ? LIMEN_INPUT_INTEGER : 0u) | (o->kind == CLI_OPT_LONG ? LIMEN_INPUT_COUNT : 0u);
  r.type = LIMEN_INPUT_DOUBLE;
  r.default_text = o->def;
  r.doc = o->help;
  return r;
}

void cli_opt_range_text(const cli_opt *o, char *buf, size_t n) {
  limen_input r = opt_row(o, o->name);
  limen_input_range_unit_text(&r, buf, n);
}

int cli_error_prefix(limen_error *err, int code, const char *prefix) {
  if (!err) return code;
  char old[LIMEN_ERROR_MSG_MAX], trace[LIMEN_ERROR_MSG_MAX];
  memcpy(old, err->msg, sizeof old);
  old[sizeof old - 1] = '\0';
  memcpy(trace, err->trace, sizeof trace);
  trace[sizeof trace - 1] = '\0';
  cli_error(err, code, "%s%s", prefix, old);
  snprintf(err->trace, sizeof err->trace, "%s%s", prefix, trace); /* the library's trace, behind --debug */
  return code;
}

int cli_error_input(limen_error *err) {
  if (!err || !err->field[0] || strchr(err->field, '_')) return err ? err->code : LIMEN_OK; /* a member's name */
  size_t n = strlen(err->field);
  if (strncmp(err->msg, err->field, n) != 0 || (err->msg[n] != ' ' && err->msg[n] != ':')) return err->code;
  return cli_error_prefix(err, err->code, "--");
}

int cli_opt_parse_number(const cli_opt *o, const char *text, double *v, limen_error *err) {
  limen_input r = opt_row(o, o->name);
  int s = limen_input_parse(&r, text, v, err);
  return s ? cli_error_prefix(err, s, "--") : LIMEN_OK;
}

/* An option's value as given, else its default: 1, or 0 when it has neither. */
static int given_or_default(const cli_opt *o, double *v) {
  if (!o || !(o->set || o->def)) return 0;
  *v = o->set ? o->num : strtod(o->def, NULL);
  return 1;
}

int cli_opt_parse_cell_time(const cli_opt *o, const char *text, const cli_opt *tau0, double *v, limen_error *err) {
  limen_input r = opt_row(o, o->name);
  double tau0_s = 0.0;
  if (!given_or_default(tau0, &tau0_s) || !limen_input_cell_time(&r, text)) return cli_opt_parse_number(o, text, v, err);
  int s = limen_input_parse_cell_time(&r, o->name, text, tau0_s, v, err);
  return s ? cli_error_prefix(err, s, "--") : LIMEN_OK;
}

/* "a, b, c" from "a,b,c", written into buf at `at`; returns the new end. */
static size_t choices_text(const char *choices, char *buf, size_t at, size_t cap) {
  for (const char *c = choices; *c && at + 3 < cap; c++) {
    buf[at++] = *c;
    if (*c == ',') buf[at++] = ' ';
  }
  buf[at] = '\0';
  return at;
}

static int check_choice(const cli_opt *o, const char *label, const char *value, limen_error *err) {
  if (!*value) return oerr(err, LIMEN_EINVAL, label, "'': empty value%s%s", o->choices ? "; allowed: " : "",
                                      o->choices ? o->choices : "");
  if (!o->choices) return LIMEN_OK;
  size_t n = strlen(value);
  for (const char *p = o->choices; *p;) {
    const char *q = strchr(p, ',');
    size_t len = q ? (size_t)(q - p) : strlen(p);
    if (len == n && strncmp(p, value, n) == 0) return LIMEN_OK;
    if (!q) break;
    p = q + 1;
  }
  char list[512];
  choices_text(o->choices, list, 0, sizeof list);
  return oerr(err, LIMEN_EINVAL, label, "'%s': allowed values %s", value, list);
}

int cli_opts_conflict(cli_opt *opts, size_t n_opts, const char *a, const char *b, const char *why,
                      limen_error *err) {
  cli_opt *oa = cli_opt_find(opts, n_opts, a), *ob = cli_opt_find(opts, n_opts, b);
  if (oa && ob && oa->set && ob->set)
    return limen_error_set(err, LIMEN_EINVAL, "conflicting options", "--%s and --%s%s%s", a, b, why ? ": " : "",
                           why ? why : "");
  return LIMEN_OK;
}

/* ---- help ------------------------------------------------------------------------ */

/* Text in the help's second column: words wrapped at 100 columns, continued lines indented
 * under the first (a word longer than a line is kept whole). */
static void help_text(FILE *f, const char *text) {
  const size_t width = 100 - 28;
  size_t col = 0;
  int space = 0; /* the next piece follows a blank (not a comma) */
  for (const char *p = text; *p;) {
    size_t piece = strcspn(p, " ,");
    if (p[piece] == ',') piece++; /* a comma list may break after a comma */
    if (col > 0 && col + (size_t)space + piece > width) {
      fprintf(f, "\n  %-24s  ", "");
      col = 0;
    } else if (space) {
      fputc(' ', f);
      col++;
    }
    fwrite(p, 1, piece, f);
    col += piece;
    p += piece;
    space = *p == ' ';
    while (*p == ' ') p++;
  }
  fputc('\n', f);
}

static void cli_opts_help(FILE *f, const cli_command_doc *doc, const cli_opt *opts, size_t n_opts) {
  fprintf(f, "usage: limen %s %s\n\n%s\n\noptions:\n", doc->name, doc->synopsis, doc->summary);
  for (size_t i = 0; i < n_opts; i++) {
    const cli_opt *o = &opts[i];
    char head[96];
    char names[80];
    if (o->alias) snprintf(names, sizeof names, "--%s, --%s", o->name, o->alias);
    else snprintf(names, sizeof names, "--%s", o->name);
    if (o->kind == CLI_OPT_FLAG) snprintf(head, sizeof head, "%s", names);
    else snprintf(head, sizeof head, "%s %s", names, o->metavar ? o->metavar : "VALUE");
    if (strlen(head) > 24) fprintf(f, "  %s\n  %-24s  ", head, "");
    else fprintf(f, "  %-24s  ", head);
    help_text(f, o->help);
    char extra[512] = "";
    size_t at = 0;
    if (o->kind == CLI_OPT_DOUBLE || o->kind == CLI_OPT_LONG) {
      char r[128];
      cli_opt_range_text(o, r, sizeof r);
      at += (size_t)snprintf(extra + at, sizeof extra - at, "range %s", r);
    } else if (o->choices) {
      at += (size_t)snprintf(extra + at, sizeof extra - at, "one of ");
      at = choices_text(o->choices, extra, at, sizeof extra);
    }
    if (o->def && at < sizeof extra)
      at += (size_t)snprintf(extra + at, sizeof extra - at, "%sdefault %s", at ? "; " : "", o->def);
    if (at) {
      char paren[600];
      snprintf(paren, sizeof paren, "(%s)", extra);
      fprintf(f, "  %-24s  ", "");
      help_text(f, paren);
    }
  }
  fprintf(f, "  %-24s  %s\n", "--config FILE",
          "read options from a JSON object whose keys are the long option names");
  fprintf(f, "  %-24s  %s\n", "", "(flags on the command line win over the file)");
  fprintf(f, "  %-24s  %s\n", "--debug", "on failure, also print the library's trace (its function names)");
  fprintf(f, "  %-24s  %s\n", "-h, --help", "print this help and exit");
  if (doc->footer) fprintf(f, "\n%s", doc->footer);
}

/* ---- raw values collected from the command line and the config file ------------------ */

typedef struct raw {
  const char *text;    /* last flag value (scalar kinds)                   */
  const char **items;  /* LIST / MULTI values from flags (before splitting) */
  size_t n_items, cap_items;
} raw;

static int raw_push(raw *r, const char *s) {
  if (r->n_items == r->cap_items) {
    size_t cap = r->cap_items ? 2 * r->cap_items : 4;
    const char **ni = realloc(r->items, cap * sizeof *ni);
    if (!ni) return LIMEN_ENOMEM;
    r->items = ni;
    r->cap_items = cap;
  }
  r->items[r->n_items++] = s;
  return LIMEN_OK;
}

/* Append the items of `value` (split on commas for LIST) to o->items. */
static int add_items(cli_args *a, cli_opt *o, const char *label, const char *value, limen_error *err) {
  size_t extra = 1;
  if (o->kind == CLI_OPT_LIST)
    for (const char *p = value; *p; p++) extra += *p == ',';
  if (o->n_items + extra > o->cap_items || !o->items) { /* the old arrays stay in the arena: 2n in all */
    size_t cap = o->n_items + extra > 2 * o->cap_items ? o->n_items + extra : 2 * o->cap_items;
    const char **ni = malloc(cap * sizeof *ni);
    if (!ni || !cli_args_keep(a, (void *)ni)) return oerr(err, LIMEN_ENOMEM, label, "out of memory");
    if (o->n_items) memcpy(ni, o->items, o->n_items * sizeof *ni);
    o->items = ni;
    o->cap_items = cap;
  }
  if (o->kind == CLI_OPT_MULTI) {
    int s = check_choice(o, label, value, err);
    if (s) return s;
    char *c = keep_strdup(a, value);
    if (!c) return oerr(err, LIMEN_ENOMEM, label, "out of memory");
    o->items[o->n_items++] = c;
    return LIMEN_OK;
  }
  char *copy = keep_strdup(a, value);
  if (!copy) return oerr(err, LIMEN_ENOMEM, label, "out of memory");
  char *save = copy;
  for (;;) {
    char *comma = strchr(save, ',');
    if (comma) *comma = '\0';
    int s = check_choice(o, label, save, err);
    if (s) return s;
    o->items[o->n_items++] = save;
    if (!comma) break;
    save = comma + 1;
  }
  return LIMEN_OK;
}

/* Store a scalar text value into o (flags and string values from the config file). */
static int store_text(cli_args *a, cli_opt *o, const char *label, const char *text, limen_error *err) {
  switch (o->kind) {
    case CLI_OPT_DOUBLE:
    case CLI_OPT_LONG: {
      double v = 0.0;
      (void)label;
      limen_input r = opt_row(o, o->name);
      int later = limen_input_energy_unit(&r, text) ? CLI_UNIT_ENERGY
                  : limen_input_cell_time(&r, text) && strcmp(o->name, "tau0") != 0 ? CLI_UNIT_CELL_TIME
                                                                                   : 0;
      if (later) { /* converted once the temperature or τ₀ is known */
        o->str = text;
        o->unit_text = later;
        return LIMEN_OK;
      }
      int s = cli_opt_parse_number(o, text, &v, err);
      if (s) return s;
      o->num = v;
      o->lnum = o->kind == CLI_OPT_LONG ? (long)v : 0;
      return LIMEN_OK;
    }
    case CLI_OPT_STRING: {
      int s = check_choice(o, label, text, err);
      if (s) return s;
      o->str = text;
      return LIMEN_OK;
    }
    case CLI_OPT_LIST:
    case CLI_OPT_MULTI: return add_items(a, o, label, text, err);
    case CLI_OPT_FLAG: o->num = 1; return LIMEN_OK;
  }
  (void)a;
  return oerr(err, LIMEN_EINTERNAL, label, "unknown option kind");
}

/* ---- config file: the library walks the JSON object and checks numeric options ---------------- */

static const char *json_type_name(const cJSON *v) {
  if (cJSON_IsNumber(v)) return "a number";
  if (cJSON_IsString(v)) return "a string";
  if (cJSON_IsBool(v)) return "a boolean";
  if (cJSON_IsNull(v)) return "null";
  if (cJSON_IsArray(v)) return "an array";
  if (cJSON_IsObject(v)) return "an object";
  return "invalid";
}

static void allowed_keys(const cli_opt *opts, size_t n, char *buf, size_t cap) {
  size_t at = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < n && at < cap; i++)
    at += (size_t)snprintf(buf + at, cap - at, "%s%s", i ? ", " : "", opts[i].name);
}

/* A string, list or flag option's value from the file. */
static int config_value(cli_args *a, cli_opt *o, const char *label, const cJSON *v, limen_error *err) {
  switch (o->kind) {
    case CLI_OPT_STRING:
      if (!cJSON_IsString(v))
        return oerr(err, LIMEN_EINVAL, label, "%s: expected a string%s%s", json_type_name(v),
                    o->choices ? ", one of " : "", o->choices ? o->choices : "");
      {
        char *c = keep_strdup(a, v->valuestring);
        if (!c) return oerr(err, LIMEN_ENOMEM, label, "out of memory");
        return store_text(a, o, label, c, err);
      }
    case CLI_OPT_LIST:
    case CLI_OPT_MULTI:
      if (cJSON_IsString(v)) return add_items(a, o, label, v->valuestring, err);
      if (cJSON_IsArray(v)) {
        const cJSON *it;
        cJSON_ArrayForEach(it, v) {
          if (!cJSON_IsString(it))
            return oerr(err, LIMEN_EINVAL, label, "array element is %s: expected strings", json_type_name(it));
          int s = add_items(a, o, label, it->valuestring, err);
          if (s) return s;
        }
        return LIMEN_OK;
      }
      return oerr(err, LIMEN_EINVAL, label, "%s: expected a string or an array of strings", json_type_name(v));
    case CLI_OPT_FLAG:
      if (!cJSON_IsBool(v)) return oerr(err, LIMEN_EINVAL, label, "%s: expected true or false", json_type_name(v));
      o->num = cJSON_IsTrue(v) ? 1 : 0;
      return LIMEN_OK;
    default: break;
  }
  return oerr(err, LIMEN_EINTERNAL, label, "not a numeric option");
}

typedef struct config_walk {
  cli_args *args;
  cli_opt *opts;
  size_t n_opts;
} config_walk;

/* One key of the file: a numeric option's checked value, or another option's JSON text.  A flag
 * given on the command line wins; the file's value is still checked so that a broken file is
 * noticed. */
static int config_member(void *vctx, const char *key, const limen_input *in, double value, const char *json,
                         limen_error *err) {
  config_walk *c = vctx;
  cli_opt *o = cli_opt_find(c->opts, c->n_opts, key);
  char kebab[64]; /* a key as the JSON outputs write it: snake_case ("batch_tokens") */
  if (!o && strlen(key) < sizeof kebab) {
    for (size_t i = 0; (kebab[i] = key[i] == '_' ? '-' : key[i]) != '\0'; i++) {
    }
    o = cli_opt_find(c->opts, c->n_opts, kebab);
  }
  if (!o) {
    char keys[2048];
    allowed_keys(c->opts, c->n_opts, keys, sizeof keys);
    return cli_error(err, LIMEN_EINVAL, "unknown key '%s': allowed keys %s (or with '_' for '-')", key, keys);
  }
  if (o->set == CLI_FROM_CONFIG)
    return cli_error(err, LIMEN_EPARSE, "key '%s' sets option '%s' a second time", key, o->name);
  int s = LIMEN_OK;
  cli_opt shadow = *o, *dst = o->set == CLI_FROM_FLAG ? &shadow : o;
  shadow.items = NULL;
  shadow.n_items = shadow.cap_items = 0;
  if (in && json) { /* "0.1eV", "20tau0": converted once the temperature or τ₀ is known */
    dst->str = keep_strdup(c->args, json);
    dst->unit_text = limen_input_energy_unit(in, json) ? CLI_UNIT_ENERGY : CLI_UNIT_CELL_TIME;
    if (!dst->str) return oerr(err, LIMEN_ENOMEM, key, "out of memory");
  } else if (in) {
    dst->num = value;
    dst->lnum = o->kind == CLI_OPT_LONG ? (long)value : 0;
  } else {
    char label[300];
    snprintf(label, sizeof label, "%s =", key);
    cJSON *v = cJSON_Parse(json);
    s = v ? config_value(c->args, dst, label, v, err) : oerr(err, LIMEN_ENOMEM, label, "out of memory");
    cJSON_Delete(v);
  }
  if (!s && o->set != CLI_FROM_FLAG) o->set = CLI_FROM_CONFIG;
  return s;
}

static int read_config(cli_args *a, cli_opt *opts, size_t n_opts, const char *path, limen_error *err) {
  char ctx[256];
  snprintf(ctx, sizeof ctx, "--config '%s': ", path);
  char *text = NULL;
  size_t len = 0;
  if (limen_read_text_file(path, &text, &len, err) != LIMEN_OK) {
    /* A file that cannot be read is a usage error here: the user named it. */
    ctx[strlen(ctx) - 2] = '\0';
    limen_error_wrap(err, LIMEN_EINVAL, ctx, "cannot read the file");
    err->code = LIMEN_EINVAL;
    return LIMEN_EINVAL;
  }
  /* the numeric options as library rows: the library checks their values */
  limen_input *rows = calloc(n_opts ? n_opts : 1, sizeof *rows);
  size_t nr = 0;
  for (size_t i = 0; rows && i < n_opts; i++)
    if (opts[i].kind == CLI_OPT_DOUBLE || opts[i].kind == CLI_OPT_LONG) rows[nr++] = opt_row(&opts[i], opts[i].name);
  config_walk c = {a, opts, n_opts};
  int status = rows ? limen_inputs_json_each(rows, nr, text, config_member, &c, err)
                    : cli_error(err, LIMEN_ENOMEM, "out of memory");
  free(rows);
  free(text);
  return status ? cli_error_prefix(err, status, ctx) : LIMEN_OK;
}

/* ---- the parser ------------------------------------------------------------------------ */

static int wants_help(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) return 0;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) return 1;
  }
  return 0;
}

/* getopt_long's table: each option (value OPT_VAL_BASE + i), its alias, --config and --help. */
static void long_options(const cli_opt *opts, size_t n_opts, struct option *lo) {
  for (size_t i = 0; i < n_opts; i++) {
    lo[i].name = opts[i].name;
    lo[i].has_arg = opts[i].kind == CLI_OPT_FLAG ? no_argument : required_argument;
    lo[i].flag = NULL;
    lo[i].val = OPT_VAL_BASE + (int)i;
  }
  size_t nl = n_opts;
  for (size_t i = 0; i < n_opts; i++)
    if (opts[i].alias) {
      lo[nl] = lo[i];
      lo[nl].name = opts[i].alias;
      nl++;
    }
  lo[nl].name = "config";
  lo[nl].has_arg = required_argument;
  lo[nl].val = OPT_VAL_CONFIG;
  lo[nl + 1].name = "help";
  lo[nl + 1].has_arg = no_argument;
  lo[nl + 1].val = 'h';
  lo[nl + 2].name = "debug";
  lo[nl + 2].has_arg = no_argument;
  lo[nl + 2].val = OPT_VAL_DEBUG;
}

/* The message for what getopt_long refused (c is ':' for a missing value, else '?'). */
static int scan_error(const cli_command_doc *doc, const cli_opt *opts, size_t n_opts, int c, int argc, char **argv,
                      limen_error *err) {
  const char *bad = optind > 0 && optind <= argc ? argv[optind - 1] : "?";
  char name[128];
  snprintf(name, sizeof name, "%s", bad);
  char *eq = strchr(name, '=');
  if (eq) *eq = '\0';
  const int ours = optopt >= OPT_VAL_BASE && optopt < OPT_VAL_BASE + (int)n_opts;
  if (c == ':') {
    if (ours) snprintf(name, sizeof name, "--%s", opts[optopt - OPT_VAL_BASE].name);
    else if (optopt == OPT_VAL_CONFIG) snprintf(name, sizeof name, "--config");
    return limen_error_set(err, LIMEN_EINVAL, name, "missing value (see 'limen %s --help')", doc->name);
  }
  if (ours) return limen_error_set(err, LIMEN_EINVAL, name, "takes no value (see 'limen %s --help')", doc->name);
  if (optopt > 0 && optopt < 128)
    return limen_error_set(err, LIMEN_EINVAL, "unknown option", "'-%c' (see 'limen %s --help')", optopt, doc->name);
  char list[2048] = "", near[96];
  for (size_t i = 0, at = 0; i < n_opts && at < sizeof list; i++)
    at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", i ? ", " : "", opts[i].name);
  limen_suggest(name[0] == '-' && name[1] == '-' ? name + 2 : name, list, near, sizeof near);
  if (near[0])
    return limen_error_set(err, LIMEN_EINVAL, "unknown or ambiguous option", "'%s' (did you mean '--%s'? see 'limen %s --help')",
                           name, near, doc->name);
  return limen_error_set(err, LIMEN_EINVAL, "unknown or ambiguous option", "'%s' (see 'limen %s --help')", name,
                         doc->name);
}

/* Read argv: the options' raw values into raws (set = CLI_FROM_FLAG), the positional arguments
 * and --config into args; CLI_HELP after printing the help. */
static int scan(const cli_command_doc *doc, cli_opt *opts, size_t n_opts, const struct option *lo, raw *raws,
                int argc, char **argv, cli_args *args, limen_error *err) {
  opterr = 0;
  optind = 0; /* GNU: re-initialise the scanner */
  for (int c; (c = getopt_long(argc, argv, "-:h", lo, NULL)) != -1;) {
    if (c == 1) {
      args->positional[args->n_positional++] = optarg;
    } else if (c == 'h') {
      cli_opts_help(stdout, doc, opts, n_opts);
      return CLI_HELP;
    } else if (c == OPT_VAL_CONFIG) {
      args->config_path = optarg;
    } else if (c == OPT_VAL_DEBUG) {
      cli_debug = 1;
    } else if (c >= OPT_VAL_BASE && c < OPT_VAL_BASE + (int)n_opts) {
      size_t i = (size_t)(c - OPT_VAL_BASE);
      opts[i].set = CLI_FROM_FLAG;
      if (opts[i].kind != CLI_OPT_LIST && opts[i].kind != CLI_OPT_MULTI)
        raws[i].text = opts[i].kind == CLI_OPT_FLAG ? "1" : optarg;
      else if (raw_push(&raws[i], optarg))
        return limen_error_set(err, LIMEN_ENOMEM, doc->name, "out of memory");
    } else {
      return scan_error(doc, opts, n_opts, c, argc, argv, err);
    }
  }
  for (; optind < argc; optind++) args->positional[args->n_positional++] = argv[optind];
  return LIMEN_OK;
}

/* The values given on the command line, checked and stored. */
static int store_flags(cli_opt *opts, size_t n_opts, const raw *raws, cli_args *args, limen_error *err) {
  for (size_t i = 0; i < n_opts; i++) {
    if (opts[i].set != CLI_FROM_FLAG) continue;
    char label[96];
    snprintf(label, sizeof label, "--%s =", opts[i].name);
    int status = LIMEN_OK;
    if (opts[i].kind != CLI_OPT_LIST && opts[i].kind != CLI_OPT_MULTI)
      status = store_text(args, &opts[i], label, raws[i].text, err);
    for (size_t k = 0; !status && k < raws[i].n_items; k++)
      status = add_items(args, &opts[i], label, raws[i].items[k], err);
    if (status) return status;
  }
  return LIMEN_OK;
}

/* The value (given or default) of the command's option `name`: 1, or 0 when it has none. */
static int other_opt(const cli_opt *opts, size_t n_opts, const char *name, double *v) {
  for (size_t i = 0; i < n_opts; i++)
    if (strcmp(opts[i].name, name) == 0 && given_or_default(&opts[i], v)) return 1;
  return 0;
}

/* Values whose unit needs another option, converted now that every option is read: energies
 * in J, eV, kTln2 or kWh (--barrier 2e-20J) into kT at the command's temperature, durations in
 * cell time (--write-time 100tau0) into seconds with the command's τ₀ — each as given, or its
 * default; refused by a command without that option. */
static int resolve_units(cli_opt *opts, size_t n_opts, const char *config_path, limen_error *err) {
  for (size_t i = 0; i < n_opts; i++) {
    cli_opt *o = &opts[i];
    if (!o->unit_text) continue;
    const int energy = o->unit_text == CLI_UNIT_ENERGY;
    double by = 0.0, v = 0.0;
    if (!other_opt(opts, n_opts, energy ? "temperature" : "tau0", &by))
      return cli_error(err, LIMEN_EINVAL, "--%s = '%s': %s, which this command does not take: give it in %s",
                       o->name, o->str, energy ? "an energy with a unit needs a temperature" : "cell time needs tau0",
                       energy ? "kT" : "s or with a time unit");
    limen_input r = opt_row(o, o->name);
    int s = energy ? limen_input_parse_energy(&r, o->name, o->str, by, &v, err)
                   : limen_input_parse_cell_time(&r, o->name, o->str, by, &v, err);
    if (s && o->set == CLI_FROM_CONFIG) { /* named as the file wrote it */
      char ctx[300];
      snprintf(ctx, sizeof ctx, "--config '%.200s': ", config_path ? config_path : "");
      return cli_error_prefix(err, s, ctx);
    }
    if (s) return cli_error_prefix(err, s, "--");
    o->num = v;
    o->lnum = o->kind == CLI_OPT_LONG ? (long)v : 0;
    o->unit_text = 0;
  }
  return LIMEN_OK;
}

int cli_opts_parse(const cli_command_doc *doc, cli_opt *opts, size_t n_opts, int argc, char **argv,
                   cli_args *args, limen_error *err) {
  if (wants_help(argc, argv)) {
    cli_opts_help(stdout, doc, opts, n_opts);
    return CLI_HELP;
  }
  for (size_t i = 0; i < n_opts; i++) {
    opts[i].set = CLI_UNSET;
    opts[i].unit_text = 0;
    opts[i].items = NULL;
    opts[i].n_items = opts[i].cap_items = 0;
  }
  struct option *lo = calloc(2 * n_opts + 4, sizeof *lo);
  raw *raws = calloc(n_opts ? n_opts : 1, sizeof *raws);
  args->positional = calloc((size_t)argc + 1, sizeof *args->positional);
  int status = !lo || !raws || !args->positional ? limen_error_set(err, LIMEN_ENOMEM, doc->name, "out of memory")
                                                 : LIMEN_OK;
  if (!status) long_options(opts, n_opts, lo);
  if (!status) status = scan(doc, opts, n_opts, lo, raws, argc, argv, args, err);
  if (!status) status = store_flags(opts, n_opts, raws, args, err);
  /* config file (flags already set win) */
  if (!status && args->config_path) status = read_config(args, opts, n_opts, args->config_path, err);
  if (!status) status = resolve_units(opts, n_opts, args->config_path, err);
  if (raws)
    for (size_t i = 0; i < n_opts; i++) free(raws[i].items);
  free(raws);
  free(lo);
  return status;
}
