"""Tests of gt.uncertainty against hand-derived probabilities.

Tolerances: the points are a scrambled Sobol' sample, whose error for these piecewise
constant integrands is well below the Monte Carlo standard error sqrt(p (1 - p) / n).
Each check allows 4 Monte Carlo standard errors (at most 0.06 at n = 1024, p = 1/2),
a bound that holds for any seed with overwhelming probability, not only for seed 0.
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction

import numpy as np
import pytest
import scipy.stats as st

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import ukraine_guarantees

V, C = gt.parameters("v c")
HH = "1 equilibrium: H | H"
THREE = "3 equilibria: H | D; H, D | H, D; D | H"


def hawk_dove():
    """Hawk-Dove with prize v and cost c (Maynard Smith 1982): (H, H) is the unique
    equilibrium iff v > c; for v < c two pure equilibria and the mixed one with
    P(H) = v / c."""
    return gt.NormalFormGame.from_arrays([[(V - C) / 2, V], [0, V / 2]],
                                         [[(V - C) / 2, 0], [V, V / 2]],
                                         strategies=[["H", "D"], ["H", "D"]])


def tol(p, n, k=4):
    return k * math.sqrt(p * (1 - p) / n)


def test_hawk_dove_probability_of_unique_equilibrium():
    # v ~ U(0, 4), c = 1: P(v > 1) = 3/4
    res = gt.uncertainty(hawk_dove(), {"v": st.uniform(0, 4)}, n=1024, c=1)
    assert set(res.structures) == {HH, THREE}
    assert abs(res.structures[HH].mean - 0.75) < tol(0.75, 1024)
    assert abs(res.structures[THREE].mean - 0.25) < tol(0.25, 1024)
    assert res.structures[HH].n == 1024 and len(res) == 1024
    assert res.outcomes == {}
    assert res.fixed == {"c": 1.0}


def test_hawk_dove_two_uncertain_parameters():
    # v ~ U(0, 4), c ~ U(1, 5): P(v > c) = (1/16) * int_1^4 (4 - c) dc = 4.5 / 16
    res = gt.uncertainty(hawk_dove(), {"v": st.uniform(0, 4), "c": st.uniform(1, 4)},
                         n=1024)
    p = 4.5 / 16
    assert abs(res.structures[HH].mean - p) < tol(p, 1024)


def test_quantities_averaged_and_selected():
    g = hawk_dove()
    d = {"v": st.uniform(0, 4)}
    # averaged over the 3 equilibria when v < 1: P(H) = (1 + 0 + v) / 3, mean 1/2 there;
    # E = 3/4 + (1/4)(1/2) = 7/8. Number of equilibria: 3/4 * 1 + 1/4 * 3 = 3/2.
    res = gt.uncertainty(g, d, ["prob:Player 1:H", lambda s: len(s)], n=1024, c=1)
    assert abs(res.quantities["prob:Player 1:H"].mean - 7 / 8) < 0.02
    assert abs(res.quantities["<lambda>"].mean - 1.5) < 4 * math.sqrt(0.75 / 1024)
    assert res.values["<lambda>"].shape == (1024,)
    # the first equilibrium (sorted by decreasing probabilities) is H | D below v = 1
    res = gt.uncertainty(g, d, ["prob:Player 1:H"], n=256, c=1, select="first")
    assert res.quantities["prob:Player 1:H"].mean == 1.0
    # the last is D | H: Player 1 plays H only where v > 1
    res = gt.uncertainty(g, d, ["prob:Player 1:H", "payoff:Player 2"], n=1024, c=1,
                         select=lambda s: s.equilibria[-1])
    assert abs(res.quantities["prob:Player 1:H"].mean - 0.75) < tol(0.75, 1024)
    # payoff of Player 2: (v - 1)/2 at H | H for v > 1 (mean 3/4 there, weight 3/4), v at
    # D | H for v < 1 (mean 1/2, weight 1/4): 9/16 + 1/8 = 11/16
    assert abs(res.quantities["payoff:Player 2"].mean - 11 / 16) < 0.03


def test_same_seed_same_points_and_executor():
    g, d = hawk_dove(), {"v": st.uniform(0, 4)}
    a = gt.uncertainty(g, d, n=128, c=1, seed=3)
    b = gt.uncertainty(g, d, n=128, c=1, seed=3)
    with ThreadPoolExecutor(2) as ex:
        e = gt.uncertainty(g, d, n=128, c=1, seed=3, executor=ex)
    assert np.array_equal(a.sweep.values("v"), b.sweep.values("v"))
    assert np.array_equal(a.sweep.values("v"), e.sweep.values("v"))
    assert a.structures[HH].mean == e.structures[HH].mean
    assert not np.array_equal(a.sweep.values("v"),
                              gt.uncertainty(g, d, n=128, c=1, seed=4).sweep.values("v"))


def test_ukraine_critical_values():
    # q ~ U(0, 1), other parameters at their defaults; critical values 1/7 and 2/5
    # (model docstring): NATO with both types escalating for q < 1/7, NEUTRAL with the
    # revisionist escalating for 1/7 < q < 2/5, NEUTRAL at peace for q > 2/5.
    g = ukraine_guarantees.build()
    assert ukraine_guarantees.critical_q() == [Fraction(1, 7), Fraction(2, 5)]
    n = 1024
    res = gt.uncertainty(g, {"q": st.uniform(0, 1)},
                         ["prob:Ukraine:NEUTRAL", "prob:Ukraine:NATO",
                          "prob:Russia | NEUTRAL, revisionist:escalate"], n=n)
    assert len(res.structures) == 3
    by_track = {}
    for words, e in res.structures.items():
        nato = "NATO/" in words
        by_track[(nato, "escalate" in words)] = e.mean
    assert abs(by_track[(True, True)] - 1 / 7) < tol(1 / 7, n)
    assert abs(by_track[(False, True)] - (2 / 5 - 1 / 7)) < tol(9 / 35, n)
    assert abs(by_track[(False, False)] - 3 / 5) < tol(3 / 5, n)
    assert abs(res.quantities["prob:Ukraine:NEUTRAL"].mean - 6 / 7) < tol(6 / 7, n)
    assert abs(res.quantities["prob:Ukraine:NATO"].mean - 1 / 7) < tol(1 / 7, n)
    # the revisionist escalates on NEUTRAL iff q < 2/5
    assert abs(res.quantities["prob:Russia | NEUTRAL, revisionist:escalate"].mean - 0.4) \
        < tol(0.4, n)
    # outcomes: r = 1/2, the revisionist concedes on NEUTRAL iff q > 2/5
    assert abs(res.outcomes["NEUTRAL/revisionist/concede"].mean - 0.3) < tol(0.6, n) / 2
    # the security type concedes on NEUTRAL iff q > 1/7
    assert abs(res.outcomes["NEUTRAL/security/concede"].mean - 0.5 * 6 / 7) \
        < tol(6 / 7, n) / 2
    assert sum(e.mean for e in res.outcomes.values()) == pytest.approx(1.0)


def test_ukraine_beta():
    # q ~ beta(2, 5): P(NATO) = P(q < 1/7), the beta cdf at 1/7
    res = gt.uncertainty(ukraine_guarantees.build(), {"q": st.beta(2, 5)},
                         ["prob:Ukraine:NATO"], n=1024)
    p = st.beta(2, 5).cdf(1 / 7)
    assert abs(res.quantities["prob:Ukraine:NATO"].mean - p) < tol(p, 1024)


def test_sobol_indices_only_one_parameter_matters():
    # Player 1's payoff averaged over the 3 equilibria: (v + 1 + v / (1 + v)) / 3, for
    # every c in (0, 1): all its variance is due to v
    g = gt.NormalFormGame.from_arrays([[V, 0], [0, 1]], [[1 + C, 0], [0, 1]])
    res = gt.uncertainty(g, {"v": st.uniform(1, 1), "c": st.uniform(0, 1)},
                         ["payoff:Player 1"], n=64)
    si = res.sobol_indices("payoff:Player 1", n=256)
    assert set(si) == {"v", "c"}
    assert si["v"][1] == pytest.approx(1, abs=0.05)
    assert si["v"][0] == pytest.approx(1, abs=0.05)
    assert abs(si["c"][0]) < 0.02 and abs(si["c"][1]) < 0.02


def test_sobol_indices_of_structure_and_one_parameter():
    # Hawk-Dove, v ~ U(0, 4), c ~ U(1, 5), with a prize that matters and a cost too
    res = gt.uncertainty(hawk_dove(), {"v": st.uniform(0, 4), "c": st.uniform(1, 4)},
                         n=64)
    si = res.sobol_indices(HH, n=256)
    assert si["v"][1] > 0.2 and si["c"][1] > 0.2
    # the Ukraine model with q alone uncertain: total index of q near 1
    res = gt.uncertainty(ukraine_guarantees.build(), {"q": st.uniform(0, 1)}, n=64)
    si = res.sobol_indices("prob:Ukraine:NEUTRAL", n=256)
    assert si["q"][1] == pytest.approx(1, abs=0.1)
    with pytest.raises(GameError, match="power of 2"):
        res.sobol_indices("prob:Ukraine:NEUTRAL", n=100)


def test_str_records_frame():
    res = gt.uncertainty(hawk_dove(), {"v": st.uniform(0, 4)}, ["payoff:Player 1"],
                         n=64, c=1)
    text = str(res)
    assert "v ~ uniform(0, 4); c = 1" in text and HH in text and "payoff:Player 1" in text
    rows = res.records()
    assert {r["kind"] for r in rows} == {"structure", "quantity"}
    pd = pytest.importorskip("pandas")
    assert isinstance(res.to_frame(), pd.DataFrame) and len(res.to_frame()) == len(rows)
    assert repr(res).startswith("<UncertaintyResult")


def test_errors():
    g = hawk_dove()
    u = st.uniform(0, 1)
    with pytest.raises(GameError, match="frozen scipy.stats"):
        gt.uncertainty(g, {"v": st.uniform}, c=1)
    with pytest.raises(GameError, match="frozen scipy.stats"):
        gt.uncertainty(g, {"v": [0, 1]}, c=1)
    with pytest.raises(GameError, match="unknown parameter 'w'.*c, v"):
        gt.uncertainty(g, {"w": u}, c=1)
    with pytest.raises(GameError, match="unknown fixed parameter 'w'"):
        gt.uncertainty(g, {"v": u}, c=1, w=2)
    with pytest.raises(GameError, match="'v' is both fixed"):
        gt.uncertainty(g, {"v": u}, c=1, v=2)
    with pytest.raises(GameError, match="non-empty dict"):
        gt.uncertainty(g, {}, c=1)
    with pytest.raises(GameError, match="unknown quantity 'prob:Player 1:X'.*"
                                        "'prob:Player 1:H'"):
        gt.uncertainty(g, {"v": u}, ["prob:Player 1:X"], c=1)
    with pytest.raises(GameError, match="unknown player 'Nobody'.*Player 1, Player 2"):
        gt.uncertainty(g, {"v": u}, ["payoff:Nobody"], c=1)
    with pytest.raises(GameError, match="unknown quantity 'mean'"):
        gt.uncertainty(g, {"v": u}, ["mean"], c=1)
    with pytest.raises(GameError, match="select must be"):
        gt.uncertainty(g, {"v": u}, ["payoff:Player 1"], n=8, c=1, select="last")
    with pytest.raises(GameError, match="n must be"):
        gt.uncertainty(g, {"v": u}, n=1, c=1)
    m = ukraine_guarantees.build()
    with pytest.raises(GameError, match=r"'q' from norm\(0.5, 0.3\).*domain \[0, 1\]"):
        gt.uncertainty(m, {"q": st.norm(0.5, 0.3)}, n=64)
    with pytest.raises(GameError, match="several information sets.*'prob:Russia | NATO"):
        gt.uncertainty(m, {"q": u}, ["prob:Russia:escalate"], n=8)
    with pytest.raises(GameError, match="unknown outcome"):
        gt.uncertainty(m, {"q": u}, ["outcome:NATO/nowhere"], n=8)


def test_structures_sharing_their_path_are_kept_apart():
    """The entrant stays out (2 > 1 > -1) whatever the incumbent would do; the incumbent
    would fight iff q > 1/2 (q against 1/2): two structures with the path "out", which
    differ off it. Each gets its own probability (about 1/2 for q uniform on (0, 1))."""
    q = gt.parameters("q")
    g = gt.ExtensiveFormGame(["Entrant", "Incumbent"])
    enter, out = g.root.decide("Entrant", ["in", "out"])
    fight, accommodate = enter.decide("Incumbent", ["fight", "accommodate"])
    fight.payoffs(-1, q)
    accommodate.payoffs(1, 0.5)
    out.payoffs(2, 0)
    res = gt.uncertainty(g, {"q": st.uniform(0, 1)}, n=256)
    assert sorted(res.structures) == ["1 equilibrium: path out (Incumbent: in: accommodate)",
                                      "1 equilibrium: path out (Incumbent: in: fight)"]
    assert all(abs(e.mean - 0.5) < 0.05 for e in res.structures.values())
    assert sum(e.mean for e in res.structures.values()) == pytest.approx(1)
    assert set(res.structure_keys) == set(res.structures)
    name = "1 equilibrium: path out (Incumbent: in: fight)"
    first, total = res.sobol_indices(name, n=64)["q"]
    assert total > 0.5


def test_sobol_indices_of_a_constant_quantity_are_zero_not_rounding_noise():
    # A quantity equal everywhere up to rounding (6 + 1e-14 v) has no variance to share
    # out: the estimators' ratio of two rounding errors gave v about 1.02 before; a
    # quantity that does move (Player 1's payoff v) keeps its index.
    v, c = gt.parameters("v c")
    g = gt.NormalFormGame.from_arrays([[v, v], [0, 0]], [[2, 0], [c, 0]])
    d = {"v": st.uniform(1, 1), "c": st.uniform(1, 1)}
    res = gt.uncertainty(g, d, ["payoff:Player 1"], n=64)
    flat = res.sobol_indices(lambda s: 6.0 + 1e-14 * float(s[0].payoffs[0]), n=64)
    assert flat == {"v": (0.0, 0.0), "c": (0.0, 0.0)}
    moving = res.sobol_indices("payoff:Player 1", n=64)
    assert moving["v"][1] > 0.9 and abs(moving["c"][1]) < 0.05
