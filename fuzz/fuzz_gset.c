/* SPDX-License-Identifier: GPL-3.0-or-later
 * fuzz_gset: the bytes as a G-set graph file (maxcut.h; data/gset/) to limen_graph_read_gset,
 * through an in-memory file.  An accepted graph: n >= 1 vertices and m edges as its header
 * says, every edge between two different vertices below n with a finite weight, the adjacency
 * (CSR) consistent with the edge list (offsets increasing to 2m, each edge listed at both ends
 * with its weight), the total weight the sum of the edges' and the cut of the all-equal spins 0.
 * A refused input: a LIMEN_E* status with a message and no graph.
 * The reader allows n and m up to 1e8, which a header of 12 bytes asks for; such a graph is
 * gigabytes of memory, beyond libFuzzer's limit, so this target feeds only files whose first
 * two numbers are below 1e5 (the parser sees every other text unchanged). */
#include "fuzz_common.h"

#include <math.h>

#include "limen/maxcut.h"

/* The first two whitespace-separated numbers of the text are below 1e5 (or absent). */
static int small_header(const uint8_t *data, size_t size) {
  char buf[256];
  size_t n = size < sizeof buf - 1 ? size : sizeof buf - 1;
  memcpy(buf, data, n);
  buf[n] = '\0';
  const char *p = buf;
  for (int k = 0; k < 2; k++) {
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') p++;
    char *end = NULL;
    double x = strtod(p, &end);
    if (end == p) return 1;
    if (!(fabs(x) < 1e5)) return 0;
    p = end;
  }
  return 1;
}

static void check_graph(const limen_graph *g) {
  FUZZ_CHECK(g->n >= 1);
  double total = 0;
  size_t *seen = calloc(g->n, sizeof *seen);
  if (!seen) return;
  for (size_t e = 0; e < g->m; e++) {
    FUZZ_CHECK(g->ei[e] < g->n && g->ej[e] < g->n && g->ei[e] != g->ej[e]);
    FUZZ_CHECK(isfinite(g->ew[e]));
    total += g->ew[e];
    seen[g->ei[e]]++;
    seen[g->ej[e]]++;
  }
  FUZZ_CHECK(fuzz_same_bits(total, g->total_weight) || total == g->total_weight);
  FUZZ_CHECK(g->adj_start[0] == 0 && g->adj_start[g->n] == 2 * g->m);
  for (size_t i = 0; i < g->n; i++) {
    FUZZ_CHECK(g->adj_start[i + 1] - g->adj_start[i] == seen[i]);
    for (size_t a = g->adj_start[i]; a < g->adj_start[i + 1]; a++) FUZZ_CHECK(g->adj[a] < g->n && g->adj[a] != i);
  }
  free(seen);
  /* every edge at both ends */
  for (size_t e = 0; e < g->m && e < 64; e++) {
    for (int end = 0; end < 2; end++) {
      size_t u = end ? g->ej[e] : g->ei[e], v = end ? g->ei[e] : g->ej[e];
      int found = 0;
      for (size_t a = g->adj_start[u]; a < g->adj_start[u + 1] && !found; a++)
        found = g->adj[a] == v && fuzz_same_bits(g->adj_w[a], g->ew[e]);
      FUZZ_CHECK(found);
    }
  }
  int *s = malloc(g->n * sizeof *s);
  if (!s) return;
  for (size_t i = 0; i < g->n; i++) s[i] = 1;
  FUZZ_CHECK(limen_maxcut_value(g, s) == 0);
  free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!small_header(data, size)) return -1; /* not added to the corpus */
  char path[64];
  int fd = fuzz_file(data, size, path);
  if (fd < 0) return 0;
  limen_error err;
  limen_graph *g = NULL;
  fuzz_quiet_begin();
  int rc = limen_graph_read_gset(path, &g, &err);
  if (rc == LIMEN_OK) {
    FUZZ_CHECK(g != NULL);
    check_graph(g);
  } else {
    fuzz_failure(rc, &err);
    FUZZ_CHECK(g == NULL);
  }
  fuzz_quiet_end();
  limen_graph_free(g);
  close(fd);
  return 0;
}
