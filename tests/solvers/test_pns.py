"""Tests of method "pns": one equilibrium of N-player games, small supports first
(Porter, Nudelman & Shoham 2008). Regret is checked by pygambit's own computation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygambit as gbt
import pytest
from oracles import gambit_nf_regret, gambit_table

import gametheory as gt
from gametheory.errors import SolverError

NAU = Path(gbt.__file__).parent / "catalog_data" / "journals" / "ijgt" / "nau2004"


def gambit_regret(U, strategies) -> float:
    return gambit_nf_regret(gambit_table(*[U[i] for i in range(len(U))]), strategies)


@pytest.mark.parametrize("shape", [(4, 4, 4, 4), (5, 5, 5), (3, 3, 3, 3, 3)])
@pytest.mark.parametrize("seed", range(3))
def test_random_games_regret_by_pygambit(shape, seed):
    U = np.random.default_rng(seed).random((len(shape), *shape))
    sol = gt.solve(gt.NormalFormGame(U), method="pns")
    assert len(sol.equilibria) == 1 and not sol.complete
    assert gambit_regret(U, sol.equilibria[0].strategies) <= 1e-8


def no_pure_games(count: int, shape=(3, 3, 3)):
    """Random games without a pure equilibrium (the mixed search is exercised)."""
    rng, out = np.random.default_rng(11), []
    while len(out) < count:
        U = rng.random((len(shape), *shape))
        if not gt.solve(gt.NormalFormGame(U), method="pure").equilibria:
            out.append(U)
    return out


@pytest.mark.parametrize("U", no_pure_games(3))
def test_games_without_pure_equilibria(U):
    sol = gt.solve(gt.NormalFormGame(U), method="pns")
    assert not sol.equilibria[0].is_pure
    assert gambit_regret(U, sol.equilibria[0].strategies) <= 1e-8


def test_nau_sec4_irrational_equilibrium():
    """Nau et al. (2004), section 4: the unique equilibrium, as "enumpoly" finds it."""
    game = gt.read_gambit((NAU / "sec4.nfg").read_text())
    ours = gt.solve(game, method="pns").equilibria[0]
    assert ours.isclose(gt.solve(game, method="enumpoly").equilibria[0], 1e-9)


def test_exact_is_refused():
    with pytest.raises(SolverError, match="enumpoly"):
        gt.solve(gt.NormalFormGame(np.zeros((3, 2, 2, 2), dtype=int)), method="pns",
                 exact=True)
