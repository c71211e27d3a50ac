"""Refinements and selection in the normal form: perfect equilibria, payoff and risk dominance.

Normal form: an equilibrium of a *two-player* game is (trembling-hand) perfect exactly
when neither player's strategy is weakly dominated (van Damme 1991, Theorem 3.2.2), which
one linear programme per player decides. Between two pure equilibria, payoff dominance
compares payoffs and risk dominance compares the products of the players' deviation
losses (Harsanyi & Selten 1988). Assessments of trees (behaviour with beliefs) are
checked in :mod:`.assessment`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..analysis.regret import is_equilibrium
from ..errors import GameError
from ..games.normal import NormalFormGame

__all__ = ["is_perfect_equilibrium", "payoff_dominates", "risk_dominates", "nash_product"]


def _two_players(game: Any, what: str) -> None:
    if not isinstance(game, NormalFormGame) or game.num_players != 2:
        raise GameError(f"{what} is implemented for two-player normal-form games; this game "
                        f"has {getattr(game, 'num_players', '?')} players")


def _weakly_dominated(M: np.ndarray, sigma: np.ndarray, tol: float) -> bool:
    """Whether the mixed strategy ``sigma`` (rows of ``M``: own strategies, columns: the
    opponent's) is weakly dominated: maximise the total gain of a mixture ``tau`` over
    ``sigma`` subject to no loss against any opponent strategy."""
    from scipy.optimize import linprog

    m, n = M.shape
    base = sigma @ M
    scale = max(1.0, float(np.abs(M).max()))
    res = linprog(-M.sum(axis=1) / scale, A_ub=-M.T / scale, b_ub=-base / scale,
                  A_eq=np.ones((1, m)), b_eq=[1.0], bounds=(0, None), method="highs")
    if res.status != 0:
        return False
    return float(-res.fun - base.sum() / scale) > tol * n


def is_perfect_equilibrium(game: NormalFormGame, profile: Any, tol: float = 1e-9) -> bool:
    """Whether an equilibrium of a two-player game is (trembling-hand) perfect.

    Parameters
    ----------
    game : NormalFormGame
        Two players, numeric payoffs.
    profile : Equilibrium or sequence
        One strategy per player (index, label or probability vector).
    tol : float
        Tolerance for the equilibrium check and the dominance margin (relative to the
        largest absolute payoff).

    Returns
    -------
    bool
        True when ``profile`` is a Nash equilibrium in which neither player's mixed
        strategy is weakly dominated (by a pure or mixed strategy); in two-player games
        these are exactly the perfect equilibria.

    Notes
    -----
    For three or more players undominated equilibria need not be perfect (van Damme 1991,
    section 3.2), so other games raise GameError.

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
    extensive games. *International Journal of Game Theory* 4, 25-55. van Damme, E.
    (1991). *Stability and Perfection of Nash Equilibria*, 2nd ed., Theorem 3.2.2.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[1, 0], [0, 0]], [[1, 0], [0, 0]])
    >>> gt.is_equilibrium(g, ["a2", "b2"]), gt.is_perfect_equilibrium(g, ["a2", "b2"])
    (True, False)
    >>> gt.is_perfect_equilibrium(g, ["a1", "b1"])
    True
    """
    _two_players(game, "the perfect-equilibrium check")
    prof = [np.asarray(s, dtype=np.float64) for s in
            game.mixed_profile(getattr(profile, "strategies", profile))]
    if not is_equilibrium(game, prof, tol=tol * max(1.0, _payoff_scale(game))):
        return False
    U = game.float_payoffs()
    mats = (U[0], U[1].T)
    return not any(_weakly_dominated(M, s, tol) for M, s in zip(mats, prof, strict=True))


def _payoff_scale(game) -> float:
    return float(np.abs(game.float_payoffs()).max(initial=0.0))


def _pure(game, profile: Sequence[Any], name: str) -> tuple[int, ...]:
    """Indices of a pure profile; GameError unless it is a pure Nash equilibrium."""
    if isinstance(profile, str) or not isinstance(profile, Sequence) \
            or len(profile) != game.num_players:
        raise GameError(f"{name} must be a pure profile with one strategy (label or index) "
                        f"per player; got {profile!r}")
    idx = tuple(game.strategy_index(i, s) for i, s in enumerate(profile))
    if not is_equilibrium(game, list(idx), tol=0):
        labels = ", ".join(game.strategies[i][k] for i, k in enumerate(idx))
        raise GameError(f"{name} ({labels}) is not a pure Nash equilibrium")
    return idx


def _utilities(game) -> np.ndarray:
    if game.parameters:
        raise GameError(game.unsubstituted_message())
    return game.exact_payoffs() if game.is_exact else game.float_payoffs()


def payoff_dominates(game: NormalFormGame, a: Sequence[Any], b: Sequence[Any]) -> bool:
    """Whether pure equilibrium ``a`` payoff-dominates pure equilibrium ``b``.

    ``a`` payoff-dominates ``b`` when every player gets strictly more at ``a``
    (Harsanyi & Selten 1988, section 3.9). Any number of players.

    References
    ----------
    Harsanyi, J. C. and Selten, R. (1988). *A General Theory of Equilibrium Selection in
    Games*, MIT Press, sections 3.9 and 5.6.

    Examples
    --------
    >>> import gametheory as gt
    >>> stag = gt.NormalFormGame.from_arrays([[9, 0], [8, 7]], [[9, 8], [0, 7]],
    ...                                      strategies=[["S", "H"], ["S", "H"]])
    >>> gt.payoff_dominates(stag, ["S", "S"], ["H", "H"])
    True
    """
    ia, ib = _pure(game, a, "the first equilibrium"), _pure(game, b, "the second equilibrium")
    U = _utilities(game)
    return all(U[(i, *ia)] > U[(i, *ib)] for i in range(game.num_players))


def nash_product(game: NormalFormGame, a: Sequence[Any], b: Sequence[Any]) -> Any:
    """The product of the players' losses from deviating from ``a`` towards ``b``.

    For two pure equilibria ``a = (a1, a2)`` and ``b = (b1, b2)`` of a two-player game
    with ``a1 != b1`` and ``a2 != b2``: ``(u1(a) - u1(b1, a2)) * (u2(a) - u2(a1, b2))``,
    the Nash product of the deviation losses in the 2 x 2 game spanned by the two
    equilibria.

    References
    ----------
    Harsanyi, J. C. and Selten, R. (1988). *A General Theory of Equilibrium Selection in
    Games*, section 3.9.

    Examples
    --------
    >>> import gametheory as gt
    >>> stag = gt.NormalFormGame.from_arrays([[9, 0], [8, 7]], [[9, 8], [0, 7]])
    >>> gt.nash_product(stag, [0, 0], [1, 1]), gt.nash_product(stag, [1, 1], [0, 0])
    (Fraction(1, 1), Fraction(49, 1))
    """
    _two_players(game, "risk dominance")
    ia, ib = _pure(game, a, "the first equilibrium"), _pure(game, b, "the second equilibrium")
    if ia[0] == ib[0] or ia[1] == ib[1]:
        raise GameError("risk dominance compares two equilibria that differ in both "
                        "players' strategies; these share a strategy")
    U = _utilities(game)
    loss1 = U[0, ia[0], ia[1]] - U[0, ib[0], ia[1]]
    loss2 = U[1, ia[0], ia[1]] - U[1, ia[0], ib[1]]
    out = loss1 * loss2
    return out.item() if isinstance(out, np.generic) else out


def risk_dominates(game: NormalFormGame, a: Sequence[Any], b: Sequence[Any]) -> bool:
    """Whether pure equilibrium ``a`` risk-dominates pure equilibrium ``b``.

    In a 2 x 2 game ``a`` risk-dominates ``b`` when the product of the players' deviation
    losses at ``a`` exceeds that at ``b`` (Harsanyi & Selten 1988, section 3.9). For larger
    two-player games the criterion is applied to the 2 x 2 game spanned by the two
    equilibria's strategies: an approximation to the general definition, which uses the
    tracing procedure.

    References
    ----------
    Harsanyi, J. C. and Selten, R. (1988). *A General Theory of Equilibrium Selection in
    Games*, MIT Press, section 3.9.

    Examples
    --------
    >>> import gametheory as gt
    >>> stag = gt.NormalFormGame.from_arrays([[9, 0], [8, 7]], [[9, 8], [0, 7]],
    ...                                      strategies=[["S", "H"], ["S", "H"]])
    >>> gt.risk_dominates(stag, ["H", "H"], ["S", "S"])
    True
    """
    return nash_product(game, a, b) > nash_product(game, b, a)
