"""Tolerances scale with the payoffs, and float solves settle near-ties exactly (issue 11).

A float solve of A = [[q^2 + 1, 0], [1, 1]], B = [[0, 1], [1, 0]] at q = 1e-7 (so A[0][0]
= 1 + 1e-14) returned the non-equilibrium (a2, b1) and a "continuum" with complete=True:
the 1e-14 difference was below vertex enumeration's label tolerance. In exact arithmetic
the game is nondegenerate with the single equilibrium x = (1/2, 1/2),
y = (1, e)/(1 + e), e = q^2 (both players indifferent; solved by hand). The regret
tolerance had a floor of 1, so a game in small units (payoffs 1e-12) accepted every
profile.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.solvers.result import default_tol


def _tie(e):
    return gt.NormalFormGame.from_arrays([[1 + e, 0], [1, 1]], [[0, 1], [1, 0]])


def _close(float_sol, exact_sol, atol=1e-12):
    """Every float profile is within ``atol`` of an exact one and vice versa."""
    def near(eq, others):
        return any(all(np.allclose(np.asarray(a, float), np.asarray(b, float), atol=atol,
                                   rtol=0) for a, b in zip(eq.strategies, o.strategies))
                   for o in others)
    return all(near(eq, exact_sol) for eq in float_sol) and \
        all(near(eq, float_sol) for eq in exact_sol)


@pytest.mark.parametrize("method", ["auto", "vertex"])
def test_near_tie_of_1e_14_matches_the_exact_game(method):
    q = 1e-7
    g = _tie(q * q)
    exact = gt.solve(gt.NormalFormGame.from_arrays(g.exact_payoffs()[0], g.exact_payoffs()[1]),
                     exact=True)
    assert exact.complete and len(exact) == 1
    e = Fraction(repr(1 + q * q)) - 1     # the payoff read as the decimal it prints as
    assert tuple(exact[0].strategies[1]) == (1 / (1 + e), e / (1 + e))
    sol = gt.solve(g, method=method)
    assert sol.complete and len(sol) == 1 and _close(sol, exact)
    assert not any(not c.is_isolated for c in sol.components)   # no phantom continuum
    assert sol[0].supports == ((0, 1), (0, 1))                  # b2's 1e-14 is kept
    assert gt.max_regret(g, sol[0]) <= default_tol(g)


def test_exact_tie_is_still_a_continuum():
    sol = gt.solve(_tie(0.0), method="vertex")
    assert sol.complete and any(not c.is_isolated for c in sol.components)
    assert {eq.supports for eq in sol} == {((0, 1), (0,)), ((1,), (0,))}


@pytest.mark.parametrize("scale, shift", [(1e-12, 0.0), (1.0, 1e6), (1e-6, 5e-3)])
@pytest.mark.parametrize("method", ["pure", "vertex", "support", "lemke-howson"])
def test_regret_tolerance_scales_with_the_payoffs(scale, shift, method):
    """A prisoners' dilemma (Gibbons 1992, section 1.1.A: (defect, defect) is the unique
    equilibrium) in small units, or shifted far from 0: no other profile is accepted."""
    A = np.array([[3.0, 0.0], [5.0, 1.0]]) * scale + shift
    g = gt.NormalFormGame.from_arrays(A, A.T)
    assert default_tol(g) <= 1e-9 * 5 * scale + 1e-13 * abs(5 * scale + shift)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        sol = gt.solve(g, method=method)
    assert [eq.supports for eq in sol] == [((1,), (1,))]


_cell = st.integers(-3, 3)
_bump = st.sampled_from([0.0, 1e-14, -1e-14, 1e-12, 1e-10, 3e-9])


@settings(max_examples=40, deadline=None)
@given(m=st.integers(2, 3), n=st.integers(2, 3), data=st.data())
def test_float_vertex_is_the_exact_answer_on_near_ties(m, n, data):
    """Integer games (often degenerate) with some cells moved by 1e-14 .. 3e-9: the float
    solve returns only profiles within tol of the exact equilibria of the same payoffs
    and, when it says complete, all of them; every profile passes the regret check with
    the stated tolerance. "The same payoffs" is either reading of the floats: the
    decimals they print as (1e-12) or the binary values they are (1.0000889e-12); on an
    ill-conditioned game such as x2 (1 + 1e-12) + x3 = x2 + x3 (1 + 1e-14) the two give
    equilibria 1e-5 apart (x2 = 1/101 against 0.0098923), and either is right."""
    A = np.array(data.draw(st.lists(_cell, min_size=m * n, max_size=m * n)), float)
    B = np.array(data.draw(st.lists(_cell, min_size=m * n, max_size=m * n)), float)
    A += np.array(data.draw(st.lists(_bump, min_size=m * n, max_size=m * n)))
    B += np.array(data.draw(st.lists(_bump, min_size=m * n, max_size=m * n)))
    g = gt.NormalFormGame.from_arrays(A.reshape(m, n), B.reshape(m, n))
    binary = np.vectorize(lambda x: Fraction(float(x)), otypes=[object])
    readings = (g.exact_payoffs(), binary(g.float_payoffs()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        exacts = [gt.solve(gt.NormalFormGame.from_arrays(E[0], E[1]), method="vertex",
                           exact=True) for E in readings]
        sol = gt.solve(g, method="vertex")
    tol = default_tol(g)
    assert all(gt.max_regret(g, eq) <= tol for eq in sol)
    if sol.complete and all(exact.complete for exact in exacts):
        # extreme points closer than atol are one point in floats (a vertex at x1 = 1e-14
        # next to one at x1 = 0 is not resolvable), so components are counted that way
        assert any(_close(sol, exact, atol=1e-9) and
                   sorted(_distinct(sol, c) for c in sol.components) ==
                   sorted(_distinct(exact, c) for c in exact.components)
                   for exact in exacts)


def _distinct(sol, component, atol=1e-9):
    """How many of a component's extreme points are more than ``atol`` apart."""
    points = [np.concatenate([np.asarray(s, float) for s in sol.equilibria[i].strategies])
              for i in component.equilibria]
    kept = []
    for p in points:
        if not any(np.allclose(p, k, atol=atol, rtol=0) for k in kept):
            kept.append(p)
    return len(kept)


@pytest.mark.parametrize("scale", [1e-12, 1.0, 1e9])
def test_backward_induction_ties_scale_with_the_payoffs(scale):
    """A one-move tree choosing between payoffs 1 and 3 (times ``scale``): R alone is
    subgame perfect at every scale; at 1e-12 the tie tolerance with a floor of 1 called
    both moves ties and returned L too."""
    t = gt.ExtensiveFormGame(["A", "B"])
    left, right = t.root.decide("A", ["L", "R"])
    left.payoffs(1 * scale, 0)
    right.payoffs(3 * scale, 0)
    sol = gt.solve(t, method="spe")
    assert [eq.behavior for eq in sol] == [{"A: root": {"L": 0, "R": 1}}]


def test_ill_conditioned_near_tie_is_the_answer_for_the_binary_floats():
    """x2 (1 + 1e-12) + x3 = x2 + x3 (1 + 1e-14): Player 2 is indifferent at x2/x3 equal to
    the ratio of the two bumps, 1/100 as decimals but 0.0099911 as the binary floats
    1e-12 and 1e-14 become once added to 1; the float solve gives the latter (and every
    profile passes its regret check), found by hypothesis."""
    A = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0]]
    B = [[1.0, 1 + 1e-14], [1 + 1e-12, 1.0], [1.0, 1 + 1e-14]]
    g = gt.NormalFormGame.from_arrays(A, B)
    sol = gt.solve(g, method="vertex")
    (x, _), = [eq.strategies for eq in sol]
    bumps = ((1 + 1e-14) - 1, (1 + 1e-12) - 1)
    assert x[1] / x[2] == pytest.approx(bumps[0] / bumps[1], rel=1e-9)
    assert abs(x[1] / x[2] - 1 / 100) > 1e-6
    assert gt.max_regret(g, sol.equilibria[0]) <= default_tol(g)
