# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared helpers: the package from this checkout, the `limen` tool to compare with."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))

import limen  # noqa: E402


def limen_bin() -> str:
    """$LIMEN_BIN, else the `limen` next to the library loaded."""
    env = os.environ.get("LIMEN_BIN")
    if env:
        return env
    return str(Path(limen.library_path()).resolve().parent / "limen")


def cli(*args: str) -> str:
    r = subprocess.run([limen_bin(), *args], capture_output=True, text=True, check=True)
    return r.stdout


def cli_json(*args: str) -> dict:
    return json.loads(cli(*args, "--format", "json"))


@pytest.fixture(scope="session")
def have_cli() -> None:
    if not os.access(limen_bin(), os.X_OK):
        pytest.skip(f"no limen tool at {limen_bin()} (set LIMEN_BIN)")
