"""build_solution's batched path for two-player float profiles (float64 arrays) against
its one-by-one path (the same profiles as lists): the same cleaning, verification,
deduplication, order and components, bit for bit."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import gametheory as gt
from gametheory.errors import DegenerateGameWarning
from gametheory.solvers.components import equilibrium_components
from gametheory.solvers.result import build_solution


def profiles_of(rng, m, n):
    """Equilibria of a random game, perturbed copies (duplicates after rounding), tiny
    negative noise, an unnormalised one and a non-equilibrium."""
    g = gt.NormalFormGame.from_arrays(rng.random((m, n)), rng.random((m, n)))
    eqs = [tuple(np.array(s, dtype=float) for s in eq.strategies)
           for eq in gt.solve(g, method="vertex")]
    out = list(eqs)
    out += [(x + 1e-12, y) for x, y in eqs[:2]]
    out += [(np.where(x == 0, -1e-15, x), y) for x, y in eqs[:2]]
    out.append((2.0 * eqs[0][0], eqs[0][1]))
    out.append((np.full(m, 1.0 / m), np.eye(n)[0]))
    return g, out


@pytest.mark.parametrize("m, n", [(2, 2), (3, 5), (6, 6), (8, 7)])
@pytest.mark.parametrize("zero_below", [0.0, 1e-13])
def test_batched_path_is_the_one_by_one_path(m, n, zero_below):
    rng = np.random.default_rng(7 * m + n)
    g, profiles = profiles_of(rng, m, n)
    edges = [(k, k) for k in range(len(profiles))]
    comps = equilibrium_components(edges, [p[0] for p in profiles], [p[1] for p in profiles])
    as_lists = [tuple(s.tolist() for s in p) for p in profiles]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        fast = build_solution(g, profiles, "vertex", True, False, components=comps,
                              zero_below=zero_below)
        slow = build_solution(g, as_lists, "vertex", True, False, components=comps,
                              zero_below=zero_below)
    assert str(fast) == str(slow) and fast.notes == slow.notes
    assert fast.complete == slow.complete
    for a, b in zip(fast.equilibria, slow.equilibria, strict=True):
        assert a.key() == b.key() and a.payoffs == b.payoffs
        for s, t in zip(a.strategies, b.strategies, strict=True):
            assert s.dtype == t.dtype and np.array_equal(s, t) and not s.flags.writeable
    assert [(c.equilibria, [ns.equilibria for ns in c.nash_subsets])
            for c in fast.components] == [(c.equilibria, [ns.equilibria for ns in
                                                         c.nash_subsets])
                                          for c in slow.components]
