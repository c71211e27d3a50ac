"""Rich notebook displays (``_repr_html_``, ``_repr_latex_``) and ``Solution.to_frame``.

The games: Hawk-Dove with cost 1 and prize ``v`` (Maynard Smith 1982, *Evolution and
the Theory of Games*, ch. 2): for v < 1 two pure equilibria and the mixed one with
P(Hawk) = v, for v > 1 Hawk alone, a continuum at v = 1; the battle of the sexes
[[2, 0], [0, 3]] / [[3, 0], [0, 2]] with its mixed equilibrium (2/5, 3/5), (3/5, 2/5) and
payoffs 6/5 (Osborne & Rubinstein 1994, *A Course in Game Theory*, ex. 34.1 for the
method); the entry game (Selten 1978), whose subgame-perfect equilibrium is (enter,
accommodate). Labels are hostile HTML on purpose: a display must escape them.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
from fractions import Fraction as F

import numpy as np
import pytest
from sample_trees import entry_game

import gametheory as gt
from gametheory.io import _notebook
from gametheory.io.tables import equilibrium_table, map_table

ROW, COL, HAWK = "<i>Row</i>", "Col & co", "<script>H</script>"
RAW = ("<i>", "<script>", "Col & co")     # what must never reach the HTML unescaped


def hawk_dove() -> gt.NormalFormGame:
    v = gt.parameters("v")
    g = gt.NormalFormGame.from_arrays([[(v - 1) / 2, v], [0, v / 2]],
                                      [[(v - 1) / 2, 0], [v, v / 2]], players=[ROW, COL],
                                      strategies=[[HAWK, "D"], ["H", "D"]])
    return g.describe(gt.Parameter("v", default=2, domain=(0, 4)))


def battle() -> gt.NormalFormGame:
    return gt.NormalFormGame.from_arrays([[2, 0], [0, 3]], [[3, 0], [0, 2]],
                                         players=[ROW, COL], strategies=[["U", HAWK], ["L", "R"]])


def assert_escaped(text: str) -> None:
    for raw in RAW:
        assert raw not in text, raw
    assert "&lt;script&gt;" in text or "&amp;" in text


# ----------------------------------------------------------------- Solution, Equilibrium
def test_solution_html_numbers_equilibria_from_one_and_escapes_labels():
    sol = gt.solve(battle(), exact=True)
    html = sol._repr_html_()
    assert_escaped(html)
    assert html.startswith('<div class="gametheory-solution">')
    assert "<p>3 equilibria by " in html
    rows = [r for r in html.splitlines() if r.startswith("<tr><th>")]
    assert [r.split("</th>")[0] for r in rows] == ["<tr><th>#", "<tr><th>1", "<tr><th>2",
                                                   "<tr><th>3"]
    assert "<td>2/5 U + 3/5 &lt;script&gt;H&lt;/script&gt;</td>" in html
    assert "<td>6/5</td>" in html
    assert "  [0] " in str(sol)                  # str() keeps its numbering


def test_solution_html_states_continua_value_and_notes_numbered_from_one():
    sol = gt.solve(hawk_dove().substitute(v=1), exact=True)
    html = sol._repr_html_()
    assert "<li>a continuum joins equilibria 1, 2, 3 (2 maximal Nash subset(s))</li>" in html
    assert "note: degenerate game" in html
    pennies = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert "<li>value: 0</li>" in gt.solve(pennies, method="lp", exact=True)._repr_html_()


def test_assessments_show_their_classification_and_belief_ranges():
    """Beer-Quiche (Cho & Kreps 1987) with P(strong) = 9/10: pooling on quiche is
    supported by beliefs mu(strong | beer) <= 1/2."""
    sol = gt.solve(gt.classics.beer_quiche(), method="pbe", exact=True)
    html, tex = sol._repr_html_(), sol._repr_latex_()
    k = next(k for k, e in enumerate(sol.equilibria, 1)
             if e.label == "pooling on quiche" and not e.belief_ranges[
                 "Receiver: beer"].is_point)
    assert f'<li value="{k}">pooling on quiche; beliefs mu(strong | Receiver: beer) ' \
           '&lt;= 1/2</li>' in html
    assert f"\\par\\noindent {k}. pooling on quiche; beliefs mu(strong \\textbar{{}} " \
           "Receiver: beer) \\textless{}= 1/2" in tex
    assert "<li>a continuum of assessments joins" in html


def test_solution_display_is_cut_at_display_rows(monkeypatch):
    monkeypatch.setattr(_notebook, "DISPLAY_ROWS", 2)
    sol = gt.solve(battle(), exact=True)
    html, tex = sol._repr_html_(), sol._repr_latex_()
    assert html.count("<tr><th>") == 1 + 2 and "... and 1 more equilibrium" in html
    assert "... and 1 more equilibrium" in tex and tex.count("\\\\\n") == 4  # header + 2 rows


def test_solution_latex_is_the_equilibrium_table():
    sol = gt.solve(battle(), exact=True)
    assert sol._repr_latex_() == equilibrium_table(sol)


def test_equilibrium_html_and_latex_normal_form():
    eq = gt.solve(battle(), exact=True).equilibria[1]
    html = eq._repr_html_()
    assert_escaped(html)
    assert "<tr><th>&lt;i&gt;Row&lt;/i&gt;</th><td>2/5 U + 3/5 &lt;script&gt;H&lt;/script&gt;" \
           "</td><td>6/5</td></tr>" in html
    tex = eq._repr_latex_()
    assert tex.startswith("% needs \\usepackage{booktabs}")
    assert "\\textless{}i\\textgreater{}Row\\textless{}/i\\textgreater{} & " \
           "$\\frac{2}{5}\\,\\mbox{U} + \\frac{3}{5}\\," in tex
    assert tex.rstrip().endswith("$\\frac{6}{5}$ \\\\\n\\bottomrule\n\\end{tabular}")


def test_equilibrium_of_a_tree_shows_each_information_set():
    (eq,) = gt.solve(entry_game(), method="spe", exact=True).equilibria
    html = eq._repr_html_()
    assert "<tr><th>E</th><td>enter</td></tr>" in html
    assert "<tr><th>I</th><td>accommodate</td></tr>" in html
    assert "<tr><th>payoff Entrant</th><td>1</td></tr>" in html
    assert "I & accommodate \\\\" in eq._repr_latex_()


# ----------------------------------------------------------------- to_frame
def test_to_frame_exact_values_are_fractions_and_rows_count_from_one():
    df = gt.solve(battle(), exact=True).to_frame()
    assert list(df.index) == [1, 2, 3] and df.index.name == "equilibrium"
    assert list(df.columns) == [f"{ROW}:U", f"{ROW}:{HAWK}", f"{COL}:L", f"{COL}:R",
                                f"payoff:{ROW}", f"payoff:{COL}"]
    mixed = df.loc[2]
    assert mixed.tolist() == [F(2, 5), F(3, 5), F(3, 5), F(2, 5), F(6, 5), F(6, 5)]
    assert all(type(x) is F for x in mixed)
    assert df[f"payoff:{ROW}"].tolist() == [2, F(6, 5), 3]


def test_to_frame_float_solution_has_float_columns():
    df = gt.solve(battle()).to_frame()
    assert all(dt == np.float64 for dt in df.dtypes)
    assert df.loc[2, f"{ROW}:U"] == pytest.approx(0.4)


def test_to_frame_of_a_tree_has_a_column_per_action():
    df = gt.solve(entry_game(), method="spe", exact=True).to_frame()
    assert list(df.columns) == ["E:out", "E:enter", "I:fight", "I:accommodate",
                                "payoff:Entrant", "payoff:Incumbent"]
    assert df.loc[1].tolist() == [0, 1, 0, 1, 1, 1]


def test_to_frame_without_pandas_names_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="needs pandas"):
        gt.solve(battle(), exact=True).to_frame()


# ----------------------------------------------------------------- sweeps and regions
def _png(html: str) -> bytes:
    data = html.split('src="data:image/png;base64,')[1].split('"')[0]
    return base64.b64decode(data)


def test_sweep_html_has_the_regions_table_and_an_inline_png():
    sw = gt.sweep(hawk_dove(), {"v": np.linspace(0.25, 1.75, 7)})
    html = sw._repr_html_()
    assert_escaped(html)
    assert "<tr><th>[1/4, 1)</th>" in html and "<tr><th>(1, 7/4]</th>" in html
    assert _png(html).startswith(b"\x89PNG\r\n\x1a\n")
    assert "<script" not in html and "<link" not in html and "http" not in html


def test_sweep_html_without_matplotlib_is_the_table_alone(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    html = gt.sweep(hawk_dove(), {"v": np.linspace(0.25, 1.75, 7)})._repr_html_()
    assert "<img" not in html and "<tr><th>[1/4, 1)</th>" in html


def test_sweep_display_of_a_large_game_computes_no_regions():
    """A three-player game is not "easy": its display must not search for regions."""
    q = gt.parameters("q")
    arr = np.zeros((3, 2, 2, 2), dtype=object)
    arr[0, 0, :, :], arr[1, :, 0, :], arr[2, :, :, 0] = q, 1, 1
    g = gt.NormalFormGame.from_arrays(*arr)
    sw = gt.sweep(g, {"q": [0.0, 0.5, 2.0]})
    html = sw._repr_html_()
    assert "<table>" not in html and "<img" in html
    assert sw._repr_latex_() is None
    assert not any(k[0] == "regions" for k in sw._cache if isinstance(k, tuple))


def test_two_parameter_sweep_lists_its_cells_and_maps_them():
    v, c = gt.parameters("v c")
    g = gt.NormalFormGame.from_arrays([[(v - c) / 2, v], [0, v / 2]],
                                      [[(v - c) / 2, 0], [v, v / 2]])
    html = gt.sweep(g, {"v": [0.5, 1.0, 2.0], "c": [0.25, 1.5, 3.0]})._repr_html_()
    assert "<p>regions:</p>" in html and "cell 1:" in html and "<img" in html


def test_region_html_and_latex():
    sw = gt.sweep(hawk_dove(), {"v": np.linspace(0.25, 1.75, 7)})
    low, one, high = sw.regions("v")
    html = low._repr_html_()
    assert_escaped(html)
    assert html.startswith('<div class="gametheory-region">\n<p><b>v in [1/4, 1)</b>: 3 ')
    assert "<caption>the equilibria at v = 1/2</caption>" in html
    assert "<td>1/2 &lt;script&gt;H&lt;/script&gt; + 1/2 D</td>" in html
    assert one._repr_latex_().startswith("$v = 1$: 3 equilibria")
    assert high._repr_latex_().startswith("$v \\in (1, \\frac{7}{4}]$: 1 equilibrium")


# ----------------------------------------------------------------- critical values, maps
def test_critical_value_html_and_latex():
    (cv,) = gt.critical_values(hawk_dove(), "v")
    html = cv._repr_html_()
    assert_escaped(html)
    assert "<p><b>v = 1</b>: &lt;i&gt;Row&lt;/i&gt; indifferent" in html
    assert html.count("<caption>") == 3
    assert f"<caption>below: v = {cv.below_at}</caption>" in html
    assert cv._repr_latex_().startswith("$v = 1$: \\textless{}i\\textgreater{}Row")


def test_critical_latex_line_uses_the_parameter_name_rule():
    import sympy

    assert _notebook.critical_latex_line("q_N", sympy.Rational(1, 7)) == \
        "$q_{\\mathrm{N}} = \\frac{1}{7}$"
    assert _notebook.critical_latex_line("V_rev", sympy.sqrt(2) / 2) == \
        "$V_{\\mathrm{rev}} = \\frac{\\sqrt{2}}{2} \\approx 0.7071067812$"


def test_equilibrium_map_html_and_latex():
    m = gt.equilibrium_map(hawk_dove(), ["v"])
    html = m._repr_html_()
    assert_escaped(html)
    assert "<p>Equilibrium map in v: 3 regions</p>" in html
    assert "<tr><th>v = 1 (a continuum)</th>" in html
    assert m._repr_latex_() == map_table(m)


# ----------------------------------------------------------------- LaTeX compiles
NBCONVERT_PREAMBLE = ("\\documentclass{article}\n\\usepackage{amsmath,booktabs,longtable,"
                      "array,graphicx}\n\\begin{document}\n")


@pytest.mark.skipif(shutil.which("pdflatex") is None and not os.environ.get("CI"),
                    reason="pdflatex not installed")
def test_latex_reprs_compile_in_nbconverts_preamble(tmp_path):
    """nbconvert's LaTeX template loads these packages; every LaTeX display compiles
    with them."""
    g = hawk_dove()
    sol = gt.solve(battle(), exact=True)
    sw = gt.sweep(g, {"v": np.linspace(0.25, 1.75, 7)})
    parts = [sol._repr_latex_(), sol.equilibria[1]._repr_latex_(), sw._repr_latex_(),
             sw.regions("v")[1]._repr_latex_(), gt.critical_values(g, "v")[0]._repr_latex_(),
             gt.equilibrium_map(g, ["v"])._repr_latex_(),
             gt.solve(entry_game(), method="spe", exact=True).equilibria[0]._repr_latex_(),
             gt.solve(gt.classics.beer_quiche(), method="pbe", exact=True)._repr_latex_()]
    (tmp_path / "doc.tex").write_text(NBCONVERT_PREAMBLE + "\n\n\\bigskip\n\n".join(parts)
                                      + "\n\\end{document}\n")
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                          "-no-shell-escape", "doc.tex"], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:]
    assert (tmp_path / "doc.pdf").read_bytes().startswith(b"%PDF")


def test_parameter_names_in_formulas_are_escaped():
    """A parameter's name is user data too, also inside the formulas of a region."""
    p = gt.parameters("<b>")
    g = gt.NormalFormGame.from_arrays([[p, 0], [0, 1]], [[1, 0], [0, 1]])
    html = gt.sweep(g, {"<b>": [0.5, 2.0]})._repr_html_()
    assert "<b>" not in html
    assert "1/(&lt;b&gt; + 1) b1" in html


def test_a_critical_value_that_is_a_formula_displays():
    """Symbolic critical values (README: q = V_sec/(C_R + V_sec) in the Ukraine model) print
    and display; there is no decimal value to add."""
    V, C = gt.parameters("V C")
    g = gt.NormalFormGame.from_arrays([[(V - C) / 2, V], [0, V / 2]],
                                      [[(V - C) / 2, 0], [V, V / 2]])
    g = g.describe(gt.Parameter("V", default=2, domain=(0, 4)),
                   gt.Parameter("C", default=4, domain=(0, 10)))
    (cv,) = gt.critical_values(g, "C", symbolic=("V",))
    assert str(cv).startswith("C = V (everywhere): ")
    assert "<p><b>C = V (everywhere)</b>: Player 1 indifferent" in cv._repr_html_()
    assert cv._repr_latex_().startswith("$C = V$ (everywhere): Player 1 indifferent")
