"""Trees that fit: every bundled model's tree compiles in a default ``article`` page with
no Overfull \\hbox, its matplotlib figure has no two labels overlapping, and the layout
keeps labels clear of labels and edges on random trees."""

import importlib
import re
import shutil
import subprocess

import matplotlib
import matplotlib.pyplot as plt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.io import _tree_layout as tl
from gametheory.io.latex import standalone
from gametheory.io.plots import plot_tree
from gametheory.io.tikz import tree_tikz
from gametheory.models import MODELS

matplotlib.use("Agg")


def bundled_trees():
    out = []
    for name in MODELS:
        game = importlib.import_module(f"gametheory.models.{name}").build()
        if game.is_tree:
            out.append((name, game))
    return out


TREES = bundled_trees()


def _has_istgame():
    kpse = shutil.which("kpsewhich")
    return kpse is not None and subprocess.run(
        [kpse, "istgame.sty"], capture_output=True, text=True).stdout.strip() != ""


def drawable(draw, game):
    """``draw(game)``, or when the tree is refused as too large (its message suggests a
    subtree), ``draw(game, subtree=...)`` of the first subtree down the first actions
    that is drawn; the options used."""
    path = []
    while True:
        try:
            return draw(game, **({"subtree": path} if path else {})), path
        except gt.GameError as e:
            assert "draw one subtree (subtree=" in str(e), str(e)
            v = tl._find_path(game, path)
            path = path + [game.action_labels(v)[0]]


def test_the_bundled_models_have_trees():
    names = [n for n, _ in TREES]
    assert "ukraine_guarantees" in names and len(names) >= 8


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_every_bundled_tree_compiles_without_overfull_boxes(tmp_path):
    snippets, subtrees = [], {}
    for name, game in TREES:
        tex, path = drawable(tree_tikz, game)
        if path:
            subtrees[name] = path
        snippets.append(f"\\section*{{{name.replace('_', ' ')}}}\n{tex}")
    # the two largest bundled trees are drawn in part (343 and 169 nodes)
    assert {"ukraine_multi_guarantor", "neutrality_bargain"} <= set(subtrees)
    assert "ukraine_guarantees" not in subtrees
    if _has_istgame():                       # the same trees with istgame's macros
        from gametheory.models.poker import kuhn_poker

        for game in (dict(TREES)["ukraine_guarantees"], kuhn_poker()):
            snippets.append(tree_tikz(game, istgame=True))
    (tmp_path / "trees.tex").write_text(standalone(snippets), encoding="utf-8")
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                          "trees.tex"], cwd=tmp_path, capture_output=True, text=True,
                         timeout=120)
    log = (tmp_path / "trees.log").read_text(encoding="utf-8", errors="replace")
    assert run.returncode == 0, log[-3000:]
    overfull = re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log)
    assert overfull == [], overfull
    assert (tmp_path / "trees.pdf").stat().st_size > 10_000


@pytest.mark.parametrize("name,game", TREES, ids=[n for n, _ in TREES])
def test_no_two_labels_of_a_tree_figure_overlap(name, game):
    ax, _ = drawable(plot_tree, game)
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert len(boxes) >= game.arrays.terminals.size or name in (
        "ukraine_multi_guarantor", "neutrality_bargain")
    assert min(b.width for b in boxes) > 0
    bad = tl.overlaps([(b.x0, b.y0, b.x1, b.y1) for b in boxes])
    assert bad == [], [(ax.texts[i].get_text(), ax.texts[j].get_text()) for i, j in bad]
    plt.close(fig)


# ----------------------------------------------------------------- random trees
def _crosses(p, q, box):
    """Whether the segment p-q meets the open box (Liang and Barsky's clipping)."""
    (x0, y0), (x1, y1) = p, q
    lo, hi = 0.0, 1.0
    dx, dy = x1 - x0, y1 - y0
    for d, a, b in ((dx, box[0] - x0, box[2] - x0), (dy, box[1] - y0, box[3] - y0)):
        if abs(d) < 1e-12:
            if not a < 0 < b:
                return False
            continue
        t0, t1 = sorted((a / d, b / d))
        lo, hi = max(lo, t0), min(hi, t1)
        if lo >= hi:
            return False
    return True


@st.composite
def random_views(draw):
    view, sizes = tl.View(), {}
    stack = [(-1, 0)]
    while stack:
        parent, depth = stack.pop()
        n_kids = draw(st.integers(0, 4)) if depth < 4 and len(view.gid) < 40 else 0
        i = view.add(len(view.gid), parent, "decision" if n_kids else "terminal")
        label = st.tuples(st.floats(4, 90), st.floats(6, 30))
        if n_kids:
            sizes[i, "player"] = draw(label)
        else:
            sizes[i, "below"] = draw(label)
        if parent >= 0:
            sizes[i, "action"] = draw(label)
        stack.extend((i, depth + 1) for _ in range(n_kids))
    return view, sizes


@settings(max_examples=40, deadline=None)
@given(random_views(), st.booleans())
def test_layout_keeps_labels_apart_and_off_other_edges(case, down):
    view, sizes = case
    pl = tl.layout(view, lambda i, role: sizes.get((i, role)), down=down)
    assert tl.overlaps(pl.boxes, slack=1e-3) == []
    for c, p in enumerate(view.parent):
        if p < 0:
            continue
        for i, role, *box in pl.boxes:
            if (i, role) == (c, "action"):
                continue                          # an action label sits on its edge
            inner = (box[0] + 0.5, box[1] + 0.5, box[2] - 0.5, box[3] - 0.5)
            assert not _crosses(pl.node[p], pl.node[c], inner), (p, c, i, role)
    for c, p in enumerate(view.parent):           # children a level further on
        if p >= 0:
            (xp, yp), (xc, yc) = pl.node[p], pl.node[c]
            assert (yc < yp) if down else (xc > xp)


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_tikz_label_sizes_are_upper_bounds_of_what_latex_sets(tmp_path):
    """The layout keeps the guessed label boxes apart; the guesses must not be smaller
    than the boxes LaTeX makes (measured with \\wd, \\ht, \\dp) for any bundled tree."""
    from gametheory.io.cells import Cells
    from gametheory.io.formats import latex_escape
    from gametheory.io.latex import PaperLatex
    from gametheory.io.tikz import _names, _size

    labels = set()
    for _, game in TREES:
        cells = Cells(PaperLatex(_names(game)), 3)
        view = tl.tree_view(game, collapse=True)
        for newline in (None, "\\\\"):
            labels |= set(tl.tree_labels(game, view, cells.number, latex_escape,
                                         newline).values())
    labels = sorted(labels)
    lines = ["\\documentclass{article}\\usepackage{tikz}\\begin{document}\\footnotesize"]
    for k, text in enumerate(labels):
        lines.append(f"\\setbox0\\hbox{{\\begin{{tikzpicture}}\\node[inner sep=0.5pt, "
                     f"align=center] {{{text}}};\\end{{tikzpicture}}}}"
                     f"\\typeout{{SIZE {k} \\the\\wd0\\space\\the\\ht0\\space\\the\\dp0}}")
    (tmp_path / "sizes.tex").write_text("\n".join(lines + ["\\end{document}"]))
    subprocess.run(["pdflatex", "-interaction=nonstopmode", "sizes.tex"], cwd=tmp_path,
                   capture_output=True, timeout=120)
    log = (tmp_path / "sizes.log").read_text(errors="replace")
    found = re.findall(r"SIZE (\d+) ([\d.]+)pt\s*([\d.]+)pt\s*([\d.]+)pt", log)
    assert len(found) == len(labels) > 300
    for k, w, h, d in found:
        guess = _size(labels[int(k)])
        assert float(w) <= guess[0] and float(h) + float(d) <= guess[1], labels[int(k)]
