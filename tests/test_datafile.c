/* SPDX-License-Identifier: GPL-3.0-or-later
 * Data-file lookup (datafile.h): each file on its own, LIMEN_DATA_DIR first, then the built-in
 * places; a file found nowhere names every place searched. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "limen/limen.h"

Test(datafile, each_file_falls_back_on_its_own) {
  char dir[] = "/tmp/limen_data_XXXXXX", own[128], path[4096];
  cr_assert_not_null(mkdtemp(dir));
  snprintf(own, sizeof own, "%s/models.json", dir);
  FILE *f = fopen(own, "w");
  cr_assert_not_null(f);
  fputs("[]\n", f);
  fclose(f);
  setenv("LIMEN_DATA_DIR", dir, 1);
  limen_error err;
  cr_assert_eq(limen_data_file("models.json", path, sizeof path, &err), LIMEN_OK);
  cr_assert_str_eq(path, own, "the directory's own file first");
  /* regression: "profiles.json not found" when LIMEN_DATA_DIR held only models.json */
  cr_assert_eq(limen_data_file("profiles.json", path, sizeof path, &err), LIMEN_OK, "%s", err.msg);
  cr_assert(strstr(path, dir) == NULL && strstr(path, "profiles.json"), "%s", path);
  cr_assert_eq(access(path, R_OK), 0);
  cr_assert_eq(limen_data_file("no-such-file.json", path, sizeof path, &err), LIMEN_ENOTFOUND);
  cr_assert(strstr(err.msg, "LIMEN_DATA_DIR=") && strstr(err.msg, dir), "%s", err.msg);
  unlink(own);
  rmdir(dir);
}
