"""The lean path of ``gt.solve`` for small bimatrix games (2 or 3 strategies each).

Modelling scripts call ``solve`` in loops over small games, where the fixed cost of one
call (qhull, labels, result objects) dwarfs the equilibrium computation. For a float solve
of a two-player game with 2 or 3 strategies per player, :func:`solve_small` enumerates the
vertices of both best-response polytopes itself, in plain Python floats: with payoffs
rescaled into [1, 2] as in :mod:`~gametheory.solvers.vertex`, every vertex of
``P = {x >= 0 : B^T x <= 1}`` is the solution of a square system "rows ``J`` of ``B^T``
tight on the support ``I``" (``|I| = |J|``), and likewise for ``Q``, so one pass over the
support pairs ``(I, J)`` visits every vertex of both (von Stengel 2007, section 3.3).

It answers only when the game is certified nondegenerate with a margin: every basis is
well conditioned and every vertex has exactly as many labels as its dimension even with
the loose slack ``1e-7`` (100 times the vertex method's own label tolerance). Then the
extreme equilibria are exactly the pairs ``(I, J)`` whose two vertices are both feasible
(their labels are complementary), each isolated, and every one is verified (regret at
most the payoff tolerance, as :func:`~gametheory.solvers.result.build_solution` does).
No two of them need merging as ``build_solution`` merges profiles equal to 9 decimals:
their supports differ, and a used strategy has probability above ``1e-7 / 3`` (a vertex
coordinate exceeds ``1e-7`` and the coordinates sum to at most 3).
Anything else (a near tie, a near-singular basis, a failed verification) returns None
and the full vertex enumeration runs. So the Solution is the one ``method="vertex"``
gives: the same equilibria in the same order, their probabilities and payoffs equal to
rounding (a payoff of 0 may come out as -8e-17 on one path and -4e-16 on the other),
complete, one isolated Component per equilibrium (listed in equilibrium order; vertex
lists them in the order qhull found the vertices), no notes.

References
----------
von Stengel, B. (2007). Equilibrium computation for two-player games in strategic and
extensive form. Algorithmic Game Theory, ch. 3, sections 3.2-3.4 (best-response
polytopes, labels, nondegenerate games).
"""

from __future__ import annotations

from itertools import combinations
from operator import itemgetter, mul
from typing import Any

import numpy as np

from ..errors import GameError
from .registry import _BUILTIN, METHODS
from .result import Component, Equilibrium, NashSubset, Solution

__all__ = ["solve_small", "SMALL"]

#: The lean path takes games with 2 to SMALL strategies per player.
SMALL = 3
_TOL = 1e-7      # label slack in the rescaled polytopes (vertex uses 1e-9)
_DET = 1e-8      # |det| below which a basis (entries in [1, 2]) counts as near-singular

_BUILTIN_ENTRY = {m.name: m for m in _BUILTIN}


def _registry_default() -> bool:
    """The built-in "vertex" and "best-response" entries are in place (so "auto" on a
    game with at least two strategies per player runs "vertex" first)."""
    return (METHODS.get("vertex") is _BUILTIN_ENTRY["vertex"]
            and METHODS.get("best-response") is _BUILTIN_ENTRY["best-response"])


def _new(cls: type, fields: dict[str, Any]) -> Any:
    """An instance of the frozen dataclass ``cls`` with ``fields`` (every field given),
    without its generated ``__init__`` (which sets each field through
    ``object.__setattr__``): the same object, built in a fraction of the time."""
    obj = object.__new__(cls)
    obj.__dict__.update(fields)
    return obj


def _pairs(m: int, n: int) -> list[tuple]:
    """Per support pair ``I = {i1, i2}``, ``J = {j1, j2}`` (rows ``i1 < i2``, columns
    ``j1 < j2``): ``(i1, i2, j1, j2, x_entries, y_entries)``, where ``x_entries(gb)``
    picks from the flat rescaled payoffs of player 2 the arguments of :func:`_side` for
    x (``B^T`` restricted to ``J x I``, then the column outside J), and ``y_entries(ga)``
    those for y from player 1's (``A`` on ``I x J``, then the row outside I). With at
    most 3 strategies at most one is left out; none is index ``m * n``, where the flat
    lists hold a 0."""
    out = []
    none = m * n
    for i1, i2 in combinations(range(m), 2):
        for j1, j2 in combinations(range(n), 2):
            i3 = next((i for i in range(m) if i not in (i1, i2)), -1)
            j3 = next((j for j in range(n) if j not in (j1, j2)), -1)
            x = (i1 * n + j1, i2 * n + j1, i1 * n + j2, i2 * n + j2,
                 i1 * n + j3 if j3 >= 0 else none, i2 * n + j3 if j3 >= 0 else none)
            y = (i1 * n + j1, i1 * n + j2, i2 * n + j1, i2 * n + j2,
                 i3 * n + j1 if i3 >= 0 else none, i3 * n + j2 if i3 >= 0 else none)
            out.append((i1, i2, j1, j2, itemgetter(*x), itemgetter(*y)))
    return out


_PAIRS = {(m, n): _pairs(m, n) for m in range(2, SMALL + 1) for n in range(2, SMALL + 1)}
_PROFILE = itemgetter(0, 1)                         # (x, y) of ``(x, y, u1, u2)``
_TRANSPOSE3 = itemgetter(0, 3, 6, 1, 4, 7, 2, 5, 8)   # a flat 3 x 3 matrix, transposed


def _rescaled(M: list[float]) -> tuple[list[float], float, float]:
    """``1 + (M - lo) / (hi - lo)`` (entries in [1, 2]) of the flat payoffs ``M``, with
    a 0 appended (see :func:`_pairs`), and ``lo``, ``hi``; an empty list when ``M`` is
    constant."""
    lo, hi = min(M), max(M)
    if not hi - lo > 0:
        return [], lo, hi
    s = 1.0 / (hi - lo)
    c = 1.0 - lo * s
    out = [v * s + c for v in M]
    out.append(0.0)
    return out, lo, hi


def _best(values: list[float]) -> int | None:
    """The index of the strict maximum of ``values`` with the relative margin
    ``_TOL``; None for a near tie (a degenerate vertex)."""
    ranked = sorted(values)
    top = ranked[-1]
    if ranked[-2] >= top * (1.0 - _TOL):
        return None
    return values.index(top)


def _side(a: float, b: float, c: float, d: float, p: float, q: float
          ) -> tuple | bool | None:
    """The vertex of one polytope on a support of size 2: ``[[a, b], [c, d]] z = 1``,
    with the one other constraint ``p z1 + q z2 <= 1`` (none when ``p`` is 0). Returns
    ``(z1, z2)`` when it is a vertex (strictly), False when it is not one, None when it
    is near a label it does not have or the basis is near-singular (leave it to
    vertex)."""
    det = a * d - b * c
    if -_DET < det < _DET:
        return None
    z1, z2 = (d - b) / det, (a - c) / det
    if z1 < -_TOL or z2 < -_TOL:
        return False
    s = p * z1 + q * z2
    if s > 1.0 + _TOL:
        return False
    if z1 <= _TOL or z2 <= _TOL or s >= 1.0 - _TOL:
        return None
    return z1, z2


def _full3(a: float, b: float, c: float, d: float, e: float, f: float, g: float,
           h: float, i: float) -> tuple | bool | None:
    """The vertex ``M z = 1`` of a 3 x 3 basis ``M = [[a, b, c], [d, e, f], [g, h, i]]``
    (Cramer's rule), as :func:`_side`."""
    c00, c10, c20 = e * i - f * h, c * h - b * i, b * f - c * e
    det = a * c00 + d * c10 + g * c20
    if -_DET < det < _DET:
        return None
    z = ((c00 + c10 + c20) / det,
         (f * g - d * i + a * i - c * g + c * d - a * f) / det,
         (d * h - e * g + b * g - a * h + a * e - b * d) / det)
    if min(z) < -_TOL:
        return False
    return None if min(z) <= _TOL else z


def _equilibria(ga: list, gb: list, m: int, n: int) -> list | None:
    """The extreme equilibria ``(x, y)`` of a nondegenerate game (flat rescaled payoffs
    ``ga``, ``gb``, see :func:`_rescaled`), as lists; None when the game is not
    certified nondegenerate."""
    found = []
    mn = m * n
    # supports of size 1: the vertex (i, j) of P is feasible when j is player 2's strict
    # best response to i; of Q when i is player 1's strict best response to j
    br2 = [_best(gb[k:k + n]) for k in range(0, mn, n)]
    br1 = [_best(ga[j:mn:n]) for j in range(n)]
    if None in br2 or None in br1:
        return None
    for i in range(m):
        j = br2[i]
        if br1[j] == i:
            x, y = [0.0] * m, [0.0] * n
            x[i], y[j] = 1.0, 1.0
            found.append((x, y))
    for i1, i2, j1, j2, x_entries, y_entries in _PAIRS[(m, n)]:
        zx = _side(*x_entries(gb))
        if zx is None:
            return None
        zy = _side(*y_entries(ga))
        if zy is None:
            return None
        if zx and zy:
            x, y = [0.0] * m, [0.0] * n
            sx, sy = zx[0] + zx[1], zy[0] + zy[1]
            x[i1], x[i2] = zx[0] / sx, zx[1] / sx
            y[j1], y[j2] = zy[0] / sy, zy[1] / sy
            found.append((x, y))
    if mn == 9:
        zx = _full3(*_TRANSPOSE3(gb))
        zy = _full3(*ga[:9])
        if zx is None or zy is None:
            return None
        if zx and zy:
            sx, sy = sum(zx), sum(zy)
            found.append(([v / sx for v in zx], [v / sy for v in zy]))
    return found


def _verified(A: list, B: list, found: list, tol: float) -> list | None:
    """``(x, y, u1, u2)`` of each profile, None if one has regret above ``tol``."""
    out = []
    cols = list(zip(*B))
    for x, y in found:
        Ay = [sum(map(mul, row, y)) for row in A]
        xB = [sum(map(mul, x, col)) for col in cols]
        u1, u2 = sum(map(mul, x, Ay)), sum(map(mul, xB, y))
        if not (max(Ay) - u1 <= tol and max(xB) - u2 <= tol):
            return None
        out.append((x, y, u1, u2))
    return out


def solve_small(game: Any, method: str, exact: bool, options: dict) -> Solution | None:
    """The Solution of ``gt.solve(game, method)`` for a small nondegenerate bimatrix game
    solved in floats, or None when the lean path does not apply (then the caller runs
    the usual path). Only ``method="auto"`` without options takes it (an explicit
    ``method="vertex"`` always runs the full vertex enumeration).

    Examples
    --------
    >>> import gametheory as gt
    >>> bos = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> sol = solve_small(bos, "auto", False, {})
    >>> sol.method, sol.complete, len(sol)
    ('vertex', True, 3)
    >>> [round(float(p), 4) for p in sol.equilibria[1].strategies[0]]
    [0.6667, 0.3333]
    >>> solve_small(gt.NormalFormGame.from_arrays([[1, 1], [1, 1]], [[1, 0], [0, 1]]),
    ...             "auto", False, {}) is None   # degenerate: the full vertex path
    True
    """
    if exact or options or method != "auto" or game.num_players != 2:
        return None
    m, n = game.shape
    if not (2 <= m <= SMALL and 2 <= n <= SMALL) or game.kind == "symbolic" \
            or not _registry_default():
        return None
    try:
        P = game.float_payoffs()
    except GameError:             # beyond the float range: the usual path says so
        return None
    fa, fb = P.reshape(2, m * n).tolist()
    GA, loA, hiA = _rescaled(fa)
    GB, loB, hiB = _rescaled(fb)
    if not GA or not GB:
        return None
    found = _equilibria(GA, GB, m, n)
    if not found:
        return None
    tol = 1e-9 * max(hiA - loA, hiB - loB) + 1e-13 * max(-loA, hiA, -loB, hiB)
    checked = _verified(*P.tolist(), found, tol)
    if checked is None:
        return None
    if len(checked) > 1:      # x, then y, in decreasing lexicographic order (as vertex)
        checked.sort(key=_PROFILE, reverse=True)   # (supports differ: no ties)
    return _solution(game, checked)


def _solution(game: Any, checked: list) -> Solution:
    """The frozen Solution of verified, sorted profiles ``(x, y, u1, u2)``. Each object
    is made by :func:`_new` (the fields set directly; dict literals, no copies)."""
    m = game.shape[0]
    S = np.array([e[0] + e[1] for e in checked], dtype=np.float64)
    S.setflags(write=False)   # rows are shared by profiles and Nash subsets, as in vertex
    players, labels = game.players, game.strategies
    eqs, comps = [], []
    for k, e in enumerate(checked):
        row = S[k]
        x, y = row[:m], row[m:]
        eqs.append(_new(Equilibrium, {
            "strategies": (x, y), "payoffs": (e[2], e[3]), "players": players,
            "labels": labels, "exact": False, "behavior": None, "beliefs": None,
            "belief_ranges": None, "label": None}))
        ks = (k,)
        subset = _new(NashSubset, {"extreme": ((x,), (y,)), "equilibria": ks})
        comps.append(_new(Component, {"nash_subsets": (subset,), "equilibria": ks}))
    return _new(Solution, {
        "equilibria": eqs, "method": "vertex", "complete": True, "exact": False,
        "game": game, "components": tuple(comps), "value": None, "notes": (),
        "branch": None})
