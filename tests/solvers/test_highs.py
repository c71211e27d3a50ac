"""Tests of the lean HiGHS call (``gametheory.solvers._highs``): the bundled binding and
the linprog fallback give the same optimum and duals, and failures are SolverErrors."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linprog

from gametheory.errors import SolverError
from gametheory.solvers import _highs


@pytest.fixture(params=["binding", "linprog"])
def path(request, monkeypatch):
    """Run each test through the bundled binding (when scipy has one) and linprog."""
    if request.param == "linprog":
        monkeypatch.setattr(_highs, "_CORE", None)
    elif _highs._binding() is None:
        pytest.skip("this scipy has no bundled HiGHS binding")
    return request.param


@pytest.mark.parametrize("seed", range(12))
def test_random_programs_agree_with_linprog(path, seed):
    """Optimum and duals of random bounded feasible programs equal linprog's."""
    rng = np.random.default_rng(seed)
    n, m_ub, m_eq = rng.integers(2, 8), rng.integers(1, 6), rng.integers(1, 3)
    A = rng.normal(size=(m_ub + m_eq, n)).round(2)
    z0 = rng.random(n)                                # a feasible point
    b = A @ z0 + np.concatenate([rng.random(m_ub), np.zeros(m_eq)])
    c = rng.normal(size=n)
    lower, upper = np.zeros(n), np.full(n, 5.0)
    r, k = np.nonzero(A)
    z, duals = _highs.solve_highs(c, (r, k, A[r, k]), m_ub, b, lower, upper, 1e-10)
    ref = linprog(c, A_ub=A[:m_ub], b_ub=b[:m_ub], A_eq=A[m_ub:], b_eq=b[m_ub:],
                  bounds=np.column_stack([lower, upper]), method="highs")
    assert ref.status == 0
    assert abs(c @ z - ref.fun) <= 1e-8
    assert np.all(A[:m_ub] @ z <= b[:m_ub] + 1e-8) and np.allclose(A[m_ub:] @ z, b[m_ub:])
    ref_duals = np.concatenate([ref.ineqlin.marginals, ref.eqlin.marginals])
    assert abs(duals @ b - ref_duals @ b) <= 1e-7 * (1 + abs(ref.fun))


def test_infeasible_and_unbounded_programs_raise(path):
    one = (np.array([0]), np.array([0]), np.array([1.0]))
    with pytest.raises(SolverError, match="HiGHS.* on the test"):   # z <= -1 and z >= 0
        _highs.solve_highs(np.ones(1), one, 1, np.array([-1.0]), np.zeros(1),
                           np.full(1, np.inf), 1e-10, "the test")
    with pytest.raises(SolverError, match="HiGHS"):      # minimise -z subject to -z <= 0
        _highs.solve_highs(-np.ones(1), (*one[:2], -one[2]), 1, np.array([0.0]),
                           np.zeros(1), np.full(1, np.inf), 1e-10)


@pytest.mark.parametrize("seed", range(20))
def test_columns_are_scipys_compressed_columns(seed):
    """Repeated entries summed, cancelling ones dropped, as ``coo_array(...).tocsc()``."""
    from scipy.sparse import coo_array

    rng = np.random.default_rng(seed)
    rows, cols, nnz = rng.integers(1, 9), rng.integers(1, 9), rng.integers(0, 40)
    r, k = rng.integers(0, rows, nnz), rng.integers(0, cols, nnz)
    v = rng.choice([-1.0, 1.0, 0.5, 2.0], nnz)
    start, index, value = _highs._columns((r, k, v), rows, cols)
    ref = coo_array((v, (r, k)), shape=(rows, cols)).tocsc()
    ref.eliminate_zeros()
    assert start.tolist() == ref.indptr.tolist() and index.tolist() == ref.indices.tolist()
    assert np.allclose(value, ref.data)
