"""Random parametric games for tests: symbolic payoffs and chance probabilities.

Importable from any test as ``import parametric`` (pytest ``pythonpath = ["tests"]``).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

import gametheory as gt
from gametheory.games.generators import random_tree


def symbolic_tree(nodes: int, seed: int, share: float = 0.5, chance: float = 0.3,
                  payoffs: str = "int") -> gt.ExtensiveFormGame:
    """A random perfect-information tree with chance whose entries depend on q and r.

    The tree of ``random_tree(nodes, seed, chance=chance, merge=0)`` is rebuilt: each
    chance node's distribution w becomes ``(1 - q) w + q u`` (u the reversed w, so it is a
    distribution for q in [0, 1]), and a share of the terminal payoffs x become
    ``x + a q + b r`` with small integer a, b (the others stay numeric, so ties remain).
    """
    q, r = gt.parameters("q r")
    base = random_tree(nodes, seed=seed, chance=chance, merge=0, payoffs=payoffs)
    a = base.arrays
    rng = np.random.default_rng(seed + 10**6)
    g = gt.ExtensiveFormGame(base.players)
    new = {0: g.root}
    kids = [[] for _ in range(len(a.parent))]
    for v in range(1, len(a.parent)):
        kids[int(a.parent[v])].append(v)
    term = {int(t): k for k, t in enumerate(a.terminals)}
    for v in range(len(a.parent)):
        node, p = new[v], int(a.player[v])
        if p == -2:
            vals = []
            for x in a.payoffs[term[v]].tolist():
                x = Fraction(x) if payoffs == "int" else x
                if rng.random() < share:
                    x = x + int(rng.integers(-2, 3)) * q + int(rng.integers(-2, 3)) * r
                vals.append(x)
            node.payoffs(*vals)
            continue
        if p == -1:
            w = [Fraction(x).limit_denominator(1000) for x in a.chance_prob[kids[v]].tolist()]
            u = w[::-1]
            made = node.chance({f"c{j}": (1 - q) * wj + q * uj
                                for j, (wj, uj) in enumerate(zip(w, u, strict=True))})
        else:
            h = int(a.infoset[v])
            made = node.decide(base.players[p], a.infoset_actions[h],
                               infoset=a.infoset_labels[h])
        for c, m in zip(kids[v], made, strict=True):
            new[c] = m
    if "q" in [s.name for s in g.parameters]:
        g.describe(gt.Parameter("q", domain=(0, 1)))
    return g
