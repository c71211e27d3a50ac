"""Pruning of support pairs that are infeasible on a whole interval (batched support
enumeration of sweeps): pruned pairs are never feasible, and the sweep's answer is the
same with and without pruning.

Support enumeration: von Stengel (2007), in *Algorithmic Game Theory*, ch. 3, sec. 3.4;
Bernstein coefficients bound a polynomial on an interval (convex-hull property):
Farouki, R. T. (2012), The Bernstein polynomial basis: a centennial retrospective,
*Computer Aided Geometric Design* 29, 379-419.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import gametheory as gt
from gametheory.solvers import _support_batch as sb
from gametheory.solvers.batched_support import bimatrix_batch, interval_allowed, support_prune


def _poly_payoffs(rng, m, n, d):
    C = rng.normal(size=(d + 1, 2, m, n)) * (rng.random((d + 1, 2, m, n)) < 0.8)

    def at(q):
        q = np.asarray(q, dtype=float)[:, None, None, None]
        return sum(C[j][None] * q ** j for j in range(d + 1))
    return C, at


@pytest.mark.parametrize("seed", range(6))
def test_pruned_pairs_are_never_feasible_on_a_fine_grid(seed):
    rng = np.random.default_rng(seed)
    for _ in range(10):
        m, n = (int(x) for x in rng.integers(2, 6, size=2))
        d = int(rng.integers(1, 3))
        _, at = _poly_payoffs(rng, m, n, d)
        lo, hi = sorted(rng.uniform(-2, 2, size=2))
        D = d * min(m, n)
        allowed = support_prune(at(lo + (hi - lo) * sb.interval_nodes(D)), d)
        G = at(np.linspace(lo, hi, 2001))
        A, Bt = G[:, 0], np.ascontiguousarray(G[:, 1].transpose(0, 2, 1))
        pruned = 0
        for k in range(1, min(m, n) + 1):
            s1, s2 = sb.subsets(m, k), sb.subsets(n, k)
            for M, own, opp, ok in ((Bt, s1, s2, allowed[k - 1][0]),
                                    (A, s2, s1, allowed[k - 1][1])):
                res = sb.solve_class(M, own, opp, 0.0, 0.0)
                e, s = res.feasible[0], res.feasible[1]
                assert ok[e, s].all()
                pruned += int((~ok).sum())
        assert pruned > 0


def _linear_game(seed: int, m: int, n: int) -> gt.NormalFormGame:
    q = gt.parameters("q")
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 100, size=(2, m, n))
    b = rng.integers(-50, 51, size=(2, m, n))
    A, B = ([[sympy.Rational(int(a[p, i, j]), 10) + sympy.Rational(int(b[p, i, j]), 10) * q
              for j in range(n)] for i in range(m)] for p in range(2))
    return gt.NormalFormGame.from_arrays(A, B)


@pytest.mark.parametrize("seed, m, n", [(1, 4, 4), (2, 5, 3), (3, 6, 6)])
def test_sweep_with_pruning_equals_unpruned_and_points(seed, m, n):
    g = _linear_game(seed, m, n)
    qs = np.linspace(-1, 2, 3001)
    pruned = interval_allowed(g, {"q": qs})
    assert pruned is not None
    allowed, part = pruned
    assert sum(int((~ax).sum() + (~ay).sum()) for ax, ay in allowed) > 0
    P = g.evaluator()({"q": qs})
    with_p = bimatrix_batch(P, 1e-9, None, allowed, part)
    without = bimatrix_batch(P, 1e-9, None)
    assert np.array_equal(with_p.counts, without.counts)
    assert np.array_equal(with_p.point, without.point)
    assert np.array_equal(with_p.complete, without.complete)
    assert np.abs(with_p.profile - without.profile).max(initial=0) == 0
    sw = gt.sweep(g, {"q": qs})
    assert np.array_equal(sw.counts, without.counts)
    for k in range(0, len(qs), 300):
        assert len(gt.solve(g.substitute(q=float(qs[k]))).equilibria) == sw.counts[k]


def test_no_pruning_unless_one_polynomial_parameter_varies():
    q, r = gt.parameters("q r")
    g = gt.NormalFormGame.from_arrays([[q, 1 / (1 + q)], [0, r]], [[1, 0], [0, 1]])
    assert interval_allowed(g, {"q": np.linspace(0, 1, 100), "r": 1.0}) is None   # 1/(1+q)
    h = gt.NormalFormGame.from_arrays([[q, r], [0, 1]], [[1, 0], [0, 1]])
    both = {"q": np.linspace(0, 1, 100), "r": np.linspace(0, 1, 100)}
    assert interval_allowed(h, both) is None
    assert interval_allowed(h, {"q": np.linspace(0, 1, 100), "r": 0.5}) is not None
