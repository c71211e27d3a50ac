"""Bundled scenario models and example games, importable as ``gametheory.models``.

:data:`MODELS` maps each bundled model's name to a one-line description.

>>> from gametheory.models import MODELS
>>> "catalog" in MODELS
True
"""

MODELS: dict[str, str] = {
    "catalog": "classic textbook games (Prisoner's Dilemma, Chicken, Battle of the Sexes, ...)",
    "ukraine_guarantees": "Ukraine chooses NATO or guaranteed neutrality; Russia of unknown "
                          "type escalates or concedes; a guarantor honours or abandons",
}

__all__ = ["MODELS"]
