/* SPDX-License-Identifier: GPL-3.0-or-later
 * fields.c: JSON from a field table (fields.h). */
#include "cli/fields.h"

#include "cli/output.h"

int cli_json_fields(cJSON *obj, const void *rec, const cli_field *f, size_t n, unsigned has) {
  const char *base = rec;
  for (size_t i = 0; i < n; i++) {
    if ((f[i].when & has) != f[i].when) continue;
    const void *p = base + f[i].offset;
    cJSON *item = NULL;
    switch (f[i].type) {
    case CLI_FIELD_NUM: item = cli_json_num(obj, f[i].key, *(const double *)p); break;
    case CLI_FIELD_COUNT: item = cJSON_AddNumberToObject(obj, f[i].key, (double)*(const size_t *)p); break;
    case CLI_FIELD_LONG: item = cJSON_AddNumberToObject(obj, f[i].key, (double)*(const long *)p); break;
    case CLI_FIELD_STR: {
      const char *s = *(const char *const *)p;
      item = s ? cJSON_AddStringToObject(obj, f[i].key, s) : cJSON_AddNullToObject(obj, f[i].key);
      break;
    }
    case CLI_FIELD_CHARS: item = cJSON_AddStringToObject(obj, f[i].key, (const char *)p); break;
    case CLI_FIELD_BOOL: item = cJSON_AddBoolToObject(obj, f[i].key, *(const int *)p); break;
    }
    if (!item) return -1;
  }
  return 0;
}
