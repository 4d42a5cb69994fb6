#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The learning-path meter's overhead on a training step: examples/python/torch_digits.py's
MLP trained with and without a PathMeter attached, alternating runs, the same seed; prints
the median seconds per optimizer step of each and the overhead (goal: at most 10 %).

    python3 bench/bench_path_torch.py [--repeats 5] [--epochs 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "examples" / "python"))
sys.path.insert(0, str(ROOT / "python"))

import limen  # noqa: E402
import torch  # noqa: E402
import torch_digits  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--bits", type=int, default=16)
    ap.add_argument("--threads", type=int, default=1, help="torch threads (default 1: a fair per-core figure)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    args = argparse.Namespace(epochs=a.epochs, batch=64, lr=3e-3, seed=1)
    plain, metered = [], []
    torch_digits.train(args, None)  # warm-up
    for _ in range(a.repeats):
        plain.append(torch_digits.train(args, None)[2])
        metered.append(torch_digits.train(args, limen.PathMeter(bits=a.bits))[2])
    p, m = statistics.median(plain), statistics.median(metered)
    print(f"torch {torch.__version__}, {a.threads} thread(s), MLP 64-32-10 (2410 parameters), batch 64, "
          f"{a.repeats} runs of {a.epochs} epochs each")
    print(f"seconds per step: without meter {p:.4g}, with meter {m:.4g} (medians)")
    print(f"meter overhead: {100 * (m / p - 1):+.1f} % of a training step (goal <= 10 %)")


if __name__ == "__main__":
    main()
