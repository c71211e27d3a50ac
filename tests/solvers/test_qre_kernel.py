"""The compiled QRE kernels (numba, optional) against the numpy code they replace: the
same values, Jacobians, corrector, tangent, polish and polished candidates to rounding,
and the same branch and verified limit from ``solve(method="qre")`` with and without
numba (normal forms and trees, turning points and a bifurcation, requested lambdas)."""

from __future__ import annotations

import contextlib
import os

import numpy as np
import pytest

import gametheory as gt
from gametheory.games.generators import random_tree
from gametheory.models import chain_store
from gametheory.solvers import _qre_path as qp
from gametheory.solvers import qre
from gametheory.solvers._compiled import numpy_only

pytest.importorskip("numba")


def games():
    rng = np.random.default_rng(5)
    out = [gt.NormalFormGame.from_arrays(*[rng.random(s) for _ in s])
           for s in [(3, 4), (4, 4, 4), (5, 5, 5), (2, 3, 2, 2)]]
    out.append(gt.NormalFormGame.from_arrays(*rng.integers(0, 3, (2, 4, 4))))   # ties
    out.append(random_tree(30, seed=7, players=3, payoffs="float"))
    out.append(chain_store.build(N=2, reputation=True, a=2, b="1/2", delta="1/10"))
    return out


GAMES = games()


def points(game):
    """Points of the game's branch, as (system, x, lam)."""
    sys, _ = qre._system(game)
    with numpy_only():
        br = gt.solve(game, method="qre").branch
    for k in np.linspace(1, len(br) - 1, 5).astype(int):
        yield sys, np.log(np.maximum(br.profiles[k], 1e-250)), br.lambdas[k] * sys.unit


@pytest.mark.parametrize("game", GAMES, ids=range(len(GAMES)))
def test_kernels_agree_with_numpy(game):
    for sys, x, lam in points(game):
        with numpy_only():
            V0, JV0 = qp.values(sys, x)
            F0, J0 = qp.equations(sys, x, lam)
            t0, s0 = qp._tangent(J0, np.ones(sys.E + 1))
            y = np.append(x, lam) + 1e-3 * t0
            c0 = qp._correct(sys, y, t0, 1e-10)
            p = np.exp(x)
            support = p >= 1e-3 * np.maximum.reduceat(p, sys.offsets[:-1])[sys.agent_of]
            pol0 = qp.polish(sys, x, support)
            r0 = qp.agent_regret(sys, x)
            cand0 = list(qp.candidates(sys, x, gate=1e-6))
        V1, JV1 = qp.values(sys, x)
        F1, J1 = qp.equations(sys, x, lam)
        t1, s1 = qp._tangent(J1, np.ones(sys.E + 1))
        c1 = qp._correct(sys, y, t0, 1e-10)
        pol1 = qp.polish(sys, x, support)
        scale = max(1.0, np.abs(J0).max())
        np.testing.assert_allclose(V1, V0, rtol=0, atol=1e-12 * max(1, np.abs(V0).max()))
        np.testing.assert_allclose(JV1, JV0, rtol=0, atol=1e-12 * max(1, np.abs(JV0).max()))
        np.testing.assert_allclose(F1, F0, rtol=0, atol=1e-9 * scale)
        np.testing.assert_allclose(J1, J0, rtol=0, atol=1e-12 * scale)
        np.testing.assert_allclose(t1, t0, rtol=0, atol=1e-9)
        assert s1 == s0
        assert (c0 is None) == (c1 is None)
        if c0 is not None:
            np.testing.assert_allclose(c1[0], c0[0], rtol=0, atol=1e-9 * max(1, lam))
        assert (pol0 is None) == (pol1 is None)
        if pol0 is not None:
            np.testing.assert_allclose(np.exp(pol1), np.exp(pol0), rtol=0, atol=1e-9)
        assert qp.agent_regret(sys, x) == pytest.approx(r0, rel=1e-9, abs=1e-15)
        cand1 = list(qp.candidates(sys, x, gate=1e-6))
        assert len(cand1) == len(cand0)
        for a, b in zip(cand0, cand1, strict=True):
            np.testing.assert_allclose(b, a, rtol=0, atol=1e-9)


def flat(sol):
    eq, = sol.equilibria
    return vector(eq.behavior if sol.game.is_tree else eq.strategies)


def vector(profile):
    """A normal form's strategies or a tree's behaviour dict as one float vector."""
    if isinstance(profile, dict):
        return np.array([v for d in profile.values() for v in d.values()], float)
    return np.concatenate(profile).astype(float)


@pytest.mark.parametrize("game", GAMES, ids=range(len(GAMES)))
def test_same_branch_and_limit_with_and_without_numba(game):
    lams = [0.5, 3.0]
    with numpy_only():
        off = gt.solve(game, method="qre", lambdas=lams)
    on = gt.solve(game, method="qre", lambdas=lams)
    # (either code may end without an equilibrium: then both must)
    assert off.branch.reason == on.branch.reason
    assert len(off.equilibria) == len(on.equilibria) == (off.branch.reason == "converged")
    assert len(off.notes) == len(on.notes)
    if off.equilibria:
        np.testing.assert_allclose(flat(on), flat(off), rtol=0, atol=1e-9)
    for (la, pa), (lb, pb) in zip(off.branch.at, on.branch.at, strict=True):
        assert la == lb
        np.testing.assert_allclose(vector(pb), vector(pa), rtol=0, atol=1e-9)
    np.testing.assert_allclose(on.branch.turning_points, off.branch.turning_points,
                               rtol=1e-9)
    # the same path to rounding: as many points, the same lambdas
    assert len(on.branch) == len(off.branch)
    np.testing.assert_allclose(on.branch.lambdas, off.branch.lambdas, rtol=1e-7)


def test_close_turning_points_are_not_taken_for_a_bifurcation():
    """On this generic 5x5x5 game the branch turns at lambda about 19.57 twice, 48.17 and
    25.41 (pygambit 17's logit_solve turns at 19.570, 19.568, 48.16 and 25.42). A step
    over the two close turns once flipped det [J; t] and jumped back onto the branch's
    lower part, which ran to lambda = 0 with no equilibrium; the flip is now retried with
    shorter steps, and the limit is pygambit's."""
    sol = gt.solve(GAMES[2], method="qre")
    br = sol.branch
    assert len(br.turning_points) == 4 and not br.bifurcations
    assert len(sol) == 1 and gt.max_regret(GAMES[2], sol[0]) <= 1e-9
    gbt = pytest.importorskip("pygambit")
    G = gbt.StrategicGame.from_arrays(*[GAMES[2].payoffs[i].astype(float) for i in range(3)])
    theirs = gbt.nash.logit_solve(G).equilibrium
    for p, player in enumerate(G.players):
        np.testing.assert_allclose(np.asarray(sol[0].strategies[p], dtype=float),
                                   [float(v) for v in dict(theirs[player]).values()], atol=1e-6)


def test_a_jump_over_close_turns_in_a_3x3x3_game_is_retried():
    """Of 60 random games (3x3x3 to 6x6, seeds 1000-1059), this one's branch returned to
    lambda = 0 without an equilibrium before flips of det [J; t] were retried; with or
    without numba it now reaches a limit within tol."""
    rng = np.random.default_rng(1045)
    g = gt.NormalFormGame.from_arrays(*[rng.random((3, 3, 3)) for _ in range(3)])
    for mode in (numpy_only, contextlib.nullcontext):
        with mode():
            sol = gt.solve(g, method="qre")
        assert sol.branch.reason == "converged" and len(sol) == 1
        assert gt.max_regret(g, sol[0]) <= 1e-9


@pytest.mark.skipif(bool(os.environ.get("GAMETHEORY_NO_NUMBA")),
                    reason="GAMETHEORY_NO_NUMBA is set: no kernel runs")
def test_kernel_off_switch():
    with numpy_only():
        assert qp._compiled("correct") is None
    assert qp._compiled("correct") is not None


def test_least_squares_kernel_matches_numpy():
    """The polish's least squares (a complete orthogonal decomposition) against numpy's
    lstsq, on regular, rank-deficient and zero-column systems."""
    from gametheory.solvers._qre_numba import least_squares as lstsq

    rng = np.random.default_rng(1)
    for n in [1, 2, 3, 5, 8, 13, 16, 17, 30]:
        for trial in range(12):
            A = rng.standard_normal((n, n))
            if trial % 3 == 0 and n > 1:
                A[1] = A[0]
            if trial % 3 == 1 and n > 2:
                A[:, 2] = A[:, 0] - 2 * A[:, 1]
            if trial % 4 == 0:
                A[:, 0] = 0.0
            if trial % 5 == 0 and n > 3:
                A[:, 3], A[2] = A[:, 1], 3 * A[0]
            b = rng.standard_normal(n)
            z0 = np.linalg.lstsq(A, b, rcond=None)[0]
            z1 = lstsq(A, b, np.finfo(float).eps * n)
            np.testing.assert_allclose(z1, z0, rtol=0, atol=1e-10 * max(1, np.abs(z0).max()))



def test_unreached_agent_regret_is_nan_and_fails_a_finite_gate():
    """An agent reached with probability exactly 0 has no conditional values (0/0): the
    agent regret is NaN, in the kernels and in numpy, and a polished candidate with a
    NaN regret passes no finite gate (before, ``NaN > gate`` was False and it passed,
    whatever the other agents' regrets)."""
    game = GAMES[6]                  # chain store: an entrant staying out cuts a subtree
    sys, _ = qre._system(game)
    pure = np.zeros(sys.E)
    pure[sys.offsets[:-1]] = 1.0     # every agent's first action
    with np.errstate(divide="ignore"):
        log_pure = np.log(pure)
    assert np.isnan(qp.agent_regret(sys, log_pure))
    with numpy_only():
        assert np.isnan(qp.agent_regret(sys, log_pure))
    nan_ungated = 0
    for s, x, _lam in points(game):
        for gate in (np.inf, 1e-6):
            for ctx in (contextlib.nullcontext, numpy_only):
                with ctx():
                    cands = list(qp.candidates(s, x, gate=gate))
                with np.errstate(divide="ignore"):
                    regrets = [qp.agent_regret(s, np.log(q)) for q in cands]
                if gate < np.inf:
                    assert all(r <= gate for r in regrets)
                else:
                    nan_ungated += sum(np.isnan(r) for r in regrets)
    assert nan_ungated > 0           # the gate had NaN candidates to turn away
