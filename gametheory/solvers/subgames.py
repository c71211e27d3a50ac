"""Subgame-perfect equilibria of trees with imperfect information, subgame by subgame.

The tree is cut at the roots of its proper subgames
(:func:`~gametheory.games._subtree.proper_subgame_roots`). Working upwards, each piece,
a subgame whose own proper subgames are replaced by terminal nodes carrying one of their
equilibrium payoff vectors, is solved as a game of its own: by backward induction when
the piece has perfect information (:func:`~gametheory.solvers.backward.induce`), by the
normal-form solver the caller passes (``normal_solver``; vertex enumeration by default
in ``gt.solve``) on its reduced normal form when at most two players move in it, and
otherwise (three or more move) for pure equilibria only, or, with ``multi_method`` (e.g.
``"enumpoly"``), by that N-player method through ``normal_solver`` on the game of the
players who move. Every combination of equilibria of the nested subgames is followed, so
the subgame-perfect equilibria are the product of the choices made in all subgames. A normal-form
equilibrium of a piece is turned into behaviour by Kuhn's theorem: the probability of
action a at information set h is the weight of the reduced strategies that reach h and
choose a, divided by the weight of those that reach h.

A leaf module: it imports :mod:`~gametheory.solvers.backward` and
:mod:`~gametheory.solvers.pure` (downwards), never the package's ``solve``; the caller
(:func:`~gametheory.solvers.spe.solve_spe`) hands it the normal-form solver.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameError, SolverError, TooManyEquilibria
from ..games._subtree import preorder, proper_subgame_roots, subtree_game, terminal_payoffs
from ..games._tree_compile import subtree_any
from ..games.extensive import ExtensiveFormGame
from ..games.normal import NormalFormGame
from .backward import induce
from .pure import solve_pure
from .result import Solution, build_tree_solution

__all__ = ["solve_subgames", "SubgameStats", "NormalSolver", "subgame_pieces", "piece_pair",
           "project_pair"]

Piece = tuple[tuple, dict]      # (payoff vector of a subgame, behaviour inside it)

#: ``normal_solver(game, method, exact, options) -> Solution``: solves a normal-form
#: game by the method named ``method`` (``subgame_method``, or ``multi_method`` for
#: three or more players) with the keyword options ``options`` (``{"tol": tol}`` or
#: ``{}``), as ``gt.solve(game, method=method, exact=exact, **options)`` does.
NormalSolver = Callable[[NormalFormGame, str, bool, Mapping[str, Any]], Solution]


@dataclass
class SubgameStats:
    """How the pieces of a tree were solved; :func:`solve_subgames` builds its
    ``complete`` flag and its notes from it.

    Attributes
    ----------
    backward : int
        Pieces with perfect information, solved by backward induction.
    vertex : int
        Pieces solved by vertex enumeration (``subgame_method="vertex"``).
    pure : int
        Pieces searched for pure equilibria only: those in which three or more players
        move, and those solved with ``subgame_method="pure"``.
    single : int
        Pieces in which one player moves (the optima of a decision problem).
    other : dict[str, int]
        Pieces solved by another normal-form method, by its name, in the order first used.
    ties : bool
        A perfect-information piece has ties: mixtures of tied actions are not listed.
    continuum : bool
        A piece has a continuum of equilibria, represented by its extreme points.
    incomplete : bool
        The normal-form method of a piece does not guarantee all its equilibria.

    Examples
    --------
    >>> from gametheory.solvers.subgames import SubgameStats
    >>> stats = SubgameStats(backward=1, vertex=1)
    >>> stats.complete
    True
    >>> stats.notes(2)
    ['solved in 2 piece(s): 1 by backward induction, 1 by vertex enumeration']
    >>> SubgameStats(backward=1, ties=True).complete
    False
    """

    backward: int = 0
    vertex: int = 0
    pure: int = 0
    single: int = 0
    other: dict[str, int] = field(default_factory=dict)
    ties: bool = False
    continuum: bool = False
    incomplete: bool = False

    def count(self, method: str) -> None:
        """Count one piece solved by the normal-form method ``method``."""
        if method == "vertex":
            self.vertex += 1
        elif method == "pure":
            self.pure += 1
        else:
            self.other[method] = self.other.get(method, 0) + 1

    @property
    def complete(self) -> bool:
        """True when every subgame-perfect equilibrium is listed."""
        return not (self.pure or self.ties or self.continuum or self.incomplete)

    def notes(self, pieces: int) -> list[str]:
        """The notes of a solution found in ``pieces`` pieces: how, and what is missing."""
        counts = [(self.backward, "backward induction"),
                  (self.vertex, "vertex enumeration"),
                  (self.pure, "pure equilibria only (method 'pure', three or more players "
                              "move)"),
                  *((n, f"method {k!r}") for k, n in self.other.items()),
                  (self.single, "the pure optima of the one player")]
        how = [f"{n} by {name}" for n, name in counts if n]
        notes = [f"solved in {pieces} piece(s): {', '.join(how)}"]
        if self.pure:
            notes.append("pieces in which three or more players move are searched for pure "
                         "equilibria only: mixed subgame-perfect equilibria are not listed")
        if self.continuum:
            notes.append("a subgame has a continuum of equilibria, represented by its "
                         "extreme points: equilibria built on its other points are not "
                         "listed")
        if self.incomplete:
            notes.append("the subgame method does not guarantee all equilibria of a piece")
        if self.ties:
            notes.append("ties in a perfect-information part: only pure choices among the "
                         "tied actions are listed")
        return notes


def subgame_pieces(game: ExtensiveFormGame) -> tuple[list[int], dict[int, list[int]]]:
    """The subgame roots to solve (in preorder) and, for each, the nearest ones below.

    A subgame whose whole subtree has perfect information is solved in one backward
    induction together with all the subgames inside it, so only the topmost of those
    is kept.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["A", "B"])
    >>> out, play = g.root.decide("A", ["out", "play"])
    >>> _ = out.payoffs(0, 0)
    >>> for n in play.decide("A", ["H", "T"]):
    ...     for m in n.decide("B", ["H", "T"], infoset="B"):
    ...         _ = m.payoffs(1, -1)
    >>> subgame_pieces(g) == ([0, play.id], {0: [play.id], play.id: []})
    True
    """
    a = game.arrays
    sizes = np.bincount(a.infoset[a.infoset >= 0], minlength=len(a.infoset_labels))
    imperfect = np.zeros(len(a.parent), dtype=bool)
    imperfect[a.infoset >= 0] = sizes[a.infoset[a.infoset >= 0]] > 1
    mixed = subtree_any(a.parent, imperfect)
    roots = proper_subgame_roots(game)
    par = a.parent
    keep = roots[(roots == 0) | mixed[roots] | mixed[par[roots]]].tolist()
    pre, size = preorder(a.parent, a.action)
    below: dict[int, list[int]] = {v: [] for v in keep}
    stack: list[int] = []                   # kept roots whose subtree holds the next one
    for v in keep:                          # in preorder
        while stack and pre[stack[-1]] + size[stack[-1]] <= pre[v]:
            stack.pop()
        if stack:
            below[stack[-1]].append(v)
        stack.append(v)
    return keep, below


def _solve_piece(piece: ExtensiveFormGame, exact: bool, tol: Any, limit: int, method: str,
                 stats: SubgameStats, normal_solver: NormalSolver | None,
                 multi_method: str = "pure") -> list[Piece]:
    """All equilibria found of one piece: (payoffs, behaviour) pairs, without repeats."""
    if piece.has_perfect_information:
        sol, tied = induce(piece, exact=exact, max_equilibria=limit, tol=tol)
        stats.backward += 1
        stats.ties = stats.ties or tied > 0
        return [(eq.payoffs, dict(eq.behavior)) for eq in sol]
    nf = piece.to_normal_form()
    N = nf.num_players
    pair = piece_pair(nf)
    if pair is not None:
        if normal_solver is None:
            raise TypeError("solve_subgames needs normal_solver, a callable (game, method, "
                            "exact, options) -> Solution, for a piece in which two players "
                            "move; gt.solve(game, method='spe') passes it")
        sol = normal_solver(project_pair(nf, pair), method, exact,
                            {} if tol is None else {"tol": tol})
        stats.count(method)
        if method != "vertex":
            stats.incomplete = stats.incomplete or not sol.complete
        elif not sol.complete or any(not c.is_isolated for c in sol.components):
            stats.continuum = True
        one = Fraction(1) if exact else 1.0
        profiles = []
        for eq in sol:
            full = [[one]] * N
            full[pair[0]], full[pair[1]] = eq.strategies
            profiles.append((eq.payoffs, full))
    elif N > 1 and multi_method != "pure" and _movers(nf)[1:]:   # three or more move
        profiles = _solve_movers(nf, exact, tol, multi_method, stats, normal_solver)
    else:                   # pair is None: one player in all, or three or more move
        sol = solve_pure(nf, exact=exact, tol=tol)
        profiles = [(eq.payoffs, eq.strategies) for eq in sol]
        if N == 1:      # the optima: all mixtures of the optimal pure strategies
            stats.single += 1
            stats.continuum = stats.continuum or len(profiles) > 1
        else:
            stats.pure += 1
    out: dict[tuple, Piece] = {}
    for payoffs, strategies in profiles:
        beh = piece.mixed_to_behavior(strategies)
        key = tuple(v if exact else round(float(v), 12)
                    for acts in beh.values() for v in acts.values())
        out.setdefault(key, (_full_payoffs(piece, beh, payoffs, exact), beh))
    return list(out.values())


def _movers(nf: NormalFormGame) -> list[int]:
    """The players with more than one strategy in the normal form of a piece."""
    return [p for p in range(nf.num_players) if nf.shape[p] > 1]


def _solve_movers(nf: NormalFormGame, exact: bool, tol: Any, method: str,
                  stats: SubgameStats, normal_solver: NormalSolver | None) -> list:
    """(payoffs, full profile) of every equilibrium that ``method`` finds of the game of
    the players who move in a piece (``multi_method``: three or more of them move)."""
    if normal_solver is None:
        raise TypeError("solve_subgames needs normal_solver for multi_method="
                        f"{method!r}; gt.solve(game, method='spe') passes it")
    movers = _movers(nf)
    sol = normal_solver(project_pair(nf, movers), method, exact,
                        {} if tol is None else {"tol": tol})
    stats.count(method)
    stats.incomplete = stats.incomplete or not sol.complete
    one = Fraction(1) if exact else 1.0
    profiles = []
    for eq in sol:
        if exact and not all(isinstance(x, Fraction) for v in eq.strategies for x in v):
            raise SolverError(f"{method} found an equilibrium with irrational "
                              f"probabilities in a piece in which {len(movers)} players "
                              "move; exact subgame-perfect equilibria are rational only: "
                              "solve with exact=False")
        full = [[one]] * nf.num_players
        for p, strategy in zip(movers, eq.strategies, strict=True):
            full[p] = strategy
        profiles.append((eq.payoffs, full))
    return profiles


def piece_pair(nf: NormalFormGame) -> list[int] | None:
    """The two players whose game the normal form ``nf`` of a piece is solved as (those
    with more than one strategy, padded with the first others), or None when the piece
    is searched for pure equilibria (one player in all, or three or more who move).

    Examples
    --------
    >>> import numpy as np
    >>> import gametheory as gt
    >>> piece_pair(gt.NormalFormGame(np.zeros((3, 1, 2, 2)))), piece_pair(
    ...     gt.NormalFormGame(np.zeros((3, 2, 2, 2))))
    ([1, 2], None)
    """
    N = nf.num_players
    pair = [p for p in range(N) if nf.shape[p] > 1]
    pair = sorted(pair + [p for p in range(N) if p not in pair][:max(0, 2 - len(pair))])
    return pair if len(pair) == 2 else None


def project_pair(nf: NormalFormGame, pair: list[int]) -> NormalFormGame:
    """The game of the players ``pair`` (two of them, or all who move in a piece; every
    other player has one strategy).

    Examples
    --------
    >>> import numpy as np
    >>> import gametheory as gt
    >>> project_pair(gt.NormalFormGame(np.zeros((3, 1, 2, 2))), [1, 2]).shape
    (2, 2)
    """
    U = nf.payoffs[pair].reshape((len(pair),) + tuple(nf.shape[p] for p in pair))
    return NormalFormGame(U, [nf.players[p] for p in pair], [nf.strategies[p] for p in pair])


def _full_payoffs(piece: Any, beh: dict, payoffs: tuple, exact: bool) -> tuple:
    """All players' payoffs (a two-player projection only gives those of the pair)."""
    if len(payoffs) == piece.num_players:
        return tuple(payoffs)
    vals = piece.expected_payoffs(beh).tolist()
    return tuple(vals) if exact else tuple(float(v) for v in vals)


def _too_many(limit: int) -> TooManyEquilibria:
    return TooManyEquilibria(
        f"more than max_equilibria={limit} subgame-perfect equilibria (the equilibria of "
        f"the proper subgames combine); raise max_equilibria, perturb the payoffs, or use "
        f"method='vertex' for the Nash equilibria of the reduced normal form", limit)


def solve_subgames(game: ExtensiveFormGame, exact: bool = False, max_equilibria: int = 10000,
                   tol: float | None = None, subgame_method: str = "vertex", *,
                   normal_solver: NormalSolver | None = None,
                   multi_method: str = "pure") -> Solution:
    """Subgame-perfect equilibria of a tree with imperfect information and perfect recall.

    Called by :func:`~gametheory.solvers.spe.solve_spe` (``gt.solve(tree,
    method="spe")``) when an information set has several nodes; see the module docstring
    for the method.

    Parameters
    ----------
    game : ExtensiveFormGame
        A numeric tree with perfect recall (chance nodes allowed).
    exact : bool
        Exact rational arithmetic: Fraction probabilities and payoffs.
    max_equilibria : int
        Raise :class:`~gametheory.errors.TooManyEquilibria` (a ``SolverError``) when the
        combinations of subgame equilibria give more subgame-perfect equilibria than this.
    tol : float, optional
        Float tolerance passed to the solvers of the pieces.
    subgame_method : str
        The normal-form method for pieces with imperfect information in which at most
        two players move: ``"vertex"`` (all extreme equilibria; refuses large pieces) or
        any other two-player method of :func:`gametheory.solve`, e.g.
        ``"lemke-howson"`` for large pieces (some equilibria only).
    multi_method : str
        The method for pieces in which three or more players move: ``"pure"`` (the
        default: pure equilibria only, and ``complete`` is then False) or an N-player
        method of :func:`gametheory.solve` such as ``"enumpoly"`` (all equilibria of small
        pieces), given the game of the players who move there through ``normal_solver``.
    normal_solver : callable, optional
        ``normal_solver(game, method, exact, options) -> Solution`` (:data:`NormalSolver`)
        solves the two-player normal form of a piece by ``subgame_method``; ``gt.solve``
        passes its own. Needed only when a piece with imperfect information has two
        players who move (TypeError otherwise).

    Returns
    -------
    Solution
        Method ``"spe"``; each equilibrium carries ``behavior`` at every information set
        and the expected payoffs. ``complete`` is True when all subgame-perfect equilibria
        are listed: it is False when a piece has a continuum of equilibria (represented by
        its extreme points), when a piece in which three or more players move was searched
        for pure equilibria only, or when ties in a perfect-information part leave
        mixtures of tied actions out; ``notes`` says which. Equilibria are listed up to
        reduced strategies: where a player's own earlier choice in the same piece
        already excludes an information set, its behaviour there is the first action.

    Raises
    ------
    GameError
        When the tree lacks perfect recall.
    SolverError
        When there are more than ``max_equilibria`` equilibria, or a piece is too large
        for ``subgame_method`` (the message names its root).

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
    extensive games. *International Journal of Game Theory* 4, 25-55. Kuhn, H. W. (1953).
    Extensive games and the problem of information. *Contributions to the Theory of Games
    II*, 193-216. Osborne, M. J. & Rubinstein, A. (1994). *A Course in Game Theory*,
    sec. 6.2 and 11.1. MIT Press.

    Examples
    --------
    Player 1 may quit (payoffs 0, 3) or play matching pennies against player 2:

    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["P1", "P2"])
    >>> quit, play = g.root.decide("P1", ["quit", "play"])
    >>> _ = quit.payoffs(0, 3)
    >>> for i, n in enumerate(play.decide("P1", ["H", "T"])):
    ...     for j, m in enumerate(n.decide("P2", ["H", "T"], infoset="P2 guesses")):
    ...         _ = m.payoffs(2 if i == j else 0, 0 if i == j else 2)
    >>> print(gt.solve(g, method="spe", exact=True))
    1 equilibrium by spe (complete, exact)
      [0] P1: root = play; P1: play = H 1/2, T 1/2; P2 guesses = H 1/2, T 1/2; payoffs 1, 1
      note: solved in 2 piece(s): 1 by backward induction, 1 by vertex enumeration

    Called directly, with a normal-form solver of one's own (here vertex enumeration):

    >>> from gametheory.solvers.subgames import solve_subgames
    >>> from gametheory.solvers.vertex import solve_vertex
    >>> def by_vertex(nf, method, exact, options):
    ...     return solve_vertex(nf, exact=exact, **options)
    >>> solve_subgames(g, exact=True, normal_solver=by_vertex)[0].payoffs
    (Fraction(1, 1), Fraction(1, 1))
    """
    if not game.has_perfect_recall:
        raise GameError(f"subgame-perfect equilibria need perfect recall: "
                        f"{game.recall_problems()[0]}")
    a = game.arrays
    keep, below = subgame_pieces(game)
    terminals = terminal_payoffs(game, exact)
    stats = SubgameStats()
    found: dict[int, list[Piece]] = {}
    for v in reversed(keep):
        kids = below[v]
        cache: dict[tuple, list[Piece]] = {}
        out: list[Piece] = []
        for combo in itertools.product(*(found.pop(c) for c in kids)):
            key = tuple(vals for vals, _ in combo)
            if key not in cache:
                piece = subtree_game(game, v, dict(zip(kids, key, strict=True)), exact,
                                     terminals)
                try:
                    cache[key] = _solve_piece(piece, exact, tol, max_equilibria,
                                              subgame_method, stats, normal_solver,
                                              multi_method)
                except TooManyEquilibria:
                    raise
                except SolverError as err:
                    raise SolverError(f"the subgame at node {game.path(v)}: {err}; with "
                                      f"method='spe', pass subgame_method='lemke-howson' "
                                      f"for some of its equilibria") from err
            for vals, beh in cache[key]:
                merged = dict(beh)
                for _, sub in combo:
                    merged.update(sub)
                out.append((vals, merged))
                if len(out) > max_equilibria:
                    raise _too_many(max_equilibria)
        found[v] = out
    labels = a.infoset_labels
    behaviors = [{lab: beh[lab] for lab in labels} for _, beh in found[0]]
    payoffs = [vals for vals, _ in found[0]]
    return build_tree_solution(game, behaviors, "spe", stats.complete, exact,
                               stats.notes(len(keep)), payoffs=payoffs)

