"""Exact verification of profiles with irrational (algebraic) probabilities.

:func:`~gametheory.solvers.result.build_solution` calls :func:`algebraic_regrets` when a
profile holds sympy algebraic numbers (from ``"enumpoly"`` with ``exact=True``). Signs
are decided exactly: a difference that is zero to 50 digits is tested with its minimal
polynomial over the rationals.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..games.values import exact_number

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame

__all__ = ["algebraic_regrets", "algebraic_regret", "is_zero"]


def _sym(x: Any):
    import sympy as sp

    if isinstance(x, Fraction):
        return sp.Rational(x.numerator, x.denominator)
    # trusted: strict sympify, text raises; profile entries, numbers or sympy objects
    return sp.sympify(x, strict=True)      # numbers and sympy only, never text


def is_zero(d: Any) -> bool:
    """True when the algebraic number ``d`` is exactly zero.

    A ``d`` built from one algebraic number ``r`` (a radical or a ``CRootOf``, as in
    enumpoly's equilibria) is a rational function of ``r``: it is zero exactly when the
    minimal polynomial of ``r`` divides the numerator -- one polynomial division.
    Otherwise the minimal polynomial of ``d`` itself decides (slow for large degrees).

    Examples
    --------
    >>> import sympy as sp
    >>> is_zero(sp.sqrt(8) - 2 * sp.sqrt(2)), is_zero(sp.sqrt(2) - 1)
    (True, False)
    >>> r = sp.CRootOf(sp.Poly(sp.Symbol("x") ** 3 - 3 * sp.Symbol("x") + 1), 0)
    >>> is_zero(r ** 3 - 3 * r + 1), is_zero(r ** 2 - 2)
    (True, False)
    """
    import sympy as sp

    d = sp.radsimp(sp.expand(_sym(d)))
    if d == 0:
        return True
    if d.is_Rational:
        return False
    if abs(d.evalf(50)) > 1e-40:
        return False
    X = sp.Dummy("X")
    atoms = _algebraic_atoms(d)
    if len(atoms) == 1:
        (r,) = atoms
        num = sp.numer(sp.together(d.xreplace({r: X})))
        if num.is_polynomial(X) and not (num.free_symbols - {X}):
            return sp.rem(sp.Poly(num, X, domain="QQ"), _minpoly(r, X)).is_zero
    return sp.minimal_polynomial(d, X) == X


def _algebraic_atoms(d) -> set:
    """The irrational building blocks of ``d``: CRootOf numbers and radicals of rationals."""
    import sympy as sp

    roots = set(d.atoms(sp.CRootOf))
    rads = {p for p in d.atoms(sp.Pow) if p.base.is_Rational and p.exp.is_Rational
            and not p.exp.is_Integer}
    return roots | rads


def _minpoly(r, X):
    import sympy as sp

    if isinstance(r, sp.CRootOf):
        return sp.Poly(r.poly.as_expr().subs(r.poly.gen, X), X, domain="QQ")
    return sp.Poly(sp.minimal_polynomial(r, X), X, domain="QQ")


def _sign(d) -> int:
    if is_zero(d):
        return 0
    return 1 if _sym(d).evalf(50) > 0 else -1


def _exact(v):
    import sympy as sp

    return exact_number(sp.radsimp(sp.expand(v)))


class _Field:
    """Exact arithmetic in QQ(r) = QQ[X]/(p): one algebraic number ``r`` with minimal
    polynomial ``p``; an element is a polynomial of degree below deg p, zero only when
    it is the zero polynomial."""

    def __init__(self, r):
        import sympy as sp

        self.r, self.X = r, sp.Dummy("X")
        self.p = _minpoly(r, self.X)

    def lift(self, x):
        """``x`` (a rational function of r with rational coefficients) as a reduced
        polynomial in X, or None when it is not of that form."""
        import sympy as sp

        e = sp.together(_sym(x).xreplace({self.r: self.X}))
        num, den = sp.fraction(e)
        if (num.free_symbols | den.free_symbols) - {self.X} or \
                not (num.is_polynomial(self.X) and den.is_polynomial(self.X)):
            return None
        n, d = (sp.Poly(t, self.X, domain="QQ") for t in (num, den))
        return (n * d.invert(self.p)).rem(self.p)

    def sign(self, P) -> int:
        import sympy as sp

        P = P.rem(self.p)
        if P.is_zero:
            return 0
        for digits in (50, 200, 1000):
            # trusted: strict sympify, text raises; profile entries, numbers or sympy objects
            v = sp.sympify(P.as_expr().subs(self.X, self.r), strict=True).evalf(digits)
            if abs(v) > sp.Float(10) ** (10 - digits):
                return 1 if v > 0 else -1
        raise ArithmeticError("could not decide the sign of a nonzero algebraic number")

    def value(self, P):
        import sympy as sp

        return exact_number(sp.expand(P.rem(self.p).as_expr().subs(self.X, self.r)))


def _field_regret(game: NormalFormGame, prof, field: _Field):
    """``(regret, payoffs)`` computed in QQ(r), or None when a coordinate is not a
    rational function of r."""
    import sympy as sp

    from ._enumpoly_support import strategy_payoffs

    vecs = []
    for s in prof:
        v = [field.lift(x) for x in s]
        if any(x is None for x in v):
            return None
        vecs.append(np.array(v, dtype=object))
    one = sp.Poly(1, field.X, domain="QQ")
    U = np.vectorize(lambda c: one * _sym(c), otypes=[object])(game.exact_payoffs())
    regret: Any = 0
    if any(field.sign(sum(v) - one) != 0 or any(field.sign(x) < 0 for x in v)
           for v in vecs):
        regret = Fraction(1)
    payoffs = []
    for i, v in enumerate(vecs):
        vals = [w.rem(field.p) for w in strategy_payoffs(U, i, vecs)]
        u = sum((a * b for a, b in zip(vals, v)), 0 * one).rem(field.p)
        payoffs.append(field.value(u))
        if regret == 0 and any(field.sign(w - u) > 0 for w in vals):
            regret = Fraction(1)
    return regret, tuple(payoffs)


def algebraic_regrets(game: NormalFormGame, profiles: list[tuple]) -> list[tuple[Any, tuple]]:
    """``(max regret, payoffs)`` for each profile, exactly: the regret is 0 at an
    equilibrium, a positive number otherwise (also when a vector does not sum to 1).

    A profile whose probabilities all lie in QQ(r) for one algebraic ``r`` (enumpoly's
    case: the lex basis gives every unknown as a polynomial in the last one) is checked
    by polynomial arithmetic modulo the minimal polynomial of ``r``: fast, and a
    difference is zero exactly when its reduced polynomial is. Other profiles are
    checked with sympy expressions and minimal polynomials."""
    return [algebraic_regret(game, prof) for prof in profiles]


def algebraic_regret(game: NormalFormGame, prof: tuple) -> tuple[Any, tuple]:
    """:func:`algebraic_regrets` of one profile."""
    from ._enumpoly_support import strategy_payoffs

    atoms = set().union(*[_algebraic_atoms(_sym(x)) for s in prof for x in s])
    if len(atoms) == 1:
        done = _field_regret(game, prof, _Field(next(iter(atoms))))
        if done is not None:
            return done
    U = np.vectorize(_sym, otypes=[object])(game.exact_payoffs())
    vecs = [np.array([_sym(x) for x in s], dtype=object) for s in prof]
    regret: Any = 0
    if any(_sign(sum(v) - 1) != 0 or any(_sign(x) < 0 for x in v) for v in vecs):
        regret = Fraction(1)
    payoffs = []
    for i, v in enumerate(vecs):
        vals = strategy_payoffs(U, i, vecs)
        u = sum(a * b for a, b in zip(vals, v))
        payoffs.append(_exact(u))
        if regret == 0 and any(_sign(w - u) > 0 for w in vals):
            regret = Fraction(1)
    return regret, tuple(payoffs)
