"""Shared test helpers: random games and the independent oracles (pygambit, nashpy).

Importable from any test as ``import oracles`` (pytest ``pythonpath = ["tests"]``).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np


def random_bimatrix(rng: np.random.Generator, m: int, n: int, kind: str = "int"):
    """A random bimatrix game (A, B).

    kind: ``"uniform"`` floats in [0, 1) (nondegenerate with probability 1);
    ``"int"`` integers in [-3, 3] (often degenerate: ties are common);
    ``"binary"`` integers in {0, 1} (highly degenerate).
    """
    if kind == "uniform":
        return rng.random((m, n)), rng.random((m, n))
    if kind == "int":
        return rng.integers(-3, 4, (m, n)), rng.integers(-3, 4, (m, n))
    if kind == "binary":
        return rng.integers(0, 2, (m, n)), rng.integers(0, 2, (m, n))
    raise ValueError(kind)


def gambit_extreme_equilibria(A, B) -> set[tuple]:
    """Extreme equilibria by pygambit's enummixed_solve in rational arithmetic, as a set
    of tuples of Fractions (x followed by y)."""
    import pygambit as gbt

    g = gbt.Game.from_arrays(np.asarray(A, dtype=object), np.asarray(B, dtype=object))
    res = gbt.nash.enummixed_solve(g, rational=True)
    out = set()
    for eq in res.equilibria:
        vals = []
        for p in g.players:
            vals += [Fraction(str(eq[s])) for s in p.strategies]
        out.add(tuple(vals))
    return out


def nashpy_equilibria(A, B) -> list[tuple[np.ndarray, np.ndarray]]:
    """Equilibria by nashpy's vertex enumeration (floats)."""
    import nashpy

    return [(np.asarray(x), np.asarray(y))
            for x, y in nashpy.Game(np.asarray(A, float), np.asarray(B, float))
            .vertex_enumeration()]


def solution_key_set(sol) -> set[tuple]:
    """The equilibria of an exact Solution as a set of tuples of Fractions (x then y)."""
    return {tuple(Fraction(v) for s in eq.strategies for v in s) for eq in sol.equilibria}
