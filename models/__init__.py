"""Bundled scenario models and example games, importable as ``gametheory.models``.

:data:`MODELS` maps each bundled model's name to a one-line description.

>>> from gametheory.models import MODELS
>>> "catalog" in MODELS
True
"""

MODELS: dict[str, str] = {
    "catalog": "classic textbook games (Prisoner's Dilemma, Chicken, Battle of the Sexes, ...)",
}

__all__ = ["MODELS"]
