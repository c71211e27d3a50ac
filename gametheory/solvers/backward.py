"""Backward induction: all pure subgame-perfect equilibria of perfect-information trees.

The tree is processed level by level from the deepest, with numpy operations over all the
nodes of a level at once (no recursion per node). Where a player is indifferent, the
nodes whose subtree contains a tie are revisited exactly: each keeps the set of
``(value vector, choices)`` pairs of its subtree, so a tie below that changes the values
seen above is followed correctly, and every pure subgame-perfect equilibrium is returned.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameError, SolverError
from ..games._tree_compile import CHANCE, _levels
from .result import Solution, build_tree_solution

__all__ = ["solve_spe"]


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


def _check(game: Any) -> Any:
    if not hasattr(game, "arrays"):
        raise GameError(f"method 'spe' needs an extensive-form game (a tree); got "
                          f"{type(game).__name__}")
    a = game.arrays
    if a.kind == "symbolic":
        names = ", ".join(str(p) for p in game.parameters) or "irrational numbers"
        raise GameError(f"backward induction needs numeric payoffs and probabilities; this "
                          f"tree depends on {names}; fix them with game.substitute(...)")
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
                raise SolverError(f"more than max_equilibria={limit} pure subgame-perfect "
                                  f"equilibria (ties at {int(tie.sum())} nodes); raise "
                                  f"max_equilibria or perturb the payoffs")
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


def solve_spe(game: Any, exact: bool = False, max_equilibria: int = 10000,
              **options: Any) -> Solution:
    """All pure subgame-perfect equilibria of a perfect-information tree (with chance).

    A tree with imperfect information (and perfect recall) is decomposed into its proper
    subgames instead, which are solved bottom-up
    (:func:`~gametheory.solvers.subgames.solve_subgames`): mixed equilibria then appear
    where a subgame needs them.

    Parameters
    ----------
    game : ExtensiveFormGame
        A numeric tree; chance nodes are allowed.
    exact : bool
        Exact rational arithmetic (Fractions); ties are then exact equalities.
    max_equilibria : int
        Raise :class:`~gametheory.errors.SolverError` when ties give more equilibria.
    **options
        ``tol``: payoff differences up to ``tol`` count as ties in float arithmetic
        (default ``1e-9`` times the payoff scale). ``subgame_method``: for imperfect
        information, the normal-form method of two-player pieces (default ``"vertex"``).

    Returns
    -------
    Solution
        For perfect information ``complete=True`` (all pure equilibria); each
        equilibrium carries ``behavior`` (1 on the chosen action of every information
        set, 0 elsewhere) and the expected payoffs.

    Raises
    ------
    SolverError
        For symbolic payoffs, or more than ``max_equilibria`` equilibria.
    GameError
        For imperfect information without perfect recall.

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
    extensive games. *International Journal of Game Theory* 4, 25-55. Osborne, M. J.
    (2004). *An Introduction to Game Theory*, sec. 5.5. Oxford University Press.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["Entrant", "Incumbent"])
    >>> out, enter = g.root.decide("Entrant", ["out", "in"])
    >>> _ = out.payoffs(1, 2)
    >>> fight, acc = enter.decide("Incumbent", ["fight", "accommodate"])
    >>> _ = fight.payoffs(0, 0), acc.payoffs(2, 1)
    >>> sol = gt.solve(g, method="spe", exact=True)
    >>> sol.equilibria[0].behavior["Incumbent: in"]
    {'fight': Fraction(0, 1), 'accommodate': Fraction(1, 1)}
    >>> sol.equilibria[0].payoffs
    (Fraction(2, 1), Fraction(1, 1))
    >>> print(sol)
    1 equilibrium by spe (complete, exact)
      [0] Entrant: root = in; Incumbent: in = accommodate; payoffs 2, 1

    With ties, every pure subgame-perfect equilibrium: B is indifferent, and A's best
    choice depends on what B does.

    >>> h = gt.ExtensiveFormGame(["A", "B"])
    >>> risky, safe = h.root.decide("A", ["risky", "safe"])
    >>> _ = safe.payoffs(3, 0)
    >>> left, right = risky.decide("B", ["left", "right"])
    >>> _ = left.payoffs(0, 1), right.payoffs(5, 1)
    >>> print(gt.solve(h))
    2 equilibria by spe (complete)
      [0] A: root = safe; B: risky = left; payoffs 3, 0
      [1] A: root = risky; B: risky = right; payoffs 5, 1
      note: ties at 1 decision node(s)
    """
    a = _check(game)
    unknown = set(options) - {"tol", "subgame_method"}
    if unknown:
        raise SolverError(f"unknown option(s) for 'spe': {', '.join(sorted(unknown))}")
    dec = a.infoset[a.infoset >= 0]
    if (np.bincount(dec, minlength=len(a.infoset_labels)) > 1).any():
        from .subgames import solve_subgames

        return solve_subgames(game, exact, max_equilibria, **options)
    P, Q, tol = _values(a, exact)
    if not exact and options.get("tol") is not None:
        tol = float(options["tol"])
    val, choice, tie = _base_pass(a, P, Q, tol)
    found = _enumerate(a, val, choice, tie, Q, tol, max_equilibria)
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
    notes = [] if not tie.any() else [f"ties at {int(tie.sum())} decision node(s)"]
    return build_tree_solution(game, behaviors, "spe", True, exact, notes, payoffs=payoffs)
