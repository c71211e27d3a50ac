"""Equilibrium solvers: ``solve(game, method=...)`` reading the method registry.

Each method is one module with one function ``f(game, exact=False, **options)``
returning a :class:`~gametheory.solvers.result.Solution`, and one entry in
:data:`METHODS` (:mod:`gametheory.solvers.registry`): adding a method is one module
plus one :func:`~gametheory.solvers.registry.register` call. ``solve`` refuses options a
method does not take (one check, :func:`~gametheory.solvers.auto.check_options`), and
``"auto"`` (:mod:`gametheory.solvers.auto`) builds its chains from the registry.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ..errors import GameError, SolverError
from ..games.normal import NormalFormGame  # loaded by .result anyway: no import cost
from ._small import solve_small
from .auto import (
    AUTO_ENUMPOLY_PLAYERS,
    AUTO_ENUMPOLY_UNKNOWNS,
    AUTO_TREE_STRATEGIES,
    AUTO_VERTEX_SECONDS,
    check_options,
    noted,
    solve_auto_normal,
    solve_auto_tree,
)
from .registry import METHODS, Method, Option, get_method, register, show_method, unregister
from .result import Component, Equilibrium, NashSubset, Solution, solve_in_float_range

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveFormGame
    from ..games.protocol import Game

__all__ = ["solve", "METHODS", "TREE_METHODS", "Solution", "Equilibrium", "Component",
           "NashSubset", "Method", "Option", "register", "unregister", "get_method",
           "show_method", "IRRATIONAL_NOTE", "AUTO_ENUMPOLY_PLAYERS", "AUTO_ENUMPOLY_UNKNOWNS",
           "AUTO_TREE_STRATEGIES", "AUTO_VERTEX_SECONDS"]

#: The note "auto" adds when irrational payoffs or probabilities were solved in floats.
IRRATIONAL_NOTE = ("the game has irrational payoffs or probabilities (e.g. sqrt(2), pi); "
                   "it was solved in floating point, so the equilibria are approximate")


def __getattr__(name: str) -> Any:
    if name == "TREE_METHODS":   # derived from the registry, so it sees new methods
        return tree_methods()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def tree_methods() -> tuple[str, ...]:
    """The methods that work on a tree itself (``"tree"`` in their forms); every other
    method solves a tree's reduced normal form.

    >>> tree_methods()
    ('spe', 'sequential', 'pbe', 'sequence-lp', 'sequence-lcp', 'qre')
    """
    return tuple(n for n, m in METHODS.items() if "tree" in m.forms)


def _run(name: str, game: Game, exact: bool, options: Mapping[str, Any]) -> Solution:
    """Call the registered method ``name`` (options already checked); ``"spe"`` and any
    method with ``takes_normal_solver`` get :func:`_solve_normal`."""
    m = METHODS[name]
    if m.takes_normal_solver:
        return m.function(game, exact=exact, normal_solver=_solve_normal, **options)
    return m.function(game, exact=exact, **options)


def _with_behavior(tree: ExtensiveFormGame, sol: Solution) -> Solution:
    """``sol`` (of the tree's reduced normal form) with each equilibrium's ``behavior``
    set by Kuhn's theorem; ``sol.game`` stays the reduced normal form."""
    if not tree.has_perfect_recall:
        note = ("solved on the reduced normal form; the tree lacks perfect recall, so "
                "equilibria have no behaviour profile")
        return dataclasses.replace(sol, notes=sol.notes + (note,))
    eqs = [dataclasses.replace(eq, behavior=tree.mixed_to_behavior(eq.strategies))
           for eq in sol.equilibria]
    return dataclasses.replace(sol, equilibria=eqs)


def solve(game: Game, method: str | Callable[..., Solution] = "auto", exact: bool = False,
          **options: Any) -> Solution:
    """Compute equilibria of a game.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        The game (a ``nashpy.Game`` or a pygambit game is converted first, see
        :mod:`gametheory.io.interop`); its payoffs must be numeric (substitute
        parameters first). The tree
        methods (:data:`TREE_METHODS`) work on a tree itself; every other method solves
        its reduced normal form: the Solution's ``game`` is then that normal form, each
        equilibrium keeps its mixed strategies over the reduced strategies and also
        carries ``behavior``, the equivalent behaviour profile (Kuhn's theorem; perfect
        recall only). ``"auto"`` on a tree: ``"spe"`` for perfect information or more
        than two players (when it finds no pure SPE: ``"qre"``, whose limit is
        subgame perfect, then the reduced normal form); the reduced normal form by
        ``"vertex"`` when it is small (if vertex refuses it: ``"sequence-lp"`` or
        ``"sequence-lcp"``); else ``"sequence-lp"`` (zero-sum) or ``"sequence-lcp"``.
    method : str or callable
        One of :data:`METHODS` (``gt.show_method(name)`` describes one) or ``"auto"``:
        a complete method where one applies (``"vertex"`` for two players,
        ``"enumpoly"`` for small games of more players), else the best available
        (``"lemke-howson"``, ``"pns"``, ``"qre"``). ``"auto"``
        tries them in turn, each only if it accepts the game (size, players, exact):
        when one refuses, fails or finds nothing, the next runs and ``sol.notes`` says
        so; ``sol.method`` names the one that ran. A game where every player but one
        has a single strategy is solved by best responses (``"best-response"``, linear
        time, complete). Irrational payoffs are solved in floats, with a note. A
        callable ``f(game, exact=False, **options) -> Solution`` is called with the game
        and the options (as ``scipy.optimize.minimize`` takes a callable method).
    exact : bool
        Exact rational arithmetic: probabilities and payoffs as Fractions. Float payoffs
        are read as the decimals they print as.
    **options
        Passed to the method (e.g. ``tol``, ``time_limit``, ``progress``). With
        ``"auto"`` each method it tries gets the options it takes (each its own
        ``time_limit``); an option none of them takes is an error. An option the
        method does not take is a SolverError naming the ones it does.

    Returns
    -------
    Solution

    Examples
    --------
    >>> import gametheory as gt
    >>> bos = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> sol = gt.solve(bos, exact=True)
    >>> sol.method, sol.complete, len(sol.equilibria)
    ('vertex', True, 3)
    >>> print(sol.equilibria[1])
    Player 1: a1 2/3, a2 1/3; Player 2: b1 1/3, b2 2/3; payoffs 2/3, 2/3

    Matching pennies as a tree (B does not see A's coin) is solved on its reduced
    normal form; each equilibrium also carries its behaviour profile:

    >>> t = gt.ExtensiveFormGame(["A", "B"])
    >>> for a, node in zip("HT", t.root.decide("A", ["H", "T"])):
    ...     for b, leaf in zip("HT", node.decide("B", ["H", "T"], infoset="B")):
    ...         _ = leaf.payoffs(1 if a == b else -1, -1 if a == b else 1)
    >>> eq = gt.solve(t, exact=True).equilibria[0]
    >>> eq.behavior["B"]
    {'H': Fraction(1, 2), 'T': Fraction(1, 2)}
    """
    if type(game) is NormalFormGame and isinstance(method, str):  # small games: lean path
        sol = solve_small(game, method, exact, options)
        if sol is not None:
            return sol
    from ..games.extensive import ExtensiveFormGame
    from ..io.interop import as_game

    game = as_game(game)                  # a nashpy or pygambit game: ours
    own = getattr(game, "_solve", None)   # a game solved through another form (BayesianGame)
    if own is not None and not isinstance(game, (NormalFormGame, ExtensiveFormGame)):
        return own(method, exact, options)
    if not isinstance(game, (NormalFormGame, ExtensiveFormGame)):
        raise GameError(f"solve needs a game, got {type(game).__name__}")
    if callable(method):
        return _solve_callable(game, method, exact, options)
    if method != "auto":
        m = get_method(method)
        check_options([m.name], options, m.name)
        if game.is_tree and "tree" in m.forms:
            return _run(m.name, game, exact, options)
        if game.is_tree:
            return _with_behavior(game, _solve_normal(game.to_normal_form(), m.name, exact,
                                                      options))
        return _solve_normal(game, m.name, exact, options, small=False)
    if game.is_tree:
        return solve_auto_tree(game, exact, options, _run, _solve_normal, _with_behavior)
    return _solve_normal(game, "auto", exact, options, small=False)


def _solve_callable(game: Game, method: Callable[..., Solution], exact: bool,
                    options: Mapping[str, Any]) -> Solution:
    """``method(game, exact=exact, **options)``, checked to return a Solution."""
    if game.parameters:
        raise GameError(game.unsubstituted_message())
    sol = method(game, exact=exact, **options)
    if not isinstance(sol, Solution):
        raise SolverError(f"method {getattr(method, '__name__', method)!r} returned "
                          f"{type(sol).__name__}, not a Solution")
    return sol


def _solve_normal(game: NormalFormGame, method: str, exact: bool, options: Mapping[str, Any],
                  small: bool = True) -> Solution:
    """Solve a normal-form game by the registered ``method`` (options checked here) or
    ``"auto"`` (:func:`~gametheory.solvers.auto.solve_auto_normal`); the normal-form
    solver that ``"spe"`` receives. ``small``: try the lean path of small bimatrix games
    (:func:`~gametheory.solvers._small.solve_small`) first; ``solve`` has tried it
    already."""
    if game.parameters:
        names = ", ".join(p.name for p in game.parameters)
        raise GameError(f"the payoffs depend on the parameters {names}; fix them with "
                        f"game.substitute(...) or analyse them with gt.sweep")
    if game.kind == "symbolic" and exact:
        raise GameError("exact=True needs rational payoffs; this game has irrational ones")
    sol = solve_small(game, method, exact, options) if small else None
    if sol is not None:                   # a small bimatrix game: the lean path
        return sol
    options = dict(options)
    if method != "auto":
        check_options([get_method(method).name], options, method)
        return solve_in_float_range(game, exact,
                                    lambda g: _run(method, g, exact, options))
    sol = solve_in_float_range(game, exact,
                               lambda g: solve_auto_normal(g, exact, options, _run))
    if game.kind == "symbolic":
        sol = noted(sol, [IRRATIONAL_NOTE])
    return sol
