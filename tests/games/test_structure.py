"""Structural predicates and subgames: is_zero_sum, is_constant_sum, is_symmetric, restrict."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory import GameError, NormalFormGame


def symmetric_game(n_players: int, n: int, rng: np.random.Generator) -> NormalFormGame:
    """u_i(s) = f(s_i, multiset of the others' strategies): symmetric by construction."""
    table: dict = {}
    U = np.zeros((n_players,) + (n,) * n_players, dtype=np.int64)
    for cell in itertools.product(range(n), repeat=n_players):
        for i in range(n_players):
            key = (cell[i], tuple(sorted(cell[:i] + cell[i + 1:])))
            U[(i,) + cell] = table.setdefault(key, int(rng.integers(-9, 10)))
    return NormalFormGame(U)


def symmetric_by_definition(game) -> bool:
    """u_{pi(i)}(s o pi^-1) = u_i(s) for every permutation pi: the definition, brute force."""
    if len(set(game.shape)) != 1:
        return False
    N, U = game.num_players, game.payoffs
    for pi in itertools.permutations(range(N)):
        for cell in itertools.product(*(range(n) for n in game.shape)):
            moved = [0] * N
            for j in range(N):
                moved[pi[j]] = cell[j]
            for i in range(N):
                if U[(pi[i],) + tuple(moved)] != U[(i,) + cell]:
                    return False
    return True


# ------------------------------------------------------------------ sums
def test_zero_and_constant_sum():
    mp = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert mp.is_zero_sum and mp.is_constant_sum() and mp.is_constant_sum(zero=True)
    const = NormalFormGame.from_arrays([[2, 0], [0, 2]], [[0, 2], [2, 0]])
    assert const.is_zero_sum and const.is_constant_sum() and not const.is_constant_sum(zero=True)
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert not pd.is_constant_sum(zero=True) and not pd.is_constant_sum()


def test_zero_sum_three_players_and_fractions():
    rng = np.random.default_rng(0)
    A, B = rng.integers(-5, 5, (2, 2, 2, 2))
    g = NormalFormGame([A, B, -A - B])
    assert g.is_constant_sum(zero=True)
    h = NormalFormGame.from_arrays([[F(1, 3), 0]], [[F(-1, 3), 0]])
    assert h.is_constant_sum(zero=True)
    g = NormalFormGame.from_arrays([[F(1, 3), 0]], [[F(-1, 4), 0]])
    assert not g.is_constant_sum(zero=True)


def test_float_sums_use_the_tolerance():
    g = NormalFormGame.from_arrays([[0.1 + 0.2, 1.0]], [[-0.3, -1.0]])
    assert not g.is_constant_sum(zero=True)  # 0.1 + 0.2 - 0.3 is 5.6e-17, and tol defaults to 0
    assert g.is_constant_sum(1e-12, zero=True)
    assert not NormalFormGame.from_arrays([[0.5]], [[-0.4]]).is_constant_sum(1e-12, zero=True)


def test_symbolic_sums():
    q = gt.parameters("q")
    assert NormalFormGame.from_arrays([[q, 1]], [[-q, -1]]).is_constant_sum(zero=True)
    assert NormalFormGame.from_arrays([[q, 2]], [[1 - q, -1]]).is_constant_sum()
    assert not NormalFormGame.from_arrays([[q, 1]], [[q, -1]]).is_constant_sum(zero=True)
    # equal after expansion but not structurally: q(1 + q) - (q + q^2) = 0
    g = NormalFormGame.from_arrays([[q * (1 + q), 1]], [[-q - q**2, -1]])
    assert g.is_constant_sum(zero=True)


def test_symbolic_symmetry_compares_expressions_mathematically():
    q = gt.parameters("q")
    A = [[q * (1 + q), 0], [1, 2]]
    B = [[q + q**2, 1], [0, 2]]  # the transpose of A, written differently
    assert NormalFormGame.from_arrays(A, B).is_symmetric()
    assert not NormalFormGame.from_arrays(A, [[q, 1], [0, 2]]).is_symmetric()


def test_from_arrays_mixing_unsigned_and_signed_integers_stays_exact():
    big = np.array([[2**63, 0]], dtype=np.uint64)
    g = NormalFormGame.from_arrays(big, np.array([[-1, 0]], dtype=np.int64))
    assert g.is_exact and g.payoffs[0, 0, 0] == 2**63


# ------------------------------------------------------------------ symmetry
def test_two_player_symmetry():
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert pd.is_symmetric()
    bos = NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert not bos.is_symmetric()
    assert not NormalFormGame(np.zeros((2, 2, 3))).is_symmetric()  # unequal strategy counts


def test_three_player_symmetric_and_perturbed():
    g = symmetric_game(3, 2, np.random.default_rng(1))
    assert g.is_symmetric() and symmetric_by_definition(g)
    U = g.payoffs.copy()
    U[2, 0, 1, 1] += 1
    assert not NormalFormGame(U).is_symmetric()


def test_symmetry_under_one_transposition_only_is_not_enough():
    # players 1 and 2 are interchangeable, player 3 is different
    rng = np.random.default_rng(2)
    A = rng.integers(-5, 5, (2, 2, 2))
    C = rng.integers(-5, 5, (2, 2, 2))
    C = C + np.transpose(C, (1, 0, 2))  # player 3 indifferent to who is who among 1, 2
    g = NormalFormGame([A, np.transpose(A, (1, 0, 2)), C])
    assert not g.is_symmetric()
    assert not symmetric_by_definition(g)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 3), st.integers(1, 3), st.integers(0, 2**32 - 1), st.booleans())
def test_is_symmetric_matches_the_definition(n_players, n, seed, perturb):
    rng = np.random.default_rng(seed)
    g = symmetric_game(n_players, n, rng)
    if perturb:
        U = g.payoffs.copy()
        U[tuple(int(rng.integers(0, d)) for d in U.shape)] += 1
        g = NormalFormGame(U)
    assert g.is_symmetric() == symmetric_by_definition(g)
    if not perturb:
        assert g.is_symmetric()


# ------------------------------------------------------------------ restrict
def test_restrict_keeps_labels_and_original_order():
    g = NormalFormGame.from_arrays([[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]],
                                   players=["R", "C"],
                                   strategies=[["u", "d"], ["l", "m", "r"]])
    sub = g.restrict([["d"], ["r", 0]])
    assert sub.players == ("R", "C")
    assert sub.strategies == (("d",), ("l", "r"))
    assert sub.payoffs.tolist() == [[[4, 6]], [[10, 12]]]
    assert sub.kind == "exact"


def test_restrict_three_players():
    U = np.arange(3 * 2 * 3 * 2).reshape(3, 2, 3, 2)
    g = NormalFormGame(U)
    sub = g.restrict([[1], [0, 2], [0, 1]])
    assert sub.shape == (1, 2, 2)
    assert sub.payoffs[2, 0, 1, 1] == U[2, 1, 2, 1]


@pytest.mark.parametrize("keep, fragment", [
    ([[0], []], "Player 2 with no strategies"),
    ([[0]], "one list"),
    ([[5], [0]], "no strategy number 5"),
    ([["x"], [0]], "no strategy 'x'"),
    (["a1", [0]], "list of indices or labels"),
])
def test_restrict_errors(keep, fragment):
    g = NormalFormGame.from_arrays([[1, 2], [3, 4]], [[1, 2], [3, 4]])
    with pytest.raises(GameError) as info:
        g.restrict(keep)
    assert fragment in str(info.value)
