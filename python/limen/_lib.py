# SPDX-License-Identifier: GPL-3.0-or-later
"""Finding and loading liblimen.so (cffi, ABI mode: no compiler at import), and turning the
library's status and ``limen_error`` into :class:`limen.LimenError`."""

from __future__ import annotations

import ctypes.util
import os
import sys
from pathlib import Path
from typing import Any, Iterator, Optional

from cffi import FFI

from ._cdef import CDEF
from ._cdef_runs import CDEF_RUNS
from .errors import LimenError

ffi = FFI()
ffi.cdef(CDEF)
ffi.cdef(CDEF_RUNS)

_PKG = Path(__file__).resolve().parent
_lib: Any = None
_lib_path: Optional[str] = None


def _candidates() -> Iterator[str]:
    """Where liblimen.so is looked for, in order (see :func:`library_path`)."""
    env = os.environ.get("LIMEN_LIBRARY")
    if env:
        yield env
        return
    # an installation: the package in <prefix>/lib/python3[.X]/dist-packages/limen → <prefix>/lib
    yield str(_PKG.parents[2] / "liblimen.so.0")
    found = ctypes.util.find_library("limen")
    if found:
        yield found
    for d in ("/usr/local/lib", "/usr/local/lib64", "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib",
              os.path.join(sys.prefix, "lib")):
        yield os.path.join(d, "liblimen.so.0")
    # the build the package was installed from (cmake --install --component python)
    try:
        from . import _build  # type: ignore[attr-defined]
        yield _build.LIBRARY
    except ImportError:
        pass
    # a checkout: python/limen → build/liblimen.so
    yield str(_PKG.parents[1] / "build" / "liblimen.so")


def lib() -> Any:
    """The loaded library (loaded on first use)."""
    global _lib, _lib_path
    if _lib is not None:
        return _lib
    tried = []
    for path in _candidates():
        # a bare soname (from find_library) is left to the dynamic loader; a path must exist
        if os.sep in path and not os.path.exists(path):
            tried.append(path)
            continue
        try:
            _lib = ffi.dlopen(path)
        except OSError as e:
            tried.append(f"{path} ({e})")
            continue
        _lib_path = path
        return _lib
    raise ImportError("liblimen.so not found; set LIMEN_LIBRARY to its path. Tried: " + "; ".join(tried))


def library_path() -> str:
    """The path (or soname) of the liblimen loaded: ``$LIMEN_LIBRARY`` when set; else an
    installed liblimen.so.0 (in the lib directory of the package's prefix, the loader's cache,
    the usual directories); else the build's liblimen.so that the package was installed from
    (``cmake --install build --component python``); else ``build/liblimen.so`` of the checkout
    the package is run from."""
    lib()
    assert _lib_path is not None
    return _lib_path


def text(p: Any) -> Optional[str]:
    """A C string as str (None for NULL)."""
    return None if p == ffi.NULL else ffi.string(p).decode("utf-8", "replace")


def new_error() -> Any:
    return ffi.new("limen_error *")


def raise_for(status: int, err: Any, field: Optional[str] = None, context: Optional[str] = None) -> None:
    """Raise LimenError for a non-zero status, from the error the call filled; `field` names the
    input when the library's structured fields are empty; `context` goes before the message."""
    if status == 0:
        return
    msg = ffi.string(err.msg).decode("utf-8", "replace") or text(lib().limen_strstatus(status)) or "failed"
    if context:
        msg = f"{context}: {msg}"
    f = ffi.string(err.field).decode("utf-8", "replace") or (field or "")
    raise LimenError(msg, code=status, status=text(lib().limen_strstatus(status)) or "",
                     field=f, value=ffi.string(err.value).decode("utf-8", "replace"),
                     range=ffi.string(err.range).decode("utf-8", "replace"),
                     trace=ffi.string(err.trace).decode("utf-8", "replace"))


def take_text(p: Any) -> str:
    """The text of a `char **` the library filled, freed with limen_free."""
    try:
        return ffi.string(p[0]).decode("utf-8")
    finally:
        lib().limen_free(p[0])
        p[0] = ffi.NULL


def provenance_begin(call: str) -> None:
    """Start the library's provenance record (provenance.h) for one call of the package: the
    command it records is the Python program's command line and the call, e.g.
    ``python3 train.py (limen.sweep)``."""
    argv = " ".join(sys.argv) if sys.argv and sys.argv[0] else "python3"
    err = new_error()
    raise_for(lib().limen_provenance_begin(f"{argv} (limen.{call})".encode(), err), err)


def provenance() -> dict:
    """The provenance record as a dict: limen_version, git_revision, command, utc, seeds and
    data_files (path, bytes, sha256) of the current record."""
    import json

    err = new_error()
    out = ffi.new("char **")
    raise_for(lib().limen_provenance_json(out, err), err)
    return json.loads(take_text(out))


def read_csv(text: str) -> Any:
    """A CSV the library wrote as a DataFrame: its leading '#' provenance lines are skipped and
    the record is kept in ``df.attrs["provenance"]`` (:func:`provenance`)."""
    import io

    import pandas as pd

    lines = text.splitlines(True)
    k = 0
    while k < len(lines) and lines[k].startswith("#"):
        k += 1
    df = pd.read_csv(io.StringIO("".join(lines[k:])), float_precision="round_trip")
    df.attrs["provenance"] = provenance()
    return df


def input_table(fn_name: str) -> tuple[Any, int]:
    """A library input table (``limen_workload_inputs``, …) and its row count."""
    n = ffi.new("size_t *")
    t = getattr(lib(), fn_name)(n)
    return t, int(n[0])


def cname(name: str) -> bytes:
    """A Python keyword as the library's input name: underscores become hyphens."""
    return name.replace("_", "-").encode()
