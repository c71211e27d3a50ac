"""ukraine_multi_guarantor: solver against the analytic solution of the module docstring
(deterrence iff the expected honoured capability exceeds Russia's value), critical values
in one commitment, and the 2-D sweep of two commitments."""

import itertools
from fractions import Fraction as F

import pytest

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import ukraine_multi_guarantor as m


def analytic(guarantors=tuple(m.GUARANTORS), **values):
    """{(track, escalates on NEUTRAL per type)} of all pure SPE, Ukraine's payoff, h_g;
    every c_g must differ from rho."""
    params = m.parameters(guarantors)
    p = {k: F(v[0]) for k, v in params.items()}
    p.update({k: F(v) for k, v in values.items()})
    prior = {"revisionist": p["r"], "security": 1 - p["r"]}
    V = {"revisionist": p["V_rev"], "security": p["V_sec"]}
    assert all(p[f"c_{g}"] != p["rho"] for g in guarantors)
    h = {g: p[f"q_{g}"] + (1 - p[f"q_{g}"]) * (p[f"c_{g}"] < p["rho"]) for g in guarantors}
    S = sum(h[g] * p[f"kappa_{g}"] for g in guarantors)

    def both_if_tie(x):
        return [1] if x > 0 else [0] if x < 0 else [1, 0]

    nato = sum(prior[t] * (-(p["w_B"] - p["q_N"] * (p["w_B"] - p["w_H"]))
                           if (1 - p["q_N"]) * V[t] - p["q_N"] * p["C_R"] > -p["L"]
                           else p["u_N"]) for t in m.TYPES)
    out = set()
    for esc in itertools.product(*[both_if_tie(V[t] - S) for t in m.TYPES]):
        neutral = sum(prior[t] * (-p["w_B"] + S if e else p["u_0"])
                      for t, e in zip(m.TYPES, esc))
        for choice in both_if_tie(nato - neutral):
            out.add(("NATO" if choice else "NEUTRAL", esc, max(nato, neutral)))
    return out, h


def solved(out):
    return {(e["ukraine_track"], tuple(int(e["escalates"][(t, "NEUTRAL")]) for t in m.TYPES),
             e["payoffs"]["Ukraine"]) for e in out["equilibria"]}


GRID = list(itertools.product([F(0), F(1, 6), F(5, 6), F(1)],                # q_US
                              [F(0), F(1, 4), F(1)],                        # q_EU
                              [F(1, 2), F(1)],                              # r
                              [dict(), dict(rho=4), dict(c_US=1, rho=F(1, 2))]))


@pytest.mark.parametrize("q_US, q_EU, r, costs", GRID)
def test_solver_matches_analytic_solution(q_US, q_EU, r, costs):
    values = dict(q_US=q_US, q_EU=q_EU, r=r, **costs)
    out = m.analyze(**values)
    expected, h = analytic(**values)
    assert out["complete"] and solved(out) == expected
    assert all(e["honour_probability"] == h for e in out["equilibria"])


@pytest.mark.parametrize("values", [dict(q_A="1/3", q_B="1/3"), dict(kappa_A=5, V_sec=0),
                                    dict(q_A=1, q_B=0, kappa_A=1, kappa_B=3)])
def test_other_guarantors(values):
    out = m.analyze(["A", "B"], **values)
    expected, h = analytic(("A", "B"), **values)
    assert solved(out) == expected and out["honour_probability"] == h
    assert out["num_equilibria"] == len(out["equilibria"])


def test_tree_shape_and_parameters():
    g = m.build()
    assert g.players == ("Ukraine", "Russia", "US", "Canada", "Japan", "EU")
    assert g.num_nodes == 339 and g.kind == "symbolic"
    assert {p.name for p in g.parameters} == set(m.PARAMETERS)
    assert g.parameter_info["kappa_US"].default == 3
    assert len(g.arrays.terminals) == 2 * (1 + 2) + 2 * (1 + 3 ** 4)
    # one guarantor: the canonical tree (31 nodes) without the alliance's two decisions
    assert m.build(["UK"], q_UK="1/2").num_nodes == 31 - 2 * 2


@pytest.mark.parametrize("call, message", [
    (lambda: m.parameters(["US", "US"]), "distinct"),
    (lambda: m.parameters(["U S"]), "letters and digits"),
    (lambda: m.build(q_US=2), "outside its domain"),
    (lambda: m.analyze(q_XX=0), "unknown parameter 'q_XX'"),
    (lambda: m.analyze(c_EU=1, rho=1), "too many equilibria"),
    (lambda: m.analyze(q_US="sqrt(2)/2"), "not a rational number"),
    (lambda: m.outcome_map("US", "UK"), "not a guarantor")])
def test_errors(call, message):
    with pytest.raises(GameError, match=message):
        call()


def test_indifferent_first_guarantor_reports_every_equilibrium():
    out = m.analyze(c_US=1, rho=1)              # the US is indifferent at its two nodes
    assert out["tie"] and out["num_equilibria"] == 4
    honour = sorted(e["honour_probability"]["US"] for e in out["equilibria"])
    assert honour == [F(1, 2), F(3, 4), F(3, 4), F(1)]   # (abandon|honour) per Russian type


def test_critical_values_in_one_commitment():
    # S = 3 q_US + 2 q_EU + 1/2: revisionist deterred above 5/6 (q_EU = 1/2); with q_EU = 0
    # the security type is deterred above 1/6, where Ukraine also switches to neutrality
    assert [c.value for c in gt.critical_values(m.build(), "q_US")] == [F(5, 6)]
    assert [c.value for c in gt.critical_values(m.build(q_EU=0), "q_US")] == [F(1, 6)]


def test_outcome_map_regions_follow_the_deterrence_lines():
    out = m.outcome_map("US", "EU", n=21)
    assert out["sweep"].shape == (21, 21)
    for i, j in itertools.product(range(21), range(21)):
        s = F(3 * i + 2 * j, 20) + F(1, 2)             # expected honoured capability
        want = ("tie" if s in (1, 4) else "NATO" if s < 1 else
                "NEUTRAL, revisionist escalates" if s < 4 else "NEUTRAL, deterred")
        assert out["outcome"][i][j] == want
    assert out["counts"] == {"NATO": 12, "tie": 8, "NEUTRAL, revisionist escalates": 336,
                             "NEUTRAL, deterred": 85}
