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
    """Every pure SPE by the docstring's formulas: guarantor honours iff c_G < rho, a type
    escalates iff (1 - h) V - h C_R (+ L on NATO) > 0, Ukraine takes the better track;
    each indifference admits both choices. Returns {(track, escalates, honours): payoffs}."""
    p = {**DEFAULTS, **{k: F(v) for k, v in values.items()}}
    prior = {"revisionist": p["r"], "security": 1 - p["r"]}
    V = {"revisionist": p["V_rev"], "security": p["V_sec"]}
    qT = {"NATO": p["q_N"], "NEUTRAL": p["q"]}
    peace = {"NATO": (p["u_N"], -p["L"]), "NEUTRAL": (p["u_0"], F(0))}
    nodes = [(T, t) for T in m.TRACKS for t in m.TYPES]

    def options(a, b):            # the best of two choices (1 = first), both at a tie
        return [1] if a > b else [0] if a < b else [1, 0]

    out = {}
    for sig in itertools.product(*[options(-p["c_G"], -p["rho"])] * 4):
        sigma = dict(zip(nodes, sig))
        h = {n: qT[n[0]] + (1 - qT[n[0]]) * sigma[n] for n in nodes}
        war = {n: (-(p["w_B"] - h[n] * (p["w_B"] - p["w_H"])),
                   (1 - h[n]) * V[n[1]] - h[n] * p["C_R"],
                   -(1 - qT[n[0]]) * (sigma[n] * p["c_G"] + (1 - sigma[n]) * p["rho"]))
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
    [(5, 0), (0, 5), (2, 2)]))                                      # (c_G, rho)


@pytest.mark.parametrize("q, q_N, r, costs", GRID)
def test_solver_matches_analytic_solution(q, q_N, r, costs):
    c_G, rho = costs
    values = dict(q=q, q_N=q_N, r=r, c_G=c_G, rho=rho)
    out = m.analyze(**values)
    assert out["complete"]
    assert solver_equilibria(out) == analytic_equilibria(**values)
    assert out["num_equilibria"] == len(out["equilibria"])
    assert out["tie"] == (out["num_equilibria"] > 1)


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
    # an indifferent guarantor: honour or abandon at each of its four nodes
    assert m.analyze(c_G=3, rho=3)["num_equilibria"] == 16


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


def test_sweep_over_q_finds_the_regions():
    sw = gt.sweep(m.build(), {"q": np.linspace(0, 1, 49)})   # 1/7 and 2/5 between points
    regions = sw.regions("q")
    assert len(regions) == 3 and sw.counts.tolist() == [1] * 49
    assert [r.hi for r in regions[:2]] == pytest.approx([1 / 7, 2 / 5], abs=1e-11)
    tracks = [m.analyze(q=F((r.lo + r.hi) / 2))["ukraine_track"] for r in regions]
    assert tracks == ["NATO", "NEUTRAL", "NEUTRAL"]
    # a grid through q = 2/5 shows the tie there: two equilibria on a one-point region
    regions = gt.sweep(m.build(), {"q": np.linspace(0, 1, 51)}).regions("q")
    assert [len(r.solution.equilibria) for r in regions] == [1, 1, 2, 1]
    assert regions[2].lo == pytest.approx(0.4, abs=1e-11)


@pytest.mark.parametrize("fixed", _critical_q_grid())
def test_critical_values_equal_the_formulas(fixed):
    """gt.critical_values of the tree with all but q fixed (Zagare & Kilgour 2000-style
    credibility thresholds derived in the module docstring)."""
    game = m.build(**{k: v for k, v in {**DEFAULTS, **fixed}.items() if k != "q"})
    found = [c.value for c in gt.critical_values(game, "q")]
    assert found == m.critical_q(**fixed)


def test_critical_values_at_defaults_are_one_seventh_and_two_fifths():
    cv = gt.critical_values(m.build(), "q")         # the other parameters at their defaults
    assert [c.value for c in cv] == [F(1, 7), F(2, 5)]
    assert len(cv[0].at) == 2 and len(cv[1].at) == 2          # ties at both values
    assert {e.behavior["Ukraine"]["NATO"] for e in cv[0].at.equilibria} == {0, 1}
