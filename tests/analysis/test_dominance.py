"""Dominance: dominating_strategy, dominated_strategies and iterated_elimination.

Known answers from the textbooks, exact certificates, and properties: every certificate
really dominates, "not strictly dominated" agrees with "a best response to some belief"
(an independent LP), and iterated strict dominance does not depend on the order of
removal (Gilboa, Kalai and Zemel 1990).
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory import GameError, NormalFormGame

# Prisoner's Dilemma (Osborne 2004, Figure 15.1): Quiet is strictly dominated by Fink.
PD = NormalFormGame.from_arrays([[2, 0], [3, 1]], [[2, 3], [0, 1]],
                                strategies=[["Quiet", "Fink"], ["Quiet", "Fink"]])
# Gibbons (1992), A Primer in Game Theory, Figure 1.1.1: Right is dominated by Middle,
# then Down by Up, then Left by Middle, leaving (Up, Middle).
GIBBONS = NormalFormGame.from_bimatrix(
    [[(1, 0), (1, 2), (0, 1)], [(0, 3), (0, 1), (2, 0)]],
    strategies=[["Up", "Down"], ["Left", "Middle", "Right"]])
# A row dominated only by a mixture (Osborne 2004, section 4.4; Myerson 1991, section 3.8):
# (1/2, 1/2) on the first two rows gives 3/2 > 1 in both columns.
MIX_ONLY = NormalFormGame.from_arrays([[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]])


def dominates(game, i, j, sigma, strict):
    """Direct exact check that ``sigma`` (index or vector) dominates strategy j of player i."""
    n = game.shape[i]
    vec = [F(int(k == sigma)) for k in range(n)] if isinstance(sigma, int) else list(sigma)
    U = game.exact_payoffs()
    diffs = []
    for others in itertools.product(*(range(m) for k, m in enumerate(game.shape) if k != i)):
        def cell(s, others=others):
            c = list(others)
            c.insert(i, s)
            return (i,) + tuple(c)
        diffs.append(sum(F(p) * U[cell(k)] for k, p in enumerate(vec)) - U[cell(j)])
    if strict:
        return min(diffs) > 0
    return min(diffs) >= 0 and max(diffs) > 0


# ------------------------------------------------------------------ known answers
def test_prisoners_dilemma():
    assert gt.dominating_strategy(PD, 0, "Quiet") == 1
    assert gt.dominating_strategy(PD, "Player 2", 0) == 1
    assert gt.dominating_strategy(PD, 0, "Fink") is None
    assert gt.dominated_strategies(PD) == ((0,), (0,))
    res = gt.iterated_elimination(PD)
    assert res.surviving == (("Fink",), ("Fink",))
    assert res.rounds == 1 and len(res.removals) == 2


def test_dominated_only_by_a_mixture():
    assert gt.dominating_strategy(MIX_ONLY, 0, 2, mixed=False) is None
    sigma = gt.dominating_strategy(MIX_ONLY, 0, 2)
    assert isinstance(sigma, np.ndarray) and sigma.dtype == float
    assert sigma == pytest.approx([0.5, 0.5, 0.0])
    exact = gt.dominating_strategy(MIX_ONLY, 0, 2, exact=True)
    assert exact.tolist() == [F(1, 2), F(1, 2), F(0)]
    assert all(isinstance(p, F) for p in exact)
    assert gt.dominated_strategies(MIX_ONLY, 0) == (2,)
    assert gt.dominated_strategies(MIX_ONLY, 0, mixed=False) == ()


def test_exact_certificate_with_nontrivial_denominators():
    # sigma = (a, 1 - a) maximises min(5a - 1, 2(1 - a) - 1): a = 2/7, margin 3/7
    g = NormalFormGame.from_arrays([[5, 0], [0, 2], [1, 1]], [[0, 0]] * 3)
    sigma = gt.dominating_strategy(g, 0, 2, exact=True)
    assert sigma.tolist() == [F(2, 7), F(5, 7), F(0)]
    assert dominates(g, 0, 2, sigma, strict=True)


def test_exact_mode_sees_margins_below_the_float_tolerance():
    d = 1e-12
    g = NormalFormGame.from_arrays([[1, 0], [0, 1], [0.5 - d, 0.5 - d]], [[0, 0]] * 3)
    assert gt.dominating_strategy(g, 0, 2) is None  # margin 1e-12: below float tolerance
    sigma = gt.dominating_strategy(g, 0, 2, exact=True)  # decimals read exactly
    assert sigma.tolist() == [F(1, 2), F(1, 2), F(0)]


def test_float_payoffs_exact_certificate():
    g = NormalFormGame.from_arrays([[0.3, 0.0], [0.0, 0.3], [0.1, 0.1]], [[0, 0]] * 3)
    assert gt.dominating_strategy(g, 0, 2, exact=True).tolist() == [F(1, 2), F(1, 2), F(0)]


def test_gibbons_iterated_elimination_and_bookkeeping():
    res = gt.iterated_elimination(GIBBONS)
    assert res.surviving == (("Up",), ("Middle",))
    assert res.kept == ((0,), (1,))
    assert res.rounds == 3
    assert [(r.round, r.player, r.strategy, r.dominated_by) for r in res.removals] == [
        (1, "Player 2", "Right", (("Middle", 1),)),
        (2, "Player 1", "Down", (("Up", 1),)),
        (3, "Player 2", "Left", (("Middle", 1),)),
    ]
    assert res.game == GIBBONS.restrict([["Up"], ["Middle"]])
    text = str(res)
    assert "strictly dominated" in text and "simultaneously" in text
    assert "survivors: Player 1: Up; Player 2: Middle" in text
    lines = text.splitlines()
    assert lines[1].split() == ["round", "player", "removed", "dominated", "by"]
    assert lines[2].split() == ["1", "Player", "2", "Right", "Middle"]


def test_weak_but_not_strict_and_order_dependence():
    # Weak dominance is order-dependent (Osborne 2004, section 4.4 and exercise 4.4;
    # Fudenberg and Tirole 1991, section 2.1): T and B are weakly dominated by M.
    g = NormalFormGame.from_arrays([[1, 0], [1, 2], [0, 2]], [[1, 0], [1, 1], [0, 1]],
                                   strategies=[["T", "M", "B"], ["L", "R"]])
    assert gt.dominating_strategy(g, 0, "T") is None
    assert gt.dominating_strategy(g, 0, "T", strict=False) == 1
    assert gt.dominated_strategies(g, strict=False) == ((0, 2), ())
    assert gt.iterated_elimination(g).rounds == 0
    simultaneous = gt.iterated_elimination(g, strict=False)
    assert simultaneous.surviving == (("M",), ("L", "R"))
    assert [r.round for r in simultaneous.removals] == [1, 1]
    # another legitimate order: T first; then R weakly dominates L; then M and B tie
    without_t = g.restrict([["M", "B"], ["L", "R"]])
    assert gt.dominating_strategy(without_t, 1, "L", strict=False) == 1
    end = without_t.restrict([["M", "B"], ["R"]])
    assert gt.dominated_strategies(end, strict=False) == ((), ())
    assert end.strategies != simultaneous.surviving  # a different reduced game


def test_weak_dominance_by_a_mixture_only_exact():
    # only sigma = (1/2, 1/2) weakly dominates the third row: equal in two columns,
    # better in the third; nothing dominates it strictly
    g = NormalFormGame.from_arrays([[6, 0, 2], [0, 6, 2], [3, 3, 0]], [[0, 0, 0]] * 3)
    assert gt.dominating_strategy(g, 0, 2) is None
    assert gt.dominating_strategy(g, 0, 2, strict=False, mixed=False) is None
    sigma = gt.dominating_strategy(g, 0, 2, strict=False, exact=True)
    assert sigma.tolist() == [F(1, 2), F(1, 2), F(0)]
    assert gt.dominating_strategy(g, 0, 2, strict=False) == pytest.approx([0.5, 0.5, 0])



@pytest.mark.parametrize("path", ["binding", "linprog"])
def test_mixed_dominators_on_both_highs_paths(monkeypatch, path):
    """The dominance LPs through scipy's bundled HiGHS binding and through linprog:
    MIX_ONLY's third row strictly by (1/2, 1/2), the 5-2 game's by (2/7, 5/7) (above), the
    6-6-2 game's weakly only; a row no mixture dominates (infeasible weak LP): None."""
    from gametheory.solvers import _highs

    if path == "linprog":
        monkeypatch.setattr(_highs, "_CORE", None)
    assert gt.dominating_strategy(MIX_ONLY, 0, 2) == pytest.approx([0.5, 0.5, 0.0])
    g = NormalFormGame.from_arrays([[5, 0], [0, 2], [1, 1]], [[0, 0]] * 3)
    assert gt.dominating_strategy(g, 0, 2, exact=True).tolist() == [F(2, 7), F(5, 7), F(0)]
    g = NormalFormGame.from_arrays([[6, 0, 2], [0, 6, 2], [3, 3, 0]], [[0, 0, 0]] * 3)
    assert gt.dominating_strategy(g, 0, 2) is None
    assert gt.dominating_strategy(g, 0, 2, strict=False, exact=True).tolist() == \
        [F(1, 2), F(1, 2), F(0)]
    assert gt.dominating_strategy(MIX_ONLY, 0, 0, strict=False) is None

def test_equal_rows_do_not_dominate_each_other():
    g = NormalFormGame.from_arrays([[1, 2], [1, 2], [0, 0]], [[0, 0]] * 3)
    assert gt.dominating_strategy(g, 0, 0, strict=False) is None
    assert gt.dominated_strategies(g, 0, strict=False) == (2,)


def three_player_game():
    """Player 3's c3 is dominated by (1/2 c1 + 1/2 c2); once it is gone, a2 dominates a1."""
    U = np.zeros((3, 2, 2, 3), dtype=int)
    U[2, :, :, 0] = [[3, 0], [3, 0]]
    U[2, :, :, 1] = [[0, 3], [0, 3]]
    U[2, :, :, 2] = 1
    U[0, 0, :, 2] = 5  # a1 is good only against c3
    U[0, 1, :, :2] = 1
    return NormalFormGame(U)


def test_three_players():
    g = three_player_game()
    assert gt.dominated_strategies(g) == ((), (), (2,))
    assert gt.dominating_strategy(g, 2, "c3", exact=True).tolist() == [F(1, 2), F(1, 2), 0]
    res = gt.iterated_elimination(g, exact=True)
    assert res.surviving == (("a2",), ("b1", "b2"), ("c1", "c2"))
    assert [(r.round, r.strategy) for r in res.removals] == [(1, "c3"), (2, "a1")]
    assert res.removals[0].dominated_by == (("c1", F(1, 2)), ("c2", F(1, 2)))
    assert "1/2 c1 + 1/2 c2" in str(res)
    # without mixed dominators nothing is removed
    assert gt.iterated_elimination(g, mixed=False).rounds == 0


def test_no_dominance_and_single_strategies():
    g = NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    res = gt.iterated_elimination(g)
    assert res.rounds == 0 and res.removals == () and res.game == g
    assert "no strategy is dominated" in str(res)
    one = NormalFormGame.from_arrays([[1, 2]], [[3, 4]])
    assert gt.dominated_strategies(one) == ((), (0,))
    assert gt.dominating_strategy(one, 0, 0) is None


def test_errors():
    q = gt.parameters("q")
    g = NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(GameError, match="substitute"):
        gt.dominated_strategies(g)
    with pytest.raises(GameError, match="no player"):
        gt.dominating_strategy(PD, 2, 0)
    with pytest.raises(GameError, match="no strategy 'Silent'"):
        gt.dominating_strategy(PD, 0, "Silent")


def test_result_is_frozen():
    res = gt.iterated_elimination(PD)
    with pytest.raises(AttributeError):
        res.game = None


# ------------------------------------------------------------------ properties
@st.composite
def small_games(draw, max_players=3):
    n = draw(st.integers(2, max_players))
    shape = tuple(draw(st.integers(1, 4 if n == 2 else 3)) for _ in range(n))
    size = n * int(np.prod(shape))
    vals = draw(st.lists(st.integers(-4, 4), min_size=size, max_size=size))
    return NormalFormGame(np.array(vals).reshape((n,) + shape))


@settings(max_examples=60, deadline=None)
@given(small_games(), st.booleans(), st.booleans())
def test_every_certificate_dominates_and_floats_agree(game, strict, mixed):
    for i in range(game.num_players):
        for j in range(game.shape[i]):
            d = gt.dominating_strategy(game, i, j, strict=strict, mixed=mixed, exact=True)
            approx = gt.dominating_strategy(game, i, j, strict=strict, mixed=mixed)
            assert (approx is None) == (d is None)  # floats and exact agree on integer games
            pure = [k for k in range(game.shape[i]) if k != j
                    and dominates(game, i, j, k, strict)]
            if d is None:
                assert not pure  # pure dominance is never missed
            else:
                assert dominates(game, i, j, d, strict)
                assert isinstance(d, int) or (d[j] == 0 and sum(d) == 1)
                assert isinstance(d, int) == bool(pure) or mixed


def best_response_to_some_belief(game, i, j) -> bool:
    """Is j a best response to some (correlated) belief about the opponents? An LP over
    beliefs, independent of the code under test (Pearce 1984; Osborne 2004, section 12.2)."""
    from scipy.optimize import linprog

    M = np.moveaxis(game.float_payoffs()[i], i, 0).reshape(game.shape[i], -1)
    P = M.shape[1]
    # maximise t subject to  p . (M[j] - M[k]) >= t  for all k != j,  p a distribution
    rows = [np.append(-(M[j] - M[k]), 1.0) for k in range(M.shape[0]) if k != j]
    if not rows:
        return True
    res = linprog(np.append(np.zeros(P), -1.0), A_ub=np.array(rows), b_ub=np.zeros(len(rows)),
                  A_eq=[np.append(np.ones(P), 0.0)], b_eq=[1.0],
                  bounds=[(0, None)] * P + [(None, None)], method="highs")
    return -res.fun >= -1e-9


@settings(max_examples=60, deadline=None)
@given(small_games())
def test_strictly_dominated_iff_never_a_best_response(game):
    for i in range(game.num_players):
        for j in range(game.shape[i]):
            dominated = gt.dominating_strategy(game, i, j) is not None
            assert dominated == (not best_response_to_some_belief(game, i, j))


@settings(max_examples=40, deadline=None)
@given(small_games(), st.data())
def test_iterated_strict_dominance_is_order_independent(game, data):
    target = gt.iterated_elimination(game).surviving
    current = game
    while True:  # remove one dominated strategy at a time, in an order hypothesis picks
        found = [(i, j) for i, js in enumerate(gt.dominated_strategies(current)) for j in js]
        if not found:
            break
        i, j = data.draw(st.sampled_from(found))
        keep = [list(range(n)) for n in current.shape]
        keep[i].remove(j)
        current = current.restrict(keep)
    assert current.strategies == target


@settings(max_examples=40, deadline=None)
@given(small_games())
def test_pure_equilibria_survive_iterated_strict_dominance(game):
    res = gt.iterated_elimination(game)
    for eq in gt.solve(game, method="pure", exact=True).equilibria:
        for i, (k,) in enumerate(eq.supports):
            assert game.strategies[i][k] in res.surviving[i]
