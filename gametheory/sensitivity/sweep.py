"""Parameter sweeps: the equilibria of a parametric game over a grid of parameter values.

:func:`sweep` solves every point of a grid (or of a table of points) and returns a
:class:`SweepResult`, which keeps the equilibria as flat arrays
(:class:`~gametheory.solvers.batch.BatchEquilibria`) and builds
:class:`~gametheory.Solution` objects, regions, branches and tables on demand.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError, SolverError
from ..solvers.batch import BatchEquilibria
from ._branches import DEFAULT_JUMP, track_branches
from ._regions import (
    Region,
    cells,
    easy,
    exact_intervals,
    finish,
    intervals,
    key_text,
    point_keys,
    reach,
    region_formulas,
    tidy_intervals,
)
from ._sweep_solve import (
    Chunk,
    Grid,
    as_float,
    chance_at,
    grid_points,
    is_tree,
    per_point,
    solve_chunk,
    substituted,
    table_points,
    vectorised,
)

if TYPE_CHECKING:
    from ..games.protocol import Game
    from ..solvers.result import Solution

__all__ = ["sweep", "SweepResult"]

#: With ``regions(exact="auto")``, normal forms of at most this many cells (the product
#: of the strategy counts, any number of players) and trees of at most this many nodes
#: (any information structure) are offered to the exact critical values; two-player
#: normal forms also need at most :data:`EXACT_PAIRS` support pairs of equal size
#: (``comb(m + n, m) - 1``: 251 for 5 x 5, 923 for 6 x 6, whose exact critical values
#: took about 2 minutes against 6 s for the bisected regions on this 2-core machine;
#: 5 x 5 took 13 s against 6 s). A size bound only: it does not bound their time (a
#: tree's simultaneous subgames, an N-player form's polynomial systems can take long
#: below it, and critical_values refuses some such games, which then bisect);
#: ``exact=True`` asks for bigger games all the same.
EXACT_CELLS, EXACT_NODES, EXACT_PAIRS = 64, 1000, 300
#: Without an explicit ``progress``, a per-point run shows a progress bar from this size.
PROGRESS_POINTS = 2000


def sweep(game: Game, grid: Mapping[str, Any] | None = None,
          method: str | Callable[..., Solution] = "auto",
          executor: Executor | None = None, progress: bool | None = None,
          chunk_size: int | None = None, *, points: Any = None,
          **options: Any) -> SweepResult:
    """The equilibria of a parametric game at every point of a grid or of a table.

    ``grid`` (a dict of axes) is always a cartesian product; ``points`` (keyword only) is
    always a table whose rows are the points. Give exactly one of them.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        A game whose payoffs (and chance probabilities) depend on parameters.
    grid : dict
        ``{parameter name: 1-d values}``; the points are the cartesian product, the
        first name varying slowest. Parameters left out take their declared default
        (:class:`gametheory.Parameter`). Any number of parameters may vary; the points
        are solved all the same, but :meth:`SweepResult.regions` (and the tables and
        figures built on it) need one or two of them varying.
    points : pandas.DataFrame or dict, optional
        A table of points instead of a grid: a DataFrame with one column per parameter
        (pandas is optional and only needed to pass one), or a dict ``{parameter name:
        1-d values}`` whose arrays all have the same length; row ``k`` is point ``k``
        (not a cartesian product), e.g. quasi-random samples from
        :mod:`scipy.stats.qmc`. Parameters left out take their defaults, as with a grid.
        The result has one point per row; :meth:`SweepResult.regions` works on a table
        whose points vary a single parameter and is a GameError when they vary several
        (regions need a grid).
    method : str or callable
        ``"auto"``: vectorised engines where they apply (batched support enumeration for
        two-player normal-form games, batched backward induction for perfect-information
        trees, with degenerate points and ties solved one by one by a complete method),
        else ``gt.solve(method="auto")`` at each point. Any other method of
        :func:`gametheory.solve` runs at each point, and so does a callable
        ``f(game, exact=False, **options) -> Solution`` (as :func:`gametheory.solve`
        takes one): it is called with each point's substituted game, and with
        ``exact=True`` where regions refine a boundary (it may raise GameError or
        SolverError there; the point is then solved in floats). With a process pool
        executor the callable is pickled, so it must be a module-level function (not a
        lambda or a nested function); a SolverError says so otherwise.
    executor : concurrent.futures.Executor, optional
        Solve the grid in chunks on this executor (a process pool, or a dask cluster's
        ``client.get_executor()``): each task receives the game and its chunk's values.
    progress : bool, optional
        Show a tqdm progress bar (default: when the points are solved one by one and
        there are at least 2000 of them).
    chunk_size : int, optional
        Points per chunk (default: in-process, as many as fit about 2^22 payoff entries;
        with an executor, about 16 chunks of at most that size).
    **options
        Passed to the solver (e.g. ``tol``).

    Returns
    -------
    SweepResult

    Raises
    ------
    GameError
        For both or neither of ``grid`` and ``points``, an empty grid or table, an
        unknown name, a non-finite value (NaN), a value outside a parameter's domain,
        table columns of unequal lengths, or a free parameter with neither values nor a
        default.

    References
    ----------
    von Stengel, B. (2002). Computing equilibria for two-person games. In R. J. Aumann &
    S. Hart (eds.), *Handbook of Game Theory*, vol. 3, ch. 45, 1723-1759 (support
    enumeration, sec. 3). Selten, R. (1975). Reexamination of the perfectness concept
    for equilibrium points in extensive games. *International Journal of Game Theory*
    4, 25-55 (backward induction).

    Examples
    --------
    Hawk-Dove with prize ``v`` and cost 1 (Maynard Smith 1982): for v < 1 two pure
    equilibria and a mixed one; for v > 1 only (H, H); at v = 1 a continuum. The regions
    are exact (the critical value 1 and the intervals on either side), however the grid
    falls.

    >>> import numpy as np, gametheory as gt
    >>> v = gt.parameters("v")
    >>> g = gt.NormalFormGame.from_arrays([[(v - 1) / 2, v], [0, v / 2]],
    ...                                   [[(v - 1) / 2, 0], [v, v / 2]],
    ...                                   strategies=[["H", "D"], ["H", "D"]])
    >>> sw = gt.sweep(g, {"v": [0.25, 0.75, 1.25, 1.75]})
    >>> len(sw), sw.counts.tolist()
    (4, [3, 3, 1, 1])
    >>> for r in sw.regions("v"):
    ...     print(r)
    v in [1/4, 1): 3 equilibria: H | D; H, D | H, D; D | H
    v = 1: 3 equilibria (a continuum through 1, 2, 3): H | H; H | D; D | H
    v in (1, 7/4]: 1 equilibrium: H | H
    >>> print(sw.solution(1).equilibria[1])
    Player 1: H 0.75, D 0.25; Player 2: H 0.75, D 0.25; payoffs 0.09375, 0.09375

    A table of points: the prize ``v`` and the cost ``c`` both vary, at 16 Sobol points
    scaled to their declared domains (a pandas DataFrame with columns ``v`` and ``c``
    serves as well). There is one equilibrium exactly where v > c.

    >>> from scipy.stats import qmc
    >>> v, c = gt.parameters("v c")
    >>> g = gt.NormalFormGame.from_arrays([[(v - c) / 2, v], [0, v / 2]],
    ...                                   [[(v - c) / 2, 0], [v, v / 2]])
    >>> g = g.describe(gt.Parameter("v", domain=(0, 4)), gt.Parameter("c", domain=(1, 5)))
    >>> x = qmc.scale(qmc.Sobol(d=2, seed=1).random(16), [0, 1], [4, 5])
    >>> sw = gt.sweep(g, points={"v": x[:, 0], "c": x[:, 1]})
    >>> len(sw), sw.shape
    (16, (16,))
    >>> bool(np.all((sw.counts == 1) == (sw.values("v") > sw.values("c"))))
    True
    """
    from ..solvers import METHODS
    from .critical import require_form

    require_form(game, "sweeps")
    if callable(method):
        _check_picklable(method, executor)
    elif method != "auto" and method not in METHODS:
        raise SolverError(f"unknown method {method!r}; available: "
                          f"{', '.join(['auto', *METHODS])}")
    if (grid is None) == (points is None):
        raise GameError("give the points as grid= (a dict of axes: their cartesian "
                        "product) or as points= (a table: a DataFrame or a dict of "
                        "equal-length arrays), not " + ("both" if grid is not None
                                                          else "neither"))
    g = grid_points(game, grid) if points is None else table_points(game, points)
    B = len(g.points)
    if progress is None:
        show = vectorised(game, method, options) is None and B >= PROGRESS_POINTS
    else:
        show = bool(progress)
    if chunk_size is not None and (not isinstance(chunk_size, (int, np.integer))
                                   or isinstance(chunk_size, bool) or chunk_size < 1):
        raise GameError(f"chunk_size must be a positive integer; got {chunk_size!r}")
    if executor is None and chunk_size is None and B <= _points_in_memory(game):
        chunk = solve_chunk(game, g.names, g.points, g.fixed, method, options, show)
        return SweepResult(game, g, _sorted(chunk.batch), chunk.methods, method, options)
    if chunk_size is not None:
        size = int(chunk_size)
    elif executor is None:
        size = _points_in_memory(game)
    else:
        size = max(1, min(math.ceil(B / 16), _points_in_memory(game)))
    blocks = [g.points[lo:lo + size] for lo in range(0, B, size)]
    if executor is None:
        parts = [solve_chunk(game, g.names, b, g.fixed, method, options, False)
                 for b in _progress(blocks, show)]
    else:
        futures = [executor.submit(solve_chunk, game, g.names, b, g.fixed, method, options)
                   for b in blocks]
        parts = _gather(futures, show)
    batch = BatchEquilibria.concatenate([p.batch for p in parts])
    methods = tuple(dict.fromkeys(m for p in parts for m in p.methods))
    return SweepResult(game, g, _sorted(batch), methods, method, options)


def _check_picklable(method: Callable[..., Any], executor: Executor | None) -> None:
    """SolverError if a process pool would have to pickle ``method`` and cannot."""
    if executor is None or type(executor).__name__ != "ProcessPoolExecutor":
        return
    import pickle

    try:
        pickle.dumps(method)
    except (pickle.PicklingError, AttributeError, TypeError) as err:
        name = getattr(method, "__qualname__", repr(method))
        raise SolverError(f"method={name} cannot be sent to a process pool: it cannot be "
                          f"pickled ({err}); use a module-level function, or sweep without "
                          f"the executor") from None


def _method_name(method: str | Callable[..., Any]) -> str:
    return method if isinstance(method, str) else getattr(method, "__name__", repr(method))


def _call(method: Any, game: Game, exact: bool, options: Mapping[str, Any]) -> Any:
    """Solve ``game`` by ``method`` (a name or a callable), exactly if ``exact``."""
    from ..solvers import solve

    if callable(method):
        return method(game, exact=exact, **options)
    return solve(game, method=method, exact=exact, **options)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _points_in_memory(game: Game) -> int:
    """Points solved together in-process: about 2^22 payoff entries at a time."""
    if is_tree(game):
        a = game.arrays
        per_point = a.payoffs.size + 2 * len(a.parent)
    else:
        per_point = int(np.prod(game.payoffs.shape))
    return max(1024, (1 << 22) // max(per_point, 1))


def _sorted(b: BatchEquilibria) -> BatchEquilibria:
    """Rows sorted within each point as :class:`~gametheory.Solution` sorts equilibria
    (by decreasing probabilities), so that every engine lists them alike."""
    multi = np.flatnonzero(b.counts[b.point] > 1)     # rows at points with several
    if not multi.size:
        return b
    P = np.round(b.profile[multi], 9)
    sub = np.lexsort([-P[:, j] for j in range(P.shape[1] - 1, -1, -1)] + [b.point[multi]])
    order = np.arange(len(b.point))
    order[multi] = multi[sub]
    return BatchEquilibria(b.num_points, b.point[order], b.profile[order], b.payoffs[order],
                           b.complete)


def _progress(blocks: list, show: bool):
    if not show:
        return blocks
    from tqdm.auto import tqdm

    return tqdm(blocks, desc="sweep", unit="chunk")


def _gather(futures: list, show: bool) -> list[Chunk]:
    if not show:
        return [f.result() for f in futures]
    from concurrent.futures import as_completed

    from tqdm.auto import tqdm

    for _ in tqdm(as_completed(futures), total=len(futures), desc="sweep", unit="chunk"):
        pass
    return [f.result() for f in futures]


@dataclass(frozen=True, eq=False)
class SweepResult:
    """The equilibria of a parametric game over a grid or a table (see :func:`sweep`).

    Attributes
    ----------
    game : NormalFormGame or ExtensiveFormGame
        The parametric game.
    grid : Grid
        Swept names, their axes, the points ``(len, d)`` and the parameters fixed at
        their defaults; ``grid.table`` is True for a table of points (each axis then
        holds the distinct values of its parameter).
    batch : BatchEquilibria
        The equilibria as flat arrays, one row per point and equilibrium.
    methods : tuple of str
        The solver methods that ran.

    References
    ----------
    Kuhn, H. W. (1953). Extensive games and the problem of information. In
    *Contributions to the Theory of Games II*, 193-216 (behaviour strategies, the rows
    of a tree's sweep).

    Examples
    --------
    >>> import numpy as np, gametheory as gt
    >>> q = gt.parameters("q")
    >>> g = gt.NormalFormGame.from_arrays([[1, 0], [0, q]], [[0, 1], [1, 0]])
    >>> sw = gt.sweep(g, {"q": [1.0, 3.0]})
    >>> print(sw.solution(1).equilibria[0])
    Player 1: a1 0.5, a2 0.5; Player 2: b1 0.75, b2 0.25; payoffs 0.75, 0.5
    """

    game: Game
    grid: Grid
    batch: BatchEquilibria
    methods: tuple[str, ...]
    method: str | Callable[..., Solution] = "auto"
    options: Mapping[str, Any] = field(default_factory=dict, repr=False)
    _cache: dict = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------- points
    def __len__(self) -> int:
        return self.batch.num_points

    @property
    def names(self) -> tuple[str, ...]:
        """The swept parameter names, in grid order."""
        return self.grid.names

    @property
    def table(self) -> bool:
        """True when the points are a table's rows rather than a cartesian grid."""
        return self.grid.table

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of values of each swept parameter; ``(len(self),)`` for a table."""
        if self.grid.table:
            return (len(self.grid.points),)
        return tuple(len(a) for a in self.grid.axes)

    @property
    def points(self) -> np.ndarray:
        """The points (grid or table rows), shape ``(len(self), len(self.names))``."""
        return self.grid.points

    def values(self, name: str) -> np.ndarray:
        """The value of parameter ``name`` at every point (defaults broadcast)."""
        if name in self.grid.names:
            return self.grid.points[:, self.grid.names.index(name)]
        if name in self.grid.fixed:
            return np.full(len(self), as_float(self.grid.fixed[name]))
        raise GameError(f"unknown parameter {name!r}; swept: {', '.join(self.names)}")

    @property
    def counts(self) -> np.ndarray:
        """Number of equilibria at each point."""
        return self.batch.counts

    @property
    def complete(self) -> np.ndarray:
        """True where all equilibria of the point are guaranteed found."""
        return self.batch.complete

    def _index(self, k: int) -> int:
        n = len(self)
        if not isinstance(k, (int, np.integer)) or not -n <= k < n:
            raise IndexError(f"point {k!r} out of range for a sweep of {n} points")
        return int(k) % n

    def game_at(self, k: int) -> Any:
        """The game with the parameters of point ``k`` substituted."""
        return substituted(self.game, self.names, self.points[self._index(k)],
                           self.grid.fixed)

    def solution(self, k: int) -> Any:
        """The :class:`~gametheory.Solution` at point ``k``, built on demand."""
        from ..solvers.result import build_solution, build_tree_solution

        k = self._index(k)
        g = self.game_at(k)
        rows = self.batch.rows(k)
        method = "/".join(self.methods) or _method_name(self.method)
        complete = bool(self.batch.complete[k])
        if is_tree(self.game):
            behaviors = [self._behavior(r) for r in rows]
            return build_tree_solution(g, behaviors, method, complete, False,
                                       payoffs=self.batch.payoffs[rows])
        cuts = np.cumsum(self.game.shape)[:-1]
        profiles = [np.split(self.batch.profile[r], cuts) for r in rows]
        return build_solution(g, profiles, method, complete, False,
                              tol=self.options.get("tol"))

    def _behavior(self, r: int) -> dict[str, dict[str, float]]:
        a = self.game.arrays
        row, out, start = self.batch.profile[r], {}, 0
        for label, acts in zip(a.infoset_labels, a.infoset_actions):
            out[label] = {act: float(p) for act, p in zip(acts, row[start:start + len(acts)])}
            start += len(acts)
        return out

    # ------------------------------------------------------------- structure
    def structure_ids(self) -> tuple[np.ndarray, list]:
        """The structure of every point: an id per point and the key of each id.

        A key has one entry per equilibrium, sorted: the supports per player (normal
        form), or the reached terminal nodes and the support of the behaviour at every
        information set (trees). :func:`~gametheory.sensitivity._regions.key_text` words
        it. Computed once per sweep.

        Examples
        --------
        >>> import gametheory as gt
        >>> q = gt.parameters("q")
        >>> g = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]])
        >>> pid, keys = gt.sweep(g, {"q": [-1.0, 1.0, 2.0]}).structure_ids()
        >>> pid.tolist(), keys[pid[0]]
        ([0, 1, 1], (((1,), (1,)),))
        """
        if "keys" not in self._cache:
            self._cache["keys"] = point_keys(self.game, self.batch, self._chance)
        return self._cache["keys"]

    #: The former name of :meth:`structure_ids`.
    _keys = structure_ids

    def structure(self, k: int) -> str:
        """The equilibrium structure at point ``k`` in words."""
        pid, keys = self.structure_ids()
        return key_text(self.game, keys[pid[self._index(k)]])

    def regions(self, *names: str, exact: bool | str = "auto",
                conditions: bool | str = False) -> list[Region]:
        """Regions of constant equilibrium structure.

        The structure is the number of equilibria and, for each, its supports (normal
        form) or its path and the support of its behaviour at every information set
        (trees), with any continuum of equilibria flagged.

        With one varying parameter, where the exact critical values can be computed
        (:func:`gametheory.critical_values` for the sweep's method, which the registry's
        candidate sources decide: payoffs rational in the parameter; two-player normal
        forms, small N-player ones, trees with perfect information or, under subgame
        perfection, with imperfect information and perfect recall; with
        ``exact="auto"`` only games of at most :data:`EXACT_CELLS` cells or
        :data:`EXACT_NODES` nodes and two-player games of at most :data:`EXACT_PAIRS`
        support pairs, a size bound that does not bound the time), the
        regions are exactly the open intervals between consecutive
        critical values and the critical values themselves, each solved exactly at a
        simple rational inside it (or at the value), whether or not the grid hits it; the
        grid's ends close their intervals (or are points of their own where the
        structure differs there). Otherwise the boundaries between runs of grid points
        are bisected to 1e-12 (re-solving all boundaries together at each step, exactly
        where the payoffs are rational); a structure the grid missed between two
        regions is found in the gap; thin regions are solved exactly at their midpoint
        and merged where that shows them to be artefacts of a tolerance; and a boundary
        that is a short fraction is solved there, closing the side it belongs to or
        becoming a point region.

        With two varying parameters: the connected cells of the grid (4-neighbours) of
        one structure, numbered; they are sets of grid points, not boxes. A table of
        points (:func:`sweep` with ``points=``) has regions when its points vary one
        parameter (the intervals above, the points sorted); points varying several are
        a GameError, since the cells need a grid.

        Parameters
        ----------
        *names : str
            The varying parameters of the grid (default: all of them).
        exact : bool or "auto"
            One varying parameter only: ``"auto"`` uses the critical values where they
            can be computed and bisection otherwise; False always bisects; True insists
            (GameError when the critical values cannot be had).
        conditions : bool or "auto"
            Two varying parameters only: each cell's :attr:`~Region.condition` is the
            condition of the region of :func:`gametheory.equilibrium_map` over the two
            parameters (computed once per sweep; the others at their values in the
            sweep) that holds at the cell's representative point and at its boundary
            grid points (those with a 4-neighbour outside the cell, or on the grid's
            edge), exactly at their decimals, and has the structure of an exact solve at
            the representative; where none does the condition stays None and the note
            says so. ``"auto"``: for games small enough for closed forms (as
            :meth:`region_formulas`: two-player normal forms of at most 64 cells,
            perfect-information trees of at most 64 nodes); True insists (GameError when
            the map cannot be made); False (the default) never: the map costs about a
            second on small games (Ukraine in (q, r) 1.6 s, Hawk-Dove in (V, C) 1.0 s,
            against 0.1 s for the cells).

        Returns
        -------
        list of Region
            Sorted by position. Computed once per sweep (and per ``exact``).

        Examples
        --------
        Hawk-Dove with prize 2 and cost ``C`` (Maynard Smith 1982): Hawk dominates for
        C < 2; for C > 2 two pure equilibria and the mixed one, Hawk with probability
        2/C. No grid point falls on C = 2.

        >>> import numpy as np, gametheory as gt
        >>> C = gt.parameters("C")
        >>> g = gt.NormalFormGame.from_arrays([[(2 - C) / 2, 2], [0, 1]],
        ...                                   [[(2 - C) / 2, 0], [2, 1]],
        ...                                   strategies=[["H", "D"], ["H", "D"]])
        >>> sw = gt.sweep(g, {"C": np.linspace(1, 4, 10)})
        >>> for r in sw.regions():
        ...     print(r)
        C in [1, 2): 1 equilibrium: H | H
        C = 2: 3 equilibria (a continuum through 1, 2, 3): H | H; H | D; D | H
        C in (2, 4]: 3 equilibria: H | D; H, D | H, D; D | H
        """
        varying = [n for n, a in zip(self.names, self.grid.axes) if len(a) > 1]
        names = names or tuple(varying) or self.names[:1]
        unknown = [n for n in names if n not in self.names]
        if unknown:
            raise GameError(f"{unknown[0]!r} is not swept; the grid's parameters are "
                            f"{', '.join(self.names)}")
        if exact not in (True, False, "auto"):
            raise GameError(f"exact must be True, False or 'auto'; got {exact!r}")
        if conditions not in (True, False, "auto"):
            raise GameError(f"conditions must be True, False or 'auto'; got {conditions!r}")
        if self.grid.table and len(varying) > 1:
            raise GameError(f"regions need a grid: these {len(self)} points are a table "
                            f"varying {len(varying)} parameters ({', '.join(varying)}); sweep "
                            f"a dict of grids (grid=, cartesian) for regions, or read the "
                            f"points with counts, structure(k) and solution(k)")
        if len(varying) > 2:
            raise GameError(f"regions exist for one or two varying parameters; this grid "
                            f"varies {len(varying)} ({', '.join(varying)}): sweep all but two "
                            f"of them at a single value each, or read the points with "
                            f"counts and solution(k)")
        if set(varying) - set(names) or len(names) > 2:
            raise GameError(f"regions need every varying parameter of the grid "
                            f"({', '.join(varying)}); got {', '.join(names)}")
        cache_key = ("regions", tuple(names),
                     exact if len(names) == 1 else conditions is not False and
                     (conditions is True or easy(self.game)))
        if cache_key not in self._cache:
            axes = [self.names.index(n) for n in names]
            if len(axes) == 1:
                out = self._intervals(names[0], exact)
            else:
                pid, keys = self.structure_ids()
                index = np.arange(len(self)).reshape(self.shape)
                index = index.reshape([self.shape[a] for a in axes] if axes[0] < axes[1]
                                      else [self.shape[a] for a in axes[::-1]])
                if axes[0] > axes[1]:
                    index = index.T
                for dim, a in enumerate(axes):
                    index = np.take(index, np.argsort(self.grid.axes[a], kind="stable"),
                                    axis=dim)
                out = cells(self.game, self.names, axes, index, self.points, pid, keys,
                            self.solution)
                if cache_key[2]:
                    out = self._cell_conditions(tuple(names), index, out,
                                                conditions is True)
            self._cache[cache_key] = finish(self.game, out)
        return list(self._cache[cache_key])

    def equilibrium_map(self, *names: str) -> Any:
        """:func:`gametheory.equilibrium_map` of the game over two swept parameters
        (default: the varying ones), the others at their values in the sweep (as
        decimals), by the sweep's method (``"auto"`` for a callable); computed once."""
        from .equilibrium_map import equilibrium_map

        names = names or tuple(n for n, a in zip(self.names, self.grid.axes) if len(a) > 1)
        key = ("map", tuple(names))
        if key not in self._cache:
            fixed = dict(self.grid.fixed)
            for j, n in enumerate(self.names):
                if n not in names:
                    fixed[n] = self.points[0, j]
            fixed = {k: Fraction(str(v)) if isinstance(v, float) else v
                     for k, v in fixed.items()}
            method = self.method if isinstance(self.method, str) else "auto"
            try:
                self._cache[key] = equilibrium_map(self.game, list(names), method=method,
                                                   **fixed)
            except (GameError, SolverError, NotImplementedError) as exc:
                self._cache[key] = exc
        found = self._cache[key]
        if isinstance(found, Exception):
            raise found
        return found

    def _cell_conditions(self, names: tuple, index: np.ndarray, out: list[Region],
                         force: bool) -> list[Region]:
        """The cells with the conditions of the equilibrium map's regions (see
        :meth:`regions`, ``conditions``)."""
        from scipy import ndimage

        from .critical import _confirming, structure_key

        try:
            emap = self.equilibrium_map(*names)
        except (GameError, SolverError, NotImplementedError) as exc:
            if force:
                raise GameError(f"no conditions for the cells: {exc}") from exc
            return out
        axes = [self.names.index(n) for n in names]
        fixed = {k: v for k, v in self._other_values(names[0]).items() if k not in names}
        game = self.game.substitute(**fixed) if fixed else self.game
        try:
            method = _confirming(game, self.method)
        except SolverError:
            method = self.method
        seen: dict = {}

        def decimal(j: int) -> dict:
            return {n: Fraction(str(float(self.points[j, a]))) for n, a in zip(names, axes)}

        result = []
        for cell in out:
            mask = np.isin(index, cell.indices)
            inner = ndimage.binary_erosion(mask, border_value=0)
            edge = [int(j) for j in index[mask & ~inner]]
            rep = {n: Fraction(str(float(v))) for n, v in zip(names, cell.point)}
            region = emap.region_at(**rep)
            ok = region is not None and all(region.holds(**decimal(j)) for j in edge)
            if ok:
                at = tuple(rep.values())
                if at not in seen:
                    sol = _call(method, game.substitute(**rep), True, self.options)
                    seen[at] = structure_key(sol)
                ok = seen[at] == region.structure
            if ok:
                result.append(dataclasses.replace(cell, condition=region.text))
            else:
                note = "; ".join(x for x in (cell.note, "no region of the equilibrium map "
                                             "holds on it with its structure") if x)
                result.append(dataclasses.replace(cell, note=note))
        return result

    def _intervals(self, name: str, exact: bool | str) -> list[Region]:
        """The 1-D regions along ``name``: exact from the critical values where they can
        be had (``exact`` True or "auto"), else bisected and tidied."""
        axis = self.names.index(name)
        if exact is not False:
            try:
                return self._exact_intervals(name, exact is True)
            except (GameError, SolverError, NotImplementedError) as exc:
                if exact is True:
                    raise GameError(f"no exact regions of {name}: {exc}") from exc
        pid, keys = self.structure_ids()
        out = intervals(self.game, self.names, axis, self.points, pid, keys,
                        self._solve_at, self.solution, self._solution_at,
                        lambda value: self._exact_solution(name, value))
        return tidy_intervals(self.game, out, lambda v: self._solve_value(name, v))

    def critical(self, parameter: str | None = None, force: bool = True) -> list:
        """The exact critical values of a one-parameter sweep inside its range
        (:func:`gametheory.critical_values` with the other parameters at their values in
        the sweep, and the sweep's method), computed once; the regions are built from
        them. SolverError or GameError when they cannot be had (a method without an exact
        candidate source in the registry or one that does not fit the game, or a game
        critical_values refuses).

        Examples
        --------
        >>> import gametheory as gt
        >>> q = gt.parameters("q")
        >>> g = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]])
        >>> [str(cv.value) for cv in gt.sweep(g, {"q": [-1.0, 1.0]}).critical()]
        ['0']
        """
        varying = [n for n, a in zip(self.names, self.grid.axes) if len(a) > 1]
        if parameter is None:
            if len(varying) != 1:
                raise GameError(f"critical values need one varying parameter; this sweep "
                                f"varies {', '.join(varying) or 'none'}")
            parameter = varying[0]
        key = ("critical", parameter, force)
        unforced = self._cache.get(("critical", parameter, False))
        if unforced is not None and not isinstance(unforced, Exception):
            key = ("critical", parameter, False)          # the same values, found already
        if key not in self._cache:
            try:
                self._cache[key] = self._critical(parameter, force)
            except (GameError, SolverError, NotImplementedError) as exc:
                self._cache[key] = exc
        found = self._cache[key]
        if isinstance(found, Exception):
            raise found
        return list(found)

    def _critical(self, parameter: str, force: bool = False) -> list:
        from ..games.values import to_fraction
        from .critical import _resolve, critical_values

        g = self._reduced(parameter)
        # the registry decides, as critical_values does: SolverError for a method without
        # an exact candidate source or one that does not fit the game
        _resolve(g, self.method)
        size = g.num_nodes if g.is_tree else int(np.prod(g.shape))
        limit = EXACT_NODES if g.is_tree else EXACT_CELLS
        if size > limit and not force:
            raise SolverError(f"the game has {size} {'nodes' if g.is_tree else 'cells'}, "
                              f"more than the {limit} for which regions are made exact "
                              f"unasked; ask with regions(exact=True)")
        if not g.is_tree and g.num_players == 2 and not force:
            pairs = math.comb(sum(g.shape), g.shape[0]) - 1
            if pairs > EXACT_PAIRS:
                raise SolverError(f"the game has {pairs} support pairs, more than the "
                                  f"{EXACT_PAIRS} for which regions are made exact unasked; "
                                  f"ask with regions(exact=True)")
        x = self.values(parameter)
        lo, hi = float(x.min()), float(x.max())
        if not lo < hi:
            raise GameError(f"{parameter} takes one value in this sweep")
        return critical_values(g, parameter, method=self.method,
                               interval=(to_fraction(lo), to_fraction(hi)))

    def _reduced(self, parameter: str) -> Game:
        """The game with every parameter but ``parameter`` at its value in the sweep."""
        others = self._other_values(parameter)
        return self.game.substitute(**others) if others else self.game

    def _exact_intervals(self, name: str, force: bool) -> list[Region]:
        cvs = self.critical(name, force)
        return exact_intervals(self.game, name, self.values(name), cvs,
                               lambda v: self._solve_value(name, v))

    def _solve_value(self, name: str, value: Any) -> tuple[Any, str]:
        """The Solution at ``name = value`` (others as in the sweep), cached: exactly
        by the method that confirms the sweep's method's critical values
        (``critical._confirming``: ``spe`` for trees, ``vertex`` for two players,
        ``enumpoly`` for more under ``auto``) where the value and payoffs are
        rational, else in floats, said by the note."""
        cache = self._cache.setdefault(("exact-solve", name), {})
        if value in cache:
            return cache[value]
        from .critical import _confirming

        g = self._reduced(name)
        method: Any = self.method
        try:            # the method whose exact solves confirm the critical values
            method = _confirming(g, self.method)
        except SolverError:
            pass
        note = ""
        rational = isinstance(value, Fraction) or getattr(value, "is_Rational", False)
        try:
            if not rational:
                raise GameError("an irrational value")
            at = g.substitute(**{name: value})
            sol = _call(method, at, True, self.options)
        except (GameError, SolverError):
            at = g.substitute(**{name: float(value)})
            sol = _call(method, at, False, self.options)
            note = f"solved in floats at {name} ~ {float(value):.10g}"
        if at.is_tree and sol.game is not None and not sol.game.is_tree:
            sol = dataclasses.replace(sol, game=at)   # the tree (its chance), not its form
        cache[value] = (sol, note)
        return cache[value]

    def region_formulas(self, parameter: str | None = None,
                        closed_form: bool | str = "auto") -> list[list] | None:
        """The equilibria of every region of a one-parameter sweep as formulas in it.

        Per region (in the order of :meth:`regions`), its equilibria as closed forms in
        ``parameter`` from :func:`gametheory.equilibrium_formulas`, with the other
        parameters at their values in the sweep (substituted first, which also keeps
        the algebra small); a region of one value has its equilibria solved there,
        exactly when the value is rational.

        Parameters
        ----------
        parameter : str, optional
            The varying parameter (default: the one that varies).
        closed_form : bool or "auto"
            ``"auto"``: formulas when they can be had for every region of a small game
            (two-player normal form of at most 64 cells, or a perfect-information tree
            of at most 64 nodes), else None. True insists (GameError when some region
            has none); False gives None.

        Returns
        -------
        list of list, or None
            Per region its equilibria, each with ``strategies`` (normal form) or
            ``behavior`` (trees) and ``payoffs`` as sympy expressions; None when there
            are none to give. Computed once per sweep.

        Examples
        --------
        >>> import gametheory as gt
        >>> q = gt.parameters("q")
        >>> g = gt.NormalFormGame.from_arrays([[1, 0], [0, q]], [[0, 1], [1, 0]])
        >>> sw = gt.sweep(g, {"q": [-1.0, 1.0, 3.0]})
        >>> [len(eqs) for eqs in sw.region_formulas("q")]
        [1, 2, 1]
        >>> print(sw.region_formulas("q")[2][0].strategies[1])
        (q/(q + 1), 1/(q + 1))
        """
        if closed_form not in (True, False, "auto"):
            raise GameError(f"closed_form must be True, False or 'auto'; got {closed_form!r}")
        regions = self.regions(*([parameter] if parameter is not None else []))
        if regions and len(regions[0].names) != 1:
            raise GameError("closed forms by region need one varying parameter; this sweep "
                            f"varies {', '.join(regions[0].names)}")
        if closed_form is False or (closed_form == "auto" and not easy(self.game)):
            return None
        parameter = regions[0].names[0] if regions else parameter
        key = ("formulas", parameter, closed_form is True)
        if key not in self._cache:
            others = self._other_values(parameter)
            game = self.game.substitute(**others) if others else self.game
            method = self.method if isinstance(self.method, str) else "auto"
            self._cache[key] = region_formulas(game, parameter, regions,
                                               strict=closed_form is True, method=method)
        found = self._cache[key]
        return None if found is None else [list(eqs) for eqs in found]

    def _other_values(self, parameter: str) -> dict[str, Any]:
        """Values of the game's parameters other than ``parameter`` in a one-parameter
        sweep: their grid values (all equal) and defaults, floats as their decimals."""
        values = dict(self.grid.fixed)
        for j, name in enumerate(self.names):
            if name != parameter:
                values[name] = self.points[0, j]
        return {k: Fraction(str(v)) if isinstance(v, float) else v for k, v in values.items()}

    def _exact_solution(self, parameter: str, value: Any) -> Any:
        """The Solution at ``parameter = value`` (a Fraction) and the other parameters
        as in the sweep (as decimals), by the sweep's method."""
        from ..solvers import solve

        g = self.game.substitute(**self._other_values(parameter), **{parameter: value})
        return solve(g, method=self.method, **self.options)

    def _solution_at(self, values: np.ndarray) -> Any:
        """The Solution at a point off the grid (``values`` in grid-name order)."""
        from ..solvers import solve

        g = substituted(self.game, self.names, values, self.grid.fixed)
        return solve(g, method=self.method, **self.options)

    def chance(self, points: np.ndarray) -> np.ndarray | None:
        """The chance probabilities of a tree at the grid points ``points`` (indices),
        one row per point and chance edge as :func:`gametheory.sensitivity._regions.reach`
        takes them; None for a normal form or a tree without parametric chance."""
        return chance_at(self.game, self.names, self.points[points], self.grid.fixed)

    #: The former name of :meth:`chance`.
    _chance = chance

    def _solve_at(self, values: np.ndarray) -> tuple[Chunk, Any]:
        """Solve extra points for refinement: exactly where the payoffs are rational (so
        no tolerance blurs a boundary), else as the sweep did."""
        try:
            chunk = per_point(self.game, self.names, values, self.grid.fixed, self.method,
                              self.options, exact=True)
        except (GameError, SolverError):
            chunk = solve_chunk(self.game, self.names, values, self.grid.fixed, self.method,
                                self.options)
        return chunk, lambda points: chance_at(self.game, self.names, values[points],
                                               self.grid.fixed)

    def branches(self, jump: float = DEFAULT_JUMP) -> np.ndarray:
        """A branch id per equilibrium row (rows of :attr:`batch`).

        Equilibria at neighbouring points along the last grid axis (for a table,
        consecutive rows) are matched by a minimum-cost assignment of their profile
        distances; a jump larger than ``jump`` (in some probability) starts a new branch.
        """
        key = ("branches", float(jump))
        if key not in self._cache:
            self._cache[key] = track_branches(self.batch, self.shape[-1], jump)
        return self._cache[key]

    # ------------------------------------------------------------- tables
    def records(self) -> list[dict[str, Any]]:
        """Tidy rows: one per point and equilibrium.

        Keys: ``point`` (its index: the row of a table of points), the parameter values
        at the point (swept and fixed), ``equilibrium`` (index at the point),
        ``branch``, the probabilities (``player:strategy``, or ``infoset:action`` for
        trees), ``payoff:player`` and, for trees, ``outcome:path`` (the probability of
        reaching each terminal node).
        """
        lists = {k: v.tolist() for k, v in self._columns().items()}
        return [dict(zip(lists, vals)) for vals in zip(*lists.values())]

    def _columns(self) -> dict[str, np.ndarray]:
        b = self.batch
        cols: dict[str, np.ndarray] = {"point": b.point}
        for name in (*self.names, *self.grid.fixed):
            cols[name] = self.values(name)[b.point]
        starts = np.repeat(np.concatenate(([0], np.cumsum(b.counts)[:-1])), b.counts)
        cols["equilibrium"] = np.arange(len(b.point)) - starts
        cols["branch"] = self.branches()
        for j, label in enumerate(self.profile_labels):
            cols[label] = b.profile[:, j]
        for i, p in enumerate(self.game.players):
            cols[f"payoff:{p}"] = b.payoffs[:, i]
        if is_tree(self.game):
            out = reach(self.game, b, self._chance)
            for t, v in enumerate(self.game.arrays.terminals.tolist()):
                cols[f"outcome:{self.game.path(v)}"] = out[:, t]
        return cols

    @property
    def profile_labels(self) -> list[str]:
        """The names of the columns of ``batch.profile``: ``player:strategy``, or
        ``infoset:action`` for trees."""
        if is_tree(self.game):
            a = self.game.arrays
            return [f"{h}:{act}" for h, acts in zip(a.infoset_labels, a.infoset_actions)
                    for act in acts]
        return [f"{p}:{s}" for p, strats in zip(self.game.players, self.game.strategies)
                for s in strats]

    def to_frame(self):
        """:meth:`records` as a pandas DataFrame (pandas is an optional dependency)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("SweepResult.to_frame needs pandas; install it with "
                              "`pip install pandas`") from None
        return pd.DataFrame(self._columns())

    # ------------------------------------------------------------- display
    def __str__(self) -> str:
        word = "distinct value" if self.grid.table else "value"
        span = ", ".join(f"{n} in [{a.min():g}, {a.max():g}] ({_plural(len(a), word)})"
                         for n, a in zip(self.names, self.grid.axes))
        if self.grid.table:
            span = f"a table: {span}"
        counts = np.bincount(self.counts) if len(self) else np.zeros(0, dtype=int)
        hist = ", ".join(f"{c} at {_plural(n, 'point')}"
                         for c, n in enumerate(counts.tolist()) if n)
        fixed = "".join(f"; {n} = {as_float(v):g}" for n, v in self.grid.fixed.items())
        incomplete = int((~self.complete).sum())
        method = "/".join(self.methods) or _method_name(self.method)
        lines = [f"sweep of {_plural(len(self), 'point')} by {method}: {span}{fixed}",
                 f"  equilibria per point: {hist}"]
        if incomplete:
            lines.append(f"  not guaranteed complete at {incomplete} point(s)")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<SweepResult {self.__str__().splitlines()[0]}>"

    def _repr_html_(self) -> str:
        """The summary, the table of the regions and a small figure (with matplotlib),
        for Jupyter; the regions when :meth:`_regions_cheap` (see
        :mod:`gametheory.io._notebook`)."""
        from ..io._notebook import sweep_html
        from ._regions import equilibrium_lines

        return sweep_html(self, self._regions_cheap(),
                          lambda r: equilibrium_lines(self.game, r, None, 4))

    def _repr_latex_(self) -> str | None:
        """The regions of a one-parameter sweep as a LaTeX table (numeric, to stay
        quick), when :meth:`_regions_cheap`; else None."""
        from ..io._notebook import sweep_latex

        return sweep_latex(self) if self._regions_cheap() else None

    def _regions_cheap(self) -> bool:
        """Whether a display may show the regions: one or two parameters vary, and the
        game is small (closed forms are tried on it unasked) or the regions are already
        computed."""
        varying = [n for n, a in zip(self.names, self.grid.axes) if len(a) > 1] \
            or list(self.names)[:1]
        cached = ("regions", tuple(varying), "auto" if len(varying) == 1 else None)
        return 1 <= len(varying) <= 2 and (easy(self.game) or cached in self._cache)
