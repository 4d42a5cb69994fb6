/* SPDX-License-Identifier: GPL-3.0-or-later
 * manifest.c: an --out directory's manifest (report.h) — written last, after every file of
 * the run, with each file's size and SHA-256 and "complete": true; removed first, before the
 * run writes anything.  A directory without a manifest, or whose files differ from it, is an
 * incomplete set: a run that failed or was interrupted midway never leaves one that looks
 * whole. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "limen/datafile.h"
#include "limen/report.h"
#include "report/record.h"

int limen_manifest_clear(const char *dir, limen_error *err) {
  char path[PATH_MAX];
  if (!dir || snprintf(path, sizeof path, "%s/%s", dir, LIMEN_MANIFEST_NAME) >= (int)sizeof path)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "directory name missing or too long");
  if (unlink(path) != 0 && errno != ENOENT)
    return limen_error_plain(err, LIMEN_EIO, "cannot remove the old manifest '%s': %s", path, strerror(errno));
  return LIMEN_OK;
}

/* One entry per distinct name, in the order first given. */
static int add_files(cJSON *arr, const char *dir, const char *const *names, size_t n, limen_error *err) {
  for (size_t i = 0; i < n; i++) {
    int seen = 0;
    for (size_t j = 0; j < i && !seen; j++) seen = strcmp(names[i], names[j]) == 0;
    if (seen || strcmp(names[i], LIMEN_MANIFEST_NAME) == 0) continue;
    char path[PATH_MAX], hex[65];
    uint64_t bytes = 0;
    if (snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= (int)sizeof path)
      return limen_error_set(err, LIMEN_EINVAL, "limen_manifest_write", "path too long: '%s/%s'", dir, names[i]);
    int st = limen_sha256_file(path, hex, &bytes, err);
    if (st) return st;
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_AddItemToArray(arr, o) || !cJSON_AddStringToObject(o, "name", names[i]) ||
        !cJSON_AddNumberToObject(o, "bytes", (double)bytes) || !cJSON_AddStringToObject(o, "sha256", hex))
      return limen_error_set(err, LIMEN_ENOMEM, "limen_manifest_write", "out of memory");
  }
  return LIMEN_OK;
}

int limen_manifest_write(const char *dir, const char *const *names, size_t n, const char *command, limen_error *err) {
  if (!dir || (n && !names)) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  char when[32];
  time_t now = time(NULL);
  struct tm tm;
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
  cJSON *o = cJSON_CreateObject(), *arr = NULL;
  int ok = o && cJSON_AddStringToObject(o, "format", "limen-out") && cJSON_AddNumberToObject(o, "format_version", 1) &&
           cJSON_AddTrueToObject(o, "complete") && cJSON_AddStringToObject(o, "limen_version", limen_version()) &&
           cJSON_AddStringToObject(o, "created_utc", when) &&
           (command ? cJSON_AddStringToObject(o, "command", command) != NULL : cJSON_AddNullToObject(o, "command") != NULL) &&
           (arr = cJSON_AddArrayToObject(o, "files")) != NULL && limen_report_add_provenance(o);
  int st = ok ? add_files(arr, dir, names, n, err) : limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  char *text = st ? NULL : cJSON_Print(o);
  cJSON_Delete(o);
  if (!st && !text) st = limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  if (!st) st = limen_text_file_write(dir, LIMEN_MANIFEST_NAME, text, err);
  if (st) limen_manifest_clear(dir, NULL); /* renamed, but its directory not synced: no claim */
  cJSON_free(text);
  return st;
}
