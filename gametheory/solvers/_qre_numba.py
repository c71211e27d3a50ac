"""The compiled loops of :mod:`._qre_path` (imported only when numba is installed).

The same arithmetic as the numpy functions there (:func:`._qre_path.values`,
:func:`._qre_path.equations`, the Newton corrector and the tangent), as plain loops, with
a dense LU with partial pivoting in place of LAPACK's: one call does a whole corrector
(every Newton iteration) or a whole tangent, so a step of the tracer costs two calls.
Results agree with the numpy code to rounding (sums are taken in another order).
"""

from __future__ import annotations

import numba
import numpy as np

_TINY = 1e-100                     # as _qre_path._TINY
_LOG_TINY = float(np.log(_TINY))


@numba.njit(cache=True)
def values(E, pair_e, pair_u, pair_logw, q_pair, q_act, x, jac):
    """Conditional action values V (E,) and dV/dx (E, E) (zeros unless ``jac``)."""
    P = len(pair_e)
    logc = pair_logw.copy()
    for k in range(len(q_pair)):
        logc[q_pair[k]] += x[q_act[k]]
    top = np.full(E, -np.inf)
    for k in range(P):
        if logc[k] > top[pair_e[k]]:
            top[pair_e[k]] = logc[k]
    c = np.empty(P)
    W = np.zeros(E)
    W1 = np.zeros(E)
    for k in range(P):
        e = pair_e[k]
        ck = np.exp(logc[k] - top[e])
        if ck < _TINY:
            ck = 0.0
        c[k] = ck
        W[e] += ck * pair_u[k]
        W1[e] += ck
    V = np.empty(E)
    for e in range(E):
        if not W1[e] > 0:
            W1[e] = 1e-300
        V[e] = W[e] / W1[e]
    JV = np.zeros((E, E)) if jac else np.zeros((0, 0))
    if jac:
        for k in range(len(q_pair)):
            pk = q_pair[k]
            e = pair_e[pk]
            JV[e, q_act[k]] += c[pk] * (pair_u[pk] - V[e]) / W1[e]
    return V, JV


@numba.njit(cache=True)
def equations(E, pair_e, pair_u, pair_logw, q_pair, q_act, offsets, agent_of, x, lam):
    """H(x, lam) (E,) and its Jacobian (E, E + 1), the last column d/dlam."""
    V, JV = values(E, pair_e, pair_u, pair_logw, q_pair, q_act, x, True)
    F = np.empty(E)
    J = np.zeros((E, E + 1))
    for h in range(len(offsets) - 1):
        a0, a1 = offsets[h], offsets[h + 1]
        total = 0.0
        for a in range(a0, a1):
            p = np.exp(x[a]) if x[a] >= _LOG_TINY else 0.0
            total += p
            J[a0, a] = p
            if a == a0:
                continue
            F[a] = x[a] - x[a0] - lam * (V[a] - V[a0])
            for b in range(E):
                J[a, b] = -lam * (JV[a, b] - JV[a0, b])
            J[a, a] += 1.0
            J[a, a0] -= 1.0
            J[a, E] = -(V[a] - V[a0])
        F[a0] = total - 1.0
    for a in range(E):
        for b in range(E + 1):
            if abs(J[a, b]) < _TINY:
                J[a, b] = 0.0
    return F, J


@numba.njit(cache=True)
def lu_solve(A, rhs):
    """``(z, sign of det A, ok)`` for ``A z = rhs`` by LU with partial pivoting (A is
    overwritten); ``ok`` is False when a pivot is exactly zero (as LAPACK's getrf)."""
    n = len(rhs)
    z = rhs.copy()
    sign = 1.0
    for c in range(n):
        p, best = c, abs(A[c, c])
        for i in range(c + 1, n):
            if abs(A[i, c]) > best:
                p, best = i, abs(A[i, c])
        if best == 0.0:
            return z, 0.0, False
        if p != c:
            for j in range(n):
                A[c, j], A[p, j] = A[p, j], A[c, j]
            z[c], z[p] = z[p], z[c]
            sign = -sign
        if A[c, c] < 0:
            sign = -sign
        inv = 1.0 / A[c, c]
        for i in range(c + 1, n):
            f = A[i, c] * inv
            if f != 0.0:
                for j in range(c + 1, n):
                    A[i, j] -= f * A[c, j]
                z[i] -= f * z[c]
    for i in range(n - 1, -1, -1):
        s = z[i]
        for j in range(i + 1, n):
            s -= A[i, j] * z[j]
        z[i] = s / A[i, i]
    return z, sign, True


@numba.njit(cache=True)
def correct(E, pair_e, pair_u, pair_logw, q_pair, q_act, offsets, agent_of, y, t, tol,
            max_iter):
    """Newton on H = 0 from ``y`` with steps orthogonal to ``t``, as
    :func:`._qre_path._correct`: ``(ok, y, J at the last iterate, first correction's
    length)``; ``ok`` is False when it does not contract within ``max_iter``."""
    n = E + 1
    y = y.copy()
    A = np.empty((n, n))
    rhs = np.zeros(n)
    J = np.zeros((E, n))
    first = -1.0
    prev = -1.0
    for _ in range(max_iter):
        F, J = equations(E, pair_e, pair_u, pair_logw, q_pair, q_act, offsets, agent_of,
                         y[:E], y[E])
        A[:E] = J
        A[E] = t
        for i in range(E):
            rhs[i] = -F[i]
        rhs[E] = 0.0
        d, _, ok = lu_solve(A, rhs)
        if not ok:
            return False, y, J, first
        norm = np.sqrt(np.sum(d * d))
        if not np.isfinite(norm):
            return False, y, J, first
        if first < 0:
            first = norm
        elif norm > 0.5 * prev:
            return False, y, J, first
        big = 1.0
        for i in range(n):
            y[i] += d[i]
            if abs(y[i]) > big:
                big = abs(y[i])
        left = norm if prev < 0 else min(norm, 2.0 * norm * norm / max(prev, 1e-300))
        prev = norm
        if left <= tol * big:
            return True, y, J, first
    return False, y, J, first


@numba.njit(cache=True)
def tangent(J, t):
    """The unit tangent continuing ``t`` and the sign of det [J; tangent], as
    :func:`._qre_path._tangent`; ``ok`` False when [J; t] is singular."""
    n = len(t)
    A = np.empty((n, n))
    A[: n - 1] = J
    A[n - 1] = t
    e = np.zeros(n)
    e[n - 1] = 1.0
    z, sign, ok = lu_solve(A, e)
    if not ok:
        return z, 0.0, False
    z /= np.sqrt(np.sum(z * z))
    for i in range(n):
        if abs(z[i]) < _TINY:
            z[i] = 0.0
    return z, sign, True


@numba.njit(cache=True)
def polish(E, pair_e, pair_u, pair_logw, q_pair, q_act, offsets, agent_of, x, support,
           max_iter, tol, scale):
    """Newton on the Nash conditions with the given support, as
    :func:`._qre_path.polish` (least squares where the reduced Jacobian is singular):
    ``(ok, x)``."""
    x = x.copy()
    H = len(offsets) - 1
    cols = np.flatnonzero(support)
    m = len(cols)
    ref = np.full(H, -1)
    for k in range(m - 1, -1, -1):
        ref[agent_of[cols[k]]] = cols[k]
    for h in range(H):
        if ref[h] < 0:
            return False, x
    rows = np.array([e for e in cols if e != ref[agent_of[e]]], dtype=np.int64)
    nr = len(rows) + H
    F = np.zeros(nr)
    Jr = np.zeros((nr, m))
    for _ in range(max_iter):
        V, JV = values(E, pair_e, pair_u, pair_logw, q_pair, q_act, x, True)
        Jr[:] = 0.0
        for i in range(len(rows)):
            e = rows[i]
            r = ref[agent_of[e]]
            F[i] = V[e] - V[r]
            for j in range(m):
                Jr[i, j] = JV[e, cols[j]] - JV[r, cols[j]]
        for h in range(H):
            F[len(rows) + h] = -1.0
        for a in range(E):
            p = np.exp(x[a])
            if p >= _TINY:
                F[len(rows) + agent_of[a]] += p
        for j in range(m):
            p = np.exp(x[cols[j]])
            Jr[len(rows) + agent_of[cols[j]], j] = p if p >= _TINY else 0.0
        for i in range(nr):
            for j in range(m):
                if abs(Jr[i, j]) < _TINY:
                    Jr[i, j] = 0.0
        ok = nr == m
        if ok:
            d, _, ok = lu_solve(Jr.copy(), -F)
        if not ok:
            d = np.linalg.lstsq(Jr, -F, rcond=2.220446049250313e-16 * max(nr, m))[0]
        big = 0.0
        for j in range(m):
            if not np.isfinite(d[j]):
                return False, x
            big = max(big, abs(d[j]))
        for j in range(m):
            x[cols[j]] += min(5.0, max(-5.0, d[j]))
        if big <= tol:
            return True, x
    return np.abs(F).max() <= 1e-10 * scale, x
