"""gt.solve: method selection, errors, and known answers shared by all methods."""

from fractions import Fraction as F

import numpy as np
import pytest

import gametheory as gt
from gametheory.models import catalog


def test_auto_picks_vertex_for_two_players_and_says_so():
    sol = gt.solve(catalog.battle_of_the_sexes())
    assert sol.method == "vertex" and sol.complete


def test_auto_for_more_players_is_enumpoly_when_small_else_pns():
    # A 2x2x2 game where everybody wants to match everybody: two pure equilibria, the
    # uniform mixed one, and continua (one player indifferent when the others differ)
    U = np.zeros((3, 2, 2, 2))
    for s in np.ndindex(2, 2, 2):
        for i in range(3):
            U[(i,) + s] = 1.0 if len(set(s)) == 1 else 0.0
    sol = gt.solve(gt.NormalFormGame(U))
    assert sol.method == "enumpoly" and not sol.complete      # continua: sampled
    profiles = [tuple(float(s[0]) for s in eq.strategies) for eq in sol.equilibria]
    assert {(1.0, 1.0, 1.0), (0.0, 0.0, 0.0), (0.5, 0.5, 0.5)} <= set(profiles)
    big = gt.NormalFormGame(np.random.default_rng(0).integers(-5, 6, size=(4, 3, 3, 3, 3)))
    sol = gt.solve(big)                                          # 8 unknowns: too many
    assert sol.method == "pns" and not sol.complete and len(sol.equilibria) == 1
    assert gt.max_regret(big, sol.equilibria[0]) <= 1e-9


def test_unknown_method_is_a_clear_error():
    with pytest.raises(gt.SolverError, match="unknown method 'magic'.*vertex"):
        gt.solve(catalog.chicken(), method="magic")


def test_symbolic_game_must_be_substituted_first():
    q = gt.parameters("q")
    g = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, q]])
    with pytest.raises(gt.GameError, match="parameters q"):
        gt.solve(g)
    sol = gt.solve(g.substitute(q=2), exact=True)
    assert len(sol) == 3


def test_not_a_game():
    with pytest.raises(gt.GameError, match="needs a game"):
        gt.solve([[1, 2], [3, 4]])


@pytest.mark.parametrize("method", ["vertex", "support"])
def test_battle_of_the_sexes_exact(method):
    # Osborne (2004), An Introduction to Game Theory, section 4.1.3: the mixed
    # equilibrium is ((2/3, 1/3), (1/3, 2/3)) with payoffs (2/3, 2/3).
    sol = gt.solve(catalog.battle_of_the_sexes(), method=method, exact=True)
    got = {(tuple(eq.strategies[0]), tuple(eq.strategies[1])) for eq in sol}
    assert got == {((1, 0), (1, 0)), ((0, 1), (0, 1)),
                   ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))}
    mixed = [eq for eq in sol if not eq.is_pure][0]
    assert mixed.payoffs == (F(2, 3), F(2, 3))


def test_float_game_solved_exactly_reads_decimals():
    g = gt.NormalFormGame.from_arrays([[0.1, 0.0], [0.0, 0.2]], [[0.2, 0.0], [0.0, 0.1]])
    sol = gt.solve(g, exact=True)
    mixed = [eq for eq in sol if not eq.is_pure][0]
    assert tuple(mixed.strategies[0]) == (F(1, 3), F(2, 3))


def test_solution_records_and_str():
    sol = gt.solve(catalog.matching_pennies(), exact=True)
    assert len(sol) == 1
    rec = sol.records()[0]
    assert rec["Matcher:Heads"] == F(1, 2) and rec["payoff:Mismatcher"] == 0
    assert "Heads 1/2" in str(sol) and "complete" in str(sol)


def test_auto_falls_back_to_lemke_howson_for_large_games():
    # Vertex enumeration is exponential in the smaller dimension; "auto" says what it ran.
    rng = np.random.default_rng(3)
    big = gt.NormalFormGame.from_arrays(rng.random((20, 20)), rng.random((20, 20)))
    sol = gt.solve(big)
    assert sol.method == "lemke-howson" and not sol.complete
    assert all(gt.max_regret(big, eq) <= 1e-9 for eq in sol)
    wide = gt.NormalFormGame.from_arrays(rng.random((4, 60)), rng.random((4, 60)))
    sol = gt.solve(wide)
    assert sol.method == "vertex" and sol.complete


# ----------------------------------------------------------------- "auto" on trees
def test_auto_on_trees_says_what_it_chose():
    from gametheory.games.generators import random_tree
    from gametheory.models.poker import kuhn_poker

    perfect = random_tree(40, seed=1, merge=0.0)
    assert gt.solve(perfect).method == "spe"
    small = random_tree(30, seed=2)
    sol = gt.solve(small)
    assert sol.method == "vertex" and sol.complete
    assert all(gt.max_regret(small, eq) <= 1e-9 for eq in sol.equilibria)
    kuhn = gt.solve(kuhn_poker())      # 27 x 64 reduced strategies: too many for vertex
    assert kuhn.method == "sequence-lp"
    assert abs(kuhn.value + 1 / 18) < 1e-12          # Kuhn (1950)
    big = random_tree(3000, seed=2)
    sol = gt.solve(big)
    assert sol.method == "sequence-lcp" and not sol.complete
    assert gt.max_regret(big, sol.equilibria[0]) <= 1e-9
    three = random_tree(40, seed=3, players=3)
    assert gt.solve(three).method == "spe"


@pytest.mark.parametrize("method", ["sequence-lp", "sequence-lcp", "spe"])
def test_tree_methods_refuse_normal_form_games(method):
    g = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    with pytest.raises(gt.GameError):
        gt.solve(g, method=method)
