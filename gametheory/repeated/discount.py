"""Critical discount factors: from which discount factor on a pure stage profile played in
every period is a subgame-perfect equilibrium path, under a given kind of punishment.

``punishment="grim"`` (Nash reversion, Friedman 1971): after a player deviates, a stage
Nash equilibrium is played for ever. By default the equilibrium after player j's
deviation is the stage equilibrium worst for j (player-specific reversion; each is
subgame perfect on its own); ``reversion=`` fixes one equilibrium for everyone, or one
per deviator. The profile is sustained exactly when, for every player j with a
profitable deviation, ``delta >= (d_j - v_j) / (d_j - p_j)`` (``d_j`` the best deviation
payoff, ``v_j`` the path payoff, ``p_j`` the reversion payoff).

``punishment="stick"``: the deviator j is punished by one period of a pure profile
``sticks[j]`` and a return to the path (stick and carrot, Abreu 1986); a deviation from
the stick restarts the deviator's own punishment. Deviators without a stick get Nash
reversion.

``punishment="optimal"``: the lowest threshold over every code of this family (per
deviator: Nash reversion to the worst stage equilibrium for them, or any pure stick),
with the lower bound that no subgame-perfect equilibrium beats, the minmax bound
``max_j (d_j - v_j) / (d_j - m_j)`` (``m_j`` the minmax payoff). When the two agree the
value is the optimal threshold of Abreu (1988); otherwise the optimal one lies between
(optimal penal codes may need longer sticks or mixed punishments: Abreu 1988;
Mailath & Samuelson 2006, sec. 2.6), and the result says so (``exact`` False).

Thresholds are weak: the profile is sustained AT the critical value too (indifferent
players comply). A profile no code of the kind sustains for any discount factor in
(0, 1) gets ``value`` None with the reason; one sustained only on an interval ending
below 1 (a punishment better for some player than the path itself) gets its interval in
``sustained`` and ``value`` None.

References
----------
Friedman, J. W. (1971). A non-cooperative equilibrium for supergames. *Review of Economic
Studies* 38, 1-12. Abreu, D. (1986). Extremal equilibria of oligopolistic supergames.
*Journal of Economic Theory* 39, 191-225. Abreu, D. (1988). On the theory of infinitely
repeated games with discounting. *Econometrica* 56, 383-396. Mailath, G. J. &
Samuelson, L. (2006). *Repeated Games and Reputations*, ch. 2.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..errors import GameError, SolverError
from ..games._display import fmt
from ._common import is_stage_nash, profile_vector
from .automaton import stage_payoff
from .codes import Code, Constraint, best_deviation, interval
from .threshold import DiscountThreshold

if TYPE_CHECKING:
    from .game import RepeatedGame

__all__ = ["DiscountThreshold", "critical_discount", "PUNISHMENTS", "MAX_CODES"]

#: The kinds of punishment :func:`critical_discount` knows.
PUNISHMENTS = ("grim", "stick", "optimal")

#: The most penal codes ``punishment="optimal"`` tries ((1 + pure profiles) ** players).
MAX_CODES = 50_000


# ----------------------------------------------------------------------------- helpers
def _nash_list(rep: RepeatedGame) -> tuple[list, list]:
    """The stage equilibria as profile tuples (exact ones only), and notes."""
    sol = rep.stage_equilibria()
    notes = []
    out = []
    for eq in sol.equilibria:
        try:
            out.append(profile_vector(rep, eq))
        except (GameError, TypeError, ValueError):
            notes.append("a stage equilibrium with irrational probabilities was left out")
    if not sol.complete:
        notes.append("the stage equilibria found are not guaranteed complete; the worst "
                     "is the worst of those found")
    if not out:
        raise SolverError("no exact stage Nash equilibrium was found to revert to")
    return out, notes


def _one_reversion(rep: RepeatedGame, spec: Any, nash: list, U: Any) -> tuple:
    if isinstance(spec, int) and not isinstance(spec, bool):
        if not 0 <= spec < len(nash):
            raise GameError(f"reversion={spec}: the stage game has {len(nash)} Nash "
                            f"equilibria (numbered 0 to {len(nash) - 1})")
        return nash[spec]
    e = profile_vector(rep, spec)
    if not is_stage_nash(U, e):
        raise GameError(f"the reversion profile {rep.profile_text(e)} is not a Nash "
                        "equilibrium of the stage game")
    return e


def _reversions(rep: RepeatedGame, spec: Any, U: Any) -> tuple[list, list]:
    """Per player, the stage equilibrium played for ever after that player deviates."""
    N = rep.num_players
    given = spec if isinstance(spec, dict) else {} if spec is None else None
    if given is not None and len(given) == N \
            and not any(isinstance(v, int) and not isinstance(v, bool) for v in given.values()):
        nash, notes = [], []     # every deviator's equilibrium given: no need to solve
    elif given is None and not (isinstance(spec, int) and not isinstance(spec, bool)):
        e = _one_reversion(rep, spec, [], U)
        return [e] * N, []
    else:
        nash, notes = _nash_list(rep)
    if spec is None:
        worst = [min(nash, key=lambda e, j=j: stage_payoff(U, j, e)) for j in range(N)]
        return worst, notes
    if isinstance(spec, dict):
        out = []
        chosen = {rep.stage.player_index(k): v for k, v in spec.items()}
        for j in range(N):
            if j in chosen:
                out.append(_one_reversion(rep, chosen[j], nash, U))
            else:
                out.append(min(nash, key=lambda e, j=j: stage_payoff(U, j, e)))
        return out, notes
    e = _one_reversion(rep, spec, nash, U)
    return [e] * N, notes


def _sticks(rep: RepeatedGame, sticks: Any) -> dict:
    if sticks is None:
        raise GameError('punishment="stick" needs sticks={player: pure profile}, the '
                        "profile played for one period after that player deviates")
    if isinstance(sticks, dict):
        items = sticks.items()
    else:
        from ..games._labels import is_sequence

        if isinstance(sticks, (str, bytes)) or not is_sequence(sticks) \
                or len(sticks) != rep.num_players:
            raise GameError("sticks must be a dict {player: pure profile} or one pure "
                            f"profile per player ({rep.num_players}); got {sticks!r}")
        items = enumerate(sticks)
    return {rep.stage.player_index(k): rep.pure_profile(s) for k, s in items
            if s is not None}


def _binding(cons: list, value: Fraction) -> tuple:
    return tuple(c for c in cons if c.weight != 0 and Fraction(c.gain) / c.weight == value
                 and c.weight > 0 and value > 0)


def _result(rep: RepeatedGame, path: tuple, punishment: str, code: Code, U: Any,
            **extra: Any) -> DiscountThreshold:
    players, strategies = rep.players, rep.strategies
    cons = code.constraints(U, players, strategies)
    iv = interval([(c.gain, c.weight) for c in cons])
    labels = tuple(strategies[i][a] for i, a in enumerate(path))
    auto = code.automaton(U, players, strategies)
    desc = code.describe(players, strategies)
    if iv is None:
        return DiscountThreshold(labels, punishment, None, (), (), tuple(cons), auto,
                                 reason=_why(cons), code=desc, **extra)
    lo, hi = iv
    if hi < 1:
        return DiscountThreshold(labels, punishment, None, (iv,), (), tuple(cons), auto,
                                 reason=(f"sustained only for delta in [{fmt(lo)}, "
                                         f"{fmt(hi)}]: a punishment pays someone more than "
                                         "the path"), code=desc, _codes=((iv, auto),), **extra)
    return DiscountThreshold(labels, punishment, lo, (iv,), _binding(cons, lo), tuple(cons),
                             auto, code=desc, _codes=((iv, auto),), **extra)


def _why(cons: list) -> str:
    """The first constraint no discount factor in (0, 1) satisfies, in words."""
    for c in cons:
        if c.bound() is None:
            if c.weight <= 0:
                return (f"{c.player}'s deviation to {c.deviation} in {c.phase} gains "
                        f"{fmt(c.gain)} now and the punishment does not cost them more "
                        "than the path pays")
            return (f"{c.player}'s deviation to {c.deviation} in {c.phase} needs delta >= "
                    f"{fmt(Fraction(c.gain) / c.weight)}, not below 1")
    return "the constraints of different players cannot hold together"


# ----------------------------------------------------------------------------- main
def critical_discount(rep: RepeatedGame, profile: Any, punishment: str = "grim", *,
                      reversion: Any = None, sticks: Any = None) -> DiscountThreshold:
    """The critical discount factor above which a pure stage profile, played every
    period, is a subgame-perfect equilibrium path.

    Parameters
    ----------
    rep : RepeatedGame
    profile : sequence
        A pure stage profile: one action label or index per player. Mixed profiles are
        refused (only realised actions are observed).
    punishment : {"grim", "stick", "optimal"}
        See the module docstring: Nash reversion; a given one-period stick per deviator;
        the best code of Nash reversion and one-period sticks, with the minmax bound.
    reversion : optional
        ``"grim"`` (and deviators without a stick): the stage equilibrium to revert to:
        None (the worst for each deviator), an index into ``rep.stage_equilibria()``, a
        profile (labels or probability vectors; checked to be a stage equilibrium), or a
        dict ``{player: either}``. Symbolic payoffs need a pure profile here.
    sticks : dict or sequence, optional
        ``"stick"``: ``{player: pure profile}``, the punishment after that player deviates.

    Returns
    -------
    DiscountThreshold
        ``value`` is a Fraction for numeric payoffs (a sympy expression with its
        ``condition`` for symbolic ones), or None when not sustainable, with the reason.

    Raises
    ------
    GameError
        For a bad profile, punishment or reversion; ``"optimal"`` or ``"stick"`` with
        symbolic payoffs; SolverError for too many codes.

    References
    ----------
    Friedman (1971); Abreu (1986, 1988); Mailath & Samuelson (2006), ch. 2 (full
    references in the module docstring).

    Examples
    --------
    A discrete Cournot duopoly (demand 12 - Q, no costs; quantities 3, 4 and 9/2): the
    collusive quantities (3, 3) are sustained by Nash reversion (to 4, 4) for
    delta >= 9/17 (Friedman 1971; Gibbons 1992, sec. 2.3.C).

    >>> import gametheory as gt
    >>> from fractions import Fraction as F
    >>> qs = [F(3), F(4), F(9, 2)]
    >>> prof = [[[qi * (12 - qi - qj) for qj in qs] for qi in qs],
    ...         [[qj * (12 - qi - qj) for qj in qs] for qi in qs]]
    >>> g = gt.NormalFormGame(prof, players=["Firm 1", "Firm 2"],
    ...                       strategies=[["3", "4", "4.5"]] * 2)
    >>> rep = gt.RepeatedGame(g)
    >>> print(rep.critical_discount(("3", "3")))
    (3, 3) is sustained by grim trigger (Nash reversion) for delta >= 9/17 ~ 0.529412
      punishments: Firm 1: Nash reversion to (4, 4); Firm 2: Nash reversion to (4, 4)
      binding: Firm 1 in cooperation (4.5): delta * 17/4 >= 9/4
      binding: Firm 2 in cooperation (4.5): delta * 17/4 >= 9/4
    """
    if punishment not in PUNISHMENTS:
        raise GameError(f"unknown punishment {punishment!r}; choose one of "
                        + ", ".join(PUNISHMENTS))
    path = rep.pure_profile(profile)
    if not rep.stage.is_numeric:
        if punishment != "grim":
            raise GameError(f'punishment="{punishment}" needs numeric stage payoffs; '
                            + rep.stage.unsubstituted_message())
        from .symbolic import symbolic_grim

        return symbolic_grim(rep, path, reversion)
    U = rep.payoff_array()
    if punishment == "optimal":
        return _optimal(rep, path, U)
    revs, _ = _reversions(rep, reversion, U)
    kinds = [("nash", e) for e in revs]
    if punishment == "stick":
        for j, s in _sticks(rep, sticks).items():
            kinds[j] = ("stick", s)
    return _result(rep, path, punishment, Code(path, tuple(kinds)), U)


def minmax_bound(rep: RepeatedGame, path: tuple, U: Any) -> tuple | None:
    """``(lo, hi)``: the discount factors the minmax bound leaves possible for the path
    (None: no subgame-perfect equilibrium has this path for any delta in (0, 1))."""
    pairs = []
    for j in range(rep.num_players):
        d, arg = best_deviation(U, j, path)
        if arg is None:
            continue
        m = rep.minmax(j)
        pairs.append((d - stage_payoff(U, j, path), d - m))
    return interval(pairs)


def _optimal(rep: RepeatedGame, path: tuple, U: Any) -> DiscountThreshold:
    import numpy as np

    N = rep.num_players
    revs, _ = _reversions(rep, None, U)
    pures = list(np.ndindex(*rep.shape))
    n_codes = (1 + len(pures)) ** N
    if n_codes > MAX_CODES:
        raise SolverError(f'punishment="optimal" would try {n_codes} penal codes (more than '
                          f'{MAX_CODES}); give sticks= with punishment="stick" instead')
    options = [[("nash", revs[j])] + [("stick", tuple(int(x) for x in s)) for s in pures]
               for j in range(N)]
    players, strategies = rep.players, rep.strategies
    best: dict = {}
    memo: dict = {}
    for kinds in itertools.product(*options):
        code = Code(path, kinds)
        iv = interval([(c.gain, c.weight)
                       for c in code.constraints(U, players, strategies, memo)])
        if iv is not None and iv not in best:
            best[iv] = code
    low = minmax_bound(rep, path, U)
    lower = None if low is None else low[0]
    labels = tuple(strategies[i][a] for i, a in enumerate(path))
    pieces = _merge(list(best))
    top = [p for p in pieces if p[1] == 1]
    if not top:
        reason = ("no code of Nash reversion and one-period sticks sustains it for delta "
                  "close to 1")
        if low is None:
            reason = "no subgame-perfect equilibrium has this path (minmax bound)"
        return DiscountThreshold(labels, "optimal", None, tuple(pieces), lower_bound=lower,
                                 exact=low is None, reason=reason)
    value = top[0][0]
    # the code that starts at value and reaches farthest (the others cover the rest)
    first = max((iv for iv in best if iv[0] == value), key=lambda iv: iv[1])
    res = _result(rep, path, "optimal", best[first], U)
    codes = tuple((iv, best[iv].automaton(U, players, strategies))
                  for iv in sorted(best, key=lambda iv: (-iv[1], iv[0])))
    return DiscountThreshold(labels, "optimal", value, tuple(pieces),
                             _binding(list(res.constraints), value), res.constraints,
                             res.strategy, lower_bound=lower,
                             exact=lower is not None and value == lower, code=res.code,
                             _codes=codes)


def _merge(ivs: list) -> list:
    """Closed intervals merged into disjoint ones, sorted."""
    out: list = []
    for lo, hi in sorted(ivs):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


__all__ += ["Constraint", "minmax_bound"]
