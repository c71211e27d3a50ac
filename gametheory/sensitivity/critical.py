"""Exact critical parameter values: where the equilibrium set of a parametric game changes.

Where the candidates come from is the solver method's ``sensitivity`` entry in the
registry (:class:`~gametheory.solvers.registry.Method`): for a two-player normal form
(``"support"``) the indifference systems of every support pair, solved as rational
functions of the parameter; for a tree with perfect information (``"backward"``) the
payoff comparisons at each decision of backward induction; for a tree with imperfect
information under subgame perfection (``"subgames"``) the conditions of each proper
subgame's solution, bottom-up (:mod:`~gametheory.sensitivity._critical_subgames`); for a
normal form of any number of players (``"polynomial"``) the support systems of
``"enumpoly"`` with the events that change them, eliminated to polynomials in the
parameter (:mod:`~gametheory.sensitivity._critical_poly`); ``"pure"``: pure-deviation
comparisons. Every candidate is then confirmed by solving the game exactly just below and
just above it. Closed-form equilibria on a region are in
:mod:`gametheory.sensitivity.formulas`.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import DegenerateGameWarning, GameError, SolverError
from . import _critical_sym as sym
from . import _symbolic_critical as _symbolic

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame
    from ..games.protocol import Game

__all__ = ["CriticalValue", "critical_values", "structure_key"]


@dataclass(frozen=True, eq=False)
class CriticalValue:
    """A parameter value at which the equilibrium set changes.

    Attributes
    ----------
    parameter : str
        The parameter's name.
    value : sympy number
        The exact value (a rational or an algebraic number such as ``sqrt(2)/2``);
        ``float(cv)`` gives it as a float.
    below, above : Solution
        All equilibria at the rational points ``below_at`` and ``above_at`` just below and
        just above ``value`` (with no other candidate value between).
    below_at, above_at : Fraction
        Where ``below`` and ``above`` were solved.
    at : Solution or None
        The equilibria at ``value`` itself when it is rational, else None.
    description : str
        The condition that changes there, the count of equilibria on either side and,
        with one equilibrium on each side, the choices (trees) or supports that move.
    condition : sympy Boolean or None
        With ``symbolic=``: where in the symbolic parameters this value applies (``value``
        is then an expression in them); None otherwise.
    game : RepeatedGame or None
        The analysed game where ``below``, ``above`` and ``at`` are not Solutions (a
        repeated game's: the sustained profiles), so that the notebook displays name its
        parameters by their declared LaTeX; None otherwise (the Solutions hold their
        games). Not compared.

    References
    ----------
    Maynard Smith, J. (1982). *Evolution and the Theory of Games*, ch. 2 (Hawk-Dove).

    Examples
    --------
    >>> import gametheory as gt
    >>> V, C = gt.parameters("V C")
    >>> g = gt.NormalFormGame.from_arrays([[(V - C) / 2, V], [0, V / 2]],
    ...                                   [[(V - C) / 2, 0], [V, V / 2]])
    >>> (cv,) = gt.critical_values(g, "C", V=2)
    >>> print(cv)  # doctest: +NORMALIZE_WHITESPACE
    C = 2: Player 1 indifferent between a1 and a2 against b1; 1 equilibrium below,
    3 equilibria above
    >>> float(cv), cv.below_at, cv.above_at
    (2.0, Fraction(199, 100), Fraction(201, 100))
    """

    parameter: str
    value: Any
    below: Any
    above: Any
    below_at: Fraction
    above_at: Fraction
    at: Any
    description: str
    condition: Any = None
    game: Any = field(default=None, repr=False, compare=False)

    def __float__(self) -> float:
        return float(self.value)

    def __str__(self) -> str:
        approx = "" if self.value.is_Rational else f" ~ {float(self.value):.10g}"
        return f"{self.parameter} = {self.value}{approx}: {self.description}"

    def __repr__(self) -> str:
        return f"<CriticalValue {self}>"

    def _repr_html_(self) -> str:
        """The value, what changes there and (to unfold) the equilibria below, at and
        above it, for Jupyter (see :mod:`gametheory.io._notebook`)."""
        from ..io._notebook import critical_html

        return critical_html(self)

    def _repr_latex_(self) -> str:
        """One line of LaTeX: ``$q = \\frac{1}{7}$: ...``."""
        from ..io._notebook import critical_latex

        return critical_latex(self)


def structure_key(sol: Any) -> tuple:
    """What is compared across a critical value: the supports and best-response sets of
    the equilibria (for trees, the actions chosen) and the sizes of the components of the
    equilibrium set.

    An extreme equilibrium is pinned down by its tight constraints (probabilities at 0,
    best responses), so it keeps one closed form exactly while both stay the same. In a
    degenerate game the support alone can stay while the binding best response switches
    (and the formula with it), hence the best-response sets.

    Parameters
    ----------
    sol : Solution
        Equilibria of one game.

    Returns
    -------
    tuple
        ``(sorted (supports, best responses) or choices, sorted component sizes)``.

    References
    ----------
    Shapley, L. S. (1974). A note on the Lemke-Howson algorithm. *Math. Programming
    Study* 1 (equilibria indexed by their supports).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> structure_key(gt.solve(g, exact=True))
    (((((0, 1), (0, 1)), ((0, 1), (0, 1))),), (1,))
    """
    eqs = []
    for eq in sol.equilibria:
        if not eq.strategies and eq.behavior is not None:
            eqs.append(tuple(sorted((h, tuple(a for a, p in d.items() if p > 0))
                                    for h, d in eq.behavior.items())))
        else:
            eqs.append((eq.supports, _best_responses(sol.game, eq)))
    comps = tuple(sorted(len(c.equilibria) for c in sol.components))
    return tuple(sorted(eqs)), comps


def _best_responses(game: NormalFormGame | None, eq: Any) -> tuple:
    """Each player's pure best responses to the others' strategies in ``eq``: exact for
    rational strategies; within 1e-9 of the payoff scale for a float solution and for
    irrational (algebraic) probabilities, which are compared in floats (exact sign
    decisions on algebraic numbers are slow, and a tie that close is not met in
    practice)."""
    if game is None:
        return ()
    rational = eq.exact and all(isinstance(x, (Fraction, int)) for s in eq.strategies
                                for x in s)
    strategies = eq.strategies if rational or not eq.exact else [
        np.array([float(x) for x in s]) for s in eq.strategies]
    vecs = game.payoff_vectors(strategies)
    if not rational:
        vecs = [np.array([float(u) for u in v]) for v in vecs]
    tol = 0 if rational else 1e-9 * max([1.0, *(float(abs(u)) for v in vecs for u in v)])
    return tuple(tuple(k for k, u in enumerate(v) if u >= max(v) - tol) for v in vecs)


def _switches(below: Any, above: Any) -> str:
    """``"Player 2's best responses b1, b2 -> b2, b3 (support a1, a2 | b2)"`` for each
    equilibrium whose support stays while its best responses change; "" when the
    supports change (or for trees)."""
    def pairs(sol):
        return sorted(((eq.supports, _best_responses(sol.game, eq), eq)
                       for eq in sol.equilibria if eq.strategies),
                      key=lambda t: t[:2]) if sol.game else []

    pb, pa = pairs(below), pairs(above)
    if not pb or [x[0] for x in pb] != [x[0] for x in pa]:
        return ""
    out = []
    for (sup, rb, eq), (_, ra, _) in zip(pb, pa):
        where = " | ".join(", ".join(lab[k] for k in s) for lab, s in zip(eq.labels, sup))
        out += [f"{p}'s best responses {', '.join(lab[k] for k in b)} -> "
                f"{', '.join(lab[k] for k in a)} (support {where})"
                for p, lab, b, a in zip(eq.players, eq.labels, rb, ra) if b != a]
    return "; ".join(out)


def _summary(sol: Any) -> str:
    n = len(sol.equilibria)
    cont = any(len(c.equilibria) > 1 for c in sol.components)
    return f"{n} equilibri{'um' if n == 1 else 'a'}" + (" (a continuum)" if cont else "")


def _change(below: Any, above: Any) -> str:
    """What moves when one equilibrium on each side: choices (trees) or supports; or,
    when the supports stay, whose best responses switch."""
    switch = _switches(below, above)
    if switch or len(below.equilibria) != 1 or len(above.equilibria) != 1:
        return switch
    (b,), (a,) = below.equilibria, above.equilibria
    if not b.strategies and b.behavior is not None:
        def pick(d):
            return ", ".join(x for x, p in d.items() if p > 0)
        moves = [f"{h}: {pick(b.behavior[h])} -> {pick(a.behavior[h])}"
                 for h in b.behavior if pick(b.behavior[h]) != pick(a.behavior[h])]
    else:
        moves = [f"{p}: {', '.join(lab[k] for k in sb)} -> {', '.join(lab[k] for k in sa)}"
                 for p, lab, sb, sa in zip(b.players, b.labels, b.supports, a.supports)
                 if sb != sa]
    return "; ".join(moves)


def _number(name: str, v: Any) -> Any:
    """``v`` as an exact sympy number or +-oo; GameError for NaN, complex or non-numbers."""
    import sympy

    from ..games.parameters import _value
    from ..games.values import to_fraction

    if isinstance(v, (float, np.floating)):
        v = float(v)
        if v != v:
            raise GameError(f"value nan for parameter {name!r} is not a number")
        if v in (float("inf"), float("-inf")):
            return sympy.oo if v > 0 else -sympy.oo
        f = to_fraction(v)                    # the decimal it prints as, exactly
        return sympy.Rational(f.numerator, f.denominator)
    # trusted: strict sympify, text raises; _value has parsed any string already
    out = sympy.sympify(_value(name, v), strict=True)
    if out.free_symbols or out is sympy.nan or out.is_extended_real is not True:
        raise GameError(f"value {v!r} for parameter {name!r} is not a real number")
    return out


def require_form(game: Any, what: str) -> None:
    """GameError unless ``game`` is a normal form or a tree (what ``what`` analyses),
    naming the way in for a Bayesian or repeated game."""
    if hasattr(game, "is_tree"):
        return
    kind = type(game).__name__
    hint = {"BayesianGame": "; analyse its Harsanyi tree, game.to_tree(), or its normal "
                            "form, game.to_normal()",
            "RepeatedGame": "; for the discount factor use gt.critical_values(rep, "
                            "'delta') or rep.critical_discount(...), or analyse the "
                            "stage game, rep.stage"}.get(kind, "")
    raise GameError(f"{what} take a NormalFormGame or an ExtensiveFormGame, not a "
                    f"{kind}{hint}")


def _parameter_names(game: Game, what: str) -> list[str]:
    """The names of the game's parameters; GameError when it has none (``what`` needs
    them) or is not a normal form or a tree."""
    require_form(game, what)
    names = [p.name for p in game.parameters]
    if not names:
        raise GameError(f"the game has no parameters; {what} need a parametric game "
                        "(payoffs with gt.parameters)")
    return names


def _unknown(name: Any, names: list[str]) -> GameError:
    return GameError(f"unknown parameter {name!r}; this game's parameters are: "
                     f"{', '.join(names) or 'none'}")


def _defaults(game: Game) -> dict[str, Any]:
    """``{name: declared default}`` for the parameters that declare one."""
    info = game.parameter_info
    return {k: p.default for k, p in info.items() if p is not None and p.default is not None}


def _prepare(game: Game, name: str, fixed: dict) -> tuple[Any, Any]:
    """The game with every parameter but ``name`` fixed (given values, else declared
    defaults) and the Symbol of ``name``; GameError naming what is missing."""
    params = tuple(game.parameters)
    names = _parameter_names(game, "critical values")
    if not isinstance(name, str) or name not in names:
        raise _unknown(name, names)
    if name in fixed:
        raise GameError(f"parameter {name!r} is the one analysed; do not also fix it")
    values = dict(fixed)
    defaults = _defaults(game)
    for other in names:
        if other != name and other not in values and other in defaults:
            values[other] = defaults[other]
    missing = [n for n in names if n != name and n not in values]
    if missing:
        raise GameError(f"several free parameters: {', '.join(names)}; fix "
                        f"{', '.join(missing)} (e.g. {missing[0]}=1) or declare a default")
    sub = game.substitute(**values) if values else game
    q = next(p for p in params if p.name == name)
    return sub, q


def _domain(game: Game, name: str, interval: Any) -> tuple[Any, Any]:
    import sympy

    info = game.parameter_info.get(name)
    dom = info.domain if info is not None and info.domain is not None else None
    lo, hi = (-sympy.oo, sympy.oo) if dom is None else (_number(name, dom[0]),
                                                       _number(name, dom[1]))
    if interval is not None:
        if isinstance(interval, str) or not hasattr(interval, "__len__") \
                or len(interval) != 2:
            raise GameError(f"interval must be a pair (lo, hi) of numbers; got {interval!r}")
        a, b = (_number(name, x) for x in interval)
        if not bool(a < b):
            raise GameError(f"interval {interval!r} for {name!r} is empty: "
                            "it needs lo < hi")
        if bool(a < lo) or bool(b > hi):
            raise GameError(f"interval {interval!r} leaves the domain of {name!r}: "
                            f"[{lo}, {hi}]")
        lo, hi = a, b
    return lo, hi


def _fits(game: Game, m: Any, tree_form: bool) -> bool:
    """Whether the registered method ``m`` applies to ``game`` as a tree itself
    (``tree_form``) or as a normal form (a tree's reduced one): forms, players, the
    requirements that do not need numbers, and perfect recall for subgame perfection."""
    from ..solvers.registry import REQUIREMENTS

    if tree_form != ("tree" in m.forms and game.is_tree):
        return False
    if not tree_form and "normal" not in m.forms:
        return False
    if m.players is not None and game.num_players != m.players:
        return False
    if m.sensitivity == "subgames" and not game.has_perfect_recall:
        return False
    return all(REQUIREMENTS[r](game) for r in m.requires if r != "zero-sum")


def _capable(game: Game | None = None) -> str:
    """The methods with an exact candidate source (those that apply to ``game``, if
    given), for messages."""
    from ..solvers.registry import METHODS

    names = [n for n, m in METHODS.items() if m.exact and m.sensitivity is not None
             and (game is None or _fits(game, m, game.is_tree) or _fits(game, m, False))]
    return ", ".join(names) or "none"


def _resolve(game: Game, method: str) -> tuple[str, str]:
    """``(the method that confirms the candidates, the candidate source)`` for ``method``
    on ``game``, read from the registry (:attr:`Method.sensitivity`). ``"auto"``: the
    first method ``"auto"`` may use that has a source and fits the game, in the order of
    :func:`_auto_forms`. ``"support"`` names the source and is
    confirmed by ``"vertex"`` (all extreme equilibria and components). A ``"subgames"``
    source on a perfect-information tree is ``"backward"``."""
    from ..solvers.registry import METHODS

    if method != "auto" and (not isinstance(method, str) or method not in METHODS):
        raise SolverError(f"unknown method {method!r} for critical_values; available: "
                          f"auto, {_capable()}")
    if method == "auto":
        order = [m for m in METHODS.values() if m.auto and m.exact and m.sensitivity]
        pick = next((m for tree_form in _auto_forms(game) for m in order
                     if _fits(game, m, tree_form)), None)
        if pick is None:
            raise SolverError(f"no registered method analyses this game exactly "
                              f"({game.num_players} players, "
                              f"{'a tree' if game.is_tree else 'a normal form'}); methods "
                              f"with exact critical values: {_capable()}")
    else:
        pick = METHODS[method]
        _check_pick(game, pick)
    source = pick.sensitivity
    if source == "subgames" and game.has_perfect_information:
        source = "backward"
    if source == "backward" and not game.has_perfect_information:
        raise SolverError(f"method {pick.name!r} analyses trees with perfect information "
                          "only; use method='spe' (proper subgames) or 'support'")
    return ("vertex" if pick.name == "support" else pick.name), source


def _auto_forms(game: Game) -> tuple[bool, ...]:
    """The forms "auto" tries, as ``_fits``'s ``tree_form``: the solution concept of
    ``gt.solve(method="auto")`` (:func:`~gametheory.solvers.auto.tree_first`), so that a
    sweep's points and its exact regions agree. A tree with perfect information or with
    other than two players: subgame perfection (the tree's own methods) first; a
    two-player tree with imperfect information: Nash equilibria of its reduced normal form
    (``method="spe"`` asks for subgame perfection)."""
    if game.is_tree and game.num_players == 2 and not game.has_perfect_information:
        return (False, True)
    return (True, False)


def _check_pick(game: Game, m: Any) -> None:
    """SolverError when the explicitly named method ``m`` cannot analyse ``game``."""
    if not m.exact:
        raise SolverError(f"critical_values confirms each value in exact arithmetic; "
                          f"method {m.name!r} does not support exact=True")
    if m.sensitivity is None:
        raise SolverError(f"method {m.name!r} declares no exact candidate source "
                          f"(registry field sensitivity); methods that have one: "
                          f"{_capable(game)}")
    if "normal" not in m.forms and not game.is_tree:
        raise SolverError(f"method {m.name!r} needs a game tree; use method='support'")
    if m.sensitivity == "subgames" and game.is_tree and not game.has_perfect_recall:
        raise SolverError(f"method {m.name!r} needs perfect recall (subgame perfection); "
                          f"methods that apply: {_capable(game)}")
    if not (_fits(game, m, game.is_tree and "tree" in m.forms)):
        raise SolverError(f"method {m.name!r} does not apply to this game "
                          f"({game.num_players} players); methods that do: "
                          f"{_capable(game)}")


def _kind(game: Game, method: str) -> str:
    """The candidate source for ``method`` on ``game``: ``"support"``, ``"pure"``,
    ``"polynomial"``, ``"backward"`` or ``"subgames"`` (see :func:`_resolve`)."""
    return _resolve(game, method)[1]


def _confirming(game: Game, method: str) -> str:
    """The registered method whose exact solves confirm the candidates of ``method``."""
    return _resolve(game, method)[0]


def _chance_domain(F: Any, probs: list, name: str, lo: Any, hi: Any) -> tuple[Any, Any]:
    """(lo, hi) narrowed to where every chance probability lies in [0, 1]; GameError when
    that is not one interval."""
    cuts = set()
    for p in probs:
        cuts.update(F.roots(p, lo, hi))
        cuts.update(F.roots(F.K.one - p, lo, hi))
    cuts = [lo, *sym.sort_unique(cuts, F.num), hi]
    ok = []
    for x, y in zip(cuts, cuts[1:]):
        t = sym.interior_point(x, y)
        ok.append(all(0 <= F.at(p, t) <= 1 for p in probs))
    if not any(ok):
        raise GameError(f"no value of {name} in ({lo}, {hi}) makes every chance "
                        "probability lie in [0, 1]")
    first = ok.index(True)
    last = len(ok) - 1 - ok[::-1].index(True)
    if not all(ok[first:last + 1]):
        raise GameError(f"the chance probabilities are valid on several intervals of {name}; "
                        "choose one with interval=(lo, hi)")
    return cuts[first], cuts[last + 1]


def _solver(game: Game, name: str, kind: str, method: str = "auto"):
    """The exact solve of ``game`` at a value of ``name``, cached, by the method that
    confirms ``method``'s candidates (:func:`_confirming`: ``"auto"`` and
    ``"support"`` resolved). ``kind`` (the source) is not needed; kept for callers."""
    import gametheory as gt

    method = _confirming(game, method)
    cache: dict = {}

    def solve(t: Fraction) -> Any:
        if t not in cache:
            g = game.substitute(**{name: t})
            try:
                cache[t] = gt.solve(g, method=method, exact=True)
            except GameError:  # irrational payoffs at a rational point: floats
                cache[t] = gt.solve(g, method=method)
        return cache[t]

    return solve


def _candidates(game: Game, q: Any, kind: str, lo: Any, hi: Any) -> Any:
    """The candidate values in (lo, hi) of the source ``kind`` (:func:`_kind`) for
    ``game``, whose only parameter is the Symbol ``q``."""
    if kind == "assessment":
        from ._critical_assessment import assessment_candidates
        return assessment_candidates(game, q, lo, hi)
    if kind in ("backward", "subgames"):
        a = game.arrays
        F = sym.Field(q, list(a.payoffs.ravel()) + list(a.chance_prob))
        cand = sym.Candidates(F, lo, hi)
        if kind == "backward":
            sym.tree_candidates(game, F, cand)
        else:
            from ._critical_subgames import subgame_candidates
            subgame_candidates(game, F, cand)
        return cand
    nf = game.to_normal_form() if game.is_tree else game
    P = nf.payoffs
    F = sym.Field(q, list(P.ravel()))
    cand = sym.Candidates(F, lo, hi)
    if kind == "support":
        A, B = ([[F(x) for x in row] for row in P[i].tolist()] for i in (0, 1))
        sym.bimatrix_candidates(nf, F, A, B, cand)
    else:
        from . import _critical_poly as poly
        if kind == "pure":
            poly.pure_candidates(nf, poly.field_tensor(nf, F), cand)
        else:
            poly.polynomial_candidates(nf, F, cand)
    return cand


def critical_values(game: Game, parameter: str, method: str = "auto",
                    interval: tuple | None = None, symbolic: Any = (),
                    **fixed: Any) -> list[CriticalValue]:
    """The exact values of one parameter at which the equilibrium set changes.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        A parametric game: a normal form of two players, or of three (small: at most
        :data:`~gametheory.sensitivity._critical_poly.MAX_UNKNOWNS` unknown
        probabilities, e.g. 3 x 2 x 2; larger ones are refused), or a tree (any number
        of players, chance allowed; imperfect information with perfect recall).
        Payoffs (and chance probabilities) should be rational functions of the
        parameter.
    parameter : str
        The parameter that varies.
    method : str
        ``"auto"`` or a registered method with an exact candidate source (its
        ``sensitivity`` field; ``gt.show_method(name)`` prints it), whose exact solves
        confirm the candidates: ``"spe"`` (trees: backward induction with perfect
        information, else the proper subgames bottom-up, as ``gt.solve(method="spe")``
        solves them: pieces in which three or more players move for pure equilibria only),
        ``"vertex"``, ``"lemke-howson"``, ... (support conditions of a two-player normal
        form; for a tree its reduced normal form), ``"support"`` (the same conditions,
        confirmed by ``"vertex"``), ``"enumpoly"`` (the polynomial systems of any number of
        players), ``"pure"`` (pure equilibria). ``"auto"``: the first method ``"auto"``
        may use that fits: ``"spe"`` for trees with perfect recall, ``"vertex"`` for two
        players, ``"enumpoly"`` for more.
    interval : (lo, hi), optional
        Look only inside this open interval (default: the declared domain, else the line).
    symbolic : tuple of str, optional
        Parameters (one or two) kept as symbols: each value is then an expression in them
        with a ``condition`` (a sympy Boolean on them, inside their domains) saying where
        it applies; ``below``, ``above`` and ``at`` are the solves at one sample point of
        them, named in ``description``. See :mod:`gametheory.sensitivity._symbolic_critical`.
    **fixed
        Values of the other parameters (rational); parameters left out take their declared
        default.

    Returns
    -------
    list of CriticalValue
        Sorted by value; only values where the equilibria just below and just above (or,
        for a rational value, at it) differ in number, supports or components.

    Notes
    -----
    Candidates are the real roots of the conditions, found exactly; each is confirmed by
    solving the game with exact arithmetic at rational points on both sides. The end
    points of the domain (or interval) are never reported. A warning
    (DegenerateGameWarning) says when the equilibria differ between two neighbouring
    candidates, which only a game degenerate on a whole interval can cause. A change at
    an isolated irrational value with the same structure on both sides is not reported.
    With more than two players the equilibria at a rational point may be irrational
    (algebraic numbers from ``"enumpoly"``); their best responses, part of what is
    compared, are then decided in floats within 1e-9 of the payoff scale. A support
    profile with a continuum of solutions for every value gives no candidates of its
    own. Too large a game is refused with a SolverError suggesting ``gt.sweep``.

    References
    ----------
    von Stengel, B. (2002). Computing equilibria for two-person games. In *Handbook of
    Game Theory* 3, ch. 45 (support enumeration); Selten, R. (1975). Reexamination of the
    perfectness concept. *Int. J. Game Theory* 4, 25-55 (backward induction, subgame
    perfection); McKelvey, R. D. & McLennan, A. (1996). Computation of equilibria in
    finite games. *Handbook of Computational Economics* 1, 87-142 (polynomial systems);
    Diekmann, A. (1985). Volunteer's dilemma. *Journal of Conflict Resolution* 29(4),
    605-610 (the example below).

    Examples
    --------
    Hawk-Dove with prize V = 2 and cost C (Maynard Smith 1982): for C > 2 there is a
    mixed equilibrium playing Hawk with probability V/C; for C < 2 Hawk dominates.

    >>> import gametheory as gt
    >>> V, C = gt.parameters("V C")
    >>> g = gt.NormalFormGame.from_arrays([[(V - C) / 2, V], [0, V / 2]],
    ...                                   [[(V - C) / 2, 0], [V, V / 2]])
    >>> cv = gt.critical_values(g, "C", V=2)
    >>> [str(c.value) for c in cv], len(cv[0].below), len(cv[0].above)
    (['2'], 1, 3)

    Three players: two guarantors each defend (cost 3) or abandon (audience cost q) a
    state; one defender suffices (benefit 2 to both): a volunteer's dilemma (Diekmann
    1985) in which each defends with probability (q - 1)/2 for 1 < q < 3. Russia,
    moving at the same time, escalates (2 if nobody defends, else -3) or stays (0):
    against the mixed pair it escalates while ((3 - q)/2)**2 > 3/5.

    >>> import numpy as np
    >>> q = gt.parameters("q")
    >>> U = np.empty((3, 2, 2, 2), dtype=object)
    >>> for i, j, k in np.ndindex(2, 2, 2):
    ...     held = i == 0 or j == 0
    ...     U[:, i, j, k] = (-1 if i == 0 else 2 * held - q, -1 if j == 0 else 2 * held - q,
    ...                      (-3 if held else 2) if k == 0 else 0)
    >>> g = gt.NormalFormGame(U, players=["G1", "G2", "Russia"])
    >>> [str(c.value) for c in gt.critical_values(g, "q", interval=(0, 5))]
    ['1', '3 - 2*sqrt(15)/5', '3']
    """
    own = getattr(game, "_critical_values", None)
    if callable(own):  # a game with its own analysis (gt.RepeatedGame: the discount factor)
        return own(parameter, method=method, interval=interval, symbolic=symbolic, **fixed)
    if symbolic:  # parameters kept as symbols: candidates' roots as expressions in them
        return _symbolic.symbolic_critical_values(game, parameter, symbolic, fixed,
                                                  numeric=critical_values,
                                                  make=CriticalValue, domain=_domain,
                                                  resolve=_resolve,
                                                  method=method, interval=interval)
    sub, q = _prepare(game, parameter, fixed)
    kind = _kind(sub, method)
    lo, hi = _domain(game, parameter, interval)
    if sub.is_tree:
        F = sym.Field(q, list(sub.arrays.chance_prob))
        lo, hi = _chance_domain(F, [F(p) for p in sub.arrays.chance_prob], parameter, lo, hi)
    cand = _candidates(sub, q, kind, lo, hi)
    values = cand.values()
    solve = _solver(sub, parameter, kind, method)
    cuts = [lo, *values, hi]
    keys = [structure_key(solve(sym.interior_point(x, y))) for x, y in zip(cuts, cuts[1:])]
    out = []
    for k, c in enumerate(values):
        at = solve(Fraction(int(c.p), int(c.q))) if c.is_Rational else None
        if keys[k] == keys[k + 1] and (at is None or structure_key(at) == keys[k]):
            continue
        b, a = sym.near_points(c, cuts[k], cuts[k + 2])
        below, above = solve(b), solve(a)
        kb, ka = structure_key(below), structure_key(above)
        if kb != keys[k] or ka != keys[k + 1]:
            warnings.warn(f"the equilibria change between candidate values of {parameter} "
                          f"near {float(c):.6g} where no condition changes; the game may be "
                          "degenerate there", DegenerateGameWarning, stacklevel=2)
        what = cand.found[c]
        change = f"{_summary(below)} below, {_summary(above)} above"
        if kb == ka:
            change = f"{_summary(at)} at the value, {_summary(below)} on both sides"
        moves = _change(below, above)
        text = f"{what}; {change}" + (f" ({moves})" if moves else "")
        out.append(CriticalValue(parameter, c, below, above, b, a, at, text))
    return out
