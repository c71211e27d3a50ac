"""Sequential equilibria of small game trees, as assessments with belief ranges.

``gt.solve(tree, method="sequential")`` returns sequential equilibria (Kreps & Wilson
1982): behaviour at every information set, a belief at every information set with more
than one node (reached or not), and, where the profile leaves a set unreached, the exact
range of beliefs there that keep the assessment sequential (``mu(weak | beer) >= 1/2``).

The route (two players)
-----------------------
Every sequential equilibrium is a Nash equilibrium, so its behaviour is, by Kuhn's
theorem, a Nash equilibrium of the reduced normal form. The method

1. enumerates the extreme equilibria and maximal Nash subsets of the reduced normal
   form exactly (``"vertex"``, Avis, Rosenberg, Savani & von Stengel 2010): each subset
   is a product ``X x Y`` of polytopes of mixed strategies;
2. turns every pair of extreme strategies into behaviour. Where a player's own plan
   excludes an information set, the reduced normal form says nothing; every action
   there is tried (pure choices);
3. decides, for each such behaviour profile, whether beliefs make it sequential:
   beliefs at reached sets are Bayes' rule; at an unreached set the beliefs under which
   every action played is a best reply form a polytope (sequential rationality is
   linear in the belief once the rest is fixed), computed exactly with its vertices;
   a belief point in it is then checked for Kreps-Wilson consistency with the rank and
   ratio systems of :func:`~gametheory.refinements.check_assessment` (the interior
   point of each range first, then its vertices);
4. joins extreme assessments into continua: the product of the strategies of the
   sequential extreme assessments of a Nash subset (with mixtures over the choices at
   self-excluded sets) is sequential when its barycentre is, because the set of
   sequential equilibria is closed and, where unreached sets are followed only by
   payoffs, depends on a profile only through its supports; otherwise each segment
   between two of them is tested. Each piece is an
   :class:`~gametheory.solvers.result.AssessmentComponent` piece with the belief
   conditions on its relative interior.

What ``complete`` means: ``sol.complete`` is True when every information set that some
Nash equilibrium leaves unreached (or that a player's own plan excludes) is followed only
by terminal nodes, which covers signalling games, screening games and the short crisis
games this package bundles. There, sequential rationality at unreached sets depends on
the profile only through the beliefs, so the sequential equilibria in a Nash subset are
a union of its faces, each extreme sequential assessment is an extreme point of a Nash
subset (with a pure choice at excluded sets), and all of them are listed. Where
unreached sets are followed by further moves, a sequential equilibrium may need
behaviour off the path that is no extreme point of a Nash subset; those listed are
sequential, but others may exist (``complete`` False, a note says why). Consistency is
checked at one belief point per set; where trembles couple several unreached sets (one
deviation reaching two of them), the range printed at a set holds with the others'
beliefs as reported, and a note says so. Components are joined from the pieces found
within each Nash subset and from shared extreme assessments: two components can still
touch in behaviour strategies (two Nash subsets of the reduced normal form whose images
in behaviour meet away from their vertices), so a continuum may be reported as several
components, each of them sequential throughout.

More than two players
---------------------
The reduced normal form's equilibria are then not enumerated exactly (they may be
irrational or form curved continua). The method lists every pure behaviour profile that
is sequential (exhaustively, up to ``max_profiles``) and the limit of the agent logit
QRE branch (McKelvey & Palfrey 1998), a sequential equilibrium for generic games, read
as exact fractions and kept only when the exact check passes. ``complete`` is False.

References
----------
Kreps, D. M. & Wilson, R. (1982). Sequential equilibria. *Econometrica* 50(4), 863-894.
Fudenberg, D. & Tirole, J. (1991). *Game Theory*, sec. 8.3. MIT Press. Avis, D.,
Rosenberg, G. D., Savani, R. & von Stengel, B. (2010). Enumeration of Nash equilibria for
two-player games. *Economic Theory* 42, 9-37. McKelvey, R. D. & Palfrey, T. R. (1998).
Quantal response equilibria for extensive form games. *Experimental Economics* 1, 9-41.

Examples
--------
A sender (strong with probability 9/10) drinks beer or eats quiche; the receiver, seeing
the breakfast, duels or not (Cho & Kreps 1987, Beer-Quiche):

>>> import gametheory as gt
>>> g = gt.ExtensiveFormGame(["Sender", "Receiver"])
>>> for t, node in zip(["weak", "strong"], g.root.chance({"weak": "1/10", "strong": "9/10"})):
...     for m, n2 in zip(["beer", "quiche"], node.decide("Sender", ["beer", "quiche"],
...                                                       infoset=f"Sender ({t})")):
...         for r, leaf in zip(["duel", "not"], n2.decide("Receiver", ["duel", "not"],
...                                                        infoset=f"Receiver: {m}")):
...             likes = (m == "quiche") == (t == "weak")
...             _ = leaf.payoffs(likes + 2 * (r == "not"),
...                              int((r == "duel") == (t == "weak")))
>>> sol = gt.solve(g, method="sequential", exact=True)
>>> sol.complete, len(sol.components)
(True, 2)
>>> print(sol.equilibria[-1].belief_ranges["Receiver: quiche"])
mu(weak | Receiver: quiche) >= 1/2
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError, SolverError
from ..games._tree_compile import cast_values
from ..games._tree_util import behavior_table
from ..games.values import to_fraction
from ..solvers._highs import dense_entries, solve_highs
from ..solvers.result import AssessmentComponent, Equilibrium, Solution
from ._belief_polytope import belief_range, solve_exact
from .assessment import _members, check_assessment

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveFormGame

__all__ = ["solve_sequential", "accepts", "assess"]

#: Largest number of behaviour profiles (extreme strategy pairs times choices at
#: excluded information sets, or pure profiles with more than two players) checked.
MAX_PROFILES = 20000
#: Largest number of pieces tried per Nash subset when joining extreme assessments.
MAX_PIECES = 400


class _Tree:
    """What the checks need of a tree, computed once."""

    def __init__(self, game: ExtensiveFormGame):
        a = game.arrays
        self.game, self.a = game, a
        self.members = _members(a)
        self.paths = [tuple(game.path(v) for v in m) for m in self.members]
        self.labels = a.infoset_labels
        self.actions = a.infoset_actions
        self.owner = [int(p) for p in a.infoset_player]
        self.offsets = np.cumsum([0] + [len(x) for x in self.actions])
        kids = [game.children(v) for v in range(len(a.parent))]
        self.kids = kids
        # chance reach of every node (chance never trembles: 0 stays 0)
        cr = [Fraction(1)] * len(a.parent)
        chance = [to_fraction(p) for p in a.chance_prob]
        for v in range(1, len(a.parent)):
            cr[v] = cr[a.parent[v]] * chance[v]
        self.chance_reach = cr
        # own information sets and actions on the path to each information set
        self.own_path: list[list[tuple[int, int]]] = []
        for h, nodes in enumerate(self.members):
            v, steps = nodes[0], []
            while a.parent[v] >= 0:
                u = a.parent[v]
                if a.player[u] == self.owner[h]:
                    steps.append((int(a.infoset[u]), int(a.action[v])))
                v = u
            self.own_path.append(steps)
        self.terminal_follow = [all(a.player[c] == -2 for x in nodes for c in kids[x])
                                for nodes in self.members]
        # per node after the root: its parent and the flat index of the action leading to
        # it (None after chance, whose step is the ratio of chance reaches)
        self.parent = [int(u) for u in a.parent]
        self.step: list[int | None] = [None] * len(a.parent)
        self.chance_step = [Fraction(1)] * len(a.parent)
        for v in range(1, len(a.parent)):
            u = self.parent[v]
            if a.player[u] >= 0:
                self.step[v] = int(self.offsets[a.infoset[u]] + a.action[v])
            else:
                self.chance_step[v] = cr[v] / cr[u] if cr[u] else Fraction(0)
        # what _node_values reads, cast once: terminal payoffs and chance probabilities
        pay = cast_values(a.payoffs.astype(object).ravel(), "exact").reshape(a.payoffs.shape)
        self.payoff = [None] * len(a.parent)
        for t, row in zip(a.terminals.tolist(), pay.tolist()):
            self.payoff[t] = tuple(row)
        self.chance_prob = cast_values(a.chance_prob, "exact").tolist()
        self.ranges: dict[tuple, Any] = {}      # belief_range by its arguments (one solve)


def _exact_flat(tree: _Tree, behavior: Mapping) -> np.ndarray:
    flat, _, _ = behavior_table(tree.game, behavior)
    out = np.empty(len(flat), dtype=object)
    out[:] = [to_fraction(p) for p in flat]
    return out


def _reach(tree: _Tree, flat: np.ndarray) -> list[Fraction]:
    r = [Fraction(1)] * len(tree.parent)
    for v in range(1, len(tree.parent)):
        k = tree.step[v]
        step = tree.chance_step[v] if k is None else flat[k]
        r[v] = r[tree.parent[v]] * step
    return r


def _values(tree: _Tree, flat: np.ndarray) -> list[tuple]:
    """Each node's expected payoff vector when play continues by the profile (the values
    of :func:`~gametheory.refinements.assessment._node_values`, exactly, by one pass from
    the leaves: parents precede children in id order)."""
    n, N = len(tree.parent), len(tree.game.players)
    acc = [[Fraction(0)] * N for _ in range(n)]
    V: list[tuple] = [()] * n
    for v in range(n - 1, -1, -1):
        V[v] = tree.payoff[v] if tree.payoff[v] is not None else tuple(acc[v])
        if v:
            k = tree.step[v]
            p = tree.chance_prob[v] if k is None else flat[k]
            if p:
                row = acc[tree.parent[v]]
                for i in range(N):
                    row[i] += p * V[v][i]
    return V


def _trembles(tree: _Tree, flat: np.ndarray) -> tuple[list[frozenset], list[Fraction]]:
    """For every node: the actions of probability 0 on its path (flat indices) and the
    product ``W`` of the positive probabilities (chance included) on it."""
    a = tree.a
    Z: list[frozenset] = [frozenset()] * len(a.parent)
    W = [Fraction(1)] * len(a.parent)
    for v in range(1, len(a.parent)):
        u = a.parent[v]
        if a.player[u] >= 0:
            k = int(tree.offsets[a.infoset[u]] + a.action[v])
            p = flat[k]
            Z[v], W[v] = (Z[u] | {k}, W[u]) if p == 0 else (Z[u], W[u] * p)
        else:
            Z[v], W[v] = Z[u], W[u] * (tree.chance_reach[v] / tree.chance_reach[u]
                                      if tree.chance_reach[u] else Fraction(0))
    return Z, W


def _consistency_rows(nodes: Sequence[int], Z: list, W: list) -> tuple[list, list[int]]:
    """Kreps-Wilson restrictions at one unreached set, on its own: nodes reached by the
    same zero-probability actions keep the ratio of their ``W`` (equality rows), and a node
    whose zero actions strictly include another node's gets belief 0 (it has a higher
    rank along every sequence of trembles)."""
    rows, zero = [], []
    n = len(nodes)
    for j, x in enumerate(nodes):
        if W[x] == 0 or any(Z[y] < Z[x] and W[y] != 0 for y in nodes):
            zero.append(j)
    for j, k in itertools.combinations(range(n), 2):
        x, y = nodes[j], nodes[k]
        if j in zero or k in zero or Z[x] != Z[y]:
            continue
        row = [Fraction(0)] * n
        row[j], row[k] = W[y], -W[x]
        rows.append(row)
    return rows, zero


def assess(tree: _Tree, behavior: Mapping) -> tuple[dict, dict, list[int]] | None:
    """Beliefs making ``behavior`` sequentially rational, or None.

    Returns ``(bayes, ranges, unreached)``: Bayes beliefs at the reached multi-node sets,
    ``{label: BeliefRange}`` at the unreached multi-node sets (the sequentially rational
    beliefs there, the rest of the profile fixed), and the indices of all unreached
    information sets. Consistency is not checked here (:func:`_consistent_point`).
    """
    flat = _exact_flat(tree, behavior)
    return _assess(tree, flat, _reach(tree, flat))


def _assess(tree: _Tree, flat: np.ndarray, reach: list[Fraction]
            ) -> tuple[dict, dict, list[int]] | None:
    """:func:`assess` of the profile ``flat`` (exact) whose node reaches are ``reach``."""
    V = _values(tree, flat)
    trembles = None
    bayes, ranges, unreached = {}, {}, []
    for h, nodes in enumerate(tree.members):
        i = tree.owner[h]
        probs = flat[tree.offsets[h]:tree.offsets[h + 1]]
        supp = [k for k, p in enumerate(probs) if p > 0]
        D = [[V[tree.kids[x][k]][i] for x in nodes] for k in range(len(probs))]
        total = sum((reach[x] for x in nodes), Fraction(0))
        if total > 0:
            mu = [reach[x] / total for x in nodes]
            Q = [sum(m * d for m, d in zip(mu, row)) for row in D]
            best = max(Q)
            if any(Q[k] != best for k in supp):
                return None
            if len(nodes) > 1:
                bayes[tree.labels[h]] = dict(zip(tree.paths[h], mu))
            continue
        unreached.append(h)
        a0 = supp[0]
        eq = [[x - y for x, y in zip(D[k], D[a0])] for k in supp[1:]]
        ge = [[x - y for x, y in zip(D[a0], D[k])] for k in range(len(probs))
              if k not in supp]
        if trembles is None:
            trembles = _trembles(tree, flat)
        fixed, zero = _consistency_rows(nodes, *trembles)
        if len(zero) == len(nodes):
            fixed, zero = [], []     # a set chance never reaches: nothing restricts it
        r = _belief_range(tree, h, eq + fixed, ge, zero)
        if r is None:
            return None
        if len(nodes) > 1:
            ranges[tree.labels[h]] = r
    return bayes, ranges, unreached


def _belief_range(tree: _Tree, h: int, eq: list, ge: list, zero: list):
    """:func:`belief_range` at set ``h``, remembered for the tree (profiles of one solve
    often give a set the same rows; the result is immutable)."""
    key = (h, tuple(map(tuple, eq)), tuple(map(tuple, ge)), tuple(zero))
    if key not in tree.ranges:
        tree.ranges[key] = belief_range(tree.labels[h], tree.paths[h], eq, ge, zero)
    return tree.ranges[key]


def _centre(r) -> tuple[Fraction, ...]:
    k = len(r.vertices)
    return tuple(sum(v[j] for v in r.vertices) / k for j in range(len(r.nodes)))


def _consistent_point(tree: _Tree, behavior: Mapping, bayes: dict, ranges: dict,
                      limit: int = 64) -> dict | None:
    """A belief point (Bayes where reached, inside each range elsewhere) that passes the
    Kreps-Wilson consistency check, or None: the centre of every range first, then
    combinations of vertices (at most ``limit``)."""
    labels = list(ranges)
    choices = [[_centre(ranges[h])] + [v for v in ranges[h].vertices if v != _centre(ranges[h])]
               for h in labels]
    for k, combo in enumerate(itertools.product(*choices)):
        if k >= limit:
            break
        beliefs = dict(bayes)
        for h, mu in zip(labels, combo):
            beliefs[h] = dict(zip(ranges[h].nodes, mu))
        chk = check_assessment(tree.game, behavior, beliefs)
        if chk.sequential:
            return beliefs
    return None


# ------------------------------------------------------------------ behaviour profiles
def _player_behavior(tree: _Tree, game, strategies, player: int) -> dict:
    full = game.mixed_to_behavior(strategies)
    return {tree.labels[h]: {act: to_fraction(p) for act, p in full[tree.labels[h]].items()}
            for h in range(len(tree.labels)) if tree.owner[h] == player}


def _excluded(tree: _Tree, behavior: Mapping) -> list[int]:
    """Information sets the owner's own plan never reaches."""
    out = []
    for h in range(len(tree.labels)):
        p = Fraction(1)
        for g, k in tree.own_path[h]:
            p *= behavior[tree.labels[g]][tree.actions[g][k]]
        if p == 0:
            out.append(h)
    return out


def _pure(tree: _Tree, h: int, k: int) -> dict:
    return {act: Fraction(int(j == k)) for j, act in enumerate(tree.actions[h])}


def _mix(tree: _Tree, h: int, ks: Sequence[int]) -> dict:
    ks = sorted(set(ks))
    return {act: (Fraction(1, len(ks)) if j in ks else Fraction(0))
            for j, act in enumerate(tree.actions[h])}


class _Vertex:
    """An extreme strategy pair of a Nash subset with pure choices at excluded sets."""

    def __init__(self, xs: int, ys: int, free: tuple, behavior: dict):
        self.xs, self.ys, self.free, self.behavior = xs, ys, free, behavior


def _nash_subsets(tree: _Tree, nf) -> list[tuple[list, list]]:
    from ..solvers import solve

    try:
        sol = solve(nf, method="vertex", exact=True)
    except SolverError as e:
        raise SolverError(f"method 'sequential' enumerates the reduced normal form's "
                          f"equilibria with 'vertex', which refused: {e}") from None
    subsets = [(list(ns.extreme[0]), list(ns.extreme[1]))
               for comp in sol.components for ns in comp.nash_subsets]
    if not subsets:
        subsets = [([eq.strategies[0]], [eq.strategies[1]]) for eq in sol.equilibria]
    return subsets


def _realization(tree: _Tree, behavior: Mapping, player: int) -> tuple[Fraction, ...]:
    """The player's realisation plan: own reach of each of its sets times each action's
    probability there (a linear image of its mixed strategy)."""
    out = []
    for h in range(len(tree.labels)):
        if tree.owner[h] != player:
            continue
        reach = Fraction(1)
        for g, k in tree.own_path[h]:
            reach *= behavior[tree.labels[g]][tree.actions[g][k]]
        out += [reach * p for p in behavior[tree.labels[h]].values()]
    return tuple(out)


def _extreme(points: Sequence[tuple]) -> list[int]:
    """Indices of the distinct points that are no convex combination of the others, in
    order; the first of equal points stands for them.

    A point is dropped only when a float LP (HiGHS) finds weights for it and the weights
    on that support are confirmed exactly (Fractions); any doubt keeps it, which at worst
    lists an assessment that is sequential but not extreme."""
    first = list(dict.fromkeys(points))
    if len(first) < 3:
        return [points.index(p) for p in first]
    M = np.array([[float(v) for v in p] for p in first])
    n = len(first) - 1
    zeros, lower, upper = np.zeros(n), np.zeros(n), np.full(n, np.inf)
    keep = []
    for k, p in enumerate(first):
        others = [j for j in range(len(first)) if j != k]
        A = np.vstack([M[others].T, np.ones(n)])
        try:                                   # HiGHS's default tolerances, as linprog's
            x, _ = solve_highs(zeros, dense_entries(A), 0, np.append(M[k], 1.0), lower,
                               upper, 1e-7)
        except SolverError:                    # no weights: p is extreme
            x = None
        if x is not None and _confirm(first, k, [others[j] for j in
                                                 np.flatnonzero(x > 1e-12)]):
            continue
        keep.append(points.index(p))
    return keep


def _confirm(points: Sequence[tuple], k: int, support: Sequence[int]) -> bool:
    """Whether ``points[k]`` is exactly a convex combination of ``points[support]``."""
    cols = [list(points[j]) + [Fraction(1)] for j in support]
    rhs = list(points[k]) + [Fraction(1)]
    rows = [[c[r] for c in cols] for r in range(len(rhs))]
    # pick independent rows, solve the square system, check every row and the signs
    chosen: list[int] = []
    for r in range(len(rows)):
        trial = chosen + [r]
        sub = [rows[i] for i in trial]
        if len(trial) <= len(cols) and _independent(sub):
            chosen = trial
    if len(chosen) != len(cols):
        return False
    lam = solve_exact([rows[i] for i in chosen], [rhs[i] for i in chosen])
    if lam is None or min(lam) < 0:
        return False
    return all(sum(c * v for c, v in zip(row, lam)) == b for row, b in zip(rows, rhs))


def _independent(rows: list[list[Fraction]]) -> bool:
    M = [list(r) for r in rows]
    for i in range(len(M)):
        piv = next((c for c in range(len(M[i])) if M[i][c] != 0), None)
        if piv is None:
            return False
        for r in range(i + 1, len(M)):
            if M[r][piv] != 0:
                f = M[r][piv] / M[i][piv]
                M[r] = [x - f * y for x, y in zip(M[r], M[i])]
    return True


def _subset_vertices(tree: _Tree, game, X, Y, budget: list[int]) -> list[_Vertex]:
    bx = [_player_behavior(tree, game, [x, Y[0]], 0) for x in X]
    by = [_player_behavior(tree, game, [X[0], y], 1) for y in Y]
    kx = _extreme([_realization(tree, b, 0) for b in bx])
    ky = _extreme([_realization(tree, b, 1) for b in by])
    out = []
    for ix, iy in itertools.product(kx, ky):
        beh = {**bx[ix], **by[iy]}
        free = _excluded(tree, beh)
        combos = itertools.product(*[range(len(tree.actions[h])) for h in free])
        for combo in combos:
            budget[0] -= 1
            if budget[0] < 0:
                raise SolverError("method 'sequential': more behaviour profiles to check "
                                  "than max_profiles; the tree is too large (try "
                                  "method='qre', whose limit is one sequential equilibrium)")
            b = dict(beh)
            for h, k in zip(free, combo):
                b[tree.labels[h]] = _pure(tree, h, k)
            out.append(_Vertex(ix, iy, tuple(zip(free, combo)), b))
    return out


def _barycentre(tree: _Tree, game, X, Y, group: Sequence[_Vertex]) -> dict:
    xs = sorted({v.xs for v in group})
    ys = sorted({v.ys for v in group})
    x = [sum(X[k][j] for k in xs) / len(xs) for j in range(len(X[0]))]
    y = [sum(Y[k][j] for k in ys) / len(ys) for j in range(len(Y[0]))]
    beh = {**_player_behavior(tree, game, [x, y], 0), **_player_behavior(tree, game, [x, y], 1)}
    choices: dict[int, set[int]] = {}
    for v in group:
        for h, k in v.free:
            choices.setdefault(h, set()).add(k)
    for h in _excluded(tree, beh):
        beh[tree.labels[h]] = _mix(tree, h, sorted(choices.get(h, {0})))
    return beh


# ---------------------------------------------------------------------- the solver
def accepts(game: ExtensiveFormGame, exact: bool) -> bool:
    """Whether the method starts on ``game``: two players and a reduced normal form that
    ``"vertex"`` takes, or more players and at most :data:`MAX_PROFILES` pure profiles."""
    if not game.has_perfect_recall or game.arrays.kind == "symbolic":
        return False
    if game.num_players == 2:      # the reduced normal form's shape, without building it
        from ..games._tree_reduce import reduced_strategies
        from ..solvers.vertex import accepts_shape

        kids = [game.children(v) for v in range(len(game.arrays.parent))]
        sizes = [reduced_strategies(game.arrays, kids, p, limit=200) for p in (0, 1)]
        if any(s is None for s in sizes):
            return False
        return accepts_shape(*(len(s) for s in sizes))
    sizes = [len(x) for x in game.arrays.infoset_actions]
    return float(np.prod(sizes, dtype=float)) <= MAX_PROFILES


def _check_game(game: Any) -> None:
    if not getattr(game, "is_tree", False) or not hasattr(game, "arrays"):
        raise GameError("method 'sequential' solves game trees (ExtensiveFormGame); a "
                        "normal form has no information sets to hold beliefs")
    if game.arrays.kind == "symbolic":
        raise GameError("method 'sequential' needs numeric payoffs; fix the parameters "
                        "with game.substitute(...)")
    if not game.has_perfect_recall:
        raise GameError("method 'sequential' needs perfect recall: "
                        + game.recall_problems()[0])


def solve_sequential(game: ExtensiveFormGame, exact: bool = False, *, tol: float | None = None,
                     max_profiles: int = MAX_PROFILES) -> Solution:
    """Sequential equilibria of a small tree as assessments (see the module docstring).

    Parameters
    ----------
    game : ExtensiveFormGame
        Numeric payoffs, perfect recall.
    exact : bool
        Report probabilities, beliefs and payoffs as Fractions (the computation is exact
        either way; float payoffs are read as the decimals they print as).
    tol : float, optional
        Unused by the exact computation; accepted for the common interface.
    max_profiles : int
        Refuse trees with more behaviour profiles to check (SolverError).

    Returns
    -------
    Solution
        Equilibria with ``behavior``, ``beliefs`` and ``belief_ranges``; ``components``
        of :class:`~gametheory.solvers.result.AssessmentComponent`.

    References
    ----------
    Kreps, D. M. & Wilson, R. (1982). Sequential equilibria. *Econometrica* 50(4),
    863-894.

    Examples
    --------
    Selten's (1975) horse: (D, c, L) is a Nash equilibrium but not sequential; the
    sequential ones have 1 continue and 3 play R, believing D at most 1/3 likely.

    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["1", "2", "3"])
    >>> C, D = g.root.decide("1", ["C", "D"])
    >>> c, d = C.decide("2", ["c", "d"])
    >>> _ = c.payoffs(1, 1, 1)
    >>> for node, pays in ((D, ((3, 3, 2), (0, 0, 0))), (d, ((4, 4, 0), (1, 1, 1)))):
    ...     for leaf, pay in zip(node.decide("3", ["L", "R"], infoset="3"), pays):
    ...         _ = leaf.payoffs(*pay)
    >>> sol = solve_sequential(g, exact=True)
    >>> print(sol.equilibria[-1])
    1: root = C; 2: C = c; 3 = R; payoffs 1, 1, 1; beliefs mu(D | 3) <= 1/3
    """
    _check_game(game)
    tree = _Tree(game)
    notes: list[str] = []
    if game.num_players == 2:
        found, pieces, complete = _two_players(tree, game, max_profiles, notes)
    else:
        found, pieces, complete = _many_players(tree, game, max_profiles, notes)
    return _solution(tree, game, found, pieces, complete, exact, notes)


def _record(tree: _Tree, behavior: dict, got: Any = None) -> tuple[dict, dict] | None:
    """(a consistent belief point, the belief ranges) making ``behavior`` sequential,
    or None; ``got`` is :func:`assess`'s result when the caller has it already."""
    got = assess(tree, behavior) if got is None else got
    if got is None:
        return None
    bayes, ranges, _ = got
    point = _consistent_point(tree, behavior, bayes, ranges)
    if point is None:
        return None
    return point, ranges


def _two_players(tree: _Tree, game, max_profiles: int, notes: list[str]):
    nf = game.to_normal_form()
    budget = [max_profiles]
    found: list[tuple[dict, dict, dict]] = []          # (behaviour, beliefs, ranges)
    index: dict[tuple, int] = {}
    pieces: list[tuple[tuple[int, ...], dict]] = []
    off_path_moves = False
    coupled = False
    # vertices with moves after unreached sets, the first of each distinct profile
    deep: dict[tuple, tuple[dict, list[int]]] = {}

    # what each distinct profile (by _key) gave, for one solve: its unreached sets,
    # assess's result and _record's (None where assess failed); vertices of a Nash
    # subset often differ only in choices at sets that do not change the profile's key
    seen: dict[tuple, tuple[list[int], Any, Any]] = {}

    def examine(behavior: dict, key: tuple) -> tuple[list[int], Any, Any]:
        if key not in seen:
            flat = _exact_flat(tree, behavior)
            reach = _reach(tree, flat)
            got = _assess(tree, flat, reach)
            rec = None if got is None else _record(tree, behavior, got)
            seen[key] = (_unreached_sets(tree, reach), got, rec)
        return seen[key]

    def keep(behavior: dict, rec: tuple) -> int:
        key = _key(tree, behavior)
        if key not in index:
            index[key] = len(found)
            found.append((behavior, *rec))
        return index[key]

    for X, Y in _nash_subsets(tree, nf):
        verts = _subset_vertices(tree, game, X, Y, budget)
        good = []
        for v in verts:
            key = _key(tree, v.behavior)
            off, got, rec = examine(v.behavior, key)
            if any(not tree.terminal_follow[h] for h in off):
                off_path_moves = True
                deep.setdefault(key, (v.behavior, off))
            if got is None:
                continue
            if rec is None:
                coupled = True
                continue
            good.append((v, keep(v.behavior, rec)))
        pieces += _join(tree, game, X, Y, good)
    if deep:          # off-path play from the subgame-perfect equilibria (SE are SPE)
        # each distinct trial profile is assessed once; those examined above are either
        # kept already or not sequential
        tried = set(index) | set(seen)
        for spe in _spe_profiles(game):
            trials = [spe] + [{**beh, **{tree.labels[h]: spe[tree.labels[h]] for h in off}}
                              for beh, off in deep.values()]
            for beh in trials:
                key = _key(tree, beh)
                if key in tried:
                    continue
                tried.add(key)
                rec = _record(tree, beh)
                if rec is not None:
                    keep(beh, rec)
    complete = not off_path_moves
    if off_path_moves:
        notes.append("some information set off the path of play is followed by further "
                     "moves: the assessments listed are sequential (extreme points of "
                     "Nash subsets, and their off-path play replaced by that of each "
                     "subgame-perfect equilibrium 'spe' finds), but others may exist")
    if coupled:
        notes.append("for some profile the sequentially rational beliefs were not found "
                     "consistent at the points tried (the centre and vertices of each "
                     "range); such profiles are left out")
    return found, pieces, complete and not coupled


def _unreached_sets(tree: _Tree, reach: list[Fraction]) -> list[int]:
    return [h for h, nodes in enumerate(tree.members) if all(reach[x] == 0 for x in nodes)]


def _spe_profiles(game) -> list[dict]:
    """The behaviour profiles method ``"spe"`` finds (exact), or none if it fails."""
    from ..solvers import solve

    try:
        sol = solve(game, method="spe", exact=True)
    except (SolverError, GameError):
        return []
    return [{h: {a: to_fraction(p) for a, p in acts.items()} for h, acts in eq.behavior.items()}
            for eq in sol.equilibria]


def _join(tree: _Tree, game, X, Y, good) -> list[tuple[tuple[int, ...], dict]]:
    """Pieces of continua among the sequential extreme assessments of one Nash subset."""
    if len({k for _, k in good}) < 2:
        return []
    idx = sorted({k for _, k in good})
    groups = [good] + [[p, q] for p, q in itertools.combinations(good, 2) if p[1] != q[1]]
    out, covered = [], []
    for group in groups[:MAX_PIECES]:
        ks = tuple(sorted({k for _, k in group}))
        if any(set(ks) <= c for c in covered):
            continue
        beh = _barycentre(tree, game, X, Y, [v for v, _ in group])
        rec = _record(tree, beh)
        if rec is None:
            continue
        out.append((ks, rec[1]))
        covered.append(set(ks))
        if ks == tuple(idx):
            break
    return out


def _key(tree: _Tree, behavior: Mapping) -> tuple:
    return tuple(tuple(behavior[h][a] for a in tree.actions[k])
                 for k, h in enumerate(tree.labels))


def _many_players(tree: _Tree, game, max_profiles: int, notes: list[str]):
    sizes = [len(x) for x in tree.actions]
    if float(np.prod(sizes, dtype=float)) > max_profiles:
        raise SolverError(f"method 'sequential' with {game.num_players} players checks "
                          f"every pure behaviour profile; this tree has "
                          f"{int(np.prod(sizes, dtype=float)):,}, more than max_profiles = "
                          f"{max_profiles:,} (try method='qre', whose limit is one "
                          f"sequential equilibrium)")
    found, index = [], {}
    for combo in itertools.product(*[range(s) for s in sizes]):
        beh = {tree.labels[h]: _pure(tree, h, k) for h, k in enumerate(combo)}
        if any(r != 0 for r in game.behavior_regrets(beh)):
            continue
        rec = _record(tree, beh)
        if rec is not None:
            index[_key(tree, beh)] = len(found)
            found.append((beh, *rec))
    notes.append(f"{game.num_players} players: every pure sequential equilibrium is "
                 f"listed; mixed ones only as the limit of the agent logit QRE")
    q = _qre_limit(tree, game)
    if q is None:
        notes.append("the agent QRE limit could not be confirmed as an exact sequential "
                     "equilibrium")
    elif _key(tree, q[0]) not in index:
        index[_key(tree, q[0])] = len(found)
        found.append(q)
    return found, [], False


def _qre_limit(tree: _Tree, game):
    from ..solvers import solve

    try:
        sol = solve(game, method="qre")
    except (SolverError, GameError):
        return None
    if not sol.equilibria:
        return None
    raw = sol.equilibria[0].behavior
    for den in (10, 100, 1000, 10**4, 10**6):
        beh = {}
        for h, acts in raw.items():
            ps = {a: Fraction(float(p)).limit_denominator(den) for a, p in acts.items()}
            total = sum(ps.values())
            if total == 0:
                break
            beh[h] = {a: p / total for a, p in ps.items()}
        else:
            if any(r != 0 for r in game.behavior_regrets(beh)):
                continue
            rec = _record(tree, beh)
            if rec is not None:
                return (beh, *rec)
    return None


# ---------------------------------------------------------------------- the result
def _label(game, eq: Equilibrium) -> str | None:
    try:
        from .signalling import classify_signalling
    except ImportError:          # pragma: no cover - the module ships with the package
        return None
    try:
        return classify_signalling(game, eq)
    except GameError:
        return None


def _solution(tree: _Tree, game, found, pieces, complete: bool, exact: bool,
              notes: list[str]) -> Solution:
    order = sorted(range(len(found)), key=lambda k: tuple(
        float(p) for row in _key(tree, found[k][0]) for p in row))
    new = {old: pos for pos, old in enumerate(order)}
    eqs = []
    for old in order:
        beh, beliefs, ranges = found[old]
        chk = check_assessment(game, beh, beliefs)
        if not chk.sequential:
            raise SolverError("method 'sequential' produced an assessment that fails "
                              "check_assessment: " + "; ".join(chk.problems)
                              + " (a solver bug)")
        pay = tuple(to_fraction(v) for v in game.expected_payoffs(beh))
        if not exact:
            beh = {h: {a: float(p) for a, p in acts.items()} for h, acts in beh.items()}
            beliefs = {h: {n: float(p) for n, p in mu.items()} for h, mu in beliefs.items()}
            pay = tuple(float(v) for v in pay)
        eq = Equilibrium((), pay, game.players, (), exact, beh, beliefs, ranges)
        label = _label(game, eq)
        if label is not None:
            eq = Equilibrium((), pay, game.players, (), exact, beh, beliefs, ranges, label)
        eqs.append(eq)
    comps = _components(len(found), [(tuple(sorted(new[k] for k in ks)), cond)
                                     for ks, cond in pieces], new)
    return Solution(eqs, "sequential", complete, exact, game, comps, None, tuple(notes))


def _components(n: int, pieces, new) -> tuple[AssessmentComponent, ...]:
    parent = list(range(n))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for ks, _ in pieces:
        for k in ks[1:]:
            parent[find(k)] = find(ks[0])
    groups: dict[int, list[int]] = {}
    for k in range(n):
        groups.setdefault(find(k), []).append(k)
    out = []
    for members in sorted(groups.values()):
        own = tuple(p for p in pieces if p[0][0] in members)
        out.append(AssessmentComponent(tuple(members), own))
    return tuple(out)
