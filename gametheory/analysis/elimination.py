"""Iterated elimination of dominated strategies, with a record of every removal.

In each round every strategy dominated in the current game is removed at once (see
:mod:`gametheory.analysis.dominance` for what "dominated" means). Iterated strict
dominance gives the same result in any order (Gilboa, Kalai & Zemel 1990); iterated weak
dominance does not, and this is the simultaneous-removal order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..games._display import fmt
from .dominance import _dominated_with, modes

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame

__all__ = ["iterated_elimination", "EliminationResult", "Removal"]


@dataclass(frozen=True)
class Removal:
    """One eliminated strategy.

    Attributes
    ----------
    round : int
        The round (1, 2, ...) in which it was removed.
    player : str
        The player's name.
    strategy : str
        The label of the removed strategy.
    dominated_by : tuple of (str, probability) pairs
        The dominating strategy in the game of that round: one pair ``(label, 1)`` for a
        pure strategy, else the support of the mixed strategy.
    """

    round: int
    player: str
    strategy: str
    dominated_by: tuple

    def dominator_text(self) -> str:
        """The dominator as text: ``"Up"`` or ``"1/2 Up + 1/2 Middle"``."""
        if len(self.dominated_by) == 1:
            return self.dominated_by[0][0]
        return " + ".join(f"{fmt(p)} {lab}" for lab, p in self.dominated_by)


@dataclass(frozen=True)
class EliminationResult:
    """The outcome of :func:`iterated_elimination`.

    Attributes
    ----------
    game : NormalFormGame
        The reduced game (surviving strategies, original labels and order).
    removals : tuple of Removal
        Every removal, in round order.
    kept : tuple of tuple of int
        For each player, the indices in the original game of the surviving strategies.
    strict, mixed : bool
        Which dominance was eliminated.

    References
    ----------
    Osborne, M. J. (2004). An Introduction to Game Theory, sections 2.9 and 4.4.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [1, 1]])
    >>> res = gt.iterated_elimination(g, exact=True)
    >>> res.surviving, res.kept, res.rounds
    ((('a1', 'a2'), ('b1', 'b2')), ((0, 1), (0, 1)), 1)
    >>> res.removals[0].dominator_text()
    '1/2 a1 + 1/2 a2'
    """

    game: Any
    removals: tuple
    kept: tuple
    strict: bool
    mixed: bool

    @property
    def rounds(self) -> int:
        """The number of rounds in which something was removed."""
        return max((r.round for r in self.removals), default=0)

    @property
    def surviving(self) -> tuple[tuple[str, ...], ...]:
        """The labels of the surviving strategies, one tuple per player."""
        return self.game.strategies

    def __str__(self) -> str:
        kind = "strictly" if self.strict else "weakly"
        by = "pure or mixed strategies" if self.mixed else "pure strategies"
        lines = [f"Iterated elimination of {kind} dominated strategies (by {by}; "
                 f"all dominated strategies removed simultaneously each round)"]
        if self.removals:
            rows = [("round", "player", "removed", "dominated by")] + [
                (str(r.round), r.player, r.strategy, r.dominator_text()) for r in self.removals]
            widths = [max(len(row[k]) for row in rows) for k in range(3)]
            for row in rows:
                cells = [v.ljust(w) for v, w in zip(row[:3], widths, strict=True)]
                lines.append("  ".join(cells + [row[3]]))
        else:
            lines.append("no strategy is dominated")
        g = self.game
        lines.append("survivors: " + "; ".join(
            f"{p}: {', '.join(s)}" for p, s in zip(g.players, g.strategies, strict=True)))
        return "\n".join(lines)


def iterated_elimination(game: NormalFormGame, strict: bool = True, mixed: bool = True,
                         exact: bool = False) -> EliminationResult:
    """Iteratively remove dominated strategies until none is left.

    Each round finds every strategy (of every player) that is dominated in the current
    game and removes them all at once; rounds repeat until nothing is dominated.

    Parameters
    ----------
    game : NormalFormGame
    strict : bool or {"strict", "weak"}
        Eliminate strictly (True, default) or weakly (False) dominated strategies;
        anything else is a GameError.
    mixed : bool
        Allow mixed dominators.
    exact : bool
        Exact rational comparisons; mixed dominators recorded as Fractions.

    Returns
    -------
    EliminationResult
        The reduced game and a record of each removal (round, player, strategy,
        dominator).

    Notes
    -----
    The result of iterated *strict* dominance does not depend on the order of removal
    (Gilboa, Kalai and Zemel 1990). Iterated *weak* dominance is order-dependent: removing
    strategies one at a time in another order can leave a different game. This function
    uses the simultaneous-removal order (all weakly dominated strategies of all players
    each round), which is well defined but only one of the possible orders.

    References
    ----------
    Gibbons, R. (1992). A Primer in Game Theory, section 1.1.B.
    Osborne, M. J. (2004). An Introduction to Game Theory, sections 2.9, 4.4 and 12.2.
    Gilboa, I., Kalai, E. and Zemel, E. (1990). On the order of eliminating dominated
    strategies. Operations Research Letters 9(2), 85-89.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix(
    ...     [[(1, 0), (1, 2), (0, 1)], [(0, 3), (0, 1), (2, 0)]],
    ...     strategies=[["Up", "Down"], ["Left", "Middle", "Right"]])
    >>> res = gt.iterated_elimination(g)
    >>> res.surviving
    (('Up',), ('Middle',))
    >>> print(res)  # doctest: +NORMALIZE_WHITESPACE
    Iterated elimination of strictly dominated strategies (by pure or mixed strategies;
    all dominated strategies removed simultaneously each round)
    round  player    removed  dominated by
    1      Player 2  Right    Middle
    2      Player 1  Down     Up
    3      Player 2  Left     Middle
    survivors: Player 1: Up; Player 2: Middle
    """
    strict, mixed, exact = modes(strict, mixed, exact)
    current = game
    kept = [list(range(n)) for n in game.shape]
    removals: list[Removal] = []
    round_no = 0
    while True:
        found = [(i, j, d) for i in range(current.num_players)
                 for j, d in _dominated_with(current, i, strict, mixed, exact)]
        if not found:
            break
        round_no += 1
        removals += [Removal(round_no, current.players[i], current.strategies[i][j],
                             _describe(current.strategies[i], d)) for i, j, d in found]
        gone = {(i, j) for i, j, _ in found}
        keep_now = [[j for j in range(n) if (i, j) not in gone]
                    for i, n in enumerate(current.shape)]
        kept = [[kept[i][j] for j in row] for i, row in enumerate(keep_now)]
        current = current.restrict(keep_now)
    return EliminationResult(current, tuple(removals), tuple(tuple(k) for k in kept),
                             strict, mixed)


def _describe(labels: tuple[str, ...], dominator: Any) -> tuple:
    if isinstance(dominator, (int, np.integer)):
        return ((labels[int(dominator)], 1),)
    return tuple((labels[k], p) for k, p in enumerate(dominator) if p > 0)
