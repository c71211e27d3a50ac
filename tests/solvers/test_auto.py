"""``method="auto"``: never a method that refuses the game, at least one equilibrium
whenever one exists, honest notes (issue 11, sections 2 and 3)."""

from __future__ import annotations

import re
import time
import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

import gametheory as gt
from gametheory.games.generators import random_tree
from gametheory.solvers import IRRATIONAL_NOTE, solve
from gametheory.solvers._advice import applicable

pytestmark = pytest.mark.filterwarnings("ignore::gametheory.errors.DegenerateGameWarning")


def test_zero_sum_tree_whose_reduced_form_vertex_refuses_falls_back_to_sequence_lp():
    """Issue 11: auto chose the reduced normal form (8 x 40, degenerate) by a
    nondegenerate time estimate and vertex then refused it."""
    t = random_tree(45, seed=3, zero_sum=True)
    assert applicable(t.to_normal_form(), ["vertex"]) == []
    sol = solve(t)
    assert sol.method == "sequence-lp"
    assert "vertex did not solve the reduced normal form" in sol.notes[0]
    assert "fell back to sequence-lp" in sol.notes[0]
    assert max(t.behavior_regrets(sol.equilibria[0].behavior)) <= 1e-9


@pytest.mark.parametrize("seed", range(6))
def test_auto_solves_random_zero_sum_trees(seed):
    t = random_tree(45, seed=seed, zero_sum=True)
    sol = solve(t)
    assert sol.equilibria
    for eq in sol.equilibria[:3]:
        assert max(t.behavior_regrets(eq.behavior)) <= 1e-8


def test_three_player_tree_without_pure_spe_gets_an_equilibrium():
    """Issue 11: spe finds no pure SPE on this tree; Nash's theorem says one exists."""
    t = random_tree(30, seed=16, players=3, merge=0.8)
    assert not solve(t, method="spe").equilibria
    sol = solve(t)
    assert sol.equilibria and not sol.complete
    assert sol.method == "qre"
    assert "spe found no subgame-perfect equilibrium" in sol.notes[0]
    assert max(t.behavior_regrets(sol.equilibria[0].behavior)) <= 1e-9


def test_irrational_tree_is_solved_in_floats_and_says_so():
    t = gt.ExtensiveFormGame(["A", "B"])
    h = sp.sqrt(2) / 2
    for k, node in enumerate(t.root.chance({"L": h, "R": 1 - h})):
        for a, child in zip("xy", node.decide("A", ["x", "y"], infoset="A")):
            for b, leaf in zip("xy", child.decide("B", ["x", "y"], infoset="B")):
                leaf.payoffs(sp.pi if a == b else k, -1 if a == b else sp.sqrt(2))
    sol = solve(t)
    assert IRRATIONAL_NOTE in sol.notes
    assert sol.equilibria and not sol.exact
    g = gt.NormalFormGame.from_arrays([[sp.pi, 0], [0, 1]], [[1, 0], [0, sp.sqrt(2)]])
    sol = solve(g)
    assert IRRATIONAL_NOTE in sol.notes and len(sol) == 3


# ------------------------------------------------------------ one player with a choice
def test_one_row_game_of_10000_columns_is_solved_by_best_responses():
    """Issue 11: a 1 x 10000 game took more than 150 s with auto."""
    rng = np.random.default_rng(0)
    g = gt.NormalFormGame.from_arrays(rng.random((1, 10000)), rng.random((1, 10000)))
    t0 = time.perf_counter()
    sol = solve(g)
    assert time.perf_counter() - t0 < 20
    assert sol.method == "best-response" and sol.complete and len(sol) == 1
    assert sol.equilibria[0].supports == ((0,), (int(np.argmax(g.payoffs[1][0])),))


def test_ties_make_one_component_whose_extreme_points_are_the_best_responses():
    B = [[2, 0, 2, 1, 2]]
    g = gt.NormalFormGame.from_arrays([[0, 0, 0, 0, 0]], B)
    sol = solve(g, exact=True)
    assert sol.complete and [eq.supports[1] for eq in sol] == [(0,), (2,), (4,)]
    (comp,) = sol.components
    assert comp.equilibria == (0, 1, 2) and not comp.is_isolated
    # vertex enumeration agrees: the same extreme equilibria, one component
    ref = solve(g, method="vertex", exact=True)
    assert {eq.key() for eq in ref} == {eq.key() for eq in sol}
    assert len(ref.components) == 1
    # and support enumeration uses the same shortcut
    assert solve(g, method="support", exact=True).complete


def test_n_player_game_where_one_player_chooses():
    U = np.zeros((3, 1, 4, 1), dtype=int)
    U[1, 0, :, 0] = [1, 3, 3, 0]
    g = gt.NormalFormGame(U)
    sol = solve(g, exact=True)
    assert sol.method == "best-response" and sol.complete
    assert [eq.supports[1] for eq in sol] == [(1,), (2,)]
    assert all(gt.max_regret(g, eq) == 0 for eq in sol)


# ------------------------------------------------------------ exact N-player games
def test_exact_three_player_game_beyond_enumpoly_says_what_works():
    rng = np.random.default_rng(0)
    g = gt.NormalFormGame(rng.integers(-3, 4, (3, 3, 3, 3)))    # 6 unknowns > 5
    with pytest.raises(gt.SolverError, match=r"method='enumpoly', algebraic=True"):
        solve(g, exact=True)
    assert solve(g).method == "pns"


def test_auto_rejects_an_option_no_method_takes():
    g = gt.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(gt.SolverError, match="unknown option.*frobnicate"):
        solve(g, frobnicate=1)


def test_auto_passes_each_method_only_its_options():
    """vertex does not take time_limit; auto gives it to the methods that do."""
    g = gt.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    assert len(solve(g, time_limit=5, exact=True)) == 3


def test_lemke_howson_advice_names_only_methods_that_accept_the_game():
    """Issue 11: the max_pivots error suggested vertex and support on a game both refuse."""
    rng = np.random.default_rng(1)
    g = gt.NormalFormGame.from_arrays(rng.random((30, 30)), rng.random((30, 30)))
    with pytest.raises(gt.SolverError) as err:
        solve(g, method="lemke-howson", initial_labels=[0], max_pivots=1)
    msg = str(err.value)
    named = re.findall(r"method='([a-z-]+)'", msg)
    assert named and applicable(g, named) == named
    assert "vertex" not in named and "support" not in named
    assert "max_pivots" in msg and "initial_labels" in msg


def test_degenerate_warning_of_lp_suggests_vertex_only_where_it_applies():
    """Issue 11: the degenerate-game warning suggested vertex on a 40 x 40 game."""
    g = gt.NormalFormGame.from_arrays(np.zeros((40, 40)), np.zeros((40, 40)))
    assert applicable(g, ["vertex", "support"]) == []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        solve(g, method="lp")
    texts = [str(w.message) for w in caught if issubclass(w.category, gt.DegenerateGameWarning)]
    assert texts and not any("vertex" in t or "support" in t for t in texts)
    small = gt.NormalFormGame.from_arrays(np.zeros((3, 3)), np.zeros((3, 3)))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        solve(small, method="lp")
    assert any("method='vertex'" in str(w.message) for w in caught)


@pytest.mark.parametrize("shape", [(2, 2), (3, 2), (1, 3), (2, 2, 2), (2, 1, 3)])
def test_every_applicable_method_accepts_the_game(shape):
    """The advice helper's promise: a method it lists does not refuse the game."""
    rng = np.random.default_rng(sum(shape))
    g = gt.NormalFormGame(rng.integers(-3, 4, (len(shape), *shape)))
    for exact in (False, True):
        for m in applicable(g, list(gt.METHODS), exact):
            try:
                solve(g, method=m, exact=exact)
            except gt.SolverError as err:   # a failure is allowed, a refusal is not
                assert not re.search(r"needs|too large|refuse|limited|only", str(err)), (m, err)


def test_fractions_stay_exact_through_the_fallback_chain():
    g = gt.NormalFormGame.from_arrays([[Fraction(1, 3), 0], [0, 1]], [[1, 0], [0, 2]])
    sol = solve(g, exact=True)
    assert sol.exact and all(isinstance(p, Fraction) for eq in sol for s in eq.strategies
                             for p in s)


def test_auto_on_a_tree_reports_an_unknown_option_instead_of_falling_back():
    t = gt.ExtensiveFormGame(["A", "B"])
    left, right = t.root.decide("A", ["L", "R"])
    left.payoffs(1, 0)
    right.payoffs(0, 1)
    with pytest.raises(gt.SolverError, match="frobnicate"):
        solve(t, frobnicate=1)


def test_auto_keeps_vertex_for_a_nondegenerate_wide_game():
    """applicable() assumes a degenerate game for vertex; auto must not, or a
    nondegenerate 8 x 40 game would lose its complete answer."""
    rng = np.random.default_rng(4)
    g = gt.NormalFormGame.from_arrays(rng.random((8, 40)), rng.random((8, 40)))
    sol = solve(g)
    assert sol.method == "vertex" and sol.complete


@pytest.mark.parametrize("players, zero_sum", [(2, True), (2, False), (3, False)])
def test_every_applicable_method_accepts_the_tree(players, zero_sum):
    t = random_tree(16, seed=5, players=players, zero_sum=zero_sum)
    names = applicable(t, list(gt.METHODS))
    assert "spe" in names and ("sequence-lp" in names) == zero_sum
    for m in names:
        try:
            solve(t, method=m)
        except gt.SolverError as err:   # a failure is allowed, a refusal is not
            assert not re.search(r"needs|too large|refuse|limited|only", str(err)), (m, err)


def test_lp_is_advised_only_where_lp_accepts_the_game():
    """applicable() asks lp's own constant-sum test: a coordination game in units of
    1e-14 is not zero-sum (a floor of 1e-12 called it so), and exact payoffs are
    judged exactly."""
    e = 1e-14
    g = gt.NormalFormGame.from_arrays([[e, 0], [0, e]], [[e, 0], [0, e]])
    assert applicable(g, ["lp"]) == []
    with pytest.raises(gt.SolverError, match="zero-sum"):
        solve(g, method="lp")
    z = gt.NormalFormGame.from_arrays([[e, 0], [0, e]], [[-e, 0], [0, -e]])
    assert applicable(z, ["lp"]) == applicable(z, ["lp"], exact=True) == ["lp"]
    near = gt.NormalFormGame.from_arrays([[1, 0], [0, 1]],
                                         [[-1, 0], [0, Fraction(-1) + Fraction(1, 10**15)]])
    assert applicable(near, ["lp"], exact=True) == []


def test_applicable_reduces_a_tree_once(monkeypatch):
    """Every normal-form method asks the same reduced normal form: built once per call."""
    t = random_tree(16, seed=5, players=2, zero_sum=True)
    calls, reduce = [], type(t).to_normal_form
    monkeypatch.setattr(type(t), "to_normal_form", lambda self: calls.append(1) or reduce(self))
    names = applicable(t, list(gt.METHODS))
    assert {"pure", "vertex", "lp", "pns"} <= set(names) and len(calls) == 1
