"""The compiled stack solver of support enumeration (numba, optional) against numpy's
stacked slogdet and solve it replaces: the same singular systems, the same solutions to
rounding, and the same equilibria from ``solve`` with and without numba."""

from __future__ import annotations

import numpy as np
import pytest
from numba_modes import both_ways, random_bimatrix, same_as_quantecon

from gametheory.solvers import _support_batch as batch
from gametheory.solvers._compiled import numpy_only
from gametheory.solvers.indifference import solve_stack

numba = pytest.importorskip("numba")


def stack(rng, N, k):
    """Random systems with a row of ones (as in support enumeration), some singular
    (equal rows, a zero row, 0/1 entries) and some nearly so."""
    D = rng.random((N, k, k))
    D[:, -1] = 1.0
    D[:50, 1] = D[:50, 0]
    D[50:100, 0] = 0.0
    D[100:200, :-1] = rng.integers(0, 2, (100, k - 1, k))
    D[200:250, 2] = D[200:250, 0] + 1e-13
    return D


@pytest.mark.parametrize("k", [4, 5, 7, 9])
@pytest.mark.parametrize("ratio", [1e-10, 1e-6, "per system"])
def test_same_systems_as_numpy(k, ratio):
    rng = np.random.default_rng(k)
    D = stack(rng, 2000, k)
    r = rng.uniform(1e-9, 1e-5, len(D)) if ratio == "per system" else ratio
    z, singular = batch._solve_stack(D, r)
    rhs = np.zeros(D.shape[:2])
    rhs[:, -1] = 1.0
    z0, ok0 = solve_stack(D, rhs, r)
    assert np.array_equal(~singular, ok0)
    assert singular[:100].all()              # equal rows, a zero row
    assert np.isnan(z[singular]).all()
    np.testing.assert_allclose(z[ok0], z0[ok0], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(np.einsum("nij,nj->ni", D[ok0], z[ok0]), rhs[ok0],
                               atol=1e-6)
    # a transposed (non-contiguous) stack, as _solve_systems passes it
    zt, st = batch._solve_stack(np.ascontiguousarray(D.transpose(1, 2, 0)).transpose(2, 0, 1), r)
    assert np.array_equal(st, singular)
    np.testing.assert_array_equal(zt[ok0], z[ok0])



@pytest.mark.parametrize("kind", ["generic", "ties"])
def test_same_equilibria_with_and_without_numba(kind):
    rng = np.random.default_rng(3)
    for n in (5, 7, 8):
        game = random_bimatrix(rng, n, n, kind)
        both_ways(game, "support")
        if kind == "ties" and n == 5:
            both_ways(game, "support", exact=True)


def test_agrees_with_quantecon_on_generic_games():
    pytest.importorskip("quantecon.game_theory")
    rng = np.random.default_rng(9)
    for n in (6, 8):
        A, B = rng.random((n, n)), rng.random((n, n))
        assert same_as_quantecon(A, B, "support", "support_enumeration")


@pytest.mark.parametrize("kind", ["generic", "ties", "tiny"])
@pytest.mark.parametrize("rounding", [False, True])
def test_compiled_classes_are_numpys(kind, rounding):
    """The compiled loop over a class (class_systems) and the compiled dominance filter
    against their numpy code: the same systems found feasible and singular, the same
    bits for systems up to 3 x 3 (the closed form), the same to rounding above."""
    rng = np.random.default_rng(5)
    for n in (3, 5, 7):
        M = {"generic": rng.random((n, n)), "ties": rng.integers(0, 3, (n, n)) / 2.0,
             "tiny": rng.random((n, n)) * 1e-9 + np.arange(n)[:, None] * 1e-12}[kind]
        for k in range(1, n + 1):
            own = batch.subsets(n, k)
            on = batch.solve_class(M, own, own, 1e-12, 1e-9, rounding=rounding)
            with numpy_only():
                off = batch.solve_class(M, own, own, 1e-12, 1e-9, rounding=rounding)
                dom = batch.dominated_rows(np.stack([M, M.T]), own)
            assert np.array_equal(batch.dominated_rows(np.stack([M, M.T]), own), dom)
            for a, b in zip(on.feasible + on.singular, off.feasible + off.singular,
                            strict=True):
                if k <= 3 or a.dtype != float:
                    assert np.array_equal(a, b)
                else:
                    np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)
