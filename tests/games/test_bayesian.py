"""Bayesian games (issue 14, part 1): validation, the Harsanyi tree, the normal form over
type-contingent strategies, Bayesian Nash equilibria per type, reading and writing."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory import GameError
from gametheory.games.bayesian import BayesianEquilibrium, BayesianGame, BayesianSolution


def guarantee_game(q=F(1, 2), r=F(1, 2)) -> BayesianGame:
    """Russia (revisionist w.p. q) escalates or accepts; a guarantor (resolved w.p. r)
    defends or abandons, simultaneously."""
    def payoff(types, actions):
        esc, defend = actions[0] == "escalate", actions[1] == "defend"
        gain, cost = (4, -2) if types[0] == "revisionist" else (1, -4)
        fight, flee = (1, -2) if types[1] == "resolved" else (-3, -1)
        if not esc:
            return 0, -1 if defend else 0
        return (cost, fight) if defend else (gain, flee)

    return BayesianGame(["Russia", "Guarantor"],
                        prior={"Russia": {"revisionist": q, "status quo": 1 - q},
                               "Guarantor": {"resolved": r, "unresolved": 1 - r}},
                        actions={"Russia": ["escalate", "accept"],
                                 "Guarantor": ["defend", "abandon"]},
                        payoffs=payoff)


def random_game(seed: int, n_types=(2, 2), n_actions=(2, 2), joint=None) -> BayesianGame:
    """A random two-player Bayesian game with exact prior and integer payoffs; types may
    be correlated (joint prior) and actions may differ between types."""
    rng = np.random.default_rng(seed)
    joint = bool(rng.integers(2)) if joint is None else joint
    types = {p: [f"{p.lower()}{k}" for k in range(n)] for p, n in zip("AB", n_types) if n > 1}
    acts = {}
    for p, n in zip("AB", n_actions):
        if p in types and rng.integers(2):
            acts[p] = {t: [f"{t}_{k}" for k in range(int(rng.integers(1, n + 1)))]
                       for t in types[p]}
        else:
            acts[p] = [f"{p.lower()}_{k}" for k in range(n)]
    table = {}

    def payoff(t, a):
        key = (t, a)
        if key not in table:
            table[key] = tuple(int(x) for x in rng.integers(-4, 5, size=2))
        return table[key]

    if joint and types:
        profiles = list(itertools.product(*types.values()))
        w = [int(x) for x in rng.integers(0, 4, size=len(profiles))]
        w[0] += 1
        prior = {(p if len(p) > 1 else p[0]): F(x, sum(w)) for p, x in zip(profiles, w)}
        return BayesianGame(["A", "B"], types=types, prior=prior, actions=acts,
                            payoffs=payoff)
    prior = {}
    for p, ts in types.items():
        w = [int(x) + 1 for x in rng.integers(0, 3, size=len(ts))]
        prior[p] = {t: F(x, sum(w)) for t, x in zip(ts, w)}
    return BayesianGame(["A", "B"], prior=prior or None, actions=acts, payoffs=payoff)


def behaviour_key(beq: BayesianEquilibrium) -> frozenset:
    return frozenset((h, a, p) for h, d in beq.behavior.items() for a, p in d.items())


# ------------------------------------------------------------------ validation
ACTS = {"A": ["u", "d"], "B": ["l", "r"]}


def zero(t, a):
    return (0, 0)


@pytest.mark.parametrize("kwargs, message", [
    (dict(prior={"A": {"x": "1/2", "y": "1/3"}}), "prior of A sum to 5/6, not 1"),
    (dict(prior={"A": {"x": "-1/2", "y": "3/2"}}), "-1/2 at the prior of A is negative"),
    (dict(prior={"A": {"x": float("nan"), "y": 0.5}}), "nan; expected a finite number"),
    (dict(prior={"A": {"x": gt.parameters("q"), "y": gt.parameters("q")}}), "sum to 2\\*q"),
    (dict(prior={"A": {"x": "1/2", "y": "1/2"}, "C": {"z": 1}}), "not player names"),
    (dict(types={"C": ["z"]}), "types: no player named 'C'"),
    (dict(types={"A": ["x", "y"]}), "A has 2 types; give their prior"),
    (dict(types={"A": "xy"}, prior={"x": 1}), "types of A must be a non-empty list"),
    (dict(types={"A": ["x", "x"]}), "repeat the name 'x'"),
    (dict(types={"A": ["x", "y"]}, prior={"x": "1/2", "z": "1/2"}),
     "prior: A has no type 'z'; its types are x, y"),
    (dict(types={"A": ["x", "y"], "B": ["v", "w"]}, prior={"x": 1}),
     "type profile 'x' must list one type for each of A, B"),
    (dict(types={"A": ["x", "y"]}, prior={"x": 1}), "no type profile has A's type 'y'"),
    (dict(prior={"A": {"x": 1, "y": 0}}, payoffs=lambda t, a: (0,)),
     r"returned 1 value\(s\) for 2 players"),
    (dict(prior={"A": {"x": 1, "y": 0}}, payoffs=lambda t, a: 3), "returned 3; expected one"),
    (dict(prior={"A": {"x": 1, "y": 0}}, payoffs={"x": [[[0, 0], [0, 0]], [[0, 0], [0]]]}),
     "payoffs for \\(x\\) are ragged"),
    (dict(prior={"A": {"x": 1, "y": 0}},
          payoffs={"x": np.zeros((2, 2, 2)), "y": np.zeros((2, 2, 3))}),
     r"payoffs for \(y\) have shape \(2, 2, 3\); expected \(2, 2, 2\)"),
    (dict(prior={"A": {"x": 1, "y": 0}}, payoffs={"x": np.zeros((2, 2, 2))}),
     r"no payoffs given for the type profile \(y\)"),
    (dict(types={"A": ["x", "y"]}, prior={"x": 1, "y": 0},
          payoffs={"x": np.zeros((2, 2, 2)), "y": np.zeros((2, 2, 2)), "z": 0}),
     "A has no type 'z'"),
    (dict(prior={"A": {"x": 1, "y": 0}}, payoffs=np.zeros((2, 3, 2, 2))),
     r"payoff array has shape \(2, 3, 2, 2\); expected \(2, 2, 2, 2\)"),
    (dict(prior={"A": {"x": 1, "y": 0}}, payoffs=lambda t, a: (0, "abc")), "not a number"),
    (dict(prior={"A": {"x": 1, "y": 0}}, payoffs=None), "no payoffs given"),
    (dict(actions={"A": ["u"]}), "no actions given for B"),
    (dict(actions={"A": ["u"], "B": [], }), "actions of B must be a non-empty list"),
    (dict(actions={"A": ["u"], "B": ["l"], "C": ["z"]}), "actions: no player named 'C'"),
    (dict(prior={"A": {"x": 1, "y": 0}}, actions={"A": {"x": ["u"]}, "B": ["l"]}),
     "no actions given for A's type 'y'"),
    (dict(actions={"A": {"x": ["u"]}, "B": ["l"]}), "actions per type for A, who has no types"),
    (dict(prior={"A": {"x": 1, "y": 0}}, actions={"A": {"x": ["u"], "y": ["u", "d"]},
                                                   "B": ["l"]}, payoffs=np.zeros((2, 2, 1, 1))),
     "same number of actions for every type of A"),
])
def test_validation_errors_are_one_line(kwargs, message):
    spec = dict(players=["A", "B"], actions=ACTS, payoffs=zero) | kwargs
    with pytest.raises(GameError, match=message) as err:
        BayesianGame(**spec)
    assert "\n" not in str(err.value)


def test_players_must_be_a_list():
    with pytest.raises(GameError, match="list of player names"):
        BayesianGame("AB", actions=ACTS, payoffs=zero)
    with pytest.raises(GameError, match="duplicate player name 'A'"):
        BayesianGame(["A", "A"], actions=ACTS, payoffs=zero)


def test_float_prior_within_tolerance_and_kinds():
    bg = BayesianGame(["A", "B"], prior={"A": {"x": 0.1, "y": 0.2 + 0.7}}, actions=ACTS,
                      payoffs=lambda t, a: (1, 2))
    assert bg.kind == "float" and bg.to_normal().kind == "float"
    assert BayesianGame(["A", "B"], prior={"A": {"x": "1/3", "y": "2/3"}}, actions=ACTS,
                        payoffs=zero).kind == "exact"


# ------------------------------------------------------------------ structure
def test_harsanyi_tree_structure():
    bg = guarantee_game()
    t = bg.to_tree()
    assert t.has_perfect_recall and not t.has_perfect_information
    assert t.action_labels(0) == ("revisionist, resolved", "revisionist, unresolved",
                                  "status quo, resolved", "status quo, unresolved")
    assert list(t.chance_probabilities(0)) == [F(1, 4)] * 4
    infos = {h.label: h for h in t.information_sets}
    assert set(infos) == {"Russia (revisionist)", "Russia (status quo)",
                          "Guarantor (resolved)", "Guarantor (unresolved)"}
    # the guarantor's information set spans both Russian moves and both Russian types
    assert len(infos["Guarantor (resolved)"].members) == 4
    assert len(infos["Russia (revisionist)"].members) == 2
    assert t.num_nodes == 1 + 4 * (1 + 2 + 4)


def test_tree_and_normal_form_payoffs_agree():
    """The tree's reduced normal form is the type-contingent normal form (same strategy
    order here: the information sets of each player appear in type order)."""
    for seed in range(6):
        bg = random_game(seed, joint=False)
        nf, tnf = bg.to_normal(), bg.to_tree().to_normal_form()
        assert nf.shape == tnf.shape
        assert np.array_equal(nf.exact_payoffs(), tnf.exact_payoffs()), seed


def test_three_players_normal_form_is_the_trees():
    bg = BayesianGame(["A", "B", "C"], prior={"A": {"x": "1/3", "y": "2/3"},
                                             "C": {"v": "1/4", "w": "3/4"}},
                      actions=[["u", "d"], ["l", "r"], ["p", "q"]],
                      payoffs=lambda t, a: (len(t[0] + a[1]), int(a[2] == "p"),
                                            int(t[2] == "v") + int(a[0] == "u")))
    nf, tnf = bg.to_normal(), bg.to_tree().to_normal_form()
    assert nf.shape == tnf.shape == (4, 2, 4)
    assert np.array_equal(nf.exact_payoffs(), tnf.exact_payoffs())
    assert nf.strategies[2] == ("v: p, w: p", "v: p, w: q", "v: q, w: p", "v: q, w: q")
    assert nf.strategies[1] == ("l", "r")


def test_joint_prior_actions_per_type_and_marginals():
    bg = BayesianGame(
        ["A", "B"], types={"A": ["x", "y"], "B": ["v", "w"]},
        prior={("x", "v"): "1/2", ("y", "v"): "1/4", ("y", "w"): "1/4"},
        actions={"A": {"x": ["u"], "y": ["u", "d", "m"]}, "B": ["l", "r"]},
        payoffs=lambda t, a: (int(a[0] == "d"), int(a[1] == "l") * len(t[1])))
    assert bg.type_probability("A", "y") == F(1, 2) and bg.type_probability("B", "w") == F(1, 4)
    assert bg.to_normal().shape == (3, 4)
    assert bg.to_normal().strategies[0] == ("x: u, y: u", "x: u, y: d", "x: u, y: m")
    t = bg.to_tree()
    assert t.action_labels(0) == ("x, v", "y, v", "y, w")
    assert t.infosets["A (y)"] == ("A", ("u", "d", "m"))
    assert bg.prior == {("x", "v"): F(1, 2), ("y", "v"): F(1, 4), ("y", "w"): F(1, 4)}


def test_payoffs_as_one_array_mapping_and_callable_agree():
    rng = np.random.default_rng(3)
    U = rng.integers(-5, 6, size=(2, 2, 2, 2))          # players, types of A, actions
    prior = {"A": {"x": "1/3", "y": "2/3"}}
    by_array = BayesianGame(["A", "B"], prior=prior, actions=ACTS, payoffs=U)
    by_map = BayesianGame(["A", "B"], prior=prior, actions=ACTS,
                          payoffs={"x": U[:, 0], "y": gt.NormalFormGame(U[:, 1])})
    acts = {p: ACTS[p] for p in ACTS}

    def f(t, a):
        k = ["x", "y"].index(t[0])
        assert t[1] is None
        return tuple(int(U[i, k, acts["A"].index(a[0]), acts["B"].index(a[1])])
                     for i in range(2))

    by_call = BayesianGame(["A", "B"], prior=prior, actions=ACTS, payoffs=f)
    assert by_array == by_map == by_call
    assert by_array.to_tree() == by_call.to_tree()
    assert by_array != BayesianGame(["A", "B"], prior=prior, actions=ACTS, payoffs=U + 1)


def test_complete_information_is_the_normal_form():
    pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
                                       strategies=[["C", "D"], ["C", "D"]])
    bg = BayesianGame(["Player 1", "Player 2"], actions=[["C", "D"], ["C", "D"]],
                      payoffs=pd.payoffs)
    assert bg.to_normal() == pd
    assert bg.to_tree().mover(0) == (0, 0)        # no chance move without types
    assert str(bg.bayesian_equilibria(exact=True)[0]) == \
        "Player 1: D; Player 2: D; payoffs 1, 1"


def test_symbolic_prior_stays_symbolic_and_substitutes_consistently():
    q, r = gt.parameters("q r")
    bg = guarantee_game(q, r)
    assert bg.parameters == (q, r) and not bg.is_numeric
    nf = bg.to_normal()
    assert nf.kind == "symbolic" and nf.parameters == (q, r)
    for values in ({"q": "1/3", "r": "3/4"}, {"q": "0", "r": "1"}):
        fixed = bg.substitute(**values)
        assert fixed.kind == "exact"
        assert nf.substitute(**values) == fixed.to_normal()
        assert bg.to_tree().substitute(**values) == fixed.to_tree()
    assert bg.substitute(q="1/3").parameters == (r,)
    with pytest.raises(GameError, match="unknown parameter 's'"):
        bg.substitute(s=1)
    with pytest.raises(GameError, match="depend on the parameters q, r"):
        bg.bayesian_equilibria()


# ------------------------------------------------------------------ equilibria
def test_ukraine_guarantee_equilibrium_per_type():
    bg = guarantee_game()
    sol = bg.bayesian_equilibria(exact=True)
    assert isinstance(sol, BayesianSolution) and sol.complete and len(sol) == 1
    eq = sol[0]
    assert str(eq) == ("Russia (revisionist): escalate; Russia (status quo): accept; "
                       "Guarantor (resolved): defend; Guarantor (unresolved): abandon; "
                       "payoffs 1/2, -1/4")
    # interim payoffs by hand: a revisionist meets a defender half the time: (-2 + 4) / 2;
    # a resolved guarantor fights a revisionist or pays 1 to a status-quo Russia
    assert eq.interim == {"Russia (revisionist)": 1, "Russia (status quo)": 0,
                          "Guarantor (resolved)": 0, "Guarantor (unresolved)": F(-1, 2)}
    assert eq.strategy("Russia", "status quo") == {"escalate": 0, "accept": 1}
    with pytest.raises(GameError, match="Russia has no type 'hawk'"):
        eq.strategy("Russia", "hawk")


def test_per_type_text_of_a_mixed_profile():
    bg = guarantee_game()
    beq = bg.per_type({"Russia (revisionist)": "escalate",
                       "Russia (status quo)": {"escalate": "1/2", "accept": "1/2"},
                       "Guarantor (resolved)": "defend", "Guarantor (unresolved)": "abandon"})
    assert str(beq).startswith("Russia (revisionist): escalate; Russia (status quo): "
                               "escalate 1/2, accept 1/2; Guarantor (resolved): defend")
    assert not beq.is_pure and beq.exact
    with pytest.raises(GameError, match="no information set labelled 'Russia'"):
        bg.per_type({"Russia": "escalate"})


def test_osborne_bos_with_uncertain_preferences():
    """Osborne (2004), *An Introduction to Game Theory*, sec. 9.1: player 1 does not know
    whether player 2 wishes to meet her or to avoid her (probability 1/2 each); the game
    has the unique pure Bayesian Nash equilibrium (B, (B, S)): player 1 and the type who
    wishes to meet go to B, the type who wishes to avoid goes to S."""
    meet = [[[2, 0], [0, 1]], [[1, 0], [0, 2]]]
    avoid = [[[2, 0], [0, 1]], [[0, 2], [1, 0]]]
    bos = BayesianGame(["1", "2"], prior={"2": {"meet": "1/2", "avoid": "1/2"}},
                       actions=[["B", "S"], ["B", "S"]], payoffs={"meet": meet, "avoid": avoid})
    for form in ("normal", "tree"):
        sol = bos.bayesian_equilibria(exact=True, form=form)
        pure = [eq for eq in sol if eq.is_pure]
        assert [str(eq) for eq in pure] == ["1: B; 2 (meet): B; 2 (avoid): S; payoffs 1, 3/2"]
        for eq in sol:
            assert gt.max_regret(bos.to_tree(), eq.behavior) == 0


def test_gibbons_cournot_with_asymmetric_information():
    """Gibbons (1992), *A Primer in Game Theory*, sec. 3.1.A: inverse demand a - Q, firm
    1's cost c, firm 2's cost cH w.p. theta, else cL. The Bayesian Nash equilibrium is
    q2(cH) = (a - 2cH + c)/3 + (1 - theta)(cH - cL)/6, q2(cL) = (a - 2cL + c)/3 -
    theta (cH - cL)/6, q1 = (a - 2c + theta cH + (1 - theta) cL)/3. On integer grids
    around it (firm 1's even quantities, so no best response ties) it is the unique
    equilibrium of the discrete game."""
    a, c, cH, cL, theta = 30, 6, 12, 0, F(1, 2)
    q1 = F(a - 2 * c, 3) + (theta * cH + (1 - theta) * cL) / 3
    q2H = F(a - 2 * cH + c, 3) + (1 - theta) * (cH - cL) / 6
    q2L = F(a - 2 * cL + c, 3) - theta * (cH - cL) / 6
    assert (q1, q2H, q2L) == (8, 5, 11)
    cost2 = {"high": cH, "low": cL}

    def profit(types, actions):
        x, y = int(actions[0]), int(actions[1])
        price = a - x - y
        return (price - c) * x, (price - cost2[types[1]]) * y

    bg = BayesianGame(["Firm 1", "Firm 2"],
                      prior={"Firm 2": {"high": theta, "low": 1 - theta}},
                      actions={"Firm 1": ["6", "8", "10"],
                               "Firm 2": {"high": ["4", "5", "6"], "low": ["10", "11", "12"]}},
                      payoffs=profit)
    sol = bg.bayesian_equilibria(exact=True)
    assert sol.complete and len(sol) == 1
    assert str(sol[0]).startswith(f"Firm 1: {q1}; Firm 2 (high): {q2H}; Firm 2 (low): {q2L}")


def test_solve_attaches_behaviour_and_per_type_reads_both_forms():
    bg = random_game(11, joint=True)
    sol = bg.solve(exact=True)
    assert all(set(eq.behavior) == {h.label for h in bg.to_tree().information_sets}
               for eq in sol)
    tree_sol = gt.solve(bg.to_tree(), exact=True)
    assert {behaviour_key(e) for e in bg.per_type(sol)} == \
        {behaviour_key(e) for e in bg.per_type(tree_sol)}
    with pytest.raises(GameError, match="form must be 'normal' or 'tree'"):
        bg.solve(form="agent")
    other = gt.solve(gt.NormalFormGame.from_arrays([[1]], [[1]]), exact=True)
    with pytest.raises(GameError, match="equilibrium is of another game"):
        bg.per_type(other.equilibria[0])


@pytest.mark.parametrize("seed", range(8))
def test_normal_form_and_tree_equilibria_agree(seed):
    """Every Bayesian Nash equilibrium of the normal form, as behaviour, is a Nash
    equilibrium of the tree, and every equilibrium of the tree, as mixed type-contingent
    strategies, is one of the normal form; both give the same per-type profiles."""
    bg = random_game(seed, n_types=(2, 1 + seed % 2), n_actions=(2, 2 + seed % 2))
    tree, nf = bg.to_tree(), bg.to_normal()
    normal_sol, tree_sol = bg.solve(exact=True), gt.solve(tree, exact=True)
    assert normal_sol.equilibria and tree_sol.equilibria
    for eq in normal_sol:
        assert tree.behavior_regrets(eq.behavior) == (0, 0)
    for eq in tree_sol:
        assert gt.max_regret(nf, list(bg.behavior_to_mixed(eq.behavior))) == 0
    assert {behaviour_key(e) for e in bg.per_type(normal_sol)} == \
        {behaviour_key(e) for e in bg.per_type(tree_sol)}
    for beq in bg.per_type(normal_sol):
        assert tuple(beq.payoffs) == tuple(tree.expected_payoffs(beq.behavior))


@settings(deadline=None, max_examples=25, derandomize=True)
@given(st.integers(0, 10**6), st.integers(1, 3), st.integers(1, 2), st.integers(2, 3))
def test_property_normal_form_equilibria_have_zero_regret_in_the_tree(seed, ta, tb, na):
    bg = random_game(seed, n_types=(ta, tb), n_actions=(na, 2))
    tree = bg.to_tree()
    assert tree.has_perfect_recall
    for beq in bg.bayesian_equilibria(exact=True):
        assert max(tree.behavior_regrets(beq.behavior)) == 0
        # interim payoffs average to the ex-ante ones
        for i, p in enumerate(bg.players):
            types = bg.types[p] or (None,)
            total = sum(bg.type_probability(p, t) * beq.interim[bg.infoset_label(p, t)]
                        for t in types if bg.type_probability(p, t) != 0) if bg.types[p] \
                else beq.interim[p]
            assert total == beq.payoffs[i]


# ------------------------------------------------------------------ reading and writing
@pytest.mark.parametrize("seed", range(5))
def test_gambit_round_trip_and_from_tree(seed):
    bg = random_game(seed)
    tree = bg.to_tree()
    back = gt.read_gambit(gt.write_gambit(tree))
    assert back == tree
    again = BayesianGame.from_tree(back)
    assert again == bg and again.to_tree() == tree


def test_from_tree_keeps_types_labels_and_complete_information():
    bg = guarantee_game()
    again = BayesianGame.from_tree(bg.to_tree())
    assert again.types == bg.types and again == bg
    plain = BayesianGame(["A", "B"], actions=ACTS, payoffs=lambda t, a: (1, len(a[0])))
    assert BayesianGame.from_tree(plain.to_tree()) == plain


def test_from_tree_rejects_other_trees():
    seen = gt.ExtensiveFormGame(["A", "B"])
    for node in seen.root.decide("A", ["u", "d"]):       # B sees A's move
        for leaf in node.decide("B", ["l", "r"]):
            leaf.payoffs(0, 0)
    with pytest.raises(GameError, match="not one information set"):
        BayesianGame.from_tree(seen)
    twice = gt.ExtensiveFormGame(["A", "B"])
    for node in twice.root.decide("A", ["u", "d"], infoset="A1"):
        for leaf in node.decide("A", ["l", "r"], infoset="A2"):
            leaf.payoffs(0, 0)
    with pytest.raises(GameError, match="A moves twice"):
        BayesianGame.from_tree(twice)
    short = gt.ExtensiveFormGame(["A", "B"])
    x, y = short.root.chance({"x": "1/2", "y": "1/2"})
    x.payoffs(0, 0)
    for leaf in y.decide("A", ["u"]):
        leaf.payoffs(0, 0)
    with pytest.raises(GameError, match="a path ends before A moves"):
        BayesianGame.from_tree(short)


def test_display():
    bg = guarantee_game()
    assert repr(bg) == ("<BayesianGame (Russia: 2 types, Guarantor: 2 types); 4 type "
                        "profiles, exact>")
    text = str(bg)
    assert text.startswith("revisionist, resolved (prior 1/4):\nRussia \\ Guarantor")
    assert bg.table(("status quo", "unresolved")).payoffs[0, 0, 1] == 1
    assert bg.strategy_labels("Russia")[1] == "revisionist: escalate, status quo: accept"
    assert bg.infoset_label("Guarantor", "resolved") == "Guarantor (resolved)"


def test_normal_form_size_limit(monkeypatch):
    import gametheory.games.bayesian as mod

    monkeypatch.setattr(mod, "MAX_NORMAL_CELLS", 10)
    with pytest.raises(GameError, match="solve the tree"):
        guarantee_game().to_normal()


def test_solve_hook_for_the_dispatcher():
    """``_solve(method, exact, options)`` is what ``gt.solve`` calls for a Bayesian game
    (once wired): the normal form's Solution with per-type behaviour."""
    bg = guarantee_game()
    sol = bg._solve("auto", True, {})
    assert sol.method == "vertex" and sol.game == bg.to_normal()
    assert sol.equilibria[0].behavior["Guarantor (resolved)"] == {"defend": 1, "abandon": 0}
    assert str(bg.per_type(sol)[0]) == str(bg.bayesian_equilibria(exact=True)[0])


def test_joint_prior_as_an_array_and_types_in_their_own_order():
    bg = BayesianGame(["A", "B"], types={"A": ["x", "y"], "B": ["v", "w"]},
                      prior=[["1/2", 0], ["1/8", "3/8"]], actions=ACTS,
                      payoffs=lambda t, a: (len(t[0] + t[1]), int(a[0] == "u")))
    assert bg.prior == {("x", "v"): F(1, 2), ("x", "w"): 0, ("y", "v"): F(1, 8),
                        ("y", "w"): F(3, 8)}
    with pytest.raises(GameError, match=r"prior array has shape \(2,\); expected \(2, 2\)"):
        BayesianGame(["A", "B"], types={"A": ["x", "y"], "B": ["v", "w"]}, prior=[1, 0],
                     actions=ACTS, payoffs=zero)
    ordered = BayesianGame(["A", "B"], types={"A": ["y", "x"]},
                           prior={"A": {"x": "1/4", "y": "3/4"}}, actions=ACTS, payoffs=zero)
    assert ordered.types["A"] == ("y", "x") and ordered.prior == {"y": F(3, 4), "x": F(1, 4)}


def test_from_tree_with_a_move_order_per_type_profile():
    """Below one chance outcome A moves first, below the other B: still simultaneous."""
    t = gt.ExtensiveFormGame(["A", "B"])
    x, y = t.root.chance({"x": "1/3", "y": "2/3"})
    for a, node in zip("ud", x.decide("A", ["u", "d"], infoset="A (x)")):
        for b, leaf in zip("lr", node.decide("B", ["l", "r"], infoset="B")):
            leaf.payoffs(int(a == "u"), int(b == "l"))
    for b, node in zip("lr", y.decide("B", ["l", "r"], infoset="B")):
        for a, leaf in zip("ud", node.decide("A", ["u", "d"], infoset="A (y)")):
            leaf.payoffs(2 * (a == "d"), int(b == "r"))
    bg = BayesianGame.from_tree(t)
    assert bg.types == {"A": ("x", "y"), "B": ()}
    assert bg.table("y").payoffs.tolist() == [[[0, 0], [2, 2]], [[0, 1], [0, 1]]]
    assert np.array_equal(bg.to_normal().exact_payoffs(), t.to_normal_form().exact_payoffs())


def test_callable_may_return_payoffs_by_player_name():
    by_name = BayesianGame(["A", "B"], prior={"A": {"x": "1/2", "y": "1/2"}}, actions=ACTS,
                           payoffs=lambda t, a: {"B": len(a[1]), "A": int(t[0] == "x")})
    in_order = BayesianGame(["A", "B"], prior={"A": {"x": "1/2", "y": "1/2"}}, actions=ACTS,
                            payoffs=lambda t, a: (int(t[0] == "x"), len(a[1])))
    assert by_name == in_order
    with pytest.raises(GameError, match="returned a mapping with keys"):
        BayesianGame(["A", "B"], prior={"A": {"x": "1/2", "y": "1/2"}}, actions=ACTS,
                     payoffs=lambda t, a: {"A": 1, "C": 2})
    beq = in_order.bayesian_equilibria()[0]
    assert isinstance(beq.payoffs[0], float) and not beq.exact


def test_gt_solve_and_write_gambit_take_a_bayesian_game():
    bg = guarantee_game()
    sol = gt.solve(bg, exact=True)
    assert str(bg.per_type(sol)[0]) == str(bg.bayesian_equilibria(exact=True)[0])
    assert gt.read_gambit(gt.write_gambit(bg)) == bg.to_tree()
