"""Mixed strategies: validating one player's strategy, and payoffs against a profile."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameError
from ._labels import is_sequence
from .values import as_entry_array, convert_array, to_fraction_array

__all__ = ["mixed_strategy", "payoff_vectors"]


def mixed_strategy(game, i: int, s: Any, exact: bool | None) -> np.ndarray:
    """Player ``i``'s strategy ``s`` (index, label or probability vector) as a vector.

    Exact (Fraction) when ``exact`` is True, float when False; by default a probability
    vector keeps its kind and a pure strategy is exact when the game is.
    """
    n, who, labels = game.shape[i], game.players[i], game.strategies[i]
    if isinstance(s, (str, int, np.integer)) and not isinstance(s, bool):
        k = game.strategy_index(i, s)
        pure_exact = game.is_exact if exact is None else exact
        v = np.array([Fraction(0)] * n, dtype=object) if pure_exact else np.zeros(n)
        v[k] = Fraction(1) if pure_exact else 1.0
        return v
    if isinstance(s, (bool, np.bool_)) or not is_sequence(s):
        raise GameError(f"the strategy of {who} is {s!r}; expected a strategy index, a "
                        f"label or a probability vector of length {n}")

    def where(idx: tuple) -> str:
        name = labels[idx[0]] if len(idx) == 1 and idx[0] < n else str(idx)
        return f"the probability of {name} for {who}"

    arr, kind = convert_array(as_entry_array(s, f"the strategy of {who} is ragged"), where)
    if arr.shape != (n,):
        raise GameError(f"the strategy of {who} has shape {arr.shape}; expected ({n},), "
                        f"one probability per strategy")
    if kind == "symbolic":
        return _algebraic_strategy(arr, who)
    use_exact = (kind == "exact") if exact is None else exact
    if use_exact:
        arr = to_fraction_array(arr)
        total, neg = sum(arr), any(v < 0 for v in arr)
        ok = total == 1
    else:
        arr = arr.astype(float)
        total, neg = float(arr.sum()), bool((arr < -1e-12).any())
        ok = abs(total - 1.0) <= 1e-9
    if neg:
        raise GameError(f"the strategy of {who} has a negative probability")
    if not ok:
        raise GameError(f"the probabilities of {who} sum to {total}, not 1")
    return arr


def _algebraic_strategy(arr: np.ndarray, who: str) -> np.ndarray:
    """A strategy of exact real algebraic numbers (e.g. ``53/46 - sqrt(601)/46`` from
    "enumpoly"): kept as sympy numbers, checked exactly; free symbols are refused."""
    import sympy

    if any(getattr(v, "free_symbols", None) for v in arr):
        raise GameError(f"the strategy of {who} is symbolic; give numbers")
    # trusted: strict sympify, text raises; profile entries, numbers or sympy objects
    if any(sympy.sympify(v, strict=True).is_negative for v in arr):
        raise GameError(f"the strategy of {who} has a negative probability")
    total = sympy.radsimp(sympy.expand(sum(arr)))
    if total != 1:
        raise GameError(f"the probabilities of {who} sum to {total}, not 1")
    return arr


def payoff_vectors(U: np.ndarray, profile: tuple) -> tuple[np.ndarray, ...]:
    """For each player i, ``U[i]`` contracted with every other player's strategy: the
    payoff of each of i's pure strategies against the others' mix."""
    N = U.shape[0]
    out = []
    for i in range(N):
        v = U[i]
        for j in reversed(range(N)):  # highest axis first, so lower axes keep their place
            if j != i:
                v = np.tensordot(v, profile[j], axes=([j], [0]))
        out.append(v)
    return tuple(out)
