"""preventive_war: the solver's equilibria against the closed form of the module
docstring (the Declining state fights now iff s T (T - 1) / 2 > c_D; after Fearon 1995
and Powell 2006), on grids and random draws of exact values; the boundary c_D = 0, where
peace with every share kept is subgame perfect too iff c_R >= s floor(T**2 / 4) (the
issue's 14-SPE case counted by hand); gt.critical_values in c_D and s against
critical_points."""

import itertools
import random
from fractions import Fraction as F

import pytest

import gametheory as gt
from gametheory.errors import GameError, SolverError
from gametheory.models import preventive_war as m

DEFAULTS = {k: F(v[0]) for k, v in m.PARAMETERS.items()}


def expected(T, p, s, c_D, c_R):
    """{war period on the path: (u_Declining, u_Rising)} by the closed form; at c_D = 0
    < S peace with every share kept (payoffs (p T, (1 - p) T)) joins war now iff
    c_R >= s floor(T**2 / 4) (module docstring)."""
    S = s * T * (T - 1) / 2
    war = {0: (p * T - c_D, (1 - p) * T - c_R)}
    peace = {None: (p * T - S, (1 - p) * T + S)}
    if c_D == 0 < S:
        return {**war, None: (p * T, (1 - p) * T)} if c_R >= s * (T * T // 4) else war
    return war if S > c_D else peace if S < c_D else {**war, **peace}


def check(T, **values):
    v = {**DEFAULTS, **values}
    out = m.analyze(T, **values)
    # every pure SPE is listed; at a tie mixed SPE exist too, so complete only without ties
    assert out["complete"] == (not out["tie"]) and (out["note"] is None) == out["complete"]
    found = {e["war_period"]: (e["payoffs"]["Declining"], e["payoffs"]["Rising"])
             for e in out["equilibria"]}
    assert found == expected(T, v["p"], v["s"], v["c_D"], v["c_R"])
    kept = v["c_D"] == 0 < v["s"] * T * (T - 1)
    for e in out["equilibria"]:
        if e["war_period"] is None:           # peace: the share is cut every period
            assert e["shares"] == [v["p"] - (0 if kept else t * v["s"]) for t in range(T)]
            assert e["fights_now"] == 0
        else:
            assert e["fights_now"] == 1 and e["shares"] == []
    return out


GRID = list(itertools.product(
    [1, 2, 3, 4],                                           # T
    [F(1, 20), F(1, 10)],                                   # s
    [F(1, 40), F(1, 10), F(1, 5), F(3, 10), F(1, 2), 1],    # c_D
    [F(1, 40), F(1, 5), 2])) + [(5, F(1, 20), c_D, 2) for c_D in [F(1, 5), F(1, 2), 1]]


@pytest.mark.parametrize("T, s, c_D, c_R", GRID)
def test_solver_matches_closed_form(T, s, c_D, c_R):
    check(T, p=F(1, 2), s=s, c_D=c_D, c_R=c_R)


def test_solver_matches_closed_form_on_random_values():
    rng = random.Random(20061)
    for _ in range(40):
        T = rng.choice([2, 3, 4, 5, 6])
        s = F(rng.randint(1, 10), 100)
        p = F(rng.randint(int(100 * s * (T - 1)), 100), 100)
        c_D = F(rng.randint(1, 200), 100) * s * T + F(1, 997)   # off the ties
        check(T, p=p, s=s, c_D=c_D, c_R=F(rng.randint(0, 300), 100))


@pytest.mark.parametrize("T", [2, 3, 4, 5])
def test_tie_at_the_threshold(T):
    s = F(1, 10) if T < 5 else F(1, 20)
    out = check(T, s=s, c_D=m.war_threshold(T, s=s))
    assert out["tie"] and [e["war_period"] for e in out["equilibria"]] == [0, None]


def test_defaults_preventive_war():
    out = m.analyze()
    assert out["war_period"] == 0 and out["num_equilibria"] == 1
    assert out["payoffs"] == {"Declining": F(13, 10), "Rising": F(13, 10)}
    assert m.war_threshold() == 3 * gt.parameters("s")


@pytest.mark.parametrize("T", [2, 3, 4])
@pytest.mark.parametrize("values", [dict(DEFAULTS),
                                    dict(p=F(9, 10), s=F(1, 20), c_D=F(1, 7), c_R=3),
                                    dict(p=F(1, 5), s=F(1, 30), c_D=F(1, 100),
                                         c_R=F(1, 100))])
@pytest.mark.parametrize("parameter", ["c_D", "s"])
def test_critical_values_equal_the_formulas(T, values, parameter):
    fixed = {k: v for k, v in values.items() if k != parameter}
    cv = gt.critical_values(m.build(T, **fixed), parameter)
    assert [c.value for c in cv] == m.critical_points(T, parameter, **fixed)
    # only war_threshold moves the path: there the first move changes
    path_moves = [c.value for c in cv
                  if {e.behavior["Declining 0 | start"]["fight"] for e in c.below.equilibria}
                  != {e.behavior["Declining 0 | start"]["fight"] for e in c.above.equilibria}]
    if parameter == "c_D":
        assert path_moves == [m.war_threshold(T, s=fixed["s"])]
    else:
        star = 2 * fixed["c_D"] / (T * (T - 1)) if T > 1 else None
        assert path_moves == ([star] if star is not None and star < 1 else [])


def test_critical_values_five_periods():
    fixed = {k: v for k, v in DEFAULTS.items() if k != "c_D"}
    cv = gt.critical_values(m.build(5, **fixed), "c_D")
    assert [c.value for c in cv] == m.critical_points(5, **fixed) \
        == [F(1, 10), F(1, 5), F(3, 10), F(1, 2), F(3, 5), 1]


def test_tree_size_and_parameters():
    for T in range(1, 7):
        assert m.build(T).num_nodes == 3 * (2 ** T - 1)
    g = m.build(3)
    assert {p.name for p in g.parameters} == set(m.PARAMETERS) and g.has_perfect_recall
    for name, (default, domain, meaning) in m.PARAMETERS.items():
        info = g.parameter_info[name]
        assert (info.default, info.domain, info.description) == (default, domain, meaning)
    assert m.build(3, **DEFAULTS) == g.substitute(**DEFAULTS)
    cv = gt.critical_values(g, "c_D")                # the others at their defaults
    assert [c.value for c in cv] == [F(1, 10), F(3, 10)]


def test_bad_input():
    with pytest.raises(GameError, match="T .the number of periods."):
        m.build(0)
    with pytest.raises(GameError, match="would be negative"):
        m.build(3, p=F(1, 10), s=F(1, 10))
    with pytest.raises(GameError, match="unknown parameter 'q' of preventive_war"):
        m.analyze(q=1)
    with pytest.raises(GameError, match="c_D or s"):
        m.critical_points(3, "p")
    with pytest.raises(GameError, match="T and s only"):
        m.war_threshold(3, c_D=1)


def test_no_cost_of_war_issue_case():
    """analyze(3, p=1/10, s=3/100, c_D=0, c_R=1/2) has 14 pure SPE, 2 of them peaceful,
    against "fights now iff S > c_D" (S = 9/100 > 0). By hand: in period 2 the Declining
    state is indifferent after a cut in period 2 (histories KC, CC: 4/100 either way);
    with KC = fight the Rising state keeps at "Rising 2 | K" and the Declining state
    waits at "Declining 1 | K" (2/10 > 14/100); otherwise it is indifferent there, and
    at "Declining 1 | C" too when CC = fight. The 9 combinations of these ties and the
    Rising state's tied choices give 12 continuations; in the 2 where the Declining state
    expects 3/10 = p T from waiting (KC = fight, R keeps), period 0 is a tie as well: 12
    war-now SPE and 2 peaceful ones, shares 1/10 every period."""
    out = m.analyze(3, p=F(1, 10), s=F(3, 100), c_D=0, c_R=F(1, 2))
    assert out["num_equilibria"] == 14 and not out["complete"] and out["tie"]
    assert [(o["war_period"], o["count"], o["payoffs"]) for o in out["outcomes"]] == [
        (0, 12, {"Declining": F(3, 10), "Rising": F(11, 5)}),
        (None, 2, {"Declining": F(3, 10), "Rising": F(27, 10)})]
    peaceful = [e for e in out["equilibria"] if e["war_period"] is None]
    assert all(e["shares"] == [F(1, 10)] * 3 for e in peaceful)
    for e in peaceful:                        # the threat that makes keeping pay
        b = e["behavior"]
        assert b["Rising 1 | start"]["keep"] == b["Rising 2 | K"]["keep"] == 1
        assert b["Declining 2 | KC"]["fight"] == b["Declining 1 | C"]["fight"] == 1
    check(3, p=F(1, 10), s=F(3, 100), c_D=0, c_R=F(1, 2))


ZERO_COST = [(T, s, p, c_R) for T in (2, 3, 4) for s in (F(1, 20), F(3, 100))
             for p in (F(1, 2), F(9, 10))
             for c_R in (0, s * (T * T // 4) - F(1, 100), s * (T * T // 4),
                         s * (T * T // 4) + F(1, 100), 3)]


@pytest.mark.parametrize("T, s, p, c_R", ZERO_COST)
def test_no_cost_of_war_peace_iff_rising_cost_large(T, s, p, c_R):
    """c_D = 0: war now always, peace with every share kept iff c_R >= s floor(T**2/4)
    (on and next to the threshold)."""
    check(T, p=p, s=s, c_D=0, c_R=c_R)


@pytest.mark.parametrize("T, periods", [(1, [0, None]), (2, [0, 1, None]),
                                        (3, [0, 1, 2, None])])
def test_no_decline_no_cost_war_in_any_period(T, periods):
    """s = 0 and c_D = 0: fighting in period t gives p (T - t), as waiting does, at every
    node: war in any period, or peace, is an SPE outcome."""
    out = m.analyze(T, s=0, c_D=0)
    assert [o["war_period"] for o in out["outcomes"]] == periods
    assert all(o["payoffs"]["Declining"] == F(T, 2) for o in out["outcomes"])


def test_max_equilibria_is_passed_on():
    with pytest.raises(SolverError, match="max_equilibria=100"):
        m.analyze(4, s=F(1, 20), c_D=0, c_R=F(1, 20), max_equilibria=100)
