"""Structural predicates of payoff arrays: constant/zero sum and symmetry."""

from __future__ import annotations

import numpy as np

__all__ = ["sums_to_constant", "is_symmetric_array"]


def _equal(a: np.ndarray, b: np.ndarray) -> bool:
    """Elementwise equality; sympy expressions are compared after simplification."""
    if a.dtype != object or not any(hasattr(v, "free_symbols") for v in a.flat):
        return bool(np.all(a == b))
    import sympy

    return all(sympy.simplify(x - y) == 0 for x, y in zip(a.flat, b.flat, strict=True))


def sums_to_constant(U: np.ndarray, exact: bool, tol: float, zero: bool) -> bool:
    """True when ``U.sum(axis=0)`` is the same in every cell (zero: equal to 0), exactly
    for exact or symbolic ``U``, within ``tol`` for floats."""
    total = sum(U[i] for i in range(U.shape[0]))
    target = np.full_like(total, 0 if zero else total.flat[0])
    if exact or U.dtype == object:
        return _equal(total, target)
    return bool(np.all(np.abs(total - target) <= tol))


def is_symmetric_array(U: np.ndarray) -> bool:
    """True when ``u_{pi(i)}(s o pi) = u_i(s)`` for every permutation pi of the players.

    Adjacent transpositions generate the symmetric group, so checking them suffices.
    """
    N = U.shape[0]
    if len(set(U.shape[1:])) > 1:
        return False
    for k in range(N - 1):
        perm = list(range(N))
        perm[k], perm[k + 1] = perm[k + 1], perm[k]
        for i in range(N):
            if not _equal(U[perm[i]], np.transpose(U[i], perm)):
                return False
    return True
