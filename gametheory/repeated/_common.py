"""Small shared pieces of the repeated-game modules: reading a discount factor, stage
profiles as action indices and probability vectors, the stage equilibrium test."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError
from ..games.values import to_fraction
from .automaton import stage_payoff

if TYPE_CHECKING:
    from .game import RepeatedGame

__all__ = ["DISCOUNT_NAME", "parse_discount", "profile_vector", "is_stage_nash"]

#: The name of the discount factor when none is given.
DISCOUNT_NAME = "delta"


def parse_discount(value: Any, finite: bool) -> Any:
    """A Fraction in (0, 1) (``(0, 1]`` for a finite horizon) or a real sympy Symbol."""
    import sympy

    from ..games.expr import is_name

    if value is None:
        return sympy.Symbol(DISCOUNT_NAME, real=True)
    if isinstance(value, str) and is_name(value):
        return sympy.Symbol(value, real=True)
    if isinstance(value, sympy.Symbol):
        return sympy.Symbol(value.name, real=True)
    if isinstance(value, sympy.Basic) and value.free_symbols:
        raise GameError(f"the discount factor must be a number or one parameter name; got "
                        f"the expression {value}")
    if isinstance(value, (bool, np.bool_)):
        raise GameError(f"the discount factor must be a number in (0, 1); got {value!r}")
    try:
        d = to_fraction(value)
    except (GameError, TypeError, ValueError):
        raise GameError(f"the discount factor must be a number in (0, 1) or a parameter "
                        f"name; got {value!r}") from None
    if not (0 < d < 1 or (finite and d == 1)):
        where = "(0, 1]" if finite else "(0, 1)"
        raise GameError(f"the discount factor must lie in {where}; got {d}")
    return d


def profile_vector(rep: RepeatedGame, e: Any) -> tuple:
    """A stage profile (labels, indices, vectors, or an Equilibrium) as a tuple of action
    indices and Fraction vectors (a unit vector becomes its index)."""
    strategies = e.strategies if hasattr(e, "strategies") and hasattr(e, "payoffs") else e
    vecs = rep.stage.mixed_profile(list(strategies), exact=True)
    out = []
    for v in vecs:
        nz = [k for k, p in enumerate(v) if p != 0]
        out.append(nz[0] if len(nz) == 1 else tuple(Fraction(p) for p in v))
    return tuple(out)


def is_stage_nash(U: Any, e: tuple) -> bool:
    N = U.shape[0]
    for i in range(N):
        u = stage_payoff(U, i, e)
        for a in range(U.shape[1 + i]):
            if stage_payoff(U, i, e[:i] + (a,) + e[i + 1:]) > u:
                return False
    return True
