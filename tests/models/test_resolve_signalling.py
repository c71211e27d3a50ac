"""resolve_signalling: the solvers' sequential / perfect Bayesian equilibria against the
analytic solution of the module docstring (Fearon 1997, sinking costs versus tying
hands), exactly, at generic points on both sides of every boundary and at the
boundaries; the Intuitive Criterion and D1 against the derived verdicts;
gt.critical_values (method="sequential", on the reduced game) against critical_p and
critical_k, and gt.sweep in k. The pledge's boundary a* = c_irr - v_irr (critical_a)
is checked exactly on the full tree with gt.check_assessment at a* and on both sides:
gt.critical_values in a needs the full tree (the reply to a press depends on a) and
takes minutes there (192 s on the interval (3/2, 5/2), 489 s on (1, 3), measured), too
long for this file.

The full tree (the guarantor fights or backs down after a press) is solved with
method="sequential" at a few points (a few seconds each); the many-point checks use the
reduced sender-receiver game (the guarantor's reply fixed at its strict optimum) with
method="pbe", which is complete there, and the full tree is checked against it."""

import functools
import itertools
from fractions import Fraction as F

import pytest

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import resolve_signalling as m

QUIET = "no signal"


def _interval(rng):
    xs = [F(v[0]) for v in rng.vertices]
    return min(xs), max(xs)


def _vertex_key(signal, eq):
    """(alpha, beta, x after the signal, x after no signal, off-path interval or None)."""
    b = eq.behavior
    sends = tuple(F(b[f"Guarantor: {t}"][signal]) for t in m.TYPES)
    press = tuple(F(b[f"Russia: {x}"]["press"]) for x in (signal, QUIET))
    off = [x for x in (signal, QUIET) if f"Russia: {x}" in eq.belief_ranges]
    return (*sends, *press, _interval(eq.belief_ranges[f"Russia: {off[0]}"]) if off else None)


@functools.cache
def _analyze(signal, items=()):
    """m.analyze, computed once per point (the full tree takes seconds)."""
    return m.analyze(signal, **dict(items))


def _derived(signal, **values):
    out = {}
    for fam in m.equilibria(signal, **values):
        for v in fam["vertices"]:
            key = (v["sends"]["resolute"], v["sends"]["irresolute"], *v["press"],
                   v["off_path"])
            out[key] = v
    return out


TRIPWIRE = [dict(p=p, k=k) for p, k in itertools.product(
    [F(1, 5), F(1, 4), F(1, 2), F(9, 10)], [F(1, 2), F(3, 2), F(5, 2)])]
TRIPWIRE += [                                   # other theta, stakes and costs
    dict(p=F(1, 3), w=1, r=1, k=F(1, 4)), dict(p=F(2, 3), w=1, r=1, k=F(7, 4)),
    dict(p=F(2, 3), w=3, r=1, k=F(1, 3), v_res=5, c_res=4, v_irr=2, c_irr=7),
    # types that differ only in their cost of fighting: c_res < v_res = v_irr
    *[dict(p=p, k=k, v_res=2, c_res=1, v_irr=2, c_irr=3)
      for p, k in itertools.product([F(1, 5), F(1, 2)], [F(1, 2), F(3, 2), F(5, 2)])],
]
PLEDGE = [dict(p=p, a=a) for p, a in itertools.product(
    [F(1, 5), F(1, 4), F(1, 2), F(9, 10)], [F(1, 2), 1, 3])]
PLEDGE += [dict(p=F(1, 3), w=1, r=1, a=F(1, 4)), dict(p=F(2, 3), w=1, r=1, a=5),
           dict(p=F(1, 10), a=F(3, 2), v_irr=F(1, 2), c_irr=F(9, 4)),
           # the pledge has no knife-edge at c_res = v_irr, nor a change below it
           dict(p=F(1, 5), a=1, c_res=1, v_irr=1), dict(p=F(1, 2), a=1, c_res=F(1, 2))]
POINTS = [("tripwire", v) for v in TRIPWIRE] + [("pledge", v) for v in PLEDGE]


@pytest.mark.parametrize("signal, values", POINTS)
def test_reduced_game_equilibria_are_the_derived_ones(signal, values):
    """Every extreme perfect Bayesian equilibrium of the reduced game, with its off-path
    belief interval, is a derived vertex and every derived vertex is found; the labels
    and the Intuitive Criterion / D1 verdicts are the derived ones."""
    g = m.reduced_game(signal, **values)
    sol = gt.solve(g, method="pbe", exact=True)
    assert sol.complete
    found = {_vertex_key(signal, eq): eq for eq in sol.equilibria}
    derived = _derived(signal, **values)
    assert set(found) == set(derived)
    for key, eq in found.items():
        d = derived[key]
        assert eq.label == d["label"]
        assert bool(gt.intuitive_criterion(g, eq)) == d["intuitive"]
        assert bool(gt.d1_criterion(g, eq)) == d["d1"]


@pytest.mark.parametrize("signal, values", [
    ("tripwire", {}), ("tripwire", dict(p=F(1, 2), k=F(1, 2))),
    ("pledge", {}), ("pledge", dict(a=3))])
def test_full_tree_sequential_equilibria(signal, values):
    """The full tree's sequential equilibria: every derived vertex is among them; each
    one fights exactly when it is strictly better, and its message and pressing profile
    is sequential in the reduced game (checked exactly); the solver says it is not
    complete on this tree shape (an unsent message is followed by the guarantor's move)."""
    out = _analyze(signal, tuple(values.items()))
    assert not out["complete"] and out["notes"]
    v = {**{k: F(e[0]) for k, e in m.PARAMETERS.items()}, **values}
    keys = set()
    red = m.reduced_game(signal, **values)
    derived = _derived(signal, **values)
    for e in out["equilibria"]:
        off = [x for x, b in e["belief"].items() if isinstance(b, tuple)]
        key = (e["sends"]["resolute"], e["sends"]["irresolute"],
               e["press"][signal], e["press"][QUIET], e["belief"][off[0]] if off else None)
        keys.add(key)
        if key in derived:
            d = derived[key]
            assert (e["label"], e["intuitive"], e["d1"]) == (d["label"], d["intuitive"],
                                                            d["d1"])
        for t, s in (("resolute", "res"), ("irresolute", "irr")):
            for x in (signal, QUIET):
                audience = v["a"] if signal == "pledge" and x == signal else 0
                assert e["fights"][t][x] == (v[f"c_{s}"] < v[f"v_{s}"] + audience)
        beh = {f"Guarantor: {t}": {signal: e["sends"][t], QUIET: 1 - e["sends"][t]}
               for t in m.TYPES}
        beh |= {f"Russia: {x}": {"press": e["press"][x], "hold": 1 - e["press"][x]}
                for x in (signal, QUIET)}
        mu = {f"Russia: {x}": {f"resolute/{x}": b[0], f"irresolute/{x}": 1 - b[0]}
              for x, b in e["belief"].items() if isinstance(b, tuple)}
        assert gt.check_assessment(red, beh, mu).sequential
    assert set(derived) <= keys


def test_defaults_worked_out_in_the_docstring():
    th = m.theta(w=1, r=2)
    assert th == F(1, 3) and m.binding_audience_cost() == 2
    assert m.pledge_pressure() == F(1, 2)
    trip = _analyze("tripwire", ())
    sep = [e for e in trip["equilibria"] if e["label"] == "separating"]
    assert len(sep) == 1
    assert sep[0]["sends"] == {"resolute": 1, "irresolute": 0}
    assert sep[0]["press"] == {"tripwire": 0, QUIET: 1} and sep[0]["war_probability"] == 0
    assert sep[0]["payoffs"] == {"Guarantor": F(1, 4) * F(-3, 2) + F(3, 4) * -1,
                                 "Russia": F(3, 4)}
    pools = [e for e in trip["equilibria"] if e["label"] == "pooling on no signal"]
    assert all(not e["intuitive"] and e["belief"]["tripwire"][1] == th for e in pools)
    # every guarantor pressed: the resolute quarter fights
    assert all(e["war_probability"] == F(1, 4) for e in pools)
    bluff = [e for e in _analyze("pledge", ())["equilibria"] if e["label"] == "semi-separating"]
    assert len(bluff) == 1 and bluff[0]["sends"]["irresolute"] == F(2, 3)
    # war: the resolute pledges and is pressed half the time
    assert bluff[0]["war_probability"] == F(1, 4) * F(1, 2)


def test_sinking_costs_never_separate_when_types_differ_only_in_cost():
    """With one stake v for both types (c_res < v < c_irr), no tripwire size separates:
    the resolute type loses less when pressed (c_res) than the irresolute (v)."""
    for k in [F(1, 4), F(1), F(3, 2), F(2), F(3)]:
        for p in [F(1, 5), F(1, 2)]:
            sol = gt.solve(m.reduced_game("tripwire", p=p, k=k, v_res=2, c_res=1, v_irr=2,
                                          c_irr=3), method="pbe", exact=True)
            assert "separating" not in {e.label for e in sol.equilibria}


def test_bluffing_probability_does_not_depend_on_the_audience_cost():
    """P2: the irresolute type pledges with probability lam = p(1-theta)/((1-p)theta),
    for every cheap a; the pressure after a pledge is v_irr/(v_irr + a)."""
    for a in [F(1, 3), F(1), F(3, 2)]:
        (bluff,) = [v for f in m.equilibria("pledge", a=a) for v in f["vertices"]
                    if v["label"] == "semi-separating"]
        assert bluff["sends"]["irresolute"] == F(2, 3)
        assert bluff["press"][0] == m.pledge_pressure(a=a) == 1 / (1 + a)


def test_pledge_agrees_with_the_classic_audience_cost_game():
    """gt.classics.audience_cost_signalling (Fearon 1994, 1997) is the pledge game with
    w = 1, c_res = c_irr = c and each type's payoffs shifted by its stake v_t (which
    changes no equilibrium). Its bluffing equilibrium at q = 1/4, a = 1/2, v_R = 3,
    v_I = 1, c = 2, r = 1 (the irresolute type pledges with probability q r / (1 - q) =
    1/3, Russia presses a pledge with probability v_I / (v_I + a) = 2/3) is the derived
    P2, and the derived P2 and P1 are sequential in the classic tree."""
    ours = dict(p=F(1, 4), a=F(1, 2), w=1, r=1, v_res=3, c_res=2, v_irr=1, c_irr=2)
    fams = {f["name"]: f["vertices"] for f in m.equilibria("pledge", **ours)}
    (bluff,), (pool,) = fams["P2 bluffing"], fams["P1 pooling on no signal"]
    assert bluff["sends"] == {"resolute": 1, "irresolute": F(1, 3)}
    assert bluff["press"] == [F(2, 3), 1]
    g = gt.classics.audience_cost_signalling(q="1/4", a="1/2", v_R=3, v_I=1, c=2, r=1)
    name = {"resolute": "resolved", "irresolute": "irresolute"}
    for v in (bluff, pool):
        beh = {f"Guarantor: {name[t]}": {"pledge": v["sends"][t],
                                         "silent": 1 - v["sends"][t]} for t in m.TYPES}
        for x, press in zip(("pledge", "silent"), v["press"]):
            beh[f"Russia: {x}"] = {"press": press, "refrain": 1 - press}
            for t in m.TYPES:
                beh[f"Guarantor: {name[t]}, {x}, pressed"] = (
                    "defend" if t == "resolute" else "back down")
        mu = {}
        if v["off_path"] is not None:
            mu = {"Russia: pledge": {"resolved/pledge": v["off_path"][0],
                                     "irresolute/pledge": 1 - v["off_path"][0]}}
        assert gt.check_assessment(g, beh, mu).sequential


# ------------------------------------------------------------------ boundaries
def _keys(signal, **values):
    sol = gt.solve(m.reduced_game(signal, **values), method="pbe", exact=True)
    return {_vertex_key(signal, eq)[:4] for eq in sol.equilibria}, sol


def test_at_k_equal_v_irr_bluffing_meets_separating():
    """k = v_irr, p < theta: the bluffing equilibrium's pressure 1 - k/v_irr reaches 0
    and the separating one appears: both are equilibria, joined in one component."""
    keys, sol = _keys("tripwire", k=1)
    assert {(1, 0, 0, 1), (1, F(2, 3), 0, 1)} <= keys
    comps = [set(c.equilibria) for c in sol.components]
    idx = {_vertex_key("tripwire", eq)[:4]: i for i, eq in enumerate(sol.equilibria)}
    assert any({idx[(1, 0, 0, 1)], idx[(1, F(2, 3), 0, 1)]} <= c for c in comps)


def test_at_k_equal_c_res_pooling_may_hold_after_a_tripwire():
    """k = c_res, p < theta: the separating equilibrium still exists (the resolute type
    is indifferent) and pooling on no signal lets Russia hold after a tripwire with any
    belief >= theta, which it cannot just below c_res."""
    def holding(k):
        sol = gt.solve(m.reduced_game("tripwire", k=k), method="pbe", exact=True)
        return {_vertex_key("tripwire", eq) for eq in sol.equilibria}
    at = holding(2)
    assert (1, 0, 0, 1, None) in at and (0, 0, 0, 1, (F(1, 3), 1)) in at
    assert not any(k[:4] == (0, 0, 0, 1) for k in holding(F(19, 10)))


def test_at_p_equal_theta_russia_may_press_or_hold_the_silent():
    """p = theta: pooling on no signal with Russia pressing (the limit from below) and
    holding (from above) are both equilibria."""
    keys, _ = _keys("tripwire", p=F(1, 3))
    assert {(0, 0, 1, 1), (0, 0, 0, 0), (1, 0, 0, 1)} <= keys


def test_at_the_binding_audience_cost_both_regimes_meet():
    """a = a* = c_irr - v_irr (full tree; the irresolute type is indifferent after a
    pledge, so there is no reduced game): the bluffing profile (pressure
    v_irr/(v_irr + a*) = 1/3, the irresolute type backing down) and pooling on the
    pledge with Russia holding and the irresolute type fighting if pressed (the limit
    from above) are both sequential, exactly."""
    fixed = {k: e[0] for k, e in m.PARAMETERS.items() if k not in ("k", "a")}
    g = m.build("pledge", a=2, **fixed)
    pressed = {f"Guarantor: {t}, {x}, pressed": "fight" if t == "resolute" else "back down"
               for t in m.TYPES for x in ("pledge", QUIET)}
    bluff = {"Guarantor: resolute": "pledge",
             "Guarantor: irresolute": {"pledge": F(2, 3), QUIET: F(1, 3)},
             "Russia: pledge": {"press": F(1, 3), "hold": F(2, 3)},
             "Russia: no signal": "press", **pressed}
    assert gt.check_assessment(g, bluff).sequential
    deter = {"Guarantor: resolute": "pledge", "Guarantor: irresolute": "pledge",
             "Russia: pledge": "hold", "Russia: no signal": "press", **pressed,
             "Guarantor: irresolute, pledge, pressed": "fight"}   # indifferent at a*
    assert gt.check_assessment(
        g, deter, {"Russia: no signal": {"resolute/no signal": 0,
                                         "irresolute/no signal": 1}}).sequential
    # just below a*, pooling on the pledge is no equilibrium; just above, bluffing is not
    below, above = (m.build("pledge", a=a, **fixed) for a in (F(19, 10), F(21, 10)))
    assert not gt.check_assessment(below, deter, {"Russia: no signal": {
        "resolute/no signal": 0, "irresolute/no signal": 1}}).sequential
    assert not gt.check_assessment(above, {**bluff, "Russia: pledge": {
        "press": F(10, 31), "hold": F(21, 31)}}).sequential
    with pytest.raises(GameError, match="strict"):
        m.reduced_game("pledge", a=2)


# ------------------------------------------------------------------ sensitivity
def test_critical_values_in_k_reproduce_v_irr_and_c_res():
    g = m.reduced_game("tripwire", free=("k",))
    cv = gt.critical_values(g, "k", method="sequential")
    assert [c.value for c in cv] == m.critical_k() == [1, 2]


def test_sweep_in_k_changes_structure_only_at_critical_k():
    """gt.sweep with method="sequential": the equilibrium structure differs between
    neighbouring grid points only across k = v_irr and k = c_res (both on the grid)."""
    ks = [F(j, 4) for j in range(1, 12)]
    sw = gt.sweep(m.reduced_game("tripwire", free=("k",)), {"k": ks}, method="sequential")
    ids = list(sw.structure_ids()[0])
    changes = [(ks[j], ks[j + 1]) for j in range(len(ks) - 1) if ids[j] != ids[j + 1]]
    assert changes == [(F(3, 4), 1), (1, F(5, 4)), (F(7, 4), 2), (2, F(9, 4))]
    assert list(sw.counts[:4]) == [3, 3, 3, 4]          # T1 (two vertices) + T3; then k = 1


def test_critical_values_in_p_reproduce_theta():
    g = m.reduced_game("pledge", free=("p",), w=1, r=3)
    cv = gt.critical_values(g, "p", method="sequential")
    assert [c.value for c in cv] == m.critical_p("pledge", w=1, r=3) == [F(1, 4)]


# ------------------------------------------------------------------ errors
@pytest.mark.parametrize("call, match", [
    (lambda: m.build("bribe"), "signal"),
    (lambda: m.build("tripwire", a=1), "belongs to signal='pledge'"),
    (lambda: m.build("pledge", k=1), "belongs to signal='tripwire'"),
    (lambda: m.build(p=2), "outside its domain"),
    (lambda: m.build(k=-1), "outside its domain"),
    (lambda: m.build(c_res=4, v_res=3), "resolute"),
    (lambda: m.build(v_irr=4, c_irr=3), "irresolute"),
    (lambda: m.build(x=1), "unknown parameter"),
    (lambda: m.equilibria(p=F(1, 3)), "knife-edge"),
    (lambda: m.equilibria(k=1), "knife-edge"),
    (lambda: m.equilibria("pledge", a=0), "a > 0"),
    (lambda: m.critical_p(p=F(1, 2)), "varies p"),
    (lambda: m.critical_k(p=F(1, 3)), "p != theta"),
    (lambda: m.theta(p=1), "w and r only"),
    (lambda: m.reduced_game("pledge", free=("a",)), "strict"),
    (lambda: m.reduced_game("pledge", free=("k",)), "not a parameter"),
])
def test_errors(call, match):
    with pytest.raises(GameError, match=match):
        call()


def test_build_leaves_parameters_symbolic_with_latex():
    g = m.build("tripwire")
    assert [p.name for p in g.parameters] == ["c_irr", "c_res", "k", "p", "r", "v_irr",
                                              "v_res", "w"]
    assert g.parameter_info["c_res"].latex == r"c_{\mathrm{res}}"
    assert g.parameter_info["k"].default == F(3, 2)
