"""The read API that every game offers: the :class:`Game` protocol.

:class:`~gametheory.NormalFormGame` and :class:`~gametheory.ExtensiveFormGame` both
satisfy it. Code that takes either form types its argument ``game: Game`` and asks the
game about its nature (``game.is_tree``, ``game.is_zero_sum``, ...) instead of probing
for attributes.

Examples
--------
>>> import gametheory as gt
>>> g = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
>>> isinstance(g, gt.Game), g.is_tree, g.is_zero_sum, g.has_perfect_information
(True, False, True, False)
>>> isinstance("not a game", gt.Game)
False
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from .normal import NormalFormGame
    from .parameters import Parameter

__all__ = ["Game"]


class _StaticProtocolMeta(type(Protocol)):  # type: ignore[misc]
    """``isinstance`` looks the members up without running them.

    Python 3.11's runtime protocol check calls ``hasattr``, which evaluates every
    property: it would compile a tree (raising GameError for one still being built) and
    test it for constant sums. Looking the names up statically, as Python 3.12 does,
    avoids both.
    """

    def __instancecheck__(cls, instance: Any) -> bool:
        if cls is not Game:
            return super().__instancecheck__(instance)
        return all(_has_static(instance, name) for name in _MEMBERS)


def _has_static(obj: Any, name: str) -> bool:
    try:
        inspect.getattr_static(obj, name)
    except AttributeError:
        return False
    return True


@runtime_checkable
class Game(Protocol, metaclass=_StaticProtocolMeta):
    """What every game offers: players, parameters and its nature, stated once.

    The properties are cached (a tree recomputes them after it grows). Dispatch on
    ``game.is_tree``; the concrete classes are for input validation.

    Attributes
    ----------
    players : tuple of str
        Player names.
    num_players : int
        The number of players.
    parameters : tuple of sympy.Symbol
        The free parameters, sorted by name (empty when numeric).
    kind : str
        How entries are stored: ``"float"``, ``"exact"`` or ``"symbolic"``.
    is_tree : bool
        True for an :class:`~gametheory.ExtensiveFormGame`.
    is_numeric : bool
        No free parameters.
    has_perfect_information : bool
        A tree: every information set is one node. A normal form: at most one player
        has more than one strategy.
    has_perfect_recall : bool
        Nobody forgets own earlier moves (always True for a normal form).
    is_zero_sum : bool
        Constant-sum: the payoffs sum to the same constant at every outcome (exactly
        for exact and symbolic payoffs, within the solvers' tolerance for floats).
    parameter_info : dict
        ``{name: Parameter}`` for every parameter.
    parameter_metadata : Mapping
        ``{name: Parameter}`` for the parameters declared with ``describe``.

    Examples
    --------
    >>> import gametheory as gt
    >>> t = gt.ExtensiveFormGame(["A", "B"])
    >>> x, y = t.root.decide("A", ["x", "y"])
    >>> isinstance(t, gt.Game)            # even while it is being built
    True
    >>> _ = x.payoffs(1, 0), y.payoffs(0, 1)
    >>> t.is_tree, t.is_numeric, t.has_perfect_information, t.is_zero_sum
    (True, True, True, True)
    >>> t.to_normal_form().is_tree
    False
    """

    @property
    def players(self) -> tuple[str, ...]: ...

    @property
    def num_players(self) -> int: ...

    @property
    def parameters(self) -> tuple: ...

    @property
    def kind(self) -> str: ...

    @property
    def is_tree(self) -> bool: ...

    @property
    def is_numeric(self) -> bool: ...

    @property
    def has_perfect_information(self) -> bool: ...

    @property
    def has_perfect_recall(self) -> bool: ...

    @property
    def is_zero_sum(self) -> bool: ...

    @property
    def parameter_info(self) -> dict[str, Parameter]: ...

    @property
    def parameter_metadata(self) -> Mapping[str, Parameter]: ...

    def substitute(self, **values: Any) -> Game: ...

    def to_normal_form(self) -> NormalFormGame: ...

    def unsubstituted_message(self) -> str: ...

    def evaluator(self) -> Any: ...


_MEMBERS = tuple(name for name in vars(Game) if not name.startswith("_"))
