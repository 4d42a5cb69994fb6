# SPDX-License-Identifier: GPL-3.0-or-later
"""limen.simulate, limen.validate and limen.train: one simulation of a memory-cell protocol, the
simulator's reference checks, and one training run in physical memory (or a training
experiment), each one call of the library as ``limen simulate``, ``limen validate`` and
``limen train`` make it, returned as the library's JSON (the tool's ``--format json``) parsed
into a dict."""

from __future__ import annotations

import json
import math
import numbers
from typing import Any, Optional, Sequence, Union

import pandas as pd

from . import _lib
from ._lib import cname, ffi, new_error, raise_for, take_text
from .errors import LimenError

#: a numeric input: a number, or its text as the tool takes it ("1e3"; "2e-12s" or "20tau0" for a time)
Value = Union[int, float, str]

#: the inputs of ``limen simulate`` that are names, and the names the tool allows (the library
#: reads the protocol's name itself)
_SIM_METHODS = ("langevin", "fokker-planck")
_SIM_INTEGRATORS = ("auto", "euler", "heun", "ou")
#: the time rows: a number in τ₀; text with its unit, as the tool reads it ("20ns", "20tau0":
#: limen_simulate_config_set_text)
_SIM_TIMES = ("tau", "dt")

#: the numeric options of ``limen train``, by the library table whose row each one is
_TRAIN_ROWS = (
    ("limen_experiment_inputs", ("window", "steps", "batch", "lr", "lr-t0", "target", "seed", "eval-every")),
    ("limen_memory_config_inputs", ("barrier", "barrier-low", "retention-barrier", "bits", "w-max", "hold", "tau0",
                                    "temperature")),
    ("limen_experiment_maxcut_inputs", ("beta0", "beta-end", "barrier-rise")),
)
_TRAIN_CELLS = ("jump", "langevin")


# ---- shared helpers ------------------------------------------------------------------------

def _names(p: Any) -> list[str]:
    """A NULL-terminated array of C strings as a list."""
    out = []
    i = 0
    while p[i] != ffi.NULL:
        out.append(_lib.text(p[i]) or "")
        i += 1
    return out


def _error(message: str, code: int, field: str = "", value: str = "", range: str = "") -> LimenError:  # noqa: A002
    L = _lib.lib()
    return LimenError(message, code=code, status=_lib.text(L.limen_strstatus(code)) or "", field=field,
                      value=value, range=range)


def _unknown(func: str, key: str, allowed: Sequence[str]) -> LimenError:
    """An unknown keyword, as the library names an unknown input (LIMEN_ENOTFOUND)."""
    names = ", ".join(allowed)
    return _error(f"{func}: input '{key}': unknown; allowed: {names}", _lib.lib().LIMEN_ENOTFOUND, field="input",
                  value=key, range=names)


def _choice(name: str, value: Any, allowed: Sequence[str]) -> str:
    """A name given for one of the tool's choice options, checked as the tool checks it."""
    if not isinstance(value, str):
        raise TypeError(f"{name}: expected a name (str), got {type(value).__name__}")
    if value not in allowed:
        names = ", ".join(allowed)
        what = "empty value" if not value else f"allowed values {names}"
        raise _error(f"{name} = '{value}': {what}", _lib.lib().LIMEN_EINVAL, field=name, value=value, range=names)
    return value


def _text_arg(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name}: expected a str, got {type(value).__name__}")
    return value


def _number_or_text(key: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, str)):
        raise TypeError(f"{key}: expected a number or its text, got {type(value).__name__}")


def _given(row: Any, value: Value, name: Optional[str] = None) -> float:
    """The value of input `row` as the tool's option reads it: text parsed (the whole text one
    number, as strtod reads it), a number checked; in the row's range, and whole where the row
    stores a whole number — stated, as the tool states it, as a count ("integers [2, 1e9]").
    Messages are the library's (limen_input_parse, limen_input_check_given), named `name` (the
    row's name)."""
    L = _lib.lib()
    shadow = ffi.new("limen_input *")
    ffi.memmove(shadow, row, ffi.sizeof("limen_input"))
    c_name = ffi.new("char[]", name.encode()) if name is not None else None
    if c_name is not None:
        shadow.name = c_name
    if shadow.type != L.LIMEN_INPUT_DOUBLE:
        shadow.flags |= L.LIMEN_INPUT_COUNT
    err = new_error()
    x = ffi.new("double *")
    if isinstance(value, str):
        s = L.limen_input_parse(shadow, value.encode(), x, err)
    else:
        x[0] = float(value)
        s = L.limen_input_check_given(shadow, x[0], err)
    raise_for(s, err, field=name or _lib.text(row.name))
    return float(x[0])


def _json(text: str) -> dict:
    return json.loads(text, parse_constant=lambda c: math.nan)


# ---- limen.simulate ----------------------------------------------------------------------------

def simulate(protocol: Optional[str] = None, *, protocol_file: Optional[str] = None, method: Optional[str] = None,
             integrator: Optional[str] = None, **inputs: Value) -> dict:
    """Simulate one memory-cell protocol and measure what it dissipates — ``limen simulate
    --format json`` as a dict (limen_simulate_run on one process, written by
    limen_sim_report_json): the same keys, in the same order, with the same numbers.

    Units: energies in kT, lengths in a, times in τ₀ = γa²/kT (``tau0``); the report adds the
    means in J at ``temperature`` and the times in s.  The run is reproducible bit for bit for
    a seed, whatever the number of threads.

    Args:
        protocol: a ready-made protocol: "erasure", "erasure-optimal", "modulated-write",
            "static-write", "hopping", "trap-linear", "trap-optimal", "stiffness-change",
            "hold".  Exactly one of ``protocol`` and ``protocol_file``.
        protocol_file: or a protocol in JSON (include/limen/protocol.h); it takes no protocol
            input.
        method: "langevin" (default: an ensemble of trajectories) or "fokker-planck" (the
            noise-free means; standard errors 0).
        integrator: the Langevin step: "auto" (default: exact Ornstein–Uhlenbeck for the
            harmonic trap, else Heun), "euler", "heun", "ou".
        **inputs: ``limen simulate``'s numeric options, hyphens as underscores, each a number
            or the tool's text for it (the library's table ``limen_simulate_inputs``: ranges,
            defaults and messages are its own).  The protocol's inputs take each protocol's
            defaults when not given; one that the protocol does not read is refused:

            - ``tau``: duration: a number in τ₀ (the run's unit), or text with its unit as the
              tool reads it — a time unit ("20ns", "2e-8s"), converted with ``tau0``, or cell
              time ("20tau0"); text without a unit is refused (a number means τ₀ here, the
              tool's bare number seconds); (0, 1e12] τ₀; default 10 (erasure, modulated-write: 50;
              static-write, trap-linear, trap-optimal: 1; hold with ``passage``: 40 times the
              exact mean first-passage time)
            - ``barrier`` (kT): the cell's barrier E_b (static-write: E_ret); default 8
              (hopping: 4)
            - ``barrier_low`` (kT): the lowered barrier (erasure, modulated-write); 0.5
            - ``tilt`` (kT per a, or per level): the tilt f applied; 4 (static-write: 10;
              hopping: 2)
            - ``bit``: target bit, 0 (x < 0) or 1 (x > 0); 0 (modulated-write, static-write: 1)
            - ``success``: target success probability in [0.5, 1) (erasure-optimal); 0.9
            - ``levels``: washboard levels (hopping); 8
            - ``start_level``: starting level (hopping); 2
            - ``hop_levels``: levels to move, signed (hopping); 2
            - ``stiffness`` (kT/a²): trap stiffness (initial); 1
            - ``stiffness_final`` (kT/a²): final stiffness (stiffness-change); 4
            - ``distance`` (a): trap translation λ_f (trap-linear, trap-optimal); 5
            - ``ramp_fraction``: fraction of τ of each tilt ramp, [0, 0.5) (static-write,
              hopping); 0
            - ``trajectories``: Langevin ensemble size, integers [2, 1e9]; 10000
            - ``dt``: time step, a number in τ₀ or text as for ``tau`` ("2e-12s", "2e-3tau0"), at most the duration;
              1e-3 τ₀
            - ``seed``: master seed, integers [0, 2147483647]; 1
            - ``threads``: OpenMP threads, 0 = OpenMP's default; 0 (no effect on the numbers)
            - ``start`` (a): every trajectory starts at X0 (hold); default the initial
              equilibrium
            - ``passage`` (a): stop each trajectory at its first passage through B > ``start``
              and report the mean first-passage time beside the exact one (hold, langevin)
            - ``cells``: Fokker–Planck grid cells, 0 = automatic; 0
            - ``tau0`` (s): the intrinsic time τ₀ of the cell, (0, 1]; 1e-9
            - ``temperature`` (K): T of the bath, for the values in J; 300
            - ``max_work``: the largest run allowed, in particle-steps (trajectories × steps; a
              Fokker–Planck cell-step counts 16), [1, 1e18]; 1e12: a longer run is refused

            ``bins`` is accepted only with the tool's ``--out`` (the histogram files), so the
            library refuses it here.  Langevin-only inputs (trajectories, seed, threads,
            integrator) with ``method="fokker-planck"``, or ``cells`` with langevin, are refused.

    Returns:
        The report: protocol, kind, potential, method, integrator; mean_work_kT, stderr_work_kT,
        mean_heat_kT, stderr_heat_kT, mean_dU_kT, stderr_dU_kT, success, stderr_success; the
        bound that applies (bound_kT, bound, bound_quantity, bound_relation, bound_success,
        landauer_generalized_kT; null when none applies; bound_stderr_kT, and for a protocol
        file between two-well potentials information_kT, occupation_initial,
        occupation_final); the SI values (mean_work_J,
        mean_heat_J, temperature_K, tau0_s, duration_tau0, duration_s, dt_tau0, dt_s), steps,
        first_law_residual_kT; by the method trajectories and seed, or the grid (cells, its
        dx, ends and mass error); with ``start`` / ``passage`` the first passage; and
        wall_seconds (the only key that differs between two equal runs).

    Raises:
        LimenError: an unknown keyword, a value outside its range ("trajectories = '1':
            allowed range integers [2, 1000000000]"), an unknown protocol, an input the
            protocol does not read, or a run that failed — the tool's message without "--",
            with ``.field``, ``.value``, ``.range``.

    Example:
        >>> r = limen.simulate("erasure", trajectories=2000, tau=20, seed=3)
        >>> r["mean_heat_kT"], r["bound_kT"]
    """
    _lib.provenance_begin("simulate")
    L = _lib.lib()
    table, n = _lib.input_table("limen_simulate_inputs")
    cfg = ffi.new("limen_simulate_config *", L.limen_simulate_config_default())
    keep: list = []

    def c_text(s: str) -> Any:
        p = ffi.new("char[]", s.encode())
        keep.append(p)
        return p

    if protocol is not None:
        cfg.protocol = c_text(_text_arg("protocol", protocol))
    if protocol_file is not None:
        cfg.protocol_file = c_text(_text_arg("protocol_file", protocol_file))
    if method is not None:
        cfg.method = c_text(_choice("method", method, _SIM_METHODS))
    if integrator is not None:
        cfg.integrator = c_text(_choice("integrator", integrator, _SIM_INTEGRATORS))
    rows = []
    for key, value in inputs.items():
        row = L.limen_input_find(table, n, cname(key))
        if row == ffi.NULL:
            allowed = ["protocol", "protocol_file", "method", "integrator"]
            allowed += [(_lib.text(table[i].name) or "").replace("-", "_") for i in range(n)]
            raise _unknown("simulate", key, allowed)
        _number_or_text(key, value)
        name = _lib.text(row.name) or ""
        if name in _SIM_TIMES and isinstance(value, str) and L.limen_number_prefix(value.encode()) == len(value):
            # a number here is in τ₀ and the tool's bare number in seconds: text must say which
            raise _error(f"{name} = {value!r}: a number is in tau0 here; as text give its unit "
                         f"('{value}tau0', '{value}s', or ns, us, ...)", 1, field=name, value=value,
                         range="a number in tau0, or text with a time unit or tau0")
        # every value is checked as the tool checks its option; the times when set (in τ₀ or s)
        rows.append((row, name, value if name in _SIM_TIMES else _given(row, value)))
    err = new_error()
    # τ₀ first: a time given in seconds is converted with it (as the tool does)
    for row, name, value in sorted(rows, key=lambda r: r[1] != "tau0"):
        if isinstance(value, str):
            s = L.limen_simulate_config_set_text(cfg, row.name, value.encode(), err)
        else:
            s = L.limen_simulate_config_set(cfg, row.name, float(value), err)
        raise_for(s, err, field=name)
    res = ffi.new("limen_simulate_result *")
    try:
        raise_for(L.limen_simulate_run(cfg, ffi.NULL, res, err), err)
        out = ffi.new("char **")
        raise_for(L.limen_sim_report_json(ffi.addressof(res, "report"), out, err), err)
        return _json(take_text(out))
    finally:
        L.limen_simulate_result_clear(res)


# ---- limen.validate ----------------------------------------------------------------------------

def validate(check: Union[str, Sequence[str], None] = None, **inputs: Value) -> dict:
    """Run the simulator's reference checks (theory §5) — ``limen validate --format json`` as a
    dict (limen_validate_run, written by limen_validate_report_json): the same keys and numbers.

    Every ensemble has a fixed seed, so a run is reproducible for any thread count.  A check
    that fails is a row with ``"pass": false`` (the tool then exits 1); nothing is raised.
    The full run (scale 1) takes about a minute on two cores.

    Args:
        check: the checks to run, a list or the tool's comma-separated text (default: all, in
            this order): "em-variance", "ou-transition", "schmiedl-seifert", "stiffness",
            "jarzynski", "mfpt", "erasure", "erasure-optimal", "static-write", "hopping".
        **inputs: the numeric options (the library's table ``limen_validate_inputs``), each a
            number or its text:

            - ``scale``: multiply every ensemble size by X, (0, 100]; default 1
            - ``threads``: OpenMP threads, 0 = OpenMP's default; 0 (no effect on the numbers)
            - ``seed``: master seed, integers [0, 2147483647]; 1
            - ``z_max``: statistical rows pass within Z standard errors, [1, 10]; 4 (a row of
              the library's table that the tool does not offer)

    Returns:
        ``checks``: one dict per row (name, relation "=", ">=" or ">", expected, measured,
        tolerance, stderr, z — null for deterministic rows —, pass, note), then ``scale``,
        ``seed``, ``seconds`` (wall-clock), ``rows``, ``failed`` and ``pass``.
        ``pandas.DataFrame(r["checks"])`` is the table the tool prints.

    Raises:
        LimenError: an unknown keyword or check, a value out of range (``.field``, ``.value``,
            ``.range``).

    Example:
        >>> r = limen.validate(check=["schmiedl-seifert", "jarzynski"], scale=0.1)
        >>> r["pass"], r["failed"]
    """
    _lib.provenance_begin("validate")
    L = _lib.lib()
    table, n = _lib.input_table("limen_validate_inputs")
    opt = ffi.new("limen_validate_options *", L.limen_validate_options_default())
    err = new_error()
    for key, value in inputs.items():
        row = L.limen_input_find(table, n, cname(key))
        if row == ffi.NULL:
            allowed = ["check"] + [(_lib.text(table[i].name) or "").replace("-", "_") for i in range(n)]
            raise _unknown("validate", key, allowed)
        _number_or_text(key, value)
        x = _given(row, value)
        raise_for(L.limen_inputs_set_value(table, n, opt, row.name, x, err), err, field=_lib.text(row.name))
    known = _names(L.limen_validate_check_names())
    only = None
    names: list[str] = []
    if check is not None:
        items = [check] if isinstance(check, str) else list(check)
        for it in items:
            if not isinstance(it, str):
                raise TypeError(f"check: expected names (str), got {type(it).__name__}")
            for name in it.split(","):
                if not name:
                    raise _error("check = '': empty value", L.LIMEN_EINVAL, field="check", value="",
                                 range=", ".join(known))
                names.append(name)
        only = ffi.new("char[]", ",".join(names).encode())
        opt.only = only
    rep = ffi.new("limen_validate_report *")
    try:
        s = L.limen_validate_run(opt, rep, err)
        try:
            raise_for(s, err)
        except LimenError as e:
            bad = [x for x in names if x not in known]
            if not e.field and bad:  # an unknown check: the library's message names it
                e.field, e.value, e.range = "check", bad[0], ", ".join(known)
            raise
        out = ffi.new("char **")
        raise_for(L.limen_validate_report_json(rep, opt, out, err), err)
        return _json(take_text(out))
    finally:
        L.limen_validate_report_clear(rep)


# ---- limen.train ------------------------------------------------------------------------------

def _train_rows() -> dict:
    """keyword name → (row, table name) for the numeric options of ``limen train``."""
    L = _lib.lib()
    rows = {}
    for fn, names in _TRAIN_ROWS:
        t, n = _lib.input_table(fn)
        for name in names:
            row = L.limen_input_find(t, n, name.encode())
            if row != ffi.NULL:
                rows[name] = (row, fn)
    return rows


def _train_apply(cfg: Any, numeric: list) -> None:
    """The numbers given over a limen_experiment_config (the library's defaults), through the rows
    of the experiment's and the memory configuration's tables (as the tool writes them)."""
    L = _lib.lib()
    err = new_error()
    for row, fn, value in numeric:
        if fn == "limen_experiment_inputs":
            obj = cfg
        elif fn == "limen_memory_config_inputs":
            obj = ffi.addressof(cfg, "memory")
        else:
            continue  # the Max-Cut rows: refused for training by the library's rules
        t, n = _lib.input_table(fn)
        raise_for(L.limen_inputs_set_value(t, n, obj, row.name, value, err), err, field=_lib.text(row.name))


def train(task: Optional[str] = None, paradigm: Optional[str] = None, *, schedule: Optional[str] = None,
          cells: Optional[str] = None, experiment: Optional[str] = None,
          values: Union[str, Sequence[Value], None] = None, **inputs: Value) -> dict:
    """Train a model on real data with every parameter held in a simulated physical memory cell
    (theory §6) and measure the heat its memory paradigm dissipates — ``limen train --format
    json`` as a dict: one run (limen_experiment_train, written by limen_train_json), or with
    ``experiment`` one of the sweeps of docs/results.md (limen_experiment_sweep, written by
    limen_experiment_sweep_json); the same keys and numbers, reproducible for a seed.

    Not from Python: the Max-Cut anneals (``task="maxcut-G1"`` …, ``experiment="maxcut"``) and
    ``experiment="scaling"`` — run ``limen train`` for those; and the files of ``--out`` (the
    figures; a single run's trace is returned, see below).

    Args:
        task: "digits" (default; softmax regression 64 → 10), "digits-mlp" (64–32–10),
            "breast-cancer" (logistic regression), "quadratic" (a 20-dimensional quadratic
            program with known optimum).
        paradigm: the memory holding the parameters: "ideal" (floating point, no physics),
            "digital-static", "analog-static", "lim-fixed", "lim-matched" (default for one
            run; the window and barrier sweeps run lim-fixed and lim-matched unless given one).
        schedule: learning-rate schedule "constant", "inverse" or "cosine"; default the task's
            (inverse).
        cells: "jump" (default: exact jump statistics) or "langevin" (Langevin dynamics of every
            cell; lim-fixed and lim-matched, small runs only).
        experiment: "paradigms" (every paradigm on the task), "window" or "barrier" (lim-fixed
            and lim-matched at every value of ``values``).
        values: the swept values of the window experiment (update windows, s; default 1e-8,
            1e-7, 1e-6, 1e-5, 1e-4) or of the barrier experiment (barriers, kT; default 3, 4,
            …, 16): a list of numbers or texts, or the tool's comma-separated text; at most 32,
            each in the range of ``window`` or ``barrier`` (E_low of lim-fixed, E_b(0) of
            lim-matched).
        **inputs: ``limen train``'s numeric options, hyphens as underscores, each a number or
            its text (rows of the library's tables ``limen_experiment_inputs`` and
            ``limen_memory_config_inputs``: ranges, defaults and messages are theirs; "task
            default": the value the named task suggests):

            - ``window`` (s): update window Δt of one training step, [1e-12, 1e6]; task
              default (1e-6)
            - ``steps``: training steps, integers [1, 1e8]; task default
            - ``batch``: rows per step, 0 = full batch; task default (not for quadratic)
            - ``lr``: initial learning rate η(0), (0, 1e6]; task default
            - ``lr_t0``: t0 of the inverse schedule; task default (inverse schedule only)
            - ``target``: target test accuracy of the energy-to-solution, [0, 1]; task default
            - ``seed``: seed of the split, initialization, batches and cells; 1
            - ``eval_every``: record a trace row every K steps (and at the last); 1
              (digits-mlp: 25)
            - ``barrier`` (kT): barrier E_b(0) at the first step (lim-matched, Max-Cut
              spins), [3, 300]; 10
            - ``barrier_low`` (kT): lowered barrier E_low during every window (lim-fixed),
              [3, 300]; 10
            - ``retention_barrier`` (kT): retention barrier E_ret of the static paradigms and
              between windows, [3, 1000]; default from 10 years at p = 1e-6
            - ``bits``: bits per parameter (analog cells: 2^N levels), [1, 24]; 10
            - ``w_max``: parameters live in [-W, W]; 4
            - ``hold`` (s): time at the retention barrier between windows; 0
            - ``tau0`` (s): intrinsic time τ₀ of a cell, (0, 1]; 1e-9
            - ``temperature`` (K): T of the bath; 300

            An input that the task, paradigm, schedule or experiment does not read is refused
            (the library's rules, limen_experiment_request_conflicts).

    Returns:
        One run: task, paradigm, schedule, cells, final_test_accuracy, final_train_accuracy,
        final_loss, target_accuracy, energy_to_target_J, time_to_target_s, steps_to_target
        (null: never reached), total_heat_J, total_heat_kT, heat_stderr_J,
        closed_form_heat_J, bound_J, heat_per_cell_step_J/_kT, steps, n_params, window_s,
        time_s, eta0, bits, w_max, final_barrier_kT, final_rate_dt, max_tilt_kT,
        driven_cell_steps, elementary_ops, temperature_K, seed — and, besides the JSON's keys,
        ``trace``: a DataFrame of the run's trace (the tool's trace.csv under ``--out``: step,
        time_s, heat_J, bound_J, loss, train_accuracy, test_accuracy, one row every
        ``eval_every`` steps).  An experiment: experiment, task and ``runs`` (one dict per
        paradigm and value: paradigm, window_s or barrier_kT, final_test_accuracy, final_loss,
        steps_to_target, energy_to_target_J, total_heat_J, closed_form_heat_J, heat_stderr_J,
        bound_J, heat_per_cell_step_J, final_rate_dt, final_barrier_kT), no other key.

    Raises:
        LimenError: an unknown keyword or name, a value out of range, an input the run does not
            read, a Langevin run too large — the tool's message without "--", with ``.field``,
            ``.value``, ``.range``.

    Example:
        >>> r = limen.train("digits", "lim-matched", steps=200, window=1e-7)
        >>> r["total_heat_J"], r["bound_J"], r["trace"].tail()
        >>> limen.train(experiment="window", values=[1e-8, 1e-6], steps=50)["runs"]
    """
    _lib.provenance_begin("train")
    L = _lib.lib()
    # the names, checked as the tool checks its choices
    tasks = _names(L.limen_task_names())
    if task is not None and isinstance(task, str) and task.startswith("maxcut-"):
        raise _error(f"task = '{task}': the Max-Cut anneals are not run from Python (limen train --task {task})",
                     L.LIMEN_EINVAL, field="task", value=task, range=", ".join(tasks))
    if task is not None:
        _choice("task", task, tasks)
    types = L.limen_memory_types()
    if paradigm is not None:
        _choice("paradigm", paradigm, [_lib.text(types[i].name) or "" for i in range(_count(types))])
    if schedule is not None:
        _choice("schedule", schedule, [_lib.text(L.limen_lr_kind_name(k)) or "" for k in range(3)])
    if cells is not None:
        _choice("cells", cells, _TRAIN_CELLS)
    kinds = [_lib.text(L.limen_experiment_kind_name(k)) or "" for k in range(3)]
    if experiment is not None and experiment in ("scaling", "maxcut"):
        raise _error(f"experiment = '{experiment}': not run from Python (limen train --experiment {experiment})",
                     L.LIMEN_EINVAL, field="experiment", value=experiment, range=", ".join(kinds))
    if experiment is not None:
        _choice("experiment", experiment, kinds)
    # the numbers, checked as the tool checks its options
    rows = _train_rows()
    numeric = []
    for key, value in inputs.items():
        name = cname(key).decode()
        if name not in rows:
            allowed = ["task", "paradigm", "schedule", "cells", "experiment", "values"]
            allowed += [r.replace("-", "_") for r in rows]
            raise _unknown("train", key, allowed)
        _number_or_text(key, value)
        row, fn = rows[name]
        numeric.append((row, fn, _given(row, value)))
    # the library's rules between the inputs given
    given = [n for n, v in (("task", task), ("paradigm", paradigm), ("schedule", schedule), ("cells", cells),
                            ("experiment", experiment), ("values", values)) if v is not None]
    given += [_lib.text(r.name) or "" for r, _, _ in numeric]
    keep = [ffi.new("char[]", g.encode()) for g in given]
    c_given = ffi.new("const char *[]", keep or [ffi.NULL])
    hold = next((v for r, _, v in numeric if _lib.text(r.name) == "hold"), 0.0)
    strs = {k: (ffi.new("char[]", v.encode()) if v is not None else ffi.NULL)
            for k, v in (("experiment", experiment), ("task", task), ("paradigm", paradigm), ("schedule", schedule))}
    req = ffi.new("limen_experiment_request *", {**strs, "hold": hold, "given": c_given, "n_given": len(given)})
    err = new_error()
    raise_for(L.limen_experiment_request_conflicts(req, err), err)
    raise_for(L.limen_experiment_request_choices(req, err), err)
    swept = _values(values, experiment, rows) if values is not None else None

    def configure(cfg: Any) -> None:
        _train_apply(cfg, numeric)
        for k in ("task", "paradigm", "schedule"):
            if strs[k] != ffi.NULL:
                setattr(cfg, k, strs[k])
        if cells is not None:
            cfg.memory.cells = L.LIMEN_CELLS_LANGEVIN if cells == "langevin" else L.LIMEN_CELLS_JUMP

    if experiment is not None:
        return _train_sweep(kinds.index(experiment), configure, swept)
    cfg = ffi.new("limen_experiment_config *", L.limen_experiment_config_default())
    configure(cfg)
    run = ffi.new("limen_experiment_run *")
    s = L.limen_experiment_train(cfg, run, err)
    if s and run.setup.langevin_refused:
        s = L.limen_experiment_langevin_refusal(ffi.addressof(run, "setup"), cfg, err)
    raise_for(s, err)
    try:
        out = ffi.new("char **")
        raise_for(L.limen_train_json(run, out, err), err)
        doc = _json(take_text(out))
        raise_for(L.limen_train_trace_csv(ffi.addressof(run, "result"), out, err), err)
        doc["trace"] = _lib.read_csv(take_text(out))
        return doc
    finally:
        L.limen_experiment_run_clear(run)


def _count(p: Any) -> int:
    n = 0
    while p[n] != ffi.NULL:
        n += 1
    return n


def _values(values: Union[str, Sequence[Value]], experiment: Optional[str], rows: dict) -> list[float]:
    """The swept values: each checked as the tool checks ``--values``, in the range of the input it
    replaces (window, or the memory configuration's barrier), named "values"."""
    L = _lib.lib()
    items: list = values.split(",") if isinstance(values, str) else list(values)
    cap = len(ffi.new("limen_experiment_sweep_config *").values)  # LIMEN_EXPERIMENT_MAX_VALUES
    if len(items) > cap:
        raise _error(f"values: {len(items)} values: allowed at most {cap}", L.LIMEN_EINVAL, field="values",
                     value=str(len(items)), range=f"at most {cap} values")
    like = rows["barrier" if experiment == "barrier" else "window"][0]
    out = []
    for v in items:
        _number_or_text("values", v)
        out.append(_given(like, v, name="values"))
    return out


def _train_sweep(kind: int, configure: Any, values: Optional[list]) -> dict:
    """An experiment of limen_experiment_sweep (paradigms, window, barrier), as its JSON."""
    L = _lib.lib()
    c = ffi.new("limen_experiment_sweep_config *", L.limen_experiment_sweep_config_default(kind))
    configure(ffi.addressof(c, "run"))
    c.curve_points = 0  # the closed-form curve is drawn only in the tool's figure
    if values is not None and kind != L.LIMEN_EXPERIMENT_PARADIGMS:
        for i, v in enumerate(values):
            c.values[i] = v
        c.n_values = len(values)
    res = ffi.new("limen_experiment_sweep_result *")
    err = new_error()
    s = L.limen_experiment_sweep(c, res, err)
    if s and res.setup.langevin_refused:
        s = L.limen_experiment_langevin_refusal(ffi.addressof(res, "setup"), ffi.addressof(c, "run"), err)
    raise_for(s, err)
    try:
        out = ffi.new("char **")
        raise_for(L.limen_experiment_sweep_json(res, out, err), err)
        return _json(take_text(out))
    finally:
        L.limen_experiment_sweep_result_clear(res)
