"""Extended deterrence with a protégé who may provoke: the deterrence and restraint dilemmas.

The story
---------
After Zagare & Kilgour's *Tripartite Crisis Game* (2003): a challenger (Russia), a
defender (the guarantor) and a protégé (Ukraine). The protégé moves first: it keeps to
the terms that Russia accepts (``"restrain"``: e.g. stays within a neutrality agreement)
or takes a step Russia objects to (``"provoke"``: e.g. moves towards alliance
integration), which is worth ``B`` to the protégé whatever follows and costs the
challenger ``H`` if it tolerates it. The challenger, having seen this, keeps the
``"status quo"`` or makes a ``"challenge"`` (a demand on the protégé backed by force).
After a challenge the defender supports the protégé (``"support"``) or abandons it
(``"abandon"``), and the protégé then resists (``"resist"``: war) or concedes
(``"concede"``). The defender's commitment has
uncertain credibility: it is *committed* (it prefers supporting to abandoning: its cost
of war ``k_committed`` is below its loss from abandonment ``L_D``) with probability
``p``, and *uncommitted* (``k_uncommitted``) otherwise; only the defender knows which.

The tree (payoffs are (Challenger, Defender, Protege); ``b = B`` after ``provoke``, 0
after ``restrain``; ``h = H`` after ``provoke``, 0 after ``restrain``)::

    Protege: restrain | provoke                               (information set "Protege")
      Challenger: status quo -> (-h, 0, b)              ("Challenger | <move>")
                  challenge  -> chance: committed (p) | uncommitted (1 - p)
        Defender: support -> Protege: resist  -> (-C, -k_type, b - k_P)   (defended war)
                                      concede -> (W, -L_D, b - L_P)
                  abandon -> Protege: resist  -> (-c_alone, -L_D, b - K_P) (war alone)
                                      concede -> (W, -L_D, b - L_P)

Information sets: ``"Protege"``, ``"Challenger | <move>"``, ``"Defender | <move>,
<type>"`` and ``"Protege | <move>, <type>, <support|abandon>"`` (35 nodes). Player names
are ASCII (``"Protege"`` for Zagare & Kilgour's Protégé).

Solution concept, and why
-------------------------
The defender's type matters only at the defender's own move, so chance draws it after the
challenge (once on each branch of the protégé's first move: the type has the same
distribution on every path, and no path has two chance moves). The protégé's first move
and the challenger's move come before the draw, so they are made without knowing the
type, exactly as if the type had been drawn first and kept private. The protégé's second
move comes after the draw; in this tree it sees the type, in the story it sees only the
defender's action. Its payoffs do not depend on the type (the type enters only the
defender's payoffs), so its best reply to ``support`` and to ``abandon`` is the same
whatever it believes about the type, and the tree has perfect information with chance:
subgame-perfect equilibrium (backward induction, ``gt.solve(game, method="spe")``, all
pure SPE, exact) gives the behaviour of the perfect Bayesian equilibria of the game with
the type private, whenever the protégé is not indifferent (``k_P != L_P``,
``K_P != L_P``).

``build(..., protege_sees_type=False)`` builds that private-type game instead: the
protégé's second-move nodes of the two types share an information set (``"Protege |
<move>, <support|abandon>"``). There ``method="spe"`` solves the piece after each
challenge (two players, defender and protégé, with imperfect information) by Nash
equilibrium of its normal form, which admits empty threats at an unreached information
set (both types abandon and the protégé "would concede" if supported) and so lists
equilibria that are not sequential. ``method="sequential"`` accepts the private-type
tree; with three players it lists every *pure* sequential equilibrium (mixed ones only
as limits of the agent logit QRE, its note says), and at the points tested (away from
the thresholds) it gives one equilibrium with the same behaviour as the SPE of the
perfect-information tree. It refuses the perfect-information tree (more pure profiles,
32,768, than its limit of 20,000). ``method="pbe"`` is for signalling games, which this
is not.

What follows the paper and what is this module's simplification
---------------------------------------------------------------
The game form of Zagare & Kilgour (2003) could not be checked here (only its abstract
was available). From the abstract: it is a three-person game among Challenger,
Defender and Protégé; it captures tensions of Snyder's "Alliance" and "Adversary"
games; it
delineates the "deterrence versus restraint" dilemma; it addresses Fearon's question of
why half-hearted commitments are sent when convincing ones are possible; and the
protégé's threat to *realign*, directed at the defender, can bolster or undermine
deterrence. This module shares the three players, the crisis sequence of a challenge,
support or abandonment and resistance or concession, a defender whose preference for
supporting over abandoning is drawn by chance (as in the incomplete-information games of
Zagare & Kilgour 2000, from which ``deterrence`` takes its credibility threshold), and a
deterrence-versus-restraint tension. It does **not** reproduce their game: the protégé's
threat to realign is left out; the protégé's first move (``provoke``), the payoff
parameters and the order of moves are this module's own, chosen so that the restraint
side of the dilemma (a commitment that emboldens the protégé: Snyder's entrapment, the
moral hazard of alliances) appears in the simplest tree. Thresholds and regions below are
derived for this tree, not quoted from the paper.

Assumptions
-----------
- Payoffs: the status quo is worth 0 to all, except that a tolerated provocation costs
  the challenger ``H`` and the protégé values the provocative step at ``B`` in every
  outcome after it (the challenge is a separate demand: conceding it costs ``L_P``, it
  does not undo the step). A concession is worth ``W`` to the challenger; a war against
  the supported protégé costs it ``C``, against the protégé alone ``c_alone``. The
  protégé's cost of war is ``k_P`` with support and ``K_P`` alone. The defender loses
  ``L_D`` when the protégé concedes or fights alone, and pays its type's cost of war
  ``k_type`` when it supports and the protégé resists; its payoffs do not depend on the
  provocation (it has no separate cost of being provoked into a crisis).
- Common knowledge of everything except the defender's type. One crisis, one round: no
  escalation after resistance and no second challenge.
- The analysis below assumes (the defaults satisfy them): a supported protégé resists
  (``k_P < L_P``), an abandoned one concedes (``K_P > L_P``), the committed type supports
  (``k_committed < L_D``), the uncommitted type abandons (``k_uncommitted > L_D``),
  ``B > 0``, ``H >= 0`` and ``W + C > 0``. :func:`critical_p` also covers reversed types,
  alike types and a protégé that resists alone.
- The default values are illustrative, not estimates: a supported Ukraine would rather
  fight (cost 1/4) than concede (1); a war against a supported Ukraine costs Russia
  twice what a concession gains it; a tolerated provocation costs Russia as much as a
  concession gains it.

Analytic solution
-----------------
*The protégé's second move.* ``b`` is added to both of its options, so after support it
resists iff ``k_P < L_P`` and after abandonment iff ``K_P < L_P``: under the assumptions
it resists when supported and concedes when abandoned, whatever the type.

*The defender.* A type with cost ``k`` gets ``-k`` from supporting (the protégé resists)
and ``-L_D`` from abandoning (the protégé concedes): it supports iff ``k < L_D``. The
committed type supports, the uncommitted abandons, so a challenge is met with support
with probability ``p``, the credibility of the commitment.

*The challenger.* A challenge is worth ``V(p) = p (-C) + (1 - p) W = W - p (W + C)``.
After ``restrain`` the status quo is worth 0: it challenges iff ``p < p_d``, the
**deterrence threshold**

    ``p_d = W / (W + C)``.

After ``provoke`` the status quo is worth ``-H``: it challenges iff ``V(p) > -H``, i.e.
iff ``p < p_v``, the **threshold for deterring a provoked challenger**

    ``p_v = (W + H) / (W + C)``  (``>= p_d``; at or above 1 it challenges for every p < 1).

*The protégé's first move.* A challenge gives it ``U(p) = -p k_P - (1 - p) L_P``.

- ``p < p_d``: it is challenged whatever it does, so it provokes (``B > 0``).
- ``p > p_v``: it is challenged after neither move, so it provokes.
- ``p_d < p < p_v``: restraint keeps the status quo (0), provocation brings a challenge
  (``B + U(p)``). ``B + U(p)`` rises with ``p`` (``L_P > k_P``), so it provokes iff
  ``p > p_r``, the **restraint threshold**

      ``p_r = (L_P - B) / (L_P - k_P)``.

*Outcomes.* Four regions (the second and third may be empty):

1. ``p < p_d``: the protégé provokes and is challenged; war (defended) with probability
   ``p``, concession otherwise.
2. ``p_d < p < min(p_r, p_v)``: **deterrence with restraint**: the protégé restrains and
   the status quo holds. Non-empty (inside (0, 1)) iff ``p_d < min(p_r, p_v, 1)``, i.e.
   ``p_d < p_r``, ``H > 0`` and ``C > 0``.
3. ``max(p_d, p_r) < p < p_v``: the **restraint dilemma**: the credibility that deters a
   challenge against a restrained protégé emboldens it to provoke, and the provocation
   brings the challenge (war with probability ``p``). Non-empty iff
   ``max(p_d, p_r) < min(p_v, 1)``.
4. ``p > p_v``: deterrence despite provocation: the protégé provokes, no challenge.

The **deterrence dilemma** is the lower bound ``p > p_d``: a commitment below it invites a
challenge whatever the protégé does. The two dilemmas conflict when ``p_r < p_d``: then
no credibility both deters a challenge and restrains the protégé, and the status quo with
a restrained protégé is an equilibrium outcome for no p. War has probability ``p`` in regions
1 and 3 and 0 in 2 and 4: it is not monotone in the credibility of the commitment.
Expected payoffs (Challenger, Defender, Protege): in regions 1 and 3
``(W - p (W + C), -p k_committed - (1 - p) L_D, B - p k_P - (1 - p) L_P)``, in region 2
``(0, 0, 0)``, in region 4 ``(-H, 0, B)``.

*Ties.* At ``p = p_d`` the challenger is indifferent after ``restrain`` and at ``p = p_v``
after ``provoke``; at ``p = p_r`` inside ``(p_d, p_v)`` the protégé is indifferent. At each
the solver lists two pure SPE (mixtures of the tied actions are SPE too, so ``complete``
is False; where two thresholds coincide more are listed). These are the critical
values of ``p`` (:func:`critical_p`).

*The defaults* (``W = 1``, ``C = 2``, ``H = 1``, ``B = 5/8``, ``L_P = 1``, ``k_P = 1/4``):
``p_d = 1/3``, ``p_r = 1/2``, ``p_v = 2/3``. At the default ``p = 2/5`` the protégé
restrains and is not challenged. For ``1/2 < p < 2/3`` it provokes and is challenged,
e.g. at ``p = 3/5`` payoffs ``(-4/5, -7/10, 3/40)`` and war with probability 3/5; above
2/3 it provokes unchallenged, ``(-1, 0, 5/8)``.

Sources
-------
Zagare, F. C. & Kilgour, D. M. (2003). Alignment patterns, crisis bargaining, and
extended deterrence: a game-theoretic analysis. *International Studies Quarterly* 47(4),
587-615 (the Tripartite Crisis Game; the deterrence-versus-restraint dilemma).
Zagare, F. C. & Kilgour, D. M. (2000). *Perfect Deterrence*. Cambridge University Press
(credibility as the probability of a type that prefers to carry out its threat).
Kilgour, D. M. & Zagare, F. C. (1994). Uncertainty and the role of the pawn in extended
deterrence. *Synthese* 100(3), 379-412. Snyder, G. H. (1984). The security dilemma in
alliance politics. *World Politics* 36(4), 461-495 (abandonment and entrapment).

Examples
--------
>>> from gametheory.models import extended_deterrence as m
>>> out = m.analyze()
>>> out["provokes"], out["deterred"], out["war_probability"]
(Fraction(0, 1), True, Fraction(0, 1))
>>> m.thresholds(W=1, C=2, H=1, B="5/8", L_P=1, k_P="1/4")
{'deterrence': Fraction(1, 3), 'restraint': Fraction(1, 2), 'provoked': Fraction(2, 3)}
>>> out = m.analyze(p="3/5")                 # the restraint dilemma
>>> out["provokes"], out["deterred"], out["war_probability"], m.region(p="3/5")
(Fraction(1, 1), False, Fraction(3, 5), 'restraint dilemma')
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import _common

__all__ = ["PARAMETERS", "PLAYERS", "MOVES", "TYPES", "REGIONS", "build", "analyze",
           "thresholds", "critical_p", "region"]

_INF = float("inf")
_NONNEG = (0, _INF)
_NAME = "extended_deterrence"

#: ``name -> (default, domain, meaning, latex)`` for every parameter of the tree.
PARAMETERS: dict[str, tuple[Any, tuple[Any, Any], str, str]] = {
    "p": (Fraction(2, 5), (0, 1),
          "credibility: probability that the defender is committed (prefers supporting "
          "the protégé to abandoning it)", r"p"),
    "W": (1, _NONNEG, "challenger's gain when the protégé concedes", r"W"),
    "C": (2, _NONNEG, "challenger's cost of a war against the supported protégé", r"C"),
    "c_alone": (Fraction(1, 2), _NONNEG,
                "challenger's cost of a war against the protégé alone",
                r"c_{\mathrm{alone}}"),
    "H": (1, _NONNEG, "challenger's loss when it tolerates the protégé's provocation", r"H"),
    "B": (Fraction(5, 8), _NONNEG,
          "protégé's gain from provoking, kept whatever follows", r"B"),
    "L_P": (1, _NONNEG, "protégé's loss when it concedes", r"L_P"),
    "k_P": (Fraction(1, 4), _NONNEG, "protégé's cost of a war with the defender's support",
            r"k_P"),
    "K_P": (2, _NONNEG, "protégé's cost of a war alone", r"K_P"),
    "L_D": (1, _NONNEG, "defender's loss when the protégé concedes or fights alone",
            r"L_D"),
    "k_committed": (Fraction(1, 2), _NONNEG, "committed defender's cost of war",
                    r"k_{\mathrm{committed}}"),
    "k_uncommitted": (2, _NONNEG, "uncommitted defender's cost of war",
                      r"k_{\mathrm{uncommitted}}"),
}

PLAYERS = ("Challenger", "Defender", "Protege")
MOVES = ("restrain", "provoke")
TYPES = ("committed", "uncommitted")
#: The four outcome regions in p, in increasing order of p (see the module docstring).
REGIONS = ("challenged", "deterrence with restraint", "restraint dilemma",
           "deterrence despite provocation")


def build(*, protege_sees_type: bool = True, **values: Any) -> gt.ExtensiveFormGame:
    """The tripartite crisis tree, with the parameters not given left symbolic.

    Parameters
    ----------
    protege_sees_type : bool
        True (default): every node has its own information set (perfect information with
        chance, the tree the model is solved on). False: the protégé's second-move nodes
        of the two defender types share an information set, ``"Protege | <move>,
        <support|abandon>"`` (the type private to the defender).
    **values
        Values of parameters in :data:`PARAMETERS` (numbers, Fractions or strings such as
        ``"1/3"``); GameError for an unknown name or a value outside its domain.

    Returns
    -------
    ExtensiveFormGame
        A 35-node tree, players :data:`PLAYERS`; free parameters carry their
        :class:`gametheory.Parameter` metadata.

    References
    ----------
    Zagare, F. C. & Kilgour, D. M. (2003). Alignment patterns, crisis bargaining, and
    extended deterrence. *International Studies Quarterly* 47(4), 587-615.

    Examples
    --------
    >>> from gametheory.models import extended_deterrence as m
    >>> g = m.build(W=1, C=2)
    >>> g.num_nodes, len(g.parameters), g.parameter_info["p"].latex
    (35, 10, 'p')
    """
    s = _common.symbols_or_values(_NAME, PARAMETERS, values)
    g = gt.ExtensiveFormGame(list(PLAYERS), title="extended deterrence with a protégé")
    for move, node in zip(MOVES, g.root.decide("Protege", list(MOVES), infoset="Protege")):
        b, h = (s["B"], s["H"]) if move == "provoke" else (0, 0)
        quo, challenge = node.decide("Challenger", ["status quo", "challenge"],
                                     infoset=f"Challenger | {move}")
        quo.payoffs(-h, 0, b)
        types = challenge.chance({"committed": s["p"], "uncommitted": 1 - s["p"]})
        for typ, t_node in zip(TYPES, types):
            support, abandon = t_node.decide("Defender", ["support", "abandon"],
                                             infoset=f"Defender | {move}, {typ}")
            seen = f"{move}, {typ}" if protege_sees_type else move
            war = {"support": (-s["C"], -s[f"k_{typ}"], b - s["k_P"]),
                   "abandon": (-s["c_alone"], -s["L_D"], b - s["K_P"])}
            for act, a_node in (("support", support), ("abandon", abandon)):
                resist, concede = a_node.decide("Protege", ["resist", "concede"],
                                                infoset=f"Protege | {seen}, {act}")
                resist.payoffs(*war[act])
                concede.payoffs(s["W"], -s["L_D"], b - s["L_P"])
    return _common.describe(g, PARAMETERS)


def _summary(b: dict[str, dict[str, Fraction]], payoffs: Any,
             p: Fraction) -> dict[str, Any]:
    prior = {"committed": p, "uncommitted": 1 - p}
    provokes = b["Protege"]["provoke"]
    weight = {"restrain": 1 - provokes, "provoke": provokes}
    challenges = {m: b[f"Challenger | {m}"]["challenge"] for m in MOVES}
    supports = {(m, t): b[f"Defender | {m}, {t}"]["support"] for m in MOVES for t in TYPES}

    def war_after(m: str) -> Fraction:          # P(war | challenge after move m)
        return sum((prior[t] * (supports[(m, t)] * b[f"Protege | {m}, {t}, support"]["resist"]
                                + (1 - supports[(m, t)])
                                * b[f"Protege | {m}, {t}, abandon"]["resist"])
                    for t in TYPES), Fraction(0))

    challenged = sum((weight[m] * challenges[m] for m in MOVES), Fraction(0))
    return {
        "provokes": provokes,
        "challenges": challenges,
        "challenged": challenged,
        "deterred": challenged == 0,
        "supports": supports,
        "war_probability": sum((weight[m] * challenges[m] * war_after(m) for m in MOVES),
                               Fraction(0)),
        "payoffs": {pl: Fraction(v) for pl, v in zip(PLAYERS, payoffs)},
        "behavior": b,
    }


def analyze(**values: Any) -> dict[str, Any]:
    """Every pure subgame-perfect equilibrium of the three-player tree, summarised.

    The tree of :func:`build` (the protégé sees the type) with all parameters fixed,
    given or default, solved by ``gt.solve(..., method="spe", exact=True)``: backward
    induction in exact arithmetic.

    Parameters
    ----------
    **values
        Parameter values (names of :data:`PARAMETERS`); the others take their defaults.

    Returns
    -------
    dict
        Per equilibrium: ``"provokes"`` (probability of the protégé's first move
        ``provoke``), ``"challenges"`` (``{move: probability}`` after each first move),
        ``"challenged"`` and ``"deterred"`` (on the path), ``"supports"``
        (``{(move, type): probability}``), ``"war_probability"`` (a war with or without
        the defender, on the path), ``"payoffs"`` (``{player: expected payoff}``),
        ``"behavior"``. The first equilibrium's keys at the top level, with
        ``"equilibria"``, ``"num_equilibria"``, ``"tie"``, ``"parameters"``,
        ``"complete"`` (False at a tie: mixed SPE then exist that are not listed) and
        ``"note"``.

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
    extensive games. *International Journal of Game Theory* 4, 25-55.

    Examples
    --------
    >>> from gametheory.models import extended_deterrence as m
    >>> out = m.analyze(p="1/2")                          # p = p_r: the protégé is tied
    >>> [e["provokes"] for e in out["equilibria"]], out["complete"]
    ([Fraction(0, 1), Fraction(1, 1)], False)
    """
    p = _common.fractions(_NAME, PARAMETERS, values)
    sol = gt.solve(build(**p), method="spe", exact=True)
    eqs = sorted((_summary(_common.exact_behavior(eq), eq.payoffs, p["p"])
                  for eq in sol.equilibria),
                 key=lambda e: (e["provokes"], sorted(e["challenges"].items())))
    return _common.summarize(eqs, parameters=p, **_common.spe_completeness(sol))


def thresholds(**values: Any) -> dict[str, Any]:
    """The three credibility thresholds of the module docstring, in closed form.

    ``"deterrence"``: ``p_d = W / (W + C)``; ``"restraint"``:
    ``p_r = (L_P - B) / (L_P - k_P)``; ``"provoked"``: ``p_v = (W + H) / (W + C)``.
    Parameters not given stay symbolic; a value is a Fraction when its parameters are
    given. GameError when a denominator is 0 (``W + C = 0`` or ``L_P = k_P``).

    References
    ----------
    Zagare, F. C. & Kilgour, D. M. (2000). *Perfect Deterrence*. Cambridge University
    Press (the deterrence threshold); the other two are derived for this tree.

    Examples
    --------
    >>> from gametheory.models import extended_deterrence as m
    >>> m.thresholds()["restraint"]
    (-B + L_P)/(L_P - k_P)
    >>> m.thresholds(W=3, C=1, H=0)["provoked"]
    Fraction(3, 4)
    """
    import sympy

    used = {"W", "C", "H", "B", "L_P", "k_P"}
    _common.check_names(_NAME, PARAMETERS, values)
    unused = sorted(set(values) - used)
    if unused:
        raise GameError(f"thresholds depend on {', '.join(sorted(used))} only; got "
                        f"{unused[0]!r}")
    # trusted: values checked by _common (strings parsed), strict sympify of numbers
    # trusted: strict sympify of values _common has parsed already; text raises
    s = {k: sympy.sympify(v, strict=True)
         for k, v in _common.symbols_or_values(_NAME, PARAMETERS, values).items()}
    if s["W"] + s["C"] == 0:
        raise GameError("thresholds need W + C > 0 (with W = C = 0 a challenge is worth 0 "
                        "whatever p)")
    if s["L_P"] - s["k_P"] == 0:
        raise GameError("thresholds need L_P != k_P (a supported protégé is indifferent "
                        "between resisting and conceding)")
    out = {"deterrence": s["W"] / (s["W"] + s["C"]),
           "restraint": (s["L_P"] - s["B"]) / (s["L_P"] - s["k_P"]),
           "provoked": (s["W"] + s["H"]) / (s["W"] + s["C"])}
    return {k: Fraction(int(v.p), int(v.q)) if v.is_Rational else v for k, v in out.items()}


def _fixed(values: dict, who: str) -> dict[str, Fraction]:
    """Every parameter but p (given, else default), checked for the strict preferences
    the closed forms need."""
    if "p" in values:
        raise GameError(f"{who} varies p; do not give it a value")
    v = _common.fractions(_NAME, PARAMETERS, values)
    if not v["k_P"] < v["L_P"]:
        raise GameError(f"{who} needs k_P < L_P (a supported protégé resists)")
    if v["K_P"] == v["L_P"]:
        raise GameError(f"{who} needs K_P != L_P (an abandoned protégé is indifferent)")
    for t in TYPES:
        if v[f"k_{t}"] == v["L_D"]:
            raise GameError(f"{who} needs k_{t} != L_D (the {t} defender is indifferent)")
    if v["B"] == 0:
        raise GameError(f"{who} needs B > 0 (with B = 0 the protégé is indifferent "
                        "whenever its move does not change the challenger's)")
    return v


def _lines(v: dict[str, Fraction]) -> dict[str, tuple[Fraction, Fraction]]:
    """``{name: (a, b)}``: the functions ``a + b p`` whose signs decide the equilibrium,
    for the fixed values ``v`` (general types: support probability
    ``sigma = p s_c + (1 - p) s_u``)."""
    s_c, s_u = (Fraction(int(v[f"k_{t}"] < v["L_D"])) for t in TYPES)
    alone = v["K_P"] < v["L_P"]                           # the abandoned protégé resists
    a_ch = -v["c_alone"] if alone else v["W"]              # challenger, after abandonment
    a_pr = -v["K_P"] if alone else -v["L_P"]               # protégé, after abandonment
    sig = (s_u, s_c - s_u)                                 # sigma = s_u + (s_c - s_u) p

    def mix(x: Fraction, y: Fraction) -> tuple[Fraction, Fraction]:   # sigma x + (1-sigma) y
        return (y + sig[0] * (x - y), sig[1] * (x - y))

    V = mix(-v["C"], a_ch)
    U = mix(-v["k_P"], a_pr)
    return {"challenge | restrain": V, "challenge | provoke": (V[0] + v["H"], V[1]),
            "provoke if challenged only then": (U[0] + v["B"], U[1])}


def critical_p(**values: Any) -> list[Fraction]:
    """The exact values of p in (0, 1) where the equilibrium set changes (analytic).

    Every parameter but ``p`` takes its given value, else its default. Needs strict
    preferences: ``k_P < L_P`` (a supported protégé resists), ``K_P != L_P``,
    ``k_type != L_D`` and ``B > 0`` (GameError otherwise). With ``sigma(p)`` the
    probability of support (``p`` for the default types, ``1 - p`` if reversed,
    constant if alike), the candidates are the roots of ``V(p) = 0`` and ``V(p) = -H``
    (the challenger is indifferent) and the root of ``B + U(p) = 0`` where the challenger
    challenges after ``provoke`` only (the protégé is indifferent); ``V`` and ``U`` are
    the challenger's and the protégé's values of a challenge.

    Returns
    -------
    list of Fraction
        Sorted; ``[p_d, p_r, p_v]`` (those inside (0, 1) and, for ``p_r``, inside
        ``(p_d, p_v)``) under the module's assumptions.

    References
    ----------
    Zagare, F. C. & Kilgour, D. M. (2000). *Perfect Deterrence*. Cambridge University
    Press (credibility thresholds).

    Examples
    --------
    >>> from gametheory.models import extended_deterrence as m
    >>> m.critical_p()
    [Fraction(1, 3), Fraction(1, 2), Fraction(2, 3)]
    >>> m.critical_p(B="7/8")          # p_r = 1/6 < p_d: no deterrence with restraint
    [Fraction(1, 3), Fraction(2, 3)]
    """
    v = _fixed(values, "critical_p")
    lines = _lines(v)
    (va, vb), (ha, hb) = lines["challenge | restrain"], lines["challenge | provoke"]

    def live(x: Fraction) -> bool:             # challenged after provoke only
        return va + vb * x < 0 < ha + hb * x

    roots = {name: -a / b for name, (a, b) in lines.items() if b != 0}
    cuts = sorted({Fraction(0), Fraction(1), *(r for r in roots.values() if 0 < r < 1)})
    if any(a == 0 and b == 0 and (not name.startswith("provoke")
                                  or any(live((x + y) / 2) for x, y in zip(cuts, cuts[1:])))
           for name, (a, b) in lines.items()):
        raise GameError("critical_p: a player is indifferent for every p; change W, C, H "
                        "or B")
    return sorted({r for name, r in roots.items() if 0 < r < 1
                   and (not name.startswith("provoke") or live(r))})


def region(**values: Any) -> str:
    """The outcome region of :data:`REGIONS` that the closed forms put p in.

    Needs the module's assumptions (committed type supports, uncommitted abandons,
    supported protégé resists, abandoned concedes, ``B > 0``; GameError otherwise) and a
    p off the thresholds (GameError at ``p_d``, ``p_v``, or ``p_r`` inside
    ``(p_d, p_v)``: two outcomes tie there).

    References
    ----------
    Snyder, G. H. (1984). The security dilemma in alliance politics. *World Politics*
    36(4), 461-495.

    Examples
    --------
    >>> from gametheory.models import extended_deterrence as m
    >>> for x in ("1/4", "2/5", "3/5", "4/5"):
    ...     print(x, m.region(p=x))
    1/4 challenged
    2/5 deterrence with restraint
    3/5 restraint dilemma
    4/5 deterrence despite provocation
    """
    p = _common.fractions(_NAME, PARAMETERS, values)["p"]
    v = _fixed({k: x for k, x in values.items() if k != "p"}, "region")
    if not (v["k_committed"] < v["L_D"] < v["k_uncommitted"] and v["K_P"] > v["L_P"]):
        raise GameError("region needs k_committed < L_D < k_uncommitted and K_P > L_P")
    t = thresholds(**{k: v[k] for k in ("W", "C", "H", "B", "L_P", "k_P")})
    d, r, pv = t["deterrence"], t["restraint"], t["provoked"]
    if p in (d, pv) or (d < p < pv and p == r):
        raise GameError(f"p = {p} is a threshold: two outcomes tie there")
    if p < d:
        return REGIONS[0]
    if p > pv:
        return REGIONS[3]
    return REGIONS[2] if p > r else REGIONS[1]
