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

from ._linalg_numba import lu_solve

_TINY = 1e-100                     # as _qre_path._TINY
_LOG_TINY = float(np.log(_TINY))


@numba.njit(cache=True)
def _weights(E, pair_e, pair_logw, q_pair, q_act, product, offsets, agent_of, x):
    """Each pair's coefficient c, scaled so that an action's largest is about 1 (V and
    dV/dx do not change), and below _TINY set to 0, as in :func:`._qre_path.values`.

    With ``product`` (a normal form: each pair counts one action of every other agent)
    c is a product of probabilities scaled by their agent's largest, which is the same
    scaling to rounding and needs E exponentials instead of one per pair."""
    P = len(pair_e)
    if product:
        p = np.empty(E)
        for h in range(len(offsets) - 1):
            top = -np.inf
            for a in range(offsets[h], offsets[h + 1]):
                top = max(top, x[a])
            for a in range(offsets[h], offsets[h + 1]):
                p[a] = np.exp(x[a] - top)
        c = np.ones(P)
        for k in range(len(q_pair)):
            c[q_pair[k]] *= p[q_act[k]]
        for k in range(P):
            if c[k] < _TINY:
                c[k] = 0.0
        return c
    logc = pair_logw.copy()
    for k in range(len(q_pair)):
        logc[q_pair[k]] += x[q_act[k]]
    top = np.full(E, -np.inf)
    for k in range(P):
        if logc[k] > top[pair_e[k]]:
            top[pair_e[k]] = logc[k]
    c = np.empty(P)
    for k in range(P):
        ck = np.exp(logc[k] - top[pair_e[k]])
        c[k] = 0.0 if ck < _TINY else ck    # (NaN stays NaN, as in numpy)
    return c


@numba.njit(cache=True)
def values(E, pair_e, pair_u, pair_logw, q_pair, q_act, product, offsets, agent_of, x,
           jac):
    """Conditional action values V (E,) and dV/dx (E, E) (zeros unless ``jac``)."""
    c = _weights(E, pair_e, pair_logw, q_pair, q_act, product, offsets, agent_of, x)
    W = np.zeros(E)
    W1 = np.zeros(E)
    for k in range(len(pair_e)):
        W[pair_e[k]] += c[k] * pair_u[k]
        W1[pair_e[k]] += c[k]
    V = np.empty(E)
    for e in range(E):
        if not W1[e] > 0:
            W1[e] = 1e-300
        V[e] = W[e] / W1[e]
    if not jac:
        return V, np.zeros((0, 0))
    coef = np.empty(len(pair_e))            # d V_e / d x_f of each pair counting f
    for k in range(len(pair_e)):
        e = pair_e[k]
        coef[k] = c[k] * (pair_u[k] - V[e]) / W1[e]
    JV = np.zeros((E, E))
    for k in range(len(q_pair)):
        JV[pair_e[q_pair[k]], q_act[k]] += coef[q_pair[k]]
    return V, JV


@numba.njit(cache=True)
def equations(E, pair_e, pair_u, pair_logw, q_pair, q_act, product, offsets, agent_of, x,
              lam):
    """H(x, lam) (E,) and its Jacobian (E, E + 1), the last column d/dlam."""
    V, JV = values(E, pair_e, pair_u, pair_logw, q_pair, q_act, product, offsets, agent_of,
                   x, True)
    F = np.empty(E)
    J = np.zeros((E, E + 1))
    for h in range(len(offsets) - 1):
        a0, a1 = offsets[h], offsets[h + 1]
        total = 0.0
        for a in range(a0, a1):
            p = 0.0 if x[a] < _LOG_TINY else np.exp(x[a])
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
def _householder_qr(M, pivot):
    """In place: M (m, n) -> R in its upper triangle and the Householder vectors (first
    entries 1, not stored) below it; returns (betas, perm). With ``pivot``, each step
    takes the remaining column of largest norm."""
    m, n = M.shape
    k = min(m, n)
    perm = np.arange(n)
    betas = np.zeros(k)
    norms = np.zeros(n)
    for j in range(n):
        for i in range(m):
            norms[j] += M[i, j] * M[i, j]
    for c in range(k):
        if pivot:
            p = c
            for j in range(c + 1, n):
                if norms[j] > norms[p]:
                    p = j
            if p != c:
                for i in range(m):
                    M[i, c], M[i, p] = M[i, p], M[i, c]
                norms[c], norms[p] = norms[p], norms[c]
                perm[c], perm[p] = perm[p], perm[c]
        s = 0.0
        for i in range(c, m):
            s += M[i, c] * M[i, c]
        alpha = np.sqrt(s)
        if alpha == 0.0:
            continue
        if M[c, c] > 0:
            alpha = -alpha
        v0 = M[c, c] - alpha
        # v = (v0, M[c+1:, c]); beta = 2 / v.v
        vv = v0 * v0 + (s - M[c, c] * M[c, c])
        M[c, c] = alpha
        if vv == 0.0:
            continue
        beta = 2.0 / vv
        betas[c] = beta
        for j in range(c + 1, n):
            dot = v0 * M[c, j]
            for i in range(c + 1, m):
                dot += M[i, c] * M[i, j]
            f = beta * dot
            M[c, j] -= f * v0
            for i in range(c + 1, m):
                M[i, j] -= f * M[i, c]
            if pivot:
                norms[j] -= M[c, j] * M[c, j]
        # keep v0 by scaling the stored vector so that its first entry is 1
        for i in range(c + 1, m):
            M[i, c] /= v0
        betas[c] = beta * v0 * v0
    return betas, perm


@numba.njit(cache=True)
def _reflect(M, betas, z, backward):
    """In place: z <- Q^T z (or Q z with ``backward``) for the Householder vectors
    stored below the diagonal of M (first entries 1) with factors ``betas``."""
    m = M.shape[0]
    k = len(betas)
    for step in range(k):
        c = k - 1 - step if backward else step
        if betas[c] == 0.0:
            continue
        dot = z[c]
        for i in range(c + 1, m):
            dot += M[i, c] * z[i]
        f = betas[c] * dot
        z[c] -= f
        for i in range(c + 1, m):
            z[i] -= f * M[i, c]


@numba.njit(cache=True)
def least_squares(A, b, rcond):
    """The least-squares solution of least norm of ``A z = b``, as numpy's lstsq with
    cut-off ``rcond``, by a complete orthogonal decomposition: QR with column pivoting
    gives the rank (diagonal entries above rcond times the largest count), and the QR of
    the leading rows' transpose the least-norm solution (Golub & Van Loan, sec. 5.5)."""
    m, n = A.shape
    M = A.copy()
    betas, perm = _householder_qr(M, True)
    c = b.copy()
    _reflect(M, betas, c, False)
    k = min(m, n)
    r = 0
    top = abs(M[0, 0]) if k else 0.0
    while r < k and abs(M[r, r]) > rcond * top:
        r += 1
    w = np.zeros(n)
    if r == n:
        for i in range(n - 1, -1, -1):
            s = c[i]
            for j in range(i + 1, n):
                s -= M[i, j] * w[j]
            w[i] = s / M[i, i]
    elif r > 0:
        # min-norm solution of R[:r, :] w = c[:r]: QR of R[:r, :]^T (n, r) = Z T
        Rt = np.zeros((n, r))
        for i in range(r):
            for j in range(i, n):
                Rt[j, i] = M[i, j]
        b2, _ = _householder_qr(Rt, False)
        # T^T u = c[:r] (T upper triangular r x r): forward substitution
        u = np.zeros(n)
        for i in range(r):
            s = c[i]
            for j in range(i):
                s -= Rt[j, i] * u[j]
            u[i] = s / Rt[i, i]
        _reflect(Rt, b2, u, True)                # w = Z u
        w = u
    z = np.zeros(n)
    for j in range(n):
        z[perm[j]] = w[j]
    return z


@numba.njit(cache=True)
def correct(E, pair_e, pair_u, pair_logw, q_pair, q_act, product, offsets, agent_of, y, t,
            tol, max_iter):
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
        F, J = equations(E, pair_e, pair_u, pair_logw, q_pair, q_act, product, offsets,
                         agent_of, y[:E], y[E])
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
def polish(E, pair_e, pair_u, pair_logw, q_pair, q_act, product, offsets, agent_of, x,
           support, max_iter, tol, scale):
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
        V, JV = values(E, pair_e, pair_u, pair_logw, q_pair, q_act, product, offsets, agent_of,
                   x, True)
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
            if not p < _TINY:
                F[len(rows) + agent_of[a]] += p
        for j in range(m):
            p = np.exp(x[cols[j]])
            Jr[len(rows) + agent_of[cols[j]], j] = 0.0 if p < _TINY else p
        for i in range(nr):
            for j in range(m):
                if abs(Jr[i, j]) < _TINY:
                    Jr[i, j] = 0.0
        ok = nr == m
        if ok:
            d, _, ok = lu_solve(Jr.copy(), -F)
        if not ok:
            d = least_squares(Jr, -F, 2.220446049250313e-16 * max(nr, m))
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


@numba.njit(cache=True)
def agent_regret(E, pair_e, pair_u, pair_logw, q_pair, q_act, product, offsets, agent_of,
                 x):
    """Largest gain of any agent from its best action, as :func:`._qre_path.agent_regret`."""
    V, _ = values(E, pair_e, pair_u, pair_logw, q_pair, q_act, product, offsets, agent_of,
                  x, False)
    worst = 0.0
    for h in range(len(offsets) - 1):
        best, mean = -np.inf, 0.0
        for a in range(offsets[h], offsets[h + 1]):
            best = max(best, V[a])
            mean += np.exp(x[a]) * V[a]
        gain = best - mean
        if gain > worst or np.isnan(gain):
            worst = gain
    return worst


#: codes of :func:`advance`: attempts used up, a step to hand back, step-size underflow,
#: a singular [J; t] at a tangent
CHUNK_DONE, EVENT, UNDERFLOW, SINGULAR = 0, 1, 2, 3


@numba.njit(cache=True)
def advance(E, pair_e, pair_u, pair_logw, q_pair, q_act, product, offsets, agent_of, y, t,
            h, bend, sign_det, tol, max_accel, target, attempts, lam_max, want, stop_from,
            stop_gate, out):
    """Up to ``attempts`` predictor-corrector steps of :func:`._qre_path.trace` that need
    nothing from Python, each accepted one stored in a row of ``out``.

    A step needs Python (and is returned, computed but not accepted, with code EVENT)
    when d lambda / ds or det [J; t] changes sign over it, it crosses ``want``, ends at
    or beyond ``lam_max`` or below -1e-9, or ends at or beyond ``stop_from`` with agent
    regret not above ``stop_gate`` (where the stopping test could end the trace).
    Returns ``(code, accepted, attempts used, y, t, h, bend)`` (the state after the
    accepted steps) and, for EVENT, the step: ``(y_new, J, first, t_new, sign)``.
    """
    n_acc = 0
    used = 0
    n = E + 1
    while used < attempts:
        used += 1
        pred = y + h * t
        if h * np.sqrt(np.sum(bend * bend)) <= 0.1:
            pred += (0.5 * h * h) * bend
        ok, y_new, J, first = correct(E, pair_e, pair_u, pair_logw, q_pair, q_act, product,
                                      offsets, agent_of, pred, t, tol, 6)
        if not ok:
            h *= 0.5
            if h < 1e-12:
                return UNDERFLOW, n_acc, used, y, t, h, bend, y_new, J, first, t, 0.0
            continue
        t_new, s, ok = tangent(J, t)
        if not ok:
            return SINGULAR, n_acc, used, y, t, h, bend, y_new, J, first, t, 0.0
        lam_old, lam_new = y[E], y_new[E]
        event = (np.sign(t_new[E]) != np.sign(t[E]) and t[E] != 0) or \
            (s != 0 and s != sign_det) or (lam_old < want <= lam_new) or \
            lam_new >= lam_max or lam_new < -1e-9
        if not event and lam_new >= stop_from:
            event = not agent_regret(E, pair_e, pair_u, pair_logw, q_pair, q_act, product,
                                     offsets, agent_of, y_new[:E]) > stop_gate
        if event:
            return EVENT, n_acc, used, y, t, h, bend, y_new, J, first, t_new, s
        ds = np.sqrt(np.sum((y_new - y) ** 2))
        bend = (t_new - t) / ds if ds > 0 else np.zeros(n)
        y, t = y_new, t_new
        out[n_acc] = y
        n_acc += 1
        h *= min(max_accel, max(0.5, np.sqrt(target / max(first, 1e-300))))
    return CHUNK_DONE, n_acc, used, y, t, h, bend, y, np.zeros((E, n)), 0.0, t, 0.0


@numba.njit(cache=True)
def candidates(E, pair_e, pair_u, pair_logw, q_pair, q_act, product, offsets, agent_of,
               x, cuts, start, max_dist, gate, max_iter, tol, scale):
    """The polished profiles near the branch point x of the cuts from ``start`` on (the
    cuts before count only for skipping a support already polished), as
    :func:`._qre_path.candidates`: rows (k, E), k <= len(cuts) - start."""
    H = len(offsets) - 1
    p = np.exp(x)
    best = np.empty(E)
    for h in range(H):
        top = 0.0
        for a in range(offsets[h], offsets[h + 1]):
            top = max(top, p[a])
        for a in range(offsets[h], offsets[h + 1]):
            best[a] = top
    out = np.empty((len(cuts), E))
    n = 0
    tried = np.zeros(E, dtype=np.bool_)
    for i in range(len(cuts)):
        support = p >= cuts[i] * best
        if i > 0 and np.all(support == tried):
            continue                        # the same polish as the cut before
        tried = support
        if i < start:
            continue
        ok, y = polish(E, pair_e, pair_u, pair_logw, q_pair, q_act, product, offsets,
                       agent_of, x, support, max_iter, tol, scale)
        if not ok:
            continue
        q = np.where(support, np.exp(y), 0.0)
        far = False
        for h in range(H):
            total = 0.0
            for a in range(offsets[h], offsets[h + 1]):
                total += q[a]
            for a in range(offsets[h], offsets[h + 1]):
                q[a] /= total
                far = far or not abs(q[a] - p[a]) <= max_dist
        if far:
            continue
        if gate < np.inf and not agent_regret(E, pair_e, pair_u, pair_logw, q_pair, q_act,
                                              product, offsets, agent_of, np.log(q)) <= gate:
            continue        # (a NaN regret, from an unreached agent, does not pass)
        out[n] = q
        n += 1
    return out[:n]
