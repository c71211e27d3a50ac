"""Content of payoff, equilibrium and sweep tables in every format."""

import csv
import io
import re
from fractions import Fraction as F

import numpy as np
import pytest
from sample_trees import guarantees_tree

import gametheory as gt
from gametheory.io.tables import equilibrium_table, payoff_table, sweep_table


def prisoners_dilemma():
    # Osborne (2004), An Introduction to Game Theory, fig. 15.1: the only pure
    # equilibrium is (D, D).
    return gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
                                         players=["Row", "Col"],
                                         strategies=[["C", "D"], ["C", "D"]])


def battle_of_sexes():
    # Osborne (2004), sec. 4.3: two pure equilibria and a mixed one (2/3, 1/3), (1/3, 2/3).
    return gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]],
                                         players=["Ann", "Bob"],
                                         strategies=[["Bach", "Stravinsky"],
                                                     ["Bach", "Stravinsky"]])


def hawk_dove():
    v = gt.parameters("v")
    return gt.NormalFormGame.from_arrays([[(v - 1) / 2, v], [0, v / 2]],
                                         [[(v - 1) / 2, 0], [v, v / 2]],
                                         players=["P1", "P2"],
                                         strategies=[["H", "D"], ["H", "D"]])


def latex_body(tex):
    """Body rows of a booktabs tabular: the lines between \\midrule and \\bottomrule."""
    lines = tex.splitlines()
    return lines[lines.index("\\midrule") + 1:lines.index("\\bottomrule")]


# ----------------------------------------------------------------- payoff tables
def test_exact_fractions_in_every_format():
    g = gt.NormalFormGame.from_arrays([[F(3, 5), F(-1, 2)], [2, 0]], [[1, 0], [0, F(7, 3)]])
    tex = payoff_table(g, mark=None)
    assert r"$\frac{3}{5}, 1$" in tex and r"$-\frac{1}{2}, 0$" in tex
    assert r"\frac{7}{3}" in tex
    assert "3/5, 1" in payoff_table(g, "md", mark=None)
    assert "3/5, 1" in payoff_table(g, "html", mark=None)
    rows = list(csv.DictReader(io.StringIO(payoff_table(g, "csv"))))
    assert rows[0]["payoff:Player 1"] == "3/5" and rows[1]["payoff:Player 1"] == "-1/2"


def test_floats_to_the_chosen_precision():
    g = gt.NormalFormGame.from_arrays([[1 / 3, 2.0], [-0.0001, 1.25]], [[0, 1], [1, 0]])
    assert "0.33, 0" in payoff_table(g, "md", precision=2, mark=None)
    assert "0.3333, 0" in payoff_table(g, "md", precision=4, mark=None)
    md = payoff_table(g, "md", precision=2, mark=None)
    assert "| 0.00, 1.00 |" in md            # -0.0001 rounds to 0.00, not -0.00
    assert "1.25" in md


def test_labels_are_shown_and_escaped():
    g = gt.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]],
                                      players=["R&D_1", "Firm|2"],
                                      strategies=[["a%", "b#"], ["x<y", "z"]])
    tex = payoff_table(g)
    for s in (r"R\&D\_1", r"Firm\textbar{}2", r"a\%", r"b\#", r"x\textless{}y"):
        assert s in tex
    md = payoff_table(g, "md")
    assert md.splitlines()[0] == r"| R&D_1 \ Firm\|2 | x<y | z |"
    assert "<th>x&lt;y</th>" in payoff_table(g, "html")
    assert "R&amp;D_1" in payoff_table(g, "html")


def test_best_responses_marked_in_the_right_cells():
    pd = prisoners_dilemma()
    body = latex_body(payoff_table(pd))
    # Row's best response to either column is D (5 > 3, 1 > 0); Col's likewise.
    assert body == [r"C & $3, 3$ & $0, \underline{5}$ \\",
                    r"D & $\underline{5}, 0$ & $\underline{1}, \underline{1}$ \\"]
    bold = latex_body(payoff_table(pd, mark="bold"))
    assert bold[1] == r"D & $\mathbf{5}, 0$ & $\mathbf{1}, \mathbf{1}$ \\"
    plain = latex_body(payoff_table(pd, mark=None))
    assert "underline" not in "".join(plain) and "mathbf" not in "".join(plain)
    html = payoff_table(pd, "html", mark="bold")
    assert "<td><b>1</b>, <b>1</b></td>" in html
    md = payoff_table(battle_of_sexes(), "md")
    assert "| Bach | <ins>2</ins>, <ins>1</ins> | 0, 0 |" in md
    assert "| Stravinsky | 0, 0 | <ins>1</ins>, <ins>2</ins> |" in md


def test_pure_equilibria_are_the_fully_marked_cells():
    rng = np.random.default_rng(5)
    for _ in range(5):
        g = gt.NormalFormGame.from_arrays(rng.integers(0, 4, (3, 4)), rng.integers(0, 4, (3, 4)))
        rows = list(csv.DictReader(io.StringIO(payoff_table(g, "csv"))))
        marked = {(r["Player 1"], r["Player 2"]) for r in rows if r["pure_equilibrium"] == "1"}
        pure = {(g.strategies[0][int(np.argmax(e.strategies[0]))],
                 g.strategies[1][int(np.argmax(e.strategies[1]))])
                for e in gt.solve(g, method="pure", exact=True).equilibria}
        assert marked == pure


def test_ties_are_all_best_responses_and_floats_use_a_tolerance():
    g = gt.NormalFormGame.from_arrays([[1.0, 1.0 + 1e-13], [0.0, 0.5]], [[0.1 + 0.2, 0.3],
                                                                      [0.0, 0.0]])
    rows = list(csv.DictReader(io.StringIO(payoff_table(g, "csv"))))
    assert [r["best_response:Player 2"] for r in rows] == ["1", "1", "1", "1"]
    assert [r["pure_equilibrium"] for r in rows] == ["1", "1", "0", "0"]


def test_markdown_shape():
    g = gt.NormalFormGame.from_arrays(np.arange(12).reshape(3, 4), np.ones((3, 4), int))
    lines = payoff_table(g, "md").strip().splitlines()
    assert len(lines) == 2 + 3
    assert all(line.startswith("|") and line.endswith("|") for line in lines)
    assert {line.count(" | ") for line in lines if "---" not in line} == {4}
    assert re.fullmatch(r"\|( --- )\|( :-: \|){4}", lines[1])


def test_csv_is_one_row_per_cell():
    g = prisoners_dilemma()
    rows = list(csv.reader(io.StringIO(payoff_table(g, "csv"))))
    assert rows[0] == ["Row", "Col", "payoff:Row", "payoff:Col", "best_response:Row",
                       "best_response:Col", "pure_equilibrium"]
    assert rows[1:] == [["C", "C", "3", "3", "0", "0", "0"], ["C", "D", "0", "5", "0", "1", "0"],
                        ["D", "C", "5", "0", "1", "0", "0"], ["D", "D", "1", "1", "1", "1", "1"]]
    assert list(csv.reader(io.StringIO(payoff_table(g, "csv", mark=None))))[0] == \
        ["Row", "Col", "payoff:Row", "payoff:Col"]


def three_player():
    # Player i's payoff is 1 if they match player i+1 (mod 3): a cyclic matching game.
    U = np.zeros((3, 2, 2, 2), dtype=int)
    for a in range(2):
        for b in range(2):
            for c in range(2):
                s = (a, b, c)
                U[:, a, b, c] = [int(s[i] == s[(i + 1) % 3]) for i in range(3)]
    return gt.NormalFormGame(U, players=["A", "B", "C"],
                             strategies=[["u", "d"], ["l", "r"], ["W", "E"]])


def test_three_players_one_matrix_per_strategy_of_the_third():
    g = three_player()
    md = payoff_table(g, "md")
    blocks = md.strip().split("\n\n")
    assert blocks[0] == "**C plays W**" and blocks[2] == "**C plays E**"
    # (u, r, W): only C matches A; A's best reply is d, B's is l, C's is W (marked)
    assert blocks[1].splitlines()[2] == ("| u | <ins>1</ins>, <ins>1</ins>, <ins>1</ins> | "
                                         "0, 0, <ins>1</ins> |")
    tex = payoff_table(g)
    assert tex.count(r"\begin{tabular}") == 2
    assert r"\multicolumn{3}{c}{C plays W}" in tex and r"\multicolumn{3}{c}{C plays E}" in tex
    assert payoff_table(g, "html").count("<caption>") == 2
    rows = list(csv.DictReader(io.StringIO(payoff_table(g, "csv"))))
    assert len(rows) == 8 and rows[1]["C"] == "E" and rows[1]["payoff:C"] == "0"


def test_a_caption_over_several_html_tables_heads_them_once():
    # a table has at most one <caption>: the slices' titles keep theirs, the caption
    # given heads them all (as in Markdown)
    html = payoff_table(three_player(), "html", caption="Payoffs & <more>")
    tables = html.split("</table>")[:-1]
    assert len(tables) == 2 and all(t.count("<caption>") == 1 for t in tables)
    assert html.startswith("<p>Payoffs &amp; &lt;more&gt;</p>\n<table>")
    one = payoff_table(gt.NormalFormGame.from_arrays([[1, 0]], [[0, 1]]), "html",
                       caption="Cap")
    assert one.startswith("<table>\n<caption>Cap</caption>") and one.count("<caption>") == 1


def test_sgame_style():
    tex = payoff_table(prisoners_dilemma(), style="sgame")
    needs, *lines = tex.strip().splitlines()
    assert needs == r"% needs \usepackage{sgame}"
    assert lines[0] == r"\begin{game}{2}{2}[Row][Col]" and lines[-1] == r"\end{game}"
    assert lines[1] == r"  & C & D \\"
    assert lines[3] == r"D & $\underline{5}, 0$ & $\underline{1}, \underline{1}$"
    three = payoff_table(three_player(), style="sgame")
    assert three.count(r"\begin{game}{2}{2}[A][B][C plays W]") == 1


def test_parametric_payoffs_print_as_formulas_unmarked():
    tex = payoff_table(hawk_dove())
    assert r"\frac{v}{2} - \frac{1}{2}" in tex and "underline" not in tex
    assert "v/2 - 1/2" in payoff_table(hawk_dove(), "md")


def test_trees_are_shown_by_their_reduced_normal_form():
    g = gt.ExtensiveFormGame(["E", "I"])
    out, enter = g.root.decide("E", ["out", "in"])
    fight, acc = enter.decide("I", ["fight", "acc"])
    _ = out.payoffs(0, 2), fight.payoffs(-1, -1), acc.payoffs(1, 1)
    assert payoff_table(g, "md") == payoff_table(g.to_normal_form(), "md")


def test_bad_options_name_the_problem():
    g = prisoners_dilemma()
    with pytest.raises(gt.GameError, match="format 'pdf'"):
        payoff_table(g, "pdf")
    with pytest.raises(gt.GameError, match="style 'tabularx'"):
        payoff_table(g, style="tabularx")
    with pytest.raises(gt.GameError, match="mark 'italic'"):
        payoff_table(g, mark="italic")
    with pytest.raises(gt.GameError, match="precision"):
        payoff_table(g, precision=-1)
    with pytest.raises(gt.GameError, match="two players"):
        payoff_table(gt.NormalFormGame([[1, 2]]))


# ----------------------------------------------------------------- equilibrium tables
def test_equilibrium_table_rows_exact():
    sol = gt.solve(battle_of_sexes(), exact=True)
    body = latex_body(equilibrium_table(sol))
    assert len(body) == len(sol.equilibria) == 3
    assert body[0] == r"1 & Bach & Bach & $2$ & $1$ \\"
    assert body[1] == (r"2 & $\frac{2}{3}\,\mbox{Bach} + \frac{1}{3}\,\mbox{Stravinsky}$ & "
                       r"$\frac{1}{3}\,\mbox{Bach} + \frac{2}{3}\,\mbox{Stravinsky}$ & "
                       r"$\frac{2}{3}$ & $\frac{2}{3}$ \\")
    md = equilibrium_table(sol, "md").strip().splitlines()
    assert md[0] == "| # | Ann | Bob | payoff Ann | payoff Bob |"
    assert md[3] == "| 2 | 2/3 Bach + 1/3 Stravinsky | 1/3 Bach + 2/3 Stravinsky | 2/3 | 2/3 |"
    assert equilibrium_table(sol, "html").count("<tr>") == 1 + 3


def test_equilibrium_table_csv_and_floats():
    sol = gt.solve(battle_of_sexes())
    rows = list(csv.DictReader(io.StringIO(equilibrium_table(sol, "csv", precision=4))))
    assert list(rows[1]) == ["equilibrium", "Ann:Bach", "Ann:Stravinsky", "Bob:Bach",
                             "Bob:Stravinsky", "payoff:Ann", "payoff:Bob"]
    assert rows[1]["Ann:Bach"] == "0.6667" and rows[1]["payoff:Bob"] == "0.6667"
    assert [r["equilibrium"] for r in rows] == ["1", "2", "3"]


def test_equilibrium_table_of_a_tree_shows_behaviour():
    # At q = 3/4 Russia accepts under neutrality (3/4 * -3 + 1/4 * 2 < 0); Ukraine gets 1.
    sol = gt.solve(guarantees_tree(F(3, 4)), exact=True)
    # Russia's choice after NATO is off the path: the equilibria differ only there, so
    # that is the one column; the choices they share are stated once below the table
    md = equilibrium_table(sol, "md").strip().splitlines()
    assert md[:4] == ["| # | Russia \\| NATO |", "| --- | :-: |", "| 1 | escalate |",
                      "| 2 | 1/5 escalate + 4/5 accept |"]
    assert md[-1] == ("In every equilibrium: Ukraine: root: neutral; Russia \\| neutral: "
                      "accept; payoff of Ukraine: 1; payoff of Russia: 0.")
    tex = equilibrium_table(sol)
    assert "\\# & NATO \\\\" in tex and "& \\multicolumn" not in tex   # Russia's one column
    assert "Russia \\textbar{} neutral: accept" in tex
    rows = list(csv.DictReader(io.StringIO(equilibrium_table(sol, "csv"))))
    assert rows[0]["Russia | neutral:accept"] == "1" and rows[0]["payoff:Ukraine"] == "1"


# ----------------------------------------------------------------- sweep tables
def test_sweep_table_one_row_per_region_closed_form():
    # Hawk-Dove with cost 1 (Maynard Smith 1982): for 0 < v < 1 the mixed equilibrium
    # plays H with probability v; for v > 1 only (H, H), payoffs (v - 1)/2.
    sw = gt.sweep(hawk_dove(), {"v": np.linspace(0.25, 1.75, 7)})
    regions = sw.regions("v")
    md = sweep_table(sw, "v", "md").strip().splitlines()
    assert len(md) == 2 + len(regions)
    assert md[0] == "| v | P1 | P2 | payoff P1 | payoff P2 |"
    first = md[2].split(" | ")
    assert first[0] == "| [1/4, 1)"
    assert first[1].split("<br>") == ["H", "v H + (1 - v) D", "D"]
    assert md[-1] == "| (1, 7/4] | H | H | (v - 1)/2 | (v - 1)/2 |"
    body = latex_body(sweep_table(sw, "v"))
    assert body[-1] == r"$(1, \frac{7}{4}]$ & H & H & $\frac{v - 1}{2}$ & $\frac{v - 1}{2}$ \\"
    # in LaTeX each equilibrium of a region is a row of its own, the interval on the first
    assert body[0] == r"$[\frac{1}{4}, 1)$ & H & D & $v$ & $0$ \\"
    assert body[1].startswith(r" & $v\,\mbox{H} + (1 - v)\,\mbox{D}$ & ")
    assert body[3].startswith(r"$\{1\}$ (a continuum) & ")


def test_sweep_table_numeric_and_single_value_regions():
    sw = gt.sweep(hawk_dove(), {"v": np.linspace(0, 2, 5)})
    md = sweep_table(sw, "v", "md", closed_form=False).strip().splitlines()
    spans = [line.split(" | ")[0][2:] for line in md[2:]]
    # at v = 0 and v = 1 the equilibria form continua (flagged)
    assert spans == ["{0} (a continuum)", "(0, 1)", "{1} (a continuum)", "(1, 2]"]
    assert md[0] == "| v | v at | P1 | P2 | payoff P1 | payoff P2 |"
    mixed = md[3].split(" | ")        # solved exactly at v = 1/2: H with probability v
    assert mixed[1] == "1/2" and "1/2 H + 1/2 D" in mixed[2]
    rows = list(csv.DictReader(io.StringIO(sweep_table(sw, "v", "csv", closed_form=False))))
    assert [r["v"] for r in rows] == ["{0}", "(0, 1)", "{1}", "(1, 2]"]
    assert [r["continuum"] for r in rows] == ["1", "0", "1", "0"]
    assert float(rows[1]["lo"]) == 0.0 and float(rows[1]["hi"]) == 1.0
    assert rows[1]["equilibria"] == "3"
    auto = sweep_table(sw, "v", "md").strip().splitlines()
    assert auto[2].split(" | ")[1].split("<br>") == ["H", "D", "D"]    # exactly at v = 0


def test_sweep_table_substitutes_the_other_parameters():
    v, c = gt.parameters("v c")
    g = gt.NormalFormGame.from_arrays([[(v - c) / 2, v], [0, v / 2]],
                                      [[(v - c) / 2, 0], [v, v / 2]])
    sw = gt.sweep(g, {"v": [0.5, 1.0, 1.5], "c": [2.0]})
    md = sweep_table(sw, "v", "md")
    # c = 2 substituted: the mixed equilibrium plays a1 with probability v/c = v/2
    assert "v/2 a1 + (1 - v/2) a2" in md
    assert "c" not in md.split("\n", 2)[2]


def test_sweep_table_of_a_tree():
    # The guarantees tree: Russia escalates under neutrality while q < 2/5
    # (q * -3 + (1 - q) * 2 > 0); Ukraine prefers NATO while 3q - 4 < -3, q < 1/3.
    q = gt.parameters("q")
    sw = gt.sweep(guarantees_tree(q), {"q": np.linspace(0, 1, 11)})
    md = sweep_table(sw, "q", "md").strip().splitlines()
    spans = [line.split(" | ")[0][2:] for line in md[2:]]
    # "auto" on a two-player tree with imperfect information: Nash equilibria of its
    # reduced normal form, as gt.solve. On [0, 1/3) Russia may mix off the path after
    # neutral, escalating with p >= 4/(5 - 3q) (Ukraine's 1 + p(3q - 5) stays <= -3);
    # at q = 1/3 Ukraine is indifferent: a continuum of its mixtures, a point region;
    # on (1/3, 2/5) Russia may mix after NATO, off the path, while Ukraine's payoff
    # -3 + 5p after NATO stays below 3q - 4 under neutrality (Nash, not subgame perfect)
    assert spans[:3] == ["[0, 1/3) (a continuum)", "{1/3} (a continuum)",
                         "(1/3, 2/5) (a continuum)"]
    assert "{2/5} (a continuum)" in spans
    assert md[0].startswith("| q | q at | Ukraine: root |")


def test_sweep_table_closed_form_true_refuses_what_it_cannot():
    q = gt.parameters("q")
    sw = gt.sweep(guarantees_tree(q), {"q": np.linspace(0, 1, 5)})
    # imperfect information, Nash equilibria of the reduced normal form: formulas come
    # as mixed strategies, not behaviour
    with pytest.raises(gt.GameError, match="no closed form.*not behaviour"):
        sweep_table(sw, "q", closed_form=True)
    with pytest.raises(gt.GameError, match="closed_form"):
        sweep_table(sw, "q", closed_form="yes")


# ----------------------------------------------------------------- Jupyter
def test_repr_latex_delegates_to_the_tables():
    pd = prisoners_dilemma()
    assert pd._repr_latex_() == payoff_table(pd)
    sol = gt.solve(pd, exact=True)
    assert sol._repr_latex_() == equilibrium_table(sol)
    sw = gt.sweep(hawk_dove(), {"v": [0.5, 1.5]})
    assert sw._repr_latex_() == sweep_table(sw, "v", closed_form=False)
    assert gt.NormalFormGame([[1, 2]])._repr_latex_() is None
    v, c = gt.parameters("v c")
    g2 = gt.NormalFormGame.from_arrays([[v, 0], [0, c]], [[1, 0], [0, 1]])
    assert gt.sweep(g2, {"v": [0.5, 1.5], "c": [1.0, 2.0]})._repr_latex_() is None


def test_map_table_html_escapes_its_conditions():
    """The HTML map table writes q &lt; 1/7 (valid HTML), Markdown q < 1/7, LaTeX
    $q < \\frac{1}{7}$; the chained 1/7 < q < 2/5 likewise."""
    from gametheory.io.tables import map_table
    from gametheory.models import ukraine_guarantees as m

    emap = gt.equilibrium_map(m.build(), ["q"])
    html = map_table(emap, format="html", game=m.build())
    assert "<th>q &lt; 1/7</th>" in html and "<th>1/7 &lt; q &lt; 2/5</th>" in html
    assert "q < 1/7" not in html
    assert "| q < 1/7 |" in map_table(emap, format="md", game=m.build())
    assert r"$q < \frac{1}{7}$" in map_table(emap, game=m.build())


def test_a_region_without_equilibria_keeps_its_row_in_every_format():
    """A region where the solver found no equilibrium (an incomplete method) is a row
    with empty cells in LaTeX too, as in Markdown and CSV: no format drops it."""
    import dataclasses

    from gametheory.io.tables import map_table, regions_table
    from gametheory.solvers.result import Solution

    g = hawk_dove()
    regions = gt.sweep(g, {"v": [0.5, 1.0, 1.5, 2.0]}).regions("v")
    empty = dataclasses.replace(regions[0], solution=Solution([], "x", False, False, game=g),
                                _solve_point=None)
    rows = [empty, *regions[1:]]
    first = regions_table(rows, g, None, format="md").splitlines()[2].split(" | ")[0]
    assert first == "| [1/2, 1)"
    tex = regions_table(rows, g, None)
    assert re.search(r"^\$\[\\frac\{1\}\{2\}, 1\)\$ & \S+ &  &  &  &  \\\\$", tex, re.M)
    emap = gt.equilibrium_map(g, ["v"])
    gone = dataclasses.replace(emap, regions=[dataclasses.replace(emap.regions[0],
                                                                  equilibria=[], payoffs=[]),
                                              *emap.regions[1:]])
    for fmt, cond in (("latex", "$v < 0$"), ("md", "| v < 0 |"), ("html", "v &lt; 0")):
        assert cond in map_table(gone, format=fmt, game=g), fmt


def test_map_table_groups_information_sets_by_their_players_when_given_the_game():
    """Information sets labelled freely ("first move") are grouped under the player who
    moves there, as in equilibrium_table, when map_table is given the game."""
    from gametheory.io.tables import map_table

    p = gt.parameters("p")
    g = gt.ExtensiveFormGame(["A", "B"])
    left, right = g.root.decide("A", ["L", "R"], infoset="first move")
    x, y = right.decide("B", ["x", "y"], infoset="reply")
    left.payoffs(1, 1)
    x.payoffs(p, 0)
    y.payoffs(0, 2)
    g = g.describe(gt.Parameter("p", domain=(0, 2)))
    tex = map_table(gt.equilibrium_map(g, ["p"]), game=g)
    head = tex.splitlines()[3:7]
    assert head[0] == r" & A & B & \multicolumn{2}{c}{Payoffs} \\"
    assert head[2].startswith("condition & ") and "first" in head[2] and "reply" in head[2]


@pytest.mark.parametrize("label", ["tab:a#1", "tab:{x}", "50%", "a\\b", "x&y", "a~b"])
def test_a_label_latex_cannot_take_is_refused(label):
    g = gt.NormalFormGame.from_arrays([[1, 0]], [[0, 1]])
    with pytest.raises(gt.GameError, match="cannot be a LaTeX \\\\label key"):
        payoff_table(g, label=label)
    assert "\\label{tab:pd-1_a.b}" in payoff_table(g, label="tab:pd-1_a.b")


def test_float_tables_show_no_rounding_noise_as_the_text_does_not():
    """Chicken's mixed equilibrium solved in floats is 0.9/0.1 with payoffs -0.1 up to
    a few units in the last place; the tables print 0.1 (12 significant digits), as
    print(solution) does, not 0.0999999999999999."""
    from gametheory.models import catalog

    sol = gt.solve(catalog.GAMES["chicken"](), exact=False)
    md = equilibrium_table(sol, "md")
    assert "| 0.9 Swerve + 0.1 Straight |" in md and "| -0.1 | -0.1 |" in md
    assert "99999" not in md and "99999" not in equilibrium_table(sol)
    third = gt.NormalFormGame.from_arrays([[1.0 / 3, 0]], [[0, 2.0 / 3]])
    assert "a1 & $0.333333333333, 0$ & $0, 0.666666666667$" in payoff_table(third, mark=None)


def test_a_paper_latex_format_given_to_the_tables_is_left_as_it_was():
    """A table's layout is its own: a longtable (over LONG_ROWS rows) or slices set one
    below the other (three players, too wide side by side) did change the PaperLatex
    passed as the format, and the next table written with it became a broken snippet (a
    tabular with a longtable's caption row and no float)."""
    from gametheory.io.latex import LONG_ROWS, PaperLatex

    fmt = PaperLatex()
    pd = prisoners_dilemma()
    before = payoff_table(pd, format=fmt, caption="PD")
    tall = gt.NormalFormGame.from_arrays(np.arange(2 * LONG_ROWS + 8).reshape(-1, 2),
                                         np.ones((LONG_ROWS + 4, 2)))
    assert "\\begin{longtable}" in payoff_table(tall, format=fmt)
    wide = gt.NormalFormGame(np.arange(54).reshape(3, 2, 3, 3) % 7,
                             strategies=[["up", "down"], ["left", "middle", "right"],
                                         ["one", "two", "three"]])
    assert "\\medskip" in payoff_table(wide, format=fmt)
    assert (fmt.long, fmt.separator) == (False, "\n\\quad\n")
    assert payoff_table(pd, format=fmt, caption="PD") == before == payoff_table(pd, caption="PD")
    assert "\\begin{table}" in before and "longtable" not in before
