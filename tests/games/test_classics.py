"""The classic games of incomplete information (gametheory/games/classics.py): the
equilibria their docstrings state, and the literature's answers, checked exactly with
``check_assessment`` (independent of any equilibrium solver), and some stated
non-equilibria failing it; Nash equilibria of the normal forms from ``gt.solve``.

Sources: Cho & Kreps (1987) QJE 102(2) 179-221 (beer-quiche); Selten (1975) IJGT 4, 25-55
(the horse); Gibbons (1992) Game Theory for Applied Economists, Fig. 4.1.1; Kreps & Wilson
(1982) Econometrica 50, 863-894 (consistency); Spence (1973) QJE 87(3), 355-374; Fearon
(1997) JCR 41(1), 68-90 (tying hands).
"""

from __future__ import annotations

from fractions import Fraction as F

import assessment_games
import pytest
from hypothesis import given, settings

import gametheory as gt
from gametheory import GameError
from gametheory.games import classics

H = F(1, 2)


def sequential(game, behavior, beliefs=None) -> bool:
    chk = gt.check_assessment(game, behavior, beliefs)
    assert chk.sequential == (chk.sequentially_rational and chk.consistent)
    return chk.sequential


def nash_profiles(game) -> list[tuple[tuple, ...]]:
    """The exact Nash equilibria of the reduced normal form, as tuples of Fractions."""
    sol = gt.solve(game.to_normal_form(), exact=True)
    assert sol.complete
    return [tuple(tuple(F(x) for x in s) for s in eq.strategies) for eq in sol.equilibria]


def mixed(game, behavior) -> tuple[tuple, ...]:
    return tuple(tuple(F(x) for x in s) for s in game.behavior_to_mixed(behavior))


# ------------------------------------------------------------------ beer-quiche
def beer_quiche_profile(pool: str, s: F) -> dict:
    other = "quiche" if pool == "beer" else "beer"
    return {"Sender: strong": pool, "Sender: weak": pool,
            f"Receiver: {pool}": "no duel",
            f"Receiver: {other}": {"duel": s, "no duel": 1 - s}}


def off_belief(message: str, weak: F) -> dict:
    return {f"Receiver: {message}": {f"weak/{message}": weak, f"strong/{message}": 1 - weak}}


def test_beer_quiche_tree_and_payoffs():
    g = classics.beer_quiche()
    assert g.players == ("Sender", "Receiver")
    assert set(g.infosets) == {"Sender: strong", "Sender: weak", "Receiver: beer",
                               "Receiver: quiche"}
    # Cho & Kreps (1987, Fig. II): 1 for the preferred breakfast, 2 for no duel
    pays = {g.path(v): tuple(int(x) for x in g.arrays.payoffs[k])
            for k, v in enumerate(g.arrays.terminals)}
    assert pays == {"strong/beer/duel": (1, 0), "strong/beer/no duel": (3, 1),
                    "strong/quiche/duel": (0, 0), "strong/quiche/no duel": (2, 1),
                    "weak/beer/duel": (0, 1), "weak/beer/no duel": (2, 0),
                    "weak/quiche/duel": (1, 1), "weak/quiche/no duel": (3, 0)}
    assert g.has_perfect_recall and g.kind == "exact"


@pytest.mark.parametrize("pool", ["beer", "quiche"])
def test_beer_quiche_pooling_components(pool):
    """Both pooling components (Cho & Kreps 1987): off the path the Receiver duels with
    probability s >= 1/2, which needs mu(weak | other) >= 1/2 (= 1/2 when s < 1)."""
    g = classics.beer_quiche()
    other = "quiche" if pool == "beer" else "beer"
    for weak in (H, F(3, 4), F(1)):
        assert sequential(g, beer_quiche_profile(pool, F(1)), off_belief(other, weak))
    for s in (H, F(3, 4)):
        assert sequential(g, beer_quiche_profile(pool, s), off_belief(other, H))
        assert not sequential(g, beer_quiche_profile(pool, s), off_belief(other, F(3, 4)))
    # the off-path duel must be likely enough: s < 1/2 lets a type deviate
    chk = gt.check_assessment(g, beer_quiche_profile(pool, F(1, 3)), off_belief(other, H))
    assert not chk.sequential and chk.problems[0].startswith(
        f"at information set 'Sender: {'weak' if pool == 'beer' else 'strong'}'")
    # the pooled message is answered by no duel (posterior weak 1/10)
    assert gt.check_assessment(g, beer_quiche_profile(pool, F(1)),
                               off_belief(other, F(1))).beliefs[f"Receiver: {pool}"] == {
        f"strong/{pool}": F(9, 10), f"weak/{pool}": F(1, 10)}


def test_quiche_pooling_needs_belief_weak_after_beer():
    """The quiche-pooling equilibrium needs mu(weak | beer) >= 1/2: with less the Receiver
    does not duel a beer drinker and the strong type switches (Cho & Kreps 1987)."""
    g = classics.beer_quiche()
    prof = beer_quiche_profile("quiche", F(1))
    assert sequential(g, prof, off_belief("beer", H))
    chk = gt.check_assessment(g, prof, off_belief("beer", F(49, 100)))
    assert not chk.sequentially_rational and chk.consistent
    assert "Receiver: beer" in chk.problems[0]
    # nor does the Receiver's not dueling at beer keep the strong type eating quiche
    prof["Receiver: beer"] = "no duel"
    chk = gt.check_assessment(g, prof, off_belief("beer", F(1, 3)))
    assert not chk.sequential and "Sender: strong" in chk.problems[0]


def test_beer_quiche_no_separating_equilibrium():
    g = classics.beer_quiche()
    for strong, weak in (("beer", "quiche"), ("quiche", "beer")):
        for rb in ("duel", "no duel"):
            for rq in ("duel", "no duel"):
                prof = {"Sender: strong": strong, "Sender: weak": weak,
                        "Receiver: beer": rb, "Receiver: quiche": rq}
                assert not sequential(g, prof)


def test_beer_quiche_nash_equilibria_are_the_two_pooling_components():
    g = classics.beer_quiche()
    found = set(nash_profiles(g))
    expected = {mixed(g, beer_quiche_profile(pool, s)) for pool in ("beer", "quiche")
                for s in (H, F(1))}
    assert found == expected


def test_beer_quiche_low_prior_semi_separating():
    """For P(strong) = 1/4 < 1/2 the only equilibrium: strong drinks beer, weak drinks beer
    with probability p / (1 - p) = 1/3, the Receiver duels quiche and duels beer half the
    time (docstring)."""
    g = classics.beer_quiche("1/4")
    prof = {"Sender: strong": "beer", "Sender: weak": {"beer": F(1, 3), "quiche": F(2, 3)},
            "Receiver: beer": {"duel": H, "no duel": H}, "Receiver: quiche": "duel"}
    chk = gt.check_assessment(g, prof)
    assert chk.sequential
    assert chk.beliefs["Receiver: beer"] == {"strong/beer": H, "weak/beer": H}
    assert nash_profiles(g) == [mixed(g, prof)]
    assert not sequential(g, beer_quiche_profile("beer", F(1)), off_belief("quiche", F(1)))


def test_beer_quiche_symbolic_prior():
    p = gt.parameters("p")
    g = classics.beer_quiche(p)
    assert g.parameters == (p,) and g.parameter_info["p"].domain == (0, 1)
    assert g.parameter_info["p"].default == F(9, 10)
    assert g.substitute(p="9/10") == classics.beer_quiche()
    with pytest.raises(GameError, match="outside its domain"):
        classics.beer_quiche(F(3, 2))
    with pytest.raises(GameError, match="exact fraction"):
        classics.beer_quiche("nine tenths")


# ------------------------------------------------------------------ Selten's horse
def horse(p1: str, b: F, ell: F) -> dict:
    return {"Player 1": p1, "Player 2": {"c": b, "d": 1 - b},
            "Player 3": {"L": ell, "R": 1 - ell}}


def horse_belief(mu: F) -> dict:
    return {"Player 3": {"D": mu, "C/d": 1 - mu}}


def test_selten_horse_payoffs():
    g = classics.selten_horse()
    pays = {g.path(v): tuple(int(x) for x in g.arrays.payoffs[k])
            for k, v in enumerate(g.arrays.terminals)}
    assert pays == {"C/c": (1, 1, 1), "C/d/L": (4, 4, 0), "C/d/R": (0, 0, 1),
                    "D/L": (3, 2, 2), "D/R": (0, 0, 0)}
    assert g.has_perfect_recall and not g.has_perfect_information


def test_selten_horse_nash_components():
    """Nash: {(C, c, l <= 1/4)} and {(D, b >= 1/3, L)} (Selten 1975; docstring). The
    profiles are checked by zero regrets; gt.solve's pure points lie in them."""
    g = classics.selten_horse()
    for ell in (F(0), F(1, 8), F(1, 4)):
        assert max(g.behavior_regrets(horse("C", F(1), ell))) == 0
    for b in (F(1, 3), H, F(1)):
        assert max(g.behavior_regrets(horse("D", b, F(1)))) == 0
    assert max(g.behavior_regrets(horse("C", F(1), F(3, 10)))) > 0
    assert max(g.behavior_regrets(horse("D", F(3, 10), F(1)))) > 0
    nf = g.to_normal_form()
    sol = gt.solve(nf, exact=True)             # 3 players: points of the components
    found = {tuple(tuple(F(x) for x in s) for s in eq.strategies) for eq in sol.equilibria}
    for prof in (horse("C", F(1), F(0)), horse("C", F(1), F(1, 4)), horse("D", F(1), F(1)),
                 horse("D", F(1, 3), F(1))):
        assert mixed(g, prof) in found
    for (c1, _), (b, _), (ell, _) in found:
        assert (c1 == 1 and b == 1 and ell <= F(1, 4)) or (c1 == 0 and b >= F(1, 3)
                                                            and ell == 1)
    pure = [(x, y, z) for x in "CD" for y in "cd" for z in "LR"
            if gt.is_equilibrium(nf, [x, y, z])]
    assert pure == [("C", "c", "R"), ("D", "c", "L")]


def test_selten_horse_sequential_equilibria():
    g = classics.selten_horse()
    # (C, c, R) with mu(D) <= 1/3
    for mu in (F(0), F(1, 4), F(1, 3)):
        assert sequential(g, horse("C", F(1), F(0)), horse_belief(mu))
    assert not sequential(g, horse("C", F(1), F(0)), horse_belief(F(1, 2)))
    # Player 3 mixing (l <= 1/4) needs mu(D) = 1/3 exactly
    for ell in (F(1, 8), F(1, 4)):
        assert sequential(g, horse("C", F(1), ell), horse_belief(F(1, 3)))
        assert not sequential(g, horse("C", F(1), ell), horse_belief(F(1, 4)))


def test_selten_horse_dcl_is_nash_not_sequential():
    """(D, c, L): Nash, subgame perfect (no proper subgame), not sequential: Player 2
    gains 3 by d (Selten 1975)."""
    g = classics.selten_horse()
    assert gt.is_equilibrium(g.to_normal_form(), ["D", "c", "L"])
    for b in (F(1, 3), F(1)):
        chk = gt.check_assessment(g, horse("D", b, F(1)))
        assert not chk.sequential and chk.consistent
        assert chk.gains["Player 2"] == 3 * (1 - 0) * b and "Player 2" in chk.problems[0]


# ------------------------------------------------------------------ three actions
def test_three_action_entry():
    """Gibbons (1992, Fig. 4.1.1): Nash (L, L') and (R, R') (and R against L' <= 1/2);
    only (L, L') is sequential: L' is strictly better at both of Player 2's nodes."""
    g = classics.three_action_entry()
    nf = g.to_normal_form()
    found = set(nash_profiles(g))
    assert found == {((1, 0, 0), (1, 0)), ((0, 0, 1), (H, H)), ((0, 0, 1), (0, 1))}
    assert sequential(g, {"Player 1": "L", "Player 2": "L'"})
    for mu in (F(0), H, F(1)):
        for y in (F(0), F(1, 4), H):
            chk = gt.check_assessment(g, {"Player 1": "R",
                                          "Player 2": {"L'": y, "R'": 1 - y}},
                                      {"Player 2": {"L": mu, "M": 1 - mu}})
            assert chk.consistent and not chk.sequentially_rational
            assert chk.gains["Player 2"] == (1 - y) * 1   # L' beats R' by 1 at each node
    assert gt.is_equilibrium(nf, ["R", "R'"])


# ------------------------------------------------------------------ common tremble
def tremble_profile(m: F, after_l: F, after_r: F, b: F) -> tuple[dict, dict]:
    """Player 1 plays L with probability m (else R), Player 2 l with probability b, Player
    3 plays u with probabilities after_l and after_r; beliefs m everywhere."""
    beh = {"Player 1": {"A": 0, "L": m, "R": 1 - m}, "Player 2": {"l": b, "r": 1 - b},
           "Player 3: l": {"u": after_l, "d": 1 - after_l},
           "Player 3: r": {"u": after_r, "d": 1 - after_r}}
    mu = {"Player 2": {"L": m, "R": 1 - m}, "Player 3: l": {"L/l": m, "R/l": 1 - m},
          "Player 3: r": {"L/r": m, "R/r": 1 - m}}
    return beh, mu


def test_common_tremble_outside_option_is_weak_pbe_not_sequential():
    g = classics.common_tremble()
    beh = {"Player 1": "A", "Player 2": "l", "Player 3: l": "d", "Player 3: r": "u"}
    for ml, mr in ((F(0), F(1)), (F(1, 3), F(2, 3)), (F(1, 4), F(9, 10))):
        mu = {"Player 2": {"L": H, "R": H}, "Player 3: l": {"L/l": ml, "R/l": 1 - ml},
              "Player 3: r": {"L/r": mr, "R/r": 1 - mr}}
        chk = gt.check_assessment(g, beh, mu)
        assert chk.sequentially_rational and chk.bayes_consistent
        assert not chk.consistent and not chk.sequential
    # with one belief m everywhere (consistent), taking A is never sequentially rational
    for m in (F(0), F(1, 3), H, F(2, 3), F(1)):
        for z_l in ("u", "d"):
            for z_r in ("u", "d"):
                for y in ("l", "r"):
                    mu = {"Player 2": {"L": m, "R": 1 - m},
                          "Player 3: l": {"L/l": m, "R/l": 1 - m},
                          "Player 3: r": {"L/r": m, "R/r": 1 - m}}
                    chk = gt.check_assessment(g, {"Player 1": "A", "Player 2": y,
                                                  "Player 3: l": z_l, "Player 3: r": z_r}, mu)
                    assert chk.consistent and not chk.sequential


def test_common_tremble_sequential_equilibria():
    """For each m: Player 1 splits L/R as m : 1 - m, Player 3 u after l iff m >= 1/3,
    u after r iff m >= 2/3, Player 2 matches (docstring)."""
    g = classics.common_tremble()
    cases = [(F(0), 0, 0, 0), (F(1, 4), 0, 0, 0), (F(1, 3), 0, 0, 0), (F(1, 3), H, 0, 0),
             (F(1, 3), 1, 0, H), (H, 1, 0, 0), (H, 1, 0, F(3, 4)), (F(2, 3), 1, 1, 1),
             (F(2, 3), 1, H, 1), (F(2, 3), 1, 0, H), (F(4, 5), 1, 1, 1), (F(1), 1, 1, 1)]
    for m, ul, ur, b in cases:
        beh, mu = tremble_profile(m, F(ul), F(ur), F(b))
        chk = gt.check_assessment(g, beh, mu)
        assert chk.sequential, (m, ul, ur, b, chk.problems)
        assert g.expected_payoffs(beh)[0] == 3
    # Player 2 failing to match, and Player 3 ignoring its threshold, fail
    for m, ul, ur, b in [(F(1, 4), 0, 0, 1), (F(1, 3), H, 0, H), (H, 0, 0, 0),
                         (F(4, 5), 1, 0, 1)]:
        beh, mu = tremble_profile(m, F(ul), F(ur), F(b))
        assert not sequential(g, beh, mu)


# ------------------------------------------------------------------ Spence
def worker(high, low) -> dict:
    return {"Worker: high": high, "Worker: low": low}


def firm(educate, none) -> dict:
    return {"Firm: educate": educate, "Firm: no education": none}


def job(s_manager: F) -> dict:
    return {"manager": s_manager, "clerk": 1 - s_manager}


def test_spence_separating_for_every_prior():
    sep = worker("educate", "no education") | firm("manager", "clerk")
    for p in ("1/10", "1/3", "1/2", "3/4", "9/10"):
        g = classics.spence_job_market(p)
        assert sequential(g, sep)
        assert mixed(g, sep) in nash_profiles(g)
    # the reverse separation is no equilibrium
    rev = worker("no education", "educate") | firm("clerk", "manager")
    assert not sequential(classics.spence_job_market(), rev)


def test_spence_low_prior_pooling_on_no_education():
    """p < 1/2: all clerks; education answered by a manager job with probability at most
    cost_high = 1/2, with mu(high | educate) <= 1/2 (= 1/2 when positive)."""
    g = classics.spence_job_market()
    pool = worker("no education", "no education")
    for s, mu in ((F(0), F(0)), (F(0), H), (F(1, 4), H), (H, H)):
        prof = pool | firm(job(s), "clerk")
        assert sequential(g, prof, {"Firm: educate": {"high/educate": mu,
                                                      "low/educate": 1 - mu}})
    assert not sequential(g, pool | firm(job(F(3, 4)), "clerk"),
                          {"Firm: educate": {"high/educate": H, "low/educate": H}})
    assert not sequential(g, pool | firm("manager", "clerk"),
                          {"Firm: educate": {"high/educate": 1}})
    found = set(nash_profiles(g))
    assert found == {mixed(g, worker("educate", "no education") | firm("manager", "clerk")),
                     mixed(g, pool | firm(job(H), "clerk")), mixed(g, pool | firm("clerk",
                                                                                  "clerk"))}


def test_spence_high_prior_pooling_and_semi_separating():
    """p = 3/4 > 1/2: manager pooling with any response to education; the high type
    educating with probability (2p - 1)/p = 2/3 and the Firm making an uneducated Worker
    a manager with probability 1 - cost_high = 1/2."""
    g = classics.spence_job_market("3/4")
    pool = worker("no education", "no education")
    for s, mu in ((F(0), F(0)), (F(0), H), (H, H), (F(1), H), (F(1), F(1))):
        assert sequential(g, pool | firm(job(s), "manager"),
                          {"Firm: educate": {"high/educate": mu, "low/educate": 1 - mu}})
    # the response to education must fit the belief there
    assert not sequential(g, pool | firm("clerk", "manager"),
                          {"Firm: educate": {"high/educate": F(1), "low/educate": F(0)}})
    semi = worker({"educate": F(2, 3), "no education": F(1, 3)}, "no education") | \
        firm("manager", job(H))
    chk = gt.check_assessment(g, semi)
    assert chk.sequential
    assert chk.beliefs["Firm: no education"] == {"high/no education": H,
                                                 "low/no education": H}
    assert mixed(g, semi) in nash_profiles(g)
    # at p = 1/3 the semi-separating profile would need (2p - 1)/p < 0: the same
    # manager probability 1/2 after no education is not a best response there
    assert not sequential(classics.spence_job_market("1/3"),
                          worker({"educate": F(1, 2), "no education": F(1, 2)},
                                 "no education") | firm("manager", job(H)))


def test_spence_no_pooling_on_education():
    g = classics.spence_job_market("3/4")
    for off in ("manager", "clerk"):
        assert not sequential(g, worker("educate", "educate") | firm("manager", off),
                              {"Firm: no education": {"high/no education": 1}})


def test_spence_symbolic():
    p, ch = gt.parameters("p c_H")
    g = classics.spence_job_market(p, cost_high=ch)
    assert g.parameters == (ch, p)
    assert g.parameter_info["c_H"].default == H and g.parameter_info["p"].domain == (0, 1)
    assert g.substitute(p="1/3", c_H="1/2") == classics.spence_job_market()


# ------------------------------------------------------------------ audience costs
def guarantor(res_msg, irr_msg, irr_after_pledge="back down") -> dict:
    beh = {"Guarantor: resolved": res_msg, "Guarantor: irresolute": irr_msg}
    for m in ("pledge", "silent"):
        beh[f"Guarantor: resolved, {m}, pressed"] = "defend"
    beh["Guarantor: irresolute, pledge, pressed"] = irr_after_pledge
    beh["Guarantor: irresolute, silent, pressed"] = "back down"
    return beh


def russia(pledge, silent) -> dict:
    return {"Russia: pledge": pledge, "Russia: silent": silent}


def press(s: F) -> dict:
    return {"press": s, "refrain": 1 - s}


def audience(**values):
    base = {"q": "1/4", "a": "1/2", "v_R": 3, "v_I": 1, "c": 2, "r": 1}
    return classics.audience_cost_signalling(**(base | values))


def test_audience_cost_symbolic_defaults():
    g = classics.audience_cost_signalling()
    assert [p.name for p in g.parameters] == ["a", "c", "q", "r", "v_I", "v_R"]
    defaults = {k: v.default for k, v in g.parameter_info.items()}
    assert defaults == {"a": H, "c": 2, "q": F(1, 4), "r": 1, "v_I": 1, "v_R": 3}
    assert g.substitute(**{k: str(v) for k, v in defaults.items()}) == audience()
    assert g.has_perfect_recall and len(g.infosets) == 8


def test_audience_cost_cheap_pledge_bluffing():
    """a < c - v_I, q < theta = 1/(1 + r): the irresolute type pledges with probability
    q r / (1 - q) and Russia presses a pledge with probability v_I / (v_I + a) (Fearon
    1997's tying hands; docstring)."""
    for q, a, r in ((F(1, 4), H, F(1)), (F(1, 5), F(1, 4), F(2)), (F(1, 10), F(3, 4), F(1))):
        g = audience(q=q, a=a, r=r)
        y = q * r / (1 - q)
        s = F(1) / (1 + a)
        beh = guarantor("pledge", {"pledge": y, "silent": 1 - y}) | russia(press(s), "press")
        chk = gt.check_assessment(g, beh)
        assert chk.sequential, chk.problems
        assert chk.beliefs["Russia: pledge"]["resolved/pledge"] == 1 / (1 + r)
        assert max(g.behavior_regrets(beh)) == 0            # a Nash equilibrium too
        # a different pressure after the pledge breaks the irresolute type's indifference
        bad = beh | russia(press(s + F(1, 10)), "press")
        assert not sequential(g, bad)


def test_audience_cost_cheap_pledge_pooling_on_silence():
    g = audience()
    beh = guarantor("silent", "silent") | russia("press", "press")
    for m in (F(0), F(1, 4), H):
        assert sequential(g, beh, {"Russia: pledge": {"resolved/pledge": m,
                                                      "irresolute/pledge": 1 - m}})
    # believing a pledge comes from the resolved type, Russia would refrain: not rational
    assert not sequential(g, beh, {"Russia: pledge": {"resolved/pledge": F(3, 4),
                                                      "irresolute/pledge": F(1, 4)}})
    # Russia refraining after a pledge invites the resolved type to pledge
    assert not sequential(g, guarantor("silent", "silent") | russia("refrain", "press"),
                          {"Russia: pledge": {"resolved/pledge": 1}})


def test_audience_cost_no_separating_and_no_pledge_pooling():
    g = audience()
    for rp in ("press", "refrain"):
        for rs in ("press", "refrain"):
            for res, irr in (("pledge", "silent"), ("silent", "pledge"), ("pledge", "pledge")):
                beh = guarantor(res, irr) | russia(rp, rs)
                off = {"Russia: silent": {"resolved/silent": H, "irresolute/silent": H}}
                assert not sequential(g, beh, off if (res, irr) == ("pledge", "pledge")
                                      else None)


def test_audience_cost_binding_pledge_deters():
    """a > c - v_I: after a pledge both types defend and Russia refrains; pooling on the
    pledge is sequential for every prior, whatever Russia believes after silence."""
    for q in ("1/4", "3/4"):
        g = audience(q=q, a=2)
        beh = guarantor("pledge", "pledge", irr_after_pledge="defend") | russia("refrain",
                                                                                 "press")
        for m in (F(0), H):
            assert sequential(g, beh, {"Russia: silent": {"resolved/silent": m,
                                                          "irresolute/silent": 1 - m}})
        assert g.expected_payoffs(beh)[1] == 0
        # an irresolute type that would back down after a pledge is not sequential
        assert not sequential(g, beh | {"Guarantor: irresolute, pledge, pressed":
                                        "back down"},
                              {"Russia: silent": {"irresolute/silent": 1}})
    # the bluffing profile of the cheap pledge is not an equilibrium once the pledge binds
    g = audience(a=2)
    beh = guarantor("pledge", {"pledge": F(1, 3), "silent": F(2, 3)}, "defend") | \
        russia(press(F(1, 3)), "press")
    assert not sequential(g, beh)


def test_audience_cost_high_prior_status_quo():
    """q > theta with a cheap pledge: pooling on silence, Russia refraining."""
    g = audience(q="3/4")
    beh = guarantor("silent", "silent") | russia(press(F(1, 3)), "refrain")
    assert sequential(g, beh, {"Russia: pledge": {"resolved/pledge": H,
                                                  "irresolute/pledge": H}})
    assert not sequential(audience(), beh, {"Russia: pledge": {"resolved/pledge": H,
                                                               "irresolute/pledge": H}})


def test_audience_cost_high_prior_pledge_pooling():
    """q > theta, cheap pledge: pooling on the pledge, Russia refraining after it; any
    belief after silence with a fitting response (here refrain at belief 3/4)."""
    g = audience(q="3/4")
    beh = guarantor("pledge", "pledge") | russia("refrain", "refrain")
    assert sequential(g, beh, {"Russia: silent": {"resolved/silent": F(3, 4),
                                                  "irresolute/silent": F(1, 4)}})
    assert sequential(g, beh | russia("refrain", "press"),
                      {"Russia: silent": {"irresolute/silent": 1}})
    assert not sequential(g, beh, {"Russia: silent": {"irresolute/silent": 1}})


# ------------------------------------------------------------------ random games (shared)
def test_random_signalling_game_structure():
    random_signalling_game = assessment_games.random_signalling_game
    for seed in range(20):
        g = random_signalling_game(seed, types=3, messages=2, responses=3)
        st_ = gt.signalling_structure(g)
        assert st_.types == ("t1", "t2", "t3") and st_.messages == ("m1", "m2")
        assert all(isinstance(p, F) and p > 0 for p in st_.prior) and sum(st_.prior) == 1
        pays = g.arrays.payoffs
        assert all(isinstance(x, int) and -3 <= x <= 3 for x in pays.ravel().tolist())
        assert g == random_signalling_game(seed, types=3, messages=2, responses=3)
    assert random_signalling_game(0) != random_signalling_game(1)


def test_random_small_tree_limits():
    random_small_tree = assessment_games.random_small_tree
    chance = 0
    for seed in range(60):
        g = random_small_tree(seed)
        a = g.arrays
        assert g.num_players == 2 and g.has_perfect_recall and not g.has_perfect_information
        assert len(a.terminals) <= 12 and g.kind == "exact"
        inner = set(range(g.num_nodes)) - set(a.terminals.tolist())
        chance += any(a.player[v] < 0 for v in inner)
        assert g == random_small_tree(seed)
        h = random_small_tree(seed, chance=False)
        inner = set(range(h.num_nodes)) - set(h.arrays.terminals.tolist())
        assert not any(h.arrays.player[v] < 0 for v in inner)
    assert 10 < chance < 60          # chance moves in many trees, not all
    assert len(random_small_tree(4, max_terminals=5).arrays.terminals) <= 5


@settings(max_examples=40, deadline=None)
@given(assessment_games.assessments(zeros=False))
def test_totally_mixed_bayes_beliefs_are_consistent(case):
    """Kreps & Wilson (1982): Bayes beliefs of a totally mixed profile are consistent (the
    constant sequence is the witness)."""
    game, behavior, beliefs = case
    assert beliefs == {}                     # every set is reached
    chk = gt.check_assessment(game, behavior)
    assert chk.bayes_consistent and chk.consistent


@settings(max_examples=40, deadline=None)
@given(assessment_games.assessments(assessment_games.signalling_games()))
def test_signalling_game_off_path_beliefs_are_free(case):
    """In a signalling game any belief at an unused message is consistent: the types'
    trembles are independent (Kreps & Wilson 1982; so sequential = weak perfect Bayesian
    there). And a sequentially rational consistent assessment is a Nash equilibrium."""
    game, behavior, beliefs = case
    chk = gt.check_assessment(game, behavior, beliefs)
    assert chk.consistent
    if chk.sequentially_rational:
        assert max(game.behavior_regrets(behavior)) == 0
