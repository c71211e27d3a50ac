"""ukraine_multi_guarantor: solver against the analytic solution of the module docstring
(deterrence iff the expected honoured share S of a full defence exceeds V / (V + C_R)),
the canonical model as the one-guarantor case, critical values in one commitment, and the
2-D sweep of two commitments."""

import itertools
from fractions import Fraction as F

import pytest

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import ukraine_guarantees as canonical
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

    assert p["c_N"] != p["rho_N"]
    h_N = p["q_N"] + (1 - p["q_N"]) * (p["c_N"] < p["rho_N"])
    nato = sum(prior[t] * (-(p["w_B"] - h_N * (p["w_B"] - p["w_H"]))
                           if (1 - h_N) * V[t] - h_N * p["C_R"] > -p["L"]
                           else p["u_N"]) for t in m.TYPES)
    out = set()
    for esc in itertools.product(*[both_if_tie(V[t] - S * (V[t] + p["C_R"]))
                                   for t in m.TYPES]):
        neutral = sum(prior[t] * (-p["w_B"] + S * (p["w_B"] - p["w_H"]) if e else p["u_0"])
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
                              [dict(), dict(rho=4), dict(c_US=1, rho=F(1, 2)),
                               dict(c_N=0, rho_N=1), dict(C_R=1, w_H=2, kappa_US=2)]))


@pytest.mark.parametrize("q_US, q_EU, r, costs", GRID)
def test_solver_matches_analytic_solution(q_US, q_EU, r, costs):
    values = dict(q_US=q_US, q_EU=q_EU, r=r, **costs)
    out = m.analyze(**values)
    expected, h = analytic(**values)
    assert solved(out) == expected
    assert out["complete"] == (out["num_equilibria"] == 1)
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
    assert g.players == ("Ukraine", "Russia", "Alliance", "US", "Canada", "Japan", "EU")
    assert g.num_nodes == 343 and g.kind == "symbolic"
    assert {p.name for p in g.parameters} == set(m.PARAMETERS)
    assert g.parameter_info["kappa_US"].default == F(3, 8)
    assert len(g.arrays.terminals) == 2 * (1 + 3) + 2 * (1 + 3 ** 4)
    # one guarantor: the canonical tree's 31 nodes
    assert m.build(["UK"], q_UK="1/2").num_nodes == 31


@pytest.mark.parametrize("call, message", [
    (lambda: m.parameters(["US", "US"]), "distinct"),
    (lambda: m.parameters(["U S"]), "letters and digits"),
    (lambda: m.parameters(["Alliance"]), "taken by another player"),
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
    assert not out["complete"] and "continuum of mixed SPE" in out["note"]
    honour = sorted(e["honour_probability"]["US"] for e in out["equilibria"])
    assert honour == [F(1, 2), F(3, 4), F(3, 4), F(1)]   # (abandon|honour) per Russian type


def test_critical_values_in_one_commitment():
    # 8 S = 3 q_US + 2 q_EU + 1/2; revisionist deterred iff S > 2/5, security iff S > 1/7:
    # with q_EU = 1/2 the revisionist above q_US = 17/30 (the security type always); with
    # q_EU = 0 the security type above 3/14 (Ukraine switches to neutrality there too)
    # and the revisionist above 9/10
    assert [c.value for c in gt.critical_values(m.build(), "q_US")] == [F(17, 30)]
    assert [c.value for c in gt.critical_values(m.build(q_EU=0), "q_US")] == [F(3, 14),
                                                                               F(9, 10)]


def test_outcome_map_regions_follow_the_deterrence_lines():
    out = m.outcome_map("US", "EU", n=21)
    assert out["sweep"].shape == (21, 21)
    counts = {}
    for i, j in itertools.product(range(21), range(21)):
        s = (F(3 * i + 2 * j, 20) + F(1, 2)) / 8       # expected honoured share
        want = ("tie" if s in (F(1, 7), F(2, 5)) else "NATO" if s < F(1, 7) else
                "NEUTRAL, revisionist escalates" if s < F(2, 5) else "NEUTRAL, deterred")
        assert out["outcome"][i][j] == want
        counts[want] = counts.get(want, 0) + 1
    assert out["counts"] == counts and counts["tie"] > 0


@pytest.mark.parametrize("q, q_N, r, costs", list(itertools.product(
    [F(0), F(1, 7), F(1, 4), F(2, 5), F(1, 2), F(1)], [F(1, 10), F(37, 100), F(4, 7)],
    [F(1, 2), F(1)], [(5, 0, 5, 0), (0, 5, 5, 0), (5, 0, 0, 5)])))
def test_one_guarantor_is_the_canonical_model(q, q_N, r, costs):
    """Issue 11: with one guarantor of capability 1 and the canonical parameters, the SPE
    (track, Russia's plan on both tracks, honour probabilities, Ukraine's and Russia's
    payoffs) are ukraine_guarantees' at every point, ties (q = 1/7, 2/5) included."""
    c_G, rho, c_N, rho_N = costs
    shared = dict(q_N=q_N, r=r, rho=rho, c_N=c_N, rho_N=rho_N)
    one = m.analyze(["G"], q_G=q, c_G=c_G, kappa_G=1, **shared)
    ref = canonical.analyze(q=q, c_G=c_G, **shared)

    def key(out, neutral):
        return sorted((e["ukraine_track"], tuple(sorted(e["escalates"].items())),
                       neutral(e), e["payoffs"]["Ukraine"], e["payoffs"]["Russia"])
                      for e in out["equilibria"])

    assert key(one, lambda e: e["honour_probability"]["G"]) == \
        key(ref, lambda e: e["honour_probability"]["NEUTRAL"])
    assert one["complete"] == ref["complete"]
