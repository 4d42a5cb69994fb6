/* SPDX-License-Identifier: GPL-3.0-or-later
 * fields.h: a result struct written to JSON from a field table (JSON key, offset of the member,
 * its type, when it applies) instead of one hand-written cJSON call per field.  A command
 * describes its output once, as data; the order of the table is the order of the keys. */
#ifndef LIMEN_CLI_FIELDS_H
#define LIMEN_CLI_FIELDS_H

#include <stddef.h>

#include <cJSON.h>

typedef enum {
  CLI_FIELD_NUM,   /* double, written by cli_json_num (10 significant digits, NaN → null) */
  CLI_FIELD_COUNT, /* size_t, written exactly                                           */
  CLI_FIELD_LONG,  /* long, written exactly                                             */
  CLI_FIELD_STR,   /* const char * (NULL → null)                                        */
  CLI_FIELD_CHARS, /* char array                                                        */
  CLI_FIELD_BOOL   /* int, written as true / false                                      */
} cli_field_type;

typedef struct cli_field {
  const char *key;
  size_t offset; /* offsetof(struct, member) */
  cli_field_type type;
  unsigned when; /* 0: always; else written only when every bit of it is in `has` */
} cli_field;

#define CLI_FIELD(key, type, member, kind, when) {key, offsetof(type, member), kind, when}

/* Add to obj the fields of the record at `rec` that apply (see `when`), in table order.
 * Returns 0, or -1 when cJSON ran out of memory. */
int cli_json_fields(cJSON *obj, const void *rec, const cli_field *f, size_t n, unsigned has);

#endif
