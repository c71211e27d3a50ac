"""Exact critical values beyond two-player normal forms and perfect information (issue 13,
section 3): trees with imperfect information and several players under subgame perfection,
N-player normal forms (the polynomial systems of "enumpoly"), the registry's candidate
sources, and the closed forms where the equilibria are pure.

Known thresholds are derived by hand in the comments (the volunteer's dilemma of Diekmann
1985); random games are checked against exact solves on both sides of every reported value
and on a fine grid of rational points.
"""

from __future__ import annotations

import random
from fractions import Fraction

import numpy as np
import pytest
import sympy

import gametheory as gt
from gametheory.sensitivity.critical import structure_key
from gametheory.solvers.registry import METHODS, Method, register, unregister

Q0 = 3 - 2 * sympy.sqrt(sympy.Rational(3, 5))      # ~ 1.4508, derived below


def guarantor_tree(guarantors: int = 2) -> gt.ExtensiveFormGame:
    """Ukraine concedes (-2, 1, 0, ...) or seeks guarantees; Russia then stays
    (2, 0, q/4, ...) or escalates, and the guarantors choose simultaneously (one
    information set each after the first) to defend (cost 3) or abandon (audience cost q).
    One defender suffices: each guarantor then gets 2 (benefit) - 3 if it defends, 2 - q if
    it abandons; if nobody defends each gets -q. Escalation pays Ukraine -1 if defended,
    -4 if not, and Russia -3 if defended, 2 if not.

    By hand, two guarantors (a volunteer's dilemma, Diekmann 1985, Journal of Conflict
    Resolution 29(4), 605-610, with the cost of volunteering reduced by the audience cost):
    defending pays -1; abandoning pays 2p - q when the other defends with probability p.
    q < 1: abandoning dominates, nobody defends, Russia escalates (2 > 0) and Ukraine
    concedes (-4 < -2): one SPE. 1 < q < 3: (defend, abandon), (abandon, defend) and the
    mixed equilibrium p = (q - 1)/2 (-1 = 2p - q). Against one defender Russia stays (0 >
    -3) and Ukraine seeks guarantees (2 > -2); against the mixed pair nobody defends with
    probability ((3 - q)/2)**2, so Russia escalates iff 5 ((3 - q)/2)**2 - 3 > 0, i.e.
    q < 3 - 2 sqrt(3/5) ~ 1.4508, and then Ukraine concedes (-1 - 3 (3/5..1) < -2): three
    SPE throughout. q > 3: defending dominates, Russia stays, Ukraine seeks guarantees: one
    SPE. Critical values 1, 3 - 2 sqrt(3/5), 3. With three guarantors the piece has three
    movers and "spe" searches it for pure equilibria (exactly one defender for 1 < q < 3):
    critical values 1 and 3.
    """
    q = gt.parameters("q")
    names = [f"G{k + 1}" for k in range(guarantors)]
    g = gt.ExtensiveFormGame(["Ukraine", "Russia", *names])
    concede, seek = g.root.decide("Ukraine", ["concede", "guarantees"])
    concede.payoffs(-2, 1, *[0] * guarantors)
    escalate, stay = seek.decide("Russia", ["escalate", "stay"])
    stay.payoffs(2, 0, *[q / 4] * guarantors)

    def choose(node, k, acts):
        if k == guarantors:
            held = "defend" in acts
            node.payoffs(-1 if held else -4, -3 if held else 2,
                         *[-1 if a == "defend" else (2 - q if held else -q) for a in acts])
            return
        kids = node.decide(names[k], ["defend", "abandon"], infoset=names[k])
        for a, kid in zip(["defend", "abandon"], kids):
            choose(kid, k + 1, acts + (a,))

    choose(escalate, 0, ())
    return g.describe(gt.Parameter("q", domain=(0, 5)))


def volunteers_with_russia() -> gt.NormalFormGame:
    """The guarantors' subgame and Russia's choice as one simultaneous 2x2x2 game, payoffs
    linear in q: G1, G2 as in :func:`guarantor_tree` (not affected by Russia), Russia
    escalates (2 if nobody defends, else -3) or stays (0). By hand as there: for q < 1 only
    (abandon, abandon, escalate); for 1 < q < 3 the two pure pairs with one defender (Russia
    stays) and the mixed pair p = (q - 1)/2 with Russia escalating iff q < 3 - 2 sqrt(3/5)
    (and staying above); for q > 3 (defend, defend, stay)."""
    q = gt.parameters("q")
    U = np.empty((3, 2, 2, 2), dtype=object)
    for i, j, k in np.ndindex(2, 2, 2):
        held = i == 0 or j == 0
        U[:, i, j, k] = (-1 if i == 0 else 2 * held - q, -1 if j == 0 else 2 * held - q,
                         (-3 if held else 2) if k == 0 else 0)
    g = gt.NormalFormGame(U, players=["G1", "G2", "Russia"],
                          strategies=[["defend", "abandon"]] * 2 + [["escalate", "stay"]])
    return g.describe(gt.Parameter("q", domain=(0, 5)))


def spe(g, t):
    return gt.solve(g.substitute(q=Fraction(t)), method="spe", exact=True)


def escalates(eq) -> bool:
    return eq.behavior["Russia: guarantees"]["escalate"] == 1


# ------------------------------------------------------------ trees, imperfect information
def test_four_player_guarantor_tree():
    g = guarantor_tree()
    cv = gt.critical_values(g, "q")
    assert [c.value for c in cv][::2] == [1, 3]
    assert sympy.simplify(cv[1].value - Q0) == 0 and not cv[1].value.is_Rational
    assert [(len(c.below), len(c.above)) for c in cv] == [(1, 3), (3, 3), (3, 1)]
    # the mixed guarantor equilibrium at q = 2 defends with probability (q - 1)/2 = 1/2
    mixed = [eq for eq in spe(g, 2).equilibria if eq.behavior["G1"]["defend"] not in (0, 1)]
    assert [eq.behavior["G1"]["defend"] for eq in mixed] == [Fraction(1, 2)]
    # across 3 - 2 sqrt(3/5): Russia escalates against the mixed pair below, not above
    assert sum(map(escalates, cv[1].below.equilibria)) == 1
    assert not any(map(escalates, cv[1].above.equilibria))
    assert cv[1].at is None and "Russia indifferent between escalate and stay" in str(cv[1])
    # confirmed by exact solves just below and above each value
    for c in cv:
        assert structure_key(spe(g, c.below_at)) != structure_key(spe(g, c.above_at))


def test_three_guarantors_pure_pieces_agree_with_spe():
    g = guarantor_tree(3)
    cv = gt.critical_values(g, "q")
    assert [c.value for c in cv] == [1, 3]
    assert [(len(c.below), len(c.above)) for c in cv] == [(1, 3), (3, 1)]
    assert not spe(g, 2).complete          # pure equilibria only in the 3-mover piece


def test_formulas_of_pure_subgame_perfect_equilibria():
    g = guarantor_tree()
    f = gt.equilibrium_formulas(g, q=(3, 5))         # both defend, Russia stays
    q = sympy.Symbol("q", real=True)
    assert len(f) == 1 and f[0].behavior["G1"]["defend"] == 1
    assert f[0].payoffs[:3] == (2, 0, q / 4)
    assert f[0].derivatives["q"][1][2] == sympy.Rational(1, 4)
    with pytest.raises(gt.GameError, match="mixes"):
        gt.equilibrium_formulas(g, q=2)


def imperfect_tree(seed: int) -> gt.ExtensiveFormGame:
    """A random three-player tree with chance nodes (probabilities (1 + q)/3, (2 - q)/3)
    and simultaneous two-player subgames (the second mover at an information set of two
    nodes), payoffs a + b q with small integers."""
    rng = random.Random(seed)
    q = gt.parameters("q")
    players = ["P1", "P2", "P3"]
    g = gt.ExtensiveFormGame(players)
    count = [0]

    def pay():
        return [rng.randint(-3, 3) + rng.randint(-6, 6) * q for _ in players]

    def build(node, depth):
        r = rng.random()
        if depth >= 4 or (depth and r < 0.15):
            node.payoffs(*pay())
        elif depth and r < 0.35:
            for kid in node.chance({"h": (1 + q) / 3, "t": (2 - q) / 3}):
                build(kid, depth + 1)
        elif r < 0.7:
            a, b = rng.sample(players, 2)
            count[0] += 1
            for n in node.decide(a, ["x", "y"]):
                for m in n.decide(b, ["l", "r"], infoset=f"{b} {count[0]}"):
                    if depth < 2 and rng.random() < 0.3:
                        build(m, depth + 2)
                    else:
                        m.payoffs(*pay())
        else:
            for kid in node.decide(rng.choice(players), ["L", "M", "R"][:rng.randint(2, 3)]):
                build(kid, depth + 1)

    build(g.root, 0)
    return g.describe(gt.Parameter("q", domain=(0, 1)))


@pytest.mark.parametrize("seed", [2, 3, 5])
def test_random_imperfect_trees_against_exact_solves(seed):
    g = imperfect_tree(seed)
    assert not g.has_perfect_information
    cv = gt.critical_values(g, "q")
    assert cv
    for c in cv:       # a real change at each value: the two sides, or the value itself
        kb, ka = structure_key(spe(g, c.below_at)), structure_key(spe(g, c.above_at))
        assert kb != ka or (c.at is not None and structure_key(c.at) != kb)
    grid = [Fraction(k, 80) for k in range(1, 80)]
    keys = [structure_key(spe(g, t)) for t in grid]
    for a, b, ka, kb in zip(grid, grid[1:], keys, keys[1:]):
        if ka != kb:                 # no unreported change between grid points
            assert any(a <= c.value <= b for c in cv), (a, b)


# ------------------------------------------------------------ N-player normal forms
def test_three_player_normal_form_rational_and_irrational_thresholds():
    g = volunteers_with_russia()
    cv = gt.critical_values(g, "q")
    assert [c.value for c in cv][::2] == [1, 3]
    assert sympy.simplify(cv[1].value - Q0) == 0
    assert [(len(c.below), len(c.above)) for c in cv] == [(1, 3), (3, 3), (3, 1)]
    assert "stay (Russia) becomes a best response" in cv[1].description
    # by hand at the points just below and above the irrational value: in the mixed
    # equilibrium (p = (q - 1)/2) Russia's gain from escalating, 5 ((3 - q)/2)**2 - 3,
    # changes sign, and Russia's choice there with it
    for t, sign in ((cv[1].below_at, 1), (cv[1].above_at, -1)):
        assert sympy.sign(5 * ((3 - sympy.Rational(t)) / 2) ** 2 - 3) == sign
        sol = gt.solve(g.substitute(q=t), method="enumpoly", exact=True)
        mixed = [eq for eq in sol.equilibria if len(eq.supports[0]) == 2]
        assert len(mixed) == 1 and mixed[0].supports[2] == ((0,) if sign > 0 else (1,))
        assert mixed[0].strategies[0][0] == (t - 1) / 2
    # the rational values: the equilibria at them differ from both sides
    assert all(c.at is not None and len(c.at) > 1 for c in cv[::2])


def test_three_player_formulas_pure_region_and_mixed_refused():
    g = volunteers_with_russia()
    f = gt.equilibrium_formulas(g, q=(3, 5))
    assert len(f) == 1 and f[0].strategies == ((1, 0), (1, 0), (0, 1))
    assert f[0].payoffs == (-1, -1, 0)
    with pytest.raises(gt.GameError, match="mixes"):
        gt.equilibrium_formulas(g, q=2)


def random_three_player(seed: int) -> gt.NormalFormGame:
    rng = np.random.default_rng(seed)
    q = gt.parameters("q")
    U = rng.integers(-3, 4, (3, 2, 2, 2)).astype(object) + rng.integers(-2, 3, (3, 2, 2, 2)) * q
    return gt.NormalFormGame(U).describe(gt.Parameter("q", domain=(-2, 2)))


def test_random_three_player_game_against_exact_solves():
    """Seed 7 has irrational thresholds (-4/7 - sqrt(65)/7 and a cubic root) and mixed
    equilibria with irrational probabilities at rational points."""
    g = random_three_player(7)
    cv = gt.critical_values(g, "q")
    assert any(not c.value.is_Rational for c in cv)

    def solve(t):
        return gt.solve(g.substitute(q=t), method="enumpoly", exact=True)

    for c in cv:
        kb, ka = structure_key(solve(c.below_at)), structure_key(solve(c.above_at))
        assert kb != ka or (c.at is not None and structure_key(c.at) != kb)
    grid = [Fraction(k, 10) for k in range(-19, 20)]
    keys = [structure_key(solve(t)) for t in grid]
    for a, b, ka, kb in zip(grid, grid[1:], keys, keys[1:]):
        if ka != kb:
            assert any(a <= c.value <= b for c in cv), (a, b)


def test_pure_source_on_three_players():
    g = volunteers_with_russia()
    cv = gt.critical_values(g, "q", method="pure")       # the pure equilibria change
    assert [c.value for c in cv] == [1, 3]


def test_too_large_for_elimination_suggests_a_sweep():
    q = gt.parameters("q")
    U = np.empty((3, 3, 3, 3), dtype=object)
    for idx in np.ndindex(U.shape):
        U[idx] = sum(idx) % 3 + (q if idx[0] == 0 else 0)
    with pytest.raises(gt.SolverError, match="3 players, 4 unknown.*has 6 unknowns and "
                                             "343 profiles.*gt.sweep"):
        gt.critical_values(gt.NormalFormGame(U), "q", method="enumpoly")
    four = gt.NormalFormGame(np.array(q) * np.ones((4, 2, 2, 2, 2), dtype=object))
    with pytest.raises(gt.SolverError, match="limited to 3 players.*shape \\(2, 2, 2, 2\\)"):
        gt.critical_values(four, "q")


# ------------------------------------------------------------ the registry decides
def test_old_two_player_error_is_gone():
    for g in (guarantor_tree(), volunteers_with_russia()):
        assert gt.critical_values(g, "q")      # once "exact analysis needs a two-player..."
    with pytest.raises(gt.SolverError, match="does not support exact"):
        gt.critical_values(volunteers_with_russia(), "q", method="pns")


def test_a_new_method_needs_one_registry_field():
    """A method registered with sensitivity="subgames" (as a sequential-equilibrium method
    whose equilibria change where the subgames' conditions do would be) is analysed."""
    spe_entry = METHODS["spe"]
    mine = register(Method.of(spe_entry.function, "spe-again", "subgame perfection again",
                              forms=spe_entry.forms, players=None, complete=False,
                              exact=True, options=(), reference="Selten (1975)", auto=False,
                              takes_normal_solver=True, sensitivity="subgames"))
    try:
        cv = gt.critical_values(guarantor_tree(), "q", method=mine.name)
        assert [float(c) for c in cv] == pytest.approx([1, float(Q0), 3])
        none = register(Method.of(spe_entry.function, "spe-none", "no source",
                                  forms=spe_entry.forms, players=None, complete=False,
                                  exact=True, options=(), reference="-", auto=False,
                                  takes_normal_solver=True))
        with pytest.raises(gt.SolverError, match="no exact candidate source.*spe"):
            gt.critical_values(guarantor_tree(), "q", method=none.name)
    finally:
        unregister("spe-again")
        if "spe-none" in METHODS:
            unregister("spe-none")
    with pytest.raises(gt.SolverError, match="unknown sensitivity source"):
        Method.of(spe_entry.function, "bad", "bad", forms=spe_entry.forms, players=None,
                  complete=False, exact=True, options=(), reference="-",
                  sensitivity="magic")


def test_every_builtin_method_declares_its_source():
    sources = {n: m.sensitivity for n, m in METHODS.items() if n in {
        "pure", "support", "vertex", "lemke-howson", "lp", "spe", "sequence-lp",
        "sequence-lcp", "qre", "enumpoly", "pns", "best-response"}}
    assert sources == {"pure": "pure", "support": "support", "vertex": "support",
                       "lemke-howson": "support", "lp": "support", "spe": "subgames",
                       "sequence-lp": "support", "sequence-lcp": "support", "qre": None,
                       "enumpoly": "polynomial", "pns": None, "best-response": "pure"}
    assert all(m.sensitivity is None for m in METHODS.values() if not m.exact)


def test_tree_without_perfect_recall_falls_back_to_its_normal_form():
    """A forgets whether it played L or R, then picks x or y. By hand A's plans pay L/x q,
    L/y 0, R/x q - 1, R/y 1: L/x is best iff q > 1, R/y iff q < 1; one critical value."""
    q = gt.parameters("q")
    g = gt.ExtensiveFormGame(["A", "B"])
    for n, c in zip(g.root.decide("A", ["L", "R"]), (0, 1)):
        x, y = n.decide("A", ["x", "y"], infoset="A forgets")
        x.payoffs(q - c, 1)
        y.payoffs(c, 0)
    assert not g.has_perfect_recall
    (cv,) = gt.critical_values(g, "q", interval=(-3, 3))        # auto: "vertex"
    assert cv.value == 1 and cv.below.method == "vertex"
    with pytest.raises(gt.SolverError, match="'spe' needs perfect recall"):
        gt.critical_values(g, "q", method="spe")
