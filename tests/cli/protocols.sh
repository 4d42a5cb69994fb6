#!/usr/bin/env bash
# Protocol files (docs/simulation.md §5): the two worked examples of examples/protocols/ run
# through limen simulate, each with the bound its potentials call for — the coarse-grained
# generalized Landauer bound of a two-well erasure, the free-energy change of a one-well trap.
source "$(dirname "$0")/lib/common.bash"
EX="$LIMEN_TEST_DIR/../examples/protocols"

# erasure.json, Fokker-Planck (noise-free): e_L of the final occupation, ln 2 + p ln p + (1-p) ln(1-p)
expect_ok simulate --protocol-file "$EX/erasure.json" --method fokker-planck --format json
check json_py 'd["kind"] == "custom" and d["bound"] == "coarse-grained-landauer" and d["bound_quantity"] == "work"' \
  "erasure.json: coarse-grained Landauer bound on the work"
check json_py '(lambda p: abs(d["bound_kT"] - (__import__("math").log(2) + p*__import__("math").log(p) + (1-p)*__import__("math").log(1-p))) < 1e-9)(d["occupation_final"])' \
  "erasure.json: bound = e_L(p_final)"
check json_py 'abs(d["occupation_final"] - d["success"]) < 1e-9 and abs(d["occupation_initial"] - 0.5) < 1e-9' \
  "erasure.json: occupations 1/2 -> success"
check json_py 'd["mean_work_kT"] > d["bound_kT"] > 0.6' "erasure.json: work above a bound near ln 2"

# erasure.json, Langevin: the bound carries its standard error; the table shows both wells
expect_ok simulate --protocol-file "$EX/erasure.json" --trajectories 300 --dt 2e-3tau0 --format json
check json_py 'd["bound_stderr_kT"] > 0 and d["information_kT"] == d["bound_kT"]' "erasure.json: Langevin error"
expect_ok simulate --protocol-file "$EX/erasure.json" --trajectories 300 --dt 2e-3tau0
check grep -q 'coarse-grained-landauer lower-bound, on the mean work)' "$TMP/out" "erasure.json: table bound"
check grep -q '^  left well  *0.5 -> .*(information .* kT; bound +- .* kT)$' "$TMP/out" "erasure.json: table occupations"
check test "$(awk '{ if (length > 100) n++ } END { print n + 0 }' "$TMP/out")" -eq 0 "erasure.json: table within 100 columns"

# compress.json: one well, the free-energy bound (1/2) ln 4
expect_ok simulate --protocol-file "$EX/compress.json" --trajectories 1000 --format json
check json_py 'd["bound"] == "free-energy" and abs(d["bound_kT"] - 0.5*__import__("math").log(4)) < 1e-6' \
  "compress.json: free-energy bound (1/2) ln 4"
check json_py 'd["information_kT"] is None and d["mean_work_kT"] > d["bound_kT"] - 4*d["stderr_work_kT"]' \
  "compress.json: no information term; work above the bound"
finish
