"""All Nash equilibria of small N-player games: support enumeration with polynomial systems."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..errors import GameError, SolverError
from ..games.values import exact_number
from ._advice import suggest
from ._algebraic import algebraic_regret
from ._enumpoly_support import (
    conditionally_dominated,
    count_supports,
    exact_deviation_ok,
    iter_supports,
    solve_exact,
    solve_numeric,
    strategy_payoffs,
)
from ._progress import Budget
from .result import Solution, _algebraic, build_solution, default_tol

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame

__all__ = ["solve_enumpoly", "MAX_SUPPORTS", "accepts"]

#: More support profiles than this (prod over players of 2**n - 1) is refused.
MAX_SUPPORTS = 50_000

#: By default Groebner bases are used only up to this many unknowns (sum of n_i - 1) and
#: players: 3 x 3 x 3, 2 x 3 x 4 and 2 x 2 x 2 x 2 take seconds; 3 x 3 x 4 and 2**5 minutes.
MAX_ALGEBRAIC_UNKNOWNS, MAX_ALGEBRAIC_PLAYERS = 6, 4


def solve_enumpoly(game: NormalFormGame, exact: bool = False, tol: float | None = None,
                   algebraic: bool | None = None, starts: int = 20, seed: int = 0,
                   max_supports: int = MAX_SUPPORTS, time_limit: float | None = 120.0,
                   progress: bool = False) -> Solution:
    """Find all Nash equilibria of a small game of any number of players.

    Every support profile (one set of used strategies per player) is tried, smallest
    and most balanced first; a profile where some used strategy is strictly dominated
    given the others' supports is skipped (conditional dominance, Porter, Nudelman &
    Shoham 2008). On each remaining profile the indifference conditions -- each player's
    payoff equal across their support, probabilities summing to one -- form a polynomial
    system, multilinear in the other players' probabilities. It is solved exactly by a
    lex Groebner basis over the rationals (sympy), which finds every solution including
    irrational ones, or (``algebraic=False``) numerically by Newton's method from
    ``starts`` random points. Solutions inside the simplices with no profitable
    deviation outside the support are equilibria.

    Parameters
    ----------
    game : NormalFormGame
    exact : bool
        Return exact probabilities: Fractions where rational, sympy algebraic numbers
        (radicals or ``CRootOf``) where not. Needs rational payoffs.
    tol : float, optional
        Regret tolerance for float results (default 1e-9 times the payoff scale).
    algebraic : bool, optional
        Solve the systems with Groebner bases over the rationals (``True``; float payoffs
        are read as the decimals they print as) or numerically (``False``: equilibria may
        be missed and ``complete`` is False). Default: Groebner bases for games with at
        most :data:`MAX_ALGEBRAIC_UNKNOWNS` unknowns and :data:`MAX_ALGEBRAIC_PLAYERS`
        players, else SolverError.
    starts : int
        Newton starting points per support profile in the numeric mode.
    seed : int
        Seed of the random starting points (numeric mode).
    max_supports : int
        Refuse games with more support profiles than this (SolverError).
    time_limit : float, optional
        Seconds (default 120; None for no limit) after which enumeration stops: the
        equilibria found and verified so far are returned with ``complete=False`` and a
        note naming faster routes. Checked between support profiles and before each
        exact verification, so one slow Groebner basis can overrun it.
    progress : bool
        Show a tqdm progress bar over the support profiles.

    Returns
    -------
    Solution
        ``complete`` is True when every support system was solved exactly and had
        finitely many solutions: then every equilibrium is listed (for a continuum of
        equilibria, rational sample points of it are listed and ``complete`` is False).

    Raises
    ------
    SolverError
        When the game has too many support profiles, or too many unknowns for the
        default Groebner solving; use ``"pns"`` for one equilibrium instead.

    References
    ----------
    Porter, R., Nudelman, E. & Shoham, Y. (2008). Simple search methods for finding a
    Nash equilibrium. Games and Economic Behavior 63(2), 642-662. McKelvey, R. D. &
    McLennan, A. (1996). Computation of equilibria in finite games. Handbook of
    Computational Economics 1, 87-142 (section 6: polynomial systems). Datta, R. S.
    (2010). Finding all Nash equilibria of a finite game using polynomial algebra.
    Economic Theory 42(1), 55-96.

    Examples
    --------
    The three-player game of Nau, Gomez Canovas & Hansen (2004, section 4) has one
    equilibrium, in irrational probabilities:

    >>> import gametheory as gt
    >>> import numpy as np
    >>> U = np.zeros((3, 2, 2, 2), dtype=int)
    >>> cells = {(0, 0, 0): (3, 0, 2), (1, 0, 0): (0, 1, 0), (0, 1, 0): (0, 2, 0),
    ...          (1, 1, 0): (1, 0, 0), (0, 0, 1): (1, 0, 0), (1, 0, 1): (0, 3, 0),
    ...          (0, 1, 1): (0, 1, 0), (1, 1, 1): (2, 0, 3)}
    >>> for cell, pay in cells.items():
    ...     U[(slice(None), *cell)] = pay
    >>> g = gt.NormalFormGame(U)
    >>> sol = gt.solve(g, method="enumpoly", exact=True)
    >>> sol.complete, len(sol.equilibria)
    (True, 1)
    >>> sol.equilibria[0].strategies[0][0]
    53/46 - sqrt(601)/46
    >>> round(float(sol.equilibria[0].strategies[0][0]), 6)
    0.619233
    """
    from ..games.normal import NormalFormGame

    if not isinstance(game, NormalFormGame):
        raise GameError(f"enumpoly needs a NormalFormGame, got {type(game).__name__}")
    n_sup = count_supports(game.shape)
    if n_sup > max_supports:
        raise SolverError(f"enumpoly: a game of shape {game.shape} has {n_sup} support "
                          f"profiles (limit max_supports={max_supports}); "
                          f"{_one_equilibrium(game, exact)}, method='pure' for pure "
                          f"ones, or raise max_supports")
    unknowns = sum(n - 1 for n in game.shape)
    if algebraic is None:
        if unknowns > MAX_ALGEBRAIC_UNKNOWNS or game.num_players > MAX_ALGEBRAIC_PLAYERS:
            raise SolverError(f"enumpoly: a game of shape {game.shape} has {unknowns} "
                              f"unknowns; exact solving is limited to "
                              f"{MAX_ALGEBRAIC_UNKNOWNS} unknowns and "
                              f"{MAX_ALGEBRAIC_PLAYERS} players (minutes beyond); "
                              f"{_one_equilibrium(game, exact)}, or pass "
                              f"algebraic=False (numeric; may miss equilibria) or "
                              f"algebraic=True (exact; slow)")
        algebraic = True
    if exact and not algebraic:
        raise SolverError("enumpoly: exact=True needs algebraic=True")
    tol = default_tol(game) if tol is None else tol
    U = game.exact_payoffs() if algebraic else game.float_payoffs()
    Uf = game.float_payoffs()
    rng = np.random.default_rng(seed)
    complete, notes, profiles = algebraic, [], []
    skipped = continua = 0
    budget = Budget(count_supports(game.shape), "enumpoly", progress, time_limit,
                    unit="support")
    with budget:
        for support in iter_supports(game.shape):
            if budget.expired:
                complete = False
                notes.append(_stopped(game, time_limit, exact, "not every support was "
                                                               "tried"))
                break
            budget.step()
            if conditionally_dominated(Uf, support):
                skipped += 1
                continue
            if algebraic:
                sols, finite = solve_exact(U, support, exact=exact)
                if not finite:
                    continua += 1
                    complete = False
                for prof in sols:
                    if not exact:
                        profiles.extend(_deviation_ok(Uf, support, [prof], tol))
                    elif exact_deviation_ok(U, support, prof):
                        profiles.append(_convert(prof))
            else:
                for prof in _numeric(Uf, support, starts, rng, tol):
                    profiles.append(prof)
    if exact and any(_algebraic(x) for prof in profiles for v in prof for x in v):
        profiles = _verified(game, profiles, budget, notes)
        complete = complete and not budget.expired
    if continua:
        notes.append(f"{continua} support profile(s) have a continuum of solutions; "
                     f"sample points of each are listed")
    if not algebraic:
        notes.append("support systems solved numerically; equilibria may be missed")
    return build_solution(game, profiles, "enumpoly", complete=complete, exact=exact,
                          tol=tol, notes=notes)


def _one_equilibrium(game: NormalFormGame, exact: bool) -> str:
    """Advice for one equilibrium quickly: pns or qre, which need exact=False."""
    faster = suggest(game, ["pns", "qre"], exact)
    return (f"{faster} for one equilibrium quickly" if faster else
            "with exact=False, method='pns' finds one equilibrium quickly")


def _stopped(game: NormalFormGame, time_limit, exact: bool, what: str) -> str:
    return f"stopped after time_limit={time_limit:g} s; {what} ({_one_equilibrium(game, exact)})"


def _verified(game: NormalFormGame, profiles: list, budget: Budget, notes: list) -> list:
    """The profiles with irrational probabilities that pass the exact regret check
    before the deadline (rational ones are checked by build_solution); with a note
    when the deadline left some unchecked."""
    out, left = [], 0
    for prof in profiles:
        if not any(_algebraic(x) for v in prof for x in v):
            out.append(prof)
        elif budget.expired:
            left += 1
        elif algebraic_regret(game, prof)[0] == 0:
            out.append(prof)
    if left:
        notes.append(_stopped(game, budget.time_limit, True,
                              f"{left} irrational profile(s) left unverified and out"))
    return out


def _numeric(Uf: np.ndarray, support, starts: int, rng, tol: float) -> list:
    if all(len(s) == 1 for s in support):
        cands = [tuple(np.eye(n)[s[0]] for n, s in zip(Uf.shape[1:], support))]
    else:
        cands = solve_numeric(Uf, support, starts, rng, 1e-12)
    return _deviation_ok(Uf, support, cands, tol)


def _deviation_ok(Uf: np.ndarray, support, cands, tol: float) -> list:
    out = []
    for prof in cands:
        if all(strategy_payoffs(Uf, i, prof).max() - strategy_payoffs(Uf, i, prof)[s[-1]]
               <= tol for i, s in enumerate(support)):
            out.append(prof)
    return out


def _convert(prof) -> list:
    """Sympy numbers -> Fractions where rational, else kept as sympy algebraic numbers."""
    return [[exact_number(x) for x in vec] for vec in prof]


def accepts(game: NormalFormGame, exact: bool = False) -> bool:
    """Whether ``"enumpoly"`` takes this game with its default options: at most
    :data:`MAX_SUPPORTS` support profiles, :data:`MAX_ALGEBRAIC_UNKNOWNS` unknowns and
    :data:`MAX_ALGEBRAIC_PLAYERS` players (the registry's rule).

    >>> import numpy as np
    >>> import gametheory as gt
    >>> accepts(gt.NormalFormGame(np.zeros((3, 2, 2, 2)))), accepts(
    ...     gt.NormalFormGame(np.zeros((3, 3, 3, 3))))
    (True, True)
    >>> accepts(gt.NormalFormGame(np.zeros((3, 4, 4, 4))))
    False
    """
    shape = game.shape
    return (count_supports(shape) <= MAX_SUPPORTS
            and sum(n - 1 for n in shape) <= MAX_ALGEBRAIC_UNKNOWNS
            and game.num_players <= MAX_ALGEBRAIC_PLAYERS)
