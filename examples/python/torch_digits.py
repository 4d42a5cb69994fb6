#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The energy of a real training run's learning path, at the physical limit.

A small MLP (64-32-10) learns scikit-learn's digits (1,797 8×8 images) with PyTorch's Adam; a
limen.PathMeter attached to the optimizer records how far every parameter moves at every
step, in levels of an n-bit memory.  The script prints the measured path beside what limen's
projections assume for the same N, K and time (the η0/(1 + k/t0) schedule, g = 1 per unit
learning rate), the energy of both per paradigm, and writes a figure: energy per step and
cumulative energy, per paradigm, for the measured path.

The step time of the learning-in-memory hardware is an input: by default the run's own mean
wall-clock time per optimizer step (the rule: the hardware takes as long per step as this run
did), or --step-time.  docs/python.md walks through the output.

    python3 examples/python/torch_digits.py [--epochs 30] [--bits 16] [--out torch_digits.png]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

import limen

PARADIGMS = ["landauer-adiabatic", "lim-finite-time", "lim-matched", "cim-static"]


def data(seed: int):
    x, y = load_digits(return_X_y=True)
    x = (x / 16.0).astype(np.float32)
    xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.25, random_state=seed, stratify=y)
    return (torch.from_numpy(xtr), torch.from_numpy(ytr), torch.from_numpy(xte), torch.from_numpy(yte))


def train(args, meter: limen.PathMeter | None):
    """Train the MLP; returns (model, test accuracy, mean wall-clock seconds per step)."""
    torch.manual_seed(args.seed)
    xtr, ytr, xte, yte = data(args.seed)
    model = torch.nn.Sequential(torch.nn.Linear(64, 32), torch.nn.Tanh(), torch.nn.Linear(32, 10))
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    if meter is not None:
        meter.attach(opt)
    loss_fn = torch.nn.CrossEntropyLoss()
    steps, t0 = 0, time.perf_counter()
    for _ in range(args.epochs):
        perm = torch.randperm(len(xtr))
        for i in range(0, len(xtr), args.batch):
            idx = perm[i:i + args.batch]
            opt.zero_grad()
            loss_fn(model(xtr[idx]), ytr[idx]).backward()
            opt.step()
            steps += 1
    dt = (time.perf_counter() - t0) / steps
    with torch.no_grad():
        acc = (model(xte).argmax(1) == yte).float().mean().item()
    return model, acc, dt


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--bits", type=int, default=16, help="bits per parameter of the memory (default 16)")
    ap.add_argument("--range", type=float, default=2.0, help="parameter range [-R/2, R/2] (default 2)")
    ap.add_argument("--step-time", type=float, default=None,
                    help="seconds per step of the hardware (default: this run's wall-clock mean)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="torch_digits.png", help="figure file (PNG, PDF or SVG)")
    ap.add_argument("--save-path", default=None, help="also save the measured path as JSON")
    args = ap.parse_args()

    meter = limen.PathMeter(bits=args.bits, range=(-args.range / 2, args.range / 2))
    model, acc, dt = train(args, meter)
    step_time = args.step_time or dt
    r = meter.report(PARADIGMS, step_time_s=step_time)
    n, k = r["parameters"], r["steps"]
    print(f"MLP 64-32-10 on digits: {n} parameters, {k} Adam steps, test accuracy {acc:.3f}")
    print(f"step time {step_time:.3g} s ({'given' if args.step_time else 'wall-clock mean of this run'}), "
          f"n = {args.bits} bits on [{-args.range / 2:g}, {args.range / 2:g}], ε = {r['level_size']:.3g}")

    # what limen assumes for the same N, K, time, bits and range
    same = dict(params=n, tokens=k, batch_tokens=1, time=step_time * k, ops="per-parameter-step",
                bits=args.bits, param_range=args.range, paradigms=PARADIGMS)
    assumed = limen.project(**same)
    measured = r["energies"]
    lp = assumed.attrs["workload"]
    s_assumed = next(a for a in assumed.attrs["assumptions"] if "S = Σ_k m_k" in a)
    print("\nlearning path                      measured        limen's assumption")
    print(f"  levels per parameter, S          {r['path_levels'] / n:<15.4g} "
          f"{s_assumed.split('S = Σ_k m_k = ')[1].split(' ')[0]} (η0/(1 + k/t0), g = 1)")
    print(f"  writes that change a level       {r['changed_writes']:<15.4g} "
          f"{assumed.loc['cim-static', 'counts'][0]['ops']:.4g} (N·K: every parameter every step)")
    print(f"  (lim-matched's assumed writes: {assumed.loc['lim-matched', 'counts'][0]['ops']:.4g}, "
          "Σ_k min(1, m_k) per parameter)")
    print(f"  bit flips                        {r['bit_flips']:<15.4g} -")
    print(f"  largest move in one step         {r['max_levels_per_step']:<15.4g} levels")
    print(f"\nenergy of training [J]   measured path   its floor   × floor     assumed path   its floor")
    for p in PARADIGMS:
        m, a = measured.loc[p], assumed.loc[p]
        print(f"  {p:<22} {m['energy_J']:<15.4g} {m['floor_J']:<11.4g} {m['ratio_to_floor']:<11.4g} "
              f"{a['energy_J']:<14.4g} {a['floor_J']:.4g}")
    print(f"  floor: the Landauer cost of exactly the writes each paradigm counts (kT = {lp['derived']['kT_J']:.4g} J):")
    print("  landauer-adiabatic N·K writes of n bits; cim-static and lim-finite-time the writes that")
    print("  changed a stored level; lim-matched's floor is a reference (moves by known steps erase")
    print("  nothing), its bound the uncertainty relation.  Compare each with its own floor.")
    if args.save_path:
        meter.save(args.save_path)
        print(f"\npath saved: {args.save_path} (limen project --learning-path {args.save_path} --model ...)")
    figure(meter, PARADIGMS, step_time, args, acc)
    print(f"figure: {args.out}")


def figure(meter: limen.PathMeter, paradigms, step_time, args, acc) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    per = meter.energy_per_step(paradigms, step_time_s=step_time)
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4), constrained_layout=True)
    for p in paradigms:  # landauer-adiabatic dashed: it lies on lim-finite-time's curve
        ls = "--" if p == "landauer-adiabatic" else "-"
        a.plot(per.index, per[p], ls=ls, lw=1.2, label=p)
        b.plot(per.index, per[p].cumsum(), ls=ls, lw=1.5, label=p)
    a.set(yscale="log", xlabel="optimizer step", ylabel="energy per step [J]",
          title="per step (measured path)")
    b.set(yscale="log", xlabel="optimizer step", ylabel="cumulative energy [J]", title="cumulative")
    b.legend(fontsize=8, loc="lower right")
    for ax in (a, b):
        ax.grid(True, which="major", alpha=0.3)
    fig.suptitle(f"MLP on digits, {meter.report_counts()['parameters']} parameters at {args.bits} bits, "
                 f"Adam, test accuracy {acc:.3f}; Δt = {step_time:.3g} s per step", fontsize=10)
    fig.savefig(args.out, dpi=130)


if __name__ == "__main__":
    main()
