"""Selten's chain store and the Kreps-Wilson reputation game: an incumbent (a guarantor,
a monopolist) faces N successive challengers.

The story
---------
An incumbent faces challengers ``Entrant 1``, ..., ``Entrant N`` one after the other.
Each entrant, having seen how every earlier challenge went, stays ``"out"`` or comes
``"in"``; after an entry the incumbent chooses to ``"fight"`` or to ``"accommodate"``.
Stage payoffs (Kreps & Wilson's normalisation) are, for the incumbent, ``a`` when the
entrant stays out, 0 when it accommodates and -1 when it fights; for the entrant, 0 out,
``b`` when accommodated and ``b - 1`` when fought (``0 <= b <= 1``). The incumbent sums its
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
stage. The domains are ``a >= 0`` and ``0 <= b <= 1``; the reputation equilibrium of
:func:`kreps_wilson` (and :func:`analyze` with ``N >= 2``) takes Kreps and Wilson's
``a > 1`` and ``0 < b < 1`` (GameError otherwise).

Analytic solution
-----------------
*Complete information.* At the last stage the incumbent accommodates (0 > -1), so
Entrant N enters when ``b > 0``. Fighting earlier changes nothing later, since every
later subgame is solved the same way whatever the history: by induction every entrant
enters at every history and the incumbent accommodates at every history. For ``b > 0``
this subgame-perfect equilibrium is unique (no ties: ``b > 0`` and ``0 > -1``); on its
path the incumbent gets 0 and each entrant ``b``. (At ``b = 0`` an entrant is
indifferent whenever it expects accommodation, so later entrants may condition on the
history and fighting can pay off the path: :func:`analyze` lists every pure SPE.)
Selten's paradox: deterring the first entrants by fighting is not credible, however
many entrants there are.

*Reputation, one stage* (``N = 1``). The tough type fights, the weak type accommodates;
the entrant, fought with probability ``delta``, gets ``b - delta`` from entering, so it
enters iff ``delta < b``, stays out iff ``delta > b`` and at ``delta = b`` any mixture is
an equilibrium.

*Reputation, N stages* (Kreps & Wilson 1982, sec. 3, the sequential equilibrium; ``a > 1``,
``0 < b < 1``). With ``n`` stages left (this one included) and the entrants' current
belief ``p`` that the incumbent is tough: the entrant enters if ``p < b**n``, stays out
if ``p > b**n``, and at equality (a *knife-edge*) enters with probability ``1 - 1/a``;
a weak incumbent accommodates at the last stage and earlier (for ``0 < p < 1``) fights
for sure if ``p >= b**(n - 1)``, else with probability
``(1 - b**(n - 1)) p / ((1 - p) b**(n - 1))``,
so that after a fight the belief becomes ``b**(n - 1)`` and the next entrant, fought
with probability exactly ``b``, is indifferent. After an accommodation the belief is 0
and everyone plays Selten's equilibrium. Why ``1 - 1/a``: after such a fight a weak
incumbent gets ``a`` if the next entrant stays out and 0 otherwise (later it mixes or
accommodates), so it is indifferent between fighting (-1 now) and accommodating (0)
exactly when the next entrant stays out with probability ``1/a``; this needs ``a > 1``
(for ``a <= 1`` one deterred entrant is not worth a fight and the equilibrium has
another form, not derived here). Entry is deterred at the first stage iff
``delta > b**N``: a small prior of toughness deters all but the last few entrants when N
is large. These are :func:`kreps_wilson`.

*Knife-edges and other equilibria.* At a knife-edge reached by a fight the mixture
``1 - 1/a`` is pinned by the weak incumbent's indifference one stage earlier. The other
knife-edges reached with positive probability come before any fight: the first stage at
``delta = b**N``, or stage ``j + 1`` after ``j`` entrants stayed out at
``delta = b**(N - j)``. No earlier incentive depends on the mixture there (the earlier
entrants play once and stayed out), so any entry probability in [0, 1] is an
equilibrium and the sequential equilibrium is not unique (``"entry_range"`` in
:func:`analyze`). At ``p = 0`` or ``p = 1`` there is one type only, the beliefs never
move, and a weak type accommodates.

*Computation.* :func:`analyze` solves ``N = 1`` exactly with ``gt.solve(...,
method="spe")`` (two players, subgame by subgame). For ``N >= 2`` it builds the
Kreps-Wilson assessment on the whole tree (behaviour at every information set, on and
off the path, and the entrants' beliefs) and checks it with
:func:`gametheory.check_assessment`: sequential rationality exactly, in Fractions, and
Kreps-Wilson consistency of the beliefs. The tests cross-check it with the logit-QRE
limit (``gt.solve(game, method="qre")``, McKelvey & Palfrey 1998) and pygambit's
``logit_solve`` off the knife-edges, and check the other entry probabilities at
knife-edges with :func:`gametheory.check_assessment`. ``"qre"`` did not reach a
verified equilibrium at the knife-edges tried (``N = 3`` with ``delta = b**3`` for
``b = 1/2`` and ``1/3``, and ``delta = b**2``), where the equilibria form a
continuum. The reputation tree with N = 3 (39 information sets) took about 0.1 s,
N = 5 about 0.4 s and N = 7 about 4.4 s on a shared 2-core machine. On the
complete-information tree :func:`analyze` took about 0.4 s for
``N = 7`` (4373 nodes), 1.6 to 2.2 s for ``N = 8``, 4.4 to 5.5 s for ``N = 9`` and 27
to 40 s for ``N = 10`` (118,097 nodes) on a shared 2-core machine (the larger figures
under load), roughly half of it building the tree.

Sources
-------
Selten, R. (1978). The chain store paradox. *Theory and Decision* 9(2), 127-159.
Kreps, D. M. & Wilson, R. (1982). Reputation and imperfect information. *Journal of
Economic Theory* 27(2), 253-279. McKelvey, R. D. & Palfrey, T. R. (1998). Quantal
response equilibria for extensive form games. *Experimental Economics* 1, 9-41.
Milgrom, P. & Roberts, J. (1982). Predation, reputation, and entry deterrence. *Journal
of Economic Theory* 27(2), 280-312.

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
    "a": (2, (0, _INF), "incumbent's stage payoff when the entrant stays out (the "
                        "reputation equilibrium needs a > 1)"),
    "b": (Fraction(1, 2), (0, 1), "entrant's payoff when accommodated (b - 1 when fought; "
                                  "the reputation equilibrium needs 0 < b < 1)"),
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
    _common.count(N, "N", "the number of entrants", MAX_N,
                  " (the tree has 3**N terminal nodes)")


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


_PATH = {"O": "/out", "F": "/in/fight", "A": "/in/accommodate"}


def _assessment(N: int, p: dict[str, Fraction]) -> tuple[dict, dict, dict]:
    """The Kreps-Wilson assessment on the whole tree, on and off the path: behaviour,
    the entrants' beliefs, and per history reached with positive probability its
    summary (belief, entry, the weak type's fight, the range of entry probabilities)."""
    a, b = p["a"], p["b"]
    behavior: dict[str, dict[str, Fraction]] = {}
    beliefs: dict[str, dict[str, Fraction]] = {}
    stages: dict[str, dict[str, Any]] = {}
    # (history, belief, the probability of the history for each type)
    level = [("", p["delta"], {"tough": p["delta"], "weak": 1 - p["delta"]})]
    for k in range(1, N + 1):
        nxt = []
        for hist, q, reach in level:
            where = hist or "start"
            kw = _kw(N - k + 1, q, a, b)
            e, w = kw["enters"], kw["weak_fights"]
            behavior[f"Entrant {k} | {where}"] = {"out": 1 - e, "in": e}
            behavior[f"Incumbent {k} | tough, {where}"] = {"fight": Fraction(1),
                                                           "accommodate": Fraction(0)}
            behavior[f"Incumbent {k} | weak, {where}"] = {"fight": w, "accommodate": 1 - w}
            path = "".join(_PATH[x] for x in hist)
            beliefs[f"Entrant {k} | {where}"] = {f"tough{path}": q, f"weak{path}": 1 - q}
            if reach["tough"] + reach["weak"] > 0:
                stages[where] = {"stage": k, "left": N - k + 1, "belief": q, "enters": e,
                                 "weak_fights": w,
                                 "entry_range": _entry_range(kw, hist[-1:])}
            fight = {"tough": Fraction(1), "weak": w}
            nxt += [(hist + "O", q, {t: r * (1 - e) for t, r in reach.items()}),
                    (hist + "F", kw["belief_after_fight"],
                     {t: r * e * fight[t] for t, r in reach.items()}),
                    (hist + "A", kw["belief_after_accommodation"],
                     {t: r * e * (1 - fight[t]) for t, r in reach.items()})]
        level = nxt
    return behavior, beliefs, stages


def _solve_reputation(N: int, p: dict[str, Fraction]) -> dict[str, Any]:
    """The Kreps-Wilson assessment, checked on the tree by gt.check_assessment."""
    _check_kw(p["a"], p["b"])
    game = build(N, reputation=True, **p)
    behavior, beliefs, stages = _assessment(N, p)
    check = gt.check_assessment(game, behavior, beliefs)
    if not check.sequential:           # the formulas are wrong somewhere: never hide it
        raise SolverError(f"the Kreps-Wilson assessment of chain_store N = {N} at "
                          f"{p} is not a sequential equilibrium: {check.problems[0]}")
    first = stages["start"]
    free = [h for h, st in stages.items() if st["entry_range"][0] != st["entry_range"][1]]
    note = "one sequential equilibrium (Kreps and Wilson's); others are not searched for"
    if free:
        note += (f"; at the knife-edge histories {', '.join(free)} every entry probability "
                 f"in [0, 1] gives one too")
    return {
        "enters": first["enters"],
        "fights": {t: behavior[f"Incumbent 1 | {t}, start"]["fight"]
                   for t in ("tough", "weak")},
        "entry_range": first["entry_range"],
        "payoffs": dict(zip(players(N), game.expected_payoffs(behavior))),
        "behavior": behavior,
        "beliefs": beliefs,
        "stages": stages,
        "note": note,
    }


def analyze(N: int = 3, reputation: bool = False, **values: Any) -> dict[str, Any]:
    """Solve the chain store and summarise its equilibria (exact).

    Complete information: ``gt.solve(game, method="spe", exact=True)``, all pure
    subgame-perfect equilibria (``complete`` True; with ties, at ``b = 0``, mixing
    between tied actions gives mixed SPE as well, not listed). Reputation with ``N = 1``
    (two players): the same call, which solves the tree subgame by subgame (the
    incumbent's moves are subgames, and the whole game's reduced normal form by vertex
    enumeration; ``complete`` False at ``delta = b``). Reputation with
    ``N >= 2``: the Kreps-Wilson assessment (:func:`kreps_wilson` at every history, on
    and off the path, with the entrants' beliefs), checked on the tree by
    :func:`gametheory.check_assessment` to be a sequential equilibrium (sequentially
    rational at every information set, exactly; consistent beliefs); it needs
    ``a > 1`` and ``0 < b < 1`` (GameError otherwise). It is one sequential equilibrium,
    so ``complete`` is False; others exist at least where an entrant is indifferent
    (``"entry_range"`` not a single point).

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
        Reputation: ``"enters"`` (the first entrant's probability of entering),
        ``"fights"`` (``{type: probability}`` at the first stage), ``"entry_range"``
        (``(low, high)``: the first entrant's entry probabilities that are equilibria;
        ``(0, 1)`` at ``delta = b**N``), ``"payoffs"``, ``"behavior"``; with
        ``N >= 2`` also ``"beliefs"`` (the entrants', at every information set) and
        ``"stages"``: for each history reached with positive probability
        (``"start"``, ``"F"``, ``"OF"``, ...) its ``"stage"``, stages ``"left"``, the
        entrants' ``"belief"`` that the incumbent is tough, ``"enters"``,
        ``"weak_fights"`` and ``"entry_range"``; and ``"note"``, what the equilibrium
        leaves out. Both: the first equilibrium's keys at
        the top level, ``"equilibria"`` (all found), ``"num_equilibria"``, ``"tie"``
        (more than one found), ``"complete"``, ``"parameters"``, ``"N"``.

    References
    ----------
    Selten, R. (1978). The chain store paradox. *Theory and Decision* 9(2), 127-159.
    Kreps, D. M. & Wilson, R. (1982). Reputation and imperfect information. *Journal of
    Economic Theory* 27(2), 253-279.

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
    >>> out["enters"], out["fights"]["weak"], out["complete"]
    (Fraction(1, 1), Fraction(1, 3), False)
    >>> {h: s["belief"] for h, s in out["stages"].items() if len(h) == 1}
    {'F': Fraction(1, 4), 'A': Fraction(0, 1)}

    At ``delta = b**N`` the first entrant is indifferent, and any entry probability is
    an equilibrium; the one listed is Kreps and Wilson's ``1 - 1/a``:

    >>> out = m.analyze(N=3, reputation=True, delta="1/8", b="1/2", a=2)
    >>> out["enters"], out["entry_range"]
    (Fraction(1, 2), (Fraction(0, 1), Fraction(1, 1)))
    """
    _check_n(N)
    p = _common.fractions(_NAME, PARAMETERS, values)
    if reputation and N >= 2:
        eqs, complete = [_solve_reputation(N, p)], False
    elif reputation:
        sol = gt.solve(build(1, reputation=True, **p), method="spe", exact=True)
        eqs, complete = [_summary_reputation(eq) for eq in sol.equilibria], sol.complete
        span = (min(e["enters"] for e in eqs), max(e["enters"] for e in eqs))
        for e in eqs:
            e["entry_range"] = span
    else:
        fixed = {k: v for k, v in p.items() if k != "delta"}
        sol = gt.solve(build(N, **fixed), method="spe", exact=True)
        eqs = [_summary(eq, N, p) for eq in sol.equilibria]
        return _common.summarize(eqs, parameters=p, N=N, **_common.spe_completeness(sol))
    return _common.summarize(eqs, complete=complete, parameters=p, N=N)


def kreps_wilson(n: int, p: Any, **values: Any) -> dict[str, Any]:
    """The Kreps-Wilson sequential equilibrium at a stage with ``n`` stages left.

    Parameters
    ----------
    n : int
        Stages left, this one included (``n = N`` at the first stage).
    p : number
        The entrants' current belief that the incumbent is tough (``delta`` at the
        first stage).
    **values
        ``a`` and ``b`` (defaults otherwise); GameError unless ``a > 1`` and
        ``0 < b < 1``, Kreps and Wilson's assumptions (for ``a <= 1`` the mixture
        ``1 - 1/a`` below is no probability, and the equilibrium has another form).

    Returns
    -------
    dict
        ``"enters"``: the entrant's probability of entering (1 below ``b**n``, 0 above,
        ``1 - 1/a`` at equality); ``"knife_edge"``: ``p == b**n``, where the entrant is
        indifferent: ``1 - 1/a`` keeps a weak incumbent that mixed one stage earlier
        indifferent, and at the first stage (``p = delta = b**N``), where nothing
        earlier depends on it, any entry probability is an equilibrium;
        ``"weak_fights"``: a weak incumbent's probability of fighting an entry;
        ``"belief_after_fight"``: the belief at the next stage after a fight (Bayes'
        rule), ``b**(n - 1)`` or ``p`` when that is larger (1 at the last stage);
        ``"belief_after_accommodation"``: 0. At ``p = 0`` and ``p = 1`` there is one
        type only and the beliefs never move, so the weak type (if any) accommodates.

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
    >>> kw = m.kreps_wilson(3, "1/8", a=3, b="1/2")
    >>> kw["knife_edge"], kw["enters"]
    (True, Fraction(2, 3))
    """
    _common.count(n, "n", "stages left")
    par = _common.fractions(_NAME, PARAMETERS, {**values, "delta": p})
    _check_kw(par["a"], par["b"])
    return _kw(n, par["delta"], par["a"], par["b"])


def _check_kw(a: Fraction, b: Fraction) -> None:
    """GameError unless ``a > 1`` and ``0 < b < 1`` (Kreps & Wilson's assumptions)."""
    if not a > 1:
        raise GameError(f"a = {a}: the Kreps-Wilson equilibrium needs a > 1 (a weak "
                        f"incumbent must value one deterred entrant above the cost of a "
                        f"fight); for a <= 1 try gt.solve(chain_store.build(N, "
                        f"reputation=True, ...), method='qre') on the tree")
    if not 0 < b < 1:
        raise GameError(f"b = {b}: the Kreps-Wilson equilibrium needs 0 < b < 1")


def _kw(n: int, p: Fraction, a: Fraction, b: Fraction) -> dict[str, Any]:
    """:func:`kreps_wilson` on checked Fractions."""
    cut = b ** n
    enters = Fraction(1) if p < cut else Fraction(0) if p > cut else 1 - 1 / a
    if n == 1:                     # the weak type accommodates at the last stage
        weak, after = Fraction(0), Fraction(1)
    elif p == 0 or p == 1:         # one type only: nothing to reveal, no reputation
        weak, after = Fraction(0), p
    elif p >= b ** (n - 1):
        weak, after = Fraction(1), p
    else:
        weak = (1 - b ** (n - 1)) * p / ((1 - p) * b ** (n - 1))
        after = p / (p + (1 - p) * weak)
    return {"enters": enters, "weak_fights": weak, "belief_after_fight": after,
            "belief_after_accommodation": Fraction(1 if p == 1 else 0),
            "knife_edge": p == cut}


def _entry_range(kw: dict[str, Any], last: str) -> tuple[Fraction, Fraction]:
    """The entry probabilities at a history reached with positive probability (its last
    stage's letter ``last``) that are sequential equilibria with the rest of the
    Kreps-Wilson assessment unchanged (module docstring)."""
    e = kw["enters"]
    if kw["knife_edge"] and last != "F":
        return Fraction(0), Fraction(1)
    return e, e
