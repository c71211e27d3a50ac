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
from ._layout import (
    body,
    by_information_set,
    choice_columns,
    finish,
    options,
    paper_cells,
    strategy_cell,
)
from .cells import Cells
from .formats import Format, Grid
from .latex import TEXT_WIDTH, PaperLatex, grid_width

if TYPE_CHECKING:
    from ..games.protocol import Game

__all__ = ["sweep_table", "regions_table"]


def sweep_table(sweep_result: Any, parameter: str, format: str | Format = "latex",
                precision: int | None = None, closed_form: bool | str = "auto",
                caption: str | None = None, label: str | None = None) -> str:
    """The regions of a one-parameter sweep as a table, one row per region.

    Each row gives the interval of ``parameter`` (open at inner boundaries, where the
    equilibrium set changes, closed at the ends of the grid), the equilibria of the
    region (one line each: every player's strategy, or the behaviour at every
    information set of a tree) and their payoffs. In LaTeX each equilibrium of a region
    is a row of its own (a page can break between them; more than
    :data:`~gametheory.io.latex.LONG_ROWS` rows make a ``longtable``). A choice that is
    the same in every region is stated once in a note below the table, the columns of
    a tree's information sets are grouped by player, and the parameter prints by its
    LaTeX name (:attr:`gametheory.Parameter.latex`).

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
    precision : int, optional
        Decimals of float values; None (the default): each float as its shortest
        decimal of at most 12 significant digits (``0.3`` for ``0.1 + 0.2``;
        :data:`~gametheory.io.cells.TABLE_DIGITS`).
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
    caption, label : str, optional
        A caption (LaTeX text) and a ``\\label`` key; in LaTeX either puts the table in
        a ``table`` float (a ``longtable`` takes them as its first row), in Markdown
        and HTML the caption heads the table.

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
    fmt = options(format, precision)
    formulas = sweep_result.region_formulas(parameter, closed_form)
    return regions_table(sweep_result.regions(parameter), sweep_result.game, formulas,
                         format=fmt, precision=precision, caption=caption, label=label)


def regions_table(regions: Sequence[Any], game: Game, formulas: Sequence[Sequence[Any]] | None
                  = None, format: str | Format = "latex", precision: int | None = None,
                  caption: str | None = None, label: str | None = None) -> str:
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
    format, precision, caption, label
        As for :func:`sweep_table`.

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
    fmt = options(format, precision)
    c = paper_cells(fmt, precision, getattr(game, "parameters", ()),
                    getattr(game, "parameter_info", {}))
    regions = list(regions)
    if len({len(r.names) for r in regions}) > 1 or any(len(r.names) > 2 for r in regions):
        raise GameError("a table of regions needs the regions of one or two varying "
                        "parameters")
    cells = bool(regions) and len(regions[0].names) == 2
    if cells and formulas is not None:
        raise GameError("closed forms by region need one varying parameter")
    if formulas is not None and len(formulas) != len(regions):
        raise GameError(f"{len(formulas)} lists of closed forms for {len(regions)} regions")
    names = list(regions[0].names) if regions else []
    where = any(getattr(r, "condition", None) for r in regions)
    tree = game.is_tree
    players = list(game.players)
    cols = choice_columns(game, tree)
    groups_of_rows = []
    for k, r in enumerate(regions):
        span = str(r.number) if cells else _interval(c, r, k == 0, k == len(regions) - 1)
        cont = bool(getattr(r, "continuum", False))
        if formulas:
            eqs, at = list(formulas[k]), []
        else:
            eqs, at = list(r.representative.equilibria), [", ".join(
                c.value(v) for v in r.point)]
        lead = [span + (" " + c.text("(a continuum)") if cont and not fmt.tidy else "")]
        lead += ([c.text(r.condition or "")] if where else []) + at
        strat = [[strategy_cell(e, col, j, tree, c) for j, col in enumerate(cols)] for e in eqs]
        pays = [[c.value(e.payoffs[i]) for i in range(len(players))] for e in eqs]
        groups_of_rows.append((r, lead, strat, pays, cont))
    if fmt.tidy:
        return fmt.render([_tidy(c, groups_of_rows, cols, players, cells, where, formulas,
                                 ", ".join(names))])
    one_row_each = isinstance(c.fmt, PaperLatex)
    every = [row for g in groups_of_rows for row in g[2]]
    b = body(c, cols, tree, players, every, [p for g in groups_of_rows for p in g[3]],
             "In every region")
    lead_head = [c.text("cell") if cells else c.parameter(names[0]) if names else ""]
    lead_head += [c.text("where")] if where else []
    lead_head += [] if formulas else [(c.text(", ".join(names)) if cells else
                                       c.parameter(names[0])) + " at"]
    rows = []
    for _, lead, strat, pays, _ in groups_of_rows:
        chosen = [b.row(s, p) for s, p in zip(strat, pays)] or [[""] * len(b.header)]
        if one_row_each:                  # a region without equilibria: one empty row
            rows += [(lead if e == 0 else [""] * len(lead)) + chosen[e]
                     for e in range(len(chosen))]
        else:
            rows.append(lead + [c.stack([row[j] for row in chosen])
                                for j in range(len(b.header))])
    header = lead_head + b.header
    groups = [("", len(lead_head))] + b.groups if fmt.groups else []
    grid = Grid(header, rows, "l" * len(header), groups)
    if tree and one_row_each and len(rows) <= _FEW and grid_width(grid) > TEXT_WIDTH:
        grid = _by_information_set(c, cols, b, groups_of_rows, players)
    return finish(c, [grid], b.notes, caption, label)


_FEW = 6        # a wide table of a tree with at most this many rows is set the other way


def _by_information_set(c: Cells, cols: list, b: Any, groups_of_rows: list,
                        players: list) -> Grid:
    """The regions as columns (one per equilibrium), the information sets as rows."""
    heads, choices, pays = [], [], []
    for _, lead, strat, pay, _ in groups_of_rows:
        for e, (s, p) in enumerate(zip(strat, pay)):
            heads.append(lead[0] + (f" ({e + 1})" if len(strat) > 1 else ""))
            choices.append([s[j] for j in b.keep])
            pays.append([p[i] for i in b.pays])
    return by_information_set(c, [cols[j] for j in b.keep], choices,
                              [players[i] for i in b.pays], pays, heads, "Region")


def _tidy(c: Cells, groups_of_rows: list, cols: list, players: list, cells: bool,
          where: bool, formulas: Any, parameter: str) -> Grid:
    """The tidy (CSV) table: one row per region, the interval's ends as numbers."""
    header = ["lo", "hi", parameter, "equilibria", "continuum"]
    header += ["condition"] if where else []
    header += ([] if formulas else [f"{parameter} at"]) + [col.key for col in cols] \
        + [f"payoff:{p}" for p in players]
    rows = []
    for r, lead, strat, pays, cont in groups_of_rows:
        lo, hi = (r.lo, r.hi) if not cells else (r.bounds[0][0], r.bounds[0][1])
        rows.append([repr(float(lo)), repr(float(hi)), lead[0], str(len(strat)),
                     str(int(cont))] + lead[1:]
                    + [c.stack([row[j] for row in strat]) for j in range(len(cols))]
                    + [c.stack([p[i] for p in pays]) for i in range(len(players))])
    return Grid(header, rows, "")


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
