"""Input checks shared by the tree solvers (spe, sequence-lp, sequence-lcp)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import GameError
from ..games.extensive import ExtensiveFormGame

if TYPE_CHECKING:
    from ..games.protocol import Game


def numeric_tree_arrays(game: Game, what: str, method: str = "spe") -> Any:
    """The compiled arrays of ``game``; GameError unless it is a tree with numeric
    payoffs and chance probabilities.

    Parameters
    ----------
    game
        The game given to the solver.
    what
        What needs the numbers, for the message (``"backward induction"``).
    method
        The method's name, for the message on a game that is not a tree.

    Examples
    --------
    >>> import gametheory as gt
    >>> q = gt.parameters("q")
    >>> g = gt.ExtensiveFormGame(["A"])
    >>> x, y = g.root.decide("A", ["x", "y"])
    >>> _ = x.payoffs(q), y.payoffs(1)
    >>> try:
    ...     numeric_tree_arrays(g, "backward induction")
    ... except gt.GameError as e:
    ...     print(str(e).split("; ")[1])
    this tree depends on q
    """
    if not isinstance(game, ExtensiveFormGame):
        raise GameError(f"method {method!r} needs an extensive-form game (a tree); got "
                        f"{type(game).__name__}")
    arrays = game.arrays
    _require_numeric(game, f"{what} needs numeric payoffs and probabilities")
    return arrays


def _require_numeric(game: ExtensiveFormGame, needs: str) -> None:
    """GameError ``"<needs>; this tree depends on <names>; fix them ..."`` for symbolic
    payoffs or probabilities (parameters, or irrational numbers)."""
    if game.kind == "symbolic":
        names = ", ".join(str(p) for p in game.parameters) or "irrational numbers"
        raise GameError(f"{needs}; this tree depends on {names}; fix them with "
                        f"game.substitute(...)")


def check_two_player_tree(game: Game, method: str, instead: str, kind: str = "") -> Any:
    """The compiled arrays of ``game``; GameError unless it is a two-player tree with
    numeric payoffs and perfect recall.

    Parameters
    ----------
    game
        The game given to the solver.
    method
        The solver's name, for the messages (``"sequence-lp"``).
    instead
        What to use for a normal-form game (``"use method='lp' for a matrix game"``).
    kind
        Qualifies the tree the solver needs (``"zero-sum "``).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["A", "B", "C"])
    >>> _ = g.root.payoffs(0, 0, 0)
    >>> try:
    ...     check_two_player_tree(g, "sequence-lcp", "use method='lemke-howson'")
    ... except gt.GameError as e:
    ...     print(e)
    sequence-lcp needs a two-player tree; this one has 3 players ['A', 'B', 'C']
    """
    if not isinstance(game, ExtensiveFormGame):
        raise GameError(f"{method} needs a game tree (an extensive-form game); got "
                        f"{type(game).__name__} ({instead})")
    arrays = game.arrays
    n = game.num_players
    if n != 2:
        raise GameError(f"{method} needs a two-player {kind}tree; this one has {n} "
                        f"player{'' if n == 1 else 's'} {list(game.players)}")
    _require_numeric(game, f"{method} needs numeric payoffs and chance probabilities")
    if not game.has_perfect_recall:
        raise GameError(f"{method} needs perfect recall: " + game.recall_problems()[0])
    return arrays
