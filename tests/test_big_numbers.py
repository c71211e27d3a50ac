"""Integers beyond the float range (10**400) in every solver (issue 11).

Exact solves rescale all payoffs by one power of two into the float range (equilibria do
not change under a positive scaling) and verify and price the equilibria in the game
itself; float solves give a one-line GameError that suggests exact=True. Before the fix
every method raised OverflowError, even with exact=True.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import pytest
from sample_trees import zero_sum_guessing_tree

import gametheory as gt
from gametheory.solvers import METHODS
from gametheory.solvers._advice import applicable

N = 10**400

#: Battle of the sexes scaled by 10**400: pure (a1, b1), (a2, b2) and the mixed
#: x = (2/3, 1/3), y = (1/2, 1/2) (player 1 makes player 2 indifferent: x1 N = 2 N x2)
BOS = ([[N, 0], [0, N]], [[N, 0], [0, 2 * N]])
#: Matching pennies scaled by 10**400 (zero-sum): the unique equilibrium is uniform, value 0
PENNIES = ([[N, -N], [-N, N]], [[-N, N], [N, -N]])
_MIXED = ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 2), Fraction(1, 2)))
_PURE = {((1, 0), (1, 0)), ((0, 1), (0, 1))}

_EXACT_NEEDS = {"lp": PENNIES}        # lp needs a zero-sum game
_NUMERIC_ONLY = {"pns", "qre"}        # they refuse exact=True with a SolverError
#: every registered normal-form method that accepts the game it is tested on (the
#: registry, not a hand-kept list; "best-response" takes only one-chooser games)
_NORMAL_FORM = [m for m, e in METHODS.items() if "normal" in e.forms and applicable(
    gt.NormalFormGame.from_arrays(*_EXACT_NEEDS.get(m, BOS)), [m])]


def _profiles(sol):
    return {tuple(tuple(s) for s in eq.strategies) for eq in sol}


@pytest.mark.parametrize("method", ["auto", *_NORMAL_FORM])
def test_exact_solve_of_huge_integers(method):
    g = gt.NormalFormGame.from_arrays(*_EXACT_NEEDS.get(method, BOS))
    if method in _NUMERIC_ONLY:
        with pytest.raises(gt.SolverError, match="exact"):
            gt.solve(g, method=method, exact=True)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        sol = gt.solve(g, method=method, exact=True)
    assert sol.exact and sol.equilibria
    assert all(gt.max_regret(g, eq) == 0 for eq in sol)
    found = _profiles(sol)
    if method == "lp":
        assert found == {((Fraction(1, 2),) * 2, (Fraction(1, 2),) * 2)}
        assert sol.value == 0
        return
    assert found <= _PURE | {_MIXED}
    if method == "pure":
        assert found == _PURE
    if sol.complete:
        assert found == _PURE | {_MIXED}
    for eq in sol:  # payoffs in the game itself, not in the rescaled copy
        if tuple(tuple(s) for s in eq.strategies) == _MIXED:
            assert eq.payoffs == (Fraction(N, 2), Fraction(2 * N, 3))
        else:
            assert max(eq.payoffs) >= N


@pytest.mark.parametrize("method", ["auto", *_NORMAL_FORM])
def test_float_solve_of_huge_integers_is_a_clear_error(method):
    g = gt.NormalFormGame.from_arrays(*_EXACT_NEEDS.get(method, BOS))
    with pytest.raises(gt.GameError, match=r"beyond the float range.*exact=True"):
        gt.solve(g, method=method)


def test_a_huge_fraction_and_small_payoffs_exactly():
    """One payoff 10**400/3 among small ones: solved exactly, verified in the game."""
    g = gt.NormalFormGame.from_arrays([[Fraction(N, 3), 0], [1, 2]], [[1, 0], [0, 1]])
    sol = gt.solve(g, exact=True)
    assert sol.equilibria and all(gt.max_regret(g, eq) == 0 for eq in sol)
    assert ((1, 0), (1, 0)) in _profiles(sol)


def _entry_tree():
    """A moves L (payoffs N, 0) or R; then B chooses x (2N, 1) or y (0, 2): B picks y,
    so A picks L (backward induction by hand)."""
    t = gt.ExtensiveFormGame(["A", "B"])
    left, right = t.root.decide("A", ["L", "R"])
    left.payoffs(N, 0)
    x, y = right.decide("B", ["x", "y"])
    x.payoffs(2 * N, 1)
    y.payoffs(0, 2)
    return t


@pytest.mark.parametrize("method", ["auto", "spe"])
def test_tree_with_huge_integers(method):
    t = _entry_tree()
    sol = gt.solve(t, method=method, exact=True)
    assert [eq.behavior for eq in sol] == [{"A: root": {"L": 1, "R": 0},
                                            "B: R": {"x": 0, "y": 1}}]
    assert sol[0].payoffs == (N, 0)
    with pytest.raises(gt.GameError, match="beyond the float range"):
        gt.solve(t, method=method)


def _zero_sum_tree():
    """Value N by hand: A plays L with 1/3, B plays x with 1/2 (sample_trees)."""
    return zero_sum_guessing_tree(N)


_ZS_BEHAVIOR = {"A: root": {"L": Fraction(1, 3), "R": Fraction(2, 3)},
                "B": {"x": Fraction(1, 2), "y": Fraction(1, 2)}}
_ENTRY_BEHAVIOR = {"A: root": {"L": 1, "R": 0}, "B: R": {"x": 0, "y": 1}}
#: Every method that accepts a tree, with the tree it needs (sequence-lp: zero-sum)
_TREE_CASES = [("spe", _entry_tree), ("spe", _zero_sum_tree),
               ("sequence-lp", _zero_sum_tree), ("sequence-lcp", _entry_tree),
               ("sequence-lcp", _zero_sum_tree), ("qre", _entry_tree),
               ("qre", _zero_sum_tree), ("auto", _entry_tree), ("auto", _zero_sum_tree)]


@pytest.mark.parametrize("method, build", _TREE_CASES)
def test_float_solve_of_a_huge_tree_is_a_clear_error(method, build):
    """Before the fix sequence-lp, sequence-lcp and qre raised OverflowError."""
    with pytest.raises(gt.GameError, match=r"beyond the float range.*exact=True"):
        gt.solve(build(), method=method)


@pytest.mark.parametrize("method, build", _TREE_CASES)
def test_exact_solve_of_a_huge_tree(method, build):
    """The right answer (by hand, above) exactly, verified in the tree itself; qre
    computes in floats and says so."""
    t = build()
    if method == "qre":
        with pytest.raises(gt.SolverError, match="exact=False"):
            gt.solve(t, method=method, exact=True)
        return
    sol = gt.solve(t, method=method, exact=True)
    assert sol.exact and sol.equilibria
    assert all(max(t.behavior_regrets(eq.behavior)) == 0 for eq in sol)
    if build is _zero_sum_tree:
        assert [eq.behavior for eq in sol] == [_ZS_BEHAVIOR]
        assert sol[0].payoffs == (N, -N)
        if sol.value is not None:
            assert sol.value == N
    elif method == "sequence-lcp":
        # one Nash equilibrium, not necessarily subgame perfect: in every one A plays L
        # (B's y is optimal after R, so R earns 0 < N) and B's off-path x has q <= 1/2
        beh = sol[0].behavior
        assert beh["A: root"] == {"L": 1, "R": 0} and beh["B: R"]["x"] <= Fraction(1, 2)
        assert sol[0].payoffs == (N, 0)
    else:
        assert [eq.behavior for eq in sol] == [_ENTRY_BEHAVIOR]
        assert sol[0].payoffs == (N, 0)


def _analysis_game():
    """Player 2's b1 = (3N, 0) is dominated by b2 = (5N, N); with N = 1 the welfare-
    maximising correlated equilibrium (exact) has value 13/6, so 13 N / 6 here."""
    return gt.NormalFormGame.from_arrays([[3 * N, 0, N], [5 * N, N, 0]],
                                         [[3 * N, 5 * N, 0], [0, N, 2 * N]])


def test_dominance_and_correlated_equilibria_of_huge_integers():
    g = _analysis_game()
    small = gt.NormalFormGame.from_arrays([[3, 0, 1], [5, 1, 0]], [[3, 5, 0], [0, 1, 2]])
    assert gt.dominated_strategies(g, 1, mixed=True, exact=True) == (0,)
    assert gt.iterated_elimination(g, exact=True).surviving == \
        gt.iterated_elimination(small, exact=True).surviving
    for coarse in (False, True):
        ce = gt.correlated_equilibrium(g, coarse=coarse, exact=True)
        ref = gt.correlated_equilibrium(small, coarse=coarse, exact=True)
        assert ce.value == N * ref.value == Fraction(13 * N, 6)
        assert ce.distribution.tolist() == ref.distribution.tolist()
        assert gt.is_correlated_equilibrium(g, ce.distribution, coarse=coarse)
        with pytest.raises(gt.GameError, match="beyond the float range"):
            gt.correlated_equilibrium(g, coarse=coarse, exact=False)
    with pytest.raises(gt.GameError, match="beyond the float range"):
        gt.dominated_strategies(g, 1, mixed=True)


def test_check_assessment_of_a_huge_tree():
    """B's y forgoes N after either move of A: exact checks work in the tree's numbers,
    float behaviour gives the float-range GameError (both raised OverflowError)."""
    t = gt.ExtensiveFormGame(["A", "B"])
    for node in t.root.decide("A", ["l", "r"]):
        x, y = node.decide("B", ["x", "y"], infoset="B")
        x.payoffs(N, N)
        y.payoffs(0, 0)
    assert gt.check_assessment(t, {"A: root": "l", "B": "x"}).sequential
    bad = gt.check_assessment(t, {"A: root": "l", "B": "y"})
    assert not bad.sequential and "by playing 'x'" in bad.problems[0]
    with pytest.raises(gt.GameError, match="beyond the float range"):
        gt.check_assessment(t, {"A: root": {"l": 0.5, "r": 0.5}, "B": "x"})
