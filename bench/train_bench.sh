#!/usr/bin/env bash
# Benchmark of training inside simulated physical memory (see docs/performance.md, "Training").
# Runs `limen train --task digits` at its default settings (softmax regression, 650 cells,
# 200 full-batch steps, evaluation every step) for the ideal reference and for each physical
# paradigm, and the MLP (digits-mlp, 2410 cells) with every parameter a Langevin-simulated
# cell (--cells langevin, a few steps); prints the wall time of the process, the steps per
# second of the training loop and the share of the loop's time spent in the cell physics
# (the library's clock counters, limen_train_timing) against the model arithmetic, and the
# ratio to the ideal run.
# usage: bench/train_bench.sh BUILD_DIR [REPS]
set -eu
if [ $# -lt 1 ] || [ ! -x "$1/limen" ]; then
  echo "usage: bench/train_bench.sh BUILD_DIR [REPS]   (BUILD_DIR/limen must exist)" >&2
  exit 2
fi
bin=$1/limen
reps=${2:-3}
echo "limen train; best of $reps runs; $(nproc) CPUs visible, load average $(cut -d' ' -f1 /proc/loadavg)"
printf '  %-42s %9s %10s %10s %9s\n' run "wall [s]" "steps/s" "physics" "/ ideal"
ideal=
# bench LABEL ARGS...: the best run of reps (by wall time) of limen train ARGS --format json
bench() {
  local label=$1 best= line=
  shift
  for _ in $(seq "$reps"); do
    t0=$(date +%s.%N)
    json=$("$bin" train "$@" --format json)
    t1=$(date +%s.%N)
    row=$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); print($t1 - $t0, d['steps_per_second'], d['physics_share'])" "$json")
    t=${row%% *}
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $t < $best else 1)"; then best=$t line=$row; fi
  done
  [ -z "$ideal" ] && ideal=$best
  python3 -c "w,s,p='$line'.split(); print('  %-42s %9.3f %10.1f %9.1f%% %9.2f' % ('$label', float(w), float(s), 100*float(p), float(w)/$ideal))"
}
for p in ideal digital-static analog-static lim-fixed lim-matched; do bench "digits, $p" --task digits --paradigm "$p"; done
bench "digits-mlp, lim-matched" --task digits-mlp --paradigm lim-matched
bench "digits-mlp, lim-fixed, Langevin cells, 2 steps" --task digits-mlp --paradigm lim-fixed --cells langevin \
  --window 2e-8 --steps 2 --eval-every 1
