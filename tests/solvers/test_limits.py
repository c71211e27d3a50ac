"""Long runs: time limits, progress bars, and exact answers near ties (issue 11)."""

from __future__ import annotations

import time
from fractions import Fraction

import numpy as np
import pytest

import gametheory as gt
from gametheory.solvers import solve

pytestmark = pytest.mark.filterwarnings("ignore::gametheory.errors.DegenerateGameWarning")


def _degenerate_12x12():
    rng = np.random.default_rng(0)
    return gt.NormalFormGame.from_arrays(rng.integers(0, 2, (12, 12)),
                                         rng.integers(0, 2, (12, 12)))


def test_support_honours_time_limit_on_a_degenerate_12x12_game():
    """Issue 11: support ran 117 s on a degenerate 12 x 12 game with no limit."""
    g = _degenerate_12x12()
    t0 = time.perf_counter()
    sol = solve(g, method="support", time_limit=2)
    assert time.perf_counter() - t0 < 15
    assert not sol.complete     # equal-size pairs are collected after all size classes
    assert any("stopped after time_limit=2 s" in n and "method='vertex'" in n
               for n in sol.notes)
    assert all(gt.max_regret(g, eq) <= 1e-9 for eq in sol)


def test_support_progress_bar(capsys):
    g = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert len(solve(g, method="support", progress=True)) == 3
    assert "support" in capsys.readouterr().err


@pytest.mark.parametrize("method", ["support", "lemke-howson", "enumpoly"])
def test_time_limit_must_be_positive(method):
    g = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    with pytest.raises(gt.SolverError, match="time_limit must be a positive number"):
        solve(g, method=method, time_limit=-1)


def _near_tie_game():
    """Integer payoffs in {0, 1, 2} perturbed by multiples of e = 1/10**9 (exact)."""
    e = Fraction(1, 10**9)
    rng = np.random.default_rng(17)
    A = rng.integers(0, 3, (4, 4)).astype(object)
    B = rng.integers(0, 3, (4, 4)).astype(object)
    A = A + rng.integers(-1, 2, (4, 4)) * e
    B = B + rng.integers(-1, 2, (4, 4)) * e
    return gt.NormalFormGame.from_arrays(A, B)


def test_exact_support_decides_near_ties_exactly():
    """Issue 11: exact support claimed complete=True on a 4x4 game with near-ties of
    1e-9 and found 6 of the 8 extreme equilibria that vertex enumeration finds: its float
    LPs could not see a probability of 1/(10**9 + 1). Decided exactly, it finds all 8,
    and complete=False is now the truth (two components are continua), not a guard."""
    g = _near_tie_game()
    ref = solve(g, method="vertex", exact=True)
    assert ref.complete and len(ref) == 8
    assert sorted(c.is_isolated for c in ref.components) == [False] * 2 + [True] * 4
    sol = solve(g, method="support", exact=True)
    assert {eq.key() for eq in sol} == {eq.key() for eq in ref}
    assert not sol.complete and any("form continua" in n for n in sol.notes)
    assert not any("not guaranteed complete" in n for n in sol.notes)
    assert all(gt.max_regret(g, eq) == 0 for eq in sol)


def test_exact_support_still_complete_without_near_ties():
    g = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert solve(g, method="support", exact=True).complete


def _random_200():
    rng = np.random.default_rng(0)
    return gt.NormalFormGame.from_arrays(rng.random((200, 200)), rng.random((200, 200)))


def test_lemke_howson_on_200x200_returns_what_it_found_within_the_time_limit():
    """Issue 11: auto -> Lemke-Howson exceeded max_pivots on a random 200 x 200 game and
    the error suggested vertex or support, which both refuse that size. Paths now stop
    at the time limit and the other labels' equilibria are returned."""
    g = _random_200()
    t0 = time.perf_counter()
    try:
        sol = solve(g, method="lemke-howson", time_limit=3)
    except gt.SolverError as exc:   # a loaded machine may end no path within 3 s: then the
        text = str(exc)             # error must name only remedies that apply here
        assert time.perf_counter() - t0 < 20
        assert "found no equilibrium" in text and "method='vertex'" not in text \
            and "method='support'" not in text, text
        return
    assert time.perf_counter() - t0 < 20
    assert any("time_limit=3 s" in n for n in sol.notes) and not sol.complete
    assert all(gt.max_regret(g, eq) <= 1e-8 for eq in sol)


def test_auto_on_200x200_never_hangs():
    g = _random_200()
    t0 = time.perf_counter()
    sol = solve(g, time_limit=3)   # each method auto tries gets the time limit
    assert time.perf_counter() - t0 < 60
    assert sol.equilibria and all(gt.max_regret(g, eq) <= 1e-8 for eq in sol)


def test_lemke_howson_skips_a_path_over_max_pivots_and_keeps_the_others():
    from gametheory.models import catalog

    g = catalog.prisoners_dilemma()
    sol = solve(g, method="lemke-howson", max_pivots=2, exact=True)
    assert len(sol) == 1 and gt.max_regret(g, sol.equilibria[0]) == 0
    assert any("2 path(s) abandoned" in n and "max_pivots=2" in n for n in sol.notes)
    with pytest.raises(gt.SolverError, match="found no equilibrium.*max_pivots=1"):
        solve(g, method="lemke-howson", max_pivots=1, exact=True)


def test_qre_honours_time_limit():
    rng = np.random.default_rng(2)
    g = gt.NormalFormGame(rng.random((3, 6, 6, 6)))
    t0 = time.perf_counter()
    sol = solve(g, method="qre", time_limit=0.2)
    assert time.perf_counter() - t0 < 20
    assert sol.branch.reason in ("time_limit", "converged")


def test_pns_progress_bar(capsys):
    rng = np.random.default_rng(1)
    g = gt.NormalFormGame(rng.random((3, 3, 3, 3)))
    sol = solve(g, method="pns", progress=True)
    assert len(sol) == 1 and "pns" in capsys.readouterr().err


def test_exact_enumpoly_on_2x2x2x2_honours_time_limit():
    """Issue 11: exact enumpoly (chosen by auto) ran over 10 minutes on a 2x2x2x2
    integer game and ignored time_limit; the time went into the exact regret check."""
    rng = np.random.default_rng(0)
    g = gt.NormalFormGame(rng.integers(-5, 6, (4, 2, 2, 2, 2)))
    t0 = time.perf_counter()
    sol = solve(g, exact=True, time_limit=2)
    assert time.perf_counter() - t0 < 60       # one Groebner basis may overrun the limit
    assert sol.method == "enumpoly" and not sol.complete
    assert any("stopped after time_limit=2 s" in n for n in sol.notes)
    assert sol.equilibria and all(gt.max_regret(g, eq) == 0 for eq in sol)


def test_algebraic_regret_in_the_field_of_one_root():
    """The exact check of a profile in QQ(r), r a root of an irreducible cubic:
    x^3 - 3x + 1 has three real roots; the one in (0, 1) is a probability."""
    import sympy as sp

    from gametheory.solvers._algebraic import algebraic_regret

    x = sp.Symbol("x")
    r = next(sp.CRootOf(x**3 - 3 * x + 1, k) for k in range(3)
             if 0 < sp.CRootOf(x**3 - 3 * x + 1, k) < 1)
    g = gt.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[0, 1], [1, 0]])
    # not an equilibrium of matching pennies: regret positive
    assert algebraic_regret(g, ((r, 1 - r), (r, 1 - r)))[0] > 0
    regret, payoffs = algebraic_regret(g, ((Fraction(1, 2),) * 2, (r, 1 - r)))
    assert regret > 0   # player 1 strictly prefers a row against (r, 1 - r)
    # the equilibrium itself (sympy folds (r + 1) - r to 1, so this one is rational)
    half = ((r + 1) - r - sp.Rational(1, 2), sp.Rational(1, 2) + 0 * r)
    regret, payoffs = algebraic_regret(g, (half, half))
    assert regret == 0 and payoffs == (Fraction(1, 2), Fraction(1, 2))


def test_sequence_lcp_time_limit_is_checked_and_progress_shown(capsys):
    from gametheory.games.generators import random_tree

    t = random_tree(30, seed=1)
    with pytest.raises(gt.SolverError, match="time_limit must be a positive number"):
        solve(t, method="sequence-lcp", time_limit=0)
    sol = solve(t, method="sequence-lcp", time_limit=30, progress=True)
    assert max(t.behavior_regrets(sol.equilibria[0].behavior)) <= 1e-9


def test_enumpoly_on_3x3x3_stops_at_the_time_limit_and_names_faster_routes():
    """Issue 11: a 3x3x3 integer game ran silently for over 2 minutes."""
    rng = np.random.default_rng(0)
    g = gt.NormalFormGame(rng.integers(-5, 6, (3, 3, 3, 3)))
    t0 = time.perf_counter()
    sol = solve(g, method="enumpoly", exact=True, time_limit=1)
    assert time.perf_counter() - t0 < 30
    assert not sol.complete and all(gt.max_regret(g, eq) == 0 for eq in sol)
    assert any("not every support was tried" in n and "exact=False, method='pns'" in n
               for n in sol.notes)


def test_float_support_withdraws_completeness_on_borderline_lp_decisions():
    """In floats a near-tie cannot be decided: an LP whose optimum (a probability of
    about 1e-9) sits within rounding of its threshold withdraws complete=True and the
    note says how to decide exactly; exact=True has no such flag (its LPs are exact),
    and on integer games exact support agrees with exact vertex enumeration."""
    g = _near_tie_game()
    sol = solve(g, method="support")
    assert not sol.complete
    assert any("within rounding" in n and "exact=True" in n for n in sol.notes)
    gf = gt.NormalFormGame.from_arrays(*g.float_payoffs())
    assert any("within rounding" in n and "method='vertex'" in n
               for n in solve(gf, method="support").notes)
    assert not any("within rounding" in n for n in solve(g, method="support", exact=True).notes)
    for seed in range(10):
        rng = np.random.default_rng(seed)
        g = gt.NormalFormGame.from_arrays(rng.integers(0, 3, (4, 4)),
                                          rng.integers(0, 3, (4, 4)))
        sol = solve(g, method="support", exact=True)
        ref = solve(g, method="vertex", exact=True)
        finite = all(c.is_isolated for c in ref.components)
        assert sol.complete == finite
        assert ({eq.key() for eq in sol} == {eq.key() for eq in ref} if finite
                else {eq.key() for eq in sol} <= {eq.key() for eq in ref})
