"""ratification: the solver's equilibria against the analytic solution of the module
docstring (a two-level game after Putnam 1988: win-sets, the paradox of weakness of
Schelling 1960, involuntary defection) at many exact parameter points, ties included;
gt.critical_values in pi, r_H, r_D and g and gt.equilibrium_map against the derived
thresholds (critical_pi, prices, hawk_limit)."""

import itertools
import random
from fractions import Fraction as F

import pytest

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import ratification as m

DEFAULTS = {k: F(v[0]) for k, v in m.PARAMETERS.items()}
RESERVE = {"dovish": "r_D", "hawkish": "r_H"}


def options(a, b):
    """The best of two choices worth a and b: [first], [second] or both at a tie."""
    return [0] if a > b else [1] if a < b else [0, 1]


def analytic_equilibria(terms=m.TERMS, **values):
    """Every pure SPE by the docstring's rules: a type ratifies iff x + g > r_t, the
    negotiator signs iff P(x) (x + g) + (1 - P(x)) (r_N - a) > r_N, Russia takes the
    largest -c_R + s P (D - x) (no deal: -c_R); every choice at each indifference.
    Returns {frozenset of (information set, action): (u_Russia, u_Negotiator, u_Ratifier)}."""
    v = {**DEFAULTS, **{k: F(x) for k, x in values.items()}}
    xs = [F(x) for x in terms]
    prior = {"dovish": v["pi"], "hawkish": 1 - v["pi"]}
    ratifier_sets = [(x, t) for x in xs for t in m.TYPES]
    out = {}
    for rat in itertools.product(*[options(x + v["g"] - v[RESERVE[t]], 0)
                                   for x, t in ratifier_sets]):
        ratifies = {key: c == 0 for key, c in zip(ratifier_sets, rat)}
        P = {x: sum(prior[t] for t in m.TYPES if ratifies[(x, t)]) for x in xs}
        sign_value = {x: P[x] * (x + v["g"]) + (1 - P[x]) * (v["r_N"] - v["a"]) for x in xs}
        for neg in itertools.product(*[options(sign_value[x], v["r_N"]) for x in xs]):
            signs = {x: c == 0 for x, c in zip(xs, neg)}
            deal_R = {x: 1 - x - v["t_R"] * v["g"] for x in xs}
            worth = {None: -v["c_R"]}
            worth.update({x: -v["c_R"] + signs[x] * P[x] * (deal_R[x] + v["c_R"])
                          for x in xs})
            best = max(worth.values())
            for x in [y for y, w in worth.items() if w == best]:
                profile = {("Russia", m.NO_DEAL if x is None else f"offer {x}")}
                profile |= {(f"Negotiator | offer {y}", "sign" if signs[y] else "refuse")
                            for y in xs}
                profile |= {(f"Ratifier | offer {y}, {t}",
                             "ratify" if ratifies[(y, t)] else "reject")
                            for y, t in ratifier_sets}
                out[frozenset(profile)] = payoffs(x, signs, ratifies, prior, v)
    return out


def payoffs(x, signs, ratifies, prior, v):
    if x is None or not signs[x]:
        return (-v["c_R"], v["r_N"], F(0))
    u = [F(0)] * 3
    for t in m.TYPES:
        if ratifies[(x, t)]:
            leaf = (1 - x - v["t_R"] * v["g"], x + v["g"], x + v["g"] - v[RESERVE[t]])
        else:
            leaf = (-v["c_R"], v["r_N"] - v["a"], F(0))
        u = [a + prior[t] * b for a, b in zip(u, leaf)]
    return tuple(u)


def solver_equilibria(out):
    return {frozenset((h, a) for h, d in e["behavior"].items() for a, p in d.items()
                      if p == 1): tuple(e["payoffs"][pl] for pl in m.PLAYERS)
            for e in out["equilibria"]}


GRID = list(itertools.product(
    [F(0), F(1, 7), F(1, 5), F(1, 2), F(5, 9), F(2, 3), F(1)],     # pi (pi* = 5/9)
    [F(1, 4), F(7, 8), F(1), F(9, 8), F(3, 2)],                     # r_H (hawk limit 1)
    [F(0), F(1, 4), F(1, 2)]))                                      # g


@pytest.mark.parametrize("pi, r_H, g", GRID)
def test_solver_matches_analytic_solution(pi, r_H, g):
    values = dict(pi=pi, r_H=r_H, g=g)
    out = m.analyze(**values)
    assert solver_equilibria(out) == analytic_equilibria(**values)
    assert out["complete"] == (not out["tie"])
    assert out["tie"] == (out["num_equilibria"] > 1)


@pytest.mark.parametrize("values", [
    dict(a=0), dict(a=2), dict(r_N=F(1, 2)), dict(r_N=F(3, 2)), dict(r_D=-1),
    dict(r_D=F(1, 2), r_H=F(1, 4)),                  # the "hawk" is the lenient one
    dict(c_R=0, t_R=0), dict(t_R=F(5, 2)), dict(g=4), dict(g=3),
    dict(pi=F(1, 20), r_H=2)])                       # nothing signed: every offer ties
def test_solver_matches_analytic_solution_elsewhere(values):
    assert solver_equilibria(m.analyze(**values)) == analytic_equilibria(**values)


@pytest.mark.parametrize("terms", [(0, F(1, 2), 1), (F(1, 3),), (F(1, 10), F(3, 10), F(7, 10))])
@pytest.mark.parametrize("pi", [F(1, 3), F(3, 4)])
def test_other_grids(terms, pi):
    out = m.analyze(terms, pi=pi)
    assert out["terms"] == tuple(F(x) for x in terms)
    assert solver_equilibria(out) == analytic_equilibria(terms, pi=pi)


def test_defaults_as_in_the_docstring():
    assert m.prices() == {"dovish": F(1, 4), "hawkish": F(3, 4)}
    assert m.critical_pi() == [F(1, 7), F(1, 5), F(5, 9)]     # pi_N(1/2), pi_N(1/4), pi*
    assert m.hawk_limit() == 1
    out = m.analyze()
    assert (out["num_equilibria"], out["offer"], out["signs"]) == (1, F(3, 4), 1)
    assert out["ratifies"] == {"dovish": 1, "hawkish": 1} and out["deal_value"] == 1
    assert out["agreement_probability"] == 1 and out["failed_ratification_probability"] == 0
    # Russia 1 - 3/4 - 1/8; negotiator 3/4 + 1/4; ratifier 1/2 (1 - 3/8) + 1/2 (1 - 7/8)
    assert out["payoffs"] == {"Russia": F(1, 8), "Negotiator": 1, "Ratifier": F(3, 8)}


@pytest.mark.parametrize("fixed", [{}, dict(c_R=2), dict(g=F(1, 2)), dict(g=F(1, 5)),
                                   dict(g=F(1, 3))])
def test_safe_offer_iff_pi_below_pi_star(fixed):
    """Russia pays the hawk's price iff pi < pi* = (D - x_H) / (D - x_D); above pi* it
    offers the dove's price, which the negotiator signs and the hawk rejects."""
    v = {**DEFAULTS, **fixed}
    D = 1 + v["c_R"] - v["t_R"] * v["g"]
    x = m.prices(**fixed)
    star = (D - x["hawkish"]) / (D - x["dovish"])
    assert m.critical_pi(**fixed)[-1] == star
    for pi in [star / 2 + F(1, 10), star, (1 + star) / 2]:
        out = m.analyze(pi=pi, **fixed)
        if pi < star:
            assert out["num_equilibria"] == 1 and out["offer"] == x["hawkish"]
            assert out["agreement_probability"] == 1
        elif pi > star:
            assert out["num_equilibria"] == 1 and out["offer"] == x["dovish"]
            assert out["failed_ratification_probability"] == 1 - pi
            assert out["payoffs"]["Russia"] == pi * (1 - x["dovish"] - v["t_R"] * v["g"]) \
                - (1 - pi) * v["c_R"]
        else:
            assert [e["offer"] for e in out["equilibria"]] == [x["dovish"], x["hawkish"]]


def test_guarantee_resented_by_russia_lowers_pi_star_between_price_steps():
    """With t_R > 0, pi* = 1 - (x_H - x_D) / (D - x_D) falls as g rises between two
    price steps (g in (1/8, 3/8): x_D = 1/4, x_H = 3/4); with t_R = 0 it stays."""
    stars = [m.critical_pi(g=g)[-1] for g in (F(1, 5), F(1, 4), F(1, 3))]
    assert stars[0] > stars[1] > stars[2]
    assert len({m.critical_pi(g=g, t_R=0)[-1] for g in (F(1, 5), F(1, 3))}) == 1
    # a guarantee that brings the hawk's price down to the dove's removes the gamble
    assert m.prices(g=1) == {"dovish": 0, "hawkish": 0}
    assert m.analyze(g=1, pi=F(99, 100))["agreement_probability"] == 1


@pytest.mark.parametrize("pi", [F(1, 4), F(1, 2), F(3, 4)])
def test_paradox_of_weakness_and_involuntary_defection_in_r_H(pi):
    """Schelling (1960, ch. 2) / Putnam (1988): below the hawk limit a stricter hawk gets
    Ukraine better terms, with certainty; above it Russia offers the dove's price and the
    agreement fails with probability 1 - pi."""
    limit = m.hawk_limit(pi=pi)
    g, r_D = DEFAULTS["g"], DEFAULTS["r_D"]
    between = [r_D + F(1, 16)] + [g + x + F(1, 8) for x in m.TERMS if r_D < g + x + F(1, 8)]
    deals = []
    for r_H in between:
        out = m.analyze(pi=pi, r_H=r_H)
        assert out["num_equilibria"] == 1
        if r_H < limit:
            assert out["offer"] == m.prices(r_H=r_H)["hawkish"]
            assert out["agreement_probability"] == 1
            deals.append(out["payoffs"]["Negotiator"])
        else:
            assert out["offer"] == m.prices()["dovish"]
            assert out["failed_ratification_probability"] == 1 - pi
            assert out["payoffs"]["Negotiator"] < min(deals)
    assert deals == sorted(deals) and len(set(deals)) == len(deals)


def test_hawk_limit_values():
    # pi = 1/2: x_bar = 11/8 - (1/2)(11/8 - 1/4) = 13/16, x_hat = 3/4, limit 1/4 + 3/4
    assert [m.hawk_limit(pi=p) for p in (F(1, 4), F(1, 2), F(3, 4))] == [F(5, 4), 1, F(3, 4)]
    # pi = 1/10: the only gamble the negotiator signs is terms 1 (pi_N(1) = 1/11), so
    # x_bar = 11/8 - (1/10)(11/8 - 1) > 1 and every term is below it
    assert m.hawk_limit(pi=F(1, 10)) == F(5, 4)
    assert m.hawk_limit(c_R=0, t_R=5) is None        # D = -1/4: no term below x_bar


@pytest.mark.parametrize("fixed", [{}, dict(c_R=2), dict(a=F(1, 2)), dict(g=F(1, 2)),
                                   dict(r_N=F(1, 4)), dict(r_N=F(1, 2)), dict(r_N=F(3, 2)),
                                   dict(t_R=F(5, 2)), dict(a=0), dict(a=2), dict(r_D=-1),
                                   dict(r_H=F(3, 2)), dict(c_R=F(1, 10), t_R=F(9, 4))])
def test_critical_values_in_pi_equal_the_formulas(fixed):
    game = m.build(**{k: v for k, v in {**DEFAULTS, **fixed}.items()
                      if k not in ("pi", "b_G", "k_G")})
    assert [c.value for c in gt.critical_values(game, "pi")] == m.critical_pi(**fixed)


@pytest.mark.parametrize("parameter", ["r_H", "r_D"])
@pytest.mark.parametrize("fixed", [{}, dict(g=F(1, 3)), dict(pi=F(3, 4))])
def test_critical_values_in_a_reservation_are_the_win_set_edges(parameter, fixed):
    """A ratifier type's choice at offer x flips at r_t = x + g, whether or not x is
    offered, and nothing else depends on r_t: the critical values are g + x."""
    g = fixed.get("g", DEFAULTS["g"])
    found = [c.value for c in gt.critical_values(m.build(), parameter, **fixed)]
    assert found == [g + x for x in m.TERMS]


def test_critical_values_in_g():
    """At the defaults the equilibria change at the win-set edges g = r_t - x > 0 (1/8,
    3/8, 5/8, 7/8) and at g = (1 + c_R) / t_R = 3, where Russia's stake D in the cheapest
    term vanishes; between them the derived solution is constant."""
    found = [c.value for c in gt.critical_values(m.build(), "g")]
    edges = {DEFAULTS[r] - x for r in ("r_D", "r_H") for x in m.TERMS}
    assert found == sorted({e for e in edges if e > 0} | {F(3)})
    points = [F(0)] + found + [F(4)]
    for lo, hi in zip(points, points[1:]):
        mid = [lo + (hi - lo) * k / 4 for k in (1, 2, 3)]
        sets = [set(analytic_equilibria(g=x)) for x in mid]       # the profiles
        assert sets[0] == sets[1] == sets[2]
        assert solver_equilibria(m.analyze(g=mid[1])) == analytic_equilibria(g=mid[1])
    for c in found:
        assert set(analytic_equilibria(g=c)) != set(analytic_equilibria(g=c + F(1, 1000)))
    assert m.analyze(g=4)["offer"] is None and m.analyze(g=F(1, 10))["offer"] == F(1, 2)


def test_equilibrium_map_in_pi():
    emap = gt.equilibrium_map(m.build(), ["pi"])
    assert emap.complete
    c1, c2, c3 = m.critical_pi()                        # 1/7, 1/5, 5/9
    assert [r.text for r in emap.regions] == [
        f"pi < {c1}", f"pi = {c1}", f"{c1} < pi < {c2}", f"pi = {c2}", f"{c2} < pi < {c3}",
        f"pi = {c3}", f"pi > {c3}"]
    for pi in [F(1, 10), F(1, 7), F(1, 6), F(1, 5), F(1, 3), F(5, 9), F(4, 5)]:
        region = emap.region_at(pi=pi)
        got = {frozenset((h, a) for h, d in e.behavior.items() for a, p in d.items()
                         if p == 1) for e in region.equilibria}
        assert got == set(analytic_equilibria(pi=pi))


def test_equilibrium_map_in_r_H():
    emap = gt.equilibrium_map(m.build(), ["r_H"])
    assert emap.complete
    for r_H in [F(1, 8), F(3, 8), F(5, 8), F(7, 8), F(9, 8), F(3, 2)]:
        region = emap.region_at(r_H=r_H)
        (eq,) = region.equilibria
        offer = next(a for a, p in eq.behavior["Russia"].items() if p == 1)
        assert offer == f"offer {m.analyze(r_H=r_H)['offer']}"
        # below the hawk limit 1 the offer both types ratify: max(x_D, x_H)
        expected = max(m.prices(r_H=r_H).values()) if r_H < 1 else m.prices()["dovish"]
        assert offer == f"offer {expected}"
    assert emap.region_at(r_H=1).text == "r_H = 1"     # the hawk limit at pi = 1/2


def type_drawn_first(terms, **values):
    """The same game with the ratifier's type drawn at the root and hidden from Russia and
    the negotiator (their information sets hold both type nodes)."""
    v = {**DEFAULTS, **{k: F(x) for k, x in values.items()}}
    game = gt.ExtensiveFormGame(list(m.PLAYERS))
    for typ, node in zip(m.TYPES, game.root.chance({"dovish": v["pi"], "hawkish": 1 - v["pi"]})):
        no_deal, *offers = node.decide("Russia", [m.NO_DEAL, *(f"offer {x}" for x in terms)],
                                       infoset="Russia")
        no_deal.payoffs(-v["c_R"], v["r_N"], 0)
        for x, n in zip(terms, offers):
            refuse, sign = n.decide("Negotiator", ["refuse", "sign"],
                                    infoset=f"Negotiator | offer {x}")
            refuse.payoffs(-v["c_R"], v["r_N"], 0)
            yes, no = sign.decide("Ratifier", ["ratify", "reject"],
                                  infoset=f"Ratifier | offer {x}, {typ}")
            yes.payoffs(1 - x - v["t_R"] * v["g"], x + v["g"], x + v["g"] - v[RESERVE[typ]])
            no.payoffs(-v["c_R"], v["r_N"] - v["a"], 0)
    return game


@pytest.mark.parametrize("values", [dict(pi=F(2, 3)), dict(pi=F(1, 10))])
def test_spe_are_the_sequential_equilibria_with_the_type_drawn_first(values):
    """Kreps & Wilson (1982): with the type drawn first and hidden, method='sequential'
    finds the same pure profiles as backward induction on the model's tree, with the
    prior as the belief at every information set of Russia and the negotiator."""
    terms = (F(1, 4), F(3, 4))                # the dove's and the hawk's prices
    sol = gt.solve(type_drawn_first(terms, **values), method="sequential")
    profiles = {frozenset((h, a) for h, d in e.behavior.items() for a, p in d.items()
                          if p > 0.5) for e in sol.equilibria}
    spe = m.analyze(terms, **values)
    assert profiles == set(solver_equilibria(spe))
    assert spe["offer"] == (F(1, 4) if values["pi"] > F(5, 9) else F(3, 4))
    pi = float(values["pi"])
    for e in sol.equilibria:
        assert set(e.beliefs) == {"Russia"} | {f"Negotiator | offer {x}" for x in terms}
        for belief in e.beliefs.values():
            prior = {node: pi if node.startswith("dovish") else 1 - pi for node in belief}
            assert belief == pytest.approx(prior)


@pytest.mark.parametrize("levels", [None, m.LEVELS])
def test_build_leaves_parameters_symbolic_with_metadata(levels):
    unused = {"b_G", "k_G"} if levels is None else {"g"}
    g = m.build(levels=levels)
    assert {p.name for p in g.parameters} == set(m.PARAMETERS) - unused
    for name in set(m.PARAMETERS) - unused:
        default, domain, meaning, latex = m.PARAMETERS[name]
        info = g.parameter_info[name]
        assert (info.default, info.domain, info.description, info.latex) == \
            (default, domain, meaning, latex)
    used = {k: v for k, v in DEFAULTS.items() if k not in unused}
    assert m.build(levels=levels, **used) == m.build(levels=levels).substitute(**used)
    assert {p.name for p in m.build(levels=levels, pi="1/4", r_D=2).parameters} == \
        set(m.PARAMETERS) - unused - {"pi", "r_D"}


def test_tree_sizes():
    assert m.build((0, 1)).num_nodes == 2 + 9 * 2
    assert m.build((0, 1), levels=(0, 1, 2)).num_nodes == 1 + 3 * (2 + 9 * 2)
    assert tuple(m.build(levels=m.LEVELS).players) == (m.GUARANTORS, *m.PLAYERS)


def test_equilibrium_offer_rule_matches_the_solver():
    """The docstring's rule (x_S if D - x_S > max(0, pi (D - x_R)), x_R if
    pi (D - x_R) > max(0, D - x_S), else no deal) wherever it applies on the grid."""
    checked = 0
    for pi, r_H, g in GRID:
        try:
            rule = m.equilibrium_offer(pi=pi, r_H=r_H, g=g)
        except GameError:
            continue
        out = m.analyze(pi=pi, r_H=r_H, g=g)
        if rule["offer"] is None:             # no agreement, whichever offer is refused
            assert {e["agreement_probability"] for e in out["equilibria"]} == {0}
            assert None in [e["offer"] for e in out["equilibria"]]
        else:
            assert out["num_equilibria"] == 1
            assert (out["offer"], out["agreement_probability"]) == \
                (rule["offer"], rule["agreement_probability"])
        checked += 1
    assert checked >= 30


def random_points(n, seed=15):
    """Exact parameter points with small denominators, r_D < r_H."""
    rng = random.Random(seed)

    def q(lo, hi, den=24):
        return F(rng.randint(lo * den, hi * den), den)

    for _ in range(n):
        r_D, r_H = sorted(rng.sample([q(-1, 2) for _ in range(5)], 2))
        if r_D < r_H:
            yield dict(pi=q(0, 1), r_D=r_D, r_H=r_H, r_N=q(-1, 1), a=q(0, 1), g=q(0, 1),
                       c_R=q(0, 2), t_R=q(0, 2))


@pytest.mark.parametrize("values", list(random_points(40)))
def test_random_points(values):
    """Solver against the enumeration of the docstring's rules, and against the offer
    rule where it applies (no tie)."""
    out = m.analyze(**values)
    assert solver_equilibria(out) == analytic_equilibria(**values)
    try:
        rule = m.equilibrium_offer(**values)
    except GameError:
        return
    assert out["agreement_probability"] == rule["agreement_probability"]
    if rule["offer"] is not None:
        assert (out["num_equilibria"], out["offer"]) == (1, rule["offer"])


@pytest.mark.parametrize("values", [{}, dict(k_G=3), dict(k_G=F(5, 2) - F(1, 100)),
                                    dict(k_G=F(5, 2) + F(1, 100)), dict(pi=F(3, 4)),
                                    dict(pi=F(3, 4), k_G=F(1, 10)), dict(pi=F(1, 6)),
                                    dict(b_G=F(1, 10)), dict(b_G=0, k_G=1),
                                    dict(r_H=F(21, 20)), dict(r_H=F(2, 3))])
def test_guarantors_choose_as_derived(values):
    out = m.analyze(levels=m.LEVELS, **values)
    assert out["levels"] == m.LEVELS and "g" not in out["parameters"]
    rule = m.guarantee_choice(**values)
    assert out["num_equilibria"] == 1 and out["guarantee"] == rule["level"]
    assert out["agreement_probability"] == rule["agreement_probability"][rule["level"]]
    assert out["payoffs"]["Guarantors"] == rule["value"][rule["level"]]
    sub = m.analyze(g=rule["level"], **{k: v for k, v in values.items()
                                        if k not in ("b_G", "k_G")})
    assert (sub["offer"], sub["payoffs"]["Russia"]) == (out["offer"], out["payoffs"]["Russia"])


def test_guarantors_ties():
    # at k_G = 5/2 the token and the moderate guarantee are worth the same:
    # (1/2)(1 - (5/2)(1/10)) = 3/8 = 1 - (5/2)(1/4)
    with pytest.raises(GameError, match="indifferent between levels 1/10, 1/4"):
        m.guarantee_choice(k_G=F(5, 2))
    out = m.analyze(levels=m.LEVELS, k_G=F(5, 2))
    assert [e["guarantee"] for e in out["equilibria"]] == [F(1, 10), F(1, 4)]
    assert not out["complete"]
    # r_H = 3/2: the hawk is indifferent at terms 1 under the guarantee 1/2; the rule
    # refuses, the solver lists every pure SPE
    with pytest.raises(GameError, match="ratifier type is indifferent"):
        m.guarantee_choice(r_H=F(3, 2))
    assert m.analyze(levels=m.LEVELS, r_H=F(3, 2))["tie"]


def test_a_stricter_hawk_needs_a_stronger_guarantee():
    # r_H = 21/20: only the full guarantee brings the hawk's price within Russia's reach
    rule = m.guarantee_choice(r_H=F(21, 20))
    assert rule["level"] == 1 and rule["agreement_probability"][F(1, 2)] == F(1, 2)


def test_guarantors_closed_form_at_the_defaults():
    rule = m.guarantee_choice()
    assert rule["agreement_probability"] == dict(zip(m.LEVELS, [F(1, 2), 1, 1, 1]))
    assert rule["level"] == F(1, 4)
    assert m.critical_pi(g=F(1, 10))[-1] == F(9, 19)          # the token guarantee's pi*
    # k_G* = (1 - pi) b_G / (g_1 - pi g_pi) with g_1 = 1/4, g_pi = 1/10
    assert m.critical_k_G() == [F(1, 2) / (F(1, 4) - F(1, 20))] == [F(5, 2)]
    assert m.critical_k_G(pi=F(3, 4)) == [F(1, 4) / (1 - F(3, 40))] == [F(10, 37)]
    assert m.critical_k_G(b_G=2) == [F(5)]


@pytest.mark.parametrize("fixed", [{}, dict(pi=F(3, 4)), dict(pi=F(1, 6))])
def test_critical_values_in_k_G_equal_the_formula(fixed):
    game = m.build(levels=m.LEVELS)
    found = [c.value for c in gt.critical_values(game, "k_G", **fixed)]
    assert found == m.critical_k_G(**fixed)


def test_equilibrium_map_in_k_G():
    emap = gt.equilibrium_map(m.build(levels=m.LEVELS), ["k_G"])
    assert emap.complete
    assert [r.text for r in emap.regions] == ["k_G < 5/2", "k_G = 5/2", "k_G > 5/2"]
    chosen = [m.analyze(levels=m.LEVELS, **r.point)["guarantee"] for r in emap.regions]
    assert chosen == [F(1, 4), F(1, 10), F(1, 10)]     # at k_G = 5/2 both are listed
    assert [len(r.equilibria) for r in emap.regions] == [1, 2, 1]


def test_bad_input():
    with pytest.raises(GameError, match="unknown parameter 'q' of ratification"):
        m.analyze(q=1)
    with pytest.raises(GameError, match="'pi'"):
        m.build(pi=2)
    with pytest.raises(GameError, match="'g'"):
        m.build(g=-1)
    with pytest.raises(GameError, match="increase strictly"):
        m.build((F(1, 2), 0))
    with pytest.raises(GameError, match="increase strictly"):
        m.analyze((0, 2))
    with pytest.raises(GameError, match="non-empty sequence"):
        m.build("0 1")
    with pytest.raises(GameError, match="r_D < r_H"):
        m.critical_pi(r_D=1)
    with pytest.raises(GameError, match="ratifier type is indifferent"):
        m.critical_pi(r_H=1)
    with pytest.raises(GameError, match="do not give it a value"):
        m.critical_pi(pi="1/2")
    with pytest.raises(GameError, match="do not give it a value"):
        m.hawk_limit(r_H=1)
    with pytest.raises(GameError, match="not a rational number"):
        m.analyze(pi="sqrt(2)/2")
    with pytest.raises(GameError, match="guarantors choose g"):
        m.build(levels=m.LEVELS, g=1)
    with pytest.raises(GameError, match="k_G is used only with levels"):
        m.analyze(k_G=1)
    with pytest.raises(GameError, match="b_G is used only with levels"):
        m.build(b_G=1)
    with pytest.raises(GameError, match="levels must increase strictly"):
        m.analyze(levels=(1, F(1, 2)))
    with pytest.raises(GameError, match="levels must increase strictly"):
        m.build(levels=(-1, 1))
    with pytest.raises(GameError, match="do not give it a value"):
        m.critical_k_G(k_G=1)
    with pytest.raises(GameError, match="indifferent between two offers"):
        m.equilibrium_offer(pi=F(5, 9))
