#!/usr/bin/env bash
# The command-line property (lib/cli_property.py): random option values (valid, boundary,
# hostile) for every command give exit 0 with finite output, or exit 2 with one line naming an
# option.  300 runs times LIMEN_TEST_SCALE here; LIMEN_PROPERTY_RUNS overrides (the "long" test
# cli_property_long runs 3000); LIMEN_PROPERTY_SEED the seed.
source "$(dirname "$0")/lib/common.bash"
args=()
[ -n "${LIMEN_PROPERTY_RUNS:-}" ] && args=("$LIMEN_PROPERTY_RUNS" "${LIMEN_PROPERTY_SEED:-20261203}")
if python3 "$(dirname "$0")/lib/cli_property.py" "$LIMEN_BIN" "$TMP" "${args[@]}"; then pass; else fail "cli_property.py"; fi
# what the property found, fixed (each failed before)
expect_ok project --retention-fail 0.309327 --tokens 2.96926e+22 --paradigm lim-matched # a fractional K
# K = D/B_s beyond 2^53 steps: the search for the last step that moves a level ended never
timeout 60 "$LIMEN_BIN" project --tokens 9.9999999900000007e+29 --paradigm lim-matched >"$TMP/out" 2>"$TMP/err"
RC=$?
check [ "$RC" -eq 0 ] "lim-matched at K = 2.4e23 steps: exit $RC: $(head -c 300 "$TMP/err")"
expect_usage "--consolidation-period = 1e-300 s: allowed range [" project --consolidation-period 1e-300 \
  --param-range 388341 --write-fail 0.199511
expect_usage "--tau0 = 1e-300: allowed range [" project --write-fail 0.42 --tau0 1e-300
expect_usage "--tau = 1e-18: allowed range [4.88" bound static-write --tau 1e-18
expect_usage "--write-time = 1e-18 s: allowed range [4.887e-14, 3.156e+08] s" project --write-time 1e-18
# a write longer than the retention time: no tilt needed, 0 J below the writes' own Landauer floor
expect_usage "--write-time = 6.63004e+11 s: allowed range (0, 3.156e+08] s" project --retention-fail 0.5 \
  --write-time 6.63004e+11
expect_usage "--time = 2592000 s: allowed range [" project --parallel-cells 1.2 --grad-scale 1e-300
expect_usage "--dt = 0.001 tau0: trajectory" simulate --protocol modulated-write --trajectories 64 --barrier 3254.78
expect_usage "--cells = langevin: the ideal memory has no cells" train --task breast-cancer --steps 3 --cells langevin \
  --experiment paradigms
expect_usage "--xmin = 1e-18 s: allowed range [4.887e-14, 1] s" figure per-op --xmin 1e-18 --out "$TMP/per-op.svg"
expect_usage "--flops-per-param-token = 1e-300: allowed range [" project --flops-per-param-token 1e-300
expect_usage "--time = 1e-300: allowed range [" project --time 1e-300
expect_usage "--param-range = 1e-300: allowed range [" project --param-range 1e-300
expect_usage "--param-range = 1e-300: allowed range [" sweep --param-range 1e-300 --vary bits=4:8:3
expect_usage "--stiffness = '1e-300': allowed range [1e-06, 1000000] kT/a^2" simulate --protocol stiffness-change \
  --stiffness 1e-300 --stiffness-final 1e4
# the tilt-cycle work just above the shortest write: U − U(x_m) at x_m ~ 75 a lost to rounding
expect_ok bound static-write --tau 5e-14
run figure per-op --xmin 5e-14 --out "$TMP/per-op.svg"
check [ "$RC" -eq 0 -a -s "$TMP/per-op.svg" ] "figure per-op --xmin 5e-14: exit $RC: $(head -c 300 "$TMP/err")"
expect_usage "--tau0 = 1 s: allowed range (0, 0.018" train --steps 3 --task maxcut-G14 --tau0 0.99999999999999989 \
  --out "$TMP/maxcut"
expect_usage "--temperature = 1e-300: allowed range [1.6" sweep --vary time=1e6:1e7:3 --temperature 1e-300
expect_usage "--tau0 = 0.564182 s: a static write" train --task breast-cancer --steps 3 --experiment paradigms \
  --tau0 0.564182
expect_usage "--barrier = 10000: allowed range [0.5, 1000] kT (for erasure-optimal)" simulate --protocol erasure-optimal \
  --trajectories 64 --barrier 9999.9999999999982
expect_usage "--catalog" models --catalog "$TMP/missing.json"
expect_usage "--profiles" profiles --profiles "$TMP"
# seed 11: the scaling experiment's measured learning path out of the projection's range named the
# derived --drift-diffusion-ratio, which nobody typed; it names --window
expect_usage "--window = 4.33118e-11 s: the run's learning path has" train --task digits --steps 3 \
  --window 4.33118e-11 --experiment scaling --hold 0.000914716 --quiet
finish
