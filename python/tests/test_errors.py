# SPDX-License-Identifier: GPL-3.0-or-later
"""Bad input raises limen.LimenError (a ValueError) with the library's message and its
structured fields; unknown names are refused by the library."""

from __future__ import annotations

import pytest

import limen


def err_of(fn, *args, **kwargs) -> limen.LimenError:
    with pytest.raises(limen.LimenError) as e:
        fn(*args, **kwargs)
    assert isinstance(e.value, ValueError)
    return e.value


def test_out_of_range_number() -> None:
    e = err_of(limen.project, bits=100)
    assert str(e) == "bits = 100: allowed range whole numbers in [1, 64] bits"
    assert (e.field, e.value, e.range, e.code, e.status) == ("bits", "100", "whole numbers in [1, 64] bits", 1, "invalid input")


def test_out_of_range_text() -> None:
    e = err_of(limen.project, bits="1e3")
    assert (e.field, e.value, e.range) == ("bits", "1e3", "whole numbers in [1, 64] bits")
    e = err_of(limen.project, time="90 days")
    assert e.field == "time" and e.value == "90 days" and "unknown unit ' days'" in str(e)
    assert limen.project(time="90d").attrs["workload"]["time"] == 90 * 86400  # durations take units
    e = err_of(limen.project, bits=" 8")
    assert e.field == "bits" and "not a number" in str(e)


def test_alias_named_as_given() -> None:
    e = err_of(limen.project, batch=0)
    assert e.field == "batch" and e.value == "0"


def test_unknown_names_refused() -> None:
    e = err_of(limen.project, bitz=3)
    assert (e.field, e.value, e.code) == ("input", "bitz", 2)
    assert "bits" in e.range and str(e).startswith("unknown input 'bitz'")
    e = err_of(limen.project, model="gpt-4")
    assert e.field == "model" and e.code == 2
    e = err_of(limen.project, paradigms=["lim-magic"])
    assert e.field == "paradigm" and "lim-magic" in str(e)
    e = err_of(limen.project, ops="per-byte")
    assert e.field == "ops"
    e = err_of(limen.sweep, vary={"bitz": (1, 2, 3)})
    assert (e.field, e.value) == ("input", "bitz")
    e = err_of(limen.bound, "landauer-ish")
    assert e.field == "kind" or "landauer-ish" in str(e)
    e = err_of(limen.bound, "finite-time", barier=5)
    assert (e.field, e.value) == ("input", "barier")


def test_rules_name_the_input() -> None:
    e = err_of(limen.project, batch_tokens=1e20)
    assert e.field == "batch-tokens" and str(e).startswith("batch-tokens = 1e+20")
    e = err_of(limen.project, params=1e9)
    assert e.field == "params"
    e = err_of(limen.project, model="gpt-3", params=1e9, tokens=1e9)
    assert "model" in str(e) or e.field in ("model", "params")


def test_sweep_errors() -> None:
    e = err_of(limen.sweep, vary={"bits": (0, 8, 3)})
    assert (e.field, e.value, e.range) == ("bits", "0", "whole numbers in [1, 64] bits")
    e = err_of(limen.sweep, vary={"bits": (4, 8, 3)}, bits=8)
    assert e.field == "bits"
    e = err_of(limen.sweep, vary={"time": (0.5, 8, 0)})
    assert e.field == "time"


def test_bound_errors() -> None:
    e = err_of(limen.bound, "finite-time", barrier=-1)
    assert (e.field, e.value, e.range) == ("barrier", "-1", "(0, 10000] kT")
    e = err_of(limen.bound, "finite-time", tilt=1)
    assert e.field == "tilt"


def test_types_refused() -> None:
    with pytest.raises(TypeError):
        limen.project(bits=True)
    with pytest.raises(TypeError):
        limen.project(bits=[8])


def test_meter_config_errors() -> None:
    e = err_of(limen.PathMeter, bits=0)
    assert e.field == "bits" and e.value == "0"
    e = err_of(limen.PathMeter, range=(1.0, -1.0))
    assert e.code == 1


def test_trace_behind_the_message() -> None:
    """The message is in the user's terms; the trace (the tool's --debug) names the functions."""
    e = err_of(limen.project, write_time=1e-18, paradigms=["cim-static"])
    assert "write-time = 1e-18 s: allowed range [" in str(e) and "limen_" not in str(e)
    assert "limen_paradigm_project" in e.trace and e.field == "write-time"
