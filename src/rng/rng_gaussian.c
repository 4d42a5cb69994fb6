/* SPDX-License-Identifier: GPL-3.0-or-later
 * rng_gaussian.c: standard normal numbers for the Langevin engine (rng.h): a 256-layer
 * ziggurat (Marsaglia & Tsang, J. Stat. Softw. 5(8), 2000) in Doornik's form (Doornik,
 * "An improved ziggurat method to generate normal random samples", 2005), whose layer
 * index and uniform come from disjoint bits of one 64-bit output.  The scalar draw and its
 * slow path live here; the draw over a block of streams (structure-of-arrays layout), compiled
 * once per instruction set, is rng_block_kernel.c.  All make the same numbers.
 *
 * Layers.  With f(x) = exp(−x²/2) and v = r·f(r) + ∫_r^∞ f, layer 0 is the box
 * [0, X₀] × [0, f(r)] with X₀ = v/f(r) (area v, the part beyond r standing for the tail),
 * X₁ = r, and layer i ≥ 1 is [0, Xᵢ] × [f(Xᵢ), f(Xᵢ₊₁)] with Xᵢ₊₁ = f⁻¹(v/Xᵢ + f(Xᵢ)), so that
 * every layer has area v; X₂₅₆ = 0.  r = 3.6541528853610092 closes the ladder (the top box
 * has area v to 2e-15); it is the root found by GSL's Brent solver, and
 * tests/test_rng.c recomputes r and the table below from this definition.
 *
 * Draw.  From a 64-bit output: layer i = low 8 bits, u = top 52 bits as a uniform number in
 * [−1, 1), x = u·Xᵢ.  |x| < Xᵢ₊₁ lies under f for sure: return x (probability 0.9851, and
 * the only test the block version makes in its vector loop).  Otherwise layer 0 draws from
 * the tail beyond r (Marsaglia 1964) and the other layers test the wedge with exp() and a
 * fresh uniform; a rejection starts over with the stream's next output. */
#include <math.h>
#include <string.h>

#include "rng/rng_internal.h"

#define ZIG_LAYERS LIMEN_ZIG_LAYERS
#define zig_x limen_zig_x

/* X₀ … X₂₅₆ of the ladder (see above), printed with %a. */
const double limen_zig_x[LIMEN_ZIG_LAYERS + 1] = {
    0x1.f493b7815d984p+1, 0x1.d3bb48209ad34p+1, 0x1.b981f3878fdb1p+1, 0x1.a8fdc7894775ap+1,
    0x1.9cbee014057acp+1, 0x1.92ee0946f4497p+1, 0x1.8ab0fbfaa7c15p+1, 0x1.839030529f234p+1,
    0x1.7d42df4d6ce8cp+1, 0x1.7799556090673p+1, 0x1.72728f05f7a34p+1, 0x1.6db6b8d09e232p+1,
    0x1.69540be9fe5c3p+1, 0x1.653ce7b006aebp+1, 0x1.61669cf861e4dp+1, 0x1.5dc8a243ad1p+1,
    0x1.5a5c08b718ddcp+1, 0x1.571b1a94ae41ep+1, 0x1.54011523a7e45p+1, 0x1.5109f53e9ac44p+1,
    0x1.4e3250dcd8905p+1, 0x1.4b7739d6b5a2ap+1, 0x1.48d62759c43bep+1, 0x1.464ce44a73a17p+1,
    0x1.43d9815545e95p+1, 0x1.417a49cb9e5dbp+1, 0x1.3f2dbaa60f475p+1, 0x1.3cf27b31704a6p+1,
    0x1.3ac7570ae88fap+1, 0x1.38ab39256410ap+1, 0x1.369d27a33a84p+1, 0x1.349c405ae12a3p+1,
    0x1.32a7b5e68a4a3p+1, 0x1.30becd256aeeep+1, 0x1.2ee0db1a978f5p+1, 0x1.2d0d43196db97p+1,
    0x1.2b437532a0a52p+1, 0x1.2982ecd770e78p+1, 0x1.27cb2faa8592ep+1, 0x1.261bcc77658ep+1,
    0x1.24745a4ac9c24p+1, 0x1.22d477a6fd3efp+1, 0x1.213bc9d04cc82p+1, 0x1.1fa9fc2e2d901p+1,
    0x1.1e1ebfbe4ae39p+1, 0x1.1c99ca971a694p+1, 0x1.1b1ad777f2f8ep+1, 0x1.19a1a564eebacp+1,
    0x1.182df74d21261p+1, 0x1.16bf93b9deef3p+1, 0x1.1556448602e3bp+1, 0x1.13f1d69c4096dp+1,
    0x1.129219bbb5d35p+1, 0x1.1136e04207041p+1, 0x1.0fdffefa69fb6p+1, 0x1.0e8d4cf116593p+1,
    0x1.0d3ea34aa3d3p+1, 0x1.0bf3dd1eed448p+1, 0x1.0aacd7571c0c4p+1, 0x1.0969708e8a254p+1,
    0x1.082988f632e17p+1, 0x1.06ed023a72668p+1, 0x1.05b3bf6adb37ep+1, 0x1.047da4e3ef5c7p+1,
    0x1.034a983a902abp+1, 0x1.021a8028fc947p+1, 0x1.00ed447d3a075p+1, 0x1.ff859c118f60bp+0,
    0x1.fd360d22fe785p+0, 0x1.faebb187122bfp+0, 0x1.f8a6604899782p+0, 0x1.f665f20c90168p+0,
    0x1.f42a40fb74d6dp+0, 0x1.f1f328ac25321p+0, 0x1.efc086101eca9p+0, 0x1.ed9237610a73ap+0,
    0x1.eb681c0f76f08p+0, 0x1.e94214b2abf0ap+0, 0x1.e72002f97fe25p+0, 0x1.e501c99c1d188p+0,
    0x1.e2e74c4ea46f6p+0, 0x1.e0d06fb49d21cp+0, 0x1.debd195522e37p+0, 0x1.dcad2f8fc490fp+0,
    0x1.daa0999206e71p+0, 0x1.d8973f4d7fba7p+0, 0x1.d691096e7f125p+0, 0x1.d48de1533c64ap+0,
    0x1.d28db1037ef23p+0, 0x1.d0906328b8f71p+0, 0x1.ce95e3068e03ap+0, 0x1.cc9e1c73bd692p+0,
    0x1.caa8fbd36a2adp+0, 0x1.c8b66e0eba619p+0, 0x1.c6c6608ec8708p+0, 0x1.c4d8c136e0d1fp+0,
    0x1.c2ed7e5f07a2fp+0, 0x1.c10486cec16a2p+0, 0x1.bf1dc9b81ae84p+0, 0x1.bd3936b2ec0a4p+0,
    0x1.bb56bdb85257p+0, 0x1.b9764f1e5f73fp+0, 0x1.b797db93f892bp+0, 0x1.b5bb541ce3d07p+0,
    0x1.b3e0aa0e00c04p+0, 0x1.b207cf09a985fp+0, 0x1.b030b4fc3a11fp+0, 0x1.ae5b4e18bb33bp+0,
    0x1.ac878cd5af5d2p+0, 0x1.aab563e9ff10dp+0, 0x1.a8e4c64a03142p+0, 0x1.a715a724aa9aap+0,
    0x1.a547f9e0bbb8ep+0, 0x1.a37bb21a2c862p+0, 0x1.a1b0c39f93699p+0, 0x1.9fe7226fad251p+0,
    0x1.9e1ec2b6f7417p+0, 0x1.9c5798cd5d931p+0, 0x1.9a919933f99c4p+0, 0x1.98ccb892e2a36p+0,
    0x1.9708ebb70d5f3p+0, 0x1.954627903a28fp+0, 0x1.9384612ef0b02p+0, 0x1.91c38dc28834dp+0,
    0x1.9003a2973b595p+0, 0x1.8e44951446a2cp+0, 0x1.8c865aba10ca1p+0, 0x1.8ac8e9205c049p+0,
    0x1.890c35f47f733p+0, 0x1.875036f7a7ecbp+0, 0x1.8594e1fd1f5c3p+0, 0x1.83da2ce899f1bp+0,
    0x1.82200dac8867dp+0, 0x1.80667a486ea25p+0, 0x1.7ead68c73deeep+0, 0x1.7cf4cf3db2303p+0,
    0x1.7b3ca3c8b1411p+0, 0x1.7984dc8babd9ap+0, 0x1.77cd6faeff45p+0, 0x1.7616535e57326p+0,
    0x1.745f7dc70eee3p+0, 0x1.72a8e516914cdp+0, 0x1.70f27f78b68f2p+0, 0x1.6f3c43161f85bp+0,
    0x1.6d8626128d359p+0, 0x1.6bd01e8b343c3p+0, 0x1.6a1a22950b2b9p+0, 0x1.6864283b1313fp+0,
    0x1.66ae257c9967ap+0, 0x1.64f8104b72613p+0, 0x1.6341de8a2b0a9p+0, 0x1.618b860a31fcap+0,
    0x1.5fd4fc89f5e3ep+0, 0x1.5e1e37b2f8cd9p+0, 0x1.5c672d17d7344p+0, 0x1.5aafd23241b5fp+0,
    0x1.58f81c60e851ap+0, 0x1.574000e555f7ep+0, 0x1.558774e1bb2cdp+0, 0x1.53ce6d56a6655p+0,
    0x1.5214df20a8b6p+0, 0x1.505abef5e5567p+0, 0x1.4ea001638a60ap+0, 0x1.4ce49acb311e1p+0,
    0x1.4b287f6024162p+0, 0x1.496ba32488f34p+0, 0x1.47adf9e66c33cp+0, 0x1.45ef773cac763p+0,
    0x1.44300e83c30aap+0, 0x1.426fb2da67463p+0, 0x1.40ae571e09e7ap+0, 0x1.3eebede725a89p+0,
    0x1.3d28698561de7p+0, 0x1.3b63bbfb83d09p+0, 0x1.399dd6fb2b26ap+0, 0x1.37d6abe05587p+0,
    0x1.360e2baca52dbp+0, 0x1.3444470265ea8p+0, 0x1.3278ee1f4b937p+0, 0x1.30ac10d6e48ddp+0,
    0x1.2edd9e8cba994p+0, 0x1.2d0d862e1b859p+0, 0x1.2b3bb62b82eep+0, 0x1.29681c719d721p+0,
    0x1.2792a661dd386p+0, 0x1.25bb40ca96c03p+0, 0x1.23e1d7de9c326p+0, 0x1.2206572c4c6f1p+0,
    0x1.2028a9940a0a8p+0, 0x1.1e48b93e0d436p+0, 0x1.1c666f8f82ad4p+0, 0x1.1a81b51ee6d91p+0,
    0x1.189a71a78da3dp+0, 0x1.16b08bfc42027p+0, 0x1.14c3e9f8e914ap+0, 0x1.12d4707310fc7p+0,
    0x1.10e20329515f7p+0, 0x1.0eec84b160875p+0, 0x1.0cf3d664bcc89p+0, 0x1.0af7d84bc611dp+0,
    0x1.08f869071f416p+0, 0x1.06f565b72a01cp+0, 0x1.04eea9e16a607p+0, 0x1.02e40f5398fa4p+0,
    0x1.00d56e04234f6p+0, 0x1.fd8537dfa2ecp-1, 0x1.f956d9e87d7c2p-1, 0x1.f51f654d8f69bp-1,
    0x1.f0de784f06239p-1, 0x1.ec93abdf982e1p-1, 0x1.e83e9337a6f14p-1, 0x1.e3debb5d2ee12p-1,
    0x1.df73aa9f17666p-1, 0x1.dafce0023b8d7p-1, 0x1.d679d29e41f24p-1, 0x1.d1e9f0e80b75cp-1,
    0x1.cd4c9fe72269fp-1, 0x1.c8a13a5323b77p-1, 0x1.c3e70f9594f09p-1, 0x1.bf1d62abf8249p-1,
    0x1.ba4368e529f52p-1, 0x1.b558487427a41p-1, 0x1.b05b16d136cb4p-1, 0x1.ab4ad6e101649p-1,
    0x1.a62676d77cd72p-1, 0x1.a0eccdca4a746p-1, 0x1.9b9c98e38c562p-1, 0x1.96347822c1f06p-1,
    0x1.90b2ea94ecfb4p-1, 0x1.8b1649e7b76b5p-1, 0x1.855cc53430a94p-1, 0x1.7f845ad46f561p-1,
    0x1.798ad10b32a96p-1, 0x1.736dad346f8c7p-1, 0x1.6d2a29200059p-1, 0x1.66bd261a37c5fp-1,
    0x1.60231cfd97f0dp-1, 0x1.59580a707ceb9p-1, 0x1.52575621ad397p-1, 0x1.4b1bb363dfecdp-1,
    0x1.439ef8dff9b7bp-1, 0x1.3bd9ec1a2b156p-1, 0x1.33c3fc057921cp-1, 0x1.2b52e3863d8aap-1,
    0x1.227a28f7a1b22p-1, 0x1.192a6974136a8p-1, 0x1.0f5053b025d77p-1, 0x1.04d32278ebbe5p-1,
    0x1.f32482d4cd63bp-2, 0x1.dac2f5a7472f6p-2, 0x1.c004d2f386289p-2, 0x1.a230c2e4cd161p-2,
    0x1.801fce82fa7c9p-2, 0x1.57cb938443c44p-2, 0x1.250af3c2c5cdep-2, 0x1.b8d0be3fdfa7cp-3,
    0x0p+0
};

/* Everything after a failed quick test of output w (rare). */
double limen_zig_slow(limen_rng *r, uint64_t w) {
  const double rr = zig_x[1];
  for (;;) {
    const unsigned i = (unsigned)(w & (ZIG_LAYERS - 1));
    const double u = limen_zig_uniform(w), x = u * zig_x[i];
    if (fabs(x) < zig_x[i + 1]) return x;
    if (i == 0) { /* tail beyond r: Marsaglia (1964) */
      double t, y;
      do {
        t = -log(limen_rng_uniform_pos(r)) / rr;
        y = -log(limen_rng_uniform_pos(r));
      } while (y + y < t * t);
      return u < 0.0 ? -(rr + t) : rr + t;
    }
    /* wedge: a height uniform in [f(Xᵢ), f(Xᵢ₊₁)], relative to f(x) */
    const double x2 = x * x;
    const double f0 = exp(-0.5 * (zig_x[i] * zig_x[i] - x2));
    const double f1 = exp(-0.5 * (zig_x[i + 1] * zig_x[i + 1] - x2));
    if (f0 + limen_rng_uniform(r) * (f1 - f0) < 1.0) return x;
    w = limen_rng_u64(r);
  }
}

double limen_rng_gaussian(limen_rng *r) {
  const uint64_t w = limen_rng_u64(r);
  const unsigned i = (unsigned)(w & (ZIG_LAYERS - 1));
  const double x = limen_zig_uniform(w) * zig_x[i];
  if (fabs(x) < zig_x[i + 1]) return x;
  return limen_zig_slow(r, w);
}

void limen_rng_block_seed(limen_rng_block *b, uint64_t seed, uint64_t first) {
  for (size_t i = 0; i < LIMEN_RNG_BLOCK; i++) {
    limen_rng r;
    limen_rng_seed(&r, seed, first + i);
    limen_rng_block_put(b, i, &r);
  }
}

void limen_rng_block_get(const limen_rng_block *b, size_t i, limen_rng *r) {
  for (int k = 0; k < 4; k++) r->s[k] = b->s[k][i];
}

void limen_rng_block_put(limen_rng_block *b, size_t i, const limen_rng *r) {
  for (int k = 0; k < 4; k++) b->s[k][i] = r->s[k];
}
