#!/usr/bin/env bash
# limen train: the paradigms on small runs, JSON keys, traces under --out, bad input.
source "$(dirname "$0")/lib/common.bash"

# Every paradigm on the breast-cancer task (fast), JSON with the documented keys.
for p in ideal digital-static analog-static lim-fixed lim-matched; do
  expect_ok train --task breast-cancer --paradigm "$p" --steps 40 --format json
  check json_py 'd["paradigm"] == "'"$p"'" and d["steps"] == 40 and all(k in d for k in
    ("final_test_accuracy", "energy_to_target_J", "total_heat_J", "bound_J", "closed_form_heat_J"))' "train $p JSON keys"
  check json_py 'd["final_test_accuracy"] > 0.9' "train $p reaches 90 % test accuracy"
  check json_py 'd["total_heat_J"] + 4 * d["heat_stderr_J"] >= d["bound_J"]' "train $p heat >= bound"
done
expect_ok train --task breast-cancer --paradigm ideal --steps 20 --format json
check json_py 'd["total_heat_J"] == 0' "ideal memory dissipates nothing"

# lim-matched dissipates far less than digital-static on digits (default settings).
expect_ok train --task digits --paradigm digital-static --steps 30 --eval-every 10 --format json
cp "$TMP/out" "$TMP/digital.json"
expect_ok train --task digits --paradigm lim-matched --steps 30 --eval-every 10 --format json
check python3 -c "import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); sys.exit(0 if 30*b['total_heat_J'] < a['total_heat_J'] else 1)" \
  "$TMP/digital.json" "$TMP/out" "lim-matched heat << digital-static heat"

# Reproducible for a seed; different seeds differ.
expect_ok train --task breast-cancer --paradigm lim-fixed --steps 30 --seed 4 --format json
cp "$TMP/out" "$TMP/a.json"
expect_ok train --task breast-cancer --paradigm lim-fixed --steps 30 --seed 4 --format json
check cmp -s "$TMP/a.json" "$TMP/out" "same seed, same output"

# Table output and the quadratic program.
expect_ok train --task quadratic --paradigm ideal --schedule constant --steps 150
check grep -q "final suboptimality" "$TMP/out" "quadratic reports suboptimality"

# Langevin-backed cells on a tiny case: 20 cells, 4 windows of 20 tau0.
expect_ok train --task quadratic --paradigm lim-fixed --cells langevin --barrier 6 --window 2e-8 --steps 4 --format json
check json_py 'd["cells"] == "langevin" and d["steps"] == 4 and d["n_params"] == 20' "Langevin cells run"

# Traces under --out (atomic writes).
expect_ok train --task breast-cancer --paradigm lim-matched --steps 25 --eval-every 5 --out "$TMP/run"
check test -s "$TMP/run/trace.csv" "trace.csv written"
check test -s "$TMP/run/summary.json" "summary.json written"
check test "$(head -1 "$TMP/run/trace.csv")" = "step,time_s,heat_J,bound_J,loss,train_accuracy,test_accuracy" "trace header"
check test "$(wc -l <"$TMP/run/trace.csv")" -eq 6 "one trace row every 5 steps"
check python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$TMP/run/summary.json" "summary.json is JSON"

# Max-Cut on G1 by barrier-matched annealing: within 1 % of the best-known cut.
expect_ok train --task maxcut-G1 --format json
check json_py 'd["best_cut"] >= 0.99 * 11624 and d["best_known_cut"] == 11624' "G1 within 1 %"
check json_py 'd["total_heat_J"] * 100 < d["static_heat_J"]' "annealing heat << static flips"

# Experiments: one command each, a table, CSV and figures under --out.
expect_ok train --experiment paradigms --task breast-cancer --steps 20 --eval-every 5 --out "$TMP/exp1"
for f in table.csv summary.json accuracy_vs_heat.png accuracy_vs_time.png trace_lim-matched.csv; do
  check test -s "$TMP/exp1/$f" "experiment paradigms writes $f"
done
expect_ok train --experiment window --task breast-cancer --steps 10 --values 1e-7,1e-6 --format json --out "$TMP/exp2"
check json_py 'len(d["runs"]) == 4 and d["runs"][0]["window_s"] == 1e-7' "experiment window JSON"
check test -s "$TMP/exp2/heat_vs_window.png" "experiment window figure"
expect_ok train --experiment barrier --task breast-cancer --paradigm lim-fixed --steps 10 --values 4,8 --format json
check json_py '[r["barrier_kT"] for r in d["runs"]] == [4, 8]' "experiment barrier JSON"
expect_ok train --experiment scaling --task breast-cancer --steps 20 --format json
check json_py 'len(d["runs"]) == 4 and d["runs"][3]["projection"] == "lim-matched"' "experiment scaling JSON"
check json_py 'abs(d["runs"][3]["measured_heat_J"] / d["runs"][3]["projected_same_run_J"] - 1) < 0.05' \
  "lim-matched projection of the same run reproduces the measured heat"
expect_ok train --task maxcut-G14 --steps 100 --out "$TMP/mc"
check test -s "$TMP/mc/cut_vs_heat.png" "Max-Cut figure"
expect_usage "--values" train --experiment window --values 1e-6,abc
expect_usage "--barrier" train --experiment barrier --barrier 5

# Bad input: one stderr line naming the field, exit 2, nothing on stdout.
expect_usage "--paradigm" train --paradigm sram
expect_usage "--task" train --task imagenet
expect_usage "--window" train --window -1
expect_usage "--window" train --window 0
expect_usage "--steps" train --steps 0
expect_usage "--barrier" train --barrier 1
expect_usage "--bits" train --bits 40
expect_usage "--format" train --format xml
expect_usage "--seed" train --seed abc
expect_usage "--cells" train --cells langevin --steps 200
expect_usage "cells = langevin" train --cells langevin --paradigm digital-static --task quadratic --steps 2
expect_usage "--beta0" train --task digits --beta0 0.2
expect_usage "--lr" train --task maxcut-G1 --lr 0.1
expect_usage "--paradigm" train --task maxcut-G1 --paradigm digital-static
expect_usage "unexpected argument" train digits

finish
