#!/usr/bin/env bash
# Bounded work and overflow-safe data (docs/reliability.md): a simulation beyond the work cap
# (LIMEN_WORK_CAP, 1e12 particle-steps; a Fokker-Planck cell-step counts 16) is refused before
# it starts with exit 2, the estimate, the cap and the --max-work that allows it; --max-work
# raises it; a Fokker-Planck grid beyond its 1e7-cell cap is refused instead of run coarse; a
# data set cell of 1e308 trains with finite output.
source "$(dirname "$0")/lib/common.bash"

# the run of the report: 64 trajectories x 1e14 steps, refused at once
expect_usage "--max-work = 1e+12: the run needs 6.4e+15 particle-steps (64 trajectories × 1e+14 steps" \
  simulate --protocol erasure --trajectories 64 --dt 0.01tau0 --tau 1e12tau0
check grep -q -- "give --max-work 6.4e+15 or more" "$TMP/err" "the message says how to raise the cap"
# the cap is exact: 100 trajectories x 1000 steps = 1e5
expect_usage "--max-work = 99999: the run needs 1e+05 particle-steps" \
  simulate --protocol erasure --trajectories 100 --tau 10tau0 --dt 0.01tau0 --max-work 99999
expect_ok simulate --protocol erasure --trajectories 100 --tau 10tau0 --dt 0.01tau0 --max-work 100000
# Fokker-Planck: cells x steps x 16 (trap-linear: 4579 cells, 1000 steps: 73,264,000)
expect_usage "--max-work = 1000: the run needs 7.33e+07 particle-steps (4579 cells × 1000 steps × 16)" \
  simulate --method fokker-planck --protocol trap-linear --max-work 1000
check grep -q -- "give --max-work 7.33e+07 or more" "$TMP/err" "the suggested cap is rounded up"
expect_ok simulate --method fokker-planck --protocol trap-linear --max-work 7.33e7
# a grid beyond its cap (a trap moved by 1e6 a: 2e8 cells of 0.005 a) is refused up front,
# not run on a coarser grid and reported as success
SECONDS=0
expect_usage "--cells: the automatic grid needs 2e+08 cells" \
  simulate --method fokker-planck --protocol trap-linear --distance 1e6
check test "$SECONDS" -lt 60 "the refusal comes before the run"
expect_usage "--max-work = '0': allowed range [1, 1e+18]" simulate --protocol erasure --max-work 0

# a data set cell of 1e308 (and one of -1e308) no longer zeroes its feature column: finite output
mkdir -p "$TMP/data/breast_cancer"
for f in "$LIMEN_DATA_DIR"/*; do [ "$(basename "$f")" = breast_cancer ] || ln -s "$f" "$TMP/data/"; done
awk -F, 'BEGIN{OFS=","} NR==2{$1="1e308"} NR==300{$3="-1e308"} {print}' \
  "$LIMEN_DATA_DIR/breast_cancer/breast_cancer.csv" >"$TMP/data/breast_cancer/breast_cancer.csv"
LIMEN_DATA_DIR="$TMP/data" expect_ok train --task breast-cancer --steps 50 --format json
check json_py '0.5 < d["final_test_accuracy"] <= 1 and 0 < d["final_loss"] < 10' \
  "training on a cell of 1e308: finite results, the other features still learned"
finish
