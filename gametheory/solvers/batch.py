"""The equilibria of a batch of games of one shape (one game per parameter point).

Vectorised sweep engines return a :class:`BatchEquilibria`: flat arrays with one row per
equilibrium, sorted by point, rather than one Python object per point, so that a sweep of
10^6 points stays cheap until a point's :class:`~gametheory.Solution` is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from ..games.protocol import Game

__all__ = ["BatchEquilibria", "BatchEngine"]


@dataclass(frozen=True)
class BatchEquilibria:
    """Equilibria at ``num_points`` parameter points.

    Attributes
    ----------
    num_points : int
        Number of points B in the batch.
    point : ndarray of int, shape (E,)
        The point of each equilibrium, non-decreasing.
    profile : ndarray of float, shape (E, K)
        Each equilibrium as one row: for a normal-form game the players' mixed strategies
        concatenated (K = n1 + n2 + ...); for a tree the behaviour probabilities of every
        information set in order, actions in order (K = total number of actions).
    payoffs : ndarray of float, shape (E, N)
        Expected payoff of each player.
    complete : ndarray of bool, shape (B,)
        True where every equilibrium of the point is listed (for normal-form games:
        every extreme equilibrium).

    Examples
    --------
    >>> import numpy as np
    >>> b = BatchEquilibria(2, np.array([0, 1, 1]), np.eye(3)[:, :2], np.zeros((3, 2)),
    ...                     np.array([True, False]))
    >>> b.counts.tolist(), b.rows(1).tolist()
    ([1, 2], [1, 2])
    """

    num_points: int
    point: np.ndarray
    profile: np.ndarray
    payoffs: np.ndarray
    complete: np.ndarray

    @property
    def counts(self) -> np.ndarray:
        """Number of equilibria at each point, shape (B,)."""
        return np.bincount(self.point, minlength=self.num_points)

    def rows(self, k: int) -> np.ndarray:
        """The row indices of the equilibria at point k."""
        lo, hi = np.searchsorted(self.point, [k, k + 1])
        return np.arange(lo, hi)

    @staticmethod
    def concatenate(parts: Sequence[BatchEquilibria]) -> BatchEquilibria:
        """Batches of consecutive point ranges joined into one (points renumbered)."""
        offsets = np.cumsum([0] + [p.num_points for p in parts])
        K = max((p.profile.shape[1] for p in parts), default=0)
        N = max((p.payoffs.shape[1] for p in parts), default=0)
        return BatchEquilibria(
            int(offsets[-1]),
            np.concatenate([p.point + o for p, o in zip(parts, offsets, strict=False)]
                           or [np.zeros(0, dtype=np.int64)]).astype(np.int64),
            np.concatenate([p.profile for p in parts] or [np.zeros((0, K))]),
            np.concatenate([p.payoffs for p in parts] or [np.zeros((0, N))]),
            np.concatenate([p.complete for p in parts] or [np.zeros(0, dtype=bool)]))


@dataclass(frozen=True)
class BatchEngine:
    """A vectorised sweep engine: the equilibria of one parametric game at many points.

    A :class:`~gametheory.solvers.registry.Method` names its engine in its ``batch``
    field; ``gt.sweep(..., method="auto")`` asks the registry which engine serves a game
    and calls it instead of solving the points one by one.

    Attributes
    ----------
    label : str
        The name the sweep reports among the methods that ran (e.g. ``"support-batch"``).
    accepts : callable
        ``accepts(game) -> bool`` for the (parametric) game.
    run : callable
        ``run(game, evaluated, tol, solve_point, game_at) -> BatchEquilibria``:
        ``evaluated`` is ``game.evaluator()`` at the points, ``tol`` the sweep's ``tol``
        option (or None), ``solve_point(g, **options) -> Solution`` the complete
        per-point solver for the points the engine hands back (degenerate points, ties)
        and ``game_at(i)`` the game at point ``i``. The engine imports no solver.
    options : frozenset of str
        The sweep options it handles; with any other option the points are solved one by
        one.
    points : bool
        True when ``run`` also takes ``points=``: a dict of every parameter's values at
        the batch's points (a 1-d array per swept parameter, a float per fixed one),
        e.g. to prune once what the interval they span rules out.
    named : callable, optional
        ``named(game) -> bool``: the games it also serves when the sweep names its method
        (``method="spe"``) rather than ``"auto"``; None (the default): such sweeps are
        solved point by point.

    Examples
    --------
    >>> from gametheory.solvers.registry import get_method
    >>> engine = get_method("vertex").batch_engine()
    >>> engine.label, sorted(engine.options)
    ('support-batch', ['tol'])
    """

    label: str
    accepts: Callable[[Game], bool]
    run: Callable[..., BatchEquilibria]
    options: frozenset[str] = frozenset({"tol"})
    named: Callable[[Game], bool] | None = None
    points: bool = False

    def __call__(self, game: Game, evaluated: Any, tol: float | None,
                 solve_point: Callable[..., Any], game_at: Callable[[int], Any],
                 points: Mapping[str, Any] | None = None) -> BatchEquilibria:
        if self.points:
            return self.run(game, evaluated, tol, solve_point, game_at, points=points)
        return self.run(game, evaluated, tol, solve_point, game_at)
