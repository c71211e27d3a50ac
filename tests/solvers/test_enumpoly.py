"""Tests of method "enumpoly": all equilibria of small N-player games.

Cross-checks against pygambit 17.0.0b2: our equilibria have max regret <= 1e-8 by pygambit's
own computation, and we find every equilibrium pygambit's ``enumpoly_solve`` finds.
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np
import oracles
import pygambit as gbt
import pytest
import sympy as sp

import gametheory as gt
from gametheory.errors import DegenerateGameWarning, SolverError

NAU = Path(gbt.__file__).parent / "catalog_data" / "journals" / "ijgt" / "nau2004"


def to_gambit(game):
    return gbt.StrategicGame.from_arrays(*[np.asarray(game.payoffs[i], dtype=object)
                                           for i in range(game.num_players)])


def gambit_regret(theirs, strategies) -> float:
    """pygambit's max regret of our profile (floats)."""
    return oracles.gambit_nf_regret(theirs, strategies)


def gambit_profiles(theirs) -> list[list[np.ndarray]]:
    res = gbt.nash.enumpoly_solve(theirs)
    return [[np.array(s, dtype=float) for s in oracles.gambit_strategies(e)]
            for e in res.equilibria]


def found(ours, profile) -> bool:
    return any(all(np.allclose(np.asarray(a, float), b, atol=1e-6)
                   for a, b in zip(eq.strategies, profile)) for eq in ours.equilibria)


def test_nau_sec4_unique_irrational_equilibrium_exact():
    """Nau, Gomez Canovas & Hansen (2004), section 4: a unique equilibrium, irrational."""
    game = gt.read_gambit((NAU / "sec4.nfg").read_text(), exact=True)
    sol = gt.solve(game, method="enumpoly", exact=True)
    assert sol.complete and sol.exact and len(sol.equilibria) == 1
    eq = sol.equilibria[0]
    assert not all(isinstance(x, Fraction) for s in eq.strategies for x in s)
    x = eq.strategies[0][0]
    assert sp.minimal_polynomial(x, sp.Symbol("t")).as_poly().degree() == 2
    theirs = gbt.read_nfg(str(NAU / "sec4.nfg"))
    [ref] = gambit_profiles(theirs)
    assert found(sol, ref)
    assert gambit_regret(theirs, [[float(v) for v in s] for s in eq.strategies]) <= 1e-12
    assert gt.solve(game, method="enumpoly").equilibria[0].isclose(eq, 1e-12)


def test_nau_sec6_continuum_is_sampled_and_incomplete():
    """Section 6: the equilibria form a line segment; sample points, complete=False."""
    game = gt.read_gambit((NAU / "sec6.nfg").read_text(), exact=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        sol = gt.solve(game, method="enumpoly", exact=True)
    assert not sol.complete and len(sol.equilibria) >= 2
    theirs = gbt.read_nfg(str(NAU / "sec6.nfg"))
    for eq in sol.equilibria:
        assert all(isinstance(x, Fraction) for s in eq.strategies for x in s)
        assert gt.max_regret(game, eq) == 0
        assert gambit_regret(theirs, eq.strategies) <= 1e-12


@pytest.mark.parametrize("shape", [(2, 2, 2), (2, 2, 3), (2, 3, 3), (2, 2, 2, 2)])
@pytest.mark.parametrize("seed", range(2))
def test_random_games_against_pygambit(shape, seed):
    rng = np.random.default_rng(seed)
    U = rng.integers(-999, 1000, size=(len(shape), *shape))
    game = gt.NormalFormGame(U)
    sol = gt.solve(game, method="enumpoly")
    assert sol.complete and sol.equilibria     # a Nash equilibrium exists (Nash 1951)
    theirs = to_gambit(game)
    for eq in sol.equilibria:
        assert gambit_regret(theirs, eq.strategies) <= 1e-8
    for ref in gambit_profiles(theirs):
        assert found(sol, ref), (shape, seed, ref)


def test_numeric_mode_on_float_payoffs():
    rng = np.random.default_rng(7)
    game = gt.NormalFormGame(rng.random((3, 2, 2, 2)))
    sol = gt.solve(game, method="enumpoly", algebraic=False)
    assert not sol.complete and "numerically" in sol.notes[-1]
    full = gt.solve(game, method="enumpoly")      # Groebner bases on the decimal payoffs
    assert full.complete and all(found(full, eq.strategies) for eq in sol.equilibria)
    theirs = to_gambit(game)
    for eq in sol.equilibria:
        assert gambit_regret(theirs, eq.strategies) <= 1e-8
    for ref in gambit_profiles(theirs):
        assert found(sol, ref)


def test_two_players_agree_with_vertex():
    A = [[3, 0, 2], [0, 2, 1], [1, 1, 1]]
    B = [[1, 0, 2], [3, 1, 0], [0, 2, 1]]
    game = gt.NormalFormGame.from_arrays(A, B)
    ours = gt.solve(game, method="enumpoly", exact=True)
    ref = gt.solve(game, method="vertex", exact=True)
    assert ours.complete
    assert {eq.key() for eq in ours} == {eq.key() for eq in ref}


def test_too_large_is_refused_with_advice():
    game = gt.NormalFormGame(np.zeros((3, 8, 8, 8), dtype=int))
    with pytest.raises(SolverError, match="pns"):
        gt.solve(game, method="enumpoly")
    with pytest.raises(SolverError, match="7 unknowns.*algebraic=False"):
        gt.solve(gt.NormalFormGame(np.zeros((3, 3, 3, 4), dtype=int)), method="enumpoly")


def pole_game(q):
    """A degenerate 2x2x2 game (payoffs with q**2, found by a random search); at q = 0
    one support system has the solution family x0 = (x1 - 1)/(2 x1 - 1) (x2 = 0), whose
    sample point x1 = 1/2 is a pole: it has no point there (0 = -1/2)."""
    U = np.array([[[[1, -q**2], [q**2 + 1, 0]], [[q**2 - 1, 0], [-1, 0]]],
                  [[[-1, -q**2], [1 - q**2, q**2]], [[-1, q**2], [-1, 0]]],
                  [[[q**2 - 1, 1 - q**2], [-q**2 - 1, -1]], [[-1, -1], [-1, q**2 + 1]]]],
                 dtype=object)
    return gt.NormalFormGame(U)


def test_a_pole_of_a_solution_family_is_skipped():
    """Formerly TypeError: Invalid NaN comparison (im(zoo) in _real). The sample points of
    a family skip its poles; every equilibrium found has regret 0 exactly."""
    from gametheory.solvers._enumpoly_support import _real, _samples

    x0, x1, x2 = sp.symbols("x0_0 x1_0 x2_0")
    pts = _samples([x0, x1, x2], {x0: (x1 - 1) / (2 * x1 - 1), x2: 0})
    assert len(pts) == 6 and all(p[x1] != sp.Rational(1, 2) for p in pts)
    assert all(p[x0] == (p[x1] - 1) / (2 * p[x1] - 1) for p in pts)
    assert _real(sp.zoo) is None and _real(sp.nan) is None
    game = pole_game(Fraction(0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        sol = gt.solve(game, method="enumpoly", exact=True)
        assert sol.equilibria
        assert all(gt.max_regret(game, eq) == 0 for eq in sol.equilibria)
        q = gt.parameters("q")
        sw = gt.sweep(pole_game(q), {"q": np.linspace(-1, 1, 9)})
    assert len(sw) == 9 and min(sw.counts) >= 1
