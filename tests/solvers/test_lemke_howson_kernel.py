"""The compiled Lemke-Howson path (numba, optional) against the pure-numpy pivots it
replaces: the same pivots (bases, counts, tie-breaks), the same Solution, and the same
errors, on random and degenerate games; and the fallback without numba."""

from __future__ import annotations

import os
import warnings

import numpy as np
import pytest

import gametheory as gt
from gametheory.errors import DegenerateGameWarning, SolverError
from gametheory.solvers import _lh_kernel
from gametheory.solvers import lemke_howson as lh
from gametheory.solvers._compiled import numpy_only

numba = pytest.importorskip("numba")


def random_game(rng, m, n, kind):
    """Generic payoffs, or small integers (many ties: degenerate), or a constant player."""
    if kind == "generic":
        return rng.random((m, n)), rng.random((m, n))
    if kind == "ties":
        return rng.integers(0, 3, (m, n)).astype(float), rng.integers(0, 3, (m, n)) * 1.0
    return np.ones((m, n)), rng.integers(0, 2, (m, n)).astype(float)


def walk(make, k, m, compiled, limit=20_000):
    P, Q = make()
    try:
        done = (_lh_kernel.run_path(P, Q, k, m, limit) if compiled else
                lh._complementary_path(P, Q, k, m, limit))
    except Exception as exc:          # the same exception, with the same message
        done = f"{type(exc).__name__}: {exc}"
    return done, P, Q


@pytest.mark.skipif(not _lh_kernel.available(), reason="GAMETHEORY_NO_NUMBA is set")
@pytest.mark.parametrize("kind", ["generic", "ties", "constant"])
def test_same_pivots_as_the_python_path(kind):
    rng = np.random.default_rng({"generic": 1, "ties": 2, "constant": 3}[kind])
    ties = 0
    for _ in range(12):
        m, n = (int(v) for v in rng.integers(15, 36, 2))
        A, B = random_game(rng, m, n, kind)
        game = gt.NormalFormGame.from_arrays(A, B)
        make = lh._tableau_factory(*lh._bimatrix(game, False), False)
        for k in rng.choice(m + n, 4, replace=False).tolist():
            c1, P1, Q1 = walk(make, k, m, compiled=False)
            c2, P2, Q2 = walk(make, k, m, compiled=True)
            assert c1 == c2
            for t1, t2 in ((P1, P2), (Q1, Q2)):
                assert (t1.basis, t1.nonbasic, t1._pos) == (t2.basis, t2.nonbasic, t2._pos)
                assert (t1.ties, t1.pivots) == (t2.ties, t2.pivots)
                np.testing.assert_allclose(t1.D, t2.D, rtol=1e-9, atol=1e-9)
            ties += P1.ties + Q1.ties
    if kind != "generic":
        assert ties > 0                  # the lexicographic tie-break was exercised


def solve_text(game, numba_off, **kw):
    with numpy_only(numba_off), warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        try:
            sol = gt.solve(game, method="lemke-howson", **kw)
        except SolverError as exc:
            return f"SolverError: {exc}"
    return str(sol), sol.notes, [eq.strategies for eq in sol.equilibria]


@pytest.mark.parametrize("kind", ["generic", "ties"])
def test_same_solution_with_and_without_numba(kind):
    rng = np.random.default_rng(7)
    for m, n in ((16, 16), (20, 25)):
        game = gt.NormalFormGame.from_arrays(*random_game(rng, m, n, kind))
        off = solve_text(game, True)
        on = solve_text(game, False)
        assert off[:2] == on[:2]
        for s_off, s_on in zip(off[2], on[2], strict=True):
            for a, b in zip(s_off, s_on, strict=True):
                np.testing.assert_allclose(np.asarray(a, float), np.asarray(b, float),
                                           atol=1e-12)


def test_pivot_limit_and_fallback():
    rng = np.random.default_rng(11)
    game = gt.NormalFormGame.from_arrays(rng.random((20, 20)), rng.random((20, 20)))
    kw = {"initial_labels": 0, "max_pivots": 3}
    assert solve_text(game, True, **kw) == \
        solve_text(game, False, **kw)
    with numpy_only():
        assert not _lh_kernel.available()
        P, Q = lh._tableau_factory(*lh._bimatrix(game, False), False)()
        assert _lh_kernel.run_path(P, Q, 0, 20, 100) is None and P.pivots == 0
    assert _lh_kernel.available() or os.environ.get("GAMETHEORY_NO_NUMBA")


def test_agrees_with_quantecon_on_large_games():
    qg = pytest.importorskip("quantecon.game_theory")
    rng = np.random.default_rng(5)
    for n in (30, 45):
        A, B = rng.random((n, n)), rng.random((n, n))
        game = gt.NormalFormGame.from_arrays(A, B)
        peer = qg.NormalFormGame((qg.Player(A), qg.Player(B.T)))
        for k in (0, n - 1, n, 2 * n - 1):
            ours = gt.solve(game, method="lemke-howson", initial_labels=k)
            theirs = qg.lemke_howson(peer, init_pivot=k)
            for a, b in zip(ours.equilibria[0].strategies, theirs, strict=True):
                np.testing.assert_allclose(np.asarray(a, float), b, atol=1e-9)
