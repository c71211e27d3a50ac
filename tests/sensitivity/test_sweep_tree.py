"""Batched backward induction (tree_batch) against gt.solve(..., method="spe") point by point."""

from __future__ import annotations

import numpy as np
import parametric
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory import SolverError
from gametheory.games.generators import random_tree
from gametheory.solvers.batched_backward import tree_batch


def _rows(game, sol):
    """Each equilibrium of a Solution as (behaviour row, payoffs), sorted."""
    a = game.arrays
    out = []
    for eq in sol.equilibria:
        row = [float(eq.behavior[h][x]) for h, acts in zip(a.infoset_labels, a.infoset_actions,
                                                           strict=True) for x in acts]
        out.append((tuple(row), tuple(float(v) for v in eq.payoffs)))
    return sorted(out)


def _batch_rows(res, k):
    r = res.rows(k)
    return sorted((tuple(res.profile[i].tolist()), tuple(res.payoffs[i].tolist())) for i in r)


def _same(got, want):
    assert len(got) == len(want)
    for (p, u), (p2, u2) in zip(got, want, strict=True):
        assert p == p2
        assert np.allclose(u, u2, rtol=1e-9, atol=1e-9)


def _points(game, qs, rs):
    names = [p.name for p in game.parameters]
    return {k: v for k, v in (("q", qs), ("r", rs)) if k in names}


@settings(deadline=None, max_examples=20)
@given(st.integers(3, 45), st.integers(0, 10**6), st.sampled_from(["int", "float"]),
       st.lists(st.tuples(st.sampled_from([0.0, 0.25, 0.5, 1.0, None]),
                          st.sampled_from([-1.0, 0.0, 1.0, None])), min_size=1, max_size=6),
       st.randoms(use_true_random=False))
def test_tree_batch_agrees_with_spe_at_every_point(nodes, seed, kind, grid, rnd):
    game = parametric.symbolic_tree(nodes, seed, payoffs=kind)
    qs = np.array([rnd.random() if q is None else q for q, _ in grid])
    rs = np.array([rnd.uniform(-2, 2) if r is None else r for _, r in grid])
    values = _points(game, qs, rs)
    pay, prob = game.evaluator()(values)
    if not values:                      # a numeric tree: one point, repeated
        pay, prob = np.repeat(pay, len(qs), axis=0), np.repeat(prob, len(qs), axis=0)

    def solve_at(k):
        fixed = {n: float(v[k]) for n, v in values.items()}
        return gt.solve(game.substitute(**fixed) if fixed else game, method="spe")

    res = tree_batch(game.arrays, pay, prob, fallback=lambda idx: [solve_at(k) for k in idx])
    assert res.num_points == len(qs) and res.complete.all()
    assert (np.diff(res.point) >= 0).all()
    for k in range(len(qs)):
        _same(_batch_rows(res, k), _rows(game, solve_at(k)))


def test_ties_without_fallback_keep_one_equilibrium():
    q = gt.parameters("q")
    g = gt.ExtensiveFormGame(["A", "B"])
    risky, safe = g.root.decide("A", ["risky", "safe"])
    _ = safe.payoffs(3, 0)
    left, right = risky.decide("B", ["left", "right"])
    _ = left.payoffs(0, 1), right.payoffs(5, q)
    pay, prob = g.evaluator()({"q": np.array([0.0, 1.0, 2.0])})
    res = tree_batch(g.arrays, pay, prob)
    assert res.complete.tolist() == [True, False, True]
    assert res.counts.tolist() == [1, 1, 1]
    # at the tie B takes the first best action (left), so A plays safe
    assert res.profile[1].tolist() == [0.0, 1.0, 1.0, 0.0]
    full = tree_batch(g.arrays, pay, prob, fallback=lambda idx: [
        gt.solve(g.substitute(q=1), method="spe") for _ in idx])
    assert full.counts.tolist() == [1, 2, 1] and full.complete.all()
    assert full.point.tolist() == [0, 1, 1, 2]


def test_explicit_tolerance_makes_near_ties():
    q = gt.parameters("q")
    g = gt.ExtensiveFormGame(["A"])
    x, y = g.root.decide("A", ["x", "y"])
    _ = x.payoffs(1), y.payoffs(1 + q)
    pay, prob = g.evaluator()({"q": np.array([1e-6, 1e-3])})
    assert tree_batch(g.arrays, pay, prob).complete.all()
    assert tree_batch(g.arrays, pay, prob, tol=1e-4).complete.tolist() == [False, True]


def test_single_terminal_and_errors():
    g = gt.ExtensiveFormGame(["A"])
    g.root.payoffs(4)
    res = tree_batch(g.arrays, np.full((2, 1, 1), 4.0), np.ones((2, 1)))
    assert res.payoffs.tolist() == [[4.0], [4.0]] and res.profile.shape == (2, 0)
    imperfect = random_tree(60, seed=1, merge=1.0)
    a = imperfect.arrays
    assert len(set(a.infoset[a.infoset >= 0].tolist())) < (a.infoset >= 0).sum()
    with pytest.raises(SolverError, match="perfect information"):
        tree_batch(a, np.zeros((1, len(a.terminals), 2)), np.ones((1, len(a.parent))))
    t = random_tree(20, seed=2, merge=0).arrays
    with pytest.raises(SolverError, match="shape"):
        tree_batch(t, np.zeros((1, len(t.terminals) + 1, 2)), np.ones((1, len(t.parent))))
    with pytest.raises(SolverError, match="fallback returned 0 solutions"):
        g2 = gt.ExtensiveFormGame(["A"])
        for n in g2.root.decide("A", ["x", "y"]):
            n.payoffs(0)
        tree_batch(g2.arrays, np.zeros((1, 2, 1)), np.ones((1, 3)), fallback=lambda idx: [])
