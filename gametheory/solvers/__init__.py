"""Equilibrium solvers: ``solve(game, method=...)`` and the method registry.

Each method is one module with one function ``f(game, exact=False, **options)``
returning a :class:`~gametheory.solvers.result.Solution`; adding a method is one module
plus one line in :data:`METHODS`.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import Any

from ..errors import GameError, SolverError
from ._advice import applicable
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
    "spe": ("spe", "solve_spe",
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

#: The options "spe" takes (so that "auto" on a tree falls back only on real failures).
_SPE_OPTIONS = {"tol", "subgame_method", "max_equilibria"}

#: The note "auto" adds when irrational payoffs or probabilities were solved in floats.
IRRATIONAL_NOTE = ("the game has irrational payoffs or probabilities (e.g. sqrt(2), pi); "
                   "it was solved in floating point, so the equilibria are approximate")


def _resolve(method: str) -> Callable[..., Solution]:
    try:
        module, func, _ = METHODS[method]
    except KeyError:
        raise SolverError(f"unknown method {method!r}; available: "
                          f"{', '.join(['auto', *METHODS])}") from None
    mod = importlib.import_module(f"{__name__}.{module}")
    if method == "spe":     # spe solves its imperfect-information pieces by _solve_normal
        return functools.partial(mod.solve_spe, normal_solver=_solve_normal)
    return getattr(mod, func)


def _auto_methods(game, exact: bool) -> list[str]:
    """The methods "auto" tries on a normal-form game, best first: a complete method
    where one applies, then those that find some equilibria. Each is tried only when
    it accepts the game (:func:`._advice.applicable`); the next one runs when one
    refuses or fails (SolverError)."""
    if game.num_players == 2:
        from .polytope import predicted_seconds

        fast = predicted_seconds(min(game.shape), max(game.shape)) <= AUTO_VERTEX_SECONDS
        order = ["vertex", "lemke-howson"] if fast else ["lemke-howson"]
    elif game.num_players <= AUTO_ENUMPOLY_PLAYERS and \
            sum(n - 1 for n in game.shape) <= AUTO_ENUMPOLY_UNKNOWNS:
        order = ["enumpoly"]
    else:
        order = []
    order += ["pns", "qre"]
    # vertex by auto's own (nondegenerate) estimate: applicable() assumes the worst
    # case, a degenerate game, and would exclude nondegenerate games vertex solves;
    # if this one is degenerate and too large, vertex refuses and the next method runs
    ok = [m for m in order if m == "vertex" or applicable(game, [m], exact)]
    if not ok:   # three or more players, exact, too large for the exact method
        raise SolverError(f"no exact method solves a game of shape {game.shape} quickly: "
                          f"'enumpoly' is limited to {AUTO_ENUMPOLY_UNKNOWNS} unknowns by "
                          f"'auto'; pass method='enumpoly', algebraic=True, time_limit=... "
                          f"(exact; can take minutes) or exact=False (then 'auto' uses "
                          f"'pns' for one equilibrium)")
    return ok


def _named_options(func: Callable[..., Solution]) -> set[str]:
    import inspect

    return {n for n, p in inspect.signature(func).parameters.items()
            if p.kind is not p.VAR_KEYWORD and n not in ("game", "exact")}


def _run_chain(game, names: list[str], exact: bool, options: dict) -> Solution:
    """Run the first of ``names``; on SolverError (a refusal or a failure) or no
    equilibrium the next, with a note saying what happened. Each method gets the
    options it names; an option that none of them names is an error."""
    funcs = [_resolve(name) for name in names]
    named = [_named_options(f) for f in funcs]
    unknown = sorted(set(options) - set().union(*named))
    if unknown:
        raise SolverError(f"unknown option(s) for method 'auto' (which tries "
                          f"{', '.join(names)}): {', '.join(unknown)}")
    notes: list[str] = []
    for k, (name, func) in enumerate(zip(names, funcs)):
        opts = {o: v for o, v in options.items() if o in named[k]}
        last = k == len(names) - 1
        try:
            sol = func(game, exact=exact, **opts)
        except SolverError as err:
            if last:
                if not notes:
                    raise
                raise SolverError(f"{err} (after: {'; '.join(notes)})") from err
            notes.append(f"{name} did not solve it ({str(err).splitlines()[0]}); fell back "
                         f"to {names[k + 1]}")
            continue
        if not sol.equilibria and not last:
            notes.append(f"{name} found no equilibrium; fell back to {names[k + 1]}")
            continue
        return _noted(sol, notes)
    raise AssertionError("unreachable")


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
    from ..games._tree_reduce import reduced_strategies
    from .polytope import predicted_seconds
    from .sequence_lp import sum_mismatch

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
    return "sequence-lp" if sum_mismatch(a)[0] is None else "sequence-lcp"


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
        than two players (when it finds no pure SPE: ``"qre"``, whose limit is
        subgame perfect, then the reduced normal form); the reduced normal form by
        ``"vertex"`` when it is small (if vertex refuses it: ``"sequence-lp"`` or
        ``"sequence-lcp"``); else ``"sequence-lp"`` (zero-sum) or ``"sequence-lcp"``.
    method : str
        One of :data:`METHODS` or ``"auto"``: a complete method where one applies
        (``"vertex"`` for two players, ``"enumpoly"`` for small games of more players),
        else the best available (``"lemke-howson"``, ``"pns"``, ``"qre"``). ``"auto"``
        tries them in turn, each only if it accepts the game (size, players, exact):
        when one refuses, fails or finds nothing, the next runs and ``sol.notes`` says
        so; ``sol.method`` names the one that ran. A game where every player but one
        has a single strategy is solved by best responses (``"best-response"``, linear
        time, complete). Irrational payoffs are solved in floats, with a note.
    exact : bool
        Exact rational arithmetic: probabilities and payoffs as Fractions. Float payoffs
        are read as the decimals they print as.
    **options
        Passed to the method (e.g. ``tol``, ``time_limit``, ``progress``). With
        ``"auto"`` each method it tries gets the options it takes (each its own
        ``time_limit``); an option none of them takes is an error.

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

    if isinstance(game, NormalFormGame):
        return _solve_normal(game, method, exact, options)
    if not hasattr(game, "arrays") or not hasattr(game, "to_normal_form"):
        raise GameError(f"solve needs a game, got {type(game).__name__}")
    if method != "auto":
        if method in TREE_METHODS:
            return _resolve(method)(game, exact=exact, **options)
        return _with_behavior(game, _solve_normal(game.to_normal_form(), method, exact,
                                                  options))
    if game.arrays.kind == "symbolic":
        return _with_behavior(game, _solve_normal(game.to_normal_form(), "auto", exact,
                                                  options))
    first = _auto_tree(game)
    if first in ("sequence-lp", "sequence-lcp"):
        return _resolve(first)(game, exact=exact, **options)
    if first is None and not game.has_perfect_recall:
        return _with_behavior(game, _solve_normal(game.to_normal_form(), "auto", exact,
                                                  options))
    notes: list[str] = []
    if first == "spe":
        spe = _resolve("spe")
        if not set(options) <= _SPE_OPTIONS:     # let spe name the unknown option
            return spe(game, exact=exact, **options)
        try:
            sol = spe(game, exact=exact, **options)
            if sol.equilibria:
                return sol
            notes.append("spe found no subgame-perfect equilibrium in pure strategies")
        except SolverError as err:
            notes.append(f"spe did not solve it ({str(err).splitlines()[0]})")
        if applicable(game, ["qre"], exact):      # the agent-QRE limit: subgame perfect
            sol = _resolve("qre")(game)
            if sol.equilibria:
                return _noted(sol, [notes[0] + "; fell back to qre (its limit, a logit "
                                    "agent-QRE limit, is subgame perfect)"])
            notes.append("qre verified no limit")
    else:                          # small reduced normal form: all its extreme equilibria
        nf = game.to_normal_form()
        try:
            return _with_behavior(game, solve_in_float_range(
                nf, exact, lambda g: _run_chain(g, ["vertex"], exact, options)))
        except SolverError as err:
            notes.append(f"vertex did not solve the reduced normal form "
                         f"({str(err).splitlines()[0]})")
        seq = applicable(game, ["sequence-lp", "sequence-lcp"], exact)
        if seq:
            return _noted(_run_chain(game, seq[:1], exact, options),
                          [f"{notes[0]}; fell back to {seq[0]}"])
    sol = _with_behavior(game, _solve_normal(game.to_normal_form(), "auto", exact, options))
    return _noted(sol, [f"{'; '.join(notes)}; solved the reduced normal form by "
                        f"{sol.method} (Nash equilibria, not necessarily subgame perfect)"])


def _noted(sol: Solution, notes: list[str]) -> Solution:
    import dataclasses

    return dataclasses.replace(sol, notes=(*notes, *sol.notes))


def _solve_normal(game, method: str, exact: bool, options: dict) -> Solution:
    """Solve a normal-form game; ``"auto"`` runs :func:`_auto_methods` in turn."""
    if game.parameters:
        names = ", ".join(p.name for p in game.parameters)
        raise GameError(f"the payoffs depend on the parameters {names}; fix them with "
                        f"game.substitute(...) or analyse them with gt.sweep")
    if game.kind == "symbolic" and exact:
        raise GameError("exact=True needs rational payoffs; this game has irrational ones")
    if method != "auto":
        run = _resolve(method)
        return solve_in_float_range(game, exact, lambda g: run(g, exact=exact, **options))
    sol = solve_in_float_range(game, exact, lambda g: _auto_normal(g, exact, options))
    if game.kind == "symbolic":
        sol = _noted(sol, [IRRATIONAL_NOTE])
    return sol


def _auto_normal(game, exact: bool, options: dict) -> Solution:
    from .best_response import one_chooser, solve_best_response

    if one_chooser(game):
        return solve_best_response(game, exact=exact, tol=options.get("tol"))
    return _run_chain(game, _auto_methods(game, exact), exact, options)
