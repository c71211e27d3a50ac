"""Symbolic parameters in payoffs: declaring them, finding them, substituting values.

Payoffs may be sympy expressions in named parameters (``q``, ``rho``, ...). A game whose
payoffs contain free parameters cannot be solved numerically until they are given values
with ``game.substitute(q=...)``; the sensitivity tools sweep over them.
"""

from __future__ import annotations

from typing import Any, Mapping

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
    subs = {}
    for name, v in values.items():
        try:
            subs[by_name[name]] = sympy.nsimplify(v, rational=True) if isinstance(v, str) \
                else sympy.sympify(v)
        except (sympy.SympifyError, TypeError, ValueError):
            raise GameError(f"value {v!r} for parameter {name!r} is not a number") from None
    out = np.empty(arr.shape, dtype=object)
    for idx in np.ndindex(arr.shape):
        out[idx] = sympy.sympify(arr[idx]).xreplace(subs)
    return out
