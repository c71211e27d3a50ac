"""The result of :func:`gametheory.repeated.discount.critical_discount`."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..errors import GameError
from ..games._display import fmt
from .automaton import Automaton

__all__ = ["DiscountThreshold"]


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
        The strategy profile that sustains the path from ``value`` on (for
        ``"optimal"``: the code that does from ``value`` on; when several codes are
        needed to cover up to 1, :meth:`strategy_at` gives one for each discount factor).
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
        elif self.value == 0:
            lines = [f"{prof} is sustained by {kind} for every delta in (0, 1)"]
        else:
            lines = [f"{prof} is sustained by {kind} for delta >= {fmt(self.value)} "
                     f"~ {float(self.value):.6g}"]
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
