/* SPDX-License-Identifier: GPL-3.0-or-later
 * out_set.c: the files a run writes under --out, per directory (cli.h): the directory's old
 * manifest is removed before its first file is written, and when the command ends well every
 * directory gets the library's manifest (report.h, limen_manifest_write) with the command line.
 * A failed or interrupted run thus leaves no manifest: its set reads as incomplete. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "limen/provenance.h"
#include "limen/report.h"

#define OUT_DIRS 8

typedef struct out_dir {
  char dir[PATH_MAX];
  char **names;
  size_t n, cap;
} out_dir;

static out_dir g_out[OUT_DIRS];
static size_t g_nout;

static out_dir *find_dir(const char *dir, limen_error *err) {
  for (size_t i = 0; i < g_nout; i++)
    if (strcmp(g_out[i].dir, dir) == 0) return &g_out[i];
  if (g_nout == OUT_DIRS || strlen(dir) >= PATH_MAX) {
    cli_error(err, LIMEN_EINVAL, "--out: too many directories or too long a name: '%s'", dir);
    return NULL;
  }
  if (limen_manifest_clear(dir, err) != LIMEN_OK) return NULL;
  out_dir *d = &g_out[g_nout++];
  snprintf(d->dir, sizeof d->dir, "%s", dir);
  return d;
}

int cli_out_register(const char *dir, const char *name, limen_error *err) {
  out_dir *d = find_dir(dir, err);
  if (!d) return err && err->code ? err->code : LIMEN_EIO;
  for (size_t i = 0; i < d->n; i++)
    if (strcmp(d->names[i], name) == 0) return LIMEN_OK;
  if (d->n == d->cap) {
    size_t cap = d->cap ? 2 * d->cap : 16;
    char **nn = realloc(d->names, cap * sizeof *nn);
    if (!nn) return cli_error(err, LIMEN_ENOMEM, "--out: out of memory");
    d->names = nn;
    d->cap = cap;
  }
  if (!(d->names[d->n] = strdup(name))) return cli_error(err, LIMEN_ENOMEM, "--out: out of memory");
  d->n++;
  return LIMEN_OK;
}

int cli_out_finish(int ok, limen_error *err) {
  int st = LIMEN_OK;
  const char *cmd = limen_provenance_command();
  for (size_t i = 0; i < g_nout; i++) {
    if (ok && !st) st = limen_manifest_write(g_out[i].dir, (const char *const *)g_out[i].names, g_out[i].n, cmd, err);
    for (size_t k = 0; k < g_out[i].n; k++) free(g_out[i].names[k]);
    free(g_out[i].names);
  }
  g_nout = 0;
  return st;
}
