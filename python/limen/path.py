# SPDX-License-Identifier: GPL-3.0-or-later
"""limen.PathMeter: the learning-path meter of the C library (include/limen/path.h,
docs/path.md) over numpy arrays and PyTorch tensors."""

from __future__ import annotations

import json
import os
from typing import Any, Iterable, Optional, Union

import numpy as np
import pandas as pd

from . import _lib
from ._lib import ffi, new_error, raise_for
from .errors import LimenError

ArrayLike = Any  # a numpy array, a torch tensor, or anything np.asarray takes


def _as_numpy(a: ArrayLike) -> np.ndarray:
    """A C-contiguous float32 or float64 array of a's values (no copy when a already is one)."""
    if hasattr(a, "detach") and hasattr(a, "cpu"):  # a torch tensor
        t = a.detach()
        if str(t.dtype) not in ("torch.float32", "torch.float64"):
            t = t.float() if t.element_size() <= 4 else t.double()
        a = t.cpu().numpy()
    arr = np.asarray(a)
    if arr.dtype not in (np.float32, np.float64):
        arr = arr.astype(np.float32 if arr.dtype.kind == "f" and arr.dtype.itemsize < 4 else np.float64)
    return np.ascontiguousarray(arr)


class PathMeter:
    """How far every parameter of a training run moves, step by step, in n-bit levels
    ε = (hi − lo)/2^n (docs/path.md).  Each :meth:`step` passes the parameters' current values;
    the first records the starting point, each later one the moves since the previous one.

    Args:
        bits: n, bits per parameter.
        range: (lo, hi), the parameter range; values outside are clamped (counted).
        step_time_s: the duration of one step in s (recorded for the energies; None: not given).
        temperature: the memory's temperature in K (recorded for the energies).
        step_histograms: keep a histogram of the moves per step (else only the total's).

    The values are checked by the library's table of the meter's inputs; a bad one raises
    :class:`limen.LimenError`.
    """

    def __init__(self, bits: int = 16, range: tuple[float, float] = (-1.0, 1.0),  # noqa: A002
                 step_time_s: Optional[float] = None, temperature: float = 300.0,
                 step_histograms: bool = True) -> None:
        L = _lib.lib()
        cfg = ffi.new("limen_path_config *", L.limen_path_config_default())
        table, n = _lib.input_table("limen_path_config_inputs")
        err = new_error()
        lo, hi = range
        given = {b"bits": bits, b"lo": lo, b"hi": hi, b"temperature": temperature,
                 b"step-histograms": 1 if step_histograms else 0}
        if step_time_s is not None:
            given[b"step-time"] = step_time_s
        for name, v in given.items():
            raise_for(L.limen_inputs_set_value(table, n, cfg, name, float(v), err), err, field=name.decode())
        raise_for(L.limen_path_config_check(cfg, err), err)
        out = ffi.new("limen_path_meter **")
        raise_for(L.limen_path_meter_alloc(cfg, out, err), err)
        self._m = ffi.gc(out[0], L.limen_path_meter_free)
        self._hooks: list = []

    # ---- streaming ------------------------------------------------------------------------
    def step(self, arrays: Union[ArrayLike, Iterable[ArrayLike]]) -> None:
        """Pass one snapshot: the parameters' values now, as one array or a sequence (or dict)
        of arrays — numpy arrays (float32 or float64, read in place) or torch tensors
        (``.detach().cpu().numpy()``).  The same arrays, in the same order, with the same sizes
        and types at every step.  A NaN or infinite value raises LimenError; the step is then
        abandoned and the next one records a new starting point."""
        if isinstance(arrays, dict):
            arrays = list(arrays.values())
        elif isinstance(arrays, np.ndarray) or hasattr(arrays, "detach"):
            arrays = [arrays]
        L = _lib.lib()
        err = new_error()
        raise_for(L.limen_path_begin_step(self._m, err), err)
        try:
            for i, a in enumerate(arrays):
                arr = _as_numpy(a)
                n = arr.size
                if arr.dtype == np.float32:
                    s = L.limen_path_add_f32(self._m, i, ffi.from_buffer("float[]", arr) if n else ffi.NULL, n, err)
                else:
                    s = L.limen_path_add_f64(self._m, i, ffi.from_buffer("double[]", arr) if n else ffi.NULL, n, err)
                raise_for(s, err)
            raise_for(L.limen_path_end_step(self._m, err), err)
        except BaseException:
            L.limen_path_abort_step(self._m)
            raise

    def attach(self, optimizer: Any) -> Any:
        """Meter a ``torch.optim.Optimizer``: record its parameters now (the starting point)
        and after every ``optimizer.step()`` (``register_step_post_hook``).  Returns the hook's
        handle (``.remove()`` detaches)."""
        try:
            import torch  # noqa: F401
        except ImportError as e:  # pragma: no cover - depends on the installation
            raise RuntimeError("PathMeter.attach needs PyTorch") from e

        def params() -> list:
            return [p for g in optimizer.param_groups for p in g["params"]]

        self.step(params())
        handle = optimizer.register_step_post_hook(lambda opt, args, kwargs: self.step(params()))
        self._hooks.append(handle)
        return handle

    # ---- records --------------------------------------------------------------------------
    def steps(self) -> pd.DataFrame:
        """One row per step record: params, path_levels (Σ|Δw|/ε), path_sq_levels2,
        max_move_levels, changed (parameters whose level changed), bit_flips, clamped."""
        L = _lib.lib()
        err = new_error()
        rec = ffi.new("limen_path_step *")
        rows = []
        for k in range(L.limen_path_step_count(self._m)):
            raise_for(L.limen_path_step_get(self._m, k, rec, err), err)
            rows.append({f: getattr(rec, f) for f, _ in ffi.typeof("limen_path_step").fields})
        cols = [f for f, _ in ffi.typeof("limen_path_step").fields]
        return pd.DataFrame(rows, columns=cols)

    def histogram(self) -> pd.DataFrame:
        """The moves of all steps in binary-logarithmic bins: lower edge (levels) and count."""
        L = _lib.lib()
        n = L.limen_path_hist_count(self._m)
        counts = ffi.new("uint64_t[]", max(n, 1))
        err = new_error()
        raise_for(L.limen_path_totals_hist(self._m, counts, n, err), err)
        return pd.DataFrame({"lo_levels": [L.limen_path_hist_edge(self._m, i) for i in range(n)],
                             "count": [int(counts[i]) for i in range(n)]})

    def report(self) -> dict:
        """The path so far: ``steps`` (step records), ``parameters`` (per snapshot),
        ``path_levels`` (Σ over steps and parameters of |Δw|/ε), ``changed_writes``
        (parameter-steps whose level changed), ``bit_flips`` (between successive n-bit codes),
        ``max_levels_per_step`` (the largest move of one parameter in one step, levels), then
        ``path_sq_levels2``, ``clamped``, ``snapshots``, ``starts``, ``aborted``, ``tensors``,
        ``level_size``, ``bits``, ``range``, ``step_time_s``, ``temperature_K``,
        ``memory_bytes``.  The energies of the path per paradigm are not there yet (the C
        library has no function for them)."""
        L = _lib.lib()
        t = ffi.new("limen_path_totals *")
        err = new_error()
        raise_for(L.limen_path_totals_get(self._m, t, err), err)
        c = L.limen_path_meter_config(self._m)
        return {
            "steps": int(t.steps), "parameters": int(t.params), "path_levels": float(t.path_levels),
            "changed_writes": int(t.changed), "bit_flips": int(t.bit_flips),
            "max_levels_per_step": float(t.max_move_levels), "path_sq_levels2": float(t.path_sq_levels2),
            "clamped": int(t.clamped), "snapshots": int(t.snapshots), "starts": int(t.starts),
            "aborted": int(t.aborted), "tensors": int(t.tensors), "level_size": float(t.level_size),
            "bits": int(c.bits), "range": [float(c.lo), float(c.hi)],
            "step_time_s": float(c.step_time_s) if c.step_time_s > 0 else None,
            "temperature_K": float(c.temperature_K), "memory_bytes": int(t.memory_bytes),
        }

    def save(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Write the path summary as JSON: :meth:`report`, the step records (``per_step``: a
        list of objects) and the histogram (``histogram``: lower edges and counts)."""
        doc = self.report()
        doc["per_step"] = self.steps().to_dict(orient="records")
        h = self.histogram()
        doc["histogram"] = {"lo_levels": h["lo_levels"].tolist(), "count": h["count"].tolist()}
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=1, allow_nan=False, default=int)
            f.write("\n")


__all__ = ["PathMeter", "LimenError"]
