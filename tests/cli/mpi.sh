#!/usr/bin/env bash
# limen simulate over MPI ranks (registered only when limen is built with MPI): the ensemble
# split over 2 and 3 processes gives exactly the single-process result, files included; one
# rank prints; bad input exits 2 with the one error line of rank 0 and nothing on stdout; ranks
# started with different options (as parsed), or that read different contents of a data file,
# stop with one line naming the option or the file.
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/mpi.bash"
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

same_run "erasure" 2 simulate --protocol erasure --tau 5tau0 --trajectories 1000 --seed 5 --threads 1
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

# ranks started with different options: every rank stops at its first meeting with the others,
# exit 2, one line naming the option that differs, nothing on stdout (it used to hang or mix
# the ensembles); the options are compared as parsed, so another spelling of the same value runs
timeout 120 "$mpirun" -np 1 "$LIMEN_BIN" simulate --protocol erasure --trajectories 100 --format json : \
  -np 1 "$LIMEN_BIN" simulate --protocol erasure --trajectories 1 --format json >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ "$rc" -ne 2 ]; then fail "ranks with different arguments: exit $rc, expected 2"
elif [ -s "$TMP/out" ]; then fail "ranks with different arguments: stdout not empty"
elif [ "$(grep -c '^limen' "$TMP/err")" -ne 1 ] ||
  ! grep -q '^limen simulate: the MPI ranks were started with different values of --trajectories (rank 1 differs from rank 0)' "$TMP/err"; then
  fail "ranks with different arguments: expected limen's one line: $(head -c 300 "$TMP/err")"
else pass; fi
timeout 120 "$mpirun" -np 1 "$LIMEN_BIN" simulate --protocol erasure --trajectories 100 --seed 3 --format json : \
  -np 1 "$LIMEN_BIN" simulate --protocol erasure --trajectories=100 --seed=3 --format=json >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] && grep -q '"mean_heat_kT"' "$TMP/out" && pass ||
  fail "the same options spelled otherwise: exit $rc: $(head -c 300 "$TMP/err")"

# ranks that read different data files (another LIMEN_DATA_DIR each, one number changed): exit 2
# with one line naming the file, whether the ranks meet only at the end (project) or inside the
# run (train --experiment); a rank whose catalog is broken ends every rank alike
cp -r "$LIMEN_TEST_DIR/../data" "$TMP/d1"
cp -r "$LIMEN_TEST_DIR/../data" "$TMP/d2"
sed -i '0,/"params": *[0-9.e+]*/s//"params": 12345/' "$TMP/d2/models.json"
sed -i '2s/^[0-9.]*,/9,/' "$TMP/d2/digits/digits.csv"
cmp -s "$TMP/d1/models.json" "$TMP/d2/models.json" && fail "the test's models.json was not changed"
cmp -s "$TMP/d1/digits/digits.csv" "$TMP/d2/digits/digits.csv" && fail "the test's digits.csv was not changed"
# data_differ NAME FILE ARGS...: limen ARGS on two ranks with data directories d1 and d2
data_differ() {
  local name=$1 file=$2 d2=$3
  shift 3
  timeout 300 "$mpirun" -np 1 -x LIMEN_DATA_DIR="$TMP/d1" "$LIMEN_BIN" "$@" : \
    -np 1 -x LIMEN_DATA_DIR="$d2" "$LIMEN_BIN" "$@" >"$TMP/out" 2>"$TMP/err"
  local rc=$?
  if [ "$rc" -ne 2 ]; then fail "$name: exit $rc, expected 2: $(head -c 300 "$TMP/err")"
  elif [ -s "$TMP/out" ]; then fail "$name: stdout not empty"
  elif [ "$(grep -c '^limen' "$TMP/err")" -ne 1 ] || ! grep '^limen' "$TMP/err" | grep -q -F "$file"; then
    fail "$name: expected one line naming $file: $(head -c 400 "$TMP/err")"
  else pass; fi
}
data_differ "project, another catalog" "data file 'models.json' (rank 1 differs from rank 0" "$TMP/d2" project
data_differ "train --experiment, another data set" "data file 'digits.csv' (rank 1 differs from rank 0" "$TMP/d2" \
  train --experiment paradigms --steps 5
mkdir -p "$TMP/bad" && echo '{"models": [' >"$TMP/bad/models.json" # a rank's catalog broken
data_differ "a rank with a broken catalog" "models.json" "$TMP/bad" project
# a catalog of the same name as limen's own (read after it) is compared with the same file of
# rank 0, not with limen's models.json: the ranks agree
timeout 120 "$mpirun" -np 2 "$LIMEN_BIN" models --catalog "$TMP/d2/models.json" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] && [ -s "$TMP/out" ] && pass ||
  fail "--catalog FILE/models.json on 2 ranks: exit $rc: $(head -c 300 "$TMP/err")"

finish
