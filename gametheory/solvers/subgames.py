"""Subgame-perfect equilibria of trees with imperfect information, subgame by subgame.

The tree is cut at the roots of its proper subgames
(:func:`~gametheory.games._subtree.proper_subgame_roots`). Working upwards, each piece,
a subgame whose own proper subgames are replaced by terminal nodes carrying one of their
equilibrium payoff vectors, is solved as a game of its own: by backward induction when
the piece has perfect information, by vertex enumeration of its reduced normal form when
at most two players move in it, and for pure equilibria only otherwise. Every
combination of equilibria of the nested subgames is followed, so the subgame-perfect
equilibria are the product of the choices made in all subgames. A normal-form
equilibrium of a piece is turned into behaviour by Kuhn's theorem: the probability of
action a at information set h is the weight of the reduced strategies that reach h and
choose a, divided by the weight of those that reach h.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameError, SolverError
from ..games._subtree import preorder, proper_subgame_roots, subtree_game, terminal_payoffs
from ..games._tree_compile import subtree_any
from .result import Solution, build_tree_solution

__all__ = ["solve_subgames"]

Piece = tuple[tuple, dict]      # (payoff vector of a subgame, behaviour inside it)


def _pieces(game: Any) -> tuple[list[int], dict[int, list[int]]]:
    """The subgame roots to solve (in preorder) and, for each, the nearest ones below.

    A subgame whose whole subtree has perfect information is solved in one backward
    induction together with all the subgames inside it, so only the topmost of those
    is kept.
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


def _solve_piece(piece: Any, exact: bool, tol: Any, limit: int, method: str,
                 stats: dict) -> list[Piece]:
    """All equilibria found of one piece: (payoffs, behaviour) pairs, without repeats."""
    from .backward import solve_spe

    a = piece.arrays
    dec = a.infoset[a.infoset >= 0]
    if (np.bincount(dec, minlength=len(a.infoset_labels)) <= 1).all():
        sol = solve_spe(piece, exact=exact, max_equilibria=limit, tol=tol)
        stats["backward"] += 1
        if sol.notes:
            stats["ties"] = True
        return [(eq.payoffs, dict(eq.behavior)) for eq in sol]
    nf = piece.to_normal_form()
    N = nf.num_players
    pair = [p for p in range(N) if nf.shape[p] > 1]
    pair = sorted(pair + [p for p in range(N) if p not in pair][:max(0, 2 - len(pair))])
    if len(pair) == 2:
        from . import solve

        sol = solve(_project(nf, pair), method=method, exact=exact,
                    **({} if tol is None else {"tol": tol}))
        stats[method] = stats.get(method, 0) + 1
        if method != "vertex":
            stats["incomplete"] = stats["incomplete"] or not sol.complete
        elif not sol.complete or any(not c.is_isolated for c in sol.components):
            stats["continuum"] = True
        one = Fraction(1) if exact else 1.0
        profiles = []
        for eq in sol:
            full = [[one]] * N
            full[pair[0]], full[pair[1]] = eq.strategies
            profiles.append((eq.payoffs, full))
    else:
        from .pure import solve_pure

        sol = solve_pure(nf, exact=exact, tol=tol)
        profiles = [(eq.payoffs, eq.strategies) for eq in sol]
        if N == 1:      # the optima: all mixtures of the optimal pure strategies
            stats["single"] = stats.get("single", 0) + 1
            stats["continuum"] = stats["continuum"] or len(profiles) > 1
        else:
            stats["pure"] += 1
    out: dict[tuple, Piece] = {}
    for payoffs, strategies in profiles:
        beh = piece.mixed_to_behavior(strategies)
        key = tuple(v if exact else round(float(v), 12)
                    for acts in beh.values() for v in acts.values())
        out.setdefault(key, (_full_payoffs(piece, beh, payoffs, exact), beh))
    return list(out.values())


def _project(nf: Any, pair: list[int]) -> Any:
    """The two-player game of players ``pair`` (every other player has one strategy)."""
    from ..games.normal import NormalFormGame

    U = nf.payoffs[pair].reshape((2,) + tuple(nf.shape[p] for p in pair))
    return NormalFormGame(U, [nf.players[p] for p in pair], [nf.strategies[p] for p in pair])


def _full_payoffs(piece: Any, beh: dict, payoffs: tuple, exact: bool) -> tuple:
    """All players' payoffs (a two-player projection only gives those of the pair)."""
    if len(payoffs) == piece.num_players:
        return tuple(payoffs)
    vals = piece.expected_payoffs(beh).tolist()
    return tuple(vals) if exact else tuple(float(v) for v in vals)


def _too_many(limit: int) -> SolverError:
    return SolverError(
        f"more than max_equilibria={limit} subgame-perfect equilibria (the equilibria of "
        f"the proper subgames combine); raise max_equilibria, perturb the payoffs, or use "
        f"method='vertex' for the Nash equilibria of the reduced normal form")


def solve_subgames(game: Any, exact: bool = False, max_equilibria: int = 10000,
                   tol: float | None = None, subgame_method: str = "vertex") -> Solution:
    """Subgame-perfect equilibria of a tree with imperfect information and perfect recall.

    Called by ``gt.solve(tree, method="spe")`` when an information set has several
    nodes; see the module docstring for the method.

    Parameters
    ----------
    game : ExtensiveFormGame
        A numeric tree with perfect recall (chance nodes allowed).
    exact : bool
        Exact rational arithmetic: Fraction probabilities and payoffs.
    max_equilibria : int
        Raise :class:`~gametheory.errors.SolverError` when the combinations of subgame
        equilibria give more subgame-perfect equilibria than this.
    tol : float, optional
        Float tolerance passed to the solvers of the pieces.
    subgame_method : str
        The normal-form method for pieces with imperfect information in which at most
        two players move: ``"vertex"`` (all extreme equilibria; refuses large pieces) or
        any other two-player method of :func:`gametheory.solve`, e.g.
        ``"lemke-howson"`` for large pieces (some equilibria only).

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
    """
    a = game.arrays
    if a.recall_problems:
        raise GameError(f"subgame-perfect equilibria need perfect recall: "
                        f"{a.recall_problems[0]}")
    keep, below = _pieces(game)
    terminals = terminal_payoffs(game, exact)
    stats = {"backward": 0, "vertex": 0, "pure": 0, "ties": False, "continuum": False,
             "incomplete": False}
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
                                              subgame_method, stats)
                except SolverError as err:
                    if "max_equilibria" in str(err):
                        raise
                    raise SolverError(f"the subgame at node {game._path(v)}: {err}; with "
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
    return build_tree_solution(game, behaviors, "spe", _complete(stats), exact,
                               _notes(stats, len(keep)), payoffs=payoffs)


def _complete(stats: dict) -> bool:
    return not (stats["pure"] or stats["ties"] or stats["continuum"] or stats["incomplete"])


def _notes(stats: dict, pieces: int) -> list[str]:
    names = {"backward": "backward induction", "vertex": "vertex enumeration",
             "pure": "pure equilibria only (method 'pure', three or more players move)",
             "single": "the pure optima of the one player"}
    how = [f"{n} by {names.get(k, f'method {k!r}')}" for k, n in stats.items()
           if isinstance(n, int) and not isinstance(n, bool) and n]
    notes = [f"solved in {pieces} piece(s): {', '.join(how)}"]
    if stats["pure"]:
        notes.append("pieces in which three or more players move are searched for pure "
                     "equilibria only: mixed subgame-perfect equilibria are not listed")
    if stats["continuum"]:
        notes.append("a subgame has a continuum of equilibria, represented by its extreme "
                     "points: equilibria built on its other points are not listed")
    if stats["incomplete"]:
        notes.append("the subgame method does not guarantee all equilibria of a piece")
    if stats["ties"]:
        notes.append("ties in a perfect-information part: only pure choices among the tied "
                     "actions are listed")
    return notes
