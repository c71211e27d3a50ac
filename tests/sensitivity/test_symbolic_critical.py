"""gt.critical_values(game, q, symbolic=(...)): critical values as expressions in some
parameters, with the conditions under which they apply.

The Ukraine guarantee model's docstring derives the NEUTRAL-track thresholds by hand: a
Russian type with value V escalates iff q < V / (V + C_R) (Fearon 1995's commitment logic);
at the default V_rev = 4 the revisionist threshold is 4 / (4 + C_R). Hawk-Dove (Maynard
Smith 1982, ch. 2): the mixed equilibrium appears at C = V.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy

import gametheory as gt
from gametheory.models import ukraine_guarantees as um

INF = float("inf")


@pytest.fixture(scope="module")
def ukraine_cvs():
    return gt.critical_values(um.build(), "q", symbolic=("V_sec", "C_R"))


def test_ukraine_thresholds_as_expressions(ukraine_cvs):
    V_sec, C_R = sympy.symbols("V_sec C_R", real=True)
    values = [c.value for c in ukraine_cvs]
    sec = next(c for c in ukraine_cvs if sympy.simplify(c.value - V_sec / (V_sec + C_R)) == 0)
    rev = next(c for c in ukraine_cvs if sympy.simplify(c.value - 4 / (4 + C_R)) == 0)
    assert sec.condition is sympy.true and rev.condition is sympy.true   # whole domain
    assert values.index(sec.value) < values.index(rev.value)   # 1/7 < 2/5 at the defaults
    assert sec.below_at < Fraction(1, 7) < sec.above_at        # solved at the defaults
    assert "V_sec = 1, C_R = 6" in sec.description
    assert str(sec).startswith("q = V_sec/(C_R + V_sec) (everywhere): ")
    with pytest.raises(TypeError, match="symbolic"):
        float(sec)


def test_ukraine_conditions_agree_with_numeric_critical_values(ukraine_cvs):
    """At random points of (V_sec, C_R), the values whose condition holds are the numeric
    critical values there."""
    V_sec, C_R = sympy.symbols("V_sec C_R", real=True)
    rng = random.Random(3)
    g = um.build()
    for _ in range(12):
        v, c = Fraction(rng.randint(1, 90), 10), Fraction(rng.randint(1, 200), 10)
        subs = {V_sec: sympy.Rational(v), C_R: sympy.Rational(c)}
        mine = sorted({c_.value.xreplace(subs) for c_ in ukraine_cvs
                       if bool(c_.condition.xreplace(subs))})
        numeric = sorted({x.value for x in gt.critical_values(g, "q", V_sec=v, C_R=c)})
        assert mine == numeric, (v, c)


def test_numeric_path_unchanged():
    (cv,) = gt.critical_values(um.build(), "q", V_sec=1, C_R=6)[:1]
    assert cv.value == sympy.Rational(1, 7) and cv.condition is None


def test_hawk_dove_symbolic_prize():
    V, C = gt.parameters("V C")
    g = gt.NormalFormGame.from_arrays([[(V - C) / 2, V], [0, V / 2]],
                                      [[(V - C) / 2, 0], [V, V / 2]])
    g.describe(gt.Parameter("V", default=2, domain=(0, INF)),
               gt.Parameter("C", default=3, domain=(0, INF)))
    (cv,) = gt.critical_values(g, "C", symbolic=("V",))
    assert cv.value == V and cv.condition is sympy.true
    assert len(cv.below.equilibria) == 1 and len(cv.above.equilibria) == 3


def test_errors():
    g = um.build()
    with pytest.raises(gt.GameError, match="unknown parameter 'nope'"):
        gt.critical_values(g, "q", symbolic=("nope",))
    with pytest.raises(gt.GameError, match="the one analysed"):
        gt.critical_values(g, "q", symbolic=("q",))
    with pytest.raises(gt.GameError, match="do not also fix it"):
        gt.critical_values(g, "q", symbolic=("C_R",), C_R=3)
    with pytest.raises(gt.GameError, match="at most 2"):
        gt.critical_values(g, "q", symbolic=("C_R", "V_sec", "L"))
    with pytest.raises(gt.GameError, match="strings"):
        gt.critical_values(g, "q", symbolic=(1,))


def test_quadratic_condition_gives_a_radical():
    q, s = gt.parameters("q s")
    g = gt.NormalFormGame.from_arrays([[q**2 - s, 0], [0, 1]], [[1, 0], [0, 1]])
    g.describe(gt.Parameter("s", default=2, domain=(0, INF)),
               gt.Parameter("q", domain=(0, 10)))
    (cv,) = gt.critical_values(g, "q", symbolic="s")
    assert sympy.simplify(cv.value - sympy.sqrt(s)) == 0 and cv.condition is sympy.true
    (num,) = gt.critical_values(g, "q", s=3)
    assert num.value == sympy.sqrt(3)


def test_ukraine_switch_condition_in_its_shortest_form(ukraine_cvs):
    """37/100, Ukraine's switch of track while both Russian types escalate on NEUTRAL, is
    a critical value where both types' thresholds lie at or above it: q = 37/100 <=
    V_sec/(V_sec + C_R) iff C_R <= 63 V_sec/37, and <= 4/(4 + C_R) iff C_R <= 252/37. On
    C_R = 252/37 (or 63 V_sec/37) the value coincides with a threshold, reported there by
    that threshold's own (everywhere) condition; the equation cubes are not listed."""
    V_sec, C_R = sympy.symbols("V_sec C_R", real=True)
    (mid,) = [c for c in ukraine_cvs if c.value == sympy.Rational(37, 100)]
    assert mid.condition == sympy.And(C_R <= sympy.Rational(252, 37),
                                      C_R <= 63 * V_sec / 37)
    assert str(mid).startswith("q = 37/100 if C_R <= 252/37 and C_R <= 63*V_sec/37: ")


def test_radical_value_applies_where_it_lies_in_the_domain():
    """Two guarantors and Russia (2 x 2 x 2; defending costs r, abandoning costs the
    audience cost q; Diekmann 1985's volunteer's dilemma): against the mixed pair Russia
    escalates iff 5 (r - q)**2 > 12, so q = r - 2 sqrt(15)/5 is a critical value where it
    is positive, r > 2 sqrt(15)/5, i.e. 5 r**2 > 12 (the value at the end q = 0 of q's
    domain gives the condition; its zero set has no rational points)."""
    from map_games import volunteers_with_russia

    g = volunteers_with_russia()
    R = sympy.Symbol("r", real=True)
    cvs = gt.critical_values(g, "q", symbolic=("r",))
    rad = [c for c in cvs if c.value.has(sympy.sqrt(15))]
    assert len(rad) == 1 and sympy.simplify(rad[0].value - (R - 2 * sympy.sqrt(15) / 5)) == 0
    assert rad[0].condition == (5 * R ** 2 - 12 > 0)
    assert [c.condition for c in cvs if c.value == R - 2] == [R > 2]
