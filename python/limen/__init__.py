# SPDX-License-Identifier: GPL-3.0-or-later
"""limen from Python: energy-dissipation bounds for training in physical memory.

A thin layer over liblimen.so (cffi, ABI mode) with no physics of its own: every number,
default, range and message is the C library's, and the tables are its JSON and CSV, so they
equal the ``limen`` tool's to the last digit.

    >>> import limen
    >>> df = limen.project(model="gpt-3", bits=8)          # one row per paradigm
    >>> df.loc["lim-matched", "energy_J"]
    >>> limen.sweep(vary={"bits": (4, 32, 8)})             # the long CSV of `limen sweep`
    >>> limen.bound("finite-time", barrier=5)              # `limen bound --format json`
    >>> limen.models(), limen.profiles()                   # the catalogs
    >>> m = limen.PathMeter(bits=16); m.step([w]); m.report()
    >>> limen.simulate("erasure"), limen.validate(scale=0.1), limen.train()  # --format json

Bad input raises :class:`LimenError` (a ValueError) with ``.field``, ``.value`` and
``.range``.  The library is ``$LIMEN_LIBRARY``, else the installed liblimen.so.0, else a
checkout's ``build/liblimen.so`` (:func:`library_path`); its data files are found as the C
library finds them (``$LIMEN_DATA_DIR`` first).  docs/python.md has the rest.
"""

from __future__ import annotations

from ._lib import library_path
from .catalog import bound, bound_inputs, bound_kinds, models, profiles, workload_inputs
from .errors import LimenError
from .path import PathMeter
from ._project import project, sweep
from ._runs import simulate, train, validate

__version__ = "0.2.0"


def version() -> str:
    """The version of the loaded liblimen ("MAJOR.MINOR.PATCH")."""
    from . import _lib
    return _lib.text(_lib.lib().limen_version()) or ""


__all__ = ["project", "sweep", "bound", "bound_kinds", "bound_inputs", "models", "profiles", "workload_inputs",
           "PathMeter", "simulate", "validate", "train", "LimenError", "library_path", "version"]
