# SPDX-License-Identifier: GPL-3.0-or-later
"""limen.simulate, limen.validate and limen.train equal the tool's --format json key for key and
number for number (but for the wall-clock time), and refuse bad input with the tool's message."""

from __future__ import annotations

import json
import shutil
import subprocess

import pandas as pd
import pytest

import limen
from conftest import ROOT, cli, cli_json, limen_bin

#: keys of wall-clock time and speed, the only numbers that differ between two equal runs, and
#: the provenance record (its command and time differ; test_provenance checks it)
CLOCK = ("wall_seconds", "seconds", "steps_per_second", "physics_share", "provenance")


def same_doc(got: dict, ref: dict, extra: tuple = ()) -> None:
    """Every key of the tool's JSON, in its order, with the same value; `extra` keys besides."""
    assert [k for k in got if k not in extra] == list(ref)
    for k, v in ref.items():
        if k not in CLOCK:
            assert got[k] == v, (k, got[k], v)


def cli_error(*args: str) -> str:
    """The tool's message for a run that fails (its one line on stderr), and it exits non-zero."""
    r = subprocess.run([limen_bin(), *args], capture_output=True, text=True)
    assert r.returncode != 0 and r.stdout == ""
    return r.stderr.strip()


# ---- simulate --------------------------------------------------------------------------------

SIM_CASES = [
    ({"protocol": "erasure", "trajectories": 200}, ["--protocol", "erasure", "--trajectories", "200"]),
    # text: a time in seconds (converted with the τ₀ given), integers as text
    ({"protocol": "erasure", "trajectories": "300", "seed": "7", "tau": "2e-8s", "tau0": 2e-9, "barrier": 6,
      "tilt": "3", "dt": 2e-3, "temperature": 77, "integrator": "euler"},
     ["--protocol", "erasure", "--trajectories", "300", "--seed", "7", "--tau", "2e-8s", "--tau0", "2e-9",
      "--barrier", "6", "--tilt", "3", "--dt", "2e-3tau0", "--temperature", "77", "--integrator", "euler"]),
    ({"protocol": "trap-optimal", "method": "fokker-planck", "tau0": "2e-9", "dt": "2e-11s", "distance": 3},
     ["--protocol", "trap-optimal", "--method", "fokker-planck", "--tau0", "2e-9", "--dt", "2e-11s",
      "--distance", "3"]),
    # a time as a number is in τ₀; as text it reads as the tool reads it (seconds, or a unit)
    ({"protocol": "stiffness-change", "method": "fokker-planck", "cells": 600, "tau": 2, "dt": "4e-12s"},
     ["--protocol", "stiffness-change", "--method", "fokker-planck", "--cells", "600", "--tau", "2tau0",
      "--dt", "4e-3tau0"]),
    ({"protocol": "hold", "barrier": 3, "start": -1, "passage": 0, "trajectories": 100},
     ["--protocol", "hold", "--barrier", "3", "--start", "-1", "--passage", "0", "--trajectories", "100"]),
    ({"protocol": "hopping", "levels": 4, "start_level": 1, "hop_levels": "-1", "trajectories": 64,
      "ramp_fraction": 0.1, "threads": 1},
     ["--protocol", "hopping", "--levels", "4", "--start-level", "1", "--hop-levels", "-1", "--trajectories", "64",
      "--ramp-fraction", "0.1", "--threads", "1"]),
]


@pytest.mark.parametrize("kwargs,args", SIM_CASES)
def test_simulate_equals_cli(have_cli, kwargs, args) -> None:
    same_doc(limen.simulate(**kwargs), cli_json("simulate", *args))


@pytest.mark.parametrize("name", ["berut-erasure", "trap-optimal"])
def test_simulate_protocol_file(have_cli, name) -> None:
    f = str(ROOT / "data" / "protocols" / f"{name}.json")
    same_doc(limen.simulate(protocol_file=f, trajectories=64, seed=2),
             cli_json("simulate", "--protocol-file", f, "--trajectories", "64", "--seed", "2"))


# ---- validate --------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs,args", [
    ({"check": "em-variance,ou-transition", "scale": 0.01},
     ["--check", "em-variance,ou-transition", "--scale", "0.01"]),
    # a row fails at this size (the tool exits 1): the dict says so, nothing is raised
    ({"check": ["schmiedl-seifert", "jarzynski", "static-write"], "scale": "0.02", "seed": 5, "threads": 1},
     ["--check", "schmiedl-seifert,jarzynski,static-write", "--scale", "0.02", "--seed", "5", "--threads", "1"]),
])
def test_validate_equals_cli(have_cli, kwargs, args) -> None:
    r = subprocess.run([limen_bin(), "validate", *args, "--format", "json"], capture_output=True, text=True)
    ref = json.loads(r.stdout)
    assert r.returncode == (0 if ref["pass"] else 1)
    same_doc(limen.validate(**kwargs), ref)


# ---- train -----------------------------------------------------------------------------------

TRAIN_CASES = [
    ({"steps": 5}, ["--steps", "5"]),
    ({"task": "quadratic", "paradigm": "digital-static", "steps": "8", "schedule": "cosine", "bits": 6,
      "temperature": "77", "seed": 3},
     ["--task", "quadratic", "--paradigm", "digital-static", "--steps", "8", "--schedule", "cosine", "--bits", "6",
      "--temperature", "77", "--seed", "3"]),
    ({"task": "breast-cancer", "paradigm": "lim-fixed", "barrier_low": 6, "window": "1e-7", "steps": 6, "batch": 32,
      "eval_every": 2, "lr": 0.5, "lr_t0": 10, "hold": 1e-6, "retention_barrier": 20, "target": 0.9},
     ["--task", "breast-cancer", "--paradigm", "lim-fixed", "--barrier-low", "6", "--window", "1e-7", "--steps", "6",
      "--batch", "32", "--eval-every", "2", "--lr", "0.5", "--lr-t0", "10", "--hold", "1e-6",
      "--retention-barrier", "20", "--target", "0.9"]),
    ({"paradigm": "analog-static", "steps": 4, "w_max": 2, "tau0": 2e-9},
     ["--paradigm", "analog-static", "--steps", "4", "--w-max", "2", "--tau0", "2e-9"]),
]


@pytest.mark.parametrize("kwargs,args", TRAIN_CASES)
def test_train_equals_cli(have_cli, tmp_path, kwargs, args) -> None:
    got = limen.train(**kwargs)
    same_doc(got, cli_json("train", *args), extra=("trace",))
    # the trace: the tool's trace.csv of --out
    cli("train", *args, "--out", str(tmp_path))
    ref = pd.read_csv(tmp_path / "trace.csv", comment="#", float_precision="round_trip")
    pd.testing.assert_frame_equal(got["trace"], ref, check_exact=True)
    assert got["trace"]["step"].iloc[-1] == got["steps"]


@pytest.mark.parametrize("kwargs,args", [
    ({"experiment": "paradigms", "steps": 4}, ["--experiment", "paradigms", "--steps", "4"]),
    ({"experiment": "window", "values": [1e-7, "1e-6"], "steps": 3},
     ["--experiment", "window", "--values", "1e-7,1e-6", "--steps", "3"]),
    ({"experiment": "barrier", "values": "4,6", "steps": 3, "task": "breast-cancer", "paradigm": "lim-fixed"},
     ["--experiment", "barrier", "--values", "4,6", "--steps", "3", "--task", "breast-cancer",
      "--paradigm", "lim-fixed"]),
])
def test_train_experiment_equals_cli(have_cli, kwargs, args) -> None:
    same_doc(limen.train(**kwargs), cli_json("train", *args))


# ---- bad input -------------------------------------------------------------------------------

# (function, keywords, the tool's arguments, what the tool puts before the message, .field, .value, .range)
ERRORS = [
    (limen.simulate, {"protocol": "erasure", "trajectories": "1"}, ["--protocol", "erasure", "--trajectories", "1"],
     "--", "trajectories", "1", "integers [2, 1000000000]"),
    (limen.simulate, {"protocol": "erasure", "seed": "1.5"}, ["--protocol", "erasure", "--seed", "1.5"],
     "--", "seed", "1.5", "integers [0, 2147483647]"),
    (limen.simulate, {"protocol": "erasure", "barrier": "x"}, ["--protocol", "erasure", "--barrier", "x"],
     "--", "barrier", "x", "(0, 10000] kT"),
    (limen.simulate, {"protocol": "erasure", "tau": "2e3s"}, ["--protocol", "erasure", "--tau", "2e3s"],
     "--", "tau", "2e3s", "(0, 1e+12] tau0"),
    (limen.simulate, {"protocol": "erasure", "dt": "abc"}, ["--protocol", "erasure", "--dt", "abc"],
     "--", "dt", "abc", "(0, 1e+12] tau0"),
    (limen.simulate, {"protocol": "nope"}, ["--protocol", "nope"], "--", "protocol", "nope", None),
    (limen.simulate, {}, [], "--", "protocol", "", ""),
    (limen.simulate, {"protocol": "trap-linear", "tilt": 3}, ["--protocol", "trap-linear", "--tilt", "3"],
     "--", "tilt", "", ""),
    (limen.simulate, {"protocol": "erasure", "method": "exact"}, ["--protocol", "erasure", "--method", "exact"],
     "--", "method", "exact", "langevin, fokker-planck"),
    (limen.simulate, {"protocol": "erasure", "integrator": "rk4"}, ["--protocol", "erasure", "--integrator", "rk4"],
     "--", "integrator", "rk4", "auto, euler, heun, ou"),
    (limen.simulate, {"protocol": "erasure", "method": "fokker-planck", "trajectories": 10},
     ["--protocol", "erasure", "--method", "fokker-planck", "--trajectories", "10"], "--", "trajectories", "", ""),
    (limen.simulate, {"protocol": "erasure", "dt": 100}, ["--protocol", "erasure", "--dt", "100tau0"],
     "--", "dt", None, None),
    (limen.simulate, {"protocol_file": str(ROOT / "data" / "protocols" / "trap-optimal.json"), "tau": 3},
     ["--protocol-file", str(ROOT / "data" / "protocols" / "trap-optimal.json"), "--tau", "3tau0"], "--", "tau", "", ""),
    (limen.validate, {"scale": "0"}, ["--scale", "0"], "--", "scale", "0", "(0, 100]"),
    (limen.validate, {"seed": "-1"}, ["--seed", "-1"], "--", "seed", "-1", "integers [0, 2147483647]"),
    (limen.validate, {"check": "em-variance,nope"}, ["--check", "em-variance,nope"], "--", "check", "nope", None),
    (limen.validate, {"check": ""}, ["--check", ""], "--", "check", "", None),
    (limen.train, {"steps": "0"}, ["--steps", "0"], "--", "steps", "0", "integers [1, 100000000]"),
    (limen.train, {"window": "1e-13"}, ["--window", "1e-13"], "--", "window", "1e-13", "[1e-12, 1000000] s"),
    (limen.train, {"bits": "25"}, ["--bits", "25"], "--", "bits", "25", "integers [1, 24]"),
    (limen.train, {"paradigm": "sram"}, ["--paradigm", "sram"], "--", "paradigm", "sram",
     "ideal, digital-static, analog-static, lim-fixed, lim-matched"),
    (limen.train, {"schedule": "step"}, ["--schedule", "step"], "--", "schedule", "step", "constant, inverse, cosine"),
    (limen.train, {"cells": "exact"}, ["--cells", "exact"], "--", "cells", "exact", "jump, langevin"),
    (limen.train, {"task": "quadratic", "batch": 3}, ["--task", "quadratic", "--batch", "3"],
     "conflicting options: --", "batch", "", ""),
    (limen.train, {"schedule": "constant", "lr_t0": 3}, ["--schedule", "constant", "--lr-t0", "3"],
     "conflicting options: --", "lr-t0", "", ""),
    (limen.train, {"paradigm": "ideal", "bits": 4}, ["--paradigm", "ideal", "--bits", "4"],
     "conflicting options: --", "bits", "", ""),
    (limen.train, {"beta0": 1}, ["--beta0", "1"], "conflicting options: --", "beta0", "", ""),
    (limen.train, {"values": [1e-6]}, ["--values", "1e-6"], "conflicting options: --", "values", "", ""),
    (limen.train, {"experiment": "window", "values": [1e-6, "0"]}, ["--experiment", "window", "--values", "1e-6,0"],
     "--", "values", "0", "[1e-12, 1000000] s"),
    (limen.train, {"experiment": "barrier", "values": "4,400"}, ["--experiment", "barrier", "--values", "4,400"],
     "--", "values", "400", "[3, 300] kT"),
    (limen.train, {"experiment": "window", "values": [1e-6] * 33},
     ["--experiment", "window", "--values", ",".join(["1e-6"] * 33)], "--", "values", None, None),
    (limen.train, {"paradigm": "lim-fixed", "cells": "langevin", "steps": 1000, "window": 1e-3},
     ["--paradigm", "lim-fixed", "--cells", "langevin", "--steps", "1000", "--window", "1e-3"], "--", "cells", "", ""),
]


@pytest.mark.parametrize("fn,kwargs,args,prefix,field,value,range_", ERRORS)
def test_errors_carry_the_cli_message(have_cli, fn, kwargs, args, prefix, field, value, range_) -> None:
    with pytest.raises(limen.LimenError) as ei:
        fn(**kwargs)
    e = ei.value
    assert isinstance(e, ValueError)
    assert e.field == field
    if value is not None:
        assert e.value == value
    if range_ is not None:
        assert e.range == range_
    cmd = fn.__name__
    assert cli_error(cmd, *args) == f"limen {cmd}: {prefix}{e}"


def test_simulate_time_text_needs_its_unit() -> None:
    """A number for tau/dt is in τ₀, the tool's bare number in seconds: text must carry its unit."""
    for key in ("tau", "dt"):
        with pytest.raises(limen.LimenError) as ei:
            limen.simulate("erasure", trajectories=64, **{key: "20"})
        assert ei.value.field == key and "'20tau0'" in str(ei.value)
    a = limen.simulate("erasure", trajectories=64, tau=20, dt=2e-3)
    b = limen.simulate("erasure", trajectories=64, tau="20tau0", dt="2e-12s")
    c = limen.simulate("erasure", trajectories=64, tau="20ns", dt="0.002tau0")
    for r in (b, c):
        assert {k: v for k, v in r.items() if k not in ("wall_seconds", "provenance")} == \
            {k: v for k, v in a.items() if k not in ("wall_seconds", "provenance")}


def test_errors_print_nothing(capfd) -> None:
    with pytest.raises(limen.LimenError):
        limen.simulate("erasure", trajectories=1)
    with pytest.raises(limen.LimenError):
        limen.train(steps=0)
    assert capfd.readouterr() == ("", "")


def test_number_and_text_give_the_same_check() -> None:
    """A number is checked as its text is (the message writes it without quotes)."""
    with pytest.raises(limen.LimenError) as ei:
        limen.simulate("erasure", trajectories=1)
    assert str(ei.value) == "trajectories = 1: allowed range integers [2, 1000000000]"
    assert (ei.value.field, ei.value.value, ei.value.range) == ("trajectories", "1", "integers [2, 1000000000]")
    assert ei.value.code == 1 and ei.value.status == "invalid input"


@pytest.mark.parametrize("fn,kwargs", [
    (limen.simulate, {"protocol": "erasure", "trajectory": 100}),
    (limen.simulate, {"protocol": "erasure", "format": "json"}),
    (limen.validate, {"checks": "mfpt"}),
    (limen.train, {"stepz": 3}),
    (limen.train, {"write_fail": 1e-3}),  # a library row that `limen train` does not offer
])
def test_unknown_keyword(fn, kwargs) -> None:
    key = next(k for k in kwargs if k != "protocol")
    with pytest.raises(limen.LimenError) as ei:
        fn(**kwargs)
    e = ei.value
    assert e.field == "input" and e.value == key and e.code == 2
    assert f"input '{key}': unknown" in str(e)
    assert "allowed: " in str(e) and e.range


@pytest.mark.parametrize("fn,kwargs", [
    (limen.simulate, {"protocol": "erasure", "trajectories": True}),
    (limen.simulate, {"protocol": "erasure", "tau": [1]}),
    (limen.simulate, {"protocol": 1}),
    (limen.validate, {"check": [1]}),
    (limen.train, {"steps": None}),
    (limen.train, {"paradigm": 3}),
])
def test_wrong_type(fn, kwargs) -> None:
    with pytest.raises(TypeError):
        fn(**kwargs)


def test_not_from_python() -> None:
    for kwargs in ({"task": "maxcut-G1"}, {"experiment": "scaling"}, {"experiment": "maxcut"}):
        with pytest.raises(limen.LimenError) as ei:
            limen.train(**kwargs)
        assert "not run from Python" in str(ei.value)


# ---- the documentation -----------------------------------------------------------------------

def test_docstrings_list_every_input() -> None:
    """help() names every input the functions take: the library's rows, as keywords."""
    from limen import _lib
    from limen._runs import _TRAIN_ROWS

    def rows(fn: str) -> list:
        t, n = _lib.input_table(fn)
        return [_lib.text(t[i].name).replace("-", "_") for i in range(n)]

    for name in rows("limen_simulate_inputs"):
        assert f"``{name}``" in limen.simulate.__doc__, name
    for name in rows("limen_validate_inputs"):
        assert f"``{name}``" in limen.validate.__doc__, name
    for fn, names in _TRAIN_ROWS[:2]:
        assert set(names) <= {r.replace("_", "-") for r in rows(fn)}
        for name in names:
            assert f"``{name.replace('-', '_')}``" in limen.train.__doc__, name


def test_constants_match_headers(tmp_path) -> None:
    """The enum constants of _cdef_runs (statuses, the row flag) against the headers."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if not cc:
        pytest.skip("no C compiler")
    from limen._lib import ffi, lib
    names = ["LIMEN_OK", "LIMEN_EINVAL", "LIMEN_ENOTFOUND", "LIMEN_INPUT_INTEGER", "LIMEN_INPUT_COUNT",
             "LIMEN_INIT_FIXED", "LIMEN_FP_BACKWARD_EULER", "LIMEN_CHECK_GREATER", "LIMEN_CELLS_LANGEVIN",
             "LIMEN_NET_QUADRATIC", "LIMEN_EXPERIMENT_BARRIER"]
    src = tmp_path / "c.c"
    src.write_text("#include <stdio.h>\n#include \"limen/limen.h\"\n#include \"limen/report.h\"\nint main(void) {\n"
                   + "".join(f'printf("%d\\n", (int){n});\n' for n in names)
                   + 'printf("%d\\n", (int)LIMEN_EXPERIMENT_MAX_VALUES);\nreturn 0;\n}\n')
    exe = tmp_path / "c"
    subprocess.run([cc, "-std=c17", "-I", str(ROOT / "include"), str(src), "-o", str(exe)], check=True)
    got = [int(x) for x in subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout.split()]
    L = lib()
    assert got == [getattr(L, n) for n in names] + [len(ffi.new("limen_experiment_sweep_config *").values)]
