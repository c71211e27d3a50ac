"""Unilateral deterrence with uncertain resolve: when does a challenger challenge?

The story
---------
After Zagare & Kilgour's *Perfect Deterrence* (2000). A challenger chooses between the
``"status quo"`` and a ``"challenge"`` (a demand backed by force). The defender then
resists (``"resist"``), which means conflict, or concedes (``"concede"``), and the
challenger wins. Whether
the defender would resist is private: it is *hard* (its cost of conflict ``k_hard`` is
below its loss from conceding ``L``, so it prefers conflict to capitulation) with
probability ``p``, the credibility of its threat, and *soft* (``k_soft``) otherwise.

The tree (payoffs are (Challenger, Defender))::

    Challenger: status quo -> (0, 0)                        (information set "Challenger")
                challenge  -> chance: hard (p) | soft (1 - p)
                    Defender: resist  -> (-C, -k_type)     (conflict)
                              concede -> (W, -L)           (the challenger wins)

The defender's type matters only after a challenge, so chance draws it there: the
challenger decides without knowing it, as it would if the type were drawn first, and
the tree has perfect information with chance. Subgame-perfect equilibrium (backward
induction, ``gt.solve(game, method="spe")``) is then the perfect Bayesian equilibrium of
the game with the type drawn first. Information sets: ``"Challenger"``,
``"Defender | hard"``, ``"Defender | soft"``.

Assumptions
-----------
The status quo is worth 0 to both. The challenger's payoffs do not depend on the
defender's type; the types differ only in their cost of conflict. One round: no
escalation after resistance, no second challenge.

Analytic solution
-----------------
*Defender.* A type with cost ``k`` resists iff ``-k > -L``, i.e. ``k < L``, concedes iff
``k > L`` and is indifferent at ``k = L``. With ``k_hard < L < k_soft`` (the defaults)
the hard type resists and the soft type concedes, so a challenge meets resistance with
probability ``p``; in general with probability
``rho = p [k_hard < L] + (1 - p) [k_soft < L]``.

*Challenger.* A challenge is worth ``(1 - rho) W - rho C``: the challenger challenges iff
``rho < W / (W + C)``, keeps the status quo iff ``rho > W / (W + C)`` and is indifferent
at equality (two equilibria). With the hard type resisting and the soft conceding this
is the credibility threshold

    ``p* = W / (W + C)``  (:func:`threshold`):

deterrence holds iff ``p > p*``. A more valuable prize raises the credibility deterrence
needs; a costlier conflict lowers it. At the defaults (``W = 1``, ``C = 2``) ``p* = 1/3``.
If the types are the other way round (the "hard" one concedes and the "soft" one
resists) the challenger challenges iff ``p > C / (W + C)``; if both types act alike, p
does not matter. These are :func:`critical_p`. Conflict happens with probability
``p`` when ``p < p*`` (the challenge meets a hard defender) and 0 when ``p > p*``.

Sources
-------
Zagare, F. C. & Kilgour, D. M. (2000). *Perfect Deterrence*. Cambridge University Press
(deterrence games with incomplete information about the defender's preference for
conflict over capitulation, and thresholds on the credibility of its threat).
Schelling, T. C. (1966). *Arms and Influence*. Yale University Press. Fearon, J. D.
(1995). Rationalist explanations for war. *International Organization* 49(3), 379-414.

Examples
--------
>>> from gametheory.models import deterrence as m
>>> m.analyze()["deterred"], m.threshold(W=1, C=2)
(True, Fraction(1, 3))
>>> out = m.analyze(p="1/4")
>>> out["challenges"], out["conflict_probability"]
(Fraction(1, 1), Fraction(1, 4))
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import _common

__all__ = ["PARAMETERS", "PLAYERS", "TYPES", "build", "analyze", "threshold", "critical_p"]

_INF = float("inf")
_NONNEG = (0, _INF)
_NAME = "deterrence"

#: ``name -> (default, domain, meaning)`` for every parameter of the tree.
PARAMETERS: dict[str, tuple[Any, tuple[Any, Any], str]] = {
    "p": (Fraction(1, 2), (0, 1), "credibility: probability that the defender is hard"),
    "W": (1, _NONNEG, "challenger's gain when the defender concedes"),
    "C": (2, _NONNEG, "challenger's cost of conflict"),
    "L": (1, _NONNEG, "defender's loss when it concedes"),
    "k_hard": (Fraction(1, 2), _NONNEG, "hard defender's cost of conflict"),
    "k_soft": (2, _NONNEG, "soft defender's cost of conflict"),
}

PLAYERS = ("Challenger", "Defender")
TYPES = ("hard", "soft")


def build(**values: Any) -> gt.ExtensiveFormGame:
    """The deterrence tree, with the parameters not given left symbolic.

    Parameters
    ----------
    **values
        Values of parameters in :data:`PARAMETERS` (numbers, Fractions or strings such as
        ``"1/3"``); GameError for an unknown name or a value outside its domain.

    Returns
    -------
    ExtensiveFormGame
        A 9-node tree with perfect information and chance, players :data:`PLAYERS`;
        free parameters carry their :class:`gametheory.Parameter` metadata.

    References
    ----------
    Zagare, F. C. & Kilgour, D. M. (2000). *Perfect Deterrence*. Cambridge University
    Press.

    Examples
    --------
    >>> from gametheory.models import deterrence as m
    >>> g = m.build(W=1, C=2)
    >>> g.num_nodes, [p.name for p in g.parameters]
    (9, ['L', 'k_hard', 'k_soft', 'p'])
    """
    s = _common.symbols_or_values(_NAME, PARAMETERS, values)
    g = gt.ExtensiveFormGame(list(PLAYERS), title="unilateral deterrence")
    quo, challenge = g.root.decide("Challenger", ["status quo", "challenge"],
                                   infoset="Challenger")
    quo.payoffs(0, 0)
    for typ, node in zip(TYPES, challenge.chance({"hard": s["p"], "soft": 1 - s["p"]})):
        resist, concede = node.decide("Defender", ["resist", "concede"],
                                      infoset=f"Defender | {typ}")
        resist.payoffs(-s["C"], -s[f"k_{typ}"])
        concede.payoffs(s["W"], -s["L"])
    return _common.describe(g, PARAMETERS)


def _summary(eq: Any, p: dict[str, Fraction]) -> dict[str, Any]:
    b = _common.exact_behavior(eq)
    challenges = b["Challenger"]["challenge"]
    resists = {t: b[f"Defender | {t}"]["resist"] for t in TYPES}
    rho = p["p"] * resists["hard"] + (1 - p["p"]) * resists["soft"]
    return {
        "challenges": challenges,
        "deterred": challenges == 0,
        "resists": resists,
        "conflict_probability": challenges * rho,
        "payoffs": {pl: Fraction(v) for pl, v in zip(PLAYERS, eq.payoffs)},
        "behavior": b,
    }


def analyze(**values: Any) -> dict[str, Any]:
    """Solve the model by backward induction and summarise every equilibrium.

    ``gt.solve(build(...), method="spe", exact=True)`` with every parameter fixed (the
    given values, else the defaults): all pure subgame-perfect equilibria, exact.

    Parameters
    ----------
    **values
        Values of parameters in :data:`PARAMETERS`.

    Returns
    -------
    dict
        Per equilibrium: ``"challenges"`` (probability), ``"deterred"`` (no challenge),
        ``"resists"`` (``{type: probability}``), ``"conflict_probability"``,
        ``"payoffs"`` (``{player: expected payoff}``), ``"behavior"``. The first
        equilibrium's keys at the top level, with ``"equilibria"``,
        ``"num_equilibria"``, ``"tie"``, ``"parameters"``, ``"complete"`` (False at a
        tie: mixed SPE then exist that are not listed) and ``"note"``.

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
    extensive games. *International Journal of Game Theory* 4, 25-55.

    Examples
    --------
    >>> from gametheory.models import deterrence as m
    >>> [e["challenges"] for e in m.analyze(p="1/3")["equilibria"]]   # p = p*: a tie
    [Fraction(0, 1), Fraction(1, 1)]
    """
    p = _common.fractions(_NAME, PARAMETERS, values)
    sol = gt.solve(build(**p), method="spe", exact=True)
    eqs = sorted((_summary(eq, p) for eq in sol.equilibria),
                 key=lambda e: (e["challenges"], sorted(e["resists"].items())))
    return _common.summarize(eqs, parameters=p, **_common.spe_completeness(sol))


def threshold(**values: Any) -> Any:
    """The credibility ``p* = W / (W + C)`` below which the challenger challenges.

    Parameters not given stay symbolic; a Fraction when W and C are given (GameError when
    both are 0: the challenger is then indifferent whatever p).

    References
    ----------
    Zagare, F. C. & Kilgour, D. M. (2000). *Perfect Deterrence*. Cambridge University
    Press.

    Examples
    --------
    >>> from gametheory.models import deterrence as m
    >>> m.threshold(W=3, C=1)
    Fraction(3, 4)
    >>> m.threshold(C=2)
    W/(W + 2)
    """
    import sympy

    _common.check_names(_NAME, PARAMETERS, values)
    unused = sorted(set(values) - {"W", "C"})
    if unused:
        raise GameError(f"threshold depends on W and C only; got {unused[0]!r}")
    s = _common.symbols_or_values(_NAME, PARAMETERS, values)
    if s["W"] + s["C"] == 0:
        raise GameError("threshold needs W + C > 0 (with W = C = 0 the challenger is "
                        "indifferent whatever p)")
    # trusted: strict sympify, text raises; values checked by _common, strings parsed
    t = sympy.sympify(s["W"], strict=True) / (s["W"] + s["C"])   # a number or Symbol
    if t.is_Rational:
        return Fraction(int(t.p), int(t.q))
    return t


def critical_p(**values: Any) -> list[Fraction]:
    """The exact values of p in (0, 1) where the equilibrium set changes (analytic).

    Every parameter but ``p`` takes its given value, else its default; GameError when a
    defender type is indifferent (``k_hard = L`` or ``k_soft = L``).

    Returns
    -------
    list of Fraction
        ``[W / (W + C)]`` when the hard type resists and the soft concedes,
        ``[C / (W + C)]`` when it is the other way round, ``[]`` when both act alike or
        the value is not inside (0, 1).

    References
    ----------
    Zagare, F. C. & Kilgour, D. M. (2000). *Perfect Deterrence*. Cambridge University
    Press.

    Examples
    --------
    >>> from gametheory.models import deterrence as m
    >>> m.critical_p(W=1, C=3)
    [Fraction(1, 4)]
    >>> m.critical_p(k_soft="1/2")          # both types resist: never challenged
    []
    """
    if "p" in values:
        raise GameError("critical_p varies p; do not give it a value")
    v = _common.fractions(_NAME, PARAMETERS, values)
    for t in TYPES:
        if v[f"k_{t}"] == v["L"]:
            raise GameError(f"critical_p needs k_{t} != L (the {t} defender is "
                            "indifferent)")
    hard, soft = (v[f"k_{t}"] < v["L"] for t in TYPES)
    if hard == soft or v["W"] + v["C"] == 0:
        return []
    cut = (v["W"] if hard else v["C"]) / (v["W"] + v["C"])
    return [cut] if 0 < cut < 1 else []
