"""The equilibrium map's tables and notebook displays name the players, strategies,
actions and parameters from the mapped game, escaped for each format."""

import html
import re

from sample_trees import guarantees_tree

import gametheory as gt
from gametheory.io._notebook import map_html, map_latex
from gametheory.io.tables import equilibrium_table, map_table

P1, P2 = 'A<b>&"x"', "Bob's"


def hawk_dove():
    # Maynard Smith (1982), Evolution and the Theory of Games, ch. 2: Hawk where V > C.
    V, C = gt.parameters("V C")
    g = gt.NormalFormGame.from_arrays([[(V - C) / 2, V], [0, V / 2]],
                                      [[(V - C) / 2, 0], [V, V / 2]], players=[P1, P2],
                                      strategies=[["Hawk<i>", "Dove&"], ["H'", 'D"']])
    return g.describe(gt.Parameter("V", domain=(0, 4)), gt.Parameter("C", domain=(0, 4)))


def entry(players=("Entrant <1>", "Incumbent & Co")):
    """Selten's entry game with the fight payoff c and information sets h1, h2 (labels
    without the players' names): the incumbent fights iff c > 1 (1 for accommodating),
    so the entrant stays out then (0 > -1) and enters otherwise (1 > 0)."""
    c = gt.parameters("c")
    g = gt.ExtensiveFormGame(list(players))
    out, enter = g.root.decide(players[0], ["out", "in"], infoset="h1")
    out.payoffs(0, 2)
    fight, acc = enter.decide(players[1], ["fight", "accommodate"], infoset="h2")
    fight.payoffs(-1, c)
    acc.payoffs(1, 1)
    return g.describe(gt.Parameter("c", domain=(-2, 3), latex=r"\gamma"))


def test_normal_form_players_and_strategies_escaped():
    m = gt.equilibrium_map(hawk_dove(), ["V", "C"])
    text = map_html(m)
    for name in (P1, P2, "Hawk<i>", "Dove&", "H'", 'D"'):
        assert html.escape(name) in text
    assert "<b>&" not in text and "<i>" not in text
    assert f"<th>payoff {html.escape(P1)}</th>" in text


def test_three_players_named():
    # Three players, payoffs linear in q (each payoff column varies across the rows).
    q = gt.parameters("q")
    g = gt.NormalFormGame.from_arrays(
        [[[1, 0], [0, 0]], [[0, 0], [0, q]]], [[[1, 0], [0, 0]], [[0, 0], [0, 1]]],
        [[[q, 1], [1, 1]], [[1, 1], [1, 1]]], players=["R&1", "C<2>", "M'3"],
        strategies=[["u", "d"], ["l", "r"], ["a<", "b>"]])
    g = g.describe(gt.Parameter("q", domain=(0, 2)))
    text = map_html(gt.equilibrium_map(g, ["q"]))
    for name in ("R&amp;1", "C&lt;2&gt;", "M&#x27;3"):
        assert f"<th>{name}</th>" in text and f"<th>payoff {name}</th>" in text
    assert "<td>a&lt;</td>" in text and "<td>b&gt;</td>" in text


def test_tree_players_from_the_game_in_the_notebook_displays():
    """The map keeps its game: the notebook's HTML heads each information set with its
    player (the labels h1, h2 do not name them) and its LaTeX groups them under their
    players and names c by its declared LaTeX, as map_table(m, game=g) does (the CLI's
    report passes the game)."""
    g = entry()
    m = gt.equilibrium_map(g, ["c"])
    text = map_html(m)
    assert "<th>Entrant &lt;1&gt;: h1</th><th>Incumbent &amp; Co: h2</th>" in text
    assert "<th>payoff Incumbent &amp; Co</th>" in text
    tex = map_latex(m)
    assert tex == map_table(m, game=g)
    assert " & Entrant \\textless{}1\\textgreater{} & Incumbent \\& Co & " in tex
    assert "$\\gamma < 1$" in tex and "$c" not in tex


def test_tree_headers_agree_with_the_equilibrium_table():
    g = entry()
    m = gt.equilibrium_map(g, ["c"])
    sol = gt.solve(g.substitute(c=2), method="spe", exact=True)
    heads = map_table(m, "md").splitlines()[0].split(" | ")[1:3]
    assert heads == equilibrium_table(sol, "md").splitlines()[0].split(" | ")[1:3]
    assert heads == ["Entrant <1>: h1", "Incumbent & Co: h2"]


def test_labels_that_name_their_player_are_kept():
    g = guarantees_tree(1)
    sol = gt.solve(g, method="spe", exact=True)
    labels = [h.label for h in g.information_sets]
    assert labels == ["Ukraine: root", "Russia | NATO", "Russia | neutral"]
    assert "".join(f"<th>{lab}</th>" for lab in labels) in equilibrium_table(sol, "html")


def test_every_latex_form_of_the_map_names_the_parameter_by_its_declared_latex():
    """EquilibriumMap.to_latex (the CLI's `map --format latex|table`) names c as the
    table, the notebook display and the critical values do: by Parameter.latex."""
    g = entry()
    m = gt.equilibrium_map(g, ["c"])
    (cv,) = gt.critical_values(g, "c")
    forms = [m.to_latex(), m.to_latex("table"), map_latex(m), cv._repr_latex_()]
    assert all("$\\gamma" in t for t in forms)
    assert not any(re.search(r"\$c\b|\bc [<=>] ", t) for t in forms)


def entry_with_a_fixed_choice():
    """entry() with players without markup and a second incumbent information set h3
    after 'out', where relaxing (2) beats worrying (1) for every c: a choice the same in
    every region."""
    c = gt.parameters("c")
    g = gt.ExtensiveFormGame(["Entrant", "Incumbent"])
    out, enter = g.root.decide("Entrant", ["out", "in"], infoset="h1")
    relax, worry = out.decide("Incumbent", ["relax", "worry"], infoset="h3")
    relax.payoffs(0, 2)
    worry.payoffs(0, 1)
    fight, acc = enter.decide("Incumbent", ["fight", "accommodate"], infoset="h2")
    fight.payoffs(-1, c)
    acc.payoffs(1, 1)
    return g.describe(gt.Parameter("c", domain=(-2, 3), latex=r"\gamma"))


def test_tree_text_forms_name_the_players_as_the_tables_do():
    """str(map), str(region), to_latex (both styles), the records (the CLI's JSON) and
    the tables' notes name an information set whose label does not name its player
    'player: label', as the tables' headers do."""
    m = gt.equilibrium_map(entry(), ["c"])
    heads = map_table(m, "md").splitlines()[0].split(" | ")[1:3]
    assert heads == ["Entrant <1>: h1", "Incumbent & Co: h2"]
    below = f"{heads[0]}: in; {heads[1]}: accommodate"
    assert f"c < 1: 1 equilibrium: {below}; payoffs 1, 1" in str(m).splitlines()
    assert str(m.regions[0]) == f"c < 1: 1 equilibrium: {below}; payoffs 1, 1"
    assert m.records()[0]["strategies"] == below
    tex = ("Entrant \\textless{}1\\textgreater{}: h1: in; Incumbent \\& Co: h2: "
           "accommodate")
    assert f"$\\gamma < 1$: one equilibrium: {tex}, with payoffs" in m.to_latex()
    assert f"$\\gamma < 1$ & {tex} & " in m.to_latex("table")

    f = gt.equilibrium_map(entry_with_a_fixed_choice(), ["c"])
    assert "in every equilibrium: Incumbent: h3: relax" in str(f).splitlines()
    assert "In every equilibrium: Incumbent: h3: relax." in f.to_latex()
    assert "Entrant: h1: out; Incumbent: h2: fight" in str(f)
    for fmt in ("md", "html", "latex"):
        assert "In every region: Incumbent: h3: relax." in map_table(f, fmt)
