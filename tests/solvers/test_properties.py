"""Properties every registered method must have, checked with hypothesis.

The methods are those of the registry (``gt.METHODS``) that accept the drawn game
(``applicable``: forms, players, exact, requires, size), not a hand-kept list, so a method
registered later is checked too (``tests/solvers/test_registry.py`` shows it):

- every returned profile is an equilibrium: max regret <= tol in floats, exactly 0
  with exact=True (on a tree: behaviour regrets, or the reduced normal form's regret);
- ``complete`` is honest: a solution that says it is complete contains every extreme
  equilibrium that vertex (two players) or enumpoly (more) finds, exactly;
- nondegenerate games have an odd number of equilibria (Lemke & Howson 1964; von Stengel
  2007, Algorithmic Game Theory, Theorem 3.8) — checked on games with distinct random
  payoffs, which are nondegenerate with probability one;
- relabelling (permuting) strategies permutes the answer of a complete method.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from method_checks import _solve, check_complete, check_regret, methods_for

import gametheory as gt
from gametheory.games.generators import random_tree

# Degenerate games make "support" warn that it met a continuum; that is expected here.
pytestmark = [pytest.mark.filterwarnings("ignore::gametheory.errors.DegenerateGameWarning"),
              pytest.mark.filterwarnings("ignore::RuntimeWarning")]

SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

@st.composite
def int_bimatrix(draw, max_n=4, lo=-5, hi=5):
    m = draw(st.integers(1, max_n))
    n = draw(st.integers(1, max_n))
    elems = st.integers(lo, hi)
    A = draw(arrays(np.int64, (m, n), elements=elems))
    B = draw(arrays(np.int64, (m, n), elements=elems))
    return A, B


@st.composite
def int_game(draw, players=3, max_n=2, lo=-3, hi=3):
    shape = tuple(draw(st.integers(1, max_n)) for _ in range(players))
    return draw(arrays(np.int64, (players, *shape), elements=st.integers(lo, hi)))


@st.composite
def distinct_bimatrix(draw, max_n=5):
    """Payoffs drawn without ties from a wide range: nondegenerate with high probability."""
    m = draw(st.integers(1, max_n))
    n = draw(st.integers(1, max_n))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    return rng.random((m, n)), rng.random((m, n))


# ------------------------------------------------------------ every method, regret
@SETTINGS
@given(game=int_bimatrix(max_n=3))
def test_every_method_returns_exact_equilibria_of_bimatrix_games(game):
    g = gt.NormalFormGame.from_arrays(*game)
    ran = check_regret(g, exact=True)
    assert "vertex" in ran or "best-response" in ran


@SETTINGS
@given(game=int_bimatrix(max_n=4, lo=-100, hi=100))
def test_every_method_returns_float_equilibria_of_bimatrix_games(game):
    g = gt.NormalFormGame.from_arrays(*(np.asarray(a, float) for a in game))
    check_regret(g, exact=False)


@settings(SETTINGS, max_examples=10)
@given(game=int_game())
def test_every_method_returns_equilibria_of_three_player_games(game):
    g = gt.NormalFormGame(game)
    check_regret(g, exact=True)
    check_regret(g, exact=False)


@settings(SETTINGS, max_examples=10)
@given(seed=st.integers(0, 10**6), players=st.sampled_from([2, 3]),
       zero_sum=st.booleans())
def test_every_method_returns_equilibria_of_trees(seed, players, zero_sum):
    t = random_tree(12, seed=seed, players=players, zero_sum=zero_sum and players == 2)
    check_regret(t, exact=False)


# ------------------------------------------------------------ complete is honest
@SETTINGS
@given(game=int_bimatrix(max_n=3))
def test_complete_methods_find_every_extreme_equilibrium(game):
    g = gt.NormalFormGame.from_arrays(*game)
    check_complete(g)


@settings(SETTINGS, max_examples=10)
@given(game=int_game())
def test_complete_methods_find_every_equilibrium_of_three_player_games(game):
    check_complete(gt.NormalFormGame(game))


def _complete_methods(game) -> list[str]:
    return [m for m in methods_for(game, exact=False) if gt.METHODS[m].complete]


@SETTINGS
@given(game=distinct_bimatrix())
def test_nondegenerate_games_have_an_odd_number(game):
    g = gt.NormalFormGame.from_arrays(*game)
    for name in _complete_methods(g):
        sol = _solve(g, name, exact=False)
        if sol is None or not sol.complete:
            continue
        assert len(sol.equilibria) % 2 == 1, name
        for eq in sol.equilibria:
            assert gt.max_regret(g, eq) <= 1e-9


@SETTINGS
@given(game=int_bimatrix(max_n=4), data=st.data())
def test_relabelling_permutes_the_answer(game, data):
    A, B = game
    m, n = A.shape
    pr = data.draw(st.permutations(range(m)))
    pc = data.draw(st.permutations(range(n)))
    g = gt.NormalFormGame.from_arrays(A, B)
    h = gt.NormalFormGame.from_arrays(A[np.ix_(pr, pc)], B[np.ix_(pr, pc)])
    for name in _complete_methods(g):
        sol_g = gt.solve(g, method=name, exact=True)
        sol_h = gt.solve(h, method=name, exact=True)
        if not (sol_g.complete and sol_h.complete):
            continue  # incomplete answers need not be permutations of each other
        # strategy k of h is strategy pr[k] of g
        mapped = {(tuple(eq.strategies[0][list(np.argsort(pr))]),
                   tuple(eq.strategies[1][list(np.argsort(pc))])) for eq in sol_h.equilibria}
        original = {(tuple(eq.strategies[0]), tuple(eq.strategies[1]))
                    for eq in sol_g.equilibria}
        assert mapped == original, name


@SETTINGS
@given(game=int_bimatrix(max_n=4))
def test_lp_value_matches_vertex_on_zero_sum(game):
    A, _ = game
    g = gt.NormalFormGame.from_arrays(A, -A)
    lp = gt.solve(g, method="lp", exact=True)
    vx = gt.solve(g, method="vertex", exact=True)
    # minimax theorem (von Neumann 1928): every equilibrium pays player 1 the value
    assert {eq.payoffs[0] for eq in vx.equilibria} == {lp.value}
    for eq in lp.equilibria:
        assert gt.max_regret(g, eq) == 0
