"""Game representations: data with invariants, no solving."""

from .extensive import ExtensiveFormGame
from .normal import NormalFormGame
from .parameters import parameters

__all__ = ["NormalFormGame", "ExtensiveFormGame", "parameters"]
