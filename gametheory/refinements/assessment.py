"""Assessments in game trees: sequential rationality and Kreps-Wilson consistency.

An *assessment* is a behaviour profile with a belief (a distribution over its nodes) at
every information set. It is *sequentially rational* when at every information set the
mover's behaviour maximises the expected payoff of continuing, computed from the beliefs
and the profile's later behaviour. The check is local (one-shot deviations, each node's
continuation value computed bottom-up once); for consistent assessments this is
equivalent to optimality of every continuation strategy (Hendon, Jacobsen & Sloth 1996).

It is *consistent* (Kreps & Wilson 1982) when the beliefs are limits of Bayes beliefs
along totally mixed profiles converging to the behaviour. Every such sequence can be
taken along a semialgebraic curve (curve selection), whose trembles have leading terms
``c_a eps^r_a`` (``c_a > 0``, ``r_a > 0``) at the actions of probability 0. The limit
belief at an information set then puts weight only on its nodes of least total rank
``R(x) = sum of r_a`` along the path, in proportion to ``W(x) * prod c_a`` (``W``: the
product of chance and positive behaviour probabilities on the path). So consistency
splits into a linear feasibility problem in the ranks (equal ranks on the belief's
support, larger ranks off it) and a linear system in ``log c_a`` (the belief ratios);
solving both gives a witness sequence, :meth:`AssessmentCheck.perturbed`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError
from ..games._display import fmt
from ..games._tree_compile import _levels, cast_values, unify_kinds
from ..games._tree_util import behavior_table
from ..games.values import to_float_array

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveFormGame

__all__ = ["AssessmentCheck", "check_assessment", "is_sequentially_rational",
           "is_consistent", "is_sequential_equilibrium"]


@dataclass(frozen=True)
class AssessmentCheck:
    """The outcome of :func:`check_assessment`.

    Attributes
    ----------
    sequentially_rational : bool
        No mover gains by changing the action at any information set, given the beliefs.
    bayes_consistent : bool
        The beliefs follow Bayes' rule at every information set the profile reaches.
    consistent : bool
        Kreps-Wilson consistency (implies ``bayes_consistent``).
    problems : tuple of str
        What fails, naming the information sets.
    beliefs : dict
        The beliefs used, ``{information set: {node path: probability}}`` (singletons and
        reached sets filled in when not given).
    trembles : dict or None
        A witness of consistency: ``{(information set, action): (coefficient, rank)}`` for
        each action of probability 0, the tremble ``coefficient * eps ** rank``.
    behavior : dict
        The behaviour profile checked, ``{information set: {action: probability}}``.
    gains : dict
        ``{information set: gain}``: how much the mover's expected payoff at the set (given
        the beliefs) rises by switching to a best action there; 0 where rational.

    References
    ----------
    Kreps, D. M. and Wilson, R. (1982). Sequential equilibria. *Econometrica* 50, 863-894.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["A", "B"])
    >>> out, enter = g.root.decide("A", ["out", "in"])
    >>> _ = out.payoffs(1, 2)
    >>> fight, acc = enter.decide("B", ["fight", "accommodate"])
    >>> _ = fight.payoffs(0, 0), acc.payoffs(2, 1)
    >>> chk = gt.check_assessment(g, {"A: root": "out", "B: in": "fight"})
    >>> chk.sequential, chk.problems[0]
    (False, "at information set 'B: in', B gains 1 by playing 'accommodate'")
    """

    sequentially_rational: bool
    bayes_consistent: bool
    consistent: bool
    problems: tuple
    beliefs: dict
    trembles: dict | None
    behavior: Any
    gains: dict

    @property
    def sequential(self) -> bool:
        """Sequentially rational and consistent: a sequential equilibrium."""
        return self.sequentially_rational and self.consistent

    def perturbed(self, eps: float) -> dict[str, dict[str, float]]:
        """The totally mixed profile of the witness sequence at ``eps`` (floats): each
        action of probability 0 gets ``c * eps ** r``, the others share the rest in
        proportion to their probabilities. Its Bayes beliefs tend to :attr:`beliefs`."""
        if self.trembles is None:
            raise GameError("this assessment is not consistent; there is no witness sequence")
        out = {}
        for h, acts in self.behavior.items():
            small = {a: c * eps ** r for (g, a), (c, r) in self.trembles.items() if g == h}
            rest = 1.0 - sum(small.values())
            if rest <= 0:
                raise GameError(f"eps = {eps} is too large: the trembles at {h!r} sum to 1 "
                                f"or more")
            out[h] = {a: small.get(a, float(p) * rest) for a, p in acts.items()}
        return out


def _members(a) -> list[list[int]]:
    nodes = np.flatnonzero(a.player >= 0)
    out: list[list[int]] = [[] for _ in a.infoset_labels]
    for v, h in zip(nodes.tolist(), a.infoset[nodes].tolist(), strict=True):
        out[h].append(v)
    return out


def _parse_beliefs(game, given: Mapping | None, members, bayes) -> dict:
    a = game.arrays
    given = {} if given is None else given
    if not isinstance(given, Mapping):
        raise GameError(f"beliefs are a mapping {{information set: {{node path: "
                        f"probability}}}}; got {given!r}")
    unknown = [h for h in given if h not in a.infoset_labels]
    if unknown:
        raise GameError(f"no information set labelled {unknown[0]!r}")
    out = {}
    for h, label in enumerate(a.infoset_labels):
        paths = [game.path(v) for v in members[h]]
        if label in given:
            mu = given[label]
            if not isinstance(mu, Mapping):
                raise GameError(f"beliefs at {label!r} must map node paths to probabilities")
            bad = [p for p in mu if p not in paths]
            if bad:
                raise GameError(f"node {bad[0]!r} is not in information set {label!r}, whose "
                                f"nodes are {', '.join(paths)}")
            exact = all(isinstance(v, (int, Fraction, str)) for v in mu.values())
            try:
                vals = {p: (Fraction(mu[p]) if exact else float(mu[p])) if p in mu
                        else (Fraction(0) if exact else 0.0) for p in paths}
            except (TypeError, ValueError):
                raise GameError(f"beliefs at {label!r} must be numbers") from None
            if min(vals.values()) < 0:
                raise GameError(f"beliefs at {label!r} have a negative probability")
            total = sum(vals.values())
            if (exact and total != 1) or abs(float(total) - 1) > 1e-9:
                raise GameError(f"beliefs at {label!r} sum to {total}, not 1")
            out[label] = vals
        elif len(paths) == 1:
            out[label] = {paths[0]: Fraction(1)}
        elif bayes[label] is not None:
            out[label] = dict(bayes[label])
        else:
            raise GameError(f"information set {label!r} is not reached by the profile; give "
                            f"beliefs there (beliefs={{{label!r}: {{node path: probability}}}})")
    return out


def _node_values(a, flat, offsets, kind) -> np.ndarray:
    """Each node's expected payoff vector when play continues by the profile."""
    pay = a.payoffs if kind == "float" else a.payoffs.astype(object)
    pay = to_float_array(pay) if kind == "float" else \
        cast_values(pay.ravel(), "exact").reshape(pay.shape)
    chance = cast_values(a.chance_prob, kind)
    n, N = len(a.parent), pay.shape[1]
    V = np.zeros((n, N), dtype=np.float64 if kind == "float" else object)
    if kind != "float":
        V[...] = Fraction(0)
    V[a.terminals] = pay
    edge = chance.copy()
    v = np.arange(1, n)
    pp = a.parent[v]
    dec = a.player[pp] >= 0
    edge[v[dec]] = flat[offsets[a.infoset[pp[dec]]] + a.action[v[dec]]]
    for lev in reversed(_levels(a.parent)[1:]):
        np.add.at(V, a.parent[lev], edge[lev][:, None] * V[lev])
    return V


def check_assessment(game: ExtensiveFormGame, behavior: Mapping[str, Any],
                     beliefs: Mapping | None = None, tol: float = 1e-9) -> AssessmentCheck:
    """Check an assessment of a game tree for sequential rationality and consistency.

    Parameters
    ----------
    game : ExtensiveFormGame
        Numeric payoffs.
    behavior : mapping or Equilibrium
        ``{information set: {action: probability}}`` or ``{information set: action}``, or
        an Equilibrium of the tree (its ``behavior`` is used).
    beliefs : mapping, optional
        ``{information set: {node path: probability}}`` (node paths as in
        ``game.beliefs``). Singleton sets and sets the profile reaches may be left out
        (they get probability 1 and Bayes' rule); unreached sets with several nodes need
        beliefs.
    tol : float
        Allowed gain (relative to the largest absolute payoff) and belief discrepancy for
        floats; exact inputs are checked exactly (consistency's ratio equations always in
        floats, to 1e-7).

    Returns
    -------
    AssessmentCheck

    References
    ----------
    Kreps, D. M. and Wilson, R. (1982). Sequential equilibria. *Econometrica* 50, 863-894.
    Hendon, E., Jacobsen, H. J. and Sloth, B. (1996). The one-shot-deviation principle for
    sequential rationality. *Games and Economic Behavior* 12, 274-282. Fudenberg, D. and
    Tirole, J. (1991). *Game Theory*, section 8.3.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["A", "B"])
    >>> l, r = g.root.decide("A", ["l", "r"])
    >>> for node in (l, r):
    ...     x, y = node.decide("B", ["x", "y"], infoset="B")
    ...     _ = x.payoffs(1, 1), y.payoffs(0, 0)
    >>> gt.check_assessment(g, {"A: root": "l", "B": "x"}).sequential
    True
    >>> gt.check_assessment(g, {"A: root": "l", "B": "x"}, {"B": {"r": 1}}).problems
    ("beliefs at 'B' are not Bayes' rule: l 0 (Bayes: 1), r 1 (Bayes: 0)",)
    """
    a = game.arrays
    if a.kind == "symbolic":
        raise GameError("assessments need numeric payoffs; fix the parameters with "
                        "game.substitute(...)")
    if getattr(behavior, "behavior", None) is not None:
        behavior = behavior.behavior
    flat, offsets, bkind = behavior_table(game, behavior)
    kind = unify_kinds({a.kind, bkind})
    if kind == "symbolic":
        raise GameError("assessments need numeric behaviour probabilities")
    flat = cast_values(flat, kind)
    members = _members(a)
    bayes = game.beliefs(behavior)
    mus = _parse_beliefs(game, beliefs, members, bayes)
    V = _node_values(a, flat, offsets, kind)
    # (no floor at 1: a gain of 1e-12 in a tree written in units of 1e-12 is a gain)
    scale = float(np.abs(to_float_array(a.payoffs)).max(initial=0.0)) \
        if kind == "float" else 0.0
    problems: list[str] = []
    gains = {}
    for h, label in enumerate(a.infoset_labels):
        i = int(a.infoset_player[h])
        mu = mus[label]
        Q = [sum((mu[game.path(x)] * V[game.children(x)[k], i] for x in members[h]),
                 0 * V[0, 0])
             for k in range(len(a.infoset_actions[h]))]
        probs = flat[offsets[h]:offsets[h + 1]]
        gap = max(Q) - sum(p * q for p, q in zip(probs, Q, strict=True))
        gains[label] = gap
        if gap > (0 if isinstance(gap, Fraction) else tol * scale):
            best = a.infoset_actions[h][max(range(len(Q)), key=Q.__getitem__)]
            problems.append(f"at information set {label!r}, {game.players[i]} gains "
                            f"{fmt(gap)} by playing {best!r}")
    rational = not problems
    bayes_ok = True
    for label, mu in mus.items():
        ref = bayes[label]
        if ref is None:
            continue
        off = [p for p in mu if _differ(mu[p], ref[p], tol)]
        if off:
            bayes_ok = False
            problems.append(f"beliefs at {label!r} are not Bayes' rule: " + ", ".join(
                f"{p} {fmt(mu[p])} (Bayes: {fmt(ref[p])})" for p in mu))
    trembles = _consistency(game, flat, offsets, members, mus, tol, problems) \
        if bayes_ok else None
    out_behavior = {label: dict(zip(a.infoset_actions[h], flat[offsets[h]:offsets[h + 1]],
                                    strict=True))
                    for h, label in enumerate(a.infoset_labels)}
    return AssessmentCheck(rational, bayes_ok, trembles is not None, tuple(problems), mus,
                           trembles, out_behavior, gains)


def _differ(x: Any, y: Any, tol: float) -> bool:
    if isinstance(x, Fraction) and isinstance(y, Fraction):
        return x != y
    return abs(float(x) - float(y)) > tol


def _consistency(game, flat, offsets, members, mus, tol, problems) -> dict | None:
    """The rank LP and the log-coefficient system; a witness or None (with a problem)."""
    from scipy.optimize import linprog

    a = game.arrays
    zero = np.flatnonzero([(p == 0) if isinstance(p, Fraction) else float(p) <= tol
                           for p in flat])
    K, n = len(zero), len(a.parent)
    col = {int(k): j for j, k in enumerate(zero)}
    Z = np.zeros((n, K))
    logw = np.zeros(n)
    for lev in _levels(a.parent)[1:]:
        par = a.parent[lev]
        Z[lev] = Z[par]
        logw[lev] = logw[par]
        for v, u in zip(lev.tolist(), par.tolist(), strict=True):
            if a.player[u] >= 0:
                k = int(offsets[a.infoset[u]] + a.action[v])
                if k in col:
                    Z[v, col[k]] += 1
                else:
                    logw[v] += math.log(float(flat[k]))
            else:
                p = float(a.chance_prob[v])
                logw[v] += math.log(p) if p > 0 else -math.inf
    eq, ub, lhs, rhs = [], [], [], []
    for h, label in enumerate(a.infoset_labels):
        mu = mus[label]
        nodes = [x for x in members[h] if logw[x] > -math.inf]
        supp = [x for x in nodes if float(mu[game.path(x)]) > tol]
        dead = [x for x in members[h] if logw[x] == -math.inf
                and float(mu[game.path(x)]) > tol]
        if dead and nodes:             # a set chance never reaches constrains nothing
            problems.append(f"beliefs at {label!r} put weight on {game.path(dead[0])}, "
                            f"which chance never reaches")
            return None
        if not supp:
            continue
        x0 = supp[0]
        m0 = math.log(float(mu[game.path(x0)]))
        for x in supp[1:]:
            eq.append(Z[x] - Z[x0])
            lhs.append(Z[x] - Z[x0])
            rhs.append(math.log(float(mu[game.path(x)])) - m0 - (logw[x] - logw[x0]))
        ub.extend(Z[x0] - Z[y] for y in nodes if y not in supp)
    if ub and K == 0:
        ranks = None
    elif K == 0:
        ranks = np.zeros(0)
    else:
        res = linprog(np.zeros(K), A_ub=np.array(ub).reshape(-1, K) if ub else None,
                      b_ub=-np.ones(len(ub)) if ub else None,
                      A_eq=np.array(eq).reshape(-1, K) if eq else None,
                      b_eq=np.zeros(len(eq)) if eq else None, bounds=(1, None), method="highs")
        ranks = res.x if res.status == 0 else None
    if ranks is None:
        problems.append("the beliefs are not consistent: no ordering of the trembles makes "
                        "their supports the least likely nodes' complement (Kreps & Wilson "
                        "1982)")
        return None
    z = np.zeros(K)
    if lhs:
        L, r = np.array(lhs, dtype=float).reshape(len(lhs), K), np.array(rhs)
        if K:
            z = np.linalg.lstsq(L, r, rcond=None)[0]
        if np.abs(L @ z - r).max(initial=0.0) > 1e-7:
            problems.append("the beliefs are not consistent: their ratios are not limits of "
                            "Bayes' rule under any trembles (Kreps & Wilson 1982)")
            return None
    where = np.repeat(np.arange(len(a.infoset_labels)), np.diff(offsets))
    return {(a.infoset_labels[where[k]], a.infoset_actions[where[k]][k - offsets[where[k]]]):
            (float(np.exp(z[j])), float(ranks[j])) for k, j in col.items()}


def is_sequentially_rational(game: ExtensiveFormGame, behavior: Mapping[str, Any],
                             beliefs: Mapping | None = None, tol: float = 1e-9) -> bool:
    """Whether every mover's behaviour is optimal given the beliefs (see
    :func:`check_assessment`).

    References
    ----------
    Kreps, D. M. and Wilson, R. (1982). *Econometrica* 50, 863-894.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["A"])
    >>> x, y = g.root.decide("A", ["x", "y"])
    >>> _ = x.payoffs(1), y.payoffs(0)
    >>> gt.is_sequentially_rational(g, {"A: root": "y"})
    False
    """
    return check_assessment(game, behavior, beliefs, tol).sequentially_rational


def is_consistent(game: ExtensiveFormGame, behavior: Mapping[str, Any],
                  beliefs: Mapping | None = None, tol: float = 1e-9) -> bool:
    """Whether the beliefs are Kreps-Wilson consistent with the behaviour (see
    :func:`check_assessment`).

    References
    ----------
    Kreps, D. M. and Wilson, R. (1982). *Econometrica* 50, 863-894.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["N", "B"])
    >>> for t in g.root.chance({"t1": "1/2", "t2": "1/2"}):
    ...     out, into = t.decide("N", ["out", "in"], infoset="N")
    ...     _ = out.payoffs(0, 0)
    ...     for z in into.decide("B", ["x", "y"], infoset="B"):
    ...         _ = z.payoffs(0, 0)
    >>> beh = {"N": "out", "B": "x"}
    >>> gt.is_consistent(g, beh, {"B": {"t1/in": "1/2", "t2/in": "1/2"}})
    True
    >>> gt.is_consistent(g, beh, {"B": {"t1/in": "9/10", "t2/in": "1/10"}})
    False
    """
    return check_assessment(game, behavior, beliefs, tol).consistent


def is_sequential_equilibrium(game: ExtensiveFormGame, behavior: Mapping[str, Any],
                              beliefs: Mapping | None = None, tol: float = 1e-9) -> bool:
    """Whether an assessment is a sequential equilibrium (Kreps & Wilson 1982):
    sequentially rational and consistent.

    References
    ----------
    Kreps, D. M. and Wilson, R. (1982). *Econometrica* 50, 863-894.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["A", "B"])
    >>> out, enter = g.root.decide("A", ["out", "in"])
    >>> _ = out.payoffs(1, 2)
    >>> fight, acc = enter.decide("B", ["fight", "accommodate"])
    >>> _ = fight.payoffs(0, 0), acc.payoffs(2, 1)
    >>> gt.is_sequential_equilibrium(g, {"A: root": "in", "B: in": "accommodate"})
    True
    """
    return check_assessment(game, behavior, beliefs, tol).sequential
