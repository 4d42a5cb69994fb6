# SPDX-License-Identifier: GPL-3.0-or-later
"""limen.project, limen.sweep, limen.models, limen.profiles, limen.bound equal the tool's JSON
and CSV to the last printed digit."""

from __future__ import annotations

import io
import json
import math

import pandas as pd
import pytest

import limen
from conftest import cli, cli_json


def same(a, b) -> bool:
    """Equal values, NaN equal to JSON null."""
    if b is None:
        return a is None or (isinstance(a, float) and math.isnan(a))
    if isinstance(b, float) or isinstance(a, float):
        return float(a) == float(b)
    return a == b


def check_paradigms(df: pd.DataFrame, doc: dict) -> None:
    """Every paradigm row of the DataFrame equals the JSON's, key for key."""
    assert list(df.index) == [p["name"] for p in doc["paradigms"]]
    for p in doc["paradigms"]:
        flat = {k: v for k, v in p.items() if k not in ("terms", "name")}
        flat.update(p["terms"])
        for k, v in flat.items():
            assert same(df.loc[p["name"], k], v), (p["name"], k, df.loc[p["name"], k], v)
        assert set(df.columns) == set(flat)


def check_project(df: pd.DataFrame, doc: dict) -> None:
    check_paradigms(df, doc)
    for k in ("workload", "headline", "published"):
        assert df.attrs[k] == doc.get(k)
    # the assumption lines, but for how a given input is named ("given by --bits" / "given as bits=8")
    strip = [s for s in doc["assumptions"] if "given" not in s]
    assert [s for s in df.attrs["assumptions"] if "given" not in s] == strip
    assert len(df.attrs["assumptions"]) == len(doc["assumptions"])


CASES = [
    ({}, []),
    ({"model": "gpt-3", "bits": 8}, ["--model", "gpt-3", "--bits", "8"]),
    ({"params": 7e10, "tokens": "2e12", "ops": "per-parameter-step", "time": 2.6e6},
     ["--params", "7e10", "--tokens", "2e12", "--ops", "per-parameter-step", "--time", "2.6e6"]),
    ({"paradigms": ["landauer-adiabatic", "lim-matched:hermes-14nm", "accelerator:a100"], "temperature": 77,
      "lr_schedule": "cosine", "pue": 1.2, "batch_tokens": 1e6},
     ["--paradigm", "landauer-adiabatic,lim-matched:hermes-14nm,accelerator:a100", "--temperature", "77",
      "--lr-schedule", "cosine", "--pue", "1.2", "--batch-tokens", "1e6"]),
    # durations with units, cell time converted with the τ₀ given (whatever the keyword order)
    ({"paradigms": ["cim-static"], "write_time": "100tau0", "time": "90d", "tau0": "2ns"},
     ["--paradigm", "cim-static", "--write-time", "100tau0", "--time", "90d", "--tau0", "2ns"]),
]


@pytest.mark.parametrize("kwargs,args", CASES)
def test_project_equals_cli(have_cli, kwargs, args) -> None:
    check_project(limen.project(**kwargs), cli_json("project", *args))


def test_project_given_source_named() -> None:
    lines = limen.project(bits=8).attrs["assumptions"]
    assert any("given as bits=8" in s for s in lines)


def read_csv(text: str) -> pd.DataFrame:
    """The tool's CSV without its provenance comment lines."""
    assert text.startswith("# limen ")
    body = "".join(line for line in text.splitlines(True) if not line.startswith("#"))
    return pd.read_csv(io.StringIO(body), float_precision="round_trip")


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_sweep_equals_cli(have_cli, layout) -> None:
    df = limen.sweep(vary={"bits": (4, 32, 8), "time": (8.64e4, 2.6e7, 5, "log")}, layout=layout,
                     paradigms=["landauer-adiabatic", "lim-finite-time", "lim-matched"], model="gpt-3")
    ref = read_csv(cli("sweep", "--vary", "bits=4:32:8", "--vary", "time=8.64e4:2.6e7:5:log", "--layout", layout,
                       "--paradigm", "landauer-adiabatic,lim-finite-time,lim-matched", "--model", "gpt-3"))
    pd.testing.assert_frame_equal(df, ref, check_exact=True)
    assert df.attrs["vary"]["bits"] == (4.0, 32.0, 8, "lin")


def test_sweep_text_axis_and_params_rule(have_cli) -> None:
    df = limen.sweep(vary={"params": "1e9:1e15:7:log"}, tokens=1e12)
    ref = read_csv(cli("sweep", "--vary", "params=1e9:1e15:7:log", "--tokens", "1e12"))
    pd.testing.assert_frame_equal(df, ref, check_exact=True)


def test_sweep_cell_time_axis(have_cli) -> None:
    df = limen.sweep(vary={"write_time": ("100tau0", "1e4tau0", 3, "log")}, paradigms=["cim-static"], tau0=2e-9)
    ref = read_csv(cli("sweep", "--vary", "write-time=100tau0:1e4tau0:3:log", "--paradigm", "cim-static",
                       "--tau0", "2e-9"))
    pd.testing.assert_frame_equal(df, ref, check_exact=True)
    assert df.iloc[:, 0].tolist() == pytest.approx([100 * 2e-9, 1000 * 2e-9, 1e4 * 2e-9], rel=1e-9)  # CSV: 10 digits


def test_models_profiles_equal_cli(have_cli) -> None:
    for df, doc, key in ((limen.models(), cli_json("models"), "models"),
                         (limen.profiles(), cli_json("profiles"), "profiles")):
        rows = doc[key]
        assert list(df.index) == [r["name"] for r in rows]
        for r in rows:
            for k, v in r.items():
                if k != "name":
                    assert same(df.loc[r["name"], k], v), (r["name"], k)


@pytest.mark.parametrize("kind,kwargs,args", [
    ("finite-time", {"barrier": 5, "success": 1}, ["--barrier", "5", "--success", "1"]),
    ("static-write", {"tau": 1e-9}, ["--tau", "1e-9"]),
    ("landauer", {}, []),
    ("kramers", {"barrier": 8, "tilt": "0.5", "well": "washboard", "levels": 4},
     ["--barrier", "8", "--tilt", "0.5", "--well", "washboard", "--levels", "4"]),
])
def test_bound_equals_cli(have_cli, kind, kwargs, args) -> None:
    got, ref = limen.bound(kind, **kwargs), cli_json("bound", kind, *args)
    assert got.pop("provenance")["command"].endswith("(limen.bound)")
    ref.pop("provenance")
    assert got == ref


def test_bound_kinds() -> None:
    assert "finite-time" in limen.bound_kinds()
    assert "barrier" in limen.bound_inputs().index


def test_workload_inputs_table() -> None:
    t = limen.workload_inputs()
    assert "bits" in t.index and t.loc["batch-tokens", "keyword"] == "batch_tokens"
    assert t.loc["bits", "range"] == "whole numbers in [1, 64] bits"


def test_custom_workload_name(have_cli) -> None:
    df = limen.project(params=7e10, tokens=2e12, name="my-70b", paradigms=["landauer-adiabatic"])
    check_project(df, cli_json("project", "--params", "7e10", "--tokens", "2e12", "--name", "my-70b",
                               "--paradigm", "landauer-adiabatic"))
    assert df.attrs["workload"]["name"] == "my-70b"
    with pytest.raises(limen.LimenError) as e:
        limen.project(name="x")
    assert e.value.field == "name"


def test_own_catalog_and_profiles(have_cli, tmp_path) -> None:
    """Your own rows on top of limen's, read and checked alike: equal to the tool's output."""
    from conftest import ROOT
    cat, prof = ROOT / "examples" / "data" / "my-models.json", ROOT / "examples" / "data" / "my-profiles.json"
    specs = ["landauer-adiabatic", "accelerator:a100-pcie"]
    df = limen.project(model="llama-2-7b", catalog=cat, profiles=[prof], paradigms=specs)
    check_project(df, cli_json("project", "--model", "llama-2-7b", "--catalog", str(cat), "--profiles", str(prof),
                               "--paradigm", ",".join(specs)))
    assert "llama-2-7b" in limen.models(catalog=cat).index and "gpt-3" in limen.models(catalog=cat).index
    assert "a100-pcie" in limen.profiles(profiles=prof).index
    bad = json.loads(cat.read_text())
    del bad[0]["source"]
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    with pytest.raises(limen.LimenError) as e:
        limen.project(model="llama-2-7b", catalog=tmp_path / "bad.json")
    assert "source: missing field" in str(e.value)
