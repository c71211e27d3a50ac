"""Bundled scenario models and example games, importable as ``gametheory.models``.

:data:`MODELS` maps each bundled model's name to a one-line description.

>>> from gametheory.models import MODELS
>>> "catalog" in MODELS
True
"""

MODELS: dict[str, str] = {
    "catalog": "classic textbook games (Prisoner's Dilemma, Chicken, Battle of the Sexes, ...)",
    "ukraine_guarantees": "Ukraine chooses NATO or guaranteed neutrality; Russia of unknown "
                          "type escalates or concedes; a guarantor honours or abandons",
    "ukraine_russia_matrix": "Ukraine picks a track, Russia sees it and escalates or concedes: "
                             "the 2 x 4 strategic form, its Nash equilibria and the SPE",
    "ukraine_simultaneous": "the same two actors moving simultaneously (Russia does not see "
                            "the track): a 2 x 2 game with a mixed equilibrium in q",
    "ukraine_multi_guarantor": "neutrality backed by k guarantors (US, Canada, Japan, EU): "
                               "deterrence as the sum of honoured capabilities",
    "deterrence": "a challenger facing a defender of uncertain resolve challenges iff the "
                  "credibility p is below W / (W + C) (Zagare & Kilgour 2000)",
    "chain_store": "an incumbent facing N successive entrants: Selten's chain store and the "
                   "Kreps-Wilson reputation tree (tough with prior delta)",
    "preventive_war": "a declining state fights now iff the coming shift in power outweighs "
                      "its cost of war (Fearon 1995, Powell 2006)",
    "extended_deterrence": "challenger, defender of uncertain commitment and a protégé who "
                           "may provoke: the deterrence and restraint dilemmas in the "
                           "credibility p (after Zagare & Kilgour 2003)",
    "guarantor_reputation": "a guarantor facing challengers keeps its guarantee iff "
                            "delta >= m / v (c / (c + v) when only a challenge tests it); "
                            "one abandonment ends its Kreps-Wilson reputation",
    "neutrality_bargain": "Russia offers terms, Ukraine accepts neutrality (which shifts "
                          "power to Russia) or fights: war despite a bargaining range "
                          "unless guarantees of strength g > g* close the commitment "
                          "problem (Fearon 1995, Powell 2006)",
    "ratification": "a two-level game (Putnam 1988): guarantors set a guarantee, Russia "
                    "offers terms, Ukraine's negotiator signs, a ratifier of uncertain "
                    "type ratifies; the paradox of weakness and involuntary defection",
    "resolve_signalling": "a guarantor of private resolve deploys a tripwire (sunk cost k) "
                          "or makes a pledge (audience cost a) before Russia presses: "
                          "separating iff v_irr < k < c_res; a pledge binds iff "
                          "a > c_irr - v_irr (Fearon 1997)",
    "guarantor_coalition": "after an attack on a neutral Ukraine, guarantors (US, EU, "
                           "Canada, Japan) decide simultaneously whether to defend: "
                           "free riding (volunteer's dilemma) against audience costs",
}

__all__ = ["MODELS"]
