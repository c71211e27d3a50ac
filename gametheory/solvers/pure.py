"""All pure-strategy Nash equilibria of an N-player game, vectorised over the payoff array."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .result import Solution, build_solution, default_tol

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame

__all__ = ["solve_pure", "pure_equilibrium_cells"]


def pure_equilibrium_cells(game: NormalFormGame, exact: bool = False,
                           tol: float | None = None) -> np.ndarray:
    """Indices ``(k, N)`` of the cells where every player best-responds.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> pure_equilibrium_cells(g).tolist()
    [[0, 0], [1, 1]]
    """
    if exact:
        U = game.payoffs if game.payoffs.dtype.kind in "iu" else game.exact_payoffs()
        slack = 0
    else:
        U = game.float_payoffs()
        slack = default_tol(game) if tol is None else tol
    mask = np.ones(game.shape, dtype=bool)
    for i in range(game.num_players):
        best = U[i].max(axis=i, keepdims=True)
        mask &= np.asarray(U[i] >= best - slack, dtype=bool)
    return np.argwhere(mask)


def solve_pure(game: NormalFormGame, exact: bool = False, tol: float | None = None) -> Solution:
    """Find every pure-strategy Nash equilibrium (any number of players).

    A cell is an equilibrium when each player's payoff there is the maximum of their
    payoffs over their own strategies, the others' strategies fixed: one ``max`` per
    player along that player's axis, so the whole search is a few array operations.

    Parameters
    ----------
    game : NormalFormGame
    exact : bool
        Compare payoffs exactly (rational payoffs) instead of within ``tol``.
    tol : float, optional
        Slack in the float comparison; default 1e-9 times the payoff scale.

    Returns
    -------
    Solution
        ``complete`` is False: mixed equilibria are not searched.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. Annals of Mathematics 54(2), 286-295.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> print(gt.solve(g, method="pure"))
    1 equilibrium by pure (not guaranteed complete)
      [0] Player 1: a2 1; Player 2: b2 1; payoffs 1, 1
      note: only pure-strategy equilibria are searched
    """
    cells = pure_equilibrium_cells(game, exact, tol)
    profiles = []
    for cell in cells:
        prof = []
        for i, k in enumerate(cell):
            v = [0] * game.shape[i]
            v[k] = 1
            prof.append(v)
        profiles.append(prof)
    return build_solution(game, profiles, "pure", complete=False, exact=exact, tol=tol,
                          notes=["only pure-strategy equilibria are searched"])
