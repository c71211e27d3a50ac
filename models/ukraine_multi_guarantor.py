"""Ukraine's neutrality backed by several guarantors: how commitments add up to deterrence.

The story
---------
The tree of :mod:`gametheory.models.ukraine_guarantees` with the single bilateral
guarantor of the NEUTRAL track replaced by k guarantors (by default the US, Canada, Japan
and the EU, after the 2023-24 bilateral security agreements). Guarantor g is *committed*
with probability ``q_g`` (and then honours), otherwise *opportunistic*: it honours at cost
``c_g`` or abandons at reputation cost ``rho``. Its capability ``kappa_g`` is the share of
a full defence its help provides: if Russia escalates against a neutral Ukraine and the
set H of guarantors honours, with ``K = sum_{g in H} kappa_g``, Russia gets
``V - K (V + C_R)`` and Ukraine ``-w_B + K (w_B - w_H)``. ``K = 1`` is the canonical
honoured guarantee (``-C_R`` and ``-w_H``), ``K = 0`` the abandoned one (``V`` and
``-w_B``); payoffs are linear in K, beyond 1 too. The NATO track is the canonical
model's: the alliance (player ``"Alliance"``) is committed with probability ``q_N``,
otherwise it honours at cost ``c_N`` or abandons at reputation cost ``rho_N``.

*The canonical model is the case of one guarantor*: ``build(["G"], q_G=q, c_G=c_G,
kappa_G=1)`` is the tree of ``ukraine_guarantees.build(q=q, c_G=c_G)`` with the bilateral
guarantor and the alliance as two players instead of one ``"Guarantor"`` (only one track
is played, so nothing changes), and the two have the same subgame-perfect equilibria.

The tree (design). Ukraine chooses the track (information set ``"Ukraine"``); chance draws
Russia's type; Russia escalates or concedes (``"Russia | <track>, <type>"``). After an
escalation on NEUTRAL the guarantors act in a fixed order: chance draws the first one's
type (``"committed"`` / ``"opportunistic"``), an opportunistic one chooses ``"honour"`` or
``"abandon"``, then the next one's type is drawn, and so on. Each guarantor sees what the
earlier ones did, so the game keeps perfect information (backward induction, and the
batched engine of ``gt.sweep``) and has ``3^k`` outcomes per escalation: 81 for four
guarantors, 343 nodes in all (31 for one, as the canonical tree). Since a guarantor's
payoff depends on its own choice only, neither the order nor what it observes changes
its choice: a simultaneous-move version has the same equilibrium outcomes. Guarantor
g's decision nodes are labelled ``"<g> | <type>; <earlier choices>"``, the alliance's
``"Alliance | NATO, <type>"``.

Assumptions
-----------
Those of the canonical model; capabilities add up (no complementarity or free riding in
fighting), the guarantors' types are independent, and the reputation cost ``rho`` is the
same for all bilateral guarantors.

Analytic solution
-----------------
An opportunistic guarantor honours iff ``c_g < rho`` (``sigma_g`` = 1, else 0), so g
honours with probability ``h_g = q_g + (1 - q_g) sigma_g`` and the expected honoured
capability is ``S = sum_g h_g kappa_g`` (the expected K). Russia escalates on NEUTRAL
iff ``V - S (V + C_R) > 0``: the deterrence condition of a type with value V is
``S > V / (V + C_R)``, the canonical threshold with ``h`` replaced by ``S``, and a
half-plane in any two commitments (with every ``sigma_g = 0``)::

    q_a kappa_a + q_b kappa_b > V / (V + C_R) - sum_{g != a, b} q_g kappa_g.

Ukraine's NEUTRAL value is ``sum_t P(t) [e_t (-w_B + S (w_B - w_H)) + (1 - e_t) u_0]``
and its NATO value that of the canonical model (the alliance honours iff ``c_N < rho_N``;
-7.78 at the defaults, where it abandons). At the defaults
(capabilities US 3/8, Canada 1/8, Japan 1/8, EU 1/4: together 7/8 of a full defence;
commitments 1/2, 1/4, 1/4, 1/2; all opportunistic guarantors abandon)
``8 S = 3 q_US + 2 q_EU + 1/2``: the revisionist type (threshold 2/5) is deterred iff
``3 q_US + 2 q_EU > 27/10``, the security type (1/7) iff ``3 q_US + 2 q_EU > 9/14``.
Ukraine's NEUTRAL value is ``6 S - 10`` when both escalate (below -7.78, as
``S < 1/7`` there), ``3 S - 2`` when only the revisionist does and ``u_0 = 6`` when
both are deterred; it beats -7.78 exactly when the security type is deterred, so
Ukraine chooses NATO below the line ``3 q_US + 2 q_EU = 9/14`` and neutrality above it;
above ``3 q_US + 2 q_EU = 27/10`` neutrality deters both types (the deterrence region).
:func:`outcome_map` shows the three regions from a 2-D sweep.

Sources
-------
Schelling, T. C. (1966). *Arms and Influence*. Yale University Press. Zagare, F. C. &
Kilgour, D. M. (2000). *Perfect Deterrence*. Cambridge University Press. Fearon, J. D.
(1995). Rationalist explanations for war. *International Organization* 49(3), 379-414.
The G7 Joint Declaration of Support for Ukraine (Vilnius, 12 July 2023) and the bilateral
security agreements signed under it in 2024 (among them Canada's in February and those of
the United States and Japan in June 2024) and the EU's joint security commitments
(June 2024).

Examples
--------
>>> from gametheory.models import ukraine_multi_guarantor as m
>>> out = m.analyze()
>>> out["ukraine_track"], out["escalates"][("revisionist", "NEUTRAL")]
('NEUTRAL', Fraction(1, 1))
>>> m.analyze(q_US=1)["deterred"]          # 8 S = 3 + 2/2 + 1/2 > 16/5
['revisionist', 'security']
>>> m.analyze(q_US=0, q_EU=0)["ukraine_track"]
'NATO'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import _common
from gametheory.models.ukraine_guarantees import PARAMETERS as _TREE

__all__ = ["GUARANTORS", "PARAMETERS", "TYPES", "TRACKS", "parameters", "build", "analyze",
           "outcome_map"]

TRACKS = ("NATO", "NEUTRAL")
TYPES = ("revisionist", "security")
_NAME = "ukraine_multi_guarantor"
_INF = float("inf")

#: Default guarantors: ``name -> (q_g, c_g, kappa_g)``.
GUARANTORS: dict[str, tuple[Fraction, int, Fraction]] = {
    "US": (Fraction(1, 2), 5, Fraction(3, 8)), "Canada": (Fraction(1, 4), 2, Fraction(1, 8)),
    "Japan": (Fraction(1, 4), 2, Fraction(1, 8)), "EU": (Fraction(1, 2), 3, Fraction(1, 4))}
#: Defaults of a guarantor not in :data:`GUARANTORS`: the canonical guarantor's
#: (``q = 1/2``, ``c_G = 5``) with a full defence (``kappa = 1``).
OTHER_GUARANTOR = (Fraction(1, 2), 5, Fraction(1))

_SHARED = ("r", "V_rev", "V_sec", "C_R", "L", "u_N", "u_0", "w_H", "w_B", "q_N", "rho",
           "c_N", "rho_N")
_FIXED_PLAYERS = ("Ukraine", "Russia", "Alliance")


def parameters(guarantors: Sequence[str] = tuple(GUARANTORS)
               ) -> dict[str, tuple[Any, tuple[Any, Any], str]]:
    """``name -> (default, domain, meaning)`` for a list of guarantors.

    The canonical model's parameters but ``q`` and ``c_G``, and per guarantor g:
    ``q_g``, ``c_g``, ``kappa_g``.

    Examples
    --------
    >>> from gametheory.models import ukraine_multi_guarantor as m
    >>> default, domain, meaning = m.parameters(["UK"])["kappa_UK"]
    >>> default, domain
    (Fraction(1, 1), (0, inf))
    >>> meaning
    "UK's capability: the share of a full defence it provides if it honours"
    """
    names = list(guarantors)
    if not names or len(set(names)) != len(names):
        raise GameError(f"guarantors must be distinct names; got {names!r}")
    for g in names:
        if not isinstance(g, str) or not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", g):
            raise GameError(f"guarantor name {g!r} must be letters and digits (it names "
                            "parameters such as q_<name>)")
        if g in _FIXED_PLAYERS:
            raise GameError(f"guarantor name {g!r} is taken by another player; choose "
                            "another name")
    out = {k: _TREE[k] for k in _SHARED}
    for g in names:
        q, c, kappa = GUARANTORS.get(g, OTHER_GUARANTOR)
        out[f"q_{g}"] = (q, (0, 1), f"probability that {g} is committed")
        out[f"c_{g}"] = (c, (0, _INF), f"an opportunistic {g}'s cost of honouring")
        out[f"kappa_{g}"] = (kappa, (0, _INF), f"{g}'s capability: the share of a full "
                                               "defence it provides if it honours")
    return out


#: ``name -> (default, domain, meaning)`` with the default guarantors.
PARAMETERS = parameters()


def build(guarantors: Sequence[str] = tuple(GUARANTORS), **values: Any) -> gt.ExtensiveFormGame:
    """The tree with k guarantors, the parameters not given left symbolic.

    Parameters
    ----------
    guarantors : sequence of str
        Guarantor names, in the order they act (default US, Canada, Japan, EU).
    **values
        Values of parameters in :func:`parameters` ``(guarantors)``.

    Returns
    -------
    ExtensiveFormGame
        Players ``Ukraine, Russia, Alliance, *guarantors``; perfect information with
        chance.

    References
    ----------
    Schelling, T. C. (1966). *Arms and Influence*. Yale University Press.

    Examples
    --------
    >>> from gametheory.models import ukraine_multi_guarantor as m
    >>> m.build().num_nodes, m.build(["US", "EU"]).num_nodes, m.build(["UK"]).num_nodes
    (343, 55, 31)
    """
    params = parameters(guarantors)
    s = _common.symbols_or_values(_NAME, params, values)
    names = list(guarantors)
    k = len(names)
    g = gt.ExtensiveFormGame([*_FIXED_PLAYERS, *names],
                             title=f"Ukraine: NATO or neutrality with {k} guarantors")
    zeros = [0] * k
    value = {"revisionist": s["V_rev"], "security": s["V_sec"]}

    def guarantee(node: Any, typ: str, j: int, honoured: Any, own: list, seen: str) -> None:
        if j == k:                       # honoured: the share K of a full defence
            node.payoffs(-s["w_B"] + honoured * (s["w_B"] - s["w_H"]),
                         value[typ] - honoured * (value[typ] + s["C_R"]), 0, *own)
            return
        name, kappa = names[j], s[f"kappa_{names[j]}"]
        committed, opportunistic = node.chance({"committed": s[f"q_{name}"],
                                                "opportunistic": 1 - s[f"q_{name}"]})
        guarantee(committed, typ, j + 1, honoured + kappa, own, seen + f"{name} committed, ")
        hon, ab = opportunistic.decide(name, ["honour", "abandon"],
                                       infoset=f"{name} | {typ}; {seen.rstrip(', ') or '-'}")
        pay_h, pay_a = list(own), list(own)
        pay_h[j], pay_a[j] = -s[f"c_{name}"], -s["rho"]
        guarantee(hon, typ, j + 1, honoured + kappa, pay_h, seen + f"{name} honours, ")
        guarantee(ab, typ, j + 1, honoured, pay_a, seen + f"{name} abandons, ")

    for track, t_node in zip(TRACKS, g.root.decide("Ukraine", list(TRACKS), infoset="Ukraine")):
        for typ, r_node in zip(TYPES, t_node.chance({"revisionist": s["r"],
                                                     "security": 1 - s["r"]})):
            esc, con = r_node.decide("Russia", ["escalate", "concede"],
                                     infoset=f"Russia | {track}, {typ}")
            if track == "NATO":              # the canonical model's NATO track
                con.payoffs(s["u_N"], -s["L"], 0, *zeros)
                committed, opportunistic = esc.chance({"committed": s["q_N"],
                                                       "opportunistic": 1 - s["q_N"]})
                committed.payoffs(-s["w_H"], -s["C_R"], 0, *zeros)
                hon, ab = opportunistic.decide("Alliance", ["honour", "abandon"],
                                               infoset=f"Alliance | NATO, {typ}")
                hon.payoffs(-s["w_H"], -s["C_R"], -s["c_N"], *zeros)
                ab.payoffs(-s["w_B"], value[typ], -s["rho_N"], *zeros)
            else:
                con.payoffs(s["u_0"], 0, 0, *zeros)
                guarantee(esc, typ, 0, 0, zeros, "")
    return _common.describe(g, params)


def _honour_terminals(game: Any, names: list[str]) -> dict[int, tuple[str, frozenset]]:
    """``{terminal id: (Russia's type, guarantors honouring)}`` after NEUTRAL escalations."""
    out: dict[int, tuple[str, frozenset]] = {}
    stack = [(game.root.children[game.root.actions.index("NEUTRAL")], [])]
    while stack:
        node, path = stack.pop()
        if node.is_terminal:
            if len(path) > 1 and path[1] == "escalate":
                out[node.id] = (path[0], _honouring(path[2:], names))
            continue
        stack += [(c, path + [a]) for a, c in zip(node.actions, node.children)]
    return out


def _honouring(moves: list[str], names: list[str]) -> frozenset:
    honoured, j, i = set(), 0, 0
    while i < len(moves):
        if moves[i] == "committed":
            honoured.add(names[j])
            i += 1
        else:                                          # "opportunistic", then a choice
            if moves[i + 1] == "honour":
                honoured.add(names[j])
            i += 2
        j += 1
    return frozenset(honoured)


def analyze(guarantors: Sequence[str] = tuple(GUARANTORS), **values: Any) -> dict[str, Any]:
    """Solve the model by backward induction and summarise every equilibrium.

    Parameters
    ----------
    guarantors : sequence of str
        Guarantor names, in the order they act.
    **values
        Parameter values (the others at their defaults); rational, solved exactly.

    Returns
    -------
    dict
        As :func:`gametheory.models.ukraine_guarantees.analyze`, with
        ``"honour_probability"`` per guarantor (the probability it honours if Russia
        escalates against a neutral Ukraine, averaged over Russia's types with the prior)
        and ``"deterred"`` (the types that concede on the NEUTRAL track); ``"complete"``
        and ``"note"`` as there (False at ties: mixed SPE). An opportunistic
        guarantor with ``c_g = rho`` is indifferent at each of its nodes; the number of
        equilibria then doubles per node and a GameError says so when it is too large.

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
    extensive games. *International Journal of Game Theory* 4, 25-55.

    Examples
    --------
    >>> from gametheory.models import ukraine_multi_guarantor as m
    >>> out = m.analyze(["US", "EU"], q_US="1/3", q_EU="1/3")
    >>> out["ukraine_track"], sorted(out["deterred"]), out["war_probability"]
    ('NEUTRAL', ['security'], Fraction(1, 2))
    >>> out["honour_probability"]
    {'US': Fraction(1, 3), 'EU': Fraction(1, 3)}
    """
    names = list(guarantors)
    p = _common.fractions(_NAME, parameters(names), values)
    game = build(names, **p)
    try:
        sol = gt.solve(game, method="spe", exact=True)
    except gt.SolverError as e:
        raise GameError(f"too many equilibria: a guarantor with c_g = rho is indifferent at "
                        f"every one of its nodes ({e})") from None
    where = _honour_terminals(game, names)
    eqs = [_summary(game, eq, p, names, where) for eq in sol.equilibria]
    return _common.summarize(eqs, parameters=p, **_common.spe_completeness(sol))


def _summary(game: Any, eq: Any, p: dict, names: list[str], where: dict) -> dict[str, Any]:
    b = eq.behavior
    track = "NATO" if b["Ukraine"]["NATO"] == 1 else "NEUTRAL"
    prior = {"revisionist": p["r"], "security": 1 - p["r"]}
    escalates = {(t, T): Fraction(b[f"Russia | {T}, {t}"]["escalate"])
                 for T in TRACKS for t in TYPES}
    forced = dict(b)                      # Ukraine neutral, Russia escalating there
    forced["Ukraine"] = {"NATO": 0, "NEUTRAL": 1}
    for t in TYPES:
        forced[f"Russia | NEUTRAL, {t}"] = {"escalate": 1, "concede": 0}
    reach = game.realization_probabilities(forced, nodes=True)
    honour = {g: sum((Fraction(reach[v]) for v, (_, H) in where.items() if g in H),
                     Fraction(0)) for g in names}
    return {
        "ukraine_track": track,
        "escalates": escalates,
        "deterred": [t for t in TYPES if escalates[(t, "NEUTRAL")] == 0],
        "war_probability": sum(prior[t] * escalates[(t, track)] for t in TYPES),
        "honour_probability": honour,
        "payoffs": {pl: Fraction(v) for pl, v in zip(game.players, eq.payoffs)},
        "behavior": _common.exact_behavior(eq),
    }


def outcome_map(a: str = "US", b: str = "EU", n: int = 21,
                guarantors: Sequence[str] = tuple(GUARANTORS), **values: Any) -> dict[str, Any]:
    """The equilibrium outcome over a grid of two guarantors' commitments (a 2-D sweep).

    ``gt.sweep`` solves the tree at every point of ``q_a, q_b`` in ``linspace(0, 1, n)``
    (the other parameters at ``values``, else their defaults); each point is classified by
    Ukraine's track and which Russian types escalate there.

    Parameters
    ----------
    a, b : str
        The two guarantors whose commitments vary (``a`` along rows).
    n : int
        Grid points per axis.
    guarantors : sequence of str
        All guarantors, in the order they act.
    **values
        Values of the other parameters.

    Returns
    -------
    dict
        ``"q_a"``, ``"q_b"`` (the axes), ``"outcome"`` (an n x n list of lists of
        strings: ``"NATO"``, ``"NEUTRAL, revisionist escalates"``, ``"NEUTRAL, deterred"``,
        ..., ``"tie"`` where there are several equilibria), ``"counts"`` (points per
        outcome), ``"sweep"`` (the SweepResult) and ``"text"`` (the map as characters:
        ``N`` NATO, ``D`` NEUTRAL and deterred, ``r``/``s`` NEUTRAL with only the
        revisionist/security type escalating, ``W`` NEUTRAL with both, ``*`` ties).

    References
    ----------
    Zagare, F. C. & Kilgour, D. M. (2000). *Perfect Deterrence*. Cambridge University
    Press.

    Examples
    --------
    >>> from gametheory.models import ukraine_multi_guarantor as m
    >>> out = m.outcome_map(n=6)
    >>> print(out["text"])
    q_US \\ q_EU  0 .. 1
    0.00 N N r r r r
    0.20 N r r r r r
    0.40 r r r r D D
    0.60 r r r D D D
    0.80 r D D D D D
    1.00 D D D D D D
    """
    import numpy as np

    names = list(guarantors)
    for x in (a, b):
        if x not in names:
            raise GameError(f"{x!r} is not a guarantor; they are {', '.join(names)}")
    if a == b:
        raise GameError("outcome_map needs two different guarantors")
    qa, qb = f"q_{a}", f"q_{b}"
    game = build(names, **{k: v for k, v in values.items() if k not in (qa, qb)})
    axis = np.linspace(0, 1, int(n))
    sw = gt.sweep(game, {qa: axis, qb: axis})
    flat = _labels(game, sw)
    labels = [flat[i * len(axis):(i + 1) * len(axis)] for i in range(len(axis))]
    counts: dict[str, int] = {}
    for row in labels:
        for x in row:
            counts[x] = counts.get(x, 0) + 1
    text = [f"{qa} \\ {qb}  0 .. 1"] + [f"{v:.2f} " + " ".join(_CHAR[x] for x in row)
                                        for v, row in zip(axis, labels)]
    return {qa: axis, qb: axis, "outcome": labels, "counts": counts, "sweep": sw,
            "text": "\n".join(text)}


_CHAR = {"NATO": "N", "NEUTRAL, deterred": "D", "NEUTRAL, revisionist escalates": "r",
         "NEUTRAL, security escalates": "s", "NEUTRAL, both escalate": "W", "tie": "*"}


def _labels(game: Any, sw: Any) -> list[str]:
    """The outcome at every point of a sweep, read from its equilibrium rows."""
    import numpy as np

    column, k = {}, 0
    for h, (_, actions) in game.infosets.items():
        for act in actions:
            column[(h, act)] = k
            k += 1
    batch, counts = sw.batch, sw.counts
    first = np.searchsorted(batch.point, np.arange(len(counts)))
    rows = batch.profile[np.minimum(first, len(batch.point) - 1)]
    nato = rows[:, column[("Ukraine", "NATO")]] > 0.5
    esc = {t: rows[:, column[(f"Russia | NEUTRAL, {t}", "escalate")]] > 0.5 for t in TYPES}
    out = []
    for i in range(len(counts)):
        who = [t for t in TYPES if esc[t][i]]
        out.append("tie" if counts[i] != 1 else "NATO" if nato[i] else
                   "NEUTRAL, deterred" if not who else "NEUTRAL, both escalate"
                   if len(who) == 2 else f"NEUTRAL, {who[0]} escalates")
    return out
