/* SPDX-License-Identifier: GPL-3.0-or-later
 * The provenance record (provenance.h): the command, the time (SOURCE_DATE_EPOCH), seeds and
 * files noted once each with their SHA-256 (FIPS 180-4 vectors, independent of limen), and the
 * record as it appears in a JSON document and at the top of a CSV. */
#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "limen/datafile.h"
#include "limen/provenance.h"
#include "limen/report.h"
#include "limen/workload.h"
#include "testutil.h"

static const char abc_sha[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

/* A record with a command, two seeds (one noted twice) and the file "abc" read twice. */
static char *fresh_record(void) {
  setenv("SOURCE_DATE_EPOCH", "86400", 1);
  limen_error err = {0};
  cr_assert_eq(limen_provenance_begin("limen test --seed 7", &err), LIMEN_OK);
  limen_provenance_note_seed(7);
  limen_provenance_note_seed(12345678901234567890u);
  limen_provenance_note_seed(7);
  const char *path = tu_temp_file("abc");
  cr_assert_not_null(path);
  char *copy = strdup(path), *text = NULL;
  for (int k = 0; k < 2; k++) {
    cr_assert_eq(limen_read_text_file(copy, &text, NULL, &err), LIMEN_OK, "%s", err.msg);
    free(text);
  }
  return copy;
}

Test(provenance, record_holds_command_time_seeds_and_files_once) {
  char *path = fresh_record();
  cr_assert_str_eq(limen_provenance_command(), "limen test --seed 7");
  char utc[32];
  limen_provenance_time(utc);
  cr_assert_str_eq(utc, "1970-01-02T00:00:00Z");
  uint64_t seeds[4];
  cr_assert_eq(limen_provenance_seeds(seeds, 4), 2);
  cr_assert_eq(seeds[0], 7);
  cr_assert_eq(seeds[1], 12345678901234567890u);
  cr_assert_eq(limen_provenance_file_count(), 1);
  limen_provenance_file f;
  cr_assert_eq(limen_provenance_file_get(0, &f), LIMEN_OK);
  cr_assert_str_eq(f.path, path);
  cr_assert_eq(f.bytes, 3);
  cr_assert_str_eq(f.sha256, abc_sha);
  cr_assert_neq(limen_provenance_file_get(1, &f), LIMEN_OK);
  /* a new record forgets the old files and seeds */
  limen_error err = {0};
  cr_assert_eq(limen_provenance_begin(NULL, &err), LIMEN_OK);
  cr_assert_null(limen_provenance_command());
  cr_assert_eq(limen_provenance_seeds(seeds, 4), 0);
  cr_assert_eq(limen_provenance_file_count(), 0);
  unlink(path);
  free(path);
}

Test(provenance, every_json_document_and_csv_carries_it) {
  char *path = fresh_record();
  limen_workload w = limen_workload_default();
  char *text = NULL;
  limen_error err = {0};
  cr_assert_eq(limen_workload_json(&w, &text, &err), LIMEN_OK, "%s", err.msg);
  cJSON *j = cJSON_Parse(text);
  limen_free(text);
  const cJSON *p = cJSON_GetObjectItemCaseSensitive(j, "provenance");
  cr_assert(cJSON_IsObject(p));
  cr_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(p, "limen_version")), limen_version());
  const char *rev = limen_git_revision();
  const cJSON *jr = cJSON_GetObjectItem(p, "git_revision");
  if (rev) cr_assert_str_eq(cJSON_GetStringValue(jr), rev);
  else cr_assert(cJSON_IsNull(jr));
  cr_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(p, "command")), "limen test --seed 7");
  cr_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(p, "utc")), "1970-01-02T00:00:00Z");
  const cJSON *seeds = cJSON_GetObjectItem(p, "seeds");
  cr_assert_eq(cJSON_GetArraySize(seeds), 2);
  cr_assert_eq(cJSON_GetArrayItem(seeds, 0)->valuedouble, 7);
  /* beyond 2^53 a seed is written as a string, digit for digit */
  cr_assert_str_eq(cJSON_GetStringValue(cJSON_GetArrayItem(seeds, 1)), "12345678901234567890");
  const cJSON *files = cJSON_GetObjectItem(p, "data_files");
  cr_assert_eq(cJSON_GetArraySize(files), 1);
  cr_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(files, 0), "sha256")), abc_sha);
  cJSON_Delete(j);
  /* a CSV opens with the same record as comment lines */
  double edges[] = {0, 1}, counts[] = {2};
  limen_histogram h = {1, edges, counts};
  cr_assert_eq(limen_histogram_csv(&h, &text, &err), LIMEN_OK);
  char expect[512];
  snprintf(expect, sizeof expect, "# limen %s (git %s), 1970-01-02T00:00:00Z\n# command: limen test --seed 7\n"
           "# seeds: 7, 12345678901234567890\n# data: %s (3 bytes, sha256 %s)\nbin_lo_kT,bin_hi_kT,count\n0,1,2\n",
           limen_version(), rev ? rev : "unknown", path, abc_sha);
  cr_assert_str_eq(text, expect);
  limen_free(text);
  unlink(path);
  free(path);
}
