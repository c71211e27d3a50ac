"""One Nash equilibrium of a moderate N-player game: Porter-Nudelman-Shoham search."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..errors import GameError, SolverError
from ._advice import suggest
from ._enumpoly_support import (
    conditionally_dominated,
    count_supports,
    iter_supports,
    solve_numeric,
)
from ._progress import Budget
from .enumpoly import _deviation_ok
from .result import Solution, build_solution, default_tol

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame

__all__ = ["solve_pns"]


def solve_pns(game: NormalFormGame, exact: bool = False, tol: float | None = None, starts: int = 8,
              seed: int = 0, time_limit: float | None = 60.0, progress: bool = False
              ) -> Solution:
    """Find one Nash equilibrium of an N-player game by searching small supports first.

    Support profiles are tried in order of total size, then balance (most equal sizes
    first); a profile where some used strategy is strictly dominated given the others'
    supports is skipped (conditional dominance). On each remaining profile the
    indifference system is solved by Newton's method (Levenberg-Marquardt) from
    ``starts`` random interior points; the first solution inside the simplices with no
    profitable deviation is returned. Games met in practice and random games usually
    have an equilibrium with small, balanced supports, so the search ends early
    (Porter, Nudelman & Shoham 2008, sections 4-5).

    Parameters
    ----------
    game : NormalFormGame
    exact : bool
        Not supported (the search is numeric); use ``"enumpoly"`` for exact answers.
    tol : float, optional
        Regret tolerance (default 1e-9 times the payoff scale).
    starts : int
        Newton starting points per support profile.
    seed : int
        Seed of the starting points.
    time_limit : float, optional
        Seconds before giving up (SolverError), checked between support profiles.
    progress : bool
        Show a tqdm progress bar over the support profiles tried.

    Returns
    -------
    Solution
        One equilibrium; ``complete`` is False.

    References
    ----------
    Porter, R., Nudelman, E. & Shoham, Y. (2008). Simple search methods for finding a
    Nash equilibrium. Games and Economic Behavior 63(2), 642-662.

    Examples
    --------
    >>> import numpy as np
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame(np.random.default_rng(1).random((4, 4, 4, 4, 4)))
    >>> sol = gt.solve(g, method="pns")
    >>> len(sol.equilibria), sol.complete, bool(gt.max_regret(g, sol.equilibria[0]) < 1e-9)
    (1, False, True)
    """
    from ..games.normal import NormalFormGame

    if not isinstance(game, NormalFormGame):
        raise GameError(f"pns needs a NormalFormGame, got {type(game).__name__}")
    if exact:
        raise SolverError("pns is numeric; use method='enumpoly' with exact=True")
    tol = default_tol(game) if tol is None else tol
    Uf = game.float_payoffs()
    rng = np.random.default_rng(seed)
    with Budget(count_supports(game.shape), "pns", progress, time_limit,
                unit="support") as budget:
        for support in iter_supports(game.shape):
            if budget.expired:
                better = suggest(game, ["qre"], exact)
                raise SolverError(f"pns found no equilibrium within {time_limit:g} s; "
                                  f"{better + ' or ' if better else ''}raise time_limit")
            budget.step()
            if conditionally_dominated(Uf, support):
                continue
            if all(len(s) == 1 for s in support):
                cands = [tuple(np.eye(n)[s[0]] for n, s in zip(game.shape, support))]
            else:
                cands = solve_numeric(Uf, support, starts, rng, 1e-12)
            good = _deviation_ok(Uf, support, cands, tol)
            if good:
                sol = build_solution(game, good[:1], "pns", complete=False, exact=False,
                                     tol=tol, notes=[f"support sizes "
                                                     f"{tuple(len(s) for s in support)}"])
                if sol.equilibria:
                    return sol
    raise SolverError("pns: no support profile gave an equilibrium (numeric failure); "
                      + suggest(game, ["enumpoly", "qre"], exact, extra="try more starts"))
