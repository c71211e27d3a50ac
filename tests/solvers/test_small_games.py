"""The lean path of ``gt.solve`` for small bimatrix games (gametheory.solvers._small):
on every game it answers, the Solution is the one the full vertex enumeration gives;
on degenerate, near-degenerate and other games it steps aside."""

import re

import numpy as np
import pytest

import gametheory as gt
from gametheory.models import catalog
from gametheory.solvers import _small
from gametheory.solvers.registry import METHODS, register
from gametheory.solvers.result import Component, Equilibrium, NashSubset, Solution

SHAPES = [(2, 2), (2, 3), (3, 2), (3, 3)]


def full(game):
    """The full path: method="vertex" never takes the lean path."""
    return gt.solve(game, method="vertex")


def same_text(a, b):
    """The same text, numbers equal to rounding (a payoff of 0 may print as -8e-17 on
    one path and -4e-16 on the other)."""
    ta, tb = re.split(r"([-+\w.]+)", a), re.split(r"([-+\w.]+)", b)
    if len(ta) != len(tb):
        return False
    for x, y in zip(ta, tb):
        if x == y:
            continue
        try:
            if abs(float(x) - float(y)) > 1e-12 + 1e-5 * abs(float(y)):
                return False
        except ValueError:
            return False
    return True


def assert_same(lean, ref):
    """Same equilibria in the same order (to rounding), payoffs, labels, text, flags."""
    assert type(lean) is Solution and type(ref) is Solution
    assert (lean.method, lean.complete, lean.exact, lean.notes, lean.value) == \
        (ref.method, ref.complete, ref.exact, ref.notes, ref.value)
    assert lean.game is ref.game
    assert len(lean) == len(ref) > 0
    for a, b in zip(lean, ref):
        assert type(a) is Equilibrium
        assert a.isclose(b, tol=1e-12)
        assert a.supports == b.supports
        assert np.allclose(a.payoffs, b.payoffs, rtol=0, atol=1e-12)
        assert (a.players, a.labels, a.exact, a.behavior) == (b.players, b.labels, b.exact,
                                                             b.behavior)
        assert all(s.dtype == np.float64 and not s.flags.writeable for s in a.strategies)
        assert all(type(u) is float for u in a.payoffs)
    assert same_text(str(lean), str(ref)), (str(lean), str(ref))
    for r1, r2 in zip(lean.records(), ref.records(), strict=True):
        assert list(r1) == list(r2) and list(r1.values()) == pytest.approx(list(r2.values()))
    # one isolated component per equilibrium (the full path lists them in vertex order)
    assert len(lean.components) == len(ref.components) == len(lean)
    for k, c in enumerate(lean.components):
        assert type(c) is Component and c.is_isolated and c.equilibria == (k,)
        (ns,) = c.nash_subsets
        assert type(ns) is NashSubset and ns.equilibria == (k,)
        assert ns.extreme[0][0] is lean[k].strategies[0]
        assert ns.extreme[1][0] is lean[k].strategies[1]
    ref_sets = sorted(c.equilibria for c in ref.components)
    assert ref_sets == [(k,) for k in range(len(ref))]


@pytest.mark.parametrize("shape", SHAPES)
def test_random_games_match_vertex(shape):
    rng = np.random.default_rng(17 + shape[0] * 10 + shape[1])
    answered = 0
    for _ in range(150):
        g = gt.NormalFormGame.from_arrays(rng.normal(size=shape), rng.normal(size=shape))
        lean = _small.solve_small(g, "auto", False, {})
        if lean is None:
            continue
        answered += 1
        assert_same(lean, full(g))
        assert_same(gt.solve(g), full(g))          # gt.solve takes the lean path
    assert answered >= 145                         # random games are nondegenerate


@pytest.mark.parametrize("shape", SHAPES)
def test_random_integer_games(shape):
    """Small integer payoffs: ties (degenerate games) are common, and left to vertex."""
    rng = np.random.default_rng(5)
    answered = declined = 0
    for _ in range(200):
        g = gt.NormalFormGame.from_arrays(rng.integers(-3, 4, shape), rng.integers(-3, 4, shape))
        lean = _small.solve_small(g, "auto", False, {})
        ref = full(g)
        if lean is None:
            declined += 1
            assert same_text(str(gt.solve(g)), str(ref))   # the full path, notes and all
            continue
        answered += 1
        assert_same(lean, ref)
        assert "degenerate" not in " ".join(ref.notes)
    assert answered > 20 and declined > 20


def test_known_games():
    # Osborne (2004), An Introduction to Game Theory, ch. 2-4: the prisoner's dilemma
    # has (D, D) only; battle of the sexes two pure equilibria and the mixed one (2/3, 1/3)
    # against (1/3, 2/3); matching pennies only (1/2, 1/2) for both.
    pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    sol = _small.solve_small(pd, "auto", False, {})
    assert [eq.supports for eq in sol] == [((1,), (1,))]
    bos = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    sol = _small.solve_small(bos, "auto", False, {})
    assert np.allclose(sol[1].strategies[0], [2 / 3, 1 / 3])
    assert np.allclose(sol[1].strategies[1], [1 / 3, 2 / 3])
    assert len(sol) == 3
    mp = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    sol = _small.solve_small(mp, "auto", False, {})
    assert len(sol) == 1 and np.allclose(sol[0].strategies, 0.5)
    for g in (pd, bos, mp):
        assert_same(_small.solve_small(g, "auto", False, {}), full(g))
    # rock-paper-scissors (3 x 3): the uniform profile only
    rps = gt.NormalFormGame.from_arrays([[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
                                        [[0, 1, -1], [-1, 0, 1], [1, -1, 0]])
    sol = _small.solve_small(rps, "auto", False, {})
    assert len(sol) == 1 and np.allclose(sol[0].strategies, 1 / 3)
    assert_same(sol, full(rps))


def test_degenerate_games_take_the_full_path():
    cont = catalog.continuum()              # a continuum of equilibria
    assert _small.solve_small(cont, "auto", False, {}) is None
    sol = gt.solve(cont)
    assert sol.method == "vertex" and any(not c.is_isolated for c in sol.components)
    tie = gt.NormalFormGame.from_arrays([[1, 1], [0, 0]], [[1, 0], [0, 1]])
    assert _small.solve_small(tie, "auto", False, {}) is None
    # a tie broken by 1e-12 is within the margin: the full path settles it exactly
    near = gt.NormalFormGame.from_arrays([[1.0, 0.5], [1.0 + 1e-12, 0.0]],
                                         [[1.0, 0.0], [0.0, 1.0]])
    assert _small.solve_small(near, "auto", False, {}) is None
    assert same_text(str(gt.solve(near)), str(full(near)))
    flat = gt.NormalFormGame.from_arrays(np.ones((2, 2)), [[1, 0], [0, 1]])
    assert _small.solve_small(flat, "auto", False, {}) is None


def test_what_the_lean_path_leaves_alone():
    rng = np.random.default_rng(3)
    g = gt.NormalFormGame.from_arrays(rng.random((2, 2)), rng.random((2, 2)))
    assert _small.solve_small(g, "auto", False, {}) is not None
    assert _small.solve_small(g, "auto", True, {}) is None          # exact
    assert _small.solve_small(g, "vertex", False, {}) is None       # an explicit method
    assert _small.solve_small(g, "auto", False, {"tol": 1e-3}) is None
    big = gt.NormalFormGame.from_arrays(rng.random((4, 4)), rng.random((4, 4)))
    assert _small.solve_small(big, "auto", False, {}) is None
    one = gt.NormalFormGame.from_arrays(rng.random((1, 3)), rng.random((1, 3)))
    assert _small.solve_small(one, "auto", False, {}) is None        # best responses
    three = gt.NormalFormGame(rng.random((3, 2, 2, 2)))
    assert _small.solve_small(three, "auto", False, {}) is None
    q = gt.parameters("q")
    sym = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 2]])
    assert _small.solve_small(sym, "auto", False, {}) is None
    exact = gt.solve(g, exact=True)
    assert exact.exact and exact.method == "vertex"


def test_a_replaced_vertex_entry_is_respected():
    rng = np.random.default_rng(4)
    g = gt.NormalFormGame.from_arrays(rng.random((2, 2)), rng.random((2, 2)))
    original = METHODS["vertex"]
    calls = []

    def spy(game, exact=False, **options):
        calls.append(game)
        return original.function(game, exact=exact, **options)

    import dataclasses
    import sys

    module = sys.modules[__name__]
    module.spy = spy
    register(dataclasses.replace(original, module=__name__, function_name="spy"),
             replace=True)
    try:
        assert _small.solve_small(g, "auto", False, {}) is None
        assert gt.solve(g).method == "vertex" and calls == [g]
    finally:
        register(original, replace=True)
    assert _small.solve_small(g, "auto", False, {}) is not None


def test_trees_with_small_reduced_forms():
    """A tree's reduced normal form goes through the lean path too, behaviour kept."""
    t = gt.ExtensiveFormGame(["A", "B"])
    for a, node in zip("HT", t.root.decide("A", ["H", "T"])):
        for b, leaf in zip("HT", node.decide("B", ["H", "T"], infoset="B")):
            _ = leaf.payoffs(1.0 if a == b else -1.0, -1.0 if a == b else 1.0)
    sol = gt.solve(t)
    assert sol.method == "vertex" and len(sol) == 1
    assert sol[0].behavior["B"] == pytest.approx({"H": 0.5, "T": 0.5})
