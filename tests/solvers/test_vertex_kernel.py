"""The compiled vertex enumeration by pivoting (numba, optional) against qhull: the same
vertices and labels on simple polytopes, a refusal (None) on degenerate ones, and the
same solutions from ``solve(method="vertex")`` with and without numba."""

from __future__ import annotations

import numpy as np
import pytest
from numba_modes import both_ways, random_bimatrix, same_as_quantecon

from gametheory.solvers import polytope
from gametheory.solvers._compiled import kernel, numpy_only

numba = pytest.importorskip("numba")


@pytest.mark.skipif(kernel("_vertex_numba", "simple_vertices") is None,
                    reason="GAMETHEORY_NO_NUMBA is set")
@pytest.mark.parametrize("k, d", [(2, 2), (3, 2), (2, 5), (6, 6), (9, 4), (4, 9), (10, 10)])
def test_same_vertices_as_qhull(k, d):
    rng = np.random.default_rng(100 * k + d)
    for _ in range(3):
        G = 1.0 + rng.random((k, d))
        V = polytope.pivot_vertices(G, 1e-9)
        Q = polytope.enumerate_vertices(G, 1e-9)
        assert V is not None and not V.degenerate
        kv, kq = polytope.label_keys(V.labels(True)), polytope.label_keys(Q.labels(True))
        assert sorted(kv.tolist()) == sorted(kq.tolist())
        assert (np.diff(kv.astype(np.int64)) > 0).all()           # sorted by label mask
        zq = dict(zip(kq.tolist(), Q.Z, strict=True))
        for key, z in zip(kv.tolist(), V.Z, strict=True):
            np.testing.assert_allclose(z, zq[key], atol=1e-12)
        assert len(V.Z) <= polytope.max_vertices(d, k) - 1        # the origin is dropped


def test_refuses_degenerate_polytopes_and_without_numba():
    G = np.array([[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 2.0, 1.5]])  # equal rows
    assert polytope.pivot_vertices(1.0 + np.eye(3), 1e-9) is not None or \
        kernel("_vertex_numba", "simple_vertices") is None
    assert polytope.pivot_vertices(G, 1e-9) is None
    G = np.array([[1.0, 2.0], [2.0, 1.0], [1.5, 1.5]])     # three facets through a vertex
    assert polytope.pivot_vertices(G, 1e-9) is None
    with numpy_only():
        assert polytope.pivot_vertices(1.0 + np.eye(3), 1e-9) is None
    assert polytope.pivot_vertices(np.ones((1, 3)), 1e-9) is None   # a simplex: qhull's



@pytest.mark.parametrize("kind", ["generic", "ties"])
def test_same_solutions_with_and_without_numba(kind):
    rng = np.random.default_rng(11)
    for m, n in [(3, 3), (4, 6), (7, 5), (8, 8), (10, 10)]:
        game = random_bimatrix(rng, m, n, kind)
        off, on = both_ways(game, "vertex")
        assert [c.equilibria for c in off.components] == [c.equilibria for c in on.components]
        for a, b in zip(off.equilibria, on.equilibria, strict=True):
            assert a.isclose(b, 1e-10)
        if m <= 4:
            both_ways(game, "vertex", exact=True)


def test_agrees_with_quantecon_on_generic_games():
    pytest.importorskip("quantecon.game_theory")
    rng = np.random.default_rng(12)
    for m, n in [(6, 6), (9, 7), (10, 10)]:
        A, B = rng.random((m, n)), rng.random((m, n))
        assert same_as_quantecon(A, B, "vertex", "vertex_enumeration")
