"""Batched backward induction: a perfect-information tree at many parameter points at once.

The level passes of :mod:`gametheory.solvers.backward` with a batch axis: at every level,
the chance nodes' expected values and the players' best choices are computed for a slice
of points with a few numpy calls (Python loops only over levels and over slices of
``_SUB`` points, never over single points or nodes). A point at
which some player is indifferent (within ``tol``) has several subgame-perfect equilibria;
such points are handed to ``fallback``, which solves them one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import SolverError
from .backward import level_groups
from .batch import BatchEngine, BatchEquilibria

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveFormGame
    from ..games.protocol import Game

__all__ = ["tree_batch", "rows_of", "ENGINE"]

_SUB = 2048     # points per pass: the working arrays stay small (no page faults, cached)


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


def _plan(a: Any) -> list[tuple]:
    """Per level (deepest first): the decision and chance groups as padded child tables.

    A table row is one group; its column j holds the child reached by action (outcome) j,
    or the dummy node n (value 0, probability 0) past the group's end.
    """
    n = len(a.parent)
    order, gstart, gpar, gdec, cnt, pl, lb, gb = level_groups(a)
    group = np.repeat(np.arange(len(gstart)), cnt)
    plan = []
    for k in range(len(lb) - 2, -1, -1):
        lo, hi, glo, ghi = int(lb[k]), int(lb[k + 1]), int(gb[k]), int(gb[k + 1])
        table = np.full((ghi - glo, int(cnt[glo:ghi].max())), n, dtype=np.int64)
        table[group[lo:hi] - glo, a.action[order[lo:hi]]] = order[lo:hi]
        dec = gdec[glo:ghi]
        d_par, c_par = gpar[glo:ghi][dec], gpar[glo:ghi][~dec]
        pad = table[dec] == n
        plan.append((table[dec], d_par, a.player[d_par], pad if pad.any() else None,
                     table[~dec], c_par))
    return plan


def _backward(a: Any, plan: list, payoffs: np.ndarray, Q: np.ndarray, tol: np.ndarray,
              val: np.ndarray, prob: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Root values (B, N), the action chosen at each decision node (nodes, B) and tie
    flags (B,); ``a.player >= 0`` in id order selects the decision nodes.

    ``val`` (n + 1, N, B) and ``prob`` (n + 1, B) are C-contiguous work arrays whose
    last row (the dummy node) is 0. They keep the batch axis last, so that every numpy
    call of a level works on whole rows of B values; B stays small (``_SUB``) so that
    they stay in cache.
    """
    B, _, N = payoffs.shape
    n = len(a.parent)
    flat = val.reshape(-1)                                          # a view
    offs = (np.arange(N) * B)[:, None] + np.arange(B)
    val[a.terminals] = payoffs.transpose(1, 2, 0)
    prob[:n] = Q.T
    choice = np.zeros((n, B), dtype=np.int64)
    tie = np.zeros(B, dtype=bool)
    for d_tab, d_par, d_pl, pad, c_tab, c_par in plan:
        if len(c_par):
            val[c_par] = np.einsum("gcb,gcib->gib", prob[c_tab], val[c_tab])
        if len(d_par):
            u = val[d_tab, d_pl[:, None]]                           # (G, c, B)
            if pad is not None:
                u[pad] = -np.inf
            best = u >= (u.max(axis=1) - tol)[:, None, :]
            c = d_tab.shape[1]
            first = np.full((len(d_par), B), c - 1)
            for j in range(c - 2, -1, -1):
                first[best[:, j]] = j
            tie |= (best.sum(axis=1) > 1).any(axis=0)
            node = d_tab[np.arange(len(d_par))[:, None], first]     # chosen child (G, B)
            val[d_par] = flat.take(node[:, None, :] * (N * B) + offs)
            choice[d_par] = first
    return val[0].T, choice[a.player >= 0], tie


def rows_of(a: Any, offsets: np.ndarray, solutions: Sequence[Any], points: np.ndarray
             ) -> tuple[list[int], list[list[float]], list[tuple], list[bool]]:
    """Flatten fallback Solutions into (point, profile row, payoffs) lists (and each
    point's ``complete``); ``offsets`` start each information set's actions in a row."""
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
               tol: float | np.ndarray | None = None,
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
    tol : float or ndarray of shape (B,), optional
        Payoff differences up to ``tol`` (one per point for an array) are ties; by
        default ``1e-9`` times the largest absolute payoff of the point (at least
        ``1e-9``), as in ``gt.solve(..., "spe")``.
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
    >>> from gametheory.solvers.batched_backward import tree_batch
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
        tols = np.broadcast_to(np.asarray(tol, dtype=np.float64), (B,)).copy()
    offsets = np.cumsum([0] + [len(x) for x in a.infoset_actions])
    if len(a.parent) == 1:
        return BatchEquilibria(B, np.arange(B), np.zeros((B, 0)), payoffs[:, 0].copy(),
                               np.ones(B, dtype=bool))
    plan, first_col = _plan(a), offsets[a.infoset[a.player >= 0]]
    root, tie = np.empty((B, N)), np.empty(B, dtype=bool)
    profile = np.zeros((B, int(offsets[-1])))
    for lo in range(0, B, _SUB):
        hi = min(B, lo + _SUB)
        if lo == 0 or hi - lo < _SUB:       # work arrays, C-contiguous for the chunk size
            val = np.zeros((len(a.parent) + 1, N, hi - lo))
            prob = np.zeros((len(a.parent) + 1, hi - lo))
        root[lo:hi], chosen, tie[lo:hi] = _backward(
            a, plan, payoffs[lo:hi], chance_prob[lo:hi], tols[lo:hi], val, prob)
        profile[np.arange(lo, hi), first_col[:, None] + chosen] = 1.0
    complete = np.ones(B, dtype=bool)
    tied = np.flatnonzero(tie)
    if fallback is None or not len(tied):
        complete[tied] = False
        return BatchEquilibria(B, np.arange(B), profile, root, complete)
    solutions = fallback(tied)
    if len(solutions) != len(tied):
        raise SolverError(f"fallback returned {len(solutions)} solutions for {len(tied)} "
                          "points")
    pts, prof, pay, comp = rows_of(a, offsets, solutions, tied)
    complete[tied] = comp
    keep = np.flatnonzero(~tie)
    point = np.concatenate([keep, np.array(pts, dtype=np.int64)])
    rows = np.concatenate([profile[keep], np.array(prof).reshape(-1, profile.shape[1])])
    pays = np.concatenate([root[keep], np.array(pay).reshape(-1, N)])
    idx = np.argsort(point, kind="stable")
    return BatchEquilibria(B, point[idx], rows[idx], pays[idx], complete)


def _accepts(game: Game) -> bool:
    return game.is_tree and game.num_players >= 2 and game.has_perfect_information


def _run(game: ExtensiveFormGame, evaluated: tuple, tol: float | None,
         solve_point: Callable[..., Any], game_at: Callable[[int], Any]) -> BatchEquilibria:
    """The sweep engine: ``evaluated`` is ``(payoffs, chance probabilities)``; points
    with a tie are solved by ``solve_point`` on the game substituted there."""
    payoffs, chance = evaluated
    opts = {} if tol is None else {"tol": tol}

    def fallback(indices: np.ndarray) -> list:
        return [solve_point(game_at(i), **opts) for i in np.asarray(indices, dtype=np.intp)]

    return tree_batch(game.arrays, payoffs, chance, tol, fallback)


#: The sweep engine of "spe" (perfect-information trees, two or more players).
ENGINE = BatchEngine("spe", _accepts, _run)
