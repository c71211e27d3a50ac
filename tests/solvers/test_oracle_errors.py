"""Where an oracle is wrong, pin it (issue 11, section 2).

Each test computes the truth independently (by hand and with our exact solvers, verified
by an exact regret of 0) and records pygambit's wrong answer, asserting that it is
wrong: when pygambit gets fixed the test fails, and the pin can become a cross-check.
Both errors were found in pygambit 16.7 and are still there in 17.0.0b2 (checked again
when the test extra moved to 17.0.0b2).
"""

from fractions import Fraction

import numpy as np
import pytest
import sympy

import gametheory as gt

gbt = pytest.importorskip("pygambit")

from oracles import gambit_nf_regret, gambit_strategies, gambit_table, to_pygambit  # noqa: E402


# ------------------------------------------------------------------ lp_solve on trees
def stop_or_go(stop, left, right):
    """Player 1 takes ``stop`` or lets player 2 choose between ``left`` and ``right``
    (player 1's payoffs; the game is zero-sum)."""
    g = gt.ExtensiveFormGame(["P1", "P2"])
    s, go = g.root.decide("P1", ["stop", "go"])
    s.payoffs(stop, -stop)
    lo, hi = go.decide("P2", ["l", "r"])
    lo.payoffs(left, -left)
    hi.payoffs(right, -right)
    return g


@pytest.mark.parametrize("stop, left, right", [(-3, -2, -3), (-1, 0, -1)])
def test_pygambit_lp_solve_is_wrong_on_a_one_level_zero_sum_tree(stop, left, right):
    # By hand (backward induction, von Neumann's minimax theorem for the zero-sum tree):
    # player 2 picks min(left, right) and player 1 max(stop, min(left, right)). Here both
    # choices of player 1 give the same negative value, -3 (the tree) or -1.
    value = max(stop, min(left, right))
    g = stop_or_go(stop, left, right)
    sol = gt.solve(g, method="sequence-lp", exact=True)
    assert sol.exact and sol.equilibria
    for eq in sol.equilibria:
        assert eq.payoffs[0] == Fraction(value) and gt.max_regret(g, eq) == 0
    assert gt.solve(g, method="spe", exact=True).equilibria[0].payoffs[0] == value

    # pygambit's lp_solve on the same tree (16.7 and 17.0.0b2 alike): player 1's behaviour
    # is all zeros (not a probability distribution) and the value 0, and the result still
    # says success. Its strategic-form LP is right. With a
    # positive value (stop=3, left=4, right=3) it is right too: the error needs a negative
    # value with player 1 indifferent. Related Gambit reports: gambitproject/gambit#654
    # (lp_solve and lcp_solve wrong on trees, closed after 16.4), #498 (payoff
    # normalisation by the smallest outcome in lp, lcp and enummixed), #134 (non-Nash
    # gambit-lp output on a tree); the sequence-form LP was rewritten in #1014.
    theirs, isets, _ = to_pygambit(g)
    result = gbt.nash.lp_solve(theirs, rational=True)
    assert result.success
    profile = result.equilibrium
    p1 = list(theirs.players)[0]
    assert Fraction(profile.payoffs[p1]) == 0 != value
    root = isets[g.arrays.infoset[0]]
    assert sum(Fraction(p) for _, p in profile[root.at]) == 0
    strategic = gbt.nash.lp_solve(theirs, rational=True, use_strategic=True)
    assert Fraction(strategic.equilibrium.payoffs[p1]) == value


# ------------------------------------------------------------------ enumpoly_solve
# Found by a search over random integer games (numpy default_rng, payoffs in -5..5):
# shape 2x2x2 seed 2 trial 3, and shape 2x3x2 seed 3 trial 59; written out here.
GAME_222 = [[[[1, 0], [3, 1]], [[0, 4], [-3, -1]]],
            [[[0, 4], [-1, 1]], [[-5, 4], [-1, 0]]],
            [[[-4, 2], [1, -2]], [[3, 0], [-5, -3]]]]
GAME_232 = [[[[3, -3], [-1, 0], [0, -4]], [[-4, 1], [2, -2], [3, 3]]],
            [[[2, 0], [5, 3], [0, -3]], [[2, 1], [-2, 4], [-1, -5]]],
            [[[0, 5], [-4, 1], [-5, 5]], [[2, -2], [1, 0], [-5, 2]]]]
r217, r1401 = sympy.sqrt(217), sympy.sqrt(1401)


def jacobian_at(payoffs, profile):
    """The determinant of the indifference system on the profile's support, at the profile.

    Each player's probabilities on its support are unknowns (one eliminated by summing to
    1); the equations say each player's support strategies earn the same. A nonzero
    determinant makes the profile an isolated solution (implicit function theorem).
    """
    U = np.array(payoffs, dtype=object)
    supports = [[j for j, p in enumerate(s) if p != 0] for s in profile]
    unknowns, mixed = [], []
    for i, sup in enumerate(supports):
        xs = sympy.symbols(f"x{i}_0:{len(sup) - 1}")
        unknowns += xs
        full = [0] * len(profile[i])
        for j, x in zip(sup[1:], xs, strict=True):
            full[j] = x
        full[sup[0]] = 1 - sum(xs)
        mixed.append(full)
    equations = []
    for i, sup in enumerate(supports):
        def earn(j, i=i):
            total = 0
            for cell in np.ndindex(U.shape[1:]):
                if cell[i] != j:
                    continue
                weight = 1
                for k, c in enumerate(cell):
                    weight *= 1 if k == i else mixed[k][c]
                total += U[(i, *cell)] * weight
            return total
        equations += [earn(j) - earn(sup[0]) for j in sup[1:]]
    at = {}
    for sup, probs, k in zip(supports, profile, range(len(profile)), strict=True):
        at.update({sympy.Symbol(f"x{k}_{m}"): probs[j] for m, j in enumerate(sup[1:])})
    return sympy.simplify(sympy.Matrix(equations).jacobian(unknowns).det().subs(at))


@pytest.mark.parametrize("payoffs, count, missed, found_by_pygambit", [
    # a generic 2x2x2 game whose only equilibrium is completely mixed and irrational:
    # pygambit returns no equilibrium at all (against Nash's theorem)
    (GAME_222, 1, ((sympy.Rational(17, 7) - r217 / 7, sympy.Rational(-10, 7) + r217 / 7),
                   (r217 / 63 + sympy.Rational(37, 63), sympy.Rational(26, 63) - r217 / 63),
                   (7 * r217 / 356 + sympy.Rational(113, 356),
                    sympy.Rational(243, 356) - 7 * r217 / 356)), 0),
    # 2x3x2 with three equilibria: pygambit finds the two rational ones only
    (GAME_232, 3, ((sympy.Rational(15, 196) + r1401 / 196, sympy.Rational(181, 196) - r1401 / 196),
                   (-sympy.Rational(11, 96) + r1401 / 96, sympy.Rational(107, 96) - r1401 / 96, 0),
                   (3 * r1401 / 1120 + sympy.Rational(543, 1120),
                    sympy.Rational(577, 1120) - 3 * r1401 / 1120)), 2),
])
def test_pygambit_enumpoly_misses_an_isolated_irrational_equilibrium(payoffs, count, missed,
                                                                    found_by_pygambit):
    g = gt.NormalFormGame(np.array(payoffs, dtype=object))
    sol = gt.solve(g, method="enumpoly", exact=True)
    assert sol.complete and len(sol.equilibria) == count
    for eq in sol.equilibria:
        assert gt.max_regret(g, eq) == 0          # exact, in algebraic numbers
    ours = [eq for eq in sol.equilibria
            if all(sympy.simplify(sympy.sympify(p) - sympy.sympify(m)) == 0
                   for s, ms in zip(eq.strategies, missed, strict=True)
                   for p, m in zip(s, ms, strict=True))]
    assert len(ours) == 1, [eq.strategies for eq in sol.equilibria]
    assert jacobian_at(payoffs, missed) != 0    # a simple root: an isolated equilibrium
    point = [[float(sympy.sympify(p)) for p in s] for s in ours[0].strategies]

    theirs = gambit_table(*[np.array(a) for a in payoffs])
    # pygambit's own regret confirms it is an equilibrium (up to float rounding) ...
    assert gambit_nf_regret(theirs, point) < 1e-12
    # ... but its enumpoly does not find it, in 16.7 and still in 17.0.0b2 (the 17.0 changelog
    # lists enumpoly fixes for singular Jacobians, #591, and conditioning, #1055). Gambit
    # reports of enumpoly missing totally mixed equilibria of 2x2x2 games (singular
    # Jacobian at the starting centroid, tolerances): gambitproject/gambit#474, #591.
    found = gbt.nash.enumpoly_solve(theirs).equilibria
    assert len(found) == found_by_pygambit
    for eq in found:
        got = gambit_strategies(eq)
        assert not all(np.allclose(a, b, atol=1e-6) for a, b in zip(got, point, strict=True))
