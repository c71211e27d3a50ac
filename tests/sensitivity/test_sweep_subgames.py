"""Batched sweeps of trees with imperfect information (subgame perfection) against the
per-point ``gt.solve(method="spe")``, point by point, equilibria as sets.

Subgame perfection: Selten (1975), *Int. J. Game Theory* 4, 25-55; the pieces are solved
as in Osborne & Rubinstein (1994), *A Course in Game Theory*, sec. 6.2 and 11.1.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy

import gametheory as gt
from gametheory.sensitivity._sweep_solve import vectorised
from gametheory.solvers.batched_subgames import subgames_batch

TRACKS = {"neutral": (3, 8), "bloc": (5, -2)}     # Ukraine's and Russia's payoff on concede
TYPES = {"hawk": 4, "dove": 1}                    # Russia's value of a won war


def guarantors_tree(bloc_war: int = 0) -> gt.ExtensiveFormGame:
    """Ukraine picks a track, chance Russia's type (1/2 each), Russia escalates or
    concedes, and after an escalation two guarantors choose defend/abandon simultaneously.

    G1 wants to match G2; G2 free-rides (abandons when G1 defends) and for q < 1/4
    abandons whatever G1 does; for 1/4 < q < 1 the guarantors' piece has one mixed
    equilibrium, and at q = 1/4 and q = 1 G2 is indifferent (a degenerate piece). With
    K the share of defenders, Russia gets V - 10 K after an escalation (V = 4 or 1, C_R =
    6) and Ukraine -10 + 6 K; Russia's payoff on conceding to a neutral Ukraine is 8 q, so
    a dove facing no defence (q < 1/4) is indifferent at q = 1/8, and below it every
    type escalates on both tracks and Ukraine is indifferent between them, unless
    ``bloc_war`` is added to its war payoffs on the bloc track (the benchmark's variant,
    ``benchmarks/bench_sweep_subgames.py``, adds 1).
    """
    q = gt.parameters("q")
    g = gt.ExtensiveFormGame(["Ukraine", "Russia", "G1", "G2"], title="two guarantors")
    g1 = {("D", "D"): 1 + q, ("D", "A"): -1, ("A", "D"): 0, ("A", "A"): sympy.Rational(1, 2) - q}
    g2 = {("D", "D"): q - 1, ("D", "A"): 0, ("A", "D"): 2 * q - sympy.Rational(1, 2),
          ("A", "A"): 0}
    for track, t_node in zip(TRACKS, g.root.decide("Ukraine", list(TRACKS), infoset="Ukraine")):
        u_peace, r_peace = TRACKS[track]
        kinds = t_node.chance({"hawk": sympy.Rational(1, 2), "dove": sympy.Rational(1, 2)})
        for typ, node in zip(TYPES, kinds):
            concede, escalate = node.decide("Russia", ["concede", "escalate"],
                                            infoset=f"Russia | {track}, {typ}")
            concede.payoffs(u_peace, 8 * q if track == "neutral" else r_peace, 0, 0)
            for a1, n1 in zip("DA", escalate.decide("G1", ["defend", "abandon"],
                                                    infoset=f"G1 | {track}, {typ}")):
                for a2, leaf in zip("DA", n1.decide("G2", ["defend", "abandon"],
                                                    infoset=f"G2 | {track}, {typ}")):
                    K = sympy.Rational((a1 == "D") + (a2 == "D"), 2)
                    war = -10 + 6 * K + (bloc_war if track == "bloc" else 0)
                    leaf.payoffs(war, TYPES[typ] - 10 * K, g1[a1, a2], g2[a1, a2])
    return g.describe(gt.Parameter("q", default=sympy.Rational(1, 2), domain=(0, 1)))


def _pay(rng: np.random.Generator, q, N: int) -> list:
    return [int(rng.integers(0, 10)) + int(rng.integers(-3, 4)) * q for _ in range(N)]


def random_tree(seed: int, players: int = 3) -> gt.ExtensiveFormGame:
    """A tree with chance (probabilities in q), a simultaneous two-player subgame under
    each chance outcome, a piece with a chance move inside an information set, and for
    three or more players a simultaneous three-player subgame; payoffs a + b q with small
    integers (so ties at simple values of q)."""
    q = gt.parameters("q")
    rng = np.random.default_rng(seed)
    names = [f"P{i}" for i in range(players)]
    g = gt.ExtensiveFormGame(names, title=f"random {seed}")
    x, y, z = g.root.decide("P0", ["x", "y", "z"])
    for o, c in zip("ht", x.chance({"h": (1 + q) / 3, "t": (2 - q) / 3})):
        a, b = rng.choice(players, 2, replace=False)
        k = int(rng.integers(2, 4))
        for n in c.decide(names[a], [f"a{i}" for i in range(k)]):
            for leaf in n.decide(names[b], ["l", "r"], infoset=f"{names[b]} | x {o}"):
                leaf.payoffs(*_pay(rng, q, players))
    left, right = y.decide("P1", ["l", "r"])
    left.payoffs(*_pay(rng, q, players))
    if players >= 3:                                # three players move at once
        for n0 in right.decide("P0", ["u", "d"], infoset="P0 | y r"):
            for n1 in n0.decide("P1", ["u", "d"], infoset="P1 | y r"):
                for leaf in n1.decide("P2", ["u", "d"], infoset="P2 | y r"):
                    leaf.payoffs(*_pay(rng, q, players))
    else:
        for leaf in right.decide("P0", ["u", "d"]):
            leaf.payoffs(*_pay(rng, q, players))
    # P1 moves, chance moves, then P0 decides seeing neither
    for n in z.decide("P1", ["s", "t"]):
        for c in n.chance({"c": sympy.Rational(1, 3), "e": sympy.Rational(2, 3)}):
            for leaf in c.decide("P0", ["f", "g"], infoset="P0 | z"):
                leaf.payoffs(*_pay(rng, q, players))
    return g.describe(gt.Parameter("q", default=sympy.Rational(1, 2), domain=(0, 1)))


def _vectors(game, sol) -> list[np.ndarray]:
    labels = game.arrays.infoset_labels
    acts = game.arrays.infoset_actions
    return [np.array([float(eq.behavior[h][a]) for h, aa in zip(labels, acts) for a in aa]
                     + [float(v) for v in eq.payoffs]) for eq in sol.equilibria]


def _same_sets(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    if len(a) != len(b):
        return False
    return all(min(np.abs(u - v).max() for v in b) <= 1e-9 for u in a) and \
        all(min(np.abs(u - v).max() for v in a) <= 1e-9 for u in b)


def _check_against_points(game, method: str, values: np.ndarray) -> tuple[int, int]:
    """The sweep equals gt.solve at every point (with the sweep's method: "spe", or
    "auto", which is "spe" unless spe finds no equilibrium, a three-player piece without a
    pure one); returns (points with several equilibria, points answered by the batch
    without the per-point solver)."""
    sw = gt.sweep(game, {"q": values}, method=method)
    assert vectorised(game, method, {}) == "spe"
    several = 0
    for k, v in enumerate(values):
        ref = gt.solve(game.substitute(q=float(v)), method=method)
        assert ref.method == "spe" or not gt.solve(game.substitute(q=float(v)),
                                                   method="spe").equilibria
        got = sw.solution(k)
        assert _same_sets(_vectors(game, got), _vectors(game, ref)), (k, v)
        assert got.complete == ref.complete, (k, v)
        several += len(ref.equilibria) > 1
    pay, prob = game.evaluator()({"q": values})
    asked: list[int] = []

    def fallback(idx):
        asked.extend(int(i) for i in idx)
        return [gt.solve(game.substitute(q=float(values[i])), method="spe") for i in idx]

    subgames_batch(game, pay, prob, None, fallback, game.substitute(q=0.5))
    return several, len(values) - len(asked)


def test_guarantors_tree_equals_points_with_ties():
    game = guarantors_tree()
    values = np.linspace(0, 1, 161)                # q = 1/8, 1/4 and 1 are grid points
    several, batched = _check_against_points(game, "auto", values)
    # for q <= 1/8 nobody defends and both types escalate on both tracks, so Ukraine is
    # indifferent (-10 either way; at q = 1/8 the dove is indifferent too); degenerate
    # guarantor pieces (several extreme equilibria) at q = 1/4 and q = 1: 23 points with
    # several equilibria, solved by the per-point solver
    assert several == 23
    assert batched == 161 - 23
    # at q = 1/8: the dove concedes (Ukraine neutral) or escalates (Ukraine indifferent)
    ref = gt.solve(game.substitute(q=0.125), method="spe")
    assert len(ref.equilibria) == 3


@pytest.mark.parametrize("seed", [2, 3, 4, 8])
def test_random_three_player_trees_equal_points(seed):
    game = random_tree(seed)
    several, batched = _check_against_points(game, "auto", np.linspace(0, 1, 41))
    assert batched > 0 and several > 0          # both paths: batch and per-point ties


@pytest.mark.parametrize("seed", [1, 3, 7])
def test_random_two_player_trees_with_method_spe(seed):
    # "auto" solves a two-player tree with imperfect information through its reduced
    # normal form (Nash equilibria), so only method="spe" sweeps it by subgames
    game = random_tree(seed, players=2)
    assert vectorised(game, "auto", {}) is None
    several, batched = _check_against_points(game, "spe", np.linspace(0, 1, 41))
    assert batched > 0 and several > 0


def test_batch_without_fallback_marks_unsettled_points():
    game = guarantors_tree()
    values = np.array([0.125, 0.25, 0.6])
    pay, prob = game.evaluator()({"q": values})
    res = subgames_batch(game, pay, prob, numeric=game.substitute(q=0.5))
    assert res.counts.tolist() == [0, 0, 1]
    assert res.complete.tolist() == [False, False, True]
    # q = 0.6: s = (2q - 1/2)/(q + 1/2) on defend for G1, p = (3/2 - q)/(5/2) for G2
    sol = gt.solve(game.substitute(q=sympy.Rational(3, 5)), method="spe", exact=True)
    want = _vectors(game, sol)[0]
    assert np.abs(np.concatenate([res.profile[0], res.payoffs[0]]) - want).max() < 1e-9
    beh = sol.equilibria[0].behavior
    assert beh["G1 | bloc, hawk"]["defend"] == Fraction(7, 11)
    assert beh["G2 | bloc, hawk"]["defend"] == Fraction(9, 25)


def test_explicit_spe_sweep_with_options_is_per_point():
    game = guarantors_tree()
    assert vectorised(game, "spe", {"subgame_method": "vertex"}) is None
    sw = gt.sweep(game, {"q": [0.3, 0.7]}, method="spe", subgame_method="vertex")
    assert sw.counts.tolist() == [1, 1]
