"""Exact critical values and closed-form equilibria (gt.critical_values, gt.equilibrium_formulas).

Known thresholds are derived by hand in textbook models (sources cited per test); the
general cases are checked against exact solves at points around each value, against the
bisection-refined regions of gt.sweep, and the formulas against gt.solve at random points.
"""

from __future__ import annotations

import random
import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.sensitivity.critical import structure_key


def hawk_dove():
    """Hawk-Dove with prize V and cost of fighting C (Maynard Smith 1982, Evolution and
    the Theory of Games, ch. 2): a mixed ESS playing Hawk with probability V/C when C > V."""
    V, C = gt.parameters("V C")
    return gt.NormalFormGame.from_arrays(
        [[(V - C) / 2, V], [0, V / 2]], [[(V - C) / 2, 0], [V, V / 2]],
        strategies=[["Hawk", "Dove"], ["Hawk", "Dove"]])


def inspection():
    """The basic inspection game (cf. Avenhaus, von Stengel & Zamir 2002, Inspection games,
    Handbook of Game Theory 3, ch. 51, sec. 2). Inspectee: legal or violate; inspector:
    inspect (cost e) or not. Undetected violation: (1, -1); detected: (-b, -a); legal: (0, -e)
    or (0, 0). By hand: for b > 0 and a < 1 the unique equilibrium is mixed, the inspector
    inspecting with probability 1/(1 + b) and the inspectee violating with probability
    e/(e + 1 - a); for b < 0 violating dominates, for a > 1 not inspecting dominates."""
    a, b, e = gt.parameters("a b e")
    return gt.NormalFormGame.from_arrays(
        [[0, 0], [-b, 1]], [[-e, 0], [-a, -1]],
        players=["Inspectee", "Inspector"],
        strategies=[["legal", "violate"], ["inspect", "trust"]])


def entry(with_chance: bool = False):
    """Entry deterrence (Selten 1978, The chain store paradox, Theory and Decision 9): the
    entrant stays out (0, 2) or enters; the incumbent fights (-1, q) or accommodates (1, 1).
    By hand: the incumbent fights iff q > 1, so the SPE switches at q = 1. With chance the
    incumbent is tough (always fights) with probability p: entering pays 1 - 2p, so the
    entrant enters iff p < 1/2."""
    q, p = gt.parameters("q p")
    g = gt.ExtensiveFormGame(["Entrant", "Incumbent"])
    out, enter = g.root.decide("Entrant", ["out", "enter"])
    out.payoffs(0, 2)
    if with_chance:
        tough, weak = enter.chance({"tough": p, "weak": 1 - p})
        tough.payoffs(-1, 0)
        fight, acc = weak.decide("Incumbent", ["fight", "accommodate"])
    else:
        fight, acc = enter.decide("Incumbent", ["fight", "accommodate"])
    fight.payoffs(-1, q)
    acc.payoffs(1, 1)
    return g


def random_game(seed: int, m: int, n: int):
    rng = np.random.default_rng(seed)
    q = gt.parameters("q")
    A = rng.integers(-3, 4, (m, n)) + rng.integers(-2, 3, (m, n)) * q
    B = rng.integers(-3, 4, (m, n)) + rng.integers(-2, 3, (m, n)) * q
    return gt.NormalFormGame.from_arrays(A, B)


def random_tree(seed: int, size: int = 14):
    """A random perfect-information tree, payoffs a + b q, chance probabilities q/2."""
    rng = random.Random(seed)
    q = gt.parameters("q")
    g = gt.ExtensiveFormGame(["P1", "P2", "P3"])
    frontier, count = [(g.root, 0)], 1
    while frontier:
        node, depth = frontier.pop(0)
        if depth >= 4 or count > size or (depth and rng.random() < 0.25):
            node.payoffs(*(rng.randint(-3, 3) + rng.randint(-3, 3) * q for _ in range(3)))
            continue
        if depth and rng.random() < 0.2:
            kids = node.chance({"h": q / 2, "t": 1 - q / 2})
        else:
            kids = node.decide(rng.choice(["P1", "P2", "P3"]), ["L", "M", "R"][:rng.randint(2, 3)])
        count += len(kids)
        frontier += [(k, depth + 1) for k in kids]
    return g


def exact_solve(game, name, t):
    method = "spe" if hasattr(game, "arrays") else "vertex"
    return gt.solve(game.substitute(**{name: Fraction(t)}), method=method, exact=True)


# ------------------------------------------------------------------ textbook thresholds
def test_hawk_dove_threshold_is_v():
    g = hawk_dove()
    cv = gt.critical_values(g, "C", V=2)
    assert [c.value for c in cv] == [2]
    c = cv[0]
    assert isinstance(c.value, sympy.Rational) and float(c) == 2.0
    assert [eq.supports for eq in c.below] == [((0,), (0,))]          # Hawk dominates
    mixed = [eq for eq in c.above if eq.supports == ((0, 1), (0, 1))]
    assert len(c.above) == 3 and mixed[0].strategies[0][0] == Fraction(2) / c.above_at
    assert len(c.at) == 3 and not c.at.components[0].is_isolated    # a continuum at C = V
    assert c.below_at < 2 < c.above_at and "Hawk" in c.description


def test_hawk_dove_formulas_give_v_over_c():
    f = gt.equilibrium_formulas(hawk_dove(), V=2, C=3)
    V, C = sympy.symbols("V C", real=True)
    mixed = [e for e in f if e.strategies[0][1] != 0 and e.strategies[0][0] != 0][0]
    assert sympy.simplify(mixed.strategies[0][0] - V / C) == 0
    assert sympy.simplify(mixed.payoffs[0] - V * (C - V) / (2 * C)) == 0
    d_strat, d_pay = mixed.derivatives["C"]
    assert sympy.simplify(d_strat[0][0] + V / C**2) == 0
    assert sympy.simplify(d_pay[0] - V**2 / (2 * C**2)) == 0
    assert "Hawk = V/C" in str(f)


def test_inspection_thresholds():
    g = inspection()
    h = Fraction(1, 4)
    assert [c.value for c in gt.critical_values(g, "b", a=Fraction(1, 2), e=h)] == [0]
    assert [c.value for c in gt.critical_values(g, "a", b=1, e=h)] == [1]
    f = gt.equilibrium_formulas(g, a=Fraction(1, 2), b=(0, 10), e=h)
    a, b, e = sympy.symbols("a b e", real=True)
    (eq,) = f.equilibria
    assert sympy.simplify(eq.strategies[1][0] - 1 / (1 + b)) == 0       # P(inspect)
    assert sympy.simplify(eq.strategies[0][1] - e / (e + 1 - a)) == 0   # P(violate)
    assert f.region == ("b", 0, 10)


def test_entry_game_tree():
    cv = gt.critical_values(entry(), "q")
    assert [c.value for c in cv] == [1]
    assert "Incumbent: enter: accommodate -> fight" in cv[0].description
    path = {False: "enter", True: "out"}
    for sol, fights in ((cv[0].below, False), (cv[0].above, True)):
        (eq,) = sol.equilibria
        assert eq.behavior["Entrant: root"][path[fights]] == 1
    assert len(cv[0].at) == 2                         # both SPE at the tie q = 1


def test_entry_game_with_chance():
    g = entry(with_chance=True)
    cv = gt.critical_values(g, "p", q=0)             # a weak incumbent accommodates
    assert [c.value for c in cv] == [Fraction(1, 2)]
    f = gt.equilibrium_formulas(g, p=(0, Fraction(1, 2)), q=0)
    p = sympy.Symbol("p", real=True)
    assert sympy.expand(f[0].payoffs[0] - (1 - 2 * p)) == 0
    assert f[0].derivatives["p"][1][0] == -2


def test_guarantee_tree_with_imperfect_information():
    """The guarantee game of gametheory.games.extensive (Russia does not observe whether the
    guarantor honours). By hand: Russia escalates against neutrality iff
    q(-3) + (1 - q)2 > 0, i.e. q < 2/5; Ukraine prefers neutrality under escalation iff
    q(-1) + (1 - q)(-4) > -3, i.e. q > 1/3. Solved through the reduced normal form."""
    q = gt.parameters("q")
    g = gt.ExtensiveFormGame(["Ukraine", "Russia"])
    nato, neutral = g.root.decide("Ukraine", ["NATO", "neutral"])
    esc, acc = nato.decide("Russia", ["escalate", "accept"], infoset="Russia | NATO")
    esc.payoffs(-3, -1)
    acc.payoffs(2, -2)
    honour, abandon = neutral.chance({"honour": q, "abandon": 1 - q})
    for node, cost in ((honour, (-1, -3)), (abandon, (-4, 2))):
        esc, acc = node.decide("Russia", ["escalate", "accept"], infoset="Russia | neutral")
        esc.payoffs(*cost)
        acc.payoffs(1, 0)
    g.describe(gt.Parameter("q", domain=(0, 1)))
    cv = gt.critical_values(g, "q", method="support")
    assert [c.value for c in cv] == [Fraction(1, 3), Fraction(2, 5)]
    assert all(eq.strategies[0][0] == 1 for eq in cv[0].below)      # NATO below 1/3
    assert all(eq.strategies[0][1] == 1 for eq in cv[0].above)      # neutral above
    # by subgame perfection (the default for trees): the chance subgame after neutral is
    # Russia's decision, solved on its own; the same thresholds
    spe = gt.critical_values(g, "q")
    assert [c.value for c in spe] == [Fraction(1, 3), Fraction(2, 5)]
    assert all(eq.behavior["Ukraine: root"]["NATO"] == 1 for eq in spe[0].below)
    assert all(eq.behavior["Ukraine: root"]["neutral"] == 1 for eq in spe[0].above)
    f = gt.equilibrium_formulas(g, q=(Fraction(1, 3), Fraction(2, 5)))
    assert {str(e.payoffs[1]) for e in f} == {"2 - 5*q"}


def test_ukraine_guarantees_model():
    """The motivating model (gametheory.models.ukraine_guarantees) with an opportunistic
    guarantor that abandons (rho = 0 < c_G). By hand: a Russia of type t escalates against
    neutrality iff q(-C_R) + (1 - q)V_t > 0, i.e. q < V_t/(V_t + C_R): 1/7 for the
    security-seeking type (V_sec = 1, C_R = 6) and 2/5 for the revisionist (V_rev = 4)."""
    from gametheory.models import ukraine_guarantees as m

    values = {"r": Fraction(1, 2), "V_rev": 4, "V_sec": 1, "C_R": 6, "L": 3, "u_N": 10,
              "u_0": 6, "w_H": 4, "w_B": 10, "q_N": Fraction(37, 100), "c_G": 5, "rho": 0}
    g = m.build()
    cv = gt.critical_values(g, "q", **values)
    assert [c.value for c in cv] == [Fraction(1, 7), Fraction(2, 5)]
    assert "Russia | NEUTRAL, revisionist: escalate -> concede" in cv[1].description
    f = gt.equilibrium_formulas(g, q=(Fraction(1, 7), Fraction(2, 5)), **values)
    q, r, C_R, V_rev = sympy.symbols("q r C_R V_rev", real=True)
    assert sympy.expand(f[0].payoffs[1] + r * (C_R * q + V_rev * q - V_rev)) == 0


def test_algebraic_threshold():
    q = gt.parameters("q")
    g = gt.NormalFormGame.from_arrays([[2 * q**2, 0], [1, 1]], [[1, 0], [0, 1]])
    cv = gt.critical_values(g, "q", interval=(0, 2))
    assert len(cv) == 1 and sympy.simplify(cv[0].value - sympy.sqrt(2) / 2) == 0
    assert cv[0].at is None and "~ 0.7071067812" in str(cv[0])


def test_declared_default_and_domain():
    g = hawk_dove().describe(gt.Parameter("V", default=4),
                             gt.Parameter("C", domain=(0, 3)))
    assert gt.critical_values(g, "C") == []          # C = V = 4 lies outside [0, 3]
    g.describe(gt.Parameter("V", default=1))
    assert [c.value for c in gt.critical_values(g, "C")] == [1]


# ------------------------------------------------------------------ general cases
@pytest.mark.parametrize("seed,m,n", [(1, 2, 2), (4, 3, 3), (10, 0, 0), (12, 0, 0), (18, 0, 0)])
def test_critical_values_agree_with_solves_around_them(seed, m, n):
    g = random_game(seed, m, n) if m else random_tree(seed)
    lo, hi = (-4, 4) if m else (0, 2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")               # no missed change between candidates
        cv = gt.critical_values(g, "q", interval=(lo, hi))
    assert cv or m
    eps = Fraction(1, 10**6)
    for c in cv:
        t = Fraction(str(c.value.evalf(30)))
        left, right = exact_solve(g, "q", t - eps), exact_solve(g, "q", t + eps)
        if c.at is None or structure_key(c.below) != structure_key(c.above):
            assert structure_key(left) != structure_key(right)
        assert structure_key(left) == structure_key(c.below)
        assert structure_key(right) == structure_key(c.above)
    # between consecutive critical values the structure does not change
    cuts = [lo, *(float(c) for c in cv), hi]
    for a, b in zip(cuts[:-1], cuts[1:]):
        pts = np.linspace(a, b, 5)[1:-1]
        keys = {structure_key(exact_solve(g, "q", Fraction(x).limit_denominator(10**9)))
                for x in pts}
        assert len(keys) == 1, (a, b)


@pytest.mark.parametrize("seed", [15])
def test_critical_values_match_sweep_regions(seed):
    g = random_game(seed, 3, 3)
    cv = [c for c in gt.critical_values(g, "q", interval=(-2.98, 2.99))
          if structure_key(c.below) != structure_key(c.above)]
    # a grid that misses the (rational) thresholds, so no region is a single grid point
    sw = gt.sweep(g, {"q": np.linspace(-2.99, 2.99, 200) + 0.00123456})
    regions = sw.regions("q", exact=False)           # bisected, against the exact values
    bounds = [r.bounds[0][1] for r in regions[:-1] if not r.is_point]
    assert len(bounds) == len(cv)
    assert np.allclose(bounds, [float(c) for c in cv], atol=1e-9, rtol=0)


@pytest.mark.parametrize("seed,m,n", [(7, 2, 2), (8, 3, 3)])
def test_formulas_match_solved_equilibria(seed, m, n):
    g = random_game(seed, m, n)
    q = sympy.Symbol("q", real=True)
    cuts = [-3, *(c.value for c in gt.critical_values(g, "q", interval=(-3, 3))), 3]
    rng = random.Random(seed)
    for a, b in zip(cuts[:-1], cuts[1:]):
        lo, hi = Fraction(str(sympy.N(a, 30))), Fraction(str(sympy.N(b, 30)))
        f = gt.equilibrium_formulas(g, q=(lo + hi) / 2)      # a point inside the region
        t = lo + (hi - lo) * Fraction(rng.randint(1, 99), 100)   # another point there
        got = sorted(tuple(tuple(x) for x in e.evaluate(q=t)[0]) for e in f)
        want = sorted(tuple(tuple(sympy.Rational(str(x)) for x in s) for s in eq.strategies)
                      for eq in exact_solve(g, "q", t))
        assert got == want, (t, str(f))
        for e in f:
            for x, dx in zip(e.strategies[0], e.derivatives["q"][0][0]):
                assert sympy.simplify(sympy.diff(x, q) - dx) == 0


def test_point_formulas_and_printing():
    q = gt.parameters("q")
    g = gt.NormalFormGame.from_arrays([[1, 0], [0, 2 - 2 * q]], [[0, 1], [1, 0]])
    f = gt.equilibrium_formulas(g, {"q": "1/2"})
    assert f.point == {"q": sympy.Rational(1, 2)} and f.region is None
    x = f.strategies[0][1][0]
    assert sympy.simplify(x - (1 - q) / (sympy.Rational(3, 2) - q)) == 0
    assert "b1 = 2*(q - 1)/(2*q - 3)" in str(f) and "d/dq" in str(f)


# ------------------------------------------------------------------ errors
def test_errors():
    g = hawk_dove()
    with pytest.raises(gt.GameError, match="unknown parameter 'x'"):
        gt.critical_values(g, "x", V=2)
    with pytest.raises(gt.GameError, match="several free parameters.*fix V"):
        gt.critical_values(g, "C")
    with pytest.raises(gt.GameError, match="no parameters"):
        gt.critical_values(gt.NormalFormGame.from_arrays([[1]], [[1]]), "q")
    with pytest.raises(gt.GameError, match="no parameters"):
        gt.equilibrium_formulas(gt.NormalFormGame.from_arrays([[1]], [[1]]))
    with pytest.raises(gt.GameError, match="give a value .*V"):
        gt.equilibrium_formulas(g, C=3)
    with pytest.raises(gt.GameError, match="change inside .* at C = 2"):
        gt.equilibrium_formulas(g, V=2, C=(1, 3))
    with pytest.raises(gt.GameError, match="unknown parameter 'x'"):
        gt.equilibrium_formulas(g, V=2, C=3, x=1)
    with pytest.raises(gt.SolverError, match="unknown method"):
        gt.critical_values(g, "C", method="magic", V=2)
    with pytest.raises(gt.SolverError, match="tree"):
        gt.critical_values(g, "C", method="spe", V=2)
    with pytest.raises(gt.GameError, match="interval"):
        gt.critical_values(g, "C", interval=(3, 1), V=2)
    q = gt.parameters("q")
    three = gt.NormalFormGame(np.array([[[[q, 0], [0, 1]]] * 2] * 3, dtype=object))
    with pytest.raises(gt.SolverError, match="'vertex' does not apply.*3 players.*enumpoly"):
        gt.critical_values(three, "q", method="vertex")
    with pytest.raises(gt.SolverError, match="does not support exact"):
        gt.critical_values(three, "q", method="qre")


# ---------------------------------------------------------- interval validation (issue 11)
@pytest.mark.parametrize("interval, words", [
    ((0, float("nan")), "nan"), ((float("nan"), 1), "nan"), ((1, 0), "lo < hi"),
    ((0, 0), "lo < hi"), ((0, "x"), "not a number"), ((0, None), "not a number"),
    ((0, 1j), "not a real number"), ((0, sympy.nan), "not a real number"),
    (5, "pair"), ((0, 1, 2), "pair"), ("0,1", "pair")])
def test_interval_is_validated(interval, words):
    """critical_values(..., interval=(0, nan)) raised sympy's TypeError; every bad interval
    is now a one-line GameError saying what is wrong."""
    q = gt.parameters("q")
    g = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(gt.GameError, match=words):
        gt.critical_values(g, "q", interval=interval)


# ------------------------------------- binding constraint switching inside a support (issue 11)
def switching_game():
    """Degenerate 2x3 game: the extreme equilibrium with supports {a1, a2} x {b2} has x1 =
    3/5 (Player 2 indifferent between b1 and b2) for q < -1 and x1 = (q - 2)/(q - 4)
    (indifferent between b2 and b3) for q > -1; the supports never change, the binding
    best response does (derived by hand from B's columns: 2 x1 - x2 = 2 x2 and
    2 x1 + q x2 = 2 x2)."""
    q = gt.parameters("q")
    return gt.NormalFormGame.from_arrays([[0, -2, 2 - q], [-2, -2, 1]],
                                         [[2, 0, 2], [-1, 2, q]])


def test_switch_of_binding_best_response_is_a_critical_value():
    g = switching_game()
    cv = gt.critical_values(g, "q", interval=(-2, 1))
    assert [c.value for c in cv] == [-1]
    assert "best responses b1, b2 -> b2, b3" in str(cv[0])


def test_formulas_refuse_a_region_with_a_switch_and_hold_on_each_side():
    g = switching_game()
    with pytest.raises(gt.GameError, match="at q = -1"):
        gt.equilibrium_formulas(g, q=(-2, 1))
    left = gt.equilibrium_formulas(g, q=(-2, -1))
    right = gt.equilibrium_formulas(g, q=(-1, 1))
    mixed = [e.strategies[0] for e in left if e.strategies[0][1] not in (0, 1)]
    assert mixed == [(sympy.Rational(3, 5), sympy.Rational(2, 5))]
    mixed = [e.strategies[0] for e in right if e.strategies[0][1] not in (0, 1)]
    (q,) = mixed[0][0].free_symbols
    assert [sympy.simplify(m[0] - (q - 2) / (q - 4)) for m in mixed] == [0]


def test_a_formula_off_its_region_fails_the_check():
    """The reported wrong answer: (q - 2)/(q - 4) has regret 2/11 at q = -3/2; the region
    check of equilibrium_formulas catches it."""
    from gametheory.sensitivity.formulas import _check_region

    g = switching_game()
    right = gt.equilibrium_formulas(g, q=(-1, 1))
    (x, y), _ = [e for e in right if e.strategies[0][1] not in (0, 1)][0].evaluate(q="-3/2")
    at = g.substitute(q=Fraction(-3, 2))
    prof = [[Fraction(str(v)) for v in x], [Fraction(str(v)) for v in y]]
    assert gt.max_regret(at, prof) == Fraction(2, 11)
    with pytest.raises(gt.SolverError, match="missed"):
        _check_region(g, list(right.equilibria), dict(right.point), ("q", -2, -1))


_coef = st.integers(-1, 1)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=st.sampled_from([(2, 3), (3, 3)]), data=st.data())
def test_every_change_between_samples_has_a_critical_value(shape, data):
    """Random parametric games with small integer coefficients (often degenerate):
    every critical value is real and inside the interval, and wherever the exact
    equilibrium structure (supports, best responses, components) differs between two
    sampled points, a critical value lies between them (or at one of them)."""
    m, n = shape
    q = gt.parameters("q")
    cells = data.draw(st.lists(st.tuples(_coef, _coef), min_size=2 * m * n,
                               max_size=2 * m * n))
    A = [[cells[i * n + j][0] + cells[i * n + j][1] * q for j in range(n)] for i in range(m)]
    B = [[cells[m * n + i * n + j][0] + cells[m * n + i * n + j][1] * q for j in range(n)]
         for i in range(m)]
    if data.draw(st.booleans()):  # a constant column: Player 1 indifferent against it,
        j, c = data.draw(st.integers(0, n - 1)), data.draw(_coef)  # so a continuum whose
        for row in A:                                  # ends Player 2's best responses bind
            row[j] = c
    g = gt.NormalFormGame.from_arrays(A, B)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        try:
            cv = gt.critical_values(g, "q", interval=(-3, 3))
        except gt.GameError:   # no parameter left (every q coefficient drawn as 0)
            assume(False)
        values = [c.value for c in cv]
        assert all(v.is_real and -3 < v < 3 for v in values)
        pts = [Fraction(k, 2) + Fraction(1, 97) for k in range(-5, 6)]
        sols = [exact_solve(g, "q", t) for t in pts]
    for (s, a), (t, b) in zip(zip(pts, sols), zip(pts[1:], sols[1:])):
        if any(s <= v <= t for v in values):
            continue
        assert structure_key(a) == structure_key(b), (s, t, values)
        # no critical value between: the closed forms found at s are the equilibria at t
        try:
            forms = gt.equilibrium_formulas(g, q=s)
        except gt.GameError:   # an extreme equilibrium without a unique closed form
            continue
        at_t = {tuple(tuple(Fraction(str(v)) for v in x) for x in e.evaluate(q=t)[0])
                for e in forms}
        assert at_t == {tuple(tuple(x) for x in eq.strategies) for eq in b}, (s, t)


@pytest.mark.parametrize("where", ["q", 5, [("q", 1)]])
def test_formulas_where_must_be_a_mapping(where):
    q = gt.parameters("q")
    g = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(gt.GameError, match="where must be a mapping"):
        gt.equilibrium_formulas(g, where=where)
    with pytest.raises(gt.GameError, match="nan"):
        gt.equilibrium_formulas(g, q=float("nan"))
