"""ExtensiveFormGame.from_arrays: the tree the node-by-node builder makes (same arrays,
lists, labels, information sets and solutions) on random trees; one-line GameErrors for
bad input."""

from fractions import Fraction as F

import numpy as np
import pytest

import gametheory as gt
from gametheory.games._tree_bulk import BUILDER_FIELDS
from gametheory.games.generators import random_tree

ARRAY_FIELDS = ("parent", "player", "infoset", "action", "chance_prob", "terminals",
                "payoffs", "chance_reach", "infoset_player")


def as_arrays(g, labels=True, sets=True):
    """The from_arrays arguments that describe the builder's tree ``g`` (payoffs only
    at terminals), read from its lists (so also for a tree that does not compile)."""
    moves = [g._move[v] for v in range(g.num_nodes)]
    parent, action = g._parent, g._action
    kw = {"players": g.players, "parent": parent,
          "player": [-2 if m is None else m[0] for m in moves],
          "payoffs": [g._outcomes[v].tolist() for v, m in enumerate(moves) if m is None],
          "actions": [""] + [g._labels[parent[v]][action[v]] for v in range(1, len(moves))],
          "probabilities": [1] + [g._chance_probs[parent[v]][action[v]]
                                  if moves[parent[v]][0] == -1 else 1
                                  for v in range(1, len(moves))]}
    if sets:
        kw["infoset"] = [-1 if m is None else m[1] for m in moves]
    if labels:
        kw["infoset_labels"] = [h[0] for h in g._infosets]
    return kw


def assert_same_tree(bulk, ref):
    a, b = bulk.arrays, ref.arrays
    for name in ARRAY_FIELDS:
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype, name
        assert x.shape == y.shape and (x == y).all(), name
    for name in ("kind", "infoset_labels", "infoset_actions", "recall_problems"):
        assert getattr(a, name) == getattr(b, name), name
    assert bulk == ref                                  # the builders' signatures
    assert bulk.num_nodes == ref.num_nodes and repr(bulk) == repr(ref)
    assert bulk.has_perfect_information == ref.has_perfect_information
    assert bulk.has_perfect_recall == ref.has_perfect_recall
    assert bulk.infosets == ref.infosets
    assert bulk.information_sets == ref.information_sets
    for name in BUILDER_FIELDS:                         # the lists, filled on first use
        x, y = getattr(bulk, name), getattr(ref, name)
        if name == "_kind_of":
            assert set(x.values()) == set(y.values())
        elif name in ("_outcomes", "_chance_probs"):
            assert x.keys() == y.keys()
            assert all(x[v].tolist() == y[v].tolist() for v in x)
        else:
            assert x == y, name


@pytest.mark.parametrize("seed", range(8))
def test_random_trees_match_the_builder(seed):
    kind = "float" if seed % 2 else "int"
    ref = random_tree(120 + 40 * seed, seed=seed, players=2 + seed % 2, payoffs=kind)
    assert_same_tree(gt.ExtensiveFormGame.from_arrays(**as_arrays(ref)), ref)
    # information sets given by index only: the labels are the builder's of their
    # first nodes, so compare with a tree that uses those labels
    bulk = gt.ExtensiveFormGame.from_arrays(**as_arrays(ref, labels=False))
    assert bulk.arrays.infoset.tolist() == ref.arrays.infoset.tolist()


@pytest.mark.parametrize("seed", range(3))
def test_same_solutions(seed):
    ref = random_tree(40, seed=seed, payoffs="int")
    bulk = gt.ExtensiveFormGame.from_arrays(**as_arrays(ref))
    for kw in ({"exact": True}, {}):
        s1, s2 = gt.solve(bulk, **kw), gt.solve(ref, **kw)
        assert str(s1) == str(s2) and s1.method == s2.method
    assert str(bulk.to_normal_form()) == str(ref.to_normal_form())


def builder_tree(rng, n_nodes, perfect_info):
    """A random float tree by the builder, expanded in random order, with default
    labels (perfect information) or a few shared information sets."""
    g = gt.ExtensiveFormGame(["A", "B"])
    frontier = [g.root]
    count = 1
    while frontier:
        node = frontier.pop(int(rng.integers(len(frontier))))
        k = int(rng.integers(2, 4))
        if count + k > n_nodes or (node.id and rng.random() < 0.2):
            node.payoffs(*[float(x) for x in rng.random(2)])
            continue
        count += k
        if rng.random() < 0.15:
            frontier += node.chance({f"o{j}": 1 / k for j in range(k)})
            continue
        p = "AB"[int(rng.integers(2))]
        depth = 0 if node.id == 0 else node.path.count("/") + 1
        # sets within one depth: never met twice on a path, often without perfect recall;
        # now and then across depths (absent-mindedness, refused by both)
        tag = depth if rng.random() < 0.97 else "any"
        label = None if perfect_info else f"{p}{k}-{tag}-{int(rng.integers(3))}"
        frontier += node.decide(p, [f"m{j}" for j in range(k)], infoset=label)
    return g


def test_default_labels_and_actions_match_the_builder():
    rng = np.random.default_rng(11)
    for _ in range(5):
        ref = builder_tree(rng, 300, perfect_info=True)
        kw = as_arrays(ref, labels=False, sets=False)
        assert_same_tree(gt.ExtensiveFormGame.from_arrays(**kw), ref)
    # default move labels: a1, a2, ... and c1, c2, ... as a builder would give them
    g = gt.ExtensiveFormGame(["A"])
    x, y = g.root.decide("A", ["a1", "a2"])
    _ = x.payoffs(1)
    for leaf in y.chance({"c1": F(1, 3), "c2": F(2, 3)}):
        _ = leaf.payoffs(0)
    bulk = gt.ExtensiveFormGame.from_arrays(["A"], [-1, 0, 0, 2, 2], [0, -2, -1, -2, -2],
                                            [[1], [0], [0]],
                                            probabilities=[1, 1, 1, F(1, 3), F(2, 3)])
    assert_same_tree(bulk, g)


def test_imperfect_recall_and_deep_trees():
    rng = np.random.default_rng(2)
    seen_problems = False
    for _ in range(16):
        ref = builder_tree(rng, 200, perfect_info=False)
        try:
            _ = ref.arrays
        except gt.GameError as err:              # absent-minded: refused alike
            with pytest.raises(gt.GameError, match="absent-mindedness"):
                gt.ExtensiveFormGame.from_arrays(**as_arrays(ref))
            assert "absent-mindedness" in str(err)
            continue
        seen_problems |= bool(ref.arrays.recall_problems)
        assert_same_tree(gt.ExtensiveFormGame.from_arrays(**as_arrays(ref)), ref)
    assert seen_problems
    # a centipede of depth 30: labels by path to depth 12, then by node id
    g = gt.ExtensiveFormGame(["A", "B"])
    node = g.root
    for k in range(30):
        stop, node = node.decide("AB"[k % 2], ["stop", "go"])
        _ = stop.payoffs(k, -k)
    _ = node.payoffs(0, 0)
    assert_same_tree(gt.ExtensiveFormGame.from_arrays(**as_arrays(g, labels=False,
                                                                  sets=False)), g)


def test_the_builder_continues_a_bulk_tree():
    ref = random_tree(60, seed=4)
    bulk = gt.ExtensiveFormGame.from_arrays(**as_arrays(ref))
    for g in (ref, bulk):
        leaf = g.node(g.path(int(g.arrays.terminals[0])))
        for c in leaf.decide("P1", ["l", "r"], infoset="late"):
            _ = c.payoffs(1, 1)
    assert_same_tree(bulk, ref)


def test_a_million_nodes():
    n = 2 ** 20 - 1
    ids = np.arange(n)
    player = np.where(ids < n // 2, ids % 2, -2)
    player[0] = -1
    pay = np.random.default_rng(0).random((n - n // 2, 2))
    g = gt.ExtensiveFormGame.from_arrays(["A", "B"], (ids - 1) // 2, player, pay,
                                         probabilities=np.full(n, 0.5))
    a = g.arrays
    assert g.num_nodes == n and a.kind == "float" and g.has_perfect_recall
    assert np.allclose(a.chance_reach, 0.5) and a.payoffs.shape == (n - n // 2, 2)
    assert a.infoset_labels[:3] == ("B: c1", "A: c2", "B: c1/a1")   # player = id % 2
    assert a.infoset_labels[-1] == f"A: node {n // 2 - 1}"          # below depth 12
    assert "_bulk" in g.__dict__                     # the lists are not built yet


GOOD = {"players": ["A", "B"], "parent": [-1, 0, 0, 2, 2], "player": [0, -2, 1, -2, -2],
        "payoffs": [[0, 2], [-1, -1], [1, 1]]}


@pytest.mark.parametrize("change, message", [
    ({"parent": [-1, 0, 0, 4, 2]}, r"parent\[3\] = 4: every node but the root needs an "
                                   r"earlier node"),
    ({"parent": [-1, 0, 3, 2, 2]}, r"parent\[2\] = 3"),                # a cycle 2 <-> 3
    ({"parent": [0, 0, 0, 2, 2]}, r"parent\[0\] must be -1"),
    ({"parent": [-1, 0, 2, 0, 2]}, r"parent\[2\] = 2"),
    ({"parent": [-1, 0, 1, 0, 1], "player": [0, 1, -2, -2, -2],
      "payoffs": [[0, 0], [0, 0], [0, 0]]}, "children of node 0 are not consecutive"),
    ({"player": [0, -2, 1, -2, 1]}, "node 4 has no children but a mover"),
    ({"player": [0, -2, -2, -2, -2]}, "node 2 has children but player -2"),
    ({"player": [0, -2, 2, -2, -2]}, r"player\[2\] = 2: expected a player index"),
    ({"payoffs": [[0, 2], [-1], [1, 1]]}, r"payoffs must be a \(3, 2\) array.*ragged"),
    ({"payoffs": [[0, 2], [1, 1]]}, r"payoffs must be a \(3, 2\) array.*\(2, 2\)"),
    ({"payoffs": [[0, 2], [np.nan, 1], [1, 1]]}, "payoff of A at terminal node 3 is nan"),
    ({"player": [-1, -2, 1, -2, -2]}, "node 0 is a chance node: give probabilities"),
    ({"player": [-1, -2, 1, -2, -2], "probabilities": [1, 0.5, 0.6, 1, 1]},
     "probabilities at chance node 0 sum to 1.1"),
    ({"player": [-1, -2, 1, -2, -2], "probabilities": [1, -0.5, 1.5, 1, 1]},
     "probability -0.5 of the move into node 1 is negative"),
    ({"player": [-1, -2, 1, -2, -2], "probabilities": [1, np.nan, 0.5, 1, 1]},
     "probability of the move into node 1 is nan"),
    ({"player": [-1, -2, 1, -2, -2], "probabilities": [1, F(1, 3), F(1, 3), 1, 1]},
     "sum to 2/3, not 1"),
    ({"actions": ["", "x", "x", "u", "v"]}, "the moves at node 0 repeat the label 'x'"),
    ({"infoset": [0, -1, 0, -1, -1]}, "mixes players"),
    ({"parent": [-1, 0, 0, 1, 1, 1, 2, 2], "player": [0, 1, 1, -2, -2, -2, -2, -2],
      "payoffs": [[0, 0]] * 5, "infoset": [0, 1, 1, 0, 0, 0, 0, 0]}, "has actions"),
    ({"infoset_labels": {0: "x"}}, "no label for information set 2"),
    ({"players": "AB"}, "needs a list of player names"),
])
def test_bad_input_is_one_clear_game_error(change, message):
    with pytest.raises(gt.GameError, match=message) as info:
        gt.ExtensiveFormGame.from_arrays(**{**GOOD, **change})
    assert "\n" not in str(info.value)


def test_absent_mindedness_is_refused():
    # A moves at the root and again (same information set) after "go", as the builder
    # refuses it
    g = gt.ExtensiveFormGame(["A"])
    stop, go = g.root.decide("A", ["stop", "go"], infoset="h")
    _ = stop.payoffs(0)
    for leaf in go.decide("A", ["stop", "go"], infoset="h"):
        _ = leaf.payoffs(1)
    with pytest.raises(gt.GameError) as ref:
        _ = g.arrays
    with pytest.raises(gt.GameError, match="met twice on one path") as bulk:
        gt.ExtensiveFormGame.from_arrays(["A"], [-1, 0, 0, 2, 2], [0, -2, 0, -2, -2],
                                         [[0], [1], [1]], infoset=[7, 0, 7, 0, 0],
                                         actions=["", "stop", "go", "stop", "go"],
                                         infoset_labels={7: "h"})
    assert str(bulk.value) == str(ref.value)
