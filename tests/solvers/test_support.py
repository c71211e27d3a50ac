"""Tests of method="support": known answers, degenerate games, and cross-checks against
pygambit (enummixed, exact) and nashpy (support enumeration, floats)."""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import oracles
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import DegenerateGameWarning, SolverError
from gametheory.models import catalog
from gametheory.solvers import _support_batch as batch
from gametheory.solvers import _support_feasible as feasible
from gametheory.solvers.support import solve_support


def solve(game, **kw):
    """Solve, failing the test on any DegenerateGameWarning (for nondegenerate games)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", DegenerateGameWarning)
        return gt.solve(game, method="support", **kw)


def solve_quiet(game, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sol = gt.solve(game, method="support", **kw)
    return sol, [w for w in caught if issubclass(w.category, DegenerateGameWarning)]


def profiles(sol):
    return [tuple(tuple(s) for s in eq.strategies) for eq in sol.equilibria]


# ------------------------------------------------------------------ known answers
def test_prisoners_dilemma():
    # Osborne (2004), An Introduction to Game Theory, §2.2: unique equilibrium (D, D).
    sol = solve(catalog.prisoners_dilemma(), exact=True)
    assert sol.complete and sol.method == "support"
    assert profiles(sol) == [((0, 1), (0, 1))]


def test_battle_of_the_sexes():
    # Osborne (2004), §2.7.2 and §4.3: (B, B), (S, S) and ((2/3, 1/3), (1/3, 2/3)).
    sol = solve(catalog.battle_of_the_sexes(), exact=True)
    assert sol.complete
    assert set(profiles(sol)) == {((1, 0), (1, 0)), ((0, 1), (0, 1)),
                                  ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))}
    mixed = next(eq for eq in sol if not eq.is_pure)
    assert mixed.payoffs == (F(2, 3), F(2, 3))


def test_matching_pennies_and_rps():
    # Osborne (2004), §2.7.3 and exercise 4.9: the unique equilibria are uniform.
    mp = solve(catalog.matching_pennies(), exact=True)
    assert mp.complete and profiles(mp) == [((F(1, 2),) * 2, (F(1, 2),) * 2)]
    rps = solve(catalog.rock_paper_scissors(), exact=True)
    assert rps.complete and profiles(rps) == [((F(1, 3),) * 3, (F(1, 3),) * 3)]
    assert rps.equilibria[0].payoffs == (0, 0)


def test_chicken_float_and_exact():
    # Rapoport & Chammah (1966); Osborne (2004) ex. 2.2: two pure equilibria where one
    # driver swerves, and the mixed one where each swerves with probability 9/10.
    ex = solve(catalog.chicken(), exact=True)
    assert set(profiles(ex)) == {((1, 0), (0, 1)), ((0, 1), (1, 0)),
                                 ((F(9, 10), F(1, 10)), (F(9, 10), F(1, 10)))}
    fl = solve(catalog.chicken())
    assert fl.complete and not fl.exact and len(fl) == 3
    for a, b in zip(fl.equilibria, ex.equilibria, strict=True):
        assert a.isclose(b, tol=1e-12)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 6])
def test_coordination_has_2n_minus_1_equilibria(n):
    # von Stengel (2007), Algorithmic Game Theory ch. 3: the n x n identity coordination
    # game has 2^n - 1 equilibria, the uniform mixture on each non-empty subset.
    sol = solve(catalog.coordination(n), exact=True)
    assert sol.complete and len(sol) == 2 ** n - 1
    for eq in sol:
        x, y = eq.strategies
        sup = eq.supports[0]
        assert eq.supports[1] == sup
        assert all(x[i] == y[i] == F(1, len(sup)) for i in sup)


def test_rectangular_games():
    # Row player has a dominant strategy against three columns: one pure equilibrium.
    g = gt.NormalFormGame.from_arrays([[3, 1, 2]], [[0, 2, 1]])
    assert profiles(solve(g, exact=True)) == [((1,), (0, 1, 0))]
    # The 3 x 2 game (3.3) of von Stengel (2007), Algorithmic Game Theory ch. 3, whose
    # equilibria are listed there (section 3.4): (a1, b1), ((4/5, 1/5, 0), (2/3, 1/3))
    # and ((0, 1/3, 2/3), (1/3, 2/3)).
    A = np.array([[3, 3], [2, 5], [0, 6]])
    B = np.array([[3, 2], [2, 6], [3, 1]])
    sol = solve(gt.NormalFormGame.from_arrays(A, B), exact=True)
    assert sol.complete
    assert set(profiles(sol)) == {((1, 0, 0), (1, 0)),
                                  ((F(4, 5), F(1, 5), 0), (F(2, 3), F(1, 3))),
                                  ((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))}
    assert oracles.solution_key_set(sol) == oracles.gambit_extreme_equilibria(A, B)


# ------------------------------------------------------------------ degenerate games
def test_continuum_is_reported_honestly():
    # catalog.continuum: player 2 is indifferent everywhere, so (T, y) is an equilibrium
    # for every y_L >= 1/2 and (B, y) for y_L <= 1/2: supports of unequal size.
    g = catalog.continuum()
    for exact in (True, False):
        sol, warned = solve_quiet(g, exact=exact)
        assert not sol.complete
        assert warned and "({T}, {L, R})" in str(warned[0].message)
        assert "form continua" in str(warned[0].message)
        assert any("method='vertex'" in note for note in sol.notes)
        for eq in sol:
            r = gt.max_regret(g, eq)
            assert r == 0 if exact else r <= 1e-12
    sol, _ = solve_quiet(g, exact=True)
    # the reported points are the extreme equilibria (checked against pygambit)
    assert oracles.solution_key_set(sol) == oracles.gambit_extreme_equilibria(
        [[1, 0], [0, 1]], [[1, 1], [1, 1]])
    assert ((1, 0), (F(1, 2), F(1, 2))) in profiles(sol)


def test_isolated_equilibrium_with_unequal_supports():
    # Built by hand: T earns 1 against anything, M earns 2 y_L and B earns 2 y_R, so T is
    # a best response only at y = (1/2, 1/2); player 2 is indifferent against T and
    # prefers R against M and B. Equilibria: (T, (1/2, 1/2)) with supports of sizes
    # 1 and 2, and (B, R). A degenerate game (an even number of equilibria) whose
    # equilibria are nevertheless isolated, so the enumeration is complete.
    A = [[1, 1], [2, 0], [0, 2]]
    B = [[1, 1], [0, 3], [0, 3]]
    g = gt.NormalFormGame.from_arrays(A, B)
    for exact in (True, False):
        sol = solve(g, exact=exact)
        assert sol.complete and len(sol) == 2
    sol = solve(g, exact=True)
    assert set(profiles(sol)) == {((1, 0, 0), (F(1, 2), F(1, 2))), ((0, 0, 1), (0, 1))}
    assert oracles.solution_key_set(sol) == oracles.gambit_extreme_equilibria(A, B)


def test_singular_equal_size_system():
    # Two identical rows and columns: the 2 x 2 systems are singular and the mixtures
    # over {a1, a2} x {b1, b2} form a square of equilibria.
    g = gt.NormalFormGame.from_arrays([[1, 1, 0], [1, 1, 0], [0, 0, 2]],
                                      [[1, 1, 0], [1, 1, 0], [0, 0, 2]])
    sol, warned = solve_quiet(g, exact=True)
    assert not sol.complete and warned
    assert all(gt.max_regret(g, eq) == 0 for eq in sol)
    assert ((0, 0, 1), (0, 0, 1)) in profiles(sol)


def test_float_payoffs_singular_system():
    # Player 1's column b3 is the average of b1 and b2 in exact decimals, but in binary
    # floating point the 3 x 3 indifference system has a determinant of about 1e-16, not
    # 0: it must still be treated as singular. Against x uniform (player 2 has identity
    # payoffs) every y = (a, a, 1 - 2a) equalises player 1: a continuum.
    A = [[0.1, 0.9, 0.5], [0.7, 0.3, 0.5], [0.9, 0.1, 0.5]]
    M = np.array(A)
    res = batch.solve_class(M, batch.subsets(3, 3), batch.subsets(3, 3), 0.0, 1e-9)
    assert res.singular[0].tolist() == [0] and res.feasible[0].size == 0
    g = gt.NormalFormGame.from_arrays(A, np.eye(3, dtype=int))
    for exact in (False, True):
        sol, warned = solve_quiet(g, exact=exact)
        assert not sol.complete and warned
    exact_A = np.array([[F(str(v)) for v in row] for row in A], dtype=object)
    assert oracles.solution_key_set(sol) == oracles.gambit_extreme_equilibria(
        exact_A, np.eye(3, dtype=int))


def test_dominance_filter():
    # Bit masks of the opponent strategies (rows) dominated on each support (columns):
    # on {0} row 1 beats row 0; on {1} they tie; on {2} row 0 beats row 1; on {0, 1}
    # row 1 is at least as good and better on 0; on {0, 2} neither; on {1, 2} row 0.
    M = np.array([[0.0, 1.0, 2.0], [1.0, 1.0, 0.0]])
    assert batch.dominated_rows(M, batch.subsets(3, 1)).tolist() == [1, 0, 2]
    assert batch.dominated_rows(M, batch.subsets(3, 2)).tolist() == [1, 0, 2]
    assert batch.dominated_rows(M, batch.subsets(3, 3)).tolist() == [0]


def test_stacked_lps_agree_with_separate_ones():
    # The block-diagonal LPs (phases 1 and 2) must decide every problem exactly as the
    # one-LP-per-problem fall-back does, and return points of the sets.
    rng = np.random.default_rng(1)
    M = rng.integers(0, 3, (5, 5)).astype(float) / 2
    problems = [(list(S), list(E)) for S in ([0, 1, 2], [1, 3], [0, 2, 3, 4])
                for E in ([0], [1, 2], [3], [0, 4], [2, 3])]
    blocks = [(k, *feasible.constraints(M, S, E)[::2]) for k, (S, E) in enumerate(problems)]
    stacked = feasible._max_min_probability(blocks)
    separate = feasible._one_by_one(blocks)
    assert [w is None for w in stacked] == [w is None for w in separate]
    assert 0 < sum(w is not None for w in stacked) < len(problems)
    for (S, E), w in zip(problems, stacked, strict=True):
        if w is not None:
            A_eq, b_eq, A_ub = feasible.constraints(M, S, E)
            assert w[:-1].min() > feasible.LP_POSITIVE
            assert np.abs(A_eq @ w - b_eq).max() < 1e-6 and (A_ub @ w).max() < 1e-6


# ------------------------------------------------------------------ errors
def test_errors():
    three = gt.NormalFormGame(np.zeros((3, 2, 2, 2)))
    with pytest.raises(SolverError, match="method='pure'"):
        solve_support(three)
    big = catalog.coordination(5)
    with pytest.raises(SolverError, match="961 support pairs.*method='vertex'"):
        solve_support(big, max_pairs=900)
    with pytest.raises(SolverError, match="unknown option.*speed"):
        solve_support(big, speed=3)
    with pytest.raises(SolverError, match="tol must be a positive"):
        solve_support(big, tol=-1.0)
    with pytest.raises(SolverError, match="max_pairs must be"):
        solve_support(big, max_pairs=0)


# ------------------------------------------------------------------ cross-checks
def _random_games(seed, count, kind):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        m, n = (int(v) for v in rng.integers(1, 6, size=2))
        if kind == "wide":
            yield rng.integers(-10 ** 6, 10 ** 6, (m, n)), rng.integers(-10 ** 6, 10 ** 6, (m, n))
        else:
            yield oracles.random_bimatrix(rng, m, n, kind)


def test_nondegenerate_integer_games_match_pygambit():
    # 120 random games with payoffs in [-10^6, 10^6): nondegenerate (no ties), so the
    # enumeration is complete and must equal pygambit's set exactly.
    count = 0
    for A, B in _random_games(2024, 120, "wide"):
        sol = solve(gt.NormalFormGame.from_arrays(A, B), exact=True)
        assert sol.complete
        assert len(sol) % 2 == 1                    # nondegenerate: an odd number
        assert oracles.solution_key_set(sol) == oracles.gambit_extreme_equilibria(A, B)
        count += 1
    assert count == 120


@pytest.mark.parametrize("kind", ["int", "binary"])
def test_degenerate_games_are_sound(kind):
    # Small-integer and 0/1 games are often degenerate. Every returned profile is an
    # exact equilibrium and an extreme one (pygambit lists it); when complete the sets
    # agree; when not, a continuum really exists (two returned equilibria whose midpoint
    # is an equilibrium).
    n_complete = n_incomplete = 0
    for A, B in _random_games(7 if kind == "int" else 11, 60, kind):
        g = gt.NormalFormGame.from_arrays(A, B)
        sol, warned = solve_quiet(g, exact=True)
        assert sol.exact and len(sol) >= 1
        assert all(gt.max_regret(g, eq) == 0 for eq in sol)
        ref = oracles.gambit_extreme_equilibria(A, B)
        mine = oracles.solution_key_set(sol)
        assert mine <= ref
        if sol.complete:
            n_complete += 1
            assert mine == ref and not warned
        else:
            n_incomplete += 1
            assert warned
            mids = ([(a + b) / 2 for a, b in zip(e.strategies, f.strategies, strict=True)]
                    for e in sol for f in sol if e is not f)
            assert any(gt.max_regret(g, mid) == 0 for mid in mids)
    assert n_complete > 0 and n_incomplete > 0


def test_float_games_match_nashpy():
    # nashpy's support enumeration on uniform random games (nondegenerate w.p. 1).
    import nashpy

    rng = np.random.default_rng(5)
    for _ in range(25):
        m, n = (int(v) for v in rng.integers(2, 5, size=2))
        A, B = rng.random((m, n)), rng.random((m, n))
        sol = solve(gt.NormalFormGame.from_arrays(A, B))
        assert sol.complete
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref = list(nashpy.Game(A, B).support_enumeration())
        assert len(ref) == len(sol)
        for x, y in ref:
            assert any(np.allclose(eq.strategies[0], x, atol=1e-8)
                       and np.allclose(eq.strategies[1], y, atol=1e-8) for eq in sol)


def test_larger_float_game_against_pygambit():
    # One 7 x 7 game: every batched size class is exercised; compare with pygambit.
    rng = np.random.default_rng(9)
    A, B = rng.integers(-10 ** 4, 10 ** 4, (7, 7)), rng.integers(-10 ** 4, 10 ** 4, (7, 7))
    g = gt.NormalFormGame.from_arrays(A, B)
    sol = solve(g)
    ref = oracles.gambit_extreme_equilibria(A, B)
    assert sol.complete and len(sol) == len(ref)
    exact = solve(g, exact=True)
    assert oracles.solution_key_set(exact) == ref


def test_chunked_batches_agree(monkeypatch):
    # Tiny chunks split every size class across many stacks; the result must not change.
    rng = np.random.default_rng(0)
    A, B = rng.integers(-100, 100, (6, 6)), rng.integers(-100, 100, (6, 6))
    g = gt.NormalFormGame.from_arrays(A, B)
    whole = solve(g, exact=True)
    assert len(whole) == 7
    monkeypatch.setattr(batch, "CHUNK", 7)
    assert profiles(solve(g, exact=True)) == profiles(whole)
    assert whole.complete


# ------------------------------------------------------------------ properties
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2 ** 32 - 1))
def test_property_every_profile_is_an_equilibrium(m, n, seed):
    rng = np.random.default_rng(seed)
    A, B = rng.integers(-2, 3, (m, n)), rng.integers(-2, 3, (m, n))
    g = gt.NormalFormGame.from_arrays(A, B)
    sol, _ = solve_quiet(g)
    assert len(sol) >= 1                                   # Nash (1951): one exists
    tol = 1e-9 * max(1, np.abs(A).max(), np.abs(B).max())
    assert all(gt.max_regret(g, eq) <= tol for eq in sol)


# ------------------------------------------------ exact decisions near ties (issue 11)
def _near_tie_pair(m, n, low, high, e, seed):
    """Integer payoffs in [low, high] (degenerate when the range is small) plus
    multiples -1, 0, 1 of a tiny exact e."""
    rng = np.random.default_rng(seed)
    A, B = (rng.integers(low, high + 1, (m, n)).astype(object)
            + rng.integers(-1, 2, (m, n)) * e for _ in range(2))
    return gt.NormalFormGame.from_arrays(A, B)


def assert_support_matches_vertex(g):
    """Exact support finds exactly the extreme equilibria of exact vertex enumeration
    when they are finitely many, and says complete=False exactly when vertex finds a
    continuum (then what it reports are extreme equilibria); regret exactly 0."""
    sol, _ = solve_quiet(g, exact=True, time_limit=None)
    ref = gt.solve(g, method="vertex", exact=True)
    assert ref.complete
    assert all(gt.max_regret(g, eq) == 0 for eq in sol)
    finite = all(c.is_isolated for c in ref.components)
    assert sol.complete == finite, (sol.notes, ref.components)
    keys, ref_keys = {eq.key() for eq in sol}, {eq.key() for eq in ref}
    assert keys == ref_keys if finite else keys <= ref_keys


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([3, 4]), st.sampled_from([3, 4]),
       st.sampled_from([(0, 2), (-1, 1), (-5, 5)]),
       st.sampled_from([F(1, 10**9), F(1, 10**12)]), st.integers(0, 2 ** 32 - 1))
def test_property_exact_support_equals_exact_vertex_near_ties(m, n, span, e, seed):
    assert_support_matches_vertex(_near_tie_pair(m, n, *span, e, seed))


def test_exact_decisions_near_ties_known_cases():
    """Seeds that the old float decisions got wrong (4x4, e = 1/10**9, payoffs in
    {0, 1, 2}): the LP for the missed support set has optimum about 1e-9, below the
    float threshold 1e-7."""
    for seed in range(30):
        assert_support_matches_vertex(_near_tie_pair(4, 4, 0, 2, F(1, 10**9), seed))


def test_exact_square_system_of_near_tied_rows():
    """A 4x4 game (payoffs in {0, 1}, e = 1/10**12) whose equilibrium with supports
    ({a1, a4}, {b1, b4}) has player 2 mix (1/2, 1/2): player 1's rows a1, a4 differ by
    2e on {b1, b4}, a system rounding blurs by 1e-4 relatively, so the float screen
    rejected the point (a best-response slack of 2e-5); it is now decided exactly, and
    the continuum through it ({a1, a2, a4} against {b1, b4}) is reported."""
    g = _near_tie_pair(4, 4, 0, 1, F(1, 10**12), 3)
    e = F(1, 10**12)
    x = (1 - e / (1 + 2 * e), 0, 0, e / (1 + 2 * e))
    assert (x, (F(1, 2), 0, 0, F(1, 2))) in profiles(solve_quiet(g, exact=True)[0])
    assert_support_matches_vertex(g)


def test_exact_dominance_filter_sees_differences_below_float_resolution():
    """1 + 1/10**20 is the float 1, so in floats b2 dominates b1; exactly it does not,
    and the only equilibrium has player 1 play a2 with probability t/(1 + t)."""
    t = F(1, 10**20)
    g = gt.NormalFormGame.from_arrays([[0, 1], [1, 0]], [[1 + t, 1], [0, 1]])
    sol = solve(g, exact=True)
    assert sol.complete and profiles(sol) == [((1 / (1 + t), t / (1 + t)), (F(1, 2), F(1, 2)))]
    assert_support_matches_vertex(g)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4), st.integers(1, 5), st.integers(0, 2 ** 32 - 1))
def test_property_exact_simplex_agrees_with_highs(m, n, seed):
    """The exact simplex (used by exact support) against scipy's HiGHS on random small
    LPs: the same status, the same optimal value, and an exactly feasible vertex. A row
    of ones keeps the feasible set bounded; some problems are infeasible."""
    from scipy.optimize import linprog

    from gametheory.solvers._exact_lp import OPTIMAL, simplex

    rng = np.random.default_rng(seed)
    A = np.vstack([rng.integers(-2, 3, (m, n)), np.ones((1, n), dtype=int)])
    b = np.r_[rng.integers(-2, 3, m), 1]
    c = rng.integers(-3, 4, n)
    status, x, value = simplex(c.tolist(), A.tolist(), b.tolist())
    ref = linprog(-c, A_eq=A, b_eq=b, bounds=[(0, None)] * n, method="highs")
    assert (status == OPTIMAL) == (ref.status == 0)
    if status == OPTIMAL:
        assert abs(float(value) + ref.fun) < 1e-9
        assert all(v >= 0 for v in x) and sum(x[j] * c[j] for j in range(n)) == value
        assert all(sum(A[i, j] * x[j] for j in range(n)) == b[i] for i in range(m + 1))
