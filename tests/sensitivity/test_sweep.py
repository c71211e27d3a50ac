"""Tests of gt.sweep: agreement with the complete solvers point by point, regions with
known thresholds, 2-D cells, branches, tables, executors (process pool, dask) and errors."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.games.generators import random_tree

Q, R = gt.parameters("q r")


def hawk_dove(cost=Fraction(2, 3)):
    """Hawk-Dove with prize V = q and cost C (Maynard Smith 1982, ch. 2): for V < C the
    pure equilibria (H, D), (D, H) and the mixed one playing H with probability V/C; for
    V > C, (H, H) alone. The structure changes exactly at q = C."""
    c = sympy.Rational(cost.numerator, cost.denominator)
    return gt.NormalFormGame.from_arrays(
        [[(Q - c) / 2, Q], [0, Q / 2]], [[(Q - c) / 2, 0], [Q, Q / 2]],
        strategies=[["H", "D"], ["H", "D"]])


def entry_game():
    """The entry game (Selten 1978; Osborne 2004, sec. 5.2): the incumbent fights for a
    payoff 3q and acquiesces for 1, so it fights (and the challenger stays out) exactly
    when q > 1/3."""
    g = gt.ExtensiveFormGame(["Challenger", "Incumbent"])
    enter, out = g.root.decide("Challenger", ["in", "out"])
    fight, acq = enter.decide("Incumbent", ["fight", "acquiesce"])
    fight.payoffs(0, 3 * Q)
    acq.payoffs(2, 1)
    out.payoffs(1, 2)
    return g


def parametric_bimatrix(data, n):
    coef = st.integers(-3, 3)
    A = [[data.draw(coef) + data.draw(coef) * Q for _ in range(n)] for _ in range(n)]
    B = [[data.draw(coef) + data.draw(coef) * Q for _ in range(n)] for _ in range(n)]
    return gt.NormalFormGame.from_arrays(A, B)


def parametric_tree(nodes, seed):
    """A random perfect-information tree with chance; each terminal payoff x becomes
    x + a q with a small integer a, and each chance distribution w becomes
    (1 - q) w + q reversed(w)."""
    base = random_tree(nodes, seed=seed, merge=0)
    a = base.arrays
    rng = np.random.default_rng(seed)
    g = gt.ExtensiveFormGame(base.players)
    new = {0: g.root}
    kids = [[] for _ in a.parent]
    for v in range(1, len(a.parent)):
        kids[int(a.parent[v])].append(v)
    term = {int(t): k for k, t in enumerate(a.terminals)}
    for v in range(len(a.parent)):
        p = int(a.player[v])
        if p == -2:
            new[v].payoffs(*[int(x) + int(rng.integers(-2, 3)) * Q
                             for x in a.payoffs[term[v]]])
            continue
        labels = [f"a{j}" for j in range(len(kids[v]))]
        if p == -1:
            w = [sympy.Rational(str(a.chance_prob[c])) for c in kids[v]]
            probs = [(1 - Q) * x + Q * y for x, y in zip(w, w[::-1])]
            out = new[v].chance(dict(zip(labels, probs)))
        else:
            out = new[v].decide(base.players[p], labels, infoset=a.infoset_labels[a.infoset[v]])
        new.update(zip(kids[v], out))
    return g


def same_rows(sw, k, sol, tol=1e-6):
    """The sweep's rows at point k equal the solution's equilibria as sets."""
    rows = sw.batch.profile[sw.batch.rows(k)]
    if sol.equilibria and sol.equilibria[0].behavior is not None:
        want = [np.array([p for acts in eq.behavior.values() for p in acts.values()],
                         dtype=float) for eq in sol.equilibria]
    else:
        want = [np.concatenate([np.asarray(s, dtype=float) for s in eq.strategies])
                for eq in sol.equilibria]
    assert len(rows) == len(want), (k, rows, want)
    for w in want:
        assert np.abs(rows - w).max(axis=1, initial=0.0).min() <= tol, (k, rows, w)


# ----------------------------------------------------------------- agreement
@settings(deadline=None, max_examples=12)
@given(st.data(), st.sampled_from([2, 3]))
def test_bimatrix_sweep_agrees_with_vertex_at_every_point(data, n):
    g = parametric_bimatrix(data, n)
    assume(g.parameters)
    values = np.linspace(-1, 1, 9)
    sw = gt.sweep(g, {"q": values})
    assert len(sw) == 9 and sw.complete.all()
    for k, v in enumerate(values):
        same_rows(sw, k, gt.solve(g.substitute(q=float(v)), method="vertex"))


@settings(deadline=None, max_examples=8)
@given(st.integers(0, 10**6))
@example(440)                              # chance moves only: no decision at all
def test_tree_sweep_agrees_with_backward_induction_at_every_point(seed):
    g = parametric_tree(25, seed)
    values = np.linspace(0, 1, 6)
    sw = gt.sweep(g, {"q": values})
    for k, v in enumerate(values):
        sol = gt.solve(g.substitute(q=float(v)), method="spe")
        same_rows(sw, k, sol)
        np.testing.assert_allclose(sorted(map(tuple, sw.batch.payoffs[sw.batch.rows(k)])),
                                   sorted(eq.payoffs for eq in sol.equilibria), atol=1e-9)
    frame = sw.to_frame()                      # outcome distributions, chance in q
    outcome = frame[[c for c in frame if c.startswith("outcome:")]].to_numpy()
    for r in (0, len(frame) - 1):
        k = int(frame["point"][r])
        behavior = sw.solution(k).equilibria[int(frame["equilibrium"][r])].behavior
        np.testing.assert_allclose(
            outcome[r], np.asarray(g.substitute(q=float(values[k])).realization_probabilities(
                behavior), dtype=float), atol=1e-12)


def test_per_point_method_agrees_with_engine_and_shows_progress(capsys):
    g = hawk_dove()
    grid = {"q": np.linspace(0.1, 1.2, 12)}
    fast, slow = gt.sweep(g, grid), gt.sweep(g, grid, method="vertex", progress=True)
    assert slow.methods == ("vertex",)
    assert "sweep" in capsys.readouterr().err         # the tqdm bar
    np.testing.assert_array_equal(fast.counts, slow.counts)
    np.testing.assert_allclose(fast.batch.profile, slow.batch.profile, atol=1e-9)


def by_vertex(game, exact=False, **options):
    """A user's method: solve_vertex, at module level so that a process pool can pickle it."""
    from gametheory.solvers.vertex import solve_vertex

    return solve_vertex(game, exact=exact, **options)


def test_callable_method_is_solved_point_by_point_like_its_registered_method():
    from gametheory.solvers.vertex import solve_vertex

    calls = []

    def counted(game, exact=False, **options):
        calls.append(exact)
        return solve_vertex(game, exact=exact, **options)

    g = hawk_dove()
    grid = {"q": np.linspace(0.1, 1.2, 12)}
    sw, ref = gt.sweep(g, grid, method=counted), gt.sweep(g, grid, method="vertex")
    assert calls == [False] * 12                       # once per point, in floats
    assert sw.methods == ref.methods == ("vertex",) and sw.method is counted
    np.testing.assert_array_equal(sw.counts, ref.counts)
    np.testing.assert_array_equal(sw.batch.point, ref.batch.point)
    np.testing.assert_allclose(sw.batch.profile, ref.batch.profile, atol=1e-12)
    for k in (0, 5, 11):
        same_rows(sw, k, ref.solution(k))
    # a callable has no critical values: its regions are bisected, like the method's
    assert not any(r.exact for r in sw.regions("q"))
    assert [str(r) for r in sw.regions("q")] == [str(r) for r in ref.regions("q", exact=False)]
    assert True in calls                               # the boundary refined exactly
    assert "by vertex" in str(sw)


def test_callable_method_and_a_process_pool():
    g = hawk_dove()
    grid = {"q": np.linspace(0.1, 1.2, 6)}
    with ProcessPoolExecutor(2) as pool:
        with pytest.raises(gt.SolverError, match="cannot be pickled"):
            gt.sweep(g, grid, executor=pool, method=lambda game, exact=False: None)
        sw = gt.sweep(g, grid, executor=pool, chunk_size=3, method=by_vertex)
    ref = gt.sweep(g, grid, method="vertex")
    np.testing.assert_array_equal(sw.batch.point, ref.batch.point)
    np.testing.assert_allclose(sw.batch.profile, ref.batch.profile, atol=1e-12)


def test_imperfect_information_tree_through_the_normal_form():
    """Matching pennies as a tree, the stake q > 0: the unique equilibrium mixes 1/2-1/2."""
    g = gt.ExtensiveFormGame(["A", "B"])
    kids = g.root.decide("A", ["H", "T"])
    for i, node in enumerate(kids):
        for j, leaf in enumerate(node.decide("B", ["h", "t"], infoset="B")):
            leaf.payoffs(Q if i == j else -Q, -Q if i == j else Q)
    sw = gt.sweep(g, {"q": [1.0, 2.0]})
    np.testing.assert_allclose(sw.batch.profile, 0.5)
    rec = sw.records()
    assert rec[0]["outcome:H/h"] == pytest.approx(0.25)


# ----------------------------------------------------------------- regions
def test_hawk_dove_boundary_refined_to_the_exact_threshold():
    sw = gt.sweep(hawk_dove(), {"q": np.linspace(0.1, 1.3, 13)})
    for exact in ("auto", False):              # critical values, or bisection
        below, at, above = sw.regions("q", exact=exact)
        assert abs(below.hi - 2 / 3) <= 1e-12 and abs(above.lo - 2 / 3) <= 1e-12
        assert (below.lo, above.hi) == (pytest.approx(0.1), pytest.approx(1.3))
        assert below.description == "3 equilibria: H | D; H, D | H, D; D | H"
        assert above.description == "1 equilibrium: H | H"
        assert at.is_point and at.ends == (Fraction(2, 3), Fraction(2, 3))
        assert len(below.equilibria) == 3 and below.solution.complete
        assert np.all(below.indices == np.arange(6)) and "q in [1/10, 2/3)" in str(below)
        assert str(above).startswith("q in (2/3, 13/10]")


def test_entry_game_path_changes_at_one_third():
    sw = gt.sweep(entry_game(), {"q": np.linspace(0, 1, 8)})
    enter, tie, stay_out = sw.regions()
    assert abs(enter.hi - 1 / 3) <= 1e-12 and abs(stay_out.lo - 1 / 3) <= 1e-12
    assert enter.description == "1 equilibrium: path in/acquiesce"
    assert stay_out.description == "1 equilibrium: path out"
    assert tie.is_point and len(tie.key) == 2 and not len(tie.indices)   # q = 1/3


@settings(deadline=None, max_examples=6)
@given(st.data())
def test_regions_partition_the_grid_and_boundaries_separate_the_structures(data):
    """Random parametric 2x2 games: 1e-11 below the refined boundary between two regions
    the exact equilibria have the left structure, 1e-11 above it the right one."""
    g = parametric_bimatrix(data, 2)
    assume(g.parameters)
    sw = gt.sweep(g, {"q": np.linspace(-1, 1, 5)})
    regions = sw.regions()
    assert sorted(np.concatenate([r.indices for r in regions]).tolist()) == list(range(5))
    for left, right in zip(regions, regions[1:]):
        assert left.lo <= left.hi <= right.lo <= right.hi
        assert right.lo - left.hi <= 4e-12                 # no gap: missed regions found
        for at, region in ((left.hi - 1e-11, left), (right.lo + 1e-11, right)):
            if region.lo < at < region.hi:
                sol = gt.solve(g.substitute(q=Fraction(at)), exact=True)
                assert tuple(sorted(eq.supports for eq in sol)) == region.key


def test_a_region_between_grid_points_is_found():
    """A = [[1 - 3q, -q], [2q, 1]], B = [[q, 0], [1, -q]]: for 0 < q < 1/5 row a1 is the
    best reply to b1 (1 - 3q > 2q) and b1 to a1 (q > 0), so (a1, b1) is the unique
    equilibrium there; the grid -1, -1/2, 0, 1/2, 1 has no point inside."""
    g = gt.NormalFormGame.from_arrays([[1 - 3 * Q, -Q], [2 * Q, 1]], [[Q, 0], [1, -Q]])
    sw = gt.sweep(g, {"q": np.linspace(-1, 1, 5)})
    missed = [r for r in sw.regions() if not len(r.indices) and not r.is_point]
    assert len(missed) == 1 and missed[0].description == "1 equilibrium: a1 | b1"
    assert missed[0].bounds == ((0.0, 0.2),) and missed[0].exact
    # solved exactly at the simple rational 1/7 inside: payoffs 1 - 3q, q
    assert missed[0].point == (Fraction(1, 7),)
    assert str(missed[0].equilibria[0]) == "Player 1: a1 1; Player 2: b1 1; payoffs 4/7, 1/7"
    bisected = [r for r in sw.regions(exact=False) if not len(r.indices) and not r.is_point]
    assert [r.description for r in bisected] == ["1 equilibrium: a1 | b1"]
    assert str(bisected[0].equilibria[0]) == \
        "Player 1: a1 1; Player 2: b1 1; payoffs 0.7, 0.1"


def test_grid_point_on_a_threshold_is_its_own_region():
    sw = gt.sweep(entry_game(), {"q": [0.0, Fraction(1, 3), 1.0]})
    mid = sw.regions("q")[1]
    # the paths tell the two equilibria apart, and the incumbent's choice (on the path
    # of one of them) as well
    assert mid.description == ("2 equilibria: path out (Challenger: root: out; Incumbent: in: "
                               "fight); path in/acquiesce (Challenger: root: in; Incumbent: "
                               "in: acquiesce)")
    assert abs(mid.lo - 1 / 3) <= 1e-12 and abs(mid.hi - 1 / 3) <= 1e-12
    assert mid.indices.tolist() == [1] and str(mid).startswith("q = 1/3: ")


def test_two_dimensional_cells():
    """Coordination with payoffs q for (a1, b1) and r for (a2, b2) to player 1: (a1, b1)
    is an equilibrium iff q >= 0, (a2, b2) iff r >= 0."""
    g = gt.NormalFormGame.from_arrays([[Q, 0], [0, R]], [[1, 0], [0, 1]])
    sw = gt.sweep(g, {"q": [-1.0, -0.5, 0.5, 1.0], "r": [-1.0, -0.5, 0.5, 1.0]})
    cells = sw.regions()
    assert len(cells) == 4 and sum(len(c.indices) for c in cells) == 16
    by_corner = {(c.bounds[0][0] > 0, c.bounds[1][0] > 0): c for c in cells}
    assert by_corner[True, True].description.startswith("3 equilibria")
    assert by_corner[True, False].description == "1 equilibrium: a1 | b1"
    assert by_corner[False, True].description == "1 equilibrium: a2 | b2"
    assert by_corner[False, False].bounds == ((-1.0, -0.5), (-1.0, -0.5))
    assert sw.regions("r", "q")[0].names == ("r", "q")
    with pytest.raises(gt.GameError, match="varying"):
        sw.regions("q")


# ----------------------------------------------------------------- branches, tables
def test_region_point_representative_and_ends():
    """A grid region is represented by its middle grid point (its solution); a region
    between grid points by the simple rational midpoint of its ends, solved there."""
    g = gt.NormalFormGame.from_arrays([[1 - 3 * Q, -Q], [2 * Q, 1]], [[Q, 0], [1, -Q]])
    sw = gt.sweep(g, {"q": np.linspace(-1, 1, 5)})
    exact = sw.regions()
    assert all(isinstance(r.point[0], Fraction) and r.representative is r.solution
               for r in exact)
    regions = sw.regions(exact=False)
    first = regions[0]
    k = int(first.indices[len(first.indices) // 2])
    assert first.point == (float(sw.values("q")[k]),)
    assert first.representative is first.solution
    missed = next(r for r in regions if not len(r.indices) and not r.is_point)
    assert missed.ends == (Fraction(0), Fraction(1, 5)) and not missed.is_point
    assert missed.point == (Fraction(1, 10),)
    rep = missed.representative
    assert rep is missed.representative                      # computed once
    assert tuple(sorted(eq.supports for eq in rep)) == missed.key
    assert rep.game.parameters == () and rep.game == g.substitute(q=Fraction(1, 10))


def test_a_region_of_one_value_snaps_to_its_fraction():
    sw = gt.sweep(entry_game(), {"q": [0.0, Fraction(1, 3), 1.0]})
    low, mid, high = sw.regions("q")
    assert mid.is_point and mid.ends == (Fraction(1, 3), Fraction(1, 3))
    assert not low.is_point and low.ends[0] == 0 and isinstance(low.ends[1], Fraction)


def test_region_formulas_per_region():
    """Hawk-Dove with cost 2/3: below q = 2/3 the mixed equilibrium plays H with
    probability q/(2/3) = 3q/2; above, (H, H) alone; at a grid point on 2/3 its
    equilibria are solved exactly there."""
    sw = gt.sweep(hawk_dove(), {"q": [0.2, Fraction(2, 3), 1.0]})
    regions = sw.regions("q")
    forms = sw.region_formulas("q")
    assert regions[1].is_point and len(forms) == 3
    assert [len(forms[0]), len(forms[2])] == [len(regions[0].key), len(regions[2].key)]
    assert [len(forms[0]), len(forms[2])] == [3, 1]
    mixed = next(e for e in forms[0] if all(p != 0 for p in e.strategies[0]))
    assert sympy.simplify(mixed.strategies[0][0] - 3 * Q / 2) == 0
    exact = gt.solve(hawk_dove().substitute(q=Fraction(2, 3)), exact=True)
    assert [str(e) for e in forms[1]] == [str(e) for e in exact.equilibria]
    assert all(isinstance(x, Fraction) for e in forms[1] for s in e.strategies for x in s)
    assert sw.region_formulas("q", closed_form=False) is None
    with pytest.raises(gt.GameError, match="closed_form"):
        sw.region_formulas("q", closed_form="yes")


def test_region_formulas_auto_true_and_two_parameters():
    big = gt.NormalFormGame.from_arrays(np.full((9, 9), 0) + Q, np.zeros((9, 9)))
    sw = gt.sweep(big, {"q": [0.0, 1.0]})
    assert sw.region_formulas("q") is None                  # too big to try unasked
    tree = gt.ExtensiveFormGame(["A", "B"])
    x, y = tree.root.decide("A", ["x", "y"])
    for n in (x, y):
        u, v = n.decide("B", ["u", "v"], infoset="B")
        u.payoffs(Q, 0)
        v.payoffs(0, 1)
    sw = gt.sweep(tree, {"q": [0.0, 1.0]})
    assert sw.region_formulas("q") is None                  # imperfect information
    with pytest.raises(gt.GameError, match="no closed form.*not behaviour"):
        sw.region_formulas("q", closed_form=True)            # Nash of the reduced form
    spe = gt.sweep(tree, {"q": [0.0, 1.0]}, method="spe")
    (forms,) = spe.region_formulas("q", closed_form=True)    # subgame perfect: behaviour
    assert all(e.behavior is not None for e in forms) and len(forms) == 2
    two = gt.sweep(gt.NormalFormGame.from_arrays([[Q, 0], [0, R]], [[1, 0], [0, 1]]),
                   {"q": [-1.0, 1.0], "r": [-1.0, 1.0]})
    with pytest.raises(gt.GameError, match="one varying parameter"):
        two.region_formulas()


def test_branches_are_continuous():
    """In Hawk-Dove the mixed equilibrium (H with probability q/C) moves continuously and
    becomes (H, H) at q = C, while (H, D) and (D, H) end there: three branches."""
    sw = gt.sweep(hawk_dove(), {"q": np.linspace(0.05, 1.0, 40)})
    br = sw.branches()
    assert sorted(set(br.tolist())) == [0, 1, 2]
    for b in range(3):
        rows = np.flatnonzero(br == b)
        assert np.all(np.diff(sw.batch.point[rows]) == 1)
        assert np.abs(np.diff(sw.batch.profile[rows], axis=0)).max() < 0.05
    mixed = br[sw.batch.rows(0)][1]
    last = np.flatnonzero(br == mixed)[-1]
    assert sw.batch.point[last] == 39 and sw.batch.profile[last, 0] == 1.0


def test_records_and_frame():
    sw = gt.sweep(hawk_dove(), {"q": [0.5, 1.0]})
    rec = sw.records()
    assert len(rec) == 4 and rec[0]["point"] == 0 and rec[3]["equilibrium"] == 0
    assert set(rec[0]) == {"point", "q", "equilibrium", "branch", "Player 1:H",
                           "Player 1:D", "Player 2:H", "Player 2:D", "payoff:Player 1",
                           "payoff:Player 2"}
    frame = sw.to_frame()
    assert frame.shape == (4, 10) and list(frame["q"]) == [0.5, 0.5, 0.5, 1.0]
    tree = gt.sweep(entry_game(), {"q": [0.0, 1.0]}).records()
    assert [r["outcome:out"] for r in tree] == [0.0, 1.0]


def test_to_frame_without_pandas(monkeypatch):
    import sys

    sw = gt.sweep(hawk_dove(), {"q": [0.5]})
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="needs pandas"):
        sw.to_frame()


def test_solution_points_and_display():
    g = hawk_dove()
    sw = gt.sweep(g, {"q": [0.5, 1.0]})
    sol = sw.solution(-1)
    assert [eq.isclose(e) for eq, e in zip(sol, gt.solve(g.substitute(q=1.0)))] == [True]
    assert sw.values("q").tolist() == [0.5, 1.0] and sw.counts.tolist() == [3, 1]
    assert sw.structure(1) == "1 equilibrium: H | H"
    assert "2 points" in str(sw) and "<li>" in sw._repr_html_()
    with pytest.raises(IndexError):
        sw.solution(2)


# ----------------------------------------------------------------- executors
def test_process_pool_gives_the_in_process_result():
    g = hawk_dove()
    grid = {"q": np.linspace(0, 1.5, 101)}
    ref = gt.sweep(g, grid)
    with ProcessPoolExecutor(2) as pool:
        sw = gt.sweep(g, grid, executor=pool, chunk_size=30)
    np.testing.assert_array_equal(sw.batch.point, ref.batch.point)
    np.testing.assert_array_equal(sw.batch.profile, ref.batch.profile)
    tree = entry_game()
    with ProcessPoolExecutor(2) as pool:
        a = gt.sweep(tree, {"q": np.linspace(0, 1, 20)}, executor=pool, method="spe")
    b = gt.sweep(tree, {"q": np.linspace(0, 1, 20)}, chunk_size=7, method="spe")
    np.testing.assert_array_equal(a.batch.profile, b.batch.profile)


def test_dask_local_cluster_gives_the_in_process_result():
    """Two worker processes; forked (not spawned) so that they start with the modules
    this process has imported, which keeps the test fast."""
    import dask
    from dask.distributed import Client, LocalCluster

    g = gt.NormalFormGame.from_arrays([[Q, 0], [0, R]], [[1, 0], [0, 1]])
    grid = {"q": np.linspace(-1, 1, 40), "r": np.linspace(-1, 1, 25)}
    ref = gt.sweep(g, grid)
    with dask.config.set({"distributed.worker.multiprocessing-method": "fork"}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                         dashboard_address=None) as cluster, Client(cluster) as client:
        sw = gt.sweep(g, grid, executor=client.get_executor())
    for f in ("point", "profile", "payoffs", "complete"):
        np.testing.assert_array_equal(getattr(sw.batch, f), getattr(ref.batch, f))


# ----------------------------------------------------------------- errors
def test_errors():
    g = hawk_dove()
    with pytest.raises(gt.GameError, match="unknown parameter 'p'"):
        gt.sweep(g, {"p": [1.0]})
    with pytest.raises(gt.GameError, match="grid for 'q' is empty"):
        gt.sweep(g, {"q": []})
    with pytest.raises(gt.GameError, match="grid is empty"):
        gt.sweep(g, {})
    with pytest.raises(gt.GameError, match="not finite"):
        gt.sweep(g, {"q": [0.5, np.nan]})
    with pytest.raises(gt.GameError, match="chunk_size"):
        gt.sweep(g, {"q": [0.5]}, chunk_size=2.5)
    with pytest.raises(gt.SolverError, match="unknown method 'simplex'"):
        gt.sweep(g, {"q": [0.5]}, method="simplex")
    two = gt.NormalFormGame.from_arrays([[Q, 0], [0, R]], [[1, 0], [0, 1]])
    with pytest.raises(gt.GameError, match="'r' is neither in the grid nor has a default"):
        gt.sweep(two, {"q": [0.5]})
    two.describe(gt.Parameter("r", default=Fraction(1, 2), domain=(0, 1)))
    sw = gt.sweep(two, {"q": [0.5]})
    assert sw.values("r").tolist() == [0.5] and "r = 0.5" in str(sw)
    with pytest.raises(gt.GameError, match="outside its domain"):
        gt.sweep(two, {"q": [0.5], "r": [0.5, 2.0]})
    with pytest.raises(gt.GameError, match="not swept"):
        sw.regions("r")


def test_three_varying_parameters_are_solved_but_regions_are_refused():
    # every point of a 3-D grid is solved (here: a coordination game, 3 equilibria at each
    # point with a, b, c > 0); regions exist only in one or two dimensions
    a, b, c = gt.parameters("a b c")
    g = gt.NormalFormGame.from_arrays([[a, 0], [0, b]], [[c, 0], [0, 1]])
    sw = gt.sweep(g, {"a": [0.5, 1.5], "b": [1, 2], "c": [1, 2, 3]})
    assert len(sw) == 12 and sw.counts.tolist() == [3] * 12
    assert gt.max_regret(sw.game.substitute(a=1.5, b=2, c=3), sw.solution(11).equilibria[1]) \
        < 1e-12
    with pytest.raises(gt.GameError, match=r"one or two varying parameters; this grid varies 3 "
                                        r"\(a, b, c\): sweep all but two"):
        sw.regions()
    with pytest.raises(gt.GameError, match="one or two varying parameters"):
        sw.regions("a", "b")
    flat = gt.sweep(g, {"a": [0.5, 1.5], "b": [1, 2], "c": [2]})   # c at a single value
    # one region: the same three equilibria (two pure, one mixed) at every point
    assert [r.description for r in flat.regions("a", "b")] == \
        ["3 equilibria: a1 | b1; a1, a2 | b1, b2; a2 | b2"]


# --------------------------------------- a near-tie of 1e-14 is no region of its own (issue 11)
def _square_tie():
    """A = [[q^2 + 1, 0], [1, 1]], B = [[0, 1], [1, 0]]: for q != 0 the unique equilibrium
    is x = (1/2, 1/2), y = (1, q^2)/(1 + q^2) (both players indifferent; solved by hand);
    at q = 0 row a2 weakly dominates and the equilibria are the segment x1 in [0, 1/2]
    against b1."""
    return gt.NormalFormGame.from_arrays([[Q**2 + 1, 0], [1, 1]], [[0, 1], [1, 0]])


@pytest.mark.parametrize("grid", [np.linspace(-1, 1, 201), np.linspace(-1e-6, 1e-6, 21)])
def test_no_phantom_regions_around_a_quadratic_tie(grid):
    """Float near-ties (A[0][0] = 1 + 1e-14 at q = 1e-7) used to give phantom regions
    such as q in [-3.16228e-07, 0] (b2's probability q^2 read as 0) and continua at
    q = +-1e-6; now three regions: below 0, the point 0, above 0."""
    regions = gt.sweep(_square_tie(), {"q": grid}).regions("q")
    assert [(r.lo, r.hi) for r in regions] == [(grid[0], 0.0), (0.0, 0.0), (0.0, grid[-1])]
    for r in (regions[0], regions[2]):
        assert r.description == "1 equilibrium: a1, a2 | b1, b2"
    # at q = 0 the segment x1 in [0, 1/2] against b1: a continuum
    assert regions[1].description == "2 equilibria (a continuum through 1, 2): a1, a2 | b1; a2 | b1"
    assert [r.span_text() for r in regions] == [
        f"q in [{Fraction(str(grid[0]))}, 0)", "q = 0", f"q in (0, {Fraction(str(grid[-1]))}]"]
