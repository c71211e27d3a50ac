"""Sweep tables: one row per region of a one-parameter sweep, the equilibrium as a
function of the parameter (what a paper prints as "equilibrium as a function of q").

The table is written from the sweep's :class:`~gametheory.sensitivity.sweep.Region`
objects (their ends, representative points and solutions) and the closed forms of
:meth:`SweepResult.region_formulas <gametheory.SweepResult.region_formulas>`; nothing
here solves a game.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import GameError
from .cells import Cells
from .formats import Format, Grid, check_options

if TYPE_CHECKING:
    from ..games.protocol import Game

__all__ = ["sweep_table", "regions_table"]


def sweep_table(sweep_result: Any, parameter: str, format: str | Format = "latex",
                precision: int = 3, closed_form: bool | str = "auto") -> str:
    """The regions of a one-parameter sweep as a table, one row per region.

    Each row gives the interval of ``parameter`` (open at inner boundaries, where the
    equilibrium set changes, closed at the ends of the grid), the equilibria of the
    region (one line each: every player's strategy, or the behaviour at every
    information set of a tree) and their payoffs.

    Parameters
    ----------
    sweep_result : SweepResult
        A sweep over one varying parameter (:func:`gametheory.sweep`).
    parameter : str
        The swept parameter.
    format : str or Format
        Output format: a name in :data:`gametheory.io.formats.FORMATS` (``"latex"``,
        ``"md"``, ``"csv"``, ``"html"``); tidy formats (CSV) add the interval ends as
        plain numbers (``lo``, ``hi``) and the number of equilibria.
    precision : int
        Decimals of float values.
    closed_form : bool or "auto"
        Strategies and payoffs as formulas in ``parameter`` (other parameters at their
        values in the sweep) from :meth:`SweepResult.region_formulas
        <gametheory.SweepResult.region_formulas>`. ``"auto"`` uses them when they can
        be had for every region of a small game (two-player normal form of at most 64
        cells, or a perfect-information tree of at most 64 nodes), else prints the
        equilibria numerically at the representative point of each region
        (:attr:`Region.point <gametheory.sensitivity.sweep.Region.point>`), shown in an
        extra column; True insists (GameError when they cannot be had); False prints
        numbers.

    Notes
    -----
    The sweep computes what the table shows (its regions, their representative
    solutions and closed forms, cached); :func:`regions_table` writes it.

    Returns
    -------
    str

    References
    ----------
    Maynard Smith, J. (1982). *Evolution and the Theory of Games*, ch. 2 (the Hawk-Dove
    game's equilibria as functions of V/C).

    Examples
    --------
    Hawk-Dove with prize ``v`` and cost 1: three equilibria for v < 1, one for v > 1, a
    continuum at v = 1.

    >>> import gametheory as gt
    >>> v = gt.parameters("v")
    >>> g = gt.NormalFormGame.from_arrays([[(v - 1) / 2, v], [0, v / 2]],
    ...                                   [[(v - 1) / 2, 0], [v, v / 2]],
    ...                                   strategies=[["H", "D"], ["H", "D"]])
    >>> sw = gt.sweep(g, {"v": [0.25, 0.75, 1.25, 1.75]})
    >>> table = sweep_table(sw, "v", format="md")
    >>> for line in table.splitlines()[:2]:
    ...     print(line)
    | v | Player 1 | Player 2 | payoff Player 1 | payoff Player 2 |
    | --- | :-: | :-: | :-: | :-: |
    >>> table.splitlines()[2].split(" | ")[:2]
    ['| [1/4, 1)', 'H<br>v H + (1 - v) D<br>D']
    >>> print(table.splitlines()[3].split(" | ")[0])
    | {1} (a continuum)
    >>> print(table.splitlines()[4])
    | (1, 7/4] | H | H | (v - 1)/2 | (v - 1)/2 |
    """
    fmt = check_options(format, precision)
    formulas = sweep_result.region_formulas(parameter, closed_form)
    return regions_table(sweep_result.regions(parameter), sweep_result.game, formulas,
                         format=fmt, precision=precision)


def regions_table(regions: Sequence[Any], game: Game, formulas: Sequence[Sequence[Any]] | None
                  = None, format: str | Format = "latex", precision: int = 3) -> str:
    """The table of :func:`sweep_table` from its data: the regions and their formulas.

    Parameters
    ----------
    regions : list of Region
        The regions of a sweep, in order (:meth:`gametheory.SweepResult.regions`): 1-D
        regions, or 2-D cells (numbered, with their representative point; no closed
        forms). A column "where" holds the regions' conditions when some have one.
    game : NormalFormGame or ExtensiveFormGame
        The swept game (its players, and a tree's information sets, head the columns).
    formulas : list of list, optional
        Per region its equilibria as closed forms
        (:meth:`gametheory.SweepResult.region_formulas`); without them each region
        shows the equilibria of its :attr:`~Region.representative` solution at its
        :attr:`~Region.point`, in an extra column.
    format : str or Format
        As for :func:`sweep_table`.
    precision : int
        Decimals of float values.

    Returns
    -------
    str

    Examples
    --------
    >>> import gametheory as gt
    >>> q = gt.parameters("q")
    >>> g = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> sw = gt.sweep(g, {"q": [-1.0, 1.0]})
    >>> numeric = regions_table(sw.regions("q"), g, format="md").splitlines()
    >>> print(numeric[0]); print(numeric[2])
    | q | q at | Player 1 | Player 2 | payoff Player 1 | payoff Player 2 |
    | [-1, 0) | -1/2 | a2 | b2 | 1 | 1 |
    >>> exact = regions_table(sw.regions("q"), g, sw.region_formulas("q"), format="md")
    >>> print(exact.splitlines()[4].split(" | ")[2])
    b1<br>1/(q + 1) b1 + q/(q + 1) b2<br>b2
    """
    fmt = check_options(format, precision)
    c = Cells(fmt, precision)
    regions = list(regions)
    if len({len(r.names) for r in regions}) > 1 or any(len(r.names) > 2 for r in regions):
        raise GameError("a table of regions needs the regions of one or two varying "
                        "parameters")
    cells = bool(regions) and len(regions[0].names) == 2
    if cells and formulas is not None:
        raise GameError("closed forms by region need one varying parameter")
    if formulas is not None and len(formulas) != len(regions):
        raise GameError(f"{len(formulas)} lists of closed forms for {len(regions)} regions")
    parameter = (", ".join(regions[0].names) if cells else regions[0].names[0]) \
        if regions else ""
    where = any(getattr(r, "condition", None) for r in regions)
    tree = game.is_tree
    players = list(game.players)
    cols = [h.label for h in game.information_sets] if tree else players
    if fmt.tidy:
        header = ["lo", "hi", parameter, "equilibria", "continuum"]
        header += ["condition"] if where else []
        header += ([] if formulas else [f"{parameter} at"]) + [f"{h}" for h in cols] \
            + [f"payoff:{p}" for p in players]
    else:
        header = [c.text("cell") if cells else c.parameter(parameter)]
        header += [c.text("where")] if where else []
        header += [] if formulas else [(c.text(parameter) if cells else
                                        c.parameter(parameter)) + " at"]
        header += [c.text(h) for h in cols]
        header += [c.text(p) if fmt.groups else f"payoff {c.text(p)}" for p in players]
    rows = []
    for k, r in enumerate(regions):
        span = str(r.number) if cells else _interval(c, r, k == 0, k == len(regions) - 1)
        cont = bool(getattr(r, "continuum", False))
        if formulas:
            eqs, at = list(formulas[k]), []
        else:
            eqs, at = list(r.representative.equilibria), [", ".join(
                c.value(v) for v in r.point)]
        at = ([c.text(r.condition or "")] if where else []) + at
        strat = [[_cell(e, h, j, tree, c) for e in eqs] for j, h in enumerate(cols)]
        pays = [[c.value(e.payoffs[i]) for e in eqs] for i in range(len(players))]
        row = [span + (" " + c.text("(a continuum)") if cont and not fmt.tidy else "")] \
            + at + [c.stack(s) for s in strat] + [c.stack(p) for p in pays]
        if fmt.tidy:
            lo, hi = (r.lo, r.hi) if not cells else (r.bounds[0][0], r.bounds[0][1])
            row = [repr(float(lo)), repr(float(hi)), span, str(len(eqs)),
                   str(int(cont))] + row[1:]
        rows.append(row)
    groups = []
    if fmt.groups:
        groups = [("", 1 + int(where) + (0 if formulas else 1)),
                  ("Behaviour" if tree else "Strategies", len(cols)), ("Payoffs", len(players))]
    align = "l" * (1 + int(where) + (0 if formulas else 1)) + "l" * (len(cols) + len(players))
    return fmt.render([Grid(header, rows, align, groups)])


def _interval(c: Cells, region: Any, first: bool, last: bool) -> str:
    """The region's interval, open or closed as it is (:attr:`Region.closed`; a region
    without that information is closed at the grid's ends, open inside), or ``{v}``."""
    lo, hi = region.ends
    a, b = c.number(lo), c.number(hi)
    if region.is_point:                     # a single value, where the structure changes
        return c.math(c.fmt.braces(a))
    closed = getattr(region, "closed", None) or (first, last)
    left, right = "[" if closed[0] else "(", "]" if closed[1] else ")"
    return c.math(f"{left}{a}, {b}{right}")


def _cell(e: Any, h: str, j: int, tree: bool, c: Cells) -> str:
    if tree:
        acts = (e.behavior or {}).get(h, {})
        return c.mix(list(acts), list(acts.values())) if acts else ""
    return c.mix(e.labels[j], e.strategies[j])
