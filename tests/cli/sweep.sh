#!/usr/bin/env bash
# limen sweep: grids, layouts, JSON, and the C = c_f N D rule.
source "$(dirname "$0")/lib/common.bash"

expect_ok sweep --vary params=1e9:1e15:7:log --paradigm landauer-adiabatic,accelerator:h100
check test "$(csv_body "$TMP/out" | wc -l)" -eq 15 "7 points x 2 paradigms + header"
check grep -q "^params,paradigm,energy_J,compute_J,memory_J,update_J,consolidation_J,floor_J,ratio_to_floor,ratio_to_headline,effective_bits" "$TMP/out" \
  "long CSV header"
# energy of landauer-adiabatic grows linearly with N at fixed D (C = 6 N D)
check python3 -c '
import csv, sys
rows = [r for r in csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith("#")) if r["paradigm"] == "landauer-adiabatic"]
e = [float(r["energy_J"]) / float(r["params"]) for r in rows]
sys.exit(0 if max(e) / min(e) - 1 < 1e-9 else 1)' "$TMP/out" "landauer-adiabatic proportional to N"

expect_ok sweep --vary bits=1:16:4 --vary temperature=100:300:3 --layout wide \
  --paradigm landauer-adiabatic,lim-finite-time
check test "$(csv_body "$TMP/out" | wc -l)" -eq 13 "4 x 3 points + header (wide)"
check grep -q "^bits,temperature,landauer-adiabatic_J,lim-finite-time_J$" "$TMP/out" "wide CSV header"

expect_ok sweep --vary time=3600:3.15e8:5:log --format json --paradigm lim-finite-time
check json_py 'len(d["rows"]) == 5 and d["vary"][0]["name"] == "time" and d["vary"][0]["log"]' "JSON sweep"
check json_py 'all(d["rows"][i]["energy_J"] >= d["rows"][i+1]["energy_J"] for i in range(4))' \
  "lim-finite-time falls as T_train grows (energy-speed trade-off)"
check json_py 'd["rows"][0]["time"] == 3600 and d["rows"][-1]["time"] == 3.15e8' "grid ends are exact"

# a cell input
expect_ok sweep --vary tau0=1e-10:1e-8:3:log --paradigm lim-finite-time
check test "$(csv_body "$TMP/out" | wc -l)" -eq 4 "tau0 sweep"
# alias names work
expect_ok sweep --vary retention=3.15e7:3.15e8:2 --paradigm cim-static
check grep -q "^retention-time," "$TMP/out" "alias resolved to its option name"
# the energy-precision trade-off of lim-matched: energy grows with n, n effective bits, above the
# floor of its own updates at every point
expect_ok sweep --vary bits=4:16:4 --paradigm lim-matched --format json
check json_py 'all(a["energy_J"] < b["energy_J"] for a, b in zip(d["rows"], d["rows"][1:]))' "lim-matched grows with bits"
check json_py 'all(r["effective_bits"] == r["bits"] for r in d["rows"])' "lim-matched delivers the bits asked for"
check json_py 'all(r["ratio_to_floor"] >= 1 and r["ratio_to_headline"] is None for r in d["rows"])' \
  "lim-matched above its own floor, no ratio to the per-FLOP headline"
finish
