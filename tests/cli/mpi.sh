#!/usr/bin/env bash
# limen simulate over MPI ranks (registered only when limen is built with MPI): the ensemble
# split over 2 and 3 processes gives exactly the single-process result, files included; one
# rank prints; bad input exits 2 with the one error line of rank 0 and nothing on stdout; ranks
# started with different arguments stop at once.
source "$(dirname "$0")/lib/common.bash"

# Open MPI in a container, as root, with more ranks than cores
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
mpirun=$(command -v mpirun || command -v mpiexec || true)
if [ -z "$mpirun" ]; then
  fail "limen is built with MPI but no mpirun is on PATH (Debian: openmpi-bin)"
  finish
fi
"$LIMEN_BIN" --version | grep -q '^built with MPI: ' && pass || fail "limen --version does not name its MPI library"

# same_run NAME RANKS ARGS...: limen ARGS alone and under mpirun -np RANKS agree to the bit
# (every line of the JSON but the wall time), and so do the files written by --out
same_run() {
  local name=$1 ranks=$2
  shift 2
  rm -rf "$TMP/one" "$TMP/many"
  "$LIMEN_BIN" "$@" --format json --out "$TMP/one" >"$TMP/one.json" 2>"$TMP/one.err" ||
    { fail "$name: single process failed: $(head -c 300 "$TMP/one.err")"; return; }
  "$mpirun" -np "$ranks" "$LIMEN_BIN" "$@" --format json --out "$TMP/many" >"$TMP/many.json" 2>"$TMP/many.err" ||
    { fail "$name: mpirun -np $ranks failed: $(head -c 300 "$TMP/many.err")"; return; }
  if ! diff <(run_facts_free "$TMP/one.json") <(run_facts_free "$TMP/many.json") >"$TMP/diff"; then
    fail "$name: -np $ranks differs from one process: $(head -c 400 "$TMP/diff")"
    return
  fi
  for f in "$TMP"/one/*; do
    b=$(basename "$f")
    if [ "$b" = manifest.json ]; then # its time, command and the wall time inside the report differ
      names() { python3 -c 'import json,sys; print(sorted(f["name"] for f in json.load(open(sys.argv[1]))["files"]))' "$1"; }
      [ "$(names "$f")" = "$(names "$TMP/many/$b")" ] || { fail "$name: the manifests list other files under -np $ranks"; return; }
      continue
    fi
    cmp -s <(run_facts_free "$f") <(run_facts_free "$TMP/many/$b") ||
      { fail "$name: --out file $b differs under -np $ranks"; return; }
  done
  [ "$(grep -c '"mean_heat_kT"' "$TMP/many.json")" -eq 1 ] || { fail "$name: not exactly one rank printed"; return; }
  pass
}

same_run "erasure" 2 simulate --protocol erasure --tau 5 --trajectories 1000 --seed 5 --threads 1
# 100 trajectories are 2 blocks of 64: the third rank has none
same_run "static write, an idle rank" 3 simulate --protocol static-write --trajectories 100 --seed 2 --threads 1
same_run "trap, uneven blocks" 3 simulate --protocol trap-optimal --trajectories 333 --seed 9 --threads 2

# bad input: exit 2, nothing on stdout, limen's one line (from rank 0 only)
"$mpirun" -np 2 "$LIMEN_BIN" simulate --protocol erasure --trajectories 0 >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ "$rc" -ne 2 ]; then fail "bad input under mpirun: exit $rc, expected 2"
elif [ -s "$TMP/out" ]; then fail "bad input under mpirun: stdout not empty"
elif [ "$(grep -c '^limen simulate: --trajectories' "$TMP/err")" -ne 1 ]; then
  fail "bad input under mpirun: expected one error line from limen: $(head -c 300 "$TMP/err")"
else pass; fi

# ranks started with different arguments: every rank stops before any collective, exit 2, one
# line naming the rank that differs, nothing on stdout (it used to hang or mix the ensembles)
timeout 120 "$mpirun" -np 1 "$LIMEN_BIN" simulate --protocol erasure --trajectories 100 --format json : \
  -np 1 "$LIMEN_BIN" simulate --protocol erasure --trajectories 1 --format json >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ "$rc" -ne 2 ]; then fail "ranks with different arguments: exit $rc, expected 2"
elif [ -s "$TMP/out" ]; then fail "ranks with different arguments: stdout not empty"
elif ! grep -q '^limen: the MPI ranks were started with different arguments (rank 1 differs from rank 0)' "$TMP/err"; then
  fail "ranks with different arguments: expected limen's line: $(head -c 300 "$TMP/err")"
else pass; fi

finish
