"""Equilibrium solvers: ``solve(game, method=...)`` and the method registry.

Each method is one module with one function ``f(game, exact=False, **options)``
returning a :class:`~gametheory.solvers.result.Solution`; adding a method is one module
plus one line in :data:`METHODS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from ..errors import GameError, SolverError
from .result import Component, Equilibrium, NashSubset, Solution, solve_in_float_range

__all__ = ["solve", "METHODS", "TREE_METHODS", "Solution", "Equilibrium", "Component", "NashSubset"]

#: method name -> (module, function, short description). Imported lazily.
METHODS: dict[str, tuple[str, str, str]] = {
    "pure": ("pure", "solve_pure", "all pure equilibria, any number of players"),
    "support": ("support", "solve_support", "support enumeration, two players"),
    "vertex": ("vertex", "solve_vertex",
               "vertex enumeration: all extreme equilibria and components, two players"),
    "lemke-howson": ("lemke_howson", "solve_lemke_howson",
                     "Lemke-Howson from every initial label, two players"),
    "lp": ("lp", "solve_lp", "linear programming, two-player zero-sum games"),
    "spe": ("backward", "solve_spe",
            "subgame-perfect equilibria of trees: backward induction (all pure SPE) on perfect "
            "information, proper subgames solved bottom-up otherwise"),
    "sequence-lp": ("sequence_lp", "solve_sequence_lp",
                    "sequence-form linear programming, two-player zero-sum trees"),
    "sequence-lcp": ("sequence_lcp", "solve_sequence_lcp",
                     "Lemke's algorithm on the sequence form: one equilibrium, two-player trees"),
    "qre": ("qre", "solve_qre", "logit QRE branch from lambda = 0 and its verified limit, any "
            "number of players; trees in agent form"),
    "enumpoly": ("enumpoly", "solve_enumpoly",
                 "support enumeration with polynomial systems: all equilibria, small N-player "
                 "games"),
    "pns": ("pns", "solve_pns", "one equilibrium of an N-player game: small supports first "
            "(Porter, Nudelman & Shoham 2008)"),
}

#: "auto" picks "enumpoly" (all equilibria) for games of more than two players with at
#: most this many players and unknowns (sum of n_i - 1; 2x3x3 and 2x2x2x2 take about a
#: second, 3x3x3 about 5 s), else "pns" (one equilibrium, small supports first).
AUTO_ENUMPOLY_PLAYERS = 4
AUTO_ENUMPOLY_UNKNOWNS = 5

#: Methods that work on a tree itself; every other method solves its reduced normal form.
TREE_METHODS = ("spe", "sequence-lp", "sequence-lcp", "qre")

#: "auto" solves a two-player tree on its reduced normal form when each player has at most
#: this many reduced strategies and vertex enumeration is predicted to be quick.
AUTO_TREE_STRATEGIES = 40

#: "auto" picks "vertex" for a bimatrix game when qhull is predicted to finish within
#: this many seconds (up to 15 x 15 for square games), else "lemke-howson".
AUTO_VERTEX_SECONDS = 0.5


def _resolve(method: str) -> Callable[..., Solution]:
    try:
        module, func, _ = METHODS[method]
    except KeyError:
        raise SolverError(f"unknown method {method!r}; available: "
                          f"{', '.join(['auto', *METHODS])}") from None
    mod = importlib.import_module(f"{__name__}.{module}")
    return getattr(mod, func)


def _auto(game) -> str:
    if game.num_players == 2:
        from .polytope import predicted_seconds

        if predicted_seconds(min(game.shape), max(game.shape)) <= AUTO_VERTEX_SECONDS:
            return "vertex"
        return "lemke-howson"
    if game.num_players <= AUTO_ENUMPOLY_PLAYERS and \
            sum(n - 1 for n in game.shape) <= AUTO_ENUMPOLY_UNKNOWNS:
        return "enumpoly"
    return "pns"


def _perfect_information(game) -> bool:
    """True for a numeric tree with two or more players whose information sets are nodes."""
    import numpy as np

    arrays = getattr(game, "arrays", None)
    if arrays is None or game.num_players < 2 or arrays.kind == "symbolic":
        return False
    return bool((np.bincount(arrays.infoset[arrays.infoset >= 0]) <= 1).all())


def _auto_tree(game) -> str | None:
    """The method "auto" uses for a tree, or None for "its reduced normal form".

    Perfect information -> ``"spe"``; more than two players -> ``"spe"`` (subgames);
    two players with a small reduced normal form -> that normal form (``"vertex"``, all
    extreme equilibria); larger two-player trees with perfect recall -> ``"sequence-lp"``
    when zero-sum, else ``"sequence-lcp"`` (one equilibrium).
    """
    import numpy as np

    from ..games._tree_reduce import reduced_strategies
    from .polytope import predicted_seconds

    if _perfect_information(game):
        return "spe"
    if not game.has_perfect_recall or game.arrays.kind == "symbolic":
        return None
    if game.num_players != 2:
        return "spe"
    a = game.arrays
    sizes = [reduced_strategies(a, game._children, p, limit=AUTO_TREE_STRATEGIES)
             for p in range(2)]
    if all(s is not None for s in sizes):
        m, n = (max(len(s), 1) for s in sizes)
        if predicted_seconds(min(m, n), max(m, n)) <= AUTO_VERTEX_SECONDS:
            return None
    pay = a.payoffs.astype(np.float64)
    total = pay.sum(axis=1)
    return "sequence-lp" if np.ptp(total) <= 1e-12 * max(1.0, np.abs(pay).max()) \
        else "sequence-lcp"


def _with_behavior(tree: Any, sol: Solution) -> Solution:
    """``sol`` (of the tree's reduced normal form) with each equilibrium's ``behavior``
    set by Kuhn's theorem; ``sol.game`` stays the reduced normal form."""
    import dataclasses

    if not tree.has_perfect_recall:
        note = ("solved on the reduced normal form; the tree lacks perfect recall, so "
                "equilibria have no behaviour profile")
        return dataclasses.replace(sol, notes=sol.notes + (note,))
    eqs = [dataclasses.replace(eq, behavior=tree.mixed_to_behavior(eq.strategies))
           for eq in sol.equilibria]
    return dataclasses.replace(sol, equilibria=eqs)


def solve(game: Any, method: str = "auto", exact: bool = False, **options: Any) -> Solution:
    """Compute equilibria of a game.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        The game; its payoffs must be numeric (substitute parameters first). The tree
        methods (:data:`TREE_METHODS`) work on a tree itself; every other method solves
        its reduced normal form: the Solution's ``game`` is then that normal form, each
        equilibrium keeps its mixed strategies over the reduced strategies and also
        carries ``behavior``, the equivalent behaviour profile (Kuhn's theorem; perfect
        recall only). ``"auto"`` on a tree: ``"spe"`` for perfect information or more
        than two players; the reduced normal form by ``"vertex"`` when it is small;
        else ``"sequence-lp"`` (zero-sum) or ``"sequence-lcp"``.
    method : str
        One of :data:`METHODS` or ``"auto"``: a complete method where one applies
        (``"vertex"`` for two players, ``"enumpoly"`` for small games of more players),
        else the best available (``"lemke-howson"``, ``"pns"``); ``sol.method`` says
        which ran.
    exact : bool
        Exact rational arithmetic: probabilities and payoffs as Fractions. Float payoffs
        are read as the decimals they print as.
    **options
        Passed to the method (e.g. ``tol``).

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
    from ..games.normal import NormalFormGame

    tree = None
    if not isinstance(game, NormalFormGame):
        if not hasattr(game, "arrays"):
            raise GameError(f"solve needs a game, got {type(game).__name__}")
        chosen = method
        if method == "auto" and game.arrays.kind != "symbolic":
            chosen = _auto_tree(game) or "auto"
        if chosen in TREE_METHODS:
            return _resolve(chosen)(game, exact=exact, **options)
        to_nf = getattr(game, "to_normal_form", None)
        if to_nf is None:
            raise GameError(f"solve needs a game, got {type(game).__name__}")
        tree, game = game, to_nf()
    if game.parameters:
        names = ", ".join(p.name for p in game.parameters)
        raise GameError(f"the payoffs depend on the parameters {names}; fix them with "
                        f"game.substitute(...) or analyse them with gt.sweep")
    if game.kind == "symbolic" and exact:
        raise GameError("exact=True needs rational payoffs; this game has irrational ones")
    name = _auto(game) if method == "auto" else method
    run = _resolve(name)
    sol = solve_in_float_range(game, exact, lambda g: run(g, exact=exact, **options))
    return sol if tree is None else _with_behavior(tree, sol)
