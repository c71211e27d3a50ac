"""Iterated strict dominance by mixed strategies in games of three or more players.

In an N-player game a strategy is strictly dominated by a mixed strategy exactly when it
is never a best response to a *correlated* belief about the opponents' profiles (Pearce
1984, appendix; Fudenberg & Tirole 1991, chapter 2), so the dominance LP runs over the
opponents' joint pure profiles. Known reductions, the order independence of iterated
strict dominance (Gilboa, Kalai & Zemel 1990), and two cross-checks: an independent
best-response LP, and the fact that no correlated equilibrium (hence no Nash equilibrium)
puts weight on an eliminated strategy (Aumann 1974; Myerson 1991, section 6.2).
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import gametheory as gt
from gametheory import NormalFormGame


def four_matrix_game(m4: int) -> NormalFormGame:
    """Player 3 picks a matrix M1..M4; only player 3's payoffs matter (players 1, 2 get 0).

    M1 pays 8 at (U, L); M2 pays 4 at (U, L) and (D, R); M3 pays 8 at (D, R); M4 pays m4
    everywhere. The textbook example of a strategy (M2) that is a best response to the
    correlated belief 1/2 (U, L) + 1/2 (D, R) but to no independent belief (the standard
    rationalizability example, e.g. Fudenberg & Tirole 1991, chapter 2).
    """
    U = np.zeros((3, 2, 2, 4), dtype=int)
    U[2, 0, 0, 0] = 8
    U[2, 0, 0, 1] = U[2, 1, 1, 1] = 4
    U[2, 1, 1, 2] = 8
    U[2, :, :, 3] = m4
    return NormalFormGame(U, players=["Row", "Column", "Matrix"],
                          strategies=[["U", "D"], ["L", "R"], ["M1", "M2", "M3", "M4"]])


def test_best_response_only_to_correlated_belief_survives():
    g = four_matrix_game(3)
    assert gt.dominated_strategies(g, "Matrix") == ()
    assert gt.iterated_elimination(g).rounds == 0
    # M4 paying 5 > 4 everywhere dominates M2 (mixtures cannot do better: with weights
    # a, c, d on M1, M3, M4 the two binding cells need 8a + 5d > 4 and 8c + 5d > 4)
    res = gt.iterated_elimination(four_matrix_game(5), exact=True)
    assert res.surviving[2] == ("M1", "M3", "M4")
    assert res.removals[0].dominated_by == (("M4", 1),)
    # M4 paying exactly 4: weakly but not strictly dominated
    g4 = four_matrix_game(4)
    assert gt.dominated_strategies(g4, "Matrix") == ()
    assert gt.dominated_strategies(g4, "Matrix", strict=False) == (1,)


def three_round_game() -> NormalFormGame:
    """Round 1: Player 3's c3 (dominated only by 1/2 c1 + 1/2 c2, against the joint
    profiles of players 1 and 2); round 2: Player 1's a1 (good only against c3); round 3:
    Player 2's b2 (good only against a1); round 4: c2 (good only against b2). Survivors:
    a2, b1, c1."""
    U = np.zeros((3, 2, 2, 3), dtype=int)
    U[2, :, 0, 0] = 3           # c1 pays 3 when b1 is played
    U[2, :, 1, 1] = 3           # c2 pays 3 when b2 is played
    U[2, :, :, 2] = 1           # c3 pays 1 always: beaten by the half-half mix (3/2)
    U[0, 0, :, 2] = 5           # a1 pays 5 against c3
    U[0, 1, :, :2] = 1          # a2 pays 1 against c1, c2
    U[1, 0, 1, :] = 2           # b2 pays 2 against a1
    U[1, :, 0, :] = 1           # b1 pays 1 always
    return NormalFormGame(U)


def test_three_round_reduction_across_three_players():
    res = gt.iterated_elimination(three_round_game(), exact=True)
    assert [(r.round, r.player, r.strategy) for r in res.removals] == [
        (1, "Player 3", "c3"), (2, "Player 1", "a1"), (3, "Player 2", "b2"),
        (4, "Player 3", "c2")]
    assert res.removals[0].dominated_by == (("c1", F(1, 2)), ("c2", F(1, 2)))
    assert res.surviving == (("a2",), ("b1",), ("c1",))
    assert res.kept == ((1,), (0,), (0,))


def random_game(seed: int, shape: tuple[int, ...]) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    return NormalFormGame.from_arrays(*rng.integers(0, 6, size=(len(shape), *shape)))


def best_response_to_some_belief(game, i, j) -> bool:
    """Independent LP: is strategy j of player i a best response to some correlated
    belief over the opponents' profiles, with a strict margin unavailable elsewhere?
    Maximise t subject to u(j, mu) >= u(k, mu) for all k (no margin needed) - a weak BR."""
    M = np.moveaxis(game.float_payoffs()[i], i, 0).reshape(game.shape[i], -1)
    P = M.shape[1]
    A_ub = np.array([M[k] - M[j] for k in range(len(M)) if k != j]).reshape(-1, P)
    res = linprog(np.zeros(P), A_ub=A_ub, b_ub=np.zeros(len(A_ub)), A_eq=np.ones((1, P)),
                  b_eq=[1], bounds=(0, None), method="highs")
    return res.status == 0


@settings(deadline=None, max_examples=15)
@given(st.integers(0, 10**6), st.sampled_from([(2, 2, 3), (3, 3, 2), (2, 2, 2, 2)]))
def test_not_dominated_iff_best_response_to_correlated_belief(seed, shape):
    g = random_game(seed, shape)
    for i in range(g.num_players):
        dominated = set(gt.dominated_strategies(g, i, exact=True))
        for j in range(g.shape[i]):
            assert (j in dominated) != best_response_to_some_belief(g, i, j)


@settings(deadline=None, max_examples=10)
@given(st.integers(0, 10**6), st.sampled_from([(3, 3, 3), (2, 3, 4)]))
def test_order_independence_and_equilibria_survive(seed, shape):
    g = random_game(seed, shape)
    res = gt.iterated_elimination(g, exact=True)
    # one removal at a time, last player first (Gilboa, Kalai & Zemel 1990)
    cur, kept = g, [list(range(n)) for n in g.shape]
    while True:
        hit = next(((i, d[0]) for i in reversed(range(cur.num_players))
                    if (d := gt.dominated_strategies(cur, i, exact=True))), None)
        if hit is None:
            break
        i, j = hit
        kept[i].pop(j)
        cur = g.restrict(kept)
    assert tuple(map(tuple, kept)) == res.kept
    # no correlated equilibrium puts weight on a removed strategy
    weight = np.ones(g.shape, dtype=int)
    weight[np.ix_(*res.kept)] = 0
    ce = gt.correlated_equilibrium(g, objective=weight)
    assert ce.value == 0
    for eq in gt.solve(g, method="pure").equilibria:
        cell = [int(np.argmax(s)) for s in eq.strategies]
        assert all(c in k for c, k in zip(cell, res.kept, strict=True))
