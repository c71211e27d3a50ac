"""Tests of the Lemke-Howson solver: known answers, random games against pygambit, and
path-by-path agreement with QuantEcon and nashpy."""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import oracles
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import DegenerateGameWarning, SolverError
from gametheory.models import catalog
from gametheory.solvers.lemke_howson import solve_lemke_howson

# von Stengel (2007), Algorithmic Game Theory ch. 3, the 3x2 example of Figs. 3.2-3.4
# (also QuantEcon's test_lemke_howson.py): label 0 ends at the pure equilibrium
# (a1, b1), label 1 at ((0, 1/3, 2/3), (1/3, 2/3)).
VS_A = [[3, 3], [2, 5], [0, 6]]
VS_B = [[3, 2], [2, 6], [3, 1]]


def lh(game, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return solve_lemke_howson(game, **kw)


def profile(sol, k=0):
    return [list(s) for s in sol.equilibria[k].strategies]


def exact_set(sol):
    return oracles.solution_key_set(sol)


# ----------------------------------------------------------------- known answers
def test_von_stengel_example_by_label():
    g = gt.NormalFormGame.from_arrays(VS_A, VS_B)
    assert profile(solve_lemke_howson(g, exact=True, initial_labels=0)) == \
        [[1, 0, 0], [1, 0]]
    assert profile(solve_lemke_howson(g, exact=True, initial_labels=1)) == \
        [[0, F(1, 3), F(2, 3)], [F(1, 3), F(2, 3)]]
    sol = solve_lemke_howson(g, initial_labels=[1])
    np.testing.assert_allclose(sol.equilibria[0].strategies[0], [0, 1 / 3, 2 / 3],
                               atol=1e-12)
    assert not sol.complete


def test_battle_of_the_sexes_misses_the_mixed_equilibrium():
    # Osborne (2004) §2.7.2: equilibria (B, B), (S, S) and ((2/3, 1/3), (1/3, 2/3)).
    # The mixed one has index -1 and LH from the artificial equilibrium only ends at
    # equilibria of index +1 (Shapley 1974; von Stengel 2007 §3.5), so LH finds the two
    # pure ones from the four labels.
    bos = catalog.battle_of_the_sexes()
    one = solve_lemke_howson(bos, exact=True, initial_labels=0)
    assert profile(one) == [[1, 0], [1, 0]]
    sol = solve_lemke_howson(bos, exact=True)
    assert exact_set(sol) == {(1, 0, 1, 0), (0, 1, 0, 1)}
    assert sol.complete is False
    assert any("not necessarily all" in n for n in sol.notes)


@pytest.mark.parametrize("exact", [False, True])
def test_catalog_games(exact):
    # Osborne (2004): Matching Pennies §2.7.3 and RPS ex. 4.9 have a unique, uniform
    # equilibrium; PD §2.2 has (Defect, Defect); Chicken's pure equilibria (one swerves).
    mp = solve_lemke_howson(catalog.matching_pennies(), exact=exact)
    assert len(mp) == 1
    np.testing.assert_allclose(np.array(profile(mp), dtype=float), 0.5, atol=1e-12)
    rps = solve_lemke_howson(catalog.rock_paper_scissors(), exact=exact)
    assert len(rps) == 1
    np.testing.assert_allclose(np.array(profile(rps), dtype=float), 1 / 3, atol=1e-12)
    pd = solve_lemke_howson(catalog.prisoners_dilemma(), exact=exact)
    assert [list(map(float, s)) for s in pd.equilibria[0].strategies] == [[0, 1], [0, 1]]
    assert len(pd) == 1
    chicken = solve_lemke_howson(catalog.chicken(), exact=exact)
    assert {tuple(float(v) for s in eq.strategies for v in s) for eq in chicken} == \
        {(1, 0, 0, 1), (0, 1, 1, 0)}


# Degenerate games from QuantEcon's test_lemke_howson.py (TestLemkeHowsonDegenerate):
# von Stengel's example with B[0, 1] = 3 (a degenerate pure strategy), and two games on
# which LH with the "smallest row index" or "smallest variable index" tie-breaking
# rule cycles. QuantEcon stores player 2's matrix transposed; here B is ours.
_CYC_A = np.array([[0, 0, 0], [0, 1, 1], [1, 1, 0]])
_CYC_B = np.array([[1, 0, 1], [1, 1, 0], [0, 0, 2]]).T
_PERM = [2, 0, 1]
DEGENERATE = [
    ([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]],
     [[0, F(1, 3), F(2, 3)], [F(1, 3), F(2, 3)]]),
    (_CYC_A, _CYC_B, [[0, F(2, 3), F(1, 3)], [0, 1, 0]]),
    (_CYC_A[:, _PERM], _CYC_B[:, _PERM], [[0, F(2, 3), F(1, 3)], [0, 0, 1]]),
]


@pytest.mark.parametrize("A, B, expected", DEGENERATE)
@pytest.mark.parametrize("exact", [False, True])
def test_degenerate_games_do_not_cycle(A, B, expected, exact):
    g = gt.NormalFormGame.from_arrays(A, B)
    with pytest.warns(DegenerateGameWarning, match="degenerate"):
        sol = solve_lemke_howson(g, exact=exact, initial_labels=0)
    np.testing.assert_allclose(np.array(profile(sol)[0], dtype=float),
                               np.array(expected[0], dtype=float), atol=1e-12)
    np.testing.assert_allclose(np.array(profile(sol)[1], dtype=float),
                               np.array(expected[1], dtype=float), atol=1e-12)
    every = lh(g, exact=True)
    assert exact_set(every) <= oracles.gambit_extreme_equilibria(A, B)


def test_nondegenerate_game_gives_no_warning():
    g = gt.NormalFormGame.from_arrays(VS_A, VS_B)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sol = solve_lemke_howson(g)
    assert len(sol.notes) == 1


def test_registry_and_labels_by_position():
    g = gt.NormalFormGame.from_arrays(VS_A, VS_B)
    sol = gt.solve(g, method="lemke-howson", exact=True, initial_labels=[0, 1])
    assert sol.method == "lemke-howson"
    assert len(sol) == 2
    assert "initial labels 0, 1" in sol.notes[0]


# ----------------------------------------------------------------- random games
@pytest.mark.parametrize("kind", ["uniform", "int", "binary"])
def test_random_games_are_equilibria_and_extreme(kind):
    rng = np.random.default_rng({"uniform": 1, "int": 2, "binary": 3}[kind])
    for _ in range(40):
        m, n = (int(v) for v in rng.integers(1, 6, 2))
        A, B = oracles.random_bimatrix(rng, m, n, kind)
        g = gt.NormalFormGame.from_arrays(A, B)
        fl = lh(g)
        assert len(fl) >= 1
        for eq in fl:
            assert gt.max_regret(g, eq) <= 1e-9
        if kind == "uniform":
            continue
        ex = lh(g, exact=True)
        for eq in ex:
            assert gt.max_regret(g, eq) == 0
        assert exact_set(ex) <= oracles.gambit_extreme_equilibria(A, B)
        # Float pivoting follows the same paths as exact pivoting.
        assert len(fl) == len(ex)
        for a, b in zip(fl, ex, strict=True):
            assert a.isclose(b, 1e-9)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.data())
def test_property_exact_endpoints_are_extreme_equilibria(m, n, data):
    entries = st.lists(st.lists(st.integers(-4, 4), min_size=n, max_size=n),
                       min_size=m, max_size=m)
    A, B = data.draw(entries), data.draw(entries)
    g = gt.NormalFormGame.from_arrays(A, B)
    label = data.draw(st.integers(0, m + n - 1))
    sol = lh(g, exact=True, initial_labels=label)
    assert len(sol) == 1
    assert gt.max_regret(g, sol.equilibria[0]) == 0
    assert exact_set(sol) <= oracles.gambit_extreme_equilibria(A, B)


def test_each_label_matches_nashpy_on_square_integer_games():
    # nashpy's lemke_howson(initial_dropped_label=k) uses the same labels. nashpy 0.0.43
    # raises KeyError, loops or returns non-equilibria on many rectangular or float
    # games, so it is compared on square integer games (where it is reliable) and
    # only on nondegenerate ones (no lexicographic tie-break needed: same path).
    import nashpy  # a test dependency (the test extra)
    rng = np.random.default_rng(2024)
    compared = 0
    for _ in range(30):
        m = n = int(rng.integers(2, 5))
        A, B = rng.integers(0, 100, (m, n)), rng.integers(0, 100, (m, n))
        g = gt.NormalFormGame.from_arrays(A, B)
        for k in range(m + n):
            sol = lh(g, initial_labels=k)
            if len(sol.notes) > 1:  # degenerate
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                nx, ny = nashpy.Game(A, B).lemke_howson(initial_dropped_label=k)
            x, y = sol.equilibria[0].strategies
            np.testing.assert_allclose(x, nx, atol=1e-9)
            np.testing.assert_allclose(y, ny, atol=1e-9)
            compared += 1
    assert compared > 100


def test_larger_game_exact_and_float_agree():
    rng = np.random.default_rng(11)
    A, B = oracles.random_bimatrix(rng, 12, 12, "int")
    g = gt.NormalFormGame.from_arrays(A, B)
    labels = [0, 5, 12, 20]
    ex = lh(g, exact=True, initial_labels=labels)
    fl = lh(g, initial_labels=labels)
    assert len(ex) == len(fl)
    assert all(a.isclose(b, 1e-9) for a, b in zip(fl, ex, strict=True))
    assert all(gt.max_regret(g, eq) == 0 for eq in ex)


def test_fraction_and_float_payoffs_exact():
    g = gt.NormalFormGame.from_arrays([[F(1, 2), 0], [0, F(1, 3)]], [[0.25, 0], [0, 0.5]])
    sol = lh(g, exact=True)
    assert exact_set(sol) == {(1, 0, 1, 0), (0, 1, 0, 1)}


# ----------------------------------------------------------------- errors
def test_errors():
    three = gt.NormalFormGame(np.zeros((3, 2, 2, 2)))
    with pytest.raises(SolverError, match="two-player"):
        solve_lemke_howson(three)
    g = gt.NormalFormGame.from_arrays(VS_A, VS_B)
    with pytest.raises(SolverError, match=r"0\.\.4"):
        solve_lemke_howson(g, initial_labels=5)
    with pytest.raises(SolverError, match="initial label"):
        solve_lemke_howson(g, initial_labels=[True])
    with pytest.raises(SolverError, match="empty"):
        solve_lemke_howson(g, initial_labels=[])
    with pytest.raises(SolverError, match="option"):
        solve_lemke_howson(g, capping=3)
    with pytest.raises(SolverError, match="max_pivots=1"):
        solve_lemke_howson(g, initial_labels=1, max_pivots=1)
    for bad in (0, 2.5, "10"):
        with pytest.raises(SolverError, match="positive"):
            solve_lemke_howson(g, max_pivots=bad)
    q = gt.parameters("q")
    with pytest.raises(gt.GameError, match="parameters"):
        solve_lemke_howson(gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]]))
