"""Convex polygons in the plane as ``(k, 2)`` float arrays of vertices, counter-clockwise.

A polygon may be degenerate: one vertex (a point), two (a segment) or none (the empty
set). Every function here accepts those, so that callers need no special cases where a
payoff set collapses (scipy's Qhull refuses collinear or repeated points).

References
----------
Andrew, A. M. (1979). Another efficient algorithm for convex hulls in two dimensions.
*Information Processing Letters* 9(5), 216-219.
"""

from __future__ import annotations

import numpy as np

__all__ = ["hull", "area", "contains", "distance", "hausdorff"]


def _chain(xs: list, ys: list, order: list, eps: float) -> list[int]:
    out: list[int] = []
    for k in order:
        xk, yk = xs[k], ys[k]
        while len(out) >= 2:
            o, a = out[-2], out[-1]
            xo, yo = xs[o], ys[o]
            if (xs[a] - xo) * (yk - yo) - (ys[a] - yo) * (xk - xo) > eps:
                break
            out.pop()
        out.append(k)
    return out


def _prune(xs: list, ys: list, idx: list[int], eps: float) -> list[int]:
    """Drop, round the closed chain, the vertices (the first one too, which the chains
    always keep) that are collinear with their neighbours within ``eps``."""
    changed = True
    while changed and len(idx) >= 3:
        changed = False
        for pos in range(len(idx)):
            o, a, b = idx[pos - 1], idx[pos], idx[(pos + 1) % len(idx)]
            if (xs[a] - xs[o]) * (ys[b] - ys[o]) - (ys[a] - ys[o]) * (xs[b] - xs[o]) <= eps:
                del idx[pos]
                changed = True
                break
    return idx


#: Directions, counter-clockwise from straight down, of the octagon of extreme points.
_DIRS = np.array([[0, -1], [1, -1], [1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1]],
                 dtype=float)


def _outside_octagon(pts: np.ndarray, eps: float) -> np.ndarray:
    """A mask of the points not strictly inside the polygon of the extreme points in eight
    directions (Akl & Toussaint 1978): those cannot be hull vertices. Order is kept."""
    ext = np.argmax(pts @ _DIRS.T, axis=0)
    ext = ext[np.r_[True, ext[1:] != ext[:-1]]]
    if len(ext) > 1 and ext[0] == ext[-1]:
        ext = ext[:-1]
    if len(ext) < 3:
        return np.ones(len(pts), dtype=bool)
    A = pts[ext]
    D = np.concatenate([A[1:], A[:1]]) - A
    R = pts[:, None, :] - A[None, :, :]
    cross = D[None, :, 0] * R[..., 1] - D[None, :, 1] * R[..., 0]
    return ~(cross > eps).all(axis=1)


def hull(points: np.ndarray, tol: float = 0.0) -> np.ndarray:
    """Indices of the vertices of the convex hull of ``points``, counter-clockwise from
    the lowest-leftmost one (Andrew's monotone chain).

    Points closer than ``tol`` to each other count once; a point within about ``tol`` of
    the segment between its neighbours is not a vertex. One index for a single point,
    two for a segment, none for no points.

    Examples
    --------
    >>> import numpy as np
    >>> hull(np.array([[0, 0], [2, 0], [1, 1], [1, 0], [0, 2], [0, 0]])).tolist()
    [0, 1, 4]
    >>> hull(np.array([[0, 0], [1, 1], [2, 2]])).tolist(), hull(np.ones((3, 2))).tolist()
    ([0, 2], [0])
    """
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    if len(pts) == 0:
        return np.zeros(0, dtype=int)
    # x within tol counts as equal in the sort, so that the chains start at the lowest
    # of several points on a (nearly) vertical side rather than at a rounding accident
    xkey = np.floor(pts[:, 0] / tol + 0.5) if tol > 0 else pts[:, 0]
    order = np.lexsort((pts[:, 1], xkey))
    srt = pts[order]
    keep = np.ones(len(srt), dtype=bool)             # drop repeats (within tol)
    keep[1:] = np.abs(np.diff(srt, axis=0)).max(axis=1) > tol
    order = order[keep]
    if len(order) <= 2:
        if len(order) == 2 and np.abs(pts[order[0]] - pts[order[1]]).max() <= tol:
            order = order[:1]
        return order.astype(int)
    sub = pts[order]
    span = float(np.ptp(sub, axis=0).max())
    eps = tol * max(span, 1.0)                       # cross products scale with length
    if len(order) > 16:
        inner = _outside_octagon(sub, eps)
        order, sub = order[inner], sub[inner]
    xs, ys = pts[:, 0].tolist(), pts[:, 1].tolist()
    ordered = order.tolist()
    lower = _chain(xs, ys, ordered, eps)
    upper = _chain(xs, ys, ordered[::-1], eps)
    idx = _prune(xs, ys, lower[:-1] + upper[:-1], eps)
    if len(idx) < 3 or 2 * area(pts[idx]) <= tol * span:
        # a set thinner than tol is a segment: its ends along the principal axis (the
        # chains' tolerant turns may pick arbitrary points of a sliver)
        centred = sub - sub.mean(axis=0)
        _, _, axes = np.linalg.svd(centred, full_matrices=False)
        along, across = centred @ axes[0], centred @ axes[1]
        if float(np.ptp(across)) <= tol or len(idx) < 3:
            ends = [int(order[along.argmin()]), int(order[along.argmax()])]
            if float(np.ptp(along)) <= tol:
                return np.asarray(ends[:1], dtype=int)
            ends.sort(key=lambda k: (xkey[k], ys[k]))
            return np.asarray(ends, dtype=int)
    first = idx.index(min(idx, key=lambda k: (xkey[k], ys[k])))
    idx = idx[first:] + idx[:first]
    return np.asarray(idx, dtype=int)


def area(P: np.ndarray) -> float:
    """The area of a counter-clockwise polygon (0 for a point or a segment).

    >>> import numpy as np
    >>> area(np.array([[0., 0.], [2., 0.], [0., 2.]]))
    2.0
    """
    if len(P) < 3:
        return 0.0
    x, y = P[:, 0], P[:, 1]
    return 0.5 * float(np.dot(x[:-1], y[1:]) - np.dot(y[:-1], x[1:]) + x[-1] * y[0] - y[-1] * x[0])


def distance(P: np.ndarray, points: np.ndarray) -> np.ndarray:
    """The Euclidean distance of each point to the polygon ``P`` (0 inside it; inf when
    ``P`` is empty).

    >>> import numpy as np
    >>> sq = np.array([[0., 0.], [1., 0.], [1., 1.], [0., 1.]])
    >>> distance(sq, np.array([[0.5, 0.5], [2., 1.], [-3., -4.]])).tolist()
    [0.0, 1.0, 5.0]
    """
    X = np.asarray(points, dtype=float).reshape(-1, 2)
    if len(P) == 0:
        return np.full(len(X), np.inf)
    if len(P) == 1:
        return np.hypot(*(X - P[0]).T)
    A, B = P, np.concatenate([P[1:], P[:1]])
    D = B - A                                                  # (k, 2)
    L2 = np.maximum((D ** 2).sum(axis=1), 1e-300)
    R = X[:, None, :] - A[None, :, :]                          # (m, k, 2)
    t = np.clip((R * D[None]).sum(axis=2) / L2, 0.0, 1.0)
    near = R - t[..., None] * D[None]
    d = np.sqrt((near ** 2).sum(axis=2)).min(axis=1)
    if len(P) >= 3:
        cross = D[None, :, 0] * R[..., 1] - D[None, :, 1] * R[..., 0]
        d[(cross >= 0).all(axis=1)] = 0.0
    return d


def contains(P: np.ndarray, points: np.ndarray, tol: float = 1e-9) -> np.ndarray:
    """Whether each point lies in the polygon ``P`` or within ``tol`` of it.

    >>> import numpy as np
    >>> contains(np.array([[0., 0.], [1., 1.]]), np.array([[0.5, 0.5], [0.5, 0.6]])).tolist()
    [True, False]
    """
    return distance(P, points) <= tol


def hausdorff(P: np.ndarray, Q: np.ndarray) -> float:
    """The Hausdorff distance between two convex polygons (attained at a vertex, since
    the distance to a convex set is a convex function); inf if exactly one is empty.

    >>> import numpy as np
    >>> hausdorff(np.array([[0., 0.], [1., 0.]]), np.array([[0., 0.], [3., 0.]]))
    2.0
    """
    if len(P) == 0 or len(Q) == 0:
        return 0.0 if len(P) == len(Q) else float("inf")
    return float(max(distance(Q, P).max(), distance(P, Q).max()))
