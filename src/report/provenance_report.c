/* SPDX-License-Identifier: GPL-3.0-or-later
 * provenance_report.c: the provenance record (provenance.h) as a JSON object — added under
 * "provenance" to every JSON document the library prints and to an --out manifest — and as the
 * '#' comment lines that open every CSV the library writes. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "limen/provenance.h"
#include "limen/report.h"
#include "report/record.h"

#define SEEDS_MAX 256

static int add_str_or_null(cJSON *o, const char *key, const char *s) {
  return (s ? cJSON_AddStringToObject(o, key, s) : cJSON_AddNullToObject(o, key)) != NULL;
}

static int add_seeds(cJSON *o) {
  uint64_t seeds[SEEDS_MAX];
  size_t n = limen_provenance_seeds(seeds, SEEDS_MAX);
  cJSON *arr = cJSON_AddArrayToObject(o, "seeds");
  for (size_t i = 0; arr && i < n && i < SEEDS_MAX; i++) {
    /* seeds beyond 2^53 would lose digits as JSON numbers: written as strings then */
    cJSON *it = seeds[i] <= (UINT64_C(1) << 53) ? cJSON_CreateNumber((double)seeds[i]) : NULL;
    if (!it) {
      char b[24];
      snprintf(b, sizeof b, "%" PRIu64, seeds[i]);
      it = cJSON_CreateString(b);
    }
    if (!it || !cJSON_AddItemToArray(arr, it)) return 0;
  }
  return arr != NULL;
}

static int add_files(cJSON *o) {
  cJSON *arr = cJSON_AddArrayToObject(o, "data_files");
  size_t n = limen_provenance_file_count();
  for (size_t i = 0; arr && i < n; i++) {
    limen_provenance_file f;
    if (limen_provenance_file_get(i, &f)) break;
    cJSON *e = cJSON_CreateObject();
    if (!e || !cJSON_AddItemToArray(arr, e) || !cJSON_AddStringToObject(e, "path", f.path) ||
        !cJSON_AddNumberToObject(e, "bytes", (double)f.bytes) || !cJSON_AddStringToObject(e, "sha256", f.sha256))
      return 0;
  }
  return arr != NULL;
}

cJSON *limen_report_provenance(void) {
  char utc[32];
  limen_provenance_time(utc);
  cJSON *o = cJSON_CreateObject();
  int ok = o && cJSON_AddStringToObject(o, "limen_version", limen_version()) &&
           add_str_or_null(o, "git_revision", limen_git_revision()) &&
           add_str_or_null(o, "command", limen_provenance_command()) && cJSON_AddStringToObject(o, "utc", utc) &&
           add_seeds(o) && add_files(o);
  if (!ok) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

int limen_report_add_provenance(cJSON *root) {
  if (!cJSON_IsObject(root) || cJSON_GetObjectItemCaseSensitive(root, "provenance")) return 1;
  cJSON *p = limen_report_provenance();
  if (!p) return 0;
  if (!cJSON_AddItemToObject(root, "provenance", p)) {
    cJSON_Delete(p);
    return 0;
  }
  return 1;
}

int limen_provenance_json(char **text, limen_error *err) {
  cJSON *p = limen_report_provenance();
  char *s = p ? cJSON_Print(p) : NULL;
  cJSON_Delete(p);
  if (!s) return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  *text = strdup(s);
  cJSON_free(s);
  return *text ? LIMEN_OK : limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
}

void limen_csv_provenance(FILE *f) {
  char utc[32];
  limen_provenance_time(utc);
  const char *rev = limen_git_revision(), *cmd = limen_provenance_command();
  fprintf(f, "# limen %s (git %s), %s\n", limen_version(), rev ? rev : "unknown", utc);
  if (cmd) fprintf(f, "# command: %s\n", cmd);
  uint64_t seeds[SEEDS_MAX];
  size_t n = limen_provenance_seeds(seeds, SEEDS_MAX);
  for (size_t i = 0; i < n && i < SEEDS_MAX; i++) fprintf(f, "%s%" PRIu64, i ? ", " : "# seeds: ", seeds[i]);
  if (n) fputc('\n', f);
  size_t nf = limen_provenance_file_count();
  for (size_t i = 0; i < nf; i++) {
    limen_provenance_file e;
    if (!limen_provenance_file_get(i, &e))
      fprintf(f, "# data: %s (%" PRIu64 " bytes, sha256 %s)\n", e.path, e.bytes, e.sha256);
  }
}
