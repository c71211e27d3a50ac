"""Closed-form equilibria: strategies and payoffs as sympy expressions of the parameters on
a region where the equilibrium structure is constant, with their derivatives (comparative
statics).

Each extreme equilibrium of a two-player game is the unique solution of the linear
equations that are tight at it (indifference among the strategies a player's opponent
uses, zero probability off the support); those equations are solved symbolically. For a
tree (subgame-perfect equilibria in pure behaviour) and for a pure equilibrium of a game of
more players the choices are constant on a region and the payoffs are the expected payoffs
of those choices.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..errors import GameError, SolverError
from . import _critical_sym as sym
from .critical import (
    _confirming,
    _defaults,
    _domain,
    _kind,
    _number,
    _parameter_names,
    _unknown,
    critical_values,
)

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveFormGame
    from ..games.protocol import Game

__all__ = ["ClosedFormEquilibrium", "EquilibriumFormulas", "equilibrium_formulas"]


@dataclass(frozen=True, eq=False)
class ClosedFormEquilibrium:
    """One equilibrium as formulas in the parameters.

    Attributes
    ----------
    strategies : tuple of tuple
        One tuple of sympy expressions per player (every strategy, 0 off the support);
        empty for a tree.
    behavior : dict or None
        For a perfect-information tree: ``{information set: {action: probability}}``.
    payoffs : tuple
        Each player's equilibrium payoff as a sympy expression.
    derivatives : dict
        ``{parameter: (d strategies, d payoffs)}``, shaped like ``strategies``, ``payoffs``.
    players, labels : tuple
        Player names and strategy labels.

    References
    ----------
    Maynard Smith, J. (1982). *Evolution and the Theory of Games*, ch. 2 (Hawk-Dove).

    Examples
    --------
    >>> import gametheory as gt
    >>> V, C = gt.parameters("V C")
    >>> g = gt.NormalFormGame.from_arrays([[(V - C) / 2, V], [0, V / 2]],
    ...                                   [[(V - C) / 2, 0], [V, V / 2]])
    >>> mixed = gt.equilibrium_formulas(g, V=2, C=3)[1]
    >>> mixed.strategies[0], mixed.derivatives["C"][0][0]
    ((V/C, (C - V)/C), (-V/C**2, V/C**2))
    >>> mixed.evaluate(V=2, C=3)[0]
    ((2/3, 1/3), (2/3, 1/3))
    """

    strategies: tuple
    behavior: Mapping | None
    payoffs: tuple
    derivatives: Mapping[str, tuple]
    players: tuple
    labels: tuple

    def evaluate(self, **values: Any) -> tuple[tuple, tuple]:
        """The strategies and payoffs at a point (sympy numbers)."""
        import sympy

        # trusted: strict sympify, text raises; closed forms and stored payoffs, sympy objects or
        #   numbers
        exprs = [sympy.sympify(x, strict=True) for s in self.strategies for x in s] + \
            [sympy.sympify(p, strict=True) for p in self.payoffs]
        syms = {x.name: x for e in exprs for x in e.free_symbols}
        subs = {syms[k]: _number(k, v) for k, v in values.items() if k in syms}
        # trusted: strict sympify, text raises; closed forms and stored payoffs, sympy objects or
        #   numbers
        return (tuple(tuple(sympy.sympify(x, strict=True).xreplace(subs) for x in s)
                      for s in self.strategies),
                tuple(sympy.sympify(p, strict=True).xreplace(subs) for p in self.payoffs))

    def lines(self) -> list[str]:
        """Readable lines: the support's probabilities, payoffs, then the derivatives of
        both (``0`` when nothing moves with that parameter)."""
        def strat(S):
            if self.behavior is not None:
                return ["; ".join(f"{h} = " + ", ".join(a for a, p in d.items() if p != 0)
                                  for h, d in self.behavior.items())]
            return [f"{p}: " + ", ".join(f"{lab[k]} = {S[i][k]}" for k in range(len(s))
                                         if s[k] != 0)
                    for i, (p, lab, s) in enumerate(zip(self.players, self.labels,
                                                        self.strategies))
                    if S is self.strategies or any(v != 0 for v in S[i])]

        def pay(P):
            return "payoffs: " + ", ".join(f"{p} = {v}" for p, v in zip(self.players, P))

        out = strat(self.strategies) + [pay(self.payoffs)]
        for name, (ds, dp) in self.derivatives.items():
            parts = ([] if self.behavior is not None else strat(ds)) + [pay(dp)]
            if all(v == 0 for v in dp) and all(v == 0 for s in ds for v in s):
                parts = ["0"]
            head = f"d/d{name}: "
            out += [head + parts[0]] + [" " * len(head) + x for x in parts[1:]]
        return out


@dataclass(frozen=True, eq=False)
class EquilibriumFormulas:
    """The equilibria of a parametric game on one region, in closed form.

    Attributes
    ----------
    parameters : tuple of str
        The parameters the formulas are written in.
    point : dict
        The point that located the region (``{name: value}``).
    region : tuple or None
        ``(name, lo, hi)`` when a region of one parameter was given.
    equilibria : tuple of ClosedFormEquilibrium
        One entry per extreme equilibrium at ``point``.

    References
    ----------
    Selten, R. (1978). The chain store paradox. *Theory and Decision* 9, 127-159.

    Examples
    --------
    Entry deterrence: the incumbent fights (payoff q) or accommodates (payoff 1).

    >>> import gametheory as gt
    >>> q = gt.parameters("q")
    >>> g = gt.ExtensiveFormGame(["Entrant", "Incumbent"])
    >>> out, enter = g.root.decide("Entrant", ["out", "enter"])
    >>> fight, acc = enter.decide("Incumbent", ["fight", "accommodate"])
    >>> _ = out.payoffs(0, 2 * q), fight.payoffs(-1, q), acc.payoffs(1, 1)
    >>> print(gt.equilibrium_formulas(g, q=(1, 5)))
    1 equilibrium on 1 < q < 5
    [0] Entrant: root = out; Incumbent: enter = fight
        payoffs: Entrant = 0, Incumbent = 2*q
        d/dq: payoffs: Entrant = 0, Incumbent = 2
    """

    parameters: tuple
    point: Mapping[str, Any]
    region: tuple | None
    equilibria: tuple

    @property
    def strategies(self) -> tuple:
        """The strategies of each equilibrium (see ClosedFormEquilibrium.strategies)."""
        return tuple(e.strategies for e in self.equilibria)

    @property
    def payoffs(self) -> tuple:
        """The payoffs of each equilibrium."""
        return tuple(e.payoffs for e in self.equilibria)

    @property
    def derivatives(self) -> tuple:
        """The derivatives of each equilibrium: ``{parameter: (d strategies, d payoffs)}``."""
        return tuple(e.derivatives for e in self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self):
        return iter(self.equilibria)

    def __getitem__(self, k: int) -> ClosedFormEquilibrium:
        return self.equilibria[k]

    def __str__(self) -> str:
        at = ", ".join(f"{k} = {v}" for k, v in self.point.items())
        where = f" on {self.region[1]} < {self.region[0]} < {self.region[2]}" \
            if self.region else f" around {at}"
        n = len(self.equilibria)
        head = f"{n} equilibri{'um' if n == 1 else 'a'}{where}"
        rows = [head]
        for k, e in enumerate(self.equilibria):
            lines = e.lines()
            rows.append(f"[{k}] " + lines[0])
            rows += ["    " + s for s in lines[1:]]
        return "\n".join(rows)

    def __repr__(self) -> str:
        return f"<EquilibriumFormulas {len(self.equilibria)} equilibria, {self.point}>"


def _derivs(exprs: tuple, payoffs: tuple, params: tuple) -> dict:
    import sympy

    return {p.name: (tuple(tuple(sympy.factor(sympy.diff(e, p)) for e in s) for s in exprs),
                     tuple(sympy.factor(sympy.diff(v, p)) for v in payoffs))
            for p in params}


def _rational(v: Any) -> Any:
    import sympy

    return sympy.Rational(str(Fraction(v))) if not hasattr(v, "is_Rational") else v


def _matrices(nf: Any) -> tuple[Any, Any]:
    """The two players' payoff matrices of a bimatrix game as sympy matrices."""
    import sympy

    P = nf.payoffs
    # trusted: strict sympify, text raises; closed forms and stored payoffs, sympy objects or
    #   numbers
    return tuple(sympy.Matrix(P.shape[1], P.shape[2],
                              [sympy.sympify(x, strict=True) for x in P[i].ravel()])
                 for i in (0, 1))


def _bimatrix(game: Game, sol: Any, subs: dict) -> list[ClosedFormEquilibrium]:
    nf = game.to_normal_form()
    A, B = _matrices(nf)
    A0, B0 = A.xreplace(subs), B.xreplace(subs)
    out = []
    for k, eq in enumerate(sol.equilibria):
        x0 = [_rational(v) for v in eq.strategies[0]]
        y0 = [_rational(v) for v in eq.strategies[1]]
        y, v = sym.tight_mix(A, A0, x0, y0, f"equilibrium [{k}]")
        x, u = sym.tight_mix(B.T, B0.T, y0, x0, f"equilibrium [{k}]")
        strategies, payoffs = (tuple(x), tuple(y)), (v, u)
        out.append(ClosedFormEquilibrium(strategies, None, payoffs,
                                         _derivs(strategies, payoffs, game.parameters),
                                         nf.players, nf.strategies))
    return out


def _samples(lo: Any, hi: Any) -> list[Fraction]:
    """Rational points spread over (lo, hi): its middle and points near both ends."""
    t = sym.interior_point(lo, hi)
    left = sym.interior_point(lo, sym.interior_point(lo, t))
    right = sym.interior_point(sym.interior_point(t, hi), hi)
    return sorted({left, t, right})


def _check_region(game: Game, eqs: list, point: dict, region: tuple) -> None:
    """SolverError unless every formula is an exact equilibrium (probabilities >= 0,
    regret 0) at sample points across the region: the region has no critical value
    inside, so a failure means a missed one."""
    import sympy

    name, lo, hi = region
    nf = game.to_normal_form()
    A_sym, B_sym = _matrices(nf)
    for t in _samples(lo, hi):
        at = {**point, name: sympy.Rational(t.numerator, t.denominator)}
        A, B = (M.xreplace({p: at[p.name] for p in game.parameters}) for M in (A_sym, B_sym))
        for k, e in enumerate(eqs):
            (x, y), _ = e.evaluate(**at)
            x, y = sympy.Matrix(x), sympy.Matrix(y)
            gains = list(A * y - (x.T * A * y)[0] * sympy.ones(len(x), 1)) + \
                list(B.T * x - (x.T * B * y)[0] * sympy.ones(len(y), 1))
            if any(sympy.simplify(v) < 0 for v in [*x, *y]) or \
                    any(sympy.simplify(g) > 0 for g in gains):
                raise SolverError(f"the formula of equilibrium [{k}] is not an equilibrium "
                                  f"at {name} = {t} inside {lo} < {name} < {hi}: a change "
                                  "of the equilibria was missed (a bug; please report it)")


def _mixed(k: int, where: str) -> GameError:
    return GameError(f"equilibrium [{k}] mixes ({where}); closed forms are built for pure "
                     "equilibria of trees with imperfect information and of games with more "
                     "than two players (mixed ones solve polynomial systems); "
                     "gt.critical_values gives where they change")


def _tree(game: ExtensiveFormGame, sol: Any) -> list[ClosedFormEquilibrium]:
    """Each (pure) subgame-perfect equilibrium: its behaviour and expected payoffs as
    formulas; GameError for a mixed one."""
    import sympy

    out = []
    for k, eq in enumerate(sol.equilibria):
        for h, d in eq.behavior.items():
            if any(p not in (0, 1) for p in d.values()):
                raise _mixed(k, f"at {h}")
        behavior = {h: {a: sympy.Integer(int(p)) for a, p in d.items()}
                    for h, d in eq.behavior.items()}
        # trusted: strict sympify, text raises; closed forms and stored payoffs, sympy objects or
        #   numbers
        payoffs = tuple(sympy.factor(sympy.sympify(v, strict=True))
                        for v in game.expected_payoffs(behavior))
        out.append(ClosedFormEquilibrium((), behavior, payoffs,
                                         _derivs((), payoffs, game.parameters),
                                         game.players, ()))
    return out


def _pure_normal(game: Game, sol: Any) -> list[ClosedFormEquilibrium]:
    """Each pure equilibrium of a normal form of any number of players: its strategies
    and payoffs (the cell's) as formulas; GameError for a mixed one."""
    import sympy

    nf = game.to_normal_form() if game.is_tree else game
    out = []
    for k, eq in enumerate(sol.equilibria):
        if any(len(s) != 1 for s in eq.supports):
            raise _mixed(k, "its supports have several strategies")
        cell = tuple(s[0] for s in eq.supports)
        strategies = tuple(tuple(sympy.Integer(int(j == c)) for j in range(n))
                           for c, n in zip(cell, nf.shape))
        # trusted: strict sympify, text raises; closed forms and stored payoffs, sympy objects or
        #   numbers
        payoffs = tuple(sympy.factor(sympy.sympify(nf.payoffs[(i, *cell)], strict=True))
                        for i in range(nf.num_players))
        out.append(ClosedFormEquilibrium(strategies, None, payoffs,
                                         _derivs(strategies, payoffs, game.parameters),
                                         nf.players, nf.strategies))
    return out


def _locate(game: Game, values: dict, method: str = "auto") -> tuple[dict, tuple | None]:
    """The point (a value for every parameter) and the region ``(name, lo, hi)``."""
    names = [p.name for p in game.parameters]
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise _unknown(unknown[0], names)
    ranges = [k for k, v in values.items() if isinstance(v, (tuple, list))]
    if len(ranges) > 1:
        raise GameError(f"give a region for one parameter only; got ranges for "
                        f"{', '.join(ranges)}")
    defaults = _defaults(game)
    point = {}
    for k in names:
        if k in values and k not in ranges:
            point[k] = _number(k, values[k])
        elif k not in values and k in defaults:
            point[k] = _number(k, defaults[k])
    missing = [k for k in names if k not in point and k not in ranges]
    if missing:
        raise GameError(f"give a value (or a region) for {', '.join(missing)}")
    if not ranges:
        return point, None
    name = ranges[0]
    lo, hi = _domain(game, name, values[name])
    inside = critical_values(game, name, method=method, interval=(lo, hi), **point)
    if inside:
        raise GameError(f"the equilibria change inside {lo} < {name} < {hi}, at {name} = "
                        f"{inside[0].value}; give a region between critical values")
    t = sym.interior_point(lo, hi)
    point[name] = _number(name, t)
    return point, (name, lo, hi)


def equilibrium_formulas(game: Game, where: Mapping[str, Any] | None = None, *,
                         method: str = "auto", **values: Any) -> EquilibriumFormulas:
    """The equilibria on a region in closed form, with derivatives in every parameter.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        A parametric game that :func:`~gametheory.sensitivity.critical.critical_values`
        analyses: every extreme equilibrium of a two-player game; for a tree (any
        information) its subgame-perfect equilibria and for a normal form of more
        players its equilibria when they are pure (GameError for a mixed one: its
        probabilities solve polynomial systems).
    where : mapping, optional
        ``{name: value}`` for a point, or ``{name: (lo, hi)}`` for a region of one
        parameter (with the others at values); may also be given as keywords.
    method : str
        The solution concept, as in :func:`~gametheory.sensitivity.critical.critical_values`:
        ``"auto"`` follows ``gt.solve`` (a two-player tree with imperfect information:
        Nash equilibria of its reduced normal form), ``"spe"`` asks for subgame perfection.
    **values
        Same as ``where``. Parameters left out take their declared default.

    Returns
    -------
    EquilibriumFormulas
        For each extreme equilibrium at the point (for a region: at a point inside it,
        after checking that no critical value lies inside), its strategies and payoffs as
        sympy expressions of all the game's parameters and their derivatives. The formulas
        hold on the whole region where the equilibrium keeps its support and best
        responses (no critical value inside); for a region they are checked to be exact
        equilibria at points across it.

    References
    ----------
    von Stengel, B. (2002). Computing equilibria for two-person games. In *Handbook of
    Game Theory* 3, ch. 45 (equilibria as solutions of their tight equations).

    Examples
    --------
    >>> import gametheory as gt
    >>> q = gt.parameters("q")
    >>> g = gt.NormalFormGame.from_arrays([[1, 0], [0, 2 - 2 * q]], [[0, 1], [1, 0]])
    >>> f = gt.equilibrium_formulas(g, q=(0, 1))
    >>> print(f)
    1 equilibrium on 0 < q < 1
    [0] Player 1: a1 = 1/2, a2 = 1/2
        Player 2: b1 = 2*(q - 1)/(2*q - 3), b2 = -1/(2*q - 3)
        payoffs: Player 1 = 2*(q - 1)/(2*q - 3), Player 2 = 1/2
        d/dq: Player 2: b1 = -2/(2*q - 3)**2, b2 = 2/(2*q - 3)**2
              payoffs: Player 1 = -2/(2*q - 3)**2, Player 2 = 0
    >>> f.strategies[0][1][0], f.derivatives[0]["q"][0][1][0]
    (2*(q - 1)/(2*q - 3), -2/(2*q - 3)**2)
    """
    import gametheory as gt

    if where is not None and not isinstance(where, Mapping):
        raise GameError(f"where must be a mapping {{name: value or (lo, hi)}}; got {where!r}")
    values = {**dict(where or {}), **values}
    _parameter_names(game, "closed-form equilibria")
    kind = _kind(game, method)
    point, region = _locate(game, values, method)
    at = game.substitute(**point)
    sol = gt.solve(at, method=_confirming(game, method), exact=True)
    subs = {p: point[p.name] for p in game.parameters}
    if kind in ("backward", "subgames"):
        eqs = _tree(game, sol)
    elif kind == "support":
        eqs = _bimatrix(game, sol, subs)
        if region is not None:
            _check_region(game, eqs, point, region)
    else:
        eqs = _pure_normal(game, sol)
    return EquilibriumFormulas(tuple(p.name for p in game.parameters), point, region,
                               tuple(eqs))
