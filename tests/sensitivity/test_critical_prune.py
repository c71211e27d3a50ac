"""Critical values of bimatrix games are the same with and without the pruning of support
sides that are infeasible on the whole interval (von Stengel 2002, *Handbook of Game
Theory* 3, ch. 45: the equilibria change only where a condition of a feasible support
pair changes sign)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import gametheory as gt
from gametheory.sensitivity import _critical_sym as sym


def _linear_game(seed: int, m: int, n: int, degree: int = 1) -> gt.NormalFormGame:
    q = gt.parameters("q")
    rng = np.random.default_rng(seed)
    coef = rng.integers(-9, 10, size=(degree + 1, 2, m, n))
    A, B = ([[sum(sympy.Rational(int(coef[d, p, i, j]), 3) * q ** d for d in range(degree + 1))
              for j in range(n)] for i in range(m)] for p in range(2))
    return gt.NormalFormGame.from_arrays(A, B).describe(
        gt.Parameter("q", default=0, domain=(-1, 2)))


@pytest.mark.parametrize("seed, m, n, degree", [(1, 3, 3, 1), (2, 4, 3, 1), (3, 3, 3, 2),
                                                (4, 4, 4, 1)])
def test_critical_values_unchanged_by_pruning(seed, m, n, degree, monkeypatch):
    g = _linear_game(seed, m, n, degree)
    calls = []
    real = sym._pruned_sides

    def counted(*args):
        out = real(*args)
        calls.append(out)
        return out
    monkeypatch.setattr(sym, "_pruned_sides", counted)
    pruned = gt.critical_values(g, "q")
    assert calls and calls[0] is not None
    assert sum(int((~a).sum() + (~b).sum()) for a, b in calls[0]) > 0   # something pruned
    monkeypatch.setattr(sym, "_pruned_sides", lambda *args: None)
    assert [c.value for c in gt.critical_values(g, "q")] == [c.value for c in pruned]
