"""Batched backward induction: a perfect-information tree at many parameter points at once.

The level passes of :mod:`gametheory.solvers.backward` with a leading batch axis: at every
level, the chance nodes' expected values and the players' best choices are computed for
all B points with a few numpy calls (no Python loop over points or nodes). A point at
which some player is indifferent (within ``tol``) has several subgame-perfect equilibria;
such points are handed to ``fallback``, which solves them one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..errors import SolverError
from ..solvers.backward import level_groups
from ._batch import BatchEquilibria

__all__ = ["tree_batch"]


def _check(a: Any, payoffs: np.ndarray, chance_prob: np.ndarray) -> None:
    dec = a.infoset[a.infoset >= 0]
    sizes = np.bincount(dec, minlength=len(a.infoset_labels))
    if (sizes > 1).any():
        h = int(np.flatnonzero(sizes > 1)[0])
        raise SolverError(f"batched backward induction needs perfect information; "
                          f"information set {a.infoset_labels[h]!r} has {int(sizes[h])} nodes")
    T, n = len(a.terminals), len(a.parent)
    if payoffs.ndim != 3 or payoffs.shape[1] != T or chance_prob.shape != (len(payoffs), n):
        raise SolverError(f"tree_batch needs payoffs of shape (B, {T}, N) and chance "
                          f"probabilities of shape (B, {n}); got {payoffs.shape} and "
                          f"{chance_prob.shape}")


def _backward(a: Any, payoffs: np.ndarray, Q: np.ndarray, tol: np.ndarray,
              offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Root values (B, N), the profile column of each decision node's choice (B, nodes)
    and tie flags (B,)."""
    B, _, N = payoffs.shape
    order, gstart, gpar, gdec, cnt, pl, lb, gb = level_groups(a)
    val = np.zeros((B, len(a.parent), N))
    val[:, a.terminals] = payoffs
    Qo = Q[:, order]
    act = a.action[order]
    rows = np.arange(B)[:, None]
    choice = np.zeros((B, len(gstart)), dtype=np.int64)
    tie = np.zeros(B, dtype=bool)
    for k in range(len(lb) - 2, -1, -1):
        lo, hi, glo, ghi = int(lb[k]), int(lb[k + 1]), int(gb[k]), int(gb[k + 1])
        m = hi - lo
        V = val[:, order[lo:hi]]                                    # (B, m, N)
        st = gstart[glo:ghi] - lo
        dec, parents = gdec[glo:ghi], gpar[glo:ghi]
        if not dec.all():
            sums = np.add.reduceat(Qo[:, lo:hi, None] * V, st, axis=1)
            val[:, parents[~dec]] = sums[:, ~dec]
        if dec.any():
            u = V[:, np.arange(m), pl[lo:hi]]                       # (B, m)
            top = np.repeat(np.maximum.reduceat(u, st, axis=1), cnt[glo:ghi], axis=1)
            best = u >= top - tol[:, None]
            pos = np.where(best, np.arange(m), m)
            first = np.minimum.reduceat(pos, st, axis=1)[:, dec]    # (B, decision groups)
            nbest = np.add.reduceat(best.astype(np.int32), st, axis=1)[:, dec]
            tie |= (nbest > 1).any(axis=1)
            val[:, parents[dec]] = V[rows, first]
            choice[:, glo + np.flatnonzero(dec)] = act[lo + first]
    return val[:, 0], offsets[a.infoset[gpar[gdec]]][None, :] + choice[:, gdec], tie


def _rows_of(a: Any, offsets: np.ndarray, solutions: Sequence[Any], points: np.ndarray
             ) -> tuple[list[int], list[list[float]], list[tuple], list[bool]]:
    """Flatten fallback Solutions into (point, profile row, payoffs) lists."""
    pts, prof, pay, complete = [], [], [], []
    for k, sol in zip(points.tolist(), solutions, strict=True):
        complete.append(bool(sol.complete))
        for eq in sol.equilibria:
            row = np.zeros(int(offsets[-1]))
            for h, label in enumerate(a.infoset_labels):
                acts = eq.behavior[label]
                row[offsets[h]:offsets[h + 1]] = [float(acts[x]) for x in a.infoset_actions[h]]
            pts.append(k)
            prof.append(row)
            pay.append(tuple(float(v) for v in eq.payoffs))
    return pts, prof, pay, complete


def tree_batch(arrays: Any, payoffs: np.ndarray, chance_prob: np.ndarray,
               tol: float | None = None,
               fallback: Callable[[np.ndarray], list] | None = None) -> BatchEquilibria:
    """All pure subgame-perfect equilibria of a perfect-information tree at B points.

    Parameters
    ----------
    arrays : TreeArrays
        The tree (``game.arrays``); every information set a single node, chance allowed.
    payoffs : ndarray, shape (B, num_terminals, N)
        Terminal payoffs at each point (``game.evaluator()`` gives them).
    chance_prob : ndarray, shape (B, num_nodes)
        Chance probability into each node at each point (1 below decision nodes).
    tol : float, optional
        Payoff differences up to ``tol`` are ties; by default ``1e-9`` times the largest
        absolute payoff of the point (at least ``1e-9``), as in ``gt.solve(..., "spe")``.
    fallback : callable, optional
        ``fallback(indices) -> list[Solution]`` solves the points with a tie (several
        equilibria); their equilibria replace the batch's. Without it such a point keeps
        the one equilibrium that takes the first best action at every tie, and
        ``complete`` is False there.

    Returns
    -------
    BatchEquilibria
        ``profile`` rows are behaviour probabilities (information sets in order, actions in
        order; 1 on the chosen action), ``payoffs`` the expected payoffs.

    Raises
    ------
    SolverError
        For imperfect information or arrays of the wrong shape.

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
    extensive games. *International Journal of Game Theory* 4, 25-55.

    Examples
    --------
    Ultimatum-like game: B accepts an offer worth q to her when q > 0.

    >>> import numpy as np
    >>> import gametheory as gt
    >>> from gametheory.analysis._sweep_tree import tree_batch
    >>> q = gt.parameters("q")
    >>> g = gt.ExtensiveFormGame(["A", "B"])
    >>> low, high = g.root.decide("A", ["low", "high"])
    >>> for node, (a, b) in ((low, (2 - q, q)), (high, (1, 1))):
    ...     yes, no = node.decide("B", ["yes", "no"])
    ...     _ = yes.payoffs(a, b), no.payoffs(0, 0)
    >>> pay, prob = g.evaluator()({"q": np.array([-1.0, 0.5])})
    >>> res = tree_batch(g.arrays, pay, prob)
    >>> res.profile.tolist()
    [[0.0, 1.0, 0.0, 1.0, 1.0, 0.0], [1.0, 0.0, 1.0, 0.0, 1.0, 0.0]]
    >>> res.payoffs.tolist()
    [[1.0, 1.0], [1.5, 0.5]]
    """
    a = arrays
    payoffs = np.asarray(payoffs, dtype=np.float64)
    chance_prob = np.asarray(chance_prob, dtype=np.float64)
    _check(a, payoffs, chance_prob)
    B, _, N = payoffs.shape
    if tol is None:
        scale = np.abs(payoffs).max(axis=(1, 2)) if payoffs.size else np.zeros(B)
        tols = 1e-9 * np.maximum(1.0, scale)
    else:
        tols = np.full(B, float(tol))
    offsets = np.cumsum([0] + [len(x) for x in a.infoset_actions])
    if len(a.parent) == 1:
        return BatchEquilibria(B, np.arange(B), np.zeros((B, 0)), payoffs[:, 0].copy(),
                               np.ones(B, dtype=bool))
    root, cols, tie = _backward(a, payoffs, chance_prob, tols, offsets)
    profile = np.zeros((B, int(offsets[-1])))
    profile[np.arange(B)[:, None], cols] = 1.0
    complete = np.ones(B, dtype=bool)
    tied = np.flatnonzero(tie)
    if fallback is None or not len(tied):
        complete[tied] = False
        return BatchEquilibria(B, np.arange(B), profile, root, complete)
    solutions = fallback(tied)
    if len(solutions) != len(tied):
        raise SolverError(f"fallback returned {len(solutions)} solutions for {len(tied)} "
                          "points")
    pts, prof, pay, comp = _rows_of(a, offsets, solutions, tied)
    complete[tied] = comp
    keep = np.flatnonzero(~tie)
    point = np.concatenate([keep, np.array(pts, dtype=np.int64)])
    rows = np.concatenate([profile[keep], np.array(prof).reshape(-1, profile.shape[1])])
    pays = np.concatenate([root[keep], np.array(pay).reshape(-1, N)])
    idx = np.argsort(point, kind="stable")
    return BatchEquilibria(B, point[idx], rows[idx], pays[idx], complete)
