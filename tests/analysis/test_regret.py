"""best_responses, regrets, max_regret and is_equilibrium on games with known equilibria."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory import GameError, NormalFormGame

# Battle of the Sexes (Osborne 2004, Figure 19.1 and Example 116.1): the mixed equilibrium
# has player 1 play Bach with probability 2/3 and player 2 with probability 1/3.
BOS = NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]],
                                 players=["P1", "P2"],
                                 strategies=[["Bach", "Stravinsky"], ["Bach", "Stravinsky"]])
BOS_MIXED = [[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]]
# Prisoner's Dilemma (Osborne 2004, Figure 15.1): (Fink, Fink) is the only equilibrium.
PD = NormalFormGame.from_arrays([[2, 0], [3, 1]], [[2, 3], [0, 1]],
                                strategies=[["Quiet", "Fink"], ["Quiet", "Fink"]])


def test_best_responses_pure_and_mixed():
    assert gt.best_responses(PD, ["Quiet", "Quiet"], 0) == (1,)
    assert gt.best_responses(BOS, [None, "Bach"], "P1") == (0,)
    assert gt.best_responses(BOS, ["Stravinsky", None], "P2") == (1,)
    # at the mixed equilibrium every strategy is a best response
    assert gt.best_responses(BOS, BOS_MIXED, 0) == (0, 1)
    assert gt.best_responses(BOS, BOS_MIXED, 1) == (0, 1)


def test_best_responses_ignore_the_players_own_entry_and_use_tol():
    y = [0.34, 0.66]  # player 1: Bach 0.68, Stravinsky 0.66
    assert gt.best_responses(BOS, ["Stravinsky", y], 0) == (0,)
    assert gt.best_responses(BOS, [[0.5, 0.5], y], 0) == (0,)
    assert gt.best_responses(BOS, [None, y], 0, tol=0.05) == (0, 1)


def test_best_responses_three_players():
    # player 3 gets 1 when matching player 1, else 0; player 2 is irrelevant to them
    U = np.zeros((3, 2, 2, 2), dtype=int)
    for a in range(2):
        U[2, a, :, a] = 1
    g = NormalFormGame(U)
    assert gt.best_responses(g, ["a2", "b1", None], 2) == (1,)
    assert gt.best_responses(g, [[0.5, 0.5], "b2", None], "Player 3") == (0, 1)


def test_regrets_values():
    assert gt.regrets(PD, ["Quiet", "Quiet"]) == (1, 1)
    assert gt.regrets(PD, ["Fink", "Fink"]) == (0, 0)
    r = gt.regrets(BOS, [[0.5, 0.5], [0.5, 0.5]])  # P1: best 1 vs 0.75; P2: best 1 vs 0.75
    assert r == pytest.approx((0.25, 0.25))


def test_max_regret_is_exactly_zero_at_exact_equilibria():
    assert gt.max_regret(BOS, BOS_MIXED) == 0
    assert isinstance(gt.max_regret(BOS, BOS_MIXED), F)
    assert gt.max_regret(BOS, ["Bach", "Bach"]) == 0
    assert gt.max_regret(BOS, ["Bach", "Stravinsky"]) == 1  # each gains 1 by switching
    # a slightly-off profile has a small but non-zero exact regret
    off = [[F(2, 3), F(1, 3)], [F(1, 3) + F(1, 1000), F(2, 3) - F(1, 1000)]]
    assert 0 < gt.max_regret(BOS, off) < F(1, 100)


def test_max_regret_float_and_equilibrium_objects():
    assert gt.max_regret(BOS, [[2 / 3, 1 / 3], [1 / 3, 2 / 3]]) == pytest.approx(0, abs=1e-15)
    sol = gt.solve(PD, method="pure", exact=True)
    assert gt.max_regret(PD, sol.equilibria[0]) == 0
    assert gt.is_equilibrium(PD, sol.equilibria[0])


def test_is_equilibrium():
    assert gt.is_equilibrium(BOS, BOS_MIXED)
    assert gt.is_equilibrium(BOS, BOS_MIXED, tol=0)
    assert not gt.is_equilibrium(PD, ["Quiet", "Quiet"])
    assert not gt.is_equilibrium(BOS, [[0.6, 0.4], [1 / 3, 2 / 3]])
    near = [[0.6667, 0.3333], [0.3334, 0.6666]]  # regrets about 6.7e-5 and 6.6e-5
    assert gt.is_equilibrium(BOS, near, tol=1e-3)
    assert not gt.is_equilibrium(BOS, near, tol=1e-5)


def test_matching_pennies_three_players_mixed():
    # three-player coordination: each player's payoff is 1 iff all three match; uniform
    # play is an equilibrium (each strategy earns 1/4 against the others' mix)
    U = np.zeros((3, 2, 2, 2), dtype=int)
    U[:, 0, 0, 0] = 1
    U[:, 1, 1, 1] = 1
    g = NormalFormGame(U)
    half = [F(1, 2), F(1, 2)]
    assert gt.max_regret(g, [half] * 3) == 0
    assert gt.is_equilibrium(g, ["a1", "b1", "c1"])
    assert not gt.is_equilibrium(g, ["a1", "b1", "c2"])  # player 3 gains by matching
    assert gt.regrets(g, ["a1", "b1", "c2"]) == (0, 0, 1)


def test_invalid_profiles_raise_game_error():
    with pytest.raises(GameError, match="sum to"):
        gt.max_regret(BOS, [[0.5, 0.6], "Bach"])
    with pytest.raises(GameError, match="no player"):
        gt.best_responses(BOS, ["Bach", "Bach"], 2)
    with pytest.raises(GameError, match="one strategy per player"):
        gt.is_equilibrium(BOS, ["Bach"])


@st.composite
def bimatrix_and_profile(draw):
    m, n = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    ints = st.integers(-9, 9)
    A = draw(st.lists(st.lists(ints, min_size=n, max_size=n), min_size=m, max_size=m))
    B = draw(st.lists(st.lists(ints, min_size=n, max_size=n), min_size=m, max_size=m))
    prof = []
    for k in (m, n):
        w = draw(st.lists(st.integers(0, 4), min_size=k, max_size=k).filter(any))
        prof.append([F(v, sum(w)) for v in w])
    return NormalFormGame.from_arrays(A, B), prof


@settings(max_examples=60, deadline=None)
@given(bimatrix_and_profile())
def test_regret_is_nonnegative_and_zero_iff_support_in_best_responses(gp):
    game, prof = gp
    regs = gt.regrets(game, prof)
    assert all(r >= 0 for r in regs)
    for i, r in enumerate(regs):
        support = {k for k, p in enumerate(prof[i]) if p > 0}
        best = set(gt.best_responses(game, prof, i))
        assert (r == 0) == support.issubset(best)


def test_regrets_of_an_irrational_equilibrium_are_exact():
    """Nau, Gomez Canovas & Hansen (2004), sec. 4 (pygambit's catalog): a three-player game
    whose only equilibrium is irrational; its regrets are exactly 0, a deviation's is not."""
    import pathlib

    import pygambit

    path = next((pathlib.Path(pygambit.__file__).parent / "catalog_data").rglob("sec4.nfg"))
    g = gt.read_gambit(path.read_text(), exact=True)
    eq = gt.solve(g, method="enumpoly", exact=True).equilibria[0]
    assert not eq.strategies[0][0].is_Rational
    assert gt.regrets(g, eq) == (0, 0, 0) and gt.is_equilibrium(g, eq)
    off = gt.max_regret(g, [eq.strategies[0], [1, 0], eq.strategies[2]])
    assert float(off) > 0
    with pytest.raises(gt.GameError, match="sum to"):
        gt.max_regret(g, [eq.strategies[0] * 2, [1, 0], [1, 0]])
