"""Finitely repeated games: subgame-perfect equilibria by backward induction.

With a unique stage Nash equilibrium (pure or mixed) the unique subgame-perfect
equilibrium plays it in every period: play in the last period is the stage equilibrium
whatever happened, so nothing later rewards or punishes earlier play, and the argument
unravels back to the first period (Luce & Raiffa 1957, ch. 5; Selten 1978; Benoit &
Krishna 1985).

With several stage equilibria, earlier play can be rewarded by a good equilibrium at the
end and deviations punished by a bad one (Benoit & Krishna 1985). This module computes
the pure-strategy subgame-perfect equilibria exactly: with ``t`` periods left, the set
``E_t`` of their payoff vectors is

    E_1 = {u(e) : e a pure stage equilibrium},
    E_t = {u(a) + delta * w : w in E_(t-1), and for every player j
           u_j(a) + delta * w_j >= max_(b != a_j) u_j(b, a_-j) + delta * min_(w' in E_(t-1)) w'_j},

since after a deviation any subgame-perfect continuation may follow, the worst for the
deviator best. A path is a pure SPE path exactly when every period passes this test with
the continuation path's payoff (the one-shot deviation principle). Mixed stage equilibria
are not used as continuations; where one is worse for a player than every pure one, mixed
punishments could sustain more, and a note says so.

References
----------
Benoit, J.-P. & Krishna, V. (1985). Finitely repeated games. *Econometrica* 53, 905-922.
Luce, R. D. & Raiffa, H. (1957). *Games and Decisions*. Wiley, ch. 5. Selten, R. (1978).
The chain store paradox. *Theory and Decision* 9, 127-159. Gibbons, R. (1992). *Game
Theory for Applied Economists*. Princeton, sec. 2.3.A.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError, SolverError
from ..games._display import fmt
from ._common import parse_discount, profile_vector
from .automaton import stage_payoff
from .codes import best_deviation

if TYPE_CHECKING:
    from .game import RepeatedGame

__all__ = ["FiniteRepeated", "finite_spe", "MAX_WORK", "MAX_PATHS"]

#: The most (stage profile, continuation payoff) pairs examined in one period.
MAX_WORK = 2_000_000
#: The most SPE paths listed (``max_paths`` overrides); beyond it only counts are kept.
MAX_PATHS = 10_000


@dataclass(frozen=True, eq=False)
class FiniteRepeated:
    """Subgame-perfect equilibria of a finitely repeated game.

    Attributes
    ----------
    horizon : int
    discount : Fraction
        1 for undiscounted sums.
    method : str
        ``"unravelling"`` (a unique stage equilibrium) or ``"backward induction"`` (pure
        strategies, several stage equilibria).
    payoffs : tuple of tuple
        ``payoffs[t - 1]``: the sorted SPE payoff vectors (total discounted payoff from
        the first of ``t`` remaining periods) of the ``t``-period game, t = 1..horizon.
    worst : tuple of tuple
        ``worst[t - 1][j]``: player j's lowest SPE payoff with ``t`` periods left.
    playable : tuple of tuple
        ``playable[k]``: the stage profiles (labels) played in period ``k + 1`` on some
        SPE path.
    paths : tuple or None
        Every SPE path (a tuple of stage profiles by label), or None when there are more
        than ``max_paths``.
    path_count : int
        The number of SPE paths.
    notes : tuple of str
    """

    horizon: int
    discount: Fraction
    method: str
    payoffs: tuple
    worst: tuple
    playable: tuple
    paths: tuple | None
    path_count: int
    players: tuple
    notes: tuple = ()

    def records(self) -> list[dict[str, Any]]:
        """One plain dict per SPE path: ``path``, ``period k`` profiles, total payoffs."""
        if self.paths is None:
            raise GameError(f"{self.path_count} SPE paths are too many to list; raise "
                            "max_paths")
        rows = []
        for k, (path, value) in enumerate(self.paths):
            row: dict[str, Any] = {"path": k}
            for t, prof in enumerate(path):
                row[f"period {t + 1}"] = "(" + ", ".join(prof) + ")"
            for p, v in zip(self.players, value):
                row[f"payoff:{p}"] = v
            rows.append(row)
        return rows

    def __str__(self) -> str:
        disc = "undiscounted" if self.discount == 1 else f"discount {fmt(self.discount)}"
        how = ("the stage equilibrium in every period (unique stage equilibrium: "
               "unravelling)" if self.method == "unravelling" else
               "pure-strategy subgame-perfect equilibria by backward induction")
        lines = [f"{self.horizon}-period repeated game ({disc}): {how}"]
        for k, profs in enumerate(self.playable):
            lines.append(f"  period {k + 1}: " + ", ".join("(" + ", ".join(p) + ")"
                                                         for p in profs))
        pay = ", ".join("(" + ", ".join(fmt(x) for x in w) + ")" for w in self.payoffs[-1])
        lines.append(f"  SPE payoffs: {pay}")
        lines.append(f"  {self.path_count} SPE path{'s' if self.path_count != 1 else ''}")
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (f"<FiniteRepeated {self.horizon} periods, {self.method}, "
                f"{self.path_count} SPE paths>")


def finite_spe(rep: RepeatedGame, horizon: int, discount: Any = None, *,
               max_paths: int | None = None) -> FiniteRepeated:
    """The subgame-perfect equilibria of the ``horizon``-period repetition of the stage.

    Parameters
    ----------
    rep : RepeatedGame
        With numeric stage payoffs.
    horizon : int
        The number of periods, at least 1.
    discount : number, optional
        In (0, 1]; default the game's discount factor when it is a number, else 1
        (undiscounted sums, as in Benoit & Krishna 1985).
    max_paths : int, optional
        List the SPE paths when there are at most this many (default MAX_PATHS).

    Returns
    -------
    FiniteRepeated

    Raises
    ------
    SolverError
        When the stage game has several equilibria but no pure one, or the computation
        exceeds MAX_WORK pairs in a period.

    Examples
    --------
    Two periods of a game with two pure stage equilibria, (L, L) worth 1 and (R, R) worth
    3 (Gibbons 1992, sec. 2.3.A): (M, M), worth 4 but not an equilibrium, is played in
    period 1, deviations punished by (L, L) in period 2.

    >>> import gametheory as gt
    >>> A = [[1, 5, 0], [0, 4, 0], [0, 0, 3]]
    >>> g = gt.NormalFormGame.from_arrays(A, [list(r) for r in zip(*A)],
    ...                                   strategies=[["L", "M", "R"]] * 2)
    >>> res = gt.RepeatedGame(g).finite(2)
    >>> ("M", "M") in res.playable[0], res.playable[1]
    (True, (('L', 'L'), ('R', 'R')))
    >>> (("M", "M"), ("R", "R")) in [p for p, _ in res.paths]
    True
    """
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) \
            or horizon < 1:
        raise GameError(f"the horizon must be a positive number of periods; got {horizon!r}")
    T = int(horizon)
    rep._require_numeric("the finitely repeated game")
    if discount is None:
        d = rep.discount if not rep.discount_is_symbolic else Fraction(1)
    else:
        d = parse_discount(discount, True)
        if not isinstance(d, Fraction):
            raise GameError("the finitely repeated game needs a number for the discount "
                            "factor")
    limit = MAX_PATHS if max_paths is None else int(max_paths)
    U = rep.payoff_array()
    sol = rep.stage_equilibria()
    N = rep.num_players
    if sol.complete and len(sol.equilibria) == 1 and not any(
            not c.is_isolated for c in sol.components):
        return _unravel(rep, sol.equilibria[0], T, d, U)
    profiles = [tuple(int(x) for x in a) for a in np.ndindex(*rep.shape)]
    pay = {a: tuple(stage_payoff(U, j, a) for j in range(N)) for a in profiles}
    short = {}
    for a in profiles:      # the largest one-period gain of each player at a
        row = []
        for j in range(N):
            dv, arg = best_deviation(U, j, a)
            row.append(None if arg is None else dv - pay[a][j])
        short[a] = tuple(row)
    nash = [a for a in profiles if all(g is None or g <= 0 for g in short[a])]
    if not nash:
        raise SolverError("the stage game has several Nash equilibria but no pure one; "
                          "pure-strategy subgame-perfect equilibria do not exist")
    notes = _mixed_note(rep, sol, nash, pay)
    # level[t]: {payoff vector: [(first profile, continuation payoff vector or None)]}
    level = [{}]
    for a in nash:
        level[0].setdefault(pay[a], []).append((a, None))
    for t in range(2, T + 1):
        prev = level[-1]
        if len(profiles) * len(prev) > MAX_WORK:
            raise SolverError(f"{len(profiles)} stage profiles times {len(prev)} SPE payoffs "
                              f"of the {t - 1}-period game exceed {MAX_WORK}; use a shorter "
                              "horizon or a smaller stage game")
        worst = [min(w[j] for w in prev) for j in range(N)]
        cur: dict = {}
        for a in profiles:
            for w in prev:
                if all(g is None or g <= d * (w[j] - worst[j])
                       for j, g in enumerate(short[a])):
                    v = tuple(pay[a][j] + d * w[j] for j in range(N))
                    cur.setdefault(v, []).append((a, w))
        level.append(cur)
    return _collect(rep, level, T, d, limit, notes)


def _mixed_note(rep: RepeatedGame, sol: Any, nash: list, pay: dict) -> tuple:
    worst_pure = [min(pay[a][j] for a in nash) for j in range(rep.num_players)]
    for eq in sol.equilibria:
        if not eq.is_pure and any(v < worst_pure[j] for j, v in enumerate(eq.payoffs)):
            return ("a mixed stage equilibrium is worse for some player than every pure "
                    "one; as a punishment it could sustain more than these pure-strategy "
                    "equilibria",)
    return ()


def _collect(rep: RepeatedGame, level: list, T: int, d: Fraction, limit: int,
             notes: tuple) -> FiniteRepeated:
    N = rep.num_players
    labels = rep.strategies

    def lab(a):
        return tuple(labels[i][x] for i, x in enumerate(a))

    counts: list[dict] = []
    for t, lv in enumerate(level):
        c = {}
        for v, moves in lv.items():
            c[v] = sum(1 if w is None else counts[t - 1][w] for _, w in moves)
        counts.append(c)
    total = sum(counts[-1].values())
    # playable: forward from the values of the T-period game
    playable, live = [], set(level[-1])
    for t in range(T - 1, -1, -1):
        profs, nxt = set(), set()
        for v in live:
            for a, w in level[t][v]:
                profs.add(a)
                if w is not None:
                    nxt.add(w)
        playable.append(tuple(lab(a) for a in sorted(profs)))
        live = nxt
    paths = None
    if total <= limit:
        def walk(t, v):
            for a, w in level[t][v]:
                if w is None:
                    yield (lab(a),)
                else:
                    for rest in walk(t - 1, w):
                        yield (lab(a),) + rest
        paths = tuple((p, v) for v in sorted(level[-1]) for p in walk(T - 1, v))
    return FiniteRepeated(T, d, "backward induction",
                          tuple(tuple(sorted(lv)) for lv in level),
                          tuple(tuple(min(w[j] for w in lv) for j in range(N))
                                for lv in level),
                          tuple(playable), paths, total, rep.players, notes)


def _unravel(rep: RepeatedGame, eq: Any, T: int, d: Fraction, U: Any) -> FiniteRepeated:
    from .automaton import _action_text

    e = profile_vector(rep, eq)
    prof = tuple(_action_text(lab, a) for lab, a in zip(rep.strategies, e))
    u = tuple(stage_payoff(U, j, e) for j in range(rep.num_players))
    pays, worst = [], []
    for t in range(1, T + 1):
        w = tuple(sum(d ** k for k in range(t)) * x for x in u)
        pays.append((w,))
        worst.append(w)
    return FiniteRepeated(T, d, "unravelling", tuple(pays), tuple(worst), ((prof,),) * T,
                          (((prof,) * T, pays[-1][0]),), 1, rep.players)
