"""Properties every two-player method must have, checked with hypothesis.

- every returned profile is an equilibrium: max regret <= 1e-9 in floats, exactly 0
  with exact=True;
- nondegenerate games have an odd number of equilibria (Lemke & Howson 1964; von Stengel
  2007, Algorithmic Game Theory, Theorem 3.8) — checked on games with distinct random
  payoffs, which are nondegenerate with probability one;
- relabelling (permuting) strategies permutes the answer.
"""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import gametheory as gt

# Degenerate games make "support" warn that it met a continuum; that is expected here.
pytestmark = pytest.mark.filterwarnings("ignore::gametheory.errors.DegenerateGameWarning")

METHODS = ["vertex", "support", "lemke-howson"]
SETTINGS = settings(max_examples=40, deadline=None,
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
def distinct_bimatrix(draw, max_n=5):
    """Payoffs drawn without ties from a wide range: nondegenerate with high probability."""
    m = draw(st.integers(1, max_n))
    n = draw(st.integers(1, max_n))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    return rng.random((m, n)), rng.random((m, n))


@pytest.mark.parametrize("method", METHODS)
@SETTINGS
@given(game=int_bimatrix())
def test_exact_equilibria_have_zero_regret(method, game):
    g = gt.NormalFormGame.from_arrays(*game)
    sol = gt.solve(g, method=method, exact=True)
    assert sol.exact
    assert len(sol.equilibria) >= 1  # Nash (1951): every finite game has one
    for eq in sol.equilibria:
        assert gt.max_regret(g, eq) == 0
        assert all(isinstance(p, Fraction) for s in eq.strategies for p in s)
        assert all(sum(s) == 1 for s in eq.strategies)


@pytest.mark.parametrize("method", METHODS)
@SETTINGS
@given(game=int_bimatrix(max_n=5, lo=-100, hi=100))
def test_float_equilibria_have_small_regret(method, game):
    g = gt.NormalFormGame.from_arrays(*(np.asarray(a, float) for a in game))
    sol = gt.solve(g, method=method)
    assert len(sol.equilibria) >= 1
    for eq in sol.equilibria:
        assert gt.max_regret(g, eq) <= 1e-9 * 100


@pytest.mark.parametrize("method", ["vertex", "support"])
@SETTINGS
@given(game=distinct_bimatrix())
def test_nondegenerate_games_have_an_odd_number(method, game):
    g = gt.NormalFormGame.from_arrays(*game)
    sol = gt.solve(g, method=method)
    assert sol.complete
    assert len(sol.equilibria) % 2 == 1
    for eq in sol.equilibria:
        assert gt.max_regret(g, eq) <= 1e-9


@pytest.mark.parametrize("method", ["vertex", "support"])
@SETTINGS
@given(game=int_bimatrix(max_n=4), data=st.data())
def test_relabelling_permutes_the_answer(method, game, data):
    A, B = game
    m, n = A.shape
    pr = data.draw(st.permutations(range(m)))
    pc = data.draw(st.permutations(range(n)))
    g = gt.NormalFormGame.from_arrays(A, B)
    h = gt.NormalFormGame.from_arrays(A[np.ix_(pr, pc)], B[np.ix_(pr, pc)])
    sol_g = gt.solve(g, method=method, exact=True)
    sol_h = gt.solve(h, method=method, exact=True)
    if not (sol_g.complete and sol_h.complete):
        return  # incomplete answers need not be permutations of each other
    # strategy k of h is strategy pr[k] of g
    mapped = {(tuple(eq.strategies[0][list(np.argsort(pr))]),
               tuple(eq.strategies[1][list(np.argsort(pc))])) for eq in sol_h.equilibria}
    original = {(tuple(eq.strategies[0]), tuple(eq.strategies[1])) for eq in sol_g.equilibria}
    assert mapped == original


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
