"""Batched indifference systems for support enumeration (the vectorised core).

For one player ("own") with support ``S`` and the opponent's equalised strategies ``E``
of the same size k, the indifference system of :mod:`.indifference` is solved for every
pair ``(E, S)`` of a size class at once. With ``e0 = E[0]`` the system

    (M z)_r = v for r in E,   sum(z) = 1

is equivalent to the k x k system ``D z = (0, ..., 0, 1)`` with rows
``M[r, S] - M[e0, S]`` (r in E minus e0) and a row of ones, and ``v = M[e0, S] z``.
Stacks of these are solved by :func:`.indifference.solve_stack` (or, for systems larger
than 3 x 3 when numba is installed, by a compiled LU solver with the same rule,
:mod:`._support_numba`); a system whose
determinant is negligible against the product of its row norms (Hadamard's bound) is
classified as singular and left to the caller (an LP decides it). The matrix may carry a
leading batch axis (one game per parameter point, for sweeps): the systems of every
pair at every point then form one list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import numpy as np

from ._compiled import kernel
from .indifference import SINGULAR_RATIO, solve_stack

__all__ = ["ClassResult", "solve_class", "subsets", "masks", "dominated", "dominated_rows",
           "interval_prune"]

#: Systems per chunk: bounds the memory of one stack (about 2**15 * k * k floats).
CHUNK = 1 << 15


@lru_cache(maxsize=512)
def subsets(n: int, k: int) -> np.ndarray:
    """All k-subsets of ``range(n)`` in lexicographic order, shape ``(C(n, k), k)``
    (read only: one array per ``(n, k)``, shared by every call).

    Examples
    --------
    >>> subsets(3, 2).tolist()
    [[0, 1], [0, 2], [1, 2]]
    """
    out = np.array(list(combinations(range(n), k)), dtype=np.intp).reshape(-1, k)
    out.setflags(write=False)
    return out


def masks(idx: np.ndarray) -> np.ndarray:
    """Bit masks (int64) of the rows of an index array of strategies (at most 62).

    Examples
    --------
    >>> masks(np.array([[0, 2], [1, 2]])).tolist()
    [5, 6]
    """
    return np.left_shift(np.int64(1), idx.astype(np.int64)).sum(axis=1)


@dataclass
class ClassResult:
    """Outcome of one size class for one side.

    ``feasible`` holds ``(e, s, z, v, ties)``: indices into the opponent and own subset
    arrays, the probabilities on ``S`` (shape ``(f, k)``), the equalised payoff, and a
    boolean array ``(f, n_opp)`` of the opponent strategies that are best responses
    (a superset of E). ``singular`` holds ``(e, s)`` of the rank-deficient systems.
    ``feasible_point`` and ``singular_point`` give the batch point of each (all 0 for a
    single game).
    """

    feasible: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]
    singular: tuple[np.ndarray, np.ndarray]
    feasible_point: np.ndarray
    singular_point: np.ndarray


def dominated(M: np.ndarray, own: np.ndarray, opp: np.ndarray) -> np.ndarray:
    """For each row pair ``(S, E)``: does some opponent strategy weakly dominate a member
    of E on the columns S (at least as good everywhere on S, better somewhere)?

    Then no z positive on S makes E a set of equal best responses, so the pair is
    infeasible whatever the rank of its system.

    Examples
    --------
    >>> M = np.array([[0.0, 1.0], [1.0, 1.0]])
    >>> dominated(M, np.array([[0, 1], [1, 1]]), np.array([[0, 1], [0, 1]])).tolist()
    [True, False]
    """
    sub = M[:, own].transpose(1, 0, 2)                          # (f, n_opp, k)
    rows = np.take_along_axis(sub, opp[:, :, None], axis=1)     # (f, k_e, k)
    diff = sub[:, None, :, :] - rows[:, :, None, :]             # (f, k_e, n_opp, k)
    return ((diff >= 0).all(axis=-1) & (diff > 0).any(axis=-1)).any(axis=(1, 2))


def dominated_rows(M: np.ndarray, own: np.ndarray) -> np.ndarray:
    """For each own support S (a row of ``own``): the bit mask of the opponent
    strategies that another opponent strategy dominates on the columns S.

    ``M`` may carry a leading batch axis (one game per point, shape ``(B, n_opp, n_own)``);
    the result then has shape ``(B, c)``.

    Examples
    --------
    >>> M = np.array([[0.0, 1.0], [1.0, 1.0]])
    >>> dominated_rows(M, subsets(2, 1)).tolist(), dominated_rows(M, subsets(2, 2)).tolist()
    ([1, 0], [1])
    >>> dominated_rows(np.stack([M, M[::-1]]), subsets(2, 1)).tolist()
    [[1, 0], [2, 0]]
    """
    compiled = kernel("_support_numba", "dominated_masks")
    if compiled is not None:
        out = compiled(np.ascontiguousarray(M if M.ndim == 3 else M[None], dtype=float), own)
        return out if M.ndim == 3 else out[0]
    Mt = np.ascontiguousarray(np.moveaxis(M, 0, -1)) if M.ndim == 3 else M[..., None]
    out = _dominated_masks(Mt, own)
    return out.T if M.ndim == 3 else out[:, 0]


def _dominated_masks(Mt: np.ndarray, own: np.ndarray) -> np.ndarray:
    """:func:`dominated_rows` with the batch axis last, so that every operation runs
    along it: ``Mt`` has shape (n_opp, n_own, B), the result (c, B)."""
    n_opp, n_own = Mt.shape[:2]
    bits = next(t for t in (np.uint8, np.uint16, np.uint32, np.uint64)
                if np.iinfo(t).bits >= n_own)
    ge = np.zeros((n_opp, n_opp, Mt.shape[-1]), dtype=bits)     # (r', r, B): columns
    for j in range(n_own):                                      # where r' >= r
        ge |= (Mt[:, None, j] >= Mt[None, :, j]).astype(bits) << bits(j)
    S = masks(own).astype(bits)[:, None]                        # (c, 1)
    cover = (ge[:, :, None, :] & S) == S                        # r' >= r on all of S
    dom = np.logical_or.reduce(cover & ~cover.transpose(1, 0, 2, 3), axis=0)  # (r, c, B)
    out = np.zeros(dom.shape[1:], dtype=np.int64)
    for r in range(n_opp):
        out |= dom[r].astype(np.int64) << np.int64(r)
    return out


def _solve_stack(D: np.ndarray, ratio: float | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solve ``D z = e_k`` for a stack; returns ``(z, singular)``.

    Systems larger than 3 x 3 go to a compiled LU solver with the same singularity rule
    when numba is installed (:mod:`._compiled`; LAPACK's per-matrix overhead dominates
    numpy's stacked ``slogdet`` and ``solve`` at these sizes), else to
    :func:`.indifference.solve_stack`.
    """
    compiled = kernel("_support_numba", "solve_last") if D.shape[-1] > 3 else None
    if compiled is not None:
        with np.errstate(divide="ignore"):
            log_ratio = np.broadcast_to(np.log(ratio), D.shape[:1]).astype(float)
        z, ok = compiled(np.asarray(D, dtype=float), log_ratio)     # any memory layout
        return z, ~ok
    rhs = np.zeros(D.shape[:2])
    rhs[:, -1] = 1.0
    z, ok = solve_stack(D, rhs, ratio)
    return z, ~ok


def _pick(keep: np.ndarray, *arrays: np.ndarray) -> list[np.ndarray]:
    """The entries ``keep`` selects along the last axis of each array (no copy if all)."""
    if keep.all():
        return list(arrays)
    idx = np.flatnonzero(keep)
    return [a[..., idx] for a in arrays]


def solve_class(M: np.ndarray, own: np.ndarray, opp: np.ndarray, pos_tol: float,
                br_tol: float, singular_ratio: float = SINGULAR_RATIO,
                order: np.ndarray | None = None, rounding: bool = False,
                allowed: np.ndarray | None = None) -> ClassResult:
    """Solve the indifference systems of every pair (opponent subset, own subset).

    Parameters
    ----------
    M : ndarray, shape (n_opp, n_own) or (B, n_opp, n_own)
        ``M[r, j]``: the opponent's payoff for r against own strategy j (scaled to
        magnitude at most 1); with a leading axis, one game per batch point, all solved
        together.
    own, opp : ndarray, shape (c_own, k) and (c_opp, k)
        The own supports S and the opponent's equalised sets E.
    pos_tol : float
        Probabilities above ``pos_tol`` count as positive.
    br_tol : float
        Slack in the best-response and tie comparisons.
    singular_ratio : float
        Systems whose Hadamard ratio is below this count as singular (see
        :func:`.indifference.solve_stack`).
    order : ndarray, optional
        A matrix with the same order as ``M`` within each column (such as the ranks of
        exact payoffs): the dominance filter compares its entries instead of ``M``'s,
        so that it is exact when the floats are rounded.
    allowed : ndarray of bool, shape (c_opp, c_own) or (B, c_opp, c_own), optional
        The pairs to examine (``allowed[e, s]``, or per point ``allowed[b, e, s]``); the
        others are skipped like dominated ones (e.g. pairs :func:`interval_prune` proves
        infeasible on a whole interval).
    rounding : bool
        Also count a system as singular when its Hadamard ratio times its smallest row
        norm is below ``singular_ratio``: a row that differences two nearly equal
        payoff rows is small, and rounding the payoffs (absolutely, by about 1e-16 of
        the scale 1) perturbs it relatively by 1e-16 over its norm. Then the solution
        of every system kept is accurate to about ``k**2 * 1e-16 / singular_ratio``.

    Returns
    -------
    ClassResult
        The feasible systems (unique solution, positive on S, E among the best
        responses) and the singular ones, with their batch points. Pairs ruled out by
        :func:`dominated_rows` are neither (their sets are empty) and are not solved.

    Examples
    --------
    >>> M = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> res = solve_class(M, subsets(2, 2), subsets(2, 2), 1e-12, 1e-9)
    >>> res.feasible[2].tolist(), res.feasible[3].tolist()
    ([[0.5, 0.5]], [0.5])
    >>> res = solve_class(np.stack([M, np.ones((2, 2))]), subsets(2, 2), subsets(2, 2),
    ...                   1e-12, 1e-9)
    >>> res.feasible_point.tolist(), res.singular_point.tolist()
    ([0], [1])
    """
    Mb = np.ascontiguousarray(M if M.ndim == 3 else M[None], dtype=float)
    Ob = Mb if order is None else np.asarray(order, dtype=float).reshape(Mb.shape)
    feas, sing = _solve_systems(Mb, own, opp, pos_tol, br_tol, singular_ratio, Ob, rounding,
                                allowed)
    k, n_opp = own.shape[1], Mb.shape[1]
    empty_i = np.empty(0, dtype=np.intp)
    if feas:
        point, *feasible = (np.concatenate(parts) for parts in zip(*feas, strict=True))
    else:
        point, feasible = empty_i, [empty_i, empty_i, np.empty((0, k)), np.empty(0),
                                    np.empty((0, n_opp), dtype=bool)]
    sb, *singular = ((np.concatenate(p) for p in zip(*sing, strict=True)) if sing
                     else (empty_i, empty_i, empty_i))
    return ClassResult(tuple(feasible), tuple(singular),  # type: ignore[arg-type]
                       point, sb)


def _solve_systems(Mb: np.ndarray, own: np.ndarray, opp: np.ndarray, pos_tol: float,
                   br_tol: float, ratio: float, Ob: np.ndarray,
                   rounding: bool = False,
                   allowed: np.ndarray | None = None) -> tuple[list, list]:
    """All systems of a class, at all points, as one list solved in cache-sized chunks.

    Returns the parts ``(b, e, s, z, v, ties)`` of the feasible systems and
    ``(b, e, s)`` of the singular ones. With numba, each chunk is one compiled loop
    (:func:`._support_numba.class_systems`, the same steps as :func:`_numpy_chunks`).
    """
    # pairs where no opponent strategy dominates a member of E on S (else: empty)
    dom = dominated_rows(Ob, own)                                  # (B, c_own)
    keep = (masks(opp)[None, :, None] & dom[:, None, :]) == 0      # (B, c_opp, c_own)
    if allowed is not None:
        keep &= allowed if allowed.ndim == 3 else allowed[None]
    b_all, e_all, s_all = np.nonzero(keep)
    compiled = kernel("_support_numba", "class_systems")
    if compiled is None:
        return _numpy_chunks(Mb, own, opp, pos_tol, br_tol, ratio, rounding, b_all, e_all,
                             s_all)
    feas: list[tuple] = []
    sing: list[tuple] = []
    for start in range(0, e_all.size, CHUNK):
        b, e, s = (a[start:start + CHUNK] for a in (b_all, e_all, s_all))
        status, z, v, ties = compiled(Mb, b, e, s, own, opp, pos_tol, br_tol, float(ratio),
                                      rounding)
        singular, ok = status == 2, status == 1
        if singular.any():
            sing.append((b[singular], e[singular], s[singular]))
        if ok.any():
            feas.append((b[ok], e[ok], s[ok], z[ok], v[ok], ties[ok]))
    return feas, sing


def _numpy_chunks(Mb: np.ndarray, own: np.ndarray, opp: np.ndarray, pos_tol: float,
                  br_tol: float, ratio: float, rounding: bool, b_all: np.ndarray,
                  e_all: np.ndarray, s_all: np.ndarray) -> tuple[list, list]:
    """:func:`_solve_systems` of the systems ``(b_all, e_all, s_all)`` in numpy."""
    k = own.shape[1]
    _, n_opp, n_own = Mb.shape
    flat = Mb.reshape(-1)
    opp_rows, own_t = opp.T * n_own, own.T                         # (k, c) each
    all_rows = (np.arange(n_opp) * n_own)[:, None]                 # (n_opp, 1)
    feas: list[tuple] = []
    sing: list[tuple] = []
    # every per-system array keeps the system axis last, so operations run along it
    for start in range(0, e_all.size, CHUNK):
        b, e, s = (a[start:start + CHUNK] for a in (b_all, e_all, s_all))
        base = b * (n_opp * n_own)
        S = np.take(own_t, s, axis=1)                              # (k, p)
        rows_e = np.take(opp_rows, e, axis=1) + base               # (k, p)
        sub = np.take(flat, rows_e[:, None] + S[None])             # (k, k, p): M[b, E, S]
        if k == 1:                                                 # z = 1: nothing to solve
            z = np.ones((1, b.size))
        else:
            D = np.empty_like(sub)
            D[:-1] = sub[1:] - sub[:1]
            D[-1] = 1.0
            Dt = D.transpose(2, 0, 1)
            r = ratio
            if rounding:
                with np.errstate(divide="ignore"):
                    small = np.linalg.norm(Dt[:, :-1], axis=-1).min(axis=-1)
                    r = ratio / np.minimum(1.0, small)
            z, singular = _solve_stack(Dt, r)
            if singular.any():
                sing.append((b[singular], e[singular], s[singular]))
            z = np.ascontiguousarray(z.T)                          # (k, p)
        with np.errstate(invalid="ignore"):
            positive = np.logical_and.reduce(z > pos_tol, axis=0)
        b, e, s, base, z, S, sub0 = _pick(positive, b, e, s, base, z, S, sub[0])
        if not b.size:
            continue
        Mz = sum(np.take(flat, base + all_rows + S[j]) * z[j] for j in range(k))  # (n_opp, f)
        v = sum(sub0[j] * z[j] for j in range(k))
        best = np.logical_and.reduce(Mz <= v + br_tol, axis=0)
        b, e, s, z, v, Mz = _pick(best, b, e, s, z, v, Mz)
        if b.size:
            feas.append((b, e, s, z.T, v, (Mz >= v - br_tol).T))
    return feas, sing


def _bernstein(D: int, u: np.ndarray) -> np.ndarray:
    """Collocation matrix of the degree-D Bernstein basis at the points u of [0, 1]."""
    from math import comb

    j = np.arange(D + 1)
    return np.array([comb(D, i) for i in j]) * u[:, None] ** j * (1 - u[:, None]) ** (D - j)


def interval_nodes(D: int) -> np.ndarray:
    """The D + 1 Chebyshev points of [0, 1] (ends included) at which
    :func:`interval_prune` wants the payoffs.

    >>> interval_nodes(2).round(3).tolist()
    [0.0, 0.5, 1.0]
    """
    return (1 - np.cos(np.pi * np.arange(D + 1) / max(D, 1))) / 2


def interval_prune(M: np.ndarray, own: np.ndarray, opp: np.ndarray, D: int) -> np.ndarray:
    """The pairs (E, S) of a size class that are infeasible everywhere on an interval.

    ``M`` (D + 1, n_opp, n_own) holds the opponent's payoffs at the points
    :func:`interval_nodes` ``(D)`` of an interval mapped to [0, 1], where every payoff
    is a polynomial of degree at most ``D / k`` in the parameter (k the support size);
    with a leading axis (L, D + 1, n_opp, n_own), L intervals at once. Then the
    determinant of a pair's system, the cofactors ``det * z_j`` and the numerators
    ``det * (M_r - M_e0) z`` of the outside strategies' gains are polynomials of degree
    at most D, exactly represented by their Bernstein coefficients on the interval,
    computed from the values at the nodes. A pair is pruned when the determinant has
    Bernstein coefficients of one strict sign (so the system is nonsingular throughout)
    and some probability ``z_j`` has coefficients all of the opposite strict sign
    (negative throughout) or some outside strategy's gain all positive ones (a better
    reply throughout): by the convex-hull property of the Bernstein form the pair then
    has no feasible solution at any point of the interval and is never the restriction
    of an equilibrium there. The strict signs are required with a margin of ``1e-9 +
    1e-7`` times the largest value, far above rounding (the payoffs of each interval are
    scaled to at most 1).

    Returns ``allowed`` (c_opp, c_own), or (L, c_opp, c_own): False for a pruned pair.

    Examples
    --------
    Player 2's payoffs 1 and q on columns 0 and 1 against a row, q in [0, 1/2]: column
    1 is never a best response (its gain 1 - q over it is positive throughout):

    >>> u = interval_nodes(1) / 2
    >>> M = np.stack([[[1.0], [x]] for x in u])          # (nodes, n_opp=2, n_own=1)
    >>> interval_prune(M, subsets(1, 1), subsets(2, 1), 1).tolist()
    [[True], [False]]
    """
    M = np.asarray(M, dtype=np.float64)
    single = M.ndim == 3
    M = M[None] if single else M
    k = own.shape[1]
    L, nodes, n_opp = M.shape[:3]
    c_opp, c_own = len(opp), len(own)
    M = M / np.maximum(np.abs(M).max(axis=(1, 2, 3)), 1e-300)[:, None, None, None]
    e, s = (a.ravel() for a in np.meshgrid(np.arange(c_opp), np.arange(c_own), indexing="ij"))
    E, S = opp[e], own[s]                                            # (p, k)
    sub = M[:, :, E[:, :, None], S[:, None, :]]                      # (L, nodes, p, k, k)
    rows = sub[..., 1:, :] - sub[..., :1, :]                         # (L, nodes, p, k-1, k)
    cof = np.empty(sub.shape[:3] + (k,))
    for j in range(k):                   # cofactors of the row of ones: det * z_j
        minor = np.delete(rows, j, axis=-1)
        cof[..., j] = (-1) ** (k - 1 + j) * (np.linalg.det(minor) if k > 1 else 1.0)
    det = cof.sum(axis=-1)                                           # (L, nodes, p)
    full = M[:, :, :, S]                                             # (L, nodes, n_opp, p, k)
    base = M[:, :, E[:, :1], S]                                      # (L, nodes, p, k): e0
    gain = np.einsum("lnrpk,lnpk->lnpr", full - base[:, :, None], cof)
    inv = np.linalg.inv(_bernstein(D, interval_nodes(D)))

    def coefs(vals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        c = np.einsum("ij,lj...->li...", inv, vals)
        return c, 1e-9 + 1e-7 * np.abs(vals).max(axis=1, keepdims=True)

    cd, md = coefs(det)
    sign = np.where((cd > md).all(axis=1), 1.0, np.where((cd < -md).all(axis=1), -1.0, 0.0))
    cz, mz = coefs(cof * sign[:, None, :, None])
    neg = (cz < -mz).all(axis=1).any(axis=-1)                        # (L, p)
    cg, mg = coefs(gain * sign[:, None, :, None])
    outside = np.ones((len(e), n_opp), dtype=bool)
    outside[np.arange(len(e))[:, None], E] = False
    better = ((cg > mg).all(axis=1) & outside).any(axis=-1)
    pruned = (sign != 0) & (neg | better)
    allowed = ~pruned.reshape(L, c_opp, c_own)
    return allowed[0] if single else allowed
