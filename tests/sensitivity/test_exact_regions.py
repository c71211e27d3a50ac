"""Regions of a one-parameter sweep are the exact partition of its critical values
(issue 13, section 1): open intervals between consecutive critical values and the values
themselves, each solved exactly, whether or not the grid hits them; no phantom slivers in
the bisection fallback; 2-D cells are sets of grid points, never boxes."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest
import sympy

import gametheory as gt
from gametheory.io._sweep_table import regions_table
from gametheory.io.tables import sweep_table
from gametheory.models import ukraine_guarantees, ukraine_russia_matrix
from gametheory.sensitivity._regions import region_record, structure_of

Q, R = gt.parameters("q r")


def spans(regions):
    return [r.span_text() for r in regions]


# ----------------------------------------------------------------- Ukraine (tree)
UKRAINE = ["q in [0, 1/7)", "q = 1/7", "q in (1/7, 2/5)", "q = 2/5", "q in (2/5, 1]"]


@pytest.mark.parametrize("grid", [np.linspace(0, 1, 1001), np.linspace(0, 1, 1000),
                                  np.linspace(0, 1, 37)])
def test_ukraine_regions_are_the_critical_values_and_the_intervals_between(grid):
    """Model docstring (analytic solution): the security type escalates on NEUTRAL iff
    q < 1/7 and Ukraine is indifferent there (E_NATO = -7.78 = E_NEUTRAL at q = 1/7, two
    equilibria); the revisionist escalates iff q < 2/5 and is indifferent at 2/5 (two
    equilibria). 1001 points hit 2/5 but not 1/7; 1000 and 37 points hit neither."""
    sw = gt.sweep(ukraine_guarantees.build(), {"q": grid})
    regions = sw.regions("q")
    assert spans(regions) == UKRAINE
    assert [len(r.key) for r in regions] == [1, 2, 1, 2, 1]
    assert all(r.exact and not r.continuum for r in regions)
    assert regions[1].ends == (Fraction(1, 7), Fraction(1, 7)) and regions[1].is_point
    assert regions[1].point == (Fraction(1, 7),) and regions[1].solution.exact
    assert len(regions[1].indices) == 0                      # no grid point on 1/7
    hit = bool(np.any(np.isclose(grid, 0.4)))
    assert len(regions[3].indices) == int(hit)
    assert sum(len(r.indices) for r in regions) == len(grid)
    x = sw.values("q")
    assert np.all(x[regions[0].indices] < 1 / 7) and np.all(x[regions[4].indices] > 0.4)
    assert (regions[0].closed, regions[2].closed, regions[4].closed) == \
        ((True, False), (False, False), (False, True))
    for r in regions:                     # each solved exactly inside it (or at it)
        lo, hi = r.ends
        t = r.point[0]
        assert isinstance(t, Fraction) and (lo == t == hi or lo < t < hi)


def test_ukraine_same_regions_however_the_grid_falls():
    g = ukraine_guarantees.build()
    a = gt.sweep(g, {"q": np.linspace(0, 1, 1001)}).regions("q")
    b = gt.sweep(g, {"q": np.linspace(0.001, 0.999, 50) ** 1.1}).regions("q")
    assert [r.description for r in a] == [r.description for r in b]
    assert spans(b)[1:4] == UKRAINE[1:4]


def test_ukraine_closed_forms_where_payoffs_move():
    """On (1/7, 2/5) only the revisionist escalates on NEUTRAL: E_NEUTRAL = 3q - 2 (model
    docstring), Russia's payoff r (1 - q) V_rev - r q C_R = 2 - 5q at the defaults."""
    sw = gt.sweep(ukraine_guarantees.build(), {"q": np.linspace(0, 1, 101)})
    forms = sw.region_formulas("q")
    (eq,) = forms[2]
    assert sympy.simplify(eq.payoffs[0] - (3 * Q - 2)) == 0
    assert sympy.simplify(eq.payoffs[1] - (2 - 5 * Q)) == 0
    rec = region_record(sw.game, sw.regions("q")[2], forms[2])
    assert rec["equilibria"][0]["payoffs"]["Ukraine"] == "3*q - 2"
    assert (rec["lo"], rec["hi"], rec["closed"]) == ("1/7", "2/5", [False, False])
    md = [line for line in sweep_table(sw, "q", "md").splitlines() if line.startswith("|")]
    assert [line.split(" | ")[0][2:] for line in md[2:]] == \
        ["[0, 1/7)", "{1/7}", "(1/7, 2/5)", "{2/5}", "(2/5, 1]"]
    assert "3*q - 2" in md[4]


# ----------------------------------------------------------------- Hawk-Dove in C
def hawk_dove_in_cost(V=2):
    """Hawk-Dove with prize V and cost C (Maynard Smith 1982, ch. 2)."""
    C = gt.parameters("C")
    return gt.NormalFormGame.from_arrays([[(V - C) / 2, V], [0, sympy.Rational(V, 2)]],
                                         [[(V - C) / 2, 0], [V, sympy.Rational(V, 2)]],
                                         strategies=[["H", "D"], ["H", "D"]])


def test_hawk_dove_in_the_cost():
    """Maynard Smith (1982): for C < V Hawk is dominant (one equilibrium); for C > V two
    pure equilibria and the mixed ESS playing Hawk with probability V/C = 2/C; at C = V
    the equilibria form a continuum."""
    g = hawk_dove_in_cost()
    sw = gt.sweep(g, {"C": np.linspace(0.5, 5, 20)})
    low, at, high = sw.regions("C")
    assert spans([low, at, high]) == ["C in [1/2, 2)", "C = 2", "C in (2, 5]"]
    assert low.description == "1 equilibrium: H | H"
    assert high.description == "3 equilibria: H | D; H, D | H, D; D | H"
    assert at.continuum and "a continuum" in str(at)
    forms = sw.region_formulas("C")
    mixed = forms[2][1]
    C = next(iter(g.parameters))
    assert sympy.simplify(mixed.strategies[0][0] - 2 / C) == 0


# ----------------------------------------------------------------- continua
def test_ukraine_matrix_continuum_at_37_100():
    """The 2x4 Ukraine-Russia matrix: at q = 37/100 (= q_N) Ukraine is indifferent, and
    gt.solve reports a component of two extreme equilibria there."""
    g = ukraine_russia_matrix.build()
    sw = gt.sweep(g, {"q": np.linspace(0, 1, 101)})
    regions = sw.regions("q")
    (at,) = [r for r in regions if r.is_point and r.ends[0] == Fraction(37, 100)]
    assert at.continuum and "a continuum" in at.description
    assert len(at.indices) == 1
    sol = gt.solve(sw._reduced("q").substitute(q=Fraction(37, 100)), exact=True)
    assert structure_of(g, sol) == structure_of(g, at.solution)
    assert any(len(c.equilibria) > 1 for c in sol.components)


# ----------------------------------------------------------------- random games
@pytest.mark.parametrize("seed,n", [(1, 2), (2, 2), (3, 2), (4, 3), (5, 3), (6, 3)])
def test_random_games_regions_match_exact_solves(seed, n):
    """Random parametric games (integer coefficients): each open region's structure is
    that of an exact solve at another point inside it, and the exact solves just below
    and just above every inner boundary differ (or the boundary is a point that differs
    from both sides)."""
    rng = np.random.default_rng(seed)
    A = rng.integers(-3, 4, (n, n)) + rng.integers(-2, 3, (n, n)) * Q
    B = rng.integers(-3, 4, (n, n)) + rng.integers(-2, 3, (n, n)) * Q
    g = gt.NormalFormGame.from_arrays(A, B)
    if not g.parameters:
        pytest.skip("no parameter left")
    sw = gt.sweep(g, {"q": np.linspace(-2, 2, 41)})
    regions = sw.regions("q")
    assert all(r.exact for r in regions)

    def at(t):
        return structure_of(g, gt.solve(g.substitute(q=t), method="vertex", exact=True))

    for r in regions:
        lo, hi = (Fraction(str(sympy.N(x, 30))) for x in r.ends)
        if r.is_point:
            continue
        t = lo + (hi - lo) * Fraction(3, 7)
        assert at(t) == structure_of(g, r.solution), (seed, str(r))
    for left, mid, right in zip(regions, regions[1:], regions[2:]):
        if not mid.is_point or not isinstance(mid.ends[0], Fraction):
            continue
        c = mid.ends[0]
        eps = Fraction(1, 10**9)
        below, here, above = at(c - eps), at(c), at(c + eps)
        assert below != above or here != below, (seed, str(mid))
        assert below == structure_of(g, left.solution)
        assert above == structure_of(g, right.solution)


# ----------------------------------------------------------------- no phantom slivers
def square_tie():
    """A = [[q^2 + 1, 0], [1, 1]], B = [[0, 1], [1, 0]]: for q != 0 the unique equilibrium
    mixes (both players indifferent; by hand), at q = 0 row a2 weakly dominates and the
    equilibria form a segment against b1: the equilibrium set changes only at q = 0."""
    return gt.NormalFormGame.from_arrays([[Q**2 + 1, 0], [1, 1]], [[0, 1], [1, 0]])


@pytest.mark.parametrize("exact", ["auto", False])
@pytest.mark.parametrize("grid", [np.linspace(-1, 1, 201), np.linspace(-1e-6, 1e-6, 21)])
def test_a_change_at_a_single_point_has_no_slivers(grid, exact):
    regions = gt.sweep(square_tie(), {"q": grid}).regions("q", exact=exact)
    assert [r.span_text() for r in regions] == [
        f"q in [{Fraction(str(grid[0]))}, 0)", "q = 0", f"q in (0, {Fraction(str(grid[-1]))}]"]
    assert regions[0].description == regions[2].description == \
        "1 equilibrium: a1, a2 | b1, b2"
    assert regions[1].description.startswith("2 equilibria")
    assert regions[0].exact is (exact == "auto")


def by_vertex(game, exact=False, **options):
    """A user's solver (a callable method): no critical values for it."""
    return gt.solve(game, method="vertex", exact=exact, **options)


def test_bisection_fallback_solves_its_boundaries_exactly():
    """Row a1 pays q, row a2 pays 1/2 against either column (the column player is
    indifferent): a2 for q < 1/2, a1 for q > 1/2, both rows at q = 1/2. A callable method
    has no critical values, so the boundary is bisected; the value 1/2 is solved exactly
    and is a point region of its own (closed), its neighbours open."""
    half = sympy.Rational(1, 2)
    g = gt.NormalFormGame.from_arrays([[Q, Q], [half, half]], [[1, 1], [1, 1]])
    sw = gt.sweep(g, {"q": np.linspace(0, 1, 10)}, method=by_vertex)
    with pytest.raises(gt.GameError, match="no exact regions"):
        sw.regions("q", exact=True)
    regions = sw.regions("q")
    assert not any(r.exact for r in regions)
    assert [r.span_text() for r in regions] == ["q in [0, 1/2)", "q = 1/2", "q in (1/2, 1]"]
    assert regions[1].continuum or len(regions[1].key) > 1
    assert [len(r.indices) for r in regions] == [5, 0, 5]


# ----------------------------------------------------------------- trees: off the path
def test_equilibria_sharing_a_path_print_differently():
    """The entrant stays out (payoff 2 > anything inside) whatever the incumbent would
    do; the incumbent is indifferent between fight and accommodate (payoff 1 either
    way) for every q: two subgame-perfect equilibria with the same path 'out'."""
    g = gt.ExtensiveFormGame(["Entrant", "Incumbent"])
    enter, out = g.root.decide("Entrant", ["in", "out"])
    fight, acc = enter.decide("Incumbent", ["fight", "accommodate"])
    fight.payoffs(Q - 1, 1)
    acc.payoffs(Q, 1)
    out.payoffs(2, 0)
    sw = gt.sweep(g, {"q": np.linspace(0, 1, 5)})
    (r,) = sw.regions("q")
    assert r.description in (
        "2 equilibria: path out (Incumbent: in: fight); path out (Incumbent: in: accommodate)",
        "2 equilibria: path out (Incumbent: in: accommodate); path out (Incumbent: in: fight)")
    rec = region_record(g, r)
    texts = [e["strategies"] for e in rec["equilibria"]]
    assert len(set(texts)) == 2 and all("off the path: Incumbent" in t for t in texts)


# ----------------------------------------------------------------- irrational values
def test_an_irrational_critical_value_is_labelled_honestly():
    """Row a1 pays q^2 and a2 pays 1/2 against either column: a1 is strictly better iff
    q > sqrt(2)/2, the rows tie at q = sqrt(2)/2."""
    half = sympy.Rational(1, 2)
    g = gt.NormalFormGame.from_arrays([[Q**2, Q**2], [half, half]], [[1, 0], [1, 0]])
    regions = gt.sweep(g, {"q": np.linspace(0, 1, 11)}).regions("q")
    assert len(regions) == 3
    assert regions[1].is_point and regions[1].ends[0] == sympy.sqrt(2) / 2
    assert str(regions[1]).startswith("q = sqrt(2)/2 (~0.7071): ")
    assert "solved in floats" in regions[1].note
    assert regions[0].span_text() == "q in [0, sqrt(2)/2 (~0.7071))"


# ----------------------------------------------------------------- 2-D cells
def test_two_dimensional_cells_are_not_boxes():
    """Coordination with payoffs q and r: (a1, b1) is an equilibrium iff q >= 0, (a2, b2)
    iff r >= 0; the region q + r < 0 ... as cells on the grid, with a condition hook."""
    g = gt.NormalFormGame.from_arrays([[Q, 0], [0, R]], [[1, 0], [0, 1]])
    vals = [-1.0, -0.5, 0.5, 1.0]
    cells = gt.sweep(g, {"q": vals, "r": vals}).regions()
    assert [c.number for c in cells] == list(range(1, len(cells) + 1))
    assert all(c.box for c in cells)
    text = str(cells[0])
    assert text.startswith("cell 1: 4 grid points, q from -1 to -1/2, r from -1 to -1/2: ")
    import dataclasses
    cond = dataclasses.replace(cells[0], condition="q < 0 and r < 0")
    assert "where q < 0 and r < 0: " in str(cond)
    h = gt.NormalFormGame.from_arrays([[Q + R, 0], [0, 0]], [[1, 0], [0, 1]])
    cells = gt.sweep(h, {"q": vals, "r": vals}).regions()
    assert any(not c.box and "(not a box)" in str(c) for c in cells)


# ----------------------------------------------------------------- CLI json and text
def test_cli_json_regions_are_exact_text():
    out = subprocess.run([sys.executable, "-m", "gametheory", "sweep", "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    assert [r["region"] for r in data["regions"]] == UKRAINE
    assert [(r["lo"], r["hi"]) for r in data["regions"]][1] == ("1/7", "1/7")
    assert data["regions"][2]["equilibria"][0]["payoffs"]["Ukraine"] == "3*q - 2"
    assert [c["value"] for c in data["critical_values"]] == ["1/7", "2/5"]
    assert [len(r["equilibria"]) for r in data["regions"]] == [1, 2, 1, 2, 1]


# ----------------------------------------------------------------- imperfect information
def critical_games():
    """tests/sensitivity/test_critical_games.py, loaded from its file: imperfect_tree(seed)
    (random three-player trees with chance and simultaneous two-player subgames) and
    guarantor_tree() (four players, q in (0, 5))."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "critical_games", Path(__file__).with_name("test_critical_games.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("seed", [2, 3])
def test_imperfect_information_trees_get_the_partition_of_their_critical_values(seed):
    """Random three-player trees with chance and a simultaneous subgame (built as in
    test_critical_games): the exact regions under subgame perfection are the open
    intervals between the critical values and the values themselves (the grid's ends
    points of their own where the structure differs there), and each region's
    representative exact solve by "spe" has the region's structure."""
    g = critical_games().imperfect_tree(seed)
    assert not g.has_perfect_information
    sw = gt.sweep(g, {"q": np.linspace(0, 1, 41)})
    regions = sw.regions("q")
    cvs = [c.value for c in gt.critical_values(g, "q", interval=(0, 1))]
    assert [c.value for c in sw.critical("q")] == cvs and cvs
    inner = [r for r in regions if not (r.is_point and r.ends[0] in (0, 1))]
    cuts = [0, *cvs, 1]
    expect = []
    for k, c in enumerate(cvs):
        expect += [(cuts[k], cuts[k + 1]), (c, c)]
    expect.append((cuts[-2], 1))
    assert [tuple(r.ends) for r in inner] == expect
    assert all(r.exact for r in regions)
    for r in regions:
        t = r.point[0]
        if not isinstance(t, Fraction):
            continue                  # an irrational value, solved in floats (its note)
        sol = gt.solve(g.substitute(q=t), method="spe", exact=True)
        assert structure_of(g, sol) == structure_of(g, r.solution), (seed, str(r))


def test_guarantor_tree_regions_print_the_irrational_threshold():
    """The 4-player guarantor tree (test_critical_games.guarantor_tree; the guarantors' simultaneous
    subgame is a volunteer's dilemma, Diekmann 1985, Journal of Conflict Resolution 29(4),
    605-610): critical values 1, 3 - 2 sqrt(3/5) = 3 - 2 sqrt(15)/5, 3, printed exactly."""
    sw = gt.sweep(critical_games().guarantor_tree(), {"q": np.linspace(0, 5, 51)})
    regions = sw.regions("q")
    assert spans(regions) == [
        "q in [0, 1)", "q = 1", "q in (1, 3 - 2*sqrt(15)/5 (~1.451))",
        "q = 3 - 2*sqrt(15)/5 (~1.451)", "q in (3 - 2*sqrt(15)/5 (~1.451), 3)", "q = 3",
        "q in (3, 5]"]
    assert sympy.simplify(regions[3].ends[0] - (3 - 2 * sympy.sqrt(sympy.Rational(3, 5)))) == 0
    assert [len(r.key) for r in regions] == [1, 3, 3, 4, 3, 3, 1]
    assert str(regions[2]).startswith("q in (1, 3 - 2*sqrt(15)/5 (~1.451)): 3 equilibria")


# ----------------------------------------------------------------- 2-D conditions
def hawk_dove():
    """Hawk-Dove with prize V and cost C (Maynard Smith 1982, Evolution and the Theory of
    Games, ch. 2): Hawk dominates for C < V; for C > V two pure equilibria and the mixed
    one (Hawk with probability V/C); at C = V a continuum."""
    V, C = gt.parameters("V C")
    g = gt.NormalFormGame.from_arrays([[(V - C) / 2, V], [0, V / 2]],
                                      [[(V - C) / 2, 0], [V, V / 2]],
                                      strategies=[["Hawk", "Dove"]] * 2)
    return g.describe(gt.Parameter("V", domain=(0, float("inf"))),
                      gt.Parameter("C", domain=(0, float("inf"))))


def test_hawk_dove_cells_get_the_conditions_of_the_equilibrium_map():
    vals = np.linspace(0.5, 4, 8)
    sw = gt.sweep(hawk_dove(), {"V": vals, "C": vals})
    assert all(c.condition is None for c in sw.regions())          # default: not asked
    cells = sw.regions(conditions="auto")
    big = sorted((c for c in cells if len(c.indices) > 1), key=lambda c: len(c.key))
    assert [c.condition for c in big] == ["C < V", "C > V"]
    assert [len(c.key) for c in big] == [1, 3]
    diagonal = [c for c in cells if len(c.indices) == 1]
    assert len(diagonal) == len(vals) and all(c.condition == "C = V" for c in diagonal)
    assert "where C < V: 1 equilibrium: Hawk | Hawk" in str(big[0])
    table = regions_table(cells, sw.game, format="md").splitlines()
    assert table[0].startswith("| cell | where | V, C at |")
    assert any("| C > V |" in row for row in table)
    with pytest.raises(gt.GameError, match="conditions must be"):
        sw.regions(conditions="yes")


def test_cells_whose_structure_no_map_region_has_get_a_note():
    """A map region is taken only where an exact solve at the cell's point has its
    structure: with the map's regions forced to mismatch, the condition stays None."""
    import dataclasses

    vals = np.linspace(0.5, 4, 4)
    sw = gt.sweep(hawk_dove(), {"V": vals, "C": vals})
    emap = sw.equilibrium_map()
    sw._cache[("map", ("V", "C"))] = dataclasses.replace(
        emap, regions=tuple(dataclasses.replace(r, structure=("other",)) for r in emap))
    cells = sw.regions(conditions=True)
    assert all(c.condition is None and "no region of the equilibrium map" in c.note
               for c in cells)


def test_cli_conditions_in_text_and_json():
    base = [sys.executable, "-m", "gametheory", "sweep", "--vary", "q=0:1:11",
            "--vary", "r=0:1:11", "--conditions"]
    out = subprocess.run(base + ["--format", "json"], capture_output=True, text=True,
                         check=True)
    regions = json.loads(out.stdout)["regions"]
    conds = {r["condition"] for r in regions}
    assert {"q < 1/7", "q > 2/5"} <= conds
    text = subprocess.run(base, capture_output=True, text=True, check=True).stdout
    assert "where q < 1/7: " in text
    bad = subprocess.run(base[:6] + ["--conditions"], capture_output=True, text=True)
    assert bad.returncode == 2 and "--conditions needs two varied parameters" in bad.stderr


def test_big_two_player_games_bisect_unless_asked():
    """A 6 x 6 game has comb(12, 6) - 1 = 923 support pairs, more than EXACT_PAIRS: its
    exact critical values take minutes, so regions(exact="auto") bisects (and says so
    through Region.exact); a 2 x 2 game (5 pairs) gets the exact partition."""
    from gametheory.sensitivity.sweep import EXACT_PAIRS

    rng = np.random.default_rng(3)
    big = gt.NormalFormGame.from_arrays(rng.integers(0, 9, (6, 6)) + 0 * Q,
                                        rng.integers(0, 9, (6, 6)) + Q * np.eye(6))
    assert math.comb(12, 6) - 1 > EXACT_PAIRS
    sw = gt.sweep(big, {"q": np.linspace(0, 1, 11)})
    assert not any(r.exact for r in sw.regions("q"))
    small = gt.NormalFormGame.from_arrays([[Q, 0], [0, 1]], [[1, 0], [0, 1]])
    assert all(r.exact for r in gt.sweep(small, {"q": np.linspace(-1, 1, 5)}).regions("q"))
