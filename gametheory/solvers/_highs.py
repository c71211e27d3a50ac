"""One call of HiGHS on a linear program, without linprog's fixed cost.

``scipy.optimize.linprog(method="highs")`` spends about 2 ms per call outside HiGHS
(checking its inputs, converting matrices, validating each HiGHS option): on the small
programs of small trees that is most of the time. :func:`solve_highs` hands the program to
the HiGHS binding that scipy bundles (``scipy.optimize._highspy._core``, scipy >= 1.15)
directly, with the options linprog would set, and falls back to ``linprog`` when that
binding is missing (older scipy) or its interface differs. Both run the same HiGHS with
the same options, so they return the same optimum; callers verify it in any case.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import SolverError

__all__ = ["dense_entries", "solve_highs"]

_MISSING = object()
_CORE: Any = _MISSING        # the bundled binding, None when unusable (found on first use)
_OPTIONS: dict[tuple, Any] = {}   # HighsOptions per (tolerance, solver) (costly; only read)


def _binding() -> Any:
    """scipy's bundled HiGHS binding, or None."""
    global _CORE
    if _CORE is _MISSING:
        try:
            import scipy.optimize._highspy._core as core

            for name in ("HighsLp", "_Highs", "HighsOptions", "HighsStatus",
                         "HighsModelStatus", "MatrixFormat"):
                getattr(core, name)
        except (ImportError, AttributeError):
            core = None
        _CORE = core
    return _CORE


def solve_highs(c: np.ndarray, entries: tuple[np.ndarray, np.ndarray, np.ndarray],
                n_ub: int, b: np.ndarray, lower: np.ndarray, upper: np.ndarray, tol: float,
                what: str = "the program", solver: str = "choose"
                ) -> tuple[np.ndarray, np.ndarray]:
    """Minimise ``c @ z`` subject to ``(A z)_i <= b_i`` for the first ``n_ub`` rows,
    ``(A z)_i = b_i`` for the others, and ``lower <= z <= upper`` (``+-inf`` for none).

    ``entries`` are the nonzero entries ``(rows, columns, values)`` of A, which has
    ``len(b)`` rows and ``len(c)`` columns (repeated positions are summed); ``tol`` is
    HiGHS's primal and dual feasibility tolerance; ``solver`` is HiGHS's (``"choose"``, as
    ``linprog(method="highs")``, or ``"simplex"``, as ``"highs-ds"``). Returns the
    optimal ``z`` and the duals of the rows (linprog's ``ineqlin.marginals`` followed by
    its ``eqlin.marginals``). SolverError when HiGHS does not report an optimum (its message
    names ``what``).

    >>> entries = (np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1]), np.array([1., 2, 1, -1]))
    >>> z, duals = solve_highs(np.array([-1.0, -1.0]), entries, 1, np.array([4.0, 1.0]),
    ...                        np.zeros(2), np.full(2, np.inf), 1e-9)
    >>> z.round(9).tolist(), duals.round(9).tolist()
    ([2.0, 1.0], [-0.666666667, -0.333333333])
    """
    core = _binding()
    if core is None:
        return _linprog(c, entries, n_ub, b, lower, upper, tol, what, solver)
    rows, cols = len(b), len(c)
    start, index, value = _columns(entries, rows, cols)
    lp = core.HighsLp()
    lp.num_col_, lp.num_row_ = cols, rows
    lp.col_cost_, lp.col_lower_, lp.col_upper_ = c, lower, upper
    row_lower = np.array(b, dtype=np.float64)
    row_lower[:n_ub] = -np.inf
    lp.row_lower_, lp.row_upper_ = row_lower, b
    mat = lp.a_matrix_
    mat.num_col_, mat.num_row_, mat.format_ = cols, rows, core.MatrixFormat.kColwise
    # (lists: the binding copies them into C++ vectors faster than numpy arrays)
    mat.start_, mat.index_, mat.value_ = start.tolist(), index.tolist(), value.tolist()
    highs = core._Highs()
    if highs.passOptions(_options(core, tol, solver)) == core.HighsStatus.kError \
            or highs.passModel(lp) == core.HighsStatus.kError:
        return _linprog(c, entries, n_ub, b, lower, upper, tol, what, solver)
    highs.run()
    status = highs.getModelStatus()
    if status != core.HighsModelStatus.kOptimal:
        raise SolverError(f"the LP solver (HiGHS) failed on {what}: "
                          f"{highs.modelStatusToString(status)}")
    solution = highs.getSolution()
    return np.array(solution.col_value), np.array(solution.row_dual)


def dense_entries(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The nonzero entries ``(rows, columns, values)`` of a dense matrix, the form
    :func:`solve_highs` takes.

    >>> [v.tolist() for v in dense_entries(np.array([[0.0, 2.0], [3.0, 0.0]]))]
    [[0, 1], [1, 0], [2.0, 3.0]]
    """
    rows, cols = np.nonzero(A)
    return rows, cols, A[rows, cols]


def _columns(entries: tuple[np.ndarray, np.ndarray, np.ndarray], rows: int, cols: int
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The compressed-column form ``(start, index, value)`` of the matrix with these
    entries: repeated positions summed, zeros dropped, rows sorted within each column
    (what scipy's ``coo_array(...).tocsc()`` gives, in a fraction of its time)."""
    r, k, v = entries
    key = np.asarray(k, dtype=np.int64) * rows + np.asarray(r, dtype=np.int64)
    keys, where = np.unique(key, return_inverse=True)
    value = np.bincount(where, weights=v, minlength=len(keys))
    keep = value != 0
    keys, value = keys[keep], value[keep]
    col = keys // rows
    return np.searchsorted(col, np.arange(cols + 1)), keys - col * rows, value


def _options(core: Any, tol: float, solver: str) -> Any:
    """The HiGHS options linprog(method="highs" or "highs-ds") sets, with feasibility
    tolerances ``tol``; made once per (tol, solver) (``passOptions`` copies them)."""
    if (tol, solver) not in _OPTIONS:
        options = core.HighsOptions()
        options.presolve = "on"                      # as linprog(presolve=True)
        options.solver = solver
        options.output_flag = options.log_to_console = False
        options.primal_feasibility_tolerance = options.dual_feasibility_tolerance = tol
        _OPTIONS[tol, solver] = options
    return _OPTIONS[tol, solver]


_METHODS = {"choose": "highs", "simplex": "highs-ds"}   # linprog's method per solver


def _linprog(c, entries, n_ub, b, lower, upper, tol, what, solver):
    """:func:`solve_highs` through ``scipy.optimize.linprog``."""
    from scipy.optimize import linprog
    from scipy.sparse import coo_array

    r, k, v = entries
    A = coo_array((v, (r, k)), shape=(len(b), len(c))).tocsr()
    res = linprog(c, A_ub=A[:n_ub], b_ub=b[:n_ub], A_eq=A[n_ub:], b_eq=b[n_ub:],
                  bounds=np.column_stack([lower, upper]), method=_METHODS[solver],
                  options={"primal_feasibility_tolerance": tol,
                           "dual_feasibility_tolerance": tol})
    if res.status != 0:
        raise SolverError(f"the LP solver (HiGHS) failed on {what}: {res.message}")
    return res.x, np.concatenate([res.ineqlin.marginals, res.eqlin.marginals])
