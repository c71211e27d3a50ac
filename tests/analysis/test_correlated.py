"""Correlated and coarse correlated equilibria: known answers, properties, cross-checks.

Known answers: Chicken (Aumann 1974, section 2; the payoffs 6,6 / 7,2 / 2,7 / 0,0 as in
Papadimitriou & Roughgarden 2008, introduction): the distribution
1/3 on each of (C,C), (C,D), (D,C) is a correlated equilibrium with payoffs 5, 5, and the
welfare-maximising one puts 1/2 on (C,C) and 1/4 on each off-diagonal cell (21/4 each).
Properties: every Nash equilibrium is a correlated equilibrium (Aumann 1974); every
correlated equilibrium is coarse (Moulin & Vial 1978); in two-player zero-sum games every
correlated equilibrium pays the value (Forges 1990, Econometrica 58, 515-516).
Cross-check: the LP optimum agrees with an independent dense formulation written here
with plain loops.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import gametheory as gt
from gametheory import GameError, NormalFormGame

CHICKEN = NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]],
                                     strategies=[["C", "D"], ["C", "D"]])


def test_chicken_welfare_maximum():
    # Aumann (1974): 1/2 (C,C), 1/4 (C,D), 1/4 (D,C), payoffs 21/4 each
    ce = gt.correlated_equilibrium(CHICKEN)
    assert ce.exact
    assert ce.probabilities == {("C", "C"): F(1, 2), ("C", "D"): F(1, 4), ("D", "C"): F(1, 4)}
    assert ce.payoffs == (F(21, 4), F(21, 4))
    assert ce.value == F(21, 2)
    assert gt.is_correlated_equilibrium(CHICKEN, ce)



@pytest.mark.parametrize("path", ["binding", "linprog"])
def test_chicken_optima_on_both_highs_paths(monkeypatch, path):
    """The correlated-equilibrium LP through scipy's bundled HiGHS binding and through
    linprog: Chicken's welfare maximum (above, exact and in floats) and minimum 36/5."""
    from gametheory.solvers import _highs

    if path == "linprog":
        monkeypatch.setattr(_highs, "_CORE", None)
    assert gt.correlated_equilibrium(CHICKEN).payoffs == (F(21, 4), F(21, 4))
    ce = gt.correlated_equilibrium(CHICKEN, exact=False)
    assert ce.distribution == pytest.approx(np.array([[0.5, 0.25], [0.25, 0.0]]))
    assert gt.correlated_equilibrium(CHICKEN, maximize=False).value == F(36, 5)

def test_chicken_thirds_and_pure_cells():
    third = {("C", "C"): "1/3", ("C", "D"): "1/3", ("D", "C"): "1/3"}
    assert gt.is_correlated_equilibrium(CHICKEN, third)
    assert gt.correlated_regret(CHICKEN, third) <= 0
    assert gt.is_correlated_equilibrium(CHICKEN, {("D", "C"): 1})       # pure Nash
    assert not gt.is_correlated_equilibrium(CHICKEN, {("C", "C"): 1})
    assert not gt.is_correlated_equilibrium(CHICKEN, {("D", "D"): 1})
    # a near-miss in floats: tolerance decides
    assert gt.is_correlated_equilibrium(CHICKEN, [[0.5, 0.25], [0.25, 0.0]])


def test_objectives():
    assert gt.correlated_equilibrium(CHICKEN, objective="Player 1").payoffs == (7, 2)
    assert gt.correlated_equilibrium(CHICKEN, objective=1).payoffs == (2, 7)
    assert gt.correlated_equilibrium(CHICKEN, objective=[1, 1]).value == F(21, 2)
    # minimum welfare: below the pure equilibria's 9, with weight on (D, D)
    low = gt.correlated_equilibrium(CHICKEN, maximize=False)
    assert low.value == F(36, 5) and low.distribution[1, 1] > 0
    assert gt.is_correlated_equilibrium(CHICKEN, low)
    assert str(low).startswith("correlated equilibrium minimising welfare")
    # a weight per profile: the probability of (C, C), which is at most 1/2
    w = np.array([[1, 0], [0, 0]])
    assert gt.correlated_equilibrium(CHICKEN, objective=w).distribution[0, 0] == F(1, 2)
    flt = gt.correlated_equilibrium(CHICKEN, exact=False)
    assert not flt.exact and abs(flt.value - 10.5) < 1e-9
    with pytest.raises(GameError, match="objective"):
        gt.correlated_equilibrium(CHICKEN, objective=[1, 2, 3])
    with pytest.raises(GameError, match="no player"):
        gt.correlated_equilibrium(CHICKEN, objective="Nobody")


def test_str_and_polytope_labels():
    text = str(gt.correlated_equilibrium(CHICKEN))
    assert "C, C  1/2" in text and "payoffs 21/4, 21/4" in text
    poly = gt.correlated_polytope(CHICKEN)
    assert poly.labels == (("Player 1", "C", "D"), ("Player 1", "D", "C"),
                           ("Player 2", "C", "D"), ("Player 2", "D", "C"))
    coarse = gt.correlated_polytope(CHICKEN, coarse=True)
    assert coarse.labels[0] == ("Player 1", None, "C")


def test_distribution_errors():
    with pytest.raises(GameError, match="shape"):
        gt.is_correlated_equilibrium(CHICKEN, [1, 0, 0, 0])
    with pytest.raises(GameError, match="negative"):
        gt.is_correlated_equilibrium(CHICKEN, [[2, -1], [0, 0]])
    with pytest.raises(GameError, match="sums to"):
        gt.is_correlated_equilibrium(CHICKEN, [[F(1, 2), 0], [0, 0]])
    with pytest.raises(GameError, match="not a profile"):
        gt.is_correlated_equilibrium(CHICKEN, {"C": 1})
    q = gt.parameters("q")
    with pytest.raises(GameError, match="substitute"):
        gt.correlated_equilibrium(NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]]))


def naive_optimum(game, weights, coarse):
    """Independent dense LP: constraints written out profile by profile."""
    U = game.float_payoffs()
    profiles = list(itertools.product(*(range(n) for n in game.shape)))
    rows = []
    for i in range(game.num_players):
        recs = [None] if coarse else range(game.shape[i])
        for s in recs:
            for d in range(game.shape[i]):
                if d == s:
                    continue
                row = []
                for prof in profiles:
                    dev = list(prof)
                    dev[i] = d
                    keep = coarse or prof[i] == s
                    row.append(U[(i, *prof)] - U[(i, *dev)] if keep else 0.0)
                rows.append(row)
    c = -np.array([sum(weights[i] * U[(i, *p)] for i in range(game.num_players))
                   for p in profiles])
    res = linprog(c, A_ub=-np.array(rows), b_ub=np.zeros(len(rows)),
                  A_eq=np.ones((1, len(profiles))), b_eq=[1], bounds=(0, None), method="highs")
    return -res.fun


def random_game(seed, shape, integers=True):
    rng = np.random.default_rng(seed)
    arrays = rng.integers(-5, 6, size=(len(shape), *shape)) if integers \
        else rng.normal(size=(len(shape), *shape))
    return NormalFormGame.from_arrays(*arrays)


@settings(deadline=None, max_examples=15)
@given(st.integers(0, 10**6), st.sampled_from([(2, 3), (3, 3), (2, 2, 2), (3, 2, 2)]),
       st.booleans())
def test_optimum_matches_naive_lp_and_is_exact(seed, shape, coarse):
    g = random_game(seed, shape)
    w = np.random.default_rng(seed + 1).integers(0, 3, size=len(shape)).tolist()
    ce = gt.correlated_equilibrium(g, objective=w, coarse=coarse)
    assert ce.exact
    assert gt.is_correlated_equilibrium(g, ce.distribution, coarse=coarse)
    assert abs(float(ce.value) - naive_optimum(g, w, coarse)) < 1e-7
    assert sum(ce.distribution.flat) == 1


@settings(deadline=None, max_examples=15)
@given(st.integers(0, 10**6), st.sampled_from([(2, 2), (3, 3), (2, 4)]))
def test_every_nash_equilibrium_is_correlated(seed, shape):
    # Aumann (1974): the product of a Nash equilibrium's mixed strategies is a CE
    g = random_game(seed, shape)
    for eq in gt.solve(g, exact=True).equilibria:
        dist = np.multiply.outer(*eq.strategies)
        assert gt.is_correlated_equilibrium(g, dist)
        assert gt.is_correlated_equilibrium(g, dist, coarse=True)
        assert gt.correlated_equilibrium(g).value >= sum(eq.payoffs)


@settings(deadline=None, max_examples=10)
@given(st.integers(0, 10**6))
def test_three_player_pure_nash_are_correlated(seed):
    g = random_game(seed, (2, 3, 2))
    best = gt.correlated_equilibrium(g).value
    for eq in gt.solve(g, method="pure", exact=True).equilibria:
        dist = np.multiply.outer(np.multiply.outer(*eq.strategies[:2]), eq.strategies[2])
        assert gt.is_correlated_equilibrium(g, dist)
        assert best >= sum(eq.payoffs)


@settings(deadline=None, max_examples=10)
@given(st.integers(0, 10**6), st.sampled_from([(2, 2), (3, 2), (2, 2, 2)]))
def test_correlated_set_inside_coarse_set(seed, shape):
    # Moulin & Vial (1978): CE are coarse, so the coarse optimum is at least as large
    g = random_game(seed, shape)
    for obj in ["welfare", 0, 1]:
        ce = gt.correlated_equilibrium(g, objective=obj)
        cce = gt.correlated_equilibrium(g, objective=obj, coarse=True)
        assert gt.is_correlated_equilibrium(g, ce, coarse=True)
        assert cce.value >= ce.value


@pytest.mark.filterwarnings("ignore::gametheory.DegenerateGameWarning")  # only the value is used
@settings(deadline=None, max_examples=10)
@given(st.integers(0, 10**6), st.sampled_from([(2, 2), (3, 3), (3, 4)]))
def test_zero_sum_correlated_equilibria_pay_the_value(seed, shape):
    # Forges (1990): in two-person zero-sum games every CE gives each player the value
    A = np.random.default_rng(seed).integers(-5, 6, size=shape)
    g = NormalFormGame.from_arrays(A, -A)
    value = gt.solve(g, method="lp", exact=True).equilibria[0].payoffs[0]
    hi = gt.correlated_equilibrium(g, objective=0)
    lo = gt.correlated_equilibrium(g, objective=0, maximize=False)
    assert hi.payoffs[0] == value == lo.payoffs[0]


def test_float_games_and_matching_pennies():
    mp = NormalFormGame.from_arrays([[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]])
    ce = gt.correlated_equilibrium(mp)
    assert not ce.exact
    assert np.allclose(ce.distribution, 0.25)      # the unique CE is uniform
    g = random_game(7, (3, 3, 2), integers=False)
    ce = gt.correlated_equilibrium(g, objective=2)
    assert gt.is_correlated_equilibrium(g, ce)
    assert abs(ce.value - naive_optimum(g, [0, 0, 1], False)) < 1e-7


# ------------------------------------------------- a player with a single strategy (issue 11)
def _lone_strategy_games():
    """1xN, Nx1, 1x1 and a three-player game whose first player has one strategy."""
    return {
        "1x3": gt.NormalFormGame.from_arrays([[1, 2, 3]], [[3, 1, 2]]),
        "3x1": gt.NormalFormGame.from_arrays([[1], [5], [2]], [[4], [0], [7]]),
        "1x1": gt.NormalFormGame.from_arrays([[2]], [[3]]),
        "1x2x2": gt.NormalFormGame.from_arrays([[[1, 0], [0, 1]]], [[[2, 0], [0, 1]]],
                                               [[[0, 1], [1, 0]]]),
    }


@pytest.mark.parametrize("name", ["1x3", "3x1", "1x1", "1x2x2"])
@pytest.mark.parametrize("coarse", [False, True])
@pytest.mark.parametrize("exact", [False, True])
def test_single_strategy_player(name, coarse, exact):
    """A lone strategy gives a coarse constraint with no terms; the exact rebuild used to
    lose that row (IndexError or 'could not rebuild', issue 11). Known answers: with one
    opponent strategy a player must play his unique best reply (1x3: b1, payoffs 1, 3;
    3x1: a2, payoffs 5, 0); in the three-player game players 2 and 3 play a 2x2 game with
    a unique, completely mixed equilibrium (c1 = 1/3, b1 = 1/2), so every correlated
    equilibrium is that one (a 2x2 game with a unique mixed equilibrium has no other
    correlated equilibrium), with payoffs 1/2, 2/3, 1/2."""
    g = _lone_strategy_games()[name]
    ce = gt.correlated_equilibrium(g, coarse=coarse, exact=exact)
    assert gt.is_correlated_equilibrium(g, ce, coarse=coarse)
    assert ce.exact == exact
    if exact:
        assert all(isinstance(p, F) for p in ce.distribution.flat)
        assert gt.correlated_regret(g, ce, coarse=coarse) <= 0
    expected = {"1x3": (1, 3), "3x1": (5, 0), "1x1": (2, 3),
                "1x2x2": (F(1, 2), F(2, 3), F(1, 2))}[name]
    assert np.allclose([float(v) for v in ce.payoffs], [float(v) for v in expected])
