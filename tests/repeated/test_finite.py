"""Finitely repeated games: unravelling with a unique stage equilibrium (Luce & Raiffa
1957, ch. 5; Selten 1978) and sustained non-equilibrium play with several stage
equilibria (Benoit & Krishna 1985; Gibbons 1992, sec. 2.3.A)."""

import itertools
from fractions import Fraction as F

import pytest

import gametheory as gt
from gametheory.errors import GameError, SolverError
from gametheory.repeated import finite as fin


def pd():
    return gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
                                         players=["Row", "Col"],
                                         strategies=[["C", "D"], ["C", "D"]])


def gibbons():
    # Gibbons (1992), sec. 2.3.A: pure stage equilibria (L, L) worth 1 and (R, R) worth 3;
    # (M, M) worth 4 is not one (L against M pays 5).
    A = [[1, 5, 0], [0, 4, 0], [0, 0, 3]]
    return gt.NormalFormGame.from_arrays(A, [list(r) for r in zip(*A)],
                                         strategies=[["L", "M", "R"]] * 2)


@pytest.mark.parametrize("T", [1, 2, 3, 5])
def test_prisoners_dilemma_unravels(T):
    res = gt.RepeatedGame(pd()).finite(T)
    assert res.method == "unravelling"
    assert res.path_count == 1
    assert res.paths == (((("D", "D"),) * T, (T, T)),)
    assert res.playable == ((("D", "D"),),) * T
    assert "unravelling" in str(res)


def test_unique_mixed_equilibrium_unravels():
    mp = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    res = gt.RepeatedGame(mp).finite(3)
    assert res.method == "unravelling" and res.payoffs[-1] == ((0, 0),)
    assert res.paths[0][0] == (("a1 1/2 a2 1/2", "b1 1/2 b2 1/2"),) * 3


def test_discounted_unravelling_payoffs():
    res = gt.RepeatedGame(pd(), discount="1/2").finite(3)
    assert res.discount == F(1, 2)
    assert res.payoffs[-1] == ((F(7, 4), F(7, 4)),)       # 1 + 1/2 + 1/4


def brute_force_two_periods(g):
    """Every pure SPE path of the 2-period game, by enumerating period-1 profiles and
    every assignment of a pure stage equilibrium to each of the 9 period-2 subgames."""
    U = g.exact_payoffs()
    profiles = list(itertools.product(range(3), range(3)))
    nash = [a for a in profiles
            if all(U[(0, a[0], a[1])] >= U[(0, b, a[1])] for b in range(3))
            and all(U[(1, a[0], a[1])] >= U[(1, a[0], b)] for b in range(3))]
    paths = set()
    for plan in itertools.product(nash, repeat=len(profiles)):
        cont = dict(zip(profiles, plan))
        def total(j, prof, cont=cont):
            return U[(j, *prof)] + U[(j, *cont[prof])]
        for a in profiles:
            ok = all(total(0, a) >= total(0, (b, a[1])) for b in range(3)) and \
                all(total(1, a) >= total(1, (a[0], b)) for b in range(3))
            if ok:
                paths.add((a, cont[a]))
    lab = g.strategies
    return {tuple((lab[0][x[0]], lab[1][x[1]]) for x in p) for p in paths}


def test_benoit_krishna_two_periods_against_brute_force():
    rep = gt.RepeatedGame(gibbons())
    res = rep.finite(2)
    assert res.method == "backward induction"
    # (M, M) in period 1, then (R, R), deviations punished by (L, L): gain 5 - 4 = 1 is
    # at most 3 - 1 = 2 (Gibbons 1992, sec. 2.3.A)
    paths = {p for p, _ in res.paths}
    assert (("M", "M"), ("R", "R")) in paths
    assert ("M", "M") in res.playable[0] and res.playable[1] == (("L", "L"), ("R", "R"))
    assert paths == brute_force_two_periods(gibbons())
    assert res.path_count == len(paths)
    assert (F(7), F(7)) in res.payoffs[1] and res.worst[1] == (2, 2)
    # the mixed stage equilibrium (L 3/4, R 1/4 for each) is worth 3/4 < 1: a harsher
    # punishment the pure-strategy computation leaves out, as its note says
    assert len(res.notes) == 1 and "mixed stage equilibrium" in res.notes[0]


def test_benoit_krishna_three_periods():
    res = gt.RepeatedGame(gibbons()).finite(3)
    paths = {p for p, _ in res.paths}
    # cooperation in all but the last period (Benoit & Krishna 1985)
    assert (("M", "M"), ("M", "M"), ("R", "R")) in paths
    assert not any(p[-1] == ("M", "M") for p in paths)
    assert res.playable[2] == (("L", "L"), ("R", "R"))


def test_three_players():
    # Three players, each choosing 0 or 1: all matching pays 2 (all 1) or 1 (all 0);
    # a mismatch pays 0 to the odd one out and 3 to the others. Pure stage equilibria:
    # (0, 0, 0) and (1, 1, 1) only.
    import numpy as np

    U = np.zeros((3, 2, 2, 2), dtype=object)
    for a in np.ndindex(2, 2, 2):
        for i in range(3):
            if len(set(a)) == 1:
                U[(i, *a)] = 2 if a[0] == 1 else 1
            else:
                odd = a[i] != max(set(a), key=a.count)
                U[(i, *a)] = 0 if odd else 3
    res = gt.RepeatedGame(gt.NormalFormGame(U)).finite(2)
    assert res.playable[1] == (("a1", "b1", "c1"), ("a2", "b2", "c2"))
    # a mismatched profile in period 1: the odd player would gain 1 (matching pays 1 or
    # 2) and the others lose nothing by staying... every listed path passes the test
    U_ = gt.NormalFormGame(U).exact_payoffs()
    worst = res.worst[0]
    for path, _ in res.paths:
        a = tuple(gt.NormalFormGame(U).strategy_index(i, x) for i, x in enumerate(path[0]))
        w = tuple(gt.NormalFormGame(U).strategy_index(i, x) for i, x in enumerate(path[1]))
        for i in range(3):
            for b in range(2):
                dev = a[:i] + (b,) + a[i + 1:]
                assert U_[(i, *a)] + U_[(i, *w)] >= U_[(i, *dev)] + worst[i]


def test_discount_decides_period_one():
    # with delta, (M, M) in period 1 needs 1 <= delta * (3 - 1)
    g = gibbons()
    yes = gt.RepeatedGame(g).finite(2, discount="1/2")
    no = gt.RepeatedGame(g).finite(2, discount="49/100")
    assert ("M", "M") in yes.playable[0] and ("M", "M") not in no.playable[0]


def test_horizon_in_constructor_and_records():
    rep = gt.RepeatedGame(gibbons(), horizon=2)
    assert rep.horizon == 2 and "horizon 2" in repr(rep)
    res = rep.finite()
    rows = res.records()
    assert len(rows) == res.path_count
    assert {"path", "period 1", "period 2", "payoff:Player 1"} <= set(rows[0])
    assert "period 1:" in str(res) and "SPE paths" in str(res)


def test_limits_and_errors(monkeypatch):
    rep = gt.RepeatedGame(gibbons())
    few = rep.finite(3, max_paths=3)
    assert few.paths is None and few.path_count > 3
    with pytest.raises(GameError, match="too many to list"):
        few.records()
    monkeypatch.setattr(fin, "MAX_WORK", 20)
    with pytest.raises(SolverError, match="exceed 20"):
        rep.finite(3)
    with pytest.raises(GameError, match="needs a horizon"):
        rep.finite()
    with pytest.raises(GameError, match="positive number"):
        rep.finite(0)
    q = gt.parameters("q")
    sym = gt.RepeatedGame(gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]]))
    with pytest.raises(GameError, match="numeric stage payoffs"):
        sym.finite(2)
