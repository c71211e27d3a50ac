"""qre: the logit QRE branch and its verified limit; qre_fit.

Known answers: matching pennies' QRE is the centroid for every lambda, McKelvey & Palfrey
(1995)'s asymmetric matching pennies (the row player's QRE stays on the side of 1/2 that
its large payoff favours while the column player's moves monotonically to the Nash 1/10),
a three-player game whose principal branch turns back twice (located by pygambit's own
branch). Cross-checks against pygambit 17.0.0b2: profiles at the same lambda
(``pygambit.qre.logit_solve_lambda``), limiting equilibria checked by pygambit's
``max_regret``, trees against ``pygambit.nash.logit_solve`` on the same tree, and fits
against ``pygambit.qre.logit_estimate``.
"""

import warnings

import numpy as np
import oracles
import pygambit as gbt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import GameError, SolverError
from gametheory.games.generators import random_tree
from gametheory.models import chain_store

# A three-player game whose principal branch has two turning points (found by search;
# pygambit's logit_solve_branch reverses direction at lambda 0.9188 and 0.8035).
TURNING = [
    [[[3, 3, 4], [6, 2, 8], [7, 9, 1]], [[3, 4, 4], [4, 2, 9], [9, 1, 9]],
     [[5, 6, 2], [8, 9, 7], [1, 1, 9]]],
    [[[8, 6, 7], [1, 8, 4], [2, 2, 6]], [[4, 2, 8], [4, 4, 6], [9, 4, 9]],
     [[4, 2, 6], [1, 2, 6], [5, 3, 0]]],
    [[[2, 5, 9], [9, 5, 1], [2, 3, 5]], [[4, 5, 9], [7, 5, 4], [9, 5, 3]],
     [[1, 0, 8], [4, 9, 8], [0, 2, 7]]],
]


def gambit_game(arrays):
    return gbt.StrategicGame.from_arrays(*[np.asarray(a) for a in arrays])


def gambit_vector(G, profile):
    assert profile.game == G
    return np.concatenate(oracles.gambit_strategies(profile))


def gambit_regret(G, strategies):
    return oracles.gambit_nf_regret(G, strategies)


def random_arrays(seed, shape):
    rng = np.random.default_rng(seed)
    return [rng.random(shape) for _ in shape]


def test_matching_pennies_is_uniform_for_every_lambda():
    """McKelvey & Palfrey (1995), sec. 4: the QRE of matching pennies is the centroid."""
    g = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    sol = gt.solve(g, method="qre", lambdas=[0.5, 3.0, 40.0])
    assert np.allclose(sol.branch.profiles, 0.5, atol=1e-12)
    assert [lam for lam, _ in sol.branch.at] == [0.5, 3.0, 40.0]
    for _, prof in sol.branch.at:
        assert np.allclose(np.concatenate(prof), 0.5, atol=1e-12)
    assert len(sol.equilibria) == 1 and sol.equilibria[0].isclose(
        gt.solve(g, method="vertex").equilibria[0], 1e-12)


def test_asymmetric_matching_pennies_direction():
    """McKelvey & Palfrey (1995), sec. 4.2 (payoff 9 in the top-left cell): along the
    principal branch the row player's probability of Top stays above the Nash 1/2 and
    tends to it, the column player's probability of Left falls from 1/2 to the Nash
    1/10."""
    g = gt.NormalFormGame.from_arrays([[9, 0], [0, 1]], [[0, 1], [1, 0]])
    sol = gt.solve(g, method="qre")
    br = sol.branch
    top, left = br.profiles[:, 0], br.profiles[:, 2]
    assert (top[1:] > 0.5).all() and (np.diff(br.lambdas) > 0).all()
    assert (np.diff(left) < 0).all() and left[-1] < 0.11
    eq = sol.equilibria[0]
    assert np.allclose(eq.strategies[0], [0.5, 0.5], atol=1e-12)
    assert np.allclose(eq.strategies[1], [0.1, 0.9], atol=1e-12)
    assert br.turning_points == () and br.bifurcations == ()


def test_turning_points_match_pygambits_branch():
    g = gt.NormalFormGame.from_arrays(*TURNING)
    sol = gt.solve(g, method="qre", lambdas=[0.85])
    theirs = [b.lam for b in gbt.qre.logit_solve_branch(gambit_game(TURNING))]
    d = np.diff(theirs)
    flips = [theirs[k + 1] for k in np.flatnonzero(np.sign(d[1:]) != np.sign(d[:-1]))]
    assert len(sol.branch.turning_points) == len(flips) == 2
    hi, lo = sol.branch.turning_points
    assert hi >= flips[0] - 1e-9 and hi == pytest.approx(flips[0], abs=5e-3)   # a maximum
    assert lo <= flips[1] + 1e-9 and lo == pytest.approx(flips[1], abs=5e-3)   # a minimum
    assert "turning points" in " ".join(sol.notes)
    # lambda = 0.85 is met three times; the first crossing agrees with pygambit's
    (lam, prof), = sol.branch.at
    q = gbt.qre.logit_solve_lambda(gambit_game(TURNING), [0.85])[0]
    assert np.abs(np.concatenate(prof) - gambit_vector(q.game, q.profile)).max() <= 1e-6
    assert gt.max_regret(g, sol.equilibria[0]) <= 1e-9


@pytest.mark.parametrize("seed, shape", [(1, (2, 2)), (2, (3, 3)), (3, (4, 3)),
                                         (4, (2, 2, 2)), (5, (3, 3, 3)), (6, (3, 2, 4))])
def test_random_games_against_pygambit(seed, shape):
    arrays = random_arrays(seed, shape)
    g = gt.NormalFormGame.from_arrays(*arrays)
    G = gambit_game(arrays)
    lams = [0.3, 1.0, 4.0]
    sol = gt.solve(g, method="qre", lambdas=lams)
    theirs = gbt.qre.logit_solve_lambda(G, lams)
    for (lam, prof), q in zip(sol.branch.at, theirs, strict=True):
        assert lam == pytest.approx(q.lam, abs=1e-7)     # Gambit lands within ~1e-8
        assert np.abs(np.concatenate(prof) - gambit_vector(G, q.profile)).max() <= 1e-6
    eq, = sol.equilibria
    assert gambit_regret(G, eq.strategies) <= 1e-8
    limit = gbt.nash.logit_solve(G).equilibrium        # Gambit's approximate limit
    assert np.abs(np.concatenate(eq.strategies) - gambit_vector(G, limit)).max() <= 1e-3


@pytest.mark.parametrize("seed, players, nodes", [(0, 2, 25), (3, 2, 40), (7, 3, 30)])
def test_random_trees_against_pygambit(seed, players, nodes):
    """Agent-form QRE on a tree: every branch point satisfies the logit equations with
    pygambit's own conditional action values and equals pygambit's ``logit_solve_lambda``
    profile there (whose behaviour profiles pygambit 16.7 could not read; 17.0.0b2 can),
    and the limit is an equilibrium by pygambit's regret, close to pygambit's
    ``logit_solve`` on the tree."""
    g = random_tree(nodes, seed=seed, players=players, payoffs="float")
    sol = gt.solve(g, method="qre", lambdas=[0.7, 2.5])
    theirs, isets, _ = oracles.to_pygambit(g)
    labels = g.arrays.infoset_labels
    at = gbt.qre.logit_solve_lambda(theirs, [lam for lam, _ in sol.branch.at])
    for (lam, beh), q in zip(sol.branch.at, at, strict=True):
        prof, _ = oracles.pygambit_profile(g, beh, rational=False)
        for history, values in prof.action_values:
            v = np.array([float(x) for _, x in values])
            p = np.exp(lam * (v - v.max()))
            probs = prof[gbt.H.path(*history.actions)]
            assert np.abs(p / p.sum() - [float(probs[a]) for a, _ in values]).max() <= 1e-9
        assert lam == pytest.approx(q.lam, abs=1e-7)
        assert max(abs(float(q.profile[iset.at][a]) - beh[labels[h]][a])
                   for h, iset in isets.items() for a in iset.actions) <= 1e-6
    eq, = sol.equilibria
    assert oracles.pygambit_regret(g, eq.behavior, rational=False) <= 1e-8
    # pygambit 17.0.0b2 stops its default trace (max regret 1e-8 over whole strategies)
    # earlier than 16.7 did, with an off-path action still far from the limit (seed 0:
    # 0.9838 on its way to 1); its trace to 1e-10 is compared, no tolerance is loosened.
    ref = gbt.nash.logit_solve(theirs, maxregret=1e-10).equilibrium
    gap = max(abs(float(ref[iset.at][a]) - eq.behavior[labels[h]][a])
              for h, iset in isets.items() for a in iset.actions)
    assert gap <= 5e-3   # Gambit stops at regret 1e-8, where an action at an information set
    # off the limit's path can still be moving (seed 0: 0.9976 on its way to 1)


def test_chain_store_tree_against_pygambit():
    """Kreps-Wilson with two entrants: the agent-QRE limit is the sequential equilibrium
    pygambit's logit_solve approximates (weak incumbent fights with 1/9 at delta 1/10).
    pygambit 17.0.0b2 ends this trace short of its regret target and reports no
    equilibrium; its last traced point is the approximation compared."""
    g = chain_store.build(N=2, reputation=True, a=2, b="1/2", delta="1/10")
    sol = gt.solve(g, method="qre")
    beh = sol.equilibria[0].behavior
    assert beh["Incumbent 1 | weak, start"]["fight"] == pytest.approx(1 / 9, abs=1e-9)
    assert beh["Entrant 2 | F"]["in"] == pytest.approx(0.5, abs=1e-9)
    theirs, isets, _ = oracles.to_pygambit(g)
    _, ref = oracles.gambit_logit_limit(theirs)
    labels = g.arrays.infoset_labels
    assert max(abs(float(ref[iset.at][a]) - beh[labels[h]][a])
               for h, iset in isets.items() for a in iset.actions) <= 1e-3


@pytest.mark.parametrize("seed, shape", [(11, (2, 2)), (12, (3, 3)), (13, (2, 2, 2))])
def test_fit_against_pygambit(seed, shape):
    arrays = random_arrays(seed, shape)
    rng = np.random.default_rng(seed)
    counts = [rng.integers(1, 50, n).tolist() for n in shape]
    fit = gt.qre_fit(gt.NormalFormGame.from_arrays(*arrays), counts)
    G = gambit_game(arrays)
    ref = gbt.qre.logit_estimate(G.mixed_strategy_profile(data=counts))
    assert isinstance(ref, gbt.qre.LogitQREMixedStrategyFitResult)
    assert fit.lam == pytest.approx(ref.lam, rel=1e-5, abs=1e-6)
    assert fit.log_likelihood == pytest.approx(ref.log_like, abs=1e-8)
    assert np.abs(np.concatenate(fit.profile) - gambit_vector(G, ref.profile)).max() <= 1e-5


def test_fit_recovers_lambda_from_exact_frequencies():
    """Counts proportional to the QRE at lambda0 are fitted best at lambda0 (Gibbs'
    inequality), for a normal form and for a tree in agent form."""
    g = gt.NormalFormGame.from_arrays(*random_arrays(21, (3, 2)))
    _, prof = gt.solve(g, method="qre", lambdas=[2.5]).branch.at[0]
    assert gt.qre_fit(g, [1000 * p for p in prof]).lam == pytest.approx(2.5, abs=1e-5)
    t = chain_store.build(N=2, reputation=True, a=2, b="1/2", delta="1/10")
    _, beh = gt.solve(t, method="qre", lambdas=[1.5]).branch.at[0]
    counts = {h: {a: 1000 * p for a, p in d.items()} for h, d in beh.items()}
    assert gt.qre_fit(t, counts).lam == pytest.approx(1.5, abs=1e-5)


def test_never_reports_a_non_equilibrium():
    """Stopped early, the branch's end is no equilibrium: nothing is reported, the note
    says so, and the branch is still there (cf. Gambit issue 492)."""
    g = gt.NormalFormGame.from_arrays([[9, 0], [0, 1]], [[0, 1], [1, 0]])
    sol = gt.solve(g, method="qre", max_lambda=2.0)
    assert sol.equilibria == [] and "no equilibrium is reported" in sol.notes[-1]
    assert sol.branch.reason == "max_lambda" and sol.branch.lambdas[-1] >= 2.0


def test_errors():
    g = gt.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(SolverError, match="floating point"):
        gt.solve(g, method="qre", exact=True)
    with pytest.raises(GameError, match="numeric payoffs"):
        gt.solve(chain_store.build(N=1, reputation=True), method="qre")
    with pytest.raises(GameError, match="one count vector per player"):
        gt.qre_fit(g, [[1, 2]])
    with pytest.raises(GameError, match="has 2 strategies"):
        gt.qre_fit(g, [[1, 2, 3], [1, 2]])
    with pytest.raises(GameError, match="no information set"):
        gt.qre_fit(chain_store.build(N=1, reputation=True, a=2, b="1/2", delta="1/10"),
                   {"nowhere": {"in": 1}})


@settings(deadline=None, max_examples=25)
@given(seed=st.integers(0, 10**6), shape=st.sampled_from([(2, 2), (3, 2), (2, 2, 2),
                                                         (3, 3, 2)]))
def test_every_reported_profile_is_an_equilibrium(seed, shape):
    rng = np.random.default_rng(seed)
    g = gt.NormalFormGame.from_arrays(*[rng.integers(-3, 4, shape) for _ in shape])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sol = gt.solve(g, method="qre")
    for eq in sol.equilibria:
        assert gt.max_regret(g, eq) <= 1e-9 * 3
    assert sol.equilibria or "no equilibrium is reported" in sol.notes[-1]


def test_tree_where_nobody_moves():
    """Found by the property test (random_tree(12, seed=9533, players=3): a chance root
    and two leaves): no information set, so the empty profile is the one equilibrium;
    the tracer used to fail on an empty Jacobian."""
    from gametheory.games.generators import random_tree

    t = random_tree(12, seed=9533, players=3, zero_sum=False)
    assert not len(t.arrays.infoset_labels)
    sol = gt.solve(t, method="qre")
    assert sol.complete and len(sol.equilibria) == 1
    assert [float(v) for v in sol.equilibria[0].payoffs] == \
        [float(v) for v in gt.solve(t, method="spe").equilibria[0].payoffs]
