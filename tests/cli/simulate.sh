#!/usr/bin/env bash
# limen simulate: JSON keys, heat above the applicable bound, Langevin vs Fokker-Planck,
# --out files, and the error paths (exit 2, empty stdout, one stderr line naming the field).
source "$(dirname "$0")/lib/common.bash"

keys='all(k in d for k in ("mean_work_kT", "stderr_work_kT", "mean_heat_kT", "stderr_heat_kT", "success", "bound_kT", "bound", "bound_quantity", "first_law_residual_kT"))'

# a quick erasure: heat >= finite-time Landauer bound within 3 standard errors; first law to round-off
expect_ok simulate --protocol erasure --tau 5tau0 --trajectories 400 --dt 2e-3tau0 --format json
check json_py "$keys" "erasure JSON keys"
check json_py 'd["bound"] == "finite-time-landauer" and d["bound_quantity"] == "heat"' "erasure bound name"
check json_py 'd["mean_heat_kT"] >= d["bound_kT"] - 3 * d["stderr_heat_kT"]' "erasure heat >= e_FT"
check json_py 'd["first_law_residual_kT"] < 1e-9 and 0.9 < d["success"] <= 1' "erasure first law, success"
cp "$TMP/out" "$TMP/langevin.json"

# the same protocol by Fokker-Planck: noise-free, within 4 standard errors of the ensemble
expect_ok simulate --protocol erasure --tau 5tau0 --dt 2e-3tau0 --method fokker-planck --format json
check json_py "$keys"' and d["stderr_heat_kT"] == 0 and d["mass_error"] < 1e-10' "fokker-planck JSON"
check python3 -c 'import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
sys.exit(0 if abs(a["mean_heat_kT"]-b["mean_heat_kT"]) < 4*a["stderr_heat_kT"] else 1)' \
  "$TMP/langevin.json" "$TMP/out" "langevin and fokker-planck agree"

# bit-identical results for any thread count
expect_ok simulate --protocol trap-optimal --trajectories 300 --threads 1 --format json
cp "$TMP/out" "$TMP/t1.json"
expect_ok simulate --protocol trap-optimal --trajectories 300 --threads 2 --format json
check python3 -c 'import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
sys.exit(0 if a["mean_work_kT"]==b["mean_work_kT"] and a["mean_heat_kT"]==b["mean_heat_kT"] else 1)' \
  "$TMP/t1.json" "$TMP/out" "threads 1 and 2 give identical results"
# and for any route of the Gaussian draw (LIMEN_RNG_ISA; the unavailable ones run the baseline)
for isa in baseline avx2 avx512; do
  LIMEN_RNG_ISA=$isa expect_ok simulate --protocol trap-optimal --trajectories 300 --threads 2 --format json
  check python3 -c 'import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); k=("mean_work_kT","stderr_work_kT","mean_heat_kT")
sys.exit(0 if all(a[x]==b[x] for x in k) else 1)' "$TMP/t1.json" "$TMP/out" "Gaussian route $isa: identical results"
done
check json_py 'd["bound"] == "schmiedl-seifert" and d["bound_quantity"] == "work" and abs(d["bound_kT"] - 25/3) < 1e-8' \
  "trap-optimal bound W* = lambda_f^2/(tau + 2/k)"

# Fokker-Planck trap runs whose whole-line success is 1 up to round-off: exit 0 (the success is
# a probability, never above 1) and the mean work within 1e-4 relative of the closed form
for d in 3 4 6; do
  expect_ok simulate --protocol trap-optimal --method fokker-planck --distance $d --format json
  check json_py 'd["success"] <= 1 and abs(d["mean_work_kT"] - '$d'**2 / 3) < 1e-4 * '$d'**2 / 3' \
    "fokker-planck trap-optimal --distance $d: exit 0, W = W*"
done
expect_ok simulate --protocol trap-linear --method fokker-planck --distance 3 --format json
check json_py 'd["success"] <= 1 and abs(d["mean_work_kT"] - 9 * (1 - (1 - __import__("math").exp(-1)))) < 1e-4 * 9' \
  "fokker-planck trap-linear --distance 3: exit 0, W = v^2 (tau - (1 - e^-k tau)/k)"

# times in seconds: --tau 5e-9s with tau0 = 1 ns is 5 tau0
expect_ok simulate --protocol stiffness-change --tau 5e-9s --dt 1e-11s --trajectories 100 --format json
check json_py 'abs(d["duration_tau0"] - 5) < 1e-12 and abs(d["dt_tau0"] - 0.01) < 1e-12' "times with suffix s"
check json_py 'd["bound"] == "free-energy" and abs(d["bound_kT"] - 0.5 * __import__("math").log(4)) < 1e-9' \
  "stiffness-change bound (1/2) ln(kf/ki)"

# other protocols run and name their bound
for p in static-write:static-write hopping:hopping modulated-write:modulated-write; do
  expect_ok simulate --protocol "${p%%:*}" --trajectories 50 --format json --tau 1tau0
  check json_py 'd["bound"] == "'"${p##*:}"'"' "${p%%:*} bound"
done

# table output
expect_ok simulate --protocol trap-linear --trajectories 200
check grep -q "mean heat" "$TMP/out" "table has mean heat"
check grep -q "schmiedl-seifert" "$TMP/out" "table names the bound"

# --out writes result.json and histograms; a protocol file round trip
expect_ok simulate --protocol erasure --tau 2tau0 --trajectories 100 --out "$TMP/res" --bins 12 --format json
check test -s "$TMP/res/result.json" "result.json written"
check test "$(grep -vc "^#" "$TMP/res/work_hist.csv")" -eq 13 "--bins 12: a header and 12 histogram rows"
check test -s "$TMP/res/work_hist.csv" "work_hist.csv written"
check test -s "$TMP/res/heat_hist.csv" "heat_hist.csv written"
check python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/res/result.json" "result.json is JSON"
expect_ok simulate --protocol trap-optimal --method fokker-planck --out "$TMP/fp"
check grep -q "^x_a,density_per_a" "$TMP/fp/density.csv" "density.csv written"
cat >"$TMP/p.json" <<'JSON'
{"name": "ramp", "potential": {"type": "quartic"}, "initial": {"barrier": 4},
 "segments": [{"duration": 1, "end": {"barrier": 1, "tilt": 1}}]}
JSON
expect_ok simulate --protocol-file "$TMP/p.json" --trajectories 500 --format json
check json_py 'd["protocol"] == "ramp" and d["bound"] == "coarse-grained-landauer" and d["mean_work_kT"] >= d["bound_kT"] - 4 * (d["stderr_work_kT"]**2 + d["bound_stderr_kT"]**2)**0.5' \
  "protocol file between two-well potentials: work >= generalized Landauer bound"

# every parameter a protocol reads is accepted
expect_ok simulate --protocol hopping --levels 6 --start-level 1 --hop-levels 2 --barrier 4 --tilt 2 --ramp-fraction 0.1 \
  --tau 1tau0 --trajectories 50 --format json
check json_py 'd["protocol"] == "hopping"' "hopping with all its parameters"
expect_ok simulate --protocol erasure-optimal --barrier 8 --success 0.8 --tau 2tau0 --dt 2e-3tau0 --method fokker-planck --format json
check json_py 'abs(d["duration_tau0"] - 2) < 1e-12' "erasure-optimal with all its parameters"

# options that the run would not read are rejected, naming the option and who uses it
expect_usage "--tilt is not used by --protocol trap-linear (it applies to erasure, modulated-write, static-write, hopping)" \
  simulate --protocol trap-linear --tilt 3
expect_usage "--success is not used by --protocol erasure (it applies to erasure-optimal)" simulate --protocol erasure --success 0.9
expect_usage "--barrier-low is not used by --protocol static-write" simulate --protocol static-write --barrier-low 1
expect_usage "--bit is not used by --protocol erasure-optimal" simulate --protocol erasure-optimal --bit 1
expect_usage "--levels is not used by --protocol erasure" simulate --protocol erasure --levels 4
expect_usage "--start-level is not used" simulate --protocol modulated-write --start-level 1
expect_usage "--hop-levels is not used" simulate --protocol static-write --hop-levels 1
expect_usage "--stiffness is not used by --protocol hopping" simulate --protocol hopping --stiffness 2
expect_usage "--stiffness-final is not used by --protocol trap-optimal (it applies to stiffness-change)" \
  simulate --protocol trap-optimal --stiffness-final 2
expect_usage "--distance is not used by --protocol stiffness-change" simulate --protocol stiffness-change --distance 1
expect_usage "--ramp-fraction is not used by --protocol erasure (it applies to static-write, hopping)" \
  simulate --protocol erasure --ramp-fraction 0.1
expect_usage "--barrier is not used by --protocol trap-linear" simulate --protocol trap-linear --barrier 5
echo '{"protocol": "trap-linear", "tilt": 3}' >"$TMP/cfg.json"
expect_usage "--tilt is not used by --protocol trap-linear" simulate --config "$TMP/cfg.json"
expect_usage "--bins applies with --out only" simulate --protocol erasure --bins 20
expect_usage "--bins applies to --method langevin only" simulate --protocol erasure --method fokker-planck --bins 20 --out "$TMP/x"
expect_usage "--integrator applies to --method langevin only" simulate --protocol erasure --method fokker-planck --integrator heun
expect_usage "--cells applies to --method fokker-planck only" simulate --protocol erasure --cells 100

# first passage in the static cell: --protocol hold --start X0 --passage B reports the mean
# first-passage time with its standard error beside the exact one, which is limen bound mfpt's
# from the minimum -1 to the other minimum +1; every trajectory passes (--tau unset: 40 x exact)
expect_ok bound mfpt --barrier 3 --format json
cp "$TMP/out" "$TMP/mfpt.json"
expect_ok simulate --protocol hold --barrier 3 --start -1 --passage 1 --trajectories 2000 --format json
check json_py 'all(k in d for k in ("mean_passage_tau0", "stderr_passage_tau0", "exact_passage_tau0", "passed", "passage_z"))' \
  "hold --passage: JSON keys"
check python3 -c 'import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
sys.exit(0 if abs(a["mfpt_tau0"]-b["exact_passage_tau0"]) < 1e-9*a["mfpt_tau0"] else 1)' \
  "$TMP/mfpt.json" "$TMP/out" "hold --passage: exact value = limen bound mfpt"
check json_py 'd["passed"] == 2000 and abs(d["mean_passage_tau0"] - d["exact_passage_tau0"]) < 4 * d["stderr_passage_tau0"]' \
  "hold --passage 1: all passed, mean within 4 standard errors of the exact MFPT"
check json_py 'abs(d["duration_tau0"] - 40 * d["exact_passage_tau0"]) < 1e-6 * d["duration_tau0"] and d["mean_work_kT"] == 0' \
  "hold --passage: --tau unset is 40 x the exact MFPT; a hold does no work"
# to the barrier top (where testing grid points only made the time 7 % long)
expect_ok simulate --protocol hold --barrier 3 --start -1 --passage 0 --trajectories 4000 --seed 2
check grep -Eq "^  passage .* 4000 passed; exact 4.23278 tau0" "$TMP/out" "hold --passage 0: table row with the exact value"
expect_ok simulate --protocol hold --barrier 5 --start -1 --method fokker-planck --tau 20tau0 --format json
check json_py 'd["start_x"] == -1 and 0.5 < d["success"] < 1' "hold --start with fokker-planck"
expect_usage "--tau = 5 tau0: " simulate --protocol hold --barrier 3 --start -1 --passage 1 --tau 5tau0 --trajectories 200
check grep -q "did not pass --passage 1" "$TMP/err" "unpassed trajectories: the run fails, saying how many"
expect_usage "--passage needs --start" simulate --protocol hold --passage 1
expect_usage "--passage = 0.5: allowed range (1, 5] a" simulate --protocol hold --start 1 --passage 0.5
expect_usage "--passage = '6': allowed range [-5, 5] a" simulate --protocol hold --start 1 --passage 6
expect_usage "--start = '7': allowed range [-5, 5] a" simulate --protocol hold --start 7
expect_usage "--start applies to --protocol hold only" simulate --protocol erasure --start 1
expect_usage "--passage applies to --protocol hold only" simulate --protocol trap-linear --start 0 --passage 1
expect_usage "--passage applies to --method langevin only" simulate --protocol hold --start -1 --passage 0 --method fokker-planck
expect_usage "--barrier = 500: the mean first-passage time" simulate --protocol hold --barrier 500 --start -1 --passage 1

# error paths
expect_usage "--protocol" simulate
expect_usage "--protocol" simulate --protocol no-such-protocol
expect_usage "--protocol" simulate --protocol erasure --protocol-file "$TMP/p.json"
expect_usage "--tau" simulate --protocol erasure --tau -1tau0
expect_usage "--dt" simulate --protocol erasure --dt 0tau0
expect_usage "--dt" simulate --protocol erasure --dt abc
expect_usage "--dt" simulate --protocol erasure --tau 1tau0 --dt 2tau0
expect_usage "--trajectories" simulate --protocol erasure --trajectories 0
expect_usage "--tau0 = '2': allowed range (0, 1] s" simulate --protocol erasure --tau0 2
expect_usage "--tau" simulate --protocol erasure --tau 2e12tau0
expect_usage "--dt" simulate --protocol erasure --dt 1e13tau0
expect_usage "--barrier" simulate --protocol erasure --barrier -3
expect_usage "--method" simulate --protocol erasure --method monte-carlo
expect_usage "--format" simulate --protocol erasure --format xml
expect_usage "--threads" simulate --protocol erasure --method fokker-planck --threads 2
expect_usage "--barrier" simulate --protocol-file "$TMP/p.json" --barrier 3
expect_usage "nonexistent" simulate --protocol-file "$TMP/nonexistent.json"
echo '{"potential": {"type": "quartic"}, "segments": [{"duration": -1}]}' >"$TMP/bad.json"
expect_usage "duration" simulate --protocol-file "$TMP/bad.json"

finish
