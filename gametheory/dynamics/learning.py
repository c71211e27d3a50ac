"""Best-response dynamics and fictitious play on normal-form games of any number of players.

Both are step dynamics in which players choose pure best responses. Ties are broken by one
rule throughout: a player keeps the strategy they used last if it is still a best response
(within ``1e-12`` times the payoff scale), and otherwise takes the best response with the
lowest index. Results are :class:`~gametheory.dynamics.replicator.Trajectory` objects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ._trajectory import (
    Trajectory,
    build,
    check_mode,
    float_game,
    initial_profile,
    payoff_vectors,
    pick,
    positive_float,
    positive_int,
    pure_index,
)

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame

__all__ = ["best_response_dynamics", "fictitious_play"]


def _atol(U: np.ndarray) -> float:
    return 1e-12 * (1.0 + float(np.max(np.abs(U))))


def best_response_dynamics(game: NormalFormGame, initial: Any = None, *, steps: int = 100,
                           mode: str = "simultaneous") -> Trajectory:
    """Players switch to a pure best response to the current profile, step by step.

    Parameters
    ----------
    game : NormalFormGame
        Numeric payoffs, any number of players.
    initial : sequence, optional
        The starting profile (mixed strategies allowed; the first responses are to it);
        the centroid by default.
    steps : int
        Number of steps (> 0); the trajectory has ``steps + 1`` points.
    mode : {"simultaneous", "alternating"}
        Simultaneous: every player responds to the profile of the previous step.
        Alternating: at step ``t`` only player ``(t - 1) mod N`` responds.

    Returns
    -------
    Trajectory
        ``converged`` is True when the final profile is pure and no player would change
        (a pure Nash equilibrium); ``period`` is the length of the cycle when the pure
        profiles repeat without resting; ``actions`` holds each step's pure profile.

    Notes
    -----
    Ties: a player keeps their current (pure) strategy while it is a best response, and
    otherwise takes the lowest-indexed best response. The state (profile and, when
    alternating, whose turn it is) determines the next, so a repeated state is a cycle.

    References
    ----------
    Fudenberg, D. & Levine, D. K. (1998). The Theory of Learning in Games, MIT Press,
    chapter 1 (Cournot adjustment). Monderer, D. & Shapley, L. S. (1996). Potential games.
    Games and Economic Behavior 14, 124-143 (alternating responses converge in finite
    potential games).

    Examples
    --------
    Matching pennies cycles through all four pure profiles:

    >>> import gametheory as gt
    >>> mp = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> tr = gt.best_response_dynamics(mp, ["a1", "b1"], steps=8)
    >>> tr.actions.tolist()[:4], tr.period, tr.converged
    ([[0, 1], [1, 1], [1, 0], [0, 0]], 4, False)
    """
    U = float_game(game, "best-response dynamics")
    steps = positive_int(steps, "steps")
    mode = check_mode(mode)
    N, atol = U.shape[0], _atol(U)
    xs = list(initial_profile(game, initial))
    X = [np.empty((steps + 1, len(x))) for x in xs]
    for X_i, x in zip(X, xs):
        X_i[0] = x
    current = [pure_index(x) for x in xs]
    actions = np.empty((steps, N), dtype=np.int64)
    seen: dict[tuple, int] = {}
    period = None
    eye = [np.eye(n) for n in U.shape[1:]]
    for t in range(1, steps + 1):
        if mode == "simultaneous":
            movers, us = range(N), payoff_vectors(U, tuple(xs))
        else:
            movers = [(t - 1) % N]
            us = {movers[0]: payoff_vectors(U, tuple(xs), movers[0])[0]}
        for i in movers:
            current[i] = pick(us[i], current[i], atol)
            xs[i] = eye[i][current[i]]
        for X_i, x in zip(X, xs):
            X_i[t] = x
        actions[t - 1] = [-1 if c is None else c for c in current]
        if period is None and None not in current:
            state = (tuple(current), t % N if mode == "alternating" else 0)
            if state in seen:
                period = t - seen[state]
            seen[state] = t
    converged = None not in current and all(
        pick(u, c, atol) == c for u, c in zip(payoff_vectors(U, tuple(xs)), current))
    return build(game, f"best response ({mode})", np.arange(steps + 1), X, converged,
                 actions=actions, period=None if converged else period)


def fictitious_play(game: NormalFormGame, initial: Any = None, *, steps: int = 1000,
                    mode: str = "simultaneous", weight: float = 1.0,
                    tol: float = 1e-2) -> Trajectory:
    """Fictitious play: each player best-responds to the empirical frequencies of the
    others' past play (as independent mixed strategies).

    Parameters
    ----------
    game : NormalFormGame
        Numeric payoffs, any number of players.
    initial : sequence, optional
        Initial beliefs: a profile counted as ``weight`` prior observations; the centroid
        by default.
    steps : int
        Number of rounds of play (> 0); the trajectory has ``steps + 1`` points.
    mode : {"simultaneous", "alternating"}
        Simultaneous (Robinson 1951): all players respond to the frequencies before the
        round. Alternating (Brown 1951): players move in turn, each seeing the moves
        already made in the round.
    weight : float
        Prior weight of ``initial`` in observations (> 0).
    tol : float
        Converged when the final empirical frequencies have max regret <= ``tol``.

    Returns
    -------
    Trajectory
        ``profiles`` are the empirical frequencies (prior included) after each round;
        ``actions`` the pure strategies played in each round.

    Notes
    -----
    Ties: a player repeats their previous action while it is a best response, and
    otherwise plays the lowest-indexed best response (in the first round: the lowest).
    The frequencies converge to equilibrium in zero-sum games (Robinson 1951), in
    2 x n games, and in games with identical interests (Monderer & Shapley 1996), but
    not in general: in Shapley's (1964) 3 x 3 game they cycle with growing runs.

    References
    ----------
    Brown, G. W. (1951). Iterative solution of games by fictitious play. In Activity
    Analysis of Production and Allocation, Wiley, 374-376. Robinson, J. (1951). An
    iterative method of solving a game. Annals of Mathematics 54(2), 296-301.

    Examples
    --------
    Matching pennies: the frequencies approach one half each, slowly.

    >>> import gametheory as gt
    >>> mp = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> tr = gt.fictitious_play(mp, steps=2000)
    >>> [round(float(x[0]), 1) for x in tr.final], round(tr.regret, 3), tr.converged
    ([0.5, 0.5], 0.035, False)
    >>> gt.fictitious_play(mp, steps=2000, tol=0.05).converged
    True
    """
    U = float_game(game, "fictitious play")
    steps = positive_int(steps, "steps")
    mode = check_mode(mode)
    weight = positive_float(weight, "weight")
    tol = positive_float(tol, "tol")
    N, atol = U.shape[0], _atol(U)
    counts = [weight * x for x in initial_profile(game, initial)]
    X = [np.empty((steps + 1, len(c))) for c in counts]
    for X_i, c in zip(X, counts):
        X_i[0] = c / weight
    last: list[int | None] = [None] * N
    actions = np.empty((steps, N), dtype=np.int64)
    total = weight
    for t in range(1, steps + 1):
        if mode == "simultaneous":
            us = payoff_vectors(U, tuple(c / total for c in counts))
            last = [pick(u, a, atol) for u, a in zip(us, last)]
            for i, a in enumerate(last):
                counts[i][a] += 1.0
        else:
            for i in range(N):
                freq = tuple(c / c.sum() for c in counts)
                last[i] = pick(payoff_vectors(U, freq, i)[0], last[i], atol)
                counts[i][last[i]] += 1.0
        total += 1.0
        actions[t - 1] = last
        for X_i, c in zip(X, counts):
            X_i[t] = c / total
    final = tuple(X_i[-1] for X_i in X)
    from ..analysis.regret import max_regret

    converged = float(max_regret(game, final)) <= tol
    return build(game, f"fictitious play ({mode})", np.arange(steps + 1), X, converged,
                 actions=actions)
