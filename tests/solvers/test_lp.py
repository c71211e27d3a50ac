"""Tests of the LP solver for zero-sum games: textbook values, random zero-sum and
constant-sum games against pygambit and our own Lemke-Howson, uniqueness, errors."""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import oracles
import pytest

import gametheory as gt
from gametheory.errors import DegenerateGameWarning, SolverError
from gametheory.models import catalog
from gametheory.solvers.lp import solve_lp


def lp(game, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return solve_lp(game, **kw)


def zero_sum(A):
    A = np.asarray(A)
    return gt.NormalFormGame.from_arrays(A, -A)


def gambit_value(A, B):
    """Player 1's payoff at every extreme equilibrium found by pygambit (a set)."""
    A = np.asarray(A, dtype=object)
    m = A.shape[0]
    values = set()
    for key in oracles.gambit_extreme_equilibria(A, B):
        x, y = np.array(key[:m], dtype=object), np.array(key[m:], dtype=object)
        values.add(x @ A @ y)
    return values


# ----------------------------------------------------------------- known answers
@pytest.mark.parametrize("exact", [False, True])
def test_matching_pennies_and_rps(exact):
    # Osborne (2004) §2.7.3 and ex. 4.9: value 0, unique uniform optimal strategies.
    mp = solve_lp(catalog.matching_pennies(), exact=exact)
    assert mp.value == 0 and mp.complete and len(mp) == 1
    np.testing.assert_allclose(np.array(mp.equilibria[0].strategies, dtype=float), 0.5)
    rps = solve_lp(catalog.rock_paper_scissors(), exact=exact)
    assert abs(float(rps.value)) <= 1e-12 and rps.complete
    np.testing.assert_allclose(np.array(rps.equilibria[0].strategies, dtype=float), 1 / 3,
                               atol=1e-12)
    if exact:
        assert rps.value == 0 and rps.equilibria[0].strategies[0][0] == F(1, 3)


def test_two_by_two_formula():
    # A 2x2 zero-sum game without a saddle point, [[a, b], [c, d]]: value
    # (ad - bc) / (a + d - b - c) and x1 = (d - c) / (a + d - b - c) (Maschler, Solan &
    # Zamir 2013, ch. 5; Owen 1995, Game Theory §II.3). Here a=2, b=-1, c=-1, d=1:
    # value 1/5, x = (2/5, 3/5), y = (2/5, 3/5).
    sol = solve_lp(zero_sum([[2, -1], [-1, 1]]), exact=True)
    assert sol.value == F(1, 5)
    assert [list(s) for s in sol.equilibria[0].strategies] == \
        [[F(2, 5), F(3, 5)], [F(2, 5), F(3, 5)]]
    assert sol.equilibria[0].payoffs == (F(1, 5), F(-1, 5))
    assert sol.complete
    fl = solve_lp(zero_sum([[2, -1], [-1, 1]]))
    assert isinstance(fl.value, float) and abs(fl.value - 0.2) < 1e-12


def test_saddle_point():
    # Entry (1, 0) = 2 is the minimum of its row and the maximum of its column: a saddle
    # point, so the value is 2 and both players play pure strategies (von Neumann 1928).
    sol = solve_lp(zero_sum([[1, 3, 1], [2, 4, 3], [0, 5, -1]]), exact=True)
    assert sol.value == 2
    assert [list(s) for s in sol.equilibria[0].strategies] == [[0, 1, 0], [1, 0, 0]]


def test_constant_sum_game():
    # u1 + u2 = 10 everywhere: the equilibria are those of (A, -A); by the 2x2 formula
    # above the value of A is (48 - 20) / (8 + 6 - 4 - 5) = 28/5.
    A = np.array([[8, 4], [5, 6]])
    sol = solve_lp(gt.NormalFormGame.from_arrays(A, 10 - A), exact=True)
    assert sol.value == F(28, 5)
    assert sol.equilibria[0].payoffs == (F(28, 5), F(22, 5))
    assert any("constant-sum" in n for n in sol.notes)


def test_non_unique_optimal_strategies_are_flagged():
    # Player 2's columns 1 and 3 are identical: player 2's optimal strategies form a
    # segment, so the solution cannot be complete.
    g = zero_sum([[1, -1, 1], [-1, 1, -1]])
    with pytest.warns(DegenerateGameWarning, match="Player 2 are not unique"):
        sol = solve_lp(g, exact=True)
    assert not sol.complete and sol.value == 0
    assert any("vertex" in n for n in sol.notes)
    assert len(oracles.gambit_extreme_equilibria(g.payoffs[0], g.payoffs[1])) > 1


def test_tolerant_zero_sum_test_for_floats():
    A = np.array([[0.3, -0.7], [-0.2, 0.4]])
    sol = solve_lp(gt.NormalFormGame.from_arrays(A, -A + 1e-13))
    assert abs(sol.value - (0.12 - 0.14) / 1.6) < 1e-9  # (ad - bc) / (a + d - b - c)


# ----------------------------------------------------------------- random games
@pytest.mark.parametrize("kind", ["uniform", "int", "binary"])
@pytest.mark.parametrize("constant", [0, 7])
def test_random_zero_and_constant_sum(kind, constant):
    rng = np.random.default_rng(100 + len(kind) + constant)
    for _ in range(20):
        m, n = (int(v) for v in rng.integers(1, 7, 2))
        A, _ = oracles.random_bimatrix(rng, m, n, kind)
        if kind == "uniform":  # exact rationals with two decimals, nondegenerate
            A = np.vectorize(lambda v: F(round(v * 2000 - 1000), 100), otypes=[object])(A)
        g = gt.NormalFormGame.from_arrays(A, constant - A)
        ex, fl = lp(g, exact=True), lp(g)
        Ae, Be = g.exact_payoffs()
        values = gambit_value(Ae, Be)
        assert values == {ex.value}  # all equilibria of a zero-sum game have one value
        assert abs(fl.value - float(ex.value)) <= 1e-9
        assert gt.max_regret(g, ex.equilibria[0]) == 0
        assert gt.max_regret(g, fl.equilibria[0]) <= 1e-9
        extreme = oracles.gambit_extreme_equilibria(Ae, Be)
        assert oracles.solution_key_set(ex) <= extreme
        # complete exactly when the equilibrium (pair of optimal strategies) is unique
        assert ex.complete == fl.complete == (len(extreme) == 1)
        # Lemke-Howson finds equilibria with the same value
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            lh = gt.solve(g, method="lemke-howson", exact=True, initial_labels=[0])
        assert lh.equilibria[0].payoffs[0] == ex.value


def test_larger_random_zero_sum_exact():
    # Too large for pygambit's vertex enumeration in a unit test: compare with the value
    # at an exact Lemke-Howson equilibrium (every equilibrium has the value).
    rng = np.random.default_rng(5)
    A = rng.integers(-9, 10, (15, 12))
    g = zero_sum(A)
    ex, fl = lp(g, exact=True), lp(g)
    assert gt.max_regret(g, ex.equilibria[0]) == 0
    assert abs(fl.value - float(ex.value)) <= 1e-9
    lh = gt.solve(g, method="lemke-howson", exact=True, initial_labels=[0, 20])
    assert {eq.payoffs[0] for eq in lh} == {ex.value}
    assert ex.value == F(-52615247, 3467146339)  # the same from pygambit, computed once


# ----------------------------------------------------------------- errors
def test_errors():
    with pytest.raises(SolverError, match="zero-sum.*'vertex'.*'lemke-howson'"):
        solve_lp(catalog.battle_of_the_sexes())
    with pytest.raises(SolverError, match="zero-sum"):
        solve_lp(catalog.prisoners_dilemma(), exact=True)
    with pytest.raises(SolverError, match="two-player"):
        solve_lp(gt.NormalFormGame(np.zeros((3, 2, 2, 2))))
    with pytest.raises(SolverError, match="option"):
        solve_lp(catalog.matching_pennies(), method_option=1)
    # 1 - 0.9 is 0.09999999999999998 in floats: constant-sum within float tolerance, but
    # not when the floats are read exactly as the decimals they print as.
    A = np.array([[0.9, 0.2], [0.3, 0.6]])
    g = gt.NormalFormGame.from_arrays(A, 1 - A)
    assert abs(solve_lp(g).value - (0.54 - 0.06) / 1.0) < 1e-9
    with pytest.raises(SolverError, match="exact=True"):
        solve_lp(g, exact=True)
    q = gt.parameters("q")
    with pytest.raises(gt.GameError, match="parameters"):
        solve_lp(gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[-q, 0], [0, -1]]))
