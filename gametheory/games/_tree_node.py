"""Nodes of a game tree under construction: the builder methods ``decide``, ``chance``
and ``payoffs`` (see :class:`~gametheory.games.extensive.ExtensiveFormGame`)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError
from ._tree_compile import CHANCE
from ._tree_util import check_distribution
from .values import convert_array

if TYPE_CHECKING:
    from .extensive import ExtensiveFormGame

__all__ = ["Node"]

_FAST_INT = 2**62


class Node:
    """A handle on one node of an :class:`ExtensiveFormGame` (made by the game).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["Ann", "Bob"])
    >>> left, right = g.root.decide("Ann", ["L", "R"])
    >>> right.path, g.root["R"] == right
    ('R', True)
    """

    __slots__ = ("_game", "_id")

    def __init__(self, game: ExtensiveFormGame, node_id: int):
        self._game = game
        self._id = node_id

    @property
    def id(self) -> int:
        """The node's index in the compiled arrays (creation order; root 0)."""
        return self._id

    @property
    def path(self) -> str:
        """The action labels from the root to this node, joined by ``/`` (``"root"``)."""
        return self._game._path(self._id)

    @property
    def parent(self) -> Node | None:
        """The parent node (None at the root)."""
        p = self._game._parent[self._id]
        return None if p < 0 else Node(self._game, p)

    @property
    def children(self) -> tuple[Node, ...]:
        """The child nodes, in action order (empty at a terminal node)."""
        return tuple(Node(self._game, c) for c in self._game._children[self._id] or ())

    @property
    def is_terminal(self) -> bool:
        """True when no move has been given to this node."""
        return self._game._move[self._id] is None

    @property
    def actions(self) -> tuple[str, ...]:
        """Labels of the actions (or chance outcomes) at this node."""
        return self._game._labels.get(self._id, ())

    def __getitem__(self, action: str) -> Node:
        try:
            k = self.actions.index(str(action))
        except ValueError:
            raise GameError(f"node {self.path} has no action {action!r}; actions are "
                            f"{', '.join(self.actions) or 'none (terminal)'}") from None
        return Node(self._game, self._game._children[self._id][k])

    def decide(self, player: str, actions: Sequence[str], infoset: str | None = None
               ) -> tuple[Node, ...]:
        """Make this a decision node of ``player`` and return one child per action.

        Parameters
        ----------
        player : str
            The player who moves here.
        actions : sequence of str
            Action labels (distinct).
        infoset : str, optional
            Information set label; nodes given the same label form one information set
            and must have the same player and actions. Default: a set of its own, labelled
            ``"<player>: <path>"`` (``"<player>: node <id>"`` deeper than 12 moves).

        Returns
        -------
        tuple of Node
            The children, in the order of ``actions``.

        Examples
        --------
        Matching pennies: the second mover does not see the first move.

        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["Ann", "Bob"])
        >>> for a, node in zip("HT", g.root.decide("Ann", ["H", "T"])):
        ...     for b, leaf in zip("HT", node.decide("Bob", ["H", "T"], infoset="Bob")):
        ...         _ = leaf.payoffs(1, -1) if a == b else leaf.payoffs(-1, 1)
        >>> g.to_normal_form().shape
        (2, 2)
        """
        g = self._game
        g._check_open(self._id)
        p = g._player_index(player)
        acts = g._action_labels(actions,
                                lambda: f"the actions of {g._players[p]} at node {self.path}")
        label = g._default_infoset(self._id, p) if infoset is None else str(infoset)
        h = g._infoset_index.get(label)
        if h is None:
            h = g._infoset_index[label] = len(g._infosets)
            g._infosets.append((label, p, acts))
        else:
            _, p0, acts0 = g._infosets[h]
            if p0 != p:
                raise GameError(f"information set {label!r} mixes players: {g._players[p0]} "
                                f"and {g._players[p]} (at node {self.path})")
            if acts0 != acts:
                raise GameError(f"information set {label!r} has actions {list(acts0)} but "
                                f"node {self.path} has {list(acts)}")
        return g._expand(self._id, (p, h), acts)

    def chance(self, probabilities: Mapping[str, Any]) -> tuple[Node, ...]:
        """Make this a chance node and return one child per outcome.

        Parameters
        ----------
        probabilities : mapping of str to number
            ``{outcome label: probability}``; probabilities may be int, float, Fraction,
            strings such as ``"1/3"`` or sympy expressions. They must be non-negative and
            sum to 1 (exactly, for exact inputs).

        Returns
        -------
        tuple of Node
            The children, in the order of ``probabilities``.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["Ann"])
        >>> high, low = g.root.chance({"high": "1/3", "low": "2/3"})
        >>> _ = high.payoffs(3), low.payoffs(0)
        >>> g.expected_payoffs({}).tolist()
        [Fraction(1, 1)]
        >>> g.root.chance({"a": 0.5})
        Traceback (most recent call last):
        ...
        gametheory.errors.GameError: node root already has a move
        """
        g = self._game
        g._check_open(self._id)
        if not isinstance(probabilities, Mapping) or not probabilities:
            raise GameError(f"chance at node {self.path} needs a non-empty mapping "
                            f"{{outcome: probability}}; got {probabilities!r}")
        acts = g._action_labels(list(probabilities),
                                lambda: f"the chance outcomes at node {self.path}")
        probs, kind = _entries(list(probabilities.values()),
                               lambda i: f"the probability of {acts[i[0]]!r} at "
                                         f"chance node {self.path}")
        check_distribution(probs, kind, f"chance node {self.path}")
        g._chance_probs[self._id] = probs
        g._kind_of[("p", self._id)] = kind
        return g._expand(self._id, (CHANCE, -1), acts)

    def payoffs(self, *values: Any, **by_name: Any) -> Node:
        """Attach payoffs (an outcome) to this node; returns the node.

        Give one value per player, in player order, or by player name (as keywords, or
        as one mapping when names are not identifiers). Payoffs at a non-terminal node
        are added to those of every terminal below it.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["Ann", "Bob"])
        >>> stay, go = g.root.payoffs(-1, 0).decide("Ann", ["stay", "go"])
        >>> _ = stay.payoffs(Ann=2, Bob=1), go.payoffs({"Ann": 0, "Bob": "1/2"})
        >>> g.arrays.payoffs.tolist()
        [[Fraction(1, 1), Fraction(1, 1)], [Fraction(-1, 1), Fraction(1, 2)]]
        """
        g = self._game
        if self._id in g._outcomes:
            raise GameError(f"node {self.path} already has payoffs")
        if len(values) == 1 and isinstance(values[0], Mapping) and not by_name:
            by_name, values = dict(values[0]), ()
        if values and by_name:
            raise GameError(f"payoffs at node {self.path}: give them in player order or by "
                            "name, not both")
        if by_name:
            unknown = sorted(set(by_name) - set(g._players))
            if unknown:
                raise GameError(f"payoffs at node {self.path}: no player named "
                                f"{unknown[0]!r}; players are {', '.join(g._players)}")
            missing = [p for p in g._players if p not in by_name]
            if missing:
                raise GameError(f"payoffs at node {self.path}: no payoff for {missing[0]}")
            values = tuple(by_name[p] for p in g._players)
        if len(values) == 1 and isinstance(values[0], (tuple, list)):
            values = tuple(values[0])
        if len(values) != len(g._players):
            raise GameError(f"payoffs at node {self.path}: {len(values)} values for "
                            f"{len(g._players)} players")
        arr, kind = _entries(values, lambda i: f"the payoff of {g._players[i[0]]} at "
                                               f"node {self.path}")
        arr.setflags(write=False)
        g._outcomes[self._id] = arr
        g._kind_of[("o", self._id)] = kind
        g._changed()
        return self

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Node) and other._game is self._game and other._id == self._id

    def __hash__(self) -> int:
        return hash((id(self._game), self._id))

    def __repr__(self) -> str:
        return f"<Node {self.path}>"


def _entries(values: Sequence[Any], where: Callable[[tuple], str]) -> tuple[np.ndarray, str]:
    """Validate and store a few entries (fast path for plain ints and floats)."""
    types = {type(v) for v in values}
    if types == {int} and all(abs(v) < _FAST_INT for v in values):
        return np.array(values, dtype=np.int64), "exact"
    if types <= {int, float} and float in types and all(math.isfinite(v) for v in values):
        return np.array(values, dtype=np.float64), "float"
    raw = np.empty(len(values), dtype=object)
    raw[:] = list(values)
    return convert_array(raw, where)
