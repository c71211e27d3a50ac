"""Critical discount factors of infinitely repeated games, each threshold checked by the
exact one-shot deviation principle on both sides (Mailath & Samuelson 2006, ch. 2)."""

from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import GameError, SolverError
from gametheory.repeated import discount as disc

EPS = F(1, 10**6)


def pd(T=5, R=3, P=1, S=0):
    return gt.NormalFormGame.from_arrays([[R, S], [T, P]], [[R, T], [S, P]],
                                         players=["Row", "Col"],
                                         strategies=[["C", "D"], ["C", "D"]])


def symmetric(A, labels, players=("Row", "Col")):
    return gt.NormalFormGame.from_arrays(A, [list(r) for r in zip(*A)], players=list(players),
                                         strategies=[labels, labels])


def cournot(quantities, firms=2, a=12):
    """Quantity competition with inverse demand a - Q and no costs."""
    qs = [F(q) for q in quantities]
    n = len(qs)
    U = np.empty((firms,) + (n,) * firms, dtype=object)
    for idx in np.ndindex(*(n,) * firms):
        Q = sum(qs[k] for k in idx)
        for i in range(firms):
            U[(i, *idx)] = qs[idx[i]] * (a - Q)
    return gt.NormalFormGame(U, strategies=[[str(q) for q in quantities]] * firms)


def both_sides(rep, profile, value, **kw):
    """The strategy profile is subgame perfect at and just above ``value`` and not just
    below it (when ``value`` > 0)."""
    assert rep.is_subgame_perfect(profile, discount=value, **kw).ok
    assert rep.is_subgame_perfect(profile, discount=value + EPS, **kw).ok
    if value > 0:
        below = rep.is_subgame_perfect(profile, discount=value - EPS, **kw)
        assert not below.ok and below.deviations


# ----------------------------------------------------------------------------- known answers
@pytest.mark.parametrize("T,R,P,S", [(5, 3, 1, 0), (4, 3, 0, -1), (10, 9, 3, 1), (3, 2, 1, 0)])
def test_prisoners_dilemma_grim_threshold(T, R, P, S):
    # Grim trigger sustains cooperation iff delta >= (T - R)/(T - P): Mailath & Samuelson
    # (2006) ch. 2; Osborne (2004) An Introduction to Game Theory, ch. 14.
    rep = gt.RepeatedGame(pd(T, R, P, S))
    th = rep.critical_discount(("C", "C"))
    assert th.value == F(T - R, T - P)
    assert isinstance(th.value, F)
    assert {c.player for c in th.binding} == {"Row", "Col"}
    both_sides(rep, ("C", "C"), th.value)


def test_prisoners_dilemma_optimal_is_exact():
    # (D, D) gives each player their minmax payoff P, so Nash reversion is an optimal
    # penal code (Abreu 1988): the "optimal" threshold equals the minmax bound.
    rep = gt.RepeatedGame(pd())
    th = rep.critical_discount(("C", "C"), "optimal")
    assert th.value == th.lower_bound == F(1, 2) and th.exact
    assert rep.minmax("Row") == 1
    assert "optimal: equals the minmax bound" in str(th)


def test_cournot_duopoly_nine_seventeenths():
    # Linear Cournot duopoly, demand 12 - Q, no costs: collusion (3, 3) against Nash
    # reversion to (4, 4) needs delta >= 9/17 (Friedman 1971; Gibbons 1992, sec. 2.3.C).
    # The grid holds the best deviation 9/2 against 3.
    rep = gt.RepeatedGame(cournot([3, 4, F(9, 2)]))
    th = rep.critical_discount(("3", "3"))
    assert th.value == F(9, 17)
    both_sides(rep, ("3", "3"), th.value)


def test_cournot_three_firms():
    # Friedman's (1971) argument with n firms, demand a - Q: collusive profit a^2/(4n),
    # Cournot a^2/(n+1)^2, best deviation a^2 (n+1)^2/(16 n^2), so Nash reversion needs
    # delta >= (n + 1)^2 / (n^2 + 6n + 1): 9/17 for n = 2, 4/7 for n = 3 (a = 12:
    # collusive quantity 2, Cournot 3, best deviation 4).
    rep = gt.RepeatedGame(cournot([2, 3, 4], firms=3))
    th = rep.critical_discount(("2", "2", "2"), reversion=("3", "3", "3"))
    assert th.value == F(16, 28)
    both_sides(rep, ("2", "2", "2"), th.value, reversion=("3", "3", "3"))


def test_abreu_stick_and_carrot_cournot():
    # Abreu (1986): in the symmetric linear Cournot duopoly the best symmetric two-phase
    # punishment is one period of a high output x, then back to collusion. With demand
    # 24 - Q and no costs (derived here): collusion 6 each (72), best deviation 9 (81),
    # Cournot 8 (64). Both constraints bind at the best x: on the path
    # delta (72 - pi(x)) >= 81 - 72 and in the stick delta (72 - pi(x)) >= d(x) - pi(x),
    # so d(x) - pi(x) = 9: x = 10 (pi = 40, best reply 7 gives d = 49), delta >= 9/32,
    # against 9/17 for Nash reversion (Friedman 1971). The grid holds every action these
    # use (6, 7, 8, 9, 10).
    qs = [6, 7, 8, 9, 10]
    rep = gt.RepeatedGame(cournot(qs, a=24))
    assert rep.critical_discount(("6", "6"), reversion=("8", "8")).value == F(9, 17)
    sticks = {0: ("10", "10"), 1: ("10", "10")}
    th = rep.critical_discount(("6", "6"), "stick", sticks=sticks)
    assert th.value == F(9, 32)
    assert {c.phase for c in th.binding} == {"cooperation", "stick for Player 1",
                                             "stick for Player 2"}
    both_sides(rep, ("6", "6"), th.value, punishment="stick", sticks=sticks)
    # the stick's value (1 - delta) 40 + delta 72 is 49 at 9/32: the minmax in this grid
    # (against 10 the best reply 7 earns 49), so here the code is optimal (Abreu 1988)
    opt = rep.critical_discount(("6", "6"), "optimal")
    assert rep.minmax(0) == 49
    assert opt.value == opt.lower_bound == F(9, 32) and opt.exact
    # player-specific Nash reversion to the asymmetric stage equilibria (7, 9), (9, 7)
    # (ties in the grid), worth 56 to the deviator, already beats symmetric reversion
    grim = rep.critical_discount(("6", "6"))
    assert grim.value == F(9, 81 - 56)


def harsh_game():
    # A 3 x 3 stage game (constructed here; thresholds derived by hand below) with one
    # stage equilibrium (M, M) worth 7 and a harsh action H: (L, L) worth 10, a deviation
    # to M worth 15.
    return symmetric([[10, 3, 0], [15, 7, -4], [7, 5, -15]], ["L", "M", "H"])


def test_stick_and_carrot_beats_nash_reversion():
    rep = gt.RepeatedGame(harsh_game())
    grim = rep.critical_discount(("L", "L"))
    assert grim.value == F(5, 8)                      # (15 - 10)/(15 - 7)
    # Symmetric stick (H, H) for one period, then back to (L, L) (Abreu 1986): on the
    # path delta * (10 + 15) >= 15 - 10; in the stick (deviating to L pays 0 against H)
    # delta * 25 >= 0 - (-15): delta >= 3/5.
    st_ = rep.critical_discount(("L", "L"), "stick", sticks={"Row": ("H", "H"),
                                                             "Col": ("H", "H")})
    assert st_.value == F(3, 5)
    assert {(c.phase, c.gain, c.weight) for c in st_.binding} == {
        ("stick for Row", 15, 25), ("stick for Col", 15, 25)}
    both_sides(rep, ("L", "L"), st_.value, punishment="stick",
               sticks={"Row": ("H", "H"), "Col": ("H", "H")})
    # The best code of the family: player-specific sticks (M, H) for Row, (H, M) for Col:
    # Row gets -4 in his stick, so delta * 14 >= 5 on the path; in his stick L pays 0
    # (gain 4 <= 14 delta); Col's gain in Row's stick is 7 - 5 = 2. Threshold 5/14; the
    # minmax bound (minmax 0: column H holds Row to 0) is (15 - 10)/15 = 1/3.
    opt = rep.critical_discount(("L", "L"), "optimal")
    assert opt.value == F(5, 14) and opt.lower_bound == F(1, 3) and not opt.exact
    assert "lies in [1/3, 5/14]" in str(opt)
    both_sides(rep, ("L", "L"), opt.value, punishment="optimal")
    # below 5/14 no code of the family works
    assert opt.strategy_at(opt.value - EPS) is None


def test_nash_profile_threshold_zero_and_reversion_choice():
    rep = gt.RepeatedGame(pd())
    th = rep.critical_discount(("D", "D"))
    assert th.value == 0 and not th.binding
    assert rep.is_subgame_perfect(("D", "D"), discount=EPS).ok
    # Battle of the sexes: reverting to the equilibrium worst for each deviator
    bos = gt.NormalFormGame.from_arrays([[3, 0], [0, 1]], [[1, 0], [0, 3]],
                                        strategies=[["O", "F"], ["O", "F"]])
    rep = gt.RepeatedGame(bos)
    worst = rep.critical_discount(("O", "O"))
    assert worst.value == 0                          # a stage equilibrium
    # the mixed stage equilibrium, worth 3/4 to both, is the worst for each; (O, F) pays
    # 0 to both and Row gains 1 by F: delta * (1 - 3/4) >= 1 needs delta >= 4
    th = rep.critical_discount(("O", "F"))
    assert "O 3/4 F 1/4" in th.code
    assert th.value is None and th.reason == ("Player 1's deviation to F in cooperation "
                                              "needs delta >= 4, not below 1")


def test_punishment_better_than_path_gives_bounded_interval():
    # (U, L) is a stage equilibrium worth (3, 3); reverting to (D, R), worth (5, 5), is a
    # reward, not a punishment: Row's constraint delta * (1 - 5) >= 1 - 3 holds only for
    # delta <= 1/2 (Col's for delta <= 3/5), so the path is sustained on [0, 1/2] only.
    g = gt.NormalFormGame.from_arrays([[3, 0], [1, 5]], [[3, 0], [4, 5]],
                                      strategies=[["U", "D"], ["L", "R"]])
    rep = gt.RepeatedGame(g)
    th = rep.critical_discount(("U", "L"), reversion=("D", "R"))
    assert th.value is None and th.sustained == ((0, F(1, 2)),)
    assert "only for delta in [0, 1/2]" in th.reason
    assert rep.is_subgame_perfect(("U", "L"), reversion=("D", "R"), discount="1/2").ok
    bad = rep.is_subgame_perfect(("U", "L"), reversion=("D", "R"), discount=F(1, 2) + EPS)
    assert not bad.ok and {d.player for d in bad.deviations} == {"Player 1"}
    # With Col tempted (4 > 3) and the reversion paying him 5 > 4, no delta works
    g2 = gt.NormalFormGame.from_arrays([[3, 0], [1, 5]], [[3, 4], [0, 5]],
                                       strategies=[["U", "D"], ["L", "R"]])
    th2 = gt.RepeatedGame(g2).critical_discount(("U", "L"), reversion=("D", "R"))
    assert th2.value is None and th2.sustained == ()
    assert "Player 2's deviation to R" in th2.reason


def test_never_sustainable_below_punishment():
    # (C, D) in the PD pays Row S = 0 < P = 1 (his reversion payoff): never sustained
    rep = gt.RepeatedGame(pd())
    th = rep.critical_discount(("C", "D"))
    assert th.value is None and "Row" in th.reason
    with pytest.raises(GameError, match="no critical discount"):
        float(th)
    opt = rep.critical_discount(("C", "D"), "optimal")
    assert opt.value is None and opt.exact      # minmax bound excludes it


# ----------------------------------------------------------------------------- symbolic
def test_symbolic_prisoners_dilemma():
    T, R, P, S = gt.parameters("T R P S")
    g = gt.NormalFormGame.from_arrays([[R, S], [T, P]], [[R, T], [S, P]],
                                      strategies=[["C", "D"], ["C", "D"]])
    rep = gt.RepeatedGame(g)
    th = rep.critical_discount(("C", "C"), reversion=("D", "D"))
    assert sympy.simplify(th.value - (T - R) / (T - P)) == 0
    at = {T: 5, R: 3, P: 1, S: 0}
    assert th.condition.subs(at) == sympy.true
    assert th.value.subs(at) == sympy.Rational(1, 2)
    pw = th.piecewise()
    assert pw.subs({T: 2, R: 3, P: 1, S: 0}) == 0           # nobody tempted
    assert pw.subs({T: 5, R: 0, P: 1, S: 0}) is sympy.nan   # R < P: not covered
    # numeric thresholds agree with the formula at sample points
    for vals in [dict(T=7, R=4, P=2, S=-1), dict(T=6, R=5, P=1, S=0)]:
        num = gt.RepeatedGame(g.substitute(**vals)).critical_discount(("C", "C")).value
        assert th.value.subs({sympy.Symbol(k, real=True): v for k, v in vals.items()}) == num


def test_symbolic_needs_reversion_and_grim():
    T = gt.parameters("T")
    rep = gt.RepeatedGame(gt.NormalFormGame.from_arrays([[3, 0], [T, 1]], [[3, T], [0, 1]]))
    with pytest.raises(GameError, match="reversion="):
        rep.critical_discount((0, 0))
    with pytest.raises(GameError, match="numeric stage payoffs"):
        rep.critical_discount((0, 0), "optimal")


# ----------------------------------------------------------------------------- critical values
def test_critical_values_in_delta():
    rep = gt.RepeatedGame(harsh_game())
    cvs = gt.critical_values(rep, "delta")
    grim = {c.value: c for c in cvs}
    assert sympy.Rational(5, 8) in grim
    c = grim[sympy.Rational(5, 8)]
    assert ("L", "L") in c.above and ("L", "L") not in c.below and ("L", "L") in c.at
    assert "(L, L) sustained by grim trigger" in c.description
    # every threshold is confirmed by one-shot deviation checks on both sides
    for c in cvs:
        for p in c.above:
            if p not in c.below:
                assert rep.is_subgame_perfect(p, discount=c.above_at).ok
                assert not rep.is_subgame_perfect(p, discount=c.below_at).ok
    opt = gt.critical_values(rep, "delta", method="optimal", profiles=[("L", "L")])
    assert [c.value for c in opt] == [sympy.Rational(5, 14)]


def test_critical_values_in_a_stage_parameter():
    # at delta = 3/4, grim trigger sustains (C, C) iff (T - 3)/(T - 1) <= 3/4, i.e. T <= 9
    T = gt.parameters("T")
    g = gt.NormalFormGame.from_arrays([[3, 0], [T, 1]], [[3, T], [0, 1]],
                                      strategies=[["C", "D"], ["C", "D"]])
    (cv,) = gt.critical_values(gt.RepeatedGame(g), "T", interval=(0, 20), delta="3/4")
    assert cv.value == 9 and ("C", "C") in cv.below and ("C", "C") not in cv.above
    assert ("C", "C") in cv.at                      # weak inequality: sustained at T = 9
    with pytest.raises(GameError, match="fix the discount"):
        gt.critical_values(gt.RepeatedGame(g), "T")
    with pytest.raises(GameError, match="unknown parameter"):
        gt.critical_values(gt.RepeatedGame(g), "x", delta="1/2")
    with pytest.raises(GameError, match="fixed at 3/4"):
        gt.critical_values(gt.RepeatedGame(g.substitute(T=5), discount="3/4"), "delta")


def test_critical_value_displays_of_a_repeated_game():
    """The notebook displays of a repeated game's critical values: the LaTeX names the
    stage parameter by its declared LaTeX (it printed T), the HTML lists the sustained
    profiles on each side (it raised AttributeError: they are tuples, not Solutions).
    Known answer as above: (C, C) sustained iff T <= 9 at delta = 3/4, and at delta >= 1/2
    for T = 5 (Mailath & Samuelson 2006, ch. 2)."""
    T = gt.parameters("T")
    g = gt.NormalFormGame.from_arrays([[3, 0], [T, 1]], [[3, T], [0, 1]],
                                      strategies=[["C", "D"], ["C", "D"]])
    g = g.describe(gt.Parameter("T", latex=r"\tau"))
    (cv,) = gt.critical_values(gt.RepeatedGame(g), "T", interval=(0, 20), delta="3/4")
    assert cv._repr_latex_() == "$\\tau = 9$: (C, C) sustained below, not above"
    html = cv._repr_html_()
    assert "<summary>sustained profiles below, at and above</summary>" in html
    assert f"<p>below: T = {cv.below_at}: (C, C), (D, D) sustained</p>" in html
    assert "<p>at T = 9: (C, C), (D, D) sustained</p>" in html
    assert f"<p>above: T = {cv.above_at}: (D, D) sustained</p>" in html
    (cd,) = [c for c in gt.critical_values(gt.RepeatedGame(g.substitute(T=5)), "delta")
             if c.value == F(1, 2)]
    assert cd._repr_latex_().startswith("$\\delta = \\frac{1}{2}$: (C, C) sustained")
    assert "<p>at delta = 1/2: (C, C) sustained</p>" in cd._repr_html_()


def test_critical_values_where_the_stage_equilibria_change():
    # PD with sucker payoff S at delta = 3/4. For S < 1, D dominates and (C, C) needs
    # delta >= 2/4. For S > 1 the stage game is a snowdrift: equilibria (C, D), (D, C)
    # and a mixed one worth 1 + 4 (S - 1)/(S + 1) > S to Row (for 1 < S < 3), so the
    # worst for Row is (C, D), worth S: (C, C) needs (5 - 3)/(5 - S) <= 3/4, S <= 7/3.
    # (D, D) stops being sustained at S = 1 (C against D pays S > 1, and no punishment
    # is below S then); (C, D) and (D, C) become stage equilibria.
    S = gt.parameters("S")
    g = gt.NormalFormGame.from_arrays([[3, S], [5, 1]], [[3, 5], [S, 1]],
                                      strategies=[["C", "D"], ["C", "D"]])
    rep = gt.RepeatedGame(g, discount="3/4")
    one, seven = gt.critical_values(rep, "S", interval=(-2, 3))
    assert one.value == 1 and seven.value == sympy.Rational(7, 3)
    assert set(one.below) == {("C", "C"), ("D", "D")}
    assert set(one.above) == {("C", "C"), ("C", "D"), ("D", "C")}
    assert ("C", "C") in seven.below and ("C", "C") not in seven.above
    # confirmed against the numeric game and its one-shot deviation checks
    for c in (one, seven):
        for at, sustained in ((c.below_at, c.below), (c.above_at, c.above)):
            num = rep.substitute(S=at)
            assert num.is_subgame_perfect(("C", "C"), discount="3/4").ok == \
                (("C", "C") in sustained)
    with pytest.raises(GameError, match="symbolic= is not supported"):
        gt.critical_values(rep, "S", symbolic=["S"])
    with pytest.raises(GameError, match="method='grim'"):
        gt.critical_values(rep, "S", method="support")


# ----------------------------------------------------------------------------- validation
def test_validation_messages():
    g = pd()
    with pytest.raises(GameError, match="in \\(0, 1\\)"):
        gt.RepeatedGame(g, discount=1)
    with pytest.raises(GameError, match="in \\(0, 1\\)"):
        gt.RepeatedGame(g, discount=-0.5)
    with pytest.raises(GameError, match="number in"):
        gt.RepeatedGame(g, discount=True)
    with pytest.raises(GameError, match="NormalFormGame"):
        gt.RepeatedGame("pd")
    with pytest.raises(GameError, match="horizon"):
        gt.RepeatedGame(g, horizon=0)
    rep = gt.RepeatedGame(g, discount=0.9)
    assert rep.discount == F(9, 10)
    with pytest.raises(GameError, match="mixed actions are not observed"):
        rep.critical_discount([[F(1, 2), F(1, 2)], "C"])
    with pytest.raises(GameError, match="unknown punishment"):
        rep.critical_discount(("C", "C"), "tit-for-tat")
    with pytest.raises(GameError, match="not a Nash equilibrium"):
        rep.critical_discount(("C", "C"), reversion=("C", "C"))
    with pytest.raises(GameError, match="sticks="):
        rep.critical_discount(("C", "C"), "stick")
    with pytest.raises(GameError, match="needs a number"):
        gt.RepeatedGame(g).is_subgame_perfect(("C", "C"))
    q = gt.parameters("delta")
    with pytest.raises(GameError, match="also a parameter"):
        gt.RepeatedGame(gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]]))


def test_optimal_size_limit(monkeypatch):
    monkeypatch.setattr(disc, "MAX_CODES", 10)
    with pytest.raises(SolverError, match="penal codes"):
        gt.RepeatedGame(pd()).critical_discount(("C", "C"), "optimal")


def test_printing_and_records():
    rep = gt.RepeatedGame(pd())
    th = rep.critical_discount(("C", "C"))
    text = str(th)
    assert text.startswith("(C, C) is sustained by grim trigger (Nash reversion) for "
                           "delta >= 1/2")
    rows = th.records()
    assert [r["player"] for r in rows] == ["Row", "Col"]
    assert all(r["from"] == F(1, 2) and r["binding"] for r in rows)
    assert "Nash reversion after Row deviates" in str(th.strategy)


def test_mixed_reversion():
    # No pure stage equilibrium (best responses cycle); the mixed one has Row play U with
    # 1/2 and Col L with 1/4, worth (1/2, 3/2). On the path (U, L), worth (2, 2), only Col
    # is tempted (R pays 3): delta >= (3 - 2)/(3 - 3/2) = 2/3.
    g = gt.NormalFormGame.from_arrays([[2, 0], [-1, 1]], [[2, 3], [1, 0]])
    rep = gt.RepeatedGame(g)
    (eq,) = rep.stage_equilibria()
    assert eq.payoffs == (F(1, 2), F(3, 2))
    th = rep.critical_discount((0, 0))
    assert th.value == F(2, 3)
    assert "Nash reversion to (a1 1/2 a2 1/2, b1 1/4 b2 3/4)" in th.code
    both_sides(rep, (0, 0), th.value)


# ----------------------------------------------------------------------------- properties
def games(n):
    cell = st.integers(-5, 5)
    return st.tuples(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=n, max_size=n),
                     st.lists(st.lists(cell, min_size=n, max_size=n), min_size=n, max_size=n),
                     st.integers(0, n - 1), st.integers(0, n - 1))


@settings(max_examples=60, deadline=None)
@given(st.one_of(games(2), games(3)), st.sampled_from(["grim", "optimal"]))
def test_threshold_checked_on_both_sides(data, punishment):
    A, B, i, j = data
    rep = gt.RepeatedGame(gt.NormalFormGame.from_arrays(A, B))
    th = rep.critical_discount((i, j), punishment)
    for lo, hi in th.sustained:            # inside every sustained interval: SPE
        for d in {max(lo, EPS), min(hi, 1 - EPS), (lo + hi) / 2}:
            if 0 < d < 1:
                auto = th.strategy_at(d)
                assert auto is not None and auto.check(d).ok
    if th.value is None:
        return
    assert 0 <= th.value < 1
    if th.value == 0:
        assert rep.is_subgame_perfect((i, j), punishment, discount=EPS).ok
        return
    both_sides(rep, (i, j), th.value, punishment=punishment)
    # no equilibrium beats the minmax bound; grim is never better than "optimal"
    if punishment == "optimal":
        assert th.lower_bound <= th.value
        grim = rep.critical_discount((i, j))
        assert grim.value is None or grim.value >= th.value


def test_optimal_bounds_agree_with_the_payoff_set():
    # Cross-check against the Abreu-Sannikov payoff set (pure strategies with public
    # randomisation; gametheory.repeated.payoff_set): (10, 10) is an equilibrium payoff
    # where our code sustains (L, L) and not below the minmax bound 1/3. With public
    # randomisation the worst equilibrium payoff is already the minmax 0 at delta = 1/3 +,
    # so there the optimal threshold is the bound; our codes (no randomisation) give 5/14.
    pytest.importorskip("gametheory.repeated.payoff_set")
    rep = gt.RepeatedGame(harsh_game())
    opt = rep.critical_discount(("L", "L"), "optimal")
    assert rep.equilibrium_payoffs(opt.value).contains((10, 10))
    assert not rep.equilibrium_payoffs(opt.lower_bound - F(1, 100)).contains((10, 10))
    V = rep.equilibrium_payoffs(F(34, 100))
    assert V.contains((10, 10)) and abs(V.punishment[0]) < 1e-6


def test_sweeps_and_maps_refuse_a_repeated_or_bayesian_game_in_one_line():
    """sweep / equilibrium_map take normal forms and trees; a RepeatedGame (or a
    BayesianGame) gets a GameError naming the way in, not an AttributeError."""
    d = gt.parameters("d")
    stage = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    rep = gt.RepeatedGame(stage, discount=d)
    with pytest.raises(gt.GameError, match="not a RepeatedGame.*critical_values"):
        gt.sweep(rep, {"d": [0.5]})
    with pytest.raises(gt.GameError, match="not a RepeatedGame"):
        gt.equilibrium_map(rep, ["d"])
    bg = gt.BayesianGame(["A", "B"], types={"A": ["x", "y"]}, prior={"x": d, "y": 1 - d},
                         actions={"A": ["u", "v"], "B": ["l", "r"]},
                         payoffs=lambda t, a: (int(a[0] == "u"), int(a[1] == "l")))
    with pytest.raises(gt.GameError, match="not a BayesianGame.*to_tree"):
        gt.sweep(bg, {"d": [0.5]})


def test_symbolic_grim_refusal_names_the_reason():
    """A symbolic stage where no reversion can work: the error says which condition
    fails (a guarantor's stage, models/guarantor_reputation.py: the challenger gets g > 0
    from (challenge, abandon) and 0 on the path)."""
    from gametheory.models import guarantor_reputation as m

    rep = m.repeated(delta="9/10")
    with pytest.raises(gt.GameError, match="Challenger gets no more on the path than in "
                                           r"the reversion \(refrain, honour\)"):
        rep.critical_discount(m.PATH, "grim", reversion=("refrain", "honour"))
    with pytest.raises(gt.GameError, match="no stage Nash equilibrium, or else Challenger"):
        rep.critical_discount(m.PATH, "grim", reversion=("challenge", "abandon"))
