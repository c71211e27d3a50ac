"""ukraine_simultaneous: the 2 x 2 game (Russia does not see the track) has the tree's
expected values; its equilibria against the closed form of the module docstring and
gt.equilibrium_formulas."""

import itertools
from fractions import Fraction as F

import pytest
import sympy

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import ukraine_guarantees as tree
from gametheory.models import ukraine_simultaneous as m

DEFAULTS = {k: F(v[0]) for k, v in m.PARAMETERS.items()}
SYM = {k: sympy.Symbol(k, real=True) for k in m.PARAMETERS}


def test_payoffs_are_the_expected_values_of_the_tree():
    values = {**DEFAULTS, "q": F(3, 5), "r": F(1, 3), "c_G": 5, "rho": 0, "c_N": 5,
              "rho_N": 0}
    g = tree.build(**values)
    nf = m.build(**{k: v for k, v in values.items() if k in m.PARAMETERS})
    for (i, track), (j, act) in itertools.product(enumerate(m.STRATEGIES[0]),
                                                  enumerate(m.STRATEGIES[1])):
        behavior = {"Ukraine": {track: 1, "NATO" if track == "NEUTRAL" else "NEUTRAL": 0}}
        for T, t in itertools.product(tree.TRACKS, tree.TYPES):
            other = "concede" if act == "escalate" else "escalate"
            behavior[f"Russia | {T}, {t}"] = {act: 1, other: 0}
            behavior[f"Guarantor | {T}, {t}"] = {"honour": 0, "abandon": 1}
        expected = g.expected_payoffs(behavior)
        assert [nf.payoffs[0][i, j], nf.payoffs[1][i, j]] == list(expected[:2])


def test_build_is_symbolic_with_metadata():
    g = m.build()
    assert {p.name for p in g.parameters} == set(m.PARAMETERS)
    assert g.parameter_info["q_N"].default == F(37, 100)
    assert "c_G" not in m.PARAMETERS
    with pytest.raises(GameError, match="unknown parameter 'c_G'"):
        m.build(c_G=1)
    with pytest.raises(GameError, match="outside its domain"):
        m.analyze(q=-1)


def closed_form_regime(**values):
    """The docstring's three regimes (with A_N + L > 0 and u_N > u_0)."""
    p = {**DEFAULTS, **{k: F(v) for k, v in values.items()}}
    V = p["r"] * p["V_rev"] + (1 - p["r"]) * p["V_sec"]
    assert V - p["q_N"] * (V + p["C_R"]) + p["L"] > 0 and p["u_N"] > p["u_0"]
    if p["q"] < p["q_N"]:
        return "NATO-escalate"
    if p["q"] > max(p["q_N"], V / (V + p["C_R"])):
        return "mixed"
    if p["q_N"] < p["q"] < V / (V + p["C_R"]):
        return "NEUTRAL-escalate"
    return "boundary"


@pytest.mark.parametrize("q, q_N, r", list(itertools.product(
    [F(0), F(1, 10), F(5, 17), F(1, 3), F(37, 100), F(1, 2), F(9, 10), F(1)],
    [F(1, 10), F(37, 100), F(1, 2)], [F(0), F(1, 2), F(1)])))
def test_solver_matches_closed_form(q, q_N, r):
    out = m.analyze(q=q, q_N=q_N, r=r)
    assert out["complete"]
    regime = closed_form_regime(q=q, q_N=q_N, r=r)
    if regime == "boundary":
        return
    assert out["num_equilibria"] == 1 and not out["continuum"]
    s = out["equilibria"][0]["strategies"]
    x, y = s["Ukraine"]["NATO"], s["Russia"]["escalate"]
    if regime == "mixed":
        assert out["kind"] == "mixed"
        assert (x, y) == m.mixed_equilibrium(q=q, q_N=q_N, r=r)
        pay = out["equilibria"][0]["payoffs"]
        p = {**DEFAULTS, "q": q, "q_N": q_N, "r": r}
        assert pay["Ukraine"] == p["u_0"] - y * (p["u_0"] + p["w_B"]
                                                 - q * (p["w_B"] - p["w_H"]))
        assert pay["Russia"] == -p["L"] * x
    else:
        assert (x, y) == ((1, 1) if regime == "NATO-escalate" else (0, 1))


def test_continuum_at_q_equal_q_N():
    out = m.analyze(q=F(37, 100))
    assert out["continuum"] and out["kind"] == "several"
    xs = sorted(e["strategies"]["Ukraine"]["NATO"] for e in out["equilibria"])
    assert xs == [F(43, 200), 1]
    assert all(e["strategies"]["Russia"]["escalate"] == 1 for e in out["equilibria"])


def test_closed_form_at_defaults():
    x, y = m.mixed_equilibrium("q")
    q = SYM["q"]
    assert sympy.simplify(x - (1700 * q - 500) / (1700 * q - 29)) == 0
    assert sympy.simplify(y - 200 / (300 * q + 89)) == 0
    assert m.mixed_equilibrium(q=1) == (F(1200, 1671), F(200, 389))


def test_equilibrium_formulas_equal_the_closed_form():
    """gt.equilibrium_formulas on 37/100 < q < 1: the strategies and payoffs, symbolic in
    every parameter, equal the docstring's x*, y* (Nash 1951 indifference conditions)."""
    f = gt.equilibrium_formulas(m.build(), q=(F(37, 100), 1))
    assert len(f) == 1
    (x_nato, x_neutral), (y_esc, y_con) = f.strategies[0]
    x, y = m.mixed_equilibrium(*m.PARAMETERS)
    assert sympy.simplify(x_nato - x) == 0 and sympy.simplify(x_neutral - (1 - x)) == 0
    assert sympy.simplify(y_esc - y) == 0 and sympy.simplify(y_con - (1 - y)) == 0
    s = SYM
    ukraine = s["u_0"] - y * (s["u_0"] + s["w_B"] - s["q"] * (s["w_B"] - s["w_H"]))
    assert sympy.simplify(f.payoffs[0][0] - ukraine) == 0
    assert sympy.simplify(f.payoffs[0][1] + s["L"] * x) == 0
    # comparative statics: a stronger commitment lowers the escalation probability
    dy = f.derivatives[0]["q"][0][1][0]
    assert dy.subs({SYM[k]: v for k, v in DEFAULTS.items()}) < 0


def test_critical_values_in_q():
    cv = gt.critical_values(m.build(), "q")
    assert [c.value for c in cv] == [F(37, 100)]
    cv = gt.critical_values(m.build(q_N=F(1, 10)), "q")   # Russia's threshold 5/17 too
    assert [c.value for c in cv] == [F(1, 10), F(5, 17)]


def test_regression_numbers_at_one_half():
    """Issue 11 quotes these for the old 2 x 2 matrix (now this module): at q = 1/2 Russia
    escalates with probability 200/239 and Ukraine chooses NATO with 350/821, where the
    sequential game (ukraine_russia_matrix) has neutrality and peace."""
    out = m.analyze(q=F(1, 2))
    (eq,) = out["equilibria"]
    assert eq["strategies"]["Russia"]["escalate"] == F(200, 239)
    assert eq["strategies"]["Ukraine"]["NATO"] == F(350, 821)
    assert m.mixed_equilibrium(q="1/2") == (F(350, 821), F(200, 239))


def test_russia_not_seeing_the_track_restricts_the_sequential_game():
    """The docstring: merging Russia's two information sets of ukraine_russia_matrix.tree
    leaves Russia the plans that do the same against both tracks, so this game's columns
    are the 2 x 4 game's columns escalate/escalate and concede/concede."""
    from gametheory.models import ukraine_russia_matrix as sequential

    values = {**DEFAULTS, "q": F(2, 7), "r": F(1, 3)}
    two, four = m.build(**values), sequential.build(**values)
    cols = [sequential.STRATEGIES[1].index(f"{a}/{a}") for a in m.STRATEGIES[1]]
    assert (two.payoffs == four.payoffs[:, :, cols]).all()
