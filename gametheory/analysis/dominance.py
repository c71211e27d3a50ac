"""Dominated strategies of N-player normal-form games (iterated elimination: elimination.py).

A strategy ``j`` of player ``i`` is *strictly dominated* by a (mixed) strategy ``sigma``
when ``sum_k sigma_k u_i(k, s_-i) > u_i(j, s_-i)`` for every profile ``s_-i`` of the
opponents, and *weakly dominated* when ``>=`` holds everywhere and ``>`` somewhere.
Pure dominators are found by comparing payoff rows; mixed ones by a linear programme.

With ``exact=True`` the linear programme is still solved in floats, but its answer is
turned into a rational certificate (by solving the programme's tight constraints exactly,
or by rounding) and checked in exact arithmetic; only verified certificates are returned.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError, SolverError
from ..games.values import unit_float_array
from ..solvers._highs import dense_entries, solve_highs

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame

__all__ = ["dominating_strategy", "dominated_strategies"]

_INT_SAFE = 2**61  # int64 payoffs below this can be subtracted without overflow


def modes(strict: Any, mixed: Any, exact: Any) -> tuple[bool, bool, bool]:
    """The validated ``strict``, ``mixed`` and ``exact`` arguments of the dominance
    functions; GameError naming the bad one and its valid values."""
    return _mode(strict), _flag("mixed", mixed), _flag("exact", exact)


def _flag(name: str, value: Any) -> bool:
    """``value`` if it is a bool; GameError otherwise."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise GameError(f"{name} must be True or False; got {value!r}")


def _mode(strict: Any) -> bool:
    """The ``strict`` argument: True/"strict" or False/"weak"; GameError otherwise."""
    if isinstance(strict, str) and strict.strip().lower() in ("strict", "weak"):
        return strict.strip().lower() == "strict"
    if isinstance(strict, (bool, np.bool_)):
        return bool(strict)
    raise GameError(f"strict must be True (or 'strict') or False (or 'weak'); got "
                    f"{strict!r}")


def _payoff_matrix(game, player: int, exact: bool) -> np.ndarray:
    """Player ``player``'s payoffs, one row per own strategy, one column per profile of
    the opponents (exact: int64 or Fractions; else float64)."""
    if exact:
        U = game.payoffs
        if U.dtype.kind not in "iu" or (U.size and int(np.abs(U).max()) >= _INT_SAFE):
            U = game.exact_payoffs()
    else:
        U = game.float_payoffs()
    return np.moveaxis(U[player], player, 0).reshape(game.shape[player], -1)


def _pure_dominator(M: np.ndarray, j: int, strict: bool) -> int | None:
    D = M - M[j]
    if strict:
        ok = np.asarray(D > 0, dtype=bool).all(axis=1)
    else:
        ok = np.asarray(D >= 0, dtype=bool).all(axis=1) & np.asarray(D > 0, dtype=bool).any(axis=1)
    ok[j] = False
    hits = np.flatnonzero(ok)
    return int(hits[0]) if len(hits) else None


def _solve_lp(D: np.ndarray, strict: bool) -> np.ndarray | None:
    """Weights over the rows of ``D`` (rows: candidate strategies minus the dominated one)
    that maximise the smallest column (strict) or the total (weak, all columns >= 0)."""
    m, P = D.shape
    lower = np.zeros(m + strict)
    if strict:                      # weights and the smallest column t (free): max t
        c = np.zeros(m + 1)
        c[-1], lower[-1] = -1.0, -np.inf
        A = np.vstack([np.hstack([-D.T, np.ones((P, 1))]), np.append(np.ones(m), 0.0)])
    else:
        c = -D.sum(axis=1)
        A = np.vstack([-D.T, np.ones((1, m))])
    try:                            # HiGHS's default tolerances, as linprog's
        x, _ = solve_highs(c, dense_entries(A), P, np.append(np.zeros(P), 1.0), lower,
                           np.full(m + strict, np.inf), 1e-7, "the dominance LP")
    except SolverError:             # infeasible: nothing dominates
        return None
    return x[:m]


def _holds(margins: np.ndarray, strict: bool, tol: Any = 0) -> bool:
    if strict:
        return bool(min(margins) > tol)
    return bool(min(margins) >= -tol and max(margins) > tol)


def _exact_candidates(D: np.ndarray, sigma: np.ndarray, strict: bool):
    """Rational weight vectors near the float LP solution ``sigma``: first the exact
    solution of the LP's tight constraints on its support, then roundings."""
    from ..solvers.indifference import UNIQUE, rational_solve

    Df = unit_float_array(D)[0]
    support = [k for k in range(len(sigma)) if sigma[k] > 1e-9]
    margins = sigma @ Df
    floor = margins.min() if strict else 0.0
    tight = [c for c in range(D.shape[1]) if margins[c] - floor <= 1e-7]
    extra = [Fraction(-1)] if strict else []
    K = [[Fraction(D[k, c]) for k in support] + extra for c in tight]
    K.append([Fraction(1)] * len(support) + [Fraction(0)] * len(extra))
    status, z = rational_solve(K, [Fraction(0)] * len(tight) + [Fraction(1)])
    if status == UNIQUE:
        cand = [Fraction(0)] * len(sigma)
        for k, v in zip(support, z[:len(support)], strict=True):
            cand[k] = v
        yield cand
    for digits in range(1, 13):
        rounded = [max(Fraction(0), Fraction(float(s)).limit_denominator(10**digits))
                   for s in sigma]
        total = sum(rounded)
        if total > 0:
            yield [r / total for r in rounded]


def _mixed_dominator(M: np.ndarray, j: int, strict: bool, exact: bool) -> np.ndarray | None:
    others = [k for k in range(M.shape[0]) if k != j]
    if len(others) < 2:
        return None
    D = M[others] - M[j]
    Df = unit_float_array(D)[0]     # D / max |D|: no tolerance depends on the units
    sigma = _solve_lp(Df, strict)
    if sigma is None:
        return None
    margins = sigma @ Df
    if (margins.min() <= -1e-7) if strict else (margins.max() <= 1e-12):
        return None  # clearly not dominated; spare the exact reconstruction
    if exact:
        cert = next((c for c in _exact_candidates(D, sigma, strict)
                     if min(c) >= 0 and _holds(np.dot(np.array(c, dtype=object), D), strict)),
                    None)
        if cert is None:
            return None
        out = np.array([Fraction(0)] * M.shape[0], dtype=object)
    else:
        cert = np.where(sigma > 1e-12, sigma, 0.0)
        cert = cert / cert.sum()
        if not _holds(cert @ Df, strict, 1e-9):
            return None
        out = np.zeros(M.shape[0])
    out[others] = cert
    return out


def _dominator(M: np.ndarray, j: int, strict: bool, mixed: bool, exact: bool):
    pure = _pure_dominator(M, j, strict)
    if pure is not None or not mixed:
        return pure
    return _mixed_dominator(M, j, strict, exact)


def dominating_strategy(game: NormalFormGame, player: int | str, strategy: int | str,
                        strict: bool = True, mixed: bool = True, exact: bool = False
                        ) -> int | np.ndarray | None:
    """What dominates a strategy: a pure strategy, a mixed strategy, or nothing.

    Parameters
    ----------
    game : NormalFormGame
        Numeric payoffs (substitute parameters first).
    player : int or str
        The player, by index or name.
    strategy : int or str
        The strategy to test, by index or label.
    strict : bool
        Strict dominance (better against every profile of the opponents) or weak
        dominance (never worse, better against at least one profile).
    mixed : bool
        Also look for dominance by mixed strategies (a linear programme, scipy HiGHS).
    exact : bool
        Compare in exact rational arithmetic and return a mixed dominator as Fractions,
        verified exactly. Float payoffs are read as the decimals they print as.

    Returns
    -------
    int, ndarray or None
        The index of a dominating pure strategy if there is one; otherwise (with
        ``mixed``) a probability vector over all of the player's strategies, zero at
        ``strategy``; None if the strategy is not dominated.

    Notes
    -----
    Pure dominance compares the stored payoffs exactly. For float payoffs a mixed
    dominator is accepted only if its margin exceeds 1e-9 times the payoff scale (weak
    dominance: shortfalls within that tolerance count as ties).

    References
    ----------
    Osborne, M. J. (2004). An Introduction to Game Theory, sections 2.9 and 4.4.
    Myerson, R. B. (1991). Game Theory: Analysis of Conflict, section 3.8.

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> gt.dominating_strategy(pd, 0, "a1")
    1
    >>> g = gt.NormalFormGame.from_arrays([[3, 0], [0, 3], [1, 1]], [[0, 0]] * 3)
    >>> gt.dominating_strategy(g, 0, "a3", exact=True).tolist()
    [Fraction(1, 2), Fraction(1, 2), Fraction(0, 1)]
    >>> gt.dominating_strategy(g, 0, "a3", mixed=False) is None
    True
    """
    strict, mixed, exact = modes(strict, mixed, exact)
    i = game.player_index(player)
    j = game.strategy_index(i, strategy)
    return _dominator(_payoff_matrix(game, i, exact), j, strict, mixed, exact)


def dominated_strategies(game: NormalFormGame, player: int | str | None = None, strict: bool = True,
                         mixed: bool = True, exact: bool = False) -> tuple:
    """The dominated strategies of one player or of every player.

    Parameters
    ----------
    game : NormalFormGame
    player : int, str or None
        One player; None (default) for all players.
    strict, mixed, exact : bool
        As in :func:`dominating_strategy`.

    Returns
    -------
    tuple
        For one player, the indices of their dominated strategies; for all players, one
        such tuple per player.

    References
    ----------
    Fudenberg, D. and Tirole, J. (1991). Game Theory, MIT Press, section 2.1.

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> gt.dominated_strategies(pd)
    ((0,), (0,))
    >>> gt.dominated_strategies(pd, player="Player 2")
    (0,)
    """
    strict, mixed, exact = modes(strict, mixed, exact)
    if player is not None:
        i = game.player_index(player)
        return _dominated(game, i, strict, mixed, exact)
    return tuple(_dominated(game, i, strict, mixed, exact) for i in range(game.num_players))


def _dominated(game, i: int, strict: bool, mixed: bool, exact: bool) -> tuple[int, ...]:
    return tuple(j for j, _ in _dominated_with(game, i, strict, mixed, exact))


def _dominated_with(game, i: int, strict: bool, mixed: bool, exact: bool) -> list[tuple]:
    """``(strategy, dominator)`` pairs for player ``i``."""
    M = _payoff_matrix(game, i, exact)
    found = [(j, d) for j in range(M.shape[0])
             if (d := _dominator(M, j, strict, mixed, exact)) is not None]
    if len(found) == M.shape[0]:
        # Impossible in exact arithmetic (a strategy of largest total payoff is never
        # dominated); float tolerances could get here, so that strategy is kept.
        totals = [sum(row) for row in M]
        found.pop(totals.index(max(totals)))
    return found
