"""Indifference systems: the linear algebra shared by the two-player solvers.

A mixed strategy ``s`` of one player with support ``S`` that makes the opponent
indifferent among the strategies ``E`` solves

    (M s)_r = v  for r in E,     sum(s) = 1,     s_j = 0 for j not in S,

where ``M[r, j]`` is the opponent's payoff for their strategy r against strategy j.
Support enumeration, vertex enumeration (exact reconstruction) and the LP solver all
reduce to this system, solved here in exact rationals or in floats.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

__all__ = ["UNIQUE", "NONE", "MANY", "SINGULAR_RATIO", "rational_solve", "solve_indifference",
           "solve_stack"]

UNIQUE, NONE, MANY = "unique", "none", "many"

#: A square system counts as singular when |det| is below this times the product of its
#: row norms (Hadamard's bound makes the ratio lie in [0, 1]).
SINGULAR_RATIO = 1e-10


def rational_solve(K: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]):
    """Solve ``K z = rhs`` exactly by Gauss-Jordan elimination over the rationals.

    ``K`` may be non-square. Returns ``(status, z)`` with status ``"unique"`` (and the
    solution), ``"none"`` (inconsistent) or ``"many"`` (consistent, not unique; z is None).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> rational_solve([[F(1), F(1)], [F(1), F(-1)]], [F(1), F(0)])
    ('unique', [Fraction(1, 2), Fraction(1, 2)])
    >>> rational_solve([[F(1), F(1)]], [F(1)])[0]
    'many'
    """
    rows = [list(map(Fraction, r)) + [Fraction(b)] for r, b in zip(K, rhs)]
    n_unknowns = len(rows[0]) - 1 if rows else 0
    pivot_cols = []
    r = 0
    for c in range(n_unknowns):
        p = next((k for k in range(r, len(rows)) if rows[k][c] != 0), None)
        if p is None:
            continue
        rows[r], rows[p] = rows[p], rows[r]
        piv = rows[r][c]
        rows[r] = [x / piv for x in rows[r]]
        for k in range(len(rows)):
            if k != r and rows[k][c] != 0:
                f = rows[k][c]
                rows[k] = [a - f * b for a, b in zip(rows[k], rows[r])]
        pivot_cols.append(c)
        r += 1
        if r == len(rows):
            break
    if any(row[-1] != 0 for row in rows[r:]):
        return NONE, None
    if len(pivot_cols) < n_unknowns:
        return MANY, None
    z = [Fraction(0)] * n_unknowns
    for k, c in enumerate(pivot_cols):
        z[c] = rows[k][-1]
    return UNIQUE, z


def solve_indifference(M: np.ndarray, support: Sequence[int], equalised: Sequence[int],
                       exact: bool, tol: float = 1e-10):
    """Solve the indifference system for one player's strategy.

    Parameters
    ----------
    M : ndarray, shape (k, n)
        Opponent's payoffs: ``M[r, j]`` for the opponent's strategy r against strategy j.
    support : sequence of int
        Strategies (columns of M) that may have positive probability.
    equalised : sequence of int
        Opponent strategies (rows of M) that must all earn the same payoff v.
    exact : bool
        Solve over the rationals (M must hold ints or Fractions).

    Returns
    -------
    (status, s, v)
        status is ``"unique"``, ``"none"`` or ``"many"``; when unique, ``s`` is the full
        strategy vector (zeros off the support) and ``v`` the equalised payoff. The vector
        may have negative entries: checking feasibility is the caller's job.

    Examples
    --------
    >>> import numpy as np
    >>> solve_indifference(np.array([[2, 0], [0, 1]]), [0, 1], [0, 1], exact=True)
    ('unique', [Fraction(1, 3), Fraction(2, 3)], Fraction(2, 3))
    """
    support = list(support)
    equalised = list(equalised)
    n = M.shape[1]
    s_len = len(support)
    if exact:
        K = [[Fraction(M[r, j]) for j in support] + [Fraction(-1)] for r in equalised]
        K.append([Fraction(1)] * s_len + [Fraction(0)])
        rhs = [Fraction(0)] * len(equalised) + [Fraction(1)]
        status, z = rational_solve(K, rhs)
        if status != UNIQUE:
            return status, None, None
        s = [Fraction(0)] * n
        for j, val in zip(support, z[:-1]):
            s[j] = val
        return UNIQUE, s, z[-1]
    K = np.zeros((len(equalised) + 1, s_len + 1))
    K[:-1, :-1] = M[np.ix_(equalised, support)]
    K[:-1, -1] = -1.0
    K[-1, :-1] = 1.0
    rhs = np.zeros(len(equalised) + 1)
    rhs[-1] = 1.0
    z, _, rank, sv = np.linalg.lstsq(K, rhs, rcond=None)
    scale = max(1.0, float(np.abs(K).max()))
    if np.abs(K @ z - rhs).max() > tol * scale:
        return NONE, None, None
    if rank < s_len + 1 or sv[-1] < 1e-12 * sv[0]:
        return MANY, None, None
    s = np.zeros(n)
    s[support] = z[:-1]
    return UNIQUE, s, float(z[-1])


def solve_stack(K: np.ndarray, rhs: np.ndarray,
                ratio: float | np.ndarray = SINGULAR_RATIO) -> tuple[np.ndarray, np.ndarray]:
    """Solve a stack of square systems ``K[i] z = rhs[i]``, skipping the singular ones.

    The batched float counterpart of :func:`solve_indifference` used by the vectorised
    solvers: one ``slogdet`` classifies every system (singular when ``|det|`` is below
    ``ratio`` (default :data:`SINGULAR_RATIO`; or one per system) times the product of
    its row norms), one ``solve`` does the rest. A larger ``ratio`` bounds the condition
    number of the systems solved (by about ``k**2 / ratio`` for k x k systems), hence
    their error.
    Stacks of 1 x 1 to 3 x 3 systems (the bulk of support enumeration and of parameter
    sweeps) take a closed-form path instead: rows scaled to unit norm, then the
    determinant (which is then the Hadamard ratio) and the adjugate, avoiding LAPACK's
    per-matrix overhead.

    Returns
    -------
    (Z, ok)
        ``Z`` (N, d) the solutions (NaN where singular) and ``ok`` (N,) the non-singular
        systems.

    References
    ----------
    Golub, G. H. & Van Loan, C. F. (2013). Matrix Computations, 4th ed., section 3.4
    (LU with partial pivoting); Hadamard's inequality, section 2.6.

    Examples
    --------
    >>> K = np.array([[[2.0, 0.0], [0.0, 1.0]], [[1.0, 1.0], [1.0, 1.0]]])
    >>> Z, ok = solve_stack(K, np.ones((2, 2)))
    >>> Z[0].tolist(), ok.tolist()
    ([0.5, 1.0], [True, False])
    """
    if K.ndim == 3 and K.shape[-1] <= 3 and len(K):
        return _solve_small(K, rhs, ratio)
    sign, logdet = np.linalg.slogdet(K)
    with np.errstate(divide="ignore", invalid="ignore"):  # a zero row: log 0, -inf - -inf
        scale = np.log(np.linalg.norm(K, axis=-1)).sum(axis=-1)
        ok = (sign != 0) & (logdet - scale > np.log(ratio))
    Z = np.full(rhs.shape, np.nan)
    if ok.all():
        Z = np.linalg.solve(K, rhs[..., None])[..., 0]
    elif ok.any():
        Z[ok] = np.linalg.solve(K[ok], rhs[ok][..., None])[..., 0]
    return Z, ok


def _cross(u: tuple, v: tuple) -> tuple:
    return (u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0])


def _solve_small(K: np.ndarray, rhs: np.ndarray,
                 ratio: float | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`solve_stack` for 1 x 1, 2 x 2 and 3 x 3 systems by the adjugate (Cramer's
    rule) after scaling every row to unit norm, so the Hadamard ratio is ``|det|``; far
    faster than LAPACK's per-matrix overhead on large stacks of tiny systems."""
    k = K.shape[-1]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        Kt = K.transpose(1, 2, 0)                               # (k, k, N): rows of K
        norm = np.sqrt(np.einsum("ijn,ijn->in", Kt, Kt))        # (k, N)
        T = np.divide(Kt, norm[:, None], order="C")             # unit rows, a new array
        r = rhs.T / norm
        if k == 1:
            det = T[0, 0]
            Z = r / det
        elif k == 2:
            (a, b), (c, d) = T
            det = a * d - b * c
            Z = np.stack([d * r[0] - b * r[1], a * r[1] - c * r[0]]) / det
        else:
            adj = (_cross(T[1], T[2]), _cross(T[2], T[0]), _cross(T[0], T[1]))
            det = T[0, 0] * adj[0][0] + T[0, 1] * adj[0][1] + T[0, 2] * adj[0][2]
            Z = np.stack([adj[0][j] * r[0] + adj[1][j] * r[1] + adj[2][j] * r[2]
                          for j in range(3)]) / det
        ok = np.abs(det) > ratio
    Z = Z.T                                                     # (N, k), a view
    Z[~ok] = np.nan
    return Z, ok
