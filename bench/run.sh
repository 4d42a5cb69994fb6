#!/usr/bin/env bash
# Benchmarks of the Langevin kernel, the learning-path meter and the projections (see
# docs/performance.md).  Builds nothing.  The kernel's peers need Debian's python3-numpy and
# python3-numba (scripts/apt-missing.sh python3-numpy python3-numba installs what is missing).
# usage: bench/run.sh BUILD_DIR [--quick]
set -eu
if [ $# -lt 1 ] || [ ! -x "$1/bench/bench_langevin" ]; then
  echo "usage: bench/run.sh BUILD_DIR [--quick]   (BUILD_DIR/bench/bench_langevin must exist)" >&2
  exit 2
fi
build=$1
here=$(cd "$(dirname "$0")" && pwd)
traj=20000 tau=5 reps=5 nptau=1
if [ "${2:-}" = "--quick" ]; then traj=4000 tau=1 reps=1 nptau=0.2; fi
# Debian's python3-numpy lives under /usr/bin/python3; another python3 first on PATH may lack it
py=python3
python3 -c 'import numpy' 2>/dev/null || py=/usr/bin/python3
out=$("$build/bench/bench_langevin" --traj "$traj" --tau "$tau" --reps "$reps" 2>/dev/null)
np=$("$py" "$here/langevin_numpy.py" --traj "$traj" --tau "$nptau" --reps "$reps")
# the same with one engine block of 64 trajectories, where NumPy's per-call overhead dominates
np64=$("$py" "$here/langevin_numpy.py" --traj 64 --tau "$nptau" --reps "$reps" | sed 's/^numpy_/numpy64_/')
# the Numba peer: a compiled per-trajectory loop (same ensemble, same steps as NumPy's run)
if "$py" -c 'import numba' 2>/dev/null; then
  nb=$("$py" "$here/langevin_numba.py" --traj "$traj" --tau "$nptau" --reps "$reps")
else
  echo "bench/run.sh: python3-numba is missing (apt-get install python3-numba): no Numba peer" >&2
  nb="numba_threads1 nan
numba_cpu_threads1 nan"
fi
np="$np
$np64
$nb"
python3 - "$out" "$np" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" <<'PY'
import sys
d = {}
for line in (sys.argv[1] + "\n" + sys.argv[2]).splitlines():
    k, _, v = line.partition(" ")
    d[k] = v
f = lambda k: float(d[k])
print(f"Langevin kernel benchmark: {d['protocol']}")
print(f"  {d['trajectories']} trajectories x {d['steps']} steps; {sys.argv[3]} CPUs visible; "
      f"load average {sys.argv[4]}")
print()
print(f"{'':28s}{'1 thread':>14s}{'2 threads':>14s}{'1 thread, CPU':>16s}")
c = lambda k: f"{f(k):16.4g}" if k in d else ""
row = lambda name, k: print(f"{name:28s}{f(k + '_threads1'):14.4g}" +
                           (f"{f(k + '_threads2'):14.4g}" if k + '_threads2' in d else f"{'':14s}") +
                           c(k + '_cpu_threads1'))
row("kernel [particle-steps/s]", "kernel")
row("roofline (Gaussians only)", "roofline")
row("arithmetic only (no noise)", "arith")
row("NumPy [particle-steps/s]", "numpy")
row("NumPy, 64 trajectories", "numpy64")
row("Numba [particle-steps/s]", "numba")
print(f"{'Fokker-Planck [cell-steps/s]':28s}{f('fp_cell_steps'):14.4g}   ({d['fp_cells']} cells, TR-BDF2)")
print(f"  (NumPy: {d['trajectories']} trajectories, vectorized; Numba: an @njit loop per trajectory;")
print("   CPU: by the thread's CPU time, i.e. the core's speed while it ran, whatever else the machine ran)")
print()
ok = lambda c: "meets" if c else "BELOW"
def goals(tag, sfx):
    k1 = f('kernel' + sfx)
    npx, nbx = k1 / f('numpy' + sfx), k1 / f('numba' + sfx)
    print(f"{tag}: kernel {k1:9.3g} particle-steps/s (goal >= 4e8: {ok(k1 >= 4e8)}), "
          f"Gaussian {1e9 / f('roofline' + sfx):.2f} ns per number")
    print(f"{'':16s}kernel / NumPy {npx:5.1f}x (goal >= 10x: {ok(npx >= 10)}; earlier >= 30x: "
          f"{ok(npx >= 30)})")
    print(f"{'':16s}kernel / Numba {nbx:5.1f}x (goal >= 10x: {ok(nbx >= 10)})")
goals("1 thread, wall", "_threads1")
goals("1 thread, CPU ", "_cpu_threads1")
print(f"Gaussian route: {d['gaussian_route']} (LIMEN_RNG_ISA=baseline|avx2|avx512 forces one)")
r1 = f('kernel_threads1') / f('roofline_threads1')
r2 = f('kernel_threads2') / f('roofline_threads2')
sp = f('kernel_threads2') / f('kernel_threads1')
print(f"kernel / roofline, 1 thread   {r1:6.1%}   (target >= 50 %: {ok(r1 >= 0.5)})")
print(f"kernel / roofline, 2 threads  {r2:6.1%}   (target >= 50 %: {ok(r2 >= 0.5)})")
npx64 = f('kernel_threads1') / f('numpy64_threads1')
print(f"kernel / NumPy at 64 traj.    {npx64:6.1f}x   (target >= 30x: {ok(npx64 >= 30)})")
ceil_ = f('arith_threads1') / f('numpy_threads1')
print(f"ceiling without noise / NumPy {ceil_:6.1f}x   (no kernel that draws noise can exceed this)")
print(f"speed-up 1 -> 2 threads       {sp:6.2f}x   (target >= 1.8x: {ok(sp >= 1.8)}; "
      f"needs an idle machine: load above)")
PY

# The learning-path meter (src/path) against memcpy of the same arrays, when it was built.
if [ -x "$build/bench/bench_path" ]; then
  params=16777216 steps=10 preps=3
  if [ "${2:-}" = "--quick" ]; then params=4194304 steps=4 preps=1; fi
  nth=$(nproc)
  for isa in baseline avx2 avx512; do
  pout=$(LIMEN_PATH_ISA=$isa OMP_NUM_THREADS=1 "$build/bench/bench_path" --params "$params" --steps "$steps" --reps "$preps" 2>/dev/null)
  pout2=$(LIMEN_PATH_ISA=$isa OMP_NUM_THREADS=$nth "$build/bench/bench_path" --params "$params" --steps "$steps" --reps "$preps" 2>/dev/null)
  python3 - "$pout" "$pout2" "$isa" "$nth" <<'PY'
import sys
d = dict(l.split(" ", 1) for l in sys.argv[1].splitlines())
d2 = dict(l.split(" ", 1) for l in sys.argv[2].splitlines())
f = lambda k: float(d[k])
n = sys.argv[4]
print()
print(f"Learning-path meter, route {sys.argv[3]}: {d['params']} parameters, {d['steps']} steps, "
      f"best of {d['reps']}")
print("  (LIMEN_PATH_ISA forces the route; one the CPU lacks runs the baseline)")
print(f"{'':30s}{'float32':>14s}{'float64':>14s}")
print(f"{'meter, 1 thread [params/s]':30s}{f('meter_f32'):14.4g}{f('meter_f64'):14.4g}")
print(f"{'meter, ' + n + ' threads [params/s]':30s}{float(d2['meter_f32']):14.4g}{float(d2['meter_f64']):14.4g}")
print(f"{'memcpy [params/s]':30s}{f('memcpy_f32'):14.4g}{f('memcpy_f64'):14.4g}")
for t in ("f32", "f64"):
    r, r2 = f(f"meter_{t}") / f(f"memcpy_{t}"), float(d2[f"meter_{t}"]) / f(f"memcpy_{t}")
    print(f"meter / memcpy, {t}: 1 thread {r:6.1%}, {n} threads {r2:6.1%}   "
          f"(target >= 50 %: {'meets' if max(r, r2) >= 0.5 else 'BELOW'})")
PY
  done
fi

# Projections per second per paradigm on the 5,800-point sweep grid, against landauer-adiabatic.
if [ -x "$build/bench/bench_project" ]; then
  unc=20
  if [ "${2:-}" = "--quick" ]; then unc=2; fi
  jout=$("$build/bench/bench_project" --uncached "$unc" 2>/dev/null)
  python3 - "$jout" <<'PY'
import sys
rows = [l.split() for l in sys.argv[1].splitlines() if not l.startswith("points")]
pts = sys.argv[1].splitlines()[0].split()[1]
v = {r[0]: {r[i]: float(r[i + 1]) for i in range(1, len(r), 2)} for r in rows}
ref = v["landauer-adiabatic"]["cold_cpu"]
print()
print(f"Projections on the sweep grid ({pts} points, bits x time) per paradigm, in evaluations per")
print("second of one thread's CPU time (bench_project prints the wall clock too): without the")
print("assumption lines as sweeps and figures make them (memo of cell quantities cold, warm, off),")
print("and cold with the lines (as limen project). Goal: cold >= 0.1 x landauer-adiabatic and >= 1e5/s")
print(f"{'paradigm':27s}{'cold':>10s}{'warm':>10s}{'no memo':>10s}{'lines':>10s}{'/ landauer':>12s}  goal")
for name, d in v.items():
    r = d["cold_cpu"] / ref
    ok = r >= 0.1 and d["cold_cpu"] >= 1e5
    print(f"{name:27s}{d['cold_cpu']:10.3g}{d['warm_cpu']:10.3g}{d['uncached_cpu']:10.3g}"
          f"{d['lines_cpu']:10.3g}{r:11.2g}x  {'meets' if ok else 'BELOW'}")
PY
fi
