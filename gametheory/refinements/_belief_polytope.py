"""Exact polytopes of beliefs at one information set: vertices and a readable range.

Sequential rationality at an information set with the rest of the assessment fixed is
linear in the belief there: each action's expected continuation is ``sum_x mu(x) V(x, a)``.
So the beliefs that keep a given behaviour optimal form a polytope in the simplex over
the set's nodes, ``{mu >= 0, sum mu = 1, D_eq mu = 0, D_ge mu >= 0}``. Its dimension is
small (the set's nodes minus one), so its vertices are found exactly by trying every
choice of tight constraints (Fractions, Gaussian elimination).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations

from ..solvers.result import BeliefRange

__all__ = ["solve_exact", "polytope_vertices", "belief_range", "short_names"]


def solve_exact(A: Sequence[Sequence[Fraction]], b: Sequence[Fraction]
                ) -> list[Fraction] | None:
    """The unique solution of the square system ``A x = b`` (Fractions), or None when
    ``A`` is singular."""
    n = len(A)
    M = [list(map(Fraction, row)) + [Fraction(v)] for row, v in zip(A, b)]
    for c in range(n):
        piv = next((r for r in range(c, n) if M[r][c] != 0), None)
        if piv is None:
            return None
        M[c], M[piv] = M[piv], M[c]
        inv = 1 / M[c][c]
        M[c] = [v * inv for v in M[c]]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c]
                M[r] = [x - f * y for x, y in zip(M[r], M[c])]
    return [M[r][n] for r in range(n)]


def _rank(rows: list[list[Fraction]]) -> int:
    M = [list(r) for r in rows]
    rank, cols = 0, len(M[0]) if M else 0
    for c in range(cols):
        piv = next((r for r in range(rank, len(M)) if M[r][c] != 0), None)
        if piv is None:
            continue
        M[rank], M[piv] = M[piv], M[rank]
        for r in range(len(M)):
            if r != rank and M[r][c] != 0:
                f = M[r][c] / M[rank][c]
                M[r] = [x - f * y for x, y in zip(M[r], M[rank])]
        rank += 1
    return rank


def polytope_vertices(n: int, eq: Sequence[Sequence[Fraction]],
                      ge: Sequence[Sequence[Fraction]]) -> list[tuple[Fraction, ...]]:
    """The vertices of ``{mu in R^n: mu >= 0, sum mu = 1, e . mu = 0 (e in eq),
    g . mu >= 0 (g in ge)}``, exactly, in a deterministic order (empty: no point).

    >>> from fractions import Fraction as F
    >>> polytope_vertices(2, [], [[F(1), F(-1)]])      # mu1 >= mu2
    [(Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 1), Fraction(0, 1))]
    """
    one = [Fraction(1)] * n
    equal = [one] + [list(map(Fraction, e)) for e in eq]
    base = [r for r in equal]
    if _rank(base) < len(base):     # drop dependent equalities (keep sum = 1 first)
        kept: list[list[Fraction]] = []
        for r in base:
            if _rank(kept + [r]) > len(kept):
                kept.append(r)
        base = kept
    ineq = [[Fraction(int(i == j)) for j in range(n)] for i in range(n)] + \
        [list(map(Fraction, g)) for g in ge]
    need = n - len(base)
    found: set[tuple[Fraction, ...]] = set()
    if need < 0:
        return []
    for tight in combinations(range(len(ineq)), need):
        A = base + [ineq[k] for k in tight]
        x = solve_exact(A, [Fraction(1)] + [Fraction(0)] * (n - 1))
        if x is None:
            continue
        if all(sum(c * v for c, v in zip(row, x)) == 0 for row in equal[1:]) and \
                all(sum(c * v for c, v in zip(row, x)) >= 0 for row in ineq):
            found.add(tuple(x))
    return sorted(found, key=lambda v: tuple(-c for c in reversed(v)))


def short_names(paths: Sequence[str]) -> tuple[str, ...]:
    """What tells the nodes apart: the path steps (``/``-separated) not common to all
    of them, joined by ``/`` (the full path where nothing is common).

    >>> short_names(["weak/quiche", "strong/quiche"])
    ('weak', 'strong')
    >>> short_names(["C/d", "D"])
    ('C/d', 'D')
    """
    split = [p.split("/") for p in paths]
    if len(split) < 2:
        return tuple(paths)
    common = set.intersection(*(set(s) for s in split))
    out = tuple("/".join(x for x in s if x not in common) or p for s, p in zip(split, paths))
    return out if len(set(out)) == len(out) else tuple(paths)


def belief_range(infoset: str, nodes: Sequence[str], eq: Sequence[Sequence[Fraction]],
                 ge: Sequence[Sequence[Fraction]], zero: Sequence[int] = ()
                 ) -> BeliefRange | None:
    """The :class:`~gametheory.solvers.result.BeliefRange` of the polytope (homogeneous
    rows ``eq`` (= 0) and ``ge`` (>= 0) over the simplex on ``nodes``; nodes in ``zero``
    get belief 0), or None when it is empty. Constraints implied by the others are left
    out, and the last node's belief is eliminated (``1 - the others``), so a set of two
    nodes reads as bounds on the first.

    >>> from fractions import Fraction as F
    >>> print(belief_range("R: quiche", ["weak/quiche", "strong/quiche"], [],
    ...                    [[F(1), F(-1)]]))
    mu(weak | R: quiche) >= 1/2
    """
    n = len(nodes)
    eq = [list(map(Fraction, e)) for e in eq] + \
        [[Fraction(int(j == k)) for j in range(n)] for k in zero]
    ge = [list(map(Fraction, g)) for g in ge]
    verts = polytope_vertices(n, eq, ge)
    if not verts:
        return None
    vset = set(verts)
    rows, rhs, senses = [], [], []

    def add(row: list[Fraction], sense: str) -> None:
        # eliminate the last coordinate: mu_n = 1 - sum of the others
        r = [c - row[-1] for c in row[:-1]] + [Fraction(0)]
        b = -row[-1]
        if all(c == 0 for c in r):
            return                                   # implied by the simplex
        key = (tuple(r), b, sense)
        if key not in seen:
            seen.add(key)
            rows.append(tuple(r))
            rhs.append(b)
            senses.append(sense)

    seen: set = set()
    # an equality holds on the whole polytope; keep those not implied by the simplex
    for e in eq:
        if any(c != 0 for c in e):
            add(e, "==")
    # an inequality matters when dropping it adds vertices
    for k, g in enumerate(ge):
        rest = ge[:k] + ge[k + 1:]
        if set(polytope_vertices(n, eq, rest)) != vset:
            add(g, ">=")
    return BeliefRange(infoset, tuple(nodes), short_names(nodes), tuple(rows), tuple(rhs),
                       tuple(senses), tuple(verts))
