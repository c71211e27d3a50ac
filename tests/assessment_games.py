"""Random games for property tests of assessments (sequential, perfect Bayesian
equilibria), deterministic from a seed; importable as ``import assessment_games`` (pytest
``pythonpath = ["tests"]``).

- :func:`random_signalling_game`: chance picks one of ``types`` types with a Fraction
  prior; the sender sends one of ``messages`` messages; the receiver, seeing the message,
  answers with one of ``responses``; integer payoffs. Built with the package's
  ``signalling_tree`` (information sets ``"Sender: t1"``, ``"Receiver: m1"``).
- :func:`random_small_tree`: two players, perfect recall, imperfect information, chance
  allowed, at most ``max_terminals`` terminal nodes: a
  :func:`gametheory.games.generators.random_tree` accepted by those tests.
- :func:`random_behavior`: an exact behaviour profile of a tree, with some zeros (so some
  information sets may be unreached) and :func:`random_beliefs` at every information set.
- Hypothesis strategies :func:`signalling_games`, :func:`small_trees` and
  :func:`assessments` drawing seeds (and sizes), so a failure shrinks to a seed.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import strategies as st

import gametheory as gt
from gametheory.games.generators import random_tree
from gametheory.refinements._signalling_structure import signalling_tree

__all__ = ["random_signalling_game", "random_small_tree", "random_behavior",
           "random_beliefs", "signalling_games", "small_trees", "assessments"]


def _fractions(rng: np.random.Generator, k: int, zeros: bool = False) -> list[Fraction]:
    """k probabilities with small denominators summing to 1 (some 0 when ``zeros``)."""
    w = [int(x) for x in rng.integers(0 if zeros else 1, 4, size=k)]
    if sum(w) == 0:
        w[int(rng.integers(k))] = 1
    return [Fraction(x, sum(w)) for x in w]


def random_signalling_game(seed: int, types: int = 2, messages: int = 2,
                           responses: int = 2, low: int = -3, high: int = 3
                           ) -> gt.ExtensiveFormGame:
    """A random signalling game: types ``t1..``, messages ``m1..``, responses ``r1..``,
    a prior with positive Fractions (denominators up to 3 * types), payoffs integers in
    ``[low, high]``.

    >>> g = random_signalling_game(7, types=3)
    >>> sorted(g.infosets)[:2], g.kind, len(g.arrays.terminals)
    (['Receiver: m1', 'Receiver: m2'], 'exact', 12)
    >>> random_signalling_game(7, types=3) == g
    True
    """
    rng = np.random.default_rng([seed, types, messages, responses])
    ts = [f"t{i + 1}" for i in range(types)]
    ms = [f"m{i + 1}" for i in range(messages)]
    rs = [f"r{i + 1}" for i in range(responses)]
    prior = dict(zip(ts, _fractions(rng, types), strict=True))
    pay = rng.integers(low, high + 1, size=(types, messages, responses, 2))

    def payoffs(t: str, m: str, r: str) -> tuple[int, int]:
        a, b = pay[ts.index(t), ms.index(m), rs.index(r)]
        return int(a), int(b)

    return signalling_tree(prior, ms, rs, payoffs, title=f"random signalling game {seed}")


def random_small_tree(seed: int, max_terminals: int = 12, chance: bool = True
                      ) -> gt.ExtensiveFormGame:
    """A small random two-player tree with perfect recall and imperfect information
    (some information set has two or more nodes), integer payoffs in [-5, 5], exact
    chance probabilities (``chance=False``: none), at most ``max_terminals`` terminals.

    Draws :func:`~gametheory.games.generators.random_tree` with sub-seeds derived from
    ``seed`` until one qualifies (deterministic).

    >>> g = random_small_tree(3)
    >>> g.num_players, g.has_perfect_recall, g.has_perfect_information
    (2, True, False)
    >>> len(g.arrays.terminals) <= 12 and random_small_tree(3) == g
    True
    """
    if max_terminals < 3:
        raise ValueError("a tree with imperfect information needs at least 3 terminals")
    for k in range(10_000):
        rng = np.random.default_rng([seed, k])
        nodes = int(rng.integers(5, 2 * max_terminals))
        g = random_tree(nodes, seed=int(rng.integers(2**31)), players=2, actions=(2, 3),
                        chance=0.25 if chance else 0.0, merge=0.7, stop=0.25)
        a = g.arrays
        if len(a.terminals) <= max_terminals and not g.has_perfect_information \
                and g.has_perfect_recall and len(set(a.infoset_player.tolist())) == 2:
            return g
    raise RuntimeError(f"no qualifying tree for seed {seed}")  # pragma: no cover


def random_behavior(game: gt.ExtensiveFormGame, seed: int, zeros: bool = True
                    ) -> dict[str, dict[str, Fraction]]:
    """An exact behaviour profile: at each information set random small-denominator
    probabilities, some of them 0 when ``zeros`` (at least one action positive).

    >>> g = random_signalling_game(1)
    >>> beh = random_behavior(g, 5)
    >>> sorted(beh) == sorted(g.infosets), all(sum(d.values()) == 1 for d in beh.values())
    (True, True)
    """
    rng = np.random.default_rng([seed, 1])
    return {label: dict(zip(acts, _fractions(rng, len(acts), zeros), strict=True))
            for label, (_, acts) in game.infosets.items()}


def random_beliefs(game: gt.ExtensiveFormGame, seed: int, zeros: bool = True,
                   behavior: dict | None = None) -> dict[str, dict[str, Fraction]]:
    """A random belief ``{node path: probability}`` at every information set with two or
    more nodes, or, given ``behavior``, only at those it does not reach (elsewhere
    ``check_assessment`` applies Bayes' rule).

    >>> g = random_signalling_game(1)
    >>> sorted(random_beliefs(g, 2)["Receiver: m1"])
    ['t1/m1', 't2/m1']
    >>> beh = {"Sender: t1": "m1", "Sender: t2": "m1", "Receiver: m1": "r1",
    ...        "Receiver: m2": "r1"}
    >>> list(random_beliefs(g, 2, behavior=beh))
    ['Receiver: m2']
    """
    rng = np.random.default_rng([seed, 2])
    bayes = None if behavior is None else game.beliefs(behavior)
    out = {}
    for h in game.information_sets:
        if len(h.members) > 1 and (bayes is None or bayes[h.label] is None):
            paths = [game.path(v) for v in h.members]
            out[h.label] = dict(zip(paths, _fractions(rng, len(paths), zeros), strict=True))
    return out


_SEEDS = st.integers(min_value=0, max_value=2**31 - 1)


@st.composite
def signalling_games(draw, types=(2, 3), messages=(2, 3), responses=(2, 3)):
    """Hypothesis strategy: :func:`random_signalling_game` with a drawn seed and sizes
    in the given inclusive ranges."""
    return random_signalling_game(draw(_SEEDS), types=draw(st.integers(*types)),
                                  messages=draw(st.integers(*messages)),
                                  responses=draw(st.integers(*responses)))


def small_trees(max_terminals: int = 12, chance: bool = True):
    """Hypothesis strategy: :func:`random_small_tree` with a drawn seed."""
    return _SEEDS.map(lambda s: random_small_tree(s, max_terminals, chance))


@st.composite
def assessments(draw, games=None, zeros: bool = True):
    """Hypothesis strategy: ``(game, behavior, beliefs)``, the game from ``games``
    (default :func:`small_trees`), :func:`random_behavior` and :func:`random_beliefs` at
    the information sets the behaviour does not reach (Bayes' rule, applied by
    ``check_assessment``, elsewhere)."""
    game = draw(small_trees() if games is None else games)
    seed = draw(_SEEDS)
    behavior = random_behavior(game, seed, zeros)
    return game, behavior, random_beliefs(game, seed, zeros, behavior)
