"""Penal codes for a pure path played every period: per deviator, Nash reversion or a
one-period stick followed by a return to the path (the carrot), their incentive
constraints as linear inequalities in the discount factor, and their automata.

With normalised payoffs and a path ``a`` worth ``v`` every period, a deviator j gains
``g`` today from a one-shot deviation and loses the difference between continuations.
Every constraint of these codes reduces, after dividing by ``1 - delta > 0``, to
``delta * c >= g`` (Abreu 1986; Mailath & Samuelson 2006, sec. 2.6):

* j punished by Nash reversion to a stage equilibrium worth ``p_j``: on the path
  ``c = d_j - p_j``, ``g = d_j - v_j`` (``d_j`` the best deviation payoff); in another
  player's stick ``s``, ``g = d_j(s) - u_j(s)`` and ``c = v_j - p_j + g``.
* j punished by a stick ``s^j`` (one period of ``s^j``, then the path): in every phase
  where j is asked to play, ``c = v_j - u_j(s^j)`` and ``g`` is j's best one-period gain
  there (on the path, in j's own stick and in the others' sticks).

In a Nash-reversion phase deviations are ignored (the stage equilibrium is played for
ever, itself subgame perfect). The automata of :mod:`gametheory.repeated.automaton` check
these constraints independently, by solving for the values of the phases.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..games._display import fmt
from .automaton import Automaton, Phase, stage_payoff

__all__ = ["Constraint", "Code", "interval", "best_deviation"]


@dataclass(frozen=True)
class Constraint:
    """One incentive constraint ``discount * weight >= gain``.

    Attributes
    ----------
    player : str
    phase : str
        Where it applies (``"cooperation"``, ``"stick for Row"``, ...).
    deviation : str
        The most profitable one-period deviation there (an action label), or ``""``.
    gain, weight
        Exact numbers (or sympy expressions for symbolic payoffs).
    """

    player: str
    phase: str
    deviation: str
    gain: Any
    weight: Any

    def bound(self) -> tuple:
        """``(lo, hi)``: the discount factors in [0, 1] that satisfy it; None if none."""
        return interval([(self.gain, self.weight)])

    def __str__(self) -> str:
        dev = f" ({self.deviation})" if self.deviation else ""
        return (f"{self.player} in {self.phase}{dev}: delta * {fmt(self.weight)} >= "
                f"{fmt(self.gain)}")


def interval(pairs: Any) -> tuple | None:
    """The closed interval ``[lo, hi]`` of discount factors in [0, 1] with
    ``delta * c >= g`` for every ``(g, c)``; None when it misses (0, 1).

    >>> from fractions import Fraction as F
    >>> interval([(F(2), F(4)), (F(-1), F(-2))])
    (Fraction(1, 2), Fraction(1, 2))
    >>> interval([(F(1), F(1))]) is None
    True
    """
    lo, hi = Fraction(0), Fraction(1)
    for g, c in pairs:
        if c > 0:
            lo = max(lo, Fraction(g) / c)
        elif c < 0:
            hi = min(hi, Fraction(g) / c)
        elif g > 0:
            return None
    if lo > hi or lo >= 1 or hi <= 0:
        return None
    return lo, hi


def best_deviation(U: Any, i: int, action: tuple) -> tuple[Any, int | None]:
    """Player i's best payoff from an action other than ``action[i]`` against the others,
    and that action (None when the player has one action)."""
    best, arg = None, None
    for a in range(U.shape[1 + i]):
        if a == action[i]:
            continue
        u = stage_payoff(U, i, action[:i] + (a,) + action[i + 1:])
        if best is None or u > best:
            best, arg = u, a
    return best, arg


@dataclass(frozen=True)
class Code:
    """A penal code for the pure path ``path``: ``kinds[j]`` is ``("nash", e)`` (revert to
    the stage equilibrium ``e`` for ever after j deviates) or ``("stick", s)`` (play the
    pure profile ``s`` once, then the path)."""

    path: tuple
    kinds: tuple

    def constraints(self, U: Any, players: tuple, strategies: tuple,
                    memo: dict | None = None) -> list[Constraint]:
        """Every incentive constraint, exactly (see the module docstring); ``memo`` caches
        stage payoffs and best deviations across codes of one path."""
        memo = {} if memo is None else memo

        def pay(j, prof):
            if ("u", j, prof) not in memo:
                memo["u", j, prof] = stage_payoff(U, j, prof)
            return memo["u", j, prof]

        def dev(j, prof):
            if ("d", j, prof) not in memo:
                memo["d", j, prof] = best_deviation(U, j, prof)
            return memo["d", j, prof]

        a = self.path
        out = []
        for j in range(len(players)):
            kind, e = self.kinds[j]
            own = pay(j, e)
            weight = pay(j, a) - own
            phases = [("cooperation", a)] + [(f"stick for {players[i]}", s)
                                             for i, (k, s) in enumerate(self.kinds)
                                             if k == "stick"]
            for name, prof in phases:
                d, arg = dev(j, prof)
                if arg is None:
                    continue
                gain = d - pay(j, prof)
                if kind == "stick":
                    w = weight
                elif name == "cooperation":
                    w = d - own
                else:
                    w = weight + gain
                out.append(Constraint(players[j], name, strategies[j][arg], gain, w))
        return out

    def automaton(self, U: Any, players: tuple, strategies: tuple) -> Automaton:
        """The strategy profile: phase 0 the path, then one phase per deviator."""
        N = len(players)
        start = tuple(1 + j for j in range(N))
        phases = [Phase("cooperation", self.path, 0, start)]
        for j, (kind, e) in enumerate(self.kinds):
            if kind == "nash":
                phases.append(Phase(f"Nash reversion after {players[j]} deviates", e,
                                    1 + j, (None,) * N))
            else:
                phases.append(Phase(f"stick for {players[j]}", e, 0, start))
        return Automaton(tuple(phases), U, players, strategies)

    def describe(self, players: tuple, strategies: tuple) -> str:
        from .automaton import _action_text

        def prof(p):
            return "(" + ", ".join(_action_text(lab, x) for lab, x in zip(strategies, p)) + ")"

        parts = []
        for j, (kind, e) in enumerate(self.kinds):
            if kind == "nash":
                parts.append(f"{players[j]}: Nash reversion to {prof(e)}")
            else:
                parts.append(f"{players[j]}: stick {prof(e)} for one period, then back")
        return "; ".join(parts)
