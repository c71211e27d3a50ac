"""Game representations: data with invariants, no solving."""

from .normal import NormalFormGame
from .parameters import parameters

__all__ = ["NormalFormGame", "parameters"]
