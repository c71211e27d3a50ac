"""Backward induction ("spe"): known answers, ties, cross-checks, refusals, a large tree."""

import itertools
from fractions import Fraction

import numpy as np
import pytest

import gametheory as gt
from gametheory.errors import GameError, SolverError


def chosen(eq):
    """{information set: chosen action} of a pure behaviour profile."""
    return {h: next(a for a, p in acts.items() if p == 1) for h, acts in eq.behavior.items()}


def entry_game():
    """Osborne (2004), An Introduction to Game Theory, sec. 5.1 (Selten 1975)."""
    g = gt.ExtensiveFormGame(["Challenger", "Incumbent"])
    enter, out = g.root.decide("Challenger", ["In", "Out"])
    out.payoffs(1, 2)
    acc, fight = enter.decide("Incumbent", ["Acquiesce", "Fight"])
    acc.payoffs(2, 1)
    fight.payoffs(0, 0)
    return g


def ultimatum(c=3):
    """Osborne (2004), sec. 6.1.1: offers 0..c of c units; reject gives 0 to both."""
    g = gt.ExtensiveFormGame(["Proposer", "Responder"])
    for x, node in zip(range(c + 1), g.root.decide("Proposer", [str(x) for x in range(c + 1)])):
        yes, no = node.decide("Responder", ["accept", "reject"], infoset=f"offer {x}")
        yes.payoffs(c - x, x)
        no.payoffs(0, 0)
    return g


def centipede(moves=6):
    """Rosenthal (1981): pot doubles each move; the mover who stops takes the larger share."""
    g = gt.ExtensiveFormGame(["A", "B"])
    node = g.root
    for k in range(moves):
        stop, node = node.decide("AB"[k % 2], ["stop", "go"], infoset=f"move {k}")
        big, small = 2 ** (k + 1), 2 ** (k - 1) if k else Fraction(1, 2)
        stop.payoffs(*((big, small) if k % 2 == 0 else (small, big)))
    node.payoffs(*((2 ** moves, 2 ** (moves - 2)) if moves % 2 == 0
                   else (2 ** (moves - 2), 2 ** moves)))
    return g


@pytest.mark.parametrize("exact", [False, True])
def test_entry_game(exact):
    sol = gt.solve(entry_game(), method="spe", exact=exact)
    assert sol.method == "spe" and sol.complete and len(sol) == 1
    eq = sol[0]
    assert chosen(eq) == {"Challenger: root": "In", "Incumbent: In": "Acquiesce"}
    assert eq.payoffs == (2, 1)
    assert isinstance(eq.payoffs[0], Fraction if exact else float)


def test_auto_picks_spe_for_perfect_information():
    assert gt.solve(entry_game()).method == "spe"


def test_ultimatum_two_spe():
    """Osborne (2004), prop. 181.1 (discrete version): accept all positive offers, and
    either accept 0 (offer 0) or reject 0 (offer 1)."""
    sol = gt.solve(ultimatum(3), method="spe", exact=True)
    got = sorted((chosen(eq)["Proposer: root"], chosen(eq)["offer 0"], eq.payoffs)
                 for eq in sol)
    assert got == [("0", "accept", (3, 0)), ("1", "reject", (2, 1))]
    for eq in sol:
        assert all(chosen(eq)[f"offer {x}"] == "accept" for x in (1, 2, 3))
    assert "ties" in sol.notes[0]


def test_centipede_stops_at_once():
    """Rosenthal (1981): the unique SPE stops at every node."""
    sol = gt.solve(centipede(6), method="spe", exact=True)
    assert len(sol) == 1
    assert set(chosen(sol[0]).values()) == {"stop"}
    assert sol[0].payoffs == (2, Fraction(1, 2))


def test_chance():
    """Nature picks a high (p=1/3) or low market; the firm then invests or not; a rival
    observes everything and enters or not. Values by hand."""
    g = gt.ExtensiveFormGame(["Firm", "Rival"])
    hi, lo = g.root.chance({"high": "1/3", "low": "2/3"})
    for node, gain in ((hi, 6), (lo, 1)):
        inv, wait = node.decide("Firm", ["invest", "wait"])
        enter, stay = inv.decide("Rival", ["enter", "stay"])
        enter.payoffs(gain - 3, gain - 4)     # rival enters when gain > 4
        stay.payoffs(gain, 0)
        wait.payoffs(2, 0)
    sol = gt.solve(g, method="spe", exact=True)
    assert len(sol) == 1
    c = chosen(sol[0])
    assert c["Firm: high"] == "invest" and c["Rival: high/invest"] == "enter"
    assert c["Firm: low"] == "wait" and c["Rival: low/invest"] == "stay"
    assert sol[0].payoffs == (Fraction(1, 3) * 3 + Fraction(2, 3) * 2, Fraction(2, 3))
    flt = gt.solve(g, method="spe")
    assert np.allclose(flt[0].payoffs, [float(x) for x in sol[0].payoffs])


def test_downstream_tie_changes_upstream_choice():
    """B is indifferent between (0, 1) and (5, 1); A's best reply depends on B's choice, so
    there are three SPE: (B left, A safe), (B right, A risky) and none other."""
    g = gt.ExtensiveFormGame(["A", "B"])
    risky, safe = g.root.decide("A", ["risky", "safe"])
    safe.payoffs(3, 0)
    left, right = risky.decide("B", ["left", "right"])
    left.payoffs(0, 1)
    right.payoffs(5, 1)
    got = sorted(tuple(sorted(chosen(eq).items())) for eq in gt.solve(g, method="spe"))
    assert got == [(("A: root", "risky"), ("B: risky", "right")),
                   (("A: root", "safe"), ("B: risky", "left"))]


def test_float_ties_within_tolerance():
    g = gt.ExtensiveFormGame(["A", "B"])
    x, y = g.root.decide("A", ["x", "y"])
    x.payoffs(0.1 + 0.2, 0)
    y.payoffs(0.3, 1)
    assert len(gt.solve(g, method="spe")) == 2
    assert len(gt.solve(g, method="spe", tol=0.0)) == 1


def test_too_many_equilibria():
    g = gt.ExtensiveFormGame(["A", "B"])
    for node in g.root.decide("A", [f"m{k}" for k in range(14)]):
        for leaf in node.decide("B", ["l", "r"]):
            leaf.payoffs(0, 0)
    with pytest.raises(SolverError, match="max_equilibria=10000"):
        gt.solve(g, method="spe")
    with pytest.raises(SolverError, match="max_equilibria=1 "):
        gt.solve(ultimatum(3), method="spe", max_equilibria=1)


def test_imperfect_information_goes_to_subgames():
    """Imperfect information is solved subgame by subgame (tests/solvers/test_subgames.py);
    "auto" still picks a normal-form method for such trees."""
    g = gt.ExtensiveFormGame(["A", "B"])
    for node in g.root.decide("A", ["x", "y"]):
        for leaf in node.decide("B", ["l", "r"], infoset="B blind"):
            leaf.payoffs(1, 1)
    sol = gt.solve(g, method="spe", exact=True)
    assert sol.method == "spe" and not sol.complete and len(sol) == 4
    assert gt.solve(g).method != "spe"


def test_symbolic_refused():
    q = gt.parameters("q")
    g = gt.ExtensiveFormGame(["A", "B"])
    x, y = g.root.decide("A", ["x", "y"])
    x.payoffs(q, 0)
    y.payoffs(1, 0)
    with pytest.raises(GameError, match="substitute"):
        gt.solve(g, method="spe")
    assert gt.solve(g.substitute(q=2), method="spe", exact=True)[0].payoffs == (2, 0)


# ------------------------------------------------------------------ cross-checks
def random_tree(seed, n_dec=7, players=2, ties=False):
    """A random perfect-information tree with chance; payoffs in 0..2 make ties common."""
    rng = np.random.default_rng(seed)
    g = gt.ExtensiveFormGame([f"P{i}" for i in range(players)])
    queue, made = [g.root], 0
    while queue:
        node = queue.pop(0)
        if made < n_dec:
            made += 1
            acts = [f"a{j}" for j in range(int(rng.integers(2, 4)))]
            if rng.random() < 0.25:
                queue += node.chance({a: Fraction(1, len(acts)) for a in acts})
            else:
                queue += node.decide(f"P{int(rng.integers(players))}", acts)
        else:
            node.payoffs(*rng.integers(0, 3 if ties else 1000, players).tolist())
    return g


def brute_force_spe(g):
    """All pure profiles passing the one-shot deviation test at every decision node."""
    a = g.arrays
    kids = {}
    for v, p in enumerate(a.parent.tolist()):
        if p >= 0:
            kids.setdefault(p, []).append(v)
    term = {int(v): a.payoffs[k] for k, v in enumerate(a.terminals)}
    dec = [v for v in range(g.num_nodes) if a.player[v] >= 0]
    probs = a.chance_prob
    found = []
    for combo in itertools.product(*(range(len(kids[v])) for v in dec)):
        pick = dict(zip(dec, combo))
        value = {}
        ok = True
        for v in reversed(range(g.num_nodes)):
            if v in term:
                value[v] = np.array([Fraction(x) for x in term[v]], dtype=object)
            elif a.player[v] < 0:
                value[v] = sum(Fraction(probs[c]) * value[c] for c in kids[v])
            else:
                i = a.player[v]
                value[v] = value[kids[v][pick[v]]]
                ok &= value[v][i] == max(value[c][i] for c in kids[v])
        if ok:
            found.append({a.infoset_labels[a.infoset[v]]: a.infoset_actions[a.infoset[v]][j]
                          for v, j in pick.items()})
    return found


@pytest.mark.parametrize("seed", range(12))
def test_all_spe_match_brute_force(seed):
    g = random_tree(seed, n_dec=6, players=2 + seed % 2, ties=True)
    ours = sorted(tuple(sorted(chosen(eq).items())) for eq in gt.solve(g, method="spe",
                                                                         exact=True))
    assert ours == sorted(tuple(sorted(c.items())) for c in brute_force_spe(g))


@pytest.mark.parametrize("seed", range(6))
def test_spe_are_nash_of_reduced_normal_form(seed):
    """Each SPE payoff vector is that of a pure Nash equilibrium of the reduced normal
    form, and pure profiles give regret 0 there (Selten 1975: SPE refine Nash)."""
    g = random_tree(seed, n_dec=5, ties=True)
    nash = {tuple(eq.payoffs) for eq in gt.solve(g.to_normal_form(), method="pure",
                                                 exact=True)}
    for eq in gt.solve(g, method="spe", exact=True):
        assert tuple(eq.payoffs) in nash
        assert tuple(g.expected_payoffs(eq.behavior)) == eq.payoffs


@pytest.mark.parametrize("seed", range(6))
def test_pygambit_agrees(seed):
    """pygambit computes regret 0 for each of our SPE (as a behaviour profile of its copy
    of the tree), and each SPE payoff vector is that of one of its pure Nash equilibria
    (``enumpure_solve``). Its ``lcp_solve`` on trees is not used: it may return a Nash
    equilibrium that is not subgame perfect."""
    import pygambit as gbt  # a test dependency
    g = random_tree(seed, n_dec=6, ties=seed % 2 == 1)
    sol = gt.solve(g, method="spe", exact=True)
    pg, nodes = to_pygambit(gbt, g)
    pure = {tuple(Fraction(eq.payoffs[p]) for p in pg.players)
            for eq in gbt.nash.enumpure_solve(pg).equilibria}
    a = g.arrays
    for eq in sol:
        assert tuple(eq.payoffs) in pure
        prof = pg.mixed_behavior_profile(rational=True)
        for v in np.flatnonzero(a.player >= 0).tolist():
            probs = eq.behavior[a.infoset_labels[a.infoset[v]]]
            at = gbt.H.path(*nodes[v])
            prof.set_mixed_action(at, dict(zip(pg.get_actions(at),
                                               (gbt.Rational(str(p)) for p in probs.values()),
                                               strict=True)))
        assert prof.max_regret() == 0


def to_pygambit(gbt, g):
    a = g.arrays
    # pygambit 17 addresses a node by the action labels from the root (gbt.H.path)
    pg = gbt.ExtensiveGame(players=list(g.players))
    nodes = {0: ()}
    out = 0
    for v in range(g.num_nodes):
        theirs = gbt.H.path(*nodes[v])
        kids = [c for c in range(v + 1, g.num_nodes) if a.parent[c] == v]
        if not kids:
            k = int(np.flatnonzero(a.terminals == v)[0])
            out += 1
            pg.make_outcome(theirs, dict(zip(g.players, (int(x) for x in a.payoffs[k]),
                                             strict=True)), f"o{out}")
            continue
        acts = [f"a{j}" for j in range(len(kids))]
        if a.player[v] < 0:
            pg.append_event(theirs, {act: gbt.Rational(str(a.chance_prob[c]))
                                     for act, c in zip(acts, kids, strict=True)})
        else:
            pg.append_move(theirs, g.players[a.player[v]], acts)
        for c, act in zip(kids, acts, strict=True):
            nodes[c] = (*nodes[v], act)
    return pg, nodes


def test_large_random_tree():
    """About 10^5 nodes, three players, float payoffs (see the module report for times)."""
    rng = np.random.default_rng(1)
    g = gt.ExtensiveFormGame(["A", "B", "C"])
    frontier, i = [g.root], 0
    while len(frontier) < 100_000:
        node = frontier[i]
        i += 1
        if rng.random() < 0.1:
            frontier += node.chance({"h": 0.5, "t": 0.5})
        else:
            frontier += node.decide("ABC"[int(rng.integers(3))], ["l", "m", "r"])
    for node in frontier[i:]:
        node.payoffs(*rng.random(3))
    sol = gt.solve(g)
    assert sol.method == "spe" and len(sol) == 1
    eq = sol[0]
    assert np.allclose(g.expected_payoffs(eq.behavior), eq.payoffs)


def test_trivial_and_deep_trees():
    g = gt.ExtensiveFormGame(["A", "B"])
    g.root.payoffs(1, 2)
    sol = gt.solve(g, method="spe")
    assert len(sol) == 1 and sol[0].behavior == {} and sol[0].payoffs == (1.0, 2.0)
    g = gt.ExtensiveFormGame(["A", "B"])
    node = g.root
    for k in range(3000):
        stop, node = node.decide("AB"[k % 2], ["stop", "go"])
        stop.payoffs(0, 0)
    for leaf in node.decide("A", ["l", "r"]):
        leaf.payoffs(1, 1)
    sol = gt.solve(g, method="spe", exact=True)
    assert len(sol) == 2 and all(eq.payoffs == (1, 1) for eq in sol)


def test_printing_and_equality():
    sol = gt.solve(ultimatum(2), method="spe", exact=True)
    assert "Proposer: root = 0; offer 0 = accept" in str(sol)
    assert sol[0] != sol[1] and sol[0] == gt.solve(ultimatum(2), method="spe", exact=True)[0]
    assert len({sol[0], sol[1], sol[0]}) == 2


def test_normal_form_refused():
    with pytest.raises(GameError, match="extensive-form"):
        gt.solve(entry_game().to_normal_form(), method="spe")
