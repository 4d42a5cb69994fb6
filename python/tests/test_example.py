# SPDX-License-Identifier: GPL-3.0-or-later
"""examples/python/torch_digits.py runs end to end (two epochs): it prints the measured path
beside the assumed one, the energies with their floors, saves the path that `limen project
--learning-path` reads, and writes its figure."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, cli_json


def test_torch_digits_example(have_cli, tmp_path) -> None:
    for mod in ("torch", "sklearn", "matplotlib"):
        pytest.importorskip(mod)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "python"))
    out = subprocess.run([sys.executable, str(ROOT / "examples" / "python" / "torch_digits.py"), "--epochs", "2",
                          "--step-time", "1e-3", "--out", str(tmp_path / "f.png"), "--save-path",
                          str(tmp_path / "p.json")], capture_output=True, text=True, check=True, env=env).stdout
    assert "2410 parameters, 44 Adam steps" in out
    assert "levels per parameter, S" in out and "lim-matched" in out and "its floor" in out
    assert (tmp_path / "f.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    doc = cli_json("project", "--learning-path", str(tmp_path / "p.json"), "--params", "2410", "--tokens", "44",
                   "--batch-tokens", "1", "--time", "0.044", "--ops", "per-parameter-step")
    rows = {p["name"]: p for p in doc["paradigms"]}
    # the printed energies are the tool's, to the digits printed
    line = next(s for s in out.splitlines() if s.strip().startswith("cim-static"))
    assert float(line.split()[1]) == pytest.approx(rows["cim-static"]["energy_J"], rel=5e-4)
