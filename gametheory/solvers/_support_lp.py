"""Linear programs for the support pairs whose indifference system is not uniquely solvable.

For one player with support ``S`` and the opponent's equalised set ``E`` the set

    Z(S, E) = {z : z_j > 0 for j in S, z_j = 0 off S, sum(z) = 1,
               (M z)_r = v for r in E, (M z)_r <= v otherwise}

is convex. :func:`side_parts` decides whether it is empty (an LP maximises the smallest
probability on S), and whether it is one point or a continuum. At the LP's point all of
S is positive, so only the tight best-response rows constrain it locally: if these and
E leave a direction free, the set contains a segment, and two vertices of its closure
are reached by walking along free directions (linear algebra only). Otherwise the point
is a vertex of the closure, and one more LP looks for a direction into the closure
that loosens a tight row: if there is none the set is that one point (the closure of
a non-empty relatively open convex set has its dimension).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ._exact_lp import OPTIMAL, simplex
from ._support_feasible import constraints, interior_points

__all__ = ["SidePart", "exact_side_part", "side_parts"]

#: Largest loosening (scaled payoff, per unit direction) that still counts as none.
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

    ``points`` are ``(z, v)`` pairs (z a full-length vector, floats or, from
    :func:`exact_side_part`, Fractions): the unique point when ``single``, else two
    distinct vertices of the closure.
    """

    points: list[tuple[np.ndarray, Any]]
    single: bool


def side_parts(M: np.ndarray, problems: Sequence[tuple[Sequence[int], Sequence[int]]],
               borderline: list | None = None) -> list[SidePart | None]:
    """Decide each Z(S, E) of ``problems``: empty (None), one point, or a continuum.

    The LPs of all problems are stacked (two HiGHS calls for the points, one for the
    directions), the rest is small linear algebra per problem.

    Parameters
    ----------
    M : ndarray, shape (n_opp, n_own)
        Opponent's payoffs, scaled to magnitude at most 1.
    problems : sequence of (S, E)
        Own supports and the opponent's equalised strategies.
    borderline : list, optional
        Receives the index of each problem found empty by a borderline LP value.

    Returns
    -------
    list of SidePart or None
        None when a set is empty; else its one point, or two vertices of its closure.

    Examples
    --------
    >>> M = np.array([[1.0, 1.0], [1.0, 1.0]])      # the opponent is indifferent
    >>> parts = side_parts(M, [([0, 1], [0, 1]), ([0], [0, 1])])
    >>> parts[0].single, len(parts[0].points), parts[1].single
    (False, 2, True)
    >>> side_parts(np.array([[0.0, 0.0], [1.0, 1.0]]), [([0, 1], [0])])   # row 1 dominates
    [None]
    """
    problems = [(list(S), list(E)) for S, E in problems]
    out: list[SidePart | None] = [None] * len(problems)
    pinned = []
    for k, ((S, E), base) in enumerate(zip(problems, interior_points(M, problems,
                                                                     borderline),
                                           strict=True)):
        if base is None:
            continue
        others = [r for r in range(M.shape[0]) if r not in set(E)]
        d = _null_direction(M, S, E, others, base)
        if d is None:                     # base is a vertex, pinned by tight constraints
            pinned.append((k, S, E, others, base))
            continue
        ends = [_walk(M, S, E, others, base, sign * d) for sign in (1.0, -1.0)]
        out[k] = SidePart([_full(w, S, M.shape[1]) for w in ends], single=False)
    for (k, S, E, others, base), d in zip(pinned, _cone_directions(M, pinned), strict=True):
        if d is None:
            out[k] = SidePart([_full(base, S, M.shape[1])], single=True)
        else:
            far = _walk(M, S, E, others, base, d)
            out[k] = SidePart([_full(base, S, M.shape[1]), _full(far, S, M.shape[1])],
                              single=False)
    return out


def exact_side_part(M: np.ndarray, S: Sequence[int], E: Sequence[int]) -> SidePart | None:
    """:func:`side_parts` for one problem in exact rational arithmetic (no tolerance).

    ``M`` holds ints or Fractions (unscaled). With ``w = (z_S, v)`` and P the closure of
    Z(S, E) (probabilities on S only non-negative), three exact LPs
    (:func:`._exact_lp.simplex`) decide: the largest smallest probability on S is
    positive iff Z(S, E) is non-empty; a basic solution of P is a vertex ``w``; and
    P is ``{w}`` iff no point of P loosens a constraint tight at ``w`` (every other
    point of P differs from the vertex in some constraint tight there). A continuum is
    reported by ``w`` and the vertex that loosens the most. Payoffs are shifted to be at
    least 1 so that ``v`` is a non-negative variable that is never tight.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> e = F(1, 10**9)          # Z is one point with probability e/(1 + e) on column 1
    >>> part = exact_side_part(np.array([[F(0), 1], [e, F(0)]], dtype=object),
    ...                        [0, 1], [0, 1])
    >>> part.single, [str(p) for p in part.points[0][0]]
    (True, ['1000000000/1000000001', '1/1000000001'])
    >>> exact_side_part(np.array([[1, 1], [1, 1]], dtype=object), [0, 1], [0, 1]).single
    False
    >>> exact_side_part(np.array([[0, 0], [1, 1]], dtype=object), [0, 1], [0]) is None
    True
    """
    S, E = list(S), list(E)
    others = [r for r in range(M.shape[0]) if r not in set(E)]
    s, n_o = len(S), len(others)
    shift = 1 - min(Fraction(M[r, j]) for r in range(M.shape[0]) for j in S)

    def row(r, k=None):   # (M z)_r - v (+ slack k) = 0, over (z_S, v, slacks)
        return [M[r, j] + shift for j in S] + [-1] + [int(i == k) for i in range(n_o)]

    A = [row(r) for r in E] + [row(r, k) for k, r in enumerate(others)]
    A.append([1] * s + [0] * (1 + n_o))
    b = [0] * (len(A) - 1) + [1]
    n = s + 1 + n_o
    # LP 1 over (w, t, u): z_j - t - u_j = 0, maximise t
    A1 = [r + [0] * (1 + s) for r in A]
    A1 += [[int(i == j) for i in range(n)] + [-1] + [-int(i == j) for i in range(s)]
           for j in range(s)]
    status, _, t = simplex([0] * n + [1] + [0] * s, A1, b + [0] * s)
    if status != OPTIMAL or t <= 0:
        return None
    _, w, _ = simplex([0] * n, A, b)
    tight = [i for i in range(n) if i != s and w[i] == 0]
    _, far, spread = simplex([int(i in tight) for i in range(n)], A, b)
    ends = [w] if spread == 0 else [w, far]
    points = []
    for p in ends:
        z = np.array([Fraction(0)] * M.shape[1], dtype=object)
        z[S] = p[:s]
        points.append((z, p[s] - shift))
    return SidePart(points, single=spread == 0)


def _cone_directions(M, pinned) -> list[np.ndarray | None]:
    """For each pinned point ``w``: a direction (in (z_S, v)) that keeps E equalised and
    the probabilities summing to one, and loosens some best-response row tight at ``w``
    while tightening none; None when there is none, i.e. when ``w`` is the only point.
    One LP for all (block-diagonal; each block maximises its own loosening)."""
    from scipy.optimize import linprog
    from scipy.sparse import block_diag

    if not pinned:
        return []
    ub, eq, c, bounds = [], [], [], []
    for _, S, E, others, w in pinned:
        slack = w[-1] - M[np.ix_(others, S)] @ w[:-1]
        tight = [r for r, sl in zip(others, slack, strict=True) if sl <= TIGHT]
        A_eq, _, _ = constraints(M, S, E)
        A_ub = np.hstack([M[np.ix_(tight, S)], -np.ones((len(tight), 1))])
        ub.append(A_ub if tight else np.zeros((1, len(S) + 1)))
        eq.append(A_eq)
        c.append(A_ub.sum(axis=0))
        bounds += [(-1.0, 1.0)] * len(S) + [(None, None)]
    A_ub = block_diag(ub, format="csr")
    A_eq = block_diag(eq, format="csr")
    res = linprog(np.concatenate(c), A_ub=A_ub, b_ub=np.zeros(A_ub.shape[0]), A_eq=A_eq,
                  b_eq=np.zeros(A_eq.shape[0]), bounds=bounds, method="highs")
    if res.status != 0:                   # cannot tell: treat each as a continuum, once
        return [np.zeros(len(S) + 1) for _, S, *_ in pinned]
    out, pos = [], 0
    for (_, S, *_), ck in zip(pinned, c, strict=True):
        d = res.x[pos:pos + len(S) + 1]
        pos += len(S) + 1
        out.append(d if -(ck @ d) > LP_SPREAD else None)
    return out


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
