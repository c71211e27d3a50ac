"""Bayesian Nash equilibria read per type (see :meth:`BayesianGame.per_type`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import GameError
from ._display import fmt

__all__ = ["BayesianEquilibrium", "BayesianSolution"]


@dataclass(frozen=True, eq=False)
class BayesianEquilibrium:
    """A profile of a Bayesian game read per type: what each type of each player does.

    Attributes
    ----------
    players : tuple of str
        Player names.
    behavior : dict
        ``{information set label: {action: probability}}``, one entry per player-type
        (the labels of :meth:`BayesianGame.infoset_label`, e.g. ``"Russia
        (revisionist)"``): the behaviour profile of :meth:`BayesianGame.to_tree`.
    owners : dict
        ``{information set label: (player, type)}``; the type is None for a player
        without types.
    payoffs : tuple
        Ex-ante expected payoff of each player (before types are drawn).
    interim : dict
        ``{information set label: expected payoff of that player given its type}``;
        None for a type of prior probability 0.
    exact : bool
        True when probabilities and payoffs are exact Fractions.
    source : Equilibrium or None
        The equilibrium it was read from (of the normal form or of the tree).
    """

    players: tuple
    behavior: Mapping
    owners: Mapping
    payoffs: tuple
    interim: Mapping
    exact: bool = False
    source: Any = field(default=None, repr=False)

    def strategy(self, player: str, type: str | None = None) -> dict[str, Any]:
        """``{action: probability}`` of ``player``'s ``type`` (omit it for an untyped player).

        Examples
        --------
        >>> import gametheory as gt
        >>> bg = gt.BayesianGame(["A", "B"], prior={"B": {"x": "1/2", "y": "1/2"}},
        ...                      actions={"A": ["l", "r"], "B": ["l", "r"]},
        ...                      payoffs=lambda t, a: (2 * (a[0] == a[1]) + (a[0] == "l"),
        ...                                            int((a[1] == "l") == (t[1] == "x"))))
        >>> eq = bg.bayesian_equilibria(exact=True)[0]
        >>> eq.strategy("B", "y")
        {'l': Fraction(0, 1), 'r': Fraction(1, 1)}
        """
        for label, (p, t) in self.owners.items():
            if p == player and (t == type or (type is not None and str(t) == str(type))):
                return dict(self.behavior[label])
        types = [str(t) for p, t in self.owners.values() if p == player]
        if not types:
            raise GameError(f"no player named {player!r}; players are {', '.join(self.players)}")
        raise GameError(f"{player} has no type {type!r}; its types are {', '.join(types)}")

    @property
    def is_pure(self) -> bool:
        """True when every type plays one action for sure."""
        return all(sum(1 for p in d.values() if p != 0) == 1 for d in self.behavior.values())

    def __str__(self) -> str:
        parts = []
        for label, acts in self.behavior.items():
            used = [(a, p) for a, p in acts.items() if p != 0]
            text = used[0][0] if len(used) == 1 and used[0][1] == 1 else \
                ", ".join(f"{a} {fmt(p)}" for a, p in used)
            parts.append(f"{label}: {text}")
        return "; ".join(parts) + "; payoffs " + ", ".join(fmt(v) for v in self.payoffs)

    def __repr__(self) -> str:
        return f"<BayesianEquilibrium {self}>"


@dataclass(frozen=True, eq=False)
class BayesianSolution:
    """Bayesian Nash equilibria per type, with the solver's :class:`~gametheory.Solution`.

    ``equilibria[k]`` reads ``solution.equilibria[k]`` per type; ``method``,
    ``complete``, ``exact`` and ``notes`` are the solution's.
    """

    equilibria: list
    solution: Any = field(repr=False, default=None)

    @property
    def method(self) -> str:
        """The method that ran."""
        return self.solution.method

    @property
    def complete(self) -> bool:
        """Whether every (extreme) equilibrium was found."""
        return self.solution.complete

    @property
    def exact(self) -> bool:
        """Whether it was computed in exact arithmetic."""
        return self.solution.exact

    @property
    def notes(self) -> tuple:
        """The solver's remarks."""
        return self.solution.notes

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[BayesianEquilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, k: int) -> BayesianEquilibrium:
        return self.equilibria[k]

    def __str__(self) -> str:
        n = len(self.equilibria)
        head = (f"{n} Bayesian Nash equilibri{'um' if n == 1 else 'a'} by {self.method} "
                f"({'complete' if self.complete else 'not guaranteed complete'}"
                f"{', exact' if self.exact else ''})")
        lines = [head] + [f"  [{k}] {eq}" for k, eq in enumerate(self.equilibria)]
        lines += [f"  note: {t}" for t in self.notes]
        return "\n".join(lines)
