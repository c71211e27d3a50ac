"""Behaviour strategies on trees: best-response regrets in one pass, beliefs, Kuhn's
theorem both ways (mixed <-> behaviour), the agent form, and errors."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oracles import pygambit_profile
from sample_trees import entry_game

import gametheory as gt
from gametheory.errors import GameError
from gametheory.games.generators import random_tree
from gametheory.models.poker import kuhn_poker  # Kuhn (1950); built with the builder


def random_behavior(game, rng, exact=True, zeros=0.3):
    """A random behaviour profile (some actions with probability 0)."""
    out = {}
    for label, (_, acts) in game.infosets.items():
        w = rng.integers(1, 5, size=len(acts)) * (rng.random(len(acts)) >= zeros)
        if w.sum() == 0:
            w[rng.integers(len(acts))] = 1
        total = int(w.sum())
        out[label] = {a: F(int(x), total) if exact else float(x) / total
                      for a, x in zip(acts, w, strict=True)}
    return out


def random_mixed(nf, rng):
    """Exact random mixed strategies over the reduced strategies, some of them 0."""
    out = []
    for n in nf.shape:
        w = rng.integers(0, 4, size=n)
        if w.sum() == 0:
            w[0] = 1
        out.append([F(int(x), int(w.sum())) for x in w])
    return out


def beer_quiche(prior_weak="1/10"):
    """Beer-quiche (Cho & Kreps 1987, QJE 102, 179-221): the sender is weak with
    probability 1/10; the receiver sees beer or quiche, not the type. The sender gets 1
    for the preferred breakfast (quiche if weak) and 2 for no duel; the receiver gets 1
    for dueling a weak or not dueling a strong sender."""
    g = gt.ExtensiveFormGame(["Sender", "Receiver"])
    weak, strong = g.root.chance({"weak": prior_weak, "strong": 1 - F(prior_weak)})
    for t, node in (("weak", weak), ("strong", strong)):
        for signal, m in zip(["beer", "quiche"],
                             node.decide("Sender", ["beer", "quiche"], infoset=f"S {t}"),
                             strict=True):
            duel, no = m.decide("Receiver", ["duel", "not"], infoset=f"R {signal}")
            likes = (signal == "beer") == (t == "strong")
            duel.payoffs(int(likes), int(t == "weak"))
            no.payoffs(int(likes) + 2, int(t == "strong"))
    return g


def kuhn_equilibrium(alpha):
    """Kuhn's (1950) equilibrium family of Kuhn poker, alpha in [0, 1/3]: Alice bets J
    with alpha, K with 3 alpha, calls with Q with alpha + 1/3; Bob bets J after a check
    with 1/3 and calls with Q with 1/3 (value -1/18)."""
    a = F(alpha)

    def mix(p, first, second):
        return {first: 1 - p, second: p}

    return {
        "Alice J": mix(a, "check", "bet"), "Alice Q": mix(0, "check", "bet"),
        "Alice K": mix(3 * a, "check", "bet"),
        "Alice J after check-bet": mix(0, "fold", "call"),
        "Alice Q after check-bet": mix(a + F(1, 3), "fold", "call"),
        "Alice K after check-bet": mix(1, "fold", "call"),
        "Bob J after check": mix(F(1, 3), "check", "bet"),
        "Bob Q after check": mix(0, "check", "bet"),
        "Bob K after check": mix(1, "check", "bet"),
        "Bob J after bet": mix(0, "fold", "call"),
        "Bob Q after bet": mix(F(1, 3), "fold", "call"),
        "Bob K after bet": mix(1, "fold", "call"),
    }


# ------------------------------------------------------------------ regrets, known answers
def test_entry_game_regrets_by_hand():
    g = entry_game()
    # (out, fight) is a Nash equilibrium; at (enter, fight) the entrant gains 1 by
    # staying out and the incumbent 2 by accommodating
    assert g.behavior_regrets({"E": "out", "I": "fight"}) == (0, 0)
    assert g.behavior_regrets({"E": "enter", "I": "fight"}) == (1, 2)
    r = g.behavior_regrets({"E": {"out": "1/2", "enter": "1/2"}, "I": "fight"})
    assert r == (F(1, 2), F(1))          # 0 - (-1/2); 1/2 * (1 - (-1))
    assert all(isinstance(x, F) for x in r)
    rf = g.behavior_regrets({"E": {"out": 0.5, "enter": 0.5}, "I": "fight"})
    assert rf == (0.5, 1.0) and all(isinstance(x, float) for x in rf)


@pytest.mark.parametrize("alpha", [0, "1/6", "1/3"])
def test_kuhn_poker_equilibrium_family(alpha):
    g = kuhn_poker()
    beh = kuhn_equilibrium(alpha)
    assert g.behavior_regrets(beh) == (0, 0)
    assert g.expected_payoffs(beh).tolist() == [F(-1, 18), F(1, 18)]
    bad = dict(beh, **{"Bob Q after bet": {"fold": 1, "call": 0}})
    assert max(g.behavior_regrets(bad)) > 0


def test_best_response_behavior():
    g = kuhn_poker()
    beh = kuhn_equilibrium(F(1, 6))
    beh["Bob Q after bet"] = {"fold": 1, "call": 0}    # Bob folds Q: Alice bluffs with J
    br, value = g.best_response_behavior(beh, "Alice")
    assert br["Alice J"] == {"check": 0, "bet": 1}
    assert g.expected_payoffs(br)[0] == value
    assert value - g.expected_payoffs(beh)[0] == g.behavior_regrets(beh)[0]
    assert {h: br[h] for h in br if h.startswith("Bob")} == \
        {h: beh[h] for h in beh if h.startswith("Bob")}
    assert g.best_response_behavior(beh, 1)[1] == g.best_response_behavior(beh, "Bob")[1]


@settings(deadline=None, max_examples=20, derandomize=True)
@given(st.integers(0, 10**6), st.integers(2, 3))
def test_regrets_equal_reduced_normal_form_and_pygambit(seed, players):
    g = random_tree(30, seed=seed, players=players)
    rng = np.random.default_rng(seed)
    beh = random_behavior(g, rng)
    ours = g.behavior_regrets(beh)
    nf = g.to_normal_form()
    assert ours == gt.regrets(nf, g.behavior_to_mixed(beh))
    prof, _ = pygambit_profile(g, beh)
    assert max(ours) == F(str(prof.max_regret()))
    br, value = g.best_response_behavior(beh, players - 1)
    assert g.expected_payoffs(br)[players - 1] == value
    assert g.behavior_regrets(br)[players - 1] == 0
    floats = {h: {a: float(p) for a, p in d.items()} for h, d in beh.items()}
    assert np.allclose(g.behavior_regrets(floats), [float(x) for x in ours], atol=1e-12)


# ------------------------------------------------------------------ Kuhn's theorem
def own_reached(game, beh):
    """The information sets each player's own plan reaches with positive probability."""
    sf = game.sequence_form()
    plans = sf.realization_plan(game, beh)
    labels = game.arrays.infoset_labels
    return {labels[h] for p, x in enumerate(plans)
            for j, h in enumerate(sf.infosets[p].tolist()) if x[sf.parent[p][j]] > 0}


@settings(deadline=None, max_examples=20, derandomize=True)
@given(st.integers(0, 10**6))
def test_behavior_to_mixed_to_behavior(seed):
    g = random_tree(35, seed=seed, players=2 + seed % 2)
    rng = np.random.default_rng(seed)
    beh = random_behavior(g, rng)
    mixed = g.behavior_to_mixed(beh)
    nf = g.to_normal_form()
    assert tuple(len(m) for m in mixed) == nf.shape
    assert all(sum(m) == 1 and all(isinstance(x, F) for x in m) for m in mixed)
    assert list(nf.expected_payoffs(mixed)) == list(g.expected_payoffs(beh))
    back = g.mixed_to_behavior(mixed)
    assert list(back) == list(g.infosets)
    for h in own_reached(g, beh):
        assert back[h] == beh[h], h


@settings(deadline=None, max_examples=20, derandomize=True)
@given(st.integers(0, 10**6))
def test_mixed_to_behavior_preserves_payoffs(seed):
    g = random_tree(35, seed=seed, players=2 + seed % 2)
    nf = g.to_normal_form()
    mixed = random_mixed(nf, np.random.default_rng(seed))
    beh = g.mixed_to_behavior(mixed)
    assert list(g.expected_payoffs(beh)) == list(nf.expected_payoffs(mixed))
    floats = g.mixed_to_behavior([[float(x) for x in m] for m in mixed])
    assert np.allclose(g.expected_payoffs(floats).astype(float),
                       [float(x) for x in nf.expected_payoffs(mixed)], atol=1e-12)


def test_mixed_to_behavior_by_hand():
    # A: out (0) or in; after in, A again chooses l or r (Myerson 1991, sec. 2.6 style)
    g = gt.ExtensiveFormGame(["A", "B"])
    out, into = g.root.decide("A", ["out", "in"], infoset="A1")
    out.payoffs(0, 0)
    for x, node in zip("lr", into.decide("B", ["L", "R"], infoset="B"), strict=True):
        for y, leaf in zip("lr", node.decide("A", ["l", "r"], infoset="A2"), strict=True):
            leaf.payoffs(int(x == y), int(x != y))
    assert g.to_normal_form().strategies[0] == ("out", "in/l", "in/r")
    beh = g.mixed_to_behavior([["1/2", "1/8", "3/8"], "R"])
    assert beh == {"A1": {"out": F(1, 2), "in": F(1, 2)}, "A2": {"l": F(1, 4), "r": F(3, 4)},
                   "B": {"L": 0, "R": 1}}
    # never going in: A2 is unreached by A's own plan and gets its first action
    assert g.mixed_to_behavior([[1, 0, 0], [0.5, 0.5]])["A2"] == {"l": 1.0, "r": 0.0}
    assert [str(x) for x in g.behavior_to_mixed(beh)[0]] == ["1/2", "1/8", "3/8"]


# ------------------------------------------------------------------ beliefs
def test_beliefs_beer_quiche_by_hand():
    """Cho & Kreps (1987): in the pooling equilibrium on beer the receiver's belief after
    beer is the prior (1/10 weak); quiche is off the path, where Bayes' rule is silent."""
    g = beer_quiche()
    pool = {"S weak": "beer", "S strong": "beer", "R beer": "not", "R quiche": "duel"}
    b = g.beliefs(pool)
    assert b["R beer"] == {"weak/beer": F(1, 10), "strong/beer": F(9, 10)}
    assert b["R quiche"] is None
    assert b["S weak"] == {"weak": 1} and b["S strong"] == {"strong": 1}
    # the weak type mixes 1/2-1/2: P(weak | beer) = (1/20) / (1/20 + 9/10) = 1/19
    semi = dict(pool, **{"S weak": {"beer": "1/2", "quiche": "1/2"}})
    b = g.beliefs(semi)
    assert b["R beer"] == {"weak/beer": F(1, 19), "strong/beer": F(18, 19)}
    assert b["R quiche"] == {"weak/quiche": 1, "strong/quiche": 0}
    fb = beer_quiche(0.1).beliefs(pool)
    assert fb["R beer"]["weak/beer"] == pytest.approx(0.1)


@settings(deadline=None, max_examples=15, derandomize=True)
@given(st.integers(0, 10**6))
def test_beliefs_agree_with_pygambit(seed):
    g = random_tree(40, seed=seed)
    beh = random_behavior(g, np.random.default_rng(seed))
    prof, paths = pygambit_profile(g, beh)
    beliefs = {history.actions: b for history, b in prof.beliefs}
    ours = g.beliefs(beh)
    a = g.arrays
    for v in np.flatnonzero(a.player >= 0).tolist():
        theirs = beliefs[paths[v]]
        mine = ours[a.infoset_labels[a.infoset[v]]]
        if theirs is None:
            assert mine is None
        else:
            assert mine[g._path(v)] == F(str(theirs))


# ------------------------------------------------------------------ agent form
def test_agent_form_by_hand():
    """One player with two information sets becomes two agents with equal payoffs
    (Myerson 1991, sec. 2.6)."""
    g = gt.ExtensiveFormGame(["A", "B"])
    out, into = g.root.decide("A", ["out", "in"], infoset="A1")
    out.payoffs(1, 3)
    heads, tails = into.chance({"h": "1/4", "t": "3/4"})
    heads.payoffs(4, 0)
    left, right = tails.decide("B", ["L", "R"], infoset="B")
    left.payoffs(0, 2)
    for y, leaf in zip(["l", "r"], right.decide("A", ["l", "r"], infoset="A2"), strict=True):
        leaf.payoffs(2 if y == "l" else 0, 1)
    af = g.to_agent_form()
    assert af.players == ("A1", "B", "A2")
    assert af.strategies == (("out", "in"), ("L", "R"), ("l", "r"))
    U = af.payoffs
    assert U.shape == (3, 2, 2, 2)
    assert all(U[0, 0, b, c] == 1 and U[2, 0, b, c] == 1 and U[1, 0, b, c] == 3
               for b in range(2) for c in range(2))
    # in, L: 1/4 * 4 + 3/4 * 0 = 1 for A; 3/4 * 2 = 3/2 for B
    assert (U[0, 1, 0, 0], U[1, 1, 0, 0], U[2, 1, 0, 1]) == (1, F(3, 2), 1)
    # in, R, l: 1 + 3/4 * 2 = 5/2 for A; 3/4 for B; in, R, r: 1 for A
    assert (U[0, 1, 1, 0], U[2, 1, 1, 0], U[1, 1, 1, 0], U[0, 1, 1, 1]) == \
        (F(5, 2), F(5, 2), F(3, 4), 1)


def test_agent_form_too_large():
    g = gt.ExtensiveFormGame(["A"])
    node = g.root
    for k in range(21):
        stop, node = node.decide("A", ["stop", "go"])
        stop.payoffs(k)
    node.payoffs(21)
    with pytest.raises(GameError, match="2,097,152 cells"):
        g.to_agent_form()
    chance_only = gt.ExtensiveFormGame(["A"])
    for n in chance_only.root.chance({"h": "1/2", "t": "1/2"}):
        n.payoffs(1)
    with pytest.raises(GameError, match="at least one information set"):
        chance_only.to_agent_form()


# ------------------------------------------------------------------ errors
def forgetful():
    g = gt.ExtensiveFormGame(["A"])
    for n in g.root.decide("A", ["x", "y"]):
        for m in n.decide("A", ["u", "v"], infoset="forgot"):
            m.payoffs(0)
    return g


def test_imperfect_recall_is_refused():
    g = forgetful()
    beh = {"A: root": "x", "forgot": "u"}
    for call in (lambda: g.behavior_regrets(beh), lambda: g.behavior_to_mixed(beh),
                 lambda: g.mixed_to_behavior([[1, 0, 0, 0]]),
                 lambda: g.best_response_behavior(beh, "A")):
        with pytest.raises(GameError, match="perfect recall.*'forgot'"):
            call()


def test_bad_profiles():
    g = entry_game()
    with pytest.raises(GameError, match="gives nothing at information set 'I'"):
        g.behavior_regrets({"E": "out"})
    with pytest.raises(GameError, match="no action 'flee'"):
        g.behavior_regrets({"E": "out", "I": "flee"})
    with pytest.raises(GameError, match="sum to"):
        g.behavior_regrets({"E": {"out": 0.5, "enter": 0.6}, "I": "fight"})
    with pytest.raises(GameError, match="negative"):
        g.behavior_regrets({"E": {"out": 2, "enter": -1}, "I": "fight"})
    with pytest.raises(GameError, match="no information set labelled 'X'"):
        g.behavior_regrets({"E": "out", "I": "fight", "X": "a"})
    with pytest.raises(GameError, match="player index 5"):
        g.best_response_behavior({"E": "out", "I": "fight"}, 5)
    with pytest.raises(GameError, match="one mixed strategy per player"):
        g.mixed_to_behavior([[1, 0]])
    with pytest.raises(GameError, match="shape"):
        g.mixed_to_behavior([[1, 0, 0], [1, 0]])
    with pytest.raises(GameError, match="sum to"):
        g.mixed_to_behavior([[1, 1], [1, 0]])
    with pytest.raises(GameError, match="no reduced strategy 'stay'"):
        g.mixed_to_behavior(["stay", "fight"])
    p = gt.parameters("p")
    s = gt.ExtensiveFormGame(["A"])
    x, y = s.root.decide("A", ["x", "y"], infoset="A")
    x.payoffs(p)
    y.payoffs(1)
    with pytest.raises(GameError, match="depends on p"):
        s.behavior_regrets({"A": "x"})


@pytest.mark.parametrize("seed", range(6))
def test_exact_integer_mode_equals_fraction_mode(seed, monkeypatch):
    """Exact regrets in integers over a common denominator (the default) equal those in
    Fractions (the fall-back for very deep trees with large denominators)."""
    from gametheory.games import _tree_behavior

    g = random_tree(80, seed=seed, players=3)
    beh = random_behavior(g, np.random.default_rng(seed))
    ints = g.behavior_regrets(beh), g.best_response_behavior(beh, 1)
    monkeypatch.setattr(_tree_behavior, "_MAX_BITS", 0)
    assert (g.behavior_regrets(beh), g.best_response_behavior(beh, 1)) == ints


def test_tree_without_moves_keeps_exact_values():
    """Only chance moves: the empty behaviour profile is exact (it was read as floats)."""
    g = gt.ExtensiveFormGame(["A", "B"])
    h, t = g.root.chance({"h": F(1, 5), "t": F(4, 5)})
    h.payoffs(3, 1)
    t.payoffs(4, 0)
    assert g.behavior_regrets({}) == (0, 0)
    assert all(isinstance(r, F) for r in g.behavior_regrets({}))
    assert g.best_response_behavior({}, 1) == ({}, F(1, 5))
