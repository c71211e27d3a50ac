"""Tests of gt.sweep over a table of points (points=): agreement with gt.solve point by
point, with the cartesian grid the table spells out, the batched engines serving it,
chunks and executors, tables of results, regions, and the errors."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pytest
from scipy.stats import qmc

import gametheory as gt
import gametheory.solvers
from gametheory.errors import GameError
from gametheory.sensitivity import _sweep_solve

Q, R = gt.parameters("q r")


def bimatrix():
    """A 3x3 game whose payoffs are affine in q and r (generic at random points)."""
    A = [[1 + Q, 0, 2 * R], [0, 2 - R, 1], [Q - R, 1, 0]]
    B = [[0, 1 + R, 1], [2 * Q, 0, 1 - Q], [1, R, 2]]
    g = gt.NormalFormGame.from_arrays(A, B)
    return g.describe(gt.Parameter("q", default=0.5, domain=(0, 1)),
                      gt.Parameter("r", default=0.5, domain=(0, 1)))


def tree():
    """The entry game with the incumbent's fighting payoff 3q and acquiescing payoff r:
    it fights (and the challenger stays out) where 3q > r."""
    g = gt.ExtensiveFormGame(["Challenger", "Incumbent"])
    enter, out = g.root.decide("Challenger", ["in", "out"])
    fight, acq = enter.decide("Incumbent", ["fight", "acquiesce"])
    fight.payoffs(0, 3 * Q)
    acq.payoffs(2, R)
    out.payoffs(1, 2)
    return g.describe(gt.Parameter("q", default=0.5, domain=(0, 1)),
                      gt.Parameter("r", default=1, domain=(0, 3)))


def sobol(n, lo, hi, seed=3):
    return qmc.scale(qmc.Sobol(d=len(lo), seed=seed).random(n), lo, hi)


def rows(sol, game):
    """A point's equilibria as sorted tuples of rounded probabilities and payoffs."""
    out = []
    for eq in sol.equilibria:
        if game.is_tree:
            probs = [p for h in sorted(eq.behavior) for _, p in sorted(eq.behavior[h].items())]
        else:
            probs = [p for s in eq.strategies for p in s]
        out.append(tuple(round(float(x), 9) for x in [*probs, *eq.payoffs]))
    return sorted(out)


@pytest.mark.parametrize("make, hi", [(bimatrix, [1, 1]), (tree, [1, 3])])
def test_table_matches_solving_each_point(make, hi):
    game = make()
    x = sobol(32, [0, 0], hi)
    sw = gt.sweep(game, points={"q": x[:, 0], "r": x[:, 1]})
    assert len(sw) == 32 and sw.table and sw.shape == (32,) and sw.names == ("q", "r")
    assert np.array_equal(sw.points, x)
    for k in range(len(sw)):
        want = gt.solve(game.substitute(q=float(x[k, 0]), r=float(x[k, 1])))
        assert rows(sw.solution(k), game) == rows(want, game), k
        assert sw.counts[k] == len(want.equilibria)


@pytest.mark.parametrize("make", [bimatrix, tree])
def test_table_equal_to_a_grid_gives_the_grid_result(make):
    game = make()
    grid = {"q": np.linspace(0, 1, 7), "r": np.linspace(0, 1, 5)}
    by_grid = gt.sweep(game, grid)
    by_table = gt.sweep(game, points={"q": by_grid.points[:, 0], "r": by_grid.points[:, 1]})
    assert len(by_table) == len(by_grid) == 35
    for name in ("point", "profile", "payoffs", "complete"):
        assert np.array_equal(getattr(by_table.batch, name), getattr(by_grid.batch, name))
    # the same rows but for branches: a grid's lines are its last axis, a table is one line
    def strip(recs):
        return [{k: v for k, v in r.items() if k != "branch"} for r in recs]
    assert strip(by_table.records()) == strip(by_grid.records())
    assert [by_table.structure(k) for k in range(35)] == \
        [by_grid.structure(k) for k in range(35)]


def test_a_dataframe_is_a_table():
    pd = pytest.importorskip("pandas")
    game = bimatrix()
    x = sobol(8, [0, 0], [1, 1])
    frame = pd.DataFrame({"r": x[:, 1], "q": x[:, 0]}, index=np.arange(100, 108))
    by_frame = gt.sweep(game, points=frame)
    by_dict = gt.sweep(game, points={"q": x[:, 0], "r": x[:, 1]})
    assert by_frame.names == ("r", "q") and len(by_frame) == 8
    assert np.array_equal(by_frame.batch.profile, by_dict.batch.profile)
    assert np.array_equal(by_frame.values("q"), x[:, 0])


@pytest.mark.parametrize("make, hi, label", [(bimatrix, [1, 1], "support-batch"),
                                             (tree, [1, 3], "spe")])
def test_the_batched_engine_serves_a_table(monkeypatch, make, hi, label):
    game = make()
    x = sobol(64, [0, 0], hi)
    calls = {"solve": 0}
    real = gametheory.solvers.solve

    def counted(*args, **kwargs):
        calls["solve"] += 1
        return real(*args, **kwargs)

    def refuse(*args, **kwargs):
        raise AssertionError("a table of points was solved point by point")

    monkeypatch.setattr(gametheory.solvers, "solve", counted)
    monkeypatch.setattr(_sweep_solve, "per_point", refuse)
    sw = gt.sweep(game, points={"q": x[:, 0], "r": x[:, 1]}, chunk_size=20)
    assert sw.methods == (label,)
    assert calls["solve"] == 0          # generic points: no per-point fallback at all
    assert len(sw) == 64


def test_chunks_and_executors_do_not_change_a_table():
    game = bimatrix()
    x = sobol(32, [0, 0], [1, 1])
    table = {"q": x[:, 0], "r": x[:, 1]}
    whole = gt.sweep(game, points=table)
    chunked = gt.sweep(game, points=table, chunk_size=7)
    with ThreadPoolExecutor(2) as pool:
        threads = gt.sweep(game, points=table, executor=pool)
    with ProcessPoolExecutor(1) as pool:
        procs = gt.sweep(game, points=table, executor=pool, chunk_size=16)
    for other in (chunked, threads, procs):
        assert other.table and len(other) == 32
        assert np.array_equal(other.batch.point, whole.batch.point)
        assert np.allclose(other.batch.profile, whole.batch.profile)


def test_records_have_one_row_per_point_and_equilibrium_with_its_values():
    game = tree()
    table = {"q": np.array([0.9, 0.1, 0.5]), "r": np.array([0.5, 2.5, 1.0])}
    sw = gt.sweep(game, points=table)
    recs = sw.records()
    assert [r["point"] for r in recs] == np.repeat(np.arange(3), sw.counts).tolist()
    for r in recs:
        assert r["q"] == table["q"][r["point"]] and r["r"] == table["r"][r["point"]]
    # 3q > r: the incumbent fights and the challenger stays out
    out = [r["outcome:out"] for r in recs]
    assert out == [1.0, 0.0, 1.0]
    pytest.importorskip("pandas")
    frame = sw.to_frame()
    assert len(frame) == sum(sw.counts) and list(frame["q"]) == [0.9, 0.1, 0.5]
    assert "a table" in str(sw) and "3 points" in str(sw)


def test_regions_of_a_table_varying_one_parameter_match_the_grid():
    game = tree()
    qs = np.linspace(0, 1, 11)
    rng = np.random.default_rng(0)
    shuffled = rng.permutation(qs)
    by_table = gt.sweep(game, points={"q": shuffled, "r": np.full(11, 1.0)})
    by_grid = gt.sweep(game, {"q": qs, "r": [1.0]})
    assert [str(r) for r in by_table.regions("q")] == [str(r) for r in by_grid.regions("q")]
    assert [str(r) for r in by_table.regions()] == [str(r) for r in by_grid.regions()]


def test_regions_of_a_table_varying_two_parameters_need_a_grid():
    game = bimatrix()
    x = sobol(16, [0, 0], [1, 1])
    sw = gt.sweep(game, points={"q": x[:, 0], "r": x[:, 1]})
    with pytest.raises(GameError, match="regions need a grid"):
        sw.regions()
    with pytest.raises(GameError, match="regions need a grid"):
        sw.regions("q", "r")
    assert sw._repr_latex_() is None
    assert len(sw.branches()) == len(sw.batch.point)


@pytest.mark.parametrize("points, match", [
    ({"q": [0.1, 0.2], "r": [0.1, 0.2, 0.3]}, r"unequal lengths: q 2, r 3"),
    ({"q": [0.1, np.nan], "r": [0.1, 0.2]}, r"value nan for 'q' \(row 1\) is not finite"),
    ({"q": [0.1, 1.5], "r": [0.1, 0.2]}, r"1.5 for 'q' \(row 1\) is outside its domain"),
    ({"q": [0.1], "s": [0.1]}, r"unknown parameter 's' in the points"),
    ({"q": ["a", "b"]}, r"values for 'q' are not numbers"),
    ({"q": [[0.1, 0.2]]}, r"must be one-dimensional"),
    ({"q": 0.3}, r"must be a 1-d array"),
    ({"q": []}, r"the points for 'q' is empty"),
    ({}, r"the points are empty"),
    ([(0.1, 0.2)], r"points must be a pandas DataFrame or a dict"),
    (np.zeros((3, 2)), r"points must be a pandas DataFrame or a dict"),
])
def test_bad_tables(points, match):
    with pytest.raises(GameError, match=match):
        gt.sweep(bimatrix(), points=points)


def test_grid_or_points_not_both_nor_neither():
    game = bimatrix()
    with pytest.raises(GameError, match="not both"):
        gt.sweep(game, {"q": [0.1]}, points={"q": [0.1]})
    with pytest.raises(GameError, match="not neither"):
        gt.sweep(game)


def test_a_free_parameter_without_default_must_be_a_column():
    g = gt.NormalFormGame.from_arrays([[Q, 0], [0, R]], [[0, 1], [1, 0]])
    with pytest.raises(GameError, match="'r' is neither in the points nor has a default"):
        gt.sweep(g, points={"q": [0.1, 0.2]})


def test_dataframe_errors():
    pd = pytest.importorskip("pandas")
    game = bimatrix()
    with pytest.raises(GameError, match="pass it as points="):
        gt.sweep(game, pd.DataFrame({"q": [0.1]}))
    with pytest.raises(GameError, match=r"'r' \(row 0\) is not finite"):
        gt.sweep(game, points=pd.DataFrame({"q": [0.1], "r": [None]}))
    with pytest.raises(GameError, match="appears twice"):
        gt.sweep(game, points=pd.DataFrame([[0.1, 0.2]], columns=["q", "q"]))
