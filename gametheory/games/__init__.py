"""Game representations: data with invariants, no solving."""

from .extensive import ExtensiveFormGame
from .normal import NormalFormGame

# The module ``parameters`` is not shadowed by the function of that name (gt.parameters),
# so that ``from . import parameters`` inside this package always gets the module.
__all__ = ["NormalFormGame", "ExtensiveFormGame"]
