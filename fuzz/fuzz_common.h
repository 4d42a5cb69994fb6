/* SPDX-License-Identifier: GPL-3.0-or-later
 * fuzz_common.h: what every libFuzzer target of fuzz/ shares (fuzz/README.md).
 *
 *   FUZZ_CHECK(cond)   a broken invariant: the condition and its place on stderr, then
 *                      __builtin_trap() (libFuzzer saves the input as a crash);
 *   fuzz_failure(rc, err)  the library's contract for a refused input: a status among the
 *                      LIMEN_E* codes (never LIMEN_EINTERNAL, the code of a library bug), the
 *                      same code in err, a non-empty NUL-terminated message;
 *   fuzz_text(data, size)  the bytes as a NUL-terminated string (the parsers that take one);
 *   fuzz_file(data, size, path)  the bytes as a file for the loaders that read one: an
 *                      in-memory file (memfd; /tmp when memfd is unavailable, unlinked at once)
 *                      named /proc/self/fd/<fd> in *path; close the fd when done;
 *   fuzz_quiet_begin / fuzz_quiet_end  around a call of the library: standard output goes to
 *                      an in-memory file, and anything written there is a broken invariant
 *                      (the library never prints; libFuzzer writes to stderr only).
 * Include this header first: it asks for memfd_create (_GNU_SOURCE). */
#ifndef LIMEN_FUZZ_COMMON_H
#define LIMEN_FUZZ_COMMON_H

#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "limen/common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                                   \
  do {                                                                                     \
    if (!(cond)) {                                                                         \
      fprintf(stderr, "\nbroken invariant at %s:%d: %s\n", __FILE__, __LINE__, #cond);     \
      __builtin_trap();                                                                    \
    }                                                                                      \
  } while (0)

/* A refused input: status, code and message as the library promises. */
static inline void fuzz_failure(int rc, const limen_error *err) {
  FUZZ_CHECK(rc > LIMEN_OK && rc < LIMEN_EINTERNAL);
  FUZZ_CHECK(err->code == rc);
  FUZZ_CHECK(memchr(err->msg, '\0', sizeof err->msg) != NULL);
  FUZZ_CHECK(err->msg[0] != '\0');
  FUZZ_CHECK(memchr(err->field, '\0', sizeof err->field) != NULL);
  FUZZ_CHECK(memchr(err->value, '\0', sizeof err->value) != NULL);
  FUZZ_CHECK(memchr(err->range, '\0', sizeof err->range) != NULL);
}

/* The bytes as a NUL-terminated string (malloc'd; NULL only when out of memory). */
static inline char *fuzz_text(const uint8_t *data, size_t size) {
  char *t = malloc(size + 1);
  if (!t) return NULL;
  if (size) memcpy(t, data, size);
  t[size] = '\0';
  return t;
}

/* The bytes as a file named *path (an in-memory file); returns its fd (close it), -1 when no
 * file could be made. */
static inline int fuzz_file(const uint8_t *data, size_t size, char path[64]) {
  int fd = memfd_create("limen-fuzz", MFD_CLOEXEC);
  if (fd < 0) {
    char tmp[] = "/tmp/limen-fuzz-XXXXXX";
    fd = mkstemp(tmp);
    if (fd < 0) return -1;
    unlink(tmp);
  }
  for (size_t done = 0; done < size;) {
    ssize_t k = write(fd, data + done, size - done);
    if (k <= 0) {
      close(fd);
      return -1;
    }
    done += (size_t)k;
  }
  snprintf(path, 64, "/proc/self/fd/%d", fd);
  return fd;
}

static int fuzz_stdout_fd = -1;

static inline void fuzz_quiet_begin(void) {
  if (fuzz_stdout_fd >= 0) return;
  fflush(stdout);
  int fd = memfd_create("limen-fuzz-stdout", MFD_CLOEXEC);
  if (fd < 0) return; /* no memfd: the check is skipped */
  if (dup2(fd, STDOUT_FILENO) < 0) {
    close(fd);
    return;
  }
  close(fd);
  fuzz_stdout_fd = STDOUT_FILENO;
}

static inline void fuzz_quiet_end(void) {
  if (fuzz_stdout_fd < 0) return;
  fflush(stdout);
  struct stat st;
  FUZZ_CHECK(fstat(STDOUT_FILENO, &st) == 0);
  FUZZ_CHECK(st.st_size == 0); /* the library printed */
}

/* Bit-for-bit equality of two doubles (NaN payloads and the sign of zero included). */
static inline int fuzz_same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

#endif
