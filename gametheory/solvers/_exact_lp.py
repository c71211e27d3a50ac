"""A small exact simplex method over the rationals (Fractions), for exact decisions.

Linear programs in standard form, ``maximise c x subject to A x = b, x >= 0``, are
solved by the two-phase tableau method with Bland's rule (smallest index enters and
leaves), which cannot cycle. Every number is a Fraction, so "empty", "optimal value 0"
and "optimal value positive" are decided exactly. It is meant for small problems (a few
dozen rows), such as the support sets of :mod:`.support` in exact mode.

References
----------
Chvátal, V. (1983). *Linear Programming*. Freeman, ch. 3 (Bland's rule) and ch. 8
(the two-phase method).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

__all__ = ["INFEASIBLE", "OPTIMAL", "UNBOUNDED", "simplex"]

OPTIMAL, INFEASIBLE, UNBOUNDED = "optimal", "infeasible", "unbounded"


def _pivot(T: list[list[Fraction]], basis: list[int], r: int, c: int) -> None:
    piv = T[r][c]
    T[r] = [a / piv if a else a for a in T[r]]
    nonzero = [(j, b) for j, b in enumerate(T[r]) if b]     # tableaus are sparse
    for row in T:
        f = row[c]
        if f and row is not T[r]:
            for j, b in nonzero:
                row[j] -= f * b
    if r < len(basis):
        basis[r] = c


def _run(T: list[list[Fraction]], basis: list[int], allowed: int) -> bool:
    """Bland's rule on tableau ``T`` (last row: reduced costs of a maximisation, last
    column: right-hand sides) over the first ``allowed`` columns; False if unbounded."""
    m = len(basis)
    while True:
        c = next((j for j in range(allowed) if T[m][j] > 0), None)
        if c is None:
            return True
        ratios = [(T[i][-1] / T[i][c], basis[i], i) for i in range(m) if T[i][c] > 0]
        if not ratios:
            return False
        _pivot(T, basis, min(ratios)[2], c)


def simplex(c: Sequence, A: Sequence[Sequence], b: Sequence):
    """Maximise ``c x`` subject to ``A x = b`` and ``x >= 0``, exactly.

    Parameters
    ----------
    c : sequence of n numbers
    A : m sequences of n numbers (ints or Fractions)
    b : sequence of m numbers

    Returns
    -------
    (status, x, value)
        status is ``"optimal"`` (x a basic optimal solution: a vertex of the feasible
        set, as Fractions, and value its objective), ``"infeasible"`` or
        ``"unbounded"`` (x and value None).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> simplex([1, 1, 0], [[1, 2, 1]], [4])          # max x + y, x + 2y <= 4
    ('optimal', [Fraction(4, 1), Fraction(0, 1), Fraction(0, 1)], Fraction(4, 1))
    >>> simplex([0, 0], [[1, 1], [1, 1]], [1, 2])[0]
    'infeasible'
    >>> simplex([1, 0], [[-1, 1]], [F(1, 3)])[0]
    'unbounded'
    """
    m, n = len(A), len(c)
    rows = []
    for row, rhs in zip(A, b, strict=True):
        sign = -1 if rhs < 0 else 1
        rows.append([Fraction(sign * a) for a in row] + [Fraction(sign * rhs)])
    # phase 1: an artificial variable per row; maximise minus their sum
    T = [r[:n] + [Fraction(int(i == k)) for k in range(m)] + r[n:]
         for i, r in enumerate(rows)]
    T.append([sum((r[j] for r in T), Fraction(0)) if j < n or j == n + m else Fraction(0)
              for j in range(n + m + 1)])
    basis = list(range(n, n + m))
    _run(T, basis, n + m)
    if T[m][-1] != 0:                       # the artificials cannot all be zero
        return INFEASIBLE, None, None
    for i in reversed(range(m)):            # drive artificials out, drop redundant rows
        if basis[i] >= n:
            j = next((j for j in range(n) if T[i][j] != 0), None)
            if j is None:
                del T[i], basis[i]
            else:
                _pivot(T, basis, i, j)
    m = len(basis)
    T = [row[:n] + row[-1:] for row in T[:m]]
    # phase 2: reduced costs c_j - c_B B^-1 A_j, and minus the objective value
    cost = [Fraction(v) for v in c]
    T.append([cost[j] - sum((cost[basis[i]] * T[i][j] for i in range(m)), Fraction(0))
              for j in range(n)]
             + [-sum((cost[basis[i]] * T[i][-1] for i in range(m)), Fraction(0))])
    if not _run(T, basis, n):
        return UNBOUNDED, None, None
    x = [Fraction(0)] * n
    for i, j in enumerate(basis):
        x[j] = T[i][-1]
    return OPTIMAL, x, -T[m][-1]
