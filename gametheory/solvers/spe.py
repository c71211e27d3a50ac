"""Subgame-perfect equilibria of game trees (method ``"spe"``): the one entry point.

:func:`solve_spe` chooses the algorithm from the tree: backward induction
(:mod:`~gametheory.solvers.backward`) when every information set is one node,
otherwise the decomposition into proper subgames solved bottom-up
(:mod:`~gametheory.solvers.subgames`).

The normal-form solver is a parameter, not an import: ``normal_solver`` is a callable

    ``normal_solver(game: NormalFormGame, method: str, exact: bool,
    options: Mapping[str, Any]) -> Solution``

(:data:`~gametheory.solvers.subgames.NormalSolver`) that solves a normal-form game by
the method named ``method`` (the ``subgame_method`` option for two players, the
``multi_method`` option for more) with the keyword options ``options`` (``{"tol": tol}``
when ``tol`` is given, else ``{}``), as ``gt.solve(game, method=method, exact=exact,
**options)`` does. The dispatcher (``gt.solve``) passes its own; it is called only for
pieces with imperfect information in which two players move, or three or more when
``multi_method`` is not ``"pure"``. This module, :mod:`~gametheory.solvers.backward` and
:mod:`~gametheory.solvers.subgames` import neither the package ``gametheory.solvers`` nor
its ``solve``.
"""

from __future__ import annotations

from typing import Any

from ..errors import SolverError
from ..games.extensive import ExtensiveFormGame
from ._tree_checks import numeric_tree_arrays
from .backward import backward_induction
from .result import Solution
from .subgames import NormalSolver, solve_subgames

__all__ = ["solve_spe"]


def solve_spe(game: ExtensiveFormGame, exact: bool = False, *,
              normal_solver: NormalSolver | None = None, subgame_method: str = "vertex",
              tol: float | None = None, max_equilibria: int = 10000,
              multi_method: str = "pure", **options: Any) -> Solution:
    """Subgame-perfect equilibria of a tree: backward induction or proper subgames.

    With perfect information (every information set one node; chance nodes allowed),
    all pure subgame-perfect equilibria by backward induction
    (:func:`~gametheory.solvers.backward.backward_induction`). Otherwise (perfect recall
    needed) the tree is decomposed into its proper subgames, which are solved bottom-up
    (:func:`~gametheory.solvers.subgames.solve_subgames`): mixed equilibria then appear
    where a subgame needs them.

    Parameters
    ----------
    game : ExtensiveFormGame
        A numeric tree; chance nodes are allowed.
    exact : bool
        Exact rational arithmetic (Fractions); ties are then exact equalities.
    normal_solver : callable, optional
        ``normal_solver(game, method, exact, options) -> Solution`` solves the
        two-player reduced normal form of a piece with imperfect information (see the
        module docstring); ``gt.solve`` passes its own. Not used with perfect
        information; when it is needed and missing, TypeError.
    subgame_method : str
        For imperfect information, the normal-form method of pieces in which two players
        move (default ``"vertex"``; e.g. ``"lemke-howson"`` for large pieces).
    tol : float, optional
        Payoff differences up to ``tol`` count as ties in float arithmetic (default
        ``1e-9`` times the payoff scale); also passed to the solvers of the pieces.
    max_equilibria : int
        Raise :class:`~gametheory.errors.TooManyEquilibria` (a ``SolverError``) when
        there are more equilibria.
    multi_method : str
        For imperfect information, the method of pieces in which three or more players
        move: ``"pure"`` (default; pure equilibria only, ``complete=False``) or
        ``"enumpoly"`` (all equilibria of small pieces, mixed ones included), called
        through ``normal_solver`` on the game of the players who move there.
    **options
        None are accepted: an unknown option is a SolverError.

    Returns
    -------
    Solution
        For perfect information ``complete=True`` (all pure equilibria); each
        equilibrium carries ``behavior`` (for perfect information: 1 on the chosen
        action of every information set, 0 elsewhere) and the expected payoffs.

    Raises
    ------
    GameError
        For a game that is not a tree, symbolic payoffs, or imperfect information
        without perfect recall.
    SolverError
        For an unknown option, more than ``max_equilibria`` equilibria
        (:class:`~gametheory.errors.TooManyEquilibria`), or a subgame too large for
        ``subgame_method``.

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
    extensive games. *International Journal of Game Theory* 4, 25-55. Osborne, M. J. &
    Rubinstein, A. (1994). *A Course in Game Theory*, sec. 6.2 and 11.1. MIT Press.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["Entrant", "Incumbent"])
    >>> out, enter = g.root.decide("Entrant", ["out", "in"])
    >>> _ = out.payoffs(1, 2)
    >>> fight, acc = enter.decide("Incumbent", ["fight", "accommodate"])
    >>> _ = fight.payoffs(0, 0), acc.payoffs(2, 1)
    >>> sol = gt.solve(g, method="spe", exact=True)
    >>> sol.equilibria[0].behavior["Incumbent: in"]
    {'fight': Fraction(0, 1), 'accommodate': Fraction(1, 1)}
    >>> sol.equilibria[0].payoffs
    (Fraction(2, 1), Fraction(1, 1))
    >>> print(sol)
    1 equilibrium by spe (complete, exact)
      [0] Entrant: root = in; Incumbent: in = accommodate; payoffs 2, 1

    With ties, every pure subgame-perfect equilibrium: B is indifferent, and A's best
    choice depends on what B does.

    >>> h = gt.ExtensiveFormGame(["A", "B"])
    >>> risky, safe = h.root.decide("A", ["risky", "safe"])
    >>> _ = safe.payoffs(3, 0)
    >>> left, right = risky.decide("B", ["left", "right"])
    >>> _ = left.payoffs(0, 1), right.payoffs(5, 1)
    >>> print(gt.solve(h))
    2 equilibria by spe (complete)
      [0] A: root = safe; B: risky = left; payoffs 3, 0
      [1] A: root = risky; B: risky = right; payoffs 5, 1
      note: ties at 1 decision node(s)

    Called directly with a normal-form solver of one's own, here one that counts its
    calls and solves by vertex enumeration; B does not see A's coin:

    >>> from gametheory.solvers.spe import solve_spe
    >>> from gametheory.solvers.vertex import solve_vertex
    >>> calls = []
    >>> def counted(nf, method, exact, options):
    ...     calls.append(method)
    ...     return solve_vertex(nf, exact=exact, **options)
    >>> t = gt.ExtensiveFormGame(["A", "B"])
    >>> for a, node in zip("HT", t.root.decide("A", ["H", "T"])):
    ...     for b, leaf in zip("HT", node.decide("B", ["H", "T"], infoset="B")):
    ...         _ = leaf.payoffs(1 if a == b else -1, -1 if a == b else 1)
    >>> solve_spe(t, exact=True, normal_solver=counted)[0].behavior["B"]
    {'H': Fraction(1, 2), 'T': Fraction(1, 2)}
    >>> calls
    ['vertex']
    """
    numeric_tree_arrays(game, "backward induction")
    if options:
        raise SolverError(f"unknown option(s) for 'spe': {', '.join(sorted(options))}")
    if game.has_perfect_information:
        return backward_induction(game, exact, tol=tol, max_equilibria=max_equilibria)
    return solve_subgames(game, exact, max_equilibria, tol=tol, subgame_method=subgame_method,
                          normal_solver=normal_solver, multi_method=multi_method)
