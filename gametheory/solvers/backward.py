"""Backward induction: all pure subgame-perfect equilibria of perfect-information trees.

A leaf module: :mod:`gametheory.solvers.spe` (method ``"spe"``) calls it for trees with
perfect information and :mod:`gametheory.solvers.subgames` for pieces of a tree with
perfect information; it imports neither.

The tree is processed level by level from the deepest, with numpy operations over all the
nodes of a level at once (no recursion per node). Where a player is indifferent, the
nodes whose subtree contains a tie are revisited exactly: each keeps the set of
``(value vector, choices)`` pairs of its subtree, so a tie below that changes the values
seen above is followed correctly, and every pure subgame-perfect equilibrium is returned.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np

from ..errors import GameError, TooManyEquilibria
from ..games._tree_compile import CHANCE, _levels
from ..games.extensive import ExtensiveFormGame
from ._tree_checks import numeric_tree_arrays
from .result import Solution, build_tree_solution

__all__ = ["backward_induction", "induce", "Induction"]


def _values(arrays: Any, exact: bool) -> tuple[np.ndarray, np.ndarray, Any]:
    """Terminal payoffs and chance probabilities as float64 or Fraction arrays, and tol."""
    pay, prob = arrays.payoffs, arrays.chance_prob
    if exact and pay.dtype.kind in "iu" and not (arrays.player == CHANCE).any():
        return pay.astype(np.int64), np.ones(len(prob), dtype=np.int64), 0  # exact, fast
    if exact:
        from ..games.values import to_fraction

        P = np.empty(pay.shape, dtype=object)
        P[...] = [[to_fraction(x) for x in row] for row in pay.tolist()] if pay.size else 0
        Q = np.empty(len(prob), dtype=object)
        Q[:] = [to_fraction(x) for x in prob.tolist()]
        return P, Q, 0
    from ..games.values import to_float_array
    from .result import payoff_tolerance

    P = to_float_array(pay)  # a GameError beyond the float range
    return P, np.asarray(prob, dtype=np.float64), payoff_tolerance(P, player_axis=1)


def _check(game: ExtensiveFormGame) -> Any:
    """The compiled arrays of a numeric tree with perfect information; GameError else."""
    a = numeric_tree_arrays(game, "backward induction")
    if not game.has_perfect_information:
        h = next(h for h in game.information_sets if len(h.members) > 1)
        raise GameError(f"backward induction needs perfect information; information set "
                        f"{h.label!r} has {len(h.members)} nodes; use "
                        f"gt.solve(game, method='spe') for its subgame-perfect equilibria")
    return a


def level_groups(a: Any) -> tuple[np.ndarray, ...]:
    """The non-root nodes of a tree (n > 1) in levels and groups of siblings.

    Returns ``(order, gstart, gpar, gdec, cnt, pl, lb, gb)``: ``order`` the non-root nodes
    by depth, then id (siblings consecutive); group g starts at ``gstart[g]``, has
    ``cnt[g]`` nodes and parent ``gpar[g]``, a decision node where ``gdec[g]``; ``pl`` the
    player choosing at each position (0 under chance); level k (from the top) is
    ``order[lb[k]:lb[k + 1]]`` and its groups ``gb[k]:gb[k + 1]``.
    """
    levels = _levels(a.parent)[1:]
    order = np.concatenate(levels)                 # each level is already sorted by id
    par = a.parent[order]
    gstart = np.flatnonzero(np.concatenate(([True], par[1:] != par[:-1])))
    gpar = par[gstart]
    gdec = a.player[gpar] >= 0
    cnt = np.diff(np.append(gstart, len(order)))
    pl = np.repeat(np.where(gdec, a.player[gpar], 0), cnt)
    lb = np.cumsum([0] + [len(lev) for lev in levels])
    gb = np.searchsorted(gstart, lb)
    return order, gstart, gpar, gdec, cnt, pl, lb, gb


def _base_pass(a: Any, P: np.ndarray, Q: np.ndarray, tol: Any):
    """One vectorised pass: node values, first best choice and tie flags per node.

    Non-root nodes are ordered by depth, then id; the children of one node are
    consecutive there (a group). Each level is a slice of that order, so a level costs a
    few numpy calls on slices; choices and ties are read off once at the end.
    """
    n, N = len(a.parent), P.shape[1]
    val = np.zeros((n, N), dtype=P.dtype)
    if P.dtype == object:
        val[...] = 0
    val[a.terminals] = P
    choice = np.full(n, -1, dtype=np.int64)
    tie = np.zeros(n, dtype=bool)
    if n == 1:
        return val, choice, tie
    order, gstart, gpar, gdec, cnt, pl, lb, gb = level_groups(a)
    Qo = Q[order]
    best_all = np.zeros(len(order), dtype=bool)
    for k in range(len(lb) - 2, -1, -1):
        lo, hi, glo, ghi = int(lb[k]), int(lb[k + 1]), int(gb[k]), int(gb[k + 1])
        V = val[order[lo:hi]]
        st = gstart[glo:ghi] - lo
        dec, parents = gdec[glo:ghi], gpar[glo:ghi]
        n_dec = int(dec.sum())
        if n_dec < len(dec):
            sums = np.add.reduceat(Qo[lo:hi, None] * V, st, axis=0)
            val[parents[~dec]] = sums[~dec]
        if n_dec:
            u = V[np.arange(hi - lo), pl[lo:hi]]
            top = np.repeat(np.maximum.reduceat(u, st), cnt[glo:ghi])
            best = u >= (top - tol if tol else top)
            best_all[lo:hi] = best
            first = np.minimum.reduceat(np.where(best, np.arange(hi - lo), hi - lo), st)
            val[parents[dec]] = V[first[dec]]
    first = np.minimum.reduceat(np.where(best_all, np.arange(len(order)), len(order)), gstart)
    nbest = np.add.reduceat(best_all.astype(np.int64), gstart)
    choice[gpar[gdec]] = a.action[order[first[gdec]]]
    tie[gpar[gdec]] = nbest[gdec] > 1
    return val, choice, tie


def _enumerate(a: Any, val: np.ndarray, choice: np.ndarray, tie: np.ndarray,
               Q: np.ndarray, tol: float, limit: int) -> list[tuple[tuple, tuple]]:
    """All (root value, overrides) pairs, revisiting only ancestors of tied nodes."""
    amb = np.zeros(len(a.parent), dtype=bool)
    par = a.parent.tolist()
    for v in np.flatnonzero(tie).tolist():
        while v >= 0 and not amb[v]:
            amb[v] = True
            v = par[v]
    if not amb[0]:
        return [(tuple(val[0]), ())]
    children: dict[int, list[int]] = {}
    ambs = np.flatnonzero(amb)
    for p in ambs.tolist():
        children[p] = []
    kids = np.flatnonzero((a.parent >= 0) & amb[a.parent.clip(0)])
    kids = kids[kids > 0]
    for c in kids.tolist():
        children[par[c]].append(c)
    sets: dict[int, dict[tuple, list[tuple]]] = {}
    for v in ambs[::-1].tolist():
        parts = [sets.pop(c) if amb[c] else {tuple(val[c]): [()]} for c in children[v]]
        out: dict[tuple, list[tuple]] = {}
        count = 0
        i, base = int(a.player[v]), int(choice[v])
        for combo in itertools.product(*(list(s.items()) for s in parts)):
            vals = [x[0] for x in combo]
            n_prof = 1
            for x in combo:
                n_prof *= len(x[1])
            if i == CHANCE:
                picks = [(tuple(sum(Q[c] * w[k] for c, w in zip(children[v], vals))
                                for k in range(len(vals[0]))), ())]
            else:
                top = max(w[i] for w in vals)
                top = top - tol if tol else top
                picks = [(vals[j], () if j == base else ((v, j),))
                         for j in range(len(vals)) if vals[j][i] >= top]
            count += n_prof * len(picks)
            if count > limit:
                raise TooManyEquilibria(f"more than max_equilibria={limit} pure subgame-"
                                        f"perfect equilibria (ties at {int(tie.sum())} "
                                        f"nodes); raise max_equilibria or perturb the "
                                        f"payoffs", limit)
            for w, own in picks:
                lst = out.setdefault(w, [])
                for profs in itertools.product(*(x[1] for x in combo)):
                    lst.append(own + tuple(itertools.chain.from_iterable(profs)))
        sets[v] = out
    return [(w, prof) for w, profs in sets[0].items() for prof in profs]


def _behavior(a: Any, choice: np.ndarray, one: Any, zero: Any) -> dict:
    """``{information set: {action: one or zero}}`` in the order of the information sets."""
    nodes = np.flatnonzero(a.player >= 0)
    at = np.empty(len(a.infoset_labels), dtype=np.int64)
    at[a.infoset[nodes]] = choice[nodes]
    labels, acts = a.infoset_labels, a.infoset_actions
    return {labels[h]: {x: (one if j == k else zero) for j, x in enumerate(acts[h])}
            for h, k in enumerate(at.tolist())}


class Induction(NamedTuple):
    """What :func:`induce` found.

    Attributes
    ----------
    solution : Solution
        All pure subgame-perfect equilibria (method ``"spe"``, complete).
    tied_nodes : int
        The number of decision nodes where the mover has several best actions (0 when
        the equilibrium is unique for that reason).
    """

    solution: Solution
    tied_nodes: int


def backward_induction(game: ExtensiveFormGame, exact: bool = False, *,
                       tol: float | None = None, max_equilibria: int = 10000) -> Solution:
    """All pure subgame-perfect equilibria of a perfect-information tree (with chance).

    Called by :func:`~gametheory.solvers.spe.solve_spe` (``gt.solve(tree,
    method="spe")``) when every information set is one node.

    Parameters
    ----------
    game : ExtensiveFormGame
        A numeric tree with perfect information; chance nodes are allowed.
    exact : bool
        Exact rational arithmetic (Fractions); ties are then exact equalities.
    tol : float, optional
        In float arithmetic, payoff differences up to ``tol`` count as ties (default
        ``1e-9`` times the payoff scale); ignored with ``exact``.
    max_equilibria : int
        Raise :class:`~gametheory.errors.TooManyEquilibria` when ties give more
        equilibria.

    Returns
    -------
    Solution
        Method ``"spe"``, ``complete=True`` (all pure equilibria); each equilibrium
        carries ``behavior`` (1 on the chosen action of every information set, 0
        elsewhere) and the expected payoffs; a note counts the tied decision nodes.

    Raises
    ------
    GameError
        For symbolic payoffs or imperfect information.
    TooManyEquilibria
        For more than ``max_equilibria`` equilibria (a :class:`SolverError`).

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
    extensive games. *International Journal of Game Theory* 4, 25-55. Osborne, M. J.
    (2004). *An Introduction to Game Theory*, sec. 5.5. Oxford University Press.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.solvers.backward import backward_induction
    >>> g = gt.ExtensiveFormGame(["Firm", "Rival"])
    >>> high, low = g.root.chance({"high": "1/3", "low": "2/3"})
    >>> for node, gain in ((high, 6), (low, 1)):
    ...     invest, wait = node.decide("Firm", ["invest", "wait"])
    ...     _ = wait.payoffs(2, 0)
    ...     enter, stay = invest.decide("Rival", ["enter", "stay"])
    ...     _ = enter.payoffs(gain - 3, gain - 4), stay.payoffs(gain, 0)
    >>> sol = backward_induction(g, exact=True)
    >>> sol.complete, len(sol), sol[0].payoffs
    (True, 1, (Fraction(7, 3), Fraction(2, 3)))
    >>> sol[0].behavior["Rival: high/invest"]
    {'enter': Fraction(1, 1), 'stay': Fraction(0, 1)}
    """
    return induce(game, exact, tol=tol, max_equilibria=max_equilibria).solution


def induce(game: ExtensiveFormGame, exact: bool = False, *, tol: float | None = None,
           max_equilibria: int = 10000) -> Induction:
    """:func:`backward_induction`, also returning the number of tied decision nodes.

    Parameters and errors as :func:`backward_induction`.

    Examples
    --------
    B is indifferent, and A's best choice depends on what B does:

    >>> import gametheory as gt
    >>> from gametheory.solvers.backward import induce
    >>> h = gt.ExtensiveFormGame(["A", "B"])
    >>> risky, safe = h.root.decide("A", ["risky", "safe"])
    >>> _ = safe.payoffs(3, 0)
    >>> left, right = risky.decide("B", ["left", "right"])
    >>> _ = left.payoffs(0, 1), right.payoffs(5, 1)
    >>> found = induce(h)
    >>> len(found.solution), found.tied_nodes
    (2, 1)
    """
    a = _check(game)
    P, Q, scale_tol = _values(a, exact)
    if not exact and tol is not None:
        scale_tol = float(tol)
    val, choice, tie = _base_pass(a, P, Q, scale_tol)
    found = _enumerate(a, val, choice, tie, Q, scale_tol, max_equilibria)
    one, zero = (Fraction(1), Fraction(0)) if exact else (1.0, 0.0)
    behaviors, payoffs = [], []
    for w, overrides in found:
        ch = choice
        if overrides:
            ch = choice.copy()
            for v, j in overrides:
                ch[v] = j
        behaviors.append(_behavior(a, ch, one, zero))
        payoffs.append(tuple(w))
    tied = int(tie.sum())
    notes = [f"ties at {tied} decision node(s)"] if tied else []
    return Induction(build_tree_solution(game, behaviors, "spe", True, exact, notes,
                                         payoffs=payoffs), tied)
