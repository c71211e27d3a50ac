"""Shared test helpers: random games and the independent oracles (pygambit, nashpy).

Importable from any test as ``import oracles`` (pytest ``pythonpath = ["tests"]``).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np


def random_bimatrix(rng: np.random.Generator, m: int, n: int, kind: str = "int"):
    """A random bimatrix game (A, B).

    kind: ``"uniform"`` floats in [0, 1) (nondegenerate with probability 1);
    ``"int"`` integers in [-3, 3] (often degenerate: ties are common);
    ``"binary"`` integers in {0, 1} (highly degenerate).
    """
    if kind == "uniform":
        return rng.random((m, n)), rng.random((m, n))
    if kind == "int":
        return rng.integers(-3, 4, (m, n)), rng.integers(-3, 4, (m, n))
    if kind == "binary":
        return rng.integers(0, 2, (m, n)), rng.integers(0, 2, (m, n))
    raise ValueError(kind)


def gambit_extreme_equilibria(A, B) -> set[tuple]:
    """Extreme equilibria by pygambit's enummixed_solve in rational arithmetic, as a set
    of tuples of Fractions (x followed by y)."""
    import pygambit as gbt

    g = gbt.StrategicGame.from_arrays(np.asarray(A, dtype=object),
                                      np.asarray(B, dtype=object))
    res = gbt.nash.enummixed_solve(g, rational=True)
    return {tuple(v for row in gambit_strategies(eq) for v in row) for eq in res.equilibria}


def nashpy_equilibria(A, B) -> list[tuple[np.ndarray, np.ndarray]]:
    """Equilibria by nashpy's vertex enumeration (floats)."""
    import nashpy

    return [(np.asarray(x), np.asarray(y))
            for x, y in nashpy.Game(np.asarray(A, float), np.asarray(B, float))
            .vertex_enumeration()]


def solution_key_set(sol) -> set[tuple]:
    """The equilibria of an exact Solution as a set of tuples of Fractions (x then y)."""
    return {tuple(Fraction(v) for s in eq.strategies for v in s) for eq in sol.equilibria}


# ---------------------------------------------------------------- pygambit tables
# pygambit 17 indexes a mixed strategy profile by player label only and sets a player's
# whole distribution at once, keyed by strategy label; these helpers translate to and
# from our per-player lists (pygambit's players and strategies in their own order).
def _gambit_number(x, rational: bool):
    import pygambit as gbt

    return gbt.Rational(str(Fraction(x))) if rational else float(x)


def gambit_table(*arrays):
    """pygambit's strategic game with these payoff arrays (one per player)."""
    import pygambit as gbt

    return gbt.StrategicGame.from_arrays(*arrays)


def gambit_strategy_profile(theirs, strategies, rational: bool = False):
    """pygambit's mixed strategy profile on ``theirs`` equal to our per-player lists."""
    prof = theirs.mixed_strategy_profile(rational=rational)
    for player, probs in zip(theirs.players, strategies, strict=True):
        labels = theirs.get_strategies(player)
        prof.set_mixed_strategy(player, {s: _gambit_number(p, rational)
                                         for s, p in zip(labels, probs, strict=True)})
    return prof


def gambit_strategies(profile) -> list[list]:
    """A pygambit mixed strategy profile as per-player lists (Fractions when rational,
    floats otherwise)."""
    g = profile.game
    conv = Fraction if isinstance(profile, _gbt().MixedStrategyProfileRational) else float
    return [[conv(profile[p][s]) for s in g.get_strategies(p)] for p in g.players]


def gambit_nf_regret(theirs, strategies, rational: bool = False):
    """pygambit's max_regret of our profile on its game (a Fraction when rational)."""
    r = gambit_strategy_profile(theirs, strategies, rational).max_regret()
    return Fraction(r) if rational else float(r)


def _gbt():
    import pygambit as gbt

    return gbt


# ---------------------------------------------------------------- pygambit trees
# pygambit 17 addresses nodes by the labels of the actions from the root (``gbt.H.path``);
# nodes and information sets are no longer objects to hold on to.
@dataclass(frozen=True)
class GambitInfoset:
    """One of pygambit's information sets: ``at`` selects a member, ``actions`` are the
    labels of its actions in order."""

    at: object
    actions: tuple[str, ...]


def to_pygambit(game):
    """The same tree built with pygambit's own API (an independent implementation).

    Returns the pygambit game, {our information set index: GambitInfoset} and
    {our node id: the action labels from the root (pygambit's path to it)}.
    """
    import pygambit as gbt

    H = gbt.H
    out = gbt.ExtensiveGame(players=list(game.players))
    paths, isets = {0: ()}, {}
    for v in range(game.num_nodes):
        path, move = paths[v], game._move[v]
        if move is not None:
            labels = list(game._labels[v])
            if move[0] < 0:
                out.append_event(H.path(*path), {
                    a: gbt.Rational(str(Fraction(p)))
                    for a, p in zip(labels, game._chance_probs[v], strict=True)})
            elif move[1] in isets:
                out.append_infoset(H.path(*path), isets[move[1]].at)
            else:
                out.append_move(H.path(*path), game.players[move[0]], labels)
                isets[move[1]] = GambitInfoset(H.path(*path), tuple(labels))
            for c, label in zip(game._children[v], labels, strict=True):
                paths[c] = (*path, label)
        if v in game._outcomes:
            out.make_outcome(H.path(*path),
                             payoffs={p: gbt.Rational(str(Fraction(x)))
                                      for p, x in zip(game.players, game._outcomes[v],
                                                      strict=True)},
                             label=f"o{v}")
    return out, isets, paths


def pygambit_profile(game, behavior, rational: bool = True):
    """pygambit's behaviour profile equal to ours; returns it and the node paths."""
    theirs, isets, paths = to_pygambit(game)
    prof = theirs.mixed_behavior_profile(rational=rational)
    labels = game.arrays.infoset_labels
    for h, iset in isets.items():
        prof.set_mixed_action(iset.at, {a: _gambit_number(behavior[labels[h]][a], rational)
                                        for a in iset.actions})
    return prof, paths


def gambit_efg_profile(theirs, game, behavior, rational: bool = True):
    """pygambit's behaviour profile on ``theirs`` (our ``game`` as pygambit read it from
    our .efg text) equal to our ``behavior``: each of its information sets is matched to
    ours through a member's action path, since pygambit 17 does not expose infoset labels."""
    prof = theirs.mixed_behavior_profile(rational=rational)
    for label, at in _efg_infosets(theirs, game).items():
        prof.set_mixed_action(at, {a: _gambit_number(behavior[label][a], rational)
                                   for a in theirs.get_actions(at)})
    return prof


def gambit_efg_behavior(theirs, game, profile) -> dict[str, dict[str, float]]:
    """A pygambit behaviour profile on ``theirs`` (our ``game`` as pygambit read it) as our
    behaviour dict, {our information set label: {action label: probability (float)}}."""
    return {label: {a: float(p) for a, p in profile[at]}
            for label, at in _efg_infosets(theirs, game).items()}


def _efg_infosets(theirs, game) -> dict:
    """{our information set label: a selector of a member of pygambit's same set}, matched
    through a member's action path."""
    H = _gbt().H
    labels = game.arrays.infoset_labels
    out = {}
    for player in theirs.players:
        for history in theirs.get_infosets(player):
            v = 0
            for a in history.actions:
                v = game._children[v][list(game._labels[v]).index(a)]
            out[labels[game._move[v][1]]] = H.path(*history.actions)
    return out


def pygambit_regret(game, behavior, rational: bool = True):
    """pygambit's max_regret of our behaviour profile (a Fraction when rational).

    It is a regret over the players' whole (reduced) strategies, not the agent form's;
    pygambit can be slow on it, so keep the trees small."""
    prof, _ = pygambit_profile(game, behavior, rational)
    r = prof.max_regret()
    return Fraction(r) if rational else float(r)


def gambit_logit_limit(theirs, **options):
    """pygambit's ``logit_solve`` result and the last profile it traced on the way.

    pygambit 17.0.0b2 returns no equilibrium when tracing ends short of its regret target
    (``LogitTerminationReason.REGRET_TARGET_NOT_REACHED``; e.g. on the Kreps-Wilson chain
    store, at lambda near 2500): the last traced point is then its best approximation."""
    import pygambit as gbt

    path = []
    res = gbt.nash.logit_solve(theirs, event_callback=lambda e: path.append(e)
                               if isinstance(e, gbt.LogitPathEvent) else None, **options)
    return res, path[-1].qre.profile
