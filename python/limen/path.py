# SPDX-License-Identifier: GPL-3.0-or-later
"""limen.PathMeter: the learning-path meter of the C library (include/limen/path.h,
docs/path.md) over numpy arrays and PyTorch tensors."""

from __future__ import annotations

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


class _StepWrap:
    """A post-step hook for optimizers without ``register_step_post_hook``: the instance's
    ``step`` calls the original, then `after`; ``remove()`` restores it."""

    def __init__(self, optimizer: Any, after: Any) -> None:
        self._opt = optimizer
        self._had_own = "step" in vars(optimizer)
        self._orig = optimizer.step

        def step(*args: Any, **kwargs: Any) -> Any:
            out = self._orig(*args, **kwargs)
            after()
            return out

        optimizer.step = step

    def remove(self) -> None:
        if self._had_own:
            self._opt.step = self._orig
        else:
            vars(self._opt).pop("step", None)


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
        if hasattr(optimizer, "register_step_post_hook"):  # PyTorch >= 2.0
            handle = optimizer.register_step_post_hook(lambda opt, args, kwargs: self.step(params()))
        else:  # PyTorch 1.x (Debian 12): wrap this optimizer's step
            handle = _StepWrap(optimizer, lambda: self.step(params()))
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

    def report(self, paradigms: Optional[list] = None, step_time_s: Optional[float] = None) -> dict:
        """The path so far: ``steps`` (step records), ``parameters`` (per snapshot),
        ``path_levels`` (Σ over steps and parameters of |Δw|/ε), ``changed_writes``
        (parameter-steps whose level changed), ``bit_flips`` (between successive n-bit codes),
        ``max_levels_per_step`` (the largest move of one parameter in one step, levels), then
        ``path_sq_levels2``, ``clamped``, ``snapshots``, ``starts``, ``aborted``, ``tensors``,
        ``level_size``, ``bits``, ``range``, ``step_time_s``, ``temperature_K``,
        ``memory_bytes``; then ``energies``: a DataFrame of the paradigms' energies for the
        measured run itself (:meth:`energies`), or None when no step time is known.

        Args:
            paradigms: as for :func:`limen.project` (default: the tool's list).
            step_time_s: the duration of one step, s (default: the meter's ``step_time_s``).
        """
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
            "energies": (self.energies(paradigms, step_time_s)
                         if t.steps > 0 and (step_time_s or c.step_time_s > 0) else None),
        }

    # ---- energies ---------------------------------------------------------------------------
    def _learning_path(self) -> Any:
        """The path so far as the library's limen_learning_path (a copy)."""
        L = _lib.lib()
        out = ffi.new("limen_learning_path **")
        err = new_error()
        raise_for(L.limen_learning_path_from_meter(self._m, out, err), err)
        return ffi.gc(out[0], L.limen_learning_path_free)

    def _run_setup(self, step_time_s: Optional[float]) -> Any:
        """The workload of the measured run itself, with the path attached: N = parameters,
        K = steps (batch 1), T_train = K·Δt, the meter's temperature, OPS per parameter-step;
        bits and range from the path (docs/path.md, "The energies of the run itself")."""
        from . import _workload
        c = _lib.lib().limen_path_meter_config(self._m)
        dt = step_time_s if step_time_s is not None else (c.step_time_s if c.step_time_s > 0 else None)
        if dt is None:
            raise LimenError("step_time_s: not given; the energies of a path need the duration of one step "
                             "(PathMeter(step_time_s=...) or step_time_s=...)", field="step-time",
                             value="not given", range="(0, 1e12] s")
        t = self.report_counts()
        inputs = {"params": t["parameters"], "tokens": t["steps"], "batch_tokens": 1,
                  "time": float(dt) * t["steps"], "temperature": float(c.temperature_K),
                  "ops": "per-parameter-step", "learning_path": self}
        return _workload.build(None, inputs, source="the measured run")

    def energies(self, paradigms: Optional[list] = None, step_time_s: Optional[float] = None) -> pd.DataFrame:
        """The energy each paradigm dissipates along the measured path of the run itself —
        :func:`limen.project`'s DataFrame for N = the parameters metered, K = the steps, the
        step time given: lim-matched from the measured moves, cim-static and lim-finite-time
        per write that changed a stored level, each with the floor of those same writes;
        landauer-adiabatic and accelerators per OPS = N·K (docs/path.md)."""
        from ._project import _project_frame
        return _project_frame(self._run_setup(step_time_s), paradigms)

    def energy_per_step(self, paradigms: Optional[list] = None, step_time_s: Optional[float] = None) -> pd.DataFrame:
        """Per step record (rows, index "step") and paradigm (columns): the energy of that step
        in J — each paradigm's update term split by what it follows (lim-matched: the step's
        moves; cim-static, lim-finite-time: its writes; else evenly), its other terms evenly
        (limen_projection_path_steps).  The rows add up to :meth:`energies`' ``energy_J``."""
        from . import _workload
        L = _lib.lib()
        setup = self._run_setup(step_time_s)
        keep: list = []
        _, names = _workload.paradigm_specs(paradigms, keep)
        proj = ffi.new("limen_projection[]", max(len(names), 1))
        _workload.project_into(setup, setup.w, names, proj)
        k = int(setup.w.path.n_steps)
        buf = ffi.new("double[]", max(k, 1))
        err = new_error()
        cols = {}
        for i, name in enumerate(names):
            raise_for(L.limen_projection_path_steps(ffi.addressof(proj, i), setup.w, buf, k, err), err)
            cols[name] = [buf[j] for j in range(k)]
        df = pd.DataFrame(cols, index=pd.RangeIndex(k, name="step"))
        df.columns.name = "paradigm"
        return df

    def report_counts(self) -> dict:
        """``steps`` and ``parameters`` so far (cheap; :meth:`report` has everything)."""
        L = _lib.lib()
        t = ffi.new("limen_path_totals *")
        err = new_error()
        raise_for(L.limen_path_totals_get(self._m, t, err), err)
        return {"steps": int(t.steps), "parameters": int(t.params)}

    def save(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Write the path as the library's JSON (docs/path.md, "Saved paths"), atomically: the
        file ``limen project --learning-path`` and ``limen.project(learning_path=...)`` read.
        It holds the configuration, the totals, every step record and the total histogram."""
        L = _lib.lib()
        lp = self._learning_path()
        out = ffi.new("char **")
        err = new_error()
        raise_for(L.limen_learning_path_json(lp, out, err), err)
        text = _lib.take_text(out)
        p = os.fspath(path)
        d, name = os.path.split(os.path.abspath(p))
        raise_for(L.limen_text_file_write(d.encode(), name.encode(), text.encode(), err), err)


def learning_path_of(src: Any) -> tuple[Any, str]:
    """The library's learning path of a :class:`PathMeter` (its path so far) or of a saved
    file, and a label for the assumption lines."""
    if isinstance(src, PathMeter):
        return src._learning_path(), "PathMeter"
    if isinstance(src, (str, os.PathLike)):
        L = _lib.lib()
        out = ffi.new("limen_learning_path **")
        err = new_error()
        raise_for(L.limen_learning_path_read(os.fsencode(src), out, err), err, field="learning-path")
        return ffi.gc(out[0], L.limen_learning_path_free), os.fspath(src)
    raise TypeError(f"learning_path: expected a file name or a PathMeter, got {type(src).__name__}")


__all__ = ["PathMeter", "LimenError"]
