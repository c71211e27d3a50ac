"""method="sequential": sequential equilibria as assessments with belief ranges.

Known answers: Beer-Quiche (Cho & Kreps 1987, QJE 102, 179-221: two pooling components,
quiche-pooling needs mu(weak | beer) >= 1/2); Selten's horse (Selten 1975, IJGT 4,
25-55: (D, c, L) is Nash but not sequential; the sequential equilibria have 1 continue
and 3 play R, supported by mu(D) <= 1/3); Kreps & Wilson's (1982) reputation game with
one entrant (chain_store.kreps_wilson). Properties on random trees: every assessment
passes check_assessment exactly, is a Nash equilibrium, at least one exists (Kreps &
Wilson 1982, existence), and every pure sequential equilibrium found by brute force over
all pure profiles is listed when the solution says it is complete.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.games.generators import random_tree
from gametheory.refinements import sequential as seq


def beer_quiche(p: F = F(9, 10)) -> gt.ExtensiveFormGame:
    """Cho & Kreps (1987): sender strong with probability p; 1 for the preferred
    breakfast plus 2 for avoiding a duel; the receiver gets 1 for dueling the weak type or
    for not dueling the strong one."""
    g = gt.ExtensiveFormGame(["Sender", "Receiver"])
    for t, node in zip(["weak", "strong"], g.root.chance({"weak": 1 - p, "strong": p})):
        for m, n2 in zip(["beer", "quiche"], node.decide("Sender", ["beer", "quiche"],
                                                          infoset=f"Sender ({t})")):
            for r, leaf in zip(["duel", "not"], n2.decide("Receiver", ["duel", "not"],
                                                           infoset=f"Receiver: {m}")):
                likes = (m == "quiche") == (t == "weak")
                leaf.payoffs(likes + 2 * (r == "not"), int((r == "duel") == (t == "weak")))
    return g


def selten_horse() -> gt.ExtensiveFormGame:
    """Selten (1975), Figure 1: 1 chooses C or D; after C, 2 chooses c (ending, 1,1,1)
    or d; 3 chooses L or R not knowing whether 1 played D or 1 and 2 played C, d."""
    g = gt.ExtensiveFormGame(["1", "2", "3"])
    C, D = g.root.decide("1", ["C", "D"])
    c, d = C.decide("2", ["c", "d"])
    c.payoffs(1, 1, 1)
    L, R = D.decide("3", ["L", "R"], infoset="3")
    L.payoffs(3, 3, 2)
    R.payoffs(0, 0, 0)
    L, R = d.decide("3", ["L", "R"], infoset="3")
    L.payoffs(4, 4, 0)
    R.payoffs(1, 1, 1)
    return g


def _pure(eq):
    return {h: next(a for a, p in acts.items() if p == 1)
            for h, acts in eq.behavior.items() if max(acts.values()) == 1}


def test_beer_quiche_two_pooling_components():
    sol = gt.solve(beer_quiche(), method="sequential", exact=True)
    assert sol.complete and sol.exact
    assert len(sol.components) == 2 and all(not c.is_isolated for c in sol.components)
    pooled = set()
    for eq in sol:
        s = eq.behavior
        assert s["Sender (weak)"] == s["Sender (strong)"]        # pooling only
        pooled.add(max(s["Sender (weak)"], key=s["Sender (weak)"].get))
        assert gt.check_assessment(beer_quiche(), eq.behavior, eq.beliefs).sequential
    assert pooled == {"beer", "quiche"}
    quiche = [eq for eq in sol if eq.behavior["Sender (weak)"]["quiche"] == 1
              and eq.behavior["Receiver: beer"]["duel"] == 1]
    (eq,) = quiche
    r = eq.belief_ranges["Receiver: beer"]
    assert str(r) == "mu(weak | Receiver: beer) >= 1/2"
    assert r.contains({"weak/beer": F(1, 2), "strong/beer": F(1, 2)})
    assert not r.contains({"weak/beer": F(2, 5), "strong/beer": F(3, 5)})
    assert eq.payoffs == (F(21, 10), F(9, 10))


def test_beer_quiche_receiver_mixing_needs_the_exact_belief():
    sol = gt.solve(beer_quiche(), method="sequential", exact=True)
    mixed = [eq for eq in sol if 0 < eq.behavior["Receiver: quiche"]["duel"] < 1]
    assert mixed
    for eq in mixed:                 # indifference pins the off-path belief at 1/2
        assert eq.behavior["Receiver: quiche"]["duel"] == F(1, 2)
        assert eq.belief_ranges["Receiver: quiche"].is_point
        assert eq.beliefs["Receiver: quiche"]["weak/quiche"] == F(1, 2)


def test_beer_quiche_at_low_prior_is_semi_separating():
    # p = 1/4 < 1/2: no pooling equilibrium; the weak type mixes (Fudenberg & Tirole 1991,
    # sec. 11.2 discuss the prior's role)
    sol = gt.solve(beer_quiche(F(1, 4)), method="sequential", exact=True)
    assert len(sol) == 1
    (eq,) = sol
    assert eq.behavior["Sender (weak)"] == {"beer": F(1, 3), "quiche": F(2, 3)}
    assert eq.beliefs["Receiver: beer"]["weak/beer"] == F(1, 2)    # indifferent receiver


def test_selten_horse():
    g = selten_horse()
    sol = gt.solve(g, method="sequential", exact=True)
    assert not sol.complete
    got = [_pure(eq) for eq in sol]
    assert {"1: root": "C", "2: C": "c", "3": "R"} in got
    assert all(p.get("1: root") == "C" and p.get("3") == "R" for p in got)
    # (D, c, L) is a Nash equilibrium (regret 0) but not sequential
    nash = {"1: root": "D", "2: C": "c", "3": "L"}
    assert max(g.behavior_regrets(nash)) == 0
    assert nash not in got
    eq = next(e for e in sol if _pure(e) == {"1: root": "C", "2: C": "c", "3": "R"})
    assert str(eq.belief_ranges["3"]) == "mu(D | 3) <= 1/3"




def test_refuses_normal_forms_and_symbolic_trees():
    nf = gt.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(gt.GameError, match="game trees"):
        gt.solve(nf, method="sequential")
    q = gt.parameters("q")
    t = gt.ExtensiveFormGame(["A"])
    x, y = t.root.decide("A", ["x", "y"])
    x.payoffs(q)
    y.payoffs(0)
    with pytest.raises(gt.GameError, match="numeric"):
        gt.solve(t, method="sequential")


def test_critical_values_of_sequential_equilibria_in_the_prior():
    p = gt.parameters("p")
    g = beer_quiche(p)
    g.describe(gt.Parameter("p", default=F(1, 2), domain=(0, 1)))
    cv = gt.critical_values(g, "p", method="sequential")
    assert [c.value for c in cv] == [F(1, 2)]


def test_float_results_by_default():
    sol = gt.solve(beer_quiche(), method="sequential")
    assert not sol.exact and isinstance(sol[0].payoffs[0], float)


@pytest.mark.parametrize("path", ["binding", "linprog"])
def test_extreme_points_on_both_highs_paths(monkeypatch, path):
    """The extreme points of a point set (vertices of its convex hull, the first of equal
    points standing for them), through scipy's bundled HiGHS binding and through linprog:
    the unit square's corners, not its centre, an edge's midpoint or a repeated corner;
    of collinear points, the two ends."""
    from gametheory.solvers import _highs

    if path == "linprog":
        monkeypatch.setattr(_highs, "_CORE", None)
    h = F(1, 2)
    square = [(h, h), (0, 0), (1, 0), (h, 0), (1, 1), (0, 0), (0, 1)]
    assert seq._extreme([tuple(F(v) for v in p) for p in square]) == [1, 2, 4, 6]
    line = [(F(t, 3), F(2 * t, 3), F(1)) for t in (1, 0, 2, 3)]
    assert seq._extreme(line) == [1, 3]


# ------------------------------------------------------------------ property tests
def _trees():
    return st.builds(lambda s, n: random_tree(n, seed=s, players=2, chance=0.25),
                     st.integers(0, 10**6), st.integers(6, 16))


def _brute_pure(game):
    """Every pure behaviour profile that is sequential, by brute force."""
    tree = seq._Tree(game)
    out = []
    for combo in itertools.product(*[range(len(a)) for a in tree.actions]):
        beh = {tree.labels[h]: seq._pure(tree, h, k) for h, k in enumerate(combo)}
        if any(r != 0 for r in game.behavior_regrets(beh)):
            continue
        if seq._record(tree, beh) is not None:
            out.append(seq._key(tree, beh))
    return out


@settings(max_examples=25, deadline=None)
@given(_trees())
def test_property_random_trees(game):
    try:
        sol = gt.solve(game, method="sequential", exact=True)
    except gt.SolverError as e:       # too large for vertex or for max_profiles
        assert "sequential" in str(e)
        return
    tree = seq._Tree(game)
    for eq in sol:
        assert gt.check_assessment(game, eq.behavior, eq.beliefs).sequential
        assert max(game.behavior_regrets(eq.behavior)) == 0
        for h, r in (eq.belief_ranges or {}).items():
            assert r.contains(eq.beliefs[h])
    if sol.complete:
        assert len(sol) >= 1                      # existence (Kreps & Wilson 1982)
        listed = {seq._key(tree, eq.behavior) for eq in sol}
        assert set(_brute_pure(game)) <= listed


@pytest.mark.parametrize("N, delta", [(1, F(1, 4)), (1, F(3, 4)), (2, F(1, 3)), (2, F(1, 8))])
def test_kreps_wilson_reputation_agrees_with_chain_store(N, delta):
    """Kreps & Wilson (1982, JET 27, 253-279), as derived in chain_store: with one
    entrant (two players) the sequential equilibrium is unique and the method is
    complete; with two entrants (three players) the agent-QRE limit is theirs."""
    from gametheory.models import chain_store

    values = {"a": F(2), "b": F(1, 2), "delta": delta}
    g = chain_store.build(N, reputation=True, **values)
    sol = gt.solve(g, method="sequential", exact=True)
    assert sol.complete == (N == 1)
    kw_behavior, kw_beliefs, _ = chain_store._assessment(N, values)
    assert any(all(eq.behavior[h] == kw_behavior[h] for h in kw_behavior) for eq in sol)
    if N == 1:
        assert len(sol) == 1
    for eq in sol:               # beliefs after an unreached history: the prior (consistency)
        for h, r in (eq.belief_ranges or {}).items():
            assert r.contains(eq.beliefs[h])


def test_cli_text_and_json_carry_the_beliefs(capsys, tmp_path):
    """The same assessments from Python, the command line's text and its JSON."""
    import json

    from gametheory.cli.main import main

    f = tmp_path / "bq.efg"
    gt.write_gambit(beer_quiche(), f)
    assert main(["solve", str(f), "--method", "sequential", "--exact"]) == 0
    text = capsys.readouterr().out
    assert "mu(weak | Receiver: beer) >= 1/2" in text and "(complete, exact)" in text
    assert main(["solve", str(f), "--method", "sequential", "--exact", "--format",
                 "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    sol = gt.solve(beer_quiche(), method="sequential", exact=True)
    assert len(out["equilibria"]) == len(sol)
    conds = [r["condition"] for e in out["equilibria"] for r in e.get("belief_ranges", {}).values()]
    assert "mu(weak | Receiver: beer) >= 1/2" in conds
    assert all(set(e["beliefs"]) == {"Receiver: beer", "Receiver: quiche"}
               for e in out["equilibria"])


# ------------------------------------------------------- the classic games (gt.classics)
def test_three_action_entry_has_one_sequential_equilibrium():
    """Gibbons (1992, Fig. 4.1.1): (R, R') is subgame perfect but no belief supports R';
    the only sequential equilibrium is (L, L')."""
    sol = gt.solve(gt.classics.three_action_entry(), method="sequential", exact=True)
    assert sol.complete and [_pure(eq) for eq in sol] == [{"Player 1": "L", "Player 2": "L'"}]


@pytest.mark.parametrize("prior", [F(1, 5), F(1, 3), F(2, 3), F(9, 10)])
def test_spence_sequential_equals_pbe(prior):
    """In signalling games weak PBE and sequential equilibria coincide (Fudenberg & Tirole
    1991, sec. 8.2): two independent solvers give the same extreme assessments."""
    g = gt.classics.spence_job_market(prior_high=prior)
    a = gt.solve(g, method="sequential", exact=True)
    b = gt.solve(g, method="pbe", exact=True)

    def keys(sol):
        return sorted((eq.label, tuple(sorted((h, tuple(d.items()))
                                              for h, d in eq.behavior.items()))) for eq in sol)

    assert a.complete and keys(a) == keys(b)
    assert any(eq.label == "separating" for eq in a)       # separating at every prior
    assert any(eq.label.startswith("pooling") for eq in a)


def test_spence_critical_prior_by_both_methods():
    g = gt.classics.spence_job_market(prior_high=gt.parameters("prior_high"))
    for method in ("sequential", "pbe"):
        assert [c.value for c in gt.critical_values(g, "prior_high", method=method)] \
            == [F(1, 2)]


@pytest.mark.parametrize("q, a", [(F(1, 4), F(1, 2)), (F(1, 5), F(1, 3))])
def test_audience_cost_bluffing_equilibrium(q, a):
    """Cheap pledge (a < c - v_I) and q < 1/(1 + r): the irresolute guarantor bluffs,
    pledging with probability q r / (1 - q), and Russia presses after a pledge with
    probability v_I / (v_I + a) (the derivation in gt.classics.audience_cost_signalling,
    after Fearon 1994 and 1997); silence pooling is sequential too."""
    vI, r = 1, 1
    g = gt.classics.audience_cost_signalling(q=q, a=a, v_R=3, v_I=vI, c=2, r=r)
    sol = gt.solve(g, method="sequential", exact=True)
    bluff = [eq for eq in sol if 0 < eq.behavior["Guarantor: irresolute"]["pledge"] < 1]
    assert [eq.behavior["Guarantor: irresolute"]["pledge"] for eq in bluff] == [q * r / (1 - q)]
    assert bluff[0].behavior["Russia: pledge"]["press"] == F(vI) / (vI + a)
    assert any(eq.behavior["Guarantor: resolved"]["silent"] == 1
               and eq.behavior["Guarantor: irresolute"]["silent"] == 1 for eq in sol)
