"""Signalling games: the recogniser, classification, the Intuitive Criterion and D1.

Known answers: in Beer-Quiche (Cho & Kreps 1987, QJE 102, 179-221; payoffs as in
Fudenberg & Tirole 1991, sec. 11.2) pooling on quiche fails the Intuitive Criterion (the
weak type is equilibrium-dominated at beer; the strong type gains against the only best
response to beliefs on strong, not duelling) and pooling on beer passes; D1 agrees.
A discrete job-market game (Spence 1973; ``gt.classics.spence_job_market``, two
education levels and two jobs, numbers chosen there, the equilibria derived in its
docstring and in :func:`job_market`, the analysis as in Gibbons 1992, sec. 4.2.B):
separating at every prior; pooling on no education with clerks when the high type is
less likely than 1/2 (which fails the Intuitive Criterion), with managers when it is
more likely (which passes), and a semi-separating equilibrium only then. A game where
D1 is strictly stronger than the Intuitive Criterion (Cho & Kreps 1987, sec. IV: D1
prunes a type no worse at the unsent message than another although neither is
equilibrium-dominated).
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import assessment_games
import pytest
from hypothesis import given, settings

import gametheory as gt
from gametheory import GameError
from gametheory.refinements._signalling_criteria import _pure_best
from gametheory.refinements.signalling import signalling_tree


def beer_quiche(weak: F = F(1, 10)) -> gt.ExtensiveFormGame:
    """Cho & Kreps (1987), as in Fudenberg & Tirole (1991, sec. 11.2)."""
    return gt.classics.beer_quiche(prior_strong=1 - weak)


def job_market(p: F) -> gt.ExtensiveFormGame:
    """The discrete Spence game of ``gt.classics.spence_job_market`` (costs 1/2 and 3/2,
    wages 2 and 1; its docstring derives the equilibria): separating (high educates, the
    Firm makes managers of the educated) for every prior, isolated; pooling on no
    education with clerks for p < 1/2, the Firm making an educated Worker a manager with
    probability s in [0, 1/2] (so the high type does not gain: 1 + s - 1/2 <= 1), s = 0
    needing mu(high | educate) <= 1/2 and s > 0 exactly 1/2; pooling on no education
    with managers for p > 1/2, any s in [0, 1]; for p > 1/2 a semi-separating one: the
    high type skips education with probability (1 - p) / p, so mu(high | no education) =
    1/2, where the Firm makes managers with probability 1/2."""
    return gt.classics.spence_job_market(prior_high=p)


def d1_beyond_intuitive() -> gt.ExtensiveFormGame:
    """Pooling on m0 (worth 1 to both types); at the unsent m1 the firm answers x, y or
    z (x best for mu(a) >= 2/3, z for mu(a) <= 1/3, y between); x pays both types 2, y
    pays a 2 and b 0, z pays 0. Neither type is equilibrium-dominated at m1, and z
    deters both, so the Intuitive Criterion passes; but whenever b would weakly gain
    (x with probability >= 1/2), a strictly gains, so D1 prunes b, and the best response
    to beliefs on a (x) gives a 2 > 1."""
    sender = {"x": {"a": 2, "b": 2}, "y": {"a": 2, "b": 0}, "z": {"a": 0, "b": 0}}
    receiver = {"x": {"a": 3, "b": 0}, "y": {"a": 2, "b": 2}, "z": {"a": 0, "b": 3}}

    def pay(t, m, r):
        return (1, 0) if m == "m0" else (sender[r][t], receiver[r][t])

    return signalling_tree({"a": F(1, 2), "b": F(1, 2)}, ["m0", "m1"],
                           {"m0": ["w"], "m1": ["x", "y", "z"]}, pay)


# ------------------------------------------------------------------ the recogniser
def test_structure_of_beer_quiche():
    s = gt.signalling_structure(beer_quiche())
    assert isinstance(s, gt.SignallingStructure)
    assert (s.sender, s.receiver, s.types, s.messages) == (0, 1, ("strong", "weak"),
                                                           ("beer", "quiche"))
    assert s.prior == (F(9, 10), F(1, 10))
    assert s.responses == {"beer": ("duel", "no duel"), "quiche": ("duel", "no duel")}
    assert s.sender_sets == ("Sender: strong", "Sender: weak")
    assert s.receiver_sets == {"beer": "Receiver: beer", "quiche": "Receiver: quiche"}
    assert s.nodes[(1, "quiche")] == "weak/quiche"
    # u[player][type][message][response]: strong with beer and no duel gets 1 + 2
    assert s.payoffs[0][0]["beer"]["no duel"] == 3 and s.payoffs[1][1]["beer"]["duel"] == 1
    assert isinstance(s.payoffs[0][0]["beer"]["no duel"], F)
    assert s.senders_of("beer") == (0, 1)


def test_structure_symbolic_prior_and_payoffs():
    c = gt.parameters("c")
    g = signalling_tree({"lo": "1/3", "hi": "2/3"}, ["a", "b"], ["x", "y"],
                        lambda t, m, r: (c * int(m == "a"), 0))
    s = gt.signalling_structure(g)
    assert s.payoffs[0][0]["a"]["x"] == c
    with pytest.raises(GameError, match="parameters c"):
        gt.solve(g, method="pbe")


def _tree(players=("S", "R")):
    return gt.ExtensiveFormGame(list(players))


def test_not_signalling_root_is_not_chance():
    g = _tree()
    for n in g.root.decide("S", ["a", "b"]):
        for z in n.decide("R", ["x", "y"], infoset="R"):
            z.payoffs(0, 0)
    with pytest.raises(GameError, match="root must be a chance node"):
        gt.signalling_structure(g)


def _two_types(sender_set, receiver_set) -> gt.ExtensiveFormGame:
    """Two types, messages a and b, responses x and y; the information sets' labels
    from ``sender_set(type node)`` and ``receiver_set(message node)``."""
    g = _tree()
    for t in g.root.chance({"lo": "1/2", "hi": "1/2"}):
        for m in t.decide("S", ["a", "b"], infoset=sender_set(t)):
            for z in m.decide("R", ["x", "y"], infoset=receiver_set(m)):
                z.payoffs(0, 0)
    return g


@pytest.mark.parametrize("sender_set, receiver_set, why", [
    (lambda t: "S", lambda m: f"R {m.path[-1]}", "sender's information set 'S' holds several"),
    (lambda t: f"S {t.path}", lambda m: f"R {m.path}", "message 'a' leads to two receiver"),
    (lambda t: f"S {t.path}", lambda m: "R", "follows different messages"),
])
def test_not_signalling_information(sender_set, receiver_set, why):
    """The sender must know the type; the receiver must see the message and only it."""
    with pytest.raises(GameError, match=why):
        gt.signalling_structure(_two_types(sender_set, receiver_set))
    assert gt.signalling_structure(_two_types(lambda t: f"S {t.path}",
                                              lambda m: f"R {m.path[-1]}")).messages \
        == ("a", "b")


def test_not_signalling_play_continues_after_response():
    g = _tree()
    for t in g.root.chance({"lo": "1/2", "hi": "1/2"}):
        for m in t.decide("S", ["a"], infoset=f"S {t.path}"):
            x, y = m.decide("R", ["x", "y"], infoset="R")
            x.payoffs(0, 0)
            for z in y.decide("S", ["u", "v"], infoset=f"S again {t.path}"):
                z.payoffs(0, 0)
    with pytest.raises(GameError, match="not terminal"):
        gt.signalling_structure(g)


def test_not_signalling_three_players_or_zero_prior():
    with pytest.raises(GameError, match="two players"):
        gt.signalling_structure(_tree(("S", "R", "T")))
    g = signalling_tree({"lo": 0, "hi": 1}, ["a"], ["x"], lambda t, m, r: (0, 0))
    with pytest.raises(GameError, match="type 'lo' has prior probability 0"):
        gt.signalling_structure(g)


# ------------------------------------------------------------------ classification
def test_classification_labels():
    g = job_market(F(3, 4))
    E, N = "educate", "no education"
    base = {f"Firm: {E}": "manager", f"Firm: {N}": "clerk"}
    assert gt.classify_signalling(g, {**base, "Worker: high": E, "Worker: low": N}) \
        == "separating"
    assert gt.classify_signalling(g, {**base, "Worker: high": N, "Worker: low": N}) \
        == "pooling on no education"
    assert gt.classify_signalling(g, {**base, "Worker: high": {E: "1/3", N: "2/3"},
                                      "Worker: low": N}) == "semi-separating"
    with pytest.raises(GameError, match="no entry for 'Worker: low'"):
        gt.classify_signalling(g, {**base, "Worker: high": E})
    sol = gt.solve(g, method="pbe", exact=True)
    assert all(gt.classify_signalling(g, eq) == eq.label for eq in sol)


# ------------------------------------------------------------------ Beer-Quiche
def test_beer_quiche_intuitive_criterion_and_d1():
    g = beer_quiche()
    sol = gt.solve(g, method="pbe", exact=True)
    for eq in sol:
        ic, d1 = gt.intuitive_criterion(g, eq), gt.d1_criterion(g, eq)
        if eq.label == "pooling on quiche":
            assert not ic and not d1
            assert (ic.message, ic.excluded, ic.deviator) == ("beer", ("weak",), "strong")
            assert (d1.message, d1.excluded, d1.deviator) == ("beer", ("weak",), "strong")
            assert str(ic) == ("fails the Intuitive Criterion: after beer (unsent), weak is "
                               "equilibrium-dominated; strong gains against every best "
                               "response to beliefs on strong")
        else:
            assert eq.label == "pooling on beer" and ic.passes and d1.passes
            assert ic.excluded_by_message == {"quiche": ("strong",)}
            assert d1.excluded_by_message == {"quiche": ("strong",)}
            assert "\n" not in str(ic)


def test_criteria_pass_without_unsent_messages():
    g = beer_quiche(F(9, 10))
    (eq,) = gt.solve(g, method="pbe", exact=True)
    assert str(gt.intuitive_criterion(g, eq)) == \
        "passes the Intuitive Criterion: every message is sent"
    assert gt.d1_criterion(g, eq).passes


# ------------------------------------------------------------------ job market
@pytest.mark.parametrize("p", [F(1, 10), F(1, 4), F(2, 5), F(49, 100)])
def test_job_market_low_prior(p):
    g = job_market(p)
    sol = gt.solve(g, method="pbe", exact=True)
    labels = sorted(eq.label for eq in sol)
    assert labels == ["pooling on no education"] * 2 + ["separating"]
    pool = [eq for eq in sol if eq.label == "pooling on no education"]
    assert all(eq.behavior["Firm: no education"]["clerk"] == 1 for eq in pool)
    assert sorted(eq.behavior["Firm: educate"]["manager"] for eq in pool) == [0, F(1, 2)]
    s0 = next(eq for eq in pool if eq.behavior["Firm: educate"]["manager"] == 0)
    assert str(s0.belief_ranges["Firm: educate"]) == "mu(high | Firm: educate) <= 1/2"
    assert len(sol.components) == 2
    sep = next(eq for eq in sol if eq.label == "separating")
    assert gt.intuitive_criterion(g, sep).passes and gt.d1_criterion(g, sep).passes
    for eq in pool:
        ic = gt.intuitive_criterion(g, eq)
        assert not ic and ic.excluded == ("low",) and ic.deviator == "high"
        assert not gt.d1_criterion(g, eq)


@pytest.mark.parametrize("p", [F(51, 100), F(3, 5), F(3, 4), F(9, 10)])
def test_job_market_high_prior(p):
    g = job_market(p)
    sol = gt.solve(g, method="pbe", exact=True)
    labels = sorted(eq.label for eq in sol)
    assert labels == ["pooling on no education"] * 2 + ["semi-separating", "separating"]
    pool = [eq for eq in sol if eq.label == "pooling on no education"]
    assert all(eq.behavior["Firm: no education"]["manager"] == 1 for eq in pool)
    assert sorted(eq.behavior["Firm: educate"]["manager"] for eq in pool) == [0, 1]
    semi = next(eq for eq in sol if eq.label == "semi-separating")
    assert semi.behavior["Worker: high"]["no education"] == (1 - p) / p
    assert semi.beliefs["Firm: no education"]["high/no education"] == F(1, 2)
    assert semi.behavior["Firm: no education"] == {"manager": F(1, 2), "clerk": F(1, 2)}
    for eq in sol:     # both types are equilibrium-dominated at E when pooling
        assert gt.intuitive_criterion(g, eq).passes and gt.d1_criterion(g, eq).passes
    ic = gt.intuitive_criterion(g, pool[0])
    assert ic.excluded_by_message == {"educate": ("high", "low")}


# ------------------------------------------------------------------ D1 beyond IC
def test_d1_stronger_than_intuitive_criterion():
    g = d1_beyond_intuitive()
    sol = gt.solve(g, method="pbe", exact=True)
    pool = [eq for eq in sol if eq.label == "pooling on m0"]
    assert pool
    for eq in pool:
        ic, d1 = gt.intuitive_criterion(g, eq), gt.d1_criterion(g, eq)
        assert ic.passes and ic.excluded_by_message == {"m1": ()}
        assert not d1 and (d1.message, d1.excluded, d1.deviator) == ("m1", ("b",), "a")
        assert str(d1) == ("fails D1: after m1 (unsent), D1 eliminates b; a gains against "
                           "every best response to beliefs on a")


# ------------------------------------------------------------------ random games
def _grid_best(s, m, among, n=12):
    """The responses at m that are best for some belief on a grid over ``among``."""
    uR = s.payoffs[s.receiver]
    found = set()
    for w in itertools.product(range(n + 1), repeat=len(among)):
        if sum(w) != n:
            continue
        vals = {r: sum(F(k, n) * uR[t][m][r] for k, t in zip(w, among))
                for r in s.responses[m]}
        top = max(vals.values())
        found |= {r for r, v in vals.items() if v == top}
    return found


@settings(deadline=None, max_examples=20)
@given(assessment_games.signalling_games(messages=(2, 2)))
def test_random_criteria_are_consistent(g):
    """D1 is stronger than the Intuitive Criterion (Cho & Kreps 1987, sec. IV): every
    equilibrium passing D1 passes it; the criteria's excluded types at an unsent message
    are types that can send it, IC's are equilibrium-dominated by a brute-force grid of
    beliefs, and the exact best-response sets contain the grid's."""
    s = gt.signalling_structure(g)
    for m in s.messages:
        assert _grid_best(s, m, s.senders_of(m)) <= set(_pure_best(s, m, s.senders_of(m)))
    sol = gt.solve(g, method="pbe", exact=True)
    for eq in sol:
        ic, d1 = gt.intuitive_criterion(g, eq), gt.d1_criterion(g, eq)
        assert ic.passes or not d1.passes, (str(ic), str(d1))
        # the same unsent messages (D1 stops at the one where it fails)
        assert set(d1.excluded_by_message) <= set(ic.excluded_by_message)
        assert set(d1.excluded_by_message) == set(ic.excluded_by_message) or not d1
        for m, types in ic.excluded_by_message.items():
            T = s.senders_of(m)
            best = _grid_best(s, m, T)
            for name in types:
                t = s.types.index(name)
                assert t in T
                # dominated: worse at m than in equilibrium even at the grid's best replies
                u_star = sum(eq.behavior[s.sender_sets[t]][x] * eq.behavior[
                    s.receiver_sets[x]][r] * s.payoffs[0][t][x][r]
                    for x in s.type_messages[t] for r in s.responses[x])
                assert all(s.payoffs[0][t][m][r] < u_star for r in best)
        assert (ic.message is None) == ic.passes and (d1.message is None) == d1.passes
