"""``gametheory sweep``: the equilibria of a model over a grid of one or two parameters,
printed as regions and exact critical values, and written as CSV, LaTeX, Markdown or a
figure by the suffix of ``--out``."""

from __future__ import annotations

import csv
import time
import warnings
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DegenerateGameWarning, GameError, SolverError
from .loading import (
    add_caption_options,
    add_method_option,
    caption_options,
    json_text,
    numbered_from_1,
)

__all__ = ["add_sweep_parser", "cmd_sweep", "parse_range"]

#: With no MODEL: the bundled Ukraine model over the bilateral guarantor's commitment q.
DEFAULT_MODEL, DEFAULT_VARY = "ukraine_guarantees", "q=0:1:1001"
_FIGURES = (".png", ".pdf", ".svg")
_OUT = (".csv", ".tex", ".md", *_FIGURES)
_MAX_POINTS = 10**7
#: Distinct equilibria printed per region.
_SHOWN = 4


def add_sweep_parser(sub: Any, model_args: Callable) -> None:
    """Add the ``sweep`` subcommand to the subparsers ``sub``."""
    s = sub.add_parser("sweep", help="equilibria over a grid of parameter values: regions "
                                     "and critical values",
                       description="With no MODEL and no --vary: the bundled Ukraine model "
                                   f"({DEFAULT_MODEL}) over {DEFAULT_VARY}.")
    model_args(s, None)
    s.add_argument("--vary", action="append", metavar="NAME=LO:HI:N",
                   help="sweep NAME over N evenly spaced values from LO to HI (once or twice)")
    add_method_option(s)
    s.add_argument("--out", metavar="FILE",
                   help="write the sweep: .csv (every point; equilibria numbered from 1, "
                        "floats to 15 significant digits), .tex or .md (the regions "
                        "table), .png, .pdf or .svg (a figure)")
    add_caption_options(s)
    s.add_argument("--jobs", type=int, metavar="N", help="solve in N local processes")
    s.add_argument("--scheduler", metavar="ADDRESS",
                   help="solve on a dask cluster (e.g. tcp://10.0.0.1:8786)")
    s.add_argument("--no-critical", action="store_true",
                   help="skip the exact critical values (the regions are then bisected)")
    s.add_argument("--conditions", action="store_true",
                   help="two varied parameters: each cell's condition from the equilibrium "
                        "map (gt.equilibrium_map over them; about a second on small games)")
    s.add_argument("--symbolic", metavar="NAMES",
                   help="one varied parameter: also its critical values as formulas in these "
                        "parameters (one or two, comma-separated) with the conditions where "
                        "they apply (gt.critical_values(..., symbolic=NAMES))")
    s.add_argument("--format", choices=["text", "json"], default="text",
                   help="print the regions as text (default) or as JSON")


def parse_range(item: str) -> tuple[str, np.ndarray]:
    """``"q=0:1:1001"`` -> ``("q", linspace(0, 1, 1001))``; a single value ``"q=0.3"``."""
    from .loading import UsageError

    name, eq, spec = item.partition("=")
    name = name.strip()
    if not eq or not name:
        raise UsageError(f"--vary {item!r}: expected NAME=LO:HI:N, e.g. q=0:1:1001")
    parts = spec.split(":")
    try:
        if len(parts) == 1:
            return name, np.array([_number(parts[0], item)])
        if len(parts) != 3:
            raise ValueError
        lo, hi = _number(parts[0], item), _number(parts[1], item)
        if not parts[2].strip().isdigit() or len(parts[2].strip()) > 9:
            raise ValueError
        n = int(parts[2])
    except ValueError:
        raise UsageError(f"bad range {spec!r} for {name}: expected LO:HI:N with numbers LO < "
                         "HI and a whole number N >= 2, e.g. 0:1:1001") from None
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi) or not 2 <= n <= _MAX_POINTS:
        raise UsageError(f"bad range {spec!r} for {name}: need LO < HI and 2 <= N <= "
                         f"{_MAX_POINTS}")
    return name, np.linspace(lo, hi, n)


def _number(text: str, item: str) -> float:
    """A bound of ``--vary`` read by the restricted parser (``1/7``, ``1e-3``,
    ``sqrt(2)/2``) as a float; a UsageError that says why otherwise."""
    from ..games.expr import parse_number
    from .loading import UsageError

    try:
        x = float(parse_number(text, where=f"--vary {item}"))
    except GameError as exc:
        raise UsageError(str(exc)) from None
    except OverflowError:
        x = float("inf")
    if not np.isfinite(x):
        raise UsageError(f"--vary {item}: {text.strip()} is beyond the float range")
    return x


def _executor(args: Any) -> tuple[Any, Any]:
    """The executor of ``--jobs`` or ``--scheduler`` (or None) and how to close it."""
    from .loading import UsageError

    if args.jobs is not None and args.scheduler:
        raise UsageError("give --jobs or --scheduler, not both")
    if args.jobs is not None:
        if args.jobs < 1:
            raise UsageError(f"--jobs must be at least 1; got {args.jobs}")
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=args.jobs)
        return pool, pool.shutdown
    if args.scheduler:
        try:
            from dask.distributed import Client
        except ImportError:
            raise UsageError("--scheduler needs dask.distributed: "
                             "pip install 'gametheory[distributed]'") from None
        try:
            client = Client(args.scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"cannot reach the dask scheduler {args.scheduler}: {exc}") \
                from None
        return client.get_executor(), client.close
    return None, None


def cmd_sweep(args: Any) -> int:
    """Run ``gametheory sweep``; returns the exit code."""
    from ..sensitivity.sweep import sweep
    from .loading import (
        UsageError,
        check_known,
        check_out_directory,
        load_game,
        parse_sets,
        require_matplotlib,
        with_values,
    )

    spec = args.game or DEFAULT_MODEL
    game, name = load_game(spec)
    varies = args.vary or ([DEFAULT_VARY] if args.game is None else None)
    free = [p.name for p in game.parameters]
    if not free:
        raise UsageError(f"{name} has no parameters to vary")
    if not varies:
        raise UsageError(f"give --vary NAME=LO:HI:N; the parameters of {name} are "
                         f"{', '.join(free)}")
    grid = dict(parse_range(v) for v in varies)
    if len(grid) != len(varies) or len(grid) > 2:
        raise UsageError("--vary takes one or two different parameters")
    sets = parse_sets(args.set)
    both = sorted(set(grid) & set(sets))
    if both:
        raise UsageError(f"{both[0]} is both varied and set; drop one")
    check_known(list(grid), free, name)
    game = with_values(game, name, sets, defaults=False)
    suffix = Path(args.out).suffix.lower() if args.out else None
    if suffix is not None and suffix not in _OUT:
        raise UsageError(f"--out writes {', '.join(_OUT)} files; got {args.out!r}")
    if args.out:
        check_out_directory(args.out)   # before the sweep, which may take long
    if suffix in (".tex", ".md") and sum(len(a) > 1 for a in grid.values()) != 1:
        raise UsageError("a table of regions needs exactly one varying parameter")
    if suffix in _FIGURES:
        require_matplotlib()            # before the sweep, which may take long
    executor, close = _executor(args)
    start = time.perf_counter()
    try:
        sw = sweep(game, grid, method=args.method, executor=executor)
    finally:
        if close is not None:
            close()
    seconds = time.perf_counter() - start
    varying = [n for n, a in grid.items() if len(a) > 1]
    one = len(varying) == 1
    symbolic = _symbolic_names(args.symbolic, varying, list(grid), sets, free, name)
    if args.conditions and len(varying) != 2:
        raise UsageError(f"--conditions needs two varied parameters; got "
                         f"{len(varying)}")
    exact = "auto" if one and not args.no_critical else False
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DegenerateGameWarning)
        regions = sw.regions(*varying, exact=exact,
                             conditions=bool(args.conditions))
        formulas = sw.region_formulas(varying[0]) if one else None
    cvs, error = None, None
    if one and not args.no_critical:
        try:
            cvs = sw.critical(varying[0])
        except (GameError, SolverError, NotImplementedError) as exc:
            error = str(exc)
    notes = [str(w.message) for w in caught]
    formulas_cv = None
    if symbolic:
        from ..sensitivity.critical import critical_values

        x = grid[varying[0]]
        fixed = {n: Fraction(str(float(a[0]))) for n, a in grid.items() if len(a) == 1}
        try:
            formulas_cv = critical_values(
                game, varying[0], symbolic=symbolic,
                interval=(Fraction(str(float(x.min()))), Fraction(str(float(x.max())))),
                **fixed)
        except (GameError, SolverError, NotImplementedError) as exc:
            raise UsageError(f"no symbolic critical values of {varying[0]} in "
                             f"{', '.join(symbolic)}: {exc}") from None
    if args.format == "json":
        out = _json(game, name, sw, regions, formulas, cvs, error, notes, sets, seconds)
        if formulas_cv is not None:
            out["symbolic_critical_values"] = _symbolic_json(symbolic, formulas_cv)
        print(json_text(out))
    else:
        print(_report(game, name, sw, regions, formulas, sets, seconds))
        if one and not args.no_critical:
            print(_critical_text(varying[0], grid[varying[0]], cvs, error, notes))
        if formulas_cv is not None:
            print(f"\ncritical values of {varying[0]} as formulas in {', '.join(symbolic)}:"
                  + (" none" if not formulas_cv else ""))
            print("\n".join(f"  {cv}" for cv in formulas_cv))
    if args.out:
        _write(sw, varying, game, args.out, suffix, cvs, name, caption_options(args))
        if args.format != "json":
            print(f"\nwrote {args.out}")
    return 0


def _report(game: Any, name: str, sw: Any, regions: list, formulas: list | None,
            sets: dict, seconds: float) -> str:
    from ..io.plots import value_text
    from ..sensitivity._regions import equilibrium_lines

    info = game.parameter_info
    lines = [getattr(game, "title", None) or name]
    for n, axis in zip(sw.names, sw.grid.axes):
        meaning = f" - {info[n].description}" if n in info and info[n].description else ""
        lines.append(f"{n}{meaning}: {len(axis)} values from {value_text(axis.min())} to "
                     f"{value_text(axis.max())}")
    fixed = {**sets, **{k: value_text(v) for k, v in sw.grid.fixed.items()}}
    if fixed:
        lines.append("other parameters: " + ", ".join(f"{k} = {v}" for k, v in fixed.items()))
    method = "/".join(sw.methods) or sw.method
    lines.append(f"solved {len(sw)} points by {method} in {seconds:.2f} s")
    lines.append("")
    how = ("exact: the critical values and the open intervals between them, each solved "
           "exactly" if regions and all(r.exact for r in regions) else
           "boundaries bisected" if regions and len(regions[0].names) == 1 else
           "connected cells of the grid")
    lines.append(f"{len(regions)} region{'s' if len(regions) != 1 else ''} where the "
                 f"equilibria stay the same ({how}):")
    for k, r in enumerate(regions):
        head = r.description.split(": ")[0] if r.key else r.description
        note = f" ({r.note})" if r.note else ""
        cond = f" where {r.condition}" if r.condition else ""
        lines.append(f"  {r.span_text()}{cond}: {head}{note}")
        forms = formulas[k] if formulas is not None else None
        at = ""
        if forms is None and r.point and not r.is_point:
            at = " at " + ", ".join(f"{n} = {_value(v)}" for n, v in zip(r.names, r.point))
        shown = equilibrium_lines(r.solution.game if r.solution.game is not None else game,
                                  r, forms, _SHOWN)
        for eq in shown:
            pays = ", ".join(f"{p} {v}" for p, v in eq["payoffs"].items())
            lines.append(f"      [{eq['number']}] {eq['strategies']}")
            lines.append(f"          payoffs{at}: {pays}")
        more = len(r.representative.equilibria) - len(shown)
        if more > 0:
            lines.append(f"      ... and {more} more")
    return "\n".join(lines)


def _value(v: Any) -> str:
    from ..sensitivity._regions import number_text

    return number_text(v)


def _json(game: Any, name: str, sw: Any, regions: list, formulas: list | None,
          cvs: list | None, error: str | None, notes: list[str], sets: dict,
          seconds: float) -> dict[str, Any]:
    """The sweep's regions (and critical values) as plain data, numbers as exact text."""
    from ..sensitivity._regions import number_text, region_record

    out: dict[str, Any] = {
        "model": name,
        "grid": {n: {"values": len(a), "lo": number_text(float(a.min())),
                     "hi": number_text(float(a.max()))}
                 for n, a in zip(sw.names, sw.grid.axes)},
        "fixed": {**{k: str(v) for k, v in sets.items()},
                  **{k: number_text(v) for k, v in sw.grid.fixed.items()}},
        "points": len(sw), "method": "/".join(sw.methods) or str(sw.method),
        "seconds": round(seconds, 3),
        "regions": [region_record(r.solution.game if r.solution.game is not None else game,
                                  r, formulas[k] if formulas is not None else None)
                    for k, r in enumerate(regions)],
    }
    if cvs is not None or error is not None:
        out["critical_values"] = None if cvs is None else [
            {"value": number_text(cv.value), "approx": float(cv.value),
             "description": cv.description} for cv in cvs]
        if error is not None:
            out["critical_values_error"] = error
    if notes:
        out["notes"] = notes
    return out


def _symbolic_names(spec: str | None, varying: list[str], grid: list[str], sets: dict,
                    free: list[str], name: str) -> tuple[str, ...]:
    """The parameters of ``--symbolic`` (comma-separated), checked: known, neither swept
    nor set, with exactly one varied parameter."""
    from .loading import UsageError

    if spec is None:
        return ()
    names = tuple(n.strip() for n in spec.split(",") if n.strip())
    if not names:
        raise UsageError("--symbolic needs parameter names, e.g. --symbolic V_sec,C_R")
    unknown = [n for n in names if n not in free]
    if unknown:
        raise UsageError(f"--symbolic: unknown parameter {unknown[0]!r}; the parameters of "
                         f"{name} are {', '.join(free)}")
    for n in names:
        if n in grid:
            raise UsageError(f"{n} is both swept and symbolic; drop one")
        if n in sets:
            raise UsageError(f"{n} is both set and symbolic; drop one")
    if len(varying) != 1:
        raise UsageError(f"--symbolic needs exactly one varied parameter; got "
                         f"{len(varying)}")
    return names


def _symbolic_json(names: tuple, cvs: list) -> list[dict[str, Any]]:
    """The symbolic critical values as text: value, condition, description."""
    from ..sensitivity._conditions import condition_text

    return [{"value": str(cv.value), "in": list(names),
             "condition": condition_text(cv.condition), "description": cv.description}
            for cv in cvs]


def _critical_text(name: str, axis: np.ndarray, cvs: list | None, error: str | None,
                   notes: list[str]) -> str:
    """The report of the exact critical values inside the swept range."""
    lo, hi = float(axis.min()), float(axis.max())
    if cvs is None:
        return f"\nexact critical values of {name}: not computed ({error})"
    lines = [f"\nexact critical values of {name} in ({lo:g}, {hi:g}):"
             + (" none" if not cvs else "")]
    lines += [f"  {cv}" for cv in cvs]
    lines += [f"  note: {n}" for n in notes]
    return "\n".join(lines)


def _write(sw: Any, varying: list[str], game: Any, out: str, suffix: str,
           cvs: list | None, name: str, captions: dict[str, Any]) -> None:
    from .loading import UsageError

    if suffix == ".csv":
        rows = [{k: _csv_value(v) for k, v in numbered_from_1(row).items()}
                for row in sw.records()]
        with open(out, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]) if rows else ["point"])
            w.writeheader()
            w.writerows(rows)
        return
    if suffix in (".tex", ".md"):
        if len(varying) != 1:
            raise UsageError("a table of regions needs exactly one varying parameter")
        from ..io.tables import sweep_table

        text = sweep_table(sw, varying[0], format="latex" if suffix == ".tex" else "md",
                           **captions)
        Path(out).write_text(text + "\n", encoding="utf-8")
        return
    from ..io.plots import _mathtext, plot_regions, plot_sweep
    from .loading import figure as _figure

    fig = _figure()
    if len(varying) == 2:
        fig.set_size_inches(11, 6)
        ax = fig.add_subplot()
        plot_regions(sw, varying[0], varying[1], ax=ax)
    elif len(varying) == 1:
        fig.set_size_inches(8, 7)
        top, bottom = fig.subplots(2, 1, sharex=True)
        plot_sweep(sw, varying[0], ax=top, critical=cvs)
        plot_sweep(sw, varying[0], ax=bottom, what="payoffs", critical=cvs)
        top.set_xlabel("")
    else:
        raise UsageError("a figure needs one or two varying parameters")
    fig.suptitle(_mathtext(getattr(game, "title", None) or name))   # plain text
    fig.savefig(out, dpi=120)


def _csv_value(v: Any) -> Any:
    """A sweep record's value for CSV: a float to 15 significant digits (``-7.78``, not
    the float noise ``-7.779999999999999``; :func:`~gametheory.io.formats.decimal_text`),
    exact values as their text (``1/7``), anything else as it is."""
    from ..io.formats import decimal_text

    if isinstance(v, (float, np.floating)):
        return decimal_text(v)
    return v
