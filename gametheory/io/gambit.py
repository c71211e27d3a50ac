"""Read and write games in Gambit's text formats (.nfg and .efg).

References
----------
The Gambit Project, "Game representation formats", Gambit documentation,
https://gambitproject.readthedocs.io/en/latest/formats.html.
R. D. McKelvey, A. M. McLennan and T. L. Turocy, "Gambit: Software Tools for Game
Theory", http://www.gambit-project.org.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import GameError, ParseError
from ._gambit_lexer import TokenStream

if TYPE_CHECKING:
    from ..games.protocol import Game

__all__ = ["read_gambit", "write_gambit"]

_SUFFIXES = (".nfg", ".efg", ".gbt")


def _is_text(source: str) -> bool:
    """Whether a string is the contents of a file rather than its path."""
    head = source.lstrip()[:3]
    if head in ("NFG", "EFG") or "\n" in source:
        return True
    return not (Path(source).suffix in _SUFFIXES or os.path.isfile(source))


def _load(source: str | os.PathLike) -> str:
    if isinstance(source, str) and _is_text(source):
        return source
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"read_gambit needs a path or the text of a file; got "
                        f"{type(source).__name__}")
    data = Path(source).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_gambit(source: str | os.PathLike, *, exact: bool = False) -> Any:
    """Read a game from a Gambit file, given its path or its text.

    Parameters
    ----------
    source : str or path-like
        A path (``str`` or :class:`pathlib.Path`) or the text of the file. A string is
        taken as text when it starts with ``NFG`` or ``EFG`` (after whitespace) or spans
        several lines; otherwise as a path when it names an existing file or ends with
        ``.nfg``, ``.efg`` or ``.gbt``, and as (malformed) text when it does neither.
    exact : bool, default False
        How decimals such as ``0.25`` or ``1e-3`` are read. Integers and rationals such as
        ``1/3`` are always exact (int and Fraction). By default a decimal is a float, and
        one float makes the whole game a float game; with ``exact=True`` decimals become
        exact Fractions (``0.1`` is 1/10), so the game stays exact.

    Returns
    -------
    NormalFormGame or ExtensiveFormGame
        An ExtensiveFormGame for an .efg (version 2) file: labels, title, outcomes and
        information sets as in the file (node names and the comment are dropped; an
        information set without a name is labelled ``"<player>: <number>"``). A NormalFormGame
        for an .nfg file, in either the payoff version (payoffs listed per strategy profile)
        or the outcome version (outcomes declared once, then one outcome number per profile,
        0 meaning zero payoffs). Player names and strategy labels come from the file; the
        unlabelled form ``{ 3 2 }`` gets the default labels ``a1, a2, ...``. Repeated
        labels are made distinct as Gambit does (``x`` becomes ``x_1``, ``x_2``). The title
        and comment are not kept.

    Raises
    ------
    ParseError
        For any malformed text, with the line, column and what was expected (also for a
        tree the game rejects, e.g. an information set mixing players).
    OSError
        When a path is given and the file cannot be read.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.read_gambit('''NFG 1 R "Prisoner's Dilemma" { "Row" "Col" }
    ... { { "C" "D" } { "C" "D" } }
    ... 3 3  5 0  0 5  1 1''')
    >>> print(g)
    Row \\ Col      C       D
    C            3, 3    0, 5
    D            5, 0    1, 1
    >>> gt.read_gambit('NFG 1 R "" { "A" "B" } { 2 1 } 1/3 0 0.5 1').payoffs[0].tolist()
    [[0.3333333333333333], [0.5]]
    >>> gt.read_gambit('NFG 1 R "" { "A" "B" } { 2 1 } 1/3 0 0.5 1', exact=True).payoffs[0]
    array([[Fraction(1, 3)],
           [Fraction(1, 2)]], dtype=object)
    >>> gt.read_gambit('NFG 1 R "" { "A" } { 2 } 1 x')
    Traceback (most recent call last):
    ...
    gametheory.errors.ParseError: line 1, column 28: expected a number (a payoff), found "x"

    References
    ----------
    The Gambit Project, "Game representation formats", Gambit documentation.
    R. D. McKelvey, A. M. McLennan and T. L. Turocy, "Gambit: Software Tools for Game
    Theory".
    """
    text = _load(source)
    stream = TokenStream(text)
    first = stream.peek()
    if first.kind == "symbol" and first.text == "EFG":
        from ._gambit_efg import parse_efg

        return parse_efg(stream, exact=exact)
    if first.kind == "eof":
        raise ParseError('the file is empty; expected "NFG" or "EFG"', first.line,
                         first.column)
    if first.kind != "symbol" or first.text != "NFG":
        raise stream.error('"NFG" or "EFG" at the start of a Gambit file')
    from ._gambit_nfg import parse_nfg

    return parse_nfg(stream, exact=exact)


def write_gambit(game: Game, path: str | os.PathLike | None = None, *, title: str = "",
                 comment: str = "") -> str:
    """Write a game in Gambit's format and return the text.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        A game with numeric payoffs (substitute any parameters first); also a
        ``nashpy.Game`` or a pygambit game (see :mod:`gametheory.io.interop`).
    path : str or path-like, optional
        When given, the text is also written to this file.
    title, comment : str, optional
        The game's title and comment in the file.

    Returns
    -------
    str
        The .efg (version 2) text of an ExtensiveFormGame (one outcome per node with
        payoffs, node names empty), or the .nfg text of a NormalFormGame (payoff version,
        with player names and strategy labels). Integers and Fractions are written
        exactly (``1/3``); floats with the shortest decimal that reads back to the same
        float, so that ``read_gambit(write_gambit(g))`` equals ``g``.

    Raises
    ------
    GameError
        For a game with free parameters, a game of another type, or an entry Gambit's
        formats cannot hold (an irrational number such as ``sqrt(2)`` or ``pi``, a number
        of more than 4000 digits): the message names the node or cell and suggests the
        JSON form (:func:`gametheory.io.jsonform.write_json`), which keeps such values
        exactly. Nothing is written then.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> g = gt.NormalFormGame.from_arrays([[1, Fraction(1, 3)]], [[0, 2]],
    ...                                   players=["A", "B"], strategies=[["U"], ["L", "R"]])
    >>> print(write_gambit(g, title="tiny"))
    NFG 1 R "tiny" { "A" "B" }
    <BLANKLINE>
    { { "U" }
    { "L" "R" }
    }
    ""
    <BLANKLINE>
    1 0
    1/3 2
    <BLANKLINE>
    >>> gt.read_gambit(write_gambit(g)) == g
    True

    References
    ----------
    The Gambit Project, "Game representation formats", Gambit documentation.
    """
    from ..games.extensive import ExtensiveFormGame
    from ..games.normal import NormalFormGame
    from ._gambit_efg import format_efg
    from ._gambit_nfg import format_nfg
    from .interop import as_game

    game = as_game(game)                 # a nashpy or pygambit game: ours
    if not isinstance(game, (ExtensiveFormGame, NormalFormGame)) and hasattr(game, "to_tree"):
        game = game.to_tree()            # a BayesianGame: its Harsanyi tree
    if isinstance(game, ExtensiveFormGame):
        text = format_efg(game, title=title, comment=comment)
    elif isinstance(game, NormalFormGame):
        text = format_nfg(game, title=title, comment=comment)
    else:
        raise GameError(f"write_gambit writes NormalFormGame (.nfg) and ExtensiveFormGame "
                        f"(.efg) games; got {type(game).__name__}")
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
