#!/usr/bin/env bash
# Benchmark of training inside simulated physical memory (see docs/performance.md, "Training").
# Runs `limen train --task digits` at its default settings (softmax regression, 650 cells,
# 200 full-batch steps, evaluation every step) for the ideal reference and for each physical
# paradigm, and prints the wall time, steps per second and the ratio to the ideal run.
# usage: bench/train_bench.sh BUILD_DIR [REPS]
set -eu
if [ $# -lt 1 ] || [ ! -x "$1/limen" ]; then
  echo "usage: bench/train_bench.sh BUILD_DIR [REPS]   (BUILD_DIR/limen must exist)" >&2
  exit 2
fi
bin=$1/limen
reps=${2:-3}
steps=$("$bin" train --task digits --paradigm ideal --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["steps"])')
echo "limen train --task digits (defaults: $steps steps, 650 cells); best of $reps runs; $(nproc) CPUs visible"
printf '  %-15s %10s %12s %14s\n' paradigm "wall [s]" "steps/s" "time / ideal"
ideal=
for p in ideal digital-static analog-static lim-fixed lim-matched; do
  best=
  for _ in $(seq "$reps"); do
    t0=$(date +%s.%N)
    "$bin" train --task digits --paradigm "$p" --format json > /dev/null
    t1=$(date +%s.%N)
    t=$(python3 -c "print($t1 - $t0)")
    best=$(python3 -c "b='$best'; print(min(float(b), $t) if b else $t)")
  done
  [ -z "$ideal" ] && ideal=$best
  python3 -c "print('  %-15s %10.3f %12.0f %14.2f' % ('$p', $best, $steps / $best, $best / $ideal))"
done
