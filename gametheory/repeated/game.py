"""The repeated game: a stage game in normal form played again and again with perfect
monitoring (every player sees the realised action profile after each period).

Payoffs of the infinitely repeated game are normalised discounted sums,
``(1 - delta) * sum_t delta**t u(a_t)``; those of the finitely repeated game (``horizon``)
are discounted sums ``sum_t delta**t u(a_t)`` (undiscounted with ``delta = 1``).

References
----------
Mailath, G. J. & Samuelson, L. (2006). *Repeated Games and Reputations: Long-Run
Relationships*. Oxford University Press, ch. 2.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameError
from ..games._display import fmt
from ..games.normal import NormalFormGame
from ..games.parameters import Parameter
from ._common import DISCOUNT_NAME
from ._common import parse_discount as _discount

__all__ = ["RepeatedGame", "DISCOUNT_NAME"]


class RepeatedGame:
    """A stage game repeated with perfect monitoring.

    Parameters
    ----------
    stage : NormalFormGame
        The stage game: numeric or with symbolic payoffs (``gt.parameters``). Most methods
        take two or more players; ``"optimal"`` punishments two players or more (with a
        correlated minmax bound for three or more).
    discount : number, Fraction, str or sympy Symbol, optional
        The common discount factor in (0, 1) (``(0, 1]`` with a horizon); a float is read
        as the decimal it prints as. A name or Symbol keeps it symbolic; the default is a
        parameter ``delta`` with domain (0, 1).
    horizon : int, optional
        The number of periods of a finitely repeated game (see :meth:`finite`); None (the
        default) for the infinitely repeated game.

    Examples
    --------
    The Prisoner's Dilemma with T = 5, R = 3, P = 1, S = 0: cooperation is sustained by
    grim trigger for delta >= (T - R)/(T - P) = 1/2 (Mailath & Samuelson 2006, ch. 2).

    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                    players=["Row", "Col"],
    ...                                    strategies=[["C", "D"], ["C", "D"]])
    >>> rep = gt.RepeatedGame(pd)
    >>> rep
    <RepeatedGame of a 2 x 2 stage game, discount delta>
    >>> rep.critical_discount(("C", "C")).value
    Fraction(1, 2)

    Two guarantors each honour their pledge, at a cost c to themselves and worth b to the
    other, or shirk: honouring together is sustained by reverting to mutual shirking for
    delta >= c/b, where c >= 0 and b > c.

    >>> b, c = gt.parameters("b c")
    >>> pledge = gt.NormalFormGame.from_arrays([[b - c, -c], [b, 0]], [[b - c, b], [-c, 0]],
    ...                                        players=["US", "UK"],
    ...                                        strategies=[["honour", "shirk"]] * 2)
    >>> th = gt.RepeatedGame(pledge).critical_discount(("honour", "honour"),
    ...                                                reversion=("shirk", "shirk"))
    >>> th.value, th.condition
    (c/b, (c >= 0) & (b - c > 0))
    """

    def __init__(self, stage: NormalFormGame, discount: Any = None,
                 horizon: int | None = None):
        if not isinstance(stage, NormalFormGame):
            hint = (" (a tree: repeat its normal form, tree.to_normal_form())"
                    if getattr(stage, "is_tree", False) else "")
            raise GameError(f"the stage game must be a NormalFormGame{hint}; got "
                            f"{type(stage).__name__}")
        if stage.num_players < 2:
            raise GameError("a repeated game needs a stage game of at least two players")
        if horizon is not None:
            if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) \
                    or horizon < 1:
                raise GameError(f"the horizon must be a positive number of periods; got "
                                f"{horizon!r}")
            horizon = int(horizon)
        self._stage = stage
        self._horizon = horizon
        self._discount = _discount(discount, horizon is not None)
        if not isinstance(self._discount, Fraction) and \
                self._discount.name in {p.name for p in stage.parameters}:
            raise GameError(f"the discount factor's name {self._discount.name!r} is also a "
                            "parameter of the stage payoffs; give it another name")
        self._cache: dict = {}

    # ----------------------------------------------------------------- properties
    @property
    def stage(self) -> NormalFormGame:
        """The stage game."""
        return self._stage

    @property
    def discount(self) -> Any:
        """The discount factor: a Fraction, or a sympy Symbol when symbolic."""
        return self._discount

    @property
    def horizon(self) -> int | None:
        """The number of periods, or None for the infinitely repeated game."""
        return self._horizon

    @property
    def players(self) -> tuple[str, ...]:
        return self._stage.players

    @property
    def num_players(self) -> int:
        return self._stage.num_players

    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]:
        """The stage actions of each player."""
        return self._stage.strategies

    @property
    def shape(self) -> tuple[int, ...]:
        return self._stage.shape

    @property
    def discount_is_symbolic(self) -> bool:
        return not isinstance(self._discount, Fraction)

    @property
    def parameters(self) -> tuple:
        """The stage game's parameters and the discount factor's Symbol when symbolic,
        sorted by name."""
        ps = list(self._stage.parameters)
        if self.discount_is_symbolic:
            ps.append(self._discount)
        return tuple(sorted(ps, key=lambda s: s.name))

    @property
    def parameter_info(self) -> dict[str, Parameter]:
        """``{name: Parameter}``: the stage game's, and the discount factor's with domain
        (0, 1) when symbolic."""
        info = dict(self._stage.parameter_info)
        if self.discount_is_symbolic:
            info[self._discount.name] = Parameter(self._discount.name, domain=(0, 1),
                                                  description="discount factor")
        return info

    @property
    def substituted_metadata(self) -> Mapping[str, Parameter]:
        """The stage game's :attr:`~gametheory.NormalFormGame.substituted_metadata`: the
        declared parameters of the stage payoffs that :meth:`substitute` fixed."""
        return self._stage.substituted_metadata

    @property
    def is_numeric(self) -> bool:
        """True when the stage payoffs have no free parameters (the discount may)."""
        return self._stage.is_numeric

    def substitute(self, **values: Any) -> RepeatedGame:
        """A new repeated game with named stage parameters and/or the discount fixed.

        Examples
        --------
        >>> import gametheory as gt
        >>> T = gt.parameters("T")
        >>> pd = gt.NormalFormGame.from_arrays([[3, 0], [T, 1]], [[3, T], [0, 1]])
        >>> rep = gt.RepeatedGame(pd).substitute(T=5, delta="3/4")
        >>> rep.discount, int(rep.stage.payoffs[0, 1, 0])
        (Fraction(3, 4), 5)
        """
        values = dict(values)
        discount = self._discount
        if self.discount_is_symbolic and discount.name in values:
            discount = values.pop(discount.name)
        stage = self._stage.substitute(**values) if values else self._stage
        return RepeatedGame(stage, discount, self._horizon)

    def _numeric_discount(self, discount: Any, what: str) -> Fraction:
        """``discount`` (or the game's own when None) as a Fraction in (0, 1)."""
        d = self._discount if discount is None else _discount(discount, False)
        if not isinstance(d, Fraction):
            raise GameError(f"{what} needs a number for the discount factor "
                            f"{d.name}; pass discount=... or substitute it")
        return d

    # ----------------------------------------------------------------- payoffs
    def payoff_array(self) -> np.ndarray:
        """The stage payoffs, exact: Fractions, or sympy expressions when symbolic."""
        if self._stage.kind == "symbolic":
            return self._stage.payoffs
        return self._stage.exact_payoffs()

    def _require_numeric(self, what: str) -> None:
        if not self._stage.is_numeric:
            raise GameError(f"{what} needs numeric stage payoffs; "
                            + self._stage.unsubstituted_message())

    def pure_profile(self, profile: Sequence[Any]) -> tuple[int, ...]:
        """A pure stage profile (labels or indices, one per player) as action indices.

        Mixed profiles are refused: only realised actions are observed, so a path that
        mixes cannot be enforced by punishing deviations from the mixture.

        >>> import gametheory as gt
        >>> g = gt.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
        >>> gt.RepeatedGame(g).pure_profile(["a2", 0])
        (1, 0)
        """
        from ..games._labels import is_sequence

        if isinstance(profile, (str, bytes)) or not is_sequence(profile):
            raise GameError(f"a profile is a sequence with one action per player "
                            f"({self.num_players}); got {profile!r}")
        if len(profile) != self.num_players:
            raise GameError(f"a profile needs one action per player ({self.num_players}); "
                            f"got {len(profile)}")
        out = []
        for i, a in enumerate(profile):
            if not isinstance(a, (str, int, np.integer)) or isinstance(a, bool):
                raise GameError(f"the path must be a pure profile (an action label or index "
                                f"per player); {self.players[i]}'s entry {a!r} is not: "
                                "mixed actions are not observed, so deviations from a "
                                "mixture cannot be punished")
            out.append(self._stage.strategy_index(i, a))
        return tuple(out)

    def profile_text(self, profile: Sequence[Any]) -> str:
        """``(C, D)`` for a pure profile of indices; mixed entries as ``a1 1/2 a2 1/2``."""
        from .automaton import _action_text

        return "(" + ", ".join(_action_text(lab, a)
                               for lab, a in zip(self.strategies, profile)) + ")"

    def stage_equilibria(self) -> Any:
        """All (extreme) Nash equilibria of the numeric stage game, exact
        (``gt.solve(stage, exact=True)``); cached."""
        self._require_numeric("the stage equilibria")
        if "nash" not in self._cache:
            from ..solvers import solve

            self._cache["nash"] = solve(self._stage, exact=True)
        return self._cache["nash"]

    def minmax(self, player: int | str) -> Fraction:
        """The player's minmax payoff: the least the others can hold them to, exactly.

        For two players the mixed minmax ``min_y max_a u(a, y)`` (an exact LP); for more,
        the minmax against the others' correlated mixtures, a lower bound on the minmax
        against independent mixtures. Either way no equilibrium of the repeated game gives
        the player less (Fudenberg & Maskin 1986, Econometrica 54, 533-554; Mailath &
        Samuelson 2006, ch. 2).

        >>> import gametheory as gt
        >>> mp = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> gt.RepeatedGame(mp).minmax(0)
        Fraction(0, 1)
        """
        from ..solvers._exact_lp import simplex

        self._require_numeric("the minmax payoff")
        i = self._stage.player_index(player)
        key = ("minmax", i)
        if key in self._cache:
            return self._cache[key]
        U = np.moveaxis(self.payoff_array()[i], i, 0)
        n = U.shape[0]
        M = U.reshape(n, -1)                       # own actions x the others' profiles
        k = M.shape[1]
        shift = 1 - min(Fraction(x) for x in M.flat)   # payoffs >= 1, so the value t > 0
        # variables (z_1..z_k, t, s_1..s_n): max -t, M z - t + s = 0 (row by row), sum z = 1
        A = [[Fraction(M[a, c]) + shift for c in range(k)] + [Fraction(-1)]
             + [Fraction(int(a == b)) for b in range(n)] for a in range(n)]
        A.append([Fraction(1)] * k + [Fraction(0)] * (1 + n))
        c = [Fraction(0)] * k + [Fraction(-1)] + [Fraction(0)] * n
        status, x, value = simplex(c, A, [Fraction(0)] * n + [Fraction(1)])
        if status != "optimal":  # pragma: no cover - the LP is always feasible and bounded
            raise GameError(f"the minmax LP is {status}")
        self._cache[key] = -value - shift
        return self._cache[key]

    # ----------------------------------------------------------------- analyses
    def critical_discount(self, profile: Sequence[Any], punishment: str = "grim", *,
                          reversion: Any = None, sticks: Any = None) -> Any:
        """The critical discount factor of a pure profile; see
        :func:`gametheory.repeated.discount.critical_discount`."""
        from .discount import critical_discount

        return critical_discount(self, profile, punishment, reversion=reversion,
                                 sticks=sticks)

    def strategy(self, profile: Sequence[Any], punishment: str = "grim", *,
                 reversion: Any = None, sticks: Any = None) -> Any:
        """The strategy profile (an :class:`~gametheory.repeated.automaton.Automaton`)
        that plays ``profile`` and punishes deviations as ``punishment`` says."""
        return self.critical_discount(profile, punishment, reversion=reversion,
                                      sticks=sticks).strategy

    def is_subgame_perfect(self, profile: Sequence[Any], punishment: str = "grim", *,
                           discount: Any = None, reversion: Any = None,
                           sticks: Any = None) -> Any:
        """The exact one-shot deviation check, on the path and in every punishment phase,
        of the strategy profile :meth:`strategy` builds, at ``discount`` (default the
        game's own); a :class:`~gametheory.repeated.automaton.DeviationCheck` (true when
        subgame perfect).

        >>> import gametheory as gt
        >>> pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> rep = gt.RepeatedGame(pd)
        >>> bool(rep.is_subgame_perfect((0, 0), discount="1/2"))
        True
        >>> print(rep.is_subgame_perfect((0, 0), discount="49/100"))
        not subgame perfect at delta = 49/100 (smallest one-shot loss -1/25)
          Player 1 gains 1/25 by a2 in cooperation
          Player 2 gains 1/25 by b2 in cooperation
        """
        d = self._numeric_discount(discount, "the one-shot deviation check")
        th = self.critical_discount(profile, punishment, reversion=reversion, sticks=sticks)
        auto = th.strategy_at(d) or th.strategy
        if auto is None:
            raise GameError("no strategy profile of this kind plays that path; see "
                            "critical_discount for why")
        return auto.check(d)

    def equilibrium_payoffs(self, discount: Any = None, **options: Any) -> Any:
        """The subgame-perfect equilibrium payoff set with public randomisation (two
        players; Abreu & Sannikov 2014), by
        :func:`gametheory.repeated.payoff_set.equilibrium_payoffs` at ``discount``
        (default the game's own); ``options`` go to that function."""
        from .payoff_set import equilibrium_payoffs

        d = self._numeric_discount(discount, "the equilibrium payoff set")
        self._require_numeric("the equilibrium payoff set")
        return equilibrium_payoffs(self._stage, d, **options)

    def finite(self, horizon: int | None = None, discount: Any = None, *,
               max_paths: int | None = None) -> Any:
        """Subgame-perfect equilibria of the finitely repeated game by backward
        induction; see :func:`gametheory.repeated.finite.finite_spe`."""
        from .finite import finite_spe

        T = self._horizon if horizon is None else horizon
        if T is None:
            raise GameError("finite() needs a horizon: rep.finite(T) or "
                            "gt.RepeatedGame(stage, horizon=T)")
        return finite_spe(self, T, discount, max_paths=max_paths)

    def _critical_values(self, parameter: str, method: str = "auto", interval: Any = None,
                         symbolic: Any = None, **fixed: Any) -> list:
        """For :func:`gametheory.critical_values`; see
        :func:`gametheory.repeated.sensitivity.critical_values`."""
        from .sensitivity import repeated_critical_values

        return repeated_critical_values(self, parameter, method=method, interval=interval,
                                        symbolic=symbolic, **fixed)

    # ----------------------------------------------------------------- printing
    def __repr__(self) -> str:
        shape = " x ".join(str(n) for n in self.shape)
        d = self._discount
        when = (f"horizon {self._horizon}, " if self._horizon is not None else "")
        return f"<RepeatedGame of a {shape} stage game, {when}discount {fmt(d)}>"

    def __str__(self) -> str:
        head = ("Finitely repeated" if self._horizon is not None else "Infinitely repeated")
        periods = f" ({self._horizon} periods)" if self._horizon is not None else ""
        return (f"{head} game{periods}, discount factor {fmt(self._discount)}, "
                f"stage game:\n{self._stage}")
