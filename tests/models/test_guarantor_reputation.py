"""guarantor_reputation: the package's repeated-game tools against the closed forms of the
module docstring (the optimal critical discount m / v, the grim-trigger interval
[m / v, k / (g + k)] with a long-run challenger, the sequential threshold c / (c + v)),
exact one-shot deviation checks on both sides, and the reputation part against
chain_store (Kreps & Wilson 1982) through the mapping a = v / c, b = g / (g + k)."""

import itertools
from fractions import Fraction as F

import pytest
import sympy

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import chain_store
from gametheory.models import guarantor_reputation as m

PATH = m.PATH

# (v, m) x (g, k) x c: m / v below, at and above k / (g + k), m = 0, m >= v
VM = [(2, F(1, 4)), (1, F(1, 3)), (F(7, 3), 1), (2, 1), (3, 2), (2, 0), (1, 1), (2, 3)]
GK = [(1, 1), (1, 3), (F(5, 2), F(1, 2))]
CS = [1, F(1, 2)]
GRID = list(itertools.product(VM, GK, CS))


def stage(vm, gk, c):
    return dict(v=vm[0], m=vm[1], g=gk[0], k=gk[1], c=c)


def closed_optimal(v, m, **_):
    """m / v, None when m >= v (docstring, part 1a)."""
    t = F(m) / F(v)
    return t if t < 1 else None


def closed_grim(v, m, g, k, **_):
    """[m / v, k / (g + k)] for m > 0, [0, 1] for m = 0, None when empty."""
    if m == 0:
        return (F(0), F(1))
    lo, hi = F(m) / F(v), F(k) / (F(g) + F(k))
    return (lo, hi) if lo <= hi else None


# ----------------------------------------------------------------- the stage tree
@pytest.mark.parametrize("v, c, g, k", [(2, 1, 1, 1), (F(1, 2), 3, F(2, 3), 5), (4, 1, 2, 1)])
def test_one_shot_spe_is_challenge_and_abandon(v, c, g, k):
    sol = gt.solve(m.build(v=v, c=c, g=g, k=k), method="spe", exact=True)
    assert len(sol.equilibria) == 1 and sol.complete
    eq = sol.equilibria[0]
    assert eq.behavior["Challenger"]["challenge"] == 1
    assert eq.behavior["Guarantor"]["abandon"] == 1
    assert [F(x) for x in eq.payoffs] == [F(g), F(0)]


def test_equilibrium_map_in_c_has_one_region():
    """The one-period commitment problem holds for every cost of fighting sampled."""
    em = gt.equilibrium_map(m.build(v=2, g=1, k=1), "c")
    assert len(em.regions) == 1
    (eq,) = em.regions[0].equilibria
    assert eq.behavior["Challenger"]["challenge"] == 1 and eq.behavior["Guarantor"]["abandon"] == 1
    assert tuple(eq.payoffs) == (1, 0)


def test_build_leaves_parameters_symbolic_with_metadata():
    g = m.build()
    assert [p.name for p in g.parameters] == ["c", "g", "k", "v"]
    assert g.parameter_info["c"].latex == "c" and g.parameter_info["v"].default == 2
    assert m.policy_stage().parameter_info["m"].default == F(1, 4)


_TO_CHAIN = {"refrain": "out", "challenge": "in", "honour": "fight", "abandon": "accommodate"}


@pytest.mark.parametrize("v, c, g, k", [(2, 1, 1, 1), (3, 2, 1, 3), (F(5, 2), F(1, 2), 2, 7)])
def test_stage_tree_is_the_chain_store_stage_after_affine_maps(v, c, g, k):
    """The guarantor's payoffs divided by c and the challenger's by g + k are the chain
    store's with a = v / c, b = g / (g + k), at every pure profile; the tough (resolute)
    type loses c more by abandoning than by honouring (docstring, part 2)."""
    cs = m.chain_store_parameters(v=v, c=c, g=g, k=k)
    assert cs["a"] == F(v) / F(c) and cs["b"] == F(g) / (F(g) + F(k))
    ours = m.build(v=v, c=c, g=g, k=k)
    weak = chain_store.build(N=1, a=cs["a"], b=cs["b"])
    tough = chain_store.build(N=1, reputation=True, a=cs["a"], b=cs["b"], delta=1)
    for a1, a2 in itertools.product(*m.STRATEGIES):
        mine = ours.expected_payoffs({"Challenger": {a1: 1}, "Guarantor": {a2: 1}})
        theirs = weak.expected_payoffs({"Entrant 1 | start": {_TO_CHAIN[a1]: 1},
                                        "Incumbent 1 | start": {_TO_CHAIN[a2]: 1}})
        assert F(mine[1]) / F(c) == F(theirs[0])
        assert F(mine[0]) / (F(g) + F(k)) == F(theirs[1])
        res = tough.expected_payoffs({"Entrant 1 | start": {_TO_CHAIN[a1]: 1},
                                      "Incumbent 1 | tough, start": {_TO_CHAIN[a2]: 1},
                                      "Incumbent 1 | weak, start": {_TO_CHAIN[a2]: 1}})
        shift = {"honour": 1, "abandon": -1}[a2] if a1 == "challenge" else 0
        assert F(res[0]) == F(theirs[0]) + shift


# ----------------------------------------------------------------- part 1a: policy stage
@pytest.mark.parametrize("vm, gk, c", GRID)
def test_optimal_threshold_is_m_over_v(vm, gk, c):
    p = stage(vm, gk, c)
    th = m.repeated(**p).critical_discount(PATH, "optimal")
    expected = closed_optimal(**p)
    assert th.value == expected == m.critical_discount(v=p["v"], m=p["m"])
    if expected is not None:
        # equal to the minmax bound: the optimal threshold (Abreu 1988)
        assert th.exact and th.lower_bound == expected


@pytest.mark.parametrize("vm, gk, c", [x for x in GRID if 0 < x[0][1] < x[0][0]])
def test_optimal_code_leaves_the_challenger_to_its_stage_best_responses(vm, gk, c):
    """The optimal code answers a challenge by one period of the path (the fought
    challenge is its own punishment): every constraint of the challenger has weight 0,
    i.e. is a stage best response, so one-period challengers face the same threshold."""
    th = m.repeated(**stage(vm, gk, c)).critical_discount(PATH, "optimal")
    assert th.code.startswith("Challenger: stick (refrain, honour) for one period, then "
                              "back; Guarantor: Nash reversion to (challenge, abandon)")
    mine = [x for x in th.constraints if x.player == "Challenger"]
    assert mine and all(x.weight == 0 and x.gain <= 0 for x in mine)


@pytest.mark.parametrize("vm, gk, c", GRID)
def test_one_period_punishment_threshold_is_m_over_v_minus_m(vm, gk, c):
    p = stage(vm, gk, c)
    rep = m.repeated(**p)
    th = rep.critical_discount(PATH, "stick", sticks=m.STICKS)
    v, mm = F(p["v"]), F(p["m"])
    expected = mm / (v - mm) if 2 * mm < v else None
    assert th.value == expected == m.stick_critical_discount(v=v, m=mm)
    if expected:                  # the exact one-shot check just below and at the value
        assert rep.is_subgame_perfect(PATH, "stick", sticks=m.STICKS, discount=expected)
        below = rep.is_subgame_perfect(PATH, "stick", sticks=m.STICKS,
                                       discount=expected * F(999, 1000))
        assert not below and {x.player for x in below.deviations} == {"Guarantor"}
    if expected is not None and mm > 0:
        assert expected > m.critical_discount(v=v, m=mm)   # shorter punishment, more patience


@pytest.mark.parametrize("vm, gk, c", GRID)
def test_grim_trigger_interval_with_a_long_run_challenger(vm, gk, c):
    p = stage(vm, gk, c)
    th = m.repeated(**p).critical_discount(PATH, "grim")
    iv = closed_grim(**p)
    assert iv == m.grim_interval(v=p["v"], m=p["m"], g=p["g"], k=p["k"])
    if iv is None or iv[0] >= 1:
        assert th.value is None and th.sustained == ()
    else:
        assert th.sustained == (iv,)
        assert th.value == (0 if p["m"] == 0 else None)    # ends below 1 when m > 0


@pytest.mark.parametrize("vm, gk, c", GRID)
def test_critical_values_in_delta(vm, gk, c):
    p = stage(vm, gk, c)
    rep = m.repeated(**p)
    t = closed_optimal(**p)
    opt = [F(str(cv.value)) for cv in gt.critical_values(rep, "delta", method="optimal")]
    assert opt == ([t] if t is not None and 0 < t < 1 else [])
    iv = closed_grim(**p)
    grim = [F(str(cv.value)) for cv in gt.critical_values(rep, "delta", method="grim")]
    # an isolated point (m / v = k / (g + k)) is sustained neither just below nor above
    assert grim == ([x for x in iv if 0 < x < 1] if iv is not None and iv[0] < iv[1]
                    else [])


@pytest.mark.parametrize("vm, gk, c", [x for x in GRID if x[0][1] < x[0][0]])
def test_one_shot_deviation_checks_on_both_sides(vm, gk, c):
    """Exactly at m / v and above, no one-shot deviation pays; just below, the
    guarantor's lapse gains exactly m - delta v (normalised payoffs)."""
    p = stage(vm, gk, c)
    rep = m.repeated(**p)
    t = closed_optimal(**p)
    for d in ([t] if t > 0 else []) + [(t + 1) / 2, (t + 3) / 4]:
        assert rep.is_subgame_perfect(PATH, "optimal", discount=d).ok
    if t > 0:
        d = t - t / 1000
        check = rep.is_subgame_perfect(PATH, "optimal", discount=d)
        assert not check.ok
        gains = {(x.player, x.action, x.gain) for x in check.deviations}
        assert gains == {("Guarantor", "abandon", F(p["m"]) - d * F(p["v"]))}


@pytest.mark.parametrize("vm, gk", [(vm, gk) for vm, gk in itertools.product(VM, GK)
                                    if 0 < vm[1] < vm[0]])
def test_grim_fails_above_k_over_g_plus_k_because_the_challenger_provokes(vm, gk):
    p = stage(vm, gk, 1)
    rep = m.repeated(**p)
    hi = F(p["k"]) / (F(p["g"]) + F(p["k"]))
    for d in [(hi + 1) / 2, hi + (1 - hi) / 1000]:
        check = rep.is_subgame_perfect(PATH, "grim", discount=d)
        assert not check.ok
        mine = [x for x in check.deviations if x.player == "Challenger"]
        assert [(x.action, x.gain) for x in mine if x.phase == "cooperation"] == \
            [("challenge", d * (F(p["g"]) + F(p["k"])) - F(p["k"]))]


def test_symbolic_closed_forms():
    v, mm, c, g, k = sympy.symbols("v m c g k", real=True)
    assert sympy.simplify(m.critical_discount() - mm / v) == 0
    assert sympy.simplify(m.sequential_critical_discount() - c / (c + v)) == 0
    assert sympy.simplify(m.stick_critical_discount() - mm / (v - mm)) == 0
    lo, hi = m.grim_interval()
    assert sympy.simplify(lo - mm / v) == 0 and sympy.simplify(hi - k / (g + k)) == 0
    assert m.critical_discount(v=4).subs(mm, 1) == sympy.Rational(1, 4)


def test_payoff_set_contains_the_path_iff_delta_reaches_m_over_v():
    """The Abreu-Sannikov set (floats) at the defaults: (0, v - m) = (0, 7/4) is an
    equilibrium payoff at 1/8 and above, not at 1/16."""
    rep = m.repeated(v=2, c=1, m="1/4", g=1, k=1)
    assert not rep.equilibrium_payoffs("1/16").contains((0, 1.75))
    for d in ["1/8", "1/2", "9/10"]:
        assert rep.equilibrium_payoffs(d).contains((0, 1.75))


def test_finite_horizon_unravels():
    """With m > 0 the stage has one equilibrium, so a finite horizon unravels: the
    guarantor abandons and the challenger challenges in every period (Selten 1978)."""
    fr = m.repeated(v=2, c=1, m="1/4", g=1, k=1).finite(horizon=4, discount=1)
    assert fr.method == "unravelling" and fr.path_count == 1
    assert fr.paths == (((("challenge", "abandon"),) * 4, (4, 0)),)   # (path, payoffs)


# ----------------------------------------------------------------- part 1b: the tree
SEQ = [(2, 1, 1, 1), (3, 1, 1, 3), (F(1, 2), 2, F(5, 2), F(1, 2)), (1, 1, 2, 1)]


@pytest.mark.parametrize("v, c, g, k", SEQ)
def test_sequential_check_against_c_over_c_plus_v(v, c, g, k):
    t = m.sequential_critical_discount(v=v, c=c)
    assert t == F(c) / (F(c) + F(v))
    base = dict(v=v, c=c, g=g, k=k)
    for d in [t, (t + 1) / 2, t + (1 - t) / 1000]:
        out = m.sequential_check(delta=d, **base)
        assert out["subgame_perfect"] and out["deviations"] == []
        assert (out["slack"] == 0) == (d == t)          # the guarantor is indifferent at t
        assert out["values"] == {"trust": (0, F(v)), "punishment": (F(g), 0)}
    for d in [t / 2, t - t / 1000]:
        out = m.sequential_check(delta=d, **base)
        assert out["deviations"] == [("trust", "Guarantor", "abandon",
                                      F(c) - d * (F(c) + F(v)))]


@pytest.mark.parametrize("v, c, g, k", SEQ)
def test_strategic_form_hides_the_test_of_honour(v, c, g, k):
    """With m = 0 the repeated strategic form sustains the path at every delta (a weak
    stage equilibrium), while the tree's one-shot check fails below c / (c + v)."""
    rep = m.repeated(v=v, c=c, m=0, g=g, k=k)
    assert rep.critical_discount(PATH, "optimal").value == 0
    d = m.sequential_critical_discount(v=v, c=c) / 2
    assert rep.is_subgame_perfect(PATH, "grim", discount=d).ok
    assert not m.sequential_check(delta=d, v=v, c=c, g=g, k=k)["subgame_perfect"]


def test_lapse_seen_without_challenge_is_easier_to_keep_iff_m_small():
    """m / v < c / (c + v) iff m < c v / (c + v) (docstring)."""
    for v, c in [(2, 1), (3, F(1, 2)), (1, 4)]:
        cut = F(c) * F(v) / (F(c) + F(v))
        seq = m.sequential_critical_discount(v=v, c=c)
        for mm in [cut / 2, cut, (cut + F(v)) / 2]:
            pol = m.critical_discount(v=v, m=mm)
            assert (pol < seq) == (mm < cut) and (pol == seq) == (mm == cut)


# ----------------------------------------------------------------- part 2: reputation
def leading_deterred(stages, N):
    """Stages 'start', 'O', 'OO', ... in chain_store's summary with entry probability 0."""
    count = 0
    for j in range(N):
        st = stages["O" * j or "start"]
        if st["enters"] != 0:
            break
        count += 1
    return count


MUS = [F(0), F(1, 100), F(1, 10), F(1, 8), F(1, 3), F(1)]     # b**3 = 1/8 at b = 1/2
REP = (list(itertools.product([3], MUS, [(2, 1, 1, 1), (3, 2, 1, 3)]))
       + list(itertools.product([4], MUS, [(2, 1, 1, 1)])))


@pytest.mark.parametrize("N, mu, vcgk", REP)
def test_reputation_against_chain_store(N, mu, vcgk):
    v, c, g, k = vcgk
    values = dict(v=v, c=c, g=g, k=k, mu=mu)
    b = F(g) / (F(g) + F(k))
    out = m.reputation(N, **values)
    ref = chain_store.analyze(N, reputation=True, a=F(v) / F(c), b=b, delta=mu)
    assert out["enters"] == ref["enters"] and out["stages"] == ref["stages"]
    # deterred periods: the closed form #{n <= N: mu > b**n} and chain_store's path
    closed = sum(1 for n in range(1, N + 1) if mu > b ** n)
    assert m.deterred_periods(N, **values) == closed == leading_deterred(out["stages"], N)
    # beliefs after an honour / an abandonment / a refrain at the first stage
    st = out["stages"]
    if "F" in st:
        assert st["F"]["belief"] == m.posterior("honour", N, **values)
    if "A" in st:
        assert st["A"]["belief"] == m.posterior("abandon", N, **values) == 0
        assert st["A"]["enters"] == 1                     # no reputation left
    if "O" in st:
        assert st["O"]["belief"] == m.posterior("refrain", N, **values) == mu


def test_kreps_wilson_known_answer():
    """N = 3, prior 1/10 < (1/2)**3: the first challenger challenges and a weak guarantor
    honours with probability 1/3; after an honour the belief is 1/4 (Kreps & Wilson 1982,
    sec. 3, as in chain_store's tests)."""
    out = m.reputation(3, v=2, c=1, g=1, k=1, mu="1/10")
    assert out["enters"] == 1 and out["fights"] == {"tough": 1, "weak": F(1, 3)}
    assert m.posterior("honour", 3, "1/10") == F(1, 4)


def test_budapest_reading():
    """After an observed abandonment the belief is 0 and reputation deters nobody; the
    defaults deter two of five challengers (1/32 and 1/16 < 1/10 <= 1/8)."""
    assert m.deterred_periods(5) == 2
    after = m.posterior("abandon", 5)
    assert after == 0 and m.deterred_periods(5, mu=after) == 0
    assert m.deterred_periods(5, mu="1/8") == 2         # knife-edge at b**3: not counted
    assert m.deterred_periods(5, mu="1/7") == 3


# ----------------------------------------------------------------- analyze and errors
@pytest.mark.parametrize("delta", [F(1, 16), F(1, 8), F(1, 4), F(1, 3), F(1, 2), F(9, 10)])
def test_analyze_against_the_closed_forms(delta):
    out = m.analyze(N=3, delta=delta)
    assert out["challenges"] == 1 and out["honours"] == 0 and not out["tie"]
    assert out["payoffs"] == {"Challenger": 1, "Guarantor": 0}
    assert out["critical_discount"] == F(1, 8) and out["optimal_exact"]
    assert out["grim_sustained"] == ((F(1, 8), F(1, 2)),)
    assert out["stick_critical_discount"] == F(1, 7)
    assert out["sustained"] == (delta >= F(1, 8))
    assert out["sequential_subgame_perfect"] == (delta >= F(1, 3))
    assert out["deterred_periods"] == 0                 # 1/10 < 1/8 = b**3
    assert out["reputation"]["enters"] == 1


def test_analyze_without_kreps_wilson_conditions():
    out = m.analyze(v=1, c=2)                           # v < c: a = 1/2
    assert out["reputation"] is None and out["deterred_periods"] is None
    assert out["critical_discount"] == F(1, 4)


@pytest.mark.parametrize("call, match", [
    (lambda: m.build(v=-1), "outside its domain"),
    (lambda: m.build(x=1), "unknown parameter 'x'"),
    (lambda: m.critical_discount(c=1), "depends on m, v only"),
    (lambda: m.critical_discount(v=0), "needs v > 0"),
    (lambda: m.grim_interval(k=0), "needs k > 0"),
    (lambda: m.sequential_critical_discount(c=0), "needs c > 0"),
    (lambda: m.sequential_check(delta=1), "must lie in \\(0, 1\\)"),
    (lambda: m.analyze(g=0), "needs g > 0"),
    (lambda: m.posterior("fight", 3), "observed must be"),
    (lambda: m.posterior("honour", 3, "1/2", mu="1/3"), "not both"),
    (lambda: m.posterior("honour", 3, v=1, c=1), "a > 1"),
    (lambda: m.deterred_periods(0), "positive integer"),
    (lambda: m.chain_store_parameters(c=0), "c > 0"),
    (lambda: m.repeated(delta=2), "outside its domain"),
    (lambda: m.repeated(mu=-1), "outside its domain"),
    (lambda: m.analyze(delta=1), "must lie in \\(0, 1\\)"),
])
def test_errors(call, match):
    with pytest.raises(GameError, match=match):
        call()
