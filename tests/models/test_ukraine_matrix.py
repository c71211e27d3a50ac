"""ukraine_russia_matrix: the 2 x 4 game is the strategic form of its tree (Russia sees the
track); its Nash equilibria against the analytic solution of the module docstring, the
tree's SPE among them, pygambit as an oracle at the thresholds, and the canonical model
when Russia's types coincide."""

import itertools
from fractions import Fraction as F

import numpy as np
import oracles
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import ukraine_guarantees as canonical
from gametheory.models import ukraine_russia_matrix as m

DEFAULTS = {k: F(v[0]) for k, v in m.PARAMETERS.items()}


def quantities(p):
    """W_T, A_T, peace payoffs and Russia's SPE choice e_T of the module docstring."""
    V = p["r"] * p["V_rev"] + (1 - p["r"]) * p["V_sec"]
    q = {"NATO": p["q_N"], "NEUTRAL": p["q"]}
    W = {T: -p["w_B"] + q[T] * (p["w_B"] - p["w_H"]) for T in m.TRACKS}
    A = {T: V - q[T] * (V + p["C_R"]) for T in m.TRACKS}
    peace = {"NATO": (p["u_N"], -p["L"]), "NEUTRAL": (p["u_0"], 0)}
    gain = {T: A[T] - peace[T][1] for T in m.TRACKS}        # escalate minus concede
    return W, A, peace, gain


def is_nash(p, x, y):
    """The docstring's conditions on (x = P(NATO), y = {track: P(escalate)})."""
    W, _, peace, gain = quantities(p)
    U = {T: y[T] * W[T] + (1 - y[T]) * peace[T][0] for T in m.TRACKS}
    share = {"NATO": x, "NEUTRAL": 1 - x}
    russia = all(share[T] == 0 or gain[T] == 0 or y[T] == (gain[T] > 0) for T in m.TRACKS)
    ukraine = (x == 0 or U["NATO"] >= U["NEUTRAL"]) and (x == 1 or U["NEUTRAL"] >= U["NATO"])
    return russia and ukraine


def segment(a, b, c):
    """Endpoints of {y in [0, 1]: a - b y <= c} (an empty tuple when it is empty)."""
    if b == 0:
        return (F(0), F(1)) if a <= c else ()
    t = (a - c) / b
    lo, hi = (max(F(0), t), F(1)) if b > 0 else (F(0), min(F(1), t))
    return (lo, hi) if lo <= hi else ()


def analytic_generic(p):
    """Extreme equilibria as {(x, y_N, y_0)} away from ties (the docstring's two
    segments)."""
    W, _, peace, gain = quantities(p)
    assert all(gain[T] != 0 for T in m.TRACKS)
    e = {T: F(int(gain[T] > 0)) for T in m.TRACKS}
    U = {T: e[T] * W[T] + (1 - e[T]) * peace[T][0] for T in m.TRACKS}
    assert U["NATO"] != U["NEUTRAL"]
    out = {(F(1), e["NATO"], y0) for y0 in segment(peace["NEUTRAL"][0],
                                                   peace["NEUTRAL"][0] - W["NEUTRAL"],
                                                   U["NATO"])}
    out |= {(F(0), yN, e["NEUTRAL"]) for yN in segment(peace["NATO"][0],
                                                       peace["NATO"][0] - W["NATO"],
                                                       U["NEUTRAL"])}
    return out


def marginals(out):
    return {(e["strategies"]["Ukraine"]["NATO"], e["escalates"]["NATO"],
             e["escalates"]["NEUTRAL"]) for e in out["equilibria"]}


POINTS = [dict(q=q, q_N=q_N, r=r) for q, q_N, r in itertools.product(
    [F(0), F(1, 10), F(1, 4), F(1, 3), F(9, 25), F(1, 2), F(9, 10), F(1)],
    [F(1, 10), F(37, 100), F(3, 5), F(9, 10)], [F(0), F(1, 2), F(1)])]
def generic(values):
    """No tie: Russia not indifferent against either track, Ukraine not between them."""
    W, _, peace, gain = quantities({**DEFAULTS, **values})
    U = {T: W[T] if gain[T] > 0 else peace[T][0] for T in m.TRACKS}
    return all(gain[T] != 0 for T in m.TRACKS) and U["NATO"] != U["NEUTRAL"]


GENERIC = [v for v in POINTS if generic(v)]


@pytest.mark.parametrize("values", GENERIC + [dict(u_0=0, q="1/2"), dict(L=0, q="1/5"),
                                              dict(V_sec=0, r="1/4", q="1/10"),
                                              dict(C_R=1, w_H=9, q="3/4")])
def test_solver_matches_analytic_solution(values):
    out = m.analyze(**values)
    p = {**DEFAULTS, **{k: F(v) for k, v in values.items()}}
    assert out["complete"] and len(out["spe"]) == 1
    assert marginals(out) == analytic_generic(p)
    for e in out["equilibria"]:
        assert e["ukraine_track"] in ("NATO", "NEUTRAL")         # no mixing off ties
        _, _, peace, gain = quantities(p)
        best = all(e["escalates"][T] == (gain[T] > 0) for T in m.TRACKS)
        assert e["subgame_perfect"] == best


THRESHOLDS = [dict(q=F(5, 17)), dict(q=F(37, 100)), dict(q_N=F(11, 17), q=F(1, 2)),
              dict(q=F(5, 17), q_N=F(5, 17)), dict(q=F(1, 10), q_N=F(1, 10)),
              dict(r=F(1), q=F(2, 5)), dict(r=F(0), q=F(1, 7)), dict(u_0=10, q=F(1, 2))]


@pytest.mark.parametrize("values", POINTS + THRESHOLDS)
def test_every_equilibrium_meets_the_analytic_conditions(values):
    """At every point, ties included: each extreme equilibrium satisfies the docstring's
    conditions, and the tree's SPE (backward induction) is one of them."""
    out = m.analyze(**values)
    p = {**DEFAULTS, **{k: F(v) for k, v in values.items()}}
    found = marginals(out)
    assert all(is_nash(p, x, {"NATO": yN, "NEUTRAL": y0}) for x, yN, y0 in found)
    assert out["spe"]
    for s in out["spe"]:
        x = F(int(s["ukraine_track"] == "NATO"))
        assert (x, s["escalates"]["NATO"], s["escalates"]["NEUTRAL"]) in found


@pytest.mark.parametrize("values", THRESHOLDS)
def test_extreme_equilibria_equal_pygambits_at_thresholds(values):
    """pygambit's enummixed (an independent vertex enumeration) on the same matrices."""
    p = {**DEFAULTS, **{k: F(v) for k, v in values.items()}}
    g = m.build(**p)
    A, B = (np.vectorize(F, otypes=[object])(g.payoffs[i].astype(object)) for i in (0, 1))
    expected = oracles.gambit_extreme_equilibria(A, B)
    out = m.analyze(**values)
    got = {tuple(e["strategies"]["Ukraine"].values()) + tuple(e["strategies"]["Russia"].values())
           for e in out["equilibria"]}
    assert got == expected


def test_thresholds_at_defaults_by_hand():
    """The docstring's q = 5/17 (Russia indifferent against neutrality) and q = 37/100
    (the empty-threat segment shrinks to a point)."""
    found = marginals(m.analyze(q=F(5, 17)))
    y = F(11713, 12100)                      # Ukraine indifferent: -389/50 = 6 - 242/17 y
    assert {(1, 1, 1), (1, 1, y), (0, 1, y), (0, 1, 0), (0, F(200, 889), 0)} <= found
    assert sorted(s["ukraine_track"] for s in m.analyze(q=F(5, 17))["spe"]) == ["NATO",
                                                                                "NEUTRAL"]
    assert marginals(m.analyze(q=F(37, 100))) == {(1, 1, 1), (0, 1, 0), (0, F(200, 889), 0)}


def test_empty_threat_equilibria_between_5_17_and_37_100():
    for q in [F(3, 10), F(1, 3), F(9, 25)]:
        out = m.analyze(q=q)
        nato = [e for e in out["equilibria"] if e["ukraine_track"] == "NATO"]
        assert {e["escalates"]["NEUTRAL"] for e in nato} == {F(689) / (800 - 300 * q), 1}
        assert not any(e["subgame_perfect"] for e in nato)        # the threat is empty
        assert out["spe"] == [{"ukraine_track": "NEUTRAL",
                               "escalates": {"NATO": 1, "NEUTRAL": 0}}]


def test_issue_11_case_q_one_half_is_neutral_and_peaceful():
    """Issue 11: at q = 1/2 the old 2 x 2 gave P(escalate) = 200/239 and P(NATO) =
    350/821; the tree has neutrality and peace, and so do all Nash equilibria here."""
    out = m.analyze(q=F(1, 2))
    assert {e["ukraine_track"] for e in out["equilibria"]} == {"NEUTRAL"}
    assert {e["escalates"]["NEUTRAL"] for e in out["equilibria"]} == {0}
    assert all(e["payoffs"] == {"Ukraine": 6, "Russia": 0} for e in out["equilibria"])


@pytest.mark.parametrize("seed", range(12))
def test_build_is_the_strategic_form_of_the_tree(seed):
    rng = np.random.default_rng(seed)
    p = {k: (F(int(rng.integers(0, 11)), 10) if dom == (0, 1) else F(int(rng.integers(0, 13))))
         for k, (_, dom, _) in m.PARAMETERS.items()}
    nf, t = m.build(**p), m.tree(**p).to_normal_form()
    assert nf.strategies == t.strategies == (m.TRACKS, m.STRATEGIES[1])
    assert (nf.payoffs == t.payoffs).all()


def test_symbolic_build_equals_the_trees_strategic_form():
    import sympy

    nf, t = m.build(), m.tree().to_normal_form()
    assert all(sympy.expand(a - b) == 0 for a, b in zip(nf.payoffs.flat, t.payoffs.flat))
    assert {p.name for p in nf.parameters} == set(m.PARAMETERS)
    assert nf.parameter_info["q_N"].default == F(37, 100)


@pytest.mark.parametrize("q", [F(k, 40) for k in range(41)])
@pytest.mark.parametrize("V", [1, 4])
def test_equal_types_give_the_canonical_spe(q, V):
    """With V_rev = V_sec pooling changes nothing: the SPE outcome (track, Russia's plan
    against both tracks) is ukraine_guarantees' with abandoning guarantors."""
    out = m.analyze(q=q, V_rev=V, V_sec=V)
    want = {(e["ukraine_track"], e["escalates"][("revisionist", "NATO")],
             e["escalates"][("revisionist", "NEUTRAL")])
            for e in canonical.analyze(q=q, V_rev=V, V_sec=V)["equilibria"]}
    got = {(s["ukraine_track"], s["escalates"]["NATO"], s["escalates"]["NEUTRAL"])
           for s in out["spe"]}
    assert got == want


def test_errors():
    with pytest.raises(GameError, match="unknown parameter 'c_G'"):
        m.build(c_G=1)
    with pytest.raises(GameError, match="outside its domain"):
        m.analyze(q=-1)


def test_sweep_and_critical_values():
    cv = gt.critical_values(m.build(), "q")
    assert F(5, 17) in [c.value for c in cv]
    sw = gt.sweep(m.build(), {"q": np.linspace(0, 1, 21)})
    assert len(sw) == 21


_frac01 = st.integers(0, 20).map(lambda k: F(k, 20))
_nonneg = st.integers(0, 12).map(F)


@settings(max_examples=40, deadline=None)
@given(st.fixed_dictionaries({k: _frac01 if dom == (0, 1) else _nonneg
                              for k, (_, dom, _) in m.PARAMETERS.items()}))
def test_property_random_parameters(values):
    """Random exact parameters: every extreme equilibrium meets the docstring's conditions,
    the tree's SPE is among them, and away from ties they are the two segments' ends."""
    out = m.analyze(**values)
    found = marginals(out)
    assert all(is_nash(values, x, {"NATO": yN, "NEUTRAL": y0}) for x, yN, y0 in found)
    for s in out["spe"]:
        x = F(int(s["ukraine_track"] == "NATO"))
        assert (x, s["escalates"]["NATO"], s["escalates"]["NEUTRAL"]) in found
    if generic(values):
        assert found == analytic_generic(values)
