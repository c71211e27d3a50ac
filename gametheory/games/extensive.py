"""Extensive-form games: trees with chance moves, information sets and outcomes.

A game is built top-down from its root with a small builder API: ``node.decide`` gives a
node to a player, ``node.chance`` to nature, and ``node.payoffs`` attaches an outcome
(payoffs at a non-terminal node are added to those of every terminal below it, as in
Gambit). Information sets are labelled: decision nodes given the same ``infoset`` label
form one information set. The tree is compiled to flat numpy arrays on first use.

Examples
--------
Ukraine chooses NATO or neutrality; under neutrality a guarantor honours its commitment
with probability q, which Russia does not observe before escalating or accepting.

>>> import gametheory as gt
>>> q = gt.parameters("q")
>>> g = gt.ExtensiveFormGame(["Ukraine", "Russia"], title="Guarantees")
>>> nato, neutral = g.root.decide("Ukraine", ["NATO", "neutral"])
>>> esc, acc = nato.decide("Russia", ["escalate", "accept"], infoset="Russia | NATO")
>>> _ = esc.payoffs(-3, -1), acc.payoffs(2, -2)
>>> honour, abandon = neutral.chance({"honour": q, "abandon": 1 - q})
>>> for node, cost in ((honour, (-1, -3)), (abandon, (-4, 2))):
...     esc, acc = node.decide("Russia", ["escalate", "accept"], infoset="Russia | neutral")
...     _ = esc.payoffs(*cost), acc.payoffs(Ukraine=1, Russia=0)
>>> print(g.to_normal_form())
Ukraine \\ Russia    escalate/escalate    escalate/accept     accept/escalate    accept/accept
NATO                           -3, -1             -3, -1               2, -2            2, -2
neutral              3*q - 4, 2 - 5*q               1, 0    3*q - 4, 2 - 5*q             1, 0
>>> print(gt.solve(g.substitute(q="3/4"), exact=True).equilibria[0])
Ukraine: neutral 1; Russia: escalate/accept 1; payoffs 1, 0
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

import numpy as np

from ..errors import GameError
from . import _bridge
from . import parameters as _params
from ._labels import check_players
from ._structure import is_constant_sum_payoffs
from ._tree_compile import TreeArrays, compile_tree
from ._tree_node import Node
from ._tree_util import expand_all

__all__ = ["ExtensiveFormGame", "Node", "InformationSet"]


class InformationSet(NamedTuple):
    """One information set of a game tree (see :attr:`ExtensiveFormGame.information_sets`).

    Attributes
    ----------
    index : int
        Its index (creation order; the ``infoset`` entries of :attr:`~ExtensiveFormGame.arrays`).
    label : str
        Its label.
    player : int
        The index of the player who moves at it.
    actions : tuple of str
        The labels of its actions.
    members : tuple of int
        Its nodes (node ids, in creation order).
    """

    index: int
    label: str
    player: int
    actions: tuple[str, ...]
    members: tuple[int, ...]


class ExtensiveFormGame(_params.ParametricGame):
    """A finite game in extensive form, built from its root.

    Parameters
    ----------
    players : sequence of str
        Player names (nature is not a player; use :meth:`Node.chance`).
    title : str, optional
        A title, shown by ``repr`` and ``str``.

    Notes
    -----
    Build the tree with :attr:`root` and the :class:`Node` methods ``decide``,
    ``chance`` and ``payoffs``. Entries (payoffs, chance probabilities) are stored as
    floats, exact rationals or sympy expressions as in :class:`NormalFormGame`.
    Absent-mindedness (an information set met twice on one path) is rejected; imperfect
    recall is allowed and reported by :attr:`has_perfect_recall`.

    References
    ----------
    Kuhn, H. W. (1953). Extensive games and the problem of information. *Contributions to
    the Theory of Games II*, 193-216. Osborne, M. J. & Rubinstein, A. (1994). *A Course in
    Game Theory*, ch. 6 and 11. MIT Press.

    Examples
    --------
    The entry game (Selten 1978): an entrant stays out or enters; the incumbent fights or
    accommodates.

    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["Entrant", "Incumbent"], title="Entry")
    >>> out, enter = g.root.decide("Entrant", ["out", "enter"])
    >>> out.payoffs(0, 2)
    <Node out>
    >>> fight, accommodate = enter.decide("Incumbent", ["fight", "accommodate"])
    >>> _ = fight.payoffs(-1, -1), accommodate.payoffs(1, 1)
    >>> print(g.to_normal_form())
    Entrant \\ Incumbent   fight   accommodate
    out                    0, 2          0, 2
    enter                -1, -1          1, 1
    """

    def __init__(self, players: Sequence[str], title: str | None = None):
        if players is None or isinstance(players, str) or len(players) == 0:
            raise GameError(f"an extensive-form game needs a list of player names; got "
                            f"{players!r}")
        self._players = check_players(players, len(players))
        self.title = title
        self._parent: list[int] = [-1]
        self._action: list[int] = [-1]
        self._children: list[list[int] | None] = [None]
        self._move: list[tuple[int, int] | None] = [None]
        self._labels: dict[int, tuple[str, ...]] = {}
        self._chance_probs: dict[int, np.ndarray] = {}
        self._outcomes: dict[int, np.ndarray] = {}
        self._kind_of: dict[tuple[str, int], str] = {}
        self._infosets: list[tuple[str, int, tuple[str, ...]]] = []
        self._infoset_index: dict[str, int] = {}
        self._compiled: TreeArrays | None = None
        self._props: dict[str, Any] = {}             # cached properties (see _changed)
        self._sequence_form: tuple | None = None   # (arrays it was built from, form)
        self._behavior_struct: tuple | None = None  # (arrays, _tree_behavior.Sequences)

    @classmethod
    def from_arrays(cls, players: Sequence[str], parent: Any, player: Any, payoffs: Any, *,
                    infoset: Any = None, actions: Any = None, probabilities: Any = None,
                    infoset_labels: Any = None, title: str | None = None
                    ) -> ExtensiveFormGame:
        """A whole tree from flat arrays at once: the game the node-by-node builder makes,
        in a fraction of its time (a million nodes in about a second).

        Nodes are numbered as the builder numbers them: the root 0, a parent before its
        children, and each node's children consecutive ids in action order.

        Parameters
        ----------
        players : sequence of str
            Player names.
        parent : array of int, shape (n,)
            The parent of each node; -1 for the root.
        player : array of int, shape (n,)
            Who moves at each node: a player index, -1 for chance, -2 at a terminal node
            (a node without children).
        payoffs : array, shape (number of terminal nodes, number of players)
            One row per terminal node, in id order (ints, floats or Fractions).
        infoset : array of int, shape (n,), optional
            The information set of each decision node (any integers; equal means the
            same set; other nodes' entries are ignored). Default: a set per node.
        actions : sequence of str, shape (n,), optional
            The label of the move into each node (the root's is ignored). Default
            ``a1, a2, ...`` at decision nodes and ``c1, c2, ...`` at chance nodes.
        probabilities : array, shape (n,), optional
            The probability of the move into each child of a chance node (others
            ignored); needed when there are chance nodes. Each chance node's must be
            non-negative and sum to 1 (exactly for exact numbers, within 1e-9 for floats).
        infoset_labels : mapping or sequence, optional
            ``infoset_labels[k]``: the label of information set ``k`` (an ``infoset``
            value). Default: the builder's default label of the set's first node,
            ``"<player>: <path>"``.
        title : str, optional

        Information sets are numbered in the builder's creation order (the order of
        the first child ids of their first nodes). Bad input is a one-line GameError:
        a parent that does not come before its node (so no cycles), children that are not
        consecutive, a terminal with a mover, payoffs of the wrong shape (ragged rows) or
        not finite, probabilities that are negative, NaN or do not sum to 1, an
        information set with two players or two sets of actions, absent-mindedness.

        Examples
        --------
        The entry game (Selten 1978), as the class example builds it node by node:

        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame.from_arrays(
        ...     ["Entrant", "Incumbent"], parent=[-1, 0, 0, 2, 2], player=[0, -2, 1, -2, -2],
        ...     payoffs=[[0, 2], [-1, -1], [1, 1]],
        ...     actions=["", "out", "enter", "fight", "accommodate"], title="Entry")
        >>> for label, (who, moves) in g.infosets.items():
        ...     print(f"{label}: {who} chooses {' or '.join(moves)}")
        Entrant: root: Entrant chooses out or enter
        Incumbent: enter: Incumbent chooses fight or accommodate
        >>> print(gt.solve(g, exact=True).equilibria[0])
        Entrant: root = enter; Incumbent: enter = accommodate; payoffs 1, 1

        A complete binary tree of depth 19 (about a million nodes), chance at the root:

        >>> import numpy as np
        >>> n = 2 ** 20 - 1
        >>> ids = np.arange(n)
        >>> parent = (ids - 1) // 2
        >>> player = np.where(ids < n // 2, ids % 2, -2)
        >>> player[0] = -1
        >>> probs = np.full(n, 0.5)
        >>> pay = np.random.default_rng(0).random((n - n // 2, 2))
        >>> big = gt.ExtensiveFormGame.from_arrays(["A", "B"], parent, player, pay,
        ...                                        probabilities=probs)
        >>> big.num_nodes, len(big.arrays.terminals), big.has_perfect_recall
        (1048575, 524288, True)
        """
        from ._tree_bulk import build_from_arrays

        return build_from_arrays(cls, players, parent, player, payoffs, infoset=infoset,
                                 actions=actions, probabilities=probabilities,
                                 infoset_labels=infoset_labels, title=title)

    def __getattr__(self, name: str) -> Any:
        """The builder's lists of a game made by :meth:`from_arrays`, filled on first
        use (only then: most work reads :attr:`arrays`)."""
        from ._tree_bulk import BUILDER_FIELDS, materialize

        if name in BUILDER_FIELDS and "_bulk" in self.__dict__:
            materialize(self)
            return self.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # ----------------------------------------------------------------- building
    @property
    def root(self) -> Node:
        """The root node."""
        return Node(self, 0)

    def node(self, path: str) -> Node:
        """The node reached by the action labels in ``path`` (joined by ``/``).

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A"])
        >>> _ = g.root.decide("A", ["x", "y"])
        >>> g.node("y")
        <Node y>
        """
        v = self.root
        for label in ([] if path in ("", "root") else path.split("/")):
            v = v[label]
        return v

    def _player_index(self, player: Any) -> int:
        try:
            return self._players.index(str(player))
        except ValueError:
            raise GameError(f"no player named {player!r}; players are "
                            f"{', '.join(self._players)}") from None

    def _action_labels(self, actions: Any, what: Callable[[], str]) -> tuple[str, ...]:
        if isinstance(actions, str) or not isinstance(actions, Sequence) or not actions:
            raise GameError(f"{what()} must be a non-empty list of labels; got {actions!r}")
        acts = tuple(str(a) for a in actions)
        if len(set(acts)) != len(acts):
            dup = next(a for a in acts if acts.count(a) > 1)
            raise GameError(f"{what()} repeat the label {dup!r}")
        return acts

    def _check_open(self, v: int) -> None:
        if self._move[v] is not None:
            raise GameError(f"node {self._path(v)} already has a move")

    def _expand(self, v: int, move: tuple[int, int], acts: tuple[str, ...]) -> tuple[Node, ...]:
        first = len(self._parent)
        k = len(acts)
        self._parent.extend([v] * k)
        self._action.extend(range(k))
        self._children.extend([None] * k)
        self._move.extend([None] * k)
        self._children[v] = list(range(first, first + k))
        self._move[v] = move
        self._labels[v] = acts
        self._changed()
        return tuple(Node(self, c) for c in range(first, first + k))

    def _changed(self) -> None:
        """The tree grew: drop the compiled arrays and every cached property."""
        self._compiled = None
        self._props = {}

    def _path(self, v: int, limit: int | None = None) -> str | None:
        """The action labels from the root to node v; None if deeper than ``limit``."""
        labels = []
        while v > 0:
            if limit is not None and len(labels) == limit:
                return None
            p = self._parent[v]
            labels.append(self._labels[p][self._action[v]])
            v = p
        return "/".join(reversed(labels)) or "root"

    def _default_infoset(self, v: int, player: int) -> str:
        """``"<player>: <path>"`` (``"<player>: node <id>"`` below depth 12), made unique."""
        path = self._path(v, limit=12)
        label = f"{self._players[player]}: {path if path is not None else f'node {v}'}"
        while label in self._infoset_index:
            label += f" #{v}"
        return label

    # ----------------------------------------------------------------- structure
    @property
    def arrays(self) -> TreeArrays:
        """The validated tree as flat arrays (see :class:`~._tree_compile.TreeArrays`).

        Raises GameError for a terminal without payoffs or absent-mindedness.
        """
        if self._compiled is None:
            self._compiled = compile_tree(self)
        return self._compiled

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def num_players(self) -> int:
        """The number of players."""
        return len(self._players)

    @property
    def num_nodes(self) -> int:
        """The number of nodes."""
        if self._compiled is not None:     # (a bulk-built game keeps its lists for later)
            return len(self._compiled.parent)
        return len(self._parent)

    @property
    def infosets(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        """``{information set label: (player, action labels)}`` in creation order."""
        return {lab: (self._players[p], acts) for lab, p, acts in self._infosets}

    @property
    def kind(self) -> str:
        """How payoffs and probabilities are stored: ``"float"``, ``"exact"``, ``"symbolic"``."""
        return self.arrays.kind

    @property
    def has_perfect_recall(self) -> bool:
        """True when every player always remembers their own earlier moves (compiles the
        tree).

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A"])
        >>> for n in g.root.decide("A", ["x", "y"]):
        ...     for m in n.decide("A", ["u", "v"], infoset="forgot"):
        ...         _ = m.payoffs(0)
        >>> g.has_perfect_recall
        False
        >>> print(g.recall_problems()[0])
        information set 'forgot' of A: node x follows 'x' at 'A: root' but node y
        follows 'y' at 'A: root', so A forgets own earlier moves
        """
        return self._cached("has_perfect_recall", lambda: not self.arrays.recall_problems)

    def recall_problems(self) -> list[str]:
        """Why the game lacks perfect recall: one message per failing information set."""
        return list(self.arrays.recall_problems)

    @property
    def is_tree(self) -> bool:
        """True: this is a game tree (a :class:`~gametheory.NormalFormGame` says False).

        Examples
        --------
        >>> import gametheory as gt
        >>> gt.ExtensiveFormGame(["A"]).is_tree
        True
        """
        return True

    @property
    def has_perfect_information(self) -> bool:
        """True when every information set is a single node (every player sees all
        earlier moves, chance included).

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A"])
        >>> hi, lo = g.root.chance({"hi": 0.5, "lo": 0.5})
        >>> _ = hi.payoffs(1), [n.payoffs(0) for n in lo.decide("A", ["x", "y"])]
        >>> g.has_perfect_information
        True
        >>> g.information_sets[0].members
        (2,)
        """
        def compute() -> bool:
            if "_bulk" in self.__dict__:   # from_arrays: read the arrays, not the lists
                sets = self.arrays.infoset
                return bool((np.bincount(sets[sets >= 0]) <= 1).all())
            return all(len(h.members) == 1 for h in self.information_sets)

        return self._cached("has_perfect_information", compute)

    @property
    def is_zero_sum(self) -> bool:
        """True when the tree is constant-sum: the players' payoffs sum to the same
        constant at every terminal node.

        Exact for exact and symbolic payoffs (each sum is expanded); for floats the sums
        may differ by the solvers' tolerance, as in
        :func:`~gametheory.solvers.sequence_lp.sum_mismatch`. Compiles the tree.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A", "B"])
        >>> x, y = g.root.decide("A", ["x", "y"])
        >>> _ = x.payoffs(3, -1), y.payoffs(0, 2)
        >>> g.is_zero_sum
        True
        """
        return self._cached("is_zero_sum", lambda: is_constant_sum_payoffs(
            self.arrays.payoffs, self.arrays.kind, player_axis=1))

    @property
    def parameters(self) -> tuple:
        """The free sympy Symbols of payoffs and probabilities, sorted by name."""
        def compute() -> tuple:
            a = self.arrays
            if a.kind != "symbolic":
                return ()
            return _params.free_parameters(np.concatenate([a.payoffs.ravel(), a.chance_prob]))

        return self._cached("parameters", compute)

    _depends = "the payoffs or chance probabilities"

    # ----------------------------------------------------------------- read-only accessors
    def _node_id(self, v: Any) -> int:
        if isinstance(v, Node) and v._game is self:
            return v.id
        if isinstance(v, (int, np.integer)) and not isinstance(v, bool) \
                and 0 <= v < len(self._parent):
            return int(v)
        raise GameError(f"no node {v!r}: node ids are 0 (the root) to {len(self._parent) - 1}")

    def path(self, v: int) -> str:
        """The action labels from the root to node ``v``, joined by ``/`` (``"root"``).

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A"])
        >>> x, y = g.root.decide("A", ["x", "y"])
        >>> _ = y.decide("A", ["u", "v"])
        >>> g.path(0), g.path(4)
        ('root', 'y/v')
        """
        return self._path(self._node_id(v))

    def children(self, v: int) -> tuple[int, ...]:
        """The child node ids of node ``v`` in action order; ``()`` at a terminal node.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A"])
        >>> _ = g.root.decide("A", ["x", "y"])
        >>> g.children(0), g.children(1)
        ((1, 2), ())
        """
        return tuple(self._children[self._node_id(v)] or ())

    def action_labels(self, v: int) -> tuple[str, ...]:
        """The labels of the moves (actions or chance outcomes) at node ``v``; ``()`` at a
        terminal node.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A"])
        >>> _ = g.root.chance({"hi": "1/2", "lo": "1/2"})
        >>> g.action_labels(0)
        ('hi', 'lo')
        """
        return self._labels.get(self._node_id(v), ())

    def chance_probabilities(self, v: int) -> np.ndarray:
        """The probabilities of the outcomes at chance node ``v`` (a read-only array, in
        the order of :meth:`action_labels`); GameError at another node.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A"])
        >>> _ = g.root.chance({"hi": "1/4", "lo": "3/4"})
        >>> [str(p) for p in g.chance_probabilities(0)]
        ['1/4', '3/4']
        """
        v = self._node_id(v)
        probs = self._chance_probs.get(v)
        if probs is None:
            raise GameError(f"node {self._path(v)} is not a chance node")
        view = probs.view()
        view.setflags(write=False)
        return view

    def mover(self, v: int) -> tuple[int, int] | None:
        """Who moves at node ``v``: ``(player index, information set index)``; the player
        index is negative (and the information set -1) at a chance node; None at a
        terminal node.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A", "B"])
        >>> x, y = g.root.decide("A", ["x", "y"])
        >>> _ = y.decide("B", ["u", "v"])
        >>> _ = x.chance({"h": 0.5, "t": 0.5})
        >>> g.mover(0), g.mover(2), g.mover(1), g.mover(3)
        ((0, 0), (1, 1), (-1, -1), None)
        """
        return self._move[self._node_id(v)]

    @property
    def outcomes(self) -> Mapping[int, np.ndarray]:
        """Read-only ``{node id: payoff vector}`` of the nodes given payoffs with
        ``node.payoffs`` (a terminal's payoffs are the sum of those on its path; see
        :attr:`arrays`).

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A", "B"])
        >>> x, y = g.root.decide("A", ["x", "y"])
        >>> _ = x.payoffs(1, 2), y.payoffs(0, 0)
        >>> {v: u.tolist() for v, u in g.outcomes.items()}
        {1: [1, 2], 2: [0, 0]}
        """
        return MappingProxyType(self._outcomes)

    @property
    def information_sets(self) -> tuple[InformationSet, ...]:
        """The information sets in index order, each an :class:`InformationSet`
        ``(index, label, player, actions, members)``.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A", "B"])
        >>> for n in g.root.decide("A", ["x", "y"]):
        ...     for m in n.decide("B", ["u", "v"], infoset="B"):
        ...         _ = m.payoffs(0, 0)
        >>> g.information_sets[1]
        InformationSet(index=1, label='B', player=1, actions=('u', 'v'), members=(1, 2))
        """
        def compute() -> tuple[InformationSet, ...]:
            members: list[list[int]] = [[] for _ in self._infosets]
            for v, move in enumerate(self._move):
                if move is not None and move[0] >= 0:
                    members[move[1]].append(v)
            return tuple(InformationSet(h, label, p, acts, tuple(members[h]))
                         for h, (label, p, acts) in enumerate(self._infosets))

        return self._cached("information_sets", compute)

    def substitute(self, **values: Any) -> ExtensiveFormGame:
        """A new game with the named parameters fixed (validated again).

        Examples
        --------
        >>> import gametheory as gt
        >>> r = gt.parameters("r")
        >>> g = gt.ExtensiveFormGame(["A"])
        >>> hi, lo = g.root.chance({"hi": r, "lo": 1 - r})
        >>> _ = hi.payoffs(10), lo.payoffs(0)
        >>> g.parameters
        (r,)
        >>> g.substitute(r="1/4").expected_payoffs({}).tolist()
        [Fraction(5, 2)]
        """
        from ._tree_util import replay

        if not values:
            return self
        params = self.parameters
        if not params:
            raise GameError(f"unknown parameter {next(iter(values))!r}; this game has no "
                            "parameters")
        self._check_values(values)

        def sub(arr: np.ndarray) -> np.ndarray:
            if arr.dtype != object:
                return arr
            return _params.substitute_array(arr, params, values)

        return self._keep_metadata(replay(self, sub))

    # ----------------------------------------------------------------- conversions
    def to_normal_form(self):
        """The reduced normal form, as a :class:`~gametheory.NormalFormGame`.

        Pure strategies that differ only at information sets their own earlier moves make
        unreachable are merged; a strategy label lists the actions it takes, in the order
        of the player's information sets, joined by ``/`` (``*`` marks an information set
        it never reaches when the short labels would clash). Expected payoffs include
        chance; exact inputs give exact payoffs.

        References
        ----------
        Myerson, R. B. (1991). *Game Theory: Analysis of Conflict*, sec. 2.2-2.3. Harvard
        University Press.

        Examples
        --------
        A centipede game with four moves: each player has three reduced strategies.

        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A", "B"])
        >>> node = g.root
        >>> for k in range(4):
        ...     stop, node = node.decide("AB"[k % 2], ["stop", "go"])
        ...     _ = stop.payoffs(2 ** k if k % 2 == 0 else 2 ** (k - 1), 2 ** k)
        >>> _ = node.payoffs(16, 8)
        >>> nf = g.to_normal_form()
        >>> nf.shape, nf.strategies[0]
        ((3, 3), ('stop', 'go/stop', 'go/go'))
        """
        from ._tree_reduce import reduced_normal_form

        return self._keep_metadata(reduced_normal_form(self))

    @classmethod
    def from_pygambit(cls, game: Any, exact: bool = False) -> ExtensiveFormGame:
        """A ``pygambit.ExtensiveGame`` as an ExtensiveFormGame: title, players, actions,
        information sets, chance probabilities and exact payoffs kept; decimals as
        floats, or with ``exact=True`` as Fractions
        (:func:`gametheory.io.interop.from_pygambit`).

        Examples
        --------
        >>> import pygambit
        >>> import gametheory as gt
        >>> g = pygambit.ExtensiveGame(["A"], title="one move")
        >>> g.append_move(pygambit.H.path(), "A", ["x", "y"])
        >>> gt.ExtensiveFormGame.from_pygambit(g).infosets
        {'A: 1': ('A', ('x', 'y'))}
        """
        ours = _bridge.converter("from_pygambit")(game, exact=exact)
        if not ours.is_tree:
            raise GameError("ExtensiveFormGame.from_pygambit needs a pygambit "
                            "ExtensiveGame; this is a StrategicGame (use "
                            "NormalFormGame.from_pygambit)")
        return ours

    def to_pygambit(self) -> Any:
        """This tree as a ``pygambit.ExtensiveGame``, with its labels, information sets,
        chance probabilities and exact payoffs (:func:`gametheory.io.interop.to_pygambit`).

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A"])
        >>> x, y = g.root.decide("A", ["x", "y"])
        >>> _ = x.payoffs("1/3"), y.payoffs(0)
        >>> import pygambit
        >>> g.to_pygambit().get_actions(pygambit.H.path())
        ['x', 'y']
        """
        return _bridge.converter("to_pygambit")(self)

    def sequence_form(self):
        """The sequence form (Koller, Megiddo & von Stengel 1996); needs perfect recall.

        Cached, like :attr:`arrays`. See :class:`~gametheory.games.sequence_form.SequenceForm`.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A", "B"])
        >>> l, r = g.root.decide("A", ["L", "R"])
        >>> _ = l.payoffs(1, -1); _ = r.payoffs(0, 0)
        >>> g.sequence_form().sizes
        (3, 1)
        """
        arrays = self.arrays
        if self._sequence_form is None or self._sequence_form[0] is not arrays:
            from .sequence_form import sequence_form

            self._sequence_form = (arrays, sequence_form(self))
        return self._sequence_form[1]

    def realization_probabilities(self, behavior: Mapping[str, Any], nodes: bool = False
                                  ) -> np.ndarray:
        """Probability of reaching each terminal node under a behaviour profile.

        Parameters
        ----------
        behavior : mapping
            ``{information set label: {action: probability}}``, or ``{label: action}``
            for a pure choice. Every information set needs an entry.
        nodes : bool
            Return the probabilities of all nodes (indexed by ``node.id``) instead.

        Returns
        -------
        ndarray, shape (num_terminals,) or (num_nodes,)
            In the order of ``arrays.terminals``; exact when all inputs are exact.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A"])
        >>> hi, lo = g.root.chance({"hi": "1/3", "lo": "2/3"})
        >>> _ = hi.payoffs(3)
        >>> for n in lo.decide("A", ["x", "y"], infoset="A|lo"):
        ...     _ = n.payoffs(1)
        >>> g.realization_probabilities({"A|lo": {"x": "1/2", "y": "1/2"}}).tolist()
        [Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)]
        """
        from ._tree_util import realization

        reach = realization(self, behavior)
        return reach if nodes else reach[self.arrays.terminals]

    def expected_payoffs(self, behavior: Mapping[str, Any]) -> np.ndarray:
        """Expected payoff of each player under a behaviour profile.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A", "B"])
        >>> x, y = g.root.decide("A", ["x", "y"])
        >>> _ = x.payoffs(1, 0), y.payoffs(0, 1)
        >>> g.expected_payoffs({"A: root": {"x": 0.25, "y": 0.75}}).tolist()
        [0.25, 0.75]
        """
        reach = self.realization_probabilities(behavior)
        pay = self.arrays.payoffs
        if reach.dtype != object:
            return reach @ pay.astype(np.float64)
        pay = pay.astype(object)
        out = np.array([np.dot(reach, pay[:, i]) for i in range(self.num_players)],
                       dtype=object)
        return expand_all(out) if any(hasattr(v, "free_symbols") for v in out) else out

    # ----------------------------------------------------------------- behaviour
    def behavior_regrets(self, behavior: Mapping[str, Any]) -> tuple:
        """Each player's regret: best-response value minus expected payoff.

        One bottom-up pass over the tree's sequences (no pure strategy is listed); needs
        perfect recall. Fractions when payoffs and profile are exact, else floats.

        References
        ----------
        von Stengel, B. (1996). Efficient computation of behavior strategies. *Games and
        Economic Behavior* 14, 220-246.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A", "B"])
        >>> out, enter = g.root.decide("A", ["out", "in"])
        >>> _ = out.payoffs(1, 2)
        >>> fight, acc = enter.decide("B", ["fight", "accommodate"])
        >>> _ = fight.payoffs(0, 0), acc.payoffs(2, 1)
        >>> g.behavior_regrets({"A: root": "out", "B: in": "accommodate"})
        (Fraction(1, 1), Fraction(0, 1))
        """
        from ._tree_behavior import regrets

        return regrets(self, behavior)

    def best_response_behavior(self, behavior: Mapping[str, Any], player: Any
                               ) -> tuple[dict[str, dict[str, Any]], Any]:
        """A pure best response of ``player`` (name or index) to ``behavior``, and its value.

        Returns ``behavior`` with the player's information sets replaced by the first
        best action at each (1 for it, 0 for the others), and the best-response value.

        References
        ----------
        von Stengel, B. (1996). *Games and Economic Behavior* 14, 220-246.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A", "B"])
        >>> out, enter = g.root.decide("A", ["out", "in"])
        >>> _ = out.payoffs(1, 2)
        >>> fight, acc = enter.decide("B", ["fight", "accommodate"])
        >>> _ = fight.payoffs(0, 0), acc.payoffs(2, 1)
        >>> br, value = g.best_response_behavior({"A: root": "in", "B: in": "fight"}, "B")
        >>> br["B: in"], value
        ({'fight': 0, 'accommodate': 1}, Fraction(1, 1))
        """
        from ._tree_behavior import best_response

        return best_response(self, behavior, player)

    def beliefs(self, behavior: Mapping[str, Any]) -> dict[str, dict[str, Any] | None]:
        """Beliefs at each information set by Bayes' rule: ``{label: {node path: prob}}``.

        An information set reached with probability 0 maps to ``None`` (Bayes' rule says
        nothing there). Exact inputs give Fractions.

        References
        ----------
        Myerson, R. B. (1991). *Game Theory: Analysis of Conflict*, sec. 4.3. Harvard UP.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["S", "R"])
        >>> for t, node in zip("ab", g.root.chance({"a": "1/3", "b": "2/3"})):
        ...     for s, m in zip("mn", node.decide("S", ["m", "n"], infoset=f"S {t}")):
        ...         for r in m.decide("R", ["x", "y"], infoset=f"R {s}"):
        ...             _ = r.payoffs(0, 0)
        >>> beh = {"S a": "m", "S b": {"m": "1/2", "n": "1/2"}, "R m": "x", "R n": "x"}
        >>> g.beliefs(beh)["R m"]
        {'a/m': Fraction(1, 2), 'b/m': Fraction(1, 2)}
        """
        from ._tree_kuhn import beliefs

        return beliefs(self, behavior)

    def mixed_to_behavior(self, strategies: Sequence[Any]) -> dict[str, dict[str, Any]]:
        """The behaviour profile equivalent to mixed strategies (Kuhn's theorem).

        ``strategies`` has one probability vector (or label) per player over the reduced
        normal form's strategies, in the order of ``to_normal_form().strategies``; an
        :class:`~gametheory.Equilibrium` of the reduced normal form works too. Needs
        perfect recall. Where a player's own plan never reaches an information set, its
        first action gets probability 1 (the choice is payoff-irrelevant).

        References
        ----------
        Kuhn, H. W. (1953). *Contributions to the Theory of Games II*, 193-216.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A"])
        >>> stop, go = g.root.decide("A", ["stop", "go"])
        >>> _ = stop.payoffs(0)
        >>> _ = [n.payoffs(1) for n in go.decide("A", ["l", "r"])]
        >>> g.to_normal_form().strategies[0]
        ('stop', 'go/l', 'go/r')
        >>> g.mixed_to_behavior([["1/2", "1/8", "3/8"]])["A: go"]
        {'l': Fraction(1, 4), 'r': Fraction(3, 4)}
        """
        from ._tree_kuhn import mixed_to_behavior

        return mixed_to_behavior(self, strategies)

    def behavior_to_mixed(self, behavior: Mapping[str, Any]) -> tuple[np.ndarray, ...]:
        """Mixed strategies over the reduced normal form equivalent to ``behavior``.

        One probability vector per player, in the order of
        ``to_normal_form().strategies``: each reduced strategy gets the product of the
        behaviour probabilities of the actions it assigns. Needs perfect recall.

        References
        ----------
        Kuhn, H. W. (1953). *Contributions to the Theory of Games II*, 193-216.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A"])
        >>> stop, go = g.root.decide("A", ["stop", "go"])
        >>> _ = stop.payoffs(0)
        >>> _ = [n.payoffs(1) for n in go.decide("A", ["l", "r"])]
        >>> beh = {"A: root": {"stop": "1/2", "go": "1/2"}, "A: go": {"l": "1/4", "r": "3/4"}}
        >>> [str(x) for x in g.behavior_to_mixed(beh)[0]]
        ['1/2', '1/8', '3/8']
        """
        from ._tree_kuhn import behavior_to_mixed

        return behavior_to_mixed(self, behavior)

    def to_agent_form(self):
        """The agent normal form: one player per information set.

        Player labels are the information set labels, strategies their actions, and each
        agent's payoff is the expected payoff of the player owning its information set.
        GameError when it would have more than 10^6 cells.

        References
        ----------
        Myerson, R. B. (1991). *Game Theory: Analysis of Conflict*, sec. 2.6. Harvard UP.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.ExtensiveFormGame(["A", "B"])
        >>> out, enter = g.root.decide("A", ["out", "in"], infoset="A")
        >>> _ = out.payoffs(1, 2)
        >>> fight, acc = enter.decide("B", ["fight", "accommodate"], infoset="B")
        >>> _ = fight.payoffs(0, 0), acc.payoffs(2, 1)
        >>> print(g.to_agent_form())
        A \\ B   fight   accommodate
        out     1, 2          1, 2
        in      0, 0          2, 1
        """
        from ._tree_kuhn import agent_form

        return agent_form(self)

    # ----------------------------------------------------------------- comparison
    def _signature(self) -> tuple:
        """The tree in preorder: move, labels, probabilities and payoffs of every node."""
        out: list[tuple] = []
        stack = [0]
        while stack:
            v = stack.pop()
            move = self._move[v]
            if move is None:
                who: tuple = ()
            elif move[0] < 0:
                who = ("chance", tuple(self._chance_probs[v].tolist()))
            else:
                who = (self._players[move[0]], self._infosets[move[1]][0])
            outcome = self._outcomes.get(v)
            out.append((who, self._labels.get(v, ()),
                        None if outcome is None else tuple(outcome.tolist())))
            stack.extend(reversed(self._children[v] or ()))
        return (self._players, tuple(out))

    def __eq__(self, other: object) -> bool:
        """Same players and the same tree (labels, information sets, probabilities, payoffs).

        Examples
        --------
        >>> import gametheory as gt
        >>> def build(p):
        ...     g = gt.ExtensiveFormGame(["A"])
        ...     for n in g.root.chance({"h": p, "t": 1 - p}):
        ...         _ = n.payoffs(1)
        ...     return g
        >>> from fractions import Fraction
        >>> build(gt.parameters("p")).substitute(p="1/2") == build(Fraction(1, 2))
        True
        """
        if not isinstance(other, type(self)):
            return NotImplemented
        return self._signature() == other._signature()

    __hash__ = None  # type: ignore[assignment]

    # ----------------------------------------------------------------- display
    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        sets = len(self._compiled.infoset_labels) if self._compiled is not None else \
            len(self._infosets)
        return (f"<ExtensiveFormGame{title} ({', '.join(self._players)}); "
                f"{self.num_nodes} nodes, {sets} information sets>")

    def __str__(self) -> str:
        from ._tree_util import tree_text

        return tree_text(self)

    def _repr_html_(self) -> str:
        import html

        return f"<pre>{html.escape(str(self))}</pre>"

    def _repr_latex_(self) -> str:
        """The tree as a TikZ picture (needs ``\\usepackage{tikz}``), for nbconvert."""
        from ..io.tikz import tree_tikz

        return tree_tikz(self)
