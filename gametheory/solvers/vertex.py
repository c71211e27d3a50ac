"""Vertex enumeration: all extreme equilibria and the components of a bimatrix game.

With payoffs made positive, player 1's best-response polytope is
``P = {x >= 0 : B^T x <= 1}`` and player 2's is ``Q = {y >= 0 : A y <= 1}``. Label ``i``
(a strategy of player 1) belongs to ``x`` when ``x_i = 0`` and to ``y`` when
``(A y)_i = 1``; label ``m + j`` belongs to ``x`` when ``(B^T x)_j = 1`` and to ``y``
when ``y_j = 0``. The extreme equilibria are the completely labelled vertex pairs other
than ``(0, 0)``, normalised to probabilities (von Stengel 2007, Theorem 3.4); this holds
for degenerate games too, where a vertex may carry more labels than its dimension.

The vertices of the lower-dimensional polytope come from qhull
(:func:`~gametheory.solvers.polytope.polytope_vertices`). When each of them has exactly
as many labels as its dimension, its only possible partner solves a square linear system
(its missing labels must all be present at the partner), so the partners of all vertices
are found by batched solves. Otherwise (a degenerate game, or when qhull is predicted
to be cheaper) the second polytope is enumerated too and all vertex pairs are matched
at once. With ``exact=True`` every
candidate vertex is rebuilt from its tight constraints over the rationals and its labels
and the matching are recomputed exactly.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from itertools import combinations
from math import comb
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError, SolverError
from .components import equilibrium_components
from .indifference import UNIQUE, solve_indifference
from .polytope import (
    Vertices,
    complete_pairs,
    enumerate_vertices,
    label_keys,
    pivot_vertices,
    predicted_seconds,
    solve_bordered,
)
from .result import Solution, build_solution

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame
    from ..games.protocol import Game

__all__ = ["solve_vertex", "accepts"]

_LABEL_TOL = 1e-9    # slack (in the normalised polytopes) below which a constraint is tight
_LOOSE_TOL = 1e-7    # looser slack: candidate labels that the exact rebuild then settles
_MAX_BASES = 20000   # bases tried when rebuilding one nearly-degenerate vertex exactly
_MAX_CHECKED = 64    # degenerate-looking vertices per side checked exactly for the notes
_PARTNER_SECONDS = 2e-6  # time to solve for the partner of one vertex (batched, d ~ 10)
_BOTH_SECONDS = 0.01     # predicted qhull time below which both polytopes are enumerated
_POLISHED = 1e-13        # residual of tight constraints below which a vertex is not re-solved
_THREAD_SECONDS = 5e-4   # ... and above which the two enumerations run in two threads


def _positive(M: np.ndarray) -> np.ndarray:
    """An affine rescaling of the payoffs into [1, 2] (equilibria are unchanged)."""
    lo, hi = float(M.min()), float(M.max())
    return 1.0 + (M - lo) / (hi - lo) if hi > lo else np.ones_like(M)


def _side_by_side(first: Callable[[], Any], second: Callable[[], Any]) -> tuple[Any, Any]:
    """``(first(), second())`` with ``second`` in a thread: qhull releases the GIL, so the
    two vertex enumerations share the cores."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = second()
        except BaseException as exc:  # re-raised in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=run, name="gametheory-qhull")
    thread.start()
    try:
        a = first()
    finally:
        thread.join()
    if "error" in box:
        raise box["error"]
    return a, box["value"]


def _partners(prim: Vertices, H: np.ndarray, tol: float):
    """Partners of the vertices of a polytope all of whose vertices are simple.

    A partner of ``z`` (support S, tight constraints R, ``|S| = |R|``) must have the
    labels ``z`` lacks: it is supported on R and makes the rows S of ``H`` tight, a square
    indifference system. Returns ``(partner vertices, pairs)``, or None when a system is
    singular (then the face of candidates is not a point: the game is degenerate).
    """
    U, v, ok = solve_bordered(H - 1.5, ~prim.zero, prim.tight)  # centred: H is in [1, 2]
    if not ok.all():
        return None
    v = v + 1.5
    W = U / np.where(v > 0, v, 1.0)[:, None]
    fits = (v > 0) & (W >= -tol).all(axis=1) & (W @ H.T <= 1.0 + tol).all(axis=1)
    feasible = np.flatnonzero(fits)
    found = Vertices(W[feasible], W[feasible] <= tol, W[feasible] @ H.T >= 1.0 - tol)
    _, first, inverse = np.unique(label_keys(found.labels(True)), return_index=True,
                                  return_inverse=True)
    return found.take(first), np.c_[feasible, inverse.ravel()]


def _candidates(U: np.ndarray, tol: float, max_seconds: float):
    """Vertices of P and Q (labelled with slack ``tol``) and their complete pairs.

    Simple polytopes (nondegenerate games) are enumerated by compiled pivoting when numba
    is available (:func:`~gametheory.solvers.polytope.pivot_vertices`): the
    lower-dimensional one, then the other the same way when qhull would be cheap for it,
    else its vertices are solved for as partners. Otherwise, when qhull is predicted to
    be cheap for both polytopes, both are enumerated by qhull, side by side in two
    threads (qhull releases the GIL); else the lower-dimensional one first, and the
    other too only when the game is degenerate or that is cheaper than solving for the
    partners of its vertices directly.
    """
    m, n = U.shape[1:]
    GP, GQ = _positive(U[1]).T, _positive(U[0])
    swap = n < m
    G, H = (GQ, GP) if swap else (GP, GQ)
    cost = predicted_seconds(H.shape[1], H.shape[0])
    found = other = None
    prim = pivot_vertices(G, tol)  # compiled pivoting: simple polytopes only, else None
    if prim is not None:
        other = pivot_vertices(H, tol) if cost <= _BOTH_SECONDS else None
        if other is None and cost > _PARTNER_SECONDS * len(prim.Z):
            found = _partners(prim, H, tol)
    elif _THREAD_SECONDS <= cost <= _BOTH_SECONDS:  # enumerate both polytopes side by side
        prim, other = _side_by_side(lambda: enumerate_vertices(G, tol),
                                    lambda: enumerate_vertices(H, tol))
    elif cost < _THREAD_SECONDS:  # tiny: a thread would cost more than it saves
        prim, other = enumerate_vertices(G, tol), enumerate_vertices(H, tol)
    else:
        prim = enumerate_vertices(G, tol)
        if not prim.degenerate and cost > _PARTNER_SECONDS * len(prim.Z):
            found = _partners(prim, H, tol)
    if found is not None:
        other, pairs = found
        if swap:
            pairs = pairs[:, ::-1]
    elif cost > max_seconds:
        raise SolverError(f"this degenerate {m} x {n} game is too large for vertex "
                          f"enumeration (qhull is predicted to need about {cost:.3g} s, "
                          f"above max_seconds={max_seconds:g}); use "
                          f"method='lemke-howson' for some equilibria")
    elif other is None:
        other = enumerate_vertices(H, tol)
    P, Q = (other, prim) if swap else (prim, other)
    if found is None:
        pairs = complete_pairs(P.labels(True), Q.labels(False), m, n)
    return P, Q, pairs, P.degenerate or Q.degenerate


def _strategies(V: Vertices, G: np.ndarray, M: np.ndarray, used: np.ndarray) -> dict:
    """Polished, normalised strategies of the used vertices.

    Simple vertices are re-solved from their tight constraints in one batch
    (:func:`~gametheory.solvers.polytope.solve_bordered`); degenerate ones (more tight
    constraints than unknowns) by least squares in
    :func:`~gametheory.solvers.indifference.solve_indifference`. The re-solved point
    replaces the qhull vertex only when it is close to it.
    """
    sub = V.take(used)
    raw = np.where(sub.zero, 0.0, np.clip(sub.Z, 0.0, None))  # zero labels are zeros
    raw /= raw.sum(axis=1, keepdims=True)
    residual = np.maximum(np.where(sub.zero, np.abs(sub.Z), 0.0).max(axis=1),
                          np.where(sub.tight, np.abs(sub.Z @ G.T - 1.0), 0.0).max(axis=1))
    if (residual <= _POLISHED).all():  # qhull's vertices are usually accurate already
        raw.setflags(write=False)  # rows are shared by profiles and Nash subsets
        return {int(a): row for a, row in zip(used, raw, strict=True)}
    simple = sub.zero.sum(axis=1) + sub.tight.sum(axis=1) == sub.Z.shape[1]
    fine = np.zeros_like(raw)
    good = np.zeros(len(used), dtype=bool)
    fine[simple], _, good[simple] = solve_bordered(G - 1.5, sub.tight[simple],
                                                   ~sub.zero[simple])
    for k in np.flatnonzero(~simple):
        status, s, _ = solve_indifference(M, np.flatnonzero(~sub.zero[k]),
                                          np.flatnonzero(sub.tight[k]), False)
        if status == UNIQUE:
            fine[k], good[k] = s, True
    good &= (fine >= -1e-9).all(axis=1) & (np.abs(fine - raw).max(axis=1) <= 1e-6)
    out = np.where(good[:, None] & ~sub.zero, np.clip(fine, 0.0, None), raw)
    out.setflags(write=False)  # rows are shared by profiles and Nash subsets
    return {int(a): row for a, row in zip(used, out, strict=True)}


def _exact_labels(M, s, v) -> tuple[np.ndarray, np.ndarray] | None:
    """Exact (zero, tight) labels of the strategy ``s`` with value ``v``; None if infeasible."""
    if any(p < 0 for p in s):
        return None
    payoff = M.dot(np.array(s, dtype=object))
    if any(u > v for u in payoff):
        return None
    return np.array([p == 0 for p in s]), np.array([u == v for u in payoff])


def _rebuild(M, zero: np.ndarray, tight: np.ndarray) -> tuple[list, bool]:
    """Exact vertices near a float vertex whose (loose) tight constraints are given.

    First the system of all tight constraints; when that is inconsistent or infeasible
    (a constraint only nearly tight, or qhull merged nearby vertices), every basis of
    ``d`` of them. Returns ``([(s, zero_labels, tight_labels)], ok)``.
    """
    d = M.shape[1]
    Tz, Tp = list(np.flatnonzero(zero)), list(np.flatnonzero(tight))
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


def _exact_side(M, side: Vertices, cand: np.ndarray, own_first: bool):
    """Rebuild the candidate vertices of one side exactly; dedupe; label exactly."""
    strategies, labels, index, ok = [], [], {}, True
    for c in cand:
        verts, good = _rebuild(M, side.zero[c], side.tight[c])
        ok &= good
        for s, zero, tight in verts:
            if s not in index:
                index[s] = len(strategies)
                vec = np.array(s, dtype=object)
                vec.setflags(write=False)
                strategies.append(vec)
                labels.append(np.concatenate([zero, tight] if own_first else [tight, zero]))
    L = np.array(labels, dtype=bool).reshape(len(labels), sum(M.shape))
    return strategies, L, ok


def _check(game: Game, max_seconds: float) -> None:
    from ..games.normal import NormalFormGame

    if not isinstance(game, NormalFormGame):
        raise GameError(f"vertex enumeration needs a NormalFormGame, got "
                        f"{type(game).__name__} (gt.solve converts extensive forms)")
    if not (isinstance(max_seconds, (int, float)) and max_seconds > 0):
        raise SolverError(f"max_seconds must be a positive number, got {max_seconds!r}")
    if game.num_players != 2:
        raise SolverError(f"vertex enumeration needs a two-player game; this one has "
                          f"{game.num_players} players (use method='pure')")
    m, n = game.shape
    cost = predicted_seconds(min(m, n), max(m, n))
    if cost > max_seconds:
        raise SolverError(f"a {m} x {n} game is too large for vertex enumeration (qhull is "
                          f"predicted to need about {cost:.3g} s and much memory, above "
                          f"max_seconds={max_seconds:g}); use method='lemke-howson' for some "
                          f"equilibria, or raise max_seconds")


def solve_vertex(game: NormalFormGame, exact: bool = False, tol: float | None = None, *,
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
        the returned probabilities are exact Fractions. Without it a game that looks
        degenerate in floats (a label within 1e-9 of the payoff range) has its candidate
        vertices rebuilt and matched exactly too, on the payoffs read as the decimals they
        print as, and returned as floats: a payoff difference of 1e-14 is not a tie.
    tol : float, optional
        Regret tolerance for float results (default 1e-9 times the payoff scale).
    max_seconds : float
        Refuse (:class:`SolverError`) games for which qhull is predicted to take longer
        than this (a rough model from the upper bound theorem, see
        :func:`~gametheory.solvers.polytope.predicted_seconds`): high-dimensional
        polytopes can have astronomically many vertices.

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
      note: degenerate game: it is a continuum (infinitely many equilibria);
      sol.components gives the maximal Nash subsets
    >>> [tuple(map(str, x)) for x in sol.components[0].nash_subsets[1].extreme[0]]
    [('0', '1'), ('1', '0')]
    """
    if options:
        raise SolverError(f"unknown option(s) for method 'vertex': {', '.join(options)}")
    _check(game, max_seconds)
    U = game.float_payoffs()
    m, n = game.shape
    P, Q, pairs, degenerate = _candidates(U, _LOOSE_TOL if exact else _LABEL_TOL,
                                          max_seconds)
    ok, settled, notes = True, False, []
    if exact or degenerate:  # exact labels: floats cannot tell a tie from 1e-14
        E = game.payoffs if game.payoffs.dtype.kind in "iu" else game.exact_payoffs()
        E = E.astype(object)
        xe, LP, ok_p = _exact_side(E[1].T, P, np.unique(pairs[:, 0]), True)
        ye, LQ, ok_q = _exact_side(E[0], Q, np.unique(pairs[:, 1]), False)
        ok = ok_p and ok_q
        settled = ok or exact
        if settled:
            pairs = complete_pairs(LP, LQ, m, n)
            xs, ys = (xe, ye) if exact else (_as_floats(xe), _as_floats(ye))
            degenerate = _exactly_degenerate(E, P, Q)
            if not (exact or degenerate):
                notes.append("payoff differences within the float tolerance were settled "
                             "in exact arithmetic (floats read as the decimals they print "
                             "as): the game is not degenerate")
        else:
            notes.append("near-ties could not all be settled exactly; the equilibria are "
                         "those of the float labels and may miss some (use exact=True)")
    if not settled:
        xs = _strategies(P, _positive(U[1]).T, U[1].T, np.unique(pairs[:, 0]))
        ys = _strategies(Q, _positive(U[0]), U[0], np.unique(pairs[:, 1]))
    edges = [(int(a), int(b)) for a, b in pairs]
    profiles = [(xs[a], ys[b]) for a, b in edges]
    comps = equilibrium_components(edges, xs, ys)
    notes = _notes(comps, degenerate, ok or not exact) + notes
    sol = build_solution(game, profiles, "vertex", complete=ok, exact=exact, tol=tol,
                         components=comps, notes=notes, zero_below=0.0 if settled else 1e-13)
    # components in the order of their equilibria: independent of how vertices are numbered
    ordered = tuple(sorted(sol.components, key=lambda c: c.equilibria))
    if all(a is b for a, b in zip(ordered, sol.components, strict=True)):
        return sol
    return dataclasses.replace(sol, components=ordered)


def _exactly_degenerate(E: np.ndarray, P: Vertices, Q: Vertices) -> bool:
    """Whether a vertex with more labels than its dimension (within the float label
    tolerance) keeps them exactly; more than ``_MAX_CHECKED`` such vertices per side
    are taken as degenerate without the exact check."""
    for M, side, own_first in ((E[1].T, P, True), (E[0], Q, False)):
        d = side.Z.shape[1]
        extra = np.flatnonzero(side.zero.sum(axis=1) + side.tight.sum(axis=1) > d)
        if len(extra) > _MAX_CHECKED:
            return True
        if len(extra):
            _, L, _ = _exact_side(M, side, extra, own_first)
            if (L.sum(axis=1) > d).any():
                return True
    return False


def _as_floats(strategies: list) -> list[np.ndarray]:
    """Read-only float copies of exact strategies (exact zeros stay 0.0)."""
    out = []
    for s in strategies:
        v = np.array([float(p) for p in s], dtype=np.float64)
        v.setflags(write=False)
        out.append(v)
    return out


def _notes(comps, degenerate: bool, ok: bool) -> list[str]:
    notes = []
    continua = sum(not c.is_isolated for c in comps)
    if continua:
        these = "it is a continuum" if len(comps) == 1 else \
            f"{continua} of {len(comps)} components {'is a' if continua == 1 else 'are'} " \
            f"continu{'um' if continua == 1 else 'a'}"
        notes.append(f"degenerate game: {these} (infinitely many equilibria); "
                     f"sol.components gives the maximal Nash subsets")
    elif degenerate:
        notes.append("degenerate game, but every equilibrium is isolated")
    if not ok:
        notes.append("some nearly-degenerate vertices could not be rebuilt exactly; "
                     "extreme equilibria may be missing")
    return notes


def accepts(game: NormalFormGame, exact: bool = False) -> bool:
    """Whether ``"vertex"`` takes this two-player game with its default ``max_seconds``
    even if it is degenerate: both polytopes are predicted to be quick, the larger one
    deciding (the registry's rule).

    >>> import numpy as np
    >>> import gametheory as gt
    >>> accepts(gt.NormalFormGame.from_arrays(np.eye(3), np.eye(3)))
    True
    >>> accepts(gt.NormalFormGame.from_arrays(np.zeros((200, 200)), np.zeros((200, 200))))
    False
    """
    return accepts_shape(*game.shape)


def accepts_shape(m: int, n: int) -> bool:
    """:func:`accepts` for an ``m`` x ``n`` game (a tree's reduced normal form can be
    judged by its shape before it is built).

    >>> accepts_shape(3, 3), accepts_shape(200, 200)
    (True, False)
    """
    return max(predicted_seconds(m, n), predicted_seconds(n, m)) <= 10.0
