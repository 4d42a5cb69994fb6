/* SPDX-License-Identifier: GPL-3.0-or-later
 * protocol.h: protocols λ(t) — piecewise schedules of the control vector (barrier, tilt,
 * trap position, stiffness, path) over [0, τ] that drive a potential of potential.h.
 *
 * A protocol is
 *   initial   λ(0⁻): the ensemble starts in equilibrium (see initial_region) in U(·, initial);
 *   segments  k = 0 … n−1 of durations d_k > 0 covering [0, τ], τ = Σ d_k; on segment k,
 *             λ goes from `start` (just after it begins) to `end` (just before it ends)
 *             with the given shape;
 *   final     λ(τ⁺), applied as a jump after the last segment.
 * Wherever two consecutive values differ (initial → segments[0].start, segments[k].end →
 * segments[k+1].start, segments[n−1].end → final) the control jumps: an instantaneous change
 * of λ at fixed x, whose work is U(x, after) − U(x, before) and which releases no heat.
 *
 * Units as in potential.h (energies kT, lengths a, time τ₀).
 *
 * JSON format (limen_protocol_from_json / _to_json):
 *   {
 *     "name": "my-erasure",                          optional, ≤ 63 characters
 *     "description": "...",                          optional free text (not kept)
 *     "kind": "erasure",                             optional: the ready-made protocol it
 *                                                    came from (written by _to_json)
 *     "args": {"duration": 50, ...},                 optional: that protocol's arguments
 *                                                    (limen_protocol_args field names)
 *     "potential": {"type": "quartic"},              "quartic" | "harmonic" |
 *                   {"type": "washboard", "levels": 8} |
 *                   {"type": "transport", "barrier_kT": 8, "success": 0.99, "duration": 10}
 *     "initial": {"barrier": 8, "tilt": 0},          components: barrier, tilt, center,
 *                                                    stiffness, path; omitted ones are 0
 *                                                    (stiffness 1, path −1)
 *     "segments": [                                  at least one
 *       {"duration": 1, "shape": "linear", "start": {...}, "end": {"barrier": 1}}, ...
 *     ],                                             "shape": "linear" (default) | "hold" |
 *                                                    "cosine"; "start" omitted or partial:
 *                                                    the missing components continue the
 *                                                    previous value (no jump); "end"
 *                                                    omitted or partial: missing components
 *                                                    equal "start"
 *     "final": {...},                                optional, partial: continues the end
 *                                                    of the last segment
 *     "initial_region": [-1e300, 0],                 optional [lo, hi]; null = unbounded
 *     "target_region": [null, 0]                     optional [lo, hi]; null = unbounded
 *   }
 * Parsing is strict: an unknown field, a value of the wrong JSON type (LIMEN_EPARSE) or a
 * value out of range (LIMEN_EINVAL) is an error whose message names the field path, e.g.
 *   "segments[2].end.stiffness = -1: allowed range (0, inf)".
 */
#ifndef LIMEN_PROTOCOL_H
#define LIMEN_PROTOCOL_H

#include <stddef.h>

#include "limen/common.h"
#include "limen/input.h"
#include "limen/potential.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Interpolation inside a segment, s = (t − t_k)/d_k ∈ [0, 1]:
 *   LINEAR  λ = start + s·(end − start)
 *   HOLD    λ = start for the whole segment (end is ignored and set equal to start)
 *   COSINE  λ = start + (1 − cos πs)/2·(end − start)   (smooth ramp, zero slope at both ends) */
typedef enum {
  LIMEN_SHAPE_LINEAR = 0,
  LIMEN_SHAPE_HOLD = 1,
  LIMEN_SHAPE_COSINE = 2
} limen_segment_shape;

typedef struct limen_protocol_segment {
  double duration;          /* d_k > 0, in τ₀ */
  limen_segment_shape shape;
  limen_control start;      /* λ just after the segment begins */
  limen_control end;        /* λ just before it ends            */
} limen_protocol_segment;

/* Parameters of the ready-made protocols (limen_protocol_library).  One struct for all;
 * each protocol reads its own fields; limen_protocol_args_default fills the defaults. */
typedef struct limen_protocol_args {
  double duration;        /* τ (τ₀), every protocol                                     */
  double barrier_kT;      /* E_b: erasure/modulated/transport: the cell's (high) barrier;
                             static write: E_ret; hopping: washboard barrier             */
  double barrier_low_kT;  /* erasure, modulated write: the lowered barrier               */
  double tilt_kT;         /* erasure, modulated, static write, hopping: |f| applied       */
  int bit;                /* erasure/modulated write: target bit, 0 → x < 0, 1 → x > 0;
                             static write: the bit written (starts in the other well)     */
  double success;         /* transport erasure: target P_s ∈ [0.5, 1)                      */
  int levels;             /* hopping: washboard levels M                                   */
  int start_level;        /* hopping: the level the cell starts in                        */
  int hop_levels;         /* hopping: m, levels to move (net, > 0 towards +x)             */
  double stiffness;       /* trap: k; stiffness change: k_i                               */
  double stiffness_final; /* stiffness change: k_f                                        */
  double distance;        /* trap translation: λ_f (the trap moves from 0 to λ_f)         */
  double ramp_fraction;   /* static write / hopping: fraction of τ for each of the tilt-on
                             and tilt-off ramps (0 → jumps)                                */
} limen_protocol_args;

/* The fields of limen_protocol_args, one bit each in the masks of limen_protocol_args_used
 * (bit LIMEN_PROTOCOL_ARG_MASK(field)); limen_protocol_arg_name gives the field's name as
 * spelled in the struct and in the JSON "args" object ("duration", "barrier_kT", ...). */
typedef enum {
  LIMEN_PROTOCOL_ARG_DURATION = 0,    /* duration        */
  LIMEN_PROTOCOL_ARG_BARRIER,         /* barrier_kT      */
  LIMEN_PROTOCOL_ARG_BARRIER_LOW,     /* barrier_low_kT  */
  LIMEN_PROTOCOL_ARG_TILT,            /* tilt_kT         */
  LIMEN_PROTOCOL_ARG_BIT,             /* bit             */
  LIMEN_PROTOCOL_ARG_SUCCESS,         /* success         */
  LIMEN_PROTOCOL_ARG_LEVELS,          /* levels          */
  LIMEN_PROTOCOL_ARG_START_LEVEL,     /* start_level     */
  LIMEN_PROTOCOL_ARG_HOP_LEVELS,      /* hop_levels      */
  LIMEN_PROTOCOL_ARG_STIFFNESS,       /* stiffness       */
  LIMEN_PROTOCOL_ARG_STIFFNESS_FINAL, /* stiffness_final */
  LIMEN_PROTOCOL_ARG_DISTANCE,        /* distance        */
  LIMEN_PROTOCOL_ARG_RAMP_FRACTION,   /* ramp_fraction   */
  LIMEN_PROTOCOL_ARG_COUNT
} limen_protocol_arg;

#define LIMEN_PROTOCOL_ARG_MASK(arg) (1u << (unsigned)(arg))

typedef struct limen_protocol {
  char name[64];            /* library name or the JSON "name"                              */
  char kind[32];            /* the ready-made protocol it came from (library name), or
                               "custom" for one read from JSON without a library name      */
  limen_protocol_args args; /* the arguments it was made with (library protocols)          */
  const limen_potential_type *potential; /* the type the protocol drives                   */
  limen_potential_params potential_params;
  limen_control initial;    /* λ(0⁻) */
  limen_control final;      /* λ(τ⁺) */
  size_t n_segments;
  limen_protocol_segment *segments; /* owned; n_segments entries                           */
  double initial_lo, initial_hi;    /* initial equilibrium restricted to this region
                                       (±HUGE_VAL: whole domain)                            */
  double target_lo, target_hi;      /* success: final x in [target_lo, target_hi]          */
} limen_protocol;

/* An empty protocol with n_segments zero-filled segments (each shape LINEAR), no name,
 * potential quartic, initial = final = limen_control_zero(), regions unbounded. */
LIMEN_API int limen_protocol_alloc(size_t n_segments, limen_protocol **out, limen_error *err);
LIMEN_API void limen_protocol_free(limen_protocol *p);
/* Deep copy. */
LIMEN_API int limen_protocol_copy(const limen_protocol *p, limen_protocol **out, limen_error *err);

/* Validate: durations > 0 and finite, every control finite and admissible for the
 * potential type, regions ordered, potential params valid. */
LIMEN_API int limen_protocol_check(const limen_protocol *p, limen_error *err);

/* τ = Σ d_k. */
LIMEN_API double limen_protocol_duration(const limen_protocol *p);

/* λ at time t.  side < 0: left limit λ(t⁻); side ≥ 0: right limit λ(t⁺).  t ≤ 0 with
 * side < 0 gives `initial`; t ≥ τ with side ≥ 0 gives `final`. */
LIMEN_API void limen_protocol_control(const limen_protocol *p, double t, int side, limen_control *u);

/* A potential instance of the protocol's type and parameters. */
LIMEN_API int limen_protocol_potential_alloc(const limen_protocol *p, limen_potential **out,
                                   limen_error *err);

/* JSON (format in the header comment). _to_json returns a malloc'd string (caller frees). */
LIMEN_API int limen_protocol_from_json(const char *text, limen_protocol **out, limen_error *err);
LIMEN_API int limen_protocol_to_json(const limen_protocol *p, char **text, limen_error *err);
LIMEN_API int limen_protocol_load(const char *path, limen_protocol **out, limen_error *err);
LIMEN_API int limen_protocol_save(const limen_protocol *p, const char *path, limen_error *err);

/* ---- ready-made protocols -------------------------------------------------------------
 * Names (limen_protocol_names(), NULL-terminated):
 *   "erasure"          Bérut et al. (Nature 483, 187 (2012)) style erasure of the quartic
 *                      cell in four equal stages: lower the barrier E_b → E_low (tilt 0),
 *                      tilt 0 → ±f, raise E_low → E_b (tilted), untilt ±f → 0; the sign
 *                      puts the cell into `bit`.  Starts in global equilibrium (unknown
 *                      bit); success: final x on the side of `bit`.
 *   "erasure-optimal"  the finite-time-optimal erasure to local equilibrium (transport
 *                      type, see potential.h): jump into U_s at t = 0, s = t/τ linear,
 *                      jump back to the cell at τ; ⟨Q⟩ → e_FT(τ) = e_L(P_s) + B/τ.
 *                      Erases to bit 0 (x < 0).  The potential is stiff near both ends
 *                      of the path (the smoothed step, width params.step_width): at
 *                      E_b = 8 Langevin runs need Δt ≲ 1e-5 and should be checked against
 *                      the Fokker–Planck solver, as the "erasure-optimal" reference check
 *                      of validate.h does (docs/simulation.md).
 *   "modulated-write"  theory (M): lower the barrier, tilt towards `bit`, raise it (the
 *                      first three stages of "erasure" in equal thirds), then remove the
 *                      tilt as a jump at τ.  Starts in global equilibrium.
 *   "static-write"     theory (S): a cell at E_ret holding the other bit (local
 *                      equilibrium in the opposite well) is tilted by ±f for τ (ramps of
 *                      ramp_fraction·τ or jumps) and untilted; success: x on the side of
 *                      `bit`.
 *   "hopping"          theory (H): washboard of M levels and barrier E_b starting in local
 *                      equilibrium at start_level, tilt f for τ (ramps or jumps), untilt;
 *                      success: final x within ±½ of start_level + hop_levels.
 *   "trap-linear"      harmonic trap of stiffness k moved from 0 to λ_f linearly in τ.
 *   "trap-optimal"     Schmiedl & Seifert, PRL 98, 108301 (2007): the same move with the
 *                      optimal protocol c(t) = λ_f (t + 1/k)/(τ + 2/k) for 0 < t < τ and
 *                      jumps at both ends; W* = λ_f²/(τ + 2/k) (units γ = kT = 1).
 *   "stiffness-change" harmonic trap at c = 0, k_i → k_f linearly in τ; quasi-static work
 *                      ΔF = ½ ln(k_f/k_i).
 *   "hold"             the quartic cell at barrier E_b, untilted, held for τ (no work is
 *                      done): retention, and first passages from a fixed start (langevin.h).
 *                      Starts in local equilibrium in the well of `bit`; success: x still
 *                      on that side.
 */
LIMEN_API const char *const *limen_protocol_names(void);

/* Defaults of protocol `name` (LIMEN_ENOTFOUND for an unknown name). */
LIMEN_API int limen_protocol_args_default(const char *name, limen_protocol_args *args, limen_error *err);

/* The limen_protocol_args fields that protocol `name` reads, as a mask of
 * LIMEN_PROTOCOL_ARG_MASK bits (LIMEN_ENOTFOUND for an unknown name).  Every protocol reads
 * the duration; the other fields of args do not change the protocol it builds:
 *   erasure, modulated-write  duration, barrier_kT, barrier_low_kT, tilt_kT, bit
 *   erasure-optimal           duration, barrier_kT, success
 *   static-write              duration, barrier_kT, tilt_kT, bit, ramp_fraction
 *   hopping                   duration, barrier_kT, tilt_kT, levels, start_level, hop_levels,
 *                             ramp_fraction
 *   trap-linear, trap-optimal duration, stiffness, distance
 *   stiffness-change          duration, stiffness, stiffness_final
 *   hold                      duration, barrier_kT, bit */
LIMEN_API int limen_protocol_args_used(const char *name, unsigned *mask, limen_error *err);

/* The name of field `arg` ("duration", "barrier_kT", ...); NULL when arg is out of range. */
LIMEN_API const char *limen_protocol_arg_name(limen_protocol_arg arg);

/* The inputs of limen_protocol_args as given by a user (input.h rows, in the order of
 * limen_protocol_arg: row i is field i): name ("barrier", "tau", ...; the options of `limen
 * simulate`), unit, allowed range, the common default and where a protocol's differs. */
LIMEN_API const limen_input *limen_protocol_inputs(size_t *n);
/* Every field at the table's (common) default; limen_protocol_args_default then applies the
 * protocol's own. */
LIMEN_API void limen_protocol_args_common(limen_protocol_args *args);
/* Check the fields protocol `name` reads against the table: LIMEN_EINVAL
 * "limen_protocol_args: <member> = <v>: allowed range <range>"; LIMEN_ENOTFOUND for a name. */
LIMEN_API int limen_protocol_args_check(const char *name, const limen_protocol_args *args, limen_error *err);

/* Build protocol `name` from args (NULL → defaults); args are checked by
 * limen_protocol_args_check, then by the protocol's builder. */
LIMEN_API int limen_protocol_alloc_named(const char *name, const limen_protocol_args *args,
                               limen_protocol **out, limen_error *err);

/* The same, one function per protocol (args as documented above). */
LIMEN_API int limen_protocol_alloc_erasure(double barrier_kT, double barrier_low_kT, double tilt_kT,
                                 int bit, double duration, limen_protocol **out,
                                 limen_error *err);
LIMEN_API int limen_protocol_alloc_erasure_optimal(double barrier_kT, double success, double duration,
                                         limen_protocol **out, limen_error *err);
LIMEN_API int limen_protocol_alloc_modulated_write(double barrier_kT, double barrier_low_kT,
                                         double tilt_kT, int bit, double duration,
                                         limen_protocol **out, limen_error *err);
LIMEN_API int limen_protocol_alloc_static_write(double barrier_kT, double tilt_kT, int bit,
                                      double duration, double ramp_fraction,
                                      limen_protocol **out, limen_error *err);
LIMEN_API int limen_protocol_alloc_hopping(int levels, double barrier_kT, int start_level,
                                 int hop_levels, double tilt_kT, double duration,
                                 double ramp_fraction, limen_protocol **out, limen_error *err);
LIMEN_API int limen_protocol_alloc_trap_linear(double stiffness, double distance, double duration,
                                     limen_protocol **out, limen_error *err);
LIMEN_API int limen_protocol_alloc_trap_optimal(double stiffness, double distance, double duration,
                                      limen_protocol **out, limen_error *err);
LIMEN_API int limen_protocol_alloc_stiffness_change(double stiffness_initial, double stiffness_final,
                                          double duration, limen_protocol **out,
                                          limen_error *err);
LIMEN_API int limen_protocol_alloc_hold(double barrier_kT, int bit, double duration, limen_protocol **out,
                              limen_error *err);

#ifdef __cplusplus
}
#endif
#endif /* LIMEN_PROTOCOL_H */
