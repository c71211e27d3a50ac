"""Exact verification of profiles with irrational (algebraic) probabilities.

:func:`~gametheory.solvers.result.build_solution` calls :func:`algebraic_regrets` when a
profile holds sympy algebraic numbers (from ``"enumpoly"`` with ``exact=True``). Signs
are decided exactly: a difference that is zero to 50 digits is tested with its minimal
polynomial over the rationals.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from ..games.values import exact_number

__all__ = ["algebraic_regrets", "is_zero"]


def _sym(x: Any):
    import sympy as sp

    if isinstance(x, Fraction):
        return sp.Rational(x.numerator, x.denominator)
    return sp.sympify(x)


def is_zero(d: Any) -> bool:
    """True when the algebraic number ``d`` is exactly zero.

    Examples
    --------
    >>> import sympy as sp
    >>> is_zero(sp.sqrt(8) - 2 * sp.sqrt(2)), is_zero(sp.sqrt(2) - 1)
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
    return sp.minimal_polynomial(d, X) == X


def _sign(d) -> int:
    if is_zero(d):
        return 0
    return 1 if _sym(d).evalf(50) > 0 else -1


def _exact(v):
    import sympy as sp

    return exact_number(sp.radsimp(sp.expand(v)))


def algebraic_regrets(game, profiles: list[tuple]) -> list[tuple[Any, tuple]]:
    """``(max regret, payoffs)`` for each profile, exactly: the regret is 0 at an
    equilibrium, a positive number otherwise (also when a vector does not sum to 1)."""
    from ._enumpoly_support import strategy_payoffs

    U = np.vectorize(_sym, otypes=[object])(game.exact_payoffs())
    out = []
    for prof in profiles:
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
        out.append((regret, tuple(payoffs)))
    return out
