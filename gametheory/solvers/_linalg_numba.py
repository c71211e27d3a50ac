"""Small dense linear solves shared by the compiled kernels (imported only with numba).

One LU factorisation with partial pivoting, :func:`lu_solve_in_place`, serves the QRE
corrector and tangent (:mod:`._qre_numba`), the support enumeration's stack solver
(:mod:`._support_numba`) and the refinement of Lemke-Howson's endpoints
(:mod:`._lh_numba`); the systems are small (up to some hundred unknowns), where a plain
loop beats a LAPACK call's overhead.

numba's on-disk cache checks only the file of each cached kernel: after editing this
module, delete the ``*.nbi`` and ``*.nbc`` files in ``gametheory/solvers/__pycache__``
(or touch the modules above). Otherwise their cached kernels keep the old code of these
functions (seen: the QRE tracer at 1.7x its time, from a cached kernel without the
zero-multiplier skip below). A new installation or clone starts without a cache; an
update that changes this file alone (a ``git pull`` into an editable install) needs the
same step.
"""

from __future__ import annotations

import numba
import numpy as np


@numba.njit(cache=True)
def lu_solve_in_place(A, b, pivots):
    """Solve ``A z = b`` by LU with partial pivoting: ``A`` is overwritten by the
    factorisation, ``b`` by ``z`` and ``pivots[c]`` by ``|U[c, c]|``. Returns ``(sign of
    det A, ok)``; ``ok`` is False (``b`` then partly eliminated) when a pivot is exactly
    zero, as in LAPACK's getrf.
    """
    n = len(b)
    sign = 1.0
    for c in range(n):
        p, best = c, abs(A[c, c])
        for i in range(c + 1, n):
            if abs(A[i, c]) > best:
                p, best = i, abs(A[i, c])
        if best == 0.0:
            return 0.0, False
        if p != c:
            for j in range(n):
                A[c, j], A[p, j] = A[p, j], A[c, j]
            b[c], b[p] = b[p], b[c]
            sign = -sign
        if A[c, c] < 0:
            sign = -sign
        pivots[c] = best
        for i in range(c + 1, n):
            f = A[i, c] / A[c, c]
            if f != 0.0:    # sparse systems (QRE on trees): skip; finite entries unchanged
                for j in range(c + 1, n):
                    A[i, j] -= f * A[c, j]
                b[i] -= f * b[c]
    for i in range(n - 1, -1, -1):
        s = b[i]
        for j in range(i + 1, n):
            s -= A[i, j] * b[j]
        b[i] = s / A[i, i]
    return sign, True


@numba.njit(cache=True)
def lu_solve(A, rhs):
    """``(z, sign of det A, ok)`` for ``A z = rhs`` by :func:`lu_solve_in_place` (A is
    overwritten, ``rhs`` is not)."""
    z = rhs.copy()
    sign, ok = lu_solve_in_place(A, z, np.empty(len(z)))
    return z, sign, ok
