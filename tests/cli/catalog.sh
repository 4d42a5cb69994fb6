#!/usr/bin/env bash
# limen models / limen profiles: table, CSV and JSON, with sources.
source "$(dirname "$0")/lib/common.bash"

expect_ok models
for m in brain-scale gpt-3 t5-11b bloom-176b llama-2-70b llama-3-70b llama-3.1-405b; do
  check grep -q "^$m " "$TMP/out" "models lists $m"
done
check grep -q "^models and sources:" "$TMP/out" "models lists sources"
check test "$(grep -c '^    source: ' "$TMP/out")" -ge 9 "models: a source line for every model"
check grep -q "^    energy basis: facility estimate" "$TMP/out" "models: the basis of a published energy"
# the table fits a 100-column terminal (a URL longer than a line may stand alone)
check test "$(grep -v 'https\?://' "$TMP/out" | python3 -c 'import sys; print(sum(len(l) > 100 for l in sys.stdin.read().split(chr(10))))')" -eq 0 \
  "models: every line within 100 columns"
expect_ok models --format json
check json_py 'all(m["source"] for m in d["models"])' "every model has a source"
check json_py '[m for m in d["models"] if m["name"] == "gpt-3"][0]["published_energy_kWh"] == 1287000' "gpt-3 1287 MWh"
expect_ok models --format csv
check python3 -c 'import csv,sys; r=list(csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith("#"))); sys.exit(0 if len(r) >= 8 and all(x["source"] for x in r) else 1)' \
  "$TMP/out" "models CSV"

expect_ok profiles
for p in horowitz-45nm a100 h100 hermes-14nm fn-synapse cmos-limit; do
  check grep -q "^$p " "$TMP/out" "profiles lists $p"
done
check test "$(grep -c '^    includes: ' "$TMP/out")" -ge 6 "profiles: what each includes"
check test "$(python3 -c 'import sys; print(sum(len(l) > 100 for l in open(sys.argv[1]).read().split(chr(10))))' "$TMP/out")" -eq 0 \
  "profiles: every line within 100 columns"
expect_ok profiles --format json
check json_py 'all(p["source"] and p["includes"] for p in d["profiles"])' "every profile has a source and says what it includes"
expect_ok profiles --format csv
check python3 -c 'import csv,sys; r=list(csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith("#"))); sys.exit(0 if len(r) >= 6 else 1)' \
  "$TMP/out" "profiles CSV"
finish
