"""The SPE payoff set of two-player repeated games (gametheory.repeated.payoff_set):
QuantEcon's Abreu-Sannikov implementation as the oracle, known answers, an independent
enforceability check of every vertex, and hypothesis properties."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import gametheory as gt
from gametheory.errors import GameError
from gametheory.repeated import _polygon
from gametheory.repeated.payoff_set import EquilibriumPayoffSet, equilibrium_payoffs

# QuantEcon's RepeatedGame.equilibrium_payoffs run in a child process: its Qhull calls on a
# degenerate (flat) iterate raise QhullError and can then corrupt the heap ("free(): invalid
# size"), which would kill the test session. One child computes every case of a test.
_QE = r"""
import json, sys
import numpy as np
from quantecon.game_theory import NormalFormGame, RepeatedGame
out = []
for U, d in json.load(sys.stdin):
    U = np.asarray(U, dtype=float)
    try:
        h = RepeatedGame(NormalFormGame(np.stack([U[0], U[1]], axis=-1)), d) \
            .equilibrium_payoffs()
        out.append(h.points[h.vertices].tolist())
    except Exception as e:
        out.append(type(e).__name__)
print(json.dumps(out))
"""


def quantecon_sets(cases):
    pytest.importorskip("quantecon")
    run = subprocess.run([sys.executable, "-c", _QE], input=json.dumps(cases),
                         capture_output=True, text=True, timeout=600)
    if run.returncode != 0:                  # pragma: no cover - QuantEcon's own failure
        pytest.fail(f"the QuantEcon child failed: {run.stderr[-400:]}")
    return [np.array(r) if isinstance(r, list) else r for r in json.loads(run.stdout)]


def game(U):
    U = np.asarray(U)
    return gt.NormalFormGame.from_arrays(U[0], U[1])


def enforceable(U, d, V, tol=1e-7):
    """For each vertex v of V: some profile a and continuation w in V with
    v = (1 - d) g(a) + d w and no profitable one-shot deviation when deviations are
    punished by each player's lowest payoff in V (Abreu 1988). Written out loop by loop,
    independently of the implementation's vectorised operator."""
    U = np.asarray(U, dtype=float)
    m, n = U.shape[1:]
    if len(V) == 0:
        return []
    low = V.min(axis=0)
    ok = []
    for v in V:
        found = False
        for i in range(m):
            for j in range(n):
                g = U[:, i, j]
                w = (v - (1 - d) * g) / d
                dev = np.array([U[0][:, j].max(), U[1][i, :].max()])
                ic = (1 - d) * g + d * w >= (1 - d) * dev + d * low - tol
                if ic.all() and _polygon.contains(V, w[None], tol)[0]:
                    found = True
        ok.append(found)
    return ok


def scale(U):
    return max(float(np.ptp(np.asarray(U, dtype=float))), 1.0)


# ----------------------------------------------------------------- the oracle
# Abreu & Sannikov (2014, sec. 6) example game at delta = 0.3 (QuantEcon's test case), and
# QuantEcon's Prisoner's Dilemma ((C, C) = (9, 9), (D, D) = (3, 3)).
AS_GAME = [[[16, 3, 0], [21, 10, -1], [9, 5, -5]], [[9, 13, 3], [1, 4, 0], [0, -4, -15]]]
PD = [[[9, 1], [10, 3]], [[9, 10], [1, 3]]]


BIG = np.random.default_rng(5).random((2, 6, 6)).tolist()          # a 6 x 6 game
KNOWN = [(AS_GAME, 0.3), (AS_GAME, 0.6), (PD, 0.9), (PD, 0.3), (PD, 0.5), (BIG, 0.8)]


def random_games(seed, count):
    rng = np.random.default_rng(seed)
    out = []
    for k in range(count):
        m, n = (int(x) for x in rng.integers(2, 4, size=2))
        U = rng.integers(0, 4, size=(2, m, n)) if k % 3 == 0 else rng.random((2, m, n))
        out.append((U.tolist(), float(rng.choice([0.3, 0.5, 0.7, 0.85]))))
    return out


RANDOM = random_games(0, 150)


@pytest.fixture(scope="module")
def oracle():
    """QuantEcon's sets of KNOWN + RANDOM, computed in one child process."""
    out = quantecon_sets(KNOWN + RANDOM)
    return out[:len(KNOWN)], out[len(KNOWN):]


def test_abreu_sannikov_example_and_pd_agree_with_quantecon(oracle):
    for (U, d), P in zip(KNOWN, oracle[0]):
        V = equilibrium_payoffs(game(U), d)
        assert V.converged
        assert _polygon.hausdorff(V.vertices, P) < 1e-6 * scale(U)
        assert len(V.vertices) <= 3 * np.size(U[0])           # Abreu & Sannikov: |E| <= 3|A|
        assert all(enforceable(U, d, V.vertices))


def test_random_games_agree_with_quantecon_where_it_runs(oracle):
    # Tolerance: both iterations stop when a step moves the set by ~1e-9 (ours: times the
    # payoff range; QuantEcon: 1e-12 on the raw points), and the iterates approach V* like
    # delta**n, so each is within about step * delta / (1 - delta) < 1e-8 of V*; 1e-6 of
    # the payoff range leaves a margin for the slowest cases while a wrong vertex (the
    # differences found while developing this were 0.005 to 2.5) fails by far.
    compared = degenerate = 0
    for (U, d), P in zip(RANDOM, oracle[1]):
        V = equilibrium_payoffs(game(U), d)
        assert V.converged
        assert all(enforceable(U, d, V.vertices))
        if isinstance(P, str):
            # QuantEcon fails on flat sets (QhullError) and on empty ones (ValueError);
            # ours is then a point, a segment or empty, checked by enforceability above
            # and by the pinned cases below
            assert len(V.vertices) <= 2 or V.area < 1e-6
            degenerate += 1
            continue
        assert _polygon.hausdorff(V.vertices, P) < 1e-6 * scale(U), (U, d)
        compared += 1
    assert compared >= 45 and degenerate >= 45


# ----------------------------------------------------------------- known answers
def test_pd_patient_is_the_feasible_individually_rational_set():
    # Folk theorem (Fudenberg & Maskin 1986; for pure strategies with public randomisation
    # the feasible set above the pure minmax, Mailath & Samuelson 2006, Prop. 3.3.1): at
    # delta = 0.9 the PD's set is co{(3,3), (9.75,3), (9,9), (3,9.75)}, the feasible set
    # cut by v >= (3, 3) (9.75 = 10 - 1/4 on the edge from (10, 1) to (9, 9)).
    V = equilibrium_payoffs(game(PD), 0.9)
    expected = np.array([[3, 3], [9.75, 3], [9, 9], [3, 9.75]])
    assert _polygon.hausdorff(V.vertices, expected) < 1e-6
    assert np.allclose(V.punishment, [3, 3], atol=1e-6)
    assert V.area == pytest.approx(40.5, abs=1e-5)
    assert np.allclose(V.pure_minmax, [3, 3]) and np.allclose(V.minmax, [3, 3])


def test_pd_impatient_is_the_stage_nash_payoff():
    # At delta = 0.1 every profile other than (D, D) gives someone a deviation gain of at
    # least 1, which needs delta / (1 - delta) * (w_i - u_i) >= 1, i.e. a continuation
    # spread w_i - u_i >= 9, more than the feasible 10 - 3 = 7; so only (D, D) is ever
    # played (Mailath & Samuelson 2006, sec. 2.2: repeated stage Nash).
    V = equilibrium_payoffs(game(PD), 0.1)
    assert V.vertices.tolist() == [[3.0, 3.0]]
    assert V.area == 0 and V.contains((3, 3)) and not V.contains((3.1, 3))
    assert V.records()[0]["profile"] == ("a2", "b2")
    # At delta = 0.15 (just above grim trigger's 1/7) (C, C) is sustained, but (C, D) and
    # (D, C) (gain 2, needing a spread of 2 * 0.85/0.15 > 11 > 7) never are: V* is the
    # segment from (3, 3) to (9, 9), which QuantEcon's Qhull cannot represent.
    S = equilibrium_payoffs(game(PD), 0.15)
    assert _polygon.hausdorff(S.vertices, np.array([[3, 3], [9, 9]])) < 1e-6
    assert len(S.vertices) == 2 and S.contains((6, 6)) and not S.contains((6, 6.01))


def test_segment_pinned():
    # g: (a1,b1) = (a1,b2) = (2,0), (a2,b1) = (0,3), (a2,b2) = (2,2). Player 1's pure
    # minmax is 2, so V* lies on the line v1 = 2 between (2,0) (the stage Nash payoff) and
    # (2,2); (a2,b2) forever with Nash reversion is subgame perfect at delta = 0.85 (player
    # 2's gain 1 <= 0.85/0.15 * 2), so V* is that whole segment. (QuantEcon's Qhull
    # refuses the flat set.)
    U = [[[2, 2], [0, 2]], [[0, 0], [3, 2]]]
    V = equilibrium_payoffs(game(U), 0.85)
    assert len(V.vertices) == 2 and V.area == 0
    assert _polygon.hausdorff(V.vertices, np.array([[2, 0], [2, 2]])) < 1e-6
    assert V.contains((2, 1)) and not V.contains((1.9, 1))
    assert V.nash.tolist() == [[2.0, 0.0], [2.0, 0.0]]        # two cells, one payoff


def test_empty_pinned():
    # g: (a1,b1) = (2,0), (a1,b2) = (1,1), (a2,b1) = (1,3), (a2,b2) = (2,2); no pure Nash
    # equilibrium, pure minmax (2, 1). Payoffs with v1 >= 2 only mix (a1,b1) and (a2,b2),
    # in each of which player 2 gains 1 by deviating, needing a continuation spread of
    # (1 - delta)/delta = 9 at delta = 0.1 in a set of height 3: no pure SPE at all.
    # Matching Pennies likewise (zero-sum, pure minmax 1 each, Mailath & Samuelson 2006,
    # sec. 2.7): empty at any delta.
    U = [[[2, 1], [1, 2]], [[0, 1], [3, 2]]]
    V = equilibrium_payoffs(game(U), 0.1)
    assert V.is_empty and V.converged and np.isnan(V.punishment).all()
    mp = [[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]
    E = equilibrium_payoffs(game(mp), 0.95)
    assert E.is_empty and not E.contains((0, 0)) and np.allclose(E.minmax, [0, 0])
    assert "empty" in str(E) and E.records() == []
    assert all(np.isnan(x) for x in E.extreme_payoffs()["Player 1"])


def test_scale_invariance_and_iteration_limit():
    # V* of (c U + b) is c V*(U) + b: the tolerances scale with the payoffs
    for c, b in ((1e-6, 0.0), (1e6, 5e6), (1.0, -100.0)):
        V = equilibrium_payoffs(game(np.array(AS_GAME) * c + b), 0.6)
        W = equilibrium_payoffs(game(AS_GAME), 0.6)
        assert len(V.vertices) == len(W.vertices) and V.converged
        assert _polygon.hausdorff((V.vertices - b) / c, W.vertices) < 1e-6
    short = equilibrium_payoffs(game(PD), 0.9, max_iter=5)
    assert not short.converged and short.iterations == 5 and "NOT converged" in str(short)
    full = equilibrium_payoffs(game(PD), 0.9, progress=True)
    assert full.contains(short.vertices).sum() < len(short.vertices)   # iterates shrink
    assert _polygon.contains(short.vertices, full.vertices, 1e-9).all()


def test_thin_iterates_do_not_cycle():
    # Regression: the iterates of this game thin down to the segment between its two
    # stage Nash payoffs (1, 1) and (3, 1) (both players' pure minmax is 1); a corner test
    # by half-planes with a tolerance once admitted the continuation (4, 1), far along
    # the thin set's base, and the iteration cycled instead of converging.
    U = [[[1, -1, 1, 1], [3, 2, 1, 2], [3, -2, -2, -2]],
         [[3, 3, 1, -2], [1, 0, 1, 0], [0, 3, -2, 1]]]
    V = equilibrium_payoffs(game(U), 0.4)
    assert V.converged and V.iterations < 100
    assert V.contains([[1, 1], [3, 1], [2, 1]]).all() and not V.contains((2, 1.01))
    assert all(enforceable(U, 0.4, V.vertices))


def test_degenerate_stage_games():
    # all payoffs equal: a point; repeated payoff cells; a one-action player
    const = equilibrium_payoffs(game(np.ones((2, 3, 3))), 0.5)
    assert const.vertices.tolist() == [[1.0, 1.0]] and const.converged
    dup = equilibrium_payoffs(game([[[1, 1], [1, 1]], [[2, 2], [2, 2]]]), 0.9)
    assert dup.vertices.tolist() == [[1.0, 2.0]]
    line = equilibrium_payoffs(game([[[0, 1, 2]], [[0, 1, 2]]]), 0.9)   # player 2 decides
    assert line.vertices.tolist() == [[2.0, 2.0]]
    # pure coordination: both Nash cells pay (1, 1) and the pure minmax is (1, 1), so V*
    # is that point at any delta
    coord = equilibrium_payoffs(game([[[1, 0], [0, 1]], [[1, 0], [0, 1]]]), 0.2)
    assert coord.vertices.tolist() == [[1.0, 1.0]]


# ----------------------------------------------------------------- properties
@st.composite
def stage_games(draw):
    m, n = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    el = st.integers(-3, 3)
    return np.stack([draw(arrays(np.int64, (m, n), elements=el)) for _ in range(2)])


PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(stage_games(), st.sampled_from([0.2, 0.5, 0.8]))
def test_properties(U, d):
    V = equilibrium_payoffs(game(U), d)
    assert V.converged
    tol = 1e-6 * scale(U)
    # every vertex is enforceable by the set itself (the set is self-generating, so it
    # lies in V*: self-generation, Abreu, Pearce & Stacchetti 1990)
    assert all(enforceable(U, d, V.vertices))
    # pure stage Nash payoffs (and, by public randomisation, their convex hull) are in V*
    if len(V.nash):
        assert V.contains(V.nash, tol).all()
    # V* lies in the feasible set and above each player's pure minmax
    if len(V.vertices):
        feas = V.feasible
        assert _polygon.contains(feas, V.vertices, tol).all()
        assert (V.vertices >= V.pure_minmax - tol).all()
        assert (V.pure_minmax >= V.minmax - 1e-9).all()
        assert _polygon.area(V.vertices) >= 0
    # it grows with delta (convex sets: APS 1990, the monotonicity of the equilibrium
    # set in the discount factor with public randomisation)
    W = equilibrium_payoffs(game(U), min(d + 0.15, 0.95))
    if len(V.vertices):
        assert W.contains(V.vertices, tol).all()


# ----------------------------------------------------------------- the API
def test_result_api():
    pd = gt.NormalFormGame.from_arrays(*PD, players=["Row", "Col"],
                                       strategies=[["C", "D"], ["C", "D"]])
    V = equilibrium_payoffs(pd, Fraction(1, 2))
    assert isinstance(V, EquilibriumPayoffSet) and V.discount == 0.5
    xs = V.vertices
    assert xs.dtype == float and _polygon.area(xs) > 0          # counter-clockwise
    assert V.contains(np.array([[6, 6], [2, 9]])).tolist() == [True, False]
    ext = V.extreme_payoffs()
    assert set(ext) == {"Row", "Col"} and ext["Row"][0] == pytest.approx(3, abs=1e-6)
    rows = V.records()
    assert len(rows) == len(xs) and {"payoff:Row", "profile", "binding"} <= set(rows[0])
    cc = [r for r in rows if r["profile"] == ("C", "C")]
    assert cc and cc[0]["payoff:Row"] == pytest.approx(9)
    text = str(V)
    assert "delta = 0.5" in text and "4 vertices" in text and "pure minmax" not in repr(V)
    assert "stage minmax: pure (3, 3)" in text
    assert V.iterations >= 1 and V.step <= V.tol


def test_plot():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    V = equilibrium_payoffs(game(PD), 0.5)
    ax = V.plot()
    assert len(ax.patches) == 1
    assert np.allclose(ax.patches[0].get_xy()[:4], V.vertices)
    assert ax.get_xlabel() == "payoff of Player 1"
    seg = equilibrium_payoffs(game([[[2, 2], [0, 2]], [[0, 0], [3, 2]]]), 0.85).plot()
    assert len(seg.patches) == 0 and len(seg.lines) >= 1


def test_bad_input():
    with pytest.raises(GameError, match="two-player"):
        equilibrium_payoffs(gt.NormalFormGame(np.zeros((3, 2, 2, 2))), 0.5)
    for d in (0, 1, 1.5, -0.2, True, "x"):
        with pytest.raises(GameError, match="discount"):
            equilibrium_payoffs(game(PD), d)
    with pytest.raises(GameError, match="NormalFormGame"):
        equilibrium_payoffs([[1, 2]], 0.5)
    a = gt.parameters("a")
    with pytest.raises(GameError):
        equilibrium_payoffs(gt.NormalFormGame.from_arrays([[a, 0], [0, 1]],
                                                          [[1, 0], [0, 1]]), 0.5)
    with pytest.raises(GameError, match="max_iter"):
        equilibrium_payoffs(game(PD), 0.5, max_iter=0)
    with pytest.raises(GameError, match="a pair"):
        equilibrium_payoffs(game(PD), 0.5).contains((1, 2, 3))
