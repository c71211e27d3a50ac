"""Tables for papers and reports: payoff matrices, equilibria, sweeps by region and
equilibrium maps.

Every table comes in every format of :data:`gametheory.io.formats.FORMATS`: LaTeX
(booktabs ``tabular``; payoff matrices also in the ``sgame`` package's ``game``
environment), Markdown, CSV or HTML, and any format registered there. Exact values print
exactly (``3/5``, ``\\frac{3}{5}`` in LaTeX), floats as their shortest decimals of at
most 12 significant digits (or with ``precision`` decimals), and parametric payoffs as
formulas. The tables format what they are given (a game, a solution, a sweep's regions,
a map); they solve nothing.

The LaTeX is written to fit a default ``article`` page (:mod:`gametheory.io.latex`):
parameters by their LaTeX names, sums in a readable order and repeated sums named in a
note; choices (and payoffs) that never change stated once in a note below the table; a
tree's columns grouped by player; a payoff matrix too wide for the page with one payoff
per line and its longer side down the page (then numbered strategies with a key, in
column blocks); a tree's equilibria that do not fit as one row per information set; a
table of more than :data:`~gametheory.io.latex.LONG_ROWS` rows as a ``longtable``; a
table far wider than the page in parts; and a measured ``\\resizebox`` only as the last
resort. Each snippet's first line names the packages it needs (``% needs
\\usepackage{booktabs}``; ``graphicx``, ``longtable``, ``array`` or ``sgame`` when used);
``caption`` and ``label`` put it in a ``table`` float.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError
from ..games.protocol import Game
from ._layout import (
    body,
    by_information_set,
    choice_columns,
    finish,
    options,
    paper_cells,
    strategy_cell,
)
from ._map_table import map_table
from ._sweep_table import regions_table, sweep_table
from .cells import MARKS, Cells
from .formats import FORMATS, Format, Grid
from .latex import (
    TEXT_WIDTH,
    PaperLatex,
    column_widths,
    common_subexpressions,
    grid_width,
)

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame

__all__ = ["payoff_table", "equilibrium_table", "sweep_table", "regions_table", "map_table",
           "styles"]


def styles() -> tuple[str, ...]:
    """The payoff-table styles of the registered formats (``"booktabs"``, ``"sgame"``).

    >>> styles()
    ('booktabs', 'sgame')
    """
    return tuple(dict.fromkeys(s for f in FORMATS.values() for s in f.styles))


def payoff_table(game: Game, format: str | Format = "latex", precision: int | None = None,
                 style: str = "booktabs", mark: str | None = "underline",
                 caption: str | None = None, label: str | None = None,
                 name_repeats: bool = True) -> str:
    """The payoff matrix of a game as a table.

    Rows are the first player's strategies, columns the second's; each cell lists every
    player's payoff. A game of three or more players gives one matrix per strategy
    profile of players 3, 4, ... (for three players: one per strategy of the third).
    A game tree is shown by its reduced normal form.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        A game with at least two players.
    format : str or Format
        A name in :data:`gametheory.io.formats.FORMATS`: ``"latex"``, ``"md"``
        (Markdown), ``"csv"`` (tidy: one row per cell, the strategies, then the payoffs,
        then with ``mark`` the best-response flags) or ``"html"``.
    precision : int, optional
        Decimals of float payoffs; None (the default) prints each float as its shortest
        decimal of at most 12 significant digits
        (:data:`~gametheory.io.cells.TABLE_DIGITS`). Exact payoffs print exactly.
    style : {"booktabs", "sgame"}
        LaTeX only (other formats write their one style): a booktabs ``tabular`` (needs
        ``\\usepackage{booktabs}``) or the ``game`` environment of the ``sgame`` package
        (``\\usepackage{sgame}``).
    mark : {"underline", "bold", None}
        Mark each payoff that is a best response to the other players' strategies, so
        that the cells whose payoffs are all marked are the pure equilibria. Parametric
        payoffs are not marked (best responses depend on the parameters).
    caption, label : str, optional
        A caption (LaTeX text) and a ``\\label`` key; in LaTeX either puts the table in
        a ``table`` float, in Markdown and HTML the caption heads the table.
    name_repeats : bool
        Parametric payoffs: a sum of several terms that repeats across the cells is
        named once (``A``, ``B``, ...) and defined in a note below the table
        (:func:`gametheory.io.latex.common_subexpressions`). Not in tidy formats.

    Notes
    -----
    In LaTeX, parameters print by their LaTeX names (:attr:`gametheory.Parameter.latex`,
    else :func:`gametheory.io.latex.latex_name`) and sums in a readable order
    (:func:`gametheory.io.latex.expression`); the snippet's first line names the
    packages it needs.

    Returns
    -------
    str

    Raises
    ------
    GameError
        For a one-player game or an unknown format, style or mark.

    References
    ----------
    Osborne, M. J. (2004). *An Introduction to Game Theory*, sec. 2.8 (best responses
    marked in the payoff table). Fear, S. (2005). *Publication quality tables in LaTeX*
    (the booktabs package documentation).

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                    players=["Row", "Col"],
    ...                                    strategies=[["C", "D"], ["C", "D"]])
    >>> print(payoff_table(pd, format="md"))
    | Row \\ Col | C | D |
    | --- | :-: | :-: |
    | C | 3, 3 | 0, <ins>5</ins> |
    | D | <ins>5</ins>, 0 | <ins>1</ins>, <ins>1</ins> |
    <BLANKLINE>
    >>> tex = payoff_table(pd).splitlines()
    >>> print(tex[0]); print(tex[-3])
    % needs \\usepackage{booktabs}
    D & $\\underline{5}, 0$ & $\\underline{1}, \\underline{1}$ \\\\

    A sum that repeats is named in a note:

    >>> a, b, r = gt.parameters("a_H b r")
    >>> g = gt.NormalFormGame.from_arrays([[a * r + b * (1 - r), 0], [0, 1]],
    ...                                   [[1, a * r + b * (1 - r) - 1], [0, 1]])
    >>> tex = payoff_table(g, mark=None)
    >>> print(tex[tex.index("Here"):].splitlines()[0])
    Here $A = a_{\\mathrm{H}} r + b \\left(1 - r\\right)$.\\par}
    """
    fmt = options(format, precision)
    known = styles()
    if style not in known:
        raise GameError(f"unknown table style {style!r}; choose one of {', '.join(known)}")
    if mark not in MARKS:
        raise GameError(f"unknown mark {mark!r}; choose 'underline', 'bold' or None")
    if game.is_tree:
        game = game.to_normal_form()
    if game.num_players < 2:
        raise GameError("a payoff table needs at least two players; this game has "
                        f"{game.num_players}")
    c = paper_cells(fmt, precision, *_symbols(game))
    best = _best_responses(game) if mark is not None else None
    if fmt.tidy:
        return fmt.render([_tidy_grid(game, c, best)])
    payoffs, notes = _named_repeats(game, c) if name_repeats else (game.payoffs, [])
    style = style if style in fmt.styles else fmt.styles[0]
    grids = _payoff_grids(game, payoffs, c, best, mark)
    if isinstance(c.fmt, PaperLatex) and style == "booktabs" \
            and max(grid_width(g) for g in grids) > TEXT_WIDTH:
        # too wide: each payoff on a line of its own, and the longer side down the page
        grids = _payoff_grids(game, payoffs, c, best, mark, stacked=True,
                              transposed=game.shape[1] > game.shape[0])
        order = ", then ".join(f"{c.text(p)}'s" for p in game.players)
        notes = [f"Each cell lists {order} payoff."] + notes
        if max(grid_width(g) for g in grids) > TEXT_WIDTH:
            # still too wide: strategies by number (a key below), columns in blocks
            transposed = game.shape[1] > game.shape[0]
            grids = _payoff_grids(game, payoffs, c, best, mark, stacked=True,
                                  transposed=transposed, numbered=True)
            down, across = (1, 0) if transposed else (0, 1)
            notes += [_key(c, game, i) for i in (down, across)
                      if i == across or _long_labels(game.strategies[i])]
    return finish(c, grids, notes, caption, label, style)


def _long_labels(labels: Any) -> bool:
    return max(len(str(s)) for s in labels) > 12


def _key(c: Cells, game: NormalFormGame, i: int) -> str:
    """``Strategies of Alice: 1 check/fold, 2 ...`` (the numbers in a table's header)."""
    items = ", ".join(f"{k + 1} {c.text(s)}" for k, s in enumerate(game.strategies[i]))
    return f"{c.text('Strategies of ' + game.players[i])}: {items}."


def _blocks(n: int, grid: Grid) -> list[range]:
    """Runs of columns (of ``n``, after the first) narrow enough for the page."""
    widths = column_widths(grid)
    cell = max(widths[1:], default=0.0) + 12.0
    k = max(1, int((0.95 * TEXT_WIDTH - widths[0] - 12.0) // cell))
    return [range(a, min(a + k, n)) for a in range(0, n, k)]


def _payoff_grids(game: NormalFormGame, payoffs: Any, c: Cells, best: Any, mark: str | None,
                  stacked: bool = False, transposed: bool = False,
                  numbered: bool = False) -> list[Grid]:
    """One grid per profile of players 3, 4, ...: the first player's strategies down
    (the second's when ``transposed``), each cell the payoffs (one line each when
    ``stacked``); ``numbered``: the strategies across (and long ones down) by number,
    the columns in blocks that fit the page (one grid each)."""
    down, across = (1, 0) if transposed else (0, 1)
    number_down = numbered and _long_labels(game.strategies[down])
    grids = []
    for rest in itertools.product(*[range(n) for n in game.shape[2:]]):
        rows = [[str(r + 1) if number_down else c.text(game.strategies[down][r])]
                + [_cell(game, payoffs, c, ((k, r) if transposed else (r, k)) + rest, best,
                         mark, stacked)
                   for k in range(game.shape[across])]
                for r in range(game.shape[down])]
        p0, p1 = c.text(game.players[down]), c.text(game.players[across])
        labels = [str(k + 1) if numbered else c.text(s)
                  for k, s in enumerate(game.strategies[across])]
        title = _slice_title(game, c, rest)
        full = Grid([p0] + labels, rows, "", [])
        for cols in (_blocks(len(labels), full) if numbered else [range(len(labels))]):
            sub = [[row[0]] + [row[1 + k] for k in cols] for row in rows]
            if c.fmt.groups:
                header, groups = [p0] + [labels[k] for k in cols], [("", 1), (p1, len(cols))]
            else:
                header = [f"{p0} \\ {p1}"] + [labels[k] for k in cols]
                groups = []
            part = title
            if len(cols) < len(labels):
                span = f"{c.text(game.players[across])}'s strategies {cols[0] + 1}" \
                    f"--{cols[-1] + 1}"
                part = f"{title}; {span}" if title else span
            grids.append(Grid(header, sub, "l" + "c" * len(cols), groups, part))
    return grids


def _named_repeats(game: NormalFormGame, c: Cells) -> tuple[Any, list[str]]:
    """The payoffs with the sums that repeat across cells named, and the note that
    defines the names ("where $A = ...$")."""
    flat = list(np.asarray(game.payoffs, dtype=object).ravel())
    if not any(hasattr(x, "free_symbols") for x in flat):
        return game.payoffs, []
    reserved = {p.name.split("_")[0] for p in getattr(game, "parameters", ())}
    new, named = common_subexpressions(flat, reserved)
    if not named:
        return game.payoffs, []
    defs = ", ".join(c.math(f"{c.number(sym)} = {c.number(expr)}") for sym, expr in named)
    payoffs = np.empty(len(new), dtype=object)
    payoffs[:] = new
    return payoffs.reshape(np.shape(game.payoffs)), [f"Here {defs}."]


def _best_responses(game: NormalFormGame) -> np.ndarray | None:
    """``best[i][cell]``: player i's payoff in the cell is a best response (None if
    the payoffs are parametric)."""
    if game.parameters:
        return None
    if game.is_exact:
        U = game.exact_payoffs()
        return np.stack([U[i] == U[i].max(axis=i, keepdims=True)
                         for i in range(game.num_players)])
    U = game.float_payoffs()
    tol = 1e-9 * max(1.0, float(np.abs(U).max(initial=0.0)))
    return np.stack([U[i] >= U[i].max(axis=i, keepdims=True) - tol
                     for i in range(game.num_players)])


def _cell(game: NormalFormGame, payoffs: Any, c: Cells, idx: tuple, best: np.ndarray | None,
          mark: str | None, stacked: bool = False) -> str:
    vals = [c.marked(c.number(payoffs[(i,) + idx]),
                     mark if best is not None and best[(i,) + idx] else None)
            for i in range(game.num_players)]
    if stacked:
        return c.stack([c.math(v) for v in vals])
    return c.math(", ".join(vals))


def _slice_title(game: NormalFormGame, c: Cells, rest: tuple) -> str:
    return ", ".join(f"{c.text(game.players[2 + k])} plays {c.text(game.strategies[2 + k][s])}"
                     for k, s in enumerate(rest))


def _tidy_grid(game: NormalFormGame, c: Cells, best: np.ndarray | None) -> Grid:
    header = list(game.players) + [f"payoff:{p}" for p in game.players]
    if best is not None:
        header += [f"best_response:{p}" for p in game.players] + ["pure_equilibrium"]
    rows = []
    for idx in itertools.product(*[range(n) for n in game.shape]):
        row = [game.strategies[i][s] for i, s in enumerate(idx)]
        row += [c.number(game.payoffs[(i,) + idx]) for i in range(game.num_players)]
        if best is not None:
            flags = [bool(best[(i,) + idx]) for i in range(game.num_players)]
            row += [str(int(f)) for f in flags] + [str(int(all(flags)))]
        rows.append(row)
    return Grid(header, rows, "")


def equilibrium_table(solution: Any, format: str | Format = "latex",
                      precision: int | None = None, caption: str | None = None,
                      label: str | None = None) -> str:
    """The equilibria of a solution, one row per equilibrium: strategies and payoffs.

    A mixed strategy shows its support with probabilities (``3/5 C + 2/5 D``), a pure
    one its label. Equilibria of game trees show one column per information set with
    the behaviour there, grouped by player (in LaTeX under a row of player names); a
    choice that is the same in every equilibrium (of two or more) is stated once in a
    note below the table instead. A tree's table that would be wider than a LaTeX page
    is set the other way round: one row per information set, one column per
    equilibrium, the payoffs in the last rows (a ``longtable`` when there are many).
    Rows are numbered from 1.

    Parameters
    ----------
    solution : Solution
        The result of :func:`gametheory.solve`.
    format : str or Format
        A name in :data:`gametheory.io.formats.FORMATS` (``"latex"``, ``"md"``,
        ``"csv"``, ``"html"``). Tidy formats (CSV) have one column per strategy
        (``player:strategy``, or ``infoset:action`` for trees) with its probability,
        then ``payoff:player``.
    precision : int, optional
        Decimals of float values; None (the default) prints each float as its shortest
        decimal of at most 12 significant digits
        (:data:`~gametheory.io.cells.TABLE_DIGITS`).
    caption, label : str, optional
        A caption (LaTeX text) and a ``\\label`` key; in LaTeX either puts the table in
        a ``table`` float, in Markdown and HTML the caption heads the table.

    Returns
    -------
    str
        In LaTeX a snippet whose first line names the packages it needs.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54, 286-295.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[2, 0], [0, 3]], [[3, 0], [0, 2]],
    ...                                   strategies=[["U", "D"], ["L", "R"]])
    >>> print(equilibrium_table(gt.solve(g, exact=True), format="md"))
    | # | Player 1 | Player 2 | payoff Player 1 | payoff Player 2 |
    | --- | :-: | :-: | :-: | :-: |
    | 1 | U | L | 2 | 3 |
    | 2 | 2/5 U + 3/5 D | 3/5 L + 2/5 R | 6/5 | 6/5 |
    | 3 | D | R | 3 | 2 |
    <BLANKLINE>
    >>> tex = equilibrium_table(gt.solve(g, exact=True)).splitlines()
    >>> print(tex[0]); print(tex[8].split(" & ")[1])
    % needs \\usepackage{booktabs}
    $\\frac{2}{5}\\,\\mbox{U} + \\frac{3}{5}\\,\\mbox{D}$
    """
    fmt = options(format, precision)
    game = solution.game
    c = paper_cells(fmt, precision, *_symbols(game))
    eqs = list(solution.equilibria)
    players = _players(solution)
    tree = bool(eqs) and all(e.behavior is not None for e in eqs)
    if not eqs and game is not None and game.is_tree:
        tree = True
    if fmt.tidy:
        return fmt.render([_equilibria_tidy(eqs, players, tree, c)])
    keys = list(eqs[0].behavior) if tree and eqs else None if game is not None \
        else list(players)
    cols = choice_columns(game, tree, keys)
    cells = [[strategy_cell(e, col, j, tree, c) for j, col in enumerate(cols)] for e in eqs]
    pays = [[c.value(v) for v in e.payoffs] for e in eqs]
    b = body(c, cols, tree, players, cells, pays, "In every equilibrium")
    notes = b.notes
    rows = [[str(k + 1)] + b.row(cells[k], pays[k]) for k in range(len(eqs))]
    groups = [("", 1)] + b.groups if fmt.groups else []
    grid = Grid([c.text("#")] + b.header, rows, "c" + "l" * len(b.keep) + "r" * len(b.pays),
                groups)
    if tree and isinstance(c.fmt, PaperLatex) and grid_width(grid) > TEXT_WIDTH:
        kept = [cols[j] for j in b.keep]
        grid = by_information_set(c, kept, [[row[j] for j in b.keep] for row in cells],
                                  [players[i] for i in b.pays],
                                  [[row[i] for i in b.pays] for row in pays],
                                  [str(k + 1) for k in range(len(eqs))], "Equilibrium")
    return finish(c, [grid], notes, caption, label)


def _symbols(game: Any) -> tuple:
    """The parameters of a game and their metadata (for their LaTeX names)."""
    if game is None:
        return (), {}
    return tuple(getattr(game, "parameters", ())), dict(getattr(game, "parameter_info", {}))


def _players(solution: Any) -> tuple:
    if solution.game is not None:
        return tuple(solution.game.players)
    return tuple(solution.equilibria[0].players) if solution.equilibria else ()


def _equilibria_tidy(eqs: list, players: tuple, tree: bool, c: Cells) -> Grid:
    keys = []
    if eqs and tree:
        keys = [(h, a) for h, acts in eqs[0].behavior.items() for a in acts]
    elif eqs:
        keys = [(p, s) for p, lab in zip(eqs[0].players, eqs[0].labels) for s in lab]
    header = ["equilibrium"] + [f"{h}:{a}" for h, a in keys] + [f"payoff:{p}" for p in players]
    rows = []
    for k, e in enumerate(eqs):
        probs = ([e.behavior[h][a] for h, a in keys] if tree
                 else [p for s in e.strategies for p in s])
        rows.append([str(k + 1)] + [c.number(p) for p in probs]
                    + [c.number(v) for v in e.payoffs])
    return Grid(header, rows, "")
