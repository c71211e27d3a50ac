"""Linear programs for the support pairs whose indifference system is not uniquely solvable.

For one player with support ``S`` and the opponent's equalised set ``E`` the set

    Z(S, E) = {z : z_j > 0 for j in S, z_j = 0 off S, sum(z) = 1,
               (M z)_r = v for r in E, (M z)_r <= v otherwise}

is convex. :func:`side_lp` decides whether it is empty (an LP maximises the smallest
probability on S), and whether it is one point or a continuum. At the LP's point all of
S is positive, so only the tight best-response rows constrain it locally: if these and
E leave a direction free, the set contains a segment, and two vertices of its closure
are reached by walking along free directions (linear algebra only). Otherwise more LPs
maximise and minimise each probability over the closure (the closure of a non-empty
relatively open convex set has its dimension).
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
#: Slack (scaled payoff) at which a best-response inequality counts as tight.
TIGHT = 1e-7
#: Probabilities below this are zero on a walk to a vertex.
PROB_ZERO = 1e-9
#: Relative singular value below which a constraint system counts as rank-deficient.
NULL_TOL = 1e-9


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
    others = [r for r in range(M.shape[0]) if r not in set(E)]
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
    c1 = np.zeros(s + 2)
    c1[-1] = -1.0
    res = _linprog(c1, A_ub1, np.zeros(A_ub1.shape[0]),
                   np.hstack([A_eq, np.zeros((len(E) + 1, 1))]), b_eq, bounds + [(None, 1.0)])
    if res.status != 0 or -res.fun <= LP_POSITIVE:
        return None
    base = res.x[:s + 1]
    d = _null_direction(M, S, E, others, base)
    if d is not None:                 # the set contains a segment through base: walk to
        ends = [_walk(M, S, E, others, base, sign * d) for sign in (1.0, -1.0)]
        return SidePart([_full(w, S, M.shape[1]) for w in ends], single=False)
    # base is pinned by its tight constraints; is the whole closure that one point?
    for j in range(s):
        c = np.zeros(s + 1)
        c[j] = 1.0
        lo = _linprog(c, A_ub, b_ub, A_eq, b_eq, bounds, method="highs-ds")
        hi = _linprog(-c, A_ub, b_ub, A_eq, b_eq, bounds, method="highs-ds")
        if lo.status != 0 or hi.status != 0:
            return SidePart([_full(base, S, M.shape[1])], single=False)
        if hi.x[j] - lo.x[j] > LP_SPREAD:
            return SidePart([_full(hi.x, S, M.shape[1]), _full(lo.x, S, M.shape[1])],
                            single=False)
    return SidePart([_full(base, S, M.shape[1])], single=True)


def _system(M, S, E, others, w, active) -> np.ndarray:
    """Equality constraints active at ``w = (z_S, v)``: E and the tight rows of
    ``others`` equalised, probabilities off ``active`` (positions in S) zero."""
    slack = w[-1] - M[np.ix_(others, S)] @ w[:-1]
    rows = list(E) + [r for r, sl in zip(others, slack, strict=True) if sl <= TIGHT]
    K = np.zeros((len(rows) + 1 + len(S) - len(active), len(S) + 1))
    K[:len(rows), :-1] = M[np.ix_(rows, S)]
    K[:len(rows), -1] = -1.0
    K[len(rows), :-1] = 1.0
    for k, j in enumerate(sorted(set(range(len(S))) - set(active))):
        K[len(rows) + 1 + k, j] = 1.0
    return K


def _null_direction(M, S, E, others, w, active=None) -> np.ndarray | None:
    """A direction (in (z_S, v)) along which every active constraint stays tight."""
    active = range(len(S)) if active is None else active
    K = _system(M, S, E, others, w, active)
    _, sv, Vt = np.linalg.svd(K)
    rank = int((sv > NULL_TOL * max(1.0, sv[0])).sum()) if sv.size else 0
    return Vt[-1] if rank < K.shape[1] else None


def _walk(M, S, E, others, w, d) -> np.ndarray:
    """Move from ``w`` along ``d`` until a constraint binds, then along the face so
    reached, until a vertex of the closure: at most ``len(S)`` cheap steps, no LP."""
    N = M[np.ix_(others, S)]
    w = w.copy()
    for _ in range(len(S) + 1):
        rate_s = d[-1] - N @ d[:-1]
        slack = w[-1] - N @ w[:-1]
        steps = [w[j] / -d[j] for j in range(len(S)) if d[j] < -1e-12]
        steps += [sl / -r for sl, r in zip(slack, rate_s, strict=True) if r < -1e-12]
        w = w + max(0.0, min(steps, default=0.0)) * d
        w[:-1][w[:-1] < PROB_ZERO] = 0.0
        d = _null_direction(M, S, E, others, w, np.flatnonzero(w[:-1] > 0))
        if d is None:
            break
    return w


def _full(w: np.ndarray, S: Sequence[int], n: int) -> tuple[np.ndarray, float]:
    z = np.zeros(n)
    z[list(S)] = np.clip(w[:len(S)], 0.0, None)
    return z, float(w[len(S)])
