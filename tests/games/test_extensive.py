"""Extensive-form games: the builder, validation, perfect recall, compilation, the reduced
normal form, realisation probabilities."""

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oracles import to_pygambit

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models.poker import kuhn_poker  # Kuhn (1950); built with the builder


def entry_game():
    """The entry game (Selten 1978)."""
    g = gt.ExtensiveFormGame(["Entrant", "Incumbent"], title="Entry")
    out, enter = g.root.decide("Entrant", ["out", "enter"])
    out.payoffs(0, 2)
    fight, accommodate = enter.decide("Incumbent", ["fight", "accommodate"])
    fight.payoffs(-1, -1)
    accommodate.payoffs(Entrant=1, Incumbent=1)
    return g


def signalling_game(prior="1/3"):
    """Beer-quiche style signalling game: chance picks the sender's type, the receiver
    sees only the signal."""
    g = gt.ExtensiveFormGame(["Sender", "Receiver"])
    weak, strong = g.root.chance({"weak": prior, "strong": 1 - Fraction(prior)})
    for t, node in (("weak", weak), ("strong", strong)):
        for signal, m in zip(["beer", "quiche"],
                             node.decide("Sender", ["beer", "quiche"], infoset=f"S {t}"),
                             strict=True):
            duel, retreat = m.decide("Receiver", ["duel", "retreat"], infoset=f"R {signal}")
            likes = (signal == "beer") == (t == "strong")
            duel.payoffs(int(likes), 1 if t == "weak" else 0)
            retreat.payoffs(int(likes) + 2, 1 if t == "strong" else 0)
    return g


def centipede(moves):
    g = gt.ExtensiveFormGame(["A", "B"])
    node = g.root
    for k in range(moves):
        stop, node = node.decide("AB"[k % 2], ["stop", "go"])
        stop.payoffs(k, k + 1) if k % 2 else stop.payoffs(k + 1, k)
    node.payoffs(moves + 1, moves + 1)
    return g


# ----------------------------------------------------------------- building
def test_entry_game_normal_form():
    nf = entry_game().to_normal_form()
    assert nf.shape == (2, 2)
    assert nf.strategies == (("out", "enter"), ("fight", "accommodate"))
    assert nf.payoffs[:, 0, 0].tolist() == [0, 2]
    assert nf.payoffs[:, 1, 0].tolist() == [-1, -1]
    assert nf.payoffs[:, 1, 1].tolist() == [1, 1]


def test_children_by_label_and_paths():
    g = entry_game()
    assert g.root["enter"]["fight"].path == "enter/fight"
    assert g.node("enter/accommodate").is_terminal
    assert g.root.actions == ("out", "enter")
    assert g.root["enter"].parent == g.root
    assert g.infosets == {"Entrant: root": ("Entrant", ("out", "enter")),
                          "Incumbent: enter": ("Incumbent", ("fight", "accommodate"))}


def test_arrays_are_flat_and_topological():
    a = entry_game().arrays
    assert a.parent.tolist() == [-1, 0, 0, 2, 2]
    assert a.player.tolist() == [0, -2, 1, -2, -2]
    assert a.infoset.tolist() == [0, -1, 1, -1, -1]
    assert a.action.tolist() == [-1, 0, 1, 0, 1]
    assert a.terminals.tolist() == [1, 3, 4]
    assert a.payoffs.shape == (3, 2)
    assert np.all(a.parent[1:] < np.arange(1, 5))


def test_outcomes_on_the_path_are_added():
    g = gt.ExtensiveFormGame(["A"])
    x, y = g.root.decide("A", ["x", "y"])
    x.payoffs(10)
    u, v = x.decide("A", ["u", "v"])
    u.payoffs(1)
    v.payoffs("1/2")
    y.payoffs(0)
    assert g.arrays.payoffs[:, 0].tolist() == [0, 11, Fraction(21, 2)]


def test_payoffs_by_mapping_for_names_with_spaces():
    g = gt.ExtensiveFormGame(["Player one", "Player two"])
    g.root.payoffs({"Player one": 1, "Player two": 2})
    assert g.arrays.payoffs.tolist() == [[1, 2]]


def test_str_and_repr():
    g = entry_game()
    assert repr(g) == ("<ExtensiveFormGame 'Entry' (Entrant, Incumbent); 5 nodes, "
                       "2 information sets>")
    text = str(g)
    assert "enter: Incumbent [Incumbent: enter]" in text
    assert "fight -> (-1, -1)" in text
    assert "weak (1/3): Sender [S weak]" in str(signalling_game())


# ----------------------------------------------------------------- validation
@pytest.mark.parametrize("probs, message", [
    ({"a": "1/2", "b": "1/3"}, "sum to 5/6, not 1"),
    ({"a": -0.5, "b": 1.5}, "probability -0.5 at chance node root is negative"),
    ({"a": 0.5, "b": 0.4}, "not 1"),
    ({"a": "x", "b": 1}, "probability of 'a' at chance node root"),
    ({}, "non-empty mapping"),
])
def test_bad_chance_probabilities(probs, message):
    g = gt.ExtensiveFormGame(["A"])
    with pytest.raises(GameError, match=message):
        g.root.chance(probs)


def test_exact_probabilities_must_sum_exactly():
    g = gt.ExtensiveFormGame(["A"])
    with pytest.raises(GameError, match="not 1"):
        g.root.chance({"a": "1/3", "b": "1/3", "c": "333333/1000000"})
    g.root.chance({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3})  # floats: within rounding


def test_symbolic_probabilities_must_sum_to_one():
    r = gt.parameters("r")
    g = gt.ExtensiveFormGame(["A"])
    with pytest.raises(GameError, match="sum to"):
        g.root.chance({"a": r, "b": 1 - 2 * r})
    g.root.chance({"a": r, "b": 1 - r})


def test_infoset_mixing_players_or_actions():
    g = gt.ExtensiveFormGame(["A", "B"])
    x, y = g.root.decide("A", ["x", "y"])
    x.decide("B", ["l", "r"], infoset="B?")
    with pytest.raises(GameError, match="'B\\?' mixes players: B and A"):
        y.decide("A", ["l", "r"], infoset="B?")
    with pytest.raises(GameError, match="'B\\?' has actions \\['l', 'r'\\] but node y"):
        y.decide("B", ["l", "m"], infoset="B?")


def test_absent_mindedness_is_rejected():
    g = gt.ExtensiveFormGame(["Driver"])
    exit1, cont = g.root.decide("Driver", ["exit", "continue"], infoset="junction")
    exit2, end = cont.decide("Driver", ["exit", "continue"], infoset="junction")
    exit1.payoffs(0)
    exit2.payoffs(4)
    end.payoffs(1)
    with pytest.raises(GameError, match="'junction' is met twice on one path.*continue"):
        _ = g.arrays


def test_missing_payoffs_name_the_terminal():
    g = gt.ExtensiveFormGame(["A", "B"])
    x, y = g.root.decide("A", ["x", "y"])
    x.payoffs(1, 1)
    y.decide("B", ["l", "r"])[0].payoffs(0, 0)
    with pytest.raises(GameError, match="terminal node y/r has no payoffs"):
        g.to_normal_form()


@pytest.mark.parametrize("build, message", [
    (lambda g: g.root.decide("C", ["x"]), "no player named 'C'"),
    (lambda g: g.root.decide("A", []), "non-empty list"),
    (lambda g: g.root.decide("A", ["x", "x"]), "repeat the label 'x'"),
    (lambda g: g.root.payoffs(1), "1 values for 2 players"),
    (lambda g: g.root.payoffs(A=1), "no payoff for B"),
    (lambda g: g.root.payoffs(A=1, C=2), "no player named 'C'"),
    (lambda g: g.root.payoffs(1, "abc"), "payoff of B at node root"),
    (lambda g: g.root["x"], "node root has no action 'x'"),
])
def test_builder_errors(build, message):
    g = gt.ExtensiveFormGame(["A", "B"])
    with pytest.raises(GameError, match=message):
        build(g)


def test_a_node_gets_one_move_and_one_outcome():
    g = gt.ExtensiveFormGame(["A"])
    g.root.decide("A", ["x"])
    with pytest.raises(GameError, match="node root already has a move"):
        g.root.chance({"h": 1})
    g.root.payoffs(1)
    with pytest.raises(GameError, match="already has payoffs"):
        g.root.payoffs(2)


# ----------------------------------------------------------------- perfect recall
def test_perfect_recall_of_standard_games():
    for g in (entry_game(), kuhn_poker(), signalling_game(), centipede(5)):
        assert g.has_perfect_recall, g.recall_problems()
        assert g.recall_problems() == []


def test_forgetting_own_move_is_detected():
    g = gt.ExtensiveFormGame(["A", "B"])
    for n in g.root.decide("A", ["x", "y"]):
        for m in n.decide("B", ["l", "r"], infoset="B"):
            for t in m.decide("A", ["u", "v"], infoset="A later"):
                t.payoffs(0, 0)
    assert not g.has_perfect_recall
    (msg,) = g.recall_problems()
    assert "'A later' of A" in msg and "'x' at 'A: root'" in msg and "'y' at 'A: root'" in msg


def test_forgetting_information_is_detected():
    """A knows the chance move at its first decision but not at its second."""
    g = gt.ExtensiveFormGame(["A"])
    for c in g.root.chance({"h": "1/2", "t": "1/2"}):
        first = c.decide("A", ["a", "b"], infoset=f"A knows {c.path}")
        for n in first:
            for t in n.decide("A", ["u", "v"], infoset="A forgot"):
                t.payoffs(1)
    assert not g.has_perfect_recall
    assert "'A forgot'" in g.recall_problems()[0]


# ----------------------------------------------------------------- reduced normal form
@pytest.mark.parametrize("moves, shape", [(1, (2, 1)), (2, (2, 2)), (3, (3, 2)),
                                          (4, (3, 3)), (6, (4, 4)), (7, (5, 4))])
def test_centipede_reduced_sizes(moves, shape):
    """Player with k moves has k + 1 reduced strategies (not 2^k pure ones)."""
    nf = centipede(moves).to_normal_form()
    assert nf.shape == shape
    assert nf.strategies[0][0] == "stop"
    assert nf.strategies[0][-1] == "/".join(["go"] * ((moves + 1) // 2))


def test_kuhn_poker_value_is_minus_one_eighteenth():
    """Kuhn (1950): the game is worth -1/18 to the first player."""
    g = kuhn_poker()
    nf = g.to_normal_form()
    assert nf.shape == (27, 64)
    assert nf.is_exact
    with pytest.warns(gt.DegenerateGameWarning):
        sol = gt.solve(nf, method="lp", exact=True)
    assert sol.equilibria[0].payoffs[0] == Fraction(-1, 18)


def test_signalling_game_normal_form_includes_chance():
    nf = signalling_game().to_normal_form()
    assert nf.shape == (4, 4)
    s = nf.strategy_index(0, "quiche/beer")   # weak sends quiche, strong beer
    r = nf.strategy_index(1, "retreat/duel")  # retreat after beer, duel after quiche
    # weak: quiche, liked, duelled -> 1; strong: beer, liked, retreat -> 3
    assert nf.payoffs[0, s, r] == Fraction(1, 3) * 1 + Fraction(2, 3) * 3
    # receiver: duels the weak type (1), lets the strong one pass (1)
    assert nf.payoffs[1, s, r] == 1


def test_strategy_labels_list_the_actions_taken():
    g = gt.ExtensiveFormGame(["A"])
    a, b = g.root.decide("A", ["a", "b"])
    for t in a.decide("A", ["b", "a"], infoset="after a"):
        t.payoffs(1)
    b.decide("A", ["x"], infoset="after b")[0].payoffs(0)
    c = gt.ExtensiveFormGame(["A"])  # a player without moves gets one strategy
    c.root.payoffs(5)
    assert g.to_normal_form().strategies[0] == ("a/b", "a/a", "b/x")
    assert c.to_normal_form().shape == (1,)


def test_solve_accepts_a_tree():
    sol = gt.solve(entry_game(), method="pure")
    profiles = {tuple(int(np.argmax(s)) for s in eq.strategies) for eq in sol.equilibria}
    assert profiles == {(0, 0), (1, 1)}


def test_float_inputs_give_float_normal_form():
    g = gt.ExtensiveFormGame(["A", "B"])
    h, t = g.root.chance({"h": 0.25, "t": 0.75})
    for n in (h, t):
        for m in n.decide("A", ["x", "y"], infoset="A"):
            m.payoffs(1.0, 0)
    nf = g.to_normal_form()
    assert nf.kind == "float" and nf.shape == (2, 1)


# ----------------------------------------------------------------- parameters
def test_parameters_and_substitute():
    r = gt.parameters("r")
    g = gt.ExtensiveFormGame(["Ukraine", "Russia"])
    rev, sec = g.root.chance({"revisionist": r, "security": 1 - r})
    for node in (rev, sec):
        esc, con = node.decide("Russia", ["escalate", "concede"], infoset="Russia")
        esc.payoffs(-2, 1 if node == rev else -1)
        con.payoffs(1, 0)
    assert g.parameters == (r,)
    nf = g.to_normal_form()
    assert nf.parameters == (r,)
    fixed = g.substitute(r="1/4")
    assert fixed.parameters == ()
    assert fixed.to_normal_form().payoffs[1, 0, 0] == Fraction(1, 4) - Fraction(3, 4)
    with pytest.raises(GameError, match="probability -1 at chance node root is negative"):
        g.substitute(r=2)
    with pytest.raises(GameError, match="unknown parameter 'q'"):
        g.substitute(q=1)


# ----------------------------------------------------------------- behaviour
def test_realization_probabilities_and_expected_payoffs():
    g = kuhn_poker()
    uniform = {h: {a: "1/2" for a in acts} for h, (_, acts) in g.infosets.items()}
    reach = g.realization_probabilities(uniform)
    assert sum(reach) == 1
    assert len(reach) == len(g.arrays.terminals) == 30
    assert reach[0] == Fraction(1, 6) * Fraction(1, 4)
    pure = {h: acts[0] for h, (_, acts) in g.infosets.items()}  # always check, fold
    assert g.expected_payoffs(pure).tolist() == [0, 0]


def test_expected_payoffs_match_the_normal_form():
    g = signalling_game()
    nf = g.to_normal_form()
    for s, r in itertools.product(range(4), range(4)):
        beh = {}
        for p, k in ((0, s), (1, r)):
            hs = [h for h, (pl, _) in g.infosets.items() if pl == g.players[p]]
            for h, a in zip(hs, nf.strategies[p][k].split("/"), strict=True):
                beh[h] = a
        assert g.expected_payoffs(beh).tolist() == nf.payoffs[:, s, r].tolist()


@pytest.mark.parametrize("behavior, message", [
    ({"nope": "x"}, "no information set labelled 'nope'"),
    ({"Entrant: root": "out"}, "nothing at information set 'Incumbent: enter'"),
    ({"Entrant: root": "in", "Incumbent: enter": "fight"}, "has no action 'in'"),
    ({"Entrant: root": {"out": 0.5}, "Incumbent: enter": "fight"}, "sum to 0.5, not 1"),
    ({"Entrant: root": 3, "Incumbent: enter": "fight"}, "an action label or"),
])
def test_bad_behavior(behavior, message):
    with pytest.raises(GameError, match=message):
        entry_game().realization_probabilities(behavior)


# ----------------------------------------------------------------- scale
def test_deep_tree_needs_no_recursion():
    g = gt.ExtensiveFormGame(["A", "B"])
    node = g.root
    for k in range(5000):
        stop, node = node.decide("AB"[k % 2], ["stop", "go"])
        stop.payoffs(0, 0)
    node.payoffs(1, 1)
    a = g.arrays
    assert len(a.terminals) == 5001 and g.has_perfect_recall
    assert len(g.infosets) == 5000
    assert "A: go/go/go/go" in g.infosets and "B: node 202" in g.infosets
    beh = {h: "go" for h in g.infosets}
    assert g.realization_probabilities(beh)[-1] == 1


def test_wide_tree_compiles():
    g = gt.ExtensiveFormGame(["A"])
    leaves = [g.root]
    for depth in range(14):
        leaves = [c for n in leaves for c in n.decide("A", ["l", "r"], infoset=f"d{depth}")]
    for n in leaves:
        n.payoffs(1)
    a = g.arrays
    assert len(a.parent) == 2 ** 15 - 1
    assert not g.has_perfect_recall   # A forgets earlier choices


# ----------------------------------------------------------------- cross-check: pygambit
@pytest.mark.parametrize("build", [entry_game, kuhn_poker, signalling_game,
                                   lambda: centipede(6)])
def test_against_pygambit(build):
    import pygambit as gbt  # a test dependency
    game = build()
    theirs, isets, _ = to_pygambit(game)
    nf = game.to_normal_form()
    arrays = theirs.to_arrays()
    assert tuple(arrays[0].shape) == nf.shape
    for i in range(game.num_players):
        assert sorted(Fraction(str(x)) for x in arrays[i].flat) == \
            sorted(Fraction(x) for x in nf.payoffs[i].flat)
    rng = np.random.default_rng(7)
    beh = {}
    profile = theirs.mixed_behavior_profile(rational=True)
    for h, (label, _, acts) in enumerate(game._infosets):
        w = rng.integers(1, 5, size=len(acts))
        probs = [Fraction(int(x), int(w.sum())) for x in w]
        beh[label] = dict(zip(acts, probs, strict=True))
        profile.set_mixed_action(isets[h].at, {
            action: gbt.Rational(p.numerator, p.denominator)
            for action, p in zip(isets[h].actions, probs, strict=True)})
    ours = game.expected_payoffs(beh)
    for i, name in enumerate(game.players):
        assert ours[i] == Fraction(profile.payoffs[name])


def random_tree(seed, max_nodes=30, recall=True):
    """A random tree with chance and imperfect information: a node may join an earlier
    information set of its player (with the same own history when ``recall``)."""
    rng = np.random.default_rng(seed)
    g = gt.ExtensiveFormGame(["P1", "P2"])
    frontier = [g.root]
    history = {}      # information set label -> the player's last own (set, action)
    while frontier:
        node = frontier.pop(int(rng.integers(len(frontier))))
        if g.num_nodes + 3 > max_nodes or (node.id and rng.random() < 0.3):
            node.payoffs(*[int(x) for x in rng.integers(-3, 4, size=2)])
            continue
        k = int(rng.integers(2, 4))
        acts = [f"a{j}" for j in range(k)]
        if rng.random() < 0.25:
            w = rng.integers(1, 4, size=k)
            frontier += node.chance({a: Fraction(int(x), int(w.sum()))
                                     for a, x in zip(acts, w, strict=True)})
            continue
        player = str(rng.choice(g.players))
        own, above, v = None, set(), node
        while v.parent is not None:
            par = v.parent
            label = g._infosets[g._move[par.id][1]][0] if g._move[par.id][0] >= 0 else None
            if label is not None:
                above.add(label)
                if own is None and g.infosets[label][0] == player:
                    own = (label, par.actions[v.id - par.children[0].id])
            v = par
        same = [h for h, (p, a) in g.infosets.items() if p == player and len(a) == k
                and (history[h] == own or not recall) and h not in above]
        label = same[0] if same and rng.random() < 0.6 else f"{player}#{len(g.infosets)}"
        history[label] = own
        frontier += node.decide(player, acts, infoset=label)
    return g


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.integers(0, 10**9))
def test_random_trees_against_pygambit(seed):
    import pygambit as gbt  # a test dependency
    game = random_tree(seed)
    assert game.has_perfect_recall, game.recall_problems()
    theirs, isets, _ = to_pygambit(game)
    nf = game.to_normal_form()
    arrays = theirs.to_arrays()
    assert tuple(arrays[0].shape) == nf.shape
    for i in range(2):
        assert sorted(Fraction(str(x)) for x in arrays[i].flat) == \
            sorted(Fraction(x) for x in nf.payoffs[i].flat)
    beh = {label: acts[-1] for label, (_, acts) in game.infosets.items()}
    profile = theirs.mixed_behavior_profile(rational=True)
    for iset in isets.values():
        profile.set_mixed_action(iset.at, {
            action: gbt.Rational(int(j == len(iset.actions) - 1))
            for j, action in enumerate(iset.actions)})
    ours = game.expected_payoffs(beh)
    for i, name in enumerate(game.players):
        assert ours[i] == Fraction(profile.payoffs[name])


def test_symbolic_behaviour_and_payoffs_are_expanded():
    p, r = gt.parameters("p r")
    g = gt.ExtensiveFormGame(["A", "B"])
    for n in g.root.chance({"h": r, "t": 1 - r}):
        x, y = n.decide("A", ["x", "y"], infoset="A")
        x.payoffs(1, p)
        y.payoffs(0, 2)
    assert g.expected_payoffs({"A": {"x": p, "y": 1 - p}}).tolist() == [p, p**2 - 2 * p + 2]
    assert g.to_normal_form().payoffs[1, 0, 0] == p
    nodes = g.realization_probabilities({"A": "x"}, nodes=True)
    assert nodes.tolist() == [1, r, 1 - r, r, 0, 1 - r, 0]


def test_default_infoset_labels_never_merge_nodes_by_accident():
    g = gt.ExtensiveFormGame(["A"])
    x, y = g.root.decide("A", ["x", "y"], infoset="A: y")
    x.decide("A", ["u"])[0].payoffs(0)
    y.decide("A", ["u"])[0].payoffs(1)
    assert list(g.infosets) == ["A: y", "A: x", "A: y #2"]


def test_equality_is_structural():
    assert entry_game() == entry_game()
    assert kuhn_poker() == kuhn_poker()
    other = entry_game()
    other.root["enter"]["fight"]  # noqa: B018 - a lookup changes nothing
    assert other == entry_game()
    g = gt.ExtensiveFormGame(["Entrant", "Incumbent"], title="Entry")
    out, enter = g.root.decide("Entrant", ["out", "enter"])
    out.payoffs(0, 2)
    fight, accommodate = enter.decide("Incumbent", ["fight", "accommodate"])
    fight.payoffs(-1, -1)
    accommodate.payoffs(1, 2)
    assert g != entry_game()
    assert entry_game() != entry_game().to_normal_form()


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.integers(0, 10**9))
def test_perfect_recall_agrees_with_pygambit(seed):
    import pygambit  # noqa: F401  (a test dependency)
    game = random_tree(seed, max_nodes=40, recall=False)
    theirs, _, _ = to_pygambit(game)
    assert game.has_perfect_recall == theirs.is_perfect_recall
    assert bool(game.recall_problems()) != theirs.is_perfect_recall
