"""Ukraine between NATO membership and guaranteed neutrality: the canonical tree.

The story
---------
Ukraine chooses a track: pursue NATO membership (``"NATO"``) or accept neutrality backed
by bilateral security guarantees (``"NEUTRAL"``). Russia is *revisionist* (it values
subjugating Ukraine at ``V_rev``) with probability ``r``, otherwise *security-seeking*
(``V_sec``); Ukraine does not know which. Russia, knowing its type and the track, escalates
or concedes. Conceding to a NATO-bound Ukraine costs Russia ``L`` (a hostile alliance at
its border); conceding to a neutral Ukraine costs nothing. After an escalation the
guarantor of that track turns out *committed* with probability ``q_T`` (``q_N`` for the
alliance on the NATO track, ``q`` for the bilateral guarantors on the NEUTRAL track) and
then honours; an *opportunistic* guarantor chooses to honour (at cost ``c_T``) or abandon
(at reputation cost ``rho_T``): ``c_N``, ``rho_N`` for the alliance, ``c_G``, ``rho`` for
the bilateral guarantors. When the guarantee is honoured Russia pays ``C_R`` and Ukraine
loses ``w_H``; when it is abandoned Russia gains ``V`` and Ukraine loses ``w_B``. Only one
track is played, so one player, ``"Guarantor"``, stands for the guarantor of the chosen
track: the alliance after NATO, the bilateral guarantors after NEUTRAL.

The tree (payoffs are (Ukraine, Russia, Guarantor))::

    Ukraine: NATO | NEUTRAL                                   (root, information set "Ukraine")
      chance: revisionist (r) | security (1 - r)
        Russia: concede -> (u_N, -L, 0) on NATO, (u_0, 0, 0) on NEUTRAL
                escalate -> chance: committed (q_T) -> (-w_H, -C_R, 0)
                                    opportunistic (1 - q_T) -> Guarantor:
                                        honour  -> (-w_H, -C_R, -c_T)
                                        abandon -> (-w_B, V, -rho_T)

Ukraine moves first, so it cannot condition on Russia's type; every other move sees all
that came before it: Russia knows its type and the track, and the guarantor knows the
track, Russia's type and its own. The game therefore has perfect information with chance
moves and its solution concept is subgame-perfect equilibrium, computed by backward
induction (``gt.solve(game, method="spe")``). Information sets are labelled ``"Ukraine"``,
``"Russia | <track>, <type>"`` and ``"Guarantor | <track>, <type>"``.

Assumptions
-----------
- One guarantor per track, whose commitment is private: ``q_T`` is the probability that
  it is bound to honour (a treaty obligation, domestic audience costs), the rest of the
  time it weighs the cost of fighting ``c_T`` against the reputation cost ``rho_T`` of
  walking away. Its payoff is 0 when there is no war. The alliance and the bilateral
  guarantors have their own costs (``c_N``, ``rho_N`` and ``c_G``, ``rho``); the
  defaults (5 and 0 for both) make both abandon when opportunistic.
- Russia's payoffs count the value of the war outcome only; ``L`` is the lasting cost of
  tolerating a NATO-bound Ukraine. Ukraine's payoffs: ``u_N`` (membership achieved in
  peace), ``u_0`` (neutral peace), ``-w_H`` (war with help), ``-w_B`` (war abandoned).
- All payoffs are common knowledge except Russia's type (unknown to Ukraine; the
  guarantor, moving after the escalation, sees it) and the guarantor's type (unknown to
  everybody before the escalation). The guarantor's payoff does not depend on Russia's
  type, so seeing it does not change the guarantor's choice: with ``c_T != rho_T`` a
  guarantor that did not see the type would choose the same.

Analytic solution
-----------------
*Guarantor.* An opportunistic guarantor on track T honours iff ``c_T < rho_T``, abandons
iff ``c_T > rho_T`` and is indifferent at ``c_T = rho_T``. Write ``sigma_T`` = 1 when it
honours, 0 when it abandons. A guarantee on track T is honoured with probability
``h_T = q_T + (1 - q_T) sigma_T``.

*Russia.* A type with value V escalates iff escalation beats conceding:

- on NEUTRAL: ``(1 - h) V - h C_R > 0``, i.e. ``h < V / (V + C_R)``;
- on NATO: ``(1 - h) V - h C_R > -L``, i.e. ``h < (V + L) / (V + C_R)``;

with indifference at equality (these are :func:`thresholds`). With ``sigma_T = 0`` the
honour probability is the commitment itself, so the type escalates on NEUTRAL iff
``q < V / (V + C_R)``: at the defaults ``q < 2/5`` for the revisionist type and ``q < 1/7``
for the security type; on NATO ``q_N < 7/10`` and ``q_N < 4/7``. With the default
``q_N = 37/100`` both types escalate on the NATO track. With ``sigma_T = 1`` every
guarantee on track T is honoured and no type with ``C_R > 0`` escalates there (e.g.
``analyze(c_G=1, rho=2)`` deters Russia on NEUTRAL only; the alliance still abandons).

*Ukraine.* A war on track T gives Ukraine ``-(w_B - h_T (w_B - w_H))``, so the track is
worth ``E_T = sum over types t of P(t) [e_tT (-(w_B - h_T (w_B - w_H))) + (1 - e_tT) u_T]``
with ``e_tT`` = 1 if type t escalates on T and ``u_T`` = ``u_N`` or ``u_0``. Ukraine
chooses NATO iff ``E_NATO > E_NEUTRAL``. At the defaults ``E_NATO = -7.78`` and

- ``q > 2/5``: nobody escalates on NEUTRAL, ``E_NEUTRAL = u_0 = 6``;
- ``1/7 < q < 2/5``: only the revisionist escalates, ``E_NEUTRAL = 3q - 2``;
- ``q < 1/7``: both escalate, ``E_NEUTRAL = -(10 - 6q)``,

so Ukraine chooses NEUTRAL for ``q > 1/7`` and NATO for ``q < 1/7``. At ``q = 1/7`` the
security type is indifferent on the NEUTRAL track and there are two subgame-perfect
equilibria: it concedes and Ukraine goes NEUTRAL, or it escalates and Ukraine goes NATO.
At ``q = 2/5`` the revisionist type is indifferent (two equilibria, both NEUTRAL). The
critical values of q at the defaults are therefore 1/7 and 2/5; in general they are
:func:`critical_q`.

*Ties and mixed equilibria.* ``analyze`` lists every *pure* subgame-perfect equilibrium.
Wherever a player is indifferent (``q = 1/7``, ``q = 2/5``, ``c_T = rho_T``, or Ukraine
indifferent between the tracks) every mixture of the tied actions is subgame perfect too,
with the earlier players best-replying to it: a continuum of mixed SPE that is not
listed. ``analyze`` then reports ``"complete": False`` and says where in ``"note"``; with
no tie the listed equilibrium is the unique SPE and ``"complete"`` is True. For example
at ``c_G = rho`` (and ``q < 1``) the opportunistic bilateral guarantor may honour with any
probability ``sigma``; that moves ``h = q + (1 - q) sigma`` and, where ``h`` crosses a
threshold ``V / (V + C_R)``, Russia's and Ukraine's choices.

Sources
-------
Fearon, J. D. (1995). Rationalist explanations for war. *International Organization*
49(3), 379-414 (private information and commitment problems as causes of war).
Schelling, T. C. (1966). *Arms and Influence*. Yale University Press (the credibility of
commitments to defend others). Zagare, F. C. & Kilgour, D. M. (2000). *Perfect
Deterrence*. Cambridge University Press (deterrence with uncertain credibility).
Memorandum on Security Assurances in connection with Ukraine's accession to the Treaty on
the Non-Proliferation of Nuclear Weapons, Budapest, 5 December 1994 (UN document A/49/765,
S/1994/1399): assurances without an obligation to defend. The G7 Joint Declaration of
Support for Ukraine (Vilnius, 12 July 2023) and the bilateral security agreements that
followed in 2024 (e.g. United Kingdom, January 2024; Germany and France, February 2024;
Canada, February 2024; United States and Japan, June 2024): commitments to consult and
to support Ukraine's defence, not Article-5 obligations, which is what ``q < 1`` stands for.

Examples
--------
>>> from gametheory.models import ukraine_guarantees as m
>>> out = m.analyze()
>>> out["ukraine_track"], out["war_probability"], out["num_equilibria"]
('NEUTRAL', Fraction(0, 1), 1)
>>> out = m.analyze(q="1/7")
>>> sorted(e["ukraine_track"] for e in out["equilibria"])
['NATO', 'NEUTRAL']
>>> m.critical_q()
[Fraction(1, 7), Fraction(2, 5)]
>>> m.analyze(c_G=3, rho=3)["complete"]      # pure SPE listed, a continuum of mixed ones
False
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import _common

__all__ = ["PARAMETERS", "PLAYERS", "TRACKS", "TYPES", "build", "analyze",
           "thresholds", "critical_q"]

_INF = float("inf")
_PROB, _NONNEG = (0, 1), (0, _INF)

#: ``name -> (default, domain, meaning)`` for every parameter of the tree.
PARAMETERS: dict[str, tuple[Any, tuple[Any, Any], str]] = {
    "r": (Fraction(1, 2), _PROB, "probability that Russia is revisionist"),
    "V_rev": (4, _NONNEG, "value of a won war to a revisionist Russia"),
    "V_sec": (1, _NONNEG, "value of a won war to a security-seeking Russia"),
    "C_R": (6, _NONNEG, "Russia's cost of a war against an honoured guarantee"),
    "L": (3, _NONNEG, "Russia's cost of conceding to a NATO-bound Ukraine"),
    "u_N": (10, _NONNEG, "Ukraine's payoff from NATO membership in peace"),
    "u_0": (6, _NONNEG, "Ukraine's payoff from guaranteed neutrality in peace"),
    "w_H": (4, _NONNEG, "Ukraine's loss in a war where the guarantee is honoured"),
    "w_B": (10, _NONNEG, "Ukraine's loss in a war where the guarantee is abandoned"),
    "q": (Fraction(1, 2), _PROB, "probability the bilateral guarantor is committed (NEUTRAL)"),
    "q_N": (Fraction(37, 100), _PROB, "probability the alliance is committed (NATO track)"),
    "c_G": (5, _NONNEG, "an opportunistic bilateral guarantor's cost of honouring (NEUTRAL)"),
    "rho": (0, _NONNEG, "an opportunistic bilateral guarantor's reputation cost of "
                        "abandoning (NEUTRAL)"),
    "c_N": (5, _NONNEG, "an opportunistic alliance's cost of honouring (NATO track)"),
    "rho_N": (0, _NONNEG, "an opportunistic alliance's reputation cost of abandoning "
                          "(NATO track)"),
}

PLAYERS = ("Ukraine", "Russia", "Guarantor")
TRACKS = ("NATO", "NEUTRAL")
TYPES = ("revisionist", "security")
_NAME = "ukraine_guarantees"


def build(**values: Any) -> gt.ExtensiveFormGame:
    """The tree of the model, with the parameters not given left symbolic.

    Parameters
    ----------
    **values
        Values of parameters in :data:`PARAMETERS` (numbers, Fractions or strings such as
        ``"1/7"``); GameError for an unknown name or a value outside its domain.

    Returns
    -------
    ExtensiveFormGame
        A 31-node tree with perfect information and chance, players ``PLAYERS``; every
        free parameter carries its :class:`gametheory.Parameter` metadata (default,
        domain, meaning), so ``gt.sweep`` and ``gt.critical_values`` fill in defaults.

    References
    ----------
    Fearon, J. D. (1995). Rationalist explanations for war. *International Organization*
    49(3), 379-414.

    Examples
    --------
    >>> from gametheory.models import ukraine_guarantees as m
    >>> g = m.build(q_N="37/100")
    >>> g.num_nodes, [p.name for p in g.parameters][:4]
    (31, ['C_R', 'L', 'V_rev', 'V_sec'])
    >>> g.parameter_info["q"].default, g.parameter_info["q"].domain
    (Fraction(1, 2), (0, 1))
    """
    s = _common.symbols_or_values(_NAME, PARAMETERS, values)
    g = gt.ExtensiveFormGame(list(PLAYERS), title="Ukraine: NATO or guaranteed neutrality")
    concede = {"NATO": (s["u_N"], -s["L"], 0), "NEUTRAL": (s["u_0"], 0, 0)}
    commit = {"NATO": s["q_N"], "NEUTRAL": s["q"]}
    cost = {"NATO": (s["c_N"], s["rho_N"]), "NEUTRAL": (s["c_G"], s["rho"])}
    value = {"revisionist": s["V_rev"], "security": s["V_sec"]}
    honoured = (-s["w_H"], -s["C_R"], 0)
    for track, t_node in zip(TRACKS, g.root.decide("Ukraine", list(TRACKS), infoset="Ukraine")):
        types = t_node.chance({"revisionist": s["r"], "security": 1 - s["r"]})
        for typ, r_node in zip(TYPES, types):
            where = f"{track}, {typ}"
            esc, con = r_node.decide("Russia", ["escalate", "concede"],
                                     infoset=f"Russia | {where}")
            con.payoffs(*concede[track])
            committed, opportunistic = esc.chance({"committed": commit[track],
                                                   "opportunistic": 1 - commit[track]})
            committed.payoffs(*honoured)
            hon, ab = opportunistic.decide("Guarantor", ["honour", "abandon"],
                                           infoset=f"Guarantor | {where}")
            hon.payoffs(-s["w_H"], -s["C_R"], -cost[track][0])
            ab.payoffs(-s["w_B"], value[typ], -cost[track][1])
    return _common.describe(g, PARAMETERS)


def _summary(eq: Any, p: dict[str, Fraction]) -> dict[str, Any]:
    b = eq.behavior
    track = "NATO" if b["Ukraine"]["NATO"] == 1 else "NEUTRAL"
    prior = {"revisionist": p["r"], "security": 1 - p["r"]}
    commit = {"NATO": p["q_N"], "NEUTRAL": p["q"]}
    escalates = {(t, T): Fraction(b[f"Russia | {T}, {t}"]["escalate"])
                 for T in TRACKS for t in TYPES}
    honour = {T: commit[T] + (1 - commit[T]) * sum(
        prior[t] * Fraction(b[f"Guarantor | {T}, {t}"]["honour"]) for t in TYPES)
        for T in TRACKS}
    return {
        "ukraine_track": track,
        "escalates": escalates,
        "war_probability": sum(prior[t] * escalates[(t, track)] for t in TYPES),
        "honour_probability": honour,
        "payoffs": {pl: Fraction(v) for pl, v in zip(PLAYERS, eq.payoffs)},
        "behavior": _common.exact_behavior(eq),
    }


def analyze(**values: Any) -> dict[str, Any]:
    """Solve the model by backward induction and summarise every equilibrium.

    The tree is built with every parameter fixed (given values, else the defaults) and
    solved with ``gt.solve(game, method="spe", exact=True)``: all pure subgame-perfect
    equilibria, in exact arithmetic (floats are read as the decimals they print as).

    Parameters
    ----------
    **values
        Values of parameters in :data:`PARAMETERS`.

    Returns
    -------
    dict
        ``"equilibria"``: one summary per equilibrium, each with ``"ukraine_track"``
        (``"NATO"`` or ``"NEUTRAL"``), ``"escalates"`` (``{(type, track): probability}``,
        off the path too), ``"war_probability"`` (Russia escalates on the chosen track),
        ``"honour_probability"`` (``{track: h_T}``, the chance a guarantee is honoured if
        Russia escalates on that track, averaged over Russia's types with the prior),
        ``"payoffs"`` (``{player: expected payoff}``) and ``"behavior"`` (the solver's
        behaviour strategies). The same keys at the top level describe the first
        equilibrium; ``"num_equilibria"`` > 1 (``"tie"``) flags a tie, where all the pure
        ones are listed. Also ``"parameters"`` (the values used), ``"complete"`` (True
        when the list is every SPE, mixed ones included: there is no tie) and ``"note"``
        (``None``, or at a tie where the continuum of mixed SPE comes from).

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
    extensive games. *International Journal of Game Theory* 4, 25-55.

    Examples
    --------
    >>> from gametheory.models import ukraine_guarantees as m
    >>> out = m.analyze(q="1/4")
    >>> out["ukraine_track"], out["escalates"][("revisionist", "NEUTRAL")]
    ('NEUTRAL', Fraction(1, 1))
    >>> out["war_probability"], out["payoffs"]["Ukraine"]
    (Fraction(1, 2), Fraction(-5, 4))
    """
    p = _common.fractions(_NAME, PARAMETERS, values)
    sol = gt.solve(build(**p), method="spe", exact=True)
    eqs = [_summary(eq, p) for eq in sol.equilibria]
    return _common.summarize(eqs, parameters=p, **_common.spe_completeness(sol))


def thresholds(**values: Any) -> dict[tuple[str, str], Any]:
    """The honour probability below which each Russian type escalates on each track.

    ``V / (V + C_R)`` on NEUTRAL and ``(V + L) / (V + C_R)`` on NATO (see the module
    docstring); parameters not given stay symbolic.

    Returns
    -------
    dict
        ``{(type, track): sympy expression}``.

    References
    ----------
    Fearon, J. D. (1995). Rationalist explanations for war. *International Organization*
    49(3), 379-414.

    Examples
    --------
    >>> from gametheory.models import ukraine_guarantees as m
    >>> m.thresholds(V_rev=4, V_sec=1, C_R=6, L=3)[("security", "NEUTRAL")]
    1/7
    >>> m.thresholds()[("revisionist", "NATO")]
    (L + V_rev)/(C_R + V_rev)
    """
    import sympy

    _common.check_names(_NAME, PARAMETERS, values)
    s = {k: sympy.Symbol(k, real=True) for k in PARAMETERS}
    subs = {s[k]: sympy.nsimplify(_common.checked(PARAMETERS, k, v), rational=True)
            for k, v in values.items()}
    out = {}
    for t, V in (("revisionist", s["V_rev"]), ("security", s["V_sec"])):
        out[(t, "NATO")] = ((V + s["L"]) / (V + s["C_R"])).xreplace(subs)
        out[(t, "NEUTRAL")] = (V / (V + s["C_R"])).xreplace(subs)
    return out


def critical_q(**values: Any) -> list[Fraction]:
    """The exact values of q in (0, 1) where the equilibrium set changes (analytic).

    Every parameter but ``q`` takes its given value, else its default; requires
    ``c_G != rho`` and ``c_N != rho_N`` (otherwise a guarantor is indifferent for every
    q). With an honouring bilateral guarantor (``c_G < rho``) q does not matter and the
    list is empty.
    Otherwise the candidates are each type's NEUTRAL threshold ``V / (V + C_R)`` and, on
    each interval between them, the root of ``E_NEUTRAL(q) = E_NATO`` where Ukraine
    switches track.

    Returns
    -------
    list of Fraction
        Sorted.

    References
    ----------
    Zagare, F. C. & Kilgour, D. M. (2000). *Perfect Deterrence*. Cambridge University
    Press (credibility thresholds).

    Examples
    --------
    >>> from gametheory.models import ukraine_guarantees as m
    >>> m.critical_q(q_N="1/10")   # Ukraine switches where -(10 - 6q) = -(10 - 6/10)
    [Fraction(1, 10), Fraction(1, 7), Fraction(2, 5)]
    """
    if "q" in values:
        raise GameError("critical_q varies q; do not give it a value")
    p = _common.fractions(_NAME, PARAMETERS, values)
    for c, rho in (("c_G", "rho"), ("c_N", "rho_N")):
        if p[c] == p[rho]:
            raise GameError(f"critical_q needs {c} != {rho} (at {c} = {rho} the guarantor "
                            "is indifferent for every q); give one of them another value")
    if p["c_G"] < p["rho"]:
        return []
    prior = {"revisionist": p["r"], "security": 1 - p["r"]}
    V = {"revisionist": p["V_rev"], "security": p["V_sec"]}

    def war(h: Fraction) -> Fraction:              # Ukraine's payoff from a war
        return -(p["w_B"] - h * (p["w_B"] - p["w_H"]))

    def escalates(t: str, h: Fraction, bonus: Fraction) -> bool:
        return (1 - h) * V[t] - h * p["C_R"] + bonus > 0

    h_N = 1 if p["c_N"] < p["rho_N"] else p["q_N"]    # the alliance honours, or only if bound
    e_nato = sum(prior[t] * (war(h_N) if escalates(t, h_N, p["L"]) else p["u_N"])
                 for t in TYPES)
    cuts = sorted({V[t] / (V[t] + p["C_R"]) for t in TYPES
                   if V[t] + p["C_R"] > 0 and 0 < V[t] / (V[t] + p["C_R"]) < 1})
    found = set(cuts)
    edges = [Fraction(0), *cuts, Fraction(1)]
    for lo, hi in zip(edges, edges[1:]):
        mid = (lo + hi) / 2
        esc = sum(prior[t] for t in TYPES if escalates(t, mid, Fraction(0)))
        # E_NEUTRAL(q) = esc * (-(w_B - q (w_B - w_H))) + (1 - esc) u_0 on this interval
        slope, const = esc * (p["w_B"] - p["w_H"]), -esc * p["w_B"] + (1 - esc) * p["u_0"]
        if slope != 0:
            root = (e_nato - const) / slope
            if lo < root < hi:
                found.add(root)
    return sorted(found)

