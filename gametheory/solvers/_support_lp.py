"""Linear programs for the support pairs whose indifference system is not uniquely solvable.

For one player with support ``S`` and the opponent's equalised set ``E`` the set

    Z(S, E) = {z : z_j > 0 for j in S, z_j = 0 off S, sum(z) = 1,
               (M z)_r = v for r in E, (M z)_r <= v otherwise}

is convex. :func:`side_lp` decides whether it is empty (maximise the smallest
probability on S), and whether it is one point or a continuum (maximise and minimise
each probability over its closure; the closure has the same dimension as the set).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ._support_batch import dominated

__all__ = ["SidePart", "side_lp"]

#: Smallest probability that counts as positive in an LP solution.
LP_POSITIVE = 1e-7
#: Largest spread of a probability over the closure that still counts as one point.
LP_SPREAD = 1e-7


@dataclass
class SidePart:
    """What is known of one side's set Z(S, E) when it is non-empty.

    ``points`` are ``(z, v)`` pairs (z a full-length float vector): the unique point when
    ``single``, else two distinct vertices of the closure. ``keys`` give, per point, a
    support and an equalised set whose indifference system has that point as its unique
    solution, for exact reconstruction (None when unknown).
    """

    points: list[tuple[np.ndarray, float]]
    single: bool
    keys: list = field(default_factory=list)


def _linprog(c, A_ub, b_ub, A_eq, b_eq, bounds, method="highs"):
    from scipy.optimize import linprog

    return linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds,
                   method=method)


def side_lp(M: np.ndarray, S: Sequence[int], E: Sequence[int]) -> SidePart | None:
    """Decide Z(S, E) by linear programming (HiGHS).

    Parameters
    ----------
    M : ndarray, shape (n_opp, n_own)
        Opponent's payoffs, scaled to magnitude at most 1.
    S, E : sequence of int
        Own support and the opponent's equalised strategies.

    Returns
    -------
    SidePart or None
        None when the set is empty; else its one point, or two vertices of its closure.

    Examples
    --------
    >>> M = np.array([[1.0, 1.0], [1.0, 1.0]])      # the opponent is indifferent
    >>> part = side_lp(M, [0, 1], [0, 1])
    >>> part.single, len(part.points)
    (False, 2)
    >>> side_lp(np.array([[0.0, 0.0], [1.0, 1.0]]), [0, 1], [0]) is None   # row 1 dominates
    True
    """
    S = list(S)
    E = list(E)
    if dominated(M, np.array([S]), np.array([E]))[0]:
        return None
    s = len(S)
    n_opp, n_own = M.shape
    others = [r for r in range(n_opp) if r not in set(E)]
    # closure: variables (z_S, v); z >= 0, v free
    A_eq = np.zeros((len(E) + 1, s + 1))
    A_eq[:-1, :s] = M[np.ix_(E, S)]
    A_eq[:-1, s] = -1.0
    A_eq[-1, :s] = 1.0
    b_eq = np.zeros(len(E) + 1)
    b_eq[-1] = 1.0
    A_ub = np.hstack([M[np.ix_(others, S)], -np.ones((len(others), 1))]) if others else None
    b_ub = np.zeros(len(others)) if others else None
    bounds = [(0, None)] * s + [(None, None)]
    # largest smallest probability t: add t with z_j - t >= 0, t <= 1
    t_row = np.hstack([-np.eye(s), np.zeros((s, 1)), np.ones((s, 1))])
    A_ub1 = t_row if A_ub is None else np.vstack([np.hstack([A_ub, np.zeros((len(others), 1))]),
                                                  t_row])
    b_ub1 = np.zeros(A_ub1.shape[0])
    c1 = np.zeros(s + 2)
    c1[-1] = -1.0
    res = _linprog(c1, A_ub1, b_ub1, np.hstack([A_eq, np.zeros((len(E) + 1, 1))]), b_eq,
                   bounds + [(None, 1.0)])
    if res.status != 0 or -res.fun <= LP_POSITIVE:
        return None
    base = _full(res.x[:s], S, n_own), float(res.x[s])
    for j in range(s):
        c = np.zeros(s + 1)
        c[j] = 1.0
        lo = _linprog(c, A_ub, b_ub, A_eq, b_eq, bounds, method="highs-ds")
        hi = _linprog(-c, A_ub, b_ub, A_eq, b_eq, bounds, method="highs-ds")
        if lo.status != 0 or hi.status != 0:
            return SidePart([base], single=False)
        if hi.x[j] - lo.x[j] > LP_SPREAD:
            return SidePart([(_full(hi.x[:s], S, n_own), float(hi.x[s])),
                             (_full(lo.x[:s], S, n_own), float(lo.x[s]))], single=False)
    return SidePart([base], single=True)


def _full(zs: np.ndarray, S: Sequence[int], n: int) -> np.ndarray:
    z = np.zeros(n)
    z[list(S)] = np.clip(zs, 0.0, None)
    return z
