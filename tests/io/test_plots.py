"""Figures drawn with the Agg backend; the tests read back what was drawn."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

import gametheory as gt
from gametheory.io.plots import (
    equilibrium_label,
    plot_regions,
    plot_sweep,
    plot_tree,
    value_text,
)
from gametheory.models import ukraine_guarantees

matplotlib.use("Agg")  # no figure is open yet, so the backend can still be switched


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def hawk_dove():
    """Hawk-Dove with prize v and cost 1 (Maynard Smith 1982, ch. 2): for v < 1 two pure
    equilibria and a mixed one (Hawk with probability v), for v > 1 only (H, H)."""
    v = gt.parameters("v")
    return gt.NormalFormGame.from_arrays([[(v - 1) / 2, v], [0, v / 2]],
                                         [[(v - 1) / 2, 0], [v, v / 2]],
                                         players=["Row", "Column"],
                                         strategies=[["H", "D"], ["H", "D"]])


def lines(ax, gid):
    return [ln for ln in ax.lines if ln.get_gid() == gid]


def test_sweep_lines_per_branch_and_boundary_marker():
    sw = gt.sweep(hawk_dove(), {"v": np.linspace(0.1, 1.9, 19)})
    ax = plot_sweep(sw, "v")
    assert ax.get_xlabel() == "v" and ax.get_ylabel() == "equilibrium probability"
    # one line per branch and player (two strategies: the probability of H)
    assert len(lines(ax, "branch")) == 2 * len(np.unique(sw.branches()))
    (b,) = lines(ax, "boundary")
    assert b.get_xdata()[0] == pytest.approx(1.0, abs=1e-9)
    assert [t.get_text() for t in ax.texts] == ["1"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["P(Row: H)", "P(Column: H)"]
    # the mixed branch: Hawk with probability v
    mixed = [ln for ln in lines(ax, "branch")
             if 0 < np.asarray(ln.get_ydata())[0] < 1]
    x, y = np.asarray(mixed[0].get_xdata()), np.asarray(mixed[0].get_ydata())
    assert len(mixed) == 2 and np.allclose(y[x < 1], x[x < 1])


def test_sweep_critical_values_of_the_ukraine_model_marked_and_labelled():
    g = ukraine_guarantees.build()
    sw = gt.sweep(g, {"q": np.linspace(0, 1, 101)})
    ax = plot_sweep(sw, critical=gt.critical_values(g, "q"))
    crit = lines(ax, "critical")
    # 1/7 and 2/5: ukraine_guarantees module docstring (V / (V + C_R) by hand)
    assert [ln.get_xdata()[0] for ln in crit] == pytest.approx([1 / 7, 2 / 5], abs=1e-12)
    assert [t.get_text() for t in ax.texts] == ["q = 1/7", "q = 2/5"]
    assert lines(ax, "boundary") == []          # every boundary is a critical value
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == "P(Ukraine: NATO)"      # constant columns are left out
    assert len(legend) == 3
    nato = lines(ax, "branch")[0]
    x, y = np.asarray(nato.get_xdata()), np.asarray(nato.get_ydata())
    assert np.all(y[x < 1 / 7] == 1) and np.all(y[x > 1 / 7] == 0)


def test_sweep_payoffs_one_line_per_player_and_branch():
    sw = gt.sweep(hawk_dove(), {"v": [0.25, 0.5, 0.75]})
    ax = plot_sweep(sw, what="payoffs", boundaries=False)
    assert ax.get_ylabel() == "expected payoff"
    n_branches = len(np.unique(sw.branches()))
    assert len(lines(ax, "branch")) == 2 * n_branches
    ys = np.sort(np.concatenate([ln.get_ydata() for ln in lines(ax, "branch")]))
    assert np.allclose(ys, np.sort(sw.batch.payoffs.T.ravel()))


def test_sweep_refuses_two_varying_parameters_and_unknown_columns():
    q, r = gt.parameters("q r")
    g = gt.NormalFormGame.from_arrays([[q, 0], [0, r]], [[1, 0], [0, 1]])
    sw = gt.sweep(g, {"q": [0, 1], "r": [0, 1]})
    with pytest.raises(gt.GameError, match="r also varies"):
        plot_sweep(sw, "q")
    with pytest.raises(gt.GameError, match="unknown column 'x'"):
        plot_sweep(gt.sweep(hawk_dove(), {"v": [0.5, 1.5]}), columns=["x"])


def test_regions_map_coloured_and_numbered():
    a, b = gt.parameters("a b")
    g = gt.NormalFormGame.from_arrays([[a, 0], [0, b]], [[1, 0], [0, 1]])
    sw = gt.sweep(g, {"a": np.linspace(-1, 1, 6), "b": np.linspace(-1, 1, 4)})
    regions = sw.regions("a", "b")
    ax = plot_regions(sw, "a", "b")
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("a", "b")
    Z = np.asarray(ax.collections[0].get_array()).reshape(4, 6)
    assert len(np.unique(Z)) == len({r.key for r in regions})
    # a, b > 0: two pure equilibria and a mixed one; a, b < 0: only the mixed one;
    # a > 0 > b: a1 | b1 only; a < 0 < b: a2 | b2 only (by hand)
    assert Z[0, 0] != Z[-1, -1] and Z[-1, 0] != Z[0, -1]
    assert len(ax.texts) == len(regions)
    for r, t in zip(regions, ax.texts):
        x, y = t.get_position()
        assert r.bounds[0][0] <= x <= r.bounds[0][1] and r.bounds[1][0] <= y <= r.bounds[1][1]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("a1 1/2, a2 1/2" in s for s in labels)


def kuhn_like():
    """A chance move, then player 1 does not observe it: one information set of two nodes."""
    g = gt.ExtensiveFormGame(["P1", "P2"], title="hidden coin")
    for i, node in enumerate(g.root.chance({"heads": "1/2", "tails": "1/2"})):
        x, y = node.decide("P1", ["x", "y"], infoset="P1 blind")
        x.payoffs(1 - 2 * i, 2 * i - 1)
        y.payoffs(2 * i - 1, 1 - 2 * i)
    return g


def test_sweep_and_region_legends_with_dollar_signs_are_plain_text(tmp_path):
    v, c = gt.parameters("v c")
    g = gt.NormalFormGame.from_arrays([[(v - c) / 2, v], [0, v / 2]],
                                      [[(v - c) / 2, 0], [v, v / 2]],
                                      players=["$", "B"], strategies=[["{$", "D"]] * 2)
    sw = gt.sweep(g, {"v": [0.5, 1.0, 1.5, 2.0], "c": [1.0]})
    ax = plot_sweep(sw, "v")
    ax.figure.savefig(tmp_path / "s.png")             # mathtext would fail on "$: {$"
    assert r"P(\$: {\$)" in [t.get_text() for t in ax.get_legend().get_texts()]
    sw2 = gt.sweep(g, {"v": [0.5, 1.0, 1.5, 2.0], "c": [0.75, 1.25]})
    ax = plot_regions(sw2, "v", "c")
    ax.figure.savefig(tmp_path / "r.png")
    assert all("$" not in t.get_text().replace(r"\$", "")
               for t in ax.get_legend().get_texts())
    plt.close("all")


def test_tree_edges_infosets_and_payoffs():
    g = kuhn_like()
    ax = plot_tree(g)
    assert len(lines(ax, "edge")) == g.num_nodes - 1 == 6
    (info,) = lines(ax, "infoset")
    assert info.get_linestyle() == "--" and len(info.get_xdata()) == 2
    texts = [t.get_text() for t in ax.texts]
    # probabilities and payoffs as math (matplotlib's mathtext)
    assert r"heads $(\frac{1}{2})$" in texts and "$(1, -1)$" in texts
    assert texts.count("P1") == 2 and texts.count("Chance") == 1
    assert ax.get_title() == "hidden coin"


def text_boxes(ax):
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in ax.texts]


def test_tree_labels_apart_after_resizing_and_scaled_with_the_figure():
    from gametheory.io._tree_layout import overlaps

    ax = plot_tree(ukraine_guarantees.build())
    fig = ax.figure
    before = [b.height for b in text_boxes(ax)]
    # the command line resizes the figure after drawing (gametheory tree --format png)
    fig.set_size_inches(2 * fig.get_size_inches())
    boxes = text_boxes(ax)
    assert overlaps([(b.x0, b.y0, b.x1, b.y1) for b in boxes]) == []
    assert np.median([b.height for b in boxes]) == pytest.approx(2 * np.median(before),
                                                                  rel=0.15)
    texts = [t.get_text() for t in ax.texts]
    assert r"$(- w_{\mathrm{B}}, V_{\mathrm{rev}}, - \rho_{\mathrm{N}})$" in texts
    assert not any("V_rev" in t for t in texts)


def test_tree_subtree_and_collapsed_repeats():
    g = ukraine_guarantees.build()
    ax = plot_tree(g, subtree="NATO/security")
    texts = [t.get_text() for t in ax.texts]
    assert "Drawn: the subtree after NATO, security." in texts and "Ukraine" not in texts
    ax = plot_tree(g, collapse=True, direction="down")
    notes = [t.get_text() for t in ax.texts if t.get_text().startswith("(")]
    assert r"(1) as after NATO, revisionist, with $V_{\mathrm{sec}}$ for $V_{\mathrm{rev}}$." \
        in notes


def test_tree_title_and_labels_with_dollar_signs_are_plain_text(tmp_path):
    g = gt.ExtensiveFormGame(["E $1", "I"], title="Pay $ {x $ now")
    out, enter = g.root.decide("E $1", ["out $", "in {$"])
    fight, acc = enter.decide("I", ["fight", "accommodate"])
    _ = out.payoffs(0, 2), fight.payoffs(-1, -1), acc.payoffs(1, 1)
    ax = plot_tree(g)
    ax.figure.savefig(tmp_path / "t.png")         # mathtext would fail on "$ {x $"
    assert ax.get_title() == r"Pay \$ {x \$ now"
    assert {r"out \$", r"in {\$", r"E \$1"} <= {t.get_text() for t in ax.texts}


def test_tree_refuses_large_trees_and_normal_forms():
    with pytest.raises(gt.GameError, match="31 nodes, more than plot_tree draws"):
        plot_tree(ukraine_guarantees.build(), max_nodes=30)
    # collapsed: 31 nodes less 6 for each NATO/NEUTRAL security subtree, less 4 for
    # NEUTRAL/revisionist/escalate (test_tikz.py: three stubs)
    with pytest.raises(gt.GameError, match="the drawing has 15 nodes, more than plot_tree"):
        plot_tree(ukraine_guarantees.build(), max_nodes=14, collapse=True)
    with pytest.raises(gt.GameError, match="ExtensiveFormGame"):
        plot_tree(hawk_dove())


def test_labels():
    g = ukraine_guarantees.build(**{k: d for k, (d, _, _) in
                                    ukraine_guarantees.PARAMETERS.items()})
    (eq,) = gt.solve(g, method="spe").equilibria
    assert equilibrium_label(g, eq) == ("Ukraine: NEUTRAL; Russia | NEUTRAL, revisionist: "
                                        "concede; Russia | NEUTRAL, security: concede")
    assert value_text(1 / 3) == "1/3" and value_text(np.pi) == "3.142"


def test_boundaries_are_inner_ends_only():
    from gametheory.models import deterrence

    # p* = W / (W + C) = 1/3 at the defaults (Zagare & Kilgour 2000); at p = 0 the hard
    # defender is never met, a point region at the grid's end that is no boundary
    sw = gt.sweep(deterrence.build(), {"p": np.linspace(0, 1, 31)})
    ax = plot_sweep(sw)
    assert [ln.get_xdata()[0] for ln in lines(ax, "boundary")] == pytest.approx([1 / 3])
    assert [t.get_text() for t in ax.texts] == ["1/3"]
