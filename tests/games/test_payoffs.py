"""Profiles, payoff vectors and expected payoffs of NormalFormGame, with hypothesis."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import GameError, NormalFormGame

BOS = NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]],
                                 strategies=[["Ballet", "Fight"], ["Ballet", "Fight"]])


def brute_force_expected(game, profile):
    """Sum over all cells of probability times payoff: the definition, no tensordot."""
    U = game.exact_payoffs() if any(isinstance(p, F) for s in profile for p in s) \
        else game.float_payoffs()
    total = [0] * game.num_players
    for cell in itertools.product(*(range(n) for n in game.shape)):
        prob = 1
        for s, k in zip(profile, cell, strict=True):
            prob *= s[k]
        for i in range(game.num_players):
            total[i] += prob * U[(i,) + cell]
    return total


# ------------------------------------------------------------------ mixed_profile
def test_mixed_profile_accepts_indices_labels_and_vectors():
    x, y = BOS.mixed_profile(["Fight", 0])
    assert x.tolist() == [0, 1] and y.tolist() == [1, 0]
    x, y = BOS.mixed_profile([[0.25, 0.75], ["1/3", "2/3"]])
    assert x.dtype == float and y.tolist() == [F(1, 3), F(2, 3)]
    x, y = BOS.mixed_profile([np.array([0.5, 0.5]), (F(1, 2), F(1, 2))], exact=False)
    assert x.dtype == float and y.dtype == float


def test_pure_strategies_are_exact_in_exact_games():
    x, _ = BOS.mixed_profile(["Ballet", "Ballet"])
    assert x.dtype == object and x[0] == F(1)
    g = NormalFormGame.from_arrays([[0.5, 0], [0, 1]], [[1, 0], [0, 2]])
    assert g.mixed_profile([0, 1])[0].dtype == float
    assert g.mixed_profile([0, 1], exact=True)[0][0] == F(1)


@pytest.mark.parametrize("profile, fragment", [
    ([[0.5, 0.6], 0], "sum to"),
    ([["1/3", "1/3"], 0], "sum to 2/3"),
    ([[1.5, -0.5], 0], "negative"),
    ([[F(3, 2), F(-1, 2)], 0], "negative"),
    ([[1, 0, 0], 0], "shape (3,)"),
    ([[[1, 0]], 0], "shape (1, 2)"),
    (["Opera", 0], "no strategy 'Opera'"),
    ([2, 0], "no strategy number 2"),
    ([-1, 0], "no strategy number -1"),
    ([None, 0], "is None"),
    ([True, 0], "is True"),
    ([["a", "b"], 0], "cannot read 'a'"),
    ([[float("nan"), 1], 0], "finite"),
    (["Ballet"], "one strategy per player (2); got 1"),
    (3, "a profile is a sequence"),
])
def test_mixed_profile_errors_name_the_player(profile, fragment):
    with pytest.raises(GameError) as info:
        BOS.mixed_profile(profile)
    assert fragment in str(info.value)
    if isinstance(profile, list) and len(profile) == 2:
        assert "Player 1" in str(info.value)


def test_nan_probability_names_the_strategy():
    with pytest.raises(GameError, match="probability of Fight for Player 2"):
        BOS.mixed_profile([0, [1, float("nan")]])


# ------------------------------------------------------------------ payoffs
def test_payoff_vectors_two_players_exact():
    # Battle of the Sexes: against y = (1/3, 2/3) player 1 gets 2/3 from each strategy
    v1, v2 = BOS.payoff_vectors([[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]])
    assert v1.tolist() == [F(2, 3), F(2, 3)] and v2.tolist() == [F(2, 3), F(2, 3)]
    assert BOS.expected_payoffs([[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]]).tolist() == \
        [F(2, 3), F(2, 3)]


def test_payoff_vectors_two_players_float():
    v1, v2 = BOS.payoff_vectors([[0.5, 0.5], [0.25, 0.75]])
    assert np.allclose(v1, [0.5, 0.75]) and np.allclose(v2, [0.5, 1.0])
    e = BOS.expected_payoffs([[0.5, 0.5], [0.25, 0.75]])
    assert e.dtype == float and np.allclose(e, [0.625, 0.875])


def test_payoff_vectors_three_players_match_brute_force():
    rng = np.random.default_rng(3)
    U = rng.integers(-4, 5, (3, 2, 3, 2))
    g = NormalFormGame(U)
    prof = [[F(1, 3), F(2, 3)], [F(1, 2), F(1, 4), F(1, 4)], [F(1), F(0)]]
    v = g.payoff_vectors(prof)
    assert [len(x) for x in v] == [2, 3, 2]
    # player 2's payoff to b3 is player 2's expected payoff when b3 is played for sure
    alt = [prof[0], [0, 0, 1], prof[2]]
    assert v[1][2] == brute_force_expected(g, alt)[1]
    assert g.expected_payoffs(prof).tolist() == brute_force_expected(g, prof)
    fl = g.expected_payoffs([[1 / 3, 2 / 3], [0.5, 0.25, 0.25], [1.0, 0.0]])
    assert np.allclose(fl, [float(x) for x in brute_force_expected(g, prof)])


def test_expected_payoffs_of_pure_profile_in_fraction_game_is_exact():
    g = NormalFormGame.from_arrays([[F(1, 3), 0], [0, 1]], [[1, 0], [0, 2]])
    assert g.expected_payoffs(["a1", "b1"]).tolist() == [F(1, 3), 1]


def test_one_player_game_payoffs():
    g = NormalFormGame.from_arrays([4, 7, 1])
    assert g.expected_payoffs([[F(1, 2), 0, F(1, 2)]]).tolist() == [F(5, 2)]
    assert g.payoff_vectors([0])[0].tolist() == [4, 7, 1]


# ------------------------------------------------------------------ hypothesis
def games(min_players=1, max_players=3, max_strategies=3):
    """Integer or Fraction games of random size."""
    @st.composite
    def build(draw):
        n = draw(st.integers(min_players, max_players))
        shape = tuple(draw(st.integers(1, max_strategies)) for _ in range(n))
        size = n * int(np.prod(shape))
        entry = st.one_of(st.integers(-20, 20),
                          st.fractions(min_value=-5, max_value=5, max_denominator=7))
        vals = draw(st.lists(entry, min_size=size, max_size=size))
        return NormalFormGame(np.array(vals, dtype=object).reshape((n,) + shape))
    return build()


@settings(max_examples=60, deadline=None)
@given(games(), st.data())
def test_pure_profile_payoffs_equal_the_cell(game, data):
    cell = tuple(data.draw(st.integers(0, n - 1)) for n in game.shape)
    expected = game.expected_payoffs(list(cell))
    assert expected.tolist() == [game.payoffs[(i,) + cell] for i in range(game.num_players)]
    labels = [game.strategies[i][k] for i, k in enumerate(cell)]
    assert game.expected_payoffs(labels).tolist() == expected.tolist()


@st.composite
def game_and_profile(draw):
    game = draw(games(2, 3, 3))
    prof = []
    for n in game.shape:
        w = draw(st.lists(st.integers(0, 5), min_size=n, max_size=n).filter(any))
        prof.append([F(x, sum(w)) for x in w])
    return game, prof


@settings(max_examples=60, deadline=None)
@given(game_and_profile())
def test_expected_payoffs_are_exact_and_match_the_definition(gp):
    game, prof = gp
    assert game.expected_payoffs(prof).tolist() == brute_force_expected(game, prof)


@settings(max_examples=60, deadline=None)
@given(game_and_profile(), st.data())
def test_relabelling_players_and_strategies_permutes_payoffs(gp, data):
    game, prof = gp
    N = game.num_players
    perm = data.draw(st.permutations(range(N)))
    orders = [data.draw(st.permutations(range(n))) for n in game.shape]
    # permute each player's strategies, then the players
    U = game.payoffs[np.ix_(range(N), *orders)]
    U = np.transpose(U[list(perm)], [0] + [p + 1 for p in perm])
    h = NormalFormGame(U, players=[game.players[p] for p in perm],
                       strategies=[[game.strategies[p][k] for k in orders[p]] for p in perm])
    new_prof = [[prof[p][k] for k in orders[p]] for p in perm]
    old = game.expected_payoffs(prof)
    assert h.expected_payoffs(new_prof).tolist() == [old[p] for p in perm]
    # the relabelled game keeps every label attached to the right payoffs
    cell = [0] * N
    labels = [game.strategies[i][0] for i in range(N)]
    assert h.expected_payoffs([labels[p] for p in perm]).tolist() == \
        [game.expected_payoffs(cell)[p] for p in perm]
