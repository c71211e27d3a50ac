"""Property checks over every registered method that accepts a game (the registry,
``gt.METHODS``, not a hand-kept list): used by ``tests/solvers/test_properties.py`` and by
``tests/solvers/test_registry.py`` (a method registered in a test is checked too)."""

from fractions import Fraction

import numpy as np

import gametheory as gt
from gametheory.solvers._advice import applicable

#: Float regret tolerance, relative to the payoff range (solve's default is 1e-9 of it).
RTOL = 1e-8

#: Options that keep slow methods bounded on the drawn games.
_OPTIONS = {"enumpoly": {"time_limit": 20.0}, "qre": {"time_limit": 20.0}}


def methods_for(game, exact: bool) -> list[str]:
    """Every registered method that accepts ``game`` (with ``exact``)."""
    return applicable(game, list(gt.METHODS), exact)


def _solve(game, name: str, exact: bool):
    opts = {k: v for k, v in _OPTIONS.get(name, {}).items()
            if k in gt.METHODS[name].option_names}
    try:
        return gt.solve(game, method=name, exact=exact, **opts)
    except gt.SolverError:      # a failure (no path ended, nothing verified) is allowed
        return None


def _scale(game) -> float:
    U = np.asarray(game.float_payoffs() if not game.is_tree else
                   game.to_normal_form().float_payoffs(), dtype=float)
    return max(1.0, float(U.max() - U.min()))


def _regret(game, sol, eq):
    if game.is_tree and eq.behavior is not None and not eq.strategies:
        return max(game.behavior_regrets(eq.behavior))
    return gt.max_regret(sol.game if sol.game is not None else game, eq)


def check_regret(game, exact: bool) -> list[str]:
    """Solve ``game`` by every method that accepts it and check each returned profile's
    regret (0 exactly, else at most RTOL times the payoff range); returns the methods
    that ran."""
    ran = []
    tol = RTOL * _scale(game)
    for name in methods_for(game, exact):
        sol = _solve(game, name, exact)
        if sol is None:
            continue
        ran.append(name)
        assert sol.exact == exact, name
        for eq in sol.equilibria:
            r = _regret(game, sol, eq)
            if exact:
                assert r == 0, (name, r)
                assert all(isinstance(p, Fraction) for s in eq.strategies for p in s), name
            else:
                assert r <= tol, (name, r)
    return ran


def _profiles(sol) -> set:
    return {tuple(tuple(Fraction(p) for p in s) for s in eq.strategies) for eq in sol}


def check_complete(game) -> list[str]:
    """Every method that accepts ``game`` exactly and reports ``complete=True`` finds each
    extreme equilibrium of the reference (vertex for two players, enumpoly for more, both
    exact; skipped when the reference itself is not complete); returns the methods that
    ran."""
    ref_name = "vertex" if game.num_players == 2 else "enumpoly"
    if ref_name not in applicable(game, [ref_name], exact=True):
        return []
    ref = gt.solve(game, method=ref_name, exact=True)
    if not ref.complete:
        return []
    expected = _profiles(ref)
    ran = []
    for name in methods_for(game, exact=True):
        sol = _solve(game, name, exact=True)
        if sol is None:
            continue
        ran.append(name)
        if sol.complete:
            assert expected <= _profiles(sol), name
    return ran
