"""Strategy profiles of a repeated game as automata, checked exactly by the one-shot
deviation principle.

A profile is a finite set of phases (states). Each phase prescribes a stage action profile
(pure, or mixed where the play does not depend on the realised actions), the phase that
follows when nobody deviates, and the phase that follows a unilateral deviation by each
player. Values are normalised discounted payoffs, ``V = (1 - delta) u + delta V(next)``.

By the one-shot deviation principle (Mailath & Samuelson 2006, ch. 2, for profiles
represented by automata) the profile is a subgame-perfect equilibrium at ``delta`` exactly
when no player gains, in any phase, by deviating for one period and following the profile
after.
Every phase of these automata is reached after some history, so every phase is checked.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import GameError
from ..games._display import fmt

__all__ = ["Phase", "Automaton", "DeviationCheck", "Deviation", "stage_payoff"]


def stage_payoff(U: Any, i: int, action: tuple) -> Any:
    """Player ``i``'s exact expected stage payoff when each player's entry of ``action`` is
    an action index or a probability vector (``U`` the exact payoff array).

    >>> import numpy as np
    >>> from fractions import Fraction as F
    >>> U = np.array([[[1, 0], [0, 2]], [[2, 0], [0, 1]]], dtype=object)
    >>> stage_payoff(U, 0, (0, (F(1, 2), F(1, 2))))
    Fraction(1, 2)
    """
    parts = [[(a, Fraction(1))] if isinstance(a, int) else
             [(k, p) for k, p in enumerate(a) if p != 0] for a in action]
    total: Any = 0
    for combo in itertools.product(*parts):
        w = Fraction(1)
        for _, p in combo:
            w *= p
        total += w * U[(i, *(k for k, _ in combo))]
    return total


@dataclass(frozen=True)
class Phase:
    """One state of an automaton.

    Attributes
    ----------
    name : str
        What the phase is, e.g. ``"cooperation"`` or ``"Nash reversion after Row deviates"``.
    action : tuple
        Per player an action index, or a probability vector (a tuple of Fractions).
    next : int
        The phase after a period in which nobody (or more than one player) deviates.
    on_deviation : tuple of int or None
        Per player, the phase after that player alone deviates; None: deviations are
        ignored (``next``). A phase in which someone mixes must ignore deviations, since
        only realised actions are observed.
    """

    name: str
    action: tuple
    next: int
    on_deviation: tuple


@dataclass(frozen=True)
class Deviation:
    """A profitable one-shot deviation: ``gain > 0`` for ``player`` playing ``action`` in
    ``phase`` (normalised payoffs)."""

    phase: str
    player: str
    action: str
    gain: Fraction

    def __str__(self) -> str:
        return f"{self.player} gains {fmt(self.gain)} by {self.action} in {self.phase}"


@dataclass(frozen=True)
class DeviationCheck:
    """The exact one-shot deviation check of an automaton at one discount factor.

    Attributes
    ----------
    discount : Fraction
    ok : bool
        True when no one-shot deviation is profitable: a subgame-perfect equilibrium.
    values : dict
        ``{phase name: tuple of normalised values}``.
    deviations : tuple of Deviation
        Every profitable deviation (empty when ``ok``).
    slack : Fraction
        The smallest loss from any one-shot deviation (negative when one is profitable):
        ``min over phases, players, actions of V - (deviation value)``.
    """

    discount: Fraction
    ok: bool
    values: dict
    deviations: tuple
    slack: Fraction

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        head = (f"subgame perfect at delta = {self.discount}" if self.ok else
                f"not subgame perfect at delta = {self.discount}")
        lines = [head + f" (smallest one-shot loss {fmt(self.slack)})"]
        lines += [f"  {d}" for d in self.deviations[:12]]
        if len(self.deviations) > 12:
            lines.append(f"  ... {len(self.deviations) - 12} more")
        return "\n".join(lines)


def _solve(A: list, b: list) -> list:
    """Exact Gauss-Jordan solution of the square nonsingular system ``A x = b``."""
    n = len(b)
    M = [list(row) + [b[k]] for k, row in enumerate(A)]
    for c in range(n):
        r = next(r for r in range(c, n) if M[r][c] != 0)
        M[c], M[r] = M[r], M[c]
        piv = M[c][c]
        M[c] = [x / piv for x in M[c]]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c]
                M[r] = [x - f * y for x, y in zip(M[r], M[c])]
    return [M[k][n] for k in range(n)]


@dataclass(frozen=True)
class Automaton:
    """A strategy profile of the repeated game: phases, starting in phase 0.

    Attributes
    ----------
    phases : tuple of Phase
    payoffs : ndarray
        The exact stage payoff array ``(N, n1, ..., nN)``.
    players, strategies : tuple
        Names and labels, for printing.
    """

    phases: tuple
    payoffs: Any
    players: tuple
    strategies: tuple

    def __post_init__(self) -> None:
        n = len(self.phases)
        for ph in self.phases:
            if not 0 <= ph.next < n or any(d is not None and not 0 <= d < n
                                           for d in ph.on_deviation):
                raise GameError(f"phase {ph.name!r} leads to a phase that does not exist")
            mixed = any(not isinstance(a, int) for a in ph.action)
            if mixed and any(d is not None and d != ph.next for d in ph.on_deviation):
                raise GameError(f"phase {ph.name!r} mixes, so its continuation cannot "
                                "depend on the realised actions")

    def values(self, discount: Fraction) -> list:
        """The normalised value of every phase to every player: ``values[phase][player]``."""
        n, N = len(self.phases), len(self.players)
        A = [[Fraction(int(r == c)) - (discount if c == ph.next else 0) for c in range(n)]
             for r, ph in enumerate(self.phases)]
        cols = [_solve(A, [(1 - discount) * stage_payoff(self.payoffs, i, ph.action)
                           for ph in self.phases]) for i in range(N)]
        return [tuple(cols[i][k] for i in range(N)) for k in range(n)]

    def check(self, discount: Any) -> DeviationCheck:
        """Every one-shot deviation in every phase, exactly at ``discount``.

        Parameters
        ----------
        discount : Fraction or int
            In (0, 1).

        Returns
        -------
        DeviationCheck
        """
        d = Fraction(discount)
        if not 0 < d < 1:
            raise GameError(f"the discount factor must lie in (0, 1); got {d}")
        V = self.values(d)
        bad, slack = [], None
        for ph, v in zip(self.phases, V):
            for i, lab in enumerate(self.strategies):
                own = ph.action[i]
                dest = ph.next if ph.on_deviation[i] is None else ph.on_deviation[i]
                for a in range(len(lab)):
                    if a == own:
                        continue
                    act = ph.action[:i] + (a,) + ph.action[i + 1:]
                    dev = (1 - d) * stage_payoff(self.payoffs, i, act) + d * V[dest][i]
                    loss = v[i] - dev
                    slack = loss if slack is None else min(slack, loss)
                    if loss < 0:
                        bad.append(Deviation(ph.name, self.players[i], lab[a], -loss))
        return DeviationCheck(d, not bad, {ph.name: v for ph, v in zip(self.phases, V)},
                              tuple(bad), Fraction(0) if slack is None else slack)

    def __str__(self) -> str:
        lines = []
        for k, ph in enumerate(self.phases):
            act = ", ".join(_action_text(lab, a) for lab, a in zip(self.strategies, ph.action))
            nxt = self.phases[ph.next].name
            dev = [f"{p} deviates -> {self.phases[t].name}"
                   for p, t in zip(self.players, ph.on_deviation) if t is not None]
            lines.append(f"[{k}] {ph.name}: play ({act}); then {nxt}"
                         + ("; " + "; ".join(dev) if dev else "; deviations ignored"))
        return "\n".join(lines)


def _action_text(labels: tuple, a: Any) -> str:
    if isinstance(a, int):
        return labels[a]
    return " ".join(f"{labels[k]} {fmt(p)}" for k, p in enumerate(a) if p != 0)
