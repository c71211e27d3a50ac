"""Tests of the batched bimatrix engine: every point agrees with the complete vertex
method (gt.solve(method="vertex")) solved on its own, degenerate points included."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import GameError
from gametheory.solvers.batched_support import bimatrix_batch, vertex_fallback


def vertex(P: np.ndarray, i: int):
    return gt.solve(gt.NormalFormGame.from_arrays(P[i, 0], P[i, 1]), method="vertex")


class Recorder:
    """The fallback of the brief, recording which points it was asked for."""

    def __init__(self, P: np.ndarray):
        self.P, self.asked = P, []

    def __call__(self, idx):
        self.asked.extend(int(i) for i in idx)
        return [vertex(self.P, i) for i in idx]


def assert_agrees(P: np.ndarray, tol: float = 1e-9) -> Recorder:
    """The batch equals, point by point, the vertex method's equilibrium set (up to 1e-9)."""
    fb = Recorder(P)
    res = bimatrix_batch(P, 1e-9, fb)
    m, n = P.shape[2:]
    assert res.num_points == len(P) and np.all(np.diff(res.point) >= 0)
    assert res.profile.shape == (len(res.point), m + n)
    for i in range(len(P)):
        sol = vertex(P, i)
        want = [np.concatenate(eq.strategies).astype(float) for eq in sol.equilibria]
        rows = res.rows(i)
        got = res.profile[rows]
        assert len(got) == len(want), (i, P[i], got, want)
        for w in want:
            assert np.abs(got - w).max(axis=1).min() <= tol, (i, P[i], got, want)
        pay = np.array([eq.payoffs for eq in sol.equilibria], dtype=float).reshape(-1, 2)
        for row, p in zip(got, res.payoffs[rows], strict=True):
            k = np.abs(np.array(want) - row).max(axis=1).argmin()
            assert np.allclose(p, pay[k], atol=1e-9)
        if i not in fb.asked:
            assert res.complete[i]
    return fb


def games(m: int, n: int, elements):
    return st.lists(st.lists(elements, min_size=2 * m * n, max_size=2 * m * n),
                    min_size=1, max_size=6).map(
        lambda pts: np.array(pts, dtype=float).reshape(-1, 2, m, n))


@settings(deadline=None, max_examples=40)
@given(games(2, 2, st.integers(-2, 2)))
def test_integer_2x2_agrees_with_vertex(P):
    assert_agrees(P)


@settings(deadline=None, max_examples=30)
@given(games(3, 3, st.integers(0, 3)))
def test_integer_3x3_agrees_with_vertex(P):
    assert_agrees(P)


@settings(deadline=None, max_examples=20)
@given(st.sampled_from([(2, 3), (3, 2), (3, 4)]).flatmap(
    lambda s: games(*s, st.integers(0, 2))))
def test_integer_rectangular_agrees_with_vertex(P):
    assert_agrees(P)


@settings(deadline=None, max_examples=25)
@given(st.sampled_from([2, 3]).flatmap(
    lambda k: games(k, k, st.integers(-1000, 1000).map(lambda v: v / 97))))
def test_float_games_agree_with_vertex(P):
    # Inexact floats (k / 97). Not arbitrary floats: with a payoff like 1e-8 next to 5
    # the vertex method also reports an epsilon-equilibrium (regret 2e-9, within its
    # tolerance 1e-9 times the payoff scale) that is no equilibrium of the exact game.
    assert_agrees(P)


@settings(deadline=None, max_examples=15)
@given(st.lists(st.integers(-2, 2), min_size=36, max_size=36))
def test_parametric_3x3_over_a_grid_with_ties(coef):
    # Payoffs a + b q with small integer a, b, on a dyadic grid of q: two payoffs tie
    # exactly at some grid points (a1 + b1 q = a2 + b2 q at q = (a1 - a2)/(b2 - b1)).
    q = sp.Symbol("q")
    c = np.array(coef).reshape(2, 2, 3, 3)
    U = [[[int(c[0, p, i, j]) + int(c[1, p, i, j]) * q for j in range(3)]
          for i in range(3)] for p in range(2)]
    game = gt.NormalFormGame.from_arrays(*U)
    grid = [F(k, 8) for k in range(-8, 9)]
    P = np.array([(game.substitute(q=v) if game.parameters else game).float_payoffs()
                  for v in grid])
    assert_agrees(P)


def test_degenerate_points_go_to_the_fallback_and_nothing_else():
    # Player 1's payoff for (a1, b1) is q; at q = 0 both rows tie against b1 and player 1
    # mixes over a continuum of equilibria. At q = -1 and q = 1 the game is
    # nondegenerate (unique equilibria, pure).
    P = np.zeros((3, 2, 2, 2))
    P[:, 0] = [[0, 0], [0, 1]]
    P[:, 1] = [[1, 0], [1, 0]]
    P[:, 0, 0, 0] = [-1.0, 0.0, 1.0]
    fb = assert_agrees(P)
    assert fb.asked == [1]


def test_generic_float_batch_needs_no_fallback():
    rng = np.random.default_rng(7)
    P = rng.random((200, 2, 3, 3))

    def refuse(idx):
        raise AssertionError(f"fallback asked for {idx}")

    res = bimatrix_batch(P, 1e-9, refuse)
    assert res.complete.all() and (res.counts % 2 == 1).all()   # odd number (Shapley)
    for i in (0, 57, 199):
        assert len(res.rows(i)) == len(vertex(P, i).equilibria)


def test_unequal_supports_and_continua():
    # A degenerate game: against a1, player 2's b1 and b2 tie, so a pure a1 has two best
    # responses (equilibria with unequal supports, a continuum of player 2's mixtures).
    # Point 0 goes to the fallback; point 1 breaks the tie.
    A = np.array([[3, 3], [2, 5], [0, 6]], dtype=float)
    B = np.array([[3, 3], [2, 6], [3, 1]], dtype=float)
    P = np.stack([np.stack([A, B]), np.stack([A, B + np.array([[0, 0.5], [0, 0], [0, 0]])])])
    fb = assert_agrees(P)
    assert 0 in fb.asked


def test_default_fallback_is_the_vertex_method():
    P = np.array([[[[1, 1], [1, 1]], [[0, 1], [1, 0]]]], dtype=float)
    res = bimatrix_batch(P)
    assert res.counts.tolist() == [len(vertex_fallback(P)([0])[0].equilibria)]


def test_matching_pennies_known_answer():
    # Matching pennies: the unique equilibrium mixes (1/2, 1/2) for both players
    # (Osborne & Rubinstein 1994, A Course in Game Theory, Example 17.1; von Neumann).
    P = np.array([[[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]], dtype=float) * 5
    res = bimatrix_batch(P, 1e-9, lambda idx: pytest.fail("not degenerate"))
    assert res.profile.tolist() == [[0.5, 0.5, 0.5, 0.5]]
    assert res.payoffs.tolist() == [[0.0, 0.0]]


def test_bad_input():
    with pytest.raises(GameError, match="shape"):
        bimatrix_batch(np.zeros((4, 3, 2, 2)))
    P = np.zeros((3, 2, 2, 2))
    P[2, 1, 0, 1] = np.nan
    with pytest.raises(GameError, match="point 2"):
        bimatrix_batch(P)
    with pytest.raises(GameError, match="tol"):
        bimatrix_batch(np.zeros((1, 2, 2, 2)), tol=0.0)
    with pytest.raises(GameError, match="tol"):
        bimatrix_batch(np.zeros((1, 2, 2, 2)), tol="small")
    with pytest.raises(GameError, match="fallback returned"):
        bimatrix_batch(np.zeros((1, 2, 2, 2)), 1e-9, lambda idx: [])


def test_empty_batch():
    res = bimatrix_batch(np.zeros((0, 2, 3, 2)))
    assert res.num_points == 0 and res.profile.shape == (0, 5) and res.payoffs.shape == (0, 2)


def test_chunking_does_not_change_the_result(monkeypatch):
    # Many small chunks of points (and of systems inside solve_class) give the same rows
    # as one chunk, also around degenerate points handed to the fallback.
    from gametheory.solvers import _support_batch
    from gametheory.solvers import batched_support as _sweep_bimatrix

    rng = np.random.default_rng(3)
    P = rng.random((60, 2, 3, 3))
    P[::3] = rng.integers(0, 3, (20, 2, 3, 3))             # mostly degenerate points
    whole = bimatrix_batch(P)
    assert 0 < whole.complete.sum() and len(np.unique(whole.point)) == 60
    monkeypatch.setattr(_sweep_bimatrix, "SYSTEMS_PER_CHUNK", 50)   # 2 points per chunk
    monkeypatch.setattr(_support_batch, "CHUNK", 7)
    parts = bimatrix_batch(P)
    assert whole.point.tolist() == parts.point.tolist()
    # (equal up to rounding: SIMD loops may round the last bit differently by length)
    assert np.allclose(whole.profile, parts.profile, rtol=0, atol=1e-13)
    assert np.allclose(whole.payoffs, parts.payoffs, rtol=0, atol=1e-13)
    assert np.array_equal(whole.complete, parts.complete)
