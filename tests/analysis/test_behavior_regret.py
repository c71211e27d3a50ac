"""Regret of behaviour profiles on trees through gt.regrets / gt.max_regret /
gt.is_equilibrium; normal-form solutions of trees carry behaviour profiles; tree
solutions are verified."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oracles import gambit_efg_profile
from sample_trees import entry_game

import gametheory as gt
from gametheory.errors import GameError, SolverError
from gametheory.games.generators import random_tree
from gametheory.models.poker import kuhn_poker  # Kuhn (1950); built with the builder
from gametheory.solvers.result import build_tree_solution


def pennies():
    """Matching pennies with B not seeing A's coin: the unique equilibrium is 1/2-1/2
    for both (von Neumann & Morgenstern 1944, sec. 17)."""
    g = gt.ExtensiveFormGame(["A", "B"])
    for a, node in zip("HT", g.root.decide("A", ["H", "T"], infoset="A"), strict=True):
        for b, leaf in zip("HT", node.decide("B", ["H", "T"], infoset="B"), strict=True):
            leaf.payoffs(1 if a == b else -1, -1 if a == b else 1)
    return g


def test_dicts_and_equilibria_on_trees():
    g = entry_game()
    nash = {"E": "out", "I": "fight"}
    assert gt.regrets(g, nash) == (0, 0) and gt.max_regret(g, nash) == 0
    assert gt.is_equilibrium(g, nash)
    assert not gt.is_equilibrium(g, {"E": "enter", "I": "fight"})
    near = {"E": {"out": 1 - 1e-12, "enter": 1e-12}, "I": "fight"}
    assert gt.is_equilibrium(g, near) and not gt.is_equilibrium(g, near, tol=0)
    spe = gt.solve(g, method="spe", exact=True).equilibria[0]
    assert gt.max_regret(g, spe) == 0 and gt.regrets(g, spe) == (0, 0)


def test_normal_form_solution_of_a_tree_carries_behavior():
    g = pennies()
    sol = gt.solve(g, exact=True)
    assert isinstance(sol.game, gt.NormalFormGame)         # documented: stays the normal form
    (eq,) = sol.equilibria
    assert [list(s) for s in eq.strategies] == [[F(1, 2)] * 2] * 2
    assert eq.labels == (("H", "T"), ("H", "T"))
    assert eq.behavior == {"A": {"H": F(1, 2), "T": F(1, 2)}, "B": {"H": F(1, 2), "T": F(1, 2)}}
    assert gt.max_regret(g, eq) == 0 and gt.max_regret(sol.game, eq) == 0
    assert str(eq) == "A: H 1/2, T 1/2; B: H 1/2, T 1/2; payoffs 0, 0"
    fl = gt.solve(g).equilibria[0]
    assert gt.max_regret(g, fl) <= 1e-9 and isinstance(fl.behavior["A"]["H"], float)


@pytest.mark.filterwarnings("ignore::gametheory.errors.DegenerateGameWarning")  # expected
def test_kuhn_poker_solved_and_checked():
    """Kuhn (1950): the value of the game to the first player is -1/18."""
    g = kuhn_poker()
    sol = gt.solve(g, method="lp", exact=True)
    assert len(sol) > 0 and sol.value == F(-1, 18)
    for eq in sol:
        assert gt.max_regret(g, eq) == 0
        assert g.expected_payoffs(eq.behavior).tolist() == [F(-1, 18), F(1, 18)]
        assert list(eq.payoffs) == [F(-1, 18), F(1, 18)]


@pytest.mark.filterwarnings("ignore::gametheory.errors.DegenerateGameWarning")  # often
@settings(deadline=None, max_examples=12, derandomize=True)
@given(st.integers(0, 10**6))
def test_every_normal_form_equilibrium_maps_to_a_behavior_equilibrium(seed):
    import pygambit as gbt  # a test dependency
    g = random_tree(25, seed=seed)
    sol = gt.solve(g, method="lemke-howson", exact=True)
    assert sol.equilibria
    for eq in sol:
        assert gt.max_regret(g, eq) == 0
        assert list(g.expected_payoffs(eq.behavior)) == list(eq.payoffs)
        back = g.behavior_to_mixed(eq.behavior)
        assert list(sol.game.expected_payoffs(back)) == list(eq.payoffs)
    # pygambit agrees the first one is an equilibrium of the tree
    theirs = gbt.read_efg(__import__("io").StringIO(gt.write_gambit(g)))
    prof = gambit_efg_profile(theirs, g, sol.equilibria[0].behavior, rational=True)
    assert prof.max_regret() == 0


def test_imperfect_recall_tree_solved_without_behavior():
    g = gt.ExtensiveFormGame(["A", "B"])
    for n in g.root.decide("A", ["x", "y"]):
        for m in n.decide("A", ["u", "v"], infoset="forgot"):
            m.payoffs(1, 0)
    sol = gt.solve(g, method="pure", exact=True)
    assert all(eq.behavior is None for eq in sol)
    assert any("perfect recall" in note for note in sol.notes)
    with pytest.raises(GameError, match="no behaviour profile"):
        gt.max_regret(g, sol.equilibria[0])


def test_errors():
    g = entry_game()
    nf_eq = gt.solve(gt.NormalFormGame.from_arrays([[1]], [[1]])).equilibria[0]
    with pytest.raises(GameError, match="no behaviour profile"):
        gt.max_regret(g, nf_eq)
    with pytest.raises(GameError, match="behaviour profile .* got list"):
        gt.regrets(g, [[1, 0], [1, 0]])
    with pytest.raises(GameError, match="best_response_behavior"):
        gt.best_responses(g, {"E": "out", "I": "fight"}, 0)
    with pytest.raises(GameError, match="gives nothing at information set 'I'"):
        gt.is_equilibrium(g, {"E": "out"})


def test_build_tree_solution_verifies():
    g = entry_game()
    ok = build_tree_solution(g, [{"E": "out", "I": "fight"}], "test", False, True)
    assert ok.equilibria[0].payoffs == (0, 2)
    with pytest.raises(SolverError, match="profile 1 is not an equilibrium.*gains 2"):
        build_tree_solution(g, [{"E": "out", "I": "fight"}, {"E": "enter", "I": "fight"}],
                            "test", False, True)
    off = {"E": {"out": 1 - 1e-6, "enter": 1e-6}, "I": "fight"}
    with pytest.raises(SolverError, match="profile 0"):
        build_tree_solution(g, [off], "test", False, False)
    tiny = {"E": {"out": 1 - 1e-13, "enter": 1e-13}, "I": "fight"}
    assert len(build_tree_solution(g, [tiny], "test", False, False)) == 1


def test_large_tree_regrets_match_expected_payoffs():
    """The one-pass regrets on a few thousand nodes: the best response's payoff is the
    best-response value, and regrets are non-negative."""
    g = random_tree(3000, seed=5, payoffs="float", players=3)
    rng = np.random.default_rng(5)
    beh = {}
    for label, (_, acts) in g.infosets.items():
        w = rng.random(len(acts))
        beh[label] = dict(zip(acts, (w / w.sum()).tolist(), strict=True))
    r = gt.regrets(g, beh)
    cur = g.expected_payoffs(beh)
    for i in range(3):
        br, value = g.best_response_behavior(beh, i)
        assert r[i] >= 0 and value == pytest.approx(cur[i] + r[i], abs=1e-12)
        assert g.expected_payoffs(br)[i] == pytest.approx(value, abs=1e-12)
