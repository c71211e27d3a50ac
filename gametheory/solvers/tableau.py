"""Pivoting tableaus in dictionary form with the lexicographic minimum-ratio test.

A tableau stores a linear system ``M z = b`` whose variables are named by integer
*labels* (the column indices of ``M``), in basic form: one basic variable per row and,
for the others, the columns of ``B^{-1} M``, where B is the current basis. Only the
nonbasic columns and the right-hand side ``B^{-1} b`` are kept (a *dictionary*): the
basic columns are unit vectors and need no storage or updates, which halves the work
of a pivot on a bimatrix game.

Ties in the minimum-ratio test are broken lexicographically by the columns of the
initial basis (``lex_columns``, in the given order), the same as perturbing ``b`` by
``(eps, eps**2, ...)``; the perturbed system is nondegenerate, so pivoting never cycles
(von Stengel 2002, §6).

Two arithmetics share the interface:

:class:`FloatTableau`    float64; the rank-one update is one in-place BLAS call.
:class:`IntegerTableau`  Python integers with fraction-free (Bareiss) pivoting as in lrs:
                         every entry is an integer and the common denominator is the
                         determinant of the current basis, so values are exact.

References
----------
von Stengel, B. (2002). Computing equilibria for two-person games. Handbook of Game
Theory with Economic Applications, vol. 3, ch. 45, §6 (degeneracy, lexicographic rule).
Avis, D. (2000). lrs: A revised implementation of the reverse search vertex enumeration
algorithm. Polytopes - Combinatorics and Computation, 177-198 (integer pivoting).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np
from scipy.linalg.blas import dger
from scipy.linalg.lapack import dgesv

from ..errors import SolverError

__all__ = ["FloatTableau", "IntegerTableau"]

#: Entries per BLAS call in a float pivot (OpenBLAS goes multithreaded above 9216).
_BLAS_BLOCK = 8192


class _Tableau:
    """Bookkeeping shared by both arithmetics: which label is basic in which row, and
    which is nonbasic in which column of the dictionary ``D`` (whose last column is the
    right-hand side)."""

    D: np.ndarray

    def __init__(self, T: Any, basis: Sequence[int], lex_columns: Sequence[int]):
        T = np.asarray(T)
        rows, width = T.shape
        self.basis = [int(b) for b in basis]
        if len(self.basis) != rows or len(set(self.basis)) != rows:
            raise SolverError(f"a basis needs {rows} distinct labels; got {list(basis)}")
        basic = set(self.basis)
        self._labels(self.basis, [j for j in range(width - 1) if j not in basic], lex_columns)

    def _labels(self, basis: list[int], nonbasic: list[int], lex_columns: Sequence[int]):
        self.basis, self.nonbasic = basis, nonbasic
        self.lex_columns = [int(j) for j in lex_columns]
        # _pos[label]: its row r >= 0 if basic, else ~c (< 0) for dictionary column c.
        self._pos = [0] * (len(basis) + len(nonbasic))
        for r, b in enumerate(self.basis):
            self._pos[b] = r
        for c, j in enumerate(self.nonbasic):
            self._pos[j] = ~c
        self.ties = 0  # ratio tests that needed the lexicographic tie-break
        self.pivots = 0

    def _dictionary(self, T: np.ndarray) -> np.ndarray:
        if not np.array_equal(np.asarray(T[:, self.basis], dtype=float),
                              np.eye(len(self.basis))):
            raise SolverError("the initial basis columns must form an identity matrix")
        return T[:, self.nonbasic + [T.shape[1] - 1]]

    def pivot_on(self, label: int, prefer: int | None = None) -> int:
        """Let the nonbasic variable ``label`` enter; return the label that leaves.

        When the basic variable ``prefer`` (e.g. Lemke's artificial z0) is among the
        rows tied in the ratio test, it leaves.

        Raises
        ------
        SolverError
            If the label is basic, or no entry of its column is positive (an unbounded
            ray; impossible for the bounded polytopes of a game with positive payoffs).
        """
        c = ~self._pos[label]
        if c < 0:
            raise SolverError(f"label {label} is already basic (internal error)")
        r = self._ratio_row(c, self._pos[prefer] if prefer is not None else -1)
        if r is None:
            raise SolverError(f"pivot column {label} has no positive entry: the polytope "
                              "is unbounded (internal error)")
        self._pivot(r, c)
        leaving = self.basis[r]
        self.basis[r], self.nonbasic[c] = label, leaving
        self._pos[label], self._pos[leaving] = r, ~c
        self.pivots += 1
        return leaving

    def _lex_column(self, label: int) -> np.ndarray:
        """Column ``label`` of ``B^{-1} M`` (the perturbation's coefficients)."""
        r = self._pos[label]
        if r < 0:
            return self.D[:, ~r]
        e = np.zeros(self.D.shape[0], dtype=self.D.dtype)
        e[r] = self._unit()
        return e

    def _tie_break(self, rows: list[int], c: int, less, equal) -> int:
        """The lexicographically smallest row among ``rows`` (tied on the right-hand side)."""
        self.ties += 1
        col = self.D[:, c]
        entering = self.nonbasic[c]
        for j in self.lex_columns:
            if len(rows) == 1:
                break
            if j == entering:  # its ratio is 1 in every row
                continue
            v = self._lex_column(j)
            best, ties = rows[0], [rows[0]]
            for i in rows[1:]:
                a, b = v[i] * col[best], v[best] * col[i]  # v_i/col_i vs v_best/col_best
                if less(a, b):
                    best, ties = i, [i]
                elif equal(a, b):
                    ties.append(i)
            rows = ties
        return rows[0]

    def _unit(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _ratio_row(self, c: int, prefer: int) -> int | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _pivot(self, r: int, c: int) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


class FloatTableau(_Tableau):
    """A float64 tableau; ``tol`` decides positivity and ties in the ratio test.

    Parameters
    ----------
    T : array_like, shape (rows, labels + 1)
        The system ``[M | b]``; the columns of ``basis`` must form an identity matrix.
    basis : sequence of int
        The initial basic label of each row.
    lex_columns : sequence of int
        Labels whose columns break ties, in order (normally the initial basis).

    Examples
    --------
    >>> import numpy as np
    >>> t = FloatTableau(np.array([[1., 2., 1., 0., 2.], [3., 1., 0., 1., 3.]]),
    ...                  basis=[2, 3], lex_columns=[2, 3])
    >>> t.pivot_on(0)                   # x0 enters; ratios 2 and 1: row 1 (label 3) leaves
    3
    >>> t.basic_values()
    {2: 1.0, 0: 1.0}
    """

    def __init__(self, T: Any, basis: Sequence[int], lex_columns: Sequence[int],
                 tol: float = 1e-11):
        super().__init__(T, basis, lex_columns)
        self._origin: np.ndarray | None = np.asarray(T, dtype=float)
        self._buffers(np.asfortranarray(self._dictionary(self._origin)), tol)

    @classmethod
    def from_dictionary(cls, D: Any, basis: Sequence[int], nonbasic: Sequence[int],
                        lex_columns: Sequence[int], tol: float = 1e-11,
                        origin: np.ndarray | None = None) -> FloatTableau:
        """A tableau given by its dictionary ``D = [B^{-1} N | B^{-1} b]`` directly.

        ``nonbasic`` names the labels of the columns of ``D`` but the last; labels are
        ``0..len(basis) + len(nonbasic) - 1``. Saves building (and keeping) the full
        system for large tableaus; :meth:`basic_values` then cannot refine, unless the
        full system ``[M | b]`` the dictionary comes from is given as ``origin`` (float64,
        not checked against ``D``).

        Examples
        --------
        >>> t = FloatTableau.from_dictionary([[1., 2., 2.], [3., 1., 3.]], basis=[2, 3],
        ...                                  nonbasic=[0, 1], lex_columns=[2, 3])
        >>> t.pivot_on(0), t.basic_values()
        (3, {2: 1.0, 0: 1.0})
        """
        self = cls.__new__(cls)
        basis, nonbasic = [int(b) for b in basis], [int(j) for j in nonbasic]
        D = np.asfortranarray(D, dtype=np.float64)
        if D.shape != (len(basis), len(nonbasic) + 1) or \
                sorted(basis + nonbasic) != list(range(len(basis) + len(nonbasic))):
            raise SolverError("a dictionary needs one row per basic label and one column "
                              "per nonbasic label (plus the right-hand side)")
        self._labels(basis, nonbasic, lex_columns)
        self._origin = origin
        self._buffers(D, tol)
        return self

    def _buffers(self, D: np.ndarray, tol: float) -> None:
        self.D = D
        self.tol = tol
        rows, width = self.D.shape
        # Buffers reused by every pivot (the per-call overhead of numpy dominates at
        # these sizes); the column views are made on the first pivot (_columns).
        self._ratios = np.empty(rows)
        self._col = np.empty(rows)
        self._row = np.empty(width)

    @cached_property
    def _columns(self) -> list[np.ndarray]:
        """A view of every column of ``D`` (each contiguous: Fortran order)."""
        return [self.D[:, j] for j in range(self.D.shape[1])]

    @cached_property
    def _blocks(self) -> list[tuple[np.ndarray, slice]]:
        """Column blocks of ``D`` (each Fortran-contiguous) for the in-place rank-one
        updates, small enough that OpenBLAS runs them on one thread: waking its thread
        pool costs far more than the update itself at these sizes."""
        rows, width = self.D.shape
        step = max(1, _BLAS_BLOCK // max(1, rows))
        return [(self.D[:, a:a + step], slice(a, a + step)) for a in range(0, width, step)]

    def copy(self) -> FloatTableau:
        """An independent copy of this tableau (the original system, read only, shared).

        >>> t = FloatTableau(np.array([[1., 2., 1., 0., 2.], [3., 1., 0., 1., 3.]]),
        ...                  basis=[2, 3], lex_columns=[2, 3])
        >>> u = t.copy()
        >>> u.pivot_on(0), t.basis, u.basis
        (3, [2, 3], [2, 0])
        """
        new = self.__class__.__new__(self.__class__)
        new.basis, new.nonbasic, new._pos = list(self.basis), list(self.nonbasic), \
            list(self._pos)
        new.lex_columns, new.ties, new.pivots = self.lex_columns, self.ties, self.pivots
        new._origin = self._origin
        new._buffers(self.D.copy(order="F"), self.tol)
        return new

    def _unit(self) -> float:
        return 1.0

    def _ratio_row(self, c: int, prefer: int = -1) -> int | None:
        tol, ratios = self.tol, self._ratios
        col = self._columns[c]
        ratios.fill(np.inf)
        np.divide(self._columns[-1], col, out=ratios, where=col > tol)
        r = int(ratios.argmin())
        best = float(ratios[r])
        if best == np.inf:
            return None
        tied = ratios <= best + tol * (best if best > 1.0 else 1.0)
        if np.count_nonzero(tied) == 1:
            return r
        if prefer >= 0 and tied[prefer]:
            return prefer
        return self._lex_min_row(np.flatnonzero(tied), c)

    def _lex_min_row(self, rows: np.ndarray, c: int) -> int:
        """The lexicographic tie-break of :meth:`_tie_break` with numpy: the tied rows'
        entries of all lex columns, divided by the pivot column, are compared only at the
        columns where they differ (by more than ``tol``), until one row is left.
        Degenerate game trees tie hundreds of rows at once."""
        self.ties += 1
        tol = self.tol
        entering = self.nonbasic[c]
        labels = [j for j in self.lex_columns if j != entering]
        pos = np.array([self._pos[j] for j in labels], dtype=np.int64)
        R = np.zeros((len(rows), len(labels)))
        nb = pos < 0
        if nb.any():
            R[:, nb] = self.D[np.ix_(rows, ~pos[nb])]
        basic_at = {int(p): k for k, p in enumerate(pos) if p >= 0}
        for i, r in enumerate(rows.tolist()):
            k = basic_at.get(r)
            if k is not None:
                R[i, k] = 1.0
        R /= self.D[rows, c][:, None]
        lo = R.min(axis=0)
        scale = tol * np.maximum(1.0, np.abs(lo))
        cand = np.arange(len(rows))
        for j in np.flatnonzero(R.max(axis=0) - lo > scale).tolist():
            vals = R[cand, j]
            keep = vals <= vals.min() + scale[j]
            if not keep.all():
                cand = cand[keep]
                if len(cand) == 1:
                    break
        return int(rows[cand[0]])

    def _pivot(self, r: int, c: int) -> None:
        D, col, row = self.D, self._col, self._row
        p = float(D[r, c])
        np.copyto(col, self._columns[c])
        np.divide(D[r], p, out=row)
        nonzero = np.flatnonzero(row)
        if len(nonzero) * 8 <= len(row):
            # A sparse pivot row (as in the sequence form of a tree): only the columns
            # with a nonzero in it change; each is contiguous (Fortran order).
            columns = self._columns
            for j, v in zip(nonzero.tolist(), row[nonzero].tolist()):
                columns[j] -= v * col
        else:
            for block, cols in self._blocks:
                dger(-1.0, col, row[cols], a=block, overwrite_a=True)
        D[r] = row
        col /= -p
        col[r] = 1.0 / p
        self._columns[c][:] = col

    def basic_values(self, refine: bool = True) -> dict[int, float]:
        """``{label: value}`` of the basic variables.

        With ``refine`` the values are recomputed by one linear solve with the original
        columns of the basis, removing the rounding error accumulated over the pivots
        (kept only when it agrees with the tableau to 1e-6).
        """
        values = self.basic_array(refine)
        return {lab: float(v) for lab, v in zip(self.basis, values.tolist(), strict=True)}

    def basic_array(self, refine: bool = True) -> np.ndarray:
        """The values of the basic variables, row by row (labels: ``basis``), as in
        :meth:`basic_values`."""
        values = self.D[:, -1]
        if refine and self._origin is not None:
            # LAPACK's gesv directly: numpy's solve costs far more at these sizes (its
            # gufunc set-up, and threads that contend on a loaded machine). A NaN or
            # infinite entry fails the comparison (the max is then NaN or inf).
            *_, z, info = dgesv(self._origin[:, self.basis], self._origin[:, -1])
            if info == 0 and np.abs(z - values).max() <= 1e-6:
                return np.clip(z, 0.0, None)      # a new array
        return np.array(values)


class IntegerTableau(_Tableau):
    """An exact tableau of Python integers with fraction-free (Bareiss) pivoting.

    The value of the basic variable in row i is ``D[i, -1] / det``, where ``det`` is the
    last pivot element (the determinant of the basis; positive, since pivot elements
    are positive).

    Examples
    --------
    >>> import numpy as np
    >>> t = IntegerTableau(np.array([[1, 2, 1, 0, 2], [3, 1, 0, 1, 3]]),
    ...                    basis=[2, 3], lex_columns=[2, 3])
    >>> t.pivot_on(1)                   # ratios 2/2 and 3/1: row 0 (label 2) leaves
    2
    >>> t.basic_values()
    {1: Fraction(1, 1), 3: Fraction(2, 1)}
    >>> t.det
    2
    """

    def __init__(self, T: Any, basis: Sequence[int], lex_columns: Sequence[int]):
        super().__init__(T, basis, lex_columns)
        arr = np.asarray(T)
        full = np.empty(arr.shape, dtype=object)
        full[...] = [[int(v) for v in row] for row in arr]
        if any(Fraction(v) != int(v) for v in arr.flat):
            raise SolverError("an integer tableau needs integer entries")
        self.D = self._dictionary(full)
        self.det = 1

    def _unit(self) -> int:
        return self.det

    def _ratio_row(self, c: int, prefer: int = -1) -> int | None:
        D = self.D
        rows = [i for i in range(D.shape[0]) if D[i, c] > 0]
        if len(rows) <= 1:
            return rows[0] if rows else None
        rhs, col = D[:, -1], D[:, c]
        best, ties = rows[0], [rows[0]]
        for i in rows[1:]:
            a, b = rhs[i] * col[best], rhs[best] * col[i]
            if a < b:
                best, ties = i, [i]
            elif a == b:
                ties.append(i)
        if len(ties) == 1:
            return best
        if prefer in ties:
            return prefer
        return self._tie_break(ties, c, lambda a, b: a < b, lambda a, b: a == b)

    def _pivot(self, r: int, c: int) -> None:
        D, d = self.D, self.det
        p = D[r, c]
        row, col = D[r].copy(), D[:, c].copy()
        new = (D * p - np.outer(col, row)) // d
        new[r] = row
        new[:, c] = -col
        new[r, c] = d
        self.D = new
        self.det = p

    def basic_values(self) -> dict[int, Fraction]:
        """``{label: value}`` of the basic variables, as exact Fractions."""
        return {lab: Fraction(int(v), int(self.det))
                for lab, v in zip(self.basis, self.D[:, -1], strict=True)}
