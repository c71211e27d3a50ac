"""The JSON form of games: round trips and error messages."""

import json

import pytest

import gametheory as gt
from gametheory.io.jsonform import from_json, read_json, to_json, write_json
from gametheory.models import catalog, poker, ukraine_guarantees, ukraine_russia_matrix


@pytest.mark.parametrize("name", sorted(catalog.GAMES))
def test_catalog_games_round_trip(name):
    g = catalog.GAMES[name]()
    assert read_json(write_json(g)) == g


def test_trees_round_trip_with_chance_information_sets_and_parameters(tmp_path):
    kuhn = poker.kuhn_poker()
    back = read_json(write_json(kuhn, tmp_path / "kuhn.json"))
    assert back == kuhn and back.infosets == kuhn.infosets
    # Kuhn poker's value to player 1 is -1/18 (Kuhn 1950)
    assert gt.solve(back, exact=True).equilibria[0].payoffs[0] == pytest.approx(-1 / 18)
    tree = ukraine_guarantees.build()               # symbolic payoffs and chance
    write_json(tree, tmp_path / "u.json")
    back = read_json(tmp_path / "u.json")
    assert back == tree
    assert [p.name for p in back.parameters] == [p.name for p in tree.parameters]
    assert read_json(write_json(ukraine_russia_matrix.build())) == ukraine_russia_matrix.build()


def test_the_documented_form():
    data = json.loads(write_json(catalog.chicken()))
    assert data == {"format": "gametheory", "version": 1, "type": "normal",
                    "players": ["Driver 1", "Driver 2"],
                    "strategies": [["Swerve", "Straight"], ["Swerve", "Straight"]],
                    "payoffs": [[[0, -1], [1, -10]], [[0, 1], [-1, -10]]]}
    g = gt.ExtensiveFormGame(["A", "B"])
    h, t = g.root.chance({"h": "1/3", "t": "2/3"})
    h.payoffs(1, 0)
    x, y = t.decide("B", ["x", "y"], infoset="B")
    x.payoffs("1/2", 2)
    y.payoffs(0, 1)
    assert to_json(g)["root"] == {"chance": [
        ["h", "1/3", {"payoffs": [1, 0]}],
        ["t", "2/3", {"player": "B", "infoset": "B", "moves": [
            ["x", {"payoffs": ["1/2", 2]}], ["y", {"payoffs": [0, 1]}]]}]]}
    f = gt.ExtensiveFormGame(["A"])
    a, b = f.root.decide("A", ["a", "b"])
    a.payoffs(1)
    b.payoffs(0.25)                                 # one float: a float tree
    assert to_json(f)["root"]["moves"] == [["a", {"payoffs": [1.0]}], ["b", {"payoffs": [0.25]}]]


@pytest.mark.parametrize("text, message", [
    ('{"type": "normal",\n "players": [1 2]}', "line 2, column 16: Expecting ','"),
    ('{"type": "tree", "players": ["A"]}', "'type' must be 'normal' or 'extensive'"),
    ('{"type": "normal", "players": ["A"]}', "the game has no 'strategies'"),
    ('{"type": "extensive", "players": ["A"], "root": {"player": "A", "moves": '
     '[["x", {"payoffs": [1]}], ["y", {}]]}}', "node y has none of 'payoffs'"),
    ('{"type": "extensive", "players": ["A"], "root": {"player": "A", "moves": '
     '[["x", {"payoffs": [[1]]}]]}}', "node x: [1] is not a number"),
])
def test_errors_name_the_problem(text, message):
    with pytest.raises((gt.GameError, gt.ParseError)) as info:
        read_json(text)
    assert message in str(info.value)


def test_from_json_needs_an_object():
    with pytest.raises(gt.GameError, match="a game in JSON is an object"):
        from_json([1, 2])
