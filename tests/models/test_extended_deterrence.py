"""extended_deterrence: the solver's equilibria against the analytic solution of the module
docstring on a grid of exact parameter values (thresholds included, both sides);
gt.critical_values and gt.equilibrium_map in the credibility p against the derived
thresholds p_d = W / (W + C) (Zagare & Kilgour 2000's credibility threshold, as in
models/deterrence.py), p_r = (L_P - B) / (L_P - k_P) and p_v = (W + H) / (W + C); the
private-type tree under method='sequential'."""

import itertools
from fractions import Fraction as F

import pytest
import sympy

import gametheory as gt
from gametheory.errors import GameError, SolverError
from gametheory.models import deterrence
from gametheory.models import extended_deterrence as m

DEFAULTS = {k: F(v[0]) for k, v in m.PARAMETERS.items()}
THRESHOLD_KEYS = ("W", "C", "H", "B", "L_P", "k_P")


def exact_thresholds(**values):
    """m.thresholds at the given values, the defaults for the rest."""
    return m.thresholds(**{k: {**DEFAULTS, **values}[k] for k in THRESHOLD_KEYS})


def options(a, b):
    """1 = the first choice is best; both at a tie."""
    return [1] if a > b else [0] if a < b else [1, 0]


def analytic_equilibria(**values):
    """Every pure SPE by the docstring's backward induction, both choices at each tie.
    Returns {frozenset((information set, action)): (u_Challenger, u_Defender, u_Protege)}."""
    v = {**DEFAULTS, **{k: F(x) for k, x in values.items()}}
    prior = {"committed": v["p"], "uncommitted": 1 - v["p"]}
    per_move = {}                                # move -> [(choices, payoffs)]
    for move in m.MOVES:
        b, h = (v["B"], v["H"]) if move == "provoke" else (0, 0)
        per_type = {}
        for t in m.TYPES:
            found = []
            for rs, ra in itertools.product(options(-v["k_P"], -v["L_P"]),
                                            options(-v["K_P"], -v["L_P"])):
                sup = ((-v["C"], -v[f"k_{t}"], b - v["k_P"]) if rs
                       else (v["W"], -v["L_D"], b - v["L_P"]))
                ab = ((-v["c_alone"], -v["L_D"], b - v["K_P"]) if ra
                      else (v["W"], -v["L_D"], b - v["L_P"]))
                for s in options(sup[1], ab[1]):
                    acts = {f"Defender | {move}, {t}": "support" if s else "abandon",
                            f"Protege | {move}, {t}, support": "resist" if rs else "concede",
                            f"Protege | {move}, {t}, abandon": "resist" if ra else "concede"}
                    found.append((acts, sup if s else ab))
            per_type[t] = found
        out = []
        for (ca, cu) in itertools.product(per_type["committed"], per_type["uncommitted"]):
            challenge = tuple(prior["committed"] * x + prior["uncommitted"] * y
                              for x, y in zip(ca[1], cu[1]))
            quo = (-h, F(0), b)
            for ch in options(challenge[0], quo[0]):
                acts = {**ca[0], **cu[0],
                        f"Challenger | {move}": "challenge" if ch else "status quo"}
                out.append((acts, challenge if ch else quo))
        per_move[move] = out
    eqs = {}
    for r, pr in itertools.product(per_move["restrain"], per_move["provoke"]):
        for pv in options(pr[1][2], r[1][2]):
            acts = {**r[0], **pr[0], "Protege": "provoke" if pv else "restrain"}
            eqs[frozenset(acts.items())] = pr[1] if pv else r[1]
    return eqs


def solver_equilibria(out):
    return {frozenset((h, next(a for a, x in d.items() if x == 1))
                      for h, d in e["behavior"].items()):
            tuple(e["payoffs"][pl] for pl in m.PLAYERS) for e in out["equilibria"]}


P_GRID = [F(0), F(1, 5), F(1, 3), F(2, 5), F(1, 2), F(3, 5), F(2, 3), F(4, 5), F(1)]
VARIANTS = [{}, dict(B=F(7, 8)), dict(B=F(1, 8)), dict(H=3), dict(H=0),
            dict(C=3, k_committed=3, k_uncommitted=F(1, 2)),   # reversed types
            dict(K_P=F(1, 2)),                                  # resists alone
            dict(k_uncommitted=F(1, 2)),                        # both types support
            dict(k_P=F(3, 2)),                                  # supported protégé concedes
            dict(k_committed=1)]                                # committed type indifferent


@pytest.mark.parametrize("p, variant", list(itertools.product(P_GRID, VARIANTS)))
def test_solver_matches_analytic_solution(p, variant):
    out = m.analyze(p=p, **variant)
    assert solver_equilibria(out) == analytic_equilibria(p=p, **variant)
    assert out["tie"] == (out["num_equilibria"] > 1)
    # every pure SPE is listed; at a tie mixed SPE exist too, so complete only without ties
    assert out["complete"] == (not out["tie"])


def closed_form(p, **values):
    """The docstring's outcome by region: (provokes, challenged, war probability, payoffs)."""
    v = {**DEFAULTS, **{k: F(x) for k, x in values.items()}}
    t = exact_thresholds(**values)
    fight = (v["W"] - p * (v["W"] + v["C"]),
             -p * v["k_committed"] - (1 - p) * v["L_D"],
             v["B"] - p * v["k_P"] - (1 - p) * v["L_P"])
    if p < t["deterrence"] or (t["restraint"] < p < t["provoked"]):
        return 1, 1, p, fight
    if p > t["provoked"]:
        return 1, 0, 0, (-v["H"], 0, v["B"])
    return 0, 0, 0, (0, 0, 0)


@pytest.mark.parametrize("variant", [{}, dict(B=F(7, 8)), dict(B=F(1, 8)), dict(H=3),
                                     dict(W=2, C=1, H=F(1, 2), B=F(1, 2), k_P=F(1, 2))])
def test_regions_payoffs_and_war_against_closed_forms(variant):
    t = exact_thresholds(**variant)
    cuts = sorted({F(0), F(1), *(x for x in t.values() if 0 < x < 1)})
    points = [x for a, b in zip(cuts, cuts[1:]) for x in (a + (b - a) / 7, (a + b) / 2,
                                                         b - (b - a) / 7)]
    for p in points:
        out = m.analyze(p=p, **variant)
        assert out["num_equilibria"] == 1 and out["complete"]
        provokes, challenged, war, pay = closed_form(p, **variant)
        assert (out["provokes"], out["challenged"], out["war_probability"]) == \
            (provokes, challenged, war)
        assert tuple(out["payoffs"][pl] for pl in m.PLAYERS) == pay
        expected = {(0, 0): "deterrence with restraint",
                    (1, 0): "deterrence despite provocation",
                    (1, 1): "challenged" if p < t["deterrence"] else "restraint dilemma"}
        assert m.region(p=p, **variant) == expected[(provokes, challenged)]


def test_docstring_defaults():
    assert exact_thresholds() == {"deterrence": F(1, 3), "restraint": F(1, 2), "provoked": F(2, 3)}
    out = m.analyze()
    assert (out["provokes"], out["deterred"], out["war_probability"]) == (0, True, 0)
    assert out["payoffs"] == {"Challenger": 0, "Defender": 0, "Protege": 0}
    out = m.analyze(p="3/5")
    assert tuple(out["payoffs"].values()) == (F(-4, 5), F(-7, 10), F(3, 40))
    assert out["war_probability"] == F(3, 5)
    # in the restraint dilemma the challenger challenges although a challenge loses:
    # tolerating the provocation would cost it H = 1 > 4/5
    assert out["challenges"] == {"restrain": 0, "provoke": 1}
    assert tuple(m.analyze(p="4/5")["payoffs"].values()) == (-1, 0, F(5, 8))
    # support probability p: the committed type supports, the uncommitted abandons
    assert out["supports"] == {(mv, t): int(t == "committed") for mv in m.MOVES
                               for t in m.TYPES}


def test_deterrence_threshold_is_the_unilateral_one():
    """Against a restrained protégé the challenger faces the one-defender game of
    models/deterrence.py: the same threshold W / (W + C) (Zagare & Kilgour 2000)."""
    for W, C in [(1, 2), (3, 1), (F(1, 2), F(7, 3))]:
        assert m.thresholds(W=W, C=C)["deterrence"] == deterrence.threshold(W=W, C=C)


@pytest.mark.parametrize("which, p", [("deterrence", F(1, 3)), ("restraint", F(1, 2)),
                                      ("provoked", F(2, 3))])
def test_ties_at_the_thresholds(which, p):
    out = m.analyze(p=p)
    assert exact_thresholds()[which] == p
    assert out["num_equilibria"] == 2 and not out["complete"] and out["note"]
    differ = {"deterrence": "Challenger | restrain", "restraint": "Protege",
              "provoked": "Challenger | provoke"}[which]
    a, b = (e["behavior"] for e in out["equilibria"])
    assert a[differ] != b[differ]
    with pytest.raises(GameError, match="threshold"):
        m.region(p=p)


def test_symbolic_thresholds():
    W, C, H, B, L_P, k_P = gt.parameters("W C H B L_P k_P")
    t = m.thresholds()
    assert sympy.simplify(t["deterrence"] - W / (W + C)) == 0
    assert sympy.simplify(t["restraint"] - (L_P - B) / (L_P - k_P)) == 0
    assert sympy.simplify(t["provoked"] - (W + H) / (W + C)) == 0
    restraint = m.thresholds(L_P=1, k_P="1/4")["restraint"]
    assert sympy.simplify(restraint - (1 - B) * sympy.Rational(4, 3)) == 0


CRITICAL = [{}, dict(B=F(7, 8)), dict(B=F(1, 8)), dict(H=0), dict(H=3),
            dict(C=3, k_committed=3, k_uncommitted=F(1, 2)), dict(K_P=F(1, 2)),
            dict(K_P=F(1, 2), c_alone=0), dict(k_uncommitted=F(1, 2)), dict(W=0), dict(C=0),
            dict(W=2, C=1, H=F(1, 2), B=F(1, 2), k_P=F(1, 2)), dict(B=F(3, 4), H=F(1, 2))]


@pytest.mark.parametrize("fixed", CRITICAL)
def test_critical_values_equal_the_formulas(fixed):
    game = m.build(**{k: v for k, v in {**DEFAULTS, **fixed}.items() if k != "p"})
    assert [c.value for c in gt.critical_values(game, "p")] == m.critical_p(**fixed)


@pytest.mark.parametrize("fixed", [{}, dict(B=F(7, 8)), dict(B=F(1, 8)), dict(H=3),
                                   dict(W=2, C=1, H=F(1, 2), B=F(1, 2), k_P=F(1, 2))])
def test_critical_p_are_the_thresholds_under_the_assumptions(fixed):
    t = exact_thresholds(**fixed)
    d, r, v = t["deterrence"], t["restraint"], t["provoked"]
    expected = sorted({x for x in (d, v) if 0 < x < 1} | ({r} if d < r < v else set()))
    assert m.critical_p(**fixed) == expected


def test_critical_values_at_defaults_describe_the_changes():
    cv = gt.critical_values(m.build(), "p")
    assert [c.value for c in cv] == [F(1, 3), F(1, 2), F(2, 3)]
    assert all(len(c.at) == 2 and len(c.below) == len(c.above) == 1 for c in cv)


def test_equilibrium_map_in_p():
    emap = gt.equilibrium_map(m.build(), ["p"])
    assert emap.complete
    assert [r.text for r in emap.regions] == ["p < 1/3", "p = 1/3", "1/3 < p < 1/2",
                                              "p = 1/2", "1/2 < p < 2/3", "p = 2/3",
                                              "p > 2/3"]
    assert [len(r.equilibria) for r in emap.regions] == [1, 2, 1, 2, 1, 2, 1]
    # B = 7/8: p_r = 1/6 < p_d, so no credibility both deters and restrains
    emap = gt.equilibrium_map(m.build(B=F(7, 8)), ["p"])
    assert [r.text for r in emap.regions] == ["p < 1/3", "p = 1/3", "1/3 < p < 2/3",
                                              "p = 2/3", "p > 2/3"]
    assert m.region(p="1/2", B="7/8") == "restraint dilemma"


def test_equilibrium_map_in_p_and_B_shows_the_restraint_line():
    """The boundary between deterrence with restraint and the restraint dilemma is
    p = p_r, i.e. B = L_P - p (L_P - k_P) = 1 - 3p/4 at the defaults."""
    emap = gt.equilibrium_map(m.build(), ["p", "B"])
    assert emap.complete
    texts = [r.text for r in emap.regions]
    assert "B < 1 - 3*p/4 and 1/3 < p < 2/3" in texts
    assert "B > 1 - 3*p/4 and 1/3 < p < 2/3" in texts
    for p, B in [("2/5", "1/2"), ("2/5", "3/4"), ("3/5", "3/10"), ("3/5", "1/2"),
                 ("1/4", "1/2"), ("9/10", "1/10"), ("1/2", "2")]:
        r = emap.region_at(p=p, B=B)
        name = m.region(p=p, B=B)
        assert ("B < 1 - 3*p/4" in r.text) == (name == "deterrence with restraint")
        assert ("B > 1 - 3*p/4" in r.text) == (name == "restraint dilemma")


def test_war_probability_is_not_monotone_in_credibility():
    war = [m.analyze(p=p)["war_probability"] for p in (F(1, 4), F(2, 5), F(3, 5), F(4, 5))]
    assert war == [F(1, 4), 0, F(3, 5), 0]


@pytest.mark.parametrize("p", [F(2, 5), F(3, 5)])
def test_private_type_tree_sequential_agrees_with_spe(p):
    """With the protégé not seeing the type, method='sequential' (three players: every
    pure sequential equilibrium) gives the SPE of the perfect-information tree."""
    values = {**DEFAULTS, "p": p}
    sol = gt.solve(m.build(protege_sees_type=False, **values), method="sequential",
                   exact=True)
    spe = m.analyze(p=p)
    assert len(sol.equilibria) == 1 and spe["num_equilibria"] == 1
    assert tuple(sol.equilibria[0].payoffs) == tuple(spe["payoffs"].values())
    seq = sol.equilibria[0].behavior
    for h, d in spe["behavior"].items():
        shared = h.replace(", committed", "").replace(", uncommitted", "") \
            if h.startswith("Protege |") else h
        assert {a: F(x) for a, x in seq[shared].items()} == d


def test_sequential_refuses_the_perfect_information_tree():
    with pytest.raises(SolverError, match="32,768"):
        gt.solve(m.build(**DEFAULTS), method="sequential", exact=True)


def test_coinciding_thresholds_list_more_equilibria():
    # H = 0: p_d = p_v = 1/3, both challenger nodes tied: 2 x 2 pure SPE
    out = m.analyze(p="1/3", H=0)
    assert exact_thresholds(H=0)["provoked"] == F(1, 3) and out["num_equilibria"] == 4
    # B = 3/4: p_r = p_d = 1/3; the restrained status quo survives as one of three
    assert exact_thresholds(B=F(3, 4))["restraint"] == F(1, 3)
    out = m.analyze(p="1/3", B="3/4")
    assert out["num_equilibria"] == 3
    assert sum(e["provokes"] == 0 and e["deterred"] for e in out["equilibria"]) == 1


def test_private_type_tree_spe_admits_empty_threats():
    """method='spe' on the private-type tree solves each post-challenge piece by Nash
    equilibrium: besides the sequential one it lists profiles in which both types
    abandon and the protégé would concede if (unexpectedly) supported."""
    sol = gt.solve(m.build(protege_sees_type=False, **DEFAULTS), method="spe", exact=True)
    assert len(sol.equilibria) == 4
    sequential_like = [e for e in sol.equilibria
                       if all(e.behavior[f"Protege | {mv}, support"]["resist"] == 1
                              for mv in m.MOVES)]
    assert len(sequential_like) == 1
    for e in sol.equilibria:
        for mv in m.MOVES:
            if e.behavior[f"Protege | {mv}, support"]["concede"] == 1:
                assert all(e.behavior[f"Defender | {mv}, {t}"]["abandon"] == 1
                           for t in m.TYPES)


def test_build_leaves_parameters_symbolic_with_metadata():
    g = m.build()
    assert {p.name for p in g.parameters} == set(m.PARAMETERS)
    for name, (default, domain, meaning, latex) in m.PARAMETERS.items():
        info = g.parameter_info[name]
        assert (info.default, info.domain, info.description, info.latex) == \
            (default, domain, meaning, latex)
    assert m.build(**DEFAULTS) == m.build().substitute(**DEFAULTS)
    assert {p.name for p in m.build(p="1/4", W=2).parameters} == \
        set(m.PARAMETERS) - {"p", "W"}
    assert g.num_nodes == m.build(protege_sees_type=False).num_nodes == 35


def test_bad_input():
    with pytest.raises(GameError, match="unknown parameter 'q' of extended_deterrence"):
        m.analyze(q=1)
    with pytest.raises(GameError, match="'p'"):
        m.build(p=2)
    with pytest.raises(GameError, match="'B'"):
        m.analyze(B=-1)
    with pytest.raises(GameError, match="not a rational number"):
        m.analyze(p="sqrt(2)/2")
    with pytest.raises(GameError, match="varies p"):
        m.critical_p(p="1/2")
    with pytest.raises(GameError, match="k_P < L_P"):
        m.critical_p(k_P=2)
    with pytest.raises(GameError, match="k_committed != L_D"):
        m.critical_p(k_committed=1)
    with pytest.raises(GameError, match="B > 0"):
        m.critical_p(B=0)
    with pytest.raises(GameError, match="indifferent for every p"):
        m.critical_p(W=0, C=0, H=0)
    with pytest.raises(GameError, match="W . C > 0"):
        m.thresholds(W=0, C=0)
    with pytest.raises(GameError, match="L_P != k_P"):
        m.thresholds(L_P=1, k_P=1)
    with pytest.raises(GameError, match="depend on"):
        m.thresholds(p="1/2")
    with pytest.raises(GameError, match="k_committed < L_D < k_uncommitted"):
        m.region(k_uncommitted="1/2")
