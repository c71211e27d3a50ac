"""The JSON form of games: round trips and error messages."""

import json

import pytest
import sympy

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
                    "payoffs": [[["0", "-1"], ["1", "-10"]], [["0", "1"], ["-1", "-10"]]]}
    g = gt.ExtensiveFormGame(["A", "B"])
    h, t = g.root.chance({"h": "1/3", "t": "2/3"})
    h.payoffs(1, 0)
    x, y = t.decide("B", ["x", "y"], infoset="B")
    x.payoffs("1/2", 2)
    y.payoffs(0, 1)
    # one encoding: exact numbers are strings, integers too; floats are JSON numbers
    assert to_json(g)["root"] == {"chance": [
        ["h", "1/3", {"payoffs": ["1", "0"]}],
        ["t", "2/3", {"player": "B", "infoset": "B", "moves": [
            ["x", {"payoffs": ["1/2", "2"]}], ["y", {"payoffs": ["0", "1"]}]]}]]}
    f = gt.ExtensiveFormGame(["A"])
    a, b = f.root.decide("A", ["a", "b"])
    a.payoffs(1)
    b.payoffs(0.25)                                 # one float: a float tree
    assert to_json(f)["root"]["moves"] == [["a", {"payoffs": ["1"]}], ["b", {"payoffs": [0.25]}]]
    assert from_json(to_json(f)) == f


@pytest.mark.parametrize("text, message", [
    ('{"type": "normal",\n "players": [1 2]}', "line 2, column 16: Expecting ','"),
    ('{"type": "tree", "players": ["A"]}', "'type' must be 'normal' or 'extensive'"),
    ('{"type": "normal", "players": ["A"]}', "the game has no 'strategies'"),
    ('{"type": "extensive", "players": ["A"], "root": {"player": "A", "moves": '
     '[["x", {"payoffs": [1]}], ["y", {}]]}}', "node y has none of 'payoffs'"),
    ('{"type": "extensive", "players": ["A"], "root": {"player": "A", "moves": '
     '[["x", {"payoffs": [[1]]}]]}}', "node x, payoff 1: [1] is not a number"),
])
def test_errors_name_the_problem(text, message):
    with pytest.raises((gt.GameError, gt.ParseError)) as info:
        read_json(text)
    assert message in str(info.value)


def test_from_json_needs_an_object():
    with pytest.raises(gt.GameError, match="a game in JSON is an object"):
        from_json([1, 2])


# ------------------------------------------------ declared parameters (issue 11, section 1)
def _normal(payoff, parameters=None):
    data = {"type": "normal", "players": ["A", "B"], "strategies": [["x", "y"], ["u"]],
            "payoffs": [[[1], [payoff]], [[0], [0]]]}
    if parameters is not None:
        data["parameters"] = parameters
    return data


@pytest.mark.parametrize("payoff, fragment", [
    ("tyop", "unknown name 'tyop'"), ("NaN", "unknown name 'NaN'"),
    ("nan", "unknown name 'nan'"), ("inf", "unknown name 'inf'"),
    ("q + tyop", "the declared parameters are: q"),
    ("__import__('os').system('true')", "'__import__' is not a function"),
    ("1/0", "division by zero"), ("9**9**9", "too large")])
def test_an_undeclared_name_or_bad_string_is_an_error_naming_the_cell(payoff, fragment):
    """A typo such as "tyop" or "NaN" silently became a parameter; now it names the cell."""
    with pytest.raises(gt.ParseError) as info:
        from_json(_normal(payoff, ["q"]))
    assert "payoff of A at (y, u)" in str(info.value) and fragment in str(info.value)
    assert "\n" not in str(info.value)


def test_a_file_without_declarations_says_how_to_declare():
    with pytest.raises(gt.ParseError, match='declare the parameters .* "parameters" list'):
        from_json(_normal("1 - q"))


@pytest.mark.parametrize("value", [float("nan"), float("inf"), True, None, [1, [2]]])
def test_non_finite_and_non_number_json_values_are_errors(value):
    with pytest.raises(gt.GameError, match=r"payoff of A at \(y, u\)|nested deeper"):
        from_json(_normal(value))


def test_json_nan_literal_and_huge_integers_and_deep_nesting():
    with pytest.raises(gt.GameError, match="payoff of A at .*not a finite number"):
        read_json(json.dumps(_normal(1)).replace('[[1], [1]]', '[[1], [NaN]]'))
    with pytest.raises(gt.ParseError, match="unreadable JSON"):
        read_json(json.dumps(_normal(1)).replace('[[1], [1]]', '[[1], [' + "9" * 5000 + ']]'))
    with pytest.raises(gt.ParseError, match="nested too deeply"):
        read_json('{"a": ' + "[" * 100000 + "]" * 100000 + "}")


def test_declared_parameters_are_exact_sympy_symbols_and_keep_metadata():
    g = from_json(_normal("1 - q**2/2", [{"name": "q", "default": "1/2", "domain": [0, None],
                                          "description": "commitment"}, "unused"]))
    q = gt.parameters("q")
    assert g.payoffs[0, 1, 0] == 1 - q**2 / 2 and g.parameters == (q,)
    info = g.parameter_info["q"]
    assert info.default == sympy.Rational(1, 2) and info.description == "commitment"
    assert info.bounds == (0.0, float("inf"))
    with pytest.raises(gt.GameError, match="outside its domain"):
        g.substitute(q=-1)
    assert g.substitute(q="0.1").payoffs[0, 1, 0] == sympy.Rational(199, 200)


def test_round_trip_keeps_parameter_metadata_and_writes_the_declaration():
    tree = ukraine_guarantees.build()
    data = to_json(tree)
    names = [d if isinstance(d, str) else d["name"] for d in data["parameters"]]
    assert names == [p.name for p in tree.parameters]
    back = from_json(json.loads(json.dumps(data)))
    assert back == tree and back.parameter_info == tree.parameter_info
    q = gt.parameters("q")
    g = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, q]])
    assert to_json(g)["parameters"] == ["q"]
    g.describe(gt.Parameter("q", default="1/3", domain=("0", None)))
    assert to_json(g)["parameters"] == [{"name": "q", "default": "1/3", "domain": ["0", None]}]
    assert from_json(to_json(g)).parameter_info["q"].default == sympy.Rational(1, 3)


@pytest.mark.parametrize("decl, fragment", [
    ("q", "must be a JSON array"), ([3], "parameter 1 in 'parameters' must be a name"),
    (["q", "q"], "declared twice"), (["2q"], "not usable in expressions"),
    (["sqrt"], "not usable in expressions"), ([{"name": "q", "dflt": 1}], "unknown field"),
    ([{"name": "q", "domain": [0]}], "must be [lo, hi]"),
    ([{"name": "q", "default": "abc"}], "parameter 'q', default"),
    ([{"name": "q", "default": 2, "domain": [0, 1]}], "outside its domain")])
def test_bad_declarations(decl, fragment):
    with pytest.raises(gt.GameError) as info:
        from_json(_normal("q", decl))
    assert fragment in str(info.value)


def test_tree_probabilities_and_payoffs_name_the_node():
    data = {"type": "extensive", "players": ["A"], "parameters": ["r"],
            "root": {"chance": [["hi", "r", {"payoffs": ["2*r"]}],
                                ["lo", "1 - rr", {"payoffs": [0]}]]}}
    with pytest.raises(gt.ParseError, match="node root, probability of 'lo': .*'rr'"):
        from_json(data)
    data["root"]["chance"][1][1] = "1 - r"
    data["root"]["chance"][0][2]["payoffs"] = ["2*s"]
    with pytest.raises(gt.ParseError, match="node hi, payoff 1: .*unknown name 's'"):
        from_json(data)
