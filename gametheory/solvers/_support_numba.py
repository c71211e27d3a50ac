"""The compiled stack solver of :mod:`._support_batch` (imported only with numba)."""

from __future__ import annotations

import numba
import numpy as np


@numba.njit(cache=True)
def solve_last(D, log_ratio):
    """Solve ``D[i] z = e_k`` for a stack (N, k, k) by LU with partial pivoting.

    A system counts as singular (its z left NaN, ``ok`` False) when a pivot is zero or
    ``log|det| - sum(log(row norms))`` is not above ``log_ratio[i]``: the rule of
    :func:`.indifference.solve_stack`. Returns ``(z (N, k), ok (N,))``.
    """
    N, k, _ = D.shape
    z = np.full((N, k), np.nan)
    ok = np.zeros(N, dtype=np.bool_)
    A = np.empty((k, k))
    b = np.empty(k)
    for n in range(N):
        scale = 0.0
        for i in range(k):
            s = 0.0
            for j in range(k):
                A[i, j] = D[n, i, j]
                s += A[i, j] * A[i, j]
            scale += 0.5 * np.log(s) if s > 0.0 else -np.inf
            b[i] = 0.0
        b[k - 1] = 1.0
        logdet = 0.0
        singular = False
        for c in range(k):
            p, best = c, abs(A[c, c])
            for i in range(c + 1, k):
                if abs(A[i, c]) > best:
                    p, best = i, abs(A[i, c])
            if best == 0.0:
                singular = True
                break
            if p != c:
                for j in range(k):
                    A[c, j], A[p, j] = A[p, j], A[c, j]
                b[c], b[p] = b[p], b[c]
            logdet += np.log(best)
            for i in range(c + 1, k):
                f = A[i, c] / A[c, c]
                for j in range(c + 1, k):
                    A[i, j] -= f * A[c, j]
                b[i] -= f * b[c]
        if singular or not logdet - scale > log_ratio[n]:
            continue
        for i in range(k - 1, -1, -1):
            s = b[i]
            for j in range(i + 1, k):
                s -= A[i, j] * z[n, j]
            z[n, i] = s / A[i, i]
        ok[n] = True
    return z, ok
