"""chain_store: the subgame-perfect equilibrium of Selten's chain store (every entrant
enters, the incumbent always accommodates; Selten 1978) from backward induction on trees
of up to 3**7 terminal nodes; the Kreps-Wilson (1982) reputation tree's structure, its
one-stage equilibrium, and its N-stage sequential equilibrium: analyze's exact
assessment checked by gt.check_assessment at many exact points (knife-edges included,
with the other entry probabilities there), cross-checked off the knife-edges by the
logit-QRE limit ("qre") and pygambit's logit_solve; the a > 1, 0 < b < 1 domain."""

import io
import itertools
from fractions import Fraction as F

import numpy as np
import oracles
import pygambit
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import chain_store as m


def nodes(N, reputation=False):
    one = 1 + 2 * (3 ** N - 1)          # root + 4 nodes per stage game, 3**(k-1) of them
    return 1 + 2 * one if reputation else one


@pytest.mark.parametrize("N, a, b", [(1, 2, F(1, 2)), (2, F(1, 2), F(1, 10)),
                                     (3, 3, F(9, 10)), (4, 2, F(1, 2)), (5, 5, F(1, 3))])
def test_every_entrant_enters_and_the_incumbent_accommodates(N, a, b):
    """Selten (1978): the unique SPE, at every history, on and off the path."""
    out = m.analyze(N=N, a=a, b=b)
    assert out["complete"] and out["num_equilibria"] == 1 and not out["tie"]
    assert out["all_enter"] and out["incumbent_accommodates"]
    assert out["path"] == ["accommodated"] * N
    assert out["payoffs"] == {"Incumbent": 0, **{f"Entrant {k}": b for k in range(1, N + 1)}}
    assert len(out["behavior"]) == 3 ** N - 1          # (3**N - 1)/2 histories, two movers


def test_entrants_indifferent_at_b_zero():
    """b = 0: an entrant gains nothing from an accommodated entry, so it is indifferent and
    may condition on the history; then fighting can pay (a = 2 > 1). Every pure SPE is
    listed: 14 at N = 2, some with the incumbent fighting off the path, one with
    Selten's all-enter-all-accommodate play."""
    out = m.analyze(2, a=2, b=0)
    assert out["num_equilibria"] == 14 and not out["complete"] and out["tie"]
    assert "continuum of mixed SPE" in out["note"]
    assert sum(e["all_enter"] and e["incumbent_accommodates"] for e in out["equilibria"]) == 1
    assert any(not e["incumbent_accommodates"] for e in out["equilibria"])


def test_scale_seven_entrants():
    """3**7 = 2187 terminal nodes, 4373 nodes: backward induction in well under a second."""
    g = m.build(N=7, a=2, b=F(1, 2))
    assert g.num_nodes == nodes(7) == 4373
    sol = gt.solve(g, method="spe", exact=True)
    assert len(sol.equilibria) == 1
    b = sol.equilibria[0].behavior
    assert all(d["in"] == 1 for h, d in b.items() if h.startswith("Entrant"))
    assert all(d["accommodate"] == 1 for h, d in b.items() if h.startswith("Incumbent"))
    assert list(sol.equilibria[0].payoffs) == [0] + [F(1, 2)] * 7


def test_stage_payoffs_add_up_along_a_path():
    g = m.build(N=2, a=3, b=F(1, 4))
    # entrant 1 fought, entrant 2 stays out: incumbent -1 + 3, entrants b - 1 and 0
    behavior = {h: ({"in": 1, "out": 0} if h == "Entrant 1 | start" else
                    {"in": 0, "out": 1} if h.startswith("Entrant") else
                    {"fight": 1, "accommodate": 0}) for h in g.infosets}
    assert list(g.expected_payoffs(behavior)) == [2, F(-3, 4), 0]


def test_build_leaves_parameters_symbolic_with_metadata():
    g = m.build(N=2)
    assert g.num_nodes == 17 and g.kind == "symbolic"
    assert [p.name for p in g.parameters] == ["a", "b"]          # delta: reputation only
    assert g.has_perfect_recall
    g = m.build(N=2, reputation=True)
    assert [p.name for p in g.parameters] == ["a", "b", "delta"]
    for name, (default, domain, meaning) in m.PARAMETERS.items():
        info = g.parameter_info[name]
        assert (info.default, info.domain, info.description) == (default, domain, meaning)
    assert m.build(N=2, reputation=True, a=2, b="1/2", delta="1/10") == \
        m.build(N=2, reputation=True).substitute(a=2, b=F(1, 2), delta=F(1, 10))


@pytest.mark.parametrize("N", [1, 2, 3])
def test_reputation_tree_structure(N):
    """Chance picks the type; each entrant's information set holds the two nodes (one per
    type) of its history; the incumbent's are singletons; perfect recall."""
    g = m.build(N=N, reputation=True)
    assert g.num_nodes == nodes(N, reputation=True)
    assert g.has_perfect_recall and g.recall_problems() == []
    arrays = g.arrays
    sizes = np.bincount(arrays.infoset[arrays.infoset >= 0])
    labels = list(g.infosets)
    entrant = [s for lab, s in zip(labels, sizes) if lab.startswith("Entrant")]
    incumbent = [s for lab, s in zip(labels, sizes) if lab.startswith("Incumbent")]
    assert len(entrant) == (3 ** N - 1) // 2 and set(entrant) == {2}
    assert len(incumbent) == 3 ** N - 1 and set(incumbent) == {1}
    assert g.root.actions == ("tough", "weak")
    assert g.players == tuple(m.players(N))


@pytest.mark.parametrize("delta, b", list(itertools.product(
    [F(0), F(1, 10), F(1, 3), F(1, 2), F(3, 4), F(1)], [F(1, 3), F(1, 2), F(9, 10)])))
def test_one_stage_reputation_matches_kreps_wilson(delta, b):
    """Kreps & Wilson (1982) with one stage: tough fights, weak accommodates, the entrant
    enters iff delta < b (either at delta = b)."""
    out = m.analyze(N=1, reputation=True, delta=delta, b=b, a=2)
    fights = [e["fights"] for e in out["equilibria"]]
    enters = sorted(e["enters"] for e in out["equilibria"])
    kw = m.kreps_wilson(1, delta, b=b, a=2)
    if delta > 0:
        assert all(f["tough"] == 1 for f in fights)
    if delta < 1:
        assert all(f["weak"] == 0 for f in fights)
    if delta < b:
        assert enters == [1] == [kw["enters"]]
    elif delta > b:
        assert enters == [0] == [kw["enters"]]
    else:                                   # indifferent: both extremes of a continuum
        assert enters == [0, 1] and 0 <= kw["enters"] <= 1 and kw["knife_edge"]
    assert out["entry_range"] == ((0, 1) if delta == b else (enters[0], enters[0]))
    assert out["complete"] == (delta != b)
    entrant_value = (1 - delta) * b + delta * (b - 1)
    for e in out["equilibria"]:
        assert e["payoffs"]["Entrant 1"] == max(entrant_value, 0)


def kreps_wilson_by_history(N, delta, a, b):
    """{history: (belief, kreps_wilson(...))} for every history of the N-stage game, the
    belief carried by Bayes' rule as in Kreps & Wilson (1982): unchanged after "out",
    belief_after_fight after a fight, 0 after an accommodation."""
    out, level = {}, [("", F(delta))]
    for k in range(1, N + 1):
        nxt = []
        for hist, p in level:
            kw = m.kreps_wilson(N - k + 1, p, a=a, b=b)
            out[hist or "start"] = (p, kw)
            nxt += [(hist + "O", p), (hist + "F", kw["belief_after_fight"]), (hist + "A", F(0))]
        level = nxt
    return out


# (N, a, b, delta): off and on the knife-edges; the cases are the N = 3 rows
# with delta = 1/8, b = 1/2 (a = 2, 3, 5/2) and delta = 1/27, b = 1/3.
POINTS = [
    (2, 2, F(1, 2), F(1, 10)), (2, 2, F(1, 3), F(1, 5)), (2, 2, F(1, 2), F(3, 10)),
    (2, 2, F(1, 2), F(1, 4)), (2, 3, F(1, 2), F(1, 2)), (2, F(3, 2), F(2, 3), F(4, 9)),
    (3, 2, F(1, 2), F(1, 10)), (3, 3, F(1, 2), F(1, 10)), (3, 2, F(1, 2), F(1, 5)),
    (3, 2, F(2, 3), F(1, 5)), (3, 2, F(1, 2), F(1, 3)), (3, 3, F(1, 2), F(1, 20)),
    (3, 2, F(1, 2), F(1, 8)), (3, 3, F(1, 2), F(1, 8)), (3, F(5, 2), F(1, 2), F(1, 8)),
    (3, 2, F(1, 3), F(1, 27)), (3, 2, F(1, 2), F(1, 4)), (3, 2, F(1, 2), F(1, 2)),
    (3, 2, F(1, 2), F(0)), (3, 2, F(1, 2), F(1)), (3, F(11, 10), F(9, 10), F(729, 1000)),
    (4, 2, F(1, 2), F(1, 16)), (4, 3, F(1, 2), F(1, 10)), (4, 2, F(2, 3), F(8, 27)),
    (5, 2, F(1, 2), F(1, 32)), (5, 4, F(1, 2), F(1, 100))]


def _knife_edge(N, a, b, delta):
    """delta on a knife-edge reached without a fight (or a single type): equilibria there
    are not unique."""
    return delta in (0, 1) or any(delta == b ** k for k in range(1, N + 1))


@pytest.mark.parametrize("N, a, b, delta", POINTS)
def test_reputation_matches_kreps_wilson(N, a, b, delta):
    """Kreps & Wilson (1982), sec. 3: at every history reached with positive probability,
    with n stages left and belief p, the entrant enters iff p < b**n (mixes 1 - 1/a at
    p = b**n) and a weak incumbent fights for sure if p >= b**(n-1), else with
    probability (1 - b**(n-1)) p / ((1 - p) b**(n-1)); it accommodates at the last
    stage. analyze() returns that assessment exactly, after gt.check_assessment found
    it sequential on the tree; checked again here, with the beliefs by Bayes' rule."""
    out = m.analyze(N=N, reputation=True, a=a, b=b, delta=delta)
    assert out["num_equilibria"] == 1 and out["complete"] is False
    assert out["note"].startswith("one sequential equilibrium")
    assert ("knife-edge" in out["note"]) == any(
        st["entry_range"][0] < st["entry_range"][1] for st in out["stages"].values())
    g = m.build(N, reputation=True, a=a, b=b, delta=delta)
    check = gt.check_assessment(g, out["behavior"], out["beliefs"])
    assert check.sequential and check.problems == ()
    bayes = g.beliefs(out["behavior"])
    table = kreps_wilson_by_history(N, delta, a, b)
    assert "start" in out["stages"]
    for hist, stage in out["stages"].items():
        p, kw = table[hist]
        assert stage["left"] == N - len(hist.replace("start", "")) == N - stage["stage"] + 1
        assert stage["belief"] == p and type(p) is F
        assert (stage["enters"], stage["weak_fights"]) == (kw["enters"], kw["weak_fights"])
        mu = bayes[f"Entrant {stage['stage']} | {hist}"]        # reached: Bayes' rule
        assert mu[next(x for x in mu if x.startswith("tough"))] == p
    first = m.kreps_wilson(N, delta, a=a, b=b)
    assert (out["enters"], out["fights"]["weak"]) == (first["enters"], first["weak_fights"])
    assert out["fights"]["tough"] == 1
    # entry is deterred at the first stage exactly when delta > b**N
    assert (out["enters"] == 0) == (delta > b ** N)
    lo, hi = out["entry_range"]
    assert (lo, hi) == ((0, 1) if delta == b ** N else (out["enters"],) * 2)


def with_entry(out, k, hist, e):
    """out's assessment with entrant k entering with probability e at history hist."""
    behavior = {h: dict(d) for h, d in out["behavior"].items()}
    behavior[f"Entrant {k} | {hist}"] = {"out": 1 - e, "in": e}
    return behavior


@pytest.mark.parametrize("a, b, N", [(2, F(1, 2), 3), (3, F(1, 2), 3), (F(5, 2), F(1, 2), 3),
                                     (2, F(1, 3), 3), (3, F(1, 2), 2)])
def test_first_stage_knife_edge_any_entry_probability(a, b, N):
    """The issue's cases (analyze(3, reputation=True, delta=1/8, b=1/2) raised
    SolverError, also with a = 3, 5/2, and delta = 1/27 with b = 1/3): at delta = b**N
    the first entrant is fought with probability exactly b, so it is indifferent, and no
    earlier incentive depends on its mixture: every entry probability in [0, 1] is a
    sequential equilibrium with the rest of the assessment (gt.check_assessment)."""
    delta = b ** N
    out = m.analyze(N, reputation=True, a=a, b=b, delta=delta)
    assert out["enters"] == 1 - F(1) / a and out["entry_range"] == (0, 1)
    assert not out["complete"] and m.kreps_wilson(N, delta, a=a, b=b)["knife_edge"]
    g = m.build(N, reputation=True, a=a, b=b, delta=delta)
    for e in (F(0), F(1, 7), F(1)):
        assert gt.check_assessment(g, with_entry(out, 1, "start", e), out["beliefs"]).sequential


def test_pinned_and_free_knife_edges_later():
    """N = 3, b = 1/2. After a fight the belief is b**(n-1), a knife-edge whose mixture
    1 - 1/a keeps the weak incumbent's earlier mixing indifferent: another entry
    probability there breaks the equilibrium. At delta = b**2 the second entrant after
    "out" is at a knife-edge nothing earlier depends on: [0, 1]."""
    a, b = 2, F(1, 2)
    out = m.analyze(3, reputation=True, a=a, b=b, delta=F(1, 10))
    g = m.build(3, reputation=True, a=a, b=b, delta=F(1, 10))
    assert out["stages"]["F"]["entry_range"] == (F(1, 2), F(1, 2))
    for e in (F(1, 2) - F(1, 10), F(1, 2) + F(1, 10)):
        chk = gt.check_assessment(g, with_entry(out, 2, "F", e), out["beliefs"])
        assert not chk.sequential
        assert [p for p in chk.problems if "gains" in p] == [
            next(p for p in chk.problems if "'Incumbent 1 | weak, start'" in p)]
    out = m.analyze(3, reputation=True, a=a, b=b, delta=F(1, 4))
    g = m.build(3, reputation=True, a=a, b=b, delta=F(1, 4))
    assert out["enters"] == 0 and out["entry_range"] == (0, 0)
    assert out["stages"]["O"]["entry_range"] == (0, 1)
    for e in (F(0), F(1)):
        assert gt.check_assessment(g, with_entry(out, 2, "O", e), out["beliefs"]).sequential


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(N=st.integers(2, 4), a=st.fractions(F(11, 10), 6, max_denominator=10),
       b=st.fractions(F(1, 10), F(9, 10), max_denominator=10), k=st.integers(0, 4),
       delta=st.fractions(0, 1, max_denominator=40))
def test_reputation_on_random_exact_points(N, a, b, k, delta):
    """analyze never raises inside the Kreps-Wilson domain (half of the draws put delta on
    a knife-edge b**k), and its assessment passes gt.check_assessment."""
    if k:
        delta = b ** k
    out = m.analyze(N, reputation=True, a=a, b=b, delta=delta)
    g = m.build(N, reputation=True, a=a, b=b, delta=delta)
    assert gt.check_assessment(g, out["behavior"], out["beliefs"]).sequential
    assert out["enters"] == m.kreps_wilson(N, delta, a=a, b=b)["enters"]


@pytest.mark.parametrize("values", [dict(a=F(1, 2)), dict(a=1), dict(a=0), dict(b=0),
                                    dict(b=1)])
def test_kreps_wilson_domain(values):
    """Kreps & Wilson (1982) assume a > 1 and 0 < b < 1: kreps_wilson(2, 1/4, a=1/2,
    b=1/2) gave "enters" = -1. Outside that domain: a GameError saying what it needs."""
    v = {"a": 2, "b": F(1, 2), **values}
    with pytest.raises(GameError, match="Kreps-Wilson equilibrium needs"):
        m.kreps_wilson(2, F(1, 4), **v)
    with pytest.raises(GameError, match="Kreps-Wilson equilibrium needs"):
        m.analyze(2, reputation=True, delta=F(1, 4), **v)


def test_small_a_one_stage_and_two_stages_by_qre():
    """With a = 1/2 the N = 1 game is still solved (a plays no role there), and for N = 2
    the advice in the error works: a fight costs 1 and can deter at most one entrant,
    worth 1/2, so the weak type accommodates and entrant 1 enters iff delta < b (not b**2)."""
    out = m.analyze(1, reputation=True, a=F(1, 2), delta=F(1, 4))
    assert out["enters"] == 1 and out["entry_range"] == (1, 1)
    sol = gt.solve(m.build(2, reputation=True, a=F(1, 2), b=F(1, 2), delta=F(1, 4)),
                   method="qre")
    b = sol.equilibria[0].behavior
    assert b["Entrant 1 | start"]["in"] == pytest.approx(1, abs=1e-6)
    assert b["Incumbent 1 | weak, start"]["fight"] == pytest.approx(0, abs=1e-6)


@pytest.mark.parametrize("N, a, b, delta", [p for p in POINTS if p[0] <= 3
                                            and not _knife_edge(*p)])
def test_qre_limit_matches_kreps_wilson(N, a, b, delta):
    """An independent route: the logit agent-QRE limit ("qre"; McKelvey & Palfrey 1998,
    its limit is a sequential equilibrium) on the tree reproduces kreps_wilson() at every
    history reached, off the knife-edges where the equilibrium is unique there."""
    sol = gt.solve(m.build(N, reputation=True, a=a, b=b, delta=delta), method="qre")
    play = sol.equilibria[0].behavior
    for hist, stage in m.analyze(N, reputation=True, a=a, b=b, delta=delta)["stages"].items():
        k = stage["stage"]
        assert play[f"Entrant {k} | {hist}"]["in"] == pytest.approx(float(stage["enters"]),
                                                                    abs=1e-6)
        assert play[f"Incumbent {k} | weak, {hist}"]["fight"] == pytest.approx(
            float(stage["weak_fights"]), abs=1e-6)


def test_reputation_equilibrium_is_verified_by_pygambit():
    """The N = 2 profile "qre" reports has regret below 1e-8 by pygambit's own
    computation on the same tree (three players, 2 * 3**2 terminal nodes; pygambit 16.7
    listed pure strategies for this, which took minutes at N = 3)."""
    g = m.build(N=2, reputation=True, a=2, b=F(1, 2), delta=F(3, 10))
    sol = gt.solve(g, method="qre")
    assert oracles.pygambit_regret(g, sol.equilibria[0].behavior, rational=False) <= 1e-8


def test_kreps_wilson_beliefs_follow_bayes():
    """After a fight the belief is p / (p + (1 - p) w) with w the weak type's fight
    probability; it equals b**(n - 1) when p < b**(n - 1) (Kreps & Wilson 1982)."""
    b = F(1, 2)
    for n in range(2, 6):
        for p in [F(1, 100), F(1, 20), F(1, 10), F(1, 4), F(1, 2), F(9, 10)]:
            kw = m.kreps_wilson(n, p, b=b)
            assert 0 <= kw["weak_fights"] <= 1
            assert kw["belief_after_fight"] == p / (p + (1 - p) * kw["weak_fights"])
            assert kw["belief_after_fight"] == max(p, b ** (n - 1))
            assert kw["enters"] == (1 if p < b ** n else 0 if p > b ** n else F(1, 2))
    assert m.kreps_wilson(1, F(1, 10))["weak_fights"] == 0


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, m.MAX_N + 1, "3"])
def test_bad_number_of_entrants(bad):
    with pytest.raises(GameError, match="N .the number of entrants."):
        m.build(N=bad)


def test_bad_parameter_values():
    with pytest.raises(GameError, match="unknown parameter 'c'"):
        m.build(c=1)
    with pytest.raises(GameError, match="'b'"):
        m.analyze(N=2, b=2)


@pytest.mark.parametrize("delta", [F(1, 10), F(3, 10)])
def test_two_stage_kreps_wilson_against_pygambit_logit(delta):
    """An independent check of the formulas: Gambit's logit-QRE tracing (McKelvey &
    Palfrey 1998; its limit is a sequential equilibrium) on the three-player reputation
    tree reproduces kreps_wilson()."""
    b = F(1, 2)
    g = m.build(N=2, reputation=True, a=2, b=b, delta=delta)
    efg = pygambit.read_efg(io.StringIO(gt.write_gambit(g)))
    _, eq = oracles.gambit_logit_limit(efg)   # 17.0.0b2 may end short of its regret target
    play = oracles.gambit_efg_behavior(efg, g, eq)
    first = m.kreps_wilson(2, delta, a=2, b=b)
    assert play["Entrant 1 | start"]["in"] == pytest.approx(float(first["enters"]), abs=1e-3)
    assert play["Incumbent 1 | weak, start"]["fight"] == pytest.approx(
        float(first["weak_fights"]), abs=1e-3)
    second = m.kreps_wilson(1, first["belief_after_fight"], a=2, b=b)
    assert play["Entrant 2 | F"]["in"] == pytest.approx(float(second["enters"]), abs=1e-2)
    assert play["Entrant 2 | A"]["in"] == pytest.approx(1, abs=1e-3)    # belief 0: enter
    for h in ("O", "F", "A"):
        assert play[f"Incumbent 2 | weak, {h}"]["accommodate"] == pytest.approx(1, abs=1e-3)
        assert play[f"Incumbent 2 | tough, {h}"]["fight"] == pytest.approx(1, abs=1e-3)
