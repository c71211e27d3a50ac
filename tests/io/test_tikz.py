"""Content of TikZ game trees: players, actions, chance, information sets, payoffs, layout."""

import re
from fractions import Fraction as F

import pytest
from sample_trees import guarantees_tree

import gametheory as gt
from gametheory.io.tikz import tree_tikz
from gametheory.models.poker import kuhn_poker  # Kuhn (1950)

NODE = re.compile(r"\\node\[(decision|chance|terminal)\] \(n(\d+)\) at \((-?[\d.]+), (-?[\d.]+)\)")


def nodes(tex):
    return {int(v): (kind, float(x), float(y)) for kind, v, x, y in NODE.findall(tex)}


def test_players_actions_chance_and_payoffs():
    tex = tree_tikz(guarantees_tree(F(3, 4), accept=F(1, 2)))
    found = nodes(tex)
    assert len(found) == guarantees_tree(F(3, 4), accept=F(1, 2)).num_nodes == 11
    kinds = [k for k, _, _ in found.values()]
    assert kinds.count("decision") == 4 and kinds.count("chance") == 1
    assert kinds.count("terminal") == 6
    assert tex.count("{Ukraine};") == 1 and tex.count("{Russia};") == 3
    assert tex.count("{Chance};") == 1
    assert r"{honour ($\frac{3}{4}$)}" in tex and r"{abandon ($\frac{1}{4}$)}" in tex
    assert tex.count("{escalate}") == 3 and "{NATO}" in tex and "{neutral}" in tex
    assert r"{$(1, \frac{1}{2})$}" in tex and "{$(-4, 2)$}" in tex
    assert tex.count(r"\node[payoff]") == 6


def test_information_sets_are_dashed():
    tex = tree_tikz(guarantees_tree(F(1, 2), accept=F(1, 2)))
    dashed = re.findall(r"\\draw\[infoset\] \(n(\d+)\) -- \(n(\d+)\);", tex)
    assert len(dashed) == 1                 # "Russia | neutral" has two nodes
    u, w = map(int, dashed[0])
    found = nodes(tex)
    assert found[u][2] == found[w][2] and found[u][1] < found[w][1]
    # Kuhn poker: 12 information sets of 2 nodes each (Kuhn 1950) -> 12 dashed lines
    assert tree_tikz(kuhn_poker()).count(r"\draw[infoset]") == 12


def test_symbolic_probabilities_and_float_precision():
    q = gt.parameters("q")
    tex = tree_tikz(guarantees_tree(q, accept=F(1, 2)))
    assert "{honour ($q$)}" in tex and "{abandon ($1 - q$)}" in tex
    g = gt.ExtensiveFormGame(["A"])
    hi, lo = g.root.chance({"hi": 1 / 3, "lo": 2 / 3})
    _ = hi.payoffs(0.12345), lo.payoffs(1.0)
    tex = tree_tikz(g, precision=2)
    assert "{hi ($0.33$)}" in tex and "{$(0.12)$}" in tex


def test_layout_leaves_evenly_spaced_parents_centred():
    g = guarantees_tree(F(1, 2), accept=F(1, 2))
    found = nodes(tree_tikz(g, leaf_distance=2.0, level_distance=1.5))
    leaves = sorted(x for k, x, _ in found.values() if k == "terminal")
    assert leaves == [2.0 * k for k in range(6)]
    a = g.arrays
    for v in range(1, a.parent.size):
        assert found[v][2] == pytest.approx(found[int(a.parent[v])][2] - 1.5)
    kids = {}
    for v in range(1, a.parent.size):
        kids.setdefault(int(a.parent[v]), []).append(found[v][1])
    for p, xs in kids.items():
        assert found[p][1] == pytest.approx((min(xs) + max(xs)) / 2, abs=0.01)


def test_labels_escaped_and_standalone_document():
    g = gt.ExtensiveFormGame(["R&D", "50%"])
    a, b = g.root.decide("R&D", ["x_1", "y"])
    _ = a.payoffs(1, 0), b.payoffs(0, 1)
    tex = tree_tikz(g)
    assert r"{R\&D};" in tex and r"{x\_1}" in tex
    doc = tree_tikz(g, standalone=True)
    assert doc.startswith("\\documentclass{article}\n\\usepackage{tikz}\n")
    assert tex in doc and doc.rstrip().endswith(r"\end{document}")
    assert not tex.startswith("\\documentclass")


def test_not_a_tree():
    with pytest.raises(gt.GameError, match="ExtensiveFormGame"):
        tree_tikz(gt.NormalFormGame.from_arrays([[1]], [[1]]))


def test_repr_latex_and_html_of_a_tree():
    g = guarantees_tree(F(1, 2), accept=F(1, 2))
    assert g._repr_latex_() == tree_tikz(g)
    assert g._repr_html_().startswith("<pre>") and "Russia | neutral" in g._repr_html_()
