"""Recognising a signalling game in a tree: :class:`SignallingStructure`.

A signalling game (Spence 1973; Cho & Kreps 1987): chance picks the sender's type at
the root; the sender, who sees the type (one singleton information set per type), sends
a message; the receiver sees the message but not the type (one information set per
message, with one node per type that can send it) and responds; play ends.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..errors import GameError
from ..games.values import to_fraction

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveFormGame

__all__ = ["SignallingStructure", "signalling_structure", "signalling_tree", "accepts",
           "support_profiles", "MAX_SUPPORT_PROFILES"]


@dataclass(frozen=True)
class SignallingStructure:
    """The parts of a signalling game, as :func:`signalling_structure` reads them.

    Attributes
    ----------
    sender, receiver : int
        Player indices.
    types : tuple of str
        The chance outcomes at the root, in order.
    prior : tuple
        Their probabilities (as stored: Fractions, floats or sympy expressions).
    messages : tuple of str
        Every message, in order of first appearance.
    type_messages : tuple of tuple of str
        The messages each type can send (``type_messages[t]``).
    responses : dict
        ``{message: tuple of responses}``.
    sender_sets : tuple of str
        The sender's information set of each type.
    receiver_sets : dict
        ``{message: the receiver's information set label}``.
    nodes : dict
        ``{(type, message): node path}`` of the receiver's node after type sends message.
    payoffs : tuple
        ``payoffs[i][t][m][r]``: player i's payoff (sender or receiver index order as in
        the game) when type ``types[t]`` sends message ``m`` and the receiver answers
        ``r`` (``m``, ``r`` labels; as stored in the tree, exact where the tree is).
    """

    sender: int
    receiver: int
    types: tuple
    prior: tuple
    messages: tuple
    type_messages: tuple
    responses: dict
    sender_sets: tuple
    receiver_sets: dict
    nodes: dict
    payoffs: tuple

    def senders_of(self, m: str) -> tuple[int, ...]:
        """The indices of the types that can send ``m``."""
        return tuple(t for t, ms in enumerate(self.type_messages) if m in ms)

    def exact(self) -> SignallingStructure:
        """A copy with the prior and payoffs as Fractions (floats read as the decimals
        they print as); GameError for free parameters or irrational numbers."""
        def conv(x: Any) -> Fraction:
            if getattr(x, "free_symbols", None):
                raise GameError("the signalling game depends on parameters; give them "
                                "values with game.substitute(...)")
            return to_fraction(x)

        pay = tuple(tuple({m: {r: conv(v) for r, v in row.items()}
                           for m, row in per_t.items()} for per_t in per_i)
                    for per_i in self.payoffs)
        return SignallingStructure(self.sender, self.receiver, self.types,
                                   tuple(conv(p) for p in self.prior), self.messages,
                                   self.type_messages, self.responses, self.sender_sets,
                                   self.receiver_sets, self.nodes, pay)


def signalling_structure(tree: ExtensiveFormGame) -> SignallingStructure:
    """Read a tree as a signalling game, or say why it is not one.

    The root is a chance node (the sender's type, each of positive probability); each
    type's node is the sender's, alone in its information set; each message leads to a
    receiver's node; the receiver's information sets are one per message (a set holds
    the nodes after one message label, one per type that can send it); the responses
    lead to terminal nodes. Types may differ in the messages they can send and messages
    in their responses. Payoffs and probabilities may be symbolic.

    Parameters
    ----------
    tree : ExtensiveFormGame

    Returns
    -------
    SignallingStructure

    Raises
    ------
    GameError
        Naming the first part of the tree that does not fit.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["S", "R"])
    >>> for t in g.root.chance({"lo": "1/3", "hi": "2/3"}):
    ...     for m in t.decide("S", ["a", "b"], infoset=f"S {t.path}"):
    ...         for r in m.decide("R", ["x", "y"], infoset=f"R {m.path[-1]}"):
    ...             _ = r.payoffs(1, 0)
    >>> s = gt.signalling_structure(g)
    >>> s.types, s.prior, s.messages, s.receiver_sets["a"]
    (('lo', 'hi'), (Fraction(1, 3), Fraction(2, 3)), ('a', 'b'), 'R a')
    >>> s.nodes[(1, "b")], s.payoffs[0][1]["b"]["y"]
    ('hi/b', Fraction(1, 1))
    """
    g = tree
    if not getattr(g, "is_tree", False):
        raise GameError("a signalling game is a game tree (ExtensiveFormGame)")
    if g.num_players != 2:
        raise GameError(f"a signalling game has two players (sender, receiver); this tree "
                        f"has {g.num_players}")
    a = g.arrays
    root_move = g.mover(0)
    if root_move is None or root_move[0] >= 0:
        raise GameError("not a signalling game: the root must be a chance node picking the "
                        "sender's type")
    types = g.action_labels(0)
    prior = tuple(g.chance_probabilities(0))
    for t, p in zip(types, prior):
        if not getattr(p, "free_symbols", None) and not p > 0:
            raise GameError(f"type {t!r} has prior probability {p}; a signalling game's "
                            f"types need positive probability (drop the type)")
    term_row = {int(v): k for k, v in enumerate(a.terminals)}
    sender = None
    sender_sets, type_messages = [], []
    receiver_sets: dict[str, str] = {}
    set_message: dict[str, str] = {}
    nodes: dict[tuple[int, str], str] = {}
    responses: dict[str, tuple] = {}
    messages: list[str] = []
    leaf: dict[tuple[int, str, str], int] = {}
    infos = g.information_sets
    for t, v in enumerate(g.children(0)):
        mv = g.mover(v)
        if mv is None or mv[0] < 0:
            raise GameError(f"not a signalling game: the sender must move after type "
                            f"{types[t]!r} (node {g.path(v)})")
        if sender is None:
            sender = mv[0]
        elif mv[0] != sender:
            raise GameError(f"not a signalling game: different players move after the "
                            f"types ({g.players[sender]} and {g.players[mv[0]]})")
        h = infos[mv[1]]
        if len(h.members) != 1:
            raise GameError(f"not a signalling game: the sender's information set "
                            f"{h.label!r} holds several nodes; the sender knows the type")
        sender_sets.append(h.label)
        type_messages.append(tuple(h.actions))
        for m, w in zip(h.actions, g.children(v)):
            mw = g.mover(w)
            if mw is None or mw[0] < 0 or mw[0] == sender:
                raise GameError(f"not a signalling game: the receiver must move after "
                                f"message {m!r} (node {g.path(w)})")
            hr = infos[mw[1]]
            if set_message.setdefault(hr.label, m) != m:
                raise GameError(f"not a signalling game: the receiver's information set "
                                f"{hr.label!r} follows different messages "
                                f"({set_message[hr.label]!r} and {m!r})")
            if receiver_sets.setdefault(m, hr.label) != hr.label:
                raise GameError(f"not a signalling game: message {m!r} leads to two "
                                f"receiver information sets ({receiver_sets[m]!r} and "
                                f"{hr.label!r}); the receiver sees only the message")
            if m not in messages:
                messages.append(m)
                responses[m] = tuple(hr.actions)
            nodes[(t, m)] = g.path(w)
            for r, z in zip(hr.actions, g.children(w)):
                if g.mover(z) is not None:
                    raise GameError(f"not a signalling game: play must end after the "
                                    f"receiver's response (node {g.path(z)} is not terminal)")
                leaf[(t, m, r)] = term_row[z]
    receiver = 1 - sender
    conv = to_fraction if a.kind == "exact" else float if a.kind == "float" else _same
    prior = tuple(conv(p) for p in prior)
    pay = tuple(tuple({m: {r: conv(a.payoffs[leaf[(t, m, r)], i]) for r in responses[m]}
                       for m in type_messages[t]} for t in range(len(types)))
                for i in range(2))
    return SignallingStructure(sender, receiver, tuple(types), prior, tuple(messages),
                               tuple(type_messages), responses, tuple(sender_sets),
                               receiver_sets, nodes, pay)


def signalling_tree(prior: Mapping[str, Any], messages: Sequence[str] | Mapping[str, Sequence[str]],
                    responses: Sequence[str] | Mapping[str, Sequence[str]],
                    payoffs: Callable[[str, str, str], Sequence[Any]],
                    players: Sequence[str] = ("Sender", "Receiver"),
                    title: str | None = None) -> ExtensiveFormGame:
    """Build a signalling game tree.

    Parameters
    ----------
    prior : mapping
        ``{type: probability}`` (numbers, strings such as ``"1/3"`` or sympy expressions).
    messages : sequence or mapping
        The messages, or ``{type: messages}`` when types differ in what they can send.
    responses : sequence or mapping
        The receiver's responses, or ``{message: responses}``.
    payoffs : callable
        ``payoffs(type, message, response) -> (sender's payoff, receiver's payoff)``.
    players : pair of str
        The sender's and the receiver's names.
    title : str, optional

    Returns
    -------
    ExtensiveFormGame
        Information sets ``"<sender>: <type>"`` and ``"<receiver>: <message>"``; node
        paths ``"<type>/<message>/<response>"``.

    Examples
    --------
    >>> g = signalling_tree({"lo": "1/2", "hi": "1/2"}, ["a", "b"], ["x", "y"],
    ...                     lambda t, m, r: (int(r == "x"), int((r == "x") == (t == "hi"))))
    >>> sorted(g.infosets)
    ['Receiver: a', 'Receiver: b', 'Sender: hi', 'Sender: lo']
    """
    from ..games.extensive import ExtensiveFormGame

    s, r = players
    g = ExtensiveFormGame([s, r], title=title)
    for t, node in zip(prior, g.root.chance(dict(prior))):
        ms = messages[t] if isinstance(messages, Mapping) else messages
        for m, after in zip(ms, node.decide(s, list(ms), infoset=f"{s}: {t}")):
            rs = responses[m] if isinstance(responses, Mapping) else responses
            for x, leaf in zip(rs, after.decide(r, list(rs), infoset=f"{r}: {m}")):
                leaf.payoffs(*payoffs(t, m, x))
    return g


#: Refuse games with more pairs of sender and receiver support profiles than this (a
#: game with 3 types, 3 messages and 3 responses has 117,649 and takes seconds).
MAX_SUPPORT_PROFILES = 1_000_000


def support_profiles(st: SignallingStructure) -> int:
    """An upper bound on the pairs ``(S, Q)`` ``method="pbe"`` enumerates: the product
    over types and messages of the numbers of non-empty supports."""
    n = 1
    for ms in st.type_messages:
        n *= 2 ** len(ms) - 1
    for m in st.messages:
        n *= 2 ** len(st.responses[m]) - 1
    return n


def _same(x: Any) -> Any:
    return x


def accepts(game: Any, exact: bool = False) -> bool:
    """Whether ``method="pbe"`` takes ``game``: a signalling game
    (:func:`signalling_structure` reads it) small enough to enumerate
    (:data:`MAX_SUPPORT_PROFILES`).

    >>> import gametheory as gt
    >>> accepts(gt.NormalFormGame.from_arrays([[1]], [[1]]))
    False
    """
    try:
        st = signalling_structure(game)
    except GameError:
        return False
    return support_profiles(st) <= MAX_SUPPORT_PROFILES
