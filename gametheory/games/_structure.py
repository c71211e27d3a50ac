"""Structural predicates of payoff arrays: constant/zero sum and symmetry."""

from __future__ import annotations

import numpy as np

__all__ = ["sums_to_constant", "is_constant_sum_payoffs", "is_symmetric_array"]


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


def is_constant_sum_payoffs(U: np.ndarray, kind: str, player_axis: int = 0) -> bool:
    """True when the players' payoffs (``U`` with the players along ``player_axis``) sum
    to the same constant at every outcome.

    Exact for ``"exact"`` payoffs; for ``"symbolic"`` ones each difference of sums is
    expanded and compared with 0; for ``"float"`` ones the sums may differ by the
    tolerance of :func:`gametheory.solvers.result.payoff_tolerance` (1e-9 times the
    largest range of one player's payoffs plus 1e-13 times the largest absolute payoff),
    as in :func:`gametheory.solvers.sequence_lp.sum_mismatch`.

    >>> is_constant_sum_payoffs(np.array([[2, 0], [0, 2]]), "exact", player_axis=1)
    True
    >>> is_constant_sum_payoffs(np.array([[1.0, 0.1 + 0.2], [0.0, 0.7]]), "float")
    True
    """
    U = np.moveaxis(np.asarray(U), player_axis, 0)
    if U.shape[0] == 0 or U[0].size == 0:
        return True
    total = sum(U[i] for i in range(U.shape[0])).ravel()
    first = total[0]
    if kind == "float":
        F = U.astype(np.float64).reshape(U.shape[0], -1)
        tol = 1e-9 * float(np.ptp(F, axis=1).max()) + 1e-13 * float(np.abs(F).max())
        return bool(np.all(np.abs(total.astype(np.float64) - float(first)) <= tol))
    if kind == "symbolic":
        import sympy

        return all(sympy.expand(t - first) == 0 for t in total)
    return bool(np.all(total == first))


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
