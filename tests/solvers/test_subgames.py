"""Subgame-perfect equilibria of trees with imperfect information ("spe" on such trees):
proper subgames, known answers, every SPE checked by pygambit in every subgame, errors."""

import itertools
import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oracles import pygambit_regret, to_pygambit

import gametheory as gt
from gametheory.errors import GameError, SolverError
from gametheory.games._subtree import preorder, proper_subgame_roots, subtree_game
from gametheory.games.generators import random_tree
from gametheory.solvers.subgames import solve_subgames


def bimatrix_after(node, players, A, B, label, acts=("T", "B"), cols=("L", "R")):
    """A simultaneous-move game at ``node``: the first player moves, the second does not
    see the move (information set ``label``)."""
    for i, n in enumerate(node.decide(players[0], list(acts))):
        for j, m in enumerate(n.decide(players[1], list(cols), infoset=label)):
            m.payoffs(A[i][j], B[i][j])


def outside_option():
    """Battle of the sexes with an outside option: Out gives (2, 2), In leads to BoS
    with payoffs (3, 1), (0, 0) / (0, 0), (1, 3). Kohlberg, E. & Mertens, J.-F. (1986),
    On the strategic stability of equilibria, Econometrica 54, 1003-1037, sec. 2.7;
    van Damme, E. (1989), Stable equilibria and forward induction, JET 48, 476-496."""
    g = gt.ExtensiveFormGame(["P1", "P2"])
    out, into = g.root.decide("P1", ["Out", "In"])
    out.payoffs(2, 2)
    bimatrix_after(into, ["P1", "P2"], [[3, 0], [0, 1]], [[1, 0], [0, 3]], "P2 in BoS")
    return g


def bank_run(R=5, D=4, r=3):
    """Gibbons, R. (1992), A Primer in Game Theory, sec. 2.2.B (bank runs, after Diamond
    & Dybvig 1983), with R > D > r > D/2: two investors withdraw (W) or not (N) at date 1;
    if neither does, they choose again at date 2."""
    g = gt.ExtensiveFormGame(["I1", "I2"])
    w1, n1 = g.root.decide("I1", ["W", "N"])
    for k, node in enumerate((w1, n1)):
        ww, wn = node.decide("I2", ["W", "N"], infoset="I2 date 1")
        if k == 0:
            ww.payoffs(r, r)
            wn.payoffs(D, 2 * r - D)
            continue
        ww.payoffs(2 * r - D, D)
        date2 = wn.decide("I1", ["W", "N"])
        bimatrix_after_date2 = [[(R, R), (2 * R - D, D)], [(D, 2 * R - D), (R, R)]]
        for i, n in enumerate(date2):
            for j, m in enumerate(n.decide("I2", ["W", "N"], infoset="I2 date 2")):
                m.payoffs(*bimatrix_after_date2[i][j])
    return g


def pennies(quit_payoff=(0, 3)):
    """Matching pennies after player 1 declines an outside option; its unique equilibrium
    mixes 1/2, 1/2 (Osborne, M. J. (2004), An Introduction to Game Theory, sec. 4.1)."""
    g = gt.ExtensiveFormGame(["P1", "P2"])
    quit, play = g.root.decide("P1", ["quit", "play"])
    quit.payoffs(*quit_payoff)
    bimatrix_after(play, ["P1", "P2"], [[2, 0], [0, 2]], [[0, 2], [2, 0]], "P2 guesses",
                   acts=("H", "T"), cols=("H", "T"))
    return g


# ---------------------------------------------------------------- pygambit as the oracle
def assert_subgame_perfect(game, sol):
    """Each equilibrium has regret 0 (by pygambit) in the whole tree and in every proper
    subgame, and its payoffs are the expected payoffs of its behaviour."""
    roots = proper_subgame_roots(game).tolist()
    for eq in sol:
        assert tuple(game.expected_payoffs(eq.behavior)) == eq.payoffs
        for v in roots:
            sub = subtree_game(game, v, exact=True)
            beh = {h: eq.behavior[h] for h in sub.arrays.infoset_labels}
            assert pygambit_regret(sub, beh) == 0, (v, eq)


def brute_roots(game):
    """Proper subgame roots by definition, one node at a time."""
    a = game.arrays
    n = len(a.parent)
    out = []
    for v in range(n):
        if a.player[v] < -1:
            continue
        inside = np.zeros(n, dtype=bool)
        inside[v] = True
        for u in range(v + 1, n):           # ids are topological
            inside[u] = inside[a.parent[u]]
        ok = all(inside[a.infoset == h].all() or not inside[a.infoset == h].any()
                 for h in range(len(a.infoset_labels)))
        out.append(v) if ok else None
    return sorted(out)


# ---------------------------------------------------------------- structure
@pytest.mark.parametrize("seed", range(12))
def test_proper_subgame_roots_by_definition(seed):
    g = random_tree(40, seed=seed, merge=0.9, chance=0.3)
    assert sorted(proper_subgame_roots(g).tolist()) == brute_roots(g)


def test_preorder_is_a_depth_first_numbering():
    g = random_tree(60, seed=4)
    a = g.arrays
    pre, size = preorder(a.parent, a.action)
    order, stack = [], [0]
    while stack:
        v = stack.pop()
        order.append(v)
        stack.extend(reversed(g.children(v)))
    assert pre[order].tolist() == list(range(g.num_nodes))
    assert size[0] == g.num_nodes and (size[a.terminals] == 1).all()


def test_subtree_game_replaces_subgames_by_payoffs():
    g = outside_option()
    into = g.node("In").id
    sub = subtree_game(g, into)
    assert sub.to_normal_form().shape == (2, 2)
    top = subtree_game(g, 0, {into: (F(3, 4), F(3, 4))}, exact=True)
    assert top.num_nodes == 3 and top.expected_payoffs({"P1: root": "In"}).tolist() == \
        [F(3, 4), F(3, 4)]


# ---------------------------------------------------------------- known answers
def test_outside_option_excludes_incredible_nash_equilibrium():
    g = outside_option()
    sol = gt.solve(g, method="spe", exact=True)
    assert sol.method == "spe" and sol.complete and sol.exact
    found = {(eq.payoffs, eq.behavior["P1: In"]["T"], eq.behavior["P2 in BoS"]["L"])
             for eq in sol}
    # the three equilibria of BoS: (T, L) -> In; (B, R) and the mixed one -> Out
    assert found == {((3, 1), 1, 1), ((2, 2), 0, 0), ((2, 2), F(3, 4), F(1, 4))}
    # (Out, T, R) is a Nash equilibrium of the whole game but not subgame perfect
    nf = g.to_normal_form()
    assert nf.strategies == (("Out", "In/T", "In/B"), ("L", "R"))
    assert gt.max_regret(nf, ["Out", "R"]) == 0
    assert all(eq.behavior["P1: In"]["T"] != 1 or eq.behavior["P2 in BoS"]["R"] != 1
               for eq in sol)
    assert_subgame_perfect(g, sol)


def test_bank_run_two_pure_and_one_mixed():
    g = bank_run()
    sol = gt.solve(g, method="spe", exact=True)
    assert sol.complete
    # at date 2 withdrawing is dominant; date 1 is then a coordination game with the
    # equilibria (W, W), (N, N) and withdrawing with probability 1/2 (payoffs 7/2)
    assert sorted(eq.payoffs for eq in sol) == [(3, 3), (F(7, 2), F(7, 2)), (5, 5)]
    for eq in sol:
        assert eq.behavior["I1: N/N"] == {"W": 1, "N": 0}
        assert eq.behavior["I2 date 2"] == {"W": 1, "N": 0}
    assert_subgame_perfect(g, sol)


@pytest.mark.parametrize(("quit_payoff", "quits"), [((0, 3), False), ((2, 0), True)])
def test_mixed_subgame_equilibrium_is_exact(quit_payoff, quits):
    sol = gt.solve(pennies(quit_payoff), method="spe", exact=True)
    assert len(sol) == 1 and sol.complete
    eq = sol[0]
    assert eq.behavior["P1: play"] == {"H": F(1, 2), "T": F(1, 2)}
    assert eq.behavior["P2 guesses"] == {"H": F(1, 2), "T": F(1, 2)}
    assert eq.behavior["P1: root"]["quit"] == (1 if quits else 0)
    assert eq.payoffs == (quit_payoff if quits else (1, 1))
    assert all(isinstance(x, F) for acts in eq.behavior.values() for x in acts.values())


def test_float_payoffs_solved_exactly():
    """Floats are read as the decimals they print as."""
    sol = gt.solve(pennies((1.1, 0.3)), method="spe", exact=True)
    assert sol[0].payoffs == (F(11, 10), F(3, 10))
    assert sol[0].behavior["P1: root"] == {"quit": 1, "play": 0}


def test_float_mode_agrees_with_exact():
    exact = gt.solve(outside_option(), method="spe", exact=True)
    approx = gt.solve(outside_option(), method="spe")
    assert not approx.exact and len(approx) == len(exact)
    for e, a in zip(sorted(exact, key=str), sorted(approx, key=str), strict=True):
        for h, acts in e.behavior.items():
            assert np.allclose([float(x) for x in acts.values()],
                               list(a.behavior[h].values()))


def two_bos_after_chance():
    """Nature picks one of two battles of the sexes: 3 x 3 = 9 subgame-perfect equilibria."""
    g = gt.ExtensiveFormGame(["P1", "P2"])
    for k, node in enumerate(g.root.chance({"left": F(1, 2), "right": F(1, 2)})):
        bimatrix_after(node, ["P1", "P2"], [[2, 0], [0, 1]], [[1, 0], [0, 2]], f"P2 {k}")
    return g


def test_equilibria_of_subgames_multiply():
    g = two_bos_after_chance()
    sol = gt.solve(g, method="spe", exact=True)
    assert len(sol) == 9 and sol.complete
    pairs = {(eq.behavior["P2 0"]["L"], eq.behavior["P2 1"]["L"]) for eq in sol}
    assert pairs == {(x, y) for x in (0, F(1, 3), 1) for y in (0, F(1, 3), 1)}
    assert_subgame_perfect(g, sol)


def test_limit_is_named_with_another_method():
    g = two_bos_after_chance()
    with pytest.raises(SolverError, match=r"max_equilibria=8 .*method='vertex'"):
        gt.solve(g, method="spe", max_equilibria=8)
    assert len(gt.solve(g, method="spe", max_equilibria=9)) == 9


def test_continuum_in_a_subgame_is_not_complete():
    """P2 is indifferent in the subgame: its equilibria form a segment, represented by
    its end points, so the solution cannot claim completeness."""
    g = gt.ExtensiveFormGame(["P1", "P2"])
    out, into = g.root.decide("P1", ["Out", "In"])
    out.payoffs(0, 0)
    bimatrix_after(into, ["P1", "P2"], [[1, 1], [0, 0]], [[1, 1], [0, 0]], "P2 blind")
    sol = gt.solve(g, method="spe", exact=True)
    assert not sol.complete and any("continuum" in t for t in sol.notes)
    assert_subgame_perfect(g, sol)


def big_subgame(n=20, seed=0):
    """Entry into an n x n game with random payoffs: too large for vertex enumeration."""
    rng = np.random.default_rng(seed)
    g = gt.ExtensiveFormGame(["P1", "P2"])
    out, into = g.root.decide("P1", ["Out", "In"])
    out.payoffs(0, 0)
    A, B = rng.integers(0, 10**6, (2, n, n)).tolist()
    bimatrix_after(into, ["P1", "P2"], A, B, "P2 blind", [f"r{k}" for k in range(n)],
                   [f"c{k}" for k in range(n)])
    return g


def test_large_subgame_is_named_and_another_method_can_be_passed():
    g = big_subgame()
    with pytest.raises(SolverError, match=r"subgame at node In: .*too large.*subgame_method"):
        gt.solve(g, method="spe")
    sol = gt.solve(g, method="spe", exact=True, subgame_method="lemke-howson")
    assert not sol.complete and len(sol) >= 1
    assert any("does not guarantee" in t for t in sol.notes)
    assert any("method 'lemke-howson'" in t for t in sol.notes)
    sub = subtree_game(g, g.node("In").id).to_normal_form()
    for eq in sol:      # a Nash equilibrium of the subgame, and the best entry decision
        x, y = eq.behavior["P1: In"].values(), eq.behavior["P2 blind"].values()
        assert gt.max_regret(sub, [list(x), list(y)]) == 0
        value = g.expected_payoffs({**eq.behavior, "P1: root": "In"})[0]
        assert eq.behavior["P1: root"]["In"] == (1 if value > 0 else 0)


# ---------------------------------------------------------------- more players, errors
def three_player_pennies():
    """P3 chooses to stay out or let P1 and P2 play a three-player simultaneous game."""
    g = gt.ExtensiveFormGame(["P1", "P2", "P3"])
    out, into = g.root.decide("P3", ["out", "in"])
    out.payoffs(0, 0, 1)
    for i, a in enumerate(into.decide("P1", ["x", "y"])):
        for j, b in enumerate(a.decide("P2", ["x", "y"], infoset="P2 blind")):
            for k, c in enumerate(b.decide("P3", ["x", "y"], infoset="P3 blind")):
                c.payoffs(int(i == j), int(j == k), 2 * int(i == j == k))
    return g


def test_three_players_pure_only_with_a_note():
    g = three_player_pennies()
    sol = gt.solve(g, method="spe", exact=True)
    assert not sol.complete
    assert any("pure equilibria only" in t for t in sol.notes)
    assert sorted(eq.payoffs for eq in sol) == [(1, 1, 2), (1, 1, 2)]
    assert_subgame_perfect(g, sol)


def test_two_movers_among_three_players_use_vertex():
    g = gt.ExtensiveFormGame(["P1", "P2", "P3"])
    out, into = g.root.decide("P3", ["out", "in"])
    out.payoffs(0, 0, 1)
    for i, a in enumerate(into.decide("P1", ["H", "T"])):
        for j, b in enumerate(a.decide("P2", ["H", "T"], infoset="P2 blind")):
            b.payoffs(2 * int(i == j), 2 * int(i != j), 3)
    sol = gt.solve(g, method="spe", exact=True)
    assert sol.complete and len(sol) == 1
    assert sol[0].payoffs == (1, 1, 3) and sol[0].behavior["P2 blind"]["H"] == F(1, 2)
    assert_subgame_perfect(g, sol)


def test_one_player_without_observing_chance():
    """A decision problem: the optimal mixtures form a segment between two pure optima."""
    g = gt.ExtensiveFormGame(["A"])
    for k, n in enumerate(g.root.chance({"h": F(1, 2), "t": F(1, 2)})):
        for j, m in enumerate(n.decide("A", ["x", "y"], infoset="blind")):
            m.payoffs(int(j == k))
    sol = gt.solve(g, method="spe", exact=True)
    assert [eq.behavior["blind"]["x"] for eq in sol] == [1, 0]
    assert not sol.complete and any("continuum" in t for t in sol.notes)
    assert all(eq.payoffs == (F(1, 2),) for eq in sol)


def test_imperfect_recall_is_refused():
    g = gt.ExtensiveFormGame(["A", "B"])
    for n in g.root.decide("A", ["x", "y"]):
        for m in n.decide("A", ["u", "v"], infoset="forgot"):
            for t in m.decide("B", ["l", "r"], infoset="B blind"):
                t.payoffs(0, 0)
    with pytest.raises(GameError, match="perfect recall.*'forgot'"):
        gt.solve(g, method="spe")


def test_kuhn_behaviour_of_mixed_reduced_strategies():
    """Kuhn (1953): behaviour realisation-equivalent to a mixed reduced strategy."""
    g = bank_run()
    nf = g.to_normal_form()
    assert nf.strategies[0] == ("W", "N/W", "N/N")
    x, y = [F(1, 6), F(1, 3), F(1, 2)], [F(1, 4), F(1, 4), F(1, 2)]
    beh = g.mixed_to_behavior([x, y])
    assert beh["I1: root"] == {"W": F(1, 6), "N": F(5, 6)}
    assert beh["I1: N/N"] == {"W": F(2, 5), "N": F(3, 5)}
    vecs = nf.payoff_vectors(nf.mixed_profile([x, y]))
    assert [np.dot(vecs[0], x), np.dot(vecs[1], y)] == g.expected_payoffs(beh).tolist()


# ---------------------------------------------------------------- random trees
@pytest.mark.parametrize("seed", range(10))
def test_perfect_information_unchanged(seed):
    """On perfect-information trees "spe" is plain backward induction; a tree with an
    imperfect-information subgame beside one solves that part as before."""
    g = random_tree(25, seed=seed, merge=0.0)
    old = gt.solve(g, method="spe", exact=True)
    assert [eq.behavior for eq in solve_subgames(g, exact=True)] == \
        [eq.behavior for eq in old]
    both = beside(g, pennies((0, 3)))
    sol = gt.solve(both, method="spe", exact=True)
    assert len(sol) == len(old)
    assert {tuple(sorted((h, tuple(p.items())) for h, p in eq.behavior.items()
                         if h in g.infosets)) for eq in sol} == \
        {tuple(sorted((h, tuple(p.items())) for h, p in eq.behavior.items())) for eq in old}


def beside(left, right):
    """Nature picks ``left`` or ``right`` (1/2 each); labels of ``right`` get a prefix."""
    g = gt.ExtensiveFormGame(left.players)
    for tag, (src, node) in zip("LR", zip((left, right), g.root.chance(
            {"L": F(1, 2), "R": F(1, 2)}), strict=True), strict=True):
        a = src.arrays
        term = {int(t): k for k, t in enumerate(a.terminals)}
        stack = [(0, node)]
        while stack:
            u, n = stack.pop()
            move = src.mover(u)
            if move is None:
                n.payoffs(*a.payoffs[term[u]].tolist())
                continue
            labels = src.action_labels(u)
            if move[0] < 0:
                kids = n.chance(dict(zip(labels, src.chance_probabilities(u).tolist(),
                                         strict=True)))
            else:
                label = src.information_sets[move[1]].label
                kids = n.decide(src.players[move[0]], list(labels),
                                infoset=label if tag == "L" else f"R {label}")
            stack.extend(zip(src.children(u), kids, strict=True))
    return g


def pure_spe(game):
    """All pure subgame-perfect equilibria by brute force: every pure behaviour profile
    whose pygambit regret is 0 in every proper subgame."""
    import pygambit as gbt  # a test dependency
    a = game.arrays
    subs = []
    for v in proper_subgame_roots(game).tolist():
        sub = subtree_game(game, v, exact=True)
        subs.append((sub.arrays.infoset_labels, *to_pygambit(sub)[:2]))
    out = []
    for pick in itertools.product(*(range(len(x)) for x in a.infoset_actions)):
        beh = dict(zip(a.infoset_labels, pick, strict=True))
        for labels, theirs, isets in subs:
            prof = theirs.mixed_behavior_profile(rational=True)
            for h, iset in isets.items():
                prof.set_mixed_action(iset.at, {act: gbt.Rational(int(k == beh[labels[h]]))
                                                for k, act in enumerate(iset.actions)})
            if prof.max_regret() != 0:
                break
        else:
            out.append({h: a.infoset_actions[i][beh[h]]
                        for i, h in enumerate(a.infoset_labels)})
    return out


def same_play(game, b1, b2):
    """The two profiles give the same distribution over terminals in every subgame."""
    for v in proper_subgame_roots(game).tolist():
        sub = subtree_game(game, v, exact=True)
        labels = sub.arrays.infoset_labels
        if (sub.realization_probabilities({h: b1[h] for h in labels}).tolist()
                != sub.realization_probabilities({h: b2[h] for h in labels}).tolist()):
            return False
    return True


def small_imperfect(players, count):
    """Seeds of random 16-node trees with imperfect information and at most 200 pure
    behaviour profiles."""
    out = []
    for seed in range(200):
        a = random_tree(16, seed=seed, merge=0.9, players=players).arrays
        imperfect = len(a.infoset_labels) < int((a.player >= 0).sum())
        if imperfect and math.prod(len(x) for x in a.infoset_actions) <= 200:
            out.append((seed, players))
        if len(out) == count:
            return out
    return out


SMALL = small_imperfect(2, 4) + small_imperfect(3, 4)


@pytest.mark.parametrize(("seed", "players"), SMALL)
def test_every_pure_spe_is_found(seed, players):
    """Brute force over all pure profiles: each pure SPE plays like a returned one in
    every subgame (returned profiles fix the first action where a player's own earlier
    choice in the same piece already excludes an information set)."""
    g = random_tree(16, seed=seed, merge=0.9, players=players)
    sol = gt.solve(g, method="spe", exact=True)
    for p in pure_spe(g):
        assert any(same_play(g, p, eq.behavior) for eq in sol), p


@settings(deadline=None, max_examples=10)
@given(seed=st.integers(0, 10**6), players=st.sampled_from([2, 2, 3]))
def test_random_trees_are_subgame_perfect(seed, players):
    g = random_tree(22, seed=seed, merge=0.9, players=players)
    sol = gt.solve(g, method="spe", exact=True)
    assert_subgame_perfect(g, sol)
    approx = gt.solve(g, method="spe")
    assert len(approx) == len(sol)
