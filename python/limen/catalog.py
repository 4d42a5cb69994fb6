# SPDX-License-Identifier: GPL-3.0-or-later
"""limen.models, limen.profiles, limen.bound and the tables of inputs: the library's JSON as
DataFrames and dicts."""

from __future__ import annotations

import json
import math
import numbers
from typing import Any

import pandas as pd

from . import _lib
from ._lib import ffi, new_error, raise_for, take_text
from ._workload import Data
from .errors import LimenError
from ._project import _numeric_columns


def _frame(rows: list, index: str = "name") -> pd.DataFrame:
    df = _numeric_columns(pd.DataFrame(rows))
    return df.set_index(index) if index in df.columns else df


def models(catalog: Any = None) -> pd.DataFrame:
    """The model catalog (data/models.json, as ``limen models --format json``): one row per
    model, indexed by name; every key of the JSON (params, tokens, flops, batch_tokens, year,
    published_energy_kWh, published_energy_J, energy_basis, hardware, source, …) a column,
    null as NaN.  ``catalog``: your own file(s) on top, as ``limen models --catalog FILE``."""
    L = _lib.lib()
    data = Data.load(catalog=catalog)
    out, err = ffi.new("char **"), new_error()
    raise_for(L.limen_catalog_json(data.catalog, out, err), err)
    return _frame(json.loads(take_text(out))["models"])


def profiles(profiles: Any = None) -> pd.DataFrame:  # noqa: F811 - the keyword is the tool's option
    """The hardware profiles (data/profiles.json, as ``limen profiles --format json``): one row
    per profile, indexed by name; class, energy_per_flop_J, energy_per_flop_realized_J,
    energy_per_byte_J, read_energy_J, update_energy_J, bits, includes, source, notes.
    ``profiles``: your own file(s) on top, as ``limen profiles --profiles FILE``."""
    L = _lib.lib()
    data = Data.load(profiles=profiles)
    out, err = ffi.new("char **"), new_error()
    raise_for(L.limen_profiles_json(data.profiles, out, err), err)
    return _frame(json.loads(take_text(out))["profiles"])


def _rows(table: Any, n: int) -> list[dict]:
    rows = []
    buf = ffi.new("char[256]")
    for i in range(n):
        r = table[i]
        _lib.lib().limen_input_range_unit_text(ffi.addressof(table, i), buf, 256)
        rows.append({"name": _lib.text(r.name), "keyword": _lib.text(r.name).replace("-", "_"),
                     "alias": _lib.text(r.alias), "unit": _lib.text(r.unit), "symbol": _lib.text(r.symbol),
                     "default": r.default_value, "default_text": _lib.text(r.default_text),
                     "range": ffi.string(buf).decode(), "doc": _lib.text(r.doc)})
    return rows


def workload_inputs() -> pd.DataFrame:
    """The library's table of workload inputs — what :func:`limen.project` and
    :func:`limen.sweep` accept: name (and the Python keyword), alias, unit, symbol, default,
    the default as documented, the allowed range and a line of doc."""
    return _frame(_rows(*_lib.input_table("limen_workload_inputs")))


def bound_inputs() -> pd.DataFrame:
    """The library's table of the inputs of :func:`limen.bound` (``limen bound``'s options)."""
    return _frame(_rows(*_lib.input_table("limen_bound_inputs_table")))


def bound_kinds() -> list[str]:
    """The kinds :func:`limen.bound` computes (landauer, finite-time, static-write, …)."""
    k = _lib.lib().limen_bound_kinds()
    names = []
    i = 0
    while k[i] != ffi.NULL:
        names.append(_lib.text(k[i].name) or "")
        i += 1
    return names


def bound(kind: str, well: str = "quartic", **params: Any) -> dict:
    """The cost of one elementary memory operation — ``limen bound <kind> --format json`` as a
    dict (the same keys: bound, description, inputs {…}, the results, method, validity).

    Args:
        kind: one of :func:`bound_kinds` ("landauer", "finite-time", "static-write", "hop",
            "retention", "kramers", "mfpt").
        well: the cell's potential, "quartic" or "washboard" (kramers and mfpt).
        **params: ``limen bound``'s options with underscores (``barrier=5``, ``tau=1e-9``,
            ``retention_time=...``; :func:`bound_inputs` lists them); only those the kind reads.

    Raises:
        LimenError: unknown kind or input, an input the kind does not read, a value out of range.
    """
    _lib.provenance_begin("bound")
    L = _lib.lib()
    err = new_error()
    pk = ffi.new("const limen_bound_kind **")
    raise_for(L.limen_bound_kind_find(str(kind).encode(), pk, err), err, field="kind")
    k = pk[0]
    inp = ffi.new("limen_bound_inputs *", L.limen_bound_inputs_default())
    table, n = _lib.input_table("limen_bound_inputs_table")
    wells = {"quartic": L.LIMEN_WELL_QUARTIC, "washboard": L.LIMEN_WELL_WASHBOARD}
    if well not in wells:
        raise LimenError(f"well = '{well}': allowed quartic, washboard", code=2, field="well", value=str(well),
                         range="quartic, washboard")
    if well != "quartic" and not (k.uses & (1 << L.LIMEN_BOUND_IN_WELL)):
        raise LimenError(f"well does not apply to bound '{kind}'", field="well", value=well)
    inp.well = wells[well]
    uses = {}
    for i in range(L.LIMEN_BOUND_IN_COUNT):
        row = L.limen_bound_input_row(i)
        if row != ffi.NULL:
            uses[_lib.text(row.name)] = bool(k.uses & (1 << i))
    for key, value in params.items():
        name = _lib.cname(key)
        if isinstance(value, bool) or not isinstance(value, (numbers.Real, str)):
            raise TypeError(f"{key}: expected a number or its text, got {type(value).__name__}")
        if isinstance(value, str):
            s = L.limen_inputs_set_text(table, n, inp, name, value.encode(), err)
        else:
            s = L.limen_inputs_set_value(table, n, inp, name, float(value), err)
        raise_for(s, err, field=name.decode())
        row = L.limen_input_find(table, n, name)
        if not uses.get(_lib.text(row.name), False):
            raise LimenError(f"{key} does not apply to bound '{kind}'", field=_lib.text(row.name) or key,
                             value=str(value))
    if "levels" in params and well != "washboard":
        raise LimenError("levels needs well='washboard'", field="levels", value=str(params["levels"]))
    rep = ffi.new("limen_bound_report *")
    raise_for(L.limen_bound_report_compute(k, inp, ffi.NULL, rep, err), err)
    out = ffi.new("char **")
    raise_for(L.limen_bound_report_json(rep, out, err), err)
    return json.loads(take_text(out), parse_constant=lambda c: math.nan)
