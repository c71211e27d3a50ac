"""The compiled loops of :mod:`._support_batch` (imported only with numba): the stack
solver :func:`solve_last` and :func:`class_systems`, every step of a size class's
systems (gather, solve, positivity, best responses) in one loop."""

from __future__ import annotations

import numba
import numpy as np

from ._linalg_numba import lu_solve_in_place


@numba.njit(cache=True)
def solve_last(D, log_ratio):
    """Solve ``D[i] z = e_k`` for a stack (N, k, k) by LU with partial pivoting.

    A system counts as singular (its z left NaN, ``ok`` False) when a pivot is zero or
    ``log|det| - sum(log(row norms))`` is not above ``log_ratio[i]``: the rule of
    :func:`.indifference.solve_stack` (compared without logs when no product under- or
    overflows). Returns ``(z (N, k), ok (N,))``.
    """
    N, k, _ = D.shape
    z = np.full((N, k), np.nan)
    ok = np.zeros(N, dtype=np.bool_)
    A = np.empty((k, k))
    b = np.empty(k)
    norms = np.empty(k)
    pivots = np.empty(k)
    for n in range(N):
        for i in range(k):
            for j in range(k):
                A[i, j] = D[n, i, j]
        ok[n] = _lu_last(A, b, norms, pivots, np.exp(log_ratio[n]), z, n)
    return z, ok


@numba.njit(cache=True)
def _lu_last(A, b, squares, pivots, ratio, z, t):
    """Solve ``A z[t] = e_k`` in place by :func:`._linalg_numba.lu_solve_in_place`; False
    (z untouched) when a pivot is zero or ``|det|`` is not above ``ratio`` times the
    product of the row norms (compared as squares, in logs only when a product could
    under- or overflow)."""
    k = A.shape[0]
    for i in range(k):
        s = 0.0
        for j in range(k):
            s += A[i, j] * A[i, j]
        squares[i] = s
        b[i] = 0.0
    b[k - 1] = 1.0
    _, ok = lu_solve_in_place(A, b, pivots)
    if not ok:
        return False
    det2, norm2 = 1.0, 1.0
    for i in range(k):
        det2 *= pivots[i] * pivots[i]
        norm2 *= squares[i]
    if 1e-250 < det2 < 1e250 and 1e-250 < norm2 < 1e250:
        if not det2 > ratio * ratio * norm2:
            return False
    else:
        gap = 0.0
        for i in range(k):
            gap += 0.5 * (np.log(pivots[i] * pivots[i]) -
                          (np.log(squares[i]) if squares[i] > 0.0 else -np.inf))
        if not gap > np.log(ratio):
            return False
    for i in range(k):
        z[t, i] = b[i]
    return True


@numba.njit(cache=True, error_model="numpy")   # a zero row: inf and NaN, as in numpy
def _adjugate_last(A, T, ratio, z, t):
    """:func:`.indifference.solve_stack`'s closed form for ``A z[t] = e_k``, k = 2 or 3,
    with its arithmetic step by step (rows scaled to unit norm into the buffer ``T``, the
    adjugate, ``|det| > ratio``), so that the bits are numpy's; False (z untouched) when
    singular."""
    k = A.shape[0]
    r = 0.0                       # e_k / norm: only the last entry is non-zero
    for i in range(k):
        s = 0.0
        for j in range(k):
            s += A[i, j] * A[i, j]
        norm = np.sqrt(s)
        for j in range(k):
            T[i, j] = A[i, j] / norm
        if i == k - 1:
            r = 1.0 / norm
    if k == 2:
        det = T[0, 0] * T[1, 1] - T[0, 1] * T[1, 0]
        if not abs(det) > ratio:
            return False
        z[t, 0] = (T[1, 1] * 0.0 - T[0, 1] * r) / det
        z[t, 1] = (T[0, 0] * r - T[1, 0] * 0.0) / det
        return True
    a0 = T[1, 1] * T[2, 2] - T[1, 2] * T[2, 1]   # adj[0] = T[1] x T[2]
    a1 = T[1, 2] * T[2, 0] - T[1, 0] * T[2, 2]
    a2 = T[1, 0] * T[2, 1] - T[1, 1] * T[2, 0]
    det = T[0, 0] * a0 + T[0, 1] * a1 + T[0, 2] * a2
    if not abs(det) > ratio:
        return False
    c0 = T[0, 1] * T[1, 2] - T[0, 2] * T[1, 1]   # adj[2] = T[0] x T[1]
    c1 = T[0, 2] * T[1, 0] - T[0, 0] * T[1, 2]
    c2 = T[0, 0] * T[1, 1] - T[0, 1] * T[1, 0]
    b0 = T[2, 1] * T[0, 2] - T[2, 2] * T[0, 1]   # adj[1] = T[2] x T[0]
    b1 = T[2, 2] * T[0, 0] - T[2, 0] * T[0, 2]
    b2 = T[2, 0] * T[0, 1] - T[2, 1] * T[0, 0]
    z[t, 0] = (a0 * 0.0 + b0 * 0.0 + c0 * r) / det
    z[t, 1] = (a1 * 0.0 + b1 * 0.0 + c1 * r) / det
    z[t, 2] = (a2 * 0.0 + b2 * 0.0 + c2 * r) / det
    return True


@numba.njit(cache=True)
def class_systems(M, b, e, s, own, opp, pos_tol, br_tol, ratio, rounding):
    """Every system ``(b[i], e[i], s[i])`` of a size class, as ``_solve_systems`` of
    :mod:`._support_batch` solves them with numpy (the same arithmetic, one loop).

    ``M`` (B, n_opp, n_own); system i has own support ``own[s[i]]`` and equalised set
    ``opp[e[i]]`` at point ``b[i]``. Returns ``(status, z, v, ties)``: status 0 for an
    infeasible system, 1 feasible, 2 singular; z (N, k) and v (N,) the solution and the
    equalised payoff, ties (N, n_opp) the best responses (rows of feasible systems only).
    """
    N = b.shape[0]
    k = own.shape[1]
    n_opp = M.shape[1]
    status = np.zeros(N, dtype=np.int8)
    z = np.full((N, k), np.nan)
    v = np.zeros(N)
    ties = np.zeros((N, n_opp), dtype=np.bool_)
    A = np.empty((k, k))
    rhs = np.empty(k)
    norms = np.empty(k)
    pivots = np.empty(k)
    Mz = np.empty(n_opp)
    T = np.empty((3, 3))
    for t in range(N):          # scalar indexing only: no array views in the loop
        bt, et, st = b[t], e[t], s[t]
        if k == 1:
            z[t, 0] = 1.0
        else:
            for i in range(k - 1):
                for j in range(k):
                    A[i, j] = M[bt, opp[et, i + 1], own[st, j]] - M[bt, opp[et, 0], own[st, j]]
            for j in range(k):
                A[k - 1, j] = 1.0
            rt = ratio
            if rounding:  # relative to the smallest difference row, as _solve_systems
                small = np.inf
                for i in range(k - 1):
                    q = 0.0
                    for j in range(k):
                        q += A[i, j] * A[i, j]
                    small = min(small, q)
                rt = ratio / min(1.0, np.sqrt(small)) if small > 0.0 else np.inf
            solved = (_adjugate_last(A, T, rt, z, t) if k <= 3 else
                      _lu_last(A, rhs, norms, pivots, rt, z, t))
            if not solved:
                status[t] = 2
                continue
        positive = True
        for j in range(k):
            if not z[t, j] > pos_tol:
                positive = False
        if not positive:
            continue
        e0 = opp[et, 0]
        val = 0.0
        for j in range(k):
            val += M[bt, e0, own[st, j]] * z[t, j]
        best = True
        for r in range(n_opp):
            q = 0.0
            for j in range(k):
                q += M[bt, r, own[st, j]] * z[t, j]
            Mz[r] = q
            if not q <= val + br_tol:
                best = False
        if not best:
            continue
        status[t] = 1
        v[t] = val
        for r in range(n_opp):
            ties[t, r] = Mz[r] >= val - br_tol
    return status, z, v, ties


@numba.njit(cache=True)
def dominated_masks(M, own):
    """``_support_batch.dominated_rows`` of ``M`` (B, n_opp, n_own) for the own supports
    ``own`` (c, k): per point and support, the bit mask of the opponent strategies r
    that some r' weakly dominates on the columns S (r' >= r on all of S and not
    r >= r' on all of S). Returns (B, c) int64."""
    B, n_opp = M.shape[0], M.shape[1]
    c, k = own.shape
    out = np.zeros((B, c), dtype=np.int64)
    for p in range(B):
        Mp = M[p]
        for t in range(c):
            S = own[t]
            mask = 0
            for r in range(n_opp):
                for q in range(n_opp):
                    if q == r:
                        continue
                    q_ge, r_ge = True, True
                    for j in range(k):
                        a, b = Mp[q, S[j]], Mp[r, S[j]]
                        if not a >= b:
                            q_ge = False
                        if not b >= a:
                            r_ge = False
                    if q_ge and not r_ge:
                        mask |= np.int64(1) << r
                        break
            out[p, t] = mask
    return out
