"""Regions of constant equilibrium structure in a sweep, and their refined boundaries.

The structure at a point is the number of equilibria and, for each, its supports (normal
form) or its equilibrium path: the set of terminal nodes reached with positive
probability (trees). In one dimension a region is a maximal run of grid points with the
same structure; each boundary between two runs is refined by bisection, re-solving all
the boundaries' midpoints together in one batch per step. In two dimensions a region is
a connected set of grid cells (4-neighbours) with the same structure.
"""

from __future__ import annotations

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

__all__ = ["Region", "point_keys", "key_text", "intervals", "cells", "reach", "snap",
           "midpoint", "easy", "region_formulas", "SUPPORT_TOL", "BISECTION_TOL", "EASY_SIZE"]

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
    """A maximal set of grid points on which the equilibrium structure is constant.

    Attributes
    ----------
    names : tuple of str
        The swept parameters (one for an interval, two for a cell).
    bounds : tuple of (float, float)
        ``(lo, hi)`` per name. For an interval the inner ends are the refined boundary
        values: bisected to a bracket at most 1e-12 wide, of which the simplest rational
        is reported; the outer ends are the grid's ends. For a
        2-D cell they are the extreme grid values inside the cell.
    key : tuple
        The structure: one entry per equilibrium (supports as strategy indices per
        player, or the reached terminal nodes), sorted.
    description : str
        The structure in words.
    indices : ndarray of int
        The grid points in the region; empty for a 1-D region that lies between two
        grid points (found while refining their boundary).
    solution : Solution
        The equilibria at the middle grid point of the region, else at the middle point
        found inside it.
    point : tuple
        The representative point of the region, one value per name: the middle grid
        point, or for a 1-D region between two grid points the simple rational
        :func:`midpoint` of its :attr:`ends` (the refined ends of a region of one value).
    representative : Solution
        The equilibria at :attr:`point` (computed when first asked for a region off the
        grid, exactly where the values are rational; else :attr:`solution`).

    References
    ----------
    Burden, R. L. & Faires, J. D. (2011). *Numerical Analysis*, 9th ed., sec. 2.1 (the
    bisection method).

    Examples
    --------
    >>> import gametheory as gt
    >>> q = gt.parameters("q")
    >>> g = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> low, high = gt.sweep(g, {"q": [-0.5, 0.25, 1.0]}).regions()
    >>> low.hi, high.lo, high.description
    (0.0, 0.0, '3 equilibria: a1 | b1; a1, a2 | b1, b2; a2 | b2')
    >>> high.point, high.representative is high.solution
    ((1.0,), True)
    """

    names: tuple[str, ...]
    bounds: tuple[tuple[float, float], ...]
    key: Key
    description: str
    indices: np.ndarray
    solution: Any
    point: tuple = ()
    _solve_point: Callable[[], Any] | None = field(default=None, repr=False, compare=False)

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
    def ends(self) -> tuple[Fraction | float, Fraction | float]:
        """``(lo, hi)`` of a 1-D region, each a Fraction when a fraction of denominator
        at most 1000 is within 1e-12 of it (see :func:`snap`), else the float."""
        return snap(self.lo), snap(self.hi)

    @property
    def is_point(self) -> bool:
        """True for a 1-D region of one value (its :attr:`ends` agree)."""
        lo, hi = self.ends
        return lo == hi

    def __str__(self) -> str:
        parts = []
        for n, (lo, hi) in zip(self.names, self.bounds, strict=True):
            if len(self.names) == 1 and hi - lo <= 1e-9:
                parts.append(f"{n} = {_number(lo)} (a single point)")
            else:
                parts.append(f"{n} in [{_number(lo)}, {_number(hi)}]")
        return f"{', '.join(parts)}: {self.description}"

    def __repr__(self) -> str:
        return f"<Region {self}>"


def _number(x: float) -> str:
    """A boundary as a small fraction when it is one to 1e-11 (1/7), else 12 digits.

    >>> _number(1 / 7), _number(0.25), _number(2 ** 0.5)
    ('1/7', '1/4', '1.41421356237')
    """
    from fractions import Fraction

    f = Fraction(x).limit_denominator(1000)
    if abs(f - Fraction(x)) <= 1e-11:
        return str(f)
    return f"{x:.12g}"


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
    if not is_tree(game):
        return batch.profile > SUPPORT_TOL
    out = np.zeros((len(batch.point), len(game.arrays.terminals)), dtype=bool)
    step = 1 << 15
    for lo in range(0, len(batch.point), step):
        rows = np.arange(lo, min(lo + step, len(batch.point)))
        out[rows] = reach(game, batch, chance, rows) > SUPPORT_TOL
    return out


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
        return tuple(int(t) for t in np.flatnonzero(bits))
    out, start = [], 0
    for n in game.shape:
        out.append(tuple(int(k) for k in np.flatnonzero(bits[start:start + n])))
        start += n
    return tuple(out)


def key_text(game: Game, key: Key) -> str:
    """The structure key in words, e.g. ``"2 equilibria: a1 | b2; a2 | b1"``."""
    n = len(key)
    if n == 0:
        return "no equilibrium"
    head = f"{n} equilibri{'um' if n == 1 else 'a'}: "
    if is_tree(game):
        names = [game.path(int(t)) for t in game.arrays.terminals]
        parts = ["path " + (", ".join(names[t] for t in k) if k else "(none)") for k in key]
    else:
        parts = [" | ".join(", ".join(game.strategies[p][i] for i in sup)
                            for p, sup in enumerate(k)) for k in key]
    return head + "; ".join(parts)


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
            idx = np.sort(index[labels == c])
            vals = points[idx]
            bounds = tuple((float(vals[:, a].min()), float(vals[:, a].max())) for a in axes)
            rep = int(idx[len(idx) // 2])
            out.append(Region(tuple(names[a] for a in axes), bounds, keys[k],
                              key_text(game, keys[k]), idx, solution(rep),
                              tuple(float(points[rep, a]) for a in axes)))
    out.sort(key=lambda r: (r.bounds[0][0], r.bounds[1][0]))
    return out


# ----------------------------------------------------------------- closed forms
def easy(game: Game) -> bool:
    """Small enough for closed forms to be tried unasked: a two-player normal form of at
    most :data:`EASY_SIZE` cells, or a perfect-information tree of at most that many
    nodes."""
    if game.is_tree:
        return game.num_nodes <= EASY_SIZE and game.has_perfect_information
    return game.num_players == 2 and game.shape[0] * game.shape[1] <= EASY_SIZE


def region_formulas(game: Game, parameter: str, regions: Sequence[Region],
                    strict: bool) -> list[list] | None:
    """Per region, its equilibria as closed forms in ``parameter`` (``game`` has only
    that parameter left): :func:`~gametheory.equilibrium_formulas` at the region's
    midpoint, or for a region of one value its equilibria solved there, exactly when the
    value is rational. None when some region has none (GameError if ``strict``)."""
    from ..solvers import solve
    from .formulas import equilibrium_formulas

    out = []
    for r in regions:
        try:
            if r.is_point:          # a single value: its equilibria, exactly
                at = r.ends[0]
                g = game.substitute(**{parameter: at})
                out.append(list(solve(g, method="spe" if g.is_tree else "auto",
                                      exact=isinstance(at, Fraction)).equilibria))
                continue
            f = equilibrium_formulas(game, {parameter: midpoint(r.lo, r.hi)})
            if game.is_tree and any(e.behavior is None for e in f.equilibria):
                raise GameError("the tree's closed forms are mixed strategies of its reduced "
                                "normal form, not behaviour (it lacks perfect information)")
            if len(f.equilibria) != len(r.key):
                raise GameError(f"the closed forms of the region {r} do not match its "
                                f"{len(r.key)} equilibria")
        except (GameError, SolverError, ArithmeticError, ValueError, TypeError) as exc:
            if strict:
                raise GameError(f"no closed form for the region {r}: {exc}") from exc
            return None
        out.append(list(f.equilibria))
    return out
