#!/usr/bin/env bash
# limen validate, sweep and train --experiment over MPI ranks (registered only when limen is
# built with MPI): the checks, grid points and training runs split over 2 and 3 processes give
# the single-process output bit for bit (every field but the wall time) and the same --out
# files; a rank left without work changes nothing; bad input, found by every rank alike or by
# one rank inside the run, exits 2 with one line from limen and nothing on stdout.
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/mpi.bash"

# without_wall FILE: the file without the wall time and speed (JSON lines; validate's last table
# line) and without its provenance record (command line and time: lib/run_facts_free.py)
without_wall() {
  run_facts_free "$1" | grep -v -E '"(seconds|wall_seconds|wall_s|steps_per_second|physics_share)"' |
    sed -E 's/, [0-9.]+ s: /, _ s: /'
}

# same_out NAME RANKS OUT ARGS...: limen ARGS alone and under mpirun -np RANKS print the same
# (but the wall time); with OUT = out, both also write --out DIR, and the files agree (the
# manifest names the command and the time: not compared)
same_out() {
  local name=$1 ranks=$2 out=$3
  shift 3
  local a1=() a2=()
  rm -rf "$TMP/one" "$TMP/many"
  if [ "$out" = out ]; then a1=(--out "$TMP/one"); a2=(--out "$TMP/many"); fi
  "$LIMEN_BIN" "$@" "${a1[@]}" >"$TMP/one.txt" 2>"$TMP/one.err" ||
    { fail "$name: single process failed: $(head -c 300 "$TMP/one.err")"; return; }
  timeout 600 "$mpirun" -np "$ranks" "$LIMEN_BIN" "$@" "${a2[@]}" >"$TMP/many.txt" 2>"$TMP/many.err" ||
    { fail "$name: mpirun -np $ranks failed: $(head -c 300 "$TMP/many.err")"; return; }
  [ -s "$TMP/one.txt" ] || { fail "$name: nothing printed"; return; }
  if ! diff <(without_wall "$TMP/one.txt") <(without_wall "$TMP/many.txt") >"$TMP/diff"; then
    fail "$name: -np $ranks differs from one process: $(head -c 400 "$TMP/diff")"
    return
  fi
  if [ "$out" = out ]; then
    local f b
    for f in "$TMP"/one/*; do
      b=$(basename "$f")
      [ "$b" = manifest.json ] && continue
      cmp -s <(without_wall "$f") <(without_wall "$TMP/many/$b") ||
        { fail "$name: --out file $b differs under -np $ranks"; return; }
    done
    [ "$(ls "$TMP/one")" = "$(ls "$TMP/many")" ] || { fail "$name: other --out files under -np $ranks"; return; }
  fi
  pass
}

# validate: the checks split over the ranks; 2 checks on 3 ranks leave one idle
same_out "validate json" 2 - validate --check em-variance,ou-transition,schmiedl-seifert,jarzynski,static-write \
  --scale 0.05 --threads 1 --format json
same_out "validate table, an idle rank" 3 - validate --check em-variance,jarzynski --scale 0.05 --threads 1
# sweep: the grid points (blocks of 64 per rank) in every layout; 2 points on 3 ranks
same_out "sweep csv" 2 - sweep --vary params=1e9:1e15:150:log --vary bits=1:16:16
same_out "sweep json" 3 - sweep --vary params=1e9:1e15:200:log --format json
same_out "sweep wide, an idle rank" 3 - sweep --vary time=3600:3.15e8:2:log --layout wide
# train --experiment: every experiment, its table, JSON and --out files
same_out "paradigms" 2 out train --experiment paradigms --steps 20
same_out "paradigms table" 3 - train --experiment paradigms --steps 20
same_out "window" 3 out train --experiment window --steps 20 --format json
same_out "barrier, an idle rank" 3 out train --experiment barrier --paradigm lim-fixed --values 4,6 --steps 20 \
  --format json
same_out "scaling" 3 out train --experiment scaling --steps 20 --format json
same_out "maxcut" 2 out train --experiment maxcut --steps 30 --format json
same_out "maxcut, more ranks than graphs" 4 - train --experiment maxcut --steps 30

# expect_mpi_usage NAME FIELD RANKS ARGS...: under mpirun, exit 2, nothing on stdout, one line
# from limen naming FIELD (rank 0 speaks for all), and within the time limit (no rank hangs)
expect_mpi_usage() {
  local name=$1 field=$2 ranks=$3
  shift 3
  timeout 300 "$mpirun" -np "$ranks" "$LIMEN_BIN" "$@" >"$TMP/out" 2>"$TMP/err"
  local rc=$?
  if [ "$rc" -ne 2 ]; then fail "$name: exit $rc, expected 2: $(head -c 300 "$TMP/err")"
  elif [ -s "$TMP/out" ]; then fail "$name: stdout not empty"
  elif [ "$(grep -c '^limen' "$TMP/err")" -ne 1 ]; then fail "$name: expected one line from limen: $(head -c 400 "$TMP/err")"
  elif ! grep '^limen' "$TMP/err" | grep -q -F -- "$field"; then fail "$name: the line does not name $field: $(cat "$TMP/err")"
  else pass; fi
}

# bad input that every rank finds before any run
expect_mpi_usage "validate, bad scale" "--scale" 2 validate --scale 0
expect_mpi_usage "validate, unknown check" "no-such-check" 3 validate --check no-such-check
expect_mpi_usage "sweep, bad grid" "--vary" 3 sweep --vary params=1e9:1e15:0:log
expect_mpi_usage "train, bad values" "--values" 2 train --experiment barrier --values 4,-1 --steps 20
# bad input found inside the run by the rank whose block holds it (bits 8.5 at the middle of
# the grid, on rank 1 of 3): the other ranks take its error, rank 0 prints it once
expect_mpi_usage "sweep, a point refused on rank 1" "--bits = 8.5" 3 sweep --vary bits=1:16:3

finish
