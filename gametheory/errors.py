"""Exceptions and warnings raised by gametheory.

Every error a user can trigger with bad input is one of these, with a message that
names the bad thing (which player, which cell, which parameter).
"""

from __future__ import annotations

__all__ = ["GameError", "SolverError", "TooManyEquilibria", "ParseError", "DegenerateGameWarning"]


class GameError(ValueError):
    """An invalid game or an invalid profile for a game.

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.NormalFormGame.from_arrays([[1, 2], [3]], [[1, 2], [3, 4]])
    Traceback (most recent call last):
    ...
    gametheory.errors.GameError: payoffs of Player 1 are ragged: rows of unequal length
    """


class SolverError(RuntimeError):
    """A solver cannot handle this game (too large, wrong number of players, ...).

    The message says why and suggests a method that can.
    """


class TooManyEquilibria(SolverError):
    """A solver found more equilibria than its ``max_equilibria`` limit allows.

    A :class:`SolverError`; ``limit`` is the limit that was exceeded. Callers that
    combine the equilibria of parts of a game (the subgames of a tree) let this error
    through unchanged, whichever part raised it.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.errors import TooManyEquilibria
    >>> g = gt.ExtensiveFormGame(["A", "B"])
    >>> for node in g.root.decide("A", ["x", "y"]):
    ...     for leaf in node.decide("B", ["l", "r"]):
    ...         _ = leaf.payoffs(0, 0)
    >>> try:
    ...     gt.solve(g, method="spe", max_equilibria=3)
    ... except TooManyEquilibria as err:
    ...     print(err.limit, isinstance(err, gt.SolverError))
    3 True
    """

    def __init__(self, message: str, limit: int | None = None):
        self.limit = limit
        super().__init__(message)

    def __reduce__(self):
        return type(self), (str(self), self.limit)


class ParseError(GameError):
    """A malformed game file or expression; the message gives where (line and column
    for files, the character for an expression) and what was expected.

    A subclass of :class:`GameError`: unreadable input is an invalid game.
    ``unknown_name`` is the name when the input uses one that is not allowed there (an
    undeclared parameter), else None.
    """

    def __init__(self, message: str, line: int | None = None, column: int | None = None,
                 *, unknown_name: str | None = None):
        self.line = line
        self.column = column
        self.unknown_name = unknown_name
        where = ""
        if line is not None:
            where = f"line {line}" + (f", column {column}" if column is not None else "") + ": "
        super().__init__(where + message)


class DegenerateGameWarning(UserWarning):
    """The game is degenerate and the chosen method cannot guarantee all equilibria."""
