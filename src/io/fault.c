/* SPDX-License-Identifier: GPL-3.0-or-later
 * fault.c: fault injection for the tests of the output layer (outfile.h, fault.h), in the
 * manner of SQLite's: the Nth open, write, fsync, close or rename of an output file fails, so
 * that a test can walk every failing point of a command and check that it exits non-zero,
 * leaves no temporary, keeps the old file and writes no manifest.  Armed by
 * limen_io_fault_set or, for the tool, by the environment variable LIMEN_IO_FAULT=OP:N; when
 * neither is given (every ordinary run) a hit is one counter increment. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "io/fault.h"
#include "limen/outfile.h"

static const char *const OP_NAMES[LIMEN_IO_OPS] = {"open", "write", "fsync", "close", "rename"};

static atomic_int g_op = -1;            /* the operation armed, or -1 */
static atomic_ulong g_target;           /* its failing occurrence (1-based) */
static atomic_ulong g_count[LIMEN_IO_OPS];
static pthread_once_t g_env_once = PTHREAD_ONCE_INIT;
static atomic_int g_set_by_call;

static int parse(const char *spec, int *op, unsigned long *n) {
  *op = -1;
  *n = 0;
  if (!spec || !*spec) return 0;
  const char *colon = strchr(spec, ':');
  if (!colon) return -1;
  for (int i = 0; i < LIMEN_IO_OPS; i++)
    if ((size_t)(colon - spec) == strlen(OP_NAMES[i]) && strncmp(spec, OP_NAMES[i], strlen(OP_NAMES[i])) == 0) *op = i;
  char *end = NULL;
  errno = 0;
  unsigned long v = strtoul(colon + 1, &end, 10);
  if (*op < 0 || end == colon + 1 || *end || errno || v == 0 || colon[1] == '-') return -1;
  *n = v;
  return 0;
}

static void arm(int op, unsigned long n) {
  for (int i = 0; i < LIMEN_IO_OPS; i++) atomic_store(&g_count[i], 0);
  atomic_store(&g_target, n);
  atomic_store(&g_op, op);
}

/* LIMEN_IO_FAULT, once, unless a call armed the hook first; a malformed value arms nothing. */
static void read_env(void) {
  int op;
  unsigned long n;
  if (!atomic_load(&g_set_by_call) && parse(getenv("LIMEN_IO_FAULT"), &op, &n) == 0 && op >= 0) arm(op, n);
}

int limen_io_fault_set(const char *spec, limen_error *err) {
  int op;
  unsigned long n;
  if (parse(spec, &op, &n) != 0)
    return limen_error_set(err, LIMEN_EINVAL, __func__,
                           "fault '%s': expected OP:N, OP one of open, write, fsync, close, rename and N >= 1",
                           spec);
  atomic_store(&g_set_by_call, 1);
  pthread_once(&g_env_once, read_env);
  arm(op, n);
  return LIMEN_OK;
}

int limen_io_fault_hit(limen_io_op op) {
  pthread_once(&g_env_once, read_env);
  unsigned long k = atomic_fetch_add(&g_count[op], 1) + 1;
  if (atomic_load(&g_op) != (int)op || k != atomic_load(&g_target)) return 0;
  errno = op == LIMEN_IO_WRITE ? ENOSPC : EIO;
  return 1;
}
