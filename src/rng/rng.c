/* SPDX-License-Identifier: GPL-3.0-or-later
 * rng.c: xoshiro256** streams keyed by (seed, index), and their gsl_rng view for GSL's
 * distributions.  Reference: Blackman & Vigna, "Scrambled linear pseudorandom
 * number generators", ACM TOMS 47, 36 (2021); SplitMix64 (Steele, Lea & Flood 2014). */
#include "rng/rng_gsl.h"

static uint64_t splitmix64(uint64_t *z) {
  uint64_t r = (*z += 0x9E3779B97F4A7C15ULL);
  r = (r ^ (r >> 30)) * 0xBF58476D1CE4E5B9ULL;
  r = (r ^ (r >> 27)) * 0x94D049BB133111EBULL;
  return r ^ (r >> 31);
}

void limen_rng_seed(limen_rng *r, uint64_t seed, uint64_t index) {
  uint64_t zi = index;
  uint64_t z = seed ^ splitmix64(&zi);
  /* decorrelate seed and index further: one more round on the combined value */
  z = splitmix64(&z) ^ (index * 0x9E3779B97F4A7C15ULL);
  for (int k = 0; k < 4; k++) r->s[k] = splitmix64(&z);
  if ((r->s[0] | r->s[1] | r->s[2] | r->s[3]) == 0) r->s[0] = 1; /* never all zero */
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t limen_rng_u64(limen_rng *r) {
  uint64_t *s = r->s;
  const uint64_t result = rotl(s[1] * 5, 7) * 9;
  const uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

double limen_rng_uniform(limen_rng *r) { return (double)(limen_rng_u64(r) >> 11) * 0x1.0p-53; }

double limen_rng_uniform_pos(limen_rng *r) {
  return ((double)(limen_rng_u64(r) >> 12) + 0.5) * 0x1.0p-52;
}

/* ---- gsl_rng wrapper ------------------------------------------------------------- */
static void xo_set(void *state, unsigned long seed) { limen_rng_seed(state, seed, 0); }
static unsigned long xo_get(void *state) { return (unsigned long)(limen_rng_u64(state) >> 32); }
static double xo_get_double(void *state) { return limen_rng_uniform(state); }

static const gsl_rng_type xo_type = {"limen-xoshiro256**", 0xFFFFFFFFUL, 0, sizeof(limen_rng),
                                     xo_set, xo_get, xo_get_double};
const gsl_rng_type *const limen_gsl_rng_xoshiro = &xo_type;

gsl_rng limen_rng_gsl(limen_rng *r) {
  gsl_rng g;
  g.type = &xo_type;
  g.state = r;
  return g;
}
