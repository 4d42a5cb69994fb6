/* SPDX-License-Identifier: GPL-3.0-or-later
 * test_outfile.c: the output layer (outfile.h): a file is written whole or not at all under
 * every injected fault (open, write, fsync, close, rename), the old file stays, no temporary
 * is left; output paths that name devices, FIFOs or directories are refused. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "limen/outfile.h"

static char dir[256];

static void setup(void) {
  snprintf(dir, sizeof dir, "/tmp/limen-outfile-XXXXXX");
  cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void) {
  limen_io_fault_set(NULL, NULL);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_assert_eq(system(cmd), 0);
}

static size_t entries(void) {
  DIR *d = opendir(dir);
  size_t n = 0;
  for (struct dirent *e; (e = readdir(d));) n += e->d_name[0] != '.' || strstr(e->d_name, ".tmp.") != NULL;
  closedir(d);
  return n;
}

static void read_back(const char *path, char *buf, size_t cap) {
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f);
  size_t n = fread(buf, 1, cap - 1, f);
  buf[n] = '\0';
  fclose(f);
}

TestSuite(outfile, .init = setup, .fini = teardown);

Test(outfile, every_fault_keeps_the_old_file) {
  static const char *const ops[] = {"open", "write", "fsync", "close", "rename"};
  static const int points[] = {1, 1, 2, 1, 1}; /* fsync: the file's, then its directory's */
  char path[300], buf[64], spec[32];
  limen_error err;
  snprintf(path, sizeof path, "%s/a.txt", dir);
  for (int i = 0; i < 5; i++) {
    for (int k = 1; k <= points[i]; k++) {
      cr_assert_eq(limen_io_fault_set("", &err), LIMEN_OK);
      cr_assert_eq(limen_file_write_atomic(path, "old\n", 4, &err), LIMEN_OK, "%s", err.msg);
      snprintf(spec, sizeof spec, "%s:%d", ops[i], k);
      cr_assert_eq(limen_io_fault_set(spec, &err), LIMEN_OK);
      cr_assert_eq(limen_file_write_atomic(path, "new text\n", 9, &err), LIMEN_EIO, "%s: not reported", spec);
      cr_assert(strstr(err.msg, "cannot write") && strstr(err.msg, "a.txt"), "%s: %s", spec, err.msg);
      read_back(path, buf, sizeof buf);
      /* a failed directory sync comes after the rename: the new file is whole, and reported */
      int dir_sync = i == 2 && k == 2;
      cr_assert_str_eq(buf, dir_sync ? "new text\n" : "old\n", "%s", spec);
      cr_assert_eq(entries(), 1, "%s: a temporary is left", spec);
    }
    snprintf(spec, sizeof spec, "%s:%d", ops[i], points[i] + 1); /* past the last: written */
    cr_assert_eq(limen_io_fault_set(spec, &err), LIMEN_OK);
    cr_assert_eq(limen_file_write_atomic(path, "new text\n", 9, &err), LIMEN_OK, "%s: %s", spec, err.msg);
    read_back(path, buf, sizeof buf);
    cr_assert_str_eq(buf, "new text\n");
  }
}

Test(outfile, fault_specs_checked) {
  limen_error err;
  const char *bad[] = {"write", "write:0", "write:-1", "seek:1", "write:1x", ":3"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    cr_assert_eq(limen_io_fault_set(bad[i], &err), LIMEN_EINVAL, "%s accepted", bad[i]);
  cr_assert_eq(limen_io_fault_set("", &err), LIMEN_OK);
}

Test(outfile, output_paths_checked) {
  limen_error err;
  char path[300];
  cr_assert_eq(limen_output_path_check("/dev/null", LIMEN_OUTPUT_FILE, "--out", &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "--out '/dev/null': exists and is a character device"), "%s", err.msg);
  cr_assert_eq(limen_output_path_check("/dev/x.png", LIMEN_OUTPUT_FILE, "--out", &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "holds device or kernel files"), "%s", err.msg);
  cr_assert_eq(limen_output_path_check("/proc/self/x", LIMEN_OUTPUT_DIR, "--out", &err), LIMEN_EINVAL);
  cr_assert_eq(limen_output_path_check(dir, LIMEN_OUTPUT_FILE, "--out", &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "a directory, not a regular file"), "%s", err.msg);
  cr_assert_eq(limen_output_path_check(dir, LIMEN_OUTPUT_DIR, "--out", &err), LIMEN_OK, "%s", err.msg);
  snprintf(path, sizeof path, "%s/new/deeper", dir); /* created later, with its parents */
  cr_assert_eq(limen_output_path_check(path, LIMEN_OUTPUT_DIR, "--out", &err), LIMEN_OK, "%s", err.msg);
  snprintf(path, sizeof path, "%s/fifo", dir);
  cr_assert_eq(mkfifo(path, 0600), 0);
  cr_assert_eq(limen_output_path_check(path, LIMEN_OUTPUT_FILE, "--out", &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "a FIFO"), "%s", err.msg);
  cr_assert_eq(limen_file_write_atomic(path, "x", 1, &err), LIMEN_EINVAL, "a FIFO replaced");
  cr_assert_eq(limen_output_path_check(path, LIMEN_OUTPUT_DIR, "--out", &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "not a directory"), "%s", err.msg);
  cr_assert_eq(limen_output_path_check("", LIMEN_OUTPUT_FILE, "--out", &err), LIMEN_EINVAL);
}
