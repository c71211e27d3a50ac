"""Equilibrium maps beyond two-player normal forms and perfect information (issue 13,
sections 2-3): trees with imperfect information and several players by subgame
decomposition, N-player normal forms by pure comparisons and eliminated support systems,
the registry's candidate source, and random trees with chance and simultaneous subgames
against exact solves.

Known regions are derived by hand in the docstrings of tests/map_games.py (the
guarantors' subgame is a volunteer's dilemma: Diekmann, A. (1985). Volunteer's dilemma.
Journal of Conflict Resolution 29(4), 605-610).
"""

from __future__ import annotations

import random
from fractions import Fraction

import numpy as np
import pytest
import sympy
from map_games import guarantor_tree, volunteers_with_russia

import gametheory as gt
from gametheory.sensitivity.critical import structure_key
from gametheory.solvers.subgames import subgame_pieces

a_, v_ = sympy.symbols("a v", real=True)
q_, r_ = sympy.symbols("q r", real=True)


def spe(g, **point):
    return gt.solve(g.substitute(**point), method="spe", exact=True)


@pytest.fixture(scope="module")
def tree_map():
    return gt.equilibrium_map(guarantor_tree(), ["a", "v"])


@pytest.fixture(scope="module")
def normal_map():
    return gt.equilibrium_map(volunteers_with_russia(), ["q", "r"])


def _mixed(eq) -> bool:
    return eq.behavior["G1"]["defend"] not in (0, 1)


# ------------------------------------------------------------ the 4-player tree
def test_guarantor_tree_regions_by_hand(tree_map):
    m = tree_map
    assert m.complete, m.notes
    curve = 5 * (3 - a_) ** 2 - 3 * v_ ** 2
    assert set(m.atoms) >= {a_ - 3, a_ + v_ - 3, sympy.expand(curve)}
    texts = [r.text for r in m]
    assert "v < 3 - a" in texts and "a > 3" in texts and "a = 3" in texts
    assert "v = 3 - a" in texts
    # one point in each open region of the derivation, and the equilibria there
    cases = {(Fraction(1, 2), Fraction(1)): 1,        # a < 3 - v: both abandon
             (Fraction(1), Fraction(3)): 3,           # mixed pair, Russia stays
             (Fraction(1, 2), Fraction(3)): 3,        # mixed pair, Russia escalates
             (Fraction(4), Fraction(2)): 1}           # a > 3: both defend
    for (a, v), n in cases.items():
        reg = m.region_at(a=a, v=v)
        assert reg is not None and len(reg.equilibria) == n
        assert reg.structure == structure_key(spe(guarantor_tree(), a=a, v=v))
    stays = m.region_at(a=1, v=3)
    escal = m.region_at(a=Fraction(1, 2), v=3)
    assert stays is not escal
    (mixed_stay,) = [e for e in stays.equilibria if _mixed(e)]
    (mixed_esc,) = [e for e in escal.equilibria if _mixed(e)]
    # p = (v - 3 + a)/v: 1/3 at (1, 3), 1/6 at (1/2, 3); Russia's reply flips
    p = (v_ - 3 + a_) / v_
    for eq in (mixed_stay, mixed_esc):
        assert sympy.simplify(eq.behavior["G1"]["defend"] - p) == 0
    assert p.xreplace({a_: 1, v_: 3}) == sympy.Rational(1, 3)
    assert mixed_stay.behavior["Russia: guarantees"]["stay"] == 1
    assert mixed_esc.behavior["Russia: guarantees"]["escalate"] == 1
    # the irrational curve separates them
    assert bool(stays.condition.xreplace({a_: 1, v_: 3}))
    assert not bool(stays.condition.xreplace({a_: Fraction(1, 2), v_: 3}))


def test_guarantor_tree_irrational_curve_in_floats(tree_map):
    """On 5 (3 - a)**2 = 3 v**2 Russia is indifferent against the mixed pair: both its
    replies are subgame perfect (Ukraine concedes after escalation, seeks guarantees
    after staying), besides the two pure pairs: 4 equilibria, solved in floats at
    algebraic points of the curve."""
    curve = sympy.expand(5 * (3 - a_) ** 2 - 3 * v_ ** 2)
    (on,) = [r for r in tree_map if r.text.startswith(f"{curve} = 0")]
    assert len(on.equilibria) == 4 and on.verified and not on.closed_form
    a, v = on.point["a"], on.point["v"]
    assert abs(5 * (3 - a) ** 2 - 3 * v ** 2) < 1e-6
    mixed = [e for e in on.equilibria if _mixed(e)]
    assert len(mixed) == 2
    for e in mixed:                                # p = (v - 3 + a)/v
        assert abs(float(e.behavior["G1"]["defend"]) - (v - 3 + a) / v) < 1e-5
    assert sorted(int(e.behavior["Russia: guarantees"]["escalate"]) for e in mixed) == [0, 1]
    assert any("solved in floats" in n and str(curve) in n for n in tree_map.notes)


def test_guarantor_tree_pure_regions_have_formulas(tree_map):
    top = tree_map.region_at(a=4, v=2)
    (eq,) = top.equilibria
    assert top.closed_form and eq.payoffs == (2, 0, v_ / 2, v_ / 2)
    mixed = tree_map.region_at(a=1, v=3)
    assert mixed.closed_form and mixed.verified    # the simultaneous piece's tight mix
    (eq,) = [e for e in mixed.equilibria if _mixed(e)]
    assert sympy.simplify(eq.behavior["G1"]["defend"] - (v_ - 3 + a_) / v_) == 0
    assert "G1: defend = (a + v - 3)/v" in str(mixed)


def agree_at_random_points(emap, g, method, box, n, seed):
    """At ``n`` random rational points of ``box`` (``{name: (lo, hi, denominator)}``) a
    region's condition holds and its structure is the exact solve's."""
    rng = random.Random(seed)
    for _ in range(n):
        pt = {k: Fraction(rng.randint(lo * d + 1, hi * d - 1), d)
              for k, (lo, hi, d) in box.items()}
        reg = emap.region_at(**pt)
        assert reg is not None, pt
        sol = gt.solve(g.substitute(**pt), method=method, exact=True)
        assert reg.structure == structure_key(sol), pt


def test_guarantor_tree_random_points(tree_map):
    agree_at_random_points(tree_map, guarantor_tree(), "spe",
                           {"a": (0, 5, 20), "v": (0, 4, 20)}, 15, 4)


def test_map_and_critical_values_take_the_same_games():
    g = guarantor_tree()
    one = gt.equilibrium_map(g, ["a"], v=2)
    cv = gt.critical_values(g, "a", v=2)
    # a = 1 (3 - v) and a = 3 are rational thresholds of both; 3 - 2 sqrt(3/5) is the
    # irrational one, a region of the map solved in floats
    assert [c.value for c in cv if c.value.is_Rational] == [1, 3]
    eqs = [reg.condition for reg in one if isinstance(reg.condition, sympy.Eq)]
    assert eqs == [sympy.Eq(a_, 1), sympy.Eq(a_, 3)]
    (on,) = [r for r in one if r.text.startswith("5*a**2 - 30*a + 33 = 0")]
    assert abs(on.point["a"] - float(cv[1].value)) < 1e-9 and len(on.equilibria) == 4


# ------------------------------------------------------------ N-player normal form
def test_three_player_normal_form_regions_by_hand(normal_map):
    m = normal_map
    assert m.complete, m.notes
    assert set(m.atoms) == {q_ - r_, q_ - r_ + 2, sympy.expand(5 * (r_ - q_) ** 2 - 12)}
    g = volunteers_with_russia()
    both_abandon = m.region_at(q=1, r=4)
    (eq,) = both_abandon.equilibria
    assert eq.strategies == ((0, 1), (0, 1), (1, 0)) and eq.payoffs == (-q_, -q_, 2)
    assert m.region_at(q=3, r=1).text == "r < q"
    escal = m.region_at(q=Fraction(1, 3), r=2)       # (r - q)**2 = 25/9 > 12/5
    stays = m.region_at(q=1, r=2)                     # (r - q)**2 = 1 < 12/5
    assert escal is not stays
    for reg, pt in ((escal, {"q": Fraction(1, 3), "r": 2}), (stays, {"q": 1, "r": 2})):
        sol = gt.solve(g.substitute(**pt), method="enumpoly", exact=True)
        assert reg.structure == structure_key(sol) and len(reg.equilibria) == 3
    # p = (2 + q - r)/2 = 1/6 at (1/3, 2)
    mixed = [e for e in escal.equilibria if e.strategies[0][0] not in (0, 1)]
    assert [e.strategies[0][0] for e in mixed] == [Fraction(1, 6)]
    # on 5 (r - q)**2 = 12 (irrational) Russia is indifferent: solved in floats
    (on,) = [reg for reg in m if reg.text.startswith("5*q**2 - 10*q*r + 5*r**2 - 12 = 0")]
    assert on.verified and not on.closed_form
    assert abs(5 * (on.point["r"] - on.point["q"]) ** 2 - 12) < 1e-6


def test_three_player_random_points(normal_map):
    agree_at_random_points(normal_map, volunteers_with_russia(), "enumpoly",
                           {"q": (0, 5, 20), "r": (0, 5, 20)}, 12, 1)


def test_too_large_for_two_parameters():
    q, r = gt.parameters("q r")
    U = np.empty((3, 3, 2, 2), dtype=object)
    for idx in np.ndindex(U.shape):
        U[idx] = q * (idx[0] + 1) - r * idx[1] + idx[2]
    g = gt.NormalFormGame(U)
    with pytest.raises(gt.SolverError, match="limited to 3 unknown probabilities"):
        gt.equilibrium_map(g, ["q", "r"])


def test_pure_source_from_the_registry():
    """method='pure' declares the source 'pure': only pure-deviation comparisons, solves
    by the pure method (the mixed region's curve is not an atom)."""
    m = gt.equilibrium_map(volunteers_with_russia(), ["q", "r"], method="pure")
    assert set(m.atoms) == {q_ - r_, q_ - r_ + 2}
    assert m.complete, m.notes


# ------------------------------------------------------------ random trees
def random_tree(seed: int) -> gt.ExtensiveFormGame:
    """A random three-player tree: a first mover chooses between a chance node ((1 + q)/3,
    (2 - q)/3) leading to terminals or simultaneous two-player subgames (the second mover
    at an information set of two nodes) and such a subgame; payoffs integers, 40% of them
    plus q, r or their negatives."""
    rng = random.Random(seed)
    q, r = gt.parameters("q r")
    players = ["P1", "P2", "P3"]
    g = gt.ExtensiveFormGame(players)
    count = [0]

    def pay():
        return [rng.randint(-3, 3) + (rng.randint(-1, 1) * q + rng.randint(-1, 1) * r
                                      if rng.random() < 0.4 else 0) for _ in players]

    def simultaneous(node):
        a, b = rng.sample(players, 2)
        count[0] += 1
        for n in node.decide(a, ["x", "y"]):
            for m in n.decide(b, ["l", "r"], infoset=f"{b} {count[0]}"):
                m.payoffs(*pay())

    def build(node, depth):     # a first mover; chance then subgames, or a subgame
        if depth == 0:
            left, right = node.decide(rng.choice(players), ["L", "R"])
            build(left, 1)
            simultaneous(right)
            return
        for kid in node.chance({"h": (1 + q) / 3, "t": (2 - q) / 3}):
            if rng.random() < 0.5:
                simultaneous(kid)
            else:
                kid.payoffs(*pay())

    build(g.root, 0)
    return g.describe(gt.Parameter("q", domain=(0, 1)), gt.Parameter("r", domain=(-2, 2)))


@pytest.mark.parametrize("seed", [1, 2, 5])
def test_random_imperfect_trees_against_exact_solves(seed):
    g = random_tree(seed)
    assert not g.has_perfect_information and (g.arrays.player == -1).any()
    assert len(subgame_pieces(g)[0]) >= 2          # proper subgames below the root
    m = gt.equilibrium_map(g, ["q", "r"], seed=seed, per_axis=6)
    assert m.complete, m.notes
    agree_at_random_points(m, g, "spe", {"q": (0, 1, 97), "r": (-2, 2, 48)}, 12, seed)
