"""Evolutionary and learning dynamics on normal-form games of any number of players.

The replicator dynamic (continuous, integrated with :func:`scipy.integrate.solve_ivp`, and
discrete) lives here; best-response dynamics and fictitious play live in
:mod:`gametheory.dynamics.learning` and are re-exported. Each returns a
:class:`Trajectory`: times, one array of mixed strategies per player, the final profile,
whether the dynamic came to rest, and the final profile's regret.

In the N-population replicator each player is a population whose shares ``x_i`` grow at
the rate by which their payoff exceeds the population's mean:
``dx_ik/dt = x_ik (u_ik(x_-i) - x_i . u_i(x_-i))``. It is integrated in log-shares,
``d log x_ik / dt = u_ik - x_i . u_i``, and the shares are recovered by normalising
``exp``, so they stay positive and sum to one to rounding however small they get;
strategies with share 0 stay at 0 (each face of the simplex is invariant).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError, SolverError
from ._trajectory import (
    Trajectory,
    build,
    float_game,
    initial_profile,
    payoff_vectors,
    positive_float,
    positive_int,
    symmetric_initial,
)
from .learning import best_response_dynamics, fictitious_play

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame

__all__ = ["replicator", "discrete_replicator", "best_response_dynamics",
           "fictitious_play", "Trajectory"]


def _softmax(Y: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Row-wise normalised exp over the last axis, with masked-out entries 0."""
    Z = np.where(mask, Y, -np.inf)
    E = np.exp(Z - Z.max(axis=-1, keepdims=True))
    return E / E.sum(axis=-1, keepdims=True)


def _populations(game, initial, symmetric):
    """(payoff array, starting shares per population) for either form."""
    U = float_game(game, "the replicator dynamic")
    if symmetric:
        return U[:1], (symmetric_initial(game, initial),)
    return U, initial_profile(game, initial)


def _field(U, xs, symmetric):
    """Payoff of each strategy of each population against the current shares."""
    if symmetric:
        return [U[0] @ xs[0]]
    return payoff_vectors(U, xs)


def _growth(U, xs, starts, symmetric) -> float:
    """The largest advantage ``u_ik - x_i . u_i`` over the population's mean among the
    strategies present at the start: the regret within the starting supports."""
    us = _field(U, xs, symmetric)
    return max(float(np.max(np.where(x0 > 0, u - x @ u, -np.inf)))
               for x, u, x0 in zip(xs, us, starts))


def replicator(game: NormalFormGame, initial: Any = None, *, t_max: float = 100.0,
               points: int = 201, symmetric: bool = False, tol: float = 1e-6, rtol: float = 1e-9,
               atol: float = 1e-10, method: str = "RK45") -> Trajectory:
    """Integrate the continuous-time replicator dynamic from ``initial``.

    Parameters
    ----------
    game : NormalFormGame
        Numeric payoffs, any number of players (one population per player).
    initial : sequence, optional
        The starting profile (probability vectors, labels or indices, one per player);
        the centroid by default. With ``symmetric=True``: one probability vector (or a
        strategy) for the single population.
    t_max : float
        The time horizon (> 0).
    points : int
        Number of equally spaced output times in ``[0, t_max]`` (>= 2).
    symmetric : bool
        For a symmetric two-player game, the single-population dynamic
        ``dx_k/dt = x_k ((A x)_k - x . A x)`` with ``A`` the row player's payoffs; both
        players' profiles in the trajectory are the population's shares.
    tol : float
        Converged when at ``t_max`` no strategy present at the start grows faster than
        ``tol`` (``d log x_ik/dt = u_ik - x_i . u_i <= tol``): the final profile is then
        within ``tol`` of an equilibrium of the game restricted to the starting supports
        (of the whole game when the start is interior). A trajectory slowing down near a
        saddle, where an absent-looking strategy still grows, has not converged. From a
        pure start the profile is a rest point and "converges" whatever its regret.
    rtol, atol, method
        Passed to :func:`scipy.integrate.solve_ivp` (log-shares are integrated).

    Returns
    -------
    Trajectory

    References
    ----------
    Taylor, P. D. & Jonker, L. B. (1978). Evolutionarily stable strategies and game
    dynamics. Mathematical Biosciences 40, 145-156. Hofbauer, J. & Sigmund, K. (1998).
    Evolutionary Games and Population Dynamics, Cambridge UP, chapters 7 and 10-11.

    Examples
    --------
    Hawk-Dove (V = 2, C = 4): the population settles at the mixed ESS, half hawks.

    >>> import gametheory as gt
    >>> hd = gt.NormalFormGame.from_arrays([[-1, 2], [0, 1]], [[-1, 0], [2, 1]])
    >>> tr = gt.replicator(hd, [0.9, 0.1], symmetric=True, t_max=50)
    >>> tr.converged, tr.final[0].round(6).tolist(), bool(tr.regret < 1e-8)
    (True, [0.5, 0.5], True)
    """
    t_max = positive_float(t_max, "t_max")
    points = positive_int(points, "points")
    if points < 2:
        raise GameError(f"points must be at least 2; got {points}")
    tol = positive_float(tol, "tol")
    U, xs0 = _populations(game, initial, symmetric)
    sizes = [len(x) for x in xs0]
    cuts = np.cumsum(sizes)[:-1]
    mask = np.concatenate([x > 0 for x in xs0])
    masks = np.split(mask, cuts)
    y0 = np.where(mask, np.log(np.where(mask, np.concatenate(xs0), 1.0)), 0.0)

    def rhs(_t, y):  # d log x_ik / dt = u_ik - x_i . u_i (the mean keeps y near log x)
        xs = [_softmax(b, m) for b, m in zip(np.split(y, cuts), masks)]
        dy = [u - x @ u for x, u in zip(xs, _field(U, xs, symmetric))]
        return np.where(mask, np.concatenate(dy), 0.0)

    from scipy.integrate import solve_ivp

    t_eval = np.linspace(0.0, t_max, points)
    sol = solve_ivp(rhs, (0.0, t_max), y0, method=method, t_eval=t_eval, rtol=rtol, atol=atol)
    if not sol.success:
        raise SolverError(f"the replicator integration failed: {sol.message}")
    Y = sol.y.T
    X = [_softmax(b, m) for b, m in zip(np.split(Y, cuts, axis=1), masks)]
    final = [x[-1] for x in X]
    growth = _growth(U, final, xs0, symmetric)
    name = "replicator"
    if symmetric:
        X, name = X * 2, "replicator (single population)"
    return build(game, name, sol.t, X, growth <= tol)


def discrete_replicator(game: NormalFormGame, initial: Any = None, *, steps: int = 1000,
                        shift: float | None = None, symmetric: bool = False,
                        tol: float = 1e-6) -> Trajectory:
    """Iterate the discrete-time replicator dynamic
    ``x_ik <- x_ik (u_ik + c) / (x_i . u_i + c)``.

    Parameters
    ----------
    game : NormalFormGame
        Numeric payoffs, any number of players.
    initial : sequence, optional
        As in :func:`replicator`; the centroid by default.
    steps : int
        Number of generations (> 0); the trajectory has ``steps + 1`` points.
    shift : float, optional
        The constant ``c`` added to every payoff so that fitness is positive. By default
        each player's payoffs are shifted so that their smallest is 1
        (``c_i = 1 - min u_i``). A given ``shift`` must make every payoff positive.
    symmetric : bool
        The single-population version for a symmetric two-player game, as in
        :func:`replicator`.
    tol : float
        Converged when no strategy present at the start does better than its population's
        mean by more than ``tol`` at the end, as in :func:`replicator`.

    Returns
    -------
    Trajectory

    References
    ----------
    Hofbauer, J. & Sigmund, K. (1998). Evolutionary Games and Population Dynamics,
    Cambridge UP, section 16.1 (discrete-time replicator). Weibull, J. (1995).
    Evolutionary Game Theory, MIT Press, section 4.1.

    Examples
    --------
    In the Prisoner's Dilemma defection takes over:

    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> tr = gt.discrete_replicator(pd, [[0.9, 0.1], [0.9, 0.1]], steps=200)
    >>> tr.converged, [round(float(x[1]), 6) for x in tr.final]
    (True, [1.0, 1.0])
    """
    steps = positive_int(steps, "steps")
    tol = positive_float(tol, "tol")
    U, xs0 = _populations(game, initial, symmetric)
    lows = U.reshape(U.shape[0], -1).min(axis=1)
    if shift is None:
        c = 1.0 - lows
    else:
        c = np.full(len(lows), float(shift))
        bad = np.flatnonzero(lows + c <= 0)
        if bad.size:
            i = int(bad[0])
            raise GameError(f"shift {shift} leaves payoffs of {game.players[i]} non-positive "
                            f"(smallest payoff {lows[i]:g}); use a shift above {-lows[i]:g}")
    X = [np.empty((steps + 1, len(x))) for x in xs0]
    xs = list(xs0)
    for X_i, x in zip(X, xs):
        X_i[0] = x
    for t in range(1, steps + 1):
        us = _field(U, xs, symmetric)
        xs = [x * (u + ci) / (x @ u + ci) for x, u, ci in zip(xs, us, c)]
        xs = [x / x.sum() for x in xs]
        for X_i, x in zip(X, xs):
            X_i[t] = x
    growth = _growth(U, xs, xs0, symmetric)
    name = "discrete replicator"
    if symmetric:
        X, name = X * 2, "discrete replicator (single population)"
    return build(game, name, np.arange(steps + 1), X, growth <= tol)
