"""An optional compiled Lemke-Howson path for float tableaus (numba, if installed).

:func:`run_path` walks the complementary path of :mod:`.lemke_howson` on two
:class:`~.tableau.FloatTableau` objects with exactly their pivoting rules (the ratio
test with tolerance ``tol``, ties broken as in :meth:`.FloatTableau._lex_min_row`, the
same dictionary update) but in compiled loops, and leaves both tableaus in the state the
Python pivots would leave them (dictionary, basis, counts of pivots and ties). It runs
only when numba can be imported and the game is large enough for the compiled loop to
pay off (:data:`MIN_LABELS`); otherwise, or with ``GAMETHEORY_NO_NUMBA=1`` in the
environment, :func:`run_path` returns None and the pure-numpy pivots of
:mod:`.tableau` walk the path. numba is imported on the first call only (not with
``import gametheory``); its compiled code is cached on disk (``cache=True``), and the
first call in a fresh installation compiles it (a few seconds).
"""

from __future__ import annotations

import numpy as np

from ._compiled import kernel


class Abandoned(Exception):
    """A path that exceeded its pivot limit or the time limit (raised by both the
    compiled and the numpy path of :mod:`.lemke_howson`)."""

__all__ = ["run_path", "walk", "start_io", "compiled_for", "available", "MIN_LABELS"]

#: Games with fewer labels (m + n) than this use the Python pivots: their paths are
#: short and the per-call cost of the compiled path would not pay off.
MIN_LABELS = 30

#: Pivots per compiled call, between checks of the time limit.
CHUNK = 1000


def available() -> bool:
    """Whether the compiled path can run (numba importable, not disabled)."""
    return _kernel() is not None


def _kernel():
    return kernel("_lh_numba", "path")


def compiled_for(m: int, n: int):
    """The compiled path for an m x n game, or None when it is not used (numba missing
    or disabled, or fewer than :data:`MIN_LABELS` labels)."""
    return None if m + n < MIN_LABELS else _kernel()


def run_path(P, Q, k: int, m: int, limit: int, budget=None, chunk: int = CHUNK
             ) -> int | None:
    """Drop label k and pivot until it is picked up again, compiled; the pivot count.

    Returns None when the compiled path is not used (then nothing was changed).
    Raises the exceptions of :func:`.lemke_howson._complementary_path` otherwise.
    """
    compiled = _kernel()
    if compiled is None or P.D.shape[1] + Q.D.shape[1] - 2 < MIN_LABELS or \
            P.tol != Q.tol or P.D.dtype != np.float64 or Q.D.dtype != np.float64:
        return None
    tabs = (P, Q)
    state = [(np.asarray(t.basis, dtype=np.int64), np.asarray(t.nonbasic, dtype=np.int64),
              np.asarray(t._pos, dtype=np.int64), np.asarray(t.lex_columns, dtype=np.int64))
             for t in tabs]
    ties = np.zeros(2, dtype=np.int64)
    io = start_io(k, m)
    try:
        return walk(compiled, P.D, Q.D, state[0], state[1], P.tol, k, limit, io, ties,
                    budget, chunk)
    finally:
        for t, (basis, nonbasic, pos, _), tie in zip(tabs, state, ties, strict=True):
            t.basis, t.nonbasic, t._pos = basis.tolist(), nonbasic.tolist(), pos.tolist()
            t.ties += int(tie)
        # pivots per tableau: P pivots first from a label of player 1, they alternate
        done = int(io[2])
        first = 0 if k < m else 1
        tabs[first].pivots += (done + 1) // 2
        tabs[1 - first].pivots += done // 2


def start_io(k: int, m: int) -> np.ndarray:
    """The state of :func:`walk` before the first pivot from label k: ``[which tableau
    pivots next (0: P, 1: Q), entering label, pivots done, status]``."""
    return np.array([0 if k < m else 1, k, 0, 0], dtype=np.int64)


def walk(compiled, DP: np.ndarray, DQ: np.ndarray, state_p: tuple, state_q: tuple,
         tol: float, k: int, limit: int, io: np.ndarray, ties: np.ndarray, budget=None,
         chunk: int = CHUNK) -> int:
    """The compiled path on the dictionaries ``DP``, ``DQ`` (float64, Fortran order) and
    their label arrays ``(basis, nonbasic, pos, lex_columns)`` (int64, changed in place),
    in chunks of ``chunk`` pivots between checks of the time limit; the pivot count.
    ``io`` (from :func:`start_io`) and ``ties`` (pivots that needed the tie-break, per
    tableau) are updated in place, also when an exception is raised."""
    from ..errors import SolverError

    while True:
        steps = min(chunk, limit - int(io[2]))
        compiled(DP, DQ, *state_p, *state_q, tol, k, steps, io, ties)
        if io[3] == 1:
            return int(io[2])
        if io[3] == 2:
            label = int(io[1])
            raise SolverError(f"pivot column {label} has no positive entry: the "
                              "polytope is unbounded (internal error)")
        if budget is not None and io[2] % 1000 == 0 and budget.expired:
            raise Abandoned(f"time_limit={budget.time_limit:g} s reached after "
                            f"{int(io[2])} pivots")
        if io[2] >= limit:
            raise Abandoned(f"the path from label {k} exceeded max_pivots={limit} "
                            f"pivots")
