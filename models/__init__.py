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
    "ukraine_russia_matrix": "the guarantees tree as a 2 x 2 game of expected values; a mixed "
                             "equilibrium that moves with the commitment q",
    "ukraine_multi_guarantor": "neutrality backed by k guarantors (US, Canada, Japan, EU): "
                               "deterrence as the sum of honoured capabilities",
}

__all__ = ["MODELS"]
