"""How far each parameter may move before the equilibria at a point change.

:func:`robustness` takes a point (a value for every parameter) and, one parameter at a
time with the others held at the point, the exact critical values of
:func:`~gametheory.sensitivity.critical.critical_values` nearest to the point on either
side: the margin of the equilibrium set in that parameter and what changes when it is
crossed.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..errors import GameError, SolverError
from .critical import (
    CriticalValue,
    _change,
    _confirming,
    _kind,
    _number,
    _parameter_names,
    _summary,
    _unknown,
    critical_values,
    structure_key,
)

if TYPE_CHECKING:
    from ..games.protocol import Game

__all__ = ["Margin", "Robustness", "robustness"]


def _fmt(x: Any) -> str:
    import sympy

    if x is sympy.oo:
        return "inf"
    if x is -sympy.oo:
        return "-inf"
    return str(x) if x.is_Rational else f"{x} ~ {float(x):.10g}"


@dataclass(frozen=True, eq=False)
class Margin:
    """How far one parameter may move from the point before the equilibria change.

    Attributes
    ----------
    parameter : str
        The parameter's name.
    value : sympy number
        Its value at the point.
    below, above : CriticalValue or None
        The nearest critical value below and above ``value`` at which the equilibrium set
        of the point changes (the other parameters fixed at the point); None when there is
        none in the parameter's declared domain. When the point is itself a critical value
        whose equilibria differ from those just below (above), ``below`` (``above``) is
        that critical value and its margin is 0.
    margin_below, margin_above : sympy number or None
        The exact distances ``value - below.value`` and ``above.value - value``; None
        where ``below`` / ``above`` is None.
    lower, upper : sympy number
        The ends of the interval on which the equilibrium set holds: the critical values,
        else the domain's bounds (``-oo`` / ``oo`` when none is declared).
    lower_closed, upper_closed : bool
        Whether that end itself has the same equilibria (supports, choices, components)
        as the point.
    at : CriticalValue or None
        The critical value equal to ``value`` when the point lies on one, else None.
    change_below, change_above : str
        What changes when the parameter falls below ``lower`` (rises above ``upper``):
        the moves of the players (choices or supports), else the condition that changes
        and the counts of equilibria; "" where nothing changes in the domain.
    equilibria : int
        The number of equilibria at the point.

    Examples
    --------
    Row's first strategy pays q, its second 0: Row plays a1 for q > 0.

    >>> import gametheory as gt
    >>> q = gt.parameters("q")
    >>> g = gt.NormalFormGame.from_arrays([[q], [0]], [[0], [0]])
    >>> m = gt.robustness(g, {"q": "1/3"})["q"]
    >>> m.interval, m.margin_below, m.above, m.change_below
    ('(0, inf)', 1/3, None, 'Player 1: a1 -> a2')
    """

    parameter: str
    value: Any
    below: CriticalValue | None
    above: CriticalValue | None
    margin_below: Any
    margin_above: Any
    lower: Any
    upper: Any
    lower_closed: bool
    upper_closed: bool
    at: CriticalValue | None
    change_below: str
    change_above: str
    equilibria: int

    @property
    def interval(self) -> str:
        """The interval where the equilibrium set holds, e.g. ``"(2/5, 1]"``."""
        if self.lower == self.upper:
            return f"{{{_fmt(self.lower)}}}"
        return (f"{'[' if self.lower_closed else '('}{_fmt(self.lower)}, "
                f"{_fmt(self.upper)}{']' if self.upper_closed else ')'}")

    def __str__(self) -> str:
        p, n = self.parameter, self.equilibria
        what = "the equilibrium holds" if n == 1 else f"the {n} equilibria hold"
        head = f"{p} = {_fmt(self.value)}: "
        if self.at is not None:
            head += f"a critical value ({self.at.description.split('; ', 1)[0]}); "
        if self.lower == self.upper:
            text = f"{head}{what} only at {p} = {_fmt(self.value)}"
        else:
            text = f"{head}{what} for {p} in {self.interval}"
        for side, cv, margin, change in (("below", self.below, self.margin_below,
                                          self.change_below),
                                         ("above", self.above, self.margin_above,
                                          self.change_above)):
            if cv is not None and cv is self.at:
                text += f"; {side}: changes at once ({change})"
            elif cv is not None:
                text += f"; {side} {p} = {_fmt(cv.value)} (margin {_fmt(margin)}) {change}"
        return text

    def __repr__(self) -> str:
        return f"<Margin {self}>"

    def record(self, exact: bool = True) -> dict[str, Any]:
        """This margin as a flat dict (exact sympy numbers, or floats with
        ``exact=False``)."""
        def num(x):
            return x if exact or x is None else float(x)
        return {"parameter": self.parameter, "value": num(self.value),
                "below": num(None if self.below is None else self.below.value),
                "above": num(None if self.above is None else self.above.value),
                "margin_below": num(self.margin_below), "margin_above": num(self.margin_above),
                "lower": num(self.lower), "upper": num(self.upper),
                "lower_closed": self.lower_closed, "upper_closed": self.upper_closed,
                "at_critical": self.at is not None, "equilibria": self.equilibria,
                "change_below": self.change_below, "change_above": self.change_above}


@dataclass(frozen=True, eq=False)
class Robustness:
    """The margins of the equilibria at a point, one parameter at a time.

    Attributes
    ----------
    point : dict
        ``{name: exact value}`` for every parameter of the game (given, else default).
    margins : tuple of Margin
        One per analysed parameter, in the order asked.
    solution : Solution
        All equilibria at the point (solved exactly).

    Notes
    -----
    ``res["q"]`` is the Margin of ``q``; ``str(res)`` states every margin in words, one
    line each; :meth:`records` and :meth:`to_frame` tabulate them.

    Examples
    --------
    >>> import gametheory as gt
    >>> q = gt.parameters("q")
    >>> g = gt.NormalFormGame.from_arrays([[q], [0]], [[0], [0]])
    >>> res = gt.robustness(g, {"q": 0})
    >>> print(res)  # doctest: +NORMALIZE_WHITESPACE
    q = 0: a critical value (Player 1 indifferent between a1 and a2 against b1); the 2
    equilibria hold only at q = 0; below: changes at once (2 equilibria (a continuum) -> 1
    equilibrium); above: changes at once (2 equilibria (a continuum) -> 1 equilibrium)
    >>> res.records()[0]["margin_below"], res.records()[0]["at_critical"]
    (0, True)
    """

    point: dict
    margins: tuple
    solution: Any

    def __getitem__(self, name: str) -> Margin:
        for m in self.margins:
            if m.parameter == name:
                return m
        raise _unknown(name, [m.parameter for m in self.margins])

    def __iter__(self):
        return iter(self.margins)

    def __len__(self) -> int:
        return len(self.margins)

    def records(self, exact: bool = True) -> list[dict[str, Any]]:
        """One dict per parameter (see :meth:`Margin.record`)."""
        return [m.record(exact) for m in self.margins]

    def to_frame(self, exact: bool = False):
        """:meth:`records` as a pandas DataFrame (floats unless ``exact=True``; pandas is
        an optional dependency)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("Robustness.to_frame needs pandas; install it with "
                              "`pip install pandas`") from None
        return pd.DataFrame(self.records(exact))

    def __str__(self) -> str:
        return "\n".join(str(m) for m in self.margins)

    def __repr__(self) -> str:
        return f"<Robustness of {len(self.margins)} parameter(s)>\n{self}"


def _point(game: Game, point: dict | None) -> dict[str, Any]:
    """Every parameter's exact value: given, else its declared default; GameError for
    unknown names, missing values and values outside the domain."""
    from ..games.parameters import check_domain

    names = _parameter_names(game, "robustness margins")
    if point is None:
        point = {}
    if not isinstance(point, dict):
        raise GameError(f"point must be a dict {{parameter: value}}; got {point!r}")
    for k in point:
        if k not in names:
            raise _unknown(k, names)
    info = game.parameter_info
    out = {}
    for name in names:
        p = info.get(name)
        if name in point:
            v = _number(name, point[name])
        elif p is not None and p.default is not None:
            v = _number(name, p.default)
        else:
            raise GameError(f"no value for parameter {name!r} at the point and no declared "
                            f"default; give it (e.g. {{{name!r}: 1}})")
        if p is not None:
            check_domain(p, v, "value", point.get(name, v))
        elif v.is_finite is not True:
            raise GameError(f"value {v} of parameter {name!r} is not a finite real number")
        out[name] = v
    return out


def _solve(game: Game, kind: str, method: str) -> Any:
    """All equilibria of the (substituted) game, exactly where the payoffs allow it."""
    import gametheory as gt

    method = _confirming(game, method)
    try:
        return gt.solve(game, method=method, exact=True)
    except GameError:        # irrational payoffs: floats, as critical_values does
        return gt.solve(game, method=method)


def _crossing(cv: CriticalValue, inside: Any, outside: Any, condition: bool = True) -> str:
    """What changes from ``inside`` (the point's side) to ``outside`` across ``cv``: the
    moves, else (with ``condition``) the condition that changes and the counts."""
    moves = _change(inside, outside)
    if moves:
        return moves
    counts = f"{_summary(inside)} -> {_summary(outside)}"
    return f"{cv.description.split('; ', 1)[0]}: {counts}" if condition else counts


def _end(game: Game, name: str, x: Any, key: tuple, kind: str, method: str) -> bool:
    """Whether the finite domain end ``x`` has the equilibria ``key`` of the point."""
    if not x.is_finite:
        return False
    try:
        sol = _solve(game.substitute(**{name: Fraction(int(x.p), int(x.q))}
                                     if x.is_Rational else {name: x}), kind, method)
    except (GameError, SolverError):
        return False
    return structure_key(sol) == key


def _margin(game: Game, name: str, point: dict, sol: Any, key: tuple, kind: str,
            method: str) -> Margin:
    from .critical import _domain

    x = point[name]
    others = {k: v for k, v in point.items() if k != name}
    cvs = critical_values(game, name, method=method, **others)
    lo, hi = _domain(game, name, None)
    sub = game.substitute(**others) if others else game
    at = next((c for c in cvs if c.value == x), None)
    downs = [c for c in cvs if bool(c.value < x)]
    ups = [c for c in cvs if bool(c.value > x)]
    below = downs[-1] if downs else None
    above = ups[0] if ups else None
    change_below = change_above = ""
    if at is not None:
        # the point's equilibria hold on a side only where they equal the ones just there
        if structure_key(at.below) != key:
            below, change_below = at, _crossing(at, sol, at.below, False)
        if structure_key(at.above) != key:
            above, change_above = at, _crossing(at, sol, at.above, False)
    if below is not None and below is not at:
        change_below = _crossing(below, below.above, below.below)
    if above is not None and above is not at:
        change_above = _crossing(above, above.below, above.above)

    def closed(cv, end):
        if cv is None:
            return _end(sub, name, end, key, kind, method)
        return cv.at is not None and structure_key(cv.at) == key

    lower = lo if below is None else below.value
    upper = hi if above is None else above.value
    return Margin(
        parameter=name, value=x, below=below, above=above,
        margin_below=None if below is None else x - below.value,
        margin_above=None if above is None else above.value - x,
        lower=lower, upper=upper,
        lower_closed=closed(below, lo), upper_closed=closed(above, hi),
        at=at, change_below=change_below, change_above=change_above,
        equilibria=len(sol.equilibria))


def robustness(game: Game, point: dict | None = None, parameters: Any = None,
               method: str = "auto") -> Robustness:
    """How far each parameter may move from a point before its equilibria change.

    For each parameter, with the others held at the point, the nearest exact critical
    values (:func:`~gametheory.critical_values`) below and above the point's value, the
    margins to them and what changes there: "how far may the guarantor's commitment fall
    before deterrence fails".

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        A parametric game that :func:`~gametheory.critical_values` handles: a two-player
        game or a tree with perfect information.
    point : dict, optional
        ``{parameter: value}``; parameters left out take their declared defaults (as in
        :func:`~gametheory.critical_values`). Values are read exactly (``"1/2"``, a
        Fraction, a float as the decimal it prints as).
    parameters : str or list of str, optional
        The parameters to analyse (default: all of the game's, in its order).
    method : str
        Passed to :func:`~gametheory.critical_values` (``"auto"``, ``"support"``,
        ``"spe"``).

    Returns
    -------
    Robustness
        One :class:`Margin` per parameter (``res["q"]``); ``str(res)`` in words,
        ``res.records()`` and ``res.to_frame()`` as a table.

    Raises
    ------
    GameError
        For an unknown parameter name, a parameter with neither a value nor a default, or
        a value outside its declared domain.
    SolverError
        For a game critical_values cannot analyse exactly (e.g. more than two players
        without perfect information).

    Notes
    -----
    "The equilibria change" means what critical_values compares: the number of
    equilibria, their supports and best responses (choices in a tree) and the components.
    The interval of a Margin is where that stays as at the point; its ends are closed when
    the end itself has the same equilibria (a finite domain bound is checked by a solve
    there: critical_values never reports domain bounds).

    When the point lies on a critical value (``Margin.at``), its equilibria are compared
    with those just below and just above it: on a side where they differ the margin is 0
    and ``below`` / ``above`` is that critical value itself; on a side where they agree
    the margin runs to the next critical value. Typically both margins are 0 and the
    equilibria hold at that single value only.

    Each parameter is analysed alone (one-at-a-time): the margins of two parameters do
    not combine into a box in which the equilibria hold.

    References
    ----------
    Saltelli, A. et al. (2008). *Global Sensitivity Analysis: The Primer*. Wiley, ch. 1
    (one-at-a-time sensitivity); Maynard Smith, J. (1982). *Evolution and the Theory of
    Games*, ch. 2 (Hawk-Dove).

    Examples
    --------
    Hawk-Dove with cost C = 2: for 0 < V < 2 two pure asymmetric equilibria and a mixed
    one; for V > 2 only (Hawk, Hawk).

    >>> import gametheory as gt
    >>> V, C = gt.parameters("V C")
    >>> hd = gt.NormalFormGame.from_arrays([[(V - C) / 2, V], [0, V / 2]],
    ...                                    [[(V - C) / 2, 0], [V, V / 2]])
    >>> res = gt.robustness(hd, {"V": 1, "C": 2}, parameters="V")
    >>> print(res)  # doctest: +NORMALIZE_WHITESPACE
    V = 1: the 3 equilibria hold for V in (0, 2); below V = 0 (margin 1) Player 1
    indifferent between a1 and a2 against b2: 3 equilibria -> 1 equilibrium; above V = 2
    (margin 1) Player 1 indifferent between a1 and a2 against b1: 3 equilibria -> 1
    equilibrium

    The Ukraine model at its defaults (q = 1/2): the bilateral guarantee deters both
    types of Russia; if its credibility q falls below 2/5 the revisionist type escalates.

    >>> from gametheory.models import ukraine_guarantees
    >>> res = gt.robustness(ukraine_guarantees.build(), parameters=["q"])
    >>> print(res["q"])  # doctest: +NORMALIZE_WHITESPACE
    q = 1/2: the equilibrium holds for q in (2/5, 1]; below q = 2/5 (margin 1/10)
    Russia | NEUTRAL, revisionist: concede -> escalate
    >>> res["q"].margin_below, res["q"].above
    (1/10, None)
    """
    names = _parameter_names(game, "robustness margins")
    values = _point(game, point)
    if parameters is None:
        parameters = names
    elif isinstance(parameters, str):
        parameters = [parameters]
    parameters = list(parameters)
    for p in parameters:
        if not isinstance(p, str) or p not in names:
            raise _unknown(p, names)
    if len(set(parameters)) != len(parameters):
        raise GameError(f"parameters lists a name twice: {parameters!r}")
    kind = _kind(game, method)
    sol = _solve(game.substitute(**values), kind, method)
    key = structure_key(sol)
    margins = tuple(_margin(game, p, values, sol, key, kind, method) for p in parameters)
    return Robustness(point=values, margins=margins, solution=sol)
