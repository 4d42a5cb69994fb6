#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Numba implementation of the benchmarked kernel, the second peer of bench/run.sh: the same
double-well erasure ensemble, Euler-Maruyama steps and Sekimoto work/heat bookkeeping as
bench/langevin_numpy.py (and the engine), written as a compiled loop over the trajectories and,
inside, over the steps (@njit, one thread), each step drawing its noise with Numba's own
np.random.standard_normal.  The controls are tabulated once per step, as the engine evaluates
them once per step for a whole block.  Compilation is done before the clock starts.

Needs Debian's python3-numba (apt-get install python3-numba).
usage: langevin_numba.py [--traj M] [--tau T] [--dt S] [--reps R]
Prints "numba_threads1 <particle-steps per second>" by the wall clock and "numba_cpu_threads1"
by the thread's CPU time."""
import math
import time

import numpy as np
from numba import njit

import langevin_numpy
from langevin_numpy import control


@njit(cache=False)
def ensemble(m, barrier, tilt, dt, seed):
    """Work and heat of m trajectories over the tabulated controls (index 0: t = 0)."""
    np.random.seed(seed)
    amp = math.sqrt(2.0 * dt)
    work = np.zeros(m)
    heat = np.zeros(m)
    for i in range(m):
        x = (-1.0 if np.random.random() < 0.5 else 1.0) + 0.1 * np.random.standard_normal()
        u = barrier[0] * (x * x - 1.0) ** 2 - tilt[0] * x
        w = 0.0
        q = 0.0
        for k in range(1, barrier.shape[0]):
            b = barrier[k]
            tl = tilt[k]
            x2m1 = x * x - 1.0
            ua = b * x2m1 * x2m1 - tl * x
            w += ua - u
            force = -4.0 * b * x * x2m1 + tl
            x = x + force * dt + amp * np.random.standard_normal()
            x2m1 = x * x - 1.0
            u = b * x2m1 * x2m1 - tl * x
            q += ua - u
        work[i] = w
        heat[i] = q
    return work, heat


def run(m, tau, dt, eb=8.0, elow=0.5, f=4.0, seed=1):
    n = int(math.ceil(tau / dt - 1e-12))
    dt = tau / n
    ctl = [control(k * dt, tau, eb, elow, f) for k in range(n + 1)]
    barrier = np.array([c[0] for c in ctl])
    tilt = np.array([c[1] for c in ctl])
    t0, c0 = time.perf_counter(), time.thread_time()
    _, heat = ensemble(m, barrier, tilt, dt, seed)
    elapsed, cpu = time.perf_counter() - t0, time.thread_time() - c0
    return m * n / elapsed, float(np.mean(heat)), m * n / cpu


def main():
    langevin_numpy.main("numba", run, warm_up=lambda dt: run(2, 10 * dt, dt))


if __name__ == "__main__":
    main()
