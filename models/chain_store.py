"""Selten's chain store and the Kreps-Wilson reputation game: an incumbent (a guarantor,
a monopolist) faces N successive challengers.

The story
---------
An incumbent faces challengers ``Entrant 1``, ..., ``Entrant N`` one after the other.
Each entrant, having seen how every earlier challenge went, stays ``"out"`` or comes
``"in"``; after an entry the incumbent chooses to ``"fight"`` or to ``"accommodate"``.
Stage payoffs (Kreps & Wilson's normalisation) are, for the incumbent, ``a`` when the
entrant stays out, 0 when it accommodates and -1 when it fights; for the entrant, 0 out,
``b`` when accommodated and ``b - 1`` when fought (``0 < b < 1``). The incumbent sums its
stage payoffs; each entrant plays once. Read as security guarantees: a guarantor facing
a sequence of probes wonders whether resisting the first ones deters the later ones.

*Complete information* (Selten 1978): the tree has perfect information and
``3**N`` terminal nodes (out, fought or accommodated at each stage), so it is also a scale
test of backward induction. Information sets are ``"Entrant k | h"`` and
``"Incumbent k | h"``, where ``h`` is the history of earlier stages, one letter per stage
(``O`` out, ``F`` fought, ``A`` accommodated; ``start`` when empty).

*Reputation* (Kreps & Wilson 1982): chance first makes the incumbent ``"tough"`` with
prior probability ``delta`` (its stage payoffs: ``a`` out, 0 fight, -1 accommodate, so
fighting pays) or ``"weak"`` (the payoffs above). The incumbent knows its type; the
entrants see only the history, so entrant k's information set ``"Entrant k | h"`` holds
the two nodes of the two types, and the incumbent's sets are ``"Incumbent k | type, h"``.
The tree has ``2 * 3**N`` terminal nodes and perfect recall.

Assumptions
-----------
No discounting; the history of outcomes is public; each entrant cares only about its own
stage. ``a > 0`` keeps the incumbent glad of an entrant staying out (Kreps & Wilson take
``a > 1``).

Analytic solution
-----------------
*Complete information.* At the last stage the incumbent accommodates (0 > -1), so
Entrant N enters (``b > 0``). Fighting earlier changes nothing later, since every later
subgame is solved the same way whatever the history: by induction every entrant enters
at every history and the incumbent accommodates at every history. This subgame-perfect
equilibrium is unique (no ties: ``b > 0`` and ``0 > -1``); on its path the incumbent
gets 0 and each entrant ``b``. Selten's paradox: deterring the first entrants by fighting
is not credible, however many entrants there are.

*Reputation, one stage* (``N = 1``). The tough type fights, the weak type accommodates;
the entrant, fought with probability ``delta``, gets ``b - delta`` from entering, so it
enters iff ``delta < b``, stays out iff ``delta > b`` and at ``delta = b`` any mixture is
an equilibrium.

*Reputation, N stages* (Kreps & Wilson 1982, the sequential equilibrium). With ``n``
stages left (this one included) and the entrants' current belief ``p`` that the
incumbent is tough: the entrant enters if ``p < b**n``, stays out if ``p > b**n`` (and
mixes at equality); a weak incumbent accommodates at the last stage and earlier fights
for sure if ``p >= b**(n - 1)``, else with probability
``(1 - b**(n - 1)) p / ((1 - p) b**(n - 1))``, so that after a fight the belief becomes
``b**(n - 1)``. After an accommodation the belief is 0. Entry is deterred at the first
stage iff ``delta > b**N``: a small prior of toughness deters all but the last few
entrants when N is large. These are :func:`kreps_wilson`. :func:`analyze` computes
that equilibrium from the tree: for ``N = 1`` exactly (two players, subgame by
subgame), for ``N >= 2`` as the limit of the logit agent quantal response equilibrium
(``method="qre"``; McKelvey & Palfrey 1998: the limit approximates a sequential
equilibrium), polished and verified by regret. The tests check, at every history
reached with positive probability, the entrants' Bayesian belief, the entrant's entry
probability and the weak incumbent's fight probability against :func:`kreps_wilson`
(to 1e-6) for N = 2 and 3 and several priors, including the knife-edge beliefs
``p = b**n`` where the entrant mixes. The reputation tree with N = 3 (39 information
sets) took about 0.05 s, N = 4 about 1 s and N = 5 about 10 s on a shared 2-core
machine. On the complete-information tree :func:`analyze` took about 0.4 s for
``N = 7`` (4373 nodes), 1.6 s for ``N = 8``, 4.4 s for ``N = 9`` and 27 s for
``N = 10`` (118,097 nodes) on a shared 2-core machine, roughly half of it building the
tree.

Sources
-------
Selten, R. (1978). The chain store paradox. *Theory and Decision* 9(2), 127-159.
Kreps, D. M. & Wilson, R. (1982). Reputation and imperfect information. *Journal of
Economic Theory* 27(2), 253-279. Milgrom, P. & Roberts, J. (1982). Predation,
reputation, and entry deterrence. *Journal of Economic Theory* 27(2), 280-312.

Examples
--------
>>> from gametheory.models import chain_store as m
>>> out = m.analyze(N=3)
>>> out["path"], out["all_enter"], out["incumbent_accommodates"]
(['accommodated', 'accommodated', 'accommodated'], True, True)
>>> m.build(N=2, reputation=True).num_nodes     # 1 + 2 (1 + 2 (3**N - 1))
35
>>> m.analyze(N=1, reputation=True, delta="3/4")["enters"]
Fraction(0, 1)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import gametheory as gt
from gametheory.errors import GameError, SolverError
from gametheory.models import _common

__all__ = ["PARAMETERS", "MAX_N", "build", "analyze", "kreps_wilson", "players"]

_INF = float("inf")

#: ``name -> (default, domain, meaning)`` for every parameter of the tree.
PARAMETERS: dict[str, tuple[Any, tuple[Any, Any], str]] = {
    "a": (2, (0, _INF), "incumbent's stage payoff when the entrant stays out"),
    "b": (Fraction(1, 2), (0, 1), "entrant's payoff when accommodated (b - 1 when fought)"),
    "delta": (Fraction(1, 10), (0, 1), "prior probability that the incumbent is tough "
                                       "(reputation version only)"),
}

#: The largest N :func:`build` accepts (``3**N`` terminal nodes per incumbent type).
MAX_N = 10

_NAME = "chain_store"
_LETTER = {"out": "O", "fight": "F", "accommodate": "A"}


def players(N: int) -> list[str]:
    """``["Incumbent", "Entrant 1", ..., "Entrant N"]``.

    References
    ----------
    Selten, R. (1978). The chain store paradox. *Theory and Decision* 9(2), 127-159.

    Examples
    --------
    >>> from gametheory.models import chain_store as m
    >>> m.players(2)
    ['Incumbent', 'Entrant 1', 'Entrant 2']
    """
    _check_n(N)
    return ["Incumbent", *(f"Entrant {k}" for k in range(1, N + 1))]


def _check_n(N: Any) -> None:
    if isinstance(N, bool) or not isinstance(N, int) or not 1 <= N <= MAX_N:
        raise GameError(f"N (the number of entrants) must be an integer from 1 to {MAX_N} "
                        f"(the tree has 3**N terminal nodes); got {N!r}")


def build(N: int = 3, reputation: bool = False, **values: Any) -> gt.ExtensiveFormGame:
    """The chain-store tree with ``N`` entrants, parameters not given left symbolic.

    Parameters
    ----------
    N : int
        Number of entrants, 1 to :data:`MAX_N`.
    reputation : bool
        False: Selten's complete-information game (perfect information). True: the
        Kreps-Wilson game, where chance makes the incumbent tough with probability
        ``delta`` and the entrants do not see the type.
    **values
        Values of parameters in :data:`PARAMETERS`; GameError for an unknown name or a
        value outside its domain. ``delta`` appears only in the reputation version.

    Returns
    -------
    ExtensiveFormGame
        Players :func:`players`; stage payoffs are attached where each stage ends, so
        a terminal node's payoffs are the sums over its stages.

    References
    ----------
    Kreps, D. M. & Wilson, R. (1982). Reputation and imperfect information. *Journal of
    Economic Theory* 27(2), 253-279.

    Examples
    --------
    >>> from gametheory.models import chain_store as m
    >>> g = m.build(N=2)
    >>> g.num_nodes, [p.name for p in g.parameters]
    (17, ['a', 'b'])
    >>> g = m.build(N=2, reputation=True, a=2, b="1/2")
    >>> g.infosets["Entrant 2 | F"][0], g.has_perfect_recall
    ('Entrant 2', True)
    """
    _check_n(N)
    s = _common.symbols_or_values(_NAME, PARAMETERS, values)
    names = players(N)
    title = "chain store" + (" with reputation" if reputation else "")
    g = gt.ExtensiveFormGame(names, title=f"{title}, {N} entrants")
    a, b = s["a"], s["b"]

    def stage(node: Any, k: int, hist: str, typ: str | None) -> None:
        where = hist or "start"
        inc = f"Incumbent {k} | {where}" if typ is None else f"Incumbent {k} | {typ}, {where}"
        out, enter = node.decide(names[k], ["out", "in"], infoset=f"Entrant {k} | {where}")
        fight, acc = enter.decide("Incumbent", ["fight", "accommodate"], infoset=inc)
        tough = typ == "tough"
        for child, act, inc_pay, ent_pay in ((out, "out", a, 0),
                                             (fight, "fight", 0 if tough else -1, b - 1),
                                             (acc, "accommodate", -1 if tough else 0, b)):
            pay = [0] * len(names)
            pay[0], pay[k] = inc_pay, ent_pay
            child.payoffs(*pay)
            if k < N:
                stage(child, k + 1, hist + _LETTER[act], typ)

    if reputation:
        tough, weak = g.root.chance({"tough": s["delta"], "weak": 1 - s["delta"]})
        stage(tough, 1, "", "tough")
        stage(weak, 1, "", "weak")
    else:
        stage(g.root, 1, "", None)
    return _common.describe(g, PARAMETERS)


def _summary(eq: Any, N: int, p: dict[str, Fraction]) -> dict[str, Any]:
    b = {h: {x: Fraction(v) for x, v in d.items()} for h, d in eq.behavior.items()}
    hist, path = "", []
    for k in range(1, N + 1):
        where = hist or "start"
        if b[f"Entrant {k} | {where}"]["in"] == 1:
            act = "fight" if b[f"Incumbent {k} | {where}"]["fight"] == 1 else "accommodate"
        else:
            act = "out"
        path.append({"out": "out", "fight": "fought", "accommodate": "accommodated"}[act])
        hist += _LETTER[act]
    ent = [d["in"] for h, d in b.items() if h.startswith("Entrant")]
    inc = [d["accommodate"] for h, d in b.items() if h.startswith("Incumbent")]
    return {
        "path": path,
        "all_enter": all(x == 1 for x in ent),
        "incumbent_accommodates": all(x == 1 for x in inc),
        "payoffs": {pl: Fraction(v) for pl, v in zip(players(N), eq.payoffs)},
        "behavior": b,
    }


def _summary_reputation(eq: Any) -> dict[str, Any]:
    b = {h: {x: Fraction(v) for x, v in d.items()} for h, d in eq.behavior.items()}
    return {
        "enters": b["Entrant 1 | start"]["in"],
        "fights": {t: b[f"Incumbent 1 | {t}, start"]["fight"] for t in ("tough", "weak")},
        "payoffs": {pl: Fraction(v) for pl, v in zip(players(1), eq.payoffs)},
        "behavior": b,
    }


def _summary_qre(eq: Any, N: int, delta: Fraction) -> dict[str, Any]:
    """The first stage as for N = 1 (floats), and per history reached with positive
    probability: the entrants' belief (Bayes' rule), entry and the weak type's fight."""
    b = eq.behavior
    stages: dict[str, dict[str, float]] = {}
    reach = {"tough": float(delta), "weak": 1.0 - float(delta)}
    level = [("", reach)]
    for k in range(1, N + 1):
        nxt = []
        for hist, r in level:
            total = r["tough"] + r["weak"]
            if total <= 1e-9:
                continue
            where = hist or "start"
            enter = b[f"Entrant {k} | {where}"]["in"]
            fight = {t: b[f"Incumbent {k} | {t}, {where}"]["fight"] for t in r}
            stages[where] = {"stage": k, "left": N - k + 1, "belief": r["tough"] / total,
                             "enters": enter, "weak_fights": fight["weak"]}
            for act, w in (("O", {t: 1 - enter for t in r}),
                           ("F", {t: enter * fight[t] for t in r}),
                           ("A", {t: enter * (1 - fight[t]) for t in r})):
                nxt.append((hist + act, {t: r[t] * w[t] for t in r}))
        level = nxt
    return {
        "enters": b["Entrant 1 | start"]["in"],
        "fights": {t: b[f"Incumbent 1 | {t}, start"]["fight"] for t in ("tough", "weak")},
        "payoffs": dict(zip(players(N), eq.payoffs)),
        "behavior": b,
        "stages": stages,
    }


def analyze(N: int = 3, reputation: bool = False, **values: Any) -> dict[str, Any]:
    """Solve the chain store with the generic solvers and summarise every equilibrium.

    Complete information: ``gt.solve(game, method="spe", exact=True)``, all pure
    subgame-perfect equilibria. Reputation: for ``N = 1`` (two players) the same call,
    which solves the tree subgame by subgame (the incumbent's moves are subgames, and
    the whole game's reduced normal form by vertex enumeration); for ``N >= 2``
    ``gt.solve(game, method="qre")``: the limit of the logit agent QRE, verified by
    regret, which reproduces :func:`kreps_wilson` (floats; one equilibrium,
    ``complete`` False). SolverError if the branch reaches no verified equilibrium.

    Parameters
    ----------
    N : int
        Number of entrants.
    reputation : bool
        Solve the Kreps-Wilson version instead of Selten's.
    **values
        Values of parameters in :data:`PARAMETERS` (defaults otherwise).

    Returns
    -------
    dict
        Complete information: ``"path"`` (per stage ``"out"``, ``"fought"`` or
        ``"accommodated"``), ``"all_enter"`` and ``"incumbent_accommodates"`` (at every
        information set, on the path or off it), ``"payoffs"`` and ``"behavior"``.
        Reputation with ``N = 1``: ``"enters"`` (probability), ``"fights"``
        (``{type: probability}``), ``"payoffs"``, ``"behavior"``; with ``N >= 2`` also
        ``"stages"``: for each history reached with positive probability (``"start"``,
        ``"F"``, ``"OF"``, ...) its ``"stage"``, stages ``"left"``, the entrants'
        ``"belief"`` that the incumbent is tough, ``"enters"`` and ``"weak_fights"``.
        Both: the first
        equilibrium's keys at the top level, ``"equilibria"`` (all of them),
        ``"num_equilibria"``, ``"tie"``, ``"complete"``, ``"parameters"``, ``"N"``.

    References
    ----------
    Selten, R. (1978). The chain store paradox. *Theory and Decision* 9(2), 127-159.

    Examples
    --------
    >>> from gametheory.models import chain_store as m
    >>> out = m.analyze(N=2, b="1/3")
    >>> out["payoffs"]["Entrant 2"], out["num_equilibria"]
    (Fraction(1, 3), 1)
    >>> m.analyze(N=1, reputation=True, delta="1/5", b="1/2")["fights"]
    {'tough': Fraction(1, 1), 'weak': Fraction(0, 1)}

    Three entrants, prior 1/10 < (1/2)**3: the first entrant enters and a weak
    incumbent fights with probability 1/3 (Kreps & Wilson 1982):

    >>> out = m.analyze(N=3, reputation=True, delta="1/10", b="1/2")
    >>> round(out["enters"], 9), round(out["fights"]["weak"], 9)
    (1.0, 0.333333333)
    >>> {h: round(s["belief"], 9) for h, s in out["stages"].items() if len(h) == 1}
    {'F': 0.25, 'A': 0.0}
    """
    _check_n(N)
    p = _common.fractions(_NAME, PARAMETERS, values)
    if not reputation:
        fixed = {k: v for k, v in p.items() if k != "delta"}
        sol = gt.solve(build(N, **fixed), method="spe", exact=True)
        eqs = [_summary(eq, N, p) for eq in sol.equilibria]
    elif N == 1:
        sol = gt.solve(build(1, reputation=True, **p), method="spe", exact=True)
        eqs = [_summary_reputation(eq) for eq in sol.equilibria]
    else:
        sol = gt.solve(build(N, reputation=True, **p), method="qre")
        if not sol.equilibria:
            raise SolverError(f"the logit QRE branch of the reputation game with N = {N} "
                              f"reached no verified equilibrium: {sol.notes[-1]}")
        eqs = [_summary_qre(eq, N, p["delta"]) for eq in sol.equilibria]
    out: dict[str, Any] = dict(eqs[0])
    out.update(equilibria=eqs, num_equilibria=len(eqs), tie=len(eqs) > 1,
               complete=sol.complete, parameters=p, N=N)
    return out


def kreps_wilson(n: int, p: Any, **values: Any) -> dict[str, Fraction]:
    """The Kreps-Wilson sequential equilibrium at a stage with ``n`` stages left.

    Parameters
    ----------
    n : int
        Stages left, this one included (``n = N`` at the first stage).
    p : number
        The entrants' current belief that the incumbent is tough (``delta`` at the
        first stage).
    **values
        ``a`` and ``b`` (defaults otherwise).

    Returns
    -------
    dict
        ``"enters"``: the entrant's probability of entering (1 below ``b**n``, 0 above,
        ``1 - 1/a`` at equality, where the entrant mixes so that a weak incumbent is
        indifferent one stage earlier); ``"weak_fights"``: a weak incumbent's probability
        of fighting an entry; ``"belief_after_fight"``: the belief at the next stage
        after a fight (Bayes' rule), ``b**(n - 1)`` or ``p`` when that is larger.

    References
    ----------
    Kreps, D. M. & Wilson, R. (1982). Reputation and imperfect information. *Journal of
    Economic Theory* 27(2), 253-279.

    Examples
    --------
    >>> from gametheory.models import chain_store as m
    >>> m.kreps_wilson(3, "1/10", b="1/2")["enters"]    # 1/10 < (1/2)**3
    Fraction(1, 1)
    >>> m.kreps_wilson(3, "1/10", b="1/2")["belief_after_fight"]
    Fraction(1, 4)
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise GameError(f"n (stages left) must be a positive integer; got {n!r}")
    par = _common.fractions(_NAME, PARAMETERS, {**values, "delta": p})
    p, a, b = par["delta"], par["a"], par["b"]
    cut = b ** n
    enters = Fraction(1) if p < cut else Fraction(0) if p > cut else 1 - 1 / a
    if n == 1:
        weak, after = Fraction(0), Fraction(1)
    elif p == 0:                   # no tough type: a fight reveals nothing new
        weak, after = Fraction(0), Fraction(0)
    elif p >= b ** (n - 1):
        weak, after = Fraction(1), p
    else:
        weak = (1 - b ** (n - 1)) * p / ((1 - p) * b ** (n - 1))
        after = p / (p + (1 - p) * weak)
    return {"enters": enters, "weak_fights": weak, "belief_after_fight": after}
