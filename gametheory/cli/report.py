"""``gametheory report``: a whole analysis of a model in one HTML page, PDF or LaTeX file.

``gametheory report MODEL [--set k=v ...] [--vary q=0:1:1001 ...] [--uncertain q=0.2:0.6
...] [--sobol Q] --out report.html | report.pdf | report.tex``

The report holds, in this order: the model's story, assumptions, analytic solution and
sources (the sections of a bundled model's module docstring, or of a ``.py`` file's,
read without running it again) and the table of its parameters (name, LaTeX name,
default, domain, meaning); the payoff table of a normal form or the figure of a tree;
the equilibria at the baseline values; with ``--vary``, the sweep's figure, its regions
(the equilibria in closed form where the sweep finds them), the exact critical values and
the equilibrium map in the varied parameters; with ``--uncertain``, the probabilities of
the equilibrium structures and outcomes, and with ``--sobol`` the Sobol' indices of a
quantity. Without ``--vary`` the bundled Ukraine model is swept over ``q=0:1:1001`` (as
``gametheory sweep`` does; unless ``q`` is set) and other models are not swept.

Each step runs under ``--time-limit`` seconds (on Unix, in the main thread); a step that
runs out of time or cannot be done for this game (a GameError, SolverError,
NotImplementedError, a missing default or a missing optional package) is left out and
the report says so, and why, where it would have been. The content is built once
(:mod:`gametheory.io.report`) and written as HTML or LaTeX; ``.pdf`` runs pdflatex on
the LaTeX.
"""

from __future__ import annotations

import ast
import importlib
import math
import re
import shlex
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import warnings
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import GameError, SolverError
from ..io import report as doc
from .loading import add_method_option

__all__ = ["add_report_parser", "cmd_report", "time_limit", "StepTimeout"]

_OUT = (".html", ".htm", ".pdf", ".tex")
#: Default seconds per step.
TIME_LIMIT = 60.0
#: Default points of the uncertainty (``--samples``).
_SAMPLES = 256
_FIG_DPI = 110
#: Decimals of the floats in the tables (grid points, mixtures at them); exact values
#: print exactly.
_DIGITS = 3


class StepTimeout(Exception):
    """A step of the report ran longer than its time limit."""


def add_report_parser(sub: Any, model_args: Callable) -> None:
    """Add the ``report`` subcommand to the subparsers ``sub``."""
    from .sweep import DEFAULT_MODEL, DEFAULT_VARY

    s = sub.add_parser("report", help="a whole analysis of a model as HTML, PDF or LaTeX",
                       description="The model's story and parameters, its payoff table or "
                                   "tree, the equilibria, a sweep with its regions, "
                                   "critical values and equilibrium map, and uncertainty. "
                                   f"Without --vary, {DEFAULT_MODEL} is swept over "
                                   f"{DEFAULT_VARY}.")
    model_args(s, None, nargs=None)
    s.add_argument("--vary", action="append", metavar="NAME=LO:HI:N",
                   help="sweep NAME over N values from LO to HI (once or twice)")
    s.add_argument("--uncertain", action="append", metavar="NAME=LO:HI",
                   help="make NAME uniform on [LO, HI], or give a distribution as "
                        "gametheory uncertainty --dist does (NAME=beta:2:5); repeatable")
    s.add_argument("--samples", type=int, default=_SAMPLES, metavar="N",
                   help="quasi-random points of the uncertainty and base sample of the "
                        "Sobol' indices (a power of 2; default 256)")
    s.add_argument("--sobol", action="append", metavar="Q",
                   help="Sobol' indices of the quantity Q (payoff:PLAYER, prob:WHO:ACTION, "
                        "outcome:PATH); repeatable; needs --uncertain")
    add_method_option(s)
    s.add_argument("--time-limit", type=float, default=TIME_LIMIT, metavar="SECONDS",
                   help=f"seconds each step may take before it is skipped (default "
                        f"{TIME_LIMIT:g})")
    s.add_argument("--out", required=True, metavar="FILE",
                   help="report.html (self-contained), report.pdf (pdflatex) or report.tex "
                        "(with its figures as <stem>-<name>.pdf beside it)")


# ----------------------------------------------------------------- time limits
@contextmanager
def time_limit(seconds: float | None):
    """Raise :class:`StepTimeout` in the block after ``seconds`` (SIGALRM; without it,
    or outside the main thread, no limit).

    >>> with time_limit(5):
    ...     x = 1
    >>> try:
    ...     with time_limit(0.05):
    ...         while True:
    ...             pass
    ... except StepTimeout:
    ...     print("stopped")
    stopped
    """
    usable = seconds is not None and hasattr(signal, "SIGALRM") and \
        threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise StepTimeout

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


class _Steps:
    """Runs the steps of a report, each under the time limit, and keeps their log."""

    def __init__(self, limit: float, method: str):
        self.limit, self.method = limit, method
        self.log: list[tuple[str, float, str]] = []

    def run(self, what: str, compute: Callable[[], Any], blocks: list) -> Any:
        """``compute()``, or None with a note in ``blocks`` saying why ``what`` was
        skipped; the warnings it raises become notes too."""
        from .loading import UsageError
        start = time.perf_counter()
        reason = ""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                with time_limit(self.limit):
                    out = compute()
            except StepTimeout:
                out, reason = None, f"it took longer than {self.limit:g} s (--time-limit)"
            except (GameError, SolverError, NotImplementedError, ImportError,
                    UsageError) as exc:
                out, reason = None, " ".join(str(exc).split())
        seconds = time.perf_counter() - start
        self.log.append((what, seconds, f"skipped: {reason}" if reason else "done"))
        for w in caught:
            blocks.append(doc.Paragraph([doc.Text(f"Warning ({what}): "
                                                  + " ".join(str(w.message).split()))],
                                        note=True))
        if reason:
            end = "" if reason.endswith(".") else "."
            blocks.append(doc.Paragraph([doc.Text(f"{what[0].upper()}{what[1:]} skipped: "
                                                  f"{reason}{end}")], note=True))
        return out


# ----------------------------------------------------------------- inputs
def _checked_out(path: str) -> str:
    from .loading import UsageError, check_out_directory

    suffix = Path(path).suffix.lower()
    if suffix not in _OUT:
        raise UsageError(f"--out writes .html, .pdf or .tex files; got {path!r}")
    check_out_directory(path)
    if suffix == ".pdf" and shutil.which("pdflatex") is None:
        raise UsageError("a PDF report needs pdflatex (Debian: apt-get install "
                         "texlive-latex-base texlive-latex-recommended texlive-pictures); "
                         "or write --out report.tex or report.html")
    return suffix


def _grid(args: Any, name: str, free: list[str], sets: dict) -> dict[str, Any]:
    """The sweep's grid from ``--vary`` (the sweep command's default for its model)."""
    from .loading import UsageError, check_known
    from .sweep import DEFAULT_MODEL, DEFAULT_VARY, parse_range

    varies = args.vary or ([DEFAULT_VARY] if name == DEFAULT_MODEL and not sets.get(
        DEFAULT_VARY.split("=")[0]) else [])
    grid = dict(parse_range(v) for v in varies)
    if len(grid) != len(varies) or len(grid) > 2:
        raise UsageError("--vary takes one or two different parameters")
    check_known(list(grid), free, name)
    both = sorted(set(grid) & set(sets))
    if both:
        raise UsageError(f"{both[0]} is both varied and set; drop one")
    return grid


def _distributions(args: Any, name: str, free: list[str], taken: set) -> dict[str, Any]:
    """``{name: (distribution, its description)}`` from ``--uncertain NAME=LO:HI``
    (uniform) or ``NAME=DIST:ARG:...``; the description in the user's numbers
    (``uniform on [1/7, 2/5]``, ``beta(a=2, b=5)``)."""
    from .loading import UsageError, check_known
    from .uncertainty import DISTRIBUTIONS, parse_dist

    out: dict[str, Any] = {}
    for item in args.uncertain or []:
        pname, _, spec = item.partition("=")
        pname = pname.strip()
        kind = spec.split(":")[0].strip()
        if kind in DISTRIBUTIONS:
            pname, dist = parse_dist(item)
            texts = [t.strip() for t in spec.split(":")[1:]]
            text = f"{kind}(" + ", ".join(f"{a}={t}" for a, t in
                                          zip(DISTRIBUTIONS[kind][1], texts)) + ")"
        else:
            lo_hi = spec.split(":")
            if len(lo_hi) != 2:
                raise UsageError(f"--uncertain {item!r}: expected NAME=LO:HI (uniform) or "
                                 "NAME=DIST:ARG:..., e.g. q=0.2:0.6 or q=beta:2:5")
            lo, hi = (_bound(x, item) for x in lo_hi)
            if not lo < hi:
                raise UsageError(f"--uncertain {item!r}: need LO < HI")
            if not math.isfinite(hi - lo):
                raise UsageError(f"--uncertain {item!r}: the interval is too wide for floats")
            pname, dist = parse_dist(f"{pname}=uniform:{lo!r}:{hi - lo!r}")
            text = f"uniform on [{lo_hi[0].strip()}, {lo_hi[1].strip()}]"
        check_known([pname], free, name)
        if pname in out or pname in taken:
            raise UsageError(f"{pname} is given twice (--uncertain or --set)")
        out[pname] = (dist, text)
    if args.sobol and not out:
        raise UsageError("--sobol needs --uncertain parameters")
    n = args.samples
    if n < 2 or n & (n - 1) or n > 2**16:
        raise UsageError(f"--samples must be a power of 2 from 2 to 65536; got {n}")
    return out


def _check_quantities(game: Any, quantities: list[str]) -> None:
    """A UsageError for a ``--sobol`` quantity the game does not have (a typo would
    otherwise skip the whole uncertainty section, after the work before it)."""
    from ..sensitivity.uncertainty import _parse
    from .loading import UsageError

    for q in quantities:
        try:
            _parse(game, q)
        except GameError as exc:
            raise UsageError(f"--sobol {q!r}: {exc}") from None


def _bound(text: str, item: str) -> float:
    from ..games.expr import parse_number
    from .loading import UsageError

    try:
        return float(parse_number(text, where=f"--uncertain {item}"))
    except GameError as exc:
        raise UsageError(str(exc)) from None
    except OverflowError:
        raise UsageError(f"--uncertain {item!r}: {text.strip()} is too large for a float"
                         ) from None


def _docstring(spec: str, name: str) -> str:
    """A bundled model's module docstring, or a ``.py`` file's (parsed, not run)."""
    from .loading import _bundled

    if spec in _bundled():
        return importlib.import_module(f"gametheory.models.{spec}").__doc__ or ""
    if spec.lower().endswith(".py"):
        return ast.get_docstring(ast.parse(Path(spec).read_text(encoding="utf-8"))) or ""
    return ""


# ----------------------------------------------------------------- figures
def _render(draw: Callable[[Any], Any], size: tuple[float, float]) -> tuple[bytes, bytes]:
    """``draw(figure)`` as PNG and PDF bytes (matplotlib without pyplot)."""
    import io

    from matplotlib.figure import Figure

    fig = Figure(figsize=size, layout="constrained")
    draw(fig)
    out = []
    for fmt in ("png", "pdf"):
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=_FIG_DPI, bbox_inches="tight", pad_inches=0.1)
        out.append(buf.getvalue())
    return out[0], out[1]


def _tree_figure(game: Any, title: str) -> doc.Figure:
    """The tree as TikZ (collapsing repeated subtrees only when the whole tree would be
    too small to read on the page) and as a matplotlib figure of the same drawing."""
    from ..io.plots import plot_tree
    from ..io.tikz import tree_tikz

    tikz = tree_tikz(game)
    try:
        collapse = tikz != tree_tikz(game, collapse=False)
    except GameError:                     # readable only with its repeats collapsed
        collapse = True
    png, _ = _render(lambda f: plot_tree(game, ax=f.add_subplot(), collapse=collapse),
                     (9.0, 6.5))
    how = "repeated subtrees drawn as boxes (see the notes)" if collapse else "the whole tree"
    return doc.Figure("tree", f"The game tree of {title}: {how}.", f"the tree of {title}",
                      png, tikz=tikz)


def _sweep_figure(sw: Any, varying: list[str], cvs: list | None) -> doc.Figure:
    from ..io.plots import plot_regions, plot_sweep

    if len(varying) == 2:
        png, pdf = _render(lambda f: plot_regions(sw, *varying, ax=f.add_subplot()), (9.0, 5.5))
        return doc.Figure("regions", f"Regions of the equilibrium structure in {varying[0]} "
                          f"and {varying[1]}.", "a map of the regions", png, pdf)

    def draw(f: Any) -> None:
        top, bottom = f.subplots(2, 1, sharex=True)
        plot_sweep(sw, varying[0], ax=top, critical=cvs)
        plot_sweep(sw, varying[0], ax=bottom, what="payoffs", critical=cvs)
        top.set_xlabel("")

    png, pdf = _render(draw, (8.0, 6.5))
    marks = "exact critical values dashed" if cvs else "region boundaries dotted"
    return doc.Figure("sweep", f"Equilibrium probabilities (top) and expected payoffs "
                      f"(bottom) against {varying[0]}; {marks}.",
                      f"the equilibria against {varying[0]}", png, pdf)


# ----------------------------------------------------------------- sections
def _math(c_tex: Any, name: str, value: Any, plain: str) -> doc.Math:
    """``name = value`` as math, the parameter by its LaTeX name."""
    return doc.Math(f"{name} = {plain}",
                    f"{c_tex.fmt.parameter_name(name)} = {c_tex.number(value)}")


def _parameter_table(game: Any) -> doc.Table:
    """Name, LaTeX name, default, domain and meaning of every parameter of ``game``."""
    from ..io.formats import Grid, LatexFormat
    from ..io.latex import TEXT_WIDTH, paragraph_column, parameter_latex

    info = game.parameter_info
    names = list(info) + [p.name for p in game.parameters if p.name not in info]

    def make(c: Any) -> tuple[list, list]:
        rows = []
        for n in names:
            p = info.get(n)
            tex = parameter_latex(n, info)
            symbol = c.parameter(n) if isinstance(c.fmt, LatexFormat) else c.text(tex)
            default = "" if p is None or p.default is None else c.value(p.default)
            lo, hi = p.domain if p is not None and p.domain is not None else \
                (float("-inf"), float("inf"))
            left = "(" if lo == float("-inf") else "["
            right = ")" if hi == float("inf") else "]"
            domain = c.math(f"{left}{c.number(lo)}, {c.number(hi)}{right}")
            meaning = c.text(p.description) if p is not None else ""
            rows.append([c.text(n), symbol, default, domain, meaning])
        width = max(120.0, TEXT_WIDTH - 180.0)
        grid = Grid([c.text(h) for h in ("Parameter", "LaTeX", "Default", "Domain",
                                         "Meaning")], rows,
                    "llrl" + paragraph_column(width))
        return [grid], []

    return doc.grid_table(make, "The parameters of the model.", game.parameters, info)


def _model_section(game: Any, name: str, docstring: str, used: list) -> doc.Section:
    summary, parts = doc.docstring_blocks(docstring)
    blocks: list = [doc.Paragraph(doc.runs(summary))] if summary else [
        doc.Paragraph([doc.Text(f"{name} has no model description (no module docstring).")])]
    blocks += parts
    if game.parameter_info or game.parameters:
        table = _parameter_table(game)
        blocks.append(doc.Section("Parameters", [table, doc.Paragraph(used)]))
    return doc.Section("The model", blocks)


def _game_section(game: Any, title: str, steps: _Steps) -> doc.Section:
    from ..io.tables import payoff_table

    blocks: list = []
    if game.is_tree:
        fig = steps.run("the tree figure", lambda: _tree_figure(game, title), blocks)
        blocks[:0] = [fig] if fig is not None else []
        return doc.Section("The game tree", blocks)
    table = steps.run("the payoff table", lambda: doc.Table(
        payoff_table(game, format="html"), payoff_table(game),
        "The payoff table; best responses underlined."), blocks)
    blocks[:0] = [table] if table is not None else []
    return doc.Section("The payoff table", blocks)


def _baseline_section(game: Any, name: str, steps: _Steps) -> doc.Section:
    from ..io.tables import equilibrium_table
    from ..solvers import solve
    from .loading import with_values

    blocks: list = []

    def compute() -> list:
        g = with_values(game, name, {}, defaults=True)
        sol = solve(g, method=steps.method, exact=g.kind == "exact")
        head = doc.Paragraph([doc.Text(str(sol).splitlines()[0])])
        if not sol.equilibria:
            return [head]
        return [head, doc.Table(equilibrium_table(sol, format="html"), equilibrium_table(sol),
                                "The equilibria at the baseline values (numbered from 1).")]

    out = steps.run("the equilibria at the baseline", compute, blocks)
    return doc.Section("Equilibria at the baseline", (out or []) + blocks)


def _sweep_section(game: Any, grid: dict, steps: _Steps, c_tex: Any) -> list:
    """The sweep's section and, when the sweep ran, the equilibrium map's."""
    from ..io.tables import regions_table
    from ..sensitivity.sweep import sweep

    blocks: list = []
    varying = [n for n, a in grid.items() if len(a) > 1]
    title = "Sweep over " + " and ".join(varying or list(grid))
    sw = steps.run("the sweep", lambda: sweep(game, grid, method=steps.method), blocks)
    if sw is None or not varying:
        if sw is not None:
            blocks.append(doc.Paragraph([doc.Text("No parameter takes more than one value.")]))
        return [doc.Section(title, blocks)]
    x = grid[varying[0]]
    blocks.append(doc.Paragraph([doc.Text(
        f"{len(sw)} points solved by {'/'.join(sw.methods) or sw.method}: "
        + "; ".join(f"{n} from {_plain(a.min())} to {_plain(a.max())} ({len(a)} values)"
                    for n, a in grid.items() if len(a) > 1) + ".")]))
    one = len(varying) == 1
    cvs = steps.run("the exact critical values", lambda: sw.critical(varying[0]), blocks) \
        if one else None
    fig = steps.run("the sweep figure", lambda: _sweep_figure(sw, varying, cvs), blocks)
    if fig is not None:
        blocks.append(fig)
    regions = steps.run("the regions", lambda: sw.regions(
        *varying, exact="auto" if one else False), blocks)
    formulas = steps.run("the closed forms", lambda: sw.region_formulas(varying[0], True),
                         blocks) if one and regions is not None else None
    if regions is not None:
        how = "in closed form" if formulas is not None else "at a point of each region"
        table = steps.run("the regions table", lambda: doc.Table(
            regions_table(regions, game, formulas, format="html", precision=_DIGITS),
            regions_table(regions, game, formulas, precision=_DIGITS),
            f"The regions where the equilibria stay the same, the equilibria {how}."), blocks)
        if table is not None:
            blocks.append(table)
    if not one:
        blocks.append(doc.Paragraph([doc.Text(
            "Exact critical values and closed forms per region are found along one varied "
            "parameter, so with two they are not computed here; the equilibrium map below "
            "gives the regions' boundaries as exact conditions.")], note=True))
    if one and cvs is not None:
        items = [[_math(c_tex, cv.parameter, cv.value, str(cv.value)),
                  doc.Text(f": {cv.description}")] for cv in cvs]
        lo, hi = _plain(x.min()), _plain(x.max())
        crit = [doc.Paragraph([doc.Text(f"The exact values of {varying[0]} in ({lo}, {hi}) "
                                        "where the equilibrium set changes"
                                        + (":" if items else ": none."))])]
        blocks.append(doc.Section("Critical values", crit + ([doc.Items(items)] if items
                                                              else [])))
    return [doc.Section(title, blocks), _map_section(game, varying, steps)]


def _plain(x: Any) -> str:
    from ..sensitivity._regions import number_text

    return number_text(float(x))


def _map_section(game: Any, names: list[str], steps: _Steps) -> doc.Section:
    from ..io.tables import map_table
    from ..sensitivity.equilibrium_map import equilibrium_map

    blocks: list = [doc.Paragraph([doc.Text(
        "The regions of the varied parameters' space (the others at their values above) "
        "with their equilibria in closed form, each region's condition exact.")])]

    def compute() -> doc.Table:
        emap = equilibrium_map(game, names, method=steps.method)
        return doc.Table(map_table(emap, format="html", game=game), map_table(emap, game=game),
                         "The equilibrium map" + ("" if emap.complete else
                                                  " (not shown complete: see its notes)") + ".")

    table = steps.run("the equilibrium map", compute, blocks)
    if table is not None:
        blocks.append(table)
    return doc.Section("Equilibrium map in " + ", ".join(names), blocks)


def _uncertainty_section(game: Any, dists: dict, sobol: list[str], n: int,
                         steps: _Steps) -> doc.Section:
    from ..io.formats import Grid
    from ..io.latex import TEXT_WIDTH, paragraph_column
    from ..sensitivity.uncertainty import uncertainty

    blocks: list = [doc.Paragraph([doc.Text(
        f"{n} quasi-random points (scrambled Sobol' sequence, seed 0) with "
        + ", ".join(f"{k} {text}" for k, (_, text) in dists.items())
        + "; the other parameters at their values above.")])]
    res = steps.run("the uncertainty", lambda: uncertainty(
        game, {k: d for k, (d, _) in dists.items()}, sobol or None, n=n,
        method=steps.method), blocks)
    if res is None:
        return doc.Section("Uncertainty", blocks)

    def estimates(head: str, d: dict, words: bool = False) -> Callable:
        """Mean and standard error of each estimate; ``words``: long names that wrap."""
        first = paragraph_column(TEXT_WIDTH - 110) if words else "l"

        def make(c: Any) -> tuple[list, list]:
            rows = [[c.text(k), c.value(e.mean), c.value(e.se)] for k, e in d.items()]
            return [Grid([c.text(head), c.text("mean"), c.text("s.e.")], rows,
                         first + "rr")], []
        return make

    blocks.append(doc.grid_table(estimates("equilibrium structure", res.structures, True),
                                 "Probability of each equilibrium structure.", precision=_DIGITS))
    reached = {k: e for k, e in res.outcomes.items() if e.mean > 0}
    if reached:
        blocks.append(doc.grid_table(estimates("outcome", reached),
                                     "Probability of each outcome reached.", precision=_DIGITS))
    if res.quantities:
        blocks.append(doc.grid_table(estimates("quantity", res.quantities, True),
                                     "Mean of each quantity (over each point's equilibria).",
                                     precision=_DIGITS))
    for q in sobol:
        si = steps.run(f"the Sobol' indices of {q}",
                       lambda q=q: res.sobol_indices(q, n=n), blocks)
        if si is None:
            continue

        def make(c: Any, si: dict = si) -> tuple[list, list]:
            rows = [[c.parameter(k), c.value(f), c.value(t)] for k, (f, t) in si.items()]
            return [Grid([c.text("parameter"), c.text("first order"), c.text("total")],
                         rows, "lrr")], []

        blocks.append(doc.grid_table(make, f"Sobol' indices of {q} (Saltelli 2010 "
                                     "estimators).", game.parameters, game.parameter_info,
                                     precision=_DIGITS))
    return doc.Section("Uncertainty", blocks)


def _about_section(args: Any, steps: _Steps) -> doc.Section:
    from .. import __version__
    from ..io.formats import Grid

    def make(c: Any) -> tuple[list, list]:
        rows = [[c.text(w), c.text(f"{s:.2f}"), c.text(outcome)] for w, s, outcome in steps.log]
        return [Grid([c.text("step"), c.text("seconds"), c.text("outcome")], rows, "lrl")], []

    command = ["gametheory", "report", args.game]
    for flag, values in (("--set", args.set), ("--vary", args.vary),
                         ("--uncertain", args.uncertain), ("--sobol", args.sobol)):
        for v in values or []:
            command += [flag, v]
    for flag, value, default in (("--samples", args.samples, _SAMPLES),
                                 ("--method", args.method, "auto"),
                                 ("--time-limit", args.time_limit, TIME_LIMIT)):
        if value != default:                 # the options that change the report
            command += [flag, f"{value:g}" if isinstance(value, float) else str(value)]
    return doc.Section("About this report", [
        doc.Paragraph([doc.Text(f"Made by gametheory {__version__} with "),
                       doc.Code(shlex.join(command + ["--out", Path(args.out).name]))]),
        doc.grid_table(make, f"The steps of this report (each limited to "
                             f"{steps.limit:g} s).")])


# ----------------------------------------------------------------- the command
def build_report(args: Any) -> doc.Document:
    """The report of the parsed arguments of ``gametheory report`` as a document."""
    from ..io._layout import options, paper_cells
    from .loading import check_known, load_game, parse_sets, with_values

    game, name = load_game(args.game)
    free = [p.name for p in game.parameters]
    sets = parse_sets(args.set)
    check_known(list(sets), free, name)
    grid = _grid(args, name, free, sets)
    dists = _distributions(args, name, free, set(sets))
    _check_quantities(game, args.sobol or [])
    title = getattr(game, "title", None) or name
    steps = _Steps(args.time_limit, args.method)
    used = _used(sets, grid, dists)
    sections = [_model_section(game, name, _docstring(args.game, name), used)]
    game = with_values(game, name, sets, defaults=False)
    c_tex = paper_cells(options("latex", None), None, game.parameters, game.parameter_info)
    sections += [_game_section(game, title, steps), _baseline_section(game, name, steps)]
    if grid:
        sections += _sweep_section(game, grid, steps, c_tex)
    if dists:
        sections.append(_uncertainty_section(game, dists, list(args.sobol or []),
                                             args.samples, steps))
    sections.append(_about_section(args, steps))
    byline = [[doc.Text("A report of the model "), doc.Code(name),
               doc.Text(" by gametheory.")]]
    return doc.Document(title, sections, byline)


def _used(sets: dict, grid: dict, dists: dict) -> list:
    """A paragraph's runs: which values this report uses."""
    parts = [f"{k} = {v} (--set)" for k, v in sets.items()]
    parts += [f"{k} varies from {_plain(a.min())} to {_plain(a.max())} ({len(a)} values)"
              if len(a) > 1 else f"{k} = {_plain(a[0])} (--vary)" for k, a in grid.items()]
    parts += [f"{k} is uncertain" for k in dists]
    head = "In this report: " + "; ".join(parts) + "; the other parameters" if parts else \
        "In this report the parameters"
    return [doc.Text(head + " are at their defaults.")]


def cmd_report(args: Any) -> int:
    """Run ``gametheory report``; returns the exit code."""
    from .loading import UsageError, require_matplotlib

    suffix = _checked_out(args.out)
    require_matplotlib()                          # the figures, before any work
    if not 0 < args.time_limit < 1e9:          # NaN and inf too (setitimer refuses them)
        raise UsageError(f"--time-limit must be a positive number of seconds, below 1e9; "
                         f"got {args.time_limit:g}")
    report = build_report(args)
    out = Path(args.out)
    if suffix in (".html", ".htm"):
        out.write_text(doc.to_html(report), encoding="utf-8")
        print(f"wrote {out}")
        return 0
    stem = _figure_stem(out.stem) if suffix == ".tex" else "report"   # a PDF: made apart
    tex = doc.to_latex(report, stem)
    files = doc.figure_files(report, stem)
    if suffix == ".tex":
        out.write_text(tex, encoding="utf-8")
        for fname, data in files.items():
            (out.parent / fname).write_bytes(data)
        print(f"wrote {out}" + (f" and {', '.join(files)}" if files else ""))
        return 0
    out.write_bytes(compile_pdf(tex, files, stem))
    print(f"wrote {out}")
    return 0


def _figure_stem(stem: str) -> str:
    """The start of the names of the figure files beside a ``.tex`` report: the report's
    stem with each character that ``\\includegraphics`` cannot take (a space, ``%``,
    ``#``, ``{``, a dot, ...) as a hyphen.

    >>> _figure_stem("my report 50%.v2")
    'my-report-50--v2'
    """
    return re.sub(r"[^A-Za-z0-9_-]", "-", stem) or "report"


def compile_pdf(tex: str, files: dict[str, bytes], stem: str = "report") -> bytes:
    """The PDF of a LaTeX document (and the files it includes), by two pdflatex runs in
    a temporary directory (no shell escape); a UsageError with the log's first error."""
    from .loading import UsageError

    with tempfile.TemporaryDirectory(prefix="gametheory-report-") as tmp:
        d = Path(tmp)
        (d / f"{stem}.tex").write_text(tex, encoding="utf-8")
        for fname, data in files.items():
            (d / fname).write_bytes(data)
        for _ in range(2):                        # the second run settles longtables
            run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                                  "-no-shell-escape", f"{stem}.tex"], cwd=d,
                                 capture_output=True, text=True, timeout=300)
            if run.returncode != 0:
                log = d / f"{stem}.log"
                text = log.read_text(errors="replace") if log.exists() else run.stdout
                errors = [line for line in text.splitlines() if line.startswith("!")]
                raise UsageError("pdflatex failed: " + (errors[0] if errors else
                                                        text.strip()[-200:])
                                 + "; write --out report.tex to see the LaTeX")
        return (d / f"{stem}.pdf").read_bytes()
