"""gt.equilibrium_map: regions of a parameter space with closed-form equilibria.

Known maps: Hawk-Dove in (V, C) (Maynard Smith 1982, Evolution and the Theory of Games,
ch. 2: Hawk dominates for C < V; for C > V two asymmetric pure equilibria and the mixed
one playing Hawk with probability V/C) and the Ukraine guarantee model in (q, r), whose
docstring derives the solution by hand (thresholds q = 1/7, 2/5 and Ukraine's switch where
E_NATO = E_NEUTRAL). General maps are checked against exact solves at random points.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy

import gametheory as gt
from gametheory.models import ukraine_guarantees as um
from gametheory.sensitivity.critical import structure_key

INF = float("inf")


def hawk_dove():
    V, C = gt.parameters("V C")
    g = gt.NormalFormGame.from_arrays(
        [[(V - C) / 2, V], [0, V / 2]], [[(V - C) / 2, 0], [V, V / 2]],
        strategies=[["Hawk", "Dove"], ["Hawk", "Dove"]])
    return g.describe(gt.Parameter("V", domain=(0, INF)), gt.Parameter("C", domain=(0, INF)))


@pytest.fixture(scope="module")
def hd_map():
    return gt.equilibrium_map(hawk_dove(), ["V", "C"])


@pytest.fixture(scope="module")
def ukraine_map():
    return gt.equilibrium_map(um.build(), ["q", "r"])


def test_hawk_dove_three_regions(hd_map):
    V, C = sympy.symbols("V C", real=True)
    assert hd_map.complete
    assert [r.condition for r in hd_map] == [C < V, sympy.Eq(C, V), C > V]
    below, at, above = hd_map.regions
    (hh,) = below.equilibria
    assert hh.strategies == ((1, 0), (1, 0))
    assert sympy.simplify(hh.payoffs[0] - (V - C) / 2) == 0
    pure = sorted(e.strategies for e in above.equilibria if 1 in e.strategies[0])
    assert ((0, 1), (1, 0)) in [e.strategies for e in above.equilibria]
    assert ((1, 0), (0, 1)) in pure
    mixed = [e for e in above.equilibria if 1 not in e.strategies[0]]
    assert len(mixed) == 1
    assert sympy.simplify(mixed[0].strategies[0][0] - V / C) == 0
    assert sympy.simplify(mixed[0].strategies[1][0] - V / C) == 0
    assert len(at.equilibria) == 3 and all(r.verified for r in hd_map)


def test_hawk_dove_text_latex_frame(hd_map):
    text = str(hd_map)
    assert "C < V: 1 equilibrium: Hawk | Hawk" in text
    assert "Hawk = V/C" in text and "C = V: 3 equilibria" in text
    tex = hd_map.to_latex()
    assert tex.startswith("% needs") and r"\item If $C < V$" in tex
    table = hd_map.to_latex("table")
    assert r"\toprule" in table and r"\frac{V}{C}" in table
    rows = hd_map.records()
    assert len(rows) == 1 + 3 + 3 and rows[0]["condition"] == "C < V"
    pd = pytest.importorskip("pandas")
    assert isinstance(hd_map.to_frame(), pd.DataFrame)
    with pytest.raises(gt.GameError):
        hd_map.to_latex("poster")


def _war(p: dict, h):
    """Ukraine's payoff from a war on a track whose guarantee is honoured with prob. h."""
    return -(p["w_B"] - h * (p["w_B"] - p["w_H"]))


def _analytic(q: Fraction, r: Fraction) -> tuple[str, bool, bool, Fraction]:
    """Ukraine's track, whether each Russian type escalates on NEUTRAL, and Ukraine's
    payoff, from the model docstring's analytic solution at the defaults."""
    p = {k: Fraction(v[0]) for k, v in um.PARAMETERS.items()}
    def war(h):
        return _war(p, h)

    rev, sec = q < Fraction(2, 5), q < Fraction(1, 7)
    e_nato = war(p["q_N"])                     # both types escalate on NATO at q_N = 37/100
    e_neutral = (r * (war(q) if rev else p["u_0"])
                 + (1 - r) * (war(q) if sec else p["u_0"]))
    track = "NATO" if e_nato > e_neutral else "NEUTRAL"
    return track, rev, sec, max(e_nato, e_neutral)


def test_ukraine_map_matches_the_analytic_solution(ukraine_map):
    assert ukraine_map.complete and all(r.verified for r in ukraine_map)
    rng = random.Random(7)
    for _ in range(60):
        q, r = Fraction(rng.randint(1, 999), 1000), Fraction(rng.randint(1, 999), 1000)
        track, rev, sec, value = _analytic(q, r)
        region = ukraine_map.region_at(q=q, r=r)
        assert region is not None, (q, r)
        (eq,) = region.equilibria
        b = eq.behavior
        assert b["Ukraine"][track] == 1
        assert b["Russia | NEUTRAL, revisionist"]["escalate"] == int(rev)
        assert b["Russia | NEUTRAL, security"]["escalate"] == int(sec)
        assert eq.evaluate(q=q, r=r)[1][0] == value


def test_ukraine_thresholds_and_boundary_curve(ukraine_map):
    q, r = sympy.symbols("q r", real=True)
    texts = [reg.text for reg in ukraine_map]
    assert "q < 1/7" in texts and "q > 2/5" in texts and "q = 2/5" in texts
    # E_NATO = E_NEUTRAL with only the revisionist type escalating on NEUTRAL
    p = {k: sympy.nsimplify(v[0]) for k, v in um.PARAMETERS.items() if k not in ("q", "r")}
    curve = sympy.solve(sympy.Eq(_war(p, p["q_N"]), r * _war(p, q) + (1 - r) * p["u_0"]),
                        r)[0]
    bounds = {rel.rhs for reg in ukraine_map for rel in sympy.preorder_traversal(reg.condition)
              if isinstance(rel, sympy.Rel) and rel.lhs == r}
    assert any(sympy.simplify(b - curve) == 0 for b in bounds)
    nato = [reg for reg in ukraine_map if len(reg.equilibria) == 1
            and reg.equilibria[0].behavior["Ukraine"]["NATO"] == 1]
    assert len(nato) == 2               # q < 1/7, and above the curve for 1/7 < q < 37/100
    assert any(reg.holds(q="1/5", r="99/100") for reg in nato)
    assert not any(reg.holds(q="1/5", r="1/2") for reg in nato)


def test_ukraine_lower_dimensional_regions(ukraine_map):
    at_q17 = [reg for reg in ukraine_map if reg.holds(q="1/7", r="1/2")]
    assert len(at_q17) == 1 and len(at_q17[0].equilibria) == 2   # docstring: two SPE at 1/7
    tracks = sorted(next(a for a, v in e.behavior["Ukraine"].items() if v == 1)
                    for e in at_q17[0].equilibria)
    assert tracks == ["NATO", "NEUTRAL"]
    point = [reg for reg in ukraine_map if len(reg.equilibria) == 3]
    assert len(point) == 1 and point[0].holds(q="1/7", r="91/100")


def _linear_game(rng: random.Random):
    q, r = gt.parameters("q r")

    def entry():
        return rng.randint(-3, 3) + rng.randint(-2, 2) * q + rng.randint(-2, 2) * r

    return gt.NormalFormGame.from_arrays([[entry(), entry()], [entry(), entry()]],
                                         [[entry(), entry()], [entry(), entry()]])


@pytest.mark.parametrize("seed", range(4))
def test_random_linear_2x2_maps_agree_with_exact_solves(seed):
    rng = random.Random(seed)
    g = _linear_game(rng)
    emap = gt.equilibrium_map(g, ["q", "r"], seed=seed, per_axis=6)
    assert emap.complete, emap.notes
    for _ in range(20):
        point = {"q": Fraction(rng.randint(-95, 95), 10), "r": Fraction(rng.randint(-95, 95), 10)}
        holding = [reg for reg in emap if reg.holds(**point)]
        assert holding, point
        key = structure_key(gt.solve(g.substitute(**point), method="vertex", exact=True))
        assert all(reg.structure == key for reg in holding), point


def test_one_parameter_map_matches_critical_values():
    g = hawk_dove()
    emap = gt.equilibrium_map(g, ["C"], V=2)
    C = sympy.Symbol("C", real=True)
    assert [reg.condition for reg in emap] == [C < 2, sympy.Eq(C, 2), C > 2]
    assert emap.fixed == {"V": 2}


def test_errors():
    g = hawk_dove()
    with pytest.raises(gt.GameError, match="unknown parameter 'x'"):
        gt.equilibrium_map(g, ["V", "x"])
    with pytest.raises(gt.GameError, match="unknown parameter 'z'"):
        gt.equilibrium_map(g, ["V", "C"], z=1)
    with pytest.raises(gt.GameError, match="do not also fix it"):
        gt.equilibrium_map(g, ["V", "C"], C=1)
    with pytest.raises(gt.GameError, match="at most 3 parameters"):
        gt.equilibrium_map(um.build(), ["q", "r", "L", "C_R"])
    with pytest.raises(gt.GameError, match="named twice"):
        gt.equilibrium_map(g, ["V", "V"])
    with pytest.raises(gt.GameError, match="list of parameter names"):
        gt.equilibrium_map(g, [])
    with pytest.raises(gt.GameError, match="no default"):
        gt.equilibrium_map(g, ["V"])
    with pytest.raises(gt.GameError, match="no parameters"):
        gt.equilibrium_map(gt.NormalFormGame.from_arrays([[1]], [[1]]), ["q"])


def test_cubes_merge_equations_into_adjacent_bounds():
    """x = a or x < a is x <= a; two cubes merge only when their supercube meets no sign
    vector of another region; cover() merges its result."""
    from gametheory.sensitivity._conditions import ALL, cover, merge

    eq, below, above = frozenset({0}), frozenset({-1}), frozenset({1})
    assert merge([(eq, ALL), (below, ALL)], []) == [(frozenset({0, -1}), ALL)]
    assert merge([(eq, above), (below, below)], [(-1, 1)]) == [(eq, above), (below, below)]
    assert merge([(eq, eq), (frozenset({0, 1}), ALL)], []) == [(frozenset({0, 1}), ALL)]
    # cubes grown from (0, 1) and (-1, -1) against the off-set, then merged where allowed
    on, off = [(0, 1), (0, -1), (-1, -1)], [(1, -1), (-1, 1), (1, 1)]
    cubes = cover(on, off)
    assert all(any(all(s in c for s, c in zip(v, cube)) for cube in cubes) for v in on)
    assert not any(all(s in c for s, c in zip(v, cube)) for cube in cubes for v in off)
    assert cover([(0,), (-1,)], [(1,)]) == [(frozenset({0, -1}),)]


def test_a_thin_cell_beside_an_irrational_boundary_is_checked():
    """Two guarantors in a volunteer's dilemma (models/guarantor_coalition): the mixed
    coalition deters Russia iff a > 8 - 2 sqrt(15) ~ 0.254. With the default samples no
    grid point fell in (0, 0.254), and the map reported one region 'a < 8' whose
    equilibria are wrong there; check points beside the irrational boundary find the cell."""
    from gametheory.models import guarantor_coalition as m

    g = m.build(2)
    emap = gt.equilibrium_map(g, ["a"])
    low, high = emap.region_at(a="1/5"), emap.region_at(a=1)
    assert low is not None and high is not None and low is not high
    defaults = {k: p.default for k, p in g.parameter_info.items() if k != "a"}
    for a, region, attacks in (("1/5", low, 1), (1, high, 0)):
        sol = m.solve_tree(g.substitute(a=a, **defaults))
        assert sum(e.behavior["Russia"]["attack"] > 0.5 for e in sol.equilibria) == attacks
        shown = region.equilibria
        assert sum(float(e.behavior["Russia"]["attack"]) > 0.5 for e in shown) == attacks


def test_map_latex_names_parameters_as_the_tables_do():
    """EquilibriumMap.to_latex writes V_rev as V_{\\mathrm{rev}} (io.latex's rule), not
    sympy's V_{rev}, in conditions and in closed-form payoffs."""
    from gametheory.models import ukraine_guarantees as m

    emap = gt.equilibrium_map(m.build(q="1/2"), ["V_rev"])
    for tex in (emap.to_latex(), emap.to_latex("table")):
        assert r"V_{\mathrm{rev}} < 6" in tex and r"\frac{V_{\mathrm{rev}} - 6}{4}" in tex
        assert "V_{rev}" not in tex
