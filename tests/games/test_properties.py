"""Games state their nature once: the cached properties, the Game protocol and the
read-only accessors of a tree (issue 12, items 1 and 6)."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from sample_trees import entry_game, guarantees_tree, zero_sum_guessing_tree

import gametheory as gt
from gametheory import GameError, NormalFormGame
from gametheory.games.extensive import InformationSet

PROPS = ("is_tree", "num_players", "is_numeric", "has_perfect_information",
         "has_perfect_recall", "is_zero_sum")


def matching_pennies_tree() -> gt.ExtensiveFormGame:
    g = gt.ExtensiveFormGame(["Ann", "Bob"])
    for a, node in zip("HT", g.root.decide("Ann", ["H", "T"]), strict=True):
        for b, leaf in zip("HT", node.decide("Bob", ["H", "T"], infoset="Bob"), strict=True):
            _ = leaf.payoffs(1, -1) if a == b else leaf.payoffs(-1, 1)
    return g


def forgetful_tree() -> gt.ExtensiveFormGame:
    g = gt.ExtensiveFormGame(["A", "B"])
    for n in g.root.decide("A", ["x", "y"]):
        for m in n.decide("A", ["u", "v"], infoset="forgot"):
            _ = m.payoffs(1, 0)
    return g


# ------------------------------------------------------------------ normal form
def test_normal_form_properties():
    mp = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert (mp.is_tree, mp.num_players, mp.is_numeric, mp.has_perfect_information,
            mp.has_perfect_recall, bool(mp.is_zero_sum)) == (False, 2, True, False, True, True)
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert not pd.is_zero_sum and not pd.has_perfect_information
    const = NormalFormGame.from_arrays([[2, 0], [0, 2]], [[0, 2], [2, 0]])
    assert const.is_zero_sum                       # constant-sum counts
    assert const.is_constant_sum(zero=True) is False   # sums to 2, not 0
    assert const.is_constant_sum() is True
    one_chooser = NormalFormGame.from_arrays([[1], [2]], [[0], [5]])  # 2 x 1
    assert one_chooser.has_perfect_information
    three = NormalFormGame(np.zeros((3, 1, 2, 1)))
    assert three.has_perfect_information and three.is_zero_sum
    assert NormalFormGame(np.zeros((3, 2, 2, 1))).has_perfect_information is False


def test_normal_form_zero_sum_kinds():
    # floats: relative tolerance, scaled with the payoffs
    g = NormalFormGame.from_arrays([[0.1, 0.2]], [[0.2, 0.1 + 1e-17]])
    assert g.is_zero_sum
    tiny = NormalFormGame.from_arrays([[3e-12, 0.0]], [[-3e-12, 1e-12]])
    assert not tiny.is_zero_sum                    # 1e-12 apart in units of 1e-12
    assert NormalFormGame.from_arrays([[1e12, 0.0]], [[-1e12, 1e-4]]).is_zero_sum
    # exact: no tolerance at all
    assert NormalFormGame.from_arrays([[F(1, 3), 0]], [[F(2, 3), 1]]).is_zero_sum
    assert not NormalFormGame.from_arrays([[F(1, 3), 0]],
                                          [[F(2, 3), F(1, 10**30)]]).is_zero_sum
    # symbolic: the sums are expanded
    q = gt.parameters("q")
    assert NormalFormGame.from_arrays([[q * (1 + q), 1]], [[-q - q**2, -1]]).is_zero_sum
    assert NormalFormGame.from_arrays([[q, 2]], [[1 - q, -1]]).is_zero_sum
    sym = NormalFormGame.from_arrays([[q, 1]], [[q, -1]])
    assert not sym.is_zero_sum and not sym.is_numeric
    assert sym.substitute(q=0).is_zero_sum and sym.substitute(q=0).is_numeric


def test_zero_sum_is_a_cached_bool():
    g = NormalFormGame.from_arrays([[1, -1]], [[-1, 1]])
    assert g.is_zero_sum is True and g.is_constant_sum(tol=0.0, zero=True) is True
    assert NormalFormGame.from_arrays([[0.5]], [[-0.4]]).is_constant_sum(1e-12, zero=True) is False

def test_properties_are_read_only():
    g = NormalFormGame.from_arrays([[1]], [[2]])
    t = entry_game()
    for game in (g, t):
        for name in PROPS:
            with pytest.raises(AttributeError):
                setattr(game, name, 1)
    with pytest.raises(TypeError):
        t.outcomes[1] = np.zeros(2)                # type: ignore[index]
    with pytest.raises(ValueError):
        next(iter(t.outcomes.values()))[0] = 5
    c = gt.ExtensiveFormGame(["A"])
    for n in c.root.chance({"h": F(1, 2), "t": F(1, 2)}):
        n.payoffs(0)
    with pytest.raises(ValueError):
        c.chance_probabilities(0)[0] = 1


# ------------------------------------------------------------------ trees
def test_tree_properties():
    t = entry_game()
    assert (t.is_tree, t.num_players, t.is_numeric, t.has_perfect_information,
            t.has_perfect_recall, t.is_zero_sum) == (True, 2, True, True, True, False)
    mp = matching_pennies_tree()
    assert mp.is_zero_sum and not mp.has_perfect_information and mp.has_perfect_recall
    guess = zero_sum_guessing_tree()
    assert guess.is_zero_sum
    forgot = forgetful_tree()
    assert not forgot.has_perfect_recall and not forgot.has_perfect_information
    assert forgot.is_zero_sum                      # every terminal sums to 1


def test_symbolic_and_chance_tree_properties():
    q = gt.parameters("q")
    g = guarantees_tree(q)
    assert not g.is_numeric and g.parameters == (q,)
    assert not g.has_perfect_information           # Russia does not see the chance move
    assert g.substitute(q="1/2").is_numeric
    # zero-sum with a symbolic payoff and a chance move
    c = gt.parameters("c")
    z = gt.ExtensiveFormGame(["A", "B"])
    hi, lo = z.root.chance({"hi": q, "lo": 1 - q})
    _ = hi.payoffs(c * (c + 1), -c**2), lo.payoffs(1, -1)
    assert z.has_perfect_information and not z.is_numeric
    assert not z.is_zero_sum                       # c at hi, 0 at lo
    assert z.substitute(c=0).is_zero_sum
    w = gt.ExtensiveFormGame(["A", "B"])
    hi, lo = w.root.chance({"hi": q, "lo": 1 - q})
    _ = hi.payoffs(c * (c + 1), 2 - c**2 - c), lo.payoffs(1, 1)
    assert w.is_zero_sum                           # constant 2 after expanding


def test_float_tree_zero_sum_agrees_with_sum_mismatch():
    from gametheory.solvers.sequence_lp import sum_mismatch

    for pays in ([(3e-12, -3e-12), (1e-12, 0.0)], [(0.1, 0.2), (0.3, 0.0)],
                 [(1e9, -1e9), (2.0, -2.0 + 1e-8)], [(1.0, 1.0), (0.0, 2.5)]):
        t = gt.ExtensiveFormGame(["A", "B"])
        for node, p in zip(t.root.decide("A", ["L", "R"]), pays, strict=True):
            node.payoffs(*p)
        assert t.is_zero_sum == (sum_mismatch(t.arrays)[0] is None), pays


def test_cache_is_dropped_when_the_tree_grows():
    t = gt.ExtensiveFormGame(["A", "B"])
    x, y = t.root.decide("A", ["x", "y"])
    assert len(t.information_sets) == 1
    _ = x.payoffs(1, -1)
    u, v = y.decide("B", ["u", "v"], infoset="B")
    _ = u.payoffs(0, 0), v.payoffs(2, -2)
    assert t.is_zero_sum and t.has_perfect_information and t.is_numeric
    assert len(t.information_sets) == 2
    # grow below a node that had payoffs: still complete, no longer zero-sum
    a, b = x.decide("B", ["u", "v"], infoset="B")
    assert t.information_sets[1].members == (1, 2)
    assert not t.has_perfect_information
    _ = a.payoffs(0, 0), b.payoffs(0, 5)
    assert not t.is_zero_sum
    # a parameter appears: no longer numeric
    q = gt.parameters("q")
    p = gt.ExtensiveFormGame(["A"])
    n1, n2 = p.root.decide("A", ["l", "r"])
    _ = n1.payoffs(1)
    assert p.num_players == 1
    with pytest.raises(GameError):                 # r has no payoffs yet
        _ = p.is_numeric
    _ = n2.payoffs(q)
    assert not p.is_numeric


def test_substitute_gives_fresh_properties():
    q = gt.parameters("q")
    t = gt.ExtensiveFormGame(["A", "B"])
    x, y = t.root.decide("A", ["x", "y"])
    _ = x.payoffs(q, -1), y.payoffs(0, 0)
    assert not t.is_zero_sum and not t.is_numeric
    s = t.substitute(q=1)
    assert s.is_zero_sum and s.is_numeric
    assert not t.is_zero_sum                       # the original is unchanged


# ------------------------------------------------------------------ protocol
def test_game_protocol():
    t = gt.ExtensiveFormGame(["A"])
    _ = t.root.decide("A", ["x", "y"])             # incomplete: no payoffs yet
    assert isinstance(t, gt.Game)                  # does not compile the tree
    assert isinstance(NormalFormGame.from_arrays([1]), gt.Game)
    assert not isinstance(object(), gt.Game)
    assert not isinstance(np.zeros(3), gt.Game)
    assert gt.Game is gt.games.protocol.Game
    assert "Game" in gt.__all__
    g = NormalFormGame.from_arrays([1])
    assert g.to_normal_form() is g


# ------------------------------------------------------------------ accessors
def test_accessors_agree_with_the_private_data():
    q = gt.parameters("q")
    for g in (entry_game(), guarantees_tree(q), matching_pennies_tree(), forgetful_tree()):
        for v in range(g.num_nodes):
            assert g.path(v) == g._path(v)
            assert g.children(v) == tuple(g._children[v] or ())
            assert g.action_labels(v) == g._labels.get(v, ())
            assert g.mover(v) == g._move[v]
            if v in g._chance_probs:
                assert g.chance_probabilities(v).tolist() == g._chance_probs[v].tolist()
            else:
                with pytest.raises(GameError, match="not a chance node"):
                    g.chance_probabilities(v)
        assert dict(g.outcomes) == g._outcomes
        sets = g.information_sets
        assert [(h.label, h.player, h.actions) for h in sets] == g._infosets
        for h in sets:
            assert isinstance(h, InformationSet) and sets[h.index] is h
            assert h.members == tuple(v for v, m in enumerate(g._move)
                                      if m is not None and m[0] >= 0 and m[1] == h.index)
        a = g.arrays
        assert [h.player for h in sets] == a.infoset_player.tolist()
        assert tuple(h.label for h in sets) == a.infoset_labels


def test_accessor_errors_and_nodes():
    g = entry_game()
    with pytest.raises(GameError, match="no node 99"):
        g.path(99)
    with pytest.raises(GameError, match="no node"):
        g.children(-1)
    assert g.path(g.node("enter")) == "enter"
    assert g.children(np.int64(0)) == (1, 2)


def test_parameter_metadata_and_message():
    q, r = gt.parameters("q r")
    t = guarantees_tree(q)
    assert dict(t.parameter_metadata) == {}
    t.describe(gt.Parameter("q", domain=(0, 1)))
    assert list(t.parameter_metadata) == ["q"]
    assert t.parameter_metadata["q"].domain == (0, 1)
    with pytest.raises(TypeError):
        t.parameter_metadata["r"] = gt.Parameter("r")  # type: ignore[index]
    assert t.unsubstituted_message().startswith(
        "the payoffs or chance probabilities depend on the parameters q; ")
    g = NormalFormGame.from_arrays([[q, r]], [[0, 0]])
    assert g.unsubstituted_message() == (
        "the payoffs depend on the parameters q, r; give them values with "
        "game.substitute(q=...) or analyse them with gt.sweep")
    with pytest.raises(GameError, match="depend on the parameters q, r"):
        g.float_payoffs()
