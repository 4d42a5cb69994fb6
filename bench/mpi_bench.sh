#!/usr/bin/env bash
# When MPI pays off (docs/performance.md, "Across MPI ranks"): the same command on one process
# and under mpirun -np 2 on this machine, one thread per process (OMP_NUM_THREADS=1, --threads
# 1), for growing sizes of limen train --experiment paradigms, limen sweep, limen validate and
# limen simulate; prints the best wall time of REPS runs of each and the speedup (1 / 2 ranks).
# Waiting ranks yield the CPU (mpi_yield_when_idle): on a machine shared with other work, Open
# MPI's default busy polling makes every collective wait for a time slice.
# usage: bench/mpi_bench.sh BUILD_DIR [REPS]   (BUILD_DIR/limen built with MPI, mpirun on PATH)
set -eu
if [ $# -lt 1 ] || [ ! -x "$1/limen" ] || ! command -v mpirun >/dev/null; then
  echo "usage: bench/mpi_bench.sh BUILD_DIR [REPS]   (BUILD_DIR/limen built with MPI, mpirun on PATH)" >&2
  exit 2
fi
bin=$1/limen
reps=${2:-3}
cpus=$(nproc)
export OMP_NUM_THREADS=1 OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_btl_vader_single_copy_mechanism=none OMPI_MCA_mpi_yield_when_idle=1

# best RUNNER... : the best wall time [s] of reps runs of the command
best() {
  local b=
  for _ in $(seq "$reps"); do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s.%N)
    b=$(python3 -c "b='$b'; t=$t1-$t0; print(min(float(b), t) if b else t)")
  done
  echo "$b"
}

row() {
  local label=$1
  shift
  local one two
  one=$(best "$bin" "$@")
  two=$(best mpirun -np 2 "$bin" "$@")
  python3 -c "print('  %-44s %9.2f %9.2f %8.2f' % ('$label', $one, $two, $one / $two))"
}

echo "one process vs mpirun -np 2, one thread each; best of $reps; $cpus CPUs visible, load average $(cut -d" " -f1 /proc/loadavg)"
printf '  %-44s %9s %9s %8s\n' command "1 [s]" "2 [s]" speedup
row "mpirun start (limen --version)" --version
for s in 2 10 40 160; do row "train --experiment paradigms --steps $s" train --experiment paradigms --steps "$s"; done
for n in 1000 10000; do row "sweep, $n points x 6 paradigms" sweep --vary params=1e9:1e15:"$n":log; done
row "sweep, 64000 points x 6 paradigms" sweep --vary params=1e9:1e15:1000:log --vary bits=1:64:64
for x in 0.05 0.2; do
  row "validate --check stiffness,hopping --scale $x" validate --check stiffness,hopping --scale "$x" --threads 1
done
for m in 1000 10000 40000; do
  row "simulate erasure, $m trajectories" simulate --protocol erasure --trajectories "$m" --threads 1
done
