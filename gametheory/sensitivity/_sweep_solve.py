"""Solving a sweep's points: the grid, the per-point path and the batched engines.

:func:`grid_points` validates a grid against a game and lays out its cartesian product;
:func:`table_points` validates a table of points (a pandas DataFrame or a dict of
equal-length 1-d arrays) and keeps its rows as the points.
:func:`solve_chunk` solves one block of points and is what an executor runs remotely: it
receives the (picklable) game and the block's values, never compiled functions. Where a
vectorised engine applies it is used (the registry says which: the ``batch`` engine of the
first method ``"auto"`` would try whose engine accepts the game, or for a sweep naming
a method, that method's engine where it serves the game under its name, such as
``"spe"`` on trees with imperfect information); otherwise each point's
substituted game is solved with :func:`gametheory.solve` in a loop (with a tqdm progress
bar on request).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError
from ..games.values import to_fraction
from ..solvers.batch import BatchEquilibria

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveFormGame
    from ..games.protocol import Game
    from ..solvers.result import Solution

__all__ = ["Grid", "Chunk", "grid_points", "table_points", "solve_chunk", "vectorised", "per_point",
           "is_tree", "tree_offsets", "chance_at"]


@dataclass(frozen=True)
class Grid:
    """A validated grid: swept names, their axes, the points and the fixed parameters.

    For a table of points (``table=True``) the points are the table's rows, in order,
    and each axis holds the distinct values its parameter takes (sorted)."""

    names: tuple[str, ...]
    axes: tuple[np.ndarray, ...]
    points: np.ndarray          # (B, d) float64, cartesian product, first name slowest
    fixed: dict[str, Any]       # parameters not swept, at their declared defaults
    table: bool = False         # the points are a table's rows, not a cartesian product


@dataclass(frozen=True)
class Chunk:
    """The equilibria of a block of points and the methods that ran."""

    batch: BatchEquilibria
    methods: tuple[str, ...]


def is_tree(game: Game) -> bool:
    """True for an extensive-form game (``game.is_tree``)."""
    return bool(game.is_tree)


def _info(game: Game) -> dict:
    return dict(game.parameter_info)


def grid_points(game: Game, grid: Mapping[str, Any]) -> Grid:
    """Check ``grid`` against the game's parameters and lay out its points.

    Raises GameError for a grid that is not a mapping or is empty, an unknown name, an
    empty, non-numeric or non-finite axis, a value outside a declared domain, and a free
    parameter that is neither swept nor has a declared default.
    """
    if not isinstance(grid, Mapping):
        hint = (": a DataFrame is a table of points, pass it as points=..."
                if type(grid).__name__ == "DataFrame" else "")
        raise GameError(f"the grid must be a dict of parameter name -> values; got "
                        f"{type(grid).__name__}{hint}")
    params = _parameters(game, grid, "the grid is empty: give values for")
    info = _info(game)
    names = list(grid)
    axes = [_column(name, vals, params, info, "grid") for name, vals in grid.items()]
    fixed = _fixed(params, info, grid, "grid")
    mesh = np.meshgrid(*axes, indexing="ij")
    points = np.stack([m.ravel() for m in mesh], axis=1)
    return Grid(tuple(names), tuple(axes), points, fixed)


def _parameters(game: Game, swept: Mapping[str, Any], empty: str) -> list[str]:
    """The game's parameter names; GameError (starting with ``empty``) for nothing swept."""
    params = [p.name for p in game.parameters]
    if not swept:
        raise GameError(f"{empty} at least one of the parameters "
                        f"({', '.join(params) or 'none: this game has no parameters'})")
    return params


def _column(name: Any, vals: Any, params: Sequence[str], info: Mapping[str, Any],
            where: str) -> np.ndarray:
    """One parameter's values, checked: a known name, 1-d, non-empty, finite numbers
    within the declared domain (``where`` names the container in messages)."""
    if name not in params:
        raise GameError(f"unknown parameter {name!r} in the {where}; this game's parameters "
                        f"are: {', '.join(params) or 'none'}")
    try:
        axis = np.atleast_1d(np.asarray(vals, dtype=np.float64))
    except (TypeError, ValueError):
        raise GameError(f"the values for {name!r} are not numbers") from None
    if axis.ndim != 1:
        raise GameError(f"the values for {name!r} must be one-dimensional; got shape "
                        f"{axis.shape}")
    if axis.size == 0:
        raise GameError(f"the {where} for {name!r} is empty")
    bad = np.flatnonzero(~np.isfinite(axis))
    if bad.size:
        row = f" (row {bad[0]})" if where == "points" else ""
        raise GameError(f"value {axis[bad[0]]} for {name!r}{row} is not finite")
    _check_domain(info.get(name), name, axis, where == "points")
    return axis


def _fixed(params: Sequence[str], info: Mapping[str, Any], swept: Any,
           where: str) -> dict[str, Any]:
    """The parameters not swept at their declared defaults (GameError for one without)."""
    fixed = {}
    for name in params:
        if name in swept:
            continue
        param = info.get(name)
        default = None if param is None else param.default
        if default is None:
            raise GameError(f"parameter {name!r} is neither in the {where} nor has a default; "
                            f"add it to the {where} or fix it first with "
                            f"game.substitute({name}=...)")
        fixed[name] = default
    return fixed


def table_points(game: Game, table: Any) -> Grid:
    """Check a table of points against the game's parameters and keep its rows.

    ``table`` is a pandas DataFrame (one column per parameter) or a dict of parameter
    name -> 1-d values of one common length; row ``k`` is point ``k``. Raises GameError
    for another type, an empty table, an unknown name, columns of unequal lengths, a
    non-numeric or non-finite value (NaN), a value outside a declared domain, and a free
    parameter that is neither a column nor has a declared default.
    """
    import sys

    pd = sys.modules.get("pandas")           # a DataFrame exists only if pandas is loaded
    if pd is not None and isinstance(table, pd.DataFrame):
        columns = {name: table[name].to_numpy() for name in table.columns}
        if table.columns.duplicated().any():
            dup = table.columns[table.columns.duplicated()][0]
            raise GameError(f"column {dup!r} appears twice in the points")
    elif isinstance(table, Mapping):
        columns = dict(table)
    else:
        raise GameError(f"points must be a pandas DataFrame or a dict of parameter name -> "
                        f"equal-length 1-d values; got {type(table).__name__}")
    params = _parameters(game, columns, "the points are empty: give columns for")
    info = _info(game)
    names = list(columns)
    cols = []
    for name, vals in columns.items():
        if np.ndim(vals) == 0 and name in params:
            raise GameError(f"the points for {name!r} must be a 1-d array (one value per "
                            f"point); got a single value: use np.full(n, value), or "
                            f"game.substitute({name}=...)")
        cols.append(_column(name, vals, params, info, "points"))
    lengths = {name: len(c) for name, c in zip(names, cols)}
    if len(set(lengths.values())) > 1:
        raise GameError("the columns of the points have unequal lengths: "
                        + ", ".join(f"{n} {k}" for n, k in lengths.items()))
    fixed = _fixed(params, info, columns, "points")
    points = np.stack(cols, axis=1)
    return Grid(tuple(names), tuple(np.unique(c) for c in cols), points, fixed, table=True)


def _check_domain(param: Any, name: str, axis: np.ndarray, rows: bool = False) -> None:
    domain = None if param is None else param.domain
    if domain is None:
        return
    lo, hi = (float(v) for v in domain)
    bad = np.flatnonzero((axis < lo) | (axis > hi))
    if bad.size:
        row = f" (row {bad[0]})" if rows else ""
        raise GameError(f"value {axis[bad[0]]:g} for {name!r}{row} is outside its domain "
                        f"[{lo:g}, {hi:g}]")


# ----------------------------------------------------------------- the per-point path
def substituted(game: Game, names: Sequence[str], values: np.ndarray,
                fixed: Mapping[str, float], exact: bool = False) -> Any:
    """The game at one point (``values`` in the order of ``names``).

    Float values (grid points and fixed values) are substituted as the decimals they print
    as (0.4 is 2/5, as floats are read everywhere in the package), so payoffs computed from
    them carry no rounding error and a tie at the point (Russia indifferent at q = 2/5) is
    a tie in the solved game. The substitution is the same with and without ``exact``;
    ``solve(..., exact=exact)`` then decides the arithmetic."""
    def read(v: Any) -> Any:
        return to_fraction(v) if isinstance(v, (float, np.floating)) else v

    vals = {**{n: read(v) for n, v in fixed.items()},
            **{n: to_fraction(float(v)) for n, v in zip(names, values)}}
    return game.substitute(**vals)


def tree_offsets(arrays: Any) -> np.ndarray:
    """Start of each information set's actions in a flat behaviour row (and the total)."""
    return np.cumsum([0] + [len(a) for a in arrays.infoset_actions])


def _behavior_row(arrays: Any, behavior: Mapping[str, Mapping[str, Any]]) -> np.ndarray:
    row = []
    for label, acts in zip(arrays.infoset_labels, arrays.infoset_actions):
        probs = behavior.get(label, {})
        row.extend(float(probs.get(a, 0.0)) for a in acts)
    return np.array(row, dtype=np.float64)


def _mixed_to_behavior(game: ExtensiveFormGame, strategies: Sequence[np.ndarray]) -> np.ndarray:
    """Kuhn's theorem: a behaviour row equivalent to mixed reduced strategies.

    At an information set h of player p, action a gets the probability of the reduced
    strategies choosing a at h among those that do not cut h off; where every strategy
    of positive probability cuts h off, the actions are uniform.
    """
    from ..games._tree_reduce import reduced_strategies

    arrays = game.arrays
    off = tree_offsets(arrays)
    row = np.zeros(off[-1])
    kids = [game.children(v) for v in range(len(arrays.parent))]
    for p, x in enumerate(strategies):
        S = reduced_strategies(arrays, kids, p)
        x = np.asarray(x, dtype=np.float64)
        for h in np.flatnonzero(arrays.infoset_player == p):
            k = off[h + 1] - off[h]
            reach = x[S[:, h] >= 0].sum()
            if reach > 0:
                row[off[h]:off[h + 1]] = np.bincount(S[S[:, h] >= 0, h],
                                                     x[S[:, h] >= 0], minlength=k) / reach
            else:
                row[off[h]:off[h + 1]] = 1.0 / k
    return row


def _rows(game: Game, sol: Any) -> tuple[list[np.ndarray], list[np.ndarray]]:
    profiles, payoffs = [], []
    for eq in sol.equilibria:
        if is_tree(game):
            row = (_behavior_row(game.arrays, eq.behavior) if eq.behavior is not None
                   else _mixed_to_behavior(game, eq.strategies))
        else:
            row = np.concatenate([np.asarray(s, dtype=np.float64) for s in eq.strategies])
        profiles.append(row)
        payoffs.append(np.asarray(eq.payoffs, dtype=np.float64))
    return profiles, payoffs


def parametric_chance(game: Game) -> bool:
    """True for a tree some of whose chance probabilities depend on parameters."""
    if not is_tree(game):
        return False
    prob = game.arrays.chance_prob
    return prob.dtype == object and any(getattr(v, "free_symbols", None) for v in prob)


def per_point(game: Game, names: Sequence[str], values: np.ndarray, fixed: Mapping[str, float],
              method: str | Callable[..., Solution], options: Mapping[str, Any],
              progress: bool = False, exact: bool = False) -> Chunk:
    """Solve each point's substituted game with :func:`gametheory.solve`, in a loop
    (in exact rational arithmetic with ``exact``); ``method`` is a registered name,
    ``"auto"`` or a callable, as :func:`gametheory.solve` takes."""
    from ..solvers import solve

    B = len(values)
    K = int(tree_offsets(game.arrays)[-1]) if is_tree(game) else int(sum(game.shape))
    N = game.num_players
    point, profiles, payoffs, methods = [], [], [], []
    complete = np.zeros(B, dtype=bool)
    bar = _bar(B, progress)
    for k in range(B):
        g = substituted(game, names, values[k], fixed, exact)
        sol = solve(g, method=method, exact=exact, **options)
        prof, pay = _rows(g, sol)
        point += [k] * len(prof)
        profiles += prof
        payoffs += pay
        complete[k] = sol.complete
        if sol.method not in methods:
            methods.append(sol.method)
        if bar is not None:
            bar.update()
    if bar is not None:
        bar.close()
    batch = BatchEquilibria(
        B, np.array(point, dtype=np.int64),
        np.array(profiles, dtype=np.float64).reshape(len(point), K),
        np.array(payoffs, dtype=np.float64).reshape(len(point), N), complete)
    return Chunk(batch, tuple(methods))


def _bar(total: int, show: bool):
    if not show:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="sweep", unit="point")


def solve_chunk(game: Game, names: Sequence[str], values: np.ndarray,
                fixed: Mapping[str, Any], method: str | Callable[..., Solution],
                options: Mapping[str, Any], progress: bool = False) -> Chunk:
    """Solve a block of points (what an executor runs): with ``method="auto"`` the
    vectorised engine the registry names for this game (:func:`engine_for`; for a sweep
    naming a method, that method's engine where it serves the game), else the
    per-point loop."""
    values = np.asarray(values, dtype=np.float64)
    served = engine_for(game, method, options)
    if served is None:
        return per_point(game, names, values, fixed, method, options, progress)
    from ..solvers import solve

    name, engine = served
    # an "auto" sweep of a tree settles the engine's leftover points as gt.solve(auto)
    # does ("spe", then its fallbacks where spe finds no equilibrium)
    point_method = "auto" if method == "auto" and is_tree(game) else name

    def solve_point(g: Game, **opts: Any) -> Any:
        return solve(g, method=point_method, **opts)

    def game_at(i: int) -> Any:
        return substituted(game, names, values[int(i)], fixed)

    points = {n: values[:, j] for j, n in enumerate(names)}
    points.update({n: as_float(v) for n, v in fixed.items()})
    batch = engine(game, _evaluate(game, names, values, fixed), options.get("tol"),
                   solve_point, game_at, points)
    return Chunk(batch, (engine.label,))


def engine_for(game: Game, method: str | Callable[..., Solution], options: Mapping[str, Any]
               ) -> tuple[str, Any] | None:
    """``(method name, engine)``: the :class:`~gametheory.solvers.batch.BatchEngine` that
    serves ``method="auto"`` on this game, from the registry: the ``batch`` engine of the
    first method "auto" may try (in its preference order) whose engine accepts the game
    and takes ``options``; the engine hands the points it cannot settle to that method.
    A sweep naming a method is batched when that method's engine says it serves the game
    under its name (``BatchEngine.named``, e.g. ``"spe"`` on trees). None when the points
    are solved one by one."""
    if isinstance(method, str) and method != "auto":
        from ..errors import SolverError
        from ..solvers.registry import get_method

        try:
            m = get_method(method)
        except SolverError:
            return None
        engine = m.batch_engine()
        if (engine is not None and engine.named is not None
                and set(options) <= engine.options and engine.named(game)):
            return m.name, engine
        return None
    if method != "auto":
        return None
    from ..solvers.auto import preference

    methods = preference(tree=True) + preference(tree=False) if is_tree(game) \
        else preference(tree=False)
    for m in methods:
        engine = m.batch_engine()
        if engine is not None and set(options) <= engine.options and engine.accepts(game):
            return m.name, engine
    return None


def vectorised(game: Game, method: str | Callable[..., Solution], options: Mapping[str, Any]
               ) -> str | None:
    """The label of the engine ``"auto"`` uses for this game (``"support-batch"``,
    ``"spe"``), or None when the points are solved one by one."""
    served = engine_for(game, method, options)
    return None if served is None else served[1].label


def as_float(v: Any) -> float:
    """A parameter value (number, Fraction, string such as ``"1/3"``) as a float."""
    if isinstance(v, str):                 # never sympify a string: the restricted parser
        from ..games.expr import parse_number

        return float(parse_number(v))
    try:
        return float(v)
    except (TypeError, ValueError):
        import sympy

        # trusted: strict sympify, text raises; strings went to parse_number above
        return float(sympy.sympify(v, strict=True))


def chance_at(game: Game, names: Sequence[str], values: np.ndarray,
              fixed: Mapping[str, Any]) -> np.ndarray | None:
    """Chance probabilities ``(b, num_nodes)`` at the points ``values`` of a tree whose
    chance probabilities depend on parameters; None when they do not."""
    if not parametric_chance(game):
        return None
    return _evaluate(game, names, np.asarray(values, dtype=np.float64), fixed)[1]


def _evaluate(game: Game, names: Sequence[str], values: np.ndarray,
              fixed: Mapping[str, Any]):
    cols = {n: values[:, j] for j, n in enumerate(names)}
    cols.update({n: np.full(len(values), as_float(v)) for n, v in fixed.items()})
    return game.evaluator()(cols)
