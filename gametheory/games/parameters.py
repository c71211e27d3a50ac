"""Symbolic parameters in payoffs: declaring them, finding them, substituting values.

Payoffs may be sympy expressions in named parameters (``q``, ``rho``, ...). A game whose
payoffs contain free parameters cannot be solved numerically until they are given values
with ``game.substitute(q=...)``; the sensitivity tools sweep over them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..errors import GameError

__all__ = ["parameters", "free_parameters", "substitute_array"]


def parameters(names: str):
    """Declare parameters (real sympy Symbols) by name.

    Parameters
    ----------
    names : str
        Names separated by spaces or commas.

    Returns
    -------
    sympy.Symbol or tuple of sympy.Symbol

    Examples
    --------
    >>> import gametheory as gt
    >>> q, rho = gt.parameters("q rho")
    >>> q + rho
    q + rho
    """
    import sympy

    return sympy.symbols(names, real=True)


def free_parameters(arr: np.ndarray) -> tuple:
    """The free symbols of an object array of sympy expressions, sorted by name."""
    if arr.dtype != object:
        return ()
    syms = set()
    for v in arr.flat:
        syms |= getattr(v, "free_symbols", set())
    return tuple(sorted(syms, key=lambda s: s.name))


def substitute_array(arr: np.ndarray, params: tuple, values: Mapping[str, Any]) -> np.ndarray:
    """Substitute ``{name: value}`` into a symbolic array; unknown names raise GameError."""
    import sympy

    by_name = {p.name: p for p in params}
    unknown = sorted(set(values) - set(by_name))
    if unknown:
        known = ", ".join(by_name) or "none"
        raise GameError(f"unknown parameter {unknown[0]!r}; this game's parameters are: {known}")
    subs = {by_name[name]: _value(name, v) for name, v in values.items()}
    out = np.empty(arr.shape, dtype=object)
    for idx in np.ndindex(arr.shape):
        out[idx] = sympy.sympify(arr[idx]).xreplace(subs)
    return out


def _value(name: str, v: Any):
    """A sympy number for the value ``v`` of parameter ``name`` (GameError if not a number).

    Strings are read exactly (``"0.3"`` is 3/10) and must not name other symbols; a sympy
    expression may (substituting one parameter by an expression in another).
    """
    import sympy

    bad = GameError(f"value {v!r} for parameter {name!r} is not a number")
    if isinstance(v, (bool, np.bool_)) or v is None:
        raise bad
    try:
        if isinstance(v, str):
            out = sympy.nsimplify(sympy.sympify(v.strip(), rational=True), rational=True)
            if out.free_symbols or out.is_finite is False or out.is_real is False:
                raise bad
            return out
        return sympy.sympify(v)
    except (sympy.SympifyError, TypeError, ValueError, SyntaxError):
        raise bad from None
