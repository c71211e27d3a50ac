r"""Rich displays for Jupyter: the ``_repr_html_`` and ``_repr_latex_`` of the results.

:class:`~gametheory.Equilibrium`, :class:`~gametheory.Solution`,
:class:`~gametheory.SweepResult`, :class:`~gametheory.sensitivity.sweep.Region`,
:class:`~gametheory.CriticalValue` and :class:`~gametheory.EquilibriumMap` call these
from their display hooks (imported there, when a notebook asks, so that ``import
gametheory`` stays light).

* **HTML** (what a notebook shows): the tables of :mod:`gametheory.io.tables` in their
  HTML format, equilibria numbered from 1 as the command line numbers them; every label
  (players, strategies, information sets) is user data and goes through
  :func:`html.escape`. The HTML is self-contained: no scripts, no style sheets, figures
  embedded as PNG ``data:`` URIs, so a notebook saved with its outputs shows them
  anywhere (nbviewer, GitHub, an HTML export).
* **LaTeX** (what ``jupyter nbconvert --to latex`` or ``--to pdf`` prints): the booktabs
  tables of :mod:`gametheory.io.tables` (nbconvert's LaTeX template loads booktabs,
  longtable, array, graphicx and amsmath, all they need), and single lines set with
  the helpers of :mod:`gametheory.io.latex` (numbers as ``\frac``, formulas by
  :func:`~gametheory.io.latex.expression`). A parameter is named by
  :func:`~gametheory.io.latex.parameter_latex` (re-exported here): its
  :attr:`gametheory.Parameter.latex` where the result knows it (from the game it holds,
  or that of a solution it holds: a substituted game keeps the metadata of the
  parameters it was given values for), else by :func:`~gametheory.io.latex.latex_name`.
* **Cost**: IPython asks an object for every representation it has each time it is
  shown, so nothing here solves anything expensive: a sweep's regions are shown when
  its game is small or they are already computed (the sweep decides, and hands over what
  this module may not import: like all of :mod:`gametheory.io` it formats what it is
  given and imports neither the solvers nor sensitivity), and a solution shows at most
  :data:`DISPLAY_ROWS` equilibria.

Examples
--------
>>> import gametheory as gt
>>> g = gt.NormalFormGame.from_arrays([[2, 0], [0, 3]], [[3, 0], [0, 2]],
...                                   players=["A&B", "C"])
>>> sol = gt.solve(g, exact=True)
>>> text = solution_html(sol)
>>> "A&amp;B" in text and "A&B" not in text, "<th>3</th>" in text
(True, True)
>>> print(critical_latex_line("q_N", gt.parameters("q") / 7))
$q_{\mathrm{N}} = \frac{q}{7}$
"""

from __future__ import annotations

import base64
import dataclasses
import html
import io
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import GameError, SolverError
from ._layout import finish, options, paper_cells
from .cells import Cells
from .formats import Grid, latex_escape
from .latex import expression, parameter_latex, symbol_names
from .tables import equilibrium_table, map_table, sweep_table

__all__ = ["DISPLAY_ROWS", "equilibrium_html", "equilibrium_latex", "solution_html",
           "solution_latex", "sweep_html", "sweep_latex", "region_html", "region_latex",
           "critical_html", "critical_latex", "critical_latex_line", "map_html", "map_latex",
           "figure_html", "parameter_info_of", "parameter_latex", "parameter_expression"]

#: At most this many equilibria of a Solution are displayed (the rest are counted).
DISPLAY_ROWS = 50
#: Size (inches) and resolution of a sweep's inline figure.
FIGURE_SIZE = (6.4, 3.4)
FIGURE_DPI = 80


def _block(kind: str, parts: list[str]) -> str:
    return f'<div class="gametheory-{kind}">\n' + "\n".join(p for p in parts if p) + "\n</div>"


def _p(text: str, bold: str = "") -> str:
    lead = f"<b>{html.escape(bold)}</b>" if bold else ""
    return f"<p>{lead}{html.escape(text)}</p>"


# ----------------------------------------------------------------- parameter names
def parameter_info_of(result: Any) -> dict[str, Any]:
    """``{name: Parameter}`` that a result knows: from its ``game`` (a sweep's, a
    solution's) or else that of the first solution it holds (a region's ``solution``, a
    critical value's ``at``, ``below`` or ``above``), the parameters substituted on the
    way to that game included; empty when it holds no game."""
    holders = [result] + [getattr(result, a, None) for a in ("solution", "at", "below",
                                                              "above")]
    game = next((g for g in (getattr(h, "game", None) for h in holders) if g is not None),
                None)
    info = dict(getattr(game, "substituted_metadata", {}))
    info.update(getattr(game, "parameter_info", {}))
    return info


def parameter_expression(expr: Any, info: Mapping[str, Any] | None = None) -> str:
    """:func:`~gametheory.io.latex.expression` with the symbols named by
    :func:`~gametheory.io.latex.parameter_latex` (``info``: :func:`parameter_info_of` a
    result)."""
    return expression(expr, symbol_names(getattr(expr, "free_symbols", ()), info))


# ----------------------------------------------------------------- one equilibrium
def _equilibrium_grid(eq: Any, c: Cells) -> tuple[Grid, list[str]]:
    """One equilibrium as a table down the page: a row per player (strategy, payoff), or
    for a tree a row per information set and one per payoff; notes: its classification
    and the belief ranges of an assessment."""
    if eq.behavior is not None and not eq.strategies:
        rows = [[c.text(h), c.mix(list(acts), list(acts.values()))]
                for h, acts in eq.behavior.items()]
        rows += [[c.text(f"payoff {p}"), c.value(v)] for p, v in zip(eq.players, eq.payoffs)]
        grid = Grid([c.text("Information set"), c.text("Behaviour")], rows, "ll")
    else:
        rows = [[c.text(p), c.mix(lab, s), c.value(v)]
                for p, lab, s, v in zip(eq.players, eq.labels, eq.strategies, eq.payoffs)]
        grid = Grid([c.text("Player"), c.text("Strategy"), c.text("Payoff")], rows, "llr")
    notes = [c.text(eq.label)] if eq.label else []
    notes += [c.text(f"Beliefs: {r}") for r in (eq.belief_ranges or {}).values()]
    return grid, notes


def _latex_cells() -> Cells:
    return paper_cells(options("latex", None), None)


def equilibrium_html(eq: Any) -> str:
    """An :class:`~gametheory.Equilibrium` as an HTML table."""
    c = Cells("html", None)
    grid, notes = _equilibrium_grid(eq, c)
    return _block("equilibrium", [finish(c, [grid], notes)])


def equilibrium_latex(eq: Any) -> str:
    """An :class:`~gametheory.Equilibrium` as a booktabs table."""
    c = _latex_cells()
    grid, notes = _equilibrium_grid(eq, c)
    return finish(c, [grid], notes)


# ----------------------------------------------------------------- a solution
def _shown(sol: Any) -> Any:
    """The solution with at most :data:`DISPLAY_ROWS` equilibria."""
    if len(sol.equilibria) <= DISPLAY_ROWS:
        return sol
    return dataclasses.replace(sol, equilibria=list(sol.equilibria[:DISPLAY_ROWS]))


def _more(sol: Any) -> str:
    n = len(sol.equilibria) - DISPLAY_ROWS
    return (f"... and {n} more equilibri{'um' if n == 1 else 'a'} (all of them are in "
            "solution.to_frame())") if n > 0 else ""


def _numbers(idx: Any) -> str:
    return ", ".join(str(k + 1) for k in idx)


def _solution_remarks(sol: Any) -> list[str]:
    """The value, the continua (equilibria numbered from 1) and the notes, as text."""
    out = [] if sol.value is None else [f"value: {_plain(sol.value)}"]
    for comp in sol.components:
        if comp.is_isolated:
            continue
        if hasattr(comp, "pieces"):                       # an AssessmentComponent
            out.append(f"a continuum of assessments joins {_numbers(comp.equilibria)}")
            out += [f"between {_numbers(idx)}: "
                    + ("; ".join(str(r) for r in cond.values()) if cond else "any beliefs")
                    for idx, cond in comp.pieces if len(idx) > 1]
            continue
        out.append(f"a continuum joins equilibria {_numbers(comp.equilibria)} "
                   f"({len(comp.nash_subsets)} maximal Nash subset(s))")
    return out + [f"note: {t}" for t in sol.notes]


def _plain(x: Any) -> str:
    from ..games._display import fmt

    return fmt(x)


def _classified(sol: Any) -> list[tuple[int, str]]:
    """``(number, text)`` of the shown equilibria with a classification or belief
    ranges (assessments): ``pooling on quiche; beliefs mu(strong | ...) <= 1/2``."""
    out = []
    for k, eq in enumerate(_shown(sol).equilibria):
        bits = ([eq.label] if eq.label else []) \
            + [f"beliefs {r}" for r in (eq.belief_ranges or {}).values()]
        if bits:
            out.append((k + 1, "; ".join(bits)))
    return out


def solution_html(sol: Any) -> str:
    """A :class:`~gametheory.Solution`: its headline, the table of its equilibria
    (numbered from 1), their classifications and belief ranges, and its value, continua
    and notes."""
    parts = [_p(str(sol).splitlines()[0])]
    if sol.equilibria:
        parts.append(equilibrium_table(_shown(sol), format="html"))
    parts.append(_p(_more(sol)) if _more(sol) else "")
    classified = _classified(sol)
    if classified:
        parts.append("<ol>" + "".join(f'<li value="{k}">{html.escape(t)}</li>'
                                      for k, t in classified) + "</ol>")
    remarks = _solution_remarks(sol)
    if remarks:
        parts.append("<ul>" + "".join(f"<li>{html.escape(t)}</li>" for t in remarks)
                     + "</ul>")
    return _block("solution", parts)


def solution_latex(sol: Any) -> str:
    """A :class:`~gametheory.Solution`'s equilibria as a booktabs table (rows from 1),
    then their classifications and belief ranges, one paragraph each."""
    if not sol.equilibria:
        return latex_escape(str(sol).splitlines()[0])
    text = equilibrium_table(_shown(sol))
    lines = [f"{k}. {t}" for k, t in _classified(sol)] + ([_more(sol)] if _more(sol) else [])
    return text + "".join(f"\n\\par\\noindent {latex_escape(t)}\n" for t in lines)


# ----------------------------------------------------------------- figures
def figure_html(draw: Callable[[Any], Any], alt: str) -> str:
    """``draw(ax)`` on a small figure, as an ``<img>`` with the PNG inline; "" without
    matplotlib or when drawing fails with a GameError or SolverError.

    The figure is made without pyplot, so nothing is left open for a notebook's inline
    backend to show a second time.
    """
    try:
        from matplotlib.figure import Figure
    except ImportError:
        return ""
    fig = Figure(figsize=FIGURE_SIZE, layout="constrained")
    try:
        draw(fig.add_subplot())
    except (GameError, SolverError):
        return ""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=FIGURE_DPI)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'


# ----------------------------------------------------------------- a sweep
def _varying(sw: Any) -> list[str]:
    return [n for n, a in zip(sw.names, sw.grid.axes) if len(a) > 1]


def sweep_html(sw: Any, regions: bool, lines: Callable[[Any], list[dict]]) -> str:
    """A :class:`~gametheory.SweepResult`: its summary, the table of its regions (one
    varying parameter; two: the list of regions, each with ``lines(region)``, its
    numbered equilibria as :func:`~gametheory.sensitivity._regions.equilibrium_lines`
    gives them) when ``regions`` is True, and a small figure (matplotlib)."""
    from .plots import plot_regions, plot_sweep

    text = str(sw).splitlines()
    parts = [_p(text[0]), "<ul>" + "".join(f"<li>{html.escape(t.strip())}</li>"
                                            for t in text[1:]) + "</ul>"]
    varying = _varying(sw)
    try:
        if regions and len(varying) == 1:
            parts.append(sweep_table(sw, varying[0], format="html"))
        elif regions and len(varying) == 2:
            parts.append(_cell_list(sw.regions(*varying), lines))
    except (GameError, SolverError):
        regions = False
    if len(varying) == 1:
        parts.append(figure_html(lambda ax: plot_sweep(sw, varying[0], ax=ax,
                                                       boundaries=regions),
                                 f"equilibrium probabilities against {varying[0]}"))
    elif regions and len(varying) == 2:
        parts.append(figure_html(lambda ax: plot_regions(sw, *varying, ax=ax),
                                 f"regions in {varying[0]} and {varying[1]}"))
    return _block("sweep", parts)


def _cell_list(regions: list, lines: Callable[[Any], list[dict]]) -> str:
    """The regions of a two-parameter sweep, each with its numbered equilibria."""
    items = []
    for r in regions:
        sub = "".join(f"<li value=\"{e['number']}\">{html.escape(e['strategies'])}; payoffs "
                      + html.escape(", ".join(f"{p} {v}" for p, v in e["payoffs"].items()))
                      + "</li>" for e in lines(r))
        items.append(f"<li>{html.escape(str(r))}<ol>{sub}</ol></li>")
    return "<p>regions:</p><ul>" + "".join(items) + "</ul>"


def sweep_latex(sw: Any) -> str | None:
    """The regions of a one-parameter sweep as a booktabs table (values at each
    region's point, to stay quick); None for two varying parameters. The sweep's hook
    calls it only when finding the regions is cheap (see the module's docstring)."""
    varying = _varying(sw) or list(sw.names)[:1]
    if len(varying) != 1:
        return None
    return sweep_table(sw, varying[0], closed_form=False)


# ----------------------------------------------------------------- a region
def region_html(region: Any) -> str:
    """A :class:`~gametheory.sensitivity.sweep.Region`: where it lies, its structure, and
    the table of its equilibria at its representative point."""
    cond = f" where {region.condition}" if region.condition else ""
    note = f" ({region.note})" if region.note else ""
    head = _p(f"{cond}: {region.description}{note}", bold=region.span_text())
    at = ", ".join(f"{n} = {_plain(v)}" for n, v in zip(region.names, region.point))
    sol = region.representative
    caption = f"the equilibria at {at}" if at else "the equilibria"
    table = equilibrium_table(_shown(sol), format="html", caption=caption) \
        if sol.equilibria else ""
    return _block("region", [head, table])


def _span_latex(region: Any, c: Cells) -> str:
    if len(region.names) != 1:
        return latex_escape(region.span_text())
    name = parameter_latex(region.names[0], parameter_info_of(region))
    lo, hi = (c.number(x) for x in region.ends)
    if region.is_point:
        return f"${name} = {lo}$"
    left, right = "[" if region.closed[0] else "(", "]" if region.closed[1] else ")"
    return f"${name} \\in {left}{lo}, {hi}{right}$"


def region_latex(region: Any) -> str:
    """A region's line (``$q \\in [0, \\frac{1}{7})$: ...``) and the booktabs table of
    its equilibria at its representative point."""
    c = _latex_cells()
    cond = f" where {latex_escape(region.condition)}" if region.condition else ""
    line = f"{_span_latex(region, c)}{cond}: {latex_escape(region.description)}"
    sol = region.representative
    return line + ("\n\n" + equilibrium_table(_shown(sol)) if sol.equilibria else "")


# ----------------------------------------------------------------- a critical value
def critical_html(cv: Any) -> str:
    """A :class:`~gametheory.CriticalValue`: the value and what changes there, and (to
    unfold) the equilibria just below, at and just above it (a repeated game's critical
    value holds the sustained profiles there instead: listed)."""
    head, _, what = str(cv).partition(": ")   # "q = 1/7" (with its condition, if symbolic)
    parts = [_p(f": {what}", bold=head)]
    sides = [(f"below: {cv.parameter} = {cv.below_at}", cv.below),
             (f"at {head}", cv.at), (f"above: {cv.parameter} = {cv.above_at}", cv.above)]
    tables = [equilibrium_table(_shown(sol), format="html", caption=cap)
              if hasattr(sol, "equilibria") else _p(f"{cap}: {_profiles_text(sol)} sustained")
              for cap, sol in sides if sol is not None and _count(sol)]
    if tables:
        held = "equilibria" if any(hasattr(sol, "equilibria") for _, sol in sides) \
            else "sustained profiles"
        parts.append(f"<details><summary>{held} below, at and above</summary>\n"
                     + "\n".join(tables) + "</details>")
    return _block("critical", parts)


def _count(side: Any) -> int:
    """How many equilibria (a Solution) or sustained profiles (a tuple) a side holds."""
    return len(side.equilibria) if hasattr(side, "equilibria") else len(side)


def _profiles_text(profiles: Any) -> str:
    """Pure stage profiles (tuples of action labels) as ``(C, C), (D, D)``."""
    return ", ".join("(" + ", ".join(map(str, p)) + ")" for p in profiles)


def critical_latex_line(parameter: str, value: Any, info: Mapping[str, Any] | None = None) \
        -> str:
    r"""``$q = \frac{1}{7}$`` by the helpers of :mod:`gametheory.io.latex`: the
    parameter (and the parameters in a symbolic value) by :func:`parameter_latex` with
    ``info``, the value by :func:`expression` (an irrational one with its decimal
    value)."""
    text = f"{parameter_latex(parameter, info)} = {parameter_expression(value, info)}"
    if getattr(value, "is_number", False) and not value.is_Rational:
        text += f" \\approx {float(value):.10g}"
    return f"${text}$"


def critical_latex(cv: Any) -> str:
    """A critical value as one line of LaTeX text: ``$q = \\frac{1}{7}$: ...``; a
    symbolic one with the condition where it applies."""
    import sympy

    info = parameter_info_of(cv)
    where = ""
    if cv.condition is sympy.true:
        where = " (everywhere)"
    elif cv.condition is not None:
        where = f" if ${parameter_expression(cv.condition, info)}$"
    return (f"{critical_latex_line(cv.parameter, cv.value, info)}{where}: "
            f"{latex_escape(cv.description)}")


# ----------------------------------------------------------------- an equilibrium map
def map_html(emap: Any) -> str:
    """An :class:`~gametheory.EquilibriumMap`: its headline, the table of its regions
    and equilibria, and its notes."""
    parts = [_p(str(emap).splitlines()[0]), map_table(emap, format="html")]
    if not emap.complete:
        parts.append(_p("incomplete: see the notes"))
    parts += [_p(f"note: {n}") for n in emap.notes]
    return _block("map", parts)


def map_latex(emap: Any) -> str:
    """An equilibrium map as the booktabs table of :func:`~gametheory.io.tables.map_table`."""
    return map_table(emap)
