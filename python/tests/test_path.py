# SPDX-License-Identifier: GPL-3.0-or-later
"""limen.PathMeter: totals on synthetic paths with known answers."""

from __future__ import annotations

import json

import numpy as np
import pytest

import limen
from conftest import cli_json
from test_project import check_paradigms

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
    assert doc["steps"] == 3 and doc["parameters"] == 5 and len(doc["per_step"]["path_levels"]) == 3
    assert doc["format"] == "limen-learning-path" and doc["changed_writes"] == sum(doc["per_step"]["changed"])
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
    h = m._hooks[-1]
    h.remove()  # detached: further steps are not metered, and the optimizer still steps
    before = model.weight.detach().clone()
    opt.zero_grad()
    model(torch.ones(2, 4)).sum().backward()
    opt.step()
    assert m.report()["steps"] == 5 and not torch.equal(before, model.weight.detach())


# ---- energies of the path -------------------------------------------------------------------

def _walk_meter(step_time_s=0.25) -> "limen.PathMeter":
    rng = np.random.default_rng(7)
    m = limen.PathMeter(bits=10, step_time_s=step_time_s, temperature=310)
    w = rng.uniform(-0.5, 0.5, 200)
    for _ in range(30):
        m.step([w[:120], w[120:].astype(np.float32)])
        w = w + rng.normal(0.0, 0.004, w.size)
    return m


def test_energies_equal_cli(have_cli, tmp_path) -> None:
    """The measured run's energies are `limen project --learning-path` of the saved path with
    N, K, the time and the temperature of the run, to the last digit."""
    m = _walk_meter()
    m.save(tmp_path / "p.json")
    df = m.energies()
    doc = cli_json("project", "--learning-path", str(tmp_path / "p.json"), "--params", "200", "--tokens", "29",
                   "--batch-tokens", "1", "--time", repr(0.25 * 29), "--temperature", "310",
                   "--ops", "per-parameter-step")
    check_paradigms(df, doc)  # the assumption lines differ only in how the inputs were given
    assert df.attrs["workload"]["learning_path"] == doc["workload"]["learning_path"]
    assert df.loc["cim-static", "counted_work"].startswith("W×10b")


def test_energies_follow_the_measured_writes() -> None:
    """cim-static pays per write that changed a level, with the floor of those writes; a
    meter's report carries the same table."""
    m = _walk_meter()
    r = m.report(paradigms=["cim-static", "lim-finite-time", "lim-matched"])
    e = r["energies"]
    counts = e.loc["cim-static", "counts"]
    assert counts[0]["ops"] == r["changed_writes"] and counts[0]["kind"] == "parameter-update"
    assert e.loc["lim-finite-time", "floor_J"] <= e.loc["lim-finite-time", "energy_J"]


def test_energy_per_step_adds_up() -> None:
    m = _walk_meter()
    specs = ["landauer-adiabatic", "cim-static", "lim-matched"]
    per = m.energy_per_step(specs)
    tot = m.energies(specs)["energy_J"]
    assert per.shape == (29, 3)
    for s in specs:
        assert per[s].sum() == pytest.approx(tot[s], rel=1e-12)
    # cim-static's update follows the writes of each step, its other terms are spread evenly;
    # lim-matched's follows the moves
    e = m.energies(specs)
    steps = m.steps()
    for s, col in (("cim-static", "changed"), ("lim-matched", "path_levels")):
        upd, rest = e.loc[s, "update_J"], (e.loc[s, "energy_J"] - e.loc[s, "update_J"]) / 29
        want = upd * steps[col] / steps[col].sum() + rest
        assert per[s].to_numpy() == pytest.approx(want.to_numpy(), rel=1e-12)


def test_project_with_meter_equals_file(tmp_path) -> None:
    m = _walk_meter()
    m.save(tmp_path / "p.json")
    a = limen.project(model="gpt-3", learning_path=m, paradigms=["lim-matched", "cim-static"])
    b = limen.project(model="gpt-3", learning_path=tmp_path / "p.json", paradigms=["lim-matched", "cim-static"])
    assert a["energy_J"].tolist() == b["energy_J"].tolist()
    assert a.attrs["workload"]["bits"] == 10


def test_energies_need_a_step_time_and_the_paths_bits(tmp_path) -> None:
    m = _walk_meter(step_time_s=None)
    assert m.report()["energies"] is None
    with pytest.raises(limen.LimenError) as e:
        m.energies()
    assert e.value.field == "step-time"
    assert m.energies(step_time_s=1.0).loc["lim-matched", "energy_J"] > 0
    m.save(tmp_path / "p.json")
    with pytest.raises(limen.LimenError) as e:
        limen.project(learning_path=tmp_path / "p.json", bits=16)
    assert e.value.field == "bits" and "recorded at bits = 10" in str(e.value)
    (tmp_path / "bad.json").write_text('{"format": "limen-learning-path"} trailing')
    with pytest.raises(limen.LimenError) as e:
        limen.project(learning_path=tmp_path / "bad.json")
    assert "text after the JSON object" in str(e.value)
