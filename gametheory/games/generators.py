"""Random game trees for tests and benchmarks (seeded; no global random state).

>>> from gametheory.games.generators import random_tree
>>> g = random_tree(200, seed=3)
>>> g.has_perfect_recall, g.num_players, 150 <= g.num_nodes <= 205
(True, 2, True)
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from .extensive import ExtensiveFormGame

__all__ = ["random_tree"]


def random_tree(nodes: int, seed: int = 0, players: int = 2, actions: tuple[int, int] = (2, 3),
                chance: float = 0.2, merge: float = 0.6, stop: float = 0.3,
                payoffs: str = "int", zero_sum: bool = False) -> ExtensiveFormGame:
    """A random tree with chance moves and imperfect information but perfect recall.

    Nodes are expanded in random order until about ``nodes`` nodes exist. A decision node
    joins an earlier information set of its player with probability ``merge`` when one
    is compatible: same number of actions, not on the node's own path, and the same
    last own move of the player (so perfect recall holds).

    Parameters
    ----------
    nodes : int
        Approximate number of nodes (the result has at most ``nodes + actions[1]``).
    seed : int
        Seed of the generator.
    players : int
        Number of players, named ``"P1"``, ``"P2"``, ...
    actions : (int, int)
        Least and greatest number of actions (or chance outcomes) at a node.
    chance : float
        Probability that an expanded node is a chance node (exact probabilities).
    merge : float
        Probability of joining a compatible earlier information set.
    stop : float
        Probability that a non-root node becomes terminal before the budget runs out.
    payoffs : {"int", "float"}
        Integer payoffs in [-5, 5] or floats in [0, 1).
    zero_sum : bool
        Make the payoffs sum to zero (two players).

    Returns
    -------
    ExtensiveFormGame
    """
    rng = np.random.default_rng(seed)
    names = [f"P{i + 1}" for i in range(players)]
    g = ExtensiveFormGame(names)
    # per frontier node: (node, last own (infoset, action) per player, infosets on path)
    frontier = [(g.root, (None,) * players, frozenset())]
    sets: dict[tuple, list[str]] = {}       # (player, k, last own move) -> infoset labels
    count = 1
    while frontier:
        node, last, above = frontier.pop(int(rng.integers(len(frontier))))
        k = int(rng.integers(actions[0], actions[1] + 1))
        if count + k > nodes or (node.id and rng.random() < stop):
            _terminal(node, rng, players, payoffs, zero_sum)
            continue
        count += k
        acts = [f"a{j}" for j in range(k)]
        if rng.random() < chance:
            w = rng.integers(1, 4, size=k)
            kids = node.chance({a: Fraction(int(x), int(w.sum()))
                                for a, x in zip(acts, w, strict=True)})
            frontier += [(c, last, above) for c in kids]
            continue
        p = int(rng.integers(players))
        key = (p, k, last[p])
        free = [h for h in sets.get(key, ()) if h not in above]
        if free and rng.random() < merge:
            label = free[int(rng.integers(len(free)))]
        else:
            label = f"{names[p]}:{sum(len(v) for v in sets.values())}"
            sets.setdefault(key, []).append(label)
        kids = node.decide(names[p], acts, infoset=label)
        for a, c in enumerate(kids):
            own = last[:p] + ((label, a),) + last[p + 1:]
            frontier.append((c, own, above | {label}))
    return g


def _terminal(node, rng, players: int, payoffs: str, zero_sum: bool) -> None:
    if payoffs == "float":
        vals = [float(x) for x in rng.random(players)]
    else:
        vals = [int(x) for x in rng.integers(-5, 6, size=players)]
    if zero_sum:
        vals[-1] = -sum(vals[:-1])
    node.payoffs(*vals)
