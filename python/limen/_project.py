# SPDX-License-Identifier: GPL-3.0-or-later
"""limen.project and limen.sweep: the projections of ``limen project`` and ``limen sweep`` as
pandas DataFrames, from the library's JSON and CSV text."""

from __future__ import annotations

import json
import numbers
from typing import Any, Mapping, Optional, Sequence, Union

import pandas as pd

from . import _lib, _workload
from ._lib import ffi, new_error, raise_for, take_text
from .errors import LimenError

Number = Union[int, float]
Axis = Union[str, Sequence[Any]]


def _numeric_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Columns of numbers and JSON nulls as float (null → NaN); others unchanged."""
    for c in df.columns:
        vals = df[c].tolist()
        if any(v is not None for v in vals) and all(
                v is None or (isinstance(v, numbers.Real) and not isinstance(v, bool)) for v in vals):
            df[c] = pd.array([float("nan") if v is None else float(v) for v in vals], dtype="float64")
        elif all(v is None for v in vals):
            df[c] = pd.array([float("nan")] * len(vals), dtype="float64")
    return df


def _flatten(row: dict) -> dict:
    """A paradigm of the JSON as a flat record: "terms" spread into its four columns."""
    out: dict = {}
    for k, v in row.items():
        if k == "terms" and isinstance(v, dict):
            out.update(v)
        else:
            out[k] = v
    return out


def project(model: Optional[str] = None, **inputs: Any) -> pd.DataFrame:
    """Project the energy that training a workload dissipates under each memory paradigm —
    what ``limen project --format json`` writes, as a DataFrame.

    Args:
        model: a catalog model ("gpt-3"; ``limen.models()`` lists them); default the
            brain-scale workload.  Conflicts with ``params``.
        **inputs: the options of ``limen project`` with underscores for hyphens, checked by the
            library's table of workload inputs (``limen.workload_inputs()`` lists names, units,
            defaults and ranges): ``bits=8``, ``time=2.6e6``, ``params=7e10, tokens=2e12``,
            ``batch_tokens=...``; a number or its text ("1e3").  Names: ``ops``
            ("per-flop" or "per-parameter-step"), ``lr_schedule`` ("constant", "inverse",
            "cosine"); ``paradigms=[...]`` the paradigm specifications (default: the tool's
            list: landauer-adiabatic, lim-finite-time, lim-matched, cim-static, …);
            ``learning_path=`` a measured path — a file saved by :meth:`PathMeter.save` or a
            :class:`PathMeter` itself — instead of the assumed schedule, as
            ``limen project --learning-path`` (its bits and range become the workload's;
            docs/path.md, "Projecting a path").

    Returns:
        One row per paradigm, indexed by its specification (index name "paradigm"): every
        key of the JSON's paradigm objects, in its order (``description``, ``relation``,
        ``energy_J``, ``energy_kWh``, the terms ``compute_J``, ``memory_J``, ``update_J``,
        ``consolidation_J`` spread from "terms", ``counts`` as a list of dicts,
        ``counted_work``, ``floor_J``, ``floor_relation``, ``bound_J``, ``ratio_to_floor``,
        ``ratio_to_headline``, …); a term not counted is NaN.  ``df.attrs`` holds
        ``workload`` (inputs and "derived"), ``headline``, ``published`` (a catalog row's
        published energy and the projection on its hardware, or None) and ``assumptions``
        (the lines of ``--verbose``), as in the JSON.

    Raises:
        LimenError: an input outside its range, an unknown input, model or paradigm (with
            ``.field``, ``.value``, ``.range``).
    """
    _lib.provenance_begin("project")
    rest, specs = _workload.split_inputs(inputs)
    setup = _workload.build(model, rest)
    return _project_frame(setup, specs)


def _project_frame(setup: _workload.Setup, specs: Optional[Sequence[str]]) -> pd.DataFrame:
    L = _lib.lib()
    keep: list = []
    _, names = _workload.paradigm_specs(specs, keep)
    proj = ffi.new("limen_projection[]", max(len(names), 1))
    _workload.project_into(setup, setup.w, names, proj)
    pub = ffi.new("limen_published *")
    err = new_error()
    model = ffi.NULL if setup.setup.custom else setup.setup.model
    raise_for(L.limen_published_compare(model, setup.w, setup.data.profiles, pub, err), err)
    lines = _workload.assumptions(setup, setup.w)
    c_lines = [ffi.new("char[]", s.encode()) for s in lines]
    arr = ffi.new("const char *[]", c_lines or [ffi.NULL])
    rep = ffi.new("limen_project_report *", {"workload": setup.w, "proj": proj, "n": len(names),
                                             "published": pub, "assumptions": arr,
                                             "n_assumptions": len(lines)})
    out = ffi.new("char **")
    raise_for(L.limen_project_json(rep, out, err), err)
    doc = json.loads(take_text(out))
    df = _numeric_columns(pd.DataFrame([_flatten(p) for p in doc["paradigms"]]))
    df = df.set_index("name")
    df.index.name = "paradigm"
    df.attrs = {"workload": doc.get("workload"), "headline": doc.get("headline"),
                "published": doc.get("published"), "assumptions": doc.get("assumptions", []),
                "provenance": doc.get("provenance")}
    return df


def _axis(key: str, spec: Axis, table: Any, n: int, keep: list, tau0: float) -> tuple[Any, str]:
    """One --vary axis: (start, stop, points[, "log" | "lin"]) or "START:STOP:POINTS[:log]"; an
    end in cell time ("100tau0") converted with the base workload's `tau0`."""
    L = _lib.lib()
    err = new_error()
    name = _lib.cname(key)
    row = ffi.new("const limen_input **")
    raise_for(L.limen_input_lookup(table, n, b"vary", b"input", name, row, err), err)
    parts = spec.split(":") if isinstance(spec, str) else list(spec)
    if not 3 <= len(parts) <= 4 or (len(parts) == 4 and parts[3] not in ("log", "lin")):
        raise LimenError(f"vary {key} = {spec!r}: expected (start, stop, points[, 'log'])", field=key,
                         value=str(spec), range="(start, stop, points[, 'log'])")
    ends = []
    for v in parts[:2]:
        x = ffi.new("double *")
        if isinstance(v, str) and L.limen_input_cell_time(row[0], v.encode()):
            s = L.limen_input_parse_cell_time(row[0], row[0].name, v.encode(), tau0, x, err)
        elif isinstance(v, str):
            s = L.limen_input_parse(row[0], v.encode(), x, err)
        elif isinstance(v, bool) or not isinstance(v, numbers.Real):
            raise TypeError(f"vary {key}: expected numbers, got {type(v).__name__}")
        else:
            x[0] = float(v)
            s = L.limen_input_check_given(row[0], x[0], err)
        raise_for(s, err, field=key, context="vary")
        ends.append(x[0])
    try:
        points = int(parts[2])
    except (TypeError, ValueError):
        points = 0
    if points < 1 or str(points) != str(parts[2]).strip():
        raise LimenError(f"vary {key}: points = {parts[2]!r}: expected a whole number >= 1", field=key,
                         value=str(parts[2]), range="integers >= 1")
    log = len(parts) == 4 and parts[3] == "log"
    if log and (ends[0] <= 0 or ends[1] <= 0):
        raise LimenError(f"vary {key}: a logarithmic grid needs start > 0 and stop > 0", field=key,
                         value=f"{ends[0]:.10g}:{ends[1]:.10g}", range="(0, inf)")
    cname = _lib.text(row[0].name) or key
    c = ffi.new("char[]", cname.encode())
    keep.append(c)
    return {"name": c, "start": ends[0], "stop": ends[1], "points": points, "log": int(log)}, cname


def sweep(vary: Mapping[str, Axis], model: Optional[str] = None, layout: str = "long",
          **inputs: Any) -> pd.DataFrame:
    """Vary one or two workload inputs over a grid and project the paradigms at every point —
    ``limen sweep``'s CSV as a DataFrame.

    Args:
        vary: one or two inputs (names as in :func:`project`) to their grid,
            ``(start, stop, points)`` evenly spaced or ``(start, stop, points, "log")``
            logarithmically, or the tool's text ``"4:32:8"``; e.g.
            ``{"bits": (4, 32, 8), "time": (8.64e4, 2.6e7, 5, "log")}``.  When N, D or c_f vary
            and ``flops`` is not given, C = c_f·N·D at every point (the library's rule).
        model, **inputs: the base workload and ``paradigms``, as for :func:`project`; an input
            cannot be both given and varied.
        layout: "long" (default): a row per point and paradigm, the varied inputs then every
            column of the tool's long CSV; "wide": a row per point, one "<paradigm>_J" column
            per paradigm.

    Returns:
        The CSV's columns and numbers (empty fields NaN); ``df.attrs["workload"]`` the base
        workload (the library's JSON of it), ``df.attrs["vary"]`` the axes,
        ``df.attrs["provenance"]`` the provenance record (limen, command, time, data files).
    """
    _lib.provenance_begin("sweep")
    L = _lib.lib()
    if layout not in ("long", "wide"):
        raise LimenError(f"layout = {layout!r}: allowed long, wide", field="layout", value=str(layout),
                         range="long, wide")
    if not isinstance(vary, Mapping) or not 1 <= len(vary) <= 2:
        raise LimenError("vary: give one or two inputs to vary", field="vary")
    rest, specs = _workload.split_inputs(inputs)
    setup = _workload.build(model, rest)
    keep: list = []
    table, n = _lib.input_table("limen_workload_inputs")
    axes, names_varied = [], []
    for key, spec in vary.items():
        ax, cname = _axis(key, spec, table, n, keep, setup.w.tau0_s)
        if cname in setup.given:
            raise LimenError(f"{cname} and vary {cname}: give one of them", field=cname)
        if cname in names_varied:
            raise LimenError(f"vary: '{cname}' is varied twice", field=cname)
        axes.append(ax)
        names_varied.append(cname)
    c_axes = ffi.new("limen_sweep_axis[]", axes)
    arr, names = _workload.paradigm_specs(specs, keep)
    fmt = L.LIMEN_SWEEP_CSV_LONG if layout == "long" else L.LIMEN_SWEEP_CSV_WIDE
    rep = ffi.new("limen_sweep_report *", {"axes": c_axes, "n_axes": len(axes), "base": setup.w,
                                           "specs": arr, "n_specs": len(names), "format": fmt})
    err = new_error()
    pw = ffi.new("limen_sweep_writer **")
    raise_for(L.limen_sweep_writer_alloc(rep, pw, err), err)
    wr = ffi.gc(pw[0], L.limen_sweep_writer_free)
    raise_for(L.limen_sweep_run(setup.setup, c_axes, len(axes), arr, len(names), setup.data.profiles, wr, err), err)
    out = ffi.new("char **")
    raise_for(L.limen_sweep_writer_finish(wr, out, err), err)
    df = _lib.read_csv(take_text(out))
    wj = ffi.new("char **")
    raise_for(L.limen_workload_json(setup.w, wj, err), err)
    df.attrs.update({"workload": json.loads(take_text(wj)),
                "vary": {names_varied[k]: (a["start"], a["stop"], a["points"], "log" if a["log"] else "lin")
                         for k, a in enumerate(axes)}})
    df.attrs["workload"].pop("provenance", None)
    return df
