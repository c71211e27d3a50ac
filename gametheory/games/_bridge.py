"""Where the games' methods to and from other libraries find their implementation.

``NormalFormGame.from_pygambit``, ``to_nashpy`` and the others are names for the
functions of :mod:`gametheory.io.interop`, which reads and writes pygambit's games as
Gambit text with the io layer's parsers: above the games. So that the games need not
import the layer above them, io.interop registers its functions here when it is
imported, which ``gt.NormalFormGame`` and the package's other game names do on first
use (``import gametheory`` itself imports nothing), as does any import of
:mod:`gametheory.io`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["register", "converter"]

_CONVERTERS: dict[str, Callable[..., Any]] = {}


def register(**functions: Callable[..., Any]) -> None:
    """Register converters by name (``from_pygambit=...``)."""
    _CONVERTERS.update(functions)


def converter(name: str) -> Callable[..., Any]:
    """The converter registered as ``name``.

    >>> import gametheory
    >>> converter("to_pygambit").__module__
    'gametheory.io.interop'
    """
    try:
        return _CONVERTERS[name]
    except KeyError:
        raise KeyError(f"no converter {name!r} registered: import gametheory.io (or use "
                       f"the games through gametheory's names, gt.NormalFormGame ...), "
                       f"which registers them") from None
