/* SPDX-License-Identifier: GPL-3.0-or-later
 * provenance.c: the process-wide record of what a run read and which seeds it used
 * (provenance.h): a mutex-protected list of files (path, size, SHA-256 of the bytes read) and
 * of seeds, the command line given by the caller and the time of the run. */
#include "limen/provenance.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "limen/datafile.h"
#include "limen_git_revision.h"

#define MAX_FILES 256
#define MAX_SEEDS 256

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static char *g_command;
static time_t g_time;
static int g_time_set;
static limen_provenance_file *g_files;
static size_t g_nfiles;
static uint64_t g_seeds[MAX_SEEDS];
static size_t g_nseeds;

const char *limen_git_revision(void) { return LIMEN_GIT_REVISION[0] ? LIMEN_GIT_REVISION : NULL; }

/* SOURCE_DATE_EPOCH when it is a whole number of seconds, else now. */
static time_t run_time(void) {
  const char *e = getenv("SOURCE_DATE_EPOCH");
  if (e && *e) {
    char *end;
    long long v = strtoll(e, &end, 10);
    if (*end == '\0' && v >= 0) return (time_t)v;
  }
  return time(NULL);
}

int limen_provenance_begin(const char *command, limen_error *err) {
  char *copy = command ? strdup(command) : NULL;
  if (command && !copy) return limen_error_plain(err, LIMEN_ENOMEM, "provenance: out of memory");
  pthread_mutex_lock(&g_lock);
  free(g_command);
  g_command = copy;
  g_time = run_time();
  g_time_set = 1;
  g_nfiles = 0;
  g_nseeds = 0;
  pthread_mutex_unlock(&g_lock);
  return LIMEN_OK;
}

void limen_provenance_note_file(const char *path, const void *data, size_t n) {
  if (!path) return;
  limen_provenance_file f;
  if (strlen(path) >= sizeof f.path) return;
  strcpy(f.path, path);
  f.bytes = n;
  limen_sha256_bytes(data, n, f.sha256);
  pthread_mutex_lock(&g_lock);
  int seen = 0;
  for (size_t i = 0; i < g_nfiles && !seen; i++)
    seen = strcmp(g_files[i].path, f.path) == 0 && strcmp(g_files[i].sha256, f.sha256) == 0;
  if (!seen && g_nfiles < MAX_FILES) {
    if (!g_files) g_files = malloc(MAX_FILES * sizeof *g_files);
    if (g_files) g_files[g_nfiles++] = f;
  }
  pthread_mutex_unlock(&g_lock);
}

void limen_provenance_note_seed(uint64_t seed) {
  pthread_mutex_lock(&g_lock);
  int seen = 0;
  for (size_t i = 0; i < g_nseeds && !seen; i++) seen = g_seeds[i] == seed;
  if (!seen && g_nseeds < MAX_SEEDS) g_seeds[g_nseeds++] = seed;
  pthread_mutex_unlock(&g_lock);
}

const char *limen_provenance_command(void) { return g_command; }

void limen_provenance_time(char utc[32]) {
  pthread_mutex_lock(&g_lock);
  if (!g_time_set) {
    g_time = run_time();
    g_time_set = 1;
  }
  time_t t = g_time;
  pthread_mutex_unlock(&g_lock);
  struct tm tm;
  if (!gmtime_r(&t, &tm) || !strftime(utc, 32, "%Y-%m-%dT%H:%M:%SZ", &tm)) strcpy(utc, "1970-01-01T00:00:00Z");
}

size_t limen_provenance_seeds(uint64_t *seeds, size_t max) {
  pthread_mutex_lock(&g_lock);
  size_t n = g_nseeds;
  for (size_t i = 0; i < n && i < max; i++) seeds[i] = g_seeds[i];
  pthread_mutex_unlock(&g_lock);
  return n;
}

size_t limen_provenance_file_count(void) {
  pthread_mutex_lock(&g_lock);
  size_t n = g_nfiles;
  pthread_mutex_unlock(&g_lock);
  return n;
}

int limen_provenance_file_get(size_t i, limen_provenance_file *out) {
  pthread_mutex_lock(&g_lock);
  int ok = i < g_nfiles;
  if (ok) *out = g_files[i];
  pthread_mutex_unlock(&g_lock);
  return ok ? LIMEN_OK : LIMEN_EINVAL;
}
