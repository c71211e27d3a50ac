"""Is Z(S, E) non-empty? A point with every probability on S positive, for many (S, E).

``Z(S, E)`` is defined in :mod:`._support_lp`. A point of it is found, cheapest first:
no point when an opponent strategy dominates a member of E on S; the least-norm
solution of the equalities when it happens to be strictly positive and a best
response; else linear programming, which maximises the smallest probability on S.
The LPs of many problems are independent, so they are stacked block-diagonally and
solved in two HiGHS calls (phase 1: least violation of the constraints, which is zero
exactly for the problems with a non-empty closure; phase 2: for those, the largest
smallest probability), instead of one call per problem.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ._support_batch import dominated

__all__ = ["constraints", "interior_points", "violations", "LP_POSITIVE"]

#: Smallest probability that counts as positive in an LP solution.
LP_POSITIVE = 1e-7
#: Largest constraint violation (scaled payoffs) that phase 1 may leave in a feasible block.
VIOLATION = 1e-7

#: A decision is *borderline* when the LP's smallest probability lies in
#: (BORDER_LOW, LP_POSITIVE] or phase 1's violation in (VIOLATION, BORDER_HIGH]: near
#: the thresholds, where floats cannot tell an empty set from a tiny one (near-ties).
BORDER_LOW, BORDER_HIGH = 1e-12, 1e-4


def constraints(M: np.ndarray, S: Sequence[int], E: Sequence[int]):
    """``(A_eq, b_eq, A_ub)`` over ``w = (z_S, v)``: E equalised and probabilities summing
    to one; the other opponent strategies at most v (``A_ub w <= 0``, maybe no rows)."""
    s = len(S)
    others = [r for r in range(M.shape[0]) if r not in set(E)]
    A_eq = np.zeros((len(E) + 1, s + 1))
    A_eq[:-1, :s] = M[np.ix_(E, S)]
    A_eq[:-1, s] = -1.0
    A_eq[-1, :s] = 1.0
    b_eq = np.zeros(len(E) + 1)
    b_eq[-1] = 1.0
    A_ub = np.hstack([M[np.ix_(others, S)], -np.ones((len(others), 1))])
    return A_eq, b_eq, A_ub


def _central_point(A_eq, b_eq, A_ub) -> np.ndarray | None:
    """The least-norm solution of the equalities, if it is strictly positive and meets
    the inequalities."""
    w = np.linalg.lstsq(A_eq, b_eq, rcond=None)[0]
    if np.abs(A_eq @ w - b_eq).max() > 1e-12 or w[:-1].min() <= LP_POSITIVE:
        return None
    if A_ub.shape[0] and (A_ub @ w).max() > 1e-12:
        return None
    return w


def interior_points(M: np.ndarray, problems: Sequence[tuple[Sequence[int], Sequence[int]]],
                    borderline: list | None = None) -> list[np.ndarray | None]:
    """For each ``(S, E)``: a point ``w = (z_S, v)`` of Z(S, E), or None when it is empty.

    ``borderline``, when given, receives the index of each problem declared empty by a
    borderline LP value (see :data:`BORDER_LOW`).

    Examples
    --------
    >>> M = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])
    >>> [None if w is None else w.round(3).tolist()
    ...  for w in interior_points(M, [([0, 1], [0, 1]), ([0, 1], [2]), ([0], [1])])]
    [None, [0.5, 0.5, 0.6], None]
    """
    out: list[np.ndarray | None] = [None] * len(problems)
    blocks = []
    for k, (S, E) in enumerate(problems):
        S, E = list(S), list(E)
        if dominated(M, np.array([S]), np.array([E]))[0]:
            continue
        A_eq, b_eq, A_ub = constraints(M, S, E)
        w = _central_point(A_eq, b_eq, A_ub)
        if w is None:
            blocks.append((k, A_eq, A_ub))
        else:
            out[k] = w
    if blocks:
        near: list[int] = []
        for i, ((k, *_), w) in enumerate(zip(blocks, _max_min_probability(blocks, near),
                                             strict=True)):
            out[k] = w
            if borderline is not None and i in near:
                borderline.append(k)
    return out


def violations(M: np.ndarray, problems: Sequence[tuple[Sequence[int], Sequence[int]]]
               ) -> np.ndarray:
    """Phase 1 alone (one stacked HiGHS call): for each ``(S, E)`` the least violation
    (scaled payoffs) of the constraints of Z(S, E)'s closure; 0 up to HiGHS' tolerances
    (about 1e-7) when the closure is non-empty. NaN for all if the solve fails.

    Examples
    --------
    >>> M = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])
    >>> violations(M, [([0, 1], [2]), ([0], [1])]).round(3).tolist()
    [0.0, 0.5]
    """
    blocks = [(k, *constraints(M, list(S), list(E))[::2]) for k, (S, E) in enumerate(problems)]
    viol = _phase_one(blocks)
    return np.full(len(blocks), np.nan) if viol is None else viol


def _phase_one(blocks) -> np.ndarray | None:
    """Least violations of the blocks ``(k, A_eq, A_ub)`` (stacked), None on failure."""
    from scipy.sparse import block_diag

    # variables (z, v, e) per block: |equalities| <= e, inequalities <= e
    ub, eq, c, bounds = [], [], [], []
    for _, A_eq, A_ub in blocks:
        n = A_eq.shape[1]
        rows = np.vstack([A_eq[:-1], -A_eq[:-1], A_ub])
        ub.append(np.hstack([rows, -np.ones((rows.shape[0], 1))]))
        eq.append(np.hstack([A_eq[-1:], [[0.0]]]))
        c += [0.0] * n + [1.0]
        bounds += [(0, None)] * (n - 1) + [(None, None), (0, None)]
    A_ub1 = block_diag(ub, format="csr")
    res = _linprog(c, A_ub1, np.zeros(A_ub1.shape[0]), block_diag(eq, format="csr"),
                   np.ones(len(blocks)), bounds)
    if res.status != 0:
        return None
    ends = np.cumsum([A_eq.shape[1] + 1 for _, A_eq, _ in blocks])
    return res.x[ends - 1]


def _linprog(c, A_ub, b_ub, A_eq, b_eq, bounds):
    from scipy.optimize import linprog

    return linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds,
                   method="highs")


def _max_min_probability(blocks, near: list[int] | None = None) -> list[np.ndarray | None]:
    """Phase 1 and phase 2 over all blocks ``(k, A_eq, A_ub)`` stacked diagonally;
    ``near`` receives the positions of blocks declared empty by a borderline value."""
    from scipy.sparse import block_diag

    near = [] if near is None else near

    if len(blocks) == 1:
        return _one_by_one(blocks, near)
    viol = _phase_one(blocks)
    if viol is None:
        return _one_by_one(blocks, near)
    keep = [(i, float(x)) for i, x in enumerate(viol) if x <= VIOLATION]
    near += [i for i, x in enumerate(viol) if VIOLATION < x <= BORDER_HIGH]
    out: list[np.ndarray | None] = [None] * len(blocks)
    if not keep:
        return out
    # phase 2, variables (z, v, t): the constraints relaxed by phase 1's violation,
    # t <= z_j, t <= 1; maximise the sum of the t (each block on its own)
    ub, b_ub, eq, c, bounds = [], [], [], [], []
    for i, viol in keep:
        _, A_eq, A_ub = blocks[i]
        n = A_eq.shape[1]
        rows = np.vstack([A_eq[:-1], -A_eq[:-1], A_ub])
        t_rows = np.hstack([-np.eye(n - 1), np.zeros((n - 1, 1)), np.ones((n - 1, 1))])
        ub.append(np.vstack([np.hstack([rows, np.zeros((rows.shape[0], 1))]), t_rows]))
        b_ub.append(np.r_[np.full(rows.shape[0], max(viol, 0.0) + 1e-9), np.zeros(n - 1)])
        eq.append(np.hstack([A_eq[-1:], [[0.0]]]))
        c += [0.0] * n + [-1.0]
        bounds += [(0, None)] * (n - 1) + [(None, None), (None, 1.0)]
    res = _linprog(c, block_diag(ub, format="csr"), np.concatenate(b_ub),
                   block_diag(eq, format="csr"), np.ones(len(keep)), bounds)
    if res.status != 0:
        near.clear()
        return _one_by_one(blocks, near)
    pos = 0
    for i, _ in keep:
        n = blocks[i][1].shape[1]
        x = res.x[pos:pos + n + 1]
        pos += n + 1
        if x[-1] > LP_POSITIVE:
            out[i] = x[:n]
        elif x[-1] > BORDER_LOW:
            near.append(i)
    return out


def _one_by_one(blocks, near: list[int] | None = None) -> list[np.ndarray | None]:
    """The same LPs solved separately: one per block, maximising the smallest
    probability (also the fall-back when a stacked solve fails)."""
    near = [] if near is None else near
    out: list[np.ndarray | None] = []
    for i, (_, A_eq, A_ub) in enumerate(blocks):
        n = A_eq.shape[1]
        t_rows = np.hstack([-np.eye(n - 1), np.zeros((n - 1, 1)), np.ones((n - 1, 1))])
        A = np.vstack([np.hstack([A_ub, np.zeros((A_ub.shape[0], 1))]), t_rows])
        c = np.zeros(n + 1)
        c[-1] = -1.0
        b_eq = np.zeros(A_eq.shape[0])
        b_eq[-1] = 1.0
        res = _linprog(c, A, np.zeros(A.shape[0]),
                       np.hstack([A_eq, np.zeros((A_eq.shape[0], 1))]), b_eq,
                       [(0, None)] * (n - 1) + [(None, None), (None, 1.0)])
        ok = res.status == 0 and -res.fun > LP_POSITIVE
        if res.status == 0 and not ok and -res.fun > BORDER_LOW:
            near.append(i)
        out.append(res.x[:n] if ok else None)
    return out
