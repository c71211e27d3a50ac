"""gt.robustness: the margins of the equilibria at a point, one parameter at a time.

Answers are derived by hand (sources cited per test) and checked against exact solves on
both sides of each reported margin.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

import gametheory as gt
from gametheory.errors import GameError, SolverError
from gametheory.models import ukraine_guarantees
from gametheory.sensitivity.critical import structure_key


def hawk_dove():
    """Hawk-Dove with prize V and cost C (Maynard Smith 1982, Evolution and the Theory of
    Games, ch. 2). By hand, with C = 2 fixed: for V > 2 Hawk strictly dominates (one
    equilibrium); for 0 < V < 2 two pure asymmetric equilibria and the mixed one with
    Hawk = V/C (three); for V < 0 Dove strictly dominates (one). The row player's Hawk -
    Dove payoff difference is (V - C)/2 against Hawk and V/2 against Dove, so the
    thresholds are V = C and V = 0."""
    V, C = gt.parameters("V C")
    return gt.NormalFormGame.from_arrays(
        [[(V - C) / 2, V], [0, V / 2]], [[(V - C) / 2, 0], [V, V / 2]],
        players=["Row", "Column"], strategies=[["Hawk", "Dove"], ["Hawk", "Dove"]])


def _key(game, **values):
    return structure_key(gt.solve(game.substitute(**values), method="vertex", exact=True))


def test_hawk_dove_in_V():
    m = gt.robustness(hawk_dove(), {"V": 1, "C": 2}, parameters="V")["V"]
    assert m.below.value == 0 and m.above.value == 2
    assert m.margin_below == 1 and m.margin_above == 1
    assert (m.lower, m.upper, m.lower_closed, m.upper_closed) == (0, 2, False, False)
    assert m.equilibria == 3 and m.at is None
    assert m.interval == "(0, 2)"
    assert "3 equilibria -> 1 equilibrium" in m.change_below
    assert "3 equilibria -> 1 equilibrium" in m.change_above
    assert str(m).startswith("V = 1: the 3 equilibria hold for V in (0, 2); below V = 0 "
                             "(margin 1) Row indifferent between Hawk and Dove against Dove")
    # exact solves just inside and just outside each margin (hand answer: 3 | 1)
    inside = _key(hawk_dove(), V=Fraction(1, 100), C=2)
    assert inside == _key(hawk_dove(), V=Fraction(199, 100), C=2)
    assert inside == _key(hawk_dove(), V=1, C=2)
    assert inside != _key(hawk_dove(), V=Fraction(-1, 100), C=2)
    assert inside != _key(hawk_dove(), V=Fraction(201, 100), C=2)


def test_hawk_dove_in_C_unbounded_above():
    # V = 1: by hand Hawk dominates for C < V = 1, three equilibria for C > 1; nothing
    # else changes for C > 1 (no declared domain: the line)
    m = gt.robustness(hawk_dove(), {"V": 1, "C": 2}, parameters=["C"])["C"]
    assert m.below.value == 1 and m.above is None and m.margin_above is None
    assert m.upper == sympy.oo and not m.upper_closed
    assert m.interval == "(1, inf)"


def test_ukraine_at_defaults_q():
    # module docstring of gametheory.models.ukraine_guarantees ("Analytic solution"): at
    # the defaults the revisionist type escalates on NEUTRAL iff q < V_rev/(V_rev + C_R)
    # = 2/5, the security type iff q < V_sec/(V_sec + C_R) = 1/7; at q = 1/2 nobody
    # escalates and nothing changes up to q = 1 (the domain is [0, 1])
    g = ukraine_guarantees.build()
    res = gt.robustness(g, {"q": Fraction(1, 2)}, parameters=["q"])
    m = res["q"]
    assert m.below.value == sympy.Rational(2, 5) and m.above is None
    assert m.margin_below == sympy.Rational(1, 10) and m.margin_above is None
    assert (m.lower, m.upper, m.lower_closed, m.upper_closed) == (
        sympy.Rational(2, 5), 1, False, True)
    assert m.change_below == "Russia | NEUTRAL, revisionist: concede -> escalate"
    assert str(res) == ("q = 1/2: the equilibrium holds for q in (2/5, 1]; below q = 2/5 "
                        "(margin 1/10) Russia | NEUTRAL, revisionist: concede -> escalate")
    assert res.point["q"] == sympy.Rational(1, 2) and res.point["C_R"] == 6
    (eq,) = res.solution.equilibria
    # the default point without a dict gives the same
    assert str(gt.robustness(g, parameters="q")) == str(res)


def test_ukraine_between_thresholds():
    # same derivation: for 1/7 < q < 2/5 only the revisionist escalates and Ukraine stays
    # NEUTRAL; below 1/7 the security type escalates too and Ukraine chooses NATO
    m = gt.robustness(ukraine_guarantees.build(), {"q": "1/4"}, parameters="q")["q"]
    assert (m.below.value, m.above.value) == (sympy.Rational(1, 7), sympy.Rational(2, 5))
    assert (m.margin_below, m.margin_above) == (sympy.Rational(3, 28), sympy.Rational(3, 20))
    assert m.interval == "(1/7, 2/5)"
    assert m.change_below == "Ukraine: NEUTRAL -> NATO; Russia | NEUTRAL, security: " \
                             "concede -> escalate"
    assert m.change_above == "Russia | NEUTRAL, revisionist: escalate -> concede"


def test_ukraine_at_a_critical_value():
    # docstring: at q = 2/5 the revisionist type is indifferent, two SPE (both NEUTRAL),
    # one on either side: both margins are 0 and the two equilibria hold only there
    m = gt.robustness(ukraine_guarantees.build(), {"q": "2/5"}, parameters="q")["q"]
    assert m.at is not None and m.at.value == sympy.Rational(2, 5)
    assert m.below is m.at and m.above is m.at
    assert m.margin_below == 0 and m.margin_above == 0
    assert m.equilibria == 2 and m.interval == "{2/5}"
    assert "a critical value" in str(m) and "only at q = 2/5" in str(m)
    assert "below: changes at once (2 equilibria -> 1 equilibrium)" in str(m)


def test_normal_form_point_at_a_critical_value():
    # by hand: Row's a1 pays q, a2 pays 0 (Column has one strategy), so Row plays a1 for
    # q > 0, a2 for q < 0, and any mixture at q = 0 (a continuum): the set at 0 differs
    # from both sides, both margins are 0; from q = 1/3 the margin down runs to 0
    q = gt.parameters("q")
    g = gt.NormalFormGame.from_arrays([[q], [0]], [[0], [0]])
    m = gt.robustness(g, {"q": 0})["q"]
    assert m.at is not None and m.at.value == 0
    assert m.margin_below == 0 and m.margin_above == 0 and m.interval == "{0}"
    m = gt.robustness(g, {"q": Fraction(1, 3)})["q"]
    assert m.below.value == 0 and m.margin_below == sympy.Rational(1, 3)
    assert m.above is None and m.interval == "(0, inf)"
    assert m.change_below == "Player 1: a1 -> a2"


def test_all_parameters_and_table():
    g = ukraine_guarantees.build()
    res = gt.robustness(g)
    assert [m.parameter for m in res] == [p.name for p in g.parameters]
    # docstring: with sigma = 0 the security type escalates on NEUTRAL iff
    # q < V_sec/(V_sec + C_R), i.e. V_sec > q C_R/(1 - q) = 6 at q = 1/2; the revisionist
    # iff V_rev > 6 as well, and iff C_R < V_rev (1 - q)/q = 4
    assert res["V_sec"].above.value == 6 and res["V_rev"].above.value == 6
    assert res["C_R"].below.value == 4
    # the opportunistic guarantor abandons iff c_G > rho (= 0): at c_G = 0 it is indifferent
    assert res["c_G"].lower == 0 and not res["c_G"].lower_closed
    assert res["r"].interval == "[0, 1]"
    rows = res.records()
    assert len(rows) == len(g.parameters) and rows[6]["parameter"] == "q"
    assert rows[6]["below"] == sympy.Rational(2, 5)
    pytest.importorskip("pandas")
    df = res.to_frame()
    assert list(df["parameter"]) == [p.name for p in g.parameters]
    assert df.loc[6, "margin_below"] == pytest.approx(0.1)


def test_errors():
    g = ukraine_guarantees.build()
    with pytest.raises(GameError, match="outside its domain"):
        gt.robustness(g, {"q": 2})
    with pytest.raises(GameError, match="unknown parameter 'nope'"):
        gt.robustness(g, {"nope": 1})
    with pytest.raises(GameError, match="unknown parameter 'nope'"):
        gt.robustness(g, parameters=["q", "nope"])
    with pytest.raises(GameError, match="no value for parameter 'V'"):
        gt.robustness(hawk_dove(), {"C": 2})
    with pytest.raises(GameError, match="not a number"):
        gt.robustness(g, {"q": "abc"})
    with pytest.raises(GameError, match="has no parameters"):
        gt.robustness(gt.NormalFormGame.from_arrays([[1]], [[1]]), {})
    with pytest.raises(GameError, match="twice"):
        gt.robustness(g, parameters=["q", "q"])
    # a method critical_values cannot analyse with: its error
    q = gt.parameters("q")
    three = gt.NormalFormGame.from_arrays([[[q, 0], [0, 0]], [[0, 0], [0, 1]]],
                                          [[[1, 0], [0, 0]], [[0, 0], [0, 1]]],
                                          [[[1, 0], [0, 0]], [[0, 0], [0, 1]]])
    with pytest.raises(SolverError, match="'vertex' does not apply"):
        gt.robustness(three, {"q": 1}, method="vertex")
    # three players (issue 13): player 1 leaves (a1, b1, c1) when q < 0
    assert gt.robustness(three, {"q": 1})["q"].below.value == 0
