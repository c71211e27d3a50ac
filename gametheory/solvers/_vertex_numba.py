"""Compiled vertex enumeration of simple polytopes by pivoting (imported only with numba).

:func:`simple_vertices` walks the graph of ``{z >= 0 : G z <= 1}`` breadth first from
the origin: each basis (the ``k`` basic variables among ``z`` and the slacks ``s = 1 -
G z``) is a vertex, and letting each of the ``d`` nonbasic variables enter (the
minimum-ratio test) gives its ``d`` neighbours. The walk is only valid for a simple
polytope (every vertex on exactly ``d`` facets, as in a nondegenerate game); it stops
with failure when a basic variable is within ``tol`` of zero (a vertex on more facets
than its dimension) or when a ratio test has no positive entry, and the caller
then uses qhull. Breadth first keeps the chain of pivots from the origin to any vertex
short (at most the diameter of the graph), so rounding stays small; the caller polishes
the coordinates anyway.

References
----------
Dantzig, G. B. (1963). Linear Programming and Extensions, ch. 7 (pivoting, adjacent
bases). Avis, D. & Fukuda, K. (1992). A pivoting algorithm for convex hulls and vertex
enumeration of arrangements and polyhedra. Discrete Comput. Geom. 8, 295-313.
"""

from __future__ import annotations

import numba
import numpy as np


@numba.njit(cache=True)
def _slot(table, key):
    """The slot of ``key`` in the open-addressing table (-1 marks a free slot)."""
    mask = table.shape[0] - 1
    h = key ^ (key >> 29)                     # mix the high bits into the low ones
    h = (h * np.int64(-7046029254386353131)) ^ (h >> 32)
    h = (h ^ (h >> 31)) & mask
    while table[h] != -1 and table[h] != key:
        h = (h + 1) & mask
    return h


@numba.njit(cache=True)
def _rehash(table):
    new = np.full(2 * table.shape[0], -1, dtype=np.int64)
    for key in table:
        if key != -1:
            new[_slot(new, key)] = key
    return new


@numba.njit(cache=True)
def simple_vertices(G, tol, max_vertices):
    """The vertices other than the origin of ``{z >= 0 : G z <= 1}``, G (k, d) positive.

    Returns ``(Z, keys, ok)``: coordinates (V, d) and label bit masks (bit ``j < d``:
    ``z_j = 0``; bit ``d + r``: constraint ``r`` tight), with ``ok`` False (and empty
    arrays) when the polytope is not simple within ``tol`` or has more than
    ``max_vertices`` vertices (the origin included). Needs ``d + k <= 62``.
    """
    k, d = G.shape
    width = d + 1
    cap = 1024
    tabs = np.empty((cap, k, width))
    basis = np.empty((cap, k), dtype=np.int64)
    nonbasic = np.empty((cap, d), dtype=np.int64)
    keys = np.empty(cap, dtype=np.int64)
    table = np.full(4 * cap, -1, dtype=np.int64)
    for i in range(k):
        for j in range(d):
            tabs[0, i, j] = G[i, j]
        tabs[0, i, d] = 1.0
        basis[0, i] = d + i
    for j in range(d):
        nonbasic[0, j] = j
    keys[0] = (np.int64(1) << d) - 1
    table[_slot(table, keys[0])] = keys[0]
    count, head = 1, 0
    fail = (np.empty((0, d)), np.empty(0, dtype=np.int64), False)
    while head < count:
        T = tabs[head]
        for c in range(d):
            r, best = -1, np.inf
            for i in range(k):
                if T[i, c] > tol:
                    q = T[i, d] / T[i, c]
                    if q < best:
                        r, best = i, q
            if r < 0:
                return fail
            enter, leave = nonbasic[head, c], basis[head, r]
            key = keys[head] ^ (np.int64(1) << enter) ^ (np.int64(1) << leave)
            h = _slot(table, key)
            if table[h] == key:
                continue
            if count >= max_vertices:
                return fail
            if count == cap:
                cap *= 2
                tabs2 = np.empty((cap, k, width))
                tabs2[:count] = tabs[:count]
                tabs = tabs2
                T = tabs[head]
                basis2 = np.empty((cap, k), dtype=np.int64)
                basis2[:count] = basis[:count]
                basis = basis2
                nonbasic2 = np.empty((cap, d), dtype=np.int64)
                nonbasic2[:count] = nonbasic[:count]
                nonbasic = nonbasic2
                keys2 = np.empty(cap, dtype=np.int64)
                keys2[:count] = keys[:count]
                keys = keys2
            if 2 * count >= table.shape[0]:
                table = _rehash(table)
                h = _slot(table, key)
            table[h] = key
            N = tabs[count]
            p = T[r, c]
            for i in range(k):
                if i == r:
                    continue
                f = T[i, c] / p
                for j in range(width):
                    N[i, j] = T[i, j] - f * T[r, j]
                N[i, c] = -f
                if not N[i, d] > tol:
                    return fail
            for j in range(width):
                N[r, j] = T[r, j] / p
            N[r, c] = 1.0 / p
            if not N[r, d] > tol:
                return fail
            basis[count] = basis[head]
            basis[count, r] = enter
            nonbasic[count] = nonbasic[head]
            nonbasic[count, c] = leave
            keys[count] = key
            count += 1
        head += 1
    Z = np.zeros((count - 1, d))
    for v in range(1, count):
        for i in range(k):
            b = basis[v, i]
            if b < d:
                Z[v - 1, b] = tabs[v, i, d]
    return Z, keys[1:count].copy(), True
