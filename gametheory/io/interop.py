"""Games of nashpy and pygambit, converted to ours and back.

:func:`as_game` turns a ``nashpy.Game`` or a ``pygambit`` game into a
:class:`~gametheory.NormalFormGame` or :class:`~gametheory.ExtensiveFormGame` (ours pass
through), so that :func:`gametheory.solve`, :func:`~gametheory.write_gambit`,
:func:`~gametheory.io.jsonform.write_json` and the TikZ writer take them directly. The
games' methods ``NormalFormGame.from_nashpy``, ``to_nashpy``, ``from_pygambit``,
``to_pygambit`` and ``ExtensiveFormGame.from_pygambit``, ``to_pygambit`` call the
functions here.

* nashpy holds two payoff matrices and nothing else: a game from nashpy gets the
  default labels (or the ``players`` and ``strategies`` given); :func:`to_nashpy` gives
  it the payoff arrays, integers as ints and other numbers as floats (nashpy's
  algorithms need numeric arrays) or, with ``exact=True``, our values unchanged
  (Fractions), so that the round trip is exact.
* pygambit is read and written through Gambit's own text formats (``Game.to_efg``,
  ``Game.to_nfg``, ``pygambit.read_efg``, ``pygambit.read_nfg``), which carry every label
  (players, strategies, actions, information sets, the title) and every number exactly:
  pygambit's Rationals become Fractions and back; its decimals become floats (with
  ``exact=True``: the Fractions they spell, ``0.1`` is 1/10). pygambit 17 has no other
  public way to read the label of an information set.

Neither library is imported until one of its games is converted (or :func:`to_nashpy`,
:func:`to_pygambit` is called), so ``import gametheory`` needs neither.

Examples
--------
>>> import nashpy
>>> import gametheory as gt
>>> pd = nashpy.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> print(gt.solve(pd).equilibria[0])
Player 1: a2 1; Player 2: b2 1; payoffs 1, 1
>>> gt.NormalFormGame.from_nashpy(pd).to_pygambit().to_arrays()[0].tolist()
[[Rational(3, 1), Rational(0, 1)], [Rational(5, 1), Rational(1, 1)]]
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError
from ..games import _bridge
from ..games.extensive import ExtensiveFormGame
from ..games.normal import NormalFormGame
from ._gambit_efg import format_efg, parse_efg
from ._gambit_lexer import TokenStream
from ._gambit_nfg import format_nfg, parse_nfg

if TYPE_CHECKING:
    from ..games.protocol import Game

__all__ = ["as_game", "library_of", "from_nashpy", "to_nashpy", "from_pygambit",
           "to_pygambit"]

_LIBRARIES = ("nashpy", "pygambit")


def library_of(obj: Any) -> str | None:
    """``"nashpy"`` or ``"pygambit"`` when ``obj`` is one of their objects, else None
    (told by its class's module, without importing either library).

    >>> import nashpy
    >>> library_of(nashpy.Game([[1]], [[2]])), library_of([[1]])
    ('nashpy', None)
    """
    root = (getattr(type(obj), "__module__", "") or "").partition(".")[0]
    return root if root in _LIBRARIES else None


def as_game(obj: Any, exact: bool = False) -> Any:
    """Our game for a nashpy or pygambit game; anything else is returned unchanged.

    A pygambit tree becomes an :class:`~gametheory.ExtensiveFormGame`, a pygambit
    strategic game or a nashpy game a :class:`~gametheory.NormalFormGame`. ``exact``:
    pygambit's decimals as Fractions rather than floats (see :func:`from_pygambit`).

    >>> import pygambit
    >>> as_game(pygambit.ExtensiveGame(["A"])).players, as_game("x")
    (('A',), 'x')
    """
    library = library_of(obj)
    if library == "nashpy":
        return from_nashpy(obj)
    if library == "pygambit":
        return from_pygambit(obj, exact=exact)
    return obj


# ----------------------------------------------------------------- nashpy
def from_nashpy(game: Any, players: Sequence[str] | None = None,
                strategies: Sequence[Sequence[str]] | None = None) -> NormalFormGame:
    """A ``nashpy.Game`` as a two-player :class:`~gametheory.NormalFormGame`.

    nashpy has no labels: the players and strategies get ours by default (``Player 1``,
    ``a1``, ...), or those given. The payoffs are nashpy's arrays as they are (ints,
    floats or Fractions).

    >>> import nashpy
    >>> g = from_nashpy(nashpy.Game([[1, -1], [-1, 1]]), players=["Even", "Odd"])
    >>> g.players, g.payoffs[1].tolist()
    (('Even', 'Odd'), [[-1, 1], [1, -1]])
    """
    if library_of(game) != "nashpy" or not hasattr(game, "payoff_matrices"):
        raise GameError(f"from_nashpy needs a nashpy.Game; got {type(game).__name__}")
    A, B = (np.asarray(m) for m in game.payoff_matrices)
    if A.ndim != 2 or A.shape != B.shape:
        raise GameError(f"a nashpy game has two payoff matrices of one shape; got shapes "
                        f"{A.shape} and {B.shape}")
    return NormalFormGame.from_arrays(A, B, players=players, strategies=strategies)


def to_nashpy(game: Game, exact: bool = False) -> Any:
    """Our two-player game as a ``nashpy.Game`` (a tree: its reduced normal form).

    Integer payoffs stay ints; other numbers become floats, which nashpy's algorithms
    need. ``exact=True`` passes our values unchanged (Fractions in object arrays), so
    that :func:`from_nashpy` gives the same game back; nashpy can store such a game but
    not solve it. The labels are lost: nashpy has none.

    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> g = gt.NormalFormGame.from_arrays([[1, Fraction(1, 2)]], [[0, 2]])
    >>> to_nashpy(g).payoff_matrices[0].tolist(), to_nashpy(g, exact=True).payoff_matrices[0]
    ([[1.0, 0.5]], array([[Fraction(1, 1), Fraction(1, 2)]], dtype=object))
    """
    import nashpy

    game = _numeric(game, "nashpy")
    if game.is_tree:
        game = game.to_normal_form()
    if game.num_players != 2:
        raise GameError(f"nashpy games have two players; this one has {game.num_players}")
    if game.kind == "symbolic":
        raise GameError("nashpy needs rational or float payoffs; this game has irrational "
                        "ones (e.g. sqrt(2)): substitute floats for them")
    if exact:
        arrays = game.payoffs
    elif game.payoffs.dtype.kind in "iu":
        arrays = game.payoffs.astype(np.int64)
    else:
        arrays = game.float_payoffs()
    return nashpy.Game(np.array(arrays[0]), np.array(arrays[1]))


# ----------------------------------------------------------------- pygambit
def from_pygambit(game: Any, exact: bool = False) -> NormalFormGame | ExtensiveFormGame:
    """A pygambit game as ours: a tree (``pygambit.ExtensiveGame``) as an
    :class:`~gametheory.ExtensiveFormGame`, a ``pygambit.StrategicGame`` as a
    :class:`~gametheory.NormalFormGame`.

    Read from pygambit's Gambit text (``game.to_efg()`` or ``game.to_nfg()``), so the
    title and every label is kept: players, strategies, actions, information sets,
    chance outcomes with their probabilities. Rationals become Fractions (integers
    ints); decimals floats, or with ``exact=True`` the Fractions they spell. Node and
    outcome names are not kept. Trees our games cannot hold (absent-minded information
    sets) are a GameError.

    >>> import pygambit
    >>> g = pygambit.StrategicGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> ours = from_pygambit(g)
    >>> ours.strategies, ours.payoffs[0].tolist()
    ((('1', '2'), ('1', '2')), [[1, 0], [0, 1]])
    """
    import pygambit

    if isinstance(game, pygambit.ExtensiveGame):
        text, parse = game.to_efg(), parse_efg
    elif isinstance(game, pygambit.StrategicGame):
        text, parse = game.to_nfg(), parse_nfg
    else:
        raise GameError(f"from_pygambit reads pygambit's StrategicGame and ExtensiveGame; "
                        f"got {type(game).__name__}")
    try:
        return parse(TokenStream(text), exact=exact)
    except GameError as exc:     # a ParseError too: the text is pygambit's, not the user's
        raise GameError(f"cannot convert the pygambit game {game.title!r}: {exc}") from None


def to_pygambit(game: Game) -> Any:
    """Our game as pygambit's: a tree as a ``pygambit.ExtensiveGame``, a normal form as
    a ``pygambit.StrategicGame``.

    Written as Gambit text (:func:`~gametheory.write_gambit`) and read by pygambit, so
    labels and title are kept and exact numbers stay exact (Fractions become
    Rationals); floats are written as their shortest decimals. A game with parameters,
    or with a number Gambit cannot hold (``sqrt(2)``), is a GameError.

    >>> import gametheory as gt
    >>> import pygambit
    >>> t = gt.ExtensiveFormGame(["A"], title="coin")
    >>> h, t_ = t.root.chance({"H": "1/3", "T": "2/3"})
    >>> _ = h.payoffs(1), t_.payoffs(0)
    >>> g = to_pygambit(t)
    >>> g.title, g.get_action_probs(pygambit.H.path())
    ('coin', {'H': Rational(1, 3), 'T': Rational(2, 3)})
    """
    import pygambit

    game = _numeric(game, "pygambit")
    if game.is_tree:
        return pygambit.read_efg(io.StringIO(format_efg(game)))
    return pygambit.read_nfg(io.StringIO(format_nfg(game)))


def _numeric(game: Any, library: str) -> NormalFormGame | ExtensiveFormGame:
    """Our game (a nashpy or pygambit game converted), checked to have no parameters."""
    game = as_game(game)
    if not isinstance(game, (NormalFormGame, ExtensiveFormGame)):
        raise GameError(f"converting to {library} needs a NormalFormGame or an "
                        f"ExtensiveFormGame; got {type(game).__name__}")
    if game.parameters:
        raise GameError(game.unsubstituted_message())
    return game


_bridge.register(from_nashpy=from_nashpy, to_nashpy=to_nashpy, from_pygambit=from_pygambit,
                 to_pygambit=to_pygambit)
