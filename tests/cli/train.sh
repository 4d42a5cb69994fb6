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
# (all but the provenance record and the speed of the run: wall_seconds, steps_per_second,
# physics_share)
clockless() { run_facts_free "$1" | grep -v -E '"(steps_per_second|physics_share)"'; }
check cmp -s <(clockless "$TMP/a.json") <(clockless "$TMP/out") "same seed, same output"
check json_py 'd["steps_per_second"] > 0 and 0 <= d["physics_share"] <= 1 and d["wall_seconds"] > 0' \
  "the run reports its speed and the physics' share of the time"

# Table output and the quadratic program.
expect_ok train --task quadratic --paradigm ideal --schedule constant --steps 150
check grep -q "final suboptimality" "$TMP/out" "quadratic reports suboptimality"

# Langevin-backed cells on a tiny case: 20 cells, 4 windows of 20 tau0.
expect_ok train --task quadratic --paradigm lim-fixed --cells langevin --barrier-low 6 --window 2e-8 --steps 4 --format json
check json_py 'd["cells"] == "langevin" and d["steps"] == 4 and d["n_params"] == 20' "Langevin cells run"

# Traces under --out (atomic writes).
expect_ok train --task breast-cancer --paradigm lim-matched --steps 25 --eval-every 5 --out "$TMP/run"
check test -s "$TMP/run/trace.csv" "trace.csv written"
check test -s "$TMP/run/summary.json" "summary.json written"
check test "$(csv_body "$TMP/run/trace.csv" | head -1)" = "step,time_s,heat_J,bound_J,loss,train_accuracy,test_accuracy" "trace header"
check test "$(csv_body "$TMP/run/trace.csv" | wc -l)" -eq 6 "one trace row every 5 steps"
check python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$TMP/run/summary.json" "summary.json is JSON"

# Max-Cut on G1 by barrier-matched annealing: within 1 % of the best-known cut.
expect_ok train --task maxcut-G1 --format json
check json_py 'd["best_cut"] >= 0.99 * 11624 and d["best_known_cut"] == 11624' "G1 within 1 %"
check json_py 'd["total_heat_J"] * 100 < d["static_heat_J"]' "annealing heat << static flips"
check json_py 'd["tau0_s"] == 1e-9 and d["time_s"] > 0' "Max-Cut JSON: tau0 and the physical time"

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
check grep -q "physical time of the anneal  " "$TMP/out" "Max-Cut table: physical time row"

# --experiment maxcut: G1, G11 and G14 in one command, a table, and with --out the CSV, JSON,
# one cut-versus-heat-and-time trace per graph and the figures
expect_ok train --experiment maxcut --steps 200 --format json --out "$TMP/exp4"
check json_py 'd["experiment"] == "maxcut" and [r["graph"] for r in d["runs"]] == ["G1", "G11", "G14"]' "experiment maxcut JSON"
check json_py '[r["best_known_cut"] for r in d["runs"]] == [11624, 564, 3064] and all(0 < r["best_cut"] <= r["best_known_cut"] for r in d["runs"])' \
  "experiment maxcut: cuts below the best-known ones"
check json_py 'all(r["total_heat_J"] * 100 < r["static_heat_J"] for r in d["runs"])' "experiment maxcut: heat << static flips"
for f in table.csv summary.json trace_G1.csv trace_G11.csv trace_G14.csv cut_vs_heat.png cut_vs_time.png; do
  check test -s "$TMP/exp4/$f" "experiment maxcut writes $f"
done
check test "$(csv_body "$TMP/exp4/trace_G11.csv" | head -1)" = "sweep,time_s,beta,barrier_kT,cut,best_cut,heat_modulated_J,heat_static_J" \
  "experiment maxcut trace header"
# the same anneal as --task maxcut-G11
cp "$TMP/out" "$TMP/exp4.json"
expect_ok train --task maxcut-G11 --steps 200 --format json
check python3 -c 'import json,sys
a=json.load(open(sys.argv[1]))["runs"][1]; b=json.load(open(sys.argv[2]))
sys.exit(0 if a["best_cut"] == b["best_cut"] and a["total_heat_J"] == b["total_heat_J"] else 1)' \
  "$TMP/exp4.json" "$TMP/out" "experiment maxcut repeats --task maxcut-G11"

# a target never reached: null in JSON, empty in CSV, "not reached" in tables, everywhere
expect_ok train --experiment maxcut --steps 50 --target 1 --out "$TMP/exp4b"
check grep -q "not reached" "$TMP/out" "experiment maxcut table: not reached"
check python3 -c 'import csv,sys
rows=list(csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith("#")))
sys.exit(0 if len(rows) == 3 and all(r["heat to target [J]"] == "" and r["time to target [s]"] == "" for r in rows) else 1)' \
  "$TMP/exp4b/table.csv" "experiment maxcut CSV: empty when not reached"
check python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
sys.exit(0 if all(r["energy_to_target_J"] is None and r["time_to_target_s"] is None for r in d["runs"]) else 1)' \
  "$TMP/exp4b/summary.json" "experiment maxcut JSON: null when not reached"
expect_ok train --experiment window --task breast-cancer --steps 5 --values 1e-6 --target 1 --format json --out "$TMP/exp5"
check json_py 'all(r["steps_to_target"] is None and r["energy_to_target_J"] is None for r in d["runs"])' \
  "experiment JSON: steps_to_target null when not reached"
check python3 -c 'import csv,sys
rows=list(csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith("#")))
sys.exit(0 if rows and all(r["heat to target [J]"] == "" for r in rows) else 1)' "$TMP/exp5/table.csv" \
  "experiment CSV: empty when not reached"
expect_ok train --experiment window --task breast-cancer --steps 5 --values 1e-6 --target 1
check grep -q "not reached" "$TMP/out" "experiment table: not reached"
expect_ok train --task breast-cancer --steps 5 --target 1 --format json
check json_py 'd["steps_to_target"] is None and d["energy_to_target_J"] is None' "single run JSON: null when not reached"
expect_ok train --experiment window --task breast-cancer --steps 20 --values 1e-6 --target 0.5 --format json
check json_py 'all(isinstance(r["steps_to_target"], int) and r["steps_to_target"] >= 1 for r in d["runs"])' \
  "experiment JSON: steps_to_target when reached"
expect_usage "--values" train --experiment window --values 1e-6,abc
# --values takes the ranges of --window and --barrier, at most 32 values
expect_usage "--values = '1e-13': allowed range [1e-12, 1000000] s" train --experiment window --values 1e-13
expect_usage "--values = '2e6': allowed range [1e-12, 1000000] s" train --experiment window --values 2e6
expect_usage "--values = '2': allowed range [3, 300] kT" train --experiment barrier --values 2
expect_usage "--values = '301'" train --experiment barrier --values 301
expect_usage "--window = '1e-13': allowed range [1e-12, 1000000] s" train --window 1e-13
expect_usage "--values: 33 values: allowed at most 32" train --experiment window \
  --values "$(python3 -c 'print(",".join(["1e-6"] * 33))')"
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
expect_usage "--cells applies to --paradigm lim-fixed and lim-matched" train --cells langevin --paradigm digital-static \
  --task quadratic --steps 2
expect_usage "--beta0 applies to the Max-Cut tasks and --experiment maxcut only" train --task digits --beta0 0.2

# options that the run would not read are rejected, naming the option and who uses it
expect_usage "--cells does not apply to --task maxcut-G1" train --task maxcut-G1 --cells jump
expect_usage "--beta0 applies to the Max-Cut tasks" train --experiment paradigms --beta0 0.2
expect_usage "--beta-end applies to the Max-Cut tasks" train --experiment window --beta-end 2
expect_usage "--barrier-rise applies to the Max-Cut tasks" train --experiment scaling --barrier-rise 3
expect_usage "--lr-t0 applies to --schedule inverse only" train --schedule constant --lr-t0 5
expect_usage "--batch does not apply to --task quadratic" train --task quadratic --batch 10
expect_usage "--batch does not apply to --task quadratic" train --experiment paradigms --task quadratic --batch 10
expect_usage "--lr-t0 applies to --schedule inverse only" train --experiment paradigms --schedule cosine --lr-t0 5
expect_usage "--bits does not apply to --paradigm ideal" train --paradigm ideal --bits 8
expect_usage "--tau0 does not apply to --paradigm ideal" train --paradigm ideal --tau0 1e-6
expect_usage "--barrier applies to --paradigm lim-matched" train --paradigm digital-static --barrier 5
# the names mean what they mean in simulate: --barrier is E_b (lim-matched's E_b(0)), --barrier-low
# the lowered barrier of lim-fixed
expect_usage "--barrier (E_b) does not apply to --paradigm lim-fixed" train --paradigm lim-fixed --barrier 5
expect_usage "--barrier-low does not apply to --paradigm lim-matched" train --paradigm lim-matched --barrier-low 5
expect_usage "--barrier-low is swept by --experiment barrier" train --experiment barrier --barrier-low 5
expect_usage "--cells applies to --paradigm lim-fixed and lim-matched" train --paradigm analog-static --cells jump
expect_usage "--retention-barrier is not used by lim-fixed without --hold > 0" train --paradigm lim-fixed --retention-barrier 40
expect_usage "--retention-barrier is not used by lim-fixed and lim-matched" train --experiment window --retention-barrier 40
expect_usage "--experiment barrier sweeps the barrier of lim-fixed and lim-matched" \
  train --experiment barrier --paradigm digital-static
expect_usage "--target does not apply to --experiment scaling" train --experiment scaling --target 0.9
expect_usage "--eval-every does not apply to --experiment scaling" train --experiment scaling --eval-every 5
expect_usage "--task does not apply to --experiment maxcut" train --experiment maxcut --task digits
expect_usage "--lr does not apply to --experiment maxcut" train --experiment maxcut --lr 0.3
expect_usage "--cells does not apply to --experiment maxcut" train --experiment maxcut --cells jump
expect_usage "--values does not apply to --experiment maxcut" train --experiment maxcut --values 1,2
expect_usage "--paradigm" train --experiment maxcut --paradigm lim-fixed
expect_usage "--experiment window applies to the training tasks" train --experiment window --task maxcut-G1
# ... and accepted where the run reads them
expect_ok train --task breast-cancer --paradigm lim-fixed --hold 1e-6 --retention-barrier 20 --steps 5 --format json
check json_py 'abs(d["time_s"] / 1e-5 - 1) < 1e-12' "lim-fixed with --hold and --retention-barrier"
expect_ok train --task breast-cancer --paradigm digital-static --retention-barrier 40 --steps 5 --format json
check json_py 'd["final_barrier_kT"] == 40' "digital-static with --retention-barrier"
expect_ok train --task breast-cancer --paradigm ideal --schedule cosine --window 1e-7 --steps 5 --format json
check json_py 'd["total_heat_J"] == 0' "ideal with the options it reads"
echo '{"task": "maxcut-G1", "cells": "jump"}' >"$TMP/cfg.json"
expect_usage "--cells does not apply to --task maxcut-G1" train --config "$TMP/cfg.json"
expect_usage "--lr" train --task maxcut-G1 --lr 0.1
expect_usage "--paradigm" train --task maxcut-G1 --paradigm digital-static
expect_usage "unexpected argument" train digits

finish
