"""Regions of constant equilibrium structure in a sweep, and their refined boundaries.

The structure at a point is the number of equilibria and, for each, its supports (normal
form) or its equilibrium path: the set of terminal nodes reached with positive
probability (trees). In one dimension a region is a maximal run of grid points with the
same structure; each boundary between two runs is refined by bisection, re-solving all
the boundaries' midpoints together in one batch per step. In two dimensions a region is
a connected set of grid cells (4-neighbours) with the same structure.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError, SolverError
from ..solvers.batch import BatchEquilibria
from ._sweep_solve import Chunk, is_tree, tree_offsets

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveFormGame
    from ..games.protocol import Game

__all__ = ["Region", "point_keys", "key_text", "describe", "solution_entries", "structure_of",
           "continua", "intervals", "exact_intervals", "tidy_intervals", "cells", "finish",
           "reach", "snap", "midpoint", "end_text", "number_text", "easy", "region_formulas",
           "equilibrium_lines", "region_record", "SUPPORT_TOL", "BISECTION_TOL", "EASY_SIZE",
           "THIN"]

#: A probability above this is in the support. Solvers already set rounding noise to 0
#: (build_solution below 1e-13; vertex and the batched engine know their exact zeros),
#: so a true probability of 1e-14 counts.
SUPPORT_TOL = 0.0
#: 1-D boundaries are bisected until the bracket is at most this wide.
BISECTION_TOL = 1e-12
#: Rounds of looking for structures the grid missed between two regions.
MAX_ROUNDS = 8
#: A region end is reported as a fraction (:attr:`Region.ends`) when one with at most
#: this denominator is within 1e-12 of it (regions report the simplest rational of their
#: bisection bracket).
MAX_DENOMINATOR = 1000
#: Closed forms are tried ("auto") on games at most this big (cells, or tree nodes).
EASY_SIZE = 64

Key = tuple
#: ``chance(points)``: chance probabilities (len(points), num_nodes) at those points of
#: the batch, or None where they do not depend on parameters.
Chance = Callable[[np.ndarray], "np.ndarray | None"]


@dataclass(frozen=True)
class Region:
    """A region of constant equilibrium structure: an interval or a point of one
    parameter, or a connected cell of a 2-D grid.

    Attributes
    ----------
    names : tuple of str
        The swept parameters (one for an interval or a point, two for a cell).
    bounds : tuple of (float, float)
        ``(lo, hi)`` per name, as floats. For a 1-D region its ends (:attr:`ends` has
        them exactly); for a 2-D cell the extreme grid values inside the cell.
    key : tuple
        The structure: one entry per equilibrium (supports as strategy indices per
        player; for trees the reached terminal nodes and the support of the behaviour
        at every information set), sorted.
    description : str
        The structure in words: the number of equilibria (with any continuum of them),
        and for each its supports (normal form) or its path and the choices that tell
        the equilibria apart (trees), in the order of :attr:`solution`'s equilibria.
    indices : ndarray of int
        The grid points in the region (possibly none: a region between two grid points,
        or a critical value the grid misses).
    solution : Solution
        The equilibria that give the region its structure: those at :attr:`point`,
        solved exactly where the sweep found its regions from the exact critical
        values; else at the middle grid point of the region (or at a point found inside
        it).
    point : tuple
        The representative point, one value per name: for exact 1-D regions a simple
        rational inside the interval or the critical value itself; else the middle grid
        point, or a simple rational between the ends of a region off the grid.
    representative : Solution
        The equilibria at :attr:`point` (see :attr:`solution`).
    closed : (bool, bool)
        Whether a 1-D region contains its lower and upper end (a grid's ends belong to
        it; the critical values between regions are regions of their own).
    exact : bool
        True when the region comes from the exact critical values
        (:func:`gametheory.critical_values`), False for bisected boundaries or 2-D cells.
    continuum : bool
        True when the equilibria at :attr:`point` include a continuum (a component of the
        equilibrium set with more than one extreme equilibrium).
    condition : str or None
        A condition that describes the region exactly (e.g. ``"3 q_US + 2 q_EU < 1/2"``);
        printed when set.
    number : int or None
        The 1-based number of a 2-D cell in its sweep's list.
    box : bool
        For a 2-D cell: True when it holds every grid point of the rectangle it spans.
    note : str
        A remark printed after the structure (e.g. that an irrational critical value was
        solved in floats).

    References
    ----------
    Burden, R. L. & Faires, J. D. (2011). *Numerical Analysis*, 9th ed., sec. 2.1 (the
    bisection method, the fallback where critical values cannot be had).

    Examples
    --------
    >>> import gametheory as gt
    >>> q = gt.parameters("q")
    >>> g = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> low, zero, high = gt.sweep(g, {"q": [-0.5, 0.25, 1.0]}).regions()
    >>> print(low); print(zero); print(high)
    q in [-1/2, 0): 1 equilibrium: a2 | b2
    q = 0: 3 equilibria (a continuum through 1, 2): a1 | b1; a1, a2 | b1; a2 | b2
    q in (0, 1]: 3 equilibria: a1 | b1; a1, a2 | b1, b2; a2 | b2
    >>> high.ends, high.closed, high.point, len(high.indices)
    ((Fraction(0, 1), Fraction(1, 1)), (False, True), (Fraction(1, 2),), 2)
    """

    names: tuple[str, ...]
    bounds: tuple[tuple[float, float], ...]
    key: Key
    description: str
    indices: np.ndarray
    solution: Any
    point: tuple = ()
    _solve_point: Callable[[], Any] | None = field(default=None, repr=False, compare=False)
    closed: tuple[bool, bool] = (True, True)
    exact_ends: tuple | None = field(default=None, repr=False)
    exact: bool = False
    continuum: bool = False
    condition: str | None = None
    number: int | None = None
    box: bool = True
    note: str = ""

    @property
    def lo(self) -> float:
        """Lower end of a 1-D region."""
        return self.bounds[0][0]

    @property
    def hi(self) -> float:
        """Upper end of a 1-D region."""
        return self.bounds[0][1]

    @property
    def equilibria(self) -> list:
        """The representative equilibria (those of :attr:`solution`)."""
        return list(self.solution.equilibria)

    @functools.cached_property
    def representative(self) -> Any:
        """The Solution at :attr:`point` (see the class docstring)."""
        return self.solution if self._solve_point is None else self._solve_point()

    @property
    def ends(self) -> tuple[Any, Any]:
        """``(lo, hi)`` of a 1-D region exactly: Fractions, or sympy numbers for
        irrational critical values; for bisected ends the Fraction of denominator at
        most 1000 within 1e-12 of it (see :func:`snap`), else the float."""
        if self.exact_ends is not None:
            return self.exact_ends
        return snap(self.lo), snap(self.hi)

    @property
    def is_point(self) -> bool:
        """True for a 1-D region of one value (its :attr:`ends` agree)."""
        lo, hi = self.ends
        return lo == hi

    def span_text(self) -> str:
        """Where the region lies: ``q in [0, 1/7)``, ``q = 1/7``, or for a 2-D cell
        ``cell 3: 120 grid points, q from 0.1 to 0.5, r from 0 to 1 (not a box)``."""
        if len(self.names) == 1:
            lo, hi = self.ends
            n = self.names[0]
            if self.is_point:
                return f"{n} = {end_text(lo)}"
            left, right = "[" if self.closed[0] else "(", "]" if self.closed[1] else ")"
            return f"{n} in {left}{end_text(lo)}, {end_text(hi)}{right}"
        head = f"cell {self.number}: " if self.number is not None else ""
        spans = ", ".join(f"{n} from {_grid_text(lo)} to {_grid_text(hi)}"
                          for n, (lo, hi) in zip(self.names, self.bounds, strict=True))
        count = len(self.indices)
        return (f"{head}{count} grid point{'' if count == 1 else 's'}, {spans}"
                + ("" if self.box else " (not a box)"))

    def __str__(self) -> str:
        cond = f" where {self.condition}" if self.condition else ""
        note = f" ({self.note})" if self.note else ""
        return f"{self.span_text()}{cond}: {self.description}{note}"

    def __repr__(self) -> str:
        return f"<Region {self}>"

    def _repr_html_(self) -> str:
        """Where the region lies, its structure and a table of its equilibria at
        :attr:`point`, for Jupyter (see :mod:`gametheory.io._notebook`)."""
        from ..io._notebook import region_html

        return region_html(self)

    def _repr_latex_(self) -> str:
        """The same in LaTeX: ``$q \\in [0, \\frac{1}{7})$: ...`` and a booktabs table."""
        from ..io._notebook import region_latex

        return region_latex(self)


def end_text(x: Any) -> str:
    """A region end as text: a fraction (``1/7``), an algebraic number with its value
    (``sqrt(2)/2 (~0.7071)``), or a bisected float that is no short fraction
    (``~1.41421356237``).

    >>> import sympy
    >>> end_text(Fraction(1, 7)), end_text(sympy.sqrt(2) / 2)
    ('1/7', 'sqrt(2)/2 (~0.7071)')
    >>> end_text(2 ** 0.5)
    '~1.41421356237'
    """
    if isinstance(x, Fraction):
        return str(x)
    if getattr(x, "is_Rational", False):
        return str(Fraction(int(x.p), int(x.q)))
    if hasattr(x, "free_symbols"):
        return f"{x} (~{float(x):.4g})"
    s = snap(x)
    return str(s) if isinstance(s, Fraction) else f"~{float(x):.12g}"


def _grid_text(x: float) -> str:
    """A grid value: a short fraction when it is one, else ``%g``."""
    s = snap(x)
    return str(s) if isinstance(s, Fraction) else f"{float(x):g}"


def snap(x: Any) -> Fraction | float:
    """A region end as a small fraction when it is one, else the float.

    A Fraction stays as it is; a number becomes the fraction of denominator at most
    :data:`MAX_DENOMINATOR` within 1e-12 (relative beyond 1) of it, if there is one.

    Examples
    --------
    >>> snap(0.25), snap(1 / 3), snap(2 ** 0.5)
    (Fraction(1, 4), Fraction(1, 3), 1.4142135623730951)
    """
    if isinstance(x, Fraction):
        return x
    f = Fraction(float(x)).limit_denominator(MAX_DENOMINATOR)
    return f if abs(float(f) - float(x)) <= 1e-12 * max(1.0, abs(float(x))) else float(x)


def midpoint(lo: Any, hi: Any) -> Fraction:
    """A simple rational strictly between two region ends (their snapped midpoint, to
    denominator 10**6 where that stays inside); the end itself for a region of one value.

    Examples
    --------
    >>> midpoint(0.0, 1.0), midpoint(1 / 3, 1 / 3)
    (Fraction(1, 2), Fraction(1, 3))
    """
    a, b = Fraction(snap(lo)), Fraction(snap(hi))
    mid = (a + b) / 2
    small = mid.limit_denominator(10**6)
    return small if a < small < b else mid


# ----------------------------------------------------------------- structure keys
def reach(game: ExtensiveFormGame, batch: BatchEquilibria, chance: Chance,
          rows: np.ndarray | None = None) -> np.ndarray:
    """Probability of each terminal under each equilibrium row (all, or ``rows``),
    shape (E, T); ``chance(points)`` gives parametric chance probabilities."""
    from ..games._tree_compile import accumulate

    a = game.arrays
    rows = np.arange(len(batch.point)) if rows is None else rows
    off = tree_offsets(a)
    v = np.arange(1, len(a.parent))
    pp = a.parent[v]
    dec = a.player[pp] >= 0
    edge = np.ones((len(a.parent), len(rows)))
    probs = chance(batch.point[rows])
    if probs is None:
        edge[v[~dec]] = a.chance_prob[v[~dec]].astype(np.float64)[:, None]
    else:
        edge[v[~dec]] = probs[:, v[~dec]].T
    edge[v[dec]] = batch.profile[rows][:, off[a.infoset[pp[dec]]] + a.action[v[dec]]].T
    return accumulate(a.parent, edge, "mul")[a.terminals].T


def _row_bits(game: Game, batch: BatchEquilibria, chance: Chance) -> np.ndarray:
    """Per equilibrium row: the supports (normal form), or the reached terminals then
    the support of the behaviour at every information set (trees)."""
    support = batch.profile > SUPPORT_TOL
    if not is_tree(game):
        return support
    out = np.zeros((len(batch.point), len(game.arrays.terminals)), dtype=bool)
    step = 1 << 15
    for lo in range(0, len(batch.point), step):
        rows = np.arange(lo, min(lo + step, len(batch.point)))
        out[rows] = reach(game, batch, chance, rows) > SUPPORT_TOL
    return np.hstack([out, support])


def point_keys(game: Game, batch: BatchEquilibria, chance: Chance
               ) -> tuple[np.ndarray, list[Key]]:
    """The structure of every point: an id per point and the key of each id."""
    bits = _row_bits(game, batch, chance)
    table, row_id = _unique_rows(np.packbits(bits, axis=1)) if len(bits) else \
        (np.zeros((0, 0), dtype=np.uint8), np.zeros(0, dtype=np.int64))
    counts = batch.counts
    width = int(counts.max()) if len(counts) else 0
    pad = np.full((batch.num_points, width), -1, dtype=np.int64)
    order = np.lexsort((row_id, batch.point))
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    slot = np.arange(len(order)) - np.repeat(starts, counts)
    pad[batch.point[order], slot] = row_id[order]
    uniq, pid = _unique_rows(pad)
    n = bits.shape[1]
    canon = [_canonical(game, np.unpackbits(t, count=n).astype(bool)) for t in table]
    keys = [tuple(sorted(canon[i] for i in u if i >= 0)) for u in uniq]
    return pid, keys


def _unique_rows(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(M, axis=0, return_inverse=True)``, fast: rows are first folded into
    one integer where they fit, else compared as raw bytes."""
    M = np.ascontiguousarray(M)
    if M.shape[1] == 0:
        return M[:1], np.zeros(len(M), dtype=np.int64)
    lo, hi = int(M.min()), int(M.max())
    base = hi - lo + 1
    if base ** M.shape[1] < 2 ** 62:
        code = np.zeros(len(M), dtype=np.int64)
        for j in range(M.shape[1]):
            code = code * base + (M[:, j].astype(np.int64) - lo)
    else:
        code = M.view(np.dtype((np.void, M.dtype.itemsize * M.shape[1]))).ravel()
    _, first, inverse = np.unique(code, return_index=True, return_inverse=True)
    return M[first], inverse.ravel().astype(np.int64)


def _canonical(game: Game, bits: np.ndarray) -> tuple:
    if is_tree(game):
        a = game.arrays
        T = len(a.terminals)
        reached = tuple(int(t) for t in np.flatnonzero(bits[:T]))
        sups, start = [], T
        for acts in a.infoset_actions:
            sups.append(tuple(int(k) for k in np.flatnonzero(bits[start:start + len(acts)])))
            start += len(acts)
        return reached, tuple(sups)
    out, start = [], 0
    for n in game.shape:
        out.append(tuple(int(k) for k in np.flatnonzero(bits[start:start + n])))
        start += n
    return tuple(out)


def solution_entries(game: Game, sol: Any) -> list[tuple]:
    """The structure entry of each equilibrium of ``sol`` (in its order), as in the keys
    of :func:`point_keys`: supports per player, or for a tree (``game``) the reached
    terminals and the support at every information set (reached or not)."""
    out = []
    for eq in sol.equilibria:
        if is_tree(game) and eq.behavior is not None:
            out.append(_tree_entry(game, sol.game if sol.game is not None else game, eq))
        else:
            out.append(tuple(eq.supports))
    return out


def _tree_entry(game: Game, at: Any, eq: Any) -> tuple:
    from ..games._tree_compile import accumulate

    a = game.arrays
    # the game at the point has numeric chance probabilities; a solution of its reduced
    # normal form does not carry them (chance moves then count as possible)
    b = at.arrays if getattr(at, "is_tree", False) else None
    edge = np.ones(len(a.parent))
    for v in range(1, len(a.parent)):
        p = a.parent[v]
        if a.player[p] >= 0:
            h = a.infoset[p]
            edge[v] = float(eq.behavior[a.infoset_labels[h]][a.infoset_actions[h][a.action[v]]])
        elif b is not None:
            edge[v] = float(b.chance_prob[v])
    probs = accumulate(a.parent, edge, "mul")[a.terminals]
    reached = tuple(int(t) for t in np.flatnonzero(probs > SUPPORT_TOL))
    sups = tuple(tuple(k for k, act in enumerate(acts)
                       if float(eq.behavior[label][act]) > SUPPORT_TOL)
                 for label, acts in zip(a.infoset_labels, a.infoset_actions))
    return reached, sups


def continua(sol: Any) -> list[tuple[int, ...]]:
    """The components of ``sol`` with more than one extreme equilibrium (a continuum),
    as indices into its equilibria."""
    return [tuple(int(i) for i in c.equilibria) for c in getattr(sol, "components", ())
            if len(c.equilibria) > 1]


def structure_of(game: Game, sol: Any) -> tuple[Key, tuple]:
    """``(key, continua)`` of a Solution: its sorted structure entries (as
    :func:`point_keys` gives them) and its continua (:func:`continua`, sizes sorted)."""
    return (tuple(sorted(solution_entries(game, sol))),
            tuple(sorted(len(c) for c in continua(sol))))


def differing(game: Game, entries: Sequence[tuple]) -> set[int]:
    """The information sets (indices) at which the tree entries' supports differ."""
    H = len(game.arrays.infoset_labels) if is_tree(game) else 0
    entries = [e for e in entries if len(e) == 2 and len(e[1]) == H]
    if not H or len(entries) < 2:
        return set()
    return {h for h in range(H) if len({e[1][h] for e in entries}) > 1}


def describe(game: Game, entries: Sequence[tuple], groups: Sequence[Sequence[int]] = (),
             infosets: set[int] | None = None) -> str:
    """A structure in words, the equilibria in the order of ``entries``.

    Normal form: the supports (``a1, a2 | b1``). Trees: the path (the terminals reached)
    and the choices at the information sets where the equilibria differ (``infosets``,
    default those where these entries differ), so that equilibria sharing a path print
    differently. ``groups`` (continua, as indices into ``entries``) are flagged.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    >>> sol = gt.solve(g, exact=True)
    >>> print(describe(g, solution_entries(g, sol), continua(sol)))
    2 equilibria (a continuum through 1, 2): a1 | b1; a1 | b2
    """
    n = len(entries)
    if n == 0:
        return "no equilibrium"
    head = f"{n} equilibri{'um' if n == 1 else 'a'}"
    if groups:
        parts = [", ".join(str(i + 1) for i in sorted(g)) for g in groups]
        word = "a continuum" if len(parts) == 1 else "continua"
        head += f" ({word} through {' and '.join(parts)})"
    if is_tree(game):
        a = game.arrays
        names = [game.path(int(t)) for t in a.terminals]
        shown = sorted(differing(game, entries) if infosets is None else infosets)
        texts = []
        for reached, sups in entries:
            text = "path " + (", ".join(names[t] for t in reached) if reached else "(none)")
            choices = [f"{a.infoset_labels[h]}: "
                       + (", ".join(a.infoset_actions[h][k] for k in sups[h]) or "(none)")
                       for h in shown]
            texts.append(text + (f" ({'; '.join(choices)})" if choices else ""))
    else:
        texts = [" | ".join(", ".join(game.strategies[p][i] for i in sup)
                            for p, sup in enumerate(k)) for k in entries]
    return f"{head}: " + "; ".join(texts)


def key_text(game: Game, key: Key, infosets: set[int] | None = None) -> str:
    """The structure key in words, e.g. ``"2 equilibria: a1 | b2; a2 | b1"`` (see
    :func:`describe`)."""
    return describe(game, list(key), (), infosets)


# ----------------------------------------------------------------- regions
#: values (b, d) -> the equilibria at those points and their chance probabilities
Solver = Callable[[np.ndarray], tuple[Chunk, Chance]]


def intervals(game: Game, names: Sequence[str], axis: int, points: np.ndarray,
              pid: np.ndarray, keys: list[Key], solve_at: Solver,
              solution: Callable[[int], Any],
              solution_at: Callable[[np.ndarray], Any],
              exact_solution: Callable[[Fraction], Any]) -> list[Region]:
    """Maximal 1-D intervals along grid column ``axis``, boundaries bisected together.

    Where the two sides of a boundary do not meet (the left structure ends clearly
    before the right one starts), a structure the grid missed lies between: it is
    solved at the middle of the gap and refined in the next round, so that the regions
    cover the whole range of the grid. ``exact_solution(value)`` solves at a value of
    the swept parameter (the representative point of a region off the grid).
    """
    order = np.argsort(points[:, axis], kind="stable")
    base = points[order[0]].astype(np.float64)
    pos = points[order, axis].astype(np.float64).tolist()
    ks = [keys[pid[i]] for i in order]
    grid = order.tolist()                  # grid index of each position, -1 if found
    found: dict[float, Any] = {}           # position -> Solution at a found point
    done: dict[tuple[float, float], tuple[float, float]] = {}
    for _ in range(MAX_ROUNDS):
        gaps = [j for j in range(len(pos) - 1)
                if ks[j] != ks[j + 1] and (pos[j], pos[j + 1]) not in done]
        if gaps:
            G = len(gaps)
            at = np.array([[pos[j] for j in gaps], [pos[j + 1] for j in gaps]])
            ends = _bisect(base, np.tile(at, 2), axis, [ks[j] for j in gaps] +
                           [ks[j + 1] for j in gaps], np.arange(2 * G) < G, game, solve_at)
            for j, e, t in zip(gaps, ends[:G].tolist(), ends[G:].tolist()):
                done[pos[j], pos[j + 1]] = (e, t)
        hidden = sorted({(e + t) / 2 for j in range(len(pos) - 1) if ks[j] != ks[j + 1]
                         for e, t in [done[pos[j], pos[j + 1]]] if t - e > 4 * BISECTION_TOL})
        if not hidden:
            break
        pts = np.repeat(base[None, :], len(hidden), axis=0)
        pts[:, axis] = hidden
        chunk, chance = solve_at(pts)
        pid_new, keys_new = point_keys(game, chunk.batch, chance)
        for m, i in zip(hidden, pid_new.tolist()):
            j = int(np.searchsorted(pos, m))
            pos.insert(j, m)
            ks.insert(j, keys_new[i])
            grid.insert(j, -1)
            found[m] = None
    out, lo = [], pos[0]
    run = [0]
    for j in range(1, len(pos) + 1):
        if j < len(pos) and ks[j] == ks[run[0]]:
            run.append(j)
            continue
        hi = done[pos[run[-1]], pos[j]][0] if j < len(pos) else pos[-1]
        idx = np.array(sorted(grid[i] for i in run if grid[i] >= 0), dtype=np.int64)
        if len(idx):
            rep = int(idx[len(idx) // 2])
            sol, point, solve_point = solution(rep), (float(points[rep, axis]),), None
        else:
            pt = base.copy()
            pt[axis] = pos[run[len(run) // 2]]
            sol = solution_at(pt)
            mid = midpoint(float(lo), float(hi))
            point, solve_point = (mid,), functools.partial(exact_solution, mid)
        key = ks[run[0]]
        out.append(Region((names[axis],), ((float(lo), float(hi)),), key, key_text(game, key),
                          idx, sol, point, solve_point))
        if j < len(pos):
            lo = done[pos[run[-1]], pos[j]][1]
            run = [j]
    return out


#: A bisected 1-D region narrower than this (relative to the grid's range), or with no
#: grid point, is solved exactly at its midpoint before it is reported.
THIN = 1e-6
#: ``solve(value)`` -> ``(Solution, note)``: the game solved at a value of the swept
#: parameter, exactly where it is rational (note says otherwise).
ExactSolver = Callable[[Any], tuple[Any, str]]


def exact_intervals(game: Game, name: str, x: np.ndarray, cvs: Sequence[Any],
                    solve: ExactSolver) -> list[Region]:
    """The exact 1-D regions of a sweep from its critical values.

    The open intervals between consecutive critical values ``cvs`` (sorted, inside the
    grid's range) and one point region per critical value, each solved by ``solve`` at
    its representative: a simple rational inside an interval, the value itself at a
    point (``cv.at`` when the value is rational). The grid's ends belong to their
    intervals when they have the same structure, else they are point regions of their
    own. ``x`` holds the swept value of every grid point, which is assigned to the
    region that contains it (decided exactly near a cut: a float is at the cut when the
    decimal it prints as is the cut, or it is the float nearest to the cut).
    """
    import sympy

    from ..games.values import to_fraction
    from ._critical_sym import interior_point

    lo, hi = to_fraction(float(x.min())), to_fraction(float(x.max()))
    cuts = [sympy.Rational(lo.numerator, lo.denominator), *[cv.value for cv in cvs],
            sympy.Rational(hi.numerator, hi.denominator)]
    segs = []                                    # (a, b, solution, point, note)
    for j, c in enumerate(cuts):
        cv = cvs[j - 1] if 0 < j < len(cuts) - 1 else None
        if cv is not None and cv.at is not None:
            sol, note = cv.at, ""
        else:
            sol, note = solve(_exact(c))
        segs.append((c, c, sol, _exact(c), note))
        if j < len(cuts) - 1:
            t = interior_point(c, cuts[j + 1])
            segs.append((c, cuts[j + 1], *solve(t)[:1], t, ""))
    where = _assign(x, cuts)
    structs = [structure_of(game, s[2]) for s in segs]
    # a grid end with the structure of its interval belongs to it (closed there)
    keep = list(range(len(segs)))
    closed = {k: (k % 2 == 0, k % 2 == 0) for k in keep}
    last = len(segs) - 1
    if structs[0] == structs[1]:
        keep.remove(0)
        where[where == 0] = 1
        closed[1] = (True, closed[1][1])
    if structs[last] == structs[last - 1]:
        keep.remove(last)
        where[where == last] = last - 1
        closed[last - 1] = (closed[last - 1][0], True)
    out = []
    for k in keep:
        a, b, sol, t, note = segs[k]
        key, _ = structs[k]
        groups = continua(sol)
        out.append(Region((name,), ((float(a), float(b)),), key,
                          describe(game, solution_entries(game, sol), groups),
                          np.flatnonzero(where == k).astype(np.int64), sol, (t,),
                          closed=closed[k], exact_ends=(_exact(a), _exact(b)), exact=True,
                          continuum=bool(groups), note=note))
    return out


def _exact(c: Any) -> Any:
    """A sympy number as a Fraction when rational, else as it is."""
    if getattr(c, "is_Rational", False):
        return Fraction(int(c.p), int(c.q))
    return c


def _assign(x: np.ndarray, cuts: Sequence[Any]) -> np.ndarray:
    """The segment of every value: ``2j`` at ``cuts[j]``, ``2j + 1`` strictly between
    ``cuts[j]`` and ``cuts[j + 1]``; exact (floats as their decimals) near a cut."""
    import sympy

    from ..games.values import to_fraction

    fc = np.array([float(c) for c in cuts])
    x = np.asarray(x, dtype=np.float64)
    out = 2 * np.searchsorted(fc, x, side="right") - 1         # strictly between (floats)
    near = np.abs(x[:, None] - fc[None, :]) <= 1e-9 * np.maximum(1.0, np.abs(fc))[None, :]
    for i, j in zip(*np.nonzero(near)):
        f = to_fraction(float(x[i]))
        v = sympy.Rational(f.numerator, f.denominator)
        c = cuts[j]
        hit = v == c or float(x[i]) == fc[j]     # the decimal, or the float nearest c
        out[i] = 2 * j if hit else (2 * j - 1 if bool(v < c) else 2 * j + 1)
    return np.clip(out, 0, 2 * len(cuts) - 2)


def tidy_intervals(game: Game, regions: list[Region], solve: ExactSolver) -> list[Region]:
    """Bisected 1-D regions without artefacts, and with truthful ends.

    Every thin region (narrower than :data:`THIN` of the range, or holding no grid
    point) is solved exactly at its midpoint; where that structure differs from the one
    claimed, the region takes it (and merges with a neighbour of that structure), so no
    sliver of a float tolerance survives. Each boundary that is a short fraction is
    solved exactly there: it closes the side whose structure it has, or becomes a
    point region (closed) between two open neighbours.
    """
    if not regions:
        return regions
    first, last = regions[0].lo, regions[-1].hi
    span = max(last - first, 1e-300)
    out = []
    for r in regions:
        if r.hi - r.lo <= THIN * span or not len(r.indices):
            m = midpoint(r.lo, r.hi)
            sol, note = solve(m)
            key, _ = structure_of(game, sol)
            if key != r.key:
                r = dataclasses.replace(r, key=key, solution=sol, point=(m,),
                                        _solve_point=None, continuum=bool(continua(sol)),
                                        note=note)
        out.append(r)
    merged: list[Region] = []
    points: list[tuple[int, Region]] = []
    for r in out:
        if merged and merged[-1].key == r.key:
            merged[-1] = _join(merged[-1], r)
        else:
            merged.append(r)
    for k in range(len(merged) - 1):
        r, nxt = merged[k], merged[k + 1]
        a, b = snap(r.hi), snap(nxt.lo)
        if not (isinstance(a, Fraction) and a == b):
            merged[k] = dataclasses.replace(r, closed=(r.closed[0], False))
            merged[k + 1] = dataclasses.replace(nxt, closed=(False, nxt.closed[1]))
            continue
        if r.is_point or nxt.is_point:          # the point region holds the value
            left = r.is_point
        else:
            sol, note = solve(a)
            key, _ = structure_of(game, sol)
            left = key == r.key
            if not left and key != nxt.key:     # a change at the single value a
                points.append((k, Region(r.names, ((float(a), float(a)),), key,
                                         describe(game, solution_entries(game, sol),
                                                  continua(sol)),
                                         np.zeros(0, dtype=np.int64), sol, (a,),
                                         continuum=bool(continua(sol)), note=note)))
                left = None
        merged[k] = dataclasses.replace(r, closed=(r.closed[0], left is True or r.is_point))
        merged[k + 1] = dataclasses.replace(nxt, closed=(left is False or nxt.is_point,
                                                         nxt.closed[1]))
    for k, p in reversed(points):
        merged.insert(k + 1, p)
    return [_settle(r, first, last) for r in merged]


def _join(a: Region, b: Region) -> Region:
    """Two neighbouring regions of one structure as one (the solution of the one with
    more grid points)."""
    keep = a if len(a.indices) >= len(b.indices) else b
    idx = np.sort(np.concatenate([a.indices, b.indices])).astype(np.int64)
    return dataclasses.replace(keep, bounds=((a.lo, b.hi),), indices=idx,
                               closed=(a.closed[0], b.closed[1]))


def _settle(r: Region, first: float, last: float) -> Region:
    """A bisected region with exact ends: the grid's ends as the decimals they print
    as, inner ends as short fractions where they snap to one (else the floats); a point
    region is closed."""
    from ..games.values import to_fraction

    def end(x: float) -> Any:
        return to_fraction(x) if x in (first, last) else snap(x)

    lo, hi = end(r.lo), end(r.hi)
    if r.is_point:
        return dataclasses.replace(r, closed=(True, True), exact_ends=(lo, lo))
    return dataclasses.replace(r, exact_ends=(lo, hi))


def _bisect(base: np.ndarray, brackets: np.ndarray, axis: int, keys: list[Key],
            keep_left: np.ndarray, game: Game, solve_at: Solver) -> np.ndarray:
    """Bisect every bracket ``brackets[:, j] = (lo, hi)`` along ``axis`` at once, one
    batch of distinct midpoints per step (the other coordinates from ``base``). Where
    ``keep_left`` find where the left structure ``keys[j]`` ends (it holds at lo),
    elsewhere where the right one starts (it holds at hi). Returns, per bracket, the
    simplest rational in the final bracket (at most 1e-12 wide)."""
    lo, hi = brackets[0].astype(np.float64), brackets[1].astype(np.float64)
    for _ in range(200):
        active = np.flatnonzero(hi - lo > BISECTION_TOL)
        mid = lo[active] + (hi[active] - lo[active]) / 2
        moving = (mid > lo[active]) & (mid < hi[active])
        active, mid = active[moving], mid[moving]
        if not active.size:
            break
        distinct, where = np.unique(mid, return_inverse=True)
        pts = np.repeat(base[None, :], len(distinct), axis=0)
        pts[:, axis] = distinct
        chunk, chance = solve_at(pts)
        pid, found = point_keys(game, chunk.batch, chance)
        same = np.array([found[p] == keys[j] for p, j in zip(pid[where.ravel()], active)],
                        dtype=bool)
        up = same == keep_left[active]          # the bracket's lower end moves up
        lo[active[up]], hi[active[~up]] = mid[up], mid[~up]
    return np.array([float(simplest_between(Fraction(a), Fraction(b)))
                     for a, b in zip(lo.tolist(), hi.tolist())])


def simplest_between(lo: Fraction, hi: Fraction) -> Fraction:
    """The rational with the smallest denominator in ``[lo, hi]`` (continued fractions).

    A refined bracket holds the boundary, so any of its points is within its width of
    it; the simplest one makes rational thresholds print as they are (0, 1/3, ...).

    Examples
    --------
    >>> simplest_between(Fraction(3333, 10000), Fraction(3334, 10000))
    Fraction(1, 3)
    """
    n = math.floor(lo)
    if n == lo or n + 1 <= hi:
        return Fraction(n if n == lo else n + 1)
    return n + 1 / simplest_between(1 / (hi - n), 1 / (lo - n))


def cells(game: Game, names: Sequence[str], axes: Sequence[int], index: np.ndarray,
          points: np.ndarray, pid: np.ndarray, keys: list[Key],
          solution: Callable[[int], Any]) -> list[Region]:
    """Connected 2-D cells of constant structure (4-neighbours); ``index`` holds the grid
    point at each position of the 2-D grid, both axes sorted by value."""
    from scipy import ndimage

    ids = pid[index]
    out = []
    for k in np.unique(ids):
        labels, n = ndimage.label(ids == k)
        for c in range(1, n + 1):
            mask = labels == c
            idx = np.sort(index[mask])
            vals = points[idx]
            bounds = tuple((float(vals[:, a].min()), float(vals[:, a].max())) for a in axes)
            rows, cols = np.nonzero(mask)
            box = bool(mask[rows.min():rows.max() + 1, cols.min():cols.max() + 1].all())
            rep = int(idx[len(idx) // 2])
            out.append(Region(tuple(names[a] for a in axes), bounds, keys[k],
                              key_text(game, keys[k]), idx, solution(rep),
                              tuple(float(points[rep, a]) for a in axes), box=box))
    out.sort(key=lambda r: (r.bounds[0][0], r.bounds[1][0]))
    return [dataclasses.replace(r, number=i + 1) for i, r in enumerate(out)]


def finish(game: Game, regions: list[Region]) -> list[Region]:
    """The regions with their final descriptions: each lists its equilibria in the order
    of its solution (when that has the region's structure), with its continua, and for
    trees the choices that tell them apart; regions whose words would coincide (equal
    paths, different choices off the path) also show the choices where they differ."""
    entries, groups = [], []
    for r in regions:
        found = solution_entries(game, r.solution)
        same = tuple(sorted(found)) == r.key
        entries.append(found if same else list(r.key))
        groups.append(continua(r.solution) if same else [])
    sets = [differing(game, e) for e in entries]
    texts = [describe(game, e, g, s) for e, g, s in zip(entries, groups, sets)]
    for text in set(texts):
        same = [i for i, t in enumerate(texts) if t == text]
        if len({regions[i].key for i in same}) > 1:
            extra = differing(game, [x for i in same for x in entries[i]])
            for i in same:
                texts[i] = describe(game, entries[i], groups[i], sets[i] | extra)
    return [dataclasses.replace(r, description=t, continuum=bool(g))
            for r, t, g in zip(regions, texts, groups)]


# ----------------------------------------------------------------- closed forms
def easy(game: Game) -> bool:
    """Small enough for closed forms to be tried unasked: a two-player normal form of at
    most :data:`EASY_SIZE` cells, or a perfect-information tree of at most that many
    nodes."""
    if game.is_tree:
        return game.num_nodes <= EASY_SIZE and game.has_perfect_information
    return game.num_players == 2 and game.shape[0] * game.shape[1] <= EASY_SIZE


def region_formulas(game: Game, parameter: str, regions: Sequence[Region],
                    strict: bool, method: str = "auto") -> list[list] | None:
    """Per region, its equilibria as closed forms in ``parameter`` (``game`` has only
    that parameter left): :func:`~gametheory.equilibrium_formulas` at the region's
    representative point (so in the order of its :attr:`~Region.representative`
    equilibria), or for a region of one value its equilibria solved there, exactly when
    the value is rational. None when some region has none (GameError if ``strict``).
    ``method`` is the solution concept (the sweep's method, see
    :func:`~gametheory.equilibrium_formulas`)."""
    from ..solvers import solve
    from .critical import _confirming
    from .formulas import equilibrium_formulas

    out = []
    for r in regions:
        try:
            if r.is_point:          # a single value: its equilibria, exactly
                if r.exact:
                    out.append(list(r.representative.equilibria))
                    continue
                at = r.ends[0]
                g = game.substitute(**{parameter: at})
                out.append(list(solve(g, method=_confirming(game, method),
                                      exact=isinstance(at, Fraction)).equilibria))
                continue
            at = r.point[0] if isinstance(r.point[0], Fraction) and \
                r.lo < r.point[0] < r.hi else midpoint(r.lo, r.hi)
            f = equilibrium_formulas(game, {parameter: at}, method=method)
            if game.is_tree and any(e.behavior is None for e in f.equilibria):
                raise GameError("the tree's closed forms are mixed strategies of its reduced "
                                "normal form, not behaviour (it lacks perfect information)")
            if len(f.equilibria) != len(r.key):
                raise GameError(f"{len(f.equilibria)} closed forms for the "
                                f"{len(r.key)} equilibria of the region")
        except (GameError, SolverError, ArithmeticError, ValueError, TypeError) as exc:
            if strict:
                raise GameError(f"no closed form for the region {r}: {exc}") from exc
            return None
        out.append(list(f.equilibria))
    return out


def equilibrium_lines(game: Game, region: Region, formulas: Sequence[Any] | None = None,
                      limit: int | None = None) -> list[dict[str, Any]]:
    """The equilibria of a region for printing, numbered as in its description.

    Each is ``{"number", "strategies", "payoffs"}``: the strategies in words (the
    choices on the path for trees; see :func:`gametheory.io.plots.equilibrium_label`
    for the style) and each player's payoff as text, closed forms in the parameter where
    ``formulas`` (the region's entry of :meth:`SweepResult.region_formulas`) give them,
    exact values at the representative point otherwise.
    """
    sol = region.representative
    eqs = list(sol.equilibria)
    forms = list(formulas) if formulas is not None and len(formulas) == len(eqs) else None
    off = sorted(differing(game, solution_entries(game, sol))) if is_tree(game) else []
    out = []
    for k, eq in enumerate(eqs[:limit]):
        f = forms[k] if forms is not None else None
        out.append({"number": k + 1,
                    "strategies": _strategy_text(game, eq, f, off),
                    "payoffs": {p: number_text(f.payoffs[i] if f is not None else v)
                                for i, (p, v) in enumerate(zip(eq.players, eq.payoffs))}})
    return out


def number_text(x: Any) -> str:
    """A value as text: exact (``2/5``, ``3*q - 2``), a float as the short fraction it is
    (to 1e-12) or to 6 digits.

    >>> import sympy
    >>> number_text(Fraction(2, 5)), number_text(0.1 + 0.2), number_text(2 ** 0.5)
    ('2/5', '3/10', '1.41421')
    """
    if isinstance(x, Fraction):
        return str(x)
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    if isinstance(x, (float, np.floating)):
        s = snap(float(x))
        return str(s) if isinstance(s, Fraction) else f"{float(x):.6g}"
    if getattr(x, "is_Rational", False):
        return str(Fraction(int(x.p), int(x.q)))
    if hasattr(x, "free_symbols"):
        import sympy

        return str(sympy.factor(x)) if x.free_symbols else str(x)
    return str(x)


def _strategy_text(game: Game, eq: Any, form: Any, off: Sequence[int] = ()) -> str:
    """Strategies in words: the support with probabilities (formulas where they move),
    or for a tree the choices at the information sets on the path, then those at the
    information sets ``off`` that the path does not reach."""
    def mix(labels, probs, forms):
        items = [(lab, p, forms[i] if forms is not None else p)
                 for i, (lab, p) in enumerate(zip(labels, probs)) if p > 0]
        if len(items) == 1:
            return str(items[0][0])
        return ", ".join(f"{lab} {number_text(f)}" for lab, _, f in items)

    if eq.behavior is None or eq.strategies:
        forms = form.strategies if form is not None and form.strategies else None
        return "; ".join(f"{p}: {mix(lab, s, forms[i] if forms else None)}"
                         for i, (p, lab, s) in enumerate(zip(eq.players, eq.labels,
                                                             eq.strategies)))
    from ..games._tree_compile import accumulate

    a = game.arrays
    fb = form.behavior if form is not None and form.behavior is not None else None
    edge = np.ones(len(a.parent))                   # reached decisions, chance aside
    for v in range(1, len(a.parent)):
        h = a.infoset[a.parent[v]]
        if a.player[a.parent[v]] >= 0:
            edge[v] = float(eq.behavior[a.infoset_labels[h]][a.infoset_actions[h][a.action[v]]])
    on_path = accumulate(a.parent, edge, "mul") > 0
    items, seen = [], set()
    for v in np.flatnonzero(on_path & (a.player >= 0)).tolist():    # in node order
        label = a.infoset_labels[a.infoset[v]]
        if label in seen:
            continue
        seen.add(label)
        d = eq.behavior[label]
        acts = list(d)
        fd = [fb[label][x] for x in acts] if fb is not None and label in fb else None
        items.append(f"{label}: {mix(acts, [d[x] for x in acts], fd)}")
    rest = []
    for h in off:
        label = a.infoset_labels[h]
        if label not in seen:
            d = eq.behavior[label]
            acts = list(d)
            fd = [fb[label][x] for x in acts] if fb is not None and label in fb else None
            rest.append(f"{label}: {mix(acts, [d[x] for x in acts], fd)}")
    return "; ".join(items) + (f" (off the path: {'; '.join(rest)})" if rest else "")


def region_record(game: Game, region: Region, formulas: Sequence[Any] | None = None
                  ) -> dict[str, Any]:
    """A region as plain data (JSON): numbers as exact text (``"2/5"``, ``"3*q - 2"``).

    Keys: ``parameters``, ``region`` (its text), for one parameter ``lo``, ``hi``,
    ``closed`` ([lower, upper]), ``point``; for two, ``bounds`` ({name: [lo, hi]}),
    ``number`` and ``box``; then ``exact``, ``grid_points``, ``structure``,
    ``continuum``, ``condition``, ``note`` and ``equilibria`` (numbered as in the
    structure; see :func:`equilibrium_lines`).

    Examples
    --------
    >>> import gametheory as gt
    >>> r = gt.parameters("r")
    >>> g = gt.NormalFormGame.from_arrays([[r, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> sw = gt.sweep(g, {"r": [-2.0, 2.0]})
    >>> rec = region_record(g, sw.regions()[2], sw.region_formulas()[2])
    >>> rec["region"], rec["lo"], rec["closed"], rec["point"]
    ('r in (0, 2]', '0', [False, True], '1')
    >>> print(rec["equilibria"][1]["strategies"])
    Player 1: a1 1/2, a2 1/2; Player 2: b1 1/(r + 1), b2 r/(r + 1)
    """
    out: dict[str, Any] = {"parameters": list(region.names), "region": region.span_text()}
    if len(region.names) == 1:
        lo, hi = region.ends
        out.update(lo=_end_record(lo), hi=_end_record(hi), closed=list(region.closed),
                   point=_end_record(region.point[0]) if region.point else None)
    else:
        out.update(bounds={n: [_grid_text(a), _grid_text(b)]
                           for n, (a, b) in zip(region.names, region.bounds)},
                   number=region.number, box=region.box,
                   point={n: _grid_text(v) for n, v in zip(region.names, region.point)})
    out.update(exact=region.exact, grid_points=int(len(region.indices)),
               structure=region.description, continuum=region.continuum,
               condition=region.condition, note=region.note or None,
               equilibria=equilibrium_lines(game, region, formulas))
    return out


def _end_record(x: Any) -> str:
    """A region end or point as exact text: ``"1/7"``, ``"3 - 2*sqrt(15)/5"``, or the
    float's 17 digits when it is no short fraction."""
    if isinstance(x, Fraction) or getattr(x, "is_Rational", False) or \
            hasattr(x, "free_symbols"):
        return number_text(x)
    s = snap(float(x))
    return str(s) if isinstance(s, Fraction) else repr(float(x))
