#!/usr/bin/env bash
# Every command has --format table|csv|json and --out DIR; every JSON document carries the
# provenance record (limen, git revision, command, UTC time, seeds, data files with SHA-256,
# checked here with sha256sum) and every CSV opens with it as '#' lines; an --out directory
# gets <name>.txt, .csv and .json and a manifest that carries the record.
source "$(dirname "$0")/lib/common.bash"
export SOURCE_DATE_EPOCH=1700000000 # the recorded time, fixed: 2023-11-14T22:13:20Z

# command line of each command, small enough to be quick; the --out file stem
cases=(
  "project|--model gpt-3 --paradigm landauer-adiabatic,accelerator:h100|project"
  "sweep|--vary bits=4:8:2 --paradigm landauer-adiabatic|sweep"
  "bound|finite-time --tau 1us|bound"
  "simulate|--protocol erasure --trajectories 64 --seed 9|result"
  "validate|--check jarzynski --scale 0.05 --seed 3|validate"
  "train|--task breast-cancer --paradigm lim-fixed --steps 5 --seed 4|summary"
  "models||models"
  "profiles||profiles"
)
for c in "${cases[@]}"; do
  IFS='|' read -r cmd args stem <<<"$c"
  # shellcheck disable=SC2086
  for fmt in table csv json; do
    expect_ok $cmd $args --format $fmt || continue
    case $fmt in
      csv) check grep -q "^# limen [0-9.]* (git [^)]*), 2023-11-14T22:13:20Z$" "$TMP/out" "$cmd csv: provenance first line"
           check test "$(grep -c "^# command: .*limen $cmd" "$TMP/out")" -eq 1 "$cmd csv: the command line" ;;
      json) check json_py "(d['provenance']['utc'] == '2023-11-14T22:13:20Z' and
        d['provenance']['command'].split(' ', 1)[1].startswith('$cmd') and
        d['provenance']['limen_version'] and 'git_revision' in d['provenance'])" "$cmd json: provenance" ;;
      table) check test "$(grep -c '^# limen' "$TMP/out")" -eq 0 "$cmd table: no provenance lines" ;;
    esac
  done
  rm -rf "$TMP/o"
  # shellcheck disable=SC2086
  expect_ok $cmd $args --out "$TMP/o" || continue
  check test -s "$TMP/o/$stem.json" "$cmd --out: $stem.json"
  check python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); sys.exit(0 if m["complete"] and m["provenance"]["utc"] == "2023-11-14T22:13:20Z" else 1)' \
    "$TMP/o/manifest.json" "$cmd --out: manifest with provenance"
done

# the data files read, with their SHA-256 as sha256sum computes it
expect_ok project --model gpt-3 --format json
check python3 - "$TMP/out" <<'PY' "project json: models.json and profiles.json with their SHA-256"
import hashlib, json, os, sys
files = json.load(open(sys.argv[1]))["provenance"]["data_files"]
names = {os.path.basename(f["path"]): f for f in files}
ok = {"models.json", "profiles.json"} <= set(names)
for f in files:
    data = open(f["path"], "rb").read()
    ok = ok and f["bytes"] == len(data) and f["sha256"] == hashlib.sha256(data).hexdigest()
sys.exit(0 if ok else 1)
PY
expect_ok train --task breast-cancer --paradigm lim-fixed --steps 5 --seed 4 --format json
check json_py "d['provenance']['seeds'] == [4] and any(f['path'].endswith('.csv') for f in d['provenance']['data_files'])" \
  "train json: its seed and its dataset"
expect_ok simulate --protocol erasure --trajectories 64 --seed 9 --format json
check json_py "d['provenance']['seeds'] == [9]" "simulate json: its seed"

# JSON keys are snake_case; a derived input is null, its derivation named
expect_ok project --format json
check json_py "(all('-' not in k for k in d['workload']) and d['workload']['parallel_cells'] is None and
  d['workload']['derived_inputs']['parallel_cells'] and d['workload']['derived']['parallel_cells'] == 1e15)" \
  "snake_case workload keys; parallel_cells null and derived"
echo '{"batch_tokens": 1e6, "lr-eta0": 0.01}' >"$TMP/c.json"
expect_ok project --config "$TMP/c.json" --format json
check json_py "d['workload']['batch_tokens'] == 1e6 and d['workload']['lr_eta0'] == 0.01" "--config keys in either spelling"
expect_usage "--format" bound landauer --format xml
finish
