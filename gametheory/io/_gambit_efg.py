"""The extensive-game (.efg) format of Gambit, version 2: parse it and write it.

Layout of a file::

    EFG 2 R "title" { "Player 1" "Player 2" }
    "optional comment"
    p "node" 1 1 "infoset" { "a" "b" } 1 "outcome" { 1, -1 }   decision node
    c "node" 1 "" { "h" 1/2 "t" 1/2 } 0                        chance node
    t "node" 2 "outcome" { 0 0 }                               terminal node

Nodes are listed in prefix (depth-first) order. Information sets are numbered per
player and declared (with their actions) on first use; later nodes give only the
number. Outcomes are numbered globally, declared once with their payoffs and then
reused by number (0: no outcome). Node names are not kept.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from ..errors import GameError, ParseError
from ..games.extensive import ExtensiveFormGame
from ._gambit_lexer import Token, TokenStream, quote
from ._gambit_nfg import _JSON, _number_text, _unique

__all__ = ["parse_efg", "format_efg"]

Number = int | Fraction | float


class _Reader:
    """State of one parse: declared information sets and outcomes."""

    def __init__(self, stream: TokenStream, game: ExtensiveFormGame, exact: bool):
        self.s = stream
        self.g = game
        self.exact = exact
        self.infosets: dict[tuple[int, int], tuple[str, Any]] = {}
        self.outcomes: dict[int, list[Number]] = {}
        self.used_labels: set[str] = set()

    def whole(self, expected: str) -> tuple[int, Token]:
        """A non-negative whole number."""
        tok = self.s.peek()
        value = self.s.number(expected)
        if not isinstance(value, int) or value < 0:
            raise self.s.error(expected, tok)
        return value, tok

    def outcome(self, n_players: int) -> list[Number] | None:
        """``number ["name"] [{ payoffs }]``; None for outcome 0."""
        k, tok = self.whole("an outcome number (0 for none)")
        name = self.s.accept("text")
        if self.s.peek().kind == "{":
            self.s.next()
            values = []
            for i in range(n_players):
                self.s.accept(",")
                values.append(self.s.number(f"a number (payoff {i + 1} of {n_players})",
                                            self.exact))
            self.s.accept(",")
            self.s.expect("}", f'"}}" closing the {n_players} payoffs of outcome {k}')
            if k == 0:
                raise ParseError("outcome 0 means no outcome and cannot have payoffs",
                                 tok.line, tok.column)
            if k not in self.outcomes:
                self.outcomes[k] = values
            elif self.outcomes[k] != values:
                raise ParseError(f"outcome {k} was declared with other payoffs before",
                                 tok.line, tok.column)
            return self.outcomes[k]
        del name
        if k == 0:
            return None
        if k not in self.outcomes:
            raise self.s.error(f'"{{" and the payoffs of outcome {k}, used here for the '
                               "first time")
        return self.outcomes[k]

    def infoset_label(self, player: int, number: int, name: str | None) -> str:
        who = "chance" if player == 0 else self.g.players[player - 1]
        label = name if name else f"{who}: {number}"
        while label in self.used_labels:
            label = f"{label} ({who} {number})"
        self.used_labels.add(label)
        return label

    def tree(self, root: Any) -> None:
        """Read the nodes in prefix order (iteratively, so deep trees are fine)."""
        pending = [root]
        while pending:
            pending.extend(reversed(self.node(pending.pop())))

    def node(self, node: Any) -> tuple:
        """Read one node; return its children (empty for a terminal node)."""
        s = self.s
        tok = s.next()
        if tok.kind != "symbol" or tok.text not in ("p", "c", "t"):
            raise s.error('a node: "p" (player), "c" (chance) or "t" (terminal)', tok)
        s.expect("text", "the node's name in double quotes")
        n = self.g.num_players
        try:
            if tok.text == "t":
                pay = self.outcome(n)
                node.payoffs(*(pay if pay is not None else [0] * n))   # 0: zero payoffs
                return ()
            if tok.text == "p":
                player, ptok = self.whole("a player number")
                if not 1 <= player <= n:
                    raise s.error(f"a player number from 1 to {n}", ptok)
            else:
                player = 0
            number, itok = self.whole("an information set number")
            if number == 0:
                raise s.error("an information set number from 1", itok)
            name = s.next().text if s.peek().kind == "text" else None
            key = (player, number)
            if s.peek().kind == "{":
                brace = s.peek()
                move = self.actions(player)
                if key not in self.infosets:
                    self.infosets[key] = (self.infoset_label(player, number, name), move)
                elif self.infosets[key][1] != move:
                    raise ParseError(f"information set {number} was declared with other "
                                     "actions before", brace.line, brace.column)
            elif key not in self.infosets:
                raise s.error(f'"{{" and the actions of information set {number}, used here '
                              "for the first time")
            label, move = self.infosets[key]
            pay = self.outcome(n)
            if pay is not None:
                node.payoffs(*pay)
            if player == 0:
                children = node.chance(dict(move))
            else:
                children = node.decide(self.g.players[player - 1], move, infoset=label)
        except ParseError:   # a GameError too, but already placed in the file
            raise
        except GameError as exc:
            raise ParseError(f"invalid node: {exc}", tok.line, tok.column) from None
        return children

    def actions(self, player: int) -> Any:
        """``{ "a" "b" }`` for a player, ``{ "a" p "b" q }`` for chance."""
        s = self.s
        s.expect("{", '"{" opening the list of actions')
        labels: list[Token] = []
        probs: list[Number] = []
        while s.peek().kind == "text":
            labels.append(s.next())
            if player == 0:
                s.accept(",")
                probs.append(s.number("a probability after a chance action", self.exact))
                s.accept(",")
        s.expect("}", 'a quoted action label or "}" closing the list of actions')
        if not labels:
            raise s.error("at least one action before \"}\"")
        names = _unique(labels)
        return list(zip(names, probs)) if player == 0 else names


def parse_efg(stream: TokenStream, exact: bool = False) -> ExtensiveFormGame:
    """Parse an .efg (version 2) file from a token stream.

    Examples
    --------
    >>> from gametheory.io._gambit_lexer import TokenStream
    >>> g = parse_efg(TokenStream('EFG 2 R "" { "A" } c "" 1 "" { "h" 1/3 "t" 2/3 } 0 '
    ...                           't "" 1 "" { 3 } t "" 2 "" { 0 }'))
    >>> g.expected_payoffs({}).tolist()
    [Fraction(1, 1)]
    """
    tok = stream.next()
    if tok.kind != "symbol" or tok.text != "EFG":
        raise stream.error('"EFG" at the start of an extensive-game file', tok)
    tok = stream.next()
    if tok.kind != "number" or tok.text != "2":
        raise stream.error('the version number "2" after "EFG"', tok)
    tok = stream.next()
    if tok.kind != "symbol" or tok.text not in ("R", "D"):
        raise stream.error('the data type "R" (or "D") after "EFG 2"', tok)
    title = stream.expect("text", "the title in double quotes")
    start = stream.peek()
    players = _unique(stream.labels("players"))
    if not players:
        raise ParseError("the game needs at least one player", start.line, start.column)
    stream.accept("text")   # comment
    try:
        game = ExtensiveFormGame(players, title=title.text or None)
    except GameError as exc:
        raise ParseError(f"invalid players: {exc}", start.line, start.column) from None
    first = stream.peek()
    _Reader(stream, game, exact).tree(game.root)
    stream.expect("eof", "the end of the file after the last node")
    try:
        _ = game.arrays   # checks the whole tree (e.g. absent-mindedness is refused)
    except GameError as exc:
        raise ParseError(f"the game cannot be represented: {exc}", first.line,
                         first.column) from None
    return game


def _node_lines(game: ExtensiveFormGame) -> list[str]:
    lines = []
    declared: set[int] = set()
    chance_sets = 0
    outcomes = 0
    payoffs, infosets = game.outcomes, game.information_sets
    stack = [0]
    while stack:
        v = stack.pop()

        def at(what: str, v: int = v) -> Callable[[], str]:
            return lambda: f"{what} at node {game.path(v)!r}"

        pay = payoffs.get(v)
        if pay is None:
            out = "0"
        else:
            outcomes += 1
            texts = [_number_text(x, at(f"the payoff of {game.players[i]}"))
                     for i, x in enumerate(pay.tolist())]
            out = f'{outcomes} "" {{ {", ".join(texts)} }}'
        move = game.mover(v)
        acts = game.action_labels(v)
        if move is None:
            lines.append(f't "" {out}')
        elif move[0] < 0:
            chance_sets += 1
            probs = game.chance_probabilities(v).tolist()
            body = " ".join(f"{quote(a)} {_number_text(p, at(f'the probability of {a!r}'))}"
                            for a, p in zip(acts, probs))
            lines.append(f'c "" {chance_sets} "" {{ {body} }} {out}')
        else:
            player, h = move
            label = infosets[h].label
            number = sum(1 for k in range(h) if infosets[k].player == player) + 1
            text = f'p "" {player + 1} {number}'
            if h not in declared:
                declared.add(h)
                text += f' {quote(label)} {{ {" ".join(quote(a) for a in acts)} }}'
            lines.append(f"{text} {out}")
        stack.extend(reversed(game.children(v)))
    return lines


def format_efg(game: ExtensiveFormGame, title: str = "", comment: str = "") -> str:
    """The .efg (version 2) text of a game.

    Every node with payoffs gets an outcome of its own; every chance node an information
    set of its own. Numbers are written as in .nfg files (``1/3`` exactly).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["A"])
    >>> x, y = g.root.decide("A", ["x", "y"])
    >>> _ = x.payoffs(1), y.payoffs("1/2")
    >>> print(format_efg(g, title="t"))
    EFG 2 R "t" { "A" }
    ""
    <BLANKLINE>
    p "" 1 1 "A: root" { "x" "y" } 0
    t "" 1 "" { 1 }
    t "" 2 "" { 1/2 }
    <BLANKLINE>
    """
    if game.parameters:
        names = ", ".join(p.name for p in game.parameters)
        raise GameError(f"cannot write a game with parameters ({names}) to a Gambit file; "
                        f"substitute numbers first with game.substitute(...), or write it as "
                        f"{_JSON}")
    title = title or (game.title or "")
    head = f"EFG 2 R {quote(title)} {{ {' '.join(quote(p) for p in game.players)} }}"
    return "\n".join([head, quote(comment), "", *_node_lines(game), ""])
