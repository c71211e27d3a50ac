"""Games where every player but one has a single strategy: solved by best responses.

Then the one player with a choice faces a fixed opponent profile, so the Nash
equilibria are exactly that player's mixtures over their best responses: one
component, a face of their simplex, whose extreme points are the pure best responses.
Linear time in the number of strategies; used by ``"auto"`` and ``"support"``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .result import Component, NashSubset, Solution, build_solution, default_tol

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame

__all__ = ["one_chooser", "solve_best_response", "accepts"]


def one_chooser(game: NormalFormGame) -> bool:
    """True when at most one player has more than one strategy."""
    return sum(n > 1 for n in game.shape) <= 1


def solve_best_response(game: NormalFormGame, exact: bool = False, tol: float | None = None,
                        method: str = "best-response") -> Solution:
    """All equilibria of a game where at most one player has several strategies.

    Float payoffs within ``tol`` of the best count as best responses (the regret
    tolerance of every float solution). ``method`` names the method in the Solution
    (``"auto"`` reports ``"best-response"``, ``"support"`` its own name). ``complete``
    is True: the equilibrium set is the face spanned by the pure best responses,
    reported as one component whose extreme equilibria are those pure profiles.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. Annals of Mathematics 54(2), 286-295 (an
    equilibrium is a profile of mutual best responses).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[0, 0, 0]], [[3, 1, 3]])
    >>> sol = solve_best_response(g, exact=True)
    >>> sol.complete, [eq.supports for eq in sol.equilibria]
    (True, [((0,), (0,)), ((0,), (2,))])
    >>> sol.components[0].equilibria
    (0, 1)
    """
    from ..errors import SolverError

    if not one_chooser(game):
        raise SolverError(f"best responses solve a game only when every player but one "
                          f"has a single strategy; this one has shape {game.shape}")
    shape = game.shape
    choosers = [i for i, n in enumerate(shape) if n > 1]
    i = choosers[0] if choosers else 0
    U = game.exact_payoffs() if exact else game.float_payoffs()
    u = U[i].reshape(-1)                  # player i's payoff of each own strategy
    tol = default_tol(game) if tol is None else tol
    best = u.max()
    br = [int(k) for k in np.flatnonzero(u == best if exact else u >= best - tol)]
    one = [np.ones(1, dtype=object if exact else float) for _ in shape]
    profiles = []
    for k in br:
        vec = np.zeros(shape[i], dtype=object if exact else float)  # int 0s if exact
        vec[k] = 1
        profiles.append(tuple(vec if j == i else one[j] for j in range(len(shape))))
    extreme = tuple(tuple(p[j] for p in profiles) if j == i else (one[j],)
                    for j in range(len(shape)))
    members = tuple(range(len(profiles)))
    comp = Component((NashSubset(extreme, members),), members)
    who = game.players[i]
    note = (f"only {who} has a choice: the equilibria are {who}'s mixtures over "
            f"{'their best response' if len(br) == 1 else f'their {len(br)} best responses'}"
            f" (found in linear time)")
    return build_solution(game, profiles, method, complete=True, exact=exact, tol=tol,
                          components=[comp], notes=[note])


def accepts(game: NormalFormGame, exact: bool = False) -> bool:
    """Whether ``"best-response"`` takes this game: :func:`one_chooser` (the registry's
    rule).

    >>> import gametheory as gt
    >>> accepts(gt.NormalFormGame.from_arrays([[0, 0, 0]], [[3, 1, 3]]))
    True
    """
    return one_chooser(game)
