"""Tables for papers and reports: payoff matrices, equilibria, and sweeps by region.

Every table comes in every format of :data:`gametheory.io.formats.FORMATS`: LaTeX
(booktabs ``tabular``; payoff matrices also in the ``sgame`` package's ``game``
environment), Markdown, CSV or HTML, and any format registered there. Exact values print
exactly (``3/5``, ``\\frac{3}{5}`` in LaTeX), floats with ``precision`` decimals, and
parametric payoffs as formulas. The LaTeX needs ``\\usepackage{booktabs}`` (``sgame`` for
that style) and nothing else. The tables format what they are given (a game, a
solution, a sweep's regions); they solve nothing.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError
from ..games.protocol import Game
from ._sweep_table import regions_table, sweep_table
from .cells import MARKS, Cells
from .formats import FORMATS, Format, Grid, check_options

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame

__all__ = ["payoff_table", "equilibrium_table", "sweep_table", "regions_table", "styles"]


def styles() -> tuple[str, ...]:
    """The payoff-table styles of the registered formats (``"booktabs"``, ``"sgame"``).

    >>> styles()
    ('booktabs', 'sgame')
    """
    return tuple(dict.fromkeys(s for f in FORMATS.values() for s in f.styles))


def payoff_table(game: Game, format: str | Format = "latex", precision: int = 3,
                 style: str = "booktabs", mark: str | None = "underline") -> str:
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
    precision : int
        Decimals of float payoffs; exact payoffs print exactly.
    style : {"booktabs", "sgame"}
        LaTeX only (other formats write their one style): a booktabs ``tabular`` (needs
        ``\\usepackage{booktabs}``) or the ``game`` environment of the ``sgame`` package
        (``\\usepackage{sgame}``).
    mark : {"underline", "bold", None}
        Mark each payoff that is a best response to the other players' strategies, so
        that the cells whose payoffs are all marked are the pure equilibria. Parametric
        payoffs are not marked (best responses depend on the parameters).

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
    >>> print(payoff_table(pd).splitlines()[-3])
    D & $\\underline{5}, 0$ & $\\underline{1}, \\underline{1}$ \\\\
    """
    fmt = check_options(format, precision)
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
    c = Cells(fmt, precision)
    best = _best_responses(game) if mark is not None else None
    if fmt.tidy:
        return fmt.render([_tidy_grid(game, c, best)])
    grids = []
    for rest in itertools.product(*[range(n) for n in game.shape[2:]]):
        rows = [[c.text(game.strategies[0][r])]
                + [_cell(game, c, (r, col) + rest, best, mark) for col in range(game.shape[1])]
                for r in range(game.shape[0])]
        p0, p1 = c.text(game.players[0]), c.text(game.players[1])
        if fmt.groups:
            header, groups = [p0] + [c.text(s) for s in game.strategies[1]], \
                [("", 1), (p1, game.shape[1])]
        else:
            header = [f"{p0} \\ {p1}"] + [c.text(s) for s in game.strategies[1]]
            groups = []
        grids.append(Grid(header, rows, "l" + "c" * game.shape[1], groups,
                          _slice_title(game, c, rest)))
    return fmt.render(grids, style if style in fmt.styles else fmt.styles[0])


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


def _cell(game: NormalFormGame, c: Cells, idx: tuple, best: np.ndarray | None,
          mark: str | None) -> str:
    vals = [c.marked(c.number(game.payoffs[(i,) + idx]),
                     mark if best is not None and best[(i,) + idx] else None)
            for i in range(game.num_players)]
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


def equilibrium_table(solution: Any, format: str | Format = "latex", precision: int = 3) -> str:
    """The equilibria of a solution, one row per equilibrium: strategies and payoffs.

    A mixed strategy shows its support with probabilities (``3/5 C + 2/5 D``), a pure
    one its label. Equilibria of game trees show one column per information set with
    the behaviour there. Rows are numbered from 1.

    Parameters
    ----------
    solution : Solution
        The result of :func:`gametheory.solve`.
    format : str or Format
        A name in :data:`gametheory.io.formats.FORMATS` (``"latex"``, ``"md"``,
        ``"csv"``, ``"html"``). Tidy formats (CSV) have one column per strategy
        (``player:strategy``, or ``infoset:action`` for trees) with its probability,
        then ``payoff:player``.
    precision : int
        Decimals of float values.

    Returns
    -------
    str

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
    >>> row = equilibrium_table(gt.solve(g, exact=True)).splitlines()[7]
    >>> print(row.split(" & ")[1])
    $\\frac{2}{5}\\,\\mbox{U} + \\frac{3}{5}\\,\\mbox{D}$
    """
    fmt = check_options(format, precision)
    c = Cells(fmt, precision)
    eqs = list(solution.equilibria)
    players = _players(solution)
    tree = bool(eqs) and all(e.behavior is not None for e in eqs)
    if not eqs and solution.game is not None and solution.game.is_tree:
        tree = True
    if fmt.tidy:
        return fmt.render([_equilibria_tidy(eqs, players, tree, c)])
    cols = _strategy_columns(solution, eqs, tree)
    header = [c.text("#")] + [c.text(h) for h in cols] \
        + [c.text(p) if fmt.groups else f"payoff {c.text(p)}" for p in players]
    rows = [[str(k + 1)] + strategy_cells(e, cols, tree, c)
            + [c.value(v) for v in e.payoffs] for k, e in enumerate(eqs)]
    groups = [("", 1), ("Behaviour" if tree else "Strategies", len(cols)),
              ("Payoffs", len(players))] if fmt.groups else []
    return fmt.render([Grid(header, rows, "c" + "l" * len(cols) + "r" * len(players), groups)])


def _players(solution: Any) -> tuple:
    if solution.game is not None:
        return tuple(solution.game.players)
    return tuple(solution.equilibria[0].players) if solution.equilibria else ()


def _strategy_columns(solution: Any, eqs: list, tree: bool) -> list[str]:
    if tree:
        if solution.game is not None and solution.game.is_tree:
            return [h.label for h in solution.game.information_sets]
        return list(eqs[0].behavior) if eqs else []
    return list(_players(solution))


def strategy_cells(eq: Any, cols: list[str], tree: bool, c: Cells) -> list[str]:
    """The strategy cells of one equilibrium (one per player, or per information set)."""
    if tree:
        out = []
        for h in cols:
            acts = eq.behavior.get(h)
            out.append(c.mix(list(acts), list(acts.values())) if acts else "")
        return out
    return [c.mix(lab, s) for lab, s in zip(eq.labels, eq.strategies)]


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
