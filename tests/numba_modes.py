"""Solving with the compiled kernels on or off (``GAMETHEORY_NO_NUMBA``), for the tests
that compare the numba and numpy paths of a method."""

import warnings

import gametheory as gt
from gametheory.errors import DegenerateGameWarning
from gametheory.solvers._compiled import numpy_only


def solved(game, method: str, numba_off: bool, exact: bool = False, **options):
    """``gt.solve(game, method=method, exact=exact, **options)`` with the compiled kernels
    off when ``numba_off``, degenerate-game warnings silenced."""
    with numpy_only(numba_off), warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return gt.solve(game, method=method, exact=exact, **options)


def random_bimatrix(rng, m: int, n: int, kind: str) -> gt.NormalFormGame:
    """A random m x n game: uniform payoffs (``"generic"``) or payoffs in {0, 1, 2}
    (``"ties"``: degenerate, as a rule)."""
    if kind == "generic":
        return gt.NormalFormGame.from_arrays(rng.random((m, n)), rng.random((m, n)))
    return gt.NormalFormGame.from_arrays(rng.integers(0, 3, (m, n)),
                                         rng.integers(0, 3, (m, n)))


def both_ways(game, method: str, exact: bool = False, **options):
    """``(numpy, numba)`` solutions, checked to print the same, with the same notes."""
    off = solved(game, method, True, exact, **options)
    on = solved(game, method, False, exact, **options)
    assert str(off) == str(on) and off.complete == on.complete
    assert off.notes == on.notes
    return off, on


def same_as_quantecon(A, B, method: str, peer: str) -> bool:
    """Whether ``gt.solve(method=method)`` finds the profiles of QuantEcon's ``peer``
    (e.g. ``"vertex_enumeration"``) on the bimatrix game (A, B), to 8 decimals."""
    import numpy as np
    import quantecon.game_theory as qg

    ours = gt.solve(gt.NormalFormGame.from_arrays(A, B), method=method)
    theirs = getattr(qg, peer)(qg.NormalFormGame((qg.Player(A), qg.Player(B.T))))
    key = {tuple(np.round(np.r_[x, y], 8)) for x, y in theirs}
    return {tuple(np.round(np.r_[tuple(np.asarray(s, float) for s in eq.strategies)], 8))
            for eq in ours.equilibria} == key
