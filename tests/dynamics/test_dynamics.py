"""Replicator, best-response dynamics and fictitious play against behaviour known from the
literature (each test cites its source), plus input checks and the trajectory's tables."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory import GameError, NormalFormGame

# Rock-Paper-Scissors, zero-sum and symmetric: the unique equilibrium is (1/3, 1/3, 1/3).
RPS_A = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
RPS = NormalFormGame.from_arrays(RPS_A, RPS_A.T)
MP = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
# Shapley (1964), "Some topics in two-person games", Advances in Game Theory, Annals of
# Mathematics Studies 52, 1-28: the 3 x 3 game whose unique equilibrium is uniform and in
# which fictitious play cycles (notation of Fudenberg & Levine 1998, section 2.8).
SHAPLEY = NormalFormGame.from_arrays([[1, 0, 0], [0, 1, 0], [0, 0, 1]],
                                     [[0, 1, 0], [0, 0, 1], [1, 0, 0]])


# ------------------------------------------------------------------ replicator
def test_rps_replicator_conserves_the_product_of_shares_and_cycles():
    # Hofbauer & Sigmund (1998), Evolutionary Games and Population Dynamics, section 7.7:
    # in the zero-sum Rock-Scissors-Paper game x1 x2 x3 is a constant of motion, so every
    # interior orbit other than the centre is a closed cycle around it.
    tr = gt.replicator(RPS, [0.5, 0.3, 0.2], symmetric=True, t_max=60, points=601)
    X = tr.profiles[0]
    prod = X.prod(axis=1)
    assert np.allclose(prod, 0.5 * 0.3 * 0.2, rtol=1e-6, atol=0)
    assert np.allclose(X.sum(axis=1), 1.0, atol=1e-12)
    assert not tr.converged and tr.limit is None
    # it cycles: the share of Rock rises and falls again and again without damping
    x1 = X[:, 0] - 1 / 3
    assert np.count_nonzero(np.diff(np.sign(x1))) >= 8
    assert abs(X[:300, 0].max() - X[300:, 0].max()) < 1e-3  # to the sampling step
    # and it returns close to where it started
    assert np.min(np.abs(X[100:] - X[0]).max(axis=1)) < 0.02


def test_two_population_zero_sum_replicator_conserves_relative_entropy():
    # Hofbauer, J. (1996). Evolutionary dynamics for bimatrix games: a Hamiltonian system?
    # J. Math. Biol. 34, 675-688: in a zero-sum bimatrix game with an interior equilibrium
    # (p, q), sum_k p_k log x_k + sum_l q_l log y_l is constant along the replicator.
    tr = gt.replicator(RPS, [[0.5, 0.3, 0.2], [0.2, 0.2, 0.6]], t_max=60, points=301)
    H = np.log(tr.profiles[0]).sum(axis=1) + np.log(tr.profiles[1]).sum(axis=1)
    assert np.ptp(H) < 1e-6
    assert not tr.converged


def test_single_population_equals_two_populations_from_equal_shares():
    x = [0.6, 0.1, 0.3]
    one = gt.replicator(RPS, x, symmetric=True, t_max=10, points=11)
    two = gt.replicator(RPS, [x, x], t_max=10, points=11)
    assert np.allclose(one.profiles[0], two.profiles[0], atol=1e-7)
    assert np.allclose(one.profiles[1], two.profiles[1], atol=1e-7)


# a3 is strictly dominated by 1/2 a1 + 1/2 a2 but by no pure strategy.
MIXED_DOMINATED = NormalFormGame.from_arrays([[3, 0], [0, 3], [1, 1]],
                                             [[1, 2], [2, 1], [0, 3]])


def test_strategy_dominated_by_a_mixed_strategy_vanishes():
    # Akin, E. (1980). Domination or equilibrium. Mathematical Biosciences 50, 239-250:
    # under the replicator log x3 - (log x1 + log x2)/2 falls at rate >= the dominance
    # margin (here 1/2), so the dominated share goes to 0 from every interior start.
    tr = gt.replicator(MIXED_DOMINATED, [[0.1, 0.1, 0.8], [0.5, 0.5]], t_max=60, points=61)
    X = tr.profiles[0]
    gap = np.log(X[:, 2]) - 0.5 * (np.log(X[:, 0]) + np.log(X[:, 1]))
    assert np.all(np.diff(gap) <= -0.5 * (tr.times[1] - tr.times[0]) + 1e-9)
    assert X[-1, 2] < 1e-6


def test_iteratively_dominated_strategies_vanish_and_the_solution_is_reached():
    # Samuelson, L. & Zhang, J. (1992). Evolutionary stability in asymmetric games.
    # J. Econ. Theory 57, 363-391: under the replicator every iteratively strictly dominated
    # strategy vanishes. Here iterated elimination leaves (a1, b1); the discrete replicator
    # does too when the dominators are pure (Dekel & Scotchmer 1992 show it may fail for
    # mixed dominators, so only pure dominance is asked of it).
    g = NormalFormGame.from_arrays([[4, 3, 1], [3, 2, 0], [2, 1, 5]],
                                   [[3, 1, 0], [2, 4, 1], [3, 0, 2]])
    assert gt.iterated_elimination(g).kept == ((0,), (0,))
    for tr in (gt.replicator(g, t_max=80, points=81),
               gt.discrete_replicator(g, steps=400)):
        assert tr.final[0][0] > 1 - 1e-4 and tr.final[1][0] > 1 - 1e-4, tr.method
        assert tr.regret < 1e-3


def test_replicator_rests_at_the_mixed_ess_of_hawk_dove():
    # Maynard Smith (1982), Evolution and the Theory of Games: Hawk-Dove with V = 2,
    # C = 4 has the mixed ESS V/C = 1/2 hawks, which attracts every interior state.
    hd = NormalFormGame.from_arrays([[-1, 2], [0, 1]], [[-1, 0], [2, 1]])
    for start in ([0.9, 0.1], [0.05, 0.95]):
        tr = gt.replicator(hd, start, symmetric=True, t_max=60)
        assert tr.converged and np.allclose(tr.limit[0], 0.5, atol=1e-6)
        d = gt.discrete_replicator(hd, start, symmetric=True, steps=300)
        assert d.converged and np.allclose(d.limit[0], 0.5, atol=1e-6)


def test_pure_profiles_are_rest_points_and_zero_shares_stay_zero():
    tr = gt.replicator(RPS, ["a1", "b2"], t_max=5)
    assert tr.converged and tr.regret == 2.0  # a rest point that is no equilibrium
    tr = gt.replicator(RPS, [[0.5, 0.5, 0.0], [0.3, 0.0, 0.7]], t_max=5, points=6)
    assert np.all(tr.profiles[0][:, 2] == 0) and np.all(tr.profiles[1][:, 1] == 0)


def test_a_slow_start_near_a_non_equilibrium_rest_point_is_not_convergence():
    # b is better against everything; from a share of 1e-12 it is still invisible at
    # t = 5 (share ~1.5e-10, speed ~1e-10) but grows at rate 1: not converged.
    g = NormalFormGame.from_arrays([[0, 0], [1, 1]], [[0, 1], [0, 1]])
    start = [1 - 1e-12, 1e-12]
    tr = gt.replicator(g, start, symmetric=True, t_max=5)
    assert tr.final[0][1] < 1e-9 and not tr.converged and tr.regret > 0.99
    assert not gt.discrete_replicator(g, start, symmetric=True, steps=5).converged
    assert gt.replicator(g, start, symmetric=True, t_max=60).converged


def test_discrete_replicator_shift_is_checked_and_used():
    with pytest.raises(GameError, match="shift -2 leaves payoffs of Player 1 non-positive"):
        gt.discrete_replicator(RPS, shift=-2)
    slow = gt.discrete_replicator(MIXED_DOMINATED, steps=5, shift=100)
    fast = gt.discrete_replicator(MIXED_DOMINATED, steps=5)
    assert fast.final[1][1] > slow.final[1][1] > 0.5  # b2 does better; more so at c = 1


# ------------------------------------------------------------------ fictitious play
def test_fictitious_play_converges_to_the_value_of_a_zero_sum_game():
    # Robinson, J. (1951). An iterative method of solving a game. Annals of Mathematics
    # 54(2), 296-301: the empirical frequencies' payoff bounds converge to the value.
    A = np.array([[3, -1, 2, 0], [-2, 4, 1, -1], [1, 0, -3, 3]])
    g = NormalFormGame.from_arrays(A, -A)
    value = float(gt.solve(g, method="lp").value)
    tr = gt.fictitious_play(g, steps=4000, tol=0.05)
    x, y = tr.profiles
    upper = (y @ A.T).max(axis=1)  # the row player's best payoff against y_t
    lower = (x @ A).min(axis=1)    # the column player's best against x_t, as row's payoff
    assert np.all(lower <= value + 1e-12) and np.all(upper >= value - 1e-12)
    gap = upper - lower
    assert gap[4000] < gap[400] / 3 < gap[40] / 6
    assert gap[4000] < 0.1
    rp = tr.regret_path()
    assert rp[4000] < rp[40] / 10 and tr.converged and tr.regret == pytest.approx(rp[-1])


def test_fictitious_play_cycles_in_shapleys_game():
    # Shapley (1964): fictitious play from a pure start follows the six-cycle of best
    # replies with runs growing geometrically, so the frequencies never settle and their
    # regret stays bounded away from 0 (the equilibrium is uniform with regret 0).
    tr = gt.fictitious_play(SHAPLEY, [[1, 0, 0], [1, 0, 0]], steps=20000)
    rp = tr.regret_path()
    assert rp[1000:].min() > 0.1 and not tr.converged
    a = tr.actions
    change = np.flatnonzero((a[1:] != a[:-1]).any(axis=1)) + 1
    runs = np.diff(np.concatenate([[0], change]))
    assert np.all(np.diff(runs[2:]) > 0) and runs[-1] / runs[-2] > 1.3
    # the cycle visits the six off-diagonal profiles in Shapley's order
    seq = [tuple(r) for r in a[change[:6]]]
    assert seq == [(1, 1), (1, 2), (2, 2), (2, 0), (0, 0), (0, 1)]


def test_fictitious_play_alternating_matches_brown_and_converges_in_zero_sum():
    # Brown (1951) proposed alternating updates; Robinson's theorem covers them too.
    tr = gt.fictitious_play(MP, steps=3000, mode="alternating")
    assert tr.method == "fictitious play (alternating)"
    assert tr.regret < 0.03 and np.allclose(tr.final[0], 0.5, atol=0.03)


# ------------------------------------------------------------------ best-response dynamics
def test_best_response_dynamics_reach_the_solution_of_a_dominance_solvable_game():
    # Moulin, H. (1984). Dominance solvability and Cournot stability. Mathematical Social
    # Sciences 7, 83-102: in a dominance-solvable game best-reply dynamics converge to the
    # iterated-dominance solution.
    g = NormalFormGame.from_arrays([[4, 3, 1], [3, 2, 0], [2, 1, 5]],
                                   [[3, 1, 0], [2, 4, 1], [3, 0, 2]])
    for mode in ("simultaneous", "alternating"):
        for start in (["a3", "b3"], ["a2", "b2"], None):
            tr = gt.best_response_dynamics(g, start, steps=10, mode=mode)
            assert tr.converged and tr.regret == 0 and tr.period is None
            assert [int(np.argmax(x)) for x in tr.limit] == [0, 0]


def test_best_response_dynamics_cycle_in_matching_pennies():
    # Fudenberg & Levine (1998), section 1.2: Cournot adjustment cycles in matching pennies.
    for mode in ("simultaneous", "alternating"):
        tr = gt.best_response_dynamics(MP, ["a1", "b1"], steps=20, mode=mode)
        assert not tr.converged and tr.limit is None and tr.period == 4
        assert tr.regret == 2.0
        assert "cycle of 4 steps" in str(tr)


def test_best_response_ties_keep_the_current_strategy_else_the_lowest_index():
    # all strategies tie for both players: nobody moves from a pure start
    g = NormalFormGame.from_arrays(np.zeros((3, 3)), np.zeros((3, 3)))
    tr = gt.best_response_dynamics(g, ["a3", "b2"], steps=3)
    assert tr.actions.tolist() == [[2, 1]] * 3 and tr.converged
    tr = gt.best_response_dynamics(g, steps=1)  # from the centroid: lowest indices
    assert tr.actions.tolist() == [[0, 0]]


# ------------------------------------------------------------------ three players
def _identical_interest(seed: int) -> NormalFormGame:
    phi = np.random.default_rng(seed).integers(0, 20, size=(2, 3, 2)).astype(float)
    return NormalFormGame.from_arrays(phi, phi, phi)


def test_three_player_identical_interests():
    # Monderer, D. & Shapley, L. S. (1996). Potential games. Games Econ. Behav. 14,
    # 124-143: alternating best replies reach a pure equilibrium (finite improvement
    # property); Monderer & Shapley (1996), J. Econ. Theory 68, 258-265: fictitious play
    # converges to equilibrium. Sandholm (2010), Population Games and Evolutionary
    # Dynamics, section 7.1: the replicator raises the potential (common payoff).
    for seed in range(3):
        g = _identical_interest(seed)
        br = gt.best_response_dynamics(g, ["a1", "b1", "c1"], steps=30, mode="alternating")
        assert br.converged and br.regret == 0 and br.actions.shape == (30, 3)
        fp = gt.fictitious_play(g, steps=3000, tol=0.05)
        rp = fp.regret_path()
        assert rp[3000] < rp[300] / 5 and fp.converged
        rep = gt.replicator(g, t_max=20, points=41)
        U = g.float_payoffs()[0]
        x, y, z = rep.profiles
        potential = np.einsum("abc,ta,tb,tc->t", U, x, y, z)
        assert np.all(np.diff(potential) >= -1e-9)
        assert rep.regret < 1e-3


def test_three_player_regret_path_matches_max_regret():
    g = NormalFormGame(np.random.default_rng(7).normal(size=(3, 2, 3, 2)))
    tr = gt.discrete_replicator(g, steps=20)
    rp = tr.regret_path()
    for t in (0, 7, 20):
        assert rp[t] == pytest.approx(float(gt.max_regret(g, [X[t] for X in tr.profiles])))


# ------------------------------------------------------------------ cross-check with nashpy
def test_agrees_with_nashpy():
    # nashpy (Knight & Campbell 2018) integrates the replicator with odeint in shares, and
    # its fictitious play breaks ties at random: on generic payoffs from a pure start no
    # ties arise, so the play counts must agree exactly.
    import nashpy

    rng = np.random.default_rng(3)
    A = rng.normal(size=(3, 4))
    B = rng.normal(size=(3, 4))
    g, ng = NormalFormGame.from_arrays(A, B), nashpy.Game(A, B)
    x0, y0 = np.array([0.2, 0.5, 0.3]), np.array([0.1, 0.2, 0.3, 0.4])
    xs, ys = ng.asymmetric_replicator_dynamics(x0=x0, y0=y0, timepoints=np.linspace(0, 10, 11))
    tr = gt.replicator(g, [x0, y0], t_max=10, points=11)
    assert np.allclose(tr.profiles[0], xs, atol=1e-6) and np.allclose(tr.profiles[1], ys,
                                                                      atol=1e-6)
    S = A[:, :3]
    xs = nashpy.Game(S, S.T).replicator_dynamics(y0=x0, timepoints=np.linspace(0, 10, 11))
    tr = gt.replicator(NormalFormGame.from_arrays(S, S.T), x0, symmetric=True, t_max=10,
                       points=11)
    assert np.allclose(tr.profiles[0], xs, atol=1e-6)
    zs = NormalFormGame.from_arrays(A, -A)  # zero-sum: play keeps switching
    counts = [np.array([1.0, 0, 0]), np.array([0, 1.0, 0, 0])]
    theirs = list(nashpy.Game(A, -A).fictitious_play(iterations=300, play_counts=counts))
    ours = gt.fictitious_play(zs, [[1, 0, 0], [0, 1, 0, 0]], steps=300)
    total = np.arange(301)[:, None] + 1.0
    for i in range(2):
        assert np.allclose(ours.profiles[i] * total, [t[i] for t in theirs], atol=1e-9, rtol=0)
    assert len(set(map(tuple, ours.actions))) > 2


# ------------------------------------------------------------------ tables and checks
def test_records_are_plain_rows():
    tr = gt.fictitious_play(MP, steps=3)
    rows = tr.records()
    assert len(rows) == len(tr) == 4
    assert list(rows[0]) == ["step", "Player 1:a1", "Player 1:a2", "Player 2:b1",
                             "Player 2:b2", "regret"]
    assert all(type(v) in (int, float) for r in rows for v in r.values())
    rows = gt.replicator(MP, t_max=1, points=3).records()
    assert [r["time"] for r in rows] == [0.0, 0.5, 1.0]


def test_trajectories_are_frozen_and_read_only():
    tr = gt.replicator(RPS, t_max=1, points=2)
    with pytest.raises(AttributeError):
        tr.converged = False
    with pytest.raises(ValueError):
        tr.profiles[0][0, 0] = 1.0


@pytest.mark.parametrize("call, message", [
    (lambda: gt.replicator(MP, [[0.5, 0.6], [0.5, 0.5]]),
     "the probabilities of Player 1 sum to 1.1, not 1"),
    (lambda: gt.fictitious_play(MP, [[0.5, 0.5], [1.5, -0.5]]),
     "the strategy of Player 2 has a negative probability"),
    (lambda: gt.replicator(MP, [[1, 0]]), "one strategy per player"),
    (lambda: gt.replicator(MP, t_max=0), "t_max must be a positive finite number"),
    (lambda: gt.replicator(MP, t_max=float("inf")), "t_max must be a positive finite"),
    (lambda: gt.replicator(MP, points=1), "points must be at least 2"),
    (lambda: gt.discrete_replicator(MP, steps=0), "steps must be a positive integer"),
    (lambda: gt.best_response_dynamics(MP, steps=2.5), "steps must be a positive integer"),
    (lambda: gt.fictitious_play(MP, weight=-1), "weight must be a positive"),
    (lambda: gt.fictitious_play(MP, mode="random"), "mode must be 'simultaneous'"),
    (lambda: gt.replicator(MIXED_DOMINATED, symmetric=True),
     "symmetric=True needs a symmetric two-player game"),
    (lambda: gt.replicator(NormalFormGame.from_arrays([[gt.parameters("q"), 0], [0, 1]],
                                                      [[1, 0], [0, 1]])),
     "depend on the parameters q"),
])
def test_bad_input_is_a_game_error(call, message):
    with pytest.raises(GameError, match=message):
        call()


def test_a_tree_is_refused_with_advice():
    t = gt.ExtensiveFormGame(["A", "B"])
    out, enter = t.root.decide("A", ["out", "in"])
    out.payoffs(1, 2)
    fight, acc = enter.decide("B", ["fight", "accommodate"])
    fight.payoffs(0, 0)
    acc.payoffs(2, 1)
    with pytest.raises(GameError, match="to_normal_form"):
        gt.best_response_dynamics(t)


@settings(deadline=None, max_examples=15)
@given(seed=st.integers(0, 10_000), shape=st.sampled_from([(2, 2), (3, 2), (2, 2, 2)]))
def test_every_dynamic_stays_on_the_simplex_and_rests_only_at_equilibria(seed, shape):
    rng = np.random.default_rng(seed)
    g = NormalFormGame(rng.integers(-5, 6, size=(len(shape), *shape)).astype(float))
    for tr in (gt.replicator(g, t_max=5, points=6), gt.discrete_replicator(g, steps=30),
               gt.best_response_dynamics(g, steps=10), gt.fictitious_play(g, steps=30)):
        for X in tr.profiles:
            assert np.all(X >= 0) and np.allclose(X.sum(axis=1), 1.0, atol=1e-12)
        if tr.method.startswith("best response") and tr.converged:
            assert tr.regret == 0  # a rest point of best replies is a pure equilibrium
        assert tr.regret == pytest.approx(tr.regret_path()[-1], abs=1e-12)
