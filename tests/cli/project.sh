#!/usr/bin/env bash
# limen project: the compact default table (every paradigm against the floor of its own
# counted work), headline numbers, JSON structure, gpt-3 beside its published energy on the
# same hardware and basis, --out files, config merging (flags win).
source "$(dirname "$0")/lib/common.bash"

# default run (also: `limen` with no command)
expect_ok project
for p in landauer-adiabatic lim-finite-time lim-matched cim-static accelerator:h100 accelerator:a100; do
  check grep -q "^$p " "$TMP/out" "default table lacks $p"
done
check grep -q "energy \[J\]" "$TMP/out" "table has energy in J"
check grep -q "floor \[J\]" "$TMP/out" "table has the floor of the counted work"
check grep -q "headline floor C·n·kT·ln2" "$TMP/out" "table shows the per-FLOP headline once"
check test "$(grep -c "headline floor" "$TMP/out")" -eq 1 "the headline is shown once"
check test "$(wc -l <"$TMP/out")" -le 40 "default table fits in 40 lines"
check test "$(python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$TMP/out")" -le 100 \
  "default table fits 100 columns"
check grep -q "^! accelerator:cmos-limit: .*4-bit" "$TMP/out" "bits mismatch warned in the table"
check bash -c "! grep -q '^assumptions:' '$TMP/out'" "assumptions only with --verbose"
check grep -q "^lim-matched .*N·K×16b .* - *$" "$TMP/out" "lim-matched: no ratio to the per-FLOP headline"
cp "$TMP/out" "$TMP/project.txt"
expect_ok
check cmp -s "$TMP/out" "$TMP/project.txt" "'limen' alone equals 'limen project'"

# narrower terminals: columns give way, nothing wider than COLUMNS
COLUMNS=80 run project
check test "$(python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$TMP/out")" -le 80 \
  "COLUMNS=80 respected"
expect_ok project --verbose
check grep -q "^assumptions:" "$TMP/out" "--verbose: followed by the assumptions"
check grep -q "not counted" "$TMP/out" "--verbose: terms not counted say so"
# an input left to be derived is stated by its derivation, never as its stored 0
check grep -q "H derived: the least H that keeps n bits" "$TMP/out" "--verbose: H derived, not 'H = 0'"
check bash -c "! grep -q 'H = 0 (default)' '$TMP/out'" "--verbose: H not shown as its stored 0"

# JSON: exactly one object with workload, headline, paradigms and assumptions
expect_ok project --format json
check json_py 'set(["workload", "headline", "paradigms", "assumptions"]) <= set(d)' "JSON top-level keys"
check json_py 'all(set(["name", "relation", "energy_J", "terms", "counts", "floor_J", "ratio_to_floor", "ratio_to_headline", "effective_bits", "bits_mismatch"]) <= set(p) for p in d["paradigms"])' \
  "JSON paradigm keys"
check json_py 'all(sorted(p["terms"]) == ["compute_J", "consolidation_J", "memory_J", "update_J"] for p in d["paradigms"])' \
  "JSON terms"
check json_py 'all(abs(sum(v for v in p["terms"].values() if v is not None) - p["energy_J"]) <= 1e-9 * p["energy_J"] for p in d["paradigms"])' \
  "counted terms add up to the total"
check json_py 'all(p["terms"][t] is None for p in d["paradigms"] if p["name"] == "landauer-adiabatic" for t in ("compute_J", "memory_J", "consolidation_J"))' \
  "terms not counted are null, never 0"
check json_py 'all(p["ratio_to_floor"] >= 1 - 1e-12 for p in d["paradigms"])' "every paradigm at or above its floor"
check json_py 'all(abs(p["floor_J"] - sum(c["floor_J"] for c in p["counts"])) <= 1e-9 * p["floor_J"] for p in d["paradigms"])' \
  "floor = sum of the counted work's floors"
check json_py '[p["effective_bits"] for p in d["paradigms"] if p["name"] == "lim-matched"] == [16]' "lim-matched: 16 effective bits"
check json_py '[p["relation"] for p in d["paradigms"]][:2] == ["lower-bound", "lower-bound"]' "relations"
expect_ok project --format json --ops per-parameter-step --paradigm landauer-adiabatic,lim-matched,accelerator:h100
check json_py 'd["paradigms"][0]["counts"][0]["kind"] == "parameter-update" and d["paradigms"][2]["counts"][0]["kind"] == "flop"' \
  "per-parameter-step: updates counted as updates, the accelerator's FLOPs as FLOPs"
check json_py 'd["paradigms"][1]["floor_J"] == d["paradigms"][0]["floor_J"] and d["paradigms"][0]["ratio_to_headline"] is None' \
  "per-parameter-step: lim-matched against the floor of the same updates"
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
check json_py 'all(p["energy_J"] >= 1e6 * d["headline"]["floor_J"] for p in d["paradigms"][3:])' \
  "headline: accelerators >= 1e6 x the headline floor"
check json_py 'd["paradigms"][1]["energy_J"] < d["paradigms"][2]["energy_J"] < min(p["energy_J"] for p in d["paradigms"][3:])' \
  "headline: cim-static between LIM and the accelerators"

# GPT-3: the published 1,287 MWh (V100, facility, PUE 1.1) beside a V100 projection x PUE 1.1
expect_ok project --model gpt-3
check grep -q "accelerator:v100 × PUE 1.1" "$TMP/out" "gpt-3 compared on V100 at the published PUE"
check grep -q "1.287e+06 kWh" "$TMP/out" "gpt-3 table shows the published 1287 MWh"
check grep -q "published / projection" "$TMP/out" "gpt-3 table compares published and projected"
expect_ok project --model gpt-3 --format json
check json_py 'd["published"]["energy_kWh"] == 1287000 and d["published"]["compared_with"] == "accelerator:v100"' \
  "gpt-3 JSON carries the published energy and the V100 comparison"
check json_py 'd["published"]["projection_pue"] == 1.1 and d["published"]["projection_basis"] == "facility"' "same basis"
check json_py 'abs(d["published"]["projection_J"] - 3.14e23 * 2.4e-12 * 1.1) < 1e-6 * d["published"]["projection_J"]' \
  "V100 peak-spec projection x PUE"
expect_ok project --model gpt-3 --format csv
check grep -q "^published:gpt-3,published,4.6332e+12," "$TMP/out" "gpt-3 CSV has the published row"
expect_ok project --model t5-11b
check grep -q "not compared: limen has no profile of this hardware" "$TMP/out" "T5 (TPU v3): not compared"
# --pue: the accelerators on a facility basis; the in-memory bounds do not change
expect_ok project --format json --pue 1.5 --paradigm lim-finite-time,accelerator:h100
check json_py 'abs(d["paradigms"][1]["energy_J"] / (1.5 * 1e28 * 7.077856420626896e-13) - 1) < 1e-9' "--pue scales the accelerators"
check json_py 'd["workload"]["pue"] == 1.5' "--pue in the workload"
run project --pue 0.5
check test "$RC" -eq 2 "--pue 0.5: exit 2"
check grep -q -- "--pue" "$TMP/err" "--pue out of range names the option"
# --hops-per-level takes whole numbers (the library's table says so; the option checks it)
run project --hops-per-level 1.5
check test "$RC" -eq 2 "--hops-per-level 1.5: exit 2"
check grep -q -- "--hops-per-level = '1.5': allowed range whole numbers in \[1, 1e+30\]" "$TMP/err" \
  "--hops-per-level 1.5 names the option and its whole-number range"
# help lists exactly the library's default paradigm list
expect_ok project --help
check grep -q "cim-static:hermes-14nm,accelerator:cmos-limit" "$TMP/out" "help shows the default paradigm list"
check bash -c "! grep -q 'accelerator:hermes-14nm' '$TMP/out'" "help does not list accelerator:hermes-14nm"

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
check test -z "$(ls -A "$TMP/res" | grep -v '^project\.\(json\|csv\|txt\)$' | grep -v '^manifest\.json$')" "no temporary files left"

# --name labels a custom workload everywhere
expect_ok project --params 7e10 --tokens 2e12 --name my-70b --format json --paradigm landauer-adiabatic
check json_py "d['workload']['name'] == 'my-70b' and any(\"custom workload 'my-70b'\" in a for a in d['assumptions'])" \
  "--name in the JSON and the assumptions"

# your own catalog rows and profiles on top of limen's (examples/data), checked alike
ex="$LIMEN_TEST_DIR/../examples/data"
expect_ok project --catalog "$ex/my-models.json" --profiles "$ex/my-profiles.json" --model llama-2-7b \
  --paradigm accelerator:a100-pcie --format json
check json_py "d['workload']['name'] == 'llama-2-7b' and d['published']['model'] == 'llama-2-7b'" "--catalog row used"
expect_ok models --catalog "$ex/my-models.json"
check grep -q "^llama-2-7b " "$TMP/out" "models --catalog lists the added row"
check grep -q "^gpt-3 " "$TMP/out" "models --catalog keeps limen's rows"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); del d[0]["source"]; json.dump(d, open(sys.argv[2], "w"))' \
  "$ex/my-models.json" "$TMP/nosrc.json"
expect_usage "--catalog: $TMP/nosrc.json: row 0 (llama-2-7b): source: missing field" project --catalog "$TMP/nosrc.json"

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
# --learning-path: a measured path (3 parameters, 2 steps; moves [1,1,0] then [0,0,2] levels)
cat >"$TMP/path.json" <<'JSON'
{"format": "limen-learning-path", "format_version": 1, "bits": 8, "range": [-1, 1],
 "level_size": 0.0078125, "step_time_s": 1, "temperature_K": 300, "parameters": 3, "tensors": 1,
 "steps": 2, "snapshots": 3, "starts": 1, "aborted": 0, "path_levels": 4, "path_sq_levels2": 6,
 "max_levels_per_step": 2, "changed_writes": 3, "bit_flips": 5, "clamped": 0,
 "per_step": {"path_levels": [2, 2], "path_sq_levels2": [2, 4], "max_move_levels": [1, 2],
              "changed": [2, 1], "bit_flips": [3, 2], "clamped": [0, 0]}}
JSON
expect_ok project --learning-path "$TMP/path.json" --params 300 --tokens 20 --batch-tokens 1 --ops per-parameter-step
check grep -q "learning path: measured ($TMP/path.json), 3 parameters × 2 steps at 8 bits" "$TMP/out" "header states the path"
check grep -q "^cim-static .*W×8b" "$TMP/out" "cim-static counts the measured writes"
expect_ok project --learning-path "$TMP/path.json" --params 300 --tokens 20 --batch-tokens 1 --ops per-parameter-step \
  --format json --paradigm cim-static,lim-matched
# 3 writes on 3 parameters over 2 steps → 300 parameters over 20 steps: 300·(20/2)·(3/3) = 3000 writes
check json_py 'd["paradigms"][0]["counts"][0]["ops"] == 3000 and d["workload"]["bits"] == 8' "writes scaled to N and K"
check json_py 'abs(d["workload"]["learning_path"]["scaled"]["levels"] - 40 / 3) < 1e-8 and d["workload"]["learning_path"]["steps"] == 2' \
  "S = (K/K_m)·Σ_j path_j/P = (20/2)·(4/3) levels per parameter"
expect_usage "--bits" project --learning-path "$TMP/path.json" --bits 16
expect_usage "--lr-eta0" project --learning-path "$TMP/path.json" --lr-eta0 0.01
expect_usage "--learning-path: cannot open" project --learning-path "$TMP/no-such-path.json"
sed 's/"changed_writes": 3/"changed_writes": 4/' "$TMP/path.json" >"$TMP/bad-path.json"
expect_usage "the steps' sums" project --learning-path "$TMP/bad-path.json"
sed 's/"bits": 8,/"bits": 8, "bits": 8,/' "$TMP/path.json" >"$TMP/dup-path.json"
expect_usage '"bits": given twice' project --learning-path "$TMP/dup-path.json"
expect_usage "--bits: set by the learning path" sweep --learning-path "$TMP/path.json" --vary bits=4:8:2

# --out writes a manifest last (files, sizes, SHA-256, complete); a run that fails midway leaves none
rm -rf "$TMP/set"
expect_ok project --out "$TMP/set"
check test -s "$TMP/set/manifest.json" "--out wrote manifest.json"
cat >"$TMP/manifest_check.py" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
m = json.load(open(os.path.join(d, "manifest.json")))
assert m["format"] == "limen-out" and m["complete"] is True and "project --out" in m["command"], m
names = sorted(f["name"] for f in m["files"])
assert names == ["project.csv", "project.json", "project.txt"], names
for f in m["files"]:
    data = open(os.path.join(d, f["name"]), "rb").read()
    assert f["bytes"] == len(data) and f["sha256"] == hashlib.sha256(data).hexdigest(), f
PY
check python3 "$TMP/manifest_check.py" "$TMP/set" "the manifest lists every file with its size and SHA-256"
bash -c "trap '' XFSZ; ulimit -f 1; '$LIMEN_BIN' project --out '$TMP/set'" >/dev/null 2>"$TMP/err"
check test $? -ne 0 "a run cut short by a full disk fails"
check test ! -e "$TMP/set/manifest.json" "a run cut short leaves no manifest: the set reads as incomplete"
check test -z "$(ls -A "$TMP/set" | grep '\.tmp\.')" "a run cut short leaves no temporary files"
finish
