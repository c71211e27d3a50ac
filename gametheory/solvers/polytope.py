"""Best-response polytopes of bimatrix games: vertices, labels and matching, vectorised.

Every polytope here has the form ``{z >= 0 : G z <= 1}`` with ``G`` a positive
``(k, d)`` matrix. Its vertex ``z`` carries the "zero" labels ``z_i = 0`` (``d`` of them)
and the "tight" labels ``(G z)_r = 1`` (``k`` of them). This module is the geometry used
by :mod:`gametheory.solvers.vertex`; it knows nothing of games.

References
----------
von Stengel, B. (2007). Equilibrium computation for two-player games in strategic and
extensive form. Algorithmic Game Theory, ch. 3, sections 3.3-3.4. The polar construction
follows QuantEcon's ``game_theory.vertex_enumeration`` (BSD licence).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from math import comb

import numpy as np
import scipy.spatial

from ..errors import SolverError
from ._compiled import kernel
from .indifference import solve_stack

__all__ = ["Vertices", "polytope_vertices", "enumerate_vertices", "pivot_vertices",
           "label_keys", "complete_pairs", "solve_bordered", "predicted_seconds"]

_PAIR_BLOCK = 1 << 22  # vertex pairs compared per matrix product (bounds memory)
_PIVOT_BYTES = 1 << 29  # tableau memory (at the upper bound) above which qhull is used


def max_vertices(d: int, k: int) -> int:
    """The most vertices a ``d``-polytope with ``d + k`` facets can have (the upper bound
    theorem; attained by simple polytopes).

    References
    ----------
    McMullen, P. (1970). The maximum numbers of faces of a convex polytope. Mathematika
    17, 179-184.

    >>> max_vertices(2, 3), max_vertices(10, 10)
    (5, 4004)
    """
    f = d + k
    return comb(f - (d + 1) // 2, f - d) + comb(f - d // 2 - 1, f - d)


def predicted_seconds(d: int, k: int) -> float:
    """A rough model of qhull's time for the vertices of a ``d``-polytope with ``d + k``
    facets (``k`` constraints besides ``z >= 0``).

    The upper bound theorem bounds the number of vertices; qhull's cost per vertex grows
    about as ``d ** 2.7`` (fitted on random polytopes of 2 to 300 dimensions). A worst
    case: random square games take 2 to 10 times less.

    References
    ----------
    McMullen, P. (1970). The maximum numbers of faces of a convex polytope. Mathematika
    17, 179-184.

    Examples
    --------
    >>> predicted_seconds(1, 5)
    0.0
    >>> predicted_seconds(10, 10) < 0.1 < predicted_seconds(20, 20)
    True
    """
    if d <= 1 or k <= 1:
        return 0.0
    return 9e-10 * max_vertices(d, k) * d ** 2.7


def polytope_vertices(G: np.ndarray) -> np.ndarray:
    """The vertices of ``{z >= 0 : G z <= 1}`` for a positive matrix ``G``.

    The polytope is bounded and has the interior point ``t * 1`` with
    ``t = 1 / (1 + max row sum)``. Translated to the origin, every constraint reads
    ``a . w <= 1``, and the vertices are the facets of the convex hull of the points
    ``a`` (polarity): one qhull call. Triangulated facets repeat a vertex; the caller
    dedupes by label set.

    Parameters
    ----------
    G : ndarray, shape (k, d)
        Positive constraint matrix.

    Returns
    -------
    ndarray, shape (V, d)
        Vertex coordinates, the origin included.

    References
    ----------
    Ziegler, G. M. (1995). Lectures on Polytopes, Springer, section 2.3 (polarity);
    QuantEcon ``game_theory.vertex_enumeration`` (BSD licence) for the construction.

    Examples
    --------
    >>> polytope_vertices(np.array([[1.0, 1.0]])).tolist()
    [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]
    """
    k, d = G.shape
    if k == 1:  # a simplex: the origin and one point on each axis
        return np.vstack([np.zeros(d), np.diag(1.0 / G[0])])
    if d == 1:  # a segment
        return np.array([[0.0], [1.0 / float(G.max())]])
    t = 1.0 / (1.0 + float(G.sum(axis=1).max()))
    slack = 1.0 - G.sum(axis=1) * t
    points = np.vstack([-np.eye(d) / t, G / slack[:, None]])
    try:
        hull = scipy.spatial.ConvexHull(points)
    except scipy.spatial.QhullError as err:  # pragma: no cover - qhull precision failure
        raise SolverError(f"qhull failed on a {d}-dimensional best-response polytope "
                          f"({str(err).splitlines()[0]}); try method='lemke-howson'") \
            from None
    eq = hull.equations
    return -eq[:, :-1] / eq[:, -1:] + t


@dataclass
class Vertices:
    """Vertices of one polytope ``{z >= 0 : G z <= 1}`` with their labels.

    Attributes
    ----------
    Z : ndarray, shape (V, d)
        Coordinates.
    zero, tight : ndarray of bool, shapes (V, d) and (V, k)
        Label masks: ``z_i = 0`` and ``(G z)_r = 1``.

    References
    ----------
    von Stengel, B. (2007). Algorithmic Game Theory, ch. 3, section 3.3 (labels).

    Examples
    --------
    >>> V = Vertices(np.array([[0.5, 0.0]]), np.array([[False, True]]),
    ...              np.array([[True]]))
    >>> V.labels(True).tolist(), V.degenerate
    ([[False, True, True]], False)
    """

    Z: np.ndarray
    zero: np.ndarray
    tight: np.ndarray

    def labels(self, zero_first: bool) -> np.ndarray:
        """All labels, zero labels first or last (player 1's strategies come first)."""
        return np.hstack([self.zero, self.tight] if zero_first else [self.tight, self.zero])

    @cached_property
    def degenerate(self) -> bool:
        """True when some vertex has more labels than the dimension."""
        count = np.count_nonzero(self.zero, axis=1) + np.count_nonzero(self.tight, axis=1)
        return bool((count > self.Z.shape[1]).any())

    def take(self, idx: np.ndarray) -> Vertices:
        """The vertices with the given indices."""
        return Vertices(self.Z[idx], self.zero[idx], self.tight[idx])


def _labelled(Z: np.ndarray, G: np.ndarray, tol: float) -> Vertices:
    """Label points of ``{z >= 0 : G z <= 1}``; drop the origin and duplicate label sets."""
    V = Vertices(Z, Z <= tol, Z @ G.T >= 1.0 - tol)
    keep = np.flatnonzero(~V.zero.all(axis=1))
    _, first = np.unique(label_keys(V.labels(True)[keep]), return_index=True)
    return V.take(keep[np.sort(first)])


def enumerate_vertices(G: np.ndarray, tol: float) -> Vertices:
    """The vertices other than the origin of ``{z >= 0 : G z <= 1}``, labelled with slack
    ``tol``, one per label set.

    References
    ----------
    von Stengel, B. (2007). Algorithmic Game Theory, ch. 3, section 3.3.

    Examples
    --------
    >>> V = enumerate_vertices(np.array([[1.0, 2.0], [2.0, 1.0]]), 1e-9)
    >>> sorted(np.round(V.Z, 4).tolist())
    [[0.0, 0.5], [0.3333, 0.3333], [0.5, 0.0]]
    >>> sorted(V.tight.sum(axis=1).tolist())  # the middle vertex is on both facets
    [1, 1, 2]
    """
    return _labelled(polytope_vertices(G), G, tol)


def pivot_vertices(G: np.ndarray, tol: float) -> Vertices | None:
    """:func:`enumerate_vertices` by compiled pivoting, for simple polytopes.

    The compiled walk over adjacent bases (:mod:`._vertex_numba`) is several times
    faster than qhull on the polytopes of nondegenerate games; it gives up when a
    vertex lies within ``tol`` of more facets than the dimension (then the labels of
    :func:`enumerate_vertices` with slack ``tol`` would differ from the basis). Returns
    None then, or when numba is not available (``GAMETHEORY_NO_NUMBA``), for more than
    62 labels, or when the tableaus could need more than ``_PIVOT_BYTES``; the caller
    uses qhull. The vertices come sorted by their label bit masks.

    >>> V = pivot_vertices(np.array([[1.0, 2.0], [2.0, 1.0]]), 1e-9)
    >>> V is None or sorted(np.round(V.Z, 4).tolist()) == [[0.0, 0.5], [0.3333, 0.3333],
    ...                                                      [0.5, 0.0]]
    True
    """
    k, d = G.shape
    if d < 2 or k < 2 or d + k > 62:
        return None
    bound = max_vertices(d, k)
    compiled = kernel("_vertex_numba", "simple_vertices")
    if compiled is None or 8 * bound * k * (d + 1) > _PIVOT_BYTES:
        return None
    Z, keys, ok = compiled(np.ascontiguousarray(G, dtype=np.float64), float(tol), bound)
    if not ok:
        return None
    order = np.argsort(keys)
    bits = (keys[order, None] >> np.arange(d + k, dtype=np.int64)) & 1 == 1
    return Vertices(Z[order], bits[:, :d], bits[:, d:])


def label_keys(L: np.ndarray) -> np.ndarray:
    """One sortable key per boolean row: an integer bit mask for up to 64 labels, else the
    packed bits as raw bytes (any number of labels).

    References
    ----------
    Knuth, D. E. (2011). The Art of Computer Programming 4A, section 7.1.3 (bit vectors).

    Examples
    --------
    >>> label_keys(np.array([[1, 0, 1], [0, 1, 0]], dtype=bool)).tolist()
    [5, 2]
    """
    if L.shape[1] <= 64:
        return L.astype(np.uint64) @ (np.uint64(1) << np.arange(L.shape[1], dtype=np.uint64))
    packed = np.ascontiguousarray(np.packbits(L, axis=1))
    return packed.view(np.dtype((np.void, packed.shape[1]))).ravel()


def _covering(LP: np.ndarray, LQ: np.ndarray) -> np.ndarray:
    """All ``(p, q)`` whose label sets cover every label, by one product of the "missing"
    indicator matrices (zero where no label is missing from both), in blocks."""
    if len(LP) == 0 or len(LQ) == 0:
        return np.zeros((0, 2), dtype=np.intp)
    MP, MQ = (~LP).astype(np.float32), (~LQ).astype(np.float32).T
    block = max(1, _PAIR_BLOCK // MQ.shape[1])
    return np.vstack([np.argwhere(MP[s:s + block] @ MQ < 0.5) + [s, 0]
                      for s in range(0, len(MP), block)])


def complete_pairs(LP: np.ndarray, LQ: np.ndarray, m: int, n: int) -> np.ndarray:
    """All completely labelled pairs ``(p, q)`` of rows of two label matrices, sorted.

    A vertex of P has at least m labels and one of Q at least n; when both have exactly
    that many, the partner's label set is the complement, found by sorting and binary
    search on packed keys. Pairs with a degenerate vertex (more labels) are found by a
    matrix product over all label sets, which supports any number of labels.

    References
    ----------
    von Stengel, B. (2007). Algorithmic Game Theory, ch. 3, Theorem 3.4 (complete
    labelling), section 3.5 (degenerate games).

    Examples
    --------
    >>> LP = np.array([[1, 0, 0, 1], [0, 1, 1, 1]], dtype=bool)
    >>> LQ = np.array([[0, 1, 1, 0], [1, 0, 1, 0]], dtype=bool)
    >>> complete_pairs(LP, LQ, 2, 2).tolist()
    [[0, 0], [1, 1]]
    """
    deg_p, deg_q = np.count_nonzero(LP, axis=1) > m, np.count_nonzero(LQ, axis=1) > n
    simple_p, simple_q = np.flatnonzero(~deg_p), np.flatnonzero(~deg_q)
    dp, dq = np.flatnonzero(deg_p), np.flatnonzero(deg_q)
    parts = [np.zeros((0, 2), dtype=np.intp)]
    if len(simple_p) and len(simple_q):
        kq = label_keys(LQ[simple_q])
        order = np.argsort(kq)
        kq = kq[order]
        want = label_keys(~LP[simple_p])
        pos = np.minimum(np.searchsorted(kq, want), len(kq) - 1)
        hit = kq[pos] == want
        parts.append(np.c_[simple_p[hit], simple_q[order[pos[hit]]]])
    if len(dp):
        pairs = _covering(LP[dp], LQ)
        parts.append(np.c_[dp[pairs[:, 0]], pairs[:, 1]])
    if len(dq):
        pairs = _covering(LP[simple_p], LQ[dq])
        parts.append(np.c_[simple_p[pairs[:, 0]], dq[pairs[:, 1]]])
    out = np.vstack(parts).astype(np.intp)
    return out[np.lexsort((out[:, 1], out[:, 0]))]


def solve_bordered(M: np.ndarray, rows: np.ndarray,
                   cols: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Solve many square indifference systems ``M[R_i, C_i] u = v 1, sum(u) = 1`` at once.

    This is :func:`~gametheory.solvers.indifference.solve_indifference` for square
    systems, batched: row ``i`` of the boolean masks ``rows`` (N, M.shape[0]) and ``cols``
    (N, M.shape[1]) selects ``R_i`` and ``C_i`` of equal size. Systems are padded with
    identity blocks and solved together by batched LU (grouped by size when there are
    many). A system counts as singular when its determinant is below 1e-10 times the
    product of its row norms (Hadamard's bound); centre ``M`` (entries of both signs) for
    a fair test.

    Returns
    -------
    (U, v, ok)
        ``U`` (N, M.shape[1]) the solutions ``u`` (zero off ``C_i``), ``v`` (N,) the
        values, ``ok`` (N,) the non-singular systems (zeros elsewhere).

    References
    ----------
    von Stengel, B. (2007). Algorithmic Game Theory, ch. 3, section 3.2 (best response
    condition); Golub, G. H. & Van Loan, C. F. (2013). Matrix Computations, 4th ed.,
    section 3.4 (LU with partial pivoting).

    Examples
    --------
    >>> M = np.array([[2.0, 0.0], [0.0, 1.0]])
    >>> U, v, ok = solve_bordered(M, np.array([[1, 1], [0, 1]], bool),
    ...                           np.array([[1, 1], [0, 1]], bool))
    >>> np.round(U, 4).tolist(), np.round(v, 4).tolist(), ok.tolist()
    ([[0.3333, 0.6667], [0.0, 1.0]], [0.6667, 1.0], [True, True])
    """
    N, k = cols.shape
    U, v, ok = np.zeros((N, k + 1)), np.zeros(N), np.zeros(N, dtype=bool)
    sizes = np.count_nonzero(rows, axis=1)
    # few systems: one padded batch; many: one batch per size (less padding work)
    groups = [np.arange(N)] if N <= 64 else [np.flatnonzero(sizes == s) for s in
                                             np.unique(sizes)]
    for idx in groups:
        if len(idx) == 0:
            continue
        size = int(sizes[idx].max())
        R = np.argsort(~rows[idx], axis=1, kind="stable")[:, :size]  # chosen ones first
        C = np.argsort(~cols[idx], axis=1, kind="stable")[:, :size]
        valid = np.arange(size) < sizes[idx, None]
        K = np.zeros((len(idx), size + 1, size + 1))
        K[:, :size, :size] = np.where(valid[:, :, None] & valid[:, None, :],
                                      M[R[:, :, None], C[:, None, :]], 0.0)
        K[:, :size, :size] += np.eye(size) * ~valid[:, None, :]  # identity on the padding
        K[:, :size, size] = -1.0 * valid
        K[:, size, :size] = valid
        rhs = np.zeros((len(idx), size + 1))
        rhs[:, size] = 1.0
        sol, good = solve_stack(K, rhs)
        if good.any():
            sol = sol[good]
            U[idx[good][:, None], np.where(valid[good], C[good], k)] = sol[:, :size]
            v[idx[good]] = sol[:, size]
            ok[idx[good]] = True
    return U[:, :k], v, ok
