"""Poker-like two-player zero-sum game trees: Kuhn poker, Leduc poker and a family between.

Every game here is built with the :class:`gametheory.ExtensiveFormGame` builder: chance
deals each player one private card, the players bet in a limit betting round (and, with a
public board card, in a second round after it is dealt), and a fold or a showdown ends
the game. A player's information set is their own card's rank and the public history, so
the trees have imperfect information and perfect recall; payoffs are exact integers and
the deal probabilities exact fractions, so the games can be solved with ``exact=True``.

Examples
--------
>>> from gametheory.models import poker
>>> g = poker.kuhn_poker()
>>> g.num_nodes, len(g.infosets), g.has_perfect_recall
(55, 12, True)
>>> poker.leduc_poker().num_nodes
9451

References
----------
Kuhn, H. W. (1950). Simplified two-person poker. *Contributions to the Theory of Games I*,
97-103. Southey, F. et al. (2005). Bayes' bluff: opponent modelling in poker. *UAI 2005*,
550-558 (Leduc hold'em).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from gametheory import ExtensiveFormGame
from gametheory.errors import GameError

__all__ = ["poker", "kuhn_poker", "leduc_poker"]

_RANKS = "23456789TJQKA"
_SUITS = "shdc"


def _rank_labels(ranks: int) -> str:
    """The rank labels, lowest first: the top ``ranks`` of 2..K (A joins at 13)."""
    return _RANKS if ranks == 13 else _RANKS[12 - ranks:12]


def poker(ranks: int = 3, suits: int = 1, raises: int = 0, board: bool = False,
          ante: int = 1, bet: int = 1, players: Sequence[str] = ("Alice", "Bob"),
          title: str | None = None) -> ExtensiveFormGame:
    """A Kuhn/Leduc-like poker tree with a deck of ``ranks`` x ``suits`` cards.

    Both players ante ``ante``; chance deals each one card (all ordered pairs of distinct
    cards are equally likely). In a betting round the first player checks or bets; a
    player facing a bet folds (losing what they have put in), calls, or raises while
    fewer than ``1 + raises`` bets have been made in the round; check-check or a call
    closes the round. A bet or raise puts in ``bet`` more than the opponent has. With
    ``board`` a public card is dealt from the rest of the deck after the first round and
    a second round follows with bets of ``2 * bet``; at the showdown a card pairing the
    board wins, otherwise the higher rank wins, and equal ranks split the pot (payoff 0).

    Parameters
    ----------
    ranks : int
        Number of ranks, 2 to 13 (labelled with the highest of 2..K, so 3 gives J, Q, K).
    suits : int
        Number of suits, 1 to 4 (s, h, d, c); suits only change the deck, never a hand's
        strength, and a player's information set records the rank alone.
    raises : int
        Raises allowed after the first bet of a round (Kuhn: 0; Leduc: 1).
    board : bool
        Deal a public card and play a second betting round (Leduc).
    ante, bet : int
        Positive stakes: the ante, and the bet size of the first round.
    players : (str, str)
        Player names; the first acts first in every round.
    title : str, optional
        Title of the game (default: a description of the parameters).

    Returns
    -------
    ExtensiveFormGame
        A two-player zero-sum tree with perfect recall. Its size grows as
        ``(ranks * suits)^2`` (times the deck again with a board) and linearly in
        ``raises``: ``poker(13, 2, 1)`` has 9,751 nodes, :func:`leduc_poker` 9,451.

    Raises
    ------
    GameError
        For a parameter out of range, or a deck with fewer cards than the deal needs.

    References
    ----------
    Kuhn, H. W. (1950). Simplified two-person poker. *Contributions to the Theory of
    Games I*, 97-103. Southey, F. et al. (2005). Bayes' bluff: opponent modelling in
    poker. *UAI 2005*, 550-558.

    Examples
    --------
    >>> from gametheory.models.poker import poker
    >>> g = poker(ranks=4, raises=1)
    >>> g.num_nodes, g.has_perfect_recall
    (181, True)
    >>> g.infosets["Bob K after check-bet-raise"]
    ('Bob', ('fold', 'call'))
    >>> poker(ranks=3, suits=2, board=True).infosets["Alice Q after check-check board Q"]
    ('Alice', ('check', 'bet'))
    """
    _check_int("ranks", ranks, 2, 13)
    _check_int("suits", suits, 1, 4)
    _check_int("raises", raises, 0, 100)
    _check_int("ante", ante, 1, None)
    _check_int("bet", bet, 1, None)
    players = tuple(players)
    if len(players) != 2:
        raise GameError(f"poker needs two player names, got {len(players)}: {players!r}")
    labels = _rank_labels(ranks)
    deck = [(r, labels[r] + (_SUITS[s] if suits > 1 else "")) for r in range(ranks)
            for s in range(suits)]
    if len(deck) < 2 + board:
        raise GameError(f"a deck of {len(deck)} cards cannot deal two private cards"
                        f"{' and a board card' if board else ''}; add ranks or suits")
    if title is None:
        title = (f"poker with {ranks} ranks x {suits} suits, {raises} raise(s)"
                 f"{', board card' if board else ''}")
    g = ExtensiveFormGame(list(players), title=title)
    deals = [(a, b) for a in range(len(deck)) for b in range(len(deck)) if a != b]
    prob = Fraction(1, len(deals))
    kids = g.root.chance({deck[a][1] + deck[b][1]: prob for a, b in deals})
    game = _Game(players, deck, labels, raises, board, bet)
    for (a, b), node in zip(deals, kids, strict=True):
        game.round(node, (a, b), [ante, ante], ())
    return g


def _check_int(name: str, value: Any, lo: int, hi: int | None) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < lo or \
            (hi is not None and value > hi):
        bound = f"between {lo} and {hi}" if hi is not None else f"at least {lo}"
        raise GameError(f"poker: {name} must be an integer {bound}, got {value!r}")


class _Game:
    """The fixed parameters of one :func:`poker` tree and its recursive construction."""

    def __init__(self, players, deck, labels, raises, board, bet):
        self.players, self.deck, self.labels = players, deck, labels
        self.raises, self.board, self.bet = raises, board, bet

    def round(self, node, cards: tuple[int, ...], paid: list[int], history: tuple,
              actions: tuple = (), made: int = 0) -> None:
        """Expand ``node`` where the player to move has seen ``actions`` in this round.

        ``history`` is the public history before this round (as label parts), ``paid``
        what each player has put in, ``made`` the bets made so far in the round.
        """
        p = len(actions) % 2
        rank = self.labels[self.deck[cards[p]][0]]
        public = " ".join(history + ("-".join(actions),)).strip()
        infoset = f"{self.players[p]} {rank}" + (f" after {public}" if public else "")
        size = self.bet * (2 if history else 1)
        if made == 0:
            check, bet = node.decide(self.players[p], ["check", "bet"], infoset=infoset)
            if p == 1:
                self.close(check, cards, paid, history, actions + ("check",))
            else:
                self.round(check, cards, paid, history, actions + ("check",))
            self.round(bet, cards, _raise(paid, p, size), history, actions + ("bet",), 1)
            return
        moves = ["fold", "call"] + (["raise"] if made <= self.raises else [])
        kids = node.decide(self.players[p], moves, infoset=infoset)
        kids[0].payoffs(*((-paid[0], paid[0]) if p == 0 else (paid[1], -paid[1])))
        self.close(kids[1], cards, [paid[1 - p]] * 2, history, actions + ("call",))
        if len(kids) == 3:
            self.round(kids[2], cards, _raise(paid, p, size), history,
                       actions + ("raise",), made + 1)

    def close(self, node, cards, paid, history, actions) -> None:
        """The round is over: deal the board (after the first round) or show down."""
        done = history + ("-".join(actions),)
        if self.board and not history:
            rest = [c for c in range(len(self.deck)) if c not in cards]
            kids = node.chance({self.deck[c][1]: Fraction(1, len(rest)) for c in rest})
            for c, kid in zip(rest, kids, strict=True):
                rank = self.labels[self.deck[c][0]]
                self.round(kid, cards + (c,), paid, done + (f"board {rank}",))
            return
        strength = [self._strength(cards[p], cards[2:]) for p in range(2)]
        win = (strength[0] > strength[1]) - (strength[0] < strength[1])
        node.payoffs(win * paid[0], -win * paid[0])

    def _strength(self, card: int, board: tuple[int, ...]) -> tuple[int, int]:
        rank = self.deck[card][0]
        return (int(any(self.deck[b][0] == rank for b in board)), rank)


def _raise(paid: list[int], p: int, size: int) -> list[int]:
    out = list(paid)
    out[p] = paid[1 - p] + size
    return out


def kuhn_poker() -> ExtensiveFormGame:
    """Kuhn (1950) poker: ante 1, one bet of 1, cards J < Q < K, one card each.

    The first player (Alice) checks or bets; after a check Bob checks or bets, and a bet
    is folded or called. The value of the game to Alice is -1/18.

    Returns
    -------
    ExtensiveFormGame
        55 nodes, 6 information sets per player; ``poker(ranks=3)`` titled "Kuhn poker".

    References
    ----------
    Kuhn, H. W. (1950). Simplified two-person poker. *Contributions to the Theory of
    Games I*, 97-103.

    Examples
    --------
    >>> from gametheory.models.poker import kuhn_poker
    >>> from gametheory.solvers.sequence_lp import solve_sequence_lp
    >>> solve_sequence_lp(kuhn_poker(), exact=True).value
    Fraction(-1, 18)
    >>> kuhn_poker().infosets["Alice J after check-bet"]
    ('Alice', ('fold', 'call'))
    """
    return poker(ranks=3, suits=1, raises=0, board=False, title="Kuhn poker")


def leduc_poker() -> ExtensiveFormGame:
    """Leduc hold'em (Southey et al. 2005): six cards J, Q, K in two suits, two rounds.

    Ante 1; bets of 2 in the first round and 4 in the second, at most two bets per round
    (one raise); a public card is dealt between the rounds, and pairing it wins.

    Returns
    -------
    ExtensiveFormGame
        9,451 nodes; ``poker(ranks=3, suits=2, raises=1, board=True, bet=2)``.

    References
    ----------
    Southey, F., Bowling, M., Larson, B., Piccione, C., Burch, N., Billings, D. &
    Rayner, C. (2005). Bayes' bluff: opponent modelling in poker. *UAI 2005*, 550-558.

    Examples
    --------
    >>> from gametheory.models.poker import leduc_poker
    >>> g = leduc_poker()
    >>> g.infosets["Bob K after check-bet-raise-call board Q check"]
    ('Bob', ('check', 'bet'))
    """
    return poker(ranks=3, suits=2, raises=1, board=True, ante=1, bet=2,
                 title="Leduc poker")
