# SPDX-License-Identifier: GPL-3.0-or-later
"""Workload inputs given as keywords, handed to the library's rules
(limen_workload_request / limen_workload_setup_build); the catalogs; projecting paradigms."""

from __future__ import annotations

import numbers
import os
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional, Sequence

from . import _lib
from ._lib import cname, ffi, new_error, raise_for
from .errors import LimenError

#: keywords that are not numeric workload inputs: names (checked by the library)
_NAMED = {"ops": "ops", "lr_schedule": "lr_schedule", "lr-schedule": "lr_schedule", "name": "name"}
_PARADIGMS = ("paradigms", "paradigm")


@dataclass
class Data:
    """The model catalog and hardware profiles, as the library loads them (LIMEN_DATA_DIR, …)."""

    catalog: Any
    profiles: Any

    @staticmethod
    def load(catalog: Any = None, profiles: Any = None) -> "Data":
        """limen's catalog and profiles with your own files on top (a path or a list of paths,
        read and checked as the built-in files; a row of the same name replaces limen's)."""
        L = _lib.lib()
        err = new_error()
        keep: list = []

        def files(x: Any, key: str) -> tuple[Any, int]:
            paths = [] if x is None else [x] if isinstance(x, (str, os.PathLike)) else list(x)
            c = [ffi.new("char[]", os.fsencode(p)) for p in paths]
            keep.extend(c)
            return ffi.new("const char *[]", c or [ffi.NULL]), len(c)

        pc = ffi.new("limen_catalog **")
        arr, n = files(catalog, "catalog")
        raise_for(L.limen_catalog_load_with(arr, n, pc, err), err, field="catalog" if n else None,
                  context=None if n else "model catalog")
        cat = ffi.gc(pc[0], L.limen_catalog_free)
        pp = ffi.new("limen_profile_set **")
        arr, n = files(profiles, "profiles")
        raise_for(L.limen_profiles_load_with(arr, n, pp, err), err, field="profiles" if n else None,
                  context=None if n else "hardware profiles")
        return Data(cat, ffi.gc(pp[0], L.limen_profiles_free))


@dataclass
class Setup:
    """A workload built by the library from keywords, with what keeps its C memory alive."""

    data: Data
    setup: Any
    keep: list = field(default_factory=list)
    given: set = field(default_factory=set)

    @property
    def w(self) -> Any:
        return ffi.addressof(self.setup, "w")

    def workload_copy(self) -> Any:
        w = ffi.new("limen_workload *")
        ffi.memmove(w, self.w, ffi.sizeof("limen_workload"))
        return w


def _to_c(s: str, keep: list) -> Any:
    c = ffi.new("char[]", s.encode())
    keep.append(c)
    return c


def split_inputs(inputs: dict) -> tuple[dict, Optional[list]]:
    """The workload keywords and the paradigm list (None: the library's default list)."""
    rest = dict(inputs)
    specs = None
    for k in _PARADIGMS:
        if k in rest:
            if specs is not None:
                raise LimenError("paradigms: given twice (paradigms= and paradigm=)", field="paradigms")
            v = rest.pop(k)
            specs = [v] if isinstance(v, str) else list(v)
    return rest, specs


def build(model: Optional[str], inputs: dict, data: Optional[Data] = None, source: Optional[str] = None) -> Setup:
    """The library's workload for catalog `model` and the keyword inputs (``learning_path``:
    a saved path's file or a :class:`limen.PathMeter`; `source` says where the inputs come
    from in the assumption lines, default "given as key=value")."""
    L = _lib.lib()
    inputs = dict(inputs)
    data = data or Data.load(inputs.pop("catalog", None), inputs.pop("profiles", None))
    keep: list = []
    req = ffi.new("limen_workload_request *")
    L.limen_workload_request_init(req)
    err = new_error()
    inputs = dict(inputs)
    if inputs.get("learning_path") is not None:
        from .path import learning_path_of
        lp, label = learning_path_of(inputs.pop("learning_path"))
        keep.append(lp)
        req.learning_path = lp
        req.learning_path_source = _to_c(label, keep)
    inputs.pop("learning_path", None)
    if model is not None:
        if not isinstance(model, str):
            raise TypeError(f"model: expected a catalog name (str), got {type(model).__name__}")
        req.model = _to_c(model, keep)
    table, n = _lib.input_table("limen_workload_inputs")
    given = set()
    # τ₀ first: a duration given in cell time ("100tau0") is converted with it (as the tool does)
    for key, value in sorted(inputs.items(), key=lambda kv: kv[0] != "tau0"):
        if key in _NAMED:
            if not isinstance(value, str):
                raise TypeError(f"{key}: expected a name (str), got {type(value).__name__}")
            setattr(req, _NAMED[key], _to_c(value, keep))
            continue
        name = cname(key)
        if isinstance(value, bool) or not isinstance(value, (numbers.Real, str)):
            raise TypeError(f"{key}: expected a number or its text, got {type(value).__name__}")
        if isinstance(value, str):
            s = L.limen_workload_request_set_text(req, name, value.encode(), err)
        else:
            s = L.limen_workload_request_set(req, name, float(value), err)
        raise_for(s, err, field=name.decode())
        row = L.limen_input_find(table, n, name)
        i = (int(ffi.cast("uintptr_t", row)) - int(ffi.cast("uintptr_t", table))) // ffi.sizeof("limen_input")
        req.source[i] = _to_c(source or f"given as {key}={value}", keep)
        given.add(_lib.text(row.name))
    setup = ffi.new("limen_workload_setup *")
    s = L.limen_workload_setup_build(data.catalog, req, setup, err)
    if s:
        raise_for(s, err, field=_lib.text(setup.error_input))
    keep.append(req)
    return Setup(data, setup, keep, given)


def paradigm_specs(specs: Optional[Sequence[str]], keep: list) -> tuple[Any, list]:
    """The paradigm list as a C array (checked by the library) and as str."""
    L = _lib.lib()
    if specs is None:
        d = L.limen_paradigm_default_specs()
        names = []
        i = 0
        while d[i] != ffi.NULL:
            names.append(_lib.text(d[i]))
            i += 1
    else:
        names = list(specs)
        for s in names:
            if not isinstance(s, str):
                raise TypeError(f"paradigms: expected names (str), got {type(s).__name__}")
    arr = ffi.new("const char *[]", [_to_c(s, keep) for s in names] or [ffi.NULL])
    keep.append(arr)
    err = new_error()
    raise_for(L.limen_paradigm_list_check(arr, len(names), err), err, field="paradigm")
    return arr, names


def project_into(setup: Setup, w: Any, names: Iterable[str], out: Any) -> None:
    """Project every paradigm for workload w into out[0..]; errors name the paradigm."""
    L = _lib.lib()
    err = new_error()
    for i, spec in enumerate(names):
        p = ffi.new("limen_paradigm **")
        s = L.limen_paradigm_alloc(spec.encode(), setup.data.profiles, p, err)
        raise_for(s, err, field="paradigm", context=f"paradigm '{spec}'")
        try:
            s = L.limen_paradigm_project(p[0], w, ffi.NULL, ffi.addressof(out, i), err)
        finally:
            L.limen_paradigm_free(p[0])
        raise_for(s, err, context=f"paradigm '{spec}'")


def assumptions(setup: Setup, w: Any) -> list[str]:
    """The library's assumption lines about the workload, each as "workload: <line>"."""
    L = _lib.lib()
    lines: list[str] = []

    @ffi.callback("int(void *, const char *)")
    def take(_ctx: Any, line: Any) -> int:
        lines.append("workload: " + ffi.string(line).decode("utf-8", "replace"))
        return 0

    err = new_error()
    raise_for(L.limen_workload_assumptions(setup.setup, w, take, ffi.NULL, err), err)
    return lines
