"""Refinements and selection: perfect equilibria, payoff and risk dominance, assessments.

Known answers: an equilibrium in weakly dominated strategies is not perfect (Selten 1975;
van Damme 1991, Theorem 3.2.2, which also covers a mixed strategy dominated by a pure one
although no strategy in its support is); the stag hunt's payoff-dominant (Stag, Stag) and
risk-dominant (Hare, Hare) equilibria (Harsanyi & Selten 1988, section 3.9; payoffs of
Aumann 1990); Selten's horse (Selten 1975; payoffs as reproduced in Fudenberg & Tirole
1991, chapter 8): (D, a, L) is a Nash equilibrium that is not sequentially rational, and
(A, a, R) is sequential exactly when player 3 believes D has probability at most 1/3;
beliefs forced by a chance move that nobody observes (Kreps & Wilson 1982; Fudenberg &
Tirole 1991, section 8.3). Properties: a backward-induction profile of a
perfect-information tree is a sequential equilibrium; limits of Bayes beliefs are
consistent, and the witness sequence reproduces them; perfection agrees with an
independent LP (best reply to a completely mixed strategy; van Damme 1991, Theorem 3.2.2).
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import gametheory as gt
from gametheory import ExtensiveFormGame, GameError, NormalFormGame
from gametheory.games.generators import random_tree

# ----------------------------------------------------------------- perfect equilibria


def test_equilibrium_in_weakly_dominated_strategies_is_not_perfect():
    g = NormalFormGame.from_arrays([[1, 0], [0, 0]], [[1, 0], [0, 0]])
    assert gt.is_equilibrium(g, ["a2", "b2"])
    assert not gt.is_perfect_equilibrium(g, ["a2", "b2"])
    assert gt.is_perfect_equilibrium(g, ["a1", "b1"])
    assert not gt.is_perfect_equilibrium(g, ["a1", "b2"])      # not even Nash


def test_mixed_strategy_dominated_though_its_support_is_not():
    # a and b are each the unique best reply to some column; 1/2 a + 1/2 b pays (1, 1, 0),
    # weakly dominated by c = (1, 1, 1). Player 2 is indifferent everywhere.
    g = NormalFormGame.from_arrays([[2, 0, 0], [0, 2, 0], [1, 1, 1]], np.zeros((3, 3)))
    mix = [[F(1, 2), F(1, 2), 0], [F(1, 2), F(1, 2), 0]]
    assert gt.is_equilibrium(g, mix)
    assert gt.dominated_strategies(g, 0, strict=False) == ()
    assert not gt.is_perfect_equilibrium(g, mix)
    assert gt.is_perfect_equilibrium(g, ["a3", [F(1, 3)] * 3])


def test_perfect_check_rejects_other_games():
    g3 = NormalFormGame(np.zeros((3, 2, 2, 2)))
    with pytest.raises(GameError, match="two-player"):
        gt.is_perfect_equilibrium(g3, [0, 0, 0])


def best_reply_to_completely_mixed(M, support):
    """Independent LP: maximise the least probability t of an opponent strategy y with
    every strategy in ``support`` a best reply to y; perfect iff t > 0."""
    m, n = M.shape
    rows = [np.append(M[k] - M[s], 0.0) for s in support for k in range(m)]
    rows += [np.append(-np.eye(n)[j], 1.0) for j in range(n)]     # t <= y_j
    res = linprog(np.append(np.zeros(n), -1.0), A_ub=np.array(rows), b_ub=np.zeros(len(rows)),
                  A_eq=np.append(np.ones(n), 0.0)[None, :], b_eq=[1],
                  bounds=[(0, None)] * n + [(None, 1)], method="highs")
    return -res.fun > 1e-9


@settings(deadline=None, max_examples=25)
@given(st.integers(0, 10**6), st.sampled_from([(2, 2), (2, 3), (3, 3)]))
def test_perfection_agrees_with_completely_mixed_best_replies(seed, shape):
    rng = np.random.default_rng(seed)
    A, B = rng.integers(0, 3, size=(2, *shape))       # small range: many ties
    g = NormalFormGame.from_arrays(A, B)
    for eq in gt.solve(g, exact=True).equilibria:
        x, y = eq.strategies
        expected = all(best_reply_to_completely_mixed(M, [k for k, p in enumerate(s) if p > 0])
                       for M, s in ((A, x), (B.T, y)))
        # the LP above is for supports; a mixture can be dominated only if its support's
        # strategies are not all best replies to one completely mixed strategy
        assert gt.is_perfect_equilibrium(g, eq) == expected


@settings(deadline=None, max_examples=15)
@given(st.integers(0, 10**6))
def test_generic_games_have_only_perfect_equilibria(seed):
    # van Damme (1991), chapter 2: in generic games every equilibrium is regular, hence perfect
    A, B = np.random.default_rng(seed).normal(size=(2, 3, 3))
    g = NormalFormGame.from_arrays(A, B)
    assert all(gt.is_perfect_equilibrium(g, eq) for eq in gt.solve(g).equilibria)


# ----------------------------------------------------------------- payoff and risk dominance

STAG = NormalFormGame.from_arrays([[9, 0], [8, 7]], [[9, 8], [0, 7]],
                                  strategies=[["Stag", "Hare"], ["Stag", "Hare"]])


def test_stag_hunt_payoff_versus_risk_dominance():
    ss, hh = ["Stag", "Stag"], ["Hare", "Hare"]
    assert gt.payoff_dominates(STAG, ss, hh) and not gt.payoff_dominates(STAG, hh, ss)
    assert gt.risk_dominates(STAG, hh, ss) and not gt.risk_dominates(STAG, ss, hh)
    assert gt.nash_product(STAG, ss, hh) == 1 and gt.nash_product(STAG, hh, ss) == 49


def test_coordination_game_where_both_criteria_agree_and_ties():
    g = NormalFormGame.from_arrays([[4, 0], [0, 1]], [[4, 0], [0, 1]])
    assert gt.payoff_dominates(g, [0, 0], [1, 1]) and gt.risk_dominates(g, [0, 0], [1, 1])
    sym = NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    assert not gt.risk_dominates(sym, [0, 0], [1, 1]) and not gt.risk_dominates(sym, [1, 1],
                                                                                 [0, 0])


def test_larger_games_use_the_spanned_two_by_two_game():
    # a 3 x 3 coordination game: (a1, b1) vs (a3, b3) compares 2 * 2 with 3 * 3
    g = NormalFormGame.from_arrays(np.diag([2, 1, 3]), np.diag([2, 1, 3]))
    assert gt.risk_dominates(g, [2, 2], [0, 0])
    assert gt.payoff_dominates(g, [2, 2], [0, 0])
    three = NormalFormGame(np.ones((3, 2, 2, 2)))
    assert not gt.payoff_dominates(three, [0, 0, 0], [1, 1, 1])     # equal payoffs


def test_dominance_errors():
    with pytest.raises(GameError, match="not a pure Nash equilibrium"):
        gt.risk_dominates(STAG, ["Stag", "Hare"], ["Hare", "Hare"])
    with pytest.raises(GameError, match="differ in both"):
        gt.nash_product(STAG, ["Stag", "Stag"], ["Stag", "Stag"])
    with pytest.raises(GameError, match="pure profile"):
        gt.payoff_dominates(STAG, "Stag", ["Hare", "Hare"])
    with pytest.raises(GameError, match="two-player"):
        gt.risk_dominates(NormalFormGame(np.ones((3, 2, 2, 2))), [0, 0, 0], [1, 1, 1])


# ----------------------------------------------------------------- assessments


def selten_horse() -> ExtensiveFormGame:
    g = ExtensiveFormGame(["1", "2", "3"], title="Selten's horse")
    across, down = g.root.decide("1", ["A", "D"], infoset="1")
    a, d = across.decide("2", ["a", "d"], infoset="2")
    a.payoffs(1, 1, 1)
    for node, (left, right) in ((down, ((3, 3, 2), (0, 0, 0))),
                                (d, ((4, 4, 0), (1, 1, 1)))):
        lft, rgt = node.decide("3", ["L", "R"], infoset="3")
        lft.payoffs(*left)
        rgt.payoffs(*right)
    return g


def test_selten_horse():
    g = selten_horse()
    dal = {"1": "D", "2": "a", "3": "L"}
    assert g.behavior_regrets(dal) == (0, 0, 0)               # a Nash equilibrium
    chk = gt.check_assessment(g, dal)
    assert not chk.sequentially_rational and chk.consistent
    assert chk.problems == ("at information set '2', 2 gains 3 by playing 'd'",)
    aar = {"1": "A", "2": "a", "3": "R"}
    for mu_d, ok in ((F(1, 3), True), (F(0), True), (F(1, 2), False)):
        beliefs = {"3": {"D": mu_d, "A/d": 1 - mu_d}}
        assert gt.is_sequential_equilibrium(g, aar, beliefs) == ok
        assert gt.is_consistent(g, aar, beliefs)      # independent trembles: any belief
    with pytest.raises(GameError, match="not reached"):
        gt.check_assessment(g, aar)


def test_witness_sequence_reproduces_beliefs():
    g = selten_horse()
    chk = gt.check_assessment(g, {"1": "A", "2": "a", "3": "R"},
                              {"3": {"D": F(1, 3), "A/d": F(2, 3)}})
    for eps in (1e-4, 1e-6):
        mu = g.beliefs(chk.perturbed(eps))["3"]
        assert mu["D"] == pytest.approx(1 / 3, abs=10 * eps)
    with pytest.raises(GameError, match="too large"):
        chk.perturbed(10.0)


def unobserved_chance() -> ExtensiveFormGame:
    g = ExtensiveFormGame(["N", "B"])
    for t in g.root.chance({"t1": "1/4", "t2": "3/4"}):
        out, into = t.decide("N", ["out", "in"], infoset="N")
        out.payoffs(0, 0)
        x, y = into.decide("B", ["x", "y"], infoset="B")
        x.payoffs(0, 1)
        y.payoffs(0, 0)
    return g


def test_beliefs_after_an_unobserved_chance_move_are_the_prior():
    g = unobserved_chance()
    beh = {"N": "out", "B": "x"}
    assert gt.is_consistent(g, beh, {"B": {"t1/in": "1/4", "t2/in": "3/4"}})
    chk = gt.check_assessment(g, beh, {"B": {"t1/in": 1, "t2/in": 0}})
    assert chk.bayes_consistent and not chk.consistent and chk.sequentially_rational
    assert "not consistent" in chk.problems[0]
    chk = gt.check_assessment(g, beh, {"B": {"t1/in": 0.5, "t2/in": 0.5}})
    assert not chk.consistent and "ratios" in chk.problems[0]


def chained_information_sets() -> ExtensiveFormGame:
    """1 picks a, b or c; 2 sees only {a, b} and picks u or v; 3 sees {a/u, b/u}."""
    g = ExtensiveFormGame(["1", "2", "3"])
    a, b, c = g.root.decide("1", ["a", "b", "c"], infoset="1")
    c.payoffs(0, 0, 0)
    for node in (a, b):
        u, v = node.decide("2", ["u", "v"], infoset="2")
        v.payoffs(0, 0, 0)
        for z in u.decide("3", ["x", "y"], infoset="3"):
            z.payoffs(0, 0, 0)
    return g


def test_rank_and_ratio_constraints_link_information_sets():
    g = chained_information_sets()
    beh = {"1": "c", "2": "v", "3": "x"}
    # beliefs must agree across the two sets: the tremble u is common to both paths
    assert gt.is_consistent(g, beh, {"2": {"a": 1, "b": 0}, "3": {"a/u": 1, "b/u": 0}})
    assert not gt.is_consistent(g, beh, {"2": {"a": 1, "b": 0}, "3": {"a/u": 0, "b/u": 1}})
    assert gt.is_consistent(g, beh, {"2": {"a": "1/3", "b": "2/3"},
                                     "3": {"a/u": "1/3", "b/u": "2/3"}})
    assert not gt.is_consistent(g, beh, {"2": {"a": "1/2", "b": "1/2"},
                                         "3": {"a/u": "1/4", "b/u": "3/4"}})
    chk = gt.check_assessment(g, beh, {"2": {"a": "1/3", "b": "2/3"},
                                       "3": {"a/u": "1/3", "b/u": "2/3"}})
    mu = g.beliefs(chk.perturbed(1e-7))
    assert mu["2"]["a"] == pytest.approx(1 / 3, abs=1e-5)
    assert mu["3"]["a/u"] == pytest.approx(1 / 3, abs=1e-5)


def test_assessment_errors():
    g = selten_horse()
    beh = {"1": "A", "2": "a", "3": "R"}
    with pytest.raises(GameError, match="not in information set"):
        gt.check_assessment(g, beh, {"3": {"A": 1}})
    with pytest.raises(GameError, match="sum to"):
        gt.check_assessment(g, beh, {"3": {"D": "1/2"}})
    with pytest.raises(GameError, match="no information set"):
        gt.check_assessment(g, beh, {"4": {}})
    with pytest.raises(GameError, match="no action"):
        gt.check_assessment(g, {"1": "B", "2": "a", "3": "R"})
    p = gt.parameters("p")
    h = ExtensiveFormGame(["A"])
    x, y = h.root.decide("A", ["x", "y"])
    x.payoffs(p)
    y.payoffs(0)
    with pytest.raises(GameError, match="numeric"):
        gt.check_assessment(h, {"A: root": "x"})


@settings(deadline=None, max_examples=15)
@given(st.integers(0, 10**6))
def test_backward_induction_is_sequential(seed):
    g = random_tree(40, seed=seed, merge=0.0)
    eq = gt.solve(g, method="spe").equilibria[0]
    chk = gt.check_assessment(g, eq)
    assert chk.sequential, chk.problems


def limit_beliefs(g, beh):
    """Bayes beliefs' limit when every action of probability 0 trembles with eps: the
    nodes with fewest such actions on their path, weighted by the other probabilities."""
    a = g.arrays
    out = {}
    for h, label in enumerate(a.infoset_labels):
        nodes = [v for v in range(len(a.parent)) if a.player[v] >= 0 and a.infoset[v] == h]
        info = []
        for v in nodes:
            count, w, u = 0, F(1), v
            while a.parent[u] >= 0:
                p = a.parent[u]
                if a.player[p] >= 0:
                    q = beh[a.infoset_labels[a.infoset[p]]][a.infoset_actions[a.infoset[p]][
                        a.action[u]]]
                    count, w = (count + 1, w) if q == 0 else (count, w * F(q))
                else:
                    w *= F(a.chance_prob[u])
                u = p
            info.append((count, w))
        least = min(c for c, _ in info)
        total = sum(w for c, w in info if c == least)
        out[label] = {g._path(v): (w / total if c == least else F(0))
                      for v, (c, w) in zip(nodes, info, strict=True)}
    return out


@settings(deadline=None, max_examples=15)
@given(st.integers(0, 10**6))
def test_limits_of_bayes_beliefs_are_consistent(seed):
    g = random_tree(30, seed=seed)
    rng = np.random.default_rng(seed)
    beh = {}
    for label, (_, acts) in g.infosets.items():
        k = int(rng.integers(len(acts)))
        mixed = rng.random() < 0.3
        beh[label] = {x: (F(1, len(acts)) if mixed else F(int(j == k)))
                      for j, x in enumerate(acts)}
    mu = limit_beliefs(g, beh)
    chk = gt.check_assessment(g, beh, mu)
    assert chk.consistent, chk.problems
    got = g.beliefs(chk.perturbed(1e-9))
    for label, m in mu.items():
        for path, p in m.items():
            assert got[label][path] == pytest.approx(float(p), abs=1e-5)


@settings(deadline=None, max_examples=15)
@given(st.integers(0, 10**6))
def test_gains_match_one_shot_deviations(seed):
    # with a totally mixed profile and Bayes beliefs, the gain at a set h times its
    # probability is the rise in the mover's expected payoff from switching to the best
    # action at h alone (computed here from game.expected_payoffs)
    g = random_tree(30, seed=seed)
    rng = np.random.default_rng(seed)
    beh = {}
    for label, (_, acts) in g.infosets.items():
        w = [F(int(k)) for k in rng.integers(1, 4, size=len(acts))]
        beh[label] = {x: wk / sum(w) for x, wk in zip(acts, w, strict=True)}
    chk = gt.check_assessment(g, beh)
    assert chk.bayes_consistent and chk.consistent
    base = g.expected_payoffs(beh)
    reach = g.realization_probabilities(beh, nodes=True)
    a = g.arrays
    for h, label in enumerate(a.infoset_labels):
        i = int(a.infoset_player[h])
        p_h = sum(reach[v] for v in range(len(a.parent))
                  if a.player[v] >= 0 and a.infoset[v] == h)
        best = max(g.expected_payoffs({**beh, label: x})[i] for x in a.infoset_actions[h])
        assert best - base[i] == p_h * chk.gains[label]
