"""Small trees shared by several test files.

Importable from any test as ``from sample_trees import entry_game`` (pytest
``pythonpath = ["tests"]``).
"""

from __future__ import annotations

from typing import Any

import gametheory as gt


def entry_game() -> gt.ExtensiveFormGame:
    """The entry game (Selten 1978): (out, fight) is a Nash equilibrium that is not
    subgame perfect; (enter, accommodate) is the subgame-perfect one. Information sets
    ``"E"`` and ``"I"``."""
    g = gt.ExtensiveFormGame(["Entrant", "Incumbent"])
    out, enter = g.root.decide("Entrant", ["out", "enter"], infoset="E")
    out.payoffs(0, 2)
    fight, acc = enter.decide("Incumbent", ["fight", "accommodate"], infoset="I")
    fight.payoffs(-1, -1)
    acc.payoffs(1, 1)
    return g


def guarantees_tree(q: Any, accept: Any = 0) -> gt.ExtensiveFormGame:
    """Ukraine picks NATO or neutral; under neutrality a guarantee is honoured with
    probability ``q`` (chance) and Russia, not seeing the draw, escalates or accepts.

    11 nodes, two players, a chance node and a two-node information set
    ``"Russia | neutral"``; ``accept`` is Russia's payoff when it accepts neutrality.
    """
    g = gt.ExtensiveFormGame(["Ukraine", "Russia"])
    nato, neutral = g.root.decide("Ukraine", ["NATO", "neutral"])
    esc, acc = nato.decide("Russia", ["escalate", "accept"], infoset="Russia | NATO")
    _ = esc.payoffs(-3, -1), acc.payoffs(2, -2)
    honour, abandon = neutral.chance({"honour": q, "abandon": 1 - q})
    for node, cost in ((honour, (-1, -3)), (abandon, (-4, 2))):
        e, a = node.decide("Russia", ["escalate", "accept"], infoset="Russia | neutral")
        _ = e.payoffs(*cost), a.payoffs(1, accept)
    return g


def zero_sum_guessing_tree(c: Any = 1) -> gt.ExtensiveFormGame:
    """A moves L or R unseen by B, who picks x or y; A's payoffs (3c, -c) after L and
    (0, 2c) after R, B's their negatives. By hand: A plays L with 1/3 (3 p = 2 - 3 p), B
    plays x with 1/2 (4 q - 1 = 2 - 2 q), value c."""
    t = gt.ExtensiveFormGame(["A", "B"])
    left, right = t.root.decide("A", ["L", "R"])
    for node, (u, v) in zip((left, right), ((3, -1), (0, 2))):
        x, y = node.decide("B", ["x", "y"], infoset="B")
        x.payoffs(u * c, -u * c)
        y.payoffs(v * c, -v * c)
    return t
