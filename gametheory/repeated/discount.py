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
(optimal penal codes may need longer sticks or mixed punishments: Abreu 1988, sec. 4;
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
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..errors import GameError, SolverError
from ..games._display import fmt
from .automaton import Automaton, stage_payoff
from .codes import Code, Constraint, best_deviation, interval

if TYPE_CHECKING:
    from .game import RepeatedGame

__all__ = ["DiscountThreshold", "critical_discount", "PUNISHMENTS", "MAX_CODES"]

#: The kinds of punishment :func:`critical_discount` knows.
PUNISHMENTS = ("grim", "stick", "optimal")

#: The most penal codes ``punishment="optimal"`` tries ((1 + pure profiles) ** players).
MAX_CODES = 50_000


@dataclass(frozen=True, eq=False)
class DiscountThreshold:
    """The critical discount factor of a pure path under one kind of punishment.

    Attributes
    ----------
    profile : tuple of str
        The path's stage profile, by label.
    punishment : str
        ``"grim"``, ``"stick"`` or ``"optimal"``.
    value : Fraction, sympy expression or None
        The least discount factor from which on (inclusive, up to 1) the path is
        sustained by the punishment; None when no discount factor close to 1 sustains it
        (see ``reason``). Symbolic payoffs: an expression, valid where ``condition``
        holds.
    sustained : tuple of (lo, hi)
        The exact discount factors in (0, 1) at which the code(s) sustain the path, as
        closed intervals intersected with (0, 1) (numeric payoffs only).
    binding : tuple of Constraint
        The incentive constraints that hold with equality at ``value``.
    constraints : tuple of Constraint
        Every incentive constraint of the code (of the best code for ``"optimal"``).
    strategy : Automaton or None
        The strategy profile that sustains the path from ``value`` on (the best code).
    lower_bound : Fraction or None
        ``"optimal"``: the minmax bound, below which no subgame-perfect equilibrium has
        this path.
    exact : bool
        ``"optimal"``: True when ``value`` equals ``lower_bound``, so it is the optimal
        threshold. Always True for ``"grim"`` and ``"stick"`` (exact for their code).
    reason : str
        Why the path is not sustained (when ``value`` is None), else ``""``.
    condition : sympy Boolean or None
        Symbolic payoffs: where ``value`` is the threshold.
    pieces : tuple of (expression, condition)
        Symbolic payoffs: the threshold on each region of the parameters where it has one
        formula (including 0 where nobody is tempted).
    code : str
        The punishments, in words.
    """

    profile: tuple
    punishment: str
    value: Any
    sustained: tuple = ()
    binding: tuple = ()
    constraints: tuple = ()
    strategy: Automaton | None = field(default=None, repr=False)
    lower_bound: Any = None
    exact: bool = True
    reason: str = ""
    condition: Any = None
    pieces: tuple = ()
    code: str = ""
    _codes: tuple = field(default=(), repr=False)

    @property
    def is_sustainable(self) -> bool:
        """True when some discount factor close to 1 sustains the path."""
        return self.value is not None

    def __float__(self) -> float:
        if self.value is None:
            raise GameError(f"no critical discount factor: {self.reason}")
        return float(self.value)

    def strategy_at(self, discount: Any) -> Automaton | None:
        """A strategy profile of the family that sustains the path at ``discount`` (None
        if none does)."""
        d = Fraction(discount)
        for (lo, hi), auto in self._codes:
            if lo <= d <= hi:
                return auto
        return None

    def piecewise(self) -> Any:
        """Symbolic payoffs: the pieces as one ``sympy.Piecewise`` (nan elsewhere)."""
        import sympy

        if not self.pieces:
            raise GameError("piecewise() is for symbolic payoffs; this threshold is "
                            f"{fmt(self.value)}")
        return sympy.Piecewise(*self.pieces, (sympy.nan, True))

    def records(self) -> list[dict[str, Any]]:
        """One plain dict per incentive constraint: player, phase, deviation, gain,
        weight, the bound it gives and whether it binds."""
        rows = []
        for c in self.constraints:
            b = c.bound() if not self.pieces else None
            rows.append({"profile": "(" + ", ".join(self.profile) + ")",
                         "punishment": self.punishment, "player": c.player,
                         "phase": c.phase, "deviation": c.deviation, "gain": c.gain,
                         "weight": c.weight,
                         "from": None if b is None else b[0],
                         "binding": c in self.binding})
        return rows

    def __str__(self) -> str:
        prof = "(" + ", ".join(self.profile) + ")"
        kind = {"grim": "grim trigger (Nash reversion)", "stick": "stick and carrot",
                "optimal": "the harshest codes tried"}[self.punishment]
        if self.value is None:
            lines = [f"{prof} is not sustained by {kind}: {self.reason}"]
        elif self.pieces:
            lines = [f"{prof} is sustained by {kind} for delta >= {self.value} where "
                     f"{self.condition}"]
        else:
            lines = [f"{prof} is sustained by {kind} for delta >= {fmt(self.value)}"
                     + ("" if self.value == 0 else f" ~ {float(self.value):.6g}")]
        if self.punishment == "optimal" and self.lower_bound is not None:
            if self.exact:
                lines.append(f"  optimal: equals the minmax bound {fmt(self.lower_bound)}, "
                             "which no subgame-perfect equilibrium beats")
            else:
                lines.append(f"  the optimal threshold lies in [{fmt(self.lower_bound)}, "
                             f"{fmt(self.value)}] (minmax bound below)")
        if self.code:
            lines.append(f"  punishments: {self.code}")
        lines += [f"  binding: {c}" for c in self.binding]
        if len(self.sustained) > 1 or (self.sustained and self.value is None):
            lines.append("  sustained on " + ", ".join(f"[{fmt(lo)}, {fmt(hi)}]"
                                                      for lo, hi in self.sustained))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<DiscountThreshold {str(self).splitlines()[0]}>"


# ----------------------------------------------------------------------------- helpers
def _profile_vector(rep: RepeatedGame, e: Any) -> tuple:
    """A stage profile (labels, indices, vectors, or an Equilibrium) as a tuple of action
    indices and Fraction vectors (a unit vector becomes its index)."""
    strategies = e.strategies if hasattr(e, "strategies") and hasattr(e, "payoffs") else e
    vecs = rep.stage.mixed_profile(list(strategies), exact=True)
    out = []
    for v in vecs:
        nz = [k for k, p in enumerate(v) if p != 0]
        out.append(nz[0] if len(nz) == 1 else tuple(Fraction(p) for p in v))
    return tuple(out)


def _is_stage_nash(U: Any, e: tuple) -> bool:
    N = U.shape[0]
    for i in range(N):
        u = stage_payoff(U, i, e)
        for a in range(U.shape[1 + i]):
            if stage_payoff(U, i, e[:i] + (a,) + e[i + 1:]) > u:
                return False
    return True


def _nash_list(rep: RepeatedGame) -> tuple[list, list]:
    """The stage equilibria as profile tuples (exact ones only), and notes."""
    sol = rep.stage_equilibria()
    notes = []
    out = []
    for eq in sol.equilibria:
        try:
            out.append(_profile_vector(rep, eq))
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
    e = _profile_vector(rep, spec)
    if not _is_stage_nash(U, e):
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
    for kinds in itertools.product(*options):
        code = Code(path, kinds)
        iv = interval([(c.gain, c.weight) for c in code.constraints(U, players, strategies)])
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
    ivs = sorted((iv for iv in best if iv[1] == 1), key=lambda iv: iv[0])
    code = best[ivs[0]]
    res = _result(rep, path, "optimal", code, U)
    codes = tuple((iv, best[iv].automaton(U, players, strategies))
                  for iv in sorted(best, key=lambda iv: (-iv[1], iv[0])))
    return DiscountThreshold(labels, "optimal", value, tuple(pieces),
                             _binding(list(res.constraints), ivs[0][0]), res.constraints,
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
