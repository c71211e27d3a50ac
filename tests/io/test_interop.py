"""Interop with nashpy and pygambit (gametheory.io.interop) and payoff tables from CSV.

Round trips on random games (normal forms of 2 and 3 players; trees with chance moves,
imperfect information and labels that need escaping) keep every label and every number
exactly; pygambit's own API is asked what it received (actions, players, chance
probabilities, information sets, payoffs), and trees built with pygambit's API by the
independent ``oracles.to_pygambit`` are read back. gt.solve on nashpy and pygambit games
gives the equilibria it gives on ours.
"""

from __future__ import annotations

import json
from fractions import Fraction

import nashpy
import numpy as np
import pygambit as gbt
import pytest
from assessment_games import random_small_tree
from oracles import solution_key_set
from oracles import to_pygambit as oracle_tree

import gametheory as gt
from gametheory.games.generators import random_tree
from gametheory.io.interop import as_game, from_pygambit, library_of, to_nashpy, to_pygambit
from gametheory.io.jsonform import to_json

H = gbt.H
NAMES = ['Row "R"', "Col\\C", "Third one"]      # quotes and a backslash: escaped in Gambit


# ----------------------------------------------------------------- random games
def random_normal(seed: int, players: int = 2, kind: str = "fraction") -> gt.NormalFormGame:
    """A random normal form with labels; payoffs ints, Fractions (with ints) or floats."""
    rng = np.random.default_rng(seed)
    shape = tuple(int(k) for k in rng.integers(1, 4, size=players))

    def entry() -> object:
        if kind == "float":
            return float(rng.normal())
        x = int(rng.integers(-9, 10))
        return x if kind == "int" or rng.random() < 0.5 else Fraction(x, int(rng.integers(1, 8)))

    arrays = [np.array([entry() for _ in range(int(np.prod(shape)))], dtype=object)
              .reshape(shape) for _ in range(players)]
    labels = [[f"s{i}.{k} x" for k in range(n)] for i, n in enumerate(shape)]
    return gt.NormalFormGame.from_arrays(*arrays, players=NAMES[:players], strategies=labels)


def random_labelled_tree(seed: int, floats: bool = False) -> gt.ExtensiveFormGame:
    """A random tree with chance moves (exact probabilities), information sets of several
    nodes (perfect recall not required, absent-mindedness avoided), Fraction or float
    payoffs and labels with spaces, quotes and slashes."""
    rng = np.random.default_rng([seed, 7])
    players = NAMES[:int(rng.integers(1, 4))]
    g = gt.ExtensiveFormGame(players, title=f'random "tree" {seed}')
    infosets: list[tuple[str, str, int, list[tuple]]] = []   # label, player, k, member paths
    stack = [(g.root, ())]
    budget = int(rng.integers(4, 16))
    while stack:
        node, path = stack.pop(int(rng.integers(len(stack))))
        k = int(rng.integers(2, 4))
        if budget <= 0 or (path and rng.random() < 0.25):
            node.payoffs(*[float(rng.normal()) if floats else
                           Fraction(int(rng.integers(-9, 10)), int(rng.integers(1, 6)))
                           for _ in players])
            continue
        budget -= 1
        acts = [f"a{j} / {'xy'[j % 2]}" for j in range(k)]
        if rng.random() < 0.25:
            w = [int(x) for x in rng.integers(1, 5, size=k)]
            kids = node.chance({a: Fraction(x, sum(w)) for a, x in zip(acts, w)})
        else:
            player = players[int(rng.integers(len(players)))]
            joinable = [s for s in infosets if s[1] == player and s[2] == k
                        and not any(path[:len(m)] == m for m in s[3])]
            if joinable and rng.random() < 0.6:
                label = joinable[int(rng.integers(len(joinable)))][0]
                acts = list(g.infosets[label][1])
                next(s for s in infosets if s[0] == label)[3].append(path)
            else:
                label = f'{player} "info" {len(infosets)}'
                infosets.append((label, player, k, [path]))
            kids = node.decide(player, acts, infoset=label)
        stack += [(c, (*path, a)) for c, a in zip(kids, acts)]
    return g


def node_paths(game: gt.ExtensiveFormGame) -> dict[int, tuple[str, ...]]:
    """{node: the action labels from the root}, by the public accessors."""
    paths = {0: ()}
    for v in range(game.num_nodes):
        for c, a in zip(game.children(v), game.action_labels(v)):
            paths[c] = (*paths[v], a)
    return paths


def node_facts(game: gt.ExtensiveFormGame) -> dict[tuple[str, ...], tuple]:
    """{path: (who moves, actions, chance probabilities, payoffs)} for every node."""
    out = {}
    for v, path in node_paths(game).items():
        mover = game.mover(v)
        who = None if mover is None else "chance" if mover[0] < 0 else \
            game.players[mover[0]]
        probs = tuple(game.chance_probabilities(v)) if who == "chance" else ()
        pays = tuple(game.outcomes[v]) if v in game.outcomes else None
        out[path] = (who, game.action_labels(v), probs, pays)
    return out


def exact_kinds(game) -> list[type]:
    """The types of every payoff (and chance probability) of a game."""
    if not game.is_tree:
        return sorted({type(x).__name__ for x in game.payoffs.ravel()})
    out = {type(x).__name__ for v in game.outcomes for x in game.outcomes[v]}
    for v in range(game.num_nodes):
        if game.mover(v) is not None and game.mover(v)[0] < 0:
            out |= {type(x).__name__ for x in game.chance_probabilities(v)}
    return sorted(out)


# ----------------------------------------------------------------- pygambit: normal forms
@pytest.mark.parametrize("players", [2, 3])
@pytest.mark.parametrize("kind", ["int", "fraction", "float"])
def test_normal_forms_round_trip_through_pygambit_exactly(players, kind):
    for seed in range(12):
        g = random_normal(seed, players, kind)
        theirs = g.to_pygambit()
        assert isinstance(theirs, gbt.StrategicGame)
        # what pygambit holds, by its own API: names, labels, payoffs
        assert list(theirs.players) == list(g.players)
        assert [theirs.get_strategies(p) for p in theirs.players] == [list(s) for s in
                                                                      g.strategies]
        for ours, arr in zip(g.payoffs, theirs.to_arrays(dtype=float if kind == "float"
                                                          else gbt.Rational)):
            assert [Fraction(str(x)) if kind != "float" else x for x in arr.ravel()] == \
                list(ours.ravel())
        back = gt.NormalFormGame.from_pygambit(theirs)
        assert back == g and exact_kinds(back) == exact_kinds(g) and back.kind == g.kind


def test_pygambit_decimals_are_floats_or_with_exact_the_fractions_they_spell():
    g = gbt.read_nfg(__import__("io").StringIO(
        'NFG 1 R "d" { "A" "B" } { 2 1 } 0.1 1 1/3 0'))
    assert gt.NormalFormGame.from_pygambit(g).payoffs[0].ravel().tolist() == [0.1, 1 / 3]
    exact = gt.NormalFormGame.from_pygambit(g, exact=True)
    assert exact.payoffs[0].ravel().tolist() == [Fraction(1, 10), Fraction(1, 3)]


# ----------------------------------------------------------------- pygambit: trees
@pytest.mark.parametrize("floats", [False, True], ids=["exact", "float"])
def test_trees_round_trip_through_pygambit_with_labels_and_exact_values(floats):
    merged = 0
    for seed in range(30):
        t = random_labelled_tree(seed, floats)
        theirs = t.to_pygambit()
        assert isinstance(theirs, gbt.ExtensiveGame) and theirs.title == t.title
        assert list(theirs.players) == list(t.players)
        paths = node_paths(t)
        sets = {s.label: s for s in t.information_sets}
        for v, path in paths.items():
            at = H.path(*path)
            mover = t.mover(v)
            if mover is None:
                label = theirs.get_outcome(at)
                pays = theirs.get_outcome_payoffs(label)
                got = [float(pays[p]) if floats else Fraction(str(pays[p]))
                       for p in t.players]
                assert got == list(t.outcomes[v])
                continue
            assert theirs.get_actions(at) == list(t.action_labels(v))
            if mover[0] < 0:
                probs = theirs.get_action_probs(at)
                assert [Fraction(str(probs[a])) for a in t.action_labels(v)] == \
                    list(t.chance_probabilities(v))
            else:
                members = sets[t.arrays.infoset_labels[mover[1]]].members
                assert theirs.get_player(at) == t.players[mover[0]]
                assert {h.actions for h in theirs.get_members(at)} == \
                    {paths[m] for m in members}
                merged += len(members) > 1
        back = gt.ExtensiveFormGame.from_pygambit(theirs)
        assert back == t and back.infosets == t.infosets and back.title == t.title
        assert exact_kinds(back) == exact_kinds(t)
    assert merged >= 20          # information sets of several nodes were exercised


@pytest.mark.parametrize("payoffs", ["int", "float"])
def test_larger_random_trees_round_trip(payoffs):
    for seed in range(4):
        t = random_tree(150, seed=seed, players=3, payoffs=payoffs)
        back = from_pygambit(to_pygambit(t))
        assert back == t and back.infosets == t.infosets and back.kind == t.kind


def test_trees_built_with_pygambits_api_are_read_back():
    """oracles.to_pygambit builds the tree with pygambit's own calls (no Gambit text);
    reading it gives our tree back, up to the information-set labels it does not set."""
    for seed in range(15):
        t = random_small_tree(seed)
        theirs, _, _ = oracle_tree(t)
        back = gt.ExtensiveFormGame.from_pygambit(theirs)
        assert back.to_normal_form().payoffs.tolist() == t.to_normal_form().payoffs.tolist()
        ours = {tuple(sorted(node_paths(t)[m] for m in s.members)) for s in t.information_sets}
        read = {tuple(sorted(node_paths(back)[m] for m in s.members))
                for s in back.information_sets}
        assert read == ours
        assert node_facts(back) == node_facts(t)


def test_a_pygambit_tree_as_normal_form_is_its_reduced_normal_form():
    t = random_small_tree(2)
    assert gt.NormalFormGame.from_pygambit(t.to_pygambit()) == t.to_normal_form()


# ----------------------------------------------------------------- nashpy
def test_nashpy_round_trips():
    for seed in range(20):
        g = random_normal(seed, 2, "fraction")
        A, B = g.to_nashpy(exact=True).payoff_matrices
        back = gt.NormalFormGame.from_nashpy(nashpy.Game(A, B), players=g.players,
                                             strategies=g.strategies)
        assert back == g and exact_kinds(back) == exact_kinds(g)
        floats = g.to_nashpy()
        assert floats.payoff_matrices[0].dtype.kind == ("i" if g.payoffs.dtype.kind == "i"
                                                        else "f")
        assert np.array_equal(floats.payoff_matrices[1], g.float_payoffs()[1])
        ints = random_normal(seed, 2, "int").to_nashpy()
        assert ints.payoff_matrices[0].dtype.kind == "i"
    zero_sum = gt.NormalFormGame.from_nashpy(nashpy.Game([[1, -1], [-1, 1]]))
    assert zero_sum.payoffs[1].tolist() == [[-1, 1], [1, -1]]
    assert zero_sum.players == ("Player 1", "Player 2")


def test_nashpy_solves_what_we_give_it():
    # nashpy's support enumeration on the float game finds our (nondegenerate) equilibria
    for seed in range(8):
        rng = np.random.default_rng(seed)
        g = gt.NormalFormGame.from_arrays(rng.random((3, 3)), rng.random((3, 3)))
        ours = sorted(tuple(np.round(np.concatenate(eq.strategies), 8))
                      for eq in gt.solve(g).equilibria)
        theirs = sorted(tuple(np.round(np.concatenate(e), 8))
                        for e in g.to_nashpy().support_enumeration())
        assert ours == theirs


# ----------------------------------------------------------------- gt.solve and converters
def test_solve_takes_nashpy_and_pygambit_games():
    for seed in range(10):
        g = random_normal(seed, 2, "int")
        want = solution_key_set(gt.solve(g, exact=True))
        A, B = g.payoffs
        assert solution_key_set(gt.solve(nashpy.Game(A, B), exact=True)) == want
        assert solution_key_set(gt.solve(to_pygambit(g), exact=True)) == want
        table = gbt.StrategicGame.from_arrays(A.astype(object), B.astype(object))
        assert solution_key_set(gt.solve(table, exact=True)) == want
    for seed in range(6):
        t = random_small_tree(seed)
        ours = gt.solve(t, exact=True)
        theirs = gt.solve(t.to_pygambit(), exact=True)
        assert solution_key_set(theirs) == solution_key_set(ours)
        assert [eq.behavior for eq in theirs.equilibria] == \
            [eq.behavior for eq in ours.equilibria]


def test_converters_take_foreign_games():
    g = random_normal(3, 2, "fraction")
    assert gt.write_gambit(g.to_pygambit()) == gt.write_gambit(g)
    t = random_labelled_tree(4)
    back = gt.read_gambit(gt.write_gambit(t.to_pygambit()))   # pygambit renumbers infosets
    assert back == t and back.infosets == t.infosets
    assert to_json(t.to_pygambit()) == to_json(t)
    from gametheory.io.tikz import tree_tikz

    assert tree_tikz(t.to_pygambit()) == tree_tikz(gt.ExtensiveFormGame.from_pygambit(
        t.to_pygambit()))
    pd = nashpy.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert to_json(pd)["payoffs"] == [[["3", "0"], ["5", "1"]], [["3", "5"], ["0", "1"]]]
    assert as_game(g) is g and as_game(7) == 7
    assert library_of(pd) == "nashpy" and library_of(g) is None


# ----------------------------------------------------------------- errors
@pytest.mark.parametrize("call, message", [
    (lambda: gt.NormalFormGame.from_nashpy([[1]]), "from_nashpy needs a nashpy.Game; got list"),
    (lambda: to_nashpy(random_normal(0, 3)), "nashpy games have two players; this one has 3"),
    (lambda: to_nashpy(gt.NormalFormGame.from_arrays([["sqrt(2)"]], [[0]])),
     "irrational"),
    (lambda: from_pygambit("x"), "from_pygambit reads pygambit's StrategicGame and "
                                 "ExtensiveGame; got str"),
    (lambda: gt.ExtensiveFormGame.from_pygambit(random_normal(0).to_pygambit()),
     "this is a StrategicGame (use NormalFormGame.from_pygambit)"),
    (lambda: to_pygambit(gt.NormalFormGame.from_arrays([[gt.parameters("q")]], [[0]])),
     "the payoffs depend on the parameters q"),
    (lambda: to_pygambit(gt.NormalFormGame.from_arrays([["sqrt(2)"]], [[0]])), "sqrt(2)"),
    (lambda: to_pygambit("chicken"), "needs a NormalFormGame or an ExtensiveFormGame; got str"),
])
def test_unsupported_input_is_a_one_line_error(call, message):
    with pytest.raises(gt.GameError) as info:
        call()
    assert message in str(info.value) and "\n" not in str(info.value)


def test_absent_minded_pygambit_trees_are_refused_in_one_line():
    g = gbt.ExtensiveGame(["A"], title="absent-minded driver")
    g.append_move(H.path(), "A", ["exit", "continue"])
    g.append_infoset(H.path("continue"), H.path())
    for path in (("exit",), ("continue", "exit"), ("continue", "continue")):
        g.make_outcome(H.path(*path), payoffs={"A": 1}, label="/".join(path))
    with pytest.raises(gt.GameError) as info:
        gt.ExtensiveFormGame.from_pygambit(g)
    assert "absent-minded driver" in str(info.value) and "\n" not in str(info.value)


# ----------------------------------------------------------------- payoff tables
def test_one_csv_of_pairs_with_labels_and_player_names(tmp_path):
    f = tmp_path / "pd.csv"
    f.write_text('Row \\ Col,C,D\nC,"3, 3","0, 5"\nD,"5, 0","-7.78, 1/3"\n')
    g = gt.NormalFormGame.from_csv(f)
    assert g.players == ("Row", "Col") and g.strategies == (("C", "D"), ("C", "D"))
    assert g.payoffs[0].tolist() == [[3, 0], [5, Fraction(-778, 100)]]
    assert g.payoffs[1, 1, 1] == Fraction(1, 3) and g.kind == "exact"


def test_two_csv_files_and_unlabelled_tables(tmp_path):
    (tmp_path / "a.csv").write_text("1,0\n0,1\n")
    (tmp_path / "b.csv").write_text("0,2\n1,0\n")
    g = gt.NormalFormGame.from_csv(tmp_path / "a.csv", tmp_path / "b.csv",
                                   players=["Kyiv", "Moscow"])
    assert g.strategies == (("a1", "a2"), ("b1", "b2")) and g.players == ("Kyiv", "Moscow")
    assert g.payoffs[1].tolist() == [[0, 2], [1, 0]]
    assert g.payoffs.dtype.kind == "i"


@pytest.mark.parametrize("files, message", [
    (["1,2\n3\n"], "row 2 has 1 cells, the first row 2; a payoff table is rectangular"),
    ([',L\nU,"1, NaN"\n'], "row 2, column 2"),
    ([',L\nU,\n'], "row 2, column 2: the cell is empty"),
    ([',L\nU,"1, 2, 3"\n'], "holds 3 numbers; expected a pair"),
    ([",L\nU,\"__import__('os'), 1\"\n"], "__import__"),
    (["1,2\n3,4\n"], "holds 1 number; expected a pair"),
    (["1,2\n", "1,2\n3,4\n"], "different shapes"),
    ([",L,R\nU,1,2\n", ",l,r\nU,1,2\n"], "label the strategies differently"),
    ([""], "holds no payoffs"),
])
def test_bad_tables_are_one_line_errors(tmp_path, files, message):
    paths = []
    for k, text in enumerate(files):
        paths.append(tmp_path / f"t{k}.csv")
        paths[-1].write_text(text)
    with pytest.raises(gt.GameError) as info:
        gt.NormalFormGame.from_csv(*paths)
    assert message in str(info.value) and "\n" not in str(info.value)
    assert str(paths[-1].name) in str(info.value) or len(files) == 2 or not files[0]


@pytest.mark.parametrize("data, message", [
    (b'\xff\xfe,L\nU,"1, 2"\n', "not UTF-8 text"),                      # UTF-16 or Latin-1
    (b'1,"' + b"x" * 200_000 + b'"\n', "not a payoff table in CSV: field larger"),
])
def test_unreadable_csv_files_are_one_line_errors(tmp_path, data, message):
    f = tmp_path / "t.csv"
    f.write_bytes(data)
    with pytest.raises(gt.GameError) as info:
        gt.NormalFormGame.from_csv(f)
    assert message in str(info.value) and "t.csv" in str(info.value)
    assert "\n" not in str(info.value)

@pytest.mark.parametrize("read", [gt.NormalFormGame.from_csv, gt.NormalFormGame.from_excel])
def test_a_missing_payoff_table_is_a_one_line_game_error(tmp_path, read):
    suffix = ".csv" if read == gt.NormalFormGame.from_csv else ".xlsx"
    (tmp_path / f"dir{suffix}").mkdir()
    for name in (f"none{suffix}", f"dir{suffix}"):               # was FileNotFoundError for CSV
        with pytest.raises(gt.GameError, match=f"^no such file: .*{name}$"):
            read(tmp_path / name)


def test_excel_names_the_missing_package(tmp_path, monkeypatch):
    import importlib.util

    import gametheory.io.spreadsheet  # noqa: F401  (imported before find_spec is patched)

    f = tmp_path / "t.xlsx"
    f.write_bytes(b"")
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",      # as if openpyxl were not installed
                        lambda name, *rest: None if name == "openpyxl" else real(name, *rest))
    with pytest.raises(gt.GameError, match=r"needs openpyxl: pip install openpyxl"):
        gt.NormalFormGame.from_excel(f)


def test_cli_solves_payoff_tables(tmp_path, capsys):
    from gametheory.cli import main

    f = tmp_path / "bos.csv"
    f.write_text('Her \\ Him,Bach,Stravinsky\nBach,"2, 1","0, 0"\nStravinsky,"0, 0","1, 2"\n')
    assert main(["solve", str(f), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # Osborne 2004, sec. 4.1.4: the mixed equilibrium ((2/3, 1/3), (1/3, 2/3))
    assert {"strategies": [["2/3", "1/3"], ["1/3", "2/3"]], "payoffs": ["2/3", "2/3"]} \
        in out["equilibria"] and out["players"] == ["Her", "Him"]
    (tmp_path / "r.csv").write_text("2,0\n0,1\n")
    (tmp_path / "c.csv").write_text("1,0\n0,2\n")
    assert main(["solve", f"{tmp_path / 'r.csv'},{tmp_path / 'c.csv'}"]) == 0
    assert "3 equilibria by vertex" in capsys.readouterr().out
    (tmp_path / "bad.csv").write_text("1,2\n3\n")
    assert main(["solve", str(tmp_path / "bad.csv")]) == 2
    err = capsys.readouterr().err
    assert "rectangular" in err and err.count("\n") == 1
