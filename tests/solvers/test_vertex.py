"""Vertex enumeration (method="vertex"): known answers, components, edge cases, and
cross-checks against pygambit (exact), nashpy and QuantEcon (floats)."""

from fractions import Fraction as F

import numpy as np
import oracles
import pytest

import gametheory as gt
import gametheory.solvers.vertex as vertex
from gametheory.models import catalog
from gametheory.solvers.components import maximal_bicliques


def profiles(sol):
    """Equilibria as a set of (x, y) tuples (exact Fractions)."""
    return {(tuple(eq.strategies[0]), tuple(eq.strategies[1])) for eq in sol}


def solve(A, B, **kw):
    return gt.solve(gt.NormalFormGame.from_arrays(A, B), method="vertex", **kw)


@pytest.fixture(params=["auto", "one-sided", "two-sided"])
def path(request, monkeypatch):
    """Run a test with the solver's choice, with partners always solved for directly
    (one-sided), and with both polytopes always enumerated (two-sided)."""
    if request.param == "one-sided":
        monkeypatch.setattr(vertex, "_PARTNER_SECONDS", 0.0)
    elif request.param == "two-sided":
        monkeypatch.setattr(vertex, "_PARTNER_SECONDS", float("inf"))
    return request.param


# ----------------------------------------------------------------- known answers
def test_prisoners_dilemma():
    # Osborne (2004), An Introduction to Game Theory, section 2.2: (Defect, Defect) only.
    sol = gt.solve(catalog.prisoners_dilemma(), method="vertex", exact=True)
    assert profiles(sol) == {((0, 1), (0, 1))}
    assert sol.complete and sol.notes == ()


def test_battle_of_the_sexes():
    # Osborne (2004), section 4.1.3: two pure equilibria and ((2/3, 1/3), (1/3, 2/3)).
    sol = gt.solve(catalog.battle_of_the_sexes(), method="vertex", exact=True)
    assert profiles(sol) == {((1, 0), (1, 0)), ((0, 1), (0, 1)),
                             ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))}
    assert all(c.is_isolated for c in sol.components) and len(sol.components) == 3


def test_matching_pennies_and_rock_paper_scissors():
    # Osborne (2004), section 2.7.3 and exercise 4.9: unique, uniform equilibria.
    mp = gt.solve(catalog.matching_pennies(), method="vertex", exact=True)
    assert profiles(mp) == {((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))}
    rps = gt.solve(catalog.rock_paper_scissors(), method="vertex", exact=True)
    third = (F(1, 3),) * 3
    assert profiles(rps) == {(third, third)}
    assert rps.equilibria[0].payoffs == (0, 0)


def test_chicken():
    # Rapoport & Chammah (1966); Osborne (2004), exercise 2.2: two pure equilibria and
    # the mixed one where each driver swerves with probability 9/10.
    sol = gt.solve(catalog.chicken(), method="vertex", exact=True)
    mixed = (F(9, 10), F(1, 10))
    assert profiles(sol) == {((1, 0), (0, 1)), ((0, 1), (1, 0)), (mixed, mixed)}


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_coordination_games_have_2_to_the_n_minus_1(n, path):
    # von Stengel (2007), Algorithmic Game Theory ch. 3: the n x n identity coordination
    # game has 2^n - 1 equilibria, the uniform mixture on each non-empty support.
    g = catalog.coordination(n)
    sol = gt.solve(g, method="vertex", exact=True)
    assert len(sol) == 2 ** n - 1 and sol.complete
    for eq in sol:
        x, y = eq.strategies
        k = len(eq.supports[0])
        assert eq.supports[0] == eq.supports[1]
        assert all(p == F(1, k) for p in x if p) and list(x) == list(y)
    assert len(sol.components) == 2 ** n - 1  # all isolated
    floats = gt.solve(g, method="vertex")
    assert len(floats) == 2 ** n - 1


def test_continuum_game_has_one_component_with_three_segments(path):
    # Catalog `continuum` (player 2 indifferent; T is a best response iff y_L >= 1/2):
    # the equilibria are T x {y_L >= 1/2}, {any x} x (1/2, 1/2) and B x {y_L <= 1/2},
    # one connected set through four extreme equilibria (checked against pygambit below).
    sol = gt.solve(catalog.continuum(), method="vertex", exact=True)
    half = (F(1, 2), F(1, 2))
    assert profiles(sol) == {((1, 0), (1, 0)), ((1, 0), half), ((0, 1), half),
                             ((0, 1), (0, 1))}
    assert sol.complete and len(sol.components) == 1
    comp = sol.components[0]
    assert not comp.is_isolated and len(comp.equilibria) == 4
    assert len(comp.nash_subsets) == 3 and all(ns.dimension == 1 for ns in comp.nash_subsets)
    assert any("it is a continuum" in note for note in sol.notes)
    assert "a continuum" in str(sol)


def test_von_stengel_3x2_nondegenerate_and_degenerate():
    # von Stengel (2007), Algorithmic Game Theory, Fig. 3.2 / 3.5 (also QuantEcon's
    # test_vertex_enumeration.py): the nondegenerate game has three isolated equilibria;
    # making player 2 indifferent in the top row (degenerate) joins (T, (1, 0)) and
    # (T, (2/3, 1/3)) into a segment, plus the isolated ((0, 1/3, 2/3), (1/3, 2/3)).
    A = [[3, 3], [2, 5], [0, 6]]
    sol = solve(A, [[3, 2], [2, 6], [3, 1]], exact=True)
    assert profiles(sol) == {((1, 0, 0), (1, 0)),
                             ((F(4, 5), F(1, 5), 0), (F(2, 3), F(1, 3))),
                             ((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))}
    assert len(sol.components) == 3 and sol.notes == ()
    deg = solve(A, [[3, 3], [2, 6], [3, 1]], exact=True)
    assert profiles(deg) == {((1, 0, 0), (1, 0)), ((1, 0, 0), (F(2, 3), F(1, 3))),
                             ((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))}
    sizes = sorted(len(c.equilibria) for c in deg.components)
    assert sizes == [1, 2]
    segment = next(c for c in deg.components if not c.is_isolated)
    (ns,) = segment.nash_subsets
    assert len(ns.extreme[0]) == 1 and len(ns.extreme[1]) == 2
    assert any("1 of 2 components is a continuum" in note for note in deg.notes)


def test_degenerate_game_with_isolated_equilibria_says_so():
    # Derived by hand: a1 strictly dominates a2, and b1 is the unique best response to a1,
    # so (a1, b1) is the only equilibrium; yet a2 has two pure best responses, which
    # makes the game degenerate (von Stengel 2007, Definition 3.2).
    sol = solve([[2, 1], [0, 0]], [[2, 1], [1, 1]], exact=True)
    assert profiles(sol) == {((1, 0), (1, 0))}
    assert sol.notes == ("degenerate game, but every equilibrium is isolated",)


def test_nashpy_degenerate_example_is_found_completely():
    # nashpy docs, "How to handle degenerate games": A = [[0,-1,1],[-1,0,1],[-1,0,1]],
    # zero-sum. Rows 2 and 3 are duplicates, so against (1/2, 1/2, 0) the row player may
    # mix them freely: a segment of equilibria joining two extreme ones.
    A = np.array([[0, -1, 1], [-1, 0, 1], [-1, 0, 1]])
    sol = solve(A, -A, exact=True)
    half = (F(1, 2), F(1, 2), 0)
    assert profiles(sol) == {(half, half), ((F(1, 2), 0, F(1, 2)), half)}
    assert len(sol.components) == 1 and not sol.components[0].is_isolated
    assert oracles.solution_key_set(sol) == oracles.gambit_extreme_equilibria(A, -A)


# ----------------------------------------------------------------- edge cases
@pytest.mark.parametrize("A, B, count", [
    ([[3]], [[2]], 1),                                   # 1 x 1
    ([[1, 2, 2]], [[0, 5, 5]], 2),                       # one row, tied columns
    ([[1], [2], [2]], [[0], [5], [5]], 2),               # one column, tied rows
    ([[0, 0, 0], [0, 0, 0]], [[0, 0, 0], [0, 0, 0]], 6),  # everything is an equilibrium
    ([[1, 1, 0], [0, 0, 2]], [[2, 2, 1], [0, 0, 3]], 5),  # duplicate strategies
    ([[1, 5], [1, 3]], [[2, 2], [2, 2]], 3),             # constant payoff columns
])
def test_edge_cases_agree_with_gambit(A, B, count, path):
    sol = solve(A, B, exact=True)
    assert len(sol) == count and sol.complete
    assert oracles.solution_key_set(sol) == oracles.gambit_extreme_equilibria(A, B)
    assert len(solve(np.asarray(A, float), np.asarray(B, float))) == count


def test_zero_game_is_one_nash_subset():
    # With constant payoffs every profile is an equilibrium: one Nash subset, the product
    # of both simplices, whose extreme points are the pure strategies.
    sol = solve(np.zeros((2, 3), int), np.zeros((2, 3), int), exact=True)
    (comp,) = sol.components
    (ns,) = comp.nash_subsets
    assert len(ns.extreme[0]) == 2 and len(ns.extreme[1]) == 3 and ns.dimension == 3
    assert ns.equilibria == tuple(range(6))


def test_errors():
    three = gt.NormalFormGame(np.zeros((3, 2, 2, 2)))
    with pytest.raises(gt.SolverError, match="two-player.*method='pure'"):
        gt.solve(three, method="vertex")
    big = gt.NormalFormGame.from_arrays(np.eye(20), np.eye(20))
    with pytest.raises(gt.SolverError, match="too large.*lemke-howson"):
        gt.solve(big, method="vertex")
    with pytest.raises(gt.SolverError, match="too large"):
        gt.solve(catalog.coordination(8), method="vertex", max_seconds=1e-6)
    with pytest.raises(gt.SolverError, match="max_seconds must be a positive"):
        gt.solve(catalog.chicken(), method="vertex", max_seconds=-1)
    with pytest.raises(gt.GameError, match="needs a NormalFormGame"):
        vertex.solve_vertex([[1, 2], [3, 4]])
    with pytest.raises(gt.SolverError, match="unknown option.*colour"):
        gt.solve(catalog.chicken(), method="vertex", colour="red")


def test_many_labels_use_wide_keys(monkeypatch):
    # 2 x 66 has 68 labels: more than fit in one 64-bit mask. Both paths.
    rng = np.random.default_rng(66)
    A, B = rng.integers(-3, 4, (2, 66)), rng.integers(-3, 4, (2, 66))
    ref = oracles.gambit_extreme_equilibria(A, B)
    for partner_seconds in (0.0, float("inf")):
        monkeypatch.setattr(vertex, "_PARTNER_SECONDS", partner_seconds)
        assert oracles.solution_key_set(solve(A, B, exact=True)) == ref
    C, D = rng.random((2, 66)), rng.random((2, 66))  # nondegenerate: both paths agree
    found = []
    for partner_seconds in (0.0, float("inf")):
        monkeypatch.setattr(vertex, "_PARTNER_SECONDS", partner_seconds)
        found.append(sorted(np.round(np.concatenate(eq.strategies), 9).tolist()
                            for eq in solve(C, D)))
    assert found[0] == found[1] and len(found[0]) % 2 == 1


# ----------------------------------------------------------------- components
def test_maximal_bicliques():
    # K_{2,2} minus an edge plus a pendant: bicliques are the two stars and the edge.
    edges = [(0, 0), (0, 1), (1, 1), (2, 2)]
    assert maximal_bicliques(edges) == [((0,), (0, 1)), ((0, 1), (1,)), ((2,), (2,))]


@pytest.mark.parametrize("seed", range(6))
def test_nash_subsets_are_maximal_and_convex(seed):
    # Avis et al. (2010), section 5: every profile in conv(S) x conv(T) of a maximal Nash
    # subset is an equilibrium, no extreme strategy can be added, and the components
    # partition the extreme equilibria.
    rng = np.random.default_rng(seed)
    A, B = rng.integers(0, 2, (4, 4)), rng.integers(0, 2, (4, 4))
    g = gt.NormalFormGame.from_arrays(A, B)
    sol = gt.solve(g, method="vertex", exact=True)
    seen = sorted(k for c in sol.components for k in c.equilibria)
    assert seen == list(range(len(sol)))
    extreme = profiles(sol)
    xs = {p[0] for p in extreme}
    ys = {p[1] for p in extreme}
    for comp in sol.components:
        for ns in comp.nash_subsets:
            S = [tuple(x) for x in ns.extreme[0]]
            T = [tuple(y) for y in ns.extreme[1]]
            assert {(x, y) for x in S for y in T} <= extreme
            assert not any(all((x, y) in extreme for y in T) for x in xs - set(S))
            assert not any(all((x, y) in extreme for x in S) for y in ys - set(T))
            mid = [sum(np.array(v, dtype=object) for v in side) / len(side)
                   for side in (S, T)]
            assert gt.max_regret(g, mid) == 0


# ----------------------------------------------------------------- cross-checks
def _random_games(seed: int, count: int):
    rng = np.random.default_rng(seed)
    kinds = ["wide", "int", "binary"]
    for k in range(count):
        m, n = (int(v) for v in rng.integers(1, 6, 2))
        kind = kinds[k % 3]
        if kind == "wide":  # distinct-ish payoffs: nearly always nondegenerate
            yield kind, rng.integers(-1000, 1001, (m, n)), rng.integers(-1000, 1001, (m, n))
        else:
            yield (kind, *oracles.random_bimatrix(rng, m, n, kind))


@pytest.mark.parametrize("seed", range(4))
def test_agrees_exactly_with_gambit_on_random_games(seed, path):
    # pygambit enummixed_solve (rational) enumerates the extreme equilibria exactly;
    # 4 seeds x 60 games = 240 games per path, sizes 1..5, square and not.
    for kind, A, B in _random_games(seed, 60):
        ref = oracles.gambit_extreme_equilibria(A, B)
        sol = solve(A, B, exact=True)
        assert sol.complete, (kind, A, B)
        assert oracles.solution_key_set(sol) == ref, (kind, A.tolist(), B.tolist())
        floats = solve(A.astype(float), B.astype(float))
        assert len(floats) == len(ref)
        for r in ref:
            r = np.array(r, dtype=float)
            assert min(np.abs(np.concatenate(eq.strategies) - r).max() for eq in floats) < 1e-9


def test_near_degenerate_exact_rebuild_agrees_with_gambit():
    # Binary games perturbed by +-1e-12: ties for floats but not exactly, so float
    # vertices merge nearly coincident exact ones, and the exact rebuild must separate
    # them again (it tries every basis of the nearly tight constraints).
    rng = np.random.default_rng(12)
    eps = F(1, 10 ** 12)
    for _ in range(40):
        m, n = (int(v) for v in rng.integers(2, 4, 2))
        A = rng.integers(0, 2, (m, n)).astype(object) + rng.integers(-1, 2, (m, n)) * eps
        B = rng.integers(0, 2, (m, n)).astype(object) + rng.integers(-1, 2, (m, n)) * eps
        sol = solve(A, B, exact=True)
        assert sol.complete
        assert oracles.solution_key_set(sol) == oracles.gambit_extreme_equilibria(A, B)


@pytest.mark.parametrize("seed", range(3))
def test_agrees_with_nashpy_on_nondegenerate_games(seed):
    # nashpy's vertex enumeration is correct on nondegenerate games (uniform payoffs).
    rng = np.random.default_rng(100 + seed)
    for m, n in [(2, 2), (3, 3), (2, 4), (4, 3)]:
        A, B = rng.random((m, n)), rng.random((m, n))
        ref = oracles.nashpy_equilibria(A, B)
        sol = solve(A, B)
        assert len(sol) == len(ref) and len(sol) % 2 == 1
        for x, y in ref:
            assert any(np.allclose(eq.strategies[0], x, atol=1e-9)
                       and np.allclose(eq.strategies[1], y, atol=1e-9) for eq in sol)


@pytest.mark.parametrize("m, n", [(7, 7), (10, 10), (3, 20), (20, 4)])
def test_agrees_with_gambit_on_larger_games(m, n):
    # pygambit's enummixed_solve in floats (nondegenerate games); 10 x 10 and the
    # unbalanced shapes exercise the side-by-side and solve-for-partners paths.
    import pygambit as gbt  # a test dependency (the test extra)
    rng = np.random.default_rng(m * 100 + n)
    A, B = rng.random((m, n)), rng.random((m, n))
    game = gbt.StrategicGame.from_arrays(A, B)
    ref = gbt.nash.enummixed_solve(game, rational=False).equilibria
    sol = solve(A, B)
    assert len(sol) == len(ref) and sol.complete
    for eq_ref in ref:
        x, y = oracles.gambit_strategies(eq_ref)
        assert any(np.allclose(eq.strategies[0], x, atol=1e-9)
                   and np.allclose(eq.strategies[1], y, atol=1e-9) for eq in sol)
