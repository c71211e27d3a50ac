"""chain_store: the subgame-perfect equilibrium of Selten's chain store (every entrant
enters, the incumbent always accommodates; Selten 1978) from backward induction on trees
of up to 3**7 terminal nodes; the Kreps-Wilson (1982) reputation tree's structure, its
one-stage equilibrium, and its N-stage equilibrium from the logit-QRE limit ("qre")
against the Kreps-Wilson formulas at every history reached."""

import io
import itertools
from fractions import Fraction as F

import numpy as np
import oracles
import pygambit
import pytest

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
        assert enters == [0, 1] and 0 <= kw["enters"] <= 1
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


@pytest.mark.parametrize("N, a, b, delta", [
    (2, 2, F(1, 2), F(1, 10)), (2, 2, F(1, 3), F(1, 5)), (2, 2, F(1, 2), F(3, 10)),
    (3, 2, F(1, 2), F(1, 10)), (3, 3, F(1, 2), F(1, 10)), (3, 2, F(1, 2), F(1, 5)),
    (3, 2, F(2, 3), F(1, 5)), (3, 2, F(1, 2), F(1, 3)), (3, 3, F(1, 2), F(1, 20))])
def test_reputation_matches_kreps_wilson(N, a, b, delta):
    """Kreps & Wilson (1982), sec. 3: at every history reached with positive probability,
    with n stages left and belief p, the entrant enters iff p < b**n (mixes 1 - 1/a at
    p = b**n) and a weak incumbent fights for sure if p >= b**(n-1), else with
    probability (1 - b**(n-1)) p / ((1 - p) b**(n-1)); it accommodates at the last
    stage. analyze() gets these from the tree by the logit-QRE limit."""
    out = m.analyze(N=N, reputation=True, a=a, b=b, delta=delta)
    assert out["num_equilibria"] == 1 and not out["complete"]
    table = kreps_wilson_by_history(N, delta, a, b)
    assert "start" in out["stages"]
    for hist, stage in out["stages"].items():
        p, kw = table[hist]
        assert stage["left"] == N - len(hist.replace("start", "")) == N - stage["stage"] + 1
        assert stage["belief"] == pytest.approx(float(p), abs=1e-9)
        assert stage["enters"] == pytest.approx(float(kw["enters"]), abs=1e-6)
        assert stage["weak_fights"] == pytest.approx(float(kw["weak_fights"]), abs=1e-6)
    first = m.kreps_wilson(N, delta, a=a, b=b)
    assert out["enters"] == pytest.approx(float(first["enters"]), abs=1e-6)
    assert out["fights"]["weak"] == pytest.approx(float(first["weak_fights"]), abs=1e-6)
    assert out["fights"]["tough"] == pytest.approx(1, abs=1e-6)
    # entry is deterred at the first stage exactly when delta > b**N
    assert (out["enters"] < 1e-6) == (delta > b ** N)


def test_reputation_equilibrium_is_verified_by_pygambit():
    """The N = 2 profile "qre" reports has regret below 1e-8 by pygambit's own
    computation on the same tree (three players, 2 * 3**2 terminal nodes; pygambit 16.7
    lists pure strategies for this, which takes minutes at N = 3)."""
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
    eq = pygambit.nash.logit_solve(efg).equilibria[0]
    play = {s.label: {a.label: float(eq[a]) for a in s.actions} for s in efg.infosets}
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
