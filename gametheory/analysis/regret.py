"""Best responses and regret of (mixed) profiles: how far a profile is from equilibrium.

Arithmetic follows the profile: exact probability vectors (and pure strategies in a game
with exact payoffs) give exact Fractions, so an exact equilibrium has regret exactly 0.
For a game tree (:class:`~gametheory.ExtensiveFormGame`) the profile is a behaviour
profile ``{information set: {action: probability}}`` or an :class:`Equilibrium` whose
``behavior`` is set, and regrets come from one pass over the tree
(``game.behavior_regrets``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError
from ..games.values import exact_number

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame
    from ..games.protocol import Game

__all__ = ["best_responses", "regrets", "max_regret", "is_equilibrium"]


def _profile(game, eq_or_profile: Any) -> tuple:
    strategies = getattr(eq_or_profile, "strategies", eq_or_profile)
    return game.mixed_profile(strategies)


def _tree_regrets(game, profile: Any) -> tuple:
    """Regrets of a behaviour profile (or an Equilibrium's ``behavior``) in a tree."""
    from ..solvers.result import Equilibrium

    if isinstance(profile, Equilibrium):
        if profile.behavior is None:
            raise GameError("this Equilibrium has no behaviour profile (it is an "
                            "equilibrium of a normal-form game); pass that normal-form "
                            "game, or game.mixed_to_behavior(eq.strategies)")
        profile = profile.behavior
    if not isinstance(profile, Mapping):
        raise GameError(f"for a game tree give a behaviour profile {{information set: "
                        f"{{action: probability}}}} or an Equilibrium with behavior; got "
                        f"{type(profile).__name__}")
    return game.behavior_regrets(profile)


def best_responses(game: NormalFormGame, profile: Sequence[Any], player: int | str,
                   tol: float = 0.0) -> tuple[int, ...]:
    """Pure best responses of ``player`` to the others' strategies in ``profile``.

    Parameters
    ----------
    game : NormalFormGame
    profile : sequence or Equilibrium
        One strategy per player (index, label or probability vector); the player's own
        entry is ignored (it may be anything, e.g. None).
    player : int or str
    tol : float
        Strategies within ``tol`` of the best payoff count as best responses.

    Returns
    -------
    tuple of int
        Indices of the best responses, in increasing order.

    References
    ----------
    Osborne, M. J. (2004). An Introduction to Game Theory, Oxford UP, section 2.8.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> gt.best_responses(g, [None, "b1"], 0)
    (1,)
    """
    if game.is_tree:
        raise GameError("best_responses works on normal-form games; for a game tree use "
                        "game.best_response_behavior(behavior, player)")
    i = game.player_index(player)
    strategies = getattr(profile, "strategies", profile)
    if isinstance(strategies, (list, tuple, np.ndarray)) and len(strategies) == game.num_players:
        strategies = list(strategies)
        strategies[i] = 0  # the player's own strategy does not matter
    vec = game.payoff_vectors(game.mixed_profile(strategies))[i]
    best = max(vec)
    return tuple(int(k) for k in np.flatnonzero([best - v <= tol for v in vec]))


def regrets(game: Game, profile: Any) -> tuple:
    """Each player's regret: best pure payoff minus expected payoff (0 at equilibrium).

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
    profile : Equilibrium or sequence of strategies
        For a tree: a behaviour profile or an Equilibrium with ``behavior``.

    Returns
    -------
    tuple
        One non-negative regret per player (Fractions when the arithmetic is exact).

    References
    ----------
    Nash, J. (1951). Non-cooperative games. Annals of Mathematics 54(2), 286-295.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> gt.regrets(g, ["a1", "b1"])
    (Fraction(2, 1), Fraction(2, 1))

    In a game tree, against a behaviour profile:

    >>> t = gt.ExtensiveFormGame(["A", "B"])
    >>> out, enter = t.root.decide("A", ["out", "in"])
    >>> _ = out.payoffs(1, 2)
    >>> fight, acc = enter.decide("B", ["fight", "accommodate"])
    >>> _ = fight.payoffs(0, 0), acc.payoffs(2, 1)
    >>> gt.regrets(t, {"A: root": "in", "B: in": "fight"})
    (Fraction(1, 1), Fraction(1, 1))
    """
    if game.is_tree:
        return _tree_regrets(game, profile)
    prof = _profile(game, profile)
    vecs = game.payoff_vectors(prof)
    out = tuple(max(v) - np.dot(v, p) for v, p in zip(vecs, prof, strict=False))
    if any(isinstance(p, np.ndarray) and p.dtype == object and p.size and
           not isinstance(p[0], (Fraction, int)) for p in prof):
        import sympy  # algebraic strategies (e.g. from "enumpoly"): simplify exactly

        out = tuple(exact_number(sympy.radsimp(sympy.expand(r))) for r in out)
    return out


def max_regret(game: Game, profile: Any) -> Any:
    """The largest regret of any player; 0 exactly at an exact equilibrium.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
    profile : Equilibrium or sequence of strategies
        For a tree: a behaviour profile or an Equilibrium with ``behavior``.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. Annals of Mathematics 54(2), 286-295.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction as F
    >>> g = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> gt.max_regret(g, [[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]])
    Fraction(0, 1)
    >>> gt.max_regret(g, ["a1", "b2"])
    Fraction(1, 1)
    >>> float(gt.max_regret(g, [[0.5, 0.5], "b2"]))
    0.5
    """
    return max(regrets(game, profile))


def is_equilibrium(game: Game, profile: Any, tol: float = 1e-9) -> bool:
    """True when no player can gain more than ``tol`` by deviating.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
    profile : Equilibrium or sequence of strategies
        For a tree: a behaviour profile or an Equilibrium with ``behavior``.
    tol : float
        Allowed regret; pass 0 to demand an exact equilibrium.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. Annals of Mathematics 54(2), 286-295.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> gt.is_equilibrium(g, ["a1", "b1"]), gt.is_equilibrium(g, ["a1", "b2"])
    (True, False)

    A subgame-perfect equilibrium of a tree:

    >>> t = gt.ExtensiveFormGame(["A", "B"])
    >>> out, enter = t.root.decide("A", ["out", "in"])
    >>> _ = out.payoffs(1, 2)
    >>> fight, acc = enter.decide("B", ["fight", "accommodate"])
    >>> _ = fight.payoffs(0, 0), acc.payoffs(2, 1)
    >>> gt.is_equilibrium(t, gt.solve(t, method="spe").equilibria[0])
    True
    """
    return bool(max_regret(game, profile) <= tol)
