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
 * the tail beyond r (Marsaglia 1964) and the other layers test the wedge with a fresh uniform
 * (a chord-and-tangent squeeze first, exp() only where it cannot decide: the same decisions);
 * a rejection starts over with the stream's next output. */
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

/* f(Xᵢ) = exp(−Xᵢ²/2) for X₀ … X₂₅₆, printed with %a (tests/test_rng.c recomputes them). */
const double limen_zig_f[LIMEN_ZIG_LAYERS + 1] = {
    0x1.f4a946f138416p-12, 0x1.4a605b6b9f704p-10, 0x1.55f9f43c1b067p-9, 0x1.08a1f03b0b1fdp-8,
    0x1.69ea8d90cb857p-8, 0x1.ce160f8ec6830p-8, 0x1.1a59229952f8ep-7, 0x1.4eb96421acfe0p-7,
    0x1.841040d8da478p-7, 0x1.ba48d274f8facp-7, 0x1.f152a4f72dd49p-7, 0x1.1490334603012p-6,
    0x1.30d388dab5e13p-6, 0x1.4d6eaf2fbb05cp-6, 0x1.6a5daf40bbf79p-6, 0x1.879d1b600c0fap-6,
    0x1.a529f4e22ebddp-6, 0x1.c301983cd08fdp-6, 0x1.e121adb828c57p-6, 0x1.ff881d718a5a4p-6,
    0x1.0f1982e968000p-5, 0x1.1e9059f1f6aadp-5, 0x1.2e27ce83df48bp-5, 0x1.3ddf2ce98eebfp-5,
    0x1.4db5d0e112757p-5, 0x1.5dab23cf2adcfp-5, 0x1.6dbe9b398d064p-5, 0x1.7defb77af271ep-5,
    0x1.8e3e02a68b5abp-5, 0x1.9ea90f9295563p-5, 0x1.af30790385f70p-5, 0x1.bfd3e0f282a2cp-5,
    0x1.d092efeadf162p-5, 0x1.e16d547b25181p-5, 0x1.f262c2b6c6e35p-5, 0x1.01b979e30e497p-4,
    0x1.0a4ed2c159625p-4, 0x1.12f14d0f2179dp-4, 0x1.1ba0cbe97897dp-4, 0x1.245d344dd0d91p-4,
    0x1.2d266cf9b3111p-4, 0x1.35fc5e4d93e6bp-4, 0x1.3edef23269a81p-4, 0x1.47ce1401b2213p-4,
    0x1.50c9b06fa2baep-4, 0x1.59d1b577466a4p-4, 0x1.62e6124854d18p-4, 0x1.6c06b73694a4cp-4,
    0x1.753395aaa1176p-4, 0x1.7e6ca013eefd6p-4, 0x1.87b1c9dbf2852p-4, 0x1.9103075a4a0abp-4,
    0x1.9a604dc9d5b19p-4, 0x1.a3c9933ea6286p-4, 0x1.ad3ece9caf633p-4, 0x1.b6bff78f2e233p-4,
    0x1.c04d0680b1015p-4, 0x1.c9e5f493b740ap-4, 0x1.d38abb9bd91e5p-4, 0x1.dd3b56176e88fp-4,
    0x1.e6f7bf29aa54bp-4, 0x1.f0bff29520e1cp-4, 0x1.fa93ecb6b222cp-4, 0x1.0239d54067d2ap-3,
    0x1.072f94bb8bf85p-3, 0x1.0c2b33d5209bap-3, 0x1.112cb1da26eb9p-3, 0x1.16340e5a82d63p-3,
    0x1.1b41492757d42p-3, 0x1.2054625183c34p-3, 0x1.256d5a2835eb7p-3, 0x1.2a8c3137a071ap-3,
    0x1.2fb0e847c2a65p-3, 0x1.34db805b4ab88p-3, 0x1.3a0bfaae8d7eep-3, 0x1.3f4258b6931aep-3,
    0x1.447e9c20375d5p-3, 0x1.49c0c6cf5ce2dp-3, 0x1.4f08dade31fc1p-3, 0x1.5456da9c86835p-3,
    0x1.59aac88f31d6cp-3, 0x1.5f04a76f883f9p-3, 0x1.64647a2adf19cp-3, 0x1.69ca43e21f259p-3,
    0x1.6f3607e964713p-3, 0x1.74a7c9c7ab5a1p-3, 0x1.7a1f8d368a31dp-3, 0x1.7f9d5621f716cp-3,
    0x1.852128a819a31p-3, 0x1.8aab091928152p-3, 0x1.903afbf74fa62p-3, 0x1.95d105f6a7c20p-3,
    0x1.9b6d2bfd2fe55p-3, 0x1.a10f7322d7e36p-3, 0x1.a6b7e0b192674p-3, 0x1.ac667a25717ffp-3,
    0x1.b21b452ccd135p-3, 0x1.b7d647a8731a5p-3, 0x1.bd9787abe189dp-3, 0x1.c35f0b7d89d3fp-3,
    0x1.c92cd9971df4bp-3, 0x1.cf00f8a5e6fc1p-3, 0x1.d4db6f8b25142p-3, 0x1.dabc455c78ffdp-3,
    0x1.e0a3816457177p-3, 0x1.e6912b2283cd0p-3, 0x1.ec854a4c99c32p-3, 0x1.f27fe6ce998c3p-3,
    0x1.f88108cb83227p-3, 0x1.fe88b89df93b3p-3, 0x1.024b7f6c77475p-2, 0x1.0555f2242e9cfp-2,
    0x1.0863b8f90432bp-2, 0x1.0b74d88b242cep-2, 0x1.0e895598709b7p-2, 0x1.11a134fcf2417p-2,
    0x1.14bc7bb34ee5ep-2, 0x1.17db2ed5454dfp-2, 0x1.1afd539c2f047p-2, 0x1.1e22ef618810dp-2,
    0x1.214c079f7cc95p-2, 0x1.2478a1f17de7fp-2, 0x1.27a8c414db113p-2, 0x1.2adc73e963fd2p-2,
    0x1.2e13b7721075cp-2, 0x1.314e94d5af626p-2, 0x1.348d125f9d194p-2, 0x1.37cf36808136ep-2,
    0x1.3b1507cf143a3p-2, 0x1.3e5e8d08ed2d0p-2, 0x1.41abcd1357a0dp-2, 0x1.44fccefc324f1p-2,
    0x1.485199fad6ac8p-2, 0x1.4baa357109c96p-2, 0x1.4f06a8ebf6d83p-2, 0x1.5266fc2533bdep-2,
    0x1.55cb3703d00f0p-2, 0x1.5933619d6eeb1p-2, 0x1.5c9f84376c235p-2, 0x1.600fa7480d2bap-2,
    0x1.6383d377be507p-2, 0x1.66fc11a25cbd4p-2, 0x1.6a786ad88de12p-2, 0x1.6df8e86124c9cp-2,
    0x1.717d93ba9613dp-2, 0x1.7506769c7b1dcp-2, 0x1.78939af9252dap-2, 0x1.7c250aff4149fp-2,
    0x1.7fbad11b8d900p-2, 0x1.8354f7faa0dc9p-2, 0x1.86f38a8ac5aa7p-2, 0x1.8a9693fde917ap-2,
    0x1.8e3e1fcb9f108p-2, 0x1.91ea39b33cb09p-2, 0x1.959aedbe09f84p-2, 0x1.995048418c0b9p-2,
    0x1.9d0a55e1e93d2p-2, 0x1.a0c9239468431p-2, 0x1.a48cbea20c042p-2, 0x1.a85534aa4d873p-2,
    0x1.ac2293a5f5a91p-2, 0x1.aff4e9ea18547p-2, 0x1.b3cc462b331bep-2, 0x1.b7a8b78071310p-2,
    0x1.bb8a4d6716d86p-2, 0x1.bf7117c616a0bp-2, 0x1.c35d26f1d2cabp-2, 0x1.c74e8bb00d7b9p-2,
    0x1.cb45573c0a83ap-2, 0x1.cf419b4ae5b60p-2, 0x1.d3436a1021072p-2, 0x1.d74ad6426de25p-2,
    0x1.db57f320b56a2p-2, 0x1.df6ad477639fbp-2, 0x1.e3838ea5f9b77p-2, 0x1.e7a236a4ec3b8p-2,
    0x1.ebc6e20bd1f46p-2, 0x1.eff1a717e8f85p-2, 0x1.f4229cb2f7ae4p-2, 0x1.f859da7a900bcp-2,
    0x1.fc9778c7bbd93p-2, 0x1.006dc85b8cabdp-1, 0x1.02931e18b8223p-1, 0x1.04bbcafa63f26p-1,
    0x1.06e7dccf03c2dp-1, 0x1.091761d995d78p-1, 0x1.0b4a68d70d9a5p-1, 0x1.0d81010414296p-1,
    0x1.0fbb3a2325909p-1, 0x1.11f9248311f2ep-1, 0x1.143ad105ea991p-1, 0x1.16805128639cfp-1,
    0x1.18c9b709b3c45p-1, 0x1.1b171573fd106p-1, 0x1.1d687fe54995ep-1, 0x1.1fbe0a9929616p-1,
    0x1.2217ca92ff7e6p-1, 0x1.2475d5a90db78p-1, 0x1.26d84290504e1p-1, 0x1.293f28e93cd09p-1,
    0x1.2baaa14d7953cp-1, 0x1.2e1ac55ea3be0p-1, 0x1.308fafd6438e2p-1, 0x1.33097c9703a29p-1,
    0x1.358848bf550ddp-1, 0x1.380c32bda00c9p-1, 0x1.3a955a662cd02p-1, 0x1.3d23e10af3197p-1,
    0x1.3fb7e99585b76p-1, 0x1.425198a355fd7p-1, 0x1.44f114a49366dp-1, 0x1.479685fdf5006p-1,
    0x1.4a42172dc526cp-1, 0x1.4cf3f4f494eb4p-1, 0x1.4fac4e820b65bp-1, 0x1.526b55a656cc9p-1,
    0x1.55313f08d9e3ap-1, 0x1.57fe4264c8d82p-1, 0x1.5ad29acc85c7bp-1, 0x1.5dae86f4aff5cp-1,
    0x1.6092498802657p-1, 0x1.637e298550c0ap-1, 0x1.667272a92e315p-1, 0x1.696f75e513b1bp-1,
    0x1.6c7589e635a7ap-1, 0x1.6f850baea7adfp-1, 0x1.729e5f43f6d02p-1, 0x1.75c1f0770d846p-1,
    0x1.78f033ca0b0c5p-1, 0x1.7c29a779c6848p-1, 0x1.7f6ed4b20e2bbp-1, 0x1.82c050f56cf5dp-1,
    0x1.861ebfc37bc9ap-1, 0x1.898ad48badef0p-1, 0x1.8d0554fe60a96p-1, 0x1.908f1bd31713cp-1,
    0x1.94291c21b7a34p-1, 0x1.97d4657617aaep-1, 0x1.9b9228d24066ep-1, 0x1.9f63bee651fc4p-1,
    0x1.a34aafdf5aefbp-1, 0x1.a748bd550c9cdp-1, 0x1.ab5fef17a24f0p-1, 0x1.af92a3f6ce88dp-1,
    0x1.b3e3a8234dcfap-1, 0x1.b85653a8ff53bp-1, 0x1.bceeb4ee1dc6ap-1, 0x1.c1b1cd9eebad1p-1,
    0x1.c6a5ecea97865p-1, 0x1.cbd33a8a72dd0p-1, 0x1.d144978a119bfp-1, 0x1.d70920657bcd3p-1,
    0x1.dd36fa704de74p-1, 0x1.e3f11e027f053p-1, 0x1.eb7545b6ca8ecp-1, 0x1.f446ac979f055p-1,
    0x1.0000000000000p+0
};

/* The wedge test as the floating-point comparison that defines the stream: the height
 * f(Xᵢ) + u·(f(Xᵢ₊₁) − f(Xᵢ)) against f(x), both relative to f(x). */
static int wedge_exact(unsigned i, double x, double u) {
  const double x2 = x * x;
  const double f0 = exp(-0.5 * (zig_x[i] * zig_x[i] - x2));
  const double f1 = exp(-0.5 * (zig_x[i + 1] * zig_x[i + 1] - x2));
  return f0 + u * (f1 - f0) < 1.0;
}

/* The squeeze (limen_zig_squeeze, rng_internal.h) first, exp() where it cannot decide. */
int limen_zig_wedge_accept(unsigned i, double x, double u) {
  const int d = limen_zig_squeeze(i, x, u);
  return d >= 0 ? d : wedge_exact(i, x, u);
}

/* The rest of a draw whose output w failed the quick test, when the stream's next output
 * `next` has already been taken from r: the tail's first uniform or the wedge's uniform, as
 * limen_zig_slow would take it; a rejected wedge point starts a new draw from r. */
double limen_zig_slow_after(limen_rng *r, uint64_t w, uint64_t next) {
  const unsigned i = (unsigned)(w & (ZIG_LAYERS - 1));
  const double u = limen_zig_uniform(w), x = u * zig_x[i];
  if (i == 0) { /* tail beyond r: Marsaglia (1964) */
    const double rr = zig_x[1];
    double t = -log(((double)(next >> 12) + 0.5) * 0x1.0p-52) / rr; /* limen_rng_uniform_pos */
    double y = -log(limen_rng_uniform_pos(r));
    while (y + y < t * t) {
      t = -log(limen_rng_uniform_pos(r)) / rr;
      y = -log(limen_rng_uniform_pos(r));
    }
    return u < 0.0 ? -(rr + t) : rr + t;
  }
  /* wedge: a height uniform in [f(Xᵢ), f(Xᵢ₊₁)] under f(x)? (limen_rng_uniform of next) */
  if (limen_zig_wedge_accept(i, x, (double)(next >> 11) * 0x1.0p-53)) return x;
  return limen_rng_gaussian(r);
}

/* Everything after a failed quick test of output w (rare). */
double limen_zig_slow(limen_rng *r, uint64_t w) {
  const unsigned i = (unsigned)(w & (ZIG_LAYERS - 1));
  const double x = limen_zig_uniform(w) * zig_x[i];
  if (fabs(x) < zig_x[i + 1]) return x;
  return limen_zig_slow_after(r, w, limen_rng_u64(r));
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
