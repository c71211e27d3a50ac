"""Exact rebuild of an optimal vertex of the correlated-equilibrium polytope.

The floating-point optimum ``x`` of HiGHS's simplex is a vertex: it is the unique point
satisfying its tight incentive constraints, ``p_k = 0`` off its support and ``sum p = 1``.
Solving that system over the rationals gives the exact vertex; when rounding makes the
system look underdetermined (more than one solution), support coordinates are pinned to
nearby rationals one at a time until the solution is unique. Only a point verified
exactly against every constraint is returned.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from ..solvers.indifference import NONE, UNIQUE, rational_solve

__all__ = ["exact_vertex"]

_SUPPORT, _TIGHT = 1e-9, 1e-9


def exact_vertex(poly: Any, rows: list[dict[int, Any]], x: np.ndarray
                 ) -> list[Fraction] | None:
    """Rational distribution near ``x`` on the same face, verified exactly; or None.

    Optimality is not re-proved here: the caller compares the objective with the float
    optimum.
    """
    A = poly.A
    scale = float(np.abs(A.data).max(initial=0.0)) or 1.0
    slack = (A @ x) / scale
    support = [k for k in range(len(x)) if x[k] > _SUPPORT]
    col = {k: j for j, k in enumerate(support)}
    K: list[list[Fraction]] = []
    for t in np.flatnonzero(slack <= _TIGHT).tolist():
        row = [Fraction(0)] * len(support)
        for k, v in rows[t].items():
            if k in col:
                row[col[k]] = Fraction(v)
        if any(row):
            K.append(row)
    K.append([Fraction(1)] * len(support))
    rhs = [Fraction(0)] * (len(K) - 1) + [Fraction(1)]
    status, z = rational_solve(K, rhs)
    if status != UNIQUE:
        status, z = _pin(K, rhs, [x[k] for k in support])
    if status != UNIQUE:
        return None
    p = [Fraction(0)] * len(x)
    for k, v in zip(support, z, strict=True):
        p[k] = v
    return p if _verified(rows, p) else None


def _pin(K: list, rhs: list, xs: list[float]):
    """Add ``p_j = round(x_j)`` equations, largest coordinates first, until unique."""
    K, rhs = list(K), list(rhs)
    status, z = NONE, None
    for j in sorted(range(len(xs)), key=lambda j: -xs[j]):
        e = [Fraction(0)] * len(xs)
        e[j] = Fraction(1)
        K.append(e)
        rhs.append(Fraction(float(xs[j])).limit_denominator(10**6))
        status, z = rational_solve(K, rhs)
        if status == NONE:
            K.pop()
            rhs.pop()
        elif status == UNIQUE:
            break
    return status, z


def _verified(rows: list[dict[int, Any]], p: list[Fraction]) -> bool:
    if min(p) < 0 or sum(p) != 1:
        return False
    return all(sum((Fraction(v) * p[k] for k, v in row.items() if p[k]), Fraction(0)) >= 0
               for row in rows)
