"""The strategic-game (.nfg) format of Gambit: parse both versions, write the payoff version.

Layout of a file::

    NFG 1 R "title" { "Player 1" "Player 2" }
    { { "C" "D" } { "C" "D" } }      (or { 2 2 }: numbers of strategies, no labels)
    "optional comment"
    3 3 5 0 0 5 1 1                  payoff version: N payoffs per profile
    { { "" 3, 3 } { "" 5, 0 } ... }  outcome version: outcomes,
    1 2 3 4                          then one outcome number per profile (0: all zero)

Profiles are listed with player 1's strategy changing fastest.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameError, ParseError
from ..games.normal import NormalFormGame
from ..games.values import exact_number
from ._gambit_lexer import _MAX_DIGITS, Token, TokenStream, quote

__all__ = ["parse_nfg", "format_nfg"]

Number = int | Fraction | float


def _unique(tokens: list[Token]) -> list[str]:
    """Labels made distinct as Gambit does: repeated labels ``x`` become ``x_1``, ``x_2``."""
    labels = [t.text for t in tokens]
    used = set(labels)
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        if labels.count(label) == 1:
            out.append(label)
            continue
        while True:
            seen[label] = seen.get(label, 0) + 1
            candidate = f"{label}_{seen[label]}"
            if candidate not in used:
                break
        used.add(candidate)
        out.append(candidate)
    return out


def _header(stream: TokenStream) -> Token:
    """Consume ``NFG 1 R "title"``; return the title token."""
    tok = stream.next()
    if tok.kind != "symbol" or tok.text != "NFG":
        raise stream.error('"NFG" at the start of a strategic-game file', tok)
    tok = stream.next()
    if tok.kind != "number" or tok.text != "1":
        raise stream.error('the version number "1" after "NFG"', tok)
    tok = stream.next()
    if tok.kind != "symbol" or tok.text not in ("R", "D"):
        raise stream.error('the data type "R" (or "D") after "NFG 1"', tok)
    return stream.expect("text", "the game title as a quoted label")


def _strategies(stream: TokenStream,
                players: list[str]) -> tuple[tuple[int, ...], list[list[str]] | None]:
    """Consume ``{ { "s1" ... } ... }`` or ``{ n1 n2 ... }``: the shape and the labels."""
    stream.expect("{", '"{" opening the strategy list')
    if stream.peek().kind != "{":
        counts = [stream.count(f"the number of strategies of {p!r} (a positive whole number)")
                  for p in players]
        stream.expect("}", '"}" closing the numbers of strategies (one per player)')
        return tuple(counts), None
    out = []
    for p in players:
        tok = stream.peek()
        labels = stream.labels(f"strategies of {p!r}")
        if not labels:
            raise ParseError(f"player {p!r} has no strategies", tok.line, tok.column)
        out.append(_unique(labels))
    stream.expect("}", '"}" closing the strategy lists (one per player)')
    return tuple(len(s) for s in out), out


def _short(eof: Token, expected: str, found: int) -> ParseError:
    return ParseError(f"expected {expected}, found only {found} before the end of file",
                      eof.line, eof.column)


def _payoff_body(stream: TokenStream, n_players: int, n_profiles: int,
                 exact: bool) -> list[Number]:
    expected = n_players * n_profiles
    values = []
    for k in range(expected):
        if stream.peek().kind == "eof":
            raise _short(stream.peek(), f"{expected} payoffs ({n_players} per strategy "
                                        f"profile)", k)
        values.append(stream.number("a number (a payoff)", exact))
        stream.accept(",")
    if stream.peek().kind != "eof":
        raise stream.error(f"the end of file after {expected} payoffs "
                           f"({n_players} per strategy profile)")
    return values


def _outcome_body(stream: TokenStream, n_players: int, n_profiles: int,
                  exact: bool) -> list[Number]:
    stream.expect("{", '"{" opening the outcome list')
    outcomes: list[list[Number]] = [[0] * n_players]
    while stream.accept("{"):
        stream.expect("text", "the outcome's name as a quoted label")
        payoffs = []
        for _ in range(n_players):
            payoffs.append(stream.number(f"a number ({n_players} payoffs per outcome)", exact))
            stream.accept(",")
        stream.expect("}", f'"}}" closing outcome {len(outcomes)} after its '
                           f"{n_players} payoffs")
        outcomes.append(payoffs)
    stream.expect("}", '"{" opening an outcome or "}" closing the outcome list')
    values = []
    for k in range(n_profiles):
        tok = stream.peek()
        if tok.kind == "eof":
            raise _short(tok, f"{n_profiles} outcome numbers (one per strategy profile)", k)
        index = stream.number("an outcome number")
        if not isinstance(index, int) or not 0 <= index < len(outcomes):
            raise ParseError(f"unknown outcome {tok.text}: expected a whole number from 0 to "
                             f"{len(outcomes) - 1}", tok.line, tok.column)
        values.extend(outcomes[index])
    if stream.peek().kind != "eof":
        raise stream.error(f"the end of file after {n_profiles} outcome numbers")
    return values


def parse_nfg(stream: TokenStream, exact: bool = False) -> NormalFormGame:
    """Parse a whole .nfg file from ``stream`` into a game."""
    _header(stream)
    opening = stream.peek()
    player_tokens = stream.labels("player names")
    if not player_tokens:
        raise ParseError("the list of player names is empty; expected at least one",
                         opening.line, opening.column)
    players = _unique(player_tokens)
    shape, strategies = _strategies(stream, players)
    stream.accept("text")   # the optional comment
    n_profiles = 1
    for n in shape:
        n_profiles *= n
    body = stream.peek()
    if body.kind == "{":
        values = _outcome_body(stream, len(players), n_profiles, exact)
    elif body.kind == "number":
        values = _payoff_body(stream, len(players), n_profiles, exact)
    else:
        raise stream.error('payoffs (numbers) or an outcome list ("{")')
    return _build(values, players, strategies, shape, body)


def _flat_array(values: list[Number]) -> np.ndarray:
    """A numeric array when all values are ints or floats that fit, else an object array."""
    types = set(map(type, values))
    if types <= {int, float}:
        try:
            return np.array(values, dtype=np.float64 if float in types else np.int64)
        except OverflowError:
            pass
    flat = np.empty(len(values), dtype=object)
    flat[:] = values
    return flat


def _build(values: list[Number], players: list[str], strategies: list[list[str]] | None,
           shape: tuple[int, ...], body: Token) -> NormalFormGame:
    n = len(players)
    cells = _flat_array(values).reshape(tuple(reversed(shape)) + (n,))
    cells = cells.transpose(tuple(range(n - 1, -1, -1)) + (n,))
    payoffs = np.moveaxis(cells, -1, 0)
    try:
        return NormalFormGame(payoffs, players=players, strategies=strategies)
    except GameError as exc:
        raise ParseError(str(exc), body.line, body.column) from None


_JSON = "JSON (gametheory.io.jsonform.write_json or `gametheory convert IN OUT.json`)"


def _number_text(x: Any, where: Callable[..., str], *args: Any) -> str:
    """A payoff or probability as Gambit writes numbers, exactly: an integer, a rational
    ``a/b`` or (for a float) the shortest decimal that reads back as the same float.

    Gambit's formats hold no other numbers, so an irrational value (``sqrt(2)``, ``pi``)
    or a free parameter is refused with a GameError naming the entry (``where(*args)``,
    called only then).

    >>> _number_text(0.1, str), _number_text(Fraction(-1, 3), str), _number_text(1e300, str)
    ('0.1', '-1/3', '1e300')
    >>> import sympy
    >>> _number_text(sympy.sqrt(2) / 2, lambda: "the probability of 'h' at node root")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameError: cannot write the probability of 'h' at node root, sqrt(2)/2, ...
    """
    if type(x) is float:                            # the common cases first: quick
        return repr(x).replace("e+", "e")           # Gambit reads 1e20 but not 1e+20
    if type(x) is int and -2**63 < x < 2**63:
        return str(x)
    x = exact_number(x)
    if isinstance(x, (float, np.floating)) or getattr(x, "is_Float", False):
        text = repr(float(x)).replace("e+", "e")
    elif isinstance(x, (int, np.integer, Fraction)):
        try:
            text = str(x)                           # "1/3", or "2" when the denominator is 1
        except ValueError:                          # beyond Python's int-to-text limit
            text = None
    elif getattr(x, "free_symbols", None):
        names = ", ".join(sorted(s.name for s in x.free_symbols))
        raise GameError(f"cannot write {where(*args)}, {x}, to a Gambit file: it depends on the "
                        f"parameter(s) {names}; substitute numbers first with "
                        f"game.substitute(...), or write the game as {_JSON}")
    else:
        raise GameError(f"cannot write {where(*args)}, {x}, to a Gambit file: it holds only "
                        f"integers, fractions a/b and decimals; write the game as {_JSON}, "
                        f"which keeps {x} exactly, or build it with a rational or float "
                        "value there")
    if text is None or len(text) > _MAX_DIGITS:
        raise GameError(f"cannot write {where(*args)} to a Gambit file: the number has more than "
                        f"the {_MAX_DIGITS} digits that read_gambit reads; scale the game's "
                        "payoffs down")
    return text


def format_nfg(game: NormalFormGame, title: str = "", comment: str = "") -> str:
    """The payoff version of the .nfg format, with player names and strategy labels."""
    if game.parameters:
        names = ", ".join(p.name for p in game.parameters)
        raise GameError(f"cannot write a game with symbolic payoffs ({names}) to a Gambit "
                        "file; substitute numbers first with game.substitute(...), or write "
                        f"it as {_JSON}")
    n = game.num_players
    lines = [f"NFG 1 R {quote(title)} {{ {' '.join(quote(p) for p in game.players)} }}", ""]
    rows = [f"{{ {' '.join(quote(s) for s in labels)} }}" for labels in game.strategies]
    lines.append("{ " + "\n".join(rows) + "\n}")
    lines.append(quote(comment))
    lines.append("")
    cells = np.moveaxis(np.asarray(game.payoffs, dtype=object), 0, -1)
    cells = cells.transpose(tuple(range(n - 1, -1, -1)) + (n,)).reshape(-1, n)

    def where(row: int, i: int) -> str:                 # player 1's strategy changes fastest
        profile = np.unravel_index(row, tuple(reversed(game.shape)))[::-1]
        cell = ", ".join(game.strategies[j][k] for j, k in enumerate(profile))
        return f"the payoff of {game.players[i]} at ({cell})"

    lines.extend(" ".join(_number_text(v, where, r, i) for i, v in enumerate(row))
                 for r, row in enumerate(cells.tolist()))
    return "\n".join(lines) + "\n"
