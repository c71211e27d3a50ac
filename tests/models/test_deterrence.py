"""deterrence: the solver's equilibria against the analytic solution of the module
docstring (Zagare & Kilgour 2000-style credibility threshold p* = W / (W + C)) on a grid
of exact parameter values, ties included; gt.critical_values in p against critical_p."""

import itertools
from fractions import Fraction as F

import numpy as np
import pytest

import gametheory as gt
from gametheory.errors import GameError
from gametheory.models import deterrence as m

DEFAULTS = {k: F(v[0]) for k, v in m.PARAMETERS.items()}


def analytic_equilibria(**values):
    """Every pure SPE by the docstring: a type resists iff k < L, the challenger
    challenges iff rho < W / (W + C), both choices at each indifference.
    Returns {(challenges, resists hard, resists soft): (u_Challenger, u_Defender)}."""
    v = {**DEFAULTS, **{k: F(x) for k, x in values.items()}}
    prior = {"hard": v["p"], "soft": 1 - v["p"]}

    def options(a, b):                   # 1 = first choice is best; both at a tie
        return [1] if a > b else [0] if a < b else [1, 0]

    out = {}
    for res in itertools.product(*[options(-v[f"k_{t}"], -v["L"]) for t in m.TYPES]):
        r = dict(zip(m.TYPES, res))
        challenger = sum(prior[t] * (-v["C"] if r[t] else v["W"]) for t in m.TYPES)
        defender = sum(prior[t] * (-v[f"k_{t}"] if r[t] else -v["L"]) for t in m.TYPES)
        for ch in options(challenger, F(0)):
            out[(ch, *res)] = (challenger, defender) if ch else (F(0), F(0))
    return out


def solver_equilibria(out):
    return {(int(e["challenges"]), int(e["resists"]["hard"]), int(e["resists"]["soft"])):
            (e["payoffs"]["Challenger"], e["payoffs"]["Defender"])
            for e in out["equilibria"]}


GRID = list(itertools.product(
    [F(0), F(1, 5), F(1, 3), F(1, 2), F(3, 4), F(1)],           # p (p* = 1/3 at W=1, C=2)
    [(1, 2), (3, 1), (0, 1), (1, 0), (0, 0)],                   # (W, C)
    [(F(1, 2), 2), (2, F(1, 2)), (F(1, 2), F(1, 2)), (1, 2), (2, 3)]))   # (k_hard, k_soft)


@pytest.mark.parametrize("p, wc, ks", GRID)
def test_solver_matches_analytic_solution(p, wc, ks):
    values = dict(p=p, W=wc[0], C=wc[1], k_hard=ks[0], k_soft=ks[1])
    out = m.analyze(**values)
    # every pure SPE is listed; at a tie mixed SPE exist too, so complete only without ties
    assert out["complete"] == (not out["tie"])
    assert solver_equilibria(out) == analytic_equilibria(**values)
    assert out["tie"] == (out["num_equilibria"] > 1)


@pytest.mark.parametrize("W, C", [(1, 2), (3, 1), (F(1, 2), F(7, 3)), (5, 5)])
def test_challenge_iff_credibility_below_threshold(W, C):
    """With the hard type resisting and the soft one conceding, a challenge comes iff
    p < W / (W + C) and meets resistance with probability p."""
    star = m.threshold(W=W, C=C)
    assert star == F(W) / (F(W) + F(C))
    for p in [star / 2, star, (1 + star) / 2]:
        out = m.analyze(p=p, W=W, C=C)
        if p < star:
            assert out["num_equilibria"] == 1 and out["challenges"] == 1
            assert out["conflict_probability"] == p
            assert out["payoffs"]["Challenger"] == (1 - p) * W - p * C
        elif p > star:
            assert out["num_equilibria"] == 1 and out["deterred"]
            assert out["conflict_probability"] == 0 and out["payoffs"]["Challenger"] == 0
        else:
            assert [e["challenges"] for e in out["equilibria"]] == [0, 1]


@pytest.mark.parametrize("fixed", [{}, dict(W=3, C=1), dict(W=1, C=4, L=F(3, 2)),
                                   dict(k_hard=2, k_soft=F(1, 2)),      # reversed types
                                   dict(k_soft=F(1, 3)),                # both resist
                                   dict(k_hard=5),                      # both concede
                                   dict(W=0), dict(C=0), dict(W=0, C=0)])
def test_critical_values_equal_the_formulas(fixed):
    game = m.build(**{k: v for k, v in {**DEFAULTS, **fixed}.items() if k != "p"})
    found = [c.value for c in gt.critical_values(game, "p")]
    assert found == m.critical_p(**fixed)


def test_critical_values_at_defaults_and_symbolic_threshold():
    cv = gt.critical_values(m.build(), "p")          # other parameters at their defaults
    assert [c.value for c in cv] == [F(1, 3)]
    assert len(cv[0].at) == 2                        # the tie at p*
    W, C = gt.parameters("W C")
    assert m.threshold() == W / (W + C)


def test_sweep_over_p_shows_the_threshold():
    # p = 0 is a region of its own (the hard branch is never reached there); the grid
    # point 1/3 shows the tie: two equilibria on a one-point region
    regions = gt.sweep(m.build(), {"p": np.linspace(0, 1, 31)}).regions("p")
    assert [len(r.solution.equilibria) for r in regions] == [1, 1, 2, 1]
    assert regions[1].hi == pytest.approx(1 / 3, abs=1e-9)
    assert regions[3].lo == pytest.approx(1 / 3, abs=1e-9) and regions[3].hi == 1
    assert [m.analyze(p=F(r.lo + r.hi) / 2)["challenges"] for r in regions[1::2]] == [1, 0]


def test_build_leaves_parameters_symbolic_with_metadata():
    g = m.build()
    assert {p.name for p in g.parameters} == set(m.PARAMETERS)
    for name, (default, domain, meaning) in m.PARAMETERS.items():
        info = g.parameter_info[name]
        assert (info.default, info.domain, info.description) == (default, domain, meaning)
    assert m.build(**DEFAULTS) == m.build().substitute(**DEFAULTS)
    assert {p.name for p in m.build(p="1/4", W=2).parameters} == \
        set(m.PARAMETERS) - {"p", "W"}


def test_bad_input():
    with pytest.raises(GameError, match="unknown parameter 'q' of deterrence"):
        m.analyze(q=1)
    with pytest.raises(GameError, match="'p'"):
        m.build(p=2)
    with pytest.raises(GameError, match="k_hard != L"):
        m.critical_p(k_hard=1)
    with pytest.raises(GameError, match="W . C > 0"):
        m.threshold(W=0, C=0)
    with pytest.raises(GameError, match="not a rational number"):
        m.analyze(p="sqrt(2)/2")
