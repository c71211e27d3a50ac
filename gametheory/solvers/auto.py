"""``method="auto"``: the chains of methods it tries, built from the registry.

"auto" tries methods in turn, each only where it accepts the game
(:func:`~gametheory.solvers._advice.applicable`): when one refuses, fails or finds
nothing, the next runs and ``sol.notes`` says so. The built-in preference order is
:data:`NORMAL_ORDER` for normal-form games and :data:`TREE_ORDER` for trees; a method
whose registry entry has ``auto=False`` is never tried, and a newly registered method with
``auto=True`` is tried after the built-in ones where its forms, players, requires and
accepts say it applies (a tree method before the tree's reduced normal form is solved).

The functions here get the dispatcher's normal-form solve as a parameter (``normal``,
``(game, method, exact, options) -> Solution``) and run methods through ``run``
(``(method, game, exact, options) -> Solution``), so this module does not import the
package's ``solve``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..errors import SolverError
from ._advice import applicable
from .registry import METHODS, Method
from .result import Solution, solve_in_float_range

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveFormGame
    from ..games.normal import NormalFormGame
    from ..games.protocol import Game

__all__ = ["NORMAL_ORDER", "TREE_ORDER", "normal_chain", "tree_first", "run_chain", "noted",
           "solve_auto_normal", "solve_auto_tree", "check_options", "preference",
           "AUTO_ENUMPOLY_PLAYERS",
           "AUTO_ENUMPOLY_UNKNOWNS", "AUTO_TREE_STRATEGIES", "AUTO_VERTEX_SECONDS"]

#: "auto" picks "enumpoly" (all equilibria) for games of more than two players with at
#: most this many players and unknowns (sum of n_i - 1; 2x3x3 and 2x2x2x2 take about a
#: second, 3x3x3 about 5 s), else "pns" (one equilibrium, small supports first).
AUTO_ENUMPOLY_PLAYERS = 4
AUTO_ENUMPOLY_UNKNOWNS = 5

#: "auto" solves a two-player tree on its reduced normal form when each player has at most
#: this many reduced strategies and vertex enumeration is predicted to be quick.
AUTO_TREE_STRATEGIES = 40

#: "auto" picks "vertex" for a bimatrix game when qhull is predicted to finish within
#: this many seconds (up to 15 x 15 for square games), else "lemke-howson".
AUTO_VERTEX_SECONDS = 0.5

#: The built-in preference order on normal-form games (each where it applies).
NORMAL_ORDER = ("best-response", "vertex", "lemke-howson", "enumpoly", "pns", "qre")

#: The built-in preference order of the methods that solve a tree itself.
TREE_ORDER = ("spe", "sequence-lp", "sequence-lcp", "qre")

Run = Callable[[str, Any, bool, Mapping[str, Any]], Solution]
Normal = Callable[[Any, str, bool, Mapping[str, Any]], Solution]


def _usable(name: str) -> bool:
    """Registered and allowed to "auto"."""
    m = METHODS.get(name)
    return m is not None and m.auto


def preference(tree: bool) -> list[Method]:
    """The methods "auto" may try on a tree (``tree=True``: those that solve a tree
    itself, in order) or a normal-form game: built-in order first, then the newly
    registered ones with ``auto=True``, in registration order."""
    form = "tree" if tree else "normal"
    order = TREE_ORDER if tree else NORMAL_ORDER
    names = [n for n in order if _usable(n) and form in METHODS[n].forms]
    names += [n for n, m in METHODS.items()
              if m.auto and form in m.forms and n not in names and n not in order]
    return [METHODS[n] for n in names]


def _extra(tree: bool) -> list[str]:
    """The registered auto methods beyond the built-in order."""
    order = TREE_ORDER if tree else NORMAL_ORDER
    return [m.name for m in preference(tree) if m.name not in order]


def check_options(names: Iterable[str], options: Mapping[str, Any], label: str) -> None:
    """SolverError naming ``label`` and the valid options when an option is taken by
    none of the methods ``names``: the one check of options."""
    names = list(names)
    unknown = [o for o in options if not any(o in METHODS[n].option_names for n in names)]
    if unknown:
        valid: dict[str, None] = {}
        for n in names:
            valid.update(dict.fromkeys(o.name for o in METHODS[n].options))
        which = (f"method {label!r}" if label != "auto" else
                 f"method 'auto' (which tries {', '.join(names)})")
        raise SolverError(f"unknown option(s) for {which}: {', '.join(sorted(unknown))}; "
                          f"valid: {', '.join(valid) or 'none'}")


def normal_chain(game: NormalFormGame, exact: bool) -> list[str]:
    """The methods "auto" tries on a normal-form game, best first: a complete method
    where one applies, then those that find some equilibria. Each is tried only when it
    accepts the game; the next one runs when one refuses or fails (SolverError)."""
    from .polytope import predicted_seconds

    N = game.num_players
    chosen: list[str] = []
    for m in preference(tree=False):
        name = m.name
        if name == "vertex":
            # vertex by auto's own (nondegenerate) estimate: applicable() assumes the worst
            # case, a degenerate game, and would exclude nondegenerate games vertex solves;
            # if this one is degenerate and too large, vertex refuses and the next runs
            if N == 2 and predicted_seconds(min(game.shape), max(game.shape)) \
                    <= AUTO_VERTEX_SECONDS and (m.exact or not exact):
                chosen.append(name)
            continue
        if name == "enumpoly" and not (2 < N <= AUTO_ENUMPOLY_PLAYERS and sum(
                n - 1 for n in game.shape) <= AUTO_ENUMPOLY_UNKNOWNS):
            continue
        if applicable(game, [name], exact):
            chosen.append(name)
    if not chosen:   # three or more players, exact, too large for the exact method
        raise SolverError(f"no exact method solves a game of shape {game.shape} quickly: "
                          f"'enumpoly' is limited to {AUTO_ENUMPOLY_UNKNOWNS} unknowns by "
                          f"'auto'; pass method='enumpoly', algebraic=True, time_limit=... "
                          f"(exact; can take minutes) or exact=False (then 'auto' uses "
                          f"'pns' for one equilibrium)")
    return chosen


def run_chain(game: Game, names: list[str], exact: bool, options: Mapping[str, Any],
              run: Run) -> Solution:
    """Run the first of ``names``; on SolverError (a refusal or a failure) or no
    equilibrium the next, with a note saying what happened. Each method gets the
    options it takes; an option that none of them takes is an error."""
    check_options(names, options, "auto")
    notes: list[str] = []
    for k, name in enumerate(names):
        opts = {o: v for o, v in options.items() if o in METHODS[name].option_names}
        last = k == len(names) - 1
        try:
            sol = run(name, game, exact, opts)
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
        return noted(sol, notes)
    raise AssertionError("unreachable")


def noted(sol: Solution, notes: list[str]) -> Solution:
    """``sol`` with ``notes`` put before its own."""
    return dataclasses.replace(sol, notes=(*notes, *sol.notes))


def solve_auto_normal(game: NormalFormGame, exact: bool, options: Mapping[str, Any],
                      run: Run) -> Solution:
    """"auto" on a numeric normal-form game (within the float range)."""
    return run_chain(game, normal_chain(game, exact), exact, options, run)


def _child_lists(game: ExtensiveFormGame) -> list[tuple[int, ...]]:
    return [game.children(v) for v in range(len(game.arrays.parent))]


def tree_first(game: ExtensiveFormGame) -> str | None:
    """The built-in method "auto" uses first for a numeric tree, or None for "its
    reduced normal form".

    Perfect information -> ``"spe"``; more than two players -> ``"spe"`` (subgames);
    two players with a small reduced normal form -> that normal form (``"vertex"``, all
    extreme equilibria); larger two-player trees with perfect recall -> ``"sequence-lp"``
    when zero-sum, else ``"sequence-lcp"`` (one equilibrium). A method the registry does
    not let "auto" use is skipped.
    """
    from ..games._tree_reduce import reduced_strategies
    from .polytope import predicted_seconds

    if game.num_players >= 2 and game.has_perfect_information:
        return "spe" if _usable("spe") else None
    if not game.has_perfect_recall:
        return None
    if game.num_players != 2:
        return "spe" if _usable("spe") else None
    kids = _child_lists(game)
    sizes = [reduced_strategies(game.arrays, kids, p, limit=AUTO_TREE_STRATEGIES)
             for p in range(2)]
    if all(s is not None for s in sizes):
        m, n = (max(len(s), 1) for s in sizes)
        if predicted_seconds(min(m, n), max(m, n)) <= AUTO_VERTEX_SECONDS \
                and _usable("vertex"):
            return None
    seq = [s for s in ("sequence-lp", "sequence-lcp") if _usable(s)]
    seq = applicable(game, seq)
    return seq[0] if seq else None


def solve_auto_tree(game: ExtensiveFormGame, exact: bool, options: Mapping[str, Any], run: Run,
                    normal: Normal, with_behavior: Callable[[Any, Solution], Solution]
                    ) -> Solution:
    """"auto" on a tree: see :func:`gametheory.solvers.solve`.

    ``normal(nf, "auto", exact, options)`` solves the reduced normal form and
    ``with_behavior(tree, sol)`` adds the behaviour profiles to its equilibria."""
    def reduced(notes: list[str] | None = None) -> Solution:
        sol = with_behavior(game, normal(game.to_normal_form(), "auto", exact, options))
        if notes is None:
            return sol
        return noted(sol, [f"{'; '.join(notes)}; solved the reduced normal form by "
                           f"{sol.method} (Nash equilibria, not necessarily subgame "
                           f"perfect)"])

    if game.kind == "symbolic":
        return reduced()
    extra = [n for n in _extra(tree=True) if applicable(game, [n], exact)]
    first = tree_first(game)
    if first in ("sequence-lp", "sequence-lcp"):
        return run_chain(game, [first, *extra], exact, options, run)
    if first is None and not game.has_perfect_recall:
        return reduced()
    notes: list[str] = []
    if first == "spe":
        check_options(["spe"], options, "spe")    # as spe itself would refuse them
        try:
            sol = run("spe", game, exact, options)
            if sol.equilibria:
                return sol
            notes.append("spe found no subgame-perfect equilibrium in pure strategies")
        except SolverError as err:
            notes.append(f"spe did not solve it ({str(err).splitlines()[0]})")
        if _usable("qre") and applicable(game, ["qre"], exact):
            sol = run("qre", game, False, {})     # the agent-QRE limit: subgame perfect
            if sol.equilibria:
                return noted(sol, [notes[0] + "; fell back to qre (its limit, a logit "
                                   "agent-QRE limit, is subgame perfect)"])
            notes.append("qre verified no limit")
    else:                          # small reduced normal form: all its extreme equilibria
        nf = game.to_normal_form()
        try:
            return with_behavior(game, solve_in_float_range(
                nf, exact, lambda g: run_chain(g, ["vertex"], exact, options, run)))
        except SolverError as err:
            notes.append(f"vertex did not solve the reduced normal form "
                         f"({str(err).splitlines()[0]})")
        seq = applicable(game, [s for s in ("sequence-lp", "sequence-lcp") if _usable(s)],
                         exact)
        if seq:
            return noted(run_chain(game, seq[:1], exact, options, run),
                         [f"{notes[0]}; fell back to {seq[0]}"])
    for name in extra:             # newly registered tree methods, before the normal form
        opts = {o: v for o, v in options.items() if o in METHODS[name].option_names}
        try:
            sol = run(name, game, exact, opts)
        except SolverError as err:
            notes.append(f"{name} did not solve it ({str(err).splitlines()[0]})")
            continue
        if sol.equilibria:
            return noted(sol, [f"{'; '.join(notes)}; fell back to {name}"])
        notes.append(f"{name} found no equilibrium")
    return reduced(notes)
