"""method="pbe": all weak perfect Bayesian equilibria of signalling games, exactly.

Known answers: Beer-Quiche (Cho & Kreps 1987, QJE 102, 179-221; payoffs as in Fudenberg
& Tirole 1991, sec. 11.2: 1 for the preferred breakfast plus 2 for avoiding a duel; the
receiver gets 1 for dueling the weak type or for not dueling the strong one) with
prior strong 9/10 has exactly two components, pooling on beer and pooling on quiche,
each a segment of the receiver's behaviour after the unsent breakfast (duel with
probability in [1/2, 1]; fully duelling needs mu(weak) >= 1/2, the interior mu(weak) =
1/2); with prior weak above 1/2 the unique equilibrium is semi-separating (the weak
type mixes so that mu(weak | beer) = 1/2; Fudenberg & Tirole 1991, exercise 11.3).
Properties on random signalling games (2-3 types, 2 messages, 2-3 responses, integer
payoffs, Fraction priors): every assessment passes check_assessment exactly and is a
Nash equilibrium of the tree (regret 0); every pure weak PBE found by brute force (an
independent float LP for off-path beliefs) is listed; every profile on a grid that is a
weak PBE by the same brute-force test lies in a listed piece; each piece's centre with
its stated belief conditions is an equilibrium.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import assessment_games
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sample_trees import entry_game
from scipy.optimize import linprog

import gametheory as gt
from gametheory import GameError
from gametheory.refinements.signalling import (
    accepts,
    signalling_structure,
    signalling_tree,
    solve_pbe,
)


def beer_quiche(weak: F = F(1, 10)) -> gt.ExtensiveFormGame:
    """Cho & Kreps (1987), as in Fudenberg & Tirole (1991, sec. 11.2)."""
    return gt.classics.beer_quiche(prior_strong=1 - weak)


# ------------------------------------------------------------------ known answers
def test_beer_quiche_two_pooling_components():
    g = beer_quiche()
    sol = gt.solve(g, method="pbe", exact=True)
    assert sol.method == "pbe" and sol.complete and sol.exact
    assert [eq.label for eq in sol] == ["pooling on beer"] * 2 + ["pooling on quiche"] * 2
    assert [c.equilibria for c in sol.components] == [(0, 1), (2, 3)]
    assert all(not c.is_isolated for c in sol.components)
    # beer: payoffs 29/10 (0.1 * 2 + 0.9 * 3) and 9/10; off path, duel with prob 1 or 1/2
    duel = [eq.behavior["Receiver: quiche"]["duel"] for eq in sol.equilibria[:2]]
    assert duel == [1, F(1, 2)]
    assert [eq.payoffs for eq in sol.equilibria[:2]] == [(F(29, 10), F(9, 10))] * 2
    full, half = (eq.belief_ranges["Receiver: quiche"] for eq in sol.equilibria[:2])
    assert str(full) == "mu(strong | Receiver: quiche) <= 1/2"
    assert full.names == ("strong", "weak")
    assert set(full.vertices) == {(F(1, 2), F(1, 2)), (F(0), F(1))}
    assert half.is_point and half.vertices == ((F(1, 2), F(1, 2)),)
    assert full.contains({"weak/quiche": F(1, 2), "strong/quiche": F(1, 2)})
    assert not full.contains({"weak/quiche": F(49, 100), "strong/quiche": F(51, 100)})
    # Bayes' rule at the pooled message
    assert sol.equilibria[0].beliefs["Receiver: beer"] == {"weak/beer": F(1, 10),
                                                           "strong/beer": F(9, 10)}
    assert sol.equilibria[0].beliefs["Receiver: quiche"]["weak/quiche"] == F(3, 4)
    # the interior of the segment needs mu(weak | quiche) = 1/2 exactly
    (idx, cond), = sol.components[0].pieces
    assert idx == (0, 1) and cond["Receiver: quiche"].vertices == ((F(1, 2), F(1, 2)),)
    assert [eq.payoffs for eq in sol.equilibria[2:]] == [(F(21, 10), F(9, 10))] * 2
    assert str(sol.equilibria[2].belief_ranges["Receiver: beer"]) == \
        "mu(strong | Receiver: beer) <= 1/2"
    for eq in sol:
        assert gt.check_assessment(g, eq.behavior, eq.beliefs).sequential


def test_beer_quiche_mostly_weak_is_semi_separating():
    """Weak with probability 9/10: strong drinks beer, weak mixes so that mu(weak |
    beer) = 1/2 (the receiver mixes 1/2 there and duels after quiche)."""
    g = beer_quiche(F(9, 10))
    sol = gt.solve(g, method="pbe", exact=True)
    (eq,) = sol.equilibria
    assert eq.label == "semi-separating"
    assert eq.behavior["Sender: weak"] == {"beer": F(1, 9), "quiche": F(8, 9)}
    assert eq.beliefs["Receiver: beer"] == {"weak/beer": F(1, 2), "strong/beer": F(1, 2)}
    assert eq.behavior["Receiver: beer"] == {"duel": F(1, 2), "no duel": F(1, 2)}
    assert not eq.belief_ranges


def test_float_mode_and_registry_dispatch():
    g = beer_quiche()
    sol = gt.solve(g, method="pbe")
    assert not sol.exact and len(sol) == 4
    assert all(isinstance(p, float) for eq in sol for d in eq.behavior.values()
               for p in d.values())
    assert isinstance(sol[0].belief_ranges["Receiver: quiche"].rhs[0], float)
    assert sol[0].payoffs == pytest.approx((2.9, 0.9))
    gf = gt.classics.beer_quiche(prior_strong=0.9)
    assert gf.kind == "float"
    assert [eq.label for eq in gt.solve(gf, method="pbe")] == [eq.label for eq in sol]
    assert accepts(g, True) and not accepts(gt.NormalFormGame.from_arrays([[1]], [[1]]))


def test_parameters_must_be_substituted():
    q = gt.parameters("q")
    g = gt.classics.beer_quiche(prior_strong=q)
    assert signalling_structure(g).prior == (q, 1 - q)
    with pytest.raises(GameError, match="substitute"):
        gt.solve(g, method="pbe")
    assert len(gt.solve(g.substitute(q=F(9, 10)), method="pbe", exact=True)) == 4


def test_not_a_signalling_game_is_refused():
    g = entry_game()
    assert not accepts(g)
    with pytest.raises(GameError, match="chance node"):
        gt.solve(g, method="pbe")


def test_types_with_different_messages():
    """A type that cannot send a message: the receiver's set after it has one node, and
    that type's message is informative (the other type separates when it pays)."""
    g = signalling_tree({"a": F(1, 2), "b": F(1, 2)}, {"a": ["m"], "b": ["m", "n"]},
                        ["x", "y"], lambda t, m, r: (
                            (2 if m == "n" else 0) + (r == "x"),
                            int((r == "x") == (t == "a"))))
    sol = gt.solve(g, method="pbe", exact=True)
    (eq,) = sol.equilibria
    assert eq.label == "separating" and eq.behavior["Sender: b"]["n"] == 1
    # only a sends m; "Receiver: n" is a singleton, so it needs no belief
    assert eq.beliefs == {"Receiver: m": {"a/m": 1, "b/m": 0}} and not eq.belief_ranges


# ------------------------------------------------------------------ random games
def _vectors(st_, eq):
    """(sigma, rho) of an assessment as flat float arrays in a fixed order."""
    sig = [float(eq.behavior[h][m]) for t, h in enumerate(st_.sender_sets)
           for m in st_.type_messages[t]]
    rho = [float(eq.behavior[st_.receiver_sets[m]][r]) for m in st_.messages
           for r in st_.responses[m]]
    return np.array(sig), np.array(rho)


def _brute_pbe(st_, sigma, rho) -> bool:
    """Whether (sigma, rho) ({(t, m): p}, {(m, r): p}) is a weak PBE: sender and receiver
    optimality, Bayes on path, and a float LP for a belief off path (independent of the
    solver's exact polytopes)."""
    uS, uR = st_.payoffs[st_.sender], st_.payoffs[st_.receiver]
    prior = [float(p) for p in st_.prior]
    for t in range(len(st_.types)):
        vals = {m: sum(rho[(m, r)] * float(uS[t][m][r]) for r in st_.responses[m])
                for m in st_.type_messages[t]}
        top = max(vals.values())
        if any(sigma[(t, m)] > 0 and vals[m] < top - 1e-9 for m in vals):
            return False
    for m in st_.messages:
        T = st_.senders_of(m)
        R = st_.responses[m]
        w = np.array([prior[t] * sigma[(t, m)] for t in T])
        U = np.array([[float(uR[t][m][r]) for r in R] for t in T])     # types x responses
        used = [k for k, r in enumerate(R) if rho[(m, r)] > 0]
        if w.sum() > 0:
            vals = (w / w.sum()) @ U
            if any(vals[k] < vals.max() - 1e-9 for k in used):
                return False
            continue
        # a belief mu with U[:, used[0]] - U[:, k] >= 0 for all k, == 0 for k in used
        d = [U[:, used[0]] - U[:, k] for k in range(len(R))]
        res = linprog(np.zeros(len(T)), A_ub=-np.array(d), b_ub=np.full(len(R), 1e-12),
                      A_eq=np.vstack([np.ones(len(T))] + [d[k] for k in used]),
                      b_eq=np.array([1.0] + [0.0] * len(used)), bounds=(0, None),
                      method="highs")
        if res.status != 0:
            return False
    return True


def signalling_games():
    """2-3 types, 2 messages, 2-3 responses (tests/assessment_games.py)."""
    return assessment_games.signalling_games(messages=(2, 2))


@settings(deadline=None, max_examples=30)
@given(signalling_games())
def test_random_assessments_are_exact_equilibria(g):
    sol = solve_pbe(g, exact=True)
    assert sol.complete and len(sol) >= 1        # existence (Kreps & Wilson 1982)
    for eq in sol:
        chk = gt.check_assessment(g, eq.behavior, eq.beliefs)
        assert chk.sequential and chk.bayes_consistent, chk.problems
        assert max(g.behavior_regrets(eq.behavior)) == 0
        for h, br in eq.belief_ranges.items():
            assert br.contains(eq.beliefs[h])
            assert all(br.contains(v) for v in br.vertices)
            for v in br.vertices:      # every vertex of the range supports the assessment
                beliefs = {**eq.beliefs, h: dict(zip(br.nodes, v))}
                assert gt.check_assessment(g, eq.behavior, beliefs).sequentially_rational
    covered = sorted(i for c in sol.components for i in c.equilibria)
    assert covered == list(range(len(sol)))


@settings(deadline=None, max_examples=30)
@given(signalling_games())
def test_random_pure_equilibria_are_all_listed(g):
    """Every pure weak PBE is a vertex of its piece, so it must be listed."""
    s = signalling_structure(g)
    sol = solve_pbe(g, exact=True)
    listed = {tuple(map(tuple, _vectors(s, eq))) for eq in sol}
    for ms in itertools.product(*s.type_messages):
        for rs in itertools.product(*(s.responses[m] for m in s.messages)):
            sigma = {(t, m): float(ms[t] == m) for t in range(len(s.types))
                     for m in s.type_messages[t]}
            rho = {(m, r): float(rs[j] == r) for j, m in enumerate(s.messages)
                   for r in s.responses[m]}
            if _brute_pbe(s, sigma, rho):
                vec = (tuple(sigma.values()), tuple(rho.values()))
                assert vec in listed, (ms, rs)


def _in_hull(point, verts) -> bool:
    V = np.array(verts).T
    res = linprog(np.zeros(V.shape[1]), A_eq=np.vstack([V, np.ones(V.shape[1])]),
                  b_eq=np.append(point, 1.0), bounds=(0, None), method="highs")
    return res.status == 0


@settings(deadline=None, max_examples=15)
@given(signalling_games())
def test_random_grid_equilibria_lie_in_pieces(g):
    """Profiles with probabilities in {0, 1/2, 1} that are weak PBE by brute force lie in
    the convex hull of some listed piece (completeness beyond pure profiles)."""
    s = signalling_structure(g)
    sol = solve_pbe(g, exact=True)
    vecs = [np.concatenate(_vectors(s, eq)) for eq in sol]
    pieces = [[vecs[i] for i in idx] for c in sol.components for idx, _ in c.pieces]
    half = (0.0, 0.5, 1.0)

    def simplex_grid(n):
        return [p for p in itertools.product(half, repeat=n) if abs(sum(p) - 1) < 1e-12]

    sig_grid = list(itertools.product(*(simplex_grid(len(ms)) for ms in s.type_messages)))
    rho_grid = list(itertools.product(*(simplex_grid(len(s.responses[m]))
                                        for m in s.messages)))
    for sg in sig_grid:
        sigma = {(t, m): p for t in range(len(s.types))
                 for m, p in zip(s.type_messages[t], sg[t])}
        for rg in rho_grid:
            rho = {(m, r): p for j, m in enumerate(s.messages)
                   for r, p in zip(s.responses[m], rg[j])}
            if _brute_pbe(s, sigma, rho):
                point = np.array(list(sigma.values()) + list(rho.values()))
                assert any(_in_hull(point, P) for P in pieces), (sg, rg)


@settings(deadline=None, max_examples=25)
@given(signalling_games())
def test_random_piece_centres_are_equilibria(g):
    """The centre of every piece, with Bayes beliefs on path and the piece's stated
    conditions off path, is an exact weak PBE."""
    sol = solve_pbe(g, exact=True)
    for c in sol.components:
        for idx, cond in c.pieces:
            n = len(idx)
            beh = {h: {a: sum(sol[i].behavior[h][a] for i in idx) / n for a in acts}
                   for h, acts in sol[idx[0]].behavior.items()}
            beliefs = {h: dict(zip(br.nodes, (sum(v[j] for v in br.vertices)
                                              / len(br.vertices)
                                              for j in range(len(br.nodes)))))
                       for h, br in cond.items()}
            chk = gt.check_assessment(g, beh, beliefs)
            assert chk.sequential, chk.problems


@settings(deadline=None, max_examples=10)
@given(signalling_games())
def test_random_agrees_with_sequential(g):
    """In a signalling game the weak PBE are the sequential equilibria (every off-path
    belief is consistent), so method="sequential" (normal-form components, then
    beliefs) finds the same extreme behaviour profiles and the same components."""
    s = signalling_structure(g)
    mine, theirs = solve_pbe(g, exact=True), gt.solve(g, method="sequential", exact=True)

    def profiles(sol):
        return [tuple(map(tuple, _vectors(s, eq))) for eq in sol]

    a, b = profiles(mine), profiles(theirs)
    assert set(a) == set(b)
    assert {frozenset(a[i] for i in c.equilibria) for c in mine.components} == \
        {frozenset(b[i] for i in c.equilibria) for c in theirs.components}


@st.composite
def restricted_games(draw):
    """Random signalling games in which the first type cannot send the last message
    (messages differ by type) and the last message has its own responses."""
    seed, k = draw(st.integers(0, 2**31 - 1)), draw(st.integers(2, 3))
    rng = np.random.default_rng(seed)
    types = [f"t{i + 1}" for i in range(k)]
    w = rng.integers(1, 4, size=k)
    prior = {t: F(int(x), int(w.sum())) for t, x in zip(types, w)}
    messages = {t: ["m1", "m2"] if i else ["m1"] for i, t in enumerate(types)}
    responses = {"m1": ["r1", "r2"], "m2": ["s1", "s2", "s3"]}
    pay = {(t, m, r): tuple(int(v) for v in rng.integers(-2, 3, size=2))
           for t in types for m in messages[t] for r in responses[m]}
    return signalling_tree(prior, messages, responses, lambda t, m, r: pay[(t, m, r)])


@settings(deadline=None, max_examples=15)
@given(restricted_games())
def test_random_restricted_messages(g):
    s = signalling_structure(g)
    assert s.senders_of("m2") == tuple(range(1, len(s.types)))
    sol = solve_pbe(g, exact=True)
    for eq in sol:
        assert gt.check_assessment(g, eq.behavior, eq.beliefs).sequential
    a = {tuple(map(tuple, _vectors(s, eq))) for eq in sol}
    b = {tuple(map(tuple, _vectors(s, eq))) for eq in gt.solve(g, method="sequential",
                                                                exact=True)}
    assert a == b
