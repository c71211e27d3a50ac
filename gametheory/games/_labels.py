"""Player names and strategy labels: defaults and validation (used by NormalFormGame)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import GameError

__all__ = ["default_labels", "check_players", "check_strategies", "is_sequence",
           "has_sequences"]

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def is_sequence(x: Any) -> bool:
    """True for lists, tuples, arrays and other sized, indexable containers (not dicts)."""
    return isinstance(x, (list, tuple, np.ndarray, range)) or (
        hasattr(x, "__len__") and hasattr(x, "__getitem__") and not isinstance(x, dict))


def has_sequences(arr: np.ndarray) -> bool:
    """True when an object array holds sequences (a sign of ragged input)."""
    return any(isinstance(v, (list, tuple, np.ndarray)) for v in arr.flat)


def default_labels(player: int, n: int) -> tuple[str, ...]:
    """``a1, a2, ...`` for player 0, ``b1, ...`` for player 1, and so on.

    >>> default_labels(2, 3)
    ('c1', 'c2', 'c3')
    """
    letter = _LETTERS[player] if player < 26 else f"p{player + 1}_"
    return tuple(f"{letter}{k + 1}" for k in range(n))


def check_players(players: Any, n_players: int) -> tuple[str, ...]:
    """Validated player names (default ``Player 1``, ``Player 2``, ...)."""
    if players is None:
        return tuple(f"Player {i + 1}" for i in range(n_players))
    if isinstance(players, str) or not is_sequence(players):
        raise GameError(f"players must be a sequence of names, one per player; got "
                        f"{players!r}")
    names = tuple(str(p) for p in players)
    if len(names) != n_players:
        raise GameError(f"{len(names)} player names given for a {n_players}-player game")
    if len(set(names)) != len(names):
        dup = next(p for p in names if names.count(p) > 1)
        raise GameError(f"duplicate player name {dup!r}")
    return names


def check_strategies(strategies: Any, names: tuple[str, ...],
                     shape: tuple[int, ...]) -> tuple[tuple[str, ...], ...]:
    """Validated strategy labels, one tuple per player (defaults from :func:`default_labels`)."""
    if strategies is None:
        return tuple(default_labels(i, n) for i, n in enumerate(shape))
    if isinstance(strategies, str) or not is_sequence(strategies):
        raise GameError(f"strategies must be one sequence of labels per player; got "
                        f"{strategies!r}")
    labels = []
    for i, row in enumerate(strategies):
        who = names[i] if i < len(names) else f"player {i + 1}"
        if isinstance(row, str) or not is_sequence(row):
            raise GameError(f"the strategy labels of {who} must be a sequence of labels; "
                            f"got {row!r}")
        labels.append(tuple(str(s) for s in row))
    if len(labels) != len(shape):
        raise GameError(f"strategy labels given for {len(labels)} players, "
                        f"but the game has {len(shape)}")
    for i, (row, n) in enumerate(zip(labels, shape, strict=True)):
        if len(row) != n:
            raise GameError(f"{names[i]} has {n} strategies but {len(row)} labels")
        if len(set(row)) != len(row):
            dup = next(s for s in row if row.count(s) > 1)
            raise GameError(f"duplicate strategy label {dup!r} for {names[i]}")
    return tuple(labels)
