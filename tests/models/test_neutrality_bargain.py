"""neutrality_bargain: the solver's subgame-perfect equilibria against the analytic
solution of the module docstring (the commitment problem of Fearon 1995 and Powell 2006:
war now iff Ukraine's requirement N = (1 + delta)(p1 - c_U) - delta a exceeds the whole
stake, a = Russia's offer tomorrow), on grids of exact parameter values, at the
thresholds and on both sides; gt.critical_values in g and p2 and gt.equilibrium_map in g
against critical_points and critical_g."""

import itertools
import math
from fractions import Fraction as F

import pytest
import sympy

import gametheory as gt
from gametheory.errors import GameError, SolverError
from gametheory.models import neutrality_bargain as m

DEFAULTS = {k: F(v[0]) for k, v in m.PARAMETERS.items()}


def analytic(grid, **values):
    """The SPE outcome by the docstring's derivation, off the knife-edges (1/m < c_U +
    c_R): ``(war now, offers on the path, (u_Russia, u_Ukraine))``."""
    v = {**DEFAULTS, **{k: F(x) for k, x in values.items()}}
    d = v["delta"]
    w = v["p2"] + v["g"] * (v["p1"] - v["p2"]) - v["c_U"]
    a = F(max(0, math.ceil(w * grid)), grid)
    need = (1 + d) * (v["p1"] - v["c_U"]) - d * a
    if need > 1:
        return True, None, ((1 + d) * (1 - v["p1"] - v["c_R"]), (1 + d) * (v["p1"] - v["c_U"]))
    x0 = F(max(0, math.ceil(need * grid)), grid)
    return False, [x0, a], (1 - x0 + d * (1 - a), x0 + d * a)


def solver(out):
    """The outcomes the solver found: {(war now, accepted offers, payoffs)}."""
    return {(o["war_period"] == 0, tuple(o["accepted"]),
             (o["payoffs"]["Russia"], o["payoffs"]["Ukraine"])) for o in out["outcomes"]}


def as_outcome(war, path, pays):
    return (war, () if war else tuple(path), pays)


def generic(grid, g, other):
    """``g``, or a point 1/97 inside [0, 1] from it where ``g`` is a knife-edge (ties
    there multiply the pure SPE; they are tested separately on small grids)."""
    if m.offers(grid, **other, g=g)["tie"]:
        g = g - F(1, 97) if g == 1 else g + F(1, 97)
    assert not m.offers(grid, **other, g=g)["tie"]
    return g


CONFIGS = [dict(), dict(p1=F(3, 5), p2=F(1, 10), c_U=F(3, 20)),
           dict(c_U=F(1, 20), c_R=F(1, 4), delta=2),
           dict(p1=F(7, 10), p2=F(1, 5), delta=F(3, 2), c_U=F(1, 8))]
POINTS = [(grid, generic(grid, g, other), other) for grid, g, other in itertools.product(
    [6, 7, 9], [F(0), F(1, 10), F(1, 5), F(3, 10), F(1, 2), F(3, 4), F(1)], CONFIGS)]


def later(grid, values):
    """Russia's offer tomorrow: the cheapest grid point at least Ukraine's war value."""
    v = {**DEFAULTS, **{k: F(x) for k, x in values.items()}}
    w = v["p2"] + v["g"] * (v["p1"] - v["p2"]) - v["c_U"]
    return F(max(0, math.ceil(w * grid)), grid)


@pytest.mark.parametrize("grid, g, other", POINTS)
def test_solver_matches_analytic_solution(grid, g, other):
    values = {**other, "g": g}
    closed = m.offers(grid, **values)
    out = m.analyze(grid, **values)
    war, path, pays = analytic(grid, **values)
    assert closed["war"] == war and closed["later"] == later(grid, values)
    assert solver(out) == {as_outcome(war, path, pays)}
    # war now: m + 1 pure SPE (the refused offer is free); peace: a unique SPE
    assert out["num_equilibria"] == (grid + 1 if war else 1)
    assert out["complete"] == (not war)
    if not war:
        assert out["offers"] == path == [closed["now"], closed["later"]]


TIES = [(3, F(1, 5), dict(p1=F(3, 5), p2=F(1, 10), c_U=F(1, 5), c_R=F(1, 5))),
        (3, F(13, 15), dict(p1=F(3, 5), p2=F(1, 10), c_U=F(1, 5), c_R=F(1, 5))),
        (4, F(5, 6), dict(c_U=F(1, 5), c_R=F(1, 10)))]


@pytest.mark.parametrize("grid, g, other", TIES)
def test_ties_include_the_accept_when_indifferent_outcome(grid, g, other):
    """At w = j/m the solver lists every pure SPE; the one where Ukraine accepts whenever
    indifferent gives the closed forms' outcome, and where it fights at j/m Russia offers
    (j + 1)/m tomorrow (seen after the offer 0 today)."""
    assert m.offers(grid, **other, g=g)["tie"]
    out = m.analyze(grid, **other, g=g)
    assert out["tie"] and out["complete"] is False and out["note"].startswith("ties at")
    assert as_outcome(*analytic(grid, **other, g=g)) in solver(out)
    a = later(grid, {**other, "g": g})
    tomorrow = {next(x for x, p in e["behavior"]["Russia 1 | 0"].items() if p == 1)
                for e in out["equilibria"]}
    assert tomorrow == {str(a), str(a + F(1, grid))}


def test_tie_where_the_requirement_is_a_grid_point():
    """N = 2 - 3a is on the grid of sixths when p1 - c_U = 1/2 (delta = 3): Ukraine is
    indifferent at x0 = N, and Russia offers N or N + 1/6 (two pure SPE)."""
    values = dict(p1=F(3, 5), p2=F(1, 10), g=F(3, 4))
    assert m.offers(**values)["requirement"] == F(1, 2) and m.offers(**values)["tie"]
    out = m.analyze(**values)
    assert sorted(e["offers"] for e in out["equilibria"]) == \
        [[F(1, 2), F(1, 2)], [F(2, 3), F(1, 2)]]
    assert out["complete"] is False


CASES = [(6, {}), (10, dict(c_U=F(3, 40))),
         (7, dict(p1=F(3, 5), p2=F(1, 10), c_U=F(3, 20))),
         (12, dict(c_U=F(1, 20), c_R=F(1, 4), delta=2)), (24, {})]


@pytest.mark.parametrize("grid, other", CASES)
def test_critical_guarantee_both_sides_and_at(grid, other):
    """War for g < g*_m, peace for g > g*_m, both at g*_m (Ukraine's tie tomorrow); the
    grid's g*_m lies within one step of the fine-grid limit, below it."""
    star = m.critical_g(grid, **other)
    limit = m.critical_g(None, **{**{k: DEFAULTS[k] for k in ("p1", "p2", "c_U", "delta")},
                                  **{k: x for k, x in other.items() if k != "c_R"}})
    v = {**DEFAULTS, **other}
    assert 0 < limit - star <= F(1, grid) / (v["p1"] - v["p2"])
    eps = F(1, 1000)
    assert m.analyze(grid, g=star - eps, **other)["outcomes"][0]["war_period"] == 0
    assert all(o["war_period"] is None for o in m.analyze(grid, g=star + eps, **other)["outcomes"])
    if grid <= 6:                        # at g*_m: 2**(m + 1)-fold ties, solve small grids
        periods = {o["war_period"] for o in m.analyze(grid, g=star, **other)["outcomes"]}
        assert periods == {0, None}


def test_integer_m_K_makes_Ukraine_indifferent_on_a_whole_step():
    """Defaults with m = 10: K = 1/5 is on the grid, g*_10 = 0 and N = 1 for g in
    (0, 1/3]: war and peace at x0 = 1 are both SPE outcomes (12 pure SPE)."""
    assert m.critical_g(10) == 0
    for g in (F(1, 10), F(1, 5), F(3, 10)):
        out = m.analyze(10, g=g)
        assert m.offers(10, g=g)["requirement"] == 1
        assert {o["war_period"] for o in out["outcomes"]} == {0, None}
        assert out["num_equilibria"] == 12
        peace = [o for o in out["outcomes"] if o["war_period"] is None]
        assert peace[0]["accepted"][0] == 1
    assert all(o["war_period"] is None for o in m.analyze(10, g="7/20")["outcomes"])


def test_critical_guarantee_outside_the_unit_interval_or_none():
    """g*_m < 0: peace even without a guarantee; K <= 0: never war (critical_g None)."""
    assert m.critical_g(p2="2/5") == F(-4, 3)
    assert m.analyze(g=0, p2="2/5")["war"] is False
    assert m.critical_g(p1="1/5", p2="1/10") is None          # K = (4/10 - 1)/3 < 0
    assert all(not m.analyze(g=g, p1="1/5", p2="1/10")["war"] for g in (0, F(1, 2)))


def test_defaults_as_in_the_docstring():
    out = m.analyze()
    assert (out["war_period"], out["num_equilibria"]) == (0, 7)
    assert out["payoffs"] == {"Russia": F(8, 5), "Ukraine": F(8, 5)}
    closed = m.offers()
    assert (closed["later"], closed["requirement"]) == (F(1, 6), F(11, 10))
    ranges = m.bargaining_ranges(**{k: DEFAULTS[k] for k in ("p1", "p2", "g", "c_U", "c_R")})
    assert ranges == {0: (F(2, 5), F(3, 5)), 1: (F(4, 25), F(9, 25))}
    for lo, hi in ranges.values():       # a bargaining range with grid points every period
        assert any(lo <= F(j, 6) <= hi for j in range(7))
    assert (m.critical_g(), m.critical_g(12)) == (F(2, 9), F(2, 9))
    assert m.critical_g(None, **{k: DEFAULTS[k] for k in ("p1", "p2", "c_U", "delta")}) \
        == F(1, 3)
    strong = m.analyze(g="1/2")
    assert strong["offers"] == [F(2, 3), F(1, 3)] and strong["num_equilibria"] == 1
    assert strong["payoffs"] == {"Russia": F(7, 3), "Ukraine": F(5, 3)}
    # peace saves (1 + delta)(c_U + c_R) = 4/5 of the stake, all of it kept by Russia
    assert sum(strong["payoffs"].values()) - sum(out["payoffs"].values()) == F(4, 5)


def test_tie_at_the_critical_guarantee_as_in_the_docstring():
    out = m.analyze(g="2/9")
    assert out["num_equilibria"] == 224 and out["complete"] is False
    counts = {(o["war_period"], tuple(o["accepted"])): o["count"] for o in out["outcomes"]}
    assert counts[(0, ())] == 112
    assert {k for k in counts if k[0] is None} == \
        {(None, (x, F(1, 3))) for x in (F(2, 3), F(5, 6), F(1))}


def test_fine_grid_condition_and_c_R_cancels():
    """Fine-grid limit: war iff delta (1 - g)(p1 - p2) > 1 - p1 + c_U (Fearon 1995;
    Powell 2006); c_R does not enter while 1/m < c_U + c_R."""
    p1, p2, c_U, delta = gt.parameters("p1 p2 c_U delta")
    star = m.critical_g(None)
    assert sympy.simplify(star - (1 - (1 - p1 + c_U) / (delta * (p1 - p2)))) == 0
    for c_R in (F(1, 10), F(1, 2), F(2)):
        for g in (F(1, 10), F(1, 2)):
            out, base = m.analyze(g=g, c_R=c_R), m.analyze(g=g)
            assert out["offers"] == base["offers"]
            assert out["payoffs"]["Ukraine"] == base["payoffs"]["Ukraine"]


def test_shift_in_power_threshold():
    """In p2 (g = 1/5): war iff p2 <= 5/24 on the grid of sixths; fine-grid p2 < 1/4."""
    assert m.critical_points(parameter="p2") == [F(5, 24), F(5, 12)]
    for p2, war in [(F(1, 5), True), (F(5, 24) + F(1, 1000), False), (F(6, 25), False),
                    (F(2, 5), False)]:
        assert (m.analyze(p2=p2)["war_period"] == 0) == war == m.offers(p2=p2)["war"]
    assert {o["war_period"] for o in m.analyze(p2=F(5, 24))["outcomes"]} == {0, None}


@pytest.mark.parametrize("grid, fixed", [(6, {}), (3, dict(p1=F(3, 5), p2=F(1, 10),
                                                           c_U=F(1, 5), c_R=F(1, 5)))])
def test_critical_values_in_g_equal_the_formulas(grid, fixed):
    game = m.build(grid, **fixed)
    cv = gt.critical_values(game, "g")
    assert [c.value for c in cv] == m.critical_points(grid, **fixed)
    assert m.critical_g(grid, **fixed) in [c.value for c in cv]


def test_critical_values_in_p2_equal_the_formulas():
    cv = gt.critical_values(m.build(), "p2", interval=(0, F(1, 2)))
    assert [c.value for c in cv] == m.critical_points(parameter="p2") == [F(5, 24), F(5, 12)]


def test_equilibrium_map_in_g():
    """m = 3 (a step of 1/3 < c_U + c_R = 2/5): regions g < 1/5 (war), g = 1/5 (both),
    1/5 < g < 13/15 and above (peace), the payoffs of each against the closed forms."""
    fixed = dict(p1=F(3, 5), p2=F(1, 10), c_U=F(1, 5), c_R=F(1, 5))
    assert m.critical_points(3, **fixed) == [F(1, 5), F(13, 15)]
    assert m.critical_g(3, **fixed) == F(1, 5)
    emap = gt.equilibrium_map(m.build(3, **fixed), ["g"])
    assert emap.complete
    assert [r.text for r in emap.regions] == \
        ["g < 1/5", "g = 1/5", "1/5 < g < 13/15", "g = 13/15", "g > 13/15"]
    for g in (F(1, 10), F(1, 2), F(9, 10)):
        region = emap.region_at(g=g)
        war, _, pays = analytic(3, **fixed, g=g)
        assert {tuple(sympy.nsimplify(x) for x in p) for p in region.payoffs} == \
            {tuple(sympy.Rational(x.numerator, x.denominator) for x in pays)}
        assert (m.analyze(3, **fixed, g=g)["war_period"] == 0) == war


def test_coarse_grid_indivisibility_war_without_a_shift():
    """1/m >= c_U + c_R: with no shift (g = 1) the bargaining range [11/20, 13/20] holds
    no half, and Russia prefers war to offering the whole stake (Fearon 1995's issue
    indivisibility); the closed forms refuse the case."""
    values = dict(p1=F(3, 5), p2=F(1, 5), g=1, c_U=F(1, 20), c_R=F(1, 20))
    out = m.analyze(2, **values)
    assert {o["war_period"] for o in out["outcomes"]} == {0}
    assert out["payoffs"]["Ukraine"] == (1 + 3) * (F(3, 5) - F(1, 20))
    with pytest.raises(GameError, match="1/m < c_U . c_R"):
        m.offers(2, **values)
    assert all(o["war_period"] is None for o in m.analyze(12, **values)["outcomes"])


def test_build_leaves_parameters_symbolic_with_metadata():
    g = m.build()
    assert {p.name for p in g.parameters} == set(m.PARAMETERS)
    for name, (default, domain, meaning, latex) in m.PARAMETERS.items():
        info = g.parameter_info[name]
        assert (info.default, info.domain, info.description, info.latex) == \
            (default, domain, meaning, latex)
    assert m.build(**DEFAULTS) == m.build().substitute(**DEFAULTS)
    for grid in (1, 2, 6):
        assert m.build(grid).num_nodes == 1 + 3 * (grid + 1) * (grid + 2)
    assert {p.name for p in m.build(g="1/4", p1=1).parameters} == \
        set(m.PARAMETERS) - {"g", "p1"}


def test_bad_input():
    with pytest.raises(GameError, match="unknown parameter 'q' of neutrality_bargain"):
        m.analyze(q=1)
    with pytest.raises(GameError, match="p2 .* > p1"):
        m.build(p1="1/5", p2="1/2")
    with pytest.raises(GameError, match="'g'"):
        m.build(g=2)
    with pytest.raises(GameError, match="m .the number of steps"):
        m.build(0)
    with pytest.raises(GameError, match="m .the number of steps"):
        m.analyze(m.MAX_M + 1)
    with pytest.raises(GameError, match="varies g"):
        m.critical_g(g="1/2")
    with pytest.raises(GameError, match="p2 < p1"):
        m.critical_g(p2="1/2")
    with pytest.raises(GameError, match="g or p2"):
        m.critical_points(parameter="delta")
    with pytest.raises(GameError, match="not a rational number"):
        m.analyze(g="sqrt(2)/2")
    with pytest.raises(GameError, match="does not depend on 'delta'"):
        m.bargaining_ranges(delta=2)
    with pytest.raises(SolverError):                  # ties multiply beyond the limit
        m.analyze(10, g="2/3", max_equilibria=100)
