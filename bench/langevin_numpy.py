#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""NumPy implementation of the benchmarked kernel: the double-well erasure ensemble with
Euler-Maruyama steps and the Sekimoto work/heat bookkeeping of the Langevin engine
(lambda updated at fixed x: work; x moved at fixed lambda: heat), vectorized over the
trajectories.  Protocol as limen's "erasure" (four equal stages: lower the barrier E_b -> E_low,
tilt 0 -> -f, raise E_low -> E_b, untilt -f -> 0), U = E_b (x^2 - 1)^2 - f x, units kT = gamma = 1.

usage: langevin_numpy.py [--traj M] [--tau T] [--dt S] [--reps R]
Prints "numpy_threads1 <particle-steps per second>" by the wall clock and "numpy_cpu_threads1"
by the thread's CPU time (NumPy runs these element-wise kernels
on one core)."""
import argparse
import math
import time

import numpy as np


def control(t, tau, eb, elow, f):
    s = 4.0 * t / tau
    if s <= 1.0:
        return eb + (elow - eb) * s, 0.0
    if s <= 2.0:
        return elow, -f * (s - 1.0)
    if s <= 3.0:
        return elow + (eb - elow) * (s - 2.0), -f
    return eb, -f * (1.0 - min(s - 3.0, 1.0))


def run(m, tau, dt, eb=8.0, elow=0.5, f=4.0, seed=1):
    rng = np.random.default_rng(seed)
    n = int(math.ceil(tau / dt - 1e-12))
    dt = tau / n
    x = np.where(rng.random(m) < 0.5, -1.0, 1.0) + 0.1 * rng.standard_normal(m)
    b, tl = control(0.0, tau, eb, elow, f)
    u = b * (x * x - 1.0) ** 2 - tl * x
    w = np.zeros(m)
    q = np.zeros(m)
    amp = math.sqrt(2.0 * dt)
    t0, c0 = time.perf_counter(), time.thread_time()
    for k in range(n):
        b, tl = control((k + 1) * dt, tau, eb, elow, f)
        x2m1 = x * x - 1.0
        ua = b * x2m1 * x2m1 - tl * x
        w += ua - u
        force = -4.0 * b * x * x2m1 + tl
        x = x + force * dt + amp * rng.standard_normal(m)
        x2m1 = x * x - 1.0
        u = b * x2m1 * x2m1 - tl * x
        q += ua - u
    elapsed, cpu = time.perf_counter() - t0, time.thread_time() - c0
    return m * n / elapsed, float(np.mean(q)), m * n / cpu


def main(name="numpy", run_fn=run, warm_up=None):
    """Parse the options, time run_fn over --reps runs, print the best rates (also for
    langevin_numba.py, whose warm_up(dt) compiles its kernel first)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--traj", type=int, default=20000)
    ap.add_argument("--tau", type=float, default=1.0)
    ap.add_argument("--dt", type=float, default=1e-3)
    ap.add_argument("--reps", type=int, default=3)
    a = ap.parse_args()
    if warm_up:
        warm_up(a.dt)
    runs = [run_fn(a.traj, a.tau, a.dt, seed=r + 1) for r in range(a.reps)]
    print(f"{name}_threads1 {max(r[0] for r in runs):.6g}")
    print(f"{name}_cpu_threads1 {max(r[2] for r in runs):.6g}")


if __name__ == "__main__":
    main()
