#!/usr/bin/env bash
# limen project: default table, headline numbers, JSON structure, gpt-3 beside its published
# energy, --out files, config merging (flags win).
source "$(dirname "$0")/lib/common.bash"

# default run (also: `limen` with no command)
expect_ok project
for p in landauer-adiabatic lim-finite-time lim-matched cim-static accelerator:h100 accelerator:a100; do
  check grep -q "^$p " "$TMP/out" "default table lacks $p"
done
check grep -q "energy \[J\]" "$TMP/out" "table has energy in J"
check grep -q "energy \[kWh\]" "$TMP/out" "table has energy in kWh"
check grep -q "^assumptions:" "$TMP/out" "table is followed by the assumptions"
cp "$TMP/out" "$TMP/project.txt"
expect_ok
check cmp -s "$TMP/out" "$TMP/project.txt" "'limen' alone equals 'limen project'"

# JSON: exactly one object with workload, paradigms (name, energy_J, terms, ratio) and assumptions
expect_ok project --format json
check json_py 'set(["workload", "paradigms", "assumptions"]) <= set(d)' "JSON top-level keys"
check json_py 'all(set(["name", "energy_J", "terms", "ratio_to_landauer"]) <= set(p) for p in d["paradigms"])' \
  "JSON paradigm keys"
check json_py 'all(sorted(p["terms"]) == ["compute_J", "consolidation_J", "memory_J", "update_J"] for p in d["paradigms"])' \
  "JSON terms"
check json_py 'all(abs(sum(p["terms"].values()) - p["energy_J"]) <= 1e-9 * p["energy_J"] for p in d["paradigms"])' \
  "terms add up to the total"
check json_py 'd["workload"]["params"] == 1e15' "default workload is brain-scale"
check json_py 'len(d["assumptions"]) > 10 and all(isinstance(a, str) for a in d["assumptions"])' "assumptions listed"

# headline (theory §4): landauer-adiabatic and lim-finite-time in 1e8..1e9 J and within 10x;
# every accelerator-class profile >= 1e6 x landauer; cim-static between.
run profiles --format json
python3 -c 'import json,sys; print(" ".join("accelerator:"+p["name"] for p in json.load(open(sys.argv[1]))["profiles"] if p["class"] == "accelerator"))' "$TMP/out" >"$TMP/accels"
accels=$(tr ' ' ',' <"$TMP/accels")
expect_ok project --format json --paradigm "landauer-adiabatic,lim-finite-time,cim-static,$accels"
check json_py '1e8 <= d["paradigms"][0]["energy_J"] <= 1e9' "headline: landauer-adiabatic in [1e8, 1e9] J"
check json_py '1e8 <= d["paradigms"][1]["energy_J"] <= 1e9' "headline: lim-finite-time in [1e8, 1e9] J"
check json_py '0.1 <= d["paradigms"][1]["energy_J"] / d["paradigms"][0]["energy_J"] <= 10' \
  "headline: lim-finite-time within 10x of landauer-adiabatic"
check json_py 'all(p["ratio_to_landauer"] >= 1e6 for p in d["paradigms"][3:])' "headline: accelerators >= 1e6 x landauer"
check json_py 'd["paradigms"][1]["energy_J"] < d["paradigms"][2]["energy_J"] < min(p["energy_J"] for p in d["paradigms"][3:])' \
  "headline: cim-static between LIM and the accelerators"

# GPT-3: H100 projection and the published 1,287 MWh side by side
expect_ok project --model gpt-3
check grep -q "accelerator:h100" "$TMP/out" "gpt-3 table shows the H100 projection"
check grep -q "1287 MWh" "$TMP/out" "gpt-3 table shows the published 1287 MWh"
check grep -q "published / projection" "$TMP/out" "gpt-3 table compares published and projected"
expect_ok project --model gpt-3 --format json
check json_py 'd["published"]["energy_kWh"] == 1287000 and d["published"]["compared_with"] == "accelerator:h100"' \
  "gpt-3 JSON carries the published energy"
expect_ok project --model gpt-3 --format csv
check grep -q "^published:gpt-3,4.6332e+12," "$TMP/out" "gpt-3 CSV has the published row"

# custom workload: C = c_f N D unless --flops
expect_ok project --params 1e9 --tokens 2e10 --format json --paradigm landauer-adiabatic
check json_py 'd["workload"]["derived"]["flops"] == 1.2e20' "C = 6 N D for --params/--tokens"
expect_ok project --params 1e9 --tokens 2e10 --flops 1e20 --format json --paradigm landauer-adiabatic
check json_py 'd["workload"]["derived"]["flops"] == 1e20' "--flops wins"

# --out writes the three files atomically and still prints the chosen format
expect_ok project --out "$TMP/res" --format csv
for f in project.json project.csv project.txt; do check test -s "$TMP/res/$f" "--out wrote $f"; done
check cmp -s "$TMP/out" "$TMP/res/project.csv" "stdout equals the CSV file"
check python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/res/project.json" "project.json parses"
check test -z "$(ls -A "$TMP/res" | grep -v '^project\.\(json\|csv\|txt\)$')" "no temporary files left"

# config file merged with flags; flags win
printf '{"temperature": 200, "bits": 8, "paradigm": ["landauer-adiabatic"], "format": "json"}' >"$TMP/c.json"
expect_ok project --config "$TMP/c.json" --temperature 250
check json_py 'd["workload"]["temperature"] == 250 and d["workload"]["bits"] == 8' "config merged, flag wins"
check json_py '[p["name"] for p in d["paradigms"]] == ["landauer-adiabatic"]' "config paradigm list"
# sensitivity: energy of landauer-adiabatic proportional to n and T
expect_ok project --format json --paradigm landauer-adiabatic --bits 8 --temperature 150
e1=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["paradigms"][0]["energy_J"])' "$TMP/out")
expect_ok project --format json --paradigm landauer-adiabatic
check python3 -c "import json,sys; e=json.load(open(sys.argv[1]))['paradigms'][0]['energy_J']; sys.exit(0 if abs(e/$e1-4)<1e-9 else 1)" \
  "$TMP/out" "landauer-adiabatic scales with n*T"
finish
