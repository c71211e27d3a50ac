"""guarantor_coalition: the solver (spe with multi_method="enumpoly") against the closed
forms of the module docstring.

Known answers: the symmetric volunteer's dilemma (Diekmann 1985, J. Conflict Resolution
29(4)) has 2^n - 1 equilibria, the fully mixed one with defence probability
1 - r^(1/(n-1)) and somebody defending with 1 - r^(n/(n-1)), falling in n; the asymmetric
one (Diekmann 1993, IJGT 22) has Q_M = (prod_M r)^(1/(m-1)); a guarantor whose audience
cost exceeds its cost of fighting defends (dominance; Fearon 1994, APSR 88(3))."""

from fractions import Fraction as F

import numpy as np
import pytest
import sympy

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import guarantor_coalition as m

NAMES = ("US", "EU", "Canada", "Japan")


def profiles(out, names):
    """The solver's defence profiles, as tuples of floats."""
    return [tuple(float(e["defends"][g]) for g in names) for e in out["equilibria"]]


def same_profiles(found, expected, tol=1e-9):
    """The two lists of profiles are equal up to order and ``tol``."""
    left = sorted(found)
    right = sorted(tuple(float(x) for x in p) for p in expected)
    return len(left) == len(right) and all(
        np.allclose(a, b, atol=tol, rtol=0) for a, b in zip(left, right))


def costs_for(r, b=20, a=1, names=NAMES):
    """Parameter values giving guarantor g the ratio r_g = (c_g - a_g) / b."""
    out = {"b": b}
    for g, x in zip(names, r):
        out[f"c_{g}"], out[f"a_{g}"] = b * F(x) + a, a
    return out


# ---------------------------------------------------------------- volunteer's dilemma

@pytest.mark.parametrize("n, b, c, a", [
    (3, 4, 2, 1),          # r = 1/4: sqrt rational
    (4, 64, 2, 1),         # r = 1/64: square and cube roots rational
    (4, 729, 65, 1)])      # r = 64/729
def test_symmetric_volunteers_exact(n, b, c, a):
    out = m.analyze(n, b=b, c=c, a=a)
    r = F(c - a, b)
    assert out["exact"] and out["complete"]
    assert out["num_equilibria"] == 2 ** n - 1                  # Diekmann (1985)
    expected = m.volunteer_equilibria({f"G{i + 1}": r for i in range(n)})
    found = {tuple(e["defends"].values()) for e in out["equilibria"]}
    assert found == {tuple(p.values()) for p in expected}
    full = [e for e in out["equilibria"] if all(0 < x < 1 for x in e["defends"].values())]
    sym = m.symmetric_defence(n, b=b, c=c, a=a)
    assert len(full) == 1 and set(full[0]["defends"].values()) == {sym["p"]}
    assert full[0]["success"] == sym["anyone"] == 1 - (1 - sym["p"]) ** n
    assert (1 - sym["p"]) ** (n - 1) == r


@pytest.mark.parametrize("n, a", [(3, 0), (4, 1)])
def test_symmetric_volunteers_irrational_in_floats(n, a):
    out = m.analyze(n, a=a)
    names = [f"G{i + 1}" for i in range(n)]
    assert not out["exact"] and out["complete"]
    r = F(8 - a, 10)
    expected = m.volunteer_equilibria({g: r for g in names})
    assert same_profiles(profiles(out, names), [tuple(p.values()) for p in expected])
    sym = m.symmetric_defence(n, a=a)
    assert not sym["p"].is_Rational                                # irrational
    assert float(sym["p"]) == pytest.approx(1 - float(r) ** (1 / (n - 1)), abs=1e-12)


def test_asymmetric_volunteers():
    # unnamed guarantors default to kappa = 1/2 = T: any one suffices
    names = ("A", "B", "C")
    for r in [(F(1, 4), F(1, 2), F(3, 4)), (F(1, 10), F(4, 5), F(9, 10)),
              (F(2, 5), F(2, 5), F(3, 5)),
              (F(1, 2), F(1, 2), F(1, 4))]:    # knife-edge: Q_{A,B} = 1/4 = r_C
        out = m.analyze(names, **costs_for(r, names=names))
        expected = m.volunteer_equilibria(dict(zip(names, r)))
        assert same_profiles(profiles(out, names), [tuple(p.values()) for p in expected])
        for e in expected:           # Q_M = (prod_M r)^(1/(m-1)) for the mixers M
            M = [g for g in names if 0 < e[g] < 1]
            if M:
                Q = sympy.Mul(*(1 - sympy.nsimplify(e[g]) for g in M))
                prod = sympy.Mul(*(r[names.index(g)] for g in M))
                assert abs(float(Q ** (len(M) - 1) - prod)) < 1e-12


def test_asymmetric_volunteers_drop_a_mix_where_an_outsider_would_join():
    # r = (1/10, 4/5, 9/10): Q_{B,C} = r_B r_C = 18/25 > r_A = 1/10, so A would join
    eqs = m.volunteer_equilibria({"A": F(1, 10), "B": F(4, 5), "C": F(9, 10)})
    assert not any(e["A"] == 0 and 0 < e["B"] < 1 and 0 < e["C"] < 1 for e in eqs)
    assert len(eqs) == 3 + 2         # three volunteers, the pairs {A, B}, {A, C}, no triple


def test_two_of_three_threshold_game():
    """Equal capabilities 1/4 against T = 1/2: any two suffice. Palfrey & Rosenthal
    (1984): two symmetric mixed equilibria, 2 p (1 - p) = r, besides the empty
    coalition, the three pairs, and one sure defender with two mixers (p = 1 - r)."""
    names = ("A", "B", "C")
    r = F(1, 5)
    out = m.analyze(names, kappa={g: F(1, 4) for g in names}, **costs_for([r] * 3,
                                                                            names=names))
    root = (1 - 2 * r) ** 0.5
    expected = [(0, 0, 0), *[tuple(1 - (g == h) for g in names) for h in names],
                *[tuple(1 if g == h else 1 - r for g in names) for h in names],
                *[(p, p, p) for p in ((1 - root) / 2, (1 + root) / 2)]]
    assert out["complete"]
    assert same_profiles(profiles(out, names), expected)
    # the empty coalition is an equilibrium: Russia attacks, Ukraine goes NATO there
    empty = [e for e in out["equilibria"] if set(e["defends"].values()) == {0}]
    assert empty[0]["attacks"] == 1 and empty[0]["track"] == "NATO"


# ------------------------------------------------------------- the default four

# r = (r_US, r_EU, r_Canada, r_Japan); which of the module docstring's cases (c), (d)
# exist besides the two pure coalitions (found by searching a grid of r)
LEADER_POINTS = [
    # the defaults, (d) with all three mixing: test_default_leader_equilibrium_...
    ((F(3, 4), F(1, 2), F(1, 2), F(1, 5)), ("c", 2)),       # knife-edge: 1 - Y = r_US
    ((F(1, 4), F(19, 20), F(3, 20), F(9, 20)), ("d", 1)),
    ((F(13, 20), F(7, 20), F(1, 5), F(4, 5)), ("d", 2)),
    ((F(3, 4), F(9, 20), F(2, 5), F(19, 20)), ("c", 2)),
    ((F(17, 20), F(7, 20), F(1, 2), F(1, 2)), ("c", 3)),
]


@pytest.mark.parametrize("r, case", LEADER_POINTS)
def test_default_four_match_the_leader_closed_form(r, case):
    out = m.analyze(**costs_for(r))
    assert out["complete"]
    expected = m.leader_equilibria(r[0], dict(zip(NAMES[1:], r[1:])))
    assert same_profiles(profiles(out, NAMES), [tuple(p.values()) for p in expected])
    assert len(expected) == 3
    mixed = expected[2]
    kind = "c" if mixed["US"] == 0 else "d"
    assert (kind, sum(1 for g in NAMES[1:] if mixed[g] != 1)) == case
    pure = [tuple(p.values()) for p in expected[:2]]
    assert pure == [(1, 0, 0, 0), (0, 1, 1, 1)]         # the minimal winning coalitions


def test_default_leader_equilibrium_is_the_docstring_one():
    eqs = m.leader_equilibria(F(3, 5), {"EU": F(3, 10), "Canada": F(1, 5), "Japan": F(1, 5)})
    mixed = eqs[2]
    one_minus_x = 1 - sympy.nsimplify(mixed["US"])
    assert sympy.simplify(one_minus_x ** 3 - sympy.Rational(3, 40)) == 0
    Y = sympy.Mul(*(sympy.nsimplify(mixed[g]) for g in NAMES[1:]))
    assert sympy.simplify(Y - sympy.Rational(2, 5)) == 0
    assert float(mixed["US"]) == pytest.approx(0.578, abs=1e-3)
    assert float(mixed["EU"]) == pytest.approx(0.562, abs=1e-3)
    assert float(mixed["Canada"]) == float(mixed["Japan"]) == pytest.approx(0.843, abs=1e-3)
    out = m.analyze()
    assert same_profiles(profiles(out, NAMES), [tuple(p.values()) for p in eqs])
    assert [round(float(e["success"]), 3) for e in out["equilibria"]] == [0.747, 1.0, 1.0]
    assert all(e["deterred"] and e["track"] == "NEUTRAL" for e in out["equilibria"])
    # with every r in (0, 1) the pure equilibria are the minimal winning coalitions (not
    # the empty set: the US can defend alone)
    wins = m.winning()
    minimal = {D for D in wins if all(D - {g} not in wins for g in D)}
    assert sorted(map(sorted, minimal)) == [["Canada", "EU", "Japan"], ["US"]]
    pure = {frozenset(g for g, p in e["defends"].items() if p == 1)
            for e in out["equilibria"] if set(e["defends"].values()) <= {0, 1}}
    assert pure == minimal


def test_audience_cost_above_cost_makes_defending_dominant():
    out = m.analyze(a_US=9)                               # a_US > c_US = 8
    assert out["num_equilibria"] == 1 and out["exact"]
    assert out["defends"] == {"US": 1, "EU": 0, "Canada": 0, "Japan": 0}
    out = m.analyze(a_US=9, a_EU=6, a_Canada=4, a_Japan=4)   # every a_g > c_g
    assert out["num_equilibria"] == 1
    assert set(out["defends"].values()) == {1} and out["deterred"]
    # Canada bound to defend: a leader game of US against EU and Japan (with Canada)
    out = m.analyze(a_Canada=4)
    expected = [{**e, "Canada": 1} for e in m.leader_equilibria(
        F(3, 5), {"EU": F(3, 10), "Japan": F(1, 5)})]
    assert same_profiles(profiles(out, NAMES),
                         [tuple(e[g] for g in NAMES) for e in expected])
    for n in (2, 3):
        assert m.analyze(n, a=9)["defends"] == {f"G{i + 1}": 1 for i in range(n)}


def test_volunteer_dominance_and_abandonment():
    assert m.volunteer_equilibria({"A": F(-1), "B": F(1, 2), "C": F(3, 2)}) == \
        [{"A": 1, "B": 0, "C": 0}]
    assert m.volunteer_equilibria({"A": F(3, 2), "B": F(2)}) == [{"A": 0, "B": 0}]
    out = m.analyze(2, c=9, a=0, b=8)                      # r = 9/8 > 1: both abandon
    assert out["defends"] == {"G1": 0, "G2": 0} and out["attacks"] == 1
    assert out["track"] == "NATO"


# ------------------------------------------------------- Russia and Ukraine

@pytest.mark.parametrize("C_R, attacks", [(F(9, 10), [0, 1]), (1, None), (F(11, 10), [0])])
def test_russia_at_and_around_its_threshold(C_R, attacks):
    # two guarantors with r = 1/2: the mixed coalition succeeds w.p. 3/4; V = 3 makes
    # pi* = 3 / (3 + C_R) = 3/4 at C_R = 1 (a tie: Russia attacks or refrains)
    out = m.analyze(2, b=2, c=2, a=1, V=3, C_R=C_R)
    pi_star = m.deterrence_threshold(V=3, C_R=C_R)
    mixed = [e for e in out["equilibria"] if e["success"] == F(3, 4)]
    assert all(e["defends"] == {"G1": F(1, 2), "G2": F(1, 2)} for e in mixed)
    if attacks is None:                                    # the tie
        assert pi_star == F(3, 4)
        assert sorted(e["attacks"] for e in mixed) == [0, 1]
        assert not out["complete"] and "ties" in out["note"]
        assert out["tie"]
    else:
        assert [e["attacks"] for e in mixed] == [int(F(3, 4) < pi_star)]
        assert out["complete"]
    for e in out["equilibria"]:                           # Ukraine: neutral iff peace
        assert e["track"] == ("NATO" if e["attacks"] == 1 else "NEUTRAL")


def test_ukraine_stays_neutral_under_attack_when_nato_is_worse():
    # E_NATO = -w_N = -20, below any war on the neutral track (-10 + 6 pi >= -10)
    out = m.analyze(2, b=10, c=5, a=0, p_N=1, w_N=20)    # r = 1/2: pi = 3/4 > 2/5
    assert all(e["track"] == "NEUTRAL" for e in out["equilibria"])
    out = m.analyze(2, b=10, c=5, a=0, p_N=1, w_N=20, V=9, C_R=1)   # pi* = 9/10
    mixed = [e for e in out["equilibria"] if 0 < e["defends"]["G1"] < 1]
    assert mixed[0]["attacks"] == 1 and mixed[0]["track"] == "NEUTRAL"
    assert mixed[0]["payoffs"]["Ukraine"] == -10 + F(3, 4) * 6
    out = m.analyze(2, u_N=6, p_N=0, a=9)                 # E_NATO = u_0 = 6: a tie
    assert sorted(e["track"] for e in out["equilibria"]) == ["NATO", "NEUTRAL"]


# ------------------------------------------------------------- sensitivity

def test_free_riding_in_the_number_of_guarantors():
    rows = m.free_riding()
    assert [r["n"] for r in rows] == [2, 3, 4]
    for r in rows:
        sym = m.symmetric_defence(r["n"])
        assert r["p"] == pytest.approx(float(sym["p"]), abs=1e-9)
        assert r["success"] == pytest.approx(float(sym["anyone"]), abs=1e-9)
    assert rows[0]["p"] > rows[1]["p"] > rows[2]["p"]              # each defends less
    assert rows[0]["success"] > rows[1]["success"] > rows[2]["success"]   # and anyone
    # at a = 1: a*_2 < a*_3 < 1 < a*_4, so only four guarantors fail to deter
    cuts = [m.critical_audience_cost(n) for n in (2, 3, 4)]
    assert float(cuts[0]) < float(cuts[1]) < 1 < float(cuts[2])
    assert [r["track"] for r in rows] == ["NEUTRAL", "NEUTRAL", "NATO"]
    assert [r["attacks"] for r in rows] == [0, 0, 1]


def test_critical_values_in_the_audience_cost_two_guarantors():
    # the guarantors' piece is a 2-player game: exact critical values, one irrational
    cv = gt.critical_values(m.build(2), "a")
    assert [c.value for c in cv] == [m.critical_audience_cost(2), 8]
    assert m.critical_audience_cost(2) == 8 - 2 * sympy.sqrt(15)
    assert "Russia indifferent" in cv[0].description


def test_critical_values_miss_mixed_thresholds_of_three_guarantors_a_sweep_finds_them():
    # pieces of three or more players give critical_values pure-deviation candidates
    # only: the Russian thresholds of the mixed coalitions (a*_2, a*_3) are missing
    cv = gt.critical_values(m.build(3), "a")
    assert [c.value for c in cv] == [8]
    cut2, cut3 = float(m.critical_audience_cost(2)), float(m.critical_audience_cost(3))
    grid = [0, cut2 - 0.01, cut2 + 0.01, cut3 - 0.01, cut3 + 0.01, 2]
    rows = m.audience_sweep(3, grid)
    for a, row in zip(grid, rows):
        # the three pairs of mixers deter above a*_2, the three mixers above a*_3
        assert row["equilibria"] == 7
        assert row["attacked"] == 3 * (a < cut2) + (a < cut3)
        assert row["mixed_attacked"] == (a < cut3)
        assert row["mixed_success"] == pytest.approx(1 - ((8 - a) / 10) ** 1.5, abs=1e-9)
    with pytest.raises(GameError, match="do not give it"):
        m.audience_sweep(3, a=1)


def test_critical_audience_cost_formula():
    for n in (2, 3, 4):
        a = m.critical_audience_cost(n)
        r = (8 - a) / 10
        assert abs(float(r ** sympy.Rational(n, n - 1)) - 0.6) < 1e-12     # 1 - pi*
    assert m.critical_audience_cost(4, V=1, C_R=0) == 8


# --------------------------------------------------------------- the tree, errors

def test_build_structure_and_symbolic_parameters():
    g = m.build()
    assert g.num_nodes == 37 and g.players == ("Ukraine", "Russia", *NAMES)
    assert {p.name for p in g.parameters} == set(m.PARAMETERS)
    for name, (default, domain, meaning, latex) in m.PARAMETERS.items():
        info = g.parameter_info[name]
        assert (info.default, info.domain, info.description, info.latex) == \
            (default, domain, meaning, latex)
    for n in (1, 2, 5):
        assert m.build(n).num_nodes == 6 + 2 ** (n + 1) - 1
    assert set(m.parameters(3)) == set(m.SHARED) | {"c", "a"}
    assert {p.name for p in m.build(2, a=1).parameters} == set(m.SHARED) | {"c"}
    infosets = m.build(3).infosets
    assert {h for h in infosets} == {"Ukraine", "Russia", "G1", "G2", "G3"}


def test_winning_coalitions():
    assert len(m.winning()) == 9                    # 8 with the US and {EU, Canada, Japan}
    assert len(m.winning(3)) == 7                   # any nonempty set
    assert m.winning(["US", "EU"], kappa={"US": F(1, 4), "EU": F(1, 4)}) == \
        [frozenset({"US", "EU"})]


def test_bad_input():
    with pytest.raises(GameError, match="unknown parameter 'q'"):
        m.analyze(q=1)
    with pytest.raises(GameError, match="'p_N'"):
        m.build(p_N=2)
    with pytest.raises(GameError, match="at least 1"):
        m.build(0)
    with pytest.raises(GameError, match="distinct"):
        m.build(["US", "US"])
    with pytest.raises(GameError, match="taken"):
        m.build(["Russia"])
    with pytest.raises(GameError, match="not a guarantor"):
        m.build(kappa={"UK": 1})
    with pytest.raises(GameError, match="positive"):
        m.build(T=0)
    with pytest.raises(GameError, match="rational"):
        m.build(T="sqrt(2)")
    with pytest.raises(GameError, match="at most 4"):
        m.analyze(5)
    with pytest.raises(GameError, match="not a rational number"):
        m.analyze(2, a="sqrt(2)")
    with pytest.raises(GameError, match="0 or 1"):
        m.volunteer_equilibria({"A": 0, "B": F(1, 2)})
    with pytest.raises(GameError, match=r"\(0, 1\)"):
        m.leader_equilibria(F(3, 2), {"EU": F(1, 2), "Canada": F(1, 2)})
    with pytest.raises(GameError, match="free riding"):
        m.symmetric_defence(3, a=9)
    with pytest.raises(GameError, match="do not give it"):
        m.critical_audience_cost(3, a=1)


def test_without_audience_costs_the_us_stays_out_of_the_mixed_coalition():
    # r = (4/5, 1/2, 3/10, 3/10): case (c), Y = sqrt(r_EU r_Canada r_Japan) = sqrt(9/200)
    out = m.analyze(a_US=0, a_EU=0, a_Canada=0, a_Japan=0)
    weakest = out["equilibria"][0]
    assert weakest["defends"]["US"] == 0 and weakest["attacks"] == 1
    assert weakest["track"] == "NATO"
    assert weakest["success"] ** 2 == pytest.approx(9 / 200, abs=1e-12)
    expected = m.leader_equilibria(F(4, 5), {"EU": F(1, 2), "Canada": F(3, 10),
                                             "Japan": F(3, 10)})
    assert same_profiles(profiles(out, NAMES), [tuple(p.values()) for p in expected])


def test_an_indifferent_guarantor_gives_a_continuum_and_complete_false():
    out = m.analyze(a_US=0, c_US=10, a_EU=0, a_Canada=0, a_Japan=0)   # r_US = 1
    assert not out["complete"] and out["note"]
    with pytest.raises(GameError, match=r"\(0, 1\)"):
        m.leader_equilibria(1, {"EU": F(1, 2), "Canada": F(3, 10), "Japan": F(3, 10)})


def test_enumpoly_on_the_subgame_gives_the_irrational_closed_forms_exactly():
    """On the guarantors' normal form alone enumpoly returns exact algebraic numbers
    (the tree solver cannot carry them: analyze falls back to floats there)."""
    sol = gt.solve(m.subgame(3, b=10, c=8, a=1), method="enumpoly", exact=True)   # r = 7/10
    names = ("G1", "G2", "G3")
    expected = m.volunteer_equilibria({g: F(7, 10) for g in names})
    assert sol.complete and len(sol.equilibria) == len(expected) == 7
    found = [tuple(sympy.nsimplify(x[0]) for x in e.strategies) for e in sol.equilibria]
    for e in expected:
        want = tuple(sympy.nsimplify(e[g]) for g in names)
        assert sum(all(sympy.simplify(a - b) == 0 for a, b in zip(f, want))
                   for f in found) == 1
    assert any(not sympy.nsimplify(x).is_Rational for f in found for x in f)
    # the subgame's own critical value in a: defending dominant at a = c (the mixed
    # equilibria exist on all of 0 <= a < 8; Russia's thresholds are not in the subgame)
    assert [c.value for c in gt.critical_values(m.subgame(3), "a")] == [8]
    with pytest.raises(GameError, match="unknown parameter 'V'"):
        m.subgame(3, V=1)


def test_equilibrium_map_in_the_audience_cost_two_guarantors():
    # per_axis=40: with the default 9 (or 20) samples on (0, 10) no sample falls below
    # a*_2 ~ 0.254 and that region is merged into "a < 8" (see the report)
    em = gt.equilibrium_map(m.build(2), ["a"], per_axis=40)
    a = sympy.Symbol("a", real=True)
    conds = [r.condition for r in em.regions]
    boundary = sympy.Poly(a ** 2 - 16 * a + 4, a)        # ((8 - a)/10)^2 = 3/5
    roots = [x for x in sympy.real_roots(boundary) if 0 < x < 8]
    assert roots == [m.critical_audience_cost(2)]
    assert any(sympy.Poly(p.lhs - p.rhs, a) == boundary for c in conds
               for p in c.atoms(sympy.Eq) if p.free_symbols)
    counts = [len(r.equilibria) for r in em.regions]
    assert counts == [3, 4, 3, 3, 1]        # a*_2 < a < 8, a = a*_2, a < a*_2, a = 8, a > 8
    nato = [sum(e.behavior["Ukraine"]["NATO"] == 1 for e in r.equilibria)
            for r in em.regions]
    assert nato == [0, 1, 1, 0, 0]          # Russia attacks the mixed pair below a*_2
