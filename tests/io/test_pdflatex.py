"""Every kind of LaTeX output compiles with pdflatex (booktabs tables, TikZ trees).

pdflatex comes from Debian's texlive-latex-base, texlive-latex-recommended (booktabs) and
texlive-pictures (TikZ), which .ci/run installs. Without pdflatex the tests are skipped
with that reason, except under CI, where they must run. The sgame style is not compiled:
sgame.sty is in none of those three packages (TeX Live ships it in texlive-games).
"""

import os
import re
import shutil
import subprocess
from fractions import Fraction as F

import numpy as np
import pytest
from sample_trees import guarantees_tree

import gametheory as gt
from gametheory.io.tables import equilibrium_table, payoff_table, sweep_table
from gametheory.io.tikz import tree_tikz
from gametheory.models.poker import kuhn_poker

pytestmark = pytest.mark.skipif(
    shutil.which("pdflatex") is None and not os.environ.get("CI"),
    reason="pdflatex not installed (apt-get install texlive-latex-base "
           "texlive-latex-recommended texlive-pictures)")

PREAMBLE = "\\documentclass{article}\n\\usepackage{booktabs}\n\\usepackage{tikz}\n"


def needed(body):
    """The packages the snippets of ``body`` name in their ``% needs`` comments."""
    pkgs = re.findall(r"^% needs \\usepackage\{([^}]*)\}", body, flags=re.M)
    return sorted({p for group in pkgs for p in group.split(",")})


def compile_latex(tmp_path, body, name="doc", whole=False):
    """Run pdflatex on a document (with the packages its snippets name); fail with the
    log's error lines if it does not compile."""
    pkgs = "".join(f"\\usepackage{{{p}}}\n" for p in needed(body))
    text = body if whole else (PREAMBLE + pkgs + "\\begin{document}\n" + body
                               + "\n\\end{document}\n")
    (tmp_path / f"{name}.tex").write_text(text)
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                          "-no-shell-escape", f"{name}.tex"], cwd=tmp_path,
                         capture_output=True, text=True, errors="replace", timeout=120)
    log = (tmp_path / f"{name}.log").read_text(errors="replace") \
        if (tmp_path / f"{name}.log").exists() else run.stdout
    errors = [line for line in log.splitlines() if line.startswith("!")]
    assert run.returncode == 0 and not errors, "\n".join(errors) or run.stdout[-2000:]
    pdf = tmp_path / f"{name}.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    return log


def games():
    pd = gt.NormalFormGame.from_arrays([[3, F(3, 5)], [5, 1]], [[3, 5], [0, -F(1, 2)]],
                                       players=["Row_1", "Col & co"],
                                       strategies=[["C", "D%"], ["c#", "d~"]])
    U = np.arange(24).reshape(3, 2, 2, 2) % 5
    three = gt.NormalFormGame(U, players=["A", "B", "C"])
    v = gt.parameters("v")
    hd = gt.NormalFormGame.from_arrays([[(v - 1) / 2, v], [0, v / 2]],
                                       [[(v - 1) / 2, 0], [v, v / 2]],
                                       strategies=[["H", "D"], ["H", "D"]])
    floats = gt.NormalFormGame.from_arrays([[1 / 3, -2.5], [0.0, 1e-4]], [[0.5, 1], [2, 0]])
    return pd, three, hd, floats


def test_payoff_tables_compile(tmp_path):
    pd, three, hd, floats = games()
    parts = [payoff_table(pd), payoff_table(pd, mark="bold"), payoff_table(pd, mark=None),
             payoff_table(three), payoff_table(hd), payoff_table(floats, precision=2),
             payoff_table(kuhn_poker())]
    log = compile_latex(tmp_path, "\n\n\\bigskip\n\n".join(parts))
    assert "Overfull \\hbox" not in log


def test_equilibrium_tables_compile(tmp_path):
    pd, three, hd, floats = games()
    parts = [equilibrium_table(gt.solve(pd, exact=True)),
             equilibrium_table(gt.solve(hd.substitute(v="1/2"), exact=True)),
             equilibrium_table(gt.solve(floats)),
             equilibrium_table(gt.solve(three, method="pure")),
             equilibrium_table(gt.solve(guarantees_tree(F(3, 4)), exact=True))]
    log = compile_latex(tmp_path, "\n\n\\bigskip\n\n".join(parts))
    assert "Overfull \\hbox" not in log


def test_sweep_tables_compile(tmp_path):
    _, _, hd, _ = games()
    q = gt.parameters("q")
    sw = gt.sweep(hd, {"v": np.linspace(0, 2, 9)})
    tree = gt.sweep(guarantees_tree(q), {"q": np.linspace(0, 1, 11)})
    parts = [sweep_table(sw, "v"), sweep_table(sw, "v", closed_form=False),
             sweep_table(tree, "q"), sw._repr_latex_()]
    log = compile_latex(tmp_path, "\n\n\\bigskip\n\n".join(parts))
    assert "Overfull \\hbox" not in log


def test_tikz_trees_compile(tmp_path):
    q = gt.parameters("q")
    body = "\n\n".join([tree_tikz(guarantees_tree(q)), tree_tikz(guarantees_tree(F(2, 3))),
                        "\\resizebox{\\textwidth}{!}{" + tree_tikz(kuhn_poker()) + "}"])
    compile_latex(tmp_path, body)
    compile_latex(tmp_path, tree_tikz(guarantees_tree(q), standalone=True), name="alone",
                  whole=True)


def test_equilibrium_maps_compile_without_overfull_lines(tmp_path):
    """Both LaTeX forms of the Hawk-Dove map in (V, C) (Maynard Smith 1982) and of the
    Ukraine model's map in (q, r) fit a default article page: no Overfull \\hbox (a
    breakable text form; the table's paragraph columns fit the text width)."""
    from gametheory.models import ukraine_guarantees

    V, C = gt.parameters("V C")
    hd = gt.NormalFormGame.from_arrays([[(V - C) / 2, V], [0, V / 2]],
                                       [[(V - C) / 2, 0], [V, V / 2]],
                                       strategies=[["Hawk", "Dove"], ["Hawk | x_1", "Dove"]])
    hd = hd.describe(gt.Parameter("V", domain=(0, None)), gt.Parameter("C", domain=(0, None)))
    maps = [gt.equilibrium_map(hd, ["V", "C"]),
            gt.equilibrium_map(ukraine_guarantees.build(), ["q", "r"])]
    body = "\n\n".join(m.to_latex(style) for m in maps for style in ("itemize", "table"))
    assert all(t.startswith("% needs") for m in maps for t in (m.to_latex(), m.to_latex("table")))
    preamble = "\\documentclass{article}\n\\usepackage{amsmath,booktabs,array}\n"
    log = compile_latex(tmp_path, preamble + "\\begin{document}\n" + body + "\n\\end{document}\n",
                        whole=True)
    assert "Overfull \\hbox" not in log
    assert "Hawk \\textbar{} x\\_1" in body            # escaped as text, not math


# ----------------------------------------------------------------- letters beyond ASCII
def labelled(players, strategies):
    g = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=players,
                                      strategies=strategies)
    t = gt.ExtensiveFormGame(players)
    a, b = t.root.decide(players[0], strategies[0])
    a.payoffs(1, 0)
    b.payoffs(0, 1)
    return g, t


def test_accented_latin_labels_compile(tmp_path):
    """Accented Latin letters and typographic punctuation compile with LaTeX's default
    fonts, in tables, a TikZ tree and a whole document."""
    from gametheory.io.latex import standalone

    g, t = labelled(["Zürich", "Genève “Łódź”"], [["élan", "Straße"], ["ça", "naïve – x"]])
    parts = [payoff_table(g), equilibrium_table(gt.solve(g, exact=True)), tree_tikz(t)]
    assert not any("cannot set" in p for p in parts)
    compile_latex(tmp_path, "\n\n".join(parts))
    compile_latex(tmp_path, standalone(parts), name="alone", whole=True)


def test_every_character_let_through_compiles(tmp_path):
    """PDFLATEX_TEXT (measured with TeX Live 2022) holds only characters this pdflatex
    sets with the default fonts."""
    import unicodedata

    from gametheory.io.latex import PDFLATEX_TEXT

    text = "".join(chr(c) for lo, hi in PDFLATEX_TEXT for c in range(lo, hi + 1))
    assert len(text) > 250 and all(unicodedata.category(ch)[0] in "LNPSZ" for ch in text)
    compile_latex(tmp_path, text.replace("\u00ad", "-"))


def test_cyrillic_labels_are_named_with_the_fix_never_a_broken_document(tmp_path, capsys):
    """pdflatex's default fonts have no Cyrillic letters (the T2A encoding needs the fonts
    of texlive-lang-cyrillic): a snippet says so in its second comment line, a whole
    document is refused with one line naming the label and the fix, and `gametheory
    report` writes no .tex; compiling such a document does fail here as that line says."""
    from gametheory.cli.main import main
    from gametheory.io.latex import standalone

    g, t = labelled(["Україна", "Росія"], [["мир", "війна"], ["a", "b"]])
    for snip in (payoff_table(g), tree_tikz(t)):
        assert snip.splitlines()[1].startswith("% pdflatex cannot set '")
        assert "(Cyrillic)" in snip.splitlines()[1]
        with pytest.raises(gt.GameError, match=r"^pdflatex cannot set '(Україна|Росія)' "
                                               r"\(Cyrillic\).*xelatex.*T2A") as err:
            standalone([snip])
        assert "\n" not in str(err.value)
    with pytest.raises(gt.GameError, match="cannot set 'Україна'"):
        tree_tikz(t, standalone=True)
    (tmp_path / "g.nfg").write_text('NFG 1 R "war" { "Україна" "Росія" } { 2 2 }\n\n'
                                    "1 1 0 0 0 0 1 1\n", encoding="utf-8")
    out = tmp_path / "r.tex"
    assert main(["report", str(tmp_path / "g.nfg"), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gametheory: error: pdflatex cannot set '") and err.count("\n") == 1
    assert not out.exists()
    body = payoff_table(g)
    bare = PREAMBLE + "\\begin{document}\n" + body + "\n\\end{document}\n"
    (tmp_path / "bare.tex").write_text(bare, encoding="utf-8")
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                          "-no-shell-escape", "bare.tex"], cwd=tmp_path, capture_output=True,
                         timeout=120)
    assert run.returncode != 0
    assert "Unicode character" in (tmp_path / "bare.log").read_text(errors="replace")
