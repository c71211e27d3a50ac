"""Vertex enumeration: all extreme equilibria and the components of a bimatrix game.

With payoffs made positive, player 1's best-response polytope is
``P = {x >= 0 : B^T x <= 1}`` and player 2's is ``Q = {y >= 0 : A y <= 1}``. Label ``i``
(a strategy of player 1) belongs to ``x`` when ``x_i = 0`` and to ``y`` when
``(A y)_i = 1``; label ``m + j`` belongs to ``x`` when ``(B^T x)_j = 1`` and to ``y``
when ``y_j = 0``. The extreme equilibria are the completely labelled vertex pairs other
than ``(0, 0)``, normalised to probabilities (von Stengel 2007, Theorem 3.4). This holds
for degenerate games too, where a vertex may carry more labels than its dimension.

The vertices come from ``scipy.spatial.ConvexHull`` applied to the polar of each
polytope, after translating an interior point to the origin (the approach of QuantEcon's
``vertex_enumeration``, BSD licence). Their labels are recomputed from the coordinates,
duplicates are dropped, and all pairs are matched at once with a matrix product.
With ``exact=True`` each candidate vertex is rebuilt from its tight constraints over the
rationals, its labels recomputed exactly and the matching redone exactly.
"""

from __future__ import annotations

from itertools import combinations
from math import comb
from typing import Any

import numpy as np
import scipy.spatial

from ..errors import SolverError
from .components import equilibrium_components
from .indifference import UNIQUE, solve_indifference
from .result import Solution, build_solution

__all__ = ["solve_vertex", "polytope_vertices", "predicted_seconds"]

_REFERENCE = ("von Stengel, B. (2007). Equilibrium computation for two-player games in "
              "strategic and extensive form. In Nisan et al. (eds.), Algorithmic Game "
              "Theory, Cambridge UP, ch. 3, sections 3.3-3.4.")
_LABEL_TOL = 1e-9    # slack (in the normalised polytope) below which a constraint is tight
_LOOSE_TOL = 1e-7    # looser slack: candidate labels that the exact rebuild then settles
_MAX_BASES = 20000   # bases tried when rebuilding one nearly-degenerate vertex exactly
_PAIR_BLOCK = 1 << 22  # vertex pairs matched per matrix product (bounds memory)


def predicted_seconds(d: int, k: int) -> float:
    """A rough model of qhull's time for the vertices of a ``d``-polytope with ``k`` facets.

    The upper bound theorem (McMullen 1970) bounds the number of vertices; qhull's cost per
    vertex grows about as ``d ** 2.7`` (fitted on random games, 2 to 300 dimensions).

    Examples
    --------
    >>> predicted_seconds(1, 5)
    0.0
    >>> predicted_seconds(10, 20) < 0.1 < predicted_seconds(20, 40)
    True
    """
    if d <= 1 or k <= d + 1:
        return 0.0
    ubt = comb(k - (d + 1) // 2, k - d) + comb(k - d // 2 - 1, k - d)
    return 9e-10 * ubt * d ** 2.7


def polytope_vertices(G: np.ndarray) -> np.ndarray:
    """The vertices of ``{z >= 0 : G z <= 1}`` for a positive matrix ``G``.

    The polytope is bounded and has the interior point ``t * 1`` with
    ``t = 1 / (1 + max row sum)``. Translating it to the origin writes every constraint as
    ``a . w <= 1``; the vertices are then the facets of the convex hull of the points
    ``a`` (polarity), one qhull call. Triangulated facets repeat a vertex; duplicates are
    left to the caller, which dedupes by label set.

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
    if k == 1 or d == 1:  # a simplex: the origin and one point on each axis
        top = G.max(axis=0)
        return np.vstack([np.zeros(d), np.diag(1.0 / top)]) if k == 1 else \
            np.array([[0.0], [1.0 / float(G.max())]])
    t = 1.0 / (1.0 + float(G.sum(axis=1).max()))
    slack = 1.0 - G.sum(axis=1) * t
    points = np.vstack([-np.eye(d) / t, G / slack[:, None]])
    try:
        hull = scipy.spatial.ConvexHull(points)
    except scipy.spatial.QhullError as err:  # pragma: no cover - qhull precision failure
        raise SolverError(f"qhull failed on a {d}-dimensional best-response polytope "
                          f"({str(err).splitlines()[0]}); try method='lemke-howson' "
                          f"or exact=True with method='support'") from None
    eq = hull.equations
    return -eq[:, :-1] / eq[:, -1:] + t


def _positive(M: np.ndarray) -> np.ndarray:
    """An affine rescaling of the payoffs into [1, 2] (equilibria are unchanged)."""
    lo, hi = float(M.min()), float(M.max())
    return 1.0 + (M - lo) / (hi - lo) if hi > lo else np.ones_like(M)


def _tight(Z: np.ndarray, G: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    return Z <= tol, Z @ G.T >= 1.0 - tol


def _unique_rows(L: np.ndarray) -> np.ndarray:
    """Indices of the first occurrence of each distinct boolean row."""
    if len(L) == 0:
        return np.arange(0)
    _, idx = np.unique(np.packbits(L, axis=1), axis=0, return_index=True)
    return np.sort(idx)


def _complete_pairs(LP: np.ndarray, LQ: np.ndarray) -> np.ndarray:
    """All ``(p, q)`` whose label sets together cover every label, shape (K, 2).

    Label ``l`` is missing from both exactly when the product of the "missing" indicator
    matrices counts it, so completeness is a zero in ``(~LP) @ (~LQ).T``: one matrix
    product for any number of labels, in blocks to bound memory.
    """
    MP, MQ = (~LP).astype(np.float32), (~LQ).astype(np.float32).T
    block = max(1, _PAIR_BLOCK // max(1, MQ.shape[1]))
    parts = [np.argwhere(MP[s:s + block] @ MQ < 0.5) + [s, 0]
             for s in range(0, len(MP), block)]
    return np.vstack(parts) if parts else np.zeros((0, 2), dtype=int)


class _Side:
    """One player's polytope: vertices (origin removed, deduped) and their labels."""

    def __init__(self, G: np.ndarray, own_first: bool, tol: float):
        Z = polytope_vertices(G)
        zero, pay = _tight(Z, G, tol)
        labels = np.hstack([zero, pay] if own_first else [pay, zero])
        keep = np.flatnonzero(~zero.all(axis=1))
        keep = keep[_unique_rows(labels[keep])]
        self.Z, self.zero, self.pay, self.labels = Z[keep], zero[keep], pay[keep], labels[keep]
        self.degenerate = bool((labels[keep].sum(axis=1) > G.shape[1]).any())


def _polish(M: np.ndarray, z: np.ndarray, zero: np.ndarray, pay: np.ndarray) -> np.ndarray:
    """The normalised vertex, re-solved from its tight constraints when that is accurate."""
    s_raw = np.clip(z, 0.0, None) / z.sum()
    status, s, _ = solve_indifference(M, np.flatnonzero(~zero), np.flatnonzero(pay), False)
    if status == UNIQUE and s.min() >= -1e-9 and np.abs(s - s_raw).max() <= 1e-6:
        return np.clip(s, 0.0, None)
    return s_raw


def _exact_labels(M, s, v) -> tuple[np.ndarray, np.ndarray] | None:
    """Exact (zero, tight) labels of the strategy ``s`` with value ``v``; None if infeasible."""
    if any(p < 0 for p in s):
        return None
    payoff = M.dot(np.array(s, dtype=object))
    if any(u > v for u in payoff):
        return None
    return np.array([p == 0 for p in s]), np.array([u == v for u in payoff])


def _rebuild(M, zero: np.ndarray, pay: np.ndarray) -> tuple[list, bool]:
    """Exact vertices near a float vertex whose (loose) tight constraints are given.

    First the system of all tight constraints; when that is inconsistent or infeasible
    (a constraint only nearly tight, or qhull merged nearby vertices), every basis of
    ``d`` of them. Returns ``([(s, zero_labels, tight_labels)], ok)``.
    """
    d = M.shape[1]
    Tz, Tp = list(np.flatnonzero(zero)), list(np.flatnonzero(pay))
    status, s, v = solve_indifference(M, [i for i in range(d) if i not in Tz], Tp, True)
    if status == UNIQUE:
        lab = _exact_labels(M, s, v)
        if lab is not None:
            return [(tuple(s), *lab)], True
    cons = [("z", i) for i in Tz] + [("p", r) for r in Tp]
    if comb(len(cons), d) > _MAX_BASES:
        return [], False
    found = {}
    for basis in combinations(cons, d):
        bz = {i for kind, i in basis if kind == "z"}
        bp = [r for kind, r in basis if kind == "p"]
        status, s, v = solve_indifference(M, [i for i in range(d) if i not in bz], bp, True)
        if status == UNIQUE and tuple(s) not in found:
            lab = _exact_labels(M, s, v)
            if lab is not None:
                found[tuple(s)] = lab
    return [(s, *lab) for s, lab in found.items()], True


def _exact_side(M, side: _Side, cand: np.ndarray, own_first: bool):
    """Rebuild the candidate vertices of one side exactly; dedupe; label exactly."""
    strategies, labels, index, ok = [], [], {}, True
    for c in cand:
        verts, good = _rebuild(M, side.zero[c], side.pay[c])
        ok &= good
        for s, zero, pay in verts:
            if s not in index:
                index[s] = len(strategies)
                strategies.append(np.array(s, dtype=object))
                labels.append(np.concatenate([zero, pay] if own_first else [pay, zero]))
    L = np.array(labels, dtype=bool).reshape(len(labels), -1)
    return strategies, L, ok


def _check(game, max_seconds: float) -> None:
    if game.num_players != 2:
        raise SolverError(f"vertex enumeration needs a two-player game; this one has "
                          f"{game.num_players} players (use method='pure')")
    m, n = game.shape
    cost = predicted_seconds(m, m + n) + predicted_seconds(n, m + n)
    if cost > max_seconds:
        raise SolverError(f"a {m} x {n} game is too large for vertex enumeration (qhull is "
                          f"predicted to need about {cost:.3g} s and much memory, above "
                          f"max_seconds={max_seconds:g}); use method='lemke-howson' for some "
                          f"equilibria, or raise max_seconds")


def solve_vertex(game: Any, exact: bool = False, tol: float | None = None, *,
                 max_seconds: float = 10.0, **options: Any) -> Solution:
    """All extreme equilibria and the equilibrium components of a two-player game.

    Vertex enumeration of the best-response polytopes finds every extreme equilibrium of
    any bimatrix game, degenerate or not; the maximal Nash subsets and the connected
    components of the equilibrium set follow from which extreme strategies pair up
    (:mod:`gametheory.solvers.components`).

    Parameters
    ----------
    game : NormalFormGame
        A two-player game with numeric payoffs.
    exact : bool
        Rebuild every candidate vertex over the rationals, so that labels, matching and
        the returned probabilities are exact Fractions.
    tol : float, optional
        Regret tolerance for float results (default 1e-9 times the payoff scale).
    max_seconds : float
        Refuse (:class:`SolverError`) games whose predicted qhull time exceeds this.

    Returns
    -------
    Solution
        ``complete`` is True: the extreme equilibria and components are all found.
        ``components`` lists the connected components, each with its maximal Nash
        subsets; for a degenerate game a note says how many are continua.

    Raises
    ------
    SolverError
        For games with other than two players or too large for vertex enumeration.

    References
    ----------
    von Stengel, B. (2007). Equilibrium computation for two-player games in strategic and
    extensive form. Algorithmic Game Theory, ch. 3, sections 3.3-3.4. Avis, D., Rosenberg,
    G. D., Savani, R. & von Stengel, B. (2010). Enumeration of Nash equilibria for
    two-player games. Economic Theory 42, 9-37.

    Examples
    --------
    >>> import gametheory as gt
    >>> bos = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> sol = gt.solve(bos, method="vertex", exact=True)
    >>> [tuple(map(str, eq.strategies[0])) + tuple(map(str, eq.strategies[1]))
    ...  for eq in sol]
    [('1', '0', '1', '0'), ('2/3', '1/3', '1/3', '2/3'), ('0', '1', '0', '1')]

    A degenerate game: player 2 is indifferent, and the equilibria form one connected
    set made of three segments (maximal Nash subsets) through four extreme equilibria:

    >>> from gametheory.models import catalog
    >>> sol = gt.solve(catalog.continuum(), method="vertex", exact=True)
    >>> print(sol)
    4 equilibria by vertex (complete, exact)
      [0] Player 1: T 1; Player 2: L 1; payoffs 1, 1
      [1] Player 1: T 1; Player 2: L 1/2, R 1/2; payoffs 1/2, 1
      [2] Player 1: B 1; Player 2: L 1/2, R 1/2; payoffs 1/2, 1
      [3] Player 1: B 1; Player 2: R 1; payoffs 1, 1
      component joining equilibria [0, 1, 2, 3] (3 maximal Nash subset(s)): a continuum
      note: degenerate game: 1 of 1 component is a continuum (infinitely many
      equilibria); sol.components gives its maximal Nash subsets
    >>> [tuple(map(str, x)) for x in sol.components[0].nash_subsets[1].extreme[0]]
    [('0', '1'), ('1', '0')]
    """
    if options:
        raise SolverError(f"unknown option(s) for method 'vertex': {', '.join(options)}")
    _check(game, max_seconds)
    U = game.float_payoffs()
    m, n = game.shape
    tol_l = _LOOSE_TOL if exact else _LABEL_TOL
    P = _Side(_positive(U[1]).T, True, tol_l)
    Q = _Side(_positive(U[0]), False, tol_l)
    pairs = _complete_pairs(P.labels, Q.labels)
    ok = True
    if exact:
        E = game.payoffs if game.payoffs.dtype.kind in "iu" else game.exact_payoffs()
        E = E.astype(object)
        xs, LP, ok_p = _exact_side(E[1].T, P, np.unique(pairs[:, 0]), True)
        ys, LQ, ok_q = _exact_side(E[0], Q, np.unique(pairs[:, 1]), False)
        ok = ok_p and ok_q
        pairs = _complete_pairs(LP, LQ) if len(xs) and len(ys) else np.zeros((0, 2), int)
    else:
        A, B = U[0], U[1]
        used_p, used_q = np.unique(pairs[:, 0]), np.unique(pairs[:, 1])
        xs = {int(a): _polish(B.T, P.Z[a], P.zero[a], P.pay[a]) for a in used_p}
        ys = {int(b): _polish(A, Q.Z[b], Q.zero[b], Q.pay[b]) for b in used_q}
    edges = [(int(a), int(b)) for a, b in pairs]
    profiles = [(xs[a], ys[b]) for a, b in edges]
    comps = equilibrium_components(edges, xs, ys)
    notes = _notes(comps, P.degenerate or Q.degenerate, ok)
    return build_solution(game, profiles, "vertex", complete=ok, exact=exact, tol=tol,
                          components=comps, notes=notes)


def _notes(comps, degenerate: bool, ok: bool) -> list[str]:
    notes = []
    continua = sum(not c.is_isolated for c in comps)
    if degenerate or continua:
        verb = "is a continuum" if continua == 1 else "are continua"
        notes.append(f"degenerate game: {continua} of {len(comps)} component"
                     f"{'' if len(comps) == 1 else 's'} {verb} (infinitely many equilibria)"
                     + ("; sol.components gives its maximal Nash subsets" if continua == 1
                        else "; sol.components gives their maximal Nash subsets"
                        if continua else ""))
    if not ok:
        notes.append("some nearly-degenerate vertices could not be rebuilt exactly; "
                     "extreme equilibria may be missing")
    return notes
