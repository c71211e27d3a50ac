"""Lemke's algorithm on the sequence form (solve_sequence_lcp): known answers, pygambit's
regret of our profiles on random trees, the reduced normal form, errors."""

import io
import itertools
from fractions import Fraction

import numpy as np
import pygambit as gbt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oracles import gambit_efg_profile

import gametheory as gt
from gametheory.errors import GameError, SolverError
from gametheory.games.generators import random_tree
from gametheory.solvers.sequence_lcp import solve_sequence_lcp


# --------------------------------------------------------------------------- games
def entry_game():
    """Selten's (1978) entry game, with "enter" listed first so the start is no
    equilibrium: Nash equilibria (enter, accommodate) with payoffs (1, 1) and "out" with
    the incumbent fighting at least half the time, payoffs (0, 2)."""
    g = gt.ExtensiveFormGame(["Entrant", "Incumbent"])
    enter, out = g.root.decide("Entrant", ["enter", "out"])
    out.payoffs(0, 2)
    fight, accommodate = enter.decide("Incumbent", ["fight", "accommodate"])
    fight.payoffs(-1, -1)
    accommodate.payoffs(1, 1)
    return g


def kuhn_poker():
    """Kuhn (1950) poker: ante 1, one bet of 1, cards J < Q < K."""
    g = gt.ExtensiveFormGame(["Alice", "Bob"])
    cards = "JQK"
    deals = {f"{a}{b}": "1/6" for a, b in itertools.permutations(cards, 2)}
    for (a, b), node in zip(deals, g.root.chance(deals), strict=True):
        win = 1 if cards.index(a) > cards.index(b) else -1
        check, bet = node.decide("Alice", ["check", "bet"], infoset=f"Alice {a}")
        b_check, b_bet = check.decide("Bob", ["check", "bet"], infoset=f"Bob {b} after check")
        b_check.payoffs(win, -win)
        fold, call = b_bet.decide("Alice", ["fold", "call"], infoset=f"Alice {a} after check-bet")
        fold.payoffs(-1, 1)
        call.payoffs(2 * win, -2 * win)
        fold, call = bet.decide("Bob", ["fold", "call"], infoset=f"Bob {b} after bet")
        fold.payoffs(1, -1)
        call.payoffs(2 * win, -2 * win)
    return g


def beer_quiche():
    """Cho & Kreps (1987), "Signaling games and stable equilibria", QJE 102, 179-221:
    the sender is weak (1/10) or strong (9/10), likes quiche resp. beer (+1), and +2 if
    not challenged; the receiver gains 1 for challenging a weak or sparing a strong one."""
    g = gt.ExtensiveFormGame(["Sender", "Receiver"])
    for t, node in zip(["weak", "strong"], g.root.chance({"weak": "1/10", "strong": "9/10"}),
                       strict=True):
        for meal, reply in zip(["quiche", "beer"], node.decide("Sender", ["quiche", "beer"],
                                                               infoset=f"Sender {t}"),
                               strict=True):
            liked = int((t == "weak") == (meal == "quiche"))
            duel, spare = reply.decide("Receiver", ["duel", "spare"], infoset=f"after {meal}")
            duel.payoffs(liked, int(t == "weak"))
            spare.payoffs(liked + 2, int(t == "strong"))
    return g


def hidden_pennies():
    """Matching pennies as a tree (player 2 does not see the coin): the unique
    equilibrium mixes 1/2-1/2 (von Neumann & Morgenstern 1944)."""
    g = gt.ExtensiveFormGame(["Matcher", "Mismatcher"])
    for a, node in zip("HT", g.root.decide("Matcher", ["H", "T"]), strict=True):
        for b, leaf in zip("HT", node.decide("Mismatcher", ["H", "T"], infoset="guess"),
                           strict=True):
            s = 1 if a == b else -1
            leaf.payoffs(s, -s)
    return g


def pygambit_regret(game, behavior, rational):
    """pygambit's max_regret (over its own strategies) of our behaviour profile."""
    pg = gbt.read_efg(io.StringIO(gt.write_gambit(game)))
    return gambit_efg_profile(pg, game, behavior, rational).max_regret()


# --------------------------------------------------------------------------- known answers
def test_entry_game():
    sol = solve_sequence_lcp(entry_game(), exact=True)
    assert sol.method == "sequence-lcp" and not sol.complete and sol.exact
    eq = sol.equilibria[0]
    assert eq.payoffs in [(1, 1), (0, 2)]
    assert eq.behavior["Entrant: root"] == {"enter": 1, "out": 0}
    assert eq.behavior["Incumbent: enter"] == {"fight": 0, "accommodate": 1}
    assert pygambit_regret(entry_game(), eq.behavior, rational=True) == 0


@pytest.mark.parametrize("exact", [True, False])
def test_kuhn_poker_value(exact):
    # Kuhn (1950), "A simplified two-person poker", Contributions to the Theory of Games
    # I: the first player's value is -1/18, in every equilibrium (zero-sum).
    g = kuhn_poker()
    eq = solve_sequence_lcp(g, exact=exact).equilibria[0]
    if exact:
        assert eq.payoffs == (Fraction(-1, 18), Fraction(1, 18))
    else:
        assert eq.payoffs == pytest.approx((-1 / 18, 1 / 18), abs=1e-12)
    # Bob's equilibrium strategy is unique (Kuhn 1950): call a bet with K, fold J, call
    # with Q one third of the time; bet after a check with K, with J 1/3, never with Q.
    bob = {h: p for h, p in eq.behavior.items() if h.startswith("Bob")}
    assert float(bob["Bob K after bet"]["call"]) == 1 and float(bob["Bob J after bet"]["call"]) == 0
    assert float(bob["Bob Q after bet"]["call"]) == pytest.approx(1 / 3)
    assert float(bob["Bob J after check"]["bet"]) == pytest.approx(1 / 3)
    assert float(bob["Bob Q after check"]["bet"]) == 0


def test_beer_quiche_pooling():
    # Cho & Kreps (1987): every equilibrium pools; beer pooling pays the sender 29/10,
    # quiche pooling 21/10; the receiver gets 9/10 (he spares the expected strong type).
    eq = solve_sequence_lcp(beer_quiche(), exact=True).equilibria[0]
    assert eq.payoffs in [(Fraction(29, 10), Fraction(9, 10)), (Fraction(21, 10), Fraction(9, 10))]
    weak, strong = eq.behavior["Sender weak"], eq.behavior["Sender strong"]
    assert weak == strong and sorted(weak.values()) == [0, 1]


def test_hidden_pennies_mixes():
    eq = solve_sequence_lcp(hidden_pennies(), exact=True).equilibria[0]
    assert eq.behavior == {"Matcher: root": {"H": Fraction(1, 2), "T": Fraction(1, 2)},
                           "guess": {"H": Fraction(1, 2), "T": Fraction(1, 2)}}
    assert eq.payoffs == (0, 0)


def test_start_already_an_equilibrium():
    g = gt.ExtensiveFormGame(["A", "B"])
    left, right = g.root.decide("A", ["L", "R"])
    left.payoffs(2, 2)
    for leaf in right.decide("B", ["x", "y"]):
        leaf.payoffs(0, 1)
    sol = solve_sequence_lcp(g, exact=True)
    assert sol.equilibria[0].payoffs == (2, 2)
    assert "(0 pivots)" in sol.notes[0]


def test_one_player_moves_only():
    g = gt.ExtensiveFormGame(["A", "B"])
    for c, node in zip("hl", g.root.chance({"h": "1/4", "l": "3/4"}), strict=True):
        x, y = node.decide("A", ["x", "y"], infoset=f"A {c}")
        x.payoffs(0, 0)
        y.payoffs(1 if c == "l" else -1, 0)
    eq = solve_sequence_lcp(g, exact=True).equilibria[0]
    assert eq.behavior == {"A h": {"x": 1, "y": 0}, "A l": {"x": 0, "y": 1}}
    assert eq.payoffs == (Fraction(3, 4), 0)


# --------------------------------------------------------------------------- random trees
@pytest.mark.parametrize("seed", range(24))
def test_random_trees_pygambit_regret(seed):
    """Small degenerate trees (integer payoffs in [-5, 5], ties): pygambit's regret of
    our profile is exactly 0 for exact=True and at most 1e-9 in floats."""
    g = random_tree(12 + seed % 30, seed=seed, zero_sum=seed % 5 == 0)
    exact = solve_sequence_lcp(g, exact=True).equilibria[0]
    assert pygambit_regret(g, exact.behavior, rational=True) == 0
    approx = solve_sequence_lcp(g).equilibria[0]
    assert float(pygambit_regret(g, approx.behavior, rational=False)) <= 1e-9


@settings(deadline=None, max_examples=25)
@given(seed=st.integers(0, 10**6), nodes=st.integers(2, 45),
       payoffs=st.sampled_from(["int", "float"]), chance=st.sampled_from([0.0, 0.2, 0.5]))
def test_random_trees_regret_property(seed, nodes, payoffs, chance):
    g = random_tree(nodes, seed=seed, payoffs=payoffs, chance=chance)
    eq = solve_sequence_lcp(g).equilibria[0]
    assert float(pygambit_regret(g, eq.behavior, rational=False)) <= 1e-9


@pytest.mark.parametrize("seed", range(6))
def test_random_trees_reduced_normal_form(seed):
    """The behaviour profile, as a mixed strategy of the reduced normal form, is an
    exact Nash equilibrium there (Kuhn's theorem: perfect recall)."""
    g = random_tree(25, seed=100 + seed)
    eq = solve_sequence_lcp(g, exact=True).equilibria[0]
    nf = g.to_normal_form()
    mixed = g.behavior_to_mixed(eq.behavior)
    for v, m, u in zip(nf.payoff_vectors(mixed), mixed, eq.payoffs, strict=True):
        assert max(v) == np.dot(v, m) == u


@pytest.mark.parametrize("seed", [113, 120, 122, 158])
def test_unique_equilibrium_payoff_from_vertex_enumeration(seed):
    """Trees whose reduced normal form (both players with several strategies) has a
    unique equilibrium by vertex enumeration: our payoff is its payoff."""
    g = random_tree(14, seed=seed, chance=0.3)
    nf = g.to_normal_form()
    assert min(nf.shape) >= 2
    sol = gt.solve(nf, method="vertex", exact=True)
    assert len(sol.equilibria) == 1 and sol.complete
    assert solve_sequence_lcp(g, exact=True).equilibria[0].payoffs == sol.equilibria[0].payoffs


@pytest.mark.parametrize("seed", range(4))
def test_larger_trees_best_response_lp(seed):
    """500-node float trees: each player's best-response value, by scipy's LP over
    realisation plans (max x.(A y) s.t. E x = e, x >= 0), equals the payoff found."""
    from scipy.optimize import linprog

    g = random_tree(500, seed=seed, payoffs="float", chance=0.3)
    eq = solve_sequence_lcp(g).equilibria[0]
    sf = g.sequence_form()
    x, y = sf.realization_plan(g, eq.behavior)
    for p, gain in enumerate((sf.payoff_matrix(0) @ y, sf.payoff_matrix(1).T @ x)):
        E = sf.constraints(p)
        e = np.zeros(E.shape[0])
        e[0] = 1
        best = -linprog(-gain, A_eq=E, b_eq=e, bounds=(0, None)).fun
        assert best <= eq.payoffs[p] + 1e-9
        assert eq.payoffs[p] == pytest.approx(float(gain @ (x if p == 0 else y)), abs=1e-12)


def test_value_types():
    g = random_tree(60, seed=7)
    a = solve_sequence_lcp(g, exact=True).equilibria[0]
    b = solve_sequence_lcp(g).equilibria[0]
    assert all(type(v) is Fraction for d in a.behavior.values() for v in d.values())
    assert all(type(v) is float for d in b.behavior.values() for v in d.values())
    assert all(type(v) is float for v in b.payoffs)


def test_float_payoffs_read_exactly():
    g = random_tree(40, seed=3, payoffs="float")
    eq = solve_sequence_lcp(g, exact=True).equilibria[0]
    assert all(isinstance(v, Fraction) for v in eq.payoffs)


# --------------------------------------------------------------------------- errors
def test_three_players():
    with pytest.raises(GameError, match="two-player tree; this one has 3 players"):
        solve_sequence_lcp(random_tree(30, seed=1, players=3))


def test_imperfect_recall():
    g = gt.ExtensiveFormGame(["A", "B"])
    left, right = g.root.decide("A", ["L", "R"])
    for node in (left, right):
        for leaf in node.decide("A", ["x", "y"], infoset="forgot"):
            leaf.payoffs(1, 0)
    with pytest.raises(GameError, match="perfect recall"):
        solve_sequence_lcp(g)


def test_symbolic_payoffs():
    import sympy

    q = sympy.Symbol("q")
    g = entry_game()
    g2 = gt.ExtensiveFormGame(["A", "B"])
    a, b = g2.root.decide("A", ["a", "b"])
    a.payoffs(q, 0)
    b.payoffs(0, 1)
    with pytest.raises(GameError, match="depends on q"):
        solve_sequence_lcp(g2)
    assert solve_sequence_lcp(g).equilibria


def test_normal_form_input():
    nf = gt.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(GameError, match="extensive-form game"):
        solve_sequence_lcp(nf)


def test_max_pivots_and_options():
    g = kuhn_poker()
    with pytest.raises(SolverError, match="max_pivots=1"):
        solve_sequence_lcp(g, max_pivots=1)
    with pytest.raises(SolverError, match="max_pivots must be"):
        solve_sequence_lcp(g, max_pivots=-1)
    with pytest.raises(SolverError, match="does not take the option"):
        solve_sequence_lcp(g, initial_labels=0)
    assert solve_sequence_lcp(g, max_pivots=10_000).equilibria
