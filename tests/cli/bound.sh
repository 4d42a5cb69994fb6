#!/usr/bin/env bash
# limen bound: every kind runs in table and JSON form; values consistent with theory §2-3.
source "$(dirname "$0")/lib/common.bash"

for k in landauer finite-time static-write hop retention kramers mfpt; do
  expect_ok bound "$k"
  check grep -q "^method:" "$TMP/out" "bound $k states its method"
  check grep -q "^validity:" "$TMP/out" "bound $k states its validity"
  expect_ok bound "$k" --format json
  check json_py 'd["bound"] == "'"$k"'" and "method" in d and "validity" in d and "inputs" in d' "bound $k JSON keys"
done

# Landauer: ln 2 kT at P_s = 1, in J at 300 K
expect_ok bound landauer --format json
check json_py 'abs(d["energy_kT"] - 0.6931471805599453) < 1e-9 and abs(d["energy_kTln2"] - 1) < 1e-9' "landauer = kT ln2"
check json_py 'abs(d["energy_J"] - 1.380649e-23 * 300 * 0.6931471805599453) < 1e-30' "landauer in J"
expect_ok bound landauer --success 0.5 --format json
check json_py 'abs(d["energy_kT"]) < 1e-12' "landauer at P_s = 1/2 is 0"

# finite-time: B in gamma a^2, e_FT = e_L + B tau0/tau
expect_ok bound finite-time --barrier 5 --success 1 --format json
check json_py '"B_gamma_a2" in d and 0 < d["B_gamma_a2"] < 2' "B for E_b = 5 kT in (0, 2)"
check json_py 'abs(d["energy_kT"] - (d["landauer_kT"] + d["B_gamma_a2"] * d["inputs"]["tau0_s"] / d["inputs"]["tau_s"])) < 1e-9' \
  "e_FT = e_L + B tau0/tau"
expect_ok bound finite-time --barrier 60 --format json
check json_py 'abs(d["B_gamma_a2"] - 2) < 0.1' "B -> 2 gamma a^2 for narrow wells"
# default barrier is the retention barrier (about 58 kT)
expect_ok bound finite-time --format json
check json_py '50 < d["inputs"]["barrier_kT"] < 65' "default barrier = E_ret"

# static write: 100-150 kT per bit at the retention barrier with fast writes (theory (S))
expect_ok bound static-write --tau 1e-9 --format json
check json_py '80 < d["energy_kT"] < 200 and d["rate_method"] in ("kramers", "mfpt")' "static write ~ 2-3 E_ret"

# hop: e = m * 2 asinh(m / (2 r dt))
expect_ok bound hop --move 3 --rate-dt 0.5 --format json
check python3 -c "import json,math,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if abs(d['energy_kT']/(3*2*math.asinh(3/(2*0.5)))-1)<1e-9 else 1)" \
  "$TMP/out" "hop closed form"

# retention and the Kramers/MFPT pair
expect_ok bound retention --format json
check json_py '50 < d["barrier_kT"] < 65' "retention barrier ~ 58 kT for 10 y, 1e-6, 1 ns"
expect_ok bound mfpt --barrier 10 --format json
check json_py '0.8 < d["kramers_over_mfpt"] < 1.2' "Kramers and MFPT agree at 10 kT"
expect_ok bound kramers --barrier 2
check grep -q "NOT VALID" "$TMP/out" "Kramers below 5 kT is flagged"
expect_ok bound kramers --well washboard --levels 8 --barrier 10 --format json
check json_py 'd["inputs"]["well"] == "washboard"' "washboard well"
# the rules between the options (the library's): each names the option
expect_usage "conflicting options: --well does not apply to 'bound landauer'" bound landauer --well washboard
expect_usage "conflicting options: --levels needs --well washboard" bound mfpt --levels 4
expect_usage "--tilt = 5: the barrier of 3 kT vanishes at |tilt| >= 4.618802154 kT (f_c = 8E_b/(3√3))" \
  bound kramers --barrier 3 --tilt 5
expect_ok bound mfpt --well washboard --levels 4 --barrier 3 --tilt 5
finish
