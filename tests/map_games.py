"""Parametric games with regions derived by hand, shared by the equilibrium-map and
symbolic-critical-value tests (importable as ``import map_games``: pytest
``pythonpath = ["tests"]``). The guarantors' subgame is a volunteer's dilemma (Diekmann,
A. (1985). Volunteer's dilemma. Journal of Conflict Resolution 29(4), 605-610).
"""

from __future__ import annotations

import numpy as np

import gametheory as gt


def guarantor_tree() -> gt.ExtensiveFormGame:
    """Ukraine concedes (-2, 1, 0, 0) or seeks guarantees; Russia stays (2, 0, v/2, v/2) or
    escalates, and two guarantors then choose simultaneously (one information set each) to
    defend or abandon. Commitment value v, audience cost a: a defender gets v - 3; an
    abandoner gets v - a if the other defends, -a if nobody does. Escalation pays Ukraine
    -1 if defended, -4 if not, and Russia -3 if defended, 2 if not.

    By hand (v > 0). Against a defender, defending beats abandoning iff a > 3; against an
    abandoner iff a > 3 - v. So:
    a < 3 - v: both abandon (dominant), Russia escalates (2 > 0), Ukraine concedes (-2 > -4).
    3 - v < a < 3: a volunteer's dilemma (Diekmann 1985): (defend, abandon), (abandon,
    defend), and the mixed equilibrium defending with p = (v - 3 + a)/v (v - 3 = p v - a).
    Against one defender Russia stays (0 > -3) and Ukraine seeks guarantees (2 > -2).
    Against the mixed pair nobody defends with probability ((3 - a)/v)**2; Russia escalates
    iff 5 ((3 - a)/v)**2 > 3, i.e. 5 (3 - a)**2 - 3 v**2 > 0, and Ukraine then concedes
    (-1 - 3 ((3 - a)/v)**2 < -1 - 9/5 < -2). The curve 5 (3 - a)**2 = 3 v**2 has no
    rational points (sqrt(3/5) is irrational): its points are solved in floats.
    a > 3: both defend (dominant), Russia stays, Ukraine seeks guarantees.
    """
    a, v = gt.parameters("a v")
    g = gt.ExtensiveFormGame(["Ukraine", "Russia", "G1", "G2"])
    concede, seek = g.root.decide("Ukraine", ["concede", "guarantees"])
    concede.payoffs(-2, 1, 0, 0)
    escalate, stay = seek.decide("Russia", ["escalate", "stay"])
    stay.payoffs(2, 0, v / 2, v / 2)
    acts = ["defend", "abandon"]
    for x, n in zip(acts, escalate.decide("G1", acts, infoset="G1")):
        for y, m in zip(acts, n.decide("G2", acts, infoset="G2")):
            held = "defend" in (x, y)
            m.payoffs(-1 if held else -4, -3 if held else 2,
                      *[v - 3 if s == "defend" else (v - a if held else -a) for s in (x, y)])
    return g.describe(gt.Parameter("a", domain=(0, 5)), gt.Parameter("v", domain=(0, 4)))


def volunteers_with_russia() -> gt.NormalFormGame:
    """Two guarantors and Russia move at once (2 x 2 x 2), payoffs linear in (q, r):
    defending pays 2 - r, abandoning 2 - q if the other defends, -q if nobody does; Russia
    escalates (2 if nobody defends, else -3) or stays (0).

    By hand (as for the tree above with v = 2, a = q and defence cost r): q < r - 2: both
    abandon, Russia escalates. r - 2 < q < r: the two pure pairs with one defender (Russia
    stays) and the mixed pair p = (2 + q - r)/2 (2 - r = 2 p - q), against which Russia
    escalates iff 5 ((r - q)/2)**2 > 3, i.e. 5 (r - q)**2 > 12. q > r: both defend, Russia
    stays."""
    q, r = gt.parameters("q r")
    U = np.empty((3, 2, 2, 2), dtype=object)
    for i, j, k in np.ndindex(2, 2, 2):
        held = i == 0 or j == 0
        U[:, i, j, k] = (2 - r if i == 0 else 2 * held - q, 2 - r if j == 0 else 2 * held - q,
                         (-3 if held else 2) if k == 0 else 0)
    g = gt.NormalFormGame(U, players=["G1", "G2", "Russia"],
                          strategies=[["defend", "abandon"]] * 2 + [["escalate", "stay"]])
    return g.describe(gt.Parameter("q", domain=(0, 5)), gt.Parameter("r", domain=(0, 5)))
