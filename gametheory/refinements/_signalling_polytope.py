"""Exact vertices of small polytopes ``{x >= 0 : E x = e, G x >= g}`` over the rationals.

The polytopes of :mod:`.signalling` (mixed behaviour at the sender's or the receiver's
information sets, beliefs at one information set) live in a product of simplices: the
first rows of ``E`` sum disjoint blocks of variables to 1. Their vertices come from the
double description method (Motzkin et al. 1953; Fukuda & Prodon 1996): start from the
vertices of the product of simplices (the pure profiles) and cut by one constraint at a
time, adding the points where the cut's hyperplane meets an edge; two vertices span an
edge when no third vertex is tight at every constraint tight at both (the combinatorial
adjacency test). Other polytopes fall back to brute force: every choice of as many tight
inequalities as the affine hull has dimensions, solved over Fractions.

References
----------
Fukuda, K. and Prodon, A. (1996). Double description method revisited. In
*Combinatorics and Computer Science*, LNCS 1120, 91-111.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations, product
from math import comb, gcd

from ..errors import SolverError

__all__ = ["vertices", "brute_vertices", "satisfies", "MAX_SYSTEMS"]

#: Refuse a polytope needing more linear systems than this (a game too big to enumerate).
MAX_SYSTEMS = 200_000


def _rref(rows: list[list[Fraction]], ncols: int) -> tuple[list[list[Fraction]], list[int]]:
    """Reduced row echelon form of ``rows`` (each ``ncols`` + 1 long: an augmented
    system) and its pivot columns among the first ``ncols``."""
    R = [list(r) for r in rows]
    pivots: list[int] = []
    i = 0
    for c in range(ncols):
        k = next((j for j in range(i, len(R)) if R[j][c] != 0), None)
        if k is None:
            continue
        R[i], R[k] = R[k], R[i]
        p = R[i][c]
        R[i] = [x / p for x in R[i]]
        for j in range(len(R)):
            if j != i and R[j][c] != 0:
                f = R[j][c]
                R[j] = [x - f * y for x, y in zip(R[j], R[i])]
        pivots.append(c)
        i += 1
        if i == len(R):
            break
    return R, pivots


def _hull(n: int, E: Sequence[Sequence], e: Sequence):
    """``(x0, N)``: the solutions of ``E x = e`` are ``x0 + N y`` (N: n x d, as columns);
    None when there is none."""
    R, piv = _rref([[Fraction(v) for v in row] + [Fraction(b)] for row, b in zip(E, e)], n)
    if any(all(v == 0 for v in row[:n]) and row[n] != 0 for row in R):
        return None
    x0 = [Fraction(0)] * n
    for i, c in enumerate(piv):
        x0[c] = R[i][n]
    free = [c for c in range(n) if c not in piv]
    cols = []
    for f in free:
        v = [Fraction(0)] * n
        v[f] = Fraction(1)
        for i, c in enumerate(piv):
            v[c] = -R[i][f]
        cols.append(v)
    return x0, cols


def _solve(A: list[list[Fraction]], b: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of the square system ``A y = b``, or None if singular."""
    d = len(A)
    R, piv = _rref([row + [rhs] for row, rhs in zip(A, b)], d)
    if len(piv) < d:
        return None
    return [R[i][d] for i in range(d)]


def _blocks(n: int, E: Sequence[Sequence], e: Sequence) -> int:
    """How many leading rows of ``E`` are 0/1 rows with right-hand side 1 on disjoint
    blocks covering all ``n`` variables (0 if they do not cover them)."""
    seen: set[int] = set()
    for k, (row, rhs) in enumerate(zip(E, e)):
        if rhs != 1 or any(v not in (0, 1) for v in row):
            break
        block = {j for j, v in enumerate(row) if v}
        if not block or block & seen:
            break
        seen |= block
        if len(seen) == n:
            return k + 1
    return 0


def _integer_row(row: Sequence[Fraction], rhs: Fraction) -> tuple[list[int], int]:
    """``row . x >= rhs`` times the common denominator: integer coefficients."""
    den = 1
    for v in (*row, rhs):
        den = den * v.denominator // gcd(den, v.denominator)
    if den == 1:
        return [int(v) for v in row], int(rhs)
    return [v.numerator * (den // v.denominator) for v in row], \
        rhs.numerator * (den // rhs.denominator)


def _double_description(n: int, blocks: list[list[int]], cons: list) -> list[tuple]:
    """Vertices of the product of simplices over ``blocks`` cut by ``cons``, a list of
    ``(row, rhs, is_equality)`` meaning ``row . x >= rhs`` (or ``==``), ints or
    Fractions.

    Vertices are kept as integer vectors ``X`` with a positive integer ``d``
    (``x = X / d``), so the cuts run in integer arithmetic."""
    verts = []
    for choice in product(*blocks):
        X = [0] * n
        for j in choice:
            X[j] = 1
        verts.append((X, 1, frozenset(j for j in range(n) if X[j] == 0)))
    for k, (row, rhs, eq) in enumerate(cons, start=n):
        irow, irhs = _integer_row(row, rhs)
        nz = [(j, v) for j, v in enumerate(irow) if v]
        slack = [sum(v * X[j] for j, v in nz) - irhs * d for X, d, _ in verts]
        plus = [i for i, s in enumerate(slack) if s > 0]
        minus = [i for i, s in enumerate(slack) if s < 0]
        new = [(X, d, z | {k}) for (X, d, z), s in zip(verts, slack) if s == 0]
        if not eq:
            new += [verts[i] for i in plus]
        zsets = [z for _, _, z in verts]
        for i in plus:
            Xi, di, zi = verts[i]
            si = slack[i]
            for j in minus:
                Xj, dj, zj = verts[j]
                common = zi & zj
                if any(u != i and u != j and common <= z for u, z in enumerate(zsets)):
                    continue
                sj = slack[j]
                X = [si * b - sj * a for a, b in zip(Xi, Xj)]
                d = si * dj - sj * di
                g = d
                for v in X:
                    if v:
                        g = gcd(g, v)
                new.append(([v // g for v in X], d // g, common | {k}))
        verts = new
        if not verts:
            return []
    return list({tuple(Fraction(v, d) for v in X): None for X, d, _ in verts})


def vertices(n: int, E: Sequence[Sequence] = (), e: Sequence = (),
             G: Sequence[Sequence] = (), g: Sequence = ()) -> list[tuple[Fraction, ...]]:
    """The vertices of the bounded polytope ``{x in R^n : x >= 0, E x = e, G x >= g}``.

    Empty when the polytope is. The caller guarantees boundedness (every use here lies
    in a product of simplices, whose sums to 1 lead ``E``).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> vertices(2, [[1, 1]], [1], [[1, -1]], [0]) == [(F(1), F(0)), (F(1, 2), F(1, 2))]
    True
    >>> vertices(2, [[1, 1]], [1], [[1, 0]], [2])
    []
    """
    k = _blocks(n, E, e)
    if not k:
        return brute_vertices(n, E, e, G, g)
    blocks = [[j for j, v in enumerate(row) if v] for row in E[:k]]
    cons = [(row, b, True) for row, b in zip(E[k:], e[k:])]
    cons += [(row, b, False) for row, b in zip(G, g)]
    return sorted(_double_description(n, blocks, cons), reverse=True)


def brute_vertices(n: int, E: Sequence[Sequence] = (), e: Sequence = (),
                   G: Sequence[Sequence] = (), g: Sequence = ()) -> list[tuple[Fraction, ...]]:
    """:func:`vertices` by brute force over the choices of tight inequalities (any
    bounded polytope; slower).

    >>> from fractions import Fraction as F
    >>> brute_vertices(2, [[1, 1]], [1], [[1, -1]], [0]) == [(F(1), F(0)), (F(1, 2), F(1, 2))]
    True
    """
    hull = _hull(n, E, e)
    if hull is None:
        return []
    x0, N = hull
    d = len(N)
    rows = [[Fraction(1) if j == k else Fraction(0) for j in range(n)] for k in range(n)]
    rows += [[Fraction(v) for v in row] for row in G]
    rhs = [Fraction(0)] * n + [Fraction(v) for v in g]
    # inequality k in y: sum_j (row_k . N_j) y_j >= rhs_k - row_k . x0
    A, b = [], []
    for row, r in zip(rows, rhs):
        coef = [sum((row[i] * col[i] for i in range(n) if row[i]), Fraction(0)) for col in N]
        c0 = r - sum((row[i] * x0[i] for i in range(n) if row[i]), Fraction(0))
        if all(v == 0 for v in coef):
            if c0 > 0:
                return []
            continue
        A.append(coef)
        b.append(c0)
    if d == 0:
        return [tuple(x0)]
    if comb(len(A), d) > MAX_SYSTEMS:
        raise SolverError(f"a polytope of dimension {d} with {len(A)} inequalities is too "
                          f"large to enumerate (over {MAX_SYSTEMS} systems)")
    found: dict[tuple, None] = {}
    for pick in combinations(range(len(A)), d):
        y = _solve([A[k] for k in pick], [b[k] for k in pick])
        if y is None:
            continue
        if any(sum((a * v for a, v in zip(row, y)), Fraction(0)) < r
               for row, r in zip(A, b)):
            continue
        x = tuple(x0[i] + sum((col[i] * v for col, v in zip(N, y)), Fraction(0))
                  for i in range(n))
        found[x] = None
    return sorted(found, reverse=True)


def satisfies(x: Sequence, E: Sequence[Sequence] = (), e: Sequence = (),
              G: Sequence[Sequence] = (), g: Sequence = ()) -> bool:
    """Whether ``x`` (exact) lies in ``{x >= 0, E x = e, G x >= g}``.

    >>> satisfies([1, 0], [[1, 1]], [1], [[1, -1]], [0])
    True
    """
    def dot(row):
        return sum((a * v for a, v in zip(row, x) if a), Fraction(0))

    return (all(v >= 0 for v in x) and all(dot(r) == b for r, b in zip(E, e))
            and all(dot(r) >= b for r, b in zip(G, g)))
