"""A neutrality agreement that Ukraine must ratify: a two-level game (Putnam 1988).

The story
---------
Russia proposes the terms ``x`` of a neutrality agreement, one of a finite grid
``terms`` in [0, 1] (default 0, 1/4, 1/2, 3/4, 1): how far the agreement meets Ukraine's
demands on the size of its armed forces, foreign training and arms, and the scope of its
neutrality (0: Russia's maximal demands; 1: Ukraine's). Ukraine's negotiator signs or
refuses. A signed agreement must then be ratified in Ukraine (by the Verkhovna Rada or a
referendum), whose *win-set* (the set of terms it would ratify, Putnam 1988) neither
negotiator knows: the ratifier is *dovish* with probability ``pi`` and *hawkish*
otherwise. The guarantors (the US, Canada, Japan, European states) stand behind the
agreement with a guarantee of strength ``g``: a deal on terms ``x`` is worth ``x + g`` to
every Ukrainian actor, so a stronger guarantee makes worse terms ratifiable; it costs
Russia ``t_R g`` (the tensions a guarantee by outside powers brings). Without a ratified
agreement the war goes on (no deal). Optionally (``levels``) the guarantors first choose
the strength ``g`` from a grid, knowing the ratification game that follows.

The tree (payoffs are (Russia, Negotiator, Ratifier))::

    Russia: no deal -> (-c_R, r_N, 0)                          (information set "Russia")
            offer x (x in terms) -> Negotiator:                ("Negotiator | offer x")
                refuse -> (-c_R, r_N, 0)
                sign   -> chance: dovish (pi) | hawkish (1 - pi)
                    Ratifier: ratify -> (1 - x - t_R g, x + g, x + g - r_t)
                              reject -> (-c_R, r_N - a, 0)   ("Ratifier | offer x, <type>")

with ``r_t = r_D`` for the dovish and ``r_H`` for the hawkish type. With ``levels`` the
root is the guarantors' choice::

    Guarantors: guarantee g (g in levels) -> the tree above with that g     ("Guarantors")

with payoffs (Guarantors, Russia, Negotiator, Ratifier), the guarantors getting
``b_G - k_G g`` from a ratified agreement and 0 otherwise, and the later information
sets named ``"Russia | guarantee g"``, ``"Negotiator | guarantee g, offer x"`` and
``"Ratifier | guarantee g, offer x, <type>"``.

The ratifier's type matters only after a signature, so chance draws it there: Russia and
the negotiator decide knowing only ``pi``, as they would if the type were drawn first and
hidden from them, and the tree has perfect information with chance. Its solution concept is
subgame-perfect equilibrium, computed by backward induction
(``gt.solve(game, method="spe")``), which is exact. In the game where chance draws the
type first and neither Russia nor the negotiator sees it, their information sets hold
the two type nodes; the type is drawn independently of the offer and the signature, so
consistent beliefs there (Kreps & Wilson 1982) are the prior ``pi`` on and off the path,
and the sequential (hence perfect Bayesian) equilibria of that game are the
subgame-perfect equilibria of this tree.

Assumptions
-----------
- Payoffs are measured in units of the terms. Russia values a ratified agreement on terms
  ``x`` at ``1 - x - t_R g`` and no deal at ``-c_R``. The negotiator values a ratified
  agreement at ``x + g``, no deal at ``r_N`` and a signed agreement that fails
  ratification at ``r_N - a``: ``a`` is her political cost of signing what her own
  country then rejects. A ratifier of type ``t`` values the agreement at ``x + g`` and no
  deal at its reservation value ``r_t``; its payoff is written as its gain over no deal
  (``x + g - r_t`` when it ratifies, 0 otherwise), so that one player, ``"Ratifier"``,
  stands for both types. "Dovish" means ``r_D < r_H``; the analytic helpers assume it
  (:func:`hawk_limit` silently, :func:`critical_pi`, :func:`equilibrium_offer`,
  :func:`guarantee_choice` and :func:`critical_k_G` raise GameError otherwise);
  ``build`` and ``analyze`` do not.
- Without ``levels`` the guarantee's strength ``g`` is a parameter. With ``levels`` the
  guarantors choose it, seen by all, and value a ratified agreement (a settled peace) at
  ``b_G`` less the cost ``k_G g`` of the commitment, which they bear only if the
  agreement is ratified; no deal is worth 0 to them (``b_G`` and ``k_G`` are used only
  then). A guarantee adds the same value to every term and to both types.
- One offer, take it or leave it: no counter-offer after a refusal or a failed
  ratification (the no-deal payoffs stand for what follows). The negotiator does not
  know the ratifier's type either (the outcome of a vote in the Rada or of a referendum
  is uncertain to her too), so a signed agreement can fail: Putnam's *involuntary
  defection*.
- The defaults (``pi = 1/2``, ``r_D = 3/8``, ``r_H = 7/8``, ``r_N = 0``, ``a = 1/8``,
  ``g = 1/4``, ``c_R = 1/2``, ``t_R = 1/2``, ``b_G = 1``, ``k_G = 1/2``, the terms
  0, 1/4, ..., 1 and the levels 1/10, 1/4, 1/2, 1) are illustrative, not estimates.

Sources
-------
Putnam, R. D. (1988). Diplomacy and domestic politics: the logic of two-level games.
*International Organization* 42(3), 427-460 (win-sets; a negotiator's domestic
constraint as a bargaining asset; uncertainty about win-sets and the risk of involuntary
defection). Schelling, T. C. (1960). *The Strategy of Conflict*. Harvard University
Press, ch. 2 (the power to bind oneself: a negotiator whose hands are tied can get the
better deal, the "paradox of weakness"). Kreps, D. M. & Wilson, R. (1982). Sequential
equilibria. *Econometrica* 50(4), 863-894. Iida, K. (1993). When and how do domestic
constraints matter? Two-level games with uncertainty. *Journal of Conflict Resolution*
37(3), 403-426, studies formal two-level bargaining games with uncertainty about the
domestic constraint; this module does not reproduce its model (it uses a single
take-it-or-leave-it offer on a finite grid).

Analytic solution
-----------------
Write ``D = 1 + c_R - t_R g``: Russia's gain from a ratified agreement on terms ``x``
over no deal is ``D - x``.

*Ratifier.* A type with reservation ``r_t`` ratifies ``x`` iff ``x + g > r_t`` and is
indifferent at equality. Its win-set in the grid is ``W_t = {x : x > r_t - g}``, the
terms from its *price* ``x_t = min W_t`` up (:func:`prices`): a stronger guarantee lowers
both prices (weakly). A signed offer is ratified with probability
``P(x) = pi [x in W_D] + (1 - pi) [x in W_H]``: with ``r_D < r_H`` that is 1 from
``x_H`` up, ``pi`` on ``x_D <= x < x_H`` and 0 below ``x_D``.

*Negotiator.* Signing ``x`` is worth ``P(x) (x + g) + (1 - P(x)) (r_N - a)`` against
``r_N`` for refusing, so she signs iff ``P(x) (x + g - r_N + a) > a``:

- an offer both types ratify (``P = 1``) iff ``x + g > r_N``;
- an offer only the dove ratifies (``P = pi``) iff ``pi > pi_N(x) = a / (x + g - r_N + a)``
  (never if ``x + g <= r_N``): she risks a failed ratification only if it is unlikely
  enough, and more readily the better the terms;
- an offer neither ratifies: never (for ``a > 0``; at ``a = 0`` she is indifferent).

*Russia.* An offer is worth ``-c_R + s(x) P(x) (D - x)`` with ``s(x)`` = 1 when she signs,
so within each class Russia offers the cheapest term. Two offers are candidates:

- the *safe* offer ``x_S``, the cheapest term in all three win-sets (both ratifier types
  and the negotiator: ``x >= x_H`` and ``x + g > r_N``), worth ``D - x_S``;
- the *risky* offer ``x_R``, the cheapest term the dove ratifies and the negotiator signs
  as a gamble (``x >= x_D`` and ``pi > pi_N(x)``), worth ``pi (D - x_R)``;

and no deal, worth 0. So the equilibrium offer is ``x_S`` if
``D - x_S > max(0, pi (D - x_R))``, ``x_R`` if ``pi (D - x_R) > max(0, D - x_S)`` and no
deal if both gains are negative (a missing candidate counts as gain 0). When the
negotiator signs the dove's price (``x_R = x_D``, i.e. ``pi > pi_N(x_D)``) and
``x_S = x_H``, Russia makes the safe offer iff

    ``pi < pi* = (D - x_H) / (D - x_D)``  (the last element of :func:`critical_pi`),

and the risky one iff ``pi > pi*``; the risky offer is signed and fails ratification
with probability ``1 - pi``. Every ``pi_N(x)`` in (0, 1) for a term only the dove
ratifies is a critical value in ``pi`` too (the negotiator's choice at that offer
flips), whether or not Russia makes that offer.

*Schelling's paradox of weakness.* (a) A more likely hawk: for ``pi < pi*`` Russia pays
the hawk's price, the agreement is certain and Ukraine gets ``x_H + g`` instead of
``x_D + g``. (b) A stricter hawk: the hawk's price ``x_H`` (the cheapest term above
``r_H - g``) rises with ``r_H``, and (with ``x_S = x_H``) Russia keeps paying it iff
``x_H < x_bar = D - max(0, pi (D - x_R))``, i.e. iff

    ``r_H < g + x_hat``  with ``x_hat = max{x in terms : x < x_bar}``  (:func:`hawk_limit`):

up to that bound a stricter win-set buys Ukraine strictly better terms at no risk.
*Involuntary defection.* Beyond it (``r_H > g + x_hat``) Russia stops paying and offers
``x_R``: the negotiator signs, the hawk (probability ``1 - pi``) rejects and the war goes
on (with no signed gamble worth anything to Russia, ``x_bar = D`` and beyond the bound it
makes no offer). The risk is largest just above ``pi*`` (``1 - pi*``) and is zero below
it.

*Guarantees.* ``g`` moves every price down (``x_t`` is the cheapest term above
``r_t - g``: the guarantee substitutes for terms) and lowers Russia's stake ``D`` by
``t_R g``; between two price steps ``pi* = 1 - (x_H - x_D) / (D - x_D)`` falls as ``g``
rises when ``t_R > 0`` and ``x_H > x_D``, so a guarantee Russia resents makes it gamble
on the dove more readily, while a guarantee large enough to bring the hawk's price down
to the dove's (``g > r_H - x_D``) removes the gamble (then ``x_H = x_D``). Russia makes
no offer once ``D`` is below both ``x_S`` and ``x_R``.

*The guarantors' choice* (``levels``). Each level ``g`` leads to the ratification game
above, whose agreement probability ``A(g)`` is 1 (safe offer), ``pi`` (risky offer) or
0 (no deal) (:func:`equilibrium_offer`); ``A`` does not depend on ``b_G`` or ``k_G``.
The guarantors choose the level maximising ``A(g) (b_G - k_G g)``
(:func:`guarantee_choice`). With ``b_G > 0`` and ``k_G > 0`` the cheapest level wins
among those with the same positive ``A``, so the choice is between ``g_1``, the weakest
level at which Russia pays the hawk's price, and ``g_pi``, the weakest at which it
gambles (or a level with ``A = 0``, worth 0, when both are worth less): for
``g_1 > pi g_pi`` the guarantors prefer certain ratification to the gamble iff

    ``k_G < (1 - pi) b_G / (g_1 - pi g_pi)``  (:func:`critical_k_G`: the kinks of the
    upper envelope of the lines ``A(g) (b_G - k_G g)`` in ``k_G``).

*Defaults.* ``D = 11/8``; the win-sets are ``x > 1/8`` (dove, ``x_D = 1/4``) and
``x > 5/8`` (hawk, ``x_H = 3/4``); ``pi_N(1/4) = 1/5``, ``pi_N(1/2) = 1/7``; ``pi* =
(5/8) / (9/8) = 5/9``. At ``pi = 1/2 < 5/9`` Russia offers ``3/4``, both types ratify and
Ukraine's deal is worth 1; for ``pi > 5/9`` it offers ``1/4`` and the agreement fails with
probability ``1 - pi``. At ``pi = 1/2``: ``x_bar = 11/8 - (1/2)(9/8) = 13/16``,
``x_hat = 3/4``, so Russia pays the hawk's price for every ``r_H < 1`` (the terms rise
from 1/4 to 3/4 as ``r_H`` rises from ``3/8`` to 1) and gambles for ``r_H > 1``. In
``g`` the equilibria change at the win-set edges ``g = r_t - x`` (1/8, 3/8, 5/8, 7/8),
each lowering a price by 1/4, and at ``g = (1 + c_R) / t_R = 3``, where ``D = 0`` and
Russia stops offering even terms 0. With the default levels (1/10, 1/4, 1/2, 1),
``A = 1/2, 1, 1, 1``: the token guarantee 1/10 leaves the prices at 1/2 and 1 and
Russia gambles (``pi* = (9/20) / (19/20) = 9/19 < 1/2``); from 1/4 up it pays the
hawk's price. So ``g_1 = 1/4``, ``g_pi = 1/10`` and the guarantors choose 1/4 iff
``k_G < (1/2) / (1/4 - 1/20) = 5/2`` (at ``b_G = 1``; 1/4 at the default ``k_G = 1/2``).
At ``pi = 3/4`` only the full guarantee 1 makes ratification certain (``A = 3/4`` below
it) and they buy it iff ``k_G < (1/4) / (1 - 3/40) = 10/37``.

*Ties.* At an indifference (``x + g = r_t``, ``pi = pi_N(x)``, ``pi = pi*``, ...) the
tied actions give several pure subgame-perfect equilibria, all listed by ``analyze``,
and mixing between them a continuum that is not: ``complete`` is then False with a note.
Whenever no agreement is Russia's best, making no offer ties with every offer the
negotiator would refuse (several pure SPE, all without agreement).

Examples
--------
>>> from gametheory.models import ratification as m
>>> out = m.analyze()
>>> out["offer"], out["agreement_probability"], out["num_equilibria"]
(Fraction(3, 4), Fraction(1, 1), 1)
>>> m.critical_pi()
[Fraction(1, 7), Fraction(1, 5), Fraction(5, 9)]
>>> out = m.analyze(pi="2/3")               # above pi* = 5/9: Russia gambles on the dove
>>> out["offer"], out["failed_ratification_probability"]
(Fraction(1, 4), Fraction(1, 3))
>>> m.hawk_limit()                          # a stricter hawk helps Ukraine up to r_H = 1
Fraction(1, 1)
>>> out = m.analyze(levels=m.LEVELS)        # the guarantors choose g first
>>> out["guarantee"], m.critical_k_G()
(Fraction(1, 4), [Fraction(5, 2)])
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import gametheory as gt
from gametheory.errors import GameError
from gametheory.games.values import to_fraction
from gametheory.models import _common

__all__ = ["PARAMETERS", "PLAYERS", "GUARANTORS", "TYPES", "TERMS", "LEVELS", "NO_DEAL",
           "build", "analyze", "prices", "equilibrium_offer", "critical_pi", "hawk_limit",
           "guarantee_choice", "critical_k_G"]

_INF = float("inf")
_REAL, _NONNEG = (-_INF, _INF), (0, _INF)
_NAME = "ratification"

#: ``name -> (default, domain, meaning, latex)`` for every parameter of the tree.
PARAMETERS: dict[str, tuple[Any, tuple[Any, Any], str, str]] = {
    "pi": (Fraction(1, 2), (0, 1), "probability that Ukraine's ratifier is dovish",
           r"\pi"),
    "r_D": (Fraction(3, 8), _REAL, "dovish ratifier's value of no deal (continued war)",
            r"r_{\mathrm{D}}"),
    "r_H": (Fraction(7, 8), _REAL, "hawkish ratifier's value of no deal (continued war)",
            r"r_{\mathrm{H}}"),
    "r_N": (0, _REAL, "Ukraine's negotiator's value of no deal", r"r_{\mathrm{N}}"),
    "a": (Fraction(1, 8), _NONNEG,
          "negotiator's cost of a signed agreement that fails ratification", "a"),
    "g": (Fraction(1, 4), _NONNEG,
          "guarantee strength: what the guarantors' guarantee adds to a deal for Ukraine "
          "(without levels)", "g"),
    "c_R": (Fraction(1, 2), _NONNEG, "Russia's cost of no deal (continued war)",
            r"c_{\mathrm{R}}"),
    "t_R": (Fraction(1, 2), _NONNEG,
            "Russia's cost per unit of guarantee strength (tensions with the guarantors)",
            r"t_{\mathrm{R}}"),
    "b_G": (1, _NONNEG, "guarantors' value of a ratified agreement (with levels only)",
            r"b_{\mathrm{G}}"),
    "k_G": (Fraction(1, 2), _NONNEG,
            "guarantors' cost per unit of the strength they commit to, borne when the "
            "agreement is ratified (with levels only)", r"k_{\mathrm{G}}"),
}
_ONLY_WITH_LEVELS = ("b_G", "k_G")

PLAYERS = ("Russia", "Negotiator", "Ratifier")
#: The player who chooses the guarantee's strength when ``levels`` are given.
GUARANTORS = "Guarantors"
TYPES = ("dovish", "hawkish")
#: The default grid of terms Russia may offer.
TERMS = tuple(Fraction(k, 4) for k in range(5))
#: The default guarantee strengths the guarantors choose from: token, moderate, strong, full.
LEVELS = (Fraction(1, 10), Fraction(1, 4), Fraction(1, 2), Fraction(1))
#: Russia's action of making no offer.
NO_DEAL = "no deal"


def _grid(values: Sequence[Any] | None, what: str, hi: float,
          default: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    """A grid as strictly increasing Fractions in [0, hi]; GameError otherwise."""
    if values is None:
        return default
    shown = "[0, 1]" if hi == 1 else "[0, inf)"
    if isinstance(values, str) or not isinstance(values, Sequence) or not values:
        raise GameError(f"{what} must be a non-empty sequence of numbers in {shown}")
    xs = tuple(to_fraction(x) for x in values)
    if any(not 0 <= x <= hi for x in xs) or any(b <= a for a, b in zip(xs, xs[1:])):
        raise GameError(f"{what} must increase strictly within {shown}; got "
                        f"{', '.join(str(x) for x in xs)}")
    return xs


def _terms(terms: Sequence[Any] | None) -> tuple[Fraction, ...]:
    return _grid(terms, "terms", 1, TERMS)


def _levels(levels: Sequence[Any] | None, values: dict[str, Any]) -> tuple[Fraction, ...]:
    if "g" in values:
        raise GameError("with levels the guarantors choose g; do not give it a value")
    return _grid(levels, "levels", _INF, LEVELS)


def _without_levels(values: dict[str, Any]) -> None:
    given = [k for k in _ONLY_WITH_LEVELS if k in values]
    if given:
        raise GameError(f"{given[0]} is used only with levels (the guarantors' choice)")


def _offer(x: Fraction) -> str:
    return f"offer {x}"


def _sets(level: Fraction | None) -> tuple[str, str]:
    """Russia's information set and the prefix of the later ones after a level."""
    if level is None:
        return "Russia", ""
    return f"Russia | guarantee {level}", f"guarantee {level}, "


def _ratification(node: Any, xs: tuple[Fraction, ...], s: dict[str, Any], g: Any,
                  level: Fraction | None) -> None:
    """Russia's offer and all that follows, below ``node``, with guarantee strength g;
    with a level, the guarantors' payoff comes first."""
    russia, prefix = _sets(level)
    lead = () if level is None else (0,)
    won = () if level is None else (s["b_G"] - s["k_G"] * g,)
    no_deal, *offers = node.decide("Russia", [NO_DEAL, *map(_offer, xs)], infoset=russia)
    no_deal.payoffs(*lead, -s["c_R"], s["r_N"], 0)
    reserve = {"dovish": s["r_D"], "hawkish": s["r_H"]}
    for x, offer in zip(xs, offers):
        refuse, sign = offer.decide("Negotiator", ["refuse", "sign"],
                                    infoset=f"Negotiator | {prefix}{_offer(x)}")
        refuse.payoffs(*lead, -s["c_R"], s["r_N"], 0)
        types = sign.chance({"dovish": s["pi"], "hawkish": 1 - s["pi"]})
        for typ, ratifier in zip(TYPES, types):
            ratify, reject = ratifier.decide("Ratifier", ["ratify", "reject"],
                                             infoset=f"Ratifier | {prefix}{_offer(x)}, {typ}")
            ratify.payoffs(*won, 1 - x - s["t_R"] * g, x + g, x + g - reserve[typ])
            reject.payoffs(*lead, -s["c_R"], s["r_N"] - s["a"], 0)


def build(terms: Sequence[Any] | None = None, levels: Sequence[Any] | None = None,
          **values: Any) -> gt.ExtensiveFormGame:
    """The ratification tree, with the parameters not given left symbolic.

    Parameters
    ----------
    terms : sequence of numbers, optional
        The grid of terms Russia may offer, strictly increasing in [0, 1] (default
        :data:`TERMS`: 0, 1/4, 1/2, 3/4, 1).
    levels : sequence of numbers, optional
        If given (e.g. :data:`LEVELS`), the guarantors first choose the guarantee's
        strength from these (strictly increasing, non-negative) values, and ``g`` is no
        longer a parameter; ``b_G`` and ``k_G`` are used only then.
    **values
        Values of parameters in :data:`PARAMETERS` (numbers, Fractions or strings such as
        ``"1/3"``); GameError for an unknown name or a value outside its domain.

    Returns
    -------
    ExtensiveFormGame
        A tree with perfect information and chance: ``2 + 9 len(terms)`` nodes and players
        :data:`PLAYERS`, or with levels ``1 + len(levels) (2 + 9 len(terms))`` nodes and
        :data:`GUARANTORS` first; free parameters carry their
        :class:`gametheory.Parameter` metadata.

    References
    ----------
    Putnam, R. D. (1988). Diplomacy and domestic politics: the logic of two-level games.
    *International Organization* 42(3), 427-460.

    Examples
    --------
    >>> from gametheory.models import ratification as m
    >>> g = m.build(pi="1/2")
    >>> g.num_nodes, [p.name for p in g.parameters]
    (47, ['a', 'c_R', 'g', 'r_D', 'r_H', 'r_N', 't_R'])
    >>> g = m.build(levels=m.LEVELS)
    >>> g.num_nodes, g.players[0], "g" in [p.name for p in g.parameters]
    (189, 'Guarantors', False)
    """
    xs = _terms(terms)
    if levels is None:
        _without_levels(values)
        s = _common.symbols_or_values(_NAME, PARAMETERS, values)
        game = gt.ExtensiveFormGame(list(PLAYERS),
                                    title="ratification of a neutrality agreement")
        _ratification(game.root, xs, s, s["g"], None)
        return _common.describe(game, PARAMETERS)
    ls = _levels(levels, values)
    s = _common.symbols_or_values(_NAME, PARAMETERS, values)
    game = gt.ExtensiveFormGame([GUARANTORS, *PLAYERS],
                                title="guarantees and the ratification of a neutrality "
                                      "agreement")
    choices = game.root.decide(GUARANTORS, [f"guarantee {x}" for x in ls],
                               infoset=GUARANTORS)
    for level, node in zip(ls, choices):
        _ratification(node, xs, s, level, level)
    return _common.describe(game, PARAMETERS)


def _summary(eq: Any, xs: tuple[Fraction, ...], ls: tuple[Fraction, ...] | None,
             p: dict[str, Fraction], players: list[str]) -> dict[str, Any]:
    b = _common.exact_behavior(eq)
    level = None
    if ls is not None:
        level = next(x for x in ls if b[GUARANTORS][f"guarantee {x}"] == 1)
    g = p["g"] if level is None else level
    russia, prefix = _sets(level)
    offered = next(a for a, pr in b[russia].items() if pr == 1)
    out: dict[str, Any] = {"guarantee": g, "offer": None, "signs": None, "ratifies": None,
                           "agreement_probability": Fraction(0),
                           "failed_ratification_probability": Fraction(0),
                           "deal_value": None}
    if offered != NO_DEAL:
        x = xs[[_offer(y) for y in xs].index(offered)]
        signs = b[f"Negotiator | {prefix}{_offer(x)}"]["sign"]
        ratifies = {t: b[f"Ratifier | {prefix}{_offer(x)}, {t}"]["ratify"] for t in TYPES}
        ratified = p["pi"] * ratifies["dovish"] + (1 - p["pi"]) * ratifies["hawkish"]
        out.update(offer=x, signs=signs, ratifies=ratifies,
                   agreement_probability=signs * ratified,
                   failed_ratification_probability=signs * (1 - ratified),
                   deal_value=x + g)
    out["payoffs"] = {pl: Fraction(v) for pl, v in zip(players, eq.payoffs)}
    out["behavior"] = b
    return out


def analyze(terms: Sequence[Any] | None = None, levels: Sequence[Any] | None = None,
            **values: Any) -> dict[str, Any]:
    """Solve the model by backward induction and summarise every equilibrium.

    ``gt.solve(build(...), method="spe", exact=True)`` with every parameter fixed (the
    given values, else the defaults): all pure subgame-perfect equilibria, exact.

    Parameters
    ----------
    terms : sequence of numbers, optional
        The grid of terms (default :data:`TERMS`).
    levels : sequence of numbers, optional
        The guarantee strengths the guarantors choose from (see :func:`build`).
    **values
        Values of parameters in :data:`PARAMETERS`.

    Returns
    -------
    dict
        Per equilibrium: ``"guarantee"`` (the strength ``g``, chosen with levels),
        ``"offer"`` (Russia's terms, None for no deal), ``"signs"`` (the negotiator's
        probability of signing it), ``"ratifies"`` (``{type: probability}`` at the offer),
        ``"agreement_probability"``, ``"failed_ratification_probability"`` (signed, then
        rejected: involuntary defection), ``"deal_value"`` (``x + g``, the agreement's
        value to Ukraine), ``"payoffs"`` and ``"behavior"``. The first equilibrium's keys
        at the top level, with ``"equilibria"``, ``"num_equilibria"``, ``"tie"``,
        ``"parameters"`` (the values used), ``"terms"``, ``"levels"`` (None without),
        ``"complete"`` (False at a tie) and ``"note"``.

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
    extensive games. *International Journal of Game Theory* 4, 25-55.

    Examples
    --------
    >>> from gametheory.models import ratification as m
    >>> out = m.analyze(pi="5/9")                       # pi = pi*: Russia is indifferent
    >>> [e["offer"] for e in out["equilibria"]], out["complete"]
    ([Fraction(1, 4), Fraction(3, 4)], False)
    >>> out = m.analyze(levels=m.LEVELS)                # the guarantors choose g
    >>> out["guarantee"], out["offer"], out["agreement_probability"]
    (Fraction(1, 4), Fraction(3, 4), Fraction(1, 1))
    """
    xs = _terms(terms)
    if levels is None:
        _without_levels(values)
    ls = None if levels is None else _levels(levels, values)
    p = _common.fractions(_NAME, PARAMETERS, values)
    unused = ("g",) if ls is not None else _ONLY_WITH_LEVELS
    p = {k: v for k, v in p.items() if k not in unused}
    game = build(xs, ls, **p)
    sol = gt.solve(game, method="spe", exact=True)
    eqs = sorted((_summary(eq, xs, ls, p, game.players) for eq in sol.equilibria),
                 key=lambda e: (e["guarantee"], e["offer"] is not None, e["offer"] or 0,
                                sorted((h, sorted(d.items())) for h, d in e["behavior"].items())))
    return _common.summarize(eqs, parameters=p, terms=xs, levels=ls,
                             **_common.spe_completeness(sol))


def _values(terms: Sequence[Any] | None, values: dict[str, Any],
            varied: str | None = None) -> tuple[tuple[Fraction, ...], dict[str, Fraction]]:
    if varied is not None and varied in values:
        raise GameError(f"this function varies {varied}; do not give it a value")
    return _terms(terms), _common.fractions(_NAME, PARAMETERS, values)


def _price(xs: tuple[Fraction, ...], r: Fraction, g: Fraction) -> Fraction | None:
    return next((x for x in xs if x + g > r), None)


def prices(terms: Sequence[Any] | None = None, **values: Any) -> dict[str, Fraction | None]:
    """Each ratifier type's price: the cheapest term in its win-set (``x + g > r_t``).

    Parameters not given take their defaults; None for a type that ratifies no term.

    Examples
    --------
    >>> from gametheory.models import ratification as m
    >>> m.prices()
    {'dovish': Fraction(1, 4), 'hawkish': Fraction(3, 4)}
    >>> m.prices(g="1/2")                        # a stronger guarantee: cheaper terms
    {'dovish': Fraction(0, 1), 'hawkish': Fraction(1, 2)}
    """
    xs, v = _values(terms, values)
    return {t: _price(xs, v[f"r_{t[0].upper()}"], v["g"]) for t in TYPES}


def _regular(xs: tuple[Fraction, ...], v: dict[str, Fraction]) -> Fraction:
    """D, after checking r_D < r_H and that no ratifier or negotiator (on an offer both
    types ratify) is indifferent whatever pi."""
    if not v["r_D"] < v["r_H"]:
        raise GameError("the dovish ratifier must be the less demanding one (r_D < r_H)")
    D = 1 + v["c_R"] - v["t_R"] * v["g"]
    for x in xs:
        if x + v["g"] in (v["r_D"], v["r_H"]):
            raise GameError(f"a ratifier type is indifferent at {_offer(x)} (x + g = r_t)")
        if x + v["g"] == v["r_N"] and x + v["g"] > v["r_H"]:
            raise GameError(f"the negotiator is indifferent at {_offer(x)}")
    return D


def _gamble_threshold(x: Fraction, v: dict[str, Fraction]) -> Fraction | None:
    """pi_N(x) = a / (x + g - r_N + a): above it the negotiator signs an offer only the
    dove ratifies; None when she never signs it."""
    if x + v["g"] <= v["r_N"]:
        return None
    return v["a"] / (x + v["g"] - v["r_N"] + v["a"])


def _safe(xs: tuple[Fraction, ...], v: dict[str, Fraction], D: Fraction) -> Fraction | None:
    """x_S, the cheapest term both types ratify and the negotiator signs, if Russia gains
    from it."""
    x_S = next((x for x in xs if x + v["g"] > max(v["r_H"], v["r_N"])), None)
    return x_S if x_S is not None and x_S < D else None


def _risky_terms(xs: tuple[Fraction, ...], v: dict[str, Fraction]) -> list[Fraction]:
    """The terms only the dove ratifies."""
    return [x for x in xs if v["r_D"] < x + v["g"] < v["r_H"]]


def equilibrium_offer(terms: Sequence[Any] | None = None, **values: Any) -> dict[str, Any]:
    """Russia's equilibrium offer by the derived rule, and its chance of ratification.

    ``x_S`` if ``D - x_S > max(0, pi (D - x_R))``, ``x_R`` if
    ``pi (D - x_R) > max(0, D - x_S)``, else no agreement (offer None: Russia is then
    indifferent between no deal and every offer that is refused, each of which is an
    equilibrium). Parameters not given take their defaults; GameError as for
    :func:`critical_pi`, or when the negotiator (at an offer only the dove ratifies) or
    Russia (between two offers that would be signed) is indifferent at these values.

    Examples
    --------
    >>> from gametheory.models import ratification as m
    >>> m.equilibrium_offer()
    {'offer': Fraction(3, 4), 'agreement_probability': Fraction(1, 1)}
    >>> m.equilibrium_offer(pi="3/4")
    {'offer': Fraction(1, 4), 'agreement_probability': Fraction(3, 4)}
    """
    xs, v = _values(terms, values)
    D = _regular(xs, v)
    thresholds = {x: _gamble_threshold(x, v) for x in _risky_terms(xs, v)}
    if v["pi"] in thresholds.values():
        raise GameError("the negotiator is indifferent about a gamble at this pi")
    x_R = next((x for x, t in thresholds.items() if t is not None and v["pi"] > t), None)
    x_S = _safe(xs, v, D)
    gains = {None: Fraction(0)}
    if x_S is not None:
        gains[x_S] = D - x_S
    if x_R is not None:
        gains[x_R] = v["pi"] * (D - x_R)
    best = max(gains.values())
    top = [x for x, w in gains.items() if w == best]
    if len(top) > 1 and best > 0:
        raise GameError("Russia is indifferent between two offers at these values")
    if best == 0:
        top = [None]
    offer = top[0]
    chance = Fraction(0) if offer is None else Fraction(1) if offer == x_S else v["pi"]
    return {"offer": offer, "agreement_probability": chance}


def critical_pi(terms: Sequence[Any] | None = None, **values: Any) -> list[Fraction]:
    """The values of pi in (0, 1) where the equilibrium set changes (analytic).

    The negotiator's thresholds ``pi_N(x) = a / (x + g - r_N + a)`` of every term ``x``
    only the dove ratifies, and Russia's switch from the safe offer ``x_S`` to the risky
    one: ``(D - x_S) / (D - x)`` for the risky offer ``x`` that is the cheapest the
    negotiator signs at that value (``pi*`` when that is the dove's price). Every
    parameter but ``pi`` takes its given value, else its default; GameError unless
    ``r_D < r_H``, or when a ratifier type or the negotiator (on an offer both types
    ratify) is indifferent at some term whatever pi.

    Examples
    --------
    >>> from gametheory.models import ratification as m
    >>> m.critical_pi(c_R=2)                    # a costlier war: Russia pays up longer
    [Fraction(1, 7), Fraction(1, 5), Fraction(17, 21)]
    """
    xs, v = _values(terms, values, varied="pi")
    D = _regular(xs, v)
    risky = _risky_terms(xs, v)
    thresholds = {x: _gamble_threshold(x, v) for x in risky}
    out = {t for t in thresholds.values() if t is not None and 0 < t < 1}
    x_S = _safe(xs, v, D)
    for x in risky:
        if x_S is None or x >= D or thresholds[x] is None:
            continue
        switch = (D - x_S) / (D - x)
        cheaper_signed = any(t is not None and t < switch
                             for y, t in thresholds.items() if y < x)
        if 0 < switch < 1 and switch > thresholds[x] and not cheaper_signed:
            out.add(switch)
    return sorted(out)


def hawk_limit(terms: Sequence[Any] | None = None, **values: Any) -> Fraction | None:
    """The bound ``g + x_hat`` on ``r_H`` below which Russia pays the hawk's price.

    ``x_hat`` is the largest term below ``x_bar = D - max(0, pi (D - x_R))``, with ``x_R``
    the risky offer (the cheapest term the dove ratifies and the negotiator signs as a
    gamble at this ``pi``). For ``r_D < r_H < g + x_hat`` Russia offers ``x_H`` (rising
    with ``r_H``: Schelling's paradox of weakness); for ``r_H > g + x_hat`` it offers
    ``x_R``, which fails ratification with probability ``1 - pi`` (no deal if ``x_R`` is
    missing or ``x_R >= D``). Assumes the negotiator signs every term from ``x_D`` up
    when both types ratify it (``x_D + g > r_N``); None when no term is below ``x_bar``.
    Every parameter but ``r_H`` takes its given value, else its default.

    Examples
    --------
    >>> from gametheory.models import ratification as m
    >>> m.hawk_limit(pi="1/4")                     # a likely hawk: Russia pays any price
    Fraction(5, 4)
    """
    xs, v = _values(terms, values, varied="r_H")
    D = 1 + v["c_R"] - v["t_R"] * v["g"]
    x_R = next((x for x in xs if x + v["g"] > v["r_D"]
                and (t := _gamble_threshold(x, v)) is not None and v["pi"] > t), None)
    x_bar = D - max(Fraction(0), v["pi"] * (D - x_R)) if x_R is not None else D
    x_hat = max((x for x in xs if x < x_bar), default=None)
    return None if x_hat is None else v["g"] + x_hat


def _agreement_by_level(terms: Sequence[Any] | None, levels: Sequence[Any] | None,
                        values: dict[str, Any]) -> tuple[dict[Fraction, Any], dict]:
    ls = _levels(levels, values)
    v = _common.fractions(_NAME, PARAMETERS, values)
    chance = {g: equilibrium_offer(terms, **{**values, "g": g})["agreement_probability"]
              for g in ls}
    return chance, v


def guarantee_choice(terms: Sequence[Any] | None = None, levels: Sequence[Any] | None = None,
                     **values: Any) -> dict[str, Any]:
    """The guarantors' choice of strength by the derived rule: the level maximising
    ``A(g) (b_G - k_G g)``, with ``A(g)`` the agreement probability that follows
    (:func:`equilibrium_offer` at ``g``).

    Returns ``{"level": the chosen g, "agreement_probability": {g: A(g)},
    "value": {g: A(g) (b_G - k_G g)}}``; GameError when two levels tie or a level's
    ratification game has a tie.

    Examples
    --------
    >>> from gametheory.models import ratification as m
    >>> out = m.guarantee_choice()
    >>> out["level"], out["agreement_probability"][m.LEVELS[0]]
    (Fraction(1, 4), Fraction(1, 2))
    >>> m.guarantee_choice(k_G=3)["level"]          # costly guarantees: a token one
    Fraction(1, 10)
    """
    chance, v = _agreement_by_level(terms, levels, values)
    worth = {g: A * (v["b_G"] - v["k_G"] * g) for g, A in chance.items()}
    best = max(worth.values())
    top = [g for g, w in worth.items() if w == best]
    if len(top) > 1:
        raise GameError("the guarantors are indifferent between levels "
                        f"{', '.join(str(g) for g in top)}")
    return {"level": top[0], "agreement_probability": chance, "value": worth}


def critical_k_G(terms: Sequence[Any] | None = None, levels: Sequence[Any] | None = None,
                 **values: Any) -> list[Fraction]:
    """The values of ``k_G`` in (0, inf) where the guarantors' choice changes (analytic).

    Each level's value ``A(g) (b_G - k_G g)`` is a line in ``k_G`` (``A(g)`` does not
    depend on ``k_G``); the critical values are the kinks of their upper envelope,
    ``k_G = b_G (A_i - A_j) / (A_i g_i - A_j g_j)`` where two levels are best together.
    Every other parameter takes its given value, else its default.

    Examples
    --------
    >>> from gametheory.models import ratification as m
    >>> m.critical_k_G()                  # (1 - pi) b_G / (1/4 - pi 1/10)
    [Fraction(5, 2)]
    """
    if "k_G" in values:
        raise GameError("this function varies k_G; do not give it a value")
    chance, v = _agreement_by_level(terms, levels, values)
    out = set()
    for (g, A), (h, B) in [(i, j) for i in chance.items() for j in chance.items()
                           if i[0] < j[0]]:
        if A * g != B * h:
            k = v["b_G"] * (A - B) / (A * g - B * h)
            if k > 0 and A * (v["b_G"] - k * g) == max(
                    C * (v["b_G"] - k * x) for x, C in chance.items()):
                out.add(k)
    return sorted(out)
