"""All Nash equilibria of a batch of bimatrix games by batched support enumeration.

The engine behind parameter sweeps of two-player normal-form games. For each support
size k and each side, the indifference systems of every equal-size support pair at
every point of the batch are solved together (:func:`~gametheory.solvers._support_batch.solve_class`
with a leading batch axis); feasibility and best responses are checked vectorised. A
point where that is provably all the equilibria (a nondegenerate point) is answered from
these arrays; a degenerate point (a singular system, a probability or a payoff tie
within ``tol``) is handed to a complete per-point solver and its answer merged in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError
from . import _support_batch as batch
from .batch import BatchEngine, BatchEquilibria
from .result import Solution, payoff_tolerance, solve_in_float_range

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame
    from ..games.protocol import Game

__all__ = ["bimatrix_batch", "support_prune", "interval_allowed", "vertex_fallback", "ENGINE"]

#: Indifference systems per side and chunk of points (bounds the memory of one chunk).
SYSTEMS_PER_CHUNK = 1 << 20

Fallback = Callable[[np.ndarray], Sequence]


def _vertex(game: NormalFormGame) -> Solution:
    """``gt.solve(game, method="vertex")`` without the dispatcher."""
    from .vertex import solve_vertex

    return solve_in_float_range(game, False, solve_vertex)


def vertex_fallback(payoffs: np.ndarray,
                    solver: Callable[[Any], Solution] | None = None) -> Fallback:
    """A fallback solving each requested point's game with a complete per-point solver.

    Parameters
    ----------
    payoffs : ndarray, shape (B, 2, m, n)
        The batch whose points the fallback will be asked for.
    solver : callable, optional
        ``solver(game) -> Solution`` for one point's NormalFormGame; default the
        complete vertex method (as ``gt.solve(game, method="vertex")``).

    Returns
    -------
    callable
        ``fallback(indices) -> list[Solution]``, one
        ``solver(NormalFormGame.from_arrays(A, B))`` per index.

    References
    ----------
    Avis, D., Rosenberg, G. D., Savani, R. & von Stengel, B. (2010). Enumeration of Nash
    equilibria for two-player games. *Economic Theory* 42, 9-37.

    Examples
    --------
    >>> import numpy as np
    >>> P = np.array([[[[1.0, 1.0], [1.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]]]])
    >>> [len(s.equilibria) for s in vertex_fallback(P)([0])]
    [4]
    """
    from ..games.normal import NormalFormGame

    P = np.asarray(payoffs, dtype=float)
    run = _vertex if solver is None else solver

    def fallback(indices: np.ndarray) -> list:
        return [run(NormalFormGame.from_arrays(P[i, 0], P[i, 1]))
                for i in np.asarray(indices, dtype=np.intp)]

    return fallback


def _check(payoffs: np.ndarray, tol: float) -> np.ndarray:
    P = np.asarray(payoffs)
    if P.ndim != 4 or P.shape[1] != 2 or 0 in P.shape[2:]:
        raise GameError(f"payoffs must have shape (B, 2, m, n) with m, n >= 1; got "
                        f"{P.shape}")
    if max(P.shape[2:]) > 62:
        raise GameError(f"bimatrix_batch handles at most 62 strategies per player; got "
                        f"{P.shape[2]} x {P.shape[3]}")
    P = P.astype(np.float64, copy=False)
    bad = ~np.isfinite(P).all(axis=(1, 2, 3))
    if bad.any():
        raise GameError(f"payoffs at point {int(np.flatnonzero(bad)[0])} are not all finite")
    if not (isinstance(tol, (int, float, np.floating, np.integer))
            and np.isfinite(tol) and tol > 0):
        raise GameError(f"tol must be a positive number; got {tol!r}")
    return P


def _side(M: np.ndarray, own: np.ndarray, opp: np.ndarray, tol: float,
          degenerate: np.ndarray, allowed: np.ndarray | None = None
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Solve one side of size class k for every point of a chunk.

    Returns ``(where, z, v)``: ``where[b, s, e]`` the row of ``z`` (probabilities on the
    own support s, shape (f, k)) and ``v`` (the opponent's equalised payoff) holding the
    clean solution for the pair (s, e) at point b, or -1. Marks the points with a
    singular non-dominated system or a solution feasible within ``tol`` but within
    ``tol`` of the boundary (a probability near 0 or an extra best response) degenerate.
    """
    res = batch.solve_class(M, own, opp, -tol, tol, allowed=allowed)
    degenerate[res.singular_point] = True
    e, s, z, v, ties = res.feasible
    pt = res.feasible_point
    tie_mask = np.zeros(len(e), dtype=np.int64)
    for r in range(ties.shape[1]):
        tie_mask |= ties[:, r].astype(np.int64) << np.int64(r)
    clean = tie_mask == batch.masks(opp)[e]
    for j in range(z.shape[1]):
        clean &= z[:, j] > tol
    degenerate[pt[~clean]] = True
    rows = np.flatnonzero(clean)
    where = np.full((M.shape[0], len(own), len(opp)), -1, dtype=np.intp)
    np.put(where, (pt[rows] * len(own) + s[rows]) * len(opp) + e[rows], rows)
    return where, z, v


def _chunk(P: np.ndarray, tol: float, offset: int, allowed: Sequence | None = None
           ) -> tuple[list[tuple], np.ndarray]:
    """Equal-size support enumeration for a chunk of points (numbered from ``offset``).

    Returns ``(pieces, degenerate)``: the equilibria found at the nondegenerate points,
    one piece per support size (see :func:`_assemble`), and the degenerate points.
    """
    nb, _, m, n = P.shape
    # the unit in which ``tol`` counts: solve's default regret tolerance at tol = 1e-9
    scale = payoff_tolerance(P, player_axis=1, batch=True) / 1e-9
    scale[scale == 0] = 1.0                                  # a game of zeros
    A = P[:, 0] / scale[:, None, None]
    Bt = np.ascontiguousarray(P[:, 1].transpose(0, 2, 1)) / scale[:, None, None]
    degenerate = np.zeros(nb, dtype=bool)
    found = []
    for k in range(1, min(m, n) + 1):
        sub1, sub2 = batch.subsets(m, k), batch.subsets(n, k)
        ax, ay = (None, None) if allowed is None else allowed[k - 1]
        xw, xz, xv = _side(Bt, sub1, sub2, tol, degenerate, ax)   # x on I equalises J
        yw, yz, yv = _side(A, sub2, sub1, tol, degenerate, ay)    # y on J equalises I
        yw = np.ascontiguousarray(yw.transpose(0, 2, 1))       # (b, I, J) like xw
        both = np.flatnonzero((xw >= 0) & (yw >= 0))
        found.append((both, xw.shape, sub1, sub2, xw.reshape(-1)[both], xz, xv,
                      yw.reshape(-1)[both], yz, yv))
    pieces = []
    for both, shape, sub1, sub2, xr, xz, xv, yr, yz, yv in found:
        b, i, j = np.unravel_index(both, shape)
        keep = np.flatnonzero(~degenerate[b])   # a point may be found degenerate later
        if keep.size < b.size:
            b, i, j, xr, yr = b[keep], i[keep], j[keep], xr[keep], yr[keep]
        pay = np.stack([yv[yr], xv[xr]], axis=1) * scale[b, None]
        pieces.append((b + offset, sub1[i], xz[xr], sub2[j], yz[yr], pay))
    return pieces, degenerate


def _fallback_piece(todo: np.ndarray, sols: Sequence, m: int, n: int,
                    complete: np.ndarray) -> tuple:
    """The fallback's equilibria as a piece for :func:`_assemble`."""
    if len(sols) != todo.size:
        raise GameError(f"fallback returned {len(sols)} solutions for {todo.size} points")
    b, xs, ys, pays = [], [], [], []
    for i, sol in zip(todo, sols, strict=True):
        complete[i] = bool(sol.complete)
        for eq in sol.equilibria:
            b.append(i)
            xs.append(np.asarray(eq.strategies[0], dtype=float))
            ys.append(np.asarray(eq.strategies[1], dtype=float))
            pays.append(np.asarray(eq.payoffs, dtype=float))
    f = len(b)
    return (np.asarray(b, dtype=np.intp), np.broadcast_to(np.arange(m), (f, m)),
            np.array(xs).reshape(f, m), np.broadcast_to(np.arange(n), (f, n)),
            np.array(ys).reshape(f, n), np.array(pays).reshape(f, 2))


def _assemble(nb: int, m: int, n: int, pieces: list[tuple]):
    """Write the pieces' equilibria straight to their rows, sorted by point (in piece
    order within a point). A piece is ``(b, cols1, probs1, cols2, probs2, payoffs)``
    with ``b`` non-decreasing: the rows' points, the strategies and probabilities of
    each player's support, and the payoffs."""
    counts = np.zeros(nb, dtype=np.int64)
    for piece in pieces:
        counts += np.bincount(piece[0], minlength=nb)
    first = np.cumsum(counts) - counts
    filled = np.zeros(nb, dtype=np.int64)
    profile = np.zeros((int(counts.sum()), m + n))
    payoffs = np.empty((len(profile), 2))
    flat = profile.reshape(-1)
    for b, cols1, probs1, cols2, probs2, pay in pieces:
        if not b.size:
            continue
        rows = first[b] + filled[b]
        new = np.ones(b.size, dtype=bool)
        new[1:] = b[1:] != b[:-1]
        if not new.all():                                   # several rows at a point
            starts = np.flatnonzero(new)
            rows += np.arange(b.size) - np.repeat(starts, np.diff(np.append(starts, b.size)))
        filled += np.bincount(b, minlength=nb)
        at = rows[:, None] * (m + n)
        np.put(flat, at + cols1, probs1)
        np.put(flat, at + (m + cols2), probs2)
        payoffs[rows] = pay
    return np.repeat(np.arange(nb, dtype=np.int64), counts), profile, payoffs


def support_prune(nodes_payoffs: np.ndarray, degree: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """The support pairs that cannot be equilibria anywhere on an interval, per side.

    Parameters
    ----------
    nodes_payoffs : ndarray, shape (D + 1, 2, m, n) or (L, D + 1, 2, m, n)
        The payoffs at the points ``_support_batch.interval_nodes(D)`` of the interval
        (mapped to [0, 1]), ``D = degree * min(m, n)``; with a leading axis, L intervals.
    degree : int
        A bound on the degree of every payoff as a polynomial in the parameter.

    Returns
    -------
    list
        Per support size k = 1, 2, ...: ``(allowed_x, allowed_y)`` for the two sides of
        :func:`bimatrix_batch` (x on I equalising J: shape (C(n, k), C(m, k)); y on J
        equalising I: shape (C(m, k), C(n, k)); with L intervals a leading axis L),
        False for a side of a pair that is infeasible at every point of the interval
        (:func:`_support_batch.interval_prune`).

    Examples
    --------
    Player 2 gets 2 from b1 and q from b2 against both rows, q in [0, 1]: b2 is never
    a best response, so the pure profiles with b2 are pruned on the side that asks it
    to be one; the size-2 system (b1 and b2 equal) is singular throughout, not pruned:

    >>> from gametheory.solvers._support_batch import interval_nodes
    >>> u = interval_nodes(2)
    >>> P = np.stack([[[[1.0, 0.0], [0.0, 1.0]], [[2.0, x], [2.0, x]]] for x in u])
    >>> (ax1, ay1), (ax2, ay2) = support_prune(P, 1)
    >>> ax1.astype(int).tolist(), ax2.tolist()
    ([[1, 1], [0, 0]], [[True]])
    """
    P = np.asarray(nodes_payoffs, dtype=np.float64)
    m, n = P.shape[-2:]
    D = degree * min(m, n)
    A = P[..., 0, :, :]
    Bt = np.ascontiguousarray(np.swapaxes(P[..., 1, :, :], -1, -2))
    out = []
    for k in range(1, min(m, n) + 1):
        sub1, sub2 = batch.subsets(m, k), batch.subsets(n, k)
        out.append((batch.interval_prune(Bt, sub1, sub2, D),
                    batch.interval_prune(A, sub2, sub1, D)))
    return out


def bimatrix_batch(payoffs: np.ndarray, tol: float | None = 1e-9,
                   fallback: Fallback | None = None,
                   allowed: Sequence | None = None,
                   interval: np.ndarray | None = None) -> BatchEquilibria:
    """All Nash equilibria at every point of a batch of bimatrix games.

    Batched support enumeration: for each support size k, the indifference systems of
    every equal-size support pair at every point are solved at once (one stack of k x k
    systems per side), and non-negativity and best responses are checked with array
    operations. At a nondegenerate point these pairs give every equilibrium. A point is
    treated as degenerate, and handed to ``fallback``, when some system that dominance
    does not rule out is singular, or some solution that is feasible within ``tol`` has
    a probability within ``tol`` of 0 or an extra best response within ``tol`` (so
    equilibria with unequal supports or continua are possible there).

    Parameters
    ----------
    payoffs : ndarray, shape (B, 2, m, n)
        ``payoffs[b, 0]`` is player 1's payoff matrix at point b, ``payoffs[b, 1]``
        player 2's.
    tol : float, optional
        Tolerance of the degeneracy tests, relative to each point's payoff scale: the
        largest range of one player's payoffs plus 1e-4 times the largest absolute
        payoff, so that 1e-9 is :func:`gametheory.solve`'s default regret tolerance
        (:func:`~gametheory.solvers.result.payoff_tolerance`) and scaling a point's
        payoffs by any c > 0 changes nothing; None means 1e-9.
    fallback : callable, optional
        ``fallback(indices) -> list[Solution]``: a complete solver for the degenerate
        points (one Solution per index, in order). Default :func:`vertex_fallback`.
    allowed : list, optional
        :func:`support_prune` for an interval holding every point, or for L intervals
        with ``interval``: the pairs it proves infeasible on the whole interval are not
        solved (the answer is unchanged: such a pair is never the restriction of an
        equilibrium there).
    interval : ndarray of int, shape (B,), optional
        With L intervals in ``allowed``: the interval holding each point.

    Returns
    -------
    BatchEquilibria
        One row per equilibrium, sorted by point: ``profile`` is ``x`` then ``y``
        (length m + n), ``payoffs`` the two expected payoffs. ``complete`` is True at
        nondegenerate points and the fallback's ``complete`` elsewhere.

    Raises
    ------
    GameError
        Payoffs of the wrong shape or not finite, more than 62 strategies, or a bad
        ``tol``.

    Notes
    -----
    Why the nondegenerate points are complete: let (x, y) be an equilibrium with
    supports (I, J) and pick J' in J with ``|J'| = |I|`` (if ``|J| >= |I|``). No strategy
    dominates a member of J' on I (x > 0 on I and J' are best responses), so the pair's
    system is examined; it is nonsingular (else the point is degenerate), so x is its
    solution and is feasible, and every strategy of J outside J' is an extra best
    response (else degenerate): so ``|J| = |I|``, symmetrically on the other side, and
    the pair (I, J) is found on both sides.

    The tests are made in floating point: a point within ``tol`` of degeneracy goes to
    the fallback; beyond that the answer is the exact game's, where a per-point float
    solver may also list near-equilibria that its own tolerance accepts. Cost: about a
    quarter of a second for 10^5 points of a 3 x 3 game (``benchmarks/bench_sweep.py``).

    References
    ----------
    von Stengel, B. (2007). Equilibrium computation for two-player games in strategic
    and extensive form. In Nisan et al., *Algorithmic Game Theory*, ch. 3, section 3.4
    (support enumeration; nondegenerate games, Definition 3.2).

    Examples
    --------
    Matching pennies with a parameter q added to player 1's payoff for (a1, b1):

    >>> import numpy as np
    >>> q = np.array([0.0, 1.0, 2.0])
    >>> P = np.zeros((3, 2, 2, 2))
    >>> P[:, 0] = [[1, -1], [-1, 1]]
    >>> P[:, 1] = [[-1, 1], [1, -1]]
    >>> P[:, 0, 0, 0] += q
    >>> eqs = bimatrix_batch(P)
    >>> eqs.counts.tolist(), eqs.complete.tolist()
    ([1, 1, 1], [True, True, True])
    >>> eqs.profile[1].round(4).tolist()
    [0.5, 0.5, 0.4, 0.6]
    """
    tol = 1e-9 if tol is None else tol
    P = _check(payoffs, tol)
    nb, _, m, n = P.shape
    if fallback is None:
        fallback = vertex_fallback(P)
    if nb == 0:
        return BatchEquilibria(0, np.zeros(0, dtype=np.int64), np.zeros((0, m + n)),
                               np.zeros((0, 2)), np.zeros(0, dtype=bool))
    pairs = sum(len(batch.subsets(m, k)) * len(batch.subsets(n, k))
                for k in range(1, min(m, n) + 1))
    step = max(1, SYSTEMS_PER_CHUNK // pairs)
    if allowed is not None:         # fewer systems per point: larger chunks (at most 8x)
        alive = sum(float(ax.sum()) + float(ay.sum()) for ax, ay in allowed) / 2
        alive /= 1 if interval is None else max(1, len(allowed[0][0]))
        step = max(step, min(8 * step, int(SYSTEMS_PER_CHUNK // max(alive, 1.0))))
    pieces, degenerate = [], np.zeros(nb, dtype=bool)
    for start in range(0, nb, step):
        part = allowed
        if allowed is not None and interval is not None:
            rows = interval[start:start + step]
            part = [(ax[rows], ay[rows]) for ax, ay in allowed]
        found, deg = _chunk(P[start:start + step], tol, start, part)
        pieces += found
        degenerate[start:start + step] = deg
    complete = np.ones(nb, dtype=bool)
    todo = np.flatnonzero(degenerate)
    if todo.size:
        pieces.append(_fallback_piece(todo, list(fallback(todo)), m, n, complete))
    point, profile, payoffs = _assemble(nb, m, n, pieces)
    return BatchEquilibria(nb, point, profile, payoffs, complete)


def _accepts(game: Game) -> bool:
    return not game.is_tree and game.num_players == 2


def _degree(game: NormalFormGame, name: str) -> int | None:
    """The largest degree of a payoff as a polynomial in the parameter ``name`` (the
    other parameters fixed), or None when some payoff is not a polynomial in it."""
    import sympy

    sym = next((p for p in game.parameters if p.name == name), None)
    if sym is None:
        return None
    d = 0
    for e in set(game.payoffs.ravel().tolist()):
        if sym not in getattr(e, "free_symbols", ()):
            continue
        try:
            poly = sympy.Poly(e, sym)
        except sympy.PolynomialError:
            return None
        if any(sym in getattr(c, "free_symbols", ()) for c in poly.coeffs()):
            return None
        d = max(d, poly.degree())
    return d


def interval_allowed(game: NormalFormGame, points: Any, pieces: int | None = None
                     ) -> tuple[list, np.ndarray] | None:
    """:func:`support_prune` on ``pieces`` equal parts of the interval a sweep's points
    span, and the part of each point; None (no pruning) unless exactly one parameter
    varies and every payoff is a polynomial in it. By default one part per 512 points,
    at most 32."""
    varying = [k for k, v in points.items() if np.ndim(v) and np.ptp(v) > 0]
    if len(varying) != 1 or min(game.shape) > 12:
        return None
    name = varying[0]
    d = _degree(game, name)
    if not d:
        return None
    vals = np.asarray(points[name], dtype=np.float64)
    lo, hi = float(vals.min()), float(vals.max())
    L = pieces or int(np.clip(len(vals) // 512, 1, 32))
    width = (hi - lo) / L
    part = np.clip(((vals - lo) / width).astype(np.int64), 0, L - 1)
    D = d * min(game.shape)
    pad = 1e-9 * (hi - lo)                    # closed parts, overlapping by rounding
    starts = np.maximum(lo, lo + width * np.arange(L) - pad)
    ends = np.minimum(hi, lo + width * np.arange(1, L + 1) + pad)
    t = (starts[:, None] + (ends - starts)[:, None] * batch.interval_nodes(D)[None]).ravel()
    cols = {k: (t if k == name else np.full(len(t), float(np.ravel(v)[0])))
            for k, v in points.items()}
    P = np.asarray(game.evaluator()(cols), dtype=np.float64)
    if not np.isfinite(P).all():
        return None
    return support_prune(P.reshape((L, D + 1) + P.shape[1:]), d), part


def _run(game: NormalFormGame, evaluated: np.ndarray, tol: float | None,
         solve_point: Callable[..., Solution], game_at: Callable[[int], Any],
         points: Any = None) -> BatchEquilibria:
    """The sweep engine: ``evaluated`` is the (B, 2, m, n) payoff array; degenerate
    points are solved by ``solve_point`` on the game built from their payoffs. With one
    parameter varying and payoffs polynomial in it, the support pairs infeasible on the
    whole interval the points span are pruned once (:func:`interval_allowed`)."""
    pruned = None if points is None or len(evaluated) < 64 else interval_allowed(game, points)
    allowed, part = (None, None) if pruned is None else pruned
    return bimatrix_batch(evaluated, tol or 1e-9, vertex_fallback(evaluated, solve_point),
                          allowed, part)


#: The sweep engine of "support" and "vertex" (two-player normal-form games).
ENGINE = BatchEngine("support-batch", _accepts, _run, points=True)
