# SPDX-License-Identifier: GPL-3.0-or-later
"""limen.PathMeter: totals on synthetic paths with known answers."""

from __future__ import annotations

import json

import numpy as np
import pytest

import limen

BITS = 16
EPS = 2.0 / 2**BITS


def centers(levels: np.ndarray, dtype=np.float64) -> np.ndarray:
    """Values at the centres of the given levels of [-1, 1] (exact in float32 and float64)."""
    return (-1.0 + (levels + 0.5) * EPS).astype(dtype)


def popcount(x: np.ndarray) -> int:
    return int(sum(bin(int(v)).count("1") for v in x.ravel()))


def run(meter: limen.PathMeter, snapshots, dtype=np.float64) -> dict:
    for s in snapshots:
        meter.step([centers(a, dtype) for a in s])
    return meter.report()


def test_one_level_per_step() -> None:
    rng = np.random.default_rng(1)
    a, b = rng.integers(0, 2**BITS - 20, 1000), rng.integers(0, 2**BITS - 20, 37)
    K = 12
    snaps = [(a + k, b + k) for k in range(K + 1)]
    r = run(limen.PathMeter(bits=BITS), snaps)
    n = a.size + b.size
    assert r["steps"] == K and r["parameters"] == n
    assert r["path_levels"] == n * K and r["changed_writes"] == n * K
    assert r["max_levels_per_step"] == 1.0
    flips = sum(popcount((x + k) ^ (x + k + 1)) for x in (a, b) for k in range(K))
    assert r["bit_flips"] == flips
    assert r["level_size"] == EPS and r["clamped"] == 0


def test_no_motion() -> None:
    a = np.arange(500)
    r = run(limen.PathMeter(bits=BITS), [(a,)] * 6)
    assert r["steps"] == 5
    assert r["path_levels"] == 0 and r["changed_writes"] == 0 and r["bit_flips"] == 0
    assert r["max_levels_per_step"] == 0


def test_random_walk_and_popcount() -> None:
    rng = np.random.default_rng(7)
    x = rng.integers(100, 2**BITS - 100, 4096)
    snaps, moves, flips = [(x.copy(),)], 0, 0
    for _ in range(20):
        d = rng.choice([-1, 1], x.size)
        y = x + d
        moves += x.size
        flips += popcount(x ^ y)
        x = y
        snaps.append((x.copy(),))
    r = run(limen.PathMeter(bits=BITS), snaps)
    assert r["path_levels"] == moves and r["changed_writes"] == moves and r["bit_flips"] == flips
    assert r["steps"] == 20
    steps = limen.PathMeter(bits=BITS)
    run(steps, snaps)
    df = steps.steps()
    assert len(df) == 20 and (df["path_levels"] == 4096).all()


def test_float32_float64_agree() -> None:
    rng = np.random.default_rng(3)
    base = rng.uniform(-0.9, 0.9, 3000)
    walk = [base + 1e-3 * np.cumsum(rng.normal(size=(k + 1, base.size)), axis=0)[-1] for k in range(8)]
    m32, m64 = limen.PathMeter(bits=12), limen.PathMeter(bits=12)
    for w in walk:
        w32 = w.astype(np.float32)
        m32.step([w32])
        m64.step([w32.astype(np.float64)])
    r32, r64 = m32.report(), m64.report()
    assert r32.pop("memory_bytes") < r64.pop("memory_bytes")  # the copy of the last snapshot
    assert r32 == r64 and r32["path_levels"] > 0
    assert m32.steps().equals(m64.steps()) and m32.histogram().equals(m64.histogram())


def test_non_finite_abandons_step() -> None:
    m = limen.PathMeter()
    m.step(np.zeros(10))
    bad = np.zeros(10)
    bad[3] = np.nan
    with pytest.raises(limen.LimenError):
        m.step(bad)
    m.step(np.zeros(10))
    r = m.report()
    assert r["aborted"] == 1 and r["steps"] == 0 and r["starts"] == 2


def test_save_json(tmp_path) -> None:
    m = limen.PathMeter(bits=8, range=(-2.0, 2.0), step_time_s=0.5, temperature=77)
    for k in range(4):
        m.step({"w": np.full(5, 0.1 * k, dtype=np.float32)})
    m.save(tmp_path / "path.json")
    doc = json.loads((tmp_path / "path.json").read_text())
    assert doc["steps"] == 3 and doc["parameters"] == 5 and len(doc["per_step"]) == 3
    assert doc["step_time_s"] == 0.5 and doc["temperature_K"] == 77 and doc["range"] == [-2.0, 2.0]
    assert sum(doc["histogram"]["count"]) == 15


def test_torch_hook_sees_every_step() -> None:
    torch = pytest.importorskip("torch")
    model = torch.nn.Linear(4, 3)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    m = limen.PathMeter()
    m.attach(opt)
    for _ in range(5):
        opt.zero_grad()
        model(torch.ones(2, 4)).sum().backward()
        opt.step()
    r = m.report()
    assert r["steps"] == 5 and r["parameters"] == 15 and r["path_levels"] > 0
