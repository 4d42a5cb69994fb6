/* SPDX-License-Identifier: GPL-3.0-or-later
 * mpi_run.c: `limen` across MPI ranks (mpi_run.h) — starting and ending MPI, and the three
 * collective operations through which the library joins a Langevin ensemble split over the
 * ranks (simulate.h, limen_simulate_comm). */
#include "cli/mpi_run.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "limen/datafile.h"

#ifdef LIMEN_HAVE_MPI
#include <mpi.h>

static int g_rank = 0, g_size = 1, g_active = 0;

static int launched_by_mpi(void) {
  return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMI_SIZE") || getenv("PMIX_RANK");
}

/* ---- what a rank's run depends on -----------------------------------------------------------
 * The command, every option as parsed (its canonical value), and every data file the library
 * read (its contents), each as a label and an FNV-1a hash.  The ranks compare them at every
 * exchange (exchange()): ranks that were given other options, or that read other contents of
 * the same file (another LIMEN_DATA_DIR, a file changed between the starts), would otherwise
 * join collectives that do not match or mix results made from other inputs. */
typedef struct entry {
  char label[80]; /* "--steps", "command", or a file's path */
  uint64_t hash;
  int file;       /* 1: a data file (compared by its name where both ranks read it) */
} entry;

static entry *g_entries;
static size_t g_n, g_cap;
static int g_over; /* an exchange failed, or the finishing one is done: no more collectives */
static struct hello *g_hellos; /* every rank's share of an exchange             */
static int *g_counts;          /* every rank's count and displacement (2 × size) */

static uint64_t fnv(uint64_t h, const void *data, size_t n) {
  const unsigned char *p = data;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211u;
  return h;
}

static void note(int file, const char *label, uint64_t hash) {
  if (!g_active) return;
  if (g_n == g_cap) {
    size_t cap = g_cap ? 2 * g_cap : 64;
    entry *e = realloc(g_entries, cap * sizeof *e);
    if (!e) return; /* not compared: the exchange still agrees on everything noted */
    g_entries = e;
    g_cap = cap;
  }
  entry *e = &g_entries[g_n++];
  memset(e, 0, sizeof *e);
  snprintf(e->label, sizeof e->label, "%s", label);
  e->hash = hash;
  e->file = file;
}

static void file_read(void *ctx, const char *path, const char *text, size_t len) {
  (void)ctx;
#pragma omp critical(cli_mpi_note)
  note(1, path, fnv(1469598103934665603u, text, len));
}

void cli_mpi_note_options(const char *cmd, const cli_opt *o, size_t n, char **positional, int n_positional) {
  if (!g_active) return;
  note(0, "command", fnv(1469598103934665603u, cmd, strlen(cmd) + 1));
  for (size_t i = 0; i < n; i++) {
    if (!o[i].set) continue;
    uint64_t h = fnv(1469598103934665603u, &o[i].kind, sizeof o[i].kind);
    if (o[i].kind == CLI_OPT_DOUBLE || o[i].kind == CLI_OPT_LONG) h = fnv(h, &o[i].num, sizeof o[i].num);
    else if (o[i].kind == CLI_OPT_STRING && o[i].str) h = fnv(h, o[i].str, strlen(o[i].str) + 1);
    for (size_t k = 0; (o[i].kind == CLI_OPT_LIST || o[i].kind == CLI_OPT_MULTI) && k < o[i].n_items; k++)
      h = fnv(h, o[i].items[k], strlen(o[i].items[k]) + 1);
    char label[80];
    snprintf(label, sizeof label, "--%s", o[i].name);
    note(0, label, h);
  }
  uint64_t h = 1469598103934665603u;
  for (int i = 0; i < n_positional; i++) h = fnv(h, positional[i], strlen(positional[i]) + 1);
  note(0, "the arguments", h);
}

static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

/* Which file of its name entry a is (0: the first read of a file of that name), and the entry
 * of that name and count in z (nz when none): a file of a rank is compared with the file of
 * the same name and place of rank 0 (a --catalog models.json beside limen's own models.json). */
static size_t nth_file(const entry *e, size_t a) {
  size_t k = 0;
  for (size_t i = 0; i < a; i++) k += e[i].file && strcmp(base_name(e[i].label), base_name(e[a].label)) == 0;
  return k;
}

static size_t same_file(const entry *z, size_t nz, const char *label, size_t nth) {
  for (size_t b = 0; b < nz; b++)
    if (z[b].file && strcmp(base_name(z[b].label), base_name(label)) == 0 && nth-- == 0) return b;
  return nz;
}

static int has_option(const entry *e, size_t n, const char *label) {
  for (size_t i = 0; i < n; i++)
    if (!e[i].file && strcmp(e[i].label, label) == 0) return 1;
  return 0;
}

/* Where rank r's entries (e, n) differ from rank 0's (z, nz): 1 with the message in err, or 0.
 * The options in order (the first that differs, or that only one of them was given); a data
 * file only where both read a file of that name. */
static int differs(const entry *z, size_t nz, const entry *e, size_t n, int r, limen_error *err) {
  for (size_t i = 0, j = 0;; i++, j++) {
    while (i < nz && z[i].file) i++;
    while (j < n && e[j].file) j++;
    if (i >= nz && j >= n) break;
    if (i < nz && j < n && strcmp(z[i].label, e[j].label) == 0 && z[i].hash == e[j].hash) continue;
    const char *label = i >= nz                         ? e[j].label
                        : j >= n || !has_option(e, n, z[i].label) ? z[i].label
                                                                  : e[j].label;
    cli_error(err, LIMEN_EINVAL, "the MPI ranks were started with different %s%s (rank %d differs from rank 0): "
              "every rank must run the same command line", label[0] == '-' ? "values of " : "", label, r);
    return 1;
  }
  for (size_t a = 0; a < n; a++) {
    if (!e[a].file) continue;
    size_t b = same_file(z, nz, e[a].label, nth_file(e, a));
    if (b < nz && z[b].hash != e[a].hash) {
      cli_error(err, LIMEN_EINVAL, "the MPI ranks read different contents of data file '%s' (rank %d differs from "
                "rank 0, which read %s): every rank must see the same data files", base_name(z[b].label), r,
                z[b].label);
      return 1;
    }
  }
  return 0;
}

/* Every rank's entries on every rank; 1 (err set, the same on every rank) when some rank's
 * differ from rank 0's or the comparison could not be made. */
static int inputs_differ(limen_error *err) {
  int n = (int)(g_n * sizeof(entry)), *counts = g_counts, *displs = g_counts + g_size, total = 0;
  MPI_Allgather(&n, 1, MPI_INT, counts, 1, MPI_INT, MPI_COMM_WORLD);
  for (int r = 0; r < g_size; r++) displs[r] = total, total += counts[r];
  entry *all = malloc((size_t)total + sizeof *all);
  int ok = all != NULL, all_ok = 0;
  MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (!all_ok) {
    free(all);
    return cli_error(err, LIMEN_ENOMEM, "out of memory comparing the MPI ranks' inputs"), 1;
  }
  MPI_Allgatherv(g_entries, n, MPI_BYTE, all, counts, displs, MPI_BYTE, MPI_COMM_WORLD);
  int bad = 0;
  for (int r = 1; r < g_size && !bad; r++)
    bad = differs(all, (size_t)counts[0] / sizeof(entry), all + (size_t)displs[r] / sizeof(entry),
                  (size_t)counts[r] / sizeof(entry), r, err);
  free(all);
  return bad;
}

/* The one collective every rank enters first, at each point where the ranks meet (the library's
 * agree, and the end of a command): the inputs are compared, then the ranks take the status and
 * error of the lowest failing rank.  Every rank sees the same data, so every rank decides alike;
 * after a failure no rank starts another collective. */
typedef struct hello {
  int kind, status;
  uint64_t inputs; /* all this rank's entries hashed: equal on every rank, nothing to compare */
  limen_error err;
} hello;
enum { KIND_AGREE = 1, KIND_FINISH = 2 };

static int exchange(int kind, int status, limen_error *err) {
  hello me, *all = g_hellos;
  memset(&me, 0, sizeof me);
  me.kind = kind;
  me.status = status;
  me.inputs = fnv(1469598103934665603u, g_entries, g_n * sizeof *g_entries);
  if (status && err) me.err = *err;
  limen_error dummy;
  if (!err) err = &dummy;
  MPI_Allgather(&me, (int)sizeof me, MPI_BYTE, all, (int)sizeof me, MPI_BYTE, MPI_COMM_WORLD);
  int st = LIMEN_OK, same = 1;
  for (int r = 1; r < g_size; r++) same &= all[r].inputs == all[0].inputs;
  if (!same && inputs_differ(err)) st = LIMEN_EINVAL; /* the whole lists only when needed */
  for (int r = 0; !st && r < g_size; r++)
    if (all[r].status) {
      *err = all[r].err;
      st = all[r].status;
    } else if (all[r].kind != kind) {
      st = cli_error(err, LIMEN_EINTERNAL, "the MPI ranks are out of step (rank %d)", r);
    }
  if (st) g_over = 1;
  return st;
}

int cli_mpi_finish(int status, limen_error *err) {
  if (!g_active || g_size <= 1 || g_over) return status;
  g_over = 1;
  return exchange(KIND_FINISH, status, err);
}

int cli_mpi_init(int *argc, char ***argv) {
  if (!launched_by_mpi()) return 0;
  if (MPI_Init(argc, argv) != MPI_SUCCESS) {
    fprintf(stderr, "limen: MPI_Init failed\n");
    return 1;
  }
  g_active = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &g_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &g_size);
  if (g_rank != 0) { /* rank 0 speaks for all */
    if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)) return 1;
  }
  g_hellos = malloc((size_t)g_size * sizeof *g_hellos);
  g_counts = malloc(2 * (size_t)g_size * sizeof *g_counts);
  if (!g_hellos || !g_counts) {
    fprintf(stderr, "limen: out of memory starting MPI\n");
    return 1;
  }
  limen_read_hook_set(file_read, NULL);
  return 0;
}

void cli_mpi_finalize(void) {
  free(g_hellos);
  free(g_counts);
  free(g_entries);
  g_hellos = NULL, g_counts = NULL, g_entries = NULL;
  if (g_active) MPI_Finalize();
  g_active = 0;
}

int cli_mpi_rank(void) { return g_rank; }

const char *cli_mpi_library(void) {
  static char line[MPI_MAX_LIBRARY_VERSION_STRING];
  int len = 0;
  MPI_Get_library_version(line, &len);
  line[strcspn(line, ",\n")] = '\0'; /* its first phrase, e.g. "Open MPI v4.1.4" */
  return line;
}

/* Every rank adopts the status and message of the lowest failing rank, if any, after the
 * ranks' inputs are compared (exchange). */
static int agree(void *ctx, int status, limen_error *err) {
  (void)ctx;
  return exchange(KIND_AGREE, status, err);
}

/* Every rank's n doubles, in rank order, into all[] on every rank. */
static int gather(void *ctx, const double *mine, size_t n, double *all, size_t n_all, limen_error *err) {
  (void)ctx;
  if (n > (size_t)INT_MAX || n_all > (size_t)INT_MAX)
    return limen_error_set(err, LIMEN_EINVAL, "simulate", "too many trajectories for MPI");
  int n_local = (int)n, *counts = malloc(2 * (size_t)g_size * sizeof *counts), ok = counts != NULL, all_ok = 0;
  MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (!all_ok) {
    free(counts);
    return limen_error_set(err, LIMEN_ENOMEM, "simulate", "out of memory");
  }
  int *displs = counts + g_size;
  MPI_Allgather(&n_local, 1, MPI_INT, counts, 1, MPI_INT, MPI_COMM_WORLD);
  for (int r = 0, at = 0; r < g_size; at += counts[r++]) displs[r] = at;
  MPI_Allgatherv(mine, n_local, MPI_DOUBLE, all, counts, displs, MPI_DOUBLE, MPI_COMM_WORLD);
  free(counts);
  return LIMEN_OK;
}

static int broadcast(void *ctx, double *values, size_t n, limen_error *err) {
  (void)ctx;
  (void)err;
  MPI_Bcast(values, (int)n, MPI_DOUBLE, 0, MPI_COMM_WORLD);
  return LIMEN_OK;
}

const limen_simulate_comm *cli_mpi_comm(void) {
  static limen_simulate_comm c;
  if (g_size <= 1) return NULL;
  c = (limen_simulate_comm){(size_t)g_rank, (size_t)g_size, NULL, agree, gather, broadcast};
  return &c;
}

/* Every rank's counts[r] bytes, in rank order, into all[] on every rank.  counts is the same on
 * every rank, so a join too large for MPI's int counts is refused by all of them alike. */
static int gather_bytes(void *ctx, const void *mine, size_t n, void *all, const size_t *counts, limen_error *err) {
  (void)ctx;
  size_t total = 0;
  for (int r = 0; r < g_size; r++) total += counts[r];
  if (total > (size_t)INT_MAX || n != counts[g_rank])
    return limen_error_set(err, LIMEN_EINVAL, "MPI", "%zu bytes of results to join: allowed at most %d", total,
                           INT_MAX);
  int *c = malloc(2 * (size_t)g_size * sizeof *c), ok = c != NULL, all_ok = 0;
  MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (!all_ok) {
    free(c);
    return limen_error_set(err, LIMEN_ENOMEM, "MPI", "out of memory");
  }
  for (int r = 0, at = 0; r < g_size; at += c[r++]) c[r] = (int)counts[r], c[g_size + r] = at;
  MPI_Allgatherv(mine, (int)n, MPI_BYTE, all, c, c + g_size, MPI_BYTE, MPI_COMM_WORLD);
  free(c);
  return LIMEN_OK;
}

const limen_spread *cli_mpi_spread(void) {
  static limen_spread s;
  if (g_size <= 1) return NULL;
  s = (limen_spread){(size_t)g_rank, (size_t)g_size, NULL, agree, gather_bytes};
  return &s;
}

#else /* one process */

int cli_mpi_init(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}
void cli_mpi_finalize(void) {}
void cli_mpi_note_options(const char *cmd, const cli_opt *o, size_t n, char **positional, int n_positional) {
  (void)cmd, (void)o, (void)n, (void)positional, (void)n_positional;
}
int cli_mpi_finish(int status, limen_error *err) {
  (void)err;
  return status;
}
int cli_mpi_rank(void) { return 0; }
const char *cli_mpi_library(void) { return NULL; }
const limen_simulate_comm *cli_mpi_comm(void) { return NULL; }
const limen_spread *cli_mpi_spread(void) { return NULL; }
#endif
