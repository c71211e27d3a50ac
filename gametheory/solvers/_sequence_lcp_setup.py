"""The starting tableau of Lemke's algorithm on the sequence form, and regrets of plans.

The sequence-form LCP of a two-player tree (Koller, Megiddo & von Stengel 1996) is

    w = E^T p - A y + d z0 >= 0,  x >= 0,  x . w = 0,   E x = e,
    v = F^T q - B^T x + d z0 >= 0, y >= 0,  y . v = 0,   F y = f,

with free dual variables p, q. The start is a pure pair of realisation plans: every
player takes the first action at every information set (the set P of sequences). The
covering vector d is 1 on the other sequences N and 0 on P, so z0 is a penalty on leaving
the start. With ``x_P`` and ``p`` basic, the equations ``E x = e`` and ``w_P = 0`` can be
solved for them: ``x_P = x~_P + G x_N`` with ``G = -E_P^{-1} E_N`` (entries -1, 0, 1),
and ``w_N = c - G^T w_P + K y_N + z0``, where ``c`` is what each deviation from the
start loses against the opponent's start. The free variables p, q then never appear in
the tableau: it has one row per sequence, and x, y never leave the plan polytopes, so
Lemke's path cannot end on a secondary ray (see :func:`initial_tableau`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Split", "LemkeStart", "split", "initial_tableau", "best_response_value",
           "deepest_first"]


@dataclass(frozen=True)
class Split:
    """One player's sequences split into the start ``P`` and the others ``N``.

    ``G = -E_P^{-1} E_N`` (ints) and ``start`` = the start plan on ``P`` (0 or 1).
    """

    P: np.ndarray
    N: np.ndarray
    G: np.ndarray
    start: np.ndarray


def split(sf: Any, p: int) -> Split:
    """The start (first action everywhere) of player p and ``G = -E_P^{-1} E_N``.

    Top down: the start sequence at information set h moves with its parent sequence
    (row of G: the parent's row if the parent is in P, else a 1 at the parent) minus the
    other actions at h.
    """
    n = sf.sizes[p]
    first = np.asarray(sf.first[p], dtype=np.int64)
    parent = np.asarray(sf.parent[p]).tolist()
    ends = first[1:].tolist() + [n]
    P = np.concatenate([[0], first])
    N = np.setdiff1d(np.arange(n), P)
    row_of = np.full(n, -1, dtype=np.int64)        # sequence -> row of G (P) ...
    row_of[P] = np.arange(len(P))
    col_of = np.full(n, -1, dtype=np.int64)        # ... or column of G (N)
    col_of[N] = np.arange(len(N))
    G = np.zeros((len(P), len(N)), dtype=np.int64)
    start = np.zeros(len(P), dtype=np.int64)
    start[0] = 1
    for j in deepest_first(first.tolist(), parent, ends)[::-1]:
        r, up = j + 1, parent[j]
        if row_of[up] >= 0:
            G[r] = G[row_of[up]]
            start[r] = start[row_of[up]]
        else:
            G[r, col_of[up]] = 1
        G[r, col_of[first[j] + 1:ends[j]]] -= 1
    return Split(P, N, G, start)


@dataclass(frozen=True)
class LemkeStart:
    """The dictionary after z0 entered, or ``D = None`` when the start is an equilibrium.

    Labels are ``0..n-1`` for the sequences (x then y), ``n..2n-1`` for their slacks
    (w then v) and ``2n`` for z0. ``D = [B^{-1} N | B^{-1} b]`` has a row per label in
    ``basis`` and a column per label in ``nonbasic`` (then the right-hand side);
    ``entering`` is the first label to enter (the complement of the slack that z0
    displaced).
    """

    D: np.ndarray | None
    basis: list[int]
    nonbasic: list[int]
    entering: int

    def system(self) -> np.ndarray:
        """The full system ``[M | b]`` whose basis columns form an identity matrix."""
        rows = len(self.basis)
        T = np.zeros((rows, rows + len(self.nonbasic) + 1), dtype=self.D.dtype)
        if T.dtype == object:
            T[...] = 0
        T[np.arange(rows), self.basis] = 1
        T[:, self.nonbasic] = self.D[:, :-1]
        T[:, -1] = self.D[:, -1]
        return T


def initial_tableau(sf: Any, A: Any, B: Any, splits: tuple[Split, Split],
                    exact: bool) -> LemkeStart:
    """The dictionary of the sequence-form LCP in the basis reached when z0 enters.

    ``A`` and ``B`` are the sequence-form payoff matrices (scipy sparse floats, or
    dense object arrays of Python ints when ``exact``).

    Lemke's path from this basis ends at an equilibrium: on an unbounded edge x and y
    stay fixed, since ``E x* = 0, x* >= 0`` forces ``x* = 0``; if z0 grows on it, x and
    y are best responses to payoffs penalised ever more for leaving the start, so they
    are the start and the edge is the primary ray; if z0 is fixed, ``E^T p* >= 0`` with
    ``p*_0 = 0`` (complementarity) forces ``p* = 0`` level by level, and nothing moves.
    """
    s1, s2 = splits
    n1, n2 = sf.sizes
    n = n1 + n2
    x0 = np.zeros(n1, dtype=np.int64)
    x0[s1.P] = s1.start
    y0 = np.zeros(n2, dtype=np.int64)
    y0[s2.P] = s2.start
    # Player 1's rows against y = y0 + (moves of y_N); player 2's against x likewise.
    c1, K1 = _deviation_rows(A, s1, s2, y0, exact)
    c2, K2 = _deviation_rows(B.T, s2, s1, x0, exact)
    rows_c = np.concatenate([c1, c2])
    if not len(rows_c) or min(rows_c) >= 0:
        return LemkeStart(None, [], [], -1)
    # Basic: x_P, w_N, y_P, v_N (rows in this order); nonbasic: x_N, w_P, y_N, v_P, z0.
    xP, xN = s1.P, s1.N
    yP, yN = n1 + s2.P, n1 + s2.N
    basis = np.concatenate([xP, n + xN, yP, n + yN]).tolist()
    nonbasic = np.concatenate([xN, n + xP, yN, n + yP, [2 * n]]).tolist()
    D = np.zeros((n, n + 2), dtype=object if exact else np.float64, order="F")
    if exact:
        D[...] = 0
    r0, r1, r2 = len(xP), n1, n1 + len(yP)             # row blocks
    k1, k2 = len(xN), n1 + len(yN)                     # column blocks: x_N|w_P|y_N|v_P
    _put(D, slice(0, r0), slice(0, k1), -s1.G)
    _put(D, slice(r0, r1), slice(k1, n1), s1.G.T)
    _put(D, slice(r0, r1), slice(n1, k2), -K1)
    _put(D, slice(r1, r2), slice(n1, k2), -s2.G)
    _put(D, slice(r2, n), slice(k2, n), s2.G.T)
    _put(D, slice(r2, n), slice(0, k1), -K2)
    D[:, -1] = np.concatenate([s1.start, c1, s2.start, c2])
    D[r0:r1, n] = -1
    D[r2:n, n] = -1
    # z0 enters where the slack is most negative: every other row stays feasible. A
    # dictionary pivot on the entry -1: row r is negated and added to the other slack
    # rows; the z0 column (now the leaving slack's) keeps its -1s.
    slack_rows = np.concatenate([np.arange(r0, r1), np.arange(r2, n)])
    r = int(slack_rows[int(np.argmin(rows_c))])
    row = -D[r]
    D[r0:r1] += row
    D[r2:n] += row
    D[r] = row
    D[r0:r1, n] = -1
    D[r2:n, n] = -1
    leaving = basis[r]
    basis[r], nonbasic[n] = 2 * n, leaving
    return LemkeStart(D, basis, nonbasic, leaving - n)


def _put(D: np.ndarray, rows: slice, cols: slice, block: np.ndarray) -> None:
    if block.size:
        D[rows, cols] = block


def _deviation_rows(A: Any, me: Split, you: Split, y0: np.ndarray,
                    exact: bool) -> tuple[np.ndarray, np.ndarray]:
    """``c = -(G^T (A y0)_P + (A y0)_N)`` and ``K = -(G^T Ahat_P + Ahat_N)``.

    ``Ahat = A[:, P'] G' + A[:, N']`` is how the payoffs of my sequences move with the
    opponent's free sequences N' (their start sequences P' following by ``G'``).
    """
    if exact:
        A = np.asarray(A, dtype=object)
        Ay = A @ y0.astype(object)
        Ahat = A[:, you.P] @ you.G.astype(object) + A[:, you.N]
        Gt = me.G.T.astype(object)
    else:
        from scipy.sparse import csr_matrix

        A = csr_matrix(A)
        Ay = A @ y0.astype(np.float64)
        Ahat = A[:, you.P] @ you.G.astype(np.float64) + A[:, you.N].toarray()
        Gt = csr_matrix(me.G.T.astype(np.float64))
    c = -(Gt @ Ay[me.P] + Ay[me.N])
    K = -(Gt @ Ahat[me.P] + Ahat[me.N])
    return np.asarray(c), np.asarray(K)


def best_response_value(sf: Any, p: int, payoff: np.ndarray) -> Any:
    """Player p's best-response value when sequence s earns ``payoff[s]``.

    One bottom-up pass over p's information sets: the value of a sequence is its own
    payoff plus, for each information set it leads to, the best value of an action there.
    """
    value = np.array(payoff, dtype=object if payoff.dtype == object else np.float64)
    parent = np.asarray(sf.parent[p]).tolist()
    first = np.asarray(sf.first[p]).tolist()
    ends = first[1:] + [sf.sizes[p]]
    for j in deepest_first(first, parent, ends):
        value[parent[j]] += max(value[first[j]:ends[j]])
    return value[0]


def deepest_first(first: list[int], parent: list[int], ends: list[int]) -> list[int]:
    """Information sets ordered so that each comes before the one above it."""
    owner = {}
    for j, (f, e) in enumerate(zip(first, ends)):
        for s in range(f, e):
            owner[s] = j
    depth = [-1] * len(first)
    for j in range(len(first)):
        chain = []
        k = j
        while k >= 0 and depth[k] < 0:
            chain.append(k)
            k = owner.get(parent[k], -1)
        d = depth[k] if k >= 0 else -1
        for k in reversed(chain):
            d += 1
            depth[k] = d
    return sorted(range(len(first)), key=lambda j: -depth[j])
