"""Reading and writing games and results (Gambit files, tables, figures).

Importing it registers the converters of :mod:`.interop` (nashpy, pygambit) with the
games' ``from_*``/``to_*`` methods; neither library is imported then.
"""

from . import interop as _interop  # noqa: F401  (registers the games' converters)
from .gambit import read_gambit, write_gambit

__all__ = ["read_gambit", "write_gambit"]
