"""Branch tracking: which equilibrium at one grid point continues which at the next.

Neighbouring points are consecutive points along the grid's last (fastest) axis. Their
equilibria are matched by a minimum-cost assignment on the profile distances (largest
absolute difference of a probability, :func:`scipy.optimize.linear_sum_assignment`); a
matched pair farther apart than ``jump`` starts a new branch, as does an equilibrium left
unmatched. Pairs of points with few equilibria each (the common case) are matched in a
few vectorised steps; branch ids then follow by pointer jumping, without a loop over points.
"""

from __future__ import annotations

import itertools

import numpy as np

from ..solvers.batch import BatchEquilibria

__all__ = ["track_branches", "DEFAULT_JUMP"]

#: A matched pair whose profiles differ by more than this in some probability is a jump.
DEFAULT_JUMP = 0.25
#: Pairs of points with at most this many equilibria each are matched vectorised, by
#: trying every assignment (at most 4! = 24); larger ones one by one.
SMALL = 4


def track_branches(batch: BatchEquilibria, line: int, jump: float = DEFAULT_JUMP
                   ) -> np.ndarray:
    """A branch id per equilibrium row (0, 1, ... in order of first appearance).

    Parameters
    ----------
    batch : BatchEquilibria
        The sweep's equilibria.
    line : int
        Length of the grid's last axis: points k and k + 1 are neighbours unless
        ``k + 1`` is a multiple of ``line``.
    jump : float
        Largest distance (max-norm of the profile difference) still continuing a branch.
    """
    from scipy.optimize import linear_sum_assignment

    E, B = len(batch.point), batch.num_points
    prev = np.full(E, -1, dtype=np.int64)
    counts = batch.counts
    start = np.concatenate(([0], np.cumsum(counts)))
    k = np.arange(B - 1)
    k = k[(k + 1) % line != 0]
    c0, c1 = counts[k], counts[k + 1]
    one = k[(c0 == 1) & (c1 == 1)]
    r0 = start[one]                                    # its successor is row r0 + 1
    near = _step(batch.profile)[r0] <= jump
    prev[r0[near] + 1] = r0[near]
    multi = (c0 > 0) & (c1 > 0) & ~((c0 == 1) & (c1 == 1))
    small = multi & (np.maximum(c0, c1) <= SMALL)
    for m0, m1 in set(zip(c0[small].tolist(), c1[small].tolist())):
        ps = k[small & (c0 == m0) & (c1 == m1)]
        _match_small(batch.profile, start[ps][:, None] + np.arange(m0),
                     start[ps + 1][:, None] + np.arange(m1), jump, prev)
    for p in k[multi & ~small].tolist():
        a = np.arange(start[p], start[p + 1])
        b = np.arange(start[p + 1], start[p + 2])
        cost = np.abs(batch.profile[a][:, None, :] - batch.profile[b][None, :, :]).max(
            axis=2, initial=0.0)
        i, j = linear_sum_assignment(cost)
        ok = cost[i, j] <= jump
        prev[b[j[ok]]] = a[i[ok]]
    root = np.where(prev < 0, np.arange(E), prev)
    while True:                       # pointer jumping: each row's first ancestor
        nxt = root[root]
        if np.array_equal(nxt, root):
            break
        root = nxt
    return np.unique(root, return_inverse=True)[1].ravel().astype(np.int64)


def _match_small(profile: np.ndarray, A: np.ndarray, B: np.ndarray, jump: float,
                 prev: np.ndarray) -> None:
    """Minimum-cost assignments for G point pairs at once: rows ``A`` (G, m0) to rows
    ``B`` (G, m1), by trying every injective assignment of the smaller side."""
    m0, m1 = A.shape[1], B.shape[1]
    cost = np.abs(profile[A][:, :, None, :] - profile[B][:, None, :, :]).max(
        axis=3, initial=0.0)                                        # (G, m0, m1)
    G = np.arange(len(A))[:, None]
    if m0 <= m1:
        perms = np.array(list(itertools.permutations(range(m1), m0)))   # row i -> col
        best = perms[cost[:, np.arange(m0), perms].sum(axis=2).argmin(axis=1)]
        rows, cols = np.broadcast_to(np.arange(m0), best.shape), best
    else:
        perms = np.array(list(itertools.permutations(range(m0), m1)))   # col j -> row
        best = perms[cost[:, perms, np.arange(m1)].sum(axis=2).argmin(axis=1)]
        rows, cols = best, np.broadcast_to(np.arange(m1), best.shape)
    ok = cost[G, rows, cols] <= jump
    prev[B[G, cols][ok]] = A[G, rows][ok]


def _step(profile: np.ndarray, block: int = 1 << 16) -> np.ndarray:
    """Distance of each row to the next (max-norm), computed in blocks of rows."""
    out = np.full(len(profile), np.inf)
    for lo in range(0, len(profile) - 1, block):
        hi = min(lo + block, len(profile) - 1)
        out[lo:hi] = np.abs(profile[lo + 1:hi + 1] - profile[lo:hi]).max(axis=1, initial=0.0)
    return out
