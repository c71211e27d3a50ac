"""Symbolic machinery for :mod:`gametheory.sensitivity.critical`: real roots of rational
functions of one parameter, simple rational points between them, candidate critical values
of bimatrix games (support pairs) and perfect-information trees (backward induction), and
closed-form solutions of the linear systems that pin down an equilibrium.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError, SolverError

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveFormGame
    from ..games.normal import NormalFormGame

__all__ = ["Candidates", "real_roots", "simplest_between", "near_points", "sort_unique",
           "bimatrix_candidates", "tree_candidates", "tree_values", "solve_tight", "tight_mix"]

_DIGITS = 60  # working precision (decimal digits) for ordering algebraic numbers


class Field:
    """Exact arithmetic in the parameter ``q``: the field of rational functions ``QQ(q)``
    (fast sympy polys) when every value is one, else sympy's expression domain."""

    def __init__(self, q: Any, exprs: list):
        import sympy
        from sympy.polys.constructor import construct_domain

        self.q = q
        # trusted: strict sympify, text raises; expressions built from stored payoffs
        K, els = construct_domain([sympy.sympify(e, strict=True) for e in exprs] or [q],
                                   field=True)
        self.fast = bool(K.is_FractionField and tuple(K.symbols) == (q,)
                         and (K.domain.is_ZZ or K.domain.is_QQ))
        self.K = K if self.fast else sympy.EX
        self._roots: dict = {}
        self._nums: dict = {}

    def __call__(self, expr: Any) -> Any:
        """The element of the field for a sympy expression (or number)."""
        import sympy

        # trusted: strict sympify, text raises; expressions built from stored payoffs
        return self.K.from_sympy(sympy.sympify(expr, strict=True))

    def at(self, e: Any, t: Fraction) -> Any:
        """The exact value of the element ``e`` at the rational point ``t``."""
        import sympy

        if self.fast:
            def ev(p):
                return sum(Fraction(int(getattr(c, "numerator", c)),
                                    int(getattr(c, "denominator", 1))) * t ** k[0]
                           for k, c in p.terms())
            return ev(e.numer) / ev(e.denom)
        return self.K.to_sympy(e).subs(self.q, sympy.Rational(t.numerator, t.denominator))

    def num(self, x: Any) -> Any:
        """A 60-digit value of the sympy number ``x`` (cached: algebraic numbers are slow)."""
        if x not in self._nums:
            self._nums[x] = _num(x)
        return self._nums[x]

    def inside(self, r: Any, lo: Any, hi: Any) -> bool:
        """``lo < r < hi``, exactly for rationals, else to 60 digits."""
        if r.is_Rational:
            return bool(r > lo) and bool(r < hi)
        n = self.num(r)
        return bool(n > self.num(lo)) and bool(n < self.num(hi))

    def roots(self, e: Any, lo: Any, hi: Any) -> list:
        """The real zeros and poles of ``e`` in (lo, hi), exact, sorted.

        Polynomials are split into irreducible factors whose roots are cached, so equal
        roots are equal objects (rationals, radicals or ``CRootOf``)."""
        import sympy

        if not self.fast:
            return real_roots(self.K.to_sympy(e), self.q, lo, hi)
        out = []
        for p in (e.numer, e.denom):
            if p.degree() <= 0:
                continue
            for f, _ in p.factor_list()[1]:
                f = -f if f.LC < 0 else f
                if f not in self._roots:
                    poly = sympy.Poly(f.as_expr(), self.q)
                    self._roots[f] = (poly, poly.real_roots())
                poly, found = self._roots[f]
                out += self._between(poly, found, lo, hi)
        return sort_unique(set(out), self.num)

    def _between(self, poly: Any, found: list, lo: Any, hi: Any) -> list:
        """The roots ``found`` (all real roots of the irreducible ``poly``, ascending) in
        (lo, hi). With rational or infinite ends and degree at least 2 (no rational root,
        so none at an end) by Sturm counts, exactly and without evaluating a root: the
        roots inside are those after the ``count_roots(-oo, lo)`` smallest and before the
        ``count_roots(-oo, hi)``-th; else each root is compared (to 60 digits)."""
        import sympy

        ends = [x for x in (lo, hi) if x not in (sympy.oo, -sympy.oo)]
        if poly.degree() < 2 or not all(getattr(x, "is_Rational", False) for x in ends):
            return [r for r in found if self.inside(r, lo, hi)]
        first = 0 if lo == -sympy.oo else poly.count_roots(None, lo)
        last = len(found) if hi == sympy.oo else poly.count_roots(None, hi)
        return found[first:last]


class Candidates:
    """Candidate critical values in an open interval (lo, hi), each with a first reason."""

    def __init__(self, field: Field, lo: Any, hi: Any):
        self.field, self.lo, self.hi = field, lo, hi
        self.found: dict[Any, str] = {}
        self._seen: set = set()

    def add(self, e: Any, reason: str, lo: Any = None, hi: Any = None) -> list:
        """Add the roots (and poles) of the field element ``e`` in (lo, hi); returns the
        new ones."""
        lo = self.lo if lo is None else lo
        hi = self.hi if hi is None else hi
        key = (e, lo, hi)
        if key in self._seen or e == self.field.K.zero:
            return []
        self._seen.add(key)
        new = []
        for r in self.field.roots(e, lo, hi):
            if not self._known(r):
                self.found[r] = reason
                new.append(r)
        return new

    def _known(self, r: Any) -> bool:
        """Whether ``r`` is found already: the same object, or (roots of other
        expressions, outside the fast field) the same number to 45 digits."""
        if r in self.found:
            return True
        if self.field.fast:
            return False
        n = self.field.num(r)
        return any(_same(r, x, n, self.field.num(x)) for x in self.found)

    def values(self) -> list:
        return sort_unique(self.found, self.field.num)

    def merge(self, other: Candidates) -> list:
        """Add the values ``other`` (on the same field) found that are not here yet, with
        their reasons; returns those new ones."""
        new = []
        for r, reason in other.found.items():
            if not self._known(r):
                self.found[r] = reason
                new.append(r)
        return new


def _num(x: Any):
    import sympy

    # trusted: strict sympify, text raises; expressions built from stored payoffs
    return sympy.sympify(x, strict=True).evalf(_DIGITS)


def _same(a: Any, b: Any, na: Any = None, nb: Any = None) -> bool:
    if a == b or (a.is_Rational and b.is_Rational):
        return a == b
    return abs((_num(a) if na is None else na) - (_num(b) if nb is None else nb)) < 1e-45


def sort_unique(values: Any, num: Any = None) -> list:
    """Sympy numbers sorted, equal ones (to 45 digits) merged keeping the first; ``num``
    gives the numeric value of a number (default: evaluated to 60 digits)."""
    num = num or _num
    out: list = []
    last = None
    for n, v in sorted(((num(v), v) for v in values), key=lambda p: p[0]):
        if not out or not _same(out[-1], v, last, n):
            out.append(v)
            last = n
    return out


def _inside(r: Any, lo: Any, hi: Any) -> bool:
    if r.is_Rational:
        return bool(r > lo) and bool(r < hi)
    n = _num(r)
    return bool(n > _num(lo)) and bool(n < _num(hi))


def real_roots(expr: Any, q: Any, lo: Any, hi: Any) -> list:
    """The real zeros and poles of ``expr`` (a function of ``q`` only) in (lo, hi), exact.

    Rational functions give rationals or algebraic numbers (``sqrt(2)/2``, ``CRootOf``);
    other expressions are handed to ``sympy.solveset``.
    """
    import sympy

    # trusted: strict sympify, text raises; expressions built from stored payoffs
    expr = sympy.cancel(sympy.sympify(expr, strict=True))
    if expr == 0 or q not in expr.free_symbols:
        return []
    extra = expr.free_symbols - {q}
    if extra:
        raise SolverError(f"the expression {expr} depends on {', '.join(map(str, extra))} "
                          f"besides {q}; fix the other parameters")
    num, den = sympy.fraction(expr)
    out = []
    for part in (num, den):
        if q not in part.free_symbols:
            continue
        sol = sympy.solveset(part, q, sympy.Interval.open(lo, hi))
        if not isinstance(sol, sympy.FiniteSet):
            raise SolverError(f"cannot isolate the real roots of {part} in {q}; use "
                              f"polynomial or rational payoffs in {q}")
        out += [r for r in sol if _inside(r, lo, hi)]
    return sort_unique(out)


def simplest_between(x: Fraction, y: Fraction) -> Fraction:
    """The rational with the smallest denominator in the closed interval [x, y].

    Examples
    --------
    >>> simplest_between(Fraction(3, 10), Fraction(4, 10))
    Fraction(1, 3)
    """
    if x > y:
        x, y = y, x
    if x <= 0 <= y:
        return Fraction(0)
    if y < 0:
        return -simplest_between(-y, -x)
    n = math.floor(x)
    if n == x or n + 1 <= y:
        return Fraction(n if n == x else n + 1)
    return n + 1 / simplest_between(1 / (y - n), 1 / (x - n))


def _frac(x: Any) -> Fraction:
    """An exact Fraction for a rational sympy number, else a 60-digit approximation."""
    import sympy

    # trusted: strict sympify, text raises; expressions built from stored payoffs
    x = sympy.sympify(x, strict=True)     # numbers and sympy only, never text
    if x.is_Rational:
        return Fraction(int(x.p), int(x.q))
    return Fraction(str(x.evalf(_DIGITS)))


def interior_point(lo: Any, hi: Any) -> Fraction:
    """A simple rational strictly inside (lo, hi) (either side may be infinite)."""
    import sympy

    if lo == -sympy.oo and hi == sympy.oo:
        return Fraction(0)
    if lo == -sympy.oo:
        return Fraction(math.floor(_frac(hi)) - 1)
    if hi == sympy.oo:
        return Fraction(math.floor(_frac(lo)) + 1)
    a, b = _frac(lo), _frac(hi)
    w = (b - a) / 4
    return simplest_between(a + w, b - w)


def near_points(c: Any, prev: Any, nxt: Any) -> tuple[Fraction, Fraction]:
    """Short decimals just below and just above ``c``, inside (prev, nxt).

    The first of 1/100, 1/1000, ... whose multiples next to ``c`` lie in the interval.
    """
    import sympy

    cf = _frac(c)
    lo = None if prev == -sympy.oo else _frac(prev)
    hi = None if nxt == sympy.oo else _frac(nxt)
    for k in range(2, 200):
        d = Fraction(1, 10**k)
        below = (math.ceil(cf / d) - 1) * d
        above = (math.floor(cf / d) + 1) * d
        if (lo is None or below > lo) and (hi is None or above < hi):
            return below, above
    raise SolverError(f"critical values too close together near {c}")  # pragma: no cover


# ----------------------------------------------------------------------------- bimatrix
def _label_set(labels: tuple, idx: tuple) -> str:
    return "{" + ", ".join(labels[i] for i in idx) + "}"


def solve_tight(M: Any, rhs: Any) -> Any:
    """Solve the square sympy system ``M z = rhs``; (None, 0) when singular."""
    import sympy

    det = sympy.cancel(M.det())
    if det == 0:
        return None, det
    z = M.LUsolve(rhs)
    return [sympy.cancel(v) for v in z], det


def tight_mix(P: Any, P0: Any, x0: list, y0: list, what: str) -> tuple[list, Any]:
    """(y, v) as formulas: the mix on the columns of P making the row player indifferent
    over the rows ``x0`` uses, from the equations tight at the point (``P0``: P there)."""
    import sympy

    m, n = P.shape
    gain0 = [sum(P0[i, j] * y0[j] for j in range(n)) for i in range(m)]
    v0 = max(gain0)
    unit = [[int(j == k) for k in range(n)] + [0] for j in range(n)]
    rows = [([1] * n + [0], [1] * n + [0], 1)]
    rows += [(list(P[i, :]) + [-1], list(P0[i, :]) + [-1], 0) for i in range(m) if x0[i] > 0]
    rows += [(unit[j], unit[j], 0) for j in range(n) if y0[j] == 0]
    rows += [(list(P[i, :]) + [-1], list(P0[i, :]) + [-1], 0) for i in range(m)
             if x0[i] == 0 and gain0[i] == v0]
    chosen, num = [], sympy.zeros(0, n + 1)
    for coef, coef0, rhs in rows:
        trial = num.col_join(sympy.Matrix([coef0]))
        if trial.rank() > num.rows:
            chosen.append((coef, rhs))
            num = trial
        if len(chosen) == n + 1:
            break
    if len(chosen) < n + 1:
        raise GameError(f"{what} is not an isolated equilibrium (it lies in a continuum); "
                        "no unique formula describes it")
    M = sympy.Matrix([c for c, _ in chosen])
    z, _ = solve_tight(M, sympy.Matrix([r for _, r in chosen]))
    return [sympy.factor(e) for e in z[:n]], sympy.factor(z[n])


def _side(F: Field, P: list, rows: tuple, cols: tuple):
    """The mix on ``cols`` (and value v) making the player with payoffs P[row][col]
    indifferent over ``rows``: solves P[rows, cols] y = v 1, sum(y) = 1 in the field.
    Returns (y and v, determinant), or (None, 0) when the system is singular."""
    from sympy.polys.matrices import DomainMatrix

    K, k = F.K, len(cols)
    M = [[P[i][j] for j in cols] + [-K.one] for i in rows] + [[K.one] * k + [K.zero]]
    M = DomainMatrix(M, (k + 1, k + 1), K)
    det = M.det()
    if det == K.zero:
        return None, det
    rhs = DomainMatrix([[K.zero]] * k + [[K.one]], (k + 1, 1), K)
    z = M.lu_solve(rhs)
    return [z[b, 0].element for b in range(k + 1)], det


def bimatrix_candidates(game: NormalFormGame, F: Field, A: list, B: list, cand: Candidates) -> None:
    """Add the candidate critical values of the bimatrix game (A, B) (nested lists of
    field elements) to ``cand``: for every support pair of equal size, where a probability
    of the parametric solution of the indifference system crosses 0, where a strategy
    outside a support becomes as good as the support, and where the system is singular.

    With payoffs polynomial in the parameter on a bounded interval, a side of a pair (one
    player's mix equalising the other's support) that is infeasible on the whole closed
    interval (nonsingular throughout, and a probability negative or an outside strategy
    better throughout: :func:`~gametheory.solvers.batched_support.support_prune`) adds
    nothing: its conditions cannot change an equilibrium there."""
    m, n = len(A), len(A[0])
    BT = [[B[i][j] for i in range(m)] for j in range(n)]
    p1, p2 = game.players
    s1, s2 = game.strategies
    allowed = _pruned_sides(F, A, B, cand)
    for k in range(1, min(m, n) + 1):
        for ri, rows in enumerate(itertools.combinations(range(m), k)):
            for ci, cols in enumerate(itertools.combinations(range(n), k)):
                keep_y = allowed is None or bool(allowed[k - 1][1][ri, ci])
                keep_x = allowed is None or bool(allowed[k - 1][0][ci, ri])
                if not (keep_x or keep_y):
                    continue
                tag = f"support {_label_set(s1, rows)} x {_label_set(s2, cols)}"
                y, dety = _side(F, A, rows, cols) if keep_y else ([], None)  # P1 indifferent
                x, detx = _side(F, BT, cols, rows) if keep_x else ([], None)  # P2 indifferent
                if y is None or x is None:
                    continue
                if k > 1:
                    if keep_y:
                        cand.add(dety, f"{tag}: {p1}'s indifference system is singular")
                    if keep_x:
                        cand.add(detx, f"{tag}: {p2}'s indifference system is singular")
                    for b, j in enumerate(cols if keep_y else ()):
                        cand.add(y[b], f"{tag}: probability of {s2[j]} ({p2}) reaches 0")
                    for a, i in enumerate(rows if keep_x else ()):
                        cand.add(x[a], f"{tag}: probability of {s1[i]} ({p1}) reaches 0")
                if keep_y:
                    _outside_gains(cand, A, y, rows, cols, p1, s1, s2, tag)
                if keep_x:
                    _outside_gains(cand, BT, x, cols, rows, p2, s2, s1, tag)


def _pruned_sides(F: Field, A: list, B: list, cand: Candidates) -> list | None:
    """:func:`~gametheory.solvers.batched_support.support_prune` on the closed interval
    [cand.lo, cand.hi], cut into 16 equal closed parts (per support size: which sides of
    which pairs to keep: those not proved infeasible on every part), or None
    when the interval is unbounded, a payoff is not a polynomial in the parameter, or
    ``cand`` is a collector without an interval (it then gets every condition)."""
    from ..solvers._support_batch import interval_nodes
    from ..solvers.batched_support import support_prune

    if not (isinstance(cand, Candidates) and isinstance(F, Field) and F.fast):
        return None                       # other collectors and fields get every condition
    lo, hi = cand.lo, cand.hi
    if not (getattr(lo, "is_Rational", False) and getattr(hi, "is_Rational", False)):
        return None
    entries = [e for P in (A, B) for row in P for e in row]
    if any(e.denom.degree() > 0 for e in entries):
        return None
    d = max(e.numer.degree() for e in entries)
    if d <= 0:
        return None
    m, n = len(A), len(A[0])
    a, b = Fraction(int(lo.p), int(lo.q)), Fraction(int(hi.p), int(hi.q))
    parts = 16                 # a side is kept if it is feasible somewhere on some part
    w = (b - a) / parts
    ts = [a + w * (j + Fraction(float(u))) for j in range(parts)
          for u in interval_nodes(d * min(m, n))]
    P = np.array([[[[float(F.at(e, t)) for e in row] for row in M] for M in (A, B)]
                  for t in ts])
    per_part = support_prune(P.reshape((parts, -1) + P.shape[1:]), d)
    return [(ax.any(axis=0), ay.any(axis=0)) for ax, ay in per_part]


def _outside_gains(cand: Candidates, P: list, mix: list, own: tuple, other: tuple,
                   player: str, labels: Any, other_labels: Any, tag: str) -> None:
    """Add where each of ``player``'s strategies outside its support ``own`` does as well
    as the support against the opponent's mix on ``other`` (``mix`` ends with the value);
    ``P`` is the player's payoff matrix, its own strategies as rows."""
    k = len(own)
    against = other_labels[other[0]] if k == 1 else _label_set(other_labels, other)
    for i in sorted(set(range(len(P))) - set(own)):
        gain = sum((P[i][j] * mix[b] for b, j in enumerate(other)), -mix[k])
        pair = sorted((i, own[0]))
        what = (f"{player} indifferent between {labels[pair[0]]} and {labels[pair[1]]} "
                f"against {against}"
                if k == 1 else f"{tag}: {labels[i]} ({player}) becomes a best response")
        cand.add(gain, what)


# ----------------------------------------------------------------------------- trees
def _children(parent: np.ndarray, action: np.ndarray) -> list[list[int]]:
    kids: list[list[int]] = [[] for _ in range(len(parent))]
    for v in range(1, len(parent)):
        kids[int(parent[v])].append(v)
    return [sorted(c, key=lambda v: int(action[v])) for c in kids]


def _dedupe(vectors: list) -> list:
    out, seen = [], set()
    for v in vectors:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


def _tree_pass(game: ExtensiveFormGame, F: Field, t: Fraction, cand: Candidates, lo: Any,
               hi: Any, pay: list, prob: list) -> list:
    """Backward induction with exact values in the parameter, choices made at ``t``;
    returns the new roots found inside (lo, hi) (see :func:`tree_values`)."""
    return tree_values(game, F, t, cand, lo, hi, pay, prob)[0]


def tree_values(game: ExtensiveFormGame, F: Field, t: Fraction, cand: Candidates, lo: Any,
                hi: Any, pay: list | None = None, prob: list | None = None
                ) -> tuple[list, list]:
    """Backward induction with exact values in the parameter, choices made at ``t``.

    Every node keeps the set of value vectors of the subgame-perfect equilibria of its
    subtree (valid on the interval around ``t``); at each decision the differences of the
    mover's values between alternative actions are candidates. ``pay`` and ``prob`` are
    the terminal payoff vectors and chance probabilities as field elements (default: read
    from the game). Returns the new roots found inside (lo, hi) and the root's set of
    value vectors.
    """
    a = game.arrays
    if pay is None:
        pay = [tuple(F(x) for x in row) for row in a.payoffs.tolist()]
    if prob is None:
        prob = [F(x) for x in a.chance_prob.tolist()]
    kids = _children(a.parent, a.action)
    term = {int(v): k for k, v in enumerate(a.terminals)}
    sets: list = [None] * len(a.parent)
    new: list = []
    for v in range(len(a.parent) - 1, -1, -1):
        if v in term:
            sets[v] = [pay[term[v]]]
            continue
        ch = kids[v]
        if a.player[v] < 0:          # chance: every combination of the children's values
            out = []
            for combo in itertools.product(*(sets[c] for c in ch)):
                out.append(tuple(sum((prob[c] * w[i] for c, w in zip(ch, combo)), F.K.zero)
                                 for i in range(len(combo[0]))))
            sets[v] = _dedupe(out)
            continue
        i = int(a.player[v])
        h = a.infoset_labels[int(a.infoset[v])]
        acts = a.infoset_actions[int(a.infoset[v])]
        for (x, cx), (y, cy) in itertools.combinations(enumerate(ch), 2):
            for w1 in sets[cx]:
                for w2 in sets[cy]:
                    new += cand.add(w1[i] - w2[i], f"{game.players[i]} indifferent between "
                                    f"{acts[x]} and {acts[y]} at {h}", lo, hi)
        worst = [min(F.at(w[i], t) for w in sets[c]) for c in ch]
        out = []
        for x, c in enumerate(ch):
            for w in sets[c]:
                val = F.at(w[i], t)
                if all(val >= worst[y] for y in range(len(ch)) if y != x):
                    out.append(w)
        sets[v] = _dedupe(out)
    return new, sets[0]


def tree_candidates(game: ExtensiveFormGame, F: Field, cand: Candidates) -> None:
    """Candidate critical values of a perfect-information tree in one parameter.

    Piecewise: on each interval between known candidates, backward induction is run with
    the choices valid there; new roots split the interval and the pieces are redone.
    """
    a = game.arrays
    pay = [tuple(F(x) for x in row) for row in a.payoffs.tolist()]
    prob = [F(x) for x in a.chance_prob.tolist()]
    todo = [(cand.lo, cand.hi)]
    while todo:
        lo, hi = todo.pop()
        t = interior_point(lo, hi)
        new = sort_unique(_tree_pass(game, F, t, cand, lo, hi, pay, prob), F.num)
        if new:
            cuts = [lo, *new, hi]
            todo += list(zip(cuts[:-1], cuts[1:]))
