"""The compiled loops of :mod:`._lh_kernel` (imported only when numba is installed)."""

from __future__ import annotations

import numba
import numpy as np

from ._linalg_numba import lu_solve_in_place


@numba.njit(cache=True)
def _lex_row(D, rows, c, entering, pos, lex, tol):
    """FloatTableau._lex_min_row on the tied rows (same comparisons, same order)."""
    t = rows.shape[0]
    n_lex = lex.shape[0]
    R = np.zeros((t, n_lex))
    for a in range(n_lex):
        j = lex[a]
        if j == entering:
            continue
        p = pos[j]
        for i in range(t):
            r = rows[i]
            if p < 0:
                R[i, a] = D[r, -p - 1] / D[r, c]
            elif p == r:
                R[i, a] = 1.0 / D[r, c]
    keep = np.ones(t, dtype=np.bool_)
    left = t
    for a in range(n_lex):
        if lex[a] == entering:
            continue
        lo, hi = R[0, a], R[0, a]
        for i in range(1, t):
            lo = min(lo, R[i, a])
            hi = max(hi, R[i, a])
        scale = tol * max(1.0, abs(lo))
        if not hi - lo > scale:
            continue
        low = np.inf
        for i in range(t):
            if keep[i] and R[i, a] < low:
                low = R[i, a]
        for i in range(t):
            if keep[i] and not R[i, a] <= low + scale:
                keep[i] = False
                left -= 1
        if left == 1:
            break
    for i in range(t):
        if keep[i]:
            return rows[i]
    return rows[0]


@numba.njit(cache=True)
def _pivot_on(D, basis, nonbasic, pos, lex, label, tol, col, row):
    """One pivot of FloatTableau.pivot_on: (leaving label or -1 if unbounded, tied).
    ``col`` and ``row`` are buffers of at least D's rows and width."""
    rows, width = D.shape
    c = -pos[label] - 1
    r, best = -1, np.inf
    for i in range(rows):
        if D[i, c] > tol:
            q = D[i, width - 1] / D[i, c]
            if q < best:
                r, best = i, q
    if r < 0:
        return -1, 0
    bound = best + tol * (best if best > 1.0 else 1.0)
    count = 0
    for i in range(rows):
        if D[i, c] > tol and D[i, width - 1] / D[i, c] <= bound:
            count += 1
    tied = 0
    if count > 1:
        tied = 1
        cand = np.empty(count, dtype=np.int64)
        n = 0
        for i in range(rows):
            if D[i, c] > tol and D[i, width - 1] / D[i, c] <= bound:
                cand[n] = i
                n += 1
        r = _lex_row(D, cand, c, label, pos, lex, tol)
    p = D[r, c]
    for i in range(rows):
        col[i] = D[i, c]
    for j in range(width):
        row[j] = D[r, j] / p
    for j in range(width):
        v = row[j]
        if v != 0.0:
            for i in range(rows):
                D[i, j] -= col[i] * v
    for j in range(width):
        D[r, j] = row[j]
    for i in range(rows):
        D[i, c] = -col[i] / p
    D[r, c] = 1.0 / p
    leaving = basis[r]
    basis[r], nonbasic[c] = label, leaving
    pos[label], pos[leaving] = r, -c - 1
    return leaving, tied


@numba.njit(cache=True)
def path(DP, DQ, bP, nP, pP, lP, bQ, nQ, pQ, lQ, tol, k, steps, io, ties):
    """Up to ``steps`` pivots of the complementary path; state in ``io`` (see run_path)."""
    which, entering = io[0], io[1]
    col = np.empty(max(DP.shape[0], DQ.shape[0]))
    row = np.empty(max(DP.shape[1], DQ.shape[1]))
    for _ in range(steps):
        if which == 0:
            leaving, tied = _pivot_on(DP, bP, nP, pP, lP, entering, tol, col, row)
        else:
            leaving, tied = _pivot_on(DQ, bQ, nQ, pQ, lQ, entering, tol, col, row)
        if leaving < 0:
            io[1], io[3] = entering, 2
            return
        ties[which] += tied
        io[2] += 1
        if leaving == k:
            io[3] = 1
            return
        entering = leaving
        which = 1 - which
        io[0], io[1] = which, entering


@numba.njit(cache=True)
def refined_strategy(D, basis, M, first, slack, out):
    """The normalised strategy at the end of a path in ``{z >= 0 : M z <= 1}`` (labels
    ``first..`` for z, ``slack..`` for the slacks of M's rows), with dictionary ``D``
    and ``basis``, written into ``out``; False when it is zero (the artificial
    equilibrium). The basic values are recomputed from the original system (the tight
    rows give a square system for the basic z; the basic slacks follow) and kept only
    when every one agrees with the dictionary's to 1e-6, then clipped at 0."""
    rows, size = M.shape
    w = D.shape[1] - 1
    k = 0
    for i in range(rows):
        if first <= basis[i] < first + size:
            k += 1
    support = np.empty(k, dtype=np.int64)
    tight = np.ones(rows, dtype=np.bool_)
    c = 0
    for i in range(rows):
        b = basis[i]
        if first <= b < first + size:
            support[c] = b - first
            c += 1
        else:
            tight[b - slack] = False
    values = np.empty(rows)
    for i in range(rows):
        values[i] = D[i, w]
    if k:
        S = np.empty((k, k))
        r = 0
        for t in range(rows):
            if tight[t]:
                for q in range(k):
                    S[r, q] = M[t, support[q]]
                r += 1
        z_own = np.ones(k)
        _, ok = lu_solve_in_place(S, z_own, np.empty(k))
        if ok:
            z = np.empty(rows)
            agree = True
            c = 0
            for i in range(rows):
                b = basis[i]
                if first <= b < first + size:
                    z[i] = z_own[c]
                    c += 1
                else:
                    s = 0.0
                    for q in range(k):
                        s += M[b - slack, support[q]] * z_own[q]
                    z[i] = 1.0 - s
                if not abs(z[i] - values[i]) <= 1e-6:
                    agree = False
            if agree:
                for i in range(rows):
                    values[i] = max(z[i], 0.0)
    for j in range(size):
        out[j] = 0.0
    for i in range(rows):
        if first <= basis[i] < first + size:
            out[basis[i] - first] = values[i]
    total = 0.0
    for j in range(size):
        total += out[j]
    if not total > 0:
        return False
    for j in range(size):
        out[j] /= total
    return True
