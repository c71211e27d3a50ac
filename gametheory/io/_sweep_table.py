"""Sweep tables: one row per region of a one-parameter sweep, the equilibrium as a
function of the parameter (what a paper prints as "equilibrium as a function of q")."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..errors import GameError, SolverError
from ..games._tree_util import infoset_nodes
from .cells import Cells, Grid, check_options, exact_value, render

__all__ = ["sweep_table"]

#: Closed forms are tried ("auto") on games at most this big (cells, or tree nodes).
EASY_SIZE = 64
#: A region boundary prints as a fraction when one with at most this denominator is
#: within 1e-12 of it (regions report the simplest rational of their bisection bracket).
MAX_DENOMINATOR = 1000


def sweep_table(sweep_result: Any, parameter: str, format: str = "latex", precision: int = 3,
                closed_form: bool | str = "auto") -> str:
    """The regions of a one-parameter sweep as a table, one row per region.

    Each row gives the interval of ``parameter`` (open at inner boundaries, where the
    equilibrium set changes, closed at the ends of the grid), the equilibria of the
    region (one line each: every player's strategy, or the behaviour at every
    information set of a tree) and their payoffs.

    Parameters
    ----------
    sweep_result : SweepResult
        A sweep over one varying parameter (:func:`gametheory.sweep`).
    parameter : str
        The swept parameter.
    format : {"latex", "md", "csv", "html"}
        Output format; CSV adds the interval ends as plain numbers (``lo``, ``hi``).
    precision : int
        Decimals of float values.
    closed_form : bool or "auto"
        Strategies and payoffs as formulas in ``parameter`` (other parameters at their
        values in the sweep) from :func:`gametheory.equilibrium_formulas`. ``"auto"``
        uses them when they can be had for every region of a small game (two-player
        normal form of at most 64 cells, or a perfect-information tree of at most 64
        nodes), else prints the equilibria numerically at a point of each region, shown
        in an extra column; True insists (GameError when they cannot be had); False
        prints numbers.

    Returns
    -------
    str

    References
    ----------
    Maynard Smith, J. (1982). *Evolution and the Theory of Games*, ch. 2 (the Hawk-Dove
    game's equilibria as functions of V/C).

    Examples
    --------
    Hawk-Dove with prize ``v`` and cost 1: three equilibria for v < 1, one for v > 1.

    >>> import gametheory as gt
    >>> v = gt.parameters("v")
    >>> g = gt.NormalFormGame.from_arrays([[(v - 1) / 2, v], [0, v / 2]],
    ...                                   [[(v - 1) / 2, 0], [v, v / 2]],
    ...                                   strategies=[["H", "D"], ["H", "D"]])
    >>> sw = gt.sweep(g, {"v": [0.25, 0.75, 1.25, 1.75]})
    >>> table = sweep_table(sw, "v", format="md")
    >>> for line in table.splitlines()[:2]:
    ...     print(line)
    | v | Player 1 | Player 2 | payoff Player 1 | payoff Player 2 |
    | --- | :-: | :-: | :-: | :-: |
    >>> table.splitlines()[2].split(" | ")[:2]
    ['| [1/4, 1)', 'H<br>v H + (1 - v) D<br>D']
    >>> print(table.splitlines()[3])
    | (1, 7/4] | H | H | (v - 1)/2 | (v - 1)/2 |
    """
    check_options(format, precision)
    if closed_form not in (True, False, "auto"):
        raise GameError(f"closed_form must be True, False or 'auto'; got {closed_form!r}")
    c = Cells(format, precision)
    regions = sweep_result.regions(parameter)
    game = sweep_result.game
    tree = not hasattr(game, "shape")
    formulas = None
    if closed_form is True or (closed_form == "auto" and _easy(game)):
        formulas = _closed_forms(sweep_result, parameter, regions, strict=closed_form is True)
    players = list(game.players)
    cols = list(game.arrays.infoset_labels) if tree else players
    if format == "csv":
        header = ["lo", "hi", parameter, "equilibria"]
        header += ([] if formulas else [f"{parameter} at"]) + [f"{h}" for h in cols] \
            + [f"payoff:{p}" for p in players]
    else:
        header = [c.parameter(parameter)]
        header += [] if formulas else [c.text(f"{parameter} at") if format != "latex"
                                       else c.parameter(parameter) + " at"]
        header += [c.text(h) for h in cols]
        header += [c.text(p) if format == "latex" else f"payoff {c.text(p)}" for p in players]
    rows = []
    for k, r in enumerate(regions):
        lo, hi = r.lo, r.hi
        span = _interval(c, lo, hi, k == 0, k == len(regions) - 1)
        if formulas:
            eqs = formulas[k]
            strat = [[_cell(e, h, j, tree, c) for e in eqs] for j, h in enumerate(cols)]
            pays = [[c.value(e.payoffs[i]) for e in eqs] for i in range(len(players))]
            at = []
        else:
            sol, point = _numeric(sweep_result, parameter, r)
            eqs = sol.equilibria
            strat = [[_cell(e, h, j, tree, c) for e in eqs] for j, h in enumerate(cols)]
            pays = [[c.value(e.payoffs[i]) for e in eqs] for i in range(len(players))]
            at = [c.value(point)]
        row = [span] + at + [c.stack(s) for s in strat] + [c.stack(p) for p in pays]
        if format == "csv":
            row = [repr(float(lo)), repr(float(hi)), span, str(len(eqs))] + row[1:]
        rows.append(row)
    groups = []
    if format == "latex":
        groups = [("", 1 + (0 if formulas else 1)),
                  ("Behaviour" if tree else "Strategies", len(cols)), ("Payoffs", len(players))]
    align = "l" * (1 + (0 if formulas else 1)) + "l" * len(cols) + "l" * len(players)
    return render([Grid(header, rows, align, groups)], format)


def _easy(game: Any) -> bool:
    if hasattr(game, "shape"):
        return game.num_players == 2 and game.shape[0] * game.shape[1] <= EASY_SIZE
    return game.num_nodes <= EASY_SIZE and all(
        len(set(nodes)) == 1 for nodes in infoset_nodes(game.arrays).values())


def _exact_end(x: float) -> Fraction | float:
    """A region end as a small fraction when it is one, else the float."""
    q = exact_value(x)
    if q is not None:
        return q
    f = Fraction(float(x)).limit_denominator(MAX_DENOMINATOR)
    return f if abs(float(f) - float(x)) <= 1e-12 * max(1.0, abs(float(x))) else float(x)


def _interval(c: Cells, lo: float, hi: float, first: bool, last: bool) -> str:
    a, b = c.number(_exact_end(lo)), c.number(_exact_end(hi))
    if _is_point(lo, hi):                        # a single value, where the structure changes
        return c.math(f"\\{{{a}\\}}" if c.format == "latex" else f"{{{a}}}")
    left, right = "[" if first else "(", "]" if last else ")"
    return c.math(f"{left}{a}, {b}{right}")


def _is_point(lo: float, hi: float) -> bool:
    """True for a region of one value (its ends agree once snapped to fractions)."""
    return _exact_end(lo) == _exact_end(hi)


def _numeric(sw: Any, parameter: str, region: Any) -> tuple[Any, Any]:
    """The region's representative solution and the parameter value it was solved at."""
    if len(region.indices):
        k = int(region.indices[len(region.indices) // 2])
        return region.solution, sw.values(parameter)[k]
    from ..solvers import solve

    mid = _midpoint(region.lo, region.hi)
    g = sw.game.substitute(**_other_values(sw, parameter), **{parameter: mid})
    return solve(g, method=sw.method, **sw.options), mid


def _midpoint(lo: float, hi: float) -> Fraction:
    a, b = Fraction(_exact_end(lo)), Fraction(_exact_end(hi))
    mid = (a + b) / 2
    small = mid.limit_denominator(10**6)
    return small if a < small < b else mid


def _other_values(sw: Any, parameter: str) -> dict[str, Any]:
    """Values of the game's other parameters: grid values (all equal) and defaults."""
    values = dict(sw.grid.fixed)
    for j, name in enumerate(sw.names):
        if name != parameter:
            values[name] = sw.points[0, j]
    return {k: Fraction(str(v)) if isinstance(v, float) else v for k, v in values.items()}


def _closed_forms(sw: Any, parameter: str, regions: list, strict: bool) -> list | None:
    """Per region, its closed-form equilibria in ``parameter`` alone: the other
    parameters are substituted first (which also keeps the algebra small)."""
    from ..sensitivity.formulas import equilibrium_formulas

    others = _other_values(sw, parameter)
    game = sw.game.substitute(**others) if others else sw.game
    out = []
    for r in regions:
        try:
            if _is_point(r.lo, r.hi):   # a single value: its equilibria, exactly
                out.append(_exact_at(game, parameter, r.lo))
                continue
            f = equilibrium_formulas(game, {parameter: _midpoint(r.lo, r.hi)})
            if not hasattr(game, "shape") and any(e.behavior is None for e in f.equilibria):
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


def _exact_at(game: Any, parameter: str, value: float) -> list:
    """The equilibria at one value of the parameter, solved exactly when it is rational."""
    from ..solvers import solve

    at = _exact_end(value)
    g = game.substitute(**{parameter: at})
    return list(solve(g, method="auto" if hasattr(g, "shape") else "spe",
                      exact=isinstance(at, Fraction)).equilibria)


def _cell(e: Any, h: str, j: int, tree: bool, c: Cells) -> str:
    if tree:
        acts = (e.behavior or {}).get(h, {})
        return c.mix(list(acts), list(acts.values())) if acts else ""
    return c.mix(e.labels[j], e.strategies[j])
