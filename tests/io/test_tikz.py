"""Content of TikZ game trees: players, actions, chance, information sets, payoffs, layout,
subtrees and collapsed repeats. (Compiling them with pdflatex: test_tree_fit.py.)"""

import math
import re
from fractions import Fraction as F

import pytest
from sample_trees import entry_game, guarantees_tree

import gametheory as gt
from gametheory.io._tree_layout import overlaps
from gametheory.io.tikz import _size, tree_tikz
from gametheory.models import ukraine_guarantees
from gametheory.models.poker import kuhn_poker  # Kuhn (1950)

NODE = re.compile(r"\\node\[(decision|chance|terminal|collapsed)\] \(n(\d+)\) "
                  r"at \((-?[\d.]+), (-?[\d.]+)\)")
LABEL = re.compile(r"\\node\[(label|action)\] at \((-?[\d.]+), (-?[\d.]+)\) \{(.*)\};")


def nodes(tex):
    return {int(v): (kind, float(x), float(y)) for kind, v, x, y in NODE.findall(tex)}


def labels(tex):
    return [(style, float(x), float(y), text) for style, x, y, text in LABEL.findall(tex)]


def test_players_actions_chance_and_payoffs():
    g = guarantees_tree(F(3, 4), accept=F(1, 2))
    tex = tree_tikz(g)
    found = nodes(tex)
    assert len(found) == g.num_nodes == 11
    kinds = [k for k, _, _ in found.values()]
    assert kinds.count("decision") == 4 and kinds.count("chance") == 1
    assert kinds.count("terminal") == 6
    texts = [t for *_, t in labels(tex)]
    assert texts.count("Ukraine") == 1 and texts.count("Russia") == 3
    assert texts.count("Chance") == 1
    assert r"honour $(\frac{3}{4})$" in texts and r"abandon $(\frac{1}{4})$" in texts
    assert texts.count("escalate") == 3 and "NATO" in texts and "neutral" in texts
    assert r"$(1, \frac{1}{2})$" in texts and "$(-4, 2)$" in texts
    # 11 names or actions of the 11 nodes (the root has no action), 6 payoff vectors
    assert len(texts) == 5 + 10 + 6
    assert tex.count(r"\draw (") == 10


def test_information_sets_are_dashed():
    tex = tree_tikz(guarantees_tree(F(1, 2), accept=F(1, 2)), direction="down")
    dashed = re.findall(r"\\draw\[infoset\] \(n(\d+)\) -- \(n(\d+)\);", tex)
    assert len(dashed) == 1                 # "Russia | neutral" has two nodes
    u, w = map(int, dashed[0])
    found = nodes(tex)
    assert found[u][2] == found[w][2] and found[u][1] < found[w][1]
    # Kuhn poker: 12 information sets of 2 nodes each (Kuhn 1950) -> 12 dashed lines
    assert tree_tikz(kuhn_poker()).count(r"\draw[infoset]") == 12


def test_symbolic_probabilities_parameter_names_and_float_precision():
    q = gt.parameters("q")
    tex = tree_tikz(guarantees_tree(q, accept=F(1, 2)))
    assert "{honour $(q)$};" in tex and "{abandon $(1 - q)$};" in tex
    g = guarantees_tree(q, accept=F(1, 2)).describe(gt.Parameter("q", latex=r"\theta"))
    assert r"{honour $(\theta)$};" in tree_tikz(g)
    g = ukraine_guarantees.build()
    tex = tree_tikz(g, collapse=False, direction="right")
    # the default rule of gametheory.io.latex.latex_name: V_rev -> V_{\mathrm{rev}}
    assert r"V_{\mathrm{rev}}" in tex and r"$(q_{\mathrm{N}})$" in tex and "V_rev" not in tex
    g = gt.ExtensiveFormGame(["A"])
    hi, lo = g.root.chance({"hi": 1 / 3, "lo": 2 / 3})
    _ = hi.payoffs(0.12345), lo.payoffs(1.0)
    tex = tree_tikz(g, precision=2)
    assert "{hi $(0.33)$};" in tex and "{$(0.12)$};" in tex


def test_layout_levels_parents_centred_and_labels_apart():
    g = guarantees_tree(F(1, 2), accept=F(1, 2))
    tex = tree_tikz(g, direction="down")
    found = nodes(tex)
    a = g.arrays
    depth = [0] * a.parent.size
    for v in range(1, a.parent.size):
        depth[v] = depth[int(a.parent[v])] + 1
    by_depth = {}
    for v, (_, _, y) in found.items():
        by_depth.setdefault(depth[v], set()).add(y)
    assert all(len(ys) == 1 for ys in by_depth.values())       # one level, one height
    assert sorted(by_depth, key=lambda d: -next(iter(by_depth[d]))) == sorted(by_depth)
    kids = {}
    for v in range(1, a.parent.size):
        kids.setdefault(int(a.parent[v]), []).append(found[v][1])
    for p, xs in kids.items():
        assert found[p][1] == pytest.approx((min(xs) + max(xs)) / 2, abs=0.01)
    boxes = []
    for _, x, y, text in labels(tex):
        w, h = _size(text)
        boxes.append((x - w / 2, y - h / 2, x + w / 2, y + h / 2))
    assert overlaps(boxes) == []


def test_growing_right():
    g = guarantees_tree(F(1, 2), accept=F(1, 2))
    found = nodes(tree_tikz(g, direction="right"))
    a = g.arrays
    assert found[0][1] < min(found[v][1] for v in range(1, a.parent.size))
    for v in range(1, a.parent.size):              # children to the right of their parent
        assert found[v][1] > found[int(a.parent[v])][1]


def test_subtree_by_path_and_by_information_set():
    g = guarantees_tree(F(1, 2), accept=F(1, 2))
    tex = tree_tikz(g, subtree="neutral")
    assert len(nodes(tex)) == 7
    assert "Drawn: the subtree after neutral." in tex and "{Ukraine}" not in tex
    tex = tree_tikz(g, subtree=["neutral", "honour"])
    assert len(nodes(tex)) == 3
    tex = tree_tikz(g, infoset="Russia | neutral")
    assert len(nodes(tex)) == 6 and tex.count(r"\draw[infoset]") == 1
    assert r"Drawn: the information set Russia \textbar{} neutral." in tex
    with pytest.raises(gt.GameError, match="no action 'x' at neutral; the actions there "
                                           "are honour, abandon"):
        tree_tikz(g, subtree="neutral/x")
    with pytest.raises(gt.GameError, match="no information set 'nope'"):
        tree_tikz(g, infoset="nope")


def test_collapsed_repeats_of_the_ukraine_model():
    # ukraine_guarantees: after a security-seeking Russia the subtree is that after a
    # revisionist one with V_sec for V_rev (the model's payoff table); the NEUTRAL track
    # is no renaming of the NATO track (Russia's payoff of concede is -L against 0)
    tex = tree_tikz(ukraine_guarantees.build(), collapse=True)
    notes = re.findall(r"\\footnotesize\\raggedright (.*?)\\par", tex)
    assert r"(1) as after NATO, revisionist, with $V_{\mathrm{sec}}$ for $V_{\mathrm{rev}}$." \
        in notes
    assert r"as after NEUTRAL, revisionist, with $V_{\mathrm{sec}}$ for $V_{\mathrm{rev}}$." \
        in " ".join(notes)
    assert not any("as after NATO." in n for n in notes)
    assert tex.count(r"\node[collapsed]") == 3
    assert tree_tikz(ukraine_guarantees.build(), collapse=False).count("collapsed]") == 0


def test_large_trees_refused_with_a_suggestion():
    g = gt.ExtensiveFormGame(["A", "B"])
    level = [g.root]
    for d in range(10):                                # 2^11 - 1 = 2047 nodes
        level = [c for v in level for c in v.decide("AB"[d % 2], ["l", "r"])]
    for k, v in enumerate(level):
        v.payoffs(k, -k)
    with pytest.raises(gt.GameError, match=r"the tree has 2047 nodes: .*draw one subtree "
                                           r"\(subtree='ACTION/ACTION/\.\.\.', the first "
                                           r"actions are l, r"):
        tree_tikz(g)
    assert len(nodes(tree_tikz(g, subtree="l/l/l/l/l/l"))) == 31


def test_labels_escaped_and_standalone_document():
    g = gt.ExtensiveFormGame(["R&D", "50%"])
    a, b = g.root.decide("R&D", ["x_1", "y"])
    _ = a.payoffs(1, 0), b.payoffs(0, 1)
    tex = tree_tikz(g)
    assert r"{R\&D};" in tex and r"{x\_1};" in tex
    assert tex.startswith("% needs \\usepackage{tikz,graphicx}\n")
    doc = tree_tikz(g, standalone=True)
    assert doc.startswith("\\documentclass{article}\n\\usepackage{tikz,graphicx}\n")
    assert tex in doc and doc.rstrip().endswith(r"\end{document}")
    assert not tex.startswith("\\documentclass")


def test_not_a_tree_and_bad_direction():
    with pytest.raises(gt.GameError, match="ExtensiveFormGame"):
        tree_tikz(gt.NormalFormGame.from_arrays([[1]], [[1]]))
    with pytest.raises(gt.GameError, match="direction must be 'down' or 'right'"):
        tree_tikz(entry_game(), direction="up")


def test_repr_latex_and_html_of_a_tree():
    g = guarantees_tree(F(1, 2), accept=F(1, 2))
    assert g._repr_latex_() == tree_tikz(g)
    assert g._repr_html_().startswith("<pre>") and "Russia | neutral" in g._repr_html_()


def test_istgame_macros_at_the_layouts_positions():
    g = guarantees_tree(F(1, 2), accept=F(1, 2))
    tex = tree_tikz(g, istgame=True, direction="down")
    assert tex.startswith("% needs \\usepackage{istgame,graphicx}\n")
    assert "\\begin{istgame}" in tex and tex.count("\\endist") == 5    # 4 decisions, chance
    assert tex.count("\\istb<grow=") == 10 and "[chance node]" in tex
    assert re.search(r"\\xtInfoset\(n\d+\)\(n\d+\)", tex)
    plain = nodes(tree_tikz(g, direction="down"))
    # each branch reaches its child's position in the plain TikZ drawing
    a = g.arrays
    roots = {int(v): (float(x), float(y)) for v, x, y in
             re.findall(r"\\istroot\(n(\d+)\)\((-?[\d.]+), (-?[\d.]+)\)", tex)}
    kids = {}
    for v in range(1, a.parent.size):
        kids.setdefault(int(a.parent[v]), []).append(v)
    branches = iter(re.findall(r"\\istb<grow=(-?[\d.]+), level distance=([\d.]+)pt>", tex))
    for p in sorted(roots, key=lambda v: list(roots).index(v)):
        for c in sorted(kids[p], key=lambda v: int(a.action[v])):
            angle, length = map(float, next(branches))
            x = roots[p][0] + length * math.cos(math.radians(angle))
            y = roots[p][1] + length * math.sin(math.radians(angle))
            assert (x, y) == pytest.approx(plain[c][1:], abs=0.05)


def _halves(joined_right: bool):
    """A moves L or R, then B, then A again: after L A does not see B's move (her two
    nodes are one information set); after R she does, unless ``joined_right``."""
    g = gt.ExtensiveFormGame(["A", "B"])
    for side, node in zip("LR", g.root.decide("A", ["L", "R"])):
        for k, m in enumerate(node.decide("B", ["x", "y"], infoset=f"B {side}")):
            label = f"A {side}" if side == "L" or joined_right else f"A R{k}"
            for j, leaf in enumerate(m.decide("A", ["u", "v"], infoset=label)):
                leaf.payoffs(j + k, 1 - j)
    return g


def test_a_subtree_with_other_information_sets_is_not_collapsed_as_a_repeat():
    tex = tree_tikz(_halves(joined_right=False), collapse=True)
    assert "as after L" not in tex and "\\node[collapsed]" not in tex
    assert tex.count("\\draw[infoset]") == 1               # only A's set after L
    tex = tree_tikz(_halves(joined_right=True), collapse=True)
    assert "(1) as after L." in tex and "\\node[collapsed]" in tex
