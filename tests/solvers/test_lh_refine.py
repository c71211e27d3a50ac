"""The shared compiled LU (``_linalg_numba``) and the compiled refinement of
Lemke-Howson's endpoints (``_lh_numba.refined_strategy``), tested directly: against
numpy's solve and determinant, and against the tableau path's refinement (one LAPACK
solve with the basis columns of the full system, :meth:`.FloatTableau.basic_array`)."""

from __future__ import annotations

import numpy as np
import pytest

import gametheory as gt
from gametheory.solvers import _lh_kernel
from gametheory.solvers import lemke_howson as lh

pytest.importorskip("numba")
pytestmark = pytest.mark.skipif(not _lh_kernel.available(),
                                reason="GAMETHEORY_NO_NUMBA is set")


def kernels():
    from gametheory.solvers._lh_numba import refined_strategy
    from gametheory.solvers._linalg_numba import lu_solve, lu_solve_in_place

    return lu_solve, lu_solve_in_place, refined_strategy


@pytest.mark.parametrize("n", [1, 2, 3, 5, 12, 40])
def test_lu_solves_as_numpy_with_the_sign_and_size_of_the_determinant(n):
    lu_solve, lu_in_place, _ = kernels()
    rng = np.random.default_rng(n)
    for _ in range(20):
        A, b = rng.normal(size=(n, n)), rng.normal(size=n)
        z, sign, ok = lu_solve(A.copy(), b)
        assert ok
        np.testing.assert_allclose(z, np.linalg.solve(A, b), rtol=1e-8, atol=1e-10)
        assert sign == np.sign(np.linalg.det(A))
        M, rhs, pivots = A.copy(), b.copy(), np.empty(n)
        assert lu_in_place(M, rhs, pivots) == (sign, True)
        np.testing.assert_array_equal(rhs, z)           # the wrapper is the same solve
        assert np.prod(pivots) == pytest.approx(abs(np.linalg.det(A)), rel=1e-9)


def test_lu_reports_an_exactly_zero_pivot():
    lu_solve, _, _ = kernels()
    A = np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [0.0, 0.0, 1.0]])   # rank 2
    assert not lu_solve(A, np.ones(3))[2]
    assert not lu_solve(np.zeros((2, 2)), np.ones(2))[2]


def endpoint(game, k):
    """The array walker's dictionaries and bases at the end of the path from label k, and
    the tableau path's tableaus there (the same pivots)."""
    A, B = lh._bimatrix(game, False)
    m, n = A.shape
    compiled = _lh_kernel.compiled_for(m, n)
    Bt = np.ascontiguousarray(B.T)
    P, Q = lh._tableau_factory(A, B, False)()
    lh._complementary_path(P, Q, k, m, 10**6)
    return A, Bt, m, n, compiled, P, Q


@pytest.mark.parametrize("seed", range(6))
def test_refined_endpoint_is_the_tableau_path_refinement(seed):
    """On random games, the compiled refinement (the tight rows on the support) gives the
    strategies of the tableau path's refinement (all basic columns of the full system)
    to 1e-12, and the walker returns them from every label tried."""
    _, _, refine = kernels()
    rng = np.random.default_rng(seed)
    m, n = (int(v) for v in rng.integers(15, 40, 2))
    game = gt.NormalFormGame.from_arrays(rng.random((m, n)), rng.random((m, n)))
    A, Bt, m, n, compiled, _, _ = endpoint(game, 0)
    walker = lh._array_walker(compiled, A, Bt.T, 10**6)
    for k in rng.choice(m + n, 3, replace=False).tolist():
        _, _, _, _, _, P, Q = endpoint(game, k)
        x_tab, y_tab = lh._strategy(P, range(m), False), lh._strategy(Q, range(m, m + n),
                                                                    False)
        # the compiled refinement on the tableau's basis and values (its last column)
        x, y = np.empty(m), np.empty(n)
        assert refine(np.asfortranarray(P.D), np.array(P.basis), Bt, 0, m, x)
        assert refine(np.asfortranarray(Q.D), np.array(Q.basis), A, m, 0, y)
        np.testing.assert_allclose(x, x_tab, rtol=0, atol=1e-12)
        np.testing.assert_allclose(y, y_tab, rtol=0, atol=1e-12)
        wx, wy, _ = walker(k, None)
        np.testing.assert_allclose(wx, x_tab, rtol=0, atol=1e-12)
        np.testing.assert_allclose(wy, y_tab, rtol=0, atol=1e-12)


def test_refinement_kept_only_when_it_agrees_and_zero_is_refused():
    """A dictionary whose values are off by more than 1e-6 keeps its own values (the
    strategy is their normalisation, negatives included); the artificial endpoint (no
    own label basic) gives False."""
    _, _, refine = kernels()
    M = np.array([[2.0, 1.0], [1.0, 3.0]])      # {z >= 0 : M z <= 1}: labels 0, 1 | 2, 3
    z = np.linalg.solve(M, np.ones(2))          # both rows tight: z = (0.4, 0.2)
    basis = np.array([0, 1])
    D = np.asfortranarray(np.column_stack([np.zeros((2, 2)), z]))
    out = np.empty(2)
    assert refine(D, basis, M, 0, 2, out)
    np.testing.assert_allclose(out, z / z.sum(), rtol=0, atol=1e-15)
    off = D.copy(order="F")
    off[:, -1] = z + np.array([1e-3, -1e-3])
    assert refine(off, basis, M, 0, 2, out)
    np.testing.assert_array_equal(out, off[:, -1] / off[:, -1].sum())
    near = D.copy(order="F")
    near[:, -1] = z + 1e-8                       # rounding-size error: refined away
    assert refine(near, basis, M, 0, 2, out)
    np.testing.assert_allclose(out, z / z.sum(), rtol=0, atol=1e-15)
    slacks = np.asfortranarray(np.column_stack([np.zeros((2, 2)), np.ones(2)]))
    assert not refine(slacks, np.array([2, 3]), M, 0, 2, out)
    # one row tight, the other slack basic: z_0 = 1/2, slack of row 1 = 1 - 1/2
    one = np.asfortranarray(np.array([[0.0, 0.0, 0.5], [0.0, 0.0, 0.5]]))
    assert refine(one, np.array([0, 3]), M, 0, 2, out)
    np.testing.assert_array_equal(out, [1.0, 0.0])
