"""ukraine_guarantees: the solver's equilibria against the analytic solution of the module
docstring, on a grid of exact parameter values, ties included; critical values in q; the
sweep over q."""

import itertools
from fractions import Fraction as F

import numpy as np
import pytest

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import ukraine_guarantees as m

DEFAULTS = {k: F(v[0]) for k, v in m.PARAMETERS.items()}


def analytic_equilibria(**values):
    """Every pure SPE by the docstring's formulas: the guarantor of track T honours iff
    c_T < rho_T (c_N, rho_N on NATO; c_G, rho on NEUTRAL), a type escalates iff
    (1 - h) V - h C_R (+ L on NATO) > 0, Ukraine takes the better track; each indifference
    admits both choices. Returns {(track, escalates, honours): payoffs}."""
    p = {**DEFAULTS, **{k: F(v) for k, v in values.items()}}
    prior = {"revisionist": p["r"], "security": 1 - p["r"]}
    V = {"revisionist": p["V_rev"], "security": p["V_sec"]}
    qT = {"NATO": p["q_N"], "NEUTRAL": p["q"]}
    peace = {"NATO": (p["u_N"], -p["L"]), "NEUTRAL": (p["u_0"], F(0))}
    nodes = [(T, t) for T in m.TRACKS for t in m.TYPES]
    cost = {"NATO": (p["c_N"], p["rho_N"]), "NEUTRAL": (p["c_G"], p["rho"])}

    def options(a, b):            # the best of two choices (1 = first), both at a tie
        return [1] if a > b else [0] if a < b else [1, 0]

    out = {}
    for sig in itertools.product(*[options(-cost[T][0], -cost[T][1]) for T, _ in nodes]):
        sigma = dict(zip(nodes, sig))
        h = {n: qT[n[0]] + (1 - qT[n[0]]) * sigma[n] for n in nodes}
        war = {n: (-(p["w_B"] - h[n] * (p["w_B"] - p["w_H"])),
                   (1 - h[n]) * V[n[1]] - h[n] * p["C_R"],
                   -(1 - qT[n[0]]) * (sigma[n] * cost[n[0]][0]
                                      + (1 - sigma[n]) * cost[n[0]][1]))
               for n in nodes}
        for esc in itertools.product(*[options(war[n][1], peace[n[0]][1]) for n in nodes]):
            e = dict(zip(nodes, esc))
            value = {T: [sum(prior[t] * (war[(T, t)][i] if e[(T, t)] else
                                         (peace[T][0], peace[T][1], 0)[i]) for t in m.TYPES)
                         for i in range(3)] for T in m.TRACKS}
            for nato in options(value["NATO"][0], value["NEUTRAL"][0]):
                track = "NATO" if nato else "NEUTRAL"
                out[(track, tuple(esc), sig)] = tuple(value[track])
    return out


def solver_equilibria(out):
    nodes = [(t, T) for T in m.TRACKS for t in m.TYPES]
    res = {}
    for e in out["equilibria"]:
        b = e["behavior"]
        sig = tuple(int(b[f"Guarantor | {T}, {t}"]["honour"]) for t, T in nodes)
        esc = tuple(int(e["escalates"][n]) for n in nodes)
        res[(e["ukraine_track"], esc, sig)] = tuple(e["payoffs"][p] for p in m.PLAYERS)
    return res


GRID = list(itertools.product(
    [F(0), F(1, 10), F(1, 7), F(1, 4), F(2, 5), F(1, 2), F(1)],     # q (thresholds 1/7, 2/5)
    [F(0), F(4, 7), F(7, 10), F(37, 100)],                          # q_N (4/7, 7/10)
    [F(1, 2), F(1)],                                                # r
    [(5, 0, 5, 0), (0, 5, 5, 0), (2, 2, 5, 0), (5, 0, 0, 5), (2, 2, 2, 2)]))
#                                                              (c_G, rho, c_N, rho_N)


@pytest.mark.parametrize("q, q_N, r, costs", GRID)
def test_solver_matches_analytic_solution(q, q_N, r, costs):
    c_G, rho, c_N, rho_N = costs
    values = dict(q=q, q_N=q_N, r=r, c_G=c_G, rho=rho, c_N=c_N, rho_N=rho_N)
    out = m.analyze(**values)
    assert solver_equilibria(out) == analytic_equilibria(**values)
    assert out["num_equilibria"] == len(out["equilibria"])
    assert out["tie"] == (out["num_equilibria"] > 1)
    # complete (every SPE, mixed included) exactly when there is no tie
    assert out["complete"] == (not out["tie"]) and (out["note"] is None) == out["complete"]


@pytest.mark.parametrize("values", [dict(V_rev=0, C_R=0, L=0), dict(u_0=0, u_N=0, w_H=10),
                                    dict(V_sec=4, q="2/5"), dict(L=7, q_N="1/2"),
                                    dict(q_N="1/10", q="1/10")])
def test_solver_matches_analytic_solution_elsewhere(values):
    assert solver_equilibria(m.analyze(**values)) == analytic_equilibria(**values)


def test_defaults_neutral_and_deterred():
    out = m.analyze()
    assert out["ukraine_track"] == "NEUTRAL" and out["num_equilibria"] == 1
    assert out["war_probability"] == 0
    assert out["escalates"] == {("revisionist", "NATO"): 1, ("security", "NATO"): 1,
                                ("revisionist", "NEUTRAL"): 0, ("security", "NEUTRAL"): 0}
    assert out["honour_probability"] == {"NATO": F(37, 100), "NEUTRAL": F(1, 2)}
    assert out["payoffs"] == {"Ukraine": 6, "Russia": 0, "Guarantor": 0}


def test_docstring_formulas_for_ukraine_payoff():
    # E_NEUTRAL = 6 (q > 2/5), 3q - 2 (1/7 < q < 2/5), -(10 - 6q) (q < 1/7); E_NATO = -7.78
    for q in [F(0), F(1, 20), F(1, 8), F(1, 6), F(3, 10), F(39, 100), F(1, 2), F(1)]:
        out = m.analyze(q=q)
        neutral = 6 if q > F(2, 5) else 3 * q - 2 if q > F(1, 7) else -(10 - 6 * q)
        best = max(neutral, F(-778, 100))
        assert out["num_equilibria"] == 1
        assert out["payoffs"]["Ukraine"] == best
        assert out["ukraine_track"] == ("NEUTRAL" if neutral > F(-778, 100) else "NATO")


def test_ties_at_the_thresholds_report_every_equilibrium():
    at = m.analyze(q=F(1, 7))                     # the security type is indifferent
    assert at["tie"] and at["num_equilibria"] == 2
    by_track = {e["ukraine_track"]: e for e in at["equilibria"]}
    assert by_track["NEUTRAL"]["escalates"][("security", "NEUTRAL")] == 0
    assert by_track["NATO"]["escalates"][("security", "NEUTRAL")] == 1
    assert by_track["NATO"]["payoffs"]["Ukraine"] == F(-389, 50)
    assert by_track["NEUTRAL"]["payoffs"]["Ukraine"] == F(3, 7) - 2
    at = m.analyze(q=F(2, 5))                     # the revisionist type is indifferent
    assert [e["ukraine_track"] for e in at["equilibria"]] == ["NEUTRAL", "NEUTRAL"]
    assert sorted(e["war_probability"] for e in at["equilibria"]) == [0, F(1, 2)]
    # an indifferent bilateral guarantor: honour or abandon at each of its two nodes;
    # with an indifferent alliance too, at each of four
    assert m.analyze(c_G=3, rho=3)["num_equilibria"] == 4
    assert m.analyze(c_G=3, rho=3, c_N=3, rho_N=3)["num_equilibria"] == 16


def test_alliance_and_bilateral_guarantor_have_their_own_costs():
    """c_G, rho move only the NEUTRAL track's guarantor, c_N, rho_N only the alliance's
    (issue 11: analyze(c_G=1, rho=2) used to make NATO fully credible too)."""
    out = m.analyze(c_G=1, rho=2)                 # the bilateral guarantor honours
    assert out["honour_probability"] == {"NATO": F(37, 100), "NEUTRAL": 1}
    assert out["escalates"][("revisionist", "NATO")] == 1
    assert out["ukraine_track"] == "NEUTRAL" and out["war_probability"] == 0
    out = m.analyze(c_N=1, rho_N=2)               # the alliance honours
    assert out["honour_probability"] == {"NATO": 1, "NEUTRAL": F(1, 2)}
    assert out["ukraine_track"] == "NATO" and out["payoffs"]["Ukraine"] == 10
    assert m.critical_q(c_N=1, rho_N=2) == [F(1, 7), F(2, 5)]   # Ukraine never neutral
    assert m.analyze(c_N=1, rho_N=2, q="1/2")["ukraine_track"] == "NATO"
    with pytest.raises(GameError, match="c_N != rho_N"):
        m.critical_q(c_N=2, rho_N=2)


def test_ties_report_the_continuum_of_mixed_spe():
    """Issue 11: at c_G = rho the spe solver's complete=True covers the pure SPE only; any
    honour probability sigma of the indifferent guarantor is subgame perfect as well."""
    out = m.analyze(c_G=3, rho=3)
    assert not out["complete"] and "continuum of mixed SPE" in out["note"]
    assert "Guarantor | NEUTRAL, revisionist" in out["note"]
    assert m.analyze(q="1/7")["complete"] is False
    # one such mixed SPE, by hand: at q = 0 an indifferent guarantor honouring with
    # sigma = 1/5 gives h = 1/5, between 1/7 and 2/5: the revisionist type escalates, the
    # security type concedes and Ukraine goes NEUTRAL (1/2 (-(10 - 6/5)) + 1/2 * 6 = -7/5
    # > -7.78): a war probability and a payoff no listed pure SPE has
    p = {**DEFAULTS, "q": 0, "c_G": 3, "rho": 3}
    listed = m.analyze(**p)
    assert F(-7, 5) not in {e["payoffs"]["Ukraine"] for e in listed["equilibria"]}
    g = m.build(**p)
    b = {h: dict(d) for h, d in listed["equilibria"][0]["behavior"].items()}
    for t in m.TYPES:
        b[f"Guarantor | NEUTRAL, {t}"] = {"honour": F(1, 5), "abandon": F(4, 5)}
    b["Russia | NEUTRAL, revisionist"] = {"escalate": 1, "concede": 0}
    b["Russia | NEUTRAL, security"] = {"escalate": 0, "concede": 1}
    b["Ukraine"] = {"NATO": 0, "NEUTRAL": 1}
    assert gt.check_assessment(g, b).sequential          # subgame perfect
    assert g.expected_payoffs(b)[0] == F(-7, 5)



def test_floats_are_read_as_their_decimals():
    assert m.analyze(q=0.37, r=0.5)["parameters"]["q"] == F(37, 100)
    assert solver_equilibria(m.analyze(q=0.25)) == solver_equilibria(m.analyze(q="1/4"))
    with pytest.raises(GameError, match="not a rational number"):
        m.analyze(q="sqrt(2)/2")


def test_thresholds_are_the_docstring_values():
    th = m.thresholds(**{k: DEFAULTS[k] for k in ("V_rev", "V_sec", "C_R", "L")})
    assert th == {("revisionist", "NATO"): F(7, 10), ("security", "NATO"): F(4, 7),
                  ("revisionist", "NEUTRAL"): F(2, 5), ("security", "NEUTRAL"): F(1, 7)}


def test_build_leaves_parameters_symbolic_with_metadata():
    g = m.build()
    assert {p.name for p in g.parameters} == set(m.PARAMETERS)
    assert g.num_nodes == 31 and g.kind == "symbolic"
    info = g.parameter_info
    for name, (default, domain, meaning) in m.PARAMETERS.items():
        assert (info[name].default, info[name].domain, info[name].description) \
            == (default, domain, meaning)
    g = m.build(q="1/3", c_G=5)
    assert {p.name for p in g.parameters} == set(m.PARAMETERS) - {"q", "c_G"}
    assert g.parameter_info["rho"].domain == (0, float("inf"))
    # the substituted tree is the tree built with the values
    full = m.build(**DEFAULTS)
    assert full == m.build().substitute(**DEFAULTS)


@pytest.mark.parametrize("values, message", [
    (dict(q=F(3, 2)), "outside its domain"), (dict(C_R=-1), "outside its domain"),
    (dict(x=1), "unknown parameter 'x'"), (dict(q="nope"), "not a number")])
def test_build_rejects_bad_values(values, message):
    with pytest.raises(GameError, match=message):
        m.build(**values)
    with pytest.raises(GameError, match=message):
        m.analyze(**values)


def _critical_q_grid():
    return [dict(), dict(q_N="1/10"), dict(q_N="1/20", r="1/4"), dict(c_G=0, rho=1),
            dict(V_sec=0), dict(u_0=0, q_N="4/5"), dict(C_R=2, L=1, w_H=1),
            dict(r=1, q_N="3/100")]


@pytest.mark.parametrize("fixed", _critical_q_grid())
def test_analytic_critical_q_against_solver_on_both_sides(fixed):
    """Between consecutive analytic critical values the solved equilibria do not change;
    across each they do."""
    cuts = m.critical_q(**fixed)
    edges = [F(0), *cuts, F(1)]
    mids = [(a + b) / 2 for a, b in zip(edges, edges[1:])]

    def key(q):
        return sorted(solver_equilibria(m.analyze(q=q, **fixed)))

    for lo, hi, mid in zip(edges, edges[1:], mids):
        assert key(lo + (hi - lo) / 7) == key(mid) == key(hi - (hi - lo) / 7)
    for a, b in zip(mids, mids[1:]):
        assert key(a) != key(b) or len(cuts) == 0


def test_critical_q_at_defaults():
    assert m.critical_q() == [F(1, 7), F(2, 5)]
    assert m.critical_q(c_G=0, rho=1) == []
    with pytest.raises(GameError, match="c_G != rho"):
        m.critical_q(c_G=1, rho=1)


def test_information_structure_is_as_documented():
    """The docstring: perfect information with chance (every information set is one node);
    the guarantor's information set shows the track and Russia's type, Russia's the track
    and its type."""
    a = m.build(**DEFAULTS).arrays
    nodes_per_infoset = np.bincount(a.infoset[a.infoset >= 0])
    assert nodes_per_infoset.tolist() == [1] * 9
    assert set(a.infoset_labels) == {"Ukraine", *(f"{who} | {T}, {t}" for who in
                                                  ("Russia", "Guarantor")
                                                  for T in m.TRACKS for t in m.TYPES)}
